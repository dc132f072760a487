//! Reading a form workbook: scheda's own (`Scheda` + `Ente`) and the ones
//! people make.
//!
//! Rows are found by their code, or another spelling of it that an edition's
//! description lists (`M12`, `R0A`/`ROA`, `R00C`, `R01B`, ...), in the first
//! four columns of any sheet, alone in its cell or opening the label (`M12 -
//! Utenti famiglia e minori`). A row is read as the edition's description
//! gives it: its value columns are found by the nearest header row above it
//! (`Numero di utenti serviti - 2019`, `2020`, `Spesa aggiuntiva`, ...;
//! without one, the values are taken in the form's order after the label),
//! each read by its column's kind into [`Scheda::set_valore`]. Numbers may
//! be number cells or text in Italian notation. The edition comes from the `Ente` sheet, else from a
//! title such as `SOC25 - SOCIALE - ...`, else from the headers' years.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;

use super::cells::{Conv, Sheet, fold};
use super::columns;
use super::derived;
use super::header;
use super::locate::{
    Codes, Found, Headers, RowCtx, edition, editions, ente_row, find_codes, has_label_column,
    header_rows, key, no_codes,
};
use crate::diagnostic::{Diagnostic, Error, Location, Result, Severity, Warned};
use crate::form::sheets::{self, ANNO, CALCOLATI, ENTE};
use crate::form::{CampoEnte, Colonna, INTESTAZIONE, Riga, Tipo, VoceKind};
use crate::messages::{Arg, Message, kind as k};
use crate::model::paths;
use crate::model::{Edizione, FieldError, Scheda, Valore};
use crate::readers::partial::{self, Blanked, Mode, Partial};
use crate::templates::Templates;

/// Read the one form of a form workbook; `hint` is the edition when the
/// workbook does not say (`--edition`); the form is of an edition of
/// `templates`. A cell that does not read fails a strict read; a lenient
/// one leaves its field blank ([`crate::readers::read_partial`]).
pub(super) fn read(
    sheets: &[Sheet],
    templates: &Templates,
    hint: Option<Edizione>,
    mode: Mode,
) -> Result<Warned<Partial>> {
    let ente = sheets.iter().position(|s| fold(&s.name) == fold(ENTE));
    let mut conv = Conv::default();
    let codes = Codes::of(templates);
    let found = find_codes(sheets, ente, &codes, &mut conv);
    if found.is_empty() {
        return Err(no_codes(sheets));
    }
    let headers: Vec<Headers> = sheets
        .iter()
        .enumerate()
        .map(|(i, sheet)| header_rows(sheet, &found, i))
        .collect();
    let said = edition(sheets, ente, &headers, templates, &mut conv);
    let edizione = match said.or_else(|| hint.filter(|_| conv.errors.is_empty())) {
        Some(ed) => ed,
        None if !conv.errors.is_empty() => {
            return Err(Error::many(conv.errors).with_warnings(conv.warnings));
        }
        None => {
            let known = templates.editions();
            let newest = known.last().map_or(0, |e| e.anno());
            let message = Message::new(k::FORM_EDITION_UNKNOWN, [("editions", editions(known))]);
            let hint = Message::new(
                k::FORM_EDITION_UNKNOWN_HINT,
                [
                    ("sheet", ENTE.into()),
                    ("row", sheets::EDIZIONE.into()),
                    ("editions", editions(known)),
                    ("year", newest.to_string().into()),
                ],
            );
            return Err(
                Error::new(Diagnostic::coded(Severity::Error, message, Some(hint)))
                    .with_warnings(conv.warnings),
            );
        }
    };
    let mut reader = FormReader {
        sheets,
        conv,
        scheda: Scheda::empty(edizione),
        cells: BTreeMap::new(),
        filled: Vec::new(),
        code_rows: found.iter().map(|f| (f.sheet, f.row)).collect(),
        fields: BTreeMap::new(),
    };
    let labels: Vec<bool> = sheets
        .iter()
        .enumerate()
        .map(|(i, sheet)| has_label_column(sheet, &codes, found.iter().filter(|f| f.sheet == i)))
        .collect();
    for f in &found {
        let labelled = labels.get(f.sheet).copied().unwrap_or(false);
        let first = f.col + 1 + u32::from(!f.inline && labelled);
        let roles = headers
            .get(f.sheet)
            .into_iter()
            .flatten()
            .rev()
            .filter(|(row, _)| *row < f.row)
            .map(|(_, tags)| {
                tags.iter()
                    .filter(|(col, _)| *col >= first)
                    .copied()
                    .collect::<Vec<_>>()
            })
            .find(|tags| !tags.is_empty())
            .unwrap_or_default();
        let ctx = RowCtx {
            sheet: f.sheet,
            row: f.row,
            first,
            roles,
        };
        reader.row(&f.code, &ctx);
    }
    if let Some(i) = ente {
        reader.ente(i);
    }
    reader.header_block(ente, &found);
    reader.finish(mode)
}

/// Builds the model row by row, remembering the cell of every field so that
/// the model's own checks can point at the cell.
struct FormReader<'a> {
    sheets: &'a [Sheet],
    conv: Conv,
    scheda: Scheda,
    /// JSON pointer of a field -> its cell.
    cells: BTreeMap<String, Location>,
    /// Derived fields blank in the model whose cell scheda filled with the
    /// computed value, and that value (the `Ente` sheet's [`CALCOLATI`]).
    filled: Vec<(String, Decimal)>,
    /// The rows holding a code: (sheet, row).
    code_rows: BTreeSet<(usize, u32)>,
    /// The errors of [`Conv`] about a field's cell, by their index: the
    /// pointer of the field.
    fields: BTreeMap<usize, String>,
}

impl FormReader<'_> {
    /// Read the row `code` found at `ctx`: a row or a question of the
    /// edition; a row of another known edition is read with that edition's
    /// columns (the model's checks then say where it belongs); any other
    /// code is ignored, with a warning.
    fn row(&mut self, code: &str, ctx: &RowCtx) {
        let ed = self.scheda.edizione;
        let desc = ed.description();
        if let Some((quadro, riga)) = desc.righe().find(|(_, r)| r.codice == code) {
            return self.riga(quadro, riga, ctx);
        }
        let question = desc.quadri.iter().find_map(|q| {
            q.voci.iter().find_map(|v| match &v.kind {
                VoceKind::Domanda { codice, etichetta } if codice == code => {
                    Some((q.numero, Riga::domanda(codice, etichetta)))
                }
                _ => None,
            })
        });
        if let Some((quadro, riga)) = question {
            return self.riga(quadro, &riga, ctx);
        }
        if let Some((quadro, riga)) = crate::model::riga(ed, code) {
            return self.riga(quadro, riga, ctx);
        }
        let message = Message::new(
            k::ROW_NOT_IN_EDITION,
            [("row", code.into()), ("edition", ed.to_string().into())],
        );
        let mut warning = Diagnostic::coded(Severity::Warning, message, None);
        if let Some(sheet) = self.sheets.get(ctx.sheet) {
            warning = warning.at(sheet.at(ctx.row, ctx.first.saturating_sub(1)));
        }
        self.conv.warnings.push(warning);
    }

    /// Read every column of row `r` of quadro `quadro`.
    fn riga(&mut self, quadro: u8, r: &Riga, ctx: &RowCtx) {
        let sheets = self.sheets;
        let Some(sheet) = sheets.get(ctx.sheet) else {
            return;
        };
        let ed = self.scheda.edizione;
        let single = r.colonne.len() == 1;
        let cols: Vec<Option<u32>> = match r.colonne.as_slice() {
            [only] if only.tipo == Tipo::Relazione => {
                match ctx.single(sheet, &columns::prefer(only)) {
                    Some(col) => vec![Some(col)],
                    None => return self.text_below(quadro, r, only, ctx),
                }
            }
            [only] => vec![ctx.single(sheet, &columns::prefer(only))],
            _ => {
                let accepts: Vec<Vec<_>> = r.colonne.iter().map(columns::accepts).collect();
                let fields: Vec<&[_]> = accepts.iter().map(Vec::as_slice).collect();
                ctx.columns(&fields)
            }
        };
        for (col, c) in cols.into_iter().zip(&r.colonne) {
            let path = paths::of_column(ed.description(), quadro, r, c);
            let Some(col) = col else {
                continue;
            };
            self.cells.insert(path.pointer(), sheet.at(ctx.row, col));
            let column = columns::name(c, single, ed.anno());
            let what: Arg = Message::new(
                k::CELL_FIELD,
                [("row", r.codice.as_str().into()), ("column", column.into())],
            )
            .into();
            self.conv.derived = derived::is_derived(r, c).then(|| path.pointer());
            let errors = self.conv.errors.len();
            let value = columns::read(&mut self.conv, sheet, ctx.row, col, c, &what);
            self.conv.derived = None;
            if let Err(e) = paths::set(&mut self.scheda, &path.campo, value) {
                self.conv
                    .errors
                    .push(refused(&e, what).at(sheet.at(ctx.row, col)));
            }
            self.of_field(errors, &path.pointer());
        }
    }

    /// The errors of [`Conv`] from index `from` on are about the field at
    /// `pointer`.
    fn of_field(&mut self, from: usize, pointer: &str) {
        for i in from..self.conv.errors.len() {
            self.fields.insert(i, pointer.to_string());
        }
    }

    /// A free text whose row holds only its label: the text on the lines
    /// under it (or in a merged cell below), up to a blank line, a row
    /// code, or a line of several cells; the lines joined by line breaks.
    fn text_below(&mut self, quadro: u8, r: &Riga, c: &Colonna, ctx: &RowCtx) {
        let sheets = self.sheets;
        let Some(sheet) = sheets.get(ctx.sheet) else {
            return;
        };
        let from = ctx.first.saturating_sub(2);
        let mut lines = Vec::new();
        let mut first = None;
        for row in ctx.row + 1..sheet.rows().end {
            if self.code_rows.contains(&(ctx.sheet, row)) {
                break;
            }
            let filled: Vec<u32> = (from..sheet.width())
                .filter(|&col| !sheet.get(row, col).is_blank())
                .collect();
            let [col] = filled.as_slice() else {
                break;
            };
            let what = relazione(r);
            let errors = self.conv.errors.len();
            let text = self.conv.text(sheet, row, *col, &what);
            let ed = self.scheda.edizione;
            self.of_field(
                errors,
                &paths::of_column(ed.description(), quadro, r, c).pointer(),
            );
            let Some(text) = text else {
                break;
            };
            first.get_or_insert(sheet.at(row, *col));
            lines.push(text.trim().to_string());
        }
        let (Some(cell), false) = (first, lines.is_empty()) else {
            return;
        };
        let ed = self.scheda.edizione;
        let path = paths::of_column(ed.description(), quadro, r, c);
        self.cells.insert(path.pointer(), cell.clone());
        if let Err(e) = paths::set(
            &mut self.scheda,
            &path.campo,
            Some(Valore::Testo(lines.join("\n"))),
        ) {
            self.conv.errors.push(refused(&e, relazione(r)).at(cell));
        }
    }

    /// The Comune's data from the form's own header block, for the fields
    /// the `Ente` sheet (if any) leaves blank.
    fn header_block(&mut self, ente: Option<usize>, found: &[Found]) {
        let editions: Vec<Edizione> = self.scheda.edizione.known_with().collect();
        let block = header::read(self.sheets, ente, found, &editions);
        let e = &mut self.scheda.ente;
        let b = block.ente;
        let filled = [
            e.denominazione.is_none() && b.denominazione.is_some(),
            e.provincia.is_none() && b.provincia.is_some(),
            e.codice.is_none() && b.codice.is_some(),
            e.data.is_none() && b.data.is_some(),
        ];
        e.denominazione = e.denominazione.take().or(b.denominazione);
        e.provincia = e.provincia.take().or(b.provincia);
        e.codice = e.codice.take().or(b.codice);
        e.data = e.data.or(b.data);
        let pointers = INTESTAZIONE.map(|i| i.pointer());
        for (pointer, cell) in block.cells {
            if pointers.iter().zip(filled).any(|(p, f)| f && *p == pointer) {
                self.cells.insert(pointer, cell);
            }
        }
        self.conv.warnings.extend(block.warnings);
    }

    /// The Comune's data and the year, from the `Ente` sheet.
    fn ente(&mut self, i: usize) {
        let sheets = self.sheets;
        let Some(sheet) = sheets.get(i) else {
            return;
        };
        if let Some(row) = ente_row(sheet, &key(ANNO)) {
            self.cells.insert("/anno".into(), sheet.at(row, 1));
            if let Some(anno) = self.conv.whole(sheet, row, 1, &ANNO.into()) {
                self.scheda.anno = i32::try_from(anno).unwrap_or(i32::MAX);
            }
        }
        let mut text = |campo: CampoEnte| -> Option<String> {
            let field = campo.intestazione();
            let key = key(field.etichetta);
            let row = ente_row(sheet, &key)?;
            let pointer = field.pointer();
            self.cells.insert(pointer.clone(), sheet.at(row, 1));
            let errors = self.conv.errors.len();
            let text = self.conv.text(sheet, row, 1, &key.as_str().into());
            self.of_field(errors, &pointer);
            text.map(|t| t.trim().to_string())
        };
        let denominazione = text(CampoEnte::Denominazione);
        let provincia = text(CampoEnte::Provincia).map(|p| p.to_uppercase());
        let codice = text(CampoEnte::Codice);
        let data_key = CampoEnte::Data.etichetta();
        let data = ente_row(sheet, &key(data_key)).and_then(|row| {
            let pointer = CampoEnte::Data.intestazione().pointer();
            self.cells.insert(pointer.clone(), sheet.at(row, 1));
            let errors = self.conv.errors.len();
            let date = self.conv.date(sheet, row, 1, &data_key.into());
            self.of_field(errors, &pointer);
            date
        });
        let e = &mut self.scheda.ente;
        (e.denominazione, e.provincia, e.codice, e.data) = (denominazione, provincia, codice, data);
        if let Some(row) = ente_row(sheet, &fold(CALCOLATI))
            && let Some(list) = sheet.text(row, 1)
        {
            self.filled = sheets::parse_calcolati(list);
        }
    }

    /// The form, its warnings and the errors of its cells and of the model's
    /// checks (each at its cell); in `mode` Lenient, with every error about
    /// a field left in [`Partial::errors`] and its field blank.
    fn finish(self, mode: Mode) -> Result<Warned<Partial>> {
        let FormReader {
            mut conv,
            mut scheda,
            cells,
            filled,
            fields,
            ..
        } = self;
        derived::settle(&mut conv, &mut scheda, &filled);
        blank_filled(&mut scheda, &filled);
        let (mut errors, mut warnings) = (conv.errors, conv.warnings);
        // The field of each error, when it has one.
        let mut pointers: Vec<Option<String>> =
            (0..errors.len()).map(|i| fields.get(&i).cloned()).collect();
        for mut d in scheda.validate() {
            let mut pointer = None;
            if let Some(Location::Pointer { pointer: p }) = &d.location {
                pointer = partial::field(&scheda, p).map(|_| p.clone());
                if let Some(cell) = cell_of(&cells, p) {
                    d.location = Some(cell);
                }
            }
            if d.is_error() {
                errors.push(d);
                pointers.push(pointer);
            } else {
                warnings.push(d);
            }
        }
        let local = pointers.iter().all(Option::is_some);
        if !errors.is_empty() && (mode == Mode::Strict || !local) {
            return Err(Error::many(errors).with_warnings(warnings));
        }
        let errors: Vec<Blanked> = errors
            .into_iter()
            .zip(pointers.into_iter().flatten())
            .map(|(diagnostic, pointer)| Blanked {
                diagnostic,
                pointers: vec![pointer],
            })
            .collect();
        for error in &errors {
            partial::blank(&mut scheda, &error.pointers);
        }
        Ok(Warned {
            value: Partial { scheda, errors },
            warnings,
        })
    }
}

/// Blank again the derived fields that the model left blank and scheda
/// filled with the computed value, where the cell still holds that value
/// (no input it depends on has changed).
fn blank_filled(scheda: &mut Scheda, filled: &[(String, Decimal)]) {
    if filled.is_empty() {
        return;
    }
    let fields = paths::of(scheda.edizione.description());
    for (pointer, value) in filled {
        let Some(p) = fields.iter().find(|p| p.pointer() == *pointer) else {
            continue;
        };
        if paths::get(scheda, &p.campo).and_then(|v| v.decimal()) == Some(*value) {
            // Blanking a field the form has cannot fail.
            let _ = paths::set(scheda, &p.campo, None);
        }
    }
}

/// Why the model refused a value, in a message.
pub(super) fn refused(e: &FieldError, what: Arg) -> Diagnostic {
    let message = match e {
        FieldError::NoSuchField => Message::new(k::FIELD_NO_SUCH, [("what", what)]),
        FieldError::WrongKind(kind) => {
            let kind = match *kind {
                "a whole number" => k::VALUE_WHOLE,
                "a number" => k::VALUE_NUMBER,
                _ => k::VALUE_TEXT,
            };
            let kind = Message::new(kind, []).into();
            Message::new(k::FIELD_WRONG_KIND, [("what", what), ("kind", kind)])
        }
    };
    Diagnostic::coded(Severity::Error, message, None)
}

/// The relazione of row `r`, for messages: `row R30 (relazione)`.
fn relazione(r: &Riga) -> Arg {
    let row = r.codice.as_str().into();
    Message::new(
        k::CELL_FIELD,
        [("row", row), ("column", "relazione".into())],
    )
    .into()
}

/// The cell of the field at `pointer`, or of the first field under it.
pub(super) fn cell_of(cells: &BTreeMap<String, Location>, pointer: &str) -> Option<Location> {
    cells.get(pointer).cloned().or_else(|| {
        cells
            .range(pointer.to_string()..)
            .find(|(p, _)| p.starts_with(&format!("{pointer}/")))
            .map(|(_, loc)| loc.clone())
    })
}
