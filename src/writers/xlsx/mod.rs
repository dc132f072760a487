//! Writer for the editable workbook (XLSX), for clerks who work in Excel or
//! LibreOffice Calc.
//!
//! A form workbook ([`write()`], [`template`]) has two sheets:
//!
//! - `Scheda`: the form row by row, as the edition's description lays it
//!   out. Column A holds the row code as the edition prints it (`M12`,
//!   `ROA`), column B the official label,
//!   columns C-F the values under the form's own column headers (a header
//!   row above each block: `Numero di utenti serviti - 2019`, `2020`,
//!   `Spesa aggiuntiva`, ...). Input cells are unlocked and shaded yellow,
//!   with Italian data-validation messages; derived cells (R0B, the mean
//!   hours, R01B, R04, R09, R15) are grey, locked, live formulas that carry
//!   a cached result, so that Excel and LibreOffice recalculate on edit and
//!   a reader without a calculation engine still sees the value. The cached
//!   result is the model's stored value where it has one (so a printed
//!   `33,629149` survives), else the computed one, else `""` (read back as
//!   blank). The sheet is protected without a password: labels and formulas
//!   cannot be broken by accident.
//! - `Ente`: the edition, the year and the Comune's data, and a hidden row
//!   listing the derived fields the model left blank but whose cell caches
//!   the computed value: while the cell still holds that value the reader
//!   gives the field back blank, so a form goes through the workbook
//!   unchanged; once an input changes, the recalculated value is read.
//!
//! A multi-Comune workbook ([`write_many`]) has one sheet `Comuni` with one
//! row per form and one column per field of the editions present, headed by
//! the field's path (`quadro1.M12.utenti`, [`crate::model::paths`]).
//!
//! The same model always gives the same bytes: the workbook's creation date
//! comes from the form's date (or 1 January of the year after the reporting
//! year), never from the clock.

mod ente;
mod form;
mod formula;
mod many;
mod plan;
mod render;
mod style;
mod validation;

use std::str::FromStr;

use rust_decimal::Decimal;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, ProtectionOptions, Workbook, XlsxError};

use crate::diagnostic::{Diagnostic, Error, Result, Severity};
use crate::messages::{Message, kind};
use crate::model::{Edizione, Scheda};
use style::Style;

/// Write one form as a workbook with the sheets `Scheda` and `Ente`.
pub fn write(scheda: &Scheda) -> Result<Vec<u8>> {
    build(scheda).map_err(Failure::into_error)
}

/// A blank form of `edizione` to fill in: every input empty, every formula
/// in place. It reads back as [`Scheda::empty`].
pub fn template(edizione: Edizione) -> Result<Vec<u8>> {
    write(&Scheda::empty(edizione))
}

/// Write several forms (one per Comune) as one sheet `Comuni`: one row per
/// form, one column per field of the model, headed by the field's path.
pub fn write_many(schede: &[Scheda]) -> Result<Vec<u8>> {
    many::write(schede).map_err(Failure::into_error)
}

fn build(s: &Scheda) -> XResult<Vec<u8>> {
    let mut workbook = Workbook::new();
    workbook.set_properties(&properties(s)?);
    let style = style::formats();
    let filled = form::add_sheet(workbook.add_worksheet(), s, &style)?;
    ente::add_sheet(workbook.add_worksheet(), s, &style, &filled)?;
    Ok(workbook.save_to_buffer()?)
}

/// Document properties, dated from the data (never the clock).
fn properties(s: &Scheda) -> XResult<DocProperties> {
    let comune = s.ente.denominazione.as_deref().unwrap_or("");
    let subject = if comune.is_empty() {
        "Scheda di monitoraggio degli obiettivi di servizio (sociale)".to_string()
    } else {
        format!("Scheda di monitoraggio degli obiettivi di servizio (sociale) - {comune}")
    };
    Ok(DocProperties::new()
        .set_title(s.edizione.title())
        .set_subject(subject)
        .set_author(comune)
        .set_keywords(format!("{}, sociale, obiettivi di servizio", s.edizione))
        .set_comment("Generato da scheda")
        .set_creation_datetime(&creation_date(s)?))
}

/// The form's own date, else 1 January of the year after the reporting year.
fn creation_date(s: &Scheda) -> XResult<ExcelDateTime> {
    let (y, m, d, h, min) = match s.ente.data {
        Some(t) => (t.year, t.month, t.day, t.hour, t.minute),
        None => (s.anno + 1, 1, 1, 0, 0),
    };
    let year = u16::try_from(y).unwrap_or(2000);
    Ok(ExcelDateTime::from_ymd(year, m, d)?.and_hms(u16::from(h), min, 0)?)
}

/// Sheet protection without a password: cells can be selected, columns and
/// rows resized, nothing else changed outside the unlocked inputs.
fn protection() -> ProtectionOptions {
    ProtectionOptions {
        format_columns: true,
        format_rows: true,
        ..ProtectionOptions::default()
    }
}

/// The largest integer an f64 (and so a spreadsheet cell) holds exactly.
const MAX_EXACT_INT: u64 = 1 << 53;

/// Most significant digits a cell's number keeps: what spreadsheets show,
/// and where the reader cuts a double's binary noise.
const MAX_DIGITS: usize = 15;

/// `d` as the f64 a cell stores, refusing a value that would not read back
/// as the same decimal: more than [`MAX_DIGITS`] significant digits (a
/// double may hold 16 or 17, but the reader keeps 15). `place` names the
/// value in the error (`row R06`).
fn exact_f64(d: Decimal, place: impl FnOnce() -> Message) -> XResult<f64> {
    let text = d.to_string();
    let digits = d.normalize().mantissa().unsigned_abs().to_string().len();
    let f = f64::from_str(&text).ok().filter(|f| f.is_finite());
    match f {
        Some(f) if digits <= MAX_DIGITS && Decimal::from_str(&f.to_string()).ok() == Some(d) => {
            Ok(f)
        }
        _ => Err(not_exact(kind::CELL_NOT_EXACT, place(), text)),
    }
}

/// `v` as an f64, refusing integers beyond 2^53.
fn int_f64(v: u64, place: impl FnOnce() -> Message) -> XResult<f64> {
    if v > MAX_EXACT_INT {
        return Err(not_exact(kind::CELL_TOO_LARGE, place(), v.to_string()));
    }
    Ok(v as f64)
}

/// The row `code` of a form workbook, as the place of a value.
fn row_place(code: &str) -> impl FnOnce() -> Message + '_ {
    move || Message::new(kind::WORKBOOK_ROW, [("row", code.into())])
}

/// The error of a value a cell cannot hold exactly.
fn not_exact(k: crate::messages::Kind, place: Message, value: String) -> Failure {
    Failure::Scheda(Error::new(Diagnostic::coded(
        Severity::Error,
        Message::new(k, [("place", place.into()), ("value", value.into())]),
        Some(Message::new(kind::CELL_DIGITS_HINT, [])),
    )))
}

type XResult<T> = std::result::Result<T, Failure>;

/// Why writing failed: the workbook library refused something, or a value
/// cannot be written faithfully.
#[derive(Debug)]
enum Failure {
    Xlsx(XlsxError),
    Scheda(Error),
}

impl Failure {
    fn into_error(self) -> Error {
        match self {
            Failure::Xlsx(e) => Error::new(Diagnostic::coded(
                Severity::Error,
                Message::new(
                    kind::WORKBOOK_WRITE_FAILED,
                    [("error", e.to_string().into())],
                ),
                None,
            )),
            Failure::Scheda(e) => e,
        }
    }
}

impl From<XlsxError> for Failure {
    fn from(e: XlsxError) -> Self {
        Failure::Xlsx(e)
    }
}
