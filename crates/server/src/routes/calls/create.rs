//! `POST /api/v1/calls`.

use actix_web::{post, web, HttpResponse};
use ecom_domain::contract::Module;
use ecom_domain::work::CallId;
use ecom_storage::work::calls::{self, Call};
use ecom_types::work::{CallRequest, CallView};
use ecom_types::Problem;
use uuid::Uuid;

use crate::access::{self, Access};
use crate::auth::TenantCaller;
use crate::error::ApiError;
use crate::events;
use crate::state::AppState;

/// Logs a call (or plans one). Click-to-call in the web app logs an
/// outbound call before dialling.
#[utoipa::path(
    operation_id = "calls_create",
    tag = "calls",
    request_body = CallRequest,
    responses(
        (status = 201, description = "Logged", body = CallView),
        (status = 403, description = "The VoIP module is not in the subscription", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, or a planned/outbound call to a number on the \"call me no more\" list (`number_on_do_not_call_list`)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[post("/calls")]
pub async fn create(
    state: web::Data<AppState>,
    caller: TenantCaller,
    body: crate::json_body::Json<CallRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner()?;
    let now = state.clock.now();
    let view = state
        .write(move |conn| {
            access::require(conn, &caller, Module::Voip, Access::Write, now)?;
            let mut call = Call {
                id: CallId(Uuid::now_v7()),
                number: String::new(),
                direction: String::new(),
                started_at: body.started_at,
                duration_seconds: 0,
                outcome: String::new(),
                notes: None,
                contact_id: None,
                user_id: caller.user,
                created_at: now,
                updated_at: now,
            };
            super::apply(conn, caller.tenant, &body, &mut call, now)?;
            calls::insert(conn, caller.tenant, &call)?;
            let view = super::view(&call);
            events::record(
                conn,
                caller.tenant,
                "call",
                "created",
                call.id.0,
                &view,
                now,
            )?;
            Ok(view)
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}
