//! Reading a multi-Comune workbook: a header row of field paths
//! (`edizione`, `quadro1.M12.utenti`, ...) and one form per row below it.
//!
//! Each row becomes a JSON value that the model's own deserialiser reads,
//! so the columns follow `model/mod.rs`; what a column takes (text, whole
//! number, decimal, SI/NO, date) comes from the model too
//! ([`crate::writers::xlsx::paths`]).

use std::collections::BTreeMap;
use std::str::FromStr;

use serde_json::{Map, Number, Value};

use super::cells::{Conv, Sheet, fold};
use crate::diagnostic::{Diagnostic, Error, Location, Result, Warned};
use crate::model::{Edizione, SCHEMA_VERSION, Scheda};
use crate::writers::xlsx::paths::{self, Kind};

/// The header row of a multi-Comune sheet, if `sheet` is one: its first
/// row holds `edizione` and paths such as `quadro1.M12.utenti`.
pub(super) fn header_row(sheet: &Sheet) -> Option<u32> {
    let row = sheet.rows().next()?;
    let texts: Vec<String> = (0..sheet.width())
        .filter_map(|col| sheet.text(row, col).map(fold))
        .collect();
    let has_edizione = texts.iter().any(|t| t == "edizione");
    let has_paths = texts
        .iter()
        .any(|t| t.starts_with("quadro") && t.contains('.'));
    (has_edizione && has_paths).then_some(row)
}

/// Read every form of a multi-Comune sheet whose header is in `header`.
pub(super) fn read(sheet: &Sheet, header: u32) -> Result<Warned<Vec<Scheda>>> {
    let known = paths::known();
    let mut conv = Conv::default();
    let mut columns: Vec<(u32, &str, Kind)> = Vec::new();
    for col in 0..sheet.width() {
        let Some(text) = sheet.text(header, col).map(str::trim) else {
            continue;
        };
        if text.is_empty() {
            continue;
        }
        let entry = known
            .get_key_value(text)
            .or_else(|| known.iter().find(|(p, _)| p.eq_ignore_ascii_case(text)));
        match entry {
            Some((path, _)) if columns.iter().any(|(_, p, _)| p == path) => {
                conv.errors.push(
                    Diagnostic::error(format!("column `{path}` appears twice"))
                        .at(sheet.at(header, col)),
                );
            }
            Some((path, kind)) => columns.push((col, path.as_str(), *kind)),
            None => conv.errors.push(
                Diagnostic::error(format!("unknown field `{text}` in the header row"))
                    .at(sheet.at(header, col))
                    .with_hint(
                        "the header row holds the model's field paths, such as `edizione` or \
                         `quadro1.M12.utenti` (see docs/model.md)",
                    ),
            ),
        }
    }
    if !conv.errors.is_empty() {
        return Err(Error::many(conv.errors));
    }
    let mut schede = Vec::new();
    for row in sheet.rows().skip_while(|&r| r <= header) {
        if columns
            .iter()
            .all(|(col, _, _)| sheet.get(row, *col).is_blank() && !sheet.has_formula(row, *col))
        {
            continue;
        }
        if let Some(s) = read_row(sheet, row, &columns, &mut conv) {
            schede.push(s);
        }
    }
    if !conv.errors.is_empty() {
        return Err(Error::many(conv.errors).with_warnings(conv.warnings));
    }
    if schede.is_empty() {
        return Err(Error::new(
            Diagnostic::error(format!(
                "no forms below the header row of sheet \"{}\"",
                sheet.name
            ))
            .at(sheet.at(header + 1, 0))
            .with_hint("write one form per row, below the row of field paths"),
        ));
    }
    Ok(Warned {
        value: schede,
        warnings: conv.warnings,
    })
}

/// One form from one row; `None` (with errors in `conv`) when it is wrong.
fn read_row(
    sheet: &Sheet,
    row: u32,
    columns: &[(u32, &str, Kind)],
    conv: &mut Conv,
) -> Option<Scheda> {
    let errors_before = conv.errors.len();
    let mut doc = Value::Object(Map::new());
    let mut cells: BTreeMap<String, Location> = BTreeMap::new();
    for &(col, path, kind) in columns {
        cells.insert(pointer_of(path), sheet.at(row, col));
        let value = match kind {
            Kind::Text => conv.text(sheet, row, col, path).map(Value::String),
            Kind::DateTime => conv
                .date(sheet, row, col, path)
                .map(|d| Value::String(d.to_string())),
            Kind::Integer => conv
                .whole(sheet, row, col, path)
                .map(|v| Value::Number(v.into())),
            Kind::Decimal => conv
                .decimal(sheet, row, col, path)
                .and_then(|d| Number::from_str(&d.to_string()).ok())
                .map(Value::Number),
            Kind::Bool => conv.yes_no(sheet, row, col, path).map(Value::Bool),
        };
        if let Some(value) = value {
            paths::set(&mut doc, path, value);
        }
    }
    let edizione = doc
        .get("edizione")
        .and_then(Value::as_str)
        .map(Edizione::from_str);
    let edizione = match edizione {
        Some(Ok(ed)) => ed,
        other => {
            let found = match other {
                Some(Err(_)) => doc["edizione"].to_string(),
                _ => "an empty cell".into(),
            };
            let at = cells
                .get("/edizione")
                .cloned()
                .unwrap_or_else(|| sheet.at(row, 0));
            conv.errors.push(
                Diagnostic::error(format!("edizione: expected SOC25 or SOC26, found {found}"))
                    .at(at),
            );
            return None;
        }
    };
    if conv.errors.len() > errors_before {
        return None;
    }
    if let Value::Object(map) = &mut doc {
        map.entry("anno")
            .or_insert_with(|| Value::Number(edizione.anno().into()));
        map.entry(paths::SCHEMA_VERSION)
            .or_insert_with(|| Value::Number(SCHEMA_VERSION.into()));
    }
    let scheda: Scheda = match serde_path_to_error::deserialize(&doc) {
        Ok(s) => s,
        Err(e) => {
            let pointer = pointer_of(&e.path().to_string());
            let at = super::form::cell_of(&cells, &pointer).unwrap_or_else(|| sheet.at(row, 0));
            conv.errors
                .push(Diagnostic::error(format!("invalid form: {}", e.inner())).at(at));
            return None;
        }
    };
    let problems = scheda.validate();
    if problems.is_empty() {
        return Some(scheda);
    }
    for mut d in problems {
        if let Some(Location::Pointer { pointer }) = &d.location {
            d.location =
                Some(super::form::cell_of(&cells, pointer).unwrap_or_else(|| sheet.at(row, 0)));
        }
        conv.errors.push(d);
    }
    None
}

/// `quadro1.M12.utenti` -> `/quadro1/M12/utenti`.
fn pointer_of(path: &str) -> String {
    if path.is_empty() || path == "." {
        return String::new();
    }
    path.split('.').map(|seg| format!("/{seg}")).collect()
}
