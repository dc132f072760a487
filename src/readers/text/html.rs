//! A web page of the form as a browser saves it ("Salva pagina con nome",
//! `.html`): read as the text the page shows, the way a browser's "select
//! all, copy" gives it and the portal's copied page reads (see [`tags`]):
//! each table row on a line of its own, its cells apart by tabs, a block
//! (a paragraph, a heading, a `div`) on lines of its own, the text's runs
//! of white space as one space; what the page does not show (its head,
//! scripts, styles) is left out. The form's fields keep their values: a
//! text field becomes the `<input value="…"/>` tag the copied page holds,
//! a list the option chosen, a text area its lines.
//!
//! The HTML is split into tags and text by html5gum (the WHATWG
//! tokenizer: character references, comments, raw text elements, broken
//! markup as browsers take it); no tree is built, since the text needs only
//! the order of things.
//!
//! [`tags`]: super::tags

use html5gum::{Token, Tokenizer};

/// Whether `text` is an HTML page rather than the text of one: it starts
/// (after white space and a byte-order mark) with a doctype, an `<html>`
/// tag, or a comment or `<head>` followed by one.
pub(super) fn is_page(text: &str) -> bool {
    let start = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    let head: String = start.chars().take(512).collect::<String>().to_lowercase();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || ((head.starts_with("<!--") || head.starts_with("<head") || head.starts_with("<meta"))
            && (head.contains("<html") || head.contains("<body") || head.contains("<table")))
}

/// Whether `page` says, in its `<meta>`, that it is in Windows-1252 or in
/// Latin-1 (which Windows-1252 reads alike): the bytes that are not UTF-8
/// are then what the page says they are, not a guess.
pub(super) fn says_windows_1252(page: &str) -> bool {
    let head: String = page
        .chars()
        .take(4096)
        .collect::<String>()
        .to_ascii_lowercase();
    head.split("charset=").skip(1).any(|rest| {
        let name: String = rest
            .trim_start_matches(['"', '\''])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect();
        matches!(
            name.as_str(),
            "windows-1252" | "cp1252" | "iso-8859-1" | "latin1" | "latin-1" | "us-ascii"
        )
    })
}

/// Elements whose content the page does not show.
const HIDDEN: [&[u8]; 8] = [
    b"head",
    b"script",
    b"style",
    b"template",
    b"noscript",
    b"title",
    b"iframe",
    b"svg",
];

/// Elements that stand on lines of their own.
const BLOCKS: &[&[u8]] = &[
    b"address",
    b"article",
    b"aside",
    b"blockquote",
    b"body",
    b"caption",
    b"center",
    b"dd",
    b"details",
    b"dialog",
    b"div",
    b"dl",
    b"dt",
    b"fieldset",
    b"figcaption",
    b"figure",
    b"footer",
    b"form",
    b"h1",
    b"h2",
    b"h3",
    b"h4",
    b"h5",
    b"h6",
    b"header",
    b"hr",
    b"legend",
    b"li",
    b"main",
    b"nav",
    b"ol",
    b"p",
    b"pre",
    b"section",
    b"summary",
    b"table",
    b"tbody",
    b"tfoot",
    b"thead",
    b"tr",
    b"ul",
];

/// Input types that hold no value of the form.
const NOT_VALUES: [&str; 8] = [
    "hidden", "submit", "button", "reset", "image", "file", "checkbox", "radio",
];

/// The text `page` shows, in lines.
pub(super) fn text_of(page: &str) -> String {
    let mut out = Text::default();
    // The hidden elements open (their content is left out), the list being
    // read, the text area being read.
    let mut hidden: Vec<Vec<u8>> = Vec::new();
    let mut list: Option<List> = None;
    let mut area: Option<String> = None;
    for token in Tokenizer::new(page).flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = tag.name.to_ascii_lowercase();
                let attribute = |key: &str| {
                    tag.attributes
                        .get(key.as_bytes())
                        .map(|v| String::from_utf8_lossy(v).into_owned())
                };
                if !hidden.is_empty() || HIDDEN.contains(&name.as_slice()) {
                    if HIDDEN.contains(&name.as_slice()) && !tag.self_closing {
                        hidden.push(name);
                    }
                    continue;
                }
                match name.as_slice() {
                    b"br" => out.newline(true),
                    b"tr" => {
                        out.newline(false);
                        out.first_cell = true;
                    }
                    b"td" | b"th" => {
                        if !out.first_cell {
                            out.tab();
                        }
                        out.first_cell = false;
                    }
                    b"input" => {
                        let kind = attribute("type").unwrap_or_default().to_ascii_lowercase();
                        if !NOT_VALUES.contains(&kind.as_str()) {
                            out.field(attribute("value").as_deref());
                        }
                    }
                    b"textarea" => area = Some(String::new()),
                    b"select" => list = Some(List::default()),
                    b"option" => {
                        if let Some(list) = list.as_mut() {
                            list.options.push(String::new());
                            if attribute("selected").is_some() {
                                list.chosen = Some(list.options.len() - 1);
                            }
                        }
                    }
                    b"img" => {
                        if let Some(alt) = attribute("alt") {
                            out.text(&alt);
                        }
                    }
                    other if is_block(other) => out.newline(false),
                    _ => {}
                }
            }
            Token::EndTag(tag) => {
                let name = tag.name.to_ascii_lowercase();
                if !hidden.is_empty() {
                    if hidden.last() == Some(&name) {
                        hidden.pop();
                    }
                    continue;
                }
                match name.as_slice() {
                    b"textarea" => {
                        if let Some(content) = area.take() {
                            out.area(&content);
                        }
                    }
                    b"select" => {
                        if let Some(list) = list.take() {
                            out.field(
                                list.chosen
                                    .and_then(|i| list.options.get(i))
                                    .map(|o| o.trim()),
                            );
                        }
                    }
                    b"tr" => {
                        out.newline(false);
                        out.first_cell = true;
                    }
                    other if is_block(other) => out.newline(false),
                    _ => {}
                }
            }
            Token::String(text) => {
                if !hidden.is_empty() {
                    continue;
                }
                let text = String::from_utf8_lossy(&text);
                if let Some(content) = area.as_mut() {
                    content.push_str(&text);
                } else if let Some(list) = list.as_mut() {
                    if let Some(option) = list.options.last_mut() {
                        option.push_str(&text);
                    }
                } else {
                    out.text(&text);
                }
            }
            _ => {}
        }
    }
    out.finish()
}

fn is_block(name: &[u8]) -> bool {
    BLOCKS.contains(&name)
}

/// A `<select>` being read: its options' texts and the one chosen.
#[derive(Default)]
struct List {
    options: Vec<String>,
    chosen: Option<usize>,
}

/// The text being written.
#[derive(Default)]
struct Text {
    out: String,
    /// No cell of the current table row written yet.
    first_cell: bool,
    /// A space is owed before the next text on the line.
    space: bool,
}

impl Text {
    /// A run of the page's text: its white space as one space, none at
    /// the start of a line or of a cell.
    fn text(&mut self, text: &str) {
        for (i, word) in text
            .split(|c: char| c.is_ascii_whitespace() || c == '\u{a0}')
            .enumerate()
        {
            if i > 0 {
                self.space = true;
            }
            if word.is_empty() {
                continue;
            }
            if self.space && !self.out.is_empty() && !self.out.ends_with(['\n', '\t']) {
                self.out.push(' ');
            }
            self.space = false;
            self.out.push_str(word);
        }
    }

    /// End the line (`always`: even an empty one, for a `<br>`).
    fn newline(&mut self, always: bool) {
        self.space = false;
        trim_end_spaces(&mut self.out);
        if always || !(self.out.is_empty() || self.out.ends_with('\n')) {
            self.out.push('\n');
        }
    }

    fn tab(&mut self) {
        self.space = false;
        trim_end_spaces(&mut self.out);
        self.out.push('\t');
    }

    /// A form field holding `value` (none: an empty field), as the copied
    /// page writes it.
    fn field(&mut self, value: Option<&str>) {
        self.separate();
        match value {
            Some(v) => {
                self.out.push_str("<input type=\"text\" value=\"");
                self.out.push_str(&escape(v));
                self.out.push_str("\"/>");
            }
            None => self.out.push_str("<input type=\"text\"/>"),
        }
    }

    /// A text area holding `content`: its lines, as they are (a free text
    /// such as the report of R16 reads as the lines that follow its label).
    fn area(&mut self, content: &str) {
        if content.trim().is_empty() {
            return;
        }
        self.newline(false);
        for line in content.trim_matches(['\r', '\n']).lines() {
            self.out.push_str(line.trim_end());
            self.out.push('\n');
        }
        self.space = false;
    }

    /// A space before a field that follows text on its line.
    fn separate(&mut self) {
        if !self.out.is_empty() && !self.out.ends_with(['\n', '\t', ' ']) {
            self.out.push(' ');
        }
        self.space = false;
    }

    fn finish(mut self) -> String {
        self.newline(false);
        self.out
    }
}

fn trim_end_spaces(s: &mut String) {
    let kept = s.trim_end_matches(' ').len();
    s.truncate(kept);
}

/// `value` with the characters that would end a tag's attribute escaped.
fn escape(value: &str) -> String {
    value
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_told_from_the_text_of_one() {
        assert!(is_page("\u{feff}\n  <!DOCTYPE html>\n<html>"));
        assert!(is_page("<HTML lang=\"it\">"));
        assert!(is_page(
            "<!-- saved from url=(0042)https://example.it -->\n<html>"
        ));
        assert!(!is_page(
            "SOC25 - SOCIALE\nM12 - Utenti\t<input type=\"text\"/>"
        ));
        assert!(!is_page("<input type=\"text\" value=\"1\"/>"));
    }

    #[test]
    fn a_page_in_windows_1252_says_so_in_its_meta() {
        assert!(says_windows_1252(
            "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">"
        ));
        assert!(says_windows_1252("<meta charset=\"ISO-8859-1\">"));
        assert!(!says_windows_1252("<meta charset=\"utf-8\">"));
        assert!(!says_windows_1252("<p>charset=latin2</p>"));
    }

    #[test]
    fn rows_cells_blocks_and_fields_come_out_as_the_page_shows_them() {
        let page = r#"<!DOCTYPE html><html><head><title>T</title>
            <style>td { color: red }</style><script>var x = "<td>";</script></head>
            <body><h1>SOC25 -   SOCIALE</h1><div>Quadro&nbsp;1</div>
            <table><tr><th></th><th>Numero di utenti</th><th>Ore</th></tr>
            <tr><td>M12 - Utenti famiglia
                e minori</td><td>1.131</td><td><input type="text" value="4&amp;5"></td></tr>
            <tr><td>R01</td><td><input type="text"></td><td><input type="hidden" value="x"></td></tr>
            </table><p>R16<br>una<br>relazione</p>
            <select><option>SI</option><option selected>NO</option></select>
            <textarea>riga 1
riga 2 &lt;</textarea></body></html>"#;
        assert_eq!(
            text_of(page),
            "SOC25 - SOCIALE\nQuadro 1\n\tNumero di utenti\tOre\n\
             M12 - Utenti famiglia e minori\t1.131\t<input type=\"text\" value=\"4&amp;5\"/>\n\
             R01\t<input type=\"text\"/>\t\nR16\nuna\nrelazione\n\
             <input type=\"text\" value=\"NO\"/>\nriga 1\nriga 2 <\n"
        );
    }
}
