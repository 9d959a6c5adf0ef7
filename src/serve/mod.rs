//! `protracted serve`: a local page for the seminar room, where students move a scenario's
//! levers and the ensemble re-runs on common random numbers against the unchanged scenario.
//!
//! [`library`] finds the scenarios the server may read (and nothing else); [`live`] turns lever
//! positions into `--set` overrides, runs and draws (the CLI's own summary, comparison and
//! charts); [`http`] is the axum layer with its guards and bounds; [`page`] the HTML shell,
//! which the embedded script and stylesheet (`assets/serve.js`, `assets/serve.css`) bring to
//! life. Binding the socket, the runtime and Ctrl-C are the CLI's (`src/cli/serve.rs`).

pub mod http;
pub mod library;
pub mod live;
pub mod page;
