//! Writer for the canonical JSON model: keys in the form's order, amounts
//! with two decimals, two-space indentation and a final newline, so that the
//! same model always gives the same bytes.

use serde_json::Value;

use crate::diagnostic::{Diagnostic, Error, Result, Severity};
use crate::messages::{Message, kind};
use crate::model::Scheda;

/// Write one model as pretty JSON.
pub fn write(scheda: &Scheda) -> Result<Vec<u8>> {
    let mut out = serde_json::to_vec_pretty(&to_value(scheda)?).map_err(|e| {
        Error::new(Diagnostic::coded(
            Severity::Error,
            Message::new(kind::JSON_WRITE_FAILED, [("detail", e.to_string().into())]),
            Some(Message::new(kind::WRITER_INTERNAL_HINT, [])),
        ))
    })?;
    out.push(b'\n');
    Ok(out)
}

/// The model as a JSON value: the typed fields, and the rows of a newer
/// edition in their place.
pub(crate) fn to_value(scheda: &Scheda) -> Result<Value> {
    crate::model::to_value(scheda)
}
