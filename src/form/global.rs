//! The editions of this process: the built-in ones, and those a
//! `--templates DIR` installs ([`install`]). An [`Edizione`] is a handle into
//! this set, so that every reader, writer and rule finds an installed edition
//! as it finds a built-in one.

use std::path::Path;
use std::sync::{LazyLock, RwLock};

use super::{Edition, Registry};
use crate::diagnostic::Result;

/// The edition of a form: a handle to its description ([`Edition`]).
///
/// The variants name the built-in editions, by the code of their
/// description files: they are the defaults of the description loader, and
/// this is the only place where the code names them. An edition installed at
/// run time from a `--templates` directory ([`install`]) is an
/// [`Edizione::Altra`], as good as a built-in one. What an edition is (its
/// years, rows, labels, rule parameters) is in its description, never in a
/// test of its name: code outside this module does not match on variants.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Edizione {
    /// The form compiled in 2025 for the year 2024 (`editions/SOC25.toml`).
    SOC25,
    /// The form compiled in 2026 for the year 2025 (`editions/SOC26.toml`).
    SOC26,
    /// An edition installed at run time, by its code.
    Altra(&'static str),
}

impl Edizione {
    /// The built-in editions, oldest first.
    pub const ALL: [Edizione; 2] = [Edizione::SOC25, Edizione::SOC26];

    /// The edition's code as printed (`SOC25`).
    pub fn code(self) -> &'static str {
        match self {
            Edizione::SOC25 => "SOC25",
            Edizione::SOC26 => "SOC26",
            Edizione::Altra(code) => code,
        }
    }

    /// The handle of the edition whose description has the code `code`.
    fn of(code: &'static str) -> Edizione {
        Edizione::ALL
            .into_iter()
            .find(|e| e.code() == code)
            .unwrap_or(Edizione::Altra(code))
    }
}

/// The known editions, oldest first. Descriptions are leaked: there are a
/// handful per process, and handles to them live as long as the process.
static KNOWN: LazyLock<RwLock<Vec<&'static Edition>>> = LazyLock::new(|| {
    // The built-in descriptions are part of scheda's source and its tests
    // load every one of them: failing here is a defect of the build.
    let builtin = match Registry::builtin() {
        Ok(r) => r,
        Err(e) => panic!("scheda's built-in edition descriptions do not load:\n{e}"),
    };
    RwLock::new(
        builtin
            .iter()
            .map(|(e, _)| &*Box::leak(Box::new(e.clone())))
            .collect(),
    )
});

fn known_list() -> Vec<&'static Edition> {
    match KNOWN.read() {
        Ok(list) => list.clone(),
        Err(poisoned) => poisoned.into_inner().clone(),
    }
}

/// The description of `edizione`.
pub fn description(edizione: Edizione) -> &'static Edition {
    let list = known_list();
    // An `Edizione` is only made from a known code, and editions are never
    // removed: the first entry is a fallback that cannot be reached.
    list.iter()
        .copied()
        .find(|e| e.codice == edizione.code())
        .unwrap_or(list[0])
}

/// The edition whose code is `code` (any case), if known.
pub fn find(code: &str) -> Option<Edizione> {
    known_list()
        .into_iter()
        .find(|e| e.codice.eq_ignore_ascii_case(code))
        .map(|e| Edizione::of(&e.codice))
}

/// Every known edition, oldest first.
pub fn known() -> Vec<Edizione> {
    known_list()
        .into_iter()
        .map(|e| Edizione::of(&e.codice))
        .collect()
}

/// Make the editions of `dir/editions/*.toml` known to this process: a new
/// code is added, a built-in code gets the directory's description.
pub fn install(dir: &Path) -> Result<()> {
    let registry = Registry::with_dir(dir)?;
    let mut list = match KNOWN.write() {
        Ok(list) => list,
        Err(poisoned) => poisoned.into_inner(),
    };
    for (edition, source) in registry.iter() {
        if *source == super::Source::Builtin {
            continue;
        }
        let leaked: &'static Edition = Box::leak(Box::new(edition.clone()));
        match list.iter_mut().find(|e| e.codice == edition.codice) {
            Some(slot) if **slot == *edition => {}
            Some(slot) => *slot = leaked,
            None => list.push(leaked),
        }
    }
    Ok(())
}
