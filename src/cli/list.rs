//! `list`: the scenario files of a directory with their one-line descriptions. Without a
//! directory it lists `scenarios/` on disk, or, where there is none (after `cargo install`),
//! the scenarios built into the binary ([`crate::scenario::embedded`]).

use super::{Failure, output};
use clap::Args;
use std::path::{Path, PathBuf};

/// `list` arguments.
#[derive(Debug, Clone, Args)]
pub struct ListArgs {
    /// Directory to list (default: scenarios/), searched recursively.
    pub dir: Option<PathBuf>,
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect(&p, out)?;
        } else if p.extension().is_some_and(|e| e == "toml") {
            out.push(p);
        }
    }
    Ok(())
}

/// Print one line per scenario: path, name and description (or the error that stops it loading).
pub fn list(a: &ListArgs) -> Result<(), Failure> {
    let dir = a.dir.clone().unwrap_or_else(|| PathBuf::from("scenarios"));
    let mut files = Vec::new();
    let built_in = crate::scenario::embedded::under(&dir);
    if !dir.exists() && !built_in.is_empty() {
        files = built_in;
    } else {
        collect(&dir, &mut files).map_err(|e| Failure::Input(format!("cannot list {}: {e}", dir.display())))?;
    }
    if files.is_empty() {
        return output::print(&format!("no scenario files (*.toml) under {}\n", dir.display()));
    }
    let width = files.iter().map(|p| p.display().to_string().len()).max().unwrap_or(0);
    for p in files {
        let line = match crate::scenario::load(&p, &[]) {
            Ok(sc) => sc.description,
            Err(e) => format!("(invalid: {})", e.diagnostics.first().map(|d| d.to_string()).unwrap_or_default()),
        };
        // Line by line, so that `| head -1` stops it early (quietly).
        output::print(&format!("{:width$}  {}\n", p.display().to_string(), line))?;
    }
    Ok(())
}
