//! The text writers: seed -> model -> text -> model is lossless in both
//! layouts, and the SOC25 text keeps the seed's words in order.

use scheda::model::Scheda;
use scheda::readers::text;
use scheda::rules::Catalogue;
use scheda::writers::text::{TextLayout, write};

use crate::util::{SEEDS, read_fixture};

fn seed_model(seed: &str) -> Scheda {
    text::read(&read_fixture(&format!("{seed}.txt")))
        .unwrap_or_else(|e| panic!("{seed}: {e}"))
        .value
}

fn written(s: &Scheda, layout: Option<TextLayout>) -> String {
    let bytes = write(s, layout, &Catalogue::builtin()).unwrap().value;
    String::from_utf8(bytes).unwrap()
}

#[test]
fn every_seed_round_trips_through_both_layouts() {
    for seed in SEEDS {
        let model = seed_model(seed);
        for layout in [None, Some(TextLayout::Pdftotext), Some(TextLayout::Portal)] {
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
            let at = a.iter().zip(&b).position(|(x, y)| x != y).unwrap_or(a.len().min(b.len()));
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
    s.quadro1.M12.ore = None;
    let err = write(&s, Some(TextLayout::Pdftotext), &Catalogue::builtin()).unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("row M12 has both blank and filled cells"), "{msg}");
    assert!(msg.contains("--layout portal"), "{msg}");
    let out = written(&s, Some(TextLayout::Portal));
    assert_eq!(text::read_str(&out).unwrap().value, s);
}

#[test]
fn free_text_survives_the_portal_layout() {
    let mut s = seed_model(SEEDS[3]);
    s.quadro3.R10.modalita = Some("costo \"orario\" <medio> & oneri".into());
    s.quadro3.R12.descrizione = Some("Potenziamento del servizio 2025".into());
    s.quadro4.relazione = Some("Primo paragrafo.\nSecondo paragrafo con R08 e 12,50 euro.".into());
    let out = written(&s, None);
    assert!(out.contains("value=\"costo &quot;orario&quot; &lt;medio&gt; &amp; oneri\""), "{out}");
    assert_eq!(text::read_str(&out).unwrap().value, s);
}
