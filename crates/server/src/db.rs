//! Runs blocking database work off the async executor.
//!
//! A request sent with an `Idempotency-Key` runs in one database
//! transaction from its claim of the key to its stored answer
//! ([`crate::idempotency`]): the middleware opens it and puts it in
//! [`RequestTx`], and every [`AppState::read`] and [`AppState::write`] of
//! that request runs on it, each in a savepoint. So the request's effect and
//! its answer commit together, or (a crash, a 5xx) neither does.

use std::future::Future;
use std::sync::Arc;

use ecom_storage::{savepoint, write_transaction, DbConnection, PooledConnection};

use crate::error::ApiError;
use crate::state::AppState;

tokio::task_local! {
    static REQUEST_TX: RequestTx;
}

/// The open transaction of the request being served, if it has one.
#[derive(Clone)]
pub struct RequestTx(Arc<tokio::sync::Mutex<Option<PooledConnection>>>);

impl RequestTx {
    /// Wraps a connection on which a transaction is open.
    pub fn new(conn: PooledConnection) -> Self {
        Self(Arc::new(tokio::sync::Mutex::new(Some(conn))))
    }

    /// Runs `future` (the rest of the request) with this transaction as the
    /// one its reads and writes use.
    pub fn scope<F: Future>(&self, future: F) -> impl Future<Output = F::Output> {
        REQUEST_TX.scope(self.clone(), future)
    }

    /// Takes the connection back once the request is done; `None` when a
    /// step lost it (its blocking task failed), which ends the transaction.
    pub async fn into_connection(self) -> Option<PooledConnection> {
        self.0.lock().await.take()
    }

    fn current() -> Option<RequestTx> {
        REQUEST_TX.try_with(Clone::clone).ok()
    }

    /// Runs `work` in a savepoint of the request's transaction.
    async fn run<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
    {
        let mut slot = self.0.lock().await;
        let mut conn = slot.take().ok_or_else(|| {
            ApiError::Internal("the request's transaction was lost by an earlier step".into())
        })?;
        let (conn, result) = actix_web::web::block(move || {
            let result = savepoint(&mut conn, work);
            (conn, result)
        })
        .await?;
        *slot = Some(conn);
        result
    }
}

impl AppState {
    /// Runs `work` on a pooled connection on the blocking thread pool.
    pub async fn read<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
    {
        if let Some(tx) = RequestTx::current() {
            return tx.run(work).await;
        }
        let db = self.db.clone();
        actix_web::web::block(move || {
            let mut conn = db.get()?;
            work(&mut conn)
        })
        .await?
    }

    /// Runs `work` in one write transaction: all of it commits or none does.
    pub async fn write<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
    {
        if let Some(tx) = RequestTx::current() {
            return tx.run(work).await;
        }
        let db = self.db.clone();
        actix_web::web::block(move || {
            let mut conn = db.get()?;
            write_transaction(&mut conn, work)
        })
        .await?
    }
}
