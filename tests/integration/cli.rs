//! The `scheda` binary: commands, exit codes, messages, and files.

use std::process::Command;

use crate::util::{SEEDS, fixture, p, scheda, stderr, stdout, tempdir};

#[test]
fn every_seed_checks_consistent() {
    // Seed 004 is the IFEL page, which leaves Quadro 3 out: its R09, which
    // the rules compute (0,00 in SOC25 when spending is not below need), is
    // blank, so the form is not called consistent.
    for seed in SEEDS {
        let input = fixture(&format!("{seed}.txt"));
        let out = scheda(&["check", p(&input)]);
        let (code, text) = (out.status.code(), stdout(&out));
        if seed.starts_with("004") {
            assert_eq!(code, Some(1), "{seed}: {text}{}", stderr(&out));
            assert!(
                text.contains("1 blank derived value(s) that the rules compute"),
                "{text}"
            );
            assert!(text.contains("R09"), "{text}");
            continue;
        }
        assert_eq!(code, Some(0), "{seed}: {text}{}", stderr(&out));
        assert!(text.ends_with(": consistent\n"), "{text}");
    }
}

#[test]
fn check_fails_on_an_altered_total_or_mean_naming_the_row() {
    let seed = String::from_utf8(crate::util::read_fixture("001_c36fd2931944160a.txt")).unwrap();
    let dir = tempdir("altered");
    // R0B 2024 total: 994 -> 995.
    let total = seed.replacen("668 994", "668 995", 1);
    assert_ne!(total, seed);
    let path = dir.join("total.txt");
    std::fs::write(&path, total).unwrap();
    let out = scheda(&["check", p(&path)]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("R0B"), "{text}");
    assert!(text.contains("printed 995, computed 994"), "{text}");

    // M12 mean: 130,00 -> 131,00.
    let mean = seed.replacen("5 3 390 130,00", "5 3 390 131,00", 1);
    assert_ne!(mean, seed);
    let path = dir.join("mean.txt");
    std::fs::write(&path, mean).unwrap();
    let out = scheda(&["check", "--json", p(&path)]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let found = &report[0]["discrepancies"][0];
    assert_eq!(found["code"], "M12");
    assert_eq!(found["printed"], "131,00");
    assert_eq!(found["computed"], "130,00");
    assert_eq!(report[0]["outcomes"]["caso"], "B");
    assert!(
        report[0]["sentences"]["quadro2"][0]
            .as_str()
            .unwrap()
            .starts_with("La spesa dell'ente locale è risultata non inferiore")
    );
}

#[test]
fn convert_keeps_values_and_recompute_lists_changes() {
    let dir = tempdir("recompute");
    let input = fixture("004_7444e9ac6383849b.txt");
    let kept = dir.join("kept.json");
    let out = scheda(&["convert", p(&input), "-o", p(&kept)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let model: serde_json::Value = serde_json::from_slice(&std::fs::read(&kept).unwrap()).unwrap();
    // The page's six decimals agree with the rules: written as the form
    // prints R04, with a warning.
    assert_eq!(model["quadro1"]["R04"].to_string(), "33.63");
    assert!(
        stderr(&out).contains("is given as 33,629149, with more decimals than the form prints"),
        "{}",
        stderr(&out)
    );

    let fixed = dir.join("fixed.json");
    let out = scheda(&["convert", "--recompute", p(&input), "-o", p(&fixed)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("recomputed R04 /quadro1/R04: 33,629149 -> 33,63"),
        "{}",
        stderr(&out)
    );
    let model: serde_json::Value = serde_json::from_slice(&std::fs::read(&fixed).unwrap()).unwrap();
    assert_eq!(model["quadro1"]["R04"].to_string(), "33.63");
    assert_eq!(model["quadro1"]["M12"]["media_ore"].to_string(), "72.05");
}

#[test]
fn stdin_and_stdout() {
    let input = fixture("002_7dd651adceaafbf1.txt");
    let out = Command::new(env!("CARGO_BIN_EXE_scheda"))
        .args(["convert", "-", "--from", "txt", "-o", "-", "--to", "json"])
        .stdin(std::fs::File::open(&input).unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let model: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(model["quadro3"]["R09"].to_string(), "2420.47");
}

#[test]
fn bad_input_names_the_place_and_writes_nothing() {
    let dir = tempdir("bad");
    let bad = dir.join("bad.json");
    std::fs::write(
        &bad,
        r#"{"schema_version":1,"edizione":"SOC25","anno":2024,"quadro1":{"M12":{"utenti":-3}}}"#,
    )
    .unwrap();
    let target = dir.join("out.txt");
    let out = scheda(&["convert", p(&bad), "-o", p(&target)]);
    assert_eq!(out.status.code(), Some(3));
    let err = stderr(&out);
    assert!(err.starts_with("error: invalid model"), "{err}");
    assert!(err.contains("/quadro1/M12/utenti"), "{err}");
    assert!(!target.exists(), "no output on failure");
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        1,
        "no temporary file left"
    );

    let missing = scheda(&["check", p(&dir.join("nope.txt"))]);
    assert_eq!(missing.status.code(), Some(3));
    assert!(
        stderr(&missing).contains("(not found)"),
        "{}",
        stderr(&missing)
    );
}

#[test]
fn never_overwrites_the_input() {
    let dir = tempdir("overwrite");
    let input = dir.join("a.json");
    let original = r#"{"schema_version":1,"edizione":"SOC26","anno":2025}"#;
    std::fs::write(&input, original).unwrap();
    let out = scheda(&["convert", p(&input), "-o", p(&input)]);
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains("never overwrites its input"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read_to_string(&input).unwrap(), original);
}

#[test]
fn unknown_output_format_is_a_clear_error() {
    let input = fixture("003_a8faf5e3924ac3ee.txt");
    let out = scheda(&["convert", p(&input), "-o", "out.docx"]);
    assert_eq!(out.status.code(), Some(3));
    let err = stderr(&out);
    assert!(err.contains("cannot tell the output format"), "{err}");
    assert!(err.contains("hint: use an extension"), "{err}");
}

#[test]
fn strict_turns_unverified_sentences_into_failure() {
    // Case D (spending below need, services not below reference) has no
    // confirmed wording: a warning, and a failure under --strict.
    let dir = tempdir("strict");
    let input = dir.join("d.json");
    let model = r#"{"schema_version":1,"edizione":"SOC25","anno":2024,
      "quadro1":{"R0B":{"utenti_2019":0,"utenti":60},"R03":1000,"R04":6.00,"R05":4.49,
                 "R01":{"anno_2020":1,"anno":1},"R01A":0},
      "quadro2":{"R06":53895.69,"R07":{"anno_2017":34786.95,"anno_2021":51475.22},"R08":4391.81}}"#;
    std::fs::write(&input, model).unwrap();
    let txt = dir.join("d.txt");
    let out = scheda(&["convert", p(&input), "-o", p(&txt)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out)
            .contains("warning: Quadro 2, the sentence “La spesa dell'ente locale è risultata inferiore al livello del fabbisogno standard monetario per la funzione …”: its official wording is not confirmed"),
        "{}",
        stderr(&out)
    );
    let text = std::fs::read_to_string(&txt).unwrap();
    assert!(text.contains(
        "mentre il numero di utenti serviti risulta non inferiore allo standard di riferimento"
    ));

    std::fs::remove_file(&txt).unwrap();
    let out = scheda(&["convert", "--strict", p(&input), "-o", p(&txt)]);
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("under --strict"), "{}", stderr(&out));
    assert!(!txt.exists());
}

#[test]
fn pdf_round_trip_through_the_cli() {
    let dir = tempdir("pdf");
    let pdf = dir.join("cumignano.pdf");
    let out = scheda(&[
        "convert",
        p(&fixture("003_a8faf5e3924ac3ee.txt")),
        "-o",
        p(&pdf),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    let json = dir.join("back.json");
    let out = scheda(&["convert", p(&pdf), "-o", p(&json)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(&json).unwrap(),
        std::fs::read_to_string(fixture("003_a8faf5e3924ac3ee.expected.json")).unwrap()
    );
    // --layout only makes sense for text.
    let out = scheda(&[
        "convert",
        p(&json),
        "-o",
        p(&dir.join("x.pdf")),
        "--layout",
        "portal",
    ]);
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains("--layout chooses a text layout"),
        "{}",
        stderr(&out)
    );
}
