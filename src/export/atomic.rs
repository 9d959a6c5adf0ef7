//! The one place that writes output files: always to a temporary file in the target directory,
//! renamed over the target only when complete, so no reader ever sees a half-written file.
//! Every error names the file (a full disk says which file it could not write), and a file
//! dropped unfinished is removed. That a whole directory is all-old or all-new is
//! [`super::outdir`]'s; a temporary file a killed process left behind is removed by the next
//! run into the directory ([`super::outdir::clean_temp_files`]).

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

fn temp_path(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!(".{name}.tmp-{}", std::process::id()))
}

/// Write `bytes` to `path` atomically (creating parent directories).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut f = AtomicFile::create(path)?;
    f.write_all(bytes)?;
    f.commit()
}

/// A file being written: a temporary file until [`AtomicFile::commit`]; removed if dropped
/// without a commit.
pub struct AtomicFile {
    target: PathBuf,
    temp: PathBuf,
    out: Option<BufWriter<File>>,
}

/// `e` with the file's path in front (`plots/x/runs.csv: No space left on device`).
fn naming(path: &Path, e: io::Error) -> io::Error {
    io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

impl AtomicFile {
    /// Start writing `path`.
    pub fn create(path: &Path) -> io::Result<AtomicFile> {
        if let Some(dir) = path.parent()
            && !dir.as_os_str().is_empty()
        {
            fs::create_dir_all(dir).map_err(|e| naming(dir, e))?;
        }
        let temp = temp_path(path);
        let out = BufWriter::new(File::create(&temp).map_err(|e| naming(path, e))?);
        // Ctrl-C and SIGTERM remove it ([`super::outdir::remove_registered`]).
        if !super::outdir::register(&temp) {
            let _ = fs::remove_file(&temp);
            return Err(naming(path, io::Error::new(io::ErrorKind::Interrupted, "the process is stopping")));
        }
        Ok(AtomicFile { target: path.to_path_buf(), temp, out: Some(out) })
    }

    /// Finish: flush and rename over the target.
    pub fn commit(mut self) -> io::Result<()> {
        if let Some(mut out) = self.out.take() {
            let written = out.flush().and_then(|()| out.get_ref().sync_all());
            if let Err(e) = written {
                drop(out);
                let _ = fs::remove_file(&self.temp);
                return Err(naming(&self.target, e));
            }
        }
        fs::rename(&self.temp, &self.target).map_err(|e| {
            let _ = fs::remove_file(&self.temp);
            naming(&self.target, e)
        })
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.out {
            Some(o) => o.write(buf).map_err(|e| naming(&self.target, e)),
            None => Err(io::Error::other("file already committed")),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.out {
            Some(o) => o.flush().map_err(|e| naming(&self.target, e)),
            None => Ok(()),
        }
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.out.take().is_some() {
            let _ = fs::remove_file(&self.temp);
        }
        super::outdir::unregister(&self.temp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uncommitted_files_leave_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("sub/out.txt");
        {
            let mut f = AtomicFile::create(&p).unwrap();
            f.write_all(b"half").unwrap();
        }
        assert!(!p.exists());
        assert_eq!(fs::read_dir(dir.path().join("sub")).unwrap().count(), 0);
        write_atomic(&p, b"whole").unwrap();
        assert_eq!(fs::read_to_string(&p).unwrap(), "whole");
    }

    #[test]
    #[cfg(target_os = "linux")]
    fn a_full_disk_names_the_file_and_leaves_nothing() {
        // /dev/full accepts opening and fails every write with "No space left on device"; a
        // file cannot be created beside it, so write through a symlink's target instead: the
        // error of a failing writer, wrapped, must name the target.
        let e = naming(Path::new("out/runs.csv"), io::Error::from_raw_os_error(28));
        assert!(e.to_string().starts_with("out/runs.csv: No space left on device"), "{e}");
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.txt");
        let mut f = AtomicFile::create(&p).unwrap();
        f.out = Some(BufWriter::new(File::options().write(true).open("/dev/full").unwrap()));
        f.write_all(&[0u8; 100_000]).unwrap_err();
        drop(f);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0, "nothing partial left");
    }
}
