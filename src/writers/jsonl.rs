//! Writer for JSON Lines (`.jsonl`): each form as its canonical model
//! (the same keys and values as [`super::json`]) on one compact line, in
//! the order given.

use crate::diagnostic::{Diagnostic, Error, Result, Severity};
use crate::messages::{Message, kind};
use crate::model::Scheda;

/// Write one form as a one-line JSON Lines file.
pub fn write(scheda: &Scheda) -> Result<Vec<u8>> {
    write_many(std::slice::from_ref(scheda))
}

/// Write every form, one line each.
pub fn write_many(schede: &[Scheda]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    for scheda in schede {
        serde_json::to_writer(&mut out, &super::json::to_value(scheda)?).map_err(|e| {
            Error::new(Diagnostic::coded(
                Severity::Error,
                Message::new(kind::JSONL_WRITE_FAILED, [("error", e.to_string().into())]),
                Some(Message::new(kind::WRITER_INTERNAL_HINT, [])),
            ))
        })?;
        out.push(b'\n');
    }
    Ok(out)
}
