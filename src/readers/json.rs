//! Reader for the canonical JSON model (docs/model.md, version 1).
//!
//! Numbers are read exactly (serde_json `arbitrary_precision`); an unknown
//! `schema_version` is refused before anything else is looked at; unknown
//! fields and values of the wrong kind are errors named by their JSON pointer.

use crate::diagnostic::{Diagnostic, Error, Location, Result, Warned};
use crate::model::{SCHEMA_VERSION, Scheda};

/// Read one model from JSON bytes.
pub fn read(bytes: &[u8]) -> Result<Warned<Scheda>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        Error::new(
            Diagnostic::error(format!(
                "the JSON is not valid UTF-8 (byte {})",
                e.valid_up_to()
            ))
            .with_hint("save the file as UTF-8"),
        )
    })?;
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        Error::new(
            Diagnostic::error(format!("failed to parse JSON ({e})")).at(Location::line(e.line())),
        )
    })?;
    check_version(&value)?;
    let scheda: Scheda = serde_path_to_error::deserialize(&value).map_err(|e| {
        let pointer = to_pointer(&e.path().to_string());
        let message = e.inner().to_string();
        let hint = if message.starts_with("unknown field") {
            Some("the model's fields are listed in docs/model.md; check the spelling")
        } else if message.contains("expected u64") || message.contains("expected u32") {
            Some("users, hours and inhabitants are non-negative whole numbers")
        } else {
            None
        };
        let mut d =
            Diagnostic::error(format!("invalid model: {message}")).at(Location::pointer(pointer));
        if let Some(hint) = hint {
            d = d.with_hint(hint);
        }
        Error::new(d)
    })?;
    let problems = scheda.validate();
    if !problems.is_empty() {
        return Err(Error::many(problems));
    }
    Ok(Warned::new(scheda))
}

fn check_version(value: &serde_json::Value) -> Result<()> {
    let Some(object) = value.as_object() else {
        return Err(Error::new(
            Diagnostic::error("the JSON is not an object: expected a scheda model")
                .at(Location::pointer("")),
        ));
    };
    match object.get("schema_version") {
        None => Err(Error::new(
            Diagnostic::error("missing schema_version")
                .at(Location::pointer("/schema_version"))
                .with_hint(format!("add \"schema_version\": {SCHEMA_VERSION}")),
        )),
        Some(v) if v.as_u64() == Some(u64::from(SCHEMA_VERSION)) => Ok(()),
        Some(v) => Err(Error::new(
            Diagnostic::error(format!(
                "unsupported schema_version {v} (this build reads version {SCHEMA_VERSION})"
            ))
            .at(Location::pointer("/schema_version"))
            .with_hint("a newer model needs a newer scheda"),
        )),
    }
}

/// `quadro1.M12.utenti` -> `/quadro1/M12/utenti`; `quadro4.risposte.R99` likewise.
fn to_pointer(path: &str) -> String {
    if path == "." || path.is_empty() {
        return String::new();
    }
    path.split('.')
        .map(|seg| {
            let seg = seg.trim_start_matches('[').trim_end_matches(']');
            format!("/{}", seg.replace('~', "~0").replace('/', "~1"))
        })
        .collect()
}
