//! The command line's messages in Italian and English (issue 20): `check`'s
//! report, and the batch's report (headers, outcomes, warnings, errors, the
//! `code` column) and summary, by the locale or `--lang`.

use std::collections::HashMap;
use std::path::Path;

use crate::util::{altered, p, read_fixture, scheda_in, stderr, stdout, tempdir};

#[test]
fn check_speaks_the_language_of_the_locale_or_of_lang() {
    let dir = tempdir("msg-check");
    let input = altered(&dir);
    let cases: [(&str, &[&str], &str); 3] = [
        (
            "it_IT.UTF-8",
            &[],
            "{}: valori non coerenti: 2\n  R0B TOTALE UTENTI 2024: valore stampato 995, valore \
             calcolato 994 (/quadro1/R0B/utenti)\n  M12 media annua ore di assistenza 2024: \
             valore stampato 131,00, valore calcolato 130,00 (/quadro1/M12/media_ore)\n",
        ),
        (
            "it_IT.UTF-8",
            &["--lang", "en"],
            "{}: 2 inconsistent value(s)\n  R0B TOTALE UTENTI 2024: printed 995, computed 994 \
             (/quadro1/R0B/utenti)\n  M12 media annua ore di assistenza 2024: printed 131,00, \
             computed 130,00 (/quadro1/M12/media_ore)\n",
        ),
        (
            "C.UTF-8",
            &["--lang", "it"],
            "{}: valori non coerenti: 2\n  R0B TOTALE UTENTI 2024: valore stampato 995, valore \
             calcolato 994 (/quadro1/R0B/utenti)\n  M12 media annua ore di assistenza 2024: \
             valore stampato 131,00, valore calcolato 130,00 (/quadro1/M12/media_ore)\n",
        ),
    ];
    for (locale, lang, expected) in cases {
        let mut args = vec!["check", p(&input)];
        args.extend(lang);
        let out = scheda_in(locale, &args);
        assert_eq!(out.status.code(), Some(1), "{locale} {lang:?}");
        assert_eq!(
            stdout(&out),
            expected.replace("{}", p(&input)),
            "{locale} {lang:?}"
        );
    }

    // A folder: the summary line, and a consistent form.
    let good = dir.join("good");
    std::fs::create_dir_all(&good).unwrap();
    std::fs::write(good.join("a.txt"), read_fixture("001_c36fd2931944160a.txt")).unwrap();
    std::fs::write(good.join("note.doc"), "x").unwrap();
    for (locale, lines) in [
        (
            "it_IT.UTF-8",
            [
                "coerente",
                "1 scheda: coerenti 1, non coerenti 0, illeggibili 0; 1 file saltato",
            ],
        ),
        (
            "C.UTF-8",
            [
                "consistent",
                "1 form: 1 consistent, 0 inconsistent, 0 unreadable; 1 file skipped",
            ],
        ),
    ] {
        let out = scheda_in(locale, &["check", p(&good)]);
        assert_eq!(out.status.code(), Some(0), "{locale}: {}", stderr(&out));
        assert_eq!(
            stdout(&out),
            format!("{}: {}\n{}\n", p(&good.join("a.txt")), lines[0], lines[1]),
            "{locale}"
        );
    }
}

/// The records of a CSV report: `;` between fields, text in double quotes.
fn records(path: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(path).unwrap();
    let text = text.trim_start_matches('\u{FEFF}');
    let mut out = Vec::new();
    for line in text.split("\r\n").filter(|l| !l.is_empty()) {
        let (mut fields, mut field, mut quoted) = (Vec::new(), String::new(), false);
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '"' if quoted && chars.peek() == Some(&'"') => {
                    field.push('"');
                    chars.next();
                }
                '"' => quoted = !quoted,
                ';' if !quoted => fields.push(std::mem::take(&mut field)),
                c => field.push(c),
            }
        }
        fields.push(field);
        out.push(fields);
    }
    out
}

#[test]
fn the_batch_report_speaks_the_language_of_the_run_with_a_stable_code() {
    let dir = tempdir("msg-batch");
    let inputs = dir.join("in");
    std::fs::create_dir_all(&inputs).unwrap();
    altered(&inputs);
    std::fs::write(
        inputs.join("bad.json"),
        r#"{"schema_version":1,"edizione":"SOC25","anno":2024,"quadro1":{"R03":-5}}"#,
    )
    .unwrap();
    std::fs::write(inputs.join("note.doc"), "x").unwrap();

    struct Case {
        locale: &'static str,
        lang: &'static [&'static str],
        header: &'static str,
        outcomes: [(&'static str, &'static str, &'static str); 3],
        warning: &'static str,
        summary: &'static str,
    }
    let cases = [
        Case {
            locale: "it_IT.UTF-8",
            lang: &[],
            header: "file;riga;esito;Comune;edizione;R04;R05;caso Quadro 2;Quadro 3 dovuto;R09;\
                     R15;Quadro 3 coerente;valori coerenti;avvisi;correzioni;file scritti;errore;code",
            outcomes: [
                ("altered.txt", "fatto", "ok"),
                ("bad.json", "non riuscito", "model_count"),
                ("note.doc", "saltato", "skip_not_a_form"),
            ],
            warning: "riga R0B, TOTALE UTENTI 2024: valore stampato 995, valore calcolato 994 \
                      (/quadro1/R0B/utenti)",
            summary: "lotto: 2 schede in ",
        },
        Case {
            locale: "it_IT.UTF-8",
            lang: &["--lang", "en"],
            header: "input;row;status;Comune;edition;R04;R05;Quadro 2 case;Quadro 3 due;R09;R15;\
                     Quadro 3 coherent;consistent;warnings;corrections;outputs;error;code",
            outcomes: [
                ("altered.txt", "ok", "ok"),
                ("bad.json", "failed", "model_count"),
                ("note.doc", "skipped", "skip_not_a_form"),
            ],
            warning: "row R0B, TOTALE UTENTI 2024: printed 995, computed 994 (/quadro1/R0B/utenti)",
            summary: "batch: 2 forms in ",
        },
    ];
    for case in cases {
        let out = dir.join(format!("out-{}", case.lang.len()));
        let mut args = vec!["batch", p(&inputs), "-o", p(&out), "--to", "json"];
        args.extend(case.lang);
        let run = scheda_in(case.locale, &args);
        let err = stderr(&run);
        assert_eq!(run.status.code(), Some(4), "{err}");
        assert!(err.contains(case.summary), "{err}");
        let records = records(&out.join("report.csv"));
        // (LibreOffice set to Italian opens the Italian report with the
        // same headers: `batch_report`.)
        assert_eq!(records[0].join(";"), case.header);
        let rows: Vec<HashMap<&str, &str>> = records[1..]
            .iter()
            .map(|r| {
                assert_eq!(r.len(), records[0].len(), "{r:?}");
                records[0]
                    .iter()
                    .map(String::as_str)
                    .zip(r.iter().map(String::as_str))
                    .collect()
            })
            .collect();
        let (status, warnings, error) = (&records[0][2], &records[0][13], &records[0][16]);
        for (file, outcome, code) in case.outcomes {
            let row = rows
                .iter()
                .find(|r| r[records[0][0].as_str()].ends_with(file))
                .unwrap_or_else(|| panic!("{file} in {rows:?}"));
            assert_eq!(row[status.as_str()], outcome, "{file}");
            assert_eq!(row["code"], code, "{file}");
        }
        let altered = rows
            .iter()
            .find(|r| r[records[0][0].as_str()].ends_with("altered.txt"))
            .unwrap();
        assert!(
            altered[warnings.as_str()].contains(case.warning),
            "{}",
            altered[warnings.as_str()]
        );
        // Values keep their notation in either language.
        assert_eq!(altered[records[0][12].as_str()], "NO");
        let bad = rows
            .iter()
            .find(|r| r[records[0][0].as_str()].ends_with("bad.json"))
            .unwrap();
        let expected_error = if case.lang.is_empty() {
            "valore non valido"
        } else {
            "invalid model"
        };
        assert!(
            bad[error.as_str()].starts_with(expected_error),
            "{}",
            bad[error.as_str()]
        );
    }
}

#[test]
fn convert_s_errors_in_italian_and_english() {
    let dir = tempdir("msg-convert");
    let input = altered(&dir);
    let unknown = dir.join("out.zzz");
    let cases: [(&str, &[&str], &str); 4] = [
        (
            "it_IT.UTF-8",
            &["-o", p(&input)],
            "errore: il file da scrivere è quello letto: scheda non sovrascrive mai i file che legge",
        ),
        (
            "it_IT.UTF-8",
            &["-o", p(&input), "--lang", "en"],
            "error: the output is the input: scheda never overwrites its input",
        ),
        (
            "it_IT.UTF-8",
            &["-o", p(&unknown)],
            "suggerimento: usa un'estensione (",
        ),
        ("C.UTF-8", &["-o", p(&unknown)], "hint: use an extension ("),
    ];
    for (locale, rest, expected) in cases {
        let mut args = vec!["convert", p(&input)];
        args.extend(rest);
        let out = scheda_in(locale, &args);
        assert_eq!(out.status.code(), Some(3), "{locale} {rest:?}");
        assert!(stderr(&out).contains(expected), "{}", stderr(&out));
    }
}

/// The command line's own errors (clap's) in Italian, rewritten from their
/// parts, with the placeholders the Italian help shows (`<FORMATO>`); in
/// English clap's words are kept. A value refused by one of scheda's
/// parsers keeps that parser's message, in the same language.
#[test]
fn usage_errors_in_italian_and_english() {
    let it = "it_IT.UTF-8";
    let cases: [(&str, &[&str], &[&str]); 10] = [
        (
            it,
            &["convert", "a.txt", "-o", "b.pdf", "--to", "docx"],
            &[
                "errore: valore non valido `docx` per --to <FORMATO>",
                "suggerimento: i valori possibili sono txt, json, jsonl, pdf, xlsx",
            ],
        ),
        (
            it,
            &["convert", "--frob"],
            &[
                "errore: argomento inatteso `--frob`",
                "suggerimento: forse intendevi `--from`",
            ],
        ),
        (
            it,
            &["conver"],
            &[
                "errore: comando sconosciuto `conver`",
                "forse intendevi `convert`",
            ],
        ),
        (
            it,
            &["convert", "a.txt"],
            &[
                "errore: mancano argomenti obbligatori: --output <FILE>",
                "suggerimento: `scheda convert --help` elenca i comandi e le opzioni",
            ],
        ),
        (
            it,
            &["batch", "a", "-o", "b", "--name", "{foo}"],
            &[
                "per --name <SCHEMA>: segnaposto sconosciuto `{foo}`; i segnaposto sono {denominazione},",
            ],
        ),
        (
            it,
            &["convert", "a.txt", "-o", "b.json", "--limit", "line=abc"],
            &["per --limit <NOME=VALORE>: limite `line`: `abc` non è un numero intero"],
        ),
        (
            it,
            &["serve", "--max-upload", "tanto"],
            &["`tanto` non è una dimensione (per esempio 20MB, 500KB)"],
        ),
        (
            it,
            &["convert", "a.txt", "-o", "b.json", "--comune", " "],
            &["serve il nome di un Comune o il numero di una scheda"],
        ),
        (
            "C.UTF-8",
            &["convert", "a.txt", "-o", "b.pdf", "--to", "docx"],
            &["error: invalid value 'docx' for '--to <FORMAT>'"],
        ),
        (
            it,
            &["--lang", "en", "batch", "a", "-o", "b", "--name", "{foo}"],
            &["unknown placeholder `{foo}`; the placeholders are {denominazione},"],
        ),
    ];
    for (locale, args, expected) in cases {
        let out = scheda_in(locale, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        for e in expected {
            assert!(stderr(&out).contains(e), "{args:?}: {}", stderr(&out));
        }
    }
}

/// Errors of the batch and of `editions` that are the command line's own.
#[test]
fn batch_and_editions_errors_in_italian() {
    let dir = tempdir("msg-batch-errors");
    let input = dir.join("a.txt");
    std::fs::write(&input, read_fixture("001_c36fd2931944160a.txt")).unwrap();
    let out_dir = dir.join("out");
    let report = dir.join("nowhere/report.csv");
    let exported = dir.join("export");
    std::fs::create_dir_all(exported.join("editions")).unwrap();
    std::fs::write(exported.join("editions/SOC26.toml"), "").unwrap();
    let cases: [(&[&str], u8, &str); 5] = [
        (
            &[
                "batch",
                p(&input),
                "-o",
                p(&out_dir),
                "--report",
                p(&report),
            ],
            3,
            "suggerimento: creala prima, o scegli un altro file con --report",
        ),
        (
            &["batch", p(&input), "-o", p(&out_dir), "--report", p(&input)],
            3,
            "errore: il resoconto sarebbe scritto sopra un file da leggere",
        ),
        (
            &["batch", p(&input), "-o", p(&out_dir), "--layout", "portal"],
            3,
            "errore: --layout sceglie la disposizione del testo, ma tra i formati di --to non c'è txt",
        ),
        (
            &["editions", "--export", "SOC99", p(&exported)],
            3,
            "errore: edizione sconosciuta `SOC99` (le edizioni sono SOC25, SOC26)",
        ),
        (
            &["editions", "--export", "SOC26", p(&exported)],
            3,
            "esiste già\nsuggerimento: esporta in una cartella vuota",
        ),
    ];
    for (args, code, expected) in cases {
        let out = scheda_in("it_IT.UTF-8", args);
        assert_eq!(
            out.status.code(),
            Some(code.into()),
            "{args:?}: {}",
            stderr(&out)
        );
        assert!(
            stderr(&out).contains(expected),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    let out = scheda_in("it_IT.UTF-8", &["editions"]);
    assert!(
        stdout(&out).contains("SOC26\t2025\tincorporata"),
        "{}",
        stdout(&out)
    );
}

/// Errors of the system and of fields with their own parsers, in the
/// user's language: a missing output folder (with what to do), an unknown
/// edition or a date in a JSON.
#[test]
fn system_errors_and_own_parsers_in_italian() {
    let dir = tempdir("msg-system");
    let seed = crate::util::fixture("001_c36fd2931944160a.txt");
    let missing = dir.join("nodir/sub/y.pdf");
    let edition = dir.join("edizione.json");
    std::fs::write(
        &edition,
        r#"{"schema_version": 1, "edizione": "SOC27", "anno": 2024}"#,
    )
    .unwrap();
    let date = dir.join("data.json");
    std::fs::write(
        &date,
        r#"{"schema_version": 1, "edizione": "SOC25", "anno": 2024, "ente": {"data": "ieri"}}"#,
    )
    .unwrap();
    let cases: [(&[&str], &str); 3] = [
        (
            &["convert", p(&seed), "-o", p(&missing)],
            "la cartella {dir}/nodir/sub non esiste\n  --> {dir}/nodir/sub/y.pdf\n\
             suggerimento: crea prima la cartella, o scrivi in una che esiste",
        ),
        (
            &["convert", p(&edition), "-o", "-", "--to", "json"],
            "errore: edizione sconosciuta `SOC27` (le edizioni sono SOC25, SOC26)\n  --> {dir}/edizione.json: /edizione",
        ),
        (
            &["convert", p(&date), "-o", "-", "--to", "json"],
            "errore: `ieri` non è una data e ora nella forma AAAA-MM-GGTHH:MM",
        ),
    ];
    for (args, expected) in cases {
        let out = scheda_in("it_IT.UTF-8", args);
        assert_eq!(out.status.code(), Some(3), "{args:?}");
        let expected = expected.replace("{dir}", p(&dir));
        assert!(
            stderr(&out).contains(&expected),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    assert!(!missing.parent().unwrap().exists());
}

/// `check --json` of an unreadable input: the error and the diagnostics'
/// messages in the language of messages, the same `code` in either.
#[test]
fn check_json_errors_follow_the_language_with_a_stable_code() {
    let dir = tempdir("msg-check-json");
    let input = dir.join("edizione.json");
    std::fs::write(
        &input,
        r#"{"schema_version": 1, "edizione": "SOC27", "anno": 2024}"#,
    )
    .unwrap();
    for (locale, error) in [
        (
            "it_IT.UTF-8",
            "edizione sconosciuta `SOC27` (le edizioni sono SOC25, SOC26)",
        ),
        ("C.UTF-8", "unknown edition `SOC27` (expected SOC25, SOC26)"),
    ] {
        let out = scheda_in(locale, &["check", "--json", p(&input)]);
        assert_eq!(out.status.code(), Some(3));
        let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
        assert_eq!(v[0]["error"], error, "{locale}");
        assert_eq!(v[0]["diagnostics"][0]["message"], error, "{locale}");
        assert_eq!(v[0]["diagnostics"][0]["code"], "edition_not_known");
        assert_eq!(v[0]["diagnostics"][0]["location"]["pointer"], "/edizione");
    }
}

/// Messages name rows as the edition prints them: SOC26 prints `ROB` (a
/// letter O), and so do `check`, the warning of `convert` and the report of
/// `--recompute`; the JSON pointer keeps the model's key.
#[test]
fn soc26_messages_name_rob_as_the_form_prints_it() {
    let dir = tempdir("msg-rob");
    let text = String::from_utf8(read_fixture("003_a8faf5e3924ac3ee.txt")).unwrap();
    let altered = text.replacen(
        "ROB - TOTALE UTENTI\t19\t14",
        "ROB - TOTALE UTENTI\t19\t15",
        1,
    );
    assert_ne!(altered, text);
    let input = dir.join("rob.txt");
    std::fs::write(&input, altered).unwrap();
    let out = scheda_in("it_IT.UTF-8", &["check", p(&input)]);
    assert!(
        stdout(&out).contains("  ROB TOTALE UTENTI 2025: valore stampato 15, valore calcolato 14 (/quadro1/R0B/utenti)"),
        "{}",
        stdout(&out)
    );
    let json = dir.join("rob.json");
    let out = scheda_in(
        "C.UTF-8",
        &["convert", "--recompute", p(&input), "-o", p(&json)],
    );
    assert!(
        stderr(&out).contains("ROB /quadro1/R0B/utenti: 15 -> 14"),
        "{}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains("R0B "), "{}", stderr(&out));
}
