//! Picking one form out of several (`scheda convert --comune`): by the
//! Comune's `denominazione`, case-insensitive, or by the form's 1-based
//! number in input order, as `scheda check` numbers them (`form 2`).

use std::fmt;
use std::str::FromStr;

use crate::diagnostic::{Diagnostic, Error, Result, Severity};
use crate::messages::{Arg, Message, kind};
use crate::model::Scheda;

/// How many forms an error lists before it says "and N more".
const LISTED: usize = 20;

/// Which form to pick.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selector {
    /// The form whose `ente.denominazione` is this name (case and the
    /// white space around it do not matter).
    Name(String),
    /// The form with this 1-based number.
    Number(usize),
}

impl FromStr for Selector {
    type Err = Message;

    /// A number of digits only is a form's number; anything else a name.
    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        let s = s.trim();
        if s.is_empty() {
            return Err(Message::new(kind::SELECTOR_EMPTY, []));
        }
        if s.bytes().all(|b| b.is_ascii_digit()) {
            return s
                .parse()
                .map(Selector::Number)
                .map_err(|_| Message::new(kind::FORM_NUMBER_TOO_LARGE, [("found", s.into())]));
        }
        Ok(Selector::Name(s.to_string()))
    }
}

impl fmt::Display for Selector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Selector::Name(name) => write!(f, "\"{name}\""),
            Selector::Number(n) => write!(f, "{n}"),
        }
    }
}

impl Selector {
    /// The index in `schede` of the one form this selector names; an error
    /// that lists the forms when it names none, or several.
    pub fn find(&self, schede: &[Scheda]) -> Result<usize> {
        match self {
            Selector::Number(n) if (1..=schede.len()).contains(n) => Ok(n - 1),
            Selector::Number(n) => {
                let message = Message::new(
                    kind::NO_FORM_NUMBER,
                    [("n", (*n).into()), ("count", count(schede.len()).into())],
                );
                Err(Error::new(Diagnostic::coded(
                    Severity::Error,
                    message,
                    Some(listing(schede)),
                )))
            }
            Selector::Name(name) => {
                let wanted = name.to_lowercase();
                let found: Vec<usize> = schede
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| {
                        s.ente
                            .denominazione
                            .as_deref()
                            .is_some_and(|d| d.trim().to_lowercase() == wanted)
                    })
                    .map(|(i, _)| i)
                    .collect();
                match found.as_slice() {
                    [one] => Ok(*one),
                    [] => Err(Error::new(Diagnostic::coded(
                        Severity::Error,
                        Message::new(kind::NO_FORM_FOR_COMUNE, [("name", name.as_str().into())]),
                        Some(listing(schede)),
                    ))),
                    several => {
                        let numbers: Vec<String> =
                            several.iter().map(|i| (i + 1).to_string()).collect();
                        let message = Message::new(
                            kind::FORMS_FOR_COMUNE,
                            [
                                ("n", several.len().into()),
                                ("name", name.as_str().into()),
                                ("numbers", numbers.join(", ").into()),
                            ],
                        );
                        let options = numbers
                            .iter()
                            .rev()
                            .map(|n| Arg::from(n.as_str()))
                            .reduce(|rest, first| {
                                Message::new(kind::OR_COMUNE, [("first", first), ("rest", rest)])
                                    .into()
                            })
                            .unwrap_or_else(|| Arg::from(""));
                        let hint = Message::new(kind::PICK_BY_NUMBER_HINT, [("options", options)]);
                        Err(Error::new(Diagnostic::coded(
                            Severity::Error,
                            message,
                            Some(hint),
                        )))
                    }
                }
            }
        }
    }
}

/// `1 form`, `3 forms`.
fn count(n: usize) -> Message {
    if n == 1 {
        Message::new(kind::FORMS_ONE, [])
    } else {
        Message::new(kind::FORMS_N, [("n", n.into())])
    }
}

/// The forms by number and name, for a hint: `the input holds: 1 SONDRIO,
/// 2 TIRANO; pick one with --comune NAME or --comune N`.
fn listing(schede: &[Scheda]) -> Message {
    if schede.is_empty() {
        return Message::new(kind::NO_FORMS_HINT, []);
    }
    let mut names: Vec<Arg> = schede
        .iter()
        .take(LISTED)
        .enumerate()
        .map(|(i, s)| match s.ente.denominazione.as_deref() {
            Some(d) if !d.trim().is_empty() => format!("{} {}", i + 1, d.trim()).into(),
            _ => Message::new(kind::NO_DENOMINAZIONE, [("n", (i + 1).into())]).into(),
        })
        .collect();
    if schede.len() > LISTED {
        names.push(Message::new(kind::AND_MORE, [("n", (schede.len() - LISTED).into())]).into());
    }
    let names = names
        .into_iter()
        .rev()
        .reduce(|rest, first| Message::new(kind::LIST, [("first", first), ("rest", rest)]).into())
        .unwrap_or_else(|| Arg::from(""));
    Message::new(kind::LISTING_HINT, [("names", names)])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Edizione;

    fn named(names: &[Option<&str>]) -> Vec<Scheda> {
        names
            .iter()
            .map(|n| {
                let mut s = Scheda::empty(Edizione::builtin("SOC25"));
                s.ente.denominazione = n.map(str::to_string);
                s
            })
            .collect()
    }

    #[test]
    fn parses_numbers_and_names() {
        assert_eq!("2".parse(), Ok(Selector::Number(2)));
        assert_eq!(" Tirano ".parse(), Ok(Selector::Name("Tirano".to_string())));
        assert_eq!("2a".parse(), Ok(Selector::Name("2a".to_string())));
        assert!("  ".parse::<Selector>().is_err());
    }

    #[test]
    fn finds_by_name_or_number_and_lists_the_forms_otherwise() {
        let forms = named(&[Some("SONDRIO"), Some("TIRANO"), None, Some("tirano")]);
        let find = |s: &str| s.parse::<Selector>().unwrap().find(&forms);
        assert_eq!(find("sondrio").unwrap(), 0);
        assert_eq!(find("3").unwrap(), 2);
        let none = find("Bormio").unwrap_err().diagnostics.remove(0);
        assert_eq!(none.message, "no form is for the Comune \"Bormio\"");
        assert_eq!(
            none.hint.as_deref(),
            Some(
                "the input holds: 1 SONDRIO, 2 TIRANO, 3 (no denominazione), 4 tirano; \
                 pick one with --comune NAME or --comune N"
            )
        );
        let two = find("Tirano").unwrap_err().diagnostics.remove(0);
        assert_eq!(
            two.message,
            "2 forms are for the Comune \"Tirano\" (forms 2, 4)"
        );
        assert_eq!(
            two.hint.as_deref(),
            Some("pick one by its number: --comune 2 or --comune 4")
        );
        let out = find("0").unwrap_err().diagnostics.remove(0);
        assert_eq!(out.message, "there is no form 0: the input holds 4 forms");
    }
}
