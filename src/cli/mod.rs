//! The command line: the only place that knows clap, terminals and exit codes.
//!
//! Raw arguments become a validated [`crate::scenario::Scenario`] plus run options at the
//! boundary; nothing past it sees the raw form. One file per subcommand; [`table`] renders the
//! stdout summaries (pure functions, snapshot-tested).

pub mod compare;
pub mod list;
pub mod run;
pub mod table;
pub mod validate;

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// Exit code for bad input (scenario, flags).
pub const EXIT_INPUT: i32 = 2;
/// Exit code for any other failure.
pub const EXIT_FAILURE: i32 = 1;

/// Seeded Monte Carlo scenarios of protracted wars: when might each side judge that time is
/// not on its side?
#[derive(Debug, Parser)]
#[command(name = "protracted", version, about, long_about = None)]
#[command(
    after_help = "Examples:\n  protracted run scenarios/baseline.toml\n  protracted list\n  protracted validate scenarios/*.toml"
)]
pub struct Cli {
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run a scenario as a seeded Monte Carlo ensemble: summary on stdout, data under --out.
    #[command(
        after_help = "Examples:\n  protracted run scenarios/baseline.toml\n  protracted run scenarios/baseline.toml --runs 5000 --seed 7 --set sides.russia.judgment.self_optimism=0.4\n  protracted run scenarios/classic/lanchester-square.toml --quiet"
    )]
    Run(RunArgs),
    /// Run several scenarios on the same random numbers and compare them: charts, a table of
    /// run-by-run differences, comparison.csv and comparison.json under --out.
    #[command(
        after_help = "Examples:\n  protracted compare scenarios/baseline.toml scenarios/us-withdraws.toml\n  protracted compare scenarios/baseline.toml scenarios/us-withdraws.toml scenarios/pressure-package.toml --runs 2000 --out plots/my-comparison\n  protracted compare scenarios/baseline.toml scenarios/baseline.toml --runs 50 --no-charts   # a scenario against itself: all differences zero"
    )]
    Compare(compare::CompareArgs),
    /// Parse and check scenario files without running them; exit 0 if all are valid.
    #[command(after_help = "Example:\n  protracted validate scenarios/*.toml scenarios/classic/*.toml")]
    Validate(validate::ValidateArgs),
    /// List the scenarios in a directory with their one-line descriptions.
    #[command(after_help = "Examples:\n  protracted list\n  protracted list scenarios/classic")]
    List(list::ListArgs),
}

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

/// `run`.
#[derive(Debug, Clone, Args)]
pub struct RunArgs {
    /// Scenario file (TOML).
    pub scenario: PathBuf,
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

/// A failure with its exit code.
#[derive(Debug)]
pub enum Failure {
    /// Bad input: exit 2.
    Input(String),
    /// Anything else: exit 1.
    Other(anyhow::Error),
}

impl From<crate::scenario::ScenarioError> for Failure {
    fn from(e: crate::scenario::ScenarioError) -> Failure {
        Failure::Input(e.to_string())
    }
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Failure {
        Failure::Other(e)
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Failure {
        Failure::Other(e.into())
    }
}

/// Parse arguments, run the command, and return the process exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { EXIT_INPUT } else { 0 };
        }
    };
    let result = match cli.command {
        Command::Run(a) => run::run(&a),
        Command::Compare(a) => compare::compare(&a),
        Command::Validate(a) => validate::validate(&a),
        Command::List(a) => list::list(&a),
    };
    match result {
        Ok(()) => 0,
        Err(Failure::Input(m)) => {
            eprintln!("error: {}", m.replace('\n', "\nerror: "));
            EXIT_INPUT
        }
        Err(Failure::Other(e)) => {
            eprintln!("error: {e:#}");
            EXIT_FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
