//! Readers: bytes in one of the [`Format`]s to the canonical model plus
//! diagnostics. One module per format.

// No panics by construction (issue 12): a reader takes hostile bytes, so no
// unwrap, expect or indexing anywhere in it (tests excepted, clippy.toml).
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

pub mod json;
pub mod jsonl;
pub mod pdf;
pub mod text;
pub mod xlsx;

use crate::diagnostic::{Error, Result, Warned};
use crate::format::Format;
use crate::limits::{self, Limits};
use crate::model::{Edizione, Scheda};

/// The hint for a count (users, hours, inhabitants) that is not a whole
/// number of 0 or more, whatever the format.
pub(crate) const COUNT_HINT: &str =
    "counts of users, hours and inhabitants are whole numbers, 0 or more";

/// Read every form in `bytes` (a multi-Comune workbook and a JSON Lines
/// file hold several; every other format one).
pub fn read(bytes: &[u8], format: Format) -> Result<Warned<Vec<Scheda>>> {
    read_with(bytes, format, &Limits::default())
}

/// [`read`] within `limits` (the default ones for [`read`]).
pub fn read_with(bytes: &[u8], format: Format, limits: &Limits) -> Result<Warned<Vec<Scheda>>> {
    read_as(bytes, format, limits, None)
}

/// [`read_with`], with the edition of forms whose file does not say which
/// it is (`--edizione`): a workbook or table without an `edizione` column
/// or a title that names one.
pub fn read_as(
    bytes: &[u8],
    format: Format,
    limits: &Limits,
    edizione: Option<Edizione>,
) -> Result<Warned<Vec<Scheda>>> {
    if bytes.len() as u64 > limits.input {
        return Err(Error::new(limits::exceeded(
            format!("the input has {}", limits::size_text(bytes.len() as u64)),
            "input",
            limits::size_text(limits.input),
        )));
    }
    let one = |w: Warned<Scheda>| w.map(|s| vec![s]);
    match format {
        Format::Json => json::read_with(bytes, limits).map(one),
        Format::JsonLines => jsonl::read_with(bytes, limits),
        Format::Text => text::read_with(bytes, limits).map(one),
        Format::Pdf => pdf::read_with(bytes, limits).map(one),
        // Whatever the name says, the bytes tell the kind of spreadsheet.
        Format::Xlsx | Format::Xlsm | Format::Xls | Format::Ods | Format::Csv => {
            xlsx::read_as(bytes, limits, format, edizione)
        }
    }
}
