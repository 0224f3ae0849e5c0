//! Repositories of the work modules: calendar, projects and time, tickets,
//! call records. Every function takes the tenant.

pub mod calendar;
pub mod calls;
pub mod projects;
pub mod tickets;

use uuid::Uuid;

use crate::convert::parse_uuid;
use crate::StorageResult;

pub(crate) fn opt_uuid(text: Option<String>) -> StorageResult<Option<Uuid>> {
    text.as_deref().map(parse_uuid).transpose()
}
