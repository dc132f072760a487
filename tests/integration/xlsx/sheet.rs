//! Form workbooks: round trips, the template, the formulas and the text
//! of the `Scheda` sheet.

use scheda::Format;
use scheda::model::Scheda;
use scheda::readers;
use scheda::writers::xlsx as writer;

use super::models::{cumignano, hand_built, seed_002, sondrio};
use super::{Opened, open, read_one};
use crate::util::{SEEDS, dec_of, read_fixture};

#[test]
fn models_round_trip_losslessly() {
    for (name, s) in hand_built() {
        let bytes = writer::write(&s).unwrap();
        assert_eq!(read_one(&bytes), s, "{name}");
        // The same model gives the same bytes (no clock).
        assert_eq!(writer::write(&s).unwrap(), bytes, "{name}");
        // And the JSON written from what was read is the JSON of the model
        // (but for integer means, which a cell cannot tell from 72,00).
        let json = |s: &Scheda| scheda::writers::json::write(s).unwrap();
        if !name.contains("004") {
            assert_eq!(json(&read_one(&bytes)), json(&s), "{name}");
        }
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
    for ed in crate::util::builtin_editions() {
        let bytes = writer::template(ed).unwrap();
        assert_eq!(read_one(&bytes), Scheda::empty(ed), "{ed}");
        assert_eq!(writer::template(ed).unwrap(), bytes, "{ed}: deterministic");
    }
}

#[test]
fn seeds_round_trip_losslessly() {
    let mut all = Vec::new();
    for seed in SEEDS {
        let text = read_fixture(&format!("{seed}.txt"));
        let s = readers::read(&text, Format::Text).unwrap().value.remove(0);
        let bytes = writer::write(&s).unwrap();
        let back = read_one(&bytes);
        assert_eq!(back, s, "{seed}");
        // Same bytes too, but for seed 004's integer means, which a cell
        // cannot tell from the form's two decimals (72 reads as 72.00).
        let json = |s: &Scheda| scheda::writers::json::write(s).unwrap();
        if seed != SEEDS[4] {
            assert_eq!(json(&back), json(&s), "{seed}: same JSON bytes");
        }
        all.push(s);
    }
    // Seed 004 prints R04 with six decimals: kept as printed.
    let r04 = |s: &Scheda| dec_of(s, "R04", "").map(|d| d.to_string());
    assert_eq!(r04(&all[4]).as_deref(), Some("33.629149"));
    // All five in one multi-Comune workbook.
    let many = scheda::readers::xlsx::read(&writer::write_many(&all).unwrap()).unwrap();
    assert_eq!(many.value, all);
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
