//! Why an outcome is blank: the blank inputs of a form that keep it open,
//! found by following its condition, and the formulas of the derived
//! values it reads, down to the fields the clerk fills (docs/form.md#vuoti).
//!
//! A value is blank for a blank operand, or because a condition that tests
//! blanks (`qualche_vuoto`, `tutti_vuoti`) chose `vuoto`: each blank it
//! tested is a reason. Where any one of several blank fields would do
//! (`tutti_vuoti`, `max` of blanks), the first the formula names stands for
//! them: R01B's `tutti_vuoti(R01.anno, R01A)` asks for R01, the Comune's
//! own staff. A value blank by the rule itself (R04 over no inhabitants, a
//! Quadro 3 coherence not asked) has no reason, and no field to fill.

use super::{Conclusion, Ctx};
use crate::form::Field;
use crate::form::expr::{Expr, Func, Regola};
use crate::model::Scheda;

/// How deep the formulas of derived values are followed: each reads only
/// values computed before it, so the chain ends; this bounds it all the
/// same.
const DEPTH: usize = 16;

/// Every outcome of `full`'s edition that is blank for `full`, a form whose
/// derived values are completed ([`crate::rules::completed`]), with the
/// blank inputs it reads itself that keep it open, by index into the
/// edition's outcomes. An outcome blank only because an earlier one is
/// (the case, while the service level is open) has no inputs of its own
/// and is left out, as is one blank by its rule alone.
pub(crate) fn open(full: &Scheda) -> Vec<(usize, Vec<Field>)> {
    let esiti = &full.edizione.description().esiti;
    let mut ctx = Ctx {
        s: full,
        done: Vec::new(),
        index: std::collections::BTreeMap::new(),
        esiti: Vec::with_capacity(esiti.len()),
    };
    let mut out = Vec::new();
    for (i, esito) in esiti.iter().enumerate() {
        let (value, why) = match &esito.regola {
            Regola::Condizione(e) => {
                let v = ctx.cond(e);
                (
                    Conclusion::SiNo(v),
                    if v.is_none() {
                        ctx.why_cond(e, 0)
                    } else {
                        Vec::new()
                    },
                )
            }
            Regola::Scelta(cases) => {
                let chosen = cases.iter().find(|(_, e)| ctx.cond(e) == Some(true));
                let why = match chosen {
                    Some(_) => Vec::new(),
                    None => {
                        let mut why = Vec::new();
                        for (_, e) in cases.iter().filter(|(_, e)| ctx.cond(e).is_none()) {
                            add(&mut why, ctx.why_cond(e, 0));
                        }
                        why
                    }
                };
                (Conclusion::Scelta(chosen.map(|(v, _)| v.as_str())), why)
            }
        };
        ctx.esiti.push(match value {
            Conclusion::SiNo(v) => v,
            Conclusion::Scelta(_) => None,
        });
        if !why.is_empty() {
            out.push((i, why));
        }
    }
    out
}

/// `more` added to `to`, each field once.
fn add(to: &mut Vec<Field>, more: Vec<Field>) {
    for f in more {
        if !to.contains(&f) {
            to.push(f);
        }
    }
}

impl Ctx<'_> {
    /// Why the field `f` is blank: an input is its own reason; a derived
    /// value is blank for the reasons of its formula. Nothing for a field
    /// that holds a value.
    fn why_field(&self, f: &Field, depth: usize) -> Vec<Field> {
        if self.field(f).is_some() {
            return Vec::new();
        }
        match self
            .s
            .edizione
            .description()
            .calcolo(&f.codice, f.campo.as_deref())
        {
            Some(rule) if depth < DEPTH => self.why_num(&rule.formula, depth + 1),
            Some(_) => Vec::new(),
            None => vec![f.clone()],
        }
    }

    /// Why the blank fields among `args` (fields, rows of a kind) are blank:
    /// all of them, or (`first`) the first.
    fn why_blanks(&self, args: &[Expr], first: bool, depth: usize) -> Vec<Field> {
        let fields = args.iter().flat_map(|a| match a {
            Expr::Field(f) => vec![f],
            Expr::Rows(fields) => fields.iter().collect(),
            _ => Vec::new(),
        });
        let mut out = Vec::new();
        for f in fields.filter(|f| self.field(f).is_none()) {
            add(&mut out, self.why_field(f, depth));
            if first && !out.is_empty() {
                break;
            }
        }
        out
    }

    /// Why the value `e` is blank (nothing where it is not).
    fn why_num(&self, e: &Expr, depth: usize) -> Vec<Field> {
        if self.num(e).is_some() {
            return Vec::new();
        }
        match e {
            Expr::Field(f) => self.why_field(f, depth),
            Expr::Neg(x) => self.why_num(x, depth),
            Expr::Binary(_, a, b) => {
                let mut out = self.why_num(a, depth);
                add(&mut out, self.why_num(b, depth));
                out
            }
            Expr::Call(Func::Se, args) => self.why_se(args, depth, |c, e, d| c.why_num(e, d)),
            Expr::Call(Func::Arrotonda, args) => {
                args.first().map_or(Vec::new(), |x| self.why_num(x, depth))
            }
            // Blank when every value is: any one of them would do.
            Expr::Call(Func::Min | Func::Max | Func::Somma, args) => {
                let mut out = Vec::new();
                for a in args {
                    out = match a {
                        Expr::Rows(_) => self.why_blanks(std::slice::from_ref(a), true, depth),
                        other => self.why_num(other, depth),
                    };
                    if !out.is_empty() {
                        break;
                    }
                }
                out
            }
            _ => Vec::new(),
        }
    }

    /// Why `se(c, a, b)` is blank: the reasons of a blank condition, or
    /// those of the branch taken and of the blanks that chose it.
    fn why_se(
        &self,
        args: &[Expr],
        depth: usize,
        branch: impl Fn(&Self, &Expr, usize) -> Vec<Field>,
    ) -> Vec<Field> {
        let Some(c) = args.first() else {
            return Vec::new();
        };
        match self.cond(c) {
            None => self.why_cond(c, depth),
            Some(holds) => {
                let taken = args.get(if holds { 1 } else { 2 });
                let mut out = taken.map_or(Vec::new(), |x| branch(self, x, depth));
                add(&mut out, self.why_chose(c, holds, depth));
                out
            }
        }
    }

    /// Why the condition `e` is blank (nothing where it is not). An earlier
    /// outcome is no reason of this one's own.
    fn why_cond(&self, e: &Expr, depth: usize) -> Vec<Field> {
        if self.cond(e).is_some() {
            return Vec::new();
        }
        match e {
            Expr::Binary(_, a, b) => {
                let mut out = self.why_num(a, depth);
                add(&mut out, self.why_num(b, depth));
                out
            }
            Expr::Call(Func::O | Func::E | Func::Non, args) => {
                let mut out = Vec::new();
                for a in args {
                    add(&mut out, self.why_cond(a, depth));
                }
                out
            }
            Expr::Call(Func::Se, args) => self.why_se(args, depth, |c, e, d| c.why_cond(e, d)),
            _ => Vec::new(),
        }
    }

    /// The blanks that made the decided condition `e` come out `holds`:
    /// those a `qualche_vuoto` found (all of them), a `tutti_vuoti` found
    /// (the first stands for all), through `o`, `e`, `non` and `se`.
    fn why_chose(&self, e: &Expr, holds: bool, depth: usize) -> Vec<Field> {
        match e {
            Expr::Call(Func::QualcheVuoto, args) if holds => self.why_blanks(args, false, depth),
            Expr::Call(Func::TuttiVuoti, args) if holds => self.why_blanks(args, true, depth),
            Expr::Call(Func::Non, args) => args
                .first()
                .map_or(Vec::new(), |x| self.why_chose(x, !holds, depth)),
            Expr::Call(Func::O | Func::E, args) => {
                let mut out = Vec::new();
                for a in args.iter().filter(|a| self.cond(a) == Some(holds)) {
                    add(&mut out, self.why_chose(a, holds, depth));
                }
                out
            }
            Expr::Call(Func::Se, args) => {
                let Some(c) = args.first() else {
                    return Vec::new();
                };
                let Some(test) = self.cond(c) else {
                    return Vec::new();
                };
                let mut out = self.why_chose(c, test, depth);
                if let Some(taken) = args.get(if test { 1 } else { 2 }) {
                    add(&mut out, self.why_chose(taken, holds, depth));
                }
                out
            }
            _ => Vec::new(),
        }
    }
}
