//! `DELETE /api/v1/contacts/{id}`.

use actix_web::{delete, web, HttpRequest, HttpResponse};
use ecom_domain::contract::Module;
use ecom_domain::ContactId;
use ecom_storage::{contacts, deals};
use ecom_types::Problem;
use uuid::Uuid;

use crate::access::{self, Access};
use crate::audit::Audit;
use crate::auth::{caller::request_id, TenantCaller};
use crate::crm;
use crate::error::ApiError;
use crate::events;
use crate::state::AppState;

/// Deletes a contact. Deals, calendar events, projects and call records that
/// named the contact stay, without it; quotations and invoices keep it (409).
#[utoipa::path(
    tag = "crm",
    operation_id = "delete_contact",
    params(("id" = Uuid, Path, description = "The contact's id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 403, description = "The CRM module is not available", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such contact in this account", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Records of other modules still refer to the contact", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[delete("/contacts/{id}")]
pub async fn delete(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: TenantCaller,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = ContactId(id.into_inner());
    let now = state.clock.now();
    let request_id = request_id(&req);
    state
        .write(move |conn| {
            access::require(conn, &caller, Module::Crm, Access::Write, now)?;
            let contact = contacts::find(conn, caller.tenant, id)?
                .ok_or_else(|| ApiError::not_found("contact"))?;
            let view = crm::contact_views(conn, caller.tenant, std::slice::from_ref(&contact))?
                .pop()
                .ok_or_else(|| ApiError::Internal("contact view".into()))?;
            let unlinked_deals = deals::unlink_contact(conn, caller.tenant, id, now)?;
            let unlinked_work = ecom_storage::work::unlink_contact(conn, caller.tenant, id, now)?;
            crm::delete_or_in_use(contacts::delete(conn, caller.tenant, id), "contact")?;
            events::record(conn, caller.tenant, "contact", "deleted", id.0, &view, now)?;
            let (kind, actor) = caller.caller.actor();
            Audit::new("contact.deleted", (kind, Some(actor)), now)
                .tenant(caller.tenant)
                .target("contact", id.0)
                .details(serde_json::json!({ "unlinked_deals": unlinked_deals, "unlinked_work_records": unlinked_work }))
                .request(request_id)
                .write(conn)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
