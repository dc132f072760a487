//! `scheda batch`: many forms in, one file per form and format out, in
//! parallel, with a report ([`scheda::batch`] does the work).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use clap::Args;
use scheda::Format;
use scheda::batch::{self, NamePattern, Options, Status};
use scheda::form::Rendering;
use scheda::messages::{Message, kind};
use scheda::writers::WriteOptions;

use super::progress::{Progress, rate};
use super::{
    CliResult, Common, EXIT_INTERRUPTED, EXIT_OK, EXIT_SOME_FAILED, Failure, coded,
    edizione_parser, format_parser, lang, layout_parser, one_decimal, parse_optional_edizione, say,
};

/// Set by Ctrl-C (SIGINT), SIGTERM or SIGHUP: the batch stops.
static STOP: AtomicBool = AtomicBool::new(false);

#[derive(Debug, Args)]
#[command(after_long_help = "\
Inputs: files in any format scheda reads; folders, walked recursively for .txt, .json, .jsonl, \
.pdf, .xlsx, .xlsm, .xls, .ods and .csv files (other files are listed as skipped; hidden ones are not looked at); \
multi-Comune workbooks and JSON Lines files give one form per row or line; `-` reads a list of \
paths from standard input, one per line.

Names: the Comune's name (`SONDRIO.pdf`, then `SONDRIO-2.pdf` for a second SONDRIO, in input \
order), made safe on every system; the input's name (and row) when the form names no Comune. \
--name takes a pattern with the placeholders {denominazione}, {codice}, {provincia}, {edizione}, \
{anno}, {input} (the input's name without extension) and {riga} (the row or line).

Report (DIR/report.csv, or --report FILE; .json for JSON): one row per form with: input; row; \
status (ok, kept, failed, skipped); Comune; edition; R04; R05; Quadro 2 case; Quadro 3 due; R09; \
R15; Quadro 3 coherent; consistent; warnings; corrections; outputs; error. The CSV is for Excel \
and LibreOffice with Italian settings: UTF-8 with BOM, `;`, decimal commas.

Every output is written to a hidden temporary file (.NAME.tmp-PID) in DIR and renamed when \
complete; an existing output is kept unless --force; an input is never written over. Ctrl-C \
stops the batch: the forms in progress are dropped with their temporary files, the report lists \
those done, and the exit code is 130. A later batch into DIR removes the temporary files of a \
batch that was killed.

Exit codes: 0 every form done (or kept); 4 some inputs or forms failed (see the report; under \
--strict a form with a warning fails, and is not written); 3 the batch could not run (output \
folder, templates, report); 2 usage error; 130 interrupted.")]
pub(super) struct BatchArgs {
    /// Input files and folders; `-` reads a list of paths from standard
    /// input, one per line.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// The output folder (made if missing).
    #[arg(short, long, value_name = "DIR")]
    output: PathBuf,
    /// The formats to write, separated by commas: one file per form and
    /// format.
    #[arg(long, value_name = "FORMAT,...", ignore_case = true, value_delimiter = ',',
          default_value = "pdf", value_parser = format_parser())]
    to: Vec<Format>,
    /// Worker threads (default: the number of cores).
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
    /// Replace the derived values with the computed ones, listing each
    /// change in the report.
    #[arg(long)]
    recompute: bool,
    /// Replace outputs that exist (they are kept otherwise).
    #[arg(long)]
    force: bool,
    /// Name the outputs after this pattern, e.g. '{codice}-{denominazione}'.
    #[arg(long, value_name = "PATTERN", value_parser = clap::value_parser!(NamePattern))]
    name: Option<NamePattern>,
    /// The report's file (default DIR/report.csv); `.json` writes JSON.
    #[arg(long, value_name = "FILE")]
    report: Option<PathBuf>,
    /// Print no progress and no summary.
    #[arg(short, long)]
    quiet: bool,
    /// Text layout to write (by default the edition's own).
    #[arg(long, value_name = "LAYOUT", ignore_case = true, value_parser = layout_parser())]
    layout: Option<Rendering>,
    /// The edition of forms whose file does not say which it is (a table
    /// of Comuni without an `edizione` column or years in its headers).
    #[arg(long = "edition", visible_alias = "edizione", value_name = "EDITION", value_parser = edizione_parser())]
    edizione: Option<String>,
    #[command(flatten)]
    common: Common,
}

pub(super) fn run(args: BatchArgs) -> CliResult<u8> {
    let templates = args.common.load_templates()?;
    if args.layout.is_some() && !args.to.contains(&Format::Text) {
        return Err(Failure::named(
            None,
            coded(
                Message::new(kind::LAYOUT_WITHOUT_TXT, []),
                Some(Message::new(kind::LAYOUT_WITHOUT_TXT_HINT, [])),
            ),
        ));
    }
    let inputs = expand_stdin(&args.inputs)?;
    // A path that does not exist is a mistyped argument, not a form that
    // failed: refused before anything is read or written.
    if let Some(missing) = inputs
        .iter()
        .find(|i| i.as_path() != Path::new("-") && i.symlink_metadata().is_err())
    {
        return Err(Failure::new(
            Some(missing),
            coded(
                Message::new(
                    kind::READ_NOT_FOUND,
                    [("what", missing.display().to_string().into())],
                ),
                Some(Message::new(kind::BATCH_INPUT_MISSING_HINT, [])),
            ),
        ));
    }
    let mut options = Options::new(args.output.clone(), args.to.clone());
    if let Some(jobs) = args.jobs {
        options.jobs = usize::from(jobs);
    }
    options.recompute = args.recompute;
    options.strict = args.common.strict;
    options.limits = args.common.limits()?;
    options.edizione = parse_optional_edizione(&templates, args.edizione.as_deref())?;
    options.force = args.force;
    options.lang = lang();
    options.names = args.name.clone().unwrap_or_default();
    options.write = WriteOptions {
        templates,
        layout: args.layout,
    };
    if let Some(report) = &args.report {
        options.report = report.clone();
    }
    let plan = batch::plan(&inputs, &options.dir, &options.report);
    if plan.to_read() == 0 {
        return Err(Failure::named(
            None,
            coded(
                Message::new(kind::NO_FORM_IN_INPUTS, []),
                Some(Message::new(
                    kind::NO_FORM_IN_INPUTS_HINT,
                    [("extensions", Format::input_list().into())],
                )),
            ),
        ));
    }
    refuse_report_path(&plan, &options)?;
    // Without a handler Ctrl-C ends the process at once: outputs stay
    // whole, but temporary files would be left.
    let _ = ctrlc::set_handler(|| STOP.store(true, Ordering::SeqCst));

    let mut progress = Progress::new(plan.to_read(), args.quiet);
    // The library reads no clock: the command times the batch.
    let start = std::time::Instant::now();
    let outcome = batch::run(&plan, &options, &STOP, |event| progress.event(event))
        .map_err(|e| Failure::named(None, e))?;
    let elapsed = start.elapsed();
    progress.finish();

    if !args.quiet {
        summary(&outcome, elapsed, &options.report);
    }
    if let Some(error) = &outcome.report_error {
        return Err(Failure::output(&options.report, error.clone()));
    }
    Ok(if outcome.interrupted {
        EXIT_INTERRUPTED
    } else if outcome.count(Status::Failed) > 0 {
        EXIT_SOME_FAILED
    } else {
        EXIT_OK
    })
}

/// Refuse a report that would be written over an input, or into a folder
/// that does not exist (with a hint; the batch would refuse it too).
fn refuse_report_path(plan: &batch::Plan, options: &Options) -> CliResult<()> {
    let report = &options.report;
    if let Ok(at) = report.canonicalize()
        && plan
            .inputs
            .iter()
            .any(|i| i.path.canonicalize().is_ok_and(|p| p == at))
    {
        return Err(Failure::output(
            report,
            coded(
                Message::new(kind::REPORT_IS_INPUT, []),
                Some(Message::new(kind::REPORT_IS_INPUT_HINT, [])),
            ),
        ));
    }
    let parent = report.parent().filter(|p| !p.as_os_str().is_empty());
    if let Some(parent) = parent
        && parent != options.dir
        && !parent.is_dir()
    {
        return Err(Failure::output(
            report,
            coded(
                Message::new(
                    kind::REPORT_FOLDER_MISSING,
                    [("path", parent.display().to_string().into())],
                ),
                Some(Message::new(kind::REPORT_FOLDER_MISSING_HINT, [])),
            ),
        ));
    }
    Ok(())
}

/// The inputs with `-` replaced by the paths listed on standard input.
fn expand_stdin(inputs: &[PathBuf]) -> CliResult<Vec<PathBuf>> {
    let mut out = Vec::with_capacity(inputs.len());
    let mut read = false;
    for input in inputs {
        if input != Path::new("-") {
            out.push(input.clone());
            continue;
        }
        if std::mem::replace(&mut read, true) {
            continue;
        }
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text).map_err(|e| {
            Failure::named(
                Some("<stdin>".into()),
                coded(
                    Message::new(
                        kind::INPUT_LIST_FAILED,
                        [("error", scheda::messages::io_reason(&e).into())],
                    ),
                    None,
                ),
            )
        })?;
        out.extend(
            text.lines()
                .map(|l| l.trim_end_matches('\r'))
                .filter(|l| !l.trim().is_empty())
                .map(PathBuf::from),
        );
    }
    Ok(out)
}

/// `batch: 300 forms in 2.1 s (142.9 forms/s): 298 written, 1 kept, 1
/// failed; 2 files skipped; report: out/report.csv`.
fn summary(outcome: &batch::Outcome, elapsed: std::time::Duration, report: &Path) {
    let stale = outcome.stale;
    if stale.removed > 0 {
        eprintln!(
            "{}",
            say(Message::new(
                kind::BATCH_STALE_REMOVED,
                [("n", stale.removed.into())]
            ))
        );
    }
    if stale.kept > 0 {
        eprintln!(
            "{}",
            say(Message::new(
                kind::BATCH_STALE_KEPT,
                [("n", stale.kept.into())]
            ))
        );
    }
    let forms = outcome.forms();
    let count = |kind, n: usize| say(Message::new(kind, [("n", n.into())]));
    let mut parts = vec![count(kind::BATCH_WRITTEN, outcome.count(Status::Ok))];
    if outcome.count(Status::Kept) > 0 {
        parts.push(count(kind::BATCH_KEPT, outcome.count(Status::Kept)));
    }
    parts.push(count(kind::BATCH_FAILED, outcome.count(Status::Failed)));
    let forms_text = Message::new(
        if forms == 1 {
            kind::FORMS_COUNT_ONE
        } else {
            kind::FORMS_MANY
        },
        [("n", forms.into())],
    );
    let mut text = say(Message::new(
        if outcome.interrupted {
            kind::BATCH_INTERRUPTED
        } else {
            kind::BATCH_SUMMARY
        },
        [
            ("forms", forms_text.into()),
            ("secs", one_decimal(elapsed.as_secs_f64()).into()),
            ("rate", one_decimal(rate(forms, elapsed)).into()),
            ("outcomes", parts.join(", ").into()),
        ],
    ));
    let skipped = outcome.count(Status::Skipped);
    if skipped > 0 {
        text.push_str(&count(
            if skipped == 1 {
                kind::SUMMARY_SKIPPED_ONE
            } else {
                kind::SUMMARY_SKIPPED_MANY
            },
            skipped,
        ));
    }
    if outcome.report_error.is_none() {
        text.push_str(&say(Message::new(
            kind::BATCH_REPORT,
            [("path", report.display().to_string().into())],
        )));
    }
    eprintln!("{text}");
    if outcome.count(Status::Kept) > 0 {
        let hint = say(Message::new(kind::BATCH_KEPT_HINT, []));
        eprintln!("{}: {hint}", scheda::messages::word(lang(), "hint"));
    }
}
