//! Reading order from glyph positions: glyphs become words and lines, lines
//! are cut into fragments at wide gaps, and the fragments of a page are read
//! by recursive XY-cut: wherever a band of white space crosses the whole
//! region from side to side, the parts above and below are read one after
//! the other; else, where one crosses it from top to bottom, the part on
//! the left is read, then the rest (which may divide into rows again); a
//! region neither cut divides is read line by line.
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
    let fragments = fragments(glyphs);
    let mut blocks = Vec::new();
    cut(fragments, &mut blocks, 0);
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
                last.text.push(' ');
                last.text.push_str(&block.text);
            }
            _ => merged.push(block),
        }
    }
    merged
        .into_iter()
        .map(|b| b.text)
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// A region read as text, with its baseline and size when it is one line.
struct Block {
    text: String,
    baseline: Option<(f64, f64)>,
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
fn cut(region: Vec<Fragment>, blocks: &mut Vec<Block>, depth: usize) {
    if region.is_empty() {
        return;
    }
    if depth < 64 {
        if let Some(parts) = split(&region, Axis::Rows) {
            for part in parts {
                cut(part, blocks, depth + 1);
            }
            return;
        }
        if let Some(parts) = split(&region, Axis::Columns) {
            for part in parts {
                cut(part, blocks, depth + 1);
            }
            return;
        }
    }
    blocks.push(lines_of(region));
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
    // Side by side, only the leftmost part comes apart: what is right of it
    // may still divide into rows first (a row's headers above its values,
    // beside its label).
    if let Axis::Columns = axis {
        let first = parts.remove(0);
        let rest = parts.into_iter().flatten().collect();
        return Some(vec![first, rest]);
    }
    Some(parts)
}

/// A region no cut divides, line by line (top to bottom, left to right).
fn lines_of(mut region: Vec<Fragment>) -> Block {
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
        text: lines
            .into_iter()
            .map(|(_, _, t)| t)
            .collect::<Vec<_>>()
            .join("\n"),
        baseline,
    }
}
