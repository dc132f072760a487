//! Every field of the model as a flat path (`quadro1.M12.utenti`), with the
//! kind of value it holds: the columns of a multi-Comune workbook, one per
//! path, and the pointers (`/quadro1/M12/utenti`) that name a field in
//! messages and in the workbook's list of filled-in derived values.
//!
//! The paths of an edition come from its description ([`crate::form`]): the
//! Comune's data, then every column of every row in the form's order, the
//! Quadro 4 answers and the free-text report. A row of a newer edition
//! (`quadro1.R02Z`) is a path like any other; values go through
//! [`Scheda::valore`] and [`Scheda::set_valore`]. The paths are those of the
//! JSON model (`quadro4.relazione`, `quadro4.risposte.R16`).

use std::str::FromStr;

use rust_decimal::Decimal;

use super::{DataOra, Edizione, FieldError, Scheda, Valore};
use crate::form::{CampoEnte, Colonna, Edition, INTESTAZIONE, Riga, Tipo, VoceKind};

/// The path of the JSON `schema_version`: not a field of the form, so no
/// column of a workbook (a reader accepts it all the same).
pub const SCHEMA_VERSION: &str = "schema_version";

/// What a path holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A string (names, free text, the edition).
    Text,
    /// A non-negative whole number (users, hours, inhabitants, the year).
    Integer,
    /// An exact decimal (amounts, staff counts, percentages, means).
    Decimal,
    /// A yes/no answer (`SI`/`NO` in a sheet).
    Bool,
    /// A date and time (`ente.data`): ISO in the model, `dd/mm/yyyy hh:mm`
    /// or a date cell in a sheet.
    DateTime,
}

impl Kind {
    /// The kind of the values of a description's column kind.
    pub fn of(tipo: Tipo) -> Kind {
        match tipo {
            Tipo::Utenti | Tipo::Ore | Tipo::Abitanti | Tipo::Rapporto | Tipo::RapportoAts => {
                Kind::Integer
            }
            Tipo::Media | Tipo::Personale | Tipo::Percentuale | Tipo::Euro => Kind::Decimal,
            Tipo::Testo | Tipo::Relazione => Kind::Text,
            Tipo::Sino => Kind::Bool,
        }
    }
}

/// The field a path names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Campo {
    /// `schema_version`.
    SchemaVersion,
    /// `edizione`.
    Edizione,
    /// `anno`.
    Anno,
    /// `ente.denominazione`, `ente.provincia`, `ente.codice`, `ente.data`
    /// ([`INTESTAZIONE`]).
    Ente(CampoEnte),
    /// A column of a row (`campo` `None` for a row of one value).
    Riga {
        /// The row's code.
        codice: String,
        /// The column's model field.
        campo: Option<String>,
    },
    /// A Quadro 4 answer, by its question's code.
    Risposta(String),
    /// The free-text report, whatever the edition's code for it.
    Relazione,
}

/// One path: its text, what it holds and the field it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Path {
    /// `quadro1.M12.utenti`.
    pub path: String,
    /// What it holds.
    pub kind: Kind,
    /// The field.
    pub campo: Campo,
}

impl Path {
    fn new(path: String, kind: Kind, campo: Campo) -> Path {
        Path { path, kind, campo }
    }

    /// The JSON pointer of the path (`/quadro1/M12/utenti`).
    pub fn pointer(&self) -> String {
        pointer(&self.path)
    }
}

/// The JSON pointer of `path`: `quadro1.M12.utenti` -> `/quadro1/M12/utenti`.
pub fn pointer(path: &str) -> String {
    if path.is_empty() {
        return String::new();
    }
    path.split('.').map(|seg| format!("/{seg}")).collect()
}

/// The path of a column of a row of quadro `quadro` (`quadro1.R01B`,
/// `quadro1.M12.utenti`).
pub fn riga_path(quadro: u8, codice: &str, campo: Option<&str>) -> String {
    match campo {
        Some(c) => format!("quadro{quadro}.{codice}.{c}"),
        None => format!("quadro{quadro}.{codice}"),
    }
}

/// The field of column `c` of row `r` of quadro `quadro` of edition `ed`:
/// the free-text report and the Quadro 4 answers where the model keeps
/// them, any other row by its code.
pub fn of_column(ed: &Edition, quadro: u8, r: &Riga, c: &Colonna) -> Path {
    if r.codice == ed.regole.relazione {
        return Path::new("quadro4.relazione".into(), Kind::Text, Campo::Relazione);
    }
    if ed.domande().any(|(q, _)| q == r.codice) {
        return Path::new(
            format!("quadro4.risposte.{}", r.codice),
            Kind::Bool,
            Campo::Risposta(r.codice.clone()),
        );
    }
    Path::new(
        riga_path(quadro, &r.codice, c.campo.as_deref()),
        Kind::of(c.tipo),
        Campo::Riga {
            codice: r.codice.clone(),
            campo: c.campo.clone(),
        },
    )
}

/// Every field of edition `ed`, in the model's order.
pub fn of(ed: &Edition) -> Vec<Path> {
    let mut out = vec![
        Path::new("edizione".into(), Kind::Text, Campo::Edizione),
        Path::new("anno".into(), Kind::Integer, Campo::Anno),
    ];
    for i in &INTESTAZIONE {
        let kind = if i.data { Kind::DateTime } else { Kind::Text };
        out.push(Path::new(
            format!("ente.{}", i.nome),
            kind,
            Campo::Ente(i.campo),
        ));
    }
    for q in &ed.quadri {
        for v in &q.voci {
            let riga = match &v.kind {
                VoceKind::Riga(r) => r.clone(),
                VoceKind::Domanda { codice, etichetta } => Riga::domanda(codice, etichetta),
                _ => continue,
            };
            for c in &riga.colonne {
                out.push(of_column(ed, q.numero, &riga, c));
            }
        }
    }
    out
}

/// Insert the paths of `other` missing from `base`, each right after the
/// path that precedes it in `other`: the form's order is kept.
fn merge(base: &mut Vec<Path>, other: Vec<Path>) {
    let mut prev: Option<String> = None;
    for path in other {
        let name = path.path.clone();
        if !base.iter().any(|p| p.path == name) {
            let at = match &prev {
                Some(prev) => base
                    .iter()
                    .position(|p| &p.path == prev)
                    .map_or(base.len(), |k| k + 1),
                None => 0,
            };
            base.insert(at, path);
        }
        prev = Some(name);
    }
}

/// The columns of a multi-Comune workbook for `schede`: every field of the
/// editions present (of every one of `editions` when there are none), in
/// the form's order (that of `editions`, oldest first).
pub fn columns(schede: &[Scheda], editions: &[Edizione]) -> Vec<Path> {
    let mut cols = Vec::new();
    for &ed in editions {
        if schede.is_empty() || schede.iter().any(|s| s.edizione == ed) {
            merge(&mut cols, of(ed.description()));
        }
    }
    cols
}

/// Every path of every one of `editions`, and `schema_version`.
pub fn known(editions: &[Edizione]) -> Vec<Path> {
    let mut all = vec![Path::new(
        SCHEMA_VERSION.into(),
        Kind::Integer,
        Campo::SchemaVersion,
    )];
    for ed in editions {
        merge(&mut all, of(ed.description()));
    }
    all
}

/// The kind of `path` (any case), if one of `editions` has it.
pub fn kind_of(path: &str, editions: &[Edizione]) -> Option<Kind> {
    find(path, editions).map(|p| p.kind)
}

/// The field `path` names (any case), if one of `editions` has it.
pub fn find(path: &str, editions: &[Edizione]) -> Option<Path> {
    let all = known(editions);
    let exact = all.iter().position(|p| p.path == path);
    let index = exact.or_else(|| all.iter().position(|p| p.path.eq_ignore_ascii_case(path)))?;
    Some(all[index].clone())
}

/// The value of field `campo` of `s`. Dates are ISO text (`2026-03-20T10:30`).
pub fn get(s: &Scheda, campo: &Campo) -> Option<Valore> {
    match campo {
        Campo::SchemaVersion => Some(Valore::Intero(u64::from(s.schema_version))),
        Campo::Edizione => Some(Valore::Testo(s.edizione.code().into())),
        Campo::Anno => Some(Valore::Decimale(Decimal::from(s.anno))),
        Campo::Ente(field) => {
            let e = &s.ente;
            match field {
                CampoEnte::Denominazione => e.denominazione.clone().map(Valore::Testo),
                CampoEnte::Provincia => e.provincia.clone().map(Valore::Testo),
                CampoEnte::Codice => e.codice.clone().map(Valore::Testo),
                CampoEnte::Data => e.data.map(|d| Valore::Testo(d.to_string())),
            }
        }
        Campo::Riga { codice, campo } => s.valore(codice, campo.as_deref()),
        Campo::Risposta(d) => s.risposta(d).map(Valore::SiNo),
        Campo::Relazione => s.relazione().map(|t| Valore::Testo(t.to_string())),
    }
}

/// Store `valore` in field `campo` of `s` (`None` blanks it). The edition is
/// not set here: make the form with [`Scheda::empty`] of its edition.
pub fn set(s: &mut Scheda, campo: &Campo, valore: Option<Valore>) -> Result<(), FieldError> {
    let text = |v: Option<Valore>| match v {
        None => Ok(None),
        Some(Valore::Testo(t)) => Ok(Some(t)),
        Some(_) => Err(FieldError::WrongKind("a text")),
    };
    let whole = |v: &Option<Valore>| -> Result<Option<Decimal>, FieldError> {
        match v.as_ref().map(Valore::decimal) {
            None => Ok(None),
            Some(Some(d)) if d.fract().is_zero() => Ok(Some(d)),
            Some(_) => Err(FieldError::WrongKind("a whole number")),
        }
    };
    match campo {
        Campo::SchemaVersion => {
            if let Some(d) = whole(&valore)? {
                s.schema_version = u32::try_from(d).unwrap_or(u32::MAX);
            }
        }
        Campo::Edizione => {}
        Campo::Anno => {
            if let Some(d) = whole(&valore)? {
                s.anno = i32::try_from(d).unwrap_or(i32::MAX);
            }
        }
        Campo::Ente(field) => {
            let v = text(valore)?;
            let e = &mut s.ente;
            match field {
                CampoEnte::Denominazione => e.denominazione = v,
                CampoEnte::Provincia => e.provincia = v,
                CampoEnte::Codice => e.codice = v,
                CampoEnte::Data => {
                    e.data = v
                        .map(|t| DataOra::from_str(&t))
                        .transpose()
                        .map_err(|_| FieldError::WrongKind("a date and time"))?;
                }
            }
        }
        Campo::Riga { codice, campo } => return s.set_valore(codice, campo.as_deref(), valore),
        Campo::Risposta(d) => match valore {
            None => s.set_risposta(d, None),
            Some(Valore::SiNo(b)) => s.set_risposta(d, Some(b)),
            Some(_) => return Err(FieldError::WrongKind("SI or NO")),
        },
        Campo::Relazione => {
            return s.set_valore(s.edizione.relazione_code(), None, valore);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(paths: &[Path]) -> Vec<&str> {
        paths.iter().map(|p| p.path.as_str()).collect()
    }

    #[test]
    fn columns_follow_the_descriptions() {
        let editions = crate::templates::Templates::builtin();
        let editions = editions.editions();
        let soc25 = columns(&[Scheda::empty(Edizione::builtin("SOC25"))], editions);
        let n25 = names(&soc25);
        assert_eq!(n25[..3], ["edizione", "anno", "ente.denominazione"]);
        assert!(n25.contains(&"quadro4.risposte.R16"));
        assert!(!n25.iter().any(|p| p.contains("R02X")));
        let both = columns(
            &[
                Scheda::empty(Edizione::builtin("SOC25")),
                Scheda::empty(Edizione::builtin("SOC26")),
            ],
            editions,
        );
        let nb = names(&both);
        let at = |p: &str| nb.iter().position(|c| *c == p).unwrap();
        assert!(at("quadro1.R02.anno") < at("quadro1.R02X"));
        assert!(at("quadro1.R02A") < at("quadro1.R03"));
        assert!(at("quadro4.risposte.R39") < at("quadro4.relazione"));
        assert_eq!(both.len(), soc25.len() + 3);
    }

    #[test]
    fn kinds_come_from_the_column_kinds() {
        let k = known(crate::templates::Templates::builtin().editions());
        let kind = |p: &str| k.iter().find(|x| x.path == p).unwrap().kind;
        assert_eq!(kind("quadro1.M12.utenti"), Kind::Integer);
        assert_eq!(kind("quadro1.M12.media_ore"), Kind::Decimal);
        assert_eq!(kind("quadro2.R06"), Kind::Decimal);
        assert_eq!(kind("quadro1.R0C"), Kind::Text);
        assert_eq!(kind("quadro1.R0E"), Kind::Integer);
        assert_eq!(kind("ente.data"), Kind::DateTime);
        assert_eq!(kind("edizione"), Kind::Text);
        assert_eq!(kind("anno"), Kind::Integer);
        assert_eq!(kind("quadro4.risposte.R20"), Kind::Bool);
        assert_eq!(kind("quadro4.relazione"), Kind::Text);
        assert_eq!(kind("schema_version"), Kind::Integer);
    }

    #[test]
    fn values_go_through_the_field_registry() {
        let mut s = Scheda::empty(Edizione::builtin("SOC26"));
        let all = of(Edizione::builtin("SOC26").description());
        let find = |p: &str| all.iter().find(|x| x.path == p).unwrap().campo.clone();
        set(&mut s, &find("quadro1.M12.utenti"), Some(Valore::Intero(3))).unwrap();
        assert_eq!(s.intero("M12", Some("utenti")), Some(3));
        set(
            &mut s,
            &find("quadro4.relazione"),
            Some(Valore::Testo("r".into())),
        )
        .unwrap();
        assert_eq!(s.relazione(), Some("r"));
        set(
            &mut s,
            &find("ente.data"),
            Some(Valore::Testo("2026-03-20T10:30".into())),
        )
        .unwrap();
        assert_eq!(
            get(&s, &find("ente.data")),
            Some(Valore::Testo("2026-03-20T10:30".into()))
        );
        assert_eq!(pointer("quadro1.M12.utenti"), "/quadro1/M12/utenti");
    }
}
