//! The tenant selling to its own customers: invoicing settings, quotations
//! (and the customer's public link), sales invoices.

use ecom_types::page::Page;
use ecom_types::sales::{
    InvoicingSettingsView, PublicQuotationView, QuotationInput, QuotationSent, QuotationSummary,
    QuotationView, RevenueView, SalesCreditNoteInput, SalesInvoiceInput, SalesInvoiceSummary,
    SalesInvoiceView, SalesPaymentInput, UpdateInvoicingSettings,
};
use uuid::Uuid;

use super::client::{get_public, post_public, Api, ApiError};

/// `GET /api/v1/invoicing/settings`.
pub async fn settings(api: &Api) -> Result<InvoicingSettingsView, ApiError> {
    api.get("/api/v1/invoicing/settings").await
}

/// `PUT /api/v1/invoicing/settings`.
pub async fn save_settings(
    api: &Api,
    body: &UpdateInvoicingSettings,
) -> Result<InvoicingSettingsView, ApiError> {
    api.put("/api/v1/invoicing/settings", body).await
}

/// `PUT /api/v1/invoicing/settings/logo` with the PNG or JPEG file.
pub async fn upload_logo(
    api: &Api,
    media_type: &str,
    bytes: &[u8],
) -> Result<InvoicingSettingsView, ApiError> {
    api.put_bytes("/api/v1/invoicing/settings/logo", media_type, bytes)
        .await
}

/// `GET /api/v1/quotations` with a query string (`?status=sent&cursor=…`).
pub async fn quotations(api: &Api, query: &str) -> Result<Page<QuotationSummary>, ApiError> {
    api.get(&format!("/api/v1/quotations{query}")).await
}

pub async fn quotation(api: &Api, id: Uuid) -> Result<QuotationView, ApiError> {
    api.get(&format!("/api/v1/quotations/{id}")).await
}

pub async fn create_quotation(api: &Api, body: &QuotationInput) -> Result<QuotationView, ApiError> {
    api.post("/api/v1/quotations", body).await
}

pub async fn update_quotation(
    api: &Api,
    id: Uuid,
    body: &QuotationInput,
) -> Result<QuotationView, ApiError> {
    api.put(&format!("/api/v1/quotations/{id}"), body).await
}

pub async fn delete_quotation(api: &Api, id: Uuid) -> Result<(), ApiError> {
    api.delete(&format!("/api/v1/quotations/{id}")).await
}

/// `POST /api/v1/quotations/{id}/send`: e-mails the customer a link.
pub async fn send_quotation(api: &Api, id: Uuid) -> Result<QuotationSent, ApiError> {
    api.post_empty(&format!("/api/v1/quotations/{id}/send"))
        .await
}

/// `POST /api/v1/quotations/{id}/invoice`: the accepted quotation becomes an invoice.
pub async fn invoice_quotation(
    api: &Api,
    id: Uuid,
    issue: bool,
) -> Result<SalesInvoiceView, ApiError> {
    api.post(
        &format!("/api/v1/quotations/{id}/invoice"),
        &serde_json::json!({ "issue": issue }),
    )
    .await
}

pub async fn quotation_pdf(api: &Api, id: Uuid) -> Result<Vec<u8>, ApiError> {
    api.get_bytes(&format!("/api/v1/quotations/{id}/pdf"), "application/pdf")
        .await
}

/// The customer's view through the link (no account).
pub async fn public_quotation(token: &str) -> Result<PublicQuotationView, ApiError> {
    get_public(&format!("/api/v1/public/quotations/{token}")).await
}

/// The customer accepts (`accept`) or declines (`decline`).
pub async fn answer_quotation(token: &str, answer: &str) -> Result<PublicQuotationView, ApiError> {
    post_public(
        &format!("/api/v1/public/quotations/{token}/{answer}"),
        &serde_json::json!({}),
    )
    .await
}

/// `GET /api/v1/sales-invoices` with a query string.
pub async fn invoices(api: &Api, query: &str) -> Result<Page<SalesInvoiceSummary>, ApiError> {
    api.get(&format!("/api/v1/sales-invoices{query}")).await
}

pub async fn invoice(api: &Api, id: Uuid) -> Result<SalesInvoiceView, ApiError> {
    api.get(&format!("/api/v1/sales-invoices/{id}")).await
}

pub async fn create_invoice(
    api: &Api,
    body: &SalesInvoiceInput,
) -> Result<SalesInvoiceView, ApiError> {
    api.post("/api/v1/sales-invoices", body).await
}

pub async fn update_invoice(
    api: &Api,
    id: Uuid,
    body: &SalesInvoiceInput,
) -> Result<SalesInvoiceView, ApiError> {
    api.put(&format!("/api/v1/sales-invoices/{id}"), body).await
}

pub async fn delete_invoice(api: &Api, id: Uuid) -> Result<(), ApiError> {
    api.delete(&format!("/api/v1/sales-invoices/{id}")).await
}

pub async fn issue_invoice(api: &Api, id: Uuid) -> Result<SalesInvoiceView, ApiError> {
    api.post_empty(&format!("/api/v1/sales-invoices/{id}/issue"))
        .await
}

pub async fn pay_invoice(
    api: &Api,
    id: Uuid,
    body: &SalesPaymentInput,
) -> Result<SalesInvoiceView, ApiError> {
    api.post(&format!("/api/v1/sales-invoices/{id}/payments"), body)
        .await
}

pub async fn credit_invoice(
    api: &Api,
    id: Uuid,
    body: &SalesCreditNoteInput,
) -> Result<SalesInvoiceView, ApiError> {
    api.post(&format!("/api/v1/sales-invoices/{id}/credit-note"), body)
        .await
}

pub async fn remind_invoice(api: &Api, id: Uuid) -> Result<SalesInvoiceView, ApiError> {
    api.post_empty(&format!("/api/v1/sales-invoices/{id}/reminders"))
        .await
}

/// `pdf` or `ubl` of an issued invoice.
pub async fn invoice_file(api: &Api, id: Uuid, kind: &str) -> Result<Vec<u8>, ApiError> {
    let media = if kind == "pdf" {
        "application/pdf"
    } else {
        "application/xml"
    };
    api.get_bytes(&format!("/api/v1/sales-invoices/{id}/{kind}"), media)
        .await
}

pub async fn revenue(api: &Api) -> Result<RevenueView, ApiError> {
    api.get("/api/v1/sales-invoices/revenue").await
}

/// A customer to choose in a form: (id, name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerOption {
    pub id: Uuid,
    pub name: String,
}

/// The tenant's companies and contacts for the customer pickers
/// (`GET /api/v1/invoicing/customers`); empty lists when it fails.
pub async fn customers(api: &Api) -> (Vec<CustomerOption>, Vec<CustomerOption>) {
    let options = api
        .get::<ecom_types::sales::CustomerOptions>("/api/v1/invoicing/customers")
        .await;
    let convert = |list: Vec<ecom_types::sales::CustomerOptionView>| {
        list.into_iter()
            .map(|c| CustomerOption {
                id: c.id,
                name: c.name,
            })
            .collect()
    };
    match options {
        Ok(o) => (convert(o.companies), convert(o.contacts)),
        Err(_) => (Vec::new(), Vec::new()),
    }
}
