//! A new edition made without a release: `scheda editions --export SOC26`,
//! the files renamed to SOC27 and edited (years moved by one, so the title
//! too; a staff row R02Z like R02X; R02A dropped; R03's label reworded), then
//! used through the CLI with `--templates DIR`. Nothing under `src/` knows
//! SOC27.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::util::{fixture, p, scheda, stderr, tempdir};

const R02Z: &str = "R02Z - di cui Numero di mediatori culturali in forza al Comune (con qualsiasi forma contrattuale, anche mediante esternalizzazione)";
const R03: &str = "R03 - Numero di abitanti residenti";

/// Export SOC26 into `dir` and turn it into SOC27 there.
fn make_soc27(dir: &Path) {
    let out = scheda(&["editions", "--export", "SOC26", p(dir)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for (from, to) in [
        ("editions/SOC26.toml", "editions/SOC27.toml"),
        ("sentences/SOC26.j2", "sentences/SOC27.j2"),
    ] {
        std::fs::rename(dir.join(from), dir.join(to)).unwrap();
    }
    let path = dir.join("editions/SOC27.toml");
    let mut text = std::fs::read_to_string(&path).unwrap();
    for (from, to) in [
        ("codice = \"SOC26\"", "codice = \"SOC27\""),
        ("anno = 2025 ", "anno = 2026 "),
        ("popolazione = 2024 ", "popolazione = 2025 "),
        ("stima_ats = 2024 ", "stima_ats = 2025 "),
        (
            "etichetta = \"R03 - Numero di abitanti\"",
            &format!("etichetta = \"{R03}\""),
        ),
    ] {
        assert!(text.contains(from), "{from}");
        text = text.replacen(from, to, 1);
    }
    // R02A (the last staff row) becomes R02Z, a "di cui" row like R02X.
    let start = text.find("[[quadro.voce]]\nriga = \"R02A\"").unwrap();
    let end = start + text[start..].find("colonne = \"personale\"\n").unwrap();
    text.replace_range(
        start..end,
        &format!("[[quadro.voce]]\nriga = \"R02Z\"\netichetta = \"{R02Z}\"\n"),
    );
    std::fs::write(&path, text).unwrap();
}

fn json(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

/// `scheda convert` with the SOC27 templates; panics with stderr on failure.
fn convert(templates: &Path, args: &[&str]) {
    let mut all = vec!["convert", "--templates", p(templates)];
    all.extend_from_slice(args);
    let out = scheda(&all);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
}

#[test]
fn a_soc27_made_from_the_export_goes_through_every_format() {
    let dir = tempdir("soc27");
    let templates = dir.join("templates");
    make_soc27(&templates);
    let out = scheda(&["editions", "--templates", p(&templates)]);
    assert!(
        crate::util::stdout(&out).contains("SOC27\t2026\t"),
        "{}",
        stderr(&out)
    );

    // A SOC27 form: seed 003 (SOC26) moved to SOC27, with R02Z filled in.
    let seed = dir.join("seed.json");
    let out = scheda(&[
        "convert",
        p(&fixture("003_a8faf5e3924ac3ee.txt")),
        "-o",
        p(&seed),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut model = json(&seed);
    model["edizione"] = "SOC27".into();
    model["anno"] = 2026.into();
    let q1 = model["quadro1"].as_object_mut().unwrap();
    q1.remove("R02A");
    q1.insert("R02Z".into(), serde_json::from_str("1.50").unwrap());
    let start: PathBuf = dir.join("start.json");
    std::fs::write(&start, serde_json::to_vec_pretty(&model).unwrap()).unwrap();
    // Written back by scheda, the model is the reference (keys in order).
    let reference_path = dir.join("reference.json");
    convert(&templates, &[p(&start), "-o", p(&reference_path)]);
    let reference = std::fs::read_to_string(&reference_path).unwrap();
    assert!(reference.contains("\"R02Z\": 1.50"), "{reference}");
    assert!(!reference.contains("R02A"), "{reference}");

    // Both text layouts print the new row and the reworded label, and read
    // back to the same model.
    let mut texts = Vec::new();
    for layout in ["portal", "pdftotext"] {
        let txt = dir.join(format!("{layout}.txt"));
        convert(
            &templates,
            &[p(&reference_path), "--layout", layout, "-o", p(&txt)],
        );
        let text = std::fs::read_to_string(&txt).unwrap();
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains(R03), "{layout}: {text}");
        assert!(
            flat.contains("R02Z - di cui Numero di mediatori culturali"),
            "{layout}"
        );
        assert!(
            flat.contains(
                "SOC27 - SOCIALE - SCHEDA DI MONITORAGGIO DEGLI OBIETTIVI DI SERVIZIO 2026"
            ),
            "{layout}"
        );
        let back = dir.join(format!("{layout}.json"));
        convert(&templates, &[p(&txt), "-o", p(&back)]);
        assert_eq!(
            std::fs::read_to_string(&back).unwrap(),
            reference,
            "{layout}"
        );
        texts.push(txt);
    }

    // text -> JSON -> XLSX -> JSON -> PDF -> JSON.
    let steps = [
        (texts[0].clone(), dir.join("a.json")),
        (dir.join("a.json"), dir.join("b.xlsx")),
        (dir.join("b.xlsx"), dir.join("c.json")),
        (dir.join("c.json"), dir.join("d.pdf")),
        (dir.join("d.pdf"), dir.join("e.json")),
    ];
    for (from, to) in &steps {
        convert(&templates, &[p(from), "-o", p(to)]);
        if to.extension().is_some_and(|e| e == "json") {
            assert_eq!(
                std::fs::read_to_string(to).unwrap(),
                reference,
                "{} -> {}",
                from.display(),
                to.display()
            );
        }
    }
    // The PDF prints the new row and the reworded label.
    let pdf = std::fs::read(dir.join("d.pdf")).unwrap();
    let text = scheda::readers::pdf::extract_text(&pdf).unwrap().value;
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains(R03), "{flat}");
    assert!(
        flat.contains("R02Z - di cui Numero di mediatori culturali"),
        "{flat}"
    );
    assert!(flat.contains("1,50"), "{flat}");
}
