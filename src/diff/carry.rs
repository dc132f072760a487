//! Next year's form from last year's ([`carry`]): the fields the new
//! edition's description says it takes from the edition before
//! (`[riporto]`, [`crate::form::Riporto`]) filled in from last year's form,
//! the values the rules compute from them computed, every other field
//! blank.

use serde::Serialize;

use super::{ente, printed, slots};
use crate::diagnostic::{Diagnostic, Error, Result, Severity};
use crate::form::{Campo, CampoEnte};
use crate::messages::{Message, kind};
use crate::model::{Edizione, Scheda};
use crate::rules;

/// A field of the new form: carried over with its value, or left for the
/// clerk to fill (`valore` `None`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Riportato {
    /// The row's code as the form prints it, `ente` for the Comune's data.
    pub codice: String,
    /// The column within the row (its `campo`), or the Comune's field.
    pub campo: Option<String>,
    /// The row's label as printed.
    pub etichetta: String,
    /// The column's header as printed, if it has one.
    pub colonna: Option<String>,
    /// The value carried over, as the form prints it.
    pub valore: Option<String>,
}

/// The new form of `edizione` started from `source`, the form of the
/// edition before it, with what was carried over and what the clerk must
/// fill in (every other input, in the form's order). A source of another
/// edition than the one the description names (`[riporto] da`), or an
/// edition that names none, is refused with the reason.
pub fn carry(
    source: &Scheda,
    edizione: Edizione,
) -> Result<(Scheda, Vec<Riportato>, Vec<Riportato>)> {
    let ed = edizione.description();
    let Some(riporto) = &ed.riporto else {
        return Err(refused(
            Message::new(kind::CARRY_NONE, [("edition", ed.codice.as_str().into())]),
            Message::new(kind::CARRY_NONE_HINT, []),
        ));
    };
    if riporto.da != source.edizione.code() {
        return Err(refused(
            Message::new(
                kind::CARRY_NOT_PREVIOUS,
                [
                    ("source", source.edizione.code().into()),
                    ("edition", ed.codice.as_str().into()),
                    ("previous", riporto.da.as_str().into()),
                ],
            ),
            Message::new(
                kind::CARRY_NOT_PREVIOUS_HINT,
                [("previous", riporto.da.as_str().into())],
            ),
        ));
    }
    let mut new = Scheda::empty(edizione);
    let mut carried_fields = Vec::new();
    let mut carried = Vec::new();
    for (to, from) in &riporto.campi {
        let value = match from {
            Campo::Ente(c) => ente(source, *c).map(crate::model::Valore::Testo),
            Campo::Valore { codice, campo } => source.valore(codice, campo.as_deref()),
        };
        let Some(value) = value else { continue };
        match to {
            Campo::Ente(c) => {
                let text = value.text().map(str::to_string);
                let Some(text) = text else { continue };
                match c {
                    CampoEnte::Denominazione => new.ente.denominazione = Some(text.clone()),
                    CampoEnte::Provincia => new.ente.provincia = Some(text.clone()),
                    CampoEnte::Codice => new.ente.codice = Some(text.clone()),
                    // The date is the new form's own.
                    CampoEnte::Data => continue,
                }
                carried.push(Riportato {
                    codice: "ente".to_string(),
                    campo: Some(c.nome().to_string()),
                    etichetta: c.etichetta().to_string(),
                    colonna: None,
                    valore: Some(text),
                });
            }
            Campo::Valore { codice, campo } => {
                if new
                    .set_valore(codice, campo.as_deref(), Some(value))
                    .is_ok()
                {
                    carried_fields.push((codice.clone(), campo.clone()));
                }
            }
        }
    }
    // What the rules compute from the fields carried over (R0B of the base
    // year), so that the new form is consistent as it stands.
    let new = rules::completed(&new);
    let mut to_fill = Vec::new();
    for slot in slots(ed) {
        let entry = |valore| Riportato {
            codice: slot.printed_code.to_string(),
            campo: slot.campo.map(str::to_string),
            etichetta: slot.etichetta.to_string(),
            colonna: slot.colonna.and_then(|c| c.intestazione.clone()),
            valore,
        };
        let key = (slot.codice.to_string(), slot.campo.map(str::to_string));
        if carried_fields.contains(&key) {
            let v = new.valore(slot.codice, slot.campo);
            carried.push(entry(v.map(|v| printed(&v, slot.tipo))));
        } else if !slot.computed {
            to_fill.push(entry(None));
        }
    }
    Ok((new, carried, to_fill))
}

fn refused(message: Message, hint: Message) -> Error {
    Error::new(Diagnostic::coded(Severity::Error, message, Some(hint)))
}
