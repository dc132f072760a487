//! `scheda serve`: the clerk's page and the HTTP API, in one binary.
//!
//! The page (`page.html`, compiled in: no CDN, no network) lets a clerk drop
//! the file they have and get the forms back checked, with downloads in
//! every format; the API it uses (`api`) is open to other programs too.
//! Work runs on a bounded pool of worker threads (`pool`), each with its own
//! PDF renderer; nothing is written to disk or kept between requests, and no
//! path from a request touches the file system. One line is logged per
//! request (method, path, status, time, size), never the form's data.

// No panics by construction (issue 12): the server takes requests from a
// network, so no unwrap, expect or indexing (tests excepted, clippy.toml).
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod api;
mod batch;
mod bodies;
mod diff;
mod openapi;
mod pool;
mod problem;
mod undecided;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};

use crate::diagnostic::{Error, Result};
use crate::limits::Limits;
use crate::messages::kind;
use crate::writers::WriteOptions;

/// The page, compiled in.
const PAGE: &str = include_str!("page.html");

/// How the server runs.
#[derive(Debug, Clone)]
pub struct Options {
    /// Where it listens.
    pub bind: SocketAddr,
    /// Most bytes of a request body.
    pub max_upload: usize,
    /// Most time one request may take.
    pub timeout: Duration,
    /// Worker threads (and requests worked on at once).
    pub jobs: usize,
    /// A token every API request must carry (`Authorization: Bearer TOKEN`
    /// or `?token=TOKEN`), when set.
    pub token: Option<String>,
    /// Templates, sentences and editions from a directory, as `--templates`.
    pub write: WriteOptions,
    /// What an uploaded form may hold (`input` is capped by `max_upload`).
    pub limits: Limits,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            bind: SocketAddr::from(([127, 0, 0, 1], 8080)),
            max_upload: 20 * 1024 * 1024,
            timeout: Duration::from_secs(60),
            jobs: crate::batch::default_jobs(),
            token: None,
            write: WriteOptions::default(),
            limits: Limits::default(),
        }
    }
}

impl Options {
    /// Whether anyone on the network can use the server: it listens beyond
    /// the loopback address and asks for no token.
    pub fn open_to_network(&self) -> bool {
        !self.bind.ip().is_loopback() && self.token.is_none()
    }
}

/// The application: page and API, with its workers started.
pub fn app(options: &Options) -> Result<Router> {
    let pool = pool::Pool::new(options.jobs, &options.write)?;
    let shared = Arc::new(Shared {
        pool,
        max_upload: options.max_upload,
        timeout: options.timeout,
        open: options.open_to_network(),
        limits: options.limits,
        bodies: bodies::Budget::new(options.max_upload),
        templates: options.write.templates.clone(),
    });
    let token = Arc::new(options.token.clone());
    let api = Router::new()
        .route("/api/health", get(api::health))
        .route("/api/openapi.json", get(openapi::document))
        .route("/api/editions", get(api::editions))
        .route("/api/editions/{code}", get(api::edition))
        .route("/api/template/{code}", get(api::template))
        .route("/api/read", post(api::read))
        .route("/api/render", post(api::render))
        .route("/api/check", post(api::check))
        .route("/api/batch", post(batch::batch))
        .route("/api/diff", post(diff::diff))
        .layer(middleware::from_fn_with_state(token, require_token))
        .with_state(shared);
    Ok(Router::new()
        .route("/", get(|| async { Html(PAGE) }))
        .merge(api)
        .fallback(|| async {
            problem::Problem::plain(
                StatusCode::NOT_FOUND,
                kind::NO_SUCH_PAGE,
                Some(kind::NO_SUCH_PAGE_HINT),
            )
        })
        // The API reads bodies itself, within `max_upload`, to answer 413
        // in JSON.
        .layer(DefaultBodyLimit::disable())
        .layer(middleware::from_fn(problem::in_language))
        .layer(middleware::from_fn(log)))
}

/// Connections that may wait to be accepted: a burst of clients (a class
/// opening the page at once, `examples/load.rs --flood`) beyond the usual
/// 128 would have its connections dropped, and retried by the clients only
/// a second later.
pub const BACKLOG: u32 = 1024;

/// A listener on `bind`, with room for [`BACKLOG`] connections waiting.
pub async fn listen(bind: SocketAddr) -> std::io::Result<tokio::net::TcpListener> {
    let socket = if bind.is_ipv4() {
        tokio::net::TcpSocket::new_v4()?
    } else {
        tokio::net::TcpSocket::new_v6()?
    };
    #[cfg(not(windows))]
    socket.set_reuseaddr(true)?;
    socket.bind(bind)?;
    socket.listen(BACKLOG)
}

/// Serve until the process ends, on an already bound listener (a test binds
/// port 0 and reads the port back).
pub async fn serve(listener: tokio::net::TcpListener, options: &Options) -> Result<()> {
    let app = app(options)?;
    axum::serve(listener, app).await.map_err(|e| {
        Error::new(crate::diagnostic::Diagnostic::coded(
            crate::diagnostic::Severity::Error,
            crate::messages::Message::new(kind::SERVER_STOPPED, [("reason", e.to_string().into())]),
            None,
        ))
    })
}

/// One line per request on standard error: method, path (no query: it may
/// carry a token), status, time, size.
async fn log(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    let start = Instant::now();
    let response = next.run(request).await;
    let size = axum::body::HttpBody::size_hint(response.body())
        .exact()
        .map_or_else(|| "-".to_string(), |n| n.to_string());
    eprintln!(
        "{method} {path} {} {:.1} ms {size} B",
        response.status().as_u16(),
        start.elapsed().as_secs_f64() * 1000.0
    );
    response
}

/// API requests must carry the token, when the server has one.
async fn require_token(
    State(token): State<Arc<Option<String>>>,
    request: Request,
    next: Next,
) -> Response {
    let Some(token) = token.as_deref() else {
        return next.run(request).await;
    };
    let bearer = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    let query = request
        .uri()
        .query()
        .unwrap_or("")
        .split('&')
        .find_map(|kv| kv.strip_prefix("token="));
    if bearer == Some(token) || query == Some(token) {
        return next.run(request).await;
    }
    problem::Problem::plain(
        StatusCode::UNAUTHORIZED,
        kind::TOKEN_REQUIRED,
        Some(kind::TOKEN_REQUIRED_HINT),
    )
    .into_response()
}

/// What every handler shares.
pub(crate) struct Shared {
    /// The workers.
    pub pool: pool::Pool,
    /// Most bytes of a request body.
    pub max_upload: usize,
    /// Most time a request may take.
    pub timeout: Duration,
    /// Whether the server is open to the network without a token (the page
    /// says so).
    pub open: bool,
    /// What an uploaded form may hold.
    pub limits: crate::limits::Limits,
    /// Room for request bodies ([`bodies`]).
    pub bodies: bodies::Budget,
    /// The editions the server knows (those of the workers' writers).
    pub templates: crate::templates::Templates,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_or_a_token_keeps_the_network_out() {
        let at = |ip: [u8; 4], token: Option<&str>| Options {
            bind: SocketAddr::from((ip, 8080)),
            token: token.map(str::to_string),
            ..Options::default()
        };
        assert!(!at([127, 0, 0, 1], None).open_to_network());
        assert!(at([0, 0, 0, 0], None).open_to_network());
        assert!(!at([0, 0, 0, 0], Some("t")).open_to_network());
    }
}
