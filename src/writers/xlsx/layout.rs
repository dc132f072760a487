//! The fixed text of the workbook's `Scheda` sheet, edition by edition:
//! headings, column headers, row labels and the Quadro 4 questions, word for
//! word as FORM.md and the seeds print them (official quirks included:
//! `R15 -TOTALE`, `ll livello`, `(R04≥R05)`, `dell' amministrazione`).

use crate::model::{Domanda, Edizione};

/// A Quadro 1 row label other than the user rows (which
/// [`crate::model::RigaDef::label`] gives).
pub(crate) fn label(ed: Edizione, code: &str) -> String {
    let y = ed.anno();
    let soc26 = ed == Edizione::SOC26;
    match code {
        "R0C" => "R0C - Denominazione ATS (fonte: Ministero del Lavoro)".into(),
        "R0D" => "R0D - Ente/Comune capofila dell'ATS (fonte: Ministero del Lavoro)".into(),
        "R0E" => format!(
            "R0E - Numero di assistenti sociali in rapporto alla popolazione a livello di ATS \
             (fonte: Stima sulla base delle relazioni di rendicontazione del sociale anno {})",
            y - 1
        ),
        "R01" => "R01 - Numero di assistenti sociali in forza al Comune (con qualsiasi forma \
                  contrattuale, anche mediante esternalizzazione)"
            .into(),
        "R01A" => "R01A - Numero di assistenti sociali forniti dalla forma associata o \
                   dall'ambito territoriale sociale (ATS)"
            .into(),
        "R01B" => "R01B - Numero di assistenti sociali in rapporto alla popolazione a livello \
                   di Comune [1:R03/(R01+R01A)]"
            .into(),
        "R02" if soc26 => "R02 Numero di altre figure professionali (educatori, ecc.) in forza \
                           al Comune (con qualsiasi forma contrattuale, anche mediante \
                           esternalizzazione)"
            .into(),
        "R02" => "R02 - Numero di altre figure professionali (educatori, ecc.)".into(),
        "R02X" => "R02X - di cui Numero di psicologi in forza al Comune (con qualsiasi forma \
                   contrattuale, anche mediante esternalizzazione)"
            .into(),
        "R02Y" => "R02Y - di cui Numero di educatori professionali socio-pedagogici in forza \
                   al Comune (con qualsiasi forma contrattuale, anche mediante \
                   esternalizzazione)"
            .into(),
        "R02A" => "R02A Numero di altre figure professionali (educatori, ecc.) fornite dalla \
                   forma associata, dall'ambito territoriale sociale (ATS) o finanziate con \
                   gli appositi fondi ministeriali"
            .into(),
        "R03" => "R03 - Numero di abitanti".into(),
        // SOC25 prints no closing parenthesis.
        "R04" if soc26 => format!(
            "R04 - Livello di servizio effettivo {y} (% di utenti serviti rispetto alla popolazione)"
        ),
        "R04" => format!(
            "R04 - Livello di servizio effettivo {y} (% di utenti serviti rispetto alla popolazione"
        ),
        "R05" => format!(
            "R05 - Livello di servizio di riferimento {y} (% di utenti figurativi standard \
             rispetto alla popolazione)"
        ),
        "R06" if soc26 => "R06 - Fabbisogno standard monetario sociale 2025-2027".into(),
        "R06" => "R06 - Fabbisogno standard monetario sociale 2022-2024".into(),
        "R07" if soc26 => {
            "R07 - Spesa storica calcolata con il questionario dei fabbisogni standard".into()
        }
        "R07" => "R07 - Spesa storica di riferimento".into(),
        "R08" => format!("R08 - Risorse aggiuntive effettive del sociale assegnate per il {y}"),
        "R09" => format!(
            "R09 - Risorse aggiuntive effettive del sociale assegnate per il {y} da rendicontare"
        ),
        "R10" => {
            "R10 - Assistenti sociali aggiuntivi (per raggiungimento soglia 1:6500 ab.)".into()
        }
        "R11" => "R11 - Altre figure professionali (educatori, ecc.) aggiuntive".into(),
        "R12" => "R12 - Interventi per un significativo miglioramento dei servizi sociali".into(),
        "R13" => "R13 - Interventi per un aumento del numero degli utenti serviti".into(),
        "R14" => "R14 - Risorse aggiuntive trasferite all'Ambito territoriale sociale o ad \
                  altra forma associativa"
            .into(),
        // SOC25 prints no space after the dash (sic).
        "R15" if soc26 => format!("R15 - TOTALE OBIETTIVI DI SERVIZIO {y}"),
        "R15" => format!("R15 -TOTALE OBIETTIVI DI SERVIZIO {y}"),
        _ => String::new(),
    }
}

/// The label of the free-text row: R40 (SOC25) or R16 (SOC26).
pub(crate) fn relazione_label(ed: Edizione) -> String {
    format!(
        "{} - Relazione in formato libero (massimo 6.000 caratteri)",
        ed.relazione_code()
    )
}

/// The code as the edition prints it: SOC26 writes `ROA`/`ROB` with a letter O.
pub(crate) fn printed_code(ed: Edizione, code: &str) -> String {
    match (ed, code) {
        (Edizione::SOC26, "R0A") => "ROA".into(),
        (Edizione::SOC26, "R0B") => "ROB".into(),
        _ => code.into(),
    }
}

/// The four column headers of the user rows.
pub(crate) fn user_headers(ed: Edizione) -> [String; 4] {
    let y = ed.anno();
    let (ore, media) = match ed {
        Edizione::SOC25 => (
            "Totale annuo ore di assistenza",
            "Media annua ore di assistenza",
        ),
        Edizione::SOC26 => (
            "Totale ore annue di assistenza",
            "Media ore annue di assistenza",
        ),
    };
    [
        "Numero di utenti serviti - 2019".into(),
        format!("Numero di utenti serviti - {y}"),
        format!("{ore} - {y}"),
        format!("{media} - {y}"),
    ]
}

/// `Quadro 1` intro (SOC25 prints `l’utenza` with U+2019, SOC26 `l'utenza`).
pub(crate) fn quadro1_intro(ed: Edizione) -> String {
    let apostrophe = match ed {
        Edizione::SOC25 => '\u{2019}',
        Edizione::SOC26 => '\'',
    };
    format!(
        "Ciascun Comune dovrà indicare il numero di utenti serviti per residenza o per obbligo \
         di legge; in caso di Comuni che svolgono il servizio in forma associata o nell'ATS di \
         riferimento dovrà essere riportata l{apostrophe}utenza afferente al proprio Comune"
    )
}

/// The Quadro 3 header sentence.
pub(crate) fn quadro3_intro(ed: Edizione) -> String {
    match ed {
        Edizione::SOC25 => "Compilare solo se il Comune nel Quadro 2 presenta una spesa inferiore \
                            al fabbisogno standard monetario 2022 - 2024 e risorse aggiuntive da \
                            rendicontare (R09) superiori o uguali a 1.000 euro"
            .into(),
        Edizione::SOC26 => "Da compilare solo se il Comune nel quadro 2 presenta una spesa \
                            inferiore al fabbisogno standard monetario 2025-2027 e risorse \
                            aggiuntive da rendicontare (R09) superiori o uguali a 1.000 euro"
            .into(),
    }
}

/// `Popolazione residente al 31/12/Y-1 (Fonte Istat)`, the R03 column header.
pub(crate) fn r03_header(ed: Edizione) -> String {
    format!(
        "Popolazione residente al 31/12/{} (Fonte Istat)",
        ed.anno() - 1
    )
}

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
