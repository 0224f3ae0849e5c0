//! Late payment (terms art. 11): overdue notices, acceleration of the other
//! open invoices, suspension after a grace period, reinstatement once paid;
//! and recording payments.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use ecom_domain::billing::late_payment::{accelerate_due_dates, OpenInvoice};
use ecom_domain::contract::{transition, ContractEvent, ContractState};
use ecom_domain::money::{from_cents, to_cents};
use ecom_domain::notice::NoticeKind;
use ecom_domain::TenantId;
use ecom_storage::payments::{self, Payment};
use ecom_storage::tenants::{self, TenantStatus};
use ecom_storage::{contracts, timeline, DbConnection};
use ecom_types::billing::PaymentView;
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::audit::Audit;
use crate::error::ApiError;
use crate::notices::to_administrator;
use crate::settings::Settings;
use crate::statement::{client_statement, paid_by};
use crate::subscription::{self, today};

/// Brings a Client's collection state up to date at `now`; returns the steps taken.
pub fn review(
    conn: &mut DbConnection,
    settings: &Settings,
    tenant: TenantId,
    now: DateTime<Utc>,
) -> Result<usize, ApiError> {
    let day = today(now);
    let client = client_statement(conn, tenant, day)?;
    let overdue: Vec<_> = client
        .statement
        .invoices
        .iter()
        .filter(|l| l.is_overdue(day))
        .collect();
    let mut steps = 0;
    for line in overdue.iter().filter(|_| client.consumer) {
        // Book XIX art. XIX.2: a first reminder, free of charge, with at
        // least 14 days to pay before any interest or compensation.
        let Some(stored) = client
            .invoices
            .iter()
            .find(|i| i.number == line.number.to_string())
        else {
            continue;
        };
        if payments::record_consumer_reminder(conn, tenant, stored.id, day, now)? {
            to_administrator(
                conn,
                tenant,
                NoticeKind::PaymentOverdue,
                format!("Reminder: Ecom invoice {} is unpaid", line.number),
                format!(
                    "This is a free reminder: invoice {} of EUR {} was due on {}. Please pay within 14 days, by {};                      after that, late-payment interest and the statutory compensation may be charged (Code of Economic Law, Book XIX).\n",
                    line.number,
                    line.open.principal,
                    line.due_date.format("%d/%m/%Y"),
                    (day + Duration::days(14)).format("%d/%m/%Y")
                ),
                Some(format!("consumer_reminder:{}", line.number)),
                now,
            )?;
            steps += 1;
        }
    }
    for line in overdue.iter().filter(|_| !client.consumer) {
        let queued = to_administrator(
            conn,
            tenant,
            NoticeKind::PaymentOverdue,
            format!("Ecom invoice {} is overdue", line.number),
            format!(
                "Invoice {} was due on {} and EUR {} is still open.\n\
                 Under the terms (art. 11) interest of 1 % per started month and a fixed compensation of 20 % (at least EUR 150) apply \
                 without notice of default, all other open invoices are due at once, and access may be suspended until full payment.\n",
                line.number,
                line.due_date.format("%d/%m/%Y"),
                line.open.principal
            ),
            Some(format!("payment_overdue:{}", line.number)),
            now,
        )?;
        steps += usize::from(queued);
    }
    if !overdue.is_empty() && !client.consumer {
        // terms art. 11: all other open invoices of that Client become due at once.
        let open: Vec<OpenInvoice> = client
            .statement
            .invoices
            .iter()
            .map(|l| OpenInvoice {
                number: l.number.clone(),
                due_date: l.due_date,
                open_amount: l.open.principal,
            })
            .collect();
        if let Ok(accelerated) = accelerate_due_dates(&open, day) {
            for a in accelerated {
                if let Some(stored) = client
                    .invoices
                    .iter()
                    .find(|i| i.number == a.number.to_string())
                {
                    if payments::accelerate(conn, tenant, stored.id, a.now_due_on, now)? {
                        timeline::record(
                            conn,
                            tenant,
                            now,
                            "invoice_accelerated",
                            &format!(
                                "Invoice {} is due at once (another invoice is overdue)",
                                a.number
                            ),
                            None,
                        )?;
                        steps += 1;
                    }
                }
            }
        }
    }
    let first_overdue = overdue.iter().map(|l| l.due_date).min();
    let Some(mut contract) = contracts::current(conn, tenant)? else {
        return Ok(steps);
    };
    let state = subscription::state(&contract)?;
    let grace_over =
        first_overdue.is_some_and(|due| day > due + Duration::days(settings.suspension_grace_days));
    match state {
        ContractState::Active { .. } | ContractState::Cancelled { .. } if grace_over => {
            let after = transition(state, ContractEvent::Suspend, now)
                .map_err(crate::routes::contract::refused)?;
            subscription::apply(&mut contract, &after);
            contract.suspension_reason = Some("non_payment".into());
            contracts::save(conn, tenant, &contract, now)?;
            tenants::set_status(conn, tenant, TenantStatus::Suspended, now)?;
            timeline::record(
                conn,
                tenant,
                now,
                "suspended",
                "Access suspended for non-payment",
                None,
            )?;
            Audit::new("contract.suspended", ("system", None), now)
                .tenant(tenant)
                .target("contract", contract.id)
                .details(serde_json::json!({ "reason": "non_payment" }))
                .write(conn)?;
            steps += 1;
        }
        ContractState::Suspended { .. }
            if overdue.is_empty()
                && contract.suspension_reason.as_deref() == Some("non_payment") =>
        {
            let after = transition(state, ContractEvent::Reinstate, now)
                .map_err(crate::routes::contract::refused)?;
            subscription::apply(&mut contract, &after);
            contract.suspension_reason = None;
            contracts::save(conn, tenant, &contract, now)?;
            tenants::set_status(conn, tenant, TenantStatus::Active, now)?;
            timeline::record(
                conn,
                tenant,
                now,
                "reinstated",
                "Access reinstated: the overdue invoices are paid",
                None,
            )?;
            Audit::new("contract.reinstated", ("system", None), now)
                .tenant(tenant)
                .target("contract", contract.id)
                .write(conn)?;
            steps += 1;
        }
        _ => {}
    }
    Ok(steps)
}

/// Records a payment from the Client `tenant` and says what it paid
/// (costs → compensation and damages → interest → principal, oldest first).
#[allow(clippy::too_many_arguments)]
pub fn record_payment(
    conn: &mut DbConnection,
    settings: &Settings,
    tenant: TenantId,
    amount: Decimal,
    received_on: NaiveDate,
    communication: Option<String>,
    reference: String,
    source: &str,
    actor: (&str, Option<Uuid>),
    now: DateTime<Utc>,
) -> Result<PaymentView, ApiError> {
    let cents = to_cents(amount).filter(|c| *c > 0).ok_or_else(|| {
        ApiError::field(
            "amount",
            ecom_domain::account::InvalidInput::new(
                "invalid_amount",
                "the amount is a positive number of euros with at most 2 decimals",
            ),
        )
    })?;
    if received_on > today(now) {
        return Err(ApiError::field(
            "received_on",
            ecom_domain::account::InvalidInput::new(
                "in_the_future",
                "a payment cannot be received after today",
            ),
        ));
    }
    // The Client's ledger is serialised on its row (a no-op when the caller
    // took the lock already): allocation and the collection review below
    // read the statement and act on it.
    tenants::lock(conn, tenant)?;
    subscription::tenant(conn, tenant)?;
    let payment = Payment {
        id: Uuid::now_v7(),
        payer: tenant,
        amount_cents: cents,
        received_on,
        reference: reference.clone(),
        communication,
        source: source.into(),
        created_at: now,
    };
    payments::insert(conn, &payment)?;
    let client = client_statement(conn, tenant, today(now))?;
    let allocations = paid_by(&client.statement, &reference);
    timeline::record(
        conn,
        tenant,
        now,
        "payment_received",
        &format!(
            "Payment of EUR {} received on {}",
            from_cents(cents),
            received_on.format("%d/%m/%Y")
        ),
        None,
    )?;
    Audit::new("payment.registered", actor, now)
        .tenant(tenant)
        .target("payment", payment.id)
        .details(serde_json::json!({ "amount_cents": cents, "received_on": received_on, "source": source, "reference": reference }))
        .write(conn)?;
    review(conn, settings, tenant, now)?;
    Ok(PaymentView {
        id: payment.id,
        reference,
        amount: from_cents(cents),
        received_on,
        allocations,
        unallocated_credit: ecom_domain::money::in_cents_scale(client.statement.unallocated_credit),
    })
}
