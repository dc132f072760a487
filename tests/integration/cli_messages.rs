//! The `scheda` binary's messages: the output blamed for an unknown output
//! format, JSON pointers, negative counts, the values `--help` lists, and
//! a closed pipe.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use crate::util::{fixture, p, read_fixture, scheda, stderr, stdout, tempdir};

#[test]
fn standard_output_without_to_blames_the_output() {
    let input = fixture("003_a8faf5e3924ac3ee.expected.json");
    let out = scheda(&["convert", p(&input), "-o", "-"]);
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(
        stderr(&out),
        "error: cannot tell the output format of standard output\n\
         hint: use --to FORMAT (one of txt, json, jsonl, pdf, xlsx)\n"
    );
    assert_eq!(stdout(&out), "");
}

/// The message of reading `json` with `scheda check`.
fn check_json(dir: &std::path::Path, json: &str) -> String {
    let path = dir.join("model.json");
    std::fs::write(&path, json).unwrap();
    let out = scheda(&["check", p(&path)]);
    assert_eq!(out.status.code(), Some(3), "{json}");
    stderr(&out).replace(p(&path), "model.json")
}

#[test]
fn unknown_keys_are_named_by_rfc_6901_pointers() {
    let dir = tempdir("pointers");
    let head = r#"{"schema_version":1,"edizione":"SOC25","anno":2024,"#;
    for (body, pointer) in [
        (r#""quadro1":{"...":1}}"#, "/quadro1/..."),
        (r#""quadro1":{"a/b":1}}"#, "/quadro1/a~1b"),
        (r#""quadro1":{"M12":{"x~y":1}}}"#, "/quadro1/M12/x~0y"),
        (r#""quadro1":{"~/":1}}"#, "/quadro1/~0~1"),
    ] {
        let err = check_json(&dir, &format!("{head}{body}"));
        assert!(
            err.starts_with("error: invalid model: unknown field `"),
            "{err}"
        );
        assert!(
            err.contains(&format!("\n  --> model.json: {pointer}\n")),
            "{pointer}: {err}"
        );
    }
    // A number too precise is named by its own place, not serde_json's.
    let err = check_json(&dir, &format!(r#"{head}"quadro1":{{"R04":1e400}}}}"#));
    assert!(err.contains("\n  --> model.json: /quadro1/R04\n"), "{err}");
}

#[test]
fn a_negative_count_asks_for_a_non_negative_whole_number() {
    let dir = tempdir("negative");
    let head = r#"{"schema_version":1,"edizione":"SOC25","anno":2024,"#;
    let hint = "hint: counts of users, hours and inhabitants are whole numbers, 0 or more\n";
    for (body, found, pointer) in [
        (
            r#""quadro1":{"M12":{"utenti":-5}}}"#,
            "-5",
            "/quadro1/M12/utenti",
        ),
        (
            r#""quadro1":{"M12":{"ore":2.5}}}"#,
            "2.5",
            "/quadro1/M12/ore",
        ),
        (r#""quadro1":{"R03":"mille"}}"#, "\"mille\"", "/quadro1/R03"),
        (
            r#""quadro1":{"R01B":18446744073709551616}}"#,
            "18446744073709551616 (too large)",
            "/quadro1/R01B",
        ),
    ] {
        let err = check_json(&dir, &format!("{head}{body}"));
        assert_eq!(
            err,
            format!(
                "error: invalid model: expected a non-negative whole number, found {found}\n  \
                 --> model.json: {pointer}\n{hint}"
            )
        );
    }

    // The same in extracted text: M12's users 2019 printed as -5.
    let seed = String::from_utf8(read_fixture("001_c36fd2931944160a.txt")).unwrap();
    let text = seed.replacen("\n5 3 390 130,00", "\n-5 3 390 130,00", 1);
    assert_ne!(text, seed);
    let path = dir.join("negative.txt");
    std::fs::write(&path, text).unwrap();
    let out = scheda(&["check", p(&path)]);
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(
        stderr(&out),
        format!(
            "error: row M12: expected a non-negative whole number (utenti 2019), found `-5`\n  \
             --> {}:19\n{hint}",
            p(&path)
        )
    );
}

#[test]
fn help_lists_the_accepted_values() {
    let help = stdout(&scheda(&["convert", "--help"]));
    for value in [
        "txt:",
        "json:",
        "jsonl:",
        "pdf:",
        "xlsx:",
        "pdftotext:",
        "portal:",
        "--comune",
    ] {
        assert!(help.contains(value), "{value}: {help}");
    }
    let help = stdout(&scheda(&["check", "--help"]));
    assert!(help.contains("jsonl:"), "{help}");
    let help = stdout(&scheda(&["template", "--help"]));
    assert!(help.contains("[possible values: SOC25, SOC26]"), "{help}");

    // A value not listed is a usage error that lists them.
    let out = scheda(&["convert", "x.json", "-o", "-", "--to", "docx"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("[possible values: txt, json, jsonl, pdf, xlsx]"),
        "{}",
        stderr(&out)
    );
    // Names are taken in any case, aliases too.
    let input = fixture("003_a8faf5e3924ac3ee.txt");
    let out = scheda(&["convert", p(&input), "-o", "-", "--to", "JSON"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = scheda(&[
        "convert",
        p(&input),
        "-o",
        "-",
        "--to",
        "text",
        "--layout",
        "Portale",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("<input"), "the portal layout");
}

/// Spawn scheda with stdout piped, read `lines` lines of it, close it, and
/// return the exit code and stderr.
fn read_then_close(args: &[&str], lines: usize) -> (Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_scheda"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    for _ in 0..lines {
        let mut line = Vec::new();
        out.read_until(b'\n', &mut line).unwrap();
    }
    drop(out);
    let done = child.wait_with_output().unwrap();
    (done.status.code(), stderr(&done))
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let dir = tempdir("pipe");
    // Outputs far larger than a pipe's buffer, so that the writer is sure
    // to meet the closed end: a PDF, and a --json report of 100 forms.
    let input = fixture("003_a8faf5e3924ac3ee.expected.json");
    let (code, err) = read_then_close(&["convert", p(&input), "-o", "-", "--to", "pdf"], 0);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(err, "");

    let line = std::fs::read_to_string(fixture("003_a8faf5e3924ac3ee.expected.json")).unwrap();
    let line: serde_json::Value = serde_json::from_str(&line).unwrap();
    let many = dir.join("many.jsonl");
    std::fs::write(&many, format!("{line}\n").repeat(100)).unwrap();
    let (code, err) = read_then_close(&["check", "--json", p(&many)], 1);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(err, "");
    let (code, err) = read_then_close(&["check", p(&many)], 1);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        !err.contains("panicked") && !err.contains("Broken pipe"),
        "{err}"
    );
}

/// Issue 20: under an Italian locale the messages moved to the catalogue
/// print in Italian, with their places and hints; `--lang en` prints them
/// in English.
#[test]
fn an_italian_locale_prints_italian_messages() {
    let dir = tempdir("lang");
    let not_a_form = dir.join("appunti.txt");
    std::fs::write(&not_a_form, "Lorem ipsum\ndolor sit amet\n").unwrap();
    let seed = String::from_utf8(read_fixture("000_67ecfe3c12e4f28c.txt")).unwrap();
    let lines: Vec<&str> = seed.lines().collect();
    let m15 = lines.iter().position(|l| l.starts_with("M15")).unwrap();
    let m18 = lines.iter().position(|l| l.starts_with("M18")).unwrap();
    let without_m15 = [&lines[..m15], &lines[m18..]].concat().join("\n");
    let missing = dir.join("senza-m15.txt");
    std::fs::write(&missing, without_m15).unwrap();
    let mut model: serde_json::Value =
        serde_json::from_slice(&read_fixture("001_c36fd2931944160a.expected.json")).unwrap();
    model["quadro1"]["M12"]["utenti"] = serde_json::json!(-3);
    let negative = dir.join("negativo.json");
    std::fs::write(&negative, model.to_string()).unwrap();
    let out = dir.join("x.pdf");
    let italian = |input: &std::path::Path| {
        let o = crate::util::scheda_in("it_IT.UTF-8", &["convert", p(input), "-o", p(&out)]);
        assert_eq!(o.status.code(), Some(3));
        stderr(&o)
    };
    let e = italian(&not_a_form);
    assert!(
        e.starts_with("errore: il testo non è una scheda SOC25/SOC26")
            && e.contains("\n  --> ")
            && e.contains("\nsuggerimento: fornisci il testo della scheda"),
        "{e}"
    );
    let e = italian(&missing);
    assert!(
        e.starts_with("errore: riga M15 non trovata (cercata dopo M12 (riga 5 del testo) e prima di M18 (riga ")
            && e.contains("senza-m15.txt:")
            && e.contains("\nsuggerimento: il testo deve contenere tutte le righe"),
        "{e}"
    );
    let e = italian(&negative);
    assert!(
        e.starts_with("errore: valore non valido: atteso un numero intero, 0 o più, trovato -3\n")
            && e.contains("negativo.json: /quadro1/M12/utenti")
            && e.contains("\nsuggerimento: utenti, ore e abitanti"),
        "{e}"
    );
    let o = crate::util::scheda_in(
        "it_IT.UTF-8",
        &["--lang", "en", "convert", p(&missing), "-o", p(&out)],
    );
    assert!(
        stderr(&o).starts_with("error: row M15 not found (expected after M12 (line 5)"),
        "{}",
        stderr(&o)
    );
    assert!(!out.exists(), "no output from a file that does not read");
}

/// Options are English, with the form's Italian words as aliases: every
/// command that takes an edition takes `--edition` and `--edizione`, and
/// `--help` shows both.
#[test]
fn the_edition_option_has_its_italian_alias() {
    for command in ["convert", "check", "template", "batch"] {
        let help = stdout(&scheda(&[command, "--help"]));
        assert!(
            help.contains("--edition <EDITION>") && help.contains("[alias: --edizione]"),
            "{command}: {help}"
        );
    }
    let dir = crate::util::tempdir("edition-alias");
    for option in ["--edition", "--edizione"] {
        let out = dir.join(format!("{option}.json"));
        let run = scheda(&["template", option, "SOC26", "-o", p(&out)]);
        assert_eq!(run.status.code(), Some(0), "{option}: {}", stderr(&run));
        let json = std::fs::read_to_string(&out).unwrap();
        assert!(json.contains("\"edizione\": \"SOC26\""), "{option}: {json}");
    }
}
