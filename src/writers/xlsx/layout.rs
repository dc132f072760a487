//! The fixed text of the workbook's `Scheda` sheet, edition by edition:
//! headings, column headers, row labels and the Quadro 4 questions, word for
//! word as FORM.md and the seeds print them (official quirks included:
//! `R15 -TOTALE`, `ll livello`, `(R04≥R05)`, `dell' amministrazione`).
//! Row labels and headers come from the text writer's [`Labels`].

use crate::model::Edizione;
use crate::writers::text::Labels;

/// The label of a row other than the user rows (which
/// [`crate::model::RigaDef::label`] gives) and the Quadro 4 questions.
/// The wording is the text writer's ([`Labels`]): one transcription of the
/// form for every writer.
pub(crate) fn label(ed: Edizione, code: &str) -> String {
    let l = Labels::of(ed);
    match code {
        "R0C" => Labels::R0C.into(),
        "R0D" => Labels::R0D.into(),
        "R0E" => l.r0e(),
        "R01" => Labels::R01.into(),
        "R01A" => Labels::R01A.into(),
        "R01B" => Labels::R01B.into(),
        "R02" => l.r02().into(),
        "R03" => Labels::R03.into(),
        "R04" => l.r04(),
        "R05" => l.r05(),
        "R06" => l.r06().into(),
        "R07" => l.r07().into(),
        "R08" => l.r08(),
        "R09" => l.r09(),
        "R10" => Labels::R10.into(),
        "R11" => Labels::R11.into(),
        "R12" => Labels::R12.into(),
        "R13" => Labels::R13.into(),
        "R14" => Labels::R14.into(),
        "R15" => l.r15(),
        other => Labels::R02_SOC26
            .iter()
            .find(|(c, _)| *c == other)
            .map(|(_, label)| (*label).to_string())
            .unwrap_or_default(),
    }
}

/// The label of the free-text row: R40 (SOC25) or R16 (SOC26).
pub(crate) fn relazione_label(ed: Edizione) -> String {
    Labels::of(ed).relazione()
}

/// The code as the edition prints it: SOC26 writes `ROA`/`ROB` with a letter O.
pub(crate) fn printed_code(ed: Edizione, code: &str) -> String {
    Labels::of(ed).codice(code)
}

/// The four column headers of the user rows.
pub(crate) fn user_headers(ed: Edizione) -> [String; 4] {
    Labels::of(ed).colonne_utenti()
}

/// `Quadro 1` intro (SOC25 prints `l’utenza` with U+2019, SOC26 `l'utenza`).
pub(crate) fn quadro1_intro(ed: Edizione) -> String {
    Labels::of(ed).intro()
}

/// The Quadro 3 header sentence.
pub(crate) fn quadro3_intro(ed: Edizione) -> String {
    Labels::of(ed).quadro3_header().into()
}

/// `Popolazione residente al 31/12/Y-1 (Fonte Istat)`, the R03 column header.
pub(crate) fn r03_header(ed: Edizione) -> String {
    Labels::of(ed).r03_colonna()
}

pub(crate) use crate::writers::text::labels::{SEZIONI, domanda_caption, domanda_label};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Domanda;

    #[test]
    fn labels_keep_the_official_quirks() {
        assert_eq!(
            label(Edizione::SOC25, "R15"),
            "R15 -TOTALE OBIETTIVI DI SERVIZIO 2024"
        );
        assert!(label(Edizione::SOC25, "R04").ends_with("popolazione"));
        assert!(label(Edizione::SOC26, "R04").ends_with("popolazione)"));
        assert!(label(Edizione::SOC26, "R0E").ends_with("anno 2024)"));
        assert!(SEZIONI[1].intro.starts_with("ll livello"));
        assert!(SEZIONI[2].header.ends_with("(R04≥R05)"));
        assert!(quadro1_intro(Edizione::SOC25).contains("l\u{2019}utenza"));
        assert_eq!(
            relazione_label(Edizione::SOC26),
            "R16 - Relazione in formato libero (massimo 6.000 caratteri)"
        );
        let r39 = Domanda::new(39).map(domanda_label);
        assert_eq!(
            r39.as_deref(),
            Some("R39 - Altro (specificare nel campo della relazione in formato libero)")
        );
        // The string continuation must not leave double spaces behind.
        for ed in Edizione::ALL {
            for code in ["R0E", "R01", "R02", "R02A", "R05", "R14"] {
                assert!(!label(ed, code).contains("  "), "{code}");
            }
        }
        for d in Domanda::all() {
            assert!(!domanda_label(d).contains("  "), "{d}");
        }
    }
}
