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

/// A count printed negative in a text.
pub const VALUE_NEGATIVE_COUNT: Kind = Kind {
    key: "value_negative_count",
    params: &["row", "name", "found"],
};
/// A value of a text that is not what its column holds.
pub const VALUE_NOT: Kind = Kind {
    key: "value_not",
    params: &["row", "found", "what", "name", "expected"],
};
/// What a value is not: a number.
pub const WHAT_NUMBER: Kind = Kind {
    key: "what_number",
    params: &[],
};
/// ... a whole number.
pub const WHAT_WHOLE_NUMBER: Kind = Kind {
    key: "what_whole_number",
    params: &[],
};
/// ... a number with two decimals.
pub const WHAT_TWO_DECIMALS: Kind = Kind {
    key: "what_two_decimals",
    params: &[],
};
/// What a column holds: a count.
pub const EXPECT_WHOLE_NUMBER: Kind = Kind {
    key: "expect_whole_number",
    params: &[],
};
/// ... an amount.
pub const EXPECT_TWO_DECIMALS: Kind = Kind {
    key: "expect_two_decimals",
    params: &[],
};
/// ... a printed figure.
pub const EXPECT_PRINTED: Kind = Kind {
    key: "expect_printed",
    params: &[],
};
/// The values a row expects (more than one).
pub const EXPECTED_VALUES: Kind = Kind {
    key: "expected_values",
    params: &["n", "names"],
};
/// The value a row expects (one).
pub const EXPECTED_VALUE: Kind = Kind {
    key: "expected_value",
    params: &["names"],
};
/// A row of a text with a wrong count of values.
pub const ROW_COUNT: Kind = Kind {
    key: "row_count",
    params: &["row", "expected", "found", "values"],
};
/// Its hint.
pub const ROW_COUNT_HINT: Kind = Kind {
    key: "row_count_hint",
    params: &[],
};
/// A row whose values are on several lines, a wrong count.
pub const ROW_COUNT_LINES: Kind = Kind {
    key: "row_count_lines",
    params: &["row", "expected", "found", "nlines", "each"],
};
/// Its hint.
pub const ROW_COUNT_LINES_HINT: Kind = Kind {
    key: "row_count_lines_hint",
    params: &[],
};
/// Values on a line of the text.
pub const VALUES_ON_LINE: Kind = Kind {
    key: "values_on_line",
    params: &["values", "line"],
};
/// Two items of a list.
pub const LIST: Kind = Kind {
    key: "list",
    params: &["first", "rest"],
};
/// A value the form has no field for (an edition description out of step).
pub const STORE_NO_FIELD: Kind = Kind {
    key: "store_no_field",
    params: &["row", "field"],
};
/// A value of another kind than its field.
pub const STORE_WRONG_KIND: Kind = Kind {
    key: "store_wrong_kind",
    params: &["row", "field", "what"],
};
/// A row of columns the text reader does not read.
pub const ROW_UNREADABLE: Kind = Kind {
    key: "row_unreadable",
    params: &["row", "columns"],
};
/// Numbers after a question, not an answer.
pub const ANSWER_SKIPPED: Kind = Kind {
    key: "answer_skipped",
    params: &["text", "row"],
};
/// Two answers to a question.
pub const TWO_ANSWERS: Kind = Kind {
    key: "two_answers",
    params: &["row", "first", "first_line", "second", "second_line"],
};
/// A row of values printed empty.
pub const ROW_BLANK: Kind = Kind {
    key: "row_blank",
    params: &["row"],
};
/// A row of text printed empty.
pub const ROW_BLANK_TEXT: Kind = Kind {
    key: "row_blank_text",
    params: &["row"],
};
/// Its hint, for a row with a printed blank.
pub const ROW_BLANK_VUOTO_HINT: Kind = Kind {
    key: "row_blank_vuoto_hint",
    params: &["vuoto"],
};
/// ... for a row the form prints filled in.
pub const ROW_BLANK_FILLED_HINT: Kind = Kind {
    key: "row_blank_filled_hint",
    params: &[],
};
/// ... for a row of counts.
pub const ROW_BLANK_EVERY_HINT: Kind = Kind {
    key: "row_blank_every_hint",
    params: &[],
};
/// A row of additional resources with too many values.
pub const AGGIUNTIVO_COUNT: Kind = Kind {
    key: "aggiuntivo_count",
    params: &["row", "found"],
};
/// ... around its text.
pub const AGGIUNTIVO_AROUND: Kind = Kind {
    key: "aggiuntivo_around",
    params: &["row", "found"],
};
/// A row of interventions with too many values.
pub const INTERVENTO_COUNT: Kind = Kind {
    key: "intervento_count",
    params: &["row", "found"],
};
/// ... a count of 0 or more.
pub const WHAT_NON_NEGATIVE: Kind = Kind {
    key: "what_non_negative",
    params: &[],
};

/// An input past a limit: what it holds, the limit.
pub const LIMIT_EXCEEDED: Kind = Kind {
    key: "limit_exceeded",
    params: &["what", "limit"],
};
/// Its hint.
pub const LIMIT_HINT: Kind = Kind {
    key: "limit_hint",
    params: &["name"],
};
/// A line of a text past the limit.
pub const LINE_TOO_LONG: Kind = Kind {
    key: "line_too_long",
    params: &["line", "n"],
};
/// The limit of a line.
pub const LIMIT_LINE: Kind = Kind {
    key: "limit_line",
    params: &["n"],
};
/// An input past the size limit.
pub const INPUT_TOO_LARGE: Kind = Kind {
    key: "input_too_large",
    params: &["size"],
};
/// A JSON nested past the limit.
pub const JSON_TOO_DEEP: Kind = Kind {
    key: "json_too_deep",
    params: &["max"],
};
/// The limit of nesting.
pub const LIMIT_JSON_DEPTH: Kind = Kind {
    key: "limit_json_depth",
    params: &["max"],
};
/// A file of more forms than the limit.
pub const TOO_MANY_FORMS: Kind = Kind {
    key: "too_many_forms",
    params: &["n"],
};
/// The limit of forms.
pub const LIMIT_FORMS: Kind = Kind {
    key: "limit_forms",
    params: &["n"],
};
/// A PDF of too many objects.
pub const PDF_TOO_MANY_OBJECTS: Kind = Kind {
    key: "pdf_too_many_objects",
    params: &["n"],
};
/// The limit of objects.
pub const LIMIT_PDF_OBJECTS: Kind = Kind {
    key: "limit_pdf_objects",
    params: &["n"],
};
/// A PDF of too many pages.
pub const PDF_TOO_MANY_PAGES: Kind = Kind {
    key: "pdf_too_many_pages",
    params: &["n"],
};
/// The limit of pages.
pub const LIMIT_PDF_PAGES: Kind = Kind {
    key: "limit_pdf_pages",
    params: &["n"],
};
/// A file past the size limit, before it is read.
pub const FILE_TOO_LARGE: Kind = Kind {
    key: "file_too_large",
    params: &["path", "size", "limit"],
};
/// Its hint.
pub const FILE_TOO_LARGE_HINT: Kind = Kind {
    key: "file_too_large_hint",
    params: &[],
};
/// A file that does not exist.
pub const READ_NOT_FOUND: Kind = Kind {
    key: "read_not_found",
    params: &["what"],
};
/// A file that cannot be read (the system's reason).
pub const READ_FAILED: Kind = Kind {
    key: "read_failed",
    params: &["what", "reason"],
};
/// Standard input, as a file read.
pub const STANDARD_INPUT: Kind = Kind {
    key: "standard_input",
    params: &[],
};
/// A --limit that is not NAME=VALUE.
pub const LIMIT_NOT_A_SPEC: Kind = Kind {
    key: "limit_not_a_spec",
    params: &["spec"],
};
/// A limit's size that does not read.
pub const LIMIT_NOT_A_SIZE: Kind = Kind {
    key: "limit_not_a_size",
    params: &["name", "value"],
};
/// A limit's count that does not read.
pub const LIMIT_NOT_A_COUNT: Kind = Kind {
    key: "limit_not_a_count",
    params: &["name", "value"],
};
/// A limit of no known name.
pub const LIMIT_UNKNOWN: Kind = Kind {
    key: "limit_unknown",
    params: &["name"],
};
/// The hint of a wrong --limit.
pub const LIMIT_NAMES_HINT: Kind = Kind {
    key: "limit_names_hint",
    params: &["names"],
};
/// A JSON file not in UTF-8.
pub const JSON_NOT_UTF8: Kind = Kind {
    key: "json_not_utf8",
    params: &["byte"],
};
/// A JSON Lines file not in UTF-8.
pub const JSONL_NOT_UTF8: Kind = Kind {
    key: "jsonl_not_utf8",
    params: &["byte"],
};
/// Its hint.
pub const SAVE_AS_UTF8: Kind = Kind {
    key: "save_as_utf8",
    params: &[],
};
/// A JSON that does not read (serde_json's detail in English).
pub const JSON_SYNTAX: Kind = Kind {
    key: "json_syntax",
    params: &["line", "column", "detail"],
};
/// A JSON that ends too early.
pub const JSON_TRUNCATED: Kind = Kind {
    key: "json_truncated",
    params: &["line", "column", "detail"],
};
/// The hint of a JSON of one form per line.
pub const JSON_IS_JSONL_HINT: Kind = Kind {
    key: "json_is_jsonl_hint",
    params: &[],
};
/// A line of JSON Lines that does not read.
pub const JSONL_SYNTAX: Kind = Kind {
    key: "jsonl_syntax",
    params: &["detail", "column"],
};
/// Its hint.
pub const JSONL_SYNTAX_HINT: Kind = Kind {
    key: "jsonl_syntax_hint",
    params: &[],
};
/// A JSON that is not an object.
pub const JSON_NOT_OBJECT: Kind = Kind {
    key: "json_not_object",
    params: &[],
};
/// A JSON without schema_version.
pub const SCHEMA_VERSION_MISSING: Kind = Kind {
    key: "schema_version_missing",
    params: &[],
};
/// Its hint.
pub const SCHEMA_VERSION_MISSING_HINT: Kind = Kind {
    key: "schema_version_missing_hint",
    params: &["version"],
};
/// A JSON of another schema_version.
pub const SCHEMA_VERSION_UNSUPPORTED: Kind = Kind {
    key: "schema_version_unsupported",
    params: &["found", "version"],
};
/// Its hint.
pub const SCHEMA_VERSION_UNSUPPORTED_HINT: Kind = Kind {
    key: "schema_version_unsupported_hint",
    params: &[],
};
/// A key that is no field of the form.
pub const UNKNOWN_FIELD: Kind = Kind {
    key: "unknown_field",
    params: &["field", "detail"],
};
/// Its hint.
pub const UNKNOWN_FIELD_HINT: Kind = Kind {
    key: "unknown_field_hint",
    params: &[],
};
/// A field left out.
pub const MISSING_FIELD: Kind = Kind {
    key: "missing_field",
    params: &["field", "detail"],
};
/// A value of another type than the field's.
pub const WRONG_TYPE: Kind = Kind {
    key: "wrong_type",
    params: &["found", "detail"],
};
/// Any other value the form refuses (the detail in English).
pub const INVALID_VALUE: Kind = Kind {
    key: "invalid_value",
    params: &["detail"],
};
/// A year that is not one.
pub const MODEL_YEAR: Kind = Kind {
    key: "model_year",
    params: &["found"],
};
/// A PDF whose text is not a form.
pub const PDF_NOT_A_FORM: Kind = Kind {
    key: "pdf_not_a_form",
    params: &["forms", "reason"],
};
/// Its hint, and a PDF without text's.
pub const PDF_OF_THE_FORM_HINT: Kind = Kind {
    key: "pdf_of_the_form_hint",
    params: &[],
};
/// A PDF with a password.
pub const PDF_PASSWORD: Kind = Kind {
    key: "pdf_password",
    params: &[],
};
/// Its hint.
pub const PDF_PASSWORD_HINT: Kind = Kind {
    key: "pdf_password_hint",
    params: &[],
};
/// A file that is not a PDF.
pub const PDF_INVALID: Kind = Kind {
    key: "pdf_invalid",
    params: &[],
};
/// Its hint.
pub const PDF_INVALID_HINT: Kind = Kind {
    key: "pdf_invalid_hint",
    params: &[],
};
/// Glyphs of a page without text.
pub const PDF_UNMAPPED_GLYPHS: Kind = Kind {
    key: "pdf_unmapped_glyphs",
    params: &["n"],
};
/// Its hint.
pub const PDF_UNMAPPED_GLYPHS_HINT: Kind = Kind {
    key: "pdf_unmapped_glyphs_hint",
    params: &[],
};
/// A PDF of images.
pub const PDF_IMAGES_ONLY: Kind = Kind {
    key: "pdf_images_only",
    params: &[],
};
/// Its hint.
pub const PDF_IMAGES_ONLY_HINT: Kind = Kind {
    key: "pdf_images_only_hint",
    params: &[],
};
/// A PDF without text.
pub const PDF_NO_TEXT: Kind = Kind {
    key: "pdf_no_text",
    params: &[],
};
/// The data embedded in a PDF that does not read.
pub const EMBEDDED_UNREADABLE: Kind = Kind {
    key: "embedded_unreadable",
    params: &["file", "reason"],
};
/// Its hint.
pub const EMBEDDED_UNREADABLE_HINT: Kind = Kind {
    key: "embedded_unreadable_hint",
    params: &[],
};
/// Why: it does not decompress.
pub const EMBEDDED_NOT_DECOMPRESSED: Kind = Kind {
    key: "embedded_not_decompressed",
    params: &[],
};
/// Why: too large.
pub const EMBEDDED_BYTES: Kind = Kind {
    key: "embedded_bytes",
    params: &["n"],
};
/// A PDF of scheda whose page text does not read.
pub const PAGE_TEXT_UNREADABLE: Kind = Kind {
    key: "page_text_unreadable",
    params: &["reason"],
};
/// Its hint.
pub const PAGE_TEXT_UNREADABLE_HINT: Kind = Kind {
    key: "page_text_unreadable_hint",
    params: &[],
};
/// A value the embedded data and the page text disagree on.
pub const EMBEDDED_DISAGREES: Kind = Kind {
    key: "embedded_disagrees",
    params: &["embedded", "page"],
};
/// Its hint.
pub const EMBEDDED_DISAGREES_HINT: Kind = Kind {
    key: "embedded_disagrees_hint",
    params: &[],
};

/// A piece of a text and its line.
pub const AT_LINE: Kind = Kind {
    key: "at_line",
    params: &["text", "line"],
};
/// Numbers written the English way.
pub const ENGLISH_NOTATION: Kind = Kind {
    key: "english_notation",
    params: &["example"],
};
/// Its hint.
pub const ENGLISH_NOTATION_HINT: Kind = Kind {
    key: "english_notation_hint",
    params: &[],
};
/// Numbers written both ways.
pub const MIXED_NOTATION: Kind = Kind {
    key: "mixed_notation",
    params: &["either", "italian", "english"],
};
/// Its hint.
pub const MIXED_NOTATION_HINT: Kind = Kind {
    key: "mixed_notation_hint",
    params: &[],
};
/// Numbers that read both ways.
pub const UNKNOWN_NOTATION: Kind = Kind {
    key: "unknown_notation",
    params: &["either", "italian", "english"],
};
/// Its hint.
pub const UNKNOWN_NOTATION_HINT: Kind = Kind {
    key: "unknown_notation_hint",
    params: &[],
};
/// A row printed twice with different values.
pub const ROW_TWICE_DIFFERENT: Kind = Kind {
    key: "row_twice_different",
    params: &["row", "first", "second"],
};
/// Its hint.
pub const ROW_TWICE_DIFFERENT_HINT: Kind = Kind {
    key: "row_twice_different_hint",
    params: &[],
};
/// A row printed twice alike.
pub const ROW_TWICE: Kind = Kind {
    key: "row_twice",
    params: &["row", "first", "second"],
};
/// Rows printed twice alike.
pub const ROWS_TWICE: Kind = Kind {
    key: "rows_twice",
    params: &["first_row", "last_row", "first", "second"],
};
/// Its hint.
pub const PRINTED_TWICE_HINT: Kind = Kind {
    key: "printed_twice_hint",
    params: &["from", "to"],
};
/// A text of two forms.
pub const TWO_FORMS: Kind = Kind {
    key: "two_forms",
    params: &["line"],
};
/// Its hint.
pub const TWO_FORMS_HINT: Kind = Kind {
    key: "two_forms_hint",
    params: &["line"],
};
/// A text that lost its accented letters.
pub const LOST_CHARACTERS: Kind = Kind {
    key: "lost_characters",
    params: &["lost", "shown"],
};
/// Its hint.
pub const LOST_CHARACTERS_HINT: Kind = Kind {
    key: "lost_characters_hint",
    params: &["lost"],
};
/// Footers of two dates.
pub const FOOTER_DATE_DIFFERS: Kind = Kind {
    key: "footer_date_differs",
    params: &["date", "first", "line"],
};
/// A date of last change that is not a date.
pub const NOT_A_DATE: Kind = Kind {
    key: "not_a_date",
    params: &["value"],
};
/// A ratio of another shape.
pub const RATIO_SHAPE: Kind = Kind {
    key: "ratio_shape",
    params: &["row", "expected", "found"],
};
/// A ratio's shape.
pub const SHAPE: Kind = Kind {
    key: "shape",
    params: &["shape"],
};
/// A ratio's shape or its printed blank.
pub const SHAPE_OR_BLANK: Kind = Kind {
    key: "shape_or_blank",
    params: &["vuoto", "shape"],
};
/// A ratio of the Comune without a whole N.
pub const RATIO_NOT_WHOLE: Kind = Kind {
    key: "ratio_not_whole",
    params: &["row", "shape", "found"],
};
/// A ratio whose N is not a number.
pub const RATIO_NOT_A_NUMBER: Kind = Kind {
    key: "ratio_not_a_number",
    params: &["row", "found", "shape"],
};
/// A text in aligned columns that does not read.
pub const ALIGNED_UNREADABLE: Kind = Kind {
    key: "aligned_unreadable",
    params: &["layout"],
};
/// Its hint.
pub const ALIGNED_UNREADABLE_HINT: Kind = Kind {
    key: "aligned_unreadable_hint",
    params: &[],
};
/// A text of the form's codes in no known layout.
pub const UNKNOWN_LAYOUT: Kind = Kind {
    key: "unknown_layout",
    params: &[],
};
/// Its hint.
pub const UNKNOWN_LAYOUT_HINT: Kind = Kind {
    key: "unknown_layout_hint",
    params: &[],
};
/// A title of an edition this build does not know (the detail from the edition's code).
pub const EDITION_IN_TITLE: Kind = Kind {
    key: "edition_in_title",
    params: &["detail"],
};
/// Its hint.
pub const EDITION_IN_TITLE_HINT: Kind = Kind {
    key: "edition_in_title_hint",
    params: &[],
};
/// A text of no title whose years fit no one edition.
pub const EDITION_UNKNOWN: Kind = Kind {
    key: "edition_unknown",
    params: &["editions"],
};
/// Its hint.
pub const EDITION_UNKNOWN_HINT: Kind = Kind {
    key: "edition_unknown_hint",
    params: &["title"],
};
/// A text not in UTF-8.
pub const NOT_UTF8_TEXT: Kind = Kind {
    key: "not_utf8_text",
    params: &[],
};
/// Its hint.
pub const NOT_UTF8_TEXT_HINT: Kind = Kind {
    key: "not_utf8_text_hint",
    params: &[],
};
/// A text of no row of the form.
pub const NO_ROW_OF_FORM: Kind = Kind {
    key: "no_row_of_form",
    params: &["form"],
};
/// A page that leaves Quadro 3 out.
pub const QUADRO3_LEFT_OUT: Kind = Kind {
    key: "quadro3_left_out",
    params: &["first", "last"],
};
/// Its hint.
pub const QUADRO3_LEFT_OUT_HINT: Kind = Kind {
    key: "quadro3_left_out_hint",
    params: &[],
};
/// Numbers before the first row.
pub const DATA_BEFORE_FIRST_ROW: Kind = Kind {
    key: "data_before_first_row",
    params: &["text"],
};

/// A year of another edition.
pub const ANNO_DISAGREES: Kind = Kind {
    key: "anno_disagrees",
    params: &["anno", "edizione", "year"],
};
/// A province that is not a code.
pub const PROVINCE_CODE: Kind = Kind {
    key: "province_code",
    params: &["found"],
};
/// Answers for an edition without questions.
pub const NO_QUESTIONS: Kind = Kind {
    key: "no_questions",
    params: &["edizione"],
};
/// A report past 6.000 characters.
pub const REPORT_TOO_LONG: Kind = Kind {
    key: "report_too_long",
    params: &["n"],
};
/// Its hint.
pub const REPORT_TOO_LONG_HINT: Kind = Kind {
    key: "report_too_long_hint",
    params: &[],
};
/// A row of no edition.
pub const ROW_OF_NO_EDITION: Kind = Kind {
    key: "row_of_no_edition",
    params: &["row"],
};
/// A row of other editions.
pub const ROW_OF_OTHER_EDITIONS: Kind = Kind {
    key: "row_of_other_editions",
    params: &["row", "having", "edizione"],
};
/// A negative value.
pub const VALUE_NEGATIVE: Kind = Kind {
    key: "value_negative",
    params: &["value"],
};
/// A value of too many decimals.
pub const TOO_MANY_DECIMALS: Kind = Kind {
    key: "too_many_decimals",
    params: &["value", "max"],
};
/// A row of columns given as no object.
pub const ROW_NOT_AN_OBJECT: Kind = Kind {
    key: "row_not_an_object",
    params: &["row", "found"],
};
/// A value that is not a number.
pub const MODEL_NUMBER: Kind = Kind {
    key: "model_number",
    params: &["found"],
};
/// A value that is not a text.
pub const MODEL_TEXT: Kind = Kind {
    key: "model_text",
    params: &["found"],
};
/// A value that is not true or false.
pub const MODEL_YES_NO: Kind = Kind {
    key: "model_yes_no",
    params: &["found"],
};
/// A form that does not write as JSON.
pub const JSON_WRITE_FAILED: Kind = Kind {
    key: "json_write_failed",
    params: &["detail"],
};
/// A form number past the input's forms.
pub const NO_FORM_NUMBER: Kind = Kind {
    key: "no_form_number",
    params: &["n", "count"],
};
/// One form.
pub const FORMS_ONE: Kind = Kind {
    key: "forms_one",
    params: &[],
};
/// Forms.
pub const FORMS_N: Kind = Kind {
    key: "forms_n",
    params: &["n"],
};
/// No form of a Comune.
pub const NO_FORM_FOR_COMUNE: Kind = Kind {
    key: "no_form_for_comune",
    params: &["name"],
};
/// Several forms of a Comune.
pub const FORMS_FOR_COMUNE: Kind = Kind {
    key: "forms_for_comune",
    params: &["n", "name", "numbers"],
};
/// Its hint.
pub const PICK_BY_NUMBER_HINT: Kind = Kind {
    key: "pick_by_number_hint",
    params: &["options"],
};
/// Two --comune options.
pub const OR_COMUNE: Kind = Kind {
    key: "or_comune",
    params: &["first", "rest"],
};
/// An input of no form.
pub const NO_FORMS_HINT: Kind = Kind {
    key: "no_forms_hint",
    params: &[],
};
/// The forms of an input.
pub const LISTING_HINT: Kind = Kind {
    key: "listing_hint",
    params: &["names"],
};
/// A form of no name.
pub const NO_DENOMINAZIONE: Kind = Kind {
    key: "no_denominazione",
    params: &["n"],
};
/// More forms.
pub const AND_MORE: Kind = Kind {
    key: "and_more",
    params: &["n"],
};

/// A value the form wants a number for (serde's detail in English).
pub const WANT_NUMBER: Kind = Kind {
    key: "want_number",
    params: &["found", "detail"],
};
/// A value the form wants a text for.
pub const WANT_TEXT: Kind = Kind {
    key: "want_text",
    params: &["found", "detail"],
};
/// A value the form wants true or false for.
pub const WANT_YES_NO: Kind = Kind {
    key: "want_yes_no",
    params: &["found", "detail"],
};

/// A blank value, shown.
pub const BLANK_VALUE: Kind = Kind {
    key: "blank_value",
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
    VALUE_NEGATIVE_COUNT,
    VALUE_NOT,
    WHAT_NUMBER,
    WHAT_WHOLE_NUMBER,
    WHAT_TWO_DECIMALS,
    EXPECT_WHOLE_NUMBER,
    EXPECT_TWO_DECIMALS,
    EXPECT_PRINTED,
    EXPECTED_VALUES,
    EXPECTED_VALUE,
    ROW_COUNT,
    ROW_COUNT_HINT,
    ROW_COUNT_LINES,
    ROW_COUNT_LINES_HINT,
    VALUES_ON_LINE,
    LIST,
    STORE_NO_FIELD,
    STORE_WRONG_KIND,
    ROW_UNREADABLE,
    ANSWER_SKIPPED,
    TWO_ANSWERS,
    ROW_BLANK,
    ROW_BLANK_TEXT,
    ROW_BLANK_VUOTO_HINT,
    ROW_BLANK_FILLED_HINT,
    ROW_BLANK_EVERY_HINT,
    AGGIUNTIVO_COUNT,
    AGGIUNTIVO_AROUND,
    INTERVENTO_COUNT,
    WHAT_NON_NEGATIVE,
    LIMIT_EXCEEDED,
    LIMIT_HINT,
    LINE_TOO_LONG,
    LIMIT_LINE,
    INPUT_TOO_LARGE,
    JSON_TOO_DEEP,
    LIMIT_JSON_DEPTH,
    TOO_MANY_FORMS,
    LIMIT_FORMS,
    PDF_TOO_MANY_OBJECTS,
    LIMIT_PDF_OBJECTS,
    PDF_TOO_MANY_PAGES,
    LIMIT_PDF_PAGES,
    FILE_TOO_LARGE,
    FILE_TOO_LARGE_HINT,
    READ_NOT_FOUND,
    READ_FAILED,
    STANDARD_INPUT,
    LIMIT_NOT_A_SPEC,
    LIMIT_NOT_A_SIZE,
    LIMIT_NOT_A_COUNT,
    LIMIT_UNKNOWN,
    LIMIT_NAMES_HINT,
    JSON_NOT_UTF8,
    JSONL_NOT_UTF8,
    SAVE_AS_UTF8,
    JSON_SYNTAX,
    JSON_TRUNCATED,
    JSON_IS_JSONL_HINT,
    JSONL_SYNTAX,
    JSONL_SYNTAX_HINT,
    JSON_NOT_OBJECT,
    SCHEMA_VERSION_MISSING,
    SCHEMA_VERSION_MISSING_HINT,
    SCHEMA_VERSION_UNSUPPORTED,
    SCHEMA_VERSION_UNSUPPORTED_HINT,
    UNKNOWN_FIELD,
    UNKNOWN_FIELD_HINT,
    MISSING_FIELD,
    WRONG_TYPE,
    INVALID_VALUE,
    MODEL_YEAR,
    PDF_NOT_A_FORM,
    PDF_OF_THE_FORM_HINT,
    PDF_PASSWORD,
    PDF_PASSWORD_HINT,
    PDF_INVALID,
    PDF_INVALID_HINT,
    PDF_UNMAPPED_GLYPHS,
    PDF_UNMAPPED_GLYPHS_HINT,
    PDF_IMAGES_ONLY,
    PDF_IMAGES_ONLY_HINT,
    PDF_NO_TEXT,
    EMBEDDED_UNREADABLE,
    EMBEDDED_UNREADABLE_HINT,
    EMBEDDED_NOT_DECOMPRESSED,
    EMBEDDED_BYTES,
    PAGE_TEXT_UNREADABLE,
    PAGE_TEXT_UNREADABLE_HINT,
    EMBEDDED_DISAGREES,
    EMBEDDED_DISAGREES_HINT,
    AT_LINE,
    ENGLISH_NOTATION,
    ENGLISH_NOTATION_HINT,
    MIXED_NOTATION,
    MIXED_NOTATION_HINT,
    UNKNOWN_NOTATION,
    UNKNOWN_NOTATION_HINT,
    ROW_TWICE_DIFFERENT,
    ROW_TWICE_DIFFERENT_HINT,
    ROW_TWICE,
    ROWS_TWICE,
    PRINTED_TWICE_HINT,
    TWO_FORMS,
    TWO_FORMS_HINT,
    LOST_CHARACTERS,
    LOST_CHARACTERS_HINT,
    FOOTER_DATE_DIFFERS,
    NOT_A_DATE,
    RATIO_SHAPE,
    SHAPE,
    SHAPE_OR_BLANK,
    RATIO_NOT_WHOLE,
    RATIO_NOT_A_NUMBER,
    ALIGNED_UNREADABLE,
    ALIGNED_UNREADABLE_HINT,
    UNKNOWN_LAYOUT,
    UNKNOWN_LAYOUT_HINT,
    EDITION_IN_TITLE,
    EDITION_IN_TITLE_HINT,
    EDITION_UNKNOWN,
    EDITION_UNKNOWN_HINT,
    NOT_UTF8_TEXT,
    NOT_UTF8_TEXT_HINT,
    NO_ROW_OF_FORM,
    QUADRO3_LEFT_OUT,
    QUADRO3_LEFT_OUT_HINT,
    DATA_BEFORE_FIRST_ROW,
    ANNO_DISAGREES,
    PROVINCE_CODE,
    NO_QUESTIONS,
    REPORT_TOO_LONG,
    REPORT_TOO_LONG_HINT,
    ROW_OF_NO_EDITION,
    ROW_OF_OTHER_EDITIONS,
    VALUE_NEGATIVE,
    TOO_MANY_DECIMALS,
    ROW_NOT_AN_OBJECT,
    MODEL_NUMBER,
    MODEL_TEXT,
    MODEL_YES_NO,
    JSON_WRITE_FAILED,
    NO_FORM_NUMBER,
    FORMS_ONE,
    FORMS_N,
    NO_FORM_FOR_COMUNE,
    FORMS_FOR_COMUNE,
    PICK_BY_NUMBER_HINT,
    OR_COMUNE,
    NO_FORMS_HINT,
    LISTING_HINT,
    NO_DENOMINAZIONE,
    AND_MORE,
    WANT_NUMBER,
    WANT_TEXT,
    WANT_YES_NO,
    BLANK_VALUE,
];
