//! Reading a form workbook: scheda's own (`Scheda` + `Ente`) and the ones
//! people make.
//!
//! Rows are found by their code (`M12`, `R0A`/`ROA`, `R00C`, `R01B`, ...)
//! in the first four columns of any sheet, alone in its cell or opening the
//! label (`M12 - Utenti famiglia e minori`). The value columns of a row are
//! found by the nearest header row above it (`Numero di utenti serviti -
//! 2019`, `2020`, `Spesa aggiuntiva`, ...); without one, the values are taken
//! in the form's order after the label. Numbers may be number cells or text
//! in Italian notation. The edition comes from the `Ente` sheet, else from a
//! title such as `SOC25 - SOCIALE - ...`, else from the headers' years.

use std::collections::BTreeMap;

use super::cells::{Cell, Conv, Sheet, fold};
use super::locate::{
    Headers, RowCtx, Tag, edition, ente_row, find_codes, has_label_column, header_rows, no_codes,
};
use crate::diagnostic::{Diagnostic, Error, Location, Result, Warned};
use crate::model::{
    DataOra, Domanda, Edizione, RIGA_TOTALE, RIGHE_UTENTI, Scheda, TipoRiga, Utenti,
};
use crate::writers::xlsx::{CALCOLATI, ENTE_SHEET};

/// Read the one form of a form workbook.
pub(super) fn read(sheets: &[Sheet]) -> Result<Warned<Vec<Scheda>>> {
    let ente = sheets
        .iter()
        .position(|s| fold(&s.name) == fold(ENTE_SHEET));
    let mut conv = Conv::default();
    let found = find_codes(sheets, ente, &mut conv);
    if found.is_empty() {
        return Err(no_codes(sheets));
    }
    let headers: Vec<Headers> = sheets
        .iter()
        .enumerate()
        .map(|(i, sheet)| header_rows(sheet, &found, i))
        .collect();
    let edizione = match edition(sheets, ente, &headers, &mut conv) {
        Some(ed) => ed,
        None if !conv.errors.is_empty() => {
            return Err(Error::many(conv.errors).with_warnings(conv.warnings));
        }
        None => {
            return Err(Error::new(
                Diagnostic::error("cannot tell the edition of the form (SOC25 or SOC26)")
                    .with_hint(
                        "add a sheet \"Ente\" with a row \"Edizione\" and the value SOC25 or \
                         SOC26, or write the year in the column headers (\"Numero di utenti \
                         serviti - 2024\")",
                    ),
            )
            .with_warnings(conv.warnings));
        }
    };
    let mut reader = FormReader {
        sheets,
        conv,
        scheda: Scheda::empty(edizione),
        cells: BTreeMap::new(),
        filled: Vec::new(),
    };
    let labels: Vec<bool> = (0..sheets.len())
        .map(|i| has_label_column(&sheets[i], found.iter().filter(|f| f.sheet == i)))
        .collect();
    for f in &found {
        let first = f.col + 1 + u32::from(!f.inline && labels[f.sheet]);
        let roles = headers[f.sheet]
            .iter()
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
    reader.finish()
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
    filled: Vec<(String, rust_decimal::Decimal)>,
}

const ANNO_PREFER: &[Tag] = &[Tag::Anno, Tag::Valore, Tag::Numero];
const AMOUNT_PREFER: &[Tag] = &[Tag::Valore, Tag::Spesa, Tag::Anno];

impl FormReader<'_> {
    fn note(&mut self, pointer: String, ctx: &RowCtx, col: Option<u32>) {
        if let Some(col) = col {
            let loc = self.sheets[ctx.sheet].at(ctx.row, col);
            self.cells.insert(pointer, loc);
        }
    }

    /// Read the cell of column `col` of the row with `convert`, noting the
    /// cell as the place of `pointer`.
    fn read<T>(
        &mut self,
        ctx: &RowCtx,
        col: Option<u32>,
        what: &str,
        pointer: String,
        convert: fn(&mut Conv, &Sheet, u32, u32, &str) -> Option<T>,
    ) -> Option<T> {
        self.note(pointer, ctx, col);
        let sheets = self.sheets;
        convert(&mut self.conv, &sheets[ctx.sheet], ctx.row, col?, what)
    }

    fn whole(
        &mut self,
        ctx: &RowCtx,
        col: Option<u32>,
        what: &str,
        pointer: String,
    ) -> Option<u64> {
        self.read(ctx, col, what, pointer, Conv::whole)
    }

    fn dec(
        &mut self,
        ctx: &RowCtx,
        col: Option<u32>,
        what: &str,
        pointer: String,
    ) -> Option<rust_decimal::Decimal> {
        self.read(ctx, col, what, pointer, Conv::decimal)
    }

    fn text(
        &mut self,
        ctx: &RowCtx,
        col: Option<u32>,
        what: &str,
        pointer: String,
    ) -> Option<String> {
        self.read(ctx, col, what, pointer, Conv::text)
    }

    /// `1 assistente sociale ogni: 2569 abitanti`, `1:1331`, `NON CALCOLABILE`
    /// or a number.
    fn ratio(
        &mut self,
        ctx: &RowCtx,
        col: Option<u32>,
        what: &str,
        pointer: String,
    ) -> Option<u64> {
        self.note(pointer, ctx, col);
        let sheets = self.sheets;
        let sheet = &sheets[ctx.sheet];
        let (row, col) = (ctx.row, col?);
        let cell = self.conv.cell(sheet, row, col);
        if let Cell::Text(t) = cell {
            if fold(t).contains("non calcolabile") {
                return None;
            }
            if let Some((_, after)) = t.rsplit_once(':') {
                let n = fold(after).replace("abitanti", "");
                return self
                    .conv
                    .whole_of(&Cell::Text(n.trim()), sheet, row, col, what);
            }
        }
        self.conv.whole_of(&cell, sheet, row, col, what)
    }

    fn row(&mut self, code: &str, ctx: &RowCtx) {
        let ed = self.scheda.edizione;
        let y = ed.anno();
        let sheets = self.sheets;
        let sheet = &sheets[ctx.sheet];
        let what = |field: &str| format!("row {code} ({field})");
        let p1 = |field: &str| format!("/quadro1/{code}{field}");
        if let Some(def) = RIGHE_UTENTI
            .iter()
            .chain([&RIGA_TOTALE])
            .find(|d| d.code == code)
        {
            let hours = def.kind == TipoRiga::ConOre;
            let spec: &[&[Tag]] = &[
                &[Tag::Y2019],
                &[Tag::Utenti, Tag::Numero, Tag::Anno],
                &[Tag::Ore],
                &[Tag::Media],
            ];
            let cols = ctx.columns(&spec[..if hours { 4 } else { 2 }]);
            let col = |i: usize| cols.get(i).copied().flatten();
            let u = Utenti {
                utenti_2019: self.whole(ctx, col(0), &what("utenti 2019"), p1("/utenti_2019")),
                utenti: self.whole(ctx, col(1), &what(&format!("utenti {y}")), p1("/utenti")),
                ore: if hours {
                    self.whole(ctx, col(2), &what(&format!("ore {y}")), p1("/ore"))
                } else {
                    None
                },
                media_ore: if hours {
                    self.dec(
                        ctx,
                        col(3),
                        &what(&format!("media ore {y}")),
                        p1("/media_ore"),
                    )
                } else {
                    None
                },
            };
            self.scheda.quadro1.set_utenti(code, u);
            return;
        }
        let number = |tags: &[Tag]| ctx.single(sheet, tags);
        let q = code.strip_prefix('R').and_then(|n| n.parse::<u8>().ok());
        match code {
            "R0C" | "R0D" => {
                let v = self.text(ctx, number(&[]), &what("testo"), p1(""));
                match code {
                    "R0C" => self.scheda.quadro1.R0C = v,
                    _ => self.scheda.quadro1.R0D = v,
                }
            }
            "R0E" => {
                self.scheda.quadro1.R0E =
                    self.ratio(ctx, number(&[Tag::Valore]), &what("abitanti"), p1(""));
            }
            "R01B" => {
                self.scheda.quadro1.R01B =
                    self.ratio(ctx, number(ANNO_PREFER), &what("abitanti"), p1(""));
            }
            "R03" => {
                self.scheda.quadro1.R03 = self.whole(
                    ctx,
                    number(&[Tag::Valore, Tag::Anno]),
                    &what("abitanti"),
                    p1(""),
                );
            }
            "R01" | "R02" => {
                let cols = ctx.columns(&[&[Tag::Y2020], &[Tag::Anno, Tag::Numero, Tag::Valore]]);
                let a = self.dec(ctx, cols[0], &what("2020"), p1("/anno_2020"));
                let b = self.dec(ctx, cols[1], &what(&y.to_string()), p1("/anno"));
                let target = if code == "R01" {
                    &mut self.scheda.quadro1.R01
                } else {
                    &mut self.scheda.quadro1.R02
                };
                (target.anno_2020, target.anno) = (a, b);
            }
            "R01A" | "R02X" | "R02Y" | "R02A" | "R04" | "R05" => {
                let v = self.dec(ctx, number(ANNO_PREFER), &what(&y.to_string()), p1(""));
                let q1 = &mut self.scheda.quadro1;
                match code {
                    "R01A" => q1.R01A = v,
                    "R02X" => q1.R02X = v,
                    "R02Y" => q1.R02Y = v,
                    "R02A" => q1.R02A = v,
                    "R04" => q1.R04 = v,
                    _ => q1.R05 = v,
                }
            }
            "R06" | "R08" => {
                let v = self.dec(
                    ctx,
                    number(AMOUNT_PREFER),
                    &what("euro"),
                    format!("/quadro2/{code}"),
                );
                match code {
                    "R06" => self.scheda.quadro2.R06 = v,
                    _ => self.scheda.quadro2.R08 = v,
                }
            }
            "R07" => {
                let cols = ctx.columns(&[&[Tag::Y2017], &[Tag::Y2021]]);
                let a = self.dec(ctx, cols[0], &what("2017"), "/quadro2/R07/anno_2017".into());
                let b = self.dec(ctx, cols[1], &what("2021"), "/quadro2/R07/anno_2021".into());
                (
                    self.scheda.quadro2.R07.anno_2017,
                    self.scheda.quadro2.R07.anno_2021,
                ) = (a, b);
            }
            "R09" | "R13" | "R14" | "R15" => {
                let prefer = if code == "R09" {
                    AMOUNT_PREFER
                } else {
                    &[Tag::Spesa, Tag::Valore]
                };
                let v = self.dec(
                    ctx,
                    number(prefer),
                    &what("euro"),
                    format!("/quadro3/{code}"),
                );
                let q3 = &mut self.scheda.quadro3;
                match code {
                    "R09" => q3.R09 = v,
                    "R13" => q3.R13 = v,
                    "R14" => q3.R14 = v,
                    _ => q3.R15 = v,
                }
            }
            "R10" | "R11" => {
                let cols = ctx.columns(&[
                    &[Tag::Numero],
                    &[Tag::Modalita, Tag::Descrizione],
                    &[Tag::Spesa],
                ]);
                let p3 = |f: &str| format!("/quadro3/{code}/{f}");
                let numero = self.dec(ctx, cols[0], &what("numero"), p3("numero"));
                let modalita = self.text(ctx, cols[1], &what("modalità"), p3("modalita"));
                let spesa = self.dec(ctx, cols[2], &what("spesa aggiuntiva"), p3("spesa"));
                let target = if code == "R10" {
                    &mut self.scheda.quadro3.R10
                } else {
                    &mut self.scheda.quadro3.R11
                };
                (target.numero, target.modalita, target.spesa) = (numero, modalita, spesa);
            }
            "R12" => {
                let cols = ctx.columns(&[&[Tag::Descrizione, Tag::Modalita], &[Tag::Spesa]]);
                let d = self.text(
                    ctx,
                    cols[0],
                    &what("descrizione"),
                    "/quadro3/R12/descrizione".into(),
                );
                let s = self.dec(
                    ctx,
                    cols[1],
                    &what("spesa aggiuntiva"),
                    "/quadro3/R12/spesa".into(),
                );
                (
                    self.scheda.quadro3.R12.descrizione,
                    self.scheda.quadro3.R12.spesa,
                ) = (d, s);
            }
            _ if code == ed.relazione_code() => {
                let v = self.text(
                    ctx,
                    number(&[]),
                    &what("relazione"),
                    "/quadro4/relazione".into(),
                );
                self.scheda.quadro4.relazione = v;
            }
            _ => match (ed, q.and_then(Domanda::new)) {
                (Edizione::SOC25, Some(d)) => {
                    let col = number(&[Tag::Risposta]);
                    self.note(format!("/quadro4/risposte/{d}"), ctx, col);
                    if let Some(col) = col
                        && let Some(v) = self.conv.yes_no(sheet, ctx.row, col, &what("risposta"))
                    {
                        self.scheda.quadro4.risposte.insert(d, v);
                    }
                }
                _ => {
                    let at = sheet.at(ctx.row, ctx.first.saturating_sub(1));
                    self.conv.warnings.push(
                        Diagnostic::warning(format!("row {code} is not part of {ed}: ignored"))
                            .at(at),
                    );
                }
            },
        }
    }

    /// The Comune's data and the year, from the `Ente` sheet.
    fn ente(&mut self, i: usize) {
        let sheets = self.sheets;
        let sheet = &sheets[i];
        if let Some(row) = ente_row(sheet, "anno") {
            self.cells.insert("/anno".into(), sheet.at(row, 1));
            if let Some(anno) = self.conv.whole(sheet, row, 1, "Anno") {
                self.scheda.anno = i32::try_from(anno).unwrap_or(i32::MAX);
            }
        }
        let mut text = |key: &str, field: &str| -> Option<String> {
            let row = ente_row(sheet, key)?;
            self.cells
                .insert(format!("/ente/{field}"), sheet.at(row, 1));
            self.conv
                .text(sheet, row, 1, key)
                .map(|t| t.trim().to_string())
        };
        let denominazione = text("denominazione", "denominazione");
        let provincia = text("provincia", "provincia").map(|p| p.to_uppercase());
        let codice = text("codice", "codice");
        let data: Option<DataOra> = ente_row(sheet, "data").and_then(|row| {
            self.cells.insert("/ente/data".into(), sheet.at(row, 1));
            self.conv.date(sheet, row, 1, "Data ultima modifica")
        });
        let e = &mut self.scheda.ente;
        (e.denominazione, e.provincia, e.codice, e.data) = (denominazione, provincia, codice, data);
        if let Some(row) = ente_row(sheet, &fold(CALCOLATI))
            && let Some(list) = sheet.text(row, 1)
        {
            self.filled = list
                .split(';')
                .filter_map(|pair| {
                    let (pointer, value) = pair.split_once('=')?;
                    Some((pointer.trim().to_string(), value.trim().parse().ok()?))
                })
                .collect();
        }
    }

    fn finish(self) -> Result<Warned<Vec<Scheda>>> {
        let FormReader {
            conv,
            mut scheda,
            cells,
            filled,
            ..
        } = self;
        blank_filled(&mut scheda, &filled);
        let mut errors = conv.errors;
        for mut d in scheda.validate() {
            if let Some(Location::Pointer { pointer }) = &d.location
                && let Some(cell) = cell_of(&cells, pointer)
            {
                d.location = Some(cell);
            }
            errors.push(d);
        }
        if !errors.is_empty() {
            return Err(Error::many(errors).with_warnings(conv.warnings));
        }
        Ok(Warned {
            value: vec![scheda],
            warnings: conv.warnings,
        })
    }
}

/// Blank again the derived fields that the model left blank and scheda
/// filled with the computed value, where the cell still holds that value
/// (no input it depends on has changed).
fn blank_filled(scheda: &mut Scheda, filled: &[(String, rust_decimal::Decimal)]) {
    if filled.is_empty() {
        return;
    }
    let Ok(mut doc) = serde_json::to_value(&*scheda) else {
        return;
    };
    for (pointer, value) in filled {
        if let Some(node) = doc.pointer_mut(pointer)
            && let Some(n) = node.as_number()
            && n.to_string().parse::<rust_decimal::Decimal>().ok() == Some(*value)
        {
            *node = serde_json::Value::Null;
        }
    }
    if let Ok(s) = serde_json::from_value(doc) {
        *scheda = s;
    }
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
