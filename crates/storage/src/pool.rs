//! Connections and the pool: the engine is chosen from the URL's scheme.

use std::time::Duration;

use diesel::pg::PgConnection;
use diesel::r2d2::{self, ManageConnection, R2D2Connection};
use diesel::sqlite::SqliteConnection;
use diesel::{Connection, RunQueryDsl};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

use crate::{StorageError, StorageResult};

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../../migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../../migrations/postgres");

/// A connection to either engine; queries are written once against it.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Pg(PgConnection),
    Sqlite(SqliteConnection),
}

/// Which database engine a URL selects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Backend {
    /// A SQLite file at this path.
    Sqlite(String),
    /// A PostgreSQL URL, passed to libpq as given.
    Postgres(String),
}

impl Backend {
    /// `postgres://` or `postgresql://` selects PostgreSQL; `sqlite://PATH`,
    /// `sqlite:PATH` or a plain file path selects SQLite.
    pub fn from_url(url: &str) -> StorageResult<Self> {
        let url = url.trim();
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(Backend::Postgres(url.to_owned()));
        }
        let path = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
            .unwrap_or(url);
        if path.is_empty() || path == ":memory:" || path.contains("://") {
            return Err(StorageError::Unavailable(format!(
                "unsupported database URL {url:?}: use postgres://... or sqlite://path/to/file.db"
            )));
        }
        Ok(Backend::Sqlite(path.to_owned()))
    }

    pub fn name(&self) -> &'static str {
        match self {
            Backend::Sqlite(_) => "sqlite",
            Backend::Postgres(_) => "postgres",
        }
    }
}

/// Makes connections for the pool and prepares each SQLite connection.
#[derive(Debug, Clone)]
pub struct Manager {
    backend: Backend,
    busy_timeout: Duration,
}

impl ManageConnection for Manager {
    type Connection = DbConnection;
    type Error = r2d2::Error;

    fn connect(&self) -> Result<DbConnection, r2d2::Error> {
        match &self.backend {
            Backend::Postgres(url) => PgConnection::establish(url)
                .map(DbConnection::Pg)
                .map_err(r2d2::Error::ConnectionError),
            Backend::Sqlite(path) => {
                let mut conn =
                    SqliteConnection::establish(path).map_err(r2d2::Error::ConnectionError)?;
                // WAL lets readers proceed during a write; NORMAL syncs at
                // checkpoints, safe against corruption in WAL mode.
                let pragmas = format!(
                    "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = {};",
                    self.busy_timeout.as_millis()
                );
                diesel::connection::SimpleConnection::batch_execute(&mut conn, &pragmas)
                    .map_err(r2d2::Error::QueryError)?;
                Ok(DbConnection::Sqlite(conn))
            }
        }
    }

    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), r2d2::Error> {
        conn.ping().map_err(r2d2::Error::QueryError)
    }

    fn has_broken(&self, conn: &mut DbConnection) -> bool {
        conn.is_broken()
    }
}

/// Pool sizes and time-outs.
#[derive(Debug, Clone)]
pub struct PoolSettings {
    pub max_connections: u32,
    pub connect_timeout: Duration,
    /// SQLite: how long a writer waits for the lock before failing.
    pub busy_timeout: Duration,
}

impl Default for PoolSettings {
    fn default() -> Self {
        Self {
            max_connections: 16,
            connect_timeout: Duration::from_secs(5),
            busy_timeout: Duration::from_secs(10),
        }
    }
}

/// The connection pool.
#[derive(Clone)]
pub struct Database {
    pool: r2d2::Pool<Manager>,
    backend: Backend,
}

impl std::fmt::Debug for Database {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Database")
            .field("backend", &self.backend.name())
            .finish()
    }
}

impl Database {
    /// Opens the pool (creating a SQLite file's folder if needed) and runs
    /// pending migrations.
    pub fn connect(url: &str, settings: &PoolSettings) -> StorageResult<Self> {
        let backend = Backend::from_url(url)?;
        if let Backend::Sqlite(path) = &backend {
            if let Some(dir) = std::path::Path::new(path)
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
            {
                std::fs::create_dir_all(dir).map_err(|e| {
                    StorageError::Unavailable(format!("cannot create {}: {e}", dir.display()))
                })?;
            }
        }
        let manager = Manager {
            backend: backend.clone(),
            busy_timeout: settings.busy_timeout,
        };
        // Migrate on one connection before the pool opens more.
        let mut first = manager
            .connect()
            .map_err(|e| StorageError::Unavailable(e.to_string()))?;
        run_migrations(&mut first)?;
        drop(first);
        let pool = r2d2::Pool::builder()
            .max_size(settings.max_connections)
            .connection_timeout(settings.connect_timeout)
            .build(manager)
            .map_err(|e| StorageError::Unavailable(e.to_string()))?;
        Ok(Self { pool, backend })
    }

    /// A connection from the pool. Blocking: call it off the async executor.
    pub fn get(&self) -> StorageResult<PooledConnection> {
        self.pool
            .get()
            .map_err(|e| StorageError::Unavailable(e.to_string()))
    }

    pub fn backend(&self) -> &Backend {
        &self.backend
    }

    /// Whether the database answers a trivial query.
    pub fn ping(&self) -> bool {
        self.get()
            .is_ok_and(|mut conn| diesel::sql_query("SELECT 1").execute(&mut *conn).is_ok())
    }
}

fn run_migrations(conn: &mut DbConnection) -> StorageResult<()> {
    let result = match conn {
        DbConnection::Pg(c) => c.run_pending_migrations(POSTGRES_MIGRATIONS).map(|_| ()),
        DbConnection::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS).map(|_| ()),
    };
    result.map_err(|e| StorageError::Migration(e.to_string()))
}

/// A connection borrowed from the pool; derefs to [`DbConnection`].
pub type PooledConnection = r2d2::PooledConnection<Manager>;

impl crate::StorageError {
    /// Whether PostgreSQL aborted the transaction in favour of a concurrent
    /// one: a serialization failure (SQLSTATE 40001, which diesel names) or
    /// a deadlock (40P01, which diesel reports only by its message). Nothing
    /// was written; the same work can be tried again.
    pub fn is_contention(&self) -> bool {
        use diesel::result::{DatabaseErrorKind, Error};
        match self {
            crate::StorageError::Database(Error::DatabaseError(
                DatabaseErrorKind::SerializationFailure,
                _,
            )) => true,
            crate::StorageError::Database(Error::DatabaseError(_, info)) => {
                // SQLite: the write lock was not had within the busy timeout.
                info.message().starts_with("deadlock detected")
                    || info.message().contains("database is locked")
            }
            _ => false,
        }
    }
}
