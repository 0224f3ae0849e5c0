//! The payload of the SEPA credit transfer QR code ("EPC QR", European
//! Payments Council guideline EPC069-12, version 002): twelve lines of text
//! a banking app reads to prefill a transfer. Drawing the QR image is left to
//! the PDF/UI layer (error correction level M per the guideline).

use super::iban::{Bic, Iban};
use super::structured_communication::StructuredCommunication;
use rust_decimal::Decimal;

/// The payload may not exceed 331 bytes (EPC069-12 §3.2).
const MAX_PAYLOAD_BYTES: usize = 331;

/// What the transfer is for, as the QR code carries it: the structured
/// communication goes in the structured remittance field (the Belgian
/// banks read its 12 digits there), free text in the unstructured one —
/// never both (EPC069-12: one or the other).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Remittance {
    Structured(StructuredCommunication),
    /// At most 140 characters.
    Unstructured(String),
}

/// A credit transfer to put in a QR code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransferRequest {
    /// The beneficiary's name, at most 70 characters.
    pub beneficiary_name: String,
    pub iban: Iban,
    /// Optional inside the EEA from version 002.
    pub bic: Option<Bic>,
    /// In euros, 0.01 to 999 999 999.99, at most two decimals; `None` lets the payer fill it in.
    pub amount: Option<Decimal>,
    pub remittance: Remittance,
}

/// Why no payload could be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EpcQrError {
    #[error("the beneficiary name must have 1 to 70 characters")]
    BeneficiaryName,
    #[error("the amount {amount} must be between 0.01 and 999999999.99 with at most two decimals")]
    Amount { amount: Decimal },
    #[error("the remittance text must have 1 to 140 characters")]
    RemittanceText,
    #[error("the payload has {bytes} bytes; a payment QR code holds at most {MAX_PAYLOAD_BYTES}")]
    TooLong { bytes: usize },
}

/// The text to encode in the QR code, lines separated by LF, trailing empty
/// optional fields left out.
pub fn epc_qr_payload(request: &TransferRequest) -> Result<String, EpcQrError> {
    let name = request.beneficiary_name.trim();
    if name.is_empty() || name.chars().count() > 70 || name.contains('\n') {
        return Err(EpcQrError::BeneficiaryName);
    }
    let amount = match request.amount {
        None => String::new(),
        Some(amount) => {
            // EPC069-12: EUR 0.01 to EUR 999 999 999.99.
            if amount < Decimal::new(1, 2)
                || amount > Decimal::new(99_999_999_999, 2)
                || amount.normalize().scale() > 2
            {
                return Err(EpcQrError::Amount { amount });
            }
            // The guideline writes "EUR12.34"; two decimals always, for people reading the text.
            format!("EUR{:.2}", amount)
        }
    };
    let (structured, unstructured) = match &request.remittance {
        Remittance::Structured(reference) => (reference.digits(), String::new()),
        Remittance::Unstructured(text) => {
            let text = text.trim();
            if text.is_empty() || text.chars().count() > 140 || text.contains('\n') {
                return Err(EpcQrError::RemittanceText);
            }
            (String::new(), text.to_owned())
        }
    };
    let fields = [
        "BCD".to_owned(), // service tag
        "002".to_owned(), // version
        "1".to_owned(),   // character set: UTF-8
        "SCT".to_owned(), // SEPA credit transfer
        request
            .bic
            .as_ref()
            .map(|b| b.as_str().to_owned())
            .unwrap_or_default(),
        name.to_owned(),
        request.iban.as_str().to_owned(),
        amount,
        String::new(), // purpose code: none
        structured,
        unstructured,
    ];
    let last = fields.iter().rposition(|f| !f.is_empty()).unwrap_or(0);
    let payload = fields[..=last].join("\n");
    if payload.len() > MAX_PAYLOAD_BYTES {
        return Err(EpcQrError::TooLong {
            bytes: payload.len(),
        });
    }
    Ok(payload)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::billing::test_support::d;

    fn request(amount: Option<Decimal>, remittance: Remittance) -> TransferRequest {
        TransferRequest {
            beneficiary_name: "Sabbani BV".into(),
            iban: Iban::parse("BE68 5390 0754 7034").unwrap(),
            bic: Some(Bic::parse("GKCCBEBB").unwrap()),
            amount,
            remittance,
        }
    }

    #[test]
    fn structured_reference_payload() {
        let reference = StructuredCommunication::parse("+++090/9337/55493+++").unwrap();
        assert_eq!(
            epc_qr_payload(&request(Some(d("1452")), Remittance::Structured(reference))).unwrap(),
            "BCD\n002\n1\nSCT\nGKCCBEBB\nSabbani BV\nBE68539007547034\nEUR1452.00\n\n090933755493"
        );
    }

    #[test]
    fn the_guidelines_red_cross_example_in_version_002() {
        // EPC069-12's sample: Red Cross of Belgium, EUR 1, "Urgency fund", here without BIC and purpose.
        let req = TransferRequest {
            beneficiary_name: "Red Cross of Belgium".into(),
            iban: Iban::parse("BE72000000001616").unwrap(),
            bic: None,
            amount: Some(d("1")),
            remittance: Remittance::Unstructured("Urgency fund".into()),
        };
        assert_eq!(
            epc_qr_payload(&req).unwrap(),
            "BCD\n002\n1\nSCT\n\nRed Cross of Belgium\nBE72000000001616\nEUR1.00\n\n\nUrgency fund"
        );
    }

    #[test]
    fn amounts_outside_the_range_are_refused() {
        let text = || Remittance::Unstructured("invoice".into());
        assert!(epc_qr_payload(&request(Some(d("0.01")), text())).is_ok());
        assert!(epc_qr_payload(&request(Some(d("999999999.99")), text())).is_ok());
        assert!(epc_qr_payload(&request(Some(d("0.00")), text())).is_err());
        assert!(epc_qr_payload(&request(Some(d("1000000000")), text())).is_err());
        assert!(epc_qr_payload(&request(Some(d("1.005")), text())).is_err());
        assert!(epc_qr_payload(&request(Some(d("1.500")), text())).is_ok());
        // No amount: the payer types it.
        assert_eq!(
            epc_qr_payload(&request(None, text())).unwrap(),
            "BCD\n002\n1\nSCT\nGKCCBEBB\nSabbani BV\nBE68539007547034\n\n\n\ninvoice"
        );
    }

    #[test]
    fn names_and_texts_are_bounded() {
        let mut r = request(None, Remittance::Unstructured("x".repeat(141)));
        assert_eq!(epc_qr_payload(&r), Err(EpcQrError::RemittanceText));
        r.remittance = Remittance::Unstructured("x".repeat(140));
        assert!(epc_qr_payload(&r).is_ok());
        r.beneficiary_name = "n".repeat(71);
        assert_eq!(epc_qr_payload(&r), Err(EpcQrError::BeneficiaryName));
    }
}
