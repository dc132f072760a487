//! A load test of `scheda serve` on the loopback address: C clients at once,
//! for S seconds, each in a loop reading a seed (`POST /api/read`) and
//! rendering it to PDF (`POST /api/render?to=pdf`), as the page does.
//!
//! ```text
//! cargo build --release && cargo run --release --example load -- [--clients 50] [--seconds 30] [--jobs N]
//! ```
//!
//! Starts the `scheda` binary built with this example (`target/release/scheda`
//! for `--release`, `target/debug/scheda` otherwise; or `$SCHEDA`) on a free
//! port as a process of its own, and reports requests per second by kind,
//! the slowest answer, every failed request (any status but 200, or a broken
//! connection) and the server's peak resident memory (Linux `VmHWM`).
//!
//! `--flood` tries the server's bounds instead (issue 19; `flood.rs`): 200
//! clients at once each upload a body of the largest size the server takes,
//! and 500 others send a body that never finishes, while `/api/health` is
//! asked every 50 ms. Every request must be answered (200, 400, 408, 413 or
//! 503 with `Retry-After`), the server's peak memory must stay under 300 MiB,
//! and `/api/health` must answer within 100 ms throughout; the run fails
//! otherwise. It reports the answers by status, `/api/health`'s times
//! (p50, p99, max), the server's peak memory and the CPU time of both sides.
//!
//! ```text
//! cargo build && cargo run --example load -- --flood [--uploads 200] [--slow 500]
//! ```

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

mod flood;

fn main() {
    let mut clients = 50usize;
    let mut seconds = 30u64;
    let mut jobs: Option<String> = None;
    let mut flood = false;
    let mut uploads = 200usize;
    let mut slow = 500usize;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || {
            args.next()
                .unwrap_or_else(|| fail(&format!("{arg} takes a value")))
        };
        match arg.as_str() {
            "--clients" => {
                clients = value()
                    .parse()
                    .unwrap_or_else(|_| fail("--clients takes a number"))
            }
            "--seconds" => {
                seconds = value()
                    .parse()
                    .unwrap_or_else(|_| fail("--seconds takes a number"))
            }
            "--jobs" => jobs = Some(value()),
            "--flood" => flood = true,
            "--uploads" => {
                uploads = value()
                    .parse()
                    .unwrap_or_else(|_| fail("--uploads takes a number"))
            }
            "--slow" => {
                slow = value()
                    .parse()
                    .unwrap_or_else(|_| fail("--slow takes a number"))
            }
            _ => fail(
                "usage: load [--clients N] [--seconds S] [--jobs N] | --flood [--uploads N] [--slow N]",
            ),
        }
    }
    let binary = std::env::var("SCHEDA").unwrap_or_else(|_| beside_this_example());
    let port = free_port();
    let mut command = std::process::Command::new(&binary);
    command.args(["serve", "--bind", &format!("127.0.0.1:{port}")]);
    if flood {
        // Slow bodies are answered 408 after this.
        command.args(["--timeout", &flood::TIMEOUT.as_secs().to_string()]);
    }
    if let Some(jobs) = &jobs {
        command.args(["--jobs", jobs]);
    }
    let mut server = command
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap_or_else(|e| {
            fail(&format!(
                "cannot start {binary} ({e}); build it first (cargo build, with --release for a release run)"
            ))
        });
    let addr: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
    let up = Instant::now();
    while TcpStream::connect(addr).is_err() {
        if up.elapsed() > Duration::from_secs(10) {
            let _ = server.kill();
            fail("the server did not start");
        }
        std::thread::sleep(Duration::from_millis(50));
    }

    if flood {
        let ok = flood::run(addr, server.id(), uploads, slow);
        let _ = server.kill();
        let _ = server.wait();
        std::process::exit(if ok { 0 } else { 1 });
    }

    let seeds: Vec<Vec<u8>> = std::fs::read_dir("tests/fixtures")
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|e| e == "txt")
                && p.file_name().unwrap().to_string_lossy().starts_with("00")
        })
        .map(|p| std::fs::read(p).unwrap())
        .collect();
    let seeds = Arc::new(seeds);
    let stop = Arc::new(AtomicBool::new(false));
    let reads = Arc::new(AtomicU64::new(0));
    let renders = Arc::new(AtomicU64::new(0));
    let slowest = Arc::new(Mutex::new(Duration::ZERO));
    let failures = Arc::new(Mutex::new(Vec::<String>::new()));
    let start = Instant::now();
    let workers: Vec<_> = (0..clients)
        .map(|i| {
            let (seeds, stop, reads, renders, slowest, failures) = (
                Arc::clone(&seeds),
                Arc::clone(&stop),
                Arc::clone(&reads),
                Arc::clone(&renders),
                Arc::clone(&slowest),
                Arc::clone(&failures),
            );
            std::thread::spawn(move || {
                let mut n = i;
                while !stop.load(Ordering::Relaxed) {
                    let seed = &seeds[n % seeds.len()];
                    n += 1;
                    let t = Instant::now();
                    let read = match post(addr, "/api/read?name=seed.txt", seed) {
                        Ok((200, body)) => body,
                        Ok((status, body)) => {
                            failures
                                .lock()
                                .unwrap()
                                .push(format!("read: {status} {}", String::from_utf8_lossy(&body)));
                            continue;
                        }
                        Err(e) => {
                            failures.lock().unwrap().push(format!("read: {e}"));
                            continue;
                        }
                    };
                    note(&slowest, t.elapsed());
                    reads.fetch_add(1, Ordering::Relaxed);
                    let form = model_of(&read);
                    let t = Instant::now();
                    match post(addr, "/api/render?to=pdf", &form) {
                        Ok((200, pdf)) if pdf.starts_with(b"%PDF") => {
                            renders.fetch_add(1, Ordering::Relaxed);
                        }
                        Ok((status, body)) => failures.lock().unwrap().push(format!(
                            "render: {status} {}",
                            String::from_utf8_lossy(&body[..body.len().min(200)])
                        )),
                        Err(e) => failures.lock().unwrap().push(format!("render: {e}")),
                    }
                    note(&slowest, t.elapsed());
                }
            })
        })
        .collect();
    std::thread::sleep(Duration::from_secs(seconds));
    stop.store(true, Ordering::Relaxed);
    for w in workers {
        let _ = w.join();
    }
    let elapsed = start.elapsed().as_secs_f64();
    let peak = peak_rss_mib(server.id());
    let _ = server.kill();
    let _ = server.wait();
    let failures = failures.lock().unwrap();
    let (reads, renders) = (
        reads.load(Ordering::Relaxed),
        renders.load(Ordering::Relaxed),
    );
    println!(
        "{clients} clients, {elapsed:.1} s: {reads} reads ({:.0}/s) and {renders} PDFs ({:.0}/s), {:.0} requests/s; slowest answer {:.0} ms; {} failed; server peak RSS {}",
        reads as f64 / elapsed,
        renders as f64 / elapsed,
        (reads + renders) as f64 / elapsed,
        slowest.lock().unwrap().as_secs_f64() * 1000.0,
        failures.len(),
        peak.map_or("n/a".to_string(), |m| format!("{m:.0} MiB")),
    );
    for f in failures.iter().take(5) {
        println!("  failed: {f}");
    }
    if !failures.is_empty() {
        std::process::exit(1);
    }
}

fn note(slowest: &Mutex<Duration>, took: Duration) {
    let mut s = slowest.lock().unwrap();
    if took > *s {
        *s = took;
    }
}

/// The first form of a `/api/read` answer, as a request body.
fn model_of(answer: &[u8]) -> Vec<u8> {
    let v: serde_json::Value = serde_json::from_slice(answer).unwrap();
    serde_json::to_vec(&v["forms"][0]).unwrap()
}

fn post(addr: SocketAddr, path: &str, body: &[u8]) -> std::io::Result<(u16, Vec<u8>)> {
    let mut stream = TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(120)))?;
    write!(
        stream,
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )?;
    // The server may answer (503, 413) before it reads the body.
    let wrote = stream.write_all(body);
    let mut raw = Vec::new();
    if let Err(e) = stream.read_to_end(&mut raw)
        && raw.is_empty()
    {
        return Err(wrote.err().unwrap_or(e));
    }
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| std::io::Error::other("no response head"))?;
    let status = String::from_utf8_lossy(&raw[..split])
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Ok((status, raw[split + 4..].to_vec()))
}

/// `scheda` in the target directory this example was built in
/// (`target/PROFILE/examples/load` -> `target/PROFILE/scheda`).
fn beside_this_example() -> String {
    std::env::current_exe()
        .ok()
        .and_then(|exe| Some(exe.parent()?.parent()?.join("scheda")))
        .map_or_else(
            || "target/release/scheda".to_string(),
            |p| p.display().to_string(),
        )
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or(8099)
}

fn peak_rss_mib(pid: u32) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn fail(message: &str) -> ! {
    eprintln!("load: {message}");
    std::process::exit(2)
}
