//! The rows whose one value is a ratio of inhabitants to social workers:
//! R0E at ATS level (`1 assistente sociale ogni: N abitanti`, blank printed
//! as `NON CALCOLABILE`) and R01B in the Comune (`1 assistente ogni : N`,
//! also `1:N`), each as its column's `formato` and `vuoto` say.

use rust_decimal::prelude::ToPrimitive;

use crate::messages::{Message, kind};

use super::context::{Ctx, Diags};
use super::rest::{RestLine, rest, without_next_headers};
use super::tags::BLANK;
use super::tokens::number;

/// What follows `ogni :` or `1:` in a text.
#[derive(Debug, PartialEq, Eq)]
enum Ratio {
    Value(u64),
    Empty,
    Bad(String),
}

/// The first `ogni: N` / `ogni : N` / `1:N` in `text`.
fn ratio(text: &str) -> Option<Ratio> {
    for (i, _) in text.match_indices(':') {
        let before = text[..i].trim_end();
        let word = before
            .rsplit(|c: char| c.is_whitespace() || c == '[' || c == '(')
            .next()
            .unwrap_or("");
        let ogni = word.eq_ignore_ascii_case("ogni");
        if !ogni && word != "1" {
            continue;
        }
        let token = text[i + 1..].split_whitespace().next().unwrap_or("");
        let value = number(token)
            .filter(|v| v.fract().is_zero())
            .and_then(|v| v.to_u64());
        match value {
            Some(v) => return Some(Ratio::Value(v)),
            None if ogni && token.is_empty() => return Some(Ratio::Empty),
            None if ogni => return Some(Ratio::Bad(token.to_string())),
            None => continue,
        }
    }
    None
}

/// A ratio printed as a plain whole number (`4.718`, `1331`): a workbook
/// shows the ratio's N alone, as its cell holds it.
fn plain(text: &str) -> Option<Ratio> {
    let mut tokens = text.split_whitespace();
    let (Some(token), None) = (tokens.next(), tokens.next()) else {
        return None;
    };
    number(token)
        .filter(|v| v.fract().is_zero())
        .and_then(|v| v.to_u64())
        .map(Ratio::Value)
}

/// How the row's one column prints a value (`1 assistente ogni : {}`), and
/// what it prints when blank (`NON CALCOLABILE`).
fn formato(ctx: &Ctx) -> (&'static str, Option<&'static str>) {
    let col = ctx.row.colonne.first();
    let formato = col.and_then(|c| c.formato.as_deref()).unwrap_or("{}");
    (formato, col.and_then(|c| c.vuoto.as_deref()))
}

/// The column's `formato` as a message shows it: `{}` becomes `N`.
fn shape(formato: &str) -> String {
    formato.replace("{}", "N")
}

/// A ratio at ATS level (R0E): its `vuoto` (`NON CALCOLABILE`, null) or its
/// `formato` (`1 assistente sociale ogni: N abitanti`); and whether the text
/// printed anything for it.
pub(super) fn ats(ctx: &Ctx, d: &mut Diags) -> (Option<u64>, bool) {
    let (formato, vuoto) = formato(ctx);
    let lines = without_next_headers(ctx, rest(ctx, false));
    let text = lines
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let text = text.replace(BLANK, " ");
    let blank = vuoto.is_some_and(|v| text.to_uppercase().contains(&v.to_uppercase()));
    if text.trim().is_empty() {
        return (None, false);
    }
    if blank {
        return (None, true);
    }
    let value = match ratio(&text).or_else(|| plain(&text)) {
        Some(Ratio::Value(v)) => Some(v),
        Some(Ratio::Empty) => None,
        _ => {
            let expected = match vuoto {
                Some(v) => Message::new(
                    kind::SHAPE_OR_BLANK,
                    [("vuoto", v.into()), ("shape", shape(formato).into())],
                ),
                None => Message::new(kind::SHAPE, [("shape", shape(formato).into())]),
            };
            d.fail(
                lines.first().map_or(ctx.line_no(), |l| l.no),
                Message::new(
                    kind::RATIO_SHAPE,
                    [
                        ("row", ctx.row.code.into()),
                        ("expected", expected.into()),
                        ("found", text.trim().into()),
                    ],
                ),
                None,
            );
            None
        }
    };
    (value, true)
}

/// A ratio in the Comune (R01B): its `formato` (`1 assistente ogni : N`),
/// also `1:N`. When the segment holds nothing after the label (pdftotext's
/// default mode prints the next row's label straight after it), the value
/// is the line starting as the `formato` does before `ogni` (`1
/// assistente`), or `1:`, in the next row's segment. Also says whether the
/// text printed the ratio at all.
pub(super) fn comune(ctx: &Ctx, d: &mut Diags) -> (Option<u64>, bool) {
    let (formato, _) = formato(ctx);
    let opening = formato.split(" ogni").next().unwrap_or(formato).trim();
    let value_line = |text: &str| text.starts_with(opening) || text.starts_with("1:");
    let mut lines = rest(ctx, false);
    if lines.is_empty() {
        lines = ctx
            .lines
            .iter()
            .skip(ctx.seg.end + 1)
            .take_while(|l| ctx.codes.prefix(&l.text).is_none())
            .filter(|l| value_line(&l.text))
            .take(1)
            .map(|l| RestLine {
                no: l.no,
                text: l.text.clone(),
                tail: false,
                para: false,
            })
            .collect();
    }
    let text = lines
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    // A workbook prints N alone on its line, under a label that may hold
    // the formula (`[1:R03/(R01+R01A)]`).
    let mut found = ratio(&text).or_else(|| lines.iter().rev().find_map(|l| plain(&l.text)));
    // `1 assistente ogni :` ending its line, blank, and a sentence after
    // it (`Va segnalato ...`): the word is not the value.
    let cut = lines
        .iter()
        .any(|l| value_line(&l.text) && l.text.trim_end().ends_with(':'));
    if let Some(Ratio::Bad(token)) = &found
        && cut
        && !token.chars().any(|c| c.is_ascii_digit())
    {
        found = Some(Ratio::Empty);
    }
    let printed = found.is_some();
    let value = match found {
        Some(Ratio::Value(v)) => Some(v),
        Some(Ratio::Empty) | None => {
            let found = lines.iter().find(|l| value_line(&l.text));
            if let Some(line) =
                found.filter(|l| l.text.chars().filter(char::is_ascii_digit).count() > 1)
            {
                d.fail(
                    line.no,
                    Message::new(
                        kind::RATIO_NOT_WHOLE,
                        [
                            ("row", ctx.row.code.into()),
                            ("shape", shape(formato).into()),
                            ("found", line.text.as_str().into()),
                        ],
                    ),
                    None,
                );
            }
            None
        }
        Some(Ratio::Bad(token)) => {
            let no = lines
                .iter()
                .find(|l| l.text.contains(&token))
                .map_or(ctx.line_no(), |l| l.no);
            d.fail(
                no,
                Message::new(
                    kind::RATIO_NOT_A_NUMBER,
                    [
                        ("row", ctx.row.code.into()),
                        ("found", token.as_str().into()),
                        ("shape", shape(formato).into()),
                    ],
                ),
                None,
            );
            None
        }
    };
    (value, printed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_ratios_of_r0e_and_r01b() {
        assert_eq!(
            ratio("1 assistente sociale ogni:  4718 abitanti"),
            Some(Ratio::Value(4718))
        );
        assert_eq!(ratio("1 assistente ogni : 1748"), Some(Ratio::Value(1748)));
        assert_eq!(plain(" 4.718 "), Some(Ratio::Value(4718)));
        assert_eq!(plain("0"), Some(Ratio::Value(0)));
        assert_eq!(plain("4.718 abitanti"), None);
        assert_eq!(plain("2,50"), None);
        assert_eq!(
            ratio("[1:R03/(R01+R01A)] 1:1331 pari a 1 ogni 9"),
            Some(Ratio::Value(1331))
        );
        assert_eq!(ratio("1 assistente ogni :"), Some(Ratio::Empty));
        assert_eq!(
            ratio("1 assistente ogni : abc"),
            Some(Ratio::Bad("abc".into()))
        );
        assert_eq!(ratio("pari a 1 ogni 1331 abitanti"), None);
    }
}
