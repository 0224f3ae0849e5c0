//! The operator's (Ecom staff) endpoints. Refresh and log-out are the same as
//! for users (see [`super::auth`]).

use ecom_types::auth::{LoginRequest, TokenPair};
use ecom_types::operator::{
    OperatorView, PriceChangeAnnounced, PriceChangeRequest, TenantSummary, TenantSummaryList,
    TerminateRequest,
};
use uuid::Uuid;

use super::client::{post_public, Api, ApiError};

/// `POST /api/v1/operator/auth/login`.
pub async fn login(request: &LoginRequest) -> Result<TokenPair, ApiError> {
    post_public("/api/v1/operator/auth/login", request).await
}

/// `GET /api/v1/operator/me`.
pub async fn me(api: &Api) -> Result<OperatorView, ApiError> {
    api.get("/api/v1/operator/me").await
}

/// `GET /api/v1/operator/tenants`, newest first.
pub async fn tenants(api: &Api) -> Result<TenantSummaryList, ApiError> {
    api.get("/api/v1/operator/tenants").await
}

/// `POST /api/v1/operator/tenants/{id}/suspend`: access stops until reinstated.
pub async fn suspend(api: &Api, id: Uuid) -> Result<TenantSummary, ApiError> {
    api.post_empty(&format!("/api/v1/operator/tenants/{id}/suspend"))
        .await
}

/// `POST /api/v1/operator/tenants/{id}/reinstate`.
pub async fn reinstate(api: &Api, id: Uuid) -> Result<TenantSummary, ApiError> {
    api.post_empty(&format!("/api/v1/operator/tenants/{id}/reinstate"))
        .await
}

/// `POST /api/v1/operator/tenants/{id}/terminate`: immediate (terms art. 15).
pub async fn terminate(
    api: &Api,
    id: Uuid,
    request: &TerminateRequest,
) -> Result<TenantSummary, ApiError> {
    api.post(&format!("/api/v1/operator/tenants/{id}/terminate"), request)
        .await
}

/// `POST /api/v1/operator/price-changes`: at least one month ahead.
pub async fn announce_price_change(
    api: &Api,
    request: &PriceChangeRequest,
) -> Result<PriceChangeAnnounced, ApiError> {
    api.post("/api/v1/operator/price-changes", request).await
}
