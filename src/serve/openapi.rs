//! `GET /api/openapi.json`: the API described in OpenAPI 3.1
//! (`openapi.json`, compiled in), for other programs and their tools. A test
//! (`tests/integration/openapi.rs`) keeps it and the router's routes alike.

use axum::http::header;
use axum::response::IntoResponse;

/// The document, compiled in.
pub const DOCUMENT: &str = include_str!("openapi.json");

/// The handler.
pub async fn document() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], DOCUMENT)
}
