//! The messages users read, from one catalogue in Italian and English
//! (`templates/messages/*.toml`, compiled in).
//!
//! A diagnostic built from a [`Message`] carries its kind ([`Kind`], whose
//! key is the stable `code` programs read) and its named arguments, not a
//! finished sentence; it is rendered in a [`Lang`] at the edge: the CLI by
//! `--lang` or the locale, the server by `Accept-Language`. An argument may
//! itself be a message (the place where a row was expected), rendered in
//! the same language.
//!
//! The catalogue is a table per kind: `it` and `en`, the text with
//! `{name}` for each argument (`{{` for a brace). Every kind the code can emit is listed in
//! [`kind::all`]; a test checks that each has both languages and uses only
//! the arguments the code passes.

use std::collections::BTreeMap;
use std::sync::OnceLock;

/// A language messages are rendered in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// Italian, the users' language.
    #[default]
    It,
    /// English.
    En,
}

impl Lang {
    /// The catalogue's name of the language.
    pub fn code(self) -> &'static str {
        match self {
            Lang::It => "it",
            Lang::En => "en",
        }
    }

    /// The language of a locale name (`it_IT.UTF-8`, `en_US`, `C`): Italian
    /// for `it*`, English for any other; `None` for an empty one.
    pub fn of_locale(locale: &str) -> Option<Lang> {
        let locale = locale.trim();
        if locale.is_empty() {
            return None;
        }
        Some(if locale.to_ascii_lowercase().starts_with("it") {
            Lang::It
        } else {
            Lang::En
        })
    }

    /// The language of an HTTP `Accept-Language` header: English when it
    /// prefers English to Italian, else Italian (also when it asks for
    /// nothing in particular or for another language).
    pub fn of_accept_language(header: Option<&str>) -> Lang {
        let Some(header) = header else {
            return Lang::It;
        };
        let mut best: Option<(f32, Lang)> = None;
        for part in header.split(',') {
            let mut pieces = part.split(';');
            let tag = pieces.next().unwrap_or("").trim().to_ascii_lowercase();
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            let lang = if tag.starts_with("it") {
                Lang::It
            } else if tag.starts_with("en") {
                Lang::En
            } else {
                continue;
            };
            if best.is_none_or(|(bq, _)| q > bq) {
                best = Some((q, lang));
            }
        }
        best.map_or(Lang::It, |(_, l)| l)
    }
}

/// A kind of message: its key in the catalogue (the stable `code`) and
/// the names of its arguments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Kind {
    /// The catalogue's key, also the `code` of a diagnostic.
    pub key: &'static str,
    /// The arguments the code passes, by name.
    pub params: &'static [&'static str],
}

/// An argument of a message: a text, or a message rendered in the same
/// language.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Arg {
    /// Inserted as it is (a row code, a number, a cell).
    Text(String),
    /// Rendered in the message's language.
    Message(Box<Message>),
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_string())
    }
}

impl From<usize> for Arg {
    fn from(n: usize) -> Self {
        Arg::Text(n.to_string())
    }
}

impl From<Message> for Arg {
    fn from(m: Message) -> Self {
        Arg::Message(Box::new(m))
    }
}

/// A message: its kind and its arguments.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Message {
    /// What kind of message.
    pub kind: Kind,
    /// The arguments, by name.
    pub args: Vec<(&'static str, Arg)>,
}

impl Message {
    /// A message of `kind` with `args` (each of the kind's parameters once).
    pub fn new<const N: usize>(kind: Kind, args: [(&'static str, Arg); N]) -> Message {
        debug_assert!(
            args.iter().all(|(n, _)| kind.params.contains(n)) && args.len() == kind.params.len(),
            "message {} takes {:?}",
            kind.key,
            kind.params
        );
        Message {
            kind,
            args: args.into_iter().collect(),
        }
    }

    /// The message in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let template = catalogue()
            .get(self.kind.key)
            .and_then(|t| t.get(lang.code()).or_else(|| t.get(Lang::En.code())))
            .map(String::as_str)
            .unwrap_or(self.kind.key);
        let mut out = String::with_capacity(template.len());
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            let (before, after) = rest.split_at(open);
            out.push_str(before);
            // `{{` is a brace (a `}` alone is always one).
            if let Some(tail) = after.strip_prefix("{{") {
                out.push('{');
                rest = tail;
                continue;
            }
            let Some(close) = after.find('}') else {
                out.push_str(after);
                rest = "";
                break;
            };
            let name = after.get(1..close).unwrap_or("");
            match self.args.iter().find(|(n, _)| *n == name) {
                Some((_, Arg::Text(t))) => out.push_str(t),
                Some((_, Arg::Message(m))) => out.push_str(&m.render(lang)),
                None => out.push_str(after.get(..=close).unwrap_or("")),
            }
            rest = after.get(close + 1..).unwrap_or("");
        }
        out.push_str(rest);
        out
    }
}

/// The reason of an error of the operating system, in the catalogue's
/// words for the kinds a user meets (a file not found, permission denied,
/// a full disk); any other in the system's own words.
pub fn io_reason(e: &std::io::Error) -> Message {
    use std::io::ErrorKind as K;
    let kind = match e.kind() {
        K::NotFound => kind::IO_NOT_FOUND,
        K::PermissionDenied => kind::IO_PERMISSION_DENIED,
        K::AlreadyExists => kind::IO_ALREADY_EXISTS,
        K::IsADirectory => kind::IO_IS_A_DIRECTORY,
        K::NotADirectory => kind::IO_NOT_A_DIRECTORY,
        K::StorageFull => kind::IO_STORAGE_FULL,
        K::ReadOnlyFilesystem => kind::IO_READ_ONLY,
        _ => return Message::new(kind::IO_OTHER, [("detail", e.to_string().into())]),
    };
    Message::new(kind, [])
}

/// A message shown where no language is chosen (a library user's `?`, a
/// log): English. The edges render it with [`Message::render`].
impl std::fmt::Display for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

/// A message is the error of the parsers of values (`templates.edizione("SOC27")`),
/// so that the command line can render it in the user's language.
impl std::error::Error for Message {}

/// The catalogue: per kind, per language, the text.
type Catalogue = BTreeMap<String, BTreeMap<String, String>>;

/// The catalogue compiled in: one file per part of scheda
/// (`templates/messages/*.toml`), each with the kinds of its module of
/// [`kind`].
pub const CATALOGUES: &[(&str, &str)] = &[
    ("core", include_str!("../../templates/messages/core.toml")),
    (
        "readers",
        include_str!("../../templates/messages/readers.toml"),
    ),
    ("serve", include_str!("../../templates/messages/serve.toml")),
    ("cli", include_str!("../../templates/messages/cli.toml")),
    (
        "writers",
        include_str!("../../templates/messages/writers.toml"),
    ),
];

/// The catalogue, parsed once.
pub fn catalogue() -> &'static Catalogue {
    static PARSED: OnceLock<Catalogue> = OnceLock::new();
    // A broken built-in catalogue is caught by the tests; at run time it
    // leaves every message in its key.
    PARSED.get_or_init(|| {
        let mut all = Catalogue::new();
        for (_, text) in CATALOGUES {
            all.extend(toml::from_str::<Catalogue>(text).unwrap_or_default());
        }
        all
    })
}

/// Words the CLI prints around messages.
pub fn word(lang: Lang, en: &'static str) -> &'static str {
    match (lang, en) {
        (Lang::It, "error") => "errore",
        (Lang::It, "warning") => "avviso",
        (Lang::It, "hint") => "suggerimento",
        (Lang::It, "row") => "riga",
        (Lang::It, "line") => "riga",
        (Lang::It, "page") => "pagina",
        (Lang::It, "(document root)") => "(l'intero documento)",
        _ => en,
    }
}

/// Each kind of a part as a constant, and `$list` naming them all.
macro_rules! kinds {
    ($list:ident; $($(#[$doc:meta])* $name:ident = $key:literal [$($p:literal),*];)*) => {
        $($(#[$doc])* pub const $name: $crate::messages::Kind =
            $crate::messages::Kind { key: $key, params: &[$($p),*] };)*
        /// Every kind of this part.
        pub const $list: &[$crate::messages::Kind] = &[$($name),*];
    };
}

/// The kinds of message moved to the catalogue, by part of scheda.
pub mod kind {
    mod cli;
    mod core;
    mod readers;
    mod serve;
    mod writers;

    pub use cli::*;
    pub use core::*;
    pub use readers::*;
    pub use serve::*;
    pub use writers::*;

    /// Every kind, for the catalogue's test.
    pub fn all() -> Vec<super::Kind> {
        [CORE, READERS, SERVE, CLI, WRITERS].concat()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    /// Every kind has Italian and English, each using only the kind's
    /// arguments; the catalogue has no kind the code does not emit.
    #[test]
    fn every_kind_has_both_languages_and_only_its_arguments() {
        let mut cat = Catalogue::new();
        for (name, text) in CATALOGUES {
            let part: Catalogue = toml::from_str(text)
                .unwrap_or_else(|e| panic!("templates/messages/{name}.toml: {e}"));
            for key in part.keys() {
                assert!(!cat.contains_key(key), "{key} is in two files");
            }
            cat.extend(part);
        }
        let all = kind::all();
        for k in &all {
            let entry = cat
                .get(k.key)
                .unwrap_or_else(|| panic!("{} is not in the catalogue", k.key));
            for lang in ["it", "en"] {
                let text = entry
                    .get(lang)
                    .unwrap_or_else(|| panic!("{} has no {lang}", k.key));
                let mut rest = text.as_str();
                while let Some(open) = rest.find('{') {
                    if let Some(tail) = rest[open..].strip_prefix("{{") {
                        rest = tail;
                        continue;
                    }
                    let close = rest[open..].find('}').unwrap() + open;
                    let name = &rest[open + 1..close];
                    assert!(
                        k.params.contains(&name),
                        "{} ({lang}) uses {{{name}}}, which the code does not pass",
                        k.key
                    );
                    rest = &rest[close + 1..];
                }
            }
            assert_eq!(entry.len(), 2, "{}: only `it` and `en`", k.key);
        }
        for key in cat.keys() {
            assert!(
                all.iter().any(|k| k.key == key),
                "the catalogue has {key}, which no code emits"
            );
        }
    }

    #[test]
    fn nested_messages_render_in_the_same_language() {
        let place = Message::new(
            kind::EXPECTED_BETWEEN,
            [
                ("prev", "M12".into()),
                ("prev_line", 5.into()),
                ("next", "M18".into()),
                ("next_line", 21.into()),
            ],
        );
        let m = Message::new(
            kind::ROW_NOT_FOUND,
            [("row", "M15".into()), ("place", place.into())],
        );
        assert_eq!(
            m.render(Lang::En),
            "row M15 not found (expected after M12 (line 5) and before M18 (line 21))"
        );
        assert_eq!(
            m.render(Lang::It),
            "riga M15 non trovata (cercata dopo M12 (riga 5 del testo) e prima di M18 (riga 21 del testo))"
        );
    }

    #[test]
    fn languages_of_locales_and_requests() {
        assert_eq!(Lang::of_locale("it_IT.UTF-8"), Some(Lang::It));
        assert_eq!(Lang::of_locale("C.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::of_locale(""), None);
        assert_eq!(Lang::of_accept_language(None), Lang::It);
        assert_eq!(Lang::of_accept_language(Some("en-US,en;q=0.9")), Lang::En);
        assert_eq!(
            Lang::of_accept_language(Some("en;q=0.5,it-IT;q=0.9")),
            Lang::It
        );
        assert_eq!(Lang::of_accept_language(Some("de-DE")), Lang::It);
    }
}
