//! The templates a process works with, as one value ([`Templates`]): the
//! edition descriptions, the sentence catalogue and the Typst layouts, from
//! the files compiled into scheda and, where it has them, a directory
//! (`--templates DIR`). It is built once and passed to whatever needs it, as
//! Typst passes its `World`: readers find editions in it, writers take its
//! catalogue and layouts. Two values with different directories live side
//! by side in one process.
//!
//! The files themselves are read by [`crate::form::files`], re-exported
//! here.

use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};

use crate::diagnostic::Result;
use crate::form::{Edizione, Registry};
use crate::messages::{Message, kind};
use crate::rules::Catalogue;

pub use crate::form::files::{BUILTIN, Origin, builtin, read, typst_imports};

/// The editions, sentence catalogue and layouts of scheda's built-in files
/// and, optionally, of a directory. Cheap to clone (shared).
#[derive(Debug, Clone)]
pub struct Templates(Arc<Inner>);

#[derive(Debug)]
struct Inner {
    /// The directory whose files replace the built-in ones, if any.
    dir: Option<PathBuf>,
    /// Every edition, oldest first (built-in first, then the directory's).
    editions: Vec<Edizione>,
    /// Where each edition's description comes from, in the same order.
    sources: Vec<Origin>,
    /// The sentence catalogue of every edition that has one.
    catalogue: Catalogue,
}

/// The built-in templates, made once.
static BUILTIN_TEMPLATES: LazyLock<Templates> = LazyLock::new(|| {
    // The built-in files are part of scheda's source and its tests load
    // every one of them: failing here is a defect of the build.
    match Templates::load(None) {
        Ok(t) => t,
        Err(e) => panic!("scheda's built-in templates do not load:\n{e}"),
    }
});

impl Templates {
    /// The templates compiled into scheda.
    pub fn builtin() -> Templates {
        BUILTIN_TEMPLATES.clone()
    }

    /// The built-in templates with the files of `dir` in place of theirs:
    /// `dir/editions/*.toml` add an edition or replace the built-in one of
    /// the same code, `dir/sentences/CODE.j2` an edition's sentences,
    /// `dir/CODE.typ` (and what it imports) its layout. `dir` must be a
    /// directory.
    pub fn with_dir(dir: &Path) -> Result<Templates> {
        Templates::load(Some(dir))
    }

    /// [`Templates::with_dir`] when given a directory, else the built-in
    /// templates.
    pub fn from_dir(dir: Option<&Path>) -> Result<Templates> {
        match dir {
            Some(dir) => Templates::with_dir(dir),
            None => Ok(Templates::builtin()),
        }
    }

    fn load(dir: Option<&Path>) -> Result<Templates> {
        let registry = Registry::from_templates(dir)?;
        let editions = crate::form::handles(registry.iter().map(|(e, _)| e));
        let sources = registry.iter().map(|(_, s)| s.clone()).collect();
        if let Some(dir) = dir {
            crate::rules::sentences::require_dir(dir)?;
        }
        let catalogue = Catalogue::load(dir, &editions)?;
        Ok(Templates(Arc::new(Inner {
            dir: dir.map(Path::to_path_buf),
            editions,
            sources,
            catalogue,
        })))
    }

    /// The directory whose files replace the built-in ones, if any.
    pub fn dir(&self) -> Option<&Path> {
        self.0.dir.as_deref()
    }

    /// Every edition, oldest first.
    pub fn editions(&self) -> &[Edizione] {
        &self.0.editions
    }

    /// Every edition with where its description comes from, oldest first.
    pub fn sources(&self) -> impl Iterator<Item = (Edizione, &Origin)> {
        self.0.editions.iter().copied().zip(&self.0.sources)
    }

    /// The edition whose code is `code` (any case, spaces around it
    /// aside), if there is one.
    pub fn find(&self, code: &str) -> Option<Edizione> {
        let code = code.trim();
        self.editions()
            .iter()
            .copied()
            .find(|e| e.code().eq_ignore_ascii_case(code))
    }

    /// The edition whose code is `code`, or the message that names the
    /// editions there are.
    pub fn edizione(&self, code: &str) -> std::result::Result<Edizione, Message> {
        self.find(code).ok_or_else(|| {
            Message::new(
                kind::EDITION_NOT_KNOWN,
                [("code", code.trim().into()), ("known", self.codes().into())],
            )
        })
    }

    /// The codes of the editions, for messages (`SOC25, SOC26`).
    pub fn codes(&self) -> String {
        let codes: Vec<&str> = self.editions().iter().map(|e| e.code()).collect();
        codes.join(", ")
    }

    /// The sentence catalogue.
    pub fn catalogue(&self) -> &Catalogue {
        &self.0.catalogue
    }

    /// The file at `path` under `templates/`: the directory's where it has
    /// one, else the built-in one ([`read`]).
    pub fn file(&self, path: &str) -> Result<Option<(String, Origin)>> {
        read(self.dir(), path)
    }
}

impl Default for Templates {
    /// The built-in templates.
    fn default() -> Self {
        Templates::builtin()
    }
}

impl Edizione {
    /// The built-in edition `code` (`SOC25`): for tests and examples, where
    /// the code is known to be built in.
    ///
    /// # Panics
    ///
    /// When no built-in edition has the code.
    pub fn builtin(code: &str) -> Edizione {
        match Templates::builtin().find(code) {
            Some(e) => e,
            None => panic!("no built-in edition {code}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn building_the_same_templates_twice_gives_the_same_handles() {
        let a = Templates::load(None).unwrap();
        let b = Templates::builtin();
        for (x, y) in a.editions().iter().zip(b.editions()) {
            assert!(std::ptr::eq(x.description(), y.description()));
        }
        assert_eq!(a.editions(), b.editions());
    }
}
