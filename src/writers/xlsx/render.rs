//! Writing the planned `Scheda` sheet ([`super::form`]): cells with their
//! formats and data validations, the formulas of the derived values, row
//! heights, print setup and protection.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use rust_xlsxwriter::utility::row_col_to_cell;
use rust_xlsxwriter::{DataValidation, Format, Formula, Worksheet};

use super::form::{F, cells_of};
use super::style::{LABEL_SIZE, height, line_count};
use super::validation::{text_validation, validation, validation_at, yes_no_validation};
use super::{Style, XResult, exact_f64, int_f64, row_place};
use crate::form::sheets::FORM;
use crate::form::{Edition, R09NonDovuto, Tipo};

/// Column of the row code.
const COL_CODE: u16 = 0;
/// Column of the row label.
const COL_LABEL: u16 = 1;
/// The users' and the hours' columns of a user row, the last column of a
/// merged ratio (R0E).
const E: u16 = 4;
/// Widths of the columns A-F, in character units.
const WIDTHS: [f64; 6] = [7.0, 48.0, 16.0, 16.0, 16.0, 16.0];

/// One row of the sheet.
pub(super) enum Line {
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
pub(super) struct Row {
    /// The canonical code (`R0A`), used for formula references.
    pub(super) code: String,
    /// The code as the edition prints it (`ROA`).
    pub(super) printed: String,
    pub(super) label: String,
    pub(super) cells: Vec<Placed>,
}

/// A value cell of a row: its column, the model field it shows and what
/// it holds.
pub(super) struct Placed {
    pub(super) col: u16,
    pub(super) campo: Option<String>,
    pub(super) cell: Cell,
}

/// What kind of number an input cell takes: decides the number format and
/// the data validation.
#[derive(Clone, Copy)]
pub(super) enum Input {
    /// Users, hours, inhabitants: non-negative whole numbers.
    Count,
    /// Inhabitants per social worker (R0E); blank for `NON CALCOLABILE`.
    Ratio,
    /// Staff counts and euro amounts: non-negative, two decimals at most.
    Amount,
    /// A non-negative percentage (R05).
    Percent,
}

/// A derived value's formula, by the rule that computes it.
#[derive(Clone, Copy)]
pub(super) enum Calc {
    /// Mean hours of this row: ore / utenti.
    Media,
    /// The total row: the sum of the user rows in this column.
    Total,
    R01B,
    R04,
    R09,
    R15,
}

pub(super) enum Cell {
    Int(Option<u64>, Input),
    Dec(Option<Decimal>, Input),
    /// Free text; merged to the last column when it is the row's only value.
    Text(Option<String>, bool),
    YesNo(Option<bool>),
    Formula(DerivedCell),
}

/// A derived cell: its formula, the model's value and the computed one.
pub(super) struct DerivedCell {
    pub(super) calc: Calc,
    /// JSON pointer of the field (`/quadro1/R04`).
    pub(super) pointer: String,
    pub(super) stored: Option<Decimal>,
    pub(super) computed: Option<Decimal>,
}

/// Write the planned `lines` of edition `ed`. Returns the derived fields
/// blank in the model whose cell caches the computed value.
pub(super) fn write(
    ws: &mut Worksheet,
    ed: &Edition,
    lines: &[Line],
    style: &Style,
) -> XResult<Vec<(String, Decimal)>> {
    let cells = cells_of(lines);
    let users = user_rows(ed);
    let mut sheet = Sheet {
        ws,
        style,
        cells: &cells,
        users: &users,
        ed,
        filled: Vec::new(),
    };
    sheet.setup(lines.len() as u32)?;
    for (i, line) in lines.iter().enumerate() {
        sheet.line(i as u32, line)?;
    }
    Ok(sheet.filled)
}

/// The rows the total sums: every row with a users column that no rule
/// computes.
fn user_rows(ed: &Edition) -> Vec<String> {
    ed.righe()
        .map(|(_, r)| r)
        .filter(|r| {
            !r.derivata
                && r.colonne
                    .iter()
                    .any(|c| c.tipo == Tipo::Utenti && !c.derivata)
        })
        .map(|r| r.codice.clone())
        .collect()
}

/// The renderer of a planned sheet.
struct Sheet<'a> {
    ws: &'a mut Worksheet,
    style: &'a Style,
    cells: &'a BTreeMap<(String, String), (u32, u16)>,
    users: &'a [String],
    ed: &'a Edition,
    /// Derived fields blank in the model whose cell caches the computed value.
    filled: Vec<(String, Decimal)>,
}

fn width(col: u16) -> f64 {
    WIDTHS.get(col as usize).copied().unwrap_or(16.0)
}

impl Sheet<'_> {
    fn setup(&mut self, n_rows: u32) -> XResult<()> {
        let ws = &mut *self.ws;
        ws.set_name(FORM)?;
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
        ws.set_header(format!("&L&8{}", self.ed.titolo));
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
                    lines = lines.max(line_count(text, width(*col), 8.0));
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
        let mut tallest = height(&row.label, width(COL_LABEL), LABEL_SIZE);
        for placed in &row.cells {
            let col = placed.col;
            match &placed.cell {
                Cell::Int(v, input) => {
                    let format = match input {
                        Input::Ratio => {
                            // `1 assistente sociale ogni: N abitanti` needs room.
                            self.ws.merge_range(r, col, r, E, "", &st.input_r0e)?;
                            &st.input_r0e
                        }
                        _ => &st.input_count,
                    };
                    match v {
                        Some(v) => {
                            let v = int_f64(*v, row_place(&row.code))?;
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
                            let v = exact_f64(*v, row_place(&row.code))?;
                            self.ws
                                .write_number_with_format(r, col, v, &st.input_amount)?;
                        }
                        None => {
                            self.ws.write_blank(r, col, &st.input_amount)?;
                        }
                    }
                    self.validate(r, col, col, validation_at(*input, r, col)?)?;
                }
                Cell::Text(v, whole_row) => {
                    let last = if *whole_row { F.max(col) } else { col };
                    let text = v.as_deref().unwrap_or("");
                    if last > col {
                        self.ws.merge_range(r, col, r, last, "", &st.input_text)?;
                    }
                    tallest = tallest.max(height(text, merged_width(col, last), 11.0));
                    if text.is_empty() {
                        self.ws.write_blank(r, col, &st.input_text)?;
                    } else {
                        self.ws
                            .write_string_with_format(r, col, text, &st.input_text)?;
                    }
                    self.validate(r, col, last, text_validation()?)?;
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
                        Calc::Total => &st.derived_count,
                        Calc::R01B => &st.derived_r01b,
                        _ => &st.derived_amount,
                    };
                    let campo = placed.campo.as_deref().unwrap_or("");
                    let mut formula = Formula::new(self.formula(d.calc, &row.code, campo, col));
                    // The model's value; where it has none, the computed one
                    // (remembered, so that it reads back blank).
                    if let Some(v) = d.stored.or(d.computed) {
                        // Checked like an input: the cached value must survive f64.
                        exact_f64(v, row_place(&row.code))?;
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

    /// `C12`: the cell of row `code`, field `campo` (`""` for a row of one
    /// value).
    fn at(&self, code: &str, campo: &str) -> String {
        // Every field a formula names is in the plan; a description without
        // it gets A1, which the formula then reads as blank.
        let (row, col) = self
            .cells
            .get(&(code.to_string(), campo.to_string()))
            .copied()
            .unwrap_or_default();
        row_col_to_cell(row, col)
    }

    /// The formula of the derived cell of row `code`, field `campo`, in
    /// column `col`.
    fn formula(&self, calc: Calc, code: &str, campo: &str, col: u16) -> String {
        match calc {
            Calc::Media => {
                let (users, hours) = (self.at(code, "utenti"), self.at(code, "ore"));
                format!(
                    r#"=IF(COUNT({users},{hours})<2,"",IF({users}=0,0,ROUND({hours}/{users},2)))"#
                )
            }
            Calc::Total => {
                let refs = self.runs(campo, col);
                format!(
                    r#"=IF(COUNT({refs})<{n},"",SUM({refs}))"#,
                    n = self.users.len()
                )
            }
            Calc::R01B => {
                let (r01, r01a, r03) = (
                    self.at("R01", "anno"),
                    self.at("R01A", ""),
                    self.at("R03", ""),
                );
                // Rule 3 rounds half-up (ROUND is half away from zero in
                // Excel and LibreOffice alike).
                format!(
                    r#"=IF(OR(COUNT({r03})=0,COUNT({r01},{r01a})=0),"",IF({r01}+{r01a}=0,0,ROUND({r03}/({r01}+{r01a}),0)))"#
                )
            }
            Calc::R04 => {
                let (r0b, r03) = (self.at("R0B", "utenti"), self.at("R03", ""));
                // R0B*100/R03: one division, so a quotient that ends in 5 is
                // not pushed below the midpoint by an earlier rounding.
                format!(
                    r#"=IF(OR(COUNT({r0b})=0,COUNT({r03})=0),"",IF({r03}=0,"",ROUND({r0b}*100/{r03},2)))"#
                )
            }
            Calc::R09 => {
                let (r06, r08) = (self.at("R06", ""), self.at("R08", ""));
                let (a, b) = (self.at("R07", "anno_2017"), self.at("R07", "anno_2021"));
                let otherwise = match self.ed.regole.r09_non_dovuto {
                    R09NonDovuto::Zero => "0",
                    R09NonDovuto::Vuoto => r#""""#,
                };
                format!(
                    r#"=IF(OR(COUNT({r06})=0,COUNT({a},{b})=0),"",IF(MAX({a},{b})<{r06},IF(COUNT({r08})=0,"",ROUND(MAX(0,MIN({r08},{r06}-MAX({a},{b}))),2)),{otherwise}))"#
                )
            }
            Calc::R15 => {
                let refs = [
                    self.at("R10", "spesa"),
                    self.at("R11", "spesa"),
                    self.at("R12", "spesa"),
                    self.at("R13", ""),
                    self.at("R14", ""),
                ]
                .join(",");
                format!(r#"=IF(COUNT({refs})=0,"",ROUND(SUM({refs}),2))"#)
            }
        }
    }

    /// The user rows' cells of field `campo` as contiguous ranges of column
    /// `col`: `C8:C14,C17:C23,...`.
    fn runs(&self, campo: &str, col: u16) -> String {
        let mut rows: Vec<u32> = self
            .users
            .iter()
            .filter_map(|code| self.cells.get(&(code.clone(), campo.to_string())))
            .map(|(row, _)| *row)
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
    (first..=last).map(width).sum()
}
