//! The form's date and time to the minute.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::messages::{Message, kind};

/// A date and time to the minute, as the form prints it (`20/03/2026 10:30`)
/// and as the model stores it (`2026-03-20T10:30`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DataOra {
    /// Year.
    pub year: i32,
    /// Month, 1-12.
    pub month: u8,
    /// Day, 1-31.
    pub day: u8,
    /// Hour, 0-23.
    pub hour: u8,
    /// Minute, 0-59.
    pub minute: u8,
}

impl DataOra {
    /// Build a checked date-time.
    pub fn new(year: i32, month: u8, day: u8, hour: u8, minute: u8) -> Option<Self> {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        ((1000..=9999).contains(&year) && (1..=days).contains(&day) && hour < 24 && minute < 60)
            .then_some(DataOra {
                year,
                month,
                day,
                hour,
                minute,
            })
    }

    /// Parse the form's printed notation `dd/mm/yyyy hh:mm` (also `dd/mm/yyyy`).
    pub fn parse_it(text: &str) -> Option<Self> {
        let text = text.trim();
        let (date, time) = match text.split_once(char::is_whitespace) {
            Some((d, t)) => (d, t.trim()),
            None => (text, "00:00"),
        };
        let mut d = date.split('/');
        let (day, month, year) = (d.next()?, d.next()?, d.next()?);
        if d.next().is_some() {
            return None;
        }
        let (hour, minute) = time.split_once(':')?;
        DataOra::new(
            year.parse().ok()?,
            month.parse().ok()?,
            day.parse().ok()?,
            hour.parse().ok()?,
            minute.parse().ok()?,
        )
    }

    /// The form's printed notation, `20/03/2026 10:30`.
    pub fn format_it(&self) -> String {
        format!(
            "{:02}/{:02}/{:04} {:02}:{:02}",
            self.day, self.month, self.year, self.hour, self.minute
        )
    }
}

impl fmt::Display for DataOra {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}T{:02}:{:02}",
            self.year, self.month, self.day, self.hour, self.minute
        )
    }
}

impl FromStr for DataOra {
    type Err = Message;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || Message::new(kind::NOT_A_DATE_TIME, [("found", s.into())]);
        let (date, time) = s.split_once('T').ok_or_else(bad)?;
        let mut d = date.split('-');
        let (y, m, day) = (
            d.next().ok_or_else(bad)?,
            d.next().ok_or_else(bad)?,
            d.next().ok_or_else(bad)?,
        );
        let (h, min) = time.split_once(':').ok_or_else(bad)?;
        if d.next().is_some() || y.len() != 4 || m.len() != 2 || day.len() != 2 || h.len() != 2 {
            return Err(bad());
        }
        let min = min.strip_suffix(":00").unwrap_or(min);
        if min.len() != 2 {
            return Err(bad());
        }
        DataOra::new(
            y.parse().map_err(|_| bad())?,
            m.parse().map_err(|_| bad())?,
            day.parse().map_err(|_| bad())?,
            h.parse().map_err(|_| bad())?,
            min.parse().map_err(|_| bad())?,
        )
        .ok_or_else(bad)
    }
}

impl Serialize for DataOra {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DataOra {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}
