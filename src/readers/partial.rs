//! Lenient reads: a form as far as it reads ([`super::read_partial`]).
//!
//! An error is *local* when it concerns some fields of the form and the
//! rest of the form reads without them: a row not found, a row with a wrong
//! count of values, a value that is not a number, a value the model's
//! constraints refuse. A lenient read leaves those fields blank, records
//! the error with their JSON pointers ([`Blanked`]) and goes on. Any other
//! error (not a form, an edition that cannot be told, bytes that cannot be
//! read, a limit) fails the read as a strict read does.
//!
//! The readers do not keep two copies of their code: each reads with a
//! [`Mode`], and the strict mode fails where the lenient one records the
//! errors local to fields and goes on, with the very failure it always had.

use crate::diagnostic::{Diagnostic, Error, Location, Result, Warned};
use crate::form::{Riga, VoceKind};
use crate::model::paths::{self, Campo, Path};
use crate::model::{Edizione, Scheda};

/// An error local to some fields of a form: a lenient read left them blank.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Blanked {
    /// The error, located where the input has it (a line, a cell, a
    /// pointer into the JSON).
    pub diagnostic: Diagnostic,
    /// The fields left blank because of it, as JSON pointers into the model
    /// (`/quadro1/M15/utenti_2019`), those that name them in the model's
    /// own checks ([`Scheda::validate`]).
    pub pointers: Vec<String>,
}

/// One form as far as it reads: every field that read holds its value, the
/// fields of each error in `errors` are blank. A form that read whole has
/// no errors.
#[derive(Debug, Clone)]
pub struct Partial {
    /// The form.
    pub scheda: Scheda,
    /// The errors local to fields, in the order a strict read reports them.
    pub errors: Vec<Blanked>,
}

impl Partial {
    /// A form that read whole.
    pub fn whole(scheda: Scheda) -> Partial {
        Partial {
            scheda,
            errors: Vec::new(),
        }
    }

    /// Whether every field read.
    pub fn is_whole(&self) -> bool {
        self.errors.is_empty()
    }

    /// The fields left blank, each once, in the order of the errors.
    pub fn blank_fields(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for p in self.errors.iter().flat_map(|e| &e.pointers) {
            if !out.contains(&p.as_str()) {
                out.push(p);
            }
        }
        out
    }
}

/// How a reader treats an error local to some fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// The read fails, as it always did ([`super::read_as`]).
    Strict,
    /// The fields are left blank and the read goes on ([`super::read_partial`]).
    Lenient,
}

/// The forms of a strict read: a local error left over (a reader that
/// records one in strict mode) fails it, with every such error.
pub(crate) fn whole(read: Warned<Vec<Partial>>) -> Result<Warned<Vec<Scheda>>> {
    let errors: Vec<Diagnostic> = read
        .value
        .iter()
        .flat_map(|p| p.errors.iter().map(|b| b.diagnostic.clone()))
        .collect();
    if !errors.is_empty() {
        return Err(Error::many(errors).with_warnings(read.warnings));
    }
    Ok(Warned {
        value: read.value.into_iter().map(|p| p.scheda).collect(),
        warnings: read.warnings,
    })
}

/// [`whole`] of a read of one form.
pub(crate) fn whole_one(read: Warned<Partial>) -> Result<Warned<Scheda>> {
    let Warned { value, warnings } = read;
    if !value.is_whole() {
        let errors = value.errors.into_iter().map(|b| b.diagnostic).collect();
        return Err(Error::many(errors).with_warnings(warnings));
    }
    Ok(Warned {
        value: value.scheda,
        warnings,
    })
}

/// The field of `s`'s edition at `pointer` that a lenient read may leave
/// blank: a column of a row, an answer, the report, the Comune's data (not
/// the edition, the year or the version: without them there is no form).
pub(crate) fn field(s: &Scheda, pointer: &str) -> Option<Path> {
    let path = paths::of(s.edizione.description())
        .into_iter()
        .find(|p| p.pointer() == pointer)?;
    match path.campo {
        Campo::Riga { .. } | Campo::Risposta(_) | Campo::Relazione | Campo::Ente(_) => Some(path),
        Campo::SchemaVersion | Campo::Edizione | Campo::Anno => None,
    }
}

/// Blank the fields of `s` at `pointers` (those [`field`] names).
pub(crate) fn blank(s: &mut Scheda, pointers: &[String]) {
    for pointer in pointers {
        if let Some(path) = field(s, pointer) {
            // Blanking a field of the form's own edition cannot fail.
            let _ = paths::set(s, &path.campo, None);
        }
    }
}

/// The pointers of every field of row (or question) `code` of `ed`, in the
/// form's order.
pub(crate) fn row_pointers(ed: Edizione, code: &str) -> Vec<String> {
    let d = ed.description();
    let mut out = Vec::new();
    for q in &d.quadri {
        for v in &q.voci {
            let riga = match &v.kind {
                VoceKind::Riga(r) if r.codice == code => r.clone(),
                VoceKind::Domanda { codice, etichetta } if codice == code => {
                    Riga::domanda(codice, etichetta)
                }
                _ => continue,
            };
            for c in &riga.colonne {
                out.push(paths::of_column(d, q.numero, &riga, c).pointer());
            }
        }
    }
    out
}

/// The model's constraints on a form read leniently ([`Scheda::validate`]):
/// the warnings, with every error at a field that may be left blank
/// ([`field`]) recorded in `read` and its field blanked. Strict, or with an
/// error at no such field, the failure [`Scheda::constraints`] makes; `at`
/// locates an error in the input (a cell for a pointer), when it can.
pub(crate) fn constrain(
    read: &mut Partial,
    mode: Mode,
    at: impl Fn(&str) -> Option<Location>,
) -> Result<Vec<Diagnostic>> {
    let (errors, warnings): (Vec<_>, Vec<_>) = read
        .scheda
        .validate()
        .into_iter()
        .partition(Diagnostic::is_error);
    let local = |d: &Diagnostic| match &d.location {
        Some(Location::Pointer { pointer }) => {
            field(&read.scheda, pointer).map(|_| pointer.clone())
        }
        _ => None,
    };
    let pointers: Vec<Option<String>> = errors.iter().map(local).collect();
    if errors.is_empty() {
        return Ok(warnings);
    }
    if mode == Mode::Strict || pointers.iter().any(Option::is_none) {
        return Err(Error::many(errors).with_warnings(warnings));
    }
    for (mut d, pointer) in errors.into_iter().zip(pointers.into_iter().flatten()) {
        if let Some(place) = at(&pointer) {
            d.location = Some(place);
        }
        let pointers = vec![pointer];
        blank(&mut read.scheda, &pointers);
        read.errors.push(Blanked {
            diagnostic: d,
            pointers,
        });
    }
    Ok(warnings)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn a_row_has_the_pointers_of_its_columns() {
        assert_eq!(
            row_pointers(Edizione::builtin("SOC26"), "M15"),
            [
                "/quadro1/M15/utenti_2019",
                "/quadro1/M15/utenti",
                "/quadro1/M15/ore",
                "/quadro1/M15/media_ore"
            ]
        );
        assert_eq!(
            row_pointers(Edizione::builtin("SOC25"), "R16"),
            ["/quadro4/risposte/R16"]
        );
        assert_eq!(
            row_pointers(Edizione::builtin("SOC26"), "R16"),
            ["/quadro4/relazione"]
        );
        assert!(row_pointers(Edizione::builtin("SOC25"), "R02X").is_empty());
    }

    #[test]
    fn constraints_blank_the_fields_they_refuse() {
        let mut s = Scheda::empty(Edizione::builtin("SOC26"));
        let minus_5 = crate::model::Valore::Decimale(rust_decimal::Decimal::new(-500, 2));
        s.set_valore("R06", None, Some(minus_5)).unwrap();
        let mut read = Partial::whole(s.clone());
        assert!(constrain(&mut read, Mode::Strict, |_| None).is_err());
        assert!(read.is_whole());
        constrain(&mut read, Mode::Lenient, |_| None).unwrap();
        assert_eq!(read.scheda.valore("R06", None), None);
        assert_eq!(read.blank_fields(), ["/quadro2/R06"]);
        assert!(read.errors[0].diagnostic.message.contains("negative"));
        // The year is no field to blank: the form fails.
        s.anno = 1999;
        let mut read = Partial::whole(s);
        assert!(constrain(&mut read, Mode::Lenient, |_| None).is_err());
    }
}
