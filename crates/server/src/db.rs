//! Runs blocking database work off the async executor.

use ecom_storage::{write_transaction, DbConnection};

use crate::error::ApiError;
use crate::state::AppState;

impl AppState {
    /// Runs `work` on a pooled connection on the blocking thread pool.
    pub async fn read<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
    {
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
        let db = self.db.clone();
        actix_web::web::block(move || {
            let mut conn = db.get()?;
            write_transaction(&mut conn, work)
        })
        .await?
    }
}
