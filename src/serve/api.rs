//! The HTTP API (the page uses it too; `GET /api/openapi.json` describes
//! it). Every answer is JSON, but a rendered file; bad input gets a 4xx with
//! the problem JSON of [`super::problem`] (`{"error", "code", "location",
//! "place", "hint"}`), in the request's language.

use std::sync::Arc;

use axum::Json;
use axum::body::Body;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Map, Value, json};

use super::Shared;
use super::problem::{Problem, lang};
use crate::diagnostic::{Diagnostic, Severity};
use crate::form::json::Extras;
use crate::form::{self, Colonna, Edition, Intestazione, Rendering, Riga};
use crate::format::Format;
use crate::messages::{Lang, Message, kind};
use crate::model::Scheda;
use crate::model::paths::{self, Kind};
use crate::readers::Partial;
use crate::templates::Templates;

/// [`Diagnostic::json_in`] of each.
fn diagnostics_json(ds: &[Diagnostic], lang: Lang) -> Value {
    Value::Array(ds.iter().map(|d| d.json_in(lang)).collect())
}

type Answer = Result<Response, Problem>;

/// `GET /api/health`.
pub async fn health(State(shared): State<Arc<Shared>>) -> Json<Value> {
    Json(json!({
        "status": "ok",
        "version": env!("CARGO_PKG_VERSION"),
        "open_to_network": shared.open,
    }))
}

/// `GET /api/editions`: the editions scheda knows.
pub async fn editions(State(shared): State<Arc<Shared>>) -> Json<Value> {
    let list: Vec<Value> = shared
        .templates
        .editions()
        .iter()
        .map(|e| {
            let d = e.description();
            json!({"codice": d.codice, "anno": d.anni.anno, "titolo": d.titolo, "pagine": d.pagine})
        })
        .collect();
    Json(Value::Array(list))
}

#[derive(Deserialize)]
pub struct ReadQuery {
    name: Option<String>,
    from: Option<String>,
    edizione: Option<String>,
}

/// `POST /api/read?name=FILE.ext` (or `?from=txt|json|jsonl|xlsx|pdf|...`):
/// the forms the body holds, their warnings, and the rules' report of each.
/// `?edizione=CODE` is the edition of forms whose file does not say. A file
/// that does not read whole but reads in part ([`crate::readers::read_partial`])
/// is answered with its forms as far as they read, `"partial": true` and
/// `"errors"`: each error with the fields it left blank ([`partial_errors`]).
pub async fn read(
    State(shared): State<Arc<Shared>>,
    Query(q): Query<ReadQuery>,
    body: Body,
) -> Answer {
    let (bytes, _room) = super::bodies::read(&shared, body).await?;
    let format = match (&q.from, &q.name) {
        (Some(from), _) => format_named(from)?,
        (None, Some(name)) => {
            Format::from_input_path(std::path::Path::new(name)).ok_or_else(|| {
                Problem::new(
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    Message::new(kind::UNKNOWN_EXTENSION, [("name", name.as_str().into())]),
                    Some(Message::new(kind::UNKNOWN_EXTENSION_HINT, [])),
                )
            })?
        }
        (None, None) => Format::sniff(&bytes),
    };
    let edizione = match &q.edizione {
        Some(code) => Some(edizione_given(&shared.templates, code)?),
        None => None,
    };
    let limits = shared.limits;
    let lang = lang();
    let outcome = work(&shared, move |tools| {
        let templates = &tools.templates;
        let read = match crate::readers::read_as(&bytes, format, &limits, templates, edizione) {
            Ok(read) => read.map(|forms| forms.into_iter().map(Partial::whole).collect()),
            // The file as far as it reads, if it reads in part; else the
            // error that stops it, as the command line says it.
            Err(e) => {
                match crate::readers::read_partial(&bytes, format, &limits, templates, edizione) {
                    Ok(read) if read.value.iter().any(|p| !p.is_whole()) => read,
                    _ => return Err(e),
                }
            }
        };
        let mut forms = Vec::new();
        let mut checks = Vec::new();
        let mut diagnostics = read.warnings;
        for form in &read.value {
            forms.push(model_json(&form.scheda)?);
            let report = crate::rules::report(&form.scheda, &tools.catalogue)?;
            diagnostics.extend(report.warnings);
            checks.push(serde_json::to_value(report.value).unwrap_or(Value::Null));
        }
        let diagnostics = diagnostics_json(&diagnostics, lang);
        if read.value.iter().any(|p| !p.is_whole()) {
            return Ok(json!({
                "forms": forms,
                "diagnostics": diagnostics,
                "check": checks,
                "partial": true,
                "errors": partial_errors(&read.value, lang),
            }));
        }
        Ok(json!({"forms": forms, "diagnostics": diagnostics, "check": checks}))
    })
    .await?;
    Ok(Json(outcome).into_response())
}

/// The errors of forms read in part, each as `{"form", "pointers",
/// "message", "location", "place", "hint"}`: the index of its form in
/// `forms`, the fields it left blank, what is wrong, where (as the command
/// line prints it, and as `{"kind": "line", "line": 18}`, `{"kind":
/// "cell", "sheet", "cell"}` or `{"kind": "pointer", "pointer"}`) and what
/// to do.
fn partial_errors(forms: &[Partial], lang: Lang) -> Value {
    let mut out = Vec::new();
    for (i, form) in forms.iter().enumerate() {
        for e in &form.errors {
            let d = &e.diagnostic;
            out.push(json!({
                "form": i,
                "pointers": e.pointers,
                "message": d.message_in(lang),
                "code": d.code(),
                "location": d.location.as_ref().map(|l| l.in_lang(lang)),
                "place": d.location,
                "hint": d.hint_in(lang),
            }));
        }
    }
    Value::Array(out)
}

#[derive(Deserialize)]
pub struct RenderQuery {
    to: Option<String>,
}

/// `POST /api/render?to=pdf|xlsx|json|txt` (body: one canonical JSON
/// model): the file, named for the Comune.
pub async fn render(
    State(shared): State<Arc<Shared>>,
    Query(q): Query<RenderQuery>,
    body: Body,
) -> Answer {
    let to = q.to.as_deref().ok_or_else(|| {
        Problem::plain(
            StatusCode::BAD_REQUEST,
            kind::MISSING_TO,
            Some(kind::MISSING_TO_HINT),
        )
    })?;
    let format = format_named(to)?;
    let (bytes, _room) = super::bodies::read(&shared, body).await?;
    let (written, name) = work(&shared, move |tools| {
        let form = model(&bytes, &tools.templates)?;
        let written = tools.writer.write(&form, format)?;
        let stem = form
            .ente
            .denominazione
            .as_deref()
            .and_then(crate::batch::names::sanitize)
            .unwrap_or_else(|| "scheda".to_string());
        Ok((written, format!("{stem}.{}", format.extension())))
    })
    .await?;
    let mut response = (StatusCode::OK, written.value).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(content_type(format)),
    );
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    if let Ok(v) = HeaderValue::from_str(&format!(
        "attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}"
    )) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    if let Ok(v) = HeaderValue::from_str(&written.warnings.len().to_string()) {
        headers.insert("x-scheda-warnings", v);
    }
    Ok(response)
}

/// `POST /api/check` (body: a model): the rules' report, the form with
/// every derived value as computed from its inputs ([`computed`]), and the conclusions its blank values
/// leave open (`undecided`: what is missing, which sentences wait).
pub async fn check(State(shared): State<Arc<Shared>>, body: Body) -> Answer {
    let (bytes, _room) = super::bodies::read(&shared, body).await?;
    let lang = lang();
    let outcome = work(&shared, move |tools| {
        let form = model(&bytes, &tools.templates)?;
        let report = crate::rules::report(&form, &tools.catalogue)?;
        let computed = computed(&form, &tools.templates)?;
        let undecided = super::undecided::undecided(&form, lang);
        Ok(json!({
            "check": report.value,
            "computed": model_json(&computed)?,
            "undecided": undecided,
            "diagnostics": diagnostics_json(&report.warnings, lang),
        }))
    })
    .await?;
    Ok(Json(outcome).into_response())
}

/// `form` with every derived value as the rules compute it from its inputs
/// alone: blank where an input they need is blank (a printed derived value
/// is not kept where the rules cannot compute it). `templates`: those the
/// form was read with.
fn computed(form: &Scheda, templates: &Templates) -> crate::Result<Scheda> {
    let mut inputs = model_json(form)?;
    let ed = form.edizione.description();
    for (quadro, r) in ed.righe() {
        for c in r.colonne.iter().filter(|c| c.derivata || r.derivata) {
            let pointer = crate::model::paths::of_column(ed, quadro, r, c).pointer();
            if let Some(v) = inputs.pointer_mut(&pointer) {
                *v = Value::Null;
            }
        }
    }
    let bytes = serde_json::to_vec(&inputs).map_err(|_| {
        crate::diagnostic::Error::new(Diagnostic::coded(
            Severity::Error,
            Message::new(kind::INTERNAL, []),
            Some(Message::new(kind::INTERNAL_HINT, [])),
        ))
    })?;
    let mut computed = model(&bytes, templates)?;
    crate::rules::recompute(&mut computed);
    Ok(computed)
}

/// Run `f` on a worker within the time limit; its error is the client's
/// (400), a panic or the time limit the server's.
pub(super) async fn work<T, F>(shared: &Shared, f: F) -> Result<T, Problem>
where
    T: Send + 'static,
    F: FnOnce(&mut super::pool::Tools) -> crate::Result<T> + Send + 'static,
{
    match tokio::time::timeout(shared.timeout, shared.pool.run(f)).await {
        Err(_) => Err(Problem::new(
            StatusCode::SERVICE_UNAVAILABLE,
            Message::new(
                kind::WORK_TIMEOUT,
                [("seconds", shared.timeout.as_secs().to_string().into())],
            ),
            Some(Message::new(kind::WORK_TIMEOUT_HINT, [])),
        )
        .retry_after(super::bodies::RETRY_AFTER)),
        Ok(None) => Err(Problem::plain(
            StatusCode::INTERNAL_SERVER_ERROR,
            kind::INTERNAL,
            Some(kind::INTERNAL_HINT),
        )),
        Ok(Some(Err(e))) => Err(Problem::bad(&e)),
        Ok(Some(Ok(value))) => Ok(value),
    }
}

/// A format as a query names it.
pub(super) fn format_named(name: &str) -> Result<Format, Problem> {
    Format::from_path(std::path::Path::new(&format!("x.{name}"))).ok_or_else(|| {
        Problem::new(
            StatusCode::BAD_REQUEST,
            Message::new(kind::UNKNOWN_FORMAT, [("name", name.into())]),
            Some(Message::new(kind::UNKNOWN_FORMAT_HINT, [])),
        )
    })
}

/// One canonical JSON model from a body.
fn model(bytes: &[u8], templates: &Templates) -> crate::Result<Scheda> {
    let limits = crate::limits::Limits::default();
    Ok(crate::readers::json::read_with(bytes, &limits, templates)?.value)
}

/// A model as its canonical JSON value.
fn model_json(form: &Scheda) -> crate::Result<Value> {
    crate::model::to_value(form)
}

fn content_type(format: Format) -> &'static str {
    match format {
        Format::Pdf => "application/pdf",
        Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        Format::Xlsm => "application/vnd.ms-excel.sheet.macroEnabled.12",
        Format::Xls => "application/vnd.ms-excel",
        Format::Ods => "application/vnd.oasis.opendocument.spreadsheet",
        Format::Csv => "text/csv; charset=utf-8",
        Format::Json => "application/json",
        Format::JsonLines => "application/x-ndjson",
        Format::Text => "text/plain; charset=utf-8",
    }
}

/// `GET /api/editions/{code}`: what the page needs to lay the form out as
/// on paper: the edition's JSON as its PDF prints it
/// ([`crate::form::json`]), each column and each field of the header block
/// with the JSON pointer of its field in the model and the kind of value it
/// holds ([`Pointers`]).
pub async fn edition(
    State(shared): State<Arc<Shared>>,
    axum::extract::Path(code): axum::extract::Path<String>,
) -> Answer {
    let edizione = edizione_named(&shared.templates, &code)?;
    let ed = edizione.description();
    Ok(Json(json!({
        "codice": ed.codice,
        "anno": ed.anni.anno,
        "titolo": ed.titolo,
        "quadri": form::json::quadri(ed, Rendering::Pdf, &Pointers(ed)),
    }))
    .into_response())
}

/// What the page adds to the edition's JSON: the model's field of each
/// column and of each field of the header block as its JSON `pointer`, and
/// the kind of value a column holds as `valore` (`intero`, `decimale`,
/// `sino`, `testo`, as the header block's fields say theirs).
struct Pointers<'a>(&'a Edition);

impl Extras for Pointers<'_> {
    fn colonna(&self, quadro: u8, riga: &Riga, c: &Colonna, out: &mut Map<String, Value>) {
        let path = paths::of_column(self.0, quadro, riga, c);
        let valore = match path.kind {
            Kind::Integer => "intero",
            Kind::Decimal => "decimale",
            Kind::Bool => "sino",
            _ => "testo",
        };
        out.insert("valore".into(), valore.into());
        out.insert("pointer".into(), path.pointer().into());
    }

    fn campo(&self, campo: &Intestazione, out: &mut Map<String, Value>) {
        out.insert("pointer".into(), campo.pointer().into());
    }
}

/// `GET /api/template/{code}`: a blank form of the edition, as a model.
pub async fn template(
    State(shared): State<Arc<Shared>>,
    axum::extract::Path(code): axum::extract::Path<String>,
) -> Answer {
    let edizione = edizione_named(&shared.templates, &code)?;
    let blank = Scheda::empty(edizione);
    Ok(Json(model_json(&blank).map_err(|e| Problem::bad(&e))?).into_response())
}

/// The hint of an unknown edition: the editions of `templates`.
fn editions_hint(templates: &Templates) -> Message {
    Message::new(kind::EDITIONS_HINT, [("known", templates.codes().into())])
}

/// The edition of `templates` a query's `?edizione=` names, else a `400`.
fn edizione_given(templates: &Templates, code: &str) -> Result<crate::model::Edizione, Problem> {
    edizione_named(templates, code).map_err(|_| {
        Problem::new(
            StatusCode::BAD_REQUEST,
            Message::new(kind::UNKNOWN_EDITION_QUERY, [("code", code.into())]),
            Some(editions_hint(templates)),
        )
    })
}

/// The edition of `templates` that `code` names (case aside), else a `404`.
fn edizione_named(templates: &Templates, code: &str) -> Result<crate::model::Edizione, Problem> {
    templates
        .editions()
        .iter()
        .copied()
        .find(|e| e.code().eq_ignore_ascii_case(code))
        .ok_or_else(|| {
            Problem::new(
                StatusCode::NOT_FOUND,
                Message::new(kind::UNKNOWN_EDITION, [("code", code.into())]),
                Some(editions_hint(templates)),
            )
        })
}
