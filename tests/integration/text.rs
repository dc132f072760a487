//! The extracted-text reader: the goldens of the five seeds, the variations
//! real files show (each must read to the seed's model), and the errors.

use scheda::diagnostic::Location;
use scheda::form::Rendering;
use scheda::model::{Edizione, Scheda};
use scheda::readers::text;
use scheda::{Format, Warned};

use crate::util::{self, SEEDS, blank_row, dec_of, int_of, set, text_of};

fn seed(name: &str) -> String {
    String::from_utf8(util::read_fixture(&format!("{name}.txt"))).unwrap()
}

fn read(bytes: &[u8]) -> Warned<Scheda> {
    text::read(bytes).unwrap_or_else(|e| panic!("{e}"))
}

fn read_err(text: &str) -> scheda::Error {
    match text::read_str(text) {
        Ok(w) => panic!("expected an error, read {:?}", w.value),
        Err(e) => e,
    }
}

/// The location of the first diagnostic of an error.
fn line_of(e: &scheda::Error) -> Option<Location> {
    e.diagnostics[0].location.clone()
}

#[test]
fn seeds_read_to_their_golden_models() {
    for name in SEEDS {
        let out = read(&util::read_fixture(&format!("{name}.txt")));
        let json = scheda::writers::json::write(&out.value).unwrap();
        util::assert_golden(
            &format!("{name}.expected.json"),
            &String::from_utf8(json).unwrap(),
        );
    }
}

#[test]
fn seeds_are_told_apart_by_edition_and_layout() {
    let expected = [
        (Edizione::builtin("SOC25"), Rendering::Pdftotext),
        (Edizione::builtin("SOC25"), Rendering::Pdftotext),
        (Edizione::builtin("SOC25"), Rendering::Pdftotext),
        (Edizione::builtin("SOC26"), Rendering::Portale),
        (Edizione::builtin("SOC25"), Rendering::Ifel),
    ];
    for (name, want) in SEEDS.iter().zip(expected) {
        assert_eq!(text::detect(&seed(name)).unwrap(), want, "{name}");
    }
}

#[test]
fn only_the_ifel_seed_warns_and_only_about_quadro_3() {
    for name in SEEDS {
        let warnings = read(seed(name).as_bytes()).warnings;
        if name.starts_with("004") {
            assert_eq!(warnings.len(), 1, "{warnings:?}");
            assert_eq!(
                warnings[0].message,
                "quadro 3 (R09 to R15) is not in the text: its fields are left blank"
            );
        } else {
            assert!(warnings.is_empty(), "{name}: {warnings:?}");
        }
    }
}

#[test]
fn the_format_dispatch_reads_text() {
    let bytes = util::read_fixture(&format!("{}.txt", SEEDS[2]));
    let forms = scheda::readers::read(&bytes, Format::Text).unwrap().value;
    assert_eq!(forms.len(), 1);
    assert_eq!(int_of(&forms[0], "R0E", ""), Some(4718));
}

// --- Variations -------------------------------------------------------------

/// Whether a line starts with a row code (`M12`, `R0A`, `ROB`, `R00C`, `R01B`).
fn is_code_line(line: &str) -> bool {
    let word = line
        .trim_start()
        .split([' ', '\t', '\u{a0}'])
        .next()
        .unwrap_or("");
    let mut chars = word.chars();
    (3..=4).contains(&word.len())
        && matches!(chars.next(), Some('M' | 'R'))
        && chars.all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
        && word[1..].starts_with(|c: char| c.is_ascii_digit() || c == 'O')
}

fn map_lines(text: &str, f: impl Fn(&str) -> String) -> String {
    text.split('\n').map(f).collect::<Vec<_>>().join("\n")
}

fn crlf(text: &str) -> String {
    text.replace('\n', "\r\n")
}

fn bom(text: &str) -> String {
    format!("\u{feff}{text}")
}

/// Windows-1252 bytes; the few characters it lacks become their ASCII look-alike.
fn cp1252(text: &str) -> Vec<u8> {
    let text = text
        .replace(['\u{2010}', '\u{2011}', '\u{2212}'], "-")
        .replace('\u{2265}', ">=");
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
    assert!(!unmappable, "a character has no Windows-1252 form");
    bytes.into_owned()
}

/// A form feed before every title, footer and `Quadro N` band line.
fn form_feeds(text: &str) -> String {
    map_lines(text, |l| {
        let t = l.trim();
        if t.starts_with("SOC2") || t.starts_with("Pagina ") || t.starts_with("Quadro ") {
            format!("\u{c}{l}")
        } else {
            l.to_string()
        }
    })
}

fn nbsp_in_labels(text: &str) -> String {
    map_lines(text, |l| {
        if is_code_line(l) {
            l.replace(' ', "\u{a0}")
        } else {
            l.to_string()
        }
    })
}

fn unicode_hyphens(text: &str) -> String {
    text.replace(" - ", " \u{2010} ")
}

fn padding(text: &str) -> String {
    map_lines(text, |l| format!("  \t{l} \t "))
}

fn doubled_blank_lines(text: &str) -> String {
    text.replace("\n\n", "\n\n\n")
}

/// Dotted thousands in the euro amounts of pdftotext value lines.
fn dotted_thousands(text: &str) -> String {
    map_lines(text, |l| {
        let toks: Vec<&str> = l.split(' ').collect();
        if toks.iter().all(|t| scheda::number::is_number(t)) {
            toks.iter()
                .map(|t| match t.split_once(',') {
                    Some((int, _)) if int.len() > 3 => {
                        let v = scheda::number::parse_it(t).unwrap();
                        scheda::number::format_it_grouped(v, 2)
                    }
                    _ => t.to_string(),
                })
                .collect::<Vec<_>>()
                .join(" ")
        } else {
            l.to_string()
        }
    })
}

/// Every line of labels, values or text longer than 30 characters split in
/// two at the space nearest its middle: the reader must not depend on where
/// lines break. (Page titles, footers, bands and headings are left whole.)
fn rewrapped(text: &str) -> String {
    const FURNITURE: [&str; 8] = [
        "SOC2",
        "Pagina",
        "Quadro",
        "QUADRO",
        "OBIETTIVI",
        "Autodiagnosi",
        "Relazione in",
        "Informazioni",
    ];
    map_lines(text, |l| {
        let chars: Vec<(usize, char)> = l.char_indices().collect();
        if chars.len() <= 30 || FURNITURE.iter().any(|f| l.trim_start().starts_with(f)) {
            return l.to_string();
        }
        let mid = chars[chars.len() / 2].0;
        let split = l
            .match_indices(' ')
            .map(|(i, _)| i)
            .min_by_key(|i| i.abs_diff(mid));
        match split {
            Some(i) => format!("{}\n{}", &l[..i], &l[i + 1..]),
            None => l.to_string(),
        }
    })
}

fn assert_same_model(name: &str, variation: &str, bytes: &[u8]) {
    let want = read(seed(name).as_bytes()).value;
    match text::read(bytes) {
        Ok(got) => assert_eq!(got.value, want, "{name} with {variation}"),
        Err(e) => panic!("{name} with {variation}: {e}"),
    }
}

#[test]
fn every_variation_reads_to_the_seeds_model() {
    type Variation = fn(&str) -> String;
    let variations: [(&str, Variation); 8] = [
        ("CRLF", crlf),
        ("BOM", bom),
        ("form feeds", form_feeds),
        ("NBSP in labels", nbsp_in_labels),
        ("U+2010 hyphens", unicode_hyphens),
        ("padding", padding),
        ("doubled blank lines", doubled_blank_lines),
        ("everything at once", |t| {
            bom(&crlf(&padding(&doubled_blank_lines(&form_feeds(
                &unicode_hyphens(&nbsp_in_labels(t)),
            )))))
        }),
    ];
    for name in SEEDS {
        let text = seed(name);
        for (what, f) in variations {
            assert_same_model(name, what, f(&text).as_bytes());
        }
    }
}

#[test]
fn windows_1252_reads_to_the_seeds_model_with_a_warning() {
    for name in SEEDS {
        let bytes = cp1252(&seed(name));
        assert_same_model(name, "Windows-1252", &bytes);
        let warnings = read(&bytes).warnings;
        assert!(
            warnings[0]
                .message
                .contains("not UTF-8: read it as Windows-1252"),
            "{name}: {warnings:?}"
        );
    }
}

#[test]
fn pdftotext_amounts_with_dotted_thousands_read_the_same() {
    for name in &SEEDS[..3] {
        let text = dotted_thousands(&seed(name));
        assert!(text.contains("124.120,25") || !name.starts_with("000"));
        assert_same_model(name, "dotted thousands", text.as_bytes());
    }
}

#[test]
fn lines_split_anywhere_read_the_same() {
    for name in [SEEDS[0], SEEDS[1], SEEDS[2], SEEDS[4]] {
        let text = rewrapped(&seed(name));
        assert_same_model(name, "lines split in two", text.as_bytes());
        assert_same_model(
            name,
            "lines split in two, twice",
            rewrapped(&text).as_bytes(),
        );
    }
}

// --- Blanks -----------------------------------------------------------------

/// The seed with the first line equal to `line` (after trimming) replaced.
fn replace_line(text: &str, line: &str, by: &str) -> (String, usize) {
    let lines: Vec<&str> = text.split('\n').collect();
    let i = lines
        .iter()
        .position(|l| l.trim() == line)
        .unwrap_or_else(|| panic!("no line `{line}`"));
    let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    out[i] = by.to_string();
    (out.join("\n"), i + 1)
}

#[test]
fn a_row_without_values_is_never_read_as_zero() {
    // Among filled rows, a row without values lost them: blank with a
    // warning, never zeros (text_robust has every row of every seed).
    let (text, _) = replace_line(&seed(SEEDS[0]), "8 36 0 0,00", "");
    let label = text.lines().position(|l| l.starts_with("M12 - ")).unwrap() + 1;
    let out = read(text.as_bytes());
    assert!(blank_row(&out.value, "M12"));
    let w = &out.warnings[0];
    assert_eq!(w.message, "row M12 has no values: it reads as blank");
    assert_eq!(w.location, Some(Location::line(label)));
    // In a form left blank, a blank row reads as null.
    let mut blank = Scheda::empty(Edizione::builtin("SOC25"));
    set(&mut blank, "R03", "", Some(1000));
    let out = scheda::writers::text::write(&blank, None, scheda::Templates::builtin().catalogue())
        .unwrap()
        .value;
    let s = read(&out).value;
    assert!(blank_row(&s, "M12"));
    assert_eq!(int_of(&s, "R03", ""), Some(1000));
}

#[test]
fn a_header_line_of_years_is_never_taken_for_values() {
    // R01 prints `2020 2024` above its values: without the values the row
    // has none, not 2020 and 2024 social workers.
    let blank_r01 = |text: &str| {
        let out = read(text.as_bytes());
        assert!(blank_row(&out.value, "R01"));
        let messages: Vec<_> = out.warnings.iter().map(|w| w.message.as_str()).collect();
        assert!(
            messages.contains(&"row R01 has no values: it reads as blank"),
            "{messages:?}"
        );
    };
    let (text, _) = replace_line(&seed(SEEDS[0]), "0,00 1,00", "");
    blank_r01(&text);
    // The same in the portal page, where the headers share the label's line.
    let (text, _) = replace_line(&seed(SEEDS[3]), "1,00\t1,00", "");
    blank_r01(&text);
}

#[test]
fn an_empty_portal_field_is_null_and_a_filled_one_is_read() {
    let text = seed(SEEDS[3]).replace(
        "ab.)\t<input type=\"text\" value=\"0,00\"/>\t<input type=\"text\"/>\t<input type=\"text\" value=\"0,00\"/>",
        "ab.)\t<input type=\"text\"/>\t<input type=\"text\" value=\"Costo medio &amp; ore\"/>\t<input type=\"text\" value=\"1.200,50\"/>",
    );
    let text = text.replace(
        "servizi sociali\t<input type=\"text\"/>",
        "servizi sociali\t<input type=\"text\" value=\"Spesa per il trasporto\"/>",
    );
    let s = read(text.as_bytes()).value;
    assert_eq!(
        text_of(&s, "R12", "descrizione").as_deref(),
        Some("Spesa per il trasporto")
    );
    assert_eq!(dec_of(&s, "R12", "spesa"), Some(util::dec("0.00")));
    assert_eq!(dec_of(&s, "R10", "numero"), None);
    assert_eq!(
        text_of(&s, "R10", "modalita").as_deref(),
        Some("Costo medio & ore")
    );
    assert_eq!(dec_of(&s, "R10", "spesa"), Some(util::dec("1200.50")));
    assert_eq!(dec_of(&s, "R11", "numero"), Some(util::dec("0.00")));
}

#[test]
fn pdftotext_text_in_quadro_3_is_read_as_modalita_and_description() {
    // A modalità cell wrapped over two lines, the second printed after the
    // values; a description before the amount.
    let text = seed(SEEDS[2])
        .replacen(
            "Spesa aggiuntiva\n\n0,00 0,00\n",
            "Spesa aggiuntiva\n\n1,00 Costo orario per 2500,00\nore lavorate\n",
            1,
        )
        .replacen(
            "servizi sociali\n\nSpesa aggiuntiva\n\n0,00\n",
            "servizi sociali\n\nSpesa aggiuntiva\n\nSportello di ascolto\n\ne trasporto 1200,00\n",
            1,
        );
    let s = read(text.as_bytes()).value;
    assert_eq!(dec_of(&s, "R10", "numero"), Some(util::dec("1.00")));
    assert_eq!(
        text_of(&s, "R10", "modalita").as_deref(),
        Some("Costo orario per ore lavorate")
    );
    assert_eq!(dec_of(&s, "R10", "spesa"), Some(util::dec("2500.00")));
    assert_eq!(dec_of(&s, "R11", "numero"), Some(util::dec("0.00")));
    assert_eq!(text_of(&s, "R11", "modalita"), None);
    assert_eq!(
        text_of(&s, "R12", "descrizione").as_deref(),
        Some("Sportello di ascolto\ne trasporto")
    );
    assert_eq!(dec_of(&s, "R12", "spesa"), Some(util::dec("1200.00")));
    // The heading after R12's amount is not part of the description.
    let s = read(seed(SEEDS[2]).as_bytes()).value;
    assert_eq!(text_of(&s, "R12", "descrizione"), None);
}

// --- Errors -----------------------------------------------------------------

/// The seed without the block of row `code` (its line to the next row's).
fn without_row(text: &str, code: &str) -> (String, usize) {
    let lines: Vec<&str> = text.split('\n').collect();
    let starts = |l: &str, c: &str| {
        let t = l.trim_start();
        t.strip_prefix(c)
            .is_some_and(|r| r.starts_with([' ', '\t', '\u{a0}', '-', '\u{2010}']))
    };
    let i = lines.iter().position(|l| starts(l, code)).unwrap();
    let j = (i + 1..lines.len())
        .find(|&j| is_code_line(lines[j]))
        .unwrap();
    let mut out = lines[..i].to_vec();
    out.extend_from_slice(&lines[j..]);
    (out.join("\n"), i + 1)
}

#[test]
fn a_missing_row_is_named_with_the_line_where_it_was_expected() {
    for name in SEEDS {
        for (code, prev) in [("R03", "R02"), ("M35", "M30")] {
            let (text, no) = without_row(&seed(name), code);
            let e = read_err(&text);
            let message = &e.diagnostics[0].message;
            assert!(
                message.starts_with(&format!("row {code} not found (expected after ")),
                "{name}: {e}"
            );
            if code == "M35" || !name.starts_with("003") {
                assert!(
                    message.contains(&format!("after {prev} (line ")),
                    "{name}: {e}"
                );
            }
            // Where it was expected: the line where the next row now starts.
            assert_eq!(line_of(&e), Some(Location::line(no)), "{name}: {e}");
        }
    }
}

#[test]
fn a_value_that_is_not_a_number_names_its_row_and_line() {
    let cases = [
        (
            SEEDS[0],
            "3 13 0 0,00",
            "3 abc 0 0,00",
            "row M15: `abc` is not a number (expected utenti 2024, a whole number)",
        ),
        (
            SEEDS[1],
            "10 16 7390 461,88",
            "10 16 7390 abc",
            "row M15: `abc` is not a number (expected media ore 2024, a number such as 12,34)",
        ),
        (
            SEEDS[2],
            "1120",
            "abc",
            "row R03: `abc` is not a number (expected abitanti, a whole number)",
        ),
        (
            SEEDS[3],
            "M15 - Utenti disabili\t1\t0\t0\t0,00",
            "M15 - Utenti disabili\t1\tabc\t0\t0,00",
            "row M15: `abc` is not a number (expected utenti 2025, a whole number)",
        ),
        (
            SEEDS[4],
            "R06 \u{2010} Fabbisogno standard monetario sociale 2022\u{2010}2024 1.984.440,83",
            "R06 \u{2010} Fabbisogno standard monetario sociale 2022\u{2010}2024 abc",
            "row R06: `abc` is not a number (expected euro, a number with at most two decimals, such as 1234,50)",
        ),
        (
            SEEDS[0],
            "4,81",
            "abc",
            "row R04: `abc` is not a number (expected percentuale, a number such as 12,34)",
        ),
        (
            SEEDS[0],
            "4,81",
            "4,81 abc",
            "row R04: expected 1 value (percentuale), found 2: `4,81 abc`",
        ),
    ];
    for (name, from, to, message) in cases {
        let (text, no) = replace_line(&seed(name), from, to);
        let e = read_err(&text);
        assert_eq!(e.diagnostics[0].message, message, "{name}");
        assert_eq!(line_of(&e), Some(Location::line(no)), "{name}");
    }
}

#[test]
fn a_wrong_count_of_values_names_its_row_and_line() {
    let (text, no) = replace_line(&seed(SEEDS[0]), "8 36 0 0,00", "8 36 0");
    let e = read_err(&text);
    assert_eq!(
        e.diagnostics[0].message,
        "row M12: expected 4 values (utenti 2019, utenti 2024, ore 2024, media ore 2024), found 3: `8 36 0`"
    );
    assert_eq!(line_of(&e), Some(Location::line(no)));
    let (text, no) = replace_line(
        &seed(SEEDS[4]),
        "R01A \u{2010} Numeri di assistenti sociali forniti dalla forma associata o dall'ambito",
        "R01A \u{2010} Numeri di assistenti sociali forniti dalla forma associata o dall'ambito 1 2",
    );
    let e = read_err(&text);
    assert_eq!(
        e.diagnostics[0].message,
        "row R01A: expected 1 value (2024), found 3: `1 2 0`"
    );
    assert_eq!(line_of(&e), Some(Location::line(no)));
}

#[test]
fn bad_ratios_and_answers_are_errors() {
    let (text, no) = replace_line(
        &seed(SEEDS[2]),
        "1 assistente sociale ogni:  4718 abitanti",
        "1 assistente sociale ogni: molti abitanti",
    );
    let e = read_err(&text);
    assert_eq!(
        e.diagnostics[0].message,
        "row R0E: expected `NON CALCOLABILE` or `1 assistente sociale ogni: N abitanti`, found `1 assistente sociale ogni: molti abitanti`"
    );
    assert_eq!(line_of(&e), Some(Location::line(no)));
    let (text, no) = replace_line(
        &seed(SEEDS[0]),
        "1 assistente ogni : 1748",
        "1 assistente ogni : x",
    );
    let e = read_err(&text);
    assert_eq!(
        e.diagnostics[0].message,
        "row R01B: `x` is not a number (expected `1 assistente ogni : N` with N a whole number)"
    );
    assert_eq!(line_of(&e), Some(Location::line(no)));
    let text = seed(SEEDS[1]).replacen("NO\n\nR18", "NO\n\nSI\n\nR18", 1);
    let e = read_err(&text);
    assert!(
        e.diagnostics[0]
            .message
            .starts_with("row R17: more than one answer (`NO` at line "),
        "{e}"
    );
}

#[test]
fn an_unknown_text_is_refused_clearly() {
    for text in [
        "",
        "Lorem ipsum dolor sit amet\n\nconsectetur",
        "{\"schema_version\": 1}",
    ] {
        let e = read_err(text);
        assert!(
            e.diagnostics[0]
                .message
                .starts_with("the text is not a SOC25/SOC26 form: found 0 of the form's row codes"),
            "{e}"
        );
        assert!(e.diagnostics[0].hint.is_some());
    }
}

#[test]
fn an_unknown_edition_is_refused_clearly() {
    let text = seed(SEEDS[0]).replace("SOC25 - SOCIALE", "SOC27 - SOCIALE");
    let e = read_err(&text);
    assert_eq!(
        e.diagnostics[0].message,
        "unknown edition `SOC27` (expected SOC25, SOC26) in the title"
    );
    assert_eq!(
        e.diagnostics[0].message_in(scheda::messages::Lang::It),
        "edizione sconosciuta `SOC27` (le edizioni sono SOC25, SOC26) nel titolo"
    );
}

#[test]
fn model_problems_become_errors() {
    // A staff count with three decimals is refused with its row and line.
    let (text, no) = replace_line(&seed(SEEDS[0]), "0,00 1,00", "0,00 1,125");
    let e = read_err(&text);
    assert_eq!(
        e.diagnostics[0].message,
        "row R01: `1,125` is not a number with two decimals (expected 2024, a number with at most two decimals, such as 1234,50)"
    );
    assert_eq!(line_of(&e), Some(Location::line(no)));
    // A relazione over 6.000 characters is read, with the model's warning.
    let long = "parola ".repeat(1000);
    let text = seed(SEEDS[1]).replace(
        "Nel corso del 2024 sono aumentati gli utenti che usufruiscono dei servizi offerti",
        &long,
    );
    let read = scheda::readers::text::read_str(&text).unwrap();
    let warning = read
        .warnings
        .iter()
        .find(|w| w.message.contains("the form allows at most 6.000"))
        .unwrap_or_else(|| panic!("{:?}", read.warnings));
    assert_eq!(
        warning.location,
        Some(Location::pointer("/quadro4/relazione"))
    );
}

// --- SOC26 and the header block in the pdftotext layout ----------------------

#[test]
fn a_soc26_form_in_the_pdftotext_layout_reads_like_its_portal_copy() {
    // How pdftotext may extract a SOC26 PDF: the header block on page 1,
    // SOC26 labels (`ROA`, `R02X`, `R16 - Relazione ...`), column headers side
    // by side and interleaved, headers and values one per line, a label split
    // before its year (`per il` / `2025`), form feeds before the footers.
    let text = String::from_utf8(util::read_fixture("soc26_pdftotext.txt")).unwrap();
    assert_eq!(
        text::detect(&text).unwrap(),
        (Edizione::builtin("SOC26"), Rendering::Pdftotext)
    );
    let got = read(text.as_bytes());
    assert!(got.warnings.is_empty(), "{:?}", got.warnings);
    let portal = read(seed(SEEDS[3]).as_bytes()).value;
    assert_eq!(got.value, portal);
    for (what, variant) in [
        ("lines split in two", rewrapped(&text)),
        ("CRLF and padding", crlf(&padding(&text))),
        (
            "U+2010 hyphens and NBSP",
            unicode_hyphens(&nbsp_in_labels(&text)),
        ),
    ] {
        assert_eq!(read(variant.as_bytes()).value, portal, "{what}");
    }
}

#[test]
fn a_soc25_header_block_names_the_comune() {
    let text = format!(
        "SOC25 - SOCIALE - SCHEDA DI MONITORAGGIO DEGLI OBIETTIVI DI SERVIZIO 2024\n\nDenominazione\nCodice indentificativo\nData ultima modifica\nGAMBOLÒ\nPV123\n24/03/2025 17:05\n\n{}",
        seed(SEEDS[0])
    );
    let s = read(text.as_bytes()).value;
    assert_eq!(s.ente.denominazione.as_deref(), Some("GAMBOLÒ"));
    assert_eq!(s.ente.codice.as_deref(), Some("PV123"));
    // `Data ultima modifica` wins over the footer's print date.
    assert_eq!(s.ente.data.unwrap().to_string(), "2025-03-24T17:05");
}

// --- Free text ----------------------------------------------------------------

#[test]
fn the_relazione_keeps_paragraphs_and_runs_across_page_furniture() {
    let text = seed(SEEDS[2]).replace(
        "Esso gestisce, in\n",
        "Esso gestisce, in\n\nQuadro 4\n\nSOC25 - SOCIALE - SCHEDA DI MONITORAGGIO DEGLI OBIETTIVI DI SERVIZIO 2024\n\n\u{c}Pagina 7 di 8 Data 25/03/2025 11:18\n\n",
    );
    let text = text.replace(
        "5.000,00 abitanti.\n",
        "5.000,00 abitanti.\n\n  Secondo   paragrafo,\u{a0}su\ndue righe.\n",
    );
    let s = read(text.as_bytes()).value;
    let relazione = s.relazione().unwrap();
    assert!(
        relazione.starts_with("Il trasferimento statale è stato utilizzato per coprire l'incremento della quota associativa al Consorzio Intercomunale Socio Assistenziale di Tortona. Esso gestisce, in forma associata, la funzione"),
        "{relazione}"
    );
    assert!(
        relazione.ends_with("5.000,00 abitanti.\nSecondo paragrafo, su due righe."),
        "{relazione}"
    );
}

#[test]
fn the_ifel_relazione_ends_at_the_closing_text() {
    let text = seed(SEEDS[4]).replace(
        "(massimo 6.000 caratteri)\n\nNOTA BENE",
        "(massimo 6.000 caratteri)\n\nIl Comune ha potenziato il servizio\nsociale professionale.\n\nNOTA BENE",
    );
    let s = read(text.as_bytes()).value;
    assert_eq!(
        s.relazione(),
        Some("Il Comune ha potenziato il servizio sociale professionale.")
    );
}

#[test]
fn a_portal_textarea_gives_the_relazione() {
    let text = seed(SEEDS[3]).replace(
        "caratteri)",
        "caratteri)\n<textarea name=\"r16\">Prima riga &amp; altro\nseconda riga</textarea>",
    );
    let s = read(text.as_bytes()).value;
    assert_eq!(s.relazione(), Some("Prima riga & altro seconda riga"));
}

#[test]
fn numbers_that_belong_to_no_row_are_skipped_with_a_warning() {
    let text = format!("12 34\n{}", seed(SEEDS[0]));
    let w = read(text.as_bytes());
    assert_eq!(w.warnings.len(), 1, "{:?}", w.warnings);
    assert_eq!(
        w.warnings[0].message,
        "skipped `12 34`: it looks like data but comes before the first row"
    );
    assert_eq!(w.warnings[0].location, Some(Location::line(1)));
    let (text, no) = replace_line(
        &seed(SEEDS[1]),
        "R20 - Digitalizzazione dei",
        "R20 - Digitalizzazione dei\n\n0,00",
    );
    let w = read(text.as_bytes());
    assert_eq!(
        w.warnings[0].message,
        "skipped `0,00` after question R20: expected SI or NO"
    );
    assert_eq!(w.warnings[0].location, Some(Location::line(no + 2)));
}

#[test]
fn mutilated_texts_give_errors_not_panics() {
    for name in SEEDS {
        let text = seed(name);
        let lines: Vec<&str> = text.split('\n').collect();
        for i in (0..lines.len()).step_by(13) {
            let mut without = lines.clone();
            without.remove(i);
            let mut garbled: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
            garbled[i].push_str(" \u{212a}: <input value=\"\u{2010}");
            for text in [
                without.join("\n"),
                lines[..i].join("\n"),
                garbled.join("\n"),
            ] {
                if let Err(e) = text::read_str(&text) {
                    assert!(e.diagnostics.iter().any(|d| d.is_error()), "{e}");
                }
            }
        }
    }
}

#[test]
fn a_text_cut_short_is_one_error() {
    let text = seed(SEEDS[0]);
    let cut: Vec<&str> = text.split('\n').take(300).collect();
    let e = read_err(&cut.join("\n"));
    assert_eq!(e.diagnostics.len(), 1, "{e}");
    assert_eq!(
        e.diagnostics[0].message,
        "rows R0B to R40 not found (expected after R0A (line 291))"
    );
    assert_eq!(line_of(&e), Some(Location::line(292)));
}

#[test]
fn empty_header_fields_stay_empty_and_the_province_is_split() {
    let seed = String::from_utf8(util::read_fixture("000_67ecfe3c12e4f28c.txt")).unwrap();
    let text = format!(
        "Denominazione SONDRIO (SO)\nCodice indentificativo\nData ultima modifica\n\n{seed}"
    );
    let s = scheda::readers::text::read_str(&text).unwrap().value;
    assert_eq!(s.ente.denominazione.as_deref(), Some("SONDRIO"));
    assert_eq!(s.ente.provincia.as_deref(), Some("SO"));
    assert_eq!(s.ente.codice, None);
    // The footer's date, since the header's is empty.
    assert_eq!(
        s.ente.data.map(|d| d.to_string()).as_deref(),
        Some("2025-03-25T11:18")
    );
}
