//! The bounded pool of worker threads that do the server's work: each owns
//! a [`Writer`] (with its PDF renderer, reused for every request) and a
//! sentence catalogue. Requests wait for a free worker, so that a burst
//! queues rather than exhausts memory; a panic in one job is caught, the
//! worker's writer is made anew, and the request gets an error.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};

use tokio::sync::{Semaphore, oneshot};

use crate::diagnostic::Result;
use crate::rules::Catalogue;
use crate::templates::Templates;
use crate::writers::{WriteOptions, Writer};

/// What a job gets to work with.
pub struct Tools {
    /// The writer of every format (PDF renderer inside).
    pub writer: Writer,
    /// The sentence catalogue.
    pub catalogue: Catalogue,
    /// The templates forms are read with (the writer's).
    pub templates: Templates,
}

type Job = Box<dyn FnOnce(&mut Tools) + Send>;

/// The pool: `jobs` threads, and as many requests admitted at once; the
/// others wait their turn.
#[derive(Clone)]
pub struct Pool {
    sender: mpsc::Sender<Job>,
    admitted: Arc<Semaphore>,
    /// Kept so that the threads live as long as the pool; they end when the
    /// last sender is dropped.
    _threads: Arc<rayon::ThreadPool>,
}

impl Pool {
    /// Start `jobs` worker threads ([`crate::workers::pool`]).
    pub fn new(jobs: usize, options: &WriteOptions) -> Result<Pool> {
        let jobs = jobs.max(1);
        let mut tools = Vec::with_capacity(jobs);
        for _ in 0..jobs {
            tools.push(Mutex::new(Some(options.templates.catalogue().clone())));
        }
        let threads = crate::workers::pool(jobs, "scheda-serve")?;
        let (sender, receiver) = mpsc::channel::<Job>();
        let receiver = Mutex::new(receiver);
        let options = options.clone();
        threads.spawn_broadcast(move |ctx| {
            let catalogue = tools.get(ctx.index()).and_then(|c| c.lock().ok()?.take());
            let Some(catalogue) = catalogue else { return };
            let mut tools = Tools {
                writer: Writer::new(options.clone()),
                catalogue,
                templates: options.templates.clone(),
            };
            loop {
                let job = {
                    let Ok(receiver) = receiver.lock() else {
                        return;
                    };
                    match receiver.recv() {
                        Ok(job) => job,
                        Err(_) => return,
                    }
                };
                if catch_unwind(AssertUnwindSafe(|| job(&mut tools))).is_err() {
                    // The writer may be half-way through a form.
                    tools.writer = Writer::new(options.clone());
                }
            }
        });
        Ok(Pool {
            sender,
            admitted: Arc::new(Semaphore::new(jobs)),
            _threads: Arc::new(threads),
        })
    }

    /// Run `work` on a worker when one is free; `None` when the job panicked
    /// (its result never came).
    pub async fn run<T, F>(&self, work: F) -> Option<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Tools) -> T + Send + 'static,
    {
        let _permit = self.admitted.acquire().await.ok()?;
        let (tx, rx) = oneshot::channel();
        let job: Job = Box::new(move |tools: &mut Tools| {
            let _ = tx.send(work(tools));
        });
        self.sender.send(job).ok()?;
        rx.await.ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panicking_job_fails_alone_and_the_pool_goes_on() {
        let pool = Pool::new(1, &WriteOptions::default()).unwrap();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        runtime.block_on(async {
            let panicked: Option<u8> = pool.run(|_| panic!("a bug")).await;
            assert_eq!(panicked, None);
            let model = crate::model::Scheda::empty(crate::model::Edizione::builtin("SOC25"));
            let after = pool
                .run(move |tools| tools.writer.write(&model, crate::Format::Json).is_ok())
                .await;
            assert_eq!(after, Some(true), "the worker still works");
        });
    }
}
