//! `POST /api/v1/operator/tenants/{tenant}/users/{user}/marketing-consents`:
//! the operator records a consent decision a person asked for (by mail or
//! phone) or that came from an import.

use actix_web::{post, web, HttpRequest};
use ecom_domain::consent::ConsentSource;
use ecom_domain::policy::PolicyKind;
use ecom_domain::{TenantId, UserId};
use ecom_storage::{consent as store, policies, users};
use ecom_types::consent::{ConsentHistory, OperatorConsentRequest};
use ecom_types::Problem;
use uuid::Uuid;

use super::parse_list;
use crate::audit::Audit;
use crate::auth::{caller::request_id, OperatorCaller};
use crate::error::ApiError;
use crate::routes::me::communications::history_view;
use crate::state::AppState;

/// Records a grant or withdrawal for one list with source
/// `operator_on_request` or `import`, and the privacy statement version in
/// force. Answers the person's consent history.
#[utoipa::path(
    tag = "marketing",
    params(("tenant" = Uuid, Path, description = "The tenant"), ("user" = Uuid, Path, description = "The person, a user of that tenant")),
    request_body(content = OperatorConsentRequest, example = json!({"list": "events", "granted": false, "source": "operator_on_request"})),
    responses(
        (status = 200, description = "Recorded", body = ConsentHistory),
        (status = 404, description = "No such person in that tenant", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown list or source", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []))
)]
#[post("/operator/tenants/{tenant}/users/{user}/marketing-consents")]
pub async fn record(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: OperatorCaller,
    path: web::Path<(Uuid, Uuid)>,
    body: crate::json_body::Json<OperatorConsentRequest>,
) -> Result<web::Json<ConsentHistory>, ApiError> {
    let (tenant, user) = path.into_inner();
    let (tenant, user) = (TenantId(tenant), UserId(user));
    let body = body.into_inner()?;
    let list = parse_list(&body.list)?;
    let source = match ConsentSource::parse(&body.source) {
        Some(source @ (ConsentSource::OperatorOnRequest | ConsentSource::Import)) => source,
        _ => {
            return Err(ApiError::field(
                "source",
                ecom_domain::account::InvalidInput::new(
                    "unknown_source",
                    "the operator records consent with source operator_on_request or import",
                ),
            ))
        }
    };
    let now = state.clock.now();
    let request_id = request_id(&req);
    let history = state
        .write(move |conn| {
            let person = users::find(conn, tenant, user)?.ok_or_else(|| ApiError::not_found("person"))?;
            let version = policies::current_of(conn, PolicyKind::Privacy, now)?.map(|p| p.version).unwrap_or_default();
            store::record_consent(conn, tenant, user, list, body.granted, source, &version, now)?;
            if !body.granted {
                let hash = crate::consent::email_hash(conn, &person.email, now)?;
                store::suppress(conn, &hash, list.as_str(), now)?;
            }
            Audit::new("marketing.consent_recorded", ("operator", Some(caller.operator.0)), now)
                .tenant(tenant)
                .target("user", user.0)
                .details(serde_json::json!({ "list": list.as_str(), "granted": body.granted, "source": source.as_str() }))
                .request(request_id)
                .write(conn)?;
            history_view(conn, tenant, user)
        })
        .await?;
    Ok(web::Json(history))
}
