//! Typed identifiers: a tenant id cannot be passed where a user id is expected.

use serde::{Deserialize, Serialize};
use std::fmt;
use uuid::Uuid;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            pub fn as_uuid(&self) -> Uuid {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl From<Uuid> for $name {
            fn from(value: Uuid) -> Self {
                Self(value)
            }
        }
    };
}

id_type!(
    /// A tenant: a Client company and everything it owns.
    TenantId
);
id_type!(
    /// A person's account inside a tenant.
    UserId
);
id_type!(
    /// An Ecom staff account.
    OperatorId
);
id_type!(
    /// A log-in session (one chain of refresh tokens).
    SessionId
);
id_type!(
    /// An API key.
    ApiKeyId
);
id_type!(
    /// A company among the tenant's customers and prospects (CRM).
    CompanyId
);
id_type!(
    /// A person among the tenant's customers and prospects (CRM).
    ContactId
);
id_type!(
    /// A sales opportunity in the pipeline (CRM).
    DealId
);
