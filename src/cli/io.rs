//! Files and standard streams: inputs read whole, outputs written whole or
//! not at all, formats told from extensions, and a standard output that
//! ends quietly when the program reading it goes away (`| head`).

use std::io::{ErrorKind, IsTerminal, Write};
use std::path::Path;

use scheda::diagnostic::{Diagnostic, Error};
use scheda::limits::Limits;
use scheda::messages::{Message, kind};
use scheda::templates::Templates;
use scheda::{Edizione, Format, Scheda, readers};

use super::{CliResult, Failure, coded, display_name, report_warnings};

fn input_format(path: &Path, bytes: &[u8], from: Option<Format>) -> Format {
    from.or_else(|| Format::from_input_path(path))
        .unwrap_or_else(|| Format::sniff(bytes))
}

/// Read every form in one input file, within the limits and of the
/// editions of the templates given, printing its warnings; `edizione` is
/// the edition of forms whose file does not say.
pub(super) fn read_forms(
    path: &Path,
    from: Option<Format>,
    strict: bool,
    (limits, templates): (&Limits, &Templates),
    edizione: Option<Edizione>,
) -> CliResult<Vec<Scheda>> {
    let bytes = limits
        .read_file(path)
        .map_err(|e| Failure::new(Some(path), e))?;
    let format = input_format(path, &bytes, from);
    let read = readers::read_as(&bytes, format, limits, templates, edizione)
        .map_err(|e| Failure::new(Some(path), e))?;
    report_warnings(Some(&display_name(path)), &read.warnings, strict)?;
    if read.value.is_empty() {
        return Err(Failure::new(
            Some(path),
            coded(Message::new(kind::NO_FORM_IN_INPUT, []), None),
        ));
    }
    Ok(read.value)
}

/// Every error local to the fields of an input that does not read whole but
/// reads in part (each row that fails, not only those a strict read stops
/// at: [`readers::read_partial`]), with the warnings; `None` when the
/// input does not read in part.
pub(super) fn partial_failure(
    path: &Path,
    from: Option<Format>,
    (limits, templates): (&Limits, &Templates),
    edizione: Option<Edizione>,
) -> Option<Failure> {
    let bytes = limits.read_file(path).ok()?;
    let format = input_format(path, &bytes, from);
    let read = readers::read_partial(&bytes, format, limits, templates, edizione).ok()?;
    let errors: Vec<Diagnostic> = read
        .value
        .iter()
        .flat_map(|form| form.errors.iter().map(|e| e.diagnostic.clone()))
        .collect();
    if errors.is_empty() {
        return None;
    }
    Some(Failure::new(
        Some(path),
        Error::many(errors).with_warnings(read.warnings),
    ))
}

/// The format to write: `--to`, else the output's extension.
pub(super) fn output_format(output: &Path, to: Option<Format>) -> CliResult<Format> {
    if let Some(f) = to.or_else(|| Format::from_path(output)) {
        if !f.is_written() {
            return Err(Failure::output(output, scheda::writers::not_written(f)));
        }
        return Ok(f);
    }
    let extensions = Format::written_list();
    if output == Path::new("-") {
        return Err(Failure::named(
            None,
            coded(
                Message::new(kind::STDOUT_FORMAT_UNKNOWN, []),
                Some(Message::new(
                    kind::STDOUT_FORMAT_HINT,
                    [("formats", names().into())],
                )),
            ),
        ));
    }
    Err(Failure::output(
        output,
        coded(
            Message::new(
                kind::OUTPUT_FORMAT_UNKNOWN,
                [("path", output.display().to_string().into())],
            ),
            Some(Message::new(
                kind::OUTPUT_FORMAT_HINT,
                [("extensions", extensions.into())],
            )),
        ),
    ))
}

/// `txt, json, jsonl, pdf, xlsx`.
fn names() -> String {
    Format::WRITTEN.map(Format::extension).join(", ")
}

/// Refuse to write over an input.
pub(super) fn refuse_overwriting_input(input: &Path, output: &Path) -> CliResult<()> {
    if input == Path::new("-") || output == Path::new("-") {
        return Ok(());
    }
    let same = match (input.canonicalize(), output.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same {
        return Err(Failure::output(
            output,
            coded(
                Message::new(kind::OUTPUT_IS_INPUT, []),
                Some(Message::new(kind::OUTPUT_IS_INPUT_HINT, [])),
            ),
        ));
    }
    Ok(())
}

/// Write the output whole or not at all: to a temporary file beside it
/// (`.NAME.tmp-PID`), then renamed over it. Binary formats are not written
/// to a terminal.
pub(super) fn write_output(path: &Path, format: Format, bytes: &[u8]) -> CliResult<()> {
    if path == Path::new("-") {
        if format.is_binary() && std::io::stdout().is_terminal() {
            return Err(Failure::named(
                None,
                coded(
                    Message::new(
                        kind::TERMINAL_REFUSED,
                        [("format", format.to_string().into())],
                    ),
                    Some(Message::new(kind::TERMINAL_REFUSED_HINT, [])),
                ),
            ));
        }
        return Stdout::default().write(bytes);
    }
    let fail = |e: std::io::Error| {
        let shown = path.display().to_string();
        let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
        let error = match folder {
            Some(folder) if e.kind() == ErrorKind::NotFound && !folder.is_dir() => coded(
                Message::new(
                    kind::OUTPUT_FOLDER_MISSING,
                    [
                        ("path", shown.into()),
                        ("folder", folder.display().to_string().into()),
                    ],
                ),
                Some(Message::new(kind::OUTPUT_FOLDER_MISSING_HINT, [])),
            ),
            _ => coded(
                Message::new(
                    kind::FAILED_TO_WRITE,
                    [
                        ("path", shown.into()),
                        ("error", scheda::messages::io_reason(&e).into()),
                    ],
                ),
                None,
            ),
        };
        Failure::output(path, error)
    };
    scheda::batch::files::write_whole(path, bytes).map_err(fail)
}

/// Standard output that ends quietly when its reader has gone (`scheda
/// check ... | head -1`): once a write meets a closed pipe, every later
/// write is dropped, and the command goes on to its exit code, as Unix
/// tools do. Any other write error is a failure.
#[derive(Debug, Default)]
pub(super) struct Stdout {
    closed: bool,
}

impl Stdout {
    /// Write `bytes` and flush them.
    pub(super) fn write(&mut self, bytes: &[u8]) -> CliResult<()> {
        if self.closed {
            return Ok(());
        }
        let mut out = std::io::stdout().lock();
        match out.write_all(bytes).and_then(|()| out.flush()) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            Err(e) => Err(stdout_failure(&e)),
        }
    }

    /// Write one line.
    pub(super) fn line(&mut self, text: &str) -> CliResult<()> {
        self.write(format!("{text}\n").as_bytes())
    }
}

/// The failure of standard output that cannot be written.
pub(super) fn stdout_failure(e: &std::io::Error) -> Failure {
    Failure::named(
        None,
        coded(
            Message::new(
                kind::FAILED_TO_WRITE_STDOUT,
                [("error", scheda::messages::io_reason(e).into())],
            ),
            None,
        ),
    )
}
