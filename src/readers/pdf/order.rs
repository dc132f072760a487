//! Reading order from glyph positions: glyphs become words and lines, lines
//! are cut into fragments at wide gaps, and the fragments of a page are read
//! by recursive XY-cut: wherever a band of white space crosses the whole
//! region from side to side, the parts above and below are read one after
//! the other; else, where one crosses it from top to bottom, the part on
//! the left is read, then the rest (which may divide into rows again); a
//! region neither cut divides is read line by line. Two kinds of columns
//! read line by line all the same: the cells of a table right of a label
//! (headers on one line, each value under its header, no white space
//! between), and a column of short answers in words beside the questions
//! they answer.
//!
//! On the form this reads as the official PDF reads through `pdftotext`:
//! row after row (white space between rows crosses the page), and in a row
//! its label, then its column headers (each header a cell of its own), then
//! its values; the side band naming the Quadro comes apart from the rows.
//! The order of the content stream plays no part: a PDF whose generator
//! draws its text in any order reads the same.

use super::glyphs::Glyph;

/// A run of glyphs on one baseline with no wide gap: a word group that
/// reads as one piece of text.
#[derive(Debug, Clone)]
struct Fragment {
    text: String,
    x0: f64,
    x1: f64,
    /// Baseline.
    y: f64,
    size: f64,
}

impl Fragment {
    fn top(&self) -> f64 {
        self.y - 0.8 * self.size
    }
    fn bottom(&self) -> f64 {
        self.y + 0.2 * self.size
    }
}

/// A gap between words, in ems of the smaller size: wider ones separate
/// words with a space.
const WORD_GAP: f64 = 0.12;
/// A gap between glyphs on one baseline, in ems, that separates fragments
/// (cells of a table, columns).
const COLUMN_GAP: f64 = 1.0;
/// White space between two parts above one another that cuts a region, in
/// ems of the smaller size on either side (lines of one paragraph are
/// closer).
const ROW_CUT: f64 = 0.3;
/// White space between two parts side by side that cuts a region, in ems.
const COLUMN_CUT: f64 = 0.9;

/// The text of one page: one line per line of a region, regions in reading
/// order separated by a blank line.
pub(super) fn page_text(glyphs: &[Glyph]) -> String {
    page_lines(glyphs)
        .into_iter()
        .map(|(_, t)| t)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The lines of one page in reading order (see [`page_text`]), each with
/// the baseline of its first piece; the blank line between two regions has
/// none.
pub(crate) fn page_lines(glyphs: &[Glyph]) -> Vec<(Option<f64>, String)> {
    let fragments = fragments(glyphs);
    let left = fragments.iter().map(|f| f.x0).fold(f64::INFINITY, f64::min);
    let right = fragments
        .iter()
        .map(|f| f.x1)
        .fold(f64::NEG_INFINITY, f64::max);
    let measure = right - left;
    let mut blocks = Vec::new();
    cut(fragments, &mut blocks, 0, false);
    // Blocks of one line on one baseline that follow one another (the
    // values of a row, cell by cell) make one line, as pdftotext prints
    // them (`0,00 0,00`).
    let mut merged: Vec<Block> = Vec::new();
    for block in blocks {
        match (merged.last_mut(), block.baseline) {
            (Some(last), Some((y, size)))
                if last
                    .baseline
                    .is_some_and(|(y0, s0)| (y0 - y).abs() < 0.3 * s0.min(size)) =>
            {
                if let (Some(line), Some((_, text))) = (last.lines.last_mut(), block.lines.first())
                {
                    line.1.push(' ');
                    line.1.push_str(text);
                }
                last.extent = None;
            }
            _ => merged.push(block),
        }
    }
    let mut out = Vec::new();
    let mut before: Option<(f64, f64, f64, f64)> = None;
    for (i, block) in merged.into_iter().enumerate() {
        let this = block
            .extent
            .zip(block.baseline)
            .map(|(e, b)| (e.0, e.1, b.0, b.1));
        if i > 0 && !wrapped(before, this, measure) {
            out.push((None, String::new()));
        }
        before = this;
        out.extend(block.lines.into_iter().map(|(y, t)| (Some(y), t)));
    }
    out
}

/// Whether two lines, each a region of its own, are lines of one paragraph
/// set with wide leading (a report engine's free text): the first fills
/// the page's measure (`measure`, from the leftmost to the rightmost text)
/// as a wrapped line does, both start at one left edge, in one size, and
/// the second is the next line down. Each line is `(x0, x1, baseline,
/// size)`, of one fragment.
fn wrapped(
    first: Option<(f64, f64, f64, f64)>,
    next: Option<(f64, f64, f64, f64)>,
    measure: f64,
) -> bool {
    let (Some((x0, x1, y, size)), Some((nx0, _, ny, nsize))) = (first, next) else {
        return false;
    };
    (size - nsize).abs() < 0.05 * size
        && (x0 - nx0).abs() < 0.5 * size
        && ny > y
        && ny - y < WRAPPED_LEADING * size
        && x1 - x0 >= WRAPPED_FILL * measure
}

/// The widest leading, in ems, of the lines of one paragraph.
const WRAPPED_LEADING: f64 = 1.8;
/// How much of the page's measure a wrapped line fills, at least.
const WRAPPED_FILL: f64 = 0.75;

/// A region read as text, line by line with their baselines, and its
/// baseline and size when it is one line.
struct Block {
    lines: Vec<(f64, String)>,
    baseline: Option<(f64, f64)>,
    /// Left and right edges of a one-line region of one fragment.
    extent: Option<(f64, f64)>,
}

/// The fragments of a page: glyphs grouped into lines by baseline and size,
/// each line split where a gap is wider than [`COLUMN_GAP`].
fn fragments(glyphs: &[Glyph]) -> Vec<Fragment> {
    let mut sorted: Vec<&Glyph> = glyphs
        .iter()
        .filter(|g| g.size > 0.0 && g.x.is_finite() && g.y.is_finite())
        .collect();
    sorted.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    // Lines: consecutive glyphs (by baseline) within a third of an em.
    let mut lines: Vec<Vec<&Glyph>> = Vec::new();
    for g in sorted {
        match lines.last_mut() {
            Some(line)
                if line
                    .first()
                    .is_some_and(|f| (f.y - g.y).abs() < 0.3 * f.size.min(g.size)) =>
            {
                line.push(g)
            }
            _ => lines.push(vec![g]),
        }
    }
    let mut out = Vec::new();
    for mut line in lines {
        line.sort_by(|a, b| a.x.total_cmp(&b.x));
        let mut current: Option<Fragment> = None;
        let mut end = f64::NEG_INFINITY;
        for g in line {
            let blank = g.text.trim().is_empty();
            let starts_new = match &current {
                None => !blank,
                Some(f) => !blank && g.x - end > COLUMN_GAP * f.size.min(g.size),
            };
            if starts_new {
                out.extend(current.take().map(finish));
                current = Some(Fragment {
                    text: g.text.clone(),
                    x0: g.x,
                    x1: g.x + g.advance,
                    y: g.y,
                    size: g.size,
                });
                end = g.x + g.advance;
                continue;
            }
            // A drawn space, or a glyph close enough to go on the fragment.
            let Some(f) = current.as_mut() else {
                continue;
            };
            if (blank || g.x - end > WORD_GAP * f.size.min(g.size)) && !f.text.ends_with(' ') {
                f.text.push(' ');
            }
            if !blank {
                f.text.push_str(&g.text);
                f.x1 = g.x + g.advance;
                f.size = f.size.max(g.size);
            }
            end = end.max(g.x + g.advance);
        }
        out.extend(current.map(finish));
    }
    out
}

fn finish(mut f: Fragment) -> Fragment {
    let trimmed = f.text.trim_end().len();
    f.text.truncate(trimmed);
    f
}

/// Read `region` into `blocks` by XY-cut (see the module documentation).
/// `beside` says that the region stands right of a part read before it
/// (a row's headers and values, beside its label).
fn cut(region: Vec<Fragment>, blocks: &mut Vec<Block>, depth: usize, beside: bool) {
    if region.is_empty() {
        return;
    }
    if depth < 64 {
        if let Some(parts) = split(&region, Axis::Rows) {
            for part in parts {
                cut(part, blocks, depth + 1, false);
            }
            return;
        }
        if let Some(mut parts) = split(&region, Axis::Columns) {
            if let Some(bands) = parts.first().and_then(|codes| code_bands(codes, &region)) {
                for band in bands {
                    cut(band, blocks, depth + 1, false);
                }
                return;
            }
            if beside && is_table(&parts) || answers_beside(&parts) {
                blocks.push(lines_of(region));
                return;
            }
            // Side by side, only the leftmost part comes apart: what is
            // right of it may still divide into rows first (a row's headers
            // above its values, beside its label).
            let first = parts.remove(0);
            cut(first, blocks, depth + 1, false);
            cut(
                parts.into_iter().flatten().collect(),
                blocks,
                depth + 1,
                true,
            );
            return;
        }
    }
    blocks.push(lines_of(region));
}

/// Rows that touch, each with its code in a column of its own at the left
/// (a workbook printed to PDF: `R01` beside the label wrapped above it and
/// the values on its line, the next row's headers above that row's code):
/// when every line of the leftmost part `codes` from its first code on
/// starts with a row code (`M12`, `M12 - Utenti ...`; or is the word
/// `Codice` of a table header), `region` comes apart into one band per
/// code, from under the code before down to the code's line, the part
/// under the last code going with it. `None` when `codes` is not such a
/// column or holds fewer than two codes.
fn code_bands(codes: &[Fragment], region: &[Fragment]) -> Option<Vec<Vec<Fragment>>> {
    let starts_code = |f: &Fragment| f.text.split(' ').next().is_some_and(is_code);
    let mut left: Vec<&Fragment> = codes.iter().collect();
    left.sort_by(|a, b| a.y.total_cmp(&b.y));
    // Lines above the first code (a heading, a table's header) go with it;
    // from the first code on, every line starts with a code.
    let first = left.iter().position(|f| starts_code(f))?;
    if !left
        .iter()
        .skip(first)
        .all(|f| starts_code(f) || f.text == "Codice")
    {
        return None;
    }
    let coded: Vec<Fragment> = left
        .iter()
        .filter(|f| starts_code(f))
        .map(|f| (*f).clone())
        .collect();
    let lines = baselines(&coded);
    if lines.len() < 2 {
        return None;
    }
    let mut bands: Vec<Vec<Fragment>> = vec![Vec::new(); lines.len()];
    for f in region {
        let at = lines
            .iter()
            .position(|(y, size)| f.y < y + 0.3 * size.min(f.size))
            .unwrap_or(lines.len() - 1);
        if let Some(band) = bands.get_mut(at) {
            band.push(f.clone());
        }
    }
    Some(bands)
}

/// A row code printed alone: a capital letter, then capitals and digits,
/// at least one digit, two to five characters (`R01`, `M12`, `R0E`, `R01B`).
fn is_code(text: &str) -> bool {
    (2..=5).contains(&text.len())
        && text.starts_with(|c: char| c.is_ascii_uppercase())
        && text
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        && text.bytes().any(|b| b.is_ascii_digit())
}

/// The baselines of a part, top to bottom (fragments within a third of an
/// em share one).
fn baselines(part: &[Fragment]) -> Vec<(f64, f64)> {
    let mut ys: Vec<(f64, f64)> = part.iter().map(|f| (f.y, f.size)).collect();
    ys.sort_by(|a, b| a.0.total_cmp(&b.0));
    ys.dedup_by(|b, a| (b.0 - a.0).abs() < 0.3 * a.1.min(b.1));
    ys
}

/// Whether columns side by side, with no white space between their lines,
/// are the cells of a table: each a header on one line, with a number
/// under it or nothing (`2020` over `1,00`, `2024` over `1,00`). They read
/// line by line, headers first, then values, not column after column. (A
/// label beside its headers has text on its second line; headers over
/// two lines are read column after column, each whole.)
fn is_table(parts: &[Vec<Fragment>]) -> bool {
    let lines: Vec<Vec<(f64, f64)>> = parts.iter().map(|p| baselines(p)).collect();
    let Some(top) = lines.first().and_then(|l| l.first()).copied() else {
        return false;
    };
    let on = |a: (f64, f64), b: (f64, f64)| (a.0 - b.0).abs() < 0.3 * a.1.min(b.1);
    let value_under = |part: &[Fragment], l: &[(f64, f64)]| match l {
        [_] => true,
        [_, bottom] => part
            .iter()
            .filter(|f| on((f.y, f.size), *bottom))
            .all(|f| is_number(&f.text)),
        _ => false,
    };
    lines.len() >= 2
        && lines.iter().any(|l| l.len() == 2)
        && parts
            .iter()
            .zip(&lines)
            .all(|(part, l)| l.first().is_some_and(|f| on(*f, top)) && value_under(part, l))
}

/// Whether a fragment is a number as a form prints one (`1,00`,
/// `321178,98`, `4,81%`, `- 3`).
fn is_number(text: &str) -> bool {
    text.chars().any(|c| c.is_ascii_digit())
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '%' | '-' | '+' | ' ' | '€'))
}

/// Longest answer, in characters, printed in a column beside the labels
/// it answers (`SI`, `NO`, `Non so`).
const ANSWER_CHARS: usize = 12;

/// Whether the part right of the first is a column of short answers in
/// words (no digits: not values under headers), each on a baseline of a
/// line of the first part (`R24 - Diseconomie di scala ...   NO`): each
/// reads on the line it answers.
fn answers_beside(parts: &[Vec<Fragment>]) -> bool {
    let [labels, answers] = parts else {
        return false;
    };
    let lines = baselines(labels);
    answers.len() >= 2
        && lines.len() >= 2
        && answers.iter().all(|a| {
            a.text.chars().count() <= ANSWER_CHARS
                && !a.text.chars().any(|c| c.is_ascii_digit())
                && lines
                    .iter()
                    .any(|(y, size)| (y - a.y).abs() < 0.3 * size.min(a.size))
        })
}

#[derive(Clone, Copy)]
enum Axis {
    /// Cut by white space crossing from side to side: parts top to bottom.
    Rows,
    /// Cut by white space crossing from top to bottom: parts left to right.
    Columns,
}

/// The parts of `region` on either side of every cut along `axis`, in
/// reading order, or `None` when there is no cut.
fn split(region: &[Fragment], axis: Axis) -> Option<Vec<Vec<Fragment>>> {
    let span = |f: &Fragment| match axis {
        Axis::Rows => (f.top(), f.bottom()),
        Axis::Columns => (f.x0, f.x1),
    };
    let mut order: Vec<&Fragment> = region.iter().collect();
    order.sort_by(|a, b| span(a).0.total_cmp(&span(b).0));
    let mut parts: Vec<Vec<Fragment>> = vec![Vec::new()];
    let mut reach = f64::NEG_INFINITY;
    let mut reach_size = 0.0_f64;
    for f in order {
        let (start, end) = span(f);
        if parts.last().is_some_and(|last| !last.is_empty()) {
            let em = reach_size.min(f.size);
            let needed = match axis {
                Axis::Rows => ROW_CUT * em,
                Axis::Columns => COLUMN_CUT * em,
            };
            if start - reach > needed {
                parts.push(Vec::new());
            }
        }
        if end > reach {
            reach = end;
            reach_size = f.size;
        }
        if let Some(last) = parts.last_mut() {
            last.push(f.clone());
        }
    }
    if parts.len() < 2 {
        return None;
    }
    Some(parts)
}

/// A region no cut divides, line by line (top to bottom, left to right).
fn lines_of(mut region: Vec<Fragment>) -> Block {
    let extent = match region.as_slice() {
        [f] => Some((f.x0, f.x1)),
        _ => None,
    };
    region.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    let mut lines: Vec<(f64, f64, String)> = Vec::new();
    for f in region {
        match lines.last_mut() {
            Some((y, size, text)) if (*y - f.y).abs() < 0.3 * size.min(f.size) => {
                text.push(' ');
                text.push_str(&f.text);
            }
            _ => lines.push((f.y, f.size, f.text)),
        }
    }
    let baseline = match lines.as_slice() {
        [(y, size, _)] => Some((*y, *size)),
        _ => None,
    };
    Block {
        lines: lines.into_iter().map(|(y, _, t)| (y, t)).collect(),
        baseline,
        extent,
    }
}
