//! The `[[calcolo]]` entries of a description into checked [`Calcolo`]s:
//! each formula parsed, its names resolved against the edition's rows
//! (fields that exist and hold numbers, known functions with the right
//! arguments, conditions where conditions go), its target a computed
//! column, every computed column computed once, and a rule that reads a
//! computed field after that field's own rule. Every error names the file
//! and the line.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use super::parse::{FormulaError, Raw, parse};
use super::{Calcolo, Expr, Field, Func};
use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::form::{Quadro, Riga, Tipo, VoceKind};
use crate::messages::{Message, kind};

/// A `[[calcolo]]` entry as the file writes it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCalcolo {
    /// The field computed: `R04`, `R0B.utenti`.
    campo: Option<Spanned<String>>,
    /// Or: every computed column of this kind (`media`), each from the
    /// fields of its own row.
    per_ogni_colonna: Option<Spanned<String>>,
    /// What the value is, in words; placeholders allowed.
    descrizione: Spanned<String>,
    /// The formula.
    formula: Spanned<String>,
}

/// What an expression gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ty {
    Number,
    Condition,
    /// Fields of rows of a kind.
    Rows,
}

/// A row of the edition, with its quadro and the line of its entry.
pub(super) struct Row<'a> {
    quadro: u8,
    pub(super) riga: &'a Riga,
    line: usize,
}

/// The lines of the description file, for errors.
pub(super) struct Source<'a> {
    pub(super) file: &'a str,
    pub(super) text: &'a str,
    pub(super) errors: Vec<Diagnostic>,
}

impl Source<'_> {
    pub(super) fn line(&self, at: usize) -> usize {
        let end = at.min(self.text.len());
        self.text.get(..end).unwrap_or("").matches('\n').count() + 1
    }

    pub(super) fn error(&mut self, line: usize, message: Message, hint: Option<Message>) {
        self.errors.push(
            Diagnostic::coded(Severity::Error, message, hint)
                .at(Location::file_line(self.file, line)),
        );
    }

    /// The line of byte `at` of the formula whose value is at `span`.
    fn formula_line(&self, span: &Range<usize>, formula: &str, at: usize) -> usize {
        let raw = self.text.get(span.start..).unwrap_or("");
        // A multi-line string drops the line break after its opening quotes.
        let opening = usize::from(raw.starts_with("\"\"\"\n") || raw.starts_with("'''\n"));
        let before = formula.get(..at.min(formula.len())).unwrap_or(formula);
        self.line(span.start) + opening + before.matches('\n').count()
    }
}

/// Every row of the edition, with its quadro and line.
pub(super) fn rows(quadri: &[Quadro]) -> Vec<Row<'_>> {
    quadri
        .iter()
        .flat_map(|q| {
            q.voci.iter().filter_map(move |v| match &v.kind {
                VoceKind::Riga(r) => Some(Row {
                    quadro: q.numero,
                    riga: r,
                    line: v.line,
                }),
                _ => None,
            })
        })
        .collect()
}

/// Check the `[[calcolo]]` entries `raw` against the edition's `quadri`;
/// `fill` fills a text's placeholders. The rules in the file's order, with
/// the errors found (empty when all is well).
pub(crate) fn build(
    raw: Vec<RawCalcolo>,
    quadri: &[Quadro],
    file: &str,
    text: &str,
    fill: &mut dyn FnMut(&Range<usize>, &str) -> String,
) -> (Vec<Calcolo>, Vec<Diagnostic>) {
    let rows = rows(quadri);
    let mut src = Source {
        file,
        text,
        errors: Vec::new(),
    };
    let mut out: Vec<Calcolo> = Vec::new();
    // Every field a rule is given for, its formula right or not.
    let mut given: Vec<Field> = Vec::new();
    for entry in raw {
        let line = src.line(entry.formula.span().start);
        let descrizione = fill(&entry.descrizione.span(), entry.descrizione.get_ref());
        let Some(targets) = targets(&mut src, &rows, &entry, line) else {
            continue;
        };
        given.extend(targets.iter().map(|(f, _, _)| f.clone()));
        let per_row = entry.per_ogni_colonna.is_some();
        let formula_span = entry.formula.span();
        let formula = entry.formula.get_ref();
        let parsed = match parse(formula) {
            Ok(p) => p,
            Err(e) => {
                let first = targets.first().map(|(f, _, _)| f.to_string());
                formula_error(&mut src, &formula_span, formula, first, e);
                continue;
            }
        };
        for (campo, quadro, tipo) in targets {
            let own = rows
                .iter()
                .find(|r| per_row && r.riga.codice == campo.codice)
                .map(|r| r.riga);
            let scope = Scope {
                rows: &rows,
                own,
                esiti: &[],
            };
            let whole = resolve(&parsed, &scope).and_then(|(e, ty)| want(e, ty, Ty::Number, 0));
            match whole {
                Ok(formula) => out.push(Calcolo {
                    campo,
                    quadro,
                    tipo,
                    descrizione: descrizione.clone(),
                    formula,
                    line,
                }),
                Err(e) => {
                    // One error per entry, not one per row it applies to.
                    formula_error(&mut src, &formula_span, formula, Some(campo.to_string()), e);
                    break;
                }
            }
        }
    }
    check_order(&mut src, &out);
    check_missing(&mut src, &rows, &given);
    (out, src.errors)
}

pub(super) fn formula_error(
    src: &mut Source,
    span: &Range<usize>,
    formula: &str,
    field: Option<String>,
    e: FormulaError,
) {
    let line = src.formula_line(span, formula, e.at);
    let message = Message::new(
        kind::CALC_IN,
        [
            ("field", field.unwrap_or_default().into()),
            ("error", e.message.into()),
        ],
    );
    src.error(line, message, Some(Message::new(kind::CALC_HINT, [])));
}

/// The fields an entry computes: with their quadro and column kind.
fn targets(
    src: &mut Source,
    rows: &[Row],
    entry: &RawCalcolo,
    line: usize,
) -> Option<Vec<(Field, u8, Tipo)>> {
    match (&entry.campo, &entry.per_ogni_colonna) {
        (Some(campo), None) => {
            let text = campo.get_ref().trim();
            let (codice, name) = match text.split_once('.') {
                Some((c, n)) => (c, Some(n)),
                None => (text, None),
            };
            let resolved = field(rows, codice, name).and_then(|(f, tipo)| {
                let row = rows.iter().find(|r| r.riga.codice == f.codice);
                let derived = row.is_some_and(|r| {
                    r.riga.derivata
                        || r.riga
                            .colonne
                            .iter()
                            .any(|c| c.campo == f.campo && c.derivata)
                });
                if !derived {
                    return Err(Message::new(
                        kind::CALC_NOT_DERIVED,
                        [("field", f.to_string().into())],
                    ));
                }
                Ok((f, row.map_or(0, |r| r.quadro), tipo))
            });
            match resolved {
                Ok(t) => Some(vec![t]),
                Err(m) => {
                    src.error(src.line(campo.span().start), m, None);
                    None
                }
            }
        }
        (None, Some(per)) => {
            let name = per.get_ref().trim();
            let Some(tipo) = tipo(name) else {
                let m = unknown_kind(name);
                src.error(src.line(per.span().start), m, None);
                return None;
            };
            let found: Vec<(Field, u8, Tipo)> = rows
                .iter()
                .flat_map(|r| {
                    r.riga
                        .colonne
                        .iter()
                        .filter(move |c| c.tipo == tipo && (c.derivata || r.riga.derivata))
                        .map(move |c| {
                            (
                                Field::new(&r.riga.codice, c.campo.as_deref()),
                                r.quadro,
                                tipo,
                            )
                        })
                })
                .collect();
            if found.is_empty() {
                src.error(
                    src.line(per.span().start),
                    Message::new(kind::CALC_NO_TARGETS, [("kind", name.into())]),
                    None,
                );
                return None;
            }
            Some(found)
        }
        _ => {
            src.error(line, Message::new(kind::CALC_TARGET, []), None);
            None
        }
    }
}

/// A rule that reads a computed field before that field's rule (or its
/// own), and a field computed twice.
fn check_order(src: &mut Source, rules: &[Calcolo]) {
    let mut first: BTreeMap<&Field, usize> = BTreeMap::new();
    for (i, rule) in rules.iter().enumerate() {
        if let Some(&j) = first.get(&rule.campo) {
            let line = rules.get(j).map_or(0, |r| r.line);
            src.error(
                rule.line,
                Message::new(
                    kind::CALC_TWICE,
                    [
                        ("field", rule.campo.to_string().into()),
                        ("line", line.into()),
                    ],
                ),
                None,
            );
        } else {
            first.insert(&rule.campo, i);
        }
    }
    for (i, rule) in rules.iter().enumerate() {
        let late = rule.formula.fields().into_iter().find_map(|f| {
            let j = *first.get(f)?;
            (j >= i).then(|| (f, rules.get(j).map_or(0, |r| r.line)))
        });
        if let Some((read, line)) = late {
            src.error(
                rule.line,
                Message::new(
                    kind::CALC_ORDER,
                    [
                        ("field", rule.campo.to_string().into()),
                        ("read", read.to_string().into()),
                        ("line", line.into()),
                    ],
                ),
                Some(Message::new(kind::CALC_ORDER_HINT, [])),
            );
        }
    }
}

/// Every computed column has a rule (`given`: the fields rules are given
/// for).
fn check_missing(src: &mut Source, rows: &[Row], given: &[Field]) {
    for r in rows {
        for c in &r.riga.colonne {
            if !(r.riga.derivata || c.derivata) {
                continue;
            }
            let f = Field::new(&r.riga.codice, c.campo.as_deref());
            if !given.contains(&f) {
                src.error(
                    r.line,
                    Message::new(kind::CALC_MISSING, [("field", f.to_string().into())]),
                    Some(Message::new(kind::CALC_MISSING_HINT, [])),
                );
            }
        }
    }
}

fn tipo(name: &str) -> Option<Tipo> {
    Tipo::ALL.iter().find(|(_, n)| *n == name).map(|(t, _)| *t)
}

fn unknown_kind(name: &str) -> Message {
    let known: Vec<&str> = Tipo::ALL.iter().map(|(_, n)| *n).collect();
    Message::new(
        kind::CALC_UNKNOWN_KIND,
        [("kind", name.into()), ("known", known.join(", ").into())],
    )
}

/// Whether a column of this kind holds a number.
fn numeric(tipo: Tipo) -> bool {
    !matches!(tipo, Tipo::Testo | Tipo::Sino | Tipo::Relazione)
}

/// The field `codice`.`campo` of the edition, with its column's kind: it
/// must exist and hold a number.
fn field(rows: &[Row], codice: &str, campo: Option<&str>) -> Result<(Field, Tipo), Message> {
    let Some(row) = rows.iter().find(|r| r.riga.codice == codice) else {
        return Err(Message::new(
            kind::CALC_UNKNOWN_ROW,
            [("row", codice.into())],
        ));
    };
    let names = || {
        row.riga
            .colonne
            .iter()
            .filter_map(|c| c.campo.as_deref())
            .map(|c| format!("{codice}.{c}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let column = row
        .riga
        .colonne
        .iter()
        .find(|c| c.campo.as_deref() == campo);
    let Some(column) = column else {
        return Err(match campo {
            Some(name) => Message::new(
                kind::CALC_UNKNOWN_FIELD,
                [
                    ("row", codice.into()),
                    ("field", name.into()),
                    ("known", names().into()),
                ],
            ),
            None => Message::new(
                kind::CALC_FIELD_NEEDED,
                [("row", codice.into()), ("known", names().into())],
            ),
        });
    };
    let f = Field::new(codice, campo);
    if !numeric(column.tipo) {
        return Err(Message::new(
            kind::CALC_NOT_A_NUMBER,
            [("field", f.to_string().into())],
        ));
    }
    Ok((f, column.tipo))
}

/// What names resolve against: the edition's rows, and the row a rule
/// applies to (for `per_ogni_colonna`).
pub(super) struct Scope<'a> {
    pub(super) rows: &'a [Row<'a>],
    pub(super) own: Option<&'a Riga>,
    /// The names of the yes/no outcomes before (`[[esito]]`), by index.
    pub(super) esiti: &'a [String],
}

pub(super) fn resolve(raw: &Raw, scope: &Scope) -> Result<(Expr, Ty), FormulaError> {
    Ok(match raw {
        Raw::Number(n) => (Expr::Number(*n), Ty::Number),
        Raw::Code { codice, campo, at } => {
            let (f, _) = field(scope.rows, codice, campo.as_deref())
                .map_err(|m| FormulaError::new(*at, m))?;
            (Expr::Field(f), Ty::Number)
        }
        Raw::Name { name, at } => {
            if name == "vuoto" {
                return Ok((Expr::Blank, Ty::Number));
            }
            if let Some(i) = scope.esiti.iter().position(|e| e == name) {
                return Ok((Expr::Esito(i), Ty::Condition));
            }
            let Some(own) = scope.own.filter(|_| !is_function(name)) else {
                let m = if is_function(name) {
                    Message::new(kind::CALC_CALL_NEEDED, [("name", name.as_str().into())])
                } else {
                    Message::new(kind::CALC_NO_ROW, [("field", name.as_str().into())])
                };
                return Err(FormulaError::new(*at, m));
            };
            let (f, _) = field(scope.rows, &own.codice, Some(name))
                .map_err(|m| FormulaError::new(*at, m))?;
            (Expr::Field(f), Ty::Number)
        }
        Raw::Rows { kind: k, campo, at } => {
            let fields = rows_of(scope.rows, k, campo).map_err(|m| FormulaError::new(*at, m))?;
            (Expr::Rows(fields), Ty::Rows)
        }
        Raw::Neg(x) => {
            let (e, ty) = resolve(x, scope)?;
            (
                Expr::Neg(Box::new(want(e, ty, Ty::Number, x.at_or(0))?)),
                Ty::Number,
            )
        }
        Raw::Binary(op, a, b) => {
            let (ea, ta) = resolve(a, scope)?;
            let (eb, tb) = resolve(b, scope)?;
            let ty = if op.compares() {
                Ty::Condition
            } else {
                Ty::Number
            };
            (
                Expr::Binary(
                    *op,
                    Box::new(want(ea, ta, Ty::Number, a.at_or(0))?),
                    Box::new(want(eb, tb, Ty::Number, b.at_or(0))?),
                ),
                ty,
            )
        }
        Raw::Call { name, args, at } => call(name, args, *at, scope)?,
    })
}

fn is_function(name: &str) -> bool {
    Func::ALL.iter().any(|(_, n)| *n == name)
}

/// `e` where a `wanted` goes.
pub(super) fn want(e: Expr, ty: Ty, wanted: Ty, at: usize) -> Result<Expr, FormulaError> {
    // `vuoto` is blank in a condition's place too (an outcome left open).
    if ty == wanted || (wanted == Ty::Condition && e == Expr::Blank) {
        return Ok(e);
    }
    let m = match (wanted, ty) {
        (_, Ty::Rows) => Message::new(kind::CALC_ROWS_PLACE, []),
        (Ty::Condition, _) => Message::new(kind::CALC_WANT_CONDITION, []),
        _ => Message::new(kind::CALC_WANT_VALUE, []),
    };
    Err(FormulaError::new(at, m))
}

/// The field `campo` of every row of kind `k`: rows not computed that
/// have a column of that kind not computed, in the form's order.
fn rows_of(rows: &[Row], k: &str, campo: &str) -> Result<Vec<Field>, Message> {
    let Some(tipo) = tipo(k) else {
        return Err(unknown_kind(k));
    };
    let mut out = Vec::new();
    for r in rows {
        let of_kind =
            !r.riga.derivata && r.riga.colonne.iter().any(|c| c.tipo == tipo && !c.derivata);
        if of_kind {
            out.push(field(rows, &r.riga.codice, Some(campo))?.0);
        }
    }
    if out.is_empty() {
        return Err(Message::new(
            kind::CALC_NO_ROWS_OF_KIND,
            [("kind", k.into())],
        ));
    }
    Ok(out)
}

fn call(name: &str, args: &[Raw], at: usize, scope: &Scope) -> Result<(Expr, Ty), FormulaError> {
    let Some((func, _)) = Func::ALL.iter().find(|(_, n)| *n == name) else {
        let known: Vec<&str> = Func::ALL.iter().map(|(_, n)| *n).collect();
        return Err(FormulaError::new(
            at,
            Message::new(
                kind::CALC_UNKNOWN_FUNCTION,
                [("name", name.into()), ("known", known.join(", ").into())],
            ),
        ));
    };
    // (exactly, at least) arguments.
    let (exact, least) = match func {
        Func::Se => (Some(3), 3),
        Func::Arrotonda => (Some(2), 2),
        Func::Zero | Func::Non => (Some(1), 1),
        _ => (None, 1),
    };
    let count_kind = match exact {
        Some(_) if args.len() != least => Some(kind::CALC_ARGUMENTS),
        None if args.len() < least => Some(kind::CALC_ARGUMENTS_AT_LEAST),
        _ => None,
    };
    if let Some(k) = count_kind {
        return Err(FormulaError::new(
            at,
            Message::new(
                k,
                [
                    ("name", name.into()),
                    ("n", least.into()),
                    ("found", args.len().into()),
                ],
            ),
        ));
    }
    let mut resolved = Vec::new();
    for a in args {
        resolved.push(resolve(a, scope)?);
    }
    // `se` whose branches are conditions (or `vuoto` and a condition).
    let condition_branches =
        *func == Func::Se && resolved.iter().skip(1).any(|(_, t)| *t == Ty::Condition);
    let out: Vec<Expr> = match func {
        Func::Se => {
            let mut it = resolved.into_iter().zip(args);
            let mut next = |wanted| match it.next() {
                Some(((e, ty), raw)) => want(e, ty, wanted, raw.at_or(at)),
                None => Ok(Expr::Blank),
            };
            // A choice between conditions is a condition (an outcome's).
            let branch = if condition_branches {
                Ty::Condition
            } else {
                Ty::Number
            };
            vec![next(Ty::Condition)?, next(branch)?, next(branch)?]
        }
        Func::Arrotonda => {
            let mut it = resolved.into_iter();
            let (x, ty) = it.next().unwrap_or((Expr::Blank, Ty::Number));
            let places = match it.next() {
                Some((Expr::Number(n), _)) if n.fract().is_zero() && n <= 10.into() => n,
                _ => {
                    return Err(FormulaError::new(at, Message::new(kind::CALC_PLACES, [])));
                }
            };
            vec![
                want(x, ty, Ty::Number, at)?,
                Expr::Number(places.normalize()),
            ]
        }
        Func::Min | Func::Max | Func::Somma => resolved
            .into_iter()
            .zip(args)
            .map(|((e, ty), raw)| match ty {
                Ty::Rows => Ok(e),
                _ => want(e, ty, Ty::Number, raw.at_or(at)),
            })
            .collect::<Result<_, _>>()?,
        Func::Zero | Func::QualcheVuoto | Func::TuttiVuoti => resolved
            .into_iter()
            .map(|(e, _)| match e {
                Expr::Field(_) => Ok(e),
                Expr::Rows(_) if *func != Func::Zero => Ok(e),
                _ => Err(FormulaError::new(
                    at,
                    Message::new(kind::CALC_WANT_FIELDS, [("name", name.into())]),
                )),
            })
            .collect::<Result<_, _>>()?,
        Func::O | Func::E | Func::Non => resolved
            .into_iter()
            .zip(args)
            .map(|((e, ty), raw)| want(e, ty, Ty::Condition, raw.at_or(at)))
            .collect::<Result<_, _>>()?,
    };
    let ty = match func {
        Func::QualcheVuoto | Func::TuttiVuoti | Func::O | Func::E | Func::Non => Ty::Condition,
        Func::Se if condition_branches => Ty::Condition,
        _ => Ty::Number,
    };
    Ok((Expr::Call(*func, out), ty))
}
