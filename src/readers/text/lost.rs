//! Characters the text lost. A text saved in a code page that lacks some
//! characters has `?` (or U+FFFD, `�`) in their place: `Modalit? di`,
//! `R08 ? Risorse` for `R08 ‐ Risorse`, `all?anno` for `all’anno`. The
//! matcher lets such a character stand for one the form prints
//! ([`super::matcher::is_lost`]), so labels and headers still match and the
//! values read as before; free text keeps the `?`, which cannot be undone.
//! This module words the warning that says so.

use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::messages::{Message, kind};

use super::lines::Line;
use super::matcher::is_lost;
use super::segments::Segment;

/// The warning for a text that lost characters, if it did: it is seen in a
/// label or header that matched only thanks to a lost character (`segs`),
/// in a U+FFFD anywhere, or in a `?` glued to the letter after it
/// (`all?anno`), which a question mark never is.
pub(super) fn warning<'a>(
    lines: &[Line],
    segs: impl Iterator<Item = &'a Segment>,
) -> Option<Diagnostic> {
    let in_labels = segs.filter_map(|s| s.lost).map(|p| (p.line, p.byte));
    let in_text = lines.iter().enumerate().find_map(|(i, l)| {
        let mut chars = l.text.char_indices().peekable();
        while let Some((b, c)) = chars.next() {
            let glued = c == '?' && chars.peek().is_some_and(|(_, n)| n.is_alphabetic());
            if c == '\u{FFFD}' || glued {
                return Some((i, b));
            }
        }
        None
    });
    let (i, byte) = in_labels.chain(in_text).min()?;
    let line = lines.get(i)?;
    let lost = line
        .text
        .get(byte..)?
        .chars()
        .next()
        .filter(|c| is_lost(*c))?;
    // The word holding the lost character, to show where it is.
    let start = line.text.get(..byte)?.rfind(' ').map_or(0, |s| s + 1);
    let end = line
        .text
        .get(byte..)?
        .find(' ')
        .map_or(line.text.len(), |e| byte + e);
    let word = line.text.get(start..end)?;
    // A lone lost character (`M12 ? Utenti`) is shown with its line.
    let shown = if word.chars().count() > 1 {
        word
    } else {
        line.text.as_str()
    };
    Some(
        Diagnostic::coded(
            Severity::Warning,
            Message::new(
                kind::LOST_CHARACTERS,
                [("lost", lost.to_string().into()), ("shown", shown.into())],
            ),
            Some(Message::new(
                kind::LOST_CHARACTERS_HINT,
                [("lost", lost.to_string().into())],
            )),
        )
        .at(Location::line(line.no)),
    )
}
