//! The Belgian structured communication (OGM/VCS), `+++123/4567/89012+++`:
//! ten digits and two check digits, the ten-digit number modulo 97, or 97
//! when that is 0 (Febelfin standard). Put on every invoice so a bank
//! transfer can be matched to it.

use super::numbering::InvoiceNumber;
use std::fmt;

/// The largest ten-digit base.
const MAX_BASE: u64 = 9_999_999_999;

/// A valid structured communication, kept as its twelve digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct StructuredCommunication {
    base: u64,
}

/// Why a typed structured communication was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StructuredCommunicationError {
    #[error("'{raw}' is not a structured communication: it needs exactly 12 digits, e.g. +++090/9337/55493+++")]
    WrongShape { raw: String },
    #[error("'{raw}' has check digits {given}, but {expected} was expected; check the number for a typo")]
    CheckDigitsMismatch {
        raw: String,
        given: u8,
        expected: u8,
    },
    #[error("{base} has more than ten digits")]
    BaseTooLarge { base: u64 },
}

impl StructuredCommunication {
    /// The communication for a ten-digit number (leading zeros are kept).
    pub fn from_base(base: u64) -> Result<Self, StructuredCommunicationError> {
        if base > MAX_BASE {
            return Err(StructuredCommunicationError::BaseTooLarge { base });
        }
        Ok(Self { base })
    }

    /// The communication for an invoice: its year and six-digit sequence as
    /// the base (`F-2026-000042` → base 2026000042), so each number of a
    /// series and year gets its own communication. Credit notes and other
    /// series with the same year and sequence get the same one: use it only
    /// for the series the buyer pays.
    pub fn for_invoice(number: &InvoiceNumber) -> Self {
        // year ≤ 9999 and sequence ≤ 999 999 (InvoiceNumber::new), so the base has at most ten digits.
        let year = u64::try_from(number.year()).unwrap_or(0);
        Self {
            base: year * 1_000_000 + u64::from(number.sequence()),
        }
    }

    /// Reads user input: `+++090/9337/55493+++`, `***090/9337/55493***`,
    /// `090/9337/55493` or `090933755493`, with or without spaces.
    pub fn parse(raw: &str) -> Result<Self, StructuredCommunicationError> {
        let trimmed = raw.trim();
        let inner = ["+++", "***"]
            .iter()
            .find_map(|mark| {
                trimmed
                    .strip_prefix(mark)
                    .and_then(|rest| rest.strip_suffix(mark))
            })
            .unwrap_or(trimmed);
        let digits: String = inner.chars().filter(|c| !matches!(c, '/' | ' ')).collect();
        if digits.len() != 12 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(StructuredCommunicationError::WrongShape {
                raw: trimmed.to_owned(),
            });
        }
        let wrong_shape = || StructuredCommunicationError::WrongShape {
            raw: trimmed.to_owned(),
        };
        let base: u64 = digits[..10].parse().map_err(|_| wrong_shape())?;
        let given: u8 = digits[10..].parse().map_err(|_| wrong_shape())?;
        let parsed = Self { base };
        let expected = parsed.check_digits();
        if given != expected {
            return Err(StructuredCommunicationError::CheckDigitsMismatch {
                raw: trimmed.to_owned(),
                given,
                expected,
            });
        }
        Ok(parsed)
    }

    /// The ten-digit number before the check digits.
    pub fn base(&self) -> u64 {
        self.base
    }

    /// The base modulo 97, or 97 when the remainder is 0.
    pub fn check_digits(&self) -> u8 {
        match self.base % 97 {
            0 => 97,
            // Less than 97: fits.
            remainder => u8::try_from(remainder).unwrap_or(97),
        }
    }

    /// The twelve digits without separators, as banks' structured fields take them.
    pub fn digits(&self) -> String {
        format!("{:010}{:02}", self.base, self.check_digits())
    }
}

/// Prints `+++123/4567/89012+++`.
impl fmt::Display for StructuredCommunication {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.digits();
        write!(f, "+++{}/{}/{}+++", &d[..3], &d[3..7], &d[7..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::billing::numbering::SeriesPrefix;
    use proptest::prelude::*;

    #[test]
    fn known_valid_examples() {
        for raw in [
            "+++090/9337/55493+++",
            "+++010/8068/17183+++",
            "***090/9337/55493***",
            "090/9337/55493",
            "090933755493",
            " +++ 090/9337/55493 +++ ",
        ] {
            assert!(StructuredCommunication::parse(raw).is_ok(), "{raw}");
        }
        assert_eq!(
            StructuredCommunication::parse("090933755493")
                .unwrap()
                .to_string(),
            "+++090/9337/55493+++"
        );
    }

    #[test]
    fn remainder_zero_gives_97() {
        let c = StructuredCommunication::from_base(9_700_000_000).unwrap();
        assert_eq!(c.check_digits(), 97);
        assert_eq!(c.to_string(), "+++970/0000/00097+++");
        assert!(StructuredCommunication::parse("+++000/0000/00097+++").is_ok());
        assert!(StructuredCommunication::parse("+++000/0000/00000+++").is_err());
    }

    #[test]
    fn typos_are_caught() {
        assert_eq!(
            StructuredCommunication::parse("+++090/9337/55494+++"),
            Err(StructuredCommunicationError::CheckDigitsMismatch {
                raw: "+++090/9337/55494+++".into(),
                given: 94,
                expected: 93
            })
        );
        assert!(matches!(
            StructuredCommunication::parse("+++090/9337/5549+++"),
            Err(StructuredCommunicationError::WrongShape { .. })
        ));
        assert!(matches!(
            StructuredCommunication::parse("+++090/9337/55493***"),
            Err(StructuredCommunicationError::WrongShape { .. })
        ));
        assert!(StructuredCommunication::from_base(10_000_000_000).is_err());
    }

    #[test]
    fn from_an_invoice_number() {
        let n = InvoiceNumber::new(SeriesPrefix::parse("F").unwrap(), 2026, 42).unwrap();
        let c = StructuredCommunication::for_invoice(&n);
        // 2026000042 mod 97 = 36.
        assert_eq!(c.to_string(), "+++202/6000/04236+++");
    }

    proptest! {
        #[test]
        fn every_generated_communication_parses_back(base in 0u64..=MAX_BASE) {
            let c = StructuredCommunication::from_base(base).unwrap();
            prop_assert_eq!(StructuredCommunication::parse(&c.to_string()).unwrap(), c);
            prop_assert!((1..=97).contains(&c.check_digits()));
        }
    }
}
