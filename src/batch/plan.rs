//! The inputs of a batch: files as given, folders walked recursively for
//! the forms' extensions, in a fixed order (names sorted byte by byte), each
//! file once.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::report;
use crate::Format;
use crate::messages::{Message, kind};

/// What a batch does with one input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Read its forms.
    Read,
    /// Leave it, for this reason (a file of another kind in a folder, a
    /// file met twice, an output of an earlier batch).
    Skip(Message),
    /// It cannot be read (a folder that cannot be listed).
    Fail(Message),
}

/// One input of a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The file, as given or as found in a folder.
    pub path: PathBuf,
    /// What to do with it.
    pub action: Action,
}

/// Every input of a batch, in order: the order of the report, and of the
/// names given when two forms would take the same one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// The inputs, skipped ones included.
    pub inputs: Vec<Input>,
}

impl Plan {
    /// How many inputs are read (not skipped).
    pub fn to_read(&self) -> usize {
        self.inputs
            .iter()
            .filter(|i| !matches!(i.action, Action::Skip(_)))
            .count()
    }

    /// How many inputs are skipped.
    pub fn skipped(&self) -> usize {
        self.inputs.len() - self.to_read()
    }
}

/// An absolute form of `path` that names one file one way: canonical where
/// it exists, else made absolute.
pub(super) fn canonical(path: &Path) -> PathBuf {
    path.canonicalize()
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

/// Whether `path` has the extension of a file scheda reads
/// ([`Format::from_input_path`]).
pub fn is_form_file(path: &Path) -> bool {
    Format::from_input_path(path).is_some()
}

/// Plan a batch of `paths` (files and folders) written into `dir`, with its
/// report at `report`.
///
/// A file given by name is read whatever its extension (without a known
/// one, its format is told from its first bytes). A folder is walked
/// recursively: files with the extension of one scheda reads ([`is_form_file`]) are read, other files
/// (and Office's lock files, `~$name.xlsx`) are listed as skipped; hidden
/// files and folders (`.name`) and links to folders are not looked into.
/// The output folder is not walked when it lies inside an input folder;
/// when it is an input folder itself, the report and the outputs an earlier
/// report there lists are skipped. A file met twice is read once.
pub fn plan(paths: &[PathBuf], dir: &Path, report: &Path) -> Plan {
    let mut walker = Walker {
        dir: canonical(dir),
        report: canonical(report),
        earlier: report::earlier_outputs(report)
            .into_iter()
            .map(|name| canonical(&dir.join(name)))
            .collect(),
        seen: HashSet::new(),
        plan: Plan::default(),
    };
    for path in paths {
        if path.is_dir() {
            walker.folder(path);
        } else {
            walker.file(path, true);
        }
    }
    walker.plan
}

/// The files under `folder` that `plan` would read, in its order, and the
/// files it would skip (another extension); for `scheda check DIR`.
pub fn walk(folder: &Path) -> Plan {
    let mut walker = Walker {
        dir: PathBuf::new(),
        report: PathBuf::new(),
        earlier: HashSet::new(),
        seen: HashSet::new(),
        plan: Plan::default(),
    };
    walker.folder(folder);
    walker.plan
}

struct Walker {
    dir: PathBuf,
    report: PathBuf,
    earlier: HashSet<PathBuf>,
    seen: HashSet<PathBuf>,
    plan: Plan,
}

impl Walker {
    fn push(&mut self, path: PathBuf, action: Action) {
        self.plan.inputs.push(Input { path, action });
    }

    fn file(&mut self, path: &Path, given: bool) {
        let at = canonical(path);
        if !given && at == self.report {
            return;
        }
        if !given && self.earlier.contains(&at) {
            let report = self
                .report
                .file_name()
                .unwrap_or_default()
                .to_string_lossy();
            self.push(
                path.to_path_buf(),
                Action::Skip(Message::new(
                    kind::SKIP_EARLIER_OUTPUT,
                    [("report", report.to_string().into())],
                )),
            );
            return;
        }
        if !self.seen.insert(at) {
            self.push(
                path.to_path_buf(),
                Action::Skip(Message::new(kind::SKIP_TWICE, [])),
            );
            return;
        }
        self.push(path.to_path_buf(), Action::Read);
    }

    fn folder(&mut self, folder: &Path) {
        let entries = match std::fs::read_dir(folder) {
            Ok(entries) => entries,
            Err(e) => {
                self.push(
                    folder.to_path_buf(),
                    Action::Fail(Message::new(
                        kind::FOLDER_UNLISTED,
                        [
                            ("path", folder.display().to_string().into()),
                            ("error", crate::messages::io_reason(&e).into()),
                        ],
                    )),
                );
                return;
            }
        };
        let mut entries: Vec<_> = entries.flatten().collect();
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let name = entry.file_name();
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            let path = entry.path();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                if canonical(&path) != self.dir {
                    self.folder(&path);
                }
                continue;
            }
            if kind.is_symlink() && path.is_dir() {
                self.push(path, Action::Skip(Message::new(kind::SKIP_LINK, [])));
                continue;
            }
            if name.to_string_lossy().starts_with("~$") {
                self.push(path, Action::Skip(Message::new(kind::SKIP_LOCK_FILE, [])));
            } else if is_form_file(&path) {
                self.file(&path, false);
            } else if canonical(&path) != self.report {
                let why = match path.extension() {
                    Some(ext) => Message::new(
                        kind::SKIP_NOT_A_FORM,
                        [("ext", ext.to_string_lossy().into_owned().into())],
                    ),
                    None => Message::new(kind::SKIP_NO_EXTENSION, []),
                };
                self.push(path, Action::Skip(why));
            }
        }
    }
}
