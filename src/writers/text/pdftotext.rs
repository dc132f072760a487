//! The official PDF as pdftotext prints it (seeds 000-002): each row's label
//! wrapped as in its narrow cell, the column headers, then the values of the
//! row on one line; the side band, title and footer at the end of each page,
//! pages separated by a form feed.

use super::{
    Lines, formatted, header_fields, is_full_width, is_text, one_line, paragraphs, printed, value,
    wrap,
};
use crate::diagnostic::{Diagnostic, Error, Location, Result, Severity};
use crate::form::{Colonna, Edition, Rendering, Riga, Tipo, Voce, VoceKind};
use crate::messages::{Message, kind};
use crate::model::Scheda;
use crate::rules::Sentences;

/// Width of the narrow label cells, in characters.
const NARROW: usize = 32;
/// Width of the full-width texts, in characters.
const WIDE: usize = 140;

/// Width of a column's header cell, in characters: the user columns are
/// wider than the others, the population's header narrower.
fn header_width(col: &Colonna) -> usize {
    match col.tipo {
        Tipo::Utenti | Tipo::Ore | Tipo::Media => 24,
        Tipo::Abitanti => 22,
        _ => 20,
    }
}

struct Out<'a> {
    lines: Lines,
    page: u32,
    edition: &'a Edition,
    date: Option<String>,
}

impl Out<'_> {
    fn line(&mut self, line: &str) {
        self.lines.line(line);
    }

    fn blank(&mut self) {
        self.lines.blank();
    }

    fn para(&mut self, line: &str) {
        self.lines.para(line);
    }

    /// A text wrapped at `width` followed by a blank line.
    fn wrapped(&mut self, text: &str, width: usize) {
        for line in wrap(text, width) {
            self.line(&line);
        }
        self.blank();
    }

    /// Close the page: side band, title, footer, form feed.
    fn page_end(&mut self, numero: u8, fascia: &[String]) {
        self.line(&format!("Quadro {numero}"));
        for line in fascia {
            self.line(line);
        }
        self.blank();
        let edition = self.edition;
        self.para(&edition.titolo);
        let pages = self.edition.pagine;
        let footer = match &self.date {
            Some(d) => format!("Pagina {} di {pages} Data {d}", self.page),
            None => format!("Pagina {} di {pages}", self.page),
        };
        self.para(&footer);
        if self.page < pages {
            self.lines.text.push('\x0c');
        }
        self.page += 1;
    }

    /// The values of a row on one line (nothing when all are blank).
    fn values(&mut self, code: &str, cells: &[Option<String>]) -> Result<()> {
        let given: Vec<&String> = cells.iter().flatten().collect();
        if given.is_empty() {
            return Ok(());
        }
        whole(code, cells)?;
        let line = given
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        self.para(&line);
        Ok(())
    }

    /// A row: its label, its column headers, its values.
    fn riga(&mut self, s: &Scheda, riga: &Riga) -> Result<()> {
        let full = is_full_width(riga);
        self.wrapped(&riga.etichetta, if full { WIDE } else { NARROW });
        self.headers(&riga.colonne);
        // The numbers on one line; texts and formatted values after them.
        // In a narrow row that mixes them (R10-R12), the cells share the
        // line in their order (`1,00 Costo orario 2500,00`), as pdftotext
        // prints the form's cells side by side.
        let numbers: Vec<Option<String>> = riga
            .colonne
            .iter()
            .filter(|c| !is_text(c) && c.formato.is_none())
            .map(|c| value(s, riga, c))
            .collect();
        let inline = !full && riga.colonne.iter().any(|c| c.tipo == Tipo::Testo);
        if inline {
            whole(&riga.codice, &numbers)?;
            let cells: Vec<String> = riga
                .colonne
                .iter()
                .filter_map(|c| {
                    value(s, riga, c).map(|v| if is_text(c) { one_line(&v) } else { v })
                })
                .filter(|v| !v.is_empty())
                .collect();
            if !cells.is_empty() {
                self.para(&cells.join(" "));
            }
        } else if !numbers.is_empty() {
            self.values(&riga.codice, &numbers)?;
        }
        for col in &riga.colonne {
            let v = value(s, riga, col);
            if col.formato.is_some() {
                if let Some(text) = formatted(col, v.as_deref()) {
                    self.para(&text);
                }
            } else if col.tipo == Tipo::Relazione {
                for p in v.as_deref().map(paragraphs).into_iter().flatten() {
                    self.para(p);
                }
            } else if col.tipo == Tipo::Testo
                && full
                && let Some(t) = v
            {
                self.para(&t);
            }
        }
        Ok(())
    }

    /// The column headers: pdftotext joins side-by-side headers on one line
    /// while the one before fits on a line of its cell, and prints a header
    /// that wraps as a block of its own.
    fn headers(&mut self, colonne: &[Colonna]) {
        let mut blocks: Vec<(String, usize)> = Vec::new();
        for col in colonne {
            let Some(h) = col.intestazione.as_deref() else {
                continue;
            };
            match blocks.last_mut() {
                Some((text, width)) if wrap(text, *width).len() == 1 => {
                    text.push(' ');
                    text.push_str(h);
                }
                _ => blocks.push((h.to_string(), header_width(col))),
            }
        }
        for (text, width) in blocks {
            self.wrapped(&text, width);
        }
    }
}

/// Fail when a row's numbers are neither all given nor all blank: the
/// values of a row share one line, where a blank cell leaves no trace.
fn whole(code: &str, cells: &[Option<String>]) -> Result<()> {
    let given = cells.iter().flatten().count();
    if given == 0 || given == cells.len() {
        return Ok(());
    }
    Err(Error::new(
        Diagnostic::coded(
            Severity::Error,
            Message::new(kind::ROW_BLANK_AND_FILLED, [("row", code.into())]),
            Some(Message::new(kind::ROW_BLANK_AND_FILLED_HINT, [])),
        )
        .at(Location::row(code)),
    ))
}

/// Write the pdftotext layout of `s`.
pub fn write(s: &Scheda, frasi: &Sentences) -> Result<String> {
    let edition = s.edizione.description();
    let mut o = Out {
        lines: Lines::default(),
        page: 1,
        edition,
        date: s.ente.data.map(|d| d.format_it()),
    };
    for quadro in &edition.quadri {
        let voci = printed(quadro, Rendering::Pdftotext);
        for (i, voce) in voci.iter().enumerate() {
            entry(&mut o, s, frasi, voce, voci.get(i + 1).copied())?;
            if let VoceKind::Pagina = voce.kind {
                o.page_end(quadro.numero, &quadro.fascia);
            }
        }
        o.page_end(quadro.numero, &quadro.fascia);
    }
    Ok(o.lines.text)
}

/// One entry of the description; `next` is the entry printed after it.
fn entry(
    o: &mut Out,
    s: &Scheda,
    frasi: &Sentences,
    voce: &Voce,
    next: Option<&Voce>,
) -> Result<()> {
    match &voce.kind {
        VoceKind::Intestazione => {
            // Only when the Comune is known: the seeds read by pdftotext have none.
            let known = s.ente.denominazione.is_some() || s.ente.codice.is_some();
            let header = if known { header_fields(s) } else { Vec::new() };
            for (label, value) in &header {
                o.line(&format!("{label} {value}"));
            }
            if !header.is_empty() {
                o.blank();
            }
        }
        VoceKind::Nota { testo, .. } => o.wrapped(testo, WIDE),
        VoceKind::Gruppo(testo) => o.para(testo),
        VoceKind::Barra(testo) => {
            // A bar shares its block with a heading or a full-width row
            // after it.
            let joined = next.is_some_and(|n| match &n.kind {
                VoceKind::Barra(_) | VoceKind::Gruppo(_) => true,
                VoceKind::Riga(r) => is_full_width(r),
                _ => false,
            });
            if joined {
                o.line(testo);
            } else {
                o.para(testo);
            }
        }
        VoceKind::Riga(riga) => o.riga(s, riga)?,
        VoceKind::Frasi(names) => {
            for name in names {
                for p in crate::writers::sentences::named(frasi, name, s.edizione, voce.line)? {
                    o.para(p);
                }
            }
        }
        VoceKind::Domanda { codice, etichetta } => {
            o.wrapped(etichetta, NARROW);
            if let Some(v) = s.valore(codice, None) {
                o.para(&super::printed_value(v));
            }
        }
        VoceKind::Didascalia(testo) => o.para(testo),
        // The page is closed by the caller, which knows the quadro.
        VoceKind::Pagina => {}
    }
    Ok(())
}
