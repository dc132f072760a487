//! Cells as the readers see them: a sheet's cached values and formulas,
//! each value classified once ([`Cell`]), numbers exact, and the typed
//! conversions that name the cell when a value is not what the form expects.

use std::collections::HashMap;
use std::str::FromStr;

use calamine::{Data, Range};
use rust_decimal::Decimal;

use super::formula::{Computed, Value};
use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::messages::{Arg, Kind, Message, kind as k};
use crate::model::DataOra;
use crate::number::{self, NumberError};

/// One sheet: its cached values and its formulas, and what scheda
/// computed for the formulas that carry no result ([`super::formula`]).
pub(crate) struct Sheet {
    /// The sheet's name as the workbook spells it.
    pub(crate) name: String,
    values: Range<Data>,
    formulas: Range<String>,
    computed: HashMap<(u32, u32), Computed>,
}

/// A cell's cached value, classified.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell<'a> {
    /// No value at all (for a formula: no cached result).
    Empty,
    /// A number, exact as the file writes it.
    Number(Decimal),
    /// Text (an empty formula result is `Text("")`).
    Text(&'a str),
    Bool(bool),
    /// A date-time, as a spreadsheet serial number (days since 1899-12-30).
    Date(f64),
    /// A spreadsheet error such as `#DIV/0!`.
    Error(String),
}

impl Cell<'_> {
    /// Whether the cell shows nothing: no value, or only white space.
    pub(crate) fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The value as the clerk sees it, for messages (`"abc"`, `2.5`, an
    /// empty cell).
    pub(crate) fn shown(&self) -> Arg {
        match self {
            Cell::Empty => Message::new(k::FOUND_EMPTY, []).into(),
            Cell::Number(d) => d.normalize().to_string().into(),
            Cell::Text(t) => format!("\"{}\"", t.trim()).into(),
            Cell::Bool(true) => Message::new(k::FOUND_TRUE, []).into(),
            Cell::Bool(false) => Message::new(k::FOUND_FALSE, []).into(),
            Cell::Date(_) => Message::new(k::FOUND_DATE, []).into(),
            Cell::Error(e) => Message::new(k::FOUND_ERROR, [("error", e.as_str().into())]).into(),
        }
    }
}

impl Sheet {
    /// A sheet from its values and formulas.
    pub(crate) fn new(name: String, values: Range<Data>, formulas: Range<String>) -> Self {
        Sheet {
            name,
            values,
            formulas,
            computed: HashMap::new(),
        }
    }

    /// A sheet of values alone, without formulas (a CSV table).
    pub(crate) fn from_values(name: String, values: Range<Data>) -> Self {
        Sheet {
            name,
            values,
            formulas: Range::empty(),
            computed: HashMap::new(),
        }
    }

    /// The cells that hold a formula but no cached result (absolute).
    pub(crate) fn without_result(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        let (top, left) = self.formulas.start().unwrap_or((0, 0));
        self.formulas
            .used_cells()
            .filter(|(_, _, f)| !f.is_empty())
            .map(move |(r, c, _)| (top + r as u32, left + c as u32))
            .filter(|&(r, c)| self.lacks_result(r, c))
    }

    /// Whether the cell holds a formula whose result the file does not.
    pub(crate) fn lacks_result(&self, row: u32, col: u32) -> bool {
        self.has_formula(row, col)
            && matches!(self.values.get_value((row, col)), None | Some(Data::Empty))
    }

    /// The formula of a cell, as the file writes it (without `=`).
    pub(crate) fn formula(&self, row: u32, col: u32) -> Option<&str> {
        self.formulas
            .get_value((row, col))
            .map(String::as_str)
            .filter(|f| !f.is_empty())
    }

    /// What scheda computed for a formula without a result.
    pub(crate) fn computed(&self, row: u32, col: u32) -> Option<&Computed> {
        self.computed.get(&(row, col))
    }

    pub(super) fn set_computed(&mut self, computed: HashMap<(u32, u32), Computed>) {
        self.computed = computed;
    }

    /// The rows that hold anything (0-based, absolute).
    pub(crate) fn rows(&self) -> std::ops::Range<u32> {
        let end = |r: Option<(u32, u32)>| r.map_or(0, |(row, _)| row + 1);
        let start = |r: Option<(u32, u32)>| r.map_or(u32::MAX, |(row, _)| row);
        let first = start(self.values.start()).min(start(self.formulas.start()));
        let last = end(self.values.end()).max(end(self.formulas.end()));
        first.min(last)..last
    }

    /// One past the last column that holds anything.
    pub(crate) fn width(&self) -> u32 {
        let end = |r: Option<(u32, u32)>| r.map_or(0, |(_, col)| col + 1);
        end(self.values.end()).max(end(self.formulas.end()))
    }

    /// The cell at (`row`, `col`), 0-based: its cached value, or for a
    /// formula without one, the value scheda computed.
    pub(crate) fn get(&self, row: u32, col: u32) -> Cell<'_> {
        match self.values.get_value((row, col)) {
            None | Some(Data::Empty) => match self.computed.get(&(row, col)) {
                Some(Ok(Value::Number(n))) => Cell::Number(*n),
                Some(Ok(Value::Text(t))) => Cell::Text(t),
                Some(Ok(Value::Bool(b))) => Cell::Bool(*b),
                Some(Ok(Value::Error(e))) => Cell::Error(e.clone()),
                Some(Ok(Value::Blank) | Err(_)) | None => Cell::Empty,
            },
            Some(Data::String(s)) => Cell::Text(s),
            Some(Data::Float(f)) => float(*f),
            Some(Data::Int(i)) => Cell::Number(Decimal::from(*i)),
            Some(Data::Bool(b)) => Cell::Bool(*b),
            Some(Data::DateTime(d)) => Cell::Date(d.as_f64()),
            Some(Data::DateTimeIso(s) | Data::DurationIso(s)) => Cell::Text(s),
            Some(Data::Error(e)) => Cell::Error(e.to_string()),
        }
    }

    /// The text of a cell, when it holds text.
    pub(crate) fn text(&self, row: u32, col: u32) -> Option<&str> {
        match self.get(row, col) {
            Cell::Text(t) => Some(t),
            _ => None,
        }
    }

    /// Whether the cell holds a formula.
    pub(crate) fn has_formula(&self, row: u32, col: u32) -> bool {
        self.formulas
            .get_value((row, col))
            .is_some_and(|f| !f.is_empty())
    }

    /// The location `Sheet!C12` of a cell.
    pub(crate) fn at(&self, row: u32, col: u32) -> Location {
        Location::cell(self.name.clone(), a1(row, col))
    }
}

/// `C12` for 0-based (`row`, `col`).
pub(crate) fn a1(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8_lossy(&letters), row + 1)
}

/// A float as the exact decimal the file wrote. Spreadsheets store binary
/// doubles: the shortest text that reads back as the same double is the
/// number the clerk typed (`1984440.83`). A value with binary noise from a
/// computation (`2420.4700000000012`) is cut to 15 significant digits, the
/// precision spreadsheets show.
pub(super) fn float(f: f64) -> Cell<'static> {
    if !f.is_finite() {
        return Cell::Error("#NUM!".into());
    }
    match Decimal::from_str(&f.to_string()) {
        Ok(d) => Cell::Number(denoise(d)),
        Err(_) => Cell::Error("#NUM!".into()),
    }
}

fn denoise(d: Decimal) -> Decimal {
    let digits = d.mantissa().unsigned_abs().to_string().len() as i64;
    if digits <= 15 {
        return d;
    }
    let int_digits = digits - i64::from(d.scale());
    let places = 15 - int_digits;
    if places < 0 {
        return d;
    }
    number::round_half_up(d, places as u32).normalize()
}

/// Lower case without accents and with single spaces, for matching words.
pub(crate) fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let c = match c {
            'à' | 'á' | 'À' | 'Á' => 'a',
            'è' | 'é' | 'È' | 'É' => 'e',
            'ì' | 'í' | 'Ì' | 'Í' => 'i',
            'ò' | 'ó' | 'Ò' | 'Ó' => 'o',
            'ù' | 'ú' | 'Ù' | 'Ú' => 'u',
            '\u{a0}' | '\n' | '\r' | '\t' => ' ',
            c => c.to_ascii_lowercase(),
        };
        out.push(c);
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What a field takes, for messages.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Expect {
    /// A non-negative whole number.
    Whole,
    /// A non-negative number (at most two decimals where the form says so).
    Number,
}

/// Reads typed values from cells, gathering errors and warnings that name
/// the cell.
#[derive(Default)]
pub(crate) struct Conv {
    pub(crate) errors: Vec<Diagnostic>,
    pub(crate) warnings: Vec<Diagnostic>,
    /// The JSON pointer of the field being read when it is one of the
    /// form's derived values (set by the caller around the read): a formula
    /// there without a result is left to the rules ([`super::derived`]).
    pub(crate) derived: Option<String>,
    /// Derived fields whose formula has no result: pointer and cell.
    pub(crate) uncomputed: Vec<(String, Location)>,
    /// Cells whose formula scheda computed, for one warning.
    pub(crate) computed: Vec<Location>,
}

impl Conv {
    /// Fail at the cell with `{what}: expected ..., found {found}` of
    /// `kind`, and `hint`.
    #[allow(clippy::too_many_arguments)]
    fn fail(
        &mut self,
        sheet: &Sheet,
        row: u32,
        col: u32,
        kind: Kind,
        what: &Arg,
        found: Arg,
        hint: Option<Kind>,
    ) {
        let message = Message::new(kind, [("what", what.clone()), ("found", found)]);
        let hint = hint.map(|h| Message::new(h, []));
        self.errors
            .push(Diagnostic::coded(Severity::Error, message, hint).at(sheet.at(row, col)));
    }

    /// Fail with `expected ..., found {cell}` of `kind`; always `None`.
    #[allow(clippy::too_many_arguments)]
    fn expected<T>(
        &mut self,
        sheet: &Sheet,
        row: u32,
        col: u32,
        what: &Arg,
        kind: Kind,
        cell: &Cell<'_>,
        hint: Option<Kind>,
    ) -> Option<T> {
        self.fail(sheet, row, col, kind, what, cell.shown(), hint);
        None
    }

    /// The cell's value. A formula that carries no cached result is
    /// computed ([`super::formula`]): its cell is remembered for one warning,
    /// and a formula that cannot be computed is an error naming the cell and
    /// the formula; in a derived field it is left blank for the rules. A
    /// formula whose result is an error (`#DIV/0!`) reads as blank, with a
    /// warning.
    pub(crate) fn cell<'s>(&mut self, sheet: &'s Sheet, row: u32, col: u32) -> Cell<'s> {
        let cell = sheet.get(row, col);
        if !sheet.has_formula(row, col) {
            return cell;
        }
        let at = sheet.at(row, col);
        if sheet.lacks_result(row, col) {
            if let Some(pointer) = &self.derived {
                if !self.uncomputed.iter().any(|(_, l)| *l == at) {
                    self.uncomputed.push((pointer.clone(), at));
                }
                return Cell::Empty;
            }
            if let Some(Err(why)) = sheet.computed(row, col) {
                if !self.errors.iter().any(|e| e.location.as_ref() == Some(&at)) {
                    let formula = sheet.formula(row, col).unwrap_or_default();
                    self.errors
                        .push(super::derived::cannot_compute(formula, why.clone()).at(at));
                }
                return Cell::Empty;
            }
            if !self.computed.contains(&at) {
                self.computed.push(at.clone());
            }
        }
        if let Cell::Error(e) = &cell {
            let message = Message::new(k::FORMULA_ERROR_BLANK, [("error", e.as_str().into())]);
            self.warnings
                .push(Diagnostic::coded(Severity::Warning, message, None).at(at));
            return Cell::Empty;
        }
        cell
    }

    /// A decimal: a number cell, or text in Italian notation (`1.984.440,83`).
    pub(crate) fn decimal(
        &mut self,
        sheet: &Sheet,
        row: u32,
        col: u32,
        what: &Arg,
    ) -> Option<Decimal> {
        let cell = self.cell(sheet, row, col);
        self.decimal_of(&cell, sheet, row, col, what, Expect::Number)
    }

    fn decimal_of(
        &mut self,
        cell: &Cell<'_>,
        sheet: &Sheet,
        row: u32,
        col: u32,
        what: &Arg,
        expect: Expect,
    ) -> Option<Decimal> {
        let (kind, hint) = match expect {
            Expect::Whole => (k::EXPECTED_COUNT, k::COUNT_HINT),
            Expect::Number => (k::EXPECTED_NUMBER, k::NUMBER_HINT),
        };
        match cell {
            _ if cell.is_blank() => return None,
            Cell::Number(d) => return Some(*d),
            Cell::Text(t) => match number::parse_it(t) {
                Ok(d) => return Some(d),
                Err(NumberError::Empty) => return None,
                Err(NumberError::NotANumber) => {}
            },
            _ => {}
        }
        self.expected(sheet, row, col, what, kind, cell, Some(hint))
    }

    /// A non-negative whole number (users, hours, inhabitants).
    pub(crate) fn whole(&mut self, sheet: &Sheet, row: u32, col: u32, what: &Arg) -> Option<u64> {
        let cell = self.cell(sheet, row, col);
        self.whole_of(&cell, sheet, row, col, what)
    }

    pub(crate) fn whole_of(
        &mut self,
        cell: &Cell<'_>,
        sheet: &Sheet,
        row: u32,
        col: u32,
        what: &Arg,
    ) -> Option<u64> {
        let d = self.decimal_of(cell, sheet, row, col, what, Expect::Whole)?;
        let d = d.normalize();
        let kind = if d.is_sign_negative() && !d.is_zero() {
            k::EXPECTED_COUNT
        } else if !d.fract().is_zero() {
            k::EXPECTED_WHOLE
        } else {
            match u64::try_from(d) {
                Ok(v) => return Some(v),
                Err(_) => k::EXPECTED_WHOLE_TOO_LARGE,
            }
        };
        let found = d.to_string().into();
        self.fail(sheet, row, col, kind, what, found, Some(k::COUNT_HINT));
        None
    }

    /// Text, as written (a number typed in a text field becomes its digits).
    pub(crate) fn text(&mut self, sheet: &Sheet, row: u32, col: u32, what: &Arg) -> Option<String> {
        match self.cell(sheet, row, col) {
            cell if cell.is_blank() => None,
            Cell::Text(t) => Some(t.to_string()),
            Cell::Number(d) => Some(d.normalize().to_string()),
            Cell::Date(serial) => from_serial(serial).map(|d| d.format_it()),
            other => self.expected(sheet, row, col, what, k::EXPECTED_TEXT, &other, None),
        }
    }

    /// A `SI`/`NO` answer (also `VERO`/`FALSO`, TRUE/FALSE cells).
    pub(crate) fn yes_no(&mut self, sheet: &Sheet, row: u32, col: u32, what: &Arg) -> Option<bool> {
        let cell = self.cell(sheet, row, col);
        match &cell {
            _ if cell.is_blank() => return None,
            Cell::Bool(b) => return Some(*b),
            Cell::Text(t) => match fold(t).as_str() {
                "si" | "vero" | "true" | "yes" => return Some(true),
                "no" | "falso" | "false" => return Some(false),
                _ => {}
            },
            _ => {}
        }
        let hint = Some(k::YES_NO_HINT);
        self.expected(sheet, row, col, what, k::EXPECTED_YES_NO, &cell, hint)
    }

    /// A date-time: `dd/mm/yyyy hh:mm`, ISO `yyyy-mm-ddThh:mm`, or a date cell.
    pub(crate) fn date(
        &mut self,
        sheet: &Sheet,
        row: u32,
        col: u32,
        what: &Arg,
    ) -> Option<DataOra> {
        let cell = self.cell(sheet, row, col);
        let parsed = match &cell {
            c if c.is_blank() => return None,
            Cell::Text(t) => DataOra::parse_it(t).or_else(|| t.trim().parse().ok()),
            Cell::Date(serial) => from_serial(*serial),
            _ => None,
        };
        if parsed.is_none() {
            let found = cell.shown();
            self.fail(sheet, row, col, k::EXPECTED_DATE, what, found, None);
        }
        parsed
    }
}

/// A spreadsheet serial date-time (days since 1899-12-30) to the minute.
pub(crate) fn from_serial(serial: f64) -> Option<DataOra> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let minutes = (serial * 1440.0).round() as i64;
    let (days, minute_of_day) = (minutes.div_euclid(1440), minutes.rem_euclid(1440));
    // Days from 1970-01-01, then the civil date (Howard Hinnant's algorithm).
    let z = days - 25569 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    DataOra::new(
        i32::try_from(year).ok()?,
        u8::try_from(month).ok()?,
        u8::try_from(day).ok()?,
        u8::try_from(minute_of_day / 60).ok()?,
        u8::try_from(minute_of_day % 60).ok()?,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_names() {
        assert_eq!(a1(0, 0), "A1");
        assert_eq!(a1(11, 2), "C12");
        assert_eq!(a1(0, 25), "Z1");
        assert_eq!(a1(0, 26), "AA1");
        assert_eq!(a1(4, 701), "ZZ5");
        assert_eq!(a1(0, 702), "AAA1");
    }

    #[test]
    fn floats_become_the_decimals_typed() {
        let d = |s: &str| Decimal::from_str(s).unwrap();
        assert_eq!(float(1984440.83), Cell::Number(d("1984440.83")));
        assert_eq!(float(33.629149), Cell::Number(d("33.629149")));
        assert_eq!(float(53895.69 - 51475.22), Cell::Number(d("2420.47")));
        assert_eq!(float(0.1 + 0.2), Cell::Number(d("0.3")));
        assert_eq!(float(7162.0), Cell::Number(d("7162")));
    }

    #[test]
    fn serial_dates() {
        // 20/03/2026 10:30 is serial 46101.4375.
        assert_eq!(from_serial(46101.4375), DataOra::new(2026, 3, 20, 10, 30));
        assert_eq!(from_serial(25569.0), DataOra::new(1970, 1, 1, 0, 0));
    }

    #[test]
    fn folding() {
        assert_eq!(
            fold("  Modalità di\ndeterminazione "),
            "modalita di determinazione"
        );
    }
}
