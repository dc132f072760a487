//! A load test of `scheda serve` on the loopback address: C clients at once,
//! for S seconds, each in a loop reading a seed (`POST /api/read`) and
//! rendering it to PDF (`POST /api/render?to=pdf`), as the page does.
//!
//! ```text
//! cargo build --release && cargo run --release --example load -- [--clients 50] [--seconds 30] [--jobs N]
//! ```
//!
//! Starts `target/release/scheda serve` (or `$SCHEDA`) on a free port as a
//! process of its own, and reports requests per second by kind, the
//! slowest answer, every failed request (any status but 200, or a broken
//! connection) and the server's peak resident memory (Linux `VmHWM`).
//!
//! `--flood` tries the server's bounds instead (issue 19): 200 clients at
//! once each upload a body of the largest size the server takes, and 500
//! others send a body that never finishes, while `/api/health` is asked
//! every 100 ms. Every request must be answered (200, 400, 408, 413 or 503
//! with `Retry-After`), the server's peak memory must stay under 300 MiB,
//! and `/api/health` must answer within 100 ms throughout; the run fails
//! otherwise.
//!
//! ```text
//! cargo run --release --example load -- --flood [--uploads 200] [--slow 500]
//! ```

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

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
    let binary = std::env::var("SCHEDA").unwrap_or_else(|_| "target/release/scheda".into());
    let port = free_port();
    let mut command = std::process::Command::new(&binary);
    command.args(["serve", "--bind", &format!("127.0.0.1:{port}")]);
    if flood {
        // Slow bodies are answered 408 after this.
        command.args(["--timeout", &FLOOD_TIMEOUT.as_secs().to_string()]);
    }
    if let Some(jobs) = &jobs {
        command.args(["--jobs", jobs]);
    }
    let mut server = command
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap_or_else(|e| {
            fail(&format!(
                "cannot start {binary} ({e}); build it with cargo build --release"
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
        let ok = flood_test(addr, server.id(), uploads, slow);
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

/// The server's time limit in `--flood` (a slow body waits this long).
const FLOOD_TIMEOUT: Duration = Duration::from_secs(10);

/// The largest upload of `scheda serve` by default, less a little.
const LARGEST: usize = 19 * 1024 * 1024;

/// `--flood` (see the module documentation); whether the server held.
fn flood_test(addr: SocketAddr, pid: u32, uploads: usize, slow: usize) -> bool {
    let statuses = Arc::new(Mutex::new(std::collections::BTreeMap::<String, u64>::new()));
    let unanswered = Arc::new(Mutex::new(Vec::<String>::new()));
    let big: Arc<Vec<u8>> = Arc::new({
        let mut b = b"%PDF-1.7\n".to_vec();
        b.resize(LARGEST, b'x');
        b
    });
    let stop = Arc::new(AtomicBool::new(false));
    let health = {
        let stop = Arc::clone(&stop);
        std::thread::spawn(move || {
            let mut worst = Duration::ZERO;
            let mut failed = 0u32;
            while !stop.load(Ordering::Relaxed) {
                let t = Instant::now();
                match get(addr, "/api/health") {
                    Ok(200) => worst = worst.max(t.elapsed()),
                    _ => failed += 1,
                }
                std::thread::sleep(Duration::from_millis(100));
            }
            (worst, failed)
        })
    };
    let start = Instant::now();
    let mut clients = Vec::new();
    for i in 0..uploads + slow {
        let (big, statuses, unanswered) = (
            Arc::clone(&big),
            Arc::clone(&statuses),
            Arc::clone(&unanswered),
        );
        clients.push(std::thread::spawn(move || {
            let answer = if i < uploads {
                post(addr, "/api/read?name=big.pdf", &big)
            } else {
                trickle(addr)
            };
            match answer {
                Ok((status, _)) if status > 0 => {
                    *statuses
                        .lock()
                        .unwrap()
                        .entry(format!(
                            "{}{status}",
                            if i < uploads { "upload " } else { "slow " }
                        ))
                        .or_default() += 1;
                }
                Ok(_) => unanswered.lock().unwrap().push("no status line".into()),
                Err(e) => unanswered.lock().unwrap().push(e.to_string()),
            }
        }));
    }
    for c in clients {
        let _ = c.join();
    }
    stop.store(true, Ordering::Relaxed);
    let (worst, health_failed) = health.join().unwrap_or((Duration::MAX, 1));
    let peak = peak_rss_mib(pid);
    let unanswered = unanswered.lock().unwrap();
    println!(
        "{uploads} uploads of {} MiB and {slow} slow bodies in {:.1} s: {:?}; {} unanswered; /api/health slowest {:.0} ms ({} failed); server peak RSS {}",
        LARGEST / (1024 * 1024),
        start.elapsed().as_secs_f64(),
        statuses.lock().unwrap(),
        unanswered.len(),
        worst.as_secs_f64() * 1000.0,
        health_failed,
        peak.map_or("n/a".to_string(), |m| format!("{m:.0} MiB")),
    );
    for u in unanswered.iter().take(5) {
        println!("  unanswered: {u}");
    }
    unanswered.is_empty()
        && health_failed == 0
        && worst < Duration::from_millis(100)
        && peak.is_none_or(|m| m < 300.0)
}

/// A body that declares 1000 bytes and sends one every half second, until
/// the server answers.
fn trickle(addr: SocketAddr) -> std::io::Result<(u16, Vec<u8>)> {
    let mut stream = TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(Duration::from_millis(500)))?;
    write!(
        stream,
        "POST /api/read?from=txt HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: 1000\r\n\r\n"
    )?;
    let mut raw = Vec::new();
    let give_up = Instant::now() + FLOOD_TIMEOUT * 3;
    while Instant::now() < give_up {
        // Read first, and send the next byte only when nothing came: a byte
        // sent after the server answered and closed makes it reset the
        // connection, which discards the answer not yet read.
        let mut buf = [0u8; 4096];
        match stream.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => raw.extend_from_slice(&buf[..n]),
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                stream.set_nonblocking(true)?;
                let quiet = matches!(stream.peek(&mut buf), Err(e) if e.kind() == std::io::ErrorKind::WouldBlock);
                stream.set_nonblocking(false)?;
                if quiet {
                    let _ = stream.write_all(b"x");
                }
            }
            Err(e) => return Err(e),
        }
        if raw.windows(4).any(|w| w == b"\r\n\r\n") {
            break;
        }
    }
    let status = String::from_utf8_lossy(&raw)
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Ok((status, raw))
}

fn get(addr: SocketAddr, path: &str) -> std::io::Result<u16> {
    let mut stream = TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    Ok(String::from_utf8_lossy(&raw)
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0))
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
