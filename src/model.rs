//! The canonical model (JSON version 1), the hub between every reader and
//! every writer. `../shared/spec/MODEL.md` is its contract.
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

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, Location};

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
}

/// The edition of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Edizione {
    /// Compiled in 2025 for the year 2024; Quadro 4 has structured questions.
    SOC25,
    /// Compiled in 2026 for the year 2025; adds R02X/R02Y/R02A, free text is R16.
    SOC26,
}

impl Edizione {
    /// Every edition, oldest first.
    pub const ALL: [Edizione; 2] = [Edizione::SOC25, Edizione::SOC26];

    /// The reporting year Y of this edition.
    pub fn anno(self) -> i32 {
        match self {
            Edizione::SOC25 => 2024,
            Edizione::SOC26 => 2025,
        }
    }

    /// The edition's code as printed (`SOC25`).
    pub fn code(self) -> &'static str {
        match self {
            Edizione::SOC25 => "SOC25",
            Edizione::SOC26 => "SOC26",
        }
    }

    /// The title line printed at the top of every page.
    pub fn title(self) -> String {
        format!(
            "{} - SOCIALE - SCHEDA DI MONITORAGGIO DEGLI OBIETTIVI DI SERVIZIO {}",
            self.code(),
            self.anno()
        )
    }

    /// The code of the free-text row: R40 (SOC25) or R16 (SOC26).
    pub fn relazione_code(self) -> &'static str {
        match self {
            Edizione::SOC25 => "R40",
            Edizione::SOC26 => "R16",
        }
    }
}

impl fmt::Display for Edizione {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Edizione {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_uppercase().as_str() {
            "SOC25" => Ok(Edizione::SOC25),
            "SOC26" => Ok(Edizione::SOC26),
            other => Err(format!(
                "unknown edition `{other}` (expected SOC25 or SOC26)"
            )),
        }
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

/// A date and time to the minute, as the form prints it (`20/03/2026 10:30`)
/// and as the model stores it (`2026-03-20T10:30`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DataOra {
    /// Year.
    pub year: i32,
    /// Month, 1-12.
    pub month: u8,
    /// Day, 1-31.
    pub day: u8,
    /// Hour, 0-23.
    pub hour: u8,
    /// Minute, 0-59.
    pub minute: u8,
}

impl DataOra {
    /// Build a checked date-time.
    pub fn new(year: i32, month: u8, day: u8, hour: u8, minute: u8) -> Option<Self> {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        ((1000..=9999).contains(&year) && (1..=days).contains(&day) && hour < 24 && minute < 60)
            .then_some(DataOra {
                year,
                month,
                day,
                hour,
                minute,
            })
    }

    /// Parse the form's printed notation `dd/mm/yyyy hh:mm` (also `dd/mm/yyyy`).
    pub fn parse_it(text: &str) -> Option<Self> {
        let text = text.trim();
        let (date, time) = match text.split_once(char::is_whitespace) {
            Some((d, t)) => (d, t.trim()),
            None => (text, "00:00"),
        };
        let mut d = date.split('/');
        let (day, month, year) = (d.next()?, d.next()?, d.next()?);
        if d.next().is_some() {
            return None;
        }
        let (hour, minute) = time.split_once(':')?;
        DataOra::new(
            year.parse().ok()?,
            month.parse().ok()?,
            day.parse().ok()?,
            hour.parse().ok()?,
            minute.parse().ok()?,
        )
    }

    /// The form's printed notation, `20/03/2026 10:30`.
    pub fn format_it(&self) -> String {
        format!(
            "{:02}/{:02}/{:04} {:02}:{:02}",
            self.day, self.month, self.year, self.hour, self.minute
        )
    }
}

impl fmt::Display for DataOra {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}T{:02}:{:02}",
            self.year, self.month, self.day, self.hour, self.minute
        )
    }
}

impl FromStr for DataOra {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("`{s}` is not a date-time of the form YYYY-MM-DDTHH:MM");
        let (date, time) = s.split_once('T').ok_or_else(bad)?;
        let mut d = date.split('-');
        let (y, m, day) = (
            d.next().ok_or_else(bad)?,
            d.next().ok_or_else(bad)?,
            d.next().ok_or_else(bad)?,
        );
        let (h, min) = time.split_once(':').ok_or_else(bad)?;
        if d.next().is_some() || y.len() != 4 || m.len() != 2 || day.len() != 2 || h.len() != 2 {
            return Err(bad());
        }
        let min = min.strip_suffix(":00").unwrap_or(min);
        if min.len() != 2 {
            return Err(bad());
        }
        DataOra::new(
            y.parse().map_err(|_| bad())?,
            m.parse().map_err(|_| bad())?,
            day.parse().map_err(|_| bad())?,
            h.parse().map_err(|_| bad())?,
            min.parse().map_err(|_| bad())?,
        )
        .ok_or_else(bad)
    }
}

impl Serialize for DataOra {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DataOra {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
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
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        s.strip_prefix('R')
            .and_then(|n| n.parse::<u8>().ok())
            .filter(|n| n.to_string().len() == s.len() - 1)
            .and_then(Domanda::new)
            .ok_or_else(|| format!("`{s}` is not a Quadro 4 question (expected R16 to R39)"))
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
    /// unanswered ones are absent.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub risposte: BTreeMap<Domanda, bool>,
    /// The free-text report (R40 in SOC25, R16 in SOC26), at most 6,000 characters.
    #[serde(default)]
    pub relazione: Option<String>,
}

/// The kind of row a user-row code names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TipoRiga {
    /// Four columns: users 2019, users Y, hours, mean hours.
    ConOre,
    /// Two columns: users 2019, users Y.
    SoloUtenti,
}

/// One user row of Quadro 1, as the form lays it out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RigaDef {
    /// The row code (`M12`, `R0A`, `R0B`).
    pub code: &'static str,
    /// The group heading printed above it (`Interventi e servizi`, ...).
    pub gruppo: &'static str,
    /// The user type as printed after `Utenti ` (`famiglia e minori`), or
    /// `TOTALE UTENTI` for R0B.
    pub tipo: &'static str,
    /// Whether the row has the hours columns.
    pub kind: TipoRiga,
}

impl RigaDef {
    /// The row label as printed: `M12 - Utenti famiglia e minori`.
    pub fn label(&self) -> String {
        if self.code == "R0B" {
            "R0B - TOTALE UTENTI".to_string()
        } else {
            format!("{} - Utenti {}", self.code, self.tipo)
        }
    }
}

const TIPI: [&str; 7] = [
    "famiglia e minori",
    "disabili",
    "con dipendenze e salute mentale",
    "anziani",
    "immigrati e nomadi",
    "povertà, disagio adulti e senza dimora",
    "Multiutenza",
];

const fn riga(code: &'static str, gruppo: &'static str, tipo: usize, kind: TipoRiga) -> RigaDef {
    RigaDef {
        code,
        gruppo,
        tipo: TIPI[tipo],
        kind,
    }
}

const IS: &str = "Interventi e servizi";
const CE: &str = "Contributi economici";
const ST: &str = "Strutture";
use TipoRiga::{ConOre as H, SoloUtenti as U};

/// The 21 user rows of Quadro 1 in the form's order (R0B, the total, is
/// [`RIGA_TOTALE`]).
pub const RIGHE_UTENTI: [RigaDef; 21] = [
    riga("M12", IS, 0, H),
    riga("M15", IS, 1, H),
    riga("M18", IS, 2, H),
    riga("M21", IS, 3, H),
    riga("M24", IS, 4, H),
    riga("M27", IS, 5, H),
    riga("M30", IS, 6, U),
    riga("M35", CE, 0, U),
    riga("M36", CE, 1, U),
    riga("M37", CE, 2, U),
    riga("M38", CE, 3, U),
    riga("M39", CE, 4, U),
    riga("M40", CE, 5, U),
    riga("M41", CE, 6, U),
    riga("M44", ST, 0, H),
    riga("M47", ST, 1, H),
    riga("M50", ST, 2, H),
    riga("M53", ST, 3, H),
    riga("M56", ST, 4, H),
    riga("M59", ST, 5, H),
    riga("R0A", ST, 6, U),
];

/// R0B - TOTALE UTENTI (printed under the heading `Totale`).
pub const RIGA_TOTALE: RigaDef = RigaDef {
    code: "R0B",
    gruppo: "Totale",
    tipo: "TOTALE UTENTI",
    kind: U,
};

/// A user row, with or without hours, seen through one shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Utenti {
    /// Users 2019.
    pub utenti_2019: Option<u64>,
    /// Users Y.
    pub utenti: Option<u64>,
    /// Total hours Y (rows with hours only).
    pub ore: Option<u64>,
    /// Mean hours Y (rows with hours only).
    pub media_ore: Option<Decimal>,
}

impl Quadro1 {
    /// The row with hours named `code` (`M12`), if it is one.
    pub fn riga_ore(&self, code: &str) -> Option<&RigaOre> {
        Some(match code {
            "M12" => &self.M12,
            "M15" => &self.M15,
            "M18" => &self.M18,
            "M21" => &self.M21,
            "M24" => &self.M24,
            "M27" => &self.M27,
            "M44" => &self.M44,
            "M47" => &self.M47,
            "M50" => &self.M50,
            "M53" => &self.M53,
            "M56" => &self.M56,
            "M59" => &self.M59,
            _ => return None,
        })
    }

    /// Mutable access to the row with hours named `code`.
    pub fn riga_ore_mut(&mut self, code: &str) -> Option<&mut RigaOre> {
        Some(match code {
            "M12" => &mut self.M12,
            "M15" => &mut self.M15,
            "M18" => &mut self.M18,
            "M21" => &mut self.M21,
            "M24" => &mut self.M24,
            "M27" => &mut self.M27,
            "M44" => &mut self.M44,
            "M47" => &mut self.M47,
            "M50" => &mut self.M50,
            "M53" => &mut self.M53,
            "M56" => &mut self.M56,
            "M59" => &mut self.M59,
            _ => return None,
        })
    }

    /// The row without hours named `code` (`M30`, `R0A`, `R0B`, ...), if it is one.
    pub fn riga_utenti(&self, code: &str) -> Option<&RigaUtenti> {
        Some(match code {
            "M30" => &self.M30,
            "M35" => &self.M35,
            "M36" => &self.M36,
            "M37" => &self.M37,
            "M38" => &self.M38,
            "M39" => &self.M39,
            "M40" => &self.M40,
            "M41" => &self.M41,
            "R0A" => &self.R0A,
            "R0B" => &self.R0B,
            _ => return None,
        })
    }

    /// Mutable access to the row without hours named `code`.
    pub fn riga_utenti_mut(&mut self, code: &str) -> Option<&mut RigaUtenti> {
        Some(match code {
            "M30" => &mut self.M30,
            "M35" => &mut self.M35,
            "M36" => &mut self.M36,
            "M37" => &mut self.M37,
            "M38" => &mut self.M38,
            "M39" => &mut self.M39,
            "M40" => &mut self.M40,
            "M41" => &mut self.M41,
            "R0A" => &mut self.R0A,
            "R0B" => &mut self.R0B,
            _ => return None,
        })
    }

    /// Any user row (including R0B) in one shape; `None` for an unknown code.
    pub fn utenti(&self, code: &str) -> Option<Utenti> {
        if let Some(r) = self.riga_ore(code) {
            return Some(Utenti {
                utenti_2019: r.utenti_2019,
                utenti: r.utenti,
                ore: r.ore,
                media_ore: r.media_ore,
            });
        }
        self.riga_utenti(code).map(|r| Utenti {
            utenti_2019: r.utenti_2019,
            utenti: r.utenti,
            ore: None,
            media_ore: None,
        })
    }

    /// Set any user row (including R0B) from one shape; hours are ignored for
    /// rows without hours. Returns `false` for an unknown code.
    pub fn set_utenti(&mut self, code: &str, v: Utenti) -> bool {
        if let Some(r) = self.riga_ore_mut(code) {
            *r = RigaOre {
                utenti_2019: v.utenti_2019,
                utenti: v.utenti,
                ore: v.ore,
                media_ore: v.media_ore,
            };
            return true;
        }
        if let Some(r) = self.riga_utenti_mut(code) {
            *r = RigaUtenti {
                utenti_2019: v.utenti_2019,
                utenti: v.utenti,
            };
            return true;
        }
        false
    }
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
        }
    }

    /// Check the values against the form's constraints (MODEL.md). Every
    /// problem is an error diagnostic located by its JSON pointer.
    pub fn validate(&self) -> Vec<Diagnostic> {
        let mut v = Validator::default();
        if self.schema_version != SCHEMA_VERSION {
            v.err(
                "/schema_version",
                format!(
                    "unsupported schema_version {} (this build reads version {SCHEMA_VERSION})",
                    self.schema_version
                ),
            );
        }
        if self.anno != self.edizione.anno() {
            v.err(
                "/anno",
                format!(
                    "anno {} does not agree with edizione {} (which reports on {})",
                    self.anno,
                    self.edizione,
                    self.edizione.anno()
                ),
            );
        }
        if let Some(p) = &self.ente.provincia
            && (p.len() != 2 || !p.chars().all(|c| c.is_ascii_uppercase()))
        {
            v.err(
                "/ente/provincia",
                format!("province `{p}` is not a two-letter code such as `SO`"),
            );
        }
        let q1 = &self.quadro1;
        for def in RIGHE_UTENTI.iter().chain([&RIGA_TOTALE]) {
            if let Some(r) = q1.riga_ore(def.code) {
                v.dec(
                    &format!("/quadro1/{}/media_ore", def.code),
                    r.media_ore,
                    Some(2),
                );
            }
        }
        v.dec("/quadro1/R01/anno_2020", q1.R01.anno_2020, Some(2));
        v.dec("/quadro1/R01/anno", q1.R01.anno, Some(2));
        v.dec("/quadro1/R01A", q1.R01A, Some(2));
        v.dec("/quadro1/R02/anno_2020", q1.R02.anno_2020, Some(2));
        v.dec("/quadro1/R02/anno", q1.R02.anno, Some(2));
        for (code, value) in [("R02X", q1.R02X), ("R02Y", q1.R02Y), ("R02A", q1.R02A)] {
            let pointer = format!("/quadro1/{code}");
            if self.edizione == Edizione::SOC25 && value.is_some() {
                v.err(
                    &pointer,
                    format!("{code} exists only in SOC26, not in SOC25"),
                );
            }
            v.dec(&pointer, value, Some(2));
        }
        v.dec("/quadro1/R04", q1.R04, None);
        v.dec("/quadro1/R05", q1.R05, None);
        let q2 = &self.quadro2;
        v.dec("/quadro2/R06", q2.R06, Some(2));
        v.dec("/quadro2/R07/anno_2017", q2.R07.anno_2017, Some(2));
        v.dec("/quadro2/R07/anno_2021", q2.R07.anno_2021, Some(2));
        v.dec("/quadro2/R08", q2.R08, Some(2));
        let q3 = &self.quadro3;
        v.dec("/quadro3/R09", q3.R09, Some(2));
        for (code, r) in [("R10", &q3.R10), ("R11", &q3.R11)] {
            v.dec(&format!("/quadro3/{code}/numero"), r.numero, Some(2));
            v.dec(&format!("/quadro3/{code}/spesa"), r.spesa, Some(2));
        }
        v.dec("/quadro3/R12/spesa", q3.R12.spesa, Some(2));
        v.dec("/quadro3/R13", q3.R13, Some(2));
        v.dec("/quadro3/R14", q3.R14, Some(2));
        v.dec("/quadro3/R15", q3.R15, Some(2));
        if self.edizione == Edizione::SOC26 && !self.quadro4.risposte.is_empty() {
            v.err(
                "/quadro4/risposte",
                "SOC26 has no structured questions: risposte must be empty or absent",
            );
        }
        if let Some(text) = &self.quadro4.relazione {
            let n = text.chars().count();
            if n > MAX_RELAZIONE_CHARS {
                v.err(
                    "/quadro4/relazione",
                    format!("the report has {n} characters, the form allows at most 6.000"),
                );
            }
        }
        v.out
    }
}

#[derive(Default)]
struct Validator {
    out: Vec<Diagnostic>,
}

impl Validator {
    fn err(&mut self, pointer: &str, message: impl Into<String>) {
        self.out
            .push(Diagnostic::error(message).at(Location::pointer(pointer)));
    }

    fn dec(&mut self, pointer: &str, value: Option<Decimal>, max_places: Option<u32>) {
        let Some(value) = value else { return };
        if value.is_sign_negative() && !value.is_zero() {
            self.err(
                pointer,
                format!("{value} is negative; the form takes no negative values"),
            );
        }
        if let Some(max) = max_places
            && value.normalize().scale() > max
        {
            self.err(
                pointer,
                format!("{value} has more than {max} decimals; the form prints {max}"),
            );
        }
    }
}

/// Serde for `Option<Decimal>` as an exact JSON number written with the
/// decimals it has (a percentage or a mean keeps the precision it was
/// printed with: `33.629149`, `72`, `4.81`).
pub(crate) mod dec_opt {
    use rust_decimal::Decimal;
    use serde::{Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(value: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(d) => {
                let number: serde_json::Number =
                    d.to_string().parse().map_err(serde::ser::Error::custom)?;
                number.serialize(s)
            }
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
        rust_decimal::serde::arbitrary_precision_option::deserialize(d)
    }
}

/// Serde for `Option<Decimal>` as an exact JSON number with at least two
/// decimals when written (`0.00`, `1984440.83`; `33.629149` stays as it is).
pub(crate) mod dec2_opt {
    use rust_decimal::Decimal;
    use serde::{Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(value: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(d) => {
                let text = crate::number::to_plain(*d, 2);
                let number: serde_json::Number = text.parse().map_err(serde::ser::Error::custom)?;
                number.serialize(s)
            }
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
        rust_decimal::serde::arbitrary_precision_option::deserialize(d)
    }
}
