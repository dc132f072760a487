//! The workbook (XLSX) both ways: form workbooks, the blank template, the
//! multi-Comune workbook and the spreadsheets people make (what LibreOffice
//! makes of the workbooks: `libreoffice`).

mod edition;
mod handmade;
mod header_block;
pub(crate) mod models;
mod multi;
mod sheet;

use rust_xlsxwriter::{Workbook, Worksheet};
use scheda::model::Scheda;
use scheda::readers::xlsx as reader;

pub(crate) fn read_one(bytes: &[u8]) -> Scheda {
    let w = reader::read(bytes).unwrap_or_else(|e| panic!("{e}"));
    assert!(w.warnings.is_empty(), "{:?}", w.warnings);
    assert_eq!(w.value.len(), 1);
    w.value.into_iter().next().unwrap()
}

pub(super) fn read_err(bytes: &[u8]) -> String {
    match reader::read(bytes) {
        Ok(w) => panic!("expected an error, read {:?}", w.value),
        Err(e) => e.to_string(),
    }
}

/// The sheets of a workbook as calamine sees them: values (cached results
/// for formulas) and formulas, by A1 name.
pub(crate) struct Opened {
    values: calamine::Range<calamine::Data>,
    formulas: calamine::Range<String>,
}

pub(crate) fn open(bytes: &[u8], sheet: &str) -> Opened {
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> =
        calamine::Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    Opened {
        values: wb.worksheet_range(sheet).unwrap(),
        formulas: wb.worksheet_formula(sheet).unwrap(),
    }
}

impl Opened {
    /// The row (0-based) whose column A holds `code`.
    pub(super) fn row_of(&self, code: &str) -> u32 {
        (0..self.values.height() as u32 + 1)
            .find(|&r| {
                matches!(self.values.get_value((r, 0)), Some(calamine::Data::String(s)) if s == code)
            })
            .unwrap_or_else(|| panic!("no row {code}"))
    }

    pub(crate) fn value(&self, code: &str, col: u32) -> calamine::Data {
        let row = self.row_of(code);
        self.values
            .get_value((row, col))
            .cloned()
            .unwrap_or(calamine::Data::Empty)
    }

    pub(super) fn formula(&self, code: &str, col: u32) -> String {
        let row = self.row_of(code);
        self.formulas
            .get_value((row, col))
            .cloned()
            .unwrap_or_default()
    }

    pub(super) fn text(&self, row: u32, col: u32) -> String {
        match self.values.get_value((row, col)) {
            Some(calamine::Data::String(s)) => s.clone(),
            _ => String::new(),
        }
    }
}

/// A sheet `Comuni` written cell by cell: `rows[0]` is the header.
pub(super) fn sheet_of(name: &str, rows: &[&[&str]]) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(name).unwrap();
    for (r, row) in (0u32..).zip(rows) {
        write_row(ws, r, row);
    }
    wb.save_to_buffer().unwrap()
}

/// Cells from text: a number when it parses as one (`#` forces text).
pub(super) fn write_row(ws: &mut Worksheet, r: u32, row: &[&str]) {
    for (c, v) in (0u16..).zip(row.iter()) {
        if v.is_empty() {
            continue;
        }
        if let Some(text) = v.strip_prefix('#') {
            ws.write_string(r, c, text).unwrap();
        } else if let Ok(n) = v.parse::<f64>() {
            ws.write_number(r, c, n).unwrap();
        } else {
            ws.write_string(r, c, *v).unwrap();
        }
    }
}
