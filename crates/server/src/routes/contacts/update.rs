//! `PUT /api/v1/contacts/{id}`.

use actix_web::{put, web, HttpResponse};
use ecom_domain::contract::Module;
use ecom_domain::ContactId;
use ecom_storage::contacts;
use ecom_types::crm::{ContactRequest, ContactView, DuplicateProblem};
use ecom_types::Problem;
use uuid::Uuid;

use super::DuplicateQuery;
use crate::access::{self, Access};
use crate::auth::TenantCaller;
use crate::crm;
use crate::error::ApiError;
use crate::events;
use crate::state::AppState;

/// Replaces a contact's details (a field left out is cleared). Changing the
/// e-mail to another contact's is refused (409) unless `?allow_duplicate=true`.
#[utoipa::path(
    tag = "crm",
    operation_id = "update_contact",
    params(("id" = Uuid, Path, description = "The contact's id"), DuplicateQuery),
    request_body = ContactRequest,
    responses(
        (status = 200, description = "Updated", body = ContactView),
        (status = 403, description = "The CRM module is not available", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such contact in this account", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Another contact has this e-mail", body = DuplicateProblem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, or a company that is not in this account", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[put("/contacts/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    caller: TenantCaller,
    id: web::Path<Uuid>,
    query: crate::query_params::Query<DuplicateQuery>,
    body: crate::json_body::Json<ContactRequest>,
) -> Result<HttpResponse, ApiError> {
    let query = query.into_inner()?;
    let id = ContactId(id.into_inner());
    let body = body.into_inner()?;
    let allow_duplicate = query.allow_duplicate;
    let now = state.clock.now();
    let outcome = state
        .write(move |conn| {
            access::require(conn, &caller, Module::Crm, Access::Write, now)?;
            let current = contacts::find(conn, caller.tenant, id)?
                .ok_or_else(|| ApiError::not_found("contact"))?;
            let contact = crm::contact_from_request(&body, id, current.created_at, now)
                .map_err(ApiError::Validation)?;
            crm::check_company_link(conn, caller.tenant, contact.company_id)?;
            if let (Some(email), false) = (&contact.email, allow_duplicate) {
                if let Some(existing) =
                    contacts::find_by_email(conn, caller.tenant, email)?.filter(|c| c.id != id)
                {
                    return Ok(Err(existing.id.0));
                }
            }
            contacts::update(conn, caller.tenant, &contact)?;
            let view = crm::contact_views(conn, caller.tenant, std::slice::from_ref(&contact))?
                .pop()
                .ok_or_else(|| ApiError::Internal("contact view".into()))?;
            events::record(conn, caller.tenant, "contact", "updated", id.0, &view, now)?;
            Ok(Ok(view))
        })
        .await?;
    Ok(match outcome {
        Ok(view) => HttpResponse::Ok().json(view),
        Err(existing) => crm::duplicate("contact", "email", existing),
    })
}
