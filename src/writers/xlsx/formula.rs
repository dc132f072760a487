//! The translator of the description's formulas ([`crate::form::expr`])
//! into the workbook's: given where each field's cell is, a rule becomes
//! the spreadsheet formula of its derived cell, word for word.
//!
//! | language | spreadsheet |
//! |---|---|
//! | `R03`, `R01.anno`, a field of the row | its cell (`C40`) |
//! | `righe(utenti).utenti` | its cells as ranges of consecutive rows (`D8:D14,D16:D22`) |
//! | `vuoto` | `""` |
//! | `se`, `arrotonda`, `min`, `max`, `somma` | `IF`, `ROUND`, `MIN`, `MAX`, `SUM` |
//! | `o`, `e`, `non` | `OR`, `AND`, `NOT` |
//! | `qualche_vuoto(a, b)` | `COUNT(a,b)<2` (one field: `COUNT(a)=0`) |
//! | `tutti_vuoti(a, b)` | `COUNT(a,b)=0` |
//! | `zero(f)` | `f` (a blank cell counts as 0); `N(f)` for a computed cell, which may hold `""` |
//!
//! Operators keep their precedence, so parentheses are written only where
//! the formula needs them (`C40/(C36+C37)`).

use std::collections::BTreeMap;

use rust_xlsxwriter::utility::row_col_to_cell;

use crate::form::Field;
use crate::form::expr::{Expr, Func};

/// The cell of every field of the sheet: (row code, model field or `""`)
/// -> (sheet row, column).
pub(super) type Cells = BTreeMap<(String, String), (u32, u16)>;

/// The spreadsheet formula of `e` (`=IF(...)`), its fields in `cells`
/// (a field the sheet does not have is read from `A1`, blank);
/// `computed` tells the fields whose cells hold a formula.
pub(super) fn excel(e: &Expr, cells: &Cells, computed: &dyn Fn(&Field) -> bool) -> String {
    let t = Translator { cells, computed };
    format!("={}", t.expr(e))
}

struct Translator<'a> {
    cells: &'a Cells,
    computed: &'a dyn Fn(&Field) -> bool,
}

impl Translator<'_> {
    fn place(&self, f: &Field) -> Option<(u32, u16)> {
        let key = (f.codice.clone(), f.campo.clone().unwrap_or_default());
        self.cells.get(&key).copied()
    }

    fn cell(&self, f: &Field) -> String {
        let (row, col) = self.place(f).unwrap_or_default();
        row_col_to_cell(row, col)
    }

    fn expr(&self, e: &Expr) -> String {
        match e {
            Expr::Number(n) => n.normalize().to_string(),
            Expr::Blank => r#""""#.to_string(),
            Expr::Field(f) => self.cell(f),
            Expr::Rows(fields) => self.runs(fields),
            Expr::Neg(x) => format!("-{}", self.operand(x, u8::MAX, false)),
            Expr::Binary(op, a, b) => {
                let p = op.precedence();
                format!(
                    "{}{}{}",
                    self.operand(a, p, false),
                    op.symbol(),
                    self.operand(b, p, true)
                )
            }
            Expr::Call(func, args) => self.call(*func, args),
            // Outcomes are not formulas of the workbook (the loader keeps
            // them out of a [[calcolo]]).
            Expr::Esito(_) => "\"\"".to_string(),
        }
    }

    /// An operand of an operator of precedence `parent`, in parentheses
    /// where it binds less tightly (or as tightly, on the right).
    fn operand(&self, e: &Expr, parent: u8, right: bool) -> String {
        let text = self.expr(e);
        let p = match e {
            Expr::Binary(op, _, _) => op.precedence(),
            Expr::Call(Func::QualcheVuoto | Func::TuttiVuoti, _) => 1,
            _ => u8::MAX,
        };
        if p < parent || (right && p == parent) {
            format!("({text})")
        } else {
            text
        }
    }

    /// Arguments as a list, with the count of cells it names.
    fn list(&self, args: &[Expr]) -> (String, usize) {
        let mut n = 0;
        let parts: Vec<String> = args
            .iter()
            .map(|a| {
                n += match a {
                    Expr::Rows(fields) => fields.len(),
                    _ => 1,
                };
                self.expr(a)
            })
            .collect();
        (parts.join(","), n)
    }

    fn call(&self, func: Func, args: &[Expr]) -> String {
        let (list, n) = self.list(args);
        match func {
            Func::Se => format!("IF({list})"),
            Func::Arrotonda => format!("ROUND({list})"),
            Func::Min => format!("MIN({list})"),
            Func::Max => format!("MAX({list})"),
            Func::Somma => format!("SUM({list})"),
            Func::O => format!("OR({list})"),
            Func::E => format!("AND({list})"),
            Func::Non => format!("NOT({list})"),
            Func::QualcheVuoto if n > 1 => format!("COUNT({list})<{n}"),
            Func::QualcheVuoto | Func::TuttiVuoti => format!("COUNT({list})=0"),
            Func::Zero => match args.first() {
                // A computed cell holds "" when blank, which arithmetic
                // does not take for 0.
                Some(Expr::Field(f)) if (self.computed)(f) => format!("N({list})"),
                _ => list,
            },
        }
    }

    /// The cells of `fields` as ranges of consecutive rows of a column:
    /// `C8:C14,C17:C23,...`.
    fn runs(&self, fields: &[Field]) -> String {
        let mut places: Vec<(u16, u32)> = fields
            .iter()
            .filter_map(|f| self.place(f))
            .map(|(row, col)| (col, row))
            .collect();
        places.sort_unstable();
        let mut out: Vec<String> = Vec::new();
        let mut i = 0;
        while let Some(&(col, start)) = places.get(i) {
            let mut end = start;
            while let Some(&(c, r)) = places.get(i + 1) {
                if c != col || r != end + 1 {
                    break;
                }
                end = r;
                i += 1;
            }
            out.push(format!(
                "{}:{}",
                row_col_to_cell(start, col),
                row_col_to_cell(end, col)
            ));
            i += 1;
        }
        out.join(",")
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use rust_decimal::Decimal;

    use super::*;
    use crate::form::expr::Op;

    fn field(code: &str, campo: Option<&str>) -> Expr {
        Expr::Field(Field::new(code, campo))
    }

    fn call(func: Func, args: Vec<Expr>) -> Expr {
        Expr::Call(func, args)
    }

    fn bin(op: Op, a: Expr, b: Expr) -> Expr {
        Expr::Binary(op, Box::new(a), Box::new(b))
    }

    /// Fields `X1`..`X9` in column C, rows 1-9, `X5` skipped (a heading);
    /// `Y1` in D1, computed.
    fn cells() -> Cells {
        let mut c = Cells::new();
        for i in (1..10).filter(|i| *i != 5) {
            c.insert((format!("X{i}"), String::new()), (i - 1, 2));
        }
        c.insert(("Y1".into(), "v".into()), (0, 3));
        c
    }

    fn t(e: &Expr) -> String {
        excel(e, &cells(), &|f| f.codice == "Y1")
    }

    #[test]
    fn each_construct_translates_word_for_word() {
        let x = |i: u32| field(&format!("X{i}"), None);
        let rows = Expr::Rows(
            (1..10)
                .map(|i| Field::new(&format!("X{i}"), None))
                .collect(),
        );
        let cases: Vec<(Expr, &str)> = vec![
            // Rows of a kind: ranges of consecutive rows, all counted.
            (
                call(Func::QualcheVuoto, vec![rows.clone()]),
                "=COUNT(C1:C4,C6:C9)<9",
            ),
            (call(Func::Somma, vec![rows]), "=SUM(C1:C4,C6:C9)"),
            // One field: blank is COUNT()=0, whichever function.
            (call(Func::QualcheVuoto, vec![x(1)]), "=COUNT(C1)=0"),
            (call(Func::TuttiVuoti, vec![x(1), x(2)]), "=COUNT(C1,C2)=0"),
            // Parentheses only where they are needed.
            (bin(Op::Div, x(1), bin(Op::Add, x(2), x(3))), "=C1/(C2+C3)"),
            (
                bin(Op::Div, bin(Op::Mul, x(1), Expr::Number(100.into())), x(2)),
                "=C1*100/C2",
            ),
            (bin(Op::Sub, x(1), bin(Op::Sub, x(2), x(3))), "=C1-(C2-C3)"),
            (Expr::Neg(Box::new(bin(Op::Add, x(1), x(2)))), "=-(C1+C2)"),
            (
                bin(
                    Op::Eq,
                    bin(Op::Add, x(1), x(2)),
                    Expr::Number(Decimal::ZERO),
                ),
                "=C1+C2=0",
            ),
            // Numbers as spreadsheets write them; the blank value.
            (
                call(
                    Func::Se,
                    vec![
                        call(
                            Func::Non,
                            vec![call(Func::E, vec![bin(Op::Ge, x(1), x(2))])],
                        ),
                        Expr::Blank,
                        call(
                            Func::Arrotonda,
                            vec![Expr::Number(Decimal::new(1050, 2)), Expr::Number(1.into())],
                        ),
                    ],
                ),
                r#"=IF(NOT(AND(C1>=C2)),"",ROUND(10.5,1))"#,
            ),
            // zero(): an input cell counts as 0 when blank, a computed one
            // may hold "".
            (call(Func::Zero, vec![x(1)]), "=C1"),
            (call(Func::Zero, vec![field("Y1", Some("v"))]), "=N(D1)"),
            // A field the sheet lacks reads A1.
            (field("Z9", None), "=A1"),
        ];
        for (e, expected) in cases {
            assert_eq!(t(&e), expected, "{e:?}");
        }
    }
}
