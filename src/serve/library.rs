//! The scenarios a server may read: the TOML files under one directory, found once at start.
//!
//! A request names a scenario by its name in this list (its path relative to the directory,
//! with `/`), never by a path: a name that is not in the list is refused, so no request can
//! make the server read any other file. A file whose `extends` chain leaves the directory is
//! left out, as is a file that does not load (both are reported at start).

use crate::scenario::source::load_merged;
use std::path::{Path, PathBuf};

/// One scenario of the library.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Its path relative to the directory, with `/` (e.g. `classic/lanchester-square.toml`).
    pub name: String,
    /// Its path on disk.
    pub path: PathBuf,
    /// Display name.
    pub title: String,
    /// One-line description.
    pub description: String,
}

/// The scenario files under a directory.
#[derive(Debug, Clone, Default)]
pub struct Library {
    /// The directory, canonical.
    pub dir: PathBuf,
    /// The scenarios that load, by name.
    pub entries: Vec<Entry>,
    /// Files left out, with why.
    pub skipped: Vec<(String, String)>,
}

fn toml_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut items: Vec<PathBuf> = std::fs::read_dir(dir)?.filter_map(|e| e.ok().map(|e| e.path())).collect();
    items.sort();
    for p in items {
        if p.is_dir() {
            toml_files(&p, out)?;
        } else if p.extension().is_some_and(|e| e == "toml") {
            out.push(p);
        }
    }
    Ok(())
}

impl Library {
    /// Find and load every scenario under `dir`.
    pub fn scan(dir: &Path) -> std::io::Result<Library> {
        let dir = dir.canonicalize()?;
        let mut files = Vec::new();
        toml_files(&dir, &mut files)?;
        let mut lib = Library { dir: dir.clone(), ..Library::default() };
        for path in files {
            let Ok(rel) = path.strip_prefix(&dir) else { continue };
            let name = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
            let outside = match load_merged(&path) {
                Ok(m) => m
                    .sources
                    .iter()
                    .find(|s| !s.path.canonicalize().is_ok_and(|c| c.starts_with(&dir)))
                    .map(|s| format!("its extends chain reads {}, outside {}", s.path.display(), dir.display())),
                Err(e) => Some(e.to_string()),
            };
            if let Some(why) = outside {
                lib.skipped.push((name, why));
                continue;
            }
            match crate::scenario::load(&path, &[]) {
                Ok(sc) => lib.entries.push(Entry { name, path, title: sc.name, description: sc.description }),
                Err(e) => lib.skipped.push((name, e.to_string())),
            }
        }
        Ok(lib)
    }

    /// The entry called `name`, if the library has one.
    pub fn get(&self, name: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.name == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_library_loads_and_names_are_relative() {
        let lib = Library::scan(&Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios")).expect("scans");
        assert!(lib.skipped.is_empty(), "{:?}", lib.skipped);
        assert!(lib.get("baseline.toml").is_some());
        assert!(lib.get("classic/lanchester-square.toml").is_some());
        for bad in ["../Cargo.toml", "/etc/passwd", "classic/../../Cargo.toml", "", "baseline"] {
            assert!(lib.get(bad).is_none(), "{bad}");
        }
    }
}
