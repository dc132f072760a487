//! The worker threads of a batch: each takes the next form (from a shared
//! multi-form input first, else the next input), reads it, does it
//! ([`super::form`]) and sends the result to the calling thread.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::SyncSender;
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::Duration;

use super::form::{Done, Job, coded_error, guarded, internal_error, set_error_in};
use super::plan::Action;
use super::report::{Row, Status};
use super::source::{self, Forms, Opened};
use super::{Options, Plan};
use crate::diagnostic::{Result, Warned};
use crate::messages::{Message, kind};
use crate::model::Scheda;
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
                            read: Box::new(Err(internal_error(kind::INTERNAL_ERROR_READING))),
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

    /// Form `row` of input `input`.
    fn job(&self, input: usize, row: usize, riga: Option<u32>) -> Job<'_> {
        Job {
            options: self.options,
            stop: self.stop,
            input,
            path: &self.plan.inputs[input].path,
            row,
            riga,
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
                let done = guarded(&shared.job(input, row, Some(riga)), &mut writer, *read);
                done.map_or(Ok(()), |d| tx.send(Msg::Done(Box::new(d))))
            }
            Work::Ended { input, rows: 0 } => {
                let mut report = Row::new(display(shared, input), None, Status::Failed);
                let error = coded_error(Message::new(kind::NO_FORM_IN_INPUT, []));
                set_error_in(&mut report, &error, shared.options.lang);
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
            report.error = Some(why.render(shared.options.lang));
            report.error_code = Some(why.kind.key);
            send_one(tx, input, report)
        }
        Action::Fail(why) => {
            let mut report = Row::new(display(shared, input), None, Status::Failed);
            set_error_in(&mut report, &coded_error(why.clone()), shared.options.lang);
            send_one(tx, input, report)
        }
        Action::Read => match open(path, shared.options) {
            Opened::One(read) => {
                drop(opening);
                match guarded(&shared.job(input, 0, None), writer, *read) {
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

/// [`source::open`] with the limits, templates and edition of `options`,
/// a panic (a bug in a reader) turned into the input's error.
fn open(path: &std::path::Path, options: &Options) -> Opened {
    let (limits, templates) = (&options.limits, &options.write.templates);
    catch_unwind(AssertUnwindSafe(|| {
        source::open(path, limits, templates, options.edizione)
    }))
    .unwrap_or_else(|_| Opened::One(Box::new(Err(internal_error(kind::INTERNAL_ERROR_READING)))))
}
