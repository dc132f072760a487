//! Output names: a pattern of placeholders filled from the form
//! ([`NamePattern`]), file names safe on every operating system
//! ([`sanitize`]) and made unique in input order ([`Namer`]).
//!
//! A name is the same on every OS: no path separator, no `..`, no control
//! or bidirectional-format character, none of Windows' reserved characters
//! (`<>:"/\|?*`) nor its reserved device names (`CON`, `NUL`, `COM1`, ...,
//! also with an extension), no leading or trailing dot or space, at most
//! [`MAX_STEM_BYTES`] bytes. Two names that differ only in case are the
//! same name (they are one file on Windows and macOS).

use crate::messages::{Message, kind};
use std::collections::HashSet;
use std::fmt;
use std::path::Path;
use std::str::FromStr;

use crate::model::Scheda;

/// The longest file stem written (bytes of UTF-8, before `-2` and the
/// extension), well under every file system's limit of 255 even with the
/// temporary name's additions.
pub const MAX_STEM_BYTES: usize = 120;

/// What replaces a character a file name cannot hold.
const REPLACEMENT: char = '_';

/// The name given to a form when nothing else names it.
const FALLBACK: &str = "scheda";

/// One piece of information about a form that a name can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Denominazione,
    Codice,
    Provincia,
    Edizione,
    Anno,
    Input,
    Riga,
}

impl Field {
    const ALL: [(&'static str, Field); 7] = [
        ("denominazione", Field::Denominazione),
        ("codice", Field::Codice),
        ("provincia", Field::Provincia),
        ("edizione", Field::Edizione),
        ("anno", Field::Anno),
        ("input", Field::Input),
        ("riga", Field::Riga),
    ];
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Text(String),
    Field(Field),
}

/// How outputs are named (`--name '{codice}-{denominazione}'`): literal text
/// and placeholders in braces, `{{` and `}}` for a brace. The placeholders
/// are `denominazione`, `codice`, `provincia`, `edizione`, `anno`, `input`
/// (the input file's name without its extension) and `riga` (the row of a
/// workbook or the line of a JSON Lines file; empty for a file of one
/// form). A placeholder whose value is blank is left empty; a name that
/// comes out empty falls back to the default one.
///
/// The default pattern is the Comune's name (`{denominazione}`), or, when a
/// form has none, the input's name (`{input}`, `{input}-{riga}` for a row).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NamePattern {
    /// `None`: the default pattern.
    parts: Option<Vec<Part>>,
}

impl FromStr for NamePattern {
    type Err = Message;

    fn from_str(pattern: &str) -> Result<Self, Self::Err> {
        let mut parts = Vec::new();
        let mut text = String::new();
        let mut chars = pattern.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                    text.push('{');
                }
                '}' if chars.peek() == Some(&'}') => {
                    chars.next();
                    text.push('}');
                }
                '{' => {
                    let mut name = String::new();
                    loop {
                        match chars.next() {
                            Some('}') => break,
                            Some(c) => name.push(c),
                            None => {
                                return Err(Message::new(
                                    kind::NAME_PATTERN_UNCLOSED,
                                    [("name", name.into())],
                                ));
                            }
                        }
                    }
                    let key = name.trim().to_lowercase();
                    let field = Field::ALL
                        .iter()
                        .find(|(k, _)| *k == key)
                        .map(|(_, f)| *f)
                        .ok_or_else(|| {
                            let known = Field::ALL
                                .iter()
                                .map(|(k, _)| format!("{{{k}}}"))
                                .collect::<Vec<_>>()
                                .join(", ");
                            Message::new(
                                kind::NAME_PATTERN_UNKNOWN,
                                [("name", name.clone().into()), ("known", known.into())],
                            )
                        })?;
                    if !text.is_empty() {
                        parts.push(Part::Text(std::mem::take(&mut text)));
                    }
                    parts.push(Part::Field(field));
                }
                '}' => return Err(Message::new(kind::NAME_PATTERN_LONE_BRACE, [])),
                c => text.push(c),
            }
        }
        if !text.is_empty() {
            parts.push(Part::Text(text));
        }
        if parts.is_empty() {
            return Err(Message::new(kind::NAME_PATTERN_EMPTY, []));
        }
        Ok(NamePattern { parts: Some(parts) })
    }
}

impl fmt::Display for NamePattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some(parts) = &self.parts else {
            return f.write_str("{denominazione}");
        };
        for part in parts {
            match part {
                Part::Text(t) => f.write_str(&t.replace('{', "{{").replace('}', "}}"))?,
                Part::Field(field) => {
                    let name = Field::ALL
                        .iter()
                        .find(|(_, f)| f == field)
                        .map_or("", |(k, _)| k);
                    write!(f, "{{{name}}}")?;
                }
            }
        }
        Ok(())
    }
}

impl NamePattern {
    /// The file stem (name without extension) of `form`, read from `input`
    /// (at `riga` when the input holds many forms): safe, but not yet
    /// unique ([`Namer`] makes it so).
    pub fn stem(&self, form: &Scheda, input: &Path, riga: Option<u32>) -> String {
        let named = self.parts.as_ref().map_or_else(
            || value(Field::Denominazione, form, input, riga),
            |parts| {
                let expanded: String = parts
                    .iter()
                    .map(|part| match part {
                        Part::Text(t) => t.clone(),
                        Part::Field(f) => value(*f, form, input, riga),
                    })
                    .collect();
                sanitize(&expanded).unwrap_or_default()
            },
        );
        if !named.is_empty() {
            return named;
        }
        fallback(input, riga)
    }
}

/// The name of a form that names nothing: the input's stem, with its row.
pub fn fallback(input: &Path, riga: Option<u32>) -> String {
    let stem = input_stem(input);
    let stem = if stem.is_empty() {
        FALLBACK.to_string()
    } else {
        stem
    };
    match riga {
        Some(r) => sanitize(&format!("{stem}-{r}")).unwrap_or_else(|| FALLBACK.into()),
        None => stem,
    }
}

/// The input's file name without its extension, made safe.
fn input_stem(input: &Path) -> String {
    input
        .file_stem()
        .and_then(|s| sanitize(&s.to_string_lossy()))
        .unwrap_or_default()
}

/// One placeholder's value, made safe (empty when blank).
fn value(field: Field, form: &Scheda, input: &Path, riga: Option<u32>) -> String {
    let text = match field {
        Field::Denominazione => form.ente.denominazione.clone(),
        Field::Codice => form.ente.codice.clone(),
        Field::Provincia => form.ente.provincia.clone(),
        Field::Edizione => Some(form.edizione.code().to_string()),
        Field::Anno => Some(form.anno.to_string()),
        Field::Input => Some(input_stem(input)),
        Field::Riga => riga.map(|r| r.to_string()),
    };
    text.and_then(|t| sanitize(&t)).unwrap_or_default()
}

/// Windows' reserved device names: a file whose name is one of these, with
/// or without an extension, cannot be made there.
const RESERVED: [&str; 4] = ["CON", "PRN", "AUX", "NUL"];

fn is_reserved(stem: &str) -> bool {
    let base = stem
        .split('.')
        .next()
        .unwrap_or("")
        .trim_end()
        .to_uppercase();
    if RESERVED.contains(&base.as_str()) {
        return true;
    }
    match base
        .strip_prefix("COM")
        .or_else(|| base.strip_prefix("LPT"))
    {
        Some(n) => {
            let mut chars = n.chars();
            matches!(
                (chars.next(), chars.next()),
                (Some('0'..='9' | '¹' | '²' | '³'), None)
            )
        }
        None => false,
    }
}

/// Whether a file name cannot hold `c`, on some operating system, or should
/// not (an invisible character that reorders or hides text).
fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '<' | '>' | ':' | '"' | '/' | '\\' | '|' | '?' | '*')
        || matches!(
            c,
            '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}'
        )
}

/// `text` as a file stem that is safe on every OS (see the module's
/// documentation); `None` when nothing usable is left.
pub fn sanitize(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut last = None;
    for c in text.chars() {
        // Runs of white space become one space, runs of dots one dot: no `..`.
        let c = if c.is_whitespace() {
            ' '
        } else if is_unsafe(c) {
            REPLACEMENT
        } else {
            c
        };
        if (c == ' ' || c == '.') && last == Some(c) {
            continue;
        }
        out.push(c);
        last = Some(c);
    }
    let trim = |s: &str| {
        s.trim_matches(|c: char| c == '.' || c.is_whitespace())
            .to_string()
    };
    let mut out = trim(&out);
    if out.len() > MAX_STEM_BYTES {
        let mut end = MAX_STEM_BYTES;
        while !out.is_char_boundary(end) {
            end -= 1;
        }
        out = trim(&out[..end]);
    }
    if out.is_empty() {
        return None;
    }
    if is_reserved(&out) {
        out.insert(0, REPLACEMENT);
    }
    Some(out)
}

/// Makes stems unique, in the order they are asked for: the first
/// `SONDRIO` keeps its name, the next is `SONDRIO-2`, then `SONDRIO-3`.
/// Names are compared without case. A name can also be reserved before
/// (an input in the output folder, the report), so that no output takes it.
#[derive(Debug, Default)]
pub struct Namer {
    /// Every file name given or reserved, lower case.
    taken: HashSet<String>,
}

impl Namer {
    /// A namer with nothing taken.
    pub fn new() -> Self {
        Namer::default()
    }

    /// Keep `file_name` (with its extension) from every output.
    pub fn reserve(&mut self, file_name: &str) {
        self.taken.insert(file_name.to_lowercase());
    }

    /// A stem, `stem` or `stem-N` with the smallest N from 2, none of whose
    /// files (`stem.ext` for each of `extensions`) is taken; they are taken
    /// from now on.
    pub fn unique(&mut self, stem: &str, extensions: &[&str]) -> String {
        let files = |s: &str| -> Vec<String> {
            extensions
                .iter()
                .map(|ext| format!("{s}.{ext}").to_lowercase())
                .collect()
        };
        let mut candidate = stem.to_string();
        let mut n = 1u64;
        while files(&candidate).iter().any(|f| self.taken.contains(f)) {
            n += 1;
            candidate = format!("{stem}-{n}");
        }
        self.taken.extend(files(&candidate));
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Edizione;

    #[test]
    fn unsafe_names_become_safe_ones() {
        let s = |t: &str| sanitize(t);
        assert_eq!(s("SONDRIO").as_deref(), Some("SONDRIO"));
        assert_eq!(s("CANTÙ").as_deref(), Some("CANTÙ"));
        assert_eq!(s("A/B\\C").as_deref(), Some("A_B_C"));
        assert_eq!(s("../../etc/passwd").as_deref(), Some("_._etc_passwd"));
        assert_eq!(s("..").as_deref(), None);
        assert_eq!(s(" . ").as_deref(), None);
        assert_eq!(s("").as_deref(), None);
        assert_eq!(s("a..b").as_deref(), Some("a.b"));
        assert_eq!(s("C:*?\"<>|").as_deref(), Some("C_______"));
        assert_eq!(s("tab\there\u{7}").as_deref(), Some("tab here_"));
        assert_eq!(s("x\u{202E}fdp.exe").as_deref(), Some("x_fdp.exe"));
        assert_eq!(s("CON").as_deref(), Some("_CON"));
        assert_eq!(s("nul.txt").as_deref(), Some("_nul.txt"));
        assert_eq!(s("com1").as_deref(), Some("_com1"));
        assert_eq!(s("LPT9 ").as_deref(), Some("_LPT9"));
        assert_eq!(s("COM10").as_deref(), Some("COM10"));
        assert_eq!(s("CONSELVE").as_deref(), Some("CONSELVE"));
        assert_eq!(s("name. ").as_deref(), Some("name"));
        assert_eq!(s("/").as_deref(), Some("_"));
        let long = "È".repeat(100);
        let cut = s(&long).unwrap();
        assert!(cut.len() <= MAX_STEM_BYTES && cut.chars().all(|c| c == 'È'));
    }

    #[test]
    fn patterns_fill_placeholders_and_refuse_unknown_ones() {
        let mut form = Scheda::empty(Edizione::builtin("SOC25"));
        form.ente.denominazione = Some("SONDRIO".into());
        form.ente.provincia = Some("SO".into());
        let input = Path::new("dir/ambito.xlsx");
        let p = |t: &str| t.parse::<NamePattern>().unwrap();
        assert_eq!(NamePattern::default().stem(&form, input, None), "SONDRIO");
        assert_eq!(
            p("{edizione}-{denominazione} ({provincia})").stem(&form, input, Some(7)),
            "SOC25-SONDRIO (SO)"
        );
        assert_eq!(
            p("{input}_{riga}_{anno}").stem(&form, input, Some(7)),
            "ambito_7_2024"
        );
        assert_eq!(p("{{x}}/{codice}").stem(&form, input, None), "{x}_");
        assert_eq!(p("{codice}").stem(&form, input, Some(3)), "ambito-3");
        form.ente.denominazione = None;
        assert_eq!(
            NamePattern::default().stem(&form, input, Some(3)),
            "ambito-3"
        );
        assert_eq!(NamePattern::default().stem(&form, input, None), "ambito");
        let err = "{comune}".parse::<NamePattern>().unwrap_err();
        assert!(
            err.to_string()
                .starts_with("unknown placeholder `{comune}`"),
            "{err}"
        );
        assert!(
            err.render(crate::messages::Lang::It).starts_with(
                "segnaposto sconosciuto `{comune}`; i segnaposto sono {denominazione}, "
            ),
            "{err}"
        );
        assert!("{codice".parse::<NamePattern>().is_err());
        assert!("a}b".parse::<NamePattern>().is_err());
        assert_eq!(
            p("{codice}-{denominazione}").to_string(),
            "{codice}-{denominazione}"
        );
    }

    #[test]
    fn names_are_unique_without_case_in_order() {
        let mut namer = Namer::new();
        namer.reserve("report.csv");
        namer.reserve("Tirano.pdf");
        assert_eq!(namer.unique("SONDRIO", &["pdf"]), "SONDRIO");
        assert_eq!(namer.unique("Sondrio", &["pdf"]), "Sondrio-2");
        assert_eq!(namer.unique("SONDRIO", &["pdf", "json"]), "SONDRIO-3");
        assert_eq!(namer.unique("TIRANO", &["pdf"]), "TIRANO-2");
        assert_eq!(namer.unique("report", &["pdf"]), "report");
        assert_eq!(namer.unique("report", &["csv"]), "report-2");
    }
}
