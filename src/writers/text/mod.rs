//! Writers for the extracted-text layouts: the portal PDF as pdftotext
//! prints it (seeds 000-002) and the SOC26 portal page as a browser copies
//! it (seed 003). The text reader reads both back to the same model.
//!
//! The layout follows the edition (SOC25: `pdftotext`, SOC26: `portal`)
//! unless one is forced.

pub mod labels;
mod pdftotext;
mod portal;

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;

use crate::diagnostic::{Result, Warned};
use crate::model::{Edizione, Scheda};
use crate::number::format_it;
use crate::rules::{Catalogue, sentences};

pub use labels::Labels;

/// An extracted-text layout that scheda writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TextLayout {
    /// The official PDF through pdftotext: label, column headers, then the
    /// values of a row on one line.
    Pdftotext,
    /// The portal page copied from a browser: tab-separated cells, input
    /// fields as `<input .../>` tags.
    Portal,
}

impl TextLayout {
    /// The layout an edition is normally seen in.
    pub fn for_edition(edizione: Edizione) -> Self {
        match edizione.description().layout_testo {
            crate::form::Rendering::Pdftotext => TextLayout::Pdftotext,
            crate::form::Rendering::Portale | crate::form::Rendering::Pdf => TextLayout::Portal,
        }
    }
}

impl fmt::Display for TextLayout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TextLayout::Pdftotext => "pdftotext",
            TextLayout::Portal => "portal",
        })
    }
}

impl FromStr for TextLayout {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "pdftotext" | "pdf" => Ok(TextLayout::Pdftotext),
            "portal" | "portale" => Ok(TextLayout::Portal),
            other => Err(format!(
                "unknown text layout `{other}` (expected pdftotext or portal)"
            )),
        }
    }
}

/// Write `scheda` as extracted text in `layout` (by default the edition's).
/// The sentences come from `catalogue`; UNVERIFIED ones are warnings.
pub fn write(
    scheda: &Scheda,
    layout: Option<TextLayout>,
    catalogue: &Catalogue,
) -> Result<Warned<Vec<u8>>> {
    let chosen = sentences::choose(scheda, catalogue)?;
    let layout = layout.unwrap_or(TextLayout::for_edition(scheda.edizione));
    let text = match layout {
        TextLayout::Pdftotext => pdftotext::write(scheda, &chosen.value)?,
        TextLayout::Portal => portal::write(scheda, &chosen.value)?,
    };
    Ok(Warned {
        value: text.into_bytes(),
        warnings: chosen.warnings,
    })
}

/// A text being written line by line.
#[derive(Debug, Default)]
struct Lines {
    text: String,
}

impl Lines {
    /// One line.
    fn line(&mut self, line: &str) {
        self.text.push_str(line);
        self.text.push('\n');
    }

    /// An empty line.
    fn blank(&mut self) {
        self.text.push('\n');
    }

    /// A line followed by an empty one.
    fn para(&mut self, line: &str) {
        self.line(line);
        self.blank();
    }

    /// Tab-separated cells on one line.
    fn cells(&mut self, cells: &[&str]) {
        self.line(&cells.join("\t"));
    }
}

/// The page-1 header fields the form has a value for (`Denominazione` with
/// the province, `Codice indentificativo`, `Data ultima modifica`). Empty
/// ones are left out: the reader would take the next line for their value.
fn header_fields(s: &Scheda) -> Vec<(&'static str, String)> {
    let name = match (&s.ente.denominazione, &s.ente.provincia) {
        (Some(n), Some(p)) => Some(format!("{n} ({p})")),
        (n, _) => n.clone(),
    };
    [
        ("Denominazione", name),
        ("Codice indentificativo", s.ente.codice.clone()),
        ("Data ultima modifica", s.ente.data.map(|d| d.format_it())),
    ]
    .into_iter()
    .filter_map(|(label, value)| Some((label, value.filter(|v| !v.is_empty())?)))
    .collect()
}

/// A count as printed, or nothing for a blank field.
fn int(v: Option<u64>) -> Option<String> {
    v.map(|v| v.to_string())
}

/// A decimal as printed with at least `places` decimals, or nothing.
fn dec(v: Option<Decimal>, places: u32) -> Option<String> {
    v.map(|v| format_it(v, places))
}

/// Free text as one line per paragraph.
fn paragraphs(text: &str) -> impl Iterator<Item = &str> {
    text.split('\n').map(str::trim).filter(|l| !l.is_empty())
}
