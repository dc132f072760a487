//! Commands of the `scheda` binary. Each command reads through
//! [`scheda::readers`], applies [`scheda::rules`] and writes through
//! [`scheda::writers`]; this module only handles files, options, messages
//! and exit codes.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand};
use scheda::diagnostic::{Diagnostic, Error};
use scheda::model::{Edizione, Scheda};
use scheda::rules;
use scheda::writers::WriteOptions;
use scheda::writers::text::TextLayout;
use scheda::{Format, readers, writers};

/// Exit code: everything went well (and `check` found the forms consistent).
pub const EXIT_OK: u8 = 0;
/// Exit code: `check` found a printed value that disagrees with the rules.
pub const EXIT_INCONSISTENT: u8 = 1;
/// Exit code: a usage error (clap's own code).
#[allow(dead_code)]
pub const EXIT_USAGE: u8 = 2;
/// Exit code: an input could not be read or an output not written, or a
/// warning under `--strict`.
pub const EXIT_FAILURE: u8 = 3;

/// Convert, check and regenerate the SOC25/SOC26 "Scheda di monitoraggio
/// degli obiettivi di servizio" (sociale).
#[derive(Debug, Parser)]
#[command(name = "scheda", version, about, long_about = None)]
#[command(after_help = "Exit codes: 0 ok; 1 check found inconsistent values; \
2 usage error; 3 unreadable input, unwritable output, or a warning under --strict.")]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Convert a form between extracted text, JSON, PDF and XLSX.
    ///
    /// Formats follow the extensions (.txt, .json, .pdf, .xlsx); `-` is
    /// standard input or output.
    Convert(ConvertArgs),
    /// Compare every printed derived value with the form's rules.
    ///
    /// Exit code 0 when every form is consistent, 1 when one is not.
    Check(CheckArgs),
    /// Write a blank workbook of an edition, to fill in.
    Template(TemplateArgs),
}

#[derive(Debug, Args)]
struct Common {
    /// Turn every warning into a failure.
    #[arg(long)]
    strict: bool,
    /// Read templates and sentence catalogue from this directory first.
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
}

#[derive(Debug, Args)]
struct ConvertArgs {
    /// The input files (`-` for standard input). Several forms go into one
    /// multi-Comune workbook when the output is .xlsx.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// The output file (`-` for standard output).
    #[arg(short, long)]
    output: PathBuf,
    /// Input format, when the extension does not tell (txt, json, pdf, xlsx).
    #[arg(long, value_name = "FORMAT")]
    from: Option<Format>,
    /// Output format, when the extension does not tell (txt, json, pdf, xlsx).
    #[arg(long, value_name = "FORMAT")]
    to: Option<Format>,
    /// Replace the derived values with the computed ones and list each change.
    #[arg(long)]
    recompute: bool,
    /// Text layout to write: `pdftotext` (SOC25 PDF text) or `portal` (SOC26 page).
    #[arg(long, value_name = "LAYOUT")]
    layout: Option<TextLayout>,
    #[command(flatten)]
    common: Common,
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// The forms to check.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Input format, when the extension does not tell.
    #[arg(long, value_name = "FORMAT")]
    from: Option<Format>,
    /// Print a machine-readable report (discrepancies, outcomes, sentences).
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    common: Common,
}

#[derive(Debug, Args)]
struct TemplateArgs {
    /// The edition: SOC25 or SOC26.
    #[arg(long)]
    edizione: Edizione,
    /// The workbook to write (.xlsx).
    #[arg(short, long)]
    output: PathBuf,
}

/// Run a parsed command line; returns the exit code.
pub fn run(cli: Cli) -> u8 {
    let result = match cli.command {
        Command::Convert(args) => convert(args),
        Command::Check(args) => check(args),
        Command::Template(args) => template(args),
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
    fn new(source: Option<&Path>, error: Error) -> Self {
        Failure {
            source: source.map(display_name),
            error,
        }
    }

    fn print(&self) {
        for d in &self.error.diagnostics {
            eprintln!("{}", d.render(self.source.as_deref()));
        }
    }
}

type CliResult<T> = Result<T, Failure>;

fn display_name(path: &Path) -> String {
    if path == Path::new("-") {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

/// Print warnings for `source`; under `--strict` they are a failure.
fn report_warnings(source: Option<&Path>, warnings: &[Diagnostic], strict: bool) -> CliResult<()> {
    let name = source.map(display_name);
    for w in warnings {
        eprintln!("{}", w.render(name.as_deref()));
    }
    if strict && !warnings.is_empty() {
        let n = warnings.len();
        return Err(Failure::new(
            source,
            Error::new(
                Diagnostic::error(format!(
                    "{n} warning{} under --strict",
                    if n == 1 { "" } else { "s" }
                ))
                .with_hint("resolve the warnings above, or drop --strict to accept them"),
            ),
        ));
    }
    Ok(())
}

fn read_input(path: &Path) -> CliResult<Vec<u8>> {
    if path == Path::new("-") {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf).map_err(|e| {
            Failure::new(
                Some(path),
                Error::msg(format!("failed to read standard input ({e})")),
            )
        })?;
        return Ok(buf);
    }
    std::fs::read(path).map_err(|e| {
        let reason = match e.kind() {
            std::io::ErrorKind::NotFound => "not found".to_string(),
            _ => e.to_string(),
        };
        Failure::new(
            Some(path),
            Error::msg(format!("failed to read {} ({reason})", path.display())),
        )
    })
}

fn input_format(path: &Path, bytes: &[u8], from: Option<Format>) -> Format {
    from.or_else(|| Format::from_path(path))
        .unwrap_or_else(|| Format::sniff(bytes))
}

/// Read every form in one input file, printing its warnings.
fn read_forms(path: &Path, from: Option<Format>, strict: bool) -> CliResult<Vec<Scheda>> {
    let bytes = read_input(path)?;
    let format = input_format(path, &bytes, from);
    let read = readers::read(&bytes, format).map_err(|e| Failure::new(Some(path), e))?;
    report_warnings(Some(path), &read.warnings, strict)?;
    if read.value.is_empty() {
        return Err(Failure::new(
            Some(path),
            Error::msg("no form found in the input"),
        ));
    }
    Ok(read.value)
}

fn convert(args: ConvertArgs) -> CliResult<u8> {
    let strict = args.common.strict;
    let to = match args.to.or_else(|| Format::from_path(&args.output)) {
        Some(f) => f,
        None => {
            return Err(Failure::new(
                Some(&args.output),
                Error::new(
                    Diagnostic::error(format!(
                        "cannot tell the output format of {}",
                        args.output.display()
                    ))
                    .with_hint("use an extension (.txt, .json, .pdf, .xlsx) or --to FORMAT"),
                ),
            ));
        }
    };
    if args.layout.is_some() && to != Format::Text {
        return Err(Failure::new(
            Some(&args.output),
            Error::new(
                Diagnostic::error(format!(
                    "--layout chooses a text layout, and the output is {to}"
                ))
                .with_hint("drop --layout, or write a .txt file"),
            ),
        ));
    }
    let mut forms = Vec::new();
    for input in &args.inputs {
        refuse_overwriting_input(input, &args.output)?;
        forms.extend(read_forms(input, args.from, strict)?);
    }
    if args.recompute {
        for form in &mut forms {
            for c in rules::recompute(form) {
                eprintln!(
                    "recomputed {} {}: {} -> {}",
                    c.code, c.pointer, c.before, c.after
                );
            }
        }
    }
    let options = WriteOptions {
        templates_dir: args.common.templates.clone(),
        layout: args.layout,
    };
    let bytes = if forms.len() == 1 {
        let written = writers::write(&forms[0], to, &options)
            .map_err(|e| Failure::new(Some(&args.output), e))?;
        report_warnings(Some(&args.output), &written.warnings, strict)?;
        written.value
    } else {
        match writers::write_many(&forms, to) {
            Some(result) => {
                let written = result.map_err(|e| Failure::new(Some(&args.output), e))?;
                report_warnings(Some(&args.output), &written.warnings, strict)?;
                written.value
            }
            None => {
                return Err(Failure::new(
                    Some(&args.output),
                    Error::new(
                        Diagnostic::error(format!(
                            "the input holds {} forms, and a {to} file holds one",
                            forms.len()
                        ))
                        .with_hint("write them to an .xlsx workbook"),
                    ),
                ));
            }
        }
    };
    write_output(&args.output, to, &bytes)?;
    Ok(EXIT_OK)
}

fn check(args: CheckArgs) -> CliResult<u8> {
    let strict = args.common.strict;
    let catalogue = match &args.common.templates {
        Some(dir) => rules::Catalogue::from_dir(dir).map_err(|e| Failure::new(Some(dir), e))?,
        None => rules::Catalogue::builtin(),
    };
    let mut consistent = true;
    let mut reports = Vec::new();
    for input in &args.inputs {
        let forms = read_forms(input, args.from, strict)?;
        for (i, form) in forms.iter().enumerate() {
            let found = rules::check(form);
            let sentences = rules::sentences::choose(form, &catalogue)
                .map_err(|e| Failure::new(Some(input), e))?;
            let label = if forms.len() > 1 {
                match &form.ente.denominazione {
                    Some(name) => format!("{} (form {}, {name})", display_name(input), i + 1),
                    None => format!("{} (form {})", display_name(input), i + 1),
                }
            } else {
                display_name(input)
            };
            consistent &= found.is_empty();
            if args.json {
                reports.push(serde_json::json!({
                    "input": label,
                    "edizione": form.edizione,
                    "denominazione": form.ente.denominazione,
                    "consistent": found.is_empty(),
                    "discrepancies": found,
                    "outcomes": rules::outcomes(form),
                    "sentences": sentences.value,
                }));
            } else if found.is_empty() {
                println!("{label}: consistent");
            } else {
                println!("{label}: {} inconsistent value(s)", found.len());
                for d in &found {
                    println!(
                        "  {} {}: printed {}, computed {} ({})",
                        d.code, d.what, d.printed, d.computed, d.pointer
                    );
                }
            }
        }
    }
    if args.json {
        let text = serde_json::to_string_pretty(&reports).expect("report serialises");
        println!("{text}");
    }
    Ok(if consistent {
        EXIT_OK
    } else {
        EXIT_INCONSISTENT
    })
}

fn template(args: TemplateArgs) -> CliResult<u8> {
    let to = Format::from_path(&args.output).unwrap_or(Format::Xlsx);
    let empty = Scheda::empty(args.edizione);
    let written = writers::write(&empty, to, &WriteOptions::default())
        .map_err(|e| Failure::new(Some(&args.output), e))?;
    write_output(&args.output, to, &written.value)?;
    Ok(EXIT_OK)
}

fn refuse_overwriting_input(input: &Path, output: &Path) -> CliResult<()> {
    if input == Path::new("-") || output == Path::new("-") {
        return Ok(());
    }
    let same = match (input.canonicalize(), output.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same {
        return Err(Failure::new(
            Some(output),
            Error::new(
                Diagnostic::error("the output is the input: scheda never overwrites its input")
                    .with_hint("choose another output file"),
            ),
        ));
    }
    Ok(())
}

/// Write the output whole or not at all: to a temporary file beside it,
/// then renamed over it. Binary formats are not written to a terminal.
fn write_output(path: &Path, format: Format, bytes: &[u8]) -> CliResult<()> {
    if path == Path::new("-") {
        let mut stdout = std::io::stdout().lock();
        if format.is_binary() && stdout.is_terminal() {
            return Err(Failure::new(
                None,
                Error::new(
                    Diagnostic::error(format!("refusing to write {format} to a terminal"))
                        .with_hint("redirect standard output to a file, or use -o FILE"),
                ),
            ));
        }
        return stdout
            .write_all(bytes)
            .and_then(|()| stdout.flush())
            .map_err(|e| Failure::new(None, Error::msg(format!("failed to write output ({e})"))));
    }
    let fail = |e: std::io::Error| {
        Failure::new(
            Some(path),
            Error::msg(format!("failed to write {} ({e})", path.display())),
        )
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        name.unwrap_or_else(|| "scheda".into()),
        std::process::id()
    ));
    std::fs::write(&tmp, bytes).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        fail(e)
    })?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        fail(e)
    })
}
