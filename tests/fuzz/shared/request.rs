//! The server's request handling: any method, path, query, headers and body
//! against the whole application (page, API, token check, limits). Every
//! request gets an answer, and none is a 500 (a panic caught in a worker,
//! or an internal error).

use std::sync::LazyLock;
use std::time::Duration;

use arbitrary::{Arbitrary, Unstructured};
use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use tower::ServiceExt;

/// The routes, so that most inputs reach a handler.
const PATHS: [&str; 11] = [
    "/",
    "/api/health",
    "/api/editions",
    "/api/editions/SOC25",
    "/api/template/SOC26",
    "/api/read",
    "/api/render",
    "/api/check",
    "/api/batch",
    "/api/editions/",
    "/nowhere",
];

const TYPES: [&str; 6] = [
    "application/json",
    "application/pdf",
    "text/plain",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "multipart/form-data; boundary=",
    "application/octet-stream",
];

/// One request, as the fuzzer makes it.
#[derive(Debug, Arbitrary)]
struct Input {
    post: bool,
    path: u8,
    other_path: Option<String>,
    query: Option<String>,
    content_type: Option<u8>,
    boundary: String,
    token: Option<String>,
    body: Vec<u8>,
}

/// The application and a runtime to drive it, made once.
static APP: LazyLock<(tokio::runtime::Runtime, Router)> = LazyLock::new(|| {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("a runtime");
    let options = scheda::serve::Options {
        jobs: 1,
        max_upload: 256 * 1024,
        timeout: Duration::from_secs(30),
        ..Default::default()
    };
    let app = runtime
        .block_on(async { scheda::serve::app(&options) })
        .expect("the application");
    (runtime, app)
});

/// Send the request `data` decodes to; panics on a 500.
pub fn server(data: &[u8]) {
    let Ok(input) = Input::arbitrary_take_rest(Unstructured::new(data)) else {
        return;
    };
    let (runtime, app) = &*APP;
    let mut uri = match &input.other_path {
        Some(p) if input.path % 8 == 7 => format!("/{p}"),
        _ => PATHS[usize::from(input.path) % PATHS.len()].to_string(),
    };
    if let Some(q) = &input.query {
        uri.push('?');
        uri.push_str(q);
    }
    let method = if input.post {
        Method::POST
    } else {
        Method::GET
    };
    let mut request = Request::builder().method(method).uri(uri.as_str());
    if let Some(t) = input.content_type {
        let mut value = TYPES[usize::from(t) % TYPES.len()].to_string();
        if value.ends_with('=') {
            value.push_str(&input.boundary);
        }
        request = request.header("content-type", value);
    }
    if let Some(token) = &input.token {
        request = request.header("authorization", format!("Bearer {token}"));
    }
    // A URI or header the http crate refuses never reaches a server.
    let Ok(request) = request.body(Body::from(input.body)) else {
        return;
    };
    let Ok(response) = runtime.block_on(app.clone().oneshot(request));
    assert_ne!(
        response.status(),
        StatusCode::INTERNAL_SERVER_ERROR,
        "{uri}: 500"
    );
}
