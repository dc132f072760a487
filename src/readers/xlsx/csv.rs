//! CSV tables as a sheet: the same layouts as a workbook's sheet (a
//! multi-Comune table, a form laid out line by line), every cell text.
//!
//! - Encoding: UTF-8 with or without a byte order mark, UTF-16 with one
//!   (Excel's "Unicode text"), else Windows-1252 (what Excel in Italian
//!   writes as "CSV").
//! - Separator: `;` (Excel in Italian), `,` or a tab, whichever splits the
//!   most lines into the same number of fields (quoted fields may hold
//!   separators and line breaks; the `csv` crate reads them).
//! - Numbers: Italian notation (`1.234,5`) or plain (`1234.5`, `1,234.5`),
//!   decided once for the whole file from the numbers that can only be read
//!   one way; a plain file is rewritten to Italian text, with a warning, so
//!   the cells read as any text cell does. `1.234` alone is Italian
//!   thousands; a file that mixes both notations, or whose only telling
//!   numbers could be either, is an error naming a cell.
//! - Short rows are read as if padded with empty cells.

use calamine::{Data, Range};

use super::cells::{Sheet, a1};
use crate::diagnostic::{Diagnostic, Error, Location, Result, Severity, Warned};
use crate::messages::{Message, kind as k};

/// The name CSV cells are given in messages (`CSV!B3`).
pub(super) const SHEET: &str = "CSV";

/// The separators tried, most usual first.
const SEPARATORS: [u8; 3] = [b';', b',', b'\t'];

/// Read `bytes` as a CSV table into one sheet.
pub(super) fn sheet(bytes: &[u8]) -> Result<Warned<Sheet>> {
    let text = decode(bytes);
    let sep = separator(&text);
    let mut rows = records(&text, sep)?;
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    // A dense sheet of a very ragged table could be far larger than the file.
    let cells = rows.len().saturating_mul(width);
    if cells > bytes.len().saturating_mul(4).saturating_add(1_000_000) {
        let message = Message::new(
            k::CSV_RAGGED,
            [("rows", rows.len().into()), ("width", width.into())],
        );
        let hint = Message::new(k::CSV_RAGGED_HINT, []);
        return Err(Error::new(Diagnostic::coded(
            Severity::Error,
            message,
            Some(hint),
        )));
    }
    let mut warnings = Vec::new();
    match notation(&rows)? {
        Notation::Italian => {}
        Notation::Plain { at } => {
            let message = Message::new(k::CSV_PLAIN, []);
            let hint = Message::new(k::CSV_PLAIN_HINT, []);
            warnings.push(Diagnostic::coded(Severity::Warning, message, Some(hint)).at(at));
            for row in &mut rows {
                for field in row.iter_mut() {
                    if let Some(italian) = plain_to_italian(field) {
                        *field = italian;
                    }
                }
            }
        }
    }
    let mut sparse = Vec::new();
    for (r, row) in rows.into_iter().enumerate() {
        for (c, field) in row.into_iter().enumerate() {
            if field.trim().is_empty() {
                continue;
            }
            let (Ok(r), Ok(c)) = (u32::try_from(r), u32::try_from(c)) else {
                continue;
            };
            sparse.push(calamine::Cell::new((r, c), Data::String(field)));
        }
    }
    Ok(Warned {
        value: Sheet::from_values(SHEET.into(), Range::from_sparse(sparse)),
        warnings,
    })
}

/// The text of the bytes: UTF-8 (a byte order mark dropped), UTF-16 with a
/// byte order mark, else Windows-1252.
fn decode(bytes: &[u8]) -> String {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let rest = bytes.get(bom..).unwrap_or_default();
        return encoding.decode_without_bom_handling(rest).0.into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned(),
    }
}

/// The separator that splits the most of the first lines into the same
/// number of fields (two or more); more fields break a tie.
fn separator(text: &str) -> u8 {
    let mut best = (0usize, 0usize, b';');
    for sep in SEPARATORS {
        let counts: Vec<usize> = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(sep)
            .from_reader(text.as_bytes())
            .records()
            .take(50)
            .filter_map(std::result::Result::ok)
            .map(|r| {
                let fields: Vec<&str> = r.iter().collect();
                fields
                    .iter()
                    .rposition(|f| !f.trim().is_empty())
                    .map_or(0, |i| i + 1)
            })
            .filter(|&n| n > 1)
            .collect();
        // The most frequent field count, and how many lines have it.
        let mut mode = (0usize, 0usize);
        for &n in &counts {
            let lines = counts.iter().filter(|&&m| m == n).count();
            if (lines, n) > (mode.1, mode.0) {
                mode = (n, lines);
            }
        }
        if (mode.1, mode.0) > (best.0, best.1) {
            best = (mode.1, mode.0, sep);
        }
    }
    best.2
}

/// Every record of the table, as text.
fn records(text: &str, sep: u8) -> Result<Vec<Vec<String>>> {
    let mut rows = Vec::new();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(sep)
        .from_reader(text.as_bytes());
    // One record read into again and again: the records iterator clones
    // the last record's room for fields into each new one, which a line of
    // very many fields makes quadratic.
    let mut record = csv::StringRecord::new();
    loop {
        let more = reader.read_record(&mut record).map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            let message = Message::new(k::CSV_UNREADABLE, [("error", e.to_string().into())]);
            Error::new(
                Diagnostic::coded(Severity::Error, message, None)
                    .at(Location::line(usize::try_from(line).unwrap_or(0))),
            )
        })?;
        if !more {
            break;
        }
        rows.push(record.iter().map(str::to_string).collect());
    }
    Ok(rows)
}

/// How a number can be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reading {
    /// Only in Italian notation (`12,5`, `1.234,5`, `1.234.567`).
    Italian,
    /// Only in plain notation (`12.5`, `1,234.5`, `1,234,567`).
    Plain,
    /// `1.234`: thousands in Italian, a decimal in plain notation.
    DotThousands,
    /// `1,234`: a decimal in Italian, thousands in plain notation.
    CommaThousands,
    /// Digits only: the same in both.
    Whole,
}

/// The digits of a number as text (sign and euro sign aside), if it is one.
fn digits(text: &str) -> Option<&str> {
    let t = text
        .trim()
        .trim_matches(|c: char| c == '€' || c.is_whitespace());
    let t = t.strip_prefix(['-', '+', '\u{2212}']).unwrap_or(t).trim();
    let ok = t.starts_with(|c: char| c.is_ascii_digit())
        && t.ends_with(|c: char| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',');
    ok.then_some(t)
}

/// How the number `text` can be read; `None` when it is not one.
fn reading(text: &str) -> Option<Reading> {
    let t = digits(text)?;
    let grouped = |sep: char| {
        let mut parts = t.split(sep);
        let first = parts.next().unwrap_or_default();
        (1..=3).contains(&first.len()) && parts.all(|p| p.len() == 3)
    };
    let (dots, commas) = (t.matches('.').count(), t.matches(',').count());
    Some(match (dots, commas) {
        (0, 0) => Reading::Whole,
        (_, 0) if dots > 1 => {
            if !grouped('.') {
                return None;
            }
            Reading::Italian
        }
        (0, _) if commas > 1 => {
            if !grouped(',') {
                return None;
            }
            Reading::Plain
        }
        (1, 0) if grouped('.') => Reading::DotThousands,
        (1, 0) => Reading::Plain,
        (0, 1) if grouped(',') => Reading::CommaThousands,
        (0, 1) => Reading::Italian,
        _ => {
            let last_comma = t.rfind(',').unwrap_or(0);
            let last_dot = t.rfind('.').unwrap_or(0);
            if last_comma > last_dot {
                Reading::Italian
            } else {
                Reading::Plain
            }
        }
    })
}

/// The notation of a file's numbers.
enum Notation {
    Italian,
    /// Plain; `at` is the first cell that tells.
    Plain {
        at: Location,
    },
}

/// The notation of the table's numbers, decided from those that can be
/// read only one way; an error when they disagree or none tells and some
/// could be read either way.
fn notation(rows: &[Vec<String>]) -> Result<Notation> {
    let at = |r: usize, c: usize| {
        Location::cell(
            SHEET,
            a1(
                u32::try_from(r).unwrap_or(u32::MAX),
                u32::try_from(c).unwrap_or(u32::MAX),
            ),
        )
    };
    let mut first: [Option<(Location, &str)>; 4] = [None, None, None, None];
    for (r, row) in rows.iter().enumerate() {
        for (c, field) in row.iter().enumerate() {
            let slot = match reading(field) {
                Some(Reading::Italian) => 0,
                Some(Reading::Plain) => 1,
                Some(Reading::DotThousands) => 2,
                Some(Reading::CommaThousands) => 3,
                _ => continue,
            };
            if let Some(s) = first.get_mut(slot)
                && s.is_none()
            {
                *s = Some((at(r, c), field.trim()));
            }
        }
    }
    let [italian, plain, dot, comma] = first;
    match (italian, plain, dot, comma) {
        (Some((it_at, it)), Some((pl_at, pl)), _, _) => Err(notation_error(
            Message::new(
                k::CSV_MIXED,
                [
                    ("italian", it.into()),
                    ("plain", pl.into()),
                    ("at", pl_at.to_string().into()),
                ],
            ),
            it_at,
        )),
        (Some(_), None, _, _) => Ok(Notation::Italian),
        (None, Some((at, _)), _, _) => Ok(Notation::Plain { at }),
        (None, None, Some((dot_at, d)), Some((_, c))) => Err(notation_error(
            Message::new(k::CSV_AMBIGUOUS, [("dot", d.into()), ("comma", c.into())]),
            dot_at,
        )),
        (None, None, None, Some((at, c))) => Err(notation_error(
            Message::new(k::CSV_COMMA, [("number", c.into())]),
            at,
        )),
        // `1.234` alone: Italian thousands.
        _ => Ok(Notation::Italian),
    }
}

/// The error of numbers whose notation cannot be told, at `at`.
fn notation_error(message: Message, at: Location) -> Error {
    let hint = Message::new(k::CSV_NOTATION_HINT, []);
    Error::new(Diagnostic::coded(Severity::Error, message, Some(hint)).at(at))
}

/// A number in plain notation as Italian text (`1,234.5` -> `1234,5`);
/// `None` for a field that is not a number.
fn plain_to_italian(field: &str) -> Option<String> {
    let d = digits(field)?;
    if !d.contains(['.', ',']) {
        return None;
    }
    let italian = d.replace(',', "").replace('.', ",");
    Some(field.replacen(d, &italian, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> Vec<Vec<String>> {
        records(&decode(text.as_bytes()), separator(text)).unwrap()
    }

    #[test]
    fn separators_and_quotes() {
        let t = table("Comune;\"M12; utenti\";Note\nA;1;\"due\nrighe\"\nB;2\n");
        assert_eq!(t[0], ["Comune", "M12; utenti", "Note"]);
        assert_eq!(t[1][2], "due\nrighe");
        assert_eq!(t[2], ["B", "2"]);
        let t = table("Comune,M12 Utenti 2024,\"R06, 2024\"\nA,1,\"12,5\"\n");
        assert_eq!(t[0].len(), 3);
        assert_eq!(t[1][2], "12,5");
    }

    #[test]
    fn encodings() {
        assert_eq!(decode(b"\xEF\xBB\xBFCitt\xC3\xA0"), "Città");
        assert_eq!(decode(b"Citt\xE0"), "Città");
        assert_eq!(decode(b"\xFF\xFEa\x00;\x00"), "a;");
    }

    #[test]
    fn readings_of_numbers() {
        let cases = [
            ("12,5", Some(Reading::Italian)),
            ("1.234,56", Some(Reading::Italian)),
            ("1.234.567", Some(Reading::Italian)),
            ("1234.5", Some(Reading::Plain)),
            ("1,234.5", Some(Reading::Plain)),
            ("1,234,567", Some(Reading::Plain)),
            ("1.234", Some(Reading::DotThousands)),
            ("1,234", Some(Reading::CommaThousands)),
            ("-7162 €", Some(Reading::Whole)),
            ("20.03.2026", None),
            ("M12", None),
        ];
        for (text, want) in cases {
            assert_eq!(reading(text), want, "{text}");
        }
        assert_eq!(plain_to_italian("1,234.5").as_deref(), Some("1234,5"));
        assert_eq!(plain_to_italian("-33.63 €").as_deref(), Some("-33,63 €"));
        assert_eq!(plain_to_italian("7162"), None);
    }

    #[test]
    fn the_notation_is_decided_once() {
        let rows = |cells: &[&str]| vec![cells.iter().map(|c| c.to_string()).collect()];
        assert!(matches!(
            notation(&rows(&["1.234", "12,5"])),
            Ok(Notation::Italian)
        ));
        assert!(matches!(
            notation(&rows(&["1.234", "7"])),
            Ok(Notation::Italian)
        ));
        assert!(matches!(
            notation(&rows(&["1234.5", "1.234"])),
            Ok(Notation::Plain { .. })
        ));
        assert!(notation(&rows(&["1234.5", "12,5"])).is_err());
        assert!(notation(&rows(&["1,234"])).is_err());
    }
}
