//! `GET /api/v1/contacts/duplicates`.

use actix_web::{get, web};
use ecom_domain::contract::Module;
use ecom_storage::contacts;
use ecom_types::crm::{ContactDuplicateGroup, ContactDuplicates};
use ecom_types::Problem;

use crate::access::{self, Access};
use crate::auth::TenantCaller;
use crate::crm;
use crate::error::ApiError;
use crate::state::AppState;

/// Groups of contacts that share an e-mail address (created with
/// `?allow_duplicate=true` or imported so), to merge or clean up.
#[utoipa::path(
    tag = "crm",
    operation_id = "list_contact_duplicates",
    responses(
        (status = 200, description = "The duplicate groups, by e-mail address", body = ContactDuplicates),
        (status = 403, description = "The CRM module is not available", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[get("/contacts/duplicates")]
pub async fn duplicates(
    state: web::Data<AppState>,
    caller: TenantCaller,
) -> Result<web::Json<ContactDuplicates>, ApiError> {
    let now = state.clock.now();
    let groups = state
        .read(move |conn| {
            access::require(conn, &caller, Module::Crm, Access::Read, now)?;
            let list = contacts::with_shared_email(conn, caller.tenant)?;
            let views = crm::contact_views(conn, caller.tenant, &list)?;
            let mut groups: Vec<ContactDuplicateGroup> = Vec::new();
            for view in views {
                let email = view.email.clone().unwrap_or_default();
                match groups.last_mut() {
                    Some(group) if group.email == email => group.contacts.push(view),
                    _ => groups.push(ContactDuplicateGroup {
                        email,
                        contacts: vec![view],
                    }),
                }
            }
            Ok(groups)
        })
        .await?;
    Ok(web::Json(ContactDuplicates { groups }))
}
