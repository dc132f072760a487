//! The rows of [`Scheda::altre`] in the canonical JSON: each in its quadro,
//! keyed by its code like every other row, in the form's order; a one-value
//! row is a value, any other an object of its columns. The edition's
//! description says which rows exist and what each column holds, so these
//! rows are read and checked from it ([`take_altre`]) and written back in
//! place ([`put_altre`]). Typed rows that the edition does not have (a row
//! an edition dropped) are left out when writing, as they are always blank.

use std::str::FromStr;

use rust_decimal::Decimal;
use serde_json::{Map, Value};

use super::{Edizione, Scheda, Valore};
use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::form::{Colonna, Tipo};
use crate::messages::{Message, kind};
use crate::number::to_plain;

const QUADRI: [&str; 4] = ["quadro1", "quadro2", "quadro3", "quadro4"];

/// Take out of a model's JSON the rows its edition describes and the typed
/// model has no field for, converted by their columns' kinds; errors name
/// their JSON pointer. An unknown edition is left to the deserialiser.
pub(crate) fn take_altre(value: &mut Value) -> Result<super::Altre, Vec<Diagnostic>> {
    let mut altre = super::Altre::new();
    let Some(edizione) = value
        .get("edizione")
        .and_then(Value::as_str)
        .and_then(|c| c.parse::<Edizione>().ok())
    else {
        return Ok(altre);
    };
    let d = edizione.description();
    let mut errors = Vec::new();
    for (numero, riga) in d.righe() {
        if Scheda::is_typed_row(&riga.codice) {
            continue;
        }
        let quadro = QUADRI[usize::from(numero.clamp(1, 4) - 1)];
        let Some(row) = value
            .get_mut(quadro)
            .and_then(Value::as_object_mut)
            .and_then(|q| q.remove(&riga.codice))
        else {
            continue;
        };
        let base = format!("/{quadro}/{}", riga.codice);
        let mut cells = std::collections::BTreeMap::new();
        match (riga.colonne.as_slice(), row) {
            (_, Value::Null) => {}
            ([one], v) if one.campo.is_none() => match convert(one, &v) {
                Ok(Some(x)) => {
                    cells.insert(String::new(), x);
                }
                Ok(None) => {}
                Err(e) => errors
                    .push(Diagnostic::coded(Severity::Error, e, None).at(Location::pointer(&base))),
            },
            (cols, Value::Object(map)) => {
                for (key, v) in map {
                    let pointer = format!("{base}/{key}");
                    let Some(col) = cols.iter().find(|c| c.campo.as_deref() == Some(&key)) else {
                        let message = Message::new(
                            kind::UNKNOWN_FIELD,
                            [
                                ("field", key.as_str().into()),
                                ("detail", format!("unknown field `{key}`").into()),
                            ],
                        );
                        errors.push(
                            Diagnostic::coded(Severity::Error, message, None)
                                .at(Location::pointer(pointer)),
                        );
                        continue;
                    };
                    match convert(col, &v) {
                        Ok(Some(x)) => {
                            cells.insert(key, x);
                        }
                        Ok(None) => {}
                        Err(e) => errors.push(
                            Diagnostic::coded(Severity::Error, e, None)
                                .at(Location::pointer(pointer)),
                        ),
                    }
                }
            }
            (_, other) => {
                let message = Message::new(
                    kind::ROW_NOT_AN_OBJECT,
                    [
                        ("row", riga.codice.as_str().into()),
                        ("found", other.to_string().into()),
                    ],
                );
                errors.push(
                    Diagnostic::coded(Severity::Error, message, None).at(Location::pointer(base)),
                );
            }
        }
        if !cells.is_empty() {
            altre.insert(riga.codice.clone(), cells);
        }
    }
    if errors.is_empty() {
        Ok(altre)
    } else {
        Err(errors)
    }
}

/// A JSON value as a column of kind `col.tipo` holds it; `None` for null.
fn convert(col: &Colonna, v: &Value) -> Result<Option<Valore>, Message> {
    if v.is_null() {
        return Ok(None);
    }
    let found = |k| Message::new(k, [("found", v.to_string().into())]);
    Ok(Some(match col.tipo {
        Tipo::Utenti | Tipo::Ore | Tipo::Abitanti | Tipo::Rapporto | Tipo::RapportoAts => v
            .as_u64()
            .map(Valore::Intero)
            .ok_or_else(|| found(kind::MODEL_COUNT))?,
        Tipo::Media | Tipo::Personale | Tipo::Percentuale | Tipo::Euro => {
            let d = match v {
                Value::Number(n) => Decimal::from_str(&n.to_string())
                    .or_else(|_| Decimal::from_scientific(&n.to_string()))
                    .ok(),
                _ => None,
            }
            .ok_or_else(|| found(kind::MODEL_NUMBER))?;
            if d.is_sign_negative() && !d.is_zero() {
                return Err(super::validate::negative(d));
            }
            let places = match col.tipo {
                Tipo::Personale | Tipo::Euro => Some(2),
                _ => None,
            };
            if let Some(max) = places
                && d.normalize().scale() > max
            {
                return Err(super::validate::too_many_decimals(d, max));
            }
            Valore::Decimale(d)
        }
        Tipo::Testo | Tipo::Relazione => Valore::Testo(
            v.as_str()
                .ok_or_else(|| found(kind::MODEL_TEXT))?
                .to_string(),
        ),
        Tipo::Sino => Valore::SiNo(v.as_bool().ok_or_else(|| found(kind::MODEL_YES_NO))?),
    }))
}

/// The JSON of one value of a column.
fn json_of(col: &Colonna, v: &Valore) -> Value {
    match v {
        Valore::Intero(n) => Value::from(*n),
        Valore::Decimale(d) => {
            let places = match col.tipo {
                Tipo::Personale | Tipo::Euro => 2,
                _ => 0,
            };
            Value::from_str(&to_plain(*d, places)).unwrap_or(Value::Null)
        }
        Valore::Testo(t) => Value::from(t.as_str()),
        Valore::SiNo(b) => Value::from(*b),
    }
}

/// The canonical JSON value of `s`: its typed fields, and the rows of a
/// newer edition in their place. The JSON writers write it; a reader
/// compares two models by it.
pub(crate) fn to_value(s: &Scheda) -> crate::diagnostic::Result<Value> {
    let mut value = serde_json::to_value(s).map_err(|e| {
        let message = Message::new(kind::JSON_WRITE_FAILED, [("detail", e.to_string().into())]);
        crate::diagnostic::Error::new(Diagnostic::coded(Severity::Error, message, None))
    })?;
    put_altre(s, &mut value);
    Ok(value)
}

/// Put the rows of `s.altre` into its JSON `value`, each in its quadro after
/// the row that precedes it on the form, and drop the typed rows its edition
/// does not have.
pub(crate) fn put_altre(s: &Scheda, value: &mut Value) {
    let d = s.edizione.description();
    let righe: Vec<(u8, &crate::form::Riga)> = d.righe().collect();
    for (i, quadro) in QUADRI.iter().enumerate() {
        let numero = i as u8 + 1;
        let Some(Value::Object(map)) = value.get_mut(*quadro) else {
            continue;
        };
        let old = std::mem::take(map);
        let mut new = Map::new();
        let extra = |after: Option<&str>, new: &mut Map<String, Value>| {
            // Every described row of this quadro that follows `after` on the
            // form and has no typed field, up to the next typed row.
            let start = match after {
                None => 0,
                Some(code) => match righe.iter().position(|(_, r)| r.codice == code) {
                    Some(p) => p + 1,
                    None => return,
                },
            };
            for (q, riga) in &righe[start.min(righe.len())..] {
                if Scheda::is_typed_row(&riga.codice) {
                    break;
                }
                if *q != numero {
                    continue;
                }
                let cells = s.altre.get(&riga.codice);
                let v = match riga.colonne.as_slice() {
                    [one] if one.campo.is_none() => cells
                        .and_then(|c| c.get(""))
                        .map_or(Value::Null, |v| json_of(one, v)),
                    cols => Value::Object(
                        cols.iter()
                            .filter_map(|c| {
                                let campo = c.campo.clone()?;
                                let v = cells
                                    .and_then(|cells| cells.get(&campo))
                                    .map_or(Value::Null, |v| json_of(c, v));
                                Some((campo, v))
                            })
                            .collect(),
                    ),
                };
                new.insert(riga.codice.clone(), v);
            }
        };
        if numero == 1 {
            extra(None, &mut new);
        }
        for (key, v) in old {
            let dropped = Scheda::is_typed_row(&key)
                && d.riga(&key).is_none()
                && !d.domande().any(|(c, _)| c == key);
            if !dropped {
                new.insert(key.clone(), v);
            }
            extra(Some(&key), &mut new);
        }
        *map = new;
    }
}
