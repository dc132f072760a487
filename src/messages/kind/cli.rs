//! Kinds of the command line: check, batch and its report, and the warnings
//! of the rules and the writers (templates/messages/cli.toml).

kinds! {
    CLI;
    /// `check`: a form whose values all agree with the rules.
    CONSISTENT = "consistent" ["label"];
    /// `check`: how many printed values disagree with the rules.
    INCONSISTENT_VALUES = "inconsistent_values" ["n"];
    /// `check`: how many derived values are blank that the rules compute.
    BLANK_VALUES = "blank_values" ["n"];
    /// `check`: a printed value and the computed one.
    PRINTED_COMPUTED = "printed_computed" ["row", "what", "printed", "computed", "place"];
    /// `check`: a blank derived value and the computed one.
    BLANK_COMPUTED = "blank_computed" ["row", "what", "computed", "place"];
    /// `check`: what writes the blank derived values.
    RECOMPUTE_BLANK_HINT = "recompute_blank_hint" [];
    /// A form of a file holding several, with its Comune.
    FORM_OF_FILE = "form_of_file" ["file", "n", "comune"];
    /// A form of a file holding several, without a Comune.
    FORM_OF_FILE_UNNAMED = "form_of_file_unnamed" ["file", "n"];
    /// `check` on a folder: the summary line.
    CHECK_SUMMARY = "check_summary"
        ["forms", "consistent", "inconsistent", "incomplete", "unreadable", "skipped"];
    /// One form (a count).
    FORMS_COUNT_ONE = "forms_count_one" ["n"];
    /// Several forms (a count).
    FORMS_MANY = "forms_many" ["n"];
    /// The summary's part on incomplete forms.
    SUMMARY_INCOMPLETE = "summary_incomplete" ["n"];
    /// The summary's part on one file skipped.
    SUMMARY_SKIPPED_ONE = "summary_skipped_one" ["n"];
    /// The summary's part on several files skipped.
    SUMMARY_SKIPPED_MANY = "summary_skipped_many" ["n"];
    /// `check` of a folder with no form in it.
    NO_FORM_IN_FOLDER = "no_form_in_folder" [];
    /// The files scheda reads.
    READS_EXTENSIONS_HINT = "reads_extensions_hint" ["extensions"];
    /// `batch` with no form in its inputs.
    NO_FORM_IN_INPUTS = "no_form_in_inputs" [];
    /// What to give `batch`.
    NO_FORM_IN_INPUTS_HINT = "no_form_in_inputs_hint" ["extensions"];
    /// Warnings made a failure by `--strict`.
    STRICT_WARNINGS = "strict_warnings" ["count"];
    /// One warning (a count).
    WARNINGS_ONE = "warnings_one" ["n"];
    /// Several warnings (a count).
    WARNINGS_MANY = "warnings_many" ["n"];
    /// The hint of `--strict` on the command line (warnings printed above).
    STRICT_HINT_ABOVE = "strict_hint_above" [];
    /// The hint of `--strict` in a batch.
    STRICT_HINT = "strict_hint" [];
    /// A printed derived value that disagrees with the rules, kept.
    PRINTED_DISAGREES = "printed_disagrees" ["row", "what", "printed", "computed"];
    /// Its hint on the command line.
    PRINTED_DISAGREES_HINT = "printed_disagrees_hint" [];
    /// A derived value replaced by `--recompute`.
    RECOMPUTED = "recomputed" ["row", "place", "before", "after"];
    /// An input that holds no form.
    NO_FORM_IN_INPUT = "no_form_in_input" [];
    /// A file that cannot be written.
    FAILED_TO_WRITE = "failed_to_write" ["path", "error"];
    /// Standard output that cannot be written.
    FAILED_TO_WRITE_STDOUT = "failed_to_write_stdout" ["error"];
    /// An output of a batch that exists and is kept.
    OUTPUT_KEPT = "output_kept" ["name"];
    /// The batch's output folder cannot be made.
    OUTPUT_FOLDER_FAILED = "output_folder_failed" ["path", "error"];
    /// The batch's report cannot be written.
    REPORT_FAILED = "report_failed" ["path", "error"];
    /// A folder that cannot be listed.
    FOLDER_UNLISTED = "folder_unlisted" ["path", "error"];
    /// A bug met while reading an input.
    INTERNAL_ERROR_READING = "internal_error_reading" [];
    /// A bug met while doing a form.
    INTERNAL_ERROR_PROCESSING = "internal_error_processing" [];
    /// Skipped: an output of an earlier batch.
    SKIP_EARLIER_OUTPUT = "skip_earlier_output" ["report"];
    /// Skipped: a file met twice.
    SKIP_TWICE = "skip_twice" [];
    /// Skipped: a link to a folder.
    SKIP_LINK = "skip_link" [];
    /// Skipped: an Office lock file.
    SKIP_LOCK_FILE = "skip_lock_file" [];
    /// Skipped: a file of another kind.
    SKIP_NOT_A_FORM = "skip_not_a_form" ["ext"];
    /// Skipped: a file without an extension.
    SKIP_NO_EXTENSION = "skip_no_extension" [];
    /// The report's column of the input.
    COLUMN_INPUT = "column_input" [];
    /// ... of the row of a multi-Comune file.
    COLUMN_ROW = "column_row" [];
    /// ... of the outcome.
    COLUMN_STATUS = "column_status" [];
    /// ... of the Comune.
    COLUMN_COMUNE = "column_comune" [];
    /// ... of the edition.
    COLUMN_EDITION = "column_edition" [];
    /// ... of the Quadro 2 case.
    COLUMN_CASO = "column_caso" [];
    /// ... of whether Quadro 3 is due.
    COLUMN_QUADRO3_DOVUTO = "column_quadro3_dovuto" [];
    /// ... of whether Quadro 3 is coherent.
    COLUMN_QUADRO3_COERENTE = "column_quadro3_coerente" [];
    /// ... of whether the printed values agree with the rules.
    COLUMN_CONSISTENT = "column_consistent" [];
    /// ... of the warnings.
    COLUMN_WARNINGS = "column_warnings" [];
    /// ... of the corrections.
    COLUMN_CORRECTIONS = "column_corrections" [];
    /// ... of the files written.
    COLUMN_OUTPUTS = "column_outputs" [];
    /// ... of the error.
    COLUMN_ERROR = "column_error" [];
    /// Outcome: written.
    STATUS_OK = "status_ok" [];
    /// Outcome: every output existed and was kept.
    STATUS_KEPT = "status_kept" [];
    /// Outcome: failed.
    STATUS_FAILED = "status_failed" [];
    /// Outcome: skipped.
    STATUS_SKIPPED = "status_skipped" [];
    /// A derived value given with fewer decimals than the form prints.
    DECIMALS_FEWER = "decimals_fewer" ["who", "row", "what", "given", "written"];
    /// A derived value given with more decimals than the form prints.
    DECIMALS_MORE = "decimals_more" ["who", "row", "what", "given", "written"];
    /// The hint of a value at another precision.
    DECIMALS_HINT = "decimals_hint" [];
    /// A sentence without a confirmed official wording.
    UNVERIFIED_SENTENCE = "unverified_sentence" ["quadro", "start"];
    /// Sentences not printed for a blank derived value.
    SENTENCES_NOT_PRINTED = "sentences_not_printed" ["values", "leaves"];
    /// A blank derived value and the computed one, in a list.
    BLANK_INPUT = "blank_input" ["row", "computed"];
    /// The form leaves one value blank.
    LEAVES_IT_BLANK = "leaves_it_blank" [];
    /// The form leaves several values blank.
    LEAVES_THEM_BLANK = "leaves_them_blank" [];
    /// Its hint.
    SENTENCES_NOT_PRINTED_HINT = "sentences_not_printed_hint" [];
    /// A format scheda reads but does not write.
    NOT_WRITTEN = "not_written" ["ext"];
    /// Its hint.
    NOT_WRITTEN_HINT = "not_written_hint" ["formats"];
    /// `batch`: temporary files of a killed batch removed.
    BATCH_STALE_REMOVED = "batch_stale_removed" ["n"];
    /// `batch`: temporary files of another batch left.
    BATCH_STALE_KEPT = "batch_stale_kept" ["n"];
    /// `batch`: the summary line.
    BATCH_SUMMARY = "batch_summary" ["forms", "secs", "rate", "outcomes"];
    /// `batch`: the summary line of an interrupted batch.
    BATCH_INTERRUPTED = "batch_interrupted" ["forms", "secs", "rate", "outcomes"];
    /// `batch`: forms written.
    BATCH_WRITTEN = "batch_written" ["n"];
    /// `batch`: forms kept.
    BATCH_KEPT = "batch_kept" ["n"];
    /// `batch`: forms failed.
    BATCH_FAILED = "batch_failed" ["n"];
    /// `batch`: where the report is.
    BATCH_REPORT = "batch_report" ["path"];
    /// `batch`: the progress line without a terminal.
    BATCH_PROGRESS = "batch_progress" ["done", "total", "failed", "rate"];
    /// `batch`: the progress's count of failed forms.
    BATCH_PROGRESS_FAILED = "batch_progress_failed" ["n"];
    /// A form of a JSON Lines file, by its line.
    INPUT_LINE = "input_line" ["input", "n"];
    /// A form of a workbook, by its row.
    INPUT_ROW = "input_row" ["input", "n"];
    /// Standard output without `--to`.
    STDOUT_FORMAT_UNKNOWN = "stdout_format_unknown" [];
    /// Its hint.
    STDOUT_FORMAT_HINT = "stdout_format_hint" ["formats"];
    /// An output whose extension does not tell its format.
    OUTPUT_FORMAT_UNKNOWN = "output_format_unknown" ["path"];
    /// Its hint.
    OUTPUT_FORMAT_HINT = "output_format_hint" ["extensions"];
    /// An output that is the input.
    OUTPUT_IS_INPUT = "output_is_input" [];
    /// Its hint.
    OUTPUT_IS_INPUT_HINT = "output_is_input_hint" [];
    /// Several forms for a format that holds one.
    MANY_FORMS_ONE_FILE = "many_forms_one_file" ["n", "to"];
    /// Its hint.
    MANY_FORMS_ONE_FILE_HINT = "many_forms_one_file_hint" [];
    /// `editions --export`: a file written.
    WROTE = "wrote" ["path"];
    /// The hint of an unknown edition on the command line.
    EDITIONS_CLI_HINT = "editions_cli_hint" [];
    /// `batch --layout` without a txt output.
    LAYOUT_WITHOUT_TXT = "layout_without_txt" [];
    /// Its hint.
    LAYOUT_WITHOUT_TXT_HINT = "layout_without_txt_hint" [];
    /// `convert --layout` of an output that is not text.
    LAYOUT_NOT_TEXT = "layout_not_text" ["format"];
    /// Its hint.
    LAYOUT_NOT_TEXT_HINT = "layout_not_text_hint" [];
    /// A batch report that would replace an input.
    REPORT_IS_INPUT = "report_is_input" [];
    /// Its hint.
    REPORT_IS_INPUT_HINT = "report_is_input_hint" [];
    /// A batch report in a folder that does not exist.
    REPORT_FOLDER_MISSING = "report_folder_missing" ["path"];
    /// Its hint.
    REPORT_FOLDER_MISSING_HINT = "report_folder_missing_hint" [];
    /// The list of inputs on standard input cannot be read.
    INPUT_LIST_FAILED = "input_list_failed" ["error"];
    /// The editions known, as a hint.
    EDITIONS_ARE_HINT = "editions_are_hint" ["known"];
    /// `editions --export` of an edition lacking a file.
    EDITION_HAS_NO_FILE = "edition_has_no_file" ["code", "path"];
    /// Its hint.
    EDITION_HAS_NO_FILE_HINT = "edition_has_no_file_hint" [];
    /// `editions --export` into a folder holding the file already.
    EXPORT_EXISTS = "export_exists" ["path"];
    /// Its hint.
    EXPORT_EXISTS_HINT = "export_exists_hint" [];
    /// A binary output to a terminal.
    TERMINAL_REFUSED = "terminal_refused" ["format"];
    /// Its hint.
    TERMINAL_REFUSED_HINT = "terminal_refused_hint" [];
    /// The server cannot start.
    SERVER_FAILED = "server_failed" ["error"];
    /// The server cannot listen on its address.
    LISTEN_FAILED = "listen_failed" ["bind", "error"];
    /// Its hint.
    LISTEN_FAILED_HINT = "listen_failed_hint" [];
    /// A line of a JSON Lines file that cannot be read.
    LINE_READ_FAILED = "line_read_failed" ["error"];
    /// A line of a JSON Lines file that is not UTF-8.
    LINE_NOT_UTF8 = "line_not_utf8" ["byte"];
    /// `--name`: a brace left open.
    NAME_PATTERN_UNCLOSED = "name_pattern_unclosed" ["name"];
    /// `--name`: an unknown placeholder.
    NAME_PATTERN_UNKNOWN = "name_pattern_unknown" ["name", "known"];
    /// `--name`: a lone closing brace.
    NAME_PATTERN_LONE_BRACE = "name_pattern_lone_brace" [];
    /// `--name`: empty.
    NAME_PATTERN_EMPTY = "name_pattern_empty" [];
    /// Command line: a value not among the possible ones.
    USAGE_INVALID_VALUE = "usage_invalid_value" ["value", "arg"];
    /// Command line: a value its parser refuses.
    USAGE_INVALID_VALUE_DETAIL = "usage_invalid_value_detail" ["value", "arg", "detail"];
    /// The possible values.
    USAGE_POSSIBLE_HINT = "usage_possible_hint" ["values"];
    /// Command line: an unknown option or argument.
    USAGE_UNKNOWN_ARG = "usage_unknown_arg" ["arg"];
    /// A close match.
    USAGE_SUGGESTION_HINT = "usage_suggestion_hint" ["suggestion"];
    /// Command line: an unknown command.
    USAGE_UNKNOWN_COMMAND = "usage_unknown_command" ["command"];
    /// Command line: required arguments missing.
    USAGE_MISSING = "usage_missing" ["args"];
    /// Command line: two options that exclude each other.
    USAGE_CONFLICT = "usage_conflict" ["arg", "other"];
    /// Command line: an option without its value.
    USAGE_NO_VALUE = "usage_no_value" ["arg"];
    /// Command line: another usage error, with clap's words.
    USAGE_OTHER = "usage_other" ["detail"];
    /// Where the options are listed.
    USAGE_HELP_HINT = "usage_help_hint" ["command"];
    /// `--max-upload`: not a size.
    SIZE_INVALID = "size_invalid" ["found"];
    /// `serve`: where the page is.
    SERVE_PAGE_AT = "serve_page_at" ["url"];
    /// `serve` open to the network without a token.
    SERVE_OPEN_NETWORK = "serve_open_network" ["address"];
    /// Its hint.
    SERVE_OPEN_NETWORK_HINT = "serve_open_network_hint" [];
    /// `serve --open`: the browser did not open.
    BROWSER_NOT_OPENED = "browser_not_opened" ["error", "url"];
    /// The progress bar: forms done of all.
    PROGRESS_FORMS = "progress_forms" ["done", "total"];
    /// The progress bar: the time left.
    PROGRESS_LEFT = "progress_left" ["eta"];
    /// The progress bar: forms a second.
    PROGRESS_RATE = "progress_rate" ["rate"];
    /// `editions`: an edition compiled into scheda.
    EDITION_BUILT_IN = "edition_built_in" [];
    /// A batch's corrections that a kept output does not hold.
    CORRECTIONS_NOT_APPLIED = "corrections_not_applied" ["n"];
    /// The batch's hint when outputs were kept.
    BATCH_KEPT_HINT = "batch_kept_hint" [];
    /// A batch's input that does not exist: nothing was done.
    BATCH_INPUT_MISSING_HINT = "batch_input_missing_hint" [];
    /// `diff`: a blank value.
    DIFF_BLANK = "diff_blank" [];
    /// `diff`: the heading of the fields that differ.
    DIFF_SECTION_FIELDS = "diff_section_fields" [];
    /// `diff`: the heading of the computed values that differ.
    DIFF_SECTION_COMPUTED = "diff_section_computed" [];
    /// `diff`: the heading of the outcomes that differ.
    DIFF_SECTION_OUTCOMES = "diff_section_outcomes" [];
    /// `diff`: the heading of the sentences that differ.
    DIFF_SECTION_SENTENCES = "diff_section_sentences" [];
    /// `diff`: the heading of the fields of one edition only.
    DIFF_SECTION_ONLY = "diff_section_only" ["edition"];
    /// `diff`: the forms agree.
    DIFF_SAME = "diff_same" [];
    /// `diff`: one difference.
    DIFF_COUNT_ONE = "diff_count_one" ["n"];
    /// `diff`: several differences.
    DIFF_COUNT_MANY = "diff_count_many" ["n"];
    /// `diff`: a Comune's form on one side only.
    DIFF_ONLY_IN = "diff_only_in" ["side", "where"];
    /// `diff --csv`: the column names, separated by `;`.
    DIFF_CSV_HEADER = "diff_csv_header" [];
    /// `template --from`: the heading of the fields carried over.
    TEMPLATE_CARRIED = "template_carried" ["n", "source"];
    /// `template --from`: the heading of the fields to fill in.
    TEMPLATE_TO_FILL = "template_to_fill" ["n"];
}
