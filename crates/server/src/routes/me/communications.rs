//! `GET`/`PUT /api/v1/me/communications`: opting out of non-essential
//! notices (terms art. 21) and consent per marketing list (SPEC §4), with
//! `GET /api/v1/me/communications/history` for every recorded decision.

use actix_web::{get, put, web, HttpRequest};
use chrono::{DateTime, Utc};
use ecom_domain::consent::{ConsentSource, MarketingList};
use ecom_domain::policy::PolicyKind;
use ecom_domain::{TenantId, UserId};
use ecom_storage::{consent as store, notices, policies, DbConnection};
use ecom_types::consent::{ConsentEntry, ConsentHistory, ListConsent};
use ecom_types::user::CommunicationPreferences;
use ecom_types::Problem;

use crate::audit::Audit;
use crate::auth::{caller::request_id, TenantCaller};
use crate::error::ApiError;
use crate::state::AppState;

fn entry(record: store::ConsentRecord) -> ConsentEntry {
    ConsentEntry {
        list: record.list.as_str().into(),
        granted: record.granted,
        source: record.source.as_str().into(),
        policy_version: record.policy_version,
        recorded_at: record.recorded_at,
    }
}

/// A person's current consents and history.
pub fn history_view(
    conn: &mut DbConnection,
    tenant: TenantId,
    user: UserId,
) -> Result<ConsentHistory, ApiError> {
    Ok(ConsentHistory {
        current: store::current_consents(conn, tenant, user)?
            .into_iter()
            .map(entry)
            .collect(),
        history: store::consent_history(conn, tenant, user)?
            .into_iter()
            .map(entry)
            .collect(),
    })
}

/// Every list with the person's latest decision (no decision: not granted).
fn preferences(
    conn: &mut DbConnection,
    tenant: TenantId,
    user: UserId,
) -> Result<CommunicationPreferences, ApiError> {
    let opted_out = notices::opted_out(conn, tenant, user)?;
    let current = store::current_consents(conn, tenant, user)?;
    Ok(CommunicationPreferences {
        non_essential: !opted_out,
        marketing: MarketingList::ALL
            .into_iter()
            .map(|list| ListConsent {
                list: list.as_str().into(),
                granted: current.iter().any(|c| c.list == list && c.granted),
            })
            .collect(),
    })
}

/// Records the changed lists with source `privacy_centre`. A new grant lifts
/// an earlier suppression of the person's address for that list: the person
/// asked for it themself.
fn change_lists(
    conn: &mut DbConnection,
    tenant: TenantId,
    user: UserId,
    wanted: &[(MarketingList, bool)],
    now: DateTime<Utc>,
) -> Result<Vec<(MarketingList, bool)>, ApiError> {
    let current = store::current_consents(conn, tenant, user)?;
    let version = policies::current_of(conn, PolicyKind::Privacy, now)?
        .map(|p| p.version)
        .unwrap_or_default();
    let email = ecom_storage::users::find(conn, tenant, user)?.map(|u| u.email);
    let mut changed = Vec::new();
    for &(list, granted) in wanted {
        // Only a change is a decision: "off" for a list never granted is none.
        let was = current.iter().any(|c| c.list == list && c.granted);
        if was == granted {
            continue;
        }
        store::record_consent(
            conn,
            tenant,
            user,
            list,
            granted,
            ConsentSource::PrivacyCentre,
            &version,
            now,
        )?;
        if let Some(email) = &email {
            let hash = crate::consent::email_hash(conn, email, now)?;
            if granted {
                store::lift_suppression(
                    conn,
                    &hash,
                    &crate::routes::marketing::stopping_scopes(list),
                )?;
            } else {
                store::suppress(conn, &hash, list.as_str(), now)?;
            }
        }
        changed.push((list, granted));
    }
    Ok(changed)
}

/// Every consent decision the caller made or that was recorded for them,
/// newest first, with the current one per list.
#[utoipa::path(
    tag = "accounts",
    responses(
        (status = 200, description = "The caller's consent history", body = ConsentHistory),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[get("/me/communications/history")]
pub async fn history(
    state: web::Data<AppState>,
    caller: TenantCaller,
) -> Result<web::Json<ConsentHistory>, ApiError> {
    Ok(web::Json(
        state
            .read(move |conn| history_view(conn, caller.tenant, caller.user))
            .await?,
    ))
}

/// Whether the caller receives non-essential notices, and their consent per marketing list.
#[utoipa::path(
    tag = "accounts",
    responses(
        (status = 200, description = "The caller's choice", body = CommunicationPreferences),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[get("/me/communications")]
pub async fn get_preferences(
    state: web::Data<AppState>,
    caller: TenantCaller,
) -> Result<web::Json<CommunicationPreferences>, ApiError> {
    Ok(web::Json(
        state
            .read(move |conn| preferences(conn, caller.tenant, caller.user))
            .await?,
    ))
}

/// Turns non-essential notices on or off for the caller, and grants or
/// withdraws consent to the marketing lists named in `marketing` (recorded
/// with source `privacy_centre`, the time and the privacy statement version).
/// Essential notices (required by the terms) are always sent.
#[utoipa::path(
    tag = "accounts",
    request_body(content = CommunicationPreferences, example = json!({"non_essential": true, "marketing": [{"list": "newsletter", "granted": true}]})),
    responses(
        (status = 200, description = "Saved", body = CommunicationPreferences),
        (status = 422, description = "Unknown list", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[put("/me/communications")]
pub async fn set_preferences(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: TenantCaller,
    body: crate::json_body::Json<CommunicationPreferences>,
) -> Result<web::Json<CommunicationPreferences>, ApiError> {
    let wanted = body.into_inner()?;
    let mut lists = Vec::new();
    for (index, choice) in wanted.marketing.iter().enumerate() {
        let list = MarketingList::parse(&choice.list).ok_or_else(|| {
            ApiError::field(
                &format!("marketing[{index}].list"),
                ecom_domain::account::InvalidInput::new(
                    "unknown_list",
                    "the list is onboarding, product_updates, newsletter or events",
                ),
            )
        })?;
        lists.push((list, choice.granted));
    }
    let now = state.clock.now();
    let request_id = request_id(&req);
    let saved = state
        .write(move |conn| {
            notices::set_opt_out(conn, caller.tenant, caller.user, !wanted.non_essential, now)?;
            let changed = change_lists(conn, caller.tenant, caller.user, &lists, now)?;
            let (kind, actor) = caller.caller.actor();
            let changed: Vec<_> = changed
                .iter()
                .map(|(l, g)| serde_json::json!({ "list": l.as_str(), "granted": g }))
                .collect();
            Audit::new(
                "communications.preferences_changed",
                (kind, Some(actor)),
                now,
            )
            .tenant(caller.tenant)
            .target("user", caller.user.0)
            .details(
                serde_json::json!({ "non_essential": wanted.non_essential, "marketing": changed }),
            )
            .request(request_id)
            .write(conn)?;
            preferences(conn, caller.tenant, caller.user)
        })
        .await?;
    Ok(web::Json(saved))
}
