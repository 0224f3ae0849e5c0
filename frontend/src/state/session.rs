//! The session as a pure reducer: credentials (access + refresh token), which
//! kind of session it is (a tenant's user or an operator), and the profile
//! (`GET /api/v1/me` or `GET /api/v1/operator/me`).
//!
//! The same reducer runs in two places: in the App's Yew context (what the UI
//! renders) and inside the API client (which needs the current refresh token
//! without waiting for a re-render). Both see the same actions in the same
//! order, so they cannot disagree.

use std::rc::Rc;

use ecom_types::auth::{MeResponse, TokenPair};
use ecom_types::operator::OperatorView;
use serde::{Deserialize, Serialize};

/// Who a session belongs to. An operator (Ecom staff) never sees a tenant's
/// pages and a tenant's user never sees the operator's (SPEC actors: the
/// operator never logs in as a tenant).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionKind {
    /// A user (Administrator or User) of a tenant.
    #[default]
    Tenant,
    /// Ecom staff, logged in at `/operator/login`.
    Operator,
}

/// What a browser tab keeps to stay logged in across a reload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Credentials {
    /// Sent as `Authorization: Bearer ...`; expires after minutes.
    pub access_token: String,
    /// Single-use: exchanged for the next pair when the access token expires.
    pub refresh_token: String,
    /// Sessions stored before operators existed are tenants' sessions.
    #[serde(default)]
    pub kind: SessionKind,
}

impl Credentials {
    pub fn new(kind: SessionKind, pair: &TokenPair) -> Self {
        Self {
            access_token: pair.access_token.clone(),
            refresh_token: pair.refresh_token.clone(),
            kind,
        }
    }
}

/// Why the person is no longer logged in; the log-in page says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignOutReason {
    /// They pressed "Log out".
    LoggedOut,
    /// The refresh token was refused (expired, already used or revoked).
    SessionExpired,
}

/// Something that happened to the session.
#[derive(Debug, Clone, PartialEq)]
pub enum SessionAction {
    /// A new session began (sign-up, log-in, accepted invitation, operator log-in).
    SignedIn(SessionKind, TokenPair),
    /// The current session got a new token pair (refresh, password change).
    TokensRotated(TokenPair),
    /// `GET /api/v1/me` answered (tenant sessions).
    ProfileLoaded(Box<MeResponse>),
    /// `GET /api/v1/operator/me` answered (operator sessions).
    OperatorLoaded(Box<OperatorView>),
    /// Loading the profile failed for a reason other than the session ending.
    ProfileFailed(String),
    /// The person asked to try loading the profile again.
    ProfileRetried,
    SignedOut(SignOutReason),
}

/// Who is logged in in this tab.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SessionState {
    pub credentials: Option<Credentials>,
    /// Known once `GET /api/v1/me` answered for the current tenant session.
    pub me: Option<MeResponse>,
    /// Known once `GET /api/v1/operator/me` answered for the current operator session.
    pub operator: Option<OperatorView>,
    /// Why loading the profile failed, if it did.
    pub profile_error: Option<String>,
    /// Set when the last session ended; cleared by the next sign-in.
    pub signed_out: Option<SignOutReason>,
}

impl SessionState {
    /// The state after a page load, from what the tab had stored.
    pub fn restored(credentials: Option<Credentials>) -> Self {
        Self {
            credentials,
            ..Self::default()
        }
    }

    /// The state after `action`. Never reads the clock or the browser.
    #[must_use]
    pub fn apply(&self, action: SessionAction) -> Self {
        match action {
            SessionAction::SignedIn(kind, pair) => Self {
                credentials: Some(Credentials::new(kind, &pair)),
                ..Self::default()
            },
            // A refresh that finishes after the person logged out must not
            // log them back in.
            SessionAction::TokensRotated(pair) if self.is_signed_in() => Self {
                credentials: Some(Credentials::new(self.kind().unwrap_or_default(), &pair)),
                ..self.clone()
            },
            // A profile of the other kind (an answer for a session that has
            // since been replaced) is never shown.
            SessionAction::ProfileLoaded(me) if self.kind() == Some(SessionKind::Tenant) => Self {
                me: Some(*me),
                profile_error: None,
                ..self.clone()
            },
            SessionAction::OperatorLoaded(operator)
                if self.kind() == Some(SessionKind::Operator) =>
            {
                Self {
                    operator: Some(*operator),
                    profile_error: None,
                    ..self.clone()
                }
            }
            SessionAction::ProfileFailed(message) if self.is_signed_in() => Self {
                profile_error: Some(message),
                ..self.clone()
            },
            SessionAction::ProfileRetried => Self {
                profile_error: None,
                ..self.clone()
            },
            SessionAction::SignedOut(reason) => Self {
                signed_out: Some(reason),
                ..Self::default()
            },
            SessionAction::TokensRotated(_)
            | SessionAction::ProfileLoaded(_)
            | SessionAction::OperatorLoaded(_)
            | SessionAction::ProfileFailed(_) => self.clone(),
        }
    }

    pub fn is_signed_in(&self) -> bool {
        self.credentials.is_some()
    }

    /// Which kind of session this is; `None` when logged out.
    pub fn kind(&self) -> Option<SessionKind> {
        self.credentials.as_ref().map(|c| c.kind)
    }

    /// A tenant user's session (tenant pages may be shown).
    pub fn is_tenant(&self) -> bool {
        self.kind() == Some(SessionKind::Tenant)
    }

    /// An operator's session (only the operator's pages may be shown).
    pub fn is_operator(&self) -> bool {
        self.kind() == Some(SessionKind::Operator)
    }

    /// Signed in, but the profile of the session's kind has not answered yet.
    pub fn needs_profile(&self) -> bool {
        let loaded = match self.kind() {
            None => return false,
            Some(SessionKind::Tenant) => self.me.is_some(),
            Some(SessionKind::Operator) => self.operator.is_some(),
        };
        !loaded && self.profile_error.is_none()
    }

    /// Whether the person is the tenant's Administrator (manages users, API
    /// keys, the subscription and invoices). Unknown until the profile is
    /// loaded: then `false`.
    pub fn is_administrator(&self) -> bool {
        self.is_tenant()
            && self
                .me
                .as_ref()
                .is_some_and(|me| me.user.role == "administrator")
    }

    pub fn access_token(&self) -> Option<&str> {
        self.credentials.as_ref().map(|c| c.access_token.as_str())
    }

    pub fn refresh_token(&self) -> Option<&str> {
        self.credentials.as_ref().map(|c| c.refresh_token.as_str())
    }
}

/// Lets Yew's `use_reducer` drive the same pure function.
impl yew::Reducible for SessionState {
    type Action = SessionAction;

    fn reduce(self: Rc<Self>, action: Self::Action) -> Rc<Self> {
        Rc::new(self.apply(action))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};
    use ecom_types::tenant::TenantView;
    use ecom_types::user::UserView;
    use uuid::Uuid;

    fn pair(n: u32) -> TokenPair {
        TokenPair {
            access_token: format!("access-{n}"),
            token_type: "Bearer".into(),
            expires_in: 900,
            refresh_token: format!("refresh-{n}"),
            refresh_expires_in: 2_592_000,
        }
    }

    fn me(role: &str) -> MeResponse {
        let at = Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).single();
        let at = at.unwrap_or_default();
        MeResponse {
            user: UserView {
                id: Uuid::nil(),
                email: "an@bakkerij-peeters.be".into(),
                first_name: "An".into(),
                last_name: "Peeters".into(),
                function: Some("Zaakvoerder".into()),
                phone: None,
                role: role.into(),
                status: "active".into(),
                created_at: at,
                activated_at: Some(at),
                last_login_at: None,
                deactivated_at: None,
            },
            tenant: TenantView {
                id: Uuid::nil(),
                name: "Bakkerij Peeters BV".into(),
                country: "BE".into(),
                vat_number: None,
                street: "Kerkstraat 1".into(),
                postal_code: "9000".into(),
                city: "Gent".into(),
                status: "trial".into(),
                trial_ends_at: Some(at),
                trial_days_left: 15,
                modules_available: true,
                created_at: at,
            },
            authenticated_with: "session".into(),
            api_key_id: None,
        }
    }

    fn signed_in_with_profile(role: &str) -> SessionState {
        SessionState::default()
            .apply(SessionAction::SignedIn(SessionKind::Tenant, pair(1)))
            .apply(SessionAction::ProfileLoaded(Box::new(me(role))))
    }

    #[test]
    fn a_fresh_tab_without_stored_credentials_is_signed_out() {
        let state = SessionState::restored(None);
        assert!(!state.is_signed_in());
        assert!(!state.needs_profile());
        assert_eq!(state.signed_out, None);
    }

    #[test]
    fn a_reload_with_stored_credentials_is_signed_in_and_asks_for_the_profile() {
        let state = SessionState::restored(Some(Credentials::new(SessionKind::Tenant, &pair(7))));
        assert!(state.is_signed_in());
        assert!(state.needs_profile());
        assert_eq!(state.access_token(), Some("access-7"));
    }

    #[test]
    fn signing_in_stores_both_tokens_and_forgets_the_previous_profile() {
        let state = signed_in_with_profile("administrator")
            .apply(SessionAction::SignedIn(SessionKind::Tenant, pair(2)));
        assert_eq!(state.access_token(), Some("access-2"));
        assert_eq!(state.refresh_token(), Some("refresh-2"));
        assert_eq!(state.me, None);
        assert!(state.needs_profile());
    }

    #[test]
    fn rotating_tokens_keeps_the_profile() {
        let state = signed_in_with_profile("user").apply(SessionAction::TokensRotated(pair(3)));
        assert_eq!(state.refresh_token(), Some("refresh-3"));
        assert!(state.me.is_some());
    }

    #[test]
    fn a_refresh_that_lands_after_log_out_does_not_log_back_in() {
        let state = signed_in_with_profile("user")
            .apply(SessionAction::SignedOut(SignOutReason::LoggedOut))
            .apply(SessionAction::TokensRotated(pair(4)));
        assert!(!state.is_signed_in());
        assert_eq!(state.signed_out, Some(SignOutReason::LoggedOut));
    }

    #[test]
    fn a_profile_that_lands_after_log_out_is_ignored() {
        let state = SessionState::default()
            .apply(SessionAction::SignedIn(SessionKind::Tenant, pair(1)))
            .apply(SessionAction::SignedOut(SignOutReason::SessionExpired))
            .apply(SessionAction::ProfileLoaded(Box::new(me("administrator"))));
        assert_eq!(state.me, None);
        assert!(!state.is_administrator());
    }

    #[test]
    fn signing_out_forgets_credentials_and_profile_and_says_why() {
        let state = signed_in_with_profile("administrator")
            .apply(SessionAction::SignedOut(SignOutReason::SessionExpired));
        assert_eq!(state.credentials, None);
        assert_eq!(state.me, None);
        assert_eq!(state.signed_out, Some(SignOutReason::SessionExpired));
    }

    #[test]
    fn signing_in_again_clears_the_sign_out_reason() {
        let state = SessionState::default()
            .apply(SessionAction::SignedOut(SignOutReason::SessionExpired))
            .apply(SessionAction::SignedIn(SessionKind::Tenant, pair(5)));
        assert_eq!(state.signed_out, None);
    }

    #[test]
    fn only_the_administrator_role_manages_users_and_keys() {
        assert!(signed_in_with_profile("administrator").is_administrator());
        assert!(!signed_in_with_profile("user").is_administrator());
        let without_profile =
            SessionState::default().apply(SessionAction::SignedIn(SessionKind::Tenant, pair(1)));
        assert!(!without_profile.is_administrator());
    }

    #[test]
    fn a_failed_profile_load_stops_asking_until_the_next_sign_in() {
        let failed = SessionState::default()
            .apply(SessionAction::SignedIn(SessionKind::Tenant, pair(1)))
            .apply(SessionAction::ProfileFailed("offline".into()));
        assert!(!failed.needs_profile());
        assert_eq!(failed.profile_error.as_deref(), Some("offline"));
        let again = failed.apply(SessionAction::SignedIn(SessionKind::Tenant, pair(2)));
        assert!(again.needs_profile());
        let retried = failed.apply(SessionAction::ProfileRetried);
        assert!(retried.needs_profile());
    }

    #[test]
    fn credentials_survive_a_round_trip_through_storage_json() {
        let credentials = Credentials::new(SessionKind::Tenant, &pair(9));
        let json = serde_json::to_string(&credentials).unwrap_or_default();
        let back: Option<Credentials> = serde_json::from_str(&json).ok();
        assert_eq!(back, Some(credentials));
    }

    fn operator() -> OperatorView {
        OperatorView {
            id: Uuid::nil(),
            email: "ops@ecom.invalid".into(),
            created_at: Utc::now(),
        }
    }

    fn operator_session() -> SessionState {
        SessionState::default()
            .apply(SessionAction::SignedIn(SessionKind::Operator, pair(1)))
            .apply(SessionAction::OperatorLoaded(Box::new(operator())))
    }

    #[test]
    fn an_operator_session_loads_the_operator_profile_not_a_tenant_one() {
        let state =
            SessionState::default().apply(SessionAction::SignedIn(SessionKind::Operator, pair(1)));
        assert!(state.is_operator());
        assert!(!state.is_tenant());
        assert!(state.needs_profile());
        let loaded = state.apply(SessionAction::OperatorLoaded(Box::new(operator())));
        assert!(!loaded.needs_profile());
        assert_eq!(
            loaded.operator.map(|o| o.email).as_deref(),
            Some("ops@ecom.invalid")
        );
    }

    #[test]
    fn a_profile_of_the_other_kind_is_ignored() {
        let operator = SessionState::default()
            .apply(SessionAction::SignedIn(SessionKind::Operator, pair(1)))
            .apply(SessionAction::ProfileLoaded(Box::new(me("administrator"))));
        assert_eq!(operator.me, None);
        assert!(!operator.is_administrator());
        assert!(operator.needs_profile());

        let tenant = SessionState::default()
            .apply(SessionAction::SignedIn(SessionKind::Tenant, pair(1)))
            .apply(SessionAction::OperatorLoaded(Box::new(self::operator())));
        assert_eq!(tenant.operator, None);
        assert!(tenant.needs_profile());
    }

    #[test]
    fn rotating_an_operator_s_tokens_keeps_it_an_operator_session() {
        let state = operator_session().apply(SessionAction::TokensRotated(pair(2)));
        assert!(state.is_operator());
        assert_eq!(state.access_token(), Some("access-2"));
        assert!(state.operator.is_some());
    }

    #[test]
    fn a_tenant_log_in_after_an_operator_session_forgets_the_operator() {
        let state = operator_session().apply(SessionAction::SignedIn(SessionKind::Tenant, pair(3)));
        assert!(state.is_tenant());
        assert_eq!(state.operator, None);
        let out = operator_session().apply(SessionAction::SignedOut(SignOutReason::LoggedOut));
        assert_eq!(out.kind(), None);
        assert_eq!(out.operator, None);
    }

    #[test]
    fn sessions_stored_before_operators_existed_are_tenant_sessions() {
        let stored = r#"{"access_token":"a","refresh_token":"r"}"#;
        let credentials: Option<Credentials> = serde_json::from_str(stored).ok();
        assert_eq!(credentials.map(|c| c.kind), Some(SessionKind::Tenant));
        let operator = Credentials::new(SessionKind::Operator, &pair(1));
        let json = serde_json::to_string(&operator).unwrap_or_default();
        assert!(json.contains(r#""kind":"operator""#), "{json}");
    }
}
