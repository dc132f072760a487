//! `scheda completions SHELL`: the shell's completion script, generated
//! from the command definitions ([`clap_complete`]), on standard output.

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use super::io::Stdout;
use super::{Cli, CliResult, EXIT_OK};

#[derive(Debug, Args)]
pub(super) struct CompletionsArgs {
    /// The shell: bash, zsh, fish, powershell or elvish.
    #[arg(value_name = "SHELL", ignore_case = true)]
    shell: Shell,
}

pub(super) fn run(args: CompletionsArgs) -> CliResult<u8> {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "scheda", &mut script);
    Stdout::default().write(&script)?;
    Ok(EXIT_OK)
}
