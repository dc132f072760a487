//! What a spreadsheet's bytes are, whatever its name says: an Excel
//! workbook (`.xlsx`, `.xlsm`), an Excel 97-2003 workbook (`.xls`, an OLE
//! compound file), an OpenDocument spreadsheet (`.ods`), a CSV table, or a
//! file of another kind that scheda refuses with an error naming it (a
//! `.docx`, a `.numbers`, a password-protected workbook, ...).

use std::io::Cursor;
use std::io::Read;

use crate::diagnostic::{Diagnostic, Error, Result, Severity};
use crate::format::{Format, OLE};
use crate::messages::{Kind as MessageKind, Message, kind as k};

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
    let other = |what: MessageKind| Err(refused(Message::new(what, [])));
    if start.starts_with(b"%PDF") {
        return other(k::FILE_PDF);
    }
    if lower.starts_with("<!doctype html")
        || lower.starts_with("<html")
        || lower.starts_with("<table")
    {
        return other(k::FILE_HTML);
    }
    if lower.starts_with("<?xml") {
        return other(k::FILE_XML);
    }
    if lower.starts_with("{\\rtf") {
        return other(k::FILE_RTF);
    }
    for (magic, what) in MAGIC {
        if bytes.starts_with(magic) {
            return other(what);
        }
    }
    let utf16 = bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF");
    if !utf16 && head.contains(&0) {
        return other(k::FILE_BINARY);
    }
    if !csv_named && Format::sniff(bytes) != Format::Csv {
        return other(k::FILE_NOT_TABLE);
    }
    Ok(Kind::Csv)
}

/// Other files' signatures and names.
const MAGIC: [(&[u8], MessageKind); 6] = [
    (b"\x89PNG", k::FILE_PNG),
    (b"\xFF\xD8\xFF", k::FILE_JPEG),
    (b"GIF8", k::FILE_GIF),
    (b"\x1F\x8B", k::FILE_GZIP),
    (b"7z\xBC\xAF", k::FILE_7Z),
    (b"Rar!", k::FILE_RAR),
];

/// An OLE compound file: an `.xls`, unless its directory names the streams
/// of an encrypted Office Open XML file or of another Office document.
fn ole(bytes: &[u8]) -> Result<Kind> {
    let has = |name: &str| {
        let utf16: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
        bytes.windows(utf16.len()).any(|w| w == utf16.as_slice())
    };
    if has("EncryptionInfo") || has("EncryptedPackage") {
        return Err(password_error(Message::new(k::BOOK_ENCRYPTED, [])));
    }
    if has("Workbook") || has("Book") {
        return Ok(Kind::Xls);
    }
    if has("WordDocument") {
        return Err(refused(file(k::FILE_DOC)));
    }
    if has("PowerPoint Document") {
        return Err(refused(file(k::FILE_PPT)));
    }
    Err(refused(file(k::FILE_OLE)))
}

/// A zip archive: a workbook, an OpenDocument file, an iWork document, ...
fn zip(bytes: &[u8]) -> Result<Kind> {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        let hint = Message::new(
            k::READS_FORMATS_HINT,
            [("formats", Format::read_list().into())],
        );
        return Err(Error::new(Diagnostic::coded(
            Severity::Error,
            Message::new(k::DAMAGED_ZIP, []),
            Some(hint),
        )));
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
            Some("text") => Err(refused(file(k::FILE_ODT))),
            Some("presentation") => Err(refused(file(k::FILE_ODP))),
            Some(other) => Err(refused(Message::new(
                k::FILE_OPENDOCUMENT,
                [("type", other.into())],
            ))),
            None => Err(refused(Message::new(
                k::FILE_ZIP_TYPE,
                [("type", mimetype.into())],
            ))),
        };
    }
    if has("xl/workbook.xml") {
        return Ok(Kind::Xlsx);
    }
    if has("xl/workbook.bin") {
        return Ok(Kind::Xlsb);
    }
    if under("word/") {
        return Err(refused(file(k::FILE_DOCX)));
    }
    if under("ppt/") {
        return Err(refused(file(k::FILE_PPTX)));
    }
    if has("Index/CalculationEngine.iwa") || names.iter().any(|n| n.ends_with(".numbers")) {
        return Err(refused(file(k::FILE_NUMBERS)));
    }
    if names.iter().any(|n| n.ends_with(".iwa")) || has("Index.zip") {
        return Err(refused(file(k::FILE_IWORK)));
    }
    Err(refused(file(k::FILE_ZIP)))
}

/// A file of `kind`, for [`refused`].
fn file(kind: MessageKind) -> Message {
    Message::new(kind, [])
}

/// The error for a file of kind `what`, which scheda does not read.
pub(super) fn refused(what: Message) -> Error {
    let message = Message::new(k::NOT_A_SPREADSHEET, [("what", what.into())]);
    let hint = Message::new(
        k::NOT_A_SPREADSHEET_HINT,
        [("formats", Format::read_list().into())],
    );
    Error::new(Diagnostic::coded(Severity::Error, message, Some(hint)))
}

/// The error for a workbook protected by a password; `what` names its kind
/// (`an encrypted .xlsx`).
pub(super) fn password_error(what: Message) -> Error {
    let message = Message::new(k::WORKBOOK_PASSWORD, [("what", what.into())]);
    let hint = Message::new(k::WORKBOOK_PASSWORD_HINT, []);
    Error::new(Diagnostic::coded(Severity::Error, message, Some(hint)))
}
