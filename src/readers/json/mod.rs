//! Reader for the canonical JSON model (docs/model.md, version 1).
//!
//! Numbers are read exactly (serde_json `arbitrary_precision`); an unknown
//! `schema_version` is refused before anything else is looked at; unknown
//! fields and values of the wrong kind are errors named by their JSON
//! pointer (RFC 6901).

use serde_json::Value;
use serde_path_to_error::Segment;

use crate::diagnostic::{Diagnostic, Error, Location, Result, Severity, Warned};
use crate::limits::{self, Limits};
use crate::messages::{Arg, Message, kind};
use crate::model::paths::{self, Kind};
use crate::model::{SCHEMA_VERSION, Scheda};
use crate::readers::partial::{self, Blanked, Mode, Partial};
use crate::templates::Templates;

mod shape;

use shape::Refused;

/// Read one model from JSON bytes, of a built-in edition.
pub fn read(bytes: &[u8]) -> Result<Warned<Scheda>> {
    read_with(bytes, &Limits::default(), &Templates::builtin())
}

/// [`read`] within `limits` (the nesting depth), of an edition of
/// `templates`.
pub fn read_with(bytes: &[u8], limits: &Limits, templates: &Templates) -> Result<Warned<Scheda>> {
    partial::whole_one(read_in(bytes, limits, templates, Mode::Strict)?)
}

/// [`read_with`] in `mode`: a lenient read leaves blank the fields whose
/// value the model refuses ([`crate::readers::read_partial`]).
pub(crate) fn read_in(
    bytes: &[u8],
    limits: &Limits,
    templates: &Templates,
    mode: Mode,
) -> Result<Warned<Partial>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        Error::new(Diagnostic::coded(
            Severity::Error,
            Message::new(kind::JSON_NOT_UTF8, [("byte", e.valid_up_to().into())]),
            Some(Message::new(kind::SAVE_AS_UTF8, [])),
        ))
    })?;
    check_depth(text, limits.json_depth, 0)?;
    let value: Value = serde_json::from_str(text).map_err(|e| {
        let message = Message::new(
            if e.is_eof() {
                kind::JSON_TRUNCATED
            } else {
                kind::JSON_SYNTAX
            },
            [
                ("line", e.line().into()),
                ("column", e.column().into()),
                ("detail", e.to_string().into()),
            ],
        );
        let hint = (e.to_string().starts_with("trailing characters") && e.column() == 1)
            .then(|| Message::new(kind::JSON_IS_JSONL_HINT, []));
        Error::new(Diagnostic::coded(Severity::Error, message, hint).at(Location::line(e.line())))
    })?;
    from_value_in(value, templates, mode)
}

/// Read one model from a parsed JSON value: the version first, then the
/// fields, then the model's own constraints.
pub(crate) fn from_value(value: Value, templates: &Templates) -> Result<Warned<Scheda>> {
    partial::whole_one(from_value_in(value, templates, Mode::Strict)?)
}

/// [`from_value`] in `mode`: strict, the first field the model refuses
/// fails the read; lenient, each such field of the form is read as blank
/// and the model read again, until it reads or refuses something that is
/// no field of the form.
fn from_value_in(mut value: Value, templates: &Templates, mode: Mode) -> Result<Warned<Partial>> {
    check_version(&value)?;
    // The form's fields, to tell a field from anything else.
    let form = value
        .get("edizione")
        .and_then(Value::as_str)
        .and_then(|c| templates.find(c))
        .map(Scheda::empty);
    let mut errors: Vec<Blanked> = Vec::new();
    let scheda: Scheda = loop {
        let e = match shape::scheda(&value, templates) {
            Ok(scheda) => break scheda,
            Err(e) => *e,
        };
        let pointer = e.pointer;
        let error = match e.refused {
            Refused::Serde { dotted, message } => {
                field_error(&value, &pointer, &dotted, &message, templates)
            }
            Refused::Coded { message, hint } => {
                Diagnostic::coded(Severity::Error, message, hint).at(Location::pointer(&pointer))
            }
        };
        let field = form.as_ref().and_then(|f| partial::field(f, &pointer));
        // Each field is blanked once: refused blank, it is no field.
        let again = errors.iter().any(|b| b.pointers.contains(&pointer));
        if mode == Mode::Strict || field.is_none() || again || !blank_at(&mut value, &pointer) {
            return Err(Error::new(error));
        }
        errors.push(Blanked {
            diagnostic: error,
            pointers: vec![pointer],
        });
    };
    let mut read = Partial { scheda, errors };
    let warnings = partial::constrain(&mut read, mode, |_| None)?;
    Ok(Warned {
        value: read,
        warnings,
    })
}

/// Blank the value at `pointer`: `null`, or for an answer of Quadro 4 no
/// key at all (the model holds the answers given). Whether there was one.
fn blank_at(value: &mut Value, pointer: &str) -> bool {
    if let Some((parent, key)) = pointer.rsplit_once('/')
        && parent == "/quadro4/risposte"
    {
        return value
            .pointer_mut(parent)
            .and_then(Value::as_object_mut)
            .and_then(|o| o.remove(key))
            .is_some();
    }
    match value.pointer_mut(pointer) {
        Some(v) => {
            *v = Value::Null;
            true
        }
        None => false,
    }
}

/// The diagnostic for a field the model's deserialiser refused.
fn field_error(
    value: &Value,
    pointer: &str,
    dotted: &str,
    message: &str,
    templates: &Templates,
) -> Diagnostic {
    let at = Location::pointer(pointer);
    // The name serde quotes first: `unknown field `x``, `missing field `x``.
    let quoted = || -> Arg { message.split('`').nth(1).unwrap_or_default().into() };
    if message.starts_with("unknown field") {
        let message = Message::new(
            kind::UNKNOWN_FIELD,
            [("field", quoted()), ("detail", message.into())],
        );
        let hint = Message::new(kind::UNKNOWN_FIELD_HINT, []);
        return Diagnostic::coded(Severity::Error, message, Some(hint)).at(at);
    }
    let integer = paths::kind_of(dotted, templates.editions()) == Some(Kind::Integer);
    if let (true, Some(found)) = (integer, value.pointer(pointer)) {
        let found = shape::found_count(found);
        if dotted == "anno" {
            let message = Message::new(kind::MODEL_YEAR, [("found", found.into())]);
            return Diagnostic::coded(Severity::Error, message, None).at(at);
        }
        let message = Message::new(kind::MODEL_COUNT, [("found", found.into())]);
        let hint = Message::new(kind::COUNT_HINT, []);
        return Diagnostic::coded(Severity::Error, message, Some(hint)).at(at);
    }
    let message = if message.starts_with("missing field") {
        Message::new(
            kind::MISSING_FIELD,
            [("field", quoted()), ("detail", message.into())],
        )
    } else if let Some(rest) = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "))
    {
        // `invalid type: string "abc", expected ...`: what was found, and
        // what the field wants.
        let (found, wanted) = rest.rsplit_once(", expected ").unwrap_or((rest, ""));
        let found = value
            .pointer(pointer)
            .map_or_else(|| found.to_string(), Value::to_string);
        let k = if wanted.contains("Decimal") || wanted.contains("number") {
            kind::WANT_NUMBER
        } else if wanted.contains("boolean") {
            kind::WANT_YES_NO
        } else if wanted.contains("string") {
            kind::WANT_TEXT
        } else {
            kind::WRONG_TYPE
        };
        Message::new(k, [("found", found.into()), ("detail", message.into())])
    } else if let Some(own) = own_parser(dotted, value.pointer(pointer), templates) {
        own
    } else {
        Message::new(kind::INVALID_VALUE, [("detail", message.into())])
    };
    Diagnostic::coded(Severity::Error, message, None).at(at)
}

/// The message of the parser of a field that has its own (the edition, the
/// date), for the text it refused: serde only keeps its English.
fn own_parser(dotted: &str, found: Option<&Value>, templates: &Templates) -> Option<Message> {
    let text = found?.as_str()?;
    match dotted {
        "edizione" => templates.edizione(text).err(),
        "ente.data" => text.parse::<crate::model::DataOra>().err(),
        _ => None,
    }
}

/// The key serde_json uses inside a number read with arbitrary precision;
/// not a place in the document.
const NUMBER_TOKEN: &str = "$serde_json::private::Number";

/// The path of a field as its dotted name (`ente.data`), for its kind.
fn dotted(path: &serde_path_to_error::Path) -> String {
    let keys: Vec<&str> = path
        .iter()
        .filter_map(|s| match s {
            Segment::Map { key } if key != NUMBER_TOKEN => Some(key.as_str()),
            _ => None,
        })
        .collect();
    keys.join(".")
}

/// The RFC 6901 pointer of a path: `/quadro1/M12/utenti`; `~` is written
/// `~0` and `/` is written `~1` inside a key.
fn pointer(path: &serde_path_to_error::Path) -> String {
    let mut out = String::new();
    for segment in path {
        match segment {
            Segment::Map { key } if key == NUMBER_TOKEN => {}
            Segment::Map { key } => {
                out.push('/');
                out.push_str(&key.replace('~', "~0").replace('/', "~1"));
            }
            Segment::Enum { variant } => {
                out.push('/');
                out.push_str(&variant.replace('~', "~0").replace('/', "~1"));
            }
            Segment::Seq { index } => out.push_str(&format!("/{index}")),
            Segment::Unknown => {}
        }
    }
    out
}

fn check_version(value: &Value) -> Result<()> {
    let Some(object) = value.as_object() else {
        return Err(Error::new(
            Diagnostic::coded(
                Severity::Error,
                Message::new(kind::JSON_NOT_OBJECT, []),
                None,
            )
            .at(Location::pointer("")),
        ));
    };
    match object.get("schema_version") {
        None => Err(Error::new(
            Diagnostic::coded(
                Severity::Error,
                Message::new(kind::SCHEMA_VERSION_MISSING, []),
                Some(Message::new(
                    kind::SCHEMA_VERSION_MISSING_HINT,
                    [("version", SCHEMA_VERSION.to_string().into())],
                )),
            )
            .at(Location::pointer("/schema_version")),
        )),
        Some(v) if v.as_u64() == Some(u64::from(SCHEMA_VERSION)) => Ok(()),
        Some(v) => Err(Error::new(
            Diagnostic::coded(
                Severity::Error,
                Message::new(
                    kind::SCHEMA_VERSION_UNSUPPORTED,
                    [
                        ("found", v.to_string().into()),
                        ("version", SCHEMA_VERSION.to_string().into()),
                    ],
                ),
                Some(Message::new(kind::SCHEMA_VERSION_UNSUPPORTED_HINT, [])),
            )
            .at(Location::pointer("/schema_version")),
        )),
    }
}

/// Refuse JSON nested deeper than `max` arrays and objects before it is
/// parsed (the model nests 4 deep); `first_line` is added to the line
/// named (for a line of a JSON Lines file).
pub(crate) fn check_depth(text: &str, max: usize, first_line: usize) -> Result<()> {
    let (mut depth, mut line) = (0usize, 1usize);
    let (mut in_string, mut escaped) = (false, false);
    for b in text.bytes() {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            if b == b'\n' {
                line += 1;
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > max {
                    return Err(Error::new(
                        limits::exceeded(
                            Message::new(kind::JSON_TOO_DEEP, [("max", max.into())]),
                            "json-depth",
                            Message::new(kind::LIMIT_JSON_DEPTH, [("max", max.into())]),
                        )
                        .at(Location::line(first_line + line)),
                    ));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b'\n' => line += 1,
            _ => {}
        }
    }
    Ok(())
}
