//! Every field of the form by row code and column (`M12`, `utenti_2019`): the
//! one registry through which readers and writers that walk an edition's
//! description ([`crate::form`]) read and fill the model.
//!
//! The rows every edition so far has are typed fields of the quadri; a row
//! that only a newer edition has (one installed at run time) lives in
//! [`Scheda::altre`], keyed by its code and checked against its description.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::{Domanda, Scheda};

/// One value of a field of the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Valore {
    /// A whole number (users, hours, inhabitants, R01B, R0E).
    Intero(u64),
    /// An exact decimal (amounts, staff, means, percentages).
    Decimale(Decimal),
    /// A text (R0C, R0D, R10/R11 modalità, R12 descrizione, the report).
    Testo(String),
    /// A SI/NO answer (`true` for SI).
    SiNo(bool),
}

impl Valore {
    /// The value as a decimal, where it is a number.
    pub fn decimal(&self) -> Option<Decimal> {
        match self {
            Valore::Intero(n) => Some(Decimal::from(*n)),
            Valore::Decimale(d) => Some(*d),
            Valore::Testo(_) | Valore::SiNo(_) => None,
        }
    }
}

/// The rows of a newer edition that the quadri have no field for: row code,
/// then column (`""` for a row of one value), then value.
pub type Altre = BTreeMap<String, BTreeMap<String, Valore>>;

/// Why a value cannot be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldError {
    /// The row has no such column (`M30` has no `ore`).
    NoSuchField,
    /// The field holds another kind of value.
    WrongKind(&'static str),
}

type Get = fn(&Scheda) -> Option<Valore>;
type Set = fn(&mut Scheda, Option<Valore>) -> Result<(), FieldError>;

fn int(v: Option<Valore>) -> Result<Option<u64>, FieldError> {
    match v {
        None => Ok(None),
        Some(Valore::Intero(n)) => Ok(Some(n)),
        Some(Valore::Decimale(d)) if d.fract().is_zero() && !d.is_sign_negative() => {
            u64::try_from(d)
                .map(Some)
                .map_err(|_| FieldError::WrongKind("a whole number"))
        }
        Some(_) => Err(FieldError::WrongKind("a whole number")),
    }
}

fn dec(v: Option<Valore>) -> Result<Option<Decimal>, FieldError> {
    match v {
        None => Ok(None),
        Some(Valore::Decimale(d)) => Ok(Some(d)),
        Some(Valore::Intero(n)) => Ok(Some(Decimal::from(n))),
        Some(_) => Err(FieldError::WrongKind("a number")),
    }
}

fn text(v: Option<Valore>) -> Result<Option<String>, FieldError> {
    match v {
        None => Ok(None),
        Some(Valore::Testo(t)) => Ok(Some(t)),
        Some(_) => Err(FieldError::WrongKind("a text")),
    }
}

/// Getter and setter of one typed field, by row code and column.
macro_rules! fields {
    ($( $code:literal, $campo:expr, $kind:ident, |$s:ident| $place:expr; )*) => {
        const TYPED: &[(&str, &str, Get, Set)] = &[
            $( (
                $code,
                $campo,
                |$s: &Scheda| $place.clone().map(fields!(@wrap $kind)),
                |$s: &mut Scheda, v: Option<Valore>| {
                    $place = $kind(v)?;
                    Ok(())
                },
            ), )*
        ];
    };
    (@wrap int) => { Valore::Intero };
    (@wrap dec) => { Valore::Decimale };
    (@wrap text) => { Valore::Testo };
}

fields! {
    "M12", "utenti_2019", int, |s| s.quadro1.M12.utenti_2019;
    "M12", "utenti", int, |s| s.quadro1.M12.utenti;
    "M12", "ore", int, |s| s.quadro1.M12.ore;
    "M12", "media_ore", dec, |s| s.quadro1.M12.media_ore;
    "M15", "utenti_2019", int, |s| s.quadro1.M15.utenti_2019;
    "M15", "utenti", int, |s| s.quadro1.M15.utenti;
    "M15", "ore", int, |s| s.quadro1.M15.ore;
    "M15", "media_ore", dec, |s| s.quadro1.M15.media_ore;
    "M18", "utenti_2019", int, |s| s.quadro1.M18.utenti_2019;
    "M18", "utenti", int, |s| s.quadro1.M18.utenti;
    "M18", "ore", int, |s| s.quadro1.M18.ore;
    "M18", "media_ore", dec, |s| s.quadro1.M18.media_ore;
    "M21", "utenti_2019", int, |s| s.quadro1.M21.utenti_2019;
    "M21", "utenti", int, |s| s.quadro1.M21.utenti;
    "M21", "ore", int, |s| s.quadro1.M21.ore;
    "M21", "media_ore", dec, |s| s.quadro1.M21.media_ore;
    "M24", "utenti_2019", int, |s| s.quadro1.M24.utenti_2019;
    "M24", "utenti", int, |s| s.quadro1.M24.utenti;
    "M24", "ore", int, |s| s.quadro1.M24.ore;
    "M24", "media_ore", dec, |s| s.quadro1.M24.media_ore;
    "M27", "utenti_2019", int, |s| s.quadro1.M27.utenti_2019;
    "M27", "utenti", int, |s| s.quadro1.M27.utenti;
    "M27", "ore", int, |s| s.quadro1.M27.ore;
    "M27", "media_ore", dec, |s| s.quadro1.M27.media_ore;
    "M30", "utenti_2019", int, |s| s.quadro1.M30.utenti_2019;
    "M30", "utenti", int, |s| s.quadro1.M30.utenti;
    "M35", "utenti_2019", int, |s| s.quadro1.M35.utenti_2019;
    "M35", "utenti", int, |s| s.quadro1.M35.utenti;
    "M36", "utenti_2019", int, |s| s.quadro1.M36.utenti_2019;
    "M36", "utenti", int, |s| s.quadro1.M36.utenti;
    "M37", "utenti_2019", int, |s| s.quadro1.M37.utenti_2019;
    "M37", "utenti", int, |s| s.quadro1.M37.utenti;
    "M38", "utenti_2019", int, |s| s.quadro1.M38.utenti_2019;
    "M38", "utenti", int, |s| s.quadro1.M38.utenti;
    "M39", "utenti_2019", int, |s| s.quadro1.M39.utenti_2019;
    "M39", "utenti", int, |s| s.quadro1.M39.utenti;
    "M40", "utenti_2019", int, |s| s.quadro1.M40.utenti_2019;
    "M40", "utenti", int, |s| s.quadro1.M40.utenti;
    "M41", "utenti_2019", int, |s| s.quadro1.M41.utenti_2019;
    "M41", "utenti", int, |s| s.quadro1.M41.utenti;
    "M44", "utenti_2019", int, |s| s.quadro1.M44.utenti_2019;
    "M44", "utenti", int, |s| s.quadro1.M44.utenti;
    "M44", "ore", int, |s| s.quadro1.M44.ore;
    "M44", "media_ore", dec, |s| s.quadro1.M44.media_ore;
    "M47", "utenti_2019", int, |s| s.quadro1.M47.utenti_2019;
    "M47", "utenti", int, |s| s.quadro1.M47.utenti;
    "M47", "ore", int, |s| s.quadro1.M47.ore;
    "M47", "media_ore", dec, |s| s.quadro1.M47.media_ore;
    "M50", "utenti_2019", int, |s| s.quadro1.M50.utenti_2019;
    "M50", "utenti", int, |s| s.quadro1.M50.utenti;
    "M50", "ore", int, |s| s.quadro1.M50.ore;
    "M50", "media_ore", dec, |s| s.quadro1.M50.media_ore;
    "M53", "utenti_2019", int, |s| s.quadro1.M53.utenti_2019;
    "M53", "utenti", int, |s| s.quadro1.M53.utenti;
    "M53", "ore", int, |s| s.quadro1.M53.ore;
    "M53", "media_ore", dec, |s| s.quadro1.M53.media_ore;
    "M56", "utenti_2019", int, |s| s.quadro1.M56.utenti_2019;
    "M56", "utenti", int, |s| s.quadro1.M56.utenti;
    "M56", "ore", int, |s| s.quadro1.M56.ore;
    "M56", "media_ore", dec, |s| s.quadro1.M56.media_ore;
    "M59", "utenti_2019", int, |s| s.quadro1.M59.utenti_2019;
    "M59", "utenti", int, |s| s.quadro1.M59.utenti;
    "M59", "ore", int, |s| s.quadro1.M59.ore;
    "M59", "media_ore", dec, |s| s.quadro1.M59.media_ore;
    "R0A", "utenti_2019", int, |s| s.quadro1.R0A.utenti_2019;
    "R0A", "utenti", int, |s| s.quadro1.R0A.utenti;
    "R0B", "utenti_2019", int, |s| s.quadro1.R0B.utenti_2019;
    "R0B", "utenti", int, |s| s.quadro1.R0B.utenti;
    "R0C", "", text, |s| s.quadro1.R0C;
    "R0D", "", text, |s| s.quadro1.R0D;
    "R0E", "", int, |s| s.quadro1.R0E;
    "R01", "anno_2020", dec, |s| s.quadro1.R01.anno_2020;
    "R01", "anno", dec, |s| s.quadro1.R01.anno;
    "R01A", "", dec, |s| s.quadro1.R01A;
    "R01B", "", int, |s| s.quadro1.R01B;
    "R02", "anno_2020", dec, |s| s.quadro1.R02.anno_2020;
    "R02", "anno", dec, |s| s.quadro1.R02.anno;
    "R02X", "", dec, |s| s.quadro1.R02X;
    "R02Y", "", dec, |s| s.quadro1.R02Y;
    "R02A", "", dec, |s| s.quadro1.R02A;
    "R03", "", int, |s| s.quadro1.R03;
    "R04", "", dec, |s| s.quadro1.R04;
    "R05", "", dec, |s| s.quadro1.R05;
    "R06", "", dec, |s| s.quadro2.R06;
    "R07", "anno_2017", dec, |s| s.quadro2.R07.anno_2017;
    "R07", "anno_2021", dec, |s| s.quadro2.R07.anno_2021;
    "R08", "", dec, |s| s.quadro2.R08;
    "R09", "", dec, |s| s.quadro3.R09;
    "R10", "numero", dec, |s| s.quadro3.R10.numero;
    "R10", "modalita", text, |s| s.quadro3.R10.modalita;
    "R10", "spesa", dec, |s| s.quadro3.R10.spesa;
    "R11", "numero", dec, |s| s.quadro3.R11.numero;
    "R11", "modalita", text, |s| s.quadro3.R11.modalita;
    "R11", "spesa", dec, |s| s.quadro3.R11.spesa;
    "R12", "descrizione", text, |s| s.quadro3.R12.descrizione;
    "R12", "spesa", dec, |s| s.quadro3.R12.spesa;
    "R13", "", dec, |s| s.quadro3.R13;
    "R14", "", dec, |s| s.quadro3.R14;
    "R15", "", dec, |s| s.quadro3.R15;
}

impl Scheda {
    /// The value of row `codice`, column `campo` (`None` for a row of one
    /// value): a typed field, the free-text report (the edition's
    /// `relazione` row), a Quadro 4 answer, or a row of [`Scheda::altre`].
    pub fn valore(&self, codice: &str, campo: Option<&str>) -> Option<Valore> {
        let campo = campo.unwrap_or("");
        if codice == self.edizione.relazione_code() && campo.is_empty() {
            return self.quadro4.relazione.clone().map(Valore::Testo);
        }
        if let Some((_, _, get, _)) = TYPED
            .iter()
            .find(|(c, f, _, _)| *c == codice && *f == campo)
        {
            return get(self);
        }
        if let Some(d) = question(codice) {
            return self.quadro4.risposte.get(&d).copied().map(Valore::SiNo);
        }
        self.altre.get(codice)?.get(campo).cloned()
    }

    /// Store `valore` in row `codice`, column `campo` (`None` to blank it).
    /// A row the quadri have no field for goes to [`Scheda::altre`]: the
    /// caller has checked it against the edition's description.
    pub fn set_valore(
        &mut self,
        codice: &str,
        campo: Option<&str>,
        valore: Option<Valore>,
    ) -> Result<(), FieldError> {
        let campo = campo.unwrap_or("");
        if codice == self.edizione.relazione_code() && campo.is_empty() {
            self.quadro4.relazione = text(valore)?;
            return Ok(());
        }
        if let Some((_, _, _, set)) = TYPED
            .iter()
            .find(|(c, f, _, _)| *c == codice && *f == campo)
        {
            return set(self, valore);
        }
        if TYPED.iter().any(|(c, _, _, _)| *c == codice) {
            return Err(FieldError::NoSuchField);
        }
        if let Some(d) = question(codice) {
            match valore {
                None => {
                    self.quadro4.risposte.remove(&d);
                }
                Some(Valore::SiNo(b)) => {
                    self.quadro4.risposte.insert(d, b);
                }
                Some(_) => return Err(FieldError::WrongKind("SI or NO")),
            }
            return Ok(());
        }
        let row = self.altre.entry(codice.to_string()).or_default();
        match valore {
            Some(v) => {
                row.insert(campo.to_string(), v);
            }
            None => {
                row.remove(campo);
            }
        }
        if row.is_empty() {
            self.altre.remove(codice);
        }
        Ok(())
    }

    /// Whether the quadri have a typed field for row `codice` (the rows of
    /// the built-in editions); other rows live in [`Scheda::altre`].
    pub fn is_typed_row(codice: &str) -> bool {
        TYPED.iter().any(|(c, _, _, _)| *c == codice) || question(codice).is_some()
    }
}

/// The question `R16`..`R39`, if `codice` names one.
fn question(codice: &str) -> Option<Domanda> {
    codice.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Edizione;

    #[test]
    fn reads_and_writes_every_kind_of_field() {
        let mut s = Scheda::empty(Edizione::SOC25);
        s.set_valore("M12", Some("utenti"), Some(Valore::Intero(13)))
            .unwrap();
        assert_eq!(s.quadro1.M12.utenti, Some(13));
        assert_eq!(s.valore("M12", Some("utenti")), Some(Valore::Intero(13)));
        assert_eq!(
            s.set_valore("M30", Some("ore"), Some(Valore::Intero(1))),
            Err(FieldError::NoSuchField)
        );
        assert_eq!(
            s.set_valore("R0C", None, Some(Valore::Intero(1))),
            Err(FieldError::WrongKind("a text"))
        );
        s.set_valore("R40", None, Some(Valore::Testo("x".into())))
            .unwrap();
        assert_eq!(s.quadro4.relazione.as_deref(), Some("x"));
        s.set_valore("R16", None, Some(Valore::SiNo(true))).unwrap();
        assert_eq!(s.valore("R16", None), Some(Valore::SiNo(true)));
        let d = Decimal::new(250, 2);
        s.set_valore("R02Z", None, Some(Valore::Decimale(d)))
            .unwrap();
        assert_eq!(s.valore("R02Z", None), Some(Valore::Decimale(d)));
        assert!(!Scheda::is_typed_row("R02Z"));
        s.set_valore("R02Z", None, None).unwrap();
        assert!(s.altre.is_empty());

        let mut s26 = Scheda::empty(Edizione::SOC26);
        s26.set_valore("R16", None, Some(Valore::Testo("r".into())))
            .unwrap();
        assert_eq!(s26.quadro4.relazione.as_deref(), Some("r"));
    }
}
