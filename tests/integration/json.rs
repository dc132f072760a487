//! The canonical JSON model: round trip, exact numbers, and the errors.

use scheda::model::Scheda;
use scheda::readers::json;

fn read_err(text: &str) -> String {
    match json::read(text.as_bytes()) {
        Ok(_) => panic!("expected an error for {text}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn empty_model_round_trips_with_stable_bytes() {
    for ed in crate::util::builtin_editions() {
        let s = Scheda::empty(ed);
        let bytes = scheda::writers::json::write(&s).unwrap();
        let back = json::read(&bytes).unwrap().value;
        assert_eq!(back, s);
        assert_eq!(scheda::writers::json::write(&back).unwrap(), bytes);
    }
}

#[test]
fn amounts_keep_two_decimals_and_exact_digits() {
    let text = r#"{"schema_version":1,"edizione":"SOC25","anno":2024,
        "quadro2":{"R06":1984440.83,"R08":0},"quadro1":{"R04":33.629149,"R01A":1}}"#;
    let s = json::read(text.as_bytes()).unwrap().value;
    let out = String::from_utf8(scheda::writers::json::write(&s).unwrap()).unwrap();
    assert!(out.contains(r#""R06": 1984440.83"#), "{out}");
    assert!(out.contains(r#""R08": 0.00"#), "{out}");
    assert!(out.contains(r#""R04": 33.629149"#), "{out}");
    assert!(out.contains(r#""R01A": 1.00"#), "{out}");
    assert!(!out.contains("R02X"), "SOC25 has no R02X: {out}");
}

#[test]
fn unknown_schema_version_is_refused() {
    let e = read_err(r#"{"schema_version":2,"edizione":"SOC25","anno":2024}"#);
    assert!(e.contains("unsupported schema_version 2"), "{e}");
    assert!(e.contains("/schema_version"), "{e}");
}

#[test]
fn unknown_field_names_its_pointer() {
    let e = read_err(
        r#"{"schema_version":1,"edizione":"SOC25","anno":2024,"quadro1":{"M12":{"utenti":1,"utenza":2}}}"#,
    );
    assert!(e.contains("unknown field `utenza`"), "{e}");
    assert!(e.contains("/quadro1/M12"), "{e}");
}

#[test]
fn invalid_values_are_errors_with_pointers() {
    for (text, needle, pointer) in [
        (
            r#""quadro1":{"M12":{"utenti":-1}}"#,
            "invalid",
            "/quadro1/M12/utenti",
        ),
        (
            r#""quadro1":{"M12":{"ore":2.5}}"#,
            "invalid",
            "/quadro1/M12/ore",
        ),
        (r#""quadro2":{"R06":-5}"#, "negative", "/quadro2/R06"),
        (
            r#""quadro2":{"R08":1.005}"#,
            "more than 2 decimals",
            "/quadro2/R08",
        ),
        (r#""quadro1":{"R02X":1}"#, "only in SOC26", "/quadro1/R02X"),
        (
            r#""quadro4":{"risposte":{"R41":true}}"#,
            "R16 to R39",
            "/quadro4/risposte",
        ),
    ] {
        let doc = format!(r#"{{"schema_version":1,"edizione":"SOC25","anno":2024,{text}}}"#);
        let e = read_err(&doc);
        assert!(e.contains(needle), "{doc}: {e}");
        assert!(e.contains(pointer), "{doc}: {e}");
    }
}

#[test]
fn anno_must_agree_with_edizione() {
    let e = read_err(r#"{"schema_version":1,"edizione":"SOC26","anno":2024}"#);
    assert!(e.contains("does not agree with edizione SOC26"), "{e}");
}

#[test]
fn syntax_errors_name_the_line() {
    let e = read_err("{\n\"schema_version\": 1,\n,\n}");
    assert!(e.contains("failed to parse JSON"), "{e}");
    assert!(e.contains("--> 3"), "{e}");
}

#[test]
fn a_null_answer_is_an_unanswered_question() {
    let s = json::read(
        br#"{"schema_version":1,"edizione":"SOC25","anno":2024,
            "quadro4":{"risposte":{"R20":null,"R21":true}}}"#,
    )
    .unwrap()
    .value;
    let answers: Vec<String> = s.risposte().map(|(q, a)| format!("{q}={a}")).collect();
    assert_eq!(answers, ["R21=true"]);
}
