//! The form's arithmetic as data: every derived value of an edition is one
//! [`Calcolo`] of its description (`[[calcolo]]` in
//! `templates/editions/*.toml`), a target field and a formula in a small
//! language of the form's own arithmetic. [`crate::rules`] evaluates the
//! formulas over exact decimals (`derive`, `check`, `recompute`); the
//! workbook writer translates them into spreadsheet formulas. This module
//! reads and checks them when the description is loaded, so that a broken
//! formula is an error of the description file (`file:line`) and never
//! reaches a form.
//!
//! # The language
//!
//! A formula is an expression over the form's fields, in Italian words:
//!
//! - **Fields**: `R03` (a row of one value), `R01.anno` (a column of a
//!   row, by its model field), and, in a rule that applies to every row
//!   with a column of some kind (`per_ogni_colonna`), a bare field of the
//!   same row: `ore`, `utenti`. A field that another rule computes reads
//!   its computed value, or the printed one where its inputs are blank;
//!   that rule must come first in the file.
//! - **Rows of a kind**: `righe(utenti).utenti_2019` is the field
//!   `utenti_2019` of every row, in the form's order, that has a column of
//!   kind `utenti` and is not computed (the rows of R0B, rule 1,
//!   docs/form.md#r0b). It goes into `somma`, `min`, `max`, `qualche_vuoto`
//!   and `tutti_vuoti`.
//! - **Numbers** `0`, `100`, `1000.50` (a dot for decimals); **`vuoto`**, the
//!   blank value.
//! - **Arithmetic** `+ - * /` and unary `-`; **comparisons**
//!   `= <> < <= > >=`. Each is blank when an operand is blank; a division
//!   by zero is blank.
//! - **Functions**:
//!   - `se(condizione, allora, altrimenti)`: blank when the condition is;
//!   - `arrotonda(x, n)`: half away from zero to `n` decimals (0 to 10),
//!     as the portal and the spreadsheets' `ROUND`;
//!   - `min(...)`, `max(...)`, `somma(...)`: over the values given, the
//!     blank ones left out, as a spreadsheet's `MIN`, `MAX`, `SUM` do;
//!     blank when all are;
//!   - `zero(campo)`: the field, 0 when blank;
//!   - `qualche_vuoto(campi...)`: whether any of the fields is blank;
//!     `tutti_vuoti(campi...)`: whether all are;
//!   - `o(...)`, `e(...)`, `non(x)`: or, and, not, over conditions.
//!
//! A blank is never a guessed zero: a formula says what a blank input
//! makes of the value, with `qualche_vuoto` ("blank when an input is
//! blank"), `tutti_vuoti` ("blank when all are") and `zero` ("0 when
//! blank"). Written so, a formula means the same in a spreadsheet, where a
//! blank cell counts as 0, and the workbook's formula is its word-for-word
//! translation (`se` -> `IF`, `qualche_vuoto(a, b)` -> `COUNT(a,b)<2`,
//! `tutti_vuoti(a, b)` -> `COUNT(a,b)=0`, `vuoto` -> `""`).
//!
//! The rounding of a rule is the `arrotonda` that is its last step, through
//! the branches of `se`: `check` compares a printed value with the exact one
//! at those places ([`Expr::places`]).

mod esiti;
mod parse;
mod resolve;

use std::fmt;

use rust_decimal::Decimal;

pub use esiti::{ESITI, Esito, Forma, Regola};
pub(crate) use esiti::{RawEsito, build_esiti};
pub(crate) use resolve::{RawCalcolo, build};

use super::Tipo;

/// One derived value of an edition: the field it fills and its formula.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calcolo {
    /// The field computed (`R04`, `M12.media_ore`).
    pub campo: Field,
    /// The quadro of its row.
    pub quadro: u8,
    /// The kind of its column.
    pub tipo: Tipo,
    /// What the value is, in words (`livello di servizio effettivo 2024`).
    pub descrizione: String,
    /// The formula, its fields resolved.
    pub formula: Expr,
    /// The line of the description the rule comes from.
    pub line: usize,
}

impl Calcolo {
    /// The decimals the rule rounds its result to (`None`: an exact value).
    pub fn places(&self) -> Option<u32> {
        self.formula.places()
    }
}

/// A field of the form: a row's code and, for a row of several values, the
/// column's model field.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Field {
    /// The row's code (`R01`).
    pub codice: String,
    /// The column's model field (`anno`); `None` for a row of one value.
    pub campo: Option<String>,
}

impl Field {
    /// The field `codice`.`campo`.
    pub fn new(codice: &str, campo: Option<&str>) -> Field {
        Field {
            codice: codice.to_string(),
            campo: campo.map(str::to_string),
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.campo {
            Some(campo) => write!(f, "{}.{campo}", self.codice),
            None => f.write_str(&self.codice),
        }
    }
}

/// An expression of the language, its fields resolved against the
/// edition's rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr {
    /// A number.
    Number(Decimal),
    /// `vuoto`: the blank value.
    Blank,
    /// One field.
    Field(Field),
    /// `righe(kind).campo`: that field of every row of the kind, in the
    /// form's order.
    Rows(Vec<Field>),
    /// `-x`.
    Neg(Box<Expr>),
    /// `a op b`.
    Binary(Op, Box<Expr>, Box<Expr>),
    /// A function and its arguments.
    Call(Func, Vec<Expr>),
    /// An earlier yes/no outcome of the description (`[[esito]]`), by its
    /// index: a condition.
    Esito(usize),
}

impl Expr {
    /// The places of the rounding that is the expression's last step
    /// (`arrotonda(x, 2)`, through the branches of `se`), if any.
    pub fn places(&self) -> Option<u32> {
        match self {
            Expr::Call(Func::Arrotonda, args) => match args.get(1) {
                Some(Expr::Number(n)) => u32::try_from(*n).ok(),
                _ => None,
            },
            Expr::Call(Func::Se, args) => {
                let branch = |i: usize| args.get(i).and_then(Expr::places);
                branch(1).or_else(|| branch(2))
            }
            _ => None,
        }
    }

    /// Every field the expression reads, in order.
    pub fn fields(&self) -> Vec<&Field> {
        let mut out = Vec::new();
        self.collect_fields(&mut out);
        out
    }

    fn collect_fields<'a>(&'a self, out: &mut Vec<&'a Field>) {
        match self {
            Expr::Number(_) | Expr::Blank | Expr::Esito(_) => {}
            Expr::Field(f) => out.push(f),
            Expr::Rows(fields) => out.extend(fields),
            Expr::Neg(x) => x.collect_fields(out),
            Expr::Binary(_, a, b) => {
                a.collect_fields(out);
                b.collect_fields(out);
            }
            Expr::Call(_, args) => args.iter().for_each(|a| a.collect_fields(out)),
        }
    }
}

/// A binary operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
    /// `=`
    Eq,
    /// `<>`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

impl Op {
    /// The operator as the language (and the spreadsheets) write it.
    pub fn symbol(self) -> &'static str {
        match self {
            Op::Add => "+",
            Op::Sub => "-",
            Op::Mul => "*",
            Op::Div => "/",
            Op::Eq => "=",
            Op::Ne => "<>",
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Gt => ">",
            Op::Ge => ">=",
        }
    }

    /// How tightly it binds: comparisons 1, `+ -` 2, `* /` 3.
    pub fn precedence(self) -> u8 {
        match self {
            Op::Eq | Op::Ne | Op::Lt | Op::Le | Op::Gt | Op::Ge => 1,
            Op::Add | Op::Sub => 2,
            Op::Mul | Op::Div => 3,
        }
    }

    /// Whether it compares (its result is a condition).
    pub fn compares(self) -> bool {
        self.precedence() == 1
    }
}

/// A function of the language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Func {
    /// `se(condizione, allora, altrimenti)`.
    Se,
    /// `arrotonda(x, n)`.
    Arrotonda,
    /// `min(...)`.
    Min,
    /// `max(...)`.
    Max,
    /// `somma(...)`.
    Somma,
    /// `zero(campo)`.
    Zero,
    /// `qualche_vuoto(campi...)`.
    QualcheVuoto,
    /// `tutti_vuoti(campi...)`.
    TuttiVuoti,
    /// `o(...)`.
    O,
    /// `e(...)`.
    E,
    /// `non(x)`.
    Non,
}

impl Func {
    /// Every function, by its name in formulas.
    pub const ALL: [(Func, &'static str); 11] = [
        (Func::Se, "se"),
        (Func::Arrotonda, "arrotonda"),
        (Func::Min, "min"),
        (Func::Max, "max"),
        (Func::Somma, "somma"),
        (Func::Zero, "zero"),
        (Func::QualcheVuoto, "qualche_vuoto"),
        (Func::TuttiVuoti, "tutti_vuoti"),
        (Func::O, "o"),
        (Func::E, "e"),
        (Func::Non, "non"),
    ];

    /// The function's name in formulas.
    pub fn name(self) -> &'static str {
        Func::ALL
            .iter()
            .find(|(f, _)| *f == self)
            .map_or("?", |(_, n)| n)
    }
}
