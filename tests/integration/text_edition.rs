//! An edition the text reader has never seen, read from its description
//! alone: SOC92, made at run time from the built-in SOC26 description (years
//! moved on by one, a staff row `R02Z` after R02Y, R08's label reworded) and
//! read with a `scheda::Templates` of the directory. A portal copy of a SOC92 form,
//! written here by hand from the SOC26 seed, reads with R02Z's value in
//! `Scheda::altre` and R08 under its new wording.

use rust_decimal::Decimal;
use scheda::form::Rendering;
use scheda::model::{Scheda, Valore};
use scheda::readers::text;

use crate::util::{self, row, tempdir};

/// R08's label in SOC26, and as SOC92 rewords it.
const R08: &str = "R08 - Risorse aggiuntive effettive del sociale assegnate per il";
const R08_REWORDED: &str = "R08 - Risorse aggiuntive effettive del sociale assegnate nell'anno";

/// R02Z's label, as SOC92 prints it.
const R02Z: &str = "R02Z - di cui Numero di assistenti familiari in forza al Comune (con qualsiasi forma contrattuale, anche mediante esternalizzazione)";

/// The SOC92 description: SOC26 with its years moved on, R02Z added after
/// R02Y (one `personale` column, like R02X) and R08 reworded.
fn soc92_description() -> String {
    let (from, to) = (
        format!("etichetta = \"{R08} {{anno}}\""),
        format!("etichetta = \"{R08_REWORDED} {{anno}}\""),
    );
    util::soc26_as("SOC92", R02Z, &[(&from, &to)])
}

/// The SOC26 seed: a portal copy.
fn seed_text() -> String {
    String::from_utf8(util::read_fixture(&format!("{}.txt", util::SEEDS[3]))).unwrap()
}

/// The SOC26 seed's portal copy with its years moved on by one.
fn seed_years_moved_on() -> String {
    // Latest year first, so that no year is moved twice.
    seed_text()
        .replace("2027", "2028")
        .replace("2025", "2026")
        .replace("2024", "2025")
}

/// A portal copy of a SOC92 form: the SOC26 seed with SOC92's title and
/// years, R02Z's two lines after R02Y's in the same shape, and R08 in its
/// new wording.
fn soc92_portal_text() -> String {
    let text = seed_years_moved_on();
    let r02y_values = "\t\t0,00\n";
    let r02y = text.find("R02Y - di cui").unwrap();
    let after_r02y = r02y + text[r02y..].find(r02y_values).unwrap() + r02y_values.len();
    let r02z = format!("{R02Z}\t\t2026\n\t\t1,50\n");
    let text = format!("{}{r02z}{}", &text[..after_r02y], &text[after_r02y..]);
    let text = text.replace("SOC26 - SOCIALE", "SOC92 - SOCIALE");
    assert_eq!(text.matches(&format!("{R08} 2026\t")).count(), 1);
    text.replace(&format!("{R08} 2026\t"), &format!("{R08_REWORDED} 2026\t"))
}

#[test]
fn a_new_edition_reads_its_new_row_and_reworded_label() {
    let dir = tempdir("text-soc92");
    std::fs::create_dir_all(dir.join("editions")).unwrap();
    std::fs::write(dir.join("editions/SOC92.toml"), soc92_description()).unwrap();
    let templates = scheda::Templates::with_dir(&dir).unwrap();

    let text = soc92_portal_text();
    let (edizione, layout) = text::detect_with(&text, &templates).unwrap();
    assert_eq!((edizione.code(), layout), ("SOC92", Rendering::Portale));
    let limits = scheda::limits::Limits::default();
    let read = text::read_with(text.as_bytes(), &limits, &templates);
    let read = read.unwrap_or_else(|e| panic!("{e}"));
    assert!(read.warnings.is_empty(), "{:?}", read.warnings);
    let s: Scheda = read.value;
    assert_eq!(s.edizione.code(), "SOC92");
    assert_eq!(s.anno, 2026);

    // The new row is read like any other.
    let r02z = Valore::Decimale(Decimal::new(150, 2));
    assert_eq!(s.valore("R02Z", None), Some(r02z));

    // R08 is read under its new wording, which only SOC92 knows: the SOC26
    // seed reworded so reads the year that ends the label as a value.
    assert_eq!(
        s.valore("R08", None),
        Some(Valore::Decimale(Decimal::new(72105, 2)))
    );
    let seed_text = seed_text();
    let reworded = seed_text.replace(&format!("{R08} 2025\t"), &format!("{R08_REWORDED} 2025\t"));
    assert_ne!(reworded, seed_text);
    let e = text::read_str(&reworded).unwrap_err();
    assert_eq!(
        e.diagnostics[0].message,
        "row R08: expected 1 value (euro), found 2: `2025 721,05`"
    );

    // Every other value is the SOC26 seed's.
    let seed = text::read_str(&seed_text).unwrap().value;
    assert_eq!(s.ente, seed.ente);
    for (_, r) in seed.edizione.description().righe() {
        assert_eq!(row(&s, &r.codice), row(&seed, &r.codice), "{}", r.codice);
    }
    assert!(s.risposte().eq(seed.risposte()));
}
