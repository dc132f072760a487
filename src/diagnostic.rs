//! Diagnostics: the one place where errors and warnings are defined.
//!
//! Readers, rules and writers return warnings as values ([`Diagnostic`] with
//! [`Severity::Warning`]) next to their result; a failure is an [`Error`] that
//! carries one or more error diagnostics. The CLI prints both in typst's voice:
//!
//! ```text
//! error: row M12: expected 4 values (utenti 2019, utenti 2024, ore 2024, media ore 2024), found 3: `5 3 130,00`
//!   --> scheda.txt:18
//! hint: print every value of the row, or none when the row is blank
//! ```

use std::fmt;

use crate::messages::{Lang, Message, word};

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Something worth knowing; the output is still produced (unless `--strict`).
    Warning,
    /// The operation cannot go on.
    Error,
}

/// Where in the input a diagnostic points.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Location {
    /// A 1-based line of a text input.
    Line { line: usize },
    /// A cell of a workbook, e.g. `Scheda!C12`.
    Cell { sheet: String, cell: String },
    /// A JSON pointer into the model, e.g. `/quadro1/M12/utenti`.
    Pointer { pointer: String },
    /// A row of the form, by its code (`R0B`), when no finer place is known.
    Row { code: String },
    /// A 1-based page of a PDF.
    Page { page: usize },
    /// A JSON pointer into the model on a 1-based line of a JSON Lines
    /// file, e.g. line 3, `/quadro1/M12/utenti`.
    #[serde(rename = "line_pointer")]
    LinePointer { line: usize, pointer: String },
    /// A line of another file than the input (an edition description).
    #[serde(rename = "file_line")]
    FileLine { file: String, line: usize },
}

impl Location {
    /// A line location.
    pub fn line(line: usize) -> Self {
        Location::Line { line }
    }

    /// A workbook cell location.
    pub fn cell(sheet: impl Into<String>, cell: impl Into<String>) -> Self {
        Location::Cell {
            sheet: sheet.into(),
            cell: cell.into(),
        }
    }

    /// A JSON pointer location.
    pub fn pointer(pointer: impl Into<String>) -> Self {
        Location::Pointer {
            pointer: pointer.into(),
        }
    }

    /// A JSON pointer on a line of a JSON Lines file.
    pub fn line_pointer(line: usize, pointer: impl Into<String>) -> Self {
        Location::LinePointer {
            line,
            pointer: pointer.into(),
        }
    }

    /// A line of a named file.
    pub fn file_line(file: impl Into<String>, line: usize) -> Self {
        Location::FileLine {
            file: file.into(),
            line,
        }
    }

    /// A form-row location.
    pub fn row(code: impl Into<String>) -> Self {
        Location::Row { code: code.into() }
    }
}

impl Location {
    /// The location in `lang` (`row R0B`, `riga R0B`).
    pub fn in_lang(&self, lang: Lang) -> String {
        match self {
            Location::Pointer { pointer } if pointer.is_empty() => {
                word(lang, "(document root)").to_string()
            }
            Location::Row { code } => format!("{} {code}", word(lang, "row")),
            Location::Page { page } => format!("{} {page}", word(lang, "page")),
            Location::LinePointer { line, pointer } if pointer.is_empty() => {
                format!("{} {line}", word(lang, "line"))
            }
            Location::LinePointer { line, pointer } => {
                format!("{} {line}: {pointer}", word(lang, "line"))
            }
            other => other.to_string(),
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Line { line } => write!(f, "{line}"),
            Location::Cell { sheet, cell } => write!(f, "{sheet}!{cell}"),
            Location::Pointer { pointer } => {
                if pointer.is_empty() {
                    f.write_str("(document root)")
                } else {
                    f.write_str(pointer)
                }
            }
            Location::Row { code } => write!(f, "row {code}"),
            Location::Page { page } => write!(f, "page {page}"),
            Location::LinePointer { line, pointer } if pointer.is_empty() => {
                write!(f, "line {line}")
            }
            Location::LinePointer { line, pointer } => write!(f, "line {line}: {pointer}"),
            Location::FileLine { file, line } => write!(f, "{file}:{line}"),
        }
    }
}

/// A diagnostic's text serialised as its code.
fn code_of<S: serde::Serializer>(
    text: &(Message, Option<Message>),
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(text.0.kind.key)
}

/// One error or warning, with where it points and, when useful, what to do.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Where in the input, when known.
    pub location: Option<Location>,
    /// What is wrong, in one line, lower case, without a final full stop.
    pub message: String,
    /// What to do about it, when there is something to say.
    pub hint: Option<String>,
    /// The message and the hint as kinds and arguments of the catalogue,
    /// rendered in the reader's language at the edge; `message` and `hint`
    /// hold their English. Serialised as the message's `code`
    /// ([`Diagnostic::code`]).
    #[serde(rename = "code", serialize_with = "code_of")]
    text: Box<(Message, Option<Message>)>,
}

impl Diagnostic {
    /// A diagnostic of the catalogue ([`crate::messages`]): its message
    /// and, when there is one, its hint. Every message a user reads is one
    /// of the catalogue's kinds, in Italian and English.
    pub fn coded(severity: Severity, message: Message, hint: Option<Message>) -> Self {
        Diagnostic {
            severity,
            location: None,
            message: message.render(Lang::En),
            hint: hint.as_ref().map(|h| h.render(Lang::En)),
            text: Box::new((message, hint)),
        }
    }

    /// The message's kind in the catalogue, a stable code for programs.
    pub fn code(&self) -> &'static str {
        self.text.0.kind.key
    }

    /// The message as a kind and its arguments (to nest it in another).
    pub fn kind_message(&self) -> &Message {
        &self.text.0
    }

    /// The message in `lang`.
    pub fn message_in(&self, lang: Lang) -> String {
        self.text.0.render(lang)
    }

    /// The hint in `lang`.
    pub fn hint_in(&self, lang: Lang) -> Option<String> {
        self.text.1.as_ref().map(|h| h.render(lang))
    }

    /// The diagnostic as JSON (severity, location, message, hint, code),
    /// its message and hint in `lang`.
    pub fn json_in(&self, lang: Lang) -> serde_json::Value {
        let mut v = serde_json::to_value(self).unwrap_or(serde_json::Value::Null);
        if let serde_json::Value::Object(map) = &mut v {
            map.insert("message".into(), self.message_in(lang).into());
            map.insert(
                "hint".into(),
                self.hint_in(lang)
                    .map_or(serde_json::Value::Null, serde_json::Value::String),
            );
        }
        v
    }

    /// Attach a location.
    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Render the diagnostic for a terminal, naming `source` (a file name or
    /// `-`) in front of the location.
    pub fn render(&self, source: Option<&str>) -> String {
        self.render_in(Lang::En, source)
    }

    /// [`Diagnostic::render`] in `lang`.
    pub fn render_in(&self, lang: Lang, source: Option<&str>) -> String {
        let label = match self.severity {
            Severity::Error => word(lang, "error"),
            Severity::Warning => word(lang, "warning"),
        };
        let mut out = format!("{label}: {}", self.message_in(lang));
        let place = self.location.as_ref().map(|l| l.in_lang(lang));
        let loc = place.unwrap_or_default();
        match (source, &self.location) {
            (_, Some(Location::FileLine { .. })) => out.push_str(&format!("\n  --> {loc}")),
            (Some(src), Some(Location::Line { line })) => {
                out.push_str(&format!("\n  --> {src}:{line}"))
            }
            (Some(src), Some(Location::LinePointer { line, pointer })) if pointer.is_empty() => {
                out.push_str(&format!("\n  --> {src}:{line}"))
            }
            (Some(src), Some(Location::LinePointer { line, pointer })) => {
                out.push_str(&format!("\n  --> {src}:{line}: {pointer}"))
            }
            (Some(src), Some(_)) => out.push_str(&format!("\n  --> {src}: {loc}")),
            (None, Some(_)) => out.push_str(&format!("\n  --> {loc}")),
            (Some(src), None) => out.push_str(&format!("\n  --> {src}")),
            (None, None) => {}
        }
        if let Some(hint) = self.hint_in(lang) {
            out.push_str(&format!("\n{}: {hint}", word(lang, "hint")));
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(None))
    }
}

/// A failure: one or more error diagnostics (and the warnings gathered so far).
#[derive(Debug, Clone, thiserror::Error)]
#[error("{}", render_all(&self.diagnostics))]
pub struct Error {
    /// The diagnostics, errors first.
    pub diagnostics: Vec<Diagnostic>,
}

fn render_all(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| d.render(None))
        .collect::<Vec<_>>()
        .join("\n")
}

impl Error {
    /// A failure with one error diagnostic.
    pub fn new(diagnostic: Diagnostic) -> Self {
        Error {
            diagnostics: vec![diagnostic],
        }
    }

    /// A failure from several diagnostics; at least one should be an error.
    pub fn many(mut diagnostics: Vec<Diagnostic>) -> Self {
        diagnostics.sort_by_key(|d| std::cmp::Reverse(d.severity));
        Error { diagnostics }
    }

    /// Add warnings gathered before the failure, so that they are not lost.
    pub fn with_warnings(mut self, warnings: Vec<Diagnostic>) -> Self {
        self.diagnostics.extend(warnings);
        self
    }
}

impl From<Diagnostic> for Error {
    fn from(d: Diagnostic) -> Self {
        Error::new(d)
    }
}

/// Result with a scheda [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A value together with the warnings produced while making it.
#[derive(Debug, Clone)]
pub struct Warned<T> {
    /// The result.
    pub value: T,
    /// Warnings (never errors).
    pub warnings: Vec<Diagnostic>,
}

impl<T> Warned<T> {
    /// A value without warnings.
    pub fn new(value: T) -> Self {
        Warned {
            value,
            warnings: Vec::new(),
        }
    }

    /// Transform the value, keeping the warnings.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Warned<U> {
        Warned {
            value: f(self.value),
            warnings: self.warnings,
        }
    }
}
