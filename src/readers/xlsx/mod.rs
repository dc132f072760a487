//! Reader for workbooks (XLSX): scheda's own form workbooks and
//! multi-Comune workbooks, and the spreadsheets clerks make themselves.
//!
//! - A *multi-Comune* workbook has a sheet whose first row holds the
//!   model's field paths (`edizione`, `quadro1.M12.utenti`, ...): one form
//!   per row below it.
//! - Any other workbook is read as one form: rows found by their code in
//!   the first columns of any sheet, values under the headers above them
//!   (codes such as `M12` or `R01B`, headers such as `Numero di utenti
//!   serviti - 2019`).
//!
//! Formula cells are read through their cached result, exactly as the file
//! stores it (numbers are converted from their shortest decimal text, never
//! through float arithmetic); a formula without a cached result (a script
//! wrote the file) is computed ([`formula`]), a derived field's by the
//! form's rules ([`derived`]), with one warning. A derived field that scheda's writer filled with
//! the computed value because the model left it blank (the `Ente` sheet
//! lists them) reads back blank while its cell still holds that value.
//! Every error names the cell (`Scheda!C12`) and says what was expected.

mod cells;
mod columns;
mod derived;
mod form;
mod formula;
mod locate;
mod many;

use std::io::Cursor;

use calamine::{Reader, Xlsx};

use crate::diagnostic::{Diagnostic, Error, Result, Warned};
use crate::limits::{self, Limits};
use crate::model::Scheda;
use cells::Sheet;

/// Read the forms of a workbook: one for a form workbook, one per row for
/// a multi-Comune workbook.
pub fn read(bytes: &[u8]) -> Result<Warned<Vec<Scheda>>> {
    read_with(bytes, &Limits::default())
}

/// [`read`] within `limits` (what the workbook inflates to, its forms).
pub fn read_with(bytes: &[u8], limits: &Limits) -> Result<Warned<Vec<Scheda>>> {
    let mut sheets = open_sheets(bytes, limits)?;
    let mut read = match sheets
        .iter()
        .enumerate()
        .find_map(|(i, s)| many::header_row(s).map(|row| (i, row)))
    {
        Some((at, header)) => many::read(sheets.swap_remove(at), header, limits)?,
        None => form::read(&sheets)?,
    };
    read.value.iter_mut().for_each(with_form_precision);
    Ok(read)
}

/// A workbook opened to be read one form at a time ([`open`]).
pub enum Workbook {
    /// A form workbook: its one form.
    Form(Box<Warned<Scheda>>),
    /// A multi-Comune workbook: its rows, read as they are asked for.
    Rows(Rows),
}

/// The forms of a multi-Comune workbook, one row at a time: a row that is
/// wrong is an error of its own, and the rows after it are still read. The
/// workbook's cells stay in memory; each form is made when it is asked for.
pub struct Rows(many::Many);

/// One row of a multi-Comune workbook.
#[derive(Debug)]
pub struct Row {
    /// The row's number as a spreadsheet shows it (1-based).
    pub number: u32,
    /// Its form, or the errors naming its cells.
    pub read: Result<Warned<Scheda>>,
}

impl Rows {
    /// The name of the sheet the forms are read from.
    pub fn sheet(&self) -> &str {
        self.0.sheet_name()
    }

    /// How many forms are left: the rows that are not blank (a row that is
    /// wrong counts as a form).
    pub fn left(&self) -> usize {
        self.0.forms_left()
    }
}

impl Iterator for Rows {
    type Item = Row;

    fn next(&mut self) -> Option<Row> {
        let (row, read) = self.0.next_row()?;
        Some(Row {
            number: row + 1,
            read: read.map(|mut w| {
                with_form_precision(&mut w.value);
                w
            }),
        })
    }
}

/// Open a workbook to read its forms one at a time: a multi-Comune
/// workbook's header is checked now and its rows when they are read
/// ([`Rows`]); a form workbook is read whole. [`read`] reads every form at
/// once, and fails when one row is wrong.
pub fn open(bytes: &[u8]) -> Result<Workbook> {
    open_with(bytes, &Limits::default())
}

/// [`open`] within `limits`.
pub fn open_with(bytes: &[u8], limits: &Limits) -> Result<Workbook> {
    let mut sheets = open_sheets(bytes, limits)?;
    match sheets
        .iter()
        .enumerate()
        .find_map(|(i, s)| many::header_row(s).map(|row| (i, row)))
    {
        Some((at, header)) => Ok(Workbook::Rows(Rows(many::Many::open(
            sheets.swap_remove(at),
            header,
            limits,
        )?))),
        None => {
            let mut read = form::read(&sheets)?;
            // A form workbook holds one form.
            let form = read
                .value
                .pop()
                .ok_or_else(|| Error::msg("no form found in the workbook"))?;
            let mut w = Warned {
                value: form,
                warnings: read.warnings,
            };
            with_form_precision(&mut w.value);
            Ok(Workbook::Form(Box::new(w)))
        }
    }
}

/// A spreadsheet number keeps no printed precision: the means and the
/// service levels are read with at least the form's two decimals (`65`
/// in a cell is the form's `65,00`; `33,629149` keeps its six).
fn with_form_precision(s: &mut Scheda) {
    use crate::form::Tipo;
    use crate::model::Valore;
    let ed = s.edizione.description();
    for (_, r) in ed.righe() {
        for c in &r.colonne {
            if !matches!(c.tipo, Tipo::Media | Tipo::Percentuale) {
                continue;
            }
            let campo = c.campo.as_deref();
            if let Some(Valore::Decimale(d)) = s.valore(&r.codice, campo) {
                let padded = Valore::Decimale(crate::number::pad_places(d, 2));
                // The field holds a decimal already: storing one cannot fail.
                let _ = s.set_valore(&r.codice, campo, Some(padded));
            }
        }
    }
}

/// Most parts (files) in a workbook's archive.
const MAX_PARTS: usize = 10_000;

/// Refuse a workbook whose archive inflates past `max` bytes
/// ([`Limits::xlsx_inflated`]: a form's workbook inflates to a few hundred
/// kilobytes, a multi-Comune workbook of 8,000 Comuni to some tens of
/// megabytes; more is a zip bomb), before calamine reads it: the sizes the
/// archive declares are checked first, then each part is inflated into
/// nothing, counting, so that a part lying about its size is stopped as
/// soon as it passes the limit. Memory stays bounded whatever the archive
/// says.
fn guard_inflation(bytes: &[u8], max: u64) -> Result<()> {
    let refused = |what: String| {
        Error::new(
            Diagnostic::error(format!(
                "the workbook inflates to more than {} ({what}); scheda does not read it",
                limits::size_text(max)
            ))
            .with_hint(
                "a form's workbook inflates to a few megabytes: this one is damaged, built to \
                 exhaust memory (a zip bomb), or not a workbook of forms \
                 (`--limit xlsx-inflated=SIZE` raises the limit)",
            ),
        )
    };
    // Not a readable archive: calamine says so in its own words.
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    if archive.len() > MAX_PARTS {
        return Err(refused(format!("{} parts", archive.len())));
    }
    let mut declared = 0u64;
    for i in 0..archive.len() {
        if let Ok(part) = archive.by_index_raw(i) {
            declared = declared.saturating_add(part.size());
        }
    }
    if declared > max {
        return Err(refused(format!(
            "its parts declare {}",
            limits::size_text(declared)
        )));
    }
    let mut inflated = 0u64;
    for i in 0..archive.len() {
        let Ok(part) = archive.by_index(i) else {
            continue;
        };
        let name = part.name().map(|n| n.to_string()).unwrap_or_default();
        let left = max - inflated;
        let mut limited = std::io::Read::take(part, left + 1);
        let n = std::io::copy(&mut limited, &mut std::io::sink()).unwrap_or(0);
        inflated += n;
        if n > left {
            return Err(refused(format!("`{name}` passes the limit")));
        }
    }
    Ok(())
}

/// Every worksheet of the workbook, values and formulas.
fn open_sheets(bytes: &[u8], limits: &Limits) -> Result<Vec<Sheet>> {
    guard_inflation(bytes, limits.xlsx_inflated)?;
    // calamine may panic on a damaged workbook where it does arithmetic on
    // the file's numbers (a `dimension` whose end comes before its start
    // overflows in a build with overflow checks: found by the `xlsx` fuzz
    // target). Such a workbook is an error, never a crash.
    let mut sheets = std::panic::catch_unwind(|| calamine_sheets(bytes)).unwrap_or_else(|_| {
        Err(Error::new(
            Diagnostic::error("failed to open the workbook (it is damaged)")
                .with_hint("open it in Excel or LibreOffice and save it again as .xlsx"),
        ))
    })?;
    formula::compute_missing(&mut sheets);
    Ok(sheets)
}

/// Every worksheet of the workbook, by calamine.
fn calamine_sheets(bytes: &[u8]) -> Result<Vec<Sheet>> {
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| {
        Error::new(
            Diagnostic::error(format!("failed to open the workbook ({e})"))
                .with_hint("scheda reads Excel workbooks (.xlsx); save the file in that format"),
        )
    })?;
    let names = workbook.sheet_names();
    let mut sheets = Vec::with_capacity(names.len());
    for name in names {
        let failed = |e: calamine::XlsxError| {
            Error::new(Diagnostic::error(format!(
                "failed to read sheet \"{name}\" ({e})"
            )))
        };
        let values = workbook.worksheet_range(&name).map_err(failed)?;
        let formulas = workbook.worksheet_formula(&name).map_err(failed)?;
        sheets.push(Sheet::new(name, values, formulas));
    }
    Ok(sheets)
}
