//! The one integration test binary of scheda (ripgrep style): one module
//! per area, a small shared helper set in `util`.

mod util;

mod json;
mod pdf;
mod rules;
mod cli;
mod text;
