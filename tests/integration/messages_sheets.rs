//! Issue 20: the spreadsheet reader's messages in Italian. Bad workbooks
//! and CSV tables, each converted under an Italian locale, print their
//! error in Italian with the cell (or the file) and the hint; the same file
//! with `--lang en` prints today's English.

use std::io::Write;

use rust_xlsxwriter::Workbook;

use crate::util::{p, scheda_in, stderr, tempdir};

/// A workbook of one sheet `name`: cells from text (a number when it
/// parses as one, else text).
fn workbook(name: &str, rows: &[&[&str]]) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(name).unwrap();
    for (r, row) in (0u32..).zip(rows) {
        for (c, v) in (0u16..).zip(row.iter()) {
            match v.parse::<f64>() {
                _ if v.is_empty() => {}
                Ok(n) => {
                    ws.write_number(r, c, n).unwrap();
                }
                Err(_) => {
                    ws.write_string(r, c, *v).unwrap();
                }
            }
        }
    }
    wb.save_to_buffer().unwrap()
}

/// A zip archive of `parts` (a Word document, ...).
fn zipped(parts: &[&str]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    for part in parts {
        zip.start_file(*part, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(b"<x/>").unwrap();
    }
    zip.finish().unwrap();
    out.into_inner()
}

/// A form sheet whose row M35 holds `users_2019` in column C, row 9.
fn form_with(users_2019: &str) -> Vec<u8> {
    workbook(
        "Scheda",
        &[
            &["SOC25 - SOCIALE"],
            &[
                "",
                "",
                "Numero di utenti serviti - 2019",
                "Numero di utenti serviti - 2024",
            ],
            &[],
            &[],
            &[],
            &[],
            &["M30", "M30 - Utenti Multiutenza", "1", "2"],
            &[],
            &["M35", "M35 - Utenti famiglia e minori", users_2019, "3"],
        ],
    )
}

/// An OLE compound file whose directory names an encrypted package.
fn encrypted() -> Vec<u8> {
    let mut bytes = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    bytes.resize(512, 0);
    for name in ["EncryptionInfo", "EncryptedPackage"] {
        bytes.extend(name.encode_utf16().flat_map(u16::to_le_bytes));
        bytes.extend([0, 0]);
    }
    bytes
}

struct Case {
    file: &'static str,
    bytes: Vec<u8>,
    /// The Italian error's first line.
    italian: &'static str,
    /// Where it points, after the file's name (`Scheda!C9`), or "".
    at: &'static str,
    /// The start of the Italian hint, or "" for none.
    hint: &'static str,
    /// The English error's first line (`--lang en`).
    english: &'static str,
}

#[test]
fn bad_spreadsheets_print_italian_errors_with_their_cells_and_hints() {
    let cases = [
        Case {
            file: "lettera.xlsx",
            bytes: form_with("1O"),
            italian: "errore: riga M35 (utenti 2019): atteso un numero intero, 0 o più, trovato \"1O\"",
            at: "Scheda!C9",
            hint: "utenti, ore e abitanti si contano con numeri interi, 0 o più",
            english: "error: row M35 (utenti 2019): expected a non-negative whole number, found \"1O\"",
        },
        Case {
            file: "decimali.xlsx",
            bytes: form_with("2.5"),
            italian: "errore: riga M35 (utenti 2019): atteso un numero intero, trovato 2.5",
            at: "Scheda!C9",
            hint: "utenti, ore e abitanti si contano con numeri interi",
            english: "error: row M35 (utenti 2019): expected a whole number, found 2.5",
        },
        Case {
            file: "lettera.docx.xlsx",
            bytes: zipped(&["[Content_Types].xml", "word/document.xml"]),
            italian: "errore: impossibile aprire la cartella di lavoro: il file è un documento Word \
                      (.docx), non un foglio di calcolo che scheda legge",
            at: "",
            hint: "scheda legge .txt, .json",
            english: "error: failed to open the workbook: the file is a Word document (.docx), \
                      not a spreadsheet scheda reads",
        },
        Case {
            file: "tabella.numbers.xlsx",
            bytes: zipped(&["Index/Document.iwa", "Index/CalculationEngine.iwa"]),
            italian: "errore: impossibile aprire la cartella di lavoro: il file è un foglio di \
                      calcolo Apple Numbers (.numbers)",
            at: "",
            hint: "scheda legge ",
            english: "error: failed to open the workbook: the file is an Apple Numbers spreadsheet",
        },
        Case {
            file: "foto.xlsx",
            bytes: b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(),
            italian: "errore: impossibile aprire la cartella di lavoro: il file è un'immagine PNG,",
            at: "",
            hint: "scheda legge ",
            english: "error: failed to open the workbook: the file is a PNG image,",
        },
        Case {
            file: "protetta.xlsx",
            bytes: encrypted(),
            italian: "errore: la cartella di lavoro è protetta da password (un .xlsx cifrato)",
            at: "",
            hint: "scheda la legge salvata senza password",
            english: "error: the workbook is protected by a password (an encrypted .xlsx)",
        },
        Case {
            file: "notazioni.csv",
            bytes: b"comune;importo\nRoma;1.234,5\nMilano;1234.5\n".to_vec(),
            italian: "errore: i numeri mescolano le notazioni: `1.234,5` è in notazione italiana, \
                      `1234.5` in CSV!B3 in notazione semplice",
            at: "CSV!B2",
            hint: "scrivi tutti i numeri in una sola notazione",
            english: "error: the numbers mix notations: `1.234,5` is Italian, `1234.5` at CSV!B3 is plain",
        },
        Case {
            file: "virgola.csv",
            bytes: b"comune;importo\nRoma;1,234\n".to_vec(),
            italian: "errore: impossibile capire se `1,234` è un numero intero con la virgola \
                      delle migliaia o un decimale in notazione italiana",
            at: "CSV!B2",
            hint: "scrivi tutti i numeri in una sola notazione",
            english: "error: cannot tell whether `1,234` is a whole number",
        },
        Case {
            file: "foglio.xlsx",
            bytes: workbook("Foglio1", &[&["ciao", "mondo"]]),
            italian: "errore: impossibile leggere il foglio \"Scheda\" (non trovato)",
            at: "",
            hint: "la cartella di lavoro ha i fogli \"Foglio1\" e nessuno contiene codici di riga",
            english: "error: failed to read sheet \"Scheda\" (not found)",
        },
        Case {
            file: "vuota.xlsx",
            bytes: workbook("Scheda", &[&["ciao"]]),
            italian: "errore: nessun codice di riga nel foglio \"Scheda\"",
            at: "Scheda!A1",
            hint: "scheda cerca i codici di riga della scheda (M12, R0A, R01B ...)",
            english: "error: no row codes found in sheet \"Scheda\"",
        },
        Case {
            file: "comuni.xlsx",
            bytes: workbook(
                "Comuni",
                &[
                    &["Comune", "Provincia", "edizione", "M12 Utenti 2024"],
                    &["Roma", "RM", "SOC26", "3"],
                ],
            ),
            italian: "errore: l'intestazione `M12 Utenti 2024` indica la riga M12 ma nessuna delle \
                      sue colonne nella scheda SOC26 (utenti 2019, utenti 2025",
            at: "Comuni!D1",
            hint: "l'intestazione di una colonna è un codice di riga e una delle sue colonne",
            english: "error: the header `M12 Utenti 2024` names row M12 but none of its columns in SOC26",
        },
    ];
    let dir = tempdir("messages-sheets");
    let out = dir.join("out.json");
    for case in &cases {
        let input = dir.join(case.file);
        std::fs::write(&input, &case.bytes).unwrap();
        let run = |lang: &[&str]| {
            let mut args = lang.to_vec();
            args.extend(["convert", p(&input), "-o", p(&out)]);
            let o = scheda_in("it_IT.UTF-8", &args);
            assert_eq!(o.status.code(), Some(3), "{}: {}", case.file, stderr(&o));
            stderr(&o)
        };
        let e = run(&[]);
        let first = e.lines().next().unwrap_or("");
        assert!(first.starts_with(case.italian), "{}:\n{e}", case.file);
        let place = if case.at.is_empty() {
            format!("\n  --> {}\n", p(&input))
        } else {
            format!("\n  --> {}: {}\n", p(&input), case.at)
        };
        assert!(e.contains(&place), "{}: {place}\n{e}", case.file);
        let hint = format!("\nsuggerimento: {}", case.hint);
        assert!(e.contains(&hint), "{}: {hint}\n{e}", case.file);
        let words = e.replace(p(&input), "");
        for english in ["error:", "expected", "found", "hint:", "row ", "the "] {
            assert!(
                !words.contains(english),
                "{}: `{english}` in\n{e}",
                case.file
            );
        }
        let e = run(&["--lang", "en"]);
        assert!(e.starts_with(case.english), "{}:\n{e}", case.file);
        assert!(!out.exists(), "{}: no output", case.file);
    }
}

/// A CSV table in plain notation reads, with an Italian warning.
#[test]
fn a_plain_notation_warning_in_italian() {
    let dir = tempdir("messages-sheets-plain");
    let input = dir.join("comuni.csv");
    std::fs::write(
        &input,
        "Comune;Provincia;edizione;M12 Utenti 2019;R04\nRoma;RM;SOC26;3;1234.5\n",
    )
    .unwrap();
    let o = scheda_in("it_IT.UTF-8", &["check", p(&input)]);
    let e = stderr(&o);
    assert!(
        e.contains("avviso: i numeri sono in notazione semplice (un punto prima dei decimali, come in 1234.5): letti così")
            && e.contains("suggerimento: in notazione italiana lo stesso numero è 1.234,5"),
        "{e}"
    );
}
