//! `GET /api/v1/quotations`.

use actix_web::{get, web};
use ecom_domain::contract::Module;
use ecom_domain::{CompanyId, ContactId};
use ecom_storage::sales::{self as store, ListQuery};
use ecom_types::page::Page;
use ecom_types::sales::QuotationSummary;
use ecom_types::Problem;
use uuid::Uuid;

use crate::access::{self, Access};
use crate::auth::TenantCaller;
use crate::error::ApiError;
use crate::pagination::{self, Cursor, Sort};
use crate::state::AppState;

/// `GET /api/v1/quotations` query.
#[derive(Debug, Clone, serde::Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct QuotationListQuery {
    /// Page size, default 50, at most 200.
    pub limit: Option<u32>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// `created_at` (default `-created_at`), `valid_until` or `total`; `-` for descending.
    #[param(pattern = r"^(-?(created_at|valid_until|total))?$")]
    pub sort: Option<String>,
    /// Searches the number and title.
    pub q: Option<String>,
    /// draft, sent, accepted, declined or expired.
    pub status: Option<String>,
    pub company_id: Option<Uuid>,
    pub contact_id: Option<Uuid>,
}

pub(crate) fn cursor_value(sort: &str, q: &ecom_storage::sales::Quotation) -> String {
    match sort {
        "total" => q.total_incl_vat_cents.to_string(),
        "valid_until" => q.valid_until.to_string(),
        _ => ecom_storage::sales::db_time(q.created_at)
            .format("%Y-%m-%dT%H:%M:%S%.f")
            .to_string(),
    }
}

/// The tenant's quotations, filtered, sorted and paged by cursor.
#[utoipa::path(
    tag = "quotations",
    params(QuotationListQuery),
    responses(
        (status = 200, description = "A page of quotations", body = Page<QuotationSummary>),
        (status = 400, description = "Bad sort, cursor or status", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The Quotations module is not subscribed", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[get("/quotations")]
pub async fn list(
    state: web::Data<AppState>,
    caller: TenantCaller,
    query: crate::query_params::Query<QuotationListQuery>,
) -> Result<web::Json<Page<QuotationSummary>>, ApiError> {
    let query = query.into_inner()?;
    let sort = pagination::sort(
        query.sort.as_deref(),
        &["created_at", "valid_until", "total"],
        Sort {
            field: "created_at",
            descending: true,
        },
    )?;
    if let Some(status) = query.status.as_deref() {
        if !["draft", "sent", "accepted", "declined", "expired"].contains(&status) {
            return Err(ApiError::BadRequest {
                code: "invalid_status",
                detail: format!(
                    "unknown status {status:?}; use draft, sent, accepted, declined or expired"
                ),
            });
        }
    }
    let after = query
        .cursor
        .as_deref()
        .map(|c| Cursor::decode(c, &sort))
        .transpose()?;
    let limit = pagination::limit(query.limit);
    let now = state.clock.now();
    let today = crate::subscription::today(now);
    let (field, descending) = (sort.field.to_owned(), sort.descending);
    let page = state
        .read(move |conn| {
            access::require(conn, &caller, Module::Quotations, Access::Read, now)?;
            let rows = store::list_quotations(
                conn,
                caller.tenant,
                &ListQuery {
                    sort: field.clone(),
                    descending,
                    after: after.map(|c| (c.v.unwrap_or_default(), c.id)),
                    limit: limit + 1,
                    status: query.status,
                    company_id: query.company_id.map(CompanyId),
                    contact_id: query.contact_id.map(ContactId),
                    q: query.q,
                    from: None,
                    to: None,
                    today: Some(today),
                },
            )?;
            let (rows, next_cursor) = pagination::cut_page(
                rows,
                limit,
                &field,
                |row| Some(cursor_value(&field, row)),
                |row| store::id_string(row.id),
            );
            let mut items = Vec::new();
            for q in &rows {
                let name = super::buyer(conn, q)
                    .map(|b| b.party.name)
                    .unwrap_or_default();
                items.push(super::summary(q, &name, today));
            }
            Ok(Page { items, next_cursor })
        })
        .await?;
    Ok(web::Json(page))
}
