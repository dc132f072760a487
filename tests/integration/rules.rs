//! The form's rules, table-driven: every derived value, every outcome and
//! every sentence branch, with the expected text spelled out.

use scheda::model::{Edizione, Scheda};
use scheda::rules::{self, Caso};

use crate::util::{blank, dec, dec_of, form, int_of, set};

fn sentences(s: &Scheda) -> rules::Sentences {
    rules::sentences::choose(s, scheda::Templates::builtin().catalogue())
        .unwrap()
        .value
}

#[test]
fn derived_values_follow_the_rules() {
    let mut s = form(
        Edizione::builtin("SOC25"),
        84,
        "6.62",
        "100",
        ("50", "80"),
        "10",
    );
    set(&mut s, "R03", "", Some(1748));
    set(&mut s, "M15", "utenti", Some(16));
    set(&mut s, "M15", "ore", Some(7390));
    set(&mut s, "M15", "utenti_2019", Some(5));
    set(&mut s, "R01", "anno", Some(dec("16.00")));
    set(&mut s, "R03", "", Some(21297));
    let d = rules::derive(&s);
    // Rule 1 (docs/form.md#r0b): R0B sums every user row.
    assert_eq!(d.get("R0B", Some("utenti")), Some(dec("100")));
    assert_eq!(d.get("R0B", Some("utenti_2019")), Some(dec("5")));
    // Rule 2 (docs/form.md#media-ore): 7390 / 16 = 461,875 -> 461,88
    // (half-up), 0,00 without users.
    let media = d.get("M15", Some("media_ore")).unwrap();
    assert_eq!((media, media.scale()), (dec("461.88"), 2));
    let zero = d.get("M18", Some("media_ore")).unwrap();
    assert_eq!((zero.to_string(), zero.scale()), ("0.00".to_string(), 2));
    // Rule 3 (docs/form.md#r01b): 21297 / 16 = 1331,06 -> 1331.
    assert_eq!(d.get("R01B", None), Some(dec("1331")));
    // Rule 4 (docs/form.md#r04): 100 / 21297 x 100 = 0,4695... -> 0,47.
    assert_eq!(d.get("R04", None), Some(dec("0.47")));
}

#[test]
fn r04_and_r01b_of_the_seeds() {
    let mut s = form(
        Edizione::builtin("SOC25"),
        84,
        "6.62",
        "100",
        ("50", "80"),
        "10",
    );
    set(&mut s, "R03", "", Some(1748));
    assert_eq!(rules::derive(&s).get("R04", None), Some(dec("4.81")));
    assert_eq!(rules::derive(&s).get("R01B", None), Some(dec("1748")));
    set(&mut s, "R01", "anno", Some(dec("0.00")));
    assert_eq!(
        rules::derive(&s).get("R01B", None),
        Some(dec("0")),
        "no staff gives 0"
    );
}

#[test]
fn r09_and_r15() {
    // Seed 002: spesa inferiore, R09 = min(R08, R06 - max(R07)).
    let mut s = form(
        Edizione::builtin("SOC25"),
        28,
        "4.49",
        "53895.69",
        ("34786.95", "51475.22"),
        "4391.81",
    );
    assert_eq!(rules::derive(&s).get("R09", None), Some(dec("2420.47")));
    // R08 smaller than the gap: R09 = R08.
    set(&mut s, "R08", "", Some(dec("1000.00")));
    assert_eq!(rules::derive(&s).get("R09", None), Some(dec("1000.00")));
    // Spesa non inferiore: 0,00 in SOC25, blank in SOC26.
    let s25 = form(
        Edizione::builtin("SOC25"),
        28,
        "4.49",
        "100",
        ("50", "120"),
        "10",
    );
    let zero = rules::derive(&s25).get("R09", None).unwrap();
    assert_eq!(zero.to_string(), "0.00");
    let s26 = form(
        Edizione::builtin("SOC26"),
        28,
        "4.49",
        "100",
        ("50", "120"),
        "10",
    );
    assert_eq!(rules::derive(&s26).get("R09", None), None);
    // R15 sums the spesa aggiuntiva of R10..R14.
    let mut s = s25;
    set(&mut s, "R10", "spesa", Some(dec("1.10")));
    set(&mut s, "R11", "spesa", Some(dec("2.20")));
    set(&mut s, "R12", "spesa", Some(dec("3.30")));
    set(&mut s, "R13", "", Some(dec("4.40")));
    set(&mut s, "R14", "", Some(dec("3396.00")));
    assert_eq!(rules::derive(&s).get("R15", None), Some(dec("3407.00")));
}

#[test]
fn blank_inputs_leave_derived_values_blank() {
    let s = Scheda::empty(Edizione::builtin("SOC25"));
    let d = rules::derive(&s);
    for c in d.iter() {
        assert_eq!(c.exact, None, "{}", c.rule.campo);
    }
    let o = rules::outcomes(&s);
    assert_eq!(o.caso, None);
    assert_eq!(o.sezione_quadro4, None);
}

const A_25: &str = "La spesa dell’ente locale è risultata non inferiore al livello del fabbisogno standard monetario per la funzione Servizi sociali. Invece, il livello dei servizi è risultato inferiore a quello di riferimento. L’ente non deve compilare il Quadro 3 degli obiettivi di servizio.";
const A_26: &str = "La spesa dell'ente locale è risultata non inferiore al livello del fabbisogno standard monetario per la funzione Servizi sociali. Invece, il livello dei servizi è risultato inferiore a quello di riferimento. L'ente non deve compilare il Quadro 3 degli obiettivi di servizio.";
const B: &str = "La spesa dell'ente locale è risultata non inferiore al livello del fabbisogno standard monetario per la funzione Servizi sociali. Anche il livello dei servizi è risultato non inferiore a quello di riferimento. L’ente non deve compilare il Quadro 3 degli obiettivi di servizio.";
const QUADRO4: &str = "L'ente locale può quindi procedere alla compilazione del Quadro 4 di relazione in formato strutturato.";
const C_TAIL: &str = " Di conseguenza, a fronte delle risorse aggiuntive effettive assegnate per il {Y} pari a R08, l'ente locale deve rendicontare l'importo corrispondente a R09 in quanto le risorse aggiuntive da rendicontare non possono superare la differenza tra fabbisogno monetario e spesa storica. L'ente può incrementare l'offerta di servizi attraverso utenti aggiuntivi rispetto al 2019 e/o raggiungere obiettivi qualitativi in termini di significativo miglioramento dei servizi sociali e/o aumentare il numero di assistenti sociali e/o di altre figure professionali.";
const C_HEAD: &str = "La spesa dell'ente locale è risultata inferiore al livello del fabbisogno standard monetario per la funzione Servizi sociali e il numero di utenti serviti risulta inferiore allo standard di riferimento.";
const D_HEAD: &str = "La spesa dell'ente locale è risultata inferiore al livello del fabbisogno standard monetario per la funzione Servizi sociali mentre il numero di utenti serviti risulta non inferiore allo standard di riferimento.";
const C_THEN: &str = "L'ente locale deve quindi procedere alla compilazione del Quadro 3 degli obiettivi di servizio {Y} e del Quadro 4 di relazione in formato strutturato.";
const SOTTO_SOGLIA: &str = "Poiché le risorse aggiuntive da rendicontare (R09) risultano inferiori a 1.000 euro, l'ente locale non deve compilare il Quadro 3 degli obiettivi di servizio {Y} e può quindi procedere alla compilazione del Quadro 4 di relazione in formato strutturato.";
const Q3_OK: &str = "Nel {Y} l'ente locale ha rendicontato la spesa del sociale aggiuntiva coerentemente con le maggiori risorse assegnate.";
const Q3_KO: &str = "Nel {Y} l'ente locale non ha rendicontato la spesa del sociale aggiuntiva coerentemente con le maggiori risorse assegnate.";
const Q3_THEN: &str = "L'ente locale può procedere alla compilazione del Quadro 4.";

fn y(text: &str, ed: Edizione) -> String {
    text.replace("{Y}", &ed.anno().to_string())
}

/// One row of the Quadro 2 / Quadro 3 table.
struct Row {
    name: &'static str,
    ed: Edizione,
    /// users in Y (of 1000 inhabitants): R04 = users / 10.
    users: u64,
    r05: &'static str,
    r06: &'static str,
    r07: (&'static str, &'static str),
    r08: &'static str,
    /// R14 spesa aggiuntiva (R15 follows it).
    r14: Option<&'static str>,
    caso: Caso,
    sezione: Option<u8>,
    quadro2: Vec<String>,
    quadro3: Vec<String>,
    unverified: &'static [&'static str],
}

fn table() -> Vec<Row> {
    let (soc25, soc26) = (Edizione::builtin("SOC25"), Edizione::builtin("SOC26"));
    let c = |ed| vec![format!("{C_HEAD}{}", y(C_TAIL, ed)), y(C_THEN, ed)];
    vec![
        Row {
            name: "case A, SOC25 (seed 000)",
            ed: soc25,
            users: 48,
            r05: "6.62",
            r06: "124120.25",
            r07: ("36123.59", "133345.30"),
            r08: "6127.97",
            r14: None,
            caso: Caso::A,
            sezione: Some(2),
            quadro2: vec![A_25.into(), QUADRO4.into()],
            quadro3: vec![Q3_THEN.into()],
            unverified: &[],
        },
        Row {
            name: "case A, SOC26 (seed 003)",
            ed: soc26,
            users: 35,
            r05: "5.08",
            r06: "21733.32",
            r07: ("15721.61", "29562.20"),
            r08: "721.05",
            r14: None,
            caso: Caso::A,
            sezione: None,
            quadro2: vec![A_26.into()],
            quadro3: vec![],
            unverified: &[],
        },
        Row {
            name: "case B, SOC25 (seed 001)",
            ed: soc25,
            users: 216,
            r05: "5.03",
            r06: "248166.97",
            r07: ("321178.98", "590018.38"),
            r08: "14894.95",
            r14: None,
            caso: Caso::B,
            sezione: Some(1),
            quadro2: vec![B.into(), QUADRO4.into()],
            quadro3: vec![Q3_THEN.into()],
            unverified: &[],
        },
        Row {
            name: "case B, equal levels count as not below",
            ed: soc26,
            users: 50,
            r05: "5.00",
            r06: "100.00",
            r07: ("100.00", "0.00"),
            r08: "10.00",
            r14: None,
            caso: Caso::B,
            sezione: None,
            quadro2: vec![B.into(), QUADRO4.into()],
            quadro3: vec![],
            unverified: &[],
        },
        Row {
            name: "case C, Quadro 3 coherent (seed 002)",
            ed: soc25,
            users: 25,
            r05: "4.49",
            r06: "53895.69",
            r07: ("34786.95", "51475.22"),
            r08: "4391.81",
            r14: Some("3396.00"),
            caso: Caso::C,
            sezione: Some(4),
            quadro2: c(soc25),
            quadro3: vec![y(Q3_OK, soc25), Q3_THEN.into()],
            unverified: &[],
        },
        Row {
            name: "case C, Quadro 3 not coherent",
            ed: soc25,
            users: 25,
            r05: "4.49",
            r06: "53895.69",
            r07: ("34786.95", "51475.22"),
            r08: "4391.81",
            r14: Some("1000.00"),
            caso: Caso::C,
            sezione: Some(4),
            quadro2: c(soc25),
            quadro3: vec![y(Q3_KO, soc25)],
            unverified: &["quadro3_non_coerente"],
        },
        Row {
            name: "case C, SOC26, coherent: no closing line",
            ed: soc26,
            users: 25,
            r05: "4.49",
            r06: "53895.69",
            r07: ("34786.95", "51475.22"),
            r08: "4391.81",
            r14: Some("2420.47"),
            caso: Caso::C,
            sezione: None,
            quadro2: c(soc26),
            quadro3: vec![y(Q3_OK, soc26)],
            unverified: &[],
        },
        Row {
            name: "case C, R09 under 1.000 euro: Quadro 3 not due",
            ed: soc25,
            users: 25,
            r05: "4.49",
            r06: "52000.00",
            r07: ("34786.95", "51475.22"),
            r08: "4391.81",
            r14: None,
            caso: Caso::C,
            sezione: Some(4),
            quadro2: vec![
                format!("{C_HEAD}{}", y(C_TAIL, soc25)),
                y(SOTTO_SOGLIA, soc25),
            ],
            quadro3: vec![Q3_THEN.into()],
            unverified: &["quadro2_sotto_soglia"],
        },
        Row {
            name: "case D",
            ed: soc25,
            users: 60,
            r05: "4.49",
            r06: "53895.69",
            r07: ("34786.95", "51475.22"),
            r08: "4391.81",
            r14: Some("2420.47"),
            caso: Caso::D,
            sezione: Some(3),
            quadro2: vec![format!("{D_HEAD}{}", y(C_TAIL, soc25)), y(C_THEN, soc25)],
            quadro3: vec![y(Q3_OK, soc25), Q3_THEN.into()],
            unverified: &["quadro2_d", "quadro2_d_seguito"],
        },
    ]
}

#[test]
fn quadro2_and_quadro3_sentences_for_every_case() {
    for row in table() {
        let mut s = form(row.ed, row.users, row.r05, row.r06, row.r07, row.r08);
        let r09 = rules::derive(&s).get("R09", None);
        set(&mut s, "R09", "", r09);
        if let Some(r14) = row.r14 {
            set(&mut s, "R14", "", Some(dec(r14)));
            set(&mut s, "R15", "", Some(dec(r14)));
        }
        let o = rules::outcomes(&s);
        assert_eq!(o.caso, Some(row.caso), "{}", row.name);
        assert_eq!(o.sezione_quadro4, row.sezione, "{}", row.name);
        let out = sentences(&s);
        assert_eq!(out.quadro2, row.quadro2, "{}", row.name);
        assert_eq!(out.quadro3, row.quadro3, "{}", row.name);
        assert_eq!(out.unverified, row.unverified, "{}", row.name);
        let warned =
            rules::sentences::choose(&s, scheda::Templates::builtin().catalogue()).unwrap();
        assert_eq!(warned.warnings.len(), row.unverified.len(), "{}", row.name);
    }
}

const LEP_25: &str = "Va segnalato che nei servizi sociali è attualmente definito un solo LEP relativo al numero di assistenti sociali in rapporto alla popolazione in ogni ambito territoriale sociale (ATS), in ragione di un assistente sociale ogni 5.000 abitanti, nella prospettiva di raggiungere un più avanzato obiettivo di servizio, pari a un assistente ogni 4.000 abitanti (L.178/2020).";
const LEGGE_2022: &str = " La Legge di bilancio 2022 dispone che le maggiori risorse assegnate per il potenziamento dei servizi sociali comunali nell’ambito del FSC siano utilizzate anche con la finalità di avvicinarsi al LEP sopra richiamato, in modo che venga gradualmente raggiunto l'obiettivo di servizio di un rapporto tra assistenti sociali impiegati nei servizi sociali territoriali e popolazione residente pari a 1 a 6.500.";

/// Edition, R01[Y], R03, expected assistenti sentence, LEP paragraph, unverified macros.
type WorkerCase = (
    Edizione,
    &'static str,
    u64,
    String,
    String,
    Vec<&'static str>,
);

#[test]
fn social_worker_sentences() {
    // (edition, R01[Y], R03, assistenti, lep, unverified)
    let lep_26 = LEP_25.replace("un solo LEP", "un LEP");
    let cases: Vec<WorkerCase> = vec![
        (
            Edizione::builtin("SOC25"),
            "1.00",
            1748,
            "Nel 2024 per il Comune il numero di assistenti sociali in rapporto alla popolazione è risultato pari a 1 ogni 1748 abitanti.".into(),
            LEP_25.into(),
            vec![],
        ),
        (
            Edizione::builtin("SOC26"),
            "1.00",
            399,
            "Nel 2025 per il Comune il numero di assistenti sociali in rapporto alla popolazione è risultato pari a 1 ogni 399 abitanti.".into(),
            lep_26.clone(),
            vec![],
        ),
        (
            Edizione::builtin("SOC25"),
            "0.00",
            1120,
            "Nel 2024 per il Comune il numero di assistenti sociali è risultato nullo.".into(),
            format!("{LEP_25}{LEGGE_2022}"),
            vec![],
        ),
        (
            Edizione::builtin("SOC26"),
            "1.00",
            7000,
            "Nel 2025 per il Comune il numero di assistenti sociali in rapporto alla popolazione è risultato pari a 1 ogni 7000 abitanti.".into(),
            format!("{lep_26}{LEGGE_2022}"),
            vec!["lep_soglia_6500"],
        ),
        (
            Edizione::builtin("SOC25"),
            "1.00",
            6500,
            "Nel 2024 per il Comune il numero di assistenti sociali in rapporto alla popolazione è risultato pari a 1 ogni 6500 abitanti.".into(),
            LEP_25.into(),
            vec![],
        ),
    ];
    for (ed, r01, r03, assistenti, lep, unverified) in cases {
        let mut s = form(ed, 10, "1.00", "100", ("120", "0"), "0");
        set(&mut s, "R01", "anno", Some(dec(r01)));
        set(&mut s, "R03", "", Some(r03));
        let d = rules::derive(&s);
        set(
            &mut s,
            "R01B",
            "",
            d.get("R01B", None).map(|v| u64::try_from(v).unwrap()),
        );
        set(&mut s, "R04", "", d.get("R04", None));
        let out = sentences(&s);
        assert_eq!(
            out.assistenti.as_deref(),
            Some(assistenti.as_str()),
            "{r01} {r03}"
        );
        assert_eq!(out.lep, lep, "{r01} {r03}");
        assert_eq!(out.unverified, unverified, "{r01} {r03}");
    }
}

#[test]
fn service_level_sentences() {
    for (ed, users, r05, expected) in [
        (
            Edizione::builtin("SOC25"),
            48,
            "6.62",
            "Nel 2024 il livello di servizio effettivo dell'ente locale è risultato inferiore al livello di servizio di riferimento.",
        ),
        (
            Edizione::builtin("SOC25"),
            216,
            "5.03",
            "Nel 2024 il livello di servizio effettivo dell'ente locale è risultato non inferiore al livello di servizio di riferimento.",
        ),
        (
            Edizione::builtin("SOC26"),
            35,
            "5.08",
            "Nel 2025 il livello di servizio effettivo dell'ente locale è risultato inferiore al livello di servizio di riferimento.",
        ),
        (
            Edizione::builtin("SOC26"),
            50,
            "5.00",
            "Nel 2025 il livello di servizio effettivo dell'ente locale è risultato non inferiore al livello di servizio di riferimento.",
        ),
    ] {
        let s = form(ed, users, r05, "100", ("120", "0"), "0");
        let out = sentences(&s);
        assert_eq!(out.servizi.as_deref(), Some(expected));
        assert_eq!(
            out.servizi_seguito,
            "L'ente locale deve quindi procedere alla compilazione del Quadro 2 di autodiagnosi della spesa per il sociale."
        );
    }
}

#[test]
fn check_accepts_agreeing_values_and_names_disagreeing_ones() {
    let mut s = form(
        Edizione::builtin("SOC25"),
        84,
        "6.62",
        "100",
        ("120", "0"),
        "0",
    );
    set(&mut s, "R03", "", Some(1748));
    set(&mut s, "R01B", "", Some(1748));
    set(&mut s, "R04", "", Some(dec("4.81")));
    set(&mut s, "R09", "", Some(dec("0.00")));
    assert_eq!(rules::check(&s), vec![]);

    // More printed decimals than the rule: within one unit of the last one.
    set(&mut s, "R04", "", Some(dec("4.805491")));
    assert_eq!(rules::check(&s), vec![]);
    set(&mut s, "R04", "", Some(dec("4.80")));
    let found = rules::check(&s);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].code, "R04");
    assert_eq!(found[0].printed, "4,80");
    assert_eq!(found[0].computed, "4,81");

    set(&mut s, "R04", "", Some(dec("4.81")));
    set(&mut s, "R0B", "utenti", Some(85));
    set(&mut s, "M12", "media_ore", Some(dec("10.01")));
    let found = rules::check(&s);
    let codes: Vec<_> = found
        .iter()
        .map(|d| (d.code.as_str(), d.printed.as_str(), d.computed.as_str()))
        .collect();
    assert_eq!(codes, vec![("R0B", "85", "84"), ("M12", "10,01", "10,00")]);
}

#[test]
fn integer_means_agree_within_one_unit() {
    let mut s = form(
        Edizione::builtin("SOC25"),
        1131,
        "6.62",
        "100",
        ("120", "0"),
        "0",
    );
    set(&mut s, "M12", "ore", Some(81489));
    set(&mut s, "M12", "media_ore", Some(dec("72")));
    blank(&mut s, "R04", "");
    assert!(rules::check(&s).iter().all(|d| d.code != "M12"));
    // 81489 / 1131 = 72,05: 73 is within one unit, 74 is not.
    set(&mut s, "M12", "media_ore", Some(dec("73")));
    assert!(rules::check(&s).iter().all(|d| d.code != "M12"));
    set(&mut s, "M12", "media_ore", Some(dec("74")));
    assert!(rules::check(&s).iter().any(|d| d.code == "M12"));
}

#[test]
fn recompute_replaces_and_lists_changes() {
    let mut s = form(
        Edizione::builtin("SOC25"),
        84,
        "6.62",
        "100",
        ("120", "0"),
        "0",
    );
    set(&mut s, "R03", "", Some(1748));
    set(&mut s, "R01B", "", Some(1748));
    set(&mut s, "R04", "", Some(dec("33.629149")));
    set(&mut s, "R0B", "utenti", Some(99));
    blank(&mut s, "R09", "");
    let changes = rules::recompute(&mut s);
    let list: Vec<_> = changes
        .iter()
        .map(|c| (c.code.as_str(), c.before.as_str(), c.after.as_str()))
        .collect();
    assert_eq!(
        list,
        vec![
            ("R0B", "99", "84"),
            ("R04", "33,629149", "4,81"),
            ("R09", "(vuoto)", "0,00")
        ]
    );
    assert_eq!(int_of(&s, "R0B", "utenti"), Some(84));
    assert_eq!(dec_of(&s, "R04", ""), Some(dec("4.81")));
    assert_eq!(rules::check(&s), vec![]);
    assert!(
        rules::recompute(&mut s).is_empty(),
        "a second pass changes nothing"
    );
}

#[test]
fn overridden_catalogue_is_used() {
    let dir = std::env::temp_dir().join(format!("scheda-catalogue-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("sentences")).unwrap();
    let builtin = include_str!("../../templates/sentences/SOC25.j2");
    let custom = builtin.replace("è risultato nullo.", "è risultato pari a zero.");
    std::fs::write(dir.join("sentences/SOC25.j2"), custom).unwrap();
    let catalogue = scheda::Templates::with_dir(&dir)
        .unwrap()
        .catalogue()
        .clone();
    let mut s = form(
        Edizione::builtin("SOC25"),
        10,
        "1.00",
        "100",
        ("120", "0"),
        "0",
    );
    set(&mut s, "R01", "anno", Some(dec("0.00")));
    let out = rules::sentences::choose(&s, &catalogue).unwrap().value;
    assert_eq!(
        out.assistenti.as_deref(),
        Some("Nel 2024 per il Comune il numero di assistenti sociali è risultato pari a zero.")
    );
    std::fs::remove_dir_all(&dir).ok();
}
