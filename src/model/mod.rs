//! The canonical model (JSON version 1), the hub between every reader and
//! every writer. `docs/model.md` documents it.
//!
//! **Naming.** Field names are Italian, as printed on the paper form
//! (`utenti_2019`, `media_ore`, `spesa`) and the JSON keys are the form's own
//! row codes (`M12`, `R01B`); the code around them (functions, types, modules)
//! speaks English (`read`, `write`, `derive`).
//!
//! **Values.** `None` is a field the form shows empty, `Some(0)` one that shows
//! zero; no code turns one into the other. Amounts are exact [`Decimal`]s and
//! are written with at least two decimals (`0.00`). Derived values (R0B,
//! `media_ore`, R01B, R04, R09, R15) are stored as the source printed them;
//! the rules in [`crate::rules`] compute and compare them.
//!
//! **Order.** Struct fields are declared in the form's order, so the same
//! model always serialises to the same bytes.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use crate::messages::{Message, kind};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

mod data;
mod fields;
mod json_rows;
pub mod paths;
mod righe;
mod serde_dec;
mod validate;

pub use data::DataOra;
pub use fields::{Altre, FieldError, Valore};
pub(crate) use json_rows::{take_altre, to_value};
pub use righe::{RIGA_TOTALE, RIGHE_UTENTI, RigaDef, TipoRiga, Utenti};
use serde_dec::{dec_opt, dec2_opt};

/// The only JSON schema version this build reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

/// Most characters the free-text report may hold.
pub const MAX_RELAZIONE_CHARS: usize = 6000;

/// One filled-in form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scheda {
    /// Version of this JSON shape; always [`SCHEMA_VERSION`] when written.
    pub schema_version: u32,
    /// Which yearly edition of the form.
    pub edizione: Edizione,
    /// The reporting year Y (2024 for SOC25, 2025 for SOC26).
    pub anno: i32,
    /// Who compiled the form, and when (page 1 header).
    #[serde(default)]
    pub ente: Ente,
    /// Quadro 1 - Autodiagnosi del numero di utenti serviti.
    #[serde(default)]
    pub quadro1: Quadro1,
    /// Quadro 2 - Autodiagnosi della spesa per il sociale.
    #[serde(default)]
    pub quadro2: Quadro2,
    /// Quadro 3 - Obiettivi di servizio.
    #[serde(default)]
    pub quadro3: Quadro3,
    /// Quadro 4 - Relazione.
    #[serde(default)]
    pub quadro4: Quadro4,
    /// Rows of a newer edition that the quadri have no field for (see
    /// [`fields`]); the JSON reader and writer put them in their quadro, in
    /// the form's order.
    #[serde(skip)]
    pub altre: Altre,
}

pub use crate::form::Edizione;

impl Edizione {
    /// The edition's description.
    pub fn description(self) -> &'static crate::form::Edition {
        crate::form::description(self)
    }

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

    /// Every known edition, oldest first: the built-in ones and those
    /// installed at run time.
    pub fn known() -> Vec<Edizione> {
        crate::form::known()
    }
}

impl fmt::Debug for Edizione {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl fmt::Display for Edizione {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Edizione {
    type Err = Message;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let code = s.trim();
        crate::form::find(code).ok_or_else(|| {
            // The built-in editions: those installed from a --templates
            // directory are named by the callers' hints.
            let known: Vec<&str> = Edizione::ALL.iter().map(|e| e.code()).collect();
            Message::new(
                kind::EDITION_NOT_KNOWN,
                [("code", code.into()), ("known", known.join(", ").into())],
            )
        })
    }
}

impl Serialize for Edizione {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Edizione {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = String::deserialize(deserializer)?;
        code.parse().map_err(serde::de::Error::custom)
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

/// A user row without hours: `Numero di utenti serviti - 2019` and `- Y`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RigaUtenti {
    /// `Numero di utenti serviti - 2019`.
    #[serde(default)]
    pub utenti_2019: Option<u64>,
    /// `Numero di utenti serviti - Y`.
    #[serde(default)]
    pub utenti: Option<u64>,
}

/// A user row with hours (services and structures, not `Multiutenza`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RigaOre {
    /// `Numero di utenti serviti - 2019`.
    #[serde(default)]
    pub utenti_2019: Option<u64>,
    /// `Numero di utenti serviti - Y`.
    #[serde(default)]
    pub utenti: Option<u64>,
    /// `Totale annuo ore di assistenza - Y` (SOC26 `Totale ore annue ...`).
    #[serde(default)]
    pub ore: Option<u64>,
    /// `Media annua ore di assistenza - Y`: `ore / utenti`, two decimals (derived).
    /// Kept with the decimals the source printed (the IFEL page prints integers).
    #[serde(default, with = "dec_opt")]
    pub media_ore: Option<Decimal>,
}

/// A row with the columns 2020 and Y (R01, R02: staff counts).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Anni2020 {
    /// Column `2020`.
    #[serde(default, with = "dec2_opt")]
    pub anno_2020: Option<Decimal>,
    /// Column `Y`.
    #[serde(default, with = "dec2_opt")]
    pub anno: Option<Decimal>,
}

/// Quadro 1 - Autodiagnosi del numero di utenti serviti.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(non_snake_case)]
pub struct Quadro1 {
    /// M12 - Utenti famiglia e minori (Interventi e servizi).
    #[serde(default)]
    pub M12: RigaOre,
    /// M15 - Utenti disabili (Interventi e servizi).
    #[serde(default)]
    pub M15: RigaOre,
    /// M18 - Utenti con dipendenze e salute mentale (Interventi e servizi).
    #[serde(default)]
    pub M18: RigaOre,
    /// M21 - Utenti anziani (Interventi e servizi).
    #[serde(default)]
    pub M21: RigaOre,
    /// M24 - Utenti immigrati e nomadi (Interventi e servizi).
    #[serde(default)]
    pub M24: RigaOre,
    /// M27 - Utenti povertà, disagio adulti e senza dimora (Interventi e servizi).
    #[serde(default)]
    pub M27: RigaOre,
    /// M30 - Utenti Multiutenza (Interventi e servizi).
    #[serde(default)]
    pub M30: RigaUtenti,
    /// M35 - Utenti famiglia e minori (Contributi economici).
    #[serde(default)]
    pub M35: RigaUtenti,
    /// M36 - Utenti disabili (Contributi economici).
    #[serde(default)]
    pub M36: RigaUtenti,
    /// M37 - Utenti con dipendenze e salute mentale (Contributi economici).
    #[serde(default)]
    pub M37: RigaUtenti,
    /// M38 - Utenti anziani (Contributi economici).
    #[serde(default)]
    pub M38: RigaUtenti,
    /// M39 - Utenti immigrati e nomadi (Contributi economici).
    #[serde(default)]
    pub M39: RigaUtenti,
    /// M40 - Utenti povertà, disagio adulti e senza dimora (Contributi economici).
    #[serde(default)]
    pub M40: RigaUtenti,
    /// M41 - Utenti Multiutenza (Contributi economici).
    #[serde(default)]
    pub M41: RigaUtenti,
    /// M44 - Utenti famiglia e minori (Strutture).
    #[serde(default)]
    pub M44: RigaOre,
    /// M47 - Utenti disabili (Strutture).
    #[serde(default)]
    pub M47: RigaOre,
    /// M50 - Utenti con dipendenze e salute mentale (Strutture).
    #[serde(default)]
    pub M50: RigaOre,
    /// M53 - Utenti anziani (Strutture).
    #[serde(default)]
    pub M53: RigaOre,
    /// M56 - Utenti immigrati e nomadi (Strutture).
    #[serde(default)]
    pub M56: RigaOre,
    /// M59 - Utenti povertà, disagio adulti e senza dimora (Strutture).
    #[serde(default)]
    pub M59: RigaOre,
    /// R0A - Utenti Multiutenza (Strutture; SOC26 prints `ROA`).
    #[serde(default)]
    pub R0A: RigaUtenti,
    /// R0B - TOTALE UTENTI (derived: sum of the rows above; SOC26 prints `ROB`).
    #[serde(default)]
    pub R0B: RigaUtenti,
    /// R0C - Denominazione ATS (fonte: Ministero del Lavoro).
    #[serde(default)]
    pub R0C: Option<String>,
    /// R0D - Ente/Comune capofila dell'ATS (fonte: Ministero del Lavoro).
    #[serde(default)]
    pub R0D: Option<String>,
    /// R0E - inhabitants per social worker at ATS level
    /// (`1 assistente sociale ogni: N abitanti`); `None` for `NON CALCOLABILE`.
    #[serde(default)]
    pub R0E: Option<u64>,
    /// R01 - Numero di assistenti sociali in forza al Comune (2020 and Y).
    #[serde(default)]
    pub R01: Anni2020,
    /// R01A - Numero di assistenti sociali forniti dalla forma associata o dall'ATS (Y).
    #[serde(default, with = "dec2_opt")]
    pub R01A: Option<Decimal>,
    /// R01B - inhabitants per social worker in the Comune, `1 assistente ogni : N`
    /// (derived: R03 / (R01 + R01A), 0 when there are none).
    #[serde(default)]
    pub R01B: Option<u64>,
    /// R02 - Numero di altre figure professionali (educatori, ecc.) (2020 and Y).
    #[serde(default)]
    pub R02: Anni2020,
    /// R02X - di cui Numero di psicologi in forza al Comune (SOC26 only).
    #[serde(default, with = "dec2_opt", skip_serializing_if = "Option::is_none")]
    pub R02X: Option<Decimal>,
    /// R02Y - di cui Numero di educatori professionali socio-pedagogici (SOC26 only).
    #[serde(default, with = "dec2_opt", skip_serializing_if = "Option::is_none")]
    pub R02Y: Option<Decimal>,
    /// R02A - altre figure professionali fornite dalla forma associata o dall'ATS (SOC26 only).
    #[serde(default, with = "dec2_opt", skip_serializing_if = "Option::is_none")]
    pub R02A: Option<Decimal>,
    /// R03 - Numero di abitanti (Istat, 31/12 of Y-1).
    #[serde(default)]
    pub R03: Option<u64>,
    /// R04 - Livello di servizio effettivo Y, percent (derived: R0B / R03 x 100).
    #[serde(default, with = "dec_opt")]
    pub R04: Option<Decimal>,
    /// R05 - Livello di servizio di riferimento Y, percent (pre-filled by the ministry).
    #[serde(default, with = "dec_opt")]
    pub R05: Option<Decimal>,
}

/// R07 - spesa storica, columns 2017 and 2021.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpesaStorica {
    /// Column `2017`.
    #[serde(default, with = "dec2_opt")]
    pub anno_2017: Option<Decimal>,
    /// Column `2021`.
    #[serde(default, with = "dec2_opt")]
    pub anno_2021: Option<Decimal>,
}

/// Quadro 2 - Autodiagnosi della spesa per il sociale (all pre-filled).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(non_snake_case)]
pub struct Quadro2 {
    /// R06 - Fabbisogno standard monetario sociale, euro.
    #[serde(default, with = "dec2_opt")]
    pub R06: Option<Decimal>,
    /// R07 - Spesa storica (di riferimento / calcolata con il questionario), euro.
    #[serde(default)]
    pub R07: SpesaStorica,
    /// R08 - Risorse aggiuntive effettive del sociale assegnate per Y, euro.
    #[serde(default, with = "dec2_opt")]
    pub R08: Option<Decimal>,
}

/// R10, R11: additional staff.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonaleAggiuntivo {
    /// `Numero` (two decimals).
    #[serde(default, with = "dec2_opt")]
    pub numero: Option<Decimal>,
    /// `Modalità di determinazione della spesa aggiuntiva` (text).
    #[serde(default)]
    pub modalita: Option<String>,
    /// `Spesa aggiuntiva`, euro.
    #[serde(default, with = "dec2_opt")]
    pub spesa: Option<Decimal>,
}

/// R12: service improvements.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Intervento {
    /// Description of the interventions (text).
    #[serde(default)]
    pub descrizione: Option<String>,
    /// `Spesa aggiuntiva`, euro.
    #[serde(default, with = "dec2_opt")]
    pub spesa: Option<Decimal>,
}

/// Quadro 3 - Obiettivi di servizio Y.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(non_snake_case)]
pub struct Quadro3 {
    /// R09 - Risorse aggiuntive ... da rendicontare, euro (derived; may be blank).
    #[serde(default, with = "dec2_opt")]
    pub R09: Option<Decimal>,
    /// R10 - Assistenti sociali aggiuntivi (per raggiungimento soglia 1:6500 ab.).
    #[serde(default)]
    pub R10: PersonaleAggiuntivo,
    /// R11 - Altre figure professionali (educatori, ecc.) aggiuntive.
    #[serde(default)]
    pub R11: PersonaleAggiuntivo,
    /// R12 - Interventi per un significativo miglioramento dei servizi sociali.
    #[serde(default)]
    pub R12: Intervento,
    /// R13 - Interventi per un aumento del numero degli utenti serviti, euro.
    #[serde(default, with = "dec2_opt")]
    pub R13: Option<Decimal>,
    /// R14 - Risorse aggiuntive trasferite all'ATS o ad altra forma associativa, euro.
    #[serde(default, with = "dec2_opt")]
    pub R14: Option<Decimal>,
    /// R15 - TOTALE OBIETTIVI DI SERVIZIO Y, euro (derived: R10..R14 spesa).
    #[serde(default, with = "dec2_opt")]
    pub R15: Option<Decimal>,
}

/// A structured question of Quadro 4 (SOC25): `R16` to `R39`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Domanda(u8);

impl Domanda {
    /// First and last question numbers.
    pub const RANGE: std::ops::RangeInclusive<u8> = 16..=39;

    /// The question `R{n}`, if `n` is one.
    pub fn new(n: u8) -> Option<Self> {
        Self::RANGE.contains(&n).then_some(Domanda(n))
    }

    /// Every question, in the form's order.
    pub fn all() -> impl Iterator<Item = Domanda> {
        Self::RANGE.map(Domanda)
    }

    /// The question's number (16 for R16).
    pub fn number(self) -> u8 {
        self.0
    }

    /// The Quadro 4 section (1-4) the question belongs to.
    pub fn section(self) -> u8 {
        match self.0 {
            16..=22 => 1,
            23..=28 => 2,
            29..=33 => 3,
            _ => 4,
        }
    }
}

impl fmt::Display for Domanda {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "R{}", self.0)
    }
}

impl FromStr for Domanda {
    type Err = Message;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        s.strip_prefix('R')
            .and_then(|n| n.parse::<u8>().ok())
            .filter(|n| n.to_string().len() == s.len() - 1)
            .and_then(Domanda::new)
            .ok_or_else(|| Message::new(kind::NOT_A_QUESTION, [("found", s.into())]))
    }
}

impl Serialize for Domanda {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Domanda {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// Quadro 4 - Relazione.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quadro4 {
    /// SOC25 only: answered questions, `true` for `SI`, `false` for `NO`;
    /// unanswered ones are absent (and read as absent when `null`).
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "answers"
    )]
    pub risposte: BTreeMap<Domanda, bool>,
    /// The free-text report (R40 in SOC25, R16 in SOC26), at most 6,000 characters.
    #[serde(default)]
    pub relazione: Option<String>,
}

/// The answers of Quadro 4, where `null` is an unanswered question, as
/// everywhere in the model (MODEL.md: `null` or an absent key).
fn answers<'de, D>(deserializer: D) -> Result<BTreeMap<Domanda, bool>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    let all: BTreeMap<Domanda, Option<bool>> = Deserialize::deserialize(deserializer)?;
    Ok(all.into_iter().filter_map(|(q, a)| Some((q, a?))).collect())
}

impl Scheda {
    /// An empty form of `edizione`: every field blank.
    pub fn empty(edizione: Edizione) -> Self {
        Scheda {
            schema_version: SCHEMA_VERSION,
            edizione,
            anno: edizione.anno(),
            ente: Ente::default(),
            quadro1: Quadro1::default(),
            quadro2: Quadro2::default(),
            quadro3: Quadro3::default(),
            quadro4: Quadro4::default(),
            altre: Altre::default(),
        }
    }
}
