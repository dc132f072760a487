//! Web pages of the form saved from the browser (`.html`): read as the text
//! they show, through the page's API, a batch's folder and the command
//! line. (Pages of every layout, as Chromium and other programs save them,
//! are in the outside corpus: `outside.rs`.)

use std::path::{Path, PathBuf};

use scheda::serve::Options;

use crate::serve::{expected, post, start};
use crate::util::{SEEDS, p, scheda_in, stderr, tempdir};

/// A page of the outside corpus (`tests/outside/files/`).
fn page(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/outside/files")
        .join(name)
}

#[test]
fn a_saved_page_reads_through_the_api_as_its_seed() {
    let addr = start(Options::default());
    let bytes = std::fs::read(page("chromium-saved-intranet-000.html")).unwrap();
    let read = post(addr, "/api/read?name=scheda%20SOC25.html", &bytes);
    assert_eq!(read.status, 200, "{}", String::from_utf8_lossy(&read.body));
    let answer = read.json();
    assert_eq!(answer["forms"][0], expected(SEEDS[0]), "{answer}");
    assert_eq!(answer["diagnostics"], serde_json::json!([]), "{answer}");
}

#[test]
fn a_batch_reads_the_saved_pages_of_a_folder() {
    let dir = tempdir("html-batch");
    let inputs = dir.join("in");
    std::fs::create_dir_all(&inputs).unwrap();
    for name in [
        "chromium-saved-intranet-003.html",
        "saved-cp1252-intranet-001.html",
    ] {
        std::fs::copy(page(name), inputs.join(name.replace("saved-", ""))).unwrap();
    }
    std::fs::write(
        inputs.join("000.htm"),
        std::fs::read(page("chromium-saved-intranet-000.html")).unwrap(),
    )
    .unwrap();
    let out = dir.join("out");
    let run = scheda_in(
        "it_IT.UTF-8",
        &["batch", p(&inputs), "-o", p(&out), "--to", "json"],
    );
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(0), "{err}");
    assert!(err.contains("scritte 3, non riuscite 0"), "{err}");
    let written: Vec<serde_json::Value> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|f| f.extension().is_some_and(|x| x == "json"))
        .map(|f| serde_json::from_slice(&std::fs::read(f).unwrap()).unwrap())
        .collect();
    assert_eq!(written.len(), 3);
    for seed in [0, 1, 3] {
        assert!(
            written.contains(&expected(SEEDS[seed])),
            "seed {seed} not among the outputs"
        );
    }
}

#[test]
fn a_page_that_is_not_the_form_says_so_in_italian() {
    let dir = tempdir("html-not-a-form");
    let file = dir.join("benvenuto.html");
    std::fs::write(
        &file,
        "<!DOCTYPE html><html><head><title>Comune</title></head>\
         <body><h1>Benvenuto</h1><p>Servizi sociali: orari</p></body></html>",
    )
    .unwrap();
    let run = scheda_in("it_IT.UTF-8", &["check", p(&file)]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(3), "{err}");
    assert!(err.contains("il testo non è una scheda"), "{err}");
}

#[test]
fn a_page_cut_anywhere_is_an_error_with_its_place_not_a_panic() {
    let page = std::fs::read(page("chromium-saved-portal-003.html")).unwrap();
    let mut errors = 0;
    for cut in (200..page.len()).step_by(331) {
        match scheda::readers::text::read(&page[..cut]) {
            Ok(read) => assert!(read.value.ente.denominazione.is_some()),
            Err(e) => {
                errors += 1;
                assert!(e.diagnostics.iter().any(|d| d.is_error()), "{e}");
            }
        }
    }
    assert!(errors > 10, "{errors}");
    // Cut before its Quadro 1 ends: the missing rows are named.
    let at = page.windows(3).position(|w| w == b"M40").unwrap();
    let e = scheda::readers::text::read(&page[..at]).unwrap_err();
    assert!(e.to_string().contains("M40"), "{e}");
}
