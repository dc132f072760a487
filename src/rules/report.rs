//! What the rules say about one form, as one value: `scheda check --json`
//! prints it (with the input's name), the server's `/api/check` answers it.

use serde::Serialize;

use super::{
    Catalogue, Discrepancy, Missing, Outcomes, Sentences, check, missing, outcomes, sentences,
};
use crate::diagnostic::{Result, Warned};
use crate::model::{Edizione, Scheda};

/// The rules' verdict on a form: whether every printed derived value agrees
/// with them, the outcomes, and the sentences they choose. The warnings
/// name the sentences whose wording is UNVERIFIED.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The form's edition.
    pub edizione: Edizione,
    /// The Comune, when the form names it.
    pub denominazione: Option<String>,
    /// Whether every printed derived value agrees with the rules, and none
    /// that the rules compute is blank.
    pub consistent: bool,
    /// Each printed value that disagrees: printed, computed, where.
    pub discrepancies: Vec<Discrepancy>,
    /// Each derived value left blank that the rules compute: computed, where.
    pub missing: Vec<Missing>,
    /// What the rules conclude.
    pub outcomes: Outcomes,
    /// Every sentence the form prints, as chosen.
    pub sentences: Sentences,
}

/// The [`Report`] of `s`, with the sentences of `catalogue`.
pub fn report(s: &Scheda, catalogue: &Catalogue) -> Result<Warned<Report>> {
    let chosen = sentences::choose(s, catalogue)?;
    let discrepancies = check(s);
    let missing = missing(s);
    Ok(Warned {
        value: Report {
            edizione: s.edizione,
            denominazione: s.ente.denominazione.clone(),
            consistent: discrepancies.is_empty() && missing.is_empty(),
            discrepancies,
            missing,
            outcomes: outcomes(s),
            sentences: chosen.value,
        },
        warnings: chosen.warnings,
    })
}
