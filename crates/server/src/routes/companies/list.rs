//! `GET /api/v1/companies`.

use actix_web::{get, web};
use ecom_domain::contract::Module;
use ecom_storage::companies::{self, CompanyQuery, CompanySort};
use ecom_types::crm::CompanyView;
use ecom_types::page::Page;
use ecom_types::Problem;

use crate::access::{self, Access};
use crate::auth::TenantCaller;
use crate::crm;
use crate::error::ApiError;
use crate::pagination::{self, Sort};
use crate::state::AppState;

/// `GET /api/v1/companies` query.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CompanyListQuery {
    /// Page size: default 50, at most 200.
    pub limit: Option<u32>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// `name`, `created_at`, `updated_at` or `city`; `-` in front for descending. Default `name`.
    #[param(pattern = r"^(-?(name|created_at|updated_at|city))?$")]
    pub sort: Option<String>,
    /// Search in name, e-mail, city, VAT number and tags.
    pub q: Option<String>,
    /// Only companies with this tag.
    pub tag: Option<String>,
    /// Only companies in this country (ISO 3166-1 alpha-2).
    pub country: Option<String>,
    /// Only companies that did (true) or did not (false) consent to marketing.
    pub marketing_consent: Option<bool>,
}

const SORTS: [&str; 4] = ["name", "created_at", "updated_at", "city"];

/// The tenant's companies: searched, filtered, sorted, one page at a time.
#[utoipa::path(
    tag = "crm",
    operation_id = "list_companies",
    params(CompanyListQuery),
    responses(
        (status = 200, description = "One page of companies", body = Page<CompanyView>),
        (status = 400, description = "Unknown sort field, bad cursor or filter", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The CRM module is not available", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[get("/companies")]
pub async fn list(
    state: web::Data<AppState>,
    caller: TenantCaller,
    query: crate::query_params::Query<CompanyListQuery>,
) -> Result<web::Json<Page<CompanyView>>, ApiError> {
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
                "created_at" => CompanySort::CreatedAt,
                "updated_at" => CompanySort::UpdatedAt,
                "city" => CompanySort::City,
                _ => CompanySort::Name,
            };
            let limit = pagination::limit(query.limit);
            let after = crm::after(query.cursor.as_deref(), &sort, |raw| key.parse_value(raw))?;
            let list = companies::list(
                conn,
                caller.tenant,
                &CompanyQuery {
                    q: query.q.clone(),
                    tag: query.tag.clone().filter(|t| !t.trim().is_empty()),
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
                items: list.iter().map(crm::company_view).collect(),
                next_cursor,
            })
        })
        .await?;
    Ok(web::Json(page))
}
