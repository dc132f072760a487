//! The multi-Comune workbook: one sheet `Comuni`, one row per form, one
//! column per field of the editions present, headed by the field's path
//! ([`crate::model::paths`]).

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook};

use super::{XResult, exact_f64};
use crate::form::sheets::COMUNI as SHEET;
use crate::messages::{Arg, Message, kind};
use crate::model::paths::{self, Kind};
use crate::model::{Edizione, Scheda, Valore};
use crate::templates::Templates;

pub(super) fn write(schede: &[Scheda]) -> XResult<Vec<u8>> {
    // The editions known with the forms' (the built-in ones without forms).
    let editions: Vec<Edizione> = match schede.first() {
        Some(s) => s.edizione.known_with().collect(),
        None => Templates::builtin().editions().to_vec(),
    };
    let columns = paths::columns(schede, &editions);
    let mut workbook = Workbook::new();
    // The latest form's date, else 1 January after the oldest edition's
    // reporting year (never the clock).
    let oldest = editions.first().map_or(2000, |e| e.anno()) + 1;
    let created = schede
        .iter()
        .filter_map(|s| s.ente.data)
        .max()
        .map(|d| (d.year, d.month, d.day, d.hour, d.minute))
        .unwrap_or((oldest, 1, 1, 0, 0));
    let (y, m, d, h, min) = created;
    workbook.set_properties(
        &DocProperties::new()
            .set_title("Schede di monitoraggio degli obiettivi di servizio (sociale)")
            .set_subject(format!("{} schede", schede.len()))
            .set_comment("Generato da scheda: una riga per Comune, una colonna per campo")
            .set_creation_datetime(
                &ExcelDateTime::from_ymd(u16::try_from(y).unwrap_or(2000), m, d)?.and_hms(
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
        ws.write_string_with_format(0, col, &path.path, &header)?;
        let width = match path.kind {
            Kind::Text if path.path.ends_with("relazione") => 60.0,
            Kind::DateTime => 18.0,
            Kind::Text => 28.0,
            Kind::Bool => 8.0,
            _ => 14.0,
        };
        ws.set_column_width(col, width)?;
    }
    for (row, s) in (1u32..).zip(schede) {
        // The form in an error: its Comune, or its row.
        let what = || -> Arg {
            match &s.ente.denominazione {
                Some(name) => name.as_str().into(),
                None => Message::new(kind::WORKBOOK_FORM_N, [("n", (row as usize).into())]).into(),
            }
        };
        for (col, path) in (0u16..).zip(&columns) {
            // A form of another edition has no such field: its cell stays empty.
            match paths::get(s, &path.campo) {
                None => {}
                Some(Valore::Testo(v)) => {
                    ws.write_string_with_format(row, col, &v, &text)?;
                }
                Some(Valore::SiNo(b)) => {
                    ws.write_string_with_format(row, col, if b { "SI" } else { "NO" }, &yes_no)?;
                }
                Some(v @ (Valore::Intero(_) | Valore::Decimale(_))) => {
                    let d = v.decimal().unwrap_or_default();
                    let format = match path.kind {
                        Kind::Integer => &integer,
                        _ => &decimal,
                    };
                    let at = || {
                        Message::new(
                            kind::WORKBOOK_FIELD,
                            [("form", what()), ("field", path.path.as_str().into())],
                        )
                    };
                    ws.write_number_with_format(row, col, exact_f64(d, at)?, format)?;
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
