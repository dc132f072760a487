//! Values detached from their labels: dealing a run of values out over the
//! rows they belong to.
//!
//! `pdftotext` in its default mode (no `-raw`, no `-layout`) groups a page
//! into blocks: the labels of a column of rows come first, one after the
//! other, and the values of those rows come later, each printed after its
//! repeated column headers, but in the form's order. So the rows at the
//! start of such a group read with no values, and one row (the last label
//! before the values) reads with the values of them all: after the label
//! `M30` come the 38 values of M12 to M40.
//!
//! The rule: when a numeric row fails to read because it holds a number of
//! values other than its column count, the values of its segment are dealt
//! out, in the order they come, over a *window* of rows in the form's order:
//! the row itself and any of the rows just before and after it that read
//! with no values at all, in the same quadro. Each row of the window takes
//! exactly its column count; the numbers its column headers print (`2020
//! 2025`, `2017 2021`, a lone `2025`) may stand just before or just after
//! its values and are skipped. The deal is accepted only when it uses every
//! value and there is exactly one way to do it (one window and one split,
//! as far as the values read); otherwise the row's error stands as it was,
//! naming the row and the line.
//!
//! The form's order is what pdftotext keeps for the user rows, for R01 to
//! R05 and for R06 to R09, R13 to R15 (checked against scheda's own PDFs
//! with a different value in every field). It is not kept for the cells of
//! R10 and R11, which come column by column, or in another order still when
//! the modalità holds text. Their cells are given out only where the order
//! cannot matter: when R10 reads with nothing at all, R11 fails, and R11's
//! segment holds nothing but column headers and four numbers that are all the
//! same (`0,00` four times in the portal's forms with nothing to report),
//! each of the two rows gets that number as numero and spesa and no
//! modalità. Anything else (text in a modalità, different numbers) keeps
//! R11's error: the text does not tell which cell is whose.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::flow::{Ctx, Diags};
use super::quadro3;
use super::rows::{Col, Kind};
use super::values::{self, Tok};

/// One row of a window: how many values it takes, and the numbers its
/// column headers print.
struct Slot<'a> {
    n: usize,
    years: &'a [String],
}

/// A way to deal the values: for each row of the window, the indexes of the
/// values it takes.
type Deal = Vec<Vec<usize>>;

/// Repair the rows that failed on their count of values (see the module
/// documentation). `diags[i]` holds what reading `ctxs[i]` on its own
/// reported; a repaired row's errors are dropped and its values stored.
pub(super) fn repair(ctxs: &[Ctx], diags: &mut [Diags], s: &mut crate::model::Scheda) {
    let raw: Vec<Vec<Tok>> = ctxs
        .iter()
        .map(|c| {
            if c.row.kind.is_numeric() {
                values::raw_values(c)
            } else {
                Vec::new()
            }
        })
        .collect();
    let mut claimed = vec![false; ctxs.len()];
    for r in 0..ctxs.len() {
        if claimed[r]
            || diags[r].errors.is_empty()
            || !ctxs[r].row.kind.is_numeric()
            || raw[r].is_empty()
        {
            continue;
        }
        let quadro = ctxs[r].row.quadro;
        let empty = |j: usize| {
            !claimed[j]
                && ctxs[j].row.kind.is_numeric()
                && ctxs[j].row.quadro == quadro
                && raw[j].is_empty()
                && diags[j].errors.is_empty()
        };
        let mut first = r;
        while first > 0 && empty(first - 1) {
            first -= 1;
        }
        let mut last = r;
        while last + 1 < ctxs.len() && empty(last + 1) {
            last += 1;
        }
        let pool = &raw[r];
        let mut found: Vec<(usize, Vec<Vec<String>>, Deal)> = Vec::new();
        for a in first..=r {
            for b in r..=last {
                let slots: Vec<Slot> = ctxs[a..=b]
                    .iter()
                    .map(|c| Slot {
                        n: c.row.columns().len(),
                        years: &c.row.header_years,
                    })
                    .collect();
                for deal in deals(pool, &slots) {
                    let texts = texts(pool, &deal);
                    if !found.iter().any(|(fa, ft, _)| *fa == a && *ft == texts) {
                        found.push((a, texts, deal));
                    }
                }
            }
        }
        let [(a, _, deal)] = found.as_slice() else {
            continue;
        };
        let Some(converted) = convert(&ctxs[*a..*a + deal.len()], pool, deal) else {
            continue;
        };
        diags[r].errors.clear();
        for (k, v) in converted.iter().enumerate() {
            values::store(&ctxs[a + k], v, s, &mut diags[a + k]);
            claimed[a + k] = true;
        }
    }
}

/// Repair R10 and R11 when pdftotext printed their cells together after
/// R11's label, all with the same value (see the module documentation).
pub(super) fn repair_aggiuntivi(ctxs: &[Ctx], diags: &mut [Diags], s: &mut crate::model::Scheda) {
    for r in 1..ctxs.len() {
        let (prev, row) = (&ctxs[r - 1], &ctxs[r]);
        if row.row.kind != Kind::Aggiuntivo
            || prev.row.kind != Kind::Aggiuntivo
            || diags[r].errors.is_empty()
            || !diags[r - 1].errors.is_empty()
            || !quadro3::bare_values(prev).is_some_and(|v| v.is_empty())
        {
            continue;
        }
        let Some(pool) = quadro3::bare_values(row) else {
            continue;
        };
        let same = pool.windows(2).all(|w| w[0].text == w[1].text);
        let Some(Ok(Some(v))) = pool.first().map(|t| values::convert(t, Col::Dec2)) else {
            continue;
        };
        if pool.len() != 4 || !same {
            continue;
        }
        diags[r].errors.clear();
        for k in [r - 1, r] {
            // Numero and spesa: the row's numbers; no modalità.
            let cols = ctxs[k].row.columns();
            let cell = |i: usize| cols.get(i).and_then(|c| values::valore(v, c.col));
            let cells = vec![cell(0), None, cell(1)];
            values::store_cells(&ctxs[k], cells, s, &mut diags[k]);
        }
    }
}

/// The values of a deal as text, row by row.
fn texts(pool: &[Tok], deal: &Deal) -> Vec<Vec<String>> {
    deal.iter()
        .map(|ix| ix.iter().map(|&i| pool[i].text.clone()).collect())
        .collect()
}

/// The values of a deal as the rows store them; `None` when one does not
/// read as its column requires (the row's own error then stands).
fn convert(ctxs: &[Ctx], pool: &[Tok], deal: &Deal) -> Option<Vec<Vec<Option<Decimal>>>> {
    ctxs.iter()
        .zip(deal)
        .map(|(c, ix)| {
            c.row
                .columns()
                .iter()
                .zip(ix)
                .map(|(column, &i)| values::convert(&pool[i], column.col).ok())
                .collect()
        })
        .collect()
}

/// Most deals worth telling apart: two are enough to know it is ambiguous.
const ENOUGH: usize = 2;

/// Every distinct way (up to [`ENOUGH`]) to deal `pool` over `slots`.
fn deals(pool: &[Tok], slots: &[Slot]) -> Vec<Deal> {
    let mut memo = BTreeMap::new();
    from(pool, slots, 0, 0, &mut memo)
}

/// The deals of `slots[i..]` over `pool[p..]`.
fn from(
    pool: &[Tok],
    slots: &[Slot],
    i: usize,
    p: usize,
    memo: &mut BTreeMap<(usize, usize), Vec<Deal>>,
) -> Vec<Deal> {
    if i == slots.len() {
        return if p == pool.len() {
            vec![Vec::new()]
        } else {
            Vec::new()
        };
    }
    if let Some(known) = memo.get(&(i, p)) {
        return known.clone();
    }
    let slot = &slots[i];
    let mut out: Vec<Deal> = Vec::new();
    'pre: for pre in skips(pool, p, slot.years) {
        let start = p + pre;
        let end = start + slot.n;
        if end > pool.len() || !pool[start..end].iter().all(Tok::is_value) {
            continue;
        }
        for post in skips(pool, end, slot.years) {
            for rest in from(pool, slots, i + 1, end + post, memo) {
                let mut deal = vec![(start..end).collect::<Vec<_>>()];
                deal.extend(rest);
                let same = |d: &Deal| texts(pool, d) == texts(pool, &deal);
                if !out.iter().any(same) {
                    out.push(deal);
                }
                if out.len() >= ENOUGH {
                    break 'pre;
                }
            }
        }
    }
    memo.insert((i, p), out.clone());
    out
}

/// How many tokens from `p` on can be skipped as header numbers: the
/// lengths `k` for which `pool[p..p + k]` are some of `years`, in order.
fn skips(pool: &[Tok], p: usize, years: &[String]) -> Vec<usize> {
    let mut out = vec![0];
    let mut y = years.iter();
    for (k, tok) in pool[p..].iter().enumerate() {
        if !y.any(|year| *year == tok.text) {
            break;
        }
        out.push(k + 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::readers::text::values::tokens;

    fn deal_texts(pool: &str, slots: &[(usize, &[&str])]) -> Vec<Vec<Vec<String>>> {
        let pool = tokens(pool, 1);
        let years: Vec<Vec<String>> = slots
            .iter()
            .map(|(_, y)| y.iter().map(|s| s.to_string()).collect())
            .collect();
        let slots: Vec<Slot> = slots
            .iter()
            .zip(&years)
            .map(|((n, _), y)| Slot { n: *n, years: y })
            .collect();
        deals(&pool, &slots)
            .iter()
            .map(|d| texts(&pool, d))
            .collect()
    }

    #[test]
    fn values_are_dealt_in_order_skipping_header_numbers() {
        let got = deal_texts(
            "2020 2025 1,00 2,00 2025 3,00 2025 4,00 399 2025",
            &[
                (2, &["2020", "2025"]),
                (1, &["2025"]),
                (1, &["2025"]),
                (1, &["2025"]),
            ],
        );
        assert_eq!(
            got,
            [[
                vec!["1,00".to_string(), "2,00".into()],
                vec!["3,00".into()],
                vec!["4,00".into()],
                vec!["399".into()],
            ]]
        );
    }

    #[test]
    fn a_deal_that_does_not_add_up_or_is_ambiguous_is_told() {
        assert!(deal_texts("1 2 3", &[(2, &[]), (2, &[])]).is_empty());
        // `2025` is a value of the first row or of the second.
        assert_eq!(
            deal_texts("7 2025 8", &[(2, &["2025"]), (1, &["2025"])]).len(),
            1
        );
        assert_eq!(
            deal_texts("2025 7", &[(1, &["2025"]), (1, &["2025"])]).len(),
            1
        );
        // `2025 5 2025`: the header of the first row, or of the second.
        assert_eq!(
            deal_texts("2025 5 2025", &[(1, &["2025"]), (1, &["2025"])]).len(),
            2
        );
    }
}
