//! Numbers as the form prints them: parsing the Italian notations the real
//! files use, formatting in the portal's style, and the form's rounding.
//!
//! The portal prints a decimal comma and no thousands separator (`124120,25`);
//! the IFEL page prints dotted thousands (`1.984.440,83`). Everything is exact
//! [`Decimal`]: no binary floating point on the way.

use rust_decimal::prelude::*;

/// Why a piece of text is not a number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberError {
    /// Nothing but white space.
    Empty,
    /// Not a number in any notation the form uses.
    NotANumber,
}

/// Parse a number written in Italian notation: decimal comma, optional dotted
/// thousands (`1.984.440,83`), optional leading minus (ASCII, U+2010, U+2212)
/// and a euro sign. A dot not followed by groups of exactly three digits is
/// read as a decimal point (`3.5`), which is what spreadsheets export.
pub fn parse_it(text: &str) -> Result<Decimal, NumberError> {
    let t = text
        .trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '€')
        .trim();
    if t.is_empty() {
        return Err(NumberError::Empty);
    }
    let (negative, body) = match t.chars().next() {
        Some(c @ ('-' | '\u{2010}' | '\u{2011}' | '\u{2212}')) => (true, &t[c.len_utf8()..]),
        Some('+') => (false, &t[1..]),
        _ => (false, t),
    };
    let body = body.trim();
    if body.is_empty()
        || !body
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return Err(NumberError::NotANumber);
    }
    let canonical = if let Some((int, frac)) = body.split_once(',') {
        if frac.contains(',') || frac.contains('.') || frac.is_empty() {
            return Err(NumberError::NotANumber);
        }
        format!("{}.{}", strip_thousands(int)?, frac)
    } else if body.contains('.') {
        match strip_thousands(body) {
            Ok(int)
                if body.matches('.').count() > 1 || body.len() - body.find('.').unwrap() == 4 =>
            {
                int
            }
            _ => {
                if body.matches('.').count() > 1 {
                    return Err(NumberError::NotANumber);
                }
                body.to_string()
            }
        }
    } else {
        body.to_string()
    };
    if canonical.starts_with('.') || canonical.ends_with('.') {
        return Err(NumberError::NotANumber);
    }
    let value = Decimal::from_str_exact(&canonical).map_err(|_| NumberError::NotANumber)?;
    Ok(if negative { -value } else { value })
}

/// Remove dotted thousands from an integer part: `1.984.440` -> `1984440`.
/// Each group after the first must have exactly three digits.
fn strip_thousands(int: &str) -> Result<String, NumberError> {
    if !int.contains('.') {
        if int.is_empty() {
            return Err(NumberError::NotANumber);
        }
        return Ok(int.to_string());
    }
    let mut groups = int.split('.');
    let first = groups.next().unwrap_or_default();
    if first.is_empty() || first.len() > 3 {
        return Err(NumberError::NotANumber);
    }
    let mut out = first.to_string();
    for g in groups {
        if g.len() != 3 {
            return Err(NumberError::NotANumber);
        }
        out.push_str(g);
    }
    Ok(out)
}

/// Whether `text` is a number in a notation [`parse_it`] accepts.
pub fn is_number(text: &str) -> bool {
    parse_it(text).is_ok()
}

/// Round half away from zero (the form's "half-up") to `places` decimals.
/// Never use `round_dp`, which rounds half to even.
pub fn round_half_up(value: Decimal, places: u32) -> Decimal {
    value.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero)
}

/// A decimal with at least `min_places` decimals, never rounded: a stored
/// `33.629149` keeps its six decimals, a stored `72` becomes `72.00`.
pub fn pad_places(value: Decimal, min_places: u32) -> Decimal {
    let mut v = value;
    if v.scale() < min_places {
        v.rescale(min_places);
    }
    v
}

/// Format a decimal in the portal's style: decimal comma, no thousands
/// separator, at least `min_places` decimals (`124120,25`, `0,00`).
pub fn format_it(value: Decimal, min_places: u32) -> String {
    pad_places(value, min_places).to_string().replace('.', ",")
}

/// Format a decimal with dotted thousands (`1.984.440,83`), as the IFEL page
/// and Italian spreadsheets print euro amounts.
pub fn format_it_grouped(value: Decimal, min_places: u32) -> String {
    let plain = pad_places(value, min_places).to_string();
    let (sign, digits) = match plain.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", plain.as_str()),
    };
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{grouped},{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// A decimal written as JSON wants it: at least two decimals for amounts.
pub fn to_plain(value: Decimal, min_places: u32) -> String {
    pad_places(value, min_places).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    #[test]
    fn parses_the_notations_of_the_seeds() {
        for (text, value) in [
            ("124120,25", "124120.25"),
            ("1.984.440,83", "1984440.83"),
            ("0,00", "0.00"),
            ("72", "72"),
            ("33,629149", "33.629149"),
            ("1.000", "1000"),
            ("3.5", "3.5"),
            ("\u{a0}4718 ", "4718"),
            ("€ 12,50", "12.50"),
            ("\u{2010}3", "-3"),
        ] {
            assert_eq!(parse_it(text), Ok(d(value)), "{text}");
        }
        for text in ["", "  "] {
            assert_eq!(parse_it(text), Err(NumberError::Empty));
        }
        for text in [
            "abc",
            "1,2,3",
            "12.34.5",
            ",5",
            "5,",
            "1.00.000",
            "2022-2024",
            "1:1331",
        ] {
            assert_eq!(parse_it(text), Err(NumberError::NotANumber), "{text}");
        }
    }

    #[test]
    fn rounds_half_up_not_to_even() {
        assert_eq!(round_half_up(d("461.875"), 2), d("461.88"));
        assert_eq!(round_half_up(d("2.5"), 0), d("3"));
        assert_eq!(round_half_up(d("0.125"), 2), d("0.13"));
    }

    #[test]
    fn formats_in_portal_style() {
        assert_eq!(format_it(d("124120.25"), 2), "124120,25");
        assert_eq!(format_it(d("0"), 2), "0,00");
        assert_eq!(format_it(d("33.629149"), 2), "33,629149");
        assert_eq!(format_it(d("1748"), 0), "1748");
        assert_eq!(format_it_grouped(d("1984440.83"), 2), "1.984.440,83");
        assert_eq!(format_it_grouped(d("440.8"), 2), "440,80");
        assert_eq!(format_it_grouped(d("1000"), 0), "1.000");
    }
}
