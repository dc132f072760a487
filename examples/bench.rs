//! Throughput of the PDF writer: N forms rendered in one process by T
//! worker threads, each with its own reusable renderer.
//!
//! ```text
//! cargo run --release --example bench -- [--forms N] [--threads T] [--templates DIR] [MODEL.json | FORMS.jsonl]
//! ```
//!
//! The model defaults to the golden model of seed 002. Every form gets its
//! own Comune name and user counts, so that the batch is not one form
//! rendered N times. With a `.jsonl` file (examples/generate.rs `--format
//! jsonl`), form `i` is the file's form `i` (cycling), rendered as it is:
//! forms that differ in every value, as a real batch. Prints the first
//! form's time, forms per second and the peak resident memory of the
//! process (Linux `VmHWM`).
//!
//! Workers are the threads of `scheda::workers::pool`, as in `scheda batch`
//! (why: see that module).

use std::path::PathBuf;
use std::time::Instant;

use scheda::model::Scheda;
use scheda::writers::pdf::{PdfSettings, Renderer};

/// The allocator of the `scheda` binary (src/main.rs), so that the renderer
/// alone is measured as `scheda batch` runs it (with `--features jemalloc`,
/// as bench/*.sh build it).
#[cfg(all(feature = "jemalloc", not(target_env = "msvc")))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

struct Args {
    forms: usize,
    threads: usize,
    model: PathBuf,
    templates: Option<PathBuf>,
    quiet: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        forms: 200,
        threads: 1,
        model: PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/002_7dd651adceaafbf1.expected.json"),
        templates: None,
        quiet: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut number = |name: &str| -> Result<usize, String> {
            it.next()
                .and_then(|v| v.parse().ok())
                .filter(|n| *n > 0)
                .ok_or_else(|| format!("{name} takes a positive number"))
        };
        match arg.as_str() {
            "--forms" | "-n" => args.forms = number("--forms")?,
            "--threads" | "-t" => args.threads = number("--threads")?,
            "--quiet" | "-q" => args.quiet = true,
            "--templates" => {
                args.templates = Some(PathBuf::from(
                    it.next().ok_or("--templates takes a directory")?,
                ));
            }
            "--help" | "-h" => {
                return Err("usage: bench [--forms N] [--threads T] [--templates DIR] [--quiet] [MODEL.json | FORMS.jsonl]".into());
            }
            path => args.model = PathBuf::from(path),
        }
    }
    Ok(args)
}

/// The `i`-th form of the batch: one model with its own name and counts,
/// or the `i`-th of several (cycling), as it is.
fn variant(bases: &[Scheda], i: usize) -> Scheda {
    if bases.len() > 1 {
        return bases[i % bases.len()].clone();
    }
    let mut s = bases[0].clone();
    s.ente.denominazione = Some(format!("COMUNE DI PROVA {i}"));
    s.ente.provincia = None;
    for (campo, n) in [("utenti", 97), ("utenti_2019", 89)] {
        let v = scheda::model::Valore::Intero(i as u64 % n);
        s.set_valore("M35", Some(campo), Some(v))
            .expect("M35 is a row of users");
    }
    s
}

/// CPU time (user + system) this process has used, in seconds (Linux),
/// if known: on a busy machine it tells more than the wall clock.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which may hold spaces) end with `)`.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    // Clock ticks are 1/100 s on every Linux the project targets.
    Some((utime + stime) / 100.0)
}

/// Peak resident set size of this process in MiB (Linux), if known.
fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let bytes = std::fs::read(&args.model).unwrap_or_else(|e| {
        eprintln!("cannot read {}: {e}", args.model.display());
        std::process::exit(2);
    });
    let templates = scheda::Templates::from_dir(args.templates.as_deref()).unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(2);
    });
    let jsonl = args.model.extension().is_some_and(|e| e == "jsonl");
    let limits = scheda::limits::Limits::default();
    let read = if jsonl {
        scheda::readers::jsonl::read_with(&bytes, &limits, &templates).map(|w| w.value)
    } else {
        scheda::readers::json::read_with(&bytes, &limits, &templates).map(|w| vec![w.value])
    };
    let base = match read {
        Ok(forms) if !forms.is_empty() => std::sync::Arc::new(forms),
        Ok(_) => {
            eprintln!("{}: no forms", args.model.display());
            std::process::exit(2);
        }
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };

    let start = Instant::now();
    let cpu_start = cpu_seconds();
    let mut first: Option<std::time::Duration> = None;
    let mut total_bytes = 0usize;
    let pool = scheda::workers::pool(args.threads, "bench").unwrap_or_else(|e| panic!("{e}"));
    let results = pool.broadcast(|ctx| {
        let t = ctx.index();
        let (forms, threads) = (args.forms, args.threads);
        let settings = PdfSettings {
            templates: templates.clone(),
        };
        let mut renderer = Renderer::new(&settings).unwrap_or_else(|e| panic!("{e}"));
        let mut first = None;
        let mut bytes = 0;
        for i in (t..forms).step_by(threads) {
            let began = Instant::now();
            let out = renderer
                .render(&variant(&base, i))
                .unwrap_or_else(|e| panic!("{e}"));
            first.get_or_insert(began.elapsed());
            bytes += out.value.len();
        }
        (first, bytes)
    });
    for (worker_first, bytes) in results {
        total_bytes += bytes;
        first = match (first, worker_first) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }
    let elapsed = start.elapsed();
    let cpu = cpu_seconds()
        .zip(cpu_start)
        .map(|(end, start)| (end - start) * 1000.0 / args.forms as f64);
    let rate = args.forms as f64 / elapsed.as_secs_f64();
    if args.quiet {
        println!("{:.3}", elapsed.as_secs_f64() * 1000.0 / args.forms as f64);
        return;
    }
    println!(
        "{} forms, {} thread(s): {:.2} s, {:.1} forms/s, {:.1} ms/form ({} CPU ms/form); first form {:.1} ms; {:.0} KiB/form; peak RSS {}",
        args.forms,
        args.threads,
        elapsed.as_secs_f64(),
        rate,
        elapsed.as_secs_f64() * 1000.0 / args.forms as f64,
        cpu.map_or("n/a".to_string(), |c| format!("{c:.1}")),
        first.map_or(0.0, |d| d.as_secs_f64() * 1000.0),
        total_bytes as f64 / args.forms as f64 / 1024.0,
        peak_rss_mib().map_or("n/a".to_string(), |m| format!("{m:.0} MiB")),
    );
}
