//! The SOC26 portal page copied as text (seed 003): tab-separated cells, the
//! header block `Denominazione`, `Codice indentificativo`, `Data ultima
//! modifica` in two cells each, and the editable fields of Quadro 3 copied as
//! HTML: `<input type="text" value="0,00"/>` for a value and
//! `<input type="text"/>` for an empty field.
//!
//! Before the shared reader (`flow`) sees a line, each tag becomes its
//! value, or the [`BLANK`](super::tags::BLANK) token when the field is empty
//! ([`super::tags`]), so that an empty field keeps its place among the row's
//! values (R10: numero, modalità, spesa) and reads as null, never as zero. Tabs then separate values as
//! spaces do; the column a value sits in is not needed, because the values
//! of a row come in the form's order.

use super::context::Options;
use super::lines::Line;
use super::rows::Codes;

/// How the shared reader treats this layout: every row is printed.
pub(super) fn options() -> Options {
    Options {
        quadro3_optional: false,
        questions_optional: false,
        blanks_meant: false,
    }
}

/// How strongly the lines look like a portal copy: HTML input tags, and row
/// lines whose cells are separated by tabs.
pub(super) fn score(lines: &[Line], codes: &Codes) -> usize {
    let inputs = if lines.iter().any(|l| l.has_input) {
        5
    } else {
        0
    };
    let tabbed_rows = lines
        .iter()
        .filter(|l| l.inner_tab && codes.prefix(&l.text).is_some())
        .count();
    inputs + tabbed_rows
}
