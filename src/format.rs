//! The file formats scheda reads and writes, and how they are recognised.

use std::fmt;
use std::path::Path;
use std::str::FromStr;

use crate::messages::{Message, kind};

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
    /// An Excel workbook with macros (`.xlsm`): read only.
    Xlsm,
    /// An Excel 97-2003 workbook (`.xls`): read only.
    Xls,
    /// An OpenDocument spreadsheet (`.ods`, LibreOffice): read only.
    Ods,
    /// Comma- or semicolon-separated values (`.csv`): read only.
    Csv,
}

/// The extensions of a web page saved from the browser, read as text.
pub const PAGE_EXTENSIONS: [&str; 2] = ["html", "htm"];

impl Format {
    /// Every format.
    pub const ALL: [Format; 9] = [
        Format::Text,
        Format::Json,
        Format::JsonLines,
        Format::Pdf,
        Format::Xlsx,
        Format::Xlsm,
        Format::Xls,
        Format::Ods,
        Format::Csv,
    ];

    /// The formats scheda writes (the others it only reads).
    pub const WRITTEN: [Format; 5] = [
        Format::Text,
        Format::Json,
        Format::JsonLines,
        Format::Pdf,
        Format::Xlsx,
    ];

    /// Whether scheda writes this format (it reads every one).
    pub fn is_written(self) -> bool {
        Format::WRITTEN.contains(&self)
    }

    /// Whether this is a spreadsheet (a workbook or a CSV table): the
    /// spreadsheet reader tells which kind from the bytes themselves.
    pub fn is_spreadsheet(self) -> bool {
        matches!(
            self,
            Format::Xlsx | Format::Xlsm | Format::Xls | Format::Ods | Format::Csv
        )
    }

    /// The extensions of the formats scheda reads, for messages
    /// (`.txt, .json, ...`).
    pub fn read_list() -> String {
        Format::ALL
            .map(|f| format!(".{}", f.extension()))
            .join(", ")
    }

    /// The extensions of the input files scheda reads in a folder: those
    /// of [`Format::read_list`] and of a saved web page, for messages.
    pub fn input_list() -> String {
        let pages = PAGE_EXTENSIONS.map(|e| format!(".{e}"));
        format!("{}, {}", Format::read_list(), pages.join(", "))
    }

    /// The extensions of the formats scheda writes, for messages.
    pub fn written_list() -> String {
        Format::WRITTEN
            .map(|f| format!(".{}", f.extension()))
            .join(", ")
    }

    /// The format a path's extension names, if any.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?;
        Format::from_name(ext)
    }

    /// The format an input file's extension names: a format's own, or a
    /// web page saved from the browser (`.html`, `.htm`), read as the text
    /// it shows ([`crate::readers::text`]). Outputs take [`Format::from_path`].
    pub fn from_input_path(path: &Path) -> Option<Format> {
        Format::from_path(path).or_else(|| {
            let ext = path.extension()?.to_str()?;
            PAGE_EXTENSIONS
                .iter()
                .any(|x| x.eq_ignore_ascii_case(ext))
                .then_some(Format::Text)
        })
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
            "xlsm" => Some(Format::Xlsm),
            "xls" => Some(Format::Xls),
            "ods" => Some(Format::Ods),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }

    /// The format of some bytes, guessed from their start (`%PDF`, a zip
    /// archive, an OLE compound file, `{`); a table whose first lines split
    /// alike at `;`, `,` or tabs is CSV, anything else is taken for text.
    /// JSON whose first line is a whole JSON value followed by more lines is
    /// JSON Lines. Any zip archive is taken for a workbook: the spreadsheet
    /// reader tells which kind it is, or what else ([`crate::readers::xlsx`]).
    pub fn sniff(bytes: &[u8]) -> Format {
        let start = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let trimmed = start.trim_ascii_start();
        if start.starts_with(b"%PDF") {
            Format::Pdf
        } else if start.starts_with(b"PK\x03\x04") {
            if start.get(30..).is_some_and(|s| s.starts_with(ODS_MIMETYPE)) {
                Format::Ods
            } else {
                Format::Xlsx
            }
        } else if start.starts_with(OLE) {
            Format::Xls
        } else if start.starts_with(b"\xFF\xFE") || looks_like_csv(start) {
            Format::Csv
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
        matches!(self, Format::JsonLines) || self.is_spreadsheet()
    }

    /// The usual extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Json => "json",
            Format::JsonLines => "jsonl",
            Format::Pdf => "pdf",
            Format::Xlsx => "xlsx",
            Format::Xlsm => "xlsm",
            Format::Xls => "xls",
            Format::Ods => "ods",
            Format::Csv => "csv",
        }
    }

    /// Whether the format is binary (never written to a terminal).
    pub fn is_binary(self) -> bool {
        matches!(
            self,
            Format::Pdf | Format::Xlsx | Format::Xlsm | Format::Xls | Format::Ods
        )
    }
}

/// The start of an OLE compound file (an `.xls`, or an encrypted `.xlsx`).
pub(crate) const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// The first part of an OpenDocument spreadsheet, as the standard has it:
/// an uncompressed `mimetype` part naming the kind (offset 30 in the file).
const ODS_MIMETYPE: &[u8] = b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet";

/// Whether `bytes` look like a CSV table: among its first records, below
/// any title lines, a header of three fields or more at `;` or `,` whose
/// fields that are not empty are words (hold a letter), and one of the next
/// records of as many fields. The text of a form has lines of prose and
/// numbers (`130,00` splits at its comma into no words); a copy of the
/// portal page is separated by tabs, which are not sniffed (a `.csv` name
/// lets the reader take them).
fn looks_like_csv(bytes: &[u8]) -> bool {
    let head = bytes.get(..bytes.len().min(16_384)).unwrap_or(bytes);
    [b';', b','].into_iter().any(|sep| {
        let records: Vec<csv::ByteRecord> = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(sep)
            .from_reader(head)
            .byte_records()
            .take(12)
            .filter_map(std::result::Result::ok)
            .filter(|r| r.iter().any(|f| !f.trim_ascii().is_empty()))
            .collect();
        let is_word = |f: &[u8]| String::from_utf8_lossy(f).chars().any(char::is_alphabetic);
        let header = records.iter().position(|r| {
            let words: Vec<&[u8]> = r.iter().filter(|f| !f.trim_ascii().is_empty()).collect();
            r.len() >= 3 && words.len() >= 2 && words.iter().all(|f| is_word(f))
        });
        let Some(at) = header else {
            return false;
        };
        let width = records.get(at).map_or(0, csv::ByteRecord::len);
        records
            .iter()
            .skip(at + 1)
            .take(4)
            .any(|r| r.len() == width)
    })
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
            Format::Xlsm => "xlsm",
            Format::Xls => "xls",
            Format::Ods => "ods",
            Format::Csv => "csv",
        })
    }
}

impl FromStr for Format {
    type Err = Message;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Format::from_name(s).ok_or_else(|| {
            let names: Vec<&str> = Format::ALL.map(Format::extension).to_vec();
            Message::new(
                kind::FORMAT_NOT_KNOWN,
                [("found", s.into()), ("known", names.join(", ").into())],
            )
        })
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
        for f in Format::WRITTEN {
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

    #[test]
    fn sniffs_spreadsheets_by_their_bytes() {
        assert_eq!(
            Format::sniff(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1..."),
            Format::Xls
        );
        assert_eq!(
            Format::sniff(b"Comune;M12 Utenti 2024;M12 Ore 2024\nA;1;2\n"),
            Format::Csv
        );
        assert_eq!(
            Format::sniff(b"Comune,Provincia,Codice\r\nA,B,1\r\n"),
            Format::Csv
        );
        assert_eq!(
            Format::sniff(b"SOC25 - SOCIALE\nDenominazione: Comune di A, B\n"),
            Format::Text
        );
        for f in [Format::Csv, Format::Ods, Format::Xls, Format::Xlsm] {
            assert!(!f.is_written() && f.holds_many(), "{f}");
        }
    }
}
