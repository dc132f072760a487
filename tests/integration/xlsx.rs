//! The workbook (XLSX) both ways: form workbooks, the blank template, the
//! multi-Comune workbook, the spreadsheets people make, and what happens
//! when LibreOffice opens, recalculates and saves a workbook.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, OnceLock};

use rust_xlsxwriter::{Workbook, Worksheet};
use scheda::model::{DataOra, Domanda, Edizione, RIGHE_UTENTI, Scheda, TipoRiga, Utenti};
use scheda::readers::{self, xlsx as reader};
use scheda::writers::xlsx as writer;
use scheda::{Format, rules};

use crate::util::{SEEDS, dec, read_fixture};

// ---------------------------------------------------------------- models

/// The MODEL.md example (seed 002, SOC25, case C, Quadro 3 compiled).
const SEED_002: &str = r#"{
  "schema_version": 1, "edizione": "SOC25", "anno": 2024,
  "ente": { "denominazione": null, "provincia": null, "codice": null, "data": null },
  "quadro1": {
    "M12": { "utenti_2019": 15, "utenti": 13, "ore": 845, "media_ore": 65.00 },
    "M15": { "utenti_2019": 1, "utenti": 5, "ore": 275, "media_ore": 55.00 },
    "M18": { "utenti_2019": 0, "utenti": 0, "ore": 0, "media_ore": 0.00 },
    "M21": { "utenti_2019": 2, "utenti": 4, "ore": 240, "media_ore": 60.00 },
    "M24": { "utenti_2019": 0, "utenti": 0, "ore": 0, "media_ore": 0.00 },
    "M27": { "utenti_2019": 2, "utenti": 4, "ore": 160, "media_ore": 40.00 },
    "M30": { "utenti_2019": 0, "utenti": 0 },
    "M35": { "utenti_2019": 1, "utenti": 1 }, "M36": { "utenti_2019": 0, "utenti": 0 },
    "M37": { "utenti_2019": 0, "utenti": 0 }, "M38": { "utenti_2019": 0, "utenti": 0 },
    "M39": { "utenti_2019": 0, "utenti": 0 }, "M40": { "utenti_2019": 0, "utenti": 1 },
    "M41": { "utenti_2019": 0, "utenti": 0 },
    "M44": { "utenti_2019": 0, "utenti": 0, "ore": 0, "media_ore": 0.00 },
    "M47": { "utenti_2019": 0, "utenti": 0, "ore": 0, "media_ore": 0.00 },
    "M50": { "utenti_2019": 0, "utenti": 0, "ore": 0, "media_ore": 0.00 },
    "M53": { "utenti_2019": 0, "utenti": 0, "ore": 0, "media_ore": 0.00 },
    "M56": { "utenti_2019": 0, "utenti": 0, "ore": 0, "media_ore": 0.00 },
    "M59": { "utenti_2019": 0, "utenti": 0, "ore": 0, "media_ore": 0.00 },
    "R0A": { "utenti_2019": 0, "utenti": 0 }, "R0B": { "utenti_2019": 21, "utenti": 28 },
    "R0C": "TORTONA",
    "R0D": "CONSORZIO INTERCOMUNALE SOCIO-ASSISTENZIALE CISA TORTONA",
    "R0E": 4718,
    "R01": { "anno_2020": 0.00, "anno": 0.00 }, "R01A": 0.00, "R01B": 0,
    "R02": { "anno_2020": 0.00, "anno": 0.00 },
    "R03": 1120, "R04": 2.50, "R05": 4.49
  },
  "quadro2": { "R06": 53895.69, "R07": { "anno_2017": 34786.95, "anno_2021": 51475.22 }, "R08": 4391.81 },
  "quadro3": {
    "R09": 2420.47,
    "R10": { "numero": 0.00, "modalita": null, "spesa": 0.00 },
    "R11": { "numero": 0.00, "modalita": null, "spesa": 0.00 },
    "R12": { "descrizione": null, "spesa": 0.00 },
    "R13": 0.00, "R14": 3396.00, "R15": 3396.00
  },
  "quadro4": {
    "risposte": { "R34": false, "R35": false, "R36": false, "R37": false, "R38": false, "R39": true },
    "relazione": "Il trasferimento statale è stato utilizzato per coprire ..."
  }
}"#;

fn seed_002() -> Scheda {
    readers::json::read(SEED_002.as_bytes()).unwrap().value
}

/// Every user row filled from `rows` (code, 2019, Y, hours, printed mean).
fn fill_users(s: &mut Scheda, rows: &[(&str, u64, u64, u64, &str)]) {
    for def in RIGHE_UTENTI {
        let hours = def.kind == TipoRiga::ConOre;
        let (u19, u, ore, media) = rows
            .iter()
            .find(|r| r.0 == def.code)
            .map_or((0, 0, 0, "0.00"), |r| (r.1, r.2, r.3, r.4));
        s.quadro1.set_utenti(
            def.code,
            Utenti {
                utenti_2019: Some(u19),
                utenti: Some(u),
                ore: hours.then_some(ore),
                media_ore: hours.then(|| dec(media)),
            },
        );
    }
}

/// Seed 004 as printed (SONDRIO, SOC25): integer means, euro amounts with
/// thousands, R04 with six decimals, no Quadro 3, answers of section 1.
fn sondrio() -> Scheda {
    let mut s = Scheda::empty(Edizione::SOC25);
    s.ente.denominazione = Some("SONDRIO".into());
    s.ente.provincia = Some("SO".into());
    fill_users(
        &mut s,
        &[
            ("M12", 327, 1131, 81489, "72"),
            ("M15", 183, 313, 48797, "156"),
            ("M18", 100, 120, 2880, "24"),
            ("M21", 332, 526, 28119, "53"),
            ("M24", 62, 166, 1138, "7"),
            ("M27", 43, 282, 17643, "63"),
            ("M30", 3660, 3488, 0, ""),
            ("M35", 77, 103, 0, ""),
            ("M36", 28, 59, 0, ""),
            ("M38", 18, 26, 0, ""),
            ("M40", 188, 676, 0, ""),
            ("M44", 400, 240, 2475, "10"),
            ("M47", 0, 0, 0, "0"),
            ("M50", 0, 0, 0, "0"),
            ("M53", 0, 0, 0, "0"),
            ("M56", 0, 0, 0, "0"),
            ("M59", 937, 32, 2304, "72"),
        ],
    );
    let q1 = &mut s.quadro1;
    (q1.R0B.utenti_2019, q1.R0B.utenti) = (Some(6355), Some(7162));
    q1.R0C = Some("SONDRIO".into());
    q1.R0D = Some("SONDRIO".into());
    q1.R0E = Some(3483);
    (q1.R01.anno_2020, q1.R01.anno) = (Some(dec("7")), Some(dec("16")));
    q1.R01A = Some(dec("0"));
    q1.R01B = Some(1331);
    (q1.R02.anno_2020, q1.R02.anno) = (Some(dec("2")), Some(dec("3")));
    q1.R03 = Some(21297);
    q1.R04 = Some(dec("33.629149"));
    q1.R05 = Some(dec("8.69"));
    s.quadro2.R06 = Some(dec("1984440.83"));
    s.quadro2.R07.anno_2017 = Some(dec("1831062.70"));
    s.quadro2.R07.anno_2021 = Some(dec("3827129.97"));
    s.quadro2.R08 = Some(dec("140850.26"));
    for (n, v) in [
        (16, true),
        (17, true),
        (18, true),
        (19, false),
        (20, true),
        (21, true),
        (22, false),
    ] {
        s.quadro4.risposte.insert(Domanda::new(n).unwrap(), v);
    }
    s
}

/// Seed 003 (CUMIGNANO SUL NAVIGLIO, SOC26): header block, R02X/R02Y/R02A,
/// R09 blank, free text in R16.
fn cumignano() -> Scheda {
    let mut s = Scheda::empty(Edizione::SOC26);
    s.ente.denominazione = Some("CUMIGNANO SUL NAVIGLIO".into());
    s.ente.codice = Some("CR039SIF11WQ".into());
    s.ente.data = DataOra::new(2026, 3, 20, 10, 30);
    fill_users(
        &mut s,
        &[
            ("M12", 2, 0, 0, "0.00"),
            ("M15", 1, 0, 0, "0.00"),
            ("M21", 4, 1, 0, "0.00"),
            ("M27", 1, 0, 0, "0.00"),
            ("M30", 9, 9, 0, ""),
            ("M35", 2, 3, 0, ""),
            ("M36", 0, 1, 0, ""),
        ],
    );
    let q1 = &mut s.quadro1;
    (q1.R0B.utenti_2019, q1.R0B.utenti) = (Some(19), Some(14));
    q1.R0C = Some("CREMA".into());
    q1.R0D = Some("COMUNE DI CREMA".into());
    q1.R0E = Some(2569);
    (q1.R01.anno_2020, q1.R01.anno) = (Some(dec("1.00")), Some(dec("1.00")));
    q1.R01A = Some(dec("0.00"));
    q1.R01B = Some(399);
    (q1.R02.anno_2020, q1.R02.anno) = (Some(dec("0.00")), Some(dec("0.00")));
    (q1.R02X, q1.R02Y, q1.R02A) = (Some(dec("0.00")), Some(dec("0.00")), Some(dec("0.00")));
    q1.R03 = Some(399);
    q1.R04 = Some(dec("3.51"));
    q1.R05 = Some(dec("5.08"));
    s.quadro2.R06 = Some(dec("21733.32"));
    s.quadro2.R07.anno_2017 = Some(dec("15721.61"));
    s.quadro2.R07.anno_2021 = Some(dec("29562.20"));
    s.quadro2.R08 = Some(dec("721.05"));
    let q3 = &mut s.quadro3;
    (q3.R10.numero, q3.R10.spesa) = (Some(dec("0.00")), Some(dec("0.00")));
    (q3.R11.numero, q3.R11.spesa) = (Some(dec("0.00")), Some(dec("0.00")));
    q3.R12.spesa = Some(dec("0.00"));
    (q3.R13, q3.R14, q3.R15) = (Some(dec("0.00")), Some(dec("0.00")), Some(dec("0.00")));
    s
}

/// Text that looks like formulas and markup, with newlines and spaces.
const TRICKY: &str =
    "=SUM(A1)\n+39 02 1234\n'citazione'\n#set page(\"a4\")\n  spazi  \n€ 1.000,00 — l’utenza";

/// A SOC25 form with free text everywhere, answers of two sections, staff
/// with decimals and a partly blank Quadro 1 (whose totals stay blank).
fn texts_and_blanks() -> Scheda {
    let mut s = Scheda::empty(Edizione::SOC25);
    s.ente.denominazione = Some("=1+1".into());
    s.ente.codice = Some("019114".into());
    s.ente.data = DataOra::new(2025, 3, 25, 11, 18);
    s.quadro1.M12 = scheda::model::RigaOre {
        utenti_2019: Some(16),
        utenti: Some(16),
        ore: Some(7390),
        media_ore: Some(dec("461.88")),
    };
    s.quadro1.M15.utenti = Some(0);
    s.quadro1.M15.ore = Some(12);
    s.quadro1.M15.media_ore = Some(dec("0.00"));
    s.quadro1.M30.utenti_2019 = Some(0);
    s.quadro1.R0C = Some(TRICKY.into());
    s.quadro1.R01.anno = Some(dec("1.5"));
    s.quadro1.R01A = Some(dec("0.25"));
    s.quadro1.R01B = Some(1000);
    s.quadro1.R03 = Some(1750);
    s.quadro1.R05 = Some(dec("4.49"));
    s.quadro3.R10.modalita = Some("Costo medio\ndi un assistente".into());
    s.quadro3.R11.spesa = Some(dec("0.10"));
    s.quadro3.R12.descrizione = Some(TRICKY.into());
    s.quadro3.R14 = Some(dec("0.20"));
    s.quadro3.R15 = Some(dec("0.30"));
    s.quadro4.risposte.insert(Domanda::new(16).unwrap(), true);
    s.quadro4.risposte.insert(Domanda::new(23).unwrap(), false);
    s.quadro4.relazione = Some(format!("{TRICKY}\n{}", "x".repeat(5800)));
    s
}

fn hand_built() -> Vec<(&'static str, Scheda)> {
    vec![
        ("seed 002", seed_002()),
        ("sondrio (seed 004)", sondrio()),
        ("cumignano (seed 003)", cumignano()),
        ("texts and blanks", texts_and_blanks()),
        ("empty SOC25", Scheda::empty(Edizione::SOC25)),
        ("empty SOC26", Scheda::empty(Edizione::SOC26)),
    ]
}

fn read_one(bytes: &[u8]) -> Scheda {
    let w = reader::read(bytes).unwrap_or_else(|e| panic!("{e}"));
    assert!(w.warnings.is_empty(), "{:?}", w.warnings);
    assert_eq!(w.value.len(), 1);
    w.value.into_iter().next().unwrap()
}

fn read_err(bytes: &[u8]) -> String {
    match reader::read(bytes) {
        Ok(w) => panic!("expected an error, read {:?}", w.value),
        Err(e) => e.to_string(),
    }
}

// ---------------------------------------------------------------- round trips

#[test]
fn models_round_trip_losslessly() {
    for (name, s) in hand_built() {
        let bytes = writer::write(&s).unwrap();
        assert_eq!(read_one(&bytes), s, "{name}");
        // The same model gives the same bytes (no clock).
        assert_eq!(writer::write(&s).unwrap(), bytes, "{name}");
        // And the JSON written from what was read is the JSON of the model.
        let json = |s: &Scheda| scheda::writers::json::write(s).unwrap();
        assert_eq!(json(&read_one(&bytes)), json(&s), "{name}");
    }
}

#[test]
fn dispatch_through_the_format() {
    let s = seed_002();
    let bytes = scheda::writers::write(&s, Format::Xlsx, &Default::default())
        .unwrap()
        .value;
    assert_eq!(Format::sniff(&bytes), Format::Xlsx);
    let back = readers::read(&bytes, Format::Xlsx).unwrap().value;
    assert_eq!(back, vec![s]);
}

#[test]
fn template_reads_back_as_an_empty_form() {
    for ed in Edizione::ALL {
        let bytes = writer::template(ed).unwrap();
        assert_eq!(read_one(&bytes), Scheda::empty(ed), "{ed}");
        assert_eq!(writer::template(ed).unwrap(), bytes, "{ed}: deterministic");
    }
}

#[test]
#[ignore = "needs the text reader (branch `text`, merged into main later)"]
fn seeds_round_trip_losslessly() {
    for seed in SEEDS {
        let text = read_fixture(&format!("{seed}.txt"));
        let s = readers::read(&text, Format::Text).unwrap().value.remove(0);
        let bytes = writer::write(&s).unwrap();
        assert_eq!(read_one(&bytes), s, "{seed}");
    }
}

// ---------------------------------------------------------------- the sheet

/// The sheets of a workbook as calamine sees them: values (cached results
/// for formulas) and formulas, by A1 name.
struct Opened {
    values: calamine::Range<calamine::Data>,
    formulas: calamine::Range<String>,
}

fn open(bytes: &[u8], sheet: &str) -> Opened {
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> =
        calamine::Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    Opened {
        values: wb.worksheet_range(sheet).unwrap(),
        formulas: wb.worksheet_formula(sheet).unwrap(),
    }
}

impl Opened {
    /// The row (0-based) whose column A holds `code`.
    fn row_of(&self, code: &str) -> u32 {
        (0..self.values.height() as u32 + 1)
            .find(|&r| {
                matches!(self.values.get_value((r, 0)), Some(calamine::Data::String(s)) if s == code)
            })
            .unwrap_or_else(|| panic!("no row {code}"))
    }

    fn value(&self, code: &str, col: u32) -> calamine::Data {
        let row = self.row_of(code);
        self.values
            .get_value((row, col))
            .cloned()
            .unwrap_or(calamine::Data::Empty)
    }

    fn formula(&self, code: &str, col: u32) -> String {
        let row = self.row_of(code);
        self.formulas
            .get_value((row, col))
            .cloned()
            .unwrap_or_default()
    }

    fn text(&self, row: u32, col: u32) -> String {
        match self.values.get_value((row, col)) {
            Some(calamine::Data::String(s)) => s.clone(),
            _ => String::new(),
        }
    }
}

#[test]
fn derived_cells_are_formulas_with_cached_results() {
    use calamine::Data;
    let bytes = writer::write(&sondrio()).unwrap();
    let sheet = open(&bytes, "Scheda");
    // Stored values are cached even where the rules compute otherwise.
    assert_eq!(sheet.value("R04", 2), Data::Float(33.629149));
    assert_eq!(sheet.value("M12", 5), Data::Float(72.0));
    assert_eq!(sheet.value("R0B", 3), Data::Float(7162.0));
    // Where the model has no value, the computed one: R09 is 0,00 in SOC25
    // when spending is not below need; R15 has no inputs, so "".
    assert_eq!(sheet.value("R09", 2), Data::Float(0.0));
    assert_eq!(sheet.value("R15", 4), Data::String(String::new()));
    let f = |code, col| sheet.formula(code, col);
    let r = |code| sheet.row_of(code) + 1;
    assert_eq!(
        f("M12", 5),
        format!(
            r#"IF(COUNT(D{0},E{0})<2,"",IF(D{0}=0,0,ROUND(E{0}/D{0},2)))"#,
            r("M12")
        )
    );
    assert!(f("R0B", 3).starts_with(r#"IF(COUNT(D"#), "{}", f("R0B", 3));
    assert!(f("R0B", 3).contains(",SUM(D"), "{}", f("R0B", 3));
    assert_eq!(
        f("R04", 2),
        format!(
            r#"IF(OR(COUNT(D{b})=0,COUNT(C{p})=0),"",IF(C{p}=0,"",ROUND(D{b}*100/C{p},2)))"#,
            b = r("R0B"),
            p = r("R03")
        )
    );
    assert!(f("R01B", 3).contains(&format!(
        "ROUND(C{}/(D{}+D{}),0)",
        r("R03"),
        r("R01"),
        r("R01A")
    )));
    assert!(
        f("R09", 2).ends_with(",0))"),
        "SOC25 gives 0: {}",
        f("R09", 2)
    );
    assert!(f("R15", 4).contains("ROUND(SUM("), "{}", f("R15", 4));
    // SOC26: R09 is blank when spending is not below need.
    let soc26 = open(&writer::write(&cumignano()).unwrap(), "Scheda");
    assert!(
        soc26.formula("R09", 2).ends_with(r#",""))"#),
        "{}",
        soc26.formula("R09", 2)
    );
    assert_eq!(soc26.value("R09", 2), Data::String(String::new()));
}

#[test]
fn sheet_carries_the_official_labels_and_headers() {
    let soc25 = open(&writer::write(&seed_002()).unwrap(), "Scheda");
    let label = |o: &Opened, code: &str| o.text(o.row_of(code), 1);
    assert_eq!(
        soc25.text(0, 0),
        "SOC25 - SOCIALE - SCHEDA DI MONITORAGGIO DEGLI OBIETTIVI DI SERVIZIO 2024"
    );
    assert_eq!(
        label(&soc25, "M18"),
        "M18 - Utenti con dipendenze e salute mentale"
    );
    assert_eq!(
        label(&soc25, "R15"),
        "R15 -TOTALE OBIETTIVI DI SERVIZIO 2024"
    );
    assert_eq!(
        label(&soc25, "R40"),
        "R40 - Relazione in formato libero (massimo 6.000 caratteri)"
    );
    assert_eq!(
        label(&soc25, "R34"),
        "R34 - Scelta dell' amministrazione, dovuta ad una particolare configurazione delle \
         preferenze locali, di destinare le risorse ad altre funzioni"
    );
    let header = soc25.row_of("M12") - 1;
    assert_eq!(soc25.text(header, 2), "Numero di utenti serviti - 2019");
    assert_eq!(
        soc25.text(header, 4),
        "Totale annuo ore di assistenza - 2024"
    );
    assert_eq!(
        soc25.text(header, 5),
        "Media annua ore di assistenza - 2024"
    );

    let soc26 = open(&writer::write(&cumignano()).unwrap(), "Scheda");
    assert_eq!(label(&soc26, "ROA"), "ROA - Utenti Multiutenza");
    assert_eq!(label(&soc26, "ROB"), "ROB - TOTALE UTENTI");
    assert!(label(&soc26, "R02X").starts_with("R02X - di cui Numero di psicologi"));
    assert_eq!(
        label(&soc26, "R16"),
        "R16 - Relazione in formato libero (massimo 6.000 caratteri)"
    );
    let header = soc26.row_of("M12") - 1;
    assert_eq!(
        soc26.text(header, 4),
        "Totale ore annue di assistenza - 2025"
    );
    assert_eq!(
        soc26.text(header, 5),
        "Media ore annue di assistenza - 2025"
    );
    assert!(
        !(0..200).any(|r| soc26.text(r, 0) == "R17"),
        "SOC26 has no structured questions"
    );
    // The Ente sheet: edition, year and the Comune's data (date as text).
    let ente = open(&writer::write(&cumignano()).unwrap(), "Ente");
    assert_eq!(ente.text(1, 1), "SOC26");
    assert_eq!(ente.text(3, 1), "CUMIGNANO SUL NAVIGLIO");
    assert_eq!(ente.text(5, 1), "CR039SIF11WQ");
    assert_eq!(ente.text(6, 1), "20/03/2026 10:30");
}

// ---------------------------------------------------------------- multi-Comune

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

/// A sheet `Comuni` written cell by cell: `rows[0]` is the header.
fn sheet_of(name: &str, rows: &[&[&str]]) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(name).unwrap();
    for (r, row) in (0u32..).zip(rows) {
        write_row(ws, r, row);
    }
    wb.save_to_buffer().unwrap()
}

/// Cells from text: a number when it parses as one (`#` forces text).
fn write_row(ws: &mut Worksheet, r: u32, row: &[&str]) {
    for (c, v) in (0u16..).zip(row.iter()) {
        if v.is_empty() {
            continue;
        }
        if let Some(text) = v.strip_prefix('#') {
            ws.write_string(r, c, text).unwrap();
        } else if let Ok(n) = v.parse::<f64>() {
            ws.write_number(r, c, n).unwrap();
        } else {
            ws.write_string(r, c, *v).unwrap();
        }
    }
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
    assert_eq!(forms[0].quadro1.M12.utenti, Some(12));
    assert_eq!(forms[0].quadro2.R06, Some(dec("1984440.83")));
    assert!(forms[0].quadro4.risposte[&Domanda::new(16).unwrap()]);
    assert_eq!(forms[0].ente.data, DataOra::new(2025, 3, 25, 11, 18));
    assert_eq!(forms[1].edizione, Edizione::SOC26);
    assert_eq!(forms[1].quadro1.M12.utenti, Some(7));
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

// ---------------------------------------------------------------- sheets people make

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
            &["R06 ‐ Fabbisogno standard", "#1.984.440,83"],
            &["", "2017", "2021"],
            &["R07 ‐ Spesa storica", "#1.831.062,70", "3827129.97"],
            &["R16", "#SI"],
            &["R17", "NO"],
            &["R40", "#Testo libero"],
        ],
    );
    let s = read_one(&bytes);
    assert_eq!(s.edizione, Edizione::SOC25);
    let q1 = &s.quadro1;
    assert_eq!(
        (
            q1.M12.utenti_2019,
            q1.M12.utenti,
            q1.M12.ore,
            q1.M12.media_ore
        ),
        (Some(327), Some(1131), Some(81489), Some(dec("72.05")))
    );
    assert_eq!(
        (q1.M30.utenti_2019, q1.M30.utenti),
        (Some(3660), Some(3488))
    );
    assert_eq!(q1.R0A.utenti, Some(0));
    assert_eq!(q1.M15.utenti, None, "absent rows stay blank");
    assert_eq!(q1.R0E, Some(3483));
    assert_eq!(q1.R01B, Some(1331));
    assert_eq!(
        (q1.R01.anno_2020, q1.R01.anno),
        (Some(dec("7")), Some(dec("16")))
    );
    assert_eq!(s.quadro2.R06, Some(dec("1984440.83")));
    assert_eq!(s.quadro2.R07.anno_2017, Some(dec("1831062.70")));
    assert_eq!(s.quadro2.R07.anno_2021, Some(dec("3827129.97")));
    assert_eq!(s.quadro4.risposte.len(), 2);
    assert_eq!(s.quadro4.relazione.as_deref(), Some("Testo libero"));
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
    assert_eq!(s.edizione, Edizione::SOC26);
    assert_eq!(s.anno, 2025);
    assert_eq!(
        (s.quadro1.M35.utenti_2019, s.quadro1.M35.utenti),
        (Some(2), Some(3))
    );
    assert_eq!(s.quadro1.R0B.utenti, Some(14));
    assert_eq!(s.quadro4.relazione.as_deref(), Some("Relazione 2025"));
    assert!(s.quadro4.risposte.is_empty());
}

#[test]
fn a_minimal_workbook_with_uncomputed_formulas() {
    // What a script writes: inline strings, no styles, formulas without a
    // cached result (read as blank, with a warning naming the cell) next to
    // one with a result.
    let sheet = r#"<row r="1"><c r="A1" t="inlineStr"><is><t>SOC25</t></is></c></row>
<row r="2"><c r="A2" t="inlineStr"><is><t>M30</t></is></c><c r="B2" t="inlineStr"><is><t>Utenti Multiutenza</t></is></c><c r="C2"><v>1</v></c><c r="D2"><v>2</v></c></row>
<row r="3"><c r="A3" t="inlineStr"><is><t>R0B</t></is></c><c r="B3" t="inlineStr"><is><t>TOTALE</t></is></c><c r="C3"><f>C2</f></c><c r="D3"><f>D2+5</f><v>7</v></c></row>"#;
    let w = reader::read(&minimal_xlsx("Scheda", sheet)).unwrap();
    let s = &w.value[0];
    assert_eq!(
        (s.quadro1.M30.utenti_2019, s.quadro1.M30.utenti),
        (Some(1), Some(2))
    );
    assert_eq!(s.quadro1.R0B.utenti, Some(7), "a cached result is read");
    assert_eq!(s.quadro1.R0B.utenti_2019, None);
    assert_eq!(w.warnings.len(), 1, "{:?}", w.warnings);
    let warning = w.warnings[0].render(None);
    assert!(
        warning.contains("formula without a computed value"),
        "{warning}"
    );
    assert!(warning.contains("Scheda!C3"), "{warning}");
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
    assert_eq!(same.quadro3.R09, None);
    assert_eq!(
        same.quadro3.R15,
        Some(dec("0")),
        "a different value is kept"
    );
    let changed = read_one(&workbook(2420.47));
    assert_eq!(changed.quadro3.R09, Some(dec("2420.47")));
}

// ---------------------------------------------------------------- errors

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
    let mut s = Scheda::empty(Edizione::SOC25);
    s.quadro2.R06 = Some(dec("12345678901234567.89"));
    let e = writer::write(&s).unwrap_err().to_string();
    assert!(
        e.contains("R06") && e.contains("cannot be stored exactly"),
        "{e}"
    );
}

// ---------------------------------------------------------------- LibreOffice

/// Whether LibreOffice's `soffice` runs here (checked once).
fn soffice() -> bool {
    static FOUND: OnceLock<bool> = OnceLock::new();
    *FOUND.get_or_init(|| {
        Command::new("soffice")
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

/// Open each workbook in LibreOffice, recalculate every formula and save it
/// again as XLSX (`soffice --convert-to xlsx`). LibreOffice trusts the cached
/// results of a file that says Excel wrote it, so the run uses its own
/// profile with "recalculation on file load: always". `None` when
/// LibreOffice is not installed.
fn through_libreoffice(files: &[(&str, Vec<u8>)]) -> Option<Vec<Vec<u8>>> {
    through_libreoffice_as(files, "xlsx")
}

/// Like [`through_libreoffice`], saving in LibreOffice's format `ext`.
fn through_libreoffice_as(files: &[(&str, Vec<u8>)], ext: &str) -> Option<Vec<Vec<u8>>> {
    static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());
    if !soffice() {
        return None;
    }
    let _guard = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let base = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("libreoffice");
    let profile = base.join("profile");
    let user = profile.join("user");
    std::fs::create_dir_all(&user).unwrap();
    std::fs::write(
        user.join("registrymodifications.xcu"),
        r#"<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"#,
    )
    .unwrap();
    let (input, output) = (base.join("in"), base.join("out"));
    for dir in [&input, &output] {
        let _ = std::fs::remove_dir_all(dir);
        std::fs::create_dir_all(dir).unwrap();
    }
    let paths: Vec<PathBuf> = files
        .iter()
        .map(|(name, bytes)| {
            let path = input.join(format!("{name}.xlsx"));
            std::fs::write(&path, bytes).unwrap();
            path
        })
        .collect();
    let status = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--norestore", "--convert-to", ext, "--outdir"])
        .arg(&output)
        .args(&paths)
        .output()
        .expect("soffice runs");
    assert!(status.status.success(), "soffice failed: {status:?}");
    Some(
        files
            .iter()
            .map(|(name, _)| {
                let path: &Path = &output.join(format!("{name}.{ext}"));
                std::fs::read(path).unwrap_or_else(|e| {
                    panic!(
                        "LibreOffice did not write {} ({e}): {}",
                        path.display(),
                        String::from_utf8_lossy(&status.stderr)
                    )
                })
            })
            .collect(),
    )
}

fn skipped(what: &str) {
    eprintln!("skipped: {what} (LibreOffice's soffice is not installed)");
}

#[test]
fn libreoffice_recalculates_to_the_same_values() {
    // Models whose derived values agree with the rules come back unchanged
    // after LibreOffice recomputed every formula; seed 004's printed values
    // become the computed ones (R04 33,63 where it printed 33,629149).
    let models = hand_built();
    let files: Vec<(&str, Vec<u8>)> = models
        .iter()
        .enumerate()
        .map(|(i, (_, s))| {
            (
                ["m0", "m1", "m2", "m3", "m4", "m5"][i],
                writer::write(s).unwrap(),
            )
        })
        .collect();
    let Some(saved) = through_libreoffice(&files) else {
        return skipped("the LibreOffice round trip");
    };
    for ((name, s), bytes) in models.iter().zip(&saved) {
        let back = read_one(bytes);
        let mut expected = s.clone();
        if *name == "sondrio (seed 004)" {
            let changes = rules::recompute(&mut expected);
            assert!(!changes.is_empty());
            assert_eq!(back.quadro1.R04, Some(dec("33.63")));
            assert_eq!(back.quadro1.M12.media_ore, Some(dec("72.05")));
            // R09, blank in the model, stays blank: nothing it depends on
            // changed (the sheet showed the computed 0,00 all along).
            expected.quadro3.R09 = None;
        }
        assert_eq!(back, expected, "{name}");
    }
}

#[test]
#[ignore = "needs the text reader (branch `text`, merged into main later)"]
fn libreoffice_keeps_the_seeds() {
    let mut files = Vec::new();
    let mut models = Vec::new();
    for seed in SEEDS {
        let text = read_fixture(&format!("{seed}.txt"));
        let s = readers::read(&text, Format::Text).unwrap().value.remove(0);
        files.push((seed, writer::write(&s).unwrap()));
        models.push(s);
    }
    let Some(saved) = through_libreoffice(&files) else {
        return skipped("the LibreOffice round trip of the seeds");
    };
    for ((seed, s), bytes) in SEEDS.iter().zip(models).zip(&saved) {
        let back = read_one(bytes);
        let mut expected = s.clone();
        if seed.starts_with("004") {
            rules::recompute(&mut expected);
            assert_eq!(back.quadro1.R04, Some(dec("33.63")));
        }
        assert_eq!(back, expected, "{seed}");
    }
}

#[test]
fn an_edited_count_updates_the_totals_in_libreoffice() {
    // The clerk raises M12's users by 10 in the sheet: the workbook still
    // caches the old R0B and R04 until a spreadsheet recalculates them.
    let before = seed_002();
    let mut edited = before.clone();
    edited.quadro1.M12.utenti = Some(23);
    assert_eq!(
        edited.quadro1.R0B.utenti,
        Some(28),
        "old total still stored"
    );
    let bytes = writer::write(&edited).unwrap();
    let stale = read_one(&bytes);
    assert_eq!(stale.quadro1.R0B.utenti, Some(28));
    assert_eq!(stale.quadro1.R04, Some(dec("2.50")));
    let Some(saved) = through_libreoffice(&[("edited", bytes)]) else {
        return skipped("the recalculation test");
    };
    let after = read_one(&saved[0]);
    assert_eq!(after.quadro1.R0B.utenti, Some(38));
    // 38 / 1120 x 100 = 3,3928... -> 3,39.
    assert_eq!(after.quadro1.R04, Some(dec("3.39")));
    // The mean of the row follows the new count: 845 / 23 = 36,739 -> 36,74.
    assert_eq!(after.quadro1.M12.media_ore, Some(dec("36.74")));
    assert_eq!(
        after.quadro1.R0B.utenti_2019,
        before.quadro1.R0B.utenti_2019
    );
}

#[test]
fn the_template_opens_in_libreoffice() {
    let files: Vec<(&str, Vec<u8>)> = Edizione::ALL
        .iter()
        .map(|ed| (ed.code(), writer::template(*ed).unwrap()))
        .collect();
    let Some(saved) = through_libreoffice(&files) else {
        return skipped("the template check");
    };
    for (ed, bytes) in Edizione::ALL.iter().zip(&saved) {
        assert_eq!(read_one(bytes), Scheda::empty(*ed), "{ed}");
    }
}

#[test]
fn libreoffice_sees_protection_validation_and_print_setup() {
    // Opened in LibreOffice and saved as flat ODF XML, the template keeps
    // what makes it safe to edit: sheet protection without a password,
    // unlocked inputs, Italian validation messages, SI/NO lists, A4 fitted
    // to the width, grouped number formats and the fixed creation date.
    let Some(saved) = through_libreoffice_as(
        &[("protection", writer::template(Edizione::SOC25).unwrap())],
        "fods",
    ) else {
        return skipped("the protection check");
    };
    let xml = String::from_utf8(saved[0].clone()).unwrap();
    assert!(xml.contains(r#"table:protected="true""#), "protected sheet");
    assert!(!xml.contains("table:protection-key="), "without a password");
    assert!(
        xml.contains(r#"style:cell-protect="none""#),
        "unlocked inputs"
    );
    for message in [
        "Inserire un numero intero non negativo",
        "al massimo due decimali",
        "Scegliere SI o NO",
        "Testo libero, al massimo 6.000 caratteri.",
        "Il valore deve essere un numero intero maggiore o uguale a zero.",
    ] {
        assert!(xml.contains(message), "validation message {message:?}");
    }
    assert!(
        xml.contains(r#"&quot;SI&quot;;&quot;NO&quot;"#),
        "SI/NO list"
    );
    let a4 = ["8.2681in", "21.001cm", "210mm"];
    assert!(
        a4.iter()
            .any(|w| xml.contains(&format!(r#"fo:page-width="{w}""#))),
        "A4"
    );
    assert!(
        xml.contains(r#"style:scale-to-X="1""#),
        "fitted to one page wide"
    );
    assert!(
        xml.contains(r#"number:grouping="true""#),
        "grouped thousands"
    );
    assert!(
        xml.contains("<meta:creation-date>2025-01-01T00:00:00"),
        "fixed date"
    );
}

#[test]
fn rounding_is_half_up_in_the_sheet_as_in_the_rules() {
    // 7390 / 16 = 461,875 -> 461,88 (not 461,87 as half-to-even would give).
    let mut s = Scheda::empty(Edizione::SOC25);
    s.quadro1.M15 = scheda::model::RigaOre {
        utenti_2019: None,
        utenti: Some(16),
        ore: Some(7390),
        media_ore: None,
    };
    // Blank in the model: the cell caches the computed value, and the form
    // reads back blank as it was.
    let bytes = writer::write(&s).unwrap();
    assert_eq!(
        open(&bytes, "Scheda").value("M15", 5),
        calamine::Data::Float(461.88)
    );
    assert_eq!(read_one(&bytes), s);
    // A wrong printed value is what LibreOffice replaces with its own.
    s.quadro1.M15.media_ore = Some(dec("461.87"));
    let Some(saved) = through_libreoffice(&[("rounding", writer::write(&s).unwrap())]) else {
        return skipped("the rounding check");
    };
    assert_eq!(
        read_one(&saved[0]).quadro1.M15.media_ore,
        Some(dec("461.88"))
    );
}
