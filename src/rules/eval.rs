//! The evaluator of the description's formulas ([`crate::form::expr`]) over
//! exact decimals and the model's values.
//!
//! A rule gives its exact value and the places of the rounding that is its
//! last step ([`crate::form::Calcolo::places`]): `arrotonda(x, n)` at the
//! top of a formula, through the branches of `se`, is evaluated as "exact
//! `x`, places `n`", so that `check` can compare a printed value with the
//! exact one; the value the form prints is that exact value rounded
//! ([`Computed::value`]). An `arrotonda` anywhere else rounds on the spot.

mod why;

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::form::expr::{Esito, Expr, Func, Op, Regola};
use crate::form::{Calcolo, Field, Tipo};
use crate::model::Scheda;
use crate::number::round_half_up;

pub(crate) use why::open;

/// One derived value of a form: its rule and its exact value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Computed {
    /// The rule, from the edition's description.
    pub rule: &'static Calcolo,
    /// The exact value, before the rule's last rounding; `None` where the
    /// rule leaves it blank.
    pub exact: Option<Decimal>,
}

impl Computed {
    /// The decimals the rule rounds to (half away from zero); `None` for an
    /// exact value (a sum of counts).
    pub fn places(&self) -> Option<u32> {
        self.rule.places()
    }

    /// The decimals the value is written with: the rule's, and never fewer
    /// than the form prints for a column of its kind (two for amounts,
    /// staff, percentages and means), so that a mean rounded to one decimal
    /// reads `461,90` as the writers print it.
    pub fn shown(&self) -> Option<u32> {
        self.places().map(|p| p.max(min_decimals(self.rule.tipo)))
    }

    /// The value the form prints: the exact one rounded at the rule's
    /// places, written with [`Computed::shown`] decimals.
    pub fn value(&self) -> Option<Decimal> {
        self.exact.map(|e| rounded(e, self.places(), self.shown()))
    }
}

/// The decimals the form prints for a column of kind `tipo` at least.
pub(crate) fn min_decimals(tipo: Tipo) -> u32 {
    match tipo {
        Tipo::Media | Tipo::Personale | Tipo::Percentuale | Tipo::Euro => 2,
        _ => 0,
    }
}

/// `exact` rounded half away from zero to `places`, written with `shown`
/// decimals; unchanged without places.
pub(crate) fn rounded(exact: Decimal, places: Option<u32>, shown: Option<u32>) -> Decimal {
    match places {
        Some(p) => {
            let mut v = round_half_up(exact, p);
            v.rescale(shown.unwrap_or(p).max(p));
            v
        }
        None => exact,
    }
}

/// Evaluate every rule of `s`'s edition, in order: a rule reads the values
/// of the rules before it.
pub(crate) fn evaluate(s: &Scheda) -> Vec<Computed> {
    let rules = &s.edizione.description().calcoli;
    let mut ctx = Ctx {
        s,
        done: Vec::with_capacity(rules.len()),
        index: BTreeMap::new(),
        esiti: Vec::new(),
    };
    for rule in rules {
        let exact = ctx.top(&rule.formula);
        ctx.index.insert(&rule.campo, ctx.done.len());
        ctx.done.push(Computed { rule, exact });
    }
    ctx.done
}

/// The value of one outcome: yes/no, or the value of a choice; `None`
/// where the form's blanks leave it open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Conclusion {
    /// A yes/no outcome.
    SiNo(Option<bool>),
    /// A choice's value.
    Scelta(Option<&'static str>),
}

/// Work out every outcome of `s`'s edition, in order, from the values `s`
/// holds (printed ones: no rule is evaluated here).
pub(crate) fn conclude(s: &Scheda) -> Vec<(&'static Esito, Conclusion)> {
    let esiti = &s.edizione.description().esiti;
    let mut ctx = Ctx {
        s,
        done: Vec::new(),
        index: BTreeMap::new(),
        esiti: Vec::with_capacity(esiti.len()),
    };
    let mut out = Vec::with_capacity(esiti.len());
    for esito in esiti {
        let value = match &esito.regola {
            Regola::Condizione(e) => Conclusion::SiNo(ctx.cond(e)),
            Regola::Scelta(cases) => Conclusion::Scelta(
                cases
                    .iter()
                    .find(|(_, e)| ctx.cond(e) == Some(true))
                    .map(|(v, _)| v.as_str()),
            ),
        };
        ctx.esiti.push(match value {
            Conclusion::SiNo(v) => v,
            Conclusion::Scelta(_) => None,
        });
        out.push((esito, value));
    }
    out
}

/// The values a formula reads: the model's, and those of the rules already
/// evaluated.
struct Ctx<'a> {
    s: &'a Scheda,
    done: Vec<Computed>,
    index: BTreeMap<&'static Field, usize>,
    /// The outcomes worked out so far (a choice's as `None`).
    esiti: Vec<Option<bool>>,
}

impl Ctx<'_> {
    /// A field: its computed value where a rule computes it and its inputs
    /// are given, else the model's (the printed one).
    fn field(&self, f: &Field) -> Option<Decimal> {
        let computed = self
            .index
            .get(f)
            .and_then(|&i| self.done.get(i))
            .and_then(Computed::value);
        computed.or_else(|| {
            self.s
                .valore(&f.codice, f.campo.as_deref())
                .and_then(|v| v.decimal())
        })
    }

    /// The formula's exact value: its last rounding (through `se`) left
    /// undone.
    fn top(&self, e: &Expr) -> Option<Decimal> {
        match e {
            Expr::Call(Func::Arrotonda, args) => self.num(args.first()?),
            Expr::Call(Func::Se, args) => match self.cond(args.first()?)? {
                true => self.top(args.get(1)?),
                false => self.top(args.get(2)?),
            },
            _ => self.num(e),
        }
    }

    /// The values of arguments that may be rows of a kind, blanks left out.
    fn values(&self, args: &[Expr]) -> Vec<Decimal> {
        let mut out = Vec::new();
        for a in args {
            match a {
                Expr::Rows(fields) => out.extend(fields.iter().filter_map(|f| self.field(f))),
                other => out.extend(self.num(other)),
            }
        }
        out
    }

    /// Whether each field of the arguments is blank.
    fn blanks(&self, args: &[Expr]) -> Vec<bool> {
        let mut out = Vec::new();
        for a in args {
            match a {
                Expr::Field(f) => out.push(self.field(f).is_none()),
                Expr::Rows(fields) => out.extend(fields.iter().map(|f| self.field(f).is_none())),
                // The loader lets only fields in.
                _ => out.push(self.num(a).is_none()),
            }
        }
        out
    }

    fn num(&self, e: &Expr) -> Option<Decimal> {
        match e {
            Expr::Number(n) => Some(*n),
            Expr::Blank | Expr::Rows(_) | Expr::Esito(_) => None,
            Expr::Field(f) => self.field(f),
            Expr::Neg(x) => self.num(x).map(|v| -v),
            Expr::Binary(op, a, b) => {
                let (a, b) = (self.num(a)?, self.num(b)?);
                match op {
                    Op::Add => a.checked_add(b),
                    Op::Sub => a.checked_sub(b),
                    Op::Mul => a.checked_mul(b),
                    Op::Div if b.is_zero() => None,
                    Op::Div => a.checked_div(b),
                    _ => None,
                }
            }
            Expr::Call(func, args) => match func {
                Func::Se => match self.cond(args.first()?)? {
                    true => self.num(args.get(1)?),
                    false => self.num(args.get(2)?),
                },
                Func::Arrotonda => {
                    let places = match args.get(1)? {
                        Expr::Number(n) => u32::try_from(*n).ok()?,
                        _ => return None,
                    };
                    Some(round_half_up(self.num(args.first()?)?, places))
                }
                Func::Min => self.values(args).into_iter().min(),
                Func::Max => self.values(args).into_iter().max(),
                Func::Somma => {
                    let values = self.values(args);
                    let mut sum = *values.first()?;
                    for v in values.iter().skip(1) {
                        sum = sum.checked_add(*v)?;
                    }
                    Some(sum)
                }
                Func::Zero => Some(self.num(args.first()?).unwrap_or(Decimal::ZERO)),
                Func::QualcheVuoto | Func::TuttiVuoti | Func::O | Func::E | Func::Non => None,
            },
        }
    }

    fn cond(&self, e: &Expr) -> Option<bool> {
        match e {
            Expr::Binary(op, a, b) if op.compares() => {
                let (a, b) = (self.num(a)?, self.num(b)?);
                Some(match op {
                    Op::Eq => a == b,
                    Op::Ne => a != b,
                    Op::Lt => a < b,
                    Op::Le => a <= b,
                    Op::Gt => a > b,
                    _ => a >= b,
                })
            }
            Expr::Call(Func::QualcheVuoto, args) => Some(self.blanks(args).contains(&true)),
            Expr::Call(Func::TuttiVuoti, args) => Some(!self.blanks(args).contains(&false)),
            Expr::Call(Func::O, args) => {
                let all: Vec<Option<bool>> = args.iter().map(|a| self.cond(a)).collect();
                if all.contains(&Some(true)) {
                    Some(true)
                } else if all.iter().all(|c| *c == Some(false)) {
                    Some(false)
                } else {
                    None
                }
            }
            Expr::Call(Func::E, args) => {
                let all: Vec<Option<bool>> = args.iter().map(|a| self.cond(a)).collect();
                if all.contains(&Some(false)) {
                    Some(false)
                } else if all.iter().all(|c| *c == Some(true)) {
                    Some(true)
                } else {
                    None
                }
            }
            Expr::Call(Func::Non, args) => self.cond(args.first()?).map(|c| !c),
            Expr::Call(Func::Se, args) => match self.cond(args.first()?)? {
                true => self.cond(args.get(1)?),
                false => self.cond(args.get(2)?),
            },
            Expr::Esito(i) => self.esiti.get(*i).copied().flatten(),
            _ => None,
        }
    }
}
