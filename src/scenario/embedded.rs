//! The scenarios built into the binary: every `scenarios/**/*.toml` of the crate, listed at
//! build time (`build.rs`), so that `protracted list` and `protracted run baseline` work after
//! `cargo install`, far from the checkout.
//!
//! Files on disk always win: a built-in scenario is read only when no file exists at its path
//! ([`super::source`] falls back to [`get`]); [`resolve`] turns a bare name (`baseline`,
//! `classic/lanchester-square`) into the path of a file on disk or of a built-in one.

use std::path::{Component, Path, PathBuf};

include!(concat!(env!("OUT_DIR"), "/scenarios.rs"));

/// `p` with `.` removed and `..` applied, as `/`-separated text (`scenarios/classic/../x.toml`
/// becomes `scenarios/x.toml`); `None` for absolute paths, which never name a built-in file.
fn normal(p: &Path) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(parts.join("/"))
}

/// The text of the built-in scenario at `path` (relative to the working directory, as the
/// shipped files are to the crate: `scenarios/baseline.toml`).
pub fn get(path: &Path) -> Option<&'static str> {
    let key = normal(path)?;
    FILES.iter().find(|(p, _)| *p == key).map(|(_, text)| *text)
}

/// Paths of the built-in scenarios under `dir` (`scenarios`, `scenarios/classic`), sorted.
pub fn under(dir: &Path) -> Vec<PathBuf> {
    let Some(d) = normal(dir) else {
        return Vec::new();
    };
    let prefix = if d.is_empty() { String::new() } else { format!("{d}/") };
    FILES.iter().filter(|(p, _)| p.starts_with(&prefix)).map(|(p, _)| PathBuf::from(p)).collect()
}

/// The file a scenario argument names: the path itself when a file is there (or it names a
/// built-in one); otherwise, for a bare name, `scenarios/NAME.toml` (on disk or built in).
pub fn resolve(arg: &Path) -> PathBuf {
    if arg.exists() || get(arg).is_some() || arg.extension().is_some() {
        return arg.to_path_buf();
    }
    let named = Path::new("scenarios").join(arg).with_extension("toml");
    if named.exists() || get(&named).is_some() { named } else { arg.to_path_buf() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_scenarios_are_built_in() {
        let base = get(Path::new("scenarios/baseline.toml")).expect("baseline is built in");
        let disk = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/baseline.toml"));
        assert_eq!(Some(base), disk.ok().as_deref());
        assert!(get(Path::new("./scenarios/classic/../baseline.toml")).is_some());
        assert!(get(Path::new("/scenarios/baseline.toml")).is_none());
        assert!(under(Path::new("scenarios/classic")).iter().all(|p| p.starts_with("scenarios/classic")));
        assert!(under(Path::new("scenarios")).len() > under(Path::new("scenarios/classic")).len());
    }

    #[test]
    fn bare_names_resolve_to_scenarios() {
        assert_eq!(resolve(Path::new("baseline")), PathBuf::from("scenarios/baseline.toml"));
        assert_eq!(
            resolve(Path::new("classic/lanchester-square")),
            PathBuf::from("scenarios/classic/lanchester-square.toml")
        );
        assert_eq!(resolve(Path::new("no-such-thing")), PathBuf::from("no-such-thing"));
    }
}
