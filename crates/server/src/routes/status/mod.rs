//! The public status page's API (terms art. 20) and the operator's
//! maintenance announcements.

pub mod announce;
pub mod cancel;
pub mod get;

use ecom_storage::status::MaintenanceWindow as Stored;
use ecom_types::status::MaintenanceWindow;

/// A stored window as the API shows it (never who announced it).
pub(crate) fn view(window: &Stored) -> MaintenanceWindow {
    MaintenanceWindow {
        id: window.id,
        starts_at: window.starts_at,
        ends_at: window.ends_at,
        description: window.description.clone(),
        announced_at: window.announced_at,
        cancelled_at: window.cancelled_at,
    }
}
