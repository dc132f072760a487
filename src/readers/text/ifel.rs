//! The IFEL portal page copied as text (seed 004, SOC25).
//!
//! The Comune is named on the first line (`Comune SONDRIO (SO)`); the column
//! headers are printed once above the user rows (`N° di utenti` / `serviti
//! 2019` ...); each row's values follow its label on the same line, or on a
//! line after a wrapped label (`M18 ‐ Utenti con dipendenze e` / `salute
//! mentale` / `100 120 2880 24`). Codes are followed by U+2010 hyphens and
//! written `R00C`, `R00D`, `R00E`; words are separated by NBSP in places;
//! euro amounts have dotted thousands (`1.984.440,83`), mean hours are
//! integers, R04 has six decimals, staff counts are integers (`7 16`), and
//! stray column headers stand between rows (`2024` after R02, `2017 2021`
//! before R07, `R03 ... 2024 21297`).
//!
//! The page leaves Quadro 3 out when the Comune need not compile it (a
//! warning, not an error), prints only the Quadro 4 section that applies,
//! with the answer right after the code (`R16 SI`, `R17 SI Personale
//! maggiormente qualificato`), and ends with `NOTA BENE`, `ATTENZIONE:` and
//! `ASSISTENZA:` paragraphs, which are not data.

use super::context::Options;
use super::lines::{self, Furniture, Line};
use super::rows::Codes;
use super::tokens;

/// How the shared reader treats this layout: Quadro 3 and the Quadro 4
/// questions may be left out.
pub(super) fn options() -> Options {
    Options {
        quadro3_optional: true,
        questions_optional: true,
        blanks_meant: false,
    }
}

/// How strongly the lines look like the IFEL page.
pub(super) fn score(lines: &[Line], codes: &Codes) -> usize {
    let any = |f: &dyn Fn(&Line) -> bool| usize::from(lines.iter().any(f));
    let on_label_line = lines
        .iter()
        .filter(|l| {
            l.text.starts_with('M') && codes.prefix(&l.text).is_some() && {
                let toks: Vec<&str> = l.text.split(' ').collect();
                toks.len() > 2
                    && toks
                        .get(toks.len() - 2..)
                        .is_some_and(|last| tokens::all_numbers(&last.join(" ")))
            }
        })
        .count();
    // The IFEL page's own spelling of three codes: a mark of the rendering,
    // which the reader must tell before it knows the edition (the
    // description's `[spellings]` say what a spelling means, not who prints it).
    2 * any(&|l| {
        ["R00C", "R00D", "R00E"]
            .iter()
            .any(|c| l.text.starts_with(c))
    }) + any(&|l| l.text.starts_with("N° di utenti"))
        + any(&|l| lines::comune(&l.text).is_some())
        + any(&|l| l.furniture == Some(Furniture::Closing))
        + any(&|l| {
            let lower = l.text.to_lowercase();
            lower.starts_with("quadro 2 - ") || lower.starts_with("4 - quadro")
        })
        + if on_label_line >= 10 { 2 } else { 0 }
}
