//! Kinds of the text reader and the JSON reader (templates/messages/core.toml).

kinds! {
    CORE;
    /// A text with too few of the form's row codes.
    NOT_A_FORM = "not_a_form" ["forms", "found"];
    /// Its hint.
    NOT_A_FORM_HINT = "not_a_form_hint" [];
    /// A row of the form missing from a text.
    ROW_NOT_FOUND = "row_not_found" ["row", "place"];
    /// Its hint.
    ROW_NOT_FOUND_HINT = "row_not_found_hint" [];
    /// Several rows in a run missing from a text.
    ROWS_NOT_FOUND = "rows_not_found" ["first", "last", "place"];
    /// Its hint.
    ROWS_NOT_FOUND_HINT = "rows_not_found_hint" [];
    /// Where missing rows were expected: between two rows found.
    EXPECTED_BETWEEN = "expected_between" ["prev", "prev_line", "next", "next_line"];
    /// ... after the last row found.
    EXPECTED_AFTER = "expected_after" ["prev", "prev_line"];
    /// ... before the first row found.
    EXPECTED_BEFORE = "expected_before" ["next", "next_line"];
    /// ... nowhere: no row was found.
    NO_ROW_FOUND = "no_row_found" [];
    /// A count that is not a whole number of 0 or more (a JSON model).
    MODEL_COUNT = "model_count" ["found"];
    /// The hint of a count that is not a whole number, whatever the format.
    COUNT_HINT = "count_hint" [];
    /// A count printed negative in a text.
    VALUE_NEGATIVE_COUNT = "value_negative_count" ["row", "name", "found"];
    /// A value of a text that is not what its column holds.
    VALUE_NOT = "value_not" ["row", "found", "what", "name", "expected"];
    /// What a value is not: a number.
    WHAT_NUMBER = "what_number" [];
    /// ... a whole number.
    WHAT_WHOLE_NUMBER = "what_whole_number" [];
    /// ... a number with two decimals.
    WHAT_TWO_DECIMALS = "what_two_decimals" [];
    /// What a column holds: a count.
    EXPECT_WHOLE_NUMBER = "expect_whole_number" [];
    /// ... an amount.
    EXPECT_TWO_DECIMALS = "expect_two_decimals" [];
    /// ... a printed figure.
    EXPECT_PRINTED = "expect_printed" [];
    /// The values a row expects (more than one).
    EXPECTED_VALUES = "expected_values" ["n", "names"];
    /// The value a row expects (one).
    EXPECTED_VALUE = "expected_value" ["names"];
    /// A row of a text with a wrong count of values.
    ROW_COUNT = "row_count" ["row", "expected", "found", "values"];
    /// Its hint.
    ROW_COUNT_HINT = "row_count_hint" [];
    /// A row whose values are on several lines, a wrong count.
    ROW_COUNT_LINES = "row_count_lines" ["row", "expected", "found", "nlines", "each"];
    /// Its hint.
    ROW_COUNT_LINES_HINT = "row_count_lines_hint" [];
    /// Values on a line of the text.
    VALUES_ON_LINE = "values_on_line" ["values", "line"];
    /// Two items of a list.
    LIST = "list" ["first", "rest"];
    /// A value the form has no field for (an edition description out of step).
    STORE_NO_FIELD = "store_no_field" ["row", "field"];
    /// A value of another kind than its field.
    STORE_WRONG_KIND = "store_wrong_kind" ["row", "field", "what"];
    /// A row of columns the text reader does not read.
    ROW_UNREADABLE = "row_unreadable" ["row", "columns"];
    /// Numbers after a question, not an answer.
    ANSWER_SKIPPED = "answer_skipped" ["text", "row"];
    /// Two answers to a question.
    TWO_ANSWERS = "two_answers" ["row", "first", "first_line", "second", "second_line"];
    /// A row of values printed empty.
    ROW_BLANK = "row_blank" ["row"];
    /// A row of text printed empty.
    ROW_BLANK_TEXT = "row_blank_text" ["row"];
    /// Its hint, for a row with a printed blank.
    ROW_BLANK_VUOTO_HINT = "row_blank_vuoto_hint" ["vuoto"];
    /// ... for a row the form prints filled in.
    ROW_BLANK_FILLED_HINT = "row_blank_filled_hint" [];
    /// ... for a row of counts.
    ROW_BLANK_EVERY_HINT = "row_blank_every_hint" [];
    /// A row of additional resources with too many values.
    AGGIUNTIVO_COUNT = "aggiuntivo_count" ["row", "found"];
    /// ... around its text.
    AGGIUNTIVO_AROUND = "aggiuntivo_around" ["row", "found"];
    /// A row of interventions with too many values.
    INTERVENTO_COUNT = "intervento_count" ["row", "found"];
    /// ... a count of 0 or more.
    WHAT_NON_NEGATIVE = "what_non_negative" [];
    /// An input past a limit: what it holds, the limit.
    LIMIT_EXCEEDED = "limit_exceeded" ["what", "limit"];
    /// Its hint.
    LIMIT_HINT = "limit_hint" ["name"];
    /// A line of a text past the limit.
    LINE_TOO_LONG = "line_too_long" ["line", "n"];
    /// The limit of a line.
    LIMIT_LINE = "limit_line" ["n"];
    /// An input past the size limit.
    INPUT_TOO_LARGE = "input_too_large" ["size"];
    /// A JSON nested past the limit.
    JSON_TOO_DEEP = "json_too_deep" ["max"];
    /// The limit of nesting.
    LIMIT_JSON_DEPTH = "limit_json_depth" ["max"];
    /// A file of more forms than the limit.
    TOO_MANY_FORMS = "too_many_forms" ["n"];
    /// The limit of forms.
    LIMIT_FORMS = "limit_forms" ["n"];
    /// A PDF of too many objects.
    PDF_TOO_MANY_OBJECTS = "pdf_too_many_objects" ["n"];
    /// The limit of objects.
    LIMIT_PDF_OBJECTS = "limit_pdf_objects" ["n"];
    /// A PDF of too many pages.
    PDF_TOO_MANY_PAGES = "pdf_too_many_pages" ["n"];
    /// The limit of pages.
    LIMIT_PDF_PAGES = "limit_pdf_pages" ["n"];
    /// A file past the size limit, before it is read.
    FILE_TOO_LARGE = "file_too_large" ["path", "size", "limit"];
    /// Its hint.
    FILE_TOO_LARGE_HINT = "file_too_large_hint" [];
    /// A file that does not exist.
    READ_NOT_FOUND = "read_not_found" ["what"];
    /// A file that cannot be read (the system's reason).
    READ_FAILED = "read_failed" ["what", "reason"];
    /// Standard input, as a file read.
    STANDARD_INPUT = "standard_input" [];
    /// A --limit that is not NAME=VALUE.
    LIMIT_NOT_A_SPEC = "limit_not_a_spec" ["spec"];
    /// A limit's size that does not read.
    LIMIT_NOT_A_SIZE = "limit_not_a_size" ["name", "value"];
    /// A limit's count that does not read.
    LIMIT_NOT_A_COUNT = "limit_not_a_count" ["name", "value"];
    /// A limit of no known name.
    LIMIT_UNKNOWN = "limit_unknown" ["name"];
    /// The hint of a wrong --limit.
    LIMIT_NAMES_HINT = "limit_names_hint" ["names"];
    /// A JSON file not in UTF-8.
    JSON_NOT_UTF8 = "json_not_utf8" ["byte"];
    /// A JSON Lines file not in UTF-8.
    JSONL_NOT_UTF8 = "jsonl_not_utf8" ["byte"];
    /// Its hint.
    SAVE_AS_UTF8 = "save_as_utf8" [];
    /// A JSON that does not read (serde_json's detail in English).
    JSON_SYNTAX = "json_syntax" ["line", "column", "detail"];
    /// A JSON that ends too early.
    JSON_TRUNCATED = "json_truncated" ["line", "column", "detail"];
    /// The hint of a JSON of one form per line.
    JSON_IS_JSONL_HINT = "json_is_jsonl_hint" [];
    /// A line of JSON Lines that does not read.
    JSONL_SYNTAX = "jsonl_syntax" ["detail", "column"];
    /// Its hint.
    JSONL_SYNTAX_HINT = "jsonl_syntax_hint" [];
    /// A JSON that is not an object.
    JSON_NOT_OBJECT = "json_not_object" [];
    /// A JSON without schema_version.
    SCHEMA_VERSION_MISSING = "schema_version_missing" [];
    /// Its hint.
    SCHEMA_VERSION_MISSING_HINT = "schema_version_missing_hint" ["version"];
    /// A JSON of another schema_version.
    SCHEMA_VERSION_UNSUPPORTED = "schema_version_unsupported" ["found", "version"];
    /// Its hint.
    SCHEMA_VERSION_UNSUPPORTED_HINT = "schema_version_unsupported_hint" [];
    /// A key that is no field of the form.
    UNKNOWN_FIELD = "unknown_field" ["field", "detail"];
    /// Its hint.
    UNKNOWN_FIELD_HINT = "unknown_field_hint" [];
    /// A field left out.
    MISSING_FIELD = "missing_field" ["field", "detail"];
    /// A value of another type than the field's.
    WRONG_TYPE = "wrong_type" ["found", "detail"];
    /// Any other value the form refuses (the detail in English).
    INVALID_VALUE = "invalid_value" ["detail"];
    /// A year that is not one.
    MODEL_YEAR = "model_year" ["found"];
    /// A PDF whose text is not a form.
    PDF_NOT_A_FORM = "pdf_not_a_form" ["forms", "reason"];
    /// Its hint, and a PDF without text's.
    PDF_OF_THE_FORM_HINT = "pdf_of_the_form_hint" [];
    /// A PDF with a password.
    PDF_PASSWORD = "pdf_password" [];
    /// Its hint.
    PDF_PASSWORD_HINT = "pdf_password_hint" [];
    /// A file that is not a PDF.
    PDF_INVALID = "pdf_invalid" [];
    /// Its hint.
    PDF_INVALID_HINT = "pdf_invalid_hint" [];
    /// Glyphs of a page without text.
    PDF_UNMAPPED_GLYPHS = "pdf_unmapped_glyphs" ["n"];
    /// Its hint.
    PDF_UNMAPPED_GLYPHS_HINT = "pdf_unmapped_glyphs_hint" [];
    /// A PDF of images.
    PDF_IMAGES_ONLY = "pdf_images_only" [];
    /// Its hint.
    PDF_IMAGES_ONLY_HINT = "pdf_images_only_hint" [];
    /// A PDF without text.
    PDF_NO_TEXT = "pdf_no_text" [];
    /// The data embedded in a PDF that does not read.
    EMBEDDED_UNREADABLE = "embedded_unreadable" ["file", "reason"];
    /// Its hint.
    EMBEDDED_UNREADABLE_HINT = "embedded_unreadable_hint" [];
    /// Why: it does not decompress.
    EMBEDDED_NOT_DECOMPRESSED = "embedded_not_decompressed" [];
    /// Why: too large.
    EMBEDDED_BYTES = "embedded_bytes" ["n"];
    /// A PDF of scheda whose page text does not read.
    PAGE_TEXT_UNREADABLE = "page_text_unreadable" ["reason"];
    /// Its hint.
    PAGE_TEXT_UNREADABLE_HINT = "page_text_unreadable_hint" [];
    /// A value the embedded data and the page text disagree on.
    EMBEDDED_DISAGREES = "embedded_disagrees" ["embedded", "page"];
    /// Its hint.
    EMBEDDED_DISAGREES_HINT = "embedded_disagrees_hint" [];
    /// A piece of a text and its line.
    AT_LINE = "at_line" ["text", "line"];
    /// Numbers written the English way.
    ENGLISH_NOTATION = "english_notation" ["example"];
    /// Its hint.
    ENGLISH_NOTATION_HINT = "english_notation_hint" [];
    /// Numbers written both ways.
    MIXED_NOTATION = "mixed_notation" ["either", "italian", "english"];
    /// Its hint.
    MIXED_NOTATION_HINT = "mixed_notation_hint" [];
    /// Numbers that read both ways.
    UNKNOWN_NOTATION = "unknown_notation" ["either", "italian", "english"];
    /// Its hint.
    UNKNOWN_NOTATION_HINT = "unknown_notation_hint" [];
    /// A row printed twice with different values.
    ROW_TWICE_DIFFERENT = "row_twice_different" ["row", "first", "second"];
    /// Its hint.
    ROW_TWICE_DIFFERENT_HINT = "row_twice_different_hint" [];
    /// A row printed twice alike.
    ROW_TWICE = "row_twice" ["row", "first", "second"];
    /// Rows printed twice alike.
    ROWS_TWICE = "rows_twice" ["first_row", "last_row", "first", "second"];
    /// Its hint.
    PRINTED_TWICE_HINT = "printed_twice_hint" ["from", "to"];
    /// A text of two forms.
    TWO_FORMS = "two_forms" ["line"];
    /// Its hint.
    TWO_FORMS_HINT = "two_forms_hint" ["line"];
    /// A text that lost its accented letters.
    LOST_CHARACTERS = "lost_characters" ["lost", "shown"];
    /// Its hint.
    LOST_CHARACTERS_HINT = "lost_characters_hint" ["lost"];
    /// Footers of two dates.
    FOOTER_DATE_DIFFERS = "footer_date_differs" ["date", "first", "line"];
    /// A date of last change that is not a date.
    NOT_A_DATE = "not_a_date" ["value"];
    /// A ratio of another shape.
    RATIO_SHAPE = "ratio_shape" ["row", "expected", "found"];
    /// A ratio's shape.
    SHAPE = "shape" ["shape"];
    /// A ratio's shape or its printed blank.
    SHAPE_OR_BLANK = "shape_or_blank" ["vuoto", "shape"];
    /// A ratio of the Comune without a whole N.
    RATIO_NOT_WHOLE = "ratio_not_whole" ["row", "shape", "found"];
    /// A ratio whose N is not a number.
    RATIO_NOT_A_NUMBER = "ratio_not_a_number" ["row", "found", "shape"];
    /// A text in aligned columns that does not read.
    ALIGNED_UNREADABLE = "aligned_unreadable" ["layout"];
    /// Its hint.
    ALIGNED_UNREADABLE_HINT = "aligned_unreadable_hint" [];
    /// A text of the form's codes in no known layout.
    UNKNOWN_LAYOUT = "unknown_layout" [];
    /// Its hint.
    UNKNOWN_LAYOUT_HINT = "unknown_layout_hint" [];
    /// A title of an edition this build does not know (the detail from the edition's code).
    EDITION_IN_TITLE = "edition_in_title" ["detail"];
    /// Its hint.
    EDITION_IN_TITLE_HINT = "edition_in_title_hint" [];
    /// A text of no title whose years fit no one edition.
    EDITION_UNKNOWN = "edition_unknown" ["editions"];
    /// Its hint.
    EDITION_UNKNOWN_HINT = "edition_unknown_hint" ["title"];
    /// A text not in UTF-8.
    NOT_UTF8_TEXT = "not_utf8_text" [];
    /// Its hint.
    NOT_UTF8_TEXT_HINT = "not_utf8_text_hint" [];
    /// A text of no row of the form.
    NO_ROW_OF_FORM = "no_row_of_form" ["form"];
    /// A page that leaves Quadro 3 out.
    QUADRO3_LEFT_OUT = "quadro3_left_out" ["first", "last"];
    /// Its hint.
    QUADRO3_LEFT_OUT_HINT = "quadro3_left_out_hint" [];
    /// Numbers before the first row.
    DATA_BEFORE_FIRST_ROW = "data_before_first_row" ["text"];
    /// A year of another edition.
    ANNO_DISAGREES = "anno_disagrees" ["anno", "edizione", "year"];
    /// A province that is not a code.
    PROVINCE_CODE = "province_code" ["found"];
    /// Answers for an edition without questions.
    NO_QUESTIONS = "no_questions" ["edizione"];
    /// A report past 6.000 characters.
    REPORT_TOO_LONG = "report_too_long" ["n"];
    /// Its hint.
    REPORT_TOO_LONG_HINT = "report_too_long_hint" [];
    /// A row of other editions.
    ROW_OF_OTHER_EDITIONS = "row_of_other_editions" ["row", "having", "edizione"];
    /// A negative value.
    VALUE_NEGATIVE = "value_negative" ["value"];
    /// A value of too many decimals.
    TOO_MANY_DECIMALS = "too_many_decimals" ["value", "max"];
    /// A form that does not write as JSON.
    JSON_WRITE_FAILED = "json_write_failed" ["detail"];
    /// A form number past the input's forms.
    NO_FORM_NUMBER = "no_form_number" ["n", "count"];
    /// One form.
    FORMS_ONE = "forms_one" [];
    /// Forms.
    FORMS_N = "forms_n" ["n"];
    /// No form of a Comune.
    NO_FORM_FOR_COMUNE = "no_form_for_comune" ["name"];
    /// Several forms of a Comune.
    FORMS_FOR_COMUNE = "forms_for_comune" ["n", "name", "numbers"];
    /// Its hint.
    PICK_BY_NUMBER_HINT = "pick_by_number_hint" ["options"];
    /// Two --comune options.
    OR_COMUNE = "or_comune" ["first", "rest"];
    /// An input of no form.
    NO_FORMS_HINT = "no_forms_hint" [];
    /// The forms of an input.
    LISTING_HINT = "listing_hint" ["names"];
    /// A form of no name.
    NO_DENOMINAZIONE = "no_denominazione" ["n"];
    /// More forms.
    AND_MORE = "and_more" ["n"];
    /// A value the form wants a number for (serde's detail in English).
    WANT_NUMBER = "want_number" ["found", "detail"];
    /// A value the form wants a text for.
    WANT_TEXT = "want_text" ["found", "detail"];
    /// A value the form wants true or false for.
    WANT_YES_NO = "want_yes_no" ["found", "detail"];
    /// A blank value, shown.
    BLANK_VALUE = "blank_value" [];
    /// A value of the command line or a request: an unknown edition.
    EDITION_NOT_KNOWN = "edition_not_known" ["code", "known"];
    /// ... not a Quadro 4 question.
    NOT_A_QUESTION = "not_a_question" ["found"];
    /// ... not a date and time.
    NOT_A_DATE_TIME = "not_a_date_time" ["found"];
    /// ... an unknown format.
    FORMAT_NOT_KNOWN = "format_not_known" ["found", "known"];
    /// ... an empty choice of a form.
    SELECTOR_EMPTY = "selector_empty" [];
    /// ... a form's number too large.
    FORM_NUMBER_TOO_LARGE = "form_number_too_large" ["found"];
    /// An OS error: no such file or folder.
    IO_NOT_FOUND = "io_not_found" [];
    /// An OS error: permission denied.
    IO_PERMISSION_DENIED = "io_permission_denied" [];
    /// An OS error: the file exists.
    IO_ALREADY_EXISTS = "io_already_exists" [];
    /// An OS error: a folder where a file was expected.
    IO_IS_A_DIRECTORY = "io_is_a_directory" [];
    /// An OS error: a file where a folder was expected.
    IO_NOT_A_DIRECTORY = "io_not_a_directory" [];
    /// An OS error: the disk is full.
    IO_STORAGE_FULL = "io_storage_full" [];
    /// An OS error: a read-only file system.
    IO_READ_ONLY = "io_read_only" [];
    /// An OS error of another kind, as the system words it.
    IO_OTHER = "io_other" ["detail"];
    /// An output in a folder that does not exist.
    OUTPUT_FOLDER_MISSING = "output_folder_missing" ["path", "folder"];
    /// Its hint.
    OUTPUT_FOLDER_MISSING_HINT = "output_folder_missing_hint" [];
    /// An error of the formula of a computed field.
    CALC_IN = "calc_in" ["field", "error"];
    /// Its hint: where the language is described.
    CALC_HINT = "calc_hint" [];
    /// The end of a formula, where something else was expected.
    CALC_END = "calc_end" [];
    /// A piece of a formula, quoted.
    CALC_QUOTED = "calc_quoted" ["text"];
    /// A number of a formula that is not one.
    CALC_NUMBER = "calc_number" ["found"];
    /// A character no formula has.
    CALC_CHARACTER = "calc_character" ["found"];
    /// A piece of a formula out of place.
    CALC_UNEXPECTED = "calc_unexpected" ["found"];
    /// A symbol a formula lacks.
    CALC_EXPECTED = "calc_expected" ["expected", "found"];
    /// An unknown function.
    CALC_UNKNOWN_FUNCTION = "calc_unknown_function" ["name", "known"];
    /// A function with a wrong count of arguments.
    CALC_ARGUMENTS = "calc_arguments" ["name", "n", "found"];
    /// A function with too few arguments.
    CALC_ARGUMENTS_AT_LEAST = "calc_arguments_at_least" ["name", "n", "found"];
    /// A function named without its arguments.
    CALC_CALL_NEEDED = "calc_call_needed" ["name"];
    /// The places of a rounding that are not a whole number from 0 to 10.
    CALC_PLACES = "calc_places" [];
    /// A value where a condition goes.
    CALC_WANT_CONDITION = "calc_want_condition" [];
    /// A condition where a value goes.
    CALC_WANT_VALUE = "calc_want_value" [];
    /// A computation where fields go.
    CALC_WANT_FIELDS = "calc_want_fields" ["name"];
    /// The rows of a kind out of place.
    CALC_ROWS_PLACE = "calc_rows_place" [];
    /// A row the edition does not have.
    CALC_UNKNOWN_ROW = "calc_unknown_row" ["row"];
    /// A column a row does not have.
    CALC_UNKNOWN_FIELD = "calc_unknown_field" ["row", "field", "known"];
    /// A row of several columns named without one.
    CALC_FIELD_NEEDED = "calc_field_needed" ["row", "known"];
    /// A field of text or SI/NO in a formula.
    CALC_NOT_A_NUMBER = "calc_not_a_number" ["field"];
    /// A bare field in a rule of one field.
    CALC_NO_ROW = "calc_no_row" ["field"];
    /// An unknown column kind in a formula or a rule.
    CALC_UNKNOWN_KIND = "calc_unknown_kind" ["kind", "known"];
    /// Rows of a kind that no row is.
    CALC_NO_ROWS_OF_KIND = "calc_no_rows_of_kind" ["kind"];
    /// A rule that does not say what it computes.
    CALC_TARGET = "calc_target" [];
    /// A rule for a field that is not computed.
    CALC_NOT_DERIVED = "calc_not_derived" ["field"];
    /// A rule for the computed columns of a kind that has none.
    CALC_NO_TARGETS = "calc_no_targets" ["kind"];
    /// A field computed by two rules.
    CALC_TWICE = "calc_twice" ["field", "line"];
    /// A rule that reads a value computed after it.
    CALC_ORDER = "calc_order" ["field", "read", "line"];
    /// Its hint.
    CALC_ORDER_HINT = "calc_order_hint" [];
    /// A computed column no rule computes.
    CALC_MISSING = "calc_missing" ["field"];
    /// Its hint.
    CALC_MISSING_HINT = "calc_missing_hint" [];
    /// An `[[esito]]` the catalogue does not know.
    ESITO_UNKNOWN = "esito_unknown" ["name", "known"];
    /// An outcome given twice.
    ESITO_TWICE = "esito_twice" ["name", "line"];
    /// A case of a choice with a value the outcome cannot take.
    ESITO_VALUE = "esito_value" ["name", "value", "known"];
    /// An outcome without the key its shape wants.
    ESITO_SHAPE = "esito_shape" ["name", "wanted"];
    /// An outcome that chooses a sentence no `frasi` entry prints.
    ESITO_FRASE = "esito_frase" ["name", "frase", "known"];
    /// A `riepilogo` item that is neither a field nor an outcome.
    RIEPILOGO_UNKNOWN = "riepilogo_unknown" ["name"];
    /// A field of `[riporto]` that is not an input of the edition.
    CARRY_FIELD_UNKNOWN = "carry_field_unknown" ["field"];
    /// Its hint.
    CARRY_FIELD_HINT = "carry_field_hint" [];
    /// `template --from` for an edition that carries nothing over.
    CARRY_NONE = "carry_none" ["edition"];
    /// Its hint.
    CARRY_NONE_HINT = "carry_none_hint" [];
    /// `template --from` with a source that is not of the edition before.
    CARRY_NOT_PREVIOUS = "carry_not_previous" ["source", "edition", "previous"];
    /// Its hint.
    CARRY_NOT_PREVIOUS_HINT = "carry_not_previous_hint" ["previous"];
}
