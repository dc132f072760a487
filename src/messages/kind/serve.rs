//! Kinds of the server and its API (templates/messages/serve.toml).

use crate::messages::Kind;

/// A request whose body is empty (an empty file dropped on the page).
pub const EMPTY_BODY: Kind = Kind {
    key: "empty_body",
    params: &[],
};
/// Its hint.
pub const EMPTY_BODY_HINT: Kind = Kind {
    key: "empty_body_hint",
    params: &[],
};
/// A file whose name does not tell its format.
pub const UNKNOWN_EXTENSION: Kind = Kind {
    key: "unknown_extension",
    params: &["name"],
};
/// Its hint: the kinds of file read.
pub const UNKNOWN_EXTENSION_HINT: Kind = Kind {
    key: "unknown_extension_hint",
    params: &[],
};
/// A format a query names that scheda does not know (`?to=`, `?from=`).
pub const UNKNOWN_FORMAT: Kind = Kind {
    key: "unknown_format",
    params: &["name"],
};
/// Its hint: the formats.
pub const UNKNOWN_FORMAT_HINT: Kind = Kind {
    key: "unknown_format_hint",
    params: &[],
};
/// `/api/render` without `?to=`.
pub const MISSING_TO: Kind = Kind {
    key: "missing_to",
    params: &[],
};
/// Its hint.
pub const MISSING_TO_HINT: Kind = Kind {
    key: "missing_to_hint",
    params: &[],
};
/// A body over the server's limit (`413`).
pub const TOO_LARGE: Kind = Kind {
    key: "too_large",
    params: &["size"],
};
/// Its hint.
pub const TOO_LARGE_HINT: Kind = Kind {
    key: "too_large_hint",
    params: &[],
};
/// A body that did not arrive in time (`408`).
pub const TOO_SLOW: Kind = Kind {
    key: "too_slow",
    params: &["seconds"],
};
/// Its hint.
pub const TOO_SLOW_HINT: Kind = Kind {
    key: "too_slow_hint",
    params: &[],
};
/// A body that broke off while arriving.
pub const BODY_BROKEN: Kind = Kind {
    key: "body_broken",
    params: &["reason"],
};
/// Its hint, and the hint of a part of a batch that broke off.
pub const SEND_AGAIN_HINT: Kind = Kind {
    key: "send_again_hint",
    params: &[],
};
/// No room for the body now (`503`).
pub const BUSY: Kind = Kind {
    key: "busy",
    params: &[],
};
/// Its hint.
pub const BUSY_HINT: Kind = Kind {
    key: "busy_hint",
    params: &[],
};
/// Work over the server's time limit (`503`).
pub const WORK_TIMEOUT: Kind = Kind {
    key: "work_timeout",
    params: &["seconds"],
};
/// Its hint.
pub const WORK_TIMEOUT_HINT: Kind = Kind {
    key: "work_timeout_hint",
    params: &[],
};
/// A panic in a worker (`500`).
pub const INTERNAL: Kind = Kind {
    key: "internal",
    params: &[],
};
/// Its hint.
pub const INTERNAL_HINT: Kind = Kind {
    key: "internal_hint",
    params: &[],
};
/// An edition `?edizione=` names that scheda does not know.
pub const UNKNOWN_EDITION_QUERY: Kind = Kind {
    key: "unknown_edition_query",
    params: &["code"],
};
/// An edition a path names that scheda does not know (`404`).
pub const UNKNOWN_EDITION: Kind = Kind {
    key: "unknown_edition",
    params: &["code"],
};
/// The hint of both: the editions known.
pub const EDITIONS_HINT: Kind = Kind {
    key: "editions_hint",
    params: &["known"],
};
/// `/api/batch`: the body is not multipart/form-data.
pub const MULTIPART: Kind = Kind {
    key: "multipart",
    params: &["reason"],
};
/// Its hint.
pub const MULTIPART_HINT: Kind = Kind {
    key: "multipart_hint",
    params: &[],
};
/// `/api/batch`: a file that broke off.
pub const PART_UNREADABLE: Kind = Kind {
    key: "part_unreadable",
    params: &["name", "reason"],
};
/// `/api/batch` with no file.
pub const NO_FILE: Kind = Kind {
    key: "no_file",
    params: &[],
};
/// Its hint.
pub const NO_FILE_HINT: Kind = Kind {
    key: "no_file_hint",
    params: &[],
};
/// `/api/batch`: the ZIP could not be written.
pub const ZIP_FAILED: Kind = Kind {
    key: "zip_failed",
    params: &["reason"],
};
/// An address the server has no page for (`404`).
pub const NO_SUCH_PAGE: Kind = Kind {
    key: "no_such_page",
    params: &[],
};
/// Its hint.
pub const NO_SUCH_PAGE_HINT: Kind = Kind {
    key: "no_such_page_hint",
    params: &[],
};
/// An API request without the server's token (`401`).
pub const TOKEN_REQUIRED: Kind = Kind {
    key: "token_required",
    params: &[],
};
/// Its hint.
pub const TOKEN_REQUIRED_HINT: Kind = Kind {
    key: "token_required_hint",
    params: &[],
};
/// The server stopped (printed by `scheda serve`).
pub const SERVER_STOPPED: Kind = Kind {
    key: "server_stopped",
    params: &["reason"],
};
/// `/api/diff` without exactly two files.
pub const DIFF_TWO_FILES: Kind = Kind {
    key: "diff_two_files",
    params: &["n"],
};
/// Its hint.
pub const DIFF_TWO_FILES_HINT: Kind = Kind {
    key: "diff_two_files_hint",
    params: &[],
};

/// The page's list of what a form lacks to conclude: many rows of one
/// column as one item (`«Numero di utenti serviti - 2024» di 21 righe (da
/// M12 a R0A)`).
pub const OPEN_ROWS_SPAN: Kind = Kind {
    key: "open_rows_span",
    params: &["column", "count", "first", "last"],
};

/// Every kind of this part.
pub const SERVE: &[Kind] = &[
    EMPTY_BODY,
    EMPTY_BODY_HINT,
    UNKNOWN_EXTENSION,
    UNKNOWN_EXTENSION_HINT,
    UNKNOWN_FORMAT,
    UNKNOWN_FORMAT_HINT,
    MISSING_TO,
    MISSING_TO_HINT,
    TOO_LARGE,
    TOO_LARGE_HINT,
    TOO_SLOW,
    TOO_SLOW_HINT,
    BODY_BROKEN,
    SEND_AGAIN_HINT,
    BUSY,
    BUSY_HINT,
    WORK_TIMEOUT,
    WORK_TIMEOUT_HINT,
    INTERNAL,
    INTERNAL_HINT,
    UNKNOWN_EDITION_QUERY,
    UNKNOWN_EDITION,
    EDITIONS_HINT,
    MULTIPART,
    MULTIPART_HINT,
    PART_UNREADABLE,
    NO_FILE,
    NO_FILE_HINT,
    ZIP_FAILED,
    NO_SUCH_PAGE,
    NO_SUCH_PAGE_HINT,
    TOKEN_REQUIRED,
    TOKEN_REQUIRED_HINT,
    SERVER_STOPPED,
    OPEN_ROWS_SPAN,
    DIFF_TWO_FILES,
    DIFF_TWO_FILES_HINT,
];
