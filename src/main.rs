//! The `scheda` command line: parse the arguments, run the command, map the
//! outcome to an exit code. The work is in the library and in `cli`.

#![forbid(unsafe_code)]

mod cli;

use std::process::ExitCode;

/// jemalloc rather than the system's allocator: Typst's layout and krilla's
/// PDF writing allocate and free small objects by the million on every
/// worker thread. In six pairs of `scheda batch` runs side by side on 1,000
/// forms, glibc's malloc took 3-9% longer, for the same peak memory (~67
/// MiB); mimalloc was as fast but peaked at 140-180 MiB (see
/// docs/development.md, "Speed design notes"). Built in with `--features
/// jemalloc` (the benchmarks' build): two minutes of C build that a first
/// PDF does not need.
#[cfg(all(feature = "jemalloc", not(target_env = "msvc")))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> ExitCode {
    ExitCode::from(cli::main(std::env::args_os().collect()))
}
