//! `GET /api/v1/contacts/{id}`.

use actix_web::{get, web};
use ecom_domain::contract::Module;
use ecom_domain::ContactId;
use ecom_storage::contacts;
use ecom_types::crm::ContactView;
use ecom_types::Problem;
use uuid::Uuid;

use crate::access::{self, Access};
use crate::auth::TenantCaller;
use crate::crm;
use crate::error::ApiError;
use crate::state::AppState;

/// One contact.
#[utoipa::path(
    tag = "crm",
    operation_id = "get_contact",
    params(("id" = Uuid, Path, description = "The contact's id")),
    responses(
        (status = 200, description = "The contact", body = ContactView),
        (status = 403, description = "The CRM module is not available", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such contact in this account", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[get("/contacts/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    caller: TenantCaller,
    id: web::Path<Uuid>,
) -> Result<web::Json<ContactView>, ApiError> {
    let id = ContactId(id.into_inner());
    let now = state.clock.now();
    let view = state
        .read(move |conn| {
            access::require(conn, &caller, Module::Crm, Access::Read, now)?;
            let contact = contacts::find(conn, caller.tenant, id)?
                .ok_or_else(|| ApiError::not_found("contact"))?;
            crm::contact_views(conn, caller.tenant, &[contact])?
                .pop()
                .ok_or_else(|| ApiError::Internal("contact view".into()))
        })
        .await?;
    Ok(web::Json(view))
}
