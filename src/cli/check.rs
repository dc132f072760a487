//! `scheda check`: every printed derived value against the rules, for every
//! input, going on past an input that cannot be read.

use std::path::{Path, PathBuf};

use clap::Args;
use scheda::messages::{Message, kind, word};
use scheda::{Format, batch, rules};

use super::io::{Stdout, partial_failure, read_forms};
use super::{
    CliResult, Common, EXIT_FAILURE, EXIT_INCONSISTENT, EXIT_OK, Failure, coded, display_name,
    edizione_parser, form_label, input_format_parser, lang, parse_optional_edizione, say,
};

#[derive(Debug, Args)]
#[command(
    after_long_help = "With --json, standard output is one JSON array with an entry \
per form: {\"input\", \"edizione\", \"denominazione\", \"consistent\", \"discrepancies\", \
\"missing\", \"outcomes\", \"sentences\"}; \"consistent\" is false also when a derived value \
that the rules compute is blank (listed in \"missing\"). An input that cannot be read (or a form whose sentences cannot \
be chosen) is an entry {\"input\", \"error\", \"diagnostics\"}: \"error\" is the first error's \
message, \"diagnostics\" every diagnostic with its severity, location, message, hint and code \
(a stable name of the kind of message; message and hint are in the language of messages); the \
error is also printed on standard error."
)]
pub(super) struct CheckArgs {
    /// The forms to check (`-` for standard input); a folder is walked
    /// recursively for .txt, .json, .jsonl, .pdf, .xlsx, .xlsm, .xls, .ods and .csv files, and a
    /// summary line ends the report.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Input format, when the extension does not tell.
    #[arg(long, value_name = "FORMAT", ignore_case = true, value_parser = input_format_parser())]
    from: Option<Format>,
    /// The edition of forms whose file does not say which it is (a table
    /// of Comuni without an `edizione` column or years in its headers).
    #[arg(long = "edition", visible_alias = "edizione", value_name = "EDITION", value_parser = edizione_parser())]
    edizione: Option<String>,
    /// Print a machine-readable report (discrepancies, outcomes, sentences;
    /// an entry with "error" for an input that cannot be read).
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    common: Common,
}

pub(super) fn run(args: CheckArgs) -> CliResult<u8> {
    let strict = args.common.strict;
    let limits = args.common.limits()?;
    let templates = args.common.load_templates()?;
    let edizione = parse_optional_edizione(&templates, args.edizione.as_deref())?;
    let mut out = Stdout::default();
    let mut code = EXIT_OK;
    let mut reports = Vec::new();
    let failed = |label: String, failure: Failure, reports: &mut Vec<serde_json::Value>| {
        failure.print();
        if args.json {
            reports.push(error_entry(label, &failure));
        }
        EXIT_FAILURE
    };
    let (inputs, mut tally) = expand_folders(&args.inputs);
    for input in &inputs {
        let forms = match read_forms(input, args.from, strict, (&limits, &templates), edizione) {
            Ok(forms) => forms,
            Err(failure) => {
                // A file that reads in part: every error of its fields at once.
                let failure = partial_failure(input, args.from, (&limits, &templates), edizione)
                    .unwrap_or(failure);
                tally.unreadable += 1;
                code = code.max(failed(display_name(input), failure, &mut reports));
                continue;
            }
        };
        for (i, form) in forms.iter().enumerate() {
            let label = form_label(input, i, forms.len(), form);
            let report = match rules::report(form, templates.catalogue()) {
                Ok(report) => report.value,
                Err(e) => {
                    tally.unreadable += 1;
                    let failure = Failure::named(Some(label.clone()), e);
                    code = code.max(failed(label, failure, &mut reports));
                    continue;
                }
            };
            let (found, blank) = (&report.discrepancies, &report.missing);
            if !found.is_empty() {
                tally.inconsistent += 1;
            } else if !blank.is_empty() {
                tally.incomplete += 1;
            } else {
                tally.consistent += 1;
            }
            if !report.consistent {
                code = code.max(EXIT_INCONSISTENT);
            }
            if args.json {
                reports.push(json_entry(label, &report));
            } else {
                print_report(&mut out, &label, &report)?;
            }
        }
    }
    if args.json {
        let text = serde_json::to_string_pretty(&reports).expect("report serialises");
        out.line(&text)?;
    } else if tally.folders > 0 {
        out.line(&tally.summary())?;
    }
    if tally.folders > 0 && inputs.is_empty() {
        let extensions = Format::input_list();
        Failure::named(
            None,
            coded(
                Message::new(kind::NO_FORM_IN_FOLDER, []),
                Some(Message::new(
                    kind::READS_EXTENSIONS_HINT,
                    [("extensions", extensions.into())],
                )),
            ),
        )
        .print();
        code = code.max(EXIT_FAILURE);
    }
    Ok(code)
}

/// `check --json`'s entry of a form read: its input and its report.
fn json_entry(label: String, report: &rules::Report) -> serde_json::Value {
    let mut entry = serde_json::Map::new();
    entry.insert("input".into(), label.into());
    if let Ok(serde_json::Value::Object(fields)) = serde_json::to_value(report) {
        entry.extend(fields);
    }
    serde_json::Value::Object(entry)
}

/// `check`'s lines of a form read: consistent, or why not, each printed
/// value that disagrees and each blank one the rules compute.
fn print_report(out: &mut Stdout, label: &str, report: &rules::Report) -> CliResult<()> {
    let (found, blank) = (&report.discrepancies, &report.missing);
    if report.consistent {
        return out.line(&say(Message::new(
            kind::CONSISTENT,
            [("label", label.into())],
        )));
    }
    out.line(&format!("{label}: {}", verdict(found.len(), blank.len())))?;
    for d in found {
        let line = Message::new(
            kind::PRINTED_COMPUTED,
            [
                ("row", d.printed_code.as_str().into()),
                ("what", d.what.as_str().into()),
                ("printed", d.printed.as_str().into()),
                ("computed", d.computed.as_str().into()),
                ("place", d.pointer.as_str().into()),
            ],
        );
        out.line(&format!("  {}", say(line)))?;
    }
    for m in blank {
        let line = Message::new(
            kind::BLANK_COMPUTED,
            [
                ("row", m.printed_code.as_str().into()),
                ("what", m.what.as_str().into()),
                ("computed", m.computed.as_str().into()),
                ("place", m.pointer.as_str().into()),
            ],
        );
        out.line(&format!("  {}", say(line)))?;
    }
    if !blank.is_empty() {
        out.line(&format!(
            "  {}: {}",
            word(lang(), "hint"),
            say(Message::new(kind::RECOMPUTE_BLANK_HINT, []))
        ))?;
    }
    Ok(())
}

/// The line that says why a form is not consistent: `2 inconsistent
/// value(s)`, `1 blank derived value(s) that the rules compute`, or both.
fn verdict(inconsistent: usize, blank: usize) -> String {
    let mut parts = Vec::new();
    if inconsistent > 0 {
        parts.push(say(Message::new(
            kind::INCONSISTENT_VALUES,
            [("n", inconsistent.into())],
        )));
    }
    if blank > 0 {
        parts.push(say(Message::new(kind::BLANK_VALUES, [("n", blank.into())])));
    }
    parts.join(", ")
}

/// What `check` met, for the summary that ends the report on a folder.
#[derive(Debug, Default)]
struct Tally {
    folders: usize,
    consistent: usize,
    inconsistent: usize,
    /// Forms whose printed values agree with the rules, but that leave
    /// blank a derived value the rules compute.
    incomplete: usize,
    unreadable: usize,
    skipped: usize,
}

impl Tally {
    /// `12 forms: 10 consistent, 1 inconsistent, 1 unreadable; 2 files skipped`.
    fn summary(&self) -> String {
        let forms = self.consistent + self.inconsistent + self.incomplete + self.unreadable;
        let count =
            |one, many, n: usize| Message::new(if n == 1 { one } else { many }, [("n", n.into())]);
        let optional = |message: Message, n: usize| -> scheda::messages::Arg {
            if n == 0 { "".into() } else { message.into() }
        };
        say(Message::new(
            kind::CHECK_SUMMARY,
            [
                (
                    "forms",
                    count(kind::FORMS_COUNT_ONE, kind::FORMS_MANY, forms).into(),
                ),
                ("consistent", self.consistent.into()),
                ("inconsistent", self.inconsistent.into()),
                (
                    "incomplete",
                    optional(
                        Message::new(kind::SUMMARY_INCOMPLETE, [("n", self.incomplete.into())]),
                        self.incomplete,
                    ),
                ),
                ("unreadable", self.unreadable.into()),
                (
                    "skipped",
                    optional(
                        count(
                            kind::SUMMARY_SKIPPED_ONE,
                            kind::SUMMARY_SKIPPED_MANY,
                            self.skipped,
                        ),
                        self.skipped,
                    ),
                ),
            ],
        ))
    }
}

/// The inputs with every folder replaced by the form files under it, in
/// the order `scheda batch` reads them; a file of another kind is skipped
/// (and counted), a folder that cannot be listed stays, to fail when read.
fn expand_folders(inputs: &[PathBuf]) -> (Vec<PathBuf>, Tally) {
    let mut tally = Tally::default();
    let mut out = Vec::with_capacity(inputs.len());
    for input in inputs {
        if input == Path::new("-") || !input.is_dir() {
            out.push(input.clone());
            continue;
        }
        tally.folders += 1;
        for found in batch::walk(input).inputs {
            match found.action {
                batch::Action::Skip(_) => tally.skipped += 1,
                batch::Action::Read | batch::Action::Fail(_) => out.push(found.path),
            }
        }
    }
    (out, tally)
}

/// The `--json` entry of an input or a form that could not be checked.
fn error_entry(input: String, failure: &Failure) -> serde_json::Value {
    let diagnostics = &failure.error.diagnostics;
    let first = diagnostics
        .iter()
        .find(|d| d.is_error())
        .or(diagnostics.first());
    let lang = super::lang();
    serde_json::json!({
        "input": input,
        "error": first.map(|d| d.message_in(lang)),
        "diagnostics": diagnostics.iter().map(|d| d.json_in(lang)).collect::<Vec<_>>(),
    })
}
