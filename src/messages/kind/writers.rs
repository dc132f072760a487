//! Kinds of the writers, the edition descriptions, the sentence catalogue
//! and the templates folder (templates/messages/writers.toml).

kinds! {
    WRITERS;
    /// The hint of a failure only a bug of scheda can cause.
    WRITER_INTERNAL_HINT = "writer_internal_hint" [];

    // The text writer.
    /// A row with blank and filled values, which the pdftotext layout loses.
    ROW_BLANK_AND_FILLED = "row_blank_and_filled" ["row"];
    /// Its hint.
    ROW_BLANK_AND_FILLED_HINT = "row_blank_and_filled_hint" [];
    /// An edition description printing sentences the rules never choose.
    UNKNOWN_SENTENCES = "unknown_sentences" ["edition", "name"];
    /// Its hint: the names of the sentences.
    SENTENCES_HINT = "sentences_hint" [];
    /// An unknown `--layout` (clap's error, in English).
    TEXT_LAYOUT_UNKNOWN = "text_layout_unknown" ["name"];

    // The workbook writer.
    /// A row of a form workbook, as the place of a value.
    WORKBOOK_ROW = "workbook_row" ["row"];
    /// A field of a form in the multi-Comune workbook.
    WORKBOOK_FIELD = "workbook_field" ["form", "field"];
    /// A form of the multi-Comune workbook without a Comune, by its row.
    WORKBOOK_FORM_N = "workbook_form_n" ["n"];
    /// A number a spreadsheet cell cannot hold exactly.
    CELL_NOT_EXACT = "cell_not_exact" ["place", "value"];
    /// A whole number too large for a spreadsheet cell.
    CELL_TOO_LARGE = "cell_too_large" ["place", "value"];
    /// Their hint.
    CELL_DIGITS_HINT = "cell_digits_hint" [];
    /// The workbook library refused the workbook.
    WORKBOOK_WRITE_FAILED = "workbook_write_failed" ["error"];
    /// A value of the wrong kind for its column.
    WRONG_KIND = "writer_wrong_kind" ["row", "expected"];
    /// ... expected a number.
    WANT_A_NUMBER = "want_a_number" [];
    /// ... expected a whole number.
    WANT_A_WHOLE_NUMBER = "want_a_whole_number" [];
    /// ... expected a text.
    WANT_A_TEXT = "want_a_text" [];
    /// ... expected SI or NO.
    WANT_SI_NO = "want_si_no" [];

    // The JSON Lines writer.
    /// JSON Lines that cannot be written.
    JSONL_WRITE_FAILED = "jsonl_write_failed" ["error"];

    // The PDF writer.
    /// An edition with no PDF layout.
    NO_PDF_LAYOUT = "no_pdf_layout" ["edition", "layout", "generic"];
    /// Its hint.
    NO_PDF_LAYOUT_HINT = "no_pdf_layout_hint" ["edition", "generic"];
    /// The data of the PDF layout that cannot be written.
    PDF_DATA_FAILED = "pdf_data_failed" ["error"];
    /// Characters the PDF's font does not have.
    NO_GLYPH = "no_glyph" ["chars"];
    /// Its hint.
    NO_GLYPH_HINT = "no_glyph_hint" [];
    /// A form's date that is no date.
    FORM_DATE_INVALID = "form_date_invalid" ["date"];
    /// No layout came out (a bug).
    LAYOUT_FAILED = "layout_failed" [];
    /// A form longer than its official pages.
    PAGES_OVER = "pages_over" ["pages", "official"];
    /// Its hint.
    PAGES_OVER_HINT = "pages_over_hint" [];
    /// An error or warning of Typst, in its English.
    LAYOUT_PROBLEM = "layout_problem" ["detail"];
    /// ... at a line of a layout file.
    LAYOUT_PROBLEM_AT = "layout_problem_at" ["detail", "file"];
    /// Typst's hint, in its English.
    LAYOUT_HINT = "layout_hint" ["detail"];
    /// The PDF that cannot be written.
    PDF_WRITE_FAILED = "pdf_write_failed" ["detail"];
    /// PDF/A that cannot be set up (a bug).
    PDFA_FAILED = "pdfa_failed" ["error"];
    /// The PDF's date that cannot be built (a bug).
    TIMESTAMP_FAILED = "timestamp_failed" [];

    // The edition descriptions (src/form).
    /// A description that is not valid TOML or has the wrong shape.
    DESCRIPTION_INVALID = "description_invalid" ["detail"];
    /// Its hint.
    DESCRIPTION_INVALID_HINT = "description_invalid_hint" [];
    /// An edition code of other characters than letters and digits.
    EDITION_CODE_INVALID = "edition_code_invalid" ["code"];
    /// Its hint.
    EDITION_CODE_HINT = "edition_code_hint" [];
    /// An unknown `layout_testo`.
    UNKNOWN_TEXT_LAYOUT = "unknown_text_layout" ["name"];
    /// An unknown column kind in a column set.
    UNKNOWN_COLUMN_KIND_IN_SET = "unknown_column_kind_in_set" ["kind", "set"];
    /// An unknown column kind in a row.
    UNKNOWN_COLUMN_KIND_IN_ROW = "unknown_column_kind_in_row" ["kind", "row"];
    /// Their hint: the kinds.
    COLUMN_KINDS_HINT = "column_kinds_hint" ["kinds"];
    /// An unknown portal arrangement.
    UNKNOWN_PORTAL_ARRANGEMENT = "unknown_portal_arrangement" ["name"];
    /// A row code given twice.
    DUPLICATE_ROW_CODE = "duplicate_row_code" ["row", "line"];
    /// Its hint.
    DUPLICATE_ROW_CODE_HINT = "duplicate_row_code_hint" [];
    /// An unknown rendering in `solo`.
    UNKNOWN_RENDERING = "unknown_rendering" ["name"];
    /// `regole.relazione` naming no row.
    RELAZIONE_NOT_A_ROW = "relazione_not_a_row" ["row"];
    /// An entry of no kind.
    ENTRY_EMPTY = "entry_empty" [];
    /// An entry of several kinds.
    ENTRY_SEVERAL_KINDS = "entry_several_kinds" ["kinds"];
    /// Their hint.
    ENTRY_KIND_HINT = "entry_kind_hint" [];
    /// A row without a label.
    ROW_NO_LABEL = "row_no_label" ["row"];
    /// Its hint.
    ROW_NO_LABEL_HINT = "row_no_label_hint" [];
    /// A row without columns.
    ROW_NO_COLUMNS = "row_no_columns" ["row"];
    /// Its hint.
    ROW_NO_COLUMNS_HINT = "row_no_columns_hint" [];
    /// A row naming an unknown column set.
    UNKNOWN_COLUMN_SET = "unknown_column_set" ["row", "set"];
    /// Its hint: the sets.
    COLUMN_SETS_HINT = "column_sets_hint" ["sets"];
    /// A row's list of columns of the wrong shape.
    INVALID_COLUMNS = "invalid_columns" ["row", "detail"];
    /// An unknown `{placeholder}`.
    UNKNOWN_PLACEHOLDER = "unknown_placeholder" ["placeholder"];
    /// Its hint: the placeholders.
    PLACEHOLDERS_HINT = "placeholders_hint" ["placeholders"];
    /// A description in a file not named after its code.
    DESCRIPTION_FILE_NAME = "description_file_name" ["edition", "file"];
    /// Its hint.
    DESCRIPTION_FILE_NAME_HINT = "description_file_name_hint" ["edition"];

    // The templates folder and the sentence catalogue.
    /// A `--templates` folder that cannot be read.
    TEMPLATES_DIR_UNREADABLE = "templates_dir_unreadable" ["path", "reason"];
    /// ... because it is not a folder.
    NOT_A_FOLDER = "not_a_folder" [];
    /// ... because it does not exist.
    FOLDER_NOT_FOUND = "folder_not_found" [];
    /// What a `--templates` folder holds.
    TEMPLATES_DIR_HINT = "templates_dir_hint" [];
    /// A sentence catalogue that does not compile.
    SENTENCES_INVALID = "sentences_invalid" ["edition", "error"];
    /// A sentence that cannot be worded.
    SENTENCE_FAILED = "sentence_failed" ["name", "edition", "error"];
    /// An edition without a sentence catalogue.
    NO_SENTENCES = "no_sentences" ["edition"];
    /// Its hint.
    NO_SENTENCES_HINT = "no_sentences_hint" [];
    /// The hint of a sentence without a confirmed official wording, for a
    /// clerk.
    UNVERIFIED_WORDING_HINT = "unverified_wording_hint" [];

    // The worker threads.
    /// The worker threads that cannot be started.
    WORKERS_FAILED = "workers_failed" ["error"];
}
