//! `GET /api/v1/sales-invoices`.

use actix_web::{get, web};
use chrono::NaiveDate;
use ecom_domain::contract::Module;
use ecom_domain::{CompanyId, ContactId};
use ecom_storage::sales::{self as store, ListQuery, SalesInvoice};
use ecom_types::page::Page;
use ecom_types::sales::SalesInvoiceSummary;
use ecom_types::Problem;
use uuid::Uuid;

use crate::access::{self, Access};
use crate::auth::TenantCaller;
use crate::error::ApiError;
use crate::pagination::{self, Cursor, Sort};
use crate::state::AppState;

/// `GET /api/v1/sales-invoices` query.
#[derive(Debug, Clone, serde::Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct SalesInvoiceListQuery {
    /// Page size, default 50, at most 200.
    pub limit: Option<u32>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// `created_at` (default `-created_at`), `customer` or `total`; `-` for descending.
    #[param(pattern = r"^(-?(created_at|customer|total))?$")]
    pub sort: Option<String>,
    /// Searches the number and customer name.
    pub q: Option<String>,
    /// draft, open, paid, overdue or credited.
    pub status: Option<String>,
    pub company_id: Option<Uuid>,
    pub contact_id: Option<Uuid>,
    /// Issued on or after (YYYY-MM-DD).
    pub from: Option<NaiveDate>,
    /// Issued on or before (YYYY-MM-DD).
    pub to: Option<NaiveDate>,
}

fn cursor_value(sort: &str, si: &SalesInvoice) -> String {
    match sort {
        "total" => si.total_incl_vat_cents.to_string(),
        "customer" => si.customer_name.clone(),
        _ => store::db_time(si.created_at)
            .format("%Y-%m-%dT%H:%M:%S%.f")
            .to_string(),
    }
}

/// The tenant's sales invoices, filtered, sorted and paged by cursor.
#[utoipa::path(
    tag = "sales-invoices",
    params(SalesInvoiceListQuery),
    responses(
        (status = 200, description = "A page of sales invoices", body = Page<SalesInvoiceSummary>),
        (status = 400, description = "Bad sort, cursor, status or dates", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The Invoicing module is not subscribed", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[get("/sales-invoices")]
pub async fn list(
    state: web::Data<AppState>,
    caller: TenantCaller,
    query: crate::query_params::Query<SalesInvoiceListQuery>,
) -> Result<web::Json<Page<SalesInvoiceSummary>>, ApiError> {
    let query = query.into_inner()?;
    let sort = pagination::sort(
        query.sort.as_deref(),
        &["created_at", "customer", "total"],
        Sort {
            field: "created_at",
            descending: true,
        },
    )?;
    if let Some(status) = query.status.as_deref() {
        if ecom_domain::sales::SalesInvoiceStatus::parse(status).is_none() {
            return Err(ApiError::BadRequest {
                code: "invalid_status",
                detail: format!(
                    "unknown status {status:?}; use draft, open, paid, overdue or credited"
                ),
            });
        }
    }
    if let (Some(from), Some(to)) = (query.from, query.to) {
        if from > to {
            return Err(ApiError::BadRequest {
                code: "invalid_range",
                detail: "`from` is after `to`".into(),
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
            access::require(conn, &caller, Module::Invoicing, Access::Read, now)?;
            let rows = store::list_sales_invoices(
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
                    from: query.from,
                    to: query.to,
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
            Ok(Page {
                items: rows.iter().map(|si| super::summary(si, today)).collect(),
                next_cursor,
            })
        })
        .await?;
    Ok(web::Json(page))
}
