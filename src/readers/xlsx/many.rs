//! Reading a multi-Comune workbook: a header row of field paths
//! (`edizione`, `quadro1.M12.utenti`, ...) and one form per row below it.
//!
//! The columns are the fields of the known editions' descriptions
//! ([`crate::model::paths`]): what a column takes (text, whole number,
//! decimal, SI/NO, date) is its field's kind. Each row is read into an
//! empty form of its edition, field by field, then checked as any model.

use crate::limits::{self, Limits};
use std::collections::BTreeMap;

use super::cells::{Conv, Sheet, fold};
use super::form::refused;
use super::locate::editions;
use crate::diagnostic::{Diagnostic, Error, Location, Result, Warned};
use crate::model::paths::{self, Campo, Kind, Path};
use crate::model::{Edizione, Scheda, Valore};

/// The header row of a multi-Comune sheet, if `sheet` is one: its first
/// row holds `edizione` and paths such as `quadro1.M12.utenti`.
pub(super) fn header_row(sheet: &Sheet) -> Option<u32> {
    let row = sheet.rows().next()?;
    let texts: Vec<String> = (0..sheet.width())
        .filter_map(|col| sheet.text(row, col).map(fold))
        .collect();
    let has_edizione = texts.iter().any(|t| t == "edizione");
    let has_paths = texts
        .iter()
        .any(|t| t.starts_with("quadro") && t.contains('.'));
    (has_edizione && has_paths).then_some(row)
}

/// The forms of a multi-Comune sheet, read one row at a time
/// ([`super::Rows`]): the header's columns are checked when the sheet is
/// opened, each row when it is read.
pub(super) struct Many {
    sheet: Sheet,
    columns: Vec<(u32, Path)>,
    /// The next row to read (0-based, absolute) and the end of the sheet.
    next: u32,
    end: u32,
    /// The rows left that hold a form (are not blank).
    forms_left: usize,
}

impl Many {
    /// Open `sheet`, whose header row is `header`: an error for an unknown
    /// or repeated column, or a sheet with no form below its header.
    pub(super) fn open(sheet: Sheet, header: u32, limits: &Limits) -> Result<Many> {
        let mut errors = Vec::new();
        let mut columns: Vec<(u32, Path)> = Vec::new();
        for col in 0..sheet.width() {
            let Some(text) = sheet.text(header, col).map(str::trim) else {
                continue;
            };
            if text.is_empty() {
                continue;
            }
            match paths::find(text) {
                Some(path) if columns.iter().any(|(_, p)| p.path == path.path) => {
                    errors.push(
                        Diagnostic::error(format!("column `{}` appears twice", path.path))
                            .at(sheet.at(header, col)),
                    );
                }
                Some(path) => columns.push((col, path)),
                None => errors.push(
                    Diagnostic::error(format!("unknown field `{text}` in the header row"))
                        .at(sheet.at(header, col))
                        .with_hint(
                            "the header row holds the model's field paths, such as `edizione` or \
                             `quadro1.M12.utenti` (see docs/model.md)",
                        ),
                ),
            }
        }
        if !errors.is_empty() {
            return Err(Error::many(errors));
        }
        let rows = sheet.rows();
        let mut many = Many {
            next: header + 1,
            end: rows.end,
            sheet,
            columns,
            forms_left: 0,
        };
        many.forms_left = (many.next..many.end)
            .filter(|&row| !many.is_blank(row))
            .count();
        if many.forms_left > limits.forms {
            return Err(Error::new(
                limits::exceeded(
                    format!(
                        "sheet \"{}\" holds {} forms",
                        many.sheet.name, many.forms_left
                    ),
                    "forms",
                    format!("{} forms from one workbook", limits.forms),
                )
                .at(many.sheet.at(header + 1, 0)),
            ));
        }
        if many.forms_left == 0 {
            return Err(Error::new(
                Diagnostic::error(format!(
                    "no forms below the header row of sheet \"{}\"",
                    many.sheet.name
                ))
                .at(many.sheet.at(header + 1, 0))
                .with_hint("write one form per row, below the row of field paths"),
            ));
        }
        Ok(many)
    }

    /// The sheet's name.
    pub(super) fn sheet_name(&self) -> &str {
        &self.sheet.name
    }

    /// How many rows are left that hold a form.
    pub(super) fn forms_left(&self) -> usize {
        self.forms_left
    }

    /// Whether `row` holds nothing in the form's columns.
    fn is_blank(&self, row: u32) -> bool {
        self.columns.iter().all(|(col, _)| {
            self.sheet.get(row, *col).is_blank() && !self.sheet.has_formula(row, *col)
        })
    }

    /// The next row that holds a form: its 0-based number and the form, or
    /// the errors that name its cells (with the warnings gathered so far).
    pub(super) fn next_row(&mut self) -> Option<(u32, Result<Warned<Scheda>>)> {
        while self.next < self.end {
            let row = self.next;
            self.next += 1;
            if self.is_blank(row) {
                continue;
            }
            self.forms_left = self.forms_left.saturating_sub(1);
            let mut conv = Conv::default();
            let read = match read_row(&self.sheet, row, &self.columns, &mut conv) {
                Some(s) if conv.errors.is_empty() => Ok(Warned {
                    value: s,
                    warnings: conv.warnings,
                }),
                _ => Err(Error::many(conv.errors).with_warnings(conv.warnings)),
            };
            return Some((row, read));
        }
        None
    }
}

/// Read every form of a multi-Comune sheet whose header is in `header`: all
/// of them, or the errors of every row that is wrong.
pub(super) fn read(sheet: Sheet, header: u32, limits: &Limits) -> Result<Warned<Vec<Scheda>>> {
    let mut many = Many::open(sheet, header, limits)?;
    let (mut schede, mut errors, mut warnings) = (Vec::new(), Vec::new(), Vec::new());
    while let Some((_, read)) = many.next_row() {
        match read {
            Ok(mut w) => {
                schede.push(w.value);
                warnings.append(&mut w.warnings);
            }
            Err(e) => {
                for d in e.diagnostics {
                    if d.is_error() {
                        errors.push(d);
                    } else {
                        warnings.push(d);
                    }
                }
            }
        }
    }
    if !errors.is_empty() {
        return Err(Error::many(errors).with_warnings(warnings));
    }
    Ok(Warned {
        value: schede,
        warnings,
    })
}

/// One form from one row; `None` (with errors in `conv`) when it is wrong.
fn read_row(sheet: &Sheet, row: u32, columns: &[(u32, Path)], conv: &mut Conv) -> Option<Scheda> {
    let errors_before = conv.errors.len();
    let mut values: Vec<(&Path, u32, Valore)> = Vec::new();
    let mut cells: BTreeMap<String, Location> = BTreeMap::new();
    for (col, path) in columns {
        let col = *col;
        let what = path.path.as_str();
        cells.insert(path.pointer(), sheet.at(row, col));
        conv.derived = super::derived::pointer_if_derived(path);
        let value = match path.kind {
            Kind::Text => conv.text(sheet, row, col, what).map(Valore::Testo),
            Kind::DateTime => conv
                .date(sheet, row, col, what)
                .map(|d| Valore::Testo(d.to_string())),
            Kind::Integer => conv.whole(sheet, row, col, what).map(Valore::Intero),
            Kind::Decimal => conv.decimal(sheet, row, col, what).map(Valore::Decimale),
            Kind::Bool => conv.yes_no(sheet, row, col, what).map(Valore::SiNo),
        };
        conv.derived = None;
        if let Some(value) = value {
            values.push((path, col, value));
        }
    }
    let edizione = values.iter().find_map(|(p, _, v)| match (&p.campo, v) {
        (Campo::Edizione, Valore::Testo(t)) => Some(t),
        _ => None,
    });
    let edizione = match edizione.map(|t| (t, t.parse::<Edizione>())) {
        Some((_, Ok(ed))) => ed,
        other => {
            let found = match other {
                Some((t, _)) => serde_json::Value::String(t.clone()).to_string(),
                None => "an empty cell".into(),
            };
            let at = cells
                .get("/edizione")
                .cloned()
                .unwrap_or_else(|| sheet.at(row, 0));
            conv.errors.push(
                Diagnostic::error(format!("edizione: expected {}, found {found}", editions()))
                    .at(at),
            );
            return None;
        }
    };
    if conv.errors.len() > errors_before {
        return None;
    }
    let mut scheda = Scheda::empty(edizione);
    let desc = edizione.description();
    for (path, col, value) in values {
        // A row that neither this edition nor the model has a field for.
        if let Campo::Riga { codice, .. } = &path.campo
            && desc.riga(codice).is_none()
            && !Scheda::is_typed_row(codice)
        {
            let having: Vec<&str> = Edizione::known()
                .into_iter()
                .filter(|e| e.description().riga(codice).is_some())
                .map(Edizione::code)
                .collect();
            conv.errors.push(
                Diagnostic::error(format!(
                    "{codice} exists only in {}, not in {edizione}",
                    having.join(", ")
                ))
                .at(sheet.at(row, col)),
            );
            continue;
        }
        if let Err(e) = paths::set(&mut scheda, &path.campo, Some(value)) {
            conv.errors.push(
                Diagnostic::error(format!("{}: {}", path.path, refused(&e))).at(sheet.at(row, col)),
            );
        }
    }
    if conv.errors.len() > errors_before {
        return None;
    }
    super::derived::settle(conv, &mut scheda, &[]);
    let mut valid = true;
    for mut d in scheda.validate() {
        if let Some(Location::Pointer { pointer }) = &d.location {
            d.location =
                Some(super::form::cell_of(&cells, pointer).unwrap_or_else(|| sheet.at(row, 0)));
        }
        if d.is_error() {
            valid = false;
            conv.errors.push(d);
        } else {
            conv.warnings.push(d);
        }
    }
    valid.then_some(scheda)
}
