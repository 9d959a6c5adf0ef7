//! `protracted serve` over plain HTTP (no browser): the guards (Host, Origin, body size, no
//! path traversal, security headers), lever validation with located messages, numbers equal to
//! a CLI `run` with the same `--set`, a saved scenario that `run`s to the same numbers, bad
//! `[levers]` tables rejected with file and line, and a clean stop on Ctrl-C; and, in process,
//! that the live answer (whose lever-moved ensemble aggregates only the fan's column) is the
//! one of an ensemble aggregating every column. The page in a real browser is
//! [`crate::browser`].
//!
//! The requests are written by hand on a TCP socket on purpose: the tests must send the
//! malformed and hostile headers a client library would refuse or fix.

use crate::common::{bin, root};
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::time::Duration;
use tempfile::TempDir;

/// A `protracted serve` child process on a free port, killed when dropped.
pub struct Served {
    /// The child.
    pub child: Child,
    /// Its port.
    pub port: u16,
}

impl Served {
    /// `serve ARGS --port 0` from the repository root; waits for the "Serving" line.
    pub fn start(args: &[&str]) -> Served {
        let exe = assert_cmd::cargo::cargo_bin("protracted");
        let mut child = std::process::Command::new(exe)
            .current_dir(root())
            .arg("serve")
            .args(args)
            .args(["--port", "0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("serve starts");
        let mut line = String::new();
        BufReader::new(child.stdout.as_mut().expect("stdout")).read_line(&mut line).expect("a first line");
        let port = line
            .split("http://127.0.0.1:")
            .nth(1)
            .or_else(|| line.split("http://0.0.0.0:").nth(1))
            .and_then(|r| r.split('/').next())
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no URL in the first line: {line:?}"));
        Served { child, port }
    }

    /// The page's address.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }

    /// A raw request; returns (status, headers, body).
    pub fn raw(&self, request: &str) -> (u16, String, String) {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).expect("connects");
        s.set_read_timeout(Some(Duration::from_secs(120))).expect("timeout");
        s.write_all(request.as_bytes()).expect("sends");
        let mut buf = Vec::new();
        let _ = s.read_to_end(&mut buf);
        let text = String::from_utf8_lossy(&buf).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let status = head.split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
        (status, head.to_string(), body.to_string())
    }

    /// GET `path` with the right Host.
    pub fn get(&self, path: &str) -> (u16, String, String) {
        self.raw(&format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n", self.port))
    }

    /// POST JSON to `path` with the right Host and Origin.
    pub fn post(&self, path: &str, body: &Value) -> (u16, String, String) {
        let b = body.to_string();
        self.raw(&format!(
            "POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{p}\r\nOrigin: http://127.0.0.1:{p}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{b}",
            b.len(),
            p = self.port
        ))
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The fields of `summary.json` that hold results (not the scenario's name and file), every
/// number as a float (a browser's JSON writes 0.0 as 0).
pub fn results_of(s: &Value) -> Value {
    fn floats(v: &Value) -> Value {
        match v {
            Value::Number(n) => json!(n.as_f64()),
            Value::Array(a) => Value::Array(a.iter().map(floats).collect()),
            Value::Object(o) => Value::Object(o.iter().map(|(k, v)| (k.clone(), floats(v))).collect()),
            other => other.clone(),
        }
    }
    floats(&json!({ "tipping": s["tipping"], "outcomes": s["outcomes"], "final_strength": s["final_strength"],
            "drivers": s["drivers"], "runs": s["runs"], "seed": s["seed"] }))
}

/// `run ARGS --quiet --no-charts --out TMP`; the summary.
pub fn cli_summary(args: &[String]) -> Value {
    let tmp = TempDir::new().expect("temp dir");
    let o =
        bin().arg("run").args(args).args(["--quiet", "--no-charts", "--out"]).arg(tmp.path()).output().expect("runs");
    assert!(o.status.success(), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_str(&std::fs::read_to_string(tmp.path().join("summary.json")).expect("summary")).expect("json")
}

/// The `--set` arguments of an answer.
pub fn sets_of(answer: &Value) -> Vec<String> {
    answer["sets"].as_array().expect("sets").iter().map(|s| s.as_str().expect("str").to_string()).collect()
}

#[test]
fn guards_refuse_foreign_hosts_origins_paths_and_big_bodies() {
    let s = Served::start(&["scenarios/baseline.toml", "--runs", "50"]);
    let (status, head, body) = s.get("/");
    assert_eq!(status, 200, "{head}");
    assert!(head.contains("content-security-policy: default-src 'self'"), "{head}");
    assert!(head.contains("x-content-type-options: nosniff"));
    assert!(!head.to_lowercase().contains("access-control-allow"), "no CORS");
    assert!(body.contains("/app.js") && !body.contains("<script>"), "no inline script");

    // DNS rebinding: a page on another name that resolves to 127.0.0.1.
    let (status, ..) = s.raw(&format!("GET / HTTP/1.1\r\nHost: evil.example:{}\r\nConnection: close\r\n\r\n", s.port));
    assert_eq!(status, 403);
    let (status, ..) = s.raw("GET / HTTP/1.1\r\nConnection: close\r\n\r\n");
    assert_eq!(status, 403, "no Host at all");
    // A cross-origin POST.
    let body = json!({ "scenario": "baseline.toml" }).to_string();
    let (status, ..) = s.raw(&format!(
        "POST /api/run HTTP/1.1\r\nHost: 127.0.0.1:{p}\r\nOrigin: http://evil.example\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len(),
        p = s.port
    ));
    assert_eq!(status, 403);

    // Path traversal: nothing but the embedded files and the named scenarios.
    for path in [
        "/../Cargo.toml",
        "/%2e%2e/Cargo.toml",
        "/app.js/../../Cargo.toml",
        "/scenarios/baseline.toml",
        "/api/scenario?name=../Cargo.toml",
        "/api/scenario?name=%2e%2e%2fCargo.toml",
        "/api/scenario?name=/etc/passwd",
        "/api/scenario?name=classic/../../Cargo.toml",
        "/api/scenario?name=baseline.toml/../../Cargo.toml",
    ] {
        let (status, _, body) = s.get(path);
        assert!(status == 404 || status == 400, "{path}: {status}");
        assert!(!body.contains("[package]") && !body.contains("root:"), "{path} leaked a file");
    }
    let (status, _, body) = s.post("/api/run", &json!({ "scenario": "../Cargo.toml" }));
    assert_eq!(status, 404, "{body}");

    // Bounded bodies and malformed requests: refused, and the server lives on.
    let big = format!("{{\"scenario\":\"baseline.toml\",\"pad\":\"{}\"}}", "x".repeat(100_000));
    let (status, ..) = s.raw(&format!(
        "POST /api/run HTTP/1.1\r\nHost: 127.0.0.1:{p}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{big}",
        big.len(),
        p = s.port
    ));
    assert_eq!(status, 413);
    for bad in ["{", "[]", "{\"scenario\": 3}", "{\"scenario\":\"baseline.toml\",\"levers\":{\"oil\":\"x\"}}"] {
        let (status, ..) = s.raw(&format!(
            "POST /api/run HTTP/1.1\r\nHost: 127.0.0.1:{p}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{bad}",
            bad.len(),
            p = s.port
        ));
        assert!((400..500).contains(&status), "{bad}: {status}");
    }
    let (status, ..) = s.raw("GARBAGE\r\n\r\n");
    assert!(status == 400 || status == 0);
    assert_eq!(s.get("/").0, 200, "still serving");
}

#[test]
fn levers_are_validated_like_scenario_files() {
    let s = Served::start(&["scenarios/baseline.toml", "--runs", "50"]);
    let (status, _, body) = s.post("/api/run", &json!({ "scenario": "baseline.toml", "levers": { "oil": 7 } }));
    assert_eq!(status, 422);
    let e: Value = serde_json::from_str(&body).expect("json");
    assert_eq!(e["levers"]["oil"], "levers.oil: 7 is out of range: must be between 0.5 and 1.5 (× scenario value)");
    // Levers inherited by a variant move from the variant's values.
    let (status, _, body) = s.post(
        "/api/run",
        &json!({ "scenario": "sanctions-tighten.toml", "levers": { "circumvention": 1.5, "europe_aid": 2 } }),
    );
    assert_eq!(status, 200, "{body}");
    let (status, _, body) = s.post("/api/run", &json!({ "scenario": "baseline.toml", "levers": { "nope": 1 } }));
    assert_eq!(status, 400, "{body}");
    let bad = json!({ "scenario": "baseline.toml", "levers": { "us_support": 2.0, "sanctions": 1.6 } });
    let (status, _, body) = s.post("/api/run", &bad);
    assert_eq!(status, 200, "0.6 × 1.6 = 0.96 is valid: {body}");
}

#[test]
fn a_scaled_value_outside_the_parameter_range_gets_the_validators_message() {
    let tmp = TempDir::new().expect("temp dir");
    std::fs::copy(root().join("scenarios/baseline.toml"), tmp.path().join("baseline.toml")).expect("copy");
    std::fs::write(
        tmp.path().join("wide.toml"),
        "schema = 1\nextends = \"baseline.toml\"\n[levers.sanctions]\nmax = 2\n",
    )
    .expect("write");
    let file = tmp.path().join("wide.toml");
    let s = Served::start(&[file.to_str().expect("utf-8"), "--runs", "20"]);
    let (status, _, body) = s.post("/api/run", &json!({ "scenario": "wide.toml", "levers": { "sanctions": 2 } }));
    assert_eq!(status, 422, "{body}");
    let e: Value = serde_json::from_str(&body).expect("json");
    let m = e["levers"]["sanctions"].as_str().expect("a message for the lever");
    assert!(
        m.starts_with("--set paths.sanctions_intensity=[[0, 1.2], [60, 1.2]]: paths.sanctions_intensity.0: 1.2 is out of range: must be ≤ 1"),
        "{m}"
    );
}

#[test]
fn moved_levers_give_the_numbers_of_run_with_the_same_set_and_save_round_trips() {
    let s = Served::start(&["scenarios/baseline.toml", "--runs", "300"]);
    let req = json!({ "scenario": "baseline.toml", "levers": { "europe_aid": 2.0, "kremlin_learning": 3.0 } });
    let (status, _, body) = s.post("/api/run", &req);
    assert_eq!(status, 200, "{body}");
    let a: Value = serde_json::from_str(&body).expect("json");
    for k in ["tipping", "outcomes", "fan"] {
        assert!(a["charts"][k].as_str().expect("svg").starts_with("<svg"), "{k}");
    }
    let sets = sets_of(&a);
    assert_eq!(sets.len(), 2);
    assert!(sets[0].starts_with("donors.europe.military_usd_bn_per_month={ triangular = [3.6, 4.6, 6] }"), "{sets:?}");
    let mut args =
        vec!["scenarios/baseline.toml".to_string(), "--runs".into(), "300".into(), "--seed".into(), "2025".into()];
    for set in &sets {
        args.push("--set".into());
        args.push(set.clone());
    }
    let cli = cli_summary(&args);
    assert_eq!(results_of(&a["summary"]), results_of(&cli), "the page's numbers are the CLI's");
    assert!(a["command"].as_str().expect("command").starts_with("protracted run "));

    // Saved as a file that extends the original: run next to it, the same numbers.
    let (status, head, text) = s.post("/api/save", &req);
    assert_eq!(status, 200);
    assert!(head.contains("attachment; filename=\"baseline-levers.toml\""), "{head}");
    assert!(text.contains("extends = \"baseline.toml\""), "{text}");
    let tmp = TempDir::new().expect("temp dir");
    std::fs::copy(root().join("scenarios/baseline.toml"), tmp.path().join("baseline.toml")).expect("copy");
    let saved = tmp.path().join("baseline-levers.toml");
    std::fs::write(&saved, &text).expect("write");
    let cli = cli_summary(&[saved.to_str().expect("utf-8").to_string()]);
    assert_eq!(results_of(&a["summary"]), results_of(&cli), "the saved scenario runs to the same numbers");

    // And as a report.
    let (status, head, html) = s.post("/api/report", &req);
    assert_eq!(status, 200);
    assert!(head.contains("text/html") && head.contains("baseline-report.html"), "{head}");
    assert!(html.contains("What the variant changes") && html.contains("lever"), "the levers are the diff");
}

#[test]
fn bad_lever_tables_are_located_errors() {
    let tmp = TempDir::new().expect("temp dir");
    let parent = root().join("scenarios/baseline.toml");
    for (body, want) in [
        (
            "[levers.x]\nlabel = \"X\"\npath = \"sides.russia.manpower.pool_k\"\nmin = 0\nmax = 5\nstep = 1\n",
            "levers.x.scale",
        ),
        (
            "[levers.x]\nlabel = \"X\"\npath = \"donors.us.active\"\nmin = 0\nmax = 50\n",
            "levers.x.max: 50 is out of range",
        ),
        ("[levers.x]\nlabel = \"X\"\npath = \"sides.russia.nothing\"\nmin = 0\nmax = 1\n", "levers.x.path"),
        (
            "[levers.x]\nlabel = \"X\"\npath = \"donors.us.active\"\nmin = 2\nmax = 3\n",
            "levers.x.min: the range 2 to 3 must include",
        ),
        ("[levers.x]\nlabel = \"X\"\npath = \"donors.us.active\"\nmin = 0\nmax = 3\nstpe = 1\n", "did you mean `step`"),
    ] {
        let f = tmp.path().join("bad.toml");
        std::fs::write(&f, format!("schema = 1\nextends = {parent:?}\n{body}")).expect("write");
        let o = bin().arg("validate").arg(&f).output().expect("runs");
        assert_eq!(o.status.code(), Some(2), "{body}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("bad.toml:") && err.contains(want), "{want}: {err}");
    }
}

#[test]
fn the_shipped_scenarios_have_four_to_eight_levers_and_all_move() {
    for f in crate::common::shipped_scenarios() {
        if f.starts_with("scenarios/classic") {
            continue;
        }
        let sc = crate::common::load(&f, &[]);
        let n = sc.levers.list.len();
        assert!(sc.levers.declared && (4..=8).contains(&n), "{}: {n} levers", f.display());
        for l in &sc.levers.list {
            for x in [l.min, l.max] {
                let set = l.set_arg(x);
                let path = root().join(&f);
                if let Err(e) = protracted::scenario::load(&path, std::slice::from_ref(&set)) {
                    panic!("{}: lever {} at {x}: {e}", f.display(), l.id);
                }
            }
        }
    }
    let classic = crate::common::load("scenarios/classic/lanchester-square.toml", &[]);
    assert!(!classic.levers.declared && classic.levers.list.len() == 4, "the essay's generic levers");
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_server_cleanly_and_loopback_is_the_default() {
    let mut s = Served::start(&["scenarios/baseline.toml", "--runs", "20"]);
    assert_eq!(s.get("/").0, 200);
    let k = std::process::Command::new("kill").args(["-INT", &s.child.id().to_string()]).status().expect("kill");
    assert!(k.success());
    let status = s.child.wait().expect("exits");
    assert_eq!(status.code(), Some(0));
    let mut rest = String::new();
    s.child.stdout.as_mut().expect("stdout").read_to_string(&mut rest).expect("reads");
    assert!(rest.contains("Stopped."), "{rest}");

    let mut wide = Served::start(&["scenarios/baseline.toml", "--host", "0.0.0.0", "--runs", "20"]);
    let _ = wide.child.kill();
    let mut err = String::new();
    wide.child.stderr.as_mut().expect("stderr").read_to_string(&mut err).expect("reads");
    assert!(err.contains("warning: listening on 0.0.0.0"), "{err}");
}

/// The live answer aggregates only the fan's column of the lever-moved ensemble: its charts,
/// numbers and summary are those of the same answer from an ensemble aggregating every column,
/// for a stock and a flow of a side, a world variable, the default and an unknown variable.
#[test]
fn the_live_answer_is_the_one_of_an_ensemble_aggregating_every_column() {
    use protracted::serve::library::Library;
    use protracted::serve::live;
    use std::collections::BTreeMap;
    let lib = Library::scan(&root().join("scenarios")).expect("the library");
    let entry = lib.get("baseline.toml").expect("the baseline");
    let base = live::base(entry, 300, 2, Some(5)).unwrap_or_else(|e| panic!("{}", e.error));
    let pos: BTreeMap<String, f64> =
        [("europe_aid".to_string(), 2.0), ("sanctions".to_string(), 0.5)].into_iter().collect();
    let v = live::variant(&base, &pos).unwrap_or_else(|e| panic!("{}", e.error));
    assert_eq!(v.moved.len(), 2, "both levers moved");
    let variables = [None, Some("front_k@1"), Some("casualties_k_per_month@0"), Some("oil_usd_bbl"), Some("no_such@0")];
    for var in variables {
        let only = live::answer(&base, &v, var, base.options).unwrap_or_else(|e| panic!("{}", e.error));
        let every = live::answer_every_column(&base, &v, var, base.options).unwrap_or_else(|e| panic!("{}", e.error));
        assert_eq!(only.charts, every.charts, "{var:?}");
        assert_eq!(only.numbers, every.numbers, "{var:?}");
        assert_eq!(only.summary, every.summary, "{var:?}");
        assert_eq!(only.command, every.command, "{var:?}");
    }
    let front = live::answer(&base, &v, Some("front_k@1"), base.options).expect("an answer");
    let oil = live::answer(&base, &v, Some("oil_usd_bbl"), base.options).expect("an answer");
    assert_ne!(front.charts["fan"], oil.charts["fan"], "another variable is another fan");
}
