//! What scheda computes for a formula whose result the file does not hold
//! (the `formula` module computes it): a [`Value`], or why it cannot
//! ([`Computed`], a [`Message`] of the catalogue); the [`FUNCTIONS`] the
//! evaluator knows; and the error for a formula that cannot be computed
//! ([`cannot_compute`]), which the cells' reader reports.

use rust_decimal::Decimal;

use crate::diagnostic::{Diagnostic, Severity};
use crate::messages::{Message, kind as k};

/// The functions the evaluator computes.
pub(crate) const FUNCTIONS: [&str; 18] = [
    "SUM",
    "PRODUCT",
    "MIN",
    "MAX",
    "AVERAGE",
    "COUNT",
    "COUNTA",
    "ROUND",
    "ROUNDUP",
    "ROUNDDOWN",
    "INT",
    "ABS",
    "IF",
    "IFERROR",
    "AND",
    "OR",
    "NOT",
    "CONCATENATE",
];

/// A value as a formula computes it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    /// An empty cell (a formula never returns it: it becomes 0).
    Blank,
    Number(Decimal),
    Text(String),
    Bool(bool),
    /// A spreadsheet error (`#DIV/0!`, `#VALUE!`, ...).
    Error(String),
}

/// A formula's value, or why scheda cannot compute it.
pub(crate) type Computed = Result<Value, Message>;

/// The error for a formula without a result that scheda cannot compute,
/// and why (rendered in the error's language).
pub(crate) fn cannot_compute(formula: &str, why: Message) -> Diagnostic {
    let message = Message::new(
        k::FORMULA_CANNOT_COMPUTE,
        [("formula", formula.into()), ("why", why.into())],
    );
    let hint = Message::new(
        k::FORMULA_CANNOT_COMPUTE_HINT,
        [("functions", FUNCTIONS.join(", ").into())],
    );
    Diagnostic::coded(Severity::Error, message, Some(hint))
}
