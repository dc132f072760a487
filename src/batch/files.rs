//! Files written whole: a temporary file beside the output, renamed over it
//! once complete, so that an interrupted program leaves no half-written
//! output.
//!
//! A temporary file is named `.NAME.tmp-PID`: hidden, after the file it
//! becomes and the process that writes it. No reader takes it for an output
//! (`scheda batch` does not read hidden files), and a later batch into the
//! same folder removes those of processes that are gone ([`remove_stale`]).

use std::io;
use std::path::{Path, PathBuf};

/// What a temporary name has between the file's name and the process id.
const MARK: &str = ".tmp-";

/// The temporary name of `file_name` for this process: `.NAME.tmp-PID`.
pub fn temporary_name(file_name: &str) -> String {
    format!(".{file_name}{MARK}{}", std::process::id())
}

/// The process id in a temporary name (`.NAME.tmp-PID`), if it is one.
pub fn temporary_pid(name: &str) -> Option<u32> {
    let (_, pid) = name.strip_prefix('.')?.rsplit_once(MARK)?;
    if pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    pid.parse().ok()
}

/// Where `path` is written before it is complete.
pub(crate) fn temporary_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "scheda".into(), |n| n.to_string_lossy().into_owned());
    path.with_file_name(temporary_name(&name))
}

/// Write `bytes` to `path` whole or not at all: to a temporary file beside
/// it, renamed over it once complete. On failure the temporary file is
/// removed.
pub fn write_whole(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let tmp = temporary_path(path);
    let written = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

/// Whether process `pid` is running, where the system tells (Linux's
/// `/proc`); `None` elsewhere.
fn alive(pid: u32) -> Option<bool> {
    if !Path::new("/proc/self").exists() {
        return None;
    }
    Some(pid == std::process::id() || Path::new(&format!("/proc/{pid}")).exists())
}

/// What [`remove_stale`] found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stale {
    /// Temporary files of processes that are gone, removed.
    pub removed: usize,
    /// Temporary files left alone: their process is running, or the system
    /// cannot tell (outside Linux), or they could not be removed.
    pub kept: usize,
}

/// Remove from `dir` (not its subfolders) the temporary files
/// (`.NAME.tmp-PID`) of processes that are no longer running, as a batch
/// killed outright leaves them. Those of running processes, and every one
/// where the system cannot tell whether its process runs, are left alone;
/// they are never read as inputs nor taken for outputs either way.
pub fn remove_stale(dir: &Path) -> Stale {
    let mut found = Stale::default();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(temporary_pid) else {
            continue;
        };
        if !entry.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        if alive(pid) == Some(false) && std::fs::remove_file(entry.path()).is_ok() {
            found.removed += 1;
        } else {
            found.kept += 1;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_names_carry_the_process() {
        let name = temporary_name("SONDRIO.pdf");
        assert!(name.starts_with(".SONDRIO.pdf.tmp-"));
        assert_eq!(temporary_pid(&name), Some(std::process::id()));
        assert_eq!(temporary_pid(".a.b.tmp-12"), Some(12));
        assert_eq!(temporary_pid("a.tmp-12"), None);
        assert_eq!(temporary_pid(".a.tmp-"), None);
        assert_eq!(temporary_pid(".a.tmp-1x"), None);
    }
}
