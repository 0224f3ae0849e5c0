//! Ecom's storage: the diesel schema, embedded migrations and repositories.
//!
//! One connection type serves both engines: SQLite (the embedded default) and
//! PostgreSQL (production), picked from the database URL. Repositories take a
//! `&mut DbConnection` and never open or commit a transaction themselves: the
//! caller decides the unit of work with [`write_transaction`]. Every function
//! that touches tenant-owned rows takes the [`TenantId`](ecom_domain::TenantId),
//! so a query that forgets the tenant does not compile. Row types stay private
//! to their repository; callers get records with typed ids.

pub mod api_keys;
pub mod audit;
pub mod catalogue;
pub mod change_notices;
pub mod companies;
pub mod consent;
pub mod contacts;
pub mod contracts;
mod convert;
pub mod deals;
pub mod events;
pub mod idempotency;
pub mod idempotent_requests;
pub mod invoices;
pub mod listing;
pub mod notices;
pub mod operators;
pub mod payments;
pub mod policies;
mod pool;
pub mod privacy;
pub mod sales;
pub mod schema;
pub mod schema_consent;
pub mod schema_crm;
pub mod schema_integrations;
pub mod schema_retention;
pub mod schema_sales;
pub mod schema_status;
pub mod schema_work;
pub mod secrets;
pub mod sessions;
pub mod status;
pub mod tenants;
pub mod timeline;
pub mod trials;
pub mod users;
pub mod webhooks;
pub mod work;

pub use pool::{Backend, Database, DbConnection, PoolSettings, PooledConnection};

use diesel::connection::TransactionManager;
use diesel::result::{DatabaseErrorKind, Error as DieselError};
use diesel::Connection;

/// A storage failure.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    /// A uniqueness rule of the schema refused the write (e.g. an e-mail in use).
    #[error("unique constraint violated: {0}")]
    UniqueViolation(String),
    /// No connection could be had from the pool in time.
    #[error("database unavailable: {0}")]
    Unavailable(String),
    /// A stored value could not be read back (should never happen).
    #[error("corrupt row: {0}")]
    Corrupt(String),
    /// A list cursor's value does not fit its sort field (a forged or mangled cursor).
    #[error("the cursor does not fit the list's sort field")]
    InvalidCursor,
    #[error("database error: {0}")]
    Database(DieselError),
    #[error("migration failed: {0}")]
    Migration(String),
}

impl From<DieselError> for StorageError {
    fn from(error: DieselError) -> Self {
        match error {
            DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, info) => {
                StorageError::UniqueViolation(
                    info.constraint_name().unwrap_or(info.message()).to_owned(),
                )
            }
            other => StorageError::Database(other),
        }
    }
}

pub type StorageResult<T> = Result<T, StorageError>;

/// Runs `work` in one transaction that is allowed to write: all of it is
/// committed, or none of it.
///
/// On SQLite the transaction starts with `BEGIN IMMEDIATE`, taking the write
/// lock up front: a deferred transaction that reads and then writes fails with
/// "database is locked" under concurrency, whatever the busy timeout. On
/// PostgreSQL it is an ordinary `BEGIN`; rows that must be serialised are
/// locked by the repositories (`SELECT ... FOR UPDATE`).
pub fn write_transaction<T, E>(
    conn: &mut DbConnection,
    work: impl FnOnce(&mut DbConnection) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<StorageError>,
{
    begin_write(conn).map_err(E::from)?;
    match work(conn) {
        Ok(value) => {
            commit(conn).map_err(E::from)?;
            Ok(value)
        }
        Err(error) => {
            rollback(conn);
            Err(error)
        }
    }
}

/// Opens a transaction that is allowed to write and leaves it open: the
/// caller ends it with [`commit`] or [`rollback`]. `BEGIN IMMEDIATE` on
/// SQLite (see [`write_transaction`]), `BEGIN` on PostgreSQL.
pub fn begin_write(conn: &mut DbConnection) -> StorageResult<()> {
    let begun = match conn {
        DbConnection::Pg(pg) => {
            diesel::connection::AnsiTransactionManager::begin_transaction_sql(pg, "BEGIN")
        }
        DbConnection::Sqlite(sqlite) => {
            diesel::connection::AnsiTransactionManager::begin_transaction_sql(
                sqlite,
                "BEGIN IMMEDIATE",
            )
        }
    };
    Ok(begun?)
}

/// Commits the transaction opened by [`begin_write`].
pub fn commit(conn: &mut DbConnection) -> StorageResult<()> {
    Ok(<DbConnection as Connection>::TransactionManager::commit_transaction(conn)?)
}

/// Rolls back the transaction opened by [`begin_write`]. A failed rollback
/// marks the connection broken, and the pool drops it.
pub fn rollback(conn: &mut DbConnection) {
    let _ = <DbConnection as Connection>::TransactionManager::rollback_transaction(conn);
}

/// Runs `work` inside the transaction already open on `conn`, in a
/// savepoint: an error rolls back `work`'s own changes only, and on
/// PostgreSQL leaves the outer transaction usable.
pub fn savepoint<T, E>(
    conn: &mut DbConnection,
    work: impl FnOnce(&mut DbConnection) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<StorageError>,
{
    conn.transaction::<T, TxError<E>, _>(|c| work(c).map_err(TxError::Work))
        .map_err(TxError::into_inner)
}

/// Runs `work` in one read-only transaction that sees one snapshot of the
/// database from its first query to its end, however long it takes (an
/// export streamed table by table). On PostgreSQL `REPEATABLE READ, READ
/// ONLY`; on SQLite (WAL) a deferred read transaction is a snapshot already.
/// Nothing is written, so an error (or a caller that stops) just rolls back.
pub fn read_snapshot<T, E>(
    conn: &mut DbConnection,
    work: impl FnOnce(&mut DbConnection) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<StorageError>,
{
    let begun = match conn {
        DbConnection::Pg(pg) => diesel::connection::AnsiTransactionManager::begin_transaction_sql(
            pg,
            "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY",
        ),
        DbConnection::Sqlite(sqlite) => {
            diesel::connection::AnsiTransactionManager::begin_transaction_sql(sqlite, "BEGIN")
        }
    };
    begun.map_err(|e| E::from(StorageError::from(e)))?;
    match work(conn) {
        Ok(value) => {
            <DbConnection as Connection>::TransactionManager::commit_transaction(conn)
                .map_err(|e| E::from(StorageError::from(e)))?;
            Ok(value)
        }
        Err(error) => {
            // A failed rollback marks the connection broken; the pool drops it.
            let _ = <DbConnection as Connection>::TransactionManager::rollback_transaction(conn);
            Err(error)
        }
    }
}

/// Runs one insert that a unique constraint may refuse because a concurrent
/// transaction did the same first. Inside a transaction it runs in a
/// savepoint, so on PostgreSQL the refusal does not abort the caller's
/// transaction. Returns false when the row already existed.
pub(crate) fn insert_unless_exists(
    conn: &mut DbConnection,
    insert: impl FnOnce(&mut DbConnection) -> Result<usize, DieselError>,
) -> StorageResult<bool> {
    match conn.transaction(insert) {
        Ok(_) => Ok(true),
        Err(DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _)) => Ok(false),
        Err(other) => Err(other.into()),
    }
}

/// Carries the caller's error through diesel's `transaction`, which needs
/// `From<diesel::result::Error>`.
enum TxError<E> {
    Work(E),
    Diesel(DieselError),
}

impl<E> From<DieselError> for TxError<E> {
    fn from(error: DieselError) -> Self {
        TxError::Diesel(error)
    }
}

impl<E: From<StorageError>> TxError<E> {
    fn into_inner(self) -> E {
        match self {
            TxError::Work(e) => e,
            TxError::Diesel(e) => E::from(StorageError::from(e)),
        }
    }
}
