//! Reading PDFs: the data scheda's own PDFs carry, and PDFs of every kind a
//! clerk has (the portal's, a web page printed by Chromium, the IFEL page),
//! read by their glyphs' positions. The test PDFs and the script that makes
//! them are in `tests/fixtures/pdf/` and `tests/pdfs/` (see its REPORT.md).

use lopdf::{Document, Object};
use scheda::model::Scheda;
use scheda::writers::pdf::{PdfSettings, Renderer, write};

use crate::pdf::{r10_r11_with_text, seed_model};
use crate::util::{SEEDS, dec, read_fixture, set, set_relazione};

/// The model a test PDF holds (`tests/fixtures/pdf/NAME.expected.json`).
fn expected(name: &str) -> Scheda {
    scheda::readers::json::read(&read_fixture(&format!("pdf/{name}.expected.json")))
        .unwrap()
        .value
}

/// Every kind of PDF of point 1 of issue 10, SOC25 and SOC26, reads to the
/// model it was made from, by position alone (none carries scheda's data).
#[test]
fn pdfs_of_every_kind_read_to_the_model_they_show() {
    for name in [
        // The official PDF as a report engine draws it, text in scrambled order.
        "portal-000",
        "portal-001",
        "portal-002",
        "portal-003",
        // Denominazione and Codice empty: never read as the band beside them.
        "portal-003-anonymous",
        // The portal page and the IFEL page, printed to PDF by Chromium.
        "chromium-portal-000",
        "chromium-portal-003",
        "chromium-ifel-004",
        // scheda's own workbook, exported to PDF by LibreOffice Calc.
        "libreoffice-000",
        "libreoffice-003",
    ] {
        let bytes = read_fixture(&format!("pdf/{name}.pdf"));
        let out = scheda::readers::pdf::read(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(out.value, expected(name), "{name}");
    }
}

/// scheda's own PDFs read back by their page text alone, position-based,
/// as any other PDF: the same model as from the embedded data.
#[test]
fn own_pdfs_read_back_by_their_page_text_alone() {
    let mut renderer = Renderer::new(&PdfSettings::default()).unwrap();
    for name in SEEDS {
        let model = seed_model(name);
        let pdf = renderer.render(&model).unwrap().value;
        let text = scheda::readers::pdf::extract_text(&pdf).unwrap().value;
        let back = scheda::readers::pdf::read_text(&text)
            .unwrap_or_else(|e| panic!("{name}: {e}\n{text}"));
        assert_eq!(back.value, model, "{name}");
    }
}

/// A scan has no text layer, a PDF of something else is not the form: each
/// says so.
#[test]
fn a_scan_and_another_document_are_refused_with_the_reason() {
    let err = scheda::readers::pdf::read(&read_fixture("pdf/scanned.pdf"))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("the PDF has no text layer: its pages are images (a scan?)"),
        "{err}"
    );
    let err = scheda::readers::pdf::read(&read_fixture("pdf/not-a-form.pdf"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("does not carry a SOC25/SOC26 form"), "{err}");
}

/// The free text's line breaks and a form whose R10/R11 hold text and
/// different amounts come back whole from the embedded data.
#[test]
fn the_embedded_data_reads_back_losslessly() {
    let mut model = r10_r11_with_text("Costo orario medio 2024");
    set_relazione(
        &mut model,
        Some("Prima riga.\nSeconda riga,\n\ncon un a capo."),
    );
    let pdf = write(&model, &PdfSettings::default()).unwrap().value;
    let back = scheda::readers::pdf::read(&pdf).unwrap();
    assert_eq!(back.value, model);
    assert!(back.warnings.is_empty(), "{:?}", back.warnings);
}

/// A PDF whose embedded data no longer matches its page (edited after
/// scheda wrote it): the page text wins, and each value that differs is a
/// warning naming its place.
#[test]
fn embedded_data_that_disagrees_with_the_page_is_reported_and_the_page_wins() {
    let model = seed_model(SEEDS[0]);
    let pdf = write(&model, &PdfSettings::default()).unwrap().value;
    // Change R06 in the attached JSON only.
    let mut tampered_model = model.clone();
    set(&mut tampered_model, "R06", "", Some(dec("99999.99")));
    let json = scheda::writers::json::write(&tampered_model).unwrap();
    let mut doc = Document::load_mem(&pdf).unwrap();
    let id = doc
        .objects
        .iter()
        .find(|(_, o)| {
            o.as_stream().is_ok_and(|s| {
                s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"application/json")
            })
        })
        .map(|(id, _)| *id)
        .expect("an attached JSON stream");
    if let Ok(Object::Stream(stream)) = doc.get_object_mut(id) {
        stream.dict.remove(b"Filter");
        stream.set_content(json);
    }
    let mut tampered = Vec::new();
    doc.save_to(&mut tampered).unwrap();

    let out = scheda::readers::pdf::read(&tampered).unwrap();
    assert_eq!(out.value, model, "the page text is read");
    let messages: Vec<String> = out.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert!(
        messages[0].contains(
            "the data embedded in the PDF and its page text disagree: embedded 99999.99, page "
        ) && messages[0].contains("/quadro2/R06"),
        "{messages:?}"
    );
}

/// poppler's `pdfdetach` lists the attached JSON, as any PDF tool sees it.
#[test]
#[cfg_attr(
    all(not(has_pdftotext), not(ci)),
    ignore = "needs pdfdetach (poppler-utils), not found on PATH when built: apt-get install poppler-utils"
)]
fn pdfdetach_lists_the_attached_json() {
    let pdf = write(&seed_model(SEEDS[3]), &PdfSettings::default())
        .unwrap()
        .value;
    let path = std::env::temp_dir().join(format!("scheda-detach-{}.pdf", std::process::id()));
    std::fs::write(&path, &pdf).unwrap();
    let out = std::process::Command::new("pdfdetach")
        .arg("-list")
        .arg(&path)
        .output();
    std::fs::remove_file(&path).ok();
    let out = match out {
        Ok(out) => out,
        Err(e) => crate::util::missing_tool("pdfdetach", "poppler-utils", e),
    };
    let listing = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        listing.trim(),
        "1 embedded files\n1: scheda.json",
        "{listing}"
    );
}

/// Found by the property tests (`props::http_render_then_read_round_trips`):
/// a mean or percentage stored with fewer than two decimals (`287`, not the
/// rules' value, so written as given) is printed `287,00` on the page; the
/// reader compared it with the attached `287` as text, took the PDF for
/// edited and read the page text instead, with a warning for each.
#[test]
fn a_mean_stored_without_decimals_does_not_make_the_pdf_read_as_edited() {
    let json = r#"{"schema_version": 1, "edizione": "SOC25", "anno": 2024, "quadro1": {
        "M12": {"utenti_2019": 1, "utenti": 3, "ore": 30, "media_ore": 287},
        "R04": 14.6
    }}"#;
    let model = scheda::readers::json::read(json.as_bytes()).unwrap().value;
    let pdf = scheda::writers::write(&model, scheda::Format::Pdf, &Default::default())
        .unwrap()
        .value;
    let read = scheda::readers::pdf::read(&pdf).unwrap();
    assert!(read.warnings.is_empty(), "{:?}", read.warnings);
    let json = |s: &Scheda| String::from_utf8(scheda::writers::json::write(s).unwrap()).unwrap();
    assert_eq!(json(&read.value), json(&model));
}
