//! Request bodies within a memory budget: the server holds at most
//! [`budget`] bytes of bodies at once, whatever the clients do. A body
//! reserves its declared length (or the largest upload, when it declares
//! none) before a byte of it is read, all or nothing, so that waiting bodies
//! hold nothing and cannot starve each other; one that finds no room within
//! [`WAIT`] gets `503` with `Retry-After`. A body that does not arrive within
//! the server's time limit gets `408`; one over `max_upload` gets `413`.

use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, HttpBody};
use axum::http::StatusCode;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use super::api::{Problem, Shared};

/// How long a body waits for room before the server answers `503`.
pub const WAIT: Duration = Duration::from_secs(5);

/// The seconds a client is told to wait after a `503`.
pub const RETRY_AFTER: u64 = 2;

/// The bytes of bodies held at once for a server that takes uploads of at
/// most `max_upload` bytes: four of the largest (at least 16 MB).
pub fn budget(max_upload: usize) -> usize {
    max_upload.saturating_mul(4).max(16 * 1024 * 1024)
}

/// The budget as a semaphore of KiB (whole KiB, rounded up).
pub fn semaphore(max_upload: usize) -> Arc<Semaphore> {
    Arc::new(Semaphore::new(kib(budget(max_upload) as u64) as usize))
}

fn kib(bytes: u64) -> u32 {
    u32::try_from(bytes.div_ceil(1024)).unwrap_or(u32::MAX)
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
    let wanted = kib(length).max(1);
    match tokio::time::timeout(WAIT, shared.bodies.clone().acquire_many_owned(wanted)).await {
        Ok(Ok(permit)) => Ok(permit),
        _ => Err(busy()),
    }
}

/// `503`: no room for the body now.
pub fn busy() -> Problem {
    Problem::new(
        StatusCode::SERVICE_UNAVAILABLE,
        "the server is busy with other files",
        Some("try again in a few seconds"),
    )
    .retry_after(RETRY_AFTER)
}

/// `408`: the body did not arrive in time.
pub fn too_slow(shared: &Shared) -> Problem {
    Problem::new(
        StatusCode::REQUEST_TIMEOUT,
        format!(
            "the file did not arrive within {} s",
            shared.timeout.as_secs()
        ),
        Some("check the connection and send the file again"),
    )
}

/// The request body, at most `max_upload` bytes, with its room in the
/// budget (keep the permit while the bytes are used); an empty body is an
/// error.
pub async fn read(
    shared: &Shared,
    mut body: Body,
) -> Result<(Vec<u8>, OwnedSemaphorePermit), Problem> {
    let permit = match reserve(shared, body.size_hint().exact()).await {
        Ok(permit) => permit,
        Err(problem) if problem.is_busy() => {
            // Read what the client sends, keeping none of it, so that it
            // gets the answer rather than a connection reset.
            let drain = async {
                while let Some(Ok(_)) =
                    std::future::poll_fn(|cx| std::pin::Pin::new(&mut body).poll_frame(cx)).await
                {
                }
            };
            let _ = tokio::time::timeout(shared.timeout, drain).await;
            return Err(problem);
        }
        Err(problem) => return Err(problem),
    };
    let max = shared.max_upload;
    let receive = async {
        let mut bytes = Vec::new();
        while let Some(frame) =
            std::future::poll_fn(|cx| std::pin::Pin::new(&mut body).poll_frame(cx)).await
        {
            let frame = frame.map_err(|e| {
                Problem::new(
                    StatusCode::BAD_REQUEST,
                    format!("the file did not arrive whole ({e})"),
                    Some("send the file again"),
                )
            })?;
            if let Ok(data) = frame.into_data() {
                if bytes.len() + data.len() > max {
                    return Err(Problem::too_large(max));
                }
                bytes.extend_from_slice(&data);
            }
        }
        Ok(bytes)
    };
    let bytes = tokio::time::timeout(shared.timeout, receive)
        .await
        .map_err(|_| too_slow(shared))??;
    if bytes.is_empty() {
        return Err(Problem::new(
            StatusCode::BAD_REQUEST,
            "the request has no body",
            Some("send the file's bytes as the request body"),
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
        assert_eq!(kib(1), 1);
        assert_eq!(kib(2048), 2);
    }
}
