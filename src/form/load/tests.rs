//! Tests of [`super`] (load.rs).

use super::*;
use crate::messages::Lang;

/// The errors of a description in Italian, each with its code, its
/// line and its hint.
#[test]
fn a_description_s_errors_are_told_in_italian() {
    let soc26 = crate::form::files::builtin("editions/SOC26.toml").unwrap();
    let cases = [
        (
            "layout_testo = \"portale\"",
            "layout_testo = \"ipad\"",
            "unknown_text_layout",
            "layout_testo `ipad` sconosciuto (ammessi pdftotext o portale)",
            None,
        ),
        (
            "relazione = \"R16\"",
            "relazione = \"R99\"",
            "relazione_not_a_row",
            "regole.relazione indica `R99`, che non è una riga dell'edizione",
            None,
        ),
        (
            "riga = \"M15\"",
            "riga = \"M12\"",
            "duplicate_row_code",
            "codice di riga `M12` ripetuto (la prima volta alla riga 114 del file)",
            Some("ogni riga di un'edizione ha il suo codice"),
        ),
        (
            "riga = \"M15\"",
            "riga = \"M15\"\nnota = \"x\"",
            "entry_several_kinds",
            "una voce è di più tipi insieme: nota, riga",
            Some(
                "ogni [[quadro.voce]] ha una sola chiave tra intestazione, nota, gruppo, \
                     barra, riga, frasi, domanda, didascalia e pagina",
            ),
        ),
        (
            "colonne = \"utenti\"",
            "colonne = \"persone\"",
            "unknown_column_set",
            "la riga `M30` indica l'insieme di colonne `persone`, che non esiste",
            None,
        ),
    ];
    for (from, to, code, message, hint) in cases {
        let text = soc26.replacen(from, to, 1);
        let line = soc26[..soc26.find(from).unwrap()].matches('\n').count() + 1;
        let err = load("SOC26.toml", &text).unwrap_err();
        let d = &err.diagnostics[0];
        assert_eq!(d.code(), code, "{to}");
        assert_eq!(d.message_in(Lang::It), message, "{to}");
        if let Some(hint) = hint {
            assert_eq!(d.hint_in(Lang::It).as_deref(), Some(hint), "{to}");
        }
        let Some(Location::FileLine { file, line: at }) = &d.location else {
            panic!("{to}: {:?}", d.location);
        };
        assert_eq!(file, "SOC26.toml");
        // An entry's error points at its `[[quadro.voce]]`, just above.
        assert!(
            *at <= line && line - *at <= 2,
            "{to}: line {at}, not {line}"
        );
    }
}
