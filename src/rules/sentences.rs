//! The narrative sentences the portal prints, chosen by the rules and worded
//! by the minijinja catalogue in `templates/sentences/<EDIZIONE>.j2`.
//!
//! The catalogue is compiled in and can be replaced at run time from a
//! directory; a [`crate::templates::Templates`] value loads it once
//! ([`crate::templates::Templates::catalogue`]). Each sentence is a macro; the
//! catalogue's `unverified` list names the macros whose wording has no known
//! official source, and using one of them raises a warning.

use std::path::Path;

use minijinja::{Environment, Value};
use serde::Serialize;

use super::{Caso, Missing, Outcomes, completed, missing, printed_outcomes};
use crate::diagnostic::{Diagnostic, Error, Location, Result, Severity, Warned};
use crate::messages::{Message, kind};
use crate::model::{Edizione, Scheda};

/// The sentence catalogue of both editions.
#[derive(Debug, Clone)]
pub struct Catalogue {
    env: Environment<'static>,
}

/// Refuse a templates directory that does not exist or is not a directory
/// (the PDF templates and the sentence catalogue are read from it).
pub(crate) fn require_dir(dir: &Path) -> Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let reason = if dir.exists() {
        kind::NOT_A_FOLDER
    } else {
        kind::FOLDER_NOT_FOUND
    };
    Err(Error::new(Diagnostic::coded(
        Severity::Error,
        Message::new(
            kind::TEMPLATES_DIR_UNREADABLE,
            [
                ("path", dir.display().to_string().into()),
                ("reason", Message::new(reason, []).into()),
            ],
        ),
        Some(Message::new(kind::TEMPLATES_DIR_HINT, [])),
    )))
}

impl Catalogue {
    /// The catalogue of `editions`, each edition's file taken from
    /// `dir/sentences/<EDIZIONE>.j2` where it exists, else the built-in
    /// one; an edition with neither has no sentences (refused when a form
    /// of it is worded).
    pub(crate) fn load(dir: Option<&Path>, editions: &[Edizione]) -> Result<Self> {
        let mut env = Environment::new();
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
        for ed in editions {
            let path = format!("sentences/{}.j2", ed.code());
            let Some((source, origin)) = crate::form::files::read(dir, &path)? else {
                continue;
            };
            env.add_template_owned(ed.code(), source).map_err(|e| {
                Error::new(
                    Diagnostic::coded(
                        Severity::Error,
                        Message::new(
                            kind::SENTENCES_INVALID,
                            [
                                ("edition", ed.code().into()),
                                ("error", e.to_string().into()),
                            ],
                        ),
                        None,
                    )
                    .at(Location::file_line(
                        origin.to_string(),
                        e.line().unwrap_or(0),
                    )),
                )
            })?;
        }
        Ok(Catalogue { env })
    }

    /// Render the macro `name` of `edizione` with `args`, as one line of
    /// plain text; also say whether the catalogue marks it unverified.
    pub fn render(&self, edizione: Edizione, name: &str, args: &[Value]) -> Result<(String, bool)> {
        let fail = |e: minijinja::Error| {
            Error::new(Diagnostic::coded(
                Severity::Error,
                Message::new(
                    kind::SENTENCE_FAILED,
                    [
                        ("name", name.into()),
                        ("edition", edizione.code().into()),
                        ("error", e.to_string().into()),
                    ],
                ),
                None,
            ))
        };
        let tmpl = self.env.get_template(edizione.code()).map_err(|_| {
            Error::new(Diagnostic::coded(
                Severity::Error,
                Message::new(kind::NO_SENTENCES, [("edition", edizione.code().into())]),
                Some(Message::new(kind::NO_SENTENCES_HINT, [])),
            ))
        })?;
        let mut captured = tmpl.render_captured(minijinja::context! {}).map_err(fail)?;
        let unverified = captured
            .state()
            .lookup("unverified")
            .and_then(|list| list.try_iter().ok().map(|it| it.collect::<Vec<_>>()))
            .unwrap_or_default()
            .iter()
            .any(|v| v.as_str() == Some(name));
        let text = captured
            .with_state_mut(|state| state.call_macro(name, args))
            .map_err(fail)?;
        Ok((join_lines(&text), unverified))
    }
}

/// The first words of a sentence, enough to find it on the page.
fn opening(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= 16 {
        words.join(" ")
    } else {
        format!("{} …", words[..16].join(" "))
    }
}

/// Join the lines of a rendered macro with single spaces.
fn join_lines(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every sentence the form prints for one model, as plain strings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Sentences {
    /// Quadro 1, after R02: social workers per inhabitant, or *nullo*.
    pub assistenti: Option<String>,
    /// Quadro 1: the LEP paragraph (with the Legge di bilancio 2022
    /// sentence appended when the Comune has no social workers or more than
    /// 6.500 inhabitants per worker).
    pub lep: String,
    /// Quadro 1, after R05: service level inferiore / non inferiore.
    pub servizi: Option<String>,
    /// Quadro 1: the invitation to compile Quadro 2.
    pub servizi_seguito: String,
    /// Quadro 2 outcome paragraphs (case A-D), in order.
    pub quadro2: Vec<String>,
    /// Quadro 3 outcome paragraphs after R15, in order.
    pub quadro3: Vec<String>,
    /// The catalogue macros used, in order.
    pub used: Vec<String>,
    /// The used macros that the catalogue marks UNVERIFIED.
    pub unverified: Vec<String>,
    /// The text of each, as printed (for the warnings).
    #[serde(skip)]
    pub unverified_text: Vec<String>,
}

impl Sentences {
    /// One warning per UNVERIFIED sentence used.
    pub fn warnings(&self) -> Vec<Diagnostic> {
        self.unverified
            .iter()
            .zip(&self.unverified_text)
            .map(|(name, text)| {
                // The catalogue names a sentence of Quadro N `quadroN_...`;
                // the others are Quadro 1's.
                let quadro = name
                    .strip_prefix("quadro")
                    .and_then(|rest| rest.split('_').next())
                    .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
                    .unwrap_or("1");
                Diagnostic::coded(
                    Severity::Warning,
                    Message::new(
                        kind::UNVERIFIED_SENTENCE,
                        [("quadro", quadro.into()), ("start", opening(text).into())],
                    ),
                    Some(Message::new(kind::UNVERIFIED_WORDING_HINT, [])),
                )
            })
            .collect()
    }
}

struct Builder<'a> {
    catalogue: &'a Catalogue,
    edizione: Edizione,
    out: Sentences,
}

impl Builder<'_> {
    fn say(&mut self, name: &str, args: &[Value]) -> Result<String> {
        let (text, unverified) = self.catalogue.render(self.edizione, name, args)?;
        self.out.used.push(name.to_string());
        if unverified {
            self.out.unverified.push(name.to_string());
            self.out.unverified_text.push(join_lines(&text));
        }
        Ok(text)
    }
}

/// Whether the blank derived value `m` decides an outcome: left blank in
/// the `complete` form, whose outcomes are `full`, it changes one (R04
/// decides the service level; R0B, which R04 is computed from, does not).
fn decides(complete: &Scheda, full: &Outcomes, m: &Missing) -> bool {
    let mut without = complete.clone();
    // The field is one of the edition's computed columns: blanking it
    // cannot fail.
    let _ = without.set_valore(&m.code, m.campo.as_deref(), None);
    printed_outcomes(&without) != *full
}

/// Choose and word every sentence of `s`; the warnings name the UNVERIFIED
/// sentences used.
///
/// Sentences follow from the values the form prints ([`printed_outcomes`]):
/// one that would follow from a derived value the form leaves blank (R01B,
/// R04, R09, R15) is not printed, with a warning naming the value, so that
/// the page never states what its own figures do not show.
pub fn choose(s: &Scheda, catalogue: &Catalogue) -> Result<Warned<Sentences>> {
    let o: Outcomes = printed_outcomes(s);
    let complete = completed(s);
    let full = printed_outcomes(&complete);
    let anno = Value::from(s.anno);
    let mut b = Builder {
        catalogue,
        edizione: s.edizione,
        out: Sentences::default(),
    };
    b.quadro1(s, &o, &anno)?;
    b.quadro2(&o, &full, &anno)?;
    b.quadro3(&o, &anno)?;

    let out = b.out;
    let mut warnings = out.warnings();
    if full != o {
        warnings.extend(not_printed(s, &complete, &full));
    }
    Ok(Warned {
        value: out,
        warnings,
    })
}

impl Builder<'_> {
    /// Quadro 1's sentences: social workers, the LEP paragraph, the service
    /// level and the invitation to compile Quadro 2.
    fn quadro1(&mut self, s: &Scheda, o: &Outcomes, anno: &Value) -> Result<()> {
        // Quadro 1: social workers.
        // The value the sentence quotes: the catalogue's macro
        // `assistenti_pari(anno, r01b)` names it, not the description.
        let r01b = s.intero("R01B", None);
        self.out.assistenti = match (o.assistenti_nulli, r01b) {
            (Some(true), _) => Some(self.say("assistenti_nullo", std::slice::from_ref(anno))?),
            (Some(false), Some(r01b)) => {
                Some(self.say("assistenti_pari", &[anno.clone(), Value::from(r01b)])?)
            }
            _ => None,
        };
        let mut lep = self.say("lep", &[])?;
        let extra = match (o.assistenti_nulli, o.sopra_soglia_6500) {
            (Some(true), _) => Some("lep_6500"),
            (_, Some(true)) => Some("lep_soglia_6500"),
            _ => None,
        };
        if let Some(name) = extra {
            let text = self.say(name, &[])?;
            if !text.is_empty() {
                lep = format!("{lep} {text}");
            }
        }
        self.out.lep = lep;

        // Quadro 1: service level.
        self.out.servizi = match o.servizi_inferiore {
            Some(true) => Some(self.say("servizi_inferiore", std::slice::from_ref(anno))?),
            Some(false) => Some(self.say("servizi_non_inferiore", std::slice::from_ref(anno))?),
            None => None,
        };
        self.out.servizi_seguito = self.say("servizi_seguito", &[])?;
        Ok(())
    }

    /// Quadro 2's outcome paragraphs (case A-D); `full` are the outcomes of
    /// the form with its derived values filled in.
    fn quadro2(&mut self, o: &Outcomes, full: &Outcomes, anno: &Value) -> Result<()> {
        let Some(caso) = o.caso else {
            return Ok(());
        };
        let (first, then) = match caso {
            Caso::A => ("quadro2_a", "quadro2_a_seguito"),
            Caso::B => ("quadro2_b", "quadro2_b_seguito"),
            Caso::C => ("quadro2_c", "quadro2_c_seguito"),
            Caso::D => ("quadro2_d", "quadro2_d_seguito"),
        };
        let below = matches!(caso, Caso::C | Caso::D);
        let then = match o.quadro3_dovuto {
            Some(false) if below => Some("quadro2_sotto_soglia"),
            // Whether Quadro 3 is due follows from a blank R09.
            None if below && full.quadro3_dovuto.is_some() => None,
            _ => Some(then),
        };
        for name in std::iter::once(first).chain(then) {
            let text = self.say(name, std::slice::from_ref(anno))?;
            if !text.is_empty() {
                self.out.quadro2.push(text);
            }
        }
        Ok(())
    }

    /// Quadro 3's outcome paragraphs after R15: coherent or not, then the
    /// closing one.
    fn quadro3(&mut self, o: &Outcomes, anno: &Value) -> Result<()> {
        if o.quadro3_dovuto == Some(true) {
            match o.quadro3_coerente {
                Some(true) => {
                    let text = self.say("quadro3_coerente", std::slice::from_ref(anno))?;
                    self.out.quadro3.push(text);
                }
                Some(false) => {
                    let text = self.say("quadro3_non_coerente", std::slice::from_ref(anno))?;
                    self.out.quadro3.push(text);
                }
                None => {}
            }
        }
        if o.quadro3_coerente != Some(false) {
            let text = self.say("quadro3_seguito", &[])?;
            if !text.is_empty() {
                self.out.quadro3.push(text);
            }
        }
        Ok(())
    }
}

/// The warning that sentences are not printed because the form leaves blank
/// the derived values they follow from, naming those values; none when no
/// blank value decides an outcome.
fn not_printed(s: &Scheda, complete: &Scheda, full: &Outcomes) -> Option<Diagnostic> {
    let blank: Vec<_> = missing(s)
        .into_iter()
        .filter(|m| decides(complete, full, m))
        .collect();
    if blank.is_empty() {
        return None;
    }
    // `R01B (computed 4598), R04 (computed 21,62)`, in the
    // message's language.
    let values = blank
        .iter()
        .rev()
        .map(|m| {
            Message::new(
                kind::BLANK_INPUT,
                [
                    ("row", m.code.as_str().into()),
                    ("computed", m.computed.as_str().into()),
                ],
            )
        })
        .reduce(|rest, first| {
            Message::new(kind::LIST, [("first", first.into()), ("rest", rest.into())])
        });
    let leaves = match blank.len() {
        1 => kind::LEAVES_IT_BLANK,
        _ => kind::LEAVES_THEM_BLANK,
    };
    Some(Diagnostic::coded(
        Severity::Warning,
        Message::new(
            kind::SENTENCES_NOT_PRINTED,
            [
                ("values", values.map_or("".into(), Into::into)),
                ("leaves", Message::new(leaves, []).into()),
            ],
        ),
        Some(Message::new(kind::SENTENCES_NOT_PRINTED_HINT, [])),
    ))
}
