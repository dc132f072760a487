//! The derived values of the form (FORM.md, "Computation rules" 1-4, 7, 9).
//!
//! Each rule needs its inputs: a derived value whose inputs are blank is
//! `None` (the form would print it empty), never a guessed zero.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::form::{R09NonDovuto, Tipo};
use crate::model::{RigaUtenti, Scheda, Valore};
use crate::number::round_half_up;

/// The values the rules compute from a model's inputs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Derived {
    /// Rule 1: R0B, per column, the sum of the user rows (the 20 M rows and
    /// R0A in SOC25 and SOC26).
    pub r0b: RigaUtenti,
    /// Rule 2: mean hours per hour row (`M12` -> 65.00), where ore and utenti are given.
    pub media_ore: BTreeMap<&'static str, Decimal>,
    /// Rule 3: R01B = R03 / (R01 Y + R01A), half-up to an integer; 0 without staff.
    pub r01b: Option<u64>,
    /// Rule 4: R04 = R0B Y / R03 x 100, half-up to two decimals.
    pub r04: Option<Decimal>,
    /// Rule 7: R09, the additional resources to report on.
    pub r09: Option<Decimal>,
    /// Rule 9: R15 = R10 + R11 + R12 + R13 + R14 (spesa aggiuntiva).
    pub r15: Option<Decimal>,
}

/// Compute every derived value of `s` from its inputs.
pub fn derive(s: &Scheda) -> Derived {
    let q1 = &s.quadro1;
    let mut d = Derived::default();

    // Rule 1: the user rows of Quadro 1 are those of the edition with user
    // columns that the rules do not compute (R0B is the one they compute). A
    // column is summed only when every row of it is given.
    let description = s.edizione.description();
    let users: Vec<&'static str> = description
        .righe()
        .filter(|(q, r)| *q == 1 && !r.derivata && r.colonne.iter().any(|c| c.tipo == Tipo::Utenti))
        .map(|(_, r)| r.codice.as_str())
        .collect();
    let column = |campo: &str| -> Option<u64> {
        users
            .iter()
            .map(|code| whole(s.valore(code, Some(campo))))
            .try_fold(0u64, |acc, v| v.map(|v| acc.saturating_add(v)))
    };
    d.r0b = RigaUtenti {
        utenti_2019: column("utenti_2019"),
        utenti: column("utenti"),
    };

    // Rule 2: 0,00 when there are no users in Y; for every row with a mean.
    for (code, _) in rows_with_mean(s) {
        if let (Some(ore), Some(utenti)) = (
            whole(s.valore(code, Some("ore"))),
            whole(s.valore(code, Some("utenti"))),
        ) {
            d.media_ore.insert(code, media_ore(ore, utenti));
        }
    }

    // Rule 3. Half-up rounding is our choice: the seeds cannot tell it from
    // flooring (21297 / 16 = 1331.06 either way).
    if let Some(r03) = q1.R03 {
        let staff = q1.R01.anno.unwrap_or_default() + q1.R01A.unwrap_or_default();
        if q1.R01.anno.is_some() || q1.R01A.is_some() {
            d.r01b = Some(if staff.is_zero() {
                0
            } else {
                let ratio = round_half_up(Decimal::from(r03) / staff, 0);
                u64::try_from(ratio).unwrap_or(u64::MAX)
            });
        }
    }

    // Rule 4.
    if let (Some(users), Some(r03)) = (d.r0b.utenti.or(q1.R0B.utenti), q1.R03)
        && r03 > 0
    {
        let pct = Decimal::from(users) * Decimal::ONE_HUNDRED / Decimal::from(r03);
        d.r04 = Some(round_half_up(pct, 2));
    }

    // Rule 7.
    d.r09 = r09(s);

    // Rule 9.
    let q3 = &s.quadro3;
    let parts = [q3.R10.spesa, q3.R11.spesa, q3.R12.spesa, q3.R13, q3.R14];
    if parts.iter().any(Option::is_some) {
        d.r15 = Some(parts.iter().flatten().copied().sum());
    }
    d
}

/// The rows of the edition that print a mean of hours (rule 2), with their
/// quadro: code and the row.
pub(crate) fn rows_with_mean(s: &Scheda) -> Vec<(&'static str, &'static crate::form::Riga)> {
    s.edizione
        .description()
        .righe()
        .filter(|(_, r)| r.colonne.iter().any(|c| c.tipo == Tipo::Media))
        .map(|(_, r)| (r.codice.as_str(), r))
        .collect()
}

fn whole(v: Option<Valore>) -> Option<u64> {
    match v {
        Some(Valore::Intero(n)) => Some(n),
        _ => None,
    }
}

/// Rule 2 for one row: `ore / utenti`, half-up to two decimals; 0,00 when
/// there are no users.
pub fn media_ore(ore: u64, utenti: u64) -> Decimal {
    let mut m = if utenti == 0 {
        Decimal::ZERO
    } else {
        round_half_up(Decimal::from(ore) / Decimal::from(utenti), 2)
    };
    m.rescale(2);
    m
}

/// The larger of the two historical spending columns (R07 2017, R07 2021):
/// the form's `Spesa storica 2017 (o 2021)`.
pub fn spesa_storica(s: &Scheda) -> Option<Decimal> {
    let r07 = &s.quadro2.R07;
    match (r07.anno_2017, r07.anno_2021) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

/// Rule 6: spending below need, `max(R07) < R06`.
pub fn spesa_inferiore(s: &Scheda) -> Option<bool> {
    Some(spesa_storica(s)? < s.quadro2.R06?)
}

/// Rule 7: when spending is below need, `max(0, min(R08, R06 - max(R07)))`;
/// otherwise as the edition's description says (0,00 or blank).
fn r09(s: &Scheda) -> Option<Decimal> {
    let mut value = match spesa_inferiore(s)? {
        true => {
            let gap = s.quadro2.R06? - spesa_storica(s)?;
            let r08 = s.quadro2.R08?;
            r08.min(gap).max(Decimal::ZERO)
        }
        false => match s.edizione.description().regole.r09_non_dovuto {
            R09NonDovuto::Zero => Decimal::ZERO,
            R09NonDovuto::Vuoto => return None,
        },
    };
    value.rescale(2);
    Some(value)
}
