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
use crate::diagnostic::{Diagnostic, Error, Location, Result, Warned};
use crate::model::{
    DataOra, Domanda, Edizione, RIGA_TOTALE, RIGHE_UTENTI, Scheda, TipoRiga, Utenti,
};
use crate::number;
use crate::writers::xlsx::{CALCOLATI, ENTE_SHEET, FORM_SHEET};

/// How many leading columns may hold the row code.
const CODE_COLUMNS: u32 = 4;
/// How many value columns a row of the form has at most.
const VALUE_COLUMNS: u32 = 4;

/// What a header cell says its column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    Media,
    Ore,
    Modalita,
    Descrizione,
    Y2019,
    Y2017,
    Y2021,
    Y2020,
    Spesa,
    Utenti,
    Numero,
    /// Another year (the reporting year, `31/12/2023`).
    Anno,
    Risposta,
    Valore,
}

/// The tag of a header text, most specific word first.
fn tag(text: &str) -> Option<Tag> {
    let folded = fold(text);
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let has = |w: &str| words.contains(&w);
    let starts = |p: &str| words.iter().any(|w| w.starts_with(p));
    Some(if starts("media") {
        Tag::Media
    } else if has("ore") {
        Tag::Ore
    } else if starts("modalit") {
        Tag::Modalita
    } else if starts("descrizion") {
        Tag::Descrizione
    } else if has("2019") {
        Tag::Y2019
    } else if has("2017") {
        Tag::Y2017
    } else if has("2021") {
        Tag::Y2021
    } else if has("2020") {
        Tag::Y2020
    } else if starts("spes") {
        Tag::Spesa
    } else if starts("utent") {
        Tag::Utenti
    } else if has("numero") || has("n") || folded.contains("n°") {
        Tag::Numero
    } else if words
        .iter()
        .any(|w| w.len() == 4 && w.parse::<u32>().is_ok_and(|y| (2022..=2030).contains(&y)))
    {
        Tag::Anno
    } else if starts("rispost") || folded.contains("si/no") {
        Tag::Risposta
    } else if starts("valor") || starts("abitant") || starts("popolazion") || starts("importo") {
        Tag::Valore
    } else {
        return None;
    })
}

/// The canonical code a cell's text opens with, and whether a label
/// follows it in the same cell.
fn code_of(text: &str) -> Option<(String, bool)> {
    let t = text.trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}');
    let end = t
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(t.len());
    let token = t[..end].to_ascii_uppercase();
    let code = match token.as_str() {
        "ROA" => "R0A".to_string(),
        "ROB" => "R0B".to_string(),
        "ROC" | "R00C" => "R0C".to_string(),
        "ROD" | "R00D" => "R0D".to_string(),
        "ROE" | "R00E" => "R0E".to_string(),
        _ => token,
    };
    let rest = t[end..].trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '-' | '\u{2010}' | '\u{2013}' | ':' | '.' | '\u{a0}')
    });
    let inline = !rest.is_empty();
    known_code(&code).then_some((code, inline))
}

fn known_code(code: &str) -> bool {
    RIGHE_UTENTI.iter().any(|d| d.code == code)
        || code == RIGA_TOTALE.code
        || matches!(
            code,
            "R0C" | "R0D" | "R0E" | "R01" | "R01A" | "R01B" | "R02" | "R02X" | "R02Y" | "R02A"
        )
        || code
            .strip_prefix('R')
            .and_then(|n| n.parse::<u8>().ok())
            .is_some_and(|n| (3..=40).contains(&n) && code.len() == 3)
}

/// The header rows of one sheet: row, and the tagged columns of that row.
type Headers = Vec<(u32, Vec<(u32, Tag)>)>;

/// A row code found in a sheet.
struct Found {
    sheet: usize,
    row: u32,
    col: u32,
    code: String,
    inline: bool,
}

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
            ));
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

/// Every row code in the first columns of every sheet but `Ente`; a code
/// seen twice is read the first time and the repetition is warned about.
fn find_codes(sheets: &[Sheet], ente: Option<usize>, conv: &mut Conv) -> Vec<Found> {
    let mut found = Vec::new();
    let mut seen: BTreeMap<String, Location> = BTreeMap::new();
    for (i, sheet) in sheets.iter().enumerate() {
        if Some(i) == ente {
            continue;
        }
        for row in sheet.rows() {
            for col in 0..CODE_COLUMNS.min(sheet.width()) {
                let Some((code, inline)) = sheet.text(row, col).and_then(code_of) else {
                    continue;
                };
                if let Some(first) = seen.get(&code) {
                    conv.warnings.push(
                        Diagnostic::warning(format!(
                            "row {code} appears again (first at {first}): ignored"
                        ))
                        .at(sheet.at(row, col)),
                    );
                } else {
                    seen.insert(code.clone(), sheet.at(row, col));
                    found.push(Found {
                        sheet: i,
                        row,
                        col,
                        code,
                        inline,
                    });
                }
                break;
            }
        }
    }
    found
}

fn no_codes(sheets: &[Sheet]) -> Error {
    let names: Vec<String> = sheets.iter().map(|s| format!("\"{}\"", s.name)).collect();
    let hint = "scheda looks for the form's row codes (M12, R0A, R01B, ...) in the first four \
                columns; start from `scheda template` to get a workbook laid out like the form";
    let diagnostic = match sheets.iter().find(|s| fold(&s.name) == fold(FORM_SHEET)) {
        Some(s) => Diagnostic::error(format!("no row codes found in sheet \"{}\"", s.name))
            .at(s.at(0, 0))
            .with_hint(hint),
        None => Diagnostic::error(format!("failed to read sheet \"{FORM_SHEET}\" (not found)"))
            .with_hint(format!(
                "the workbook has the sheets {} and none of them holds row codes; {hint}",
                names.join(", ")
            )),
    };
    Error::new(diagnostic)
}

/// The header rows of sheet `i`: rows without a code whose cells (after
/// the first column) name what their column holds.
fn header_rows(sheet: &Sheet, found: &[Found], i: usize) -> Headers {
    let code_rows: Vec<u32> = found
        .iter()
        .filter(|f| f.sheet == i)
        .map(|f| f.row)
        .collect();
    sheet
        .rows()
        .filter(|row| !code_rows.contains(row))
        .filter_map(|row| {
            let tags: Vec<(u32, Tag)> = (1..sheet.width())
                .filter_map(|col| Some((col, tag(sheet.text(row, col)?)?)))
                .collect();
            (!tags.is_empty()).then_some((row, tags))
        })
        .collect()
}

/// Whether the cell after a lone code holds the label. Decided by the
/// lone user rows (a label is text that is not a number); without them, a
/// sheet whose codes mostly open their labels has none, and otherwise the
/// cells after the codes vote (a `SI`/`NO` is a value, not a label).
fn has_label_column<'a>(sheet: &Sheet, found: impl Iterator<Item = &'a Found>) -> bool {
    let (inline, lone): (Vec<&Found>, Vec<&Found>) = found.partition(|f| f.inline);
    let is_label = |f: &&Found| match sheet.get(f.row, f.col + 1) {
        Cell::Text(t) => {
            let t = fold(t);
            !t.is_empty() && number::parse_it(&t).is_err() && !matches!(t.as_str(), "si" | "no")
        }
        _ => false,
    };
    let users: Vec<&Found> = lone
        .iter()
        .copied()
        .filter(|f| f.code.starts_with('M') || f.code == "R0A" || f.code == "R0B")
        .collect();
    let voters = if !users.is_empty() {
        users
    } else if inline.len() > lone.len() {
        return false;
    } else {
        lone
    };
    let yes = voters.iter().filter(|f| is_label(f)).count();
    voters.is_empty() || yes * 2 >= voters.len()
}

/// The edition: the `Ente` sheet, else a title `SOC25 ...`, else the years
/// of the headers (2025 only in SOC26's, 2024 in SOC25's).
fn edition(
    sheets: &[Sheet],
    ente: Option<usize>,
    headers: &[Headers],
    conv: &mut Conv,
) -> Option<Edizione> {
    if let Some(i) = ente {
        let sheet = &sheets[i];
        if let Some(row) = ente_row(sheet, "edizione")
            && let Some(text) = conv.text(sheet, row, 1, "Edizione")
        {
            match text.parse::<Edizione>() {
                Ok(ed) => return Some(ed),
                Err(_) => {
                    conv.errors.push(
                        Diagnostic::error(format!(
                            "Edizione: expected SOC25 or SOC26, found \"{}\"",
                            text.trim()
                        ))
                        .at(sheet.at(row, 1)),
                    );
                    return None;
                }
            }
        }
    }
    for (i, sheet) in sheets.iter().enumerate() {
        if Some(i) == ente {
            continue;
        }
        for row in sheet.rows().take(10) {
            for col in 0..sheet.width().min(6) {
                let Some(text) = sheet.text(row, col) else {
                    continue;
                };
                let t = text.trim_start().to_ascii_uppercase();
                for ed in Edizione::ALL {
                    if t.starts_with(ed.code()) {
                        return Some(ed);
                    }
                }
            }
        }
    }
    let mut years = Vec::new();
    for (i, rows) in headers.iter().enumerate() {
        for (row, tags) in rows {
            for (col, t) in tags {
                if matches!(t, Tag::Utenti | Tag::Ore | Tag::Media | Tag::Anno)
                    && let Some(text) = sheets[i].text(*row, *col)
                {
                    years.push(text.to_string());
                }
            }
        }
    }
    let mentions = |y: &str| years.iter().any(|t| t.contains(y));
    if mentions("2025") {
        Some(Edizione::SOC26)
    } else if mentions("2024") {
        Some(Edizione::SOC25)
    } else {
        None
    }
}

/// The row of the `Ente` sheet whose key (column A) starts with `key`.
fn ente_row(sheet: &Sheet, key: &str) -> Option<u32> {
    sheet
        .rows()
        .find(|&row| sheet.text(row, 0).is_some_and(|t| fold(t).starts_with(key)))
}

/// Where a row's values are.
struct RowCtx {
    sheet: usize,
    row: u32,
    /// The first column after the code and the label.
    first: u32,
    /// What the header above says the columns from `first` on hold.
    roles: Vec<(u32, Tag)>,
}

impl RowCtx {
    /// The columns of the fields, each accepting some tags. When the header
    /// names none of them, the fields are taken in order from `first`.
    fn columns(&self, fields: &[&[Tag]]) -> Vec<Option<u32>> {
        let mut used = Vec::new();
        let mapped: Vec<Option<u32>> = fields
            .iter()
            .map(|accepts| {
                let col = self
                    .roles
                    .iter()
                    .find(|(c, t)| accepts.contains(t) && !used.contains(c))
                    .map(|(c, _)| *c);
                used.extend(col);
                col
            })
            .collect();
        if mapped.iter().all(Option::is_none) {
            (self.first..).take(fields.len()).map(Some).collect()
        } else {
            mapped
        }
    }

    /// The column of a one-value row: a column the header names (`prefer`)
    /// that holds something, else the first one after the label that does
    /// (or holds a formula).
    fn single(&self, sheet: &Sheet, prefer: &[Tag]) -> Option<u32> {
        let filled = |c: u32| !sheet.get(self.row, c).is_blank();
        self.roles
            .iter()
            .find(|(c, t)| prefer.contains(t) && filled(*c))
            .map(|(c, _)| *c)
            .or_else(|| (self.first..self.first + VALUE_COLUMNS).find(|&c| filled(c)))
            .or_else(|| {
                (self.first..self.first + VALUE_COLUMNS).find(|&c| sheet.has_formula(self.row, c))
            })
    }
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

    fn whole(
        &mut self,
        ctx: &RowCtx,
        col: Option<u32>,
        what: &str,
        pointer: String,
    ) -> Option<u64> {
        self.note(pointer, ctx, col);
        let sheets = self.sheets;
        let sheet = &sheets[ctx.sheet];
        self.conv.whole(sheet, ctx.row, col?, what)
    }

    fn dec(
        &mut self,
        ctx: &RowCtx,
        col: Option<u32>,
        what: &str,
        pointer: String,
    ) -> Option<rust_decimal::Decimal> {
        self.note(pointer, ctx, col);
        let sheets = self.sheets;
        let sheet = &sheets[ctx.sheet];
        self.conv.decimal(sheet, ctx.row, col?, what)
    }

    fn text(
        &mut self,
        ctx: &RowCtx,
        col: Option<u32>,
        what: &str,
        pointer: String,
    ) -> Option<String> {
        self.note(pointer, ctx, col);
        let sheets = self.sheets;
        let sheet = &sheets[ctx.sheet];
        self.conv.text(sheet, ctx.row, col?, what)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_as_the_renderings_print_them() {
        let c = |t: &str| code_of(t);
        assert_eq!(c("M12"), Some(("M12".into(), false)));
        assert_eq!(
            c("M12 - Utenti famiglia e minori"),
            Some(("M12".into(), true))
        );
        assert_eq!(c("ROA"), Some(("R0A".into(), false)));
        assert_eq!(
            c("R00C \u{2010} Denominazione ATS"),
            Some(("R0C".into(), true))
        );
        assert_eq!(c("R15 -TOTALE OBIETTIVI"), Some(("R15".into(), true)));
        assert_eq!(c(" R01B "), Some(("R01B".into(), false)));
        assert_eq!(c("R40"), Some(("R40".into(), false)));
        for not in [
            "Multiutenza",
            "SOC25 - SOCIALE",
            "R41",
            "R1",
            "M13",
            "Quadro 1",
            "2019",
        ] {
            assert_eq!(c(not), None, "{not}");
        }
    }

    #[test]
    fn header_words() {
        assert_eq!(tag("Numero di utenti serviti - 2019"), Some(Tag::Y2019));
        assert_eq!(tag("Numero di utenti serviti - 2024"), Some(Tag::Utenti));
        assert_eq!(tag("N° di utenti\nserviti 2024"), Some(Tag::Utenti));
        assert_eq!(tag("Totale ore annue di assistenza - 2025"), Some(Tag::Ore));
        assert_eq!(
            tag("Media annua ore di assistenza - 2024"),
            Some(Tag::Media)
        );
        assert_eq!(
            tag("Modalità di determinazione della spesa aggiuntiva"),
            Some(Tag::Modalita)
        );
        assert_eq!(tag("Spesa aggiuntiva"), Some(Tag::Spesa));
        assert_eq!(tag("Numero"), Some(Tag::Numero));
        assert_eq!(tag("2020"), Some(Tag::Y2020));
        assert_eq!(tag("2025"), Some(Tag::Anno));
        assert_eq!(tag("Risposta (SI/NO)"), Some(Tag::Risposta));
        assert_eq!(tag("Valore"), Some(Tag::Valore));
        assert_eq!(tag("Interventi e servizi"), None);
        assert_eq!(tag("Codice"), None);
    }
}
