//! VAT identification numbers: normalised, checked for the member state's
//! format, and for Belgium and Germany checked against their check digits.
//!
//! A number that passes here can still be unknown to VIES; this catches typos.

use crate::account::InvalidInput;
use crate::country::Country;
use std::fmt;

/// A VAT number in its normalised form: prefix and characters, no spaces or
/// dots (`BE0810231595`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct VatNumber(String);

impl VatNumber {
    /// Parses `raw` as a VAT number of a company established in `country`.
    ///
    /// The prefix may be omitted (`0810.231.595` for Belgium). EU numbers are
    /// checked against the member state's format; Belgian (mod 97) and German
    /// (ISO 7064 mod 11,10) check digits are verified. Outside the EU the
    /// number is kept as an alphanumeric tax identifier.
    pub fn parse(raw: &str, country: Country) -> Result<Self, InvalidInput> {
        let compact: String = raw
            .chars()
            .filter(|c| !matches!(c, ' ' | '.' | '-' | '/'))
            .collect::<String>()
            .to_ascii_uppercase();
        if compact.is_empty() {
            return Err(InvalidInput::new("required", "a VAT number is required"));
        }
        let prefix = country.vat_prefix();
        let body = compact.strip_prefix(prefix).unwrap_or(&compact);
        if !country.is_eu_member() {
            if !(4..=20).contains(&body.len()) || !body.chars().all(|c| c.is_ascii_alphanumeric()) {
                return Err(InvalidInput::new(
                    "invalid_vat_number",
                    "a tax identification number has 4 to 20 letters and digits",
                ));
            }
            return Ok(Self(format!("{prefix}{body}")));
        }
        if body.len() >= 2
            && body.as_bytes()[..2].iter().all(u8::is_ascii_alphabetic)
            && compact.starts_with(body)
        {
            let given = &body[..2];
            if Country::parse(given).is_ok() || given == "EL" {
                return Err(InvalidInput::new(
                    "vat_country_mismatch",
                    format!("the VAT number starts with {given} but the company's country is {country}; the prefix must be {prefix}"),
                ));
            }
        }
        if !matches_format(prefix, body) {
            return Err(InvalidInput::new(
                "invalid_vat_number",
                format!(
                    "'{}' is not a valid {prefix} VAT number: {}",
                    raw.trim(),
                    format_hint(prefix)
                ),
            ));
        }
        let checksum_ok = match prefix {
            "BE" => belgian_checksum_ok(body),
            "DE" => german_checksum_ok(body),
            _ => true,
        };
        if !checksum_ok {
            return Err(InvalidInput::new(
                "vat_checksum_mismatch",
                format!(
                    "'{}' fails the {prefix} VAT check digits; check the number for a typo",
                    raw.trim()
                ),
            ));
        }
        Ok(Self(format!("{prefix}{body}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for VatNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn digits(s: &str, n: std::ops::RangeInclusive<usize>) -> bool {
    n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

fn alnum(b: u8) -> bool {
    b.is_ascii_digit() || b.is_ascii_uppercase()
}

/// The member states' VAT number formats (European Commission, VIES FAQ).
fn matches_format(prefix: &str, body: &str) -> bool {
    let b = body.as_bytes();
    match prefix {
        "AT" => body.len() == 9 && b[0] == b'U' && digits(&body[1..], 8..=8),
        "BE" => digits(body, 10..=10) && matches!(b[0], b'0' | b'1'),
        "BG" => digits(body, 9..=10),
        "CY" => body.len() == 9 && digits(&body[..8], 8..=8) && b[8].is_ascii_uppercase(),
        "CZ" => digits(body, 8..=10),
        "DE" | "EE" | "EL" | "PT" => digits(body, 9..=9),
        "DK" | "FI" | "HU" | "LU" | "MT" | "SI" => digits(body, 8..=8),
        "ES" => body.len() == 9 && alnum(b[0]) && digits(&body[1..8], 7..=7) && alnum(b[8]),
        "FR" => body.len() == 11 && alnum(b[0]) && alnum(b[1]) && digits(&body[2..], 9..=9),
        "HR" | "IT" | "LV" => digits(body, 11..=11),
        "IE" => {
            (8..=9).contains(&body.len()) && b.iter().all(|c| alnum(*c)) && b[0].is_ascii_digit()
        }
        "LT" => digits(body, 9..=9) || digits(body, 12..=12),
        "NL" => {
            body.len() == 12
                && digits(&body[..9], 9..=9)
                && b[9] == b'B'
                && digits(&body[10..], 2..=2)
        }
        "PL" | "SK" => digits(body, 10..=10),
        "RO" => digits(body, 2..=10),
        "SE" => digits(body, 12..=12),
        _ => false,
    }
}

fn format_hint(prefix: &str) -> &'static str {
    match prefix {
        "BE" => "Belgian numbers have 10 digits starting with 0 or 1, e.g. BE0123.456.749",
        "NL" => "Dutch numbers have 9 digits, the letter B and 2 digits, e.g. NL123456789B01",
        "FR" => "French numbers have a 2-character key and 9 digits, e.g. FR12345678901",
        "DE" => "German numbers have 9 digits",
        _ => "check the number on the company's invoices",
    }
}

/// Belgium: the last two digits are 97 minus the first eight modulo 97.
fn belgian_checksum_ok(body: &str) -> bool {
    let (Ok(base), Ok(check)) = (body[..8].parse::<u64>(), body[8..].parse::<u64>()) else {
        return false;
    };
    97 - base % 97 == check
}

/// Germany: ISO 7064 MOD 11,10 over the first eight digits.
fn german_checksum_ok(body: &str) -> bool {
    let d: Vec<u32> = body.bytes().map(|b| u32::from(b - b'0')).collect();
    let mut product = 10;
    for digit in &d[..8] {
        let mut sum = (digit + product) % 10;
        if sum == 0 {
            sum = 10;
        }
        product = (2 * sum) % 11;
    }
    let check = (11 - product) % 10;
    check == d[8]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(code: &str) -> Country {
        Country::parse(code).unwrap()
    }

    #[test]
    fn belgian_numbers_are_normalised_and_checksummed() {
        // The operator's own number (terms art. 1).
        assert_eq!(
            VatNumber::parse("BE 0810.231.595", c("BE"))
                .unwrap()
                .as_str(),
            "BE0810231595"
        );
        assert_eq!(
            VatNumber::parse("0810231595", c("BE")).unwrap().as_str(),
            "BE0810231595"
        );
        assert_eq!(
            VatNumber::parse("be0810231596", c("BE")).unwrap_err().code,
            "vat_checksum_mismatch"
        );
        assert_eq!(
            VatNumber::parse("BE2810231595", c("BE")).unwrap_err().code,
            "invalid_vat_number"
        );
        assert_eq!(
            VatNumber::parse("BE081023159", c("BE")).unwrap_err().code,
            "invalid_vat_number"
        );
    }

    #[test]
    fn prefix_must_match_the_country() {
        assert_eq!(
            VatNumber::parse("NL123456789B01", c("BE"))
                .unwrap_err()
                .code,
            "vat_country_mismatch"
        );
    }

    #[test]
    fn other_member_state_formats() {
        assert!(VatNumber::parse("NL123456789B01", c("NL")).is_ok());
        assert!(VatNumber::parse("FR40303265045", c("FR")).is_ok());
        assert!(VatNumber::parse("EL094259216", c("GR")).is_ok());
        assert!(VatNumber::parse("ATU13585627", c("AT")).is_ok());
        assert!(VatNumber::parse("NL123456789", c("NL")).is_err());
    }

    #[test]
    fn german_check_digit() {
        assert!(VatNumber::parse("DE136695976", c("DE")).is_ok());
        assert_eq!(
            VatNumber::parse("DE136695977", c("DE")).unwrap_err().code,
            "vat_checksum_mismatch"
        );
    }

    #[test]
    fn outside_the_eu_any_tax_id() {
        assert_eq!(
            VatNumber::parse("GB 123 4567 89", c("GB"))
                .unwrap()
                .as_str(),
            "GB123456789"
        );
        assert!(VatNumber::parse("x", c("US")).is_err());
    }
}
