//! Batches: hundreds or thousands of forms in, one file per form and format
//! out, in parallel, with a report (`scheda batch`).
//!
//! ```ignore
#![doc = include_str!("../../examples/batch_api.rs")]
//! ```
//!
//! (This is `examples/batch_api.rs`, which `cargo test` compiles.)
//!
//! 1. [`plan()`] lists the inputs: files as given, folders walked for the
//!    forms' extensions, in a fixed order.
//! 2. [`run()`] works through them on [`Options::jobs`] worker threads
//!    ([`crate::workers::pool`]), each with its own [`Writer`] and so its
//!    own PDF renderer, reused for every form. A worker reads an input (a multi-Comune
//!    workbook or a JSON Lines file is then shared: every worker takes its
//!    forms, one at a time), checks or recomputes the form, renders every
//!    output and writes it to a hidden temporary file in the output folder.
//!    The calling thread puts the results in input order, gives each form
//!    its unique name ([`names`]), renames its temporary files into place,
//!    calls back with each row of the report ([`Event`]) and writes the row
//!    to the report ([`report::Sink`], CSV or JSON). Memory stays flat: a
//!    worker holds one form and its outputs, the channel to the calling
//!    thread is bounded and carries no file's bytes, and no row is kept
//!    once it is written.
//!
//! One input that cannot be read, or one form that cannot be written, is a
//! row with its error; the batch goes on. When the stop flag is set, the
//! workers take no more forms, the temporary files of forms not yet named
//! are removed, and the report lists the rows done so far.

mod collect;
pub mod files;
pub(crate) mod form;
pub mod names;
mod plan;
pub mod report;
mod source;
mod worker;

use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::{Mutex, mpsc};

pub use form::strict_warnings;
pub use names::NamePattern;
pub use plan::{Action, Input, Plan, is_form_file, plan, walk};
pub use report::{Headline, Row, Status};

use crate::diagnostic::{Error, Result};
use crate::format::Format;
use crate::limits::Limits;
use crate::messages::{Lang, Message, kind};
use crate::writers::{WriteOptions, Writer};

/// What a batch does.
#[derive(Debug, Clone)]
pub struct Options {
    /// The output folder (made if missing).
    pub dir: PathBuf,
    /// The formats written for each form (one file each).
    pub formats: Vec<Format>,
    /// How many worker threads.
    pub jobs: usize,
    /// Replace the derived values with the computed ones, listing each
    /// change in the report; otherwise each printed value that disagrees
    /// with the rules is kept, with a warning.
    pub recompute: bool,
    /// A form with a warning fails.
    pub strict: bool,
    /// Replace outputs that exist; otherwise they are kept.
    pub force: bool,
    /// How outputs are named.
    pub names: NamePattern,
    /// Templates and text layout for the writers.
    pub write: WriteOptions,
    /// What an input may hold.
    pub limits: Limits,
    /// The edition of forms whose input does not say (`--edition`).
    pub edizione: Option<crate::model::Edizione>,
    /// Where [`run()`] writes the report (JSON for a `.json` path, CSV
    /// otherwise): no output takes its name, and no walk of the output
    /// folder reads it.
    pub report: PathBuf,
    /// The language of the report's headers, outcomes, warnings and errors
    /// (the `code` column is the same in every language).
    pub lang: Lang,
}

impl Options {
    /// Write `formats` into `dir`, on as many threads as the machine has
    /// cores, with the report at `dir/report.csv` and everything else off.
    pub fn new(dir: PathBuf, formats: Vec<Format>) -> Self {
        Options {
            report: dir.join("report.csv"),
            dir,
            formats,
            jobs: default_jobs(),
            recompute: false,
            strict: false,
            force: false,
            names: NamePattern::default(),
            write: WriteOptions::default(),
            limits: Limits::default(),
            edizione: None,
            lang: Lang::En,
        }
    }
}

/// The number of cores this process may use (1 when it cannot tell).
pub fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, NonZeroUsize::get)
}

/// What [`run()`] tells as it goes, on the calling thread.
#[derive(Debug)]
pub enum Event<'a> {
    /// An input turned out to hold this many forms more than the one it was
    /// counted as (a multi-Comune workbook, a JSON Lines file).
    Found(usize),
    /// A row of the report is final: its form is done (outputs renamed into
    /// place), failed or skipped. Rows come in input order.
    Row(&'a Row),
}

/// What a batch did.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// How many rows had each status, by `Status as usize`.
    counts: [usize; 4],
    /// Whether the stop flag ended the batch early.
    pub interrupted: bool,
    /// Temporary files of earlier batches found in the output folder.
    pub stale: files::Stale,
    /// Why the report could not be written in full (it is then not in
    /// place), if it could not: the forms' outputs are written all the same.
    pub report_error: Option<Error>,
}

impl Outcome {
    /// How many rows have this status.
    pub fn count(&self, status: Status) -> usize {
        self.counts.get(status as usize).copied().unwrap_or(0)
    }

    /// How many forms (rows that are not skipped files).
    pub fn forms(&self) -> usize {
        self.counts.iter().sum::<usize>() - self.count(Status::Skipped)
    }
}

/// Run the batch `plan` (see the module's documentation), writing its
/// report to [`Options::report`]. `stop` ends it early when set;
/// `progress` is called on this thread. An error is a failure of the whole
/// batch, before any form is done (the output folder cannot be made, the
/// report cannot be started, the templates cannot be loaded); a failure of
/// one input is a row.
pub fn run(
    plan: &Plan,
    options: &Options,
    stop: &AtomicBool,
    progress: impl FnMut(Event<'_>),
) -> Result<Outcome> {
    std::fs::create_dir_all(&options.dir).map_err(|e| {
        form::coded_error(Message::new(
            kind::OUTPUT_FOLDER_FAILED,
            [
                ("path", options.dir.display().to_string().into()),
                ("error", crate::messages::io_reason(&e).into()),
            ],
        ))
    })?;
    let stale = files::remove_stale(&options.dir);
    let editions = options.write.templates.editions();
    let sink = report::Sink::create(&options.report, editions, options.lang)
        .map_err(|e| report_error(options, &e))?;
    let mut formats: Vec<Format> = Vec::new();
    for f in &options.formats {
        if !formats.contains(f) {
            formats.push(*f);
        }
    }
    let jobs = options.jobs.max(1);
    let mut writers = Vec::with_capacity(jobs);
    for _ in 0..jobs {
        let mut writer = Writer::new(options.write.clone());
        writer.prepare(&formats)?;
        writers.push(writer);
    }
    let options = &Options {
        formats,
        ..options.clone()
    };
    let mut collector = collect::Collector::new(plan, options, sink, progress);
    let shared = worker::Shared::new(plan, options, stop);
    let (tx, rx) = mpsc::sync_channel(jobs * 4);
    let pool = crate::workers::pool(jobs, "batch")?;
    let writers: Vec<Mutex<Option<Writer>>> =
        writers.into_iter().map(|w| Mutex::new(Some(w))).collect();
    std::thread::scope(|scope| {
        let (shared, writers) = (&shared, &writers);
        // The workers run on the pool's threads; this thread collects.
        scope.spawn(move || {
            pool.broadcast(|ctx| {
                let writer = writers.get(ctx.index()).and_then(|w| w.lock().ok()?.take());
                if let Some(writer) = writer {
                    worker::work(shared, writer, tx.clone());
                }
            });
            drop(tx);
        });
        for msg in rx {
            collector.receive(msg);
        }
    });
    let interrupted = stop.load(std::sync::atomic::Ordering::Relaxed);
    let (counts, written) = collector.finish(interrupted);
    Ok(Outcome {
        counts,
        interrupted,
        stale,
        report_error: written.err().map(|e| report_error(options, &e)),
    })
}

/// The error of a report that cannot be written.
fn report_error(options: &Options, e: &std::io::Error) -> Error {
    form::coded_error(Message::new(
        kind::REPORT_FAILED,
        [
            ("path", options.report.display().to_string().into()),
            ("error", crate::messages::io_reason(e).into()),
        ],
    ))
}
