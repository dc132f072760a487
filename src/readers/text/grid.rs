//! `pdftotext -layout` of a page whose rows touch: a printed web page, a
//! workbook exported to PDF, a report engine's grid. With no white space
//! between rows, reading by position ([`super::columns`]) cannot tell one
//! row from the next; read as a grid of lines instead:
//!
//! - each line is cut into cells at runs of two spaces or more; the cells
//!   that start left of the first value printed beside a row code are the
//!   label's, the others headers or values;
//! - a row starts at its code; a label's lines without a code above or
//!   below it (a cell wrapped upwards, as a workbook aligns cells at the
//!   bottom, or downwards, as a web page aligns them at the top) go with the
//!   row whose known label they continue;
//! - header lines (words right of the labels) go with the row below them,
//!   lines of numbers with the row above; the headers are gathered into
//!   columns by position, and each value takes the column it stands under,
//!   so that a blank cell keeps its place ([`BLANK`]); rows without headers
//!   of their own share those of the row above (a group of Quadro 1).
//!
//! What comes out is each row's label, its headers column by column, then
//! its values, as `pdftotext` prints the form; every line keeps the number
//! of the input line it comes from.

use std::collections::BTreeMap;

use crate::model::Edizione;

use super::tags::BLANK;

/// A cell: a run of text with single spaces, and the character columns it
/// spans.
#[derive(Debug, Clone)]
struct Cell {
    x0: usize,
    x1: usize,
    text: String,
}

impl Cell {
    fn mid(&self) -> f64 {
        (self.x0 + self.x1) as f64 / 2.0
    }
}

/// One input line cut into cells.
#[derive(Debug, Default)]
struct GridLine {
    no: usize,
    cells: Vec<Cell>,
    /// The row code the line starts with, as the model names it, and as
    /// printed.
    code: Option<(&'static str, String)>,
    /// Cells in the labels' part of the page.
    left: Vec<Cell>,
    /// Cells right of it.
    right: Vec<Cell>,
    /// The right cells as values: numbers, then maybe a note in words.
    values: Option<(Vec<Cell>, Vec<String>)>,
    /// Words right of the labels that are not values: column headers.
    header: bool,
}

/// The rows' codes with their spellings and the words of their labels, in
/// every known edition, and the words of their column headers.
struct Labels(Vec<Known>, BTreeMap<&'static str, Vec<String>>);

/// A row's code, its spellings and the words of each of its labels.
type Known = (&'static str, Vec<&'static str>, Vec<Vec<String>>);

/// A word of a label that stands for a value filled in by the edition
/// (`{anno}`): any word matches it.
const ANY: &str = "\u{0}";

impl Labels {
    fn of(editions: &[Edizione]) -> Labels {
        let mut out: Vec<Known> = Vec::new();
        let mut headers: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
        for ed in editions {
            let d = ed.description();
            for (_, r) in d.righe() {
                let words = headers.entry(r.codice.as_str()).or_default();
                for c in &r.colonne {
                    for h in c.intestazione.iter().chain(&c.varianti) {
                        words.extend(h.split_whitespace().map(str::to_lowercase));
                    }
                }
            }
            let rows = d
                .righe()
                .map(|(_, r)| {
                    let mut labels = vec![r.etichetta.as_str()];
                    labels.extend(r.varianti.iter().map(String::as_str));
                    (r.codice.as_str(), labels)
                })
                .chain(d.domande().map(|(c, l)| (c, vec![l])));
            for (code, labels) in rows {
                let words: Vec<Vec<String>> = labels.iter().map(|l| label_words(l)).collect();
                match out.iter_mut().find(|(c, _, _)| *c == code) {
                    Some((_, spellings, known)) => {
                        spellings.extend(d.spellings_of(code));
                        known.extend(words);
                    }
                    None => out.push((code, d.spellings_of(code), words)),
                }
            }
        }
        for (_, spellings, _) in &mut out {
            // Longest first: `R01A` before `R01`.
            spellings.sort_by_key(|s| std::cmp::Reverse(s.len()));
            spellings.dedup();
        }
        out.sort_by_key(|(c, _, _)| std::cmp::Reverse(c.len()));
        Labels(out, headers)
    }

    /// Whether every word of `text` is a word of `code`'s column headers.
    fn headers_only(&self, code: &str, text: &str) -> bool {
        let known = self.1.get(code);
        text.split_whitespace()
            .all(|w| known.is_some_and(|k| k.iter().any(|h| *h == w.to_lowercase())))
    }

    /// The code a cell starts with (as the model names it, and as printed).
    fn code(&self, text: &str) -> Option<(&'static str, String)> {
        self.0.iter().find_map(|(code, spellings, _)| {
            spellings.iter().find_map(|s| {
                let rest = text.strip_prefix(s)?;
                (!rest.starts_with(|c: char| c.is_alphanumeric()))
                    .then(|| (*code, (*s).to_string()))
            })
        })
    }

    /// Whether `text` is a run of words of one of `code`'s labels.
    fn continues(&self, code: &str, text: &str) -> bool {
        let part: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
        if part.is_empty() {
            return true;
        }
        self.0
            .iter()
            .filter(|(c, _, _)| *c == code)
            .flat_map(|(_, _, labels)| labels)
            .any(|label| {
                label.windows(part.len()).any(|w| {
                    w.iter()
                        .zip(&part)
                        .all(|(l, p)| l == p || l.as_str() == ANY)
                })
            })
    }
}

/// A label's words, lower case, a placeholder as [`ANY`].
fn label_words(label: &str) -> Vec<String> {
    label
        .split_whitespace()
        .map(|w| {
            if w.contains('{') {
                ANY.to_string()
            } else {
                w.to_lowercase()
            }
        })
        .collect()
}

/// Whether a cell is a number as a form prints one (`1.234,50`, `4,81%`).
fn is_number(text: &str) -> bool {
    let body = text.strip_prefix(['-', '+']).unwrap_or(text);
    let body = body.strip_suffix('%').unwrap_or(body);
    body.chars().any(|c| c.is_ascii_digit())
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
}

/// Whether a cell is a year (`2024`), as column headers print them.
fn is_year(text: &str) -> bool {
    text.len() == 4
        && (text.starts_with("19") || text.starts_with("20"))
        && text.bytes().all(|b| b.is_ascii_digit())
}

/// The cells of a line: runs of text with single spaces between words.
fn cells(line: &str) -> Vec<Cell> {
    let chars: Vec<char> = line.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars.get(i).is_some_and(|c| c.is_whitespace()) {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        while i < chars.len() {
            let here = chars.get(i).is_some_and(|c| c.is_whitespace());
            let next = chars.get(i + 1).is_none_or(|c| c.is_whitespace());
            if here && next {
                break;
            }
            if !here {
                end = i + 1;
            }
            i += 1;
        }
        let text: String = chars.get(start..end).unwrap_or_default().iter().collect();
        out.push(Cell {
            x0: start,
            x1: end,
            text,
        });
    }
    out
}

/// The right cells as values: numbers (a number may open a cell whose
/// other words are a note), then maybe a note in words without digits.
fn values(right: &[Cell]) -> Option<(Vec<Cell>, Vec<String>)> {
    let mut numbers = Vec::new();
    let mut note: Vec<String> = Vec::new();
    let digits = |t: &str| t.chars().any(|c| c.is_ascii_digit());
    for c in right {
        if note.is_empty() && is_number(&c.text) {
            numbers.push(c.clone());
            continue;
        }
        let (first, rest) = c.text.split_once(' ').unwrap_or((&c.text, ""));
        if note.is_empty() && is_number(first) && !rest.is_empty() && !digits(rest) {
            numbers.push(Cell {
                x0: c.x0,
                x1: c.x0 + first.chars().count(),
                text: first.to_string(),
            });
            note.push(rest.to_string());
        } else if !numbers.is_empty() && !digits(&c.text) {
            note.push(c.text.clone());
        } else {
            return None;
        }
    }
    (!numbers.is_empty()).then_some((numbers, note))
}

/// The text in reading order, each line with the 1-based number of the
/// input line it comes from; `None` when the text has no row code with a
/// value beside it (not a grid). The rows are those of `editions`.
pub(super) fn lines(text: &str, editions: &[Edizione]) -> Option<Vec<(usize, String)>> {
    let labels = Labels::of(editions);
    let pages: Vec<Vec<GridLine>> = {
        let mut first = 1;
        let mut out = Vec::new();
        for page in text.split('\u{c}') {
            let rows: Vec<&str> = page.split('\n').collect();
            let lines = rows
                .iter()
                .enumerate()
                .map(|(i, raw)| {
                    let cells = cells(raw.strip_suffix('\r').unwrap_or(raw));
                    let code = cells.first().and_then(|c| labels.code(&c.text));
                    GridLine {
                        no: first + i,
                        cells,
                        code,
                        ..GridLine::default()
                    }
                })
                .collect();
            out.push(lines);
            first += rows.len().saturating_sub(1);
        }
        out
    };
    // Where the values start: the first number beside a row code, or in
    // a line of two numbers or more (values under their headers; not years
    // alone, which may end a label).
    let beside = pages
        .iter()
        .flatten()
        .filter(|l| l.code.is_some())
        .flat_map(|l| l.cells.iter().skip(1))
        .filter(|c| is_number(&c.text));
    let under = pages
        .iter()
        .flatten()
        .filter(|l| {
            l.cells.len() >= 2
                && l.cells.iter().all(|c| is_number(&c.text))
                && !l.cells.iter().all(|c| is_year(&c.text))
        })
        .flat_map(|l| l.cells.iter());
    let split = beside.chain(under).map(|c| c.x0).min()?;
    // Where the labels start: the first cell of a code's line, or the
    // second when the code stands in a column of its own.
    let label_x = pages
        .iter()
        .flatten()
        .filter_map(|l| {
            let (_, printed) = l.code.as_ref()?;
            let first = l.cells.first()?;
            if first.text == *printed {
                l.cells.get(1).map(|c| c.x0)
            } else {
                Some(first.x0)
            }
        })
        .filter(|&x| x < split)
        .max()
        .unwrap_or(0);
    // A header wider than the values under it may start left of them.
    let right = |c: &Cell| c.x0 + 1 >= split || (c.x1 > split && c.x0 > label_x + 8);
    let mut out = Vec::new();
    for (i, mut page) in pages.into_iter().enumerate() {
        for l in &mut page {
            let (right, left): (Vec<Cell>, Vec<Cell>) = l.cells.iter().cloned().partition(right);
            l.values = values(&right);
            l.left = left;
            l.right = right;
        }
        // Years alone on a line above more headers or a row's code are
        // the columns' headers (`2020   2024` over R01), not values.
        for k in 0..page.len() {
            let next_heads = page
                .get(k + 1)
                .is_some_and(|n| n.code.is_some() || (!n.right.is_empty() && n.values.is_none()));
            if let Some(l) = page.get_mut(k) {
                let years = l.left.is_empty()
                    && l.right.iter().all(|c| is_year(&c.text))
                    && !l.right.is_empty();
                if years && next_heads {
                    l.values = None;
                }
            }
        }
        if i > 0 {
            out.push((page.first().map_or(1, |l| l.no), String::new()));
        }
        out.extend(read_page(&mut page, &labels));
    }
    Some(out)
}

/// The lines of one page in reading order.
fn read_page(page: &mut [GridLine], labels: &Labels) -> Vec<(usize, String)> {
    let owner = owners(page, labels);
    let mut out = Vec::new();
    let mut done = Vec::new();
    // The columns of the last headers, for the rows of a group that share them.
    let mut shared: Option<Vec<(usize, usize)>> = None;
    for (k, l) in page.iter().enumerate() {
        let Some(g) = owner.get(k).copied().flatten() else {
            if !l.left.is_empty() {
                shared = None;
            }
            let text: Vec<&str> = l.cells.iter().map(|c| c.text.as_str()).collect();
            out.push((l.no, text.join("   ")));
            continue;
        };
        if done.contains(&g) {
            continue;
        }
        done.push(g);
        let members: Vec<&GridLine> = page
            .iter()
            .zip(&owner)
            .filter(|(_, o)| **o == Some(g))
            .map(|(l, _)| l)
            .collect();
        let Some(anchor) = page.get(g) else { continue };
        let label = label_of_group(anchor, &members);
        let mut headers: Vec<&GridLine> = members
            .iter()
            .copied()
            .filter(|m| m.values.is_none() && !m.right.is_empty())
            .collect();
        // A row without numbers prints a text or an answer: the words right
        // of its label on its last line that has some (`SEBINO - 5` under
        // `Valore`, `NO` under `Risposta`); headers are above them.
        let mut text = None;
        if members.iter().all(|m| m.values.is_none()) {
            let code = anchor.code.as_ref().map_or("", |c| c.0);
            let words = |m: &GridLine| {
                let w: Vec<&str> = m.right.iter().map(|c| c.text.as_str()).collect();
                w.join(" ")
            };
            if let Some(at) = headers
                .iter()
                .rposition(|m| !m.header && !labels.headers_only(code, &words(m)))
            {
                text = Some(headers.remove(at));
            }
        }
        // A sheet's header line (`Codice  Descrizione  Valore`) as printed.
        for m in headers.iter().filter(|m| m.header && !m.left.is_empty()) {
            let cells: Vec<&str> = m.cells.iter().map(|c| c.text.as_str()).collect();
            out.push((m.no, cells.join(" ")));
        }
        out.push((anchor.no, label));
        if !headers.is_empty() {
            for (_, words) in columns(&headers, true) {
                if !words.is_empty() {
                    out.push((anchor.no, words.join(" ")));
                }
            }
            let spans = columns(&headers, false).into_iter().map(|(span, _)| span);
            shared = Some(spans.collect());
        }
        if let Some(m) = text {
            let words: Vec<&str> = m.right.iter().map(|c| c.text.as_str()).collect();
            out.push((m.no, words.join(" ")));
        }
        for m in members {
            if let Some((numbers, note)) = &m.values {
                let mut toks = placed(numbers, note.is_empty(), shared.as_deref());
                toks.extend(note.iter().cloned());
                out.push((m.no, toks.join(" ")));
            }
        }
    }
    out
}

/// The row each line belongs to (the index of its code's line), if any.
fn owners(page: &mut [GridLine], labels: &Labels) -> Vec<Option<usize>> {
    let n = page.len();
    let mut owner = Owners(vec![None; n]);
    let codes: Vec<usize> = (0..n)
        .filter(|&k| page.get(k).is_some_and(|l| l.code.is_some()))
        .collect();
    for &k in &codes {
        owner.set(k, Some(k));
    }
    // Lines of labels between two rows' codes.
    let mut bounds: Vec<Option<usize>> = vec![None];
    bounds.extend(codes.iter().map(|&k| Some(k)));
    bounds.push(None);
    for pair in bounds.windows(2) {
        let [above, below] = pair else { continue };
        let from = above.map_or(0, |a| a + 1);
        let to = below.unwrap_or(n);
        let orphans: Vec<usize> = (from..to)
            .filter(|&k| page.get(k).is_some_and(|l| !l.left.is_empty()))
            .collect();
        if let Some((up, down)) = share(page, &orphans, *above, *below, labels) {
            for k in up {
                owner.set(k, *above);
            }
            for k in down {
                owner.set(k, *below);
            }
        }
    }
    owner.numbers_with_the_row_above(page);
    for (k, l) in page.iter_mut().enumerate() {
        l.header = owner.of(k).is_none() && !l.right.is_empty() && l.values.is_none();
    }
    // Header lines go with the row whose code follows them.
    for k in (0..n).rev() {
        if owner.of(k).is_some() || !page.get(k).is_some_and(|l| l.header) {
            continue;
        }
        let mut j = k + 1;
        while j < n && page.get(j).is_some_and(|l| l.header) {
            j += 1;
        }
        let below = page.get(j).and_then(|l| l.code.as_ref()).map(|c| c.0);
        let Some(below) = below.filter(|_| owner.of(j) == Some(j)) else {
            continue;
        };
        // Words under a row, not headers of the row below (`NO` under
        // `Risposta`, a text under `Valore`): that row's answer.
        let answer = k > 0
            && owner.of(k - 1).is_some()
            && page.get(k).is_some_and(|l| {
                let words: Vec<&str> = l.right.iter().map(|c| c.text.as_str()).collect();
                l.left.is_empty() && !labels.headers_only(below, &words.join(" "))
            });
        if answer {
            owner.set(k, owner.of(k - 1));
            if let Some(l) = page.get_mut(k) {
                l.header = false;
            }
        } else {
            owner.set(k, Some(j));
        }
    }
    // Numbers under headers that went with a row below.
    owner.numbers_with_the_row_above(page);
    owner.0
}

/// The row of each line of a page, by index.
struct Owners(Vec<Option<usize>>);

impl Owners {
    fn of(&self, k: usize) -> Option<usize> {
        self.0.get(k).copied().flatten()
    }

    fn set(&mut self, k: usize, row: Option<usize>) {
        if let Some(o) = self.0.get_mut(k) {
            *o = row;
        }
    }

    /// Lines of numbers right of the labels go with the row above them.
    fn numbers_with_the_row_above(&mut self, page: &[GridLine]) {
        for k in 1..page.len() {
            let numbers = page
                .get(k)
                .is_some_and(|l| l.left.is_empty() && l.values.is_some());
            if self.of(k).is_none() && numbers {
                self.set(k, self.of(k - 1));
            }
        }
    }
}

/// How the label lines between two codes (`above`, `below`) divide: those
/// right after `above` that continue its label, those right before `below`
/// that start it. The most lines placed wins; a continuation that joins
/// the label's words exactly beats one whose words are only in the label.
fn share(
    page: &[GridLine],
    orphans: &[usize],
    above: Option<usize>,
    below: Option<usize>,
    labels: &Labels,
) -> Option<(Vec<usize>, Vec<usize>)> {
    let text = |ks: &[usize]| -> String {
        ks.iter()
            .filter_map(|&k| page.get(k))
            .flat_map(|l| l.left.iter().map(|c| c.text.as_str()))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let own = |k: usize| page.get(k).map(own_label).unwrap_or_default();
    let code = |k: usize| page.get(k).and_then(|l| l.code.as_ref()).map(|c| c.0);
    // A line may be left out only for a line of numbers or headers.
    let adjacent = |j: usize, set: &[usize]| {
        set.contains(&j)
            || Some(j) == above
            || Some(j) == below
            || page
                .get(j)
                .is_some_and(|l| l.left.is_empty() && !l.right.is_empty())
    };
    let len = orphans.len();
    for loose in [false, true] {
        for total in (1..=len).rev() {
            for i in (0..=total).rev() {
                let j = total - i;
                if j > len - i {
                    continue;
                }
                let up = orphans.get(..i).unwrap_or_default();
                let down = orphans.get(len - j..).unwrap_or_default();
                let up_ok = up.is_empty()
                    || above.is_some_and(|a| {
                        up.iter().all(|&k| k > 0 && adjacent(k - 1, up))
                            && code(a).is_some_and(|c| {
                                let t = if loose {
                                    text(up)
                                } else {
                                    format!("{} {}", own(a), text(up))
                                };
                                labels.continues(c, &t)
                            })
                    });
                let down_ok = down.is_empty()
                    || below.is_some_and(|b| {
                        down.iter().all(|&k| adjacent(k + 1, down))
                            && code(b).is_some_and(|c| {
                                let t = if loose {
                                    text(down)
                                } else {
                                    format!("{} {}", text(down), own(b))
                                };
                                labels.continues(c, &t)
                            })
                    });
                if up_ok && down_ok {
                    return Some((up.to_vec(), down.to_vec()));
                }
            }
        }
    }
    None
}

/// The label part of a code's line, without the code and its dash.
fn own_label(l: &GridLine) -> String {
    let text: Vec<&str> = l.left.iter().map(|c| c.text.as_str()).collect();
    let text = text.join(" ");
    let printed = l.code.as_ref().map_or("", |c| c.1.as_str());
    text.strip_prefix(printed)
        .unwrap_or(&text)
        .trim_start_matches([' ', '-'])
        .to_string()
}

/// A row's label: its code, then the label's lines in order.
fn label_of_group(anchor: &GridLine, members: &[&GridLine]) -> String {
    let printed = anchor.code.as_ref().map_or("", |c| c.1.as_str());
    let mut parts = vec![printed.to_string(), "-".to_string()];
    for m in members {
        if m.header {
            continue;
        }
        let text = if std::ptr::eq(*m, anchor) {
            own_label(m)
        } else {
            m.left
                .iter()
                .map(|c| c.text.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        };
        if !text.is_empty() {
            parts.push(text);
        }
    }
    parts.join(" ")
}

/// The columns of a row's header lines, left to right: each with its span
/// and its words top to bottom. The line with the most cells gives the
/// columns; cells of other lines beside them add theirs; every word then
/// goes to the column it stands in, or the nearest.
/// With `printed_only`, the words of a sheet's header lines (printed whole,
/// see [`read_page`]) are left out.
fn columns(headers: &[&GridLine], printed_only: bool) -> Vec<((usize, usize), Vec<String>)> {
    let Some(widest) = headers.iter().max_by_key(|h| h.right.len()) else {
        return Vec::new();
    };
    let mut spans: Vec<(usize, usize)> = widest.right.iter().map(|c| (c.x0, c.x1)).collect();
    for h in headers {
        for c in &h.right {
            if !spans.iter().any(|&(a, b)| c.x0 < b && a < c.x1) {
                spans.push((c.x0, c.x1));
            }
        }
    }
    spans.sort_unstable();
    let mut words: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for h in headers {
        if printed_only && h.header && !h.left.is_empty() {
            continue;
        }
        for c in &h.right {
            let mut x = c.x0;
            for w in c.text.split(' ') {
                let n = w.chars().count();
                let mid = x as f64 + n as f64 / 2.0;
                if let Some(i) = nearest(&spans, mid) {
                    words.entry(i).or_default().push(w.to_string());
                }
                x += n + 1;
            }
        }
    }
    spans
        .into_iter()
        .enumerate()
        .map(|(i, span)| (span, words.remove(&i).unwrap_or_default()))
        .collect()
}

/// The span that holds `x`, or the nearest.
fn nearest(spans: &[(usize, usize)], x: f64) -> Option<usize> {
    let distance = |&(a, b): &(usize, usize)| {
        if a as f64 <= x && x <= b as f64 {
            0.0
        } else {
            (a as f64 - x).abs().min((b as f64 - x).abs())
        }
    };
    (0..spans.len()).min_by(|&i, &j| {
        let (di, dj) = (spans.get(i).map(distance), spans.get(j).map(distance));
        di.partial_cmp(&dj).unwrap_or(std::cmp::Ordering::Equal)
    })
}

/// A line's numbers, each in the column it stands under, with [`BLANK`]
/// for a column without one; as printed when there are no columns, when
/// two numbers stand under one column, or when there are more numbers
/// than columns. Without a note, the columns right of the last number
/// are blank too; with one, they are the note's.
fn placed(numbers: &[Cell], trailing: bool, columns: Option<&[(usize, usize)]>) -> Vec<String> {
    let as_printed = || numbers.iter().map(|c| c.text.clone()).collect();
    let Some(columns) = columns.filter(|c| c.len() > numbers.len()) else {
        return as_printed();
    };
    let mut taken: BTreeMap<usize, &Cell> = BTreeMap::new();
    for n in numbers {
        // A number right-aligned under its header may end past it.
        let under = columns
            .iter()
            .position(|&(a, b)| n.x0 <= b + 2 && a <= n.x1 && n.x1 <= b + 6);
        let Some(i) = under.or_else(|| nearest(columns, n.mid())) else {
            return as_printed();
        };
        if taken.insert(i, n).is_some() {
            return as_printed();
        }
    }
    let last = if trailing {
        columns.len()
    } else {
        taken.keys().next_back().map_or(0, |k| k + 1)
    };
    (0..last)
        .map(|i| taken.get(&i).map_or(BLANK.to_string(), |c| c.text.clone()))
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests;
