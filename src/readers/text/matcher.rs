//! Matching the form's printed phrases (row labels, column headers) against
//! the lines of a text, ignoring white space, line breaks and case, so that
//! a label reads the same however the text was split into lines
//! (`R15 -TOTALE OBIETTIVI DI` / `SERVIZIO 2024` is `R15 - TOTALE OBIETTIVI
//! DI SERVIZIO 2024`). Typographic apostrophes match `'`.

use super::lines::Line;

/// A place in the lines: a line index and a byte offset in its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Pos {
    /// Index into the lines.
    pub line: usize,
    /// Byte offset into the line's text.
    pub byte: usize,
}

/// A phrase prepared for matching: its characters without white space,
/// folded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Key(Vec<char>);

impl Key {
    /// The key of a printed phrase.
    pub fn new(phrase: &str) -> Self {
        Key(phrase
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(fold)
            .collect())
    }

    /// Number of characters to match.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The folded characters as a string.
    pub fn text(&self) -> String {
        self.0.iter().collect()
    }
}

/// Fold a character for comparison: lower case, one apostrophe, one quote.
fn fold(c: char) -> impl Iterator<Item = char> {
    let c = match c {
        '\u{2019}' | '\u{2018}' | '`' | '\u{b4}' => '\'',
        '\u{201c}' | '\u{201d}' => '"',
        c => c,
    };
    c.to_lowercase()
}

/// Whether `c` stands for a character the text lost: `?` or U+FFFD, what a
/// code page without the character writes in its place (`Modalit? di`,
/// `R08 ? Risorse` for `R08 ‐ Risorse`).
pub(super) fn is_lost(c: char) -> bool {
    c == '?' || c == '\u{FFFD}'
}

/// Whether a lost character of the text may stand for the (folded)
/// character `k` of a phrase: a letter or sign outside ASCII (`à`, `°`), or
/// the ASCII stand-in of one (`'` for `’`, `"` for `“`, `-` for U+2010).
fn may_be_lost(k: char) -> bool {
    !k.is_ascii() || matches!(k, '\'' | '"' | '-')
}

/// Whether the word `text` is `word`, case aside, where each lost
/// character of `text` may stand for one character of `word` outside ASCII
/// (`modalit?` is `modalità`).
pub(super) fn same_word(text: &str, word: &str) -> bool {
    let (mut t, mut w) = (text.chars(), word.chars());
    loop {
        match (t.next(), w.next()) {
            (None, None) => return true,
            (Some(a), Some(b)) if is_lost(a) && may_be_lost(b) => {}
            (Some(a), Some(b)) if fold(a).eq(fold(b)) => {}
            _ => return false,
        }
    }
}

/// How far a phrase matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Match {
    /// The place just after the last matched character.
    pub end: Pos,
    /// How many of the phrase's characters matched.
    pub matched: usize,
    /// Whether the whole phrase matched, ending at a word boundary.
    pub full: bool,
    /// Where the text had a lost character ([`is_lost`]) in place of one of
    /// the phrase's, if it did: the first such place.
    pub lost: Option<Pos>,
}

/// Match `key` at `start`, reading across lines up to (not including) line
/// `limit`. A leading `-` in the key is optional in the text (`R02 Numero`
/// and `R02 - Numero` are the same label). A lost character in the text
/// ([`is_lost`]) matches one character of the key that a code page may lack
/// (`à`, `’`, `-`), and is otherwise skipped like the space it may stand for
/// (a lost NBSP). A phrase that does not match whole matches across the
/// lines of print furniture it runs into after its first line (a heading
/// or a table's header printed between a row's code and its label).
pub(super) fn match_at(lines: &[Line], start: Pos, limit: usize, key: &Key) -> Match {
    let plain = match_with(lines, start, limit, key, false);
    if plain.full
        || !lines
            .iter()
            .take(limit)
            .skip(start.line + 1)
            .any(|l| l.furniture.is_some())
    {
        return plain;
    }
    let around = match_with(lines, start, limit, key, true);
    if around.full { around } else { plain }
}

/// [`match_at`], over the lines of print furniture after the first or not.
fn match_with(lines: &[Line], start: Pos, limit: usize, key: &Key, around: bool) -> Match {
    let mut want: &[char] = &key.0;
    let dash = matches!(first_char(lines, start, limit), Some(c) if c == '-' || is_lost(c));
    if let Some(('-', rest)) = want.split_first().filter(|_| !dash) {
        want = rest;
    }
    let mut matched = 0;
    let mut end = start;
    let mut last = None;
    let mut lost = None;
    let furniture = |pos: &Pos| {
        around
            && pos.line > start.line
            && lines.get(pos.line).is_some_and(|l| l.furniture.is_some())
    };
    'outer: for (pos, c) in chars(lines, start, limit).filter(|(p, _)| !furniture(p)) {
        if c.is_whitespace() {
            continue;
        }
        let next = Pos {
            line: pos.line,
            byte: pos.byte + c.len_utf8(),
        };
        match want.get(matched) {
            Some(&k) if is_lost(c) && k != c => {
                lost.get_or_insert(pos);
                if may_be_lost(k) {
                    matched += 1;
                    end = next;
                    last = Some(k);
                    if matched == want.len() {
                        break;
                    }
                }
                continue;
            }
            _ => {}
        }
        for f in fold(c) {
            if want.get(matched) != Some(&f) {
                break 'outer;
            }
            matched += 1;
        }
        end = next;
        last = Some(c);
        if matched == want.len() {
            break;
        }
    }
    let skipped = key.0.len() - want.len();
    let full = matched == want.len() && boundary(lines, end, last);
    Match {
        end,
        matched: matched + skipped,
        full,
        lost: lost.filter(|p| *p < end),
    }
}

/// The first non-space character at or after `start`.
fn first_char(lines: &[Line], start: Pos, limit: usize) -> Option<char> {
    chars(lines, start, limit)
        .map(|(_, c)| c)
        .find(|c| !c.is_whitespace())
}

/// The characters from `start` on, with their places; line breaks are
/// skipped like white space.
fn chars(lines: &[Line], start: Pos, limit: usize) -> impl Iterator<Item = (Pos, char)> + '_ {
    lines
        .iter()
        .enumerate()
        .take(limit)
        .skip(start.line)
        .flat_map(move |(line, l)| {
            let from = if line == start.line { start.byte } else { 0 };
            l.text
                .get(from..)
                .unwrap_or("")
                .char_indices()
                .map(move |(b, c)| {
                    (
                        Pos {
                            line,
                            byte: from + b,
                        },
                        c,
                    )
                })
        })
}

/// Whether a match ending at `end` (after `last`) ends at a word boundary:
/// a number must be followed by a space or the end of the line, a word by
/// anything but a letter or digit.
fn boundary(lines: &[Line], end: Pos, last: Option<char>) -> bool {
    let Some(last) = last else { return true };
    let next = lines
        .get(end.line)
        .and_then(|l| l.text.get(end.byte..))
        .and_then(|t| t.chars().next());
    match next {
        None => true,
        Some(n) if n.is_whitespace() => true,
        Some(_) if last.is_ascii_digit() => false,
        Some(n) => !(last.is_alphanumeric() && n.is_alphanumeric()),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::readers::text::lines::split_builtin as split;

    #[test]
    fn matches_across_lines_ignoring_space_and_case() {
        let lines = split("R15 -TOTALE OBIETTIVI DI\nSERVIZIO 2024\n\n0,00");
        let key = Key::new("- Totale obiettivi di servizio 2024");
        let m = match_at(&lines, Pos { line: 0, byte: 3 }, lines.len(), &key);
        assert!(m.full);
        assert_eq!(m.end, Pos { line: 1, byte: 13 });
    }

    #[test]
    fn the_leading_dash_is_optional_and_apostrophes_fold() {
        let lines = split("R02A Numero di altre figure dell’ambito 2025");
        let key = Key::new("- Numero di altre figure dell'ambito");
        let m = match_at(&lines, Pos { line: 0, byte: 4 }, 1, &key);
        assert!(m.full);
        assert_eq!(&lines[0].text[m.end.byte..], " 2025");
    }

    #[test]
    fn a_number_must_end_at_a_space() {
        let lines = split("2024,00");
        let m = match_at(&lines, Pos { line: 0, byte: 0 }, 1, &Key::new("2024"));
        assert!(!m.full);
        let lines = split("2024 1,00");
        assert!(match_at(&lines, Pos { line: 0, byte: 0 }, 1, &Key::new("2024")).full);
    }

    #[test]
    fn a_partial_match_says_how_far_it_went() {
        let lines = split("R01 - Numeri di assistenti");
        let key = Key::new("- Numero di assistenti");
        let m = match_at(&lines, Pos { line: 0, byte: 3 }, 1, &key);
        assert!(!m.full);
        assert_eq!(m.matched, "-Numer".len());
    }
}
