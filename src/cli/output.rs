//! Writing to stdout and stderr without panicking: a closed pipe (`protracted list | head -1`)
//! ends the command quietly with exit 0, as `ls` does; any other failure of stdout (a full
//! disk behind `> file`) is an error that says it was stdout.

use super::Failure;
use std::io::{self, Write};

/// Write `text` to stdout and flush it.
pub fn print(text: &str) -> Result<(), Failure> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes()).and_then(|()| out.flush()).map_err(stdout_error)
}

/// The failure for an error writing stdout.
pub fn stdout_error(e: io::Error) -> Failure {
    if e.kind() == io::ErrorKind::BrokenPipe {
        Failure::ClosedStdout
    } else {
        Failure::Other(anyhow::anyhow!("cannot write the output to stdout: {e}"))
    }
}

/// Write a line to stderr; a closed stderr is ignored (there is nowhere left to say so).
pub fn note(text: &str) {
    let mut err = io::stderr().lock();
    let _ = writeln!(err, "{text}");
}
