//! Formulas whose result the file does not hold.
//!
//! A workbook written by a script (openpyxl, pandas, xlsxwriter, an
//! accounting program's export) stores its formulas without the values a
//! spreadsheet program would have computed. Such a cell is computed here,
//! once, when the workbook is opened ([`compute_missing`]), by a small
//! evaluator of what these sheets use: numbers, text and `TRUE`/`FALSE`;
//! references to cells of the same sheet or another (`C12`, `$C$12`,
//! `Scheda!C12`, `'Quadro 1'!B3`) and ranges (`C5:C25`); `+ - * / ^ &`,
//! `%`, unary minus, comparisons (`= <> < <= > >=`) and parentheses; the
//! functions of [`FUNCTIONS`]. A formula may refer to other formulas
//! without a result: they are computed first; a cycle is an error. Numbers
//! are exact decimals (sums of amounts come out as the clerk typed them).
//! The formulas of LibreOffice files (`of:=SUM([.C5:.C25])`) are read too.
//!
//! What cannot be computed (a function not listed, a name, a cycle) is kept
//! as the reason why, a [`Message`] of the catalogue (rendered in the
//! error's language): the reader makes it an error naming the cell and the
//! formula, unless the cell is one of the form's derived values, which the
//! rules compute (see `derived`).
//!
//! A maintained engine (IronCalc) was weighed: its base crate alone is some
//! 135,000 lines and brings statrs, bitcode, csv and chrono, and it reads
//! the workbook a second time into its own model; these sheets need a few
//! hundred lines.

use std::collections::HashMap;
use std::str::FromStr;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

use super::cells::{Cell, Sheet, a1, float};
use super::computed::{Computed, FUNCTIONS, Value};
use crate::messages::{Arg, Message, kind as k};
#[cfg(test)]
use parse::cell_name;
use parse::{Expr, Op, Ref, parse};

mod parse;

/// Most levels of nesting in one formula, and of formulas and the cells
/// they refer to, together (a hostile file could nest without end).
const MAX_DEPTH: u32 = 512;
/// Most cells and operations computed for one workbook.
const MAX_STEPS: u64 = 20_000_000;

/// Compute every formula of `sheets` that has no cached result; each sheet
/// keeps what became of its own ([`Sheet::computed`]).
pub(crate) fn compute_missing(sheets: &mut [Sheet]) {
    let missing: Vec<(usize, u32, u32)> = sheets
        .iter()
        .enumerate()
        .flat_map(|(i, s)| s.without_result().map(move |(row, col)| (i, row, col)))
        .collect();
    if missing.is_empty() {
        return;
    }
    let mut book = Book {
        sheets,
        memo: HashMap::new(),
        depth: 0,
        steps: 0,
    };
    for &(i, row, col) in &missing {
        // Kept in the memo, read below.
        let _ = book.formula_cell(i, row, col);
    }
    let mut results: Vec<HashMap<(u32, u32), Computed>> = vec![HashMap::new(); sheets.len()];
    for ((i, row, col), slot) in book.memo {
        if let (Slot::Done(c), Some(r)) = (slot, results.get_mut(i)) {
            r.insert((row, col), c);
        }
    }
    for (sheet, r) in sheets.iter_mut().zip(results) {
        sheet.set_computed(r);
    }
}

/// Parse and compute one formula against `sheets` (the first one is its
/// own sheet), for the tests.
#[cfg(test)]
pub(crate) fn compute_in(sheets: &[Sheet], formula: &str) -> Computed {
    let mut book = Book {
        sheets,
        memo: HashMap::new(),
        depth: 0,
        steps: 0,
    };
    let expr = parse(formula)?;
    book.eval(&expr, 0).map(top_level)
}

// --- Evaluation -----------------------------------------------------------

enum Slot {
    Pending,
    Done(Computed),
}

struct Book<'a> {
    sheets: &'a [Sheet],
    memo: HashMap<(usize, u32, u32), Slot>,
    depth: u32,
    steps: u64,
}

/// What a formula cell shows: an empty reference shows 0.
fn top_level(v: Value) -> Value {
    match v {
        Value::Blank => Value::Number(Decimal::ZERO),
        v => v,
    }
}

fn err(code: &str) -> Value {
    Value::Error(code.to_string())
}

/// The number a value stands for in arithmetic, or the error to return.
fn number(v: &Value) -> Result<Decimal, Value> {
    match v {
        Value::Blank => Ok(Decimal::ZERO),
        Value::Number(n) => Ok(*n),
        Value::Bool(b) => Ok(Decimal::from(u8::from(*b))),
        Value::Text(t) => {
            let t = t.trim();
            Decimal::from_str(t)
                .or_else(|_| crate::number::parse_it(t).map_err(|_| ()))
                .map_err(|_| err("#VALUE!"))
        }
        Value::Error(_) => Err(v.clone()),
    }
}

fn text(v: &Value) -> Result<String, Value> {
    match v {
        Value::Blank => Ok(String::new()),
        Value::Number(n) => Ok(n.normalize().to_string()),
        Value::Text(t) => Ok(t.clone()),
        Value::Bool(b) => Ok(if *b { "TRUE" } else { "FALSE" }.into()),
        Value::Error(_) => Err(v.clone()),
    }
}

fn truth(v: &Value) -> Result<bool, Value> {
    match v {
        Value::Text(t) if t.eq_ignore_ascii_case("true") => Ok(true),
        Value::Text(t) if t.eq_ignore_ascii_case("false") => Ok(false),
        Value::Text(_) => Err(err("#VALUE!")),
        v => number(v).map(|n| !n.is_zero()),
    }
}

/// A value from a float (a power): the decimal it shows.
fn from_f64(f: f64) -> Value {
    match float(f) {
        Cell::Number(n) => Value::Number(n),
        _ => err("#NUM!"),
    }
}

fn arithmetic(op: Op, a: Decimal, b: Decimal) -> Value {
    let r = match op {
        Op::Add => a.checked_add(b),
        Op::Sub => a.checked_sub(b),
        Op::Mul => a.checked_mul(b),
        Op::Div if b.is_zero() => return err("#DIV/0!"),
        Op::Div => a.checked_div(b),
        Op::Pow => {
            return match (a.to_f64(), b.to_f64()) {
                (Some(x), Some(y)) => from_f64(x.powf(y)),
                _ => err("#NUM!"),
            };
        }
        _ => None,
    };
    r.map_or_else(|| err("#NUM!"), Value::Number)
}

/// Excel's order: numbers, then text (without case), then TRUE/FALSE; an
/// empty cell is the other side's zero.
fn compare(a: &Value, b: &Value) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let blank_as = |other: &Value| match other {
        Value::Text(_) => Value::Text(String::new()),
        Value::Bool(_) => Value::Bool(false),
        _ => Value::Number(Decimal::ZERO),
    };
    let (a, b) = match (a, b) {
        (Value::Blank, b) => (blank_as(b), b.clone()),
        (a, Value::Blank) => (a.clone(), blank_as(a)),
        (a, b) => (a.clone(), b.clone()),
    };
    let rank = |v: &Value| match v {
        Value::Number(_) | Value::Blank | Value::Error(_) => 0,
        Value::Text(_) => 1,
        Value::Bool(_) => 2,
    };
    match (&a, &b) {
        (Value::Number(x), Value::Number(y)) => x.cmp(y),
        (Value::Text(x), Value::Text(y)) => x.to_lowercase().cmp(&y.to_lowercase()),
        (Value::Bool(x), Value::Bool(y)) => x.cmp(y),
        _ => rank(&a).cmp(&rank(&b)).then(Ordering::Equal),
    }
}

/// Return a spreadsheet error as the value of the expression.
macro_rules! value {
    ($e:expr) => {
        match $e {
            Ok(v) => v,
            Err(error) => return Ok(error),
        }
    };
}

impl Book<'_> {
    fn step(&mut self) -> Result<(), Message> {
        self.steps += 1;
        if self.steps > MAX_STEPS {
            return Err(Message::new(k::FORMULA_TOO_LONG, []));
        }
        Ok(())
    }

    fn sheet_index(&self, own: usize, name: Option<&str>) -> Result<usize, Message> {
        match name {
            None => Ok(own),
            Some(name) => self
                .sheets
                .iter()
                .position(|s| s.name.eq_ignore_ascii_case(name))
                .ok_or_else(|| Message::new(k::FORMULA_NO_SUCH_SHEET, [("sheet", name.into())])),
        }
    }

    /// The value of the formula of a cell without a cached result, computed
    /// once.
    fn formula_cell(&mut self, i: usize, row: u32, col: u32) -> Computed {
        match self.memo.get(&(i, row, col)) {
            Some(Slot::Done(c)) => return c.clone(),
            Some(Slot::Pending) => {
                let name = self.sheets.get(i).map_or("", |s| s.name.as_str());
                let cell = format!("{name}!{}", a1(row, col));
                return Err(Message::new(k::FORMULA_CIRCULAR, [("cell", cell.into())]));
            }
            None => {}
        }
        self.memo.insert((i, row, col), Slot::Pending);
        let formula = self
            .sheets
            .get(i)
            .and_then(|s| s.formula(row, col))
            .unwrap_or_default();
        let computed = parse(formula).and_then(|e| self.eval(&e, i)).map(top_level);
        self.memo
            .insert((i, row, col), Slot::Done(computed.clone()));
        computed
    }

    /// The value of a cell: its cached value, or its formula's.
    fn cell(&mut self, i: usize, row: u32, col: u32) -> Computed {
        self.step()?;
        let Some(sheet) = self.sheets.get(i) else {
            return Ok(err("#REF!"));
        };
        Ok(match sheet.get(row, col) {
            Cell::Empty if sheet.has_formula(row, col) => {
                return self.formula_cell(i, row, col).map_err(|why| {
                    let at = format!("{}!{}", sheet.name, a1(row, col));
                    if names(&why, &at) {
                        why
                    } else {
                        Message::new(
                            k::FORMULA_CELL_CANNOT_COMPUTE,
                            [("cell", at.into()), ("why", why.into())],
                        )
                    }
                });
            }
            Cell::Empty => Value::Blank,
            Cell::Number(n) => Value::Number(n),
            Cell::Text(t) => Value::Text(t.to_string()),
            Cell::Bool(b) => Value::Bool(b),
            Cell::Date(d) => from_f64(d),
            Cell::Error(e) => Value::Error(e),
        })
    }

    /// The values of a range, within what the sheet holds.
    fn range(&mut self, own: usize, first: &Ref, last: &Ref) -> Result<Vec<Value>, Message> {
        let i = self.sheet_index(own, first.sheet.as_deref())?;
        let Some(sheet) = self.sheets.get(i) else {
            return Ok(Vec::new());
        };
        let rows = sheet.rows();
        let (top, bottom) = (first.row.min(last.row), first.row.max(last.row));
        let (left, right) = (first.col.min(last.col), first.col.max(last.col));
        let (top, bottom) = (top.max(rows.start), bottom.min(rows.end.saturating_sub(1)));
        let right = right.min(sheet.width().saturating_sub(1));
        let mut out = Vec::new();
        if rows.is_empty() || top > bottom || left > right {
            return Ok(out);
        }
        for row in top..=bottom {
            for col in left..=right {
                out.push(self.cell(i, row, col)?);
            }
        }
        Ok(out)
    }

    fn eval(&mut self, e: &Expr, own: usize) -> Computed {
        self.depth += 1;
        let out = if self.depth > MAX_DEPTH {
            Err(Message::new(k::FORMULA_REFERS_TOO_DEEPLY, []))
        } else {
            self.step().and_then(|()| self.eval_inner(e, own))
        };
        self.depth -= 1;
        out
    }

    fn eval_inner(&mut self, e: &Expr, own: usize) -> Computed {
        match e {
            Expr::Literal(v) => Ok(v.clone()),
            Expr::Cell(r) => {
                let i = self.sheet_index(own, r.sheet.as_deref())?;
                self.cell(i, r.row, r.col)
            }
            // A range where one value is wanted (Excel's implicit
            // intersection is not computed).
            Expr::Range(..) => Ok(err("#VALUE!")),
            Expr::Neg(x) => {
                let v = self.eval(x, own)?;
                Ok(Value::Number(-value!(number(&v))))
            }
            Expr::Percent(x) => {
                let v = self.eval(x, own)?;
                Ok(Value::Number(value!(number(&v)) / Decimal::ONE_HUNDRED))
            }
            Expr::Binary(op, a, b) => {
                let (a, b) = (self.eval(a, own)?, self.eval(b, own)?);
                for v in [&a, &b] {
                    if let Value::Error(_) = v {
                        return Ok(v.clone());
                    }
                }
                Ok(match op {
                    Op::Concat => Value::Text(value!(text(&a)) + &value!(text(&b))),
                    Op::Eq | Op::Ne | Op::Lt | Op::Le | Op::Gt | Op::Ge => {
                        use std::cmp::Ordering::*;
                        let ord = compare(&a, &b);
                        Value::Bool(match op {
                            Op::Eq => ord == Equal,
                            Op::Ne => ord != Equal,
                            Op::Lt => ord == Less,
                            Op::Le => ord != Greater,
                            Op::Gt => ord == Greater,
                            _ => ord != Less,
                        })
                    }
                    _ => arithmetic(*op, value!(number(&a)), value!(number(&b))),
                })
            }
            Expr::Call(name, args) => self.call(name, args, own),
        }
    }

    /// The values of a function's arguments, a range giving each of its
    /// cells; whether each came from a reference (where text and empty
    /// cells are skipped by the aggregates).
    fn spread(&mut self, args: &[Expr], own: usize) -> Result<Vec<(Value, bool)>, Message> {
        let mut out = Vec::new();
        for a in args {
            match a {
                Expr::Range(first, last) => {
                    let values = self.range(own, first, last)?;
                    out.extend(values.into_iter().map(|v| (v, true)));
                }
                Expr::Cell(_) => out.push((self.eval(a, own)?, true)),
                _ => out.push((self.eval(a, own)?, false)),
            }
        }
        Ok(out)
    }

    fn call(&mut self, name: &str, args: &[Expr], own: usize) -> Computed {
        let arg = |k: usize| args.get(k);
        match name {
            "IF" => {
                let Some(cond) = arg(0) else {
                    return Ok(err("#VALUE!"));
                };
                let c = self.eval(cond, own)?;
                let branch = if value!(truth(&c)) { arg(1) } else { arg(2) };
                match branch {
                    Some(e) => self.eval(e, own),
                    None => Ok(Value::Bool(false)),
                }
            }
            "IFERROR" => {
                let v = match arg(0) {
                    Some(e) => self.eval(e, own)?,
                    None => Value::Blank,
                };
                match (v, arg(1)) {
                    (Value::Error(_), Some(alt)) => self.eval(alt, own),
                    (Value::Error(_), None) => Ok(Value::Blank),
                    (v, _) => Ok(v),
                }
            }
            "ROUND" | "ROUNDUP" | "ROUNDDOWN" | "INT" | "ABS" | "NOT" => {
                let mut one = |k: usize| -> Computed {
                    match arg(k) {
                        Some(e) => self.eval(e, own),
                        None => Ok(Value::Blank),
                    }
                };
                let x = one(0)?;
                if name == "NOT" {
                    return Ok(Value::Bool(!value!(truth(&x))));
                }
                let x = value!(number(&x));
                let places = value!(number(&one(1)?));
                Ok(match name {
                    "INT" => Value::Number(x.floor()),
                    "ABS" => Value::Number(x.abs()),
                    _ => round(name, x, places),
                })
            }
            _ => {
                let values = self.spread(args, own)?;
                aggregate(name, &values)
            }
        }
    }
}

/// Whether `why` names the cell `at` (`Scheda!C12`) already, in any of its
/// arguments or of the messages nested in them: a cycle through the cell,
/// or a reason given for the cell itself.
fn names(why: &Message, at: &str) -> bool {
    why.args.iter().any(|(_, arg)| match arg {
        Arg::Text(t) => t == at,
        Arg::Message(m) => names(m, at),
    })
}

/// ROUND, ROUNDUP, ROUNDDOWN at `places` (negative: tens, hundreds).
fn round(name: &str, x: Decimal, places: Decimal) -> Value {
    let strategy = match name {
        "ROUNDUP" => RoundingStrategy::AwayFromZero,
        "ROUNDDOWN" => RoundingStrategy::ToZero,
        _ => RoundingStrategy::MidpointAwayFromZero,
    };
    let Some(p) = places.trunc().to_i64() else {
        return err("#NUM!");
    };
    if p >= 0 {
        return Value::Number(x.round_dp_with_strategy(p.min(28) as u32, strategy));
    }
    let Some(scale) = Decimal::from(10u8).checked_powi_opt(-p) else {
        return Value::Number(Decimal::ZERO);
    };
    Value::Number((x / scale).round_dp_with_strategy(0, strategy) * scale)
}

/// Decimal powers of ten without the `maths` feature.
trait PowI {
    fn checked_powi_opt(self, n: i64) -> Option<Decimal>;
}

impl PowI for Decimal {
    fn checked_powi_opt(self, n: i64) -> Option<Decimal> {
        (0..n).try_fold(Decimal::ONE, |acc, _| acc.checked_mul(self))
    }
}

/// The functions over lists of values: numbers from references count,
/// text and empty cells there are skipped; values given directly are
/// taken as numbers.
fn aggregate(name: &str, values: &[(Value, bool)]) -> Computed {
    if name == "CONCATENATE" {
        let mut out = String::new();
        for (v, _) in values {
            out.push_str(&value!(text(v)));
        }
        return Ok(Value::Text(out));
    }
    if name == "COUNTA" {
        let n = values.iter().filter(|(v, _)| *v != Value::Blank).count();
        return Ok(Value::Number(Decimal::from(n)));
    }
    if name == "AND" || name == "OR" {
        let mut seen = Vec::new();
        for (v, from_ref) in values {
            match v {
                Value::Error(_) => return Ok(v.clone()),
                Value::Blank | Value::Text(_) if *from_ref => {}
                v => seen.push(value!(truth(v))),
            }
        }
        if seen.is_empty() {
            return Ok(err("#VALUE!"));
        }
        let all = name == "AND";
        return Ok(Value::Bool(if all {
            seen.iter().all(|b| *b)
        } else {
            seen.iter().any(|b| *b)
        }));
    }
    let mut numbers = Vec::new();
    for (v, from_ref) in values {
        match v {
            Value::Error(_) if name != "COUNT" => return Ok(v.clone()),
            Value::Number(n) => numbers.push(*n),
            _ if *from_ref || name == "COUNT" => {}
            v => numbers.push(value!(number(v))),
        }
    }
    let sum = || {
        numbers
            .iter()
            .try_fold(Decimal::ZERO, |acc, n| acc.checked_add(*n))
    };
    Ok(match name {
        "SUM" => sum().map_or_else(|| err("#NUM!"), Value::Number),
        "PRODUCT" if numbers.is_empty() => Value::Number(Decimal::ZERO),
        "PRODUCT" => numbers
            .iter()
            .try_fold(Decimal::ONE, |acc, n| acc.checked_mul(*n))
            .map_or_else(|| err("#NUM!"), Value::Number),
        "MIN" => Value::Number(numbers.iter().min().copied().unwrap_or_default()),
        "MAX" => Value::Number(numbers.iter().max().copied().unwrap_or_default()),
        "COUNT" => Value::Number(Decimal::from(numbers.len())),
        "AVERAGE" if numbers.is_empty() => err("#DIV/0!"),
        "AVERAGE" => match sum() {
            Some(s) => Value::Number(s / Decimal::from(numbers.len())),
            None => err("#NUM!"),
        },
        other => {
            return Err(Message::new(
                k::FORMULA_FUNCTION,
                [("function", other.into())],
            ));
        }
    })
}

#[cfg(test)]
mod tests;
