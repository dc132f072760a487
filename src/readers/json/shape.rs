//! The first stage of reading a model's JSON: its shape. The version, the
//! edition, the year and the Comune's data are typed (serde's messages);
//! each quadro is read by the rows the editions' descriptions declare in
//! it, each value by its column's kind, into [`Scheda::set_valore`]. The
//! first key or value refused, in the document's order, stops the read.
//!
//! A row of another known edition is read with that edition's columns, so
//! that the model's checks can say where it belongs; a key that no known
//! edition has in the quadro is refused, with the keys there are.

use std::str::FromStr;

use rust_decimal::Decimal;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::form::{Riga, VoceKind};
use crate::messages::{Message, kind};
use crate::model::paths::Kind;
use crate::model::{Edizione, Ente, Scheda, Valore, is_question};
use crate::templates::Templates;

/// A key or value the shape refuses, at its JSON pointer.
pub(super) struct Refusal {
    /// Where (`/quadro1/M12/utenti`).
    pub(super) pointer: String,
    /// What.
    pub(super) refused: Refused,
}

/// What is refused.
pub(super) enum Refused {
    /// serde's message (in English) about a typed field, named by its
    /// dotted path (`ente.data`): [`super::field_error`] words it.
    Serde {
        /// The field's dotted path.
        dotted: String,
        /// serde's message.
        message: String,
    },
    /// A message of this reader's own.
    Coded {
        /// The message.
        message: Message,
        /// Its hint.
        hint: Option<Message>,
    },
}

type Shaped<T> = Result<T, Box<Refusal>>;

/// The keys of the top level, in the model's order.
const TOP: [&str; 8] = [
    "schema_version",
    "edizione",
    "anno",
    "ente",
    "quadro1",
    "quadro2",
    "quadro3",
    "quadro4",
];

/// Read the shape of a model's JSON (an object: [`super::check_version`]
/// saw it).
///
/// The edition is one of `templates`; until the top level says which, the
/// form is of the oldest. The rows and questions other than the edition's
/// own are those of the editions known with it.
pub(super) fn scheda(value: &Value, templates: &Templates) -> Shaped<Scheda> {
    let Some(top) = value.as_object() else {
        return Err(serde_type(String::new(), String::new(), value, "a map"));
    };
    let edizione = top
        .get("edizione")
        .and_then(Value::as_str)
        .and_then(|c| templates.find(c));
    let Some(first) = edizione.or_else(|| templates.editions().first().copied()) else {
        return Err(edition_refused(templates, ""));
    };
    let mut s = Scheda::empty(first);
    for (key, v) in top {
        match key.as_str() {
            "schema_version" => s.schema_version = typed(v, key)?,
            "edizione" => {
                let code: String = typed(v, key)?;
                s.edizione = templates
                    .find(&code)
                    .ok_or_else(|| edition_refused(templates, &code))?;
            }
            "anno" => s.anno = typed(v, key)?,
            "ente" => s.ente = ente(v)?,
            _ => match quadro_number(s.edizione, key) {
                Some(n) => quadro(&mut s, n, v)?,
                None => return Err(unknown(format!("/{}", escape(key)), key, &TOP)),
            },
        }
    }
    for required in ["edizione", "anno"] {
        if !top.contains_key(required) {
            return Err(Box::new(Refusal {
                pointer: String::new(),
                refused: Refused::Serde {
                    dotted: String::new(),
                    message: format!("missing field `{required}`"),
                },
            }));
        }
    }
    Ok(s)
}

/// The refusal of an edition `code` that `templates` do not have, as serde
/// words a value its parser refuses.
fn edition_refused(templates: &Templates, code: &str) -> Box<Refusal> {
    let message = match templates.edizione(code) {
        Err(message) => message.to_string(),
        Ok(_) => String::new(),
    };
    Box::new(Refusal {
        pointer: "/edizione".to_string(),
        refused: Refused::Serde {
            dotted: "edizione".to_string(),
            message,
        },
    })
}

/// A typed field of the top level, by serde.
fn typed<T: DeserializeOwned>(v: &Value, key: &str) -> Shaped<T> {
    T::deserialize(v).map_err(|e| {
        Box::new(Refusal {
            pointer: format!("/{key}"),
            refused: Refused::Serde {
                dotted: key.to_string(),
                message: e.to_string(),
            },
        })
    })
}

/// The Comune's data, by serde.
fn ente(v: &Value) -> Shaped<Ente> {
    serde_path_to_error::deserialize(v).map_err(|e| {
        let inner = super::dotted(e.path());
        Box::new(Refusal {
            pointer: format!("/ente{}", super::pointer(e.path())),
            refused: Refused::Serde {
                dotted: if inner.is_empty() {
                    "ente".into()
                } else {
                    format!("ente.{inner}")
                },
                message: e.inner().to_string(),
            },
        })
    })
}

/// The number of quadro `quadroN`, if `ed` or an edition known with it
/// has it.
fn quadro_number(ed: Edizione, key: &str) -> Option<u8> {
    let n: u8 = key.strip_prefix("quadro")?.parse().ok()?;
    let known = ed
        .known_with()
        .any(|e| e.description().quadri.iter().any(|q| q.numero == n));
    (known && key == format!("quadro{n}")).then_some(n)
}

/// What a key of a quadro names.
enum Entry {
    /// A row, with the columns of its edition (the form's own first).
    Riga(&'static Riga),
    /// The free-text report (`relazione`).
    Relazione,
    /// The answers (`risposte`).
    Risposte,
}

/// The keys of quadro `n` in the model, over `ed` and the editions known
/// with it, in the form's order: the rows' codes, `risposte` where the
/// questions stand and `relazione` for the free-text report.
fn keys(ed: Edizione, n: u8) -> Vec<String> {
    let mut all: Vec<String> = Vec::new();
    for e in ed.known_with() {
        let d = e.description();
        let mut prev: Option<String> = None;
        for v in d
            .quadri
            .iter()
            .filter(|q| q.numero == n)
            .flat_map(|q| &q.voci)
        {
            let key = match &v.kind {
                VoceKind::Riga(r) if r.codice == d.regole.relazione => "relazione".to_string(),
                VoceKind::Riga(r) => r.codice.clone(),
                VoceKind::Domanda { .. } => "risposte".to_string(),
                _ => continue,
            };
            if !all.contains(&key) {
                let at = prev
                    .as_ref()
                    .and_then(|p| all.iter().position(|k| k == p))
                    .map_or(0, |k| k + 1);
                all.insert(at, key.clone());
            }
            prev = Some(key);
        }
    }
    all
}

/// What `key` names in quadro `n` of a form of `ed`, given the quadro's
/// `keys`.
fn entry(ed: Edizione, n: u8, key: &str, keys: &[String]) -> Option<Entry> {
    if !keys.iter().any(|k| k == key) {
        return None;
    }
    match key {
        "relazione" => Some(Entry::Relazione),
        "risposte" => Some(Entry::Risposte),
        code => std::iter::once(ed)
            .chain(ed.known_with())
            .find_map(|e| {
                let d = e.description();
                d.righe()
                    .find(|(q, r)| *q == n && r.codice == code && r.codice != d.regole.relazione)
            })
            .map(|(_, r)| Entry::Riga(r)),
    }
}

/// Read quadro `n` into `s`.
fn quadro(s: &mut Scheda, n: u8, v: &Value) -> Shaped<()> {
    let pointer = format!("/quadro{n}");
    let Value::Object(map) = v else {
        return Err(serde_type(pointer, format!("quadro{n}"), v, "a map"));
    };
    let keys = keys(s.edizione, n);
    for (key, v) in map {
        let at = format!("{pointer}/{}", escape(key));
        match entry(s.edizione, n, key, &keys) {
            Some(Entry::Riga(r)) => row(s, r, v, &at)?,
            Some(Entry::Relazione) => {
                let code = s.edizione.relazione_code();
                let text = cell(Kind::Text, v, &at)?;
                store(s, code, None, text, &at)?;
            }
            Some(Entry::Risposte) => answers(s, n, v, &at)?,
            None => return Err(unknown(at, key, &keys)),
        }
    }
    Ok(())
}

/// Read row `r` (at `pointer`) into `s`: a row of one value is that value,
/// any other an object of its columns.
fn row(s: &mut Scheda, r: &Riga, v: &Value, pointer: &str) -> Shaped<()> {
    if let [one] = r.colonne.as_slice()
        && one.campo.is_none()
    {
        let x = cell(Kind::of(one.tipo), v, pointer)?;
        return store(s, &r.codice, None, x, pointer);
    }
    let Value::Object(map) = v else {
        let found = v.to_string();
        let detail = format!(
            "expected an object of the columns of {}, found {found}",
            r.codice
        );
        let message = Message::new(
            kind::WRONG_TYPE,
            [("found", found.into()), ("detail", detail.into())],
        );
        return Err(coded(pointer.to_string(), message, None));
    };
    for (key, x) in map {
        let at = format!("{pointer}/{}", escape(key));
        let Some(c) = r.colonne.iter().find(|c| c.campo.as_deref() == Some(key)) else {
            let names: Vec<&str> = r
                .colonne
                .iter()
                .filter_map(|c| c.campo.as_deref())
                .collect();
            return Err(unknown(at, key, &names));
        };
        let x = cell(Kind::of(c.tipo), x, &at)?;
        store(s, &r.codice, c.campo.as_deref(), x, &at)?;
    }
    Ok(())
}

/// Read the answers (at `pointer`) of quadro `n` into `s`: each to a
/// question of some known edition; `null` is a question left unanswered.
fn answers(s: &mut Scheda, n: u8, v: &Value, pointer: &str) -> Shaped<()> {
    let Value::Object(map) = v else {
        let dotted = format!("quadro{n}.risposte");
        return Err(serde_type(pointer.to_string(), dotted, v, "a map"));
    };
    for (code, a) in map {
        let at = format!("{pointer}/{}", escape(code));
        if !is_question(s.edizione, code) {
            let detail = Message::new(kind::NOT_A_QUESTION, [("found", code.as_str().into())]);
            let message =
                Message::new(kind::INVALID_VALUE, [("detail", detail.to_string().into())]);
            return Err(coded(at, message, None));
        }
        match a {
            Value::Null => {}
            Value::Bool(b) => s.set_risposta(code, Some(*b)),
            other => return Err(wrong(Kind::Bool, other, &at)),
        }
    }
    Ok(())
}

/// A value of a column of kind `kind` (at `pointer`); `None` for `null`.
fn cell(kind: Kind, v: &Value, pointer: &str) -> Shaped<Option<Valore>> {
    let value = match (kind, v) {
        (_, Value::Null) => return Ok(None),
        (Kind::Integer, v) => v.as_u64().map(Valore::Intero),
        (Kind::Decimal, Value::Number(n)) => {
            let text = n.to_string();
            Decimal::from_str(&text)
                .or_else(|_| Decimal::from_scientific(&text))
                .ok()
                .map(Valore::Decimale)
        }
        (Kind::Text | Kind::DateTime, Value::String(t)) => Some(Valore::Testo(t.clone())),
        (Kind::Bool, Value::Bool(b)) => Some(Valore::SiNo(*b)),
        _ => None,
    };
    value.map(Some).ok_or_else(|| wrong(kind, v, pointer))
}

/// The refusal of `v` where a value of kind `kind` is expected.
fn wrong(kind: Kind, v: &Value, pointer: &str) -> Box<Refusal> {
    let (code, wanted) = match kind {
        Kind::Integer => {
            let message = Message::new(kind::MODEL_COUNT, [("found", found_count(v).into())]);
            let hint = Message::new(kind::COUNT_HINT, []);
            return coded(pointer.to_string(), message, Some(hint));
        }
        Kind::Decimal => (kind::WANT_NUMBER, "a number"),
        Kind::Text | Kind::DateTime => (kind::WANT_TEXT, "a text"),
        Kind::Bool => (kind::WANT_YES_NO, "true or false"),
    };
    let found = v.to_string();
    let detail = format!("expected {wanted}, found {found}");
    let message = Message::new(code, [("found", found.into()), ("detail", detail.into())]);
    coded(pointer.to_string(), message, None)
}

/// Store a value read at `pointer`.
fn store(
    s: &mut Scheda,
    codice: &str,
    campo: Option<&str>,
    value: Option<Valore>,
    pointer: &str,
) -> Shaped<()> {
    s.set_valore(codice, campo, value).map_err(|e| {
        let message = Message::new(kind::INVALID_VALUE, [("detail", format!("{e:?}").into())]);
        coded(pointer.to_string(), message, None)
    })
}

/// How a value found where a whole number is expected is named: a number
/// as written (`1.5`, `-5`, `1e40 (too large)`), anything else as JSON.
pub(super) fn found_count(v: &Value) -> String {
    match v {
        Value::Number(n) => {
            let text = n.to_string();
            let literal = !text.contains(['.', 'e', 'E']) && !text.starts_with('-');
            if literal && n.as_u64().is_none() {
                format!("{text} (too large)")
            } else {
                text
            }
        }
        other => other.to_string(),
    }
}

fn coded(pointer: String, message: Message, hint: Option<Message>) -> Box<Refusal> {
    Box::new(Refusal {
        pointer,
        refused: Refused::Coded { message, hint },
    })
}

/// An unknown key, with the keys there are (as serde words it).
fn unknown<S: AsRef<str>>(pointer: String, key: &str, known: &[S]) -> Box<Refusal> {
    let names: Vec<String> = known.iter().map(|k| format!("`{}`", k.as_ref())).collect();
    let expected = match names.as_slice() {
        [] => "there are no fields".to_string(),
        [one] => format!("expected {one}"),
        [a, b] => format!("expected {a} or {b}"),
        all => format!("expected one of {}", all.join(", ")),
    };
    let detail = format!("unknown field `{key}`, {expected}");
    let message = Message::new(
        kind::UNKNOWN_FIELD,
        [("field", key.into()), ("detail", detail.into())],
    );
    coded(
        pointer,
        message,
        Some(Message::new(kind::UNKNOWN_FIELD_HINT, [])),
    )
}

/// A value of the wrong type where an object is expected, as serde words
/// it (`invalid type: null, expected a map`).
fn serde_type(pointer: String, dotted: String, v: &Value, expected: &str) -> Box<Refusal> {
    let found = match v {
        Value::Null => "null".to_string(),
        Value::Bool(b) => format!("boolean `{b}`"),
        Value::Number(_) => "number".to_string(),
        Value::String(t) => format!("string {t:?}"),
        Value::Array(_) => "sequence".to_string(),
        Value::Object(_) => "map".to_string(),
    };
    Box::new(Refusal {
        pointer,
        refused: Refused::Serde {
            dotted,
            message: format!("invalid type: {found}, expected {expected}"),
        },
    })
}

/// A key as a segment of a JSON pointer (RFC 6901).
fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}
