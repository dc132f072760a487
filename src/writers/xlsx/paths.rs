//! The fields of the model as flat paths (`quadro1.M12.utenti`), for the
//! multi-Comune workbook: one column per path.
//!
//! Everything here is derived from the model through serde, so the columns
//! cannot drift from `model.rs`: a model is serialised to a JSON value and
//! flattened; the kind of value a path takes (text, whole number, decimal,
//! SI/NO) is found by asking the model's own deserialiser.

use std::collections::BTreeMap;
use std::str::FromStr;
use std::sync::OnceLock;

use serde_json::{Map, Number, Value};

use crate::model::{Domanda, Edizione, Scheda};

/// The path of the JSON `schema_version`: not a field of the form, so not a
/// column (a reader accepts it all the same).
pub(crate) const SCHEMA_VERSION: &str = "schema_version";

/// What a path holds, as the model's deserialiser accepts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A string (names, free text, the edition).
    Text,
    /// A non-negative whole number (users, hours, inhabitants).
    Integer,
    /// An exact decimal (amounts, staff counts, percentages).
    Decimal,
    /// A yes/no answer (`SI`/`NO` in the sheet).
    Bool,
    /// A date and time (`ente.data`): ISO in the model, `dd/mm/yyyy hh:mm`
    /// or a date cell in a sheet.
    DateTime,
}

/// Every leaf of `s` (nulls included) as `(path, value)`, in the model's order.
pub(crate) fn leaves(s: &Scheda) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    // Serialising the model cannot fail: every key is a string and every
    // number is finite.
    if let Ok(value) = serde_json::to_value(s) {
        flatten("", &value, &mut out);
    }
    out
}

fn flatten(prefix: &str, value: &Value, out: &mut Vec<(String, Value)>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                let path = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                flatten(&path, v, out);
            }
        }
        leaf => out.push((prefix.to_string(), leaf.clone())),
    }
}

/// A form of `ed` in which the fields that serialisation leaves out when
/// empty (SOC26's R02X/R02Y/R02A, SOC25's answers) are present, so that
/// flattening it lists every field of the edition.
fn exemplar(ed: Edizione) -> Scheda {
    let mut s = Scheda::empty(ed);
    let d = ed.description();
    if d.regole.domande {
        s.quadro4.risposte = Domanda::all().map(|d| (d, false)).collect();
    }
    let zero = Some(rust_decimal::Decimal::ZERO);
    let q1 = &mut s.quadro1;
    for (code, field) in [
        ("R02X", &mut q1.R02X),
        ("R02Y", &mut q1.R02Y),
        ("R02A", &mut q1.R02A),
    ] {
        if d.riga(code).is_some() {
            *field = zero;
        }
    }
    s
}

fn paths_of(s: &Scheda) -> Vec<String> {
    leaves(s).into_iter().map(|(p, _)| p).collect()
}

/// Insert the paths of `other` missing from `base`, each right after the
/// path that precedes it in `other`: the model's order is kept.
fn merge(base: &mut Vec<String>, other: &[String]) {
    for (i, path) in other.iter().enumerate() {
        if base.contains(path) {
            continue;
        }
        let at = match i.checked_sub(1).map(|j| &other[j]) {
            Some(prev) => base
                .iter()
                .position(|p| p == prev)
                .map_or(base.len(), |k| k + 1),
            None => 0,
        };
        base.insert(at, path.clone());
    }
}

/// The columns of a multi-Comune workbook for `schede`: every field of the
/// editions present (both when there are none), in the model's order.
pub(crate) fn columns(schede: &[Scheda]) -> Vec<String> {
    let mut cols = Vec::new();
    for ed in Edizione::ALL {
        if schede.is_empty() || schede.iter().any(|s| s.edizione == ed) {
            merge(&mut cols, &paths_of(&exemplar(ed)));
        }
    }
    for s in schede {
        merge(&mut cols, &paths_of(s));
    }
    cols.retain(|p| p != SCHEMA_VERSION);
    cols
}

/// Every path the model knows (both editions), `schema_version` included.
pub(crate) fn known() -> &'static BTreeMap<String, Kind> {
    static KNOWN: OnceLock<BTreeMap<String, Kind>> = OnceLock::new();
    KNOWN.get_or_init(|| {
        let mut all = Vec::new();
        for ed in Edizione::ALL {
            merge(&mut all, &paths_of(&exemplar(ed)));
        }
        all.into_iter()
            .map(|path| {
                let kind = probe(&path);
                (path, kind)
            })
            .collect()
    })
}

/// The kind of `path`, found by trying values on an empty model.
fn probe(path: &str) -> Kind {
    let Ok(base) = serde_json::to_value(Scheda::empty(Edizione::SOC26)) else {
        return Kind::Text;
    };
    let accepts = |v: Value| {
        let mut doc = base.clone();
        set(&mut doc, path, v);
        serde_json::from_value::<Scheda>(doc).is_ok()
    };
    let number = |s: &str| {
        Number::from_str(s)
            .map(Value::Number)
            .unwrap_or(Value::Null)
    };
    if accepts(Value::String("x".into())) {
        Kind::Text
    } else if accepts(number("1.5")) {
        Kind::Decimal
    } else if accepts(number("1")) {
        Kind::Integer
    } else if accepts(Value::Bool(true)) {
        Kind::Bool
    } else if accepts(Value::String("2026-01-01T00:00".into())) {
        Kind::DateTime
    } else {
        // A string with a shape of its own (the edition, the date).
        Kind::Text
    }
}

/// Set the leaf at `path` in `doc`, creating the objects on the way.
pub(crate) fn set(doc: &mut Value, path: &str, value: Value) {
    let mut node = doc;
    let mut parts = path.split('.').peekable();
    while let Some(key) = parts.next() {
        if !node.is_object() {
            *node = Value::Object(Map::new());
        }
        let Value::Object(map) = node else { return };
        if parts.peek().is_none() {
            map.insert(key.to_string(), value);
            return;
        }
        node = map
            .entry(key.to_string())
            .or_insert_with(|| Value::Object(Map::new()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_follow_the_model() {
        let soc25 = columns(&[Scheda::empty(Edizione::SOC25)]);
        assert_eq!(soc25[..3], ["edizione", "anno", "ente.denominazione"]);
        assert!(soc25.contains(&"quadro4.risposte.R16".to_string()));
        assert!(!soc25.iter().any(|p| p.contains("R02X")));
        let both = columns(&[
            Scheda::empty(Edizione::SOC25),
            Scheda::empty(Edizione::SOC26),
        ]);
        let at = |p: &str| both.iter().position(|c| c == p).unwrap();
        assert!(at("quadro1.R02.anno") < at("quadro1.R02X"));
        assert!(at("quadro1.R02A") < at("quadro1.R03"));
        assert!(at("quadro4.risposte.R39") < at("quadro4.relazione"));
        assert_eq!(both.len(), soc25.len() + 3);
    }

    #[test]
    fn kinds_come_from_the_deserialiser() {
        let k = known();
        assert_eq!(k["quadro1.M12.utenti"], Kind::Integer);
        assert_eq!(k["quadro1.M12.media_ore"], Kind::Decimal);
        assert_eq!(k["quadro2.R06"], Kind::Decimal);
        assert_eq!(k["quadro1.R0C"], Kind::Text);
        assert_eq!(k["ente.data"], Kind::DateTime);
        assert_eq!(k["edizione"], Kind::Text);
        assert_eq!(k["anno"], Kind::Integer);
        assert_eq!(k["quadro4.risposte.R20"], Kind::Bool);
        assert_eq!(k["schema_version"], Kind::Integer);
    }
}
