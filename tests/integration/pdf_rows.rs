//! The rows of scheda's PDF as the portal draws them (issue 24): each row's
//! label in a cell on the left, its column headers on the right above its
//! values. Measured on the page as poppler sees it (`pdftotext -bbox`): for
//! every row of both editions, the row's code stands left of its first
//! column header (of its first value, for a row without headers) and level
//! with it.

use scheda::form::{Colonna, Rendering, Riga, Tipo, VoceKind};
use scheda::model::{Scheda, Valore};
use scheda::number::format_it;
use scheda::writers::pdf::{PdfSettings, Renderer};

use crate::pdf::seed_model;
use crate::util::{self, SEEDS, dec, set};

/// A word of the page as `pdftotext -bbox` gives it: its page (from 0), its
/// box (points, from the top left corner) and its text.
#[derive(Debug, Clone)]
struct Word {
    page: usize,
    x_min: f64,
    y_min: f64,
    x_max: f64,
    y_max: f64,
    text: String,
}

/// The words of every page of `pdf`, page by page.
fn words(pdf: &[u8], name: &str) -> Vec<Word> {
    let path = std::env::temp_dir().join(format!("scheda-{}-{name}-bbox.pdf", std::process::id()));
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-bbox", "-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output();
    std::fs::remove_file(&path).ok();
    let html = match out {
        Ok(out) if out.status.success() => String::from_utf8(out.stdout).unwrap(),
        Ok(out) => panic!("pdftotext failed: {}", String::from_utf8_lossy(&out.stderr)),
        Err(e) => util::missing_tool("pdftotext", "poppler-utils", e),
    };
    let attribute = |line: &str, name: &str| -> f64 {
        let at = line.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        let end = at + line[at..].find('"').unwrap();
        line[at..end].parse().unwrap()
    };
    let mut page = None;
    let mut out = Vec::new();
    for line in html.lines().map(str::trim) {
        if line.starts_with("<page ") {
            page = Some(page.map_or(0, |p| p + 1));
        } else if let Some(rest) = line.strip_prefix("<word ") {
            let text = &rest[rest.find('>').unwrap() + 1..rest.rfind("</word>").unwrap()];
            out.push(Word {
                page: page.unwrap(),
                x_min: attribute(line, "xMin"),
                y_min: attribute(line, "yMin"),
                x_max: attribute(line, "xMax"),
                y_max: attribute(line, "yMax"),
                text: text
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&apos;", "'")
                    .replace("&amp;", "&"),
            });
        }
    }
    out
}

/// Where `phrase` (whitespace-separated words) stands on the page: the
/// first word of each occurrence.
fn occurrences<'a>(words: &'a [Word], phrase: &str) -> Vec<&'a Word> {
    let wanted: Vec<&str> = phrase.split_whitespace().collect();
    if wanted.is_empty() {
        return Vec::new();
    }
    words
        .windows(wanted.len())
        .filter(|w| {
            w.iter().zip(&wanted).all(|(a, b)| a.text == *b)
                && w.iter().all(|a| a.page == w[0].page)
        })
        .map(|w| &w[0])
        .collect()
}

/// Whether two words share some height.
fn level(a: &Word, b: &Word) -> bool {
    a.y_min < b.y_max && b.y_min < a.y_max
}

/// A row printed as a line of text under its label, as the portal prints
/// it (R0C, R0D, R0E, the free-text report): one column, no header.
fn under_its_label(riga: &Riga) -> bool {
    matches!(riga.colonne.as_slice(), [c] if c.intestazione.is_none()
        && matches!(c.tipo, Tipo::Testo | Tipo::RapportoAts | Tipo::Relazione))
}

/// The first column's value as the PDF prints it (numbers with a decimal
/// comma, the column's `formato` around them).
fn printed(s: &Scheda, riga: &Riga, c: &Colonna) -> String {
    let places = match c.tipo {
        Tipo::Utenti | Tipo::Ore | Tipo::Abitanti | Tipo::Rapporto | Tipo::RapportoAts => 0,
        _ => 2,
    };
    let text = match s.valore(&riga.codice, c.campo.as_deref()) {
        Some(Valore::Intero(n)) => format_it(n.into(), places),
        Some(Valore::Decimale(d)) => format_it(d, places),
        Some(Valore::Testo(t)) => t,
        Some(Valore::SiNo(si)) => (if si { "SI" } else { "NO" }).to_string(),
        None => return c.vuoto.clone().unwrap_or_default(),
    };
    match &c.formato {
        Some(f) => f.replace("{}", &text),
        None => text,
    }
}

/// The rows of the form in `pdf` (drawn from `s`) that were checked, the
/// rows printed under their labels (not checked), and every row whose code
/// does not stand left of its first header (or value) and level with it,
/// with what was found.
fn misplaced(s: &Scheda, pdf: &[u8], name: &str) -> (usize, Vec<String>, Vec<String>) {
    let words = words(pdf, name);
    let mut checked = 0;
    let mut under = Vec::new();
    let mut wrong = Vec::new();
    for q in &s.edizione.description().quadri {
        for voce in q.voci.iter().filter(|v| v.in_rendering(Rendering::Pdf)) {
            let VoceKind::Riga(riga) = &voce.kind else {
                continue;
            };
            if under_its_label(riga) {
                under.push(riga.codice.clone());
                continue;
            }
            checked += 1;
            // The label's first words, the code first (`ROA -`, `R02 Numero`).
            let label: Vec<&str> = riga.etichetta.split_whitespace().take(3).collect();
            let codes = occurrences(&words, &label.join(" "));
            let [code] = codes.as_slice() else {
                wrong.push(format!(
                    "{}: its label is printed {} times",
                    riga.codice,
                    codes.len()
                ));
                continue;
            };
            let (what, target) = match riga.colonne.iter().find_map(|c| c.intestazione.clone()) {
                Some(header) => ("header", header),
                None => match riga.colonne.first() {
                    Some(first) => ("value", printed(s, riga, first)),
                    None => {
                        wrong.push(format!("{}: no columns", riga.codice));
                        continue;
                    }
                },
            };
            let beside = occurrences(&words, &target)
                .into_iter()
                .any(|w| w.page == code.page && w.x_min > code.x_max && level(code, w));
            if !beside {
                let found: Vec<String> = occurrences(&words, &target)
                    .into_iter()
                    .filter(|w| w.page == code.page)
                    .map(|w| format!("({:.1}, {:.1}-{:.1})", w.x_min, w.y_min, w.y_max))
                    .collect();
                wrong.push(format!(
                    "{}: code at ({:.1}-{:.1}, {:.1}-{:.1}); its first {what} `{target}` at {}",
                    riga.codice,
                    code.x_min,
                    code.x_max,
                    code.y_min,
                    code.y_max,
                    if found.is_empty() {
                        "nowhere on its page".to_string()
                    } else {
                        found.join(", ")
                    }
                ));
            }
        }
    }
    (checked, under, wrong)
}

#[test]
#[cfg_attr(
    all(not(has_pdftotext), not(ci)),
    ignore = "needs pdftotext, not found on PATH when built: apt-get install poppler-utils"
)]
fn every_row_has_its_label_left_of_its_headers_and_level_with_them() {
    let mut renderer = Renderer::new(&PdfSettings::default()).unwrap();
    // Seed 002 (SOC25, Quadro 3 filled in: 39 rows with headers or values
    // beside the label) and seed 003 (SOC26: R02X, R02Y and R02A more; its
    // R09, blank, given a value to find).
    for (name, rows, report) in [(SEEDS[2], 39, "R40"), (SEEDS[3], 42, "R16")] {
        let mut model = seed_model(name);
        if model.valore("R09", None).is_none() {
            set(&mut model, "R09", "", Some(dec("1000.00")));
        }
        let pdf = renderer.render(&model).unwrap().value;
        let (checked, under, wrong) = misplaced(&model, &pdf, name);
        assert!(wrong.is_empty(), "{name}:\n{}", wrong.join("\n"));
        assert_eq!(checked, rows, "{name}: rows checked");
        // Printed under their labels, as the portal prints them.
        assert_eq!(under, ["R0C", "R0D", "R0E", report], "{name}");
    }
}
