//! Countries by ISO 3166-1 alpha-2 code, and which of them are EU member states.

use crate::account::InvalidInput;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Every officially assigned ISO 3166-1 alpha-2 code, concatenated.
const ISO_3166_ALPHA2: &str = "ADAEAFAGAIALAMAOAQARASATAUAWAXAZBABBBDBEBFBGBHBIBJBLBMBNBOBQBRBSBTBVBWBYBZCACCCDCFCGCHCICKCLCMCNCOCRCUCVCWCXCYCZDEDJDKDMDODZECEEEGEHERESETFIFJFKFMFOFRGAGBGDGEGFGGGHGIGLGMGNGPGQGRGSGTGUGWGYHKHMHNHRHTHUIDIEILIMINIOIQIRISITJEJMJOJPKEKGKHKIKMKNKPKRKWKYKZLALBLCLILKLRLSLTLULVLYMAMCMDMEMFMGMHMKMLMMMNMOMPMQMRMSMTMUMVMWMXMYMZNANCNENFNGNINLNONPNRNUNZOMPAPEPFPGPHPKPLPMPNPRPSPTPWPYQARERORSRURWSASBSCSDSESGSHSISJSKSLSMSNSOSRSSSTSVSXSYSZTCTDTFTGTHTJTKTLTMTNTOTRTTTVTWTZUAUGUMUSUYUZVAVCVEVGVIVNVUWFWSYEYTZAZMZW";

/// The 27 member states of the European Union.
const EU_MEMBERS: [&str; 27] = [
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT",
    "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
];

/// A country, as its upper-case ISO 3166-1 alpha-2 code (`BE`, `NL`, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Country([u8; 2]);

impl Country {
    pub const BELGIUM: Country = Country(*b"BE");

    pub fn parse(raw: &str) -> Result<Self, InvalidInput> {
        let code = raw.trim().to_ascii_uppercase();
        let known = code.len() == 2
            && code.is_ascii()
            && ISO_3166_ALPHA2
                .as_bytes()
                .chunks(2)
                .any(|c| c == code.as_bytes());
        if !known {
            return Err(InvalidInput::new(
                "invalid_country",
                format!("'{}' is not an ISO 3166-1 alpha-2 country code; use two letters such as BE, NL or FR", raw.trim()),
            ));
        }
        let bytes = code.as_bytes();
        Ok(Self([bytes[0], bytes[1]]))
    }

    pub fn code(&self) -> &str {
        // Only ever built from ASCII letters above.
        std::str::from_utf8(&self.0).unwrap_or("??")
    }

    pub fn is_eu_member(&self) -> bool {
        EU_MEMBERS.contains(&self.code())
    }

    /// The prefix of this country's VAT numbers: the ISO code, except Greece (`EL`).
    pub fn vat_prefix(&self) -> &str {
        if self.code() == "GR" {
            "EL"
        } else {
            self.code()
        }
    }
}

impl TryFrom<String> for Country {
    type Error = InvalidInput;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Country> for String {
    fn from(value: Country) -> Self {
        value.code().to_owned()
    }
}

impl fmt::Display for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_known_codes_only() {
        assert_eq!(Country::parse(" be ").unwrap(), Country::BELGIUM);
        assert!(Country::parse("XX").is_err());
        assert!(Country::parse("BEL").is_err());
        assert!(Country::parse("").is_err());
        // Codes are matched on two-letter boundaries, not anywhere in the table.
        assert!(Country::parse("DA").is_err());
    }

    #[test]
    fn eu_membership_and_greek_prefix() {
        assert!(Country::parse("NL").unwrap().is_eu_member());
        assert!(!Country::parse("GB").unwrap().is_eu_member());
        assert_eq!(Country::parse("GR").unwrap().vat_prefix(), "EL");
    }
}
