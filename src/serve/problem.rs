//! The API's error answers ([`Problem`]: a status and a diagnostic, as
//! JSON `{"error", "code", "location", "place", "hint"}`) and the language
//! every answer is given in (the request's `Accept-Language`).

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::diagnostic::{Diagnostic, Error, Severity};
use crate::messages::{Kind, Lang, Message, kind};

/// An error answer: the status and the first diagnostic of an error.
pub struct Problem {
    status: StatusCode,
    diagnostic: Box<Diagnostic>,
    retry_after: Option<u64>,
}

impl Problem {
    /// An error from the catalogue: its message and, when there is
    /// one, its hint, rendered in the request's language ([`lang`]).
    pub(super) fn new(status: StatusCode, message: Message, hint: Option<Message>) -> Problem {
        Problem {
            status,
            diagnostic: Box::new(Diagnostic::coded(Severity::Error, message, hint)),
            retry_after: None,
        }
    }

    /// An error from the catalogue whose kinds take no arguments.
    pub(super) fn plain(status: StatusCode, message: Kind, hint: Option<Kind>) -> Problem {
        Problem::new(
            status,
            Message::new(message, []),
            hint.map(|h| Message::new(h, [])),
        )
    }

    /// The status of the answer.
    pub(super) fn status(&self) -> StatusCode {
        self.status
    }

    /// Tell the client when to try again (`Retry-After`, seconds).
    pub(super) fn retry_after(mut self, seconds: u64) -> Problem {
        self.retry_after = Some(seconds);
        self
    }

    /// A body over the limit: `413`.
    pub(super) fn too_large(max: usize) -> Problem {
        Problem::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            Message::new(
                kind::TOO_LARGE,
                [("size", crate::limits::size_text(max as u64).into())],
            ),
            Some(Message::new(kind::TOO_LARGE_HINT, [])),
        )
    }

    /// A bad request: the first diagnostic of `e`.
    pub(super) fn bad(e: &Error) -> Problem {
        Problem {
            status: StatusCode::BAD_REQUEST,
            diagnostic: Box::new(e.diagnostics.first().cloned().unwrap_or_else(|| {
                Diagnostic::coded(
                    Severity::Error,
                    Message::new(kind::INTERNAL, []),
                    Some(Message::new(kind::INTERNAL_HINT, [])),
                )
            })),
            retry_after: None,
        }
    }
}

tokio::task_local! {
    /// The language of the request being answered (`Accept-Language`).
    static LANG: Lang;
}

/// The language of the request being answered: Italian unless it prefers
/// English.
pub(super) fn lang() -> Lang {
    LANG.try_with(|l| *l).unwrap_or_default()
}

/// Answer the request in the language it asks for ([`Lang::of_accept_language`]).
pub(super) async fn in_language(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let asked = request
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok());
    let lang = Lang::of_accept_language(asked);
    LANG.scope(lang, next.run(request)).await
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let d = *self.diagnostic;
        let lang = lang();
        let body = json!({
            "error": d.message_in(lang),
            "code": d.code(),
            "location": d.location.as_ref().map(|l| l.in_lang(lang)),
            "place": d.location,
            "hint": d.hint_in(lang),
        });
        let mut response = (self.status, Json(body)).into_response();
        if let Some(seconds) = self.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}
