//! The CRM module: companies, contacts, deals and the pipeline.

use ecom_types::crm::{
    CompanyRequest, CompanyView, ContactRequest, ContactView, DealDetail, DealRequest, DealView,
    ImportProblem, ImportReport, PipelineSummary,
};
use ecom_types::page::Page;
use gloo_net::http::Method;
use serde::de::DeserializeOwned;
use serde::Serialize;
use uuid::Uuid;

use super::client::{self, Api, ApiError};

async fn put<B: Serialize, R: DeserializeOwned>(
    api: &Api,
    path: &str,
    body: &B,
) -> Result<R, ApiError> {
    client::json(api.send(Method::PUT, path, Some(body)).await?).await
}

fn duplicate_flag(allow_duplicate: bool) -> &'static str {
    if allow_duplicate {
        "?allow_duplicate=true"
    } else {
        ""
    }
}

/// `GET /api/v1/companies?{query}` (`query` built by `pages::crm::query_string`).
pub async fn list_companies(api: &Api, query: &str) -> Result<Page<CompanyView>, ApiError> {
    api.get(&format!("/api/v1/companies{query}")).await
}

pub async fn get_company(api: &Api, id: Uuid) -> Result<CompanyView, ApiError> {
    api.get(&format!("/api/v1/companies/{id}")).await
}

/// `POST /api/v1/companies`; a VAT number in use is a 409 unless `allow_duplicate`.
pub async fn create_company(
    api: &Api,
    request: &CompanyRequest,
    allow_duplicate: bool,
) -> Result<CompanyView, ApiError> {
    api.post(
        &format!("/api/v1/companies{}", duplicate_flag(allow_duplicate)),
        request,
    )
    .await
}

pub async fn update_company(
    api: &Api,
    id: Uuid,
    request: &CompanyRequest,
    allow_duplicate: bool,
) -> Result<CompanyView, ApiError> {
    put(
        api,
        &format!("/api/v1/companies/{id}{}", duplicate_flag(allow_duplicate)),
        request,
    )
    .await
}

/// `DELETE /api/v1/companies/{id}`, with `?cascade=unlink` when `unlink`.
pub async fn delete_company(api: &Api, id: Uuid, unlink: bool) -> Result<(), ApiError> {
    api.delete(&format!(
        "/api/v1/companies/{id}{}",
        if unlink { "?cascade=unlink" } else { "" }
    ))
    .await
}

/// `GET /api/v1/companies/export`: the CSV file.
pub async fn export_companies(api: &Api) -> Result<Vec<u8>, ApiError> {
    api.get_bytes("/api/v1/companies/export", "text/csv").await
}

pub async fn list_contacts(api: &Api, query: &str) -> Result<Page<ContactView>, ApiError> {
    api.get(&format!("/api/v1/contacts{query}")).await
}

pub async fn get_contact(api: &Api, id: Uuid) -> Result<ContactView, ApiError> {
    api.get(&format!("/api/v1/contacts/{id}")).await
}

/// `POST /api/v1/contacts`; an e-mail in use is a 409 unless `allow_duplicate`.
pub async fn create_contact(
    api: &Api,
    request: &ContactRequest,
    allow_duplicate: bool,
) -> Result<ContactView, ApiError> {
    api.post(
        &format!("/api/v1/contacts{}", duplicate_flag(allow_duplicate)),
        request,
    )
    .await
}

pub async fn update_contact(
    api: &Api,
    id: Uuid,
    request: &ContactRequest,
    allow_duplicate: bool,
) -> Result<ContactView, ApiError> {
    put(
        api,
        &format!("/api/v1/contacts/{id}{}", duplicate_flag(allow_duplicate)),
        request,
    )
    .await
}

pub async fn delete_contact(api: &Api, id: Uuid) -> Result<(), ApiError> {
    api.delete(&format!("/api/v1/contacts/{id}")).await
}

/// `GET /api/v1/contacts/export`: the CSV file.
pub async fn export_contacts(api: &Api) -> Result<Vec<u8>, ApiError> {
    api.get_bytes("/api/v1/contacts/export", "text/csv").await
}

pub async fn list_deals(api: &Api, query: &str) -> Result<Page<DealView>, ApiError> {
    api.get(&format!("/api/v1/deals{query}")).await
}

pub async fn get_deal(api: &Api, id: Uuid) -> Result<DealDetail, ApiError> {
    api.get(&format!("/api/v1/deals/{id}")).await
}

pub async fn create_deal(api: &Api, request: &DealRequest) -> Result<DealDetail, ApiError> {
    api.post("/api/v1/deals", request).await
}

pub async fn update_deal(
    api: &Api,
    id: Uuid,
    request: &DealRequest,
) -> Result<DealDetail, ApiError> {
    put(api, &format!("/api/v1/deals/{id}"), request).await
}

pub async fn delete_deal(api: &Api, id: Uuid) -> Result<(), ApiError> {
    api.delete(&format!("/api/v1/deals/{id}")).await
}

/// `GET /api/v1/deals/pipeline`.
pub async fn pipeline(api: &Api) -> Result<PipelineSummary, ApiError> {
    api.get("/api/v1/deals/pipeline").await
}

/// What a CSV import answered.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportOutcome {
    /// A dry run's report, or a clean import's.
    Report(ImportReport),
    /// A real import with bad rows: nothing was imported.
    Refused(ImportProblem),
}

/// `POST /api/v1/{resource}/import?dry_run=...` with the CSV file.
pub async fn import(
    api: &Api,
    resource: &str,
    csv: &str,
    dry_run: bool,
) -> Result<ImportOutcome, ApiError> {
    let response = api
        .post_csv(&format!("/api/v1/{resource}/import?dry_run={dry_run}"), csv)
        .await?;
    let status = response.status();
    match status {
        200 => response
            .json::<ImportReport>()
            .await
            .map(ImportOutcome::Report)
            .map_err(|_| ApiError::Unexpected { status }),
        422 => response
            .json::<ImportProblem>()
            .await
            .map(ImportOutcome::Refused)
            .map_err(|_| ApiError::Unexpected { status }),
        _ => client::json::<ImportReport>(response)
            .await
            .map(ImportOutcome::Report),
    }
}
