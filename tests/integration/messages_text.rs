//! The messages of the text, JSON and PDF readers, of the limits and of
//! the model's checks, in Italian: `scheda check` under an Italian locale
//! prints each error or warning with its place and its hint in Italian,
//! and under `--lang en` the same in English.

use crate::util::{fixture, p, scheda_in, stderr, tempdir};

/// A seed form as text.
const SEED: &str = "000_67ecfe3c12e4f28c.txt";

/// The seed with its line `from` (trimmed) replaced by `to`.
fn seed_with(from: &str, to: &str) -> String {
    let text = std::fs::read_to_string(fixture(SEED)).unwrap();
    assert!(text.lines().any(|l| l.trim() == from), "no line `{from}`");
    text.lines()
        .map(|l| if l.trim() == from { to } else { l })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The 1-based line of the seed holding `line`.
fn line_of(line: &str) -> usize {
    let text = std::fs::read_to_string(fixture(SEED)).unwrap();
    text.lines().position(|l| l.trim() == line).unwrap() + 1
}

struct Case {
    /// The input's file name (its extension tells its format).
    name: &'static str,
    /// Its bytes.
    bytes: Vec<u8>,
    /// Extra arguments of `scheda check`.
    args: &'static [&'static str],
    /// The first line of standard error, after the file's name is
    /// replaced by `IN`.
    message: String,
    /// The place line (`  --> IN:12`).
    place: String,
    /// The hint line, if any.
    hint: Option<&'static str>,
}

fn cases() -> Vec<Case> {
    let json = |body: &str| {
        format!(r#"{{"schema_version":1,"edizione":"SOC25","anno":2024,{body}}}"#).into_bytes()
    };
    vec![
        Case {
            name: "a.txt",
            bytes: seed_with("3 13 0 0,00", "3 abc 0 0,00").into_bytes(),
            args: &[],
            message: "errore: riga M15: `abc` non è un numero (colonna utenti 2024: serve un numero intero)".into(),
            place: format!("  --> IN:{}", line_of("3 13 0 0,00")),
            hint: None,
        },
        Case {
            name: "b.txt",
            bytes: seed_with("8 36 0 0,00", "8 36 0").into_bytes(),
            args: &[],
            message: "errore: riga M12: valori attesi 4 (utenti 2019, utenti 2024, ore 2024, media ore 2024), trovati 3: `8 36 0`".into(),
            place: format!("  --> IN:{}", line_of("8 36 0 0,00")),
            hint: Some("suggerimento: scrivi tutti i valori della riga, oppure nessuno se la riga è vuota"),
        },
        Case {
            name: "c.txt",
            bytes: seed_with("3 13 0 0,00", "3 -13 0 0,00").into_bytes(),
            args: &[],
            message: "errore: riga M15: serve un numero intero, 0 o più (utenti 2024), trovato `-13`".into(),
            place: format!("  --> IN:{}", line_of("3 13 0 0,00")),
            hint: Some("suggerimento: utenti, ore e abitanti si contano con numeri interi, 0 o più"),
        },
        Case {
            name: "d.txt",
            bytes: seed_with("8 36 0 0,00", "").into_bytes(),
            args: &[],
            message: "avviso: la riga M12 non ha valori: è letta come vuota".into(),
            place: format!("  --> IN:{}", line_of("M12 - Utenti famiglia e minori")),
            hint: Some("suggerimento: la scheda stampa ogni valore di questa riga (0 quando non ce n'è): se la sua riga di valori è andata persa, ricopiala dall'originale"),
        },
        Case {
            name: "e.txt",
            bytes: seed_with("3 13 0 0,00", "3 13 0 0,00").into_bytes(),
            args: &["--limit", "line=10"],
            message: format!(
                "errore: la riga 1 del testo ha {} caratteri: scheda legge al massimo 10 caratteri per riga",
                std::fs::read_to_string(fixture(SEED)).unwrap().lines().next().unwrap().chars().count()
            ),
            place: "  --> IN:1".into(),
            hint: Some("suggerimento: è il file giusto? `--limit line=N` alza il limite"),
        },
        Case {
            name: "f.json",
            bytes: b"{".to_vec(),
            args: &[],
            message: "errore: il file JSON è incompleto: si interrompe alla riga 1, colonna 1".into(),
            place: "  --> IN:1".into(),
            hint: None,
        },
        Case {
            name: "g.json",
            bytes: json(r#""quadro1":{"R04":"abc"}"#),
            args: &[],
            message: "errore: valore non valido: serve un numero, trovato \"abc\"".into(),
            place: "  --> IN: /quadro1/R04".into(),
            hint: None,
        },
        Case {
            name: "h.json",
            bytes: json(r#""quadrox":1"#),
            args: &[],
            message: "errore: campo sconosciuto `quadrox`".into(),
            place: "  --> IN: /quadrox".into(),
            hint: Some("suggerimento: i campi della scheda in JSON sono elencati in docs/model.md: controlla come è scritto"),
        },
        Case {
            name: "i.json",
            bytes: json(r#""ente":{"provincia":"Sondrio"}"#),
            args: &[],
            message: "errore: la provincia `Sondrio` non è una sigla di due lettere come `SO`".into(),
            place: "  --> IN: /ente/provincia".into(),
            hint: None,
        },
        Case {
            name: "j.pdf",
            bytes: b"not a pdf\n".to_vec(),
            args: &[],
            message: "errore: impossibile leggere il PDF (è danneggiato o non è un PDF)".into(),
            place: "  --> IN".into(),
            hint: Some("suggerimento: il file è danneggiato o non è un PDF"),
        },
    ]
}

#[test]
fn text_json_and_pdf_errors_come_out_in_italian_with_place_and_hint() {
    let dir = tempdir("messages-text");
    for case in cases() {
        let path = dir.join(case.name);
        std::fs::write(&path, &case.bytes).unwrap();
        let mut args = vec!["check", p(&path)];
        args.extend(case.args);
        let out = scheda_in("it_IT.UTF-8", &args);
        let err = stderr(&out).replace(p(&path), "IN");
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(
            lines.first().copied(),
            Some(case.message.as_str()),
            "{}: {err}",
            case.name
        );
        assert_eq!(
            lines.get(1).copied(),
            Some(case.place.as_str()),
            "{}: {err}",
            case.name
        );
        assert_eq!(
            lines
                .get(2)
                .filter(|l| l.starts_with("suggerimento: "))
                .copied(),
            case.hint,
            "{}: {err}",
            case.name
        );
        // In English, the same place and no Italian word.
        args.extend(["--lang", "en"]);
        let out = scheda_in("it_IT.UTF-8", &args);
        let en = stderr(&out).replace(p(&path), "IN");
        assert!(
            en.starts_with("error: ") || en.starts_with("warning: "),
            "{}: {en}",
            case.name
        );
        assert_eq!(
            en.lines().nth(1),
            Some(case.place.as_str()),
            "{}: {en}",
            case.name
        );
        assert!(
            !en.contains("riga") && !en.contains("valore"),
            "{}: {en}",
            case.name
        );
    }
}
