//! The form's own rules (docs/form.md#regole): the derived values ([`derive()`]), each
//! the formula of its edition's description evaluated (`eval.rs`), the
//! outcomes they lead to ([`outcomes()`]), the comparison of printed and
//! computed values ([`check()`], [`recompute()`]), the choice of every
//! narrative sentence ([`sentences`]) and all of it as one [`Report`].

mod check;
mod derive;
mod eval;
mod report;
pub mod sentences;

pub use check::{Change, Discrepancy, Missing, check, missing, recompute, settle_precision};
pub use derive::{Derived, completed, derive};
pub(crate) use eval::min_decimals;
pub use eval::{Computed, Conclusion};
pub use report::{Report, report};
pub use sentences::{Catalogue, Sentences};

use serde::Serialize;

use crate::form::Field;
use crate::form::expr::Esito;
use crate::model::Scheda;

/// Quadro 2 outcome, by spending (rule 6) and service level (rule 5):
/// docs/form.md#caso.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Caso {
    /// Spending not below need, service level below reference.
    A,
    /// Spending not below need, service level not below reference.
    B,
    /// Spending below need, service level below reference.
    C,
    /// Spending below need, service level not below reference.
    D,
}

/// What the rules conclude about a form. `None` where an input is blank.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Outcomes {
    /// Rule 5 (docs/form.md#servizi): R04 < R05, comparing the two-decimal values.
    pub servizi_inferiore: Option<bool>,
    /// Rule 6 (docs/form.md#spesa): max(R07 2017, R07 2021) < R06.
    pub spesa_inferiore: Option<bool>,
    /// Quadro 2 case A-D.
    pub caso: Option<Caso>,
    /// Rule 8 (docs/form.md#quadro3-dovuto): Quadro 3 must be compiled
    /// (spesa inferiore and R09 >= 1.000 euro).
    pub quadro3_dovuto: Option<bool>,
    /// Rule 10 (docs/form.md#coerenza): R15 >= R09, asked only when Quadro 3 is due.
    pub quadro3_coerente: Option<bool>,
    /// Rule 11 (SOC25, docs/form.md#sezione): the Quadro 4 section (1-4) to answer.
    pub sezione_quadro4: Option<u8>,
    /// R01 Y + R01A = 0: the Comune has no social workers (the *nullo* sentence).
    pub assistenti_nulli: Option<bool>,
    /// R01B > 6.500 inhabitants per social worker (UNVERIFIED trigger of the
    /// Legge di bilancio 2022 sentence).
    pub sopra_soglia_6500: Option<bool>,
}

/// Work out every outcome of `s`. Printed derived values are used where the
/// form has them (the sentences must agree with the printed page); blank
/// ones are computed ([`completed`]).
pub fn outcomes(s: &Scheda) -> Outcomes {
    printed_outcomes(&completed(s))
}

/// The outcomes of `s` from its printed values alone: an outcome that
/// needs a derived value the form prints blank is `None`. The sentences
/// are chosen from these, so that no sentence is computed from a value the
/// page leaves blank.
pub fn printed_outcomes(s: &Scheda) -> Outcomes {
    let mut o = Outcomes {
        servizi_inferiore: None,
        spesa_inferiore: None,
        caso: None,
        quadro3_dovuto: None,
        quadro3_coerente: None,
        sezione_quadro4: None,
        assistenti_nulli: None,
        sopra_soglia_6500: None,
    };
    // The description's outcomes (`[[esito]]`), by the names the loader
    // lets in (`form::expr::ESITI`).
    for (esito, value) in eval::conclude(s) {
        match (esito.nome.as_str(), value) {
            ("servizi_inferiore", Conclusion::SiNo(v)) => o.servizi_inferiore = v,
            ("spesa_inferiore", Conclusion::SiNo(v)) => o.spesa_inferiore = v,
            ("quadro3_dovuto", Conclusion::SiNo(v)) => o.quadro3_dovuto = v,
            ("quadro3_coerente", Conclusion::SiNo(v)) => o.quadro3_coerente = v,
            ("assistenti_nulli", Conclusion::SiNo(v)) => o.assistenti_nulli = v,
            ("sopra_soglia_6500", Conclusion::SiNo(v)) => o.sopra_soglia_6500 = v,
            ("caso", Conclusion::Scelta(v)) => {
                o.caso = v.and_then(|v| match v {
                    "A" => Some(Caso::A),
                    "B" => Some(Caso::B),
                    "C" => Some(Caso::C),
                    "D" => Some(Caso::D),
                    _ => None,
                });
            }
            ("sezione_quadro4", Conclusion::Scelta(v)) => {
                o.sezione_quadro4 = v.and_then(|v| v.parse().ok());
            }
            _ => {}
        }
    }
    o
}

/// Every outcome of `s`'s edition, in the description's order, as
/// [`outcomes`] works them out (from the printed values, blank derived ones
/// computed).
pub fn conclusions(s: &Scheda) -> Vec<(&'static Esito, Conclusion)> {
    eval::conclude(&completed(s))
}

/// An outcome the form's blank values leave open, and the blank inputs it
/// reads that keep it open (docs/form.md#vuoti).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undecided {
    /// The outcome, from the edition's description.
    pub esito: &'static Esito,
    /// Its place among the edition's outcomes.
    pub index: usize,
    /// The inputs to fill (a derived value blank for blank inputs gives
    /// those inputs; one printed counts as given), in the order the
    /// formulas name them.
    pub inputs: Vec<Field>,
}

/// The outcomes of `s` that its blank values leave open, in the
/// description's order: each blank where `s`'s derived values are
/// completed ([`completed`]), for blank inputs it reads itself (an outcome
/// open only because an earlier one is, or blank by its rule alone, is not
/// listed).
pub fn undecided(s: &Scheda) -> Vec<Undecided> {
    let esiti = &s.edizione.description().esiti;
    eval::open(&completed(s))
        .into_iter()
        .filter_map(|(index, inputs)| {
            Some(Undecided {
                esito: esiti.get(index)?,
                index,
                inputs,
            })
        })
        .collect()
}
