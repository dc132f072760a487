//! `scheda batch`: many forms in, one file per form and format out, with a
//! report; and `scheda check` on a folder.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use lopdf::Document;
use serde_json::Value;

use crate::util::{SEEDS, fixture, p, scheda, stderr, stdout, tempdir};

/// The documented exit code of a batch in which some inputs failed.
const SOME_FAILED: i32 = 4;

fn sample(name: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .join(format!("{name}.json"));
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

/// A sample's model with another Comune's name.
fn named(sample_name: &str, denominazione: &str) -> Value {
    let mut model = sample(sample_name);
    model["ente"]["denominazione"] = Value::String(denominazione.into());
    model
}

/// [`named`] with its derived values as the form prints them (SONDRIO's
/// whole means with two decimals, R04 with two), so that writing it warns
/// of nothing.
fn named_as_printed(sample_name: &str, denominazione: &str) -> Value {
    let bytes = serde_json::to_vec(&named(sample_name, denominazione)).unwrap();
    let mut s = scheda::readers::json::read(&bytes).unwrap().value;
    scheda::rules::settle_precision(&mut s);
    serde_json::from_slice(&scheda::writers::json::write(&s).unwrap()).unwrap()
}

fn write_json(path: &Path, model: &Value) {
    std::fs::write(path, serde_json::to_string_pretty(model).unwrap()).unwrap();
}

/// The records of a report written as CSV: BOM, `;`, quoted text.
fn records(report: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(report).unwrap();
    let text = text
        .strip_prefix('\u{FEFF}')
        .expect("the report starts with a BOM");
    assert!(text.ends_with('\n'), "the report ends with a line break");
    scheda::batch::report::parse_csv(text)
}

/// The report's rows as maps from column name to cell.
fn rows(report: &Path) -> Vec<std::collections::HashMap<String, String>> {
    let records = records(report);
    let header = records[0].clone();
    records[1..]
        .iter()
        .map(|r| {
            assert_eq!(r.len(), header.len(), "{r:?}");
            header.iter().cloned().zip(r.iter().cloned()).collect()
        })
        .collect()
}

/// Each report row as (input's file name, column `a`, column `b`).
fn by_input<'r>(
    rows: &'r [std::collections::HashMap<String, String>],
    a: &str,
    b: &str,
) -> Vec<(&'r str, &'r str, &'r str)> {
    rows.iter()
        .map(|r| {
            let name = Path::new(&r["input"])
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap();
            (name, r[a].as_str(), r[b].as_str())
        })
        .collect()
}

/// The visible files of a folder, by name.
fn files(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect()
}

/// The hidden temporary files of a folder (`.NAME.tmp-PID`).
fn temporaries(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.') && n.contains(".tmp-"))
        .collect()
}

/// Every PDF in `dir` opens and has the form's 7 pages; how many there are.
fn complete_pdfs(dir: &Path) -> usize {
    let pdfs: Vec<String> = files(dir)
        .into_iter()
        .filter(|n| n.ends_with(".pdf"))
        .collect();
    for name in &pdfs {
        let doc = Document::load(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(doc.get_pages().len(), 7, "{name}");
    }
    pdfs.len()
}

#[test]
fn batch_a_workbook_of_300_comuni_into_300_pdfs_and_a_report() {
    let dir = tempdir("batch-300");
    let forms: Vec<scheda::Scheda> = (1..=300)
        .map(|i| {
            let base = if i % 2 == 0 { "sondrio" } else { "cumignano" };
            let model = named(base, &format!("COMUNE DI PROVA {i:03}"));
            scheda::readers::json::read(model.to_string().as_bytes())
                .unwrap()
                .value
        })
        .collect();
    let book = dir.join("ambito.xlsx");
    let bytes = scheda::writers::write_many(&forms, scheda::Format::Xlsx)
        .unwrap()
        .unwrap()
        .value;
    std::fs::write(&book, bytes).unwrap();
    let out = dir.join("out");
    let o = scheda(&["batch", p(&book), "-o", p(&out), "--jobs", "2"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("batch: 300 forms in ") && err.contains("300 written, 0 failed"),
        "{err}"
    );
    let pdfs: Vec<String> = files(&out)
        .into_iter()
        .filter(|n| n.ends_with(".pdf"))
        .collect();
    assert_eq!(pdfs.len(), 300);
    assert!(temporaries(&out).is_empty());
    for name in ["COMUNE DI PROVA 001.pdf", "COMUNE DI PROVA 300.pdf"] {
        let doc = Document::load(out.join(name)).unwrap();
        assert_eq!(doc.get_pages().len(), 7, "{name}");
    }

    let rows = rows(&out.join("report.csv"));
    assert_eq!(rows.len(), 300);
    // Rows in input order: the workbook's row 2 holds the first Comune.
    let first = &rows[0];
    assert_eq!(first["input"], p(&book));
    assert_eq!(first["row"], "2");
    assert_eq!(first["status"], "ok");
    assert_eq!(first["Comune"], "COMUNE DI PROVA 001");
    assert_eq!(first["edition"], "SOC26");
    assert_eq!(first["R04"], "3,51");
    assert_eq!(first["R05"], "5,08");
    assert_eq!(first["Quadro 2 case"], "A");
    assert_eq!(first["Quadro 3 due"], "NO");
    assert_eq!(first["consistent"], "SI");
    assert_eq!(first["outputs"], "COMUNE DI PROVA 001.pdf");
    assert_eq!(first["error"], "");
    let last = &rows[299];
    assert_eq!(last["row"], "301");
    assert_eq!(last["Comune"], "COMUNE DI PROVA 300");
    assert_eq!(last["edition"], "SOC25");
    // The workbook holds R04 as the form prints it (scheda wrote it).
    assert_eq!(last["R04"], "33,63");
    assert_eq!(last["R05"], "8,69");
    assert_eq!(last["Quadro 2 case"], "B");
    assert_eq!(last["outputs"], "COMUNE DI PROVA 300.pdf");
    assert!(rows.iter().all(|r| r["status"] == "ok"));
}

/// Bytes that are nothing in particular.
fn random_bytes(n: usize) -> Vec<u8> {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

#[test]
fn batch_goes_on_past_bad_inputs_and_lists_them() {
    let dir = tempdir("batch-bad");
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    write_json(&input.join("a-good.json"), &named("cumignano", "BUONO"));
    std::fs::copy(
        fixture(&format!("{}.txt", SEEDS[4])),
        input.join("b-good.txt"),
    )
    .unwrap();
    std::fs::write(
        input.join("c-unreadable.txt"),
        "Verbale della giunta\nnulla\n",
    )
    .unwrap();
    let mut wrong = named("cumignano", "SBAGLIATO");
    wrong["quadro1"]["M12"]["utenti"] = Value::from(-5);
    write_json(&input.join("d-wrong.json"), &wrong);
    std::fs::write(
        input.join("e-notaform.pdf"),
        crate::pdf::plain_pdf("Fattura n. 12"),
    )
    .unwrap();
    std::fs::write(input.join("f-random.xlsx"), random_bytes(4096)).unwrap();
    let lines = [
        named("cumignano", "RIGA UNO").to_string(),
        r#"{"schema_version":1,"edizione":"SOC25","anno":2024,"quadro1":{"M12":{"utenti":"tre"}}}"#
            .to_string(),
        named("cumignano", "RIGA TRE").to_string(),
    ];
    std::fs::write(input.join("g-lines.jsonl"), lines.join("\n") + "\n").unwrap();
    std::fs::write(input.join("h-notes.md"), "# appunti\n").unwrap();

    let out = dir.join("out");
    let o = scheda(&["batch", p(&input), "-o", p(&out), "--to", "pdf,json"]);
    assert_eq!(o.status.code(), Some(SOME_FAILED), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("batch: 9 forms in ") && err.contains("4 written, 5 failed; 1 file skipped"),
        "{err}"
    );
    // Each failure is printed in typst's voice, naming its input.
    assert!(
        err.contains(&format!("  --> {}", p(&input.join("c-unreadable.txt")))),
        "{err}"
    );
    assert!(err.contains("error: "), "{err}");

    assert_eq!(
        files(&out),
        [
            "BUONO.json",
            "BUONO.pdf",
            "RIGA TRE.json",
            "RIGA TRE.pdf",
            "RIGA UNO.json",
            "RIGA UNO.pdf",
            "SONDRIO.json",
            "SONDRIO.pdf",
            "report.csv"
        ]
        .map(String::from)
        .into(),
    );
    let rows = rows(&out.join("report.csv"));
    let status = by_input(&rows, "row", "status");
    assert_eq!(
        status,
        [
            ("a-good.json", "", "ok"),
            ("b-good.txt", "", "ok"),
            ("c-unreadable.txt", "", "failed"),
            ("d-wrong.json", "", "failed"),
            ("e-notaform.pdf", "", "failed"),
            ("f-random.xlsx", "", "failed"),
            ("g-lines.jsonl", "1", "ok"),
            ("g-lines.jsonl", "2", "failed"),
            ("g-lines.jsonl", "3", "ok"),
            ("h-notes.md", "", "skipped"),
        ]
    );
    let error = |i: usize| rows[i]["error"].as_str();
    assert!(!error(2).is_empty(), "{:?}", rows[2]);
    assert!(
        error(3).contains("expected a non-negative whole number, found -5")
            && error(3).contains("/quadro1/M12/utenti"),
        "{}",
        error(3)
    );
    assert!(
        error(4).contains("does not carry a SOC25/SOC26 form"),
        "{}",
        error(4)
    );
    assert!(
        error(5).contains("failed to open the workbook"),
        "{}",
        error(5)
    );
    assert!(error(7).contains("line 2"), "{}", error(7));
    assert_eq!(error(9), "not a form (.md)");
    assert_eq!(rows[1]["outputs"], "SONDRIO.pdf | SONDRIO.json");
}

/// Start a batch of `n` forms (one JSON Lines file) in the background.
fn start_long_batch(dir: &Path, n: usize) -> (std::process::Child, PathBuf) {
    let lines: Vec<String> = (0..n)
        .map(|i| named("cumignano", &format!("COMUNE {i:04}")).to_string())
        .collect();
    let input = dir.join("molti.jsonl");
    std::fs::write(&input, lines.join("\n")).unwrap();
    let out = dir.join("out");
    let child = Command::new(env!("CARGO_BIN_EXE_scheda"))
        .args([
            "batch",
            p(&input),
            "-o",
            p(&out),
            "--to",
            "pdf,xlsx",
            "-j",
            "2",
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    (child, out)
}

/// Wait until a few outputs are in place (the batch is under way).
fn wait_for_outputs(out: &Path, child: &mut std::process::Child) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(60) {
        if out.is_dir() && files(out).iter().filter(|n| n.ends_with(".pdf")).count() >= 3 {
            return;
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "the batch ended too soon"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("no output after 60 s");
}

#[cfg(unix)]
#[test]
fn an_interrupted_batch_leaves_only_whole_files_and_no_temporary_one() {
    let dir = tempdir("batch-sigint");
    let (mut child, out) = start_long_batch(&dir, 400);
    wait_for_outputs(&out, &mut child);
    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(130), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("batch: interrupted after "),
        "{}",
        stderr(&o)
    );
    assert_eq!(temporaries(&out), Vec::<String>::new());
    let pdfs = complete_pdfs(&out);
    assert!((3..400).contains(&pdfs), "{pdfs} PDFs");
    // The report lists the forms done so far, each with its two outputs.
    let rows = rows(&out.join("report.csv"));
    assert_eq!(rows.len(), pdfs);
    for r in &rows {
        assert_eq!(r["status"], "ok");
        let outputs: Vec<&str> = r["outputs"].split(" | ").collect();
        assert_eq!(outputs.len(), 2, "{r:?}");
        assert!(outputs.iter().all(|o| out.join(o).is_file()), "{r:?}");
    }
    assert_eq!(
        files(&out).iter().filter(|n| n.ends_with(".xlsx")).count(),
        pdfs
    );
}

#[cfg(unix)]
#[test]
fn a_killed_batch_leaves_only_whole_files_and_the_next_one_cleans_up() {
    let dir = tempdir("batch-sigkill");
    let (mut child, out) = start_long_batch(&dir, 400);
    wait_for_outputs(&out, &mut child);
    let pid = child.id();
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), None, "killed by a signal");
    let pdfs = complete_pdfs(&out);
    assert!((3..400).contains(&pdfs), "{pdfs} PDFs");
    // What the killed batch left half-way is hidden and names its process.
    let left = temporaries(&out);
    for t in &left {
        assert!(t.ends_with(&format!(".tmp-{pid}")), "{t}");
    }
    // The kill most often lands while a form is rendered in memory: make
    // sure there is a half-written file of the killed batch, and one of a
    // batch still running (this test's own process).
    let dead = format!(".COMUNE 9999.pdf.0-9999.pdf.tmp-{pid}");
    std::fs::write(out.join(&dead), b"%PDF-1.7 half").unwrap();
    let running = format!(".COMUNE 9998.pdf.tmp-{}", std::process::id());
    std::fs::write(out.join(&running), b"%PDF-1.7 half").unwrap();
    // The next batch into the folder removes those whose process is gone;
    // the others stay, and are never taken for outputs.
    let one = dir.join("one.json");
    write_json(&one, &named("cumignano", "ANCORA"));
    let o = scheda(&["batch", p(&one), "-o", p(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(out.join("ANCORA.pdf").is_file());
    assert_eq!(rows(&out.join("report.csv")).len(), 1);
    assert!(out.join(&running).is_file());
    let err = stderr(&o);
    if cfg!(target_os = "linux") {
        assert!(
            err.contains("batch: left 1 temporary file(s) of another batch"),
            "{err}"
        );
        assert_eq!(temporaries(&out), vec![running.clone()]);
        assert!(
            err.contains(&format!(
                "batch: removed {} temporary file(s) of an earlier batch that was killed",
                left.len() + 1
            )),
            "{err}"
        );
    }
    std::fs::remove_file(out.join(&running)).unwrap();
}

#[test]
fn names_are_safe_and_distinct_inside_the_output_folder() {
    let dir = tempdir("batch-names");
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    let names = [
        ("01", "SONDRIO"),
        ("02", "Sondrio"),
        ("03", "A/B"),
        ("04", ".."),
        ("05", "../../fuori"),
        ("06", "C:D*E?"),
        ("07", "TAB\u{7}BEL"),
        ("08", "CON"),
        ("09", "nul.txt"),
        ("10", "punto. "),
    ];
    for (file, name) in names {
        write_json(
            &input.join(format!("{file}.json")),
            &named("cumignano", name),
        );
    }
    let out = dir.join("out");
    let o = scheda(&["batch", p(&input), "-o", p(&out), "--to", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        files(&out),
        [
            "SONDRIO.json",
            "Sondrio-2.json",
            "A_B.json",
            "04.json",
            "_._fuori.json",
            "C_D_E_.json",
            "TAB_BEL.json",
            "_CON.json",
            "_nul.txt.json",
            "punto.json",
            "report.csv",
        ]
        .map(String::from)
        .into()
    );
    // Nothing was written beside the output folder.
    assert_eq!(files(&dir), ["in", "out"].map(String::from).into());

    // Another pattern; an unknown placeholder is a usage error.
    let out2 = dir.join("out2");
    let o = scheda(&[
        "batch",
        p(&input.join("01.json")),
        p(&input.join("03.json")),
        "-o",
        p(&out2),
        "--to",
        "json",
        "--name",
        "{edizione}-{denominazione}-{input}",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        files(&out2),
        ["SOC26-SONDRIO-01.json", "SOC26-A_B-03.json", "report.csv"]
            .map(String::from)
            .into()
    );
    let o = scheda(&["batch", p(&input), "-o", p(&out2), "--name", "{comune}"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("unknown placeholder `{comune}`"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn recompute_lists_the_corrections_of_seed_004_in_the_report() {
    let dir = tempdir("batch-recompute");
    let seed = fixture("004_7444e9ac6383849b.txt");
    let out = dir.join("out");
    let o = scheda(&[
        "batch",
        p(&seed),
        "-o",
        p(&out),
        "--to",
        "json",
        "--recompute",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let rows = rows(&out.join("report.csv"));
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    assert_eq!(row["Comune"], "SONDRIO");
    assert_eq!(row["R04"], "33,63");
    assert_eq!(row["consistent"], "SI");
    let corrections: Vec<&str> = row["corrections"].split(" | ").collect();
    assert!(
        corrections.contains(&"R04 livello di servizio effettivo 2024: 33,629149 -> 33,63"),
        "{corrections:?}"
    );
    for mean in [
        "M12 media annua ore di assistenza 2024: 72 -> 72,05",
        "M15 media annua ore di assistenza 2024: 156 -> 155,90",
        "M24 media annua ore di assistenza 2024: 7 -> 6,86",
    ] {
        assert!(corrections.contains(&mean), "{corrections:?}");
    }
    let model: Value =
        serde_json::from_slice(&std::fs::read(out.join("SONDRIO.json")).unwrap()).unwrap();
    assert_eq!(model["quadro1"]["R04"].to_string(), "33.63");
    assert_eq!(model["quadro1"]["M12"]["media_ore"].to_string(), "72.05");

    // Without --recompute the printed values are kept, and nothing is corrected.
    let kept = dir.join("kept");
    let o = scheda(&["batch", p(&seed), "-o", p(&kept), "--to", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let rows = self::rows(&kept.join("report.csv"));
    assert_eq!(rows[0]["R04"], "33,629149");
    assert_eq!(rows[0]["corrections"], "");
}

#[test]
fn an_inconsistent_form_is_a_warning_in_the_report() {
    let dir = tempdir("batch-warn");
    let mut model = named("cumignano", "INCOERENTE");
    let r0b = model["quadro1"]["R0B"]["utenti"].as_u64().unwrap();
    model["quadro1"]["R0B"]["utenti"] = Value::from(r0b + 1);
    let input = dir.join("x.json");
    write_json(&input, &model);
    let out = dir.join("out");
    let o = scheda(&["batch", p(&input), "-o", p(&out), "--to", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let rows = rows(&out.join("report.csv"));
    assert_eq!(rows[0]["consistent"], "NO");
    assert_eq!(
        rows[0]["warnings"],
        format!(
            "row ROB, TOTALE UTENTI 2025: printed {}, computed {r0b} (/quadro1/R0B/utenti)",
            r0b + 1
        )
    );
    // Under --strict it fails.
    let o = scheda(&["batch", p(&input), "-o", p(&dir.join("strict")), "--strict"]);
    assert_eq!(o.status.code(), Some(SOME_FAILED), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("error: 1 warning under --strict"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn the_report_opens_in_an_italian_spreadsheet() {
    let dir = tempdir("batch-report");
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    write_json(
        &input.join("a.json"),
        &named_as_printed("sondrio", "SANT'ANGELO; \"LODIGIANO\""),
    );
    let out = dir.join("out");
    let o = scheda(&["batch", p(&input), "-o", p(&out), "--to", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let bytes = std::fs::read(out.join("report.csv")).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF\"input\";\"row\";\"status\";\"Comune\";"));
    let text = String::from_utf8(bytes).unwrap();
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert_eq!(lines.len(), 3, "header, one row, and the final line break");
    assert_eq!(lines[2], "");
    let input_name = p(&input.join("a.json")).to_string();
    assert_eq!(
        lines[1],
        format!(
            "\"{input_name}\";;\"ok\";\"SANT'ANGELO; \"\"LODIGIANO\"\"\";\"SOC25\";33,63;8,69;\
             \"B\";\"NO\";;;;\"SI\";;;\"SANT'ANGELO; _LODIGIANO_.json\";;\"ok\""
        )
    );
    assert!(out.join("SANT'ANGELO; _LODIGIANO_.json").is_file());

    // --report FILE.json writes JSON instead, numbers exact.
    let json = dir.join("report.json");
    let o = scheda(&[
        "batch",
        p(&input),
        "-o",
        p(&dir.join("out2")),
        "--to",
        "json",
        "--report",
        p(&json),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let report: Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    assert_eq!(report[0]["comune"], "SANT'ANGELO; \"LODIGIANO\"");
    assert_eq!(report[0]["R04"].to_string(), "33.63");
    assert_eq!(report[0]["status"], "ok");
}

#[test]
fn an_existing_output_is_kept_unless_forced() {
    let dir = tempdir("batch-force");
    let input = dir.join("sondrio.json");
    write_json(&input, &named_as_printed("sondrio", "SONDRIO"));
    let out = dir.join("out");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("SONDRIO.json"), "old").unwrap();

    let o = scheda(&["batch", p(&input), "-o", p(&out), "--to", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("0 written, 1 kept, 0 failed"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read_to_string(out.join("SONDRIO.json")).unwrap(),
        "old"
    );
    let rows = rows(&out.join("report.csv"));
    assert_eq!(rows[0]["status"], "kept");
    assert_eq!(
        rows[0]["warnings"],
        "SONDRIO.json exists and is kept (--force replaces it)"
    );
    assert_eq!(rows[0]["outputs"], "SONDRIO.json");

    let o = scheda(&["batch", p(&input), "-o", p(&out), "--to", "json", "--force"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let model: Value =
        serde_json::from_slice(&std::fs::read(out.join("SONDRIO.json")).unwrap()).unwrap();
    assert_eq!(model["ente"]["denominazione"], "SONDRIO");
    assert_eq!(self::rows(&out.join("report.csv"))[0]["status"], "ok");
    assert_eq!(temporaries(&out), Vec::<String>::new());
}

#[test]
fn the_output_folder_in_the_input_folder_is_not_read_back() {
    let dir = tempdir("batch-inside");
    let input = dir.join("schede");
    std::fs::create_dir_all(&input).unwrap();
    // An input with the very name its output would take.
    write_json(&input.join("SONDRIO.json"), &named("sondrio", "SONDRIO"));
    write_json(&input.join("altro.json"), &named("cumignano", "CUMIGNANO"));
    let original = std::fs::read(input.join("SONDRIO.json")).unwrap();

    // DIR inside the input folder: never walked.
    let inside = input.join("out");
    for _ in 0..2 {
        let o = scheda(&["batch", p(&input), "-o", p(&inside), "--to", "json"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert_eq!(rows(&inside.join("report.csv")).len(), 2);
    }

    // DIR is the input folder: the input keeps its bytes, the output takes
    // another name, and the next run skips what the first one wrote.
    let input = dir.join("schede2");
    std::fs::create_dir_all(&input).unwrap();
    write_json(&input.join("SONDRIO.json"), &named("sondrio", "SONDRIO"));
    write_json(&input.join("altro.json"), &named("cumignano", "CUMIGNANO"));
    for _ in 0..2 {
        let o = scheda(&[
            "batch",
            p(&input),
            "-o",
            p(&input),
            "--to",
            "json",
            "--force",
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert_eq!(std::fs::read(input.join("SONDRIO.json")).unwrap(), original);
    }
    assert_eq!(
        files(&input),
        [
            "CUMIGNANO.json",
            "SONDRIO-2.json",
            "SONDRIO.json",
            "altro.json",
            "report.csv"
        ]
        .map(String::from)
        .into()
    );
    let rows = rows(&input.join("report.csv"));
    let read = by_input(&rows, "status", "outputs");
    assert_eq!(
        read,
        [
            ("CUMIGNANO.json", "skipped", ""),
            ("SONDRIO-2.json", "skipped", ""),
            ("SONDRIO.json", "ok", "SONDRIO-2.json"),
            ("altro.json", "ok", "CUMIGNANO.json"),
        ]
    );
}

#[test]
fn batch_reads_a_list_of_inputs_from_standard_input() {
    use std::io::Write;
    let dir = tempdir("batch-stdin");
    let a = dir.join("a.json");
    write_json(&a, &named("cumignano", "DA ELENCO"));
    let out = dir.join("out");
    let mut child = Command::new(env!("CARGO_BIN_EXE_scheda"))
        .args(["batch", "-", "-o", p(&out), "--to", "json", "--quiet"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let list = format!(
        "{}\r\n\n{}\n",
        p(&a),
        p(&fixture(&format!("{}.txt", SEEDS[0])))
    );
    child
        .stdin
        .take()
        .unwrap()
        .write_all(list.as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), "", "--quiet prints nothing");
    assert_eq!(
        files(&out),
        [
            "DA ELENCO.json",
            format!("{}.json", SEEDS[0]).as_str(),
            "report.csv"
        ]
        .map(String::from)
        .into()
    );
}

#[test]
fn check_on_a_folder_prints_a_line_per_form_and_a_summary() {
    let dir = tempdir("check-folder");
    let sub = dir.join("sub");
    std::fs::create_dir_all(&sub).unwrap();
    write_json(&dir.join("a.json"), &named("cumignano", "UNO"));
    let mut bad = named("cumignano", "DUE");
    let r0b = bad["quadro1"]["R0B"]["utenti"].as_u64().unwrap();
    bad["quadro1"]["R0B"]["utenti"] = Value::from(r0b + 1);
    write_json(&sub.join("b.json"), &bad);
    std::fs::copy(fixture(&format!("{}.txt", SEEDS[3])), sub.join("c.txt")).unwrap();
    std::fs::write(dir.join("d.txt"), "niente\n").unwrap();
    std::fs::write(dir.join("e.png"), [0u8; 8]).unwrap();

    let o = scheda(&["check", p(&dir)]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    let text = stdout(&o);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            format!("{}: consistent", p(&dir.join("a.json"))),
            format!("{}: 1 inconsistent value(s)", p(&sub.join("b.json"))),
            format!(
                "  ROB TOTALE UTENTI 2025: printed {}, computed {r0b} (/quadro1/R0B/utenti)",
                r0b + 1
            ),
            format!("{}: consistent", p(&sub.join("c.txt"))),
            "4 forms: 2 consistent, 1 inconsistent, 1 unreadable; 1 file skipped".to_string(),
        ]
    );
    assert!(
        stderr(&o).contains(&format!("--> {}", p(&dir.join("d.txt")))),
        "{}",
        stderr(&o)
    );
}

#[test]
fn the_library_runs_a_batch_with_a_progress_callback() {
    use scheda::batch::{self, Event, Options, Status};
    use std::sync::atomic::AtomicBool;
    let dir = tempdir("batch-library");
    let lines: Vec<String> = (1..=5)
        .map(|i| named("cumignano", &format!("RIGA {i}")).to_string())
        .collect();
    let many = dir.join("ambito.jsonl");
    std::fs::write(&many, lines.join("\n") + "\n").unwrap();
    let one = dir.join("uno.json");
    write_json(&one, &named("cumignano", "UNO"));

    let mut options = Options::new(dir.join("out"), vec![scheda::Format::Json]);
    options.jobs = 2;
    let plan = batch::plan(&[many.clone(), one.clone()], &options.dir, &options.report);
    assert_eq!(plan.to_read(), 2);
    let stop = AtomicBool::new(false);
    let mut seen = Vec::new();
    let outcome = batch::run(&plan, &options, &stop, |event| match event {
        Event::Found(more) => seen.push(format!("found {more}")),
        Event::Row(row) => seen.push(row.comune.clone().unwrap_or_default()),
    })
    .unwrap();
    assert!(!outcome.interrupted);
    // Rows come in input order, whatever the order the workers finish in.
    let rows: Vec<&str> = seen
        .iter()
        .map(String::as_str)
        .filter(|s| !s.starts_with("found"))
        .collect();
    assert_eq!(
        rows,
        ["RIGA 1", "RIGA 2", "RIGA 3", "RIGA 4", "RIGA 5", "UNO"]
    );
    assert!(seen.contains(&"found 4".to_string()), "{seen:?}");
    assert_eq!(outcome.count(Status::Ok), 6);
    assert_eq!(outcome.forms(), 6);
    assert!(outcome.report_error.is_none());
    // The report is written as the rows come: the third is RIGA 3.
    let report = self::rows(&options.report);
    assert_eq!(report.len(), 6);
    assert_eq!(report[2]["row"], "3");
    assert_eq!(report[2]["outputs"], "RIGA 3.json");

    // A batch stopped before it starts writes no form, and an empty report.
    let stopped = AtomicBool::new(true);
    let options = Options::new(dir.join("fermo"), vec![scheda::Format::Pdf]);
    let outcome = batch::run(&plan, &options, &stopped, |_| {}).unwrap();
    assert!(outcome.interrupted);
    assert_eq!(outcome.forms(), 0);
    assert_eq!(
        files(&options.dir),
        BTreeSet::from(["report.csv".to_string()])
    );
    assert!(self::rows(&options.report).is_empty());
    assert!(temporaries(&options.dir).is_empty());
}

/// Issue 22: the report describes the files on disk. A second batch with
/// `--recompute` keeps the outputs of the first: it claims no correction
/// for them, says why, and the summary says how to replace them.
#[test]
fn kept_outputs_claim_no_corrections() {
    let dir = tempdir("batch-kept-corrections");
    let input = fixture(&format!("{}.txt", SEEDS[4]));
    let out = dir.join("out");
    let first = scheda(&[
        "batch",
        p(&input),
        "-o",
        p(&out),
        "--to",
        "json",
        "--recompute",
    ]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let written = rows(&out.join("report.csv"));
    assert_eq!(written[0]["status"], "ok");
    assert!(
        written[0]["corrections"].contains("R04"),
        "{:?}",
        written[0]
    );
    let json = std::fs::read(out.join("SONDRIO.json")).unwrap();

    let second = scheda(&[
        "batch",
        p(&input),
        "-o",
        p(&out),
        "--to",
        "json",
        "--recompute",
    ]);
    assert_eq!(second.status.code(), Some(0), "{}", stderr(&second));
    let kept = rows(&out.join("report.csv"));
    assert_eq!(kept[0]["status"], "kept");
    assert_eq!(kept[0]["corrections"], "");
    assert!(
        kept[0]["warnings"].contains(
            "correction(s) not applied: the existing outputs were kept (--force replaces them)"
        ),
        "{:?}",
        kept[0]
    );
    assert!(
        stderr(&second)
            .contains("hint: outputs that existed were kept as they are: --force replaces them"),
        "{}",
        stderr(&second)
    );
    assert_eq!(std::fs::read(out.join("SONDRIO.json")).unwrap(), json);
}

/// Issue 22: a path that does not exist is refused before the batch
/// starts (exit 3, nothing written), not counted as a form.
#[test]
fn a_missing_input_is_refused_before_the_batch_starts() {
    let dir = tempdir("batch-missing-input");
    let seed = fixture(&format!("{}.txt", SEEDS[0]));
    let missing = dir.join("nonexist");
    let out = dir.join("out");
    let o = scheda(&["batch", p(&missing), p(&seed), "-o", p(&out)]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert_eq!(
        stderr(&o),
        format!(
            "error: failed to read {0} (not found)\n  --> {0}\nhint: check the path; the batch has not started and no file was written\n",
            p(&missing)
        )
    );
    assert!(!out.exists());
}
