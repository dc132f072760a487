//! Reader for JSON Lines (`.jsonl`): one canonical model per line, as the
//! JSON reader reads it ([`super::json`]). Blank lines are skipped. Every
//! error names its line and, inside the model, its JSON pointer; the errors
//! of every line are reported together.

use crate::diagnostic::{Diagnostic, Error, Location, Result, Severity, Warned};
use crate::limits::{self, Limits};
use crate::messages::{Message, kind};
use crate::model::Scheda;
use crate::templates::Templates;

/// Read every model of a JSON Lines file, in order, of built-in editions.
pub fn read(bytes: &[u8]) -> Result<Warned<Vec<Scheda>>> {
    read_with(bytes, &Limits::default(), &Templates::builtin())
}

/// [`read`] within `limits` (the number of forms, the nesting depth), of
/// editions of `templates`.
pub fn read_with(
    bytes: &[u8],
    limits: &Limits,
    templates: &Templates,
) -> Result<Warned<Vec<Scheda>>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = 1 + bytes
            .iter()
            .take(e.valid_up_to())
            .filter(|&&b| b == b'\n')
            .count();
        Error::new(
            Diagnostic::coded(
                Severity::Error,
                Message::new(kind::JSONL_NOT_UTF8, [("byte", e.valid_up_to().into())]),
                Some(Message::new(kind::SAVE_AS_UTF8, [])),
            )
            .at(Location::line(line)),
        )
    })?;
    let mut schede = Vec::new();
    let (mut errors, mut warnings) = (Vec::new(), Vec::new());
    for (i, line) in text.lines().enumerate() {
        let no = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        if schede.len() + errors.len() >= limits.forms {
            return Err(Error::new(
                limits::exceeded(
                    Message::new(kind::TOO_MANY_FORMS, [("n", limits.forms.into())]),
                    "forms",
                    Message::new(kind::LIMIT_FORMS, [("n", limits.forms.into())]),
                )
                .at(Location::line(no)),
            ));
        }
        match read_line(line, no, limits, templates) {
            Ok(s) => {
                schede.push(s.value);
                warnings.extend(s.warnings);
            }
            Err(e) => errors.extend(e.diagnostics),
        }
    }
    if !errors.is_empty() {
        return Err(Error::many(errors).with_warnings(warnings));
    }
    Ok(Warned {
        value: schede,
        warnings,
    })
}

/// One model from the text of line `no` (1-based) of a JSON Lines file;
/// the diagnostics are placed on that line. For reading a file one line
/// at a time, as `scheda batch` does.
pub fn read_line(
    line: &str,
    no: usize,
    limits: &Limits,
    templates: &Templates,
) -> Result<Warned<Scheda>> {
    super::json::check_depth(line, limits.json_depth, no - 1)?;
    let value: serde_json::Value = serde_json::from_str(line).map_err(|e| {
        let message = e.to_string();
        // serde_json says "at line 1 column N": the line is the file's.
        let message = message
            .rsplit_once(" at line ")
            .map_or(message.as_str(), |(m, _)| m);
        Error::new(
            Diagnostic::coded(
                Severity::Error,
                Message::new(
                    kind::JSONL_SYNTAX,
                    [("detail", message.into()), ("column", e.column().into())],
                ),
                Some(Message::new(kind::JSONL_SYNTAX_HINT, [])),
            )
            .at(Location::line(no)),
        )
    })?;
    match super::json::from_value(value, templates) {
        Ok(read) => Ok(Warned {
            value: read.value,
            warnings: read.warnings.into_iter().map(|d| on_line(d, no)).collect(),
        }),
        Err(e) => Err(Error {
            diagnostics: e.diagnostics.into_iter().map(|d| on_line(d, no)).collect(),
        }),
    }
}

/// Place a diagnostic of a model on line `no` of the file.
fn on_line(mut d: Diagnostic, no: usize) -> Diagnostic {
    d.location = Some(match d.location.take() {
        Some(Location::Pointer { pointer }) => Location::line_pointer(no, pointer),
        _ => Location::line(no),
    });
    d
}
