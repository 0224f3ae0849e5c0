//! `POST /api/v1/contacts`.

use actix_web::{post, web, HttpResponse};
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

/// Creates a contact, optionally linked to one of the account's companies.
/// An e-mail address another contact already has is refused (409, with that
/// contact's id) unless `?allow_duplicate=true`.
#[utoipa::path(
    tag = "crm",
    operation_id = "create_contact",
    params(DuplicateQuery),
    request_body = ContactRequest,
    responses(
        (status = 201, description = "Created", body = ContactView),
        (status = 403, description = "The CRM module is not available", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A contact with this e-mail exists", body = DuplicateProblem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, or a company that is not in this account", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[post("/contacts")]
pub async fn create(
    state: web::Data<AppState>,
    caller: TenantCaller,
    query: crate::query_params::Query<DuplicateQuery>,
    body: crate::json_body::Json<ContactRequest>,
) -> Result<HttpResponse, ApiError> {
    let query = query.into_inner()?;
    let body = body.into_inner()?;
    let allow_duplicate = query.allow_duplicate;
    let now = state.clock.now();
    let outcome = state
        .write(move |conn| {
            access::require(conn, &caller, Module::Crm, Access::Write, now)?;
            let contact = crm::contact_from_request(&body, ContactId(Uuid::now_v7()), now, now)
                .map_err(ApiError::Validation)?;
            crm::check_company_link(conn, caller.tenant, contact.company_id)?;
            if let (Some(email), false) = (&contact.email, allow_duplicate) {
                if let Some(existing) = contacts::find_by_email(conn, caller.tenant, email)? {
                    return Ok(Err(existing.id.0));
                }
            }
            contacts::insert(conn, caller.tenant, &contact)?;
            let view = crm::contact_views(conn, caller.tenant, std::slice::from_ref(&contact))?
                .pop()
                .ok_or_else(|| ApiError::Internal("contact view".into()))?;
            events::record(
                conn,
                caller.tenant,
                "contact",
                "created",
                contact.id.0,
                &view,
                now,
            )?;
            Ok(Ok(view))
        })
        .await?;
    Ok(match outcome {
        Ok(view) => HttpResponse::Created().json(view),
        Err(existing) => crm::duplicate("contact", "email", existing),
    })
}
