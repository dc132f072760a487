//! Readers: bytes in one of the [`Format`]s to the canonical model plus
//! diagnostics. One module per format.

// No panics by construction (issue 12): a reader takes hostile bytes, so no
// unwrap, expect or indexing anywhere in it (tests excepted, clippy.toml).
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

pub mod json;
pub mod jsonl;
mod partial;
pub mod pdf;
pub mod text;
pub mod xlsx;

use crate::diagnostic::{Error, Result, Warned};
use crate::format::Format;
use crate::limits::{self, Limits};
use crate::messages::{Message, kind};
use crate::model::{Edizione, Scheda};
use crate::templates::Templates;
pub(crate) use partial::Mode;
pub use partial::{Blanked, Partial};

/// Read every form in `bytes` (a multi-Comune workbook and a JSON Lines
/// file hold several; every other format one), of the built-in editions.
pub fn read(bytes: &[u8], format: Format) -> Result<Warned<Vec<Scheda>>> {
    read_with(bytes, format, &Limits::default(), &Templates::builtin())
}

/// [`read`] within `limits` (the default ones for [`read`]), of the
/// editions of `templates` (the built-in ones for [`read`]): a reader
/// knows the editions it is given, and only those.
pub fn read_with(
    bytes: &[u8],
    format: Format,
    limits: &Limits,
    templates: &Templates,
) -> Result<Warned<Vec<Scheda>>> {
    read_as(bytes, format, limits, templates, None)
}

/// [`read_with`], with the edition of forms whose file does not say which
/// it is (`--edition`): a workbook or table without an `edizione` column
/// or a title that names one.
pub fn read_as(
    bytes: &[u8],
    format: Format,
    limits: &Limits,
    templates: &Templates,
    edizione: Option<Edizione>,
) -> Result<Warned<Vec<Scheda>>> {
    partial::whole(read_in(
        bytes,
        format,
        limits,
        templates,
        edizione,
        Mode::Strict,
    )?)
}

/// [`read_as`], going on past the errors local to some fields of a form:
/// each form as far as it reads ([`Partial`]), the fields of a row not
/// found, of a row with a wrong count of values, of a value that is not a
/// number or that the model refuses left blank, each error recorded with
/// the JSON pointers of the fields it blanked ([`Blanked`]). The warnings
/// are those of a strict read. An error that is not local (not a form, an
/// edition that cannot be told, bytes that cannot be read, a limit) fails
/// as in [`read_as`]; so does anything wrong in a file of several forms
/// (a multi-Comune workbook, JSON Lines), which [`read_as`] fails whole.
///
/// A file that reads whole gives the same forms and warnings as
/// [`read_as`], every [`Partial`] without errors.
pub fn read_partial(
    bytes: &[u8],
    format: Format,
    limits: &Limits,
    templates: &Templates,
    edizione: Option<Edizione>,
) -> Result<Warned<Vec<Partial>>> {
    read_in(bytes, format, limits, templates, edizione, Mode::Lenient)
}

/// Read in `mode`: strict, a local error fails the read where a lenient read
/// records it and goes on.
fn read_in(
    bytes: &[u8],
    format: Format,
    limits: &Limits,
    templates: &Templates,
    edizione: Option<Edizione>,
    mode: Mode,
) -> Result<Warned<Vec<Partial>>> {
    if bytes.len() as u64 > limits.input {
        let size = limits::size_text(bytes.len() as u64);
        return Err(Error::new(limits::exceeded(
            Message::new(kind::INPUT_TOO_LARGE, [("size", size.into())]),
            "input",
            limits::size_text(limits.input),
        )));
    }
    let one = |w: Warned<Partial>| w.map(|p| vec![p]);
    let whole = |w: Warned<Vec<Scheda>>| w.map(|v| v.into_iter().map(Partial::whole).collect());
    match format {
        Format::Json => json::read_in(bytes, limits, templates, mode).map(one),
        Format::JsonLines => jsonl::read_with(bytes, limits, templates).map(whole),
        Format::Text => text::read_in(bytes, limits, templates, mode).map(one),
        Format::Pdf => pdf::read_in(bytes, limits, templates, mode).map(one),
        // Whatever the name says, the bytes tell the kind of spreadsheet.
        Format::Xlsx | Format::Xlsm | Format::Xls | Format::Ods | Format::Csv => {
            xlsx::read_in(bytes, limits, templates, format, edizione, mode)
        }
    }
}
