//! The header block of a form laid out by people: the Comune's data as the
//! form prints it above Quadro 1 (`Comune`/`Denominazione`, `Provincia`,
//! `Codice indentificativo`, `Data ultima modifica`), each label in a cell
//! of its own with the value beside it (the next filled cell of the row) or
//! under it, or in the same cell after a colon (`Comune: SONDRIO`).
//!
//! The lines after the last row code (the SOC25 form prints its `Data` at
//! the foot) fill the fields the header block leaves blank.
//!
//! Labels are the words the ATS tables know for the Comune's data
//! ([`super::ats::plain_field`]); they are looked for above the first row
//! code of a sheet and above its first table header (`Codice |
//! Descrizione`), so that a table's own `Codice` is not taken for one.

use super::ats::plain_field;
use super::cells::{Cell, Sheet, fold, from_serial};
use super::locate::Found;
use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::form::CampoEnte;
use crate::messages::{Message, kind as k};
use crate::model::Edizione;
use crate::model::paths::Campo;
use crate::model::{DataOra, Ente};

/// How many rows of a sheet without row codes are looked at.
const ROWS_WITHOUT_CODES: u32 = 40;
/// How many rows after the last row code are looked at (the foot).
const FOOTER_ROWS: u32 = 20;
/// How far right of its label a value may be.
const VALUE_SPAN: u32 = 6;

/// The field of the Comune's data a label names, if one; `editions` are
/// those the form may be of.
fn of_label(text: &str, editions: &[Edizione]) -> Option<CampoEnte> {
    let label = text.trim().trim_end_matches([':', '.', ' ']);
    if label.is_empty() || label.len() > 40 {
        return None;
    }
    match plain_field(label, editions)?.campo {
        Campo::Ente(field) => Some(field),
        _ => None,
    }
}

/// The Comune's data read from the header block, and the cell of each
/// field (JSON pointer, cell).
#[derive(Default)]
pub(super) struct Block {
    pub(super) ente: Ente,
    pub(super) cells: Vec<(String, Location)>,
    pub(super) warnings: Vec<Diagnostic>,
    /// The editions the form may be of, for the labels.
    editions: Vec<Edizione>,
}

/// Read the header block from every sheet but `skip` (scheda's `Ente`
/// sheet); the first value found for a field wins. The labels are those of
/// `editions`.
pub(super) fn read(
    sheets: &[Sheet],
    skip: Option<usize>,
    found: &[Found],
    editions: &[Edizione],
) -> Block {
    let mut block = Block {
        editions: editions.to_vec(),
        ..Block::default()
    };
    let sheets_read = || {
        sheets
            .iter()
            .enumerate()
            .filter(move |(i, _)| Some(*i) != skip)
    };
    let codes = |i: usize| found.iter().filter(move |f| f.sheet == i).map(|f| f.row);
    for (i, sheet) in sheets_read() {
        let end = codes(i)
            .min()
            .unwrap_or_else(|| sheet.rows().start + ROWS_WITHOUT_CODES);
        for row in sheet.rows().take_while(|r| *r < end) {
            if is_table_header(sheet, row) {
                break;
            }
            block.row(sheet, row);
        }
    }
    // The SOC25 form prints its date at the foot: the lines after the last
    // row code, for the fields the header block left blank.
    for (i, sheet) in sheets_read() {
        let Some(last) = codes(i).max() else {
            continue;
        };
        for row in (last + 1..sheet.rows().end).take(FOOTER_ROWS as usize) {
            if !is_table_header(sheet, row) {
                block.row(sheet, row);
            }
        }
    }
    if block.ente.provincia.is_none()
        && let Some(name) = &block.ente.denominazione
        && let Some((name, prov)) = split_provincia(name)
    {
        block.ente.provincia = Some(prov);
        block.ente.denominazione = Some(name);
    }
    block
}

impl Block {
    /// Read the labels of a row.
    fn row(&mut self, sheet: &Sheet, row: u32) {
        for col in 0..sheet.width() {
            if let Some(text) = sheet.text(row, col) {
                self.label(sheet, row, col, text);
            }
        }
    }

    /// Read the field labelled by the cell (`row`, `col`), if it is a label.
    fn label(&mut self, sheet: &Sheet, row: u32, col: u32, text: &str) {
        if let Some(field) = of_label(text, &self.editions) {
            if self.has(field) {
                return;
            }
            if let Some((r, c)) = value_cell(sheet, row, col, &self.editions) {
                self.set(field, sheet, r, c, &sheet.get(r, c));
            }
        } else if let Some((label, value)) = text.split_once(':')
            && let Some(field) = of_label(label, &self.editions)
            && !value.trim().is_empty()
            && !self.has(field)
        {
            self.set(field, sheet, row, col, &Cell::Text(value.trim()));
        }
    }

    fn has(&self, field: CampoEnte) -> bool {
        let e = &self.ente;
        match field {
            CampoEnte::Denominazione => e.denominazione.is_some(),
            CampoEnte::Provincia => e.provincia.is_some(),
            CampoEnte::Codice => e.codice.is_some(),
            CampoEnte::Data => e.data.is_some(),
        }
    }

    fn set(&mut self, field: CampoEnte, sheet: &Sheet, row: u32, col: u32, cell: &Cell) {
        let text = || match cell {
            Cell::Text(t) => Some(t.trim().to_string()),
            Cell::Number(d) => Some(d.normalize().to_string()),
            _ => None,
        };
        let e = &mut self.ente;
        match field {
            CampoEnte::Denominazione => e.denominazione = text(),
            CampoEnte::Provincia => e.provincia = text().map(|p| p.to_uppercase()),
            CampoEnte::Codice => e.codice = text(),
            CampoEnte::Data => {
                e.data = date(cell);
                if e.data.is_none() {
                    let message = Message::new(k::HEADER_DATE_IGNORED, [("found", cell.shown())]);
                    self.warnings.push(
                        Diagnostic::coded(Severity::Warning, message, None).at(sheet.at(row, col)),
                    );
                    return;
                }
            }
        }
        if self.has(field) {
            self.cells
                .push((field.intestazione().pointer(), sheet.at(row, col)));
        }
    }
}

/// The cell holding the value of the label at (`row`, `col`): the next
/// filled cell to its right, else the cell under it; never another label.
fn value_cell(sheet: &Sheet, row: u32, col: u32, editions: &[Edizione]) -> Option<(u32, u32)> {
    let is_value = |r: u32, c: u32| {
        let cell = sheet.get(r, c);
        !cell.is_blank() && !matches!(cell, Cell::Text(t) if of_label(t, editions).is_some())
    };
    let beside = (col + 1..col + 1 + VALUE_SPAN)
        .take_while(|&c| c < sheet.width())
        .find(|&c| !sheet.get(row, c).is_blank());
    match beside {
        Some(c) if is_value(row, c) => Some((row, c)),
        _ => is_value(row + 1, col).then_some((row + 1, col)),
    }
}

/// Whether a row is the header of a table of the form (`Codice |
/// Descrizione | ...`): where the header block ends.
fn is_table_header(sheet: &Sheet, row: u32) -> bool {
    let folded: Vec<String> = (0..sheet.width())
        .filter_map(|c| sheet.text(row, c).map(fold))
        .collect();
    let has = |p: &str| folded.iter().any(|t| t.starts_with(p));
    has("codice") && has("descrizion")
}

/// A date of the header block: a date cell, a serial number, `dd/mm/yyyy
/// [hh:mm[:ss]]` or ISO `yyyy-mm-ddThh:mm`.
fn date(cell: &Cell) -> Option<DataOra> {
    match cell {
        Cell::Date(serial) => from_serial(*serial),
        // 2000-01-01 .. 2100-01-01 as serials.
        Cell::Number(d) => {
            let serial = f64::try_from(*d).ok()?;
            (36_526.0..73_051.0)
                .contains(&serial)
                .then(|| from_serial(serial))?
        }
        Cell::Text(t) => {
            let t = t.trim();
            DataOra::parse_it(t)
                .or_else(|| t.parse().ok())
                .or_else(|| {
                    // Seconds (`11:18:00`) are more than the form keeps.
                    let (head, secs) = t.rsplit_once(':')?;
                    (head.contains(':') && secs.len() == 2 && secs.parse::<u8>().is_ok())
                        .then(|| DataOra::parse_it(head))?
                })
                .or_else(|| t.get(..16).and_then(|iso| iso.parse().ok()))
        }
        _ => None,
    }
}

/// `SONDRIO (SO)` -> (`SONDRIO`, `SO`), as the IFEL page prints a Comune.
fn split_provincia(name: &str) -> Option<(String, String)> {
    let inner = name.trim().strip_suffix(')')?;
    let (name, prov) = inner.rsplit_once('(')?;
    let prov = prov.trim();
    (prov.len() == 2 && prov.chars().all(|c| c.is_ascii_alphabetic()) && !name.trim().is_empty())
        .then(|| (name.trim().to_string(), prov.to_ascii_uppercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_in_peoples_words() {
        for (label, field) in [
            ("Comune", Some(CampoEnte::Denominazione)),
            ("Denominazione:", Some(CampoEnte::Denominazione)),
            ("Ente", Some(CampoEnte::Denominazione)),
            ("PROVINCIA", Some(CampoEnte::Provincia)),
            ("Codice indentificativo", Some(CampoEnte::Codice)),
            ("Codice ente", Some(CampoEnte::Codice)),
            ("Data ultima modifica", Some(CampoEnte::Data)),
            ("Data", Some(CampoEnte::Data)),
            ("Informazioni relative al Comune", None),
            ("Descrizione", None),
        ] {
            assert!(
                of_label(label, crate::templates::Templates::builtin().editions()) == field,
                "{label}"
            );
        }
    }

    #[test]
    fn dates_as_people_type_them() {
        let want = DataOra::parse_it("25/03/2025 11:18");
        assert!(want.is_some());
        for cell in [
            Cell::Text("25/03/2025 11:18"),
            Cell::Text("25/03/2025 11:18:00"),
            Cell::Text("2025-03-25T11:18"),
            Cell::Text("2025-03-25T11:18:00"),
        ] {
            assert_eq!(date(&cell), want, "{cell:?}");
        }
        assert_eq!(date(&Cell::Text("ieri")), None);
        assert_eq!(date(&Cell::Number(rust_decimal::Decimal::from(7))), None);
    }

    #[test]
    fn a_comune_with_its_provincia() {
        assert_eq!(
            split_provincia("SONDRIO (SO)"),
            Some(("SONDRIO".into(), "SO".into()))
        );
        assert_eq!(split_provincia("SONDRIO"), None);
        assert_eq!(split_provincia("(SO)"), None);
    }
}
