//! A corpus of bad inputs, each through the command line and the server:
//! a non-zero exit with an `error:` that names the problem, no panic, no
//! output file; a `4xx` with the error in JSON, and the server stays up.

use crate::serve::{post, start};
use crate::util::{SEEDS, read_fixture, scheda};

/// The corpus: a name (its extension says the format), the bytes, and a
/// word the error must hold.
fn corpus() -> Vec<(&'static str, Vec<u8>, &'static str)> {
    let text = String::from_utf8(read_fixture(&format!("{}.txt", SEEDS[0]))).unwrap();
    let json = String::from_utf8(read_fixture(&format!("{}.expected.json", SEEDS[0]))).unwrap();
    let pdf = {
        let model = scheda::readers::json::read(json.as_bytes()).unwrap().value;
        scheda::writers::pdf::write(&model, &Default::default())
            .unwrap()
            .value
    };
    let xlsx = {
        let model = scheda::readers::json::read(json.as_bytes()).unwrap().value;
        scheda::writers::write(&model, scheda::Format::Xlsx, &Default::default())
            .unwrap()
            .value
    };
    let garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let mut cases: Vec<(&str, Vec<u8>, &str)> = Vec::new();
    for name in [
        "empty.txt",
        "empty.json",
        "empty.jsonl",
        "empty.pdf",
        "empty.xlsx",
    ] {
        cases.push((name, Vec::new(), ""));
    }
    for name in [
        "random.txt",
        "random.json",
        "random.jsonl",
        "random.pdf",
        "random.xlsx",
    ] {
        cases.push((name, garbage.clone(), ""));
    }
    cases.extend([
        (
            "truncated.txt",
            text.as_bytes()[..text.len() / 2].to_vec(),
            "not found",
        ),
        (
            "missing-row.txt",
            text.replacen("M15 - Utenti disabili", "", 1).into_bytes(),
            "M15",
        ),
        (
            "letter-in-a-number.txt",
            text.replacen("8 36 0 0,00", "8 3x 0 0,00", 1).into_bytes(),
            "M12",
        ),
        (
            "truncated.json",
            json.as_bytes()[..json.len() / 2].to_vec(),
            "line",
        ),
        (
            "unknown-field.json",
            json.replacen("\"anno\"", "\"annata\": 1, \"anno\"", 1)
                .into_bytes(),
            "annata",
        ),
        (
            "unknown-edition.json",
            json.replacen("\"SOC25\"", "\"SOC99\"", 1).into_bytes(),
            "SOC99",
        ),
        (
            "unknown-schema.json",
            json.replacen("\"schema_version\": 1", "\"schema_version\": 7", 1)
                .into_bytes(),
            "schema",
        ),
        (
            "wrong-type.json",
            json.replacen("\"utenti_2019\": 8", "\"utenti_2019\": \"otto\"", 1)
                .into_bytes(),
            "utenti_2019",
        ),
        (
            "negative-users.json",
            json.replacen("\"utenti_2019\": 8", "\"utenti_2019\": -8", 1)
                .into_bytes(),
            "utenti_2019",
        ),
        (
            "fractional-users.json",
            json.replacen("\"utenti_2019\": 8", "\"utenti_2019\": 8.5", 1)
                .into_bytes(),
            "utenti_2019",
        ),
        (
            "too-large.json",
            json.replacen(
                "\"utenti_2019\": 8",
                "\"utenti_2019\": 99999999999999999999999999",
                1,
            )
            .into_bytes(),
            "utenti_2019",
        ),
        (
            "deep.json",
            format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)).into_bytes(),
            "",
        ),
        ("truncated.pdf", pdf[..pdf.len() / 3].to_vec(), "PDF"),
        (
            "corrupt.pdf",
            pdf.iter()
                .enumerate()
                .map(|(i, b)| {
                    if i > 1000 && i % 97 == 0 {
                        b ^ 0x5a
                    } else {
                        *b
                    }
                })
                .collect(),
            "",
        ),
        (
            "truncated.xlsx",
            xlsx[..xlsx.len() / 2].to_vec(),
            "workbook",
        ),
    ]);
    // Spreadsheets of kinds scheda refuses, and CSV tables it cannot read.
    let lopsided = format!("{}\n{}", "x;".repeat(200_000), "y\n".repeat(200_000));
    cases.extend([
        (
            "apple.numbers",
            read_fixture("spreadsheets/refused-numbers.numbers"),
            "Apple Numbers",
        ),
        (
            "word.docx",
            read_fixture("spreadsheets/refused-word.docx"),
            "Word document",
        ),
        (
            "password.xlsx",
            read_fixture("spreadsheets/refused-password.xlsx"),
            "password",
        ),
        ("lopsided.csv", lopsided.into_bytes(), "too ragged"),
        (
            "mixed-notation.csv",
            b"Comune;M12 Utenti 2024;R06\nA;1;1234.5\nB;2;12,5\n".to_vec(),
            "notation",
        ),
    ]);
    cases
}

#[test]
fn every_bad_input_is_a_clear_error_on_the_command_line() {
    let dir = std::env::temp_dir().join(format!("scheda-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (name, bytes, needle) in corpus() {
        let input = dir.join(name);
        std::fs::write(&input, &bytes).unwrap();
        let output = dir.join(format!("{name}.out.json"));
        let out = scheda(&[
            "convert",
            input.to_str().unwrap(),
            "-o",
            output.to_str().unwrap(),
        ]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        // A damaged PDF may still read (its embedded data, or the pages that
        // remain): then it must be whole and exit 0; anything else an error.
        if out.status.success() {
            assert!(
                name.starts_with("corrupt"),
                "{name}: read without error\n{stderr}"
            );
            continue;
        }
        assert_eq!(out.status.code(), Some(3), "{name}: {stderr}");
        assert!(
            stderr.starts_with("error: ") || stderr.contains("\nerror: "),
            "{name}: {stderr}"
        );
        assert!(
            stderr.contains(needle),
            "{name}: `{needle}` not in\n{stderr}"
        );
        assert!(!stderr.contains("panicked"), "{name}: {stderr}");
        assert!(!output.exists(), "{name}: an output was written");
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// The bad inputs that read in part: the server answers them with the form
/// as far as it reads (issue 19, point 4); the command line refuses them.
const READ_IN_PART: [&str; 7] = [
    "truncated.txt",
    "missing-row.txt",
    "letter-in-a-number.txt",
    "wrong-type.json",
    "negative-users.json",
    "fractional-users.json",
    "too-large.json",
];

#[test]
fn every_bad_input_is_a_4xx_from_the_server_which_stays_up() {
    let addr = start(scheda::serve::Options::default());
    for (name, bytes, needle) in corpus() {
        let answer = post(addr, &format!("/api/read?name={name}"), &bytes);
        let in_part = READ_IN_PART.contains(&name);
        if in_part || answer.status == 200 {
            assert_eq!(answer.status, 200, "{name}");
            let json = answer.json();
            if !in_part {
                assert!(name.starts_with("corrupt"), "{name}: read without error");
                assert!(json.get("partial").is_none(), "{name}: {json}");
                continue;
            }
            // The form as far as it reads, and the error of what does not,
            // in the command line's words, with the fields it left blank.
            assert_eq!(json["partial"], true, "{name}: {json}");
            let errors = json["errors"].as_array().unwrap();
            assert!(!errors.is_empty(), "{name}: {json}");
            assert!(
                errors
                    .iter()
                    .all(|e| e["pointers"].as_array().is_some_and(|p| !p.is_empty())),
                "{name}: {json}"
            );
            assert!(
                json["errors"].to_string().contains(needle),
                "{name}: {json}"
            );
            continue;
        }
        assert!(
            (400..500).contains(&answer.status),
            "{name}: {}",
            answer.status
        );
        let json = answer.json();
        assert!(
            json["error"].as_str().is_some_and(|e| !e.is_empty()),
            "{name}: {json}"
        );
    }
    let seed = read_fixture(&format!("{}.txt", SEEDS[0]));
    assert_eq!(post(addr, "/api/read?name=ok.txt", &seed).status, 200);
}
