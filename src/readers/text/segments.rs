//! Finding each row in the text and cutting its [`Segment`]: the line that
//! starts with the row's code and goes on with its label ([`find_anchor`],
//! [`label_follows`]), where the label and the column headers end
//! ([`segment`]), and the lines that hold nothing but column headers
//! ([`is_header_line`]).
//!
//! Nothing here depends on line positions: a label may wrap anywhere, and
//! print furniture may fall between any two lines.

use super::lines::Line;
use super::matcher::{self, Key, Match, Pos};
use super::rows::Row;

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
    /// Where the label or a column header matched only thanks to a lost
    /// character (`Modalit? di`), if anywhere: the first such place.
    pub lost: Option<Pos>,
}

/// The first line from `from` on that starts with the row's code; when
/// several do, the first whose label matches at least half way (a sentence
/// wrapped so that a line starts with `R09 in quanto` is not row R09).
/// Returns the line index and the length of the code.
pub(super) fn find_anchor(lines: &[Line], from: usize, row: &Row) -> Option<(usize, usize)> {
    let mut first = None;
    for (i, line) in lines.iter().enumerate().skip(from) {
        let Some(len) = row.code_len(&line.text) else {
            continue;
        };
        if label_follows(lines, i, len, row) {
            return Some((i, len));
        }
        first.get_or_insert((i, len));
    }
    first
}

/// Whether line `i`, which starts with the row's code (`code_len` bytes),
/// goes on with the row's label, at least half of it (a question has none).
pub(super) fn label_follows(lines: &[Line], i: usize, code_len: usize, row: &Row) -> bool {
    if row.labels.is_empty() {
        return true;
    }
    let start = Pos {
        line: i,
        byte: code_len,
    };
    let (m, key_len) = best_label(lines, start, lines.len(), row);
    m.full || m.matched * 2 >= key_len
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
            lost: None,
        },
        0,
    ))
}

/// Cut the row's segment: match the label, then as many column headers as
/// follow it in order.
pub(super) fn segment(
    lines: &[Line],
    row: &Row,
    anchor: usize,
    code_len: usize,
    end: usize,
) -> Segment {
    let code_end = Pos {
        line: anchor,
        byte: code_len,
    };
    let (label, _) = best_label(lines, code_end, end, row);
    let mut start = label.end;
    let mut lost = label.lost;
    if label.full {
        for alternatives in &row.headers {
            let hit = alternatives
                .iter()
                .map(|k| matcher::match_at(lines, start, end, k))
                .find(|m| m.full);
            match hit {
                Some(m) => {
                    start = m.end;
                    lost = lost.or(m.lost);
                }
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
        lost,
    }
}

/// Whether line `i` holds nothing but column headers (`Numero Modalità di
/// determinazione della spesa aggiuntiva Spesa aggiuntiva`).
pub(super) fn is_header_line(lines: &[Line], i: usize, phrases: &[Key]) -> bool {
    let Some(text) = lines.get(i).map(|l| l.text.as_str()) else {
        return false;
    };
    if text.is_empty() {
        return false;
    }
    let mut pos = Pos { line: i, byte: 0 };
    loop {
        if text.get(pos.byte..).unwrap_or("").trim().is_empty() {
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
