//! The outside corpus (tests/outside/, issue 18): files made by programs
//! other than scheda (openpyxl, LibreOffice, reportlab, Chromium, Python's
//! csv, pdftotext), each from one seed's model (an ATS table one seed per
//! row). Every file listed in tests/outside/manifest.json must read, through
//! the `scheda` binary, to the model of the seed it was made from, changed
//! only where the manifest says the file cannot carry the seed's value.
//! One failing file does not hide the others: every mismatch is collected
//! and reported at once.

use std::path::{Path, PathBuf};

use rust_decimal::Decimal;
use serde_json::Value;

use crate::util::{SEEDS, fixture, p, scheda, stderr, tempdir};

/// Most field mismatches listed per file.
const MAX_DIFFS: usize = 8;

/// `tests/outside/`.
fn outside() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("outside")
}

/// The manifest's entries.
fn manifest() -> Vec<Value> {
    let path = outside().join("manifest.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut json: Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()));
    match json.get_mut("files").map(Value::take) {
        Some(Value::Array(files)) => files,
        _ => panic!("{}: expected a `files` array", path.display()),
    }
}

fn text<'a>(entry: &'a Value, key: &str) -> &'a str {
    entry[key]
        .as_str()
        .unwrap_or_else(|| panic!("manifest entry {entry}: `{key}` is not a string"))
}

fn strings<'a>(entry: &'a Value, key: &str) -> Vec<&'a str> {
    entry[key]
        .as_array()
        .unwrap_or_else(|| panic!("manifest entry {entry}: `{key}` is not an array"))
        .iter()
        .map(|v| v.as_str().expect("an array of strings"))
        .collect()
}

/// The model of seed `nnn` (`"004"`) as the fixture gives it, and as
/// scheda writes it: its derived values at the form's precision (seed 004's
/// whole means with two decimals, its R04 `33,629149` as `33,63`). A file
/// is read through scheda's JSON Lines writer, so a derived value may come
/// out either way: a spreadsheet cell holding `72` is exactly 72,00, which
/// the writer keeps, while a text's `72` is a mean printed without its
/// decimals, which the writer completes.
fn seed_models(nnn: &str) -> (Value, Value) {
    let stem = SEEDS
        .iter()
        .find(|s| s.starts_with(nnn))
        .unwrap_or_else(|| panic!("no seed {nnn}"));
    let path = fixture(&format!("{stem}.expected.json"));
    let bytes = std::fs::read(&path).unwrap();
    let mut model = scheda::readers::json::read(&bytes).unwrap().value;
    scheda::rules::settle_precision(&mut model);
    let written = scheda::writers::json::write(&model).unwrap();
    (
        serde_json::from_slice(&bytes).unwrap(),
        serde_json::from_slice(&written).unwrap(),
    )
}

/// The model a file made from `seed` must read to: the seed's, with the
/// manifest's `differs` for that seed applied.
fn expected(entry: &Value, seed: &str) -> (Value, Value) {
    let (mut given, mut written) = seed_models(seed);
    for d in entry["differs"].as_array().into_iter().flatten() {
        if d["seed"].as_str() != Some(seed) {
            continue;
        }
        let pointer = text(d, "pointer");
        for model in [&mut given, &mut written] {
            let slot = model
                .pointer_mut(pointer)
                .unwrap_or_else(|| panic!("{}: no {pointer} in seed {seed}", text(entry, "file")));
            *slot = d["value"].clone();
        }
    }
    (given, written)
}

/// Whether two JSON numbers are the same value (`72` and `72.00`).
fn same_number(a: &serde_json::Number, b: &serde_json::Number) -> bool {
    match (
        a.to_string().parse::<Decimal>(),
        b.to_string().parse::<Decimal>(),
    ) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

/// Every difference between the expected model (as given, or as scheda
/// writes it: `alt`) and the read one, as `pointer: expected X, found Y`;
/// an absent key is the same as `null`.
fn diff(expected: &Value, alt: &Value, found: &Value, at: &str, out: &mut Vec<String>) {
    let null = Value::Null;
    match (expected, found) {
        (Value::Object(e), Value::Object(f)) => {
            let mut keys: Vec<&String> = e.keys().collect();
            keys.extend(f.keys().filter(|k| !e.contains_key(*k)));
            for k in keys {
                let (x, y) = (e.get(k).unwrap_or(&null), f.get(k).unwrap_or(&null));
                diff(x, alt.get(k).unwrap_or(&null), y, &format!("{at}/{k}"), out);
            }
        }
        (Value::Number(x), Value::Number(y)) if same_number(x, y) => {}
        (_, Value::Number(y)) if matches!(alt, Value::Number(a) if same_number(a, y)) => {}
        (x, y) if x == y => {}
        (x, y) => out.push(format!("{at}: expected {}, found {}", short(x), short(y))),
    }
}

/// A value as JSON, long texts cut to their first characters.
fn short(v: &Value) -> String {
    const MAX: usize = 60;
    let s = v.to_string();
    match s.char_indices().nth(MAX) {
        Some((at, _)) => format!("{}...\" ({} chars)", &s[..at], s.chars().count()),
        None => s,
    }
}

/// Read one manifest entry through `scheda convert`; the mismatches, or the
/// error (first line) the binary stopped with.
fn check(entry: &Value, work: &Path) -> Result<(), String> {
    let file = text(entry, "file");
    let seeds = strings(entry, "seeds");
    let input = outside().join("files").join(file);
    let out = work.join(format!("{file}.jsonl"));
    let mut args = vec!["convert", p(&input), "-o", p(&out)];
    args.extend(strings(entry, "options"));
    let run = scheda(&args);
    if !run.status.success() {
        let err = stderr(&run);
        let first = err
            .lines()
            .find(|l| l.starts_with("error"))
            .or_else(|| err.lines().next())
            .unwrap_or("(no message)");
        return Err(first.to_string());
    }
    let written = std::fs::read_to_string(&out).map_err(|e| format!("no output: {e}"))?;
    let forms: Vec<Value> = written
        .lines()
        .map(serde_json::from_str)
        .collect::<Result<_, _>>()
        .map_err(|e| format!("output is not JSON lines: {e}"))?;
    if forms.len() != seeds.len() {
        return Err(format!(
            "read {} forms, expected {} (seeds {})",
            forms.len(),
            seeds.len(),
            seeds.join(", ")
        ));
    }
    let mut diffs = Vec::new();
    for (i, (seed, form)) in seeds.iter().zip(&forms).enumerate() {
        let mut own = Vec::new();
        let (given, written) = expected(entry, seed);
        diff(&given, &written, form, "", &mut own);
        let row = if seeds.len() > 1 {
            format!("row {} (seed {seed}) ", i + 1)
        } else {
            String::new()
        };
        diffs.extend(own.into_iter().map(|d| format!("{row}{d}")));
    }
    if diffs.is_empty() {
        return Ok(());
    }
    let more = diffs.len().saturating_sub(MAX_DIFFS);
    let mut shown: Vec<String> = diffs.into_iter().take(MAX_DIFFS).collect();
    if more > 0 {
        shown.push(format!("... and {more} more"));
    }
    Err(format!(
        "differs from its seed:\n      {}",
        shown.join("\n      ")
    ))
}

/// The outside files that scheda does not read yet, each with the reason:
/// the test requires that they still fail (remove a file from here once it
/// reads) and that every other file reads.
const GAPS: &[(&str, &str)] = &[];

#[test]
fn every_outside_file_reads_to_its_seed() {
    let entries = manifest();
    let work = tempdir("outside");
    let mut failures = Vec::new();
    let mut closed = Vec::new();
    for e in &entries {
        let file = text(e, "file");
        let gap = GAPS.iter().find(|(f, _)| *f == file);
        match (check(e, &work), gap) {
            (Ok(()), Some(_)) => closed.push(format!("  {file}")),
            (Err(why), None) => failures.push(format!("  {file}: {why}")),
            _ => {}
        }
    }
    for (file, _) in GAPS {
        assert!(
            entries.iter().any(|e| text(e, "file") == *file),
            "GAPS names {file}, which the manifest does not list"
        );
    }
    assert!(
        failures.is_empty(),
        "{} of {} outside files do not read to their seed's model:\n{}",
        failures.len(),
        entries.len(),
        failures.join("\n")
    );
    assert!(
        closed.is_empty(),
        "these outside files read now: remove them from GAPS\n{}",
        closed.join("\n")
    );
}

/// The manifest and tests/outside/files/ list the same files, and the
/// corpus holds what issue 18 asks for.
#[test]
fn outside_manifest_lists_every_file() {
    let entries = manifest();
    let mut listed: Vec<&str> = entries.iter().map(|e| text(e, "file")).collect();
    listed.sort_unstable();
    let mut made: Vec<String> = std::fs::read_dir(outside().join("files"))
        .unwrap()
        .map(|f| f.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    made.sort_unstable();
    assert_eq!(listed, made, "tests/outside/manifest.json vs files/");
    let count = |ends: &[&str]| {
        listed
            .iter()
            .filter(|f| ends.iter().any(|e| f.ends_with(e)))
            .count()
    };
    let sheets = count(&[".xlsx", ".xlsm", ".ods", ".xls", ".csv"]);
    assert!(sheets >= 12, "{sheets} spreadsheets, expected at least 12");
    assert!(count(&[".pdf"]) >= 6, "expected at least 6 PDFs");
    assert_eq!(
        count(&[".pdf"]),
        count(&[".layout.txt"]),
        "a layout text per PDF"
    );
    for e in &entries {
        for seed in strings(e, "seeds") {
            // every `differs` pointer names a field of the seed's model
            let _ = expected(e, seed);
        }
    }
    let mut seeds: Vec<&str> = entries.iter().flat_map(|e| strings(e, "seeds")).collect();
    seeds.sort_unstable();
    seeds.dedup();
    assert_eq!(
        seeds,
        ["000", "001", "002", "003", "004"],
        "every seed carried"
    );
}
