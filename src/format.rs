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
    /// The official-looking PDF (`.pdf`).
    Pdf,
    /// The editable workbook (`.xlsx`).
    Xlsx,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 4] = [Format::Text, Format::Json, Format::Pdf, Format::Xlsx];

    /// The format a path's extension names, if any.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Format::Text),
            "json" => Some(Format::Json),
            "pdf" => Some(Format::Pdf),
            "xlsx" => Some(Format::Xlsx),
            _ => None,
        }
    }

    /// The format of some bytes, guessed from their start (`%PDF`, a zip
    /// archive, `{`); anything else is taken for text.
    pub fn sniff(bytes: &[u8]) -> Format {
        let start = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let trimmed = start.trim_ascii_start();
        if start.starts_with(b"%PDF") {
            Format::Pdf
        } else if start.starts_with(b"PK\x03\x04") {
            Format::Xlsx
        } else if trimmed.starts_with(b"{") {
            Format::Json
        } else {
            Format::Text
        }
    }

    /// The usual extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Json => "json",
            Format::Pdf => "pdf",
            Format::Xlsx => "xlsx",
        }
    }

    /// Whether the format is binary (never written to a terminal).
    pub fn is_binary(self) -> bool {
        matches!(self, Format::Pdf | Format::Xlsx)
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Text => "text",
            Format::Json => "json",
            Format::Pdf => "pdf",
            Format::Xlsx => "xlsx",
        })
    }
}

impl FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "txt" | "text" => Ok(Format::Text),
            "json" => Ok(Format::Json),
            "pdf" => Ok(Format::Pdf),
            "xlsx" => Ok(Format::Xlsx),
            other => Err(format!(
                "unknown format `{other}` (expected txt, json, pdf or xlsx)"
            )),
        }
    }
}
