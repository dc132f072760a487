//! Spreadsheets of every kind (issue 18, points 1 and 2): the corpus of
//! tests/fixtures/spreadsheets/, made by LibreOffice, openpyxl and Python
//! (make.sh), each read to the models of the seeds it was made from; the
//! kinds scheda refuses, each named; CSV tables in both notations; ATS
//! tables whose edition comes from the headers, the title or `--edizione`.

use scheda::model::{Edizione, Scheda};
use scheda::{Format, readers};

use crate::serve::{post, start};
use crate::util::{SEEDS, dec_of, fixture, int_of, read_fixture, scheda, stderr, tempdir};

/// The model of seed `n` (`001`).
fn seed(n: &str) -> Scheda {
    let stem = SEEDS.iter().find(|s| s.starts_with(n)).unwrap();
    let json = read_fixture(&format!("{stem}.expected.json"));
    readers::json::read(&json).unwrap().value
}

/// The readable files of the corpus and the seeds each reads to, in order.
fn corpus() -> Vec<(String, Vec<String>)> {
    let list = String::from_utf8(read_fixture("spreadsheets/expected.tsv")).unwrap();
    list.lines()
        .map(|l| {
            let (file, seeds) = l.split_once('\t').unwrap();
            let seeds = seeds.split('+').map(str::to_string).collect();
            (file.to_string(), seeds)
        })
        .collect()
}

/// Read `bytes` as `format`, failing the test with the error.
fn read(bytes: &[u8], format: Format) -> scheda::Warned<Vec<Scheda>> {
    readers::read(bytes, format).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn every_spreadsheet_of_the_corpus_reads_to_its_seeds() {
    let files = corpus();
    assert!(files.len() >= 12, "{} files", files.len());
    for ext in ["ods", "xls", "csv", "xlsx"] {
        assert!(files.iter().any(|(f, _)| f.ends_with(ext)), "no .{ext}");
    }
    for (file, seeds) in files {
        let bytes = read_fixture(&format!("spreadsheets/{file}"));
        // By the name, and by the bytes alone.
        let named = Format::from_path(std::path::Path::new(&file)).unwrap();
        for format in [named, Format::sniff(&bytes)] {
            let forms = readers::read(&bytes, format)
                .unwrap_or_else(|e| panic!("{file} as {format}: {e}"))
                .value;
            let want: Vec<Scheda> = seeds.iter().map(|n| seed(n)).collect();
            assert_eq!(forms.len(), want.len(), "{file} as {format}");
            for (got, (want, n)) in forms.iter().zip(want.iter().zip(&seeds)) {
                assert_eq!(got, want, "{file} as {format}: the form of seed {n}");
            }
        }
    }
}

#[test]
fn the_bytes_tell_the_kind_whatever_the_name() {
    // The texts of the forms are not taken for CSV tables.
    for stem in SEEDS {
        let text = read_fixture(&format!("{stem}.txt"));
        assert_eq!(Format::sniff(&text), Format::Text, "{stem}");
    }
    let xls = read_fixture("spreadsheets/form-000.xls");
    assert_eq!(Format::sniff(&xls), Format::Xls);
    let ods = read_fixture("spreadsheets/many-paths.ods");
    assert_eq!(Format::sniff(&ods), Format::Ods);
    // An .xls, an .ods and a CSV, each under every other spreadsheet name.
    let csv = read_fixture("spreadsheets/ats-ragged.csv");
    for (bytes, forms) in [(&xls, 1), (&ods, 4), (&csv, 4)] {
        for format in [
            Format::Xlsx,
            Format::Xlsm,
            Format::Xls,
            Format::Ods,
            Format::Csv,
        ] {
            assert_eq!(read(bytes, format).value.len(), forms, "as {format}");
        }
    }
}

#[test]
fn refused_kinds_are_named_with_what_scheda_reads() {
    let cases = [
        ("refused-word.docx", "a Word document (.docx)"),
        (
            "refused-numbers.numbers",
            "an Apple Numbers spreadsheet (.numbers)",
        ),
        ("refused-password.xlsx", "protected by a password"),
    ];
    for (file, what) in cases {
        let path = fixture(&format!("spreadsheets/{file}"));
        let o = scheda(&["check", path.to_str().unwrap()]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(3), "{file}: {err}");
        assert!(err.contains(what), "{file}: {err}");
        assert!(err.contains(file), "{file}: {err}");
        assert!(!err.contains("panicked"), "{file}: {err}");
        let hint = if file.contains("password") {
            "without a password"
        } else {
            ".xlsx, .xlsm, .xls, .ods, .csv"
        };
        assert!(err.contains(hint), "{file}: {err}");
    }
}

#[test]
fn read_only_formats_are_not_written() {
    let dir = tempdir("read-only-formats");
    let input = fixture(&format!("{}.expected.json", SEEDS[1]));
    for ext in ["ods", "xls", "csv", "xlsm"] {
        let out = dir.join(format!("x.{ext}"));
        let o = scheda(&[
            "convert",
            input.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(3), "{err}");
        assert!(err.contains("does not write them"), "{err}");
        assert!(err.contains(".txt, .json, .jsonl, .pdf, .xlsx"), "{err}");
        assert!(!out.exists());
    }
}

/// The one form of an ATS table given as CSV text, or the error.
fn ats(csv: &str) -> Result<scheda::Warned<Vec<Scheda>>, String> {
    readers::read(csv.as_bytes(), Format::Csv).map_err(|e| e.to_string())
}

#[test]
fn csv_numbers_are_read_in_the_notation_the_file_uses() {
    // (table, R06 expected, whether a warning says plain notation)
    let cases = [
        (
            "Comune;M12 Utenti 2024;R06\nA;1.234;12,5\n",
            "12.5",
            1234,
            false,
        ),
        (
            "Comune;M12 Utenti 2024;R06\nA;1.234;1.234,56\n",
            "1234.56",
            1234,
            false,
        ),
        (
            "Comune,M12 Utenti 2024,R06\nA,1234,1234.5\n",
            "1234.5",
            1234,
            true,
        ),
        (
            "Comune;M12 Utenti 2024;R06\nA;7;\"1,234.5\"\n",
            "1234.5",
            7,
            true,
        ),
        (
            "\u{feff}Comune;M12 Utenti 2024;R06\r\nA;7;0,5\r\n",
            "0.5",
            7,
            false,
        ),
    ];
    for (csv, r06, utenti, plain) in cases {
        let read = ats(csv).unwrap_or_else(|e| panic!("{csv}: {e}"));
        let form = &read.value[0];
        assert_eq!(
            dec_of(form, "R06", "").map(|d| d.to_string()).as_deref(),
            Some(r06),
            "{csv}"
        );
        assert_eq!(int_of(form, "M12", "utenti"), Some(utenti), "{csv}");
        let warned = read
            .warnings
            .iter()
            .any(|w| w.message.contains("plain notation"));
        assert_eq!(warned, plain, "{csv}");
    }
    // Both notations, or only numbers that could be either: an error naming a cell.
    for csv in [
        "Comune;M12 Utenti 2024;R06\nA;1;1234.5\nB;2;12,5\n",
        "Comune;R06;R08\nA;1,234;1.234\n",
    ] {
        let e = ats(csv).unwrap_err();
        assert!(e.contains("CSV!"), "{e}");
        assert!(e.contains("notation"), "{e}");
    }
}

#[test]
fn a_ragged_or_lopsided_csv_is_read_or_refused_without_a_panic() {
    let short = "Titolo\n\nComune;M12 Utenti 2024;M12 Ore 2024\nA;3\nB\n";
    let forms = ats(short).unwrap().value;
    assert_eq!(forms.len(), 2);
    assert_eq!(int_of(&forms[0], "M12", "utenti"), Some(3));
    assert_eq!(forms[1].ente.denominazione.as_deref(), Some("B"));
    // One line of many fields over many short lines: refused, not a dense sheet.
    let mut wide = "x;".repeat(200_000);
    wide.push('\n');
    wide.push_str(&"y\n".repeat(200_000));
    let e = ats(&wide).unwrap_err();
    assert!(e.contains("too ragged"), "{e}");
}

#[test]
fn a_header_naming_no_column_of_its_row_names_the_cell_and_the_columns() {
    let e = ats("Comune;Provincia;M12 Utenti 2019;M12 Spesa 2024\nA;SO;1;1\n").unwrap_err();
    assert!(e.contains("CSV!D1"), "{e}");
    assert!(e.contains("M12"), "{e}");
    assert!(
        e.contains("utenti 2019, utenti 2024, ore 2024, media ore 2024"),
        "{e}"
    );
}

#[test]
fn the_edition_comes_from_the_headers_the_title_or_the_flag() {
    // The years of the headers.
    let by_year = |year: u32| format!("Comune;Provincia;M12 Utenti {year}\nA;SO;3\n");
    assert_eq!(
        ats(&by_year(2024)).unwrap().value[0].edizione,
        Edizione::builtin("SOC25")
    );
    assert_eq!(
        ats(&by_year(2025)).unwrap().value[0].edizione,
        Edizione::builtin("SOC26")
    );
    // Headers every edition has: the title, else --edition.
    let untold = "Comune;Provincia;M12_utenti_2019\nA;SO;5\n";
    let e = ats(untold).unwrap_err();
    assert!(e.contains("cannot tell the edition"), "{e}");
    assert!(e.contains("--edition"), "{e}");
    let titled = format!("Tabella ATS - anno 2025\n{untold}");
    assert_eq!(
        ats(&titled).unwrap().value[0].edizione,
        Edizione::builtin("SOC26")
    );

    let dir = tempdir("ats-edizione");
    let input = dir.join("ats.csv");
    std::fs::write(&input, untold).unwrap();
    let out = dir.join("out.jsonl");
    let args = |ed: &'static str| {
        let mut a = vec![
            "convert",
            input.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ];
        if !ed.is_empty() {
            a.extend(["--edizione", ed]);
        }
        a.into_iter().map(str::to_string).collect::<Vec<_>>()
    };
    let run = |a: Vec<String>| scheda(&a.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(run(args("")).status.code(), Some(3));
    let o = run(args("SOC25"));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(written.contains("\"edizione\":\"SOC25\""), "{written}");
    let o = scheda(&["check", "--edizione", "SOC26", input.to_str().unwrap()]);
    assert!(!stderr(&o).contains("cannot tell"), "{}", stderr(&o));

    // The server: ?edizione=.
    let addr = start(Default::default());
    let a = post(addr, "/api/read?name=ats.csv", untold.as_bytes());
    let body = String::from_utf8_lossy(&a.body);
    assert!((400..500).contains(&a.status), "{body}");
    assert!(body.contains("cannot tell the edition"), "{body}");
    let a = post(
        addr,
        "/api/read?name=ats.csv&edizione=SOC26",
        untold.as_bytes(),
    );
    let body = String::from_utf8_lossy(&a.body);
    assert_eq!(a.status, 200, "{body}");
    assert!(body.contains("SOC26"), "{body}");
    let a = post(
        addr,
        "/api/read?name=ats.csv&edizione=SOC99",
        untold.as_bytes(),
    );
    assert_eq!(a.status, 400);
}
