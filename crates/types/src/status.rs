//! The public status page (terms art. 20): live health, availability per day
//! and announced maintenance; and the operator's maintenance announcements.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// `GET /api/v1/status`: the service's state now and over the last 90 days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceStatus {
    /// `operational`, `maintenance` (an announced window is in progress) or
    /// `degraded` (a component is down).
    pub status: String,
    /// When this answer was measured.
    pub checked_at: DateTime<Utc>,
    /// The API and the database, measured for this answer.
    pub components: Vec<ComponentStatus>,
    /// One entry per Brussels day, oldest first, ending today: 90 days.
    pub uptime: Vec<UptimeDay>,
    /// Maintenance in progress or announced, soonest first.
    pub maintenance: Vec<MaintenanceWindow>,
}

/// One component's live health.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ComponentStatus {
    /// `api` or `database`.
    pub name: String,
    /// `operational` or `down`.
    pub status: String,
    /// The round trip measured for this answer, in milliseconds: for the
    /// database a `SELECT 1`, for the API the time to build this answer.
    /// Absent when the component did not answer.
    pub latency_ms: Option<u64>,
}

/// A day's availability from the health samples the scheduler recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UptimeDay {
    /// The Brussels calendar day.
    pub day: NaiveDate,
    /// Samples taken that day; 0 when none were (no data, not downtime).
    pub samples: u64,
    /// Samples in which the API reached its database.
    pub healthy_samples: u64,
    /// Average database round trip of the healthy samples, in ms.
    pub average_latency_ms: Option<u64>,
}

/// An announced maintenance window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MaintenanceWindow {
    pub id: Uuid,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// What is done and what people will notice.
    pub description: String,
    pub announced_at: DateTime<Utc>,
    /// Set when the operator called the window off.
    #[serde(default)]
    pub cancelled_at: Option<DateTime<Utc>>,
}

/// `POST /api/v1/operator/maintenance`: announces a window to every Client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MaintenanceRequest {
    /// Must be in the future.
    pub starts_at: DateTime<Utc>,
    /// After `starts_at`, at most 7 days later.
    pub ends_at: DateTime<Utc>,
    /// 1 to 500 characters.
    pub description: String,
}

/// A window announced or cancelled, and how many Clients were told.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MaintenanceAnnounced {
    pub window: MaintenanceWindow,
    /// Administrators to whom a notice was queued.
    pub tenants_notified: u32,
}
