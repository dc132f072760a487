//! Serde for exact decimals as JSON numbers.

/// Serde for `Option<Decimal>` as an exact JSON number written with the
/// decimals it has (a percentage or a mean keeps the precision it was
/// printed with: `33.629149`, `72`, `4.81`).
pub(super) mod dec_opt {
    use rust_decimal::Decimal;
    use serde::{Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(value: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(d) => {
                let number: serde_json::Number =
                    d.to_string().parse().map_err(serde::ser::Error::custom)?;
                number.serialize(s)
            }
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
        rust_decimal::serde::arbitrary_precision_option::deserialize(d)
    }
}

/// Serde for `Option<Decimal>` as an exact JSON number with at least two
/// decimals when written (`0.00`, `1984440.83`; `33.629149` stays as it is).
pub(super) mod dec2_opt {
    use rust_decimal::Decimal;
    use serde::{Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(value: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(d) => {
                let text = crate::number::to_plain(*d, 2);
                let number: serde_json::Number = text.parse().map_err(serde::ser::Error::custom)?;
                number.serialize(s)
            }
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
        rust_decimal::serde::arbitrary_precision_option::deserialize(d)
    }
}
