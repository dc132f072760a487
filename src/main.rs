//! The `scheda` command line: parse the arguments, run the command, map the
//! outcome to an exit code. The work is in the library and in `cli`.

#![forbid(unsafe_code)]

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    ExitCode::from(cli::run(args))
}
