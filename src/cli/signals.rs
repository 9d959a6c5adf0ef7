//! Ctrl-C (SIGINT), SIGTERM and SIGHUP: remove this process's staging directories (the output
//! directory keeps its previous result whole) and exit with 128 + the signal's number (130 for
//! Ctrl-C, 143 for SIGTERM), as a shell reports a process killed by it.
//!
//! A watcher thread waits for the signals (signal-hook's iterator: the handler itself only
//! wakes it), so the cleanup runs as ordinary code. SIGKILL cannot be caught: what it leaves is
//! removed by the next run into the same directory ([`crate::export::outdir`]).

/// Start watching for the signals (once per process; later calls do nothing).
pub fn install() {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        static ONCE: std::sync::Once = std::sync::Once::new();
        ONCE.call_once(|| {
            let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
                return;
            };
            let _ = std::thread::Builder::new().name("signals".into()).spawn(move || {
                if let Some(sig) = signals.forever().next() {
                    crate::export::outdir::remove_registered();
                    super::output::note("interrupted: the output directory keeps its previous contents");
                    std::process::exit(128 + sig);
                }
            });
        });
    }
}
