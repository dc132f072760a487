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

pub(crate) fn expected(name: &str) -> Value {
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

/// Issue 19, point 8: a body that does not arrive within the server's time
/// limit gets `408` (not `413`).
#[test]
fn a_late_body_gets_408() {
    let addr = start(Options {
        timeout: std::time::Duration::from_secs(1),
        ..Options::default()
    });
    let late = late_body(addr, 1000, 10);
    assert!(status_of(late).starts_with("HTTP/1.1 408"));
}

/// Issue 19, point 8: with the room for bodies full and as many bodies
/// waiting for it, another is answered `503` with `Retry-After` at once,
/// before a byte of it is read; a client that sends its body whole all the
/// same reads that answer (the server reads the body on and throws it
/// away), not a connection reset. `/api/health` answers all the while; the
/// bodies gone, the room is free again. (A body that waits for room and
/// gets none in time: `bodies::tests` in the library.)
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

    // Not queued behind the bodies, which hold the room for 30 s (how fast
    // it answers is measured by `examples/load --flood`, not here).
    let started = std::time::Instant::now();
    assert_eq!(call(addr, "GET", "/api/health", &[], b"").status, 200);
    assert!(started.elapsed() < std::time::Duration::from_secs(10));

    // The bodies gone, the room is free again.
    drop(holders);
    let seed = read_fixture(&format!("{}.txt", SEEDS[0]));
    let again = (0..50)
        .map(|_| {
            std::thread::sleep(std::time::Duration::from_millis(100));
            post(addr, "/api/read?from=txt", &seed).status
        })
        .find(|status| *status != 503);
    assert_eq!(again, Some(200));
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
