//! `pdftotext` of the portal's PDF (seeds 000-002, SOC25), and of the PDF
//! scheda writes (SOC25 or SOC26, with the page-1 header block).
//!
//! Each user row is drawn as a small table, so pdftotext prints the row's
//! label (wrapped over several lines), then its column headers, often broken
//! in two (`Numero di utenti serviti` / `- 2019`) or side by side (`2020
//! 2024`), then the values on one line (`5 3 390 130,00`). The left-hand
//! band (`Quadro 1`, `Autodiagnosi del`, ...), the title and the footer
//! `Pagina N di 7 Data dd/mm/yyyy hh:mm` fall between any two lines. Every
//! row is printed, Quadro 3 and all four Quadro 4 sections included, so a
//! row that is not found is an error.

use super::context::Options;
use super::lines::{Furniture, Line};
use crate::model::Edizione;

/// How the shared reader treats this layout: every row is printed.
pub(super) fn options() -> Options {
    Options {
        quadro3_optional: false,
        questions_optional: false,
        blanks_meant: false,
    }
}

/// How strongly the lines look like pdftotext output (of edition `ed`):
/// column headers on lines of their own, or broken before their year (`-
/// 2019`), page titles and footers.
pub(super) fn score(lines: &[Line], ed: Edizione) -> usize {
    let base_year = format!("- {}", ed.description().anni.utenti_base);
    lines
        .iter()
        .filter(|l| {
            let t = l.text.as_str();
            t == "Numero di utenti serviti"
                || t == base_year
                || t.starts_with("Totale annuo ore di")
                || t.starts_with("Media annua ore di")
                || t == "Spesa aggiuntiva"
                || matches!(l.furniture, Some(Furniture::Title | Furniture::Footer))
        })
        .count()
}
