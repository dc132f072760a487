//! Writing the planned `Scheda` sheet ([`super::form`]): cells with their
//! formats and data validations, the formulas of the derived values, row
//! heights, print setup and protection.

use rust_decimal::Decimal;
use rust_xlsxwriter::{DataValidation, Format, Formula, Worksheet};

use super::formula::{Cells, excel};
use super::plan::{Cell, F, Input, Line, Row, cells_of};
use super::style::{LABEL_SIZE, height, line_count};
use super::validation::{text_validation, validation, validation_at, yes_no_validation};
use super::{Style, XResult, exact_f64, int_f64, row_place};
use crate::form::sheets::FORM;
use crate::form::{Edition, Field, Tipo};

/// Column of the row code.
const COL_CODE: u16 = 0;
/// Column of the row label.
const COL_LABEL: u16 = 1;
/// The users' and the hours' columns of a user row, the last column of a
/// merged ratio (R0E).
const E: u16 = 4;
/// Widths of the columns A-F, in character units.
const WIDTHS: [f64; 6] = [7.0, 48.0, 16.0, 16.0, 16.0, 16.0];

/// Write the planned `lines` of edition `ed`. Returns the derived fields
/// blank in the model whose cell caches the computed value.
pub(super) fn write(
    ws: &mut Worksheet,
    ed: &Edition,
    lines: &[Line],
    style: &Style,
) -> XResult<Vec<(String, Decimal)>> {
    let cells = cells_of(lines);
    let mut sheet = Sheet {
        ws,
        style,
        cells: &cells,
        ed,
        filled: Vec::new(),
    };
    sheet.setup(lines.len() as u32)?;
    for (i, line) in lines.iter().enumerate() {
        sheet.line(i as u32, line)?;
    }
    Ok(sheet.filled)
}

/// The renderer of a planned sheet.
struct Sheet<'a> {
    ws: &'a mut Worksheet,
    style: &'a Style,
    cells: &'a Cells,
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
                    // By the kind of the column: a count, a ratio (`1:N`), an amount.
                    let format = match d.rule.tipo {
                        Tipo::Rapporto => &st.derived_r01b,
                        Tipo::Media | Tipo::Personale | Tipo::Percentuale | Tipo::Euro => {
                            &st.derived_amount
                        }
                        _ => &st.derived_count,
                    };
                    let ed = self.ed;
                    let computed = |f: &Field| ed.calcolo(&f.codice, f.campo.as_deref()).is_some();
                    let mut formula = Formula::new(excel(&d.rule.formula, self.cells, &computed));
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
}

/// Width in characters of the merged columns `first..=last`.
fn merged_width(first: u16, last: u16) -> f64 {
    (first..=last).map(width).sum()
}
