//! scheda: convert, check and regenerate the SOC25/SOC26 "Scheda di
//! monitoraggio degli obiettivi di servizio" (social services) of the Italian
//! Comuni.
//!
//! Hub and spoke, as in pandoc: [`readers`] turn bytes into the canonical
//! [`model::Scheda`] plus diagnostics; [`rules`] derive the computed values and
//! choose the form's sentences; [`writers`] turn the model into bytes.
//! [`diff`] compares two forms, and starts next year's from last year's.
//! [`batch`] does all three for many forms at once, in parallel, on the
//! threads of [`workers`]; [`serve`] offers them as a web page and an HTTP
//! API. [`limits`] bounds what a reader takes in.

#![forbid(unsafe_code)]

pub mod batch;
pub mod diagnostic;
pub mod diff;
pub mod form;
pub mod format;
pub mod limits;
pub mod messages;
pub mod model;
pub mod number;
pub mod readers;
pub mod rules;
pub mod select;
pub mod serve;
pub mod templates;
pub mod workers;
pub mod writers;

pub use diagnostic::{Diagnostic, Error, Location, Result, Severity, Warned};
pub use format::Format;
pub use model::{Edizione, Scheda};
pub use templates::Templates;
