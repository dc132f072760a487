//! Reader for spreadsheets: scheda's own form workbooks and multi-Comune
//! workbooks, and the spreadsheets clerks make themselves, as `.xlsx`,
//! `.xlsm`, `.xls`, `.ods` or `.csv`, told apart by their bytes whatever
//! their name ([`kind`]; a CSV table is one sheet of text cells, [`csv`]).
//!
//! - A *multi-Comune* workbook has a sheet with a header row (below any
//!   title lines) that names the Comune and the fields: the model's field
//!   paths (`edizione`, `quadro1.M12.utenti`, ...) or a row code and a
//!   column in people's words (`M12 Utenti 2024`, [`ats`]); one form per
//!   row below it.
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

mod ats;
mod cells;
mod columns;
mod computed;
mod csv;
mod derived;
mod form;
mod formula;
mod header;
mod kind;
mod locate;
mod many;

use std::io::Cursor;

use calamine::{Ods, Reader, Xls, Xlsb, Xlsx};

use crate::diagnostic::{Diagnostic, Error, Result, Severity, Warned};
use crate::format::Format;
use crate::limits::{self, Limits};
use crate::messages::{Arg, Kind as MessageKind, Message, kind as k};
use crate::model::{Edizione, Scheda};
use crate::readers::partial::{self, Mode, Partial};
use crate::templates::Templates;
use cells::Sheet;
use kind::Kind;

/// Read the forms of a workbook: one for a form workbook, one per row for
/// a multi-Comune workbook; of the built-in editions.
pub fn read(bytes: &[u8]) -> Result<Warned<Vec<Scheda>>> {
    read_with(bytes, &Limits::default(), &Templates::builtin())
}

/// [`read`] within `limits` (what the workbook inflates to, its forms), of
/// the editions of `templates`.
pub fn read_with(
    bytes: &[u8],
    limits: &Limits,
    templates: &Templates,
) -> Result<Warned<Vec<Scheda>>> {
    read_as(bytes, limits, templates, Format::Xlsx, None)
}

/// [`read_with`] of a file named (or said to be) `format`, with the edition
/// of forms whose file does not say (`--edition`). The bytes tell the kind
/// of spreadsheet; the name only lets text that is not clearly a table be
/// read as CSV.
pub fn read_as(
    bytes: &[u8],
    limits: &Limits,
    templates: &Templates,
    format: Format,
    edizione: Option<Edizione>,
) -> Result<Warned<Vec<Scheda>>> {
    partial::whole(read_in(
        bytes,
        limits,
        templates,
        format,
        edizione,
        Mode::Strict,
    )?)
}

/// [`read_as`] in `mode`: a lenient read of a form workbook leaves blank
/// the fields whose cells do not read ([`crate::readers::read_partial`]);
/// a multi-Comune workbook is read strictly.
pub(crate) fn read_in(
    bytes: &[u8],
    limits: &Limits,
    templates: &Templates,
    format: Format,
    edizione: Option<Edizione>,
    mode: Mode,
) -> Result<Warned<Vec<Partial>>> {
    let Warned {
        value: mut sheets,
        mut warnings,
    } = open_sheets(bytes, limits, format == Format::Csv)?;
    let editions = templates.editions();
    let read = match sheets
        .iter()
        .enumerate()
        .find_map(|(i, s)| many::header_row(s, editions).map(|row| (i, row)))
    {
        Some((at, header)) => {
            many::read(sheets.swap_remove(at), header, limits, editions, edizione)
                .map(|w| w.map(|forms| forms.into_iter().map(Partial::whole).collect()))
        }
        None => form::read(&sheets, templates, edizione, mode).map(|w| w.map(|form| vec![form])),
    };
    let mut read = read.map_err(|e| e.with_warnings(std::mem::take(&mut warnings)))?;
    warnings.append(&mut read.warnings);
    read.warnings = warnings;
    for form in &mut read.value {
        with_form_precision(&mut form.scheda);
    }
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
pub struct Rows(Box<many::Many>);

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
///
/// The forms are of the built-in editions.
pub fn open(bytes: &[u8]) -> Result<Workbook> {
    open_with(bytes, &Limits::default(), &Templates::builtin())
}

/// [`open`] within `limits`, of the editions of `templates`.
pub fn open_with(bytes: &[u8], limits: &Limits, templates: &Templates) -> Result<Workbook> {
    open_as(bytes, limits, templates, Format::Xlsx, None)
}

/// [`open_with`] of a file named `format` ([`read_as`]), with the edition
/// of forms whose file does not say (`--edition`). The warnings of opening the file (a CSV table's
/// notation) go with its form, or with each row of a multi-Comune table.
pub fn open_as(
    bytes: &[u8],
    limits: &Limits,
    templates: &Templates,
    format: Format,
    edizione: Option<Edizione>,
) -> Result<Workbook> {
    let Warned {
        value: mut sheets,
        warnings: opened,
    } = open_sheets(bytes, limits, format == Format::Csv)?;
    let editions = templates.editions();
    match sheets
        .iter()
        .enumerate()
        .find_map(|(i, s)| many::header_row(s, editions).map(|row| (i, row)))
    {
        Some((at, header)) => {
            let sheet = sheets.swap_remove(at);
            let mut many = many::Many::open(sheet, header, limits, editions, edizione)?;
            many.warn_first(opened);
            Ok(Workbook::Rows(Rows(Box::new(many))))
        }
        None => {
            let mut read =
                partial::whole_one(form::read(&sheets, templates, edizione, Mode::Strict)?)?;
            let form = read.value;
            let mut warnings = opened;
            warnings.append(&mut read.warnings);
            let mut w = Warned {
                value: form,
                warnings,
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
    let refused = |why: MessageKind, name: &'static str, arg: Arg| {
        let why = Message::new(why, [(name, arg)]);
        let message = Message::new(
            k::WORKBOOK_INFLATES,
            [("max", limits::size_text(max).into()), ("why", why.into())],
        );
        let hint = Message::new(k::WORKBOOK_INFLATES_HINT, []);
        Error::new(Diagnostic::coded(Severity::Error, message, Some(hint)))
    };
    // Not a readable archive: calamine says so in its own words.
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    if archive.len() > MAX_PARTS {
        return Err(refused(k::INFLATES_PARTS, "parts", archive.len().into()));
    }
    let mut declared = 0u64;
    for i in 0..archive.len() {
        if let Ok(part) = archive.by_index_raw(i) {
            declared = declared.saturating_add(part.size());
        }
    }
    if declared > max {
        let size = limits::size_text(declared).into();
        return Err(refused(k::INFLATES_DECLARED, "size", size));
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
            return Err(refused(k::INFLATES_PART, "part", name.into()));
        }
    }
    Ok(())
}

/// Every sheet of the spreadsheet, values and formulas, whatever its kind
/// ([`kind::of`]); the warnings are a CSV table's.
fn open_sheets(bytes: &[u8], limits: &Limits, csv_named: bool) -> Result<Warned<Vec<Sheet>>> {
    // Any zip archive is checked before a part of it is read, even to tell
    // its kind.
    if bytes.starts_with(b"PK") {
        guard_inflation(bytes, limits.xlsx_inflated)?;
    }
    let kind = kind::of(bytes, csv_named)?;
    if kind == Kind::Csv {
        return csv::sheet(bytes).map(|w| w.map(|sheet| vec![sheet]));
    }
    // calamine may panic on a damaged workbook where it does arithmetic on
    // the file's numbers (a `dimension` whose end comes before its start
    // overflows in a build with overflow checks: found by the `xlsx` fuzz
    // target). Such a workbook is an error, never a crash.
    let mut sheets = std::panic::catch_unwind(|| match kind {
        Kind::Xlsx => calamine_sheets::<Xlsx<_>>(bytes, k::BOOK_XLSX),
        Kind::Xlsb => calamine_sheets::<Xlsb<_>>(bytes, k::BOOK_XLSB),
        Kind::Xls => calamine_sheets::<Xls<_>>(bytes, k::BOOK_XLS),
        Kind::Ods => calamine_sheets::<Ods<_>>(bytes, k::BOOK_ODS),
        Kind::Csv => Ok(Vec::new()),
    })
    .unwrap_or_else(|_| {
        Err(Error::new(Diagnostic::coded(
            Severity::Error,
            Message::new(k::WORKBOOK_DAMAGED, []),
            Some(Message::new(k::WORKBOOK_DAMAGED_HINT, [])),
        )))
    })?;
    formula::compute_missing(&mut sheets);
    Ok(Warned::new(sheets))
}

/// Every worksheet of a workbook of kind `R`, by calamine; `what` names
/// the kind in messages.
fn calamine_sheets<'a, R>(bytes: &'a [u8], what: MessageKind) -> Result<Vec<Sheet>>
where
    R: Reader<Cursor<&'a [u8]>>,
    R::Error: std::fmt::Display,
{
    let mut workbook = R::new(Cursor::new(bytes)).map_err(|e| {
        let text = e.to_string();
        if text.contains("password") {
            return kind::password_error(Message::new(what, []));
        }
        let message = Message::new(
            k::WORKBOOK_UNREADABLE,
            [
                ("what", Message::new(what, []).into()),
                ("error", text.into()),
            ],
        );
        let hint = Message::new(k::WORKBOOK_UNREADABLE_HINT, []);
        Error::new(Diagnostic::coded(Severity::Error, message, Some(hint)))
    })?;
    let names = workbook.sheet_names();
    let mut sheets = Vec::with_capacity(names.len());
    for name in names {
        let failed = |e: R::Error| {
            let text = e.to_string();
            if text.contains("password") {
                return kind::password_error(Message::new(what, []));
            }
            let message = Message::new(
                k::SHEET_UNREADABLE,
                [("sheet", name.as_str().into()), ("error", text.into())],
            );
            Error::new(Diagnostic::coded(Severity::Error, message, None))
        };
        let values = workbook.worksheet_range(&name).map_err(failed)?;
        let formulas = workbook.worksheet_formula(&name).map_err(failed)?;
        sheets.push(Sheet::new(name, values, formulas));
    }
    Ok(sheets)
}
