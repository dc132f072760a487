//! The rows of the form as printed in extracted text, taken from the
//! description of the edition ([`crate::form::Edition`]): their codes (with
//! the spellings `ROA`, `R00C` ...), their labels (with the wordings the
//! description lists as `varianti`), their column headers and the kind of
//! values they hold, which follows from the kinds of their columns. The
//! reader anchors on the codes and uses the labels and headers to know where
//! the values start.

use crate::form::{Colonna, Tipo, VoceKind};
use crate::model::Edizione;
use crate::number::is_number;
use crate::templates::Templates;

use super::matcher::Key;

/// What a row holds, and so how its text is read: the shape of its columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// Nothing but numbers, one per column, in the form's order (users,
    /// hours, staff, inhabitants, percentages, amounts).
    Numeri,
    /// Free text (R0C, R0D).
    Testo,
    /// Inhabitants per social worker at ATS level, written as the column's
    /// `formato` (`1 assistente sociale ogni: N abitanti`), or its `vuoto`
    /// (`NON CALCOLABILE`).
    RapportoAts,
    /// Inhabitants per social worker in the Comune, written as the column's
    /// `formato` (`1 assistente ogni : N`) or `1:N`.
    Rapporto,
    /// A number, a text and a number (R10, R11: numero, modalità, spesa).
    Aggiuntivo,
    /// A text and a number (R12: description, spesa).
    Intervento,
    /// A SI/NO question of Quadro 4.
    Sino,
    /// The free-text report.
    Relazione,
    /// Columns of a shape this reader does not know: reading the row is an
    /// error naming them.
    Ignota,
}

impl Kind {
    /// The shape of a row with these columns.
    fn of(colonne: &[Colonna]) -> Kind {
        let tipi: Vec<Tipo> = colonne.iter().map(|c| c.tipo).collect();
        let number = |t: &Tipo| col_of(*t).is_some();
        match tipi.as_slice() {
            [] => Kind::Ignota,
            all if all.iter().all(number) => Kind::Numeri,
            [Tipo::Testo] => Kind::Testo,
            [Tipo::RapportoAts] => Kind::RapportoAts,
            [Tipo::Rapporto] => Kind::Rapporto,
            [Tipo::Sino] => Kind::Sino,
            [Tipo::Relazione] => Kind::Relazione,
            [a, Tipo::Testo, b] if number(a) && number(b) => Kind::Aggiuntivo,
            [Tipo::Testo, b] if number(b) => Kind::Intervento,
            _ => Kind::Ignota,
        }
    }
}

/// How one value of a row is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Col {
    /// A whole number (users, hours, inhabitants).
    Count,
    /// An amount or staff count, padded to two decimals.
    Dec2,
    /// A decimal kept as printed (mean hours, percentages).
    Printed,
}

/// How a number of a column of this kind is stored; `None` for a column
/// that does not hold one number.
pub(super) fn col_of(tipo: Tipo) -> Option<Col> {
    match tipo {
        Tipo::Utenti | Tipo::Ore | Tipo::Abitanti => Some(Col::Count),
        Tipo::Personale | Tipo::Euro => Some(Col::Dec2),
        Tipo::Media | Tipo::Percentuale => Some(Col::Printed),
        Tipo::Rapporto | Tipo::RapportoAts | Tipo::Testo | Tipo::Sino | Tipo::Relazione => None,
    }
}

/// One number a row holds.
#[derive(Debug, Clone)]
pub(super) struct Column {
    /// Its name in messages (`utenti 2019`, `2020`, `euro`).
    pub name: String,
    /// How it is stored.
    pub col: Col,
}

/// One row of the form.
#[derive(Debug, Clone)]
pub(super) struct Row {
    /// The row's code as the model names it (`R0A`, not `ROA`).
    pub code: &'static str,
    /// What the row holds.
    pub kind: Kind,
    /// The quadro (1-4) the row belongs to.
    pub quadro: u8,
    /// Every spelling of the code, the code first.
    pub spellings: Vec<&'static str>,
    /// The label after the code, in every known wording.
    pub labels: Vec<Key>,
    /// The column headers printed after the label, in order; each with its
    /// known wordings.
    pub headers: Vec<Vec<Key>>,
    /// The numbers printed in the column headers, in order (`2019`, `2024`).
    pub header_years: Vec<String>,
    /// Whether the headers are nothing but those numbers (`2020 2024`).
    pub bare: bool,
    /// The row's columns as the description gives them (none for a question).
    pub colonne: &'static [Colonna],
    /// The numbers the row holds, in order: every column of a numeric kind.
    pub columns: Vec<Column>,
    /// Whether the rules compute every value of the row (R0B, R04, R09).
    pub derived: bool,
}

impl Row {
    /// The values the row holds, named for messages, with how each is stored.
    pub fn columns(&self) -> &[Column] {
        &self.columns
    }

    /// The length of this row's code at the start of `text` (`ROA - ...`,
    /// `R00C ‐ ...`, `R16 SI`), if the line starts with it.
    pub fn code_len(&self, text: &str) -> Option<usize> {
        self.spellings
            .iter()
            .find(|s| starts_with_code(text, s))
            .map(|s| s.len())
    }

    /// The model field of column `i` (`None` for a row of one value).
    pub fn campo(&self, i: usize) -> Option<&'static str> {
        self.colonne.get(i).and_then(|c| c.campo.as_deref())
    }
}

/// Whether `text` starts with `code` as a whole token (followed by the end,
/// a space or a dash).
fn starts_with_code(text: &str, code: &str) -> bool {
    text.strip_prefix(code)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '-']))
}

/// The row codes of every edition of the templates a text is read with,
/// each with its spellings: what a text is recognised by before its
/// edition is known. The templates come along, for what else the reader
/// asks of its editions.
#[derive(Debug, Clone)]
pub(super) struct Codes(Vec<(&'static str, Vec<&'static str>)>, Templates);

impl Codes {
    /// The codes of every edition of `templates`.
    pub fn of(templates: &Templates) -> Codes {
        let mut out: Vec<(&'static str, Vec<&'static str>)> = Vec::new();
        for ed in templates.editions() {
            let d = ed.description();
            let codes = d
                .righe()
                .map(|(_, r)| r.codice.as_str())
                .chain(d.domande().map(|(c, _)| c));
            for code in codes {
                let spellings = d.spellings_of(code);
                match out.iter_mut().find(|(c, _)| *c == code) {
                    Some((_, known)) => {
                        for s in spellings {
                            if !known.contains(&s) {
                                known.push(s);
                            }
                        }
                    }
                    None => out.push((code, spellings)),
                }
            }
        }
        Codes(out, templates.clone())
    }

    /// The templates the codes come from.
    pub fn templates(&self) -> &Templates {
        &self.1
    }

    /// Their editions, oldest first.
    pub fn editions(&self) -> &[Edizione] {
        self.1.editions()
    }

    /// The known code (any edition, any spelling) a line starts with, if
    /// any; returns the code as the model names it.
    pub fn prefix(&self, text: &str) -> Option<&'static str> {
        self.0
            .iter()
            .find(|(_, spellings)| spellings.iter().any(|s| starts_with_code(text, s)))
            .map(|(code, _)| *code)
    }
}

/// The known code (any edition, any spelling) a line starts with, if any.
#[cfg(test)]
pub(super) fn code_prefix(text: &str) -> Option<&'static str> {
    Codes::of(&Templates::builtin()).prefix(text)
}

/// A label as matched after the code: the printed label without the code
/// it starts with, opened by a dash (which the text may leave out: `R02
/// Numero` and `R02 - Numero` are the same label).
fn label_key(label: &str, spellings: &[&str]) -> Key {
    let rest = spellings
        .iter()
        .find(|s| starts_with_code(label, s))
        .map_or(label, |s| &label[s.len()..])
        .trim_start();
    if rest.starts_with('-') {
        Key::new(rest)
    } else {
        Key::new(&format!("- {rest}"))
    }
}

/// The year a header names: the header itself or its last word, when a
/// number (`2020`, `Numero di utenti serviti - 2019`).
fn header_year(header: &str) -> Option<&str> {
    let last = header.split_whitespace().next_back()?;
    is_number(last).then_some(last)
}

/// A column's name in messages: users, hours and means with the year of
/// their header (`utenti 2019`, `media ore 2024`), staff counts and amounts
/// printed under a year by that year (`2020`, `2017`), other values by
/// their kind (`abitanti`, `euro`).
fn column_name(c: &Colonna) -> String {
    let word = match c.tipo {
        Tipo::Media => "media ore",
        t => t.name(),
    };
    let header = c.intestazione.as_deref();
    match c.tipo {
        Tipo::Utenti | Tipo::Ore | Tipo::Media => match header.and_then(header_year) {
            Some(year) => format!("{word} {year}"),
            None => word.to_string(),
        },
        Tipo::Personale | Tipo::Euro => match header {
            Some(h) if is_number(h) => h.to_string(),
            _ => word.to_string(),
        },
        _ => word.to_string(),
    }
}

/// The row of the description `riga` of quadro `quadro`.
fn row(riga: &'static crate::form::Riga, quadro: u8, ed: &'static crate::form::Edition) -> Row {
    let code = riga.codice.as_str();
    let spellings = ed.spellings_of(code);
    let labels = std::iter::once(&riga.etichetta)
        .chain(&riga.varianti)
        .map(|l| label_key(l, &spellings))
        .collect();
    let mut headers = Vec::new();
    let mut header_years = Vec::new();
    for c in &riga.colonne {
        // A bare number among the variants is printed by some page above
        // the value: not matched as a header (a value may be the same
        // number), only skipped when the row has one number too many.
        let wordings: Vec<Key> = c
            .intestazione
            .iter()
            .chain(c.varianti.iter().filter(|v| !is_number(v)))
            .map(|h| Key::new(h))
            .collect();
        if !wordings.is_empty() {
            headers.push(wordings);
        }
        let year = c
            .intestazione
            .as_deref()
            .and_then(header_year)
            .or_else(|| c.varianti.iter().find(|v| is_number(v)).map(String::as_str));
        header_years.extend(year.map(str::to_string));
    }
    let printed: Vec<&str> = riga
        .colonne
        .iter()
        .filter_map(|c| c.intestazione.as_deref())
        .collect();
    let columns = riga
        .colonne
        .iter()
        .filter_map(|c| {
            col_of(c.tipo).map(|col| Column {
                name: column_name(c),
                col,
            })
        })
        .collect();
    Row {
        code,
        kind: Kind::of(&riga.colonne),
        quadro,
        spellings,
        labels,
        headers,
        header_years,
        bare: !printed.is_empty() && printed.iter().all(|h| is_number(h)),
        colonne: &riga.colonne,
        columns,
        derived: riga.derivata
            || !riga.colonne.is_empty() && riga.colonne.iter().all(|c| c.derivata),
    }
}

/// The rows of `ed` in the form's order, Quadro 4 questions included: the
/// rows and questions of its description. A question is found by its code
/// alone (its answer follows the code), so it has no label to match.
pub(super) fn rows(ed: Edizione) -> Vec<Row> {
    let d = ed.description();
    let mut out = Vec::new();
    for q in &d.quadri {
        for v in &q.voci {
            match &v.kind {
                VoceKind::Riga(r) => out.push(row(r, q.numero, d)),
                VoceKind::Domanda { codice, .. } => out.push(Row {
                    code: codice,
                    kind: Kind::Sino,
                    quadro: q.numero,
                    spellings: d.spellings_of(codice),
                    labels: Vec::new(),
                    headers: Vec::new(),
                    header_years: Vec::new(),
                    bare: false,
                    colonne: &[],
                    columns: Vec::new(),
                    derived: false,
                }),
                _ => {}
            }
        }
    }
    out
}

/// Every column-header phrase of `rows`, longest first: a line made of
/// these alone is a header line, never data.
pub(super) fn header_phrases(rows: &[Row]) -> Vec<Key> {
    let mut keys: Vec<Key> = Vec::new();
    for key in rows
        .iter()
        .flat_map(|r| r.headers.iter().flatten().cloned())
    {
        if !keys.contains(&key) && !key_is_number(&key) {
            keys.push(key);
        }
    }
    keys.sort_by_key(|k| std::cmp::Reverse(k.len()));
    keys
}

fn key_is_number(key: &Key) -> bool {
    is_number(&key.text())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn every_edition_lists_its_rows_in_order() {
        let codes = |ed| rows(ed).iter().map(|r| r.code).collect::<Vec<_>>();
        let soc25 = codes(Edizione::builtin("SOC25"));
        assert_eq!(soc25.len(), 22 + 7 + 3 + 3 + 7 + 24 + 1);
        assert_eq!(&soc25[20..24], ["R0A", "R0B", "R0C", "R0D"]);
        assert_eq!(soc25.last(), Some(&"R40"));
        assert!(!soc25.contains(&"R02X"));
        let soc26 = codes(Edizione::builtin("SOC26"));
        assert_eq!(&soc26[28..32], ["R02", "R02X", "R02Y", "R02A"]);
        assert_eq!(soc26.last(), Some(&"R16"));
    }

    #[test]
    fn codes_are_recognised_in_every_spelling() {
        for (text, code) in [
            ("ROA - Utenti Multiutenza", Some("R0A")),
            ("R00C - Denominazione ATS", Some("R0C")),
            ("R15 -TOTALE", Some("R15")),
            ("R01B - Numero", Some("R01B")),
            ("R01 - Numero", Some("R01")),
            ("R16 SI", Some("R16")),
            ("R40", Some("R40")),
            ("R08, l'ente locale", None),
            ("R41 - x", None),
            ("M13 - x", None),
            ("(R04>=R05)", None),
        ] {
            assert_eq!(code_prefix(text), code, "{text}");
        }
        let r0c = rows(Edizione::builtin("SOC25"))
            .into_iter()
            .find(|r| r.code == "R0C")
            .unwrap();
        assert_eq!(r0c.code_len("R00C - Denominazione"), Some(4));
        assert_eq!(r0c.code_len("R0D - Ente"), None);
    }
}
