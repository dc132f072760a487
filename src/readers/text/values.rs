//! Reading one row's values from its segment (see `flow`): the numbers of a
//! numeric row, a question's answer, free text; the ratios
//! ([`super::ratios`]) and Quadro 3's rows ([`super::quadro3`]) are read
//! apart.
//!
//! Numbers come from *value lines*: lines made of numbers (or of numbers
//! with a stray word, which is then reported as not a number). Other lines
//! after the label (sentences, headers printed in another order) are not
//! data. The numbers printed in the column headers (`2020 2024`, a `2024`
//! above R03) are told from values by the row's known headers: bare header
//! numbers before the values are dropped, and so are extra numbers that are
//! exactly the row's header years before the values or the next row's after
//! them. What is left must be one number per column, or none at all (a
//! blank row reads as null, never as zero).

use rust_decimal::Decimal;

use crate::diagnostic::Severity;
use crate::messages::{Arg, Message, kind};
use crate::model::{FieldError, Scheda, Valore};

use super::context::{Ctx, Diags};
use super::quadro3;
use super::ratios;
use super::rest::{RestLine, paragraphs, rest, without_next_headers};
use super::rows::Kind;
use super::tokens::{NEGATIVE_COUNT, Tok, Val, all_numbers, convert, not_a, tokens, valore};

/// The value tokens of a segment, in order (see the module documentation).
fn value_tokens(ctx: &Ctx, rest: &[RestLine], n: usize) -> Vec<Tok> {
    let mut out = Vec::new();
    let short = n + ctx.row.header_years.len();
    for line in rest {
        let toks = tokens(&line.text, line.no);
        let lead = toks.iter().take_while(|t| t.is_value()).count();
        if lead == n
            && n > 0
            && toks.len() > lead
            && (!line.tail || ctx.seg.label_full)
            && super::lines::has_notes_column(ctx.lines)
        {
            // The row's values, then words only: a note beside them (a
            // workbook's notes column, `8,69 precompilato dal Ministero`).
            if toks.iter().skip(lead).all(|t| !t.is_value()) {
                out.extend(toks.into_iter().take(lead));
                continue;
            }
        }
        if line.tail && !ctx.seg.label_full {
            // What follows an unrecognised label: only the numbers at its end.
            let run = toks.iter().rev().take_while(|t| t.is_value()).count();
            out.extend(toks.iter().skip(toks.len() - run).cloned());
        } else if line.tail && toks.len() <= short
            || toks.iter().filter(|t| t.is_value()).count() * 2 > toks.len()
        {
            // After a recognised label, on its line, come the values.
            out.extend(toks);
        }
    }
    if out.is_empty() && n > 0 {
        // A short line where the values belong, with something that is not a
        // number in it: a value that cannot be read, not a sentence.
        let first = rest.iter().find(|l| ctx.seg.label_full || !l.tail);
        if let Some(line) = first {
            let toks = tokens(&line.text, line.no);
            let number = toks.iter().any(Tok::is_value);
            let digit = line.text.chars().any(|c| c.is_ascii_digit());
            if number && toks.len() <= n + 3 || toks.len() <= n && (toks.len() == 1 || digit) {
                out = toks;
            }
        }
    }
    out
}

/// `toks` without `years` where each year comes right before a value that
/// is not a year (a header above its value, read column by column); `None`
/// when they do not come so.
fn without_interleaved(toks: &[Tok], years: &[String]) -> Option<Vec<Tok>> {
    let mut out = Vec::with_capacity(toks.len());
    let mut pending = years.iter().peekable();
    let mut i = 0;
    while let Some(tok) = toks.get(i) {
        let next_is_value = toks
            .get(i + 1)
            .is_some_and(|n| n.is_value() && !years.contains(&n.text));
        if pending.peek().is_some_and(|y| **y == tok.text) && next_is_value {
            pending.next();
            if let Some(value) = toks.get(i + 1) {
                out.push(value.clone());
            }
            i += 2;
        } else {
            out.push(tok.clone());
            i += 1;
        }
    }
    pending.peek().is_none().then_some(out)
}

/// Whether `part` appears in `whole` in order (not necessarily contiguous).
fn subsequence(part: &[&str], whole: &[String]) -> bool {
    let mut it = whole.iter();
    part.iter().all(|p| it.any(|w| w == p))
}

/// What the text gave for a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Printed {
    /// Something where the row's values belong: values, empty fields of the
    /// portal page, `NON CALCOLABILE`, or something reported as an error.
    Something,
    /// Nothing at all where the row's values belong.
    Nothing,
}

/// The numbers of a numeric row as read.
enum Numbers {
    /// One per column.
    Values(Vec<Option<Decimal>>),
    /// The text prints no value for the row.
    Nothing,
    /// An error was reported.
    Failed,
}

/// Read the numbers of a numeric row, one per column.
fn numbers(ctx: &Ctx, d: &mut Diags) -> Numbers {
    let row = ctx.row;
    let cols = row.columns();
    let n = cols.len();
    let rest = rest(ctx, false);
    let mut toks = value_tokens(ctx, &rest, n);
    // Blank cells beyond the row's columns are columns the row does not
    // have (a workbook's notes column, the headers of the rows above, read
    // as a grid): the last first.
    while toks.len() > n && toks.last().is_some_and(|t| t.val == Val::Blank) {
        toks.pop();
    }
    while toks.len() > n && toks.first().is_some_and(|t| t.val == Val::Blank) {
        toks.remove(0);
    }
    let texts = |t: &[Tok]| t.iter().map(|t| t.text.clone()).collect::<Vec<_>>();
    let years = &row.header_years;
    if row.bare && !years.is_empty() && texts(&toks).starts_with(years) {
        toks.drain(..years.len());
    }
    // The next row's column headers printed above it, at the end of this
    // row's segment (`2017 2021` before R07): never this row's values, also
    // when this row lost its own.
    if let Some(next) = ctx.next {
        let ahead = &next.header_years;
        let (len, k) = (toks.len(), ahead.len());
        if k > 0 && (len == k || len == n + k) && texts(&toks).ends_with(ahead) {
            toks.truncate(len - k);
        }
    }
    // Each column's header printed above its value and read column by
    // column (`2020` / `1,00` / `2024` / `1,00`): the header years come
    // out between the values.
    // The first header may have been matched as such after the label:
    // the years left are the last ones.
    let excess = toks.len().saturating_sub(n);
    if (1..=years.len()).contains(&excess) && !texts(&toks).starts_with(years) {
        let left = years.get(years.len() - excess..).unwrap_or_default();
        if let Some(kept) = without_interleaved(&toks, left) {
            toks = kept;
        }
    }
    if toks.len() > n {
        let excess = toks.len() - n;
        let all = texts(&toks);
        let lead: Vec<&str> = all.iter().take(excess).map(String::as_str).collect();
        let trail: Vec<&str> = all.iter().skip(n).map(String::as_str).collect();
        if subsequence(&lead, years) {
            toks.drain(..excess);
        } else if ctx
            .next
            .is_some_and(|next| subsequence(&trail, &next.header_years))
        {
            toks.truncate(n);
        }
    }
    if toks.is_empty() {
        return Numbers::Nothing;
    }
    if toks.len() != n {
        d.errors.push(wrong_count(ctx, &toks));
        return Numbers::Failed;
    }
    let mut out = Vec::with_capacity(n);
    let mut ok = true;
    for (tok, column) in toks.iter().zip(cols) {
        let (name, col) = (&column.name, column.col);
        match convert(tok, col) {
            Ok(v) => out.push(v),
            Err(what) if what == NEGATIVE_COUNT => {
                ok = false;
                let message = Message::new(
                    kind::VALUE_NEGATIVE_COUNT,
                    [
                        ("row", row.code.into()),
                        ("name", name.as_str().into()),
                        ("found", tok.text.as_str().into()),
                    ],
                );
                d.fail(tok.no, message, Some(Message::new(kind::COUNT_HINT, [])));
            }
            Err(what) => {
                ok = false;
                d.fail(tok.no, not_a(row.code, tok, name, col, what), None);
            }
        }
    }
    if ok {
        Numbers::Values(out)
    } else {
        Numbers::Failed
    }
}

/// The error for a row with a wrong count of values (`toks`, not empty).
/// Values on two lines of their own are named line by line: one of them may
/// be another row's, moved.
fn wrong_count(ctx: &Ctx, toks: &[Tok]) -> crate::Diagnostic {
    let row = ctx.row;
    let cols = row.columns();
    let n = cols.len();
    let names: Vec<&str> = cols.iter().map(|c| c.name.as_str()).collect();
    let expected = if n == 1 {
        Message::new(kind::EXPECTED_VALUE, [("names", names.join(", ").into())])
    } else {
        Message::new(
            kind::EXPECTED_VALUES,
            [("n", n.into()), ("names", names.join(", ").into())],
        )
    };
    // The tokens, line by line.
    let mut by_line: Vec<(usize, Vec<&str>)> = Vec::new();
    for t in toks {
        match by_line.last_mut() {
            Some((no, words)) if *no == t.no => words.push(&t.text),
            _ => by_line.push((t.no, vec![t.text.as_str()])),
        }
    }
    let first = by_line.first().map_or(ctx.line_no(), |(no, _)| *no);
    let on_label_line = first == ctx.line_no();
    let at = crate::Location::line(first);
    if by_line.len() > 1 && !on_label_line {
        let each = by_line
            .iter()
            .rev()
            .map(|(no, words)| {
                Message::new(
                    kind::VALUES_ON_LINE,
                    [("values", words.join(" ").into()), ("line", (*no).into())],
                )
            })
            .reduce(|rest, first| {
                Message::new(kind::LIST, [("first", first.into()), ("rest", rest.into())])
            });
        let message = Message::new(
            kind::ROW_COUNT_LINES,
            [
                ("row", row.code.into()),
                ("expected", expected.into()),
                ("found", toks.len().into()),
                ("nlines", by_line.len().into()),
                ("each", each.map_or(Arg::from(""), Arg::from)),
            ],
        );
        let hint = Message::new(kind::ROW_COUNT_LINES_HINT, []);
        return crate::Diagnostic::coded(Severity::Error, message, Some(hint)).at(at);
    }
    let all: Vec<&str> = toks.iter().map(|t| t.text.as_str()).collect();
    let message = Message::new(
        kind::ROW_COUNT,
        [
            ("row", row.code.into()),
            ("expected", expected.into()),
            ("found", toks.len().into()),
            ("values", all.join(" ").into()),
        ],
    );
    let hint = Message::new(kind::ROW_COUNT_HINT, []);
    crate::Diagnostic::coded(Severity::Error, message, Some(hint)).at(at)
}

/// Store the values of a row in the model, one per column of the
/// description, through the model's field registry (a row the model has no
/// typed field for goes to [`Scheda::altre`]).
pub(super) fn store_cells(ctx: &Ctx, cells: Vec<Option<Valore>>, s: &mut Scheda, d: &mut Diags) {
    for (i, cell) in cells.into_iter().enumerate() {
        let campo = ctx.row.campo(i);
        if let Err(e) = s.set_valore(ctx.row.code, campo, cell) {
            let field = campo.map_or(String::new(), |c| format!(" `{c}`"));
            let message = match e {
                FieldError::NoSuchField => Message::new(
                    kind::STORE_NO_FIELD,
                    [("row", ctx.row.code.into()), ("field", field.into())],
                ),
                FieldError::WrongKind(what) => Message::new(
                    kind::STORE_WRONG_KIND,
                    [
                        ("row", ctx.row.code.into()),
                        ("field", field.into()),
                        ("what", what.to_string().into()),
                    ],
                ),
            };
            d.fail(ctx.line_no(), message, None);
        }
    }
}

/// Store the numbers of a numeric row in the model.
pub(super) fn store(ctx: &Ctx, v: &[Option<Decimal>], s: &mut Scheda, d: &mut Diags) {
    let cells = ctx
        .row
        .columns()
        .iter()
        .enumerate()
        .map(|(i, c)| v.get(i).copied().flatten().and_then(|n| valore(n, c.col)))
        .collect();
    store_cells(ctx, cells, s, d);
}

/// Read one row's values into the model; says whether the text printed
/// anything for the row (questions and the report always count as printed:
/// they are left blank as a matter of course).
pub(super) fn read_row(ctx: &Ctx, s: &mut Scheda, d: &mut Diags) -> Printed {
    let errors = d.errors.len();
    let text = |t: Option<String>| vec![t.map(Valore::Testo)];
    let (cells, printed) = match ctx.row.kind {
        Kind::Numeri => match numbers(ctx, d) {
            Numbers::Values(v) => {
                store(ctx, &v, s, d);
                return Printed::Something;
            }
            Numbers::Nothing => return Printed::Nothing,
            Numbers::Failed => return Printed::Something,
        },
        Kind::Testo => {
            let lines = without_next_headers(ctx, rest(ctx, false));
            let value = paragraphs(lines.iter().filter(|l| ctx.seg.label_full || !l.tail));
            let printed = value.is_some();
            (text(value), printed)
        }
        Kind::RapportoAts => {
            let (value, printed) = ratios::ats(ctx, d);
            (vec![value.map(Valore::Intero)], printed)
        }
        Kind::Rapporto => {
            let (value, printed) = ratios::comune(ctx, d);
            (vec![value.map(Valore::Intero)], printed)
        }
        Kind::Aggiuntivo | Kind::Intervento if !quadro3::printed(ctx) => {
            return Printed::Nothing;
        }
        Kind::Aggiuntivo => match quadro3::aggiuntivo(ctx, d) {
            Some(cells) => (cells, true),
            None => return Printed::Something,
        },
        Kind::Intervento => match quadro3::intervento(ctx, d) {
            Some(cells) => (cells, true),
            None => return Printed::Something,
        },
        Kind::Sino => match answer(ctx, d) {
            Some(a) => (vec![Some(Valore::SiNo(a))], true),
            None => return Printed::Something,
        },
        Kind::Relazione => {
            let lines = rest(ctx, true);
            let value = paragraphs(lines.iter().filter(|l| ctx.seg.label_full || !l.tail));
            (text(value), true)
        }
        Kind::Ignota => {
            let tipi: Vec<&str> = ctx.row.colonne.iter().map(|c| c.tipo.name()).collect();
            let message = Message::new(
                kind::ROW_UNREADABLE,
                [
                    ("row", ctx.row.code.into()),
                    ("columns", tipi.join(", ").into()),
                ],
            );
            d.fail(ctx.line_no(), message, None);
            return Printed::Something;
        }
    };
    store_cells(ctx, cells, s, d);
    if printed || d.errors.len() > errors {
        Printed::Something
    } else {
        Printed::Nothing
    }
}

/// `SI` / `NO` (also `Sì`, `si`, `No`) as an answer.
fn yes_no(token: &str, any_case: bool) -> Option<bool> {
    let t = if any_case {
        token.to_uppercase()
    } else {
        token.to_string()
    };
    match t.as_str() {
        "SI" | "SÌ" => Some(true),
        "NO" => Some(false),
        _ => None,
    }
}

/// A Quadro 4 question's answer: `SI` or `NO` right after the code (IFEL),
/// on a line of its own, or closing a line; `None` when unanswered.
fn answer(ctx: &Ctx, d: &mut Diags) -> Option<bool> {
    let seg = ctx.seg;
    let mut found: Vec<(bool, usize, String)> = Vec::new();
    let code_line = ctx.lines.get(seg.anchor)?;
    let after = code_line
        .text
        .get(seg.code_end.byte..)
        .unwrap_or("")
        .trim_start();
    let after_toks: Vec<&str> = after.trim_start_matches('-').split_whitespace().collect();
    if let Some((a, t)) = after_toks
        .first()
        .and_then(|t| yes_no(t, false).map(|a| (a, t)))
    {
        found.push((a, code_line.no, t.to_string()));
    }
    for line in ctx.lines.iter().take(seg.end).skip(seg.anchor) {
        if line.furniture.is_some() || line.is_blank() {
            continue;
        }
        let toks: Vec<&str> = line.text.split_whitespace().collect();
        let is_code_line = std::ptr::eq(line, code_line);
        let hit = if is_code_line {
            (after_toks.len() > 1)
                .then(|| after_toks.last().and_then(|t| yes_no(t, false)))
                .flatten()
        } else if let [one] = toks.as_slice() {
            yes_no(one, true)
        } else {
            toks.last().and_then(|t| yes_no(t, false))
        };
        match hit {
            Some(a) => found.push((a, line.no, toks.last().unwrap_or(&"").to_string())),
            None if !is_code_line && all_numbers(&line.text) => d.caution(
                line.no,
                Message::new(
                    kind::ANSWER_SKIPPED,
                    [
                        ("text", line.text.as_str().into()),
                        ("row", ctx.row.code.into()),
                    ],
                ),
                None,
            ),
            None => {}
        }
    }
    match found.as_slice() {
        [] => None,
        [(a, _, _)] => Some(*a),
        [(_, l1, t1), (_, l2, t2), ..] => {
            let message = Message::new(
                kind::TWO_ANSWERS,
                [
                    ("row", ctx.row.code.into()),
                    ("first", t1.as_str().into()),
                    ("first_line", (*l1).into()),
                    ("second", t2.as_str().into()),
                    ("second_line", (*l2).into()),
                ],
            );
            d.fail(*l2, message, None);
            None
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_si_or_no() {
        assert_eq!(yes_no("SI", false), Some(true));
        assert_eq!(yes_no("Sì", true), Some(true));
        assert_eq!(yes_no("no", true), Some(false));
        assert_eq!(yes_no("Si", false), None);
        assert_eq!(yes_no("SIA", true), None);
    }
}
