//! One value of the form ([`Valore`]), and what a column's kind
//! ([`Tipo`]) says of the values it holds: which kind of value, how many
//! decimals the form allows, how many the model writes.

use rust_decimal::Decimal;

use super::paths::Kind;
use crate::form::Tipo;

/// One value of a field of the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Valore {
    /// A whole number (users, hours, inhabitants, R01B, R0E).
    Intero(u64),
    /// An exact decimal (amounts, staff, means, percentages).
    Decimale(Decimal),
    /// A text (R0C, R0D, R10/R11 modalità, R12 descrizione, the report).
    Testo(String),
    /// A SI/NO answer (`true` for SI).
    SiNo(bool),
}

impl Valore {
    /// The value as a decimal, where it is a number.
    pub fn decimal(&self) -> Option<Decimal> {
        match self {
            Valore::Intero(n) => Some(Decimal::from(*n)),
            Valore::Decimale(d) => Some(*d),
            Valore::Testo(_) | Valore::SiNo(_) => None,
        }
    }

    /// The value as a whole number, where it is one.
    pub fn whole(&self) -> Option<u64> {
        match self {
            Valore::Intero(n) => Some(*n),
            Valore::Decimale(d) if d.fract().is_zero() && !d.is_sign_negative() => {
                u64::try_from(*d).ok()
            }
            _ => None,
        }
    }

    /// The value as a text, where it is one.
    pub fn text(&self) -> Option<&str> {
        match self {
            Valore::Testo(t) => Some(t),
            _ => None,
        }
    }

    /// `v` as a column of kind `tipo` holds it: a whole number kept whole,
    /// a number in a decimal column as a decimal; anything else of another
    /// kind refused.
    pub(super) fn of_kind(tipo: Tipo, v: Valore) -> Result<Valore, FieldError> {
        match (Kind::of(tipo), v) {
            (Kind::Integer, v) => v
                .whole()
                .map(Valore::Intero)
                .ok_or(FieldError::WrongKind("a whole number")),
            (Kind::Decimal, v) => v
                .decimal()
                .map(Valore::Decimale)
                .ok_or(FieldError::WrongKind("a number")),
            (Kind::Text | Kind::DateTime, v @ Valore::Testo(_)) => Ok(v),
            (Kind::Text | Kind::DateTime, _) => Err(FieldError::WrongKind("a text")),
            (Kind::Bool, v @ Valore::SiNo(_)) => Ok(v),
            (Kind::Bool, _) => Err(FieldError::WrongKind("SI or NO")),
        }
    }
}

/// Why a value cannot be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldError {
    /// No edition has such a row, or the row has no such column (`M30` has
    /// no `ore`).
    NoSuchField,
    /// The field holds another kind of value.
    WrongKind(&'static str),
}

/// The decimals the model writes at least, for a column of kind `tipo`:
/// two for amounts and staff counts (`0.00`); a mean or a percentage keeps
/// the ones it was printed with (`72`, `33.629149`).
pub(crate) fn written_places(tipo: Tipo) -> u32 {
    match tipo {
        Tipo::Personale | Tipo::Euro => 2,
        _ => 0,
    }
}

/// The decimals the form allows at most in a column of kind `tipo`: two for
/// amounts, staff counts and the mean hours; any number for a percentage
/// (the IFEL page prints six).
pub(crate) fn max_places(tipo: Tipo) -> Option<u32> {
    match tipo {
        Tipo::Personale | Tipo::Euro | Tipo::Media => Some(2),
        _ => None,
    }
}
