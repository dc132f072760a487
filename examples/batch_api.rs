//! The batch as a library (the example of [`scheda::batch`]'s
//! documentation, shown there from this file): the forms of `schede/` as
//! PDFs in `out/`, with the report, a line printed per input.
//!
//! ```sh
//! cargo run --example batch_api
//! ```

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use scheda::Format;
use scheda::batch::{self, Event, Options};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let options = Options::new(PathBuf::from("out"), vec![Format::Pdf]);
    let plan = batch::plan(&[PathBuf::from("schede/")], &options.dir, &options.report);
    let stop = AtomicBool::new(false); // set it from a Ctrl-C handler
    let outcome = batch::run(&plan, &options, &stop, |event| {
        if let Event::Row(row) = event {
            println!("{}: {}", row.input, row.status.as_str());
        }
    })?;
    // out/report.csv is written; a row is not kept once reported
    println!("{} failed", outcome.count(batch::Status::Failed));
    if let Some(error) = &outcome.report_error {
        eprintln!("{error}");
    }
    Ok(())
}
