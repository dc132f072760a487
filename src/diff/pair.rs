//! The forms of two sides (two folders, two multi-Comune workbooks or JSON
//! Lines files) paired by the Comune ([`pair`]): by its code, then by its
//! name; a side of one form and a side of one form are paired whatever
//! they say. Each pair is compared ([`super::compare`]); a form found on
//! one side only is listed as such.

use rayon::prelude::*;
use serde::Serialize;

use super::{Confronto, compare};
use crate::diagnostic::Result;
use crate::model::Scheda;
use crate::rules::Catalogue;

/// One Comune of the comparison: where its form is on each side, and what
/// differs between them (`None` when it is on one side only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Esame {
    /// The Comune's name, from either form.
    pub comune: Option<String>,
    /// The Comune's code on the portal, from either form.
    pub codice: Option<String>,
    /// Where the first side's form is (file, and form within it).
    pub a: Option<String>,
    /// Where the second side's form is.
    pub b: Option<String>,
    /// What differs, when the Comune has a form on both sides.
    #[serde(flatten)]
    pub confronto: Option<Confronto>,
}

impl Esame {
    /// Whether the Comune's forms agree (false when one is missing).
    pub fn uguali(&self) -> bool {
        self.confronto.as_ref().is_some_and(Confronto::uguali)
    }
}

/// A text compared loosely: trimmed, any case.
fn same_text(a: Option<&String>, b: Option<&String>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => {
            let (a, b) = (a.trim(), b.trim());
            !a.is_empty() && a.to_lowercase() == b.to_lowercase()
        }
        _ => false,
    }
}

/// Pair the forms of `a` and `b` (each with where it was found) and compare
/// each pair; the sentences come from `catalogue`. The Comuni come in the
/// first side's order, then those of the second side only.
pub fn pair(
    a: &[(String, Scheda)],
    b: &[(String, Scheda)],
    catalogue: &Catalogue,
) -> Result<Vec<Esame>> {
    let mut partner: Vec<Option<usize>> = vec![None; a.len()];
    let mut taken = vec![false; b.len()];
    if a.len() == 1 && b.len() == 1 {
        partner = vec![Some(0)];
        taken = vec![true];
    } else {
        // By the Comune's code, then by its name.
        type Key = fn(&Scheda) -> Option<&String>;
        let keys: [Key; 2] = [
            |s| s.ente.codice.as_ref(),
            |s| s.ente.denominazione.as_ref(),
        ];
        for key in keys {
            for (i, (_, fa)) in a.iter().enumerate() {
                if partner.get(i).copied().flatten().is_some() {
                    continue;
                }
                let found = b
                    .iter()
                    .enumerate()
                    .find(|(j, (_, fb))| {
                        !taken.get(*j).copied().unwrap_or(true) && same_text(key(fa), key(fb))
                    })
                    .map(|(j, _)| j);
                if let Some(j) = found {
                    if let Some(p) = partner.get_mut(i) {
                        *p = Some(j);
                    }
                    if let Some(t) = taken.get_mut(j) {
                        *t = true;
                    }
                }
            }
        }
    }
    // Each pair compared on its own, on every core (the rules and the
    // sentences are most of the work).
    let compared: Vec<Result<Option<Confronto>>> = a
        .par_iter()
        .zip(partner.par_iter())
        .map(|((_, fa), p)| match p.and_then(|j| b.get(j)) {
            Some((_, fb)) => compare(fa, fb, catalogue).map(Some),
            None => Ok(None),
        })
        .collect();
    let mut out = Vec::with_capacity(a.len() + b.len());
    for (((where_a, fa), p), confronto) in a.iter().zip(&partner).zip(compared) {
        let other = p.and_then(|j| b.get(j));
        let confronto = confronto?;
        out.push(Esame {
            comune: fa
                .ente
                .denominazione
                .clone()
                .or_else(|| other.and_then(|(_, fb)| fb.ente.denominazione.clone())),
            codice: fa
                .ente
                .codice
                .clone()
                .or_else(|| other.and_then(|(_, fb)| fb.ente.codice.clone())),
            a: Some(where_a.clone()),
            b: other.map(|(w, _)| w.clone()),
            confronto,
        });
    }
    for ((where_b, fb), t) in b.iter().zip(&taken) {
        if !*t {
            out.push(Esame {
                comune: fb.ente.denominazione.clone(),
                codice: fb.ente.codice.clone(),
                a: None,
                b: Some(where_b.clone()),
                confronto: None,
            });
        }
    }
    Ok(out)
}
