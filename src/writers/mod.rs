//! Writers: the canonical model to bytes in one of the [`Format`]s. One
//! module per format.

pub mod json;
pub mod jsonl;
pub mod pdf;
mod sentences;
pub mod text;
pub mod xlsx;

use crate::diagnostic::{Diagnostic, Location, Result, Severity, Warned};
use crate::format::Format;
use crate::messages::{Message, kind};
use crate::model::Scheda;
use crate::rules;
use crate::templates::Templates;

/// Options shared by the writers.
#[derive(Debug, Clone, Default)]
pub struct WriteOptions {
    /// The templates (the PDF layouts, the sentence catalogue): the
    /// built-in ones by default.
    pub templates: Templates,
    /// The extracted-text layout to write; by default the one of the
    /// form's edition.
    pub layout: Option<crate::form::Rendering>,
}

/// Write one form in `format`.
///
/// PDF, text and XLSX print every derived value at the form's precision: a
/// value the model holds with fewer decimals (an integer mean) is first
/// replaced by the computed one, and one with more (`33,629149`) by its
/// value at the form's precision (`33,63`), each with a warning naming it
/// ([`rules::settle_precision`]). JSON and JSON Lines too: no output holds
/// a derived value at another precision than the form prints it, so that
/// every output of one form reads back to one model.
///
/// For many forms, keep a [`Writer`]: it loads the PDF layouts once.
pub fn write(scheda: &Scheda, format: Format, options: &WriteOptions) -> Result<Warned<Vec<u8>>> {
    Writer::new(options.clone()).write(scheda, format)
}

/// A reusable writer of single forms: the PDF [`pdf::Renderer`] is made on
/// first use and kept, so that a batch thread pays for it once. A `Writer`
/// is `Send`: give each worker thread its own.
pub struct Writer {
    options: WriteOptions,
    renderer: Option<pdf::Renderer>,
}

impl Writer {
    /// A writer with these options; nothing is loaded yet.
    pub fn new(options: WriteOptions) -> Self {
        Writer {
            options,
            renderer: None,
        }
    }

    /// Load now what writing `formats` needs (the PDF layouts), so that a
    /// bad layout is an error before the first form.
    pub fn prepare(&mut self, formats: &[Format]) -> Result<()> {
        if formats.contains(&Format::Pdf) {
            self.renderer()?;
        }
        Ok(())
    }

    fn renderer(&mut self) -> Result<&mut pdf::Renderer> {
        let renderer = match self.renderer.take() {
            Some(r) => r,
            None => pdf::Renderer::new(&pdf::PdfSettings {
                templates: self.options.templates.clone(),
            })?,
        };
        Ok(self.renderer.insert(renderer))
    }

    /// Write one form in `format`, as [`write()`] does.
    pub fn write(&mut self, scheda: &Scheda, format: Format) -> Result<Warned<Vec<u8>>> {
        let (scheda, mut warnings) = at_form_precision(scheda);
        let mut written = match format {
            Format::Json => Warned::new(json::write(&scheda)?),
            Format::JsonLines => Warned::new(jsonl::write(&scheda)?),
            Format::Text => {
                let layout = self.options.layout;
                text::write(&scheda, layout, self.options.templates.catalogue())?
            }
            Format::Xlsx => Warned::new(xlsx::write(&scheda)?),
            Format::Pdf => self.renderer()?.render(&scheda)?,
            Format::Xlsm | Format::Xls | Format::Ods | Format::Csv => {
                return Err(not_written(format));
            }
        };
        warnings.append(&mut written.warnings);
        written.warnings = warnings;
        Ok(written)
    }
}

/// Write several forms into one file, where the format can hold several
/// (a multi-Comune workbook, JSON Lines; see [`Format::holds_many`]);
/// `None` when it cannot. Derived values are brought to the form's
/// precision where [`write()`] does it.
pub fn write_many(schede: &[Scheda], format: Format) -> Option<Result<Warned<Vec<u8>>>> {
    let write: fn(&[Scheda]) -> Result<Vec<u8>> = match format {
        Format::Xlsx => xlsx::write_many,
        Format::JsonLines => jsonl::write_many,
        Format::Xlsm | Format::Xls | Format::Ods | Format::Csv => {
            return Some(Err(not_written(format)));
        }
        Format::Text | Format::Json | Format::Pdf => return None,
    };
    let mut warnings = Vec::new();
    let settled: Vec<Scheda> = schede
        .iter()
        .map(|s| {
            let (s, mut w) = at_form_precision(s);
            warnings.append(&mut w);
            s
        })
        .collect();
    Some(write(&settled).map(|bytes| Warned {
        value: bytes,
        warnings,
    }))
}

/// How many decimals a value shows as the form prints it (`33,63`: 2).
fn decimals(shown: &str) -> usize {
    shown.rsplit_once(',').map_or(0, |(_, d)| d.len())
}

/// The error for a format scheda reads but does not write.
pub fn not_written(format: Format) -> crate::diagnostic::Error {
    crate::diagnostic::Error::new(Diagnostic::coded(
        Severity::Error,
        Message::new(kind::NOT_WRITTEN, [("ext", format.extension().into())]),
        Some(Message::new(
            kind::NOT_WRITTEN_HINT,
            [("formats", Format::written_list().into())],
        )),
    ))
}

/// `scheda` with its derived values at the form's precision, and a warning
/// for each value that changed.
fn at_form_precision(scheda: &Scheda) -> (Scheda, Vec<Diagnostic>) {
    let mut settled = scheda.clone();
    let whose = match &scheda.ente.denominazione {
        Some(name) => format!("{name}: "),
        None => String::new(),
    };
    let warnings = rules::settle_precision(&mut settled)
        .into_iter()
        .enumerate()
        .map(|(i, c)| {
            let fewer = decimals(&c.before) < decimals(&c.after);
            let message = Message::new(
                if fewer {
                    kind::DECIMALS_FEWER
                } else {
                    kind::DECIMALS_MORE
                },
                [
                    ("who", whose.as_str().into()),
                    ("row", c.code.into()),
                    ("what", c.what.into()),
                    ("given", c.before.into()),
                    ("written", c.after.into()),
                ],
            );
            // One hint is enough for the whole list.
            let hint = (i == 0).then(|| Message::new(kind::DECIMALS_HINT, []));
            Diagnostic::coded(Severity::Warning, message, hint).at(Location::pointer(c.pointer))
        })
        .collect();
    (settled, warnings)
}
