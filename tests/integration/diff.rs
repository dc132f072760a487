//! Year to year (issue 23): `scheda diff` of two forms, of two folders and
//! of two editions; `POST /api/diff`; `template --from` starting next
//! year's form from last year's by the description's `[riporto]`.

use std::collections::BTreeSet;
use std::path::Path;

use scheda::diff::{self, Parte};
use scheda::model::{Edizione, Scheda};
use scheda::rules;
use serde_json::Value;

use crate::serve::{call, start};
use crate::util::{SEEDS, dec, p, read_fixture, scheda, set, stderr, stdout, tempdir, text_of};

/// Seed `n` read from its text.
fn seed(n: usize) -> Scheda {
    let text = read_fixture(&format!("{}.txt", SEEDS[n]));
    scheda::readers::text::read(&text).unwrap().value
}

/// The (part, code, column) of each entry.
fn keys(list: &[diff::Differenza]) -> Vec<(Parte, String, Option<String>)> {
    list.iter()
        .map(|d| (d.parte, d.codice.clone(), d.campo.clone()))
        .collect()
}

fn field(parte: Parte, code: &str, campo: &str) -> (Parte, String, Option<String>) {
    (
        parte,
        code.to_string(),
        (!campo.is_empty()).then(|| campo.to_string()),
    )
}

#[test]
fn three_inputs_changed_list_those_three_and_what_they_move() {
    let a = seed(1);
    let mut b = a.clone();
    // Three inputs, and the derived values as a corrected form prints them.
    set(&mut b, "M12", "utenti", 4);
    set(&mut b, "R05", "", dec("25.00"));
    set(&mut b, "R0D", "", "LOVERE");
    set(&mut b, "M12", "media_ore", dec("97.50"));
    set(&mut b, "R0B", "utenti", 995);
    set(&mut b, "R04", "", dec("21.64"));
    assert!(rules::check(&b).is_empty(), "the copy is consistent");
    let c = diff::compare(&a, &b, scheda::Templates::builtin().catalogue()).unwrap();
    let found = keys(&c.differenze);
    let inputs: Vec<_> = found
        .iter()
        .filter(|k| k.0 == Parte::Campo || k.0 == Parte::Ente)
        .cloned()
        .collect();
    assert_eq!(
        inputs,
        [
            field(Parte::Campo, "M12", "utenti"),
            field(Parte::Campo, "R0D", ""),
            field(Parte::Campo, "R05", ""),
        ],
        "the inputs, in the form's order"
    );
    let computed: Vec<_> = found
        .iter()
        .filter(|k| k.0 == Parte::Calcolato)
        .cloned()
        .collect();
    assert_eq!(
        computed,
        [
            field(Parte::Calcolato, "M12", "media_ore"),
            field(Parte::Calcolato, "R0B", "utenti"),
            field(Parte::Calcolato, "R04", ""),
        ]
    );
    // Values as the form prints them.
    let m12 = &c.differenze[0];
    assert_eq!((m12.a.as_deref(), m12.b.as_deref()), (Some("3"), Some("4")));
    let media = c
        .differenze
        .iter()
        .find(|d| d.campo.as_deref() == Some("media_ore"))
        .unwrap();
    assert_eq!(
        (media.a.as_deref(), media.b.as_deref()),
        (Some("130,00"), Some("97,50"))
    );
    assert_eq!(
        media.colonna.as_deref(),
        Some("Media annua ore di assistenza - 2024")
    );
    // The outcomes the rules change, found independently.
    let (oa, ob) = (
        serde_json::to_value(rules::outcomes(&a)).unwrap(),
        serde_json::to_value(rules::outcomes(&b)).unwrap(),
    );
    let moved: BTreeSet<String> = oa
        .as_object()
        .unwrap()
        .iter()
        .filter(|(k, v)| ob[k.as_str()] != **v)
        .map(|(k, _)| k.clone())
        .collect();
    let listed: BTreeSet<String> = c
        .differenze
        .iter()
        .filter(|d| d.parte == Parte::Esito)
        .map(|d| d.codice.clone())
        .collect();
    assert_eq!(listed, moved);
    assert!(listed.contains("servizi_inferiore") && listed.contains("caso"));
    let caso = c.differenze.iter().find(|d| d.codice == "caso").unwrap();
    assert_eq!(
        (caso.a.as_deref(), caso.b.as_deref()),
        (Some("B"), Some("A"))
    );
    // And the sentences: those of the service level and of Quadro 2.
    let sentences: BTreeSet<&str> = c
        .differenze
        .iter()
        .filter(|d| d.parte == Parte::Frase)
        .map(|d| d.codice.as_str())
        .collect();
    assert_eq!(sentences, BTreeSet::from(["servizi", "quadro2"]));
    assert!(c.solo_a.is_empty() && c.solo_b.is_empty());
    // Nothing else: the parts come in order.
    assert_eq!(found.len(), 6 + listed.len() + sentences.len());
    let order: Vec<Parte> = found.iter().map(|k| k.0).collect();
    let mut sorted = order.clone();
    sorted.sort_by_key(|p| *p as u8);
    assert_eq!(order, sorted);

    // The command line says the same, in text, JSON and CSV.
    let dir = tempdir("diff-three");
    let (fa, fb) = (dir.join("a.json"), dir.join("b.json"));
    for (s, f) in [(&a, &fa), (&b, &fb)] {
        std::fs::write(f, scheda::writers::json::write(s).unwrap()).unwrap();
    }
    let out = scheda(&["diff", p(&fa), p(&fb)]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("Fields\n"), "{text}");
    assert!(text.contains("Computed values\n"), "{text}");
    let line = text
        .lines()
        .find(|l| l.contains("media_ore") || l.contains("130,00"))
        .unwrap();
    assert!(line.contains("97,50"), "{line}");
    assert!(
        text.contains(&format!("{} differences", c.differenze.len())),
        "{text}"
    );
    let it = crate::util::scheda_in("it_IT.UTF-8", &["diff", p(&fa), p(&fb)]);
    assert!(
        stdout(&it).contains("Valori calcolati\n"),
        "{}",
        stdout(&it)
    );
    let json = scheda(&["diff", "--json", p(&fa), p(&fb)]);
    let v: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(
        v[0]["differenze"].as_array().unwrap().len(),
        c.differenze.len()
    );
    assert_eq!(v[0]["differenze"][0]["codice"], "M12");
    let csv = scheda(&["diff", "--csv", p(&fa), p(&fb)]);
    let csv = String::from_utf8(csv.stdout).unwrap();
    assert!(csv.starts_with('\u{feff}'));
    let rows = scheda::batch::report::parse_csv(csv.trim_start_matches('\u{feff}'));
    assert_eq!(rows.len(), 1 + c.differenze.len());
    assert_eq!(rows[1][7], "M12");
    assert!(csv.contains(";3;4\r\n"), "numbers bare: {csv}");
    // The same form: exit 0.
    let same = scheda(&["diff", p(&fa), p(&fa)]);
    assert_eq!(same.status.code(), Some(0), "{}", stdout(&same));
    assert!(stdout(&same).contains("the forms agree"));
    // An input that cannot be read: exit 2.
    let bad = scheda(&["diff", p(&fa), p(&dir.join("missing.json"))]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).starts_with("error:"), "{}", stderr(&bad));
}

#[test]
fn a_form_against_itself_in_another_format_lists_nothing() {
    let dir = tempdir("diff-formats");
    let text = crate::util::fixture(&format!("{}.txt", SEEDS[1]));
    let (pdf, xlsx, json) = (dir.join("s.pdf"), dir.join("s.xlsx"), dir.join("s.json"));
    for out in [&pdf, &xlsx, &json] {
        let o = scheda(&["convert", p(&text), "-o", p(out)]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    for (x, y) in [(&text, &pdf), (&text, &xlsx), (&pdf, &xlsx), (&xlsx, &json)] {
        let o = scheda(&["diff", "--json", p(x), p(y)]);
        let v: Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(
            o.status.code(),
            Some(0),
            "{} vs {}: {v:#}",
            x.display(),
            y.display()
        );
        assert_eq!(v[0]["differenze"], Value::Array(vec![]), "{v:#}");
    }
}

#[test]
fn two_editions_list_the_fields_of_one_edition_apart() {
    let dir = tempdir("diff-editions");
    let seed0 = crate::util::fixture(&format!("{}.txt", SEEDS[0]));
    let new = dir.join("soc26.json");
    let o = scheda(&[
        "template",
        "--edizione",
        "SOC26",
        "--from",
        p(&seed0),
        "-o",
        p(&new),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let a = seed(0);
    let mut b = scheda::readers::json::read(&std::fs::read(&new).unwrap())
        .unwrap()
        .value;
    set(&mut b, "R02X", "", dec("1.00"));
    set(&mut b, "R16", "", "La relazione del 2025.");
    let c = diff::compare(&a, &b, scheda::Templates::builtin().catalogue()).unwrap();
    assert_eq!(
        (c.edizione_a.as_str(), c.edizione_b.as_str()),
        ("SOC25", "SOC26")
    );
    let only_a: BTreeSet<&str> = c.solo_a.iter().map(|d| d.codice.as_str()).collect();
    let only_b: BTreeSet<&str> = c.solo_b.iter().map(|d| d.codice.as_str()).collect();
    // SOC25's questions and its report; SOC26's "di cui" rows and its
    // report (R16, a question in SOC25: another kind of field).
    for code in ["R16", "R20", "R39", "R40"] {
        assert!(only_a.contains(code), "{code}: {only_a:?}");
    }
    assert_eq!(only_b, BTreeSet::from(["R02X", "R02Y", "R02A", "R16"]));
    let r02x = c.solo_b.iter().find(|d| d.codice == "R02X").unwrap();
    assert_eq!(r02x.b.as_deref(), Some("1,00"));
    let r40 = c.solo_a.iter().find(|d| d.codice == "R40").unwrap();
    assert!(r40.a.is_some());
    // Not as differences.
    for d in &c.differenze {
        assert!(
            !["R02X", "R02Y", "R02A", "R40"].contains(&d.codice.as_str()),
            "{d:?}"
        );
    }
    // What the new form carried over agrees; this year's users differ.
    let codes: Vec<(String, Option<String>)> = c
        .differenze
        .iter()
        .filter(|d| d.parte == Parte::Campo)
        .map(|d| (d.codice.clone(), d.campo.clone()))
        .collect();
    assert!(codes.contains(&("M12".to_string(), Some("utenti".to_string()))));
    assert!(
        !codes
            .iter()
            .any(|(_, c)| c.as_deref() == Some("utenti_2019"))
    );
    assert!(
        !codes
            .iter()
            .any(|(r, _)| r == "R07" || r == "R0C" || r == "R0D")
    );
    // The command line lists them apart too.
    let o = scheda(&["diff", p(&seed0), p(&new)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("Only in edition SOC26 (not compared)"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn next_years_form_from_last_years() {
    let dir = tempdir("template-from");
    let seed1 = crate::util::fixture(&format!("{}.txt", SEEDS[1]));
    let out = dir.join("nuova.xlsx");
    let o = scheda(&[
        "template",
        "--edizione",
        "SOC26",
        "--from",
        p(&seed1),
        "-o",
        p(&out),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let listed = stdout(&o);
    assert!(
        listed.starts_with("Carried over from the SOC25 form: "),
        "{listed}"
    );
    assert!(
        listed.contains("  R07 anno_2017 (2017): 321178,98"),
        "{listed}"
    );
    assert!(listed.contains("To fill in: "), "{listed}");
    assert!(
        listed.contains("  M12 utenti (Numero di utenti serviti - 2025)"),
        "{listed}"
    );

    let source = seed(1);
    let new = scheda::readers::xlsx::read(&std::fs::read(&out).unwrap())
        .unwrap()
        .value
        .remove(0);
    assert_eq!(new.edizione, Edizione::builtin("SOC26"));
    let riporto = Edizione::builtin("SOC26")
        .description()
        .riporto
        .as_ref()
        .unwrap();
    assert_eq!(riporto.da, "SOC25");
    let mut carried = BTreeSet::new();
    for (to, from) in &riporto.campi {
        if let (
            scheda::form::Campo::Valore { codice, campo },
            scheda::form::Campo::Valore {
                codice: c0,
                campo: f0,
            },
        ) = (to, from)
        {
            assert_eq!(
                new.valore(codice, campo.as_deref()),
                source.valore(c0, f0.as_deref()),
                "{to}"
            );
            carried.insert((codice.clone(), campo.clone()));
        }
    }
    assert!(carried.len() > 20, "{carried:?}");
    assert_eq!(text_of(&new, "R0C", ""), Some("SEBINO - 5".to_string()));
    // Every other input blank; of the computed values, only those the
    // carried fields give (R0B of the base year).
    for (_, riga) in Edizione::builtin("SOC26").description().righe() {
        for col in &riga.colonne {
            let key = (riga.codice.clone(), col.campo.clone());
            let v = new.valore(&riga.codice, col.campo.as_deref());
            if carried.contains(&key) {
                continue;
            }
            if riga.codice == "R0B" && col.campo.as_deref() == Some("utenti_2019") {
                assert_eq!(v.and_then(|v| v.whole()), Some(668));
                continue;
            }
            assert_eq!(v, None, "{} {:?}", riga.codice, col.campo);
        }
    }
    // `check` accepts it.
    let check = scheda(&["check", p(&out)]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
    // The page's /api/read too.
    let addr = start(scheda::serve::Options::default());
    let read = call(
        addr,
        "POST",
        "/api/read?name=nuova.xlsx",
        &[],
        &std::fs::read(&out).unwrap(),
    );
    assert_eq!(read.status, 200, "{}", String::from_utf8_lossy(&read.body));
    let v = read.json();
    assert_eq!(v["forms"][0]["edizione"], "SOC26");
    assert_eq!(
        v["forms"][0]["quadro2"]["R07"]["anno_2017"].to_string(),
        "321178.98"
    );

    // A source that is not of the edition before is refused, with why.
    let soc26 = crate::util::fixture(&format!("{}.txt", SEEDS[3]));
    let o = scheda(&[
        "template",
        "--edizione",
        "SOC26",
        "--from",
        p(&soc26),
        "-o",
        p(&dir.join("no.xlsx")),
    ]);
    assert_eq!(o.status.code(), Some(3));
    assert!(
        stderr(&o).contains("error: a SOC26 form is not of the edition before SOC26 (SOC25)"),
        "{}",
        stderr(&o)
    );
    assert!(!dir.join("no.xlsx").exists());
    let o = scheda(&[
        "template",
        "--edizione",
        "SOC25",
        "--from",
        p(&seed1),
        "-o",
        p(&dir.join("no.json")),
    ]);
    assert_eq!(o.status.code(), Some(3));
    assert!(
        stderr(&o).contains("does not say what it takes"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn the_carry_over_is_in_the_description_and_exported() {
    let dir = tempdir("riporto-export");
    let o = scheda(&["editions", "--export", "SOC26", p(&dir)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(dir.join("editions/SOC26.toml")).unwrap();
    assert!(text.contains("[riporto]\nda = \"SOC25\""), "exported");
    // A field that is not an input is refused at load, with its line.
    let bad = text.replace("{ campo = \"R0D\" }", "{ campo = \"R0B.utenti\" }");
    let e = scheda::form::load("SOC26.toml", &bad)
        .unwrap_err()
        .to_string();
    let line = bad
        .lines()
        .position(|l| l.contains("R0B.utenti\" }"))
        .unwrap()
        + 1;
    assert!(e.contains(&format!("SOC26.toml:{line}")), "{e}");
    assert!(e.contains("`R0B.utenti` is not a field to fill in"), "{e}");
}

#[test]
fn two_folders_pair_forms_by_the_comune() {
    let dir = tempdir("diff-folders");
    let (da, db) = (dir.join("a"), dir.join("b"));
    std::fs::create_dir_all(&da).unwrap();
    std::fs::create_dir_all(&db).unwrap();
    let base = seed(1);
    let comune = |name: &str, code: Option<&str>| {
        let mut s = base.clone();
        s.ente.denominazione = Some(name.to_string());
        s.ente.codice = code.map(str::to_string);
        s
    };
    let write = |dir: &Path, file: &str, s: &Scheda| {
        std::fs::write(dir.join(file), scheda::writers::json::write(s).unwrap()).unwrap();
    };
    write(&da, "uno.json", &comune("UNO", Some("C1")));
    write(&da, "due.json", &comune("DUE", None));
    write(&da, "tre.json", &comune("TRE", Some("C3")));
    // In b: UNO under another file name (paired by its code); DUE, which
    // has no code, by its name, with one value changed; TRE missing;
    // QUATTRO new.
    let mut due = comune("DUE", None);
    set(&mut due, "R0D", "", "LOVERE");
    write(&db, "altro.json", &due);
    write(&db, "primo.json", &comune("UNO", Some("C1")));
    write(&db, "quattro.json", &comune("QUATTRO", Some("C4")));
    let o = scheda(&["diff", p(&da), p(&db)]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let text = stdout(&o);
    let tail: Vec<&str> = text.lines().rev().take(4).collect();
    assert_eq!(
        tail,
        [
            "QUATTRO: only in B (quattro.json)",
            "UNO: the forms agree",
            "TRE: only in A (tre.json)",
            "DUE: 1 difference",
        ],
        "{text}"
    );
    // Only the Comune that differs is listed before the summary.
    assert!(!text.contains("primo.json"), "{text}");
    let json = scheda(&["diff", "--json", p(&da), p(&db)]);
    let v: Value = serde_json::from_slice(&json.stdout).unwrap();
    let due = v
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["comune"] == "DUE")
        .unwrap();
    assert_eq!(due["b"], "altro.json");
    assert_eq!(due["differenze"][0]["b"], "LOVERE");
}

#[test]
fn the_api_compares_two_files() {
    let addr = start(scheda::serve::Options::default());
    let a = seed(1);
    let mut b = a.clone();
    set(&mut b, "R0D", "", "LOVERE");
    let boundary = "scheda-diff-boundary";
    let mut body = Vec::new();
    let text = read_fixture(&format!("{}.txt", SEEDS[1]));
    let json = scheda::writers::json::write(&b).unwrap();
    for (field, name, bytes) in [("a", "prima.txt", &text), ("b", "dopo.json", &json)] {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{name}\"\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    let content_type = format!("multipart/form-data; boundary={boundary}");
    let answer = call(
        addr,
        "POST",
        "/api/diff",
        &[("Content-Type", &content_type)],
        &body,
    );
    assert_eq!(
        answer.status,
        200,
        "{}",
        String::from_utf8_lossy(&answer.body)
    );
    let v = answer.json();
    assert_eq!(v[0]["a"], "prima.txt");
    assert_eq!(v[0]["differenze"].as_array().unwrap().len(), 1, "{v:#}");
    assert_eq!(v[0]["differenze"][0]["codice"], "R0D");
    assert_eq!(v[0]["differenze"][0]["a"], "ISEO");
    // One file is not a comparison.
    let one = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"a\"; filename=\"a.txt\"\r\n\r\nx\r\n--{boundary}--\r\n"
    );
    let answer = call(
        addr,
        "POST",
        "/api/diff",
        &[("Content-Type", &content_type), ("Accept-Language", "it")],
        one.as_bytes(),
    );
    assert_eq!(answer.status, 400);
    assert_eq!(
        answer.json()["error"],
        "per confrontare servono due file, ne sono arrivati 1"
    );
}
