//! `scheda serve`'s HTTP API on a random port: every seed read, rendered to
//! every format and read back; bad bodies get the right 4xx and JSON.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};

use scheda::serve::Options;
use serde_json::Value;

use crate::util::{SEEDS, read_fixture};

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
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// One HTTP/1.1 request (`Connection: close`), the answer read whole.
fn call(addr: SocketAddr, method: &str, path: &str, extra: &[(&str, &str)], body: &[u8]) -> Answer {
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

pub(crate) fn post(addr: SocketAddr, path: &str, body: &[u8]) -> Answer {
    call(addr, "POST", path, &[], body)
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
            "truncated text",
            "/api/read?name=x.txt",
            seed[..seed.len() / 2].to_vec(),
            400,
            "not found",
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
    let missing = call(addr, "GET", "/api/nothing", &[], b"");
    assert_eq!(missing.status, 404);
    assert_eq!(missing.json()["error"], "no such page");
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
    let unknown = call(addr, "GET", "/api/editions/SOC99", &[], b"");
    assert_eq!(unknown.status, 404);
    assert_eq!(unknown.json()["error"], "unknown edition `SOC99`");
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
    assert_eq!(refused.json()["error"], "this server asks for a token");
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
    let addr = start(Options::default());
    let downloads = std::env::temp_dir().join(format!("scheda-page-{}", std::process::id()));
    std::fs::create_dir_all(&downloads).unwrap();
    let script = crate::util::fixture("../browser/page.py");
    let mut run = None;
    for python in ["python3", "/usr/bin/python3"] {
        let has_selenium = std::process::Command::new(python)
            .args(["-c", "import selenium"])
            .status()
            .is_ok_and(|s| s.success());
        if has_selenium {
            run = Some(
                std::process::Command::new(python)
                    .arg(&script)
                    .arg(format!("http://{addr}/"))
                    .arg(crate::util::fixture(&format!("{}.txt", SEEDS[1])))
                    .arg(crate::util::fixture(&format!("{}.txt", SEEDS[0])))
                    .arg(&downloads)
                    .args(std::env::var_os("SCHEDA_SCREENSHOTS"))
                    .output()
                    .unwrap(),
            );
            break;
        }
    }
    let Some(run) = run else {
        crate::util::missing_tool(
            "python3 with selenium",
            "python3-selenium",
            std::io::Error::other("no python3 on PATH imports selenium"),
        );
    };
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let seen: Value = serde_json::from_slice(&run.stdout).unwrap();
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
    std::fs::remove_dir_all(&downloads).ok();
    let back = scheda::readers::pdf::read(&pdf).unwrap().value;
    assert_eq!(back.quadro1.M12.utenti, Some(103));
    assert_eq!(back.quadro1.R0B.utenti, Some(1094));
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
