//! The calling thread's part of a batch: the workers' results put back in
//! input order, each form named (unique in that order, whatever the timing
//! of the workers), its temporary files renamed into place, its row of the
//! report passed on and written, then dropped.

use std::collections::{BTreeMap, HashMap};

use super::form::Done;
use super::names::Namer;
use super::plan::{Action, canonical};
use super::report::{Sink, Status};
use super::worker::Msg;
use super::{Event, Options, Plan};
use crate::messages::{Message, kind};

pub(super) struct Collector<'a, F> {
    options: &'a Options,
    namer: Namer,
    extensions: Vec<&'static str>,
    /// The next result in input order: (input, row).
    cursor: (usize, usize),
    /// How many results each input gave, once it is over.
    ended: HashMap<usize, usize>,
    /// Results that came before their turn.
    pending: BTreeMap<(usize, usize), Box<Done>>,
    /// How many rows had each status (`Status as usize`).
    counts: [usize; 4],
    /// The report, and its first write error.
    report: Sink,
    written: std::io::Result<()>,
    progress: F,
}

impl<'a, F: FnMut(Event<'_>)> Collector<'a, F> {
    /// A collector for `plan`: no output takes the name of an input that
    /// lies in the output folder, nor the report's.
    pub(super) fn new(plan: &Plan, options: &'a Options, report: Sink, progress: F) -> Self {
        let mut namer = Namer::new();
        let dir = canonical(&options.dir);
        let in_dir = plan
            .inputs
            .iter()
            .filter(|i| i.action == Action::Read)
            .map(|i| canonical(&i.path))
            .chain(std::iter::once(canonical(&options.report)));
        for path in in_dir {
            if path.parent() == Some(dir.as_path())
                && let Some(name) = path.file_name()
            {
                namer.reserve(&name.to_string_lossy());
            }
        }
        Collector {
            options,
            namer,
            extensions: options.formats.iter().map(|f| f.extension()).collect(),
            cursor: (0, 0),
            ended: HashMap::new(),
            pending: BTreeMap::new(),
            counts: [0; 4],
            report,
            written: Ok(()),
            progress,
        }
    }

    pub(super) fn receive(&mut self, msg: Msg) {
        match msg {
            Msg::Found(more) => (self.progress)(Event::Found(more)),
            Msg::Done(done) => {
                self.pending.insert((done.input, done.row), done);
            }
            Msg::Ended { input, rows } => {
                self.ended.insert(input, rows);
            }
        }
        self.advance();
    }

    /// Finish every result whose turn has come.
    fn advance(&mut self) {
        loop {
            if let Some(done) = self.pending.remove(&self.cursor) {
                self.finish_one(*done);
                self.cursor.1 += 1;
            } else if self.ended.get(&self.cursor.0) == Some(&self.cursor.1) {
                self.ended.remove(&self.cursor.0);
                self.cursor = (self.cursor.0 + 1, 0);
            } else {
                break;
            }
        }
    }

    /// Name one form and rename its outputs into place.
    fn finish_one(&mut self, done: Done) {
        let Done {
            mut report,
            temps,
            stem,
            ..
        } = done;
        if !temps.is_empty() {
            let stem = self.namer.unique(&stem, &self.extensions);
            let mut kept = 0;
            let n = temps.len();
            for (format, tmp) in temps {
                let name = format!("{stem}.{}", format.extension());
                let path = self.options.dir.join(&name);
                if !self.options.force && path.symlink_metadata().is_ok() {
                    let _ = std::fs::remove_file(&tmp);
                    report.warnings.push(
                        Message::new(kind::OUTPUT_KEPT, [("name", name.as_str().into())])
                            .render(self.options.lang),
                    );
                    report.outputs.push(name);
                    kept += 1;
                    continue;
                }
                match std::fs::rename(&tmp, &path) {
                    Ok(()) => report.outputs.push(name),
                    Err(e) => {
                        let _ = std::fs::remove_file(&tmp);
                        let diagnostic = crate::Diagnostic::coded(
                            crate::diagnostic::Severity::Error,
                            Message::new(
                                kind::FAILED_TO_WRITE,
                                [
                                    ("path", path.display().to_string().into()),
                                    ("error", crate::messages::io_reason(&e).into()),
                                ],
                            ),
                            None,
                        );
                        let error = diagnostic.message_in(self.options.lang);
                        report.status = Status::Failed;
                        report.error_code.get_or_insert(kind::FAILED_TO_WRITE.key);
                        report.diagnostics.push(diagnostic);
                        report.error = Some(match report.error.take() {
                            Some(before) => {
                                format!("{before}{}{error}", super::report::LIST_SEPARATOR)
                            }
                            None => error,
                        });
                    }
                }
            }
            if kept == n && report.status == Status::Ok {
                report.status = Status::Kept;
            }
            // The report describes the files on disk: a kept file holds
            // none of this run's corrections.
            if kept > 0 && !report.corrections.is_empty() {
                report.warnings.push(
                    Message::new(
                        kind::CORRECTIONS_NOT_APPLIED,
                        [("n", report.corrections.len().into())],
                    )
                    .render(self.options.lang),
                );
                if kept == n {
                    report.corrections.clear();
                }
            }
        }
        (self.progress)(Event::Row(&report));
        if let Some(n) = self.counts.get_mut(report.status as usize) {
            *n += 1;
        }
        if self.written.is_ok() {
            self.written = self.report.push(&report);
        }
    }

    /// The count of rows by status and whether the report is written in
    /// full, once the workers are gone. After a stop, the results that never
    /// got their turn are dropped with their temporary files; otherwise (a
    /// worker lost) they are finished in order.
    pub(super) fn finish(mut self, stopped: bool) -> ([usize; 4], std::io::Result<()>) {
        let pending = std::mem::take(&mut self.pending);
        for (_, done) in pending {
            if stopped {
                for (_, tmp) in &done.temps {
                    let _ = std::fs::remove_file(tmp);
                }
            } else {
                self.finish_one(*done);
            }
        }
        let written = self.written.and_then(|()| self.report.finish());
        (self.counts, written)
    }
}
