//! Sign-up, log-in, refresh, log-out and password change.

use ecom_types::auth::{
    ChangePasswordRequest, LoginRequest, RefreshRequest, SignupRequest, SignupResponse, TokenPair,
};
use gloo_net::http::Method;

use super::client::{no_content, post_public, Api, ApiError};

/// `POST /api/v1/signup`: registers a company for the trial.
pub async fn signup(request: &SignupRequest) -> Result<SignupResponse, ApiError> {
    post_public("/api/v1/signup", request).await
}

/// `POST /api/v1/auth/login`.
pub async fn login(request: &LoginRequest) -> Result<TokenPair, ApiError> {
    post_public("/api/v1/auth/login", request).await
}

/// `POST /api/v1/auth/refresh`: spends the refresh token for a new pair.
pub async fn refresh(request: RefreshRequest) -> Result<TokenPair, ApiError> {
    post_public("/api/v1/auth/refresh", &request).await
}

/// `POST /api/v1/auth/logout`: revokes the session's refresh token.
pub async fn logout(api: &Api, request: &RefreshRequest) -> Result<(), ApiError> {
    no_content(
        api.send(Method::POST, "/api/v1/auth/logout", Some(request))
            .await?,
    )
    .await
}

/// `POST /api/v1/me/password`: every session is revoked; the answer is the
/// new session's pair.
pub async fn change_password(
    api: &Api,
    request: &ChangePasswordRequest,
) -> Result<TokenPair, ApiError> {
    api.post("/api/v1/me/password", request).await
}
