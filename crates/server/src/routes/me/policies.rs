//! `GET /api/v1/me/policies` and `POST /api/v1/me/policies/accept`: which
//! policy versions the caller accepted, which in force they still must
//! accept, and accepting one.

use actix_web::{get, post, web, HttpRequest};
use chrono::{DateTime, Utc};
use ecom_domain::policy::PolicyKind;
use ecom_storage::{policies, DbConnection};
use ecom_types::policy::{AcceptPolicyRequest, AcceptedPolicy, MyPolicies};
use ecom_types::Problem;

use crate::audit::Audit;
use crate::auth::{caller::request_id, Caller, TenantCaller};
use crate::error::ApiError;
use crate::routes::policies::version_view;
use crate::state::AppState;

/// The documents a person accepts: the terms and the privacy statement for
/// everyone, and the data processing agreement for the Administrator, who
/// accepts it for the Client. The cookie policy is consented to in the
/// cookie banner instead.
fn to_accept(caller: &TenantCaller) -> Vec<PolicyKind> {
    let mut kinds = vec![PolicyKind::Terms, PolicyKind::Privacy];
    if caller.role.may_administer() {
        kinds.push(PolicyKind::DataProcessing);
    }
    kinds
}

fn mine(
    conn: &mut DbConnection,
    caller: &TenantCaller,
    now: DateTime<Utc>,
) -> Result<MyPolicies, ApiError> {
    let accepted = policies::acceptances(conn, caller.tenant, caller.user)?;
    let mut pending = Vec::new();
    for kind in to_accept(caller) {
        if let Some(current) = policies::current_of(conn, kind, now)? {
            if !accepted
                .iter()
                .any(|(k, v, _)| k == kind.as_str() && *v == current.version)
            {
                pending.push(version_view(current));
            }
        }
    }
    Ok(MyPolicies {
        accepted: accepted
            .into_iter()
            .map(|(kind, version, accepted_at)| AcceptedPolicy {
                kind,
                version,
                accepted_at,
            })
            .collect(),
        pending,
    })
}

/// The versions the caller accepted (oldest first) and the versions in
/// force they have not accepted yet (the web app asks for those).
#[utoipa::path(
    tag = "policies",
    responses(
        (status = 200, description = "Accepted and pending versions", body = MyPolicies),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[get("/me/policies")]
pub async fn get(
    state: web::Data<AppState>,
    caller: TenantCaller,
) -> Result<web::Json<MyPolicies>, ApiError> {
    let now = state.clock.now();
    Ok(web::Json(
        state.read(move |conn| mine(conn, &caller, now)).await?,
    ))
}

/// Records that the caller (a person, not an API key) accepts the version
/// in force of a policy. Accepting it again changes nothing.
#[utoipa::path(
    tag = "policies",
    request_body(content = AcceptPolicyRequest, example = json!({"kind": "terms", "version": "2027-01"})),
    responses(
        (status = 200, description = "Recorded", body = MyPolicies),
        (status = 403, description = "An API key cannot accept for a person", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not a version in force, or not a document this person accepts", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []))
)]
#[post("/me/policies/accept")]
pub async fn accept(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: TenantCaller,
    body: crate::json_body::Json<AcceptPolicyRequest>,
) -> Result<web::Json<MyPolicies>, ApiError> {
    if !matches!(caller.caller, Caller::User { .. }) {
        return Err(ApiError::Forbidden {
            code: "person_only",
            detail: "only a person, logged in, accepts a policy; an API key cannot".into(),
        });
    }
    let body = body.into_inner()?;
    let kind = PolicyKind::parse(&body.kind)
        .filter(|k| to_accept(&caller).contains(k))
        .ok_or_else(|| {
            ApiError::field(
                "kind",
                ecom_domain::account::InvalidInput::new(
                    "not_acceptable",
                    "you accept terms and privacy (and data_processing as Administrator); cookie choices go through the cookie settings",
                ),
            )
        })?;
    let now = state.clock.now();
    let request_id = request_id(&req);
    let answer = state
        .write(move |conn| {
            let current = policies::current_of(conn, kind, now)?
                .ok_or_else(|| ApiError::not_found("policy version in force"))?;
            if current.version != body.version {
                return Err(ApiError::field(
                    "version",
                    ecom_domain::account::InvalidInput::new(
                        "not_in_force",
                        format!("the version in force is {}", current.version),
                    ),
                ));
            }
            if !policies::has_accepted(conn, caller.tenant, caller.user, kind, &current.version)? {
                policies::record_acceptance(
                    conn,
                    caller.tenant,
                    caller.user,
                    kind,
                    &current.version,
                    now,
                )?;
                Audit::new("policy.accepted", ("user", Some(caller.user.0)), now)
                    .tenant(caller.tenant)
                    .target("user", caller.user.0)
                    .details(
                        serde_json::json!({ "kind": kind.as_str(), "version": current.version }),
                    )
                    .request(request_id)
                    .write(conn)?;
            }
            mine(conn, &caller, now)
        })
        .await?;
    Ok(web::Json(answer))
}
