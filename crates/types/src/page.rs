//! Lists: every list endpoint answers a [`Page`] and reads the same query
//! parameters (`limit`, `cursor`, `sort`, `q`, plus its own filters).

use serde::{Deserialize, Serialize};

/// One page of a list. Follow `next_cursor` (pass it as `cursor`) until it is
/// absent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Opaque; absent on the last page.
    pub next_cursor: Option<String>,
}

/// The default page size.
pub const DEFAULT_LIMIT: u32 = 50;
/// The largest page size; larger requests are capped to it.
pub const MAX_LIMIT: u32 = 200;
