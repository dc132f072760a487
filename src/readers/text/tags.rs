//! The HTML tags of a copied page's form fields (the SOC26 portal page
//! copies the editable fields of Quadro 3 as `<input type="text"
//! value="0,00"/>` and `<input type="text"/>`): each tag becomes its value,
//! or the [`BLANK`] token when the field is empty, so that an empty field
//! keeps its place among the row's values and reads as null, never as zero.

/// The token standing for an empty editable field (`<input type="text"/>`)
/// of the portal page: a blank that occupies a value's place.
pub(super) const BLANK: &str = "\u{E000}";

/// Replace the HTML tags of a copied form field by their value: `<input
/// value="x"/>` by `x`, an input without value by [`BLANK`], a `<textarea>`
/// by its content; `<br>` becomes a space. Other text is left alone.
pub(super) fn replace_tags(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let lower = tail.get(..10).unwrap_or(tail).to_ascii_lowercase();
        let end = tail.find('>').map(|e| e + 1);
        match end {
            Some(end) if lower.starts_with("<input") => {
                let tag = &tail[..end];
                let hidden =
                    attribute(tag, "type").is_some_and(|t| t.eq_ignore_ascii_case("hidden"));
                if !hidden {
                    push_field(
                        &mut out,
                        attribute(tag, "value").map(|v| decode_entities(&v)),
                    );
                }
                rest = &tail[end..];
            }
            Some(end) if lower.starts_with("<textarea") => {
                let body = &tail[end..];
                let close = find_ascii_ci(body, "</textarea>");
                let content = &body[..close.unwrap_or(body.len())];
                push_field(&mut out, Some(decode_entities(content)));
                rest = match close {
                    Some(c) => &body[c + "</textarea>".len()..],
                    None => "",
                };
            }
            Some(end) if lower.starts_with("</textarea") || lower.starts_with("<br") => {
                out.push(' ');
                rest = &tail[end..];
            }
            _ => {
                out.push('<');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A field's value between spaces, or [`BLANK`] when it is empty.
fn push_field(out: &mut String, value: Option<String>) {
    out.push(' ');
    match value {
        Some(v) if !v.trim().is_empty() => out.push_str(v.trim()),
        _ => out.push_str(BLANK),
    }
    out.push(' ');
}

fn find_ascii_ci(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// The value of attribute `name` in a tag (`value="0,00"`, `value='x'`,
/// `value=x`).
fn attribute(tag: &str, name: &str) -> Option<String> {
    let mut from = 0;
    while let Some(found) = find_ascii_ci(&tag[from..], name) {
        let start = from + found;
        from = start + name.len();
        let before_ok = tag[..start]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_whitespace() || c == '\u{a0}');
        let after = tag[from..].trim_start();
        if !before_ok || !after.starts_with('=') {
            continue;
        }
        let value = after[1..].trim_start();
        return Some(match value.chars().next() {
            Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or("").to_string(),
            _ => value
                .split(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '>' || c == '/')
                .next()
                .unwrap_or("")
                .to_string(),
        });
    }
    None
}

/// Decode the HTML character references a copied field value can hold.
fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let decoded = tail.find(';').filter(|&e| e <= 10).and_then(|e| {
            let name = &tail[1..e];
            let c = match name {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                "nbsp" => '\u{a0}',
                "euro" => '€',
                "agrave" => 'à',
                "egrave" => 'è',
                "eacute" => 'é',
                "igrave" => 'ì',
                "ograve" => 'ò',
                "ugrave" => 'ù',
                "Egrave" => 'È',
                _ => {
                    let code = match name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok(),
                        None => name.strip_prefix('#').and_then(|d| d.parse().ok()),
                    };
                    char::from_u32(code?)?
                }
            };
            Some((c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &tail[len..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn input_tags_become_values_or_blanks() {
        let line = "R10 - X\t<input type=\"text\" value=\"0,00\"/>\t<input type=\"text\"/>\t<input type=\"text\" value=\"12,50\"/>";
        assert_eq!(
            replace_tags(line),
            format!("R10 - X\t 0,00 \t {BLANK} \t 12,50 ")
        );
        assert_eq!(
            replace_tags("<input value='Costo &agrave; ore' type=text>"),
            " Costo à ore "
        );
        assert_eq!(replace_tags("<INPUT type=\"hidden\" value=\"7\">x"), "x");
        assert_eq!(replace_tags("<input value=\"\">"), format!(" {BLANK} "));
        assert_eq!(
            replace_tags("<input\u{a0}type=\"text\"\u{a0}value=\"0,00\"/>"),
            " 0,00 "
        );
    }

    #[test]
    fn textareas_give_their_content_and_other_text_stays() {
        assert_eq!(
            replace_tags("<textarea rows=\"4\">Testo &amp; altro</textarea> fine"),
            " Testo & altro  fine"
        );
        assert_eq!(replace_tags("<textarea></textarea>"), format!(" {BLANK} "));
        assert_eq!(replace_tags("a<b e c>d"), "a<b e c>d");
        assert_eq!(replace_tags("uno<br/>due"), "uno due");
    }
}
