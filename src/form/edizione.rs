//! The handle of an edition ([`Edizione`]) and the pool its descriptions
//! live in.
//!
//! A handle carries its description and the descriptions of the editions
//! it was known with (those of the [`crate::templates::Templates`] value
//! that made it), so that asking a form's edition anything needs no lookup
//! and no global state: finding an edition by its code goes through a
//! `Templates` value only.
//!
//! The descriptions are leaked into `&'static` through a small pool keyed by
//! their contents ([`handles`]): building the same templates twice gives the
//! same handles and grows no memory, and a handle stays valid as long as the
//! process, whatever value made it. The pool is memory, not a registry: it
//! answers no question about which editions exist.

use std::fmt;
use std::sync::Mutex;

use super::Edition;

/// The edition of a form: a handle to its description ([`Edition`]).
///
/// Handles are made by a [`crate::templates::Templates`] value (built-in
/// editions, or those of a templates directory), and compare, order and
/// hash by their code. What an edition is (its years, rows, labels, rule
/// parameters) is in its description, never in a test of its code.
#[derive(Clone, Copy)]
pub struct Edizione {
    edition: &'static Edition,
    /// The editions known with this one, oldest first (itself among them).
    known: &'static [&'static Edition],
}

impl Edizione {
    /// The edition's code as printed (`SOC25`).
    pub fn code(self) -> &'static str {
        &self.edition.codice
    }

    /// The edition's description.
    pub fn description(self) -> &'static Edition {
        self.edition
    }

    /// The editions known with this one, oldest first: those of the
    /// templates value that made it (this one among them). The model uses
    /// them to place a row that only another edition has.
    pub fn known_with(self) -> impl Iterator<Item = Edizione> {
        let known = self.known;
        known.iter().map(move |edition| Edizione { edition, known })
    }
}

impl PartialEq for Edizione {
    fn eq(&self, other: &Self) -> bool {
        self.code() == other.code()
    }
}

impl Eq for Edizione {}

impl PartialOrd for Edizione {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Edizione {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.code().cmp(other.code())
    }
}

impl std::hash::Hash for Edizione {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.code().hash(state);
    }
}

impl fmt::Debug for Edizione {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl fmt::Display for Edizione {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The descriptions leaked so far, and the lists of them handed out as the
/// editions known together. A handful per process.
struct Pool {
    editions: Vec<&'static Edition>,
    lists: Vec<&'static [&'static Edition]>,
}

static POOL: Mutex<Pool> = Mutex::new(Pool {
    editions: Vec::new(),
    lists: Vec::new(),
});

/// The handles of `editions`, in their order, each knowing all of them: a
/// description equal to one leaked before is that one.
pub(crate) fn handles<'a>(editions: impl IntoIterator<Item = &'a Edition>) -> Vec<Edizione> {
    let mut pool = match POOL.lock() {
        Ok(pool) => pool,
        Err(poisoned) => poisoned.into_inner(),
    };
    let mut list: Vec<&'static Edition> = Vec::new();
    for edition in editions {
        let leaked = match pool.editions.iter().find(|e| **e == edition) {
            Some(e) => *e,
            None => {
                let e: &'static Edition = Box::leak(Box::new(edition.clone()));
                pool.editions.push(e);
                e
            }
        };
        list.push(leaked);
    }
    let same = |l: &&'static [&'static Edition]| {
        l.len() == list.len() && l.iter().zip(&list).all(|(a, b)| std::ptr::eq(*a, *b))
    };
    let known: &'static [&'static Edition] = match pool.lists.iter().find(|l| same(l)) {
        Some(l) => l,
        None => {
            let l: &'static [&'static Edition] = Box::leak(list.into_boxed_slice());
            pool.lists.push(l);
            l
        }
    };
    known
        .iter()
        .map(|edition| Edizione { edition, known })
        .collect()
}
