//! The reader shared by the three layouts: it anchors on the row codes,
//! cuts the text into one segment per row (from the row's code to the next
//! row's code), finds where the label and the column headers end
//! ([`super::segments`]), and hands the rest to [`super::values`] to read the
//! row's values; then it reports the rows not found, the rows printed blank
//! ([`super::blanks`]) and the numbers before the first row.
//!
//! Nothing here depends on line positions: a label may wrap anywhere, the
//! values may follow on the label's line (IFEL, portal) or on lines of their
//! own (pdftotext), and print furniture may fall between any two lines.

use crate::diagnostic::{Diagnostic, Error, Location, Result, Severity, Warned};
use crate::messages::{Message, kind};
use crate::model::{Edizione, Scheda};
use crate::readers::partial::{self, Blanked, Mode, Partial};

use super::blanks;
use super::context::{Ctx, Diags, Options, line_no};
use super::ente;
use super::lines::{Furniture, Line};
use super::lost;
use super::repeats;
use super::rows::{self, Codes, Kind, Row};
use super::segments::{find_anchor, is_header_line, segment};
use super::tokens;
use super::values;

/// The line of each row found, by its code: where an error of the model's
/// checks on one of its fields points in the text.
#[derive(Debug, Default)]
pub(super) struct RowLines(Vec<(&'static str, usize)>);

impl RowLines {
    /// The line of the row of the field at `pointer` (`/quadro1/M12/utenti`,
    /// `/quadro2/R06`), if the row was found.
    pub fn at(&self, pointer: &str) -> Option<Location> {
        let code = pointer.split('/').nth(2)?;
        self.0
            .iter()
            .find(|(c, _)| *c == code)
            .map(|(_, no)| Location::line(*no))
    }
}

/// Read a text of `ed` in the layout described by `opts`; `codes` are the
/// row codes of every known edition. The errors local to rows (a row not
/// found, values that do not read, the date of the header) fail a strict
/// read; a lenient one leaves those rows blank (see
/// [`crate::readers::read_partial`]). Also returns the line of every row.
pub(super) fn read(
    lines: &[Line],
    ed: Edizione,
    opts: &Options,
    codes: &Codes,
    mode: Mode,
) -> Result<(Warned<Partial>, RowLines)> {
    let rows = rows::rows(ed);
    let mut d = Diags::default();
    let deduped = repeats::dedupe(lines, ed, &rows, &mut d);
    if !d.errors.is_empty() {
        return Err(Error::many(d.errors).with_warnings(d.warnings));
    }
    let lines = deduped.as_slice();
    let phrases = rows::header_phrases(&rows);
    let header_line: Vec<bool> = (0..lines.len())
        .map(|i| is_header_line(lines, i, &phrases))
        .collect();

    let anchors = anchors(lines, &rows);

    let mut scheda = Scheda::empty(ed);
    let Some(first) = anchors.iter().flatten().map(|a| a.0).min() else {
        return Err(Error::new(Diagnostic::coded(
            Severity::Error,
            Message::new(kind::NO_ROW_OF_FORM, [("form", ed.to_string().into())]),
            None,
        )));
    };
    // Every error from here on is local to the rows (or the header field)
    // it names: the fields they leave blank go with it.
    let mut local: Vec<Blanked> = Vec::new();
    let fields = |codes: &[&str]| -> Vec<String> {
        codes
            .iter()
            .flat_map(|c| partial::row_pointers(ed, c))
            .collect()
    };
    for (error, missing) in missing_rows(lines, &rows, &anchors, opts, &mut d) {
        local.push(Blanked {
            diagnostic: error,
            pointers: fields(&missing),
        });
    }
    let mut header = Diags::default();
    ente::read(lines, first, ed, &mut scheda.ente, &mut header);
    d.warnings.append(&mut header.warnings);
    // The header's only error is a date that does not read.
    for error in header.errors {
        local.push(Blanked {
            diagnostic: error,
            pointers: vec!["/ente/data".into()],
        });
    }
    skipped_before(lines, first, &mut d);

    let found: Vec<usize> = anchors.iter().flatten().map(|a| a.0).collect();
    let mut ctxs = Vec::new();
    for (ri, (row, anchor)) in rows.iter().zip(&anchors).enumerate() {
        let Some((anchor, code_len)) = *anchor else {
            continue;
        };
        let end = row_end(lines, &found, anchor);
        ctxs.push(Ctx {
            lines,
            header_line: &header_line,
            row,
            next: rows.get(ri + 1),
            codes,
            seg: segment(lines, row, anchor, code_len, end),
        });
    }
    let mut printed = Vec::with_capacity(ctxs.len());
    for ctx in &ctxs {
        let mut rd = Diags::default();
        printed.push((ctx, values::read_row(ctx, &mut scheda, &mut rd)));
        for error in rd.errors {
            local.push(Blanked {
                diagnostic: error,
                pointers: fields(&[ctx.row.code]),
            });
        }
        d.warnings.extend(rd.warnings);
    }
    if !opts.blanks_meant {
        blanks::check(&printed, &scheda, &mut d);
    }
    if let Some(w) = lost::warning(lines, ctxs.iter().map(|c| &c.seg)) {
        d.warnings.insert(0, w);
    }

    if mode == Mode::Strict && !local.is_empty() {
        let errors = local.into_iter().map(|b| b.diagnostic).collect();
        return Err(Error::many(errors).with_warnings(d.warnings));
    }
    // A row whose values did not all read holds none of them.
    for error in &local {
        partial::blank(&mut scheda, &error.pointers);
    }
    let row_lines = RowLines(ctxs.iter().map(|c| (c.row.code, c.line_no())).collect());
    Ok((
        Warned {
            value: Partial {
                scheda,
                errors: local,
            },
            warnings: d.warnings,
        },
        row_lines,
    ))
}

/// Where each row starts, in the form's order (line and length of its
/// code), each searched after the one before; `None` for a row not found.
fn anchors(lines: &[Line], rows: &[Row]) -> Vec<Option<(usize, usize)>> {
    let mut out = Vec::with_capacity(rows.len());
    let mut from = 0;
    for row in rows {
        let found = find_anchor(lines, from, row);
        if let Some((i, _)) = found {
            from = i + 1;
        }
        out.push(found);
    }
    out
}

/// The line after the last of the row that starts at `anchor`: the next
/// row found (`found`, the rows' starting lines), else the closing
/// furniture, else the end of the text.
fn row_end(lines: &[Line], found: &[usize], anchor: usize) -> usize {
    found
        .iter()
        .copied()
        .find(|&l| l > anchor)
        .or_else(|| {
            lines
                .iter()
                .enumerate()
                .skip(anchor + 1)
                .find(|(_, l)| l.furniture == Some(Furniture::Closing))
                .map(|(i, _)| i)
        })
        .unwrap_or(lines.len())
}

/// The rows not found: an error for each run of them, with the place where
/// it was expected, and the codes of the rows of the run.
fn missing_rows(
    lines: &[Line],
    rows: &[Row],
    anchors: &[Option<(usize, usize)>],
    opts: &Options,
    d: &mut Diags,
) -> Vec<(Diagnostic, Vec<&'static str>)> {
    let mut out = Vec::new();
    let quadro3_found = rows
        .iter()
        .zip(anchors)
        .any(|(r, a)| r.quadro == 3 && a.is_some());
    if !quadro3_found && opts.quadro3_optional {
        d.warnings.push(quadro3_left_out(rows));
    }
    let missing: Vec<bool> = rows
        .iter()
        .zip(anchors)
        .map(|(row, anchor)| {
            let optional = row.quadro == 3 && opts.quadro3_optional && !quadro3_found
                || row.kind == Kind::Sino && opts.questions_optional;
            anchor.is_none() && !optional
        })
        .collect();
    let is_missing = |ri: usize| missing.get(ri).copied().unwrap_or(false);
    // Each row found, by its code and line number.
    let found: Vec<Option<(&str, usize)>> = rows
        .iter()
        .zip(anchors)
        .map(|(r, a)| a.map(|(i, _)| (r.code, line_no(lines, i))))
        .collect();
    let mut ri = 0;
    while ri < rows.len() {
        if !is_missing(ri) {
            ri += 1;
            continue;
        }
        // A run of consecutive missing rows is one error (a text cut short
        // misses everything after some row).
        let first = ri;
        while is_missing(ri + 1) {
            ri += 1;
        }
        let last = ri;
        ri += 1;
        let prev = found.iter().take(first).rev().find_map(|f| *f);
        let next = found.iter().skip(last + 1).find_map(|f| *f);
        let (place, no) = expected_place(prev, next);
        out.push(missing_run(rows, first, last, place, no));
    }
    out
}

/// The warning that Quadro 3 was left out, naming its first and last rows.
fn quadro3_left_out(rows: &[Row]) -> Diagnostic {
    let mut quadro3 = rows.iter().filter(|r| r.quadro == 3).map(|r| r.code);
    let first = quadro3.next().unwrap_or_default();
    let last = quadro3.next_back().unwrap_or(first);
    Diagnostic::coded(
        Severity::Warning,
        Message::new(
            kind::QUADRO3_LEFT_OUT,
            [("first", first.into()), ("last", last.into())],
        ),
        Some(Message::new(kind::QUADRO3_LEFT_OUT_HINT, [])),
    )
}

/// Where a run of missing rows was expected, between the rows found before
/// and after it (their codes and lines), and the line its error points at.
fn expected_place(prev: Option<(&str, usize)>, next: Option<(&str, usize)>) -> (Message, usize) {
    match (prev, next) {
        (Some((p, pl)), Some((n, nl))) => (
            Message::new(
                kind::EXPECTED_BETWEEN,
                [
                    ("prev", p.into()),
                    ("prev_line", pl.into()),
                    ("next", n.into()),
                    ("next_line", nl.into()),
                ],
            ),
            nl,
        ),
        (Some((p, pl)), None) => (
            Message::new(
                kind::EXPECTED_AFTER,
                [("prev", p.into()), ("prev_line", pl.into())],
            ),
            pl + 1,
        ),
        (None, Some((n, nl))) => (
            Message::new(
                kind::EXPECTED_BEFORE,
                [("next", n.into()), ("next_line", nl.into())],
            ),
            nl,
        ),
        (None, None) => (Message::new(kind::NO_ROW_FOUND, []), 1),
    }
}

/// The error for the run of missing rows `first..=last` (indices into
/// `rows`), expected at `place` and pointing at line `no`, and the codes of
/// its rows.
fn missing_run(
    rows: &[Row],
    first: usize,
    last: usize,
    place: Message,
    no: usize,
) -> (Diagnostic, Vec<&'static str>) {
    let code = |ri: usize| rows.get(ri).map_or("", |r| r.code);
    let (message, hint) = if first == last {
        (
            Message::new(
                kind::ROW_NOT_FOUND,
                [("row", code(first).into()), ("place", place.into())],
            ),
            Message::new(kind::ROW_NOT_FOUND_HINT, []),
        )
    } else {
        (
            Message::new(
                kind::ROWS_NOT_FOUND,
                [
                    ("first", code(first).into()),
                    ("last", code(last).into()),
                    ("place", place.into()),
                ],
            ),
            Message::new(kind::ROWS_NOT_FOUND_HINT, []),
        )
    };
    let codes = rows
        .iter()
        .skip(first)
        .take(last + 1 - first)
        .map(|r| r.code)
        .collect();
    (
        Diagnostic::coded(Severity::Error, message, Some(hint)).at(Location::line(no)),
        codes,
    )
}

/// Warn about lines of numbers before the first row: they look like data
/// but belong to no row.
fn skipped_before(lines: &[Line], first: usize, d: &mut Diags) {
    for line in lines.iter().take(first) {
        if line.furniture.is_none() && tokens::all_numbers(&line.text) {
            d.caution(
                line.no,
                Message::new(
                    kind::DATA_BEFORE_FIRST_ROW,
                    [("text", line.text.as_str().into())],
                ),
                None,
            );
        }
    }
}
