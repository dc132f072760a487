//! Every value of a form by row code and column (`M12`, `utenti_2019`), as
//! the edition's description declares them: the one road by which readers,
//! writers and rules read and fill the model ([`Scheda::valore`],
//! [`Scheda::set_valore`]).
//!
//! A row of the form's own edition takes the kind of its column; a row only
//! another known edition has (R02X in a SOC25 form) is kept too, with that
//! edition's column, so that the model's checks can say where it belongs
//! ([`Scheda::validate`]). A Quadro 4 question is an answer
//! ([`Scheda::risposta`]).

use super::{Edizione, FieldError, Scheda, Valore};
use crate::form::{Colonna, Edition, Riga};

/// The key of a column within its row: its `campo`, `""` for a row of one
/// value.
fn key(campo: Option<&str>) -> &str {
    campo.unwrap_or("")
}

/// The column `campo` (`None` for a row of one value) of row `r`.
fn column<'a>(r: &'a Riga, campo: Option<&str>) -> Option<&'a Colonna> {
    let campo = campo.filter(|c| !c.is_empty());
    r.colonne.iter().find(|c| c.campo.as_deref() == campo)
}

/// Row `codice` with its quadro: of `ed` if it has it, else of the first
/// edition known with it that does.
pub(crate) fn riga(ed: Edizione, codice: &str) -> Option<(u8, &'static Riga)> {
    let find = |d: &'static Edition| d.righe().find(|(_, r)| r.codice == codice);
    find(ed.description()).or_else(|| ed.known_with().find_map(|e| find(e.description())))
}

/// Whether `codice` is a Quadro 4 question of `ed` or of an edition known
/// with it.
pub(crate) fn is_question(ed: Edizione, codice: &str) -> bool {
    ed.known_with()
        .any(|e| e.description().domande().any(|(c, _)| c == codice))
}

impl Scheda {
    /// Whether `codice` is a question of this form's edition.
    fn own_question(&self, codice: &str) -> bool {
        self.edizione
            .description()
            .domande()
            .any(|(c, _)| c == codice)
    }

    /// The value of row `codice`, column `campo` (`None` for a row of one
    /// value): a row of the form, the free-text report (a row too), or an
    /// answer to a question of the edition.
    pub fn valore(&self, codice: &str, campo: Option<&str>) -> Option<Valore> {
        if let Some(v) = self.righe.get(codice).and_then(|r| r.get(key(campo))) {
            return Some(v.clone());
        }
        // A row and a question of one edition never share a code.
        let answer = self.risposta(codice)?;
        (campo.is_none() && self.own_question(codice)).then_some(Valore::SiNo(answer))
    }

    /// Store `valore` in row `codice`, column `campo` (`None` blanks it),
    /// as the column's kind holds it. The row is one of the edition, or of
    /// another known edition (the model's checks refuse it where it is
    /// filled in); a question of either is an answer.
    pub fn set_valore(
        &mut self,
        codice: &str,
        campo: Option<&str>,
        valore: Option<Valore>,
    ) -> Result<(), FieldError> {
        let row = riga(self.edizione, codice);
        let answer = campo.is_none()
            && (self.own_question(codice) || (row.is_none() && is_question(self.edizione, codice)));
        if answer {
            let answer = match valore {
                None => None,
                Some(Valore::SiNo(b)) => Some(b),
                Some(_) => return Err(FieldError::WrongKind("SI or NO")),
            };
            self.set_risposta(codice, answer);
            return Ok(());
        }
        let (_, r) = row.ok_or(FieldError::NoSuchField)?;
        let col = column(r, campo).ok_or(FieldError::NoSuchField)?;
        let campo = key(col.campo.as_deref()).to_string();
        match valore {
            Some(v) => {
                let v = Valore::of_kind(col.tipo, v)?;
                self.righe
                    .entry(codice.to_string())
                    .or_default()
                    .insert(campo, v);
            }
            None => {
                if let Some(row) = self.righe.get_mut(codice) {
                    row.remove(&campo);
                    if row.is_empty() {
                        self.righe.remove(codice);
                    }
                }
            }
        }
        Ok(())
    }

    /// The answer to question `codice` (`true` for SI), if given.
    pub fn risposta(&self, codice: &str) -> Option<bool> {
        self.risposte.get(codice).copied()
    }

    /// Answer question `codice` (`None` takes the answer back). A question
    /// the edition does not have is kept, for the model's checks to refuse.
    pub fn set_risposta(&mut self, codice: &str, risposta: Option<bool>) {
        match risposta {
            Some(b) => {
                self.risposte.insert(codice.to_string(), b);
            }
            None => {
                self.risposte.remove(codice);
            }
        }
    }

    /// The answers given, by question code, in the codes' order.
    pub fn risposte(&self) -> impl Iterator<Item = (&str, bool)> {
        self.risposte.iter().map(|(c, b)| (c.as_str(), *b))
    }

    /// The free-text report (the edition's `relazione` row).
    pub fn relazione(&self) -> Option<&str> {
        self.righe
            .get(self.edizione.relazione_code())?
            .get("")?
            .text()
    }

    /// The value of row `codice`, column `campo`, as a decimal.
    pub fn decimale(&self, codice: &str, campo: Option<&str>) -> Option<rust_decimal::Decimal> {
        self.valore(codice, campo)?.decimal()
    }

    /// The value of row `codice`, column `campo`, as a whole number.
    pub fn intero(&self, codice: &str, campo: Option<&str>) -> Option<u64> {
        self.valore(codice, campo)?.whole()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use rust_decimal::Decimal;

    use super::*;

    #[test]
    fn reads_and_writes_every_kind_of_field() {
        let mut s = Scheda::empty(Edizione::builtin("SOC25"));
        s.set_valore("M12", Some("utenti"), Some(Valore::Intero(13)))
            .unwrap();
        assert_eq!(s.valore("M12", Some("utenti")), Some(Valore::Intero(13)));
        // A whole decimal in a count is a count; a count in an amount a decimal.
        s.set_valore("M12", Some("ore"), Some(Valore::Decimale(Decimal::from(5))))
            .unwrap();
        assert_eq!(s.valore("M12", Some("ore")), Some(Valore::Intero(5)));
        s.set_valore("R06", None, Some(Valore::Intero(5))).unwrap();
        assert_eq!(
            s.valore("R06", None),
            Some(Valore::Decimale(Decimal::from(5)))
        );
        assert_eq!(
            s.set_valore("M30", Some("ore"), Some(Valore::Intero(1))),
            Err(FieldError::NoSuchField)
        );
        assert_eq!(
            s.set_valore("R0C", None, Some(Valore::Intero(1))),
            Err(FieldError::WrongKind("a text"))
        );
        assert_eq!(
            s.set_valore("R99", None, Some(Valore::Intero(1))),
            Err(FieldError::NoSuchField)
        );
        s.set_valore("R40", None, Some(Valore::Testo("x".into())))
            .unwrap();
        assert_eq!(s.relazione(), Some("x"));
        s.set_valore("R16", None, Some(Valore::SiNo(true))).unwrap();
        assert_eq!(s.valore("R16", None), Some(Valore::SiNo(true)));
        assert_eq!(s.risposta("R16"), Some(true));
        // A row of another edition is kept, for the checks to refuse.
        s.set_valore("R02X", None, Some(Valore::Intero(2))).unwrap();
        assert_eq!(s.decimale("R02X", None), Some(Decimal::from(2)));
        s.set_valore("R02X", None, None).unwrap();
        s.set_valore("M12", Some("utenti"), None).unwrap();
        s.set_valore("M12", Some("ore"), None).unwrap();
        assert_eq!(s.righe.len(), 2, "R06 and R40 are left");

        let mut s26 = Scheda::empty(Edizione::builtin("SOC26"));
        s26.set_valore("R16", None, Some(Valore::Testo("r".into())))
            .unwrap();
        assert_eq!(s26.relazione(), Some("r"));
        assert_eq!(s26.risposta("R16"), None);
        // SOC25's question R20 is an answer SOC26 does not have.
        s26.set_valore("R20", None, Some(Valore::SiNo(false)))
            .unwrap();
        assert_eq!(s26.risposta("R20"), Some(false));
    }
}
