//! The data a template receives as `/data.json`: the edition's description
//! as the PDF prints it (its entries for [`Rendering::Pdf`]), with every
//! value already formatted as the portal prints it and every sentence already
//! chosen, all as plain strings. The template reads it with
//! `json("/data.json")` and puts the strings on the page as text, so nothing
//! the user wrote is ever parsed as Typst markup.
//!
//! Numbers follow the portal: decimal comma, no thousands separator; counts,
//! hours, inhabitants and ratios as integers; staff counts, percentages and
//! euro amounts with at least two decimals, never rounded (a stored
//! `33.629149` prints `33,629149`). A column with a `formato` prints its
//! value through it (`1 assistente ogni : 1000`) and its `vuoto` when blank
//! (`NON CALCOLABILE`). A blank field is the empty string.
//!
//! The shape, for template authors:
//! - `edizione`, `anno`, `titolo` (the title line), `pagine` (the official
//!   page count, a number); `documento`: `title`, `author` (or null),
//!   `keywords`;
//! - `ente`: `denominazione` (with ` (PR)` when the province is known),
//!   `codice`, `data` (`dd/mm/yyyy hh:mm`);
//! - `quadri`: one object per quadro, in order: `numero` (a number), `fascia`
//!   (the lines of the side band) and `voci`, what it prints in order, each
//!   with its kind in `voce`:
//!   - `intestazione`: the header block, with `ente` (as above);
//!   - `nota` (`testo`, `grassetto`), `gruppo`, `barra`, `didascalia`
//!     (`testo`);
//!   - `riga`: `codice`, `etichetta` (the label as printed) and `colonne`,
//!     each with `tipo` (`utenti`, `euro`, `testo`, `relazione`, ...),
//!     `intestazione` (the header, or null), `larghezza` (in column units, a
//!     number) and `valore` (as printed; the free text keeps its line breaks
//!     as `\n`);
//!   - `frasi`: `nomi` (the catalogue names) and `testi` (the chosen
//!     sentences, possibly empty strings);
//!   - `domanda`: `codice`, `etichetta`, `risposta` (`SI`, `NO` or empty);
//!   - `pagina`: a page break;
//! - `righe`: every row's printed values by its code (`M12`: `["0", "84",
//!   "840", "72,00"]`), for layouts that place a row of their own.

use std::collections::BTreeSet;

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;

use super::world::has_glyph;
use crate::diagnostic::{Diagnostic, Error, Location, Result};
use crate::form::{Colonna, Rendering, Riga, Tipo, Voce, VoceKind};
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

/// The whole `/data.json` (see the module's documentation).
#[derive(Serialize)]
struct Form<'a, 'b> {
    edizione: &'a str,
    anno: String,
    titolo: &'a str,
    pagine: u32,
    documento: Documento,
    ente: &'a Ente,
    quadri: &'b [Quadro<'a>],
    righe: BTreeMap<&'b str, Vec<&'b str>>,
}

#[derive(Serialize)]
struct Documento {
    title: String,
    author: Option<String>,
    keywords: Vec<String>,
}

#[derive(Serialize)]
struct Ente {
    denominazione: String,
    codice: String,
    data: String,
}

#[derive(Serialize)]
struct Quadro<'a> {
    numero: u8,
    fascia: &'a [String],
    voci: Vec<Entry<'a>>,
}

/// One entry of a quadro, tagged with its kind (`"voce": "riga"`).
#[derive(Serialize)]
#[serde(tag = "voce", rename_all = "lowercase")]
enum Entry<'a> {
    Intestazione {
        ente: &'a Ente,
    },
    Nota {
        testo: &'a str,
        grassetto: bool,
    },
    Gruppo {
        testo: &'a str,
    },
    Barra {
        testo: &'a str,
    },
    Didascalia {
        testo: &'a str,
    },
    Pagina,
    Riga {
        codice: &'a str,
        etichetta: &'a str,
        colonne: Vec<Column<'a>>,
    },
    Frasi {
        nomi: &'a [String],
        testi: Vec<&'a str>,
    },
    Domanda {
        codice: &'a str,
        etichetta: &'a str,
        risposta: &'static str,
    },
}

#[derive(Serialize)]
struct Column<'a> {
    tipo: &'static str,
    intestazione: Option<&'a str>,
    larghezza: u8,
    valore: String,
}

/// Build the template data of `s` with its chosen sentences, walking its
/// edition's description. A description that names a sentence the rules do
/// not choose is an error.
pub(crate) fn build(s: &Scheda, sentences: &Sentences) -> Result<FormData> {
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
    let ente = Ente {
        denominazione: comune,
        codice: t.line("/ente/codice", s.ente.codice.as_deref()),
        data: s.ente.data.map(|d| d.format_it()).unwrap_or_default(),
    };

    let mut quadri = Vec::new();
    for q in &edition.quadri {
        let mut voci = Vec::new();
        for v in q.voci.iter().filter(|v| v.in_rendering(Rendering::Pdf)) {
            voci.push(entry(s, q.numero, v, sentences, &ente, &mut t)?);
        }
        quadri.push(Quadro {
            numero: q.numero,
            fascia: &q.fascia,
            voci,
        });
    }
    let mut righe = BTreeMap::new();
    for voce in quadri.iter().flat_map(|q| &q.voci) {
        if let Entry::Riga {
            codice, colonne, ..
        } = voce
        {
            righe.insert(*codice, colonne.iter().map(|c| c.valore.as_str()).collect());
        }
    }

    let meta = metadata(s);
    let form = Form {
        edizione: s.edizione.code(),
        anno: s.anno.to_string(),
        titolo: &edition.titolo,
        pagine: edition.pagine,
        documento: Documento {
            title: meta.title,
            author: meta.author,
            keywords: meta.keywords,
        },
        ente: &ente,
        quadri: &quadri,
        righe,
    };
    let json = serde_json::to_vec(&form)
        .map_err(|e| Error::msg(format!("failed to write the template data ({e})")))?;
    Ok(FormData {
        json,
        warnings: t.warnings,
    })
}

/// One entry of quadro `quadro` as the template receives it.
fn entry<'a>(
    s: &Scheda,
    quadro: u8,
    v: &'a Voce,
    sentences: &'a Sentences,
    ente: &'a Ente,
    t: &mut TextCleaner,
) -> Result<Entry<'a>> {
    Ok(match &v.kind {
        VoceKind::Intestazione => Entry::Intestazione { ente },
        VoceKind::Nota {
            testo, grassetto, ..
        } => Entry::Nota {
            testo,
            grassetto: *grassetto,
        },
        VoceKind::Gruppo(testo) => Entry::Gruppo { testo },
        VoceKind::Barra(testo) => Entry::Barra { testo },
        VoceKind::Didascalia(testo) => Entry::Didascalia { testo },
        VoceKind::Pagina => Entry::Pagina,
        VoceKind::Riga(riga) => Entry::Riga {
            codice: &riga.codice,
            etichetta: &riga.etichetta,
            colonne: riga
                .colonne
                .iter()
                .map(|c| Column {
                    tipo: c.tipo.name(),
                    intestazione: c.intestazione.as_deref(),
                    larghezza: c.larghezza,
                    valore: printed(s, quadro, riga, c, t),
                })
                .collect(),
        },
        VoceKind::Frasi(nomi) => {
            let mut testi = Vec::new();
            for nome in nomi {
                let chosen = chosen(sentences, nome)
                    .ok_or_else(|| unknown_sentence(s.edizione.code(), nome, v))?;
                testi.extend(chosen);
            }
            Entry::Frasi { nomi, testi }
        }
        VoceKind::Domanda { codice, etichetta } => Entry::Domanda {
            codice,
            etichetta,
            risposta: match s.valore(codice, None) {
                Some(Valore::SiNo(true)) => "SI",
                Some(Valore::SiNo(false)) => "NO",
                _ => "",
            },
        },
    })
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

/// The sentences the catalogue name `nome` stands for in a description's
/// `frasi` entry (possibly none), or `None` for a name the rules never
/// choose.
fn chosen<'a>(sentences: &'a Sentences, nome: &str) -> Option<Vec<&'a str>> {
    Some(match nome {
        "assistenti" => sentences.assistenti.as_deref().into_iter().collect(),
        "lep" => vec![sentences.lep.as_str()],
        "servizi" => sentences.servizi.as_deref().into_iter().collect(),
        "servizi_seguito" => vec![sentences.servizi_seguito.as_str()],
        "quadro2" => sentences.quadro2.iter().map(String::as_str).collect(),
        "quadro3" => sentences.quadro3.iter().map(String::as_str).collect(),
        _ => return None,
    })
}

fn unknown_sentence(codice: &str, nome: &str, v: &Voce) -> Error {
    Error::new(
        Diagnostic::error(format!(
            "the description of {codice} prints the sentences `{nome}`, which the rules never choose"
        ))
        .at(Location::file_line(format!("editions/{codice}.toml"), v.line))
        .with_hint(
            "the sentences are assistenti, lep, servizi, servizi_seguito, quadro2 and quadro3",
        ),
    )
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Edizione;

    #[test]
    fn every_sentence_name_of_the_built_in_editions_is_printed() {
        let sentences = Sentences::default();
        for ed in Edizione::ALL {
            for v in ed.description().quadri.iter().flat_map(|q| &q.voci) {
                if let VoceKind::Frasi(nomi) = &v.kind {
                    for nome in nomi {
                        assert!(chosen(&sentences, nome).is_some(), "{ed}: {nome}");
                    }
                }
            }
        }
        assert!(chosen(&sentences, "nonesuch").is_none());
    }

    #[test]
    fn values_print_through_their_column() {
        let mut s = Scheda::empty(Edizione::ALL[0]);
        s.quadro1.R01B = Some(1000);
        s.quadro1.R04 = Some(Decimal::new(33_629_149, 6));
        s.quadro1.R05 = Some(Decimal::from(5));
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
