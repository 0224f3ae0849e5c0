//! `POST /api/v1/calls/do-not-call`.

use actix_web::{post, web, HttpRequest, HttpResponse};
use ecom_domain::contract::Module;
use ecom_domain::work::phone::E164;
use ecom_domain::work::DoNotCallId;
use ecom_storage::work::calls::{self, DoNotCall};
use ecom_types::work::{DoNotCallRequest, DoNotCallView};
use ecom_types::Problem;
use uuid::Uuid;

use crate::access::{self, Access};
use crate::audit::Audit;
use crate::auth::{caller::request_id, TenantCaller};
use crate::error::{ApiError, FieldChecks};
use crate::state::AppState;
use crate::work::actor;

pub fn view(d: &DoNotCall) -> DoNotCallView {
    DoNotCallView {
        id: d.id.0,
        hint: d.hint.clone(),
        created_at: d.created_at,
    }
}

/// Puts a number on the "call me no more" list. Only a keyed hash and a
/// masked hint are stored; the number itself is not kept.
#[utoipa::path(
    operation_id = "do_not_call_add",
    tag = "calls",
    request_body = DoNotCallRequest,
    responses(
        (status = 201, description = "Listed", body = DoNotCallView),
        (status = 409, description = "Already on the list", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not a valid phone number", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[post("/calls/do-not-call")]
pub async fn add(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: TenantCaller,
    body: crate::json_body::Json<DoNotCallRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner()?;
    let mut checks = FieldChecks::default();
    let number = checks.check("number", E164::parse(&body.number));
    checks.finish()?;
    let number = number.ok_or_else(|| ApiError::Internal("validated without a number".into()))?;
    let now = state.clock.now();
    let request = request_id(&req);
    let entry = state
        .write(move |conn| {
            access::require(conn, &caller, Module::Voip, Access::Write, now)?;
            let hash = super::number_hash(conn, caller.tenant, &number, now)?;
            let entry = DoNotCall {
                id: DoNotCallId(Uuid::now_v7()),
                hint: number.masked(),
                created_by: caller.user,
                created_at: now,
            };
            if !calls::add_do_not_call(conn, caller.tenant, &entry, &hash)? {
                return Err(ApiError::Conflict {
                    code: "already_listed",
                    detail: "this number is already on the \"call me no more\" list".into(),
                    field: Some("number"),
                });
            }
            Audit::new("do_not_call.added", actor(&caller), now)
                .tenant(caller.tenant)
                .target("do_not_call", entry.id.0)
                .request(request)
                .write(conn)?;
            Ok(entry)
        })
        .await?;
    Ok(HttpResponse::Created().json(view(&entry)))
}
