//! Hostile files meet limits, with a clear error: a workbook built to
//! inflate to hundreds of megabytes (a zip bomb) is refused before it is
//! read, by the library, the command line and the server; every limit is
//! configurable (`--limit NAME=VALUE`, [`scheda::limits`]).

use std::io::Write;

use crate::util::{scheda, set_relazione};

/// A workbook-looking archive whose one sheet inflates to `mib` MiB of
/// zeros (a few hundred kilobytes on disk).
fn bomb(mib: usize) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    zip.start_file("[Content_Types].xml", options).unwrap();
    zip.write_all(b"<?xml version=\"1.0\"?><Types/>").unwrap();
    zip.start_file("xl/worksheets/sheet1.xml", options).unwrap();
    let zeros = vec![0u8; 1024 * 1024];
    for _ in 0..mib {
        zip.write_all(&zeros).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn a_workbook_that_inflates_past_the_limit_is_refused() {
    let bytes = bomb(200);
    assert!(bytes.len() < 2 * 1024 * 1024, "{} bytes", bytes.len());
    let err = scheda::readers::read(&bytes, scheda::Format::Xlsx)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("the workbook inflates to more than 128 MB (its parts declare 200 MB)"),
        "{err}"
    );

    let path = std::env::temp_dir().join(format!("scheda-bomb-{}.xlsx", std::process::id()));
    std::fs::write(&path, &bytes).unwrap();
    let out = scheda(&["check", path.to_str().unwrap()]);
    std::fs::remove_file(&path).ok();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(
        stderr.contains("error: the workbook inflates to more than 128 MB"),
        "{stderr}"
    );
    assert!(
        stderr.contains("hint: a form's workbook inflates to a few megabytes"),
        "{stderr}"
    );
}

#[test]
fn the_server_refuses_it_too_and_stays_up() {
    let addr = crate::serve::start(scheda::serve::Options::default());
    let answer = crate::serve::post(addr, "/api/read?name=bomba.xlsx", &bomb(200));
    assert_eq!(answer.status, 400);
    let json = answer.json();
    assert!(
        json["error"]
            .as_str()
            .is_some_and(|e| e.starts_with("the workbook inflates to more than 128 MB")),
        "{json}"
    );
    let seed = crate::util::read_fixture(&format!("{}.txt", crate::util::SEEDS[0]));
    assert_eq!(
        crate::serve::post(addr, "/api/read?name=x.txt", &seed).status,
        200
    );
}

/// An input larger than 256 MB is refused before it is read.
#[test]
fn an_input_too_large_is_refused_before_it_is_read() {
    let path = std::env::temp_dir().join(format!("scheda-huge-{}.txt", std::process::id()));
    // Sparse: no disk is used.
    std::fs::File::create(&path)
        .unwrap()
        .set_len(300 * 1024 * 1024)
        .unwrap();
    let out = scheda(&["check", path.to_str().unwrap()]);
    std::fs::remove_file(&path).ok();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(
        stderr.contains("(300 MB; scheda reads inputs of at most 256 MB)"),
        "{stderr}"
    );
}

/// `scheda check FILE --limit SPEC`: exit code and standard error.
fn check_limited(file: &std::path::Path, spec: &str) -> (Option<i32>, String) {
    let out = scheda(&["check", file.to_str().unwrap(), "--limit", spec]);
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Each limit is configurable with `--limit`, and an input past it gets an
/// error naming what it holds, the limit and how to raise it.
#[test]
fn every_limit_is_configurable_and_named_in_its_error() {
    let dir = crate::util::tempdir("limits");
    let seed_txt = crate::util::fixture(&format!("{}.txt", crate::util::SEEDS[0]));
    let seed_pdf = crate::util::fixture("pdf/portal-000.pdf");
    let seed_json = crate::util::fixture(&format!("{}.expected.json", crate::util::SEEDS[0]));
    let workbook = dir.join("form.xlsx");
    let out = scheda(&[
        "convert",
        seed_json.to_str().unwrap(),
        "-o",
        workbook.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    let json = std::fs::read_to_string(&seed_json).unwrap();
    let one_line: serde_json::Value = serde_json::from_str(&json).unwrap();
    let lines = dir.join("three.jsonl");
    std::fs::write(&lines, format!("{0}\n{0}\n{0}\n", one_line)).unwrap();

    let cases: [(&std::path::Path, &str, &str); 7] = [
        (
            &seed_txt,
            "input=1KB",
            "; scheda reads inputs of at most 1 KB)",
        ),
        (
            &workbook,
            "xlsx-inflated=16KB",
            "error: the workbook inflates to more than 16 KB",
        ),
        (
            &seed_txt,
            "line=40",
            "characters; scheda reads at most 40 characters a line",
        ),
        (
            &seed_json,
            "json-depth=2",
            "error: the JSON nests arrays and objects more than 2 deep; scheda reads at most 2 levels (the model has 4)",
        ),
        (
            &lines,
            "forms=2",
            "error: the file holds more than 2 forms; scheda reads at most 2 forms from one file",
        ),
        (
            &seed_pdf,
            "pdf-pages=5",
            "error: failed to read the PDF (7 pages); scheda reads at most 5 pages (a form has 7)",
        ),
        (
            &seed_pdf,
            "pdf-objects=20",
            "objects); scheda reads at most 20 objects (a form has about 200)",
        ),
    ];
    for (file, spec, expected) in cases {
        let (code, stderr) = check_limited(file, spec);
        assert_eq!(code, Some(3), "{spec}: {stderr}");
        assert!(stderr.contains(expected), "{spec}: {stderr}");
        let name = spec.split('=').next().unwrap();
        if !spec.starts_with("input") {
            assert!(
                stderr.contains(&format!("`--limit {name}=")),
                "{spec}: the hint says how to raise it: {stderr}"
            );
        }
        // Within the default limits, the same input reads.
        let out = scheda(&["check", file.to_str().unwrap()]);
        assert_ne!(
            out.status.code(),
            Some(3),
            "{spec}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // A batch reads within its limits too: the input is a failed row.
    let out_dir = dir.join("out");
    let out = scheda(&[
        "batch",
        lines.to_str().unwrap(),
        "-o",
        out_dir.to_str().unwrap(),
        "--quiet",
        "--limit",
        "forms=2",
    ]);
    assert_eq!(
        out.status.code(),
        Some(4),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = std::fs::read_to_string(out_dir.join("report.csv")).unwrap();
    assert!(
        report.contains("the file holds more than 2 forms"),
        "{report}"
    );
    // A wrong limit is a usage error that lists the names.
    let out = scheda(&["check", seed_txt.to_str().unwrap(), "--limit", "pages=3"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no limit is named `pages`"), "{stderr}");
    assert!(stderr.contains("pdf-pages"), "{stderr}");
    let out = scheda(&["check", seed_txt.to_str().unwrap(), "--limit", "forms=lots"]);
    assert_eq!(out.status.code(), Some(2));
}

/// The line and depth limits hold in the library's default reads too: a
/// text with a 200,000-character line, a JSON nested 10,000 deep.
#[test]
fn default_limits_stop_long_lines_and_deep_json() {
    let mut text = crate::util::read_fixture(&format!("{}.txt", crate::util::SEEDS[0]));
    text.extend(std::iter::repeat_n(b'x', 200_000));
    let e = scheda::readers::read(&text, scheda::Format::Text).unwrap_err();
    assert!(
        e.diagnostics[0]
            .message
            .ends_with("has 200000 characters; scheda reads at most 100000 characters a line")
            || e.diagnostics[0]
                .message
                .contains("characters; scheda reads at most 100000 characters a line"),
        "{e}"
    );
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let e = scheda::readers::read(deep.as_bytes(), scheda::Format::Json).unwrap_err();
    assert_eq!(
        e.diagnostics[0].message,
        "the JSON nests arrays and objects more than 32 deep; scheda reads at most 32 levels (the model has 4)"
    );
    let e = scheda::readers::read(deep.as_bytes(), scheda::Format::JsonLines).unwrap_err();
    assert!(
        e.diagnostics[0].message.contains("more than 32 deep"),
        "{e}"
    );
}

/// The server reads within its own limits (`--limit` of `scheda serve`).
#[test]
fn the_server_reads_within_its_limits() {
    let options = scheda::serve::Options {
        limits: scheda::limits::Limits {
            pdf_pages: 5,
            ..Default::default()
        },
        ..Default::default()
    };
    let addr = crate::serve::start(options);
    let pdf = crate::util::read_fixture("pdf/portal-000.pdf");
    let answer = crate::serve::post(addr, "/api/read?name=x.pdf", &pdf);
    assert_eq!(answer.status, 400);
    assert_eq!(
        answer.json()["error"],
        "failed to read the PDF (7 pages); scheda reads at most 5 pages (a form has 7)"
    );
}

/// A report over the form's 6.000 characters is read with a warning (the
/// clerk may be shortening it), and is fatal under --strict.
#[test]
fn a_report_too_long_is_a_warning_fatal_under_strict() {
    let mut s = crate::util::form(
        crate::util::builtin_editions()[0],
        10,
        "1.00",
        "1.00",
        ("1.00", "1.00"),
        "1.00",
    );
    set_relazione(&mut s, Some("parola ".repeat(1000)));
    let json = scheda::writers::write(&s, scheda::Format::Json, &Default::default())
        .unwrap()
        .value;
    let read = scheda::readers::read(&json, scheda::Format::Json).unwrap();
    assert_eq!(read.warnings.len(), 1, "{:?}", read.warnings);
    assert_eq!(
        read.warnings[0].message,
        "the report has 7000 characters, the form allows at most 6.000"
    );
    let dir = crate::util::tempdir("long-report");
    let file = dir.join("long.json");
    std::fs::write(&file, &json).unwrap();
    let out = scheda(&[
        "convert",
        file.to_str().unwrap(),
        "-o",
        dir.join("long.pdf").to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("warning: the report has 7000 characters"),
        "{stderr}"
    );
    let out = scheda(&[
        "convert",
        "--strict",
        file.to_str().unwrap(),
        "-o",
        dir.join("strict.pdf").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(3));
    assert!(!dir.join("strict.pdf").exists(), "no output under --strict");
}
