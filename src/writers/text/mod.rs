//! Writers for the extracted-text layouts: the portal PDF as pdftotext
//! prints it (seeds 000-002) and the portal page as a browser copies it
//! (seed 003). The text reader reads both back to the same model.
//!
//! Both walk the edition's description ([`crate::form::Edition`]): its
//! quadri and what each prints, in order, for their rendering
//! ([`Rendering::Pdftotext`], [`Rendering::Portale`]), the values coming
//! through [`Scheda::valore`]. What belongs to the layout itself (how
//! pdftotext wraps a narrow cell, the portal's tab-separated cells and input
//! fields, page furniture) is code here, keyed by kinds of entries and
//! columns. The layout is the edition's (`layout_testo`) unless one is
//! forced.

// Only the XLSX writer still reads it (see its module documentation).
mod pdftotext;
mod portal;

use crate::diagnostic::{Diagnostic, Error, Result, Severity, Warned};
use crate::form::{CampoEnte, Colonna, Intestazione, Quadro, Rendering, Riga, Tipo, Voce};
use crate::messages::{Message, kind};
use crate::model::{Edizione, Scheda, Valore};
use crate::number::format_it;
use crate::rules::{Catalogue, sentences};

/// The layout an edition is normally seen in (its `layout_testo`).
pub fn layout_of(edizione: Edizione) -> Rendering {
    match edizione.description().layout_testo {
        Rendering::Pdftotext => Rendering::Pdftotext,
        _ => Rendering::Portale,
    }
}

/// Write `scheda` as extracted text in `layout` (by default the edition's:
/// [`layout_of`]), one of [`Rendering::WRITTEN`]; another is an error.
/// The sentences come from `catalogue`; UNVERIFIED ones are warnings.
pub fn write(
    scheda: &Scheda,
    layout: Option<Rendering>,
    catalogue: &Catalogue,
) -> Result<Warned<Vec<u8>>> {
    let chosen = sentences::choose(scheda, catalogue)?;
    let text = match layout.unwrap_or(layout_of(scheda.edizione)) {
        Rendering::Pdftotext => pdftotext::write(scheda, &chosen.value)?,
        Rendering::Portale => portal::write(scheda, &chosen.value)?,
        other => {
            return Err(Error::new(Diagnostic::coded(
                Severity::Error,
                Message::new(
                    kind::TEXT_LAYOUT_UNKNOWN,
                    [("name", other.to_string().into())],
                ),
                None,
            )));
        }
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
    fn cells<S: AsRef<str>>(&mut self, cells: &[S]) {
        let cells: Vec<&str> = cells.iter().map(AsRef::as_ref).collect();
        self.line(&cells.join("\t"));
    }
}

/// What one quadro prints in `rendering`, in order.
fn printed(quadro: &Quadro, rendering: Rendering) -> Vec<&Voce> {
    quadro
        .voci
        .iter()
        .filter(|v| v.in_rendering(rendering))
        .collect()
}

/// The lines of the page-1 header block the form has a value for, with
/// their labels ([`Intestazione::stampate`]: `Denominazione` with the
/// province, `Codice indentificativo`, `Data ultima modifica`). Empty ones
/// are left out: the reader would take the next line for their value.
fn header_fields(s: &Scheda) -> Vec<(&'static str, String)> {
    let e = &s.ente;
    Intestazione::stampate()
        .filter_map(|i| {
            let value = match i.campo {
                CampoEnte::Denominazione => match (&e.denominazione, &e.provincia) {
                    (Some(n), Some(p)) => Some(format!("{n} ({p})")),
                    (n, _) => n.clone(),
                },
                CampoEnte::Provincia => e.provincia.clone(),
                CampoEnte::Codice => e.codice.clone(),
                CampoEnte::Data => e.data.map(|d| d.format_it()),
            };
            Some((i.etichetta, value.filter(|v| !v.is_empty())?))
        })
        .collect()
}

/// A value as the form prints it: counts as they are, decimals with at
/// least two places, SI/NO answers as words, texts as given.
fn printed_value(v: Valore) -> String {
    match v {
        Valore::Intero(n) => n.to_string(),
        Valore::Decimale(d) => format_it(d, 2),
        Valore::Testo(t) => t,
        Valore::SiNo(true) => "SI".to_string(),
        Valore::SiNo(false) => "NO".to_string(),
    }
}

/// The value of one column of `riga` as printed, or nothing when blank.
fn value(s: &Scheda, riga: &Riga, col: &Colonna) -> Option<String> {
    s.valore(&riga.codice, col.campo.as_deref())
        .map(printed_value)
}

/// A column whose value is a text, printed apart from the numbers of its
/// row (R10's modalità, R12's description, the free-text report).
fn is_text(col: &Colonna) -> bool {
    matches!(col.tipo, Tipo::Testo | Tipo::Relazione)
}

/// A row whose one value is printed under its label across the page
/// (R0C, R0D, R0E) rather than in a cell beside it.
fn is_full_width(riga: &Riga) -> bool {
    matches!(
        riga.colonne.as_slice(),
        [c] if matches!(c.tipo, Tipo::Testo | Tipo::RapportoAts)
    )
}

/// A row of user counts (M12...R0B): the columns are users, hours, means.
fn is_user_row(riga: &Riga) -> bool {
    riga.colonne
        .iter()
        .all(|c| matches!(c.tipo, Tipo::Utenti | Tipo::Ore | Tipo::Media))
}

/// A value printed through the column's `formato` (`1 assistente ogni :
/// {}`), or its `vuoto` text when blank.
fn formatted(col: &Colonna, value: Option<&str>) -> Option<String> {
    let formato = col.formato.as_deref()?;
    match value {
        Some(v) => Some(formato.replacen("{}", v, 1)),
        None => col.vuoto.clone(),
    }
}

/// Free text as one line per paragraph.
fn paragraphs(text: &str) -> impl Iterator<Item = &str> {
    text.split('\n').map(str::trim).filter(|l| !l.is_empty())
}

/// A free text on one line (its line breaks become spaces).
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Greedy word wrap at `width` characters (a longer word stands alone).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        if !current.is_empty() && current.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_wrap_at_the_width_and_a_long_word_stands_alone() {
        assert_eq!(
            wrap("Numero di utenti serviti - 2019", 24),
            ["Numero di utenti serviti", "- 2019"]
        );
        assert_eq!(wrap("a verylongword b", 4), ["a", "verylongword", "b"]);
        assert!(wrap("  ", 10).is_empty());
    }
}
