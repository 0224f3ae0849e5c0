//! The customer's side of a quotation, through the link in the e-mail:
//! `GET /api/v1/public/quotations/{token}` and `POST .../accept|decline`.
//! No account: the unguessable token is the credential (stored hashed).

use actix_web::{get, post, web};
use ecom_domain::sales::{may_answer, AnswerError, QuotationState};
use ecom_storage::sales::{self as store, Quotation};
use ecom_types::sales::PublicQuotationView;
use ecom_types::Problem;

use crate::auth::secret_hash;
use crate::error::ApiError;
use crate::sales;
use crate::state::AppState;

fn by_token(conn: &mut ecom_storage::DbConnection, token: &str) -> Result<Quotation, ApiError> {
    let token = token.trim();
    if token.is_empty() || token.len() > 100 {
        return Err(ApiError::NotFound {
            detail: "this quotation link is not valid (it may have been replaced by a newer one)"
                .into(),
        });
    }
    store::find_quotation_by_token_hash(conn, &secret_hash(token))?.ok_or_else(|| {
        ApiError::NotFound {
            detail: "this quotation link is not valid (it may have been replaced by a newer one)"
                .into(),
        }
    })
}

/// The quotation behind a link, its row locked until the transaction ends
/// and read after the lock: of answers sent at once, the first decides and
/// the others see it answered. The link must still be the quotation's after
/// the lock (a resend replaces it).
fn lock_by_token(
    conn: &mut ecom_storage::DbConnection,
    token: &str,
) -> Result<Quotation, ApiError> {
    let found = by_token(conn, token)?;
    match store::lock_quotation(conn, found.tenant_id, found.id)? {
        Some(q) if q.public_token_hash == found.public_token_hash => Ok(q),
        _ => Err(ApiError::NotFound {
            detail: "this quotation link is not valid (it may have been replaced by a newer one)"
                .into(),
        }),
    }
}

fn public_view(
    conn: &mut ecom_storage::DbConnection,
    q: &Quotation,
    today: chrono::NaiveDate,
) -> Result<PublicQuotationView, ApiError> {
    let tenant = sales::tenant(conn, q.tenant_id)?;
    let view = super::view(conn, &tenant, q, today)?;
    Ok(PublicQuotationView {
        number: q.number.clone().unwrap_or_default(),
        title: q.title.clone(),
        status: view.summary.status.clone(),
        seller_name: tenant.name.clone(),
        seller_vat_number: tenant.vat_number.clone(),
        customer: view.customer,
        issue_date: q.issue_date.unwrap_or(today),
        valid_until: q.valid_until,
        notes: q.notes.clone(),
        lines: view.lines,
        totals: view.totals,
    })
}

/// The quotation behind a link, as the customer reads it.
#[utoipa::path(
    tag = "public",
    params(("token" = String, Path, description = "The token from the link in the e-mail")),
    responses(
        (status = 200, description = "The quotation", body = PublicQuotationView),
        (status = 404, description = "Unknown or replaced link", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/public/quotations/{token}")]
pub async fn get(
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<web::Json<PublicQuotationView>, ApiError> {
    let token = token.into_inner();
    let today = crate::subscription::today(state.clock.now());
    let view = state
        .read(move |conn| {
            let q = by_token(conn, &token)?;
            public_view(conn, &q, today)
        })
        .await?;
    Ok(web::Json(view))
}

async fn answer(
    state: web::Data<AppState>,
    token: String,
    accepting: bool,
) -> Result<web::Json<PublicQuotationView>, ApiError> {
    let now = state.clock.now();
    let today = crate::subscription::today(now);
    let view = state
        .write(move |conn| {
            let mut q = lock_by_token(conn, &token)?;
            let stored = QuotationState::parse(&q.state).unwrap_or(QuotationState::Draft);
            may_answer(stored, q.valid_until, today).map_err(|e| match e {
                AnswerError::Expired { .. } => ApiError::Rule {
                    code: "quotation_expired",
                    detail: e.to_string(),
                },
                AnswerError::AlreadyAnswered => ApiError::Conflict {
                    code: "already_answered",
                    detail: format!("{e} ({})", q.state),
                    field: None,
                },
                AnswerError::NotSent => ApiError::Conflict {
                    code: "not_sent",
                    detail: e.to_string(),
                    field: None,
                },
            })?;
            q.state = if accepting { "accepted" } else { "declined" }.into();
            q.answered_at = Some(now);
            q.updated_at = now;
            store::update_quotation(conn, q.tenant_id, &q)?;
            let view = public_view(conn, &q, today)?;
            crate::events::record(
                conn,
                q.tenant_id,
                "quotation",
                if accepting { "accepted" } else { "declined" },
                q.id,
                &view,
                now,
            )?;
            Ok(view)
        })
        .await?;
    Ok(web::Json(view))
}

/// The customer accepts the quotation (while it is valid).
#[utoipa::path(
    tag = "public",
    params(("token" = String, Path, description = "The token from the link in the e-mail")),
    responses(
        (status = 200, description = "Accepted", body = PublicQuotationView),
        (status = 404, description = "Unknown or replaced link", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already answered", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Past its validity date (`quotation_expired`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/public/quotations/{token}/accept")]
pub async fn accept(
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<web::Json<PublicQuotationView>, ApiError> {
    answer(state, token.into_inner(), true).await
}

/// The customer declines the quotation.
#[utoipa::path(
    tag = "public",
    params(("token" = String, Path, description = "The token from the link in the e-mail")),
    responses(
        (status = 200, description = "Declined", body = PublicQuotationView),
        (status = 404, description = "Unknown or replaced link", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already answered", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Past its validity date (`quotation_expired`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/public/quotations/{token}/decline")]
pub async fn decline(
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<web::Json<PublicQuotationView>, ApiError> {
    answer(state, token.into_inner(), false).await
}
