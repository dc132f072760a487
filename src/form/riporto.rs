//! What an edition carries over from the edition before it (the
//! description's `[riporto]` table): which of its fields take which field
//! of last year's form, so that next year's form starts from last year's
//! (`scheda template --from`) and two consecutive editions are compared
//! field by field (`scheda diff`).
//!
//! ```toml
//! [riporto]
//! da = "SOC25"
//! campi = [
//!   { campo = "*.utenti_2019" },          # that column of every row that has it
//!   { campo = "R07.anno_2017" },          # one column of one row
//!   { campo = "R0C" },                    # a row of one value
//!   { campo = "ente.codice" },            # the Comune's data
//!   { campo = "R02.anno_2020", da = "R02.anno_2020" },  # another field of the edition before
//! ]
//! ```
//!
//! A field is checked against the edition's own rows at load (it must be an
//! input: a computed value is computed again); the fields of the edition
//! before are looked up when a form of it is read.

use std::fmt;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use super::{CampoEnte, INTESTAZIONE, Quadro, Riga, VoceKind};
use crate::messages::{Message, kind};

/// The `[riporto]` table as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRiporto {
    da: Spanned<String>,
    campi: Vec<Spanned<RawCampo>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCampo {
    campo: String,
    da: Option<String>,
}

/// What an edition takes from the edition before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Riporto {
    /// The code of the edition before (`SOC25`).
    pub da: String,
    /// Each field carried over: this edition's field and the field of the
    /// edition before that it takes, in the description's order (a `*`
    /// entry in the form's order of rows).
    pub campi: Vec<(Campo, Campo)>,
}

/// A field of a form: one of the Comune's data, or a column of a row.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Campo {
    /// A field of the header block (`ente.codice`).
    Ente(CampoEnte),
    /// Row `codice`, column `campo` (`None` for a row of one value).
    Valore {
        /// The row's code (`R07`).
        codice: String,
        /// The column's `campo` (`anno_2017`).
        campo: Option<String>,
    },
}

impl Campo {
    /// A field as the description writes it: `ente.NAME`, `ROW.COLUMN` or
    /// `ROW`; `None` for `ente.` with a name the header block lacks.
    fn parse(text: &str) -> Option<Campo> {
        let text = text.trim();
        match text.split_once('.') {
            Some(("ente", name)) => INTESTAZIONE
                .iter()
                .find(|i| i.nome == name)
                .map(|i| Campo::Ente(i.campo)),
            Some((codice, campo)) => Some(Campo::Valore {
                codice: codice.to_string(),
                campo: Some(campo.to_string()),
            }),
            None => Some(Campo::Valore {
                codice: text.to_string(),
                campo: None,
            }),
        }
    }
}

/// `ente.codice`, `R07.anno_2017`, `R0C`: as the description writes it.
impl fmt::Display for Campo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Campo::Ente(c) => write!(f, "ente.{}", c.nome()),
            Campo::Valore {
                codice,
                campo: Some(campo),
            } => write!(f, "{codice}.{campo}"),
            Campo::Valore {
                codice,
                campo: None,
            } => f.write_str(codice),
        }
    }
}

/// Whether `field` is an input of the rows of `quadri`: a column of a row
/// that the rules do not compute.
fn is_input(quadri: &[Quadro], codice: &str, campo: Option<&str>) -> bool {
    rows(quadri).any(|r| {
        r.codice == codice
            && !r.derivata
            && r.colonne
                .iter()
                .any(|c| c.campo.as_deref() == campo && !c.derivata)
    })
}

fn rows(quadri: &[Quadro]) -> impl Iterator<Item = &Riga> {
    quadri
        .iter()
        .flat_map(|q| &q.voci)
        .filter_map(|v| match &v.kind {
            VoceKind::Riga(r) => Some(r),
            _ => None,
        })
}

/// What is told of an entry that is wrong: where, what, and the hint.
pub(super) type Report<'a> = &'a mut dyn FnMut(&Range<usize>, Message, Option<Message>);

/// Check `raw` against the rows of `quadri`, calling `error` at the span of
/// every entry that is wrong.
pub(super) fn build(raw: RawRiporto, quadri: &[Quadro], error: Report<'_>) -> Riporto {
    let da = raw.da.get_ref().trim().to_string();
    if da.is_empty() || !da.chars().all(|c| c.is_ascii_alphanumeric()) {
        error(
            &raw.da.span(),
            Message::new(kind::EDITION_CODE_INVALID, [("code", da.as_str().into())]),
            Some(Message::new(kind::EDITION_CODE_HINT, [])),
        );
    }
    let mut campi = Vec::new();
    for entry in raw.campi {
        let span = entry.span();
        let RawCampo { campo, da } = entry.into_inner();
        let unknown =
            |field: &str| Message::new(kind::CARRY_FIELD_UNKNOWN, [("field", field.into())]);
        let hint = || Some(Message::new(kind::CARRY_FIELD_HINT, []));
        // `*.COLUMN`: that column of every row with it, from the same
        // column of the edition before (or the column `da` names).
        if let Some(column) = campo.strip_prefix("*.") {
            let from = match da.as_deref().map(|d| d.strip_prefix("*.")) {
                None => column.to_string(),
                Some(Some(from)) => from.to_string(),
                Some(None) => {
                    error(&span, unknown(da.as_deref().unwrap_or_default()), hint());
                    continue;
                }
            };
            let before = campi.len();
            for r in rows(quadri) {
                if is_input(quadri, &r.codice, Some(column)) {
                    let field = |c: &str| Campo::Valore {
                        codice: r.codice.clone(),
                        campo: Some(c.to_string()),
                    };
                    campi.push((field(column), field(&from)));
                }
            }
            if campi.len() == before {
                error(&span, unknown(&campo), hint());
            }
            continue;
        }
        let (Some(to), Some(from)) = (
            Campo::parse(&campo),
            Campo::parse(da.as_deref().unwrap_or(&campo)),
        ) else {
            error(&span, unknown(da.as_deref().unwrap_or(&campo)), hint());
            continue;
        };
        if let Campo::Valore { codice, campo: c } = &to
            && !is_input(quadri, codice, c.as_deref())
        {
            error(&span, unknown(&campo), hint());
            continue;
        }
        campi.push((to, from));
    }
    Riporto { da, campi }
}
