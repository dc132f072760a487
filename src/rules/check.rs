//! Printed derived values against computed ones (`scheda check`), and their
//! replacement (`scheda convert --recompute`).
//!
//! A printed value agrees with the computed one when they differ by less than
//! one unit of its last printed decimal: `4,81` must equal the half-up value
//! at two decimals, seed 004's `33,629149` (six decimals, truncated) must lie
//! within 0,000001 of the exact ratio, and its integer means within 1.

use rust_decimal::Decimal;
use serde::Serialize;

use super::derive::{Derived, derive, store};
use super::eval::{Computed, rounded};
use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::form::Calcolo;
use crate::messages::{Message, kind};
use crate::model::{Scheda, paths};
use crate::number::{format_it, round_half_up};

/// A printed derived value that disagrees with the rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Discrepancy {
    /// The row code as the edition prints it (`ROB` in SOC26), for messages.
    #[serde(skip)]
    pub printed_code: String,
    /// The row code (`R0B`, `M12`, `R04`).
    pub code: String,
    /// JSON pointer of the value (`/quadro1/R0B/utenti`).
    pub pointer: String,
    /// What the value is, in words (`TOTALE UTENTI 2024`).
    pub what: String,
    /// The printed value, as the form prints it.
    pub printed: String,
    /// The computed value, as the form would print it.
    pub computed: String,
}

impl Discrepancy {
    /// The warning of a printed value that disagrees with the rules, at its
    /// pointer; with `hint`, what to do (`--recompute`).
    pub fn warning(self, hint: bool) -> Diagnostic {
        let message = Message::new(
            kind::PRINTED_DISAGREES,
            [
                ("row", self.printed_code.into()),
                ("what", self.what.into()),
                ("printed", self.printed.into()),
                ("computed", self.computed.into()),
            ],
        );
        let hint = hint.then(|| Message::new(kind::PRINTED_DISAGREES_HINT, []));
        Diagnostic::coded(Severity::Warning, message, hint).at(Location::pointer(self.pointer))
    }
}

/// A derived value the form prints blank although the rules compute it
/// from its inputs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Missing {
    /// The row code as the edition prints it (`ROB` in SOC26), for messages.
    #[serde(skip)]
    pub printed_code: String,
    /// The row code (`R0B`, `M12`, `R04`).
    pub code: String,
    /// The column's model field (`utenti`); `None` for a row of one value.
    #[serde(skip)]
    pub campo: Option<String>,
    /// JSON pointer of the value (`/quadro1/R04`).
    pub pointer: String,
    /// What the value is, in words.
    pub what: String,
    /// The computed value, as the form would print it.
    pub computed: String,
}

/// A derived value replaced by `recompute`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The row code as the edition prints it (`ROB` in SOC26), for messages.
    #[serde(skip)]
    pub printed_code: String,
    /// The row code.
    pub code: String,
    /// JSON pointer of the value.
    pub pointer: String,
    /// What the value is, in words (`media annua ore di assistenza 2024`).
    pub what: String,
    /// The value before, as printed (`(vuoto)` when blank).
    pub before: String,
    /// The value after, as printed.
    pub after: String,
}

/// One derived quantity: where it lives, its printed value, its exact
/// computed value and the rule's precision.
struct Quantity {
    rule: &'static Calcolo,
    /// The code as the edition prints it.
    printed_code: String,
    code: String,
    pointer: String,
    what: String,
    printed: Option<Decimal>,
    exact: Option<Decimal>,
    /// Decimals the rule rounds to (half-up); `None` for exact sums.
    places: Option<u32>,
    /// Decimals the value is written with ([`Computed::shown`]).
    shown: Option<u32>,
}

impl Quantity {
    /// The value the form prints for `exact`, computed at the rule's
    /// precision.
    fn rounded(&self, exact: Decimal) -> Decimal {
        rounded(exact, self.places, self.shown)
    }
}

/// Every derived quantity of `s`, in the description's order.
fn quantities(s: &Scheda, d: &Derived) -> Vec<Quantity> {
    d.iter()
        .map(|c: &Computed| {
            let f = &c.rule.campo;
            let campo = f.campo.as_deref();
            Quantity {
                rule: c.rule,
                printed_code: s.edizione.description().printed_code(&f.codice).to_string(),
                code: f.codice.clone(),
                pointer: paths::pointer(&paths::riga_path(c.rule.quadro, &f.codice, campo)),
                what: c.rule.descrizione.clone(),
                printed: s.valore(&f.codice, campo).and_then(|v| v.decimal()),
                exact: c.exact,
                places: c.places(),
                shown: c.shown(),
            }
        })
        .collect()
}

/// Whether a printed value agrees with the exact computed one: they differ
/// by less than one unit of the printed value's last decimal, the computed
/// value taken half-up at the rule's precision unless more decimals were
/// printed; or the printed value is the rule's value written with more
/// decimals (`461,90` for a mean rounded to one decimal, 461,9).
fn agrees(printed: Decimal, exact: Decimal, places: Option<u32>) -> bool {
    let p = printed.scale();
    let computed = match places {
        Some(rule) if p <= rule => round_half_up(exact, rule),
        _ => exact,
    };
    let unit = Decimal::new(1, p);
    (printed - computed).abs() < unit
        || places.is_some_and(|rule| printed == round_half_up(exact, rule))
}

fn show(value: Option<Decimal>, places: Option<u32>) -> String {
    match value {
        Some(v) => format_it(v, places.unwrap_or(0).min(2)),
        None => "(vuoto)".to_string(),
    }
}

/// Every printed derived value of `s` that disagrees with the rules. Blank
/// printed values are not compared (the form leaves them empty).
pub fn check(s: &Scheda) -> Vec<Discrepancy> {
    let d = derive(s);
    quantities(s, &d)
        .into_iter()
        .filter_map(|q| {
            let (printed, exact) = (q.printed?, q.exact?);
            if agrees(printed, exact, q.places) {
                return None;
            }
            let computed = show(Some(q.rounded(exact)), q.shown.or(Some(exact.scale())));
            Some(Discrepancy {
                printed_code: q.printed_code,
                printed: show(Some(printed), q.shown.or(Some(printed.scale()))),
                computed,
                code: q.code,
                pointer: q.pointer,
                what: q.what,
            })
        })
        .collect()
}

/// Every derived value of `s` left blank although the rules compute it: a
/// form so printed contradicts the rules as surely as a wrong value does
/// (`check` does not call it consistent).
pub fn missing(s: &Scheda) -> Vec<Missing> {
    let d = derive(s);
    quantities(s, &d)
        .into_iter()
        .filter(|q| q.printed.is_none())
        .filter_map(|q| {
            let exact = q.exact?;
            let computed = show(Some(q.rounded(exact)), q.shown.or(Some(exact.scale())));
            Some(Missing {
                printed_code: q.printed_code,
                computed,
                campo: q.rule.campo.campo.clone(),
                code: q.code,
                pointer: q.pointer,
                what: q.what,
            })
        })
        .collect()
}

/// Replace every derived value of `s` that the rules can compute and that
/// differs from the computed one (at the rule's precision); list the changes.
///
/// Only real changes are listed: a value that was blank, or whose value
/// changes. A value that is already right but printed with fewer decimals
/// (`24` for `24,00`) is rewritten at the rule's precision without a line.
pub fn recompute(s: &mut Scheda) -> Vec<Change> {
    let d = derive(s);
    let mut changes = Vec::new();
    for q in quantities(s, &d) {
        let Some(exact) = q.exact else { continue };
        let new = q.rounded(exact);
        if q.printed
            .is_some_and(|p| p == new && p.scale() == new.scale())
        {
            continue;
        }
        if q.printed != Some(new) {
            changes.push(change(&q, new));
        }
        store(s, q.rule, new);
    }
    changes
}

/// Bring every derived value that `s` holds at another precision than the
/// form prints to the form's precision; list each one that changes.
///
/// - Fewer decimals (seed 004's integer means, `72` for `72,05`): replaced by
///   the computed value when it agrees with the rules at its printed
///   precision, so that `72` never comes out as `72,00`, as if it were exact.
/// - More decimals (the IFEL page's `33,629149` for R04): replaced by the
///   computed value at the form's precision (`33,63`) when it agrees with
///   the rules; one that disagrees is rounded half-up to the form's
///   precision all the same, since no output prints more decimals than the
///   form.
///
/// Writers that print at the form's precision (PDF, text, XLSX) call this
/// first. A value with fewer decimals that disagrees is an error of the
/// source, which `check` reports and `recompute` corrects, and it is written
/// as it is.
pub fn settle_precision(s: &mut Scheda) -> Vec<Change> {
    let d = derive(s);
    let mut changes = Vec::new();
    for q in quantities(s, &d) {
        let (Some(printed), Some(places)) = (q.printed, q.shown) else {
            continue;
        };
        if printed.scale() == places {
            continue;
        }
        let agreeing = q.exact.filter(|&exact| agrees(printed, exact, q.places));
        let new = match agreeing {
            Some(exact) => q.rounded(exact),
            None if printed.scale() > places => q.rounded(printed),
            None => continue,
        };
        if printed != new || printed.scale() > places {
            changes.push(change(&q, new));
        }
        store(s, q.rule, new);
    }
    changes
}

/// A change of `q` to `new`, both shown as printed.
fn change(q: &Quantity, new: Decimal) -> Change {
    Change {
        printed_code: q.printed_code.clone(),
        code: q.code.clone(),
        pointer: q.pointer.clone(),
        what: q.what.clone(),
        before: show(q.printed, q.printed.map(|p| p.scale())),
        after: show(Some(new), q.shown.or(Some(new.scale()))),
    }
}
