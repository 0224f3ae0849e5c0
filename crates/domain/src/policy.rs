//! The operator's versioned policy documents, accepted at registration and
//! announced again when they change (SPEC §4 "Policies").

use serde::{Deserialize, Serialize};

/// A policy document a person accepts or is told about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PolicyKind {
    /// The general terms and conditions.
    Terms,
    /// The privacy statement.
    Privacy,
    /// The data processing agreement (the operator processes the tenant's customer data).
    DataProcessing,
    /// The cookie policy.
    Cookies,
}

impl PolicyKind {
    pub const ALL: [PolicyKind; 4] = [
        PolicyKind::Terms,
        PolicyKind::Privacy,
        PolicyKind::DataProcessing,
        PolicyKind::Cookies,
    ];

    /// The documents a Client accepts when registering (SPEC §1).
    pub const ACCEPTED_AT_SIGNUP: [PolicyKind; 3] = [
        PolicyKind::Terms,
        PolicyKind::Privacy,
        PolicyKind::DataProcessing,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PolicyKind::Terms => "terms",
            PolicyKind::Privacy => "privacy",
            PolicyKind::DataProcessing => "data_processing",
            PolicyKind::Cookies => "cookies",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == raw)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for kind in PolicyKind::ALL {
            assert_eq!(PolicyKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(PolicyKind::parse("dpa"), None);
    }
}
