//! The options of running scenarios, shared by `run` and `compare`: where to write
//! ([`RunOptions::out`]), the ensemble ([`EnsembleArgs`]: runs, seed, horizon, threads,
//! overrides, quiet, stdout format) and whether to draw charts. `run` takes one scenario with
//! them ([`RunArgs`]); `compare` flattens the same [`RunOptions`] beside its list of scenarios
//! (only the help of `--out` and `--no-charts` is its own). Resolving them against a scenario
//! is [`super::run::options`]'s.

use clap::Args;
use std::path::PathBuf;

/// Options shared by every command that runs ensembles.
#[derive(Debug, Clone, Args)]
pub struct EnsembleArgs {
    /// Number of Monte Carlo runs (default: the scenario's `runs`).
    #[arg(long, value_name = "N")]
    pub runs: Option<usize>,
    /// Master seed (default: the scenario's `seed`).
    #[arg(long, value_name = "S")]
    pub seed: Option<u64>,
    /// Horizon in steps, months for the war model (default: the scenario's).
    #[arg(long, value_name = "M")]
    pub months: Option<usize>,
    /// Worker threads (default: one per core). Results do not depend on it.
    #[arg(long, value_name = "T")]
    pub threads: Option<usize>,
    /// Override a scenario value by its dotted path; repeatable.
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
    /// No progress bar and no teaching notes.
    #[arg(long, short)]
    pub quiet: bool,
    /// Output on stdout: a text table, or the summary as JSON.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// Stdout format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Human-readable tables.
    Text,
    /// The summary as JSON.
    Json,
}

/// The options of running each scenario: output directory, ensemble, charts.
#[derive(Debug, Clone, Args)]
pub struct RunOptions {
    /// Output directory (default: plots/NAME/, NAME being the scenario file's stem).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Ensemble options.
    #[command(flatten)]
    pub ensemble: EnsembleArgs,
    /// Write the data files only, no charts (for scripts).
    #[arg(long)]
    pub no_charts: bool,
}

/// `run`: a scenario and the options of running it.
#[derive(Debug, Clone, Args)]
pub struct RunArgs {
    /// Scenario file (TOML).
    pub scenario: PathBuf,
    /// How to run it.
    #[command(flatten)]
    pub options: RunOptions,
}
