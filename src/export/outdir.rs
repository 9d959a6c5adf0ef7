//! Output directories that are all-old or all-new: a command writes everything into a staging
//! directory beside the target (`.NAME.staging-PID`) and [`Staging::commit`] swaps it in at the
//! end, so no reader ever sees the files of two runs side by side, and a run that fails or is
//! killed leaves the previous result whole.
//!
//! The swap: on Linux one `renameat2(RENAME_EXCHANGE)` exchanges the two directories
//! atomically (then the old one, now at the staging path, is removed); elsewhere the old
//! directory is renamed aside (`.NAME.old-PID`) and the new one into place, and the next run
//! puts the old one back if a crash fell between the two renames. Debris of dead processes
//! (staging and old directories beside the target, `.FILE.tmp-PID` files inside it) is
//! removed by the next run into the same directory; Ctrl-C and SIGTERM remove the staging
//! directories of the live process ([`remove_registered`], called by the CLI's signal handler).
//!
//! A directory is only ever replaced if it is empty or a previous result (it holds a
//! `manifest.json` or a `comparison.json`): `--out .` or `--out ~/Documents` is refused, never
//! emptied. Writing the files is the caller's (through [`super::atomic`] or not).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Files whose presence marks a directory as a previous result of this tool.
pub const MARKERS: &[&str] = &["manifest.json", "comparison.json"];

/// Why an output directory cannot be used (bad input: exit 2).
#[derive(Debug, thiserror::Error)]
pub enum OutDirError {
    /// The path exists and is not a directory.
    #[error("--out {0}: exists and is not a directory")]
    NotADirectory(PathBuf),
    /// An output file (`report --out`) that names a directory.
    #[error("--out {0}: is a directory: give a file name (e.g. {0}/report.html)")]
    IsADirectory(PathBuf),
    /// A non-empty directory that is not a previous result.
    #[error(
        "--out {0}: the directory is not empty and holds no previous result (no manifest.json): it would be replaced whole; choose a new or empty directory"
    )]
    NotOurs(PathBuf),
    /// The directory (or the staging directory beside it) cannot be created.
    #[error("--out {path}: cannot create {what}: {reason}")]
    Create {
        /// The output directory.
        path: PathBuf,
        /// What could not be created.
        what: String,
        /// Why, in words.
        reason: String,
    },
}

/// Staging directories and temporary files of this process, removed on Ctrl-C or SIGTERM.
static REGISTERED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Remove every staging directory and temporary file this process has open (for a signal
/// handler, just before the process exits). Later registrations are refused, so nothing is
/// staged or written after it.
pub fn remove_registered() {
    let mut reg = REGISTERED.lock().unwrap_or_else(|e| e.into_inner());
    for d in reg.drain(..) {
        if d.is_dir() {
            let _ = fs::remove_dir_all(&d);
        } else {
            let _ = fs::remove_file(&d);
        }
    }
    reg.push(PathBuf::new()); // marks the registry closed
}

/// Record a staging directory or temporary file to remove on a signal; false once the process
/// is stopping (then nothing new may be written).
pub(crate) fn register(dir: &Path) -> bool {
    let mut reg = REGISTERED.lock().unwrap_or_else(|e| e.into_inner());
    if reg.iter().any(|p| p.as_os_str().is_empty()) {
        return false;
    }
    reg.push(dir.to_path_buf());
    true
}

/// Forget a path recorded by [`register`] (committed or removed).
pub(crate) fn unregister(dir: &Path) {
    let mut reg = REGISTERED.lock().unwrap_or_else(|e| e.into_inner());
    reg.retain(|p| p != dir);
}

/// An output directory being written: files go to [`Staging::path`] until
/// [`Staging::commit`]; dropped without a commit, the staging directory is removed.
#[derive(Debug)]
pub struct Staging {
    target: PathBuf,
    dir: PathBuf,
    done: bool,
}

/// Whether process `pid` is alive (unknown: assumed alive, so nothing of it is removed).
fn alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    let proc = Path::new("/proc");
    if proc.join("self").exists() { proc.join(pid.to_string()).exists() } else { true }
}

/// The PID in a debris name `PREFIX<pid>`, if `name` has that form.
fn debris_pid(name: &str, prefix: &str) -> Option<u32> {
    name.strip_prefix(prefix)?.parse().ok()
}

fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        io::ErrorKind::NotFound => "a parent does not exist".into(),
        _ => e.to_string(),
    }
}

impl Staging {
    /// Check `target`, clean the debris of dead processes beside and inside it, and create an
    /// empty staging directory next to it.
    pub fn begin(target: &Path) -> Result<Staging, OutDirError> {
        let create = |what: &Path, e: &io::Error| OutDirError::Create {
            path: target.to_path_buf(),
            what: what.display().to_string(),
            reason: io_reason(e),
        };
        let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).filter(|n| n != "." && n != "..");
        let Some(name) = name else {
            return Err(OutDirError::NotOurs(target.to_path_buf()));
        };
        let parent = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent).map_err(|e| create(&parent, &e))?;
        clean_debris(&parent, &name, target);
        match fs::symlink_metadata(target) {
            Ok(m) if m.is_dir() => {
                let entries: Vec<String> = fs::read_dir(target)
                    .map_err(|e| create(target, &e))?
                    .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
                    .collect();
                if !entries.is_empty() && !MARKERS.iter().any(|m| entries.iter().any(|e| e == m)) {
                    return Err(OutDirError::NotOurs(target.to_path_buf()));
                }
            }
            Ok(_) => return Err(OutDirError::NotADirectory(target.to_path_buf())),
            Err(_) => {}
        }
        let dir = parent.join(format!(".{name}.staging-{}", std::process::id()));
        if dir.exists() {
            let _ = fs::remove_dir_all(&dir);
        }
        fs::create_dir(&dir).map_err(|e| create(&dir, &e))?;
        if !register(&dir) {
            let _ = fs::remove_dir_all(&dir);
            return Err(OutDirError::Create {
                path: target.to_path_buf(),
                what: dir.display().to_string(),
                reason: "the process is stopping".into(),
            });
        }
        Ok(Staging { target: target.to_path_buf(), dir, done: false })
    }

    /// Where to write the files.
    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// The directory the files will be in once committed.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Swap the staging directory in place of the target (the old result, if any, is removed).
    pub fn commit(mut self) -> io::Result<()> {
        let named = |e: io::Error| io::Error::new(e.kind(), format!("{}: {e}", self.target.display()));
        sync_dir(&self.dir);
        {
            // The swap holds the registry, so that a signal's cleanup ([`remove_registered`])
            // runs wholly before it (the old result stays) or wholly after it (the new one
            // is in place), never while the staging directory is half removed.
            let mut reg = REGISTERED.lock().unwrap_or_else(|e| e.into_inner());
            if reg.iter().any(|p| p.as_os_str().is_empty()) {
                return Err(io::Error::new(io::ErrorKind::Interrupted, "interrupted: the process is stopping"));
            }
            swap_in(&self.dir, &self.target).map_err(named)?;
            self.done = true;
            reg.retain(|p| p != &self.dir);
        }
        if let Some(p) = self.target.parent() {
            sync_dir(if p.as_os_str().is_empty() { Path::new(".") } else { p });
        }
        // After an exchange the old result is at the staging path.
        let _ = fs::remove_dir_all(&self.dir);
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            let _ = fs::remove_dir_all(&self.dir);
            unregister(&self.dir);
        }
    }
}

fn sync_dir(dir: &Path) {
    if let Ok(f) = fs::File::open(dir) {
        let _ = f.sync_all();
    }
}

/// Put `new` at `target`: atomically exchanged with an existing directory on Linux.
#[cfg(target_os = "linux")]
fn swap_in(new: &Path, target: &Path) -> io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    if fs::symlink_metadata(target).is_ok() {
        match renameat_with(CWD, new, CWD, target, RenameFlags::EXCHANGE) {
            Ok(()) => return Ok(()),
            // A file system without the exchange falls back to two renames.
            Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS => {}
            Err(e) => return Err(e.into()),
        }
        return swap_by_two_renames(new, target);
    }
    fs::rename(new, target)
}

#[cfg(not(target_os = "linux"))]
fn swap_in(new: &Path, target: &Path) -> io::Result<()> {
    if fs::symlink_metadata(target).is_ok() { swap_by_two_renames(new, target) } else { fs::rename(new, target) }
}

/// Rename `target` aside, `new` into place, and leave the old one at `new`'s path for the
/// caller to remove. A crash between the two renames leaves the old one at `.NAME.old-PID`,
/// which the next run puts back ([`clean_debris`]).
#[cfg_attr(target_os = "linux", allow(dead_code))]
fn swap_by_two_renames(new: &Path, target: &Path) -> io::Result<()> {
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let old = target.with_file_name(format!(".{name}.old-{}", std::process::id()));
    fs::rename(target, &old)?;
    if let Err(e) = fs::rename(new, target) {
        let _ = fs::rename(&old, target);
        return Err(e);
    }
    fs::rename(&old, new)
}

/// Remove what dead processes left beside `target` (staging and old directories) and inside
/// it (temporary files of the per-file atomic writer); put back an old result that a crash
/// left aside when the target itself is missing.
fn clean_debris(parent: &Path, name: &str, target: &Path) {
    let staging = format!(".{name}.staging-");
    let old = format!(".{name}.old-");
    if let Ok(entries) = fs::read_dir(parent) {
        for e in entries.flatten() {
            let file = e.file_name().to_string_lossy().into_owned();
            if let Some(pid) = debris_pid(&file, &staging)
                && !alive(pid)
            {
                let _ = fs::remove_dir_all(e.path());
            } else if let Some(pid) = debris_pid(&file, &old)
                && !alive(pid)
            {
                if fs::symlink_metadata(target).is_err() {
                    let _ = fs::rename(e.path(), target);
                } else {
                    let _ = fs::remove_dir_all(e.path());
                }
            }
        }
    }
    clean_temp_files(target);
}

/// Check an output file's path (`report --out FILE`): not a directory, its directory created;
/// a temporary file a dead process left for it is removed. Writing it is [`super::atomic`]'s.
pub fn prepare_file(path: &Path) -> Result<(), OutDirError> {
    if path.is_dir() {
        return Err(OutDirError::IsADirectory(path.to_path_buf()));
    }
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(|e| OutDirError::Create {
        path: path.to_path_buf(),
        what: parent.display().to_string(),
        reason: io_reason(&e),
    })?;
    if !parent.is_dir() {
        return Err(OutDirError::Create {
            path: path.to_path_buf(),
            what: parent.display().to_string(),
            reason: "it exists and is not a directory".into(),
        });
    }
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if let Ok(entries) = fs::read_dir(&parent) {
        for e in entries.flatten() {
            let file = e.file_name().to_string_lossy().into_owned();
            if debris_pid(&file, &format!(".{name}.tmp-")).is_some_and(|p| !alive(p)) {
                let _ = fs::remove_file(e.path());
            }
        }
    }
    Ok(())
}

/// Remove `.FILE.tmp-PID` files of dead processes in `dir` and its subdirectories.
pub fn clean_temp_files(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        let file = e.file_name().to_string_lossy().into_owned();
        if e.file_type().is_ok_and(|t| t.is_dir()) {
            clean_temp_files(&path);
        } else if file.starts_with('.')
            && let Some((_, pid)) = file.rsplit_once(".tmp-")
            && pid.parse::<u32>().is_ok_and(|p| !alive(p))
        {
            let _ = fs::remove_file(&path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> =
            fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        v.sort();
        v
    }

    #[test]
    fn a_committed_directory_replaces_the_old_one_whole() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("out");
        fs::create_dir(&out).unwrap();
        fs::write(out.join("manifest.json"), "old").unwrap();
        fs::write(out.join("runs.csv"), "old").unwrap();
        let s = Staging::begin(&out).unwrap();
        fs::write(s.path().join("manifest.json"), "new").unwrap();
        // Before the commit, the old result is whole.
        assert_eq!(files(&out), ["manifest.json", "runs.csv"]);
        s.commit().unwrap();
        assert_eq!(files(&out), ["manifest.json"]);
        assert_eq!(fs::read_to_string(out.join("manifest.json")).unwrap(), "new");
        assert_eq!(files(root.path()), ["out"], "no staging or old directory left");
    }

    #[test]
    fn an_uncommitted_staging_directory_leaves_nothing() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("a/b/out");
        {
            let s = Staging::begin(&out).unwrap();
            fs::write(s.path().join("runs.csv"), "half").unwrap();
        }
        assert_eq!(files(&root.path().join("a/b")), Vec::<String>::new());
    }

    #[test]
    fn debris_of_dead_processes_is_removed_and_live_ones_kept() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("out");
        fs::create_dir(&out).unwrap();
        fs::write(out.join("manifest.json"), "x").unwrap();
        // PIDs above the kernel's limit (4194304) are never alive.
        let dead = 999_999_999u32;
        fs::create_dir(root.path().join(format!(".out.staging-{dead}"))).unwrap();
        fs::write(out.join(format!(".runs.csv.tmp-{dead}")), "x").unwrap();
        let mine = std::process::id();
        fs::write(out.join(format!(".events.csv.tmp-{mine}")), "x").unwrap();
        let s = Staging::begin(&out).unwrap();
        if Path::new("/proc/self").exists() {
            assert!(!root.path().join(format!(".out.staging-{dead}")).exists());
            assert!(!out.join(format!(".runs.csv.tmp-{dead}")).exists());
        }
        assert!(out.join(format!(".events.csv.tmp-{mine}")).exists(), "a live process's file stays");
        drop(s);
    }

    #[test]
    fn an_old_result_left_aside_is_put_back() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("out");
        let aside = root.path().join(".out.old-999999999");
        fs::create_dir(&aside).unwrap();
        fs::write(aside.join("manifest.json"), "old").unwrap();
        let s = Staging::begin(&out).unwrap();
        if Path::new("/proc/self").exists() {
            assert_eq!(fs::read_to_string(out.join("manifest.json")).unwrap(), "old");
        }
        drop(s);
    }

    #[test]
    fn foreign_directories_and_files_are_refused() {
        let root = tempfile::tempdir().unwrap();
        fs::write(root.path().join("notes.txt"), "mine").unwrap();
        assert!(matches!(Staging::begin(root.path()), Err(OutDirError::NotOurs(_))));
        assert!(matches!(Staging::begin(&root.path().join("notes.txt")), Err(OutDirError::NotADirectory(_))));
        assert!(matches!(Staging::begin(Path::new(".")), Err(OutDirError::NotOurs(_))));
        assert_eq!(fs::read_to_string(root.path().join("notes.txt")).unwrap(), "mine");
        // An empty directory is fine.
        let empty = root.path().join("empty");
        fs::create_dir(&empty).unwrap();
        Staging::begin(&empty).unwrap().commit().unwrap();
        assert!(empty.is_dir());
    }
}
