//! The model's constraints (docs/model.md), checked after reading.

use rust_decimal::Decimal;

use super::{Edizione, MAX_RELAZIONE_CHARS, RIGA_TOTALE, RIGHE_UTENTI, SCHEMA_VERSION, Scheda};
use crate::diagnostic::{Diagnostic, Error, Location, Result, Severity, Warned};
use crate::messages::{Message, kind};

impl Scheda {
    /// [`Scheda::validate`], split: an error with every error (and the
    /// warnings) when there is one, else the warnings.
    pub fn constraints(&self) -> Result<Vec<Diagnostic>> {
        let (errors, warnings): (Vec<_>, Vec<_>) =
            self.validate().into_iter().partition(Diagnostic::is_error);
        if errors.is_empty() {
            Ok(warnings)
        } else {
            Err(Error::many(errors).with_warnings(warnings))
        }
    }

    /// The form with the warnings of [`Scheda::constraints`], or its errors.
    pub fn validated(self) -> Result<Warned<Scheda>> {
        let warnings = self.constraints()?;
        Ok(Warned {
            value: self,
            warnings,
        })
    }

    /// Check the values against the form's constraints (docs/model.md). Every
    /// problem is a diagnostic located by its JSON pointer: an error, or a
    /// warning where the form's rule is one the clerk may still be fixing
    /// (a report over 6.000 characters).
    pub fn validate(&self) -> Vec<Diagnostic> {
        let mut v = Validator::default();
        if self.schema_version != SCHEMA_VERSION {
            v.err(
                "/schema_version",
                Message::new(
                    kind::SCHEMA_VERSION_UNSUPPORTED,
                    [
                        ("found", self.schema_version.to_string().into()),
                        ("version", SCHEMA_VERSION.to_string().into()),
                    ],
                ),
            );
        }
        if self.anno != self.edizione.anno() {
            v.err(
                "/anno",
                Message::new(
                    kind::ANNO_DISAGREES,
                    [
                        ("anno", self.anno.to_string().into()),
                        ("edizione", self.edizione.to_string().into()),
                        ("year", self.edizione.anno().to_string().into()),
                    ],
                ),
            );
        }
        if let Some(p) = &self.ente.provincia
            && (p.len() != 2 || !p.chars().all(|c| c.is_ascii_uppercase()))
        {
            v.err(
                "/ente/provincia",
                Message::new(kind::PROVINCE_CODE, [("found", p.as_str().into())]),
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
            v.dec(&format!("/quadro1/{code}"), value, Some(2));
        }
        self.rows_of_the_edition(&mut v);
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
        if !self.edizione.description().regole.domande && !self.quadro4.risposte.is_empty() {
            v.err(
                "/quadro4/risposte",
                Message::new(
                    kind::NO_QUESTIONS,
                    [("edizione", self.edizione.to_string().into())],
                ),
            );
        }
        if let Some(text) = &self.quadro4.relazione {
            let n = text.chars().count();
            if n > MAX_RELAZIONE_CHARS {
                v.out.push(
                    Diagnostic::coded(
                        Severity::Warning,
                        Message::new(kind::REPORT_TOO_LONG, [("n", n.into())]),
                        Some(Message::new(kind::REPORT_TOO_LONG_HINT, [])),
                    )
                    .at(Location::pointer("/quadro4/relazione")),
                );
            }
        }
        v.out
    }
}

impl Scheda {
    /// Every filled-in typed row must be a row of the edition (SOC25 has no
    /// R02X; an edition may drop a row); every row of [`Scheda::altre`] too.
    fn rows_of_the_edition(&self, v: &mut Validator) {
        let d = self.edizione.description();
        let mut codes: Vec<String> = self.altre.keys().cloned().collect();
        for ed in Edizione::known() {
            for (_, riga) in ed.description().righe() {
                if !codes.contains(&riga.codice) {
                    codes.push(riga.codice.clone());
                }
            }
        }
        for code in codes {
            if d.riga(&code).is_some()
                || code == d.regole.relazione
                || d.domande().any(|(c, _)| c == code)
            {
                continue;
            }
            let filled = match self.altre.get(&code) {
                Some(cells) => !cells.is_empty(),
                None => {
                    let columns: Vec<Option<String>> = Edizione::known()
                        .iter()
                        .filter_map(|e| e.description().riga(&code))
                        .flat_map(|r| r.colonne.iter().map(|c| c.campo.clone()))
                        .collect();
                    columns
                        .iter()
                        .any(|campo| self.valore(&code, campo.as_deref()).is_some())
                }
            };
            if !filled {
                continue;
            }
            let having: Vec<&str> = Edizione::known()
                .into_iter()
                .filter(|e| e.description().riga(&code).is_some())
                .map(Edizione::code)
                .collect();
            let quadro = Edizione::known()
                .iter()
                .find_map(|e| {
                    e.description()
                        .righe()
                        .find(|(_, r)| r.codice == code)
                        .map(|(q, _)| q)
                })
                .unwrap_or(1);
            let message = if having.is_empty() {
                Message::new(kind::ROW_OF_NO_EDITION, [("row", code.as_str().into())])
            } else {
                Message::new(
                    kind::ROW_OF_OTHER_EDITIONS,
                    [
                        ("row", code.as_str().into()),
                        ("having", having.join(", ").into()),
                        ("edizione", self.edizione.to_string().into()),
                    ],
                )
            };
            v.err(&format!("/quadro{quadro}/{code}"), message);
        }
    }
}

#[derive(Default)]
struct Validator {
    out: Vec<Diagnostic>,
}

impl Validator {
    fn err(&mut self, pointer: &str, message: Message) {
        self.out
            .push(Diagnostic::coded(Severity::Error, message, None).at(Location::pointer(pointer)));
    }

    fn dec(&mut self, pointer: &str, value: Option<Decimal>, max_places: Option<u32>) {
        let Some(value) = value else { return };
        if value.is_sign_negative() && !value.is_zero() {
            self.err(pointer, negative(value));
        }
        if let Some(max) = max_places
            && value.normalize().scale() > max
        {
            self.err(pointer, too_many_decimals(value, max));
        }
    }
}

/// The message of a negative `value`.
pub(crate) fn negative(value: Decimal) -> Message {
    Message::new(kind::VALUE_NEGATIVE, [("value", value.to_string().into())])
}

/// The message of a `value` of more than `max` decimals.
pub(crate) fn too_many_decimals(value: Decimal, max: u32) -> Message {
    Message::new(
        kind::TOO_MANY_DECIMALS,
        [
            ("value", value.to_string().into()),
            ("max", max.to_string().into()),
        ],
    )
}
