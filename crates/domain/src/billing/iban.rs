//! IBANs (ISO 13616) and BICs (ISO 9362), checked for shape and, for IBANs,
//! the mod-97 check digits — what a payment QR code or SEPA mandate needs.

use std::fmt;

/// IBAN lengths of the SEPA countries (SWIFT IBAN registry). Countries not
/// listed are accepted at any length from 15 to 34 if the check digits hold.
const SEPA_IBAN_LENGTHS: [(&str, usize); 39] = [
    ("AD", 24),
    ("AT", 20),
    ("BE", 16),
    ("BG", 22),
    ("CH", 21),
    ("CY", 28),
    ("CZ", 24),
    ("DE", 22),
    ("DK", 18),
    ("EE", 20),
    ("ES", 24),
    ("FI", 18),
    ("FO", 18),
    ("FR", 27),
    ("GB", 22),
    ("GI", 23),
    ("GL", 18),
    ("GR", 27),
    ("HR", 21),
    ("HU", 28),
    ("IE", 22),
    ("IS", 26),
    ("IT", 27),
    ("LI", 21),
    ("LT", 20),
    ("LU", 20),
    ("LV", 21),
    ("MC", 27),
    ("MT", 31),
    ("NL", 18),
    ("NO", 15),
    ("PL", 28),
    ("PT", 25),
    ("RO", 24),
    ("SE", 24),
    ("SI", 19),
    ("SK", 24),
    ("SM", 27),
    ("VA", 22),
];

/// Why an IBAN or BIC was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BankAccountError {
    #[error("'{raw}' is not an IBAN: it starts with a country code and two check digits, e.g. BE68 5390 0754 7034")]
    IbanShape { raw: String },
    #[error("'{raw}' has {length} characters, but {country} IBANs have {expected}")]
    IbanLength {
        raw: String,
        country: String,
        length: usize,
        expected: usize,
    },
    #[error("'{raw}' fails the IBAN check digits; check the number for a typo")]
    IbanChecksum { raw: String },
    #[error("'{raw}' is not a BIC: 8 or 11 letters and digits, e.g. GEBABEBB")]
    BicShape { raw: String },
}

/// An IBAN, stored without spaces in upper case (`BE68539007547034`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Iban(String);

impl Iban {
    /// Reads an IBAN typed with or without spaces, in any case.
    pub fn parse(raw: &str) -> Result<Self, BankAccountError> {
        let iban: String = raw
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_uppercase();
        let b = iban.as_bytes();
        let shape_ok = (15..=34).contains(&b.len())
            && b[..2].iter().all(u8::is_ascii_uppercase)
            && b[2..4].iter().all(u8::is_ascii_digit)
            && b.iter().all(u8::is_ascii_alphanumeric);
        if !shape_ok {
            return Err(BankAccountError::IbanShape {
                raw: raw.trim().to_owned(),
            });
        }
        if let Some((country, expected)) = SEPA_IBAN_LENGTHS.iter().find(|(c, _)| *c == &iban[..2])
        {
            if b.len() != *expected {
                return Err(BankAccountError::IbanLength {
                    raw: raw.trim().to_owned(),
                    country: (*country).to_owned(),
                    length: b.len(),
                    expected: *expected,
                });
            }
        }
        if mod97(&iban[4..], &iban[..4]) != 1 {
            return Err(BankAccountError::IbanChecksum {
                raw: raw.trim().to_owned(),
            });
        }
        Ok(Self(iban))
    }

    /// Without spaces, as machine formats (the QR code, pain.008) want it.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn country_code(&self) -> &str {
        &self.0[..2]
    }
}

/// Prints in groups of four, as on paper: `BE68 5390 0754 7034`.
impl fmt::Display for Iban {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let groups: Vec<&str> = self
            .0
            .as_bytes()
            .chunks(4)
            .filter_map(|c| std::str::from_utf8(c).ok())
            .collect();
        f.write_str(&groups.join(" "))
    }
}

/// ISO 7064 MOD 97-10 over `rest` followed by `head`, letters as 10–35.
fn mod97(rest: &str, head: &str) -> u32 {
    rest.chars().chain(head.chars()).fold(0, |acc, c| {
        // Alphanumeric only (checked above): digits 0–9, letters 10–35.
        let value = c.to_digit(36).unwrap_or(0);
        if value < 10 {
            (acc * 10 + value) % 97
        } else {
            (acc * 100 + value) % 97
        }
    })
}

/// A BIC (SWIFT code), 8 or 11 characters, upper case.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Bic(String);

impl Bic {
    pub fn parse(raw: &str) -> Result<Self, BankAccountError> {
        let bic = raw.trim().to_ascii_uppercase();
        let b = bic.as_bytes();
        let ok = matches!(b.len(), 8 | 11)
            && b[..6].iter().all(u8::is_ascii_uppercase)
            && b[6..].iter().all(u8::is_ascii_alphanumeric);
        if !ok {
            return Err(BankAccountError::BicShape {
                raw: raw.trim().to_owned(),
            });
        }
        Ok(Self(bic))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_valid_ibans() {
        for raw in [
            "BE68 5390 0754 7034",
            "be71096123456769",
            "BE72000000001616",
            "DE89 3704 0044 0532 0130 00",
            "NL91ABNA0417164300",
            "FR14 2004 1010 0505 0001 3M02 606",
            "GB82 WEST 1234 5698 7654 32",
        ] {
            assert!(Iban::parse(raw).is_ok(), "{raw}");
        }
        let iban = Iban::parse("be68539007547034").unwrap();
        assert_eq!(iban.as_str(), "BE68539007547034");
        assert_eq!(iban.to_string(), "BE68 5390 0754 7034");
        assert_eq!(iban.country_code(), "BE");
    }

    #[test]
    fn typos_and_wrong_lengths_are_refused() {
        assert!(matches!(
            Iban::parse("BE68 5390 0754 7035"),
            Err(BankAccountError::IbanChecksum { .. })
        ));
        assert!(matches!(
            Iban::parse("BE86 5390 0754 7034"),
            Err(BankAccountError::IbanChecksum { .. })
        ));
        assert!(matches!(
            Iban::parse("BE68 5390 0754 703"),
            Err(BankAccountError::IbanLength {
                expected: 16,
                length: 15,
                ..
            })
        ));
        assert!(matches!(
            Iban::parse("68BE 5390 0754 7034"),
            Err(BankAccountError::IbanShape { .. })
        ));
        assert!(matches!(
            Iban::parse("BE68-5390-0754-7034"),
            Err(BankAccountError::IbanShape { .. })
        ));
        assert!(matches!(
            Iban::parse(""),
            Err(BankAccountError::IbanShape { .. })
        ));
    }

    #[test]
    fn bics() {
        assert_eq!(Bic::parse("gebabebb").unwrap().as_str(), "GEBABEBB");
        assert!(Bic::parse("GKCCBEBB").is_ok());
        assert!(Bic::parse("DEUTDEFF500").is_ok());
        assert!(Bic::parse("GEBABEB").is_err());
        assert!(Bic::parse("GEB1BEBB").is_err());
    }
}
