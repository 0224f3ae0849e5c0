//! `POST /api/v1/auth/login`, and the log-in flow operators share.

use actix_web::{post, web, HttpRequest};
use chrono::{DateTime, Utc};
use ecom_domain::{EmailAddress, LoginLockout};
use ecom_storage::sessions::Subject;
use ecom_storage::users::{self, UserStatus};
use ecom_storage::{operators, DbConnection};
use ecom_types::auth::{LoginRequest, TokenPair};
use ecom_types::Problem;
use uuid::Uuid;

use crate::audit::Audit;
use crate::auth::{caller::request_id, password, sessions};
use crate::error::ApiError;
use crate::state::AppState;

/// Exchanges e-mail and password for a token pair. Five wrong passwords in a
/// row lock the account for 15 minutes; a locked account answers 401
/// `invalid_credentials` like a wrong password or an unknown address, so the
/// answer never tells which addresses have an account.
#[utoipa::path(
    tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Logged in", body = TokenPair),
        (status = 401, description = "Wrong e-mail or password, the account locked after repeated failures, or not active", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/login")]
pub async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: crate::json_body::Json<LoginRequest>,
) -> Result<web::Json<TokenPair>, ApiError> {
    log_in(state, req, body.into_inner()?, AccountKind::User)
        .await
        .map(web::Json)
}

/// Which accounts a log-in looks in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountKind {
    User,
    Operator,
}

/// The account found for an e-mail address, reduced to what log-in needs.
struct Account {
    subject: Subject,
    password_hash: Option<String>,
    active: bool,
    failed_count: u32,
    locked_until: Option<DateTime<Utc>>,
}

fn find_account(
    conn: &mut DbConnection,
    kind: AccountKind,
    email: &str,
) -> Result<Option<Account>, ApiError> {
    Ok(match kind {
        AccountKind::User => users::find_for_login(conn, email)?.map(|u| Account {
            subject: Subject::User {
                tenant: u.tenant_id,
                user: u.id,
            },
            active: u.status == UserStatus::Active,
            password_hash: u.password_hash,
            failed_count: u.failed_login_count,
            locked_until: u.locked_until,
        }),
        AccountKind::Operator => operators::find_by_email(conn, email)?.map(|o| Account {
            subject: Subject::Operator(o.id),
            active: true,
            password_hash: Some(o.password_hash),
            failed_count: o.failed_login_count,
            locked_until: o.locked_until,
        }),
    })
}

fn invalid_credentials() -> ApiError {
    ApiError::Unauthorized {
        code: "invalid_credentials",
        detail: "the e-mail address or password is wrong, or the account is locked after 5 failed attempts: wait 15 minutes or reset your password".into(),
    }
}

fn actor(subject: Subject) -> (&'static str, Option<Uuid>, Option<ecom_domain::TenantId>) {
    match subject {
        Subject::User { tenant, user } => ("user", Some(user.0), Some(tenant)),
        Subject::Operator(op) => ("operator", Some(op.0), None),
    }
}

/// Checks the password, applies the lock-out rule and opens a session.
pub async fn log_in(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: LoginRequest,
    kind: AccountKind,
) -> Result<TokenPair, ApiError> {
    let now = state.clock.now();
    let lockout = LoginLockout::default();
    let request_id = request_id(&req);
    let cost = state.settings.password_hashing;
    let Ok(email) = EmailAddress::parse(&body.email) else {
        return Err(invalid_credentials());
    };
    let lookup = email.clone();
    let account = state
        .read(move |conn| find_account(conn, kind, lookup.as_str()))
        .await?;
    let Some(account) = account else {
        let attempt = body.password;
        web::block(move || password::verify_dummy(&attempt, cost)).await?;
        let rid = request_id.clone();
        state
            .write(move |conn| {
                Audit::new("auth.login_failed", ("anonymous", None), now)
                    .details(serde_json::json!({ "reason": "unknown_account", "operator": kind == AccountKind::Operator }))
                    .request(rid)
                    .write(conn)
            })
            .await?;
        return Err(invalid_credentials());
    };
    if lockout.is_locked(account.locked_until, now) {
        // A locked account answers exactly like a wrong password (issue 12):
        // a distinct 429 told an attacker which e-mail addresses have an
        // account, since unknown ones never lock. The hash still runs so the
        // answer takes as long.
        let attempt = body.password;
        web::block(move || password::verify_dummy(&attempt, cost)).await?;
        let (actor_kind, actor_id, tenant) = actor(account.subject);
        state
            .write(move |conn| {
                Audit::new("auth.login_failed", (actor_kind, actor_id), now)
                    .tenant(tenant)
                    .details(serde_json::json!({ "reason": "locked" }))
                    .request(request_id)
                    .write(conn)
            })
            .await?;
        return Err(invalid_credentials());
    }
    let stored = account.password_hash.clone();
    let attempt = body.password;
    let matches = web::block(move || match stored {
        Some(hash) => password::verify(&attempt, &hash),
        None => {
            password::verify_dummy(&attempt, cost);
            false
        }
    })
    .await?;
    let (actor_kind, actor_id, tenant) = actor(account.subject);
    if !matches {
        let failure = lockout.after_failure(account.failed_count, now);
        let subject = account.subject;
        state
            .write(move |conn| {
                match subject {
                    Subject::User { tenant, user } => users::record_failed_login(
                        conn,
                        tenant,
                        user,
                        failure.failed_count,
                        failure.locked_until,
                    )?,
                    Subject::Operator(op) => operators::record_failed_login(
                        conn,
                        op,
                        failure.failed_count,
                        failure.locked_until,
                    )?,
                }
                let audit = Audit::new("auth.login_failed", (actor_kind, actor_id), now)
                    .tenant(tenant)
                    .details(serde_json::json!({ "reason": "wrong_password" }))
                    .request(request_id.clone());
                audit.write(conn)?;
                if failure.locked_until.is_some() {
                    let locked = Audit::new("auth.account_locked", (actor_kind, actor_id), now)
                        .tenant(tenant)
                        .request(request_id);
                    locked.write(conn)?;
                }
                Ok(())
            })
            .await?;
        return Err(invalid_credentials());
    }
    if !account.active {
        return Err(ApiError::Unauthorized {
            code: "account_inactive",
            detail: "this account is not active; ask your Administrator to reactivate it".into(),
        });
    }
    let st = state.clone();
    state
        .write(move |conn| {
            match account.subject {
                Subject::User { tenant, user } => users::record_login(conn, tenant, user, now)?,
                Subject::Operator(op) => operators::record_login(conn, op, now)?,
            }
            let (session, pair) =
                sessions::open(conn, &st.keys, &st.settings, account.subject, now)?;
            let audit = Audit::new("auth.login", (actor_kind, actor_id), now)
                .tenant(tenant)
                .target("session", session.0)
                .request(request_id);
            audit.write(conn)?;
            Ok(pair)
        })
        .await
}
