//! The notation of a text's numbers, told from the numbers themselves: the
//! form is Italian (`7.390`, `461,88`), but a workbook exported to PDF on a
//! desktop in an English locale prints `7,390` and `461.88`.
//!
//! Only numbers where values stand count: lines of numbers and the run of
//! numbers that ends a line (a sentence's amounts, written by the form in
//! Italian whatever the locale, are inside text), never the free-text
//! report. A number tells its notation when its separator cannot be a
//! thousands separator (`461,88`, `0.00`: not three digits after it) or
//! when it has both (`36.123,59`) or the same one twice (`1,984,440`);
//! `7,390` and `1.748` alone could be either.
//!
//! English numbers and no Italian one: the text is read as English, with
//! one warning. Numbers that could be either and none that tells: an error,
//! as is a text with both notations and numbers that could be either. The
//! form's Italian reading is otherwise kept.

use crate::diagnostic::{Diagnostic, Error, Location, Severity};
use crate::messages::{Arg, Message, kind};
use crate::model::Edizione;

use super::lines::Line;
use super::rows::{self, Kind};

/// What a number says of the notation it is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Says {
    Italian,
    English,
    /// It has one separator followed by three digits: either.
    Either,
    /// No separator: it reads the same in both.
    Nothing,
}

/// A numeric token (`7,390`, `-461.88`, `4,81%`): digits and separators,
/// starting and ending with a digit (a `%` after), and what it says.
fn says(token: &str) -> Option<Says> {
    let t = token.strip_suffix('%').unwrap_or(token);
    let t = t.strip_prefix(['-', '+']).unwrap_or(t);
    let ok = t.starts_with(|c: char| c.is_ascii_digit())
        && t.ends_with(|c: char| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',');
    if !ok {
        return None;
    }
    let (commas, points) = (t.matches(',').count(), t.matches('.').count());
    let after = |sep: char| t.rsplit(sep).next().map_or(0, str::len);
    // Thousands come in groups of three digits (`1.984.440`), the first of
    // one to three: anything else (`25.03.2025`) is not a number.
    let grouped = |int: &str, sep: char| {
        let mut groups = int.split(sep);
        groups.next().is_some_and(|g| (1..=3).contains(&g.len())) && groups.all(|g| g.len() == 3)
    };
    let says = match (commas, points) {
        (0, 0) => Says::Nothing,
        (1, 0) if after(',') == 3 => Says::Either,
        (1, 0) => Says::Italian,
        (0, 1) if after('.') == 3 => Says::Either,
        (0, 1) => Says::English,
        (_, 0) if grouped(t, ',') => Says::English,
        (0, _) if grouped(t, '.') => Says::Italian,
        (1, _) if t.rfind(',') > t.rfind('.') && grouped(t.split(',').next()?, '.') => {
            Says::Italian
        }
        (_, 1) if t.rfind('.') > t.rfind(',') && grouped(t.split('.').next()?, ',') => {
            Says::English
        }
        _ => return None,
    };
    Some(says)
}

/// The numeric tokens of a line where values stand: the run of numbers
/// that ends it (the whole line when it is all numbers), as byte ranges;
/// where the tables have a notes column (`notes`), the run of numbers
/// before a note without digits (`8.69 precompilato dal Ministero`).
fn value_tokens(text: &str, notes: bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut end = text.len();
    let mut words = text.rsplit(' ').peekable();
    if notes {
        while let Some(word) =
            words.next_if(|w| says(w).is_none() && !w.chars().any(|c| c.is_ascii_digit()))
        {
            end = end.saturating_sub(word.len() + 1);
        }
    }
    for word in words {
        let start = end - word.len();
        if says(word).is_none() {
            break;
        }
        out.push((start, end));
        end = start.saturating_sub(1);
    }
    out.reverse();
    out
}

/// Tell the notation of the lines' numbers; when English, rewrite them in
/// Italian notation and return the warning that says so. `ed` tells which
/// row holds the free-text report, whose lines are left as they are.
pub(super) fn apply(lines: &mut [Line], ed: Edizione) -> Result<Option<Diagnostic>, Error> {
    let report: Vec<rows::Row> = rows::rows(ed)
        .into_iter()
        .filter(|r| r.kind == Kind::Relazione)
        .collect();
    let end = lines
        .iter()
        .position(|l| report.iter().any(|r| r.code_len(&l.text).is_some()))
        .unwrap_or(lines.len());
    let notes = super::lines::has_notes_column(lines);
    let mut first: [Option<(String, usize)>; 3] = [None, None, None];
    for line in lines.iter().take(end).filter(|l| l.furniture.is_none()) {
        for (s, e) in value_tokens(&line.text, notes) {
            let token = line.text.get(s..e).unwrap_or("");
            let slot = match says(token) {
                Some(Says::Italian) => 0,
                Some(Says::English) => 1,
                Some(Says::Either) => 2,
                _ => continue,
            };
            if let Some(place) = first.get_mut(slot) {
                place.get_or_insert((token.to_string(), line.no));
            }
        }
    }
    let [italian, english, either] = first;
    let example = |t: &(String, usize)| -> Arg {
        Message::new(
            kind::AT_LINE,
            [("text", t.0.as_str().into()), ("line", t.1.into())],
        )
        .into()
    };
    match (italian, english, either) {
        (None, Some(en), _) => {
            for line in lines.iter_mut().take(end).filter(|l| l.furniture.is_none()) {
                let tokens = value_tokens(&line.text, notes);
                if tokens.is_empty() {
                    continue;
                }
                let mut text = line.text.clone();
                for (s, e) in tokens.into_iter().rev() {
                    let italian: String = line
                        .text
                        .get(s..e)
                        .unwrap_or("")
                        .chars()
                        .filter(|&c| c != ',')
                        .map(|c| if c == '.' { ',' } else { c })
                        .collect();
                    text.replace_range(s..e, &italian);
                }
                line.text = text;
            }
            Ok(Some(
                Diagnostic::coded(
                    Severity::Warning,
                    Message::new(kind::ENGLISH_NOTATION, [("example", example(&en))]),
                    Some(Message::new(kind::ENGLISH_NOTATION_HINT, [])),
                )
                .at(Location::line(en.1)),
            ))
        }
        (Some(it), Some(en), Some(either)) => Err(Error::new(
            Diagnostic::coded(
                Severity::Error,
                Message::new(
                    kind::MIXED_NOTATION,
                    [
                        ("either", example(&either)),
                        ("italian", example(&it)),
                        ("english", example(&en)),
                    ],
                ),
                Some(Message::new(kind::MIXED_NOTATION_HINT, [])),
            )
            .at(Location::line(either.1)),
        )),
        (None, None, Some(either)) => Err(Error::new(
            Diagnostic::coded(
                Severity::Error,
                Message::new(
                    kind::UNKNOWN_NOTATION,
                    [
                        ("either", example(&either)),
                        ("italian", italian_reading(&either.0).into()),
                        ("english", english_reading(&either.0).into()),
                    ],
                ),
                Some(Message::new(kind::UNKNOWN_NOTATION_HINT, [])),
            )
            .at(Location::line(either.1)),
        )),
        _ => Ok(None),
    }
}

/// `7,390` read the Italian way, as a plain decimal (`7.39`); `1.748` as
/// `1748`.
fn italian_reading(token: &str) -> String {
    if token.contains(',') {
        let plain = token.replace('.', "").replace(',', ".");
        plain
            .trim_end_matches('0')
            .trim_end_matches('.')
            .to_string()
    } else {
        token.replace('.', "")
    }
}

/// `7,390` read the English way (`7390`), `1.748` as `1.748`.
fn english_reading(token: &str) -> String {
    token.replace(',', "")
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn numbers_say_their_notation() {
        for (token, want) in [
            ("461,88", Some(Says::Italian)),
            ("33,629149", Some(Says::Italian)),
            ("1.984.440,83", Some(Says::Italian)),
            ("1.984.440", Some(Says::Italian)),
            ("461.88", Some(Says::English)),
            ("0.00", Some(Says::English)),
            ("36,123.59", Some(Says::English)),
            ("1,984,440", Some(Says::English)),
            ("7,390", Some(Says::Either)),
            ("1.748", Some(Says::Either)),
            ("4,81%", Some(Says::Italian)),
            ("-12", Some(Says::Nothing)),
            ("25/03/2025", None),
            ("R04", None),
            ("12.", None),
            ("25.03.2025", None),
            ("1,23.4,5", None),
        ] {
            assert_eq!(says(token), want, "{token}");
        }
    }

    fn applied(text: &str) -> (Result<Option<Diagnostic>, Error>, Vec<String>) {
        let mut lines = super::super::lines::split_builtin(text);
        let out = apply(&mut lines, Edizione::builtin("SOC25"));
        (out, lines.into_iter().map(|l| l.text).collect())
    }

    #[test]
    fn english_numbers_are_read_with_one_warning() {
        let (out, lines) = applied(
            "M12 - Utenti famiglia e minori 5 3 390 130.00\nM15 - Utenti disabili 10 16 7,390 461.88\nR40 - Relazione\nnel 2024 1,500 pasti 2.50",
        );
        let warning = out.unwrap().unwrap();
        assert!(
            warning
                .message
                .contains("English notation (`130.00` (line 1))"),
            "{warning}"
        );
        assert_eq!(lines[1], "M15 - Utenti disabili 10 16 7390 461,88");
        // The free-text report is left as written.
        assert_eq!(lines[3], "nel 2024 1,500 pasti 2.50");
    }

    #[test]
    fn italian_numbers_stay_and_ambiguous_ones_are_an_error() {
        let (out, lines) = applied("M15 - Utenti disabili 10 16 7.390 461,88");
        assert!(out.unwrap().is_none());
        assert_eq!(lines[0], "M15 - Utenti disabili 10 16 7.390 461,88");
        let (out, _) = applied("M15 - Utenti disabili 10 16 7,390 461\nM21 - x 1 2 1.748 3");
        let e = out.unwrap_err().to_string();
        assert!(
            e.contains("cannot tell the notation of the numbers: `7,390` (line 1) is 7.39 in Italian notation and 7390 in English"),
            "{e}"
        );
        let (out, _) = applied("M12 - x 1 2 3 0,50\nM15 - x 1 2 7,390 461.88");
        let e = out.unwrap_err().to_string();
        assert!(
            e.contains("cannot tell how to read `7,390` (line 2)"),
            "{e}"
        );
    }

    #[test]
    fn values_are_the_numbers_ending_a_line() {
        let text = "M15 - Utenti disabili 10 16 7,390 461.88";
        let got = |text: &'static str, notes| -> Vec<&'static str> {
            value_tokens(text, notes)
                .iter()
                .map(|&(s, e)| &text[s..e])
                .collect()
        };
        assert_eq!(got(text, false), ["10", "16", "7,390", "461.88"]);
        assert!(got("pari a euro 36.123,59.", false).is_empty());
        let noted = "M12 Utenti 327 1,131 72.00 dati forniti dall'Ufficio";
        assert!(got(noted, false).is_empty());
        assert_eq!(got(noted, true), ["327", "1,131", "72.00"]);
        assert_eq!(got("5 6 vedi nota 3", true), ["3"]);
    }
}
