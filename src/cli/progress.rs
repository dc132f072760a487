//! The progress of `scheda batch` on standard error: a bar on a terminal
//! (count, rate, time left), plain lines otherwise (one a second at most,
//! and one per failure), nothing with `--quiet`.

use std::fmt;
use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};
use scheda::Format;
use scheda::batch::{Event, Row, Status};
use scheda::messages::{Message, kind, word};

use super::say;

/// How often a plain progress line is printed, at most.
const EVERY: Duration = Duration::from_secs(1);

enum Shown {
    Bar(ProgressBar),
    Lines { last: Instant },
    Quiet,
}

/// What the batch has done so far, and how it is shown.
pub(super) struct Progress {
    shown: Shown,
    start: Instant,
    total: usize,
    done: usize,
    failed: usize,
}

impl Progress {
    /// Progress of a batch of `total` forms (for now: a workbook may hold
    /// more).
    pub(super) fn new(total: usize, quiet: bool) -> Self {
        let shown = if quiet {
            Shown::Quiet
        } else if std::io::stderr().is_terminal() {
            let bar = ProgressBar::with_draw_target(
                Some(total as u64),
                ProgressDrawTarget::stderr_with_hz(10),
            );
            // indicatif's placeholders, in the words of the language.
            let forms = say(Message::new(
                kind::PROGRESS_FORMS,
                [("done", "{pos}".into()), ("total", "{len}".into())],
            ));
            let left = say(Message::new(kind::PROGRESS_LEFT, [("eta", "{eta}".into())]));
            let template = format!("{{spinner}} {forms} [{{wide_bar}}] {{rate}}, {left} {{msg}}");
            let style = ProgressStyle::with_template(&template)
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .with_key("rate", |state: &ProgressState, w: &mut dyn fmt::Write| {
                    let rate = super::one_decimal(state.per_sec());
                    let _ = w.write_str(&say(Message::new(
                        kind::PROGRESS_RATE,
                        [("rate", rate.into())],
                    )));
                })
                .progress_chars("=> ");
            bar.set_style(style);
            bar.enable_steady_tick(Duration::from_millis(200));
            Shown::Bar(bar)
        } else {
            Shown::Lines {
                last: Instant::now(),
            }
        };
        Progress {
            shown,
            start: Instant::now(),
            total,
            done: 0,
            failed: 0,
        }
    }

    /// Take one event of the batch.
    pub(super) fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Found(more) => {
                self.total += more;
                if let Shown::Bar(bar) = &self.shown {
                    bar.inc_length(more as u64);
                }
            }
            Event::Row(row) => self.row(row),
        }
    }

    fn row(&mut self, row: &Row) {
        if !row.is_form() {
            return;
        }
        self.done += 1;
        if row.status == Status::Failed {
            self.failed += 1;
            let text = failure(row);
            match &self.shown {
                Shown::Bar(bar) => bar.println(text),
                Shown::Lines { .. } => eprintln!("{text}"),
                Shown::Quiet => {}
            }
        }
        let line = self.line();
        match &mut self.shown {
            Shown::Bar(bar) => {
                bar.inc(1);
                if self.failed > 0 {
                    bar.set_message(say(Message::new(
                        kind::BATCH_PROGRESS_FAILED,
                        [("n", self.failed.into())],
                    )));
                }
            }
            Shown::Lines { last } if last.elapsed() >= EVERY => {
                *last = Instant::now();
                eprintln!("{line}");
            }
            Shown::Lines { .. } | Shown::Quiet => {}
        }
    }

    /// `batch: 120/300 forms (2 failed), 140.2 forms/s`.
    fn line(&self) -> String {
        let failed: scheda::messages::Arg = match self.failed {
            0 => "".into(),
            n => Message::new(kind::BATCH_PROGRESS_FAILED, [("n", n.into())]).into(),
        };
        say(Message::new(
            kind::BATCH_PROGRESS,
            [
                ("done", self.done.into()),
                ("total", self.total.max(self.done).into()),
                ("failed", failed),
                (
                    "rate",
                    super::one_decimal(rate(self.done, self.start.elapsed())).into(),
                ),
            ],
        ))
    }

    /// Take the bar away before the summary.
    pub(super) fn finish(&self) {
        if let Shown::Bar(bar) = &self.shown {
            bar.finish_and_clear();
        }
    }
}

/// Forms per second.
pub(super) fn rate(forms: usize, elapsed: Duration) -> f64 {
    let secs = elapsed.as_secs_f64();
    if secs > 0.0 { forms as f64 / secs } else { 0.0 }
}

/// A failed form's errors, in typst's voice, naming its input (and row).
fn failure(row: &Row) -> String {
    let place = match row.riga {
        Some(n) if Format::from_path(row.input.as_ref()) == Some(Format::JsonLines) => {
            say(Message::new(
                kind::INPUT_LINE,
                [
                    ("input", row.input.as_str().into()),
                    ("n", n.to_string().into()),
                ],
            ))
        }
        Some(n) => say(Message::new(
            kind::INPUT_ROW,
            [
                ("input", row.input.as_str().into()),
                ("n", n.to_string().into()),
            ],
        )),
        None => row.input.clone(),
    };
    if row.diagnostics.is_empty() {
        let failed = row.status.word(super::lang());
        let error = row.error.as_deref().unwrap_or(&failed);
        return format!("{}: {error}\n  --> {place}", word(super::lang(), "error"));
    }
    row.diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| {
            let source = if d.location.is_some() {
                &row.input
            } else {
                &place
            };
            d.render_in(super::lang(), Some(source))
        })
        .collect::<Vec<_>>()
        .join("\n")
}
