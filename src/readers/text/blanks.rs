//! Rows the text prints nothing for. A blank field reads as null, but a
//! form prints every value of a row it has, `0` or `0,00` when there is
//! none: in a quadro whose other rows carry values, a row with nothing where
//! its values belong has most likely lost its line of values (an extraction
//! or an edit gone wrong), and must not come back blank in silence.
//!
//! - Quadro 1 and 2 rows of numbers and ratios, which the form always prints
//!   filled (users, staff, inhabitants, the ministry's amounts): a warning
//!   that says so (fatal under `--strict`). Not an error: scheda's own text
//!   prints a blank row blank, and must read back.
//! - Quadro 3 rows, which the Comune compiles only when it is due, the
//!   free-text rows R0C and R0D, and a row whose blank the form prints as a
//!   word (R0E's `NON CALCOLABILE`, which a workbook leaves empty): a
//!   warning; the row reads as blank.
//! - A row the rules compute (R09) is not reported when the rules leave it
//!   blank too (SOC26 prints R09 blank when nothing is due).
//! - Questions and the free-text report are blank as a matter of course.
//!
//! A quadro where most rows print nothing (a blank form, one being filled
//! in) is not reported: there every blank is meant.

use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::messages::{Message, kind};
use crate::model::Scheda;

use super::context::{Ctx, Diags};
use super::rows::Kind;
use super::values::Printed;

/// The quadro whose rows the Comune compiles only when it is due.
const QUADRO_DUE: u8 = 3;

/// Whether a row's kind is checked: it holds values the form prints.
fn checked(kind: Kind) -> bool {
    !matches!(kind, Kind::Sino | Kind::Relazione | Kind::Ignota)
}

/// Report the rows of `read` (each row's context and what the text printed
/// for it) that print nothing where the form prints values; `s` is the form
/// as read.
pub(super) fn check(read: &[(&Ctx, Printed)], s: &Scheda, d: &mut Diags) {
    let filled = |quadro: u8| {
        let rows = read
            .iter()
            .filter(|(c, _)| c.row.quadro == quadro && checked(c.row.kind));
        let (total, printed) = rows.fold((0, 0), |(t, p), (_, got)| {
            (t + 1, p + usize::from(*got == Printed::Something))
        });
        printed * 2 > total
    };
    let mut recomputed: Option<Vec<crate::rules::Change>> = None;
    for (ctx, got) in read {
        let row = ctx.row;
        if *got != Printed::Nothing || !checked(row.kind) || !filled(row.quadro) {
            continue;
        }
        if row.derived {
            // Blank as the rules would leave it, given the other rows.
            let changes = recomputed.get_or_insert_with(|| {
                let mut copy = s.clone();
                crate::rules::recompute(&mut copy)
            });
            if !changes.iter().any(|c| c.code == row.code) {
                continue;
            }
        }
        let at = Location::line(ctx.line_no());
        let message = if row.kind == Kind::Testo {
            Message::new(kind::ROW_BLANK_TEXT, [("row", row.code.into())])
        } else {
            Message::new(kind::ROW_BLANK, [("row", row.code.into())])
        };
        // What the form prints for a blank value of the row (`NON
        // CALCOLABILE`): a blank row means the same.
        let vuoto = row.colonne.iter().find_map(|c| c.vuoto.as_deref());
        let hint = if let Some(vuoto) = vuoto {
            Message::new(kind::ROW_BLANK_VUOTO_HINT, [("vuoto", vuoto.into())])
        } else if row.quadro == QUADRO_DUE || row.kind == Kind::Testo {
            Message::new(kind::ROW_BLANK_FILLED_HINT, [])
        } else {
            Message::new(kind::ROW_BLANK_EVERY_HINT, [])
        };
        d.warnings
            .push(Diagnostic::coded(Severity::Warning, message, Some(hint)).at(at));
    }
}
