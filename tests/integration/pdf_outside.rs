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

/// `pdftotext -layout` of the PDFs whose rows stand apart (white space
/// between rows): the portal's, scheda's own, the other engine's. Read by
/// position, as the PDF itself.
const LAYOUT_READ: [&str; 6] = [
    "scheda-001",
    "scheda-003",
    "portal-000",
    "portal-002",
    "engine-001",
    "engine-003",
];

/// `pdftotext -layout` of the PDFs whose rows touch (a printed web page, a
/// printed workbook): a grid of lines whose cells cannot be told apart by
/// position alone. Each is an error saying so and pointing to the PDF.
const LAYOUT_REFUSED: [&str; 10] = [
    "chromium-headers-000",
    "chromium-headers-003",
    "chromium-portal-000",
    "chromium-portal-003",
    "chromium-ifel-004",
    "libreoffice-000",
    "libreoffice-003",
    "libreoffice-en-001",
    "libreoffice-it-001",
    "libreoffice-en-003",
];

fn layout_text(name: &str) -> Vec<u8> {
    let bytes = read_fixture(&format!("outside-pdf/layout/{name}.txt"));
    let text = String::from_utf8(bytes.clone()).unwrap();
    let layout = scheda::readers::text::detect(&text).map(|d| d.1);
    assert_eq!(
        layout.as_ref().ok(),
        Some(&scheda::form::Rendering::PdftotextLayout),
        "{name}: {layout:?}"
    );
    bytes
}

#[test]
fn pdftotext_layout_reads_as_a_layout_of_its_own() {
    for name in LAYOUT_READ {
        let out = scheda::readers::text::read(&layout_text(name))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let mut want = seed_of(name);
        if name == "portal-002" {
            // The portal's PDF prints the footer date the seed's text lacks.
            want.ente.data = seed_model_of_pdf("portal-002").ente.data;
        }
        assert!(
            out.value == want,
            "{name}: {}",
            differences(&out.value, &want)
        );
    }
}

#[test]
fn pdftotext_layout_that_cannot_be_read_says_so_and_points_to_the_pdf() {
    for name in LAYOUT_REFUSED {
        let e = scheda::readers::text::read(&layout_text(name))
            .err()
            .unwrap_or_else(|| panic!("{name}: read"));
        let first = &e.diagnostics[0];
        assert!(
            first
                .message
                .starts_with("the text seems to be `pdftotext -layout` output")
                && first
                    .hint
                    .as_deref()
                    .is_some_and(|h| h.starts_with("give scheda the PDF itself")),
            "{name}: {first:?}"
        );
    }
}

/// The model a PDF of `tests/fixtures/pdf/` holds.
fn seed_model_of_pdf(name: &str) -> Scheda {
    scheda::readers::json::read(&read_fixture(&format!("pdf/{name}.expected.json")))
        .unwrap()
        .value
}

/// The lines of the JSON of `got` that differ from those of `want`.
fn differences(got: &Scheda, want: &Scheda) -> String {
    let json = |s: &Scheda| String::from_utf8(scheda::writers::json::write(s).unwrap()).unwrap();
    let (got, want) = (json(got), json(want));
    got.lines()
        .zip(want.lines())
        .filter(|(g, w)| g != w)
        .map(|(g, w)| format!("`{}` for `{}`", g.trim(), w.trim()))
        .collect::<Vec<_>>()
        .join(", ")
}
