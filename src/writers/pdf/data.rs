//! The data a template receives, as two virtual files:
//!
//! - `/edizione.json`, the edition's description as the PDF prints it (its
//!   entries for [`Rendering::Pdf`]): the same bytes for every form of an
//!   edition, so that Typst evaluates what a layout builds from it (labels,
//!   headers, the geometry of each row) once, not once per form;
//! - `/data.json`, the form's own data: its Comune, every value already
//!   formatted as the portal prints it, every sentence already chosen, the
//!   answers, all as plain strings.
//!
//! The template reads them with `json(...)` and puts the strings on the page
//! as text, so nothing the user wrote is ever parsed as Typst markup.
//!
//! Numbers follow the portal: decimal comma, no thousands separator; counts,
//! hours, inhabitants and ratios as integers; staff counts, percentages and
//! euro amounts with at least two decimals, never rounded (a stored
//! `33.629149` prints `33,629149`). A column with a `formato` prints its
//! value through it (`1 assistente ogni : 1000`) and its `vuoto` when blank
//! (`NON CALCOLABILE`). A blank field is the empty string.
//!
//! The shape of `/edizione.json`, for template authors:
//! - `edizione` (the code), `anno` (the reporting year, a string), `titolo`
//!   (the title line), `pagine` (the official page count, a number);
//! - `metriche`: the regular face's `spazio` (the advance of a space) and
//!   `maiuscole` (the height of capitals), in thousandths of an em: with the
//!   words' advances below, a layout knows how many lines a label or a
//!   header takes in a given width (lines break at spaces) without
//!   measuring it in Typst;
//! - `quadri`: what the PDF prints, quadro by quadro, as
//!   [`crate::form::json`] describes it, with the advance of each
//!   space-separated word of a row's label (`etichetta_parole`) and of a
//!   column's header (`intestazione_parole`), in thousandths of an em; the
//!   values are the form's `righe`, the chosen sentences its `frasi` (by
//!   the entry's `indice`), the answers its `risposte`, the header block's
//!   values its `ente` (by each field's `campo`).
//!
//! The shape of `/data.json`:
//! - `edizione`, `anno`; `documento`: `title`, `author` (or null),
//!   `keywords`;
//! - `ente`: the values of the header block's lines by their `campo`:
//!   `denominazione` (with ` (PR)` when the province is known), `codice`,
//!   `data` (`dd/mm/yyyy hh:mm`);
//! - `righe`: every row's printed values by its code, one per column (`M12`:
//!   `["0", "84", "840", "72,00"]`; the free text keeps its line breaks as
//!   `\n`);
//! - `frasi`: for each `frasi` entry of the edition, by its `indice`, the
//!   chosen sentences (possibly empty strings);
//! - `risposte`: each question's answer by its code: `SI`, `NO` or empty;
//! - `pagine_contate`: `true` when the footers must count the pages (a form
//!   that runs over its official pages), else page numbers follow the
//!   description's page breaks.

use std::collections::BTreeMap;
use std::collections::BTreeSet;

use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::{Map, Value, json};

use super::world::{has_glyph, metrics, word_advances};
use crate::diagnostic::{Diagnostic, Error, Location, Result, Severity};
use crate::form::json::Extras;
use crate::form::{CampoEnte, Colonna, Edition, Intestazione, Rendering, Riga, Tipo, VoceKind};
use crate::messages::{Message, kind};
use crate::model::{Scheda, Valore};
use crate::number::format_it;
use crate::rules::Sentences;

/// The `/data.json` of one form, and the warnings about its text.
pub(crate) struct FormData {
    /// The JSON bytes.
    pub json: Vec<u8>,
    /// Characters the font cannot print, replaced by `?`.
    pub warnings: Vec<Diagnostic>,
}

/// What the PDF adds to the edition's JSON ([`crate::form::json`]): the
/// advance of each word of a label and of a header, in thousandths of an
/// em, so that the template sizes a row without measuring text.
struct Advances;

impl Extras for Advances {
    fn riga(&self, _: u8, riga: &Riga, out: &mut Map<String, Value>) {
        out.insert(
            "etichetta_parole".into(),
            word_advances(&riga.etichetta).into(),
        );
    }

    fn colonna(&self, _: u8, _: &Riga, c: &Colonna, out: &mut Map<String, Value>) {
        let words = c.intestazione.as_deref().map(word_advances);
        out.insert(
            "intestazione_parole".into(),
            words.unwrap_or_default().into(),
        );
    }
}

/// The `/edizione.json` of an edition: what its PDF prints, whatever the
/// form.
pub(crate) fn edition(edition: &Edition) -> Result<Vec<u8>> {
    let m = metrics();
    let data = json!({
        "edizione": edition.codice,
        "anno": edition.anni.anno.to_string(),
        "titolo": edition.titolo,
        "pagine": edition.pagine,
        "metriche": {"spazio": m.space, "maiuscole": m.cap_height},
        "quadri": crate::form::json::quadri(edition, Rendering::Pdf, &Advances),
    });
    serde_json::to_vec(&data).map_err(data_failed)
}

/// The whole `/data.json` (see the module's documentation).
#[derive(Serialize)]
struct Form<'a> {
    edizione: &'a str,
    anno: String,
    documento: Documento,
    ente: Map<String, Value>,
    righe: BTreeMap<&'a str, Vec<String>>,
    frasi: Vec<Vec<&'a str>>,
    risposte: BTreeMap<&'a str, &'static str>,
    pagine_contate: bool,
}

#[derive(Serialize)]
struct Documento {
    title: String,
    author: Option<String>,
    keywords: Vec<String>,
}

/// Build the `/data.json` of `s` with its chosen sentences, walking its
/// edition's description; `counted` asks for footers that count the pages.
/// A description that names a sentence the rules do not choose is an
/// error.
pub(crate) fn build(s: &Scheda, sentences: &Sentences, counted: bool) -> Result<FormData> {
    let edition = s.edizione.description();
    let mut t = TextCleaner::default();

    let denominazione = t.line("/ente/denominazione", s.ente.denominazione.as_deref());
    let provincia = t.line("/ente/provincia", s.ente.provincia.as_deref());
    let comune = match (denominazione.is_empty(), provincia.is_empty()) {
        (false, false) => format!("{denominazione} ({provincia})"),
        (false, true) => denominazione.clone(),
        (true, false) => format!("({provincia})"),
        (true, true) => String::new(),
    };
    // The fields of the printed block, by their names (the province is
    // printed after the name).
    let mut ente = Map::new();
    for i in Intestazione::stampate() {
        let value = match i.campo {
            CampoEnte::Denominazione => comune.clone(),
            CampoEnte::Provincia => provincia.clone(),
            CampoEnte::Codice => t.line("/ente/codice", s.ente.codice.as_deref()),
            CampoEnte::Data => s.ente.data.map(|d| d.format_it()).unwrap_or_default(),
        };
        ente.insert(i.nome.to_string(), value.into());
    }

    let mut righe = BTreeMap::new();
    let mut frasi = Vec::new();
    let mut risposte = BTreeMap::new();
    for q in &edition.quadri {
        for v in q.voci.iter().filter(|v| v.in_rendering(Rendering::Pdf)) {
            match &v.kind {
                VoceKind::Riga(riga) => {
                    let values = riga
                        .colonne
                        .iter()
                        .map(|c| printed(s, q.numero, riga, c, &mut t))
                        .collect();
                    righe.insert(riga.codice.as_str(), values);
                }
                VoceKind::Frasi(nomi) => {
                    let mut testi = Vec::new();
                    for nome in nomi {
                        testi.extend(crate::writers::sentences::named(
                            sentences, nome, s.edizione, v.line,
                        )?);
                    }
                    frasi.push(testi);
                }
                VoceKind::Domanda { codice, .. } => {
                    let answer = match s.valore(codice, None) {
                        Some(Valore::SiNo(true)) => "SI",
                        Some(Valore::SiNo(false)) => "NO",
                        _ => "",
                    };
                    risposte.insert(codice.as_str(), answer);
                }
                _ => {}
            }
        }
    }

    let meta = metadata(s);
    let form = Form {
        edizione: s.edizione.code(),
        anno: s.anno.to_string(),
        documento: Documento {
            title: meta.title,
            author: meta.author,
            keywords: meta.keywords,
        },
        ente,
        righe,
        frasi,
        risposte,
        pagine_contate: counted,
    };
    let json = serde_json::to_vec(&form).map_err(data_failed)?;
    Ok(FormData {
        json,
        warnings: t.warnings,
    })
}

/// The data of a layout that serde cannot write (a bug).
fn data_failed(e: serde_json::Error) -> Error {
    Error::new(Diagnostic::coded(
        Severity::Error,
        Message::new(kind::PDF_DATA_FAILED, [("error", e.to_string().into())]),
        Some(Message::new(kind::WRITER_INTERNAL_HINT, [])),
    ))
}

/// The value of one column of a row as the form prints it.
fn printed(s: &Scheda, quadro: u8, riga: &Riga, c: &Colonna, t: &mut TextCleaner) -> String {
    let text = match s.valore(&riga.codice, c.campo.as_deref()) {
        None => String::new(),
        Some(Valore::Intero(n)) => format_it(Decimal::from(n), decimals(c.tipo)),
        Some(Valore::Decimale(d)) => format_it(d, decimals(c.tipo)),
        Some(Valore::SiNo(si)) => (if si { "SI" } else { "NO" }).to_string(),
        Some(Valore::Testo(text)) if c.tipo == Tipo::Relazione => {
            t.paragraphs(&format!("/quadro{quadro}/relazione"), Some(&text))
        }
        Some(Valore::Testo(text)) => {
            let pointer = match &c.campo {
                Some(campo) => format!("/quadro{quadro}/{}/{campo}", riga.codice),
                None => format!("/quadro{quadro}/{}", riga.codice),
            };
            t.line(&pointer, Some(&text))
        }
    };
    if text.is_empty() {
        return c.vuoto.clone().unwrap_or_default();
    }
    match &c.formato {
        Some(formato) => formato.replace("{}", &text),
        None => text,
    }
}

/// The least number of decimals the form prints for a kind of column.
fn decimals(tipo: Tipo) -> u32 {
    match tipo {
        Tipo::Utenti | Tipo::Ore | Tipo::Abitanti | Tipo::Rapporto | Tipo::RapportoAts => 0,
        _ => 2,
    }
}

/// The PDF metadata of a form.
pub(crate) struct Metadata {
    /// `CODE - Scheda di monitoraggio ... YEAR (sociale) - Comune di X (PR)`.
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
                Diagnostic::coded(
                    Severity::Warning,
                    Message::new(kind::NO_GLYPH, [("chars", list.join(", ").into())]),
                    Some(Message::new(kind::NO_GLYPH_HINT, [])),
                )
                .at(Location::pointer(pointer)),
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Edizione;

    #[test]
    fn values_print_through_their_column() {
        let mut s = Scheda::empty(Edizione::builtin("SOC25"));
        for (code, value) in [
            ("R01B", Valore::Intero(1000)),
            ("R04", Valore::Decimale(Decimal::new(33_629_149, 6))),
            ("R05", Valore::Decimale(Decimal::from(5))),
        ] {
            s.set_valore(code, None, Some(value)).unwrap();
        }
        let ed = s.edizione.description();
        let mut t = TextCleaner::default();
        let mut print = |code: &str| {
            let riga = ed.riga(code).unwrap();
            printed(&s, 1, riga, &riga.colonne[0], &mut t)
        };
        assert_eq!(print("R01B"), "1 assistente ogni : 1000");
        assert_eq!(print("R0E"), "NON CALCOLABILE");
        assert_eq!(print("R04"), "33,629149");
        assert_eq!(print("R05"), "5,00");
        assert_eq!(print("R03"), "");
    }
}
