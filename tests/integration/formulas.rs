//! Workbooks whose formulas carry no computed result (written by scripts:
//! tests/fixtures/formulas/make.py, with openpyxl), and the guarantee around
//! them: derived values computed by the rules with one warning, other
//! formulas computed or refused naming the cell, `check` never calling a
//! form with a blank computable value consistent, and no output printing a
//! sentence computed from a value it leaves blank.

use scheda::model::Scheda;
use scheda::writers::{self, WriteOptions};
use scheda::{Format, rules};
use serde_json::Value;

use crate::util::{
    blank, dec, dec_of, fixture, int_of, p, read_fixture, scheda, scheda_in, stderr, stdout,
    tempdir,
};

const SEED: &str = "001_c36fd2931944160a";

fn seed() -> Scheda {
    let json = read_fixture(&format!("{SEED}.expected.json"));
    scheda::readers::json::read(&json).unwrap().value
}

fn as_json(s: &Scheda) -> Value {
    serde_json::from_slice(&writers::json::write(s).unwrap()).unwrap()
}

fn read_workbook(name: &str) -> scheda::Result<scheda::Warned<Vec<Scheda>>> {
    scheda::readers::xlsx::read(&read_fixture(&format!("formulas/{name}")))
}

#[test]
fn scheda_s_workbook_resaved_by_openpyxl_reads_to_the_seed_with_one_warning() {
    let read = read_workbook("001_resaved_by_openpyxl.xlsx").unwrap();
    assert_eq!(read.value.len(), 1);
    assert_eq!(as_json(&read.value[0]), as_json(&seed()));
    assert_eq!(read.warnings.len(), 1, "{:?}", read.warnings);
    let w = read.warnings[0].render(None);
    for expected in [
        "formulas without a computed result",
        "computed by the form's rules",
        "M12 (Scheda!F",
        "R0B (Scheda!C",
        "R01B (Scheda!",
        "R04 (Scheda!",
        "R09 (Scheda!",
        "R15 (Scheda!",
        "--recompute",
    ] {
        assert!(w.contains(expected), "{expected}: {w}");
    }
    assert!(!w.contains("other formulas"), "{w}");
}

#[test]
fn a_sheet_laid_by_hand_with_sums_and_arithmetic_reads_to_the_seed() {
    let read = read_workbook("001_laid_by_hand.xlsx").unwrap();
    let (got, expected) = (as_json(&read.value[0]), as_json(&seed()));
    // The sheet holds Quadri 1 and 2 (no Ente sheet, no Quadri 3 and 4).
    for quadro in ["edizione", "anno", "quadro1", "quadro2"] {
        assert_eq!(got[quadro], expected[quadro], "{quadro}");
    }
    assert_eq!(read.warnings.len(), 1, "{:?}", read.warnings);
    let w = read.warnings[0].render(None);
    for expected in [
        "the derived values computed by the form's rules: M12 (Quadro 1!E3)",
        "R0B (Quadro 1!B24, Quadro 1!C24)",
        "R01B (Quadro 1!B32)",
        "R04 (Quadro 1!B34)",
        // M15 ore (=7000+390), R01 2024 (=0.5*2), R06 ('Dati 2024'!B3+B4).
        "the other formulas computed by scheda: Quadro 1!D4",
        "Quadro 1!C28",
        "Quadro 1!B36",
    ] {
        assert!(w.contains(expected), "{expected}: {w}");
    }
}

#[test]
fn a_formula_scheda_cannot_compute_is_an_error_naming_the_cell_and_formula() {
    let e = read_workbook("unsupported_function.xlsx").unwrap_err();
    let text = e.to_string();
    for expected in [
        "Quadro 1!C3",
        "`=VLOOKUP(\"Multiutenza\",Dati!A1:B9,2,FALSE)`",
        "the function VLOOKUP, which scheda does not compute",
        "hint: open the workbook in Excel or LibreOffice and save it",
    ] {
        assert!(text.contains(expected), "{expected}: {text}");
    }
    // From the command line too, with the input's name.
    let path = fixture("formulas/unsupported_function.xlsx");
    let out = scheda(&["check", p(&path)]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(stderr(&out).contains("Quadro 1!C3"), "{}", stderr(&out));
}

#[test]
fn a_formula_scheda_cannot_compute_is_told_in_italian_with_its_reason() {
    // Issue 20: the reason why is a message of the catalogue too, in the
    // error's language, not an English phrase inside an Italian frame.
    let path = fixture("formulas/unsupported_function.xlsx");
    let out = scheda_in("it_IT.UTF-8", &["check", p(&path)]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let text = stderr(&out);
    for expected in [
        "errore: la formula `=VLOOKUP(\"Multiutenza\",Dati!A1:B9,2,FALSE)` non ha un risultato \
         calcolato e scheda non sa calcolarla: la funzione VLOOKUP, che scheda non calcola",
        "Quadro 1!C3",
        "suggerimento: apri la cartella di lavoro in Excel o LibreOffice e salvala",
    ] {
        assert!(text.contains(expected), "{expected}: {text}");
    }
    assert!(!text.contains("which scheda does not compute"), "{text}");
    // `--lang en` in the same locale: today's English.
    let out = scheda_in("it_IT.UTF-8", &["--lang", "en", "check", p(&path)]);
    assert!(
        stderr(&out).contains("the function VLOOKUP, which scheda does not compute"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_multi_comune_workbook_computes_its_formulas_row_by_row() {
    let read = read_workbook("many_comuni.xlsx").unwrap();
    let r04: Vec<_> = read.value.iter().map(|s| dec_of(s, "R04", "")).collect();
    assert_eq!(r04, [Some(dec("21.62")), Some(dec("33.63"))]);
    assert_eq!(int_of(&read.value[0], "M30", "utenti"), Some(800));
    // One warning per form: each names its own cells.
    assert_eq!(read.warnings.len(), 2, "{:?}", read.warnings);
    let first = read.warnings[0].render(None);
    assert!(
        first.contains("computed by the form's rules: R04 (Comuni!G2)"),
        "{first}"
    );
    assert!(
        first.contains("the other formulas computed by scheda: Comuni!D2"),
        "{first}"
    );
    let second = read.warnings[1].render(None);
    assert!(second.contains("R04 (Comuni!G3)"), "{second}");
    assert!(!second.contains("other formulas"), "{second}");
}

#[test]
fn check_of_a_workbook_whose_derived_values_the_rules_computed() {
    let path = fixture("formulas/001_resaved_by_openpyxl.xlsx");
    let out = scheda(&["check", p(&path)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).ends_with(": consistent\n"), "{}", stdout(&out));
    assert!(stderr(&out).contains("computed by the form's rules"));
    let out = scheda(&["check", "--strict", p(&path)]);
    assert_eq!(out.status.code(), Some(3), "a warning under --strict");
}

/// Seed 001 with R01B and R04 blank (and the R0B totals, from which R04 is
/// computed: a whole row, which every text layout can write), as a JSON
/// file in `dir`.
fn with_blank_derived(dir: &std::path::Path) -> (Scheda, std::path::PathBuf) {
    let mut s = seed();
    blank(&mut s, "R01B", "");
    blank(&mut s, "R04", "");
    blank(&mut s, "R0B", "utenti");
    blank(&mut s, "R0B", "utenti_2019");
    let path = dir.join("blank.json");
    std::fs::write(&path, writers::json::write(&s).unwrap()).unwrap();
    (s, path)
}

#[test]
fn check_does_not_call_consistent_a_form_with_blank_computable_values() {
    let dir = tempdir("formulas-check");
    let (_, path) = with_blank_derived(&dir);
    let out = scheda(&["check", p(&path)]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains(": 4 blank derived value(s) that the rules compute"),
        "{text}"
    );
    assert!(!text.contains("consistent"), "{text}");
    for line in [
        "  R0B TOTALE UTENTI 2019: blank, computed 668 (/quadro1/R0B/utenti_2019)",
        "  R0B TOTALE UTENTI 2024: blank, computed 994 (/quadro1/R0B/utenti)",
        "  R01B abitanti per assistente sociale: blank, computed 4598 (/quadro1/R01B)",
        "  R04 livello di servizio effettivo 2024: blank, computed 21,62 (/quadro1/R04)",
        "--recompute",
    ] {
        assert!(text.contains(line), "{line}: {text}");
    }
    let out = scheda(&["check", "--json", p(&path)]);
    assert_eq!(out.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report[0]["consistent"], false);
    assert_eq!(report[0]["discrepancies"], Value::Array(vec![]));
    let missing: Vec<&str> = report[0]["missing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["code"].as_str().unwrap())
        .collect();
    assert_eq!(missing, ["R0B", "R0B", "R01B", "R04"]);
    assert_eq!(report[0]["missing"][3]["computed"], "21,62");

    // Recomputed, the form is whole and consistent.
    let fixed = dir.join("fixed.json");
    let out = scheda(&["convert", "--recompute", p(&path), "-o", p(&fixed)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = scheda(&["check", p(&fixed)]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

/// The text a person reads: words separated by single spaces.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn no_output_prints_a_sentence_computed_from_a_value_it_leaves_blank() {
    let dir = tempdir("formulas-sentences");
    let (blank, _) = with_blank_derived(&dir);
    let catalogue = scheda::Templates::builtin().catalogue().clone();
    let whole = rules::sentences::choose(&seed(), &catalogue).unwrap().value;
    let assistenti = whole.assistenti.clone().unwrap();
    let servizi = whole.servizi.clone().unwrap();
    assert!(assistenti.contains("1 ogni 4598 abitanti"), "{assistenti}");
    assert!(!whole.quadro2.is_empty());

    let chosen = rules::sentences::choose(&blank, &catalogue).unwrap();
    assert_eq!(chosen.value.assistenti, None);
    assert_eq!(chosen.value.servizi, None);
    assert!(
        chosen.value.quadro2.is_empty(),
        "{:?}",
        chosen.value.quadro2
    );
    let warning = chosen
        .warnings
        .iter()
        .map(|w| w.render(None))
        .find(|w| w.contains("not printed"))
        .expect("a warning says which sentences are left out");
    assert!(warning.contains("R01B (computed 4598)"), "{warning}");
    assert!(warning.contains("R04 (computed 21,62)"), "{warning}");
    assert!(warning.contains("--recompute"), "{warning}");

    let options = WriteOptions::default();
    for (format, page) in [(Format::Text, false), (Format::Pdf, true)] {
        let text_of = |s: &Scheda| {
            let bytes = writers::write(s, format, &options).unwrap();
            let text = if page {
                scheda::readers::pdf::extract_text(&bytes.value)
                    .unwrap()
                    .value
            } else {
                String::from_utf8(bytes.value).unwrap()
            };
            (words(&text), bytes.warnings)
        };
        let (full, _) = text_of(&seed());
        let (left, warnings) = text_of(&blank);
        for sentence in [&assistenti, &servizi, &whole.quadro2[0]] {
            // A sentence's last words, which no other sentence shares.
            let tail: Vec<&str> = sentence.split_whitespace().rev().take(8).collect();
            let tail: Vec<&str> = tail.into_iter().rev().collect();
            let tail = tail.join(" ");
            assert!(full.contains(&tail), "{format}: {tail}");
            assert!(!left.contains(&tail), "{format} prints {tail}");
        }
        assert!(
            warnings.iter().any(|w| w.message.contains("not printed")),
            "{format}: {warnings:?}"
        );
    }
}
