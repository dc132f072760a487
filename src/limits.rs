//! What an input may hold before scheda refuses it: each limit keeps a
//! hostile or damaged file from exhausting time or memory, and each is
//! generous for real forms. The CLI and the server take `--limit NAME=VALUE`
//! (repeatable) to change one; readers take a [`Limits`].
//!
//! | name            | default  | what                                                    |
//! |-----------------|----------|---------------------------------------------------------|
//! | `input`         | 256MB    | bytes of one input file (or of standard input)          |
//! | `xlsx-inflated` | 128MB    | bytes the parts of a workbook (a zip) inflate to        |
//! | `line`          | 100000   | characters of one line of a text                        |
//! | `json-depth`    | 32       | nesting of JSON arrays and objects (the model has 4)    |
//! | `forms`         | 20000    | forms in one multi-Comune workbook or JSON Lines file   |
//! | `pdf-pages`     | 100      | pages of a PDF (the form has 7)                         |
//! | `pdf-objects`   | 200000   | objects of a PDF (scheda's own have about 200)          |
//!
//! The free text's 6.000 characters are the form's rule, not a limit: a
//! longer report is a warning ([`crate::model::Scheda::validate`]), an
//! error with `--strict`.

use std::io::Read;
use std::path::Path;

use crate::diagnostic::{Diagnostic, Error, Result, Severity};
use crate::messages::{Arg, Message, kind};

/// The limits of one read (see the module's table).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Bytes of one input file.
    pub input: u64,
    /// Bytes a workbook's parts may inflate to, together.
    pub xlsx_inflated: u64,
    /// Characters of one line of a text.
    pub line: usize,
    /// Nesting depth of JSON arrays and objects.
    pub json_depth: usize,
    /// Forms in one multi-form input.
    pub forms: usize,
    /// Pages of a PDF.
    pub pdf_pages: usize,
    /// Objects of a PDF.
    pub pdf_objects: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            input: 256 * MB,
            xlsx_inflated: 128 * MB,
            line: 100_000,
            json_depth: 32,
            forms: 20_000,
            pdf_pages: 100,
            pdf_objects: 200_000,
        }
    }
}

const MB: u64 = 1024 * 1024;

/// The names `--limit` takes, in the order of the module's table.
pub const NAMES: [&str; 7] = [
    "input",
    "xlsx-inflated",
    "line",
    "json-depth",
    "forms",
    "pdf-pages",
    "pdf-objects",
];

impl Limits {
    /// Set one limit from `NAME=VALUE` (sizes as `20MB`, `500KB` or bytes;
    /// counts as whole numbers, at least 1).
    pub fn set(&mut self, spec: &str) -> Result<()> {
        let Some((name, value)) = spec.split_once('=') else {
            return Err(bad_limit(Message::new(
                kind::LIMIT_NOT_A_SPEC,
                [("spec", spec.into())],
            )));
        };
        let (name, value) = (name.trim(), value.trim());
        let size = || {
            parse_size(value).ok_or_else(|| {
                bad_limit(Message::new(
                    kind::LIMIT_NOT_A_SIZE,
                    [("name", name.into()), ("value", value.into())],
                ))
            })
        };
        let count = || {
            value
                .parse::<usize>()
                .ok()
                .filter(|&n| n > 0)
                .ok_or_else(|| {
                    bad_limit(Message::new(
                        kind::LIMIT_NOT_A_COUNT,
                        [("name", name.into()), ("value", value.into())],
                    ))
                })
        };
        match name {
            "input" => self.input = size()? as u64,
            "xlsx-inflated" => self.xlsx_inflated = size()? as u64,
            "line" => self.line = count()?,
            "json-depth" => self.json_depth = count()?,
            "forms" => self.forms = count()?,
            "pdf-pages" => self.pdf_pages = count()?,
            "pdf-objects" => self.pdf_objects = count()?,
            _ => {
                return Err(bad_limit(Message::new(
                    kind::LIMIT_UNKNOWN,
                    [("name", name.into())],
                )));
            }
        }
        Ok(())
    }

    /// The default limits with each of `specs` (`NAME=VALUE`) applied.
    pub fn with(specs: &[String]) -> Result<Limits> {
        let mut limits = Limits::default();
        for spec in specs {
            limits.set(spec)?;
        }
        Ok(limits)
    }

    /// Read the file at `path` whole, or standard input for `-`, refusing
    /// more than [`Limits::input`] bytes (checked before reading a file,
    /// and while reading, so that a growing file or a stream is bounded).
    pub fn read_file(&self, path: &Path) -> Result<Vec<u8>> {
        let mut buf = Vec::new();
        let read = if path == Path::new("-") {
            std::io::stdin().take(self.input + 1).read_to_end(&mut buf)
        } else {
            let file = std::fs::File::open(path).map_err(|e| read_error(path, &e))?;
            if let Ok(meta) = file.metadata() {
                self.check_size(path, meta.len())?;
            }
            file.take(self.input + 1).read_to_end(&mut buf)
        };
        read.map_err(|e| read_error(path, &e))?;
        self.check_size(path, buf.len() as u64)?;
        Ok(buf)
    }

    /// An error when the input at `path` has more than [`Limits::input`]
    /// bytes (`size`).
    pub fn check_size(&self, path: &Path, size: u64) -> Result<()> {
        if size <= self.input {
            return Ok(());
        }
        let message = Message::new(
            kind::FILE_TOO_LARGE,
            [
                ("path", path.display().to_string().into()),
                ("size", size_text(size).into()),
                ("limit", size_text(self.input).into()),
            ],
        );
        let hint = Message::new(kind::FILE_TOO_LARGE_HINT, []);
        Err(Error::new(Diagnostic::coded(
            Severity::Error,
            message,
            Some(hint),
        )))
    }
}

/// The error of a file that cannot be read (`-`: standard input).
pub(crate) fn read_error(path: &Path, e: &std::io::Error) -> Error {
    let what: Arg = if path == Path::new("-") {
        Message::new(kind::STANDARD_INPUT, []).into()
    } else {
        path.display().to_string().into()
    };
    let message = match e.kind() {
        std::io::ErrorKind::NotFound => Message::new(kind::READ_NOT_FOUND, [("what", what)]),
        _ => Message::new(
            kind::READ_FAILED,
            [
                ("what", what),
                ("reason", crate::messages::io_reason(e).into()),
            ],
        ),
    };
    Error::new(Diagnostic::coded(Severity::Error, message, None))
}

fn bad_limit(message: Message) -> Error {
    let hint = Message::new(kind::LIMIT_NAMES_HINT, [("names", NAMES.join(", ").into())]);
    Error::new(Diagnostic::coded(Severity::Error, message, Some(hint)))
}

/// An error for an input past limit `name`: `what` it holds and the
/// limit's value (each a message of the catalogue, or a text).
pub fn exceeded(what: impl Into<Arg>, name: &str, limit: impl Into<Arg>) -> Diagnostic {
    let message = Message::new(
        kind::LIMIT_EXCEEDED,
        [("what", what.into()), ("limit", limit.into())],
    );
    let hint = Message::new(kind::LIMIT_HINT, [("name", name.into())]);
    Diagnostic::coded(Severity::Error, message, Some(hint))
}

/// `1 MB`-style size for messages (binary units; whole from 10 MB up).
pub fn size_text(bytes: u64) -> String {
    if bytes >= MB && (bytes.is_multiple_of(MB) || bytes >= 10 * MB) {
        format!("{} MB", (bytes + MB / 2) / MB)
    } else if bytes >= MB {
        format!("{:.1} MB", bytes as f64 / MB as f64)
    } else if bytes >= 1024 && bytes.is_multiple_of(1024) {
        format!("{} KB", bytes / 1024)
    } else {
        format!("{bytes} bytes")
    }
}

/// A size as the command line takes it: `20MB`, `500KB`, `1GB`, `1048576`
/// (binary units; `B` optional; any case); never 0.
pub fn parse_size(text: &str) -> Option<usize> {
    let t = text.trim().to_ascii_uppercase();
    let (number, unit) = match t.find(|c: char| !c.is_ascii_digit()) {
        Some(i) => t.split_at(i),
        None => (t.as_str(), ""),
    };
    let n: usize = number.parse().ok()?;
    let unit: usize = match unit.trim() {
        "" | "B" => 1,
        "K" | "KB" | "KIB" => 1024,
        "M" | "MB" | "MIB" => 1024 * 1024,
        "G" | "GB" | "GIB" => 1024 * 1024 * 1024,
        _ => return None,
    };
    n.checked_mul(unit).filter(|&n| n > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_set_by_name_and_refused_with_the_names() {
        let l = Limits::with(&["input=1MB".into(), "forms=10".into(), "line = 80".into()]).unwrap();
        assert_eq!((l.input, l.forms, l.line), (MB, 10, 80));
        let e = Limits::with(&["pages=3".into()]).unwrap_err();
        assert_eq!(e.diagnostics[0].message, "no limit is named `pages`");
        assert!(
            e.diagnostics[0]
                .hint
                .as_deref()
                .unwrap()
                .contains("pdf-pages")
        );
        let e = Limits::with(&["forms=0".into()]).unwrap_err();
        assert_eq!(
            e.diagnostics[0].message,
            "limit `forms`: `0` is not a whole number of 1 or more"
        );
        assert!(Limits::with(&["input".into()]).is_err());
        assert!(Limits::with(&["input=12XB".into()]).is_err());
    }

    #[test]
    fn sizes_read_and_print() {
        assert_eq!(parse_size("20MB"), Some(20 * 1024 * 1024));
        assert_eq!(parse_size("500 kb"), Some(500 * 1024));
        assert_eq!(parse_size("1048576"), Some(1024 * 1024));
        assert_eq!(parse_size("5mb"), Some(5 * 1024 * 1024));
        assert_eq!(parse_size("x"), None);
        assert_eq!(parse_size("0"), None);
        assert_eq!(parse_size("MB"), None);
        assert_eq!(parse_size("5 TB"), None);
        assert_eq!(size_text(20 * MB), "20 MB");
        assert_eq!(size_text(256 * MB), "256 MB");
        assert_eq!(size_text(64 * 1024), "64 KB");
        assert_eq!(size_text(1000), "1000 bytes");
    }
}
