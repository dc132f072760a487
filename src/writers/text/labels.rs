//! The fixed wording of the form, per edition, as the seeds print it: row
//! labels, column headers, headings and the Quadro 4 questions (SOC25).
//!
//! The text writers no longer read it: they walk the edition's description.
//! It stays only for the XLSX writer (`writers::xlsx::layout`), until that
//! walks the description too; then this module goes.

use crate::model::Edizione;

/// The fixed texts of one edition.
#[derive(Debug, Clone)]
pub struct Labels {
    /// The edition.
    pub edizione: Edizione,
    /// The reporting year Y.
    pub anno: i32,
}

/// One section of the SOC25 Quadro 4.
pub struct Sezione {
    /// The `Compilare solo se ...` header.
    pub header: &'static str,
    /// The `Il livello di spesa ... a causa di:` intro.
    pub intro: &'static str,
    /// The questions: number and label (without the `Rnn - ` prefix).
    pub domande: &'static [(u8, &'static str)],
}

/// The four sections of the SOC25 Quadro 4, word for word (quirks included).
pub const SEZIONI: [Sezione; 4] = [
    Sezione {
        header: "Compilare solo se il Comune ha la Spesa storica 2017 (o 2021) calcolata con il questionario dei fabbisogni standard (R07) non inferiore al Fabbisogno standard monetario sociale 2022-2024 (R06) e livello di servizi più elevato di quello di riferimento (R04>=R05)",
        intro: "Il livello di spesa dell'ente locale è risultato non inferiore al livello del fabbisogno per la funzione del sociale e il livello dei servizi convenzionalmente calcolato risulta superiore a quello di riferimento a causa di:",
        domande: &[
            (
                16,
                "Scelta dell'amministrazione, dovuta ad una particolare configurazione delle preferenze locali, di destinare maggiori risorse ai servizi sociali",
            ),
            (17, "Personale maggiormente qualificato"),
            (
                18,
                "Numero assistenti sociali e altre figure professionali in termini pro capite più alto",
            ),
            (
                19,
                "Presenza e mantenimento delle strutture sociali di proprietà comunale destinati ai servizi sociali",
            ),
            (20, "Digitalizzazione dei servizi sociali"),
            (
                21,
                "Sviluppo della rete territoriale integrata con l'ambito sociale di riferimento, comuni vicini, volontariato e terzo settore",
            ),
            (
                22,
                "Altro (specificare nel campo della relazione in formato libero)",
            ),
        ],
    },
    Sezione {
        header: "Compilare solo se il Comune ha la Spesa storica 2017 (o 2021) calcolata con il questionario dei fabbisogni standard (R07) non inferiore al fabbisogno standard monetario sociale 2022-2024 (R06) e livello di servizi inferiore a quello di riferimento (R04<R05)",
        intro: "ll livello di spesa dell'ente locale è alto, nonostante ciò, il livello di servizi convenzionalmente calcolato è inferiore a quello di riferimento a causa di:",
        domande: &[
            (
                23,
                "Una rilevante parte delle risorse per la funzione è assorbita da poche prestazioni sociali particolarmente costose",
            ),
            (24, "Diseconomie di scala nell'erogazione dei servizi"),
            (
                25,
                "Mancanza del servizio integrato con l'ambito sociale di riferimento, assenza di accreditamenti con strutture private",
            ),
            (26, "Difficoltà gestionali"),
            (
                27,
                "Mancanza di investimenti adeguati (per digitalizzazione banche dati, strutture sociali comunali, rete integrata di servizi sociali)",
            ),
            (
                28,
                "Altro (specificare nel campo della relazione in formato libero)",
            ),
        ],
    },
    Sezione {
        header: "Compilare solo se il Comune ha la Spesa storica 2017 (o 2021) calcolata con il questionario dei fabbisogni standard (R07) inferiore al fabbisogno standard monetario sociale 2022-2024 (R06) e livello di servizi più elevato di quello di riferimento (R04≥R05)",
        intro: "Il livello di spesa dell'ente locale è inferiore al fabbisogno e il livello di servizi convenzionalmente calcolato è non inferiore a quello di riferimento a causa di:",
        domande: &[
            (
                29,
                "Presenza sul territorio di reti di volontariato/servizi del terzo settore ben sviluppate che forniscono prestazioni che sono integrative rispetto a quelle del servizio sociale del comune",
            ),
            (
                30,
                "Gli utenti del comune godono dei servizi erogati interamente/ parzialmente attraverso l'ambito sociale di riferimento",
            ),
            (
                31,
                "Risorse assorbite da utenti/prestazioni relativamente meno costosi",
            ),
            (
                32,
                "La presenza di accreditamenti presso le strutture consente una gestione più efficiente del servizio",
            ),
            (
                33,
                "Altro (specificare nel campo della relazione in formato libero)",
            ),
        ],
    },
    Sezione {
        header: "Compilare solo se il Comune ha la Spesa storica 2017 (o 2021) calcolata con il questionario dei fabbisogni standard (R07) inferiore al Fabbisogno standard monetario sociale 2022-2024 (R06) e livello di servizi inferiore a quello di riferimento (R04<R05)",
        intro: "Il livello di spesa dell'ente locale è inferiore al fabbisogno e il livello di servizi convenzionalmente calcolato è inferiore a quello di riferimento a causa di:",
        domande: &[
            (
                34,
                "Scelta dell' amministrazione, dovuta ad una particolare configurazione delle preferenze locali, di destinare le risorse ad altre funzioni",
            ),
            (
                35,
                "Presenza sul territorio di reti di volontariato/dei servizi del terzo settore ben sviluppate che forniscono prestazioni simili sostitutive",
            ),
            (
                36,
                "Difficoltà ad avviare il servizio sociale adeguato a causa della mancanza di personale specializzato quale Assistenti sociali",
            ),
            (
                37,
                "Difficoltà ad avviare il servizio sociale adeguato a causa della mancanza di personale specializzato quale Altro personale qualificato",
            ),
            (
                38,
                "Mancanza/carenza del sistema sociale integrato attraverso l'ambito sociale; mancanza/carenza di accreditamenti presso le strutture private che erogano servizi sociali",
            ),
            (
                39,
                "Altro (specificare nel campo della relazione in formato libero)",
            ),
        ],
    },
];

impl Sezione {
    /// The label of question `n` of this section (`R16 - Scelta ...`).
    pub fn label(&self, n: u8) -> Option<String> {
        self.domande
            .iter()
            .find(|(m, _)| *m == n)
            .map(|(_, text)| format!("R{n} - {text}"))
    }
}

/// The label of a SOC25 question, as seeds 000-002 print it.
pub fn domanda_label(d: crate::model::Domanda) -> String {
    SEZIONI
        .iter()
        .find_map(|s| s.label(d.number()))
        .unwrap_or_else(|| d.to_string())
}

/// The sub-caption printed after a question, if any (after R16 and R23).
pub fn domanda_caption(d: crate::model::Domanda) -> Option<&'static str> {
    match d.number() {
        16 => Some(DIDASCALIA_R16),
        23 => Some(DIDASCALIA_R23),
        _ => None,
    }
}

/// The sub-caption printed after R16.
pub const DIDASCALIA_R16: &str = "Scelta dell' amministrazione di investire maggiori risorse per fornire i servizi sociali di maggiore qualità";
/// The sub-caption printed after R23.
pub const DIDASCALIA_R23: &str = "Servizi sociali erogati dall'ente più costosi, quali:";

impl Labels {
    /// The labels of `edizione`.
    pub fn of(edizione: Edizione) -> Self {
        Labels {
            edizione,
            anno: edizione.anno(),
        }
    }

    fn soc26(&self) -> bool {
        self.edizione == Edizione::SOC26
    }

    /// The Quadro 1 intro.
    pub fn intro(&self) -> String {
        let utenza = if self.soc26() {
            "l'utenza"
        } else {
            "l’utenza"
        };
        format!(
            "Ciascun Comune dovrà indicare il numero di utenti serviti per residenza o per obbligo di legge; in caso di Comuni che svolgono il servizio in forma associata o nell'ATS di riferimento dovrà essere riportata {utenza} afferente al proprio Comune"
        )
    }

    /// The four column headers of a user row.
    pub fn colonne_utenti(&self) -> [String; 4] {
        let y = self.anno;
        if self.soc26() {
            [
                "Numero di utenti serviti - 2019".into(),
                format!("Numero di utenti serviti - {y}"),
                format!("Totale ore annue di assistenza - {y}"),
                format!("Media ore annue di assistenza - {y}"),
            ]
        } else {
            [
                "Numero di utenti serviti - 2019".into(),
                format!("Numero di utenti serviti - {y}"),
                format!("Totale annuo ore di assistenza - {y}"),
                format!("Media annua ore di assistenza - {y}"),
            ]
        }
    }

    /// A user row's code as printed (`ROA`/`ROB` with a letter O in SOC26).
    pub fn codice(&self, code: &str) -> String {
        match (self.soc26(), code) {
            (true, "R0A") => "ROA".into(),
            (true, "R0B") => "ROB".into(),
            _ => code.into(),
        }
    }

    /// Heading of the ATS block.
    pub const ATS: &'static str =
        "Informazioni relative all'Ambito Territoriale Sociale (ATS) cui appartiene il Comune";
    /// Heading of the Comune block.
    pub const COMUNE: &'static str = "Informazioni relative al Comune";
    /// SOC26 sub-heading before R01.
    pub const ASSISTENTI: &'static str = "Informazioni relative agli assistenti sociali";
    /// SOC26 sub-heading before R02.
    pub const ALTRE_FIGURE: &'static str = "Informazioni relative alle altre figure professionali";

    /// R0C label.
    pub const R0C: &'static str = "R0C - Denominazione ATS (fonte: Ministero del Lavoro)";
    /// R0D label.
    pub const R0D: &'static str =
        "R0D - Ente/Comune capofila dell'ATS (fonte: Ministero del Lavoro)";

    /// R0E label.
    pub fn r0e(&self) -> String {
        format!(
            "R0E - Numero di assistenti sociali in rapporto alla popolazione a livello di ATS (fonte: Stima sulla base delle relazioni di rendicontazione del sociale anno {})",
            self.anno - 1
        )
    }

    /// R01 label.
    pub const R01: &'static str = "R01 - Numero di assistenti sociali in forza al Comune (con qualsiasi forma contrattuale, anche mediante esternalizzazione)";
    /// R01A label.
    pub const R01A: &'static str = "R01A - Numero di assistenti sociali forniti dalla forma associata o dall'ambito territoriale sociale (ATS)";
    /// R01B label.
    pub const R01B: &'static str = "R01B - Numero di assistenti sociali in rapporto alla popolazione a livello di Comune [1:R03/(R01+R01A)]";

    /// R02 label.
    pub fn r02(&self) -> &'static str {
        if self.soc26() {
            "R02 Numero di altre figure professionali (educatori, ecc.) in forza al Comune (con qualsiasi forma contrattuale, anche mediante esternalizzazione)"
        } else {
            "R02 - Numero di altre figure professionali (educatori, ecc.)"
        }
    }

    /// The SOC26-only staff rows: code, label.
    pub const R02_SOC26: [(&'static str, &'static str); 3] = [
        (
            "R02X",
            "R02X - di cui Numero di psicologi in forza al Comune (con qualsiasi forma contrattuale, anche mediante esternalizzazione)",
        ),
        (
            "R02Y",
            "R02Y - di cui Numero di educatori professionali socio-pedagogici in forza al Comune (con qualsiasi forma contrattuale, anche mediante esternalizzazione)",
        ),
        (
            "R02A",
            "R02A Numero di altre figure professionali (educatori, ecc.) fornite dalla forma associata, dall'ambito territoriale sociale (ATS) o finanziate con gli appositi fondi ministeriali",
        ),
    ];

    /// R03 label.
    pub const R03: &'static str = "R03 - Numero di abitanti";

    /// R03 column header.
    pub fn r03_colonna(&self) -> String {
        format!(
            "Popolazione residente al 31/12/{} (Fonte Istat)",
            self.anno - 1
        )
    }

    /// R04 label (SOC25 has no closing parenthesis).
    pub fn r04(&self) -> String {
        let close = if self.soc26() { ")" } else { "" };
        format!(
            "R04 - Livello di servizio effettivo {} (% di utenti serviti rispetto alla popolazione{close}",
            self.anno
        )
    }

    /// R05 label.
    pub fn r05(&self) -> String {
        format!(
            "R05 - Livello di servizio di riferimento {} (% di utenti figurativi standard rispetto alla popolazione)",
            self.anno
        )
    }

    /// R06 label.
    pub fn r06(&self) -> &'static str {
        if self.soc26() {
            "R06 - Fabbisogno standard monetario sociale 2025-2027"
        } else {
            "R06 - Fabbisogno standard monetario sociale 2022-2024"
        }
    }

    /// R07 label.
    pub fn r07(&self) -> &'static str {
        if self.soc26() {
            "R07 - Spesa storica calcolata con il questionario dei fabbisogni standard"
        } else {
            "R07 - Spesa storica di riferimento"
        }
    }

    /// R08 label.
    pub fn r08(&self) -> String {
        format!(
            "R08 - Risorse aggiuntive effettive del sociale assegnate per il {}",
            self.anno
        )
    }

    /// The Quadro 3 header.
    pub fn quadro3_header(&self) -> &'static str {
        if self.soc26() {
            "Da compilare solo se il Comune nel quadro 2 presenta una spesa inferiore al fabbisogno standard monetario 2025-2027 e risorse aggiuntive da rendicontare (R09) superiori o uguali a 1.000 euro"
        } else {
            "Compilare solo se il Comune nel Quadro 2 presenta una spesa inferiore al fabbisogno standard monetario 2022 - 2024 e risorse aggiuntive da rendicontare (R09) superiori o uguali a 1.000 euro"
        }
    }

    /// R09 label.
    pub fn r09(&self) -> String {
        format!(
            "R09 - Risorse aggiuntive effettive del sociale assegnate per il {} da rendicontare",
            self.anno
        )
    }

    /// R10 label.
    pub const R10: &'static str =
        "R10 - Assistenti sociali aggiuntivi (per raggiungimento soglia 1:6500 ab.)";
    /// R11 label.
    pub const R11: &'static str = "R11 - Altre figure professionali (educatori, ecc.) aggiuntive";
    /// R12 label.
    pub const R12: &'static str =
        "R12 - Interventi per un significativo miglioramento dei servizi sociali";
    /// R13 label.
    pub const R13: &'static str = "R13 - Interventi per un aumento del numero degli utenti serviti";
    /// R14 label.
    pub const R14: &'static str = "R14 - Risorse aggiuntive trasferite all'Ambito territoriale sociale o ad altra forma associativa";

    /// R15 label (SOC25's missing space is official).
    pub fn r15(&self) -> String {
        if self.soc26() {
            format!("R15 - TOTALE OBIETTIVI DI SERVIZIO {}", self.anno)
        } else {
            format!("R15 -TOTALE OBIETTIVI DI SERVIZIO {}", self.anno)
        }
    }

    /// The free-text row label.
    pub fn relazione(&self) -> String {
        format!(
            "{} - Relazione in formato libero (massimo 6.000 caratteri)",
            self.edizione.relazione_code()
        )
    }
}
