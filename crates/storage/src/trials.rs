//! The register of free trials, to refuse a repeated one (SPEC §1).

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use ecom_domain::TenantId;
use uuid::Uuid;

use crate::convert::{from_db, id_text, to_db};
use crate::schema::trial_registrations;
use crate::{DbConnection, StorageResult};

pub fn record(
    conn: &mut DbConnection,
    tenant: TenantId,
    email: &str,
    vat_number: Option<&str>,
    started_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
) -> StorageResult<()> {
    diesel::insert_into(trial_registrations::table)
        .values((
            trial_registrations::id.eq(id_text(Uuid::new_v4())),
            trial_registrations::tenant_id.eq(id_text(tenant.0)),
            trial_registrations::email.eq(email),
            trial_registrations::vat_number.eq(vat_number),
            trial_registrations::started_at.eq(to_db(started_at)),
            trial_registrations::ends_at.eq(to_db(ends_at)),
        ))
        .execute(conn)?;
    Ok(())
}

/// When earlier trials for this e-mail address or VAT number ended (or end).
pub fn previous_trial_ends(
    conn: &mut DbConnection,
    email: &str,
    vat_number: Option<&str>,
) -> StorageResult<Vec<DateTime<Utc>>> {
    let mut query = trial_registrations::table
        .filter(trial_registrations::email.eq(email))
        .into_boxed();
    if let Some(vat) = vat_number {
        query = query.or_filter(trial_registrations::vat_number.eq(vat));
    }
    let ends: Vec<NaiveDateTime> = query.select(trial_registrations::ends_at).load(conn)?;
    Ok(ends.into_iter().map(from_db).collect())
}
