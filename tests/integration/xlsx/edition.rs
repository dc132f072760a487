//! An edition of a templates directory goes through the workbook: SOC93, made
//! from the built-in SOC26 with its years moved on, a new staff row R02Z
//! after R02Y and a reworded label, shows its row in the form sheet and its
//! column in the multi-Comune sheet, and reads back with the value.

use calamine::Data;
use scheda::model::{Edizione, Scheda, Valore};
use scheda::readers::xlsx as reader;
use scheda::writers::xlsx as writer;

use super::models::cumignano;
use super::open;
use crate::util::{dec, tempdir};

/// The reworded label of R03.
const R03: &str = "R03 - Numero di abitanti residenti nel Comune";

/// The built-in SOC26 description as SOC93: years +1, R02Z, R03 reworded.
fn soc93() -> String {
    let r03 = format!("etichetta = \"{R03}\"");
    crate::util::soc26_as(
        "SOC93",
        "R02Z - di cui Numero di mediatori culturali in forza al Comune",
        &[
            ("utenti_base = 2019", "utenti_base = 2020"),
            ("personale_base = 2020", "personale_base = 2021"),
            ("etichetta = \"R03 - Numero di abitanti\"", &r03),
        ],
    )
}

#[test]
fn a_new_edition_with_a_new_row_goes_through_the_workbook() {
    let dir = tempdir("xlsx-soc93");
    std::fs::create_dir_all(dir.join("editions")).unwrap();
    std::fs::write(dir.join("editions/SOC93.toml"), soc93()).unwrap();
    let templates = scheda::Templates::with_dir(&dir).unwrap();
    let limits = scheda::limits::Limits::default();
    let read = |bytes: &[u8]| reader::read_with(bytes, &limits, &templates);
    let read_one = |bytes: &[u8]| {
        let w = read(bytes).unwrap_or_else(|e| panic!("{e}"));
        assert!(w.warnings.is_empty(), "{:?}", w.warnings);
        assert_eq!(w.value.len(), 1);
        w.value.into_iter().next().unwrap()
    };
    let ed: Edizione = templates.edizione("SOC93").unwrap();
    assert_eq!(ed.anno(), 2026);

    let mut s = cumignano();
    s.edizione = ed;
    s.anno = ed.anno();
    s.set_valore("R02Z", None, Some(Valore::Decimale(dec("1.50"))))
        .unwrap();

    // The form sheet: the row after R02Y, its label, the value under the
    // year; the reworded label; the years moved on.
    let bytes = writer::write(&s).unwrap();
    let sheet = open(&bytes, "Scheda");
    let r02z = sheet.row_of("R02Z");
    assert_eq!(r02z, sheet.row_of("R02Y") + 1);
    assert_eq!(
        sheet.text(r02z, 1),
        "R02Z - di cui Numero di mediatori culturali in forza al Comune"
    );
    assert_eq!(sheet.value("R02Z", 3), Data::Float(1.5));
    assert_eq!(sheet.text(sheet.row_of("R03"), 1), R03);
    let years = sheet.row_of("R01") - 1;
    assert_eq!(
        (sheet.text(years, 2), sheet.text(years, 3)),
        ("2021".into(), "2026".into())
    );
    assert_eq!(
        sheet.text(sheet.row_of("M12") - 1, 2),
        "Numero di utenti serviti - 2020"
    );
    assert_eq!(open(&bytes, "Ente").text(1, 1), "SOC93");
    assert_eq!(read_one(&bytes), s);
    assert_eq!(read_one(&writer::template(ed).unwrap()), Scheda::empty(ed));

    // The multi-Comune sheet: a column after R02Y's, the value in it.
    let forms = vec![s.clone(), cumignano()];
    let many = writer::write_many(&forms).unwrap();
    let comuni = open(&many, "Comuni");
    let headers: Vec<String> = (0..200).map(|c| comuni.text(0, c)).collect();
    let col = headers.iter().position(|h| h == "quadro1.R02Z").unwrap();
    assert_eq!(headers[col - 1], "quadro1.R02Y");
    let cell = |row: u32| {
        comuni
            .values
            .get_value((row, col as u32))
            .cloned()
            .unwrap_or(Data::Empty)
    };
    assert_eq!(cell(1), Data::Float(1.5));
    assert_eq!(cell(2), Data::Empty, "SOC26 has no R02Z");
    let back = read(&many).unwrap();
    assert!(back.warnings.is_empty(), "{:?}", back.warnings);
    assert_eq!(back.value, forms);
    assert_eq!(
        back.value[0].valore("R02Z", None),
        Some(Valore::Decimale(dec("1.50")))
    );
    // A SOC26 form given an R02Z value is refused, naming the cell.
    let soc26 = super::sheet_of("Comuni", &[&["edizione", "quadro1.R02Z"], &["SOC26", "1"]]);
    let e = read(&soc26).unwrap_err().to_string();
    assert!(
        e.contains("R02Z exists only in SOC93, not in SOC26") && e.contains("Comuni!B2"),
        "{e}"
    );
    // The built-in editions know no R02Z: to them it is no column at all.
    let e = super::read_err(&soc26);
    assert!(!e.contains("SOC93"), "{e}");
}
