//! `GET /api/v1/deals`.

use actix_web::{get, web};
use ecom_domain::contract::Module;
use ecom_domain::crm::DealStage;
use ecom_domain::{CompanyId, ContactId, UserId};
use ecom_storage::deals::{self, DealQuery, DealSort};
use ecom_types::crm::DealView;
use ecom_types::page::Page;
use ecom_types::Problem;
use uuid::Uuid;

use crate::access::{self, Access};
use crate::auth::TenantCaller;
use crate::crm;
use crate::error::ApiError;
use crate::pagination::{self, Sort};
use crate::state::AppState;

/// `GET /api/v1/deals` query.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DealListQuery {
    /// Page size: default 50, at most 200.
    pub limit: Option<u32>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// `created_at`, `updated_at`, `title` or `value`; `-` in front for descending. Default `-created_at`.
    #[param(pattern = r"^(-?(created_at|updated_at|title|value))?$")]
    pub sort: Option<String>,
    /// Search in the title.
    pub q: Option<String>,
    /// Only deals in this stage.
    pub stage: Option<String>,
    /// Only deals of this owner.
    pub owner_id: Option<Uuid>,
    pub company_id: Option<Uuid>,
    pub contact_id: Option<Uuid>,
}

const SORTS: [&str; 4] = ["created_at", "updated_at", "title", "value"];

/// The tenant's deals: searched, filtered, sorted, one page at a time.
#[utoipa::path(
    tag = "crm",
    operation_id = "list_deals",
    params(DealListQuery),
    responses(
        (status = 200, description = "One page of deals", body = Page<DealView>),
        (status = 400, description = "Unknown sort field, stage or bad cursor", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The CRM module is not available", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[get("/deals")]
pub async fn list(
    state: web::Data<AppState>,
    caller: TenantCaller,
    query: crate::query_params::Query<DealListQuery>,
) -> Result<web::Json<Page<DealView>>, ApiError> {
    let query = query.into_inner()?;
    let now = state.clock.now();
    let page = state
        .read(move |conn| {
            access::require(conn, &caller, Module::Crm, Access::Read, now)?;
            let sort = pagination::sort(
                query.sort.as_deref(),
                &SORTS,
                Sort {
                    field: "created_at",
                    descending: true,
                },
            )?;
            let key = match sort.field {
                "updated_at" => DealSort::UpdatedAt,
                "title" => DealSort::Title,
                "value" => DealSort::Value,
                _ => DealSort::CreatedAt,
            };
            let stage = query
                .stage
                .as_deref()
                .filter(|s| !s.trim().is_empty())
                .map(|s| {
                    DealStage::parse(s).map_err(|e| ApiError::BadRequest {
                        code: "invalid_filter",
                        detail: format!("stage: {}", e.message),
                    })
                })
                .transpose()?;
            let limit = pagination::limit(query.limit);
            let after = crm::after(query.cursor.as_deref(), &sort, |raw| key.parse_value(raw))?;
            let list = deals::list(
                conn,
                caller.tenant,
                &DealQuery {
                    q: query.q.clone(),
                    stage,
                    owner_id: query.owner_id.map(UserId),
                    company_id: query.company_id.map(CompanyId),
                    contact_id: query.contact_id.map(ContactId),
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
                list.last().map(|d| (key.value_of(d), d.id.0)),
            );
            Ok(Page {
                items: crm::deal_views(conn, caller.tenant, &list)?,
                next_cursor,
            })
        })
        .await?;
    Ok(web::Json(page))
}
