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
//! through float arithmetic); a formula without a cached result reads as
//! blank, with a warning. A derived field that scheda's writer filled with
//! the computed value because the model left it blank (the `Ente` sheet
//! lists them) reads back blank while its cell still holds that value.
//! Every error names the cell (`Scheda!C12`) and says what was expected.

mod cells;
mod columns;
mod form;
mod locate;
mod many;

use std::io::Cursor;

use calamine::{Reader, Xlsx};

use crate::diagnostic::{Diagnostic, Error, Result, Warned};
use crate::model::Scheda;
use cells::Sheet;

/// Read the forms of a workbook: one for a form workbook, one per row for
/// a multi-Comune workbook.
pub fn read(bytes: &[u8]) -> Result<Warned<Vec<Scheda>>> {
    let sheets = open(bytes)?;
    let mut read = match sheets
        .iter()
        .find_map(|s| many::header_row(s).map(|row| (s, row)))
    {
        Some((sheet, header)) => many::read(sheet, header)?,
        None => form::read(&sheets)?,
    };
    read.value.iter_mut().for_each(with_form_precision);
    Ok(read)
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

/// Every worksheet of the workbook, values and formulas.
fn open(bytes: &[u8]) -> Result<Vec<Sheet>> {
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
