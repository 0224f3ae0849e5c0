//! Invitations, accepted by the invitee (not logged in yet).

use ecom_types::auth::TokenPair;
use ecom_types::user::AcceptInvitationRequest;

use super::client::{post_public, ApiError};

/// `POST /api/v1/invitations/accept`: sets the password and starts a session.
pub async fn accept(request: &AcceptInvitationRequest) -> Result<TokenPair, ApiError> {
    post_public("/api/v1/invitations/accept", request).await
}
