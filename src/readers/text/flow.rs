//! The reader shared by the three layouts: it anchors on the row codes,
//! cuts the text into one segment per row (from the row's code to the next
//! row's code), finds where the label and the column headers end, and hands
//! the rest to [`super::values`] to read the row's values.
//!
//! Nothing here depends on line positions: a label may wrap anywhere, the
//! values may follow on the label's line (IFEL, portal) or on lines of their
//! own (pdftotext), and print furniture may fall between any two lines.

use crate::diagnostic::{Diagnostic, Error, Location, Result, Warned};
use crate::model::{Edizione, Scheda};

use super::ente;
use super::lines::{Furniture, Line};
use super::matcher::{self, Key, Match, Pos};
use super::rows::{self, Codes, Kind, Row};
use super::values;

/// How the shared reader treats one layout.
#[derive(Debug, Clone, Copy)]
pub(super) struct Options {
    /// Whether the text may leave Quadro 3 out (the IFEL page does when the
    /// Comune has nothing to report): its rows then read as blank, with a
    /// warning.
    pub quadro3_optional: bool,
    /// Whether the text may leave Quadro 4 questions out (the IFEL page prints
    /// only the section that applies).
    pub questions_optional: bool,
}

/// Errors and warnings gathered while reading.
#[derive(Debug, Default)]
pub(super) struct Diags {
    /// Errors: the read fails if there is one.
    pub errors: Vec<Diagnostic>,
    /// Warnings.
    pub warnings: Vec<Diagnostic>,
}

impl Diags {
    /// Record an error at a line.
    pub fn error(&mut self, no: usize, message: String) {
        self.errors
            .push(Diagnostic::error(message).at(Location::line(no)));
    }

    /// Record a warning at a line.
    pub fn warn(&mut self, no: usize, message: String) {
        self.warnings
            .push(Diagnostic::warning(message).at(Location::line(no)));
    }
}

/// The part of the text that belongs to one row.
#[derive(Debug, Clone, Copy)]
pub(super) struct Segment {
    /// Index of the line that starts with the row's code.
    pub anchor: usize,
    /// Just after the code.
    pub code_end: Pos,
    /// Where the values start: after the label and the column headers.
    pub start: Pos,
    /// Whether the whole label matched one of the row's known wordings;
    /// when not, the rest of the line where the match stopped is label.
    pub label_full: bool,
    /// Index of the first line after the segment.
    pub end: usize,
}

/// What one row's reader needs to know.
pub(super) struct Ctx<'a> {
    /// Every line of the text.
    pub lines: &'a [Line],
    /// For each line, whether it holds nothing but column headers.
    pub header_line: &'a [bool],
    /// The row.
    pub row: &'a Row,
    /// The row after it in the form, if any (its column headers may be
    /// printed before its code, at the end of this row's segment).
    pub next: Option<&'a Row>,
    /// The row codes of every known edition.
    pub codes: &'a Codes,
    /// The row's segment.
    pub seg: Segment,
}

impl Ctx<'_> {
    /// The line number of the row's code.
    pub fn line_no(&self) -> usize {
        self.lines[self.seg.anchor].no
    }
}

/// Read a text of `ed` in the layout described by `opts`; `codes` are the
/// row codes of every known edition.
pub(super) fn read(
    lines: &[Line],
    ed: Edizione,
    opts: &Options,
    codes: &Codes,
) -> Result<Warned<Scheda>> {
    let rows = rows::rows(ed);
    let phrases = rows::header_phrases(&rows);
    let header_line: Vec<bool> = (0..lines.len())
        .map(|i| is_header_line(lines, i, &phrases))
        .collect();

    let mut anchors: Vec<Option<(usize, usize)>> = vec![None; rows.len()];
    let mut from = 0;
    for (ri, row) in rows.iter().enumerate() {
        if let Some(found) = find_anchor(lines, from, row) {
            anchors[ri] = Some(found);
            from = found.0 + 1;
        }
    }

    let mut d = Diags::default();
    let mut scheda = Scheda::empty(ed);
    let Some(first) = anchors.iter().flatten().map(|a| a.0).min() else {
        return Err(Error::msg(format!(
            "no row of the {ed} form found (expected codes such as M12, R01, R06)"
        )));
    };
    missing_rows(lines, &rows, &anchors, opts, &mut d);
    ente::read(lines, first, &mut scheda.ente, &mut d);
    skipped_before(lines, first, &mut d);

    let found: Vec<usize> = anchors.iter().flatten().map(|a| a.0).collect();
    let mut ctxs = Vec::new();
    for (ri, row) in rows.iter().enumerate() {
        let Some((anchor, code_len)) = anchors[ri] else {
            continue;
        };
        let end = found
            .iter()
            .copied()
            .find(|&l| l > anchor)
            .or_else(|| {
                (anchor + 1..lines.len()).find(|&i| lines[i].furniture == Some(Furniture::Closing))
            })
            .unwrap_or(lines.len());
        ctxs.push(Ctx {
            lines,
            header_line: &header_line,
            row,
            next: rows.get(ri + 1),
            codes,
            seg: segment(lines, row, anchor, code_len, end),
        });
    }
    let row_diags: Vec<Diags> = ctxs
        .iter()
        .map(|ctx| {
            let mut rd = Diags::default();
            values::read_row(ctx, &mut scheda, &mut rd);
            rd
        })
        .collect();
    for rd in row_diags {
        d.errors.extend(rd.errors);
        d.warnings.extend(rd.warnings);
    }

    if d.errors.is_empty() {
        Ok(Warned {
            value: scheda,
            warnings: d.warnings,
        })
    } else {
        Err(Error::many(d.errors).with_warnings(d.warnings))
    }
}

/// The first line from `from` on that starts with the row's code; when
/// several do, the first whose label matches at least half way (a sentence
/// wrapped so that a line starts with `R09 in quanto` is not row R09).
/// Returns the line index and the length of the code.
fn find_anchor(lines: &[Line], from: usize, row: &Row) -> Option<(usize, usize)> {
    let mut first = None;
    for (i, line) in lines.iter().enumerate().skip(from) {
        let Some(len) = row.code_len(&line.text) else {
            continue;
        };
        if row.labels.is_empty() {
            return Some((i, len));
        }
        let start = Pos { line: i, byte: len };
        let (m, key_len) = best_label(lines, start, lines.len(), row);
        if m.full || m.matched * 2 >= key_len {
            return Some((i, len));
        }
        first.get_or_insert((i, len));
    }
    first
}

/// The best match among the row's label wordings: a full match of the
/// longest wording, else the longest partial match. Also returns the length
/// of the matched wording.
fn best_label(lines: &[Line], start: Pos, limit: usize, row: &Row) -> (Match, usize) {
    let mut best: Option<(Match, usize)> = None;
    for key in &row.labels {
        let m = matcher::match_at(lines, start, limit, key);
        let better = match &best {
            None => true,
            Some((b, _)) => (m.full, m.matched) > (b.full, b.matched),
        };
        if better {
            best = Some((m, key.len()));
        }
    }
    best.unwrap_or((
        Match {
            end: start,
            matched: 0,
            full: true,
        },
        0,
    ))
}

/// Cut the row's segment: match the label, then as many column headers as
/// follow it in order.
fn segment(lines: &[Line], row: &Row, anchor: usize, code_len: usize, end: usize) -> Segment {
    let code_end = Pos {
        line: anchor,
        byte: code_len,
    };
    let (label, _) = best_label(lines, code_end, end, row);
    let mut start = label.end;
    if label.full {
        for alternatives in &row.headers {
            let hit = alternatives
                .iter()
                .map(|k| matcher::match_at(lines, start, end, k))
                .find(|m| m.full);
            match hit {
                Some(m) => start = m.end,
                None => break,
            }
        }
    }
    Segment {
        anchor,
        code_end,
        start,
        label_full: label.full,
        end,
    }
}

/// Whether line `i` holds nothing but column headers (`Numero Modalità di
/// determinazione della spesa aggiuntiva Spesa aggiuntiva`).
fn is_header_line(lines: &[Line], i: usize, phrases: &[Key]) -> bool {
    let text = &lines[i].text;
    if text.is_empty() {
        return false;
    }
    let mut pos = Pos { line: i, byte: 0 };
    loop {
        if text[pos.byte..].trim().is_empty() {
            return pos.byte > 0;
        }
        let hit = phrases
            .iter()
            .map(|k| matcher::match_at(lines, pos, i + 1, k))
            .find(|m| m.full && m.end.line == i && m.end.byte > pos.byte);
        match hit {
            Some(m) => pos = m.end,
            None => return false,
        }
    }
}

/// Report the rows not found, each with the place where it was expected.
fn missing_rows(
    lines: &[Line],
    rows: &[Row],
    anchors: &[Option<(usize, usize)>],
    opts: &Options,
    d: &mut Diags,
) {
    let quadro3_found = rows
        .iter()
        .zip(anchors)
        .any(|(r, a)| r.quadro == 3 && a.is_some());
    if !quadro3_found && opts.quadro3_optional {
        let mut quadro3 = rows.iter().filter(|r| r.quadro == 3).map(|r| r.code);
        let first = quadro3.next().unwrap_or_default();
        let last = quadro3.next_back().unwrap_or(first);
        d.warnings.push(
            Diagnostic::warning(format!(
                "quadro 3 ({first} to {last}) is not in the text: its fields are left blank"
            ))
            .with_hint("this page leaves Quadro 3 out when the Comune has no additional resources to report"),
        );
    }
    let missing = |ri: usize| {
        let row = &rows[ri];
        let optional = row.quadro == 3 && opts.quadro3_optional && !quadro3_found
            || row.kind == Kind::Sino && opts.questions_optional;
        anchors[ri].is_none() && !optional
    };
    let mut ri = 0;
    while ri < rows.len() {
        if !missing(ri) {
            ri += 1;
            continue;
        }
        // A run of consecutive missing rows is one error (a text cut short
        // misses everything after some row).
        let first = ri;
        while ri + 1 < rows.len() && missing(ri + 1) {
            ri += 1;
        }
        let last = ri;
        ri += 1;
        let prev = (0..first)
            .rev()
            .find_map(|j| anchors[j].map(|a| (rows[j].code, lines[a.0].no)));
        let next =
            (last + 1..rows.len()).find_map(|j| anchors[j].map(|a| (rows[j].code, lines[a.0].no)));
        let (place, no) = match (prev, next) {
            (Some((p, pl)), Some((n, nl))) => (
                format!("expected after {p} (line {pl}) and before {n} (line {nl})"),
                nl,
            ),
            (Some((p, pl)), None) => (format!("expected after {p} (line {pl})"), pl + 1),
            (None, Some((n, nl))) => (format!("expected before {n} (line {nl})"), nl),
            (None, None) => ("no row found".to_string(), 1),
        };
        let (what, hint) = if first == last {
            (
                format!("row {}", rows[first].code),
                "the text must hold every row of the form, each starting with its code",
            )
        } else {
            (
                format!("rows {} to {}", rows[first].code, rows[last].code),
                "the text must hold every row of the form; is part of it missing?",
            )
        };
        d.errors.push(
            Diagnostic::error(format!("{what} not found ({place})"))
                .at(Location::line(no))
                .with_hint(hint),
        );
    }
}

/// Warn about lines of numbers before the first row: they look like data
/// but belong to no row.
fn skipped_before(lines: &[Line], first: usize, d: &mut Diags) {
    for line in &lines[..first] {
        if line.furniture.is_none() && values::all_numbers(&line.text) {
            d.warn(
                line.no,
                format!(
                    "skipped `{}`: it looks like data but comes before the first row",
                    line.text
                ),
            );
        }
    }
}
