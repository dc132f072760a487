//! The rules as data: every derived value is one formula of the edition's
//! description (`[[calcolo]]`). The evaluator rule by rule on blanks, zero
//! divisors and midpoints, the expected values spelled out; the loader's
//! errors for broken formulas; and a SOC27 made from the export that changes
//! two rules by data alone (R04 per thousand inhabitants, the mean hours to
//! one decimal) going through every format, `check` and LibreOffice.

use std::path::Path;

use scheda::messages::Lang;
use scheda::model::{Edizione, Scheda, Valore};
use scheda::rules;
use serde_json::Value;

use crate::util::{fixture, p, scheda, stderr, stdout, tempdir};

/// `s` with `value` in `code`.`campo`: whole numbers for counts, decimals
/// where the text has a dot; `None` blanks the field.
fn set(s: &mut Scheda, code: &str, campo: Option<&str>, value: Option<&str>) {
    let v = value.map(|v| match v.parse::<u64>() {
        Ok(n) if !v.contains('.') => Valore::Intero(n),
        _ => Valore::Decimale(v.parse().unwrap()),
    });
    s.set_valore(code, campo, v).unwrap();
}

/// The computed value of `code`.`campo`, as the form prints it (`None`:
/// blank).
fn computed(s: &Scheda, code: &str, campo: Option<&str>) -> Option<String> {
    rules::derive(s).get(code, campo).map(|d| d.to_string())
}

#[test]
fn r0b_sums_the_user_rows_blank_unless_all_are_given() {
    let mut s = Scheda::empty(Edizione::builtin("SOC25"));
    for (code, _) in crate::util::user_rows(Edizione::builtin("SOC25")) {
        set(&mut s, &code, Some("utenti"), Some("1"));
    }
    set(&mut s, "M12", Some("utenti"), Some("100"));
    assert_eq!(computed(&s, "R0B", Some("utenti")).as_deref(), Some("120"));
    // Every user row blank in 2019: blank; one blank: blank too.
    assert_eq!(computed(&s, "R0B", Some("utenti_2019")), None);
    set(&mut s, "R0A", Some("utenti"), None);
    assert_eq!(computed(&s, "R0B", Some("utenti")), None);
    // Zeros are values.
    set(&mut s, "R0A", Some("utenti"), Some("0"));
    assert_eq!(computed(&s, "R0B", Some("utenti")).as_deref(), Some("119"));
}

#[test]
fn mean_hours_by_row() {
    // (ore, utenti, expected mean)
    let cases = [
        (Some("7390"), Some("16"), Some("461.88")),
        // A midpoint goes away from zero: 1 / 8 = 0,125.
        (Some("1"), Some("8"), Some("0.13")),
        (Some("2"), Some("3"), Some("0.67")),
        // No users: 0,00, not a division by zero.
        (Some("5"), Some("0"), Some("0.00")),
        (Some("0"), Some("0"), Some("0.00")),
        (None, Some("3"), None),
        (Some("3"), None, None),
    ];
    for ed in [Edizione::builtin("SOC25"), Edizione::builtin("SOC26")] {
        for (ore, utenti, expected) in cases {
            let mut s = Scheda::empty(ed);
            set(&mut s, "M44", Some("ore"), ore);
            set(&mut s, "M44", Some("utenti"), utenti);
            let got = computed(&s, "M44", Some("media_ore"));
            assert_eq!(got.as_deref(), expected, "{ed} {ore:?} / {utenti:?}");
        }
    }
}

#[test]
fn r01b_inhabitants_per_social_worker() {
    // (R03, R01 anno, R01A, expected)
    let cases = [
        (Some("21297"), Some("16.00"), None, Some("1331")),
        // 25 / 10 = 2,5: half away from zero.
        (Some("25"), Some("10.00"), Some("0.00"), Some("3")),
        (Some("1000"), None, Some("0.50"), Some("2000")),
        // No social workers: 0 (the "nullo" sentence), not a division by zero.
        (Some("1000"), Some("0.00"), None, Some("0")),
        (Some("1000"), Some("0.00"), Some("0.00"), Some("0")),
        // Blank staff, or blank inhabitants: blank.
        (Some("1000"), None, None, None),
        (None, Some("1.00"), Some("1.00"), None),
    ];
    for (r03, r01, r01a, expected) in cases {
        let mut s = Scheda::empty(Edizione::builtin("SOC25"));
        set(&mut s, "R03", None, r03);
        set(&mut s, "R01", Some("anno"), r01);
        set(&mut s, "R01A", None, r01a);
        let got = computed(&s, "R01B", None);
        assert_eq!(got.as_deref(), expected, "{r03:?} {r01:?} {r01a:?}");
    }
}

#[test]
fn r04_service_level() {
    // (R0B users as printed, R03, expected): the user rows are blank, so
    // R04 reads the printed total.
    let cases = [
        (Some("84"), Some("1748"), Some("4.81")),
        // 1 x 100 / 800 = 0,125: half away from zero.
        (Some("1"), Some("800"), Some("0.13")),
        (Some("200"), Some("100"), Some("200.00")),
        // No inhabitants: blank, not a division by zero.
        (Some("5"), Some("0"), None),
        (None, Some("100"), None),
        (Some("5"), None, None),
    ];
    for (users, r03, expected) in cases {
        let mut s = Scheda::empty(Edizione::builtin("SOC26"));
        set(&mut s, "R0B", Some("utenti"), users);
        set(&mut s, "R03", None, r03);
        let got = computed(&s, "R04", None);
        assert_eq!(got.as_deref(), expected, "{users:?} / {r03:?}");
    }
    // Where the user rows are all given, their sum is read, not the
    // printed total.
    let mut s = Scheda::empty(Edizione::builtin("SOC26"));
    for (code, _) in crate::util::user_rows(Edizione::builtin("SOC26")) {
        set(&mut s, &code, Some("utenti"), Some("0"));
    }
    set(&mut s, "M12", Some("utenti"), Some("10"));
    set(&mut s, "R0B", Some("utenti"), Some("999"));
    set(&mut s, "R03", None, Some("1000"));
    assert_eq!(computed(&s, "R04", None).as_deref(), Some("1.00"));
}

#[test]
fn r09_additional_resources_by_edition() {
    // (R06, R07 2017, R07 2021, R08, SOC25, SOC26)
    let seed_002 = (Some("53895.69"), Some("34786.95"), Some("51475.22"));
    let cases = [
        (seed_002, Some("4391.81"), Some("2420.47"), Some("2420.47")),
        // R08 below the gap: R08.
        (seed_002, Some("1000.00"), Some("1000.00"), Some("1000.00")),
        // Spending not below need: 0,00 in SOC25, blank in SOC26.
        (
            (Some("100.00"), Some("50.00"), Some("120.00")),
            Some("10.00"),
            Some("0.00"),
            None,
        ),
        // One historical column is enough; a midpoint of the gap rounds
        // away from zero (100,005 - 60 = 40,005).
        (
            (Some("100.005"), None, Some("60.00")),
            Some("100.00"),
            Some("40.01"),
            Some("40.01"),
        ),
        // Blank need, blank history, or blank R08 where it is needed: blank.
        (
            (None, Some("50.00"), Some("60.00")),
            Some("10.00"),
            None,
            None,
        ),
        ((Some("100.00"), None, None), Some("10.00"), None, None),
        (
            (Some("100.00"), Some("50.00"), Some("60.00")),
            None,
            None,
            None,
        ),
    ];
    for ((r06, a, b), r08, soc25, soc26) in cases {
        for (ed, expected) in [
            (Edizione::builtin("SOC25"), soc25),
            (Edizione::builtin("SOC26"), soc26),
        ] {
            let mut s = Scheda::empty(ed);
            set(&mut s, "R06", None, r06);
            set(&mut s, "R07", Some("anno_2017"), a);
            set(&mut s, "R07", Some("anno_2021"), b);
            set(&mut s, "R08", None, r08);
            let got = computed(&s, "R09", None);
            assert_eq!(got.as_deref(), expected, "{ed} {r06:?} {a:?} {b:?} {r08:?}");
        }
    }
}

#[test]
fn r15_total_of_the_additional_spending() {
    // (R10, R11, R12, R13, R14 spesa, expected)
    let cases = [
        ([None, None, None, None, None], None),
        ([Some("1.10"), None, None, None, None], Some("1.10")),
        (
            [
                Some("1.10"),
                Some("2.20"),
                Some("3.30"),
                Some("4.40"),
                Some("3396.00"),
            ],
            Some("3407.00"),
        ),
        // A blank part counts as nothing; a midpoint rounds away from zero.
        ([Some("0.005"), None, None, None, Some("1")], Some("1.01")),
        ([None, None, None, Some("0.00"), None], Some("0.00")),
    ];
    let fields = [
        ("R10", Some("spesa")),
        ("R11", Some("spesa")),
        ("R12", Some("spesa")),
        ("R13", None),
        ("R14", None),
    ];
    for (parts, expected) in cases {
        let mut s = Scheda::empty(Edizione::builtin("SOC25"));
        for ((code, campo), v) in fields.iter().zip(parts) {
            set(&mut s, code, *campo, v);
        }
        assert_eq!(computed(&s, "R15", None).as_deref(), expected, "{parts:?}");
    }
}

#[test]
fn check_compares_with_the_exact_value_at_the_rules_places() {
    let mut s = Scheda::empty(Edizione::builtin("SOC25"));
    set(&mut s, "R0B", Some("utenti"), Some("84"));
    set(&mut s, "R03", None, Some("1748"));
    set(&mut s, "M12", Some("ore"), Some("7390"));
    set(&mut s, "M12", Some("utenti"), Some("16"));
    let d = rules::derive(&s);
    let r04 = d.find("R04", None).unwrap();
    // The last step of the rule is the rounding: the exact value is kept.
    assert_eq!(r04.places(), Some(2));
    assert!(r04.exact.unwrap().to_string().starts_with("4.805491990"));
    let media = d.find("M12", Some("media_ore")).unwrap();
    assert_eq!(
        (media.exact.unwrap().to_string(), media.places()),
        ("461.875".to_string(), Some(2))
    );
    assert_eq!(d.find("R0B", Some("utenti")).unwrap().places(), None);
    // A printed value agrees within one unit of its last decimal:
    // 4,81 and 4,805492 (more decimals) do, 4,80 does not.
    for (printed, agrees) in [("4.81", true), ("4.805492", true), ("4.80", false)] {
        set(&mut s, "R04", None, Some(printed));
        let found = rules::check(&s);
        assert_eq!(found.is_empty(), agrees, "{printed}: {found:?}");
    }
}

/// The built-in SOC26 description with each `(from, to)` replaced once.
fn soc26_with(edits: &[(&str, &str)]) -> String {
    let mut text = scheda::templates::builtin("editions/SOC26.toml")
        .unwrap()
        .to_string();
    for (from, to) in edits {
        assert_eq!(text.matches(from).count(), 1, "`{from}` once in SOC26.toml");
        text = text.replacen(from, to, 1);
    }
    text
}

fn line_of(text: &str, needle: &str) -> usize {
    text[..text.find(needle).unwrap_or_else(|| panic!("{needle}"))]
        .matches('\n')
        .count()
        + 1
}

const R04: &str = "arrotonda(R0B.utenti * 100 / R03, 2)";
const R15_RULE: &str = "[[calcolo]]\n# The total of the additional spending of R10-R14, blank when all are.\ncampo = \"R15\"\n";

/// A broken description: its edits, a line's text and the error's line
/// from there, the English message and the Italian one.
type Broken = (
    Vec<(&'static str, &'static str)>,
    (&'static str, isize),
    &'static str,
    &'static str,
);

#[test]
fn a_broken_formula_is_an_error_of_the_description_at_its_line() {
    // A formula's errors are at its line, two below its `campo`.
    let cases: Vec<Broken> = vec![
        (
            vec![(R04, "arrotonda(R0B.utenti ** 100 / R03, 2)")],
            ("campo = \"R04\"", 2),
            "formula of R04: unexpected `*`",
            "formula di R04: inatteso: `*`",
        ),
        (
            vec![(R04, "arrotonda(R0B.utenti * 100 / R03, 2")],
            ("campo = \"R04\"", 2),
            "formula of R04: expected `)`, found the end of the formula",
            "formula di R04: serve `)`, trovato la fine della formula",
        ),
        (
            vec![(R04, "arrotonda(R0B.utenti * 100 / R03)")],
            ("campo = \"R04\"", 2),
            "wrong number of arguments to `arrotonda`: expected 2, found 1",
            "numero di argomenti errato per `arrotonda`: ne servono 2, trovati 1",
        ),
        (
            vec![(R04, "massimo(R0B.utenti * 100 / R03, 2)")],
            ("campo = \"R04\"", 2),
            "unknown function `massimo` (expected one of se, arrotonda,",
            "funzione sconosciuta `massimo` (le funzioni sono se, arrotonda,",
        ),
        (
            vec![(R04, "arrotonda(R0B.utenti * 100 / R99, 2)")],
            ("campo = \"R04\"", 2),
            "formula of R04: no row `R99` in the form",
            "formula di R04: la riga `R99` non è nella scheda",
        ),
        (
            vec![(R04, "arrotonda(R0B.utenti * 100 / R01.anni, 2)")],
            ("campo = \"R04\"", 2),
            "row R01 has no column `anni` (it has R01.anno_2020, R01.anno)",
            "la riga R01 non ha la colonna `anni` (ha R01.anno_2020, R01.anno)",
        ),
        (
            vec![(R04, "arrotonda(R0B.utenti * 100 / R0C, 2)")],
            ("campo = \"R04\"", 2),
            "R0C does not hold a number",
            "R0C non contiene un numero",
        ),
        (
            vec![(R04, "arrotonda(utenti * 100 / R03, 2)")],
            ("campo = \"R04\"", 2),
            "`utenti` names no row: write the row's code",
            "`utenti` senza riga: scrivi il codice della riga",
        ),
        (
            vec![("se(R03 = 0, vuoto", "se(R03, vuoto")],
            ("campo = \"R04\"", 2),
            "formula of R04: expected a condition",
            "formula di R04: serve una condizione",
        ),
        (
            vec![(R04, "somma(righe(utenti).ore) * 100 / R03")],
            ("campo = \"R04\"", 2),
            "row M30 has no column `ore`",
            "la riga M30 non ha la colonna `ore`",
        ),
        // The rule of a value after one that reads it.
        (
            vec![(
                "somma(righe(utenti).utenti))\"",
                "somma(righe(utenti).utenti) + R04)\"",
            )],
            ("campo = \"R0B.utenti\"", 2),
            "the formula of R0B.utenti reads R04, which is computed further down (line",
            "la formula di R0B.utenti legge R04, calcolato più avanti (riga",
        ),
        // A rule for an input, and a computed column without a rule.
        (
            vec![("campo = \"R04\"", "campo = \"R03\"")],
            ("campo = \"R03\"", 0),
            "R03 is not a computed value",
            "R03 non è un valore calcolato",
        ),
        (
            vec![(R15_RULE, "[[calcolo]]\ncampo = \"R14\"\n")],
            // A row's entry, at its `[[quadro.voce]]`.
            ("riga = \"R15\"", -1),
            "R15 is a computed column (`derivata = true`) but no [[calcolo]] computes it",
            "R15 è una colonna calcolata (`derivata = true`) ma nessun [[calcolo]] la calcola",
        ),
        // An outcome's sentences that no `frasi` entry prints, and a
        // report's column that is neither a field nor an outcome.
        (
            vec![(
                "frasi = [\"servizi\", \"servizi_seguito\"]\ncondizione",
                "frasi = [\"servizi\", \"saluti\"]\ncondizione",
            )],
            ("nome = \"servizi_inferiore\"", 2),
            "outcome `servizi_inferiore` chooses the sentences `saluti`, which no `frasi` entry of the description prints (printed: assistenti, lep, servizi, servizi_seguito, quadro2, quadro3)",
            "l'esito `servizi_inferiore` sceglie le frasi `saluti`, che nessuna voce `frasi`",
        ),
        (
            vec![("\"R09\", \"R15\"", "\"R09\", \"R99\", \"sopra_soglia\"")],
            ("colonne = [\"R04\"", 0),
            "`[riepilogo]`: `R99` is neither a field of the form nor an outcome of the description",
            "`[riepilogo]`: `R99` non è un campo della scheda né un esito della descrizione",
        ),
    ];
    for (edits, at, english, italian) in cases {
        let text = soc26_with(&edits);
        let err = scheda::form::load("SOC27.toml", &text).unwrap_err();
        let found = err
            .diagnostics
            .iter()
            .find(|d| d.message.contains(english))
            .unwrap_or_else(|| panic!("{english}: {err}"));
        let line = line_of(&text, at.0) as isize + at.1;
        let place = format!("SOC27.toml:{line}");
        assert!(
            found.render(None).contains(&place),
            "{english}: {place}: {}",
            found.render(None)
        );
        assert!(
            found.message_in(Lang::It).contains(italian),
            "{}",
            found.message_in(Lang::It)
        );
    }
    // The parameter R09 had is part of its formula now.
    let old = soc26_with(&[(
        "domande = false",
        "r09_non_dovuto = \"vuoto\"\ndomande = false",
    )]);
    let err = scheda::form::load("SOC27.toml", &old).unwrap_err();
    assert!(
        err.to_string().contains("unknown field `r09_non_dovuto`"),
        "{err}"
    );
}

/// Export SOC26 into `dir` as SOC27, with R04 per thousand inhabitants and
/// the mean hours rounded to one decimal: data, no code.
fn make_soc27(dir: &Path) {
    let out = scheda(&["editions", "--export", "SOC26", p(dir)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    std::fs::remove_file(dir.join("editions/SOC26.toml")).unwrap();
    std::fs::rename(
        dir.join("sentences/SOC26.j2"),
        dir.join("sentences/SOC27.j2"),
    )
    .unwrap();
    let text = soc26_with(&[
        ("codice = \"SOC26\"", "codice = \"SOC27\""),
        ("anno = 2025 ", "anno = 2026 "),
        ("popolazione = 2024 ", "popolazione = 2025 "),
        ("stima_ats = 2024 ", "stima_ats = 2025 "),
        (R04, "arrotonda(R0B.utenti * 1000 / R03, 2)"),
        ("arrotonda(ore / utenti, 2)", "arrotonda(ore / utenti, 1)"),
    ]);
    std::fs::write(dir.join("editions/SOC27.toml"), text).unwrap();
}

/// `scheda ARGS --templates DIR`; panics with stderr unless it exits 0.
fn run(templates: &Path, args: &[&str]) -> String {
    let mut all = args.to_vec();
    all.extend(["--templates", p(templates)]);
    let out = scheda(&all);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

/// Seed 003 (SOC26) as a SOC27 form: 16 users of M12 with 7390 hours
/// (461,875 a head), 3 of M44 with 2 hours (0,667), 33 users in all among
/// 399 inhabitants; derived values as `derived` gives them.
fn soc27_model(dir: &Path, name: &str, derived: &[(&str, &str, &str)]) -> std::path::PathBuf {
    let text = std::fs::read_to_string(fixture("003_a8faf5e3924ac3ee.expected.json")).unwrap();
    let mut model: Value = serde_json::from_str(&text).unwrap();
    model["edizione"] = "SOC27".into();
    model["anno"] = 2026.into();
    let q1 = &mut model["quadro1"];
    q1["M12"]["utenti"] = 16.into();
    q1["M12"]["ore"] = 7390.into();
    q1["M44"]["utenti"] = 3.into();
    q1["M44"]["ore"] = 2.into();
    for (row, field, value) in derived {
        let v: Value = serde_json::from_str(value).unwrap();
        match *field {
            "" => q1[*row] = v,
            f => q1[*row][f] = v,
        }
    }
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_vec_pretty(&model).unwrap()).unwrap();
    path
}

/// The new rules' values: R04 = 33 x 1000 / 399 = 82,706... -> 82,71; the
/// means 461,9 and 0,7 (written with the form's two decimals).
const NEW: [(&str, &str, &str); 4] = [
    ("R0B", "utenti", "33"),
    ("R04", "", "82.71"),
    ("M12", "media_ore", "461.90"),
    ("M44", "media_ore", "0.70"),
];

/// The old rules' values: R04 per hundred (8,27), the means to two
/// decimals (461,88 and 0,67).
const OLD: [(&str, &str, &str); 4] = [
    ("R0B", "utenti", "33"),
    ("R04", "", "8.27"),
    ("M12", "media_ore", "461.88"),
    ("M44", "media_ore", "0.67"),
];

#[test]
fn a_soc27_that_changes_two_rules_by_data_goes_through_every_format() {
    let dir = tempdir("rules-soc27");
    let templates = dir.join("templates");
    make_soc27(&templates);

    // --recompute computes the new rules.
    let blank = soc27_model(
        &dir,
        "blank.json",
        &[
            ("R04", "", "null"),
            ("M12", "media_ore", "null"),
            ("M44", "media_ore", "null"),
        ],
    );
    let reference = dir.join("reference.json");
    run(
        &templates,
        &["convert", "--recompute", p(&blank), "-o", p(&reference)],
    );
    let model: Value = serde_json::from_slice(&std::fs::read(&reference).unwrap()).unwrap();
    let text = std::fs::read_to_string(&reference).unwrap();
    for (row, field, value) in NEW {
        let v = if field.is_empty() {
            &model["quadro1"][row]
        } else {
            &model["quadro1"][row][field]
        };
        assert_eq!(v.to_string(), value, "{row} {field}");
    }
    assert!(text.contains("\"media_ore\": 461.90"), "{text}");
    let out = run(&templates, &["check", p(&reference)]);
    assert!(out.ends_with(": consistent\n"), "{out}");

    // Every format reads back to the same model, which checks consistent.
    let reference_text = std::fs::read_to_string(&reference).unwrap();
    for (name, extra) in [
        ("form.xlsx", None),
        ("form.pdf", None),
        ("portal.txt", Some("portal")),
        ("pdftotext.txt", Some("pdftotext")),
    ] {
        let file = dir.join(name);
        let mut args = vec!["convert", p(&reference), "-o", p(&file)];
        if let Some(layout) = extra {
            args.extend(["--layout", layout]);
        }
        let out = scheda(&[args.as_slice(), &["--templates", p(&templates)]].concat());
        assert_eq!(out.status.code(), Some(0), "{name}: {}", stderr(&out));
        assert_eq!(stderr(&out), "", "{name}: no warning");
        let back = dir.join(format!("{name}.json"));
        run(&templates, &["convert", p(&file), "-o", p(&back)]);
        assert_eq!(
            std::fs::read_to_string(&back).unwrap(),
            reference_text,
            "{name}"
        );
        let out = run(&templates, &["check", p(&file)]);
        assert!(out.ends_with(": consistent\n"), "{name}: {out}");
    }

    // The workbook's formulas are the new rules'.
    let sheet = std::fs::read(dir.join("form.xlsx")).unwrap();
    let formulas = formulas_of(&sheet);
    assert!(
        formulas.iter().any(|f| f.contains("*1000/")),
        "{formulas:?}"
    );
    assert!(formulas.iter().any(|f| f.contains(",1)))")), "{formulas:?}");

    // A value the old rule computed disagrees with the new one (the old
    // means agree: printed with more decimals, within one unit of the
    // last).
    let old = soc27_model(&dir, "old.json", &OLD);
    let out = scheda(&["check", p(&old), "--templates", p(&templates)]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let report = stdout(&out);
    assert!(report.contains("R04"), "{report}");
    assert!(
        report.contains("8,27") && report.contains("82,71"),
        "{report}"
    );
    assert!(!report.contains("M12"), "{report}");
}

/// Every formula of the `Scheda` sheet of a workbook.
fn formulas_of(bytes: &[u8]) -> Vec<String> {
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> =
        calamine::Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let range = wb.worksheet_formula("Scheda").unwrap();
    range.used_cells().map(|(_, _, f)| f.clone()).collect()
}

#[test]
#[cfg_attr(
    all(not(has_soffice), not(ci)),
    ignore = "needs LibreOffice's soffice, not found on PATH when built: apt-get install libreoffice-calc-nogui"
)]
fn libreoffice_recalculates_a_soc27_workbook_by_its_new_rules() {
    // A workbook of the old rules' values ([`soc27_old_workbook`]):
    // LibreOffice recalculates every formula on opening, and the new
    // rules' values come back.
    let dir = tempdir("rules-soc27-libreoffice-back");
    let templates = dir.join("templates");
    make_soc27(&templates);
    let recalculated = dir.join("recalculated.xlsx");
    std::fs::write(&recalculated, crate::libreoffice::recalculated("soc27")).unwrap();
    let back = dir.join("back.json");
    run(&templates, &["convert", p(&recalculated), "-o", p(&back)]);
    let model: Value = serde_json::from_slice(&std::fs::read(&back).unwrap()).unwrap();
    for (row, field, value) in NEW {
        let v = if field.is_empty() {
            &model["quadro1"][row]
        } else {
            &model["quadro1"][row][field]
        };
        assert_eq!(v.to_string(), value, "{row} {field}");
    }
    let out = run(&templates, &["check", p(&recalculated)]);
    assert!(out.ends_with(": consistent\n"), "{out}");
}

/// The SOC27 workbook of a form whose derived values are the old rules'
/// (`scheda convert` with the SOC27 templates), for LibreOffice to
/// recalculate (`crate::libreoffice`).
pub(crate) fn soc27_old_workbook() -> Vec<u8> {
    let dir = tempdir("rules-soc27-libreoffice");
    let templates = dir.join("templates");
    make_soc27(&templates);
    let old = soc27_model(&dir, "old.json", &OLD);
    let xlsx = dir.join("old.xlsx");
    run(&templates, &["convert", p(&old), "-o", p(&xlsx)]);
    std::fs::read(&xlsx).unwrap()
}

#[test]
fn every_row_set_and_rule_of_the_builtin_editions_is_checked_at_load() {
    // Each built-in edition computes each of its derived columns once.
    for ed in crate::util::builtin_editions() {
        let d = ed.description();
        let computed: Vec<String> = d.calcoli.iter().map(|c| c.campo.to_string()).collect();
        let mut unique = computed.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), computed.len(), "{ed}");
        let derived = d
            .righe()
            .flat_map(|(_, r)| {
                r.colonne
                    .iter()
                    .filter(|c| r.derivata || c.derivata)
                    .map(|c| (r.codice.clone(), c.campo.clone()))
                    .collect::<Vec<_>>()
            })
            .count();
        assert_eq!(computed.len(), derived, "{ed}: {computed:?}");
        assert!(
            d.righe()
                .filter(|(_, r)| r
                    .colonne
                    .iter()
                    .any(|c| c.tipo == scheda::form::Tipo::Media))
                .all(|(_, r)| d.calcolo(&r.codice, Some("media_ore")).is_some()),
            "{ed}"
        );
    }
}

/// An outcome changed by data alone: a SOC27 whose Quadro 3 is due from
/// 2.000 euro of additional resources (SOC26: from 1.000). Spending 8.500
/// against a need of 10.000, with 1.500 euro allotted: R09 = 1.500, due in
/// SOC26, not in SOC27; the case (C: spending below need, services below
/// reference) is the same in both.
#[test]
fn a_soc27_that_changes_an_outcome_by_data() {
    let dir = tempdir("rules-data-outcome");
    make_soc27(&dir);
    let path = dir.join("editions/SOC27.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let due = "condizione = \"se(spesa_inferiore, R09 >= 1000, spesa_inferiore)\"";
    assert!(text.contains(due), "SOC26's rule changed: update this test");
    std::fs::write(&path, text.replace(due, &due.replace("1000", "2000"))).unwrap();

    let outcomes = |edizione: &str, anno: i64| {
        let text = std::fs::read_to_string(fixture("003_a8faf5e3924ac3ee.expected.json")).unwrap();
        let mut model: Value = serde_json::from_str(&text).unwrap();
        model["edizione"] = edizione.into();
        model["anno"] = anno.into();
        model["quadro2"] = serde_json::json!({
            "R06": 10000.00, "R07": {"anno_2017": 8000.00, "anno_2021": 8500.00}, "R08": 1500.00
        });
        model["quadro3"]["R09"] = Value::Null;
        let input = dir.join(format!("{edizione}.json"));
        std::fs::write(&input, serde_json::to_vec_pretty(&model).unwrap()).unwrap();
        // R09 is left blank for the rules to compute: `check` says so
        // (exit 1) and gives the outcomes all the same.
        let out = scheda(&["check", "--json", p(&input), "--templates", p(&dir)]);
        let report: Value = serde_json::from_str(&stdout(&out)).unwrap();
        report[0]["outcomes"].clone()
    };
    let soc26 = outcomes("SOC26", 2025);
    let soc27 = outcomes("SOC27", 2026);
    for (name, expected_26, expected_27) in [
        ("spesa_inferiore", Value::Bool(true), Value::Bool(true)),
        ("caso", "C".into(), "C".into()),
        ("quadro3_dovuto", Value::Bool(true), Value::Bool(false)),
    ] {
        assert_eq!(soc26[name], expected_26, "SOC26 {name}: {soc26}");
        assert_eq!(soc27[name], expected_27, "SOC27 {name}: {soc27}");
    }
}

/// What a form lacks to conclude, and the batch report's columns, follow a
/// SOC27 whose outcomes differ by data: no `sopra_soglia_6500`, the social
/// workers' outcome in other words, R01B one more column of the report. A
/// blank SOC27 waits for R01 alone (no longer for R03, which only the
/// threshold on R01B read), under the new words; its report has R01B.
#[test]
fn a_soc27_whose_outcomes_differ_says_what_it_lacks_by_its_own_words() {
    let dir = tempdir("rules-data-undecided");
    make_soc27(&dir);
    let path = dir.join("editions/SOC27.toml");
    let mut text = std::fs::read_to_string(&path).unwrap();
    for (from, to) in [
        (
            "[[esito]]\nnome = \"sopra_soglia_6500\"\ndescrizione = \"assistenti sociali per abitante, Quadro 1\"\nfrasi = [\"assistenti\"]\ncondizione = \"R01B > 6500\"\n",
            "",
        ),
        (
            "nome = \"assistenti_nulli\"\ndescrizione = \"assistenti sociali per abitante, Quadro 1\"",
            "nome = \"assistenti_nulli\"\ndescrizione = \"personale sociale del Comune, Quadro 1\"",
        ),
        (
            "\"quadro3_coerente\"]\n",
            "\"quadro3_coerente\", \"R01B\"]\n",
        ),
    ] {
        assert_eq!(text.matches(from).count(), 1, "`{from}` once in SOC26.toml");
        text = text.replace(from, to);
    }
    std::fs::write(&path, text).unwrap();
    let blank = dir.join("blank.json");
    run(&dir, &["template", "--edizione", "SOC27", "-o", p(&blank)]);

    // The page's API, from `scheda serve --templates DIR` on a free port.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let addr: std::net::SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
    let mut server = std::process::Command::new(env!("CARGO_BIN_EXE_scheda"))
        .args(["serve", "--bind", &addr.to_string(), "--templates", p(&dir)])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let up = (0..100).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(100));
        std::net::TcpStream::connect(addr).is_ok()
    });
    // In Italian, as the page asks.
    let body = std::fs::read(&blank).unwrap();
    let italian = [("Accept-Language", "it")];
    let answer = up.then(|| crate::serve::call(addr, "POST", "/api/check", &italian, &body));
    server.kill().ok();
    server.wait().ok();
    let answer = answer.expect("scheda serve listens");
    assert_eq!(answer.status, 200);
    let undecided = answer.json()["undecided"].clone();
    assert_eq!(
        undecided,
        serde_json::json!([
            {
                "per": "livello di servizio, Quadro 1",
                "righe": ["«Numero di utenti serviti - 2026» di 21 righe (da M12 a R0A)", "R03", "R05"],
                "frasi": ["servizi", "servizi_seguito", "quadro2"],
            },
            {
                "per": "spesa rispetto al fabbisogno, Quadri 2 e 3",
                "righe": ["R06", "R07"],
                "frasi": ["quadro2", "quadro3"],
            },
            {
                "per": "personale sociale del Comune, Quadro 1",
                "righe": ["R01"],
                "frasi": ["assistenti"],
            },
        ])
    );

    // The batch report: the columns of every edition known, R01B last.
    let out = dir.join("out");
    let input = dir.join("in.json");
    let mut model: Value = serde_json::from_slice(&std::fs::read(&blank).unwrap()).unwrap();
    model["quadro1"]["R03"] = 6000.into();
    model["quadro1"]["R01"]["anno"] = serde_json::from_str("2.00").unwrap();
    std::fs::write(&input, serde_json::to_vec(&model).unwrap()).unwrap();
    let _ = scheda(&[
        "batch",
        p(&input),
        "-o",
        p(&out),
        "--to",
        "json",
        "--recompute",
        "--templates",
        p(&dir),
    ]);
    let report = std::fs::read_to_string(out.join("report.csv")).unwrap();
    let mut lines = report.trim_start_matches('\u{FEFF}').lines();
    let header: Vec<&str> = lines.next().unwrap().split(';').collect();
    let row: Vec<&str> = lines.next().unwrap().split(';').collect();
    let at = |name: &str| {
        header
            .iter()
            .position(|h| *h == format!("\"{name}\""))
            .unwrap()
    };
    assert_eq!(at("R01B"), at("Quadro 3 coherent") + 1, "{header:?}");
    assert_eq!(at("consistent"), at("R01B") + 1, "{header:?}");
    assert_eq!(row[at("R01B")], "3000,00", "{report}");
}
