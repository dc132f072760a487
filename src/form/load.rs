//! Reading an edition description (TOML) into an [`Edition`]: the file's
//! shape through serde, then the checks serde cannot make (one kind per
//! entry, known column sets and kinds, unique row codes, labels present,
//! known placeholders), every error naming the file and the line.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use super::expr::{self, RawCalcolo, RawEsito};
use super::riporto::{self, RawRiporto};
use super::{
    Anni, Colonna, Disposizione, Edition, Field, Quadro, Regole, Rendering, Riepilogo, Riga, Tipo,
    Voce, VoceKind,
};
use crate::diagnostic::{Diagnostic, Error, Location, Result, Severity};
use crate::messages::{Kind, Message, kind};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEdition {
    codice: Spanned<String>,
    titolo: Spanned<String>,
    pagine: u32,
    layout_testo: Spanned<String>,
    anni: RawAnni,
    regole: RawRegole,
    #[serde(default)]
    spellings: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    colonne: BTreeMap<String, Spanned<Vec<RawColonna>>>,
    quadro: Vec<RawQuadro>,
    #[serde(default)]
    calcolo: Vec<RawCalcolo>,
    #[serde(default)]
    esito: Vec<RawEsito>,
    #[serde(default)]
    riepilogo: RawRiepilogo,
    riporto: Option<RawRiporto>,
}

/// The `[riepilogo]` table: the batch report's columns.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawRiepilogo {
    #[serde(default)]
    colonne: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAnni {
    anno: i32,
    utenti_base: i32,
    personale_base: i32,
    popolazione: i32,
    stima_ats: i32,
    fabbisogno: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRegole {
    domande: bool,
    relazione: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuadro {
    numero: u8,
    fascia: Spanned<Vec<String>>,
    titolo: Option<String>,
    voce: Vec<Spanned<RawVoce>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVoce {
    intestazione: Option<bool>,
    nota: Option<String>,
    grassetto: Option<bool>,
    sezione: Option<u8>,
    gruppo: Option<String>,
    barra: Option<String>,
    riga: Option<String>,
    etichetta: Option<String>,
    #[serde(default)]
    varianti: Vec<String>,
    colonne: Option<Spanned<toml::Value>>,
    derivata: Option<bool>,
    facoltativa: Option<bool>,
    frasi: Option<Vec<String>>,
    domanda: Option<String>,
    didascalia: Option<String>,
    pagina: Option<bool>,
    solo: Option<Vec<String>>,
    portale: Option<String>,
    spazio: Option<bool>,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
struct RawColonna {
    campo: Option<String>,
    tipo: String,
    intestazione: Option<String>,
    #[serde(default)]
    varianti: Vec<String>,
    #[serde(default)]
    derivata: bool,
    larghezza: Option<u8>,
    formato: Option<String>,
    vuoto: Option<String>,
}

/// The keys that say what an entry is: exactly one per entry.
const KINDS: [&str; 9] = [
    "intestazione",
    "nota",
    "gruppo",
    "barra",
    "riga",
    "frasi",
    "domanda",
    "didascalia",
    "pagina",
];

/// Builds the errors of one file.
struct Checker<'a> {
    file: &'a str,
    text: &'a str,
    errors: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn line(&self, span: &Range<usize>) -> usize {
        let end = span.start.min(self.text.len());
        self.text[..end].matches('\n').count() + 1
    }

    fn error(&mut self, span: &Range<usize>, message: Message, hint: Option<Message>) {
        let at = Location::file_line(self.file, self.line(span));
        self.errors
            .push(Diagnostic::coded(Severity::Error, message, hint).at(at));
    }
}

/// Read the description `text` of the file `file` (named in errors).
pub fn load(file: &str, text: &str) -> Result<Edition> {
    let raw: RawEdition = toml::from_str(text).map_err(|e| {
        let line = e.span().map_or(1, |s| {
            text[..s.start.min(text.len())].matches('\n').count() + 1
        });
        Error::new(
            Diagnostic::coded(
                Severity::Error,
                Message::new(
                    kind::DESCRIPTION_INVALID,
                    [("detail", e.message().trim_end().into())],
                ),
                Some(Message::new(kind::DESCRIPTION_INVALID_HINT, [])),
            )
            .at(Location::file_line(file, line)),
        )
    })?;
    let mut c = Checker {
        file,
        text,
        errors: Vec::new(),
    };
    let edition = convert(raw, &mut c);
    if c.errors.is_empty() {
        Ok(edition)
    } else {
        Err(Error {
            diagnostics: c.errors,
        })
    }
}

/// The checked [`Edition`] of a parsed description, its errors added to `c`.
fn convert(raw: RawEdition, c: &mut Checker) -> Edition {
    let codice = edition_code(c, &raw.codice);
    let anni = Anni {
        anno: raw.anni.anno,
        utenti_base: raw.anni.utenti_base,
        personale_base: raw.anni.personale_base,
        popolazione: raw.anni.popolazione,
        stima_ats: raw.anni.stima_ats,
        fabbisogno: raw.anni.fabbisogno,
    };
    let places = Placeholders {
        codice: &codice,
        anni: &anni,
    };
    let titolo = places.fill(c, &raw.titolo.span(), raw.titolo.get_ref());
    let layout_testo = text_layout(c, &raw.layout_testo);
    let sets = column_sets(c, raw.colonne);
    let mut quadri = Vec::new();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for q in raw.quadro {
        quadri.push(quadro(c, q, &places, &sets, &mut seen));
    }
    let relazione = raw.regole.relazione.get_ref().clone();
    if !seen.contains_key(&relazione) {
        c.error(
            &raw.regole.relazione.span(),
            Message::new(
                kind::RELAZIONE_NOT_A_ROW,
                [("row", relazione.as_str().into())],
            ),
            None,
        );
    }
    let (calcoli, esiti, riepilogo) = derived(
        c,
        &places,
        &quadri,
        raw.calcolo,
        raw.esito,
        &raw.riepilogo.colonne,
    );
    // What the edition takes from the one before, checked against its rows.
    let riporto = raw.riporto.map(|r| {
        riporto::build(r, &quadri, &mut |span, message, hint| {
            c.error(span, message, hint)
        })
    });
    Edition {
        codice: codice.clone(),
        titolo,
        pagine: raw.pagine,
        layout_testo,
        anni,
        regole: Regole {
            domande: raw.regole.domande,
            relazione,
        },
        spellings: raw.spellings.into_iter().collect(),
        quadri,
        calcoli,
        esiti,
        riepilogo,
        riporto,
    }
}

/// The edition's code, trimmed; an error when it is empty or not letters and digits.
fn edition_code(c: &mut Checker, raw: &Spanned<String>) -> String {
    let codice = raw.get_ref().trim().to_string();
    if codice.is_empty() || !codice.chars().all(|ch| ch.is_ascii_alphanumeric()) {
        c.error(
            &raw.span(),
            Message::new(
                kind::EDITION_CODE_INVALID,
                [("code", codice.as_str().into())],
            ),
            Some(Message::new(kind::EDITION_CODE_HINT, [])),
        );
    }
    codice
}

/// The text layout named by `layout_testo`; an error (and the portal's) when
/// it names no text layout.
fn text_layout(c: &mut Checker, raw: &Spanned<String>) -> Rendering {
    match rendering(raw.get_ref()) {
        Some(r) if r != Rendering::Pdf => r,
        _ => {
            c.error(
                &raw.span(),
                named(kind::UNKNOWN_TEXT_LAYOUT, raw.get_ref()),
                None,
            );
            Rendering::Portale
        }
    }
}

/// The column sets, each checked once, where it is defined: an error for
/// each column of an unknown kind.
fn column_sets(
    c: &mut Checker,
    raw: BTreeMap<String, Spanned<Vec<RawColonna>>>,
) -> BTreeMap<String, Vec<RawColonna>> {
    let mut sets: BTreeMap<String, Vec<RawColonna>> = BTreeMap::new();
    for (name, set) in raw {
        let span = set.span();
        for col in set.get_ref() {
            if tipo(&col.tipo).is_none() {
                c.error(
                    &span,
                    Message::new(
                        kind::UNKNOWN_COLUMN_KIND_IN_SET,
                        [
                            ("kind", col.tipo.as_str().into()),
                            ("set", name.as_str().into()),
                        ],
                    ),
                    Some(kinds_hint()),
                );
            }
        }
        sets.insert(name, set.into_inner());
    }
    sets
}

/// One section of the form with its entries; `seen` holds the row codes met
/// so far with their lines, to find a code used twice.
fn quadro(
    c: &mut Checker,
    q: RawQuadro,
    places: &Placeholders,
    sets: &BTreeMap<String, Vec<RawColonna>>,
    seen: &mut BTreeMap<String, usize>,
) -> Quadro {
    let mut voci = Vec::new();
    for entry in q.voce {
        if let Some(v) = voce(c, entry, places, sets, seen) {
            voci.push(v);
        }
    }
    Quadro {
        numero: q.numero,
        fascia: q
            .fascia
            .get_ref()
            .iter()
            .map(|f| places.fill(c, &q.fascia.span(), f))
            .collect(),
        titolo: q.titolo.map(|t| places.fill(c, &q.fascia.span(), &t)),
        voci,
    }
}

/// One entry of a section, or none when it cannot be read; an error for an
/// unknown arrangement or rendering and for a row code used twice.
fn voce(
    c: &mut Checker,
    entry: Spanned<RawVoce>,
    places: &Placeholders,
    sets: &BTreeMap<String, Vec<RawColonna>>,
    seen: &mut BTreeMap<String, usize>,
) -> Option<Voce> {
    let span = entry.span();
    let line = c.line(&span);
    let mut v = entry.into_inner();
    let solo = v.solo.take();
    let portale = v.portale.take().and_then(|name| {
        let found = Disposizione::ALL.iter().find(|(_, n)| *n == name);
        if found.is_none() {
            c.error(&span, named(kind::UNKNOWN_PORTAL_ARRANGEMENT, &name), None);
        }
        found.map(|(d, _)| *d)
    });
    let spazio = v.spazio.take().unwrap_or(false);
    let kind = voce_kind(c, &span, places, sets, v)?;
    let code = match &kind {
        VoceKind::Riga(r) => Some(r.codice.clone()),
        VoceKind::Domanda { codice, .. } => Some(codice.clone()),
        _ => None,
    };
    if let Some(code) = code {
        if let Some(first) = seen.get(&code) {
            c.error(
                &span,
                Message::new(
                    kind::DUPLICATE_ROW_CODE,
                    [("row", code.as_str().into()), ("line", (*first).into())],
                ),
                Some(Message::new(kind::DUPLICATE_ROW_CODE_HINT, [])),
            );
        } else {
            seen.insert(code, line);
        }
    }
    let solo = solo.map(|names| {
        names
            .iter()
            .filter_map(|n| {
                let r = rendering(n);
                if r.is_none() {
                    c.error(&span, named(kind::UNKNOWN_RENDERING, n), None);
                }
                r
            })
            .collect()
    });
    Some(Voce {
        kind,
        solo,
        portale,
        line,
        spazio,
    })
}

/// The formulas of the derived values, the outcomes and the report's
/// columns, each checked against the rows only once everything before it is
/// right (against wrong rows they would only repeat their errors).
fn derived(
    c: &mut Checker,
    places: &Placeholders,
    quadri: &[Quadro],
    calcolo: Vec<RawCalcolo>,
    esito: Vec<RawEsito>,
    colonne: &[Spanned<String>],
) -> (Vec<expr::Calcolo>, Vec<expr::Esito>, Vec<Riepilogo>) {
    let calcoli = if c.errors.is_empty() {
        let (file, text) = (c.file, c.text);
        let (calcoli, errors) = expr::build(calcolo, quadri, file, text, &mut |span, t| {
            places.fill(c, span, t)
        });
        c.errors.extend(errors);
        calcoli
    } else {
        Vec::new()
    };
    let esiti = if c.errors.is_empty() {
        let (file, text) = (c.file, c.text);
        let (esiti, errors) = expr::build_esiti(esito, quadri, file, text, &mut |span, t| {
            places.fill(c, span, t)
        });
        c.errors.extend(errors);
        esiti
    } else {
        Vec::new()
    };
    let riepilogo = if c.errors.is_empty() {
        riepilogo(c, colonne, quadri, &esiti)
    } else {
        Vec::new()
    };
    (calcoli, esiti, riepilogo)
}

/// The `[riepilogo]` columns of a description: each name a field of its rows (`R04`,
/// `R01.anno`) or one of its outcomes (`caso`).
fn riepilogo(
    c: &mut Checker,
    raw: &[Spanned<String>],
    quadri: &[Quadro],
    esiti: &[expr::Esito],
) -> Vec<Riepilogo> {
    let mut out = Vec::new();
    for entry in raw {
        let name = entry.get_ref().trim();
        if esiti.iter().any(|e| e.nome == name) {
            out.push(Riepilogo::Esito(name.to_string()));
            continue;
        }
        let (codice, campo) = match name.split_once('.') {
            Some((codice, campo)) => (codice, Some(campo)),
            None => (name, None),
        };
        let is_field = quadri
            .iter()
            .flat_map(|q| &q.voci)
            .filter_map(|v| match &v.kind {
                VoceKind::Riga(r) if r.codice == codice => Some(r),
                _ => None,
            })
            .any(|r| r.colonne.iter().any(|col| col.campo.as_deref() == campo));
        if is_field {
            out.push(Riepilogo::Valore(Field::new(codice, campo)));
        } else {
            c.error(
                &entry.span(),
                Message::new(kind::RIEPILOGO_UNKNOWN, [("name", name.into())]),
                None,
            );
        }
    }
    out
}

impl RawVoce {
    fn kinds_present(&self) -> Vec<&'static str> {
        let present = [
            self.intestazione.is_some(),
            self.nota.is_some(),
            self.gruppo.is_some(),
            self.barra.is_some(),
            self.riga.is_some(),
            self.frasi.is_some(),
            self.domanda.is_some(),
            self.didascalia.is_some(),
            self.pagina.is_some(),
        ];
        KINDS
            .iter()
            .zip(present)
            .filter(|(_, p)| *p)
            .map(|(k, _)| *k)
            .collect()
    }
}

fn voce_kind(
    c: &mut Checker,
    span: &Range<usize>,
    places: &Placeholders,
    sets: &BTreeMap<String, Vec<RawColonna>>,
    v: RawVoce,
) -> Option<VoceKind> {
    let present = v.kinds_present();
    if present.len() != 1 {
        c.error(
            span,
            if present.is_empty() {
                Message::new(kind::ENTRY_EMPTY, [])
            } else {
                Message::new(
                    kind::ENTRY_SEVERAL_KINDS,
                    [("kinds", present.join(", ").into())],
                )
            },
            Some(Message::new(kind::ENTRY_KIND_HINT, [])),
        );
        return None;
    }
    let fill = |c: &mut Checker, t: &str| places.fill(c, span, t);
    Some(if let Some(testo) = v.nota {
        VoceKind::Nota {
            testo: fill(c, &testo),
            grassetto: v.grassetto.unwrap_or(false),
            sezione: v.sezione,
        }
    } else if let Some(g) = v.gruppo {
        VoceKind::Gruppo(fill(c, &g))
    } else if let Some(b) = v.barra {
        VoceKind::Barra(fill(c, &b))
    } else if let Some(f) = v.frasi {
        VoceKind::Frasi(f)
    } else if let Some(d) = v.didascalia {
        VoceKind::Didascalia(fill(c, &d))
    } else if v.pagina.is_some() {
        VoceKind::Pagina
    } else if v.intestazione.is_some() {
        VoceKind::Intestazione
    } else if let Some(codice) = v.domanda {
        let etichetta = label(c, span, &codice, v.etichetta.as_deref())?;
        VoceKind::Domanda {
            codice,
            etichetta: fill(c, &etichetta),
        }
    } else {
        let codice = v.riga.unwrap_or_default();
        let etichetta = label(c, span, &codice, v.etichetta.as_deref())?;
        let colonne = columns(c, span, places, sets, &codice, v.colonne)?;
        VoceKind::Riga(Riga {
            etichetta: fill(c, &etichetta),
            varianti: v.varianti.iter().map(|t| fill(c, t)).collect(),
            colonne,
            derivata: v.derivata.unwrap_or(false),
            facoltativa: v.facoltativa.unwrap_or(false),
            codice,
        })
    })
}

fn label(
    c: &mut Checker,
    span: &Range<usize>,
    code: &str,
    etichetta: Option<&str>,
) -> Option<String> {
    match etichetta.map(str::trim) {
        Some(l) if !l.is_empty() => Some(l.to_string()),
        _ => {
            c.error(
                span,
                Message::new(kind::ROW_NO_LABEL, [("row", code.into())]),
                Some(Message::new(kind::ROW_NO_LABEL_HINT, [])),
            );
            None
        }
    }
}

fn columns(
    c: &mut Checker,
    span: &Range<usize>,
    places: &Placeholders,
    sets: &BTreeMap<String, Vec<RawColonna>>,
    code: &str,
    colonne: Option<Spanned<toml::Value>>,
) -> Option<Vec<Colonna>> {
    let Some(colonne) = colonne else {
        c.error(
            span,
            Message::new(kind::ROW_NO_COLUMNS, [("row", code.into())]),
            Some(Message::new(kind::ROW_NO_COLUMNS_HINT, [])),
        );
        return None;
    };
    let at = colonne.span();
    let (raw, from_set): (Vec<RawColonna>, bool) = match colonne.into_inner() {
        toml::Value::String(name) => match sets.get(&name) {
            Some(set) => (set.clone(), true),
            None => {
                let known: Vec<&str> = sets.keys().map(String::as_str).collect();
                c.error(
                    &at,
                    Message::new(
                        kind::UNKNOWN_COLUMN_SET,
                        [("row", code.into()), ("set", name.as_str().into())],
                    ),
                    Some(Message::new(
                        kind::COLUMN_SETS_HINT,
                        [("sets", known.join(", ").into())],
                    )),
                );
                return None;
            }
        },
        list => match list.try_into::<Vec<RawColonna>>() {
            Ok(list) => (list, false),
            Err(e) => {
                c.error(
                    &at,
                    Message::new(
                        kind::INVALID_COLUMNS,
                        [
                            ("row", code.into()),
                            ("detail", e.message().trim_end().into()),
                        ],
                    ),
                    None,
                );
                return None;
            }
        },
    };
    let mut out = Vec::new();
    for col in raw {
        let Some(tipo) = tipo(&col.tipo) else {
            // A set's kinds were checked where the set is defined.
            if !from_set {
                c.error(
                    &at,
                    Message::new(
                        kind::UNKNOWN_COLUMN_KIND_IN_ROW,
                        [("kind", col.tipo.as_str().into()), ("row", code.into())],
                    ),
                    Some(kinds_hint()),
                );
            }
            continue;
        };
        out.push(Colonna {
            campo: col.campo,
            tipo,
            intestazione: col.intestazione.map(|h| places.fill(c, &at, &h)),
            varianti: col
                .varianti
                .iter()
                .map(|h| places.fill(c, &at, h))
                .collect(),
            derivata: col.derivata,
            larghezza: col.larghezza.unwrap_or(1),
            formato: col.formato,
            vuoto: col.vuoto,
        });
    }
    Some(out)
}

fn tipo(name: &str) -> Option<Tipo> {
    Tipo::ALL.iter().find(|(_, n)| *n == name).map(|(t, _)| *t)
}

fn kinds_hint() -> Message {
    let names: Vec<&str> = Tipo::ALL.iter().map(|(_, n)| *n).collect();
    Message::new(
        kind::COLUMN_KINDS_HINT,
        [("kinds", names.join(", ").into())],
    )
}

/// A message of `kind` naming the unknown value `name`.
fn named(kind: Kind, name: &str) -> Message {
    Message::new(kind, [("name", name.into())])
}

fn rendering(name: &str) -> Option<Rendering> {
    [Rendering::Pdf, Rendering::Pdftotext, Rendering::Portale]
        .into_iter()
        .find(|r| r.name() == name)
}

/// The placeholders a text may hold, and their values.
struct Placeholders<'a> {
    codice: &'a str,
    anni: &'a Anni,
}

impl Placeholders<'_> {
    /// `text` with every `{name}` replaced; an unknown name is an error.
    /// `{}` (a value's place in a `formato`) is left alone.
    fn fill(&self, c: &mut Checker, span: &Range<usize>, text: &str) -> String {
        let a = self.anni;
        let values: [(&str, String); 7] = [
            ("codice", self.codice.to_string()),
            ("anno", a.anno.to_string()),
            ("utenti_base", a.utenti_base.to_string()),
            ("personale_base", a.personale_base.to_string()),
            ("popolazione", a.popolazione.to_string()),
            ("stima_ats", a.stima_ats.to_string()),
            ("fabbisogno", a.fabbisogno.clone()),
        ];
        let mut out = String::new();
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else {
                out.push_str(&rest[open..]);
                rest = "";
                break;
            };
            let name = &after[..close];
            match values.iter().find(|(n, _)| *n == name) {
                Some((_, v)) => out.push_str(v),
                None if name.is_empty() => out.push_str("{}"),
                None => {
                    let known: Vec<&str> = values.iter().map(|(n, _)| *n).collect();
                    c.error(
                        span,
                        Message::new(
                            kind::UNKNOWN_PLACEHOLDER,
                            [("placeholder", format!("{{{name}}}").into())],
                        ),
                        Some(Message::new(
                            kind::PLACEHOLDERS_HINT,
                            [("placeholders", format!("{{{}}}", known.join("}, {")).into())],
                        )),
                    );
                    out.push_str(&rest[open..open + close + 2]);
                }
            }
            rest = &after[close + 1..];
        }
        out.push_str(rest);
        out
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests;
