//! The operator's actions on a Client's contract: terminate (terms art. 15),
//! suspend and reinstate; and announcing price changes (art. 9).

use actix_web::{post, web, HttpRequest};
use chrono::{DateTime, Utc};
use ecom_domain::calendar::{belgian_date, belgian_time_label, start_of_belgian_day};
use ecom_domain::contract::{
    check_price_change, transition, ContractEvent, DEFAULT_EXPORT_WINDOW_DAYS,
};
use ecom_domain::money::to_cents;
use ecom_domain::notice::NoticeKind;
use ecom_domain::TenantId;
use ecom_storage::catalogue::{self, PriceVersion};
use ecom_storage::change_notices::{self, ChangeNotice};
use ecom_storage::tenants::{self, TenantStatus};
use ecom_storage::{api_keys, contracts, sessions, DbConnection};
use ecom_types::operator::{
    PriceChangeAnnounced, PriceChangeRequest, TenantSummary, TerminateRequest,
};
use ecom_types::Problem;
use uuid::Uuid;

use crate::audit::Audit;
use crate::auth::{caller::request_id, OperatorCaller};
use crate::error::ApiError;
use crate::pricing::PriceBook;
use crate::routes::contract::{record, refused};
use crate::state::AppState;
use crate::subscription::{self, TERMINATION_REASONS};

fn summary(
    conn: &mut DbConnection,
    tenant: TenantId,
    now: DateTime<Utc>,
) -> Result<TenantSummary, ApiError> {
    let row = tenants::list_all_for_operator(conn, 100_000)?
        .into_iter()
        .find(|r| r.tenant.id == tenant)
        .ok_or_else(|| ApiError::not_found("tenant"))?;
    super::tenants::summary(conn, row, now)
}

/// Applies an operator event to the tenant's contract.
fn operate(
    conn: &mut DbConnection,
    tenant: TenantId,
    event: ContractEvent,
    now: DateTime<Utc>,
) -> Result<ecom_storage::contracts::Contract, ApiError> {
    // The tenant's row first (lock order: tenant, contract, invoice), then
    // the contract as the last change left it.
    tenants::lock(conn, tenant)?;
    let mut contract = subscription::current(conn, tenant)?;
    let after = transition(subscription::state(&contract)?, event, now).map_err(refused)?;
    subscription::apply(&mut contract, &after);
    contracts::save(conn, tenant, &contract, now)?;
    Ok(contract)
}

/// Terminates a Client's contract at once for an exceptional circumstance
/// (terms art. 15). Every session and API key ends; the Client is told until
/// when it may still export its data (default 30 days). A new order from
/// this Client is refused afterwards.
#[utoipa::path(
    tag = "operator",
    params(("id" = Uuid, Path, description = "The tenant's id")),
    request_body = TerminateRequest,
    responses(
        (status = 200, description = "Terminated", body = TenantSummary),
        (status = 404, description = "No such tenant or no contract", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The contract is not running", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown reason, or one that does not allow termination yet", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []))
)]
#[post("/operator/tenants/{id}/terminate")]
pub async fn terminate(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: OperatorCaller,
    id: web::Path<Uuid>,
    body: crate::json_body::Json<TerminateRequest>,
) -> Result<web::Json<TenantSummary>, ApiError> {
    let tenant = TenantId(id.into_inner());
    let body = body.into_inner()?;
    let reason = subscription::termination_reason(&body.reason, body.since).ok_or_else(|| {
        ApiError::field(
            "reason",
            ecom_domain::account::InvalidInput::new(
                "invalid_reason",
                format!("the reason must be one of: {TERMINATION_REASONS}"),
            ),
        )
    })?;
    let days = body
        .export_window_days
        .unwrap_or(DEFAULT_EXPORT_WINDOW_DAYS);
    if !(1..=365).contains(&days) {
        return Err(ApiError::field(
            "export_window_days",
            ecom_domain::account::InvalidInput::new(
                "out_of_range",
                "the export window is 1 to 365 days",
            ),
        ));
    }
    let now = state.clock.now();
    let request_id = request_id(&req);
    let view = state
        .write(move |conn| {
            let contract = operate(conn, tenant, ContractEvent::TerminateByOperator { reason, export_window_days: days }, now)?;
            tenants::set_status(conn, tenant, TenantStatus::Terminated, now)?;
            sessions::revoke_all_for_tenant(conn, tenant, now, "contract terminated")?;
            api_keys::revoke_all(conn, tenant, now)?;
            let until = contract.export_window_ends_at.unwrap_or(now);
            record(conn, tenant, now, "terminated_by_operator", &format!("Ecom terminated the contract ({}); data can be exported until {}", reason.code(), belgian_time_label(until)))?;
            crate::notices::to_administrator(
                conn,
                tenant,
                NoticeKind::ExportWindow,
                "Ecom has terminated your contract".into(),
                format!(
                    "Ecom terminated your contract with immediate effect under art. 15 of the terms ({}).\n\
                     You can still log in as Administrator and export all your data until {}. After that your data is deleted.\n",
                    reason.code().replace('_', " "),
                    belgian_time_label(until)
                ),
                Some(format!("terminated:{}", contract.id)),
                now,
            )?;
            Audit::new("contract.terminated_by_operator", ("operator", Some(caller.operator.0)), now)
                .tenant(tenant)
                .target("contract", contract.id)
                .details(serde_json::json!({ "reason": reason.code(), "export_window_days": days }))
                .request(request_id)
                .write(conn)?;
            summary(conn, tenant, now)
        })
        .await?;
    Ok(web::Json(view))
}

/// Suspends a Client's access (e.g. for non-payment, terms art. 11): the
/// modules close until reinstated; billing and export stay open.
#[utoipa::path(
    tag = "operator",
    params(("id" = Uuid, Path, description = "The tenant's id")),
    responses(
        (status = 200, description = "Suspended", body = TenantSummary),
        (status = 404, description = "No such tenant or no contract", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The contract cannot be suspended now", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []))
)]
#[post("/operator/tenants/{id}/suspend")]
pub async fn suspend(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: OperatorCaller,
    id: web::Path<Uuid>,
) -> Result<web::Json<TenantSummary>, ApiError> {
    toggle(state, req, caller, TenantId(id.into_inner()), true).await
}

/// Lifts a suspension.
#[utoipa::path(
    tag = "operator",
    params(("id" = Uuid, Path, description = "The tenant's id")),
    responses(
        (status = 200, description = "Reinstated", body = TenantSummary),
        (status = 404, description = "No such tenant or no contract", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The contract is not suspended", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []))
)]
#[post("/operator/tenants/{id}/reinstate")]
pub async fn reinstate(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: OperatorCaller,
    id: web::Path<Uuid>,
) -> Result<web::Json<TenantSummary>, ApiError> {
    toggle(state, req, caller, TenantId(id.into_inner()), false).await
}

async fn toggle(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: OperatorCaller,
    tenant: TenantId,
    suspending: bool,
) -> Result<web::Json<TenantSummary>, ApiError> {
    let now = state.clock.now();
    let request_id = request_id(&req);
    let view = state
        .write(move |conn| {
            let event = if suspending {
                ContractEvent::Suspend
            } else {
                ContractEvent::Reinstate
            };
            let contract = operate(conn, tenant, event, now)?;
            let (status, kind, text) = if suspending {
                (
                    TenantStatus::Suspended,
                    "suspended",
                    "Access suspended by Ecom",
                )
            } else {
                (TenantStatus::Active, "reinstated", "Access reinstated")
            };
            tenants::set_status(conn, tenant, status, now)?;
            record(conn, tenant, now, kind, text)?;
            Audit::new(
                &format!("contract.{kind}"),
                ("operator", Some(caller.operator.0)),
                now,
            )
            .tenant(tenant)
            .target("contract", contract.id)
            .request(request_id)
            .write(conn)?;
            summary(conn, tenant, now)
        })
        .await?;
    Ok(web::Json(view))
}

/// Announces a new annual price for a catalogue item. Refused with 422
/// `price_change_too_soon` unless it applies at least one month after today
/// (terms art. 9). Every Client with a running contract gets a notice, which
/// opens its 30-day right to terminate; the price applies to terms starting
/// on or after the date.
#[utoipa::path(
    tag = "operator",
    request_body = PriceChangeRequest,
    responses(
        (status = 200, description = "Announced", body = PriceChangeAnnounced),
        (status = 409, description = "That item already has a price from that date", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown item, negative price, or less than one month ahead", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []))
)]
#[post("/operator/price-changes")]
pub async fn announce_price(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: OperatorCaller,
    body: crate::json_body::Json<PriceChangeRequest>,
) -> Result<web::Json<PriceChangeAnnounced>, ApiError> {
    let body = body.into_inner()?;
    let now = state.clock.now();
    if !PriceBook::is_item(&body.item) {
        return Err(ApiError::field(
            "item",
            ecom_domain::account::InvalidInput::new(
                "unknown_item",
                "the item is `basic`, `seat` or a module code",
            ),
        ));
    }
    let cents = to_cents(body.annual_price)
        .filter(|c| *c >= 0)
        .ok_or_else(|| {
            ApiError::field(
                "annual_price",
                ecom_domain::account::InvalidInput::new(
                    "invalid_price",
                    "the price is a positive amount in EUR",
                ),
            )
        })?;
    // Prices change from the start of a Belgian day.
    let effective_day = belgian_date(body.effective_from);
    check_price_change(now, effective_day).map_err(|refused| ApiError::Rule {
        code: "price_change_too_soon",
        detail: refused.to_string(),
    })?;
    let effective_from = start_of_belgian_day(effective_day);
    let request_id = request_id(&req);
    let item = body.item.clone();
    let announced = state
        .write(move |conn| {
            catalogue::announce(conn, &PriceVersion { item: item.clone(), annual_price_cents: cents, effective_from, announced_at: now })?;
            let mut notified = 0u32;
            for contract in contracts::all_open_for_jobs(conn)? {
                if !subscription::is_live(&contract.status) {
                    continue;
                }
                let notice = ChangeNotice {
                    id: Uuid::now_v7(),
                    tenant_id: contract.tenant_id,
                    kind: "price".into(),
                    summary: format!("The annual price of '{item}' becomes EUR {} excl. VAT from {}", body.annual_price, effective_day.format("%d/%m/%Y")),
                    announced_at: now,
                    effective_from,
                };
                change_notices::insert(conn, contract.tenant_id, &notice)?;
                record(conn, contract.tenant_id, now, "price_change_announced", &notice.summary)?;
                crate::notices::to_administrator(
                    conn,
                    contract.tenant_id,
                    NoticeKind::PriceChange,
                    "Ecom price change".into(),
                    format!(
                        "{}. It applies to your terms starting on or after that date.\n\
                         You may terminate your contract within 30 days of this notice, whatever the usual deadline (terms art. 15): \
                         cancel in Ecom and cite this notice.\n",
                        notice.summary
                    ),
                    Some(format!("price_change:{}", notice.id)),
                    now,
                )?;
                notified += 1;
            }
            Audit::new("catalogue.price_change_announced", ("operator", Some(caller.operator.0)), now)
                .details(serde_json::json!({ "item": item, "annual_price_cents": cents, "effective_from": effective_from, "clients_notified": notified }))
                .request(request_id)
                .write(conn)?;
            Ok(notified)
        })
        .await?;
    Ok(web::Json(PriceChangeAnnounced {
        item: body.item,
        effective_from,
        clients_notified: announced,
    }))
}

/// `POST /api/v1/operator/tenants/{id}/consumer`: whether the Client is a consumer.
#[derive(Debug, Clone, serde::Deserialize, serde::Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConsumerFlag {
    /// A natural person not acting for a business: the Belgian statutory
    /// consumer-debt regime (Code of Economic Law, Book XIX) replaces the B2B
    /// late-payment terms.
    pub is_consumer: bool,
}

/// Marks a Client as a consumer, or as a business again.
#[utoipa::path(
    tag = "operator",
    params(("id" = Uuid, Path, description = "The tenant's id")),
    request_body = ConsumerFlag,
    responses(
        (status = 200, description = "Saved", body = ConsumerFlag),
        (status = 404, description = "No such tenant", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []))
)]
#[post("/operator/tenants/{id}/consumer")]
pub async fn set_consumer(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: OperatorCaller,
    id: web::Path<Uuid>,
    body: crate::json_body::Json<ConsumerFlag>,
) -> Result<web::Json<ConsumerFlag>, ApiError> {
    let tenant = TenantId(id.into_inner());
    let flag = body.into_inner()?;
    let now = state.clock.now();
    let request_id = request_id(&req);
    let is_consumer = flag.is_consumer;
    state
        .write(move |conn| {
            subscription::tenant(conn, tenant)?;
            tenants::set_consumer(conn, tenant, is_consumer, now)?;
            Audit::new(
                "tenant.consumer_flag_set",
                ("operator", Some(caller.operator.0)),
                now,
            )
            .tenant(tenant)
            .details(serde_json::json!({ "is_consumer": is_consumer }))
            .request(request_id)
            .write(conn)
        })
        .await?;
    Ok(web::Json(flag))
}

/// Announces a new version of the terms, privacy statement, data processing
/// agreement or cookie policy. Every tenant's Administrator is told before it
/// applies; a change of the terms also opens each running contract's 30-day
/// right to terminate (terms art. 2, 15 (2)). The new version is the one to
/// accept at sign-up from its date on.
#[utoipa::path(
    tag = "operator",
    request_body = ecom_types::operator::PolicyChangeRequest,
    responses(
        (status = 200, description = "Announced", body = ecom_types::operator::PolicyChangeAnnounced),
        (status = 409, description = "That version exists", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown kind, empty fields, or a date in the past", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []))
)]
#[post("/operator/policy-changes")]
pub async fn announce_policy(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: OperatorCaller,
    body: crate::json_body::Json<ecom_types::operator::PolicyChangeRequest>,
) -> Result<web::Json<ecom_types::operator::PolicyChangeAnnounced>, ApiError> {
    use ecom_domain::account::{parse_text, InvalidInput};
    use ecom_domain::policy::PolicyKind;
    let body = body.into_inner()?;
    let now = state.clock.now();
    let mut checks = crate::error::FieldChecks::default();
    let kind = PolicyKind::parse(&body.kind);
    if kind.is_none() {
        checks.push(
            "kind",
            "unknown_policy",
            "the kind is terms, privacy, data_processing or cookies",
        );
    }
    let version = checks.check("version", parse_text(&body.version, "the version", 20));
    let title = checks.check("title", parse_text(&body.title, "the title", 200));
    let summary = checks.check("summary", parse_text(&body.summary, "the summary", 1000));
    let new_text = match &body.body {
        Some(text) => checks.check(
            "body",
            crate::consent::parse_multiline(text, "the text", 200_000),
        ),
        None => None,
    };
    if body.effective_from <= now {
        checks.check::<()>(
            "effective_from",
            Err(InvalidInput::new(
                "in_the_past",
                "a change must be announced before it applies",
            )),
        );
    }
    checks.finish()?;
    let (Some(kind), Some(version), Some(title), Some(summary)) = (kind, version, title, summary)
    else {
        return Err(ApiError::Internal(
            "validation passed with a missing field".into(),
        ));
    };
    let request_id = request_id(&req);
    let effective_from = body.effective_from;
    let kind_name = kind.as_str().to_owned();
    let label = version.clone();
    let notified = state
        .write(move |conn| {
            // The previous version, whose text carries over when no new text is given.
            let previous = ecom_storage::policies::history(conn, kind)?.into_iter().next();
            ecom_storage::policies::insert_version(conn, &ecom_storage::policies::PolicyVersion { kind, version: label.clone(), title: title.clone(), effective_from })?;
            let text = match (&new_text, previous) {
                (Some(text), _) => text.clone(),
                (None, Some(prev)) => match ecom_storage::policies::text(conn, kind, &prev.version)? {
                    Some((_, body)) => body,
                    None if prev.version == crate::consent::SEED_VERSION => crate::consent::seed_text(kind).to_owned(),
                    None => String::new(),
                },
                (None, None) => String::new(),
            };
            ecom_storage::policies::insert_text(conn, kind, &label, &summary, &text)?;
            let mut notified = 0u32;
            let mut people_notified = 0u32;
            for tenant in tenants::all_ids_for_jobs(conn)? {
                let live = contracts::current(conn, tenant)?.filter(|c| subscription::is_live(&c.status));
                let terms = kind == PolicyKind::Terms;
                let mut body = format!("{title} version {label} applies from {}: {summary}\n", belgian_time_label(effective_from));
                if terms && live.is_some() {
                    let notice = ChangeNotice {
                        id: Uuid::now_v7(),
                        tenant_id: tenant,
                        kind: "terms".into(),
                        summary: format!("{title} version {label}: {summary}"),
                        announced_at: now,
                        effective_from,
                    };
                    change_notices::insert(conn, tenant, &notice)?;
                    record(conn, tenant, now, "terms_change_announced", &notice.summary)?;
                    body.push_str("You may terminate your contract within 30 days of this notice, whatever the usual deadline (terms art. 15): cancel in Ecom and cite this notice.\n");
                }
                let queued = crate::notices::to_administrator(
                    conn,
                    tenant,
                    if terms { NoticeKind::TermsChange } else { NoticeKind::PolicyChange },
                    format!("Ecom {title} change"),
                    body,
                    Some(format!("policy_change:{}:{label}:{tenant}", kind.as_str())),
                    now,
                )?;
                notified += u32::from(queued);
                // The privacy statement concerns every person, not only the
                // Administrator: each active User is told too, before it applies.
                if kind == PolicyKind::Privacy {
                    for user in ecom_storage::users::list(conn, tenant)? {
                        if user.status != ecom_storage::users::UserStatus::Active || user.role.may_administer() {
                            continue;
                        }
                        let queued = crate::notices::Draft::to_tenant(
                            NoticeKind::PolicyChange,
                            tenant,
                            &user.email,
                            format!("Ecom {title} change"),
                            format!("{title} version {label} applies from {}: {summary}\n", belgian_time_label(effective_from)),
                            Some(format!("policy_change:{}:{label}:{}", kind.as_str(), user.id.0)),
                        )
                        .queue(conn, now)?;
                        people_notified += u32::from(queued);
                    }
                }
            }
            Audit::new("policy.change_announced", ("operator", Some(caller.operator.0)), now)
                .details(serde_json::json!({ "kind": kind.as_str(), "version": label, "effective_from": effective_from, "tenants_notified": notified }))
                .request(request_id)
                .write(conn)?;
            Ok((notified, people_notified))
        })
        .await?;
    let (notified, people_notified) = notified;
    Ok(web::Json(ecom_types::operator::PolicyChangeAnnounced {
        kind: kind_name,
        version,
        tenants_notified: notified,
        people_notified,
    }))
}
