//! The PDF writer and reader: every narrative branch printed in its place,
//! user text printed literally, PDF/A-3b with embedded fonts and stable
//! bytes, the 7-page plan, template overrides and the reader's errors.
//!
//! Typst is slow in debug builds, so the rendering tests are few and each
//! renders several forms with one reusable renderer.

use lopdf::{Document, Object};
use scheda::model::{DataOra, Edizione, Scheda};
use scheda::writers::pdf::{PAGES, PdfSettings, Renderer};

use crate::util::{self, SEEDS, dec, form, set, set_relazione};

/// The text of a PDF as scheda's reader extracts it (lopdf, content-stream
/// order), with runs of white space and line breaks made single spaces.
fn flat_text(pdf: &[u8]) -> String {
    let text = scheda::readers::pdf::extract_text(pdf).unwrap().value;
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn y(text: &str, ed: Edizione) -> String {
    text.replace("{Y}", &ed.anno().to_string())
}

fn page_count(pdf: &[u8]) -> usize {
    Document::load_mem(pdf).unwrap().get_pages().len()
}

const A_25: &str = "La spesa dell’ente locale è risultata non inferiore al livello del fabbisogno standard monetario per la funzione Servizi sociali. Invece, il livello dei servizi è risultato inferiore a quello di riferimento. L’ente non deve compilare il Quadro 3 degli obiettivi di servizio.";
const A_26: &str = "La spesa dell'ente locale è risultata non inferiore al livello del fabbisogno standard monetario per la funzione Servizi sociali. Invece, il livello dei servizi è risultato inferiore a quello di riferimento. L'ente non deve compilare il Quadro 3 degli obiettivi di servizio.";
const B: &str = "La spesa dell'ente locale è risultata non inferiore al livello del fabbisogno standard monetario per la funzione Servizi sociali. Anche il livello dei servizi è risultato non inferiore a quello di riferimento. L’ente non deve compilare il Quadro 3 degli obiettivi di servizio.";
const QUADRO4: &str = "L'ente locale può quindi procedere alla compilazione del Quadro 4 di relazione in formato strutturato.";
const C: &str = "La spesa dell'ente locale è risultata inferiore al livello del fabbisogno standard monetario per la funzione Servizi sociali e il numero di utenti serviti risulta inferiore allo standard di riferimento. Di conseguenza, a fronte delle risorse aggiuntive effettive assegnate per il {Y} pari a R08, l'ente locale deve rendicontare l'importo corrispondente a R09 in quanto le risorse aggiuntive da rendicontare non possono superare la differenza tra fabbisogno monetario e spesa storica. L'ente può incrementare l'offerta di servizi attraverso utenti aggiuntivi rispetto al 2019 e/o raggiungere obiettivi qualitativi in termini di significativo miglioramento dei servizi sociali e/o aumentare il numero di assistenti sociali e/o di altre figure professionali.";
const D_HEAD: &str = "La spesa dell'ente locale è risultata inferiore al livello del fabbisogno standard monetario per la funzione Servizi sociali mentre il numero di utenti serviti risulta non inferiore allo standard di riferimento.";
const C_THEN: &str = "L'ente locale deve quindi procedere alla compilazione del Quadro 3 degli obiettivi di servizio {Y} e del Quadro 4 di relazione in formato strutturato.";
const SOTTO_SOGLIA: &str = "Poiché le risorse aggiuntive da rendicontare (R09) risultano inferiori a 1.000 euro, l'ente locale non deve compilare il Quadro 3 degli obiettivi di servizio {Y} e può quindi procedere alla compilazione del Quadro 4 di relazione in formato strutturato.";
const Q3_OK: &str = "Nel {Y} l'ente locale ha rendicontato la spesa del sociale aggiuntiva coerentemente con le maggiori risorse assegnate.";
const Q3_KO: &str = "Nel {Y} l'ente locale non ha rendicontato la spesa del sociale aggiuntiva coerentemente con le maggiori risorse assegnate.";
const Q3_THEN: &str = "L'ente locale può procedere alla compilazione del Quadro 4.";
const NULLO: &str = "Nel {Y} per il Comune il numero di assistenti sociali è risultato nullo.";
const LEGGE_2022: &str = "La Legge di bilancio 2022 dispone che le maggiori risorse assegnate per il potenziamento dei servizi sociali comunali nell’ambito del FSC siano utilizzate anche con la finalità di avvicinarsi al LEP sopra richiamato, in modo che venga gradualmente raggiunto l'obiettivo di servizio di un rapporto tra assistenti sociali impiegati nei servizi sociali territoriali e popolazione residente pari a 1 a 6.500.";

/// One branch of the rules (docs/form.md#caso and #frasi): a form, the
/// text its PDF must hold in this order, text it must not hold, and how
/// many UNVERIFIED warnings it gives.
struct Branch {
    name: &'static str,
    scheda: Scheda,
    holds: Vec<String>,
    lacks: Vec<String>,
    unverified: usize,
}

fn branches() -> Vec<Branch> {
    let (soc25, soc26) = (Edizione::builtin("SOC25"), Edizione::builtin("SOC26"));
    let seed002 = |ed, r14: &str| {
        let mut s = form(
            ed,
            25,
            "4.49",
            "53895.69",
            ("34786.95", "51475.22"),
            "4391.81",
        );
        set(&mut s, "R14", "", Some(dec(r14)));
        set(&mut s, "R15", "", Some(dec(r14)));
        s
    };
    let mut nullo = form(
        soc25,
        25,
        "4.49",
        "124120.25",
        ("36123.59", "133345.30"),
        "6127.97",
    );
    set(&mut nullo, "R01", "anno", Some(dec("0.00")));
    set(&mut nullo, "R01B", "", Some(0));
    let mut soglia = form(soc26, 10, "1.00", "100.00", ("120.00", "0.00"), "0.00");
    set(&mut soglia, "R03", "", Some(7000));
    set(&mut soglia, "R01B", "", Some(7000));
    let mut d = form(
        soc25,
        60,
        "4.49",
        "53895.69",
        ("34786.95", "51475.22"),
        "4391.81",
    );
    set(&mut d, "R14", "", Some(dec("2420.47")));
    set(&mut d, "R15", "", Some(dec("2420.47")));
    vec![
        Branch {
            name: "case A, SOC25: Quadro 3 not due",
            scheda: form(soc25, 48, "6.62", "124120.25", ("36123.59", "133345.30"), "6127.97"),
            holds: vec![
                "R08 - Risorse aggiuntive effettive del sociale assegnate per il 2024 6127,97".into(),
                A_25.into(),
                QUADRO4.into(),
                "R15 -TOTALE OBIETTIVI DI SERVIZIO 2024 Spesa aggiuntiva".into(),
                Q3_THEN.into(),
            ],
            lacks: vec![y(Q3_OK, soc25)],
            unverified: 0,
        },
        Branch {
            name: "case A, SOC26: no closing lines",
            scheda: form(soc26, 35, "5.08", "21733.32", ("15721.61", "29562.20"), "721.05"),
            holds: vec![A_26.into()],
            lacks: vec![QUADRO4.into(), Q3_THEN.into()],
            unverified: 0,
        },
        Branch {
            name: "case B",
            scheda: form(soc25, 216, "5.03", "248166.97", ("321178.98", "590018.38"), "14894.95"),
            holds: vec![
                "Nel 2024 il livello di servizio effettivo dell'ente locale è risultato non inferiore al livello di servizio di riferimento.".into(),
                B.into(),
                QUADRO4.into(),
            ],
            lacks: vec![],
            unverified: 0,
        },
        Branch {
            name: "case C, Quadro 3 coherent (seed 002)",
            scheda: seed002(soc25, "3396.00"),
            holds: vec![
                y(C, soc25),
                y(C_THEN, soc25),
                "R09 - Risorse aggiuntive effettive del sociale assegnate per il 2024 da rendicontare 2420,47".into(),
                y(Q3_OK, soc25),
                Q3_THEN.into(),
            ],
            lacks: vec![],
            unverified: 0,
        },
        Branch {
            name: "case C, Quadro 3 not coherent",
            scheda: seed002(soc25, "1000.00"),
            holds: vec![y(C, soc25), y(Q3_KO, soc25)],
            lacks: vec![Q3_THEN.into()],
            unverified: 1,
        },
        Branch {
            name: "case C, SOC26, coherent",
            scheda: seed002(soc26, "2420.47"),
            holds: vec![y(C, soc26), y(Q3_OK, soc26)],
            lacks: vec![Q3_THEN.into()],
            unverified: 0,
        },
        Branch {
            name: "case C, R09 under 1.000 euro: Quadro 3 not due",
            scheda: form(soc25, 25, "4.49", "52000.00", ("34786.95", "51475.22"), "4391.81"),
            holds: vec![y(C, soc25), y(SOTTO_SOGLIA, soc25), Q3_THEN.into()],
            lacks: vec![y(C_THEN, soc25)],
            unverified: 1,
        },
        Branch {
            name: "case D",
            scheda: d,
            holds: vec![D_HEAD.into(), y(C_THEN, soc25), y(Q3_OK, soc25)],
            lacks: vec![],
            unverified: 2,
        },
        Branch {
            name: "no social workers: nullo and the Legge di bilancio 2022",
            scheda: nullo,
            holds: vec![
                "1 assistente ogni : 0".into(),
                y(NULLO, soc25),
                format!("ogni 4.000 abitanti (L.178/2020). {LEGGE_2022}"),
            ],
            lacks: vec![],
            unverified: 0,
        },
        Branch {
            name: "more than 6.500 inhabitants per social worker",
            scheda: soglia,
            holds: vec![
                "Nel 2025 per il Comune il numero di assistenti sociali in rapporto alla popolazione è risultato pari a 1 ogni 7000 abitanti.".into(),
                format!("Va segnalato che nei servizi sociali è attualmente definito un LEP relativo al numero di assistenti sociali in rapporto alla popolazione in ogni ambito territoriale sociale (ATS), in ragione di un assistente sociale ogni 5.000 abitanti, nella prospettiva di raggiungere un più avanzato obiettivo di servizio, pari a un assistente ogni 4.000 abitanti (L.178/2020). {LEGGE_2022}"),
            ],
            lacks: vec![],
            unverified: 1,
        },
    ]
}

#[test]
fn every_branch_prints_its_sentences_in_place() {
    let mut renderer = Renderer::new(&PdfSettings::default()).unwrap();
    for branch in branches() {
        let out = renderer.render(&branch.scheda).unwrap();
        assert_eq!(page_count(&out.value), PAGES, "{}", branch.name);
        let text = flat_text(&out.value);
        let mut from = 0;
        for needle in &branch.holds {
            let found = text[from..].find(needle.as_str()).unwrap_or_else(|| {
                panic!(
                    "{}: `{needle}` not found (in order) in:\n{}",
                    branch.name,
                    &text[from..]
                )
            });
            from += found + needle.len();
        }
        for needle in &branch.lacks {
            assert!(
                !text.contains(needle.as_str()),
                "{}: `{needle}` should not be printed",
                branch.name
            );
        }
        let unverified = out
            .warnings
            .iter()
            .filter(|w| w.code() == "unverified_sentence")
            .count();
        assert_eq!(
            unverified, branch.unverified,
            "{}: {:?}",
            branch.name, out.warnings
        );
    }
}

#[test]
fn labels_values_and_blanks_print_as_the_portal_does() {
    let mut renderer = Renderer::new(&PdfSettings::default()).unwrap();
    let mut s = form(
        Edizione::builtin("SOC25"),
        84,
        "6.62",
        "124120.25",
        ("36123.59", "133345.30"),
        "6127.97",
    );
    set(&mut s, "R04", "", Some(dec("33.629149")));
    set(&mut s, "M12", "media_ore", Some(dec("72")));
    set(&mut s, "R06", "", Some(dec("1984440.83")));
    s.set_risposta("R23", Some(false));
    s.set_risposta("R28", Some(true));
    let text = flat_text(&renderer.render(&s).unwrap().value);
    for needle in [
        "SOC25 - SOCIALE - SCHEDA DI MONITORAGGIO DEGLI OBIETTIVI DI SERVIZIO 2024",
        // Header block: unknown fields stay empty; no date without one.
        "Denominazione Codice indentificativo Data ultima modifica Ciascun Comune",
        "M40 - Utenti povertà, disagio adulti e senza dimora Numero di utenti serviti - 2019 Numero di utenti serviti - 2024 0 0 Pagina 1 di 7 SOC25",
        "Quadro 1 Autodiagnosi del numero di utenti serviti",
        "riportata l’utenza afferente al proprio Comune",
        "M12 - Utenti famiglia e minori Numero di utenti serviti - 2019 Numero di utenti serviti - 2024 Totale annuo ore di assistenza - 2024 Media annua ore di assistenza - 2024 0 84 840 72,00",
        "R0B - TOTALE UTENTI Numero di utenti serviti - 2019 Numero di utenti serviti - 2024 0 84",
        "R0E - Numero di assistenti sociali in rapporto alla popolazione a livello di ATS (fonte: Stima sulla base delle relazioni di rendicontazione del sociale anno 2023) NON CALCOLABILE",
        "2020 2024 1,00 1,00",
        "1 assistente ogni : 1000",
        "alla popolazione 2024 33,629149",
        "R06 - Fabbisogno standard monetario sociale 2022-2024 1984440,83",
        "(R04>=R05)",
        "ll livello di spesa dell'ente locale è alto",
        "R23 - Una rilevante parte delle risorse per la funzione è assorbita da poche prestazioni sociali particolarmente costose NO Servizi sociali erogati dall'ente più costosi, quali:",
        "R28 - Altro (specificare nel campo della relazione in formato libero) SI",
        "(R04≥R05)",
        "Scelta dell' amministrazione di investire maggiori risorse per fornire i servizi sociali di maggiore qualità",
        "Relazione in formato libero R40 - Relazione in formato libero (massimo 6.000 caratteri) Pagina 7 di 7",
    ] {
        assert!(text.contains(needle), "`{needle}` not found in:\n{text}");
    }

    let mut s = form(
        Edizione::builtin("SOC26"),
        14,
        "5.08",
        "21733.32",
        ("15721.61", "29562.20"),
        "721.05",
    );
    s.ente.denominazione = Some("CUMIGNANO SUL NAVIGLIO".into());
    s.ente.provincia = Some("CR".into());
    s.ente.codice = Some("CR039SIF11WQ".into());
    s.ente.data = Some(DataOra::new(2026, 3, 20, 10, 30).unwrap());
    set(&mut s, "R0E", "", Some(2569));
    set(&mut s, "R02X", "", Some(dec("0.00")));
    set(&mut s, "R02A", "", Some(dec("1.50")));
    set_relazione(&mut s, Some("Relazione breve."));
    let text = flat_text(&renderer.render(&s).unwrap().value);
    for needle in [
        "SOC26 - SOCIALE - SCHEDA DI MONITORAGGIO DEGLI OBIETTIVI DI SERVIZIO 2025",
        "Denominazione CUMIGNANO SUL NAVIGLIO (CR) Codice indentificativo CR039SIF11WQ Data ultima modifica 20/03/2026 10:30",
        "Pagina 1 di 7 Data 20/03/2026 10:30",
        "riportata l'utenza afferente",
        "Totale ore annue di assistenza - 2025 Media ore annue di assistenza - 2025",
        "ROA - Utenti Multiutenza",
        "ROB - TOTALE UTENTI",
        "1 assistente sociale ogni: 2569 abitanti",
        "Informazioni relative agli assistenti sociali",
        "Informazioni relative alle altre figure professionali",
        "R02X - di cui Numero di psicologi in forza al Comune (con qualsiasi forma contrattuale, anche mediante esternalizzazione) 2025 0,00",
        "R02Y - di cui Numero di educatori professionali socio-pedagogici in forza al Comune (con qualsiasi forma contrattuale, anche mediante esternalizzazione) 2025 R02A",
        "fondi ministeriali 2025 1,50",
        "R07 - Spesa storica calcolata con il questionario dei fabbisogni standard 2017 2021 15721,61 29562,20",
        "Da compilare solo se il Comune nel quadro 2",
        "R15 - TOTALE OBIETTIVI DI SERVIZIO 2025",
        "R16 - Relazione in formato libero (massimo 6.000 caratteri) Relazione breve.",
    ] {
        assert!(text.contains(needle), "`{needle}` not found in:\n{text}");
    }
    assert!(!text.contains("R40"), "SOC26 has no R40");
    assert!(!text.contains("R29 -"), "SOC26 has no structured questions");
}

#[test]
fn user_text_with_typst_syntax_is_printed_literally() {
    let evil = r##"#read("/etc/passwd") $x$ *b* <l> @r \ #set page(width: 10pt) _e_ `r` [c] // x"##;
    let mut s = form(
        Edizione::builtin("SOC25"),
        48,
        "6.62",
        "124120.25",
        ("36123.59", "133345.30"),
        "6127.97",
    );
    s.ente.denominazione = Some(evil.into());
    set(&mut s, "R0D", "", Some(format!("{evil} #pagebreak()")));
    set(&mut s, "R10", "numero", Some(dec("0.00")));
    set(&mut s, "R10", "modalita", Some("$1+1$ e/o *costo*"));
    set(&mut s, "R10", "spesa", Some(dec("0.00")));
    // The longest report the form allows, words with hyphens and slashes
    // included, must fit the seventh page and come back as typed.
    let sentence = format!("Servizi socio-sanitari e/o e-mail {evil} fine. ");
    let mut relazione = sentence.repeat(6000 / sentence.chars().count());
    relazione.truncate(relazione.trim_end().len());
    assert!(relazione.chars().count() <= 6000);
    set_relazione(&mut s, Some(relazione.clone()));
    let out = scheda::writers::pdf::write(&s, &PdfSettings::default()).unwrap();
    assert_eq!(page_count(&out.value), PAGES);
    let text = flat_text(&out.value);
    assert!(
        text.contains(&format!("Denominazione {evil} Codice")),
        "{text}"
    );
    assert!(text.contains(&format!("{evil} #pagebreak()")), "{text}");
    assert!(text.contains("0,00 $1+1$ e/o *costo* 0,00"), "{text}");
    assert!(
        text.contains(&format!(
            "(massimo 6.000 caratteri) {relazione} Pagina 7 di 7"
        )),
        "the report is not printed as typed:\n{text}"
    );
}

#[test]
fn overflowing_text_and_missing_glyphs_are_warnings() {
    let mut s = form(
        Edizione::builtin("SOC26"),
        14,
        "5.08",
        "21733.32",
        ("15721.61", "29562.20"),
        "721.05",
    );
    // Some 2.000 short lines cannot fit the seventh page.
    set_relazione(&mut s, Some(format!("Ciao 😀\n{}", "r\n".repeat(1990))));
    let out = scheda::writers::pdf::write(&s, &PdfSettings::default()).unwrap();
    let pages = page_count(&out.value);
    assert!(pages > PAGES, "{pages} pages");
    let messages: Vec<&str> = out.warnings.iter().map(|w| w.message.as_str()).collect();
    assert!(
        messages.contains(
            &format!("the form runs to {pages} pages instead of the official 7").as_str()
        ),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("no glyph for U+1F600") && m.contains("printed as `?`")),
        "{messages:?}"
    );
    let text = flat_text(&out.value);
    assert!(text.contains("Ciao ? r r"), "{text}");
    // The pages are counted: every footer names the real page count.
    for n in 1..=pages {
        assert!(text.contains(&format!("Pagina {n} di {pages}")), "{text}");
    }
    assert!(!text.contains("di 7"), "{text}");
}

#[test]
fn every_page_has_its_footer_once_with_the_date() {
    for name in SEEDS {
        let mut s = seed_model(name);
        s.ente.data = Some(DataOra::new(2026, 3, 20, 10, 30).unwrap());
        let pdf = scheda::writers::pdf::write(&s, &PdfSettings::default())
            .unwrap()
            .value;
        assert_eq!(page_count(&pdf), PAGES, "{name}");
        let text = flat_text(&pdf);
        for n in 1..=PAGES {
            let footer = format!("Pagina {n} di 7 Data 20/03/2026 10:30");
            assert_eq!(text.matches(&footer).count(), 1, "{name}: {footer}\n{text}");
        }
        let footers: Vec<usize> = text.match_indices("Pagina ").map(|(i, _)| i).collect();
        assert_eq!(footers.len(), PAGES, "{name}: {text}");
    }
}

#[test]
fn worker_threads_render_the_same_bytes() {
    let models: Vec<Scheda> = SEEDS[..2].iter().map(|name| seed_model(name)).collect();
    let mut renderer = Renderer::new(&PdfSettings::default()).unwrap();
    let expected: Vec<Vec<u8>> = models
        .iter()
        .map(|m| renderer.render(m).unwrap().value)
        .collect();
    let workers: Vec<_> = models
        .iter()
        .cloned()
        .map(|model| {
            std::thread::Builder::new()
                .stack_size(16 * 1024 * 1024)
                .spawn(move || {
                    let mut renderer = Renderer::new(&PdfSettings::default()).unwrap();
                    renderer.render(&model).unwrap().value
                })
                .unwrap()
        })
        .collect();
    for (worker, want) in workers.into_iter().zip(expected) {
        assert!(
            worker.join().unwrap() == want,
            "a worker thread wrote other bytes"
        );
    }
}

/// The `/Metadata` XMP packet of a PDF, as text.
fn xmp(doc: &Document) -> String {
    let catalog = doc.catalog().unwrap();
    let id = catalog.get(b"Metadata").unwrap().as_reference().unwrap();
    let stream = doc.get_object(id).unwrap().as_stream().unwrap();
    let bytes = stream
        .decompressed_content()
        .unwrap_or_else(|_| stream.content.clone());
    String::from_utf8(bytes).unwrap()
}

#[test]
fn output_is_stable_pdfa_3b_with_embedded_fonts_and_data() {
    let mut s = form(
        Edizione::builtin("SOC25"),
        48,
        "6.62",
        "124120.25",
        ("36123.59", "133345.30"),
        "6127.97",
    );
    s.ente.denominazione = Some("SONDRIO".into());
    s.ente.provincia = Some("SO".into());
    s.ente.data = Some(DataOra::new(2025, 3, 25, 11, 18).unwrap());
    let mut renderer = Renderer::new(&PdfSettings::default()).unwrap();
    let first = renderer.render(&s).unwrap().value;
    let second = renderer.render(&s).unwrap().value;
    assert!(first == second, "two renders of one form differ");
    let fresh = Renderer::new(&PdfSettings::default())
        .unwrap()
        .render(&s)
        .unwrap()
        .value;
    assert!(first == fresh, "a new renderer gives other bytes");

    let doc = Document::load_mem(&first).unwrap();
    assert_eq!(doc.get_pages().len(), PAGES);
    let meta = xmp(&doc);
    for needle in [
        "<pdfaid:part>3</pdfaid:part>",
        "<pdfaid:conformance>B</pdfaid:conformance>",
        "SOC25 - Scheda di monitoraggio degli obiettivi di servizio 2024 (sociale) - Comune di SONDRIO (SO)",
        "<rdf:li>Comune di SONDRIO (SO)</rdf:li>",
        "<rdf:li>it</rdf:li>",
        "2025-03-25T11:18:00+01:00",
        "scheda di monitoraggio",
    ] {
        assert!(meta.contains(needle), "`{needle}` not in the XMP:\n{meta}");
    }
    let catalog = doc.catalog().unwrap();
    assert_eq!(catalog.get(b"Lang").unwrap().as_str().unwrap(), b"it");
    assert!(
        catalog.get(b"StructTreeRoot").is_ok(),
        "the PDF is not tagged"
    );
    assert!(
        catalog.get(b"OutputIntents").is_ok(),
        "PDF/A needs an output intent"
    );

    // Every font is embedded: each font descriptor carries its font file.
    let mut descriptors = 0;
    for object in doc.objects.values() {
        let Ok(dict) = object.as_dict() else { continue };
        if dict.get(b"Type").and_then(Object::as_name).ok() == Some(b"FontDescriptor") {
            descriptors += 1;
            assert!(
                dict.has(b"FontFile2") || dict.has(b"FontFile3"),
                "font {:?} is not embedded",
                dict.get(b"FontName")
            );
        }
        if dict.get(b"Type").and_then(Object::as_name).ok() == Some(b"Font") {
            let subtype = dict.get(b"Subtype").and_then(Object::as_name).unwrap();
            assert!(
                matches!(subtype, b"Type0" | b"CIDFontType2" | b"CIDFontType0"),
                "unexpected font type {}",
                String::from_utf8_lossy(subtype)
            );
        }
    }
    assert!(descriptors >= 2, "regular and bold faces are used");

    // The form's canonical JSON is attached, as PDF/A-3 associated file
    // with the relationship Data.
    let af = catalog.get(b"AF").unwrap().as_array().unwrap();
    assert_eq!(af.len(), 1, "{af:?}");
    let spec = doc.get_dictionary(af[0].as_reference().unwrap()).unwrap();
    assert_eq!(
        spec.get(b"AFRelationship").unwrap().as_name().unwrap(),
        b"Data"
    );
    assert_eq!(spec.get(b"UF").unwrap().as_str().unwrap(), b"scheda.json");
    let file = spec
        .get(b"EF")
        .unwrap()
        .as_dict()
        .unwrap()
        .get(b"F")
        .unwrap();
    let stream = doc
        .get_object(file.as_reference().unwrap())
        .unwrap()
        .as_stream()
        .unwrap();
    assert_eq!(
        stream.dict.get(b"Subtype").unwrap().as_name().unwrap(),
        b"application/json"
    );
    let attached = stream.decompressed_content().unwrap();
    assert_eq!(attached, scheda::writers::json::write(&s).unwrap());

    // No date at all: the PDF still carries a fixed one, 1 January of Y+1.
    s.ente.data = None;
    let undated = renderer.render(&s).unwrap().value;
    let meta = xmp(&Document::load_mem(&undated).unwrap());
    assert!(meta.contains("2025-01-01T00:00:00+01:00"), "{meta}");
    assert!(flat_text(&undated).contains("0 0 Pagina 1 di 7 SOC25"));
}

#[test]
fn templates_and_sentences_can_be_overridden_from_a_directory() {
    let dir = std::env::temp_dir().join(format!("scheda-pdf-templates-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("sentences")).unwrap();
    let soc25 = include_str!("../../templates/SOC25.typ").replace(
        "#show: form.with(\"SOC25 - SOCIALE",
        "#show: form.with(\"PROVA - SOC25 - SOCIALE",
    );
    std::fs::write(dir.join("SOC25.typ"), soc25).unwrap();
    let catalogue = include_str!("../../templates/sentences/SOC25.j2")
        .replace("è risultato nullo.", "è risultato pari a zero.");
    std::fs::write(dir.join("sentences/SOC25.j2"), catalogue).unwrap();

    let mut s = form(
        Edizione::builtin("SOC25"),
        48,
        "6.62",
        "124120.25",
        ("36123.59", "133345.30"),
        "6127.97",
    );
    set(&mut s, "R01", "anno", Some(dec("0.00")));
    let settings = PdfSettings {
        templates: scheda::Templates::with_dir(&dir).unwrap(),
    };
    let text = flat_text(&scheda::writers::pdf::write(&s, &settings).unwrap().value);
    std::fs::remove_dir_all(&dir).ok();
    assert!(text.contains("PROVA - SOC25 - SOCIALE"), "{text}");
    assert!(text.contains("il numero di assistenti sociali è risultato pari a zero."));

    // A template that does not compile is an error naming its line.
    let dir = std::env::temp_dir().join(format!("scheda-pdf-broken-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("SOC25.typ"),
        "#import \"common.typ\": *\n\n#nonesuch()\n",
    )
    .unwrap();
    let settings = PdfSettings {
        templates: scheda::Templates::with_dir(&dir).unwrap(),
    };
    let err = scheda::writers::pdf::write(&s, &settings)
        .unwrap_err()
        .to_string();
    std::fs::remove_dir_all(&dir).ok();
    assert!(err.contains("unknown variable: nonesuch"), "{err}");
    assert!(err.contains("/SOC25.typ:3"), "{err}");
}

#[test]
fn an_invalid_model_is_refused_before_rendering() {
    let mut s = Scheda::empty(Edizione::builtin("SOC25"));
    set(&mut s, "R02X", "", Some(dec("1.00")));
    let err = scheda::writers::pdf::write(&s, &PdfSettings::default())
        .unwrap_err()
        .to_string();
    assert!(err.contains("R02X exists only in SOC26"), "{err}");
}

/// Seed 002 (Quadro 3 compiled) whose R10 and R11 hold text (R10's
/// `modalita`) and different amounts, its derived values computed.
pub(crate) fn r10_r11_with_text(modalita: &str) -> Scheda {
    let mut model = seed_model(SEEDS[2]);
    set(&mut model, "R10", "numero", Some(dec("2")));
    set(&mut model, "R10", "modalita", Some(modalita));
    set(&mut model, "R10", "spesa", Some(dec("1500.25")));
    set(&mut model, "R11", "numero", Some(dec("1")));
    set(
        &mut model,
        "R11",
        "modalita",
        Some("Contratto a tempo determinato"),
    );
    set(&mut model, "R11", "spesa", Some(dec("830.10")));
    scheda::rules::recompute(&mut model);
    model
}

/// The model of a seed: its golden JSON (the text reader's reading).
pub(crate) fn seed_model(name: &str) -> Scheda {
    let bytes = util::read_fixture(&format!("{name}.expected.json"));
    scheda::readers::json::read(&bytes).unwrap().value
}

/// `pdftotext` of a PDF (with `-raw` when `raw`). Panics, naming the
/// package to install, when pdftotext cannot be run.
pub(crate) fn pdftotext(pdf: &[u8], name: &str, raw: bool) -> String {
    let mode = if raw { "raw" } else { "plain" };
    let path =
        std::env::temp_dir().join(format!("scheda-{}-{name}-{mode}.pdf", std::process::id()));
    std::fs::write(&path, pdf).unwrap();
    let mut cmd = std::process::Command::new("pdftotext");
    if raw {
        cmd.arg("-raw");
    }
    let out = cmd.args(["-enc", "UTF-8"]).arg(&path).arg("-").output();
    std::fs::remove_file(&path).ok();
    match out {
        Ok(out) if out.status.success() => String::from_utf8(out.stdout).unwrap(),
        Ok(out) => panic!("pdftotext failed: {}", String::from_utf8_lossy(&out.stderr)),
        Err(e) => util::missing_tool("pdftotext", "poppler-utils", e),
    }
}

#[test]
fn every_seed_comes_back_from_its_pdf() {
    let mut renderer = Renderer::new(&PdfSettings::default()).unwrap();
    for name in SEEDS {
        let model = seed_model(name);
        let pdf = renderer.render(&model).unwrap().value;
        assert_eq!(page_count(&pdf), PAGES, "{name}");

        let back = scheda::readers::pdf::read(&pdf).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            back.value, model,
            "{name}: the PDF reads back to another model"
        );
        let dispatched = scheda::readers::read(&pdf, scheda::Format::Pdf)
            .unwrap()
            .value;
        assert_eq!(dispatched, vec![model.clone()], "{name}");
    }
}

/// `pdftotext -raw` prints the glyph runs in content-stream order, as the
/// PDF reader reads them: every seed reads back to its model.
#[test]
#[cfg_attr(
    all(not(has_pdftotext), not(ci)),
    ignore = "needs pdftotext, not found on PATH when built: apt-get install poppler-utils"
)]
fn every_seed_comes_back_from_pdftotext_raw_of_its_pdf() {
    let mut renderer = Renderer::new(&PdfSettings::default()).unwrap();
    for name in SEEDS {
        let model = seed_model(name);
        let pdf = renderer.render(&model).unwrap().value;
        let text = pdftotext(&pdf, name, true);
        let back = scheda::readers::pdf::read_text(&text)
            .unwrap_or_else(|e| panic!("{name}: pdftotext -raw text: {e}"));
        assert_eq!(
            back.value, model,
            "{name}: the pdftotext text reads back to another model"
        );
    }
}

/// Plain `pdftotext` (no flags) reads each row of scheda's PDF as it reads
/// the official form (label, headers, values, row after row): the text keeps
/// at least 95% of the seed's words in the seed's order (seeds 000-002, the
/// seeds that are plain pdftotext of the portal's PDF), and every seed reads
/// back to its model, through the PDF reader's text entry and the text
/// reader alike.
#[test]
#[cfg_attr(
    all(not(has_pdftotext), not(ci)),
    ignore = "needs pdftotext, not found on PATH when built: apt-get install poppler-utils"
)]
fn every_seed_comes_back_from_plain_pdftotext_of_its_pdf() {
    let mut renderer = Renderer::new(&PdfSettings::default()).unwrap();
    for name in SEEDS {
        let model = seed_model(name);
        let pdf = renderer.render(&model).unwrap().value;
        let text = pdftotext(&pdf, name, false);
        if SEEDS[..3].contains(&name) {
            let seed = String::from_utf8(util::read_fixture(&format!("{name}.txt"))).unwrap();
            let kept = words_kept_in_order(&seed, &text);
            assert!(
                kept >= 0.95,
                "{name}: plain pdftotext keeps {:.1}% of the seed's words",
                kept * 100.0
            );
        }
        let back = scheda::readers::pdf::read_text(&text)
            .unwrap_or_else(|e| panic!("{name}: plain pdftotext text: {e}"));
        assert_eq!(
            back.value, model,
            "{name}: the plain pdftotext text reads back to another model"
        );
        let back = scheda::readers::text::read(text.as_bytes())
            .unwrap_or_else(|e| panic!("{name}: plain pdftotext text: {e}"));
        assert_eq!(
            back.value, model,
            "{name}: the text reader reads another model"
        );
    }
}

/// A one-page PDF that shows `text` in Helvetica (not a form).
pub(crate) fn plain_pdf(text: &str) -> Vec<u8> {
    use lopdf::content::{Content, Operation};
    use lopdf::{Stream, dictionary};
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
    });
    let resources_id = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font_id } });
    let content = Content {
        operations: vec![
            Operation::new("BT", vec![]),
            Operation::new("Tf", vec!["F1".into(), 12.into()]),
            Operation::new("Td", vec![100.into(), 700.into()]),
            Operation::new("Tj", vec![Object::string_literal(text)]),
            Operation::new("ET", vec![]),
        ],
    };
    let content_id = doc.add_object(Stream::new(dictionary! {}, content.encode().unwrap()));
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1,
            "Resources" => resources_id,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    bytes
}

#[test]
fn damaged_pdfs_and_other_files_are_clear_errors() {
    let form = scheda::writers::pdf::write(&seed_model(SEEDS[0]), &PdfSettings::default())
        .unwrap()
        .value;
    for (bytes, needle) in [
        (b"%PDF-1.7\n".to_vec(), "failed to read the PDF"),
        (b"not a pdf at all".to_vec(), "failed to read the PDF"),
        (Vec::new(), "failed to read the PDF"),
        (form[..form.len() / 2].to_vec(), "failed to read the PDF"),
        (
            plain_pdf("Verbale della giunta comunale"),
            "the PDF does not carry a SOC25/SOC26 form",
        ),
    ] {
        let err = scheda::readers::pdf::read(&bytes).unwrap_err().to_string();
        assert!(err.contains(needle), "{err}");
    }
    // The plain PDF's text is read all the same.
    let text = scheda::readers::pdf::extract_text(&plain_pdf("Verbale n. 12")).unwrap();
    assert_eq!(text.value.trim(), "Verbale n. 12");
}

/// The share of `seed`'s whitespace-separated words that `text` keeps in
/// the same order (longest common subsequence; ’ read as ').
fn words_kept_in_order(seed: &str, text: &str) -> f64 {
    let words = |t: &str| -> Vec<String> {
        t.replace('’', "'")
            .split_whitespace()
            .map(str::to_string)
            .collect()
    };
    let (a, b) = (words(seed), words(text));
    let mut row = vec![0usize; b.len() + 1];
    for x in &a {
        let mut diagonal = 0;
        for (j, y) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if x == y {
                diagonal + 1
            } else {
                above.max(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()] as f64 / a.len().max(1) as f64
}

/// A form whose R10 and R11 hold text and different amounts reads back
/// whole through plain `pdftotext` too.
#[test]
#[cfg_attr(
    all(not(has_pdftotext), not(ci)),
    ignore = "needs pdftotext, not found on PATH when built: apt-get install poppler-utils"
)]
fn r10_and_r11_with_text_and_amounts_come_back_from_plain_pdftotext() {
    let model = r10_r11_with_text("Costo orario medio del personale 2024");
    let pdf = scheda::writers::pdf::write(&model, &PdfSettings::default())
        .unwrap()
        .value;
    let text = pdftotext(&pdf, "r10-r11", false);
    let back = scheda::readers::pdf::read_text(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(back.value, model);
}
