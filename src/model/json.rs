//! The canonical JSON of a form (MODEL.md): written by walking its
//! edition's description, quadro by quadro and row by row in the form's
//! order. A row of one value is a value (`"R03": 1120`), any other an
//! object of its columns by `campo`; a blank value is `null`, and a blank
//! `facoltativa` row is left out. The free-text report is `relazione` and
//! the answers are `risposte`, both in Quadro 4, as the contract has them.

use std::str::FromStr;

use serde_json::{Map, Value};

use super::valore::written_places;
use super::{Scheda, Valore};
use crate::diagnostic::{Diagnostic, Error, Result, Severity};
use crate::form::{Colonna, Riga, VoceKind};
use crate::messages::{Message, kind};
use crate::number::to_plain;

/// The canonical JSON value of `s`. The JSON writers write it; a reader
/// compares two models by it.
pub(crate) fn to_value(s: &Scheda) -> Result<Value> {
    let ente = serde_json::to_value(&s.ente).map_err(|e| {
        let message = Message::new(kind::JSON_WRITE_FAILED, [("detail", e.to_string().into())]);
        Error::new(Diagnostic::coded(Severity::Error, message, None))
    })?;
    let mut top = Map::new();
    top.insert("schema_version".into(), s.schema_version.into());
    top.insert("edizione".into(), s.edizione.code().into());
    top.insert("anno".into(), s.anno.into());
    top.insert("ente".into(), ente);
    let d = s.edizione.description();
    for q in &d.quadri {
        let mut quadro = Map::new();
        let mut questions = false;
        for v in &q.voci {
            match &v.kind {
                VoceKind::Riga(r) if r.codice == d.regole.relazione => {
                    let text = s.relazione().map_or(Value::Null, Value::from);
                    quadro.insert("relazione".into(), text);
                }
                VoceKind::Riga(r) => {
                    if let Some(value) = row(s, r) {
                        quadro.insert(r.codice.clone(), value);
                    }
                }
                // The answers, in the questions' order, where the first
                // question stands; none given, no key.
                VoceKind::Domanda { .. } if !questions => {
                    questions = true;
                    let answers: Map<String, Value> = d
                        .domande()
                        .filter_map(|(c, _)| Some((c.to_string(), s.risposta(c)?.into())))
                        .collect();
                    if !answers.is_empty() {
                        quadro.insert("risposte".into(), Value::Object(answers));
                    }
                }
                _ => {}
            }
        }
        top.insert(format!("quadro{}", q.numero), Value::Object(quadro));
    }
    Ok(Value::Object(top))
}

/// The JSON of row `r` of `s`; `None` for a blank `facoltativa` row.
fn row(s: &Scheda, r: &Riga) -> Option<Value> {
    let cell = |c: &Colonna| {
        s.valore(&r.codice, c.campo.as_deref())
            .map_or(Value::Null, |v| value(c, &v))
    };
    let v = match r.colonne.as_slice() {
        [one] if one.campo.is_none() => cell(one),
        cols => Value::Object(
            cols.iter()
                .filter_map(|c| Some((c.campo.clone()?, cell(c))))
                .collect(),
        ),
    };
    let blank = match &v {
        Value::Object(m) => m.values().all(Value::is_null),
        other => other.is_null(),
    };
    (!(r.facoltativa && blank)).then_some(v)
}

/// The JSON of one value of column `c`: an exact number written with the
/// decimals its kind asks for at least (`0.00` for an amount, `72` for a
/// mean printed whole).
fn value(c: &Colonna, v: &Valore) -> Value {
    match v {
        Valore::Intero(n) => Value::from(*n),
        Valore::Decimale(d) => {
            Value::from_str(&to_plain(*d, written_places(c.tipo))).unwrap_or(Value::Null)
        }
        Valore::Testo(t) => Value::from(t.as_str()),
        Valore::SiNo(b) => Value::from(*b),
    }
}
