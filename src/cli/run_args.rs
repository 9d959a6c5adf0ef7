//! The options of running scenarios, shared by `run` and `compare`: where to write
//! ([`RunOptions::out`]), the ensemble ([`EnsembleArgs`]: runs, seed, horizon, threads,
//! overrides, quiet, stdout format) and whether to draw charts. `run` takes one scenario with
//! them ([`RunArgs`]); `compare` flattens the same [`RunOptions`] beside its list of scenarios
//! (only the help of `--out` and `--no-charts` is its own). Resolving them against a scenario
//! is [`super::run::options`]'s. The value parsers of every numeric flag (of these options and
//! of `sweep`, `sensitivity`, `report` and `serve`) are here, with the flags' ranges; a flag
//! that sets a scenario key is range-checked with the scenario, like the key.

use clap::Args;
use std::path::PathBuf;

/// Most worker threads `--threads` accepts.
pub const MAX_THREADS: usize = 1024;

/// Worker threads used per core at most (more only add switching): `--threads` above this
/// multiple of the cores is capped, with a note.
pub const THREADS_PER_CORE: usize = 4;

/// A whole number given to a flag. Negative numbers are read (not taken for flags), so that
/// the check of the key the flag sets says what is allowed; a number too large for any key
/// is refused here with the flag's range.
fn whole(s: &str, lo: i64, hi: i64) -> Result<i64, String> {
    use std::num::IntErrorKind;
    let t = s.trim();
    t.parse::<i64>().map_err(|e| {
        let shown = crate::scenario::error::shorten(t);
        match e.kind() {
            IntErrorKind::PosOverflow | IntErrorKind::NegOverflow => {
                format!("{shown} is out of range: must be between {lo} and {hi}")
            }
            _ => format!("\"{shown}\" is not a whole number: must be between {lo} and {hi}"),
        }
    })
}

pub(crate) fn runs_value(s: &str) -> Result<i64, String> {
    whole(s, 1, crate::scenario::validate::MAX_RUNS)
}

pub(crate) fn seed_value(s: &str) -> Result<i64, String> {
    whole(s, 0, i64::MAX)
}

pub(crate) fn months_value(s: &str) -> Result<i64, String> {
    whole(s, 1, crate::scenario::validate::MAX_STEPS)
}

/// A whole number from `lo` to `hi` given to a flag that sets no scenario key (its range is
/// checked here, where clap names the flag).
pub(crate) fn ranged(s: &str, lo: i64, hi: i64) -> Result<i64, String> {
    let v = whole(s, lo, hi)?;
    if (lo..=hi).contains(&v) { Ok(v) } else { Err(format!("{v} is out of range: must be between {lo} and {hi}")) }
}

pub(crate) fn threads_value(s: &str) -> Result<usize, String> {
    ranged(s, 1, MAX_THREADS as i64).map(|v| v as usize)
}

/// Most base rows `sensitivity --base-rows` accepts (2^20; the design runs N × (inputs + 3)).
pub const MAX_BASE_ROWS: i64 = 1 << 20;

pub(crate) fn base_rows_value(s: &str) -> Result<usize, String> {
    ranged(s, 1, MAX_BASE_ROWS).map(|v| v as usize)
}

/// A month of the horizon given to a flag (`sweep --month`): 1 to the longest horizon; the
/// command checks it against the scenario's.
pub(crate) fn month_value(s: &str) -> Result<usize, String> {
    ranged(s, 1, crate::scenario::validate::MAX_STEPS).map(|v| v as usize)
}

/// `serve --runs`: 1 to [`super::serve::MAX_RUNS`].
pub(crate) fn serve_runs_value(s: &str) -> Result<usize, String> {
    ranged(s, 1, super::serve::MAX_RUNS as i64).map(|v| v as usize)
}

/// `serve --port`: 0 (any free port) to 65535.
pub(crate) fn port_value(s: &str) -> Result<u16, String> {
    ranged(s, 0, i64::from(u16::MAX)).map(|v| v as u16)
}

/// The worker threads to use: `--threads` capped at [`THREADS_PER_CORE`] per core, with a note
/// on stderr (unless `quiet`); 0 (one per core) when not given.
pub fn capped_threads(threads: Option<usize>, quiet: bool) -> usize {
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let cap = THREADS_PER_CORE * cores;
    match threads {
        Some(t) if t > cap => {
            if !quiet {
                super::output::note(&format!(
                    "note: --threads {t}: using {cap} ({THREADS_PER_CORE} per core on {cores} cores); more only add switching"
                ));
            }
            cap
        }
        Some(t) => t,
        None => 0,
    }
}

/// Options shared by every command that runs ensembles. `--runs`, `--seed` and `--months`
/// set the scenario's `runs`, `seed` and horizon and are checked with the scenario, like
/// those keys ([`EnsembleArgs::flags`]).
#[derive(Debug, Clone, Args)]
pub struct EnsembleArgs {
    /// Number of Monte Carlo runs, 1 to 100000000 (default: the scenario's `runs`); checked
    /// like the scenario's `runs`.
    #[arg(long, value_name = "N", value_parser = runs_value, allow_negative_numbers = true)]
    pub runs: Option<i64>,
    /// Master seed, 0 to 9223372036854775807 (default: the scenario's `seed`).
    #[arg(long, value_name = "S", value_parser = seed_value, allow_negative_numbers = true)]
    pub seed: Option<i64>,
    /// Horizon in steps (months for the war model), 1 to 1200 (default: the scenario's);
    /// checked like the scenario's `months`, events included.
    #[arg(long, value_name = "M", value_parser = months_value, allow_negative_numbers = true)]
    pub months: Option<i64>,
    /// Worker threads, 1 to 1024 (default: one per core; more than 4 per core are capped).
    /// Results do not depend on it.
    #[arg(long, value_name = "T", value_parser = threads_value, allow_negative_numbers = true)]
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

impl EnsembleArgs {
    /// The flags that set scenario values, to be checked with the scenario.
    pub fn flags(&self) -> crate::scenario::Flags {
        crate::scenario::Flags { runs: self.runs, seed: self.seed, months: self.months, ..Default::default() }
    }
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
    /// Scenario file (TOML), or a shipped scenario by name (`baseline`, `classic/lanchester-square`).
    pub scenario: PathBuf,
    /// How to run it.
    #[command(flatten)]
    pub options: RunOptions,
    /// Also tell the story of run N (0 to runs - 1; repeatable): what each side perceived month
    /// by month and its events, printed and drawn as `story-N.png` and `.svg` (with or without
    /// `--no-charts`; war model only).
    #[arg(long, value_name = "N")]
    pub story: Vec<u64>,
}
