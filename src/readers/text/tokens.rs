//! The tokens of a row's value lines ([`Tok`]: a number, an empty field of
//! the portal page, or a word), numbers as the form prints them
//! ([`number`]), and a token as a column stores it ([`convert`],
//! [`valore`]), with the error for one that is not what the column holds
//! ([`not_a`]).

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::messages::{Kind as MessageKind, Message, kind};
use crate::model::Valore;
use crate::number::{pad_places, parse_it};

use super::rows::Col;
use super::tags::BLANK;

/// What a token of a value line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Val {
    /// A number.
    Num(Decimal),
    /// An empty field of the portal page.
    Blank,
    /// Anything else.
    Word,
}

/// A token with its line number.
#[derive(Debug, Clone)]
pub(super) struct Tok {
    pub text: String,
    pub no: usize,
    pub val: Val,
}

impl Tok {
    pub fn is_value(&self) -> bool {
        self.val != Val::Word
    }
}

/// A number as the form prints it (`1.984.440,83`, `4,81%`), if it is one.
pub(super) fn number(token: &str) -> Option<Decimal> {
    parse_it(token.strip_suffix('%').unwrap_or(token)).ok()
}

pub(super) fn tokens(text: &str, no: usize) -> Vec<Tok> {
    text.split_whitespace()
        .map(|t| Tok {
            text: t.to_string(),
            no,
            val: if t == BLANK {
                Val::Blank
            } else {
                number(t).map_or(Val::Word, Val::Num)
            },
        })
        .collect()
}

/// Whether a line is nothing but numbers.
pub(super) fn all_numbers(text: &str) -> bool {
    let toks = tokens(text, 0);
    !toks.is_empty() && toks.iter().all(|t| matches!(t.val, Val::Num(_)))
}

/// The error for a value `tok` of row `code` that is not `what` column
/// `name` (of kind `col`) holds.
pub(super) fn not_a(code: &str, tok: &Tok, name: &str, col: Col, what: MessageKind) -> Message {
    Message::new(
        kind::VALUE_NOT,
        [
            ("row", code.into()),
            ("found", tok.text.as_str().into()),
            ("what", Message::new(what, []).into()),
            ("name", name.into()),
            ("expected", Message::new(expected(col), []).into()),
        ],
    )
}

/// What a column of kind `col` holds.
pub(super) fn expected(col: Col) -> MessageKind {
    match col {
        Col::Count => kind::EXPECT_WHOLE_NUMBER,
        Col::Dec2 => kind::EXPECT_TWO_DECIMALS,
        Col::Printed => kind::EXPECT_PRINTED,
    }
}

/// What [`convert`] says of a negative count; its message is worded apart.
pub(super) const NEGATIVE_COUNT: MessageKind = kind::WHAT_NON_NEGATIVE;

/// A token as the column stores it; `Err` says what the token is not.
pub(super) fn convert(tok: &Tok, col: Col) -> Result<Option<Decimal>, MessageKind> {
    let v = match tok.val {
        Val::Blank => return Ok(None),
        Val::Word => return Err(kind::WHAT_NUMBER),
        Val::Num(v) => v,
    };
    match col {
        Col::Count => {
            if v.is_sign_negative() && !v.is_zero() {
                Err(NEGATIVE_COUNT)
            } else if v.fract().is_zero() && v.trunc().to_u64().is_some() {
                Ok(Some(v.trunc()))
            } else {
                Err(kind::WHAT_WHOLE_NUMBER)
            }
        }
        Col::Dec2 if v.normalize().scale() > 2 => Err(kind::WHAT_TWO_DECIMALS),
        Col::Dec2 => Ok(Some(pad_places(v, 2))),
        Col::Printed => Ok(Some(v)),
    }
}

/// A number as column `col` stores it in the model.
pub(super) fn valore(v: Decimal, col: Col) -> Option<Valore> {
    match col {
        Col::Count => v.to_u64().map(Valore::Intero),
        Col::Dec2 | Col::Printed => Some(Valore::Decimale(v)),
    }
}
