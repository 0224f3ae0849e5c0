//! The operator's prospects (`/api/v1/operator/prospects`).

use ecom_types::crm::DuplicateProblem;
use ecom_types::page::Page;
use ecom_types::prospects::{ProspectRequest, ProspectUpdate, ProspectView};
use ecom_types::Problem;
use gloo_net::http::{Method, Response};
use uuid::Uuid;

use super::client::{Api, ApiError};

/// A refused create or edit, with the id of the prospect that already has
/// the e-mail address when that was the reason (409 `duplicate_email`).
#[derive(Debug, Clone, PartialEq)]
pub struct Refusal {
    pub error: ApiError,
    pub existing_id: Option<Uuid>,
}

impl From<ApiError> for Refusal {
    fn from(error: ApiError) -> Self {
        Refusal {
            error,
            existing_id: None,
        }
    }
}

async fn saved(response: Response) -> Result<ProspectView, Refusal> {
    let status = response.status();
    if response.ok() {
        return response
            .json::<ProspectView>()
            .await
            .map_err(|_| ApiError::Unexpected { status }.into());
    }
    let body = response.text().await.unwrap_or_default();
    if let Ok(duplicate) = serde_json::from_str::<DuplicateProblem>(&body) {
        return Err(Refusal {
            error: ApiError::Problem(duplicate.problem),
            existing_id: Some(duplicate.existing_id),
        });
    }
    Err(match serde_json::from_str::<Problem>(&body) {
        Ok(problem) => ApiError::Problem(problem).into(),
        Err(_) => ApiError::Unexpected { status }.into(),
    })
}

const BASE: &str = "/api/v1/operator/prospects";

/// `GET /api/v1/operator/prospects{query}` (`query` starts with `?` or is empty).
pub async fn list(api: &Api, query: &str) -> Result<Page<ProspectView>, ApiError> {
    api.get(&format!("{BASE}{query}")).await
}

/// `GET /api/v1/operator/prospects/{id}`.
pub async fn get(api: &Api, id: Uuid) -> Result<ProspectView, ApiError> {
    api.get(&format!("{BASE}/{id}")).await
}

/// `POST /api/v1/operator/prospects`: 409 when suppressed or a duplicate.
pub async fn create(api: &Api, request: &ProspectRequest) -> Result<ProspectView, Refusal> {
    saved(api.send(Method::POST, BASE, Some(request)).await?).await
}

/// `PATCH /api/v1/operator/prospects/{id}`.
pub async fn update(
    api: &Api,
    id: Uuid,
    request: &ProspectUpdate,
) -> Result<ProspectView, Refusal> {
    saved(
        api.send(Method::PATCH, &format!("{BASE}/{id}"), Some(request))
            .await?,
    )
    .await
}

/// `POST /api/v1/operator/prospects/{id}/not-interested`.
pub async fn not_interested(api: &Api, id: Uuid) -> Result<ProspectView, ApiError> {
    api.post_empty(&format!("{BASE}/{id}/not-interested")).await
}

/// `DELETE /api/v1/operator/prospects/{id}`: erased now.
pub async fn erase(api: &Api, id: Uuid) -> Result<(), ApiError> {
    api.delete(&format!("{BASE}/{id}")).await
}
