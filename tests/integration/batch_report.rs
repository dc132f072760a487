//! The batch report opens right in LibreOffice with Italian settings: the
//! `;`-separated, BOM-marked UTF-8 CSV is split into its columns, accents and
//! quotes come through, and amounts with a decimal comma become numbers.

use std::path::Path;
use std::process::Command;

use calamine::{Data, Reader};

use crate::util::{fixture, missing_tool, p, scheda_in, stderr, tempdir};

/// `report.csv` converted to a workbook by LibreOffice, as an Italian user
/// opening it would read it: separator `;` (59), text quoted with `"` (34),
/// UTF-8 (76), from line 1, Italian locale (1040).
fn through_libreoffice(csv: &Path, out: &Path) -> Vec<Vec<Data>> {
    let profile = out.join("profile");
    let done = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--infilter=CSV:59,34,76,1,,1040",
        ])
        .args(["--convert-to", "xlsx", "--outdir"])
        .arg(out)
        .arg(csv)
        .output()
        .unwrap_or_else(|e| missing_tool("LibreOffice's soffice", "libreoffice-calc-nogui", e));
    assert!(done.status.success(), "soffice failed: {done:?}");
    let xlsx = out.join("report.xlsx");
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).unwrap_or_else(|e| {
        panic!(
            "{}: {e} ({})",
            xlsx.display(),
            String::from_utf8_lossy(&done.stderr)
        )
    });
    let sheet = book.worksheet_range_at(0).unwrap().unwrap();
    sheet.rows().map(<[Data]>::to_vec).collect()
}

#[test]
#[cfg_attr(
    all(not(has_soffice), not(ci)),
    ignore = "needs LibreOffice's soffice, not found on PATH when built: apt-get install libreoffice-calc-nogui"
)]
fn the_report_opens_in_libreoffice_with_its_columns_and_accents() {
    let dir = tempdir("batch-report-lo");
    let inputs = dir.join("in");
    std::fs::create_dir_all(&inputs).unwrap();
    // A Comune with an accent, an apostrophe, a `;` and quotes in its name,
    // and seed 004 (SONDRIO, R04 printed 33,629149).
    let sample = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/cumignano.json"),
    )
    .unwrap()
    .replace("CUMIGNANO SUL NAVIGLIO", r#"CANTÙ; SANT'ANNA \"ALTA\""#);
    std::fs::write(inputs.join("cantu.json"), sample).unwrap();
    std::fs::copy(
        fixture("004_7444e9ac6383849b.txt"),
        inputs.join("sondrio.txt"),
    )
    .unwrap();
    let out = dir.join("out");
    // Run as an Italian clerk runs it: the report in Italian.
    let run = scheda_in(
        "it_IT.UTF-8",
        &["batch", p(&inputs), "-o", p(&out), "--to", "pdf", "--quiet"],
    );
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));

    let rows = through_libreoffice(&out.join("report.csv"), &dir.join("lo"));
    let header: Vec<String> = rows[0].iter().map(ToString::to_string).collect();
    // The Italian headers, each in a column of its own.
    assert_eq!(
        header.join(";"),
        "file;riga;esito;Comune;edizione;R04;R05;caso Quadro 2;Quadro 3 dovuto;R09;R15;\
         Quadro 3 coerente;valori coerenti;avvisi;correzioni;file scritti;errore;code"
    );
    assert_eq!(header.len(), 18, "{header:?}");
    assert_eq!(header[17], "code");
    assert_eq!(rows.len(), 3, "{rows:?}");
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let comune = |row: &[Data]| row[column("Comune")].to_string();
    let cantu = rows.iter().find(|r| comune(r).starts_with("CANT")).unwrap();
    assert_eq!(comune(cantu), r#"CANTÙ; SANT'ANNA "ALTA""#);
    assert_eq!(cantu[column("edizione")], Data::String("SOC26".into()));
    let sondrio = rows.iter().find(|r| comune(r) == "SONDRIO").unwrap();
    // 33,629149 as printed, read by LibreOffice as a number.
    match &sondrio[column("R04")] {
        Data::Float(f) => assert!((f - 33.629149).abs() < 1e-9, "{f}"),
        other => panic!("R04 is not a number: {other:?}"),
    }
    let number = |cell: &Data| match cell {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        other => panic!("not a number: {other:?}"),
    };
    assert_eq!(number(&sondrio[column("R05")]), 8.69);
    assert_eq!(number(&cantu[column("R04")]), 3.51);
    assert_eq!(number(&cantu[column("R15")]), 0.0);
    assert_eq!(
        sondrio[column("file scritti")],
        Data::String("SONDRIO.pdf".into())
    );
}
