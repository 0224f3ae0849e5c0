//! The status page's records (terms art. 20): health samples counted per
//! Brussels day, and announced maintenance windows. Neither belongs to a
//! tenant: the status is the same for everyone and public.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use ecom_domain::OperatorId;
use uuid::Uuid;

use crate::convert::{from_db, from_db_opt, id_text, parse_uuid, to_db};
use crate::schema_status::{maintenance_windows, status_days};
use crate::{insert_unless_exists, DbConnection, StorageResult};

/// One round trip to the database (`SELECT 1`).
pub fn ping(conn: &mut DbConnection) -> StorageResult<()> {
    diesel::sql_query("SELECT 1").execute(conn)?;
    Ok(())
}

/// The samples of one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DaySamples {
    pub day: NaiveDate,
    pub samples: u64,
    pub healthy_samples: u64,
    /// Sum of the database round trips (ms) of the healthy samples.
    pub latency_ms_total: u64,
}

fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

fn db_count(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Adds one health sample to its day. Safe when two servers record at once:
/// a day's first row is inserted in a savepoint, and the loser adds to it.
pub fn record_sample(
    conn: &mut DbConnection,
    day: NaiveDate,
    healthy: bool,
    latency_ms: u64,
) -> StorageResult<()> {
    let healthy_add = i64::from(healthy);
    let latency_add = if healthy { db_count(latency_ms) } else { 0 };
    let add = |conn: &mut DbConnection| -> StorageResult<usize> {
        Ok(
            diesel::update(status_days::table.filter(status_days::day.eq(day)))
                .set((
                    status_days::samples.eq(status_days::samples + 1),
                    status_days::healthy_samples.eq(status_days::healthy_samples + healthy_add),
                    status_days::latency_ms_total.eq(status_days::latency_ms_total + latency_add),
                ))
                .execute(conn)?,
        )
    };
    if add(conn)? > 0 {
        return Ok(());
    }
    let inserted = insert_unless_exists(conn, |conn| {
        diesel::insert_into(status_days::table)
            .values((
                status_days::day.eq(day),
                status_days::samples.eq(1),
                status_days::healthy_samples.eq(healthy_add),
                status_days::latency_ms_total.eq(latency_add),
            ))
            .execute(conn)
    })?;
    if !inserted {
        add(conn)?;
    }
    Ok(())
}

/// The days from `from` on (inclusive) that have samples, oldest first.
pub fn days_since(conn: &mut DbConnection, from: NaiveDate) -> StorageResult<Vec<DaySamples>> {
    let rows: Vec<(NaiveDate, i64, i64, i64)> = status_days::table
        .filter(status_days::day.ge(from))
        .order(status_days::day.asc())
        .select((
            status_days::day,
            status_days::samples,
            status_days::healthy_samples,
            status_days::latency_ms_total,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(day, samples, healthy, latency)| DaySamples {
            day,
            samples: count(samples),
            healthy_samples: count(healthy),
            latency_ms_total: count(latency),
        })
        .collect())
}

/// An announced maintenance window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MaintenanceWindow {
    pub id: Uuid,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub description: String,
    pub announced_at: DateTime<Utc>,
    pub announced_by: OperatorId,
    pub cancelled_at: Option<DateTime<Utc>>,
}

type Row = (
    String,
    NaiveDateTime,
    NaiveDateTime,
    String,
    NaiveDateTime,
    String,
    Option<NaiveDateTime>,
);

fn window(row: Row) -> StorageResult<MaintenanceWindow> {
    let (id, starts, ends, description, announced, by, cancelled) = row;
    Ok(MaintenanceWindow {
        id: parse_uuid(&id)?,
        starts_at: from_db(starts),
        ends_at: from_db(ends),
        description,
        announced_at: from_db(announced),
        announced_by: OperatorId(parse_uuid(&by)?),
        cancelled_at: from_db_opt(cancelled),
    })
}

const COLUMNS: (
    maintenance_windows::id,
    maintenance_windows::starts_at,
    maintenance_windows::ends_at,
    maintenance_windows::description,
    maintenance_windows::announced_at,
    maintenance_windows::announced_by,
    maintenance_windows::cancelled_at,
) = (
    maintenance_windows::id,
    maintenance_windows::starts_at,
    maintenance_windows::ends_at,
    maintenance_windows::description,
    maintenance_windows::announced_at,
    maintenance_windows::announced_by,
    maintenance_windows::cancelled_at,
);

pub fn insert_window(conn: &mut DbConnection, window: &MaintenanceWindow) -> StorageResult<()> {
    diesel::insert_into(maintenance_windows::table)
        .values((
            maintenance_windows::id.eq(id_text(window.id)),
            maintenance_windows::starts_at.eq(to_db(window.starts_at)),
            maintenance_windows::ends_at.eq(to_db(window.ends_at)),
            maintenance_windows::description.eq(&window.description),
            maintenance_windows::announced_at.eq(to_db(window.announced_at)),
            maintenance_windows::announced_by.eq(id_text(window.announced_by.0)),
            maintenance_windows::cancelled_at.eq(window.cancelled_at.map(to_db)),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn find_window(conn: &mut DbConnection, id: Uuid) -> StorageResult<Option<MaintenanceWindow>> {
    maintenance_windows::table
        .filter(maintenance_windows::id.eq(id_text(id)))
        .select(COLUMNS)
        .first::<Row>(conn)
        .optional()?
        .map(window)
        .transpose()
}

/// Marks a window cancelled; false when it was already cancelled.
pub fn cancel_window(conn: &mut DbConnection, id: Uuid, now: DateTime<Utc>) -> StorageResult<bool> {
    let changed = diesel::update(
        maintenance_windows::table
            .filter(maintenance_windows::id.eq(id_text(id)))
            .filter(maintenance_windows::cancelled_at.is_null()),
    )
    .set(maintenance_windows::cancelled_at.eq(Some(to_db(now))))
    .execute(conn)?;
    Ok(changed > 0)
}

/// Windows not cancelled that have not ended at `now` (in progress or
/// coming), soonest first.
pub fn current_and_upcoming(
    conn: &mut DbConnection,
    now: DateTime<Utc>,
) -> StorageResult<Vec<MaintenanceWindow>> {
    let rows: Vec<Row> = maintenance_windows::table
        .filter(maintenance_windows::cancelled_at.is_null())
        .filter(maintenance_windows::ends_at.gt(to_db(now)))
        .order((
            maintenance_windows::starts_at.asc(),
            maintenance_windows::id.asc(),
        ))
        .select(COLUMNS)
        .limit(100)
        .load(conn)?;
    rows.into_iter().map(window).collect()
}
