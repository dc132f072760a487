//! The threads that render: a pool sized for Typst.
//!
//! Typst and krilla do some of their work on rayon: Typst lays out in
//! parallel where it can, and krilla deflates each page's content on a
//! spawned task that the page then waits for. From a plain thread, that work
//! goes to rayon's global pool, whose threads compete with the workers for
//! the cores and hand every page across threads. On the threads of a rayon
//! pool, it stays on the worker that asked for it (another worker takes it
//! only when idle), so N workers use N cores and nothing else. Measured with
//! `examples/bench` (1,000 generated forms, 2 workers on 2 cores): 161–169
//! forms/s on plain threads, 174–184 on a pool.
//!
//! Each worker is started with [`rayon::ThreadPool::broadcast`], which runs
//! a closure once on every thread of the pool: a long-running worker never
//! ends up nested inside another's wait, as a spawned job could.

use crate::diagnostic::{Diagnostic, Error, Result, Severity};
use crate::messages::{Message, kind};

/// The stack of a worker thread: Typst's evaluation and layout recurse
/// deeply (rayon's default, 2 MiB, overflows).
pub const STACK: usize = 16 * 1024 * 1024;

/// A pool of `threads` worker threads (at least one) named `name-0`,
/// `name-1`, ..., with [`STACK`]-sized stacks.
pub fn pool(threads: usize, name: &'static str) -> Result<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads.max(1))
        .stack_size(STACK)
        .thread_name(move |i| format!("{name}-{i}"))
        .build()
        .map_err(|e| {
            Error::new(Diagnostic::coded(
                Severity::Error,
                Message::new(kind::WORKERS_FAILED, [("error", e.to_string().into())]),
                None,
            ))
        })
}
