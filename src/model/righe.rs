//! The user rows of Quadro 1 as the form lays them out, and access to them
//! by code.

use rust_decimal::Decimal;

use super::{Quadro1, RigaOre, RigaUtenti};

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
