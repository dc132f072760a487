//! The edition descriptions: the built-in ones agree with the model, a
//! malformed one is refused naming its file and line, `scheda editions`
//! lists and exports them, and an exported edition renamed to a new code is
//! found by `--templates DIR`.

use scheda::form::{Registry, Rendering, Tipo, VoceKind, load};
use scheda::model::Edizione;

use crate::util::{scheda, stderr, stdout, tempdir};

fn builtin(code: &str) -> &'static scheda::form::Edition {
    Registry::builtin().unwrap().get(code).unwrap()
}

#[test]
fn the_built_in_editions_agree_with_the_model() {
    for ed in crate::util::builtin_editions() {
        let e = builtin(ed.code());
        assert_eq!(e.codice, ed.code());
        assert_eq!(e.titolo, ed.title());
        assert_eq!(e.anni.anno, ed.anno());
        assert_eq!(e.regole.relazione, ed.relazione_code());
        assert_eq!(e.pagine, 7);
        assert_eq!(e.quadri.len(), 4);
    }
    let soc25 = builtin("SOC25");
    let codes: Vec<&str> = soc25.righe().map(|(_, r)| r.codice.as_str()).collect();
    assert_eq!(codes.len(), 43);
    assert_eq!(&codes[20..24], ["R0A", "R0B", "R0C", "R0D"]);
    assert_eq!(codes.last(), Some(&"R40"));
    assert_eq!(soc25.domande().count(), 24);
    assert_eq!(soc25.layout_testo, Rendering::Pdftotext);
    let soc26 = builtin("SOC26");
    let codes: Vec<&str> = soc26.righe().map(|(_, r)| r.codice.as_str()).collect();
    assert_eq!(codes.len(), 46);
    assert_eq!(&codes[28..32], ["R02", "R02X", "R02Y", "R02A"]);
    assert_eq!(soc26.domande().count(), 0);
    assert_eq!(soc26.layout_testo, Rendering::Portale);
    // Placeholders are filled in; the official quirks are kept.
    assert_eq!(
        soc25.riga("R04").unwrap().etichetta,
        "R04 - Livello di servizio effettivo 2024 (% di utenti serviti rispetto alla popolazione"
    );
    assert_eq!(
        soc26.riga("R04").unwrap().etichetta,
        "R04 - Livello di servizio effettivo 2025 (% di utenti serviti rispetto alla popolazione)"
    );
    assert_eq!(
        soc26.riga("R0A").unwrap().etichetta,
        "ROA - Utenti Multiutenza"
    );
    assert_eq!(
        soc25.riga("R15").unwrap().etichetta,
        "R15 -TOTALE OBIETTIVI DI SERVIZIO 2024"
    );
    let m12 = soc26.riga("M12").unwrap();
    let headers: Vec<&str> = m12
        .colonne
        .iter()
        .map(|c| c.intestazione.as_deref().unwrap())
        .collect();
    assert_eq!(
        headers,
        [
            "Numero di utenti serviti - 2019",
            "Numero di utenti serviti - 2025",
            "Totale ore annue di assistenza - 2025",
            "Media ore annue di assistenza - 2025"
        ]
    );
    assert_eq!(m12.colonne[3].tipo, Tipo::Media);
    assert!(m12.colonne[3].derivata);
    assert_eq!(soc25.spellings_of("R0C"), ["R0C", "R00C", "ROC"]);
    // The user rows R0B sums open both descriptions: 21 rows, 12 with hours.
    for ed in crate::util::builtin_editions() {
        let users = crate::util::user_rows(ed);
        let codes: Vec<&str> = users.iter().map(|(c, _)| c.as_str()).collect();
        let first: Vec<&str> = ed
            .description()
            .righe()
            .map(|(_, r)| r.codice.as_str())
            .take(users.len())
            .collect();
        assert_eq!(codes, first);
        assert_eq!((codes.len(), codes[20]), (21, "R0A"));
        assert_eq!(users.iter().filter(|(_, hours)| *hours).count(), 12);
    }
    // Sections of Quadro 4 are opened by their notes.
    let sections: Vec<u8> = soc25
        .quadri
        .iter()
        .flat_map(|q| &q.voci)
        .filter_map(|v| match v.kind {
            VoceKind::Nota { sezione, .. } => sezione,
            _ => None,
        })
        .collect();
    assert_eq!(sections, [1, 2, 3, 4]);
}

/// The built-in SOC26 description with `from` replaced by `to`.
fn soc26_with(from: &str, to: &str) -> String {
    let text = scheda::templates::builtin("editions/SOC26.toml").unwrap();
    assert!(text.contains(from), "{from}");
    text.replacen(from, to, 1)
}

fn line_of(text: &str, needle: &str) -> usize {
    text[..text.find(needle).unwrap()].matches('\n').count() + 1
}

#[test]
fn a_malformed_description_is_refused_naming_the_file_and_line() {
    let cases = [
        (
            soc26_with(
                r#"euro = [{ tipo = "euro" }]"#,
                r#"euro = [{ tipo = "valuta" }]"#,
            ),
            r#"tipo = "valuta" }]"#,
            "unknown column kind `valuta` in column set `euro`",
        ),
        (
            soc26_with(
                r#"colonne = [{ tipo = "euro", derivata = true }]"#,
                r#"colonne = [{ tipo = "soldi", derivata = true }]"#,
            ),
            r#"colonne = [{ tipo = "soldi""#,
            "unknown column kind `soldi` in row `R09`",
        ),
        (
            soc26_with(r#"riga = "M15""#, r#"riga = "M12""#),
            // An entry's errors point at its `[[quadro.voce]]` line.
            "[[quadro.voce]]\nriga = \"M12\"\netichetta = \"M15",
            "duplicate row code `M12` (first at line",
        ),
        (
            soc26_with("etichetta = \"R03 - Numero di abitanti\"\n", ""),
            "[[quadro.voce]]\nriga = \"R03\"",
            "row `R03` has no label",
        ),
        (
            soc26_with("anno = 2025 ", "anno = \"duemila\" "),
            "anno = \"duemila\"",
            "invalid type: string \"duemila\", expected i32",
        ),
        (
            soc26_with(
                "fabbisogno = \"2025-2027\"",
                "fabbisogno = \"2025-2027\"\nmesi = 12",
            ),
            "mesi = 12",
            "unknown field `mesi`",
        ),
        (
            soc26_with("Numero di abitanti\"", "Numero di abitanti {anni}\""),
            "[[quadro.voce]]\nriga = \"R03\"",
            "unknown placeholder `{anni}`",
        ),
    ];
    for (text, at, message) in cases {
        let err = load("SOC27.toml", &text).unwrap_err();
        let rendered = err.to_string();
        assert!(rendered.contains(message), "{message}: {rendered}");
        let line = line_of(&text, at);
        let place = format!("--> SOC27.toml:{line}");
        assert!(rendered.contains(&place), "{place}: {rendered}");
    }
}

#[test]
fn editions_lists_exports_and_finds_a_new_edition() {
    let out = scheda(&["editions"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "SOC25\t2024\tbuilt in\nSOC26\t2025\tbuilt in\n"
    );

    let dir = tempdir("editions");
    let templates = dir.join("soc27");
    let t = templates.to_str().unwrap();
    let out = scheda(&["editions", "--export", "SOC26", t]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for file in [
        "editions/SOC26.toml",
        "sentences/SOC26.j2",
        "form.typ",
        "common.typ",
    ] {
        let exported = std::fs::read_to_string(templates.join(file)).unwrap();
        assert_eq!(
            exported,
            scheda::templates::builtin(file).unwrap(),
            "{file} is exported as built in"
        );
    }
    // Exporting again refuses to replace the files.
    let out = scheda(&["editions", "--export", "SOC26", t]);
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("exists already"), "{}", stderr(&out));

    // Renamed to SOC27 with its years moved on, the edition is listed.
    let text = std::fs::read_to_string(templates.join("editions/SOC26.toml"))
        .unwrap()
        .replace("codice = \"SOC26\"", "codice = \"SOC27\"")
        .replace("anno = 2025 ", "anno = 2026 ");
    std::fs::write(templates.join("editions/SOC27.toml"), text).unwrap();
    std::fs::remove_file(templates.join("editions/SOC26.toml")).unwrap();
    let out = scheda(&["editions", "--templates", t]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let listed = stdout(&out);
    assert!(
        listed.ends_with(&format!(
            "SOC27\t2026\t{}\n",
            templates.join("editions/SOC27.toml").display()
        )),
        "{listed}"
    );
    // A description whose file name is not its code is refused.
    std::fs::copy(
        templates.join("editions/SOC27.toml"),
        templates.join("editions/SOC28.toml"),
    )
    .unwrap();
    let out = scheda(&["editions", "--templates", t]);
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains("the description of SOC27 is in a file named SOC28.toml"),
        "{}",
        stderr(&out)
    );
}

/// A templates directory holding an edition `code` derived from the built-in
/// SOC26 ([`crate::util::soc26_as`]): a staff row R02Z, R02A dropped, R03's
/// label reworded, and SOC26's sentences under the new code (the PDF is drawn
/// by the generic layout).
pub fn derived_edition(code: &str) -> std::path::PathBuf {
    let builtin = |path: &str| scheda::templates::builtin(path).unwrap().to_string();
    let soc26 = builtin("editions/SOC26.toml");
    let start = soc26.find("[[quadro.voce]]\nriga = \"R02A\"").unwrap();
    let end = start + soc26[start..].find("colonne = \"personale\"\n").unwrap();
    let r02a = &soc26[start..end + "colonne = \"personale\"\n".len()];
    let text = crate::util::soc26_as(
        code,
        "R02Z - di cui Numero di mediatori culturali in forza al Comune",
        &[
            (r02a, ""),
            (
                "etichetta = \"R03 - Numero di abitanti\"",
                "etichetta = \"R03 - Numero di abitanti residenti\"",
            ),
        ],
    );
    let dir = crate::util::tempdir(&format!("edition-{code}"));
    std::fs::create_dir_all(dir.join("editions")).unwrap();
    std::fs::create_dir_all(dir.join("sentences")).unwrap();
    std::fs::write(dir.join(format!("editions/{code}.toml")), text).unwrap();
    std::fs::write(
        dir.join(format!("sentences/{code}.j2")),
        builtin("sentences/SOC26.j2"),
    )
    .unwrap();
    dir
}

#[test]
fn the_json_of_a_new_edition_keeps_its_new_row_in_place() {
    let dir = derived_edition("SOC95");
    let templates = scheda::Templates::with_dir(&dir).unwrap();
    let limits = scheda::limits::Limits::default();
    let read = |bytes: &[u8]| scheda::readers::json::read_with(bytes, &limits, &templates);
    let ed: Edizione = templates.edizione("SOC95").unwrap();
    assert_eq!(ed.anno(), 2026);
    let json = r#"{"schema_version":1,"edizione":"SOC95","anno":2026,
        "quadro1":{"R02Y":1.00,"R02Z":2.5,"R03":1000}}"#;
    let s = read(json.as_bytes()).unwrap().value;
    assert_eq!(
        s.valore("R02Z", None),
        Some(scheda::model::Valore::Decimale("2.5".parse().unwrap()))
    );
    let out = String::from_utf8(scheda::writers::json::write(&s).unwrap()).unwrap();
    let keys: Vec<&str> = out
        .lines()
        .filter_map(|l| l.trim().strip_prefix('"')?.split('"').next())
        .filter(|k| k.starts_with("R02") || *k == "R03")
        .collect();
    // (A blank R02X is left out, as the model always did.)
    assert_eq!(keys, ["R02", "R02Y", "R02Z", "R03"], "{out}");
    assert!(out.contains("\"R02Z\": 2.50"), "{out}");
    // Lossless, and the JSON Lines writer agrees.
    let back = read(out.as_bytes()).unwrap().value;
    assert_eq!(back, s);
    let line = scheda::writers::jsonl::write(&s).unwrap();
    assert!(String::from_utf8(line).unwrap().contains("\"R02Z\":2.50"));
    // The dropped row is refused, named by its pointer; so is a bad value.
    for (body, message, pointer) in [
        (
            r#""quadro1":{"R02A":1}"#,
            "R02A exists only in SOC26, not in SOC95",
            "/quadro1/R02A",
        ),
        (
            r#""quadro1":{"R02Z":-1}"#,
            "-1 is negative",
            "/quadro1/R02Z",
        ),
        (
            r#""quadro1":{"R02Z":"due"}"#,
            "expected a number, found \"due\"",
            "/quadro1/R02Z",
        ),
    ] {
        let json = format!(r#"{{"schema_version":1,"edizione":"SOC95","anno":2026,{body}}}"#);
        let err = read(json.as_bytes()).unwrap_err().to_string();
        assert!(err.contains(message), "{message}: {err}");
        assert!(err.contains(pointer), "{pointer}: {err}");
    }
}
