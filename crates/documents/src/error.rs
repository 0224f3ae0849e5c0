//! The one error of the generators: the input cannot make a valid document.

use thiserror::Error;

/// Why a document was not generated. Every variant is about the input; the
/// message names the EN 16931 / Peppol / SEPA rule where there is one, so the
/// billing engine can say what to fix.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DocumentError {
    /// A business rule of EN 16931, Peppol BIS 3.0 or the SEPA rulebook is
    /// broken, e.g. totals that do not add up.
    #[error("{rule}: {message}")]
    RuleViolated {
        /// The rule identifier, e.g. "BR-CO-10".
        rule: &'static str,
        /// What is wrong, with the figures involved.
        message: String,
    },
    /// A field has a value the document cannot carry (format, length,
    /// check digits, characters).
    #[error("{field}: {message}")]
    InvalidField {
        /// Which field, e.g. "payment.iban".
        field: String,
        /// What is wrong with it.
        message: String,
    },
    /// The payment QR code could not be encoded (payload too long).
    #[error("payment QR code: {0}")]
    QrCode(String),
}

impl DocumentError {
    pub(crate) fn rule(rule: &'static str, message: impl Into<String>) -> Self {
        Self::RuleViolated {
            rule,
            message: message.into(),
        }
    }

    pub(crate) fn field(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::InvalidField {
            field: field.into(),
            message: message.into(),
        }
    }
}
