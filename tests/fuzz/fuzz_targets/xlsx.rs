//! Fuzz target `xlsx`: see `shared::xlsx`.
#![no_main]

// Each target uses one of the shared checks.
#[allow(dead_code)]
#[path = "../shared/mod.rs"]
mod shared;

// libfuzzer-sys aborts on any panic, even one scheda catches (calamine's
// overflow on a damaged workbook, a request's job in the server): keep the
// default hook, so that only a panic that escapes the target aborts it
// (libfuzzer-sys aborts on those itself).
libfuzzer_sys::fuzz_target!(
    init: drop(std::panic::take_hook()),
    |data: &[u8]| shared::run("xlsx", data)
);
