//! The one integration test binary of scheda (ripgrep style): one module
//! per area, a small shared helper set in `util`.

mod util;

mod bad_inputs;
mod batch;
mod batch_report;
mod cli;
mod cli_many;
mod cli_messages;
mod cli_options;
mod completions_man;
mod consistency;
mod diff;
mod docs;
mod editions;
mod formulas;
mod fuzz;
mod imports;
mod json;
mod limits;
mod messages_cli;
mod messages_sheets;
mod messages_text;
mod messages_writers;
mod new_edition;
mod openapi;
mod outside;
mod partial;
mod pdf;
mod pdf_edition;
mod pdf_outside;
mod pdf_read;
mod pdf_rows;
mod props;
mod publiccode;
mod rules;
mod rules_data;
mod serve;
mod spreadsheets;
mod templates;
mod text;
mod text_edition;
mod text_robust;
mod text_writer;
mod xlsx;
