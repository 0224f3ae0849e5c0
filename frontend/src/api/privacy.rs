//! Data-subject requests: the person's own (`/api/v1/privacy/requests`) and
//! the operator's queue (`/api/v1/operator/privacy/requests`), plus the
//! retention dry run.

use ecom_types::privacy::{
    CompletePrivacyRequest, ExtendPrivacyRequest, FilePrivacyRequest, OperatorFilePrivacyRequest,
    OperatorVerifyPrivacyRequest, PrivacyRequestList, PrivacyRequestView, RejectPrivacyRequest,
    RetentionDryRun, VerifyPrivacyRequest,
};
use uuid::Uuid;

use super::client::{Api, ApiError};

/// `GET /api/v1/privacy/requests`: my requests.
pub async fn mine(api: &Api) -> Result<PrivacyRequestList, ApiError> {
    api.get("/api/v1/privacy/requests").await
}

/// `POST /api/v1/privacy/requests`.
pub async fn file(api: &Api, request: &FilePrivacyRequest) -> Result<PrivacyRequestView, ApiError> {
    api.post("/api/v1/privacy/requests", request).await
}

/// `POST /api/v1/privacy/requests/{id}/verification-code`: e-mails a code.
pub async fn send_code(api: &Api, id: Uuid) -> Result<PrivacyRequestView, ApiError> {
    api.post_empty(&format!("/api/v1/privacy/requests/{id}/verification-code"))
        .await
}

/// `POST /api/v1/privacy/requests/{id}/verify`.
pub async fn verify(api: &Api, id: Uuid, code: &str) -> Result<PrivacyRequestView, ApiError> {
    api.post(
        &format!("/api/v1/privacy/requests/{id}/verify"),
        &VerifyPrivacyRequest {
            code: code.to_owned(),
        },
    )
    .await
}

/// The path of my export.
pub fn export_path(id: Uuid) -> String {
    format!("/api/v1/privacy/requests/{id}/export")
}

/// `GET /api/v1/privacy/requests/{id}/export`: the zip.
pub async fn export(api: &Api, id: Uuid) -> Result<Vec<u8>, ApiError> {
    api.get_bytes(&export_path(id), "application/zip").await
}

/// `GET /api/v1/operator/privacy/requests`: the queue (`all` includes closed ones).
pub async fn queue(api: &Api, all: bool) -> Result<PrivacyRequestList, ApiError> {
    api.get(if all {
        "/api/v1/operator/privacy/requests?status=all"
    } else {
        "/api/v1/operator/privacy/requests"
    })
    .await
}

/// `POST /api/v1/operator/privacy/requests`: on behalf of someone who wrote in.
pub async fn operator_file(
    api: &Api,
    request: &OperatorFilePrivacyRequest,
) -> Result<PrivacyRequestView, ApiError> {
    api.post("/api/v1/operator/privacy/requests", request).await
}

/// `POST /api/v1/operator/privacy/requests/{id}/verification-code`.
pub async fn operator_send_code(api: &Api, id: Uuid) -> Result<PrivacyRequestView, ApiError> {
    api.post_empty(&format!(
        "/api/v1/operator/privacy/requests/{id}/verification-code"
    ))
    .await
}

/// `POST /api/v1/operator/privacy/requests/{id}/verify`: records how identity was verified.
pub async fn operator_verify(
    api: &Api,
    id: Uuid,
    method: &str,
) -> Result<PrivacyRequestView, ApiError> {
    api.post(
        &format!("/api/v1/operator/privacy/requests/{id}/verify"),
        &OperatorVerifyPrivacyRequest {
            method: method.to_owned(),
        },
    )
    .await
}

/// `POST /api/v1/operator/privacy/requests/{id}/extend`.
pub async fn extend(api: &Api, id: Uuid, reason: &str) -> Result<PrivacyRequestView, ApiError> {
    api.post(
        &format!("/api/v1/operator/privacy/requests/{id}/extend"),
        &ExtendPrivacyRequest {
            reason: reason.to_owned(),
        },
    )
    .await
}

/// `POST /api/v1/operator/privacy/requests/{id}/complete`.
pub async fn complete(
    api: &Api,
    id: Uuid,
    request: &CompletePrivacyRequest,
) -> Result<PrivacyRequestView, ApiError> {
    api.post(
        &format!("/api/v1/operator/privacy/requests/{id}/complete"),
        request,
    )
    .await
}

/// `POST /api/v1/operator/privacy/requests/{id}/reject`.
pub async fn reject(api: &Api, id: Uuid, reason: &str) -> Result<PrivacyRequestView, ApiError> {
    api.post(
        &format!("/api/v1/operator/privacy/requests/{id}/reject"),
        &RejectPrivacyRequest {
            reason: reason.to_owned(),
        },
    )
    .await
}

/// `POST /api/v1/operator/privacy/requests/{id}/lift-restriction`.
pub async fn lift_restriction(api: &Api, id: Uuid) -> Result<PrivacyRequestView, ApiError> {
    api.post_empty(&format!(
        "/api/v1/operator/privacy/requests/{id}/lift-restriction"
    ))
    .await
}

/// The path of a request's export for the operator.
pub fn operator_export_path(id: Uuid) -> String {
    format!("/api/v1/operator/privacy/requests/{id}/export")
}

/// `GET /api/v1/operator/privacy/requests/{id}/export`.
pub async fn operator_export(api: &Api, id: Uuid) -> Result<Vec<u8>, ApiError> {
    api.get_bytes(&operator_export_path(id), "application/zip")
        .await
}

/// `GET /api/v1/operator/retention/dry-run`.
pub async fn dry_run(api: &Api) -> Result<RetentionDryRun, ApiError> {
    api.get("/api/v1/operator/retention/dry-run").await
}
