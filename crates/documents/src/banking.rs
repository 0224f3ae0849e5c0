//! Banking identifiers: IBAN, BIC, Belgian structured communication and the
//! SEPA creditor identifier, each checked by its own check digits.

use crate::DocumentError;

/// Checks an IBAN (ISO 13616): letters and digits, no spaces, and the
/// mod-97 check digits. Returns it unchanged.
pub fn check_iban(field: &str, iban: &str) -> Result<(), DocumentError> {
    let ok_shape = iban.len() >= 15
        && iban.len() <= 34
        && iban.bytes().take(2).all(|b| b.is_ascii_uppercase())
        && iban.bytes().skip(2).take(2).all(|b| b.is_ascii_digit())
        && iban
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    if !ok_shape {
        return Err(DocumentError::field(
            field,
            format!("{iban:?} is not an IBAN (upper case, no spaces)"),
        ));
    }
    let rearranged = format!("{}{}", &iban[4..], &iban[..4]);
    if mod97(&rearranged) != Some(1) {
        return Err(DocumentError::field(
            field,
            format!("{iban:?} has wrong check digits"),
        ));
    }
    Ok(())
}

/// Checks a BIC (ISO 9362): 8 or 11 characters, the SEPA XSD pattern.
pub fn check_bic(field: &str, bic: &str) -> Result<(), DocumentError> {
    let b = bic.as_bytes();
    let ok = (b.len() == 8 || b.len() == 11)
        && b[..6].iter().all(u8::is_ascii_uppercase)
        && b[6..]
            .iter()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && b[6] != b'0'
        && b[6] != b'1'
        && b[7] != b'O';
    if ok {
        Ok(())
    } else {
        Err(DocumentError::field(field, format!("{bic:?} is not a BIC")))
    }
}

/// A Belgian structured communication ("gestructureerde mededeling",
/// OGM/VCS): twelve digits whose last two are the first ten mod 97, or 97
/// when that is 0.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StructuredReference {
    digits: String,
}

impl StructuredReference {
    /// Parses "+++123/4567/89012+++" (also "***...***" or the bare twelve
    /// digits), checking the check digits.
    pub fn parse(text: &str) -> Result<Self, DocumentError> {
        let digits: String = text.chars().filter(char::is_ascii_digit).collect();
        let rest_ok = text
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '+' | '*' | '/' | ' '));
        if digits.len() != 12 || !rest_ok {
            return Err(DocumentError::field(
                "payment.structured_reference",
                format!("{text:?} is not a structured communication +++123/4567/89012+++"),
            ));
        }
        let base: u64 = digits[..10].parse().unwrap_or(0);
        let check: u64 = digits[10..].parse().unwrap_or(0);
        let expected = match base % 97 {
            0 => 97,
            r => r,
        };
        if check != expected {
            return Err(DocumentError::field(
                "payment.structured_reference",
                format!("{text:?} has wrong check digits (expected {expected:02})"),
            ));
        }
        Ok(Self { digits })
    }

    /// The twelve digits, as SEPA files carry them (Febelfin: `SCOR`, issuer `BBA`).
    pub fn digits(&self) -> &str {
        &self.digits
    }

    /// The printed form, "+++123/4567/89012+++".
    pub fn formatted(&self) -> String {
        let d = &self.digits;
        format!("+++{}/{}/{}+++", &d[..3], &d[3..7], &d[7..])
    }
}

/// Checks a SEPA creditor identifier (EPC262-08), e.g. "BE69ZZZ0810231595":
/// country, two check digits, a three-character business code that the
/// check ignores, then the national identifier. The check digits are
/// ISO 7064 mod 97-10 over national identifier + country + "00".
pub fn check_creditor_id(field: &str, id: &str) -> Result<(), DocumentError> {
    let b = id.as_bytes();
    let ok_shape = b.len() > 7
        && b.len() <= 35
        && b[..2].iter().all(u8::is_ascii_uppercase)
        && b[2..4].iter().all(u8::is_ascii_digit)
        && b.iter()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    if !ok_shape {
        return Err(DocumentError::field(
            field,
            format!("{id:?} is not a SEPA creditor identifier"),
        ));
    }
    let check: u32 = id[2..4].parse().unwrap_or(0);
    let computed = mod97(&format!("{}{}00", &id[7..], &id[..2])).map(|r| 98 - r);
    if computed != Some(check) {
        return Err(DocumentError::field(
            field,
            format!("{id:?} has wrong check digits"),
        ));
    }
    Ok(())
}

/// The remainder mod 97 of an alphanumeric string read as a number, letters
/// counting A = 10 ... Z = 35 (ISO 7064 as IBANs use it).
fn mod97(text: &str) -> Option<u32> {
    let mut rem: u32 = 0;
    for c in text.chars() {
        let v = c.to_digit(36)?;
        rem = if v < 10 {
            (rem * 10 + v) % 97
        } else {
            (rem * 100 + v) % 97
        };
    }
    Some(rem)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ibans_are_checked() {
        assert!(check_iban("iban", "BE68539007547034").is_ok());
        assert!(check_iban("iban", "NL91ABNA0417164300").is_ok());
        assert!(check_iban("iban", "BE68539007547035").is_err());
        assert!(check_iban("iban", "BE68 5390 0754 7034").is_err());
    }

    #[test]
    fn bics_are_checked() {
        assert!(check_bic("bic", "GKCCBEBB").is_ok());
        // Eleven characters: a branch code after the bank, country and place.
        assert!(check_bic("bic", "DEUTDEFF500").is_ok());
        assert!(check_bic("bic", "GKCCBE").is_err());
        assert!(check_bic("bic", "gkccbebb").is_err());
    }

    #[test]
    fn structured_communication_check_digits() {
        // 1234567890 mod 97 = 2
        let r = StructuredReference::parse("123456789002");
        assert_eq!(
            r.map(|r| r.formatted()),
            Ok("+++123/4567/89002+++".to_string())
        );
        assert!(StructuredReference::parse("+++123/4567/89003+++").is_err());
        // A multiple of 97 has check digits 97, not 00.
        assert_eq!(
            StructuredReference::parse("000000009797").map(|r| r.digits().to_string()),
            Ok("000000009797".into())
        );
        assert!(StructuredReference::parse("000000009700").is_err());
        assert!(StructuredReference::parse("+++123/4567/8901+++").is_err());
    }

    #[test]
    fn creditor_ids_are_checked() {
        // The EPC's own example identifier.
        assert!(check_creditor_id("cid", "DE98ZZZ09999999999").is_ok());
        assert!(check_creditor_id("cid", "DE97ZZZ09999999999").is_err());
        // The business code does not take part in the check.
        assert!(check_creditor_id("cid", "DE98ABC09999999999").is_ok());
        assert!(check_creditor_id("cid", "BE43ZZZ0810231595").is_ok());
    }
}
