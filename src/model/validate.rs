//! The model's constraints (docs/model.md), checked after reading: each
//! value by its column's kind in the edition's description (no negative
//! number, the decimals the form prints, the report's length), and every
//! filled-in row and answer one of the edition.

use rust_decimal::Decimal;

use super::valore::max_places;
use super::{Edizione, MAX_RELAZIONE_CHARS, SCHEMA_VERSION, Scheda, Valore, paths};
use crate::diagnostic::{Diagnostic, Error, Location, Result, Severity, Warned};
use crate::form::{Edition, Riga, Tipo};
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
        let d = self.edizione.description();
        for (quadro, riga) in d.righe() {
            self.row(&mut v, d, quadro, riga);
        }
        self.rows_of_the_edition(&mut v);
        self.answers_of_the_edition(&mut v);
        v.out
    }
}

impl Scheda {
    /// Check the values of row `riga` of quadro `quadro` of edition `d`
    /// against its columns' kinds: no negative number, no more decimals
    /// than the form prints, no report longer than the form takes.
    fn row(&self, v: &mut Validator, d: &Edition, quadro: u8, riga: &Riga) {
        for c in &riga.colonne {
            let Some(value) = self.valore(&riga.codice, c.campo.as_deref()) else {
                continue;
            };
            let pointer = || paths::of_column(d, quadro, riga, c).pointer();
            match value {
                Valore::Decimale(value) => v.dec(&pointer(), value, max_places(c.tipo)),
                Valore::Testo(text) if c.tipo == Tipo::Relazione => {
                    let n = text.chars().count();
                    if n > MAX_RELAZIONE_CHARS {
                        v.out.push(
                            Diagnostic::coded(
                                Severity::Warning,
                                Message::new(kind::REPORT_TOO_LONG, [("n", n.into())]),
                                Some(Message::new(kind::REPORT_TOO_LONG_HINT, [])),
                            )
                            .at(Location::pointer(pointer())),
                        );
                    }
                }
                _ => {}
            }
        }
    }

    /// Every filled-in row must be a row of the edition (SOC25 has no
    /// R02X; an edition may drop a row): a row of another edition is
    /// refused, after its values are checked by that edition's columns.
    fn rows_of_the_edition(&self, v: &mut Validator) {
        let d = self.edizione.description();
        let mut foreign: Vec<(&Edition, u8, &Riga)> = Vec::new();
        for ed in self.edizione.known_with() {
            let other = ed.description();
            for (quadro, riga) in other.righe() {
                let filled = self.righe.contains_key(&riga.codice);
                if filled
                    && d.riga(&riga.codice).is_none()
                    && !foreign.iter().any(|(_, _, r)| r.codice == riga.codice)
                {
                    foreign.push((other, quadro, riga));
                }
            }
        }
        for (other, quadro, riga) in foreign {
            self.row(v, other, quadro, riga);
            let code = &riga.codice;
            let having: Vec<&str> = self
                .edizione
                .known_with()
                .filter(|e| e.description().riga(code).is_some())
                .map(Edizione::code)
                .collect();
            let message = Message::new(
                kind::ROW_OF_OTHER_EDITIONS,
                [
                    ("row", code.as_str().into()),
                    ("having", having.join(", ").into()),
                    ("edizione", self.edizione.to_string().into()),
                ],
            );
            v.err(&format!("/quadro{quadro}/{code}"), message);
        }
    }

    /// Every answer must be to a question of the edition: an edition
    /// without questions (SOC26) takes none.
    fn answers_of_the_edition(&self, v: &mut Validator) {
        let d = self.edizione.description();
        let foreign: Vec<&str> = self
            .risposte()
            .map(|(c, _)| c)
            .filter(|c| !d.domande().any(|(q, _)| q == *c))
            .collect();
        if foreign.is_empty() {
            return;
        }
        if !d.regole.domande {
            v.err(
                "/quadro4/risposte",
                Message::new(
                    kind::NO_QUESTIONS,
                    [("edizione", self.edizione.to_string().into())],
                ),
            );
            return;
        }
        for code in foreign {
            let having: Vec<&str> = self
                .edizione
                .known_with()
                .filter(|e| e.description().domande().any(|(q, _)| q == code))
                .map(Edizione::code)
                .collect();
            let message = Message::new(
                kind::ROW_OF_OTHER_EDITIONS,
                [
                    ("row", code.into()),
                    ("having", having.join(", ").into()),
                    ("edizione", self.edizione.to_string().into()),
                ],
            );
            v.err(&format!("/quadro4/risposte/{code}"), message);
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

    fn dec(&mut self, pointer: &str, value: Decimal, max_places: Option<u32>) {
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
fn negative(value: Decimal) -> Message {
    Message::new(kind::VALUE_NEGATIVE, [("value", value.to_string().into())])
}

/// The message of a `value` of more than `max` decimals.
fn too_many_decimals(value: Decimal, max: u32) -> Message {
    Message::new(
        kind::TOO_MANY_DECIMALS,
        [
            ("value", value.to_string().into()),
            ("max", max.to_string().into()),
        ],
    )
}
