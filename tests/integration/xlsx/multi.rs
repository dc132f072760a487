//! The multi-Comune workbook: one form per row, one column per field path.

use scheda::model::{DataOra, Edizione};
use scheda::readers::xlsx as reader;
use scheda::writers::xlsx as writer;

use super::models::{cumignano, seed_002, sondrio, texts_and_blanks};
use super::{open, read_err, sheet_of};
use crate::util::{dec, dec_of, int_of};

#[test]
fn multi_comune_workbook_round_trips() {
    let forms = vec![seed_002(), cumignano(), sondrio(), texts_and_blanks()];
    let bytes = writer::write_many(&forms).unwrap();
    let w = reader::read(&bytes).unwrap();
    assert!(w.warnings.is_empty(), "{:?}", w.warnings);
    assert_eq!(w.value, forms);
    assert_eq!(writer::write_many(&forms).unwrap(), bytes, "deterministic");
    let sheet = open(&bytes, "Comuni");
    let headers: Vec<String> = (0..200).map(|c| sheet.text(0, c)).collect();
    assert_eq!(
        headers[..4],
        ["edizione", "anno", "ente.denominazione", "ente.provincia"]
    );
    for path in [
        "quadro1.M12.utenti",
        "quadro1.R01.anno_2020",
        "quadro1.R02X",
        "quadro4.risposte.R16",
        "quadro4.relazione",
    ] {
        assert!(headers.iter().any(|h| h == path), "{path}");
    }
    assert!(!headers.iter().any(|h| h == "schema_version"));
    // Answers are SI/NO cells.
    let col = headers
        .iter()
        .position(|h| h == "quadro4.risposte.R39")
        .unwrap() as u32;
    assert_eq!(sheet.text(1, col), "SI");
    // A SOC25-only workbook has no SOC26 column.
    let only25 = open(&writer::write_many(&[seed_002()]).unwrap(), "Comuni");
    assert!(!(0..200).any(|c| only25.text(0, c) == "quadro1.R02X"));
}

#[test]
fn multi_comune_sheets_people_fill_in() {
    let bytes = sheet_of(
        "Foglio1",
        &[
            &[
                "edizione",
                "ente.denominazione",
                "quadro1.M12.utenti",
                "quadro2.R06",
                "quadro4.risposte.R16",
                "ente.data",
            ],
            &[
                "SOC25",
                "#019114",
                "12",
                "#1.984.440,83",
                "si",
                "#25/03/2025 11:18",
            ],
            &[],
            &["SOC26", "BREMBATE", "#7", "", "", "2026-03-20T10:30"],
        ],
    );
    let forms = reader::read(&bytes).unwrap().value;
    assert_eq!(forms.len(), 2);
    assert_eq!(forms[0].anno, 2024, "the year follows the edition");
    assert_eq!(forms[0].ente.denominazione.as_deref(), Some("019114"));
    assert_eq!(int_of(&forms[0], "M12", "utenti"), Some(12));
    assert_eq!(dec_of(&forms[0], "R06", ""), Some(dec("1984440.83")));
    assert_eq!(forms[0].risposta("R16"), Some(true));
    assert_eq!(forms[0].ente.data, DataOra::new(2025, 3, 25, 11, 18));
    assert_eq!(forms[1].edizione, Edizione::builtin("SOC26"));
    assert_eq!(int_of(&forms[1], "M12", "utenti"), Some(7));
    assert_eq!(forms[1].ente.data, DataOra::new(2026, 3, 20, 10, 30));
}

#[test]
fn multi_comune_errors_name_the_cell() {
    for (rows, needle, cell) in [
        (
            &[&["edizione", "quadro1.M12.utenti"][..], &["SOC25", "2.5"]][..],
            "expected a whole number, found 2.5",
            "Comuni!B2",
        ),
        (
            &[&["edizione", "quadro1.M12.utenti"][..], &["SOC25", "molti"]],
            "expected a non-negative whole number, found \"molti\"",
            "Comuni!B2",
        ),
        (
            &[&["edizione", "quadro1.M99.utenti"][..], &["SOC25", "1"]],
            "unknown field `quadro1.M99.utenti`",
            "Comuni!B1",
        ),
        (
            &[&["edizione", "quadro1.M12.utenti"][..], &["SOC27", "1"]],
            "edizione: expected SOC25 or SOC26, found \"SOC27\"",
            "Comuni!A2",
        ),
        (
            &[&["edizione", "quadro1.R02X"][..], &["SOC25", "1"]],
            "R02X exists only in SOC26",
            "Comuni!B2",
        ),
        (
            &[&["edizione", "quadro2.R08"][..], &["SOC25", "1.005"]],
            "more than 2 decimals",
            "Comuni!B2",
        ),
    ] {
        let e = read_err(&sheet_of("Comuni", rows));
        assert!(e.contains(needle), "{needle}: {e}");
        assert!(e.contains(cell), "{cell}: {e}");
    }
}
