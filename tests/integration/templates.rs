//! Two templates values side by side in one process (issue 21): one whose
//! SOC25 description has another title, one that adds a SOC27. Each reads
//! and writes with its own editions; neither changes the other, nor the
//! built-in one.

use scheda::Templates;
use scheda::limits::Limits;
use scheda::model::Scheda;
use scheda::readers::{json, text};

use crate::util::{soc26_as, tempdir};

/// SOC25's title as the directory of `retitled` has it.
const TITLE: &str = "SOC25 - PROVA - SCHEDA DI MONITORAGGIO DEGLI OBIETTIVI DI SERVIZIO 2024";

/// A directory whose SOC25 description prints another title.
fn retitled() -> Templates {
    let dir = tempdir("templates-retitled");
    std::fs::create_dir_all(dir.join("editions")).unwrap();
    let soc25 = scheda::templates::builtin("editions/SOC25.toml")
        .unwrap()
        .replacen(
            "{codice} - SOCIALE - SCHEDA",
            "{codice} - PROVA - SCHEDA",
            1,
        );
    std::fs::write(dir.join("editions/SOC25.toml"), soc25).unwrap();
    Templates::with_dir(&dir).unwrap()
}

/// A directory that adds SOC27 (SOC26 a year on, with a row R02Z), with
/// SOC26's sentences.
fn with_soc27() -> Templates {
    let dir = tempdir("templates-soc27");
    std::fs::create_dir_all(dir.join("editions")).unwrap();
    std::fs::create_dir_all(dir.join("sentences")).unwrap();
    let soc27 = soc26_as("SOC27", "R02Z - di cui Numero di mediatori culturali", &[]);
    std::fs::write(dir.join("editions/SOC27.toml"), soc27).unwrap();
    let sentences = scheda::templates::builtin("sentences/SOC26.j2").unwrap();
    std::fs::write(dir.join("sentences/SOC27.j2"), sentences).unwrap();
    Templates::with_dir(&dir).unwrap()
}

/// The portal text of `s`, written with the sentences of `t`.
fn written(s: &Scheda, t: &Templates) -> String {
    let bytes = scheda::writers::text::write(s, None, t.catalogue())
        .unwrap()
        .value;
    String::from_utf8(bytes).unwrap()
}

#[test]
fn two_templates_values_live_side_by_side() {
    let (a, b, builtin) = (retitled(), with_soc27(), Templates::builtin());
    let limits = Limits::default();
    assert_eq!(a.codes(), "SOC25, SOC26");
    assert_eq!(b.codes(), "SOC25, SOC26, SOC27");
    assert_eq!(builtin.codes(), "SOC25, SOC26");

    // Each value's SOC25 has its own description; B's is the built-in one.
    let (a25, b25) = (a.edizione("SOC25").unwrap(), b.edizione("soc25").unwrap());
    assert_eq!(a25.title(), TITLE);
    assert_ne!(b25.title(), TITLE);
    assert_eq!(b25.title(), builtin.editions()[0].title());

    // A SOC25 form written with A prints A's title, with B the built-in
    // one; each reads back with the value that wrote it, to the same form.
    let (sa, sb) = (Scheda::empty(a25), Scheda::empty(b25));
    let (ta, tb) = (written(&sa, &a), written(&sb, &b));
    assert!(ta.contains(TITLE), "{ta}");
    assert!(!tb.contains(TITLE), "{tb}");
    let back_a = text::read_with(ta.as_bytes(), &limits, &a).unwrap().value;
    let back_b = text::read_with(tb.as_bytes(), &limits, &b).unwrap().value;
    assert_eq!((&back_a, &back_b), (&sa, &sb));
    assert_eq!(back_a.edizione.title(), TITLE);
    assert_ne!(back_b.edizione.title(), TITLE);

    // SOC27 is B's only: A and the built-in value refuse it, naming their
    // own editions.
    let refused = a.edizione("SOC27").unwrap_err().to_string();
    assert!(
        refused.contains("SOC27") && refused.contains("SOC25, SOC26"),
        "{refused}"
    );
    assert!(builtin.find("SOC27").is_none());
    let b27 = b.edizione("SOC27").unwrap();
    assert_eq!(b27.anno(), 2026);
    let mut s27 = Scheda::empty(b27);
    s27.set_valore(
        "R02Z",
        None,
        Some(scheda::model::Valore::Decimale(crate::util::dec("1.50"))),
    )
    .unwrap();
    let model = scheda::writers::json::write(&s27).unwrap();
    assert_eq!(json::read_with(&model, &limits, &b).unwrap().value, s27);
    let e = json::read_with(&model, &limits, &a)
        .unwrap_err()
        .to_string();
    assert!(e.contains("SOC27") && e.contains("/edizione"), "{e}");
    assert!(json::read(&model).is_err());

    // A SOC27 form's portal text reads with B, and with B only.
    let t27 = written(&s27, &b);
    assert_eq!(
        text::read_with(t27.as_bytes(), &limits, &b).unwrap().value,
        s27
    );
    assert!(text::read_with(t27.as_bytes(), &limits, &a).is_err());

    // Building a value again gives the same editions, the same handles.
    let again = with_soc27();
    let same = again.edizione("SOC27").unwrap();
    assert!(std::ptr::eq(same.description(), b27.description()));
}
