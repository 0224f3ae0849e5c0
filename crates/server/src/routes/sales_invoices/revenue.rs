//! `GET /api/v1/sales-invoices/revenue`.

use actix_web::{get, web};
use chrono::{Datelike, Months, NaiveDate};
use ecom_domain::contract::Module;
use ecom_domain::money::from_cents;
use ecom_types::sales::{RevenueMonth, RevenueView};
use ecom_types::Problem;
use std::collections::BTreeMap;

use crate::access::{self, Access};
use crate::auth::TenantCaller;
use crate::error::ApiError;
use crate::state::AppState;

/// `GET /api/v1/sales-invoices/revenue` query.
#[derive(Debug, Clone, serde::Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct RevenueQuery {
    /// First day (YYYY-MM-DD); default: the first day of the month 11 months ago.
    pub from: Option<NaiveDate>,
    /// Last day (YYYY-MM-DD); default: today.
    pub to: Option<NaiveDate>,
}

fn month_key(date: NaiveDate) -> String {
    format!("{:04}-{:02}", date.year(), date.month())
}

/// Invoiced revenue per month, net (excl. VAT, credit notes deducted), for
/// a chart: every month of the range, at most 60.
#[utoipa::path(
    tag = "sales-invoices",
    params(RevenueQuery),
    responses(
        (status = 200, description = "Revenue per month", body = RevenueView),
        (status = 400, description = "`from` after `to`, or more than 60 months", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[get("/sales-invoices/revenue")]
pub async fn revenue(
    state: web::Data<AppState>,
    caller: TenantCaller,
    query: crate::query_params::Query<RevenueQuery>,
) -> Result<web::Json<RevenueView>, ApiError> {
    let query = query.into_inner()?;
    let now = state.clock.now();
    let today = crate::subscription::today(now);
    let to = query.to.unwrap_or(today);
    let from = query.from.unwrap_or_else(|| {
        let first = to.with_day(1).unwrap_or(to);
        first.checked_sub_months(Months::new(11)).unwrap_or(first)
    });
    if from > to {
        return Err(ApiError::BadRequest {
            code: "invalid_range",
            detail: "`from` is after `to`".into(),
        });
    }
    let months_between = (to.year() - from.year()) * 12 + i32::try_from(to.month()).unwrap_or(0)
        - i32::try_from(from.month()).unwrap_or(0);
    if months_between >= 60 {
        return Err(ApiError::BadRequest {
            code: "invalid_range",
            detail: "ask for at most 60 months at a time".into(),
        });
    }
    let rows = state
        .read(move |conn| {
            access::require(conn, &caller, Module::Invoicing, Access::Read, now)?;
            Ok(ecom_storage::invoices::seller_ledger_totals(
                conn,
                caller.tenant,
                from,
                to,
            )?)
        })
        .await?;
    let mut per_month: BTreeMap<String, i64> = BTreeMap::new();
    let mut cursor = from.with_day(1).unwrap_or(from);
    while cursor <= to {
        per_month.insert(month_key(cursor), 0);
        cursor = cursor
            .checked_add_months(Months::new(1))
            .unwrap_or(NaiveDate::MAX);
    }
    for (date, kind, cents) in rows {
        let sign = if kind == "credit_note" { -1 } else { 1 };
        *per_month.entry(month_key(date)).or_default() += sign * cents;
    }
    Ok(web::Json(RevenueView {
        from,
        to,
        months: per_month
            .into_iter()
            .map(|(month, cents)| RevenueMonth {
                month,
                net: from_cents(cents),
            })
            .collect(),
    }))
}
