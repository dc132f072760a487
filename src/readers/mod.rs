//! Readers: bytes in one of the [`Format`]s to the canonical model plus
//! diagnostics. One module per format.

pub mod json;
pub mod jsonl;
pub mod pdf;
pub mod text;
pub mod xlsx;

use crate::diagnostic::{Result, Warned};
use crate::format::Format;
use crate::model::Scheda;

/// The hint for a count (users, hours, inhabitants) that is not a whole
/// number of 0 or more, whatever the format.
pub(crate) const COUNT_HINT: &str =
    "counts of users, hours and inhabitants are whole numbers, 0 or more";

/// Read every form in `bytes` (a multi-Comune workbook and a JSON Lines
/// file hold several; every other format one).
pub fn read(bytes: &[u8], format: Format) -> Result<Warned<Vec<Scheda>>> {
    let one = |w: Warned<Scheda>| w.map(|s| vec![s]);
    match format {
        Format::Json => json::read(bytes).map(one),
        Format::JsonLines => jsonl::read(bytes),
        Format::Text => text::read(bytes).map(one),
        Format::Pdf => pdf::read(bytes).map(one),
        Format::Xlsx => xlsx::read(bytes),
    }
}
