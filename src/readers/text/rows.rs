//! The rows of the form as printed in extracted text: their codes (with the
//! variants `ROA`, `R00C` ...), their labels (with the wording of each
//! edition and of the IFEL page), their column headers and the kind of
//! values they hold. The reader anchors on the codes and uses the labels and
//! headers to know where the values start.

use crate::model::{Domanda, Edizione, RIGA_TOTALE, RIGHE_UTENTI, TipoRiga};

use super::matcher::Key;

/// What a row holds, and so how its text is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// A user row: users 2019 and Y, plus hours and mean hours when `ore`.
    Utenti { ore: bool },
    /// Free text (R0C, R0D).
    Testo,
    /// R0E: `NON CALCOLABILE` or `1 assistente sociale ogni: N abitanti`.
    AssistentiAts,
    /// Staff counts in 2020 and Y (R01, R02).
    Anni2020,
    /// One staff count in Y (R01A, R02X, R02Y, R02A).
    Personale,
    /// R01B: `1 assistente ogni : N`.
    AssistentiComune,
    /// R03: inhabitants.
    Abitanti,
    /// R04, R05: a percentage, kept as printed.
    Percentuale,
    /// One euro amount (R06, R08, R09, R13, R14, R15).
    Euro,
    /// R07: euro amounts of 2017 and 2021.
    SpesaStorica,
    /// R10, R11: numero, modalità (text), spesa.
    Aggiuntivo,
    /// R12: description (text), spesa.
    Intervento,
    /// A yes/no question of Quadro 4 (SOC25).
    Domanda(Domanda),
    /// The free-text report (R40 in SOC25, R16 in SOC26).
    Relazione,
}

impl Kind {
    /// Whether rows of this kind hold nothing but numbers, one per column,
    /// in the form's order (what the deal of `deal.rs` may share out).
    /// Exhaustive, so that a new kind must be placed here.
    pub(super) fn is_numeric(self) -> bool {
        match self {
            Kind::Utenti { .. }
            | Kind::Anni2020
            | Kind::Personale
            | Kind::Abitanti
            | Kind::Percentuale
            | Kind::Euro
            | Kind::SpesaStorica => true,
            Kind::Testo
            | Kind::AssistentiAts
            | Kind::AssistentiComune
            | Kind::Aggiuntivo
            | Kind::Intervento
            | Kind::Domanda(_)
            | Kind::Relazione => false,
        }
    }
}

/// How one value of a row is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Col {
    /// A whole number (users, hours, inhabitants).
    Count,
    /// An amount or staff count, padded to two decimals.
    Dec2,
    /// A decimal kept as printed (mean hours, percentages).
    Printed,
}

/// One row of the form.
#[derive(Debug, Clone)]
pub(super) struct Row {
    /// The row's code as the model names it (`R0A`, not `ROA`).
    pub code: &'static str,
    /// What the row holds.
    pub kind: Kind,
    /// The quadro (1-4) the row belongs to.
    pub quadro: u8,
    /// The label after the code, in every known wording.
    pub labels: Vec<Key>,
    /// The column headers printed after the label, in order; each with its
    /// known wordings.
    pub headers: Vec<Vec<Key>>,
    /// The numbers printed in the column headers, in order (`2019`, `2024`).
    pub header_years: Vec<String>,
    /// Whether the headers are nothing but those numbers (`2020 2024`).
    pub bare: bool,
}

impl Row {
    fn new(code: &'static str, kind: Kind, quadro: u8) -> Self {
        Row {
            code,
            kind,
            quadro,
            labels: Vec::new(),
            headers: Vec::new(),
            header_years: Vec::new(),
            bare: false,
        }
    }

    /// The values the row holds, named for messages, with how each is stored.
    pub fn columns(&self, anno: i32) -> Vec<(String, Col)> {
        let y = anno.to_string();
        let list: Vec<(String, Col)> = match self.kind {
            Kind::Utenti { ore } => {
                let mut v = vec![
                    ("utenti 2019".to_string(), Col::Count),
                    (format!("utenti {y}"), Col::Count),
                ];
                if ore {
                    v.push((format!("ore {y}"), Col::Count));
                    v.push((format!("media ore {y}"), Col::Printed));
                }
                v
            }
            Kind::Anni2020 => vec![("2020".into(), Col::Dec2), (y, Col::Dec2)],
            Kind::Personale => vec![(y, Col::Dec2)],
            Kind::Abitanti => vec![("abitanti".into(), Col::Count)],
            Kind::Percentuale => vec![("percentuale".into(), Col::Printed)],
            Kind::Euro => vec![("euro".into(), Col::Dec2)],
            Kind::SpesaStorica => vec![("2017".into(), Col::Dec2), ("2021".into(), Col::Dec2)],
            Kind::Aggiuntivo => vec![
                ("numero".into(), Col::Dec2),
                ("spesa aggiuntiva".into(), Col::Dec2),
            ],
            Kind::Intervento => vec![("spesa aggiuntiva".into(), Col::Dec2)],
            Kind::Testo
            | Kind::AssistentiAts
            | Kind::AssistentiComune
            | Kind::Domanda(_)
            | Kind::Relazione => Vec::new(),
        };
        list
    }

    /// The length of this row's code at the start of `text` (`ROA - ...`,
    /// `R00C ‐ ...`, `R16 SI`), if the line starts with it.
    pub fn code_len(&self, text: &str) -> Option<usize> {
        spellings(self.code)
            .into_iter()
            .find(|s| starts_with_code(text, s))
            .map(str::len)
    }

    fn label(mut self, ed: Edizione, labels: &[&str]) -> Self {
        self.labels = labels.iter().map(|l| Key::new(&expand(l, ed))).collect();
        self
    }

    fn headers(mut self, ed: Edizione, headers: &[&[&str]], years: &[&str], bare: bool) -> Self {
        self.headers = headers
            .iter()
            .map(|alts| alts.iter().map(|h| Key::new(&expand(h, ed))).collect())
            .collect();
        self.header_years = years.iter().map(|y| expand(y, ed)).collect();
        self.bare = bare;
        self
    }
}

/// Every spelling of a code: `R0A`/`ROA`, `R0C`/`ROC`/`R00C`.
fn spellings(code: &'static str) -> Vec<&'static str> {
    match code {
        "R0A" => vec!["R0A", "ROA"],
        "R0B" => vec!["R0B", "ROB"],
        "R0C" => vec!["R0C", "R00C", "ROC"],
        "R0D" => vec!["R0D", "R00D", "ROD"],
        "R0E" => vec!["R0E", "R00E", "ROE"],
        other => vec![other],
    }
}

/// Whether `text` starts with `code` as a whole token (followed by the end,
/// a space or a dash).
fn starts_with_code(text: &str, code: &str) -> bool {
    text.strip_prefix(code)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '-']))
}

/// The known code (any edition, any spelling) a line starts with, if any;
/// returns the code as the model names it.
pub(super) fn code_prefix(text: &str) -> Option<&'static str> {
    let first = text.as_bytes().first()?;
    if *first != b'M' && *first != b'R' {
        return None;
    }
    all_codes().find(|code| spellings(code).iter().any(|s| starts_with_code(text, s)))
}

fn all_codes() -> impl Iterator<Item = &'static str> {
    const R: [&str; 9] = [
        "R0B", "R0C", "R0D", "R0E", "R01A", "R01B", "R02X", "R02Y", "R02A",
    ];
    const N: [&str; 40] = [
        "R01", "R02", "R03", "R04", "R05", "R06", "R07", "R08", "R09", "R10", "R11", "R12", "R13",
        "R14", "R15", "R16", "R17", "R18", "R19", "R20", "R21", "R22", "R23", "R24", "R25", "R26",
        "R27", "R28", "R29", "R30", "R31", "R32", "R33", "R34", "R35", "R36", "R37", "R38", "R39",
        "R40",
    ];
    RIGHE_UTENTI.iter().map(|d| d.code).chain(R).chain(N)
}

/// Fill the placeholders of a printed phrase: `{Y}` the reporting year,
/// `{Y-1}` the year before, `{FAB}` the years of the fabbisogno standard.
fn expand(text: &str, ed: Edizione) -> String {
    let y = ed.anno();
    let fab = &ed.description().anni.fabbisogno;
    text.replace("{Y-1}", &(y - 1).to_string())
        .replace("{Y}", &y.to_string())
        .replace("{FAB}", fab)
}

const H_2019: &[&str] = &["Numero di utenti serviti - 2019"];
const H_Y: &[&str] = &["Numero di utenti serviti - {Y}"];
const H_ORE: &[&str] = &[
    "Totale annuo ore di assistenza - {Y}",
    "Totale ore annue di assistenza - {Y}",
];
const H_MEDIA: &[&str] = &[
    "Media annua ore di assistenza - {Y}",
    "Media ore annue di assistenza - {Y}",
];
const H_SPESA: &[&str] = &["Spesa aggiuntiva"];
const H_AGGIUNTIVO: &[&[&str]] = &[
    &["Numero"],
    &["Modalità di determinazione della spesa aggiuntiva"],
    H_SPESA,
];
const CONTRATTO: &str = "(con qualsiasi forma contrattuale, anche mediante esternalizzazione)";

/// The IFEL page's column headers, printed once above the user rows.
const H_IFEL: &[&str] = &[
    "N° di utenti serviti 2019",
    "N° di utenti serviti {Y}",
    "Totale annuo ore di assistenza {Y}",
    "Media annua ore di assistenza {Y}",
];

/// The rows of `ed` in the form's order.
pub(super) fn rows(ed: Edizione) -> Vec<Row> {
    use Kind::*;
    let mut out = Vec::new();
    for def in RIGHE_UTENTI.iter().chain([&RIGA_TOTALE]) {
        let ore = def.kind == TipoRiga::ConOre;
        let label = if def.code == "R0B" {
            "- TOTALE UTENTI".to_string()
        } else {
            format!("- Utenti {}", def.tipo)
        };
        let (headers, years): (&[&[&str]], &[&str]) = if ore {
            (
                &[H_2019, H_Y, H_ORE, H_MEDIA],
                &["2019", "{Y}", "{Y}", "{Y}"],
            )
        } else {
            (&[H_2019, H_Y], &["2019", "{Y}"])
        };
        out.push(
            Row::new(def.code, Utenti { ore }, 1)
                .label(ed, &[&label])
                .headers(ed, headers, years, false),
        );
    }
    let r01 = format!("- Numero di assistenti sociali in forza al Comune {CONTRATTO}");
    let r01a = "- Numero di assistenti sociali forniti dalla forma associata o dall'ambito territoriale sociale (ATS)";
    let r01b = "- Numero di assistenti sociali in rapporto alla popolazione a livello di Comune [1:R03/(R01+R01A)]";
    let ifel = |l: &str| l.replacen("Numero", "Numeri", 1);
    out.extend([
        Row::new("R0C", Testo, 1).label(ed, &["- Denominazione ATS (fonte: Ministero del Lavoro)"]),
        Row::new("R0D", Testo, 1)
            .label(ed, &["- Ente/Comune capofila dell'ATS (fonte: Ministero del Lavoro)"]),
        Row::new("R0E", AssistentiAts, 1).label(ed, &["- Numero di assistenti sociali in rapporto alla popolazione a livello di ATS (fonte: Stima sulla base delle relazioni di rendicontazione del sociale anno {Y-1})"]),
        Row::new("R01", Anni2020, 1)
            .label(ed, &[&r01, &ifel(&r01)])
            .headers(ed, &[&["2020"], &["{Y}"]], &["2020", "{Y}"], true),
        Row::new("R01A", Personale, 1)
            .label(ed, &[r01a, &ifel(r01a)])
            .headers(ed, &[&["{Y}"]], &["{Y}"], true),
        Row::new("R01B", AssistentiComune, 1)
            .label(ed, &[r01b, &ifel(r01b)])
            .headers(ed, &[&["Abitanti"]], &[], false),
        Row::new("R02", Anni2020, 1)
            .label(
                ed,
                &[
                    "- Numero di altre figure professionali (educatori, ecc.)",
                    &format!("- Numero di altre figure professionali (educatori, ecc.) in forza al Comune {CONTRATTO}"),
                ],
            )
            .headers(ed, &[&["2020"], &["{Y}"]], &["2020", "{Y}"], true),
    ]);
    if ed == Edizione::SOC26 {
        out.extend([
            Row::new("R02X", Personale, 1)
                .label(ed, &[&format!("- di cui Numero di psicologi in forza al Comune {CONTRATTO}")])
                .headers(ed, &[&["{Y}"]], &["{Y}"], true),
            Row::new("R02Y", Personale, 1)
                .label(ed, &[&format!("- di cui Numero di educatori professionali socio-pedagogici in forza al Comune {CONTRATTO}")])
                .headers(ed, &[&["{Y}"]], &["{Y}"], true),
            Row::new("R02A", Personale, 1)
                .label(ed, &["- Numero di altre figure professionali (educatori, ecc.) fornite dalla forma associata, dall'ambito territoriale sociale (ATS) o finanziate con gli appositi fondi ministeriali"])
                .headers(ed, &[&["{Y}"]], &["{Y}"], true),
        ]);
    }
    out.extend([
        Row::new("R03", Abitanti, 1)
            .label(ed, &["- Numero di abitanti"])
            .headers(ed, &[&["Popolazione residente al 31/12/{Y-1} (Fonte Istat)"]], &["{Y}"], false),
        Row::new("R04", Percentuale, 1)
            .label(
                ed,
                &[
                    "- Livello di servizio effettivo {Y} (% di utenti serviti rispetto alla popolazione",
                    "- Livello di servizio effettivo {Y} (% di utenti serviti rispetto alla popolazione)",
                    "- Livello di Servizio {Y} (% di utenti serviti rispetto alla popolazione)",
                ],
            )
            .headers(ed, &[&["{Y}"]], &["{Y}"], true),
        Row::new("R05", Percentuale, 1)
            .label(ed, &["- Livello di servizio di riferimento {Y} (% di utenti figurativi standard rispetto alla popolazione)"])
            .headers(ed, &[&["{Y}"]], &["{Y}"], true),
        Row::new("R06", Euro, 2).label(ed, &["- Fabbisogno standard monetario sociale {FAB}"]),
        Row::new("R07", SpesaStorica, 2)
            .label(
                ed,
                &[
                    "- Spesa storica di riferimento",
                    "- Spesa storica calcolata con il questionario dei fabbisogni standard",
                ],
            )
            .headers(ed, &[&["2017"], &["2021"]], &["2017", "2021"], true),
        Row::new("R08", Euro, 2)
            .label(ed, &["- Risorse aggiuntive effettive del sociale assegnate per il {Y}"]),
        Row::new("R09", Euro, 3)
            .label(ed, &["- Risorse aggiuntive effettive del sociale assegnate per il {Y} da rendicontare"]),
        Row::new("R10", Aggiuntivo, 3)
            .label(ed, &["- Assistenti sociali aggiuntivi (per raggiungimento soglia 1:6500 ab.)"])
            .headers(ed, H_AGGIUNTIVO, &[], false),
        Row::new("R11", Aggiuntivo, 3)
            .label(ed, &["- Altre figure professionali (educatori, ecc.) aggiuntive"])
            .headers(ed, H_AGGIUNTIVO, &[], false),
        Row::new("R12", Intervento, 3)
            .label(ed, &["- Interventi per un significativo miglioramento dei servizi sociali"])
            .headers(ed, &[H_SPESA], &[], false),
        Row::new("R13", Euro, 3)
            .label(ed, &["- Interventi per un aumento del numero degli utenti serviti"])
            .headers(ed, &[H_SPESA], &[], false),
        Row::new("R14", Euro, 3)
            .label(ed, &["- Risorse aggiuntive trasferite all'Ambito territoriale sociale o ad altra forma associativa"])
            .headers(ed, &[H_SPESA], &[], false),
        Row::new("R15", Euro, 3)
            .label(ed, &["- TOTALE OBIETTIVI DI SERVIZIO {Y}"])
            .headers(ed, &[H_SPESA], &[], false),
    ]);
    if ed == Edizione::SOC25 {
        for d in crate::model::Domanda::all() {
            out.push(Row::new(code_of(d), Domanda(d), 4));
        }
    }
    out.push(Row::new(ed.relazione_code(), Relazione, 4).label(
        ed,
        &["- Relazione in formato libero (massimo 6.000 caratteri)"],
    ));
    out
}

/// The code `R16`..`R39` of a question, as a static string.
fn code_of(d: Domanda) -> &'static str {
    const CODES: [&str; 24] = [
        "R16", "R17", "R18", "R19", "R20", "R21", "R22", "R23", "R24", "R25", "R26", "R27", "R28",
        "R29", "R30", "R31", "R32", "R33", "R34", "R35", "R36", "R37", "R38", "R39",
    ];
    CODES[usize::from(d.number() - 16)]
}

/// Every column-header phrase of `rows` (and the IFEL page's), longest
/// first: a line made of these alone is a header line, never data.
pub(super) fn header_phrases(rows: &[Row], ed: Edizione) -> Vec<Key> {
    let mut keys: Vec<Key> = Vec::new();
    let ifel = H_IFEL.iter().map(|h| Key::new(&expand(h, ed)));
    for key in rows
        .iter()
        .flat_map(|r| r.headers.iter().flatten().cloned())
        .chain(ifel)
    {
        if !keys.contains(&key) && !key_is_number(&key) {
            keys.push(key);
        }
    }
    keys.sort_by_key(|k| std::cmp::Reverse(k.len()));
    keys
}

fn key_is_number(key: &Key) -> bool {
    crate::number::is_number(&key.text())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_edition_lists_its_rows_in_order() {
        let codes = |ed| rows(ed).iter().map(|r| r.code).collect::<Vec<_>>();
        let soc25 = codes(Edizione::SOC25);
        assert_eq!(soc25.len(), 22 + 7 + 3 + 3 + 7 + 24 + 1);
        assert_eq!(&soc25[20..24], ["R0A", "R0B", "R0C", "R0D"]);
        assert_eq!(soc25.last(), Some(&"R40"));
        assert!(!soc25.contains(&"R02X"));
        let soc26 = codes(Edizione::SOC26);
        assert_eq!(&soc26[28..32], ["R02", "R02X", "R02Y", "R02A"]);
        assert_eq!(soc26.last(), Some(&"R16"));
    }

    #[test]
    fn codes_are_recognised_in_every_spelling() {
        for (text, code) in [
            ("ROA - Utenti Multiutenza", Some("R0A")),
            ("R00C - Denominazione ATS", Some("R0C")),
            ("R15 -TOTALE", Some("R15")),
            ("R01B - Numero", Some("R01B")),
            ("R01 - Numero", Some("R01")),
            ("R16 SI", Some("R16")),
            ("R40", Some("R40")),
            ("R08, l'ente locale", None),
            ("R41 - x", None),
            ("M13 - x", None),
            ("(R04>=R05)", None),
        ] {
            assert_eq!(code_prefix(text), code, "{text}");
        }
        let r0c = rows(Edizione::SOC25)
            .into_iter()
            .find(|r| r.code == "R0C")
            .unwrap();
        assert_eq!(r0c.code_len("R00C - Denominazione"), Some(4));
        assert_eq!(r0c.code_len("R0D - Ente"), None);
    }
}
