//! Phone numbers of call records: normalised to E.164 (`+32470123467`), and
//! masked for the "call me no more" list (`+32 4** ** ** 67`), which keeps
//! only a keyed hash of the number and this hint (privacy statement: after an
//! opt-out keep only the minimum needed never to contact that person again).

use serde::{Deserialize, Serialize};
use std::fmt;

use crate::account::InvalidInput;

/// A phone number in E.164 form: `+`, a country code and at most 15 digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct E164(String);

/// Calling codes this product meets most; others are shown with a
/// two-digit code in the masked hint (the number itself stays exact).
const KNOWN_CODES: [&str; 14] = [
    "1", "7", "31", "32", "33", "34", "39", "41", "43", "44", "45", "49", "352", "353",
];

impl E164 {
    /// Reads a number as people type it. International numbers start with
    /// `+` or `00`; a number starting with a single `0` is Belgian (the
    /// tenant's country) and gets `+32`. Spaces, dots, dashes, slashes and
    /// parentheses are ignored.
    pub fn parse(raw: &str) -> Result<Self, InvalidInput> {
        let trimmed = raw.trim();
        // "+32 (0)9 ..." as printed on business cards: the (0) is dialled only nationally.
        let without_trunk = if trimmed.starts_with('+') {
            trimmed.replacen("(0)", "", 1)
        } else {
            trimmed.to_owned()
        };
        if trimmed.is_empty() {
            return Err(InvalidInput::new("required", "a phone number is required"));
        }
        let invalid = |why: &str| {
            InvalidInput::new(
                "invalid_phone",
                format!("'{trimmed}' is not a valid phone number: {why}"),
            )
        };
        let mut digits = String::new();
        for (i, c) in without_trunk.char_indices() {
            match c {
                '0'..='9' => digits.push(c),
                '+' if i == 0 => {}
                ' ' | '.' | '-' | '/' | '(' | ')' => {}
                _ => {
                    return Err(invalid(
                        "use digits, optionally starting with + (e.g. +32 470 12 34 67)",
                    ))
                }
            }
        }
        let international = if trimmed.starts_with('+') {
            digits
        } else if let Some(rest) = digits.strip_prefix("00") {
            rest.to_owned()
        } else if let Some(rest) = digits.strip_prefix('0') {
            format!("32{rest}")
        } else {
            return Err(invalid(
                "start with +, 00 or a Belgian 0 (e.g. 0470 12 34 67)",
            ));
        };
        if international.starts_with('0') {
            return Err(invalid("a country code never starts with 0"));
        }
        if !(8..=15).contains(&international.len()) {
            return Err(invalid(
                "E.164 numbers have 8 to 15 digits including the country code",
            ));
        }
        // Belgium: 8 digits after 32 for landlines, 9 for mobiles (04..).
        if let Some(national) = international.strip_prefix("32") {
            let ok = match national.len() {
                8 => !national.starts_with('4'),
                9 => national.starts_with('4'),
                _ => false,
            };
            if !ok {
                return Err(invalid(
                    "Belgian numbers have 8 digits after the 0 (mobiles 9, starting with 04)",
                ));
            }
        }
        Ok(Self(format!("+{international}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The country calling code (without `+`), as far as the hint needs it.
    fn country_code(&self) -> &str {
        let digits = &self.0[1..];
        KNOWN_CODES
            .iter()
            .filter(|code| digits.starts_with(**code))
            .max_by_key(|code| code.len())
            .copied()
            .unwrap_or(&digits[..2])
    }

    /// The number with all but the first and the last two national digits
    /// hidden, grouped for reading: `+32 4** ** ** 67`, `+32 9* ** ** 67`.
    pub fn masked(&self) -> String {
        let code = self.country_code();
        let national: Vec<char> = self.0[1 + code.len()..].chars().collect();
        let n = national.len();
        let shown: String = national
            .iter()
            .enumerate()
            .map(|(i, c)| if i == 0 || i + 2 >= n { *c } else { '*' })
            .collect();
        // The last six digits in pairs, whatever comes before as one group.
        let head = if n > 6 { n - 6 } else { 2 - n % 2 };
        let mut groups = vec![shown.chars().take(head).collect::<String>()];
        let rest: Vec<char> = shown.chars().skip(head).collect();
        groups.extend(rest.chunks(2).map(|pair| pair.iter().collect::<String>()));
        format!("+{code} {}", groups.join(" "))
    }
}

impl TryFrom<String> for E164 {
    type Error = InvalidInput;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<E164> for String {
    fn from(value: E164) -> Self {
        value.0
    }
}

impl fmt::Display for E164 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn belgian_numbers_as_typed_become_e164() {
        assert_eq!(
            E164::parse("0470 12 34 67").unwrap().as_str(),
            "+32470123467"
        );
        assert_eq!(
            E164::parse("+32 (0)9 123 45 67").unwrap().as_str(),
            "+3291234567"
        );
        assert_eq!(
            E164::parse("09 (0)123 45 67")
                .map(|n| n.0)
                .unwrap_err()
                .code,
            "invalid_phone"
        );
        assert_eq!(
            E164::parse("+32 9 123 45 67").unwrap().as_str(),
            "+3291234567"
        );
        assert_eq!(
            E164::parse("0032 2/555.12.34").unwrap().as_str(),
            "+3225551234"
        );
        assert_eq!(E164::parse("09 123 45 67").unwrap().as_str(), "+3291234567");
    }

    #[test]
    fn foreign_numbers_keep_their_code() {
        assert_eq!(
            E164::parse("+31 20 123 4567").unwrap().as_str(),
            "+31201234567"
        );
        assert_eq!(
            E164::parse("+352 621 123 456").unwrap().as_str(),
            "+352621123456"
        );
    }

    #[test]
    fn nonsense_is_refused() {
        for bad in [
            "",
            "abc",
            "12345",
            "+0123456789",
            "+32 470 12 34",
            "0470-12-34-67-89",
            "+1234567890123456",
            "470123467",
        ] {
            assert!(E164::parse(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn the_hint_shows_only_the_edges() {
        assert_eq!(
            E164::parse("0470 12 34 67").unwrap().masked(),
            "+32 4** ** ** 67"
        );
        assert_eq!(
            E164::parse("09 123 45 67").unwrap().masked(),
            "+32 9* ** ** 67"
        );
        assert_eq!(
            E164::parse("+352 621 123 456").unwrap().masked(),
            "+352 6** ** ** 56"
        );
        assert_eq!(
            E164::parse("+31 20 123 4567").unwrap().masked(),
            "+31 2** ** ** 67"
        );
    }
}
