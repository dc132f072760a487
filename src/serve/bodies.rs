//! Request bodies within a memory budget: the server holds at most
//! [`budget`] bytes of bodies at once, whatever the clients do. A body
//! reserves its declared length (or the largest upload, when it declares
//! none) before a byte of it is read, all or nothing, so that waiting bodies
//! hold nothing and cannot starve each other. At most another budget's worth
//! of bodies waits for room, each at most [`WAIT`]; the others, and those
//! that find no room in time, get `503` with `Retry-After` at once, without
//! their bytes being kept. A body that does not arrive within the server's
//! time limit gets `408`; one over `max_upload` gets `413`.
//!
//! A body refused before it is read is read on, and thrown away, in the
//! background after the answer ([`LINGER`], at most [`LINGERING`] at once),
//! as a web server's "lingering close" does: a client still sending gets
//! to read the answer instead of a connection reset that may discard it.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use axum::body::{Body, HttpBody};
use axum::http::StatusCode;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use super::Shared;
use super::problem::Problem;
use crate::messages::{Message, kind};

/// How long a body waits for room before the server answers `503`.
pub const WAIT: Duration = Duration::from_secs(5);

/// The seconds a client is told to wait after a `503`.
pub const RETRY_AFTER: u64 = 2;

/// How long a refused body is read on (and thrown away) after the answer.
pub const LINGER: Duration = Duration::from_secs(5);

/// Refused bodies read on at once; beyond them, the connection is closed
/// after the answer.
pub const LINGERING: usize = 32;

/// The bytes read before the task reading a body lets others run, so that
/// a fast upload does not delay the other requests (`/api/health`).
const YIELD_EVERY: usize = 256 * 1024;

/// The bytes of bodies held at once for a server that takes uploads of at
/// most `max_upload` bytes: four of the largest (at least 16 MB).
pub fn budget(max_upload: usize) -> usize {
    max_upload.saturating_mul(4).max(16 * 1024 * 1024)
}

/// The room for bodies, in KiB (whole KiB, rounded up), and who waits for it.
pub struct Budget {
    room: Arc<Semaphore>,
    size: u32,
    /// KiB asked for by the bodies waiting for room.
    waiting: AtomicU32,
    lingering: Arc<Semaphore>,
}

impl Budget {
    /// The budget of a server that takes uploads of at most `max_upload`
    /// bytes.
    pub fn new(max_upload: usize) -> Budget {
        let size = kib(budget(max_upload) as u64);
        Budget {
            room: Arc::new(Semaphore::new(size as usize)),
            size,
            waiting: AtomicU32::new(0),
            lingering: Arc::new(Semaphore::new(LINGERING)),
        }
    }
}

fn kib(bytes: u64) -> u32 {
    u32::try_from(bytes.div_ceil(1024)).unwrap_or(u32::MAX)
}

/// A place in the queue of bodies waiting for room, left when dropped.
struct Waiting<'a>(&'a AtomicU32, u32);

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(self.1, Ordering::Relaxed);
    }
}

/// Room for a body of `length` bytes (`None`: undeclared, the largest
/// upload), held until the permit is dropped.
pub async fn reserve(
    shared: &Shared,
    length: Option<u64>,
) -> Result<OwnedSemaphorePermit, Problem> {
    let max = shared.max_upload as u64;
    let length = match length {
        Some(n) if n > max => return Err(Problem::too_large(shared.max_upload)),
        Some(n) => n,
        None => max,
    };
    shared.bodies.room(kib(length).max(1), WAIT).await
}

impl Budget {
    /// Room for `wanted` KiB: at once if there is room; else, when the
    /// bodies already waiting leave a place in the queue, as soon as there
    /// is room within `wait`; else `503`.
    async fn room(&self, wanted: u32, wait: Duration) -> Result<OwnedSemaphorePermit, Problem> {
        if let Ok(permit) = self.room.clone().try_acquire_many_owned(wanted) {
            return Ok(permit);
        }
        let queued = self.waiting.fetch_add(wanted, Ordering::Relaxed);
        let _waiting = Waiting(&self.waiting, wanted);
        if queued.saturating_add(wanted) > self.size {
            return Err(busy());
        }
        match tokio::time::timeout(wait, self.room.clone().acquire_many_owned(wanted)).await {
            Ok(Ok(permit)) => Ok(permit),
            _ => Err(busy()),
        }
    }
}

/// `503`: no room for the body now.
pub fn busy() -> Problem {
    Problem::plain(
        StatusCode::SERVICE_UNAVAILABLE,
        kind::BUSY,
        Some(kind::BUSY_HINT),
    )
    .retry_after(RETRY_AFTER)
}

/// `408`: the body did not arrive in time.
pub fn too_slow(shared: &Shared) -> Problem {
    Problem::new(
        StatusCode::REQUEST_TIMEOUT,
        Message::new(
            kind::TOO_SLOW,
            [("seconds", shared.timeout.as_secs().to_string().into())],
        ),
        Some(Message::new(kind::TOO_SLOW_HINT, [])),
    )
}

/// `problem`, the answer to a request whose `body` is not read: the body is
/// read on and thrown away in the background, at most [`LINGER`] and
/// `max_upload` bytes, when fewer than [`LINGERING`] are.
fn refuse(shared: &Shared, body: Body, problem: Problem) -> Problem {
    let (Ok(runtime), Ok(permit)) = (
        tokio::runtime::Handle::try_current(),
        shared.bodies.lingering.clone().try_acquire_owned(),
    ) else {
        return problem;
    };
    let max = shared.max_upload;
    runtime.spawn(async move {
        let _permit = permit;
        let _ = tokio::time::timeout(LINGER, discard(body, max)).await;
    });
    problem
}

/// Read `body` and keep none of it, up to `max` bytes.
async fn discard(mut body: Body, max: usize) {
    let mut read = 0usize;
    let mut unyielded = 0usize;
    while let Some(Ok(frame)) =
        std::future::poll_fn(|cx| std::pin::Pin::new(&mut body).poll_frame(cx)).await
    {
        let n = frame.data_ref().map_or(0, |d| d.len());
        read += n;
        unyielded += n;
        if read > max {
            return;
        }
        if unyielded >= YIELD_EVERY {
            unyielded = 0;
            tokio::task::yield_now().await;
        }
    }
}

/// Room for a body read part by part (a multipart upload), as long as its
/// declared `Content-Length` (the largest upload when it declares none).
pub async fn reserve_declared(
    shared: &Shared,
    headers: &axum::http::HeaderMap,
) -> Result<OwnedSemaphorePermit, Problem> {
    let length = headers
        .get(axum::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok());
    reserve(shared, length).await
}

/// The request body, at most `max_upload` bytes, with its room in the
/// budget (keep the permit while the bytes are used); an empty body is an
/// error.
pub async fn read(
    shared: &Shared,
    mut body: Body,
) -> Result<(Vec<u8>, OwnedSemaphorePermit), Problem> {
    let declared = body.size_hint().exact();
    let permit = match reserve(shared, declared).await {
        Ok(permit) => permit,
        Err(problem) => return Err(refuse(shared, body, problem)),
    };
    let max = shared.max_upload;
    let receive = async {
        // The declared length is within `max_upload` and reserved: room for
        // it at once, rather than growing by doubling (twice the memory).
        let capacity = declared.map_or(0, |n| usize::try_from(n).unwrap_or(0).min(max));
        let mut bytes = Vec::with_capacity(capacity);
        let mut unyielded = 0usize;
        while let Some(frame) =
            std::future::poll_fn(|cx| std::pin::Pin::new(&mut body).poll_frame(cx)).await
        {
            let frame = frame.map_err(|e| {
                Problem::new(
                    StatusCode::BAD_REQUEST,
                    Message::new(kind::BODY_BROKEN, [("reason", e.to_string().into())]),
                    Some(Message::new(kind::SEND_AGAIN_HINT, [])),
                )
            })?;
            if let Ok(data) = frame.into_data() {
                if bytes.len() + data.len() > max {
                    return Err(Problem::too_large(max));
                }
                bytes.extend_from_slice(&data);
                unyielded += data.len();
                if unyielded >= YIELD_EVERY {
                    unyielded = 0;
                    tokio::task::yield_now().await;
                }
            }
        }
        Ok(bytes)
    };
    let bytes = match tokio::time::timeout(shared.timeout, receive).await {
        Ok(Ok(bytes)) => bytes,
        Ok(Err(problem)) if problem.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            return Err(refuse(shared, body, problem));
        }
        Ok(Err(problem)) => return Err(problem),
        Err(_) => return Err(too_slow(shared)),
    };
    if bytes.is_empty() {
        return Err(Problem::plain(
            StatusCode::BAD_REQUEST,
            kind::EMPTY_BODY,
            Some(kind::EMPTY_BODY_HINT),
        ));
    }
    Ok((bytes, permit))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_budget_is_four_of_the_largest_uploads() {
        assert_eq!(budget(20 * 1024 * 1024), 80 * 1024 * 1024);
        assert_eq!(budget(1024), 16 * 1024 * 1024);
        assert_eq!(Budget::new(20 * 1024 * 1024).size, 80 * 1024);
        assert_eq!(kib(1), 1);
        assert_eq!(kib(2048), 2);
    }

    /// A body that finds the room full waits for it: it gets room freed
    /// while it waits, and `503` when none is freed in time or when the
    /// queue is full too. (The server waits [`WAIT`]; the same road with
    /// shorter waits here. `serve::` in the integration tests fills a real
    /// server's room and queue.)
    #[test]
    fn a_body_waits_for_room_then_gets_503() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap();
        runtime.block_on(async {
            let budget = Budget::new(1024);
            let size = budget.size;
            let short = Duration::from_millis(50);
            let Ok(full) = budget.room(size, short).await else {
                panic!("no room in an empty budget")
            };
            let refused = budget.room(1, short).await.unwrap_err();
            assert_eq!(refused.status(), StatusCode::SERVICE_UNAVAILABLE);
            // Room freed while a body waits: it gets it.
            let waiter = budget.room(size, Duration::from_secs(10));
            let freer = async {
                tokio::time::sleep(short).await;
                drop(full);
            };
            let (got, ()) = tokio::join!(waiter, freer);
            let Ok(held) = got else {
                panic!("no room once it was freed")
            };
            assert_eq!(budget.waiting.load(Ordering::Relaxed), 0);
            // The queue holds another budget's worth: beyond it, `503` at
            // once, however long the body would wait.
            let queued = budget.room(size, Duration::from_secs(10));
            let beyond = async {
                tokio::task::yield_now().await;
                let started = std::time::Instant::now();
                let refused = budget.room(1, Duration::from_secs(10)).await.unwrap_err();
                assert!(started.elapsed() < Duration::from_secs(5));
                refused.status()
            };
            let freer = async {
                tokio::time::sleep(Duration::from_millis(200)).await;
                drop(held);
            };
            let (queued, status, ()) = tokio::join!(queued, beyond, freer);
            assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
            assert!(queued.is_ok());
        });
    }
}
