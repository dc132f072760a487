//! What the reader looks for in a row's cells, column by column of the
//! edition's description: the header words ([`Tag`]) a column answers to,
//! the name a message gives it (`row M35 (utenti 2024)`), and how its cell
//! is read (by the column's kind).

use super::cells::{Cell, Conv, Sheet, fold};
use super::locate::{Tag, tag};
use crate::form::{Colonna, Tipo};
use crate::messages::Arg;
use crate::model::Valore;

/// The header words under which a column of a row of several values is
/// looked for: its own header's, and the words people write for it.
pub(super) fn accepts(c: &Colonna) -> Vec<Tag> {
    let own = c.intestazione.as_deref().and_then(tag);
    match (own, c.tipo) {
        (Some(Tag::Utenti), _) => vec![Tag::Utenti, Tag::Numero, Tag::Anno],
        (Some(Tag::Anno), _) => vec![Tag::Anno, Tag::Numero, Tag::Valore],
        (Some(Tag::Modalita), _) => vec![Tag::Modalita, Tag::Descrizione],
        (Some(Tag::Descrizione), _) | (None, Tipo::Testo) => {
            vec![Tag::Descrizione, Tag::Modalita]
        }
        (Some(t), _) => vec![t],
        (None, _) => Vec::new(),
    }
}

/// The header words preferred for the value of a row of one value.
pub(super) fn prefer(c: &Colonna) -> Vec<Tag> {
    let own = c.intestazione.as_deref().and_then(tag);
    match c.tipo {
        Tipo::Testo | Tipo::Relazione => Vec::new(),
        Tipo::RapportoAts => vec![Tag::Valore],
        Tipo::Rapporto | Tipo::Personale | Tipo::Percentuale => {
            vec![Tag::Anno, Tag::Valore, Tag::Numero]
        }
        Tipo::Abitanti => vec![Tag::Valore, Tag::Anno],
        Tipo::Euro => match own {
            Some(t) => vec![t, Tag::Valore],
            None => vec![Tag::Valore, Tag::Spesa, Tag::Anno],
        },
        Tipo::Sino => vec![Tag::Risposta],
        Tipo::Utenti | Tipo::Ore | Tipo::Media => own.into_iter().chain([Tag::Valore]).collect(),
    }
}

/// The column's name in messages: `utenti 2024`, `2020`, `spesa
/// aggiuntiva`, `euro`.
pub(super) fn name(c: &Colonna, single: bool, anno: i32) -> String {
    let header = c.intestazione.as_deref().unwrap_or("");
    // The year a header names, last (`Numero di utenti serviti - 2019`).
    let year = header
        .split(|ch: char| !ch.is_ascii_digit())
        .rfind(|w| w.len() == 4)
        .map_or_else(|| anno.to_string(), str::to_string);
    let counted = match c.tipo {
        Tipo::Utenti => Some("utenti"),
        Tipo::Ore => Some("ore"),
        Tipo::Media => Some("media ore"),
        _ => None,
    };
    if let Some(what) = counted {
        return format!("{what} {year}");
    }
    if single {
        return match c.tipo {
            Tipo::Testo => "testo".into(),
            Tipo::Relazione => "relazione".into(),
            Tipo::Sino => "risposta".into(),
            Tipo::Euro => "euro".into(),
            Tipo::Abitanti | Tipo::Rapporto | Tipo::RapportoAts => "abitanti".into(),
            _ => year,
        };
    }
    if !header.is_empty() && header.chars().all(|ch| ch.is_ascii_digit()) {
        return header.to_string();
    }
    let words: Vec<String> = header.split_whitespace().map(str::to_lowercase).collect();
    match words.as_slice() {
        [] => c.campo.as_deref().unwrap_or("valore").replace('_', " "),
        [_] | [_, _] => words.join(" "),
        [first, ..] => first.clone(),
    }
}

/// Read the cell at (`row`, `col`) of `sheet` as column `c` takes it.
pub(super) fn read(
    conv: &mut Conv,
    sheet: &Sheet,
    row: u32,
    col: u32,
    c: &Colonna,
    what: &Arg,
) -> Option<Valore> {
    match c.tipo {
        Tipo::Utenti | Tipo::Ore | Tipo::Abitanti => {
            conv.whole(sheet, row, col, what).map(Valore::Intero)
        }
        Tipo::Rapporto | Tipo::RapportoAts => {
            ratio(conv, sheet, row, col, what).map(Valore::Intero)
        }
        Tipo::Media | Tipo::Personale | Tipo::Percentuale | Tipo::Euro => {
            conv.decimal(sheet, row, col, what).map(Valore::Decimale)
        }
        Tipo::Testo | Tipo::Relazione => conv.text(sheet, row, col, what).map(Valore::Testo),
        Tipo::Sino => conv.yes_no(sheet, row, col, what).map(Valore::SiNo),
    }
}

/// `1 assistente sociale ogni: 2569 abitanti`, `1:1331`, `NON CALCOLABILE`
/// or a number.
fn ratio(conv: &mut Conv, sheet: &Sheet, row: u32, col: u32, what: &Arg) -> Option<u64> {
    let cell = conv.cell(sheet, row, col);
    if let Cell::Text(t) = cell {
        if fold(t).contains("non calcolabile") {
            return None;
        }
        if let Some((_, after)) = t.rsplit_once(':') {
            let n = fold(after).replace("abitanti", "");
            return conv.whole_of(&Cell::Text(n.trim()), sheet, row, col, what);
        }
    }
    conv.whole_of(&cell, sheet, row, col, what)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Edizione;

    #[test]
    fn columns_are_named_as_before() {
        let ed = Edizione::builtin("SOC25").description();
        let names = |code: &str| -> Vec<String> {
            let r = ed.riga(code).unwrap();
            let single = r.colonne.len() == 1;
            r.colonne.iter().map(|c| name(c, single, 2024)).collect()
        };
        assert_eq!(
            names("M12"),
            ["utenti 2019", "utenti 2024", "ore 2024", "media ore 2024"]
        );
        assert_eq!(names("R01"), ["2020", "2024"]);
        assert_eq!(names("R07"), ["2017", "2021"]);
        assert_eq!(names("R10"), ["numero", "modalità", "spesa aggiuntiva"]);
        assert_eq!(names("R12"), ["descrizione", "spesa aggiuntiva"]);
        assert_eq!(names("R0E"), ["abitanti"]);
        assert_eq!(names("R01A"), ["2024"]);
        assert_eq!(names("R13"), ["euro"]);
        assert_eq!(names("R40"), ["relazione"]);
    }
}
