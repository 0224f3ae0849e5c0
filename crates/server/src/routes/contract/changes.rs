//! `POST /api/v1/contract/changes`: seats and modules during a term.

use std::collections::BTreeSet;

use actix_web::{post, web, HttpRequest};
use ecom_domain::contract::{module_added_mid_term, seat_change, Module, SeatChange};
use ecom_storage::{catalogue, contracts, users};
use ecom_types::contract::{ChangeSubscriptionRequest, ContractView};
use ecom_types::Problem;

use super::record;
use crate::audit::Audit;
use crate::auth::{caller::request_id, AdminCaller};
use crate::billing;
use crate::error::{ApiError, FieldChecks};
use crate::pricing::PriceBook;
use crate::state::AppState;
use crate::subscription::{self, today};

/// Changes the extra seats and the modules. More seats or a new module are
/// usable at once and invoiced pro rata for the rest of the term; fewer seats
/// or a removed module take effect at the next term (nothing is refunded).
#[utoipa::path(
    tag = "subscription",
    request_body = ChangeSubscriptionRequest,
    responses(
        (status = 200, description = "Changed", body = ContractView),
        (status = 403, description = "Not the Administrator", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The contract is not running", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown module, or fewer seats than people using them (`seats_in_use`)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[post("/contract/changes")]
pub async fn change(
    state: web::Data<AppState>,
    req: HttpRequest,
    AdminCaller(caller): AdminCaller,
    body: crate::json_body::Json<ChangeSubscriptionRequest>,
) -> Result<web::Json<ContractView>, ApiError> {
    let body = body.into_inner()?;
    let now = state.clock.now();
    let mut checks = FieldChecks::default();
    let mut wanted = BTreeSet::new();
    for code in &body.modules {
        match Module::parse(code) {
            Some(m) => {
                wanted.insert(m);
            }
            None => checks.push(
                "modules",
                "unknown_module",
                format!("'{code}' is not a module"),
            ),
        }
    }
    if body.extra_seats > 500 {
        checks.push(
            "extra_seats",
            "too_many",
            "at most 500 extra seats; contact us for more",
        );
    }
    checks.finish()?;
    let request_id = request_id(&req);
    let st = state.clone();
    let view = state
        .write(move |conn| {
            // The tenant's row first: contract changes queue here and each
            // decides on the contract as the previous one left it.
            ecom_storage::tenants::lock(conn, caller.tenant)?;
            let mut contract = subscription::current(conn, caller.tenant)?;
            if !matches!(contract.status.as_str(), "active") {
                return Err(ApiError::Conflict {
                    code: "contract_state_conflict",
                    detail: format!("the contract is {}; seats and modules change only on an active contract", contract.status),
                    field: None,
                });
            }
            let term = subscription::term(&contract)?;
            let on = today(now);
            let prices = PriceBook::new(catalogue::all(conn)?).price_list(now);
            let mut lines = Vec::new();
            let mut changes = Vec::new();
            match seat_change(&prices, &term, contract.extra_seats, body.extra_seats, on) {
                SeatChange::Increase { added, charge } => {
                    contract.extra_seats = body.extra_seats;
                    contract.extra_seats_next_term = body.extra_seats;
                    lines.push(charge);
                    changes.push(format!("{added} more seat(s) from today"));
                }
                SeatChange::Decrease { removed, effective_from } => {
                    let seated = u32::try_from(users::count_seated(conn, caller.tenant)?).unwrap_or(u32::MAX);
                    if 1 + body.extra_seats < seated {
                        return Err(ApiError::Rule {
                            code: "seats_in_use",
                            detail: format!(
                                "{seated} accounts use a seat; deactivate {} of them before reducing to {} seats",
                                seated - 1 - body.extra_seats,
                                1 + body.extra_seats
                            ),
                        });
                    }
                    contract.extra_seats_next_term = body.extra_seats;
                    changes.push(format!("{removed} fewer seat(s) from {}", effective_from.format("%d/%m/%Y")));
                }
                SeatChange::Unchanged => contract.extra_seats_next_term = body.extra_seats,
            }
            let current: BTreeSet<Module> = contract.modules.iter().filter_map(|c| Module::parse(c)).collect();
            for added in wanted.difference(&current) {
                let line = module_added_mid_term(&prices, *added, &term, on)
                    .map_err(|e| ApiError::Rule { code: "module_not_available", detail: e.to_string() })?;
                lines.push(line);
                changes.push(format!("module {} from today", added.name()));
            }
            for removed in current.difference(&wanted) {
                changes.push(format!("module {} removed from {}", removed.name(), term.ends_on().format("%d/%m/%Y")));
            }
            // Added modules are usable now; removed ones stay until the term ends.
            contract.modules = current.union(&wanted).map(|m| m.as_str().to_owned()).collect();
            contract.modules_next_term = wanted.iter().map(|m| m.as_str().to_owned()).collect();
            let mut invoice = None;
            if !lines.is_empty() {
                let tenant = subscription::tenant(conn, caller.tenant)?;
                let admin = users::administrator(conn, caller.tenant)?.ok_or_else(|| ApiError::not_found("administrator"))?;
                invoice = Some(billing::issue_to_client(conn, &st.settings, &tenant, &admin.email, &lines, on, now)?.stored.number);
            }
            contracts::save(conn, caller.tenant, &contract, now)?;
            if !changes.is_empty() {
                let summary = format!(
                    "Subscription changed: {}{}",
                    changes.join(", "),
                    invoice.as_ref().map(|n| format!(" (pro-rata invoice {n})")).unwrap_or_default()
                );
                record(conn, caller.tenant, now, "subscription_changed", &summary)?;
                let (kind, actor) = caller.caller.actor();
                Audit::new("contract.changed", (kind, Some(actor)), now)
                    .tenant(caller.tenant)
                    .target("contract", contract.id)
                    .details(serde_json::json!({ "extra_seats": body.extra_seats, "modules": body.modules, "invoice": invoice }))
                    .request(request_id)
                    .write(conn)?;
            }
            let view = subscription::view(conn, caller.tenant, &contract, now)?;
            // Webhooks: `subscription.updated` (see crate::webhooks).
            crate::events::record(conn, caller.tenant, "subscription", "updated", view.id, &view, now)?;
            Ok(view)
        })
        .await?;
    Ok(web::Json(view))
}
