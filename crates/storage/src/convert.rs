//! Conversions at the storage edge: UUIDs are stored as text, times as UTC
//! timestamps without zone.

use chrono::{DateTime, NaiveDateTime, Utc};
use uuid::Uuid;

use crate::StorageError;

pub(crate) fn id_text(id: Uuid) -> String {
    id.hyphenated().to_string()
}

pub(crate) fn parse_uuid(text: &str) -> Result<Uuid, StorageError> {
    Uuid::parse_str(text).map_err(|e| StorageError::Corrupt(format!("bad uuid {text:?}: {e}")))
}

pub(crate) fn to_db(time: DateTime<Utc>) -> NaiveDateTime {
    time.naive_utc()
}

pub(crate) fn from_db(time: NaiveDateTime) -> DateTime<Utc> {
    time.and_utc()
}

pub(crate) fn from_db_opt(time: Option<NaiveDateTime>) -> Option<DateTime<Utc>> {
    time.map(from_db)
}
