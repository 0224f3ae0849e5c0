//! Ecom's invoice documents, generated from an issued invoice: pure
//! functions from an [`InvoiceDocument`] (or a [`DirectDebitBatch`]) to the
//! bytes of a file. No clock, no I/O: dates are inputs, output goes back to
//! the caller.
//!
//! - [`to_ubl_xml`]: UBL 2.1 invoice or credit note, Peppol BIS Billing 3.0.
//! - [`to_pdf`]: the PDF a person reads, with an EPC payment QR code.
//! - [`to_pain_008`]: a SEPA Core Direct Debit batch, pain.008.001.02.
//!
//! Every generator first checks the figures with [`check_document`] (the
//! EN 16931 calculation rules and the Peppol rules the output depends on) and
//! refuses inconsistent input with a [`DocumentError`] naming the rule.

#![cfg_attr(test, allow(clippy::unwrap_used))]

mod banking;
mod check;
mod epc_qr;
mod error;
mod logo;
mod model;
mod pdf;
mod sepa;
mod ubl;
mod xml;

pub use banking::StructuredReference;
pub use check::check_document;
pub use epc_qr::{epc_payload, epc_qr_matrix, EpcPayment};
pub use error::DocumentError;
pub use logo::{Logo, MAX_LOGO_BYTES};
pub use model::{
    BillingReference, DocumentKind, DocumentLine, ElectronicAddress, InvoiceDocument, Party,
    PaymentInfo, Totals, VatSubtotal,
};
pub use pdf::{to_pdf, to_pdf_with_logo};
pub use sepa::{to_pain_008, Creditor, DirectDebitBatch, DirectDebitTransaction, SequenceType};
pub use ubl::{to_ubl_xml, CUSTOMIZATION_ID, PROFILE_ID};
