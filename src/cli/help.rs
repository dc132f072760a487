//! The command line's help in the language of messages.
//!
//! clap makes `--help`, the man pages (`scheda man`) and the shell
//! completions from the command definitions, whose texts are the doc
//! comments of `cli` (English). For Italian, [`command`] builds the command
//! tree and walks it, putting in place of each text its Italian from
//! `templates/messages/help.toml` (compiled in): each command's
//! description, each option's help, the placeholders of values
//! (`<FORMATO>`), and clap's own words (`Uso:`, `Opzioni:`, `[predefinito:
//! pdf]`, `[valori possibili: ...]`, the texts of `-h` and `-V`, the
//! `help` command's). The possible values' descriptions come from the
//! parsers ([`value_help`]), in the language of messages, which is chosen
//! before the command line is read.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::OnceLock;

use clap::builder::{Resettable, Str, StyledStr, Styles};
use clap::{Arg, ArgAction, Command, CommandFactory};
use scheda::messages::Lang;
use serde::Deserialize;

use super::{Cli, lang};

/// The Italian texts of the help, compiled in.
const HELP_TOML: &str = include_str!("../../templates/messages/help.toml");

/// The table of scheda itself (the top command) in the catalogue.
const ROOT: &str = "scheda";

/// The catalogue of the help (`templates/messages/help.toml`).
#[derive(Debug, Deserialize)]
struct Help {
    /// clap's own words.
    words: Words,
    /// The placeholders of values, by their English name (`FORMAT`).
    value_names: BTreeMap<String, String>,
    /// The descriptions of possible values, by value (`txt`).
    values: BTreeMap<String, String>,
    /// The options every command takes.
    common: Args,
    /// Each command's texts, by its name (`scheda` for the top one).
    #[serde(flatten)]
    commands: BTreeMap<String, Texts>,
}

/// clap's own words (see `[words]` in the catalogue).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Words {
    usage: String,
    options_tag: String,
    commands: String,
    commands_section: String,
    command: String,
    arguments: String,
    options: String,
    default: String,
    possible_values: String,
    possible_values_heading: String,
    help: String,
    help_more: String,
    help_summary: String,
    version: String,
    help_command: String,
}

/// The texts of one command.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Texts {
    about: String,
    long_about: Option<String>,
    after_help: Option<String>,
    after_long_help: Option<String>,
    #[serde(default)]
    args: BTreeMap<String, String>,
}

/// The options every command takes.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Args {
    args: BTreeMap<String, String>,
}

/// The catalogue, parsed once; `None` if it does not parse (a test
/// checks that it does; the help is then English).
fn catalogue() -> Option<&'static Help> {
    static PARSED: OnceLock<Option<Help>> = OnceLock::new();
    PARSED
        .get_or_init(|| toml::from_str(HELP_TOML).ok())
        .as_ref()
}

/// What the command is made for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shown {
    /// The help, and reading the command line.
    Help,
    /// The man pages: the help, without the `help` command.
    Man,
    /// The completions: the descriptions alone (no `[predefinito: ...]`).
    Completions,
}

/// scheda's command in `lang`: as the definitions make it in English; in
/// Italian built, with every text in Italian.
pub(super) fn command(lang: Lang, shown: Shown) -> Command {
    let mut command = Cli::command();
    if shown == Shown::Man {
        command = command.disable_help_subcommand(true);
    }
    match (lang, catalogue()) {
        (Lang::It, Some(help)) => {
            // Built first, so that clap's own flags and `help` command are
            // there to be translated, and the global options in every
            // command.
            command.build();
            Italian { help, shown }.command(command, true)
        }
        _ => command,
    }
}

/// The description of the possible value `name` (`txt`, `pdf`) in the
/// language of messages: `en`, or the catalogue's Italian.
pub(super) fn value_help(name: &str, en: &'static str) -> &'static str {
    match lang() {
        Lang::En => en,
        Lang::It => catalogue()
            .and_then(|help| help.values.get(name))
            .map_or(en, String::as_str),
    }
}

/// The Italian of a command tree.
struct Italian {
    help: &'static Help,
    shown: Shown,
}

impl Italian {
    /// `command` and its subcommands in Italian.
    fn command(&self, mut command: Command, root: bool) -> Command {
        for sub in command.get_subcommands_mut() {
            let english = std::mem::take(sub);
            *sub = self.command(english, false);
        }
        let words = &self.help.words;
        let name = if root { ROOT } else { command.get_name() }.to_string();
        let texts = self.help.commands.get(&name);
        command = match texts {
            Some(texts) => self.describe(command, texts),
            // clap's `help` command (and its copy of the tree, for the
            // completions).
            None if name == "help" => command.about(words.help_command.as_str()),
            None => command,
        };
        let styles = command.get_styles().clone();
        let long_help = command
            .get_arguments()
            .any(|a| matches!(a.get_action(), ArgAction::Help) && a.get_long_help().is_some());
        command = command.mut_args(|arg| self.arg(arg, &name, long_help, &styles));
        if self.shown == Shown::Completions {
            return command;
        }
        if command.has_subcommands() {
            // clap_mangen makes the heading a section of the page, whose
            // headings are in capitals.
            let heading = match self.shown {
                Shown::Man => &words.commands_section,
                _ => &words.commands,
            };
            command = command
                .subcommand_help_heading(heading.as_str())
                .subcommand_value_name(words.command.as_str());
        }
        // clap's layout, with its heading in Italian.
        let usage = styles.get_usage();
        command = command.help_template(format!(
            "{{before-help}}{{about-with-newline}}\n{usage}{}:{usage:#} {{usage}}\n\n{{all-args}}{{after-help}}",
            words.usage
        ));
        // The usage line as clap writes it, with `[OPZIONI]`.
        let title = format!("{usage}Usage:{usage:#} ");
        let line = command.render_usage().ansi().to_string();
        match line.strip_prefix(&title) {
            Some(line) => command.override_usage(line.replace("[OPTIONS]", &words.options_tag)),
            None => command,
        }
    }

    /// A command's descriptions from its texts; each that the English has
    /// (clap's copies of the commands under `help` have only the first).
    fn describe(&self, mut command: Command, texts: &Texts) -> Command {
        let italian = |text: &Option<String>| resettable(text.as_deref().map(prose));
        command = command.about(prose(&texts.about));
        if command.get_long_about().is_some() {
            command = command.long_about(italian(&texts.long_about));
        }
        if command.get_after_help().is_some() {
            command = command.after_help(italian(&texts.after_help));
        }
        if command.get_after_long_help().is_some() {
            command = command.after_long_help(italian(&texts.after_long_help));
        }
        command
    }

    /// An option or argument of the command `name` in Italian; `long_help`:
    /// whether the command has a `--help` longer than its `-h`.
    fn arg(&self, mut arg: Arg, name: &str, long_help: bool, styles: &Styles) -> Arg {
        let words = &self.help.words;
        if let Some(names) = arg
            .get_value_names()
            .filter(|_| arg.get_action().takes_values())
        {
            let italian: Vec<Str> = names
                .iter()
                .map(|n| match self.help.value_names.get(n.as_str()) {
                    Some(it) => Str::from(it.as_str()),
                    None => n.clone(),
                })
                .collect();
            arg = arg.value_names(italian);
        }
        if self.shown != Shown::Completions && arg.get_help_heading().is_none() {
            arg = if arg.is_positional() {
                // In their own heading clap orders them as options: by
                // their order, then by name.
                let index = arg.get_index();
                arg.help_heading(words.arguments.as_str())
                    .display_order(index)
            } else {
                arg.help_heading(words.options.as_str())
            };
        }
        match arg.get_action() {
            ArgAction::Help if long_help => {
                return arg
                    .help(words.help_more.as_str())
                    .long_help(words.help_summary.as_str());
            }
            ArgAction::Help => return arg.help(words.help.as_str()),
            ArgAction::Version => return arg.help(words.version.as_str()),
            _ => {}
        }
        let Some((_, text)) = self.help.arg_text(name, &arg) else {
            return arg;
        };
        let text = prose(text);
        if self.shown == Shown::Completions {
            return arg.help(text).long_help(Resettable::Reset);
        }
        // On a man page a line break is a space: a blank line between the
        // possible values.
        let item = if self.shown == Shown::Man {
            "\n\n"
        } else {
            "\n"
        };
        let specs = Specs::of(&arg, words, styles, item);
        let short = specs.short.iter().fold(text.clone(), |mut t, spec| {
            t.push(' ');
            t.push_str(spec);
            t
        });
        let long = long_help.then(|| {
            let mut long = text;
            for part in [specs.values, specs.long.join("\n")] {
                if !part.is_empty() {
                    long.push_str("\n\n");
                    long.push_str(&part);
                }
            }
            long
        });
        arg.help(short)
            .long_help(resettable(long))
            .hide_default_value(true)
            .hide_possible_values(true)
    }
}

impl Help {
    /// The text of `arg` of the command `command`, with the table it comes
    /// from: the command's, the one of every command's options, or
    /// scheda's for a global option.
    fn arg_text<'a>(&'a self, command: &'a str, arg: &Arg) -> Option<(&'a str, &'a String)> {
        let id = arg.get_id().as_str();
        let own = self.commands.get(command).and_then(|t| t.args.get(id));
        let common = || self.common.args.get(id);
        let global = || {
            arg.is_global_set()
                .then(|| self.commands.get(ROOT).and_then(|t| t.args.get(id)))
                .flatten()
        };
        own.map(|t| (command, t))
            .or_else(|| common().map(|t| ("common", t)))
            .or_else(|| global().map(|t| (ROOT, t)))
    }
}

/// What clap appends to an option's help, in Italian: the default value,
/// the possible values (with their descriptions under `--help`, where one
/// has one); the aliases are clap's (`[alias: --edizione]`).
struct Specs {
    /// After the help under `-h`.
    short: Vec<String>,
    /// After the help under `--help`, one a line.
    long: Vec<String>,
    /// The possible values with their descriptions, under `--help`.
    values: String,
}

impl Specs {
    /// The specs of `arg`; `item` before each possible value of the list.
    fn of(arg: &Arg, words: &Words, styles: &Styles, item: &str) -> Specs {
        let (ctx, value, literal) = (
            styles.get_context(),
            styles.get_context_value(),
            styles.get_literal(),
        );
        let mut specs = Specs {
            short: Vec::new(),
            long: Vec::new(),
            values: String::new(),
        };
        let defaults = arg.get_default_values();
        if arg.get_action().takes_values() && !defaults.is_empty() {
            let values: Vec<String> = defaults
                .iter()
                .map(|v| quoted(&v.to_string_lossy()))
                .collect();
            let spec = format!(
                "{ctx}[{}: {ctx:#}{value}{}{value:#}{ctx}]{ctx:#}",
                words.default,
                values.join(" ")
            );
            specs.short.push(spec.clone());
            specs.long.push(spec);
        }
        let possible: Vec<_> = arg
            .get_possible_values()
            .into_iter()
            .filter(|v| !v.is_hide_set())
            .collect();
        if possible.is_empty() {
            return specs;
        }
        let names: Vec<String> = possible
            .iter()
            .map(|v| format!("{value}{}{value:#}", quoted(v.get_name())))
            .collect();
        let spec = format!(
            "{ctx}[{}: {ctx:#}{}{ctx}]{ctx:#}",
            words.possible_values,
            names.join(&format!("{ctx}, {ctx:#}"))
        );
        specs.short.push(spec.clone());
        if !possible.iter().any(|v| v.get_help().is_some()) {
            specs.long.push(spec);
            return specs;
        }
        // As clap lists them: `- txt:   testo estratto`, aligned.
        let width = possible
            .iter()
            .map(|v| v.get_name().chars().count())
            .max()
            .unwrap_or(0);
        specs.values = format!("{}:", words.possible_values_heading);
        for v in &possible {
            let name = v.get_name();
            let _ = write!(specs.values, "{item}- {literal}{name}{literal:#}");
            if let Some(help) = v.get_help() {
                let pad = width - name.chars().count();
                let _ = write!(specs.values, ": {:pad$}{help}", "");
            }
        }
        specs
    }
}

/// A text to set, or none.
fn resettable(text: Option<String>) -> Resettable<StyledStr> {
    match text {
        Some(text) => Resettable::Value(text.into()),
        None => Resettable::Reset,
    }
}

/// A value as clap shows it: quoted when it has a space.
fn quoted(value: &str) -> String {
    if value.contains(char::is_whitespace) {
        format!("{value:?}")
    } else {
        value.to_string()
    }
}

/// A text of the catalogue: its lines joined by spaces, a blank line
/// between paragraphs.
fn prose(text: &str) -> String {
    let mut paragraphs = Vec::new();
    let mut lines: Vec<&str> = Vec::new();
    for line in text.lines().map(str::trim).chain([""]) {
        if !line.is_empty() {
            lines.push(line);
        } else if !lines.is_empty() {
            paragraphs.push(lines.join(" "));
            lines.clear();
        }
    }
    paragraphs.join("\n\n")
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    /// Every command, option and argument of scheda has its Italian, with
    /// the descriptions the English has (a `long_about`, an `after_help`
    /// ...); so do the placeholders and the possible values' descriptions;
    /// and the catalogue has nothing for a command, option, placeholder or
    /// value that does not exist.
    #[test]
    fn every_command_and_option_has_its_italian_and_nothing_else() {
        let help: Help = toml::from_str(HELP_TOML)
            .unwrap_or_else(|e| panic!("templates/messages/help.toml: {e}"));
        let mut used_args = BTreeSet::new();
        let mut used_names = BTreeSet::new();
        let mut used_values = BTreeSet::new();
        let mut commands = vec![(Cli::command(), true)];
        let mut named = BTreeSet::new();
        while let Some((command, root)) = commands.pop() {
            let name = if root { ROOT } else { command.get_name() }.to_string();
            let texts = help
                .commands
                .get(&name)
                .unwrap_or_else(|| panic!("help.toml has no [{name}]"));
            named.insert(name.clone());
            let english = [
                ("long_about", command.get_long_about().is_some()),
                ("after_help", command.get_after_help().is_some()),
                ("after_long_help", command.get_after_long_help().is_some()),
            ];
            let italian = [
                texts.long_about.is_some(),
                texts.after_help.is_some(),
                texts.after_long_help.is_some(),
            ];
            for ((what, en), it) in english.into_iter().zip(italian) {
                assert_eq!(
                    en, it,
                    "[{name}] {what}: the English has one iff the Italian has"
                );
            }
            if let Some(long) = &texts.long_about {
                assert!(
                    prose(long).starts_with(&prose(&texts.about)),
                    "[{name}]: long_about starts with about, as clap's"
                );
            }
            for arg in command.get_arguments() {
                let id = arg.get_id().as_str();
                let (table, _) = help
                    .arg_text(&name, arg)
                    .unwrap_or_else(|| panic!("help.toml has no [{name}.args] {id}"));
                used_args.insert((table.to_string(), id.to_string()));
                let names = arg
                    .get_value_names()
                    .filter(|_| arg.get_action().takes_values());
                for n in names.unwrap_or_default() {
                    assert!(
                        help.value_names.contains_key(n.as_str()),
                        "help.toml has no [value_names] {n} (of {name} {id})"
                    );
                    used_names.insert(n.to_string());
                }
                for value in arg.get_possible_values() {
                    if value.get_help().is_some() {
                        let v = value.get_name();
                        assert!(help.values.contains_key(v), "help.toml has no [values] {v}");
                        used_values.insert(v.to_string());
                    }
                }
                // clap's `[alias: --edizione]` is Italian in the singular
                // only.
                let aliases = arg.get_visible_aliases().unwrap_or_default().len()
                    + arg.get_visible_short_aliases().unwrap_or_default().len();
                assert!(
                    aliases <= 1,
                    "{name} {id}: clap would write `[aliases: ...]`"
                );
            }
            commands.extend(command.get_subcommands().map(|c| (c.clone(), false)));
        }
        for (name, texts) in &help.commands {
            assert!(
                named.contains(name),
                "help.toml has [{name}], which is no command"
            );
            for id in texts.args.keys() {
                assert!(
                    used_args.contains(&(name.clone(), id.clone())),
                    "help.toml has [{name}.args] {id}, which is no option of {name}"
                );
            }
        }
        for id in help.common.args.keys() {
            assert!(
                used_args.contains(&("common".to_string(), id.clone())),
                "help.toml has [common.args] {id}, which no command takes"
            );
        }
        for n in help.value_names.keys() {
            assert!(
                used_names.contains(n),
                "help.toml has [value_names] {n}, which nothing takes"
            );
        }
        for v in help.values.keys() {
            assert!(
                used_values.contains(v),
                "help.toml has [values] {v}, which is no value"
            );
        }
    }

    /// The Italian help of every command, under `-h` and `--help`, has
    /// none of clap's English words, and has its Italian ones.
    #[test]
    fn italian_help_has_none_of_clap_english_words() {
        let mut commands = vec![command(Lang::It, Shown::Help)];
        let mut seen = 0;
        while let Some(mut command) = commands.pop() {
            commands.extend(command.get_subcommands().cloned());
            for text in [command.render_help(), command.render_long_help()] {
                let text = text.to_string();
                for english in [
                    "Usage:",
                    "Options:",
                    "Arguments:",
                    "Commands:",
                    "[OPTIONS]",
                    "<COMMAND>",
                    "[default:",
                    "possible values",
                    "Possible values",
                    "Print ",
                    "[aliases:",
                ] {
                    assert!(!text.contains(english), "{english}: {text}");
                }
                assert!(text.contains("Uso: scheda"), "{text}");
            }
            seen += 1;
        }
        // scheda, its 9 commands, `help` and its copies of the 9 and itself.
        assert_eq!(seen, 21);
    }

    #[test]
    fn prose_joins_lines_and_keeps_paragraphs() {
        assert_eq!(prose("a\nb  \n  c\n\n\nd\n"), "a b c\n\nd");
        assert_eq!(prose("one line"), "one line");
    }
}
