//! Formulas parsed: the text of a cell's formula (Excel's, or
//! LibreOffice's `of:=` with bracketed references) into an expression, or
//! why it cannot be (a [`Message`] of the catalogue).

use std::str::FromStr;

use rust_decimal::Decimal;

use super::{FUNCTIONS, MAX_DEPTH, Value};
use crate::messages::{Arg, Kind, Message, kind as k};

/// Why a formula cannot be parsed, of `kind` without arguments.
fn why(kind: Kind) -> Message {
    Message::new(kind, [])
}

#[derive(Debug, Clone, PartialEq)]
pub(super) struct Ref {
    pub(super) sheet: Option<String>,
    pub(super) row: u32,
    pub(super) col: u32,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Op {
    Add,
    Sub,
    Mul,
    Div,
    Pow,
    Concat,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl Op {
    fn precedence(self) -> u8 {
        match self {
            Op::Eq | Op::Ne | Op::Lt | Op::Le | Op::Gt | Op::Ge => 1,
            Op::Concat => 2,
            Op::Add | Op::Sub => 3,
            Op::Mul | Op::Div => 4,
            Op::Pow => 5,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Expr {
    Literal(Value),
    Cell(Ref),
    Range(Ref, Ref),
    Neg(Box<Expr>),
    Percent(Box<Expr>),
    Binary(Op, Box<Expr>, Box<Expr>),
    Call(String, Vec<Expr>),
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(Decimal),
    Str(String),
    /// A cell, a function's name, `TRUE`/`FALSE`.
    Name(String),
    /// A sheet's name, written before `!`.
    Sheet(String),
    Op(Op),
    Percent,
    Open,
    Close,
    Sep,
    Colon,
}

/// The formula as Excel writes it: without `=`, and LibreOffice's `of:=`
/// and bracketed references (`[.C5:.C25]`, `[$Quadro1.B3]`) rewritten.
fn normalise(formula: &str) -> String {
    let f = formula.trim();
    let f = f.strip_prefix("of:").unwrap_or(f);
    let f = f.strip_prefix('=').unwrap_or(f);
    if !f.contains('[') {
        return f.to_string();
    }
    let mut out = String::with_capacity(f.len());
    let mut in_text = false;
    let mut chars = f.chars();
    while let Some(c) = chars.next() {
        if c == '"' {
            in_text = !in_text;
        }
        if c != '[' || in_text {
            out.push(c);
            continue;
        }
        let inner: String = chars.by_ref().take_while(|&c| c != ']').collect();
        let parts: Vec<String> = inner.split(':').map(odf_ref).collect();
        out.push_str(&parts.join(":"));
    }
    out
}

/// `.C5` -> `C5`, `$Quadro1.B3` -> `Quadro1!B3`, `'Quadro 1'.B3` ->
/// `'Quadro 1'!B3`.
fn odf_ref(part: &str) -> String {
    let part = part.trim().trim_start_matches('$');
    match part.rfind('.') {
        Some(0) => part[1..].to_string(),
        Some(dot) => format!("{}!{}", &part[..dot], &part[dot + 1..]),
        None => part.to_string(),
    }
}

fn tokens(f: &str) -> Result<Vec<Tok>, Message> {
    let chars: Vec<char> = f.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let at = |i: usize| chars.get(i).copied();
    while let Some(c) = at(i) {
        i += 1;
        let tok = match c {
            ' ' | '\n' | '\r' | '\t' => continue,
            '+' => Tok::Op(Op::Add),
            '-' => Tok::Op(Op::Sub),
            '*' => Tok::Op(Op::Mul),
            '/' => Tok::Op(Op::Div),
            '^' => Tok::Op(Op::Pow),
            '&' => Tok::Op(Op::Concat),
            '%' => Tok::Percent,
            '=' => Tok::Op(Op::Eq),
            '(' => Tok::Open,
            ')' => Tok::Close,
            ',' | ';' => Tok::Sep,
            ':' => Tok::Colon,
            '<' | '>' => {
                let next = at(i);
                let op = match (c, next) {
                    ('<', Some('>')) => Op::Ne,
                    ('<', Some('=')) => Op::Le,
                    ('>', Some('=')) => Op::Ge,
                    ('<', _) => Op::Lt,
                    _ => Op::Gt,
                };
                if matches!(op, Op::Ne | Op::Le | Op::Ge) {
                    i += 1;
                }
                Tok::Op(op)
            }
            '"' => {
                let mut text = String::new();
                loop {
                    match at(i) {
                        None => return Err(why(k::FORMULA_TEXT_UNCLOSED)),
                        Some('"') if at(i + 1) == Some('"') => {
                            text.push('"');
                            i += 2;
                        }
                        Some('"') => {
                            i += 1;
                            break;
                        }
                        Some(c) => {
                            text.push(c);
                            i += 1;
                        }
                    }
                }
                Tok::Str(text)
            }
            '\'' => {
                let mut name = String::new();
                loop {
                    match at(i) {
                        None => return Err(why(k::FORMULA_SHEET_UNCLOSED)),
                        Some('\'') if at(i + 1) == Some('\'') => {
                            name.push('\'');
                            i += 2;
                        }
                        Some('\'') => {
                            i += 1;
                            break;
                        }
                        Some(c) => {
                            name.push(c);
                            i += 1;
                        }
                    }
                }
                if at(i) != Some('!') {
                    let sheet = name.into();
                    return Err(Message::new(
                        k::FORMULA_SHEET_WITHOUT_BANG,
                        [("sheet", sheet)],
                    ));
                }
                i += 1;
                Tok::Sheet(name)
            }
            c if c.is_ascii_digit() || (c == '.' && at(i).is_some_and(|d| d.is_ascii_digit())) => {
                let start = i - 1;
                while at(i).is_some_and(|d| d.is_ascii_digit() || d == '.') {
                    i += 1;
                }
                if matches!(at(i), Some('e' | 'E'))
                    && at(i + 1).is_some_and(|d| d.is_ascii_digit() || d == '+' || d == '-')
                {
                    i += 2;
                    while at(i).is_some_and(|d| d.is_ascii_digit()) {
                        i += 1;
                    }
                }
                let text: String = chars.get(start..i).unwrap_or_default().iter().collect();
                let n = Decimal::from_str(&text)
                    .or_else(|_| Decimal::from_scientific(&text))
                    .map_err(|_| {
                        Message::new(k::FORMULA_NOT_A_NUMBER, [("text", text.as_str().into())])
                    })?;
                Tok::Num(n)
            }
            c if c.is_alphabetic() || c == '_' || c == '$' || c == '\\' => {
                let start = i - 1;
                while at(i).is_some_and(|d| d.is_alphanumeric() || matches!(d, '_' | '$' | '.')) {
                    i += 1;
                }
                let name: String = chars.get(start..i).unwrap_or_default().iter().collect();
                if at(i) == Some('!') {
                    i += 1;
                    Tok::Sheet(name)
                } else {
                    Tok::Name(name)
                }
            }
            c => {
                let c = c.to_string().into();
                return Err(Message::new(k::FORMULA_UNEXPECTED_CHAR, [("char", c)]));
            }
        };
        out.push(tok);
    }
    Ok(out)
}

/// `$C$12` -> (row 11, column 2).
pub(super) fn cell_name(name: &str) -> Option<(u32, u32)> {
    let name = name.replace('$', "");
    let split = name.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = name.split_at(split);
    if letters.is_empty() || letters.len() > 3 || !letters.chars().all(|c| c.is_ascii_alphabetic())
    {
        return None;
    }
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let col = letters.chars().fold(0u32, |acc, c| {
        acc * 26 + (c.to_ascii_uppercase() as u32 - 'A' as u32 + 1)
    });
    let row: u32 = digits.parse().ok()?;
    ((1..=1_048_576).contains(&row) && col <= 16_384).then(|| (row - 1, col - 1))
}

struct Parser {
    toks: Vec<Tok>,
    pos: usize,
    depth: u32,
}

/// Parse a formula (with or without its `=`).
pub(super) fn parse(formula: &str) -> Result<Expr, Message> {
    let mut p = Parser {
        toks: tokens(&normalise(formula))?,
        pos: 0,
        depth: 0,
    };
    if p.toks.is_empty() {
        return Err(why(k::FORMULA_EMPTY));
    }
    let (e, _) = p.binary(0)?;
    match p.toks.get(p.pos) {
        None => Ok(e),
        Some(t) => Err(Message::new(
            k::FORMULA_UNEXPECTED_AFTER,
            [("found", shown(t))],
        )),
    }
}

/// A part of a formula as a reason shows it: quoted, or named.
fn shown(t: &Tok) -> Arg {
    match t {
        Tok::Num(n) => format!("`{n}`").into(),
        Tok::Str(s) => format!("\"{s}\"").into(),
        Tok::Name(n) => format!("`{n}`").into(),
        Tok::Sheet(s) => format!("`{s}!`").into(),
        Tok::Op(_) | Tok::Percent => why(k::FORMULA_AN_OPERATOR).into(),
        Tok::Open => "`(`".into(),
        Tok::Close => "`)`".into(),
        Tok::Sep => why(k::FORMULA_A_SEPARATOR).into(),
        Tok::Colon => "`:`".into(),
    }
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos)
    }

    fn next(&mut self) -> Option<Tok> {
        let t = self.toks.get(self.pos).cloned();
        self.pos += 1;
        t
    }

    fn deeper(&mut self, depth: u32) -> Result<u32, Message> {
        if depth >= MAX_DEPTH / 2 {
            return Err(why(k::FORMULA_NESTED_TOO_DEEPLY));
        }
        Ok(depth + 1)
    }

    /// Operators of at least `min` precedence, left to right; each
    /// expression comes with its depth.
    fn binary(&mut self, min: u8) -> Result<(Expr, u32), Message> {
        let (mut left, mut depth) = self.unary()?;
        while let Some(Tok::Op(op)) = self.peek() {
            let op = *op;
            if op.precedence() < min {
                break;
            }
            self.pos += 1;
            let (right, d) = self.binary(op.precedence() + 1)?;
            depth = self.deeper(depth.max(d))?;
            left = Expr::Binary(op, Box::new(left), Box::new(right));
        }
        Ok((left, depth))
    }

    fn unary(&mut self) -> Result<(Expr, u32), Message> {
        self.depth += 1;
        if self.depth > MAX_DEPTH / 2 {
            return Err(why(k::FORMULA_NESTED_TOO_DEEPLY));
        }
        let out = match self.peek() {
            Some(Tok::Op(Op::Sub)) => {
                self.pos += 1;
                let (e, d) = self.unary()?;
                Ok((Expr::Neg(Box::new(e)), self.deeper(d)?))
            }
            Some(Tok::Op(Op::Add)) => {
                self.pos += 1;
                self.unary()
            }
            _ => {
                let (mut e, mut d) = self.primary()?;
                while self.peek() == Some(&Tok::Percent) {
                    self.pos += 1;
                    e = Expr::Percent(Box::new(e));
                    d = self.deeper(d)?;
                }
                Ok((e, d))
            }
        };
        self.depth -= 1;
        out
    }

    fn primary(&mut self) -> Result<(Expr, u32), Message> {
        match self.next() {
            Some(Tok::Num(n)) => Ok((Expr::Literal(Value::Number(n)), 1)),
            Some(Tok::Str(s)) => Ok((Expr::Literal(Value::Text(s)), 1)),
            Some(Tok::Open) => {
                let (e, d) = self.binary(0)?;
                match self.next() {
                    Some(Tok::Close) => Ok((e, d)),
                    _ => Err(why(k::FORMULA_PAREN_UNCLOSED)),
                }
            }
            Some(Tok::Sheet(sheet)) => match self.next() {
                Some(Tok::Name(name)) => self.reference(Some(sheet), &name),
                _ => Err(Message::new(
                    k::FORMULA_SHEET_WITHOUT_CELL,
                    [("sheet", sheet.into())],
                )),
            },
            Some(Tok::Name(name)) if self.peek() == Some(&Tok::Open) => {
                self.pos += 1;
                self.call(&name)
            }
            Some(Tok::Name(name)) => match name.to_ascii_uppercase().as_str() {
                "TRUE" => Ok((Expr::Literal(Value::Bool(true)), 1)),
                "FALSE" => Ok((Expr::Literal(Value::Bool(false)), 1)),
                _ => self.reference(None, &name),
            },
            Some(t) => Err(Message::new(k::FORMULA_UNEXPECTED, [("found", shown(&t))])),
            None => Err(why(k::FORMULA_ENDS_EARLY)),
        }
    }

    /// A cell, or a range when `:` follows.
    fn reference(&mut self, sheet: Option<String>, name: &str) -> Result<(Expr, u32), Message> {
        let Some((row, col)) = cell_name(name) else {
            return Err(Message::new(k::FORMULA_NAME, [("name", name.into())]));
        };
        let first = Ref { sheet, row, col };
        if self.peek() != Some(&Tok::Colon) {
            return Ok((Expr::Cell(first), 1));
        }
        self.pos += 1;
        let (sheet, name) = match self.next() {
            Some(Tok::Name(n)) => (None, n),
            Some(Tok::Sheet(s)) => match self.next() {
                Some(Tok::Name(n)) => (Some(s), n),
                _ => return Err(why(k::FORMULA_RANGE_WITHOUT_END)),
            },
            _ => return Err(why(k::FORMULA_RANGE_WITHOUT_END)),
        };
        if sheet.is_some() && sheet != first.sheet {
            return Err(why(k::FORMULA_RANGE_ACROSS_SHEETS));
        }
        let (row, col) = cell_name(&name).ok_or_else(|| {
            Message::new(
                k::FORMULA_RANGE_END_NOT_CELL,
                [("name", name.as_str().into())],
            )
        })?;
        let last = Ref {
            sheet: first.sheet.clone(),
            row,
            col,
        };
        Ok((Expr::Range(first, last), 1))
    }

    fn call(&mut self, name: &str) -> Result<(Expr, u32), Message> {
        let upper = name.to_ascii_uppercase();
        let upper = upper.strip_prefix("_XLFN.").unwrap_or(&upper).to_string();
        let mut args = Vec::new();
        let mut depth = 1;
        if self.peek() == Some(&Tok::Close) {
            self.pos += 1;
        } else {
            loop {
                let (arg, d) = match self.peek() {
                    Some(Tok::Sep | Tok::Close) => (Expr::Literal(Value::Blank), 1),
                    _ => self.binary(0)?,
                };
                depth = depth.max(d);
                args.push(arg);
                match self.next() {
                    Some(Tok::Sep) => continue,
                    Some(Tok::Close) => break,
                    _ => {
                        let function = upper.as_str().into();
                        return Err(Message::new(
                            k::FORMULA_CALL_UNCLOSED,
                            [("function", function)],
                        ));
                    }
                }
            }
        }
        if !FUNCTIONS.contains(&upper.as_str()) {
            return Err(Message::new(
                k::FORMULA_FUNCTION,
                [("function", upper.into())],
            ));
        }
        Ok((Expr::Call(upper, args), self.deeper(depth)?))
    }
}
