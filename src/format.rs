//! The file formats scheda reads and writes, and how they are recognised.

use std::fmt;
use std::path::Path;
use std::str::FromStr;

/// A format on either side of a conversion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Extracted text: pdftotext output, a copy of the portal page (`.txt`).
    Text,
    /// The canonical JSON model (`.json`).
    Json,
    /// JSON Lines (`.jsonl`): one canonical model per line, compact, so that
    /// one file holds any number of forms.
    JsonLines,
    /// The official-looking PDF (`.pdf`).
    Pdf,
    /// The editable workbook (`.xlsx`).
    Xlsx,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 5] = [
        Format::Text,
        Format::Json,
        Format::JsonLines,
        Format::Pdf,
        Format::Xlsx,
    ];

    /// The format a path's extension names, if any.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?;
        Format::from_name(ext)
    }

    /// The format of a name as the command line and extensions spell it
    /// (`txt`, `json`, `jsonl`, ...; case does not matter).
    fn from_name(name: &str) -> Option<Format> {
        match name.to_ascii_lowercase().as_str() {
            "txt" | "text" => Some(Format::Text),
            "json" => Some(Format::Json),
            "jsonl" | "ndjson" => Some(Format::JsonLines),
            "pdf" => Some(Format::Pdf),
            "xlsx" => Some(Format::Xlsx),
            _ => None,
        }
    }

    /// The format of some bytes, guessed from their start (`%PDF`, a zip
    /// archive, `{`); anything else is taken for text. JSON whose first line
    /// is a whole JSON value followed by more lines is JSON Lines.
    pub fn sniff(bytes: &[u8]) -> Format {
        let start = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let trimmed = start.trim_ascii_start();
        if start.starts_with(b"%PDF") {
            Format::Pdf
        } else if start.starts_with(b"PK\x03\x04") {
            Format::Xlsx
        } else if trimmed.starts_with(b"{") {
            if is_json_lines(trimmed) {
                Format::JsonLines
            } else {
                Format::Json
            }
        } else {
            Format::Text
        }
    }

    /// Whether one file of this format holds any number of forms (a
    /// multi-Comune workbook, JSON Lines); the others hold one.
    pub fn holds_many(self) -> bool {
        matches!(self, Format::JsonLines | Format::Xlsx)
    }

    /// The usual extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Json => "json",
            Format::JsonLines => "jsonl",
            Format::Pdf => "pdf",
            Format::Xlsx => "xlsx",
        }
    }

    /// Whether the format is binary (never written to a terminal).
    pub fn is_binary(self) -> bool {
        matches!(self, Format::Pdf | Format::Xlsx)
    }
}

/// Whether `json` (starting with `{`) is a complete JSON value on its first
/// line with more after it: a pretty-printed model spreads its first value
/// over many lines.
fn is_json_lines(json: &[u8]) -> bool {
    let (first, rest) = match json.iter().position(|&b| b == b'\n') {
        Some(at) => (&json[..at], &json[at + 1..]),
        None => return false,
    };
    !rest.trim_ascii().is_empty() && serde_json::from_slice::<serde::de::IgnoredAny>(first).is_ok()
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Text => "text",
            Format::Json => "json",
            Format::JsonLines => "jsonl",
            Format::Pdf => "pdf",
            Format::Xlsx => "xlsx",
        })
    }
}

impl FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Format::from_name(s)
            .ok_or_else(|| format!("unknown format `{s}` (expected txt, json, jsonl, pdf or xlsx)"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_extensions_agree() {
        for f in Format::ALL {
            assert_eq!(f.extension().parse::<Format>(), Ok(f));
            let file = format!("x.{}", f.extension().to_uppercase());
            assert_eq!(Format::from_path(Path::new(&file)), Some(f));
        }
        assert_eq!("ndjson".parse::<Format>(), Ok(Format::JsonLines));
        assert!("docx".parse::<Format>().is_err());
    }

    #[test]
    fn the_formats_that_hold_many_are_those_written_many() {
        for f in Format::ALL {
            let written = crate::writers::write_many(&[], f).is_some();
            assert_eq!(f.holds_many(), written, "{f}");
        }
    }

    #[test]
    fn sniffs_json_lines_apart_from_pretty_json() {
        assert_eq!(Format::sniff(b"{\n  \"a\": 1\n}\n"), Format::Json);
        assert_eq!(Format::sniff(b"{\"a\": 1}\n"), Format::Json);
        assert_eq!(
            Format::sniff(b"{\"a\": 1}\n{\"a\": 2}\n"),
            Format::JsonLines
        );
        assert_eq!(
            Format::sniff(b"\xEF\xBB\xBF{\"a\":1}\r\n{}"),
            Format::JsonLines
        );
        assert_eq!(Format::sniff(b"%PDF-1.7"), Format::Pdf);
        assert_eq!(Format::sniff(b"SOC25 ..."), Format::Text);
    }
}
