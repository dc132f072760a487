//! `POST /api/diff`: two files (multipart, the first form then the other),
//! answered with what differs between their forms as JSON, as `scheda diff
//! --json` prints it ([`crate::diff`]): an entry per Comune.

use std::path::Path;
use std::sync::Arc;

use axum::Json;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use super::Shared;
use super::api::work;
use super::batch::files;
use super::problem::Problem;
use crate::format::Format;
use crate::messages::{Message, kind};
use crate::model::Scheda;

/// The handler (see the module documentation).
pub async fn diff(
    State(shared): State<Arc<Shared>>,
    request_headers: axum::http::HeaderMap,
    mut multipart: Multipart,
) -> Result<Response, Problem> {
    let _room = super::bodies::reserve_declared(&shared, &request_headers).await?;
    let files = files(&shared, &mut multipart).await?;
    if files.len() != 2 {
        return Err(Problem::new(
            StatusCode::BAD_REQUEST,
            Message::new(kind::DIFF_TWO_FILES, [("n", files.len().into())]),
            Some(Message::new(kind::DIFF_TWO_FILES_HINT, [])),
        ));
    }
    let limits = shared.limits;
    let answer = work(&shared, move |tools| {
        let mut sides = Vec::with_capacity(2);
        for (name, bytes) in &files {
            let format =
                Format::from_input_path(Path::new(name)).unwrap_or_else(|| Format::sniff(bytes));
            let forms =
                crate::readers::read_as(bytes, format, &limits, &tools.templates, None)?.value;
            let n = forms.len();
            let side: Vec<(String, Scheda)> = forms
                .into_iter()
                .enumerate()
                .map(|(i, f)| {
                    let label = if n > 1 {
                        format!("{name} #{}", i + 1)
                    } else {
                        name.clone()
                    };
                    (label, f)
                })
                .collect();
            sides.push(side);
        }
        let (a, b) = (
            sides.first().map(Vec::as_slice).unwrap_or_default(),
            sides.get(1).map(Vec::as_slice).unwrap_or_default(),
        );
        crate::diff::pair(a, b, &tools.catalogue)
    })
    .await?;
    Ok(Json(answer).into_response())
}
