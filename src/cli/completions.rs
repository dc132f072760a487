//! `scheda completions SHELL`: the shell's completion script, generated
//! from the command definitions ([`clap_complete`]), on standard output;
//! the descriptions in the language of messages.

use clap::Args;
use clap_complete::Shell;

use super::help::{self, Shown};
use super::io::Stdout;
use super::{CliResult, EXIT_OK, lang};

#[derive(Debug, Args)]
pub(super) struct CompletionsArgs {
    /// The shell: bash, zsh, fish, powershell or elvish.
    #[arg(value_name = "SHELL", ignore_case = true)]
    shell: Shell,
}

pub(super) fn run(args: CompletionsArgs) -> CliResult<u8> {
    let mut command = help::command(lang(), Shown::Completions);
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "scheda", &mut script);
    Stdout::default().write(&script)?;
    Ok(EXIT_OK)
}
