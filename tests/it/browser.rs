//! The page and the report in a real browser: Debian's Chromium, headless, driven through
//! `chromedriver` (WebDriver, with `fantoccini`).
//!
//! - The page: load it, move two levers with the keyboard as a student would, and check that
//!   the charts change, that the numbers are a CLI `run`'s with the same `--set`, that no
//!   console error occurred, and that the saved scenario runs to the same numbers; time one
//!   move from input to redrawn chart; take screenshots (normal and projector mode).
//! - The report: open it from disk, check that it made no network request (the browser's
//!   resource timing lists none), print it to PDF, take a screenshot.
//!
//! Screenshots go to `target/tmp/browser/` for a person to look at. Without `chromium` and
//! `chromedriver` on the PATH these tests print a loud SKIPPED message and pass, unless
//! `PROTRACTED_REQUIRE_BROWSER=1` (set by `.ci/run`), which makes a missing browser a failure.

use crate::common::{bin, root};
use crate::serve::{Served, cli_summary, results_of, sets_of};
use fantoccini::key::Key;
use fantoccini::wd::{PrintConfiguration, WebDriverCompatibleCommand};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tempfile::TempDir;

/// The environment variable that turns a skip into a failure.
pub const REQUIRE: &str = "PROTRACTED_REQUIRE_BROWSER";

fn which(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for n in names {
            let p = dir.join(n);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// Chromium and chromedriver, or `None` after saying loudly why the test is skipped.
fn tools(test: &str) -> Option<(PathBuf, PathBuf)> {
    let chromium = which(&["chromium", "chromium-browser"]);
    let driver = which(&["chromedriver"]);
    match (chromium, driver) {
        (Some(c), Some(d)) => Some((c, d)),
        (c, d) => {
            let missing: Vec<&str> = [("chromium", c.is_none()), ("chromedriver", d.is_none())]
                .iter()
                .filter(|x| x.1)
                .map(|x| x.0)
                .collect();
            let msg = format!(
                "browser test `{test}` SKIPPED: {} not found on PATH (Debian: apt-get install chromium chromium-driver)",
                missing.join(" and ")
            );
            if std::env::var(REQUIRE).is_ok_and(|v| v == "1") {
                panic!("{msg}, and {REQUIRE}=1 requires it");
            }
            eprintln!("\n{}\n*** {msg} ***\n{}\n", "*".repeat(100), "*".repeat(100));
            None
        }
    }
}

/// Where screenshots go.
fn shots() -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser");
    std::fs::create_dir_all(&d).expect("a screenshot directory");
    d
}

/// A chromedriver process and a session in headless Chromium.
struct Browser {
    driver: Child,
    client: Option<Client>,
    _profile: TempDir,
}

impl Browser {
    async fn start(chromium: &Path, chromedriver: &Path) -> Browser {
        let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").port();
        let driver = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let profile = TempDir::new().expect("a profile directory");
        let caps = json!({
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=1280,900",
                    format!("--user-data-dir={}", profile.path().display()),
                ],
            },
            "goog:loggingPrefs": { "browser": "ALL" },
        });
        let caps = caps.as_object().expect("an object").clone();
        let url = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(30);
        let client = loop {
            let conn = hyper_util::client::legacy::connect::HttpConnector::new();
            match ClientBuilder::new(conn).capabilities(caps.clone()).connect(&url).await {
                Ok(c) => break c,
                Err(e) if Instant::now() > deadline => panic!("no WebDriver session: {e}"),
                Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
            }
        };
        Browser { driver, client: Some(client), _profile: profile }
    }

    fn c(&self) -> &Client {
        self.client.as_ref().expect("a session")
    }

    async fn js(&self, script: &str) -> Value {
        self.c().execute(script, vec![]).await.unwrap_or_else(|e| panic!("{script}: {e}"))
    }

    /// Poll `script` until it returns true.
    async fn until(&self, what: &str, script: &str) {
        let deadline = Instant::now() + Duration::from_secs(90);
        while self.js(script).await != Value::Bool(true) {
            assert!(Instant::now() < deadline, "timed out waiting for {what}");
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// The browser console's entries (chromedriver's log endpoint).
    async fn console(&self) -> Vec<Value> {
        let v = self.c().issue_cmd(GetLog).await.expect("the browser log");
        v.as_array().cloned().unwrap_or_default()
    }

    async fn screenshot(&self, name: &str) -> PathBuf {
        let png = self.c().screenshot().await.expect("a screenshot");
        let p = shots().join(name);
        std::fs::write(&p, png).expect("written");
        eprintln!("browser screenshot: {}", p.display());
        p
    }

    async fn close(mut self) {
        if let Some(c) = self.client.take() {
            let _ = c.close().await;
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// chromedriver's `POST /session/{id}/se/log` (the console, which WebDriver itself lacks).
#[derive(Debug)]
struct GetLog;

impl WebDriverCompatibleCommand for GetLog {
    fn endpoint(&self, base: &url::Url, session: Option<&str>) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/se/log", session.unwrap_or_default()))
    }
    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(json!({ "type": "browser" }).to_string()))
    }
}

fn errors_in(log: &[Value]) -> Vec<String> {
    log.iter().filter(|e| e["level"] == "SEVERE").map(|e| e["message"].to_string()).collect()
}

const RENDERS: &str = "return Number(document.body.dataset.renders || 0)";
const SETTLED: &str =
    "return window.protracted && protracted.state.inflight === null && document.body.dataset.renders !== undefined";

async fn press(b: &Browser, lever: &str, key: Key, times: usize) {
    let input = b.c().find(Locator::Css(&format!("#lever-{lever}"))).await.expect("the lever");
    for _ in 0..times {
        input.send_keys(&key.to_string()).await.expect("a key press");
    }
}

/// Wait until a render newer than `after` has happened and nothing is in flight; the
/// number of renders then.
async fn settle(b: &Browser, after: u64) -> u64 {
    b.until("a new render", &format!("return Number(document.body.dataset.renders || 0) > {after}")).await;
    b.until("no request in flight", SETTLED).await;
    tokio::time::sleep(Duration::from_millis(150)).await;
    b.until("no request in flight", SETTLED).await;
    b.js(RENDERS).await.as_u64().unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_moves_levers_redraws_and_saves() {
    let Some((chromium, driver)) = tools("the_page_moves_levers_redraws_and_saves") else { return };
    let s = Served::start(&["scenarios/baseline.toml", "--runs", "1000"]);
    let b = Browser::start(&chromium, &driver).await;
    b.c().goto(&s.url()).await.expect("the page loads");
    let n = settle(&b, 0).await;
    let before = b.js("return document.querySelector('#chart-tipping svg').outerHTML").await;
    assert!(before.as_str().is_some_and(|s| s.starts_with("<svg")), "a tipping chart");
    let levers = b.js("return document.querySelectorAll('.lever').length").await;
    assert_eq!(levers, json!(8));

    // Two levers, moved with the arrow keys: European aid 1 → 2, the Kremlin's learning 1 → 3.
    press(&b, "europe_aid", Key::Right, 10).await;
    let n = settle(&b, n).await;
    press(&b, "kremlin_learning", Key::Right, 8).await;
    let n = settle(&b, n).await;
    let after = b.js("return document.querySelector('#chart-tipping svg').outerHTML").await;
    assert_ne!(before, after, "the tipping chart changed");
    let shown = b.js("return [protracted.state.values.europe_aid, protracted.state.values.kremlin_learning]").await;
    assert_eq!(shown, json!([2, 3]));
    let answer = b.js("return protracted.last").await;
    let sets = sets_of(&answer);
    assert_eq!(sets.len(), 2, "{sets:?}");
    let moved_rows = b.js("return document.querySelectorAll('#numbers tr.moved').length").await;
    assert_eq!(moved_rows, json!(3), "two sides and the outcomes, with the levers moved");

    // The numbers are the CLI's.
    let mut args =
        vec!["scenarios/baseline.toml".to_string(), "--runs".into(), "1000".into(), "--seed".into(), "2025".into()];
    for set in &sets {
        args.push("--set".into());
        args.push(set.clone());
    }
    assert_eq!(results_of(&answer["summary"]), results_of(&cli_summary(&args)));

    // The saved scenario round-trips.
    let text =
        b.c().execute_async("protracted.savedScenarioText().then(arguments[0])", vec![]).await.expect("the saved text");
    let tmp = TempDir::new().expect("temp dir");
    std::fs::copy(root().join("scenarios/baseline.toml"), tmp.path().join("baseline.toml")).expect("copy");
    let saved = tmp.path().join("saved.toml");
    std::fs::write(&saved, text.as_str().expect("text")).expect("write");
    assert_eq!(results_of(&answer["summary"]), results_of(&cli_summary(&[saved.display().to_string()])));

    // Input to redrawn chart, one step at a time (printed, and recorded in PERFORMANCE.md).
    let mut ms = Vec::new();
    let mut n = n;
    for _ in 0..5 {
        press(&b, "oil", Key::Left, 1).await;
        n = settle(&b, n).await;
        ms.push(b.js("return Number(document.body.dataset.ms)").await.as_f64().expect("ms"));
    }
    ms.sort_by(f64::total_cmp);
    eprintln!("browser: input to redrawn charts, 1,000 runs, 5 moves: {ms:?} ms (median {} ms)", ms[2]);

    b.js("window.scrollTo(0, 0); return true").await;
    let _ = b.screenshot("serve.png").await;
    b.c().find(Locator::Css("body")).await.expect("body").send_keys("p").await.expect("projector");
    b.until("projector mode", "return document.body.classList.contains('projector')").await;
    let _ = b.screenshot("serve-projector.png").await;

    let errors = errors_in(&b.console().await);
    assert!(errors.is_empty(), "console errors: {errors:?}");
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_report_renders_offline_and_prints() {
    let Some((chromium, driver)) = tools("the_report_renders_offline_and_prints") else { return };
    let tmp = TempDir::new().expect("temp dir");
    let out = tmp.path().join("report.html");
    let o = bin()
        .args(["report", "scenarios/baseline.toml", "scenarios/europe-surge.toml", "--runs", "200", "--quiet", "--out"])
        .arg(&out)
        .output()
        .expect("runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let b = Browser::start(&chromium, &driver).await;
    b.c().goto(&format!("file://{}", out.display())).await.expect("the report opens");
    b.until("the document", "return document.readyState === 'complete'").await;
    let requests = b.js("return performance.getEntriesByType('resource').map(e => e.name)").await;
    assert_eq!(requests, json!([]), "the report fetched something");
    let svgs = b.js("return document.querySelectorAll('svg').length").await;
    assert_eq!(svgs, json!(20), "4 comparison charts and 8 per scenario");
    let width = b.js("return document.querySelector('figure svg').getBoundingClientRect().width").await;
    assert!(width.as_f64().is_some_and(|w| w > 500.0), "charts fill the column: {width}");
    let pdf = b.c().print(PrintConfiguration::default()).await.expect("prints to PDF");
    assert!(pdf.starts_with(b"%PDF") && pdf.len() > 10_000, "a PDF");
    std::fs::write(shots().join("report.pdf"), &pdf).expect("written");
    let _ = b.screenshot("report.png").await;
    b.js("document.querySelector('#comparison figure').scrollIntoView(); return true").await;
    let _ = b.screenshot("report-charts.png").await;
    let errors = errors_in(&b.console().await);
    assert!(errors.is_empty(), "console errors: {errors:?}");
    b.close().await;
}
