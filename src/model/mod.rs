//! The canonical model (JSON version 1), the hub between every reader and
//! every writer. `docs/model.md` documents it.
//!
//! **Shape.** A form ([`Scheda`]) is its edition, its year, the Comune's
//! data ([`Ente`]) and the values of its rows, held by row code and column
//! as the edition's description ([`crate::form`]) declares them: each
//! column's kind says what a value is, how many decimals it may have and
//! whether the rules compute it. Every row of every edition takes this one
//! road ([`Scheda::valore`], [`Scheda::set_valore`]); the Quadro 4 answers
//! are kept by question ([`Scheda::risposta`]).
//!
//! **Naming.** Field names are Italian, as printed on the paper form
//! (`utenti_2019`, `media_ore`, `spesa`: the description's `campo`) and the
//! JSON keys are the form's own row codes (`M12`, `R01B`); the code around
//! them (functions, types, modules) speaks English (`read`, `write`,
//! `derive`).
//!
//! **Values.** A blank field has no value, one that shows zero holds `0`;
//! no code turns one into the other. Amounts are exact decimals
//! ([`rust_decimal::Decimal`]), written with at least two decimals
//! (`0.00`). Derived values (R0B, `media_ore`, R01B, R04, R09, R15) are
//! stored as the source printed them; the rules in [`crate::rules`] compute
//! and compare them.
//!
//! **Order.** The JSON follows the description, quadro by quadro and row by
//! row, so the same model always serialises to the same bytes.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

mod access;
mod data;
mod json;
pub mod paths;
mod validate;
mod valore;

pub(crate) use access::{is_question, riga};
pub use data::DataOra;
pub(crate) use json::to_value;
pub use valore::{FieldError, Valore};

/// The only JSON schema version this build reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

/// Most characters the free-text report may hold.
pub const MAX_RELAZIONE_CHARS: usize = 6000;

/// The values of one row: by column (its `campo`, `""` for a row of one
/// value), the filled-in ones only.
pub type Valori = BTreeMap<String, Valore>;

/// One filled-in form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scheda {
    /// Version of this JSON shape; always [`SCHEMA_VERSION`] when written.
    pub schema_version: u32,
    /// Which yearly edition of the form.
    pub edizione: Edizione,
    /// The reporting year Y (2024 for SOC25, 2025 for SOC26).
    pub anno: i32,
    /// Who compiled the form, and when (page 1 header).
    pub ente: Ente,
    /// The filled-in rows by code (the free-text report too); a row without
    /// a value has no entry.
    righe: BTreeMap<String, Valori>,
    /// The Quadro 4 answers given, by question code (`true` for SI).
    risposte: BTreeMap<String, bool>,
}

pub use crate::form::Edizione;

impl Edizione {
    /// The reporting year Y of this edition.
    pub fn anno(self) -> i32 {
        self.description().anni.anno
    }

    /// The title line printed at the top of every page.
    pub fn title(self) -> String {
        self.description().titolo.clone()
    }

    /// The code of the free-text row (R40 in SOC25, R16 in SOC26).
    pub fn relazione_code(self) -> &'static str {
        &self.description().regole.relazione
    }
}

impl Serialize for Edizione {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

/// The Comune and the print date (page 1 header).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ente {
    /// `Denominazione`: the Comune's name as printed (`CUMIGNANO SUL NAVIGLIO`).
    #[serde(default)]
    pub denominazione: Option<String>,
    /// The province's two-letter code where printed (`Comune SONDRIO (SO)`).
    #[serde(default)]
    pub provincia: Option<String>,
    /// `Codice indentificativo` (sic), e.g. `CR039SIF11WQ`.
    #[serde(default)]
    pub codice: Option<String>,
    /// The date printed on the form (SOC26 `Data ultima modifica`, SOC25
    /// footer `Data`), ISO `2026-03-20T10:30`.
    #[serde(default)]
    pub data: Option<DataOra>,
}

impl Scheda {
    /// An empty form of `edizione`: every field blank.
    pub fn empty(edizione: Edizione) -> Self {
        Scheda {
            schema_version: SCHEMA_VERSION,
            edizione,
            anno: edizione.anno(),
            ente: Ente::default(),
            righe: BTreeMap::new(),
            risposte: BTreeMap::new(),
        }
    }
}
