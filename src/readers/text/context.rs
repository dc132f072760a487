//! The vocabulary the row readers share: how the shared reader treats a
//! layout ([`Options`]), the errors and warnings gathered while reading
//! ([`Diags`]), what one row's reader is given ([`Ctx`]: the lines, the row
//! and its segment), and the line numbers of the input ([`line_no`]).

use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::messages::Message;

use super::lines::Line;
use super::rows::{Codes, Row};
use super::segments::Segment;

/// How the shared reader treats one layout.
#[derive(Debug, Clone, Copy)]
pub(super) struct Options {
    /// Whether the text may leave Quadro 3 out (the IFEL page does when the
    /// Comune has nothing to report): its rows then read as blank, with a
    /// warning.
    pub quadro3_optional: bool,
    /// Whether the text may leave Quadro 4 questions out (the IFEL page prints
    /// only the section that applies).
    pub questions_optional: bool,
    /// Whether a blank row is meant: the text comes with the form's data
    /// (a PDF written by scheda), which the page is compared with, so a row
    /// printed blank is not reported (see `blanks`).
    pub blanks_meant: bool,
}

/// Errors and warnings gathered while reading.
#[derive(Debug, Default)]
pub(super) struct Diags {
    /// Errors: the read fails if there is one.
    pub errors: Vec<Diagnostic>,
    /// Warnings.
    pub warnings: Vec<Diagnostic>,
}

impl Diags {
    /// Record an error from the catalogue at a line.
    pub fn fail(&mut self, no: usize, message: Message, hint: Option<Message>) {
        self.errors
            .push(Diagnostic::coded(Severity::Error, message, hint).at(Location::line(no)));
    }

    /// Record a warning from the catalogue at a line.
    pub fn caution(&mut self, no: usize, message: Message, hint: Option<Message>) {
        self.warnings
            .push(Diagnostic::coded(Severity::Warning, message, hint).at(Location::line(no)));
    }
}

/// What one row's reader needs to know.
pub(super) struct Ctx<'a> {
    /// Every line of the text.
    pub lines: &'a [Line],
    /// For each line, whether it holds nothing but column headers.
    pub header_line: &'a [bool],
    /// The row.
    pub row: &'a Row,
    /// The row after it in the form, if any (its column headers may be
    /// printed before its code, at the end of this row's segment).
    pub next: Option<&'a Row>,
    /// The row codes of every known edition.
    pub codes: &'a Codes,
    /// The row's segment.
    pub seg: Segment,
}

impl Ctx<'_> {
    /// The line number of the row's code.
    pub fn line_no(&self) -> usize {
        line_no(self.lines, self.seg.anchor)
    }
}

/// The 1-based number of line `i` in the input (`i + 1` past the end).
pub(super) fn line_no(lines: &[Line], i: usize) -> usize {
    lines.get(i).map_or(i + 1, |l| l.no)
}
