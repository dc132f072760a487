//! The multi-Comune workbook: one sheet `Comuni`, one row per form, one
//! column per field of the model headed by the field's path.

use std::str::FromStr;

use rust_decimal::Decimal;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook};
use serde_json::Value;

use super::paths::{self, Kind};
use super::{XResult, exact_f64};
use crate::model::Scheda;

/// Name of the sheet.
pub(crate) const SHEET: &str = "Comuni";

pub(super) fn write(schede: &[Scheda]) -> XResult<Vec<u8>> {
    let columns = paths::columns(schede);
    let known = paths::known();
    let mut workbook = Workbook::new();
    let created = schede
        .iter()
        .filter_map(|s| s.ente.data)
        .max()
        .map(|d| (d.year, d.month, d.day, d.hour, d.minute))
        .unwrap_or((2025, 1, 1, 0, 0));
    let (y, m, d, h, min) = created;
    workbook.set_properties(
        &DocProperties::new()
            .set_title("Schede di monitoraggio degli obiettivi di servizio (sociale)")
            .set_subject(format!("{} schede", schede.len()))
            .set_comment("Generato da scheda: una riga per Comune, una colonna per campo")
            .set_creation_datetime(
                &ExcelDateTime::from_ymd(u16::try_from(y).unwrap_or(2025), m, d)?.and_hms(
                    u16::from(h),
                    min,
                    0,
                )?,
            ),
    );
    let header = Format::new()
        .set_bold()
        .set_font_size(9)
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_background_color(0xDDEBF7)
        .set_border(FormatBorder::Thin);
    let text = Format::new().set_num_format("@");
    let integer = Format::new().set_num_format("0");
    let decimal = Format::new().set_num_format("#,##0.00");
    let yes_no = Format::new().set_align(FormatAlign::Center);

    let ws = workbook.add_worksheet();
    ws.set_name(SHEET)?;
    ws.set_row_height(0, 36)?;
    for (col, path) in (0u16..).zip(&columns) {
        ws.write_string_with_format(0, col, path, &header)?;
        let width = match known.get(path) {
            Some(Kind::Text) if path.ends_with("relazione") => 60.0,
            Some(Kind::DateTime) => 18.0,
            Some(Kind::Text) => 28.0,
            Some(Kind::Bool) => 8.0,
            _ => 14.0,
        };
        ws.set_column_width(col, width)?;
    }
    for (row, s) in (1u32..).zip(schede) {
        let values: std::collections::BTreeMap<String, Value> =
            paths::leaves(s).into_iter().collect();
        let what = s
            .ente
            .denominazione
            .clone()
            .unwrap_or_else(|| format!("form {row}"));
        for (col, path) in (0u16..).zip(&columns) {
            match values.get(path) {
                None | Some(Value::Null) => {}
                Some(Value::String(v)) => {
                    ws.write_string_with_format(row, col, v, &text)?;
                }
                Some(Value::Bool(b)) => {
                    ws.write_string_with_format(row, col, if *b { "SI" } else { "NO" }, &yes_no)?;
                }
                Some(Value::Number(n)) => {
                    // Numbers are exact (arbitrary precision): read them as decimals.
                    let d = Decimal::from_str(&n.to_string()).unwrap_or_default();
                    let format = match known.get(path) {
                        Some(Kind::Integer) => &integer,
                        _ => &decimal,
                    };
                    let at = format!("{what}, {path}");
                    ws.write_number_with_format(row, col, exact_f64(d, &at)?, format)?;
                }
                Some(other) => {
                    ws.write_string_with_format(row, col, other.to_string(), &text)?;
                }
            }
        }
    }
    if !columns.is_empty() {
        ws.set_freeze_panes(1, 0)?;
        ws.autofilter(0, 0, schede.len() as u32, columns.len() as u16 - 1)?;
    }
    Ok(workbook.save_to_buffer()?)
}
