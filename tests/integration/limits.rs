//! Hostile files meet limits, with a clear error: a workbook built to
//! inflate to hundreds of megabytes (a zip bomb) is refused before it is
//! read, by the library, the command line and the server.

use std::io::Write;

use crate::util::scheda;

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
        err.contains("the workbook inflates to more than 128 MiB (its parts declare 200 MiB)"),
        "{err}"
    );

    let path = std::env::temp_dir().join(format!("scheda-bomb-{}.xlsx", std::process::id()));
    std::fs::write(&path, &bytes).unwrap();
    let out = scheda(&["check", path.to_str().unwrap()]);
    std::fs::remove_file(&path).ok();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(
        stderr.contains("error: the workbook inflates to more than 128 MiB"),
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
            .is_some_and(|e| e.starts_with("the workbook inflates to more than 128 MiB")),
        "{json}"
    );
    let seed = crate::util::read_fixture(&format!("{}.txt", crate::util::SEEDS[0]));
    assert_eq!(
        crate::serve::post(addr, "/api/read?name=x.txt", &seed).status,
        200
    );
}

/// An input larger than 256 MiB is refused before it is read.
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
        stderr.contains("(300 MiB; scheda reads files of at most 256 MiB)"),
        "{stderr}"
    );
}
