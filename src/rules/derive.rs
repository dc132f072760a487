//! The derived values of a form: every rule of its edition's description
//! (`[[calcolo]]`, [`crate::form::expr`]) evaluated over its inputs
//! ([`super::eval`]).
//!
//! A derived value whose inputs are blank is `None` (the form would print
//! it empty), never a guessed zero: each formula says what a blank input
//! makes of it.

use rust_decimal::Decimal;

use super::eval::{Computed, evaluate};
use crate::form::Calcolo;
use crate::model::paths::Kind;
use crate::model::{Scheda, Valore};

/// The values the rules compute from a model's inputs, one per rule of its
/// edition, in the description's order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Derived {
    values: Vec<Computed>,
}

impl Derived {
    /// The computed value of field `codice`.`campo` (`campo` `None` for a
    /// row of one value), as the form prints it; `None` where no rule
    /// computes it or its inputs are blank.
    pub fn get(&self, codice: &str, campo: Option<&str>) -> Option<Decimal> {
        self.find(codice, campo).and_then(Computed::value)
    }

    /// The computation of field `codice`.`campo`, if a rule computes it.
    pub fn find(&self, codice: &str, campo: Option<&str>) -> Option<&Computed> {
        self.values
            .iter()
            .find(|c| c.rule.campo.codice == codice && c.rule.campo.campo.as_deref() == campo)
    }

    /// Every computation, in the description's order.
    pub fn iter(&self) -> std::slice::Iter<'_, Computed> {
        self.values.iter()
    }
}

/// Compute every derived value of `s` from its inputs.
pub fn derive(s: &Scheda) -> Derived {
    Derived {
        values: evaluate(s),
    }
}

/// `s` with every derived value it leaves blank filled in with the computed
/// one: the values the rules work with, the printed ones where the form has
/// them.
pub fn completed(s: &Scheda) -> Scheda {
    let mut full = s.clone();
    for c in derive(s).iter() {
        let f = &c.rule.campo;
        if s.valore(&f.codice, f.campo.as_deref()).is_none()
            && let Some(v) = c.value()
        {
            store(&mut full, c.rule, v);
        }
    }
    full
}

/// Store `v` in the field of `rule`, as its column's kind holds it.
pub(crate) fn store(s: &mut Scheda, rule: &Calcolo, v: Decimal) {
    let valore = match Kind::of(rule.tipo) {
        Kind::Integer => match u64::try_from(v) {
            Ok(n) if v.fract().is_zero() => Valore::Intero(n),
            _ => return,
        },
        _ => Valore::Decimale(v),
    };
    // The description's rules name its own numeric columns: storing cannot
    // fail.
    let _ = s.set_valore(
        &rule.campo.codice,
        rule.campo.campo.as_deref(),
        Some(valore),
    );
}
