//! Helpers shared by the integration tests.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use rust_decimal::Decimal;
use scheda::form::Tipo;
use scheda::model::{Edizione, Scheda, Valore};
use scheda::rules;

/// The five real forms shipped as fixtures, by file stem.
pub const SEEDS: [&str; 5] = [
    "000_67ecfe3c12e4f28c",
    "001_c36fd2931944160a",
    "002_7dd651adceaafbf1",
    "003_a8faf5e3924ac3ee",
    "004_7444e9ac6383849b",
];

/// Path of a file under `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
        .join(name)
}

/// Bytes of a file under `tests/fixtures/`.
pub fn read_fixture(name: &str) -> Vec<u8> {
    let path = fixture(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Fail a test that needs `tool` where it cannot be run: it is not
/// installed, or not on `PATH`. Such a test is marked ignored when `build.rs`
/// did not find the tool, so it gets here only under `CI=true` or when run
/// with `--ignored`/`--include-ignored`.
#[track_caller]
pub fn missing_tool(tool: &str, package: &str, error: std::io::Error) -> ! {
    panic!(
        "{tool} cannot be run ({error}): this test needs it; install it \
         (on Debian: apt-get install {package}) or put it on PATH"
    )
}

/// Whether golden files should be rewritten (`SCHEDA_BLESS=1`).
pub fn bless() -> bool {
    std::env::var_os("SCHEDA_BLESS").is_some_and(|v| v != "0")
}

/// Compare `actual` with the golden file `name` under `tests/fixtures/`,
/// rewriting it instead when blessing.
pub fn assert_golden(name: &str, actual: &str) {
    let path = fixture(name);
    if bless() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read golden file {} ({e}); run with SCHEDA_BLESS=1 to create it, then review it by hand",
            path.display()
        )
    });
    if expected != actual {
        let diff: Vec<String> = expected
            .lines()
            .zip(actual.lines())
            .enumerate()
            .filter(|(_, (a, b))| a != b)
            .take(10)
            .map(|(i, (a, b))| format!("line {}:\n  - {a}\n  + {b}", i + 1))
            .collect();
        panic!(
            "{} differs from the output ({} vs {} lines):\n{}\nrerun with SCHEDA_BLESS=1 and review the change by hand",
            path.display(),
            expected.lines().count(),
            actual.lines().count(),
            diff.join("\n")
        );
    }
}

/// A Decimal from a literal.
pub fn dec(s: &str) -> rust_decimal::Decimal {
    s.parse().unwrap()
}

/// A value to store in a form ([`set`]): a whole number, a decimal, a
/// text, a SI/NO answer, or an `Option` of one (`None` blanks the field).
pub struct Cell(Option<Valore>);

impl From<i32> for Cell {
    fn from(n: i32) -> Cell {
        Cell(Some(Valore::Intero(u64::try_from(n).expect("a count"))))
    }
}

impl From<u64> for Cell {
    fn from(n: u64) -> Cell {
        Cell(Some(Valore::Intero(n)))
    }
}

impl From<Decimal> for Cell {
    fn from(d: Decimal) -> Cell {
        Cell(Some(Valore::Decimale(d)))
    }
}

impl From<&str> for Cell {
    fn from(t: &str) -> Cell {
        Cell(Some(Valore::Testo(t.to_string())))
    }
}

impl From<String> for Cell {
    fn from(t: String) -> Cell {
        Cell(Some(Valore::Testo(t)))
    }
}

impl From<bool> for Cell {
    fn from(b: bool) -> Cell {
        Cell(Some(Valore::SiNo(b)))
    }
}

impl From<Valore> for Cell {
    fn from(v: Valore) -> Cell {
        Cell(Some(v))
    }
}

impl<T: Into<Cell>> From<Option<T>> for Cell {
    fn from(v: Option<T>) -> Cell {
        Cell(v.and_then(|v| v.into().0))
    }
}

/// The column `campo` of a row, `""` for a row of one value.
fn campo(campo: &str) -> Option<&str> {
    (!campo.is_empty()).then_some(campo)
}

/// Store `value` in row `code`, column `campo` (`""` for a row of one
/// value) of `s`: `set(&mut s, "M12", "utenti", 5)`.
#[track_caller]
pub fn set(s: &mut Scheda, code: &str, field: &str, value: impl Into<Cell>) {
    s.set_valore(code, campo(field), value.into().0)
        .unwrap_or_else(|e| panic!("{code} {field}: {e:?}"));
}

/// Blank row `code`, column `campo` of `s`.
#[track_caller]
pub fn blank(s: &mut Scheda, code: &str, field: &str) {
    s.set_valore(code, campo(field), None)
        .unwrap_or_else(|e| panic!("{code} {field}: {e:?}"));
}

/// The value of row `code`, column `campo` of `s`: `get(&s, "R04", "")`.
pub fn get(s: &Scheda, code: &str, field: &str) -> Option<Valore> {
    s.valore(code, campo(field))
}

/// The value of row `code`, column `campo` of `s`, as a whole number.
pub fn int_of(s: &Scheda, code: &str, field: &str) -> Option<u64> {
    s.intero(code, campo(field))
}

/// The value of row `code`, column `campo` of `s`, as a decimal.
pub fn dec_of(s: &Scheda, code: &str, field: &str) -> Option<Decimal> {
    s.decimale(code, campo(field))
}

/// The value of row `code`, column `campo` of `s`, as a text.
pub fn text_of(s: &Scheda, code: &str, field: &str) -> Option<String> {
    Some(get(s, code, field)?.text()?.to_string())
}

/// The user rows R0B sums (the rows with a `utenti` column the rules do not
/// compute), with whether they have hours, in the form's order.
pub fn user_rows(ed: Edizione) -> Vec<(String, bool)> {
    ed.description()
        .righe()
        .filter(|(_, r)| !r.derivata && r.colonne.iter().any(|c| c.tipo == Tipo::Utenti))
        .map(|(_, r)| {
            let hours = r.colonne.iter().any(|c| c.tipo == Tipo::Ore);
            (r.codice.clone(), hours)
        })
        .collect()
}

/// A consistent form for rule and PDF tests: 1000 inhabitants, `users`
/// users in Y (all in M12), one social worker, R05 as given, spending as
/// given, R09 computed.
pub fn form(
    ed: Edizione,
    users: u64,
    r05: &str,
    r06: &str,
    r07: (&str, &str),
    r08: &str,
) -> Scheda {
    let mut s = Scheda::empty(ed);
    for (code, hours) in user_rows(ed) {
        set(&mut s, &code, "utenti_2019", 0);
        set(&mut s, &code, "utenti", 0);
        if hours {
            set(&mut s, &code, "ore", 0);
            set(&mut s, &code, "media_ore", dec("0.00"));
        }
    }
    set(&mut s, "M12", "utenti", users);
    set(&mut s, "M12", "ore", users * 10);
    set(&mut s, "M12", "media_ore", dec("10.00"));
    set(&mut s, "R0B", "utenti_2019", 0);
    set(&mut s, "R0B", "utenti", users);
    set(&mut s, "R0C", "", "SEBINO - 5");
    set(&mut s, "R0D", "", "COMUNE DI LOVERE");
    set(&mut s, "R01", "anno_2020", dec("1.00"));
    set(&mut s, "R01", "anno", dec("1.00"));
    set(&mut s, "R01A", "", dec("0.00"));
    set(&mut s, "R01B", "", 1000);
    set(&mut s, "R02", "anno_2020", dec("0.00"));
    set(&mut s, "R02", "anno", dec("0.00"));
    set(&mut s, "R03", "", 1000);
    set(&mut s, "R04", "", Decimal::from(users) / Decimal::from(10));
    set(&mut s, "R05", "", dec(r05));
    set(&mut s, "R06", "", dec(r06));
    set(&mut s, "R07", "anno_2017", dec(r07.0));
    set(&mut s, "R07", "anno_2021", dec(r07.1));
    set(&mut s, "R08", "", dec(r08));
    let r09 = rules::derive(&s).get("R09", None);
    set(&mut s, "R09", "", r09);
    s
}

/// Run the `scheda` binary with `args`, messages in English whatever the
/// machine's locale.
pub fn scheda(args: &[&str]) -> Output {
    scheda_in("C.UTF-8", args)
}

/// Run the `scheda` binary with `args` under the locale `lc_all`.
pub fn scheda_in(lc_all: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_scheda"))
        .args(args)
        .env("LC_ALL", lc_all)
        .output()
        .expect("the scheda binary runs")
}

/// Standard error of a run, as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Standard output of a run, as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A fresh temporary directory for one test.
pub fn tempdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("scheda-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A path as a command-line argument.
pub fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// The built-in SOC26 description as the edition `code`, as a test of a new
/// edition makes it: the reporting year and the years after it moved on by
/// one (so the title too), a staff row `R02Z` labelled `r02z` (one
/// `personale` column, a "di cui" row like R02X) after R02Y, then each
/// `(from, to)` of `edits` replaced once (a reworded label, a dropped row).
pub fn soc26_as(code: &str, r02z: &str, edits: &[(&str, &str)]) -> String {
    let mut text = scheda::templates::builtin("editions/SOC26.toml")
        .unwrap()
        .to_string();
    let mut replace = |from: &str, to: &str| {
        assert_eq!(text.matches(from).count(), 1, "`{from}` once in SOC26.toml");
        text = text.replacen(from, to, 1);
    };
    replace("codice = \"SOC26\"", &format!("codice = \"{code}\""));
    replace("anno = 2025 ", "anno = 2026 ");
    replace("popolazione = 2024 ", "popolazione = 2025 ");
    replace("stima_ats = 2024 ", "stima_ats = 2025 ");
    replace("fabbisogno = \"2025-2027\"", "fabbisogno = \"2026-2028\"");
    for (from, to) in edits {
        replace(from, to);
    }
    let at = text.find("riga = \"R02Y\"\n").unwrap();
    let next = at + text[at..].find("[[quadro.voce]]").unwrap();
    text.insert_str(
        next,
        &format!(
            "[[quadro.voce]]\nriga = \"R02Z\"\netichetta = \"{r02z}\"\ncolonne = \"personale\"\n"
        ),
    );
    text
}

/// A model of `edizione` from the JSON of its quadri (`"quadro1": {...}`).
pub fn from_json(edizione: scheda::Edizione, quadri: &str) -> scheda::Scheda {
    let json = format!(
        "{{\"schema_version\": 1, \"edizione\": \"{edizione}\", \"anno\": {}, {quadri}}}",
        edizione.anno()
    );
    scheda::readers::json::read(json.as_bytes())
        .unwrap_or_else(|e| panic!("{e}\n{json}"))
        .value
}

/// Seed 001 with R0B 2024 printed as 995 (computed 994) and the M12 mean
/// printed as 131,00 (computed 130,00).
pub fn altered(dir: &std::path::Path) -> std::path::PathBuf {
    let seed = String::from_utf8(read_fixture("001_c36fd2931944160a.txt")).unwrap();
    let text =
        seed.replacen("668 994", "668 995", 1)
            .replacen("5 3 390 130,00", "5 3 390 131,00", 1);
    let path = dir.join("altered.txt");
    std::fs::write(&path, text).unwrap();
    path
}

/// Store the free-text report of `s` (the row its edition names).
pub fn set_relazione(s: &mut Scheda, text: impl Into<Cell>) {
    let code = s.edizione.relazione_code();
    set(s, code, "", text);
}

/// Every column of row `code` of `s`'s edition (`""` for a row of one
/// value) with its value, in the form's order.
pub fn row(s: &Scheda, code: &str) -> Vec<(String, Option<Valore>)> {
    let riga = s
        .edizione
        .description()
        .riga(code)
        .expect("a row of the edition");
    riga.colonne
        .iter()
        .map(|c| {
            let campo = c.campo.clone().unwrap_or_default();
            let v = get(s, code, &campo);
            (campo, v)
        })
        .collect()
}

/// Whether every column of row `code` of `s` is blank.
pub fn blank_row(s: &Scheda, code: &str) -> bool {
    row(s, code).iter().all(|(_, v)| v.is_none())
}

/// The built-in editions, oldest first.
pub fn builtin_editions() -> Vec<Edizione> {
    scheda::Templates::builtin().editions().to_vec()
}
