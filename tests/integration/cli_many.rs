//! The `scheda` binary with several forms: JSON Lines both ways, picking
//! one form with `--comune`, and the message when several forms meet a
//! format that holds one.

use std::io::Write;
use std::process::Command;

use serde_json::Value;

use crate::util::{SEEDS, fixture, p, scheda, stderr, stdout, tempdir};

/// The three samples as JSON Lines, in this order: CUMIGNANO SUL NAVIGLIO,
/// SONDRIO, and TORTONA (whose model has no denominazione).
fn samples_jsonl(dir: &std::path::Path) -> std::path::PathBuf {
    let out = dir.join("ambito.jsonl");
    let samples = ["cumignano", "sondrio", "tortona"].map(|s| {
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("samples")
            .join(format!("{s}.json"))
    });
    let o = scheda(&[
        "convert",
        p(&samples[0]),
        p(&samples[1]),
        p(&samples[2]),
        "-o",
        p(&out),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // The samples are consistent: the only warnings are of SONDRIO's values
    // given with other decimals than the form prints (its whole means).
    let err = stderr(&o);
    for line in err.lines().filter(|l| l.starts_with("warning:")) {
        assert!(line.contains("decimals than the form prints"), "{err}");
    }
    assert!(!err.contains("error"), "{err}");
    out
}

/// A sample's model as scheda writes it: its derived values as the form
/// prints them (SONDRIO's whole means with two decimals).
fn sample_model(name: &str) -> Value {
    let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .join(format!("{name}.json"));
    let mut model = scheda::readers::json::read(&std::fs::read(path).unwrap())
        .unwrap()
        .value;
    scheda::rules::settle_precision(&mut model);
    serde_json::from_slice(&scheda::writers::json::write(&model).unwrap()).unwrap()
}

fn json_of(path: &std::path::Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

#[test]
fn several_forms_to_a_one_form_format_name_every_way_out() {
    let dir = tempdir("many-hint");
    let target = dir.join("ambito.json");
    let out = scheda(&[
        "convert",
        p(&fixture(&format!("{}.txt", SEEDS[0]))),
        p(&fixture(&format!("{}.txt", SEEDS[3]))),
        "-o",
        p(&target),
    ]);
    assert_eq!(out.status.code(), Some(3));
    let err = stderr(&out);
    assert!(
        err.contains("error: the input holds 2 forms, and a json file holds one"),
        "{err}"
    );
    assert!(
        err.contains(
            "hint: pick one with --comune NAME (or --comune N), write them all to .jsonl or \
             .xlsx, or one file per form with `scheda batch IN -o DIR --to FORMAT`"
        ),
        "{err}"
    );
    assert!(!target.exists());
}

#[test]
fn json_lines_hold_every_form_in_input_order_one_compact_line_each() {
    let dir = tempdir("jsonl");
    let all = dir.join("all.jsonl");
    let inputs: Vec<_> = SEEDS.iter().map(|s| fixture(&format!("{s}.txt"))).collect();
    let mut args = vec!["convert"];
    args.extend(inputs.iter().map(|i| p(i)));
    args.extend(["-o", p(&all)]);
    let out = scheda(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = std::fs::read_to_string(&all).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), SEEDS.len());
    assert!(text.ends_with("}\n"));
    for (line, seed) in lines.iter().zip(SEEDS) {
        assert!(
            line.starts_with(r#"{"schema_version":1,"edizione":"#),
            "{line}"
        );
        // The seed's model, its derived values as the form prints them.
        let bytes = crate::util::read_fixture(&format!("{seed}.expected.json"));
        let mut model = scheda::readers::json::read(&bytes).unwrap().value;
        scheda::rules::settle_precision(&mut model);
        let expected: Value =
            serde_json::from_slice(&scheda::writers::json::write(&model).unwrap()).unwrap();
        let got: Value = serde_json::from_str(line).unwrap();
        assert_eq!(got, expected, "{seed}");
    }

    // Read back: every command takes it, and a copy is byte for byte the same.
    let copy = dir.join("copy.jsonl");
    let out = scheda(&["convert", p(&all), "-o", p(&copy)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&copy).unwrap(), text);
    // Seed 004 (the IFEL page, without Quadro 3) leaves R09 blank, which
    // the rules compute: not consistent, though no printed value is wrong.
    let out = scheda(&["check", p(&all)]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let report = stdout(&out);
    assert_eq!(report.lines().count(), SEEDS.len() + 2, "{report}");
    assert!(
        report.contains(&format!("{} (form 1): consistent", p(&all))),
        "{report}"
    );
    assert!(
        report.contains(&format!(
            "{} (form 5, SONDRIO): 1 blank derived value(s) that the rules compute\n  \
             R09 risorse aggiuntive da rendicontare: blank, computed 0,00 (/quadro3/R09)",
            p(&all)
        )),
        "{report}"
    );

    // One form is one line, and the format can be asked for by name.
    let out = Command::new(env!("CARGO_BIN_EXE_scheda"))
        .args(["convert", p(&inputs[3]), "-o", "-", "--to", "jsonl"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), format!("{}\n", lines[3]));
}

#[test]
fn json_lines_errors_name_the_line_and_the_pointer() {
    let dir = tempdir("jsonl-bad");
    let good = std::fs::read_to_string(fixture(&format!("{}.expected.json", SEEDS[3]))).unwrap();
    let good: Value = serde_json::from_str(&good).unwrap();
    let bad = dir.join("bad.jsonl");
    std::fs::write(
        &bad,
        format!(
            "{good}\n\n{}\n{}\n",
            r#"{"schema_version":1,"edizione":"SOC25","anno":2024,"quadro1":{"M12":{"utenti":-5}}}"#,
            r#"{"schema_version":1,"#
        ),
    )
    .unwrap();
    let out = scheda(&["check", p(&bad)]);
    assert_eq!(out.status.code(), Some(3));
    let err = stderr(&out);
    let name = p(&bad);
    assert!(
        err.contains(&format!(
            "error: invalid model: expected a non-negative whole number, found -5\n  --> {name}:3: /quadro1/M12/utenti\n"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "error: failed to parse JSON (EOF while parsing a value, column 20)\n  --> {name}:4\n"
        )),
        "{err}"
    );
    assert_eq!(
        stdout(&out),
        "",
        "nothing checked from a file that does not read"
    );

    // JSON Lines named .json says what it is.
    let lines = dir.join("lines.json");
    std::fs::write(&lines, format!("{good}\n{good}\n")).unwrap();
    let out = scheda(&["check", p(&lines)]);
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains(
            "hint: a file of one model per line is JSON Lines: name it .jsonl, or use --from jsonl"
        ),
        "{}",
        stderr(&out)
    );
    let out = scheda(&["check", "--from", "jsonl", p(&lines)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 2);
}

#[test]
fn comune_picks_one_form_by_name_or_number() {
    let dir = tempdir("comune");
    let ambito = samples_jsonl(&dir);
    for pick in ["sondrio", "Sondrio", " SONDRIO ", "2"] {
        let one = dir.join("sondrio.json");
        let out = scheda(&["convert", p(&ambito), "--comune", pick, "-o", p(&one)]);
        assert_eq!(out.status.code(), Some(0), "{pick}: {}", stderr(&out));
        assert_eq!(json_of(&one), sample_model("sondrio"), "{pick}");
        std::fs::remove_file(&one).unwrap();
    }
    // By number, a form without a name.
    let out = Command::new(env!("CARGO_BIN_EXE_scheda"))
        .args(["convert", "-", "--comune", "3", "-o", "-", "--to", "json"])
        .stdin(std::fs::File::open(&ambito).unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let got: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        got,
        sample_model("tortona"),
        "read from stdin as JSON Lines"
    );
    // Across several inputs, forms are numbered in input order.
    let one = dir.join("cumignano.json");
    let out = scheda(&[
        "convert",
        p(&fixture(&format!("{}.txt", SEEDS[0]))),
        p(&ambito),
        "--comune",
        "2",
        "-o",
        p(&one),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(json_of(&one), sample_model("cumignano"));
}

#[test]
fn comune_errors_list_the_forms_available() {
    let dir = tempdir("comune-bad");
    let ambito = samples_jsonl(&dir);
    let target = dir.join("x.json");
    let listing = "hint: the input holds: 1 CUMIGNANO SUL NAVIGLIO, 2 SONDRIO, 3 (no denominazione); \
                   pick one with --comune NAME or --comune N";

    let out = scheda(&[
        "convert",
        p(&ambito),
        "--comune",
        "Bormio",
        "-o",
        p(&target),
    ]);
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(
        stderr(&out),
        format!(
            "error: no form is for the Comune \"Bormio\"\n  --> {}\n{listing}\n",
            p(&ambito)
        )
    );

    let out = scheda(&["convert", p(&ambito), "--comune", "4", "-o", p(&target)]);
    assert_eq!(out.status.code(), Some(3));
    let err = stderr(&out);
    assert!(
        err.starts_with("error: there is no form 4: the input holds 3 forms\n"),
        "{err}"
    );
    assert!(err.contains(listing), "{err}");

    // The same Comune twice: pick by number.
    let twice = dir.join("twice.jsonl");
    let text = std::fs::read_to_string(&ambito).unwrap();
    let mut f = std::fs::File::create(&twice).unwrap();
    f.write_all(text.as_bytes()).unwrap();
    f.write_all(text.lines().nth(1).unwrap().as_bytes())
        .unwrap();
    drop(f);
    let out = scheda(&[
        "convert",
        p(&twice),
        "--comune",
        "sondrio",
        "-o",
        p(&target),
    ]);
    assert_eq!(out.status.code(), Some(3));
    let err = stderr(&out);
    assert!(
        err.contains("error: 2 forms are for the Comune \"sondrio\" (forms 2, 4)"),
        "{err}"
    );
    assert!(
        err.contains("hint: pick one by its number: --comune 2 or --comune 4"),
        "{err}"
    );
    assert!(!target.exists());

    let out = scheda(&["convert", p(&ambito), "--comune", "", "-o", p(&target)]);
    assert_eq!(out.status.code(), Some(2), "a usage error");
}
