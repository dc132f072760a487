//! The batch report: one [`Row`] per form (and per input that is not one),
//! written as CSV for a spreadsheet with Italian settings ([`csv`]) or as
//! JSON ([`json()`]).
//!
//! The CSV opens as it is in Excel and LibreOffice set to Italian: UTF-8
//! with a byte order mark, `;` between fields, CRLF line ends, numbers with
//! a decimal comma and no thousands separator and not quoted, every text in
//! double quotes (a quote inside doubled). A text that a spreadsheet would
//! take for a formula (starting with `=`, `+`, `-` or `@`) gets a leading
//! apostrophe.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;

use crate::diagnostic::{Diagnostic, Location};
use crate::form::Riepilogo;
use crate::messages::{Kind, Lang, Message, kind, word};
use crate::model::Edizione;
use crate::number::format_it;

/// What became of one form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Read, checked and written.
    Ok,
    /// Read and checked; every output already existed and was kept (no
    /// `force`).
    Kept,
    /// Not done: the input or the form could not be read, checked or
    /// written (see `error`).
    Failed,
    /// Not a form: a file of another kind in an input folder, or a file
    /// met twice.
    Skipped,
}

impl Status {
    /// The word the report uses.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Kept => "kept",
            Status::Failed => "failed",
            Status::Skipped => "skipped",
        }
    }

    /// The word the report uses in `lang` ([`Status::as_str`] is its code).
    pub fn word(self, lang: Lang) -> String {
        let kind = match self {
            Status::Ok => kind::STATUS_OK,
            Status::Kept => kind::STATUS_KEPT,
            Status::Failed => kind::STATUS_FAILED,
            Status::Skipped => kind::STATUS_SKIPPED,
        };
        Message::new(kind, []).render(lang)
    }
}

/// One row of the report.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The input file, as given or found.
    pub input: String,
    /// The row of a multi-Comune workbook or the line of a JSON Lines file;
    /// `None` for a file of one form.
    pub riga: Option<u32>,
    /// What became of the form.
    pub status: Status,
    /// The Comune (`ente.denominazione`).
    pub comune: Option<String>,
    /// The edition's code (`SOC25`).
    pub edizione: Option<String>,
    /// What the edition's `riepilogo` gives of the form, by its names
    /// (`R04`, `caso`): values as written (after `recompute`, the computed
    /// ones) and outcomes.
    pub riepilogo: Vec<(String, Headline)>,
    /// Whether every printed derived value agreed with the rules, as read.
    pub consistent: Option<bool>,
    /// The warnings: of reading, of the rules (a printed value that
    /// disagrees with them, without `recompute`), of writing, an output
    /// kept.
    pub warnings: Vec<String>,
    /// With `recompute`, each derived value replaced: `R04: 33,629149 ->
    /// 33,63`.
    pub corrections: Vec<String>,
    /// The files written (or kept) in the output folder, by name.
    pub outputs: Vec<String>,
    /// Why the form failed, or was skipped.
    pub error: Option<String>,
    /// The stable code of why it failed or was skipped (the first error's
    /// kind, [`Diagnostic::code`]), when there is one; the `code` column
    /// falls back to the status ([`Row::code`]).
    pub error_code: Option<&'static str>,
    /// The errors in full (with hints and locations), for printing; not in
    /// the CSV.
    pub diagnostics: Vec<Diagnostic>,
}

impl Row {
    /// A row for `input` with nothing known yet.
    pub fn new(input: String, riga: Option<u32>, status: Status) -> Self {
        Row {
            input,
            riga,
            status,
            comune: None,
            edizione: None,
            riepilogo: Vec::new(),
            consistent: None,
            warnings: Vec::new(),
            corrections: Vec::new(),
            outputs: Vec::new(),
            error: None,
            error_code: None,
            diagnostics: Vec::new(),
        }
    }

    /// The stable code of the row's outcome, for programs: the code of its
    /// first error, else its status (`ok`, `kept`, `failed`, `skipped`).
    pub fn code(&self) -> &'static str {
        self.error_code.unwrap_or(self.status.as_str())
    }

    /// Whether the row is a form (not a skipped file).
    pub fn is_form(&self) -> bool {
        self.status != Status::Skipped
    }

    /// Its `riepilogo` item `name`.
    fn headline(&self, name: &str) -> Option<&Headline> {
        self.riepilogo
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, h)| h)
    }
}

/// One item of a form's `riepilogo`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Headline {
    /// A value of the form: at least the form's two decimals in the CSV,
    /// exact in the JSON.
    Amount(Option<Decimal>),
    /// A yes/no outcome: `SI`/`NO` in the CSV, a boolean in the JSON.
    YesNo(Option<bool>),
    /// The value of a choice (the Quadro 2 case `C`).
    Choice(Option<String>),
}

/// A diagnostic in one line of the report: its message and where it
/// points, in English.
pub fn one_line(d: &Diagnostic) -> String {
    one_line_in(d, Lang::En)
}

/// A diagnostic in one line of the report, in `lang`.
pub fn one_line_in(d: &Diagnostic, lang: Lang) -> String {
    let message = d.message_in(lang);
    match &d.location {
        None => message,
        Some(Location::Line { line }) => format!("{message} ({} {line})", word(lang, "line")),
        Some(loc) => format!("{message} ({})", loc.in_lang(lang)),
    }
}

/// What a column of the report holds, as a row gives it.
enum Datum<'a> {
    /// A text (the input, the Comune, the error, the code).
    Text(Option<&'a str>),
    /// A whole number (the row of a workbook, the line of a JSON Lines
    /// file).
    Count(Option<u32>),
    /// What became of the form: its word in the CSV (in the report's
    /// language), its code in the JSON.
    Status(Status),
    /// An amount or a ratio of the form: at least the form's two decimals
    /// in the CSV, exact in the JSON.
    Amount(Option<Decimal>),
    /// `SI`/`NO` in the CSV, a boolean in the JSON.
    YesNo(Option<bool>),
    /// A list: one cell, its items separated by [`LIST_SEPARATOR`] (empty
    /// when they are), in the CSV; an array in the JSON.
    List(&'a [String]),
    /// The errors in full (the JSON only).
    Diagnostics(&'a [Diagnostic]),
}

/// One column of the report: its header in the CSV, its key in the JSON
/// and the row's value, written as each says ([`Datum`]).
struct Column {
    /// Its header in the CSV: a kind of message, or a name the same in
    /// every language (a row of the form, the `code`); `None` for a column
    /// of the JSON only.
    header: Option<Result<Kind, &'static str>>,
    /// Its key in the JSON.
    key: &'static str,
    /// The row's value.
    value: for<'a> fn(&'a Row) -> Datum<'a>,
}

/// The columns of the report before the `riepilogo` of the editions.
const BEFORE: [Column; 5] = [
    Column::new(Ok(kind::COLUMN_INPUT), "input", |r| {
        Datum::Text(Some(&r.input))
    }),
    Column::new(Ok(kind::COLUMN_ROW), "row", |r| Datum::Count(r.riga)),
    Column::new(Ok(kind::COLUMN_STATUS), "status", |r| {
        Datum::Status(r.status)
    }),
    Column::new(Ok(kind::COLUMN_COMUNE), "comune", |r| {
        Datum::Text(r.comune.as_deref())
    }),
    Column::new(Ok(kind::COLUMN_EDITION), "edizione", |r| {
        Datum::Text(r.edizione.as_deref())
    }),
];

/// The columns after it. The `code` column is the stable code of the
/// row's outcome ([`Row::code`]).
const AFTER: [Column; 7] = [
    Column::new(Ok(kind::COLUMN_CONSISTENT), "consistent", |r| {
        Datum::YesNo(r.consistent)
    }),
    Column::new(Ok(kind::COLUMN_WARNINGS), "warnings", |r| {
        Datum::List(&r.warnings)
    }),
    Column::new(Ok(kind::COLUMN_CORRECTIONS), "corrections", |r| {
        Datum::List(&r.corrections)
    }),
    Column::new(Ok(kind::COLUMN_OUTPUTS), OUTPUTS, |r| {
        Datum::List(&r.outputs)
    }),
    Column::new(Ok(kind::COLUMN_ERROR), "error", |r| {
        Datum::Text(r.error.as_deref())
    }),
    Column::new(Err("code"), "code", |r| Datum::Text(Some(r.code()))),
    Column::json_only("diagnostics", |r| Datum::Diagnostics(&r.diagnostics)),
];

/// The key of the column of the files written.
const OUTPUTS: &str = "outputs";

impl Column {
    /// A column of the CSV and the JSON.
    const fn new(
        header: Result<Kind, &'static str>,
        key: &'static str,
        value: for<'a> fn(&'a Row) -> Datum<'a>,
    ) -> Column {
        Column {
            header: Some(header),
            key,
            value,
        }
    }

    /// A column of the JSON only.
    const fn json_only(key: &'static str, value: for<'a> fn(&'a Row) -> Datum<'a>) -> Column {
        Column {
            header: None,
            key,
            value,
        }
    }

    /// Its header in the CSV in `lang`, if the CSV has it.
    fn header_in(&self, lang: Lang) -> Option<String> {
        Some(match self.header? {
            Ok(kind) => Message::new(kind, []).render(lang),
            Err(name) => name.to_string(),
        })
    }
}

/// The `riepilogo` columns of a report of forms of `editions` (those a
/// [`Templates`](crate::templates::Templates) value knows): those of every
/// edition, in order, each name once (`R04`, `caso`).
fn headlines(editions: &[Edizione]) -> Vec<Riepilogo> {
    let mut out: Vec<Riepilogo> = Vec::new();
    for ed in editions {
        for item in &ed.description().riepilogo {
            if !out.iter().any(|o| o.name() == item.name()) {
                out.push(item.clone());
            }
        }
    }
    out
}

/// The header of a `riepilogo` column in `lang`: a value by its name, the
/// same in every language (`R04`); an outcome in the catalogue's words
/// (`column_caso`), or by its name where the catalogue has none.
fn headline_header(item: &Riepilogo, lang: Lang) -> String {
    let name = item.name();
    let key = format!("column_{name}");
    match item {
        Riepilogo::Esito(_) => match kind::all().into_iter().find(|k| k.key == key) {
            Some(k) => Message::new(k, []).render(lang),
            None => name,
        },
        Riepilogo::Valore(_) => name,
    }
}

/// The value of the `riepilogo` column `item` for `r` (blank where the
/// form's edition does not give it).
fn headline<'a>(r: &'a Row, item: &Riepilogo) -> Datum<'a> {
    match r.headline(&item.name()) {
        Some(Headline::Amount(d)) => Datum::Amount(*d),
        Some(Headline::YesNo(b)) => Datum::YesNo(*b),
        Some(Headline::Choice(c)) => Datum::Text(c.as_deref()),
        None => match item {
            Riepilogo::Valore(_) => Datum::Amount(None),
            Riepilogo::Esito(_) => Datum::YesNo(None),
        },
    }
}

/// The names of the CSV report's columns in `lang`, in order, for forms of
/// `editions`; the last, `code`, is named so in every language: the stable
/// code of the row's outcome ([`Row::code`]).
pub fn columns(editions: &[Edizione], lang: Lang) -> Vec<String> {
    let items = headlines(editions);
    let fixed = |cols: &[Column]| -> Vec<String> {
        cols.iter().filter_map(|c| c.header_in(lang)).collect()
    };
    let mut out = fixed(&BEFORE);
    out.extend(items.iter().map(|i| headline_header(i, lang)));
    out.extend(fixed(&AFTER));
    out
}

/// What separates the items of a list in one cell (warnings, outputs): a
/// character no output name holds.
pub const LIST_SEPARATOR: &str = " | ";

enum Cell<'a> {
    Text(Cow<'a, str>),
    Number(String),
    Empty,
}

impl<'a> Datum<'a> {
    /// The value as a cell of the CSV in `lang`.
    fn cell(&self, lang: Lang) -> Cell<'a> {
        let text = |t: &'a str| Cell::Text(Cow::Borrowed(t));
        match *self {
            Datum::Text(t) => t.map_or(Cell::Empty, text),
            Datum::Count(n) => n.map_or(Cell::Empty, |n| Cell::Number(n.to_string())),
            Datum::Status(s) => Cell::Text(Cow::Owned(s.word(lang))),
            Datum::Amount(d) => d.map_or(Cell::Empty, |d| Cell::Number(format_it(d, 2))),
            Datum::YesNo(b) => b.map_or(Cell::Empty, |b| text(if b { "SI" } else { "NO" })),
            Datum::List(items) => {
                let joined = items.join(LIST_SEPARATOR);
                if joined.is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(Cow::Owned(joined))
                }
            }
            Datum::Diagnostics(_) => Cell::Empty,
        }
    }

    /// The value in the JSON report: numbers exact, absent values `null`.
    fn json(&self) -> Value {
        match *self {
            Datum::Text(t) => t.map_or(Value::Null, Value::from),
            Datum::Count(n) => n.map_or(Value::Null, Value::from),
            Datum::Status(s) => Value::from(s.as_str()),
            Datum::Amount(d) => json_number(d),
            Datum::YesNo(b) => b.map_or(Value::Null, Value::from),
            Datum::List(items) => Value::from(items),
            Datum::Diagnostics(ds) => serde_json::to_value(ds).unwrap_or(Value::Null),
        }
    }
}

fn push_cell(out: &mut String, cell: &Cell<'_>) {
    match cell {
        Cell::Empty => {}
        Cell::Number(n) => out.push_str(n),
        Cell::Text(t) => {
            out.push('"');
            if t.starts_with(['=', '+', '-', '@']) {
                out.push('\'');
            }
            out.push_str(&t.replace('"', "\"\""));
            out.push('"');
        }
    }
}

fn push_line(out: &mut String, cells: &[Cell<'_>]) {
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push(';');
        }
        push_cell(out, cell);
    }
    out.push_str("\r\n");
}

/// The CSV's first line: the byte order mark and the column names.
fn csv_header(editions: &[Edizione], lang: Lang) -> String {
    let mut out = String::from("\u{FEFF}");
    let names = columns(editions, lang);
    let header: Vec<Cell<'_>> = names.iter().map(|c| Cell::Text(Cow::Borrowed(c))).collect();
    push_line(&mut out, &header);
    out
}

/// The row's values, column by column (`items`: the `riepilogo` columns),
/// with the key of each and whether the CSV has it.
fn data<'a>(r: &'a Row, items: &[Riepilogo]) -> Vec<(Cow<'static, str>, bool, Datum<'a>)> {
    let fixed = |c: &Column| (Cow::Borrowed(c.key), c.header.is_some(), (c.value)(r));
    let mut out: Vec<_> = BEFORE.iter().map(fixed).collect();
    out.extend(
        items
            .iter()
            .map(|i| (Cow::Owned(i.name()), true, headline(r, i))),
    );
    out.extend(AFTER.iter().map(fixed));
    out
}

/// One row as a line of the CSV.
fn push_csv_row(out: &mut String, r: &Row, items: &[Riepilogo], lang: Lang) {
    let cells: Vec<Cell<'_>> = data(r, items)
        .into_iter()
        .filter(|(_, in_csv, _)| *in_csv)
        .map(|(_, _, d)| d.cell(lang))
        .collect();
    push_line(out, &cells);
}

/// The report as CSV for a spreadsheet with Italian settings (see the
/// module's documentation), in English.
pub fn csv(rows: &[Row], editions: &[Edizione]) -> Vec<u8> {
    csv_in(rows, editions, Lang::En)
}

/// The report as CSV, its headers and outcomes in `lang`.
pub fn csv_in(rows: &[Row], editions: &[Edizione], lang: Lang) -> Vec<u8> {
    let mut out = csv_header(editions, lang);
    let items = headlines(editions);
    for r in rows {
        push_csv_row(&mut out, r, &items, lang);
    }
    out.into_bytes()
}

/// Any table as CSV in the report's own way (see the module's
/// documentation): the byte order mark, `header` as the first line, then
/// each row; a value that is a number in the form's notation (`130,00`) is
/// written bare, any other in quotes, a blank one empty.
pub fn csv_table(header: &[String], rows: &[Vec<Option<String>>]) -> Vec<u8> {
    let mut out = String::from("\u{FEFF}");
    let cells: Vec<Cell<'_>> = header
        .iter()
        .map(|h| Cell::Text(Cow::Borrowed(h)))
        .collect();
    push_line(&mut out, &cells);
    for row in rows {
        let cells: Vec<Cell<'_>> = row
            .iter()
            .map(|v| match v.as_deref() {
                None | Some("") => Cell::Empty,
                Some(n) if crate::number::is_number(n) && !n.starts_with(['+', '-']) => {
                    Cell::Number(n.to_string())
                }
                Some(t) => Cell::Text(Cow::Borrowed(t)),
            })
            .collect();
        push_line(&mut out, &cells);
    }
    out.into_bytes()
}

/// An exact decimal as a JSON number.
fn json_number(d: Option<Decimal>) -> Value {
    d.and_then(|d| d.to_string().parse::<serde_json::Number>().ok())
        .map_or(Value::Null, Value::Number)
}

/// One row as a JSON object.
fn json_row(r: &Row, items: &[Riepilogo]) -> Value {
    Value::Object(
        data(r, items)
            .into_iter()
            .map(|(key, _, d)| (key.into_owned(), d.json()))
            .collect(),
    )
}

/// One row as an element of the JSON array: indented as a pretty array
/// prints it (a string never holds a raw line break, so indenting each
/// line is safe).
fn push_json_row(out: &mut String, r: &Row, items: &[Riepilogo], first: bool) {
    let text = serde_json::to_string_pretty(&json_row(r, items)).unwrap_or_else(|_| "{}".into());
    out.push_str(if first { "[\n" } else { ",\n" });
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str("  ");
        out.push_str(line);
    }
}

/// The end of the JSON array.
fn json_end(rows: usize) -> &'static str {
    if rows == 0 { "[]\n" } else { "\n]\n" }
}

/// The report as a JSON array, one object per row, numbers exact (as the
/// form holds them).
pub fn json(rows: &[Row], editions: &[Edizione]) -> Vec<u8> {
    let mut out = String::new();
    let items = headlines(editions);
    for (i, r) in rows.iter().enumerate() {
        push_json_row(&mut out, r, &items, i == 0);
    }
    out.push_str(json_end(rows.len()));
    out.into_bytes()
}

/// Whether a report path asks for JSON (`.json`); CSV otherwise.
pub fn is_json(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

/// Write the report to `path` whole (a temporary file renamed into place),
/// as JSON for a `.json` path and CSV otherwise.
pub fn save(path: &Path, rows: &[Row], editions: &[Edizione], lang: Lang) -> std::io::Result<()> {
    let mut sink = Sink::create(path, editions, lang)?;
    for row in rows {
        sink.push(row)?;
    }
    sink.finish()
}

/// A report written as its rows come, so that a batch keeps none of them:
/// to a temporary file beside `path` (JSON for a `.json` path, CSV
/// otherwise), renamed into place by [`Sink::finish`]. Dropped unfinished,
/// it removes its temporary file and `path` is untouched.
pub struct Sink {
    path: PathBuf,
    temp: PathBuf,
    file: Option<BufWriter<File>>,
    json: bool,
    lang: Lang,
    /// The `riepilogo` columns.
    items: Vec<Riepilogo>,
    rows: usize,
    line: String,
    finished: bool,
}

impl Sink {
    /// Start the report at `path` (its temporary file is made now: a folder
    /// that does not exist fails here, before any form is done), its
    /// headers and outcomes in `lang`.
    pub fn create(path: &Path, editions: &[Edizione], lang: Lang) -> std::io::Result<Sink> {
        let temp = super::files::temporary_path(path);
        let file = File::create(&temp)?;
        let mut sink = Sink {
            path: path.to_path_buf(),
            temp,
            file: Some(BufWriter::new(file)),
            json: is_json(path),
            lang,
            items: headlines(editions),
            rows: 0,
            line: String::new(),
            finished: false,
        };
        if !sink.json {
            sink.line = csv_header(editions, lang);
            sink.write_line()?;
        }
        Ok(sink)
    }

    /// Add one row.
    pub fn push(&mut self, row: &Row) -> std::io::Result<()> {
        self.line.clear();
        if self.json {
            push_json_row(&mut self.line, row, &self.items, self.rows == 0);
        } else {
            push_csv_row(&mut self.line, row, &self.items, self.lang);
        }
        self.rows += 1;
        self.write_line()
    }

    /// Complete the report and rename it into place.
    pub fn finish(mut self) -> std::io::Result<()> {
        if self.json {
            self.line = json_end(self.rows).to_string();
            self.write_line()?;
        }
        let mut file = self.file.take().ok_or_else(closed)?;
        file.flush()?;
        drop(file);
        std::fs::rename(&self.temp, &self.path)?;
        self.finished = true;
        Ok(())
    }

    fn write_line(&mut self) -> std::io::Result<()> {
        self.file
            .as_mut()
            .ok_or_else(closed)?
            .write_all(self.line.as_bytes())
    }
}

fn closed() -> std::io::Error {
    std::io::Error::other("the report is closed")
}

impl Drop for Sink {
    fn drop(&mut self) {
        if !self.finished {
            drop(self.file.take());
            let _ = std::fs::remove_file(&self.temp);
        }
    }
}

/// The output names an earlier report lists (its `outputs` column), so that
/// a batch whose inputs include the output folder does not read back the
/// forms it wrote before. Empty when there is no report, or it cannot be
/// read.
pub fn earlier_outputs(path: &Path) -> HashSet<String> {
    let Ok(bytes) = std::fs::read(path) else {
        return HashSet::new();
    };
    let names: Vec<String> = if is_json(path) {
        let rows: Vec<Value> = serde_json::from_slice(&bytes).unwrap_or_default();
        rows.iter()
            .filter_map(|r| r.get(OUTPUTS)?.as_array().cloned())
            .flatten()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect()
    } else {
        let text = String::from_utf8_lossy(&bytes);
        let records = parse_csv(text.trim_start_matches('\u{FEFF}'));
        let Some(column) = records.first().and_then(|h| {
            let outputs = AFTER.iter().find(|c| c.key == OUTPUTS)?;
            let names = [Lang::En, Lang::It].map(|l| outputs.header_in(l));
            h.iter().position(|c| names.contains(&Some(c.clone())))
        }) else {
            return HashSet::new();
        };
        records
            .iter()
            .skip(1)
            .filter_map(|r| r.get(column))
            .flat_map(|cell| cell.split(LIST_SEPARATOR).map(str::to_string))
            .filter(|n| !n.is_empty())
            .collect()
    };
    names.into_iter().collect()
}

/// The records of a CSV text written by [`csv`] (its BOM taken off): fields
/// separated by `;`, quoted with `"` (doubled inside), records ending with a
/// line break. For programs that read a report back.
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            '"' => quoted = !quoted,
            ';' if !quoted => record.push(std::mem::take(&mut field)),
            '\r' if !quoted => {}
            '\n' if !quoted => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            c => field.push(c),
        }
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        records.push(record);
    }
    records
}

#[cfg(test)]
mod tests;
