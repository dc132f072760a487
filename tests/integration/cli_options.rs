//! The `scheda` binary: what every command shares (--strict, --templates),
//! the blank form in any format, the warnings of `convert` about printed
//! values, and `check` going on past an unreadable file.

use serde_json::Value;

use crate::util::{altered, fixture, p, scheda, stderr, stdout, tempdir};

const TOTAL: &str = "warning: row R0B, TOTALE UTENTI 2024: printed 995, computed 994";
const MEAN: &str =
    "warning: row M12, media annua ore di assistenza 2024: printed 131,00, computed 130,00";
const RECOMPUTE_HINT: &str =
    "hint: the output keeps the printed value; --recompute writes the computed one";

#[test]
fn convert_warns_about_every_printed_value_that_disagrees() {
    let dir = tempdir("disagree");
    let input = altered(&dir);
    let json = dir.join("kept.json");
    let out = scheda(&["convert", p(&input), "-o", p(&json)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "{TOTAL}\n  --> {}: /quadro1/R0B/utenti\n{RECOMPUTE_HINT}\n",
            p(&input)
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{MEAN}\n  --> {}: /quadro1/M12/media_ore\n{RECOMPUTE_HINT}\n",
            p(&input)
        )),
        "{err}"
    );
    assert_eq!(err.matches("warning:").count(), 2, "{err}");
    let model: Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    assert_eq!(
        model["quadro1"]["R0B"]["utenti"], 995,
        "the printed value is kept"
    );

    // A PDF too: written, not in silence.
    let pdf = dir.join("kept.pdf");
    let out = scheda(&["convert", p(&input), "-o", p(&pdf)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains(TOTAL), "{}", stderr(&out));
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));

    // Fatal under --strict, and nothing written.
    let strict = dir.join("strict.pdf");
    let out = scheda(&["convert", "--strict", p(&input), "-o", p(&strict)]);
    assert_eq!(out.status.code(), Some(3));
    let err = stderr(&out);
    assert!(err.contains(TOTAL) && err.contains(MEAN), "{err}");
    assert!(err.contains("error: 2 warnings under --strict"), "{err}");
    assert!(!strict.exists());

    // --recompute corrects them: no warning.
    let fixed = dir.join("fixed.json");
    let out = scheda(&[
        "convert",
        "--recompute",
        "--strict",
        p(&input),
        "-o",
        p(&fixed),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("recomputed R0B /quadro1/R0B/utenti: 995 -> 994"),
        "{}",
        stderr(&out)
    );
    let model: Value = serde_json::from_slice(&std::fs::read(&fixed).unwrap()).unwrap();
    assert_eq!(model["quadro1"]["R0B"]["utenti"], 994);
    assert_eq!(model["quadro1"]["M12"]["media_ore"].to_string(), "130.00");
}

#[test]
fn template_writes_a_blank_pdf_and_refuses_unknown_formats() {
    let dir = tempdir("template");
    let pdf = dir.join("vuota.pdf");
    let out = scheda(&["template", "--edizione", "soc26", "--strict", "-o", p(&pdf)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    // It is the blank form: it reads back as the empty model.
    let back = dir.join("back.json");
    let out = scheda(&["convert", p(&pdf), "-o", p(&back)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let empty = dir.join("empty.json");
    let out = scheda(&["template", "--edizione", "SOC26", "-o", p(&empty)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let empty = std::fs::read_to_string(&empty).unwrap();
    assert!(empty.contains("\"edizione\": \"SOC26\""), "{empty}");
    assert_eq!(std::fs::read_to_string(&back).unwrap(), empty);

    let docx = dir.join("vuota.docx");
    let out = scheda(&["template", "--edizione", "SOC25", "-o", p(&docx)]);
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(
        stderr(&out),
        format!(
            "error: cannot tell the output format of {0}\n  --> {0}\nhint: use an extension \
             (.txt, .json, .jsonl, .pdf, .xlsx) or --to FORMAT\n",
            p(&docx)
        )
    );
    assert!(!docx.exists());

    let help = stdout(&scheda(&["template", "--help"]));
    for word in [".pdf", ".xlsx", "--strict", "--templates", "SOC25, SOC26"] {
        assert!(help.contains(word), "{word}: {help}");
    }
}

#[test]
fn template_reads_the_pdf_layout_from_templates() {
    let dir = tempdir("template-dir");
    let layouts = dir.join("layouts");
    std::fs::create_dir_all(&layouts).unwrap();
    std::fs::write(
        layouts.join("SOC25.typ"),
        "#import \"common.typ\": *\n\n#nonesuch()\n",
    )
    .unwrap();
    let pdf = dir.join("vuota.pdf");
    let out = scheda(&[
        "template",
        "--edizione",
        "SOC25",
        "--templates",
        p(&layouts),
        "-o",
        p(&pdf),
    ]);
    assert_eq!(out.status.code(), Some(3));
    let err = stderr(&out);
    assert!(err.contains("unknown variable: nonesuch"), "{err}");
    assert!(err.contains("SOC25.typ:3"), "{err}");
    assert!(!pdf.exists());
    // The other edition keeps the built-in layout.
    let out = scheda(&[
        "template",
        "--edizione",
        "SOC26",
        "--templates",
        p(&layouts),
        "-o",
        p(&pdf),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(pdf.exists());
}

#[test]
fn a_missing_templates_dir_fails_in_every_command() {
    let dir = tempdir("no-templates");
    let missing = dir.join("missing");
    let input = fixture("003_a8faf5e3924ac3ee.txt");
    let expected = format!(
        "error: failed to read templates from {} (not found)\nhint: give a directory like the \
         one `scheda editions --export` writes (editions/, sentences/, form.typ, common.typ)\n",
        p(&missing)
    );
    let runs: [(&str, Vec<&str>); 4] = [
        ("convert to PDF", vec!["convert", p(&input), "-o"]),
        ("convert to JSON", vec!["convert", p(&input), "-o"]),
        ("check", vec!["check", p(&input)]),
        ("template", vec!["template", "--edizione", "SOC25", "-o"]),
    ];
    let targets = [
        dir.join("a.pdf"),
        dir.join("a.json"),
        dir.join("unused"),
        dir.join("t.pdf"),
    ];
    for ((what, mut args), target) in runs.into_iter().zip(&targets) {
        if args.last() == Some(&"-o") {
            args.push(p(target));
        }
        args.extend(["--templates", p(&missing)]);
        let out = scheda(&args);
        assert_eq!(out.status.code(), Some(3), "{what}");
        assert_eq!(stderr(&out), expected, "{what}");
        assert_eq!(stdout(&out), "", "{what}");
        assert!(!target.exists(), "{what}");
    }
    // A file is not a directory either.
    let out = scheda(&["check", p(&input), "--templates", p(&input)]);
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains("(not a directory)"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn check_goes_on_past_an_unreadable_file() {
    let dir = tempdir("check-on");
    let missing = dir.join("missing.txt");
    let good = fixture("003_a8faf5e3924ac3ee.txt");
    let bad = dir.join("bad.json");
    std::fs::write(
        &bad,
        r#"{"schema_version":1,"edizione":"SOC25","anno":2024,"quadro1":{"R03":-5}}"#,
    )
    .unwrap();
    let altered = altered(&dir);

    let out = scheda(&["check", p(&missing), p(&good), p(&bad), p(&altered)]);
    assert_eq!(
        out.status.code(),
        Some(3),
        "unreadable wins over inconsistent"
    );
    assert_eq!(
        stdout(&out),
        format!(
            "{}: consistent\n{}: 2 inconsistent value(s)\n  R0B TOTALE UTENTI 2024: printed 995, \
             computed 994 (/quadro1/R0B/utenti)\n  M12 media annua ore di assistenza 2024: \
             printed 131,00, computed 130,00 (/quadro1/M12/media_ore)\n",
            p(&good),
            p(&altered)
        )
    );
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "error: failed to read {0} (not found)\n  --> {0}\n",
            p(&missing)
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "error: invalid model: expected a non-negative whole number, found -5\n  --> {}: \
             /quadro1/R03\n",
            p(&bad)
        )),
        "{err}"
    );

    // Inconsistent beats consistent; unreadable beats both.
    let out = scheda(&["check", p(&good), p(&altered)]);
    assert_eq!(out.status.code(), Some(1));
    let out = scheda(&["check", p(&good), p(&missing)]);
    assert_eq!(out.status.code(), Some(3));
    assert!(stdout(&out).contains("consistent"));

    // --json: an entry with the error for each input that does not read.
    let out = scheda(&["check", "--json", p(&missing), p(&good), p(&bad)]);
    assert_eq!(out.status.code(), Some(3));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let entries = report.as_array().unwrap();
    assert_eq!(entries.len(), 3);
    assert_eq!(entries[0]["input"], p(&missing));
    assert_eq!(
        entries[0]["error"],
        format!("failed to read {} (not found)", p(&missing))
    );
    assert_eq!(entries[0]["diagnostics"][0]["severity"], "error");
    assert!(entries[0].get("consistent").is_none());
    assert_eq!(entries[1]["input"], p(&good));
    assert_eq!(entries[1]["consistent"], true);
    assert_eq!(entries[2]["input"], p(&bad));
    assert_eq!(
        entries[2]["error"],
        "invalid model: expected a non-negative whole number, found -5"
    );
    assert_eq!(
        entries[2]["diagnostics"][0]["location"],
        serde_json::json!({"kind": "pointer", "pointer": "/quadro1/R03"})
    );
    assert_eq!(
        entries[2]["diagnostics"][0]["hint"],
        "counts of users, hours and inhabitants are whole numbers, 0 or more"
    );

    let help = stdout(&scheda(&["check", "--help"]));
    assert!(
        help.contains(r#"{"input", "error", "diagnostics"}"#),
        "{help}"
    );
}
