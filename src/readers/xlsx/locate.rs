//! Finding the form in a sheet: row codes in the first columns, the header
//! rows that say what each value column holds, whether a label column sits
//! between them, and the edition.

use std::collections::{BTreeMap, BTreeSet};

use super::cells::{Cell, Conv, Sheet, fold};
use crate::diagnostic::{Diagnostic, Error, Location, Severity};
use crate::form::sheets::{EDIZIONE, FORM as FORM_SHEET};
use crate::form::{Tipo, VoceKind};
use crate::messages::{Arg, Kind, Message, kind as k};
use crate::model::Edizione;
use crate::number;
use crate::templates::Templates;

/// How many leading columns may hold the row code.
pub(super) const CODE_COLUMNS: u32 = 4;
/// How many value columns a row of the form has at most.
pub(super) const VALUE_COLUMNS: u32 = 4;

/// What a header cell says its column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tag {
    Media,
    Ore,
    Modalita,
    Descrizione,
    Y2019,
    Y2017,
    Y2021,
    Y2020,
    Spesa,
    Utenti,
    Numero,
    /// Another year (the reporting year, `31/12/2023`).
    Anno,
    Risposta,
    Valore,
}

/// The tag of a header text, most specific word first.
pub(super) fn tag(text: &str) -> Option<Tag> {
    let folded = fold(text);
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let has = |w: &str| words.contains(&w);
    let starts = |p: &str| words.iter().any(|w| w.starts_with(p));
    Some(if starts("media") {
        Tag::Media
    } else if has("ore") {
        Tag::Ore
    } else if starts("modalit") {
        Tag::Modalita
    } else if starts("descrizion") {
        Tag::Descrizione
    } else if has("2019") {
        Tag::Y2019
    } else if has("2017") {
        Tag::Y2017
    } else if has("2021") {
        Tag::Y2021
    } else if has("2020") {
        Tag::Y2020
    } else if starts("spes") {
        Tag::Spesa
    } else if starts("utent") {
        Tag::Utenti
    } else if has("numero") || has("n") || folded.contains("n°") {
        Tag::Numero
    } else if words
        .iter()
        .any(|w| w.len() == 4 && w.parse::<u32>().is_ok_and(|y| (2022..=2030).contains(&y)))
    {
        Tag::Anno
    } else if starts("rispost") || folded.contains("si/no") {
        Tag::Risposta
    } else if starts("valor") || starts("abitant") || starts("popolazion") || starts("importo") {
        Tag::Valore
    } else {
        return None;
    })
}

/// The row codes of every edition a workbook is read with: rows and
/// questions, their other spellings (`ROA`, `R00C`), and which rows count
/// users.
pub(super) struct Codes {
    codes: BTreeSet<String>,
    /// Another spelling, in capitals -> the code.
    spellings: BTreeMap<String, String>,
    users: BTreeSet<String>,
}

impl Codes {
    /// The codes of the editions of `templates`.
    pub(super) fn of(templates: &Templates) -> Codes {
        let mut out = Codes {
            codes: BTreeSet::new(),
            spellings: BTreeMap::new(),
            users: BTreeSet::new(),
        };
        for ed in templates.editions() {
            let d = ed.description();
            for q in &d.quadri {
                for v in &q.voci {
                    match &v.kind {
                        VoceKind::Riga(r) => {
                            out.codes.insert(r.codice.to_ascii_uppercase());
                            if r.colonne.iter().any(|c| c.tipo == Tipo::Utenti) {
                                out.users.insert(r.codice.clone());
                            }
                        }
                        VoceKind::Domanda { codice, .. } => {
                            out.codes.insert(codice.to_ascii_uppercase());
                        }
                        _ => {}
                    }
                }
            }
            for (code, others) in &d.spellings {
                for other in others {
                    out.spellings
                        .insert(other.to_ascii_uppercase(), code.clone());
                }
            }
        }
        out
    }

    /// The canonical code a cell's text opens with, and whether a label
    /// follows it in the same cell.
    pub(super) fn code_of(&self, text: &str) -> Option<(String, bool)> {
        let t = text.trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}');
        let end = t
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(t.len());
        let token = t[..end].to_ascii_uppercase();
        let code = self.spellings.get(&token).cloned().unwrap_or(token);
        let rest = t[end..].trim_matches(|c: char| {
            c.is_whitespace() || matches!(c, '-' | '\u{2010}' | '\u{2013}' | ':' | '.' | '\u{a0}')
        });
        let inline = !rest.is_empty();
        self.codes.contains(&code).then_some((code, inline))
    }

    /// Whether row `code` counts users (`M12`, `R0A`).
    pub(super) fn is_user_row(&self, code: &str) -> bool {
        self.users.contains(code)
    }
}

/// The canonical code a cell's text opens with, and whether a label
/// follows it in the same cell.
#[cfg(test)]
fn code_of(text: &str) -> Option<(String, bool)> {
    Codes::of(&Templates::builtin()).code_of(text)
}

/// The header rows of one sheet: row, and the tagged columns of that row.
pub(super) type Headers = Vec<(u32, Vec<(u32, Tag)>)>;

/// A row code found in a sheet.
pub(super) struct Found {
    pub(super) sheet: usize,
    pub(super) row: u32,
    pub(super) col: u32,
    pub(super) code: String,
    pub(super) inline: bool,
}

/// Every row code in the first columns of every sheet but `Ente`; a code
/// seen twice is read the first time and the repetition is warned about.
pub(super) fn find_codes(
    sheets: &[Sheet],
    ente: Option<usize>,
    codes: &Codes,
    conv: &mut Conv,
) -> Vec<Found> {
    let mut found = Vec::new();
    let mut seen: BTreeMap<String, Location> = BTreeMap::new();
    for (i, sheet) in sheets.iter().enumerate() {
        if Some(i) == ente {
            continue;
        }
        for row in sheet.rows() {
            for col in 0..CODE_COLUMNS.min(sheet.width()) {
                let Some((code, inline)) = sheet.text(row, col).and_then(|t| codes.code_of(t))
                else {
                    continue;
                };
                if let Some(first) = seen.get(&code) {
                    let message = Message::new(
                        k::ROW_AGAIN,
                        [
                            ("row", code.as_str().into()),
                            ("first", first.to_string().into()),
                        ],
                    );
                    conv.warnings.push(
                        Diagnostic::coded(Severity::Warning, message, None).at(sheet.at(row, col)),
                    );
                } else {
                    seen.insert(code.clone(), sheet.at(row, col));
                    found.push(Found {
                        sheet: i,
                        row,
                        col,
                        code,
                        inline,
                    });
                }
                break;
            }
        }
    }
    found
}

pub(super) fn no_codes(sheets: &[Sheet]) -> Error {
    let names: Vec<String> = sheets.iter().map(|s| format!("\"{}\"", s.name)).collect();
    let diagnostic = match sheets.iter().find(|s| fold(&s.name) == fold(FORM_SHEET)) {
        Some(s) => Diagnostic::coded(
            Severity::Error,
            Message::new(k::NO_ROW_CODES, [("sheet", s.name.as_str().into())]),
            Some(Message::new(k::NO_ROW_CODES_HINT, [])),
        )
        .at(s.at(0, 0)),
        None => Diagnostic::coded(
            Severity::Error,
            Message::new(k::SHEET_NOT_FOUND, [("sheet", FORM_SHEET.into())]),
            Some(Message::new(
                k::SHEET_NOT_FOUND_HINT,
                [("sheets", names.join(", ").into())],
            )),
        ),
    };
    Error::new(diagnostic)
}

/// The header rows of sheet `i`: rows without a code whose cells (after
/// the first column) name what their column holds.
pub(super) fn header_rows(sheet: &Sheet, found: &[Found], i: usize) -> Headers {
    let code_rows: Vec<u32> = found
        .iter()
        .filter(|f| f.sheet == i)
        .map(|f| f.row)
        .collect();
    sheet
        .rows()
        .filter(|row| !code_rows.contains(row))
        .filter_map(|row| {
            let tags: Vec<(u32, Tag)> = (1..sheet.width())
                .filter_map(|col| Some((col, tag(&header_text(sheet, row, col)?)?)))
                .collect();
            (!tags.is_empty()).then_some((row, tags))
        })
        .collect()
}

/// The text of a header cell: text, or a year typed as a number (`2019`).
fn header_text(sheet: &Sheet, row: u32, col: u32) -> Option<String> {
    match sheet.get(row, col) {
        Cell::Text(t) => Some(t.to_string()),
        Cell::Number(d) if d.fract().is_zero() && (2000..=2100).contains(&d.mantissa()) => {
            Some(d.normalize().to_string())
        }
        _ => None,
    }
}

/// Whether the cell after a lone code holds the label. Decided by the
/// lone user rows (a label is text that is not a number); without them, a
/// sheet whose codes mostly open their labels has none, and otherwise the
/// cells after the codes vote (a `SI`/`NO` is a value, not a label).
pub(super) fn has_label_column<'a>(
    sheet: &Sheet,
    codes: &Codes,
    found: impl Iterator<Item = &'a Found>,
) -> bool {
    let (inline, lone): (Vec<&Found>, Vec<&Found>) = found.partition(|f| f.inline);
    let is_label = |f: &&Found| match sheet.get(f.row, f.col + 1) {
        Cell::Text(t) => {
            let t = fold(t);
            !t.is_empty() && number::parse_it(&t).is_err() && !matches!(t.as_str(), "si" | "no")
        }
        _ => false,
    };
    let users: Vec<&Found> = lone
        .iter()
        .copied()
        .filter(|f| codes.is_user_row(&f.code))
        .collect();
    let voters = if !users.is_empty() {
        users
    } else if inline.len() > lone.len() {
        return false;
    } else {
        lone
    };
    let yes = voters.iter().filter(|f| is_label(f)).count();
    voters.is_empty() || yes * 2 >= voters.len()
}

/// The edition: the `Ente` sheet, else a title `SOC25 ...`, else the years
/// of the headers (2025 only in SOC26's, 2024 in SOC25's): one of the
/// editions of `templates`.
pub(super) fn edition(
    sheets: &[Sheet],
    ente: Option<usize>,
    headers: &[Headers],
    templates: &Templates,
    conv: &mut Conv,
) -> Option<Edizione> {
    if let Some(sheet) = ente.and_then(|i| sheets.get(i))
        && let Some(row) = ente_row(sheet, &key(EDIZIONE))
        && let Some(text) = conv.text(sheet, row, 1, &EDIZIONE.into())
    {
        match templates.find(&text) {
            Some(ed) => return Some(ed),
            None => {
                let message = Message::new(
                    k::EXPECTED_EDITION,
                    [
                        ("what", EDIZIONE.into()),
                        ("editions", editions(templates.editions())),
                        ("found", format!("\"{}\"", text.trim()).into()),
                    ],
                );
                conv.errors
                    .push(Diagnostic::coded(Severity::Error, message, None).at(sheet.at(row, 1)));
                return None;
            }
        }
    }
    for (i, sheet) in sheets.iter().enumerate() {
        if Some(i) == ente {
            continue;
        }
        for row in sheet.rows().take(10) {
            for col in 0..sheet.width().min(6) {
                let Some(text) = sheet.text(row, col) else {
                    continue;
                };
                let t = text.trim_start().to_ascii_uppercase();
                for ed in templates.editions() {
                    if t.starts_with(&ed.code().to_ascii_uppercase()) {
                        return Some(*ed);
                    }
                }
            }
        }
    }
    let mut years = Vec::new();
    for (i, rows) in headers.iter().enumerate() {
        for (row, tags) in rows {
            for (col, t) in tags {
                if matches!(t, Tag::Utenti | Tag::Ore | Tag::Media | Tag::Anno)
                    && let Some(text) = sheets.get(i).and_then(|s| header_text(s, *row, *col))
                {
                    years.push(text);
                }
            }
        }
    }
    // The newest edition whose reporting year the headers print.
    let mentions = |y: i32| years.iter().any(|t| t.contains(&y.to_string()));
    templates
        .editions()
        .iter()
        .rev()
        .copied()
        .find(|e| mentions(e.anno()))
}

/// `editions` as a message lists them (`SOC25 or SOC26`).
pub(super) fn editions(editions: &[Edizione]) -> Arg {
    let codes: Vec<&str> = editions.iter().map(|e| e.code()).collect();
    list(&codes, k::OR_LIST)
}

/// `a, b or c` (`kind` [`k::OR_LIST`] or [`k::AND_LIST`]), in the
/// message's language.
pub(super) fn list(items: &[&str], kind: Kind) -> Arg {
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => Message::new(
            kind,
            [("items", rest.join(", ").into()), ("last", (*last).into())],
        )
        .into(),
        _ => items.join(", ").into(),
    }
}

/// What the reader looks for in column A of the `Ente` sheet: the first
/// word of a key as the writer spells it (`codice` for `Codice
/// indentificativo`).
pub(super) fn key(written: &str) -> String {
    fold(written)
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_string()
}

/// The row of the `Ente` sheet whose key (column A) starts with `key`.
pub(super) fn ente_row(sheet: &Sheet, key: &str) -> Option<u32> {
    sheet
        .rows()
        .find(|&row| sheet.text(row, 0).is_some_and(|t| fold(t).starts_with(key)))
}

/// Where a row's values are.
pub(super) struct RowCtx {
    pub(super) sheet: usize,
    pub(super) row: u32,
    /// The first column after the code and the label.
    pub(super) first: u32,
    /// What the header above says the columns from `first` on hold.
    pub(super) roles: Vec<(u32, Tag)>,
}

impl RowCtx {
    /// The columns of the fields, each accepting some tags. When the header
    /// names none of them, the fields are taken in order from `first`.
    pub(super) fn columns(&self, fields: &[&[Tag]]) -> Vec<Option<u32>> {
        let mut used = Vec::new();
        let mapped: Vec<Option<u32>> = fields
            .iter()
            .map(|accepts| {
                let col = self
                    .roles
                    .iter()
                    .find(|(c, t)| accepts.contains(t) && !used.contains(c))
                    .map(|(c, _)| *c);
                used.extend(col);
                col
            })
            .collect();
        if mapped.iter().all(Option::is_none) {
            (self.first..).take(fields.len()).map(Some).collect()
        } else {
            mapped
        }
    }

    /// The column of a one-value row: a column the header names (`prefer`)
    /// that holds something, else the first one after the label that does
    /// (or holds a formula).
    pub(super) fn single(&self, sheet: &Sheet, prefer: &[Tag]) -> Option<u32> {
        let filled = |c: u32| !sheet.get(self.row, c).is_blank();
        self.roles
            .iter()
            .find(|(c, t)| prefer.contains(t) && filled(*c))
            .map(|(c, _)| *c)
            .or_else(|| (self.first..self.first + VALUE_COLUMNS).find(|&c| filled(c)))
            .or_else(|| {
                (self.first..self.first + VALUE_COLUMNS).find(|&c| sheet.has_formula(self.row, c))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_as_the_renderings_print_them() {
        let c = |t: &str| code_of(t);
        assert_eq!(c("M12"), Some(("M12".into(), false)));
        assert_eq!(
            c("M12 - Utenti famiglia e minori"),
            Some(("M12".into(), true))
        );
        assert_eq!(c("ROA"), Some(("R0A".into(), false)));
        assert_eq!(
            c("R00C \u{2010} Denominazione ATS"),
            Some(("R0C".into(), true))
        );
        assert_eq!(c("R15 -TOTALE OBIETTIVI"), Some(("R15".into(), true)));
        assert_eq!(c(" R01B "), Some(("R01B".into(), false)));
        assert_eq!(c("R40"), Some(("R40".into(), false)));
        for not in [
            "Multiutenza",
            "SOC25 - SOCIALE",
            "R41",
            "R1",
            "M13",
            "Quadro 1",
            "2019",
        ] {
            assert_eq!(c(not), None, "{not}");
        }
    }

    #[test]
    fn header_words() {
        assert_eq!(tag("Numero di utenti serviti - 2019"), Some(Tag::Y2019));
        assert_eq!(tag("Numero di utenti serviti - 2024"), Some(Tag::Utenti));
        assert_eq!(tag("N° di utenti\nserviti 2024"), Some(Tag::Utenti));
        assert_eq!(tag("Totale ore annue di assistenza - 2025"), Some(Tag::Ore));
        assert_eq!(
            tag("Media annua ore di assistenza - 2024"),
            Some(Tag::Media)
        );
        assert_eq!(
            tag("Modalità di determinazione della spesa aggiuntiva"),
            Some(Tag::Modalita)
        );
        assert_eq!(tag("Spesa aggiuntiva"), Some(Tag::Spesa));
        assert_eq!(tag("Numero"), Some(Tag::Numero));
        assert_eq!(tag("2020"), Some(Tag::Y2020));
        assert_eq!(tag("2025"), Some(Tag::Anno));
        assert_eq!(tag("Risposta (SI/NO)"), Some(Tag::Risposta));
        assert_eq!(tag("Valore"), Some(Tag::Valore));
        assert_eq!(tag("Interventi e servizi"), None);
        assert_eq!(tag("Codice"), None);
    }
}
