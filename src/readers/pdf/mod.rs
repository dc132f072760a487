//! Reader for PDFs of the form.
//!
//! scheda's own PDFs carry the form's canonical JSON as an associated file
//! (PDF/A-3, `AFRelationship` Data, as Factur-X invoices carry their XML):
//! it is read first ([`embedded`]). The page text is read too, and compared
//! with it: when they agree the embedded data is the result (lossless: the
//! free text keeps its line breaks); when they disagree (the PDF was edited
//! after scheda wrote it) the page text wins, as what the PDF shows is what
//! was filed, and each row that differs is a warning.
//!
//! Any other PDF is read by its glyphs' positions on the page, not by the
//! order of its content stream ([`glyphs`], with hayro-interpret, which
//! typst already builds; [`order`] rebuilds lines and reading order): the
//! text goes to the extracted-text reader ([`super::text`]).
//!
//! A damaged PDF, an encrypted one, a scan (no text layer) or one that does
//! not carry the form gets an error, never a panic.

mod embedded;
pub(crate) mod glyphs;
pub(crate) mod order;

use hayro_interpret::InterpreterCache;
use hayro_interpret::hayro_syntax::{LoadPdfError, Pdf};

use super::text;
use crate::diagnostic::{Diagnostic, Error, Location, Result, Severity, Warned};
use crate::limits::{self, Limits};
use crate::messages::{Message, kind};
use crate::model::Scheda;
use crate::readers::partial::{self, Mode, Partial};
use crate::templates::Templates;

/// Read the form a PDF carries: scheda's own PDFs come back to the model
/// they were written from. The warnings are those of the text reader, pages
/// whose text could not be read, and rows where the embedded data and the
/// page text disagree.
///
/// Of a built-in edition; [`read_with`] reads those of other templates.
pub fn read(bytes: &[u8]) -> Result<Warned<Scheda>> {
    read_with(bytes, &Limits::default(), &Templates::builtin())
}

/// [`read`] within `limits` (pages and objects), of an edition of
/// `templates`.
pub fn read_with(bytes: &[u8], limits: &Limits, templates: &Templates) -> Result<Warned<Scheda>> {
    partial::whole_one(read_in(bytes, limits, templates, Mode::Strict)?)
}

/// [`read_with`] in `mode`: a lenient read of the page text leaves blank
/// the rows it cannot read ([`crate::readers::read_partial`]). A PDF that
/// carries the form's data reads whole from it, in either mode.
pub(crate) fn read_in(
    bytes: &[u8],
    limits: &Limits,
    templates: &Templates,
    mode: Mode,
) -> Result<Warned<Partial>> {
    let pdf = load(bytes)?;
    let extracted = extract(&pdf, limits)?;
    let embedded = embedded::data(&pdf, templates);
    // Beside the form's data, a row printed blank is blank in the data too,
    // or the comparison says where they differ.
    let blanks_meant = matches!(embedded, Some(Ok(_)));
    // The page text is compared with the data it carries as read whole.
    let mode = if blanks_meant { Mode::Strict } else { mode };
    let from_text = page_text(&extracted.value, blanks_meant, templates, mode).map(|mut out| {
        let mut warnings = extracted.warnings.clone();
        warnings.append(&mut out.warnings);
        out.warnings = warnings;
        out
    });
    match embedded {
        None => from_text.map_err(|e| e.with_warnings(extracted.warnings)),
        Some(Err(problem)) => {
            let mut out = from_text.map_err(|e| e.with_warnings(extracted.warnings))?;
            out.warnings.insert(0, problem);
            Ok(out)
        }
        Some(Ok(data)) => {
            let from_text = from_text.and_then(partial::whole_one);
            Ok(embedded::reconcile(data, from_text).map(Partial::whole))
        }
    }
}

/// Read the text extracted from a PDF of the form: [`extract_text`], or
/// `pdftotext` (plain or `-raw`), of a built-in edition.
pub fn read_text(extracted: &str) -> Result<Warned<Scheda>> {
    let templates = Templates::builtin();
    partial::whole_one(page_text(extracted, false, &templates, Mode::Strict)?)
}

/// [`read_text`], with blank rows meant or not, of an edition of
/// `templates`, in `mode` ([`text::read_str_in`]).
fn page_text(
    extracted: &str,
    blanks_meant: bool,
    templates: &Templates,
    mode: Mode,
) -> Result<Warned<Partial>> {
    if let Err(e) = text::detect_with(extracted, templates) {
        let codes: Vec<&str> = templates.editions().iter().map(|e| e.code()).collect();
        let message = Message::new(
            kind::PDF_NOT_A_FORM,
            [
                ("forms", codes.join("/").into()),
                ("reason", embedded::first_message(&e)),
            ],
        );
        let hint = Message::new(kind::PDF_OF_THE_FORM_HINT, []);
        return Err(Error::new(Diagnostic::coded(
            Severity::Error,
            message,
            Some(hint),
        )));
    }
    text::read_str_in(extracted, blanks_meant, templates, mode)
}

/// The text of every page of a PDF in reading order, rebuilt from the
/// glyphs' positions (see [`order`]): pages separated by an empty line.
/// Pages whose glyphs have no text mapping become warnings; a PDF with no
/// text at all is an error (a scan has no text layer).
pub fn extract_text(bytes: &[u8]) -> Result<Warned<String>> {
    extract(&load(bytes)?, &Limits::default())
}

/// Parse a PDF, refusing encrypted and damaged ones.
fn load(bytes: &[u8]) -> Result<Pdf> {
    Pdf::new(bytes.to_vec()).map_err(|e| {
        Error::new(match e {
            LoadPdfError::Decryption(_) => Diagnostic::coded(
                Severity::Error,
                Message::new(kind::PDF_PASSWORD, []),
                Some(Message::new(kind::PDF_PASSWORD_HINT, [])),
            ),
            LoadPdfError::Invalid => Diagnostic::coded(
                Severity::Error,
                Message::new(kind::PDF_INVALID, []),
                Some(Message::new(kind::PDF_INVALID_HINT, [])),
            ),
        })
    })
}

fn extract(pdf: &Pdf, limits: &Limits) -> Result<Warned<String>> {
    if pdf.len() > limits.pdf_objects {
        return Err(Error::new(limits::exceeded(
            Message::new(kind::PDF_TOO_MANY_OBJECTS, [("n", pdf.len().into())]),
            "pdf-objects",
            Message::new(kind::LIMIT_PDF_OBJECTS, [("n", limits.pdf_objects.into())]),
        )));
    }
    let pages = pdf.pages();
    if pages.len() > limits.pdf_pages {
        return Err(Error::new(limits::exceeded(
            Message::new(kind::PDF_TOO_MANY_PAGES, [("n", pages.len().into())]),
            "pdf-pages",
            Message::new(kind::LIMIT_PDF_PAGES, [("n", limits.pdf_pages.into())]),
        )));
    }
    let cache = InterpreterCache::new();
    let mut warnings = Vec::new();
    let mut texts = Vec::new();
    let (mut glyphs, mut images) = (0, 0);
    for (i, page) in pages.iter().enumerate() {
        let page_glyphs = glyphs::page_glyphs(page, &cache);
        glyphs += page_glyphs.glyphs.len();
        images += page_glyphs.images;
        if page_glyphs.unmapped > 0 {
            warnings.push(
                Diagnostic::coded(
                    Severity::Warning,
                    Message::new(
                        kind::PDF_UNMAPPED_GLYPHS,
                        [("n", page_glyphs.unmapped.into())],
                    ),
                    Some(Message::new(kind::PDF_UNMAPPED_GLYPHS_HINT, [])),
                )
                .at(Location::Page { page: i + 1 }),
            );
        }
        texts.push(order::page_text(&page_glyphs.glyphs));
    }
    if glyphs == 0 {
        let (message, hint) = if images > 0 {
            (kind::PDF_IMAGES_ONLY, kind::PDF_IMAGES_ONLY_HINT)
        } else {
            (kind::PDF_NO_TEXT, kind::PDF_OF_THE_FORM_HINT)
        };
        return Err(Error::new(Diagnostic::coded(
            Severity::Error,
            Message::new(message, []),
            Some(Message::new(hint, [])),
        )));
    }
    let mut text = texts.join("\n\n");
    text.push('\n');
    Ok(Warned {
        value: text,
        warnings,
    })
}
