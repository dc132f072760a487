//! How long reading a PDF of the form takes (issue 10: at most 30 ms for a
//! 7-page PDF): the whole read, as `scheda convert x.pdf` does it, and its
//! parts, in one process.
//!
//! ```text
//! cargo run --release --example read -- [--runs N] FILE.pdf...
//! ```
//!
//! For each file: the first read (cold: fonts parsed, caches empty), then
//! the mean and the fastest of N more reads (default 20) of the whole read
//! (`readers::pdf::read`: the embedded data when the PDF carries it, the
//! page text by glyph positions, the text reader, the comparison), and of
//! the page text alone (`readers::pdf::extract_text`).

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
            "-h" | "--help" => fail("usage: read [--runs N] FILE.pdf..."),
            _ => files.push(arg),
        }
    }
    if files.is_empty() {
        fail("usage: read [--runs N] FILE.pdf...");
    }
    for file in files {
        let bytes = std::fs::read(&file).unwrap_or_else(|e| fail(&format!("{file}: {e}")));
        let start = Instant::now();
        let first = scheda::readers::pdf::read(&bytes);
        let cold = start.elapsed();
        let outcome = match &first {
            Ok(out) => format!("read, {} warnings", out.warnings.len()),
            Err(e) => format!("error: {}", e.to_string().lines().next().unwrap_or("")),
        };
        let read = time(runs, || {
            let _ = scheda::readers::pdf::read(&bytes);
        });
        let text = time(runs, || {
            let _ = scheda::readers::pdf::extract_text(&bytes);
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
