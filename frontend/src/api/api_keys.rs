//! The tenant's API keys (Administrator only).

use ecom_types::auth::{ApiKeyList, CreateApiKeyRequest, CreatedApiKey, RotatedApiKey};
use uuid::Uuid;

use super::client::{Api, ApiError};

/// `GET /api/v1/api-keys`.
pub async fn list(api: &Api) -> Result<ApiKeyList, ApiError> {
    api.get("/api/v1/api-keys").await
}

/// `POST /api/v1/api-keys`: the answer holds the secret, shown once.
pub async fn create(api: &Api, request: &CreateApiKeyRequest) -> Result<CreatedApiKey, ApiError> {
    api.post("/api/v1/api-keys", request).await
}

/// `DELETE /api/v1/api-keys/{id}`: revokes the key.
pub async fn revoke(api: &Api, id: Uuid) -> Result<(), ApiError> {
    api.delete(&format!("/api/v1/api-keys/{id}")).await
}

/// `POST /api/v1/api-keys/{id}/rotate`: a new secret, shown once; the old one
/// keeps working for the server's grace period.
pub async fn rotate(api: &Api, id: Uuid) -> Result<RotatedApiKey, ApiError> {
    api.post_empty(&format!("/api/v1/api-keys/{id}/rotate"))
        .await
}
