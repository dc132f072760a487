//! The text writers: seed -> model -> text -> model is lossless in both
//! layouts, and the SOC25 text keeps the seed's words in order.

use rust_decimal::Decimal;
use scheda::form::Rendering;
use scheda::model::{Edizione, Scheda, Valore};
use scheda::readers::text;
use scheda::writers::text::write;

use crate::util::{SEEDS, blank, from_json, read_fixture, set, set_relazione, tempdir};

fn seed_model(seed: &str) -> Scheda {
    text::read(&read_fixture(&format!("{seed}.txt")))
        .unwrap_or_else(|e| panic!("{seed}: {e}"))
        .value
}

fn written(s: &Scheda, layout: Option<Rendering>) -> String {
    let bytes = write(s, layout, scheda::Templates::builtin().catalogue())
        .unwrap()
        .value;
    String::from_utf8(bytes).unwrap()
}

#[test]
fn every_seed_round_trips_through_both_layouts() {
    for seed in SEEDS {
        let model = seed_model(seed);
        for layout in [None, Some(Rendering::Pdftotext), Some(Rendering::Portale)] {
            let out = written(&model, layout);
            let back = text::read_str(&out)
                .unwrap_or_else(|e| panic!("{seed} {layout:?}: {e}\n{out}"))
                .value;
            assert_eq!(back, model, "{seed} {layout:?}");
        }
    }
}

/// Lines that are page furniture (side band, title, footer), not content.
fn furniture(line: &str) -> bool {
    let t = line.trim();
    t.starts_with("SOC25 - SOCIALE - ")
        || t.starts_with("Pagina ")
        || t.starts_with("Quadro ") && t.len() <= "Quadro 4".len()
        || matches!(
            t,
            "Autodiagnosi del"
                | "numero di utenti serviti"
                | "Autodiagnosi della"
                | "spesa per il sociale"
                | "Obiettivi di servizio 2024"
                | "Relazione in formato"
                | "strutturato"
        )
}

fn words(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| !furniture(l))
        .flat_map(|l| l.split_whitespace())
        .map(str::to_string)
        .collect()
}

#[test]
fn soc25_text_keeps_the_seed_words_in_order() {
    for seed in &SEEDS[..3] {
        let original = String::from_utf8(read_fixture(&format!("{seed}.txt"))).unwrap();
        let out = written(&seed_model(seed), None);
        let (a, b) = (words(&original), words(&out));
        if a != b {
            let at = a
                .iter()
                .zip(&b)
                .position(|(x, y)| x != y)
                .unwrap_or(a.len().min(b.len()));
            panic!(
                "{seed}: words differ at {at}:\n  seed:   {:?}\n  output: {:?}",
                &a[at.saturating_sub(5)..(at + 10).min(a.len())],
                &b[at.saturating_sub(5)..(at + 10).min(b.len())]
            );
        }
    }
}

#[test]
fn partially_blank_rows_need_the_portal_layout() {
    let mut s = seed_model(SEEDS[1]);
    blank(&mut s, "M12", "ore");
    let err = write(
        &s,
        Some(Rendering::Pdftotext),
        scheda::Templates::builtin().catalogue(),
    )
    .unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("row M12 has both blank and filled cells"),
        "{msg}"
    );
    assert!(msg.contains("--layout portal"), "{msg}");
    let out = written(&s, Some(Rendering::Portale));
    assert_eq!(text::read_str(&out).unwrap().value, s);
}

#[test]
fn free_text_survives_the_portal_layout() {
    let mut s = seed_model(SEEDS[3]);
    set(
        &mut s,
        "R10",
        "modalita",
        Some("costo \"orario\" <medio> & oneri"),
    );
    set(
        &mut s,
        "R12",
        "descrizione",
        Some("Potenziamento del servizio 2025"),
    );
    set_relazione(
        &mut s,
        Some("Primo paragrafo.\nSecondo paragrafo con R08 e 12,50 euro."),
    );
    let out = written(&s, None);
    assert!(
        out.contains("value=\"costo &quot;orario&quot; &lt;medio&gt; &amp; oneri\""),
        "{out}"
    );
    assert_eq!(text::read_str(&out).unwrap().value, s);
}

/// The label of the new row of SOC91.
const R02Z: &str = "R02Z - di cui Numero di assistenti familiari in forza al Comune (con qualsiasi forma contrattuale, anche mediante esternalizzazione)";
/// R03's label as SOC91 rewords it.
const R03: &str = "R03 - Numero di abitanti residenti nel Comune";

/// SOC91: the built-in SOC26 description with its code and years moved on,
/// a staff row R02Z after R02Y and R03 reworded.
fn soc91_description() -> String {
    let r03 = format!("etichetta = \"{R03}\"");
    crate::util::soc26_as(
        "SOC91",
        R02Z,
        &[("etichetta = \"R03 - Numero di abitanti\"", &r03)],
    )
}

/// SOC91 goes through both text layouts with no code change: the new row
/// with its value, the reworded label, the new years and title.
#[test]
fn a_new_edition_s_row_and_label_go_through_both_layouts() {
    let dir = tempdir("text-soc91");
    std::fs::create_dir_all(dir.join("editions")).unwrap();
    std::fs::create_dir_all(dir.join("sentences")).unwrap();
    std::fs::write(dir.join("editions/SOC91.toml"), soc91_description()).unwrap();
    let catalogue = scheda::templates::builtin("sentences/SOC26.j2").unwrap();
    std::fs::write(dir.join("sentences/SOC91.j2"), catalogue).unwrap();
    write_soc91(&dir);
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap();

    let portal = read("portal.txt");
    assert_eq!(
        read("default.txt"),
        portal,
        "SOC91 is written as a portal page"
    );
    assert!(
        portal.contains(
            "\nSOC91 - SOCIALE - SCHEDA DI MONITORAGGIO DEGLI OBIETTIVI DI SERVIZIO 2026\n"
        ),
        "{portal}"
    );
    // The new row in the table of Quadro 1, its value under the year.
    assert!(
        portal.contains(&format!("{R02Z}\t\t2026\n\t\t1,50\n")),
        "{portal}"
    );
    let order: Vec<usize> = ["R02Y - ", "R02Z - ", "R02A "]
        .iter()
        .map(|code| portal.find(code).unwrap())
        .collect();
    assert!(order.is_sorted(), "{portal}");
    assert!(
        portal.contains(&format!(
            "{R03}\tPopolazione residente al 31/12/2025 (Fonte Istat)\t\n\t399\t\n"
        )),
        "{portal}"
    );
    assert!(!portal.contains("R03 - Numero di abitanti\t"), "{portal}");

    let pdftotext = read("pdftotext.txt");
    // Labels wrapped in their narrow cell: R02Z's, then its year, then its value.
    let block = "R02Z - di cui Numero di\nassistenti familiari in forza al\nComune (con qualsiasi forma\ncontrattuale, anche mediante\nesternalizzazione)\n\n2026\n\n1,50\n\n";
    assert!(pdftotext.contains(block), "{pdftotext}");
    assert!(
        pdftotext.contains("R03 - Numero di abitanti\nresidenti nel Comune\n\nPopolazione residente\nal 31/12/2025 (Fonte\nIstat)\n\n399\n\n"),
        "{pdftotext}"
    );
    assert!(pdftotext.contains("Pagina 7 di 7"), "{pdftotext}");
    assert_eq!(pdftotext.matches('\x0c').count(), 6, "{pdftotext}");
}

/// Write a SOC91 form, of the templates of `dir`, there in each layout.
fn write_soc91(dir: &std::path::Path) {
    let templates = scheda::Templates::with_dir(dir).unwrap();
    let edizione: Edizione = templates.edizione("SOC91").unwrap();
    let mut s = Scheda::empty(edizione);
    assert_eq!(s.anno, 2026);
    s.set_valore("R02Z", None, Some(Valore::Decimale(Decimal::new(150, 2))))
        .unwrap();
    s.set_valore("R03", None, Some(Valore::Intero(399)))
        .unwrap();
    assert_eq!(
        s.valore("R02Z", None),
        Some(Valore::Decimale(Decimal::new(150, 2)))
    );
    let catalogue = templates.catalogue();
    for (name, layout) in [
        ("default.txt", None),
        ("pdftotext.txt", Some(Rendering::Pdftotext)),
        ("portal.txt", Some(Rendering::Portale)),
    ] {
        let bytes = write(&s, layout, catalogue).unwrap().value;
        std::fs::write(dir.join(name), bytes).unwrap();
    }
}

/// Found by the property tests (`props::portal_text_round_trips`): a blank
/// count among filled ones in a user row without hours (M30's two counts
/// under the four columns of the user rows) was written as an empty cell,
/// and read as missing.
#[test]
fn portal_keeps_a_blank_count_of_a_row_without_hours() {
    for ed in crate::util::builtin_editions() {
        let s = from_json(
            ed,
            r#""quadro1": {"M30": {"utenti_2019": null, "utenti": 498}, "R01B": 1000}"#,
        );
        let out = written(&s, Some(Rendering::Portale));
        assert!(
            out.contains("M30 - Utenti Multiutenza\t<input type=\"text\"/>\t498\t\t\n"),
            "{out}"
        );
        let back = text::read_str(&out).unwrap_or_else(|e| panic!("{ed}: {e}"));
        assert_eq!(back.value, s, "{ed}");
    }
}

/// Found by the property tests (`props::pdftotext_text_round_trips`): the
/// texts of R10-R12 were written on a paragraph of their own after the
/// numbers, which the reader takes for what follows the row, so they came
/// back blank; they share the numbers' line, as pdftotext prints the
/// form's cells.
#[test]
fn pdftotext_keeps_the_texts_of_quadro_3() {
    for ed in crate::util::builtin_editions() {
        let s = from_json(
            ed,
            r#""quadro3": {
                "R10": {"numero": 1.00, "modalita": "Costo orario per ore lavorate", "spesa": 2500.00},
                "R11": {"numero": 0.50, "modalita": "Costo del contratto", "spesa": 300.00},
                "R12": {"descrizione": "Sportello di ascolto e trasporto", "spesa": 1200.00}
            }"#,
        );
        let out = written(&s, Some(Rendering::Pdftotext));
        assert!(
            out.contains("\n1,00 Costo orario per ore lavorate 2500,00\n"),
            "{out}"
        );
        assert!(
            out.contains("\nSportello di ascolto e trasporto 1200,00\n"),
            "{out}"
        );
        let back = text::read_str(&out).unwrap_or_else(|e| panic!("{ed}: {e}"));
        assert_eq!(back.value, s, "{ed}");
    }
}

/// One name for a text layout: `--layout`'s words, the reader's names, and
/// the layouts the writer does not write (read only) refused.
#[test]
fn one_enum_names_the_text_layouts() {
    for (word, layout) in [
        ("pdftotext", Rendering::Pdftotext),
        ("PDF", Rendering::Pdftotext),
        ("portal", Rendering::Portale),
        ("Portale", Rendering::Portale),
    ] {
        assert_eq!(Rendering::written_named(word).unwrap(), layout, "{word}");
    }
    assert!(Rendering::written_named("ifel").is_err());
    let names: Vec<String> = [
        Rendering::Pdftotext,
        Rendering::Portale,
        Rendering::Ifel,
        Rendering::PdftotextLayout,
    ]
    .iter()
    .map(ToString::to_string)
    .collect();
    assert_eq!(names, ["pdftotext", "portal", "ifel", "pdftotext -layout"]);
    assert_eq!(Rendering::Portale.name(), "portale");
    let s = seed_model(SEEDS[0]);
    for layout in [Rendering::Ifel, Rendering::PdftotextLayout, Rendering::Pdf] {
        let err = write(&s, Some(layout), scheda::Templates::builtin().catalogue()).unwrap_err();
        assert!(err.to_string().contains("unknown text layout"), "{err}");
    }
}
