//! `validate`: parse and check scenario files, run nothing; warn (on stderr, exit 0) about
//! written parameters that have no effect in the scenario as it stands.

use super::{Failure, output};
use clap::Args;
use std::path::PathBuf;

/// `validate` arguments.
#[derive(Debug, Clone, Args)]
pub struct ValidateArgs {
    /// Scenario files (or shipped scenarios by name, e.g. `baseline`).
    #[arg(required = true)]
    pub scenarios: Vec<PathBuf>,
    /// Overrides to check along with the files.
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
}

/// Check every file; report each; fail (exit 2) if any is invalid.
pub fn validate(a: &ValidateArgs) -> Result<(), Failure> {
    let mut errors = Vec::new();
    for p in &a.scenarios {
        match crate::scenario::load(p, &a.set) {
            Ok(sc) => {
                output::print(&format!(
                    "ok: {} ({}, {} sides: {}, {} steps, {} uncertain parameters)\n",
                    p.display(),
                    sc.name,
                    sc.sides.len(),
                    sc.sides.iter().map(|s| s.name.as_str()).collect::<Vec<_>>().join(" and "),
                    sc.steps,
                    sc.uncertain_slots().count()
                ))?;
                for w in &sc.warnings {
                    output::note(&format!("warning: {w}"));
                }
            }
            Err(e) => errors.push(e.to_string()),
        }
    }
    if errors.is_empty() { Ok(()) } else { Err(Failure::Input(errors.join("\n"))) }
}
