//! `scheda serve`'s HTTP API on a random port: every seed read, rendered to
//! every format and read back; bad bodies get the right 4xx and JSON.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::OnceLock;

use scheda::serve::Options;
use serde_json::Value;

use crate::util::{SEEDS, int_of, read_fixture};

/// Start a server on a free port of the loopback address, in a thread of
/// its own; its address.
pub(crate) fn start(options: Options) -> SocketAddr {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            tx.send(listener.local_addr().unwrap()).unwrap();
            scheda::serve::serve(listener, &options).await.unwrap();
        });
    });
    rx.recv().unwrap()
}

/// An answer: status, headers (lower-case names), body.
pub(crate) struct Answer {
    pub(crate) status: u16,
    headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
}

impl Answer {
    pub(crate) fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// One HTTP/1.1 request (`Connection: close`), the answer read whole.
pub(crate) fn call(
    addr: SocketAddr,
    method: &str,
    path: &str,
    extra: &[(&str, &str)],
    body: &[u8],
) -> Answer {
    let mut stream = TcpStream::connect(addr).unwrap();
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in extra {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    // The server may answer (413) before reading a large body.
    let _ = stream.write_all(body);
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a response head");
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let mut lines = head.lines();
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    if headers
        .iter()
        .any(|(n, v)| n == "transfer-encoding" && v == "chunked")
    {
        body = unchunk(&body);
    }
    Answer {
        status,
        headers,
        body,
    }
}

fn unchunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(end) = data.windows(2).position(|w| w == b"\r\n") {
        let size =
            usize::from_str_radix(std::str::from_utf8(&data[..end]).unwrap().trim(), 16).unwrap();
        if size == 0 {
            break;
        }
        out.extend_from_slice(&data[end + 2..end + 2 + size]);
        data = &data[end + 2 + size + 2..];
    }
    out
}

/// `POST` asking for English answers (the API answers Italian by default;
/// the tests that read the API's messages read its English catalogue).
pub(crate) fn post(addr: SocketAddr, path: &str, body: &[u8]) -> Answer {
    call(addr, "POST", path, &[("Accept-Language", "en")], body)
}

fn expected(name: &str) -> Value {
    serde_json::from_slice(&read_fixture(&format!("{name}.expected.json"))).unwrap()
}

#[test]
fn every_seed_is_read_rendered_to_every_format_and_read_back() {
    let addr = start(Options::default());
    for name in SEEDS {
        let read = post(
            addr,
            &format!("/api/read?name={name}.txt"),
            &read_fixture(&format!("{name}.txt")),
        );
        assert_eq!(
            read.status,
            200,
            "{name}: {}",
            String::from_utf8_lossy(&read.body)
        );
        let answer = read.json();
        let form = &answer["forms"][0];
        assert_eq!(form, &expected(name), "{name}");
        assert!(
            answer["check"][0]["outcomes"].is_object(),
            "{name}: {answer}"
        );
        let model = serde_json::to_vec(form).unwrap();
        for to in ["pdf", "xlsx", "json", "txt"] {
            let file = post(addr, &format!("/api/render?to={to}"), &model);
            assert_eq!(
                file.status,
                200,
                "{name} {to}: {}",
                String::from_utf8_lossy(&file.body)
            );
            let disposition = file.header("content-disposition").unwrap_or_default();
            assert!(
                disposition.starts_with("attachment; filename="),
                "{disposition}"
            );
            assert!(disposition.contains(&format!(".{to}")), "{disposition}");
            let back = post(addr, &format!("/api/read?name=back.{to}"), &file.body);
            assert_eq!(
                back.status,
                200,
                "{name} {to}: {}",
                String::from_utf8_lossy(&back.body)
            );
            let mut again = back.json()["forms"][0].clone();
            let mut original = form.clone();
            // Every format, JSON too, holds the means with the form's two
            // decimals (seed 004's are whole numbers).
            settle(&mut again);
            settle(&mut original);
            assert_eq!(again, original, "{name}: {to} does not read back");
        }
    }
}

/// A model as the form prints it: each derived value at the form's
/// precision (the means with two decimals).
fn settle(v: &mut Value) {
    let mut s = scheda::readers::json::read(&serde_json::to_vec(v).unwrap())
        .unwrap()
        .value;
    scheda::rules::settle_precision(&mut s);
    *v = serde_json::from_slice(&scheda::writers::json::write(&s).unwrap()).unwrap();
}

#[test]
fn check_answers_the_report_and_the_computed_form() {
    let addr = start(Options::default());
    let mut form = expected(SEEDS[0]);
    form["quadro1"]["R0B"]["utenti"] = Value::from(1);
    let answer = post(addr, "/api/check", &serde_json::to_vec(&form).unwrap());
    assert_eq!(
        answer.status,
        200,
        "{}",
        String::from_utf8_lossy(&answer.body)
    );
    let answer = answer.json();
    assert_eq!(
        answer["check"]["consistent"],
        Value::Bool(false),
        "{answer}"
    );
    let d = &answer["check"]["discrepancies"][0];
    assert_eq!(d["code"], "R0B", "{answer}");
    assert_eq!(
        answer["computed"]["quadro1"]["R0B"],
        expected(SEEDS[0])["quadro1"]["R0B"]
    );
}

#[test]
fn bad_bodies_get_a_4xx_with_the_error_in_json() {
    let addr = start(Options {
        max_upload: 64 * 1024,
        ..Options::default()
    });
    let seed = read_fixture(&format!("{}.txt", SEEDS[0]));
    let pdf = post(
        addr,
        "/api/render?to=pdf",
        &read_fixture(&format!("{}.expected.json", SEEDS[0])),
    )
    .body;
    let cases: Vec<(&str, &str, Vec<u8>, u16, &str)> = vec![
        (
            "empty",
            "/api/read?name=x.txt",
            Vec::new(),
            400,
            "the request has no body",
        ),
        (
            "binary",
            "/api/read?name=x.pdf",
            vec![0, 159, 146, 150, 255, 0, 1],
            400,
            "failed to read the PDF",
        ),
        (
            "truncated PDF",
            "/api/read?name=x.pdf",
            pdf[..pdf.len() / 3].to_vec(),
            400,
            "PDF",
        ),
        (
            "not a form",
            "/api/read?name=x.txt",
            seed[..seed.len() / 50].to_vec(),
            400,
            "is not a SOC25/SOC26 form",
        ),
        (
            "over the limit",
            "/api/read?name=x.txt",
            vec![b'x'; 200 * 1024],
            413,
            "larger than the server accepts (64 KB)",
        ),
        (
            "wrong to",
            "/api/render?to=docx",
            b"{}".to_vec(),
            400,
            "unknown format `docx`",
        ),
        ("no to", "/api/render", b"{}".to_vec(), 400, "missing `to`"),
        (
            "not a model",
            "/api/render?to=pdf",
            b"{\"nonsense\": 1}".to_vec(),
            400,
            "",
        ),
        (
            "unknown extension",
            "/api/read?name=x.docx",
            b"abc".to_vec(),
            415,
            "cannot tell the format",
        ),
    ];
    for (what, path, body, status, needle) in cases {
        let answer = post(addr, path, &body);
        assert_eq!(
            answer.status,
            status,
            "{what}: {}",
            String::from_utf8_lossy(&answer.body)
        );
        let json = answer.json();
        let error = json["error"]
            .as_str()
            .unwrap_or_else(|| panic!("{what}: {json}"));
        assert!(error.contains(needle), "{what}: {json}");
        assert!(
            json.get("hint").is_some() && json.get("location").is_some(),
            "{what}: {json}"
        );
    }
    // A text cut in half reads in part (issue 19, point 4): the rows that
    // read, and the error of those that do not.
    let half = post(addr, "/api/read?name=x.txt", &seed[..seed.len() / 2]);
    assert_eq!(half.status, 200);
    let json = half.json();
    assert_eq!(json["partial"], true);
    let error = json["errors"][0]["message"].as_str().unwrap();
    assert!(error.contains("not found"), "{json}");
    let missing = call(
        addr,
        "GET",
        "/api/nothing",
        &[("Accept-Language", "en")],
        b"",
    );
    assert_eq!(missing.status, 404);
    assert_eq!(missing.json()["error"], "no such page");
    assert_eq!(missing.json()["code"], "no_such_page");
    // The server is still up.
    assert_eq!(call(addr, "GET", "/api/health", &[], b"").status, 200);
}

#[test]
fn editions_health_and_the_page() {
    let addr = start(Options::default());
    let editions = call(addr, "GET", "/api/editions", &[], b"").json();
    let codes: Vec<&str> = editions
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["codice"].as_str().unwrap())
        .collect();
    assert!(
        codes.contains(&"SOC25") && codes.contains(&"SOC26"),
        "{editions}"
    );
    // What the page lays out: each column with its field's pointer.
    let soc25 = call(addr, "GET", "/api/editions/SOC25", &[], b"").json();
    let m12 = &soc25["quadri"][0]["voci"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["codice"] == "M12")
        .unwrap()["colonne"];
    assert_eq!(m12[1]["pointer"], "/quadro1/M12/utenti", "{m12}");
    assert_eq!(m12[1]["valore"], "intero");
    assert_eq!(m12[3]["derivata"], true, "the mean is computed");
    // The header block's fields, with the form's labels and their pointers.
    let header = &soc25["quadri"][0]["voci"][0];
    assert_eq!(header["voce"], "intestazione");
    let campi: Vec<(&str, &str)> = header["campi"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["etichetta"].as_str().unwrap(),
                c["pointer"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        campi,
        [
            ("Denominazione", "/ente/denominazione"),
            ("Provincia", "/ente/provincia"),
            ("Codice indentificativo", "/ente/codice"),
            ("Data ultima modifica", "/ente/data"),
        ]
    );
    let unknown = call(addr, "GET", "/api/editions/SOC99", &[], b"");
    assert_eq!(unknown.status, 404);
    assert_eq!(unknown.json()["error"], "edizione «SOC99» sconosciuta");
    // Other tests of this process may install more editions.
    let hint = unknown.json()["hint"].as_str().unwrap().to_string();
    assert!(
        hint.starts_with("le edizioni che scheda conosce sono SOC25, SOC26"),
        "{hint}"
    );
    let blank = call(addr, "GET", "/api/template/SOC26", &[], b"").json();
    assert_eq!(blank["edizione"], "SOC26");
    assert_eq!(blank["quadro1"]["M12"]["utenti"], Value::Null);
    let health = call(addr, "GET", "/api/health", &[], b"").json();
    assert_eq!(health["status"], "ok");
    assert_eq!(health["open_to_network"], false);
    let page = call(addr, "GET", "/", &[], b"");
    assert_eq!(page.status, 200);
    let html = String::from_utf8_lossy(&page.body);
    assert!(
        html.contains("<html lang=\"it\">") && html.contains("/api/read"),
        "{html}"
    );
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "the page loads nothing from the network"
    );
}

#[test]
fn a_token_is_asked_for_when_the_server_has_one() {
    let addr = start(Options {
        token: Some("s3greto".into()),
        ..Options::default()
    });
    let refused = call(addr, "GET", "/api/health", &[], b"");
    assert_eq!(refused.status, 401);
    assert_eq!(
        refused.json()["error"],
        "questo server chiede una chiave di accesso"
    );
    assert_eq!(refused.json()["code"], "token_required");
    let english = call(
        addr,
        "GET",
        "/api/health",
        &[("Accept-Language", "en")],
        b"",
    );
    assert_eq!(english.json()["error"], "this server asks for a token");
    let bearer = call(
        addr,
        "GET",
        "/api/health",
        &[("Authorization", "Bearer s3greto")],
        b"",
    );
    assert_eq!(bearer.status, 200);
    assert_eq!(
        call(addr, "GET", "/api/health?token=s3greto", &[], b"").status,
        200
    );
    // The page itself opens, and takes the token from its address.
    assert_eq!(call(addr, "GET", "/", &[], b"").status, 200);
}

/// The scenarios of `tests/browser/page.py`, in two groups: each group runs
/// once per test binary, in one browser (a fresh page for each scenario),
/// and the two groups in parallel; a test reads its scenarios' records. A
/// scenario of no group runs alone.
const BROWSER_GROUPS: [&[&str]; 2] = [
    &[
        "modifica",
        "stampati",
        "non_validi",
        "numeri",
        "zip",
        "confronta",
    ],
    &[
        "vuota",
        "accesso",
        "telefono",
        "server_assente",
        "in_parte",
        "errori",
    ],
];

/// What `tests/browser/page.py` saw running `scenari` (each scenario's
/// record; its downloads are named in it), from the run of their group. A
/// scenario that stopped fails the test with its error.
fn in_a_browser(scenari: &[&str]) -> Value {
    static RUNS: [OnceLock<Value>; 2] = [OnceLock::new(), OnceLock::new()];
    let group = BROWSER_GROUPS
        .iter()
        .position(|g| scenari.iter().all(|s| g.contains(s)));
    let seen = match group {
        Some(i) => RUNS[i]
            .get_or_init(|| run_in_browser(BROWSER_GROUPS[i], &format!("gruppo{i}")))
            .clone(),
        None => run_in_browser(scenari, &scenari.join("-")),
    };
    for name in scenari {
        assert!(
            seen.get(name).is_some(),
            "scenario {name} did not run: {seen}"
        );
        assert!(
            seen[name].get("errore").is_none(),
            "scenario {name} stopped: {}",
            seen[name]
        );
    }
    seen
}

/// Runs `scenari` in headless Chromium on a fresh server, with the files
/// they drop and the downloads in a temporary folder named by `tag`.
fn run_in_browser(scenari: &[&str], tag: &str) -> Value {
    let addr = start(Options::default());
    let dir = std::env::temp_dir().join(format!("scheda-page-{}-{tag}", std::process::id()));
    let downloads = dir.join("downloads");
    std::fs::create_dir_all(&downloads).unwrap();
    // Seed 001 with three printed derived values changed (issue 19, bug 1).
    let mut wrong = expected(SEEDS[1]);
    wrong["quadro1"]["R0B"]["utenti"] = Value::from(999);
    wrong["quadro1"]["M15"]["media_ore"] = serde_json::from_str("460.00").unwrap();
    wrong["quadro1"]["R04"] = serde_json::from_str("21.00").unwrap();
    std::fs::write(
        dir.join("sbagliata.json"),
        serde_json::to_vec(&wrong).unwrap(),
    )
    .unwrap();
    std::fs::write(dir.join("rotto.pdf"), b"%PDF-1.7 not really").unwrap();
    // Seed 001 without row M15: it reads only in part (issue 19, point 4).
    std::fs::write(dir.join("senza-m15.txt"), crate::partial::without_m15()).unwrap();
    let bad = bad_files(&dir);
    let seed = |i: usize| crate::util::fixture(&format!("{}.txt", SEEDS[i]));
    let config = serde_json::json!({
        "bad": bad,
        "url": format!("http://{addr}/"),
        "seed000": seed(0), "seed001": seed(1), "seed003": seed(3), "seed004": seed(4),
        "wrong": dir.join("sbagliata.json"),
        "broken": dir.join("rotto.pdf"),
        "partial": dir.join("senza-m15.txt"),
        "downloads": downloads,
        "screenshots": std::env::var_os("SCHEDA_SCREENSHOTS").map(|p| p.to_string_lossy().to_string()),
        "scenari": scenari,
    });
    std::fs::write(dir.join("config.json"), config.to_string()).unwrap();
    let script = crate::util::fixture("../browser/page.py");
    let python = ["python3", "/usr/bin/python3"].into_iter().find(|python| {
        std::process::Command::new(python)
            .args(["-c", "import selenium"])
            .status()
            .is_ok_and(|s| s.success())
    });
    let Some(python) = python else {
        crate::util::missing_tool(
            "python3 with selenium",
            "python3-selenium",
            std::io::Error::other("no python3 on PATH imports selenium"),
        );
    };
    let run = std::process::Command::new(python)
        .arg(&script)
        .arg(dir.join("config.json"))
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    serde_json::from_slice(&run.stdout).unwrap()
}

/// Files of the bad-input corpus (`bad_inputs.rs`), written in `dir`: each
/// name (its extension is the kind of file the page says) and its path.
fn bad_files(dir: &std::path::Path) -> Vec<(String, std::path::PathBuf)> {
    let text = String::from_utf8(read_fixture(&format!("{}.txt", SEEDS[0]))).unwrap();
    let json = String::from_utf8(read_fixture(&format!("{}.expected.json", SEEDS[0]))).unwrap();
    let (m18, m21) = (
        text.find("M18 - Utenti con dipendenze").unwrap(),
        text.find("M21 - Utenti anziani").unwrap(),
    );
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("non-scheda.txt", b"Lorem ipsum\ndolor sit amet\n".to_vec()),
        (
            "senza-m18.txt",
            format!("{}{}", &text[..m18], &text[m21..]).into_bytes(),
        ),
        (
            "utenti-negativi.json",
            json.replacen("\"utenti_2019\": 8", "\"utenti_2019\": -8", 1)
                .into_bytes(),
        ),
        ("vuoto.txt", Vec::new()),
        (
            "lettera.docx",
            read_fixture("spreadsheets/refused-word.docx"),
        ),
    ];
    files
        .into_iter()
        .map(|(name, bytes)| {
            let path = dir.join(name);
            std::fs::write(&path, bytes).unwrap();
            (name.to_string(), path)
        })
        .collect()
}

/// The page in headless Chromium, driven as a clerk would
/// (`tests/browser/page.py`): seed 001's text dropped on it shows R0B and
/// R04 as the seed prints them; changing M12's users of the reporting year
/// moves R0B and R04; the PDF downloaded reads back with the new values; and
/// on seed 000 raising M12 turns the Quadro 1 sentence about the service
/// level from "inferiore" to "non inferiore" (seed 001's R04 is far above
/// R05: no value of M12 can turn it).
#[test]
#[cfg_attr(
    all(not(has_chromedriver), not(ci)),
    ignore = "needs chromium, chromedriver and python3 with selenium: apt-get install chromium chromium-driver python3-selenium"
)]
fn the_page_in_a_browser() {
    let seen = in_a_browser(&["modifica"]);
    let seen = &seen["modifica"];
    let seed = expected(SEEDS[1]);
    assert_eq!(
        seen["r0b_before"],
        seed["quadro1"]["R0B"]["utenti"].to_string(),
        "{seen}"
    );
    assert_eq!(seen["r04_before"], "21,62", "{seen}");
    assert_eq!(seen["r0b_after"], "1094", "{seen}");
    assert_eq!(seen["r04_after"], "23,79", "{seen}");
    assert_eq!(
        seen["status"],
        "Tutti i valori derivati sono coerenti con le regole del modulo."
    );
    let pdf = std::fs::read(seen["download"].as_str().unwrap()).unwrap();
    let back = scheda::readers::pdf::read(&pdf).unwrap().value;
    assert_eq!(int_of(&back, "M12", "utenti"), Some(103));
    assert_eq!(int_of(&back, "R0B", "utenti"), Some(1094));
    assert!(
        seen["sentence_before"]
            .as_str()
            .unwrap()
            .contains("è risultato inferiore"),
        "{seen}"
    );
    assert!(
        seen["sentence_after"]
            .as_str()
            .unwrap()
            .contains("è risultato non inferiore"),
        "{seen}"
    );
}

/// Issue 23: a form being edited lists what the clerk changed since it was
/// loaded (field, before, after), above the downloads, and nothing once the
/// change is undone; "Confronta" on seed 001 and the same form with three
/// printed derived values changed lists those three.
#[test]
#[cfg_attr(
    all(not(has_chromedriver), not(ci)),
    ignore = "needs chromium, chromedriver and python3 with selenium: apt-get install chromium chromium-driver python3-selenium"
)]
fn the_page_lists_the_changes_and_compares_two_files() {
    let seen = in_a_browser(&["confronta"]);
    let seen = &seen["confronta"];
    assert_eq!(seen["modifiche_all_inizio"], false, "{seen}");
    let rows: Vec<Vec<String>> = serde_json::from_value(seen["modifiche"].clone()).unwrap();
    let m12 = ["M12 - Numero di utenti serviti - 2024", "3", "103"].map(String::from);
    assert!(rows.contains(&m12.to_vec()), "{seen}");
    let r0b = ["R0B - Numero di utenti serviti - 2024", "994", "1094"].map(String::from);
    assert!(rows.contains(&r0b.to_vec()), "{seen}");
    assert_eq!(
        seen["modifiche_titolo"],
        format!("{} campi modificati rispetto al file caricato", rows.len())
    );
    assert_eq!(seen["sopra_i_download"], true);
    assert_eq!(seen["modifiche_annullate"], true, "{seen}");
    let table: Vec<Vec<String>> = serde_json::from_value(seen["confronto"].clone()).unwrap();
    let computed: Vec<(&str, &str, &str)> = table
        .iter()
        .filter(|r| r[0] == "Valore calcolato")
        .map(|r| (r[1].as_str(), r[4].as_str(), r[5].as_str()))
        .collect();
    assert_eq!(
        computed,
        [
            ("M15", "461,88", "460,00"),
            ("R0B", "994", "999"),
            ("R04", "21,62", "21,00")
        ],
        "{seen}"
    );
    assert!(
        !table.iter().any(|r| r[0] == "Campo"),
        "no input differs: {seen}"
    );
}

/// Issue 19, bug 1: seed 001 with R0B 999, M15's mean 460,00 and R04 21,00
/// opens with the three values as printed, each marked with the computed
/// one; the status counts them; one click on R04's correction takes the
/// computed value there alone.
#[test]
#[cfg_attr(
    all(not(has_chromedriver), not(ci)),
    ignore = "needs chromium, chromedriver and python3 with selenium: apt-get install chromium chromium-driver python3-selenium"
)]
fn the_page_keeps_printed_values_that_disagree() {
    let seen = in_a_browser(&["stampati"]);
    let seen = &seen["stampati"];
    for (name, printed, computed) in [
        ("r0b", "999", "994"),
        ("m15", "460,00", "461,88"),
        ("r04", "21,00", "21,62"),
    ] {
        assert_eq!(seen[name], printed, "{seen}");
        let campo = &seen[format!("{name}_campo")];
        assert!(
            campo["classes"].as_str().unwrap().contains("mismatch"),
            "{seen}"
        );
        let nota = campo["nota"].as_str().unwrap();
        assert!(
            nota.contains(&format!("Valore stampato {printed}"))
                && nota.contains(&format!("valore calcolato {computed}")),
            "{nota}"
        );
    }
    let status = seen["status"]["text"].as_str().unwrap();
    assert!(
        status.contains("3 valori stampati non coerenti") && status.contains("R0B, M15, R04"),
        "{status}"
    );
    assert_eq!(seen["status"]["classes"], "status ko", "{seen}");
    assert_eq!(seen["r04_corretto"], "21,62", "{seen}");
    assert_eq!(
        seen["r0b_dopo"], "999",
        "the other values stay as printed: {seen}"
    );
    assert!(
        seen["status_dopo"]["text"]
            .as_str()
            .unwrap()
            .contains("2 valori stampati non coerenti"),
        "{seen}"
    );
}

/// Issue 19, bug 2: `1.234,5` typed into M12's users is no whole number: the
/// field holds no value (R0B, which needs it, goes blank instead of following
/// the first keystroke), the status names the field, the downloads are
/// disabled and refuse with the list. `1.234` there is 1234, and the JSON
/// downloaded then holds it.
#[test]
#[cfg_attr(
    all(not(has_chromedriver), not(ci)),
    ignore = "needs chromium, chromedriver and python3 with selenium: apt-get install chromium chromium-driver python3-selenium"
)]
fn the_page_gives_no_value_to_an_invalid_field() {
    let seen = in_a_browser(&["non_validi"]);
    let seen = &seen["non_validi"];
    assert!(
        seen["m12"]["classes"].as_str().unwrap().contains("invalid"),
        "{seen}"
    );
    assert!(
        seen["m12"]["nota"]
            .as_str()
            .unwrap()
            .contains("numero intero"),
        "{seen}"
    );
    assert_eq!(seen["r0b"], "", "{seen}");
    let status = seen["status"]["text"].as_str().unwrap();
    assert!(
        status.contains("1 campo non valido: M12 - Numero di utenti serviti - 2024"),
        "{status}"
    );
    assert_eq!(seen["status"]["classes"], "status ko");
    assert_eq!(seen["pdf_disabilitato"], true, "{seen}");
    assert!(
        seen["rifiuto"]
            .as_str()
            .unwrap_or("")
            .contains("M12 - Numero di utenti serviti - 2024"),
        "{seen}"
    );
    assert_eq!(
        seen["scaricati_con_errore"],
        serde_json::json!([]),
        "{seen}"
    );
    let seed = expected(SEEDS[1]);
    let r0b = seed["quadro1"]["R0B"]["utenti"].as_u64().unwrap()
        - seed["quadro1"]["M12"]["utenti"].as_u64().unwrap()
        + 1234;
    assert_eq!(seen["m12_migliaia"]["classes"], "colonna", "{seen}");
    assert_eq!(seen["r0b_migliaia"], r0b.to_string(), "{seen}");
    let json: Value =
        serde_json::from_slice(&std::fs::read(seen["json"].as_str().unwrap()).unwrap()).unwrap();
    assert_eq!(json["quadro1"]["M12"]["utenti"], 1234);
    assert_eq!(json["quadro1"]["R0B"]["utenti"], r0b);
}

/// Issue 19, bug 3: in R01, a decimal field, `1.5` and `1,5` are one and a
/// half (R01B = R03 / 1,5, not R03 / 15); `2.500` there could be either, so
/// the field says what it expects and holds no value.
#[test]
#[cfg_attr(
    all(not(has_chromedriver), not(ci)),
    ignore = "needs chromium, chromedriver and python3 with selenium: apt-get install chromium chromium-driver python3-selenium"
)]
fn the_page_reads_numbers_as_a_clerk_types_them() {
    let seen = in_a_browser(&["numeri"]);
    let seen = &seen["numeri"];
    let seed = expected(SEEDS[1]);
    let r03 = seed["quadro1"]["R03"].as_u64().unwrap();
    assert_eq!(
        seed["quadro1"]["R01A"].as_f64(),
        Some(0.0),
        "the seed has no R01A"
    );
    // Half-up to an integer, as rule 3 (docs/form.md#r01b).
    let r01b = (r03 * 2 + 1) / 3;
    for name in ["punto", "virgola"] {
        assert_eq!(seen[name]["r01b"], r01b.to_string(), "{name}: {seen}");
        assert_eq!(seen[name]["campo"]["classes"], "colonna", "{seen}");
        assert!(
            seen[name]["sentences"][0]
                .as_str()
                .unwrap()
                .contains(&format!("1 ogni {r01b} abitanti")),
            "{seen}"
        );
    }
    let ambiguo = &seen["ambiguo"]["campo"];
    assert!(
        ambiguo["classes"].as_str().unwrap().contains("invalid"),
        "{seen}"
    );
    assert!(
        ambiguo["nota"]
            .as_str()
            .unwrap()
            .contains("2500 oppure 2,500"),
        "{seen}"
    );
}

/// Issue 19, bug 4 and the many files: two seeds and a broken file dropped
/// open in the order dropped under a summary (one line each, the failure
/// with its reason); M12 changed in Sondrio's form; the ZIP from the summary
/// holds Sondrio's PDF with the change. A form collapses and closes.
#[test]
#[cfg_attr(
    all(not(has_chromedriver), not(ci)),
    ignore = "needs chromium, chromedriver and python3 with selenium: apt-get install chromium chromium-driver python3-selenium"
)]
fn the_zip_is_made_of_the_forms_on_the_page() {
    let seen = in_a_browser(&["zip"]);
    let seen = &seen["zip"];
    let righe: Vec<&str> = seen["riepilogo"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect();
    assert_eq!(righe.len(), 3, "{seen}");
    assert!(
        righe[0].starts_with(&format!("{}.txt — CUMIGNANO SUL NAVIGLIO", SEEDS[3])),
        "{seen}"
    );
    assert!(
        righe[1].starts_with(&format!("{}.txt — SONDRIO", SEEDS[4])),
        "{seen}"
    );
    assert!(righe[2].starts_with("rotto.pdf — non letto: "), "{seen}");
    assert_eq!(seen["riepilogo_sopra"], true);
    assert!(
        seen["titoli"][0].as_str().unwrap().starts_with("CUMIGNANO"),
        "{seen}"
    );
    assert!(
        seen["titoli"][1].as_str().unwrap().starts_with("SONDRIO"),
        "{seen}"
    );
    assert_eq!(seen["compressa"], true);
    assert_eq!(seen["schede_dopo_chiusura"], 1);
    assert_eq!(seen["dopo_chiusura"].as_array().unwrap().len(), 2, "{seen}");
    let bytes = std::fs::read(seen["zip"].as_str().unwrap()).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut pdf = Vec::new();
    std::io::Read::read_to_end(&mut zip.by_name("SONDRIO.pdf").unwrap(), &mut pdf).unwrap();
    let back = scheda::readers::pdf::read(&pdf).unwrap().value;
    assert_eq!(int_of(&back, "M12", "utenti"), seen["m12_sondrio"].as_u64());
    assert!(zip.by_name("CUMIGNANO SUL NAVIGLIO.pdf").is_ok());
}

/// Issue 19, point 6: a blank form concludes nothing: the status is not
/// green and says which rows are missing; no sentence that the values decide
/// is shown, each says what it waits for. A blank R0E shows what the paper
/// prints (`NON CALCOLABILE`).
#[test]
#[cfg_attr(
    all(not(has_chromedriver), not(ci)),
    ignore = "needs chromium, chromedriver and python3 with selenium: apt-get install chromium chromium-driver python3-selenium"
)]
fn a_blank_form_says_what_is_missing() {
    let seen = in_a_browser(&["vuota"]);
    let seen = &seen["vuota"];
    let status = seen["status"]["text"].as_str().unwrap();
    assert_ne!(seen["status"]["classes"], "status ok", "{seen}");
    assert!(status.starts_with("Per concludere mancano: "), "{status}");
    for row in ["R03", "R05", "R06, R07", "R01"] {
        assert!(status.contains(row), "{row}: {status}");
    }
    let text = seen["sentences"].to_string();
    assert!(!text.contains("procedere alla compilazione"), "{text}");
    assert!(text.contains("Frase non ancora determinata"), "{text}");
    // What the paper prints for a blank R0E.
    assert_eq!(seen["r0e_vuoto"], "NON CALCOLABILE", "{seen}");
}

/// Issue 19, point 7: every input is named by its row and column, the drop
/// zone is the first stop of the keyboard and opens the file chooser with
/// Enter and Space, computed fields are read-only, and axe-core finds no
/// serious or critical violation with a form loaded; at 390 px the page
/// does not scroll sideways and the labels stand above the inputs.
#[test]
#[cfg_attr(
    all(not(has_chromedriver), not(ci)),
    ignore = "needs chromium, chromedriver and python3 with selenium: apt-get install chromium chromium-driver python3-selenium"
)]
fn the_page_for_every_clerk() {
    let seen = in_a_browser(&["accesso", "telefono"]);
    let a = &seen["accesso"];
    assert_eq!(a["primo_tab"], "drop", "{a}");
    assert_eq!(a["scelte_da_tastiera"], 2, "{a}");
    assert_eq!(a["nome_m12"], "M12 - Numero di utenti serviti - 2024");
    assert_eq!(a["senza_nome"], 0, "{a}");
    assert_eq!(a["calcolato_sola_lettura"], true);
    let grave: Vec<&Value> = a["axe"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| v["impact"] == "serious" || v["impact"] == "critical")
        .collect();
    assert!(grave.is_empty(), "axe-core: {grave:#?}");
    let t = &seen["telefono"];
    assert!(t["larghezza"].as_u64().unwrap() <= 390, "{t}");
    assert_eq!(t["etichetta_sopra"], true, "{t}");
    assert!(t["larghezza_campo"].as_f64().unwrap() >= 150.0, "{t}");
}

/// Issue 19: when the server stops answering, the page says so at the top
/// and on the form, the downloads are disabled, and a file dropped says it
/// could not be read instead of `Lettura in corso…` for ever.
#[test]
#[cfg_attr(
    all(not(has_chromedriver), not(ci)),
    ignore = "needs chromium, chromedriver and python3 with selenium: apt-get install chromium chromium-driver python3-selenium"
)]
fn the_page_says_when_the_server_is_gone() {
    let seen = in_a_browser(&["server_assente"]);
    let s = &seen["server_assente"];
    assert!(
        s["status"]["text"]
            .as_str()
            .unwrap()
            .starts_with("Il server non risponde"),
        "{s}"
    );
    assert_eq!(s["avviso"], true);
    assert_eq!(s["pdf_disabilitato"], true);
    assert!(
        s["file_senza_server"]
            .to_string()
            .contains("il server non risponde"),
        "{s}"
    );
}

/// Issue 19, point 4: a text without row M15 dropped with seed 000 opens
/// as far as it reads: the rows that read filled, M15's fields blank and
/// marked with the reason (`aria-invalid`, the note that describes them),
/// the status and the summary saying it read in part and how many fields
/// need completing; the downloads work. M15 typed in, the marks go.
#[test]
#[cfg_attr(
    all(not(has_chromedriver), not(ci)),
    ignore = "needs chromium, chromedriver and python3 with selenium: apt-get install chromium chromium-driver python3-selenium"
)]
fn the_page_opens_a_file_that_reads_in_part() {
    let seen = in_a_browser(&["in_parte"]);
    let s = &seen["in_parte"];
    let seed = expected(SEEDS[1]);
    assert_eq!(
        s["m12"],
        seed["quadro1"]["M12"]["utenti"].to_string(),
        "{s}"
    );
    assert_eq!(
        s["m18"],
        seed["quadro1"]["M18"]["utenti"].to_string(),
        "{s}"
    );
    for (pointer, field) in s["m15"].as_object().unwrap() {
        assert_eq!(field["valore"], "", "{pointer}: {s}");
        assert!(
            field["classes"].as_str().unwrap().contains("unread"),
            "{pointer}: {s}"
        );
        assert_eq!(field["aria_invalid"], "true", "{pointer}: {s}");
        let nota = field["nota"].as_str().unwrap();
        assert!(
            nota.starts_with("Da completare: non letto dal file (riga ")
                && nota.contains("riga M15 non trovata"),
            "{pointer}: {nota}"
        );
    }
    let status = s["status"]["text"].as_str().unwrap();
    assert!(
        status.contains("Il file è stato letto solo in parte: 4 campi da completare (riga M15)"),
        "{status}"
    );
    assert_eq!(s["status"]["classes"], "status ko");
    let righe = s["riepilogo"].as_array().unwrap();
    assert!(
        righe[0].as_str().unwrap().starts_with("senza-m15.txt — ")
            && righe[0]
                .as_str()
                .unwrap()
                .contains("letto in parte: 4 campi da completare"),
        "{s}"
    );
    assert_eq!(s["pdf_abilitato"], true, "{s}");
    // Completed by hand: M15's mean follows, no field is marked.
    for (pointer, field) in s["dopo"].as_object().unwrap() {
        assert_eq!(field["classes"], "colonna", "{pointer}: {s}");
        assert_eq!(field["nota"], "", "{pointer}: {s}");
    }
    assert_eq!(
        s["dopo"]["/quadro1/M15/media_ore"]["valore"], "461,88",
        "{s}"
    );
    let after = s["status_dopo"]["text"].as_str().unwrap();
    assert!(!after.contains("da completare"), "{after}");
    assert!(
        after.contains("i campi che mancavano sono stati completati"),
        "{after}"
    );
    assert!(
        !s["riepilogo_dopo"][0]
            .as_str()
            .unwrap()
            .contains("letto in parte"),
        "{s}"
    );
}

/// Issue 20: five files of the bad-input corpus dropped on the page, one at
/// a time: each error shows in Italian (the server's, the readers'), with
/// no English word in it.
#[test]
#[cfg_attr(
    all(not(has_chromedriver), not(ci)),
    ignore = "needs chromium, chromedriver and python3 with selenium: apt-get install chromium chromium-driver python3-selenium"
)]
fn the_page_shows_bad_files_errors_in_italian() {
    let seen = in_a_browser(&["errori"]);
    let s = &seen["errori"];
    let expected: [(&str, &[&str]); 5] = [
        ("non-scheda.txt", &["il testo non è una scheda"]),
        ("senza-m18.txt", &["riga M18 non trovata (cercata dopo M15"]),
        (
            "utenti-negativi.json",
            // The field in the form's words, not as a JSON pointer.
            &["valore non valido", "(Quadro 1, riga M12, utenti 2019)"],
        ),
        ("vuoto.txt", &["Il file non si legge: il file è vuoto"]),
        (
            "lettera.docx",
            &["non si capisce che tipo di file è «lettera.docx»"],
        ),
    ];
    for (name, italian) in expected {
        let texts: Vec<&str> = s[name]
            .as_array()
            .unwrap_or_else(|| panic!("{name}: {s}"))
            .iter()
            .map(|t| t.as_str().unwrap())
            .collect();
        let all = texts.join("\n");
        for italian in italian {
            assert!(all.contains(italian), "{name}: {all}");
        }
        assert!(!all.contains("/quadro1"), "{name}: a JSON pointer in {all}");
        for english in [
            "expected",
            "found",
            "not found",
            "the file",
            "the text",
            "request",
            "body",
            "invalid",
            "cannot",
            "?from",
        ] {
            assert!(!all.contains(english), "{name}: `{english}` in {all}");
        }
    }
}

/// `POST /api/batch`: several files at once, a ZIP of the outputs and the
/// report; a bad file is a row of the report, not a failed request.
#[test]
fn a_batch_of_files_comes_back_as_a_zip_with_the_report() {
    let addr = start(Options::default());
    let boundary = "scheda-test-boundary";
    let mut body = Vec::new();
    let mut part = |name: &str, bytes: &[u8]| {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    };
    part("sondrio.txt", &read_fixture(&format!("{}.txt", SEEDS[4])));
    part(
        "cumignano.json",
        &read_fixture(&format!("{}.expected.json", SEEDS[3])),
    );
    part("rotto.pdf", b"%PDF-1.7 not really");
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    let answer = call(
        addr,
        "POST",
        "/api/batch?to=pdf,json",
        &[(
            "Content-Type",
            &format!("multipart/form-data; boundary={boundary}"),
        )],
        &body,
    );
    assert_eq!(
        answer.status,
        200,
        "{}",
        String::from_utf8_lossy(&answer.body)
    );
    assert_eq!(answer.header("content-type"), Some("application/zip"));
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(answer.body)).unwrap();
    let mut names: Vec<String> = zip.file_names().map(|n| n.unwrap().to_string()).collect();
    names.sort();
    assert_eq!(
        names,
        [
            "CUMIGNANO SUL NAVIGLIO.json",
            "CUMIGNANO SUL NAVIGLIO.pdf",
            "SONDRIO.json",
            "SONDRIO.pdf",
            "report.csv"
        ],
    );
    let mut csv = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("report.csv").unwrap(), &mut csv).unwrap();
    let rows = scheda::batch::report::parse_csv(csv.trim_start_matches('\u{feff}'));
    let statuses: Vec<(&str, &str)> = rows[1..]
        .iter()
        .map(|r| (r[0].as_str(), r[2].as_str()))
        .collect();
    assert_eq!(
        statuses,
        [
            ("sondrio.txt", "ok"),
            ("cumignano.json", "ok"),
            ("rotto.pdf", "failed")
        ],
        "{csv}"
    );
    let mut pdf = Vec::new();
    std::io::Read::read_to_end(&mut zip.by_name("SONDRIO.pdf").unwrap(), &mut pdf).unwrap();
    assert_eq!(
        scheda::readers::pdf::read(&pdf)
            .unwrap()
            .value
            .ente
            .denominazione
            .as_deref(),
        Some("SONDRIO")
    );
}

/// Send a request head declaring `length` bytes and `sent` of them, and keep
/// the connection open (the rest never comes).
fn late_body(addr: SocketAddr, length: usize, sent: usize) -> TcpStream {
    let mut stream = TcpStream::connect(addr).unwrap();
    let head = format!(
        "POST /api/read?from=txt HTTP/1.1\r\nHost: {addr}\r\nContent-Length: {length}\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(&vec![b'x'; sent]).unwrap();
    stream
}

/// The status line of what the server answered on `stream`.
fn status_of(mut stream: TcpStream) -> String {
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).to_string();
    text.lines().next().unwrap_or("").to_string()
        + &text
            .lines()
            .find(|l| l.to_ascii_lowercase().starts_with("retry-after"))
            .map(|l| format!(" | {l}"))
            .unwrap_or_default()
}

/// Issue 19, point 8: a body that does not arrive in time is answered `408`
/// (not `413`); while bodies fill the server's room for bodies, another
/// waits and then gets `503` with `Retry-After`, and `/api/health` answers
/// at once all the while.
#[test]
fn late_bodies_get_408_and_a_full_server_503() {
    let addr = start(Options {
        timeout: std::time::Duration::from_secs(1),
        ..Options::default()
    });
    let late = late_body(addr, 1000, 10);
    assert!(status_of(late).starts_with("HTTP/1.1 408"));

    let max = 8 * 1024 * 1024;
    let addr = start(Options {
        max_upload: max,
        timeout: std::time::Duration::from_secs(30),
        ..Options::default()
    });
    // Four bodies of the largest size fill the room (four of the largest).
    let holders: Vec<TcpStream> = (0..4).map(|_| late_body(addr, max, 1024)).collect();
    std::thread::sleep(std::time::Duration::from_millis(300));
    // Not queued behind the bodies, which hold the room for 30 s (how fast
    // it answers is measured by `examples/load --flood`, not here).
    let started = std::time::Instant::now();
    assert_eq!(call(addr, "GET", "/api/health", &[], b"").status, 200);
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
    let seed = read_fixture(&format!("{}.txt", SEEDS[0]));
    let answer = post(addr, "/api/read?from=txt", &seed);
    assert_eq!(
        answer.status,
        503,
        "{}",
        String::from_utf8_lossy(&answer.body)
    );
    assert_eq!(answer.header("retry-after"), Some("2"));
    drop(holders);
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert_eq!(post(addr, "/api/read?from=txt", &seed).status, 200);
}

/// Issue 19, point 8: with the room for bodies full and as many bodies
/// waiting for it, another is answered `503` with `Retry-After` at once,
/// before a byte of it is read; a client that sends its body whole all the
/// same reads that answer (the server reads the body on and throws it
/// away), not a connection reset.
#[test]
fn a_body_beyond_the_queue_gets_503_before_it_is_read() {
    let max = 4 * 1024 * 1024;
    let addr = start(Options {
        max_upload: max,
        timeout: std::time::Duration::from_secs(30),
        ..Options::default()
    });
    // The room holds four of the largest (16 MB); four more wait.
    let holders: Vec<TcpStream> = (0..8).map(|_| late_body(addr, max, 1024)).collect();
    std::thread::sleep(std::time::Duration::from_millis(300));

    // Only the head: the answer comes without the body (the holders wait
    // 5 s, the body 30 s; the guard is far beyond either).
    let mut head_only = late_body(addr, max, 0);
    head_only
        .set_read_timeout(Some(std::time::Duration::from_secs(20)))
        .unwrap();
    let mut raw = Vec::new();
    let mut buf = [0u8; 4096];
    while !String::from_utf8_lossy(&raw).contains("}") {
        let n = head_only.read(&mut buf).expect("an answer before the body");
        assert!(n > 0, "closed without an answer");
        raw.extend_from_slice(&buf[..n]);
    }
    let text = String::from_utf8_lossy(&raw).to_ascii_lowercase();
    assert!(text.starts_with("http/1.1 503"), "{text}");
    assert!(text.contains("retry-after: 2\r\n"), "{text}");

    // The whole body, written before the answer is read.
    let answer = post(addr, "/api/read?from=txt", &vec![b'x'; max]);
    assert_eq!(answer.status, 503);
    assert_eq!(answer.header("retry-after"), Some("2"));
    drop(holders);
}

/// Issue 20: the API answers in Italian unless the request prefers
/// English, with the same stable `code` either way.
#[test]
fn the_api_speaks_the_language_asked_with_a_stable_code() {
    let addr = start(Options::default());
    let text = b"Lorem ipsum\ndolor sit amet\n";
    let italian = call(addr, "POST", "/api/read?from=txt", &[], text);
    let english = call(
        addr,
        "POST",
        "/api/read?from=txt",
        &[("Accept-Language", "en-US,en;q=0.9")],
        text,
    );
    assert_eq!((italian.status, english.status), (400, 400));
    let (it, en) = (italian.json(), english.json());
    assert_eq!(it["code"], "not_a_form");
    assert_eq!(en["code"], "not_a_form");
    assert!(
        it["error"]
            .as_str()
            .unwrap()
            .starts_with("il testo non è una scheda"),
        "{it}"
    );
    assert!(
        en["error"]
            .as_str()
            .unwrap()
            .starts_with("the text is not a"),
        "{en}"
    );
    assert!(it["hint"].as_str().unwrap().starts_with("fornisci"), "{it}");
}

/// Issue 20: the server's own errors (an empty file, a file of an unknown
/// kind, an address with no page, a format unknown) in Italian when the
/// request asks nothing, in English when it asks for it, with the same
/// `code`; the Italian names no request, body or query.
#[test]
fn the_servers_own_errors_speak_the_language_asked() {
    let addr = start(Options::default());
    /// Method, path, body, status, code, Italian, English.
    type Case = (
        &'static str,
        &'static str,
        &'static [u8],
        u16,
        &'static str,
        &'static str,
        &'static str,
    );
    let cases: [Case; 4] = [
        (
            "POST",
            "/api/read?name=vuoto.txt",
            b"",
            400,
            "empty_body",
            "il file è vuoto",
            "the request has no body",
        ),
        (
            "POST",
            "/api/read?name=lettera.docx",
            b"abc",
            415,
            "unknown_extension",
            "non si capisce che tipo di file è «lettera.docx» dalla sua estensione",
            "cannot tell the format of `lettera.docx` from its extension",
        ),
        (
            "GET",
            "/nessuna/pagina",
            b"",
            404,
            "no_such_page",
            "pagina inesistente",
            "no such page",
        ),
        (
            "POST",
            "/api/render?to=docx",
            b"{}",
            400,
            "unknown_format",
            "tipo di file sconosciuto: «docx»",
            "unknown format `docx`",
        ),
    ];
    for (method, path, body, status, code, it, en) in cases {
        let italian = call(addr, method, path, &[], body);
        let english = call(addr, method, path, &[("Accept-Language", "en-GB")], body);
        assert_eq!((italian.status, english.status), (status, status), "{path}");
        let (i, e) = (italian.json(), english.json());
        assert_eq!(i["code"], code, "{i}");
        assert_eq!(e["code"], code, "{e}");
        assert_eq!(i["error"], it, "{i}");
        assert_eq!(e["error"], en, "{e}");
        let hint = i["hint"].as_str().unwrap();
        assert_ne!(hint, e["hint"].as_str().unwrap(), "{path}");
        for word in ["request", "body", "query", "?from", "richiesta"] {
            assert!(!hint.contains(word), "{path}: {hint}");
        }
    }
    // An Italian request that prefers Italian to English.
    let asked = call(
        addr,
        "POST",
        "/api/read?name=vuoto.txt",
        &[("Accept-Language", "it-IT,it;q=0.9,en;q=0.8")],
        b"",
    );
    assert_eq!(asked.json()["error"], "il file è vuoto");
}
