//! The rows that mix text and numbers, as Quadro 3 has them: a number, a
//! text and a number (R10 and R11: numero, modalità di determinazione della
//! spesa, spesa aggiuntiva) and a text and a number (R12: description, spesa
//! aggiuntiva). Each number is stored as its column's kind requires.
//!
//! The portal page gives one value per field, an empty field as a blank
//! (`0,00 ␀ 0,00`). In pdftotext the cells of the row come on one line,
//! numero first and spesa last (`1,00 Costo orario 2500,00`), and a wrapped
//! text cell goes on, on the lines that follow without a blank line between.
//! What comes after a blank line once a value has been seen (the next
//! heading) is not the row's.

use crate::messages::{Message, kind};
use crate::model::Valore;

use super::context::{Ctx, Diags};
use super::matcher::same_word;
use super::rest::{RestLine, paragraphs, rest};
use super::rows::{Col, col_of};
use super::tokens::{Tok, Val, convert, not_a, tokens, valore};

/// The words of the column headers: a line of nothing else before the
/// values is what is left of headers split in an unexpected order.
const HEADER_WORDS: [&str; 8] = [
    "numero",
    "modalità",
    "modalita",
    "di",
    "determinazione",
    "della",
    "spesa",
    "aggiuntiva",
];

/// One line of a row's region: its tokens, and whether a break comes before.
#[derive(Debug, Clone)]
struct ItemLine {
    toks: Vec<Tok>,
    para: bool,
}

/// The lines of the row's region (see the module documentation).
fn region(ctx: &Ctx) -> Vec<ItemLine> {
    let mut out: Vec<ItemLine> = Vec::new();
    let mut seen_value = false;
    let notes = super::lines::has_notes_column(ctx.lines);
    for line in rest(ctx, false) {
        if line.para && seen_value {
            break;
        }
        let mut toks = tokens(&line.text, line.no);
        if line.tail && !ctx.seg.label_full {
            // What follows an unrecognised label: only the values at its end.
            let run = toks.iter().rev().take_while(|t| t.is_value()).count();
            toks.drain(..toks.len() - run);
        }
        // A workbook's notes column heads its own column: `Note` beside
        // the row's headers is a header too.
        let header_word = |t: &Tok| {
            HEADER_WORDS.iter().any(|w| same_word(&t.text, w))
                || notes && same_word(&t.text, "note")
        };
        let header_words = toks.iter().all(|t| t.val == Val::Word && header_word(t));
        if toks.is_empty() || header_words && !seen_value {
            // Column headers split in an unexpected order: not text.
            continue;
        }
        seen_value |= toks.iter().any(Tok::is_value);
        let para = line.para && !out.is_empty();
        out.push(ItemLine { toks, para });
    }
    out
}

/// Whether the text prints anything for the row (a value, a text, an
/// empty field of the portal page).
pub(super) fn printed(ctx: &Ctx) -> bool {
    !region(ctx).is_empty()
}

/// A region cut into the values before the text, the text and the values
/// after it. When there is no text at all, every value is in `lead`.
#[derive(Debug, Default)]
struct Parts {
    lead: Vec<Tok>,
    text: Vec<ItemLine>,
    trail: Vec<Tok>,
    /// The line of `text` the trailing values were cut from: numbers of
    /// the text among them go back there (a wrapped text's first line ends
    /// beside the amount).
    trail_at: usize,
}

impl Parts {
    fn has_text(&self) -> bool {
        self.text.iter().any(|l| !l.toks.is_empty())
    }

    /// The text, wrapped lines joined, paragraphs kept; `None` when empty.
    fn text(&self, prefix: &[Tok]) -> Option<String> {
        self.text_around(prefix, &[])
    }

    /// The text with numbers that belong to it before (`prefix`) and after
    /// it (`suffix`: `... servizio 2025` followed by the spesa).
    fn text_around(&self, prefix: &[Tok], suffix: &[Tok]) -> Option<String> {
        let mut lines: Vec<RestLine> = Vec::new();
        if !prefix.is_empty() {
            lines.push(rest_line(prefix, false));
        }
        for (i, l) in self.text.iter().enumerate() {
            if i == self.trail_at && !suffix.is_empty() {
                let toks: Vec<Tok> = l.toks.iter().chain(suffix).cloned().collect();
                lines.push(rest_line(&toks, l.para));
            } else {
                lines.push(rest_line(&l.toks, l.para));
            }
        }
        if self.trail_at >= self.text.len() && !suffix.is_empty() {
            lines.push(rest_line(suffix, false));
        }
        paragraphs(lines.iter())
    }
}

fn rest_line(toks: &[Tok], para: bool) -> RestLine {
    RestLine {
        no: toks.first().map_or(0, |t| t.no),
        text: toks
            .iter()
            .map(|t| t.text.as_str())
            .collect::<Vec<_>>()
            .join(" "),
        tail: false,
        para,
    }
}

fn parts(mut region: Vec<ItemLine>) -> Parts {
    if region.iter().all(|l| l.toks.iter().all(Tok::is_value)) {
        return Parts {
            lead: region.into_iter().flat_map(|l| l.toks).collect(),
            ..Parts::default()
        };
    }
    let Some(vi) = region.iter().position(|l| l.toks.iter().any(Tok::is_value)) else {
        return Parts {
            text: region,
            ..Parts::default()
        };
    };
    let (lead, mut trail) = match region.get_mut(vi) {
        Some(line) => {
            let toks = &mut line.toks;
            let lead_len = toks.iter().take_while(|t| t.is_value()).count();
            let lead: Vec<Tok> = toks.drain(..lead_len).collect();
            let trail_len = toks.iter().rev().take_while(|t| t.is_value()).count();
            let trail: Vec<Tok> = toks.drain(toks.len() - trail_len..).collect();
            (lead, trail)
        }
        None => (Vec::new(), Vec::new()),
    };
    let mut trail_at = vi;
    if trail.is_empty()
        && vi + 1 < region.len()
        && let Some(line) = region.last_mut()
    {
        let toks = &mut line.toks;
        let n = toks.iter().rev().take_while(|t| t.is_value()).count();
        trail = toks.drain(toks.len() - n..).collect();
        trail_at = region.len() - 1;
    }
    Parts {
        lead,
        text: region,
        trail,
        trail_at,
    }
}

/// The number in column `i` of the row, as the column stores it; `Err`
/// after reporting.
fn number(
    ctx: &Ctx,
    i: usize,
    tok: Option<&Tok>,
    name: &str,
    d: &mut Diags,
) -> Result<Option<Valore>, ()> {
    let Some(tok) = tok else { return Ok(None) };
    let col = ctx
        .row
        .colonne
        .get(i)
        .and_then(|c| col_of(c.tipo))
        .unwrap_or(Col::Dec2);
    match convert(tok, col) {
        Ok(v) => Ok(v.and_then(|v| valore(v, col))),
        Err(what) => {
            d.fail(tok.no, not_a(ctx.row.code, tok, name, col, what), None);
            Err(())
        }
    }
}

/// A value standing for text (the modalità or description field of the
/// portal page): its text, `None` for an empty field.
fn field_text(tok: &Tok) -> Option<String> {
    (tok.val != Val::Blank).then(|| tok.text.clone())
}

/// R10, R11: numero, modalità di determinazione della spesa, spesa; the
/// values of the row's three columns.
pub(super) fn aggiuntivo(ctx: &Ctx, d: &mut Diags) -> Option<Vec<Option<Valore>>> {
    let parts = parts(region(ctx));
    let values: Vec<&Tok> = parts.lead.iter().chain(&parts.trail).collect();
    let (numero, modalita, spesa) = if !parts.has_text() {
        match values.as_slice() {
            [] => (None, None, None),
            [n, s] => (Some(*n), None, Some(*s)),
            [n, m, s] => (Some(*n), field_text(m), Some(*s)),
            more => {
                d.fail(
                    more.first().map_or(ctx.line_no(), |t| t.no),
                    Message::new(
                        kind::AGGIUNTIVO_COUNT,
                        [("row", ctx.row.code.into()), ("found", more.len().into())],
                    ),
                    None,
                );
                return None;
            }
        }
    } else {
        let text = parts.text(&[]);
        let (first, second) = (values.first().copied(), values.get(1).copied());
        match (parts.lead.len(), parts.trail.len()) {
            (0, 0) => (None, text, None),
            (1, 1) | (2, 0) | (0, 2) => (first, text, second),
            (0, 1) => (None, text, first),
            (1, 0) => (first, text, None),
            // Numbers opening or ending the text belong to it (`12,50 euro
            // l'ora`, `costo orario 2025`): the numero is the first number
            // and the spesa the last.
            (l, t) if l >= 1 && t >= 1 => (
                first,
                parts.text_around(
                    parts.lead.get(1..).unwrap_or_default(),
                    parts.trail.get(..t - 1).unwrap_or_default(),
                ),
                values.last().copied(),
            ),
            _ => {
                d.fail(
                    first.map_or(ctx.line_no(), |t| t.no),
                    Message::new(
                        kind::AGGIUNTIVO_AROUND,
                        [("row", ctx.row.code.into()), ("found", values.len().into())],
                    ),
                    None,
                );
                return None;
            }
        }
    };
    let numero = number(ctx, 0, numero, "numero", d).ok()?;
    let spesa = number(ctx, 2, spesa, "spesa aggiuntiva", d).ok()?;
    Some(vec![numero, modalita.map(Valore::Testo), spesa])
}

/// R12: description of the interventions, spesa; the values of the row's
/// two columns.
pub(super) fn intervento(ctx: &Ctx, d: &mut Diags) -> Option<Vec<Option<Valore>>> {
    let parts = parts(region(ctx));
    let (descrizione, spesa) = if !parts.has_text() {
        match parts.lead.as_slice() {
            [] => (None, None),
            [s] => (None, Some(s)),
            [t, s] => (field_text(t), Some(s)),
            more => {
                d.fail(
                    more.first().map_or(ctx.line_no(), |t| t.no),
                    Message::new(
                        kind::INTERVENTO_COUNT,
                        [("row", ctx.row.code.into()), ("found", more.len().into())],
                    ),
                    None,
                );
                return None;
            }
        }
    } else {
        // Numbers before the text belong to the description.
        let text = parts.text(&parts.lead);
        match parts.trail.as_slice() {
            [] => (text, None),
            [s] => (text, Some(s)),
            // Numbers ending the description belong to it (`... 2025`).
            [extra @ .., s] => (parts.text_around(&parts.lead, extra), Some(s)),
        }
    };
    let spesa = number(ctx, 1, spesa, "spesa aggiuntiva", d).ok()?;
    Some(vec![descrizione.map(Valore::Testo), spesa])
}
