//! The editions scheda knows: the built-in descriptions, and those of a
//! `--templates DIR` (`DIR/editions/<CODE>.toml`), which add an edition or
//! replace a built-in one with the same code.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use super::files::{self as templates, Origin};
use super::{Edition, load};
use crate::diagnostic::{Diagnostic, Error, Location, Result, Severity};
use crate::messages::{Message, kind};

/// Where an edition's description comes from.
pub type Source = Origin;

/// A set of editions, each with where its description comes from.
#[derive(Debug, Clone)]
pub struct Registry {
    entries: Vec<(Edition, Source)>,
}

/// The built-in editions, loaded once.
static BUILTIN: LazyLock<std::result::Result<Registry, Error>> = LazyLock::new(|| {
    let mut entries = Vec::new();
    for (path, text) in templates::BUILTIN {
        if path.starts_with("editions/") && path.ends_with(".toml") {
            entries.push((load(&format!("templates/{path}"), text)?, Origin::Builtin));
        }
    }
    Ok(Registry { entries })
});

impl Registry {
    /// The editions compiled into scheda.
    ///
    /// Their descriptions are part of scheda's source, checked by its tests,
    /// so a failure to load them is a bug of the build; it is reported as an
    /// error all the same.
    pub fn builtin() -> Result<&'static Registry> {
        BUILTIN.as_ref().map_err(Clone::clone)
    }

    /// The built-in editions, with those of `dir/editions/*.toml` added or
    /// replacing the built-in one of the same code.
    pub fn with_dir(dir: &Path) -> Result<Registry> {
        let mut registry = Registry::builtin()?.clone();
        let editions = dir.join("editions");
        if !editions.is_dir() {
            return Ok(registry);
        }
        let mut files: Vec<PathBuf> = std::fs::read_dir(&editions)
            .map_err(|e| templates::read_failed(&editions, &e))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        files.sort();
        let mut errors = Vec::new();
        for file in files {
            let name = file.display().to_string();
            let loaded = std::fs::read_to_string(&file)
                .map_err(|e| templates::read_failed(&file, &e))
                .and_then(|text| load(&name, &text));
            let edition = match loaded {
                Ok(edition) => edition,
                Err(e) => {
                    errors.extend(e.diagnostics);
                    continue;
                }
            };
            let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned());
            if stem.as_deref() != Some(edition.codice.as_str()) {
                let file_name = file.file_name().unwrap_or_default().to_string_lossy();
                errors.push(
                    Diagnostic::coded(
                        Severity::Error,
                        Message::new(
                            kind::DESCRIPTION_FILE_NAME,
                            [
                                ("edition", edition.codice.as_str().into()),
                                ("file", file_name.as_ref().into()),
                            ],
                        ),
                        Some(Message::new(
                            kind::DESCRIPTION_FILE_NAME_HINT,
                            [("edition", edition.codice.as_str().into())],
                        )),
                    )
                    .at(Location::file_line(&name, 1)),
                );
                continue;
            }
            registry.insert(edition, Origin::File(file));
        }
        if errors.is_empty() {
            Ok(registry)
        } else {
            Err(Error {
                diagnostics: errors,
            })
        }
    }

    /// The editions of a `--templates DIR`, or the built-in ones without one.
    pub fn from_templates(dir: Option<&Path>) -> Result<Registry> {
        match dir {
            Some(dir) => Registry::with_dir(dir),
            None => Registry::builtin().cloned(),
        }
    }

    fn insert(&mut self, edition: Edition, source: Source) {
        match self
            .entries
            .iter_mut()
            .find(|(e, _)| e.codice == edition.codice)
        {
            Some(slot) => *slot = (edition, source),
            None => self.entries.push((edition, source)),
        }
    }

    /// The edition `codice`, if known.
    pub fn get(&self, codice: &str) -> Option<&Edition> {
        self.entries
            .iter()
            .find(|(e, _)| e.codice.eq_ignore_ascii_case(codice.trim()))
            .map(|(e, _)| e)
    }

    /// Every edition with its source, in the order they were added (built-in
    /// first, oldest first).
    pub fn iter(&self) -> impl Iterator<Item = (&Edition, &Source)> {
        self.entries.iter().map(|(e, s)| (e, s))
    }

    /// The edition whose title line `line` is (spacing aside), if any.
    pub fn by_title(&self, line: &str) -> Option<&Edition> {
        let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let line = squash(line);
        self.entries
            .iter()
            .map(|(e, _)| e)
            .find(|e| squash(&e.titolo) == line)
    }

    /// The codes of the known editions, for messages (`SOC25, SOC26`).
    pub fn codes(&self) -> String {
        self.entries
            .iter()
            .map(|(e, _)| e.codice.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}
