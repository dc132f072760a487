//! The portal page as a browser copies it (seed 003): tab-separated cells,
//! column headers on the line above or beside the values, input fields as
//! `<input type="text" value="..."/>` tags (no `value` when blank).
//!
//! How the page arranges a run of entries (rows as small tables of their
//! own, one table of cells, tables of input fields) is the description's
//! `portale` key ([`Disposizione`]); the cells of each arrangement, and the
//! header that opens each quadro, are this layout's.

use super::{
    Lines, formatted, header_fields, is_full_width, is_text, is_user_row, one_line, paragraphs,
    printed, printed_value, value, wrap,
};
use crate::diagnostic::Result;
use crate::form::{Disposizione, Edition, Quadro, Rendering, Riga, Tipo, Voce, VoceKind};
use crate::model::Scheda;
use crate::rules::Sentences;

/// Width of the free-text report's label cell, in characters.
const RELAZIONE: usize = 26;

/// How the copied page opens a quadro: an empty line after the title, one
/// after `Quadro N`, and the indent of the band's lines.
struct Testata {
    after_title: bool,
    after_quadro: bool,
    indent: &'static str,
}

/// The openings of Quadri 1 to 4 as the portal page prints them; a later
/// quadro opens as the fourth.
const TESTATE: [Testata; 4] = [
    Testata {
        after_title: true,
        after_quadro: false,
        indent: " ",
    },
    Testata {
        after_title: false,
        after_quadro: true,
        indent: " ",
    },
    Testata {
        after_title: false,
        after_quadro: true,
        indent: "",
    },
    Testata {
        after_title: true,
        after_quadro: true,
        indent: "",
    },
];

fn testata(numero: u8) -> &'static Testata {
    &TESTATE[usize::from(numero.clamp(1, 4)) - 1]
}

/// The value cells of a row: a blank cell among filled ones is written as
/// an empty input field, which keeps its place (in a row shorter than its
/// table too: M30's two counts under the four columns of the user rows); a
/// wholly blank row stays empty.
fn row_cells(values: &[Option<String>]) -> Vec<String> {
    let any = values.iter().any(Option::is_some);
    values
        .iter()
        .map(|v| match v {
            Some(v) => v.clone(),
            None if any => input(None),
            None => String::new(),
        })
        .collect()
}

/// An input field: `<input type="text" value="0,00"/>`, or without a value
/// when blank. The value is escaped as HTML would be.
fn input(value: Option<&str>) -> String {
    match value {
        Some(v) => format!(
            "<input type=\"text\" value=\"{}\"/>",
            v.replace('&', "&amp;")
                .replace('"', "&quot;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        ),
        None => "<input type=\"text\"/>".to_string(),
    }
}

/// `first` followed by empty cells up to `width`.
fn padded(first: &str, width: usize) -> Vec<String> {
    let mut cells = vec![first.to_string()];
    cells.resize(width.max(1), String::new());
    cells
}

struct Out<'a> {
    lines: Lines,
    edition: &'a Edition,
    /// How the current run of entries is arranged.
    mode: Disposizione,
    /// Cells of a line of the current table ([`Disposizione::Tabella`]).
    width: usize,
    /// Value cells of a user row, as wide as the widest.
    user_width: usize,
}

impl Out<'_> {
    /// An empty line, unless the text ends with one.
    fn separate(&mut self) {
        if !self.lines.text.ends_with("\n\n") {
            self.lines.blank();
        }
    }

    /// The title line over a quadro or a page of it.
    fn title(&mut self, quadro: &Quadro) {
        self.lines.line(&self.edition.titolo);
        if testata(quadro.numero).after_title {
            self.lines.blank();
        }
    }

    /// The band naming the quadro (`joined`: on one line, as where the
    /// page goes on after a page break).
    fn band(&mut self, quadro: &Quadro, joined: bool) {
        let t = testata(quadro.numero);
        self.lines.line(&format!("Quadro {}", quadro.numero));
        if t.after_quadro {
            self.lines.blank();
        }
        if joined {
            self.lines
                .line(&format!("{}{}", t.indent, quadro.fascia.join(" ")));
        } else {
            for line in &quadro.fascia {
                self.lines.line(&format!("{}{line}", t.indent));
            }
        }
        self.lines.blank();
    }

    /// A heading, note or sentence: a cell of the table, or a line.
    fn text(&mut self, text: &str) {
        if self.mode == Disposizione::Tabella {
            self.lines.cells(&padded(text, self.width));
        } else {
            self.lines.line(text);
        }
    }

    /// A row of the form; `next` is the entry printed after it.
    fn riga(&mut self, s: &Scheda, riga: &Riga, next: Option<&Voce>) {
        let values: Vec<Option<String>> = riga.colonne.iter().map(|c| value(s, riga, c)).collect();
        let headed = riga.colonne.iter().any(|c| c.intestazione.is_some());
        let headers: Vec<&str> = riga
            .colonne
            .iter()
            .map(|c| c.intestazione.as_deref().unwrap_or(""))
            .collect();
        match self.mode {
            Disposizione::Blocchi => self.block(riga, &values, &headers),
            Disposizione::Tabella => self.table_row(riga, &values, &headers, headed),
            Disposizione::Campi => {
                if headed {
                    let mut top = vec![""];
                    top.extend(&headers);
                    self.lines.cells(&top);
                    let mut cells = vec![riga.etichetta.clone()];
                    cells.extend(values.iter().map(|v| input(v.as_deref())));
                    self.lines.cells(&cells);
                } else if values.iter().all(Option::is_none) {
                    self.lines.line(&format!(" {}", riga.etichetta));
                } else {
                    let mut cells = vec![format!(" {}", riga.etichetta)];
                    cells.extend(row_cells(&values));
                    self.lines.cells(&cells);
                }
                // The sentences after the last row follow it at once.
                if !next.is_some_and(|n| matches!(n.kind, VoceKind::Frasi(_))) {
                    self.lines.blank();
                }
            }
        }
    }

    /// A row as a small table of its own, followed by an empty line.
    fn block(&mut self, riga: &Riga, values: &[Option<String>], headers: &[&str]) {
        let o = &mut self.lines;
        if let [col] = riga.colonne.as_slice()
            && col.tipo == Tipo::Relazione
        {
            for line in wrap(&riga.etichetta, RELAZIONE) {
                o.line(&line);
            }
            for p in values[0].as_deref().map(paragraphs).into_iter().flatten() {
                o.blank();
                o.line(p);
            }
            return;
        }
        if is_full_width(riga) {
            // The label, then the value under it across the page.
            o.para(&riga.etichetta);
            let col = &riga.colonne[0];
            let text = match col.formato {
                Some(_) => formatted(col, values[0].as_deref()),
                None => values[0].as_deref().map(one_line),
            };
            if let Some(text) = text {
                o.para(&text);
            }
        } else if is_user_row(riga) {
            // The headers above the values, every row as wide as the widest.
            let width = self.user_width;
            let mut top = vec![String::new()];
            top.extend(headers.iter().map(|h| h.to_string()));
            top.resize(width + 1, String::new());
            o.cells(&top);
            let mut cells = vec![riga.etichetta.clone()];
            cells.extend(row_cells(values));
            cells.resize(width + 1, String::new());
            o.cells(&cells);
            o.blank();
        } else {
            // The headers beside the label, the values under them.
            let mut top = vec![riga.etichetta.as_str()];
            top.extend(headers);
            o.cells(&top);
            let mut cells = vec![String::new()];
            cells.extend(row_cells(values));
            o.cells(&cells);
            o.blank();
        }
    }

    /// A row of the table: the headers beside the label and the values
    /// under them, or the values beside the label when there are no
    /// headers. A row of one staff count or ratio takes the last cell, under
    /// the year or `Abitanti` of the rows around it; other short rows start
    /// at the first.
    fn table_row(
        &mut self,
        riga: &Riga,
        values: &[Option<String>],
        headers: &[&str],
        headed: bool,
    ) {
        let cells = self.width.saturating_sub(1).max(riga.colonne.len());
        let start = match riga.colonne.as_slice() {
            [c] if matches!(c.tipo, Tipo::Personale | Tipo::Rapporto) => cells - 1,
            _ => 0,
        };
        let place = |items: Vec<String>| {
            let mut line = vec![String::new(); cells];
            for (i, item) in items.into_iter().enumerate() {
                line[start + i] = item;
            }
            line
        };
        // A value printed through a format: the words before the value
        // open the line of the values.
        let mut first = String::new();
        let mut filled = row_cells(values);
        for (i, col) in riga.colonne.iter().enumerate() {
            if let Some((before, after)) = col.formato.as_deref().and_then(|f| f.split_once("{}")) {
                first = before.trim_end().to_string();
                filled[i] = match &values[i] {
                    Some(v) => format!("{v}{}", after.trim_end()),
                    None => col.vuoto.clone().unwrap_or_default(),
                };
            } else if is_text(col) {
                filled[i] = values[i].as_deref().map(one_line).unwrap_or_default();
            }
        }
        let o = &mut self.lines;
        if headed {
            let mut top = vec![riga.etichetta.clone()];
            top.extend(place(headers.iter().map(|h| h.to_string()).collect()));
            o.cells(&top);
            let mut line = vec![first];
            line.extend(place(filled));
            o.cells(&line);
        } else {
            let mut line = vec![riga.etichetta.clone()];
            line.extend(place(filled));
            o.cells(&line);
        }
    }
}

/// The cells of the table that starts at `voci[0]`: the label and as many
/// values as the widest row before the quadro ends or another arrangement
/// starts.
fn table_width(voci: &[&Voce]) -> usize {
    let rows = voci
        .iter()
        .enumerate()
        .take_while(|(i, v)| *i == 0 || v.portale.is_none());
    1 + rows
        .filter_map(|(_, v)| match &v.kind {
            VoceKind::Riga(r) => Some(r.colonne.len()),
            _ => None,
        })
        .max()
        .unwrap_or(0)
}

/// Write the portal layout of `s`.
pub fn write(s: &Scheda, frasi: &Sentences) -> Result<String> {
    let edition = s.edizione.description();
    let user_width = edition
        .righe()
        .filter(|(_, r)| is_user_row(r))
        .map(|(_, r)| r.colonne.len())
        .max()
        .unwrap_or(0);
    let mut o = Out {
        lines: Lines::default(),
        edition,
        mode: Disposizione::Blocchi,
        width: 1,
        user_width,
    };
    o.lines.blank();
    o.lines.blank();
    for (n, quadro) in edition.quadri.iter().enumerate() {
        if n > 0 {
            o.separate();
        }
        o.title(quadro);
        o.mode = Disposizione::Blocchi;
        // The band comes after the page's header fields.
        let mut band = true;
        let voci = printed(quadro, Rendering::Portale);
        for (i, voce) in voci.iter().enumerate() {
            if let Some(mode) = voce.portale {
                o.mode = mode;
                o.width = table_width(&voci[i..]);
            }
            if band && !matches!(voce.kind, VoceKind::Intestazione) {
                o.band(quadro, false);
                band = false;
            }
            entry(&mut o, s, frasi, quadro, voce, voci.get(i + 1).copied())?;
        }
        if band {
            o.band(quadro, false);
        }
    }
    Ok(o.lines.text)
}

/// One entry of the description; `next` is the entry printed after it.
fn entry(
    o: &mut Out,
    s: &Scheda,
    frasi: &Sentences,
    quadro: &Quadro,
    voce: &Voce,
    next: Option<&Voce>,
) -> Result<()> {
    let table = o.mode == Disposizione::Tabella;
    match &voce.kind {
        VoceKind::Intestazione => {
            for (label, value) in header_fields(s) {
                o.lines.cells(&[label, &value]);
            }
            o.lines.blank();
        }
        VoceKind::Nota { testo, .. } => {
            o.text(testo);
            // Notes read on into each other and into a bar.
            let joined =
                next.is_some_and(|n| matches!(n.kind, VoceKind::Nota { .. } | VoceKind::Barra(_)));
            if !table && !joined {
                o.lines.blank();
            }
        }
        VoceKind::Gruppo(testo) | VoceKind::Barra(testo) => {
            o.text(testo);
            if !table {
                o.lines.blank();
            }
        }
        VoceKind::Riga(riga) => o.riga(s, riga, next),
        VoceKind::Frasi(names) => {
            for name in names {
                for p in crate::writers::sentences::named(frasi, name, s.edizione, voce.line)? {
                    o.text(p);
                    if o.mode == Disposizione::Blocchi {
                        o.lines.blank();
                    }
                }
            }
        }
        VoceKind::Domanda { codice, etichetta } => {
            let answer = s.valore(codice, None).map(printed_value);
            o.lines
                .cells(&[etichetta.as_str(), answer.as_deref().unwrap_or("")]);
            end_of_questions(o, next);
        }
        VoceKind::Didascalia(testo) => {
            o.lines.line(testo);
            end_of_questions(o, next);
        }
        VoceKind::Pagina => {
            // The page goes on under the title and the band on one line.
            o.separate();
            o.title(quadro);
            o.band(quadro, true);
        }
    }
    Ok(())
}

/// An empty line after the last question of a section (and its caption).
fn end_of_questions(o: &mut Out, next: Option<&Voce>) {
    if !next.is_some_and(|n| matches!(n.kind, VoceKind::Domanda { .. } | VoceKind::Didascalia(_))) {
        o.lines.blank();
    }
}
