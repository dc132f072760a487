//! Commands of the `scheda` binary. Each command reads through
//! [`scheda::readers`], applies [`scheda::rules`] and writes through
//! [`scheda::writers`]; this module only handles files, options, messages
//! and exit codes.
//!
//! - [`io`]: reading inputs, writing outputs whole, standard output that
//!   ends quietly when its reader goes away;
//! - [`convert`], [`check`], [`template`], [`editions`], [`batch`] (with
//!   its [`progress`]), [`serve`], [`completions`], [`man`]: one module per
//!   command;
//! - [`help`]: the help, the man pages and the completions in the language
//!   of messages; [`usage`]: the command line's own errors in it.

mod batch;
mod check;
mod completions;
mod convert;
mod diff;
mod editions;
mod help;
mod io;
mod man;
mod progress;
mod serve;
mod template;
mod usage;

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Args, FromArgMatches, Parser, Subcommand};
use scheda::diagnostic::Severity;
use scheda::diagnostic::{Diagnostic, Error};
use scheda::form::Rendering;
use scheda::limits::Limits;
use scheda::messages::{Lang, Message, kind};
use scheda::model::Edizione;
use scheda::templates::Templates;
use scheda::{Format, Scheda};

/// Exit code: everything went well (and `check` found the forms consistent).
pub const EXIT_OK: u8 = 0;
/// Exit code: `check` found a printed value that disagrees with the rules,
/// or a derived value left blank that the rules compute.
pub const EXIT_INCONSISTENT: u8 = 1;
/// Exit code: a usage error (clap's own code).
pub const EXIT_USAGE: u8 = 2;
/// Exit code: an input could not be read or an output not written, or a
/// warning under `--strict`.
pub const EXIT_FAILURE: u8 = 3;
/// Exit code: `batch` could not do some of its inputs or forms (the report
/// says which and why); the others are done.
pub const EXIT_SOME_FAILED: u8 = 4;
/// Exit code: `batch` was interrupted (Ctrl-C, SIGTERM); the report lists
/// the forms done.
pub const EXIT_INTERRUPTED: u8 = 130;

/// Convert, check and regenerate the SOC25/SOC26 "Scheda di monitoraggio
/// degli obiettivi di servizio" (sociale).
#[derive(Debug, Parser)]
#[command(name = "scheda", version, about, long_about = None)]
#[command(
    after_help = "Exit codes: 0 ok; 1 check found inconsistent values or blank \
derived values that the rules compute; \
2 usage error; 3 unreadable input, unwritable output, or a warning under --strict; \
4 batch: some inputs failed (the others are done; see the report); 130 batch: interrupted. \
diff: 0 the forms agree, 1 they differ, 2 an input cannot be read."
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
    /// The language of messages: it (Italian) or en (English). By default
    /// the locale's: LC_ALL, LC_MESSAGES or LANG starting with `it` is
    /// Italian, any other English.
    #[arg(long, global = true, value_name = "LANG", value_parser = ["it", "en"])]
    lang: Option<String>,
}

/// The language messages are printed in, chosen once at start.
static LANG: std::sync::OnceLock<Lang> = std::sync::OnceLock::new();

/// The language of messages (English until [`run`] chooses).
fn lang() -> Lang {
    LANG.get().copied().unwrap_or(Lang::En)
}

/// A message of the catalogue in the language of messages.
fn say(message: Message) -> String {
    message.render(lang())
}

/// A number with one decimal, as the language of messages writes it
/// (`2,1` in Italian).
fn one_decimal(x: f64) -> String {
    let text = format!("{x:.1}");
    match lang() {
        Lang::It => text.replace('.', ","),
        Lang::En => text,
    }
}

/// An error of one message of the catalogue, with its hint.
fn coded(message: Message, hint: Option<Message>) -> Error {
    Error::new(Diagnostic::coded(Severity::Error, message, hint))
}

/// `--lang`, else the locale: the first of LC_ALL, LC_MESSAGES, LANG that
/// is set and not empty.
fn choose_lang(given: Option<&str>) -> Lang {
    match given {
        Some("it") => Lang::It,
        Some(_) => Lang::En,
        None => ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|v| std::env::var(v).ok().and_then(|l| Lang::of_locale(&l)))
            .unwrap_or(Lang::En),
    }
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Convert forms between extracted text, JSON, JSON Lines, PDF and XLSX.
    ///
    /// Formats follow the extensions (.txt, .json, .jsonl, .pdf, .xlsx); `-`
    /// is standard input or output. A .jsonl file (one model per line) and
    /// an .xlsx workbook (one row per Comune) hold any number of forms; the
    /// other formats hold one: pick it with --comune.
    ///
    /// Printed derived values that disagree with the rules are kept, each
    /// with a warning (fatal under --strict); --recompute replaces them.
    Convert(convert::ConvertArgs),
    /// Compare every printed derived value with the form's rules.
    ///
    /// Every input is checked, even after one that cannot be read; of an
    /// input that reads only in part, every row or value that does not read
    /// is listed at once (`scheda serve` opens it with those fields blank,
    /// to complete them). A form
    /// that leaves blank a derived value the rules compute is not
    /// consistent: the value is listed with its computed one. Exit code 0
    /// when every form is consistent, 1 when one is not, 3 when an input
    /// cannot be read (the worst outcome wins).
    Check(check::CheckArgs),
    /// Write a blank form of an edition: a workbook to fill in, or a PDF.
    ///
    /// The format follows the extension: .xlsx (the workbook to fill in),
    /// .pdf (the blank form to print), .json, .jsonl or .txt.
    Template(template::TemplateArgs),
    /// List what changed between two forms of a Comune, or between the
    /// forms of two folders or multi-Comune files.
    ///
    /// `scheda diff 2025/SONDRIO.pdf 2026/SONDRIO.xlsx`: every field whose
    /// value differs, in the form's order (row, label, column, A, B as the
    /// form prints them), then the computed values, outcomes and sentences
    /// that differ; fields one edition has and the other has not are listed
    /// apart. Forms of two folders are paired by the Comune's code, then by
    /// name. Exit code 0 when they agree, 1 when they differ, 2 on an error.
    Diff(diff::DiffArgs),
    /// List the editions scheda knows (code, reporting year, where its
    /// description comes from), or export the files of one.
    ///
    /// A new edition: `scheda editions --export SOC26 DIR`, rename
    /// editions/SOC26.toml and sentences/SOC26.j2 to the new code, edit
    /// them, then give `--templates DIR` to any command.
    Editions(editions::EditionsArgs),
    /// Convert many forms at once, in parallel: one file per form and
    /// format in a folder, and a report.
    ///
    /// `scheda batch schede/ ambito.xlsx -o out --to pdf,xlsx` reads every
    /// form (folders recursively; one per row of a multi-Comune workbook or
    /// line of a JSON Lines file) and writes out/SONDRIO.pdf,
    /// out/SONDRIO.xlsx, ..., and out/report.csv. One bad input does not
    /// stop the batch: it is listed in the report, and the exit code is 4.
    Batch(batch::BatchArgs),
    /// Open the clerk's page in the browser: drop a form's file, get it
    /// checked and corrected, download the PDF; and the HTTP API under /api.
    ///
    /// `scheda serve --open` starts it on this machine (127.0.0.1:8080) and
    /// opens the browser. Nothing is written to disk or kept between
    /// requests.
    Serve(serve::ServeArgs),
    /// Write the completion script of a shell (bash, zsh, fish, powershell,
    /// elvish) to standard output.
    ///
    /// `scheda completions bash > ~/.local/share/bash-completion/completions/scheda`;
    /// zsh: a file `_scheda` in a folder of $fpath; fish:
    /// ~/.config/fish/completions/scheda.fish; PowerShell: add the output to
    /// $PROFILE.
    Completions(completions::CompletionsArgs),
    /// Write the manual page (roff) to standard output, or with -o DIR one
    /// page per command.
    ///
    /// `scheda man | man -l -` reads it; `scheda man -o DIR` writes
    /// scheda.1, scheda-convert.1, ... for a folder of MANPATH.
    Man(man::ManArgs),
}

/// Options shared by every command.
#[derive(Debug, Args)]
struct Common {
    /// Turn every warning into a failure (exit code 3).
    #[arg(long)]
    strict: bool,
    /// Read the edition descriptions (editions/CODE.toml), the sentence
    /// catalogues (sentences/CODE.j2) and the PDF layouts (CODE.typ,
    /// common.typ) from this directory where it has them; its editions are
    /// known to every command.
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
    /// Change a limit on what an input may hold: input (256MB), xlsx-inflated
    /// (128MB), line (100000 characters), json-depth (32), forms (20000 in one
    /// file), pdf-pages (100), pdf-objects (200000). Repeatable.
    #[arg(long = "limit", value_name = "NAME=VALUE", value_parser = limit_parser)]
    limits: Vec<String>,
}

impl Common {
    /// The limits of `--limit`.
    fn limits(&self) -> CliResult<Limits> {
        Limits::with(&self.limits).map_err(|e| Failure::named(None, e))
    }

    /// The templates of the command: the built-in ones, with those of
    /// `--templates DIR` (which must be a directory) in their place: its
    /// editions (`DIR/editions/*.toml`), sentences and layouts. Every
    /// command starts here, and passes the value to what it reads and
    /// writes.
    fn load_templates(&self) -> CliResult<Templates> {
        Templates::from_dir(self.templates.as_deref()).map_err(|e| Failure::new(None, e))
    }
}

/// A `--limit NAME=VALUE`, checked as the command line is read (a wrong
/// one is a usage error).
fn limit_parser(spec: &str) -> Result<String, Error> {
    Limits::default().set(spec).map(|()| spec.to_string())
}

/// The accepted values of `--to`, listed by `--help`: the formats scheda
/// writes.
fn format_parser() -> impl TypedValueParser<Value = Format> {
    PossibleValuesParser::new(written_values()).try_map(|s| s.parse::<Format>())
}

/// The accepted values of `--from`, listed by `--help`: every format scheda
/// reads.
fn input_format_parser() -> impl TypedValueParser<Value = Format> {
    let mut values = written_values();
    values.extend([
        value("xlsm", "an Excel workbook with macros (read only)"),
        value("xls", "an Excel 97-2003 workbook (read only)"),
        value(
            "ods",
            "an OpenDocument spreadsheet, LibreOffice's (read only)",
        ),
        value("csv", "a table separated by ; or , (read only)"),
    ]);
    PossibleValuesParser::new(values).try_map(|s| s.parse::<Format>())
}

/// The formats scheda writes, as the command line names them.
fn written_values() -> Vec<PossibleValue> {
    vec![
        value(
            "txt",
            "extracted text (pdftotext, a copy of the portal page)",
        )
        .alias("text"),
        value("json", "the canonical model"),
        value(
            "jsonl",
            "JSON Lines: one model per line, any number of forms",
        )
        .alias("ndjson"),
        value("pdf", "the official-looking PDF"),
        value("xlsx", "a workbook: one form, or one row per Comune"),
    ]
}

/// A possible value with its description (`en`, or its Italian).
fn value(name: &'static str, en: &'static str) -> PossibleValue {
    PossibleValue::new(name).help(help::value_help(name, en))
}

/// The accepted values of `--layout`: the layouts the text writer writes.
fn layout_parser() -> impl TypedValueParser<Value = Rendering> {
    PossibleValuesParser::new(Rendering::WRITTEN.map(|(layout, name, alias)| {
        let en = match layout {
            Rendering::Pdftotext => "the text of the portal's PDF through pdftotext",
            _ => "a copy of the portal page",
        };
        value(name, en).alias(alias)
    }))
    .try_map(|s| Rendering::written_named(&s))
}

/// The accepted values of `--edition`: `--help` lists the known editions;
/// any code is taken, since it may name an edition of `--templates DIR`,
/// which the command checks once it has read that directory
/// ([`parse_edizione`]).
#[derive(Debug, Clone, Copy)]
struct EdizioneParser;

impl TypedValueParser for EdizioneParser {
    type Value = String;

    fn parse_ref(
        &self,
        _cmd: &clap::Command,
        _arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        Ok(value.to_string_lossy().trim().to_string())
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        // The command line is read before `--templates`: the built-in ones.
        let builtin = Templates::builtin();
        let codes: Vec<PossibleValue> = builtin
            .editions()
            .iter()
            .map(|ed| PossibleValue::new(ed.code()))
            .collect();
        Some(Box::new(codes.into_iter()))
    }
}

fn edizione_parser() -> EdizioneParser {
    EdizioneParser
}

/// The edition of `--edition`, if given: one of `templates`.
fn parse_optional_edizione(
    templates: &Templates,
    code: Option<&str>,
) -> CliResult<Option<Edizione>> {
    code.map(|code| parse_edizione(templates, code)).transpose()
}

/// The edition of `templates` a command line names.
fn parse_edizione(templates: &Templates, code: &str) -> CliResult<Edizione> {
    templates.edizione(code).map_err(|e| {
        Failure::new(
            None,
            coded(e, Some(Message::new(kind::EDITIONS_CLI_HINT, []))),
        )
    })
}

/// Read the command line and run it; returns the exit code. The language
/// of messages is chosen first (`--lang` among the arguments, else the
/// locale), so that the help and the command line's errors are in it too.
pub fn main(args: Vec<OsString>) -> u8 {
    let text: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let _ = LANG.set(choose_lang(usage::given_lang(&text).as_deref()));
    let mut command = help::command(lang(), help::Shown::Help);
    let cli = command
        .try_get_matches_from_mut(args)
        .and_then(|mut matches| {
            Cli::from_arg_matches_mut(&mut matches).map_err(|e| e.format(&mut command))
        });
    match cli {
        Ok(cli) => run(cli),
        Err(error) => usage::fail(&error, &text),
    }
}

/// Run a parsed command line; returns the exit code.
fn run(cli: Cli) -> u8 {
    // Chosen already by `main`, from the same arguments.
    let _ = LANG.set(choose_lang(cli.lang.as_deref()));
    let result = match cli.command {
        Command::Convert(args) => convert::run(args),
        Command::Check(args) => check::run(args),
        Command::Template(args) => template::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Editions(args) => editions::run(args),
        Command::Batch(args) => batch::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Completions(args) => completions::run(args),
        Command::Man(args) => man::run(args),
    };
    match result {
        Ok(code) => code,
        Err(failure) => {
            failure.print();
            EXIT_FAILURE
        }
    }
}

/// A failure with the file it concerns, for printing.
struct Failure {
    source: Option<String>,
    error: Error,
}

impl Failure {
    /// A failure about an input file (`-` is standard input).
    fn new(source: Option<&Path>, error: Error) -> Self {
        Failure::named(source.map(display_name), error)
    }

    /// A failure about an output file (`-` is standard output).
    fn output(path: &Path, error: Error) -> Self {
        Failure::named(Some(display_output(path)), error)
    }

    /// A failure about a source named for messages.
    fn named(source: Option<String>, error: Error) -> Self {
        Failure { source, error }
    }

    fn print(&self) {
        for d in &self.error.diagnostics {
            eprintln!("{}", d.render_in(lang(), self.source.as_deref()));
        }
    }
}

type CliResult<T> = Result<T, Failure>;

/// An input's name in messages.
fn display_name(path: &Path) -> String {
    if path == Path::new("-") {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

/// An output's name in messages.
fn display_output(path: &Path) -> String {
    if path == Path::new("-") {
        "<stdout>".to_string()
    } else {
        path.display().to_string()
    }
}

/// How a form is named in messages: its file, and where the file holds
/// several, its number and Comune (`ambito.xlsx (form 2, SONDRIO)`).
fn form_label(input: &Path, index: usize, of: usize, form: &Scheda) -> String {
    if of > 1 {
        let (file, n) = (display_name(input), index + 1);
        say(match &form.ente.denominazione {
            Some(name) => Message::new(
                kind::FORM_OF_FILE,
                [
                    ("file", file.into()),
                    ("n", n.into()),
                    ("comune", name.as_str().into()),
                ],
            ),
            None => Message::new(
                kind::FORM_OF_FILE_UNNAMED,
                [("file", file.into()), ("n", n.into())],
            ),
        })
    } else {
        display_name(input)
    }
}

/// Print warnings for `source`; under `--strict` they are a failure.
fn report_warnings(source: Option<&str>, warnings: &[Diagnostic], strict: bool) -> CliResult<()> {
    report_all(&[(source, warnings)], strict)
}

/// Print the warnings of several sources, then, under `--strict`, fail if
/// there was any.
fn report_all(groups: &[(Option<&str>, &[Diagnostic])], strict: bool) -> CliResult<()> {
    let mut n = 0;
    let mut last = None;
    for (source, warnings) in groups {
        for w in *warnings {
            eprintln!("{}", w.render_in(lang(), *source));
        }
        if !warnings.is_empty() {
            n += warnings.len();
            last = *source;
        }
    }
    if strict && n > 0 {
        let source = match groups.iter().filter(|(_, w)| !w.is_empty()).count() {
            1 => last.map(str::to_string),
            _ => None,
        };
        return Err(Failure::named(
            source,
            coded(
                scheda::batch::strict_warnings(n),
                Some(Message::new(kind::STRICT_HINT_ABOVE, [])),
            ),
        ));
    }
    Ok(())
}
