//! Printed derived values against computed ones (`scheda check`), and their
//! replacement (`scheda convert --recompute`).
//!
//! A printed value agrees with the computed one when they differ by less than
//! one unit of its last printed decimal: `4,81` must equal the half-up value
//! at two decimals, seed 004's `33,629149` (six decimals, truncated) must lie
//! within 0,000001 of the exact ratio, and its integer means within 1.

use rust_decimal::Decimal;
use serde::Serialize;

use super::derive::{Derived, derive, rows_with_mean};
use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::messages::{Message, kind};
use crate::model::{Scheda, Valore};
use crate::number::{format_it, round_half_up};

/// A printed derived value that disagrees with the rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Discrepancy {
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
                ("row", self.code.into()),
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
    /// The row code (`R0B`, `M12`, `R04`).
    pub code: String,
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
    code: String,
    pointer: String,
    what: String,
    printed: Option<Decimal>,
    exact: Option<Decimal>,
    /// Decimals the rule rounds to (half-up); `None` for exact sums.
    places: Option<u32>,
}

fn quantities(s: &Scheda, d: &Derived) -> Vec<Quantity> {
    let q1 = &s.quadro1;
    let y = s.anno;
    let mut out = Vec::new();
    let dec = |v: Option<u64>| v.map(Decimal::from);
    out.push(Quantity {
        code: "R0B".into(),
        pointer: "/quadro1/R0B/utenti_2019".into(),
        what: "TOTALE UTENTI 2019".into(),
        printed: dec(q1.R0B.utenti_2019),
        exact: dec(d.r0b.utenti_2019),
        places: None,
    });
    out.push(Quantity {
        code: "R0B".into(),
        pointer: "/quadro1/R0B/utenti".into(),
        what: format!("TOTALE UTENTI {y}"),
        printed: dec(q1.R0B.utenti),
        exact: dec(d.r0b.utenti),
        places: None,
    });
    let number = |code: &str, campo: &str| s.valore(code, Some(campo)).and_then(|v| v.decimal());
    for (code, _) in rows_with_mean(s) {
        let exact = match (number(code, "ore"), number(code, "utenti")) {
            (Some(_), Some(u)) if u.is_zero() => Some(Decimal::ZERO),
            (Some(ore), Some(u)) => Some(ore / u),
            _ => None,
        };
        out.push(Quantity {
            code: code.into(),
            pointer: format!("/quadro1/{code}/media_ore"),
            what: format!("media annua ore di assistenza {y}"),
            printed: number(code, "media_ore"),
            exact,
            places: Some(2),
        });
    }
    let staff = q1.R01.anno.unwrap_or_default() + q1.R01A.unwrap_or_default();
    let r01b_exact = match (q1.R03, d.r01b) {
        (Some(_), Some(0)) => Some(Decimal::ZERO),
        (Some(r03), Some(_)) => Some(Decimal::from(r03) / staff),
        _ => None,
    };
    out.push(Quantity {
        code: "R01B".into(),
        pointer: "/quadro1/R01B".into(),
        what: "abitanti per assistente sociale".into(),
        printed: dec(q1.R01B),
        exact: r01b_exact,
        places: Some(0),
    });
    let r04_exact = match (d.r0b.utenti.or(q1.R0B.utenti), q1.R03) {
        (Some(u), Some(r03)) if r03 > 0 => {
            Some(Decimal::from(u) * Decimal::ONE_HUNDRED / Decimal::from(r03))
        }
        _ => None,
    };
    out.push(Quantity {
        code: "R04".into(),
        pointer: "/quadro1/R04".into(),
        what: format!("livello di servizio effettivo {y}"),
        printed: q1.R04,
        exact: r04_exact,
        places: Some(2),
    });
    out.push(Quantity {
        code: "R09".into(),
        pointer: "/quadro3/R09".into(),
        what: "risorse aggiuntive da rendicontare".into(),
        printed: s.quadro3.R09,
        exact: d.r09,
        places: None,
    });
    out.push(Quantity {
        code: "R15".into(),
        pointer: "/quadro3/R15".into(),
        what: format!("totale obiettivi di servizio {y}"),
        printed: s.quadro3.R15,
        exact: d.r15,
        places: None,
    });
    out
}

/// Whether a printed value agrees with the exact computed one: they differ
/// by less than one unit of the printed value's last decimal, the computed
/// value taken half-up at the rule's precision unless more decimals were
/// printed.
fn agrees(printed: Decimal, exact: Decimal, places: Option<u32>) -> bool {
    let p = printed.scale();
    let computed = match places {
        Some(rule) if p <= rule => round_half_up(exact, rule),
        _ => exact,
    };
    let unit = Decimal::new(1, p);
    (printed - computed).abs() < unit
}

/// The value the form prints for a quantity computed at the rule's precision.
fn rounded(exact: Decimal, places: Option<u32>) -> Decimal {
    match places {
        Some(p) => {
            let mut v = round_half_up(exact, p);
            v.rescale(p);
            v
        }
        None => exact,
    }
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
            Some(Discrepancy {
                code: q.code,
                pointer: q.pointer,
                what: q.what,
                printed: show(Some(printed), q.places.or(Some(printed.scale()))),
                computed: show(
                    Some(rounded(exact, q.places)),
                    q.places.or(Some(exact.scale())),
                ),
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
            Some(Missing {
                computed: show(
                    Some(rounded(exact, q.places)),
                    q.places.or(Some(exact.scale())),
                ),
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
        let new = rounded(exact, q.places);
        if q.printed
            .is_some_and(|p| p == new && p.scale() == new.scale())
        {
            continue;
        }
        if q.printed != Some(new) {
            changes.push(change(&q, new));
        }
        set(s, &q.pointer, new);
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
        let (Some(printed), Some(places)) = (q.printed, q.places) else {
            continue;
        };
        if printed.scale() == places {
            continue;
        }
        let agreeing = q.exact.filter(|&exact| agrees(printed, exact, q.places));
        let new = match agreeing {
            Some(exact) => rounded(exact, q.places),
            None if printed.scale() > places => rounded(printed, q.places),
            None => continue,
        };
        if printed != new || printed.scale() > places {
            changes.push(change(&q, new));
        }
        set(s, &q.pointer, new);
    }
    changes
}

/// A change of `q` to `new`, both shown as printed.
fn change(q: &Quantity, new: Decimal) -> Change {
    Change {
        code: q.code.clone(),
        pointer: q.pointer.clone(),
        what: q.what.clone(),
        before: show(q.printed, q.printed.map(|p| p.scale())),
        after: show(Some(new), q.places.or(Some(new.scale()))),
    }
}

fn set(s: &mut Scheda, pointer: &str, v: Decimal) {
    let int = || u64::try_from(v).ok();
    let q1 = &mut s.quadro1;
    match pointer {
        "/quadro1/R0B/utenti_2019" => q1.R0B.utenti_2019 = int(),
        "/quadro1/R0B/utenti" => q1.R0B.utenti = int(),
        "/quadro1/R01B" => q1.R01B = int(),
        "/quadro1/R04" => q1.R04 = Some(v),
        "/quadro3/R09" => s.quadro3.R09 = Some(v),
        "/quadro3/R15" => s.quadro3.R15 = Some(v),
        p => {
            let code = p
                .trim_start_matches("/quadro1/")
                .trim_end_matches("/media_ore");
            // A mean is a decimal column of a row that has one: storing it
            // cannot fail.
            let _ = s.set_valore(code, Some("media_ore"), Some(Valore::Decimale(v)));
        }
    }
}
