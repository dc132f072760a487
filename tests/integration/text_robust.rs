//! Robustness of the text reader (issue #12): texts that lost characters,
//! rows that lost their values, values in the wrong row, pages printed
//! twice and two forms in one file. Every case is derived from the seeds in
//! the test itself.

use scheda::Warned;
use scheda::diagnostic::{Diagnostic, Location};
use scheda::form::Tipo;
use scheda::model::Scheda;
use scheda::readers::text;

use crate::util::{self, SEEDS, blank_row, dec_of, set};

fn seed(name: &str) -> String {
    String::from_utf8(util::read_fixture(&format!("{name}.txt"))).unwrap()
}

fn read(text: &str) -> Warned<Scheda> {
    text::read_str(text).unwrap_or_else(|e| panic!("{e}"))
}

fn read_err(text: &str) -> scheda::Error {
    match text::read_str(text) {
        Ok(w) => panic!("expected an error, read with warnings {:?}", w.warnings),
        Err(e) => e,
    }
}

fn json(s: &Scheda) -> String {
    String::from_utf8(scheda::writers::json::write(s).unwrap()).unwrap()
}

// --- Lost characters ----------------------------------------------------------

/// The text as a code page without its non-ASCII characters saves it: each
/// one becomes `by`.
fn lost(text: &str, by: char) -> String {
    text.chars()
        .map(|c| if c.is_ascii() { c } else { by })
        .collect()
}

#[test]
fn a_text_that_lost_its_non_ascii_characters_reads_to_the_same_model_with_a_warning() {
    for name in SEEDS {
        let want = json(&read(&seed(name)).value);
        for by in ['?', '\u{FFFD}'] {
            let got = read(&lost(&seed(name), by));
            // Labels, headers and numbers read as before; free text (here
            // the relazione) keeps the lost characters, which cannot be
            // told back: the model is the seed's with them lost.
            assert_eq!(json(&got.value), lost(&want, by), "{name} with `{by}`");
            let first = &got.warnings[0];
            assert!(
                first.message.starts_with(&format!(
                    "the text has lost characters: it has `{by}` in place of letters and signs such as `à`, `’` and `€` (`"
                )),
                "{name}: {:?}",
                got.warnings
            );
            assert!(
                matches!(first.location, Some(Location::Line { .. })),
                "{first:?}"
            );
            assert!(first.hint.as_deref().unwrap().contains("UTF-8"));
            // No other warning but the IFEL page's own.
            let others = got.warnings.len() - 1;
            assert_eq!(
                others,
                usize::from(name.starts_with("004")),
                "{name}: {:?}",
                got.warnings
            );
        }
    }
}

#[test]
fn a_lost_hyphen_never_pushes_a_year_into_the_values() {
    // `R08 ‐ Risorse ... per il 2024 140.850,26` with the hyphen lost: the
    // year is the label's, the amount the row's one value.
    let text = seed(SEEDS[4]).replace('\u{2010}', "?");
    let s = read(&text).value;
    assert_eq!(dec_of(&s, "R08", ""), Some(util::dec("140850.26")));
    assert_eq!(dec_of(&s, "R06", ""), Some(util::dec("1984440.83")));
}

#[test]
fn the_lost_character_warning_points_at_the_first_one() {
    let text = seed(SEEDS[0]).replacen("Modalità di", "Modalit? di", 1);
    let w = read(&text);
    assert_eq!(w.warnings.len(), 1, "{:?}", w.warnings);
    assert_eq!(
        w.warnings[0].message,
        "the text has lost characters: it has `?` in place of letters and signs such as `à`, `’` and `€` (`Modalit?`)"
    );
    let no = text.lines().position(|l| l.contains("Modalit?")).unwrap() + 1;
    assert_eq!(w.warnings[0].location, Some(Location::line(no)));
    // A question mark in free text is not a lost character.
    let text = seed(SEEDS[1]).replacen("offerti", "offerti? Sì", 1);
    assert!(read(&text).warnings.is_empty());
}

// --- Rows that lost their values ---------------------------------------------------

/// A line as the reader compares it: spaces of any kind as one, U+2010 as `-`.
fn norm(line: &str) -> String {
    line.replace('\u{2010}', "-")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn all_numbers(line: &str) -> bool {
    let toks: Vec<&str> = line.split_whitespace().collect();
    !toks.is_empty() && toks.iter().all(|t| scheda::number::is_number(t))
}

/// For each row of the text's edition found in it, in order: its code and
/// the range of lines from its code to the next row's.
fn blocks(text: &str) -> Vec<(String, usize, usize)> {
    let d = text::detect(text).unwrap().0.description();
    let lines: Vec<&str> = text.split('\n').collect();
    let starts = |line: &str, code: &str| {
        let line = norm(line);
        d.spellings_of(code).iter().any(|s| {
            line.strip_prefix(s)
                .is_some_and(|r| r.is_empty() || r.starts_with([' ', '-']))
        })
    };
    let codes: Vec<&str> = d
        .righe()
        .map(|(_, r)| r.codice.as_str())
        .chain(d.domande().map(|(c, _)| c))
        .collect();
    let mut found: Vec<(String, usize)> = Vec::new();
    let mut from = 0;
    for code in codes {
        if let Some(i) = (from..lines.len()).find(|&i| starts(lines[i], code)) {
            found.push((code.to_string(), i));
            from = i + 1;
        }
    }
    let ends: Vec<usize> = found
        .iter()
        .skip(1)
        .map(|f| f.1)
        .chain([lines.len()])
        .collect();
    found
        .into_iter()
        .zip(ends)
        .map(|((c, s), e)| (c, s, e))
        .collect()
}

/// Ways to take the values of the row whose block is `start..end` out of
/// the text (`tipo` being its first column's kind), most likely first: a
/// line of numbers or of a ratio (the last first), the values on its code
/// line (the IFEL and portal pages print them there), R01B's ratio printed
/// after the next row's label, the text after a label ending `(fonte: ...)`,
/// the line after the label.
fn without_values(text: &str, start: usize, end: usize, tipo: Tipo) -> Vec<String> {
    let lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let code_line = &lines[start];
    let ratio = |l: &str| {
        let l = norm(l);
        l.starts_with("1 assistente") || l.starts_with("1:") || l == "NON CALCOLABILE"
    };
    let removed = |i: usize| {
        let mut out = lines.clone();
        out.remove(i);
        out.join("\n")
    };
    let replaced = |by: String| {
        let mut out = lines.clone();
        out[start] = by;
        out.join("\n")
    };
    let mut cuts: Vec<String> = (start + 1..end)
        .rev()
        .filter(|&i| all_numbers(&lines[i]) || ratio(&lines[i]))
        .map(removed)
        .collect();
    let cells: Vec<&str> = code_line.split('\t').collect();
    if cells.len() > 1
        && cells[1..]
            .iter()
            .all(|c| all_numbers(c) || c.contains("<input"))
    {
        cuts.push(replaced(cells[0].to_string()));
    }
    let words: Vec<&str> = code_line.split_whitespace().collect();
    let trailing = words.iter().rev().take_while(|w| all_numbers(w)).count();
    if trailing > 0 && words.len() > trailing + 2 {
        cuts.push(replaced(words[..words.len() - trailing].join(" ")));
    }
    if tipo == Tipo::Rapporto {
        cuts.extend(
            (end..lines.len().min(end + 12))
                .filter(|&i| ratio(&lines[i]))
                .map(removed),
        );
    }
    if let Some((label, _)) = code_line
        .split_once(") ")
        .filter(|(_, v)| !v.trim().is_empty())
    {
        cuts.push(replaced(format!("{label})")));
    }
    cuts.extend(
        (start + 1..end)
            .find(|&i| !lines[i].trim().is_empty())
            .map(removed),
    );
    cuts
}

/// Whether the seed's model holds a value in row `code`.
fn has_values(s: &Scheda, code: &str) -> bool {
    let d = s.edizione.description();
    let Some(riga) = d.riga(code) else {
        return false;
    };
    riga.colonne
        .iter()
        .any(|c| s.valore(code, c.campo.as_deref()).is_some())
}

/// Whether a diagnostic is about row `code`.
fn names(d: &Diagnostic, code: &str) -> bool {
    d.message.starts_with(&format!("row {code} ")) || d.message.starts_with(&format!("row {code}:"))
}

#[test]
fn a_row_that_lost_its_values_never_reads_as_blank_in_silence() {
    for name in SEEDS {
        let text = seed(name);
        let want = read(&text).value;
        let d = want.edizione.description();
        let mut checked = Vec::new();
        for (code, start, end) in blocks(&text) {
            // Questions and the report are left blank as a matter of
            // course; a row the seed leaves blank has nothing to lose.
            let Some(riga) = d.riga(&code) else { continue };
            if riga.colonne.iter().any(|c| c.tipo == Tipo::Relazione) || !has_values(&want, &code) {
                continue;
            }
            let tipo = riga.colonne[0].tipo;
            // The first cut that changes what the text says.
            let read = without_values(&text, start, end, tipo)
                .into_iter()
                .map(|cut| text::read_str(&cut))
                .find(|r| r.as_ref().map_or(true, |got| got.value != want));
            let read = read.unwrap_or_else(|| panic!("{name} {code}: no values found to delete"));
            match read {
                Ok(got) => {
                    let w = got.warnings.iter().find(|w| names(w, &code));
                    let w = w.unwrap_or_else(|| {
                        panic!("{name} {code}: blank in silence: {:?}", got.warnings)
                    });
                    let what = if code == "R0C" || code == "R0D" {
                        "text"
                    } else {
                        "values"
                    };
                    assert_eq!(
                        w.message,
                        format!("row {code} has no {what}: it reads as blank"),
                        "{name}"
                    );
                    assert!(w.hint.is_some());
                }
                Err(e) => {
                    let first = e.diagnostics.iter().find(|d| d.is_error()).unwrap();
                    assert!(names(first, &code), "{name} {code}: {e}");
                }
            }
            checked.push(code);
        }
        // Every row with values in the seed but the report was tried.
        let expected = d
            .righe()
            .filter(|(_, r)| !r.colonne.iter().any(|c| c.tipo == Tipo::Relazione))
            .filter(|(_, r)| has_values(&want, &r.codice))
            .count();
        assert_eq!(checked.len(), expected, "{name}: {checked:?}");
    }
}

#[test]
fn a_missing_line_of_values_is_a_warning_naming_the_row_and_its_line() {
    // pdftotext: M15's line `3 13 0 0,00` deleted. A warning, not an error:
    // scheda's own text prints a blank row blank and must read back; under
    // --strict it is fatal.
    let text = seed(SEEDS[0]);
    let no = text.lines().position(|l| l.starts_with("M15 - ")).unwrap() + 1;
    let out = read(&text.replacen("\n3 13 0 0,00\n", "\n", 1));
    assert_eq!(out.warnings.len(), 1, "{:?}", out.warnings);
    let d = &out.warnings[0];
    assert_eq!(d.message, "row M15 has no values: it reads as blank");
    assert_eq!(d.location, Some(Location::line(no)));
    assert_eq!(
        d.hint.as_deref(),
        Some(
            "the form prints every value of this row (0 when there is none): if its line of values was lost, restore it from the original"
        )
    );
    assert!(blank_row(&out.value, "M15"));
    // Quadro 3 is compiled only when due: a warning, and the row is blank.
    let w = read(&text.replacen("Spesa aggiuntiva\n\n0,00 0,00\n", "Spesa aggiuntiva\n\n", 1));
    assert_eq!(w.warnings.len(), 1, "{:?}", w.warnings);
    assert_eq!(
        w.warnings[0].message,
        "row R10 has no values: it reads as blank"
    );
    assert_eq!(dec_of(&w.value, "R10", "spesa"), None);
}

#[test]
fn a_blank_form_and_a_blank_r09_are_read_without_a_word() {
    // SOC26 prints R09 blank when nothing is due (seed 003): the rules
    // leave it blank too.
    assert!(read(&seed(SEEDS[3])).warnings.is_empty());
    // A form written with most of a quadro blank (scheda's own output of
    // a form being filled in) is read as it is.
    let mut s = Scheda::empty(scheda::model::Edizione::builtin("SOC25"));
    set(&mut s, "R03", "", Some(1000));
    for layout in [
        scheda::form::Rendering::Pdftotext,
        scheda::form::Rendering::Portale,
    ] {
        let out = scheda::writers::text::write(
            &s,
            Some(layout),
            scheda::Templates::builtin().catalogue(),
        )
        .unwrap()
        .value;
        let got = read(std::str::from_utf8(&out).unwrap());
        assert_eq!(got.value, s, "{layout:?}");
        assert!(got.warnings.is_empty(), "{layout:?}: {:?}", got.warnings);
    }
}

// --- Values in the wrong row -------------------------------------------------------

/// The seed's lines, and the index of the first line equal to `line` (trimmed).
fn line_index(lines: &[&str], line: &str) -> usize {
    lines
        .iter()
        .position(|l| l.trim() == line)
        .unwrap_or_else(|| panic!("no line `{line}`"))
}

#[test]
fn a_line_of_values_moved_to_another_row_names_both_rows() {
    // M12's values `8 36 0 0,00` moved under M15's `3 13 0 0,00`.
    let text = seed(SEEDS[0]);
    let mut lines: Vec<&str> = text.split('\n').collect();
    let from = line_index(&lines, "8 36 0 0,00");
    let moved = lines.remove(from);
    let to = line_index(&lines, "3 13 0 0,00");
    lines.insert(to + 1, moved);
    let e = read_err(&lines.join("\n"));
    let messages: Vec<&str> = e.diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            format!(
                "row M15: expected 4 values (utenti 2019, utenti 2024, ore 2024, media ore 2024), found 8 on 2 lines: `3 13 0 0,00` (line {}), `8 36 0 0,00` (line {})",
                to + 1,
                to + 2
            ),
            "row M12 has no values: it reads as blank".to_string(),
        ],
        "{e}"
    );
    assert_eq!(e.diagnostics[0].location, Some(Location::line(to + 1)));
    assert!(
        e.diagnostics[0]
            .hint
            .as_deref()
            .unwrap()
            .contains("may belong to another row")
    );
}

#[test]
fn a_row_with_the_wrong_count_or_kind_of_values_is_named() {
    let text = seed(SEEDS[0]);
    // M30 (two columns) given M12's four values, M12 given M30's two.
    let lines: Vec<&str> = text.split('\n').collect();
    let m12 = line_index(&lines, "8 36 0 0,00");
    let m30 = lines
        .iter()
        .enumerate()
        .skip(m12)
        .position(|(_, l)| l.trim() == "0 0")
        .unwrap()
        + m12;
    let mut swapped: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    swapped.swap(m12, m30);
    let e = read_err(&swapped.join("\n"));
    let messages: Vec<&str> = e.diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "row M12: expected 4 values (utenti 2019, utenti 2024, ore 2024, media ore 2024), found 2: `0 0`",
            "row M30: expected 2 values (utenti 2019, utenti 2024), found 4: `8 36 0 0,00`",
        ]
    );
    // R03 (inhabitants) given R04's percentage: a value of the wrong kind.
    let r03 = line_index(&lines, "1748");
    let r04 = line_index(&lines, "4,81");
    let mut swapped: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    swapped.swap(r03, r04);
    let e = read_err(&swapped.join("\n"));
    assert_eq!(
        e.diagnostics[0].message,
        "row R03: `4,81` is not a valid whole number (expected abitanti, a whole number)"
    );
    assert_eq!(e.diagnostics[0].location, Some(Location::line(r03 + 1)));
}

// --- Pages printed twice, two forms in one file ---------------------------------------

/// The seed with its lines from row `from`'s code to row `to`'s printed a
/// second time right after them (a page printed twice), the copy changed
/// by `edit`; also the 1-based line where the copy starts.
fn page_twice(text: &str, from: &str, to: &str, edit: impl Fn(&str) -> String) -> (String, usize) {
    let lines: Vec<&str> = text.split('\n').collect();
    let starts = |l: &str, code: &str| norm(l).starts_with(&format!("{code} "));
    let i = lines.iter().position(|l| starts(l, from)).unwrap();
    let j = lines.iter().position(|l| starts(l, to)).unwrap();
    let copy: Vec<String> = lines[i..j].iter().map(|l| edit(l)).collect();
    let mut out: Vec<String> = lines[..j].iter().map(|l| l.to_string()).collect();
    out.extend(copy);
    out.extend(lines[j..].iter().map(|l| l.to_string()));
    (out.join("\n"), j + 1)
}

#[test]
fn a_page_printed_twice_alike_is_read_once_with_a_warning() {
    for name in SEEDS {
        let text = seed(name);
        let want = read(&text).value;
        let (twice, copy) = page_twice(&text, "M35", "M44", str::to_string);
        let got = read(&twice);
        assert_eq!(got.value, want, "{name}");
        let w = got
            .warnings
            .iter()
            .find(|w| w.message.starts_with("rows M35 to M41 are printed twice"))
            .unwrap_or_else(|| panic!("{name}: {:?}", got.warnings));
        let first = copy - (twice.split('\n').count() - text.split('\n').count());
        assert_eq!(
            w.message,
            format!(
                "rows M35 to M41 are printed twice, alike (from line {first} and again from line {copy}): read once"
            ),
            "{name}"
        );
        assert_eq!(w.location, Some(Location::line(copy)), "{name}");
    }
}

#[test]
fn a_page_printed_twice_with_a_different_value_names_the_row() {
    for name in SEEDS {
        let text = seed(name);
        // M37's values differ in the copy (`0 0` -> `0 7`, also in the
        // portal and IFEL layouts, where they follow the label).
        let m37 = |l: &str| {
            if norm(l).starts_with("M37 ") || l.trim() == "0 0" {
                let t = l.trim_end();
                format!("{}7", &t[..t.len() - 1])
            } else {
                l.to_string()
            }
        };
        let (twice, _) = page_twice(&text, "M37", "M44", m37);
        let e = read_err(&twice);
        let first = &e.diagnostics[0];
        assert!(
            first
                .message
                .starts_with("row M37 is printed twice with different values (line "),
            "{name}: {e}"
        );
        assert!(
            first
                .hint
                .as_deref()
                .unwrap()
                .contains("keep the right copy")
        );
    }
}

#[test]
fn two_forms_in_one_file_are_an_error_saying_where_the_second_starts() {
    for (one, two) in [
        (SEEDS[0], SEEDS[1]),
        (SEEDS[3], SEEDS[3]),
        (SEEDS[4], SEEDS[2]),
    ] {
        let first = seed(one);
        let text = format!("{first}\n{}", seed(two));
        let no = first.split('\n').count() + 1;
        let e = read_err(&text);
        assert_eq!(e.diagnostics.len(), 1, "{e}");
        let d = &e.diagnostics[0];
        // The second form starts with its title, or its first note.
        let second = seed(two);
        let offset = second
            .split('\n')
            .position(|l| l.starts_with("SOC2") || l.trim_start().starts_with("Ciascun Comune"))
            .unwrap();
        assert_eq!(
            d.message,
            format!(
                "the text holds two forms (a second one starts at line {})",
                no + offset
            ),
            "{one} + {two}"
        );
        assert_eq!(d.location, Some(Location::line(no + offset)));
        assert_eq!(
            d.hint.as_deref(),
            Some(
                format!(
                    "split the file at line {}, one form per file, and read each of them",
                    no + offset
                )
                .as_str()
            )
        );
    }
}
