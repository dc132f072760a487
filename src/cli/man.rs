//! `scheda man`: the manual pages (roff), generated from the command
//! definitions ([`clap_mangen`]): scheda's own page on standard output, or
//! with `-o DIR` one page per command (`scheda.1`, `scheda-convert.1`, ...).
//! The texts are in the language of messages ([`help`]); the section
//! headings are clap_mangen's (NAME, SYNOPSIS, OPTIONS ...).

use std::path::{Path, PathBuf};

use clap::Args;
use scheda::messages::{Message, kind};

use super::help::{self, Shown};
use super::io::{Stdout, stdout_failure};
use super::{CliResult, EXIT_OK, Failure, coded, lang, say};

#[derive(Debug, Args)]
pub(super) struct ManArgs {
    /// Write one page per command into this folder (made if it does not
    /// exist), instead of scheda's page on standard output.
    #[arg(short, long, value_name = "DIR")]
    output: Option<PathBuf>,
}

pub(super) fn run(args: ManArgs) -> CliResult<u8> {
    let mut command = help::command(lang(), Shown::Man);
    command.build();
    let Some(dir) = args.output else {
        let page = render(&command).map_err(|e| stdout_failure(&e))?;
        Stdout::default().write(&page)?;
        return Ok(EXIT_OK);
    };
    std::fs::create_dir_all(&dir).map_err(|e| {
        Failure::named(
            None,
            coded(
                Message::new(
                    kind::OUTPUT_FOLDER_FAILED,
                    [
                        ("path", dir.display().to_string().into()),
                        ("error", scheda::messages::io_reason(&e).into()),
                    ],
                ),
                None,
            ),
        )
    })?;
    let mut commands = vec![command];
    while let Some(command) = commands.pop() {
        commands.extend(
            command
                .get_subcommands()
                .filter(|c| !c.is_hide_set())
                .cloned(),
        );
        let name = command
            .get_display_name()
            .unwrap_or_else(|| command.get_name());
        let path = dir.join(format!("{name}.1"));
        render(&command)
            .and_then(|page| scheda::batch::files::write_whole(&path, &page))
            .map_err(|e| failed_to_write(&path, &e))?;
        eprintln!(
            "{}",
            say(Message::new(
                kind::WROTE,
                [("path", path.display().to_string().into())]
            ))
        );
    }
    Ok(EXIT_OK)
}

/// The page of `command` (built, so that a command's page is named
/// `scheda-convert`).
fn render(command: &clap::Command) -> std::io::Result<Vec<u8>> {
    let mut page = Vec::new();
    clap_mangen::Man::new(command.clone())
        .source(format!("scheda {}", env!("CARGO_PKG_VERSION")))
        .manual("scheda")
        .render(&mut page)?;
    Ok(page)
}

fn failed_to_write(path: &Path, e: &std::io::Error) -> Failure {
    Failure::output(
        path,
        coded(
            Message::new(
                kind::FAILED_TO_WRITE,
                [
                    ("path", path.display().to_string().into()),
                    ("error", scheda::messages::io_reason(e).into()),
                ],
            ),
            None,
        ),
    )
}
