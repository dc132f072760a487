//! The `Scheda` sheet: the form laid out row by row (code, official label,
//! values under the form's column headers), inputs unlocked and shaded,
//! derived values as live formulas carrying a cached result.
//!
//! The sheet is first planned as a list of [`Line`]s, one per sheet row, so
//! that formulas can refer to rows further down (R01B needs R03), then
//! rendered.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use rust_xlsxwriter::utility::row_col_to_cell;
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, Format, Formula, Worksheet,
    XlsxError,
};

use super::layout::{self, SEZIONI};
use super::style::{LABEL_SIZE, height, line_count};
use super::{Style, XResult, exact_f64, int_f64};
use crate::model::{
    Domanda, Edizione, RIGA_TOTALE, RIGHE_UTENTI, RigaDef, Scheda, TipoRiga, Utenti,
};
use crate::rules::{self, Derived};
use crate::writers::text::Labels;

/// Name of the form sheet.
pub(crate) const SHEET: &str = "Scheda";

/// Column of the row code.
const COL_CODE: u16 = 0;
/// Column of the row label.
const COL_LABEL: u16 = 1;
/// First value column (C); the form has at most four (C-F).
const C: u16 = 2;
const D: u16 = 3;
const E: u16 = 4;
const F: u16 = 5;
/// Widths of the columns A-F, in character units.
const WIDTHS: [f64; 6] = [7.0, 48.0, 16.0, 16.0, 16.0, 16.0];
/// Most characters of a free text (the form's limit).
const MAX_TEXT: u32 = 6000;

/// One row of the sheet.
enum Line {
    Blank,
    Title(String),
    Note(String),
    Quadro(String),
    Intro(String),
    Group(String),
    Sub(String),
    Caption(String),
    /// Column headers, by column.
    Header(Vec<(u16, String)>),
    Row(Row),
}

/// A form row: code, label and value cells.
struct Row {
    /// The canonical code (`R0A`), used for formula references.
    code: String,
    /// The code as the edition prints it (`ROA`).
    printed: String,
    label: String,
    cells: Vec<(u16, Cell)>,
}

/// What kind of number an input cell takes: decides the number format and
/// the data validation.
#[derive(Clone, Copy)]
enum Input {
    /// Users and hours: non-negative whole numbers.
    Count,
    /// R0E: inhabitants per social worker; blank for `NON CALCOLABILE`.
    R0E,
    /// Staff counts and euro amounts: non-negative, two decimals at most.
    Amount,
    /// R05: a non-negative percentage.
    Percent,
}

/// A derived value and the formula that computes it.
#[derive(Clone, Copy)]
enum Calc {
    /// Mean hours of this row (users in D, hours in E).
    Media,
    /// R0B in this column: the sum of the 21 user rows.
    Total(u16),
    R01B,
    R04,
    R09,
    R15,
}

enum Cell {
    Int(Option<u64>, Input),
    Dec(Option<Decimal>, Input),
    /// Free text, merged up to the given column.
    Text(Option<String>, u16),
    YesNo(Option<bool>),
    Formula(DerivedCell),
}

/// A derived cell: its formula, the model's value and the computed one.
struct DerivedCell {
    calc: Calc,
    /// JSON pointer of the field (`/quadro1/R04`).
    pointer: String,
    stored: Option<Decimal>,
    computed: Option<Decimal>,
}

fn derived(calc: Calc, pointer: &str, stored: Option<Decimal>, computed: Option<Decimal>) -> Cell {
    Cell::Formula(DerivedCell {
        calc,
        pointer: pointer.into(),
        stored,
        computed,
    })
}

/// Add the `Scheda` sheet for `s`. Returns the derived fields that the
/// model leaves blank but whose cell caches the computed value, with that
/// value (see [`super::ente::CALCOLATI`]).
pub(crate) fn add_sheet(
    ws: &mut Worksheet,
    s: &Scheda,
    style: &Style,
) -> XResult<Vec<(String, Decimal)>> {
    let lines = plan(s);
    let rows: BTreeMap<String, u32> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, line)| match line {
            Line::Row(r) => Some((r.code.clone(), i as u32)),
            _ => None,
        })
        .collect();
    let mut sheet = Sheet {
        ws,
        style,
        rows: &rows,
        ed: s.edizione,
        filled: Vec::new(),
    };
    sheet.setup(lines.len() as u32)?;
    for (i, line) in lines.iter().enumerate() {
        sheet.line(i as u32, line)?;
    }
    Ok(sheet.filled)
}

/// Lay the form out, one [`Line`] per sheet row.
fn plan(s: &Scheda) -> Vec<Line> {
    let ed = s.edizione;
    let y = ed.anno();
    let q1 = &s.quadro1;
    let (q2, q3) = (&s.quadro2, &s.quadro3);
    let d = rules::derive(s);
    let mut out = vec![
        Line::Title(ed.title()),
        Line::Note(
            "Compilare le celle colorate in giallo. Le celle in grigio sono calcolate dalle \
             formule del foglio; i dati dell'ente sono nel foglio «Ente»."
                .into(),
        ),
        Line::Blank,
        Line::Quadro("Quadro 1 - Autodiagnosi del numero di utenti serviti".into()),
        Line::Intro(layout::quadro1_intro(ed)),
    ];
    let headers = layout::user_headers(ed);
    let mut group = "";
    for def in RIGHE_UTENTI.iter().chain([&RIGA_TOTALE]) {
        if def.gruppo != group {
            group = def.gruppo;
            out.push(Line::Group(group.into()));
            let n = if def.kind == TipoRiga::ConOre { 4 } else { 2 };
            out.push(Line::Header(
                (C..).zip(headers.iter().take(n).cloned()).collect(),
            ));
        }
        out.push(Line::Row(user_row(ed, def, q1.utenti(def.code), &d)));
    }
    let row = |code: &str, cells: Vec<(u16, Cell)>| {
        Line::Row(Row {
            code: code.into(),
            printed: layout::printed_code(ed, code),
            label: layout::label(ed, code),
            cells,
        })
    };
    let year = |col: u16| Line::Header(vec![(col, y.to_string())]);
    out.extend([
        Line::Blank,
        Line::Sub(Labels::ATS.into()),
        row("R0C", vec![(C, Cell::Text(q1.R0C.clone(), F))]),
        row("R0D", vec![(C, Cell::Text(q1.R0D.clone(), F))]),
        Line::Header(vec![(
            C,
            "Abitanti per assistente sociale (vuoto: NON CALCOLABILE)".into(),
        )]),
        row("R0E", vec![(C, Cell::Int(q1.R0E, Input::R0E))]),
        Line::Blank,
        Line::Sub(Labels::COMUNE.into()),
    ]);
    if ed == Edizione::SOC26 {
        out.push(Line::Sub(Labels::ASSISTENTI.into()));
    }
    let years = || Line::Header(vec![(C, "2020".into()), (D, y.to_string())]);
    let staff = |v| Cell::Dec(v, Input::Amount);
    out.extend([
        years(),
        row(
            "R01",
            vec![(C, staff(q1.R01.anno_2020)), (D, staff(q1.R01.anno))],
        ),
        row("R01A", vec![(D, staff(q1.R01A))]),
        row(
            "R01B",
            vec![(
                D,
                derived(
                    Calc::R01B,
                    "/quadro1/R01B",
                    q1.R01B.map(Decimal::from),
                    d.r01b.map(Decimal::from),
                ),
            )],
        ),
    ]);
    if ed == Edizione::SOC26 {
        out.push(Line::Sub(Labels::ALTRE_FIGURE.into()));
        out.push(years());
    }
    out.push(row(
        "R02",
        vec![(C, staff(q1.R02.anno_2020)), (D, staff(q1.R02.anno))],
    ));
    if ed == Edizione::SOC26 {
        out.extend([
            row("R02X", vec![(D, staff(q1.R02X))]),
            row("R02Y", vec![(D, staff(q1.R02Y))]),
            row("R02A", vec![(D, staff(q1.R02A))]),
        ]);
    }
    out.extend([
        Line::Header(vec![(C, layout::r03_header(ed))]),
        row("R03", vec![(C, Cell::Int(q1.R03, Input::Count))]),
        year(C),
        row(
            "R04",
            vec![(C, derived(Calc::R04, "/quadro1/R04", q1.R04, d.r04))],
        ),
        row("R05", vec![(C, Cell::Dec(q1.R05, Input::Percent))]),
        Line::Blank,
        Line::Quadro("Quadro 2 - Autodiagnosi della spesa per il sociale".into()),
        Line::Sub("Spesa per il sociale".into()),
        row("R06", vec![(C, staff(q2.R06))]),
        Line::Header(vec![(C, "2017".into()), (D, "2021".into())]),
        row(
            "R07",
            vec![(C, staff(q2.R07.anno_2017)), (D, staff(q2.R07.anno_2021))],
        ),
        row("R08", vec![(C, staff(q2.R08))]),
        Line::Blank,
        Line::Quadro(format!("Quadro 3 - Obiettivi di servizio {y}")),
        Line::Intro(layout::quadro3_intro(ed)),
        Line::Sub(format!("OBIETTIVI DI SERVIZIO {y}")),
        row(
            "R09",
            vec![(C, derived(Calc::R09, "/quadro3/R09", q3.R09, d.r09))],
        ),
        Line::Sub(format!("OBIETTIVI DI SERVIZIO QUALITATIVI {y}")),
        Line::Header(vec![
            (C, "Numero".into()),
            (
                D,
                "Modalità di determinazione della spesa aggiuntiva".into(),
            ),
            (E, "Spesa aggiuntiva".into()),
        ]),
    ]);
    for (code, p) in [("R10", &q3.R10), ("R11", &q3.R11)] {
        out.push(row(
            code,
            vec![
                (C, staff(p.numero)),
                (D, Cell::Text(p.modalita.clone(), D)),
                (E, staff(p.spesa)),
            ],
        ));
    }
    let spesa = || Line::Header(vec![(E, "Spesa aggiuntiva".into())]);
    out.extend([
        Line::Header(vec![
            (D, "Descrizione dell'intervento".into()),
            (E, "Spesa aggiuntiva".into()),
        ]),
        row(
            "R12",
            vec![
                (D, Cell::Text(q3.R12.descrizione.clone(), D)),
                (E, staff(q3.R12.spesa)),
            ],
        ),
        Line::Sub(format!("OBIETTIVI DI SERVIZIO QUANTITATIVI {y}")),
        spesa(),
        row("R13", vec![(E, staff(q3.R13))]),
        row("R14", vec![(E, staff(q3.R14))]),
        Line::Sub("TOTALE".into()),
        spesa(),
        row(
            "R15",
            vec![(E, derived(Calc::R15, "/quadro3/R15", q3.R15, d.r15))],
        ),
        Line::Blank,
        Line::Quadro("Quadro 4 - Relazione".into()),
    ]);
    let q4 = &s.quadro4;
    if ed == Edizione::SOC25 {
        out.push(Line::Sub("Relazione in formato strutturato".into()));
        for sezione in &SEZIONI {
            out.push(Line::Blank);
            out.push(Line::Intro(sezione.header.into()));
            out.push(Line::Intro(sezione.intro.into()));
            out.push(Line::Header(vec![(C, "Risposta (SI/NO)".into())]));
            for domanda in sezione.domande.iter().filter_map(|(n, _)| Domanda::new(*n)) {
                out.push(Line::Row(Row {
                    code: domanda.to_string(),
                    printed: domanda.to_string(),
                    label: layout::domanda_label(domanda),
                    cells: vec![(C, Cell::YesNo(q4.risposte.get(&domanda).copied()))],
                }));
                if let Some(caption) = layout::domanda_caption(domanda) {
                    out.push(Line::Caption(caption.into()));
                }
            }
        }
    }
    out.push(Line::Sub("Relazione in formato libero".into()));
    out.push(Line::Row(Row {
        code: ed.relazione_code().into(),
        printed: ed.relazione_code().into(),
        label: layout::relazione_label(ed),
        cells: vec![(C, Cell::Text(q4.relazione.clone(), F))],
    }));
    out
}

/// A user row: users 2019 and Y, and for the rows with hours, hours and the
/// mean (a formula). R0B's two columns are formulas.
fn user_row(ed: Edizione, def: &RigaDef, u: Option<Utenti>, d: &Derived) -> Row {
    let u = u.unwrap_or_default();
    let cells = if def.code == RIGA_TOTALE.code {
        vec![
            (
                C,
                derived(
                    Calc::Total(C),
                    "/quadro1/R0B/utenti_2019",
                    u.utenti_2019.map(Decimal::from),
                    d.r0b.utenti_2019.map(Decimal::from),
                ),
            ),
            (
                D,
                derived(
                    Calc::Total(D),
                    "/quadro1/R0B/utenti",
                    u.utenti.map(Decimal::from),
                    d.r0b.utenti.map(Decimal::from),
                ),
            ),
        ]
    } else {
        let mut cells = vec![
            (C, Cell::Int(u.utenti_2019, Input::Count)),
            (D, Cell::Int(u.utenti, Input::Count)),
        ];
        if def.kind == TipoRiga::ConOre {
            let pointer = format!("/quadro1/{}/media_ore", def.code);
            let computed = d.media_ore.get(def.code).copied();
            cells.push((E, Cell::Int(u.ore, Input::Count)));
            cells.push((F, derived(Calc::Media, &pointer, u.media_ore, computed)));
        }
        cells
    };
    Row {
        code: def.code.into(),
        printed: layout::printed_code(ed, def.code),
        label: match (ed, def.code) {
            (Edizione::SOC26, "R0A" | "R0B") => def.label().replacen("R0", "RO", 1),
            _ => def.label(),
        },
        cells,
    }
}

/// The renderer of a planned sheet.
struct Sheet<'a> {
    ws: &'a mut Worksheet,
    style: &'a Style,
    rows: &'a BTreeMap<String, u32>,
    ed: Edizione,
    /// Derived fields blank in the model whose cell caches the computed value.
    filled: Vec<(String, Decimal)>,
}

impl Sheet<'_> {
    fn setup(&mut self, n_rows: u32) -> XResult<()> {
        let ws = &mut *self.ws;
        ws.set_name(SHEET)?;
        // A blank derived value is written as "" (reads back as null).
        ws.set_formula_result_default("");
        for (col, width) in (0u16..).zip(WIDTHS) {
            ws.set_column_width(col, width)?;
        }
        ws.set_paper_size(9); // A4
        ws.set_portrait();
        ws.set_print_fit_to_pages(1, 0);
        ws.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
        ws.set_print_area(0, 0, n_rows.saturating_sub(1), F)?;
        ws.set_header(format!("&L&8{}", self.ed.title()));
        ws.set_footer("&C&8Pagina &P di &N");
        ws.protect_with_options(&super::protection());
        Ok(())
    }

    fn line(&mut self, r: u32, line: &Line) -> XResult<()> {
        let st = self.style;
        match line {
            Line::Blank => {}
            Line::Title(t) => {
                self.ws.merge_range(r, 0, r, F, t, &st.title)?;
                self.ws.set_row_height(r, 24)?;
            }
            Line::Note(t) => self.merged(r, t, &st.note, 9.0)?,
            Line::Quadro(t) => {
                self.ws.merge_range(r, 0, r, F, t, &st.quadro)?;
                self.ws.set_row_height(r, 20)?;
            }
            Line::Intro(t) => self.merged(r, t, &st.intro, 9.0)?,
            Line::Group(t) => {
                self.ws.merge_range(r, 0, r, F, t, &st.group)?;
            }
            Line::Sub(t) => self.merged(r, t, &st.sub, 11.0)?,
            Line::Caption(t) => {
                self.ws.merge_range(r, COL_LABEL, r, F, t, &st.caption)?;
                self.ws
                    .set_row_height(r, height(t, merged_width(COL_LABEL, F), 11.0))?;
            }
            Line::Header(cells) => {
                let mut lines = 1;
                for (col, text) in cells {
                    self.ws
                        .write_string_with_format(r, *col, text, &st.header)?;
                    lines = lines.max(line_count(text, WIDTHS[*col as usize], 8.0));
                }
                self.ws.set_row_height(r, 11.0 * lines as f64 + 4.0)?;
            }
            Line::Row(row) => self.row(r, row)?,
        }
        Ok(())
    }

    fn merged(&mut self, r: u32, text: &str, format: &Format, size: f64) -> XResult<()> {
        self.ws.merge_range(r, 0, r, F, text, format)?;
        self.ws
            .set_row_height(r, height(text, merged_width(0, F), size))?;
        Ok(())
    }

    fn row(&mut self, r: u32, row: &Row) -> XResult<()> {
        let st = self.style;
        self.ws
            .write_string_with_format(r, COL_CODE, &row.printed, &st.code)?;
        self.ws
            .write_string_with_format(r, COL_LABEL, &row.label, &st.label)?;
        // Heights are set on every row: applications do not fit wrapped or
        // merged text on their own when they open a workbook.
        let mut tallest = height(&row.label, WIDTHS[COL_LABEL as usize], LABEL_SIZE);
        for (col, cell) in &row.cells {
            let col = *col;
            match cell {
                Cell::Int(v, input) => {
                    let format = match input {
                        Input::R0E => {
                            // `1 assistente sociale ogni: N abitanti` needs room.
                            self.ws.merge_range(r, col, r, E, "", &st.input_r0e)?;
                            &st.input_r0e
                        }
                        _ => &st.input_count,
                    };
                    match v {
                        Some(v) => {
                            let v = int_f64(*v, &row.code)?;
                            self.ws.write_number_with_format(r, col, v, format)?;
                        }
                        None => {
                            self.ws.write_blank(r, col, format)?;
                        }
                    }
                    self.validate(r, col, col, validation(*input)?)?;
                }
                Cell::Dec(v, input) => {
                    match v {
                        Some(v) => {
                            let v = exact_f64(*v, &row.code)?;
                            self.ws
                                .write_number_with_format(r, col, v, &st.input_amount)?;
                        }
                        None => {
                            self.ws.write_blank(r, col, &st.input_amount)?;
                        }
                    }
                    self.validate(r, col, col, validation_at(*input, r, col)?)?;
                }
                Cell::Text(v, last) => {
                    let text = v.as_deref().unwrap_or("");
                    if *last > col {
                        self.ws.merge_range(r, col, r, *last, "", &st.input_text)?;
                    }
                    tallest = tallest.max(height(text, merged_width(col, *last), 11.0));
                    if text.is_empty() {
                        self.ws.write_blank(r, col, &st.input_text)?;
                    } else {
                        self.ws
                            .write_string_with_format(r, col, text, &st.input_text)?;
                    }
                    self.validate(r, col, *last, text_validation()?)?;
                }
                Cell::YesNo(v) => {
                    let format = &st.input_yesno;
                    match v {
                        Some(true) => self.ws.write_string_with_format(r, col, "SI", format)?,
                        Some(false) => self.ws.write_string_with_format(r, col, "NO", format)?,
                        None => self.ws.write_blank(r, col, format)?,
                    };
                    self.validate(r, col, col, yes_no_validation()?)?;
                }
                Cell::Formula(d) => {
                    let format = match d.calc {
                        Calc::Total(_) => &st.derived_count,
                        Calc::R01B => &st.derived_r01b,
                        _ => &st.derived_amount,
                    };
                    let mut formula = Formula::new(self.formula(d.calc, r));
                    // The model's value; where it has none, the computed one
                    // (remembered, so that it reads back blank).
                    if let Some(v) = d.stored.or(d.computed) {
                        // Checked like an input: the cached value must survive f64.
                        exact_f64(v, &row.code)?;
                        formula = formula.set_result(v.to_string());
                        if d.stored.is_none() {
                            self.filled.push((d.pointer.clone(), v));
                        }
                    }
                    self.ws.write_formula_with_format(r, col, formula, format)?;
                }
            }
        }
        self.ws.set_row_height(r, tallest)?;
        Ok(())
    }

    fn validate(&mut self, r: u32, first: u16, last: u16, v: DataValidation) -> XResult<()> {
        self.ws.add_data_validation(r, first, r, last, &v)?;
        Ok(())
    }

    /// `C12` for a row code and a column.
    fn at(&self, code: &str, col: u16) -> String {
        // Every code a formula names is in the plan (see `plan`).
        let row = self.rows.get(code).copied().unwrap_or_default();
        row_col_to_cell(row, col)
    }

    fn formula(&self, calc: Calc, r: u32) -> String {
        match calc {
            Calc::Media => {
                let (users, hours) = (row_col_to_cell(r, D), row_col_to_cell(r, E));
                format!(
                    r#"=IF(COUNT({users},{hours})<2,"",IF({users}=0,0,ROUND({hours}/{users},2)))"#
                )
            }
            Calc::Total(col) => {
                let refs = self.runs(col);
                format!(
                    r#"=IF(COUNT({refs})<{n},"",SUM({refs}))"#,
                    n = RIGHE_UTENTI.len()
                )
            }
            Calc::R01B => {
                let (r01, r01a, r03) = (self.at("R01", D), self.at("R01A", D), self.at("R03", C));
                // Rule 3 rounds half-up (ROUND is half away from zero in
                // Excel and LibreOffice alike).
                format!(
                    r#"=IF(OR(COUNT({r03})=0,COUNT({r01},{r01a})=0),"",IF({r01}+{r01a}=0,0,ROUND({r03}/({r01}+{r01a}),0)))"#
                )
            }
            Calc::R04 => {
                let (r0b, r03) = (self.at("R0B", D), self.at("R03", C));
                // R0B*100/R03: one division, so a quotient that ends in 5 is
                // not pushed below the midpoint by an earlier rounding.
                format!(
                    r#"=IF(OR(COUNT({r0b})=0,COUNT({r03})=0),"",IF({r03}=0,"",ROUND({r0b}*100/{r03},2)))"#
                )
            }
            Calc::R09 => {
                let (r06, r08) = (self.at("R06", C), self.at("R08", C));
                let (a, b) = (self.at("R07", C), self.at("R07", D));
                let otherwise = match self.ed.description().regole.r09_non_dovuto {
                    crate::form::R09NonDovuto::Zero => "0",
                    crate::form::R09NonDovuto::Vuoto => r#""""#,
                };
                format!(
                    r#"=IF(OR(COUNT({r06})=0,COUNT({a},{b})=0),"",IF(MAX({a},{b})<{r06},IF(COUNT({r08})=0,"",ROUND(MAX(0,MIN({r08},{r06}-MAX({a},{b}))),2)),{otherwise}))"#
                )
            }
            Calc::R15 => {
                let refs = [
                    self.at("R10", E),
                    self.at("R11", E),
                    self.at("R12", E),
                    self.at("R13", E),
                    self.at("R14", E),
                ]
                .join(",");
                format!(r#"=IF(COUNT({refs})=0,"",ROUND(SUM({refs}),2))"#)
            }
        }
    }

    /// The 21 user rows of a column as contiguous ranges: `C8:C14,C17:C23,...`.
    fn runs(&self, col: u16) -> String {
        let mut rows: Vec<u32> = RIGHE_UTENTI
            .iter()
            .filter_map(|def| self.rows.get(def.code).copied())
            .collect();
        rows.sort_unstable();
        let mut out: Vec<String> = Vec::new();
        let mut i = 0;
        while i < rows.len() {
            let start = rows[i];
            let mut end = start;
            while i + 1 < rows.len() && rows[i + 1] == end + 1 {
                i += 1;
                end = rows[i];
            }
            out.push(format!(
                "{}:{}",
                row_col_to_cell(start, col),
                row_col_to_cell(end, col)
            ));
            i += 1;
        }
        out.join(",")
    }
}

/// Width in characters of the merged columns `first..=last`.
fn merged_width(first: u16, last: u16) -> f64 {
    WIDTHS[first as usize..=last as usize].iter().sum()
}

/// The data validation of a whole-number input.
fn validation(input: Input) -> Result<DataValidation, XlsxError> {
    let (title, message) = match input {
        Input::R0E => (
            "Abitanti per assistente sociale",
            "Numero intero di abitanti per assistente sociale a livello di ATS. Lasciare vuoto \
             se NON CALCOLABILE.",
        ),
        _ => (
            "Numero intero",
            "Inserire un numero intero non negativo (es. 12). Lasciare vuoto se il dato non è \
             disponibile; scrivere 0 se è zero.",
        ),
    };
    DataValidation::new()
        .allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0))
        .set_input_title(title)?
        .set_input_message(message)?
        .set_error_title("Valore non valido")?
        .set_error_message("Il valore deve essere un numero intero maggiore o uguale a zero.")
}

/// The data validation of a decimal input in row `r`, column `col`.
fn validation_at(input: Input, r: u32, col: u16) -> Result<DataValidation, XlsxError> {
    let cell = row_col_to_cell(r, col);
    match input {
        Input::Percent => DataValidation::new()
            .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0))
            .set_input_title("Percentuale")?
            .set_input_message("Inserire una percentuale non negativa (es. 4,49).")?
            .set_error_title("Valore non valido")?
            .set_error_message("Il valore deve essere un numero maggiore o uguale a zero."),
        _ => DataValidation::new()
            .allow_custom(Formula::new(format!(
                "=AND(ISNUMBER({cell}),{cell}>=0,ROUND({cell},2)={cell})"
            )))
            .set_input_title("Importo o numero")?
            .set_input_message(
                "Inserire un numero non negativo con al massimo due decimali (es. 1234,56). \
                 Lasciare vuoto se il dato non è disponibile; scrivere 0 se è zero.",
            )?
            .set_error_title("Valore non valido")?
            .set_error_message(
                "Il valore deve essere un numero maggiore o uguale a zero, con al massimo due \
                 decimali.",
            ),
    }
}

fn text_validation() -> Result<DataValidation, XlsxError> {
    DataValidation::new()
        .allow_text_length(DataValidationRule::LessThanOrEqualTo(MAX_TEXT))
        .set_input_title("Testo libero")?
        .set_input_message("Testo libero, al massimo 6.000 caratteri.")?
        .set_error_title("Testo troppo lungo")?
        .set_error_message("Il testo supera i 6.000 caratteri consentiti dalla scheda.")
}

fn yes_no_validation() -> Result<DataValidation, XlsxError> {
    DataValidation::new()
        .allow_list_strings(&["SI", "NO"])?
        .set_input_title("Risposta")?
        .set_input_message(
            "Scegliere SI o NO. Lasciare vuoto se la sezione non riguarda il Comune.",
        )?
        .set_error_title("Risposta non valida")?
        .set_error_style(DataValidationErrorStyle::Stop)
        .set_error_message("Rispondere SI o NO (oppure lasciare vuoto).")
}
