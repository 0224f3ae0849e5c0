//! The tenant's people (Administrator only).

use ecom_types::user::{InvitationCreated, InviteUserRequest, UserList, UserView};
use uuid::Uuid;

use super::client::{Api, ApiError};

/// `GET /api/v1/users`.
pub async fn list(api: &Api) -> Result<UserList, ApiError> {
    api.get("/api/v1/users").await
}

/// `POST /api/v1/users`: invites a User; the answer carries the one-time token.
pub async fn invite(api: &Api, request: &InviteUserRequest) -> Result<InvitationCreated, ApiError> {
    api.post("/api/v1/users", request).await
}

/// `POST /api/v1/users/{id}/deactivate`.
pub async fn deactivate(api: &Api, id: Uuid) -> Result<UserView, ApiError> {
    api.post_empty(&format!("/api/v1/users/{id}/deactivate"))
        .await
}

/// `POST /api/v1/users/{id}/reactivate`.
pub async fn reactivate(api: &Api, id: Uuid) -> Result<UserView, ApiError> {
    api.post_empty(&format!("/api/v1/users/{id}/reactivate"))
        .await
}
