//! The messages of the writers, of the edition descriptions and of the
//! templates folder in Italian and English (issue 20): each error or
//! warning with its place and its hint, under an Italian locale and under
//! `--lang en`.

use std::path::Path;

use crate::util::{p, scheda_in, soc26_as, stderr, tempdir};

/// One run of scheda and what it prints on standard error.
struct Case {
    /// What the case is about.
    name: &'static str,
    /// The arguments, `DIR` standing for the case's folder.
    args: &'static [&'static str],
    /// Files written into the folder first: (name, text).
    files: Vec<(&'static str, String)>,
    /// The exit code.
    code: i32,
    /// Standard error in Italian, `DIR` standing for the folder.
    it: &'static str,
    /// Standard error in English.
    en: &'static str,
}

/// A SOC25 form in JSON with `body` (the quadri and the ente).
fn json(body: &str) -> String {
    format!(r#"{{"schema_version":1,"edizione":"SOC25","anno":2024,{body}}}"#)
}

/// SOC26 as the new edition SOC27 with `(from, to)` replaced.
fn soc27(from: &str, to: &str) -> String {
    soc26_as("SOC27", "Personale aggiuntivo", &[(from, to)])
}

/// The 1-based line of `needle` in `text`.
fn line_of(text: &str, needle: &str) -> usize {
    text[..text.find(needle).unwrap()].matches('\n').count() + 1
}

fn cases() -> Vec<Case> {
    let unterminated = soc27("codice = \"SOC27\"", "codice = \"SOC27");
    let valuta = soc27(
        r#"euro = [{ tipo = "euro" }]"#,
        r#"euro = [{ tipo = "valuta" }]"#,
    );
    vec![
        Case {
            name: "an edition description with a syntax error",
            args: &["editions", "--templates", "DIR"],
            files: vec![("editions/SOC27.toml", unterminated)],
            code: 3,
            it: "errore: descrizione dell'edizione non valida: invalid basic string\n  \
                 --> DIR/editions/SOC27.toml:LINE\n\
                 suggerimento: i commenti in testa a una descrizione di scheda (`scheda editions \
                 --export`) spiegano ogni chiave\n",
            en: "error: invalid edition description: invalid basic string\n  \
                 --> DIR/editions/SOC27.toml:LINE\n\
                 hint: the comments at the top of a built-in description (`scheda editions \
                 --export`) document every key\n",
        },
        Case {
            name: "an edition description with an unknown column kind",
            args: &["editions", "--templates", "DIR"],
            files: vec![("editions/SOC27.toml", valuta)],
            code: 3,
            it: "errore: tipo di colonna `valuta` sconosciuto nell'insieme di colonne `euro`\n  \
                 --> DIR/editions/SOC27.toml:LINE\n\
                 suggerimento: i tipi sono: KINDS\n",
            en: "error: unknown column kind `valuta` in column set `euro`\n  \
                 --> DIR/editions/SOC27.toml:LINE\n\
                 hint: the kinds are: KINDS\n",
        },
        Case {
            name: "an edition description in a file of another name",
            args: &["editions", "--templates", "DIR"],
            files: vec![(
                "editions/SOC28.toml",
                soc26_as("SOC27", "Personale aggiuntivo", &[]),
            )],
            code: 3,
            it: "errore: la descrizione dell'edizione SOC27 è in un file di nome SOC28.toml\n  \
                 --> DIR/editions/SOC28.toml:1\n\
                 suggerimento: chiama il file SOC27.toml, oppure cambia il suo `codice`\n",
            en: "error: the description of SOC27 is in a file named SOC28.toml\n  \
                 --> DIR/editions/SOC28.toml:1\n\
                 hint: name the file SOC27.toml, or change its `codice`\n",
        },
        Case {
            name: "a text whose layout cannot hold a blank cell",
            args: &[
                "convert",
                "DIR/in.json",
                "-o",
                "DIR/out.txt",
                "--layout",
                "pdftotext",
            ],
            files: vec![(
                "in.json",
                json(r#""quadro1":{"M12":{"utenti_2019":5,"utenti":3}}"#),
            )],
            code: 3,
            it: "errore: la riga M12 ha celle vuote e celle compilate, che il testo come lo \
                 estrae pdftotext non distingue\n  --> DIR/out.txt: riga M12\n\
                 suggerimento: scrivi il testo con --layout portal, che mantiene le celle vuote, \
                 oppure compila tutta la riga\n",
            en: "error: row M12 has both blank and filled cells, which the pdftotext layout \
                 cannot tell apart\n  --> DIR/out.txt: row M12\n\
                 hint: write it with --layout portal, which keeps blank cells, or fill the row\n",
        },
        Case {
            name: "a workbook number too precise",
            args: &["convert", "DIR/in.json", "-o", "DIR/out.xlsx"],
            files: vec![("in.json", json(r#""quadro2":{"R06":12345678901234567.89}"#))],
            code: 3,
            it: "errore: riga R06: 12345678901234567.89 non può essere scritto esattamente in \
                 una cella del foglio di calcolo\n  --> DIR/out.xlsx\n\
                 suggerimento: i fogli di calcolo conservano circa 15 cifre significative\n",
            en: "error: row R06: 12345678901234567.89 cannot be stored exactly in a spreadsheet \
                 cell\n  --> DIR/out.xlsx\n\
                 hint: spreadsheets keep about 15 significant digits\n",
        },
        Case {
            name: "a templates folder that does not exist",
            args: &[
                "convert",
                "DIR/in.json",
                "-o",
                "DIR/out.pdf",
                "--templates",
                "DIR/none",
            ],
            files: vec![("in.json", json(r#""quadro2":{"R06":1.00}"#))],
            code: 3,
            it: "errore: impossibile leggere la cartella di --templates DIR/none (non esiste)\n\
                 suggerimento: indica una cartella come quella che scrive `scheda editions \
                 --export` (editions/, sentences/, form.typ, common.typ)\n",
            en: "error: failed to read templates from DIR/none (not found)\n\
                 hint: give a directory like the one `scheda editions --export` writes \
                 (editions/, sentences/, form.typ, common.typ)\n",
        },
        Case {
            name: "a PDF layout with an error (Typst's English, framed)",
            args: &[
                "convert",
                "DIR/in.json",
                "-o",
                "DIR/out.pdf",
                "--templates",
                "DIR/t",
            ],
            files: vec![
                ("in.json", json(r#""quadro2":{"R06":1.00}"#)),
                (
                    "t/SOC25.typ",
                    "#import \"common.typ\": *\n\n#nonesuch()\n".into(),
                ),
            ],
            code: 3,
            it: "errore: impaginazione della scheda, /SOC25.typ:3: unknown variable: nonesuch\n  \
                 --> DIR/out.pdf\n",
            en: "error: unknown variable: nonesuch (template /SOC25.typ:3)\n  --> DIR/out.pdf\n",
        },
        Case {
            name: "a character the PDF's font lacks",
            args: &["convert", "DIR/in.json", "-o", "DIR/out.pdf"],
            files: vec![("in.json", json(r#""ente":{"denominazione":"Comune 😀"}"#))],
            code: 0,
            it: "avviso: il carattere tipografico del PDF non ha U+1F600 `😀`: stampati come \
                 `?`\n  --> DIR/out.pdf: /ente/denominazione\n\
                 suggerimento: la scheda è stampata in Liberation Sans (alfabeti latino, greco \
                 e cirillico)\n",
            en: "warning: the PDF font has no glyph for U+1F600 `😀`; printed as `?`\n  \
                 --> DIR/out.pdf: /ente/denominazione\n\
                 hint: the form's font is Liberation Sans (Latin, Greek and Cyrillic)\n",
        },
    ]
}

/// `text` with the case's placeholders filled: the folder, the line of the
/// description's error, the column kinds.
fn filled(text: &str, dir: &Path, line: usize) -> String {
    let kinds: Vec<&str> = scheda::form::Tipo::ALL.iter().map(|(_, n)| *n).collect();
    text.replace("DIR", p(dir))
        .replace("LINE", &line.to_string())
        .replace("KINDS", &kinds.join(", "))
}

#[test]
fn the_writers_and_the_descriptions_speak_italian_and_english() {
    for (i, case) in cases().into_iter().enumerate() {
        for (lang, expected) in [("it", case.it), ("en", case.en)] {
            let dir = tempdir(&format!("msg-writers-{i}-{lang}"));
            let mut line = 1;
            for (name, text) in &case.files {
                let path = dir.join(name);
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(&path, text).unwrap();
                if name.ends_with(".toml") {
                    line = error_line(text);
                }
            }
            let mut args: Vec<String> = case
                .args
                .iter()
                .map(|a| a.replace("DIR", p(&dir)))
                .collect();
            args.extend(["--lang".to_string(), lang.to_string()]);
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let out = scheda_in("it_IT.UTF-8", &args);
            assert_eq!(
                out.status.code(),
                Some(case.code),
                "{} ({lang}): {}",
                case.name,
                stderr(&out)
            );
            assert_eq!(
                stderr(&out),
                filled(expected, &dir, line),
                "{} ({lang})",
                case.name
            );
            std::fs::remove_dir_all(&dir).ok();
        }
    }
}

/// The line the cases' descriptions are wrong on.
fn error_line(text: &str) -> usize {
    if text.contains("codice = \"SOC27\n") {
        line_of(text, "codice = \"SOC27\n")
    } else if text.contains("tipo = \"valuta\"") {
        line_of(text, "tipo = \"valuta\"")
    } else {
        1
    }
}

/// The locale alone chooses Italian: the warning of a sentence without a
/// confirmed official wording tells a clerk to check it against the
/// portal's form (an installed scheda has no `templates/sentences/`).
#[test]
fn an_unverified_sentence_is_told_to_a_clerk() {
    let dir = tempdir("msg-writers-unverified");
    let input = dir.join("d.json");
    // Case D of Quadro 2 has no confirmed wording.
    let model = json(
        r#""quadro1":{"R0B":{"utenti_2019":0,"utenti":60},"R03":1000,"R04":6.00,"R05":4.49,
                 "R01":{"anno_2020":1,"anno":1},"R01A":0},
      "quadro2":{"R06":53895.69,"R07":{"anno_2017":34786.95,"anno_2021":51475.22},"R08":4391.81}"#,
    );
    std::fs::write(&input, model).unwrap();
    let out = scheda_in(
        "it_IT.UTF-8",
        &["convert", p(&input), "-o", p(&dir.join("d.txt"))],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(
            "avviso: Quadro 2, la frase «La spesa dell'ente locale è risultata inferiore al \
             livello del fabbisogno standard monetario per la funzione …»: il suo testo \
             ufficiale non è confermato\n"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "suggerimento: il testo di questa frase è di scheda: confrontalo con la scheda del \
             portale prima di inviarla (--strict rifiuta le schede con frasi non confermate)\n"
        ),
        "{err}"
    );
    assert!(!err.contains("templates/"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}
