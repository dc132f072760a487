//! `pdftotext -layout` output (what most guides recommend): each page's
//! text laid out on a grid of characters, columns aligned with spaces, so
//! that a row's label, its column headers and its values stand side by
//! side on the same lines (`M18 - Utenti con dipendenze e    Numero di
//! utenti serviti - 2019 ...` / `salute mentale     0     1 ...`).
//!
//! Such a text is read as a layout of its own: every character becomes a
//! glyph where it stands on the grid (a column is 0.6 em wide, a line 1 em
//! high, so that one space separates words and two separate cells), and
//! the positional reader of PDFs ([`crate::readers::pdf::order`]) rebuilds
//! the reading order from them, page by page (pages end at a form feed).
//! What comes out is read as the PDF itself would be; each line keeps the
//! number of the input line it starts on.

use crate::readers::pdf::glyphs::Glyph;
use crate::readers::pdf::order;

/// Width of one character of the grid, in ems.
const CHAR_WIDTH: f64 = 0.6;

/// The fewest lines with cells aligned by spaces for a text to be taken
/// for `pdftotext -layout` output (and at least a quarter of its lines).
const MIN_ALIGNED: usize = 12;

/// Whether `text` looks like `pdftotext -layout` output: many of its lines
/// hold runs of three spaces or more between two pieces of text (cells side
/// by side), or start far to the right.
pub(super) fn looks_aligned(text: &str) -> bool {
    let mut lines = 0;
    let mut aligned = 0;
    for line in text.lines() {
        let trimmed = line.trim_end();
        if trimmed.trim_start().is_empty() {
            continue;
        }
        lines += 1;
        let indent = trimmed.len() - trimmed.trim_start_matches(' ').len();
        if indent >= 8 || trimmed.trim_start().contains("   ") {
            aligned += 1;
        }
    }
    aligned >= MIN_ALIGNED && aligned * 4 >= lines
}

/// The text in reading order: lines of text, each with the 1-based number
/// of the input line it starts on.
pub(super) fn reflow(text: &str) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    let mut first_no = 1;
    for page in text.split('\u{c}') {
        let rows: Vec<&str> = page.split('\n').collect();
        let mut glyphs = Vec::new();
        for (row, raw) in rows.iter().enumerate() {
            let raw = raw.strip_suffix('\r').unwrap_or(raw);
            for (col, c) in raw.chars().enumerate() {
                if c.is_whitespace() || c == '\u{a0}' {
                    continue;
                }
                glyphs.push(Glyph {
                    text: c.to_string(),
                    x: col as f64 * CHAR_WIDTH,
                    y: row as f64,
                    size: 1.0,
                    advance: CHAR_WIDTH,
                });
            }
        }
        if !glyphs.is_empty() {
            if !out.is_empty() {
                out.push((first_no, String::new()));
            }
            let mut last_no = first_no;
            for (y, text) in order::page_lines(&glyphs) {
                // Rows are whole numbers: the baseline is the row.
                let no = y.map_or(last_no, |y| first_no + y.round().max(0.0) as usize);
                last_no = no;
                out.push((no, text));
            }
        }
        first_no += rows.len().saturating_sub(1);
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn cells_side_by_side_read_label_headers_values() {
        let text = "\
   Quadro 1     M18 - Utenti con dipendenze e   Numero di utenti serviti - 2019 Numero di utenti serviti - 2024
                salute mentale                          0                                1

                M21 - Utenti anziani            Numero di utenti serviti - 2019 Numero di utenti serviti - 2024
                                                        4                                5
";
        let got: Vec<(usize, String)> = reflow(text);
        let texts: Vec<&str> = got.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Quadro 1",
                "",
                "M18 - Utenti con dipendenze e",
                "salute mentale",
                "",
                "Numero di utenti serviti - 2019 Numero di utenti serviti - 2024",
                "0 1",
                "",
                "M21 - Utenti anziani",
                "",
                "Numero di utenti serviti - 2019 Numero di utenti serviti - 2024",
                "4 5",
            ]
        );
        let nos: Vec<usize> = got.iter().map(|(no, _)| *no).collect();
        assert_eq!(nos[2..4], [1, 2]);
        assert_eq!(nos[10..], [4, 5]);
    }

    #[test]
    fn page_breaks_keep_line_numbers() {
        let text = "a   b\n\u{c}c   d\n";
        let got = reflow(text);
        assert_eq!(
            got.last().map(|(no, t)| (*no, t.as_str())),
            Some((2, "c d"))
        );
    }
}
