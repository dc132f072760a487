//! Rows printed more than once: a page printed twice, and two forms in one
//! file.
//!
//! The rows of a form come in the form's order, so a row code that comes
//! back after a later row's (`M35 ... M41 M35 ... M41 M44`) starts a repeat.
//! Its run is the rows that then follow in the same order as the first
//! time. A run of most of the form is a second form: an error, since the
//! reader returns one form. A shorter run is a page printed twice: when
//! each repeated row's lines are those of its first printing the copy is
//! dropped, with a warning; when a row's lines differ, it is an error naming
//! the row, since the reader cannot tell which copy is right.

use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::form::VoceKind;
use crate::messages::{Message, kind};
use crate::model::Edizione;

use super::context::{Diags, line_no};
use super::lines::{Furniture, Line};
use super::rows::Row;
use super::segments::label_follows;

/// How many repeats are looked at, at most (each one drops lines).
const MAX_REPEATS: usize = 16;

/// The lines of the text with every page printed twice dropped (with a
/// warning), or an error: two forms, or a page printed twice with
/// differing rows.
pub(super) fn dedupe(lines: &[Line], ed: Edizione, rows: &[Row], d: &mut Diags) -> Vec<Line> {
    let mut lines = lines.to_vec();
    for _ in 0..MAX_REPEATS {
        let starts = row_starts(&lines, rows);
        let Some(repeat) = first_repeat(&starts) else {
            break;
        };
        let distinct = {
            let mut seen: Vec<usize> = starts.iter().map(|s| s.1).collect();
            seen.sort_unstable();
            seen.dedup();
            seen.len()
        };
        if repeat.len * 2 > distinct {
            d.errors.push(two_forms(&lines, &starts, &repeat, ed));
            break;
        }
        match compare(&lines, &starts, &repeat, rows) {
            Ok((from, to)) => {
                d.warnings
                    .push(printed_twice(&lines, &starts, &repeat, rows, to));
                lines.drain(from..to);
            }
            Err(e) => {
                d.errors.push(e);
                break;
            }
        }
    }
    lines
}

/// Where each row starts: (line index, row index), in the text's order.
fn row_starts(lines: &[Line], rows: &[Row]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if line.furniture.is_some() {
            continue;
        }
        let hit = rows.iter().enumerate().find(|(_, r)| {
            r.code_len(&line.text)
                .is_some_and(|len| label_follows(lines, i, len, r))
        });
        if let Some((ri, _)) = hit {
            out.push((i, ri));
        }
    }
    out
}

/// A repeat: the rows at `starts[second..second + len]` are those at
/// `starts[first..first + len]`, in the same order.
struct Repeat {
    first: usize,
    second: usize,
    len: usize,
}

/// The first place where a row comes again after a later one.
fn first_repeat(starts: &[(usize, usize)]) -> Option<Repeat> {
    let back = starts
        .windows(2)
        .position(|w| matches!(w, [a, b] if b.1 <= a.1))?
        + 1;
    let row = starts.get(back)?.1;
    let first = starts.iter().take(back).rposition(|s| s.1 == row)?;
    let len = starts
        .iter()
        .skip(first)
        .take(back - first)
        .zip(starts.iter().skip(back))
        .take_while(|(a, b)| a.1 == b.1)
        .count();
    Some(Repeat {
        first,
        second: back,
        len,
    })
}

/// The content of lines `from..to`: neither blank nor page furniture.
fn content(lines: &[Line], from: usize, to: usize) -> Vec<&str> {
    lines
        .iter()
        .take(to)
        .skip(from)
        .filter(|l| !l.is_blank() && l.furniture.is_none())
        .map(|l| l.text.as_str())
        .collect()
}

/// The line where the row at `starts[k]` ends: where the next one starts.
fn end_of(lines: &[Line], starts: &[(usize, usize)], k: usize) -> usize {
    starts.get(k + 1).map_or(lines.len(), |s| s.0)
}

/// Compare each repeated row with its first printing: the range of lines
/// to drop when they are the same, else the error naming the first row that
/// differs. The last repeated row's lines run on into what follows the
/// repeat, so only as many lines as both printings have are compared.
fn compare(
    lines: &[Line],
    starts: &[(usize, usize)],
    r: &Repeat,
    rows: &[Row],
) -> Result<(usize, usize), Diagnostic> {
    for i in 0..r.len {
        let (Some(a), Some(b)) = (starts.get(r.first + i), starts.get(r.second + i)) else {
            break;
        };
        let one = content(lines, a.0, end_of(lines, starts, r.first + i));
        let two = content(lines, b.0, end_of(lines, starts, r.second + i));
        let same = if i + 1 == r.len {
            one.iter().zip(&two).all(|(x, y)| x == y)
        } else {
            one == two
        };
        if !same {
            let code = rows.get(a.1).map_or("", |row| row.code);
            let (l1, l2) = (line_no(lines, a.0), line_no(lines, b.0));
            let message = Message::new(
                kind::ROW_TWICE_DIFFERENT,
                [
                    ("row", code.into()),
                    ("first", l1.into()),
                    ("second", l2.into()),
                ],
            );
            let hint = Message::new(kind::ROW_TWICE_DIFFERENT_HINT, []);
            return Err(
                Diagnostic::coded(Severity::Error, message, Some(hint)).at(Location::line(l2))
            );
        }
    }
    let from = starts.get(r.second).map_or(lines.len(), |s| s.0);
    let to = end_of(lines, starts, r.second + r.len - 1);
    Ok((from, to))
}

/// The warning for rows printed twice alike, dropped up to line index `to`.
fn printed_twice(
    lines: &[Line],
    starts: &[(usize, usize)],
    r: &Repeat,
    rows: &[Row],
    to: usize,
) -> Diagnostic {
    let code = |k: usize| {
        starts
            .get(k)
            .and_then(|s| rows.get(s.1))
            .map_or("", |row| row.code)
    };
    let (first, last) = (code(r.second), code(r.second + r.len - 1));
    let at = |k: usize| starts.get(k).map_or(0, |s| line_no(lines, s.0));
    let end = line_no(lines, to.saturating_sub(1));
    let message = if r.len == 1 {
        Message::new(
            kind::ROW_TWICE,
            [
                ("row", first.into()),
                ("first", at(r.first).into()),
                ("second", at(r.second).into()),
            ],
        )
    } else {
        Message::new(
            kind::ROWS_TWICE,
            [
                ("first_row", first.into()),
                ("last_row", last.into()),
                ("first", at(r.first).into()),
                ("second", at(r.second).into()),
            ],
        )
    };
    let hint = Message::new(
        kind::PRINTED_TWICE_HINT,
        [("from", at(r.second).into()), ("to", end.into())],
    );
    Diagnostic::coded(Severity::Warning, message, Some(hint)).at(Location::line(at(r.second)))
}

/// The error for a text holding a second form, which starts at its first
/// title, header line or opening note after the last row before the
/// repeat, else at its first row.
fn two_forms(lines: &[Line], starts: &[(usize, usize)], r: &Repeat, ed: Edizione) -> Diagnostic {
    let after = starts.get(r.second.wrapping_sub(1)).map_or(0, |s| s.0 + 1);
    let row_line = starts.get(r.second).map_or(lines.len(), |s| s.0);
    // The first note of the form (`Ciascun Comune dovrà ...`), its opening words.
    let note: Option<String> = ed
        .description()
        .quadri
        .iter()
        .flat_map(|q| &q.voci)
        .find_map(|v| match &v.kind {
            VoceKind::Nota { testo, .. } => Some(testo.chars().take(24).collect()),
            _ => None,
        });
    let start = lines
        .iter()
        .enumerate()
        .take(row_line)
        .skip(after)
        .find(|(_, l)| {
            matches!(l.furniture, Some(Furniture::Title | Furniture::Header))
                || note.as_deref().is_some_and(|n| l.text.starts_with(n))
        })
        .map_or(row_line, |(i, _)| i);
    let no = line_no(lines, start);
    Diagnostic::coded(
        Severity::Error,
        Message::new(kind::TWO_FORMS, [("line", no.into())]),
        Some(Message::new(kind::TWO_FORMS_HINT, [("line", no.into())])),
    )
    .at(Location::line(no))
}
