//! `serve`: bind the socket (loopback unless `--host`), start the runtime, serve
//! [`crate::serve`] until Ctrl-C.

use super::Failure;
use crate::serve::http::{Server, allowed_hosts, router};
use crate::serve::library::Library;
use anyhow::Context;
use clap::Args;
use std::net::{IpAddr, Ipv4Addr};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Largest `--runs` the page may run per ensemble.
pub const MAX_RUNS: usize = 20_000;

/// `serve` arguments.
#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// The scenario the page opens with; the page offers every scenario in its directory
    /// (and below). Default: scenarios/baseline.toml.
    #[arg(value_name = "SCENARIO")]
    pub scenario: Option<PathBuf>,
    /// Port, 0 to 65535 (0: any free port, printed at start).
    #[arg(long, default_value_t = 8123, value_name = "P", value_parser = super::run_args::port_value, allow_negative_numbers = true)]
    pub port: u16,
    /// Address to listen on. Default 127.0.0.1 (this machine only); anything else lets other
    /// machines reach the page, and is warned about.
    #[arg(long, value_name = "ADDR")]
    pub host: Option<IpAddr>,
    /// Runs per ensemble, 1 to 20000.
    #[arg(long, default_value_t = 1000, value_name = "N", value_parser = super::run_args::serve_runs_value, allow_negative_numbers = true)]
    pub runs: usize,
    /// Worker threads per ensemble, 1 to 1024 (default: one per core; more than 4 per core
    /// are capped).
    #[arg(long, value_name = "T", value_parser = super::run_args::threads_value, allow_negative_numbers = true)]
    pub threads: Option<usize>,
    /// Open the page in the default browser.
    #[arg(long)]
    pub open: bool,
}

fn open_browser(url: &str) {
    let cmd = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if let Err(e) = std::process::Command::new(cmd).arg(url).spawn() {
        super::output::note(&format!("warning: could not open a browser ({cmd}: {e}); open {url} yourself"));
    }
}

/// `serve`.
pub fn serve(a: &ServeArgs) -> Result<(), Failure> {
    let scenario = a.scenario.clone().unwrap_or_else(|| PathBuf::from("scenarios/baseline.toml"));
    // Check the scenario itself first, so that a bad file gets its located message.
    crate::scenario::load(&scenario, &[])?;
    if !scenario.is_file() {
        // A bare name or a scenario built into the binary: the page offers a directory of files.
        return Err(Failure::Input(format!(
            "{}: serve offers the scenario files of a directory on disk, and there is no such file here; run it in a checkout or give a scenario file",
            scenario.display()
        )));
    }
    let dir = scenario.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_path_buf();
    let library = Library::scan(&dir).with_context(|| format!("cannot read the directory {}", dir.display()))?;
    for (name, why) in &library.skipped {
        super::output::note(&format!("warning: {name} is not offered: {why}"));
    }
    let canon = scenario.canonicalize().with_context(|| format!("cannot read {}", scenario.display()))?;
    let initial = library
        .entries
        .iter()
        .find(|e| e.path.canonicalize().is_ok_and(|p| p == canon))
        .map(|e| e.name.clone())
        .ok_or_else(|| Failure::Input(format!("{}: not offered (see the warning above)", scenario.display())))?;
    let host = a.host.unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST));
    if !host.is_loopback() {
        super::output::note(&format!(
            "warning: listening on {host}: other machines on the network can reach this page and run ensembles on this machine"
        ));
    }
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().context("starting the runtime")?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind((host, a.port))
            .await
            .with_context(|| format!("cannot listen on {host}:{}", a.port))?;
        let port = listener.local_addr().context("the bound address")?.port();
        let shown = if host.is_ipv6() { format!("[{host}]") } else { host.to_string() };
        let url = format!("http://{}:{port}/", if host.is_loopback() { "127.0.0.1".to_string() } else { shown });
        let hosts = allowed_hosts(&host.to_string(), port);
        let server = Server::new(library, initial, a.runs, super::run_args::capped_threads(a.threads, false), hosts);
        let _ = super::output::print(&format!(
            "Serving {} scenarios from {} at {url} (Ctrl-C stops)\n",
            server.library.entries.len(),
            dir.display()
        ));
        if a.open {
            open_browser(&url);
        }
        axum::serve(listener, router(Arc::new(server)))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .context("serving")?;
        let _ = super::output::print("Stopped.\n");
        Ok::<(), anyhow::Error>(())
    })?;
    Ok(())
}
