//! The `Scheda` sheet: the form laid out row by row as its description
//! ([`crate::form`]) gives it (code, official label, values under the form's
//! column headers), inputs unlocked and shaded, derived values as live
//! formulas carrying a cached result.
//!
//! The sheet is first planned as a list of [`Line`]s, one per sheet row,
//! walking the description in order, so that formulas can refer to rows
//! further down (R01B needs R03); [`super::render`] then writes it. The
//! walk follows scheda's own PDF (entries limited to other renderings are
//! left out) with the workbook's own layout:
//!
//! - each quadro opens with a blank line and its name (`Quadro 2 -
//!   Autodiagnosi della spesa per il sociale`); a bar that repeats that
//!   name, or that has nothing under it, is not printed again;
//! - a group heading is a band over the rows of a table, or a sub-heading
//!   under a bar; notes are paragraphs, captions follow their question;
//!   `spazio` puts a blank line before an entry;
//! - a row's columns go under the header row above them where it names
//!   them (R01A under `2024`, R13 under `Spesa aggiuntiva`), else from
//!   column C on; a header row is written where the headers change or a
//!   heading came between. A column the form leaves unheaded is named by
//!   its kind where the workbook needs a header (R0E, the SI/NO answers,
//!   R12's description); a ratio (R01B, `1:N`) goes under the year;
//! - the kind of a column ([`Tipo`]) decides its format and validation.

use rust_decimal::Decimal;

use super::plan::{Cell, DerivedCell, Input, Line, Placed, Row};
use super::render;
use super::{Failure, Style, XResult};
use crate::diagnostic::{Diagnostic, Error, Severity};
use crate::form::{Colonna, Edition, Quadro, Rendering, Riga, Tipo, Voce, VoceKind};
use crate::messages::{Kind, Message, kind};
use crate::model::paths;
use crate::model::{Scheda, Valore};
use crate::rules::{self, Derived};

/// First value column (C); the form has at most four (C-F).
pub(super) const C: u16 = 2;

/// Add the `Scheda` sheet for `s`. Returns the derived fields that the
/// model leaves blank but whose cell caches the computed value, with that
/// value (see [`crate::form::sheets::CALCOLATI`]).
pub(crate) fn add_sheet(
    ws: &mut rust_xlsxwriter::Worksheet,
    s: &Scheda,
    style: &Style,
) -> XResult<Vec<(String, Decimal)>> {
    let lines = plan(s)?;
    render::write(ws, s.edizione.description(), &lines, style)
}

/// Lay the form out, one [`Line`] per sheet row.
fn plan(s: &Scheda) -> XResult<Vec<Line>> {
    let ed = s.edizione.description();
    let mut walk = Walk {
        s,
        ed,
        derived: rules::derive(s),
        out: vec![
            Line::Title(ed.titolo.clone()),
            Line::Note(
                "Compilare le celle colorate in giallo. Le celle in grigio sono calcolate dalle \
                 formule del foglio; i dati dell'ente sono nel foglio «Ente»."
                    .into(),
            ),
        ],
        header: Vec::new(),
        fresh: true,
    };
    for q in &ed.quadri {
        walk.quadro(q)?;
    }
    Ok(walk.out)
}

/// The state of the walk through the description.
struct Walk<'a> {
    s: &'a Scheda,
    ed: &'a Edition,
    derived: Derived,
    out: Vec<Line>,
    /// The last header row written: column and text.
    header: Vec<(u16, String)>,
    /// Whether a heading came after that header row.
    fresh: bool,
}

impl Walk<'_> {
    fn quadro(&mut self, q: &Quadro) -> XResult<()> {
        let name = q.nome();
        self.out.push(Line::Blank);
        self.out
            .push(Line::Quadro(format!("Quadro {} - {name}", q.numero)));
        self.header.clear();
        self.fresh = true;
        let voci: Vec<&Voce> = q
            .voci
            .iter()
            .filter(|v| v.in_rendering(Rendering::Pdf))
            .collect();
        let mut under_bar = false;
        for (i, v) in voci.iter().enumerate() {
            if let VoceKind::Barra(t) = &v.kind {
                under_bar = true;
                if *t == name || !holds_something(&voci[i + 1..]) {
                    continue;
                }
            }
            if v.spazio && prints(&v.kind) {
                self.out.push(Line::Blank);
            }
            match &v.kind {
                VoceKind::Intestazione | VoceKind::Frasi(_) | VoceKind::Pagina => {}
                VoceKind::Nota { testo, .. } => self.heading(Line::Intro(testo.clone())),
                VoceKind::Gruppo(t) if under_bar => self.heading(Line::Sub(t.clone())),
                VoceKind::Gruppo(t) => self.heading(Line::Group(t.clone())),
                VoceKind::Barra(t) => self.heading(Line::Sub(t.clone())),
                VoceKind::Didascalia(t) => self.out.push(Line::Caption(t.clone())),
                VoceKind::Riga(r) => self.row(q.numero, r)?,
                VoceKind::Domanda { codice, etichetta } => {
                    self.row(q.numero, &Riga::domanda(codice, etichetta))?;
                }
            }
        }
        Ok(())
    }

    fn heading(&mut self, line: Line) {
        self.out.push(line);
        self.fresh = true;
    }

    /// A row: its header row where needed, then its cells.
    fn row(&mut self, quadro: u8, r: &Riga) -> XResult<()> {
        let anno = self.ed.anni.anno.to_string();
        // Where each column goes: under the header that names it, the others
        // next to it; without one, from column C on.
        let anchor = r.colonne.iter().enumerate().find_map(|(i, c)| {
            let text = if c.tipo == Tipo::Rapporto {
                Some(anno.clone())
            } else {
                crate::form::sheets::workbook_header(c)
            }?;
            let (col, _) = self.header.iter().find(|(_, h)| *h == text)?;
            Some((i as u16, *col))
        });
        let cols: Vec<u16> = (0..r.colonne.len() as u16)
            .map(|j| match anchor {
                Some((i, col)) => (col + j).saturating_sub(i).max(C),
                None => C + j,
            })
            .collect();
        let headed: Vec<(u16, String)> = cols
            .iter()
            .zip(&r.colonne)
            .filter_map(|(col, c)| Some((*col, crate::form::sheets::workbook_header(c)?)))
            .collect();
        if !headed.is_empty() && (self.fresh || headed.iter().any(|h| !self.header.contains(h))) {
            self.out.push(Line::Header(headed.clone()));
            self.header = headed;
            self.fresh = false;
        }
        let single = r.colonne.len() == 1;
        let mut cells = Vec::new();
        for (col, c) in cols.into_iter().zip(&r.colonne) {
            let cell = self.cell(quadro, r, c, single)?;
            cells.push(Placed {
                col,
                campo: c.campo.clone(),
                cell,
            });
        }
        self.out.push(Line::Row(Row {
            code: r.codice.clone(),
            printed: printed_code(self.ed, r),
            label: r.etichetta.clone(),
            cells,
        }));
        Ok(())
    }

    /// The cell of column `c` of row `r`.
    fn cell(&self, quadro: u8, r: &Riga, c: &Colonna, single: bool) -> XResult<Cell> {
        let campo = c.campo.as_deref();
        let path = paths::of_column(self.ed, quadro, r, c);
        let value = paths::get(self.s, &path.campo);
        // A derived column is a formula of its rule; one no rule computes
        // (a description checked at load has none) is written as an input.
        if (r.derivata || c.derivata)
            && let Some(rule) = self.ed.calcolo(&r.codice, campo)
        {
            return Ok(Cell::Formula(DerivedCell {
                rule: rule.clone(),
                pointer: path.pointer(),
                stored: number(&r.codice, value)?,
                computed: self.derived.get(&r.codice, campo),
            }));
        }
        let code = &r.codice;
        Ok(match c.tipo {
            Tipo::Utenti | Tipo::Ore | Tipo::Abitanti | Tipo::Rapporto => {
                Cell::Int(whole(code, value)?, Input::Count)
            }
            Tipo::RapportoAts => Cell::Int(whole(code, value)?, Input::Ratio),
            Tipo::Percentuale => Cell::Dec(number(code, value)?, Input::Percent),
            Tipo::Media | Tipo::Personale | Tipo::Euro => {
                Cell::Dec(number(code, value)?, Input::Amount)
            }
            Tipo::Testo | Tipo::Relazione => {
                let text = match value {
                    None => None,
                    Some(Valore::Testo(t)) => Some(t),
                    Some(_) => return Err(wrong(code, kind::WANT_A_TEXT)),
                };
                Cell::Text(text, single)
            }
            Tipo::Sino => match value {
                None => Cell::YesNo(None),
                Some(Valore::SiNo(b)) => Cell::YesNo(Some(b)),
                Some(_) => return Err(wrong(code, kind::WANT_SI_NO)),
            },
        })
    }
}

/// Whether an entry writes a line of the sheet.
fn prints(kind: &VoceKind) -> bool {
    !matches!(
        kind,
        VoceKind::Intestazione | VoceKind::Frasi(_) | VoceKind::Pagina
    )
}

/// Whether the entries up to the next bar write anything.
fn holds_something(rest: &[&Voce]) -> bool {
    rest.iter()
        .take_while(|v| !matches!(v.kind, VoceKind::Barra(_)))
        .any(|v| prints(&v.kind))
}

/// The code as the edition prints it, where its label opens with one of its
/// spellings (`ROA` in SOC26), else the code.
fn printed_code(ed: &Edition, r: &Riga) -> String {
    ed.printed_code(&r.codice).to_string()
}

/// A value of another kind than its column's: the model's checks keep it
/// out, so only a bug gets here.
fn wrong(code: &str, expected: Kind) -> Failure {
    Failure::Scheda(Error::new(Diagnostic::coded(
        Severity::Error,
        Message::new(
            kind::WRONG_KIND,
            [
                ("row", code.into()),
                ("expected", Message::new(expected, []).into()),
            ],
        ),
        Some(Message::new(kind::WRITER_INTERNAL_HINT, [])),
    )))
}

fn number(code: &str, v: Option<Valore>) -> XResult<Option<Decimal>> {
    match v {
        None => Ok(None),
        Some(v) => v
            .decimal()
            .map(Some)
            .ok_or_else(|| wrong(code, kind::WANT_A_NUMBER)),
    }
}

fn whole(code: &str, v: Option<Valore>) -> XResult<Option<u64>> {
    match number(code, v)? {
        None => Ok(None),
        Some(d) => u64::try_from(d)
            .ok()
            .filter(|_| d.fract().is_zero())
            .map(Some)
            .ok_or_else(|| wrong(code, kind::WANT_A_WHOLE_NUMBER)),
    }
}
