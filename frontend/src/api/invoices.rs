//! The tenant's invoices from Ecom (Administrator only).

use ecom_types::billing::{DisputeRequest, DisputeView, InvoiceList, InvoiceView};
use uuid::Uuid;

use super::client::{Api, ApiError};

/// `GET /api/v1/invoices`, newest first.
pub async fn list(api: &Api) -> Result<InvoiceList, ApiError> {
    api.get("/api/v1/invoices").await
}

/// `GET /api/v1/invoices/{id}`.
pub async fn get(api: &Api, id: Uuid) -> Result<InvoiceView, ApiError> {
    api.get(&format!("/api/v1/invoices/{id}")).await
}

/// `POST /api/v1/invoices/{id}/dispute`: within 7 calendar days of the
/// invoice date, quoting its number, with reasons (terms art. 10).
pub async fn dispute(
    api: &Api,
    id: Uuid,
    request: &DisputeRequest,
) -> Result<DisputeView, ApiError> {
    api.post(&format!("/api/v1/invoices/{id}/dispute"), request)
        .await
}

/// A file an invoice can be downloaded as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvoiceFile {
    Pdf,
    /// UBL 2.1 (Peppol BIS Billing 3.0) XML.
    Ubl,
}

impl InvoiceFile {
    pub fn media_type(self) -> &'static str {
        match self {
            Self::Pdf => "application/pdf",
            Self::Ubl => "application/xml",
        }
    }

    /// The file's name when saved, from the invoice number.
    pub fn file_name(self, number: &str) -> String {
        match self {
            Self::Pdf => format!("{number}.pdf"),
            Self::Ubl => format!("{number}.xml"),
        }
    }

    fn segment(self) -> &'static str {
        match self {
            Self::Pdf => "pdf",
            Self::Ubl => "ubl",
        }
    }
}

/// The URL of an invoice's file. It needs the bearer token, so the browser
/// cannot follow it as a plain link: see [`download`].
pub fn file_path(id: Uuid, file: InvoiceFile) -> String {
    format!("/api/v1/invoices/{id}/{}", file.segment())
}

/// `GET /api/v1/invoices/{id}/pdf` or `/ubl`: the file's bytes.
pub async fn download(api: &Api, id: Uuid, file: InvoiceFile) -> Result<Vec<u8>, ApiError> {
    api.get_bytes(&file_path(id, file), file.media_type()).await
}
