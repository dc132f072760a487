//! The data a template receives as `/data.json`: every value already
//! formatted as the portal prints it, every sentence already chosen, all as
//! plain strings. The template reads it with `json("/data.json")` and puts
//! the strings on the page as text, so nothing the user wrote is ever parsed
//! as Typst markup.
//!
//! Numbers follow the portal: decimal comma, no thousands separator; counts,
//! hours, R03, R01B and R0E as integers; staff counts, percentages and euro
//! amounts with at least two decimals, never rounded (a stored `33.629149`
//! prints `33,629149`). A blank field is the empty string.
//!
//! The shape, for template authors (every leaf a string):
//! - `edizione`, `anno`; `documento`: `title`, `author` (or null), `keywords`;
//! - `ente`: `denominazione` (with ` (PR)` when the province is known),
//!   `codice`, `data` (`dd/mm/yyyy hh:mm`);
//! - `quadro1`: `righe` (`M12`: `[utenti 2019, utenti, ore, media ore]`, the
//!   rows without hours and `R0B` two values), `R0C`, `R0D`, `R0E`, `R01` and
//!   `R02` (`[2020, Y]`), `R01A`, `R01B`, `R02X`, `R02Y`, `R02A`, `R03`, `R04`,
//!   `R05`;
//! - `quadro2`: `R06`, `R07` (`[2017, 2021]`), `R08`;
//! - `quadro3`: `R09`, `R10` and `R11` (`[numero, modalità, spesa]`), `R12`
//!   (`[descrizione, spesa]`), `R13`, `R14`, `R15`;
//! - `quadro4`: `risposte` (`R16`: `SI` or `NO`, answered questions only),
//!   `relazione` (line breaks kept as `\n`);
//! - `frasi`: `assistenti`, `lep`, `servizi`, `servizi_seguito`, and the
//!   paragraphs `quadro2` and `quadro3` (arrays).

use std::collections::BTreeSet;

use rust_decimal::Decimal;
use serde_json::{Map, Value, json};

use super::world::has_glyph;
use crate::diagnostic::{Diagnostic, Location};
use crate::model::{RIGA_TOTALE, RIGHE_UTENTI, Scheda, TipoRiga};
use crate::number::format_it;
use crate::rules::Sentences;

/// The `/data.json` of one form, and the warnings about its text.
pub(crate) struct FormData {
    /// The JSON bytes.
    pub json: Vec<u8>,
    /// Characters the font cannot print, replaced by `?`.
    pub warnings: Vec<Diagnostic>,
}

/// Build the template data of `s` with its chosen sentences.
pub(crate) fn build(s: &Scheda, sentences: &Sentences) -> FormData {
    let mut t = TextCleaner::default();
    let q1 = &s.quadro1;
    let q2 = &s.quadro2;
    let q3 = &s.quadro3;

    let mut righe = Map::new();
    for def in RIGHE_UTENTI.iter().chain([&RIGA_TOTALE]) {
        let Some(u) = q1.utenti(def.code) else {
            continue;
        };
        let mut values = vec![int(u.utenti_2019), int(u.utenti)];
        if def.kind == TipoRiga::ConOre {
            values.push(int(u.ore));
            values.push(dec(u.media_ore));
        }
        righe.insert(def.code.to_string(), json!(values));
    }

    let denominazione = t.line("/ente/denominazione", s.ente.denominazione.as_deref());
    let provincia = t.line("/ente/provincia", s.ente.provincia.as_deref());
    let comune = match (denominazione.is_empty(), provincia.is_empty()) {
        (false, false) => format!("{denominazione} ({provincia})"),
        (false, true) => denominazione.clone(),
        (true, false) => format!("({provincia})"),
        (true, true) => String::new(),
    };
    let data = s.ente.data.map(|d| d.format_it()).unwrap_or_default();

    let mut risposte = Map::new();
    for (domanda, si) in &s.quadro4.risposte {
        risposte.insert(domanda.to_string(), json!(if *si { "SI" } else { "NO" }));
    }

    let value = json!({
        "edizione": s.edizione.code(),
        "anno": s.anno.to_string(),
        "documento": document(s),
        "ente": {
            "denominazione": comune,
            "codice": t.line("/ente/codice", s.ente.codice.as_deref()),
            "data": data,
        },
        "quadro1": {
            "righe": righe,
            "R0C": t.line("/quadro1/R0C", q1.R0C.as_deref()),
            "R0D": t.line("/quadro1/R0D", q1.R0D.as_deref()),
            "R0E": int(q1.R0E),
            "R01": [dec(q1.R01.anno_2020), dec(q1.R01.anno)],
            "R01A": dec(q1.R01A),
            "R01B": int(q1.R01B),
            "R02": [dec(q1.R02.anno_2020), dec(q1.R02.anno)],
            "R02X": dec(q1.R02X),
            "R02Y": dec(q1.R02Y),
            "R02A": dec(q1.R02A),
            "R03": int(q1.R03),
            "R04": dec(q1.R04),
            "R05": dec(q1.R05),
        },
        "quadro2": {
            "R06": dec(q2.R06),
            "R07": [dec(q2.R07.anno_2017), dec(q2.R07.anno_2021)],
            "R08": dec(q2.R08),
        },
        "quadro3": {
            "R09": dec(q3.R09),
            "R10": [dec(q3.R10.numero), t.line("/quadro3/R10/modalita", q3.R10.modalita.as_deref()), dec(q3.R10.spesa)],
            "R11": [dec(q3.R11.numero), t.line("/quadro3/R11/modalita", q3.R11.modalita.as_deref()), dec(q3.R11.spesa)],
            "R12": [t.line("/quadro3/R12/descrizione", q3.R12.descrizione.as_deref()), dec(q3.R12.spesa)],
            "R13": dec(q3.R13),
            "R14": dec(q3.R14),
            "R15": dec(q3.R15),
        },
        "quadro4": {
            "risposte": risposte,
            "relazione": t.paragraphs("/quadro4/relazione", s.quadro4.relazione.as_deref()),
        },
        "frasi": {
            "assistenti": sentences.assistenti.clone().unwrap_or_default(),
            "lep": sentences.lep.clone(),
            "servizi": sentences.servizi.clone().unwrap_or_default(),
            "servizi_seguito": sentences.servizi_seguito.clone(),
            "quadro2": sentences.quadro2.clone(),
            "quadro3": sentences.quadro3.clone(),
        },
    });
    FormData {
        json: serde_json::to_vec(&value).expect("a JSON value always serialises"),
        warnings: t.warnings,
    }
}

/// The PDF metadata of a form.
pub(crate) struct Metadata {
    /// `SOC25 - Scheda di monitoraggio ... 2024 (sociale) - Comune di X (PR)`.
    pub title: String,
    /// `Comune di X (PR)`, when the Comune is known.
    pub author: Option<String>,
    /// Edition, subject, year and the Comune's name.
    pub keywords: Vec<String>,
}

/// The PDF metadata: title with edition and Comune, author the Comune.
pub(crate) fn metadata(s: &Scheda) -> Metadata {
    let one_line = |t: Option<&str>| {
        t.map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|t| !t.is_empty())
    };
    let comune = match (
        one_line(s.ente.denominazione.as_deref()),
        one_line(s.ente.provincia.as_deref()),
    ) {
        (Some(name), Some(prov)) => Some(format!("{name} ({prov})")),
        (name, _) => name,
    };
    let mut title = format!(
        "{} - Scheda di monitoraggio degli obiettivi di servizio {} (sociale)",
        s.edizione.code(),
        s.anno
    );
    let mut keywords = vec![
        s.edizione.code().to_string(),
        "scheda di monitoraggio".to_string(),
        "obiettivi di servizio".to_string(),
        "sociale".to_string(),
        s.anno.to_string(),
    ];
    if let Some(name) = one_line(s.ente.denominazione.as_deref()) {
        keywords.push(name);
    }
    if let Some(comune) = &comune {
        title.push_str(" - Comune di ");
        title.push_str(comune);
    }
    Metadata {
        title,
        author: comune.map(|c| format!("Comune di {c}")),
        keywords,
    }
}

fn document(s: &Scheda) -> Value {
    let m = metadata(s);
    json!({ "title": m.title, "author": m.author, "keywords": m.keywords })
}

/// An integer as the portal prints it; blank when absent.
fn int(v: Option<u64>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// A decimal with at least two decimals, never rounded; blank when absent.
fn dec(v: Option<Decimal>) -> String {
    v.map(|v| format_it(v, 2)).unwrap_or_default()
}

/// Makes user text printable: control characters become spaces, characters
/// the font lacks become `?` (with one warning per field), so that the PDF
/// never shows a missing glyph (which PDF/A forbids).
#[derive(Default)]
struct TextCleaner {
    warnings: Vec<Diagnostic>,
}

impl TextCleaner {
    /// A one-line field: line breaks become spaces.
    fn line(&mut self, pointer: &str, text: Option<&str>) -> String {
        let text = text.unwrap_or_default();
        let joined: String = text
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        self.printable(pointer, joined.trim())
    }

    /// The free text: line breaks are kept (`\n`), other control characters
    /// become spaces.
    fn paragraphs(&mut self, pointer: &str, text: Option<&str>) -> String {
        let text = text.unwrap_or_default().replace("\r\n", "\n");
        let kept: String = text
            .chars()
            .map(|c| match c {
                '\n' => '\n',
                '\r' | '\u{2028}' | '\u{2029}' => '\n',
                c if c.is_control() => ' ',
                c => c,
            })
            .collect();
        self.printable(pointer, kept.trim())
    }

    fn printable(&mut self, pointer: &str, text: &str) -> String {
        let mut missing = BTreeSet::new();
        let out: String = text
            .chars()
            .map(|c| {
                if c == '\n' || c == ' ' || has_glyph(c) {
                    c
                } else {
                    missing.insert(c);
                    '?'
                }
            })
            .collect();
        if !missing.is_empty() {
            let list: Vec<String> = missing
                .iter()
                .map(|c| format!("U+{:04X} `{c}`", *c as u32))
                .collect();
            self.warnings.push(
                Diagnostic::warning(format!(
                    "the PDF font has no glyph for {}; printed as `?`",
                    list.join(", ")
                ))
                .at(Location::pointer(pointer))
                .with_hint("the form's font is Liberation Sans (Latin, Greek and Cyrillic)"),
            );
        }
        out
    }
}
