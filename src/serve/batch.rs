//! `POST /api/batch?to=pdf[,xlsx,json,txt][&recompute=1]`: several files at
//! once (multipart), as `scheda batch` does them, answered with a ZIP of the
//! outputs and the report (`report.csv`), all in memory: nothing is written
//! to disk.

use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use axum::extract::{Multipart, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::Shared;
use super::api::{format_named, work};
use super::problem::Problem;
use crate::batch::form::{fill_report, set_error};
use crate::batch::names::{NamePattern, Namer};
use crate::batch::report::{self, Row, Status, one_line};
use crate::diagnostic::{Diagnostic, Error, Severity};
use crate::format::Format;
use crate::messages::{Message, kind};

#[derive(Deserialize)]
pub struct BatchQuery {
    to: Option<String>,
    recompute: Option<String>,
}

/// The handler (see the module documentation).
pub async fn batch(
    State(shared): State<Arc<Shared>>,
    Query(q): Query<BatchQuery>,
    request_headers: axum::http::HeaderMap,
    mut multipart: Multipart,
) -> Result<Response, Problem> {
    let _room = super::bodies::reserve_declared(&shared, &request_headers).await?;
    let formats: Vec<Format> =
        q.to.as_deref()
            .unwrap_or("pdf")
            .split(',')
            .map(|f| format_named(f.trim()))
            .collect::<Result<_, _>>()?;
    let recompute = q.recompute.as_deref().is_some_and(|v| v != "0");
    let files = files(&shared, &mut multipart).await?;
    if files.is_empty() {
        return Err(Problem::plain(
            StatusCode::BAD_REQUEST,
            kind::NO_FILE,
            Some(kind::NO_FILE_HINT),
        ));
    }
    let limits = shared.limits;
    let zip = work(&shared, move |tools| {
        zip_of(tools, &files, &formats, recompute, &limits)
    })
    .await?;
    let mut response = (StatusCode::OK, zip).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/zip"),
    );
    headers.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"schede.zip\""),
    );
    Ok(response)
}

/// The files of the request's parts (name and bytes), within the size and
/// time limits.
pub(super) async fn files(
    shared: &Shared,
    multipart: &mut Multipart,
) -> Result<Vec<(String, Vec<u8>)>, Problem> {
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut total = 0usize;
    let deadline = tokio::time::Instant::now() + shared.timeout;
    loop {
        let next = tokio::time::timeout_at(deadline, multipart.next_field())
            .await
            .map_err(|_| super::bodies::too_slow(shared))?;
        let field = next.map_err(|e| {
            Problem::new(
                StatusCode::BAD_REQUEST,
                Message::new(kind::MULTIPART, [("reason", e.to_string().into())]),
                Some(Message::new(kind::MULTIPART_HINT, [])),
            )
        })?;
        let Some(field) = field else { break };
        let name = field.file_name().unwrap_or("file").to_string();
        let bytes = tokio::time::timeout_at(deadline, field.bytes())
            .await
            .map_err(|_| super::bodies::too_slow(shared))?;
        let bytes = bytes.map_err(|e| {
            Problem::new(
                StatusCode::BAD_REQUEST,
                Message::new(
                    kind::PART_UNREADABLE,
                    [
                        ("name", name.as_str().into()),
                        ("reason", e.to_string().into()),
                    ],
                ),
                Some(Message::new(kind::SEND_AGAIN_HINT, [])),
            )
        })?;
        total += bytes.len();
        if total > shared.max_upload {
            return Err(Problem::too_large(shared.max_upload));
        }
        files.push((name, bytes.to_vec()));
    }
    Ok(files)
}

/// The ZIP of the outputs of every form of `files` in `formats`, and the
/// report; a file that does not read is a row of the report.
fn zip_of(
    tools: &mut super::pool::Tools,
    files: &[(String, Vec<u8>)],
    formats: &[Format],
    recompute: bool,
    limits: &crate::limits::Limits,
) -> crate::Result<Vec<u8>> {
    let mut rows = Vec::new();
    let mut namer = Namer::new();
    namer.reserve("report.csv");
    let names = NamePattern::default();
    let extensions: Vec<&str> = formats.iter().map(|f| f.extension()).collect();
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for (name, bytes) in files {
        let path = Path::new(name);
        let format = Format::from_input_path(path).unwrap_or_else(|| Format::sniff(bytes));
        let read = match crate::readers::read_with(bytes, format, limits, &tools.templates) {
            Ok(read) => read,
            Err(e) => {
                let mut row = Row::new(name.clone(), None, Status::Failed);
                set_error(&mut row, &e);
                rows.push(row);
                continue;
            }
        };
        let many = read.value.len() > 1;
        for (i, mut form) in read.value.into_iter().enumerate() {
            let riga = many.then(|| u32::try_from(i + 1).unwrap_or(u32::MAX));
            let mut row = Row::new(name.clone(), riga, Status::Ok);
            let mut warnings = read.warnings.clone();
            warnings.extend(fill_report(&mut row, &mut form, recompute));
            let stem = namer.unique(&names.stem(&form, path, riga), &extensions);
            for &format in formats {
                match tools.writer.write(&form, format) {
                    Ok(written) => {
                        for w in written.warnings {
                            if !warnings.contains(&w) {
                                warnings.push(w);
                            }
                        }
                        let file = format!("{stem}.{}", format.extension());
                        zip.start_file(file.as_str(), options)
                            .and_then(|()| zip.write_all(&written.value).map_err(Into::into))
                            .map_err(|e| zip_failed(&e))?;
                        row.outputs.push(file);
                    }
                    Err(e) => {
                        set_error(&mut row, &e);
                        break;
                    }
                }
            }
            row.warnings = warnings.iter().map(one_line).collect();
            rows.push(row);
        }
    }
    zip.start_file("report.csv", options)
        .and_then(|()| {
            zip.write_all(&report::csv(&rows, tools.templates.editions()))
                .map_err(Into::into)
        })
        .and_then(|()| zip.finish().map(|c| c.into_inner()))
        .map_err(|e| zip_failed(&e))
}

/// The error of a ZIP that could not be written.
fn zip_failed(e: &dyn std::fmt::Display) -> Error {
    Error::new(Diagnostic::coded(
        Severity::Error,
        Message::new(kind::ZIP_FAILED, [("reason", e.to_string().into())]),
        None,
    ))
}
