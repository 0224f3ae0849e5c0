//! `POST /api/v1/contract/cancel`: no renewal.

use actix_web::{post, web, HttpRequest};
use ecom_domain::calendar::belgian_time_label;
use ecom_domain::contract::{check_cancellation, transition, ChangeNotice, ContractEvent};
use ecom_domain::notice::NoticeKind;
use ecom_storage::{change_notices, contracts};
use ecom_types::contract::{CancelRequest, ContractView};
use ecom_types::Problem;

use super::{record, refused};
use crate::audit::Audit;
use crate::auth::{caller::request_id, AdminCaller};
use crate::error::ApiError;
use crate::state::AppState;
use crate::subscription;

/// Cancels the contract: it runs to the end of the current term and does not
/// renew. Accepted until the cancellation deadline (15 calendar days before
/// the term ends, terms art. 14); later it is refused with 422
/// `cancellation_deadline_passed`, naming the deadline that passed and the
/// next one — unless the request cites a change notice received in the last
/// 30 days (art. 15 (2)). When the next term was already invoiced (the
/// deadline had passed), that term will not run: its invoice is credited at
/// once (what is unpaid of it; money already paid is not refunded, art. 10)
/// and the Client is told.
#[utoipa::path(
    tag = "subscription",
    request_body = CancelRequest,
    responses(
        (status = 200, description = "Cancelled: runs to the end of the term", body = ContractView),
        (status = 403, description = "Not the Administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No contract, or no such change notice", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The contract is not running (`contract_state_conflict`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Too late (`cancellation_deadline_passed`)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[post("/contract/cancel")]
pub async fn cancel(
    state: web::Data<AppState>,
    req: HttpRequest,
    AdminCaller(caller): AdminCaller,
    body: crate::json_body::Json<CancelRequest>,
) -> Result<web::Json<ContractView>, ApiError> {
    let body = body.into_inner()?;
    let now = state.clock.now();
    let reason = body
        .reason
        .map(|r| r.trim().chars().take(1000).collect::<String>())
        .filter(|r| !r.is_empty());
    let request_id = request_id(&req);
    let view = state
        .write(move |conn| {
            // The tenant's row first: contract changes queue here and each
            // decides on the contract as the previous one left it.
            ecom_storage::tenants::lock(conn, caller.tenant)?;
            let mut contract = subscription::current(conn, caller.tenant)?;
            let notice = match body.change_notice_id {
                Some(id) => {
                    let stored = change_notices::find(conn, caller.tenant, id)?.ok_or_else(|| ApiError::NotFound {
                        detail: "no change notice with that id was sent to this account; see GET /api/v1/change-notices".into(),
                    })?;
                    let kind = subscription::change_kind(&stored.kind).ok_or_else(|| ApiError::Internal("change notice kind".into()))?;
                    let notified_at = stored_notified_at(&stored);
                    Some((stored, ChangeNotice { kind, notified_at }))
                }
                None => None,
            };
            let before = subscription::state(&contract)?;
            let term = subscription::term(&contract)?;
            let outcome = check_cancellation(&term, now, notice.as_ref().map(|(_, n)| *n));
            let after = transition(before, ContractEvent::Cancel { change_notice: notice.as_ref().map(|(_, n)| *n) }, now).map_err(refused)?;
            subscription::apply(&mut contract, &after);
            contract.cancelled_at = Some(now);
            contract.cancel_reason = reason.clone();
            if let Ok(ecom_domain::contract::CancellationOutcome { ground: ecom_domain::contract::CancellationGround::ChangeNotice(n), .. }) = outcome {
                let (stored, _) = notice.as_ref().ok_or_else(|| ApiError::Internal("notice vanished".into()))?;
                contract.cancel_notice_id = Some(stored.id);
                contract.cancel_notice_kind = Some(subscription::change_kind_name(n.kind).into());
                contract.cancel_notice_at = Some(n.notified_at);
            }
            contracts::save(conn, caller.tenant, &contract, now)?;
            let (kind, actor) = caller.caller.actor();
            if let Ok(outcome) = &outcome {
                // terms art. 15 (2): the term already invoiced will not run; its invoice is withdrawn now.
                crate::renewal_withdrawal::withdraw(conn, caller.tenant, &contract, outcome, (kind, Some(actor)), request_id.clone(), now)?;
            }
            let term = subscription::term(&contract)?;
            let summary = format!(
                "Cancelled: the contract ends on {} and will not renew{}",
                term.last_day().format("%d/%m/%Y"),
                if contract.cancel_notice_id.is_some() { " (citing a change notice)" } else { "" }
            );
            record(conn, caller.tenant, now, "cancelled", &summary)?;
            crate::notices::to_administrator(
                conn,
                caller.tenant,
                NoticeKind::CancellationConfirmed,
                "Your Ecom cancellation is confirmed".into(),
                format!(
                    "{summary}. Until then everything keeps working. Your accounts are deactivated within 2 working days after that, by {}.\n\
                     Export your data before the end of the term. Money already paid is not refunded (terms art. 10).\n",
                    belgian_time_label(ecom_domain::contract::deactivation_due_by(term.ends_on()))
                ),
                Some(format!("cancellation_confirmed:{}", contract.id)),
                now,
            )?;
            Audit::new("contract.cancelled", (kind, Some(actor)), now)
                .tenant(caller.tenant)
                .target("contract", contract.id)
                .details(serde_json::json!({ "ends_on": term.ends_on(), "change_notice": contract.cancel_notice_id }))
                .request(request_id)
                .write(conn)?;
            let view = subscription::view(conn, caller.tenant, &contract, now)?;
            // Webhooks: `subscription.updated` (see crate::webhooks).
            crate::events::record(conn, caller.tenant, "subscription", "updated", view.id, &view, now)?;
            Ok(view)
        })
        .await?;
    Ok(web::Json(view))
}

/// A change notice counts from when it was sent to the Client.
fn stored_notified_at(notice: &change_notices::ChangeNotice) -> chrono::DateTime<chrono::Utc> {
    notice.announced_at
}
