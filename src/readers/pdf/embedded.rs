//! The form's canonical JSON carried inside scheda's PDFs as an associated
//! file (`scheda.json`, `AFRelationship` Data), and how it is reconciled
//! with the page text.

use hayro_interpret::hayro_syntax::Pdf;
use hayro_interpret::hayro_syntax::object::{Array, Dict, Stream, String as PdfString};
use serde_json::Value;

use crate::diagnostic::{Diagnostic, Error, Location, Result, Severity, Warned};
use crate::messages::{Arg, Message, kind};
use crate::model::Scheda;

/// The name scheda gives the attached file.
pub const FILE_NAME: &str = "scheda.json";

/// Most bytes of an embedded file read (the form's JSON is a few kilobytes).
const MAX_BYTES: usize = 4 * 1024 * 1024;

/// The form embedded in `pdf`, if it carries one: `None` when it has no
/// `scheda.json`, a warning when it has one that does not read.
pub(super) fn data(
    pdf: &Pdf,
    templates: &crate::templates::Templates,
) -> Option<std::result::Result<Scheda, Diagnostic>> {
    let bytes = find(pdf)?;
    let unreadable = |reason: Arg| {
        Diagnostic::coded(
            Severity::Warning,
            Message::new(
                kind::EMBEDDED_UNREADABLE,
                [("file", FILE_NAME.into()), ("reason", reason)],
            ),
            Some(Message::new(kind::EMBEDDED_UNREADABLE_HINT, [])),
        )
    };
    let Ok(bytes) = bytes else {
        let reason = Message::new(kind::EMBEDDED_NOT_DECOMPRESSED, []);
        return Some(Err(unreadable(reason.into())));
    };
    if bytes.len() > MAX_BYTES {
        let reason = Message::new(kind::EMBEDDED_BYTES, [("n", bytes.len().into())]);
        return Some(Err(unreadable(reason.into())));
    }
    Some(
        crate::readers::json::read_with(&bytes, &crate::limits::Limits::default(), templates)
            .map(|w| w.value)
            .map_err(|e| unreadable(first_message(&e))),
    )
}

/// The bytes of the attached `scheda.json`: from the document's associated
/// files (`/AF`), else from its embedded files (`/Names /EmbeddedFiles`).
fn find(pdf: &Pdf) -> Option<std::result::Result<Vec<u8>, ()>> {
    let xref = pdf.xref();
    let catalog = xref.get::<Dict<'_>>(xref.root_id())?;
    let mut specs: Vec<Dict<'_>> = catalog
        .get::<Array<'_>>("AF")
        .map(|af| af.iter::<Dict<'_>>().collect())
        .unwrap_or_default();
    if let Some(tree) = catalog
        .get::<Dict<'_>>("Names")
        .and_then(|n| n.get::<Dict<'_>>("EmbeddedFiles"))
    {
        collect_names(&tree, &mut specs, 0);
    }
    let spec = specs.into_iter().find(|spec| {
        ["UF", "F"].iter().any(|key| {
            spec.get::<PdfString<'_>>(*key)
                .is_some_and(|name| name.as_bytes() == FILE_NAME.as_bytes())
        })
    })?;
    let stream = spec.get::<Dict<'_>>("EF")?.get::<Stream<'_>>("F")?;
    Some(stream.decoded().map(|d| d.into_owned()).map_err(|_| ()))
}

/// The file specifications of a name tree (`/Names [name spec ...]`,
/// `/Kids`), a few levels deep.
fn collect_names<'a>(node: &Dict<'a>, out: &mut Vec<Dict<'a>>, depth: usize) {
    if let Some(names) = node.get::<Array<'a>>("Names") {
        out.extend(names.iter::<Dict<'a>>());
    }
    if depth < 8
        && let Some(kids) = node.get::<Array<'a>>("Kids")
    {
        for kid in kids.iter::<Dict<'a>>() {
            collect_names(&kid, out, depth + 1);
        }
    }
}

/// The result of reading a PDF that carries its data: the embedded form
/// when the page text agrees with it (or cannot be read); else the page
/// text's, with a warning for each value where they differ.
pub(super) fn reconcile(data: Scheda, from_text: Result<Warned<Scheda>>) -> Warned<Scheda> {
    let text = match from_text {
        Ok(text) => text,
        Err(e) => {
            return Warned {
                value: data,
                warnings: vec![Diagnostic::coded(
                    Severity::Warning,
                    Message::new(kind::PAGE_TEXT_UNREADABLE, [("reason", first_message(&e))]),
                    Some(Message::new(kind::PAGE_TEXT_UNREADABLE_HINT, [])),
                )],
            };
        }
    };
    let differences = match (json(&data), json(&text.value)) {
        (Some(a), Some(b)) => {
            let mut out = Vec::new();
            diff(&a, &b, &mut String::new(), &mut out);
            out
        }
        _ => Vec::new(),
    };
    if differences.is_empty() {
        return Warned {
            value: data,
            warnings: text.warnings,
        };
    }
    let mut warnings = text.warnings;
    for (pointer, embedded, page) in differences {
        warnings.push(
            Diagnostic::coded(
                Severity::Warning,
                Message::new(
                    kind::EMBEDDED_DISAGREES,
                    [("embedded", embedded), ("page", page)],
                ),
                Some(Message::new(kind::EMBEDDED_DISAGREES_HINT, [])),
            )
            .at(Location::pointer(&pointer)),
        );
    }
    Warned {
        value: text.value,
        warnings,
    }
}

fn json(s: &Scheda) -> Option<Value> {
    crate::model::to_value(s).ok()
}

/// Where `a` and `b` differ, as JSON pointers with both values; strings
/// compare with their white space collapsed (the page text does not keep
/// the free text's line breaks), numbers by value (the page prints at least
/// two decimals).
fn diff(a: &Value, b: &Value, at: &mut String, out: &mut Vec<(String, Arg, Arg)>) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys: std::collections::BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            for key in keys {
                let len = at.len();
                at.push('/');
                at.push_str(&key.replace('~', "~0").replace('/', "~1"));
                diff(
                    x.get(key).unwrap_or(&Value::Null),
                    y.get(key).unwrap_or(&Value::Null),
                    at,
                    out,
                );
                at.truncate(len);
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (p, q)) in x.iter().zip(y).enumerate() {
                let len = at.len();
                at.push_str(&format!("/{i}"));
                diff(p, q, at, out);
                at.truncate(len);
            }
        }
        (Value::String(x), Value::String(y)) if collapse(x) == collapse(y) => {}
        // Numbers by value: the page prints `72,00` for a stored `72`.
        (Value::Number(x), Value::Number(y)) if same_number(x, y) => {}
        _ if a == b => {}
        _ => out.push((at.clone(), shown(a), shown(b))),
    }
}

fn same_number(x: &serde_json::Number, y: &serde_json::Number) -> bool {
    let value = |n: &serde_json::Number| n.to_string().parse::<rust_decimal::Decimal>().ok();
    value(x).is_some() && value(x) == value(y)
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn shown(v: &Value) -> Arg {
    let text = match v {
        Value::Null => return Message::new(kind::BLANK_VALUE, []).into(),
        Value::String(s) => format!("`{}`", collapse(s)),
        other => other.to_string(),
    };
    if text.chars().count() > 60 {
        let cut: String = text.chars().take(57).collect();
        format!("{cut}...").into()
    } else {
        text.into()
    }
}

pub(super) fn first_message(e: &Error) -> Arg {
    match e.diagnostics.first() {
        Some(d) => d.kind_message().clone().into(),
        None => e.to_string().into(),
    }
}
