//! The stored contract ↔ the domain's contract state, and the facts the
//! contract handlers and jobs share.

use chrono::{DateTime, Utc};
use ecom_domain::calendar::belgian_date;
use ecom_domain::contract::{
    cancellation_deadline, deactivation_due_by, delivery_state, CancellationGround, ChangeKind,
    ChangeNotice, ContractState, ContractStatus, DeliveryState, OperatorTerminationReason, Term,
    TermLength,
};
use ecom_domain::money::from_cents;
use ecom_domain::TenantId;
use ecom_storage::contracts::Contract;
use ecom_storage::{contracts, invoices, tenants, users, DbConnection};
use ecom_types::contract::{ContractView, DeliveryView, TermView};

use crate::error::ApiError;

fn corrupt(what: &str) -> ApiError {
    ApiError::Internal(format!("stored contract has an invalid {what}"))
}

pub fn change_kind(raw: &str) -> Option<ChangeKind> {
    match raw {
        "price" => Some(ChangeKind::PriceChange),
        "terms" => Some(ChangeKind::TermsChange),
        "service" => Some(ChangeKind::ServiceChangeToTheClientsDisadvantage),
        _ => None,
    }
}

pub fn change_kind_name(kind: ChangeKind) -> &'static str {
    match kind {
        ChangeKind::PriceChange => "price",
        ChangeKind::TermsChange => "terms",
        ChangeKind::ServiceChangeToTheClientsDisadvantage => "service",
    }
}

/// The art. 15 reason for `code`; `since` is when the notice of default was
/// received (breach) or the force majeure began.
pub fn termination_reason(
    code: &str,
    since: Option<DateTime<Utc>>,
) -> Option<OperatorTerminationReason> {
    use OperatorTerminationReason as R;
    Some(match code {
        "incorrect_client_details" => R::IncorrectClientDetails,
        "unremedied_material_breach" => R::UnremediedMaterialBreach {
            notice_of_default_received_at: since?,
        },
        "illicit_or_inappropriate_use" => R::IllicitOrInappropriateUse,
        "agreement_based_on_incorrect_information" => R::AgreementBasedOnIncorrectInformation,
        "ordered_for_unreasonable_reasons" => R::OrderedForUnreasonableReasons,
        "insolvency" => R::Insolvency,
        "dishonesty" => R::Dishonesty,
        "prolonged_force_majeure" => R::ProlongedForceMajeure { since: since? },
        _ => return None,
    })
}

/// Every reason code, for error messages.
pub const TERMINATION_REASONS: &str = "incorrect_client_details, unremedied_material_breach (with `since`: when the notice of default was received), \
illicit_or_inappropriate_use, agreement_based_on_incorrect_information, ordered_for_unreasonable_reasons, insolvency, dishonesty, \
prolonged_force_majeure (with `since`)";

pub fn term_length(contract: &Contract) -> Result<TermLength, ApiError> {
    TermLength::parse(&contract.term_length).ok_or_else(|| corrupt("term length"))
}

/// The contract's current term.
pub fn term(contract: &Contract) -> Result<Term, ApiError> {
    Ok(Term::nth(
        contract.started_on,
        term_length(contract)?,
        contract.term_seq,
    ))
}

fn ground(contract: &Contract) -> CancellationGround {
    match (
        contract.cancel_notice_kind.as_deref().and_then(change_kind),
        contract.cancel_notice_at,
    ) {
        (Some(kind), Some(notified_at)) => {
            CancellationGround::ChangeNotice(ChangeNotice { kind, notified_at })
        }
        _ => CancellationGround::InTime,
    }
}

/// The domain's state of a stored contract.
pub fn state(contract: &Contract) -> Result<ContractState, ApiError> {
    let status = ContractStatus::parse(&contract.status).ok_or_else(|| corrupt("status"))?;
    let at = |t: Option<DateTime<Utc>>, what| t.ok_or_else(|| corrupt(what));
    Ok(match status {
        ContractStatus::Active => ContractState::Active {
            term: term(contract)?,
        },
        ContractStatus::Cancelled => ContractState::Cancelled {
            term: term(contract)?,
            ground: ground(contract),
        },
        ContractStatus::Suspended => ContractState::Suspended {
            term: term(contract)?,
            cancelled: contract.cancelled_at.map(|_| ground(contract)),
            since: at(contract.suspended_at, "suspension time")?,
        },
        ContractStatus::Ended => ContractState::Ended {
            term: term(contract)?,
        },
        ContractStatus::Deactivated => ContractState::Deactivated {
            at: at(contract.deactivated_at, "deactivation time")?,
            export_until: contract.export_window_ends_at,
        },
        ContractStatus::TerminatedByOperator => ContractState::TerminatedByOperator {
            at: at(contract.terminated_at, "termination time")?,
            reason: contract
                .termination_reason
                .as_deref()
                .and_then(|code| termination_reason(code, contract.termination_reason_since))
                .ok_or_else(|| corrupt("termination reason"))?,
            export_until: at(contract.export_window_ends_at, "export window")?,
        },
        ContractStatus::SoftDeleted => ContractState::SoftDeleted {
            at: at(contract.soft_deleted_at, "soft deletion time")?,
        },
        ContractStatus::Anonymised => ContractState::Anonymised {
            at: at(contract.anonymised_at, "anonymisation time")?,
        },
        ContractStatus::Trial | ContractStatus::TrialExpired => {
            return Err(corrupt("status (a trial has no contract row)"))
        }
    })
}

/// Writes `state` into the stored contract: its status, its term and the
/// time of the step it records.
pub fn apply(contract: &mut Contract, state: &ContractState) {
    contract.status = state.status().as_str().into();
    match *state {
        ContractState::Active { term }
        | ContractState::Cancelled { term, .. }
        | ContractState::Ended { term } => {
            set_term(contract, term);
        }
        ContractState::Suspended { term, since, .. } => {
            set_term(contract, term);
            contract.suspended_at = Some(since);
        }
        ContractState::Deactivated { at, export_until } => {
            contract.deactivated_at = Some(at);
            contract.export_window_ends_at = export_until;
        }
        ContractState::TerminatedByOperator {
            at,
            reason,
            export_until,
        } => {
            contract.terminated_at = Some(at);
            contract.termination_reason = Some(reason.code().into());
            contract.termination_reason_since = match reason {
                OperatorTerminationReason::UnremediedMaterialBreach {
                    notice_of_default_received_at,
                } => Some(notice_of_default_received_at),
                OperatorTerminationReason::ProlongedForceMajeure { since } => Some(since),
                _ => None,
            };
            contract.export_window_ends_at = Some(export_until);
        }
        ContractState::SoftDeleted { at } => contract.soft_deleted_at = Some(at),
        ContractState::Anonymised { at } => contract.anonymised_at = Some(at),
        ContractState::Trial { .. } | ContractState::TrialExpired { .. } => {}
    }
    if !matches!(state, ContractState::Suspended { .. }) {
        contract.suspended_at = None;
    }
}

fn set_term(contract: &mut Contract, term: Term) {
    contract.term_seq = term.number();
    contract.term_starts_on = term.starts_on();
    contract.term_ends_on = term.ends_on();
}

/// Whether a contract in this status is live (runs a term).
pub fn is_live(status: &str) -> bool {
    matches!(status, "active" | "cancelled" | "suspended")
}

/// The tenant's contract as its people see it.
pub fn view(
    conn: &mut DbConnection,
    tenant: TenantId,
    contract: &Contract,
    now: DateTime<Utc>,
) -> Result<ContractView, ApiError> {
    let state = state(contract)?;
    let term = term(contract)?;
    let seats_used = u32::try_from(users::count_seated(conn, tenant)?).unwrap_or(u32::MAX);
    let last_invoice = invoices::list_for_client(conn, tenant)?
        .into_iter()
        .find(|i| i.kind == "invoice");
    let (next_renewal_on, deadline) = match state {
        ContractState::Active { term }
        | ContractState::Suspended {
            term,
            cancelled: None,
            ..
        } => (Some(term.ends_on()), Some(cancellation_deadline(&term))),
        _ => (None, None),
    };
    let deactivation = match state {
        ContractState::Cancelled { term, .. } | ContractState::Ended { term } => {
            Some(deactivation_due_by(term.ends_on()))
        }
        ContractState::Deactivated { at, .. } => Some(at),
        _ => None,
    };
    let (delivery_state_name, reported_at) = match delivery_state(
        contract.delivered_at,
        contract.nonconformity_reported_at,
        now,
    ) {
        DeliveryState::AwaitingCheck { .. } => ("open", None),
        DeliveryState::NonConformityReported { reported_at } => ("reported", Some(reported_at)),
        DeliveryState::Accepted { .. } => ("accepted", None),
    };
    Ok(ContractView {
        id: contract.id,
        status: contract.status.clone(),
        term_length: contract.term_length.clone(),
        modules: contract.modules.clone(),
        seats_ordered: 1 + contract.extra_seats,
        seats_used,
        seats_next_term: 1 + contract.extra_seats_next_term,
        current_term: TermView {
            starts_on: term.starts_on(),
            ends_on: term.ends_on(),
            price: from_cents(contract.term_price_cents),
        },
        next_renewal_on,
        cancellation_deadline: deadline,
        cancelled_at: contract.cancelled_at,
        price_per_term: from_cents(contract.term_price_cents),
        // terms art. 16: liability is capped at the value of the last invoice.
        liability_cap: last_invoice.map(|i| from_cents(i.total_incl_vat_cents)),
        delivery: DeliveryView {
            delivered_at: contract.delivered_at,
            report_deadline: ecom_domain::contract::non_conformity_report_deadline(
                contract.delivered_at,
            ),
            state: delivery_state_name.into(),
            reported_at,
        },
        export_window_ends_at: contract.export_window_ends_at,
        deactivation_due_by: deactivation,
        started_at: ecom_domain::calendar::start_of_belgian_day(contract.started_on),
    })
}

/// The tenant's current contract, or 404 `no_contract`.
pub fn current(conn: &mut DbConnection, tenant: TenantId) -> Result<Contract, ApiError> {
    contracts::current(conn, tenant)?.ok_or_else(|| ApiError::NotFoundCode {
        code: "no_contract",
        detail: "this account has no contract yet: order a plan at POST /api/v1/contract/order"
            .into(),
    })
}

/// The tenant, or 404.
pub fn tenant(conn: &mut DbConnection, tenant: TenantId) -> Result<tenants::Tenant, ApiError> {
    tenants::find(conn, tenant)?.ok_or_else(|| ApiError::not_found("tenant"))
}

/// Today in Belgium.
pub fn today(now: DateTime<Utc>) -> chrono::NaiveDate {
    belgian_date(now)
}

/// Refuses a new seat when a running contract's seats are all in use
/// (SPEC §2: active accounts never exceed the seats ordered). During the
/// trial there is no limit.
/// Takes the tenant's row lock first, so that of invitations sent at once
/// only as many pass as there are free seats (call it before locking
/// anything else: lock order tenant, contract, invoice).
pub fn check_free_seat(conn: &mut DbConnection, tenant: TenantId) -> Result<(), ApiError> {
    ecom_storage::tenants::lock(conn, tenant)?;
    let Some(contract) = contracts::current(conn, tenant)? else {
        return Ok(());
    };
    if !is_live(&contract.status) {
        return Ok(());
    }
    let seats = 1 + contract.extra_seats;
    let seated = u32::try_from(users::count_seated(conn, tenant)?).unwrap_or(u32::MAX);
    if seated >= seats {
        return Err(ApiError::Rule {
            code: "seat_limit_reached",
            detail: format!(
                "all {seats} seats of your subscription are in use; order more seats (POST /api/v1/contract/changes) or deactivate someone first"
            ),
        });
    }
    Ok(())
}

/// Whether the tenant may use `module` now: 403 `module_not_subscribed` when
/// its contract does not include it, 403 `modules_unavailable` when the trial
/// ended or access is suspended. During a running trial every module is open.
/// The module endpoints (CRM, invoicing, ...) call this first.
pub fn require_module(
    conn: &mut DbConnection,
    tenant: TenantId,
    module: ecom_domain::contract::Module,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let record = self::tenant(conn, tenant)?;
    let (status, open) = crate::views::tenant_status(&record, now);
    if status == "suspended" {
        return Err(ApiError::Forbidden {
            code: "account_suspended",
            detail: "access is suspended until the overdue invoices are paid in full (terms art. 11); billing, payment and export still work".into(),
        });
    }
    if !open {
        return Err(ApiError::Forbidden {
            code: "modules_unavailable",
            detail: format!("the modules are not available while the account is {}; order a plan or contact Ecom", status.replace('_', " ")),
        });
    }
    match contracts::current(conn, tenant)? {
        Some(contract) if !contract.modules.iter().any(|m| m == module.as_str()) => Err(ApiError::Forbidden {
            code: "module_not_subscribed",
            detail: format!("the {} module is not in your subscription; add it at POST /api/v1/contract/changes", module.name()),
        }),
        _ => Ok(()),
    }
}
