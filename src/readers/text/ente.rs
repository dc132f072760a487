//! Who compiled the form, and when: the page-1 header block (`Denominazione`,
//! `Codice indentificativo`, `Data ultima modifica`), the IFEL page's
//! `Comune SONDRIO (SO)` and the date in the page footers
//! (`Pagina 4 di 7 Data 25/03/2025 11:18`).
//!
//! The header block is read before the first row only, its values on the
//! label's line or, when the labels were extracted as one column and the
//! values as another, on the lines that follow. A field left empty prints
//! nothing, so such a column of values may be shorter than the labels: a date
//! goes to `Data ultima modifica` and the labels still waiting before it are
//! empty; other values go to the labels in order. `Data ultima modifica` wins
//! over a footer date.

use std::collections::VecDeque;

use crate::form::{CampoEnte, Intestazione};
use crate::messages::{Message, kind};
use crate::model::{DataOra, Edizione, Ente};

use super::context::Diags;
use super::lines::{self, Furniture, Line};

/// The labels of the header block's lines and their other wordings, lower
/// case, and their fields ([`Intestazione::stampate`]; the province has no
/// line of its own).
fn labels() -> Vec<(String, CampoEnte)> {
    Intestazione::stampate()
        .flat_map(|i| i.etichette().map(|l| (l.to_lowercase(), i.campo)))
        .collect()
}

/// Read the Comune and the date from the lines before the first row
/// (`first`) and from the footers.
pub(super) fn read(lines: &[Line], first: usize, ed: Edizione, ente: &mut Ente, d: &mut Diags) {
    let labels = labels();
    let mut modified = None;
    header_block(lines, first, ed, &labels, ente, &mut modified, d);
    ente_sheet(lines, &labels, ente, &mut modified, d);
    let footer = footer_date_of(lines, d);
    ente.data = modified.or(footer);
}

/// The header block, the lines before the first row (`first`): its labels
/// with their values, on the label's line or in a column of values after
/// the labels; `modified` gets `Data ultima modifica`.
fn header_block(
    lines: &[Line],
    first: usize,
    ed: Edizione,
    labels: &[(String, CampoEnte)],
    ente: &mut Ente,
    modified: &mut Option<DataOra>,
    d: &mut Diags,
) {
    let mut pending: VecDeque<CampoEnte> = VecDeque::new();
    let mut joined = None;
    for (i, line) in lines.iter().enumerate().take(first) {
        if line.is_blank() || joined == Some(i) {
            continue;
        }
        // A label broken in its cell (`Codice` / `indentificativo`): the
        // two lines read as one.
        let broken = broken_label(labels, lines, i, first);
        let line = match &broken {
            Some((next, whole)) => {
                joined = Some(*next);
                whole
            }
            None => line,
        };
        // The header block ends at the Quadro 1 intro: a label still waiting
        // for its value there is a field the form leaves empty.
        if line.text.starts_with("Ciascun Comune") {
            pending.clear();
            continue;
        }
        if let Some((name, prov)) = lines::comune(&line.text) {
            ente.denominazione = Some(name);
            ente.provincia = Some(prov);
            continue;
        }
        // A header block of the user's own: `Comune SONDRIO`, `Provincia SO`.
        if let Some(name) =
            own_label(&line.text, "comune").filter(|n| !n.chars().any(char::is_lowercase))
        {
            ente.denominazione.get_or_insert_with(|| name.to_string());
            continue;
        }
        if let Some(prov) = own_label(&line.text, CampoEnte::Provincia.etichetta())
            .filter(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_alphabetic()))
        {
            ente.provincia.get_or_insert_with(|| prov.to_uppercase());
            continue;
        }
        let label = labels.iter().find_map(|(l, field)| {
            let value = strip_prefix_ci(&line.text, l)?;
            (value.is_empty() || value.starts_with(' ')).then_some((value.trim(), *field))
        });
        if let Some((value, field)) = label {
            if value.is_empty() {
                pending.push_back(field);
            } else {
                set(field, value, line.no, ente, modified, d);
            }
        } else if line.furniture.is_none()
            && !pending.is_empty()
            && !lines::is_band_line(&line.text, ed)
        {
            // A field left empty prints nothing, so a column of values may
            // be shorter than the column of labels: a date belongs to `Data
            // ultima modifica`, and the labels waiting before it are empty.
            let is_date = DataOra::parse_it(&line.text).is_some();
            let data = pending.iter().position(|f| *f == CampoEnte::Data);
            let field = match data {
                Some(i) if is_date => pending.drain(..=i).next_back(),
                _ => pending.pop_front(),
            };
            if let Some(field) = field {
                set(field, &line.text, line.no, ente, modified, d);
            }
        }
    }
}

/// The `Ente` sheet of a workbook printed to PDF, after the form:
/// `Denominazione X`, `Provincia P`, ... under `Campo Valore`; only the
/// fields the header block did not give.
fn ente_sheet(
    lines: &[Line],
    labels: &[(String, CampoEnte)],
    ente: &mut Ente,
    modified: &mut Option<DataOra>,
    d: &mut Diags,
) {
    if let Some(start) = lines.iter().position(|l| {
        l.furniture == Some(Furniture::Closing)
            && l.text
                .eq_ignore_ascii_case(&crate::form::sheets::ENTE_COLUMNS.join(" "))
    }) {
        for line in lines.iter().skip(start + 1) {
            if let Some(prov) = strip_prefix_ci(&line.text, CampoEnte::Provincia.etichetta())
                .and_then(|rest| rest.strip_prefix(' '))
            {
                ente.provincia
                    .get_or_insert_with(|| prov.trim().to_string());
                continue;
            }
            let Some((value, field)) = labels.iter().find_map(|(l, field)| {
                let value = strip_prefix_ci(&line.text, l)?.strip_prefix(' ')?;
                Some((value.trim(), *field))
            }) else {
                continue;
            };
            let unset = match field {
                CampoEnte::Denominazione => ente.denominazione.is_none(),
                CampoEnte::Provincia => ente.provincia.is_none(),
                CampoEnte::Codice => ente.codice.is_none(),
                CampoEnte::Data => modified.is_none(),
            };
            if unset && !value.is_empty() {
                set(field, value, line.no, ente, modified, d);
            }
        }
    }
}

/// The date of the page footers, the first one found; a caution for each
/// footer whose date differs from it.
fn footer_date_of(lines: &[Line], d: &mut Diags) -> Option<DataOra> {
    let mut footer: Option<(DataOra, usize)> = None;
    for line in lines
        .iter()
        .filter(|l| l.furniture == Some(Furniture::Footer))
    {
        let Some(date) = footer_date(&line.text) else {
            continue;
        };
        match footer {
            None => footer = Some((date, line.no)),
            Some((first, no)) if first != date => d.caution(
                line.no,
                Message::new(
                    kind::FOOTER_DATE_DIFFERS,
                    [
                        ("date", date.format_it().into()),
                        ("first", first.format_it().into()),
                        ("line", no.into()),
                    ],
                ),
                None,
            ),
            Some(_) => {}
        }
    }
    footer.map(|f| f.0)
}

/// The value after `label` (any case) and a space on a line, if any.
fn own_label<'a>(text: &'a str, label: &str) -> Option<&'a str> {
    let value = strip_prefix_ci(text, label)?.strip_prefix(' ')?.trim();
    (!value.is_empty()).then_some(value)
}

/// Line `i` and the next non-blank line before `first` as one line, when
/// line `i` is the start of a header-block label and the two lines make
/// the whole label: the next line's index, and the joined line.
fn broken_label(
    labels: &[(String, CampoEnte)],
    lines: &[Line],
    i: usize,
    first: usize,
) -> Option<(usize, Line)> {
    let line = lines.get(i)?;
    let lower = line.text.to_lowercase();
    let starts_label = labels.iter().any(|(l, _)| {
        l.len() > lower.len()
            && l.starts_with(&lower)
            && l.as_bytes().get(lower.len()) == Some(&b' ')
    });
    if !starts_label {
        return None;
    }
    let (next, after) = lines
        .iter()
        .enumerate()
        .take(first)
        .skip(i + 1)
        .find(|(_, l)| !l.is_blank())?;
    let whole = format!("{} {}", line.text, after.text);
    let whole_lower = whole.to_lowercase();
    labels
        .iter()
        .any(|(l, _)| whole_lower.starts_with(l))
        .then(|| {
            (
                next,
                Line {
                    text: whole,
                    ..line.clone()
                },
            )
        })
}

/// `text` without the ASCII `prefix`, compared ignoring case.
fn strip_prefix_ci<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    let rest = text.get(prefix.len()..)?;
    head.eq_ignore_ascii_case(prefix).then_some(rest)
}

/// `(LP)`: a province printed without a name.
fn province_alone(value: &str) -> Option<String> {
    let prov = value.trim().strip_prefix('(')?.strip_suffix(')')?.trim();
    (prov.len() == 2 && prov.chars().all(|c| c.is_ascii_alphabetic()))
        .then(|| prov.to_ascii_uppercase())
}

fn set(
    field: CampoEnte,
    value: &str,
    no: usize,
    ente: &mut Ente,
    modified: &mut Option<DataOra>,
    d: &mut Diags,
) {
    match field {
        // `Denominazione SONDRIO (SO)`: the province where it is printed.
        CampoEnte::Denominazione => match lines::comune(&format!("Comune {value}")) {
            Some((name, prov)) => {
                ente.denominazione = Some(name);
                ente.provincia = Some(prov);
            }
            // `Denominazione (LP)`: a province, the name left blank.
            None => match province_alone(value) {
                Some(prov) => ente.provincia = Some(prov),
                None => ente.denominazione = Some(value.to_string()),
            },
        },
        CampoEnte::Provincia => ente.provincia = Some(value.to_uppercase()),
        CampoEnte::Codice => ente.codice = Some(value.to_string()),
        CampoEnte::Data => match DataOra::parse_it(value) {
            Some(date) => *modified = Some(date),
            None => d.fail(
                no,
                Message::new(kind::NOT_A_DATE, [("value", value.into())]),
                None,
            ),
        },
    }
}

/// The date of a footer line (`... Data 25/03/2025 11:18`).
fn footer_date(text: &str) -> Option<DataOra> {
    let words: Vec<&str> = text.split(' ').collect();
    let i = words.iter().position(|w| w.eq_ignore_ascii_case("data"))?;
    let date = words.get(i + 1)?;
    if !lines::is_date(date) {
        return None;
    }
    match words.get(i + 2) {
        Some(time) => DataOra::parse_it(&format!("{date} {time}")),
        None => DataOra::parse_it(date),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::readers::text::lines::split_builtin as split;

    fn ente(text: &str) -> (Ente, Diags) {
        let lines = split(text);
        let first = lines
            .iter()
            .position(|l| l.text.starts_with("M12"))
            .unwrap();
        let mut e = Ente::default();
        let mut d = Diags::default();
        read(&lines, first, Edizione::builtin("SOC25"), &mut e, &mut d);
        (e, d)
    }

    #[test]
    fn reads_the_header_block_on_one_line_or_two() {
        let (e, d) = ente(
            "Denominazione\tCUMIGNANO SUL NAVIGLIO\nCodice indentificativo\tCR039SIF11WQ\nData ultima modifica\t20/03/2026 10:30\nM12",
        );
        assert_eq!(e.denominazione.as_deref(), Some("CUMIGNANO SUL NAVIGLIO"));
        assert_eq!(e.codice.as_deref(), Some("CR039SIF11WQ"));
        assert_eq!(e.data.unwrap().to_string(), "2026-03-20T10:30");
        assert!(d.errors.is_empty() && d.warnings.is_empty());

        let (e, _) = ente(
            "Denominazione\nCodice indentificativo\nData ultima modifica\nCUMIGNANO\nCR039\n20/03/2026 10:30\nQuadro 1\nM12\nPagina 1 di 7 Data 21/03/2026 09:00",
        );
        assert_eq!(e.denominazione.as_deref(), Some("CUMIGNANO"));
        assert_eq!(e.codice.as_deref(), Some("CR039"));
        assert_eq!(e.data.unwrap().to_string(), "2026-03-20T10:30");
    }

    #[test]
    fn the_footer_gives_the_date_and_differing_footers_warn() {
        let (e, d) =
            ente("M12\nPagina 4 di 7 Data 25/03/2025 11:18\nPagina 5 di 7 Data 26/03/2025 11:18");
        assert_eq!(e.data.unwrap().to_string(), "2025-03-25T11:18");
        assert_eq!(d.warnings.len(), 1);
        assert!(
            d.warnings[0].message.contains("differs"),
            "{:?}",
            d.warnings
        );
    }

    #[test]
    fn a_bad_modification_date_is_an_error() {
        let (_, d) = ente("Data ultima modifica 32/03/2026 10:30\nM12");
        assert_eq!(d.errors.len(), 1);
        assert!(d.errors[0].message.contains("is not a date"));
    }
}
