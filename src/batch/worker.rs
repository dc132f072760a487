//! The worker threads of a batch: each takes the next form (from a shared
//! multi-form input first, else the next input), reads it, checks or
//! recomputes it, renders every output to a temporary file, and sends the
//! result to the calling thread.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::SyncSender;
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::Duration;

use super::plan::Action;
use super::report::{Row, Status, one_line};
use super::source::{self, Forms, Opened};
use super::{Options, Plan, files};
use crate::diagnostic::{Diagnostic, Error, Location, Result, Warned};
use crate::format::Format;
use crate::model::Scheda;
use crate::rules;
use crate::writers::Writer;

/// A message from a worker to the calling thread.
pub(super) enum Msg {
    /// An input holds this many forms more than the one it was counted as.
    Found(usize),
    /// A form (or an input that is not one) is done.
    Done(Box<Done>),
    /// Input `input` is over: it gave `rows` results.
    Ended { input: usize, rows: usize },
}

/// The result of one form: its report row, the stem of its name and its
/// outputs, written to temporary files not yet renamed.
pub(super) struct Done {
    pub(super) input: usize,
    pub(super) row: usize,
    pub(super) report: Row,
    pub(super) stem: String,
    pub(super) temps: Vec<(Format, PathBuf)>,
}

/// An input whose forms every worker takes, one at a time.
struct Open {
    input: usize,
    taken: usize,
    forms: Box<dyn Forms>,
}

#[derive(Default)]
struct State {
    next_input: usize,
    /// Shared inputs, in input order.
    open: Vec<Open>,
    /// Inputs taken and being opened: one may turn out to hold many forms
    /// to share, so a worker without work waits for them before it ends.
    opening: usize,
}

/// The forms of a shared input whose reader failed: none left.
struct Exhausted;

impl Forms for Exhausted {
    fn next_form(&mut self) -> Option<source::Item> {
        None
    }

    fn left(&self) -> usize {
        0
    }
}

/// An input being opened, until it is shared or known to hold one form.
struct Opening<'s, 'a>(&'s Shared<'a>);

impl Drop for Opening<'_, '_> {
    fn drop(&mut self) {
        let mut state = self.0.state();
        state.opening -= 1;
        drop(state);
        self.0.changed.notify_all();
    }
}

/// What the workers share.
pub(super) struct Shared<'a> {
    plan: &'a Plan,
    options: &'a Options,
    stop: &'a AtomicBool,
    state: Mutex<State>,
    /// Signalled when an input is shared, or found to hold one form.
    changed: Condvar,
}

/// One piece of work.
enum Work {
    Input(usize),
    Row {
        input: usize,
        row: usize,
        riga: u32,
        read: Box<Result<Warned<Scheda>>>,
    },
    Ended {
        input: usize,
        rows: usize,
    },
}

impl<'a> Shared<'a> {
    pub(super) fn new(plan: &'a Plan, options: &'a Options, stop: &'a AtomicBool) -> Self {
        Shared {
            plan,
            options,
            stop,
            state: Mutex::new(State::default()),
            changed: Condvar::new(),
        }
    }

    fn stopped(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }

    fn state(&self) -> MutexGuard<'_, State> {
        // A worker that panicked holding the lock left the state as it was.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The next piece of work: a form of a shared input first, so that
    /// inputs are done about in order; `None` when there is none left, nor
    /// any input being opened that could bring more.
    fn take(&self) -> Option<Work> {
        let mut state = self.state();
        loop {
            if let Some(open) = state.open.first_mut() {
                let next = catch_unwind(AssertUnwindSafe(|| open.forms.next_form()));
                return Some(match next {
                    Ok(Some((riga, read))) => {
                        open.taken += 1;
                        Work::Row {
                            input: open.input,
                            row: open.taken - 1,
                            riga,
                            read: Box::new(read),
                        }
                    }
                    Ok(None) => {
                        let open = state.open.remove(0);
                        Work::Ended {
                            input: open.input,
                            rows: open.taken,
                        }
                    }
                    Err(_) => {
                        // A bug in a reader: this form is an error, and the
                        // input gives no more.
                        open.forms = Box::new(Exhausted);
                        open.taken += 1;
                        Work::Row {
                            input: open.input,
                            row: open.taken - 1,
                            riga: 0,
                            read: Box::new(Err(internal_error("reading this input"))),
                        }
                    }
                });
            }
            if state.next_input < self.plan.inputs.len() {
                state.next_input += 1;
                state.opening += 1;
                return Some(Work::Input(state.next_input - 1));
            }
            if state.opening == 0 || self.stopped() {
                return None;
            }
            state = self
                .changed
                .wait_timeout(state, Duration::from_millis(100))
                .map_or_else(|p| p.into_inner().0, |(s, _)| s);
        }
    }

    /// Share the forms of input `input` with every worker.
    fn share(&self, input: usize, forms: Box<dyn Forms>) {
        let mut state = self.state();
        let at = state.open.partition_point(|o| o.input < input);
        state.open.insert(
            at,
            Open {
                input,
                taken: 0,
                forms,
            },
        );
    }
}

/// A worker's loop, until no work is left or the batch is stopped.
pub(super) fn work(shared: &Shared<'_>, mut writer: Writer, tx: SyncSender<Msg>) {
    while !shared.stopped() {
        let Some(work) = shared.take() else { break };
        let sent = match work {
            Work::Input(input) => start(shared, input, &mut writer, &tx),
            Work::Row {
                input,
                row,
                riga,
                read,
            } => {
                let done = guarded(shared, &mut writer, input, row, Some(riga), *read);
                done.map_or(Ok(()), |d| tx.send(Msg::Done(Box::new(d))))
            }
            Work::Ended { input, rows: 0 } => {
                let mut report = Row::new(display(shared, input), None, Status::Failed);
                set_error(&mut report, &Error::msg("no form found in the input"));
                send_one(&tx, input, report)
            }
            Work::Ended { input, rows } => tx.send(Msg::Ended { input, rows }),
        };
        if sent.is_err() {
            break;
        }
    }
}

type Sent = std::result::Result<(), std::sync::mpsc::SendError<Msg>>;

/// Send the one row of an input, and its end.
fn send_one(tx: &SyncSender<Msg>, input: usize, report: Row) -> Sent {
    tx.send(Msg::Done(Box::new(Done {
        input,
        row: 0,
        report,
        stem: String::new(),
        temps: Vec::new(),
    })))?;
    tx.send(Msg::Ended { input, rows: 1 })
}

/// The input's name in the report.
fn display(shared: &Shared<'_>, input: usize) -> String {
    shared.plan.inputs[input].path.display().to_string()
}

/// Take up input `input`: skip it, do its one form, or share its forms.
fn start(shared: &Shared<'_>, input: usize, writer: &mut Writer, tx: &SyncSender<Msg>) -> Sent {
    let path = &shared.plan.inputs[input].path;
    let opening = Opening(shared);
    match &shared.plan.inputs[input].action {
        Action::Skip(why) => {
            let mut report = Row::new(display(shared, input), None, Status::Skipped);
            report.error = Some(why.clone());
            send_one(tx, input, report)
        }
        Action::Fail(why) => {
            let mut report = Row::new(display(shared, input), None, Status::Failed);
            set_error(&mut report, &Error::msg(why.clone()));
            send_one(tx, input, report)
        }
        Action::Read => match open(path) {
            Opened::One(read) => {
                drop(opening);
                match guarded(shared, writer, input, 0, None, *read) {
                    Some(done) => {
                        tx.send(Msg::Done(Box::new(done)))?;
                        tx.send(Msg::Ended { input, rows: 1 })
                    }
                    None => Ok(()),
                }
            }
            Opened::Many(forms) => {
                let more = forms.left().saturating_sub(1);
                shared.share(input, forms);
                drop(opening);
                tx.send(Msg::Found(more))
            }
        },
    }
}

/// [`source::open`], with a panic (a bug in a reader) turned into the
/// input's error.
fn open(path: &std::path::Path) -> Opened {
    catch_unwind(AssertUnwindSafe(|| source::open(path)))
        .unwrap_or_else(|_| Opened::One(Box::new(Err(internal_error("reading this input")))))
}

/// The error of a bug met while `doing` something.
fn internal_error(doing: &str) -> Error {
    Error::msg(format!(
        "internal error while {doing} (a bug in scheda; please report it)"
    ))
}

/// [`process`], with a panic (a bug) turned into the form's error; the
/// writer is then made anew, in case the panic left it half-way.
fn guarded(
    shared: &Shared<'_>,
    writer: &mut Writer,
    input: usize,
    row: usize,
    riga: Option<u32>,
    read: Result<Warned<Scheda>>,
) -> Option<Done> {
    let run = catch_unwind(AssertUnwindSafe(|| {
        process(shared, writer, input, row, riga, read)
    }));
    match run {
        Ok(done) => done,
        Err(_) => {
            *writer = Writer::new(shared.options.write.clone());
            let mut report = Row::new(display(shared, input), riga, Status::Failed);
            set_error(&mut report, &internal_error("processing this form"));
            Some(Done {
                input,
                row,
                report,
                stem: String::new(),
                temps: Vec::new(),
            })
        }
    }
}

/// Mark `report` failed with `error`.
fn set_error(report: &mut Row, error: &Error) {
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
            .map(|d| one_line(d))
            .collect::<Vec<_>>()
            .join(super::report::LIST_SEPARATOR),
    );
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
fn process(
    shared: &Shared<'_>,
    writer: &mut Writer,
    input: usize,
    row: usize,
    riga: Option<u32>,
    read: Result<Warned<Scheda>>,
) -> Option<Done> {
    let options = shared.options;
    let path = &shared.plan.inputs[input].path;
    let mut report = Row::new(display(shared, input), riga, Status::Ok);
    let done = |report: Row, stem: String, temps: Vec<(Format, PathBuf)>| Done {
        input,
        row,
        report,
        stem,
        temps,
    };
    let Warned {
        value: mut form,
        mut warnings,
    } = match read {
        Ok(read) => read,
        Err(e) => {
            set_error(&mut report, &e);
            return Some(done(report, String::new(), Vec::new()));
        }
    };
    report.comune = form.ente.denominazione.clone();
    report.edizione = Some(form.edizione.code().to_string());
    let found = rules::check(&form);
    report.consistent = Some(found.is_empty());
    if options.recompute {
        report.corrections = rules::recompute(&mut form)
            .into_iter()
            .map(|c| format!("{} {}: {} -> {}", c.code, c.what, c.before, c.after))
            .collect();
    } else {
        warnings.extend(found.into_iter().map(|d| {
            Diagnostic::warning(format!(
                "row {}, {}: printed {}, computed {}",
                d.code, d.what, d.printed, d.computed
            ))
            .at(Location::pointer(d.pointer))
        }));
    }
    let outcomes = rules::outcomes(&form);
    report.r04 = form.quadro1.R04;
    report.r05 = form.quadro1.R05;
    report.caso = outcomes.caso;
    report.quadro3_dovuto = outcomes.quadro3_dovuto;
    report.r09 = form.quadro3.R09;
    report.r15 = form.quadro3.R15;
    report.quadro3_coerente = outcomes.quadro3_coerente;

    let stem = options.names.stem(&form, path, riga);
    let mut temps = Temps(Vec::new());
    for &format in &options.formats {
        if let Err(e) = strict(options, &warnings) {
            report.warnings = warnings.iter().map(one_line).collect();
            set_error(&mut report, &e);
            return Some(done(report, stem, Vec::new()));
        }
        if shared.stopped() {
            return None;
        }
        let written = match writer.write(&form, format) {
            Ok(w) => w,
            Err(e) => {
                report.warnings = warnings.iter().map(one_line).collect();
                set_error(&mut report, &e);
                return Some(done(report, stem, Vec::new()));
            }
        };
        // Each writer that prints at the form's precision warns the same.
        for w in written.warnings {
            if !warnings.contains(&w) {
                warnings.push(w);
            }
        }
        let name = files::temporary_name(&format!("{stem}.{input}-{row}.{}", format.extension()));
        let tmp = options.dir.join(name);
        let result = std::fs::write(&tmp, &written.value);
        temps.0.push((format, tmp.clone()));
        if let Err(e) = result {
            set_error(
                &mut report,
                &Error::msg(format!("failed to write {} ({e})", tmp.display())),
            );
            return Some(done(report, stem, Vec::new()));
        }
    }
    if let Err(e) = strict(options, &warnings) {
        report.warnings = warnings.iter().map(one_line).collect();
        set_error(&mut report, &e);
        return Some(done(report, stem, Vec::new()));
    }
    report.warnings = warnings.iter().map(one_line).collect();
    let temps = std::mem::take(&mut temps.0);
    Some(done(report, stem, temps))
}

/// Under `strict`, warnings are a failure.
fn strict(options: &Options, warnings: &[Diagnostic]) -> Result<()> {
    if options.strict && !warnings.is_empty() {
        let n = warnings.len();
        return Err(Error::new(
            Diagnostic::error(format!(
                "{n} warning{} under --strict",
                if n == 1 { "" } else { "s" }
            ))
            .with_hint("resolve the warnings, or drop --strict to accept them"),
        ));
    }
    Ok(())
}
