//! Errors of the command line itself (an unknown option, a value not among
//! the possible ones, a missing argument), in the language of messages.
//!
//! clap words them in English; for an Italian user they are rewritten from
//! the error's parts (the argument, the value, the possible values, clap's
//! suggestion) with the catalogue's kinds, and a value refused by one of
//! scheda's parsers keeps that parser's message in the same language.
//! `--help` and `--version` are printed as clap renders them, from the
//! command in the language of messages ([`super::help`]).

use clap::error::{ContextKind, ContextValue, ErrorKind};
use scheda::diagnostic::{Diagnostic, Severity};
use scheda::messages::{Lang, Message, kind};

use super::{EXIT_USAGE, choose_lang};

/// Print a command line that does not parse; returns the exit code.
pub fn fail(error: &clap::Error, args: &[String]) -> u8 {
    let lang = choose_lang(given_lang(args).as_deref());
    let plain = matches!(
        error.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    );
    if plain || lang == Lang::En {
        let _ = error.print();
        return u8::try_from(error.exit_code()).unwrap_or(EXIT_USAGE);
    }
    let command = command_of(args);
    let hint = Message::new(kind::USAGE_HELP_HINT, [("command", command.into())]);
    let (message, hint) = match translate(error, lang) {
        Some((message, Some(own))) => (message, own),
        Some((message, None)) => (message, hint),
        None => {
            let detail = error.kind().as_str().unwrap_or("?").to_string();
            (
                Message::new(kind::USAGE_OTHER, [("detail", detail.into())]),
                hint,
            )
        }
    };
    let d = Diagnostic::coded(Severity::Error, message, Some(hint));
    eprintln!("{}", d.render_in(lang, None));
    EXIT_USAGE
}

/// The message of a usage error and, when the error has one, its own hint
/// (the possible values, clap's suggestion).
fn translate(error: &clap::Error, lang: Lang) -> Option<(Message, Option<Message>)> {
    let text = |k| error.get(k).map(value_text);
    let arg = || text(ContextKind::InvalidArg).unwrap_or_default();
    let suggestion = text(ContextKind::SuggestedArg)
        .or_else(|| text(ContextKind::SuggestedSubcommand))
        .or_else(|| text(ContextKind::SuggestedValue))
        .map(|s| Message::new(kind::USAGE_SUGGESTION_HINT, [("suggestion", s.into())]));
    Some(match error.kind() {
        ErrorKind::InvalidValue => {
            let value = text(ContextKind::InvalidValue).unwrap_or_default();
            let message = if value.is_empty() {
                Message::new(kind::USAGE_NO_VALUE, [("arg", arg().into())])
            } else {
                Message::new(
                    kind::USAGE_INVALID_VALUE,
                    [("value", value.into()), ("arg", arg().into())],
                )
            };
            let possible = text(ContextKind::ValidValue)
                .map(|v| Message::new(kind::USAGE_POSSIBLE_HINT, [("values", v.into())]));
            (message, suggestion.or(possible))
        }
        ErrorKind::ValueValidation => {
            let value = text(ContextKind::InvalidValue).unwrap_or_default();
            let detail = own_detail(error, lang)?;
            let message = Message::new(
                kind::USAGE_INVALID_VALUE_DETAIL,
                [
                    ("value", value.into()),
                    ("arg", arg().into()),
                    ("detail", detail.into()),
                ],
            );
            (message, None)
        }
        ErrorKind::UnknownArgument => (
            Message::new(kind::USAGE_UNKNOWN_ARG, [("arg", arg().into())]),
            suggestion,
        ),
        ErrorKind::InvalidSubcommand => (
            Message::new(
                kind::USAGE_UNKNOWN_COMMAND,
                [("command", text(ContextKind::InvalidSubcommand)?.into())],
            ),
            suggestion,
        ),
        ErrorKind::MissingRequiredArgument => (
            Message::new(kind::USAGE_MISSING, [("args", arg().into())]),
            None,
        ),
        ErrorKind::ArgumentConflict => (
            Message::new(
                kind::USAGE_CONFLICT,
                [
                    ("arg", arg().into()),
                    (
                        "other",
                        text(ContextKind::PriorArg).unwrap_or_default().into(),
                    ),
                ],
            ),
            None,
        ),
        _ => return None,
    })
}

/// The message of one of scheda's parsers that refused a value, in `lang`
/// (a kind of the catalogue, or a failure of several diagnostics).
fn own_detail(error: &clap::Error, lang: Lang) -> Option<String> {
    let source = std::error::Error::source(error)?;
    if let Some(message) = source.downcast_ref::<Message>() {
        return Some(message.render(lang));
    }
    if let Some(failure) = source.downcast_ref::<scheda::Error>() {
        let parts: Vec<String> = failure
            .diagnostics
            .iter()
            .map(|d| match d.hint_in(lang) {
                Some(hint) => format!("{} ({hint})", d.message_in(lang)),
                None => d.message_in(lang),
            })
            .collect();
        return Some(parts.join("; "));
    }
    Some(source.to_string())
}

/// A context value as text: several values joined by commas.
fn value_text(value: &ContextValue) -> String {
    match value {
        ContextValue::String(s) => s.clone(),
        ContextValue::Strings(v) => v.join(", "),
        ContextValue::StyledStr(s) => s.to_string(),
        ContextValue::StyledStrs(v) => v
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        ContextValue::Number(n) => n.to_string(),
        other => other.to_string(),
    }
}

/// `--lang it|en` (or `--lang=it`) among the raw arguments.
pub(super) fn given_lang(args: &[String]) -> Option<String> {
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--" {
            break;
        }
        if let Some(v) = a.strip_prefix("--lang=") {
            return Some(v.to_string());
        }
        if a == "--lang" {
            return it.next().cloned();
        }
    }
    None
}

/// `scheda` and the command the arguments name, if they name one.
fn command_of(args: &[String]) -> String {
    let cli = <super::Cli as clap::CommandFactory>::command();
    let named = |a: &&String| cli.get_subcommands().any(|c| c.get_name() == a.as_str());
    match args.iter().skip(1).find(named) {
        Some(c) => format!("scheda {c}"),
        None => "scheda".to_string(),
    }
}
