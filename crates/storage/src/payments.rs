//! Payments received from Clients, disputes of invoices and accelerated due
//! dates. What each payment paid is not stored: the statement derives it.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use ecom_domain::TenantId;
use uuid::Uuid;

use crate::convert::{from_db, id_text, parse_uuid, to_db};
use crate::schema::{invoice_accelerations, invoice_disputes, payments};
use crate::{DbConnection, StorageResult};

/// A payment received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payment {
    pub id: Uuid,
    pub payer: TenantId,
    pub amount_cents: i64,
    pub received_on: NaiveDate,
    pub reference: String,
    pub communication: Option<String>,
    /// `operator` or `webhook`.
    pub source: String,
    pub created_at: DateTime<Utc>,
}

type Row = (
    String,
    String,
    i64,
    NaiveDate,
    String,
    Option<String>,
    String,
    NaiveDateTime,
);

fn record(row: Row) -> StorageResult<Payment> {
    let (id, payer, amount_cents, received_on, reference, communication, source, created_at) = row;
    Ok(Payment {
        id: parse_uuid(&id)?,
        payer: TenantId(parse_uuid(&payer)?),
        amount_cents,
        received_on,
        reference,
        communication,
        source,
        created_at: from_db(created_at),
    })
}

/// Records a payment; `UniqueViolation` when its reference was recorded before.
pub fn insert(conn: &mut DbConnection, payment: &Payment) -> StorageResult<()> {
    diesel::insert_into(payments::table)
        .values((
            payments::id.eq(id_text(payment.id)),
            payments::payer_tenant_id.eq(id_text(payment.payer.0)),
            payments::amount_cents.eq(payment.amount_cents),
            payments::received_on.eq(payment.received_on),
            payments::reference.eq(&payment.reference),
            payments::communication.eq(&payment.communication),
            payments::source.eq(&payment.source),
            payments::created_at.eq(to_db(payment.created_at)),
        ))
        .execute(conn)?;
    Ok(())
}

/// The Client's payments, oldest first.
pub fn list_for_payer(conn: &mut DbConnection, payer: TenantId) -> StorageResult<Vec<Payment>> {
    let rows: Vec<Row> = payments::table
        .filter(payments::payer_tenant_id.eq(id_text(payer.0)))
        .order((payments::received_on.asc(), payments::created_at.asc()))
        .select((
            payments::id,
            payments::payer_tenant_id,
            payments::amount_cents,
            payments::received_on,
            payments::reference,
            payments::communication,
            payments::source,
            payments::created_at,
        ))
        .load(conn)?;
    rows.into_iter().map(record).collect()
}

/// Records a dispute; `UniqueViolation` when the invoice was disputed before.
pub fn insert_dispute(
    conn: &mut DbConnection,
    tenant: TenantId,
    invoice: Uuid,
    reasons: &str,
    now: DateTime<Utc>,
) -> StorageResult<()> {
    diesel::insert_into(invoice_disputes::table)
        .values((
            invoice_disputes::id.eq(id_text(Uuid::now_v7())),
            invoice_disputes::tenant_id.eq(id_text(tenant.0)),
            invoice_disputes::invoice_id.eq(id_text(invoice)),
            invoice_disputes::reasons.eq(reasons),
            invoice_disputes::lodged_at.eq(to_db(now)),
        ))
        .execute(conn)?;
    Ok(())
}

/// When and why the tenant's invoice was disputed, if it was.
pub fn dispute_of(
    conn: &mut DbConnection,
    tenant: TenantId,
    invoice: Uuid,
) -> StorageResult<Option<(DateTime<Utc>, String)>> {
    let found: Option<(NaiveDateTime, String)> = invoice_disputes::table
        .filter(invoice_disputes::tenant_id.eq(id_text(tenant.0)))
        .filter(invoice_disputes::invoice_id.eq(id_text(invoice)))
        .select((invoice_disputes::lodged_at, invoice_disputes::reasons))
        .first(conn)
        .optional()?;
    Ok(found.map(|(at, reasons)| (from_db(at), reasons)))
}

/// Makes an invoice due earlier (terms art. 11). The first acceleration stands.
pub fn accelerate(
    conn: &mut DbConnection,
    tenant: TenantId,
    invoice: Uuid,
    due_on: NaiveDate,
    now: DateTime<Utc>,
) -> StorageResult<bool> {
    let exists: i64 = invoice_accelerations::table
        .filter(invoice_accelerations::invoice_id.eq(id_text(invoice)))
        .count()
        .get_result(conn)?;
    if exists > 0 {
        return Ok(false);
    }
    crate::insert_unless_exists(conn, |c| {
        diesel::insert_into(invoice_accelerations::table)
            .values((
                invoice_accelerations::invoice_id.eq(id_text(invoice)),
                invoice_accelerations::tenant_id.eq(id_text(tenant.0)),
                invoice_accelerations::due_on.eq(due_on),
                invoice_accelerations::created_at.eq(to_db(now)),
            ))
            .execute(c)
    })
}

/// The accelerated due dates of the tenant's invoices: (invoice id, due on).
pub fn accelerations(
    conn: &mut DbConnection,
    tenant: TenantId,
) -> StorageResult<Vec<(Uuid, NaiveDate)>> {
    let rows: Vec<(String, NaiveDate)> = invoice_accelerations::table
        .filter(invoice_accelerations::tenant_id.eq(id_text(tenant.0)))
        .select((
            invoice_accelerations::invoice_id,
            invoice_accelerations::due_on,
        ))
        .load(conn)?;
    rows.into_iter()
        .map(|(id, due)| Ok((parse_uuid(&id)?, due)))
        .collect()
}

/// A SEPA Direct Debit mandate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mandate {
    pub mandate_id: String,
    pub tenant_id: TenantId,
    pub iban: String,
    pub bic: Option<String>,
    pub account_holder: String,
    pub signed_on: NaiveDate,
}

/// The tenant's active mandate.
pub fn active_mandate(conn: &mut DbConnection, tenant: TenantId) -> StorageResult<Option<Mandate>> {
    use crate::schema::payment_mandates as m;
    let row: Option<(String, String, Option<String>, String, NaiveDate)> = m::table
        .filter(m::tenant_id.eq(id_text(tenant.0)))
        .filter(m::revoked_at.is_null())
        .order(m::created_at.desc())
        .select((
            m::mandate_id,
            m::iban,
            m::bic,
            m::account_holder,
            m::signed_on,
        ))
        .first(conn)
        .optional()?;
    Ok(row.map(
        |(mandate_id, iban, bic, account_holder, signed_on)| Mandate {
            mandate_id,
            tenant_id: tenant,
            iban,
            bic,
            account_holder,
            signed_on,
        },
    ))
}

/// Revokes the tenant's mandates; returns how many were active.
pub fn revoke_mandates(
    conn: &mut DbConnection,
    tenant: TenantId,
    now: DateTime<Utc>,
) -> StorageResult<usize> {
    use crate::schema::payment_mandates as m;
    Ok(diesel::update(
        m::table
            .filter(m::tenant_id.eq(id_text(tenant.0)))
            .filter(m::revoked_at.is_null()),
    )
    .set(m::revoked_at.eq(Some(to_db(now))))
    .execute(conn)?)
}

/// Records a new mandate (the caller revokes the old one first).
pub fn insert_mandate(
    conn: &mut DbConnection,
    mandate: &Mandate,
    now: DateTime<Utc>,
) -> StorageResult<()> {
    use crate::schema::payment_mandates as m;
    diesel::insert_into(m::table)
        .values((
            m::mandate_id.eq(&mandate.mandate_id),
            m::tenant_id.eq(id_text(mandate.tenant_id.0)),
            m::iban.eq(&mandate.iban),
            m::bic.eq(&mandate.bic),
            m::account_holder.eq(&mandate.account_holder),
            m::signed_on.eq(mandate.signed_on),
            m::created_at.eq(to_db(now)),
        ))
        .execute(conn)?;
    Ok(())
}

/// Records collection costs incurred on an invoice.
pub fn add_collection_cost(
    conn: &mut DbConnection,
    tenant: TenantId,
    invoice: Uuid,
    amount_cents: i64,
    incurred_on: NaiveDate,
    description: &str,
    now: DateTime<Utc>,
) -> StorageResult<()> {
    use crate::schema::collection_costs as c;
    diesel::insert_into(c::table)
        .values((
            c::id.eq(id_text(Uuid::now_v7())),
            c::tenant_id.eq(id_text(tenant.0)),
            c::invoice_id.eq(id_text(invoice)),
            c::amount_cents.eq(amount_cents),
            c::incurred_on.eq(incurred_on),
            c::description.eq(description),
            c::created_at.eq(to_db(now)),
        ))
        .execute(conn)?;
    Ok(())
}

/// An invoice's collection costs: (incurred on, amount in cents).
pub fn collection_costs(
    conn: &mut DbConnection,
    tenant: TenantId,
    invoice: Uuid,
) -> StorageResult<Vec<(NaiveDate, i64)>> {
    use crate::schema::collection_costs as c;
    Ok(c::table
        .filter(c::tenant_id.eq(id_text(tenant.0)))
        .filter(c::invoice_id.eq(id_text(invoice)))
        .order(c::incurred_on.asc())
        .select((c::incurred_on, c::amount_cents))
        .load(conn)?)
}

/// Records that the order behind an invoice was cancelled for non-payment;
/// false if it already was.
pub fn cancel_for_non_payment(
    conn: &mut DbConnection,
    tenant: TenantId,
    invoice: Uuid,
    on: NaiveDate,
    now: DateTime<Utc>,
) -> StorageResult<bool> {
    use crate::schema::non_payment_cancellations as n;
    let exists: i64 = n::table
        .filter(n::invoice_id.eq(id_text(invoice)))
        .count()
        .get_result(conn)?;
    if exists > 0 {
        return Ok(false);
    }
    diesel::insert_into(n::table)
        .values((
            n::invoice_id.eq(id_text(invoice)),
            n::tenant_id.eq(id_text(tenant.0)),
            n::cancelled_on.eq(on),
            n::created_at.eq(to_db(now)),
        ))
        .execute(conn)?;
    Ok(true)
}

/// When the order behind an invoice was cancelled for non-payment.
pub fn cancelled_for_non_payment_on(
    conn: &mut DbConnection,
    tenant: TenantId,
    invoice: Uuid,
) -> StorageResult<Option<NaiveDate>> {
    use crate::schema::non_payment_cancellations as n;
    Ok(n::table
        .filter(n::tenant_id.eq(id_text(tenant.0)))
        .filter(n::invoice_id.eq(id_text(invoice)))
        .select(n::cancelled_on)
        .first(conn)
        .optional()?)
}

/// Records the free first reminder of a consumer's invoice; false if sent before.
pub fn record_consumer_reminder(
    conn: &mut DbConnection,
    tenant: TenantId,
    invoice: Uuid,
    sent_on: NaiveDate,
    now: DateTime<Utc>,
) -> StorageResult<bool> {
    use crate::schema::consumer_reminders as r;
    crate::insert_unless_exists(conn, |c| {
        diesel::insert_into(r::table)
            .values((
                r::invoice_id.eq(id_text(invoice)),
                r::tenant_id.eq(id_text(tenant.0)),
                r::sent_on.eq(sent_on),
                r::created_at.eq(to_db(now)),
            ))
            .execute(c)
    })
}

/// When a consumer's invoice got its free first reminder.
pub fn consumer_reminder_sent_on(
    conn: &mut DbConnection,
    tenant: TenantId,
    invoice: Uuid,
) -> StorageResult<Option<NaiveDate>> {
    use crate::schema::consumer_reminders as r;
    Ok(r::table
        .filter(r::tenant_id.eq(id_text(tenant.0)))
        .filter(r::invoice_id.eq(id_text(invoice)))
        .select(r::sent_on)
        .first(conn)
        .optional()?)
}
