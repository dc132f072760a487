//! The rest of a row's segment: the lines after its label and column
//! headers ([`RestLine`], [`rest`]), as the row readers take them, and
//! free text made of them ([`paragraphs`]), without the next row's column
//! headers printed above it ([`without_next_headers`]).

use super::context::Ctx;
use super::tags::BLANK;

/// A line of a segment after the label: `tail` for the rest of the line the
/// label ends on, `para` when a blank line comes before it.
#[derive(Debug, Clone)]
pub(super) struct RestLine {
    pub no: usize,
    pub text: String,
    pub tail: bool,
    pub para: bool,
}

/// The lines of the segment after the label and headers. Print furniture is
/// left out, and so are lines of column headers; each marks a break, as a
/// blank line does. For the free-text report only page furniture is left
/// out, and it neither ends nor splits a paragraph: a long report is
/// printed around it.
pub(super) fn rest(ctx: &Ctx, relazione: bool) -> Vec<RestLine> {
    let seg = ctx.seg;
    let mut out = Vec::new();
    let Some(first) = ctx.lines.get(seg.start.line) else {
        return out;
    };
    let tail = first.text.get(seg.start.byte..).unwrap_or("").trim();
    if !tail.is_empty() {
        out.push(RestLine {
            no: first.no,
            text: tail.to_string(),
            tail: true,
            para: false,
        });
    }
    let (mut para, mut after_furniture) = (false, false);
    let lines = ctx.lines.iter().enumerate().take(seg.end);
    for (i, line) in lines.skip(seg.start.line + 1) {
        if line.is_blank() {
            para |= !after_furniture;
            continue;
        }
        let skip = match line.furniture {
            Some(f) if relazione => f.interrupts_text(),
            Some(_) => true,
            None => !relazione && ctx.header_line.get(i).copied().unwrap_or(false),
        };
        if skip {
            // Around page furniture a report goes on; anything else in a
            // row's segment separates what comes before from what follows.
            para = !relazione;
            after_furniture = relazione;
            continue;
        }
        out.push(RestLine {
            no: line.no,
            text: line.text.clone(),
            tail: false,
            para: para && !out.is_empty(),
        });
        para = false;
        after_furniture = false;
    }
    out
}

/// Free text: wrapped lines joined with one space, paragraphs with a line
/// break, runs of white space collapsed; `None` when empty.
pub(super) fn paragraphs<'a>(lines: impl Iterator<Item = &'a RestLine>) -> Option<String> {
    let mut paras: Vec<Vec<&str>> = Vec::new();
    for line in lines {
        if line.para || paras.is_empty() {
            paras.push(Vec::new());
        }
        if let Some(p) = paras.last_mut() {
            p.extend(line.text.split_whitespace().filter(|w| *w != BLANK));
        }
    }
    let text = paras
        .iter()
        .filter(|p| !p.is_empty())
        .map(|p| p.join(" "))
        .collect::<Vec<_>>()
        .join("\n");
    (!text.is_empty()).then_some(text)
}

/// `lines` without those ending them that are the next row's column
/// headers, printed above it (a workbook printed to PDF: `2020 2024`,
/// `Abitanti per assistente sociale (vuoto: NON CALCOLABILE)`).
pub(super) fn without_next_headers(ctx: &Ctx, mut lines: Vec<RestLine>) -> Vec<RestLine> {
    let Some(next) = ctx.next else {
        return lines;
    };
    let headers: Vec<String> = next
        .colonne
        .iter()
        .filter_map(crate::form::sheets::workbook_header)
        .map(|h| super::lines::normalize(&h))
        .collect();
    let years = |text: &str| {
        !next.header_years.is_empty()
            && text
                .split_whitespace()
                .eq(next.header_years.iter().map(String::as_str))
    };
    loop {
        if lines.last().is_some_and(|l| years(&l.text)) {
            lines.pop();
            continue;
        }
        // A header may wrap over a few lines.
        let ending = (1..=3.min(lines.len())).find(|&k| {
            let joined = lines
                .iter()
                .skip(lines.len() - k)
                .map(|l| l.text.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            headers.contains(&joined)
        });
        match ending {
            Some(k) => lines.truncate(lines.len() - k),
            None => return lines,
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_join_wrapped_lines_and_keep_breaks() {
        let line = |text: &str, para| RestLine {
            no: 1,
            text: text.into(),
            tail: false,
            para,
        };
        let lines = [
            line("Il trasferimento  è", false),
            line("cresciuto.", false),
            line(BLANK, false),
            line("Secondo.", true),
        ];
        assert_eq!(
            paragraphs(lines.iter()).as_deref(),
            Some("Il trasferimento è cresciuto.\nSecondo.")
        );
        assert_eq!(paragraphs([line(BLANK, false)].iter()), None);
    }
}
