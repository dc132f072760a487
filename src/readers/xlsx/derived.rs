//! Derived values whose formulas carry no result: computed by the form's
//! rules, with one warning that lists them and the other formulas scheda
//! computed (the error for a formula that cannot be computed is
//! [`super::computed::cannot_compute`]; the reason why comes from
//! [`super::formula`], a message too, and renders in the same language).
//!
//! A derived field is a column the edition's description marks `derivata`
//! (or a row it marks so: R0B). Its cell's formula is not evaluated: the
//! rules compute the value the form prints ([`crate::rules::recompute`]),
//! whatever the sheet's formula was. A derived field that scheda's own
//! workbook lists as blank in the model (the `Ente` sheet's list of filled
//! values) stays blank.

use rust_decimal::Decimal;

use super::cells::Conv;
use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::form::{Colonna, Riga};
use crate::messages::{Arg, Message, kind as k};
use crate::model::paths::{self, Campo, Path};
use crate::model::{Edizione, Scheda};

/// At most this many cells are named in the warning about other formulas
/// (a multi-Comune sheet may hold thousands); the derived values of a form
/// are few, and all named.
const NAMED: usize = 12;

/// Whether column `c` of row `r` is one the rules compute.
pub(crate) fn is_derived(r: &Riga, c: &Colonna) -> bool {
    r.derivata || c.derivata
}

/// The pointer of `path` when it names a derived value of one of
/// `editions` (a multi-Comune workbook's column), for [`Conv::derived`].
pub(crate) fn pointer_if_derived(path: &Path, editions: &[Edizione]) -> Option<String> {
    let Campo::Riga { codice, campo } = &path.campo else {
        return None;
    };
    editions
        .iter()
        .filter_map(|e| e.description().riga(codice))
        .any(|r| {
            r.colonne
                .iter()
                .any(|c| c.campo == *campo && is_derived(r, c))
        })
        .then(|| path.pointer())
}

/// Fill the derived fields of `scheda` whose formulas had no result with the
/// rules' values (those in `blank_in_model` excepted), and turn what `conv`
/// gathered about formulas without a result into one warning: the derived
/// values computed by the rules (and those left blank because their inputs
/// are), and the other formulas scheda computed.
pub(crate) fn settle(conv: &mut Conv, scheda: &mut Scheda, blank_in_model: &[(String, Decimal)]) {
    let pending: Vec<(String, Location)> = std::mem::take(&mut conv.uncomputed)
        .into_iter()
        .filter(|(p, _)| !blank_in_model.iter().any(|(q, _)| q == p))
        .collect();
    let (mut done, mut blank) = (Rows::default(), Rows::default());
    if !pending.is_empty() {
        let mut rules = scheda.clone();
        crate::rules::recompute(&mut rules);
        let fields = paths::of(scheda.edizione.description());
        for (pointer, at) in pending {
            let value = fields
                .iter()
                .find(|p| p.pointer() == pointer)
                .and_then(|p| Some((p, paths::get(&rules, &p.campo)?)));
            // The field exists and holds a value of its kind.
            let set = value.is_some_and(|(p, v)| paths::set(scheda, &p.campo, Some(v)).is_ok());
            if set {
                done.add(&pointer, at);
            } else {
                blank.add(&pointer, at);
            }
        }
    }
    let computed = std::mem::take(&mut conv.computed);
    if let Some(w) = warning(&done, &blank, &computed) {
        conv.warnings.push(w);
    }
}

/// The derived values, grouped by row code, with their cells.
#[derive(Default)]
struct Rows(Vec<(String, Vec<Location>)>);

impl Rows {
    fn add(&mut self, pointer: &str, at: Location) {
        let code = pointer.split('/').nth(2).unwrap_or(pointer).to_string();
        match self.0.iter_mut().find(|(c, _)| *c == code) {
            Some((_, cells)) => cells.push(at),
            None => self.0.push((code, vec![at])),
        }
    }

    fn first(&self) -> Option<&Location> {
        self.0.first().and_then(|(_, cells)| cells.first())
    }

    /// `R0B (Scheda!C30, Scheda!D30), R04 (Scheda!C41)`.
    fn shown(&self) -> Arg {
        let rows: Vec<String> = self
            .0
            .iter()
            .map(|(code, cells)| {
                let cells: Vec<String> = cells.iter().map(ToString::to_string).collect();
                format!("{code} ({})", cells.join(", "))
            })
            .collect();
        rows.join(", ").into()
    }
}

/// The first [`NAMED`] items, then how many more.
fn named(items: impl Iterator<Item = String>) -> Arg {
    let items: Vec<String> = items.collect();
    let out = items
        .iter()
        .take(NAMED)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if items.len() > NAMED {
        let more = items.len() - NAMED;
        return Message::new(
            k::LIST_AND_MORE,
            [("items", out.into()), ("more", more.into())],
        )
        .into();
    }
    out.into()
}

/// The one warning about formulas without a computed result, if any.
fn warning(done: &Rows, blank: &Rows, computed: &[Location]) -> Option<Diagnostic> {
    let mut parts: Vec<Message> = Vec::new();
    if !done.0.is_empty() {
        parts.push(Message::new(k::DERIVED_COMPUTED, [("cells", done.shown())]));
    }
    if !blank.0.is_empty() {
        parts.push(Message::new(k::DERIVED_BLANK, [("cells", blank.shown())]));
    }
    if !computed.is_empty() {
        let cells = named(computed.iter().map(ToString::to_string));
        parts.push(Message::new(k::OTHER_COMPUTED, [("cells", cells)]));
    }
    let at = done.first().or(blank.first()).or(computed.first())?;
    let hint = if !done.0.is_empty() || !blank.0.is_empty() {
        k::FORMULAS_SAVE_RULES_HINT
    } else {
        k::FORMULAS_SAVE_HINT
    };
    let mut parts = parts.into_iter().rev();
    let mut joined: Arg = parts.next()?.into();
    for part in parts {
        joined = Message::new(k::PARTS, [("first", part.into()), ("rest", joined)]).into();
    }
    let message = Message::new(k::FORMULAS_WITHOUT_RESULT, [("parts", joined)]);
    let hint = Message::new(hint, []);
    Some(Diagnostic::coded(Severity::Warning, message, Some(hint)).at(at.clone()))
}
