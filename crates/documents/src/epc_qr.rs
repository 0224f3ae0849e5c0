//! The EPC payment QR code ("GiroCode", EPC069-12 version 002) that banking
//! apps scan to prefill a SEPA credit transfer.
//!
//! Choice for Belgian structured communications: EPC069-12's *structured*
//! remittance field takes only ISO 11649 "RF" creditor references, which the
//! Belgian +++123/4567/89012+++ is not. Belgian banking apps read the
//! structured communication from the *unstructured* remittance field and
//! turn it back into a structured one, so that is where it goes, in its
//! printed form.

use rust_decimal::Decimal;

use crate::banking::StructuredReference;
use crate::check::{cents, round_cent};
use crate::DocumentError;

/// What the QR code asks the payer's bank to transfer.
#[derive(Debug, Clone, PartialEq)]
pub struct EpcPayment<'a> {
    /// The beneficiary's BIC (optional within the EEA since version 002).
    pub bic: Option<&'a str>,
    /// The beneficiary's name, at most 70 characters.
    pub name: &'a str,
    /// The beneficiary's IBAN.
    pub iban: &'a str,
    /// The amount in euro, from 0.01 to 999,999,999.99.
    pub amount: Decimal,
    /// The Belgian structured communication.
    pub reference: &'a StructuredReference,
}

/// The QR payload: twelve lines separated by LF, per EPC069-12 §5
/// (trailing empty lines left out, as the standard allows).
pub fn epc_payload(p: &EpcPayment<'_>) -> Result<String, DocumentError> {
    cents("payment QR amount", p.amount)?;
    if p.amount < Decimal::new(1, 2) || p.amount > Decimal::new(99_999_999_999, 2) {
        return Err(DocumentError::field(
            "payment QR amount",
            format!("{} is outside 0.01..999999999.99", p.amount),
        ));
    }
    let name = p.name.trim();
    if name.is_empty() || name.chars().count() > 70 || name.chars().any(char::is_control) {
        return Err(DocumentError::field(
            "payment QR name",
            "the beneficiary name needs 1 to 70 characters",
        ));
    }
    let lines = [
        "BCD",                                      // service tag
        "002",                                      // version
        "1",                                        // character set: UTF-8
        "SCT",                                      // SEPA credit transfer
        p.bic.unwrap_or(""),                        // BIC
        name,                                       // beneficiary name
        p.iban,                                     // beneficiary account
        &format!("EUR{:.2}", round_cent(p.amount)), // amount
        "",                                         // purpose
        "",                                         // structured (RF) reference
        &p.reference.formatted(),                   // unstructured remittance
    ];
    let payload = lines.join("\n");
    // EPC069-12: at most 331 bytes.
    if payload.len() > 331 {
        return Err(DocumentError::QrCode(format!(
            "payload is {} bytes, at most 331",
            payload.len()
        )));
    }
    Ok(payload)
}

/// The QR matrix of the payload, error correction level M as EPC069-12
/// requires: `width` rows of `width` modules, `true` for dark.
pub fn epc_qr_matrix(payload: &str) -> Result<(usize, Vec<bool>), DocumentError> {
    let code = qrcode::QrCode::with_error_correction_level(payload.as_bytes(), qrcode::EcLevel::M)
        .map_err(|e| DocumentError::QrCode(e.to_string()))?;
    let dark = code
        .to_colors()
        .into_iter()
        .map(|c| c == qrcode::Color::Dark)
        .collect();
    Ok((code.width(), dark))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn payload_follows_epc069_12() {
        let r = StructuredReference::parse("+++123/4567/89002+++").unwrap();
        let p = EpcPayment {
            bic: Some("GKCCBEBB"),
            name: "Ecom BV",
            iban: "BE68539007547034",
            amount: dec!(123.45),
            reference: &r,
        };
        assert_eq!(
            epc_payload(&p).unwrap(),
            "BCD\n002\n1\nSCT\nGKCCBEBB\nEcom BV\nBE68539007547034\nEUR123.45\n\n\n+++123/4567/89002+++"
        );
        let (width, modules) = epc_qr_matrix(&epc_payload(&p).unwrap()).unwrap();
        assert_eq!(modules.len(), width * width);
    }

    #[test]
    fn amount_is_bounded() {
        let r = StructuredReference::parse("123456789002").unwrap();
        let mut p = EpcPayment {
            bic: None,
            name: "Ecom BV",
            iban: "BE68539007547034",
            amount: dec!(0),
            reference: &r,
        };
        assert!(epc_payload(&p).is_err());
        p.amount = dec!(1000000000.00);
        assert!(epc_payload(&p).is_err());
        p.amount = dec!(0.01);
        assert!(epc_payload(&p).unwrap().contains("\nEUR0.01\n"));
    }
}
