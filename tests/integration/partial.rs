//! Files that read only in part (issue 19, point 4): the lenient read
//! ([`readers::read_partial`]) fills the rows that read and leaves blank,
//! each error naming its place and the fields it blanked, those that do
//! not; the strict read fails as it always did; `/api/read` answers the
//! partial form; `scheda check` lists every error at once.

use scheda::diagnostic::Location;
use scheda::limits::Limits;
use scheda::readers::{self, Partial};
use scheda::{Format, Scheda};
use serde_json::Value;

use crate::util::{
    SEEDS, blank_row, dec_of, int_of, p, read_fixture, row, scheda, stderr, tempdir,
};

const M15: [&str; 4] = [
    "/quadro1/M15/utenti_2019",
    "/quadro1/M15/utenti",
    "/quadro1/M15/ore",
    "/quadro1/M15/media_ore",
];

/// Seed 001's text (SOC25, Sondrio's neighbour).
fn seed_text() -> String {
    String::from_utf8(read_fixture(&format!("{}.txt", SEEDS[1]))).unwrap()
}

/// The seed's expected model.
fn expected() -> Scheda {
    let bytes = read_fixture(&format!("{}.expected.json", SEEDS[1]));
    readers::json::read(&bytes).unwrap().value
}

/// Seed 001's text without row M15 (its code, label, headers and values).
pub(crate) fn without_m15() -> String {
    let text = seed_text();
    let start = text.find("M15 - Utenti disabili").unwrap();
    let end = text.find("M18 - Utenti con dipendenze").unwrap();
    format!("{}{}", &text[..start], &text[end..])
}

/// The one form of a lenient read of `bytes`.
fn partial(bytes: &[u8], format: Format) -> Partial {
    let read = readers::read_partial(
        bytes,
        format,
        &Limits::default(),
        &scheda::Templates::builtin(),
        None,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(read.value.len(), 1);
    read.value.into_iter().next().unwrap()
}

/// The line an error points at.
fn line(d: &scheda::Diagnostic) -> usize {
    match d.location {
        Some(Location::Line { line }) => line,
        ref other => panic!("not a line: {other:?}"),
    }
}

#[test]
fn a_text_missing_a_row_reads_without_it() {
    let text = without_m15();
    let strict = readers::read(text.as_bytes(), Format::Text)
        .unwrap_err()
        .to_string();
    assert!(strict.contains("row M15 not found"), "{strict}");

    let read = partial(text.as_bytes(), Format::Text);
    assert_eq!(read.errors.len(), 1, "{:?}", read.errors);
    let error = &read.errors[0];
    assert_eq!(error.pointers, M15);
    assert!(
        error
            .diagnostic
            .message
            .starts_with("row M15 not found (expected after M12 (line 5) and before M18"),
        "{:?}",
        error.diagnostic
    );
    // The error points where the row was expected: M18's line.
    let m18 = text.lines().position(|l| l.starts_with("M18 - ")).unwrap();
    assert_eq!(line(&error.diagnostic), m18 + 1);
    // The other rows are filled; M15 blank.
    let seed = expected();
    let s = &read.scheda;
    assert_eq!(row(s, "M12"), row(&seed, "M12"));
    assert_eq!(row(s, "M18"), row(&seed, "M18"));
    assert_eq!(dec_of(s, "R06", ""), dec_of(&seed, "R06", ""));
    assert_eq!(s.ente, seed.ente);
    assert!(blank_row(s, "M15"));
    assert_eq!(read.blank_fields(), M15);
}

#[test]
fn a_text_with_a_bad_value_reads_without_its_row() {
    let text = seed_text().replacen("10 16 7390 461,88", "10 -16 7390 461,88", 1);
    let strict = readers::read(text.as_bytes(), Format::Text)
        .unwrap_err()
        .to_string();
    assert!(strict.contains("found `-16`"), "{strict}");

    let read = partial(text.as_bytes(), Format::Text);
    assert_eq!(read.errors.len(), 1, "{:?}", read.errors);
    let error = &read.errors[0];
    assert_eq!(
        error.diagnostic.message,
        "row M15: expected a non-negative whole number (utenti 2024), found `-16`"
    );
    let values = text
        .lines()
        .position(|l| l == "10 -16 7390 461,88")
        .unwrap();
    assert_eq!(line(&error.diagnostic), values + 1);
    // The row's values did not all read: none of them is kept.
    assert_eq!(error.pointers, M15);
    let seed = expected();
    assert_eq!(row(&read.scheda, "M12"), row(&seed, "M12"));
    assert_eq!(row(&read.scheda, "M18"), row(&seed, "M18"));
    assert_eq!(int_of(&read.scheda, "M15", "utenti_2019"), None);
}

#[test]
fn a_value_the_model_refuses_is_left_blank_at_its_line() {
    // A negative amount reads as a number; the model's checks refuse it.
    let text = without_m15().replacen("248166,97", "-248166,97", 1);
    let read = partial(text.as_bytes(), Format::Text);
    assert_eq!(read.errors.len(), 2, "{:?}", read.errors);
    assert_eq!(read.errors[0].pointers, M15);
    let r06 = &read.errors[1];
    assert_eq!(r06.pointers, ["/quadro2/R06"]);
    assert!(r06.diagnostic.message.contains("negative"), "{r06:?}");
    let at = text.lines().position(|l| l.starts_with("R06 - ")).unwrap();
    assert_eq!(line(&r06.diagnostic), at + 1);
    assert_eq!(dec_of(&read.scheda, "R06", ""), None);
    assert_eq!(
        dec_of(&read.scheda, "R08", ""),
        dec_of(&expected(), "R08", "")
    );
}

#[test]
fn a_workbook_with_a_bad_cell_reads_without_that_field() {
    let bytes = crate::xlsx::sheet_of(
        "Scheda",
        &[
            &["SOC25 - SOCIALE"],
            &[
                "",
                "",
                "Numero di utenti serviti - 2019",
                "Numero di utenti serviti - 2024",
                "Totale annuo ore di assistenza - 2024",
                "Media annua ore di assistenza - 2024",
            ],
            &[
                "M12",
                "M12 - Utenti famiglia e minori",
                "5",
                "3",
                "390",
                "130",
            ],
            &[
                "M15",
                "M15 - Utenti disabili",
                "10",
                "#12x",
                "7390",
                "461.88",
            ],
            &["M18", "M18 - Utenti con dipendenze", "1", "2", "30", "15"],
        ],
    );
    let strict = readers::xlsx::read(&bytes).unwrap_err().to_string();
    assert!(strict.contains("Scheda!D4"), "{strict}");

    let read = partial(&bytes, Format::Xlsx);
    assert_eq!(read.errors.len(), 1, "{:?}", read.errors);
    let error = &read.errors[0];
    assert_eq!(error.pointers, ["/quadro1/M15/utenti"]);
    assert_eq!(
        error.diagnostic.location,
        Some(Location::cell("Scheda", "D4"))
    );
    assert!(
        error.diagnostic.message.contains("row M15 (utenti 2024)")
            && error.diagnostic.message.contains("\"12x\""),
        "{:?}",
        error.diagnostic
    );
    let s = &read.scheda;
    let ints = |code: &str, campi: [&str; 2]| campi.map(|c| int_of(s, code, c));
    assert_eq!(ints("M12", ["utenti_2019", "utenti"]), [Some(5), Some(3)]);
    assert_eq!(ints("M18", ["utenti", "ore"]), [Some(2), Some(30)]);
    // Only the cell that does not read is blank.
    assert_eq!(ints("M15", ["utenti_2019", "utenti"]), [Some(10), None]);
    assert_eq!(int_of(s, "M15", "ore"), Some(7390));
}

#[test]
fn a_json_model_reads_without_the_values_it_refuses() {
    let mut model: Value =
        serde_json::from_slice(&read_fixture(&format!("{}.expected.json", SEEDS[1]))).unwrap();
    model["quadro1"]["M15"]["utenti"] = Value::from("tanti");
    model["quadro2"]["R06"] = serde_json::from_str("-5.00").unwrap();
    let bytes = serde_json::to_vec(&model).unwrap();
    // Strict: the first value refused stops the read.
    let strict = readers::read(&bytes, Format::Json).unwrap_err();
    assert_eq!(strict.diagnostics.len(), 1, "{strict}");

    let read = partial(&bytes, Format::Json);
    let pointers: Vec<&[String]> = read.errors.iter().map(|e| e.pointers.as_slice()).collect();
    assert_eq!(
        pointers,
        [
            ["/quadro1/M15/utenti".to_string()],
            ["/quadro2/R06".to_string()]
        ]
    );
    assert_eq!(
        read.errors[0].diagnostic.location,
        Some(Location::pointer("/quadro1/M15/utenti"))
    );
    let seed = expected();
    assert_eq!(int_of(&read.scheda, "M15", "utenti"), None);
    assert_eq!(
        int_of(&read.scheda, "M15", "ore"),
        int_of(&seed, "M15", "ore")
    );
    assert_eq!(dec_of(&read.scheda, "R06", ""), None);
    assert_eq!(row(&read.scheda, "M12"), row(&seed, "M12"));
}

#[test]
fn what_is_not_local_still_fails() {
    // Not a form: the lenient read fails as the strict one.
    let e = readers::read_partial(
        b"Lorem ipsum\n",
        Format::Text,
        &Limits::default(),
        &scheda::Templates::builtin(),
        None,
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("is not a SOC25/SOC26 form"), "{e}");
    // A whole file reads whole.
    let read = partial(seed_text().as_bytes(), Format::Text);
    assert!(read.is_whole());
    assert_eq!(read.scheda, expected());
}

#[test]
fn the_api_answers_the_partial_form_with_its_errors() {
    let addr = crate::serve::start(scheda::serve::Options::default());
    let answer = crate::serve::post(
        addr,
        "/api/read?name=senza-m15.txt",
        without_m15().as_bytes(),
    );
    assert_eq!(answer.status, 200);
    let json = answer.json();
    assert_eq!(json["partial"], true, "{json}");
    let seed = expected();
    let form = &json["forms"][0];
    assert_eq!(
        form["quadro1"]["M12"]["utenti"],
        int_of(&seed, "M12", "utenti").unwrap()
    );
    assert_eq!(form["quadro1"]["M15"]["utenti"], Value::Null);
    let errors = json["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{json}");
    assert_eq!(errors[0]["form"], 0);
    assert_eq!(errors[0]["pointers"], serde_json::json!(M15));
    assert!(
        errors[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("row M15 not found"),
        "{json}"
    );
    assert_eq!(errors[0]["place"]["kind"], "line");
    assert!(json["check"][0].is_object(), "{json}");

    // A file that reads whole: no `partial`; one that does not read: 400.
    let whole = crate::serve::post(addr, "/api/read?name=seed.txt", seed_text().as_bytes());
    assert_eq!(whole.status, 200);
    assert!(whole.json().get("partial").is_none());
    let none = crate::serve::post(addr, "/api/read?name=x.txt", b"Lorem ipsum\n");
    assert_eq!(none.status, 400);
    assert!(
        none.json()["error"]
            .as_str()
            .unwrap()
            .contains("not a SOC25/SOC26 form")
    );
}

#[test]
fn check_lists_every_error_of_a_file_that_reads_in_part() {
    let dir = tempdir("partial-check");
    let file = dir.join("due-errori.txt");
    std::fs::write(&file, without_m15().replacen("248166,97", "-248166,97", 1)).unwrap();
    let out = scheda(&["check", p(&file)]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("error: row M15 not found"), "{err}");
    assert!(
        err.contains("error: -248166.97 is negative; the form takes no negative values"),
        "{err}"
    );
    // `convert` still writes nothing from a file that reads only in part.
    let json = dir.join("out.json");
    let out = scheda(&["convert", p(&file), "-o", p(&json)]);
    assert_ne!(out.status.code(), Some(0));
    assert!(!json.exists());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_file_that_reads_whole_reads_the_same_both_ways() {
    let mut files: Vec<(String, Format)> = Vec::new();
    for seed in SEEDS {
        files.push((format!("{seed}.txt"), Format::Text));
        files.push((format!("{seed}.expected.json"), Format::Json));
    }
    files.push(("soc26_pdftotext.txt".into(), Format::Text));
    for (name, format) in files {
        let bytes = read_fixture(&name);
        let limits = Limits::default();
        let strict =
            readers::read_as(&bytes, format, &limits, &scheda::Templates::builtin(), None).unwrap();
        let lenient =
            readers::read_partial(&bytes, format, &limits, &scheda::Templates::builtin(), None)
                .unwrap();
        assert!(lenient.value.iter().all(Partial::is_whole), "{name}");
        let forms: Vec<Scheda> = lenient.value.into_iter().map(|p| p.scheda).collect();
        assert_eq!(forms, strict.value, "{name}");
        assert_eq!(lenient.warnings, strict.warnings, "{name}");
    }
}
