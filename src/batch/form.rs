//! One form of a batch, on a worker thread: checked or recomputed, every
//! output rendered to a temporary file in the output folder, its row of the
//! report filled in. A bug (a panic) or a stop leaves no temporary file.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use super::report::{Headline, Row, Status, one_line_in};
use super::{Options, files};
use crate::diagnostic::Severity;
use crate::diagnostic::{Diagnostic, Error, Result, Warned};
use crate::form::Riepilogo;
use crate::format::Format;
use crate::messages::{Lang, Message, kind};
use crate::model::Scheda;
use crate::rules::{self, Conclusion};
use crate::writers::Writer;

/// The result of one form: its report row, the stem of its name and its
/// outputs, written to temporary files not yet renamed.
pub(super) struct Done {
    pub(super) input: usize,
    pub(super) row: usize,
    pub(super) report: Row,
    pub(super) stem: String,
    pub(super) temps: Vec<(Format, PathBuf)>,
}

/// Where a form comes from, and what to do with it.
pub(super) struct Job<'a> {
    pub(super) options: &'a Options,
    pub(super) stop: &'a AtomicBool,
    /// The input's index in the plan, and its file.
    pub(super) input: usize,
    pub(super) path: &'a Path,
    /// The form's index among the input's forms, and its row or line when
    /// the input holds many.
    pub(super) row: usize,
    pub(super) riga: Option<u32>,
}

impl Job<'_> {
    fn stopped(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }

    /// A result without outputs.
    fn done(&self, report: Row, stem: String, temps: Vec<(Format, PathBuf)>) -> Done {
        Done {
            input: self.input,
            row: self.row,
            report,
            stem,
            temps,
        }
    }
}

/// The error of a bug met while reading an input or doing a form (a
/// kind of [`kind::INTERNAL_ERROR_READING`] or
/// [`kind::INTERNAL_ERROR_PROCESSING`]).
pub(super) fn internal_error(doing: crate::messages::Kind) -> Error {
    coded_error(Message::new(doing, []))
}

/// An error of one coded message.
pub(super) fn coded_error(message: Message) -> Error {
    Error::new(Diagnostic::coded(Severity::Error, message, None))
}

/// [`process`], with a panic (a bug) turned into the form's error; the
/// writer is then made anew, in case the panic left it half-way.
pub(super) fn guarded(
    job: &Job<'_>,
    writer: &mut Writer,
    read: Result<Warned<Scheda>>,
) -> Option<Done> {
    match catch_unwind(AssertUnwindSafe(|| process(job, writer, read))) {
        Ok(done) => done,
        Err(_) => {
            *writer = Writer::new(job.options.write.clone());
            let mut report = Row::new(job.path.display().to_string(), job.riga, Status::Failed);
            set_error_in(
                &mut report,
                &internal_error(kind::INTERNAL_ERROR_PROCESSING),
                job.options.lang,
            );
            Some(job.done(report, String::new(), Vec::new()))
        }
    }
}

/// Mark `report` failed with `error`, in English.
pub(crate) fn set_error(report: &mut Row, error: &Error) {
    set_error_in(report, error, Lang::En);
}

/// Mark `report` failed with `error`, written in `lang`; its code is the
/// first error's.
pub(crate) fn set_error_in(report: &mut Row, error: &Error, lang: Lang) {
    report.status = Status::Failed;
    let errors: Vec<&Diagnostic> = error.diagnostics.iter().filter(|d| d.is_error()).collect();
    let errors = if errors.is_empty() {
        error.diagnostics.iter().collect()
    } else {
        errors
    };
    report.error = Some(
        errors
            .iter()
            .map(|d| one_line_in(d, lang))
            .collect::<Vec<_>>()
            .join(super::report::LIST_SEPARATOR),
    );
    report.error_code = errors.first().map(|d| d.code());
    report.diagnostics = error.diagnostics.clone();
}

/// Temporary files that are removed unless kept: on an error, a panic or a
/// stop, none is left behind.
struct Temps(Vec<(Format, PathBuf)>);

impl Drop for Temps {
    fn drop(&mut self) {
        for (_, path) in self.0.drain(..) {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// Do one form: `None` when the batch was stopped before it was written.
fn process(job: &Job<'_>, writer: &mut Writer, read: Result<Warned<Scheda>>) -> Option<Done> {
    let options = job.options;
    let (riga, path) = (job.riga, job.path);
    let mut report = Row::new(path.display().to_string(), riga, Status::Ok);
    let done =
        |report: Row, stem: String, temps: Vec<(Format, PathBuf)>| job.done(report, stem, temps);
    let Warned {
        value: mut form,
        mut warnings,
    } = match read {
        Ok(read) => read,
        Err(e) => {
            set_error_in(&mut report, &e, options.lang);
            return Some(done(report, String::new(), Vec::new()));
        }
    };
    warnings.extend(fill_report(&mut report, &mut form, options.recompute));

    let stem = options.names.stem(&form, path, riga);
    let written = write_outputs(job, writer, &form, &stem, &mut warnings);
    report.warnings = warnings
        .iter()
        .map(|w| one_line_in(w, options.lang))
        .collect();
    match written {
        Ok(Some(temps)) => Some(done(report, stem, temps)),
        Ok(None) => None,
        Err(e) => {
            set_error_in(&mut report, &e, options.lang);
            Some(done(report, stem, Vec::new()))
        }
    }
}

/// Write every output of `form` to a temporary file in the output folder,
/// gathering the writers' warnings; `None` when the batch was stopped. On
/// an error (or a warning under `strict`) no temporary file is left.
fn write_outputs(
    job: &Job<'_>,
    writer: &mut Writer,
    form: &Scheda,
    stem: &str,
    warnings: &mut Vec<Diagnostic>,
) -> Result<Option<Vec<(Format, PathBuf)>>> {
    let options = job.options;
    strict(options, warnings)?;
    let mut temps = Temps(Vec::new());
    for &format in &options.formats {
        if job.stopped() {
            return Ok(None);
        }
        let written = writer.write(form, format)?;
        // Each writer that prints at the form's precision warns the same.
        for w in written.warnings {
            if !warnings.contains(&w) {
                warnings.push(w);
            }
        }
        let name = files::temporary_name(&format!(
            "{stem}.{}-{}.{}",
            job.input,
            job.row,
            format.extension()
        ));
        let tmp = options.dir.join(name);
        temps.0.push((format, tmp.clone()));
        std::fs::write(&tmp, &written.value).map_err(|e| {
            coded_error(Message::new(
                kind::FAILED_TO_WRITE,
                [
                    ("path", tmp.display().to_string().into()),
                    ("error", crate::messages::io_reason(&e).into()),
                ],
            ))
        })?;
    }
    strict(options, warnings)?;
    Ok(Some(std::mem::take(&mut temps.0)))
}

/// Fill in what the report says of `form`, as read: its Comune, edition,
/// outcomes and whether it is consistent; with `recompute`, replace its
/// derived values and list each change. Without, each printed value that
/// disagrees with the rules is one of the returned warnings.
pub(crate) fn fill_report(report: &mut Row, form: &mut Scheda, recompute: bool) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    report.comune = form.ente.denominazione.clone();
    report.edizione = Some(form.edizione.code().to_string());
    let found = rules::check(form);
    report.consistent = Some(found.is_empty());
    if recompute {
        report.corrections = rules::recompute(form)
            .into_iter()
            .map(|c| format!("{} {}: {} -> {}", c.printed_code, c.what, c.before, c.after))
            .collect();
    } else {
        warnings.extend(found.into_iter().map(|d| d.warning(false)));
    }
    let concluded = rules::conclusions(form);
    report.riepilogo = form
        .edizione
        .description()
        .riepilogo
        .iter()
        .map(|item| {
            let value = match item {
                Riepilogo::Valore(f) => {
                    Headline::Amount(form.decimale(&f.codice, f.campo.as_deref()))
                }
                Riepilogo::Esito(nome) => {
                    match concluded
                        .iter()
                        .find(|(e, _)| e.nome == *nome)
                        .map(|(_, c)| c)
                    {
                        Some(Conclusion::Scelta(v)) => Headline::Choice(v.map(str::to_string)),
                        Some(Conclusion::SiNo(v)) => Headline::YesNo(*v),
                        None => Headline::YesNo(None),
                    }
                }
            };
            (item.name(), value)
        })
        .collect();
    warnings
}

/// `2 warnings under --strict`.
pub fn strict_warnings(n: usize) -> Message {
    let count = match n {
        1 => Message::new(kind::WARNINGS_ONE, [("n", n.into())]),
        _ => Message::new(kind::WARNINGS_MANY, [("n", n.into())]),
    };
    Message::new(kind::STRICT_WARNINGS, [("count", count.into())])
}

/// Under `strict`, warnings are a failure.
fn strict(options: &Options, warnings: &[Diagnostic]) -> Result<()> {
    if options.strict && !warnings.is_empty() {
        let n = warnings.len();
        return Err(Error::new(Diagnostic::coded(
            Severity::Error,
            strict_warnings(n),
            Some(Message::new(kind::STRICT_HINT, [])),
        )));
    }
    Ok(())
}
