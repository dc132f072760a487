//! A new edition goes through the PDF writer with no code change: SOC94, an
//! edition made at run time from the built-in SOC26 (years moved on, a new
//! staff row R02Z, R03's label reworded), prints its new row and its new
//! label from its description through a copy of the generic layout, or
//! through the generic layout itself.

use std::path::{Path, PathBuf};

use lopdf::Document;
use scheda::model::{Edizione, Valore};
use scheda::templates::builtin;
use scheda::writers::pdf::{PdfSettings, Renderer};

use crate::util::{dec, form};

/// This module's own edition code (installation is process-global).
const CODE: &str = "SOC94";
const R02Z: &str = "R02Z - di cui Numero di assistenti familiari in forza al Comune (con qualsiasi forma contrattuale, anche mediante esternalizzazione)";
const R03: &str = "R03 - Numero di abitanti residenti nel Comune";

/// A templates directory with SOC94 as `scheda editions --export SOC26`
/// writes SOC26, renamed and edited; `layout` says whether it holds the
/// Typst layout (SOC94.typ and common.typ).
fn soc94_dir(name: &str, layout: bool) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("scheda-pdf-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("editions")).unwrap();
    std::fs::create_dir_all(dir.join("sentences")).unwrap();
    let r03 = format!("etichetta = \"{R03}\"");
    let toml = crate::util::soc26_as(
        "SOC94",
        R02Z,
        &[("etichetta = \"R03 - Numero di abitanti\"", &r03)],
    );
    std::fs::write(dir.join("editions/SOC94.toml"), toml).unwrap();
    std::fs::write(
        dir.join("sentences/SOC94.j2"),
        builtin("sentences/SOC26.j2").unwrap(),
    )
    .unwrap();
    if layout {
        for (from, to) in [("form.typ", "SOC94.typ"), ("common.typ", "common.typ")] {
            std::fs::write(dir.join(to), builtin(from).unwrap()).unwrap();
        }
    }
    dir
}

fn settings(dir: &Path) -> PdfSettings {
    PdfSettings {
        templates: scheda::Templates::with_dir(dir).unwrap(),
    }
}

#[test]
fn a_new_edition_prints_its_new_row_and_reworded_label() {
    let dir = soc94_dir("soc94", true);
    let ed: Edizione = settings(&dir).templates.edizione(CODE).unwrap();
    assert_eq!(ed.anno(), 2026);

    let mut s = form(
        ed,
        14,
        "5.08",
        "21733.32",
        ("15721.61", "29562.20"),
        "721.05",
    );
    s.set_valore("R02Z", None, Some(Valore::Decimale(dec("2.50"))))
        .unwrap();
    let out = Renderer::new(&settings(&dir)).unwrap().render(&s).unwrap();
    let pages = Document::load_mem(&out.value).unwrap().get_pages().len();
    assert_eq!(pages, 7);
    let text = scheda::readers::pdf::extract_text(&out.value)
        .unwrap()
        .value;
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for needle in [
        "SOC94 - SOCIALE - SCHEDA DI MONITORAGGIO DEGLI OBIETTIVI DI SERVIZIO 2026",
        &format!("{R02Z} 2026 2,50 R02A"),
        &format!("{R03} Popolazione residente al 31/12/2025 (Fonte Istat)"),
    ] {
        assert!(text.contains(needle), "`{needle}` not found in:\n{text}");
    }
    assert!(
        !text.contains("R03 - Numero di abitanti Popolazione"),
        "{text}"
    );

    // Without a layout of its own, the edition is drawn by the generic
    // layout (form.typ) from its own description: the same PDF.
    let bare = soc94_dir("soc94-bare", false);
    let pdf = Renderer::new(&settings(&bare))
        .and_then(|mut r| r.render(&s))
        .unwrap()
        .value;
    assert_eq!(pdf, out.value);
    // Its sentences come from its directory: without it, a clear error.
    let err = Renderer::new(&PdfSettings::default())
        .and_then(|mut r| r.render(&s))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("edition SOC94 has no sentence catalogue (sentences/SOC94.j2)"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).ok();
    std::fs::remove_dir_all(&bare).ok();
}
