//! Kinds of the text reader and the JSON reader (templates/messages/core.toml).

use crate::messages::Kind;

/// A text with too few of the form's row codes.
pub const NOT_A_FORM: Kind = Kind {
    key: "not_a_form",
    params: &["forms", "found"],
};
/// Its hint.
pub const NOT_A_FORM_HINT: Kind = Kind {
    key: "not_a_form_hint",
    params: &[],
};
/// A row of the form missing from a text.
pub const ROW_NOT_FOUND: Kind = Kind {
    key: "row_not_found",
    params: &["row", "place"],
};
/// Its hint.
pub const ROW_NOT_FOUND_HINT: Kind = Kind {
    key: "row_not_found_hint",
    params: &[],
};
/// Several rows in a run missing from a text.
pub const ROWS_NOT_FOUND: Kind = Kind {
    key: "rows_not_found",
    params: &["first", "last", "place"],
};
/// Its hint.
pub const ROWS_NOT_FOUND_HINT: Kind = Kind {
    key: "rows_not_found_hint",
    params: &[],
};
/// Where missing rows were expected: between two rows found.
pub const EXPECTED_BETWEEN: Kind = Kind {
    key: "expected_between",
    params: &["prev", "prev_line", "next", "next_line"],
};
/// ... after the last row found.
pub const EXPECTED_AFTER: Kind = Kind {
    key: "expected_after",
    params: &["prev", "prev_line"],
};
/// ... before the first row found.
pub const EXPECTED_BEFORE: Kind = Kind {
    key: "expected_before",
    params: &["next", "next_line"],
};
/// ... nowhere: no row was found.
pub const NO_ROW_FOUND: Kind = Kind {
    key: "no_row_found",
    params: &[],
};
/// A count that is not a whole number of 0 or more (a JSON model).
pub const MODEL_COUNT: Kind = Kind {
    key: "model_count",
    params: &["found"],
};
/// The hint of a count that is not a whole number, whatever the format.
pub const COUNT_HINT: Kind = Kind {
    key: "count_hint",
    params: &[],
};

/// Every kind of this part.
pub const CORE: &[Kind] = &[
    NOT_A_FORM,
    NOT_A_FORM_HINT,
    ROW_NOT_FOUND,
    ROW_NOT_FOUND_HINT,
    ROWS_NOT_FOUND,
    ROWS_NOT_FOUND_HINT,
    EXPECTED_BETWEEN,
    EXPECTED_AFTER,
    EXPECTED_BEFORE,
    NO_ROW_FOUND,
    MODEL_COUNT,
    COUNT_HINT,
];
