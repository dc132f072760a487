//! The `Ente` sheet: the edition, the year and the Comune's data, one
//! field per row (key in column A, value in column B).

use rust_decimal::Decimal;
use rust_xlsxwriter::{DataValidation, DataValidationRule, Worksheet};

use super::{Style, XResult};
use crate::form::sheets::{self, ANNO, CALCOLATI, EDIZIONE, ENTE as SHEET};
use crate::form::{CampoEnte, INTESTAZIONE};
use crate::model::Scheda;

/// The row (0-based) of [`CALCOLATI`].
const CALCOLATI_ROW: u32 = 10;

/// Add the `Ente` sheet for `s`.
pub(crate) fn add_sheet(
    ws: &mut Worksheet,
    s: &Scheda,
    st: &Style,
    filled: &[(String, Decimal)],
) -> XResult<()> {
    ws.set_name(SHEET)?;
    ws.set_column_width(0, 26)?;
    ws.set_column_width(1, 48)?;
    ws.write_string_with_format(0, 0, sheets::ENTE_COLUMNS[0], &st.header)?;
    ws.write_string_with_format(0, 1, sheets::ENTE_COLUMNS[1], &st.header)?;
    ws.write_string_with_format(1, 0, EDIZIONE, &st.ente_key)?;
    ws.write_string_with_format(1, 1, s.edizione.code(), &st.ente_locked)?;
    ws.write_string_with_format(2, 0, ANNO, &st.ente_key)?;
    ws.write_string_with_format(2, 1, s.anno.to_string(), &st.ente_locked)?;
    let e = &s.ente;
    for (row, i) in (3u32..).zip(&INTESTAZIONE) {
        let (value, message) = match i.campo {
            CampoEnte::Denominazione => (
                e.denominazione.clone(),
                "Il nome del Comune come stampato sulla scheda (es. SONDRIO).",
            ),
            CampoEnte::Provincia => (
                e.provincia.clone(),
                "La sigla della provincia, due lettere maiuscole (es. SO).",
            ),
            CampoEnte::Codice => (
                e.codice.clone(),
                "Il codice identificativo del Comune sul portale (es. CR039SIF11WQ).",
            ),
            CampoEnte::Data => (
                e.data.map(|d| d.format_it()),
                "Data e ora come gg/mm/aaaa hh:mm (es. 20/03/2026 10:30).",
            ),
        };
        let key = i.etichetta;
        ws.write_string_with_format(row, 0, key, &st.ente_key)?;
        match value {
            Some(v) if !v.is_empty() => {
                ws.write_string_with_format(row, 1, v, &st.input_text)?;
            }
            _ => {
                ws.write_blank(row, 1, &st.input_text)?;
            }
        }
        let rule = if i.campo == CampoEnte::Provincia {
            DataValidation::new().allow_text_length(DataValidationRule::EqualTo(2))
        } else {
            DataValidation::new().allow_text_length(DataValidationRule::LessThanOrEqualTo(200))
        };
        let validation = rule
            .set_input_title(key)?
            .set_input_message(message)?
            .set_error_title("Valore non valido")?
            .set_error_message(message)?;
        ws.add_data_validation(row, 1, row, 1, &validation)?;
    }
    ws.merge_range(
        8,
        0,
        8,
        1,
        "Le celle in giallo sono modificabili. L'edizione e l'anno seguono il modello \
         della scheda: per l'altra edizione usare il suo modello (scheda template).",
        &st.note,
    )?;
    ws.set_row_height(8, 40)?;
    if !filled.is_empty() {
        ws.write_string(CALCOLATI_ROW, 0, CALCOLATI)?;
        ws.write_string(CALCOLATI_ROW, 1, sheets::calcolati(filled))?;
        ws.set_row_hidden(CALCOLATI_ROW)?;
    }
    ws.set_paper_size(9); // A4
    ws.set_portrait();
    ws.set_print_fit_to_pages(1, 0);
    ws.protect_with_options(&super::protection());
    Ok(())
}
