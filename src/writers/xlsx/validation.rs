//! The data validations of the input cells of the `Scheda` sheet, with
//! their Italian messages, by the kind of input.

use rust_xlsxwriter::utility::row_col_to_cell;
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, Formula, XlsxError,
};

use super::plan::Input;

/// Most characters of a free text (the form's limit).
const MAX_TEXT: u32 = 6000;

/// The data validation of a whole-number input.
pub(super) fn validation(input: Input) -> Result<DataValidation, XlsxError> {
    let (title, message) = match input {
        Input::Ratio => (
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
pub(super) fn validation_at(input: Input, r: u32, col: u16) -> Result<DataValidation, XlsxError> {
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

pub(super) fn text_validation() -> Result<DataValidation, XlsxError> {
    DataValidation::new()
        .allow_text_length(DataValidationRule::LessThanOrEqualTo(MAX_TEXT))
        .set_input_title("Testo libero")?
        .set_input_message("Testo libero, al massimo 6.000 caratteri.")?
        .set_error_title("Testo troppo lungo")?
        .set_error_message("Il testo supera i 6.000 caratteri consentiti dalla scheda.")
}

pub(super) fn yes_no_validation() -> Result<DataValidation, XlsxError> {
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
