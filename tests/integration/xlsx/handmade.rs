//! Spreadsheets people make (codes in the labels, Italian numbers as
//! text, no headers, minimal generators), and the errors that name the
//! cell and what was expected.

use rust_xlsxwriter::Workbook;
use scheda::model::{Edizione, Scheda};
use scheda::readers::xlsx as reader;
use scheda::writers::xlsx as writer;

use super::{read_err, read_one, sheet_of, write_row};
use crate::util::{dec, dec_of, int_of, set};

#[test]
fn reads_a_sheet_laid_out_by_hand() {
    // Codes inside the labels, numbers as Italian text, one header row for
    // the user rows, R0E as printed, ROA with a letter O, the edition from
    // the title, amounts with thousands, and no `Ente` sheet.
    let bytes = sheet_of(
        "Dati 2024",
        &[
            &["SOC25 - SOCIALE - SCHEDA DI MONITORAGGIO DEGLI OBIETTIVI DI SERVIZIO 2024"],
            &[
                "Voce",
                "N° di utenti serviti 2019",
                "N° di utenti serviti 2024",
                "Totale annuo ore di assistenza 2024",
                "Media annua ore di assistenza 2024",
            ],
            &[
                "M12 ‐ Utenti famiglia e minori",
                "327",
                "#1.131",
                "81489",
                "#72,05",
            ],
            &["M30 ‐ Utenti Multiutenza", "3660", "3488"],
            &["ROA - Utenti Multiutenza", "0", "0"],
            &[
                "R00E ‐ Numero di assistenti sociali",
                "#1 assistente sociale ogni: 3483 abitanti",
            ],
            &["R01B ‐ Numeri di assistenti sociali", "#1:1331"],
            &["", "2020", "2024"],
            &["R01 ‐ Numeri di assistenti sociali", "7", "#16,00"],
            // A header with only the year: the value is that year's.
            &["", "2024"],
            &["R02 - Altre figure", "3"],
            &["R06 ‐ Fabbisogno standard", "#1.984.440,83"],
            &["", "2017", "2021"],
            &["R07 ‐ Spesa storica", "#1.831.062,70", "3827129.97"],
            &["R16", "#SI"],
            &["R17", "NO"],
            &["R40", "#Testo libero"],
        ],
    );
    let s = read_one(&bytes);
    assert_eq!(s.edizione, Edizione::builtin("SOC25"));
    assert_eq!(
        (
            int_of(&s, "M12", "utenti_2019"),
            int_of(&s, "M12", "utenti"),
            int_of(&s, "M12", "ore"),
            dec_of(&s, "M12", "media_ore")
        ),
        (Some(327), Some(1131), Some(81489), Some(dec("72.05")))
    );
    assert_eq!(
        (
            int_of(&s, "M30", "utenti_2019"),
            int_of(&s, "M30", "utenti")
        ),
        (Some(3660), Some(3488))
    );
    assert_eq!(int_of(&s, "R0A", "utenti"), Some(0));
    assert_eq!(int_of(&s, "M15", "utenti"), None, "absent rows stay blank");
    assert_eq!(int_of(&s, "R0E", ""), Some(3483));
    assert_eq!(int_of(&s, "R01B", ""), Some(1331));
    assert_eq!(
        (dec_of(&s, "R01", "anno_2020"), dec_of(&s, "R01", "anno")),
        (Some(dec("7")), Some(dec("16")))
    );
    assert_eq!(
        (dec_of(&s, "R02", "anno_2020"), dec_of(&s, "R02", "anno")),
        (None, Some(dec("3")))
    );
    assert_eq!(dec_of(&s, "R06", ""), Some(dec("1984440.83")));
    assert_eq!(dec_of(&s, "R07", "anno_2017"), Some(dec("1831062.70")));
    assert_eq!(dec_of(&s, "R07", "anno_2021"), Some(dec("3827129.97")));
    assert_eq!(s.risposte().count(), 2);
    assert_eq!(s.relazione(), Some("Testo libero"));
}

#[test]
fn reads_codes_and_values_without_labels_or_headers() {
    // Code, then the values in the form's order; the edition from the
    // years of the headers (2025: SOC26), R16 is then the free text.
    let bytes = sheet_of(
        "Foglio1",
        &[
            &[
                "Codice",
                "Numero di utenti serviti - 2019",
                "Numero di utenti serviti - 2025",
            ],
            &["M35", "2", "3"],
            &["ROB", "19", "14"],
            &["R16", "#Relazione 2025"],
        ],
    );
    let s = read_one(&bytes);
    assert_eq!(s.edizione, Edizione::builtin("SOC26"));
    assert_eq!(s.anno, 2025);
    assert_eq!(
        (
            int_of(&s, "M35", "utenti_2019"),
            int_of(&s, "M35", "utenti")
        ),
        (Some(2), Some(3))
    );
    assert_eq!(int_of(&s, "R0B", "utenti"), Some(14));
    assert_eq!(s.relazione(), Some("Relazione 2025"));
    assert_eq!(s.risposte().count(), 0);
}

#[test]
fn a_minimal_workbook_with_uncomputed_formulas() {
    // What a script writes: inline strings, no styles, formulas without a
    // cached result next to one with a result. M30 2024 (=1+1) is computed
    // by scheda; R0B 2019 is derived: left to the rules, which leave it
    // blank without the other user rows; one warning names both.
    let sheet = r#"<row r="1"><c r="A1" t="inlineStr"><is><t>SOC25</t></is></c></row>
<row r="2"><c r="A2" t="inlineStr"><is><t>M30</t></is></c><c r="B2" t="inlineStr"><is><t>Utenti Multiutenza</t></is></c><c r="C2"><v>1</v></c><c r="D2"><f>1+1</f></c></row>
<row r="3"><c r="A3" t="inlineStr"><is><t>R0B</t></is></c><c r="B3" t="inlineStr"><is><t>TOTALE</t></is></c><c r="C3"><f>C2</f></c><c r="D3"><f>D2+5</f><v>7</v></c></row>"#;
    let w = reader::read(&minimal_xlsx("Scheda", sheet)).unwrap();
    let s = &w.value[0];
    assert_eq!(
        (int_of(s, "M30", "utenti_2019"), int_of(s, "M30", "utenti")),
        (Some(1), Some(2))
    );
    assert_eq!(
        int_of(s, "R0B", "utenti"),
        Some(7),
        "a cached result is read"
    );
    assert_eq!(int_of(s, "R0B", "utenti_2019"), None);
    assert_eq!(w.warnings.len(), 1, "{:?}", w.warnings);
    let warning = w.warnings[0].render(None);
    assert!(
        warning.contains("formulas without a computed result"),
        "{warning}"
    );
    assert!(
        warning
            .contains("left blank, as the form leaves them without their inputs: R0B (Scheda!C3)"),
        "{warning}"
    );
    assert!(
        warning.contains("the other formulas computed by scheda: Scheda!D2"),
        "{warning}"
    );
    assert!(warning.contains("hint:"), "{warning}");
}

/// A one-sheet XLSX package as a minimal generator writes it: stored
/// (uncompressed) zip entries, no styles, no shared strings.
fn minimal_xlsx(name: &str, rows: &str) -> Vec<u8> {
    const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    const PKG: &str = "http://schemas.openxmlformats.org/package/2006";
    let parts = [
        (
            "[Content_Types].xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{PKG}/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#
            ),
        ),
        (
            "_rels/.rels",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
            ),
        ),
        (
            "xl/workbook.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>"#
            ),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}/relationships"><Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#
            ),
        ),
        (
            "xl/worksheets/sheet1.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData>{rows}</sheetData></worksheet>"#
            ),
        ),
    ];
    stored_zip(&parts)
}

/// A zip archive of stored entries.
fn stored_zip(parts: &[(&str, String)]) -> Vec<u8> {
    fn crc32(data: &[u8]) -> u32 {
        let mut crc = !0u32;
        for &b in data {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
    let (mut out, mut central) = (Vec::new(), Vec::new());
    for (name, data) in parts {
        let (name, data) = (name.as_bytes(), data.as_bytes());
        let offset = out.len() as u32;
        let (crc, size, len) = (crc32(data), data.len() as u32, name.len() as u16);
        let common = |v: &mut Vec<u8>| {
            v.extend(20u16.to_le_bytes()); // version needed
            v.extend([0u8; 8]); // flags, method (stored), time, date
            v.extend(crc.to_le_bytes());
            v.extend(size.to_le_bytes());
            v.extend(size.to_le_bytes());
            v.extend(len.to_le_bytes());
            v.extend(0u16.to_le_bytes()); // extra field length
        };
        out.extend(0x0403_4b50u32.to_le_bytes());
        common(&mut out);
        out.extend(name);
        out.extend(data);
        central.extend(0x0201_4b50u32.to_le_bytes());
        central.extend(20u16.to_le_bytes()); // version made by
        common(&mut central);
        central.extend([0u8; 6]); // comment length, disk, internal attributes
        central.extend(0u32.to_le_bytes()); // external attributes
        central.extend(offset.to_le_bytes());
        central.extend(name);
    }
    let (start, size) = (out.len() as u32, central.len() as u32);
    out.extend(central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0u8; 4]); // disk numbers
    out.extend((parts.len() as u16).to_le_bytes());
    out.extend((parts.len() as u16).to_le_bytes());
    out.extend(size.to_le_bytes());
    out.extend(start.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

#[test]
fn a_computed_value_filled_in_reads_blank_until_its_inputs_change() {
    // The Ente sheet lists the derived fields the model left blank and the
    // value scheda cached for them: the same value reads back blank, a
    // different one (the clerk changed an input) is the new value.
    let workbook = |r09: f64| {
        let mut wb = Workbook::new();
        let scheda = wb.add_worksheet();
        scheda.set_name("Scheda").unwrap();
        write_row(scheda, 0, &["R09", "Risorse da rendicontare"]);
        scheda.write_number(0, 2, r09).unwrap();
        write_row(scheda, 1, &["R15", "Totale", "#0,00"]);
        let ente = wb.add_worksheet();
        ente.set_name("Ente").unwrap();
        write_row(ente, 0, &["Edizione", "SOC25"]);
        write_row(
            ente,
            1,
            &[
                "Valori calcolati da scheda",
                "/quadro3/R09=0.00;/quadro3/R15=1.00",
            ],
        );
        wb.save_to_buffer().unwrap()
    };
    let same = read_one(&workbook(0.0));
    assert_eq!(dec_of(&same, "R09", ""), None);
    assert_eq!(
        dec_of(&same, "R15", ""),
        Some(dec("0")),
        "a different value is kept"
    );
    let changed = read_one(&workbook(2420.47));
    assert_eq!(dec_of(&changed, "R09", ""), Some(dec("2420.47")));
}

#[test]
fn errors_name_the_cell_and_what_was_expected() {
    let form = |m12: &str| {
        sheet_of(
            "Scheda",
            &[
                &["SOC25 - SOCIALE"],
                &[
                    "",
                    "",
                    "Numero di utenti serviti - 2019",
                    "Numero di utenti serviti - 2024",
                ],
                &["M30", "M30 - Utenti Multiutenza", "1", "2"],
                &["M35", "M35 - Utenti famiglia e minori", "3", m12],
            ],
        )
    };
    let e = read_err(&form("#tanti"));
    assert!(e.contains("row M35 (utenti 2024)"), "{e}");
    assert!(
        e.contains("expected a non-negative whole number, found \"tanti\""),
        "{e}"
    );
    assert!(e.contains("Scheda!D4"), "{e}");

    let e = read_err(&form("2.5"));
    assert!(e.contains("expected a whole number, found 2.5"), "{e}");
    assert!(e.contains("Scheda!D4"), "{e}");

    let e = read_err(&form("#2,5"));
    assert!(e.contains("expected a whole number, found 2.5"), "{e}");

    let e = read_err(&form("-3"));
    assert!(
        e.contains("expected a non-negative whole number, found -3"),
        "{e}"
    );
    assert!(
        e.contains("hint: counts of users, hours and inhabitants are whole numbers, 0 or more"),
        "{e}"
    );

    // A SI/NO cell with something else.
    let e = read_err(&sheet_of(
        "Scheda",
        &[&["SOC25"], &["R16", "Scelta", "forse"]],
    ));
    assert!(
        e.contains("row R16 (risposta): expected SI or NO, found \"forse\""),
        "{e}"
    );
    assert!(e.contains("Scheda!C2"), "{e}");

    // The model's own checks point at the cell too.
    let e = read_err(&sheet_of(
        "Scheda",
        &[&["SOC25"], &["R08", "Risorse", "1.005"]],
    ));
    assert!(
        e.contains("more than 2 decimals") && e.contains("Scheda!C2"),
        "{e}"
    );
}

#[test]
fn a_workbook_without_the_form_is_refused() {
    let e = read_err(&sheet_of("Foglio1", &[&["Nome", "Valore"], &["a", "1"]]));
    assert!(
        e.contains(r#"error: failed to read sheet "Scheda" (not found)"#),
        "{e}"
    );
    assert!(e.contains("hint:") && e.contains(r#""Foglio1""#), "{e}");

    let e = read_err(&sheet_of("Scheda", &[&["Nome", "Valore"]]));
    assert!(e.contains(r#"no row codes found in sheet "Scheda""#), "{e}");

    let e = read_err(&sheet_of("Scheda", &[&["M12", "Utenti", "1", "2"]]));
    assert!(e.contains("cannot tell the edition of the form"), "{e}");
    assert!(e.contains("hint:"), "{e}");

    let e = read_err(b"not a zip");
    assert!(e.contains("failed to open the workbook"), "{e}");

    let mut ente = Workbook::new();
    write_row(
        ente.add_worksheet().set_name("Scheda").unwrap(),
        0,
        &["M12", "x", "1"],
    );
    write_row(
        ente.add_worksheet().set_name("Ente").unwrap(),
        0,
        &["Edizione", "SOC99"],
    );
    let e = read_err(&ente.save_to_buffer().unwrap());
    assert!(
        e.contains("expected SOC25 or SOC26, found \"SOC99\"") && e.contains("Ente!B1"),
        "{e}"
    );
}

#[test]
fn values_the_form_cannot_hold_are_refused_when_writing() {
    let mut s = Scheda::empty(Edizione::builtin("SOC25"));
    set(&mut s, "R06", "", Some(dec("12345678901234567.89")));
    let e = writer::write(&s).unwrap_err().to_string();
    assert!(
        e.contains("R06") && e.contains("cannot be stored exactly"),
        "{e}"
    );
}

/// Found by the property tests (`props::many_forms_round_trip`): a value of
/// 16 significant digits fits a double, so the writer took it, but the
/// reader keeps 15 (a double's binary noise cut off), so the workbook gave
/// back another value (`12231351221828.19` read as `12231351221828.20`);
/// it is refused, as one of 17 digits is.
#[test]
fn values_of_more_than_15_digits_are_refused_when_writing() {
    let mut s = Scheda::empty(Edizione::builtin("SOC25"));
    set(&mut s, "R15", "", Some(dec("12231351221828.19")));
    for bytes in [
        writer::write(&s),
        scheda::writers::xlsx::write_many(std::slice::from_ref(&s)),
    ] {
        let e = bytes.unwrap_err().to_string();
        assert!(
            e.contains("R15") && e.contains("cannot be stored exactly"),
            "{e}"
        );
    }
    set(&mut s, "R15", "", Some(dec("1223135122182.19")));
    assert!(writer::write(&s).is_ok());
}
