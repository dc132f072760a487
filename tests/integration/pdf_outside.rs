//! The outside PDF corpus (issue 18, point 4): PDFs of the form made by
//! other programs, and `pdftotext -layout` of them and of every kind of PDF
//! the reader knows, in `tests/fixtures/outside-pdf/` with the script that
//! makes them (`make.sh`). Each reads to the model of the seed it was made
//! from, with the warnings its kind necessarily brings and no other.

use scheda::Diagnostic;
use scheda::model::Scheda;

use crate::pdf::seed_model;
use crate::util::{SEEDS, read_fixture};

/// The seed a file was made from (its name ends with the seed's number).
fn seed_of(name: &str) -> Scheda {
    let number = name.rsplit('-').next().unwrap_or_default();
    let seed = SEEDS
        .iter()
        .find(|s| s.starts_with(number))
        .unwrap_or_else(|| panic!("{name}: no seed {number}"));
    seed_model(seed)
}

/// The warnings, rendered, that are not the English-notation one (which
/// is checked apart).
fn others(warnings: &[Diagnostic]) -> Vec<String> {
    warnings
        .iter()
        .filter(|w| !w.message.contains("English notation"))
        .map(|w| w.to_string())
        .collect()
}

/// Every PDF of the corpus, with whether its numbers are in English.
const PDFS: [(&str, bool); 7] = [
    // Another report engine: headers beside the last line of each wrapped
    // label, ligatures, no side band.
    ("engine-001", false),
    ("engine-003", false),
    // The portal page printed by Chromium with its default header and footer.
    ("chromium-headers-000", false),
    ("chromium-headers-003", false),
    // scheda's workbook exported by LibreOffice on English and Italian desktops.
    ("libreoffice-en-001", true),
    ("libreoffice-it-001", false),
    ("libreoffice-en-003", true),
];

#[test]
fn pdfs_of_other_programs_read_to_their_seed() {
    for (name, english) in PDFS {
        let bytes = read_fixture(&format!("outside-pdf/{name}.pdf"));
        let out = scheda::readers::pdf::read(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(out.value, seed_of(name), "{name}");
        let notation = out.warnings.len() - others(&out.warnings).len();
        assert_eq!(notation, usize::from(english), "{name}: {:?}", out.warnings);
    }
}

#[test]
fn pdftotext_layout_reads_as_a_layout_of_its_own() {
    let names = PDFS.iter().map(|(n, e)| (*n, *e)).chain(
        [
            "scheda-001",
            "scheda-003",
            "portal-000",
            "portal-002",
            "portal-003",
            "chromium-portal-000",
            "chromium-portal-003",
            "chromium-ifel-004",
            "libreoffice-000",
            "libreoffice-003",
        ]
        .map(|n| (n, false)),
    );
    let mut failed = Vec::new();
    for (name, english) in names {
        let bytes = read_fixture(&format!("outside-pdf/layout/{name}.txt"));
        let text = String::from_utf8(bytes.clone()).unwrap();
        let layout = scheda::readers::text::detect(&text).map(|d| d.1);
        assert_eq!(
            layout.as_ref().ok(),
            Some(&scheda::readers::text::Layout::PdftotextLayout),
            "{name}: {layout:?}"
        );
        let out = match scheda::readers::text::read(&bytes) {
            Ok(out) => out,
            Err(e) => {
                failed.push(format!("{name}: {e}"));
                continue;
            }
        };
        let mut want = seed_of(name);
        if name == "portal-002" {
            // The portal's PDF prints the footer date the seed's text lacks.
            want.ente.data = seed_model_of_pdf("portal-002").ente.data;
        }
        if out.value != want {
            failed.push(format!("{name}: read another model"));
        }
        let notation = out.warnings.len() - others(&out.warnings).len();
        assert_eq!(notation, usize::from(english), "{name}: {:?}", out.warnings);
    }
    assert!(failed.is_empty(), "{}", failed.join("\n\n"));
}

/// The model a PDF of `tests/fixtures/pdf/` holds.
fn seed_model_of_pdf(name: &str) -> Scheda {
    scheda::readers::json::read(&read_fixture(&format!("pdf/{name}.expected.json")))
        .unwrap()
        .value
}

#[test]
#[ignore]
fn dump_tmp() {
    let name = std::env::var("DUMP").unwrap();
    let bytes = std::fs::read(&name).unwrap();
    let text = scheda::readers::pdf::extract_text(&bytes).unwrap().value;
    std::fs::write("/tmp/pr/dump.txt", text).unwrap();
}
