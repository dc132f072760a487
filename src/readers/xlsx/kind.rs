//! What a spreadsheet's bytes are, whatever its name says: an Excel
//! workbook (`.xlsx`, `.xlsm`), an Excel 97-2003 workbook (`.xls`, an OLE
//! compound file), an OpenDocument spreadsheet (`.ods`), a CSV table, or a
//! file of another kind that scheda refuses with an error naming it (a
//! `.docx`, a `.numbers`, a password-protected workbook, ...).

use std::io::Cursor;
use std::io::Read;

use crate::diagnostic::{Diagnostic, Error, Result};
use crate::format::{Format, OLE};

/// The kinds of spreadsheet scheda reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// Office Open XML (`.xlsx`, `.xlsm`).
    Xlsx,
    /// Excel binary workbook (`.xlsb`).
    Xlsb,
    /// Excel 97-2003 (`.xls`).
    Xls,
    /// OpenDocument (`.ods`).
    Ods,
    /// Text separated by `;`, `,` or tabs.
    Csv,
}

/// The kind of spreadsheet `bytes` hold, or the error naming what they are.
/// Text is a CSV table when `csv_named` (the name or `--from` says CSV) or
/// when it looks like one ([`Format::sniff`]).
pub(super) fn of(bytes: &[u8], csv_named: bool) -> Result<Kind> {
    if bytes.starts_with(OLE) {
        return ole(bytes);
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return zip(bytes);
    }
    let start = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let head = start.get(..start.len().min(1024)).unwrap_or(start);
    let lower = String::from_utf8_lossy(head.trim_ascii_start()).to_ascii_lowercase();
    let other = |what: &str| Err(refused(what));
    if start.starts_with(b"%PDF") {
        return other("a PDF document (give it a .pdf name, or --from pdf)");
    }
    if lower.starts_with("<!doctype html")
        || lower.starts_with("<html")
        || lower.starts_with("<table")
    {
        return other("a web page (HTML) with a spreadsheet's name");
    }
    if lower.starts_with("<?xml") {
        return other("an XML file (such as an Excel 2003 XML spreadsheet)");
    }
    if lower.starts_with("{\\rtf") {
        return other("a rich text document (.rtf)");
    }
    for (magic, what) in MAGIC {
        if bytes.starts_with(magic) {
            return other(what);
        }
    }
    let utf16 = bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF");
    if !utf16 && head.contains(&0) {
        return other("binary data of no kind scheda knows");
    }
    if !csv_named && Format::sniff(bytes) != Format::Csv {
        return other("text that is not a table");
    }
    Ok(Kind::Csv)
}

/// Other files' signatures and names.
const MAGIC: [(&[u8], &str); 6] = [
    (b"\x89PNG", "a PNG image"),
    (b"\xFF\xD8\xFF", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1F\x8B", "a gzip archive"),
    (b"7z\xBC\xAF", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
];

/// An OLE compound file: an `.xls`, unless its directory names the streams
/// of an encrypted Office Open XML file or of another Office document.
fn ole(bytes: &[u8]) -> Result<Kind> {
    let has = |name: &str| {
        let utf16: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
        bytes.windows(utf16.len()).any(|w| w == utf16.as_slice())
    };
    if has("EncryptionInfo") || has("EncryptedPackage") {
        return Err(password_error("an encrypted .xlsx"));
    }
    if has("Workbook") || has("Book") {
        return Ok(Kind::Xls);
    }
    if has("WordDocument") {
        return Err(refused("a Word 97-2003 document (.doc)"));
    }
    if has("PowerPoint Document") {
        return Err(refused("a PowerPoint 97-2003 presentation (.ppt)"));
    }
    Err(refused("an OLE compound file that holds no workbook"))
}

/// A zip archive: a workbook, an OpenDocument file, an iWork document, ...
fn zip(bytes: &[u8]) -> Result<Kind> {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Err(Error::new(
            Diagnostic::error("failed to open the workbook (it is a damaged zip archive)")
                .with_hint(format!("scheda reads {}", Format::read_list())),
        ));
    };
    let names: Vec<String> = archive
        .file_names()
        .filter_map(std::result::Result::ok)
        .map(|n| n.into_owned())
        .collect();
    let has = |name: &str| names.iter().any(|n| n.eq_ignore_ascii_case(name));
    let under = |dir: &str| names.iter().any(|n| n.starts_with(dir));
    if has("mimetype") {
        let mut mimetype = String::new();
        if let Ok(part) = archive.by_name("mimetype") {
            let _ = part.take(200).read_to_string(&mut mimetype);
        }
        let mimetype = mimetype.trim();
        return match mimetype.strip_prefix("application/vnd.oasis.opendocument.") {
            Some("spreadsheet") => Ok(Kind::Ods),
            Some("text") => Err(refused("an OpenDocument text (.odt)")),
            Some("presentation") => Err(refused("an OpenDocument presentation (.odp)")),
            Some(other) => Err(refused(&format!("an OpenDocument {other} file"))),
            None => Err(refused(&format!("a zip archive of type `{mimetype}`"))),
        };
    }
    if has("xl/workbook.xml") {
        return Ok(Kind::Xlsx);
    }
    if has("xl/workbook.bin") {
        return Ok(Kind::Xlsb);
    }
    if under("word/") {
        return Err(refused("a Word document (.docx)"));
    }
    if under("ppt/") {
        return Err(refused("a PowerPoint presentation (.pptx)"));
    }
    if has("Index/CalculationEngine.iwa") || names.iter().any(|n| n.ends_with(".numbers")) {
        return Err(refused("an Apple Numbers spreadsheet (.numbers)"));
    }
    if names.iter().any(|n| n.ends_with(".iwa")) || has("Index.zip") {
        return Err(refused(
            "an Apple iWork document (.numbers, .pages or .key)",
        ));
    }
    Err(refused("a zip archive that holds no workbook"))
}

/// The error for a file of kind `what`, which scheda does not read.
pub(super) fn refused(what: &str) -> Error {
    Error::new(
        Diagnostic::error(format!(
            "failed to open the workbook: the file is {what}, not a spreadsheet scheda reads"
        ))
        .with_hint(format!(
            "scheda reads {}; save the table as .xlsx, .ods or .csv",
            Format::read_list()
        )),
    )
}

/// The error for a workbook protected by a password; `what` names its kind
/// (`an encrypted .xlsx`).
pub(super) fn password_error(what: &str) -> Error {
    Error::new(
        Diagnostic::error(format!("the workbook is protected by a password ({what})")).with_hint(
            "scheda needs it saved without a password: open it in Excel or LibreOffice, \
                 remove the password and save it again",
        ),
    )
}
