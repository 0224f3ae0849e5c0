//! `GET /api/v1/contacts`.

use actix_web::{get, web};
use ecom_domain::contract::Module;
use ecom_domain::CompanyId;
use ecom_storage::companies;
use ecom_storage::contacts::{self, ContactQuery, ContactSort};
use ecom_types::crm::ContactView;
use ecom_types::page::Page;
use ecom_types::Problem;
use uuid::Uuid;

use crate::access::{self, Access};
use crate::auth::TenantCaller;
use crate::crm;
use crate::error::ApiError;
use crate::pagination::{self, Sort};
use crate::state::AppState;

/// `GET /api/v1/contacts` query.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ContactListQuery {
    /// Page size: default 50, at most 200.
    pub limit: Option<u32>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// `name` (last, first), `created_at`, `updated_at` or `city`; `-` in front for descending. Default `name`.
    #[param(pattern = r"^(-?(name|created_at|updated_at|city))?$")]
    pub sort: Option<String>,
    /// Search in names, e-mail, city, phones, tags, and the company's name and VAT number.
    pub q: Option<String>,
    /// Only contacts with this tag.
    pub tag: Option<String>,
    /// Only the people of this company.
    pub company_id: Option<Uuid>,
    /// Only contacts in this country (ISO 3166-1 alpha-2).
    pub country: Option<String>,
    /// Only contacts who did (true) or did not (false) consent to marketing.
    pub marketing_consent: Option<bool>,
}

const SORTS: [&str; 4] = ["name", "created_at", "updated_at", "city"];

/// The tenant's contacts: searched, filtered, sorted, one page at a time.
#[utoipa::path(
    tag = "crm",
    operation_id = "list_contacts",
    params(ContactListQuery),
    responses(
        (status = 200, description = "One page of contacts", body = Page<ContactView>),
        (status = 400, description = "Unknown sort field, bad cursor or filter", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The CRM module is not available", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[get("/contacts")]
pub async fn list(
    state: web::Data<AppState>,
    caller: TenantCaller,
    query: crate::query_params::Query<ContactListQuery>,
) -> Result<web::Json<Page<ContactView>>, ApiError> {
    let query = query.into_inner()?;
    let now = state.clock.now();
    let page = state
        .read(move |conn| {
            access::require(conn, &caller, Module::Crm, Access::Read, now)?;
            let sort = pagination::sort(
                query.sort.as_deref(),
                &SORTS,
                Sort {
                    field: "name",
                    descending: false,
                },
            )?;
            let key = match sort.field {
                "created_at" => ContactSort::CreatedAt,
                "updated_at" => ContactSort::UpdatedAt,
                "city" => ContactSort::City,
                _ => ContactSort::Name,
            };
            let limit = pagination::limit(query.limit);
            let after = crm::after(query.cursor.as_deref(), &sort, |raw| key.parse_value(raw))?;
            let q = query.q.clone().filter(|q| !q.trim().is_empty());
            let q_company_ids = match &q {
                Some(text) => companies::ids_matching(conn, caller.tenant, text)?,
                None => Vec::new(),
            };
            let list = contacts::list(
                conn,
                caller.tenant,
                &ContactQuery {
                    q,
                    q_company_ids,
                    tag: query.tag.clone().filter(|t| !t.trim().is_empty()),
                    company_id: query.company_id.map(CompanyId),
                    country: crm::country_filter(query.country.as_deref())?,
                    marketing_consent: query.marketing_consent,
                    sort: key,
                    descending: sort.descending,
                    after,
                    limit,
                },
            )?;
            let next_cursor = crm::next_cursor(
                &sort,
                list.len(),
                limit,
                list.last().map(|c| (key.value_of(c), c.id.0)),
            );
            Ok(Page {
                items: crm::contact_views(conn, caller.tenant, &list)?,
                next_cursor,
            })
        })
        .await?;
    Ok(web::Json(page))
}
