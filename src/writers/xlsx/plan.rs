//! The plan of the `Scheda` sheet: its lines in the form's order, each row
//! with its value cells (what each holds and where), made by
//! [`super::form`] and written by [`super::render`].

use rust_decimal::Decimal;

use super::formula::Cells;
use crate::form::Calcolo;

/// Last value column (F).
pub(super) const F: u16 = 5;

/// One row of the sheet.
pub(super) enum Line {
    Blank,
    Title(String),
    Note(String),
    Quadro(String),
    Intro(String),
    Group(String),
    Sub(String),
    Caption(String),
    /// Column headers, by column.
    Header(Vec<(u16, String)>),
    Row(Row),
}

/// A form row: code, label and value cells.
pub(super) struct Row {
    /// The canonical code (`R0A`), used for formula references.
    pub(super) code: String,
    /// The code as the edition prints it (`ROA`).
    pub(super) printed: String,
    pub(super) label: String,
    pub(super) cells: Vec<Placed>,
}

/// A value cell of a row: its column, the model field it shows and what
/// it holds.
pub(super) struct Placed {
    pub(super) col: u16,
    pub(super) campo: Option<String>,
    pub(super) cell: Cell,
}

/// What kind of number an input cell takes: decides the number format and
/// the data validation.
#[derive(Clone, Copy)]
pub(super) enum Input {
    /// Users, hours, inhabitants: non-negative whole numbers.
    Count,
    /// Inhabitants per social worker (R0E); blank for `NON CALCOLABILE`.
    Ratio,
    /// Staff counts and euro amounts: non-negative, two decimals at most.
    Amount,
    /// A non-negative percentage (R05).
    Percent,
}

pub(super) enum Cell {
    Int(Option<u64>, Input),
    Dec(Option<Decimal>, Input),
    /// Free text; merged to the last column when it is the row's only value.
    Text(Option<String>, bool),
    YesNo(Option<bool>),
    Formula(DerivedCell),
}

/// A derived cell: its rule, the model's value and the computed one.
pub(super) struct DerivedCell {
    pub(super) rule: Calcolo,
    /// JSON pointer of the field (`/quadro1/R04`).
    pub(super) pointer: String,
    pub(super) stored: Option<Decimal>,
    pub(super) computed: Option<Decimal>,
}

/// The sheet cell of every field of the plan: (row code, model field or
/// `""`) -> (sheet row, column).
pub(super) fn cells_of(lines: &[Line]) -> Cells {
    let mut out = Cells::new();
    for (i, line) in lines.iter().enumerate() {
        if let Line::Row(r) = line {
            for p in &r.cells {
                let campo = p.campo.clone().unwrap_or_default();
                out.insert((r.code.clone(), campo), (i as u32, p.col));
            }
        }
    }
    out
}
