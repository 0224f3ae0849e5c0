//! The scheduler's part of the subscription: applies what the domain's
//! `due_events` says is due for each tenant at `now` — trial notices and
//! expiry, renewal invoices, renewals, end of term, deactivation, soft
//! deletion and anonymisation — each idempotent (dedupe keys, one term row
//! per renewal) so running the jobs twice, or from two servers, does it once.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use ecom_domain::calendar::belgian_time_label;
use ecom_domain::contract::{
    due_events, term_lines, transition, ContractState, DueEvent, Module, Order, Term,
};
use ecom_domain::money::from_cents;
use ecom_domain::notice::NoticeKind;
use ecom_domain::TenantId;
use ecom_storage::contracts::{self, Contract};
use ecom_storage::tenants::{self, TenantStatus};
use ecom_storage::{api_keys, catalogue, sessions, timeline, users, DbConnection};

use crate::audit::Audit;
use crate::billing;
use crate::error::ApiError;
use crate::notices::to_administrator;
use crate::pricing::PriceBook;
use crate::settings::Settings;
use crate::subscription::{self, today};

/// Steps applied to one tenant in one run, at most (a tenant whose jobs did
/// not run for a long time catches up over several runs).
const MAX_STEPS: usize = 12;

fn event(
    conn: &mut DbConnection,
    tenant: TenantId,
    now: DateTime<Utc>,
    kind: &str,
    summary: &str,
    key: &str,
) -> Result<bool, ApiError> {
    Ok(timeline::record(
        conn,
        tenant,
        now,
        kind,
        summary,
        Some(key),
    )?)
}

fn audit(
    conn: &mut DbConnection,
    tenant: TenantId,
    now: DateTime<Utc>,
    action: &str,
    contract: &Contract,
) -> Result<(), ApiError> {
    Audit::new(action, ("system", None), now)
        .tenant(tenant)
        .target("contract", contract.id)
        .write(conn)
}

/// Moves one tenant forward to `now`; returns how many steps were taken.
pub fn advance_tenant(
    conn: &mut DbConnection,
    settings: &Settings,
    tenant: TenantId,
    now: DateTime<Utc>,
) -> Result<usize, ApiError> {
    let Some(mut contract) = contracts::current(conn, tenant)? else {
        return advance_trial(conn, tenant, now);
    };
    let mut steps = 0;
    while steps < MAX_STEPS {
        let state = subscription::state(&contract)?;
        let due = due_events(&state, now);
        let mut changed = false;
        for due_event in due {
            steps += usize::from(apply_due(
                conn,
                settings,
                tenant,
                &mut contract,
                state,
                due_event,
                now,
            )?);
            if due_event.contract_event().is_some() {
                // The state moved: decide again from the new state.
                changed = true;
                break;
            }
        }
        if !changed {
            break;
        }
    }
    Ok(steps)
}

fn advance_trial(
    conn: &mut DbConnection,
    tenant: TenantId,
    now: DateTime<Utc>,
) -> Result<usize, ApiError> {
    let Some(record) = tenants::find(conn, tenant)? else {
        return Ok(0);
    };
    let (TenantStatus::Trial, Some(ends_at)) = (record.status, record.trial_ends_at) else {
        return Ok(0);
    };
    let mut steps = 0;
    for due in due_events(&ContractState::Trial { ends_at }, now) {
        match due {
            DueEvent::NoticeTrialEndingSoon { trial_ends_at } => {
                let queued = to_administrator(
                    conn,
                    tenant,
                    NoticeKind::TrialEnding,
                    "Your Ecom trial ends in 3 days".into(),
                    format!(
                        "Your free trial ends on {}. Order a plan in Ecom (Subscription) to keep using the modules; \
                         your data stays as it is.\n",
                        belgian_time_label(trial_ends_at)
                    ),
                    Some(format!("trial_ending:{tenant}")),
                    now,
                )?;
                steps += usize::from(queued);
            }
            DueEvent::TrialExpired { ended_at } => {
                if event(
                    conn,
                    tenant,
                    now,
                    "trial_expired",
                    "The free trial ended",
                    &format!("trial_expired:{tenant}"),
                )? {
                    to_administrator(
                        conn,
                        tenant,
                        NoticeKind::TrialEnded,
                        "Your Ecom trial has ended".into(),
                        format!(
                            "Your free trial ended on {}. You can still log in to order a plan, export your data and read your invoices.\n",
                            belgian_time_label(ended_at)
                        ),
                        Some(format!("trial_ended:{tenant}")),
                        now,
                    )?;
                    Audit::new("tenant.trial_expired", ("system", None), now)
                        .tenant(tenant)
                        .write(conn)?;
                    steps += 1;
                }
            }
            _ => {}
        }
    }
    Ok(steps)
}

/// The order a renewal repeats: the modules and seats set for the next term.
fn renewal_order(contract: &Contract, term: &Term) -> Order {
    Order {
        modules: contract
            .modules_next_term
            .iter()
            .filter_map(|c| Module::parse(c))
            .collect::<BTreeSet<_>>(),
        extra_seats: contract.extra_seats_next_term,
        length: term.length(),
        discounts: BTreeMap::new(),
    }
}

/// Issues the invoice of `next_term` unless it was issued already. Returns
/// the term's price in cents excl. VAT.
fn invoice_term(
    conn: &mut DbConnection,
    settings: &Settings,
    tenant: TenantId,
    contract: &Contract,
    next_term: Term,
    now: DateTime<Utc>,
) -> Result<Option<i64>, ApiError> {
    let existing = contracts::terms(conn, tenant, contract.id)?;
    if let Some((_, _, _, price)) = existing.iter().find(|(seq, ..)| *seq == next_term.number()) {
        return Ok(Some(*price));
    }
    // A price applies to terms starting on or after its date (announced at
    // least a month before, which announcing enforces).
    let prices = PriceBook::new(catalogue::all(conn)?).price_list(next_term.starts_at());
    let lines = term_lines(&prices, &renewal_order(contract, &next_term), &next_term)
        .map_err(|e| ApiError::Internal(format!("renewal pricing: {e}")))?;
    let client = subscription::tenant(conn, tenant)?;
    let Some(admin) = users::administrator(conn, tenant)? else {
        return Ok(None);
    };
    // Claim the term first: a concurrent run that claimed it already wins,
    // and this one issues nothing.
    if !contracts::record_term(
        conn,
        tenant,
        contract.id,
        next_term.number(),
        next_term.starts_on(),
        next_term.ends_on(),
        0,
        None,
        now,
    )? {
        return Ok(contracts::terms(conn, tenant, contract.id)?
            .into_iter()
            .find(|(seq, ..)| *seq == next_term.number())
            .map(|t| t.3));
    }
    let issued = billing::issue_to_client(
        conn,
        settings,
        &client,
        &admin.email,
        &lines,
        today(now),
        now,
    )?;
    let price = issued.stored.total_excl_vat_cents;
    contracts::set_term_invoice(
        conn,
        tenant,
        contract.id,
        next_term.number(),
        issued.stored.id,
        price,
    )?;
    event(
        conn,
        tenant,
        now,
        "renewal_invoiced",
        &format!(
            "The cancellation deadline passed: the term from {} to {} is invoiced (invoice {}, EUR {} excl. VAT)",
            next_term.starts_on().format("%d/%m/%Y"),
            next_term.last_day().format("%d/%m/%Y"),
            issued.stored.number,
            from_cents(price)
        ),
        &format!("renewal_invoiced:{}:{}", contract.id, next_term.number()),
    )?;
    audit(conn, tenant, now, "contract.renewal_invoiced", contract)?;
    Ok(Some(price))
}

fn transition_to(
    conn: &mut DbConnection,
    tenant: TenantId,
    contract: &mut Contract,
    state: ContractState,
    due: DueEvent,
    now: DateTime<Utc>,
) -> Result<Option<ContractState>, ApiError> {
    let Some(contract_event) = due.contract_event() else {
        return Ok(None);
    };
    match transition(state, contract_event, now) {
        Ok(after) => {
            subscription::apply(contract, &after);
            contracts::save(conn, tenant, contract, now)?;
            Ok(Some(after))
        }
        Err(refused) => {
            tracing::warn!(%tenant, %refused, "scheduled contract step refused");
            Ok(None)
        }
    }
}

#[allow(clippy::too_many_lines)]
fn apply_due(
    conn: &mut DbConnection,
    settings: &Settings,
    tenant: TenantId,
    contract: &mut Contract,
    state: ContractState,
    due: DueEvent,
    now: DateTime<Utc>,
) -> Result<bool, ApiError> {
    let id = contract.id;
    match due {
        DueEvent::NoticeTrialEndingSoon { .. } | DueEvent::TrialExpired { .. } => Ok(false),
        DueEvent::NoticeRenewalComing { term, cancellation_deadline } => to_administrator(
            conn,
            tenant,
            NoticeKind::RenewalComing,
            "Your Ecom contract renews soon".into(),
            format!(
                "Your contract renews on {} for another {}. To stop the renewal, cancel in Ecom by {} \
                 (15 calendar days before the term ends, terms art. 14).\n",
                term.ends_on().format("%d/%m/%Y"),
                term.length().as_str(),
                belgian_time_label(cancellation_deadline)
            ),
            Some(format!("renewal_coming:{id}:{}", term.number())),
            now,
        ),
        DueEvent::RenewalDue { next_term } => {
            let before = contracts::terms(conn, tenant, id)?.len();
            invoice_term(conn, settings, tenant, contract, next_term, now)?;
            Ok(contracts::terms(conn, tenant, id)?.len() > before)
        }
        DueEvent::StartNextTerm { next_term } => {
            let price = invoice_term(conn, settings, tenant, contract, next_term, now)?;
            if transition_to(conn, tenant, contract, state, due, now)?.is_none() {
                return Ok(false);
            }
            contract.term_price_cents = price.unwrap_or(contract.term_price_cents);
            contract.modules = contract.modules_next_term.clone();
            contract.extra_seats = contract.extra_seats_next_term;
            contracts::save(conn, tenant, contract, now)?;
            let summary = format!("Renewed: new term from {} to {}", next_term.starts_on().format("%d/%m/%Y"), next_term.last_day().format("%d/%m/%Y"));
            event(conn, tenant, now, "renewed", &summary, &format!("renewed:{id}:{}", next_term.number()))?;
            to_administrator(
                conn,
                tenant,
                NoticeKind::Renewed,
                "Your Ecom contract has renewed".into(),
                format!("{summary}. The next cancellation deadline is {}.\n", belgian_time_label(ecom_domain::contract::cancellation_deadline(&next_term))),
                Some(format!("renewed:{id}:{}", next_term.number())),
                now,
            )?;
            audit(conn, tenant, now, "contract.renewed", contract)?;
            Ok(true)
        }
        DueEvent::NoticeDeactivationComing { last_term, window } => to_administrator(
            conn,
            tenant,
            NoticeKind::Deactivation,
            "Your Ecom contract ends soon".into(),
            format!(
                "Your contract ends on {}. Export your data before then: your accounts are deactivated within 2 working days after that, by {}.\n",
                last_term.last_day().format("%d/%m/%Y"),
                belgian_time_label(window.due_by)
            ),
            Some(format!("deactivation_coming:{id}")),
            now,
        ),
        DueEvent::EndContract { last_term } => {
            if transition_to(conn, tenant, contract, state, due, now)?.is_none() {
                return Ok(false);
            }
            event(conn, tenant, now, "ended", &format!("The contract ended after {}", last_term.last_day().format("%d/%m/%Y")), &format!("ended:{id}"))?;
            audit(conn, tenant, now, "contract.ended", contract)?;
            Ok(true)
        }
        DueEvent::DeactivationDue { .. } => {
            if transition_to(conn, tenant, contract, state, due, now)?.is_none() {
                return Ok(false);
            }
            to_administrator(
                conn,
                tenant,
                NoticeKind::Deactivation,
                "Your Ecom accounts are deactivated".into(),
                "Your contract has ended and your Ecom accounts are now deactivated. Invoices stay available on request to Ecom's support.\n".into(),
                Some(format!("deactivated:{id}")),
                now,
            )?;
            users::deactivate_all(conn, tenant, now)?;
            sessions::revoke_all_for_tenant(conn, tenant, now, "contract ended")?;
            api_keys::revoke_all(conn, tenant, now)?;
            tenants::set_status(conn, tenant, TenantStatus::Deactivated, now)?;
            event(conn, tenant, now, "deactivated", "The accounts were deactivated", &format!("deactivated:{id}"))?;
            audit(conn, tenant, now, "contract.deactivated", contract)?;
            Ok(true)
        }
        DueEvent::SoftDeleteDue { .. } => {
            if transition_to(conn, tenant, contract, state, due, now)?.is_none() {
                return Ok(false);
            }
            // SPEC §2: customer data not exported are soft-deleted: nobody
            // can log in, and the export answers that the window closed.
            users::deactivate_all(conn, tenant, now)?;
            sessions::revoke_all_for_tenant(conn, tenant, now, "data soft-deleted")?;
            api_keys::revoke_all(conn, tenant, now)?;
            tenants::set_status(conn, tenant, TenantStatus::Deactivated, now)?;
            event(conn, tenant, now, "soft_deleted", "The account's data was soft-deleted", &format!("soft_deleted:{id}"))?;
            audit(conn, tenant, now, "contract.soft_deleted", contract)?;
            Ok(true)
        }
        DueEvent::AnonymiseDue { .. } => {
            if transition_to(conn, tenant, contract, state, due, now)?.is_none() {
                return Ok(false);
            }
            let people = users::anonymise_all(conn, tenant)?;
            // The tenant's module data (every table in the privacy registry)
            // goes too; counts survive in the erasure log.
            let erased = ecom_storage::privacy::registry::erase_tenant(conn, tenant)?;
            for (table, rows) in &erased {
                ecom_storage::privacy::erasures::record(conn, now, "ex_customer", Some(tenant), "tenant", table, *rows, "anonymisation after soft deletion")?;
            }
            event(conn, tenant, now, "anonymised", &format!("Personal data of {people} account(s) anonymised"), &format!("anonymised:{id}"))?;
            audit(conn, tenant, now, "contract.anonymised", contract)?;
            Ok(true)
        }
    }
}
