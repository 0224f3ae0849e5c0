//! `POST /api/v1/quotations/{id}/send`.

use actix_web::{post, web, HttpRequest};
use chrono::Datelike;
use ecom_domain::contract::Module;
use ecom_domain::notice::NoticeKind;
use ecom_domain::sales::{quotation_status, QuotationState, QuotationStatus};
use ecom_storage::sales as store;
use ecom_types::sales::QuotationSent;
use ecom_types::Problem;
use uuid::Uuid;

use crate::access::{self, Access};
use crate::auth::{random_token, secret_hash, TenantCaller};
use crate::error::ApiError;
use crate::notices::Draft;
use crate::sales;
use crate::state::AppState;

/// E-mails the quotation to the customer with a link to read, accept or
/// decline it (`/q/<token>`, no account needed). The first send numbers it
/// (the tenant's quotation series, no gaps) and freezes the customer's name,
/// address and VAT number as they are now. Sending again makes a new link;
/// the old one stops working. The link's token is stored hashed.
#[utoipa::path(
    tag = "quotations",
    params(("id" = Uuid, Path, description = "The quotation's id")),
    responses(
        (status = 200, description = "Sent (the e-mail is queued)", body = QuotationSent),
        (status = 404, description = "No such quotation in this account", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already accepted or declined", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Expired, or the customer has no e-mail address", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[post("/quotations/{id}/send")]
pub async fn send(
    state: web::Data<AppState>,
    _req: HttpRequest,
    caller: TenantCaller,
    id: web::Path<Uuid>,
) -> Result<web::Json<QuotationSent>, ApiError> {
    let id = id.into_inner();
    let now = state.clock.now();
    let today = crate::subscription::today(now);
    let public_base = state.settings.public_url.trim_end_matches('/').to_owned();
    let token = random_token(32);
    let sent = state
        .write(move |conn| {
            access::require(conn, &caller, Module::Quotations, Access::Write, now)?;
            let mut q = super::lock(conn, caller.tenant, id)?;
            let stored_state = QuotationState::parse(&q.state).unwrap_or(QuotationState::Draft);
            match quotation_status(stored_state, q.valid_until, today) {
                QuotationStatus::Accepted | QuotationStatus::Declined => {
                    return Err(ApiError::Conflict { code: "already_answered", detail: "the customer already answered this quotation".into(), field: None });
                }
                QuotationStatus::Expired => {
                    return Err(ApiError::Rule {
                        code: "quotation_expired",
                        detail: format!("the quotation was valid until {}; make a new one to send", q.valid_until.format("%d/%m/%Y")),
                    });
                }
                QuotationStatus::Draft | QuotationStatus::Sent => {}
            }
            let tenant = sales::tenant(conn, caller.tenant)?;
            if q.number.is_none() {
                let settings = sales::settings(conn, caller.tenant, now)?;
                let (_, number) = sales::take_number(conn, &sales::quotation_ledger(caller.tenant), &settings.quotation_prefix, today.year())?;
                q.number = Some(number.to_string());
                q.issue_date = Some(today);
                let buyer = sales::buyer_snapshot(conn, caller.tenant, q.company_id.map(|c| c.0), q.contact_id.map(|c| c.0))?;
                q.buyer = Some(serde_json::to_string(&buyer).map_err(|e| ApiError::Internal(e.to_string()))?);
            }
            let buyer = super::buyer(conn, &q)?;
            let Some(recipient) = buyer.party.email.clone().filter(|e| e.contains('@')) else {
                return Err(ApiError::Rule {
                    code: "customer_without_email",
                    detail: "the customer has no e-mail address: add one to the company or contact first".into(),
                });
            };
            q.state = "sent".into();
            q.public_token_hash = Some(secret_hash(&token));
            q.sent_at = Some(now);
            q.updated_at = now;
            store::update_quotation(conn, caller.tenant, &q)?;
            let view = super::view(conn, &tenant, &q, today)?;
            let number = q.number.clone().unwrap_or_default();
            Draft {
                kind: NoticeKind::QuotationSent,
                tenant: Some(caller.tenant),
                recipient: recipient.clone(),
                subject: format!("Quotation {number} from {}", tenant.name),
                body: format!(
                    "Hello,\n\n{} sends you quotation {number}{}.\n\nTotal: EUR {} incl. VAT, valid until {}.\n\n\
                     Read it, and accept or decline it, here:\n{public_base}/q/{{secret}}\n\nKind regards,\n{}\n",
                    tenant.name,
                    q.title.as_deref().map(|t| format!(" ({t})")).unwrap_or_default(),
                    sales::eur(view.totals.total_incl_vat),
                    q.valid_until.format("%d/%m/%Y"),
                    tenant.name,
                ),
                secret: Some(token.clone()),
                dedupe_key: None,
            }
            .queue(conn, now)?;
            crate::events::record(conn, caller.tenant, "quotation", "sent", q.id, &view, now)?;
            Ok(QuotationSent { quotation: view, public_url: format!("{public_base}/q/{token}"), sent_to: recipient })
        })
        .await?;
    Ok(web::Json(sent))
}
