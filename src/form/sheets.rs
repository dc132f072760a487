//! The names a workbook's writer and reader agree on: the sheets, the keys
//! of the `Ente` sheet, and the hidden list of derived values that the
//! writer filled in.

use rust_decimal::Decimal;

use super::{Colonna, Tipo};

/// The sheet laid out like the form.
pub const FORM: &str = "Scheda";
/// The sheet of the edition, the year and the Comune's data.
pub const ENTE: &str = "Ente";
/// The sheet of a multi-Comune workbook: one row per form.
pub const COMUNI: &str = "Comuni";

/// The headers of the `Ente` sheet's two columns (a key, its value).
pub const ENTE_COLUMNS: [&str; 2] = ["Campo", "Valore"];

/// The keys of the `Ente` sheet (column A), in order: the edition, the
/// year, then the Comune's fields by the header block's labels
/// ([`super::INTESTAZIONE`]); a reader finds each by its first word.
pub const EDIZIONE: &str = "Edizione";
/// The reporting year.
pub const ANNO: &str = "Anno";

/// Key of a hidden row of the `Ente` sheet listing the derived fields that
/// the model leaves blank but whose `Scheda` cell caches the value the
/// rules compute ([`calcolati`]). A reader that finds such a cell still
/// holding that value reads the field as blank, so that a form goes
/// through the workbook unchanged while spreadsheets that do not
/// recalculate on opening still show the value.
pub const CALCOLATI: &str = "Valori calcolati da scheda";

/// The list of filled-in derived values as the `Ente` sheet holds it:
/// `pointer=value` pairs separated by `;` (`/quadro3/R09=0.00`).
pub fn calcolati(filled: &[(String, Decimal)]) -> String {
    let list: Vec<String> = filled.iter().map(|(p, v)| format!("{p}={v}")).collect();
    list.join(";")
}

/// The pairs of a list written by [`calcolati`]; malformed pairs are left
/// out.
pub fn parse_calcolati(list: &str) -> Vec<(String, Decimal)> {
    list.split(';')
        .filter_map(|pair| {
            let (pointer, value) = pair.split_once('=')?;
            Some((pointer.trim().to_string(), value.trim().parse().ok()?))
        })
        .collect()
}

/// The header of a column in the workbook: the form's, else a name for the
/// kind where the workbook needs one; none for a ratio, whose number format
/// says what it is (`1:1331`). A reader of the workbook printed to PDF
/// meets these above the rows.
pub fn workbook_header(c: &Colonna) -> Option<String> {
    let name = match (&c.intestazione, c.tipo, c.campo.as_deref()) {
        (_, Tipo::Rapporto, _) => return None,
        (Some(h), _, _) => return Some(h.clone()),
        (None, Tipo::RapportoAts, _) => "Abitanti per assistente sociale",
        (None, Tipo::Sino, _) => "Risposta (SI/NO)",
        (None, _, Some("descrizione")) => "Descrizione dell'intervento",
        _ => return None,
    };
    Some(match &c.vuoto {
        Some(v) => format!("{name} (vuoto: {v})"),
        None => name.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_of_filled_values_reads_back() {
        let filled = vec![
            ("/quadro3/R09".to_string(), Decimal::new(0, 2)),
            ("/quadro1/M12/media_ore".to_string(), Decimal::new(6505, 2)),
        ];
        let text = calcolati(&filled);
        assert_eq!(text, "/quadro3/R09=0.00;/quadro1/M12/media_ore=65.05");
        assert_eq!(parse_calcolati(&text), filled);
        assert_eq!(parse_calcolati("x;/a=b;/r=1"), [("/r".into(), 1.into())]);
    }
}
