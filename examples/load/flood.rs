//! `--flood`: the server's bounds under 200 uploads of the largest size and
//! 500 bodies that never finish, with `/api/health` asked all the while.
//!
//! The clients are light and fair, so that they do not starve the server
//! they measure (on one machine they share its cores): one thread runs them
//! all (a tokio runtime on the current thread), and each upload writes its
//! body while it reads, so that an early answer (`503`, `413`) is read and
//! the upload stops there, as a browser does. A request counts as answered
//! when its status line was read, even if the connection was reset after.
//! `/api/health` is asked from a thread of its own, every 50 ms.

use std::io::{Read, Write};
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use tokio::io::Interest;
use tokio::net::TcpStream;

/// The server's time limit in `--flood` (a slow body is answered `408`
/// after it).
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// The largest upload of `scheda serve` by default (`--max-upload 20MB`),
/// less a little.
const LARGEST: usize = 19 * 1024 * 1024;

/// How long any request may go unanswered before it counts as such.
const GIVE_UP: Duration = Duration::from_secs(60);

/// What became of one request.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Outcome {
    /// Its status line was read (`reset`: the connection was reset after).
    Answered { status: u16, reset: bool },
    /// Reset, closed or failed before a status line came.
    Unanswered(String),
}

/// Run the flood against `addr` (the server is process `pid`); whether the
/// server held: every request answered, peak memory under 300 MiB,
/// `/api/health` always under 100 ms.
pub fn run(addr: SocketAddr, pid: u32, uploads: usize, slow: usize) -> bool {
    let stop = Arc::new(AtomicBool::new(false));
    let health = {
        let stop = Arc::clone(&stop);
        std::thread::spawn(move || ask_health(addr, &stop))
    };
    let cpu_before = (cpu_seconds("self"), cpu_seconds(&pid.to_string()));
    let start = Instant::now();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let outcomes: Vec<(&str, Outcome)> = runtime.block_on(async {
        let big: Arc<[u8]> = {
            let mut b = b"%PDF-1.7\n".to_vec();
            b.resize(LARGEST, b'x');
            b.into()
        };
        let mut tasks = Vec::new();
        for i in 0..uploads + slow {
            let big = Arc::clone(&big);
            tasks.push(tokio::spawn(async move {
                let answer = if i < uploads {
                    tokio::time::timeout(GIVE_UP, upload(addr, "/api/read?name=big.pdf", &big))
                        .await
                } else {
                    tokio::time::timeout(GIVE_UP, trickle(addr)).await
                };
                let outcome = answer.unwrap_or_else(|_| {
                    Outcome::Unanswered(format!("no answer in {} s", GIVE_UP.as_secs()))
                });
                (if i < uploads { "upload" } else { "slow" }, outcome)
            }));
        }
        let mut outcomes = Vec::new();
        for task in tasks {
            if let Ok(outcome) = task.await {
                outcomes.push(outcome);
            }
        }
        outcomes
    });
    let elapsed = start.elapsed();
    stop.store(true, Ordering::Relaxed);
    let (mut latencies, health_failed) = health.join().unwrap_or_default();
    let cpu_client = cpu_seconds("self") - cpu_before.0;
    let cpu_server = cpu_seconds(&pid.to_string()) - cpu_before.1;
    let peak = super::peak_rss_mib(pid);

    let mut counts = std::collections::BTreeMap::<String, u64>::new();
    let mut unanswered = Vec::new();
    for (kind, outcome) in &outcomes {
        let key = match outcome {
            Outcome::Answered {
                status,
                reset: false,
            } => format!("{kind} {status}"),
            Outcome::Answered {
                status,
                reset: true,
            } => format!("{kind} {status} (then reset)"),
            Outcome::Unanswered(why) => {
                unanswered.push(format!("{kind}: {why}"));
                format!("{kind} unanswered")
            }
        };
        *counts.entry(key).or_default() += 1;
    }
    latencies.sort();
    let slowest: Vec<String> = latencies
        .iter()
        .rev()
        .take(3)
        .map(|(took, at)| {
            format!(
                "{:.0} ms at {:.1} s",
                took.as_secs_f64() * 1000.0,
                at.as_secs_f64()
            )
        })
        .collect();
    let latencies: Vec<Duration> = latencies.into_iter().map(|(took, _)| took).collect();
    let percentile = |p: f64| -> f64 {
        let i = ((latencies.len() as f64 - 1.0) * p).round() as usize;
        latencies
            .get(i)
            .map_or(f64::NAN, |d| d.as_secs_f64() * 1000.0)
    };
    let worst = latencies.last().copied().unwrap_or(Duration::MAX);
    println!(
        "{uploads} uploads of {} MiB and {slow} slow bodies, {:.1} s",
        LARGEST / (1024 * 1024),
        elapsed.as_secs_f64()
    );
    for (key, n) in &counts {
        println!("  {key}: {n}");
    }
    println!(
        "  /api/health: {} answers, p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms, {} failed (slowest: {})",
        latencies.len(),
        percentile(0.5),
        percentile(0.99),
        worst.as_secs_f64() * 1000.0,
        health_failed,
        slowest.join(", ")
    );
    println!(
        "  server: peak RSS {}, {:.1} CPU-s; client {:.1} CPU-s",
        peak.map_or("n/a".to_string(), |m| format!("{m:.0} MiB")),
        cpu_server,
        cpu_client
    );
    for u in unanswered.iter().take(5) {
        println!("  unanswered: {u}");
    }
    unanswered.is_empty()
        && outcomes.len() == uploads + slow
        && health_failed == 0
        && !latencies.is_empty()
        && worst < Duration::from_millis(100)
        && peak.is_none_or(|m| m < 300.0)
}

/// `POST path` with `body`, written while the answer is read: the upload
/// stops at the first byte of an answer.
async fn upload(addr: SocketAddr, path: &str, body: &[u8]) -> Outcome {
    let mut stream = match TcpStream::connect(addr).await {
        Ok(s) => s,
        Err(e) => return Outcome::Unanswered(format!("connect: {e}")),
    };
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    let mut sending: Option<(&[u8], &[u8])> = Some((head.as_bytes(), body));
    let mut answer = Answer::default();
    loop {
        let interest = if sending.is_some() && answer.raw.is_empty() {
            Interest::READABLE | Interest::WRITABLE
        } else {
            Interest::READABLE
        };
        let ready = match stream.ready(interest).await {
            Ok(r) => r,
            Err(e) => return answer.ended(&e.to_string()),
        };
        if ready.is_readable()
            && let Some(outcome) = answer.read(&mut stream)
        {
            return outcome;
        }
        if ready.is_writable()
            && answer.raw.is_empty()
            && let Some((first, rest)) = sending
        {
            let part = if first.is_empty() { rest } else { first };
            let chunk = part.get(..part.len().min(256 * 1024)).unwrap_or(part);
            match stream.try_write(chunk) {
                Ok(n) if first.is_empty() => {
                    sending = Some((first, &rest[n..])).filter(|(_, r)| !r.is_empty())
                }
                Ok(n) => sending = Some((&first[n..], rest)),
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
                // The server stopped reading (it answered, or is about to):
                // read what it says.
                Err(_) => sending = None,
            }
        }
    }
}

/// A body that declares 1000 bytes and sends one every half second, until
/// the server answers.
async fn trickle(addr: SocketAddr) -> Outcome {
    let mut stream = match TcpStream::connect(addr).await {
        Ok(s) => s,
        Err(e) => return Outcome::Unanswered(format!("connect: {e}")),
    };
    let head = format!(
        "POST /api/read?from=txt HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: 1000\r\n\r\n"
    );
    if let Err(e) = write_all(&stream, head.as_bytes()).await {
        return Outcome::Unanswered(format!("head: {e}"));
    }
    let mut answer = Answer::default();
    let mut sent = 0;
    loop {
        match tokio::time::timeout(Duration::from_millis(500), stream.readable()).await {
            Ok(Ok(())) => {
                if let Some(outcome) = answer.read(&mut stream) {
                    return outcome;
                }
            }
            Ok(Err(e)) => return answer.ended(&e.to_string()),
            Err(_) if answer.raw.is_empty() && sent < 1000 => {
                // Nothing came: the next byte (a failed write means the
                // server closed; its answer, if any, is read next).
                if stream.try_write(b"x").is_ok() {
                    sent += 1;
                }
            }
            Err(_) => {}
        }
    }
}

async fn write_all(stream: &TcpStream, mut bytes: &[u8]) -> std::io::Result<()> {
    while !bytes.is_empty() {
        stream.writable().await?;
        match stream.try_write(bytes) {
            Ok(n) => bytes = &bytes[n..],
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// The answer as it arrives.
#[derive(Default)]
struct Answer {
    raw: Vec<u8>,
}

impl Answer {
    /// Read what is there; the outcome once the answer is whole or the
    /// connection ended.
    fn read(&mut self, stream: &mut TcpStream) -> Option<Outcome> {
        let mut buf = [0u8; 16 * 1024];
        loop {
            match stream.try_read(&mut buf) {
                Ok(0) => return Some(self.ended("closed")),
                Ok(n) => {
                    self.raw.extend_from_slice(&buf[..n]);
                    if self.whole() {
                        return Some(self.ended(""));
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => return None,
                Err(e) => return Some(self.ended(&e.to_string())),
            }
        }
    }

    /// Whether the head and the body its `Content-Length` declares came.
    fn whole(&self) -> bool {
        let Some(end) = self.raw.windows(4).position(|w| w == b"\r\n\r\n") else {
            return false;
        };
        let head = String::from_utf8_lossy(&self.raw[..end]).to_ascii_lowercase();
        let length = head
            .lines()
            .find_map(|l| l.strip_prefix("content-length:"))
            .and_then(|v| v.trim().parse::<usize>().ok());
        length.is_some_and(|n| self.raw.len() >= end + 4 + n)
    }

    /// The outcome of a connection that ended (`why`: empty when the answer
    /// came whole).
    fn ended(&self, why: &str) -> Outcome {
        let status = String::from_utf8_lossy(&self.raw)
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse::<u16>().ok());
        match status {
            Some(status) if self.raw.starts_with(b"HTTP/1.1 ") => Outcome::Answered {
                status,
                reset: !why.is_empty() && why != "closed",
            },
            _ if why.is_empty() || why == "closed" => {
                Outcome::Unanswered("closed, no answer".into())
            }
            _ => Outcome::Unanswered(why.to_string()),
        }
    }
}

/// `GET /api/health` every 50 ms until `stop`: the time of each answer (and
/// when it was asked), and how many failed.
fn ask_health(addr: SocketAddr, stop: &AtomicBool) -> (Vec<(Duration, Duration)>, u32) {
    let mut times = Vec::new();
    let mut failed = 0;
    let start = Instant::now();
    while !stop.load(Ordering::Relaxed) {
        let t = Instant::now();
        match get(addr, "/api/health") {
            Ok(200) => times.push((t.elapsed(), t - start)),
            _ => failed += 1,
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    (times, failed)
}

fn get(addr: SocketAddr, path: &str) -> std::io::Result<u16> {
    let mut stream = std::net::TcpStream::connect(addr)?;
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

/// The CPU time (user and system) of process `pid` (`self`) so far, in
/// seconds (Linux; 0 elsewhere).
fn cpu_seconds(pid: &str) -> f64 {
    let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return 0.0;
    };
    // The fields after the command name (which may hold spaces): utime and
    // stime are the 12th and 13th, in clock ticks (100 a second on Linux).
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / 100.0
}
