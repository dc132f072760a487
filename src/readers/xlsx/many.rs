//! Reading a multi-Comune workbook: a header row of field paths
//! (`edizione`, `quadro1.M12.utenti`, ...) or of headers in people's words
//! (`Comune`, `M12 Utenti 2024`, [`super::ats`]), below any title lines,
//! and one form per row below it. The edition of a row is its `edizione`
//! cell; without that column, the one edition whose columns the headers
//! name (their years), else the one the title lines name, else the one
//! given (`--edition`).
//!
//! The columns are the fields of the known editions' descriptions
//! ([`crate::model::paths`]): what a column takes (text, whole number,
//! decimal, SI/NO, date) is its field's kind. Each row is read into an
//! empty form of its edition, field by field, then checked as any model.

use crate::limits::{self, Limits};
use std::collections::BTreeMap;

use super::ats;
use super::cells::{Conv, Sheet, fold};
use super::form::refused;
use super::locate::{editions as editions_arg, list};
use crate::diagnostic::{Diagnostic, Error, Location, Result, Severity, Warned};
use crate::messages::{Arg, Message, kind as k};
use crate::model::paths::{self, Campo, Kind, Path};
use crate::model::{Edizione, Scheda, Valore};

/// Rows of title lines looked through for a header row.
const TITLE_ROWS: u32 = 30;

/// The longest header text taken for a column's header.
const HEADER_CHARS: usize = 120;

/// The header row of a multi-Comune sheet, if `sheet` is one: a row among
/// the first that holds `edizione` and paths such as `quadro1.M12.utenti`,
/// or a table's header: three cells or more, one naming the Comune and one
/// naming a row's column in some edition (`M12 Utenti 2024`). A form's
/// key and value (`Denominazione`, the Comune's name) is no header. The
/// fields are those of `editions`.
pub(super) fn header_row(sheet: &Sheet, editions: &[Edizione]) -> Option<u32> {
    let rows = sheet.rows();
    let known = ats::known_codes(editions);
    let names_field = |t: &str| {
        t.chars().count() <= HEADER_CHARS
            && !ats::codes_in(t, &known).is_empty()
            && editions.iter().any(|&ed| {
                ats::field(t, ed, &known).is_ok_and(|p| {
                    matches!(
                        p.campo,
                        Campo::Riga { .. } | Campo::Risposta(_) | Campo::Relazione
                    )
                })
            })
    };
    (rows.start..rows.end.min(rows.start.saturating_add(TITLE_ROWS))).find(|&row| {
        let texts: Vec<&str> = (0..sheet.width())
            .filter_map(|col| sheet.text(row, col))
            .filter(|t| !t.trim().is_empty())
            .collect();
        let has_edizione = texts.iter().any(|t| fold(t) == "edizione");
        let has_paths = texts.iter().any(|t| {
            let t = fold(t);
            t.starts_with("quadro") && t.contains('.')
        });
        (has_edizione && has_paths)
            || (texts.len() >= 3
                && texts.iter().any(|t| ats::names_comune(t, editions))
                && texts.iter().any(|t| names_field(t)))
    })
}

/// The header texts of a sheet's header row, by column.
fn header_texts(sheet: &Sheet, header: u32) -> Vec<(u32, &str)> {
    (0..sheet.width())
        .filter_map(|col| {
            let text = sheet.text(header, col)?.trim();
            (!text.is_empty()).then_some((col, text))
        })
        .collect()
}

/// The columns a header row names in edition `ed`: the fields, the errors
/// naming the cells, and the warnings for columns that name nothing.
fn columns_of(sheet: &Sheet, header: u32, ed: Edizione) -> Named {
    let editions: Vec<Edizione> = ed.known_with().collect();
    let known = ats::known_codes(&editions);
    let (mut columns, mut errors, mut warnings): (Vec<(u32, Path)>, _, _) =
        (Vec::new(), Vec::new(), Vec::new());
    // Headers that could name several columns of a row, for when the
    // other headers have named all of them but one.
    let mut several = Vec::new();
    for (col, text) in header_texts(sheet, header) {
        match ats::field(text, ed, &known) {
            Err(ats::Miss::Several(message, paths)) => several.push((col, message, paths)),
            Ok(path) if columns.iter().any(|(_, p)| p.path == path.path) => {
                let column = path.path.as_str().into();
                let message = Message::new(k::COLUMN_TWICE, [("column", column)]);
                errors.push(
                    Diagnostic::coded(Severity::Error, message, None).at(sheet.at(header, col)),
                );
            }
            Ok(path) => columns.push((col, path)),
            Err(ats::Miss::Wrong(message)) => {
                errors.push(header_error(message).at(sheet.at(header, col)))
            }
            Err(ats::Miss::Nothing) if looks_like_path(text) => errors.push(
                Diagnostic::coded(
                    Severity::Error,
                    Message::new(k::UNKNOWN_FIELD_PATH, [("column", text.into())]),
                    Some(Message::new(k::UNKNOWN_FIELD_PATH_HINT, [])),
                )
                .at(sheet.at(header, col)),
            ),
            Err(ats::Miss::Nothing) => warnings.push(
                Diagnostic::coded(
                    Severity::Warning,
                    Message::new(k::COLUMN_IGNORED, [("column", text.into())]),
                    None,
                )
                .at(sheet.at(header, col)),
            ),
        }
    }
    loop {
        let before = several.len();
        several.retain(|(col, _, paths)| {
            let left: Vec<&Path> = paths
                .iter()
                .filter(|p| !columns.iter().any(|(_, q)| q.path == p.path))
                .collect();
            match left.as_slice() {
                [one] => {
                    columns.push((*col, (*one).clone()));
                    false
                }
                _ => true,
            }
        });
        if several.len() == before {
            break;
        }
    }
    for (col, message, _) in several {
        errors.push(header_error(message).at(sheet.at(header, col)));
    }
    Named {
        columns,
        errors,
        warnings,
    }
}

/// The columns a header row names in one edition.
#[derive(Clone)]
struct Named {
    /// The fields, by column.
    columns: Vec<(u32, Path)>,
    /// The headers that name a row but none of its columns.
    errors: Vec<Diagnostic>,
    /// The headers that name nothing.
    warnings: Vec<Diagnostic>,
}

/// The error of a header that names a row but not one of its columns.
fn header_error(message: Message) -> Diagnostic {
    let hint = Message::new(k::HEADER_HINT, []);
    Diagnostic::coded(Severity::Error, message, Some(hint))
}

/// Whether a header is written as a field path (`quadro1.X`, `ente.x`).
fn looks_like_path(text: &str) -> bool {
    let t = fold(text);
    t.contains('.') && (t.starts_with("quadro") || t.starts_with("ente"))
}

/// The edition of the rows of a sheet without an `edizione` column, and
/// the columns its header names in it: the one edition whose columns the
/// headers name, else the one the title lines name, else `hint`: one of
/// `editions`.
fn decide(
    sheet: &Sheet,
    header: u32,
    editions: &[Edizione],
    hint: Option<Edizione>,
) -> Result<(Edizione, Named)> {
    let tried: Vec<(Edizione, Named)> = editions
        .iter()
        .map(|&ed| (ed, columns_of(sheet, header, ed)))
        .collect();
    let fitting: Vec<&(Edizione, Named)> =
        tried.iter().filter(|(_, n)| n.errors.is_empty()).collect();
    let titles: Vec<String> = (sheet.rows().start..header)
        .flat_map(|row| (0..sheet.width()).filter_map(move |col| sheet.text(row, col)))
        .map(str::to_string)
        .collect();
    let titled = ats::editions_in_titles(&titles, editions);
    let chosen = match fitting.as_slice() {
        [] => None,
        [one] => Some(*one),
        several => {
            let named: Vec<_> = several
                .iter()
                .filter(|(ed, _)| titled.contains(ed))
                .collect();
            match named.as_slice() {
                [one] => Some(**one),
                _ => several.iter().find(|(ed, _)| Some(*ed) == hint).copied(),
            }
        }
    };
    if let Some((ed, named)) = chosen {
        return Ok((*ed, named.clone()));
    }
    if fitting.is_empty() {
        // The errors of the edition given, else of the one the headers'
        // years point to (the fewest errors, its reporting year named).
        let named_years: Vec<String> = header_texts(sheet, header)
            .iter()
            .map(|(_, t)| t.to_string())
            .collect();
        let pointed = ats::editions_in_titles(&named_years, editions);
        let shown = tried.iter().find(|(ed, _)| Some(*ed) == hint).or_else(|| {
            tried
                .iter()
                .min_by_key(|(ed, n)| (n.errors.len(), !pointed.contains(ed)))
        });
        let errors = shown.map(|(_, n)| n.errors.clone()).unwrap_or_default();
        return Err(Error::many(errors));
    }
    let codes: Vec<&str> = fitting.iter().map(|(ed, _)| ed.code()).collect();
    let message = Message::new(
        k::FORMS_EDITION_UNKNOWN,
        [("editions", list(&codes, k::AND_LIST))],
    );
    let year = editions.last().map_or(0, |e| e.anno());
    let hint = Message::new(
        k::FORMS_EDITION_UNKNOWN_HINT,
        [
            ("year", year.to_string().into()),
            ("editions", editions_arg(editions)),
        ],
    );
    Err(Error::new(
        Diagnostic::coded(Severity::Error, message, Some(hint)).at(sheet.at(header, 0)),
    ))
}

/// The forms of a multi-Comune sheet, read one row at a time
/// ([`super::Rows`]): the header's columns are checked when the sheet is
/// opened, each row when it is read.
pub(super) struct Many {
    sheet: Sheet,
    columns: Vec<(u32, Path)>,
    /// The edition of rows that do not say (no `edizione` column).
    edizione: Option<Edizione>,
    /// The editions the rows may be of.
    editions: Vec<Edizione>,
    /// Warnings of the whole sheet, given with its first row.
    pending: Vec<Diagnostic>,
    /// The next row to read (0-based, absolute) and the end of the sheet.
    next: u32,
    end: u32,
    /// The rows left that hold a form (are not blank).
    forms_left: usize,
}

impl Many {
    /// Open `sheet`, whose header row is `header`: an error for an unknown
    /// or repeated column, or a sheet with no form below its header.
    /// `hint` is the edition of rows whose table does not say; every row
    /// is of one of `editions`.
    pub(super) fn open(
        sheet: Sheet,
        header: u32,
        limits: &Limits,
        editions: &[Edizione],
        hint: Option<Edizione>,
    ) -> Result<Many> {
        let has_edizione = header_texts(&sheet, header).iter().any(|(_, t)| {
            ats::plain_field(t, editions).is_some_and(|p| p.campo == Campo::Edizione)
        });
        let (edizione, columns, pending) = if has_edizione {
            // The rows say; the headers are read in the first row's edition.
            let first = first_edition(&sheet, header, editions).or(hint);
            let newest = editions.last().copied();
            let Some(ed) = first.or(newest) else {
                let message = Message::new(k::NO_EDITION_KNOWN, []);
                return Err(Error::new(Diagnostic::coded(
                    Severity::Error,
                    message,
                    None,
                )));
            };
            let named = columns_of(&sheet, header, ed);
            if !named.errors.is_empty() {
                return Err(Error::many(named.errors));
            }
            (None, named.columns, named.warnings)
        } else {
            let (ed, named) = decide(&sheet, header, editions, hint)?;
            (Some(ed), named.columns, named.warnings)
        };
        let rows = sheet.rows();
        let mut many = Many {
            next: header + 1,
            end: rows.end,
            sheet,
            columns,
            edizione,
            editions: editions.to_vec(),
            pending,
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
            let sheet = many.sheet.name.as_str().into();
            let message = Message::new(k::NO_FORMS_BELOW_HEADER, [("sheet", sheet)]);
            let hint = Message::new(k::NO_FORMS_BELOW_HEADER_HINT, []);
            return Err(Error::new(
                Diagnostic::coded(Severity::Error, message, Some(hint))
                    .at(many.sheet.at(header + 1, 0)),
            ));
        }
        Ok(many)
    }

    /// Give `warnings` (of the whole file) with the first row read.
    pub(super) fn warn_first(&mut self, mut warnings: Vec<Diagnostic>) {
        warnings.append(&mut self.pending);
        self.pending = warnings;
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
            let mut conv = Conv {
                warnings: std::mem::take(&mut self.pending),
                ..Conv::default()
            };
            let fixed = (self.edizione, self.editions.as_slice());
            let read = match read_row(&self.sheet, row, &self.columns, fixed, &mut conv) {
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

/// The edition (of `editions`) the first row below the header names, if it
/// names one.
fn first_edition(sheet: &Sheet, header: u32, editions: &[Edizione]) -> Option<Edizione> {
    let col = header_texts(sheet, header)
        .into_iter()
        .find(|(_, t)| ats::plain_field(t, editions).is_some_and(|p| p.campo == Campo::Edizione))?
        .0;
    let named = |text: &str| {
        let text = text.trim();
        editions
            .iter()
            .copied()
            .find(|e| e.code().eq_ignore_ascii_case(text))
    };
    (header + 1..sheet.rows().end).find_map(|row| named(sheet.text(row, col)?))
}

/// Read every form of a multi-Comune sheet whose header is in `header`: all
/// of them, or the errors of every row that is wrong.
pub(super) fn read(
    sheet: Sheet,
    header: u32,
    limits: &Limits,
    editions: &[Edizione],
    hint: Option<Edizione>,
) -> Result<Warned<Vec<Scheda>>> {
    let mut many = Many::open(sheet, header, limits, editions, hint)?;
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
/// `fixed`: the edition of rows that do not say, and the editions a row may
/// name.
fn read_row(
    sheet: &Sheet,
    row: u32,
    columns: &[(u32, Path)],
    (fixed, editions): (Option<Edizione>, &[Edizione]),
    conv: &mut Conv,
) -> Option<Scheda> {
    let errors_before = conv.errors.len();
    let mut values: Vec<(&Path, u32, Valore)> = Vec::new();
    let mut cells: BTreeMap<String, Location> = BTreeMap::new();
    for (col, path) in columns {
        let col = *col;
        let what: Arg = path.path.as_str().into();
        let what = &what;
        cells.insert(path.pointer(), sheet.at(row, col));
        conv.derived = super::derived::pointer_if_derived(path, editions);
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
    let named = |t: &String| {
        let code = t.trim();
        editions
            .iter()
            .copied()
            .find(|e| e.code().eq_ignore_ascii_case(code))
            .ok_or(())
    };
    let edizione = match (edizione.map(|t| (t, named(t))), fixed) {
        (Some((_, Ok(ed))), _) | (None, Some(ed)) => ed,
        (other, _) => {
            let found: Arg = match other {
                Some((t, _)) => serde_json::Value::String(t.clone()).to_string().into(),
                None => Message::new(k::FOUND_EMPTY, []).into(),
            };
            let at = cells
                .get("/edizione")
                .cloned()
                .unwrap_or_else(|| sheet.at(row, 0));
            let message = Message::new(
                k::EXPECTED_EDITION,
                [
                    ("what", "edizione".into()),
                    ("editions", editions_arg(editions)),
                    ("found", found),
                ],
            );
            conv.errors
                .push(Diagnostic::coded(Severity::Error, message, None).at(at));
            return None;
        }
    };
    if conv.errors.len() > errors_before {
        return None;
    }
    let mut scheda = Scheda::empty(edizione);
    for (path, col, value) in values {
        if let Err(e) = paths::set(&mut scheda, &path.campo, Some(value)) {
            let what = path.path.as_str().into();
            conv.errors.push(refused(&e, what).at(sheet.at(row, col)));
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
