//! The tenant's contract: view, order, cancel, report a non-conformity,
//! change seats and modules.

pub mod cancel;
pub mod changes;
pub mod get;
pub mod nonconformity;
pub mod order;

use chrono::{DateTime, Utc};
use ecom_domain::contract::TransitionRefused;
use ecom_domain::TenantId;
use ecom_storage::{timeline, DbConnection};

use crate::error::ApiError;

/// Writes an event to the tenant's timeline.
pub(crate) fn record(
    conn: &mut DbConnection,
    tenant: TenantId,
    now: DateTime<Utc>,
    kind: &str,
    summary: &str,
) -> Result<(), ApiError> {
    timeline::record(conn, tenant, now, kind, summary, None)?;
    Ok(())
}

/// A refused transition as a problem.
pub fn refused(error: TransitionRefused) -> ApiError {
    match error {
        TransitionRefused::NotAllowed { from, action } => ApiError::Conflict {
            code: "contract_state_conflict",
            detail: format!("the contract is {from}, so it cannot be {action}"),
            field: None,
        },
        TransitionRefused::TooEarly {
            action,
            allowed_from,
        } => ApiError::Rule {
            code: "too_early",
            detail: format!(
                "the contract cannot be {action} before {}",
                ecom_domain::calendar::belgian_time_label(allowed_from)
            ),
        },
        TransitionRefused::Cancellation(refused) => ApiError::Rule {
            code: "cancellation_deadline_passed",
            detail: refused.to_string(),
        },
        TransitionRefused::OperatorTermination(refused) => ApiError::Rule {
            code: "termination_not_allowed_yet",
            detail: refused.to_string(),
        },
    }
}
