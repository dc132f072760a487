//! `scheda serve`: the clerk's page and the HTTP API on this machine.

use std::net::SocketAddr;
use std::time::Duration;

use clap::Args;
use scheda::limits::parse_size;
use scheda::messages::{Message, kind};
use scheda::serve::Options;
use scheda::writers::WriteOptions;

use scheda::diagnostic::{Diagnostic, Severity};

use super::{CliResult, Common, EXIT_OK, Failure, coded, lang, say};

#[derive(Debug, Args)]
pub(super) struct ServeArgs {
    /// Where to listen. The default is this machine only; on another
    /// address give --token, or anyone on the network can use the server.
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:8080")]
    bind: SocketAddr,
    /// Open the page in the browser.
    #[arg(long)]
    open: bool,
    /// Largest file accepted (suffixes KB, MB).
    #[arg(long, value_name = "SIZE", default_value = "20MB", value_parser = size)]
    max_upload: usize,
    /// Most seconds one request may take.
    #[arg(long, value_name = "SECONDS", default_value_t = 60)]
    timeout: u64,
    /// Worker threads (requests worked on at once; the others wait); by
    /// default the number of cores.
    #[arg(long, value_name = "N")]
    jobs: Option<usize>,
    /// A token every API request must carry (`Authorization: Bearer TOKEN`;
    /// the page takes it as `?token=TOKEN` in its address).
    #[arg(long, value_name = "TOKEN")]
    token: Option<String>,
    #[command(flatten)]
    common: Common,
}

fn size(text: &str) -> Result<usize, Message> {
    parse_size(text).ok_or_else(|| Message::new(kind::SIZE_INVALID, [("found", text.into())]))
}

pub(super) fn run(args: ServeArgs) -> CliResult<u8> {
    let templates = args.common.load_templates()?;
    let options = Options {
        bind: args.bind,
        max_upload: args.max_upload,
        timeout: Duration::from_secs(args.timeout.max(1)),
        jobs: args.jobs.unwrap_or_else(scheda::batch::default_jobs).max(1),
        token: args.token.clone(),
        limits: args.common.limits()?,
        write: WriteOptions {
            templates,
            layout: None,
        },
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| {
            Failure::new(
                None,
                coded(
                    Message::new(
                        kind::SERVER_FAILED,
                        [("error", scheda::messages::io_reason(&e).into())],
                    ),
                    None,
                ),
            )
        })?;
    runtime.block_on(async {
        let listener = scheda::serve::listen(options.bind).await.map_err(|e| {
            Failure::new(
                None,
                coded(
                    Message::new(
                        kind::LISTEN_FAILED,
                        [
                            ("bind", options.bind.to_string().into()),
                            ("error", scheda::messages::io_reason(&e).into()),
                        ],
                    ),
                    Some(Message::new(kind::LISTEN_FAILED_HINT, [])),
                ),
            )
        })?;
        let address = listener.local_addr().unwrap_or(options.bind);
        let host = if address.ip().is_unspecified() {
            "127.0.0.1".to_string()
        } else {
            address.ip().to_string()
        };
        let mut url = format!("http://{host}:{}/", address.port());
        if let Some(token) = &options.token {
            url.push_str(&format!("?token={token}"));
        }
        eprintln!(
            "{}",
            say(Message::new(
                kind::SERVE_PAGE_AT,
                [("url", url.as_str().into())]
            ))
        );
        if options.open_to_network() {
            let warning = Diagnostic::coded(
                Severity::Warning,
                Message::new(
                    kind::SERVE_OPEN_NETWORK,
                    [("address", address.to_string().into())],
                ),
                Some(Message::new(kind::SERVE_OPEN_NETWORK_HINT, [])),
            );
            eprintln!("{}", warning.render_in(lang(), None));
        }
        if args.open {
            open_browser(&url);
        }
        scheda::serve::serve(listener, &options)
            .await
            .map_err(|e| Failure::new(None, e))
    })?;
    Ok(EXIT_OK)
}

/// Ask the system to open `url` in the browser; a failure is only a note.
fn open_browser(url: &str) {
    let result = if cfg!(target_os = "windows") {
        std::process::Command::new("cmd")
            .args(["/C", "start", "", url])
            .spawn()
    } else if cfg!(target_os = "macos") {
        std::process::Command::new("open").arg(url).spawn()
    } else {
        std::process::Command::new("xdg-open").arg(url).spawn()
    };
    if let Err(e) = result {
        let warning = Diagnostic::coded(
            Severity::Warning,
            Message::new(
                kind::BROWSER_NOT_OPENED,
                [
                    ("error", scheda::messages::io_reason(&e).into()),
                    ("url", url.into()),
                ],
            ),
            None,
        );
        eprintln!("{}", warning.render_in(lang(), None));
    }
}
