//! Readers: bytes in one of the [`Format`]s to the canonical model plus
//! diagnostics. One module per format.

pub mod json;
pub mod pdf;
pub mod text;

use crate::diagnostic::{Error, Result, Warned};
use crate::format::Format;
use crate::model::Scheda;

/// Read every form in `bytes` (a multi-Comune workbook holds several; every
/// other format one).
pub fn read(bytes: &[u8], format: Format) -> Result<Warned<Vec<Scheda>>> {
    match format {
        Format::Json => json::read(bytes).map(|w| w.map(|s| vec![s])),
        Format::Text => text::read(bytes).map(|w| w.map(|s| vec![s])),
        Format::Pdf => pdf::read(bytes).map(|w| w.map(|s| vec![s])),
        other => Err(Error::msg(format!("reading {other} is not supported yet"))),
    }
}
