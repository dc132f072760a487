//! A formula's text into its syntax tree ([`Raw`]), its names not yet
//! resolved: tokens, then a recursive descent by precedence (comparisons,
//! then `+ -`, then `* /`, then unary `-`).

use rust_decimal::Decimal;

use super::Op;
use crate::messages::{Message, kind};

/// A formula as written, with the byte offset of each name.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Raw {
    Number(Decimal),
    /// `R01.anno`, `R03`.
    Code {
        codice: String,
        campo: Option<String>,
        at: usize,
    },
    /// A bare lowercase name: a field of the rule's own row, or `vuoto`.
    Name {
        name: String,
        at: usize,
    },
    /// `righe(kind).campo`.
    Rows {
        kind: String,
        campo: String,
        at: usize,
    },
    Neg(Box<Raw>),
    Binary(Op, Box<Raw>, Box<Raw>),
    Call {
        name: String,
        args: Vec<Raw>,
        at: usize,
    },
}

impl Raw {
    /// The byte offset where the expression starts, where it has a name;
    /// else `default`.
    pub(super) fn at_or(&self, default: usize) -> usize {
        match self {
            Raw::Number(_) => default,
            Raw::Code { at, .. } | Raw::Name { at, .. } | Raw::Rows { at, .. } => *at,
            Raw::Call { at, .. } => *at,
            Raw::Neg(x) => x.at_or(default),
            Raw::Binary(_, a, _) => a.at_or(default),
        }
    }
}

/// An error of a formula, at a byte offset of its text.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct FormulaError {
    pub(super) at: usize,
    pub(super) message: Message,
}

impl FormulaError {
    pub(super) fn new(at: usize, message: Message) -> FormulaError {
        FormulaError { at, message }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Number(Decimal),
    /// A name starting with a capital letter: a row's code.
    Code(String),
    /// A name starting with a small letter: a function, a field, `vuoto`.
    Name(String),
    Open,
    Close,
    Comma,
    Dot,
    Op(Op),
    Minus,
    End,
}

impl Token {
    /// The token as it reads in a message: `` `)` ``, or the end.
    fn shown(&self) -> Message {
        let text = match self {
            Token::End => return Message::new(kind::CALC_END, []),
            Token::Number(n) => n.to_string(),
            Token::Code(s) | Token::Name(s) => s.clone(),
            Token::Open => "(".into(),
            Token::Close => ")".into(),
            Token::Comma => ",".into(),
            Token::Dot => ".".into(),
            Token::Minus => "-".into(),
            Token::Op(op) => op.symbol().into(),
        };
        Message::new(kind::CALC_QUOTED, [("text", text.into())])
    }
}

fn lex(text: &str) -> Result<Vec<(usize, Token)>, FormulaError> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let token = match c {
            c if c.is_whitespace() => continue,
            '(' => Token::Open,
            ')' => Token::Close,
            ',' => Token::Comma,
            '.' => Token::Dot,
            '+' => Token::Op(Op::Add),
            '-' => Token::Minus,
            '*' => Token::Op(Op::Mul),
            '/' => Token::Op(Op::Div),
            '=' => Token::Op(Op::Eq),
            '<' | '>' => {
                let next = chars.peek().map(|(_, n)| *n);
                let (op, long) = match (c, next) {
                    ('<', Some('=')) => (Op::Le, true),
                    ('<', Some('>')) => (Op::Ne, true),
                    ('<', _) => (Op::Lt, false),
                    (_, Some('=')) => (Op::Ge, true),
                    _ => (Op::Gt, false),
                };
                if long {
                    chars.next();
                }
                Token::Op(op)
            }
            '0'..='9' => {
                let mut end = at + 1;
                while let Some(&(i, n)) = chars.peek() {
                    if n.is_ascii_digit() || n == '.' {
                        end = i + 1;
                        chars.next();
                    } else {
                        break;
                    }
                }
                let digits = text.get(at..end).unwrap_or("");
                let number = Decimal::from_str_exact(digits)
                    .ok()
                    .filter(|_| !digits.ends_with('.'));
                match number {
                    Some(n) => Token::Number(n),
                    None => {
                        return Err(FormulaError::new(
                            at,
                            Message::new(kind::CALC_NUMBER, [("found", digits.into())]),
                        ));
                    }
                }
            }
            c if c.is_ascii_alphabetic() || c == '_' => {
                let mut end = at + c.len_utf8();
                while let Some(&(i, n)) = chars.peek() {
                    if n.is_ascii_alphanumeric() || n == '_' {
                        end = i + n.len_utf8();
                        chars.next();
                    } else {
                        break;
                    }
                }
                let word = text.get(at..end).unwrap_or("").to_string();
                if c.is_ascii_uppercase() {
                    Token::Code(word)
                } else {
                    Token::Name(word)
                }
            }
            other => {
                return Err(FormulaError::new(
                    at,
                    Message::new(kind::CALC_CHARACTER, [("found", other.to_string().into())]),
                ));
            }
        };
        out.push((at, token));
    }
    out.push((text.len(), Token::End));
    Ok(out)
}

/// Parse the formula `text`.
pub(super) fn parse(text: &str) -> Result<Raw, FormulaError> {
    let tokens = lex(text)?;
    let mut p = Parser { tokens, pos: 0 };
    let expr = p.comparison()?;
    p.expect_end()?;
    Ok(expr)
}

struct Parser {
    tokens: Vec<(usize, Token)>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> &Token {
        self.tokens.get(self.pos).map_or(&Token::End, |(_, t)| t)
    }

    fn at(&self) -> usize {
        self.tokens.get(self.pos).map_or(0, |(at, _)| *at)
    }

    fn next(&mut self) -> (usize, Token) {
        let item = self
            .tokens
            .get(self.pos)
            .cloned()
            .unwrap_or((0, Token::End));
        if self.pos < self.tokens.len() {
            self.pos += 1;
        }
        item
    }

    fn unexpected(&self) -> FormulaError {
        FormulaError::new(
            self.at(),
            Message::new(
                kind::CALC_UNEXPECTED,
                [("found", self.peek().shown().into())],
            ),
        )
    }

    fn expect(&mut self, want: Token, shown: &str) -> Result<(), FormulaError> {
        if *self.peek() == want {
            self.next();
            return Ok(());
        }
        Err(FormulaError::new(
            self.at(),
            Message::new(
                kind::CALC_EXPECTED,
                [
                    ("expected", shown.into()),
                    ("found", self.peek().shown().into()),
                ],
            ),
        ))
    }

    fn expect_end(&self) -> Result<(), FormulaError> {
        match self.peek() {
            Token::End => Ok(()),
            _ => Err(self.unexpected()),
        }
    }

    fn comparison(&mut self) -> Result<Raw, FormulaError> {
        let left = self.sum()?;
        if let Token::Op(op) = *self.peek()
            && op.compares()
        {
            self.next();
            let right = self.sum()?;
            return Ok(Raw::Binary(op, Box::new(left), Box::new(right)));
        }
        Ok(left)
    }

    fn sum(&mut self) -> Result<Raw, FormulaError> {
        let mut left = self.term()?;
        loop {
            let op = match self.peek() {
                Token::Op(Op::Add) => Op::Add,
                Token::Minus => Op::Sub,
                _ => return Ok(left),
            };
            self.next();
            let right = self.term()?;
            left = Raw::Binary(op, Box::new(left), Box::new(right));
        }
    }

    fn term(&mut self) -> Result<Raw, FormulaError> {
        let mut left = self.unary()?;
        loop {
            let op = match self.peek() {
                Token::Op(op @ (Op::Mul | Op::Div)) => *op,
                _ => return Ok(left),
            };
            self.next();
            let right = self.unary()?;
            left = Raw::Binary(op, Box::new(left), Box::new(right));
        }
    }

    fn unary(&mut self) -> Result<Raw, FormulaError> {
        if *self.peek() == Token::Minus {
            self.next();
            return Ok(Raw::Neg(Box::new(self.unary()?)));
        }
        self.primary()
    }

    fn primary(&mut self) -> Result<Raw, FormulaError> {
        let at = self.at();
        match self.peek().clone() {
            Token::Number(n) => {
                self.next();
                Ok(Raw::Number(n))
            }
            Token::Open => {
                self.next();
                let inner = self.comparison()?;
                self.expect(Token::Close, ")")?;
                Ok(inner)
            }
            Token::Code(codice) => {
                self.next();
                let campo = if *self.peek() == Token::Dot {
                    self.next();
                    Some(self.name()?)
                } else {
                    None
                };
                Ok(Raw::Code { codice, campo, at })
            }
            Token::Name(name) => {
                self.next();
                if *self.peek() != Token::Open {
                    return Ok(Raw::Name { name, at });
                }
                self.next();
                if name == "righe" {
                    let kind = self.name()?;
                    self.expect(Token::Close, ")")?;
                    self.expect(Token::Dot, ".")?;
                    let campo = self.name()?;
                    return Ok(Raw::Rows { kind, campo, at });
                }
                let mut args = Vec::new();
                if *self.peek() != Token::Close {
                    loop {
                        args.push(self.comparison()?);
                        if *self.peek() == Token::Comma {
                            self.next();
                        } else {
                            break;
                        }
                    }
                }
                self.expect(Token::Close, ")")?;
                Ok(Raw::Call { name, args, at })
            }
            _ => Err(self.unexpected()),
        }
    }

    /// A lowercase name (a field, a kind).
    fn name(&mut self) -> Result<String, FormulaError> {
        match self.peek().clone() {
            Token::Name(n) => {
                self.next();
                Ok(n)
            }
            _ => Err(self.unexpected()),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn code(c: &str, f: Option<&str>, at: usize) -> Raw {
        Raw::Code {
            codice: c.into(),
            campo: f.map(Into::into),
            at,
        }
    }

    #[test]
    fn precedence_and_associativity() {
        // a * 100 / b: left to right.
        let r = parse("X0B.utenti * 100 / X03").unwrap();
        let expected = Raw::Binary(
            Op::Div,
            Box::new(Raw::Binary(
                Op::Mul,
                Box::new(code("X0B", Some("utenti"), 0)),
                Box::new(Raw::Number(Decimal::ONE_HUNDRED)),
            )),
            Box::new(code("X03", None, 19)),
        );
        assert_eq!(r, expected);
        // + below *, comparison below +.
        let r = parse("X01 + X02 * 2 >= -1").unwrap();
        let Raw::Binary(Op::Ge, left, right) = r else {
            panic!("{r:?}")
        };
        assert!(matches!(*left, Raw::Binary(Op::Add, _, _)));
        assert_eq!(*right, Raw::Neg(Box::new(Raw::Number(Decimal::ONE))));
    }

    #[test]
    fn calls_rows_and_names() {
        let r = parse("somma(righe(utenti).utenti_2019, zero(X13))").unwrap();
        let Raw::Call { name, args, .. } = r else {
            panic!()
        };
        assert_eq!(name, "somma");
        assert_eq!(
            args[0],
            Raw::Rows {
                kind: "utenti".into(),
                campo: "utenti_2019".into(),
                at: 6
            }
        );
        assert!(matches!(&args[1], Raw::Call { name, .. } if name == "zero"));
        assert_eq!(
            parse("vuoto").unwrap(),
            Raw::Name {
                name: "vuoto".into(),
                at: 0
            }
        );
    }

    #[test]
    fn errors_name_the_place() {
        for (text, at, key) in [
            ("X03 +", 5, "calc_unexpected"),
            ("(X03", 4, "calc_expected"),
            ("X03 ; 2", 4, "calc_character"),
            ("1.2.3", 0, "calc_number"),
            ("X03 X04", 4, "calc_unexpected"),
            ("righe(utenti)", 13, "calc_expected"),
        ] {
            let e = parse(text).unwrap_err();
            assert_eq!((e.at, e.message.kind.key), (at, key), "{text}");
        }
    }
}
