//! Reading an edition description (TOML) into an [`Edition`]: the file's
//! shape through serde, then the checks serde cannot make (one kind per
//! entry, known column sets and kinds, unique row codes, labels present,
//! known placeholders), every error naming the file and the line.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use super::expr::{self, RawCalcolo};
use super::{
    Anni, Colonna, Disposizione, Edition, Quadro, Regole, Rendering, Riga, Tipo, Voce, VoceKind,
};
use crate::diagnostic::{Diagnostic, Error, Location, Result};

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

    fn error(&mut self, span: &Range<usize>, message: String, hint: Option<&str>) {
        let mut d = Diagnostic::error(message).at(Location::file_line(self.file, self.line(span)));
        if let Some(hint) = hint {
            d = d.with_hint(hint);
        }
        self.errors.push(d);
    }
}

/// Read the description `text` of the file `file` (named in errors).
pub fn load(file: &str, text: &str) -> Result<Edition> {
    let raw: RawEdition = toml::from_str(text).map_err(|e| {
        let line = e.span().map_or(1, |s| {
            text[..s.start.min(text.len())].matches('\n').count() + 1
        });
        Error::new(
            Diagnostic::error(format!(
                "invalid edition description: {}",
                e.message().trim_end()
            ))
            .at(Location::file_line(file, line))
            .with_hint(
                "the comments at the top of a built-in description (`scheda editions --export`) document every key",
            ),
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

fn convert(raw: RawEdition, c: &mut Checker) -> Edition {
    let codice = raw.codice.get_ref().trim().to_string();
    if codice.is_empty() || !codice.chars().all(|ch| ch.is_ascii_alphanumeric()) {
        c.error(
            &raw.codice.span(),
            format!("invalid edition code `{codice}`: expected letters and digits"),
            Some("the code names the edition's files, e.g. SOC27"),
        );
    }
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
    let layout_testo = match rendering(raw.layout_testo.get_ref()) {
        Some(r) if r != Rendering::Pdf => r,
        _ => {
            c.error(
                &raw.layout_testo.span(),
                format!(
                    "unknown text layout `{}` (expected pdftotext or portale)",
                    raw.layout_testo.get_ref()
                ),
                None,
            );
            Rendering::Portale
        }
    };
    // The column sets, each checked once, where it is defined.
    let mut sets: BTreeMap<String, Vec<RawColonna>> = BTreeMap::new();
    for (name, set) in raw.colonne {
        let span = set.span();
        for col in set.get_ref() {
            if tipo(&col.tipo).is_none() {
                c.error(
                    &span,
                    format!("unknown column kind `{}` in column set `{name}`", col.tipo),
                    Some(&kinds_hint()),
                );
            }
        }
        sets.insert(name, set.into_inner());
    }
    let mut quadri = Vec::new();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for q in raw.quadro {
        let mut voci = Vec::new();
        for entry in q.voce {
            let span = entry.span();
            let line = c.line(&span);
            let mut v = entry.into_inner();
            let solo = v.solo.take();
            let portale = v.portale.take().and_then(|name| {
                let found = Disposizione::ALL.iter().find(|(_, n)| *n == name);
                if found.is_none() {
                    c.error(
                        &span,
                        format!("unknown portal arrangement `{name}` (expected blocchi, tabella or campi)"),
                        None,
                    );
                }
                found.map(|(d, _)| *d)
            });
            let spazio = v.spazio.take().unwrap_or(false);
            let Some(kind) = voce_kind(c, &span, &places, &sets, v) else {
                continue;
            };
            let code = match &kind {
                VoceKind::Riga(r) => Some(r.codice.clone()),
                VoceKind::Domanda { codice, .. } => Some(codice.clone()),
                _ => None,
            };
            if let Some(code) = code {
                if let Some(first) = seen.get(&code) {
                    c.error(
                        &span,
                        format!("duplicate row code `{code}` (first at line {first})"),
                        Some("each row of an edition has its own code"),
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
                            c.error(
                                &span,
                                format!("unknown rendering `{n}` in solo (expected pdf, pdftotext or portale)"),
                                None,
                            );
                        }
                        r
                    })
                    .collect()
            });
            voci.push(Voce {
                kind,
                solo,
                portale,
                line,
                spazio,
            });
        }
        quadri.push(Quadro {
            numero: q.numero,
            fascia: q
                .fascia
                .get_ref()
                .iter()
                .map(|f| places.fill(c, &q.fascia.span(), f))
                .collect(),
            titolo: q.titolo.map(|t| places.fill(c, &q.fascia.span(), &t)),
            voci,
        });
    }
    let relazione = raw.regole.relazione.get_ref().clone();
    if !seen.contains_key(&relazione) {
        c.error(
            &raw.regole.relazione.span(),
            format!("regole.relazione names `{relazione}`, which is no row of the edition"),
            None,
        );
    }
    // The formulas of the derived values, checked against the rows.
    let (file, text) = (c.file, c.text);
    let (calcoli, errors) = expr::build(raw.calcolo, &quadri, file, text, &mut |span, t| {
        places.fill(c, span, t)
    });
    c.errors.extend(errors);
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
    }
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
                "an entry of the quadro says nothing to print".to_string()
            } else {
                format!("an entry has several kinds: {}", present.join(", "))
            },
            Some(
                "give each [[quadro.voce]] exactly one of intestazione, nota, gruppo, barra, riga, frasi, domanda, didascalia, pagina",
            ),
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
                format!("row `{code}` has no label"),
                Some("add `etichetta = \"...\"`, the label as the form prints it"),
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
            format!("row `{code}` has no columns"),
            Some("add `colonne = \"NAME\"` (a set of [colonne]) or a list of columns"),
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
                    format!("row `{code}` names the unknown column set `{name}`"),
                    Some(&format!("the [colonne] sets are: {}", known.join(", "))),
                );
                return None;
            }
        },
        list => match list.try_into::<Vec<RawColonna>>() {
            Ok(list) => (list, false),
            Err(e) => {
                c.error(
                    &at,
                    format!(
                        "invalid columns of row `{code}`: {}",
                        e.message().trim_end()
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
                    format!("unknown column kind `{}` in row `{code}`", col.tipo),
                    Some(&kinds_hint()),
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

fn kinds_hint() -> String {
    let names: Vec<&str> = Tipo::ALL.iter().map(|(_, n)| *n).collect();
    format!("the kinds are: {}", names.join(", "))
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
                        format!("unknown placeholder `{{{name}}}`"),
                        Some(&format!("the placeholders are {{{}}}", known.join("}, {"))),
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
