//! How long reading a file of forms takes, in one process: a PDF of the form
//! (issue 10: at most 30 ms for a 7-page PDF), or any other format scheda
//! reads (issue 18: a 300-row ATS table as CSV or ODS costs at most what
//! the same XLSX costs, plus 20%; `bench/sheets.sh` makes the files).
//!
//! ```text
//! cargo run --release --example read -- [--runs N] FILE...
//! ```
//!
//! For each file: the first read (cold: fonts parsed, caches empty), then
//! the mean and the fastest of N more reads (default 20) of the whole read.
//! For a PDF that is `readers::pdf::read` (the embedded data when the PDF
//! carries it, the page text by glyph positions, the text reader, the
//! comparison), and the page text alone (`readers::pdf::extract_text`) is
//! timed too; for any other file, `readers::read` in the format its name
//! says (else the one its bytes say), as `scheda convert` reads it. The
//! files are read in turn, run by run, so that a machine slowing down
//! weighs on all of them alike.

use std::time::{Duration, Instant};

fn main() {
    let mut runs = 20;
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--runs" => {
                runs = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|n| *n > 0)
                    .unwrap_or_else(|| fail("--runs takes a positive number"));
            }
            "-h" | "--help" => fail("usage: read [--runs N] FILE..."),
            _ => files.push(arg),
        }
    }
    if files.is_empty() {
        fail("usage: read [--runs N] FILE...");
    }
    let mut others = Vec::new();
    for file in files {
        let bytes = std::fs::read(&file).unwrap_or_else(|e| fail(&format!("{file}: {e}")));
        let format = scheda::Format::from_path(std::path::Path::new(&file))
            .unwrap_or_else(|| scheda::Format::sniff(&bytes));
        if format == scheda::Format::Pdf {
            pdf(&file, &bytes, runs);
        } else {
            others.push((file, bytes, format));
        }
    }
    if others.is_empty() {
        return;
    }
    // Cold reads first, then the runs in turn.
    let mut rows: Vec<(String, String, Duration, Vec<Duration>)> = Vec::new();
    for (file, bytes, format) in &others {
        let start = Instant::now();
        let first = scheda::readers::read(bytes, *format);
        let cold = start.elapsed();
        let outcome = match &first {
            Ok(out) => format!("{} forms, {} warnings", out.value.len(), out.warnings.len()),
            Err(e) => format!("error: {}", e.to_string().lines().next().unwrap_or("")),
        };
        rows.push((file.clone(), outcome, cold, Vec::new()));
    }
    for _ in 0..runs {
        for ((_, bytes, format), row) in others.iter().zip(rows.iter_mut()) {
            let start = Instant::now();
            let _ = scheda::readers::read(bytes, *format);
            row.3.push(start.elapsed());
        }
    }
    for (file, outcome, cold, times) in rows {
        let total: Duration = times.iter().sum();
        let fastest = times.iter().min().copied().unwrap_or_default();
        println!(
            "{file}: {outcome}; first read {:.1} ms; read {:.1} ms (fastest {:.1}); {runs} runs",
            ms(cold),
            ms(total / u32::try_from(runs).unwrap_or(1)),
            ms(fastest),
        );
    }
}

/// Time the reading of one PDF, and of its page text alone.
fn pdf(file: &str, bytes: &[u8], runs: usize) {
    let start = Instant::now();
    let first = scheda::readers::pdf::read(bytes);
    let cold = start.elapsed();
    let outcome = match &first {
        Ok(out) => format!("read, {} warnings", out.warnings.len()),
        Err(e) => format!("error: {}", e.to_string().lines().next().unwrap_or("")),
    };
    let read = time(runs, || {
        let _ = scheda::readers::pdf::read(bytes);
    });
    let text = time(runs, || {
        let _ = scheda::readers::pdf::extract_text(bytes);
    });
    println!(
        "{file}: {outcome}; first read {:.1} ms; read {:.1} ms (fastest {:.1}); page text alone {:.1} ms (fastest {:.1}); {runs} runs",
        ms(cold),
        ms(read.0),
        ms(read.1),
        ms(text.0),
        ms(text.1),
    );
}

/// Mean and fastest of `runs` calls of `f`.
fn time(runs: usize, mut f: impl FnMut()) -> (Duration, Duration) {
    let mut total = Duration::ZERO;
    let mut fastest = Duration::MAX;
    for _ in 0..runs {
        let start = Instant::now();
        f();
        let took = start.elapsed();
        total += took;
        fastest = fastest.min(took);
    }
    (total / u32::try_from(runs).unwrap_or(1), fastest)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn fail(message: &str) -> ! {
    eprintln!("read: {message}");
    std::process::exit(2)
}
