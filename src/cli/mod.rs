//! The command line: the only place that knows clap, terminals and exit codes.
//!
//! Raw arguments become a validated [`crate::scenario::Scenario`] plus run options at the
//! boundary; nothing past it sees the raw form. One file per subcommand; [`run_args`] holds the run options
//! that `run` and `compare` share; [`table`] renders the stdout summaries (pure functions,
//! snapshot-tested).

pub mod compare;
pub mod list;
pub mod output;
pub mod report;
pub mod run;
pub mod run_args;
pub mod seek;
pub mod sensitivity;
pub mod serve;
pub mod signals;
pub mod sweep;
pub mod table;
pub mod validate;

pub use run_args::{EnsembleArgs, Format, RunArgs, RunOptions};

use clap::{Parser, Subcommand};

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
    /// Write one self-contained HTML report of a run (one scenario) or a comparison (several):
    /// teaching notes, headline numbers with their Monte Carlo error, every chart, provenance.
    #[command(
        after_help = "Examples:\n  protracted report scenarios/baseline.toml\n  protracted report scenarios/europe-surge.toml --out europe.html\n  protracted report scenarios/baseline.toml scenarios/us-withdraws.toml scenarios/pressure-package.toml --runs 2000"
    )]
    Report(report::ReportArgs),
    /// Serve a local page for the seminar room: move a scenario's levers and watch the
    /// ensemble re-run (on 127.0.0.1 only, unless --host is given).
    #[command(
        after_help = "Examples:\n  protracted serve\n  protracted serve scenarios/europe-surge.toml --open\n  protracted serve scenarios/baseline.toml --port 8080 --runs 2000"
    )]
    Serve(serve::ServeArgs),
    /// Vary one or two levers over a grid on common random numbers: how P(time not on its
    /// side by month T) and the outcomes respond. Table on stdout; sweep.csv, sweep.json and
    /// charts under --out.
    #[command(
        after_help = concat!("Examples:\n  protracted sweep scenarios/baseline.toml --vary paths.sanctions_intensity=0..1:11\n  protracted sweep scenarios/baseline.toml --vary donors.europe.military_usd_bn_per_month=x0.5..x2:7 --runs 2000\n  protracted sweep scenarios/baseline.toml --vary paths.sanctions_intensity=0,0.3,0.6,0.9 --vary sides.ukraine.manpower.conscription_k_per_month=x0.6..x1.4:5\n\n", "VALUES: a list (0,0.2,0.5), a range with a count of evenly spaced points (0..1:11), or multipliers on what the scenario holds (x0.5..x2:7, x0.5,x1,x2). A multiplier scales a number, every number of a distribution (a triangular's three) or every point of a time path; a plain value sets a parameter to that number and a time path (paths.sanctions_intensity, paths.oil_usd_bbl) to that level for the whole run. No quoting is needed in bash.")
    )]
    Sweep(sweep::SweepArgs),
    /// What would it take: the smallest lever value that meets a target such as "russia tips by
    /// 24 in 50%" (bisection on common random numbers, with a bootstrap interval), the frontier
    /// of two levers, or the earliest month a scenario meets a target.
    #[command(
        after_help = "Examples:\n  protracted seek scenarios/baseline.toml --lever paths.sanctions_intensity=0..1 --target \"russia tips by 24 in 50%\"\n  protracted seek scenarios/baseline.toml --lever paths.sanctions_intensity=0.4..1:4 --lever donors.europe.military_usd_bn_per_month=x0.5..x3 --target \"russia tips by 36 in 50%\"\n  protracted seek scenarios/baseline.toml --target \"russia tips by M in 40%\" --minimise M\n\nRANGE: A..B (9 coarse points, then bisection) or A..B:N; multipliers as in sweep (x0.5..x3). The value is sought from A towards B. Quote the target: it has spaces."
    )]
    Seek(seek::SeekArgs),
    /// Which uncertain parameters each side's tipping hinges on: first-order indices from an
    /// ensemble's own draws (default) or a Sobol' design, with a tornado, the indices and a
    /// month-by-month heatmap. Table on stdout; sensitivity.csv, sensitivity.json and charts
    /// under --out.
    #[command(
        after_help = "Examples:\n  protracted sensitivity scenarios/baseline.toml --runs 10000\n  protracted sensitivity scenarios/baseline.toml --method sobol --base-rows 1024\n  protracted sensitivity scenarios/baseline.toml --method sobol --group economy=sides.russia.economy.* --group judgment=sides.*.judgment.*"
    )]
    Sensitivity(sensitivity::SensitivityArgs),
    /// Parse and check scenario files without running them; exit 0 if all are valid.
    #[command(after_help = "Example:\n  protracted validate scenarios/*.toml scenarios/classic/*.toml")]
    Validate(validate::ValidateArgs),
    /// List the scenarios in a directory with their one-line descriptions.
    #[command(after_help = "Examples:\n  protracted list\n  protracted list scenarios/classic")]
    List(list::ListArgs),
}

/// A failure with its exit code.
#[derive(Debug)]
pub enum Failure {
    /// Bad input: exit 2.
    Input(String),
    /// Anything else: exit 1.
    Other(anyhow::Error),
    /// Stdout was closed by its reader (`| head`): stop quietly, exit 0.
    ClosedStdout,
}

impl From<crate::export::outdir::OutDirError> for Failure {
    fn from(e: crate::export::outdir::OutDirError) -> Failure {
        Failure::Input(e.to_string())
    }
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
    // Commands that write output clean up their staging directories and temporary files on
    // Ctrl-C and SIGTERM (`serve` handles Ctrl-C itself, to stop gracefully).
    if !matches!(cli.command, Command::Serve(_)) {
        signals::install();
    }
    let result = match cli.command {
        Command::Run(a) => run::run(&a),
        Command::Compare(a) => compare::compare(&a),
        Command::Report(a) => report::report(&a),
        Command::Serve(a) => serve::serve(&a),
        Command::Sweep(a) => sweep::sweep(&a),
        Command::Sensitivity(a) => sensitivity::sensitivity(&a),
        Command::Seek(a) => seek::seek(&a),
        Command::Validate(a) => validate::validate(&a),
        Command::List(a) => list::list(&a),
    };
    match result {
        Ok(()) | Err(Failure::ClosedStdout) => 0,
        Err(Failure::Input(m)) => {
            output::note(&format!("error: {}", m.replace('\n', "\nerror: ")));
            EXIT_INPUT
        }
        Err(Failure::Other(e)) => {
            output::note(&format!("error: {e:#}"));
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
