//! Forms laid out by people (issue 18): the Comune's data in the form's
//! own header block (label beside its value, under it, or `label: value`),
//! the relazione on the lines under its label, and ATS tables headed with
//! the rows' whole labels. Given as CSV text, the simplest sheet.

use crate::util::{dec, dec_of, text_of};
use scheda::model::{DataOra, Ente, Scheda};
use scheda::{Format, readers};

/// The one form of a CSV sheet.
fn form(csv: &str) -> Scheda {
    let read = readers::read(csv.as_bytes(), Format::Csv).unwrap_or_else(|e| panic!("{csv}\n{e}"));
    assert_eq!(read.value.len(), 1, "{csv}");
    read.value.into_iter().next().unwrap()
}

const TITLE: &str = "SOC25 - SOCIALE - SCHEDA DI MONITORAGGIO DEGLI OBIETTIVI DI SERVIZIO 2024";
const TABLE: &str = "Codice;Descrizione;Valore\nR03;Numero di abitanti;1000\n";

fn ente(
    denominazione: &str,
    provincia: Option<&str>,
    codice: Option<&str>,
    data: Option<&str>,
) -> Ente {
    Ente {
        denominazione: Some(denominazione.into()),
        provincia: provincia.map(Into::into),
        codice: codice.map(Into::into),
        data: data.map(|d| DataOra::parse_it(d).unwrap()),
    }
}

#[test]
fn the_comune_from_the_header_block() {
    let cases = [
        // Label and value side by side, a merged gap between them.
        (
            "Comune;;SONDRIO\nProvincia;SO\n",
            ente("SONDRIO", Some("SO"), None, None),
        ),
        // The form's own wording, a date as text with seconds.
        (
            "Denominazione;CUMIGNANO SUL NAVIGLIO\nCodice indentificativo;CR039SIF11WQ\n\
             Data ultima modifica;20/03/2026 10:30:00\n",
            ente(
                "CUMIGNANO SUL NAVIGLIO",
                None,
                Some("CR039SIF11WQ"),
                Some("20/03/2026 10:30"),
            ),
        ),
        // Labels in a row, values under them.
        (
            "Ente;Provincia;Codice ente;Data\nLOVERE;bg;BG123;02/04/2025 14:24\n",
            ente(
                "LOVERE",
                Some("BG"),
                Some("BG123"),
                Some("02/04/2025 14:24"),
            ),
        ),
        // `label: value` in one cell; the province after the name.
        (
            "Comune: SONDRIO (SO)\nData: 25/03/2025 11:18\n",
            ente("SONDRIO", Some("SO"), None, Some("25/03/2025 11:18")),
        ),
    ];
    for (block, want) in cases {
        let csv = format!("{TITLE}\n{block}\n{TABLE}");
        assert_eq!(form(&csv).ente, want, "{csv}");
    }
}

#[test]
fn the_date_at_the_foot() {
    let csv = format!(
        "{TITLE}\nComune;SONDRIO\n\n{TABLE}R40;Relazione in formato libero\n;Testo\n\n\
         Data;25/03/2025 11:18;Firma;Mario Rossi\n"
    );
    let s = form(&csv);
    assert_eq!(
        s.ente,
        ente("SONDRIO", None, None, Some("25/03/2025 11:18"))
    );
    assert_eq!(s.relazione(), Some("Testo"));
}

#[test]
fn a_tables_own_codice_is_not_the_comunes() {
    // No header block: the table's `Codice` header names no Comune.
    let s = form(&format!("{TITLE}\n\n{TABLE}"));
    assert_eq!(s.ente, Ente::default());
}

#[test]
fn the_relazione_under_its_label() {
    let cases = [
        (
            "R40;Relazione in formato libero\n;Una riga sola\n",
            "Una riga sola",
        ),
        (
            "R40;Relazione in formato libero\n;Prima riga\n;Seconda riga\n\nFirma;Mario Rossi\n",
            "Prima riga\nSeconda riga",
        ),
        // The text beside the label is read as before.
        (
            "R40;Relazione in formato libero;Accanto\n;Sotto\n",
            "Accanto",
        ),
    ];
    for (rows, want) in cases {
        let csv = format!("{TITLE}\n\n{TABLE}{rows}");
        assert_eq!(form(&csv).relazione(), Some(want), "{csv}");
    }
}

#[test]
fn ats_headers_with_the_rows_whole_labels() {
    let csv = "Comune;\
        R01 - Numero di assistenti sociali in forza al Comune (con qualsiasi forma contrattuale, anche mediante esternalizzazione) - 2020;\
        R01 - Numero di assistenti sociali in forza al Comune (con qualsiasi forma contrattuale, anche mediante esternalizzazione) - 2024;\
        R12 - Interventi per un significativo miglioramento dei servizi sociali;\
        R12 - Spesa aggiuntiva;\
        R03 - Numero di abitanti\n\
        SONDRIO;1,5;2,5;Sportello;100,00;21000\n";
    let s = form(csv);
    assert_eq!(s.edizione, scheda::model::Edizione::builtin("SOC25"));
    assert_eq!(dec_of(&s, "R01", "anno_2020"), Some(dec("1.5")));
    assert_eq!(dec_of(&s, "R01", "anno"), Some(dec("2.5")));
    assert_eq!(
        text_of(&s, "R12", "descrizione").as_deref(),
        Some("Sportello")
    );
}
