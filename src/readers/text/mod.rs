//! Reader for the form as extracted text, in the layouts met in practice
//! (see [`Rendering`]): pdftotext of the PDF, a copy of the SOC26 portal page,
//! a copy of the IFEL page, and `pdftotext -layout` of the PDF, which is put
//! back in reading order by position first. The edition and the layout are
//! detected from the text ([`detect`]); so is the notation of the numbers
//! (Italian, or English from a workbook exported on an English desktop:
//! `notation`).
//!
//! The reader works from the row codes, never from line positions: each
//! row's segment runs from its code to the next row's code; its label and
//! column headers are matched whatever the line breaks, and its values are
//! read in the form's order (see `flow` and `values`). Print furniture
//! (titles, footers, the side band, headings, the IFEL closing text) is
//! skipped wherever it falls.
//!
//! Real files differ from the seeds and read to the same model: CRLF line
//! ends, a byte-order mark, Windows-1252 (decoded, with a warning), form
//! feeds, NBSP, U+2010/U+2011/U+2212 hyphens, padding, extra blank lines,
//! euro amounts with or without dotted thousands. A blank field reads as
//! null, never as zero; a missing row, a value that is not a number or a
//! wrong count of values is an error naming the row and the line.

mod blanks;
mod columns;
mod context;
mod ente;
mod flow;
mod grid;
mod html;
mod ifel;
mod lines;
mod lost;
mod matcher;
mod notation;
mod pdftotext;
mod portal;
mod quadro3;
mod ratios;
mod repeats;
mod rest;
mod rows;
mod segments;
mod tags;
mod tokens;
mod values;

use std::collections::BTreeSet;

use crate::diagnostic::{Diagnostic, Error, Location, Result, Severity, Warned};
use crate::form::Rendering;
use crate::limits::{self, Limits};
use crate::messages::{Message, kind};
use crate::model::{Edizione, Scheda};
use crate::readers::partial::{self, Mode, Partial};
use crate::templates::Templates;

use lines::{Furniture, Line};
use rows::Codes;

/// Read one form from extracted text. The bytes are UTF-8 (with or without
/// a byte-order mark), UTF-16 with a byte-order mark, or else taken for
/// Windows-1252, with a warning. The form is of a built-in edition.
pub fn read(bytes: &[u8]) -> Result<Warned<Scheda>> {
    read_with(bytes, &Limits::default(), &Templates::builtin())
}

/// [`read`] within `limits` (the length of a line), of an edition of
/// `templates`.
pub fn read_with(bytes: &[u8], limits: &Limits, templates: &Templates) -> Result<Warned<Scheda>> {
    partial::whole_one(read_in(bytes, limits, templates, Mode::Strict)?)
}

/// [`read_with`] in `mode` (a lenient read leaves blank the rows it cannot
/// read: [`crate::readers::read_partial`]).
pub(crate) fn read_in(
    bytes: &[u8],
    limits: &Limits,
    templates: &Templates,
    mode: Mode,
) -> Result<Warned<Partial>> {
    let (text, mut warnings) = decode(bytes);
    // A web page of the form: the text it shows (in the code page it says
    // it is in: no warning then).
    let text = if html::is_page(&text) {
        if html::says_windows_1252(&text) {
            warnings.retain(|w| w.code() != kind::NOT_UTF8_TEXT.key);
        }
        html::text_of(&text)
    } else {
        text
    };
    // A line's bytes are at least its characters: count only long ones.
    let long = |l: &str| l.len() > limits.line && l.chars().count() > limits.line;
    if let Some((no, n)) = text
        .lines()
        .enumerate()
        .find(|(_, l)| long(l))
        .map(|(no, l)| (no, l.chars().count()))
    {
        let e = Error::new(
            limits::exceeded(
                Message::new(
                    kind::LINE_TOO_LONG,
                    [("line", (no + 1).into()), ("n", n.into())],
                ),
                "line",
                Message::new(kind::LIMIT_LINE, [("n", limits.line.into())]),
            )
            .at(Location::line(no + 1)),
        );
        return Err(e.with_warnings(warnings));
    }
    match read_str_in(&text, false, templates, mode) {
        Ok(mut out) => {
            out.warnings.splice(0..0, warnings);
            Ok(out)
        }
        Err(e) => Err(e.with_warnings(warnings)),
    }
}

/// Read one form from extracted text already decoded, of a built-in
/// edition.
pub fn read_str(text: &str) -> Result<Warned<Scheda>> {
    partial::whole_one(read_str_in(
        text,
        false,
        &Templates::builtin(),
        Mode::Strict,
    )?)
}

/// [`read_str`], of an edition of `templates`, in `mode`; with
/// `blanks_meant`, a row printed blank is not reported (the text is the
/// page of a PDF that carries the form's data, to which it is compared).
pub(crate) fn read_str_in(
    text: &str,
    blanks_meant: bool,
    templates: &Templates,
    mode: Mode,
) -> Result<Warned<Partial>> {
    let aligned = columns::looks_aligned(text);
    let codes = Codes::of(templates);
    if !aligned {
        return read_lines(split(text, false, &codes), blanks_meant, &codes, mode);
    }
    // Read by position first; a page whose rows touch reads as a grid. The
    // reading that holds is the one that reads whole; when neither does,
    // the one by position says what is wrong.
    let by_position = split(text, true, &codes);
    let e = match read_lines(by_position.clone(), blanks_meant, &codes, Mode::Strict) {
        Ok(out) => return Ok(out),
        Err(e) => e,
    };
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if let Some(grid) = grid::lines(text, codes.editions()) {
        let lines = lines::split_numbered(
            grid.iter().map(|(no, t)| (*no, t.as_str())),
            codes.editions(),
        );
        if let Ok(out) = read_lines(lines, blanks_meant, &codes, Mode::Strict) {
            return Ok(out);
        }
    }
    let read = match mode {
        Mode::Strict => Err(e),
        Mode::Lenient => read_lines(by_position, blanks_meant, &codes, mode),
    };
    read.map_err(|mut e| {
        e.diagnostics.insert(0, aligned_failed());
        e
    })
}

/// Read the form from its lines in reading order.
fn read_lines(
    mut lines: Vec<Line>,
    blanks_meant: bool,
    codes: &Codes,
    mode: Mode,
) -> Result<Warned<Partial>> {
    let (edizione, layout) = detect_lines(&lines, codes)?;
    let english = notation::apply(&mut lines, edizione)?;
    let options = context::Options {
        blanks_meant,
        ..match layout {
            Rendering::Portale => portal::options(),
            Rendering::Ifel => ifel::options(),
            Rendering::Pdftotext | Rendering::PdftotextLayout | Rendering::Pdf => {
                pdftotext::options()
            }
        }
    };
    let (mut out, rows) = flow::read(&lines, edizione, &options, codes, mode)
        .map_err(|e| e.with_warnings(english.iter().cloned().collect()))?;
    out.warnings.splice(0..0, english);
    match partial::constrain(&mut out.value, mode, |p| rows.at(p)) {
        Ok(warnings) => {
            out.warnings.extend(warnings);
            Ok(out)
        }
        Err(e) => Err(e.with_warnings(out.warnings)),
    }
}

/// The lines of `text`, put back in reading order first when it is laid
/// out in aligned columns; titles and bands are those of the editions of
/// `codes`.
fn split(text: &str, aligned: bool, codes: &Codes) -> Vec<Line> {
    if aligned {
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        let reflowed = columns::reflow(text);
        lines::split_numbered(
            reflowed.iter().map(|(no, t)| (*no, t.as_str())),
            codes.editions(),
        )
    } else {
        lines::split(text, codes.editions())
    }
}

/// The error heading those of a text in aligned columns that could not be
/// read.
fn aligned_failed() -> Diagnostic {
    Diagnostic::coded(
        Severity::Error,
        Message::new(
            kind::ALIGNED_UNREADABLE,
            [("layout", Rendering::PdftotextLayout.to_string().into())],
        ),
        Some(Message::new(kind::ALIGNED_UNREADABLE_HINT, [])),
    )
}

/// Tell the edition and the layout of an extracted text; an error when the
/// text is not a form, or not in a known layout. The edition is a built-in
/// one.
pub fn detect(text: &str) -> Result<(Edizione, Rendering)> {
    detect_with(text, &Templates::builtin())
}

/// [`detect`], the edition one of `templates`.
pub fn detect_with(text: &str, templates: &Templates) -> Result<(Edizione, Rendering)> {
    let aligned = columns::looks_aligned(text);
    let codes = Codes::of(templates);
    let (edizione, layout) = detect_lines(&split(text, aligned, &codes), &codes)?;
    Ok((
        edizione,
        if aligned {
            Rendering::PdftotextLayout
        } else {
            layout
        },
    ))
}

/// Fewest distinct row codes for a text to be taken for a form.
const MIN_CODES: usize = 8;

fn detect_lines(lines: &[Line], known: &Codes) -> Result<(Edizione, Rendering)> {
    let codes: BTreeSet<&str> = lines.iter().filter_map(|l| known.prefix(&l.text)).collect();
    if codes.len() < MIN_CODES {
        // The form by the names of its editions.
        let form: Vec<&str> = known.editions().iter().map(|e| e.code()).collect();
        let message = Message::new(
            kind::NOT_A_FORM,
            [
                ("forms", form.join("/").into()),
                ("found", codes.len().into()),
            ],
        );
        let hint = Message::new(kind::NOT_A_FORM_HINT, []);
        return Err(Error::new(Diagnostic::coded(
            Severity::Error,
            message,
            Some(hint),
        )));
    }
    let edizione = edition(lines, known)?;
    // The IFEL page's own marks first when there are several of them: a
    // copy of it that keeps its table's cells apart by tabs (a browser's
    // copy, or its saved page) also has the portal's mark.
    let ifel = ifel::score(lines, known);
    let layout = if ifel >= 3 {
        Rendering::Ifel
    } else if portal::score(lines, known) >= 5 {
        Rendering::Portale
    } else if ifel >= 2 {
        Rendering::Ifel
    } else if pdftotext::score(lines, edizione) >= 1 {
        Rendering::Pdftotext
    } else {
        return Err(Error::new(Diagnostic::coded(
            Severity::Error,
            Message::new(kind::UNKNOWN_LAYOUT, []),
            Some(Message::new(kind::UNKNOWN_LAYOUT_HINT, [])),
        )));
    };
    Ok((edizione, layout))
}

/// The edition: from the title line when there is one (the title of a known
/// edition, else the code it starts with), else from the years the labels
/// and headers print.
fn edition(lines: &[Line], known: &Codes) -> Result<Edizione> {
    if let Some(title) = lines.iter().find(|l| l.furniture == Some(Furniture::Title)) {
        if let Some(ed) = by_title(&title.text, known.editions()) {
            return Ok(ed);
        }
        let code = title.text.split(' ').next().unwrap_or("");
        return known.templates().edizione(code).map_err(|e: Message| {
            Error::new(
                Diagnostic::coded(
                    Severity::Error,
                    Message::new(kind::EDITION_IN_TITLE, [("detail", e.into())]),
                    Some(Message::new(kind::EDITION_IN_TITLE_HINT, [])),
                )
                .at(Location::line(title.no)),
            )
        });
    }
    const BEFORE_YEAR: [&str; 7] = [
        "servizio ",
        "per il ",
        "serviti - ",
        "serviti ",
        "assistenza - ",
        "assistenza ",
        "effettivo ",
    ];
    // Each known edition scores the marks of its own description in the
    // text: its fabbisogno years, its reporting year after the words that
    // print it, rows that only it has, and codes spelled as only it prints
    // them (`ROA`).
    let editions = known.editions();
    let mut scores = vec![0usize; editions.len()];
    for line in lines {
        let lower = line.text.to_lowercase();
        let code = known.prefix(&line.text);
        for (ed, score) in editions.iter().zip(scores.iter_mut()) {
            let d = ed.description();
            *score += lower.matches(&d.anni.fabbisogno.to_lowercase()).count();
            for before in BEFORE_YEAR {
                *score += lower.matches(&format!("{before}{}", d.anni.anno)).count();
            }
            let Some(code) = code else { continue };
            let has = |e: &Edizione| {
                e.description().riga(code).is_some()
                    || e.description().domande().any(|(c, _)| c == code)
            };
            let printed = |e: &Edizione| {
                e.description().riga(code).is_some_and(|r| {
                    line.text
                        .starts_with(r.etichetta.split(' ').next().unwrap_or(""))
                })
            };
            let only_here = has(ed) && editions.iter().filter(|e| has(e)).count() == 1;
            let spelled_here = !line.text.starts_with(code)
                && printed(ed)
                && editions.iter().filter(|e| printed(e)).count() == 1;
            if only_here || spelled_here {
                *score += 3;
            }
        }
    }
    let best = scores.iter().copied().max().unwrap_or(0);
    let winners: Vec<Edizione> = editions
        .iter()
        .zip(&scores)
        .filter(|(_, s)| **s == best)
        .map(|(e, _)| *e)
        .collect();
    match winners.as_slice() {
        [one] if best > 0 => Ok(*one),
        _ => {
            let codes: Vec<&str> = editions.iter().map(|e| e.code()).collect();
            let title = editions.last().map(|e| e.title()).unwrap_or_default();
            Err(Error::new(Diagnostic::coded(
                Severity::Error,
                Message::new(
                    kind::EDITION_UNKNOWN,
                    [("editions", codes.join("/").into())],
                ),
                Some(Message::new(
                    kind::EDITION_UNKNOWN_HINT,
                    [("title", title.to_string().into())],
                )),
            )))
        }
    }
}

/// The edition of `editions` whose title `line` is, spacing aside.
fn by_title(line: &str, editions: &[Edizione]) -> Option<Edizione> {
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let line = squash(line);
    editions
        .iter()
        .copied()
        .find(|e| squash(&e.description().titolo) == line)
}

/// Decode bytes: UTF-8 (a BOM is dropped), UTF-16 with a BOM, else
/// Windows-1252 with a warning naming the first line that is not UTF-8.
fn decode(bytes: &[u8]) -> (String, Vec<Diagnostic>) {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(bytes.get(bom..).unwrap_or_default());
        return (text.into_owned(), Vec::new());
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), Vec::new()),
        Err(e) => {
            let line = bytes
                .iter()
                .take(e.valid_up_to())
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            let warning = Diagnostic::coded(
                Severity::Warning,
                Message::new(kind::NOT_UTF8_TEXT, []),
                Some(Message::new(kind::NOT_UTF8_TEXT_HINT, [])),
            )
            .at(Location::line(line));
            (text.into_owned(), vec![warning])
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn decodes_utf8_bom_utf16_and_windows_1252() {
        assert_eq!(decode(b"\xEF\xBB\xBFcos\xC3\xAC").0, "così");
        assert!(decode(b"cos\xC3\xAC").1.is_empty());
        let (text, warnings) = decode(b"a\nper\xE0 \x80 \x92\n");
        assert_eq!(text, "a\nperà € ’\n");
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].location, Some(Location::line(2)));
        assert!(warnings[0].message.contains("Windows-1252"));
        assert_eq!(decode(b"\xFF\xFEa\x00\xE0\x00").0, "aà");
    }

    #[test]
    fn an_unknown_text_is_not_a_form() {
        let e = detect("Lorem ipsum\ndolor sit amet")
            .unwrap_err()
            .to_string();
        assert!(e.contains("not a SOC25/SOC26 form"), "{e}");
    }
}
