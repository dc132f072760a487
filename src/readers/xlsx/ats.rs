//! Headers of multi-Comune tables as people write them: the field a column
//! header names, found by walking an edition's description.
//!
//! A header names a field by its path (`quadro1.M12.utenti`), by the words
//! of the Comune's data (the header block's labels, `Comune`, `Ente`,
//! `Codice ISTAT`, ...), or by a row code and words for one of the row's
//! columns, in any order and punctuation: `M12 Utenti 2024`, `Utenti 2024
//! (M12)`, `M12 - Numero di utenti serviti - 2024`, `M12_utenti_2019`. The
//! column is the one of the row whose header words ([`columns::accepts`])
//! and years (those its printed header names, else the edition's years)
//! agree with the header's. The years tell the edition apart: `M12 Utenti
//! 2024` is a column of SOC25 and of no other edition.

use std::borrow::Cow;

use super::cells::fold;
use super::columns;
use super::locate::{Tag, tag};
use crate::form::{Anni, Colonna, Edition, INTESTAZIONE, Riga, VoceKind};
use crate::messages::{Message, kind as k};
use crate::model::Edizione;
use crate::model::paths::{self, Path};

/// The words of the Comune's data and of the edition, and their paths,
/// besides the labels of the header block ([`INTESTAZIONE`]).
const WORDS: [(&str, &str); 19] = [
    ("comune", "ente.denominazione"),
    ("ente", "ente.denominazione"),
    ("denominazione ente", "ente.denominazione"),
    ("nome comune", "ente.denominazione"),
    ("denominazione comune", "ente.denominazione"),
    ("nome ente", "ente.denominazione"),
    ("prov", "ente.provincia"),
    ("sigla provincia", "ente.provincia"),
    ("codice", "ente.codice"),
    ("codice ente", "ente.codice"),
    ("codice istat", "ente.codice"),
    ("cod istat", "ente.codice"),
    ("istat", "ente.codice"),
    ("codice comune", "ente.codice"),
    ("data", "ente.data"),
    ("data di ultima modifica", "ente.data"),
    ("edizione", "edizione"),
    ("anno", "anno"),
    ("schema version", paths::SCHEMA_VERSION),
];

/// The words of a header: lower case, without accents, split at anything
/// that is not a letter or digit.
fn words(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The field a header names whatever the edition (of `editions`): a field
/// path, or the Comune's data in words.
pub(super) fn plain_field(text: &str, editions: &[Edizione]) -> Option<Path> {
    // Every path but the words below holds a dot: the list of paths is
    // made only for those.
    if text.contains('.')
        && let Some(p) = paths::find(text.trim(), editions)
    {
        return Some(p);
    }
    let joined = words(text).join(" ");
    if let Some(i) = INTESTAZIONE
        .iter()
        .find(|i| i.etichette().any(|l| words(l).join(" ") == joined))
    {
        return paths::find(&format!("ente.{}", i.nome), editions);
    }
    WORDS
        .iter()
        .find(|(w, _)| *w == joined)
        .and_then(|(_, path)| paths::find(path, editions))
}

/// Whether a header names the Comune (its name's column).
pub(super) fn names_comune(text: &str, editions: &[Edizione]) -> bool {
    plain_field(text, editions).is_some_and(|p| p.path == "ente.denominazione")
}

/// The row codes of `editions`, with their other spellings, in lower case:
/// (spelling, code). Made once per sheet.
pub(super) fn known_codes(editions: &[Edizione]) -> Vec<(String, String)> {
    let mut codes = Vec::new();
    for ed in editions {
        let desc = ed.description();
        for q in &desc.quadri {
            for v in &q.voci {
                let code = match &v.kind {
                    VoceKind::Riga(r) => r.codice.as_str(),
                    VoceKind::Domanda { codice, .. } => codice.as_str(),
                    _ => continue,
                };
                for spelling in std::iter::once(code).chain(desc.spellings_of(code)) {
                    let pair = (spelling.to_ascii_lowercase(), code.to_string());
                    if !codes.contains(&pair) {
                        codes.push(pair);
                    }
                }
            }
        }
    }
    codes
}

/// The row codes a header names (`M12` in `Utenti 2024 (M12)`).
pub(super) fn codes_in(text: &str, known: &[(String, String)]) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for w in words(text) {
        if let Some((_, code)) = known.iter().find(|(s, _)| *s == w)
            && !found.contains(code)
        {
            found.push(code.clone());
        }
    }
    found
}

/// Row `code` of an edition, with its quadro: a question of Quadro 4 as a
/// row of one SI/NO column, as [`paths::of`] has it.
fn row<'e>(ed: &'e Edition, code: &str) -> Option<(u8, Cow<'e, Riga>)> {
    ed.quadri.iter().find_map(|q| {
        q.voci.iter().find_map(|v| match &v.kind {
            VoceKind::Riga(r) if r.codice == code => Some((q.numero, Cow::Borrowed(r))),
            VoceKind::Domanda { codice, etichetta } if codice == code => {
                Some((q.numero, Cow::Owned(Riga::domanda(codice, etichetta))))
            }
            _ => None,
        })
    })
}

/// The years (four digits, 1990-2100) among `words`.
fn years(words: &[String]) -> Vec<i32> {
    words
        .iter()
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse::<i32>().ok())
        .filter(|y| (1990..=2100).contains(y))
        .collect()
}

/// Why a header names no field of an edition.
#[derive(Debug)]
pub(super) enum Miss {
    /// It names no row (a column of notes, a count of rows): ignored.
    Nothing,
    /// It names a row, but none of its columns: the message.
    Wrong(Message),
    /// It could name any of several columns of a row: the message, and
    /// their fields (the table's other headers may leave only one).
    Several(Message, Vec<Path>),
}

/// The one of `codes` whose row's label names all the others.
fn naming_the_others<'c>(desc: &Edition, codes: &'c [String]) -> Option<&'c String> {
    let mut naming = codes.iter().filter(|code| {
        row(desc, code).is_some_and(|(_, riga)| {
            let label = words(&riga.etichetta);
            codes
                .iter()
                .filter(|other| other != code)
                .all(|other| label.contains(&other.to_ascii_lowercase()))
        })
    });
    match (naming.next(), naming.next()) {
        (Some(one), None) => Some(one),
        _ => None,
    }
}

/// What a header asks of a column: its years and its header word.
struct Wanted {
    years: Vec<i32>,
    tag: Option<Tag>,
}

impl Wanted {
    /// The header's own words (after the row code) as they are.
    fn of(rest: &[String]) -> Wanted {
        Wanted {
            years: years(rest),
            tag: tag(&rest.join(" ")),
        }
    }

    /// The header's words without those of the row's `label`; only its
    /// last year, or the reporting year `anno` for the word `anno`.
    fn without_label(rest: &[String], label: &str, anno: i32) -> Wanted {
        let label: Vec<String> = words(label)
            .into_iter()
            .filter(|w| years(std::slice::from_ref(w)).is_empty())
            .collect();
        let own: Vec<String> = rest
            .iter()
            .filter(|w| !label.contains(w))
            .cloned()
            .collect();
        let last = years(rest).last().copied();
        let years = match last {
            Some(y) => vec![y],
            None if own.iter().any(|w| w == "anno") => vec![anno],
            None => Vec::new(),
        };
        Wanted {
            years,
            tag: tag(&own.join(" ")),
        }
    }
}

/// Whether column `c` of a row (`single`: its only one) answers `wanted`:
/// the years its header prints (else the edition's years) and its header
/// words.
fn fits(c: &Colonna, single: bool, wanted: &Wanted, anni: &Anni) -> bool {
    let edition_years = [
        anni.anno,
        anni.utenti_base,
        anni.personale_base,
        anni.popolazione,
        anni.stima_ats,
    ];
    let own = years(&words(c.intestazione.as_deref().unwrap_or("")));
    let years_fit = wanted.years.iter().all(|y| {
        if own.is_empty() {
            edition_years.contains(y)
        } else {
            own.contains(y)
        }
    });
    let tag_fits = single
        || wanted.tag.is_none_or(|t| {
            let accepted = columns::accepts(c);
            let preferred = columns::prefer(c);
            (accepted.is_empty() && preferred.is_empty())
                || accepted.contains(&t)
                || preferred.contains(&t)
        });
    years_fit && tag_fits
}

/// The field header `text` names in edition `ed`; `known` is
/// [`known_codes`].
pub(super) fn field(text: &str, ed: Edizione, known: &[(String, String)]) -> Result<Path, Miss> {
    let editions: Vec<Edizione> = ed.known_with().collect();
    if let Some(p) = plain_field(text, &editions) {
        return Ok(p);
    }
    let desc = ed.description();
    let codes = codes_in(text, known);
    let code = match codes.as_slice() {
        [] => return Err(Miss::Nothing),
        [one] => one,
        // A row whose label names the others (`R01B - ... [1:R03/(R01+R01A)]`).
        several @ [first, second, ..] => match naming_the_others(desc, several) {
            Some(code) => code,
            None => {
                return Err(Miss::Wrong(Message::new(
                    k::HEADER_TWO_ROWS,
                    [
                        ("header", text.trim().into()),
                        ("first", first.as_str().into()),
                        ("second", second.as_str().into()),
                    ],
                )));
            }
        },
    };
    let Some((quadro, riga)) = row(desc, code) else {
        return Err(Miss::Wrong(Message::new(
            k::HEADER_ROW_NOT_IN_EDITION,
            [
                ("header", text.trim().into()),
                ("row", code.as_str().into()),
                ("edition", ed.to_string().into()),
            ],
        )));
    };
    let spellings: Vec<String> = std::iter::once(code.to_ascii_lowercase())
        .chain(
            desc.spellings_of(code)
                .into_iter()
                .map(str::to_ascii_lowercase),
        )
        .collect();
    let rest: Vec<String> = words(text)
        .into_iter()
        .filter(|w| !spellings.contains(w))
        .collect();
    let single = riga.colonne.len() == 1;
    let fitting = |wanted: &Wanted| -> Vec<&Colonna> {
        riga.colonne
            .iter()
            .filter(|c| fits(c, single, wanted, &desc.anni))
            .collect()
    };
    // The words of the row's label are not words of a column (`mediante`
    // is not `media`); the header's last year decides the column, and
    // `anno` without one is the reporting year. Else the header as it is.
    let bare = Wanted::without_label(&rest, &riga.etichetta, desc.anni.anno);
    let whole = Wanted::of(&rest);
    let (a, b) = (fitting(&bare), fitting(&whole));
    let fitting = if a.len() == 1 || b.is_empty() { a } else { b };
    let named = |cs: &[&Colonna]| -> String {
        let names: Vec<String> = cs
            .iter()
            .map(|c| columns::name(c, single, desc.anni.anno))
            .collect();
        names.join(", ")
    };
    match fitting.as_slice() {
        [one] => Ok(paths::of_column(desc, quadro, &riga, one)),
        [] => {
            let all: Vec<&Colonna> = riga.colonne.iter().collect();
            Err(Miss::Wrong(Message::new(
                k::HEADER_NO_COLUMN,
                [
                    ("header", text.trim().into()),
                    ("row", code.as_str().into()),
                    ("edition", ed.to_string().into()),
                    ("columns", named(&all).into()),
                ],
            )))
        }
        several => Err(Miss::Several(
            Message::new(
                k::HEADER_SEVERAL_COLUMNS,
                [
                    ("header", text.trim().into()),
                    ("row", code.as_str().into()),
                    ("columns", named(several).into()),
                ],
            ),
            several
                .iter()
                .map(|c| paths::of_column(desc, quadro, &riga, c))
                .collect(),
        )),
    }
}

/// The editions that title lines name, by code (`SOC25`) or by their
/// reporting year (`Utenti 2024`), among `editions`.
pub(super) fn editions_in_titles(titles: &[String], editions: &[Edizione]) -> Vec<Edizione> {
    let words: Vec<String> = titles.iter().flat_map(|t| words(t)).collect();
    let found_years = years(&words);
    editions
        .iter()
        .copied()
        .filter(|ed| {
            words.iter().any(|w| w.eq_ignore_ascii_case(ed.code()))
                || found_years.contains(&ed.description().anni.anno)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_in_peoples_words() {
        let cases = [
            (
                "M12 Utenti 2024",
                Edizione::builtin("SOC25"),
                "quadro1.M12.utenti",
            ),
            (
                "Utenti 2024 (M12)",
                Edizione::builtin("SOC25"),
                "quadro1.M12.utenti",
            ),
            (
                "M12 - Numero di utenti serviti - 2024",
                Edizione::builtin("SOC25"),
                "quadro1.M12.utenti",
            ),
            (
                "M12_utenti_2019",
                Edizione::builtin("SOC26"),
                "quadro1.M12.utenti_2019",
            ),
            (
                "M12 Ore 2025",
                Edizione::builtin("SOC26"),
                "quadro1.M12.ore",
            ),
            (
                "M12 media ore 2024",
                Edizione::builtin("SOC25"),
                "quadro1.M12.media_ore",
            ),
            (
                "R01 2020",
                Edizione::builtin("SOC25"),
                "quadro1.R01.anno_2020",
            ),
            ("R01A 2024", Edizione::builtin("SOC25"), "quadro1.R01A"),
            (
                "quadro1.M12.ore",
                Edizione::builtin("SOC25"),
                "quadro1.M12.ore",
            ),
            ("Codice ISTAT", Edizione::builtin("SOC25"), "ente.codice"),
            ("Comune", Edizione::builtin("SOC26"), "ente.denominazione"),
            ("R16", Edizione::builtin("SOC25"), "quadro4.risposte.R16"),
            // The row's label in the header: its words are not column words.
            (
                "R01 - Numero di assistenti sociali in forza al Comune (con qualsiasi forma \
                 contrattuale, anche mediante esternalizzazione) - 2020",
                Edizione::builtin("SOC25"),
                "quadro1.R01.anno_2020",
            ),
            (
                "R01B - Numero di assistenti sociali in rapporto alla popolazione a livello di \
                 Comune [1:R03/(R01+R01A)]",
                Edizione::builtin("SOC25"),
                "quadro1.R01B",
            ),
            (
                "R01 Assistenti sociali anno",
                Edizione::builtin("SOC25"),
                "quadro1.R01.anno",
            ),
            (
                "R01 Assistenti sociali 2020",
                Edizione::builtin("SOC25"),
                "quadro1.R01.anno_2020",
            ),
            (
                "M12 Utenti",
                Edizione::builtin("SOC25"),
                "quadro1.M12.utenti",
            ),
            (
                "Codice indentificativo",
                Edizione::builtin("SOC26"),
                "ente.codice",
            ),
            (
                "Data ultima modifica",
                Edizione::builtin("SOC26"),
                "ente.data",
            ),
        ];
        for (text, ed, want) in cases {
            match field(
                text,
                ed,
                &known_codes(crate::templates::Templates::builtin().editions()),
            ) {
                Ok(p) => assert_eq!(p.path, want, "{text}"),
                Err(e) => panic!("{text}: {e:?}"),
            }
        }
    }

    #[test]
    fn a_header_that_fits_no_column_says_which_there_are() {
        let known = known_codes(crate::templates::Templates::builtin().editions());
        let Err(Miss::Wrong(m)) = field("M12 Utenti 2024", Edizione::builtin("SOC26"), &known)
        else {
            panic!("SOC26 has no users of 2024");
        };
        let m = m.render(crate::messages::Lang::En);
        assert!(m.contains("utenti 2019, utenti 2025"), "{m}");
        assert!(matches!(
            field("Note", Edizione::builtin("SOC25"), &known),
            Err(Miss::Nothing)
        ));
    }
}
