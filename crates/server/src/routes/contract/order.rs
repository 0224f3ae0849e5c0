//! `POST /api/v1/contract/order`: a trial (or inactive account) becomes a contract.

use std::collections::{BTreeMap, BTreeSet};

use actix_web::{post, web, HttpRequest, HttpResponse};
use ecom_domain::contract::{
    term_lines, transition, ContractEvent, ContractState, Module, Order, Term, TermLength,
};
use ecom_domain::notice::NoticeKind;
use ecom_domain::trial;
use ecom_storage::contracts::{self, Contract};
use ecom_storage::tenants::{self, TenantStatus};
use ecom_storage::{catalogue, users};
use ecom_types::contract::{ContractView, OrderRequest};
use ecom_types::Problem;
use uuid::Uuid;

use super::{record, refused};
use crate::audit::Audit;
use crate::auth::{caller::request_id, AdminCaller};
use crate::billing;
use crate::error::{ApiError, FieldChecks};
use crate::pricing::PriceBook;
use crate::state::AppState;
use crate::subscription::{self, today};

/// Most extra seats one order may hold.
const MAX_EXTRA_SEATS: u32 = 500;

/// Orders a plan: the Basic Package, optional modules and extra seats, for a
/// quarter or a year. The first term starts today and renews for the same
/// length unless cancelled in time; its invoice is issued at once.
#[utoipa::path(
    tag = "subscription",
    request_body = OrderRequest,
    responses(
        (status = 201, description = "Ordered: the contract", body = ContractView),
        (status = 403, description = "Not the Administrator", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A contract is already running (`contract_exists`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, or a Client terminated by Ecom (`new_contract_refused`)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[post("/contract/order")]
pub async fn order(
    state: web::Data<AppState>,
    req: HttpRequest,
    AdminCaller(caller): AdminCaller,
    body: crate::json_body::Json<OrderRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner()?;
    let now = state.clock.now();
    let mut checks = FieldChecks::default();
    let length = TermLength::parse(&body.term_length);
    if length.is_none() {
        checks.push(
            "term_length",
            "invalid_term_length",
            "the term length is `quarter` or `year`",
        );
    }
    let mut modules = BTreeSet::new();
    for code in &body.modules {
        match Module::parse(code) {
            Some(module) => {
                modules.insert(module);
            }
            None => checks.push(
                "modules",
                "unknown_module",
                format!("'{code}' is not a module; choose from crm, calendar, quotations, projects, invoicing, ticketing, voip, api"),
            ),
        }
    }
    if body.extra_seats > MAX_EXTRA_SEATS {
        checks.push(
            "extra_seats",
            "too_many",
            format!("at most {MAX_EXTRA_SEATS} extra seats per order; contact us for more"),
        );
    }
    checks.finish()?;
    let Some(length) = length else {
        return Err(ApiError::Internal(
            "validation passed without a term length".into(),
        ));
    };
    let request_id = request_id(&req);
    let st = state.clone();
    let view = state
        .write(move |conn| {
            // One order at a time per tenant: the second sees the first's contract.
            tenants::lock(conn, caller.tenant)?;
            let tenant = subscription::tenant(conn, caller.tenant)?;
            let existing = contracts::current(conn, caller.tenant)?;
            let before = match &existing {
                None => ContractState::Trial { ends_at: tenant.trial_ends_at.unwrap_or(now) },
                Some(contract) if contract.status == "terminated_by_operator" || contract.termination_reason.is_some() => {
                    // SPEC §2: the Operator may refuse a new contract to a Client it terminated.
                    return Err(ApiError::Rule {
                        code: "new_contract_refused",
                        detail: "Ecom terminated this account's contract and does not accept a new order; contact Ecom's support".into(),
                    });
                }
                Some(contract) if subscription::is_live(&contract.status) => {
                    return Err(ApiError::Conflict {
                        code: "contract_exists",
                        detail: "a contract is already running; change seats or modules at POST /api/v1/contract/changes".into(),
                        field: None,
                    });
                }
                Some(contract) => subscription::state(contract)?,
            };
            let before = match before {
                ContractState::Trial { ends_at } if !trial::trial_is_running(ends_at, now) => ContractState::TrialExpired { ended_at: ends_at },
                other => other,
            };
            let term = Term::first(today(now), length);
            let after = transition(before, ContractEvent::Ordered { term }, now).map_err(refused)?;
            let book = PriceBook::new(catalogue::all(conn)?);
            let order = Order { modules: modules.clone(), extra_seats: body.extra_seats, length, discounts: BTreeMap::new() };
            let lines = term_lines(&book.price_list(now), &order, &term)
                .map_err(|e| ApiError::Rule { code: "module_not_available", detail: e.to_string() })?;
            let admin = users::administrator(conn, caller.tenant)?.ok_or_else(|| ApiError::not_found("administrator"))?;
            let issued = billing::issue_to_client(conn, &st.settings, &tenant, &admin.email, &lines, today(now), now)?;
            let price_cents = issued.stored.total_excl_vat_cents;
            let module_codes: Vec<String> = modules.iter().map(|m| m.as_str().to_owned()).collect();
            let mut contract = Contract {
                id: Uuid::now_v7(),
                tenant_id: caller.tenant,
                status: String::new(),
                term_length: length.as_str().into(),
                started_on: term.starts_on(),
                modules: module_codes.clone(),
                modules_next_term: module_codes,
                extra_seats: body.extra_seats,
                extra_seats_next_term: body.extra_seats,
                term_seq: 1,
                term_starts_on: term.starts_on(),
                term_ends_on: term.ends_on(),
                term_price_cents: price_cents,
                // terms art. 6: delivered when the Administrator's account is
                // active; a contract cannot be delivered before it is made.
                delivered_at: admin.activated_at.map_or(now, |at| at.max(now)),
                nonconformity_reported_at: None,
                nonconformity: None,
                cancelled_at: None,
                cancel_reason: None,
                cancel_notice_id: None,
                cancel_notice_kind: None,
                cancel_notice_at: None,
                deactivated_at: None,
                suspended_at: None,
                suspension_reason: None,
                terminated_at: None,
                termination_reason: None,
                termination_reason_since: None,
                export_window_ends_at: None,
                soft_deleted_at: None,
                anonymised_at: None,
                created_at: now,
            };
            subscription::apply(&mut contract, &after);
            contracts::insert(conn, caller.tenant, &contract, now)?;
            contracts::record_term(conn, caller.tenant, contract.id, 1, term.starts_on(), term.ends_on(), price_cents, Some(issued.stored.id), now)?;
            tenants::set_status(conn, caller.tenant, TenantStatus::Active, now)?;
            let summary = format!(
                "Ordered: {} term from {} to {}, EUR {} excl. VAT (invoice {})",
                length.as_str(),
                term.starts_on().format("%d/%m/%Y"),
                term.last_day().format("%d/%m/%Y"),
                ecom_domain::money::from_cents(price_cents),
                issued.stored.number
            );
            record(conn, caller.tenant, now, "order_placed", &summary)?;
            crate::notices::to_administrator(
                conn,
                caller.tenant,
                NoticeKind::OrderConfirmed,
                "Your Ecom order is confirmed".into(),
                format!(
                    "{summary}.\n\nThe contract renews automatically for the same length unless you cancel at least 15 calendar days before the term ends: by {}.\n",
                    ecom_domain::calendar::belgian_time_label(ecom_domain::contract::cancellation_deadline(&term))
                ),
                Some(format!("order_confirmed:{}", contract.id)),
                now,
            )?;
            let (kind, actor) = caller.caller.actor();
            Audit::new("contract.ordered", (kind, Some(actor)), now)
                .tenant(caller.tenant)
                .target("contract", contract.id)
                .details(serde_json::json!({ "term_length": length.as_str(), "extra_seats": body.extra_seats, "invoice": issued.stored.number, "total_excl_vat_cents": price_cents }))
                .request(request_id)
                .write(conn)?;
            let view = subscription::view(conn, caller.tenant, &contract, now)?;
            // Webhooks: `subscription.created` (see crate::webhooks).
            crate::events::record(conn, caller.tenant, "subscription", "created", view.id, &view, now)?;
            Ok(view)
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}
