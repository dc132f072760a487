//! Writers: the canonical model to bytes in one of the [`Format`]s. One
//! module per format.

pub mod json;
pub mod jsonl;
pub mod pdf;
pub mod text;
pub mod xlsx;

use std::path::PathBuf;

use crate::diagnostic::{Result, Warned};
use crate::format::Format;
use crate::model::Scheda;
use crate::rules::Catalogue;

/// Options shared by the writers.
#[derive(Debug, Clone, Default)]
pub struct WriteOptions {
    /// A directory whose templates (`SOC25.typ`, `sentences/SOC25.j2`, ...)
    /// replace the built-in ones.
    pub templates_dir: Option<PathBuf>,
    /// The extracted-text layout to write; by default the one of the
    /// form's edition.
    pub layout: Option<text::TextLayout>,
}

impl WriteOptions {
    /// The sentence catalogue: from `templates_dir` where it has one.
    pub fn catalogue(&self) -> Result<Catalogue> {
        match &self.templates_dir {
            Some(dir) => Catalogue::from_dir(dir),
            None => Ok(Catalogue::builtin()),
        }
    }
}

/// Write one form in `format`.
pub fn write(scheda: &Scheda, format: Format, options: &WriteOptions) -> Result<Warned<Vec<u8>>> {
    match format {
        Format::Json => json::write(scheda).map(Warned::new),
        Format::JsonLines => jsonl::write(scheda).map(Warned::new),
        Format::Text => text::write(scheda, options.layout, &options.catalogue()?),
        Format::Xlsx => xlsx::write(scheda).map(Warned::new),
        Format::Pdf => pdf::write(
            scheda,
            &pdf::PdfSettings {
                templates_dir: options.templates_dir.clone(),
            },
        ),
    }
}

/// Write several forms into one file, where the format can hold several
/// (a multi-Comune workbook, JSON Lines; see [`Format::holds_many`]);
/// `None` when it cannot.
pub fn write_many(schede: &[Scheda], format: Format) -> Option<Result<Vec<u8>>> {
    match format {
        Format::Xlsx => Some(xlsx::write_many(schede)),
        Format::JsonLines => Some(jsonl::write_many(schede)),
        Format::Text | Format::Json | Format::Pdf => None,
    }
}
