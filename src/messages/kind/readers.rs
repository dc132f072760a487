//! Kinds of the spreadsheet, PDF and JSON Lines readers, limits (templates/messages/readers.toml).

use crate::messages::Kind;

/// A kind with its documentation, key and parameters.
macro_rules! kinds {
    ($($(#[$doc:meta])* $name:ident = $key:literal [$($param:literal),*];)*) => {
        $($(#[$doc])* pub const $name: Kind = Kind { key: $key, params: &[$($param),*] };)*
    };
}

// The spreadsheet reader (src/readers/xlsx): cells.
kinds! {
    /// A field of a form workbook: a row and one of its columns (`utenti 2019`).
    CELL_FIELD = "cell_field" ["row", "column"];
    /// A cell that is not a number.
    EXPECTED_NUMBER = "expected_number" ["what", "found"];
    /// The hint of a cell that is not a number.
    NUMBER_HINT = "number_hint" [];
    /// A count's cell that is not a number of 0 or more.
    EXPECTED_COUNT = "expected_count" ["what", "found"];
    /// A count's cell with decimals.
    EXPECTED_WHOLE = "expected_whole" ["what", "found"];
    /// A count's cell too large to hold.
    EXPECTED_WHOLE_TOO_LARGE = "expected_whole_too_large" ["what", "found"];
    /// A text field's cell of another kind (an error, a SI/NO).
    EXPECTED_TEXT = "expected_text" ["what", "found"];
    /// A SI/NO field's cell with something else.
    EXPECTED_YES_NO = "expected_yes_no" ["what", "found"];
    /// The hint of a SI/NO field.
    YES_NO_HINT = "yes_no_hint" [];
    /// A date field's cell that is not a date.
    EXPECTED_DATE = "expected_date" ["what", "found"];
    /// What a cell holds: nothing.
    FOUND_EMPTY = "found_empty" [];
    /// ... a date.
    FOUND_DATE = "found_date" [];
    /// ... a spreadsheet error (`#DIV/0!`).
    FOUND_ERROR = "found_error" ["error"];
    /// ... TRUE.
    FOUND_TRUE = "found_true" [];
    /// ... FALSE.
    FOUND_FALSE = "found_false" [];
    /// A formula whose result is an error, read as blank.
    FORMULA_ERROR_BLANK = "formula_error_blank" ["error"];
    /// A list ending in `or` (`SOC25 or SOC26`).
    OR_LIST = "or_list" ["items", "last"];
    /// A list ending in `and`.
    AND_LIST = "and_list" ["items", "last"];
    /// The form's header block with a date that does not read.
    HEADER_DATE_IGNORED = "header_date_ignored" ["found"];
}

// The spreadsheet reader: files it refuses.
kinds! {
    /// A file of another kind than a spreadsheet.
    NOT_A_SPREADSHEET = "not_a_spreadsheet" ["what"];
    /// Its hint.
    NOT_A_SPREADSHEET_HINT = "not_a_spreadsheet_hint" ["formats"];
    /// A damaged zip archive.
    DAMAGED_ZIP = "damaged_zip" [];
    /// Its hint.
    READS_FORMATS_HINT = "reads_formats_hint" ["formats"];
    /// A workbook protected by a password.
    WORKBOOK_PASSWORD = "workbook_password" ["what"];
    /// Its hint.
    WORKBOOK_PASSWORD_HINT = "workbook_password_hint" [];
    /// A workbook calamine cannot open.
    WORKBOOK_UNREADABLE = "workbook_unreadable" ["what", "error"];
    /// Its hint.
    WORKBOOK_UNREADABLE_HINT = "workbook_unreadable_hint" [];
    /// A damaged workbook (calamine gave up).
    WORKBOOK_DAMAGED = "workbook_damaged" [];
    /// Its hint.
    WORKBOOK_DAMAGED_HINT = "workbook_damaged_hint" [];
    /// A sheet calamine cannot read.
    SHEET_UNREADABLE = "sheet_unreadable" ["sheet", "error"];
    /// A workbook's archive inflating past the limit.
    WORKBOOK_INFLATES = "workbook_inflates" ["max", "why"];
    /// Its hint.
    WORKBOOK_INFLATES_HINT = "workbook_inflates_hint" [];
    /// Why: too many parts.
    INFLATES_PARTS = "inflates_parts" ["parts"];
    /// Why: the parts declare too much.
    INFLATES_DECLARED = "inflates_declared" ["size"];
    /// Why: one part passes the limit.
    INFLATES_PART = "inflates_part" ["part"];
    /// Kinds of workbook: `.xlsx`.
    BOOK_XLSX = "book_xlsx" [];
    /// `.xlsb`.
    BOOK_XLSB = "book_xlsb" [];
    /// `.xls`.
    BOOK_XLS = "book_xls" [];
    /// `.ods`.
    BOOK_ODS = "book_ods" [];
    /// An encrypted `.xlsx`.
    BOOK_ENCRYPTED = "book_encrypted" [];
    /// Files refused: a PDF.
    FILE_PDF = "file_pdf" [];
    /// A web page.
    FILE_HTML = "file_html" [];
    /// An XML file.
    FILE_XML = "file_xml" [];
    /// A rich text document.
    FILE_RTF = "file_rtf" [];
    /// A PNG image.
    FILE_PNG = "file_png" [];
    /// A JPEG image.
    FILE_JPEG = "file_jpeg" [];
    /// A GIF image.
    FILE_GIF = "file_gif" [];
    /// A gzip archive.
    FILE_GZIP = "file_gzip" [];
    /// A 7-Zip archive.
    FILE_7Z = "file_7z" [];
    /// A RAR archive.
    FILE_RAR = "file_rar" [];
    /// Binary data.
    FILE_BINARY = "file_binary" [];
    /// Text that is not a table.
    FILE_NOT_TABLE = "file_not_table" [];
    /// A Word 97-2003 document.
    FILE_DOC = "file_doc" [];
    /// A PowerPoint 97-2003 presentation.
    FILE_PPT = "file_ppt" [];
    /// An OLE file without a workbook.
    FILE_OLE = "file_ole" [];
    /// An OpenDocument text.
    FILE_ODT = "file_odt" [];
    /// An OpenDocument presentation.
    FILE_ODP = "file_odp" [];
    /// Another OpenDocument file.
    FILE_OPENDOCUMENT = "file_opendocument" ["type"];
    /// A zip archive of another type.
    FILE_ZIP_TYPE = "file_zip_type" ["type"];
    /// A Word document.
    FILE_DOCX = "file_docx" [];
    /// A PowerPoint presentation.
    FILE_PPTX = "file_pptx" [];
    /// An Apple Numbers spreadsheet.
    FILE_NUMBERS = "file_numbers" [];
    /// Another Apple iWork document.
    FILE_IWORK = "file_iwork" [];
    /// A zip archive without a workbook.
    FILE_ZIP = "file_zip" [];
}

// The spreadsheet reader: CSV tables.
kinds! {
    /// A CSV table too ragged to read.
    CSV_RAGGED = "csv_ragged" ["rows", "width"];
    /// Its hint.
    CSV_RAGGED_HINT = "csv_ragged_hint" [];
    /// Numbers in plain notation, read so (a warning).
    CSV_PLAIN = "csv_plain" [];
    /// Its hint.
    CSV_PLAIN_HINT = "csv_plain_hint" [];
    /// A CSV table that does not read.
    CSV_UNREADABLE = "csv_unreadable" ["error"];
    /// Numbers in two notations.
    CSV_MIXED = "csv_mixed" ["italian", "plain", "at"];
    /// Numbers whose notation cannot be told.
    CSV_AMBIGUOUS = "csv_ambiguous" ["dot", "comma"];
    /// A number with a comma that could be either.
    CSV_COMMA = "csv_comma" ["number"];
    /// The hint of the notations.
    CSV_NOTATION_HINT = "csv_notation_hint" [];
}

// The spreadsheet reader: form workbooks.
kinds! {
    /// A sheet named `Scheda` without row codes.
    NO_ROW_CODES = "no_row_codes" ["sheet"];
    /// Its hint.
    NO_ROW_CODES_HINT = "no_row_codes_hint" [];
    /// A value read into a field the form does not have.
    FIELD_NO_SUCH = "field_no_such" ["what"];
    /// A value of another kind than its field's.
    FIELD_WRONG_KIND = "field_wrong_kind" ["what", "kind"];
    /// Kinds of value: a whole number.
    VALUE_WHOLE = "value_whole" [];
    /// A number.
    VALUE_NUMBER = "value_number" [];
    /// A text.
    VALUE_TEXT = "value_text" [];
    /// No sheet `Scheda` and no row codes anywhere.
    SHEET_NOT_FOUND = "sheet_not_found" ["sheet"];
    /// Its hint.
    SHEET_NOT_FOUND_HINT = "sheet_not_found_hint" ["sheets"];
    /// A row code found twice (a warning).
    ROW_AGAIN = "row_again" ["row", "first"];
    /// A row of another edition (a warning).
    ROW_NOT_IN_EDITION = "row_not_in_edition" ["row", "edition"];
    /// An edition that is not known.
    EXPECTED_EDITION = "expected_edition" ["what", "editions", "found"];
    /// A form workbook whose edition cannot be told.
    FORM_EDITION_UNKNOWN = "form_edition_unknown" ["editions"];
    /// Its hint.
    FORM_EDITION_UNKNOWN_HINT = "form_edition_unknown_hint" ["sheet", "row", "editions", "year"];
}

// The spreadsheet reader: multi-Comune workbooks and their headers.
kinds! {
    /// A column named twice.
    COLUMN_TWICE = "column_twice" ["column"];
    /// A field path that names no field.
    UNKNOWN_FIELD_PATH = "unknown_field_path" ["column"];
    /// Its hint.
    UNKNOWN_FIELD_PATH_HINT = "unknown_field_path_hint" [];
    /// A column that names no field (a warning).
    COLUMN_IGNORED = "column_ignored" ["column"];
    /// The hint of a header that names a row but not a column.
    HEADER_HINT = "header_hint" [];
    /// A header naming two rows.
    HEADER_TWO_ROWS = "header_two_rows" ["header", "first", "second"];
    /// A header naming a row the edition lacks.
    HEADER_ROW_NOT_IN_EDITION = "header_row_not_in_edition" ["header", "row", "edition"];
    /// A header naming none of a row's columns.
    HEADER_NO_COLUMN = "header_no_column" ["header", "row", "edition", "columns"];
    /// A header naming several of a row's columns.
    HEADER_SEVERAL_COLUMNS = "header_several_columns" ["header", "row", "columns"];
    /// Headers that fit several editions.
    FORMS_EDITION_UNKNOWN = "forms_edition_unknown" ["editions"];
    /// Its hint.
    FORMS_EDITION_UNKNOWN_HINT = "forms_edition_unknown_hint" ["year", "editions"];
    /// No edition known at all.
    NO_EDITION_KNOWN = "no_edition_known" [];
    /// No forms below the header row.
    NO_FORMS_BELOW_HEADER = "no_forms_below_header" ["sheet"];
    /// Its hint.
    NO_FORMS_BELOW_HEADER_HINT = "no_forms_below_header_hint" [];
}

// The spreadsheet reader: formulas without a result.
kinds! {
    /// Formulas without a result, computed or left to the rules (a warning).
    FORMULAS_WITHOUT_RESULT = "formulas_without_result" ["parts"];
    /// Two parts of a message, `; ` between.
    PARTS = "parts" ["first", "rest"];
    /// The derived values computed by the rules.
    DERIVED_COMPUTED = "derived_computed" ["cells"];
    /// The derived values left blank.
    DERIVED_BLANK = "derived_blank" ["cells"];
    /// The other formulas scheda computed.
    OTHER_COMPUTED = "other_computed" ["cells"];
    /// A list cut short: `A1, A2 and 3 more`.
    LIST_AND_MORE = "list_and_more" ["items", "more"];
    /// The hint: save the workbook in a spreadsheet.
    FORMULAS_SAVE_HINT = "formulas_save_hint" [];
    /// ... or let the rules compute the derived values.
    FORMULAS_SAVE_RULES_HINT = "formulas_save_rules_hint" [];
    /// A formula scheda cannot compute.
    FORMULA_CANNOT_COMPUTE = "formula_cannot_compute" ["formula", "why"];
    /// Its hint.
    FORMULA_CANNOT_COMPUTE_HINT = "formula_cannot_compute_hint" ["functions"];
}

// Spreadsheets: why a formula cannot be computed.
kinds! {
    /// The workbook's formulas take more steps than scheda allows.
    FORMULA_TOO_LONG = "formula_too_long" [];
    /// A reference to a sheet the workbook lacks.
    FORMULA_NO_SUCH_SHEET = "formula_no_such_sheet" ["sheet"];
    /// A circular reference through a cell (`Scheda!C12`).
    FORMULA_CIRCULAR = "formula_circular" ["cell"];
    /// A cell whose own formula cannot be computed, and why (a nested message).
    FORMULA_CELL_CANNOT_COMPUTE = "formula_cell_cannot_compute" ["cell", "why"];
    /// Formulas that refer to each other past the depth scheda allows.
    FORMULA_REFERS_TOO_DEEPLY = "formula_refers_too_deeply" [];
    /// A function scheda does not compute.
    FORMULA_FUNCTION = "formula_function" ["function"];
    /// A text without its closing `"`.
    FORMULA_TEXT_UNCLOSED = "formula_text_unclosed" [];
    /// A sheet's name without its closing `'`.
    FORMULA_SHEET_UNCLOSED = "formula_sheet_unclosed" [];
    /// A quoted sheet's name not followed by `!` and a cell.
    FORMULA_SHEET_WITHOUT_BANG = "formula_sheet_without_bang" ["sheet"];
    /// A sheet's name and `!` not followed by a cell.
    FORMULA_SHEET_WITHOUT_CELL = "formula_sheet_without_cell" ["sheet"];
    /// Figures that do not make a number.
    FORMULA_NOT_A_NUMBER = "formula_not_a_number" ["text"];
    /// A character no formula holds (`#`, `{`).
    FORMULA_UNEXPECTED_CHAR = "formula_unexpected_char" ["char"];
    /// A part of the formula out of place (`found`: a quoted part or a nested message).
    FORMULA_UNEXPECTED = "formula_unexpected" ["found"];
    /// A part after the end of the formula.
    FORMULA_UNEXPECTED_AFTER = "formula_unexpected_after" ["found"];
    /// What was out of place: an operator.
    FORMULA_AN_OPERATOR = "formula_an_operator" [];
    /// ... a separator of arguments.
    FORMULA_A_SEPARATOR = "formula_a_separator" [];
    /// An empty formula.
    FORMULA_EMPTY = "formula_empty" [];
    /// A formula nested past the depth scheda allows.
    FORMULA_NESTED_TOO_DEEPLY = "formula_nested_too_deeply" [];
    /// A `(` without its `)`.
    FORMULA_PAREN_UNCLOSED = "formula_paren_unclosed" [];
    /// A function's `(` without its `)`.
    FORMULA_CALL_UNCLOSED = "formula_call_unclosed" ["function"];
    /// A formula that ends before its last operand.
    FORMULA_ENDS_EARLY = "formula_ends_early" [];
    /// A name that is not a cell (a defined name, a whole column).
    FORMULA_NAME = "formula_name" ["name"];
    /// A range without its last cell.
    FORMULA_RANGE_WITHOUT_END = "formula_range_without_end" [];
    /// A range from one sheet to another.
    FORMULA_RANGE_ACROSS_SHEETS = "formula_range_across_sheets" [];
    /// A range whose last part is not a cell.
    FORMULA_RANGE_END_NOT_CELL = "formula_range_end_not_cell" ["name"];
}

/// Every kind of this part.
pub const READERS: &[Kind] = &[
    // Spreadsheets: cells.
    CELL_FIELD,
    EXPECTED_NUMBER,
    NUMBER_HINT,
    EXPECTED_COUNT,
    EXPECTED_WHOLE,
    EXPECTED_WHOLE_TOO_LARGE,
    EXPECTED_TEXT,
    EXPECTED_YES_NO,
    YES_NO_HINT,
    EXPECTED_DATE,
    FOUND_EMPTY,
    FOUND_DATE,
    FOUND_ERROR,
    FOUND_TRUE,
    FOUND_FALSE,
    FORMULA_ERROR_BLANK,
    OR_LIST,
    AND_LIST,
    HEADER_DATE_IGNORED,
    // Spreadsheets: files refused.
    NOT_A_SPREADSHEET,
    NOT_A_SPREADSHEET_HINT,
    DAMAGED_ZIP,
    READS_FORMATS_HINT,
    WORKBOOK_PASSWORD,
    WORKBOOK_PASSWORD_HINT,
    WORKBOOK_UNREADABLE,
    WORKBOOK_UNREADABLE_HINT,
    WORKBOOK_DAMAGED,
    WORKBOOK_DAMAGED_HINT,
    SHEET_UNREADABLE,
    WORKBOOK_INFLATES,
    WORKBOOK_INFLATES_HINT,
    INFLATES_PARTS,
    INFLATES_DECLARED,
    INFLATES_PART,
    BOOK_XLSX,
    BOOK_XLSB,
    BOOK_XLS,
    BOOK_ODS,
    BOOK_ENCRYPTED,
    FILE_PDF,
    FILE_HTML,
    FILE_XML,
    FILE_RTF,
    FILE_PNG,
    FILE_JPEG,
    FILE_GIF,
    FILE_GZIP,
    FILE_7Z,
    FILE_RAR,
    FILE_BINARY,
    FILE_NOT_TABLE,
    FILE_DOC,
    FILE_PPT,
    FILE_OLE,
    FILE_ODT,
    FILE_ODP,
    FILE_OPENDOCUMENT,
    FILE_ZIP_TYPE,
    FILE_DOCX,
    FILE_PPTX,
    FILE_NUMBERS,
    FILE_IWORK,
    FILE_ZIP,
    // Spreadsheets: CSV.
    CSV_RAGGED,
    CSV_RAGGED_HINT,
    CSV_PLAIN,
    CSV_PLAIN_HINT,
    CSV_UNREADABLE,
    CSV_MIXED,
    CSV_AMBIGUOUS,
    CSV_COMMA,
    CSV_NOTATION_HINT,
    // Spreadsheets: form workbooks.
    NO_ROW_CODES,
    NO_ROW_CODES_HINT,
    FIELD_NO_SUCH,
    FIELD_WRONG_KIND,
    VALUE_WHOLE,
    VALUE_NUMBER,
    VALUE_TEXT,
    SHEET_NOT_FOUND,
    SHEET_NOT_FOUND_HINT,
    ROW_AGAIN,
    ROW_NOT_IN_EDITION,
    EXPECTED_EDITION,
    FORM_EDITION_UNKNOWN,
    FORM_EDITION_UNKNOWN_HINT,
    // Spreadsheets: multi-Comune workbooks.
    COLUMN_TWICE,
    UNKNOWN_FIELD_PATH,
    UNKNOWN_FIELD_PATH_HINT,
    COLUMN_IGNORED,
    HEADER_HINT,
    HEADER_TWO_ROWS,
    HEADER_ROW_NOT_IN_EDITION,
    HEADER_NO_COLUMN,
    HEADER_SEVERAL_COLUMNS,
    FORMS_EDITION_UNKNOWN,
    FORMS_EDITION_UNKNOWN_HINT,
    NO_EDITION_KNOWN,
    NO_FORMS_BELOW_HEADER,
    NO_FORMS_BELOW_HEADER_HINT,
    // Spreadsheets: formulas.
    FORMULAS_WITHOUT_RESULT,
    PARTS,
    DERIVED_COMPUTED,
    DERIVED_BLANK,
    OTHER_COMPUTED,
    LIST_AND_MORE,
    FORMULAS_SAVE_HINT,
    FORMULAS_SAVE_RULES_HINT,
    FORMULA_CANNOT_COMPUTE,
    FORMULA_CANNOT_COMPUTE_HINT,
    // Spreadsheets: why a formula cannot be computed.
    FORMULA_TOO_LONG,
    FORMULA_NO_SUCH_SHEET,
    FORMULA_CIRCULAR,
    FORMULA_CELL_CANNOT_COMPUTE,
    FORMULA_REFERS_TOO_DEEPLY,
    FORMULA_FUNCTION,
    FORMULA_TEXT_UNCLOSED,
    FORMULA_SHEET_UNCLOSED,
    FORMULA_SHEET_WITHOUT_BANG,
    FORMULA_SHEET_WITHOUT_CELL,
    FORMULA_NOT_A_NUMBER,
    FORMULA_UNEXPECTED_CHAR,
    FORMULA_UNEXPECTED,
    FORMULA_UNEXPECTED_AFTER,
    FORMULA_AN_OPERATOR,
    FORMULA_A_SEPARATOR,
    FORMULA_EMPTY,
    FORMULA_NESTED_TOO_DEEPLY,
    FORMULA_PAREN_UNCLOSED,
    FORMULA_CALL_UNCLOSED,
    FORMULA_ENDS_EARLY,
    FORMULA_NAME,
    FORMULA_RANGE_WITHOUT_END,
    FORMULA_RANGE_ACROSS_SHEETS,
    FORMULA_RANGE_END_NOT_CELL,
];
