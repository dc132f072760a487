//! The `[[esito]]` entries of a description: what the rules conclude about
//! a form (docs/form.md#regole), each a named condition, or a choice among
//! conditions, in the language of the formulas ([`super`]). A condition may
//! name an earlier yes/no outcome. The names are those the sentences'
//! catalogue reads ([`ESITI`]); every error names the file and the line.
//! Each says what it concludes in a clerk's words (`descrizione`) and which
//! of the description's `frasi` it chooses (`frasi`): the page says so of
//! an outcome that blank values leave open.

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use super::parse::parse;
use super::resolve::{Scope, Source, Ty, formula_error, resolve, rows, want};
use super::{Expr, Field};
use crate::diagnostic::Diagnostic;
use crate::form::{Quadro, VoceKind};
use crate::messages::{Message, kind};

/// The shape of an outcome's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Forma {
    /// Yes or no (a condition).
    SiNo,
    /// One of these values (a choice among conditions).
    Scelta(&'static [&'static str]),
}

/// The outcomes the sentences and the reports know, by name, with the
/// shape of each: an `[[esito]]` must be one of them.
pub const ESITI: [(&str, Forma); 8] = [
    ("servizi_inferiore", Forma::SiNo),
    ("spesa_inferiore", Forma::SiNo),
    ("caso", Forma::Scelta(&["A", "B", "C", "D"])),
    ("quadro3_dovuto", Forma::SiNo),
    ("quadro3_coerente", Forma::SiNo),
    ("sezione_quadro4", Forma::Scelta(&["1", "2", "3", "4"])),
    ("assistenti_nulli", Forma::SiNo),
    ("sopra_soglia_6500", Forma::SiNo),
];

/// One outcome of an edition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Esito {
    /// Its name, as the catalogue reads it (`quadro3_dovuto`).
    pub nome: String,
    /// How it is worked out.
    pub regola: Regola,
    /// What it concludes, in a clerk's words (`livello di servizio,
    /// Quadro 1`).
    pub descrizione: String,
    /// The sentences it chooses, by the names the description's `frasi`
    /// entries print them (`servizi`).
    pub frasi: Vec<String>,
    /// The line of the description it comes from.
    pub line: usize,
}

/// How an outcome is worked out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Regola {
    /// A condition: yes, no, or blank where an input is.
    Condizione(Expr),
    /// The value of the first condition that holds; blank when none does.
    Scelta(Vec<(String, Expr)>),
}

impl Esito {
    /// Every field the outcome reads, through the earlier outcomes it
    /// names (`all`: the edition's outcomes), in order.
    pub fn fields<'a>(&'a self, all: &'a [Esito]) -> Vec<&'a Field> {
        let exprs: Vec<&Expr> = match &self.regola {
            Regola::Condizione(e) => vec![e],
            Regola::Scelta(cases) => cases.iter().map(|(_, e)| e).collect(),
        };
        let mut out = Vec::new();
        for e in exprs {
            collect(e, all, &mut out);
        }
        out
    }

    /// The earlier outcomes its rule names, by index into the edition's
    /// outcomes.
    pub fn reads(&self) -> Vec<usize> {
        fn walk(e: &Expr, out: &mut Vec<usize>) {
            match e {
                Expr::Esito(i) if !out.contains(i) => out.push(*i),
                Expr::Neg(x) => walk(x, out),
                Expr::Binary(_, a, b) => {
                    walk(a, out);
                    walk(b, out);
                }
                Expr::Call(_, args) => args.iter().for_each(|a| walk(a, out)),
                _ => {}
            }
        }
        let mut out = Vec::new();
        match &self.regola {
            Regola::Condizione(e) => walk(e, &mut out),
            Regola::Scelta(cases) => cases.iter().for_each(|(_, e)| walk(e, &mut out)),
        }
        out
    }
}

fn collect<'a>(e: &'a Expr, all: &'a [Esito], out: &mut Vec<&'a Field>) {
    match e {
        Expr::Esito(i) => {
            if let Some(other) = all.get(*i) {
                for f in other.fields(all) {
                    if !out.contains(&f) {
                        out.push(f);
                    }
                }
            }
        }
        Expr::Neg(x) => collect(x, all, out),
        Expr::Binary(_, a, b) => {
            collect(a, all, out);
            collect(b, all, out);
        }
        Expr::Call(_, args) => args.iter().for_each(|a| collect(a, all, out)),
        other => {
            for f in other.fields() {
                if !out.contains(&f) {
                    out.push(f);
                }
            }
        }
    }
}

/// A case of a choice as the file writes it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCaso {
    valore: Spanned<String>,
    se: Spanned<String>,
}

/// An `[[esito]]` entry as the file writes it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawEsito {
    nome: Spanned<String>,
    /// What it concludes, in a clerk's words.
    descrizione: Spanned<String>,
    /// The sentences it chooses, by the names of the `frasi` entries.
    #[serde(default)]
    frasi: Vec<Spanned<String>>,
    /// A yes/no outcome's condition.
    condizione: Option<Spanned<String>>,
    /// Or a choice's cases, in order.
    casi: Option<Vec<RawCaso>>,
}

/// Check the `[[esito]]` entries `raw` against the edition's `quadri`;
/// `fill` fills a text's placeholders.
pub(crate) fn build_esiti(
    raw: Vec<RawEsito>,
    quadri: &[Quadro],
    file: &str,
    text: &str,
    fill: &mut dyn FnMut(&Range<usize>, &str) -> String,
) -> (Vec<Esito>, Vec<Diagnostic>) {
    let rows = rows(quadri);
    // The sentences the description prints, by the names its `frasi`
    // entries give them.
    let printed: Vec<&str> = quadri
        .iter()
        .flat_map(|q| &q.voci)
        .filter_map(|v| match &v.kind {
            VoceKind::Frasi(names) => Some(names),
            _ => None,
        })
        .flatten()
        .map(String::as_str)
        .collect();
    let mut src = Source {
        file,
        text,
        errors: Vec::new(),
    };
    let mut out: Vec<Esito> = Vec::new();
    // The names a condition may read, by index into `out`.
    let mut names: Vec<String> = Vec::new();
    for entry in raw {
        let nome = entry.nome.get_ref().trim().to_string();
        let line = src.line(entry.nome.span().start);
        let Some((_, forma)) = ESITI.iter().find(|(n, _)| *n == nome) else {
            let known: Vec<&str> = ESITI.iter().map(|(n, _)| *n).collect();
            let m = Message::new(
                kind::ESITO_UNKNOWN,
                [
                    ("name", nome.as_str().into()),
                    ("known", known.join(", ").into()),
                ],
            );
            src.error(line, m, None);
            continue;
        };
        if let Some(first) = out.iter().find(|e| e.nome == nome) {
            let m = Message::new(
                kind::ESITO_TWICE,
                [("name", nome.as_str().into()), ("line", first.line.into())],
            );
            src.error(line, m, None);
            continue;
        }
        let scope = Scope {
            rows: &rows,
            own: None,
            esiti: &names,
        };
        let regola = match (forma, &entry.condizione, &entry.casi) {
            (Forma::SiNo, Some(c), None) => {
                condition(&mut src, &scope, &nome, c).map(Regola::Condizione)
            }
            (Forma::Scelta(values), None, Some(casi)) => {
                let mut cases = Vec::new();
                for caso in casi {
                    let valore = caso.valore.get_ref().trim();
                    if !values.contains(&valore) {
                        let m = Message::new(
                            kind::ESITO_VALUE,
                            [
                                ("name", nome.as_str().into()),
                                ("value", valore.into()),
                                ("known", values.join(", ").into()),
                            ],
                        );
                        src.error(src.line(caso.valore.span().start), m, None);
                        continue;
                    }
                    if let Some(e) = condition(&mut src, &scope, &nome, &caso.se) {
                        cases.push((valore.to_string(), e));
                    }
                }
                Some(Regola::Scelta(cases))
            }
            (forma, _, _) => {
                let shape = match forma {
                    Forma::SiNo => "condizione",
                    Forma::Scelta(_) => "casi",
                };
                let m = Message::new(
                    kind::ESITO_SHAPE,
                    [("name", nome.as_str().into()), ("wanted", shape.into())],
                );
                src.error(line, m, None);
                None
            }
        };
        let Some(regola) = regola else { continue };
        let descrizione = fill(&entry.descrizione.span(), entry.descrizione.get_ref());
        let mut frasi = Vec::new();
        for frase in &entry.frasi {
            let name = frase.get_ref().trim();
            if printed.contains(&name) {
                frasi.push(name.to_string());
                continue;
            }
            let mut known: Vec<&str> = Vec::new();
            for p in &printed {
                if !known.contains(p) {
                    known.push(p);
                }
            }
            let m = Message::new(
                kind::ESITO_FRASE,
                [
                    ("name", nome.as_str().into()),
                    ("frase", name.into()),
                    ("known", known.join(", ").into()),
                ],
            );
            src.error(src.line(frase.span().start), m, None);
        }
        // Only a yes/no outcome is a condition others may read; a choice
        // keeps its place so that indices follow `out`.
        names.push(match regola {
            Regola::Condizione(_) => nome.clone(),
            Regola::Scelta(_) => String::new(),
        });
        out.push(Esito {
            nome,
            regola,
            descrizione,
            frasi,
            line,
        });
    }
    (out, src.errors)
}

/// The condition written at `text`, resolved.
fn condition(src: &mut Source, scope: &Scope, nome: &str, text: &Spanned<String>) -> Option<Expr> {
    let span: Range<usize> = text.span();
    let formula = text.get_ref();
    let parsed = match parse(formula) {
        Ok(p) => p,
        Err(e) => {
            formula_error(src, &span, formula, Some(nome.to_string()), e);
            return None;
        }
    };
    match resolve(&parsed, scope).and_then(|(e, ty)| want(e, ty, Ty::Condition, 0)) {
        Ok(e) => Some(e),
        Err(e) => {
            formula_error(src, &span, formula, Some(nome.to_string()), e);
            None
        }
    }
}
