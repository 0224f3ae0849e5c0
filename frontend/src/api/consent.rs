//! Consent: cookie consent and analytics (public, cookie-based), the
//! person's marketing lists, and the policy documents and their acceptance.

use ecom_types::consent::{
    AnalyticsEventRequest, ConsentHistory, CookieConsentRequest, CookieConsentView,
};
use ecom_types::policy::{AcceptPolicyRequest, MyPolicies, PolicyDocument, PolicyHistory};
use ecom_types::user::CommunicationPreferences;
use gloo_net::http::Method;

use super::client::{get_public, json, no_content, send, Api, ApiError};

/// `GET /api/v1/cookie-consent`: this browser's choice (same-origin, so the
/// consent-id cookie travels with it).
pub async fn cookie_consent() -> Result<CookieConsentView, ApiError> {
    get_public("/api/v1/cookie-consent").await
}

/// `PUT /api/v1/cookie-consent`.
pub async fn set_cookie_consent(categories: Vec<String>) -> Result<CookieConsentView, ApiError> {
    json(
        send(
            Method::PUT,
            "/api/v1/cookie-consent",
            Some(&CookieConsentRequest { categories }),
            None,
        )
        .await?,
    )
    .await
}

/// `POST /api/v1/analytics/events`: never with credentials, only the
/// pseudonymous analytics cookie.
pub async fn analytics_event(event: &str, name: &str) -> Result<(), ApiError> {
    let body = AnalyticsEventRequest {
        event: event.into(),
        name: name.into(),
    };
    no_content(send(Method::POST, "/api/v1/analytics/events", Some(&body), None).await?).await
}

/// `GET /api/v1/me/communications`.
pub async fn communications(api: &Api) -> Result<CommunicationPreferences, ApiError> {
    api.get("/api/v1/me/communications").await
}

/// `PUT /api/v1/me/communications`.
pub async fn set_communications(
    api: &Api,
    wanted: &CommunicationPreferences,
) -> Result<CommunicationPreferences, ApiError> {
    json(
        api.send(Method::PUT, "/api/v1/me/communications", Some(wanted))
            .await?,
    )
    .await
}

/// `GET /api/v1/me/communications/history`.
pub async fn consent_history(api: &Api) -> Result<ConsentHistory, ApiError> {
    api.get("/api/v1/me/communications/history").await
}

/// `GET /api/v1/policies/{kind}`.
pub async fn policy(kind: &str) -> Result<PolicyHistory, ApiError> {
    get_public(&format!("/api/v1/policies/{kind}")).await
}

/// `GET /api/v1/policies/{kind}/{version}`.
pub async fn policy_version(kind: &str, version: &str) -> Result<PolicyDocument, ApiError> {
    get_public(&format!("/api/v1/policies/{kind}/{version}")).await
}

/// `GET /api/v1/me/policies`.
pub async fn my_policies(api: &Api) -> Result<MyPolicies, ApiError> {
    api.get("/api/v1/me/policies").await
}

/// `POST /api/v1/me/policies/accept`.
pub async fn accept_policy(api: &Api, kind: &str, version: &str) -> Result<MyPolicies, ApiError> {
    api.post(
        "/api/v1/me/policies/accept",
        &AcceptPolicyRequest {
            kind: kind.into(),
            version: version.into(),
        },
    )
    .await
}
