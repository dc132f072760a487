//! The fixed text of the workbook's `Scheda` sheet, edition by edition:
//! headings, column headers, row labels and the Quadro 4 questions, word for
//! word as FORM.md and the seeds print them (official quirks included:
//! `R15 -TOTALE`, `ll livello`, `(R04≥R05)`, `dell' amministrazione`).
//! Row labels and headers come from the text writer's [`Labels`].

use crate::model::{Domanda, Edizione};
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

// The Quadro 4 sections and questions repeat the text writer's, which are
// private to it (`writers::text::labels`); the wording was checked equal.
/// One SOC25 Quadro 4 section: when it applies, its intro, its questions.
pub(crate) struct Sezione {
    /// `Compilare solo se ...`.
    pub(crate) header: &'static str,
    /// `Il livello di spesa ... a causa di:`.
    pub(crate) intro: &'static str,
    /// The questions of the section, in order.
    pub(crate) domande: std::ops::RangeInclusive<u8>,
}

/// The four SOC25 Quadro 4 sections.
pub(crate) const SEZIONI: [Sezione; 4] = [
    Sezione {
        header: "Compilare solo se il Comune ha la Spesa storica 2017 (o 2021) calcolata con il \
                 questionario dei fabbisogni standard (R07) non inferiore al Fabbisogno standard \
                 monetario sociale 2022-2024 (R06) e livello di servizi più elevato di quello di \
                 riferimento (R04>=R05)",
        intro: "Il livello di spesa dell'ente locale è risultato non inferiore al livello del \
                fabbisogno per la funzione del sociale e il livello dei servizi convenzionalmente \
                calcolato risulta superiore a quello di riferimento a causa di:",
        domande: 16..=22,
    },
    Sezione {
        header: "Compilare solo se il Comune ha la Spesa storica 2017 (o 2021) calcolata con il \
                 questionario dei fabbisogni standard (R07) non inferiore al fabbisogno standard \
                 monetario sociale 2022-2024 (R06) e livello di servizi inferiore a quello di \
                 riferimento (R04<R05)",
        intro: "ll livello di spesa dell'ente locale è alto, nonostante ciò, il livello di servizi \
                convenzionalmente calcolato è inferiore a quello di riferimento a causa di:",
        domande: 23..=28,
    },
    Sezione {
        header: "Compilare solo se il Comune ha la Spesa storica 2017 (o 2021) calcolata con il \
                 questionario dei fabbisogni standard (R07) inferiore al fabbisogno standard \
                 monetario sociale 2022-2024 (R06) e livello di servizi più elevato di quello di \
                 riferimento (R04≥R05)",
        intro: "Il livello di spesa dell'ente locale è inferiore al fabbisogno e il livello di \
                servizi convenzionalmente calcolato è non inferiore a quello di riferimento a \
                causa di:",
        domande: 29..=33,
    },
    Sezione {
        header: "Compilare solo se il Comune ha la Spesa storica 2017 (o 2021) calcolata con il \
                 questionario dei fabbisogni standard (R07) inferiore al Fabbisogno standard \
                 monetario sociale 2022-2024 (R06) e livello di servizi inferiore a quello di \
                 riferimento (R04<R05)",
        intro: "Il livello di spesa dell'ente locale è inferiore al fabbisogno e il livello di \
                servizi convenzionalmente calcolato è inferiore a quello di riferimento a causa \
                di:",
        domande: 34..=39,
    },
];

/// The label of a SOC25 question, as seeds 000-002 print it.
pub(crate) fn domanda_label(d: Domanda) -> String {
    let text = match d.number() {
        16 => {
            "Scelta dell'amministrazione, dovuta ad una particolare configurazione delle \
               preferenze locali, di destinare maggiori risorse ai servizi sociali"
        }
        17 => "Personale maggiormente qualificato",
        18 => {
            "Numero assistenti sociali e altre figure professionali in termini pro capite più \
               alto"
        }
        19 => {
            "Presenza e mantenimento delle strutture sociali di proprietà comunale destinati ai \
               servizi sociali"
        }
        20 => "Digitalizzazione dei servizi sociali",
        21 => {
            "Sviluppo della rete territoriale integrata con l'ambito sociale di riferimento, \
               comuni vicini, volontariato e terzo settore"
        }
        23 => {
            "Una rilevante parte delle risorse per la funzione è assorbita da poche prestazioni \
               sociali particolarmente costose"
        }
        24 => "Diseconomie di scala nell'erogazione dei servizi",
        25 => {
            "Mancanza del servizio integrato con l'ambito sociale di riferimento, assenza di \
               accreditamenti con strutture private"
        }
        26 => "Difficoltà gestionali",
        27 => {
            "Mancanza di investimenti adeguati (per digitalizzazione banche dati, strutture \
               sociali comunali, rete integrata di servizi sociali)"
        }
        29 => {
            "Presenza sul territorio di reti di volontariato/servizi del terzo settore ben \
               sviluppate che forniscono prestazioni che sono integrative rispetto a quelle del \
               servizio sociale del comune"
        }
        30 => {
            "Gli utenti del comune godono dei servizi erogati interamente/ parzialmente \
               attraverso l'ambito sociale di riferimento"
        }
        31 => "Risorse assorbite da utenti/prestazioni relativamente meno costosi",
        32 => {
            "La presenza di accreditamenti presso le strutture consente una gestione più \
               efficiente del servizio"
        }
        34 => {
            "Scelta dell' amministrazione, dovuta ad una particolare configurazione delle \
               preferenze locali, di destinare le risorse ad altre funzioni"
        }
        35 => {
            "Presenza sul territorio di reti di volontariato/dei servizi del terzo settore ben \
               sviluppate che forniscono prestazioni simili sostitutive"
        }
        36 => {
            "Difficoltà ad avviare il servizio sociale adeguato a causa della mancanza di \
               personale specializzato quale Assistenti sociali"
        }
        37 => {
            "Difficoltà ad avviare il servizio sociale adeguato a causa della mancanza di \
               personale specializzato quale Altro personale qualificato"
        }
        38 => {
            "Mancanza/carenza del sistema sociale integrato attraverso l'ambito sociale; \
               mancanza/carenza di accreditamenti presso le strutture private che erogano servizi \
               sociali"
        }
        // R22, R28, R33, R39.
        _ => "Altro (specificare nel campo della relazione in formato libero)",
    };
    format!("{d} - {text}")
}

/// The sub-caption printed after a question, if any (after R16 and R23).
pub(crate) fn domanda_caption(d: Domanda) -> Option<&'static str> {
    match d.number() {
        16 => Some(
            "Scelta dell' amministrazione di investire maggiori risorse per fornire i servizi \
             sociali di maggiore qualità",
        ),
        23 => Some("Servizi sociali erogati dall'ente più costosi, quali:"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
