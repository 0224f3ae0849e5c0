//! API key scopes: what a key may do, as a small copyable set.
//!
//! The names are in [`ecom_types::auth::API_KEY_SCOPES`] (shared with the
//! SPA's picker). `<area>:write` includes `<area>:read`; `*` is full access.
//! A key never does more than its creator's role allows: the role check
//! (Administrator-only endpoints) runs on the creator's *current* role.

use ecom_domain::contract::Module;
use ecom_types::auth::{API_KEY_SCOPES, FULL_ACCESS_SCOPE};

use crate::access::Access;

/// A set of scopes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Scopes(u32);

fn index_of(name: &str) -> Option<usize> {
    API_KEY_SCOPES.iter().position(|(n, _)| *n == name)
}

impl Scopes {
    /// Everything (`*`).
    pub const FULL: Scopes = Scopes(u32::MAX);

    /// Parses stored or requested scope names; the first unknown name is the error.
    pub fn parse<S: AsRef<str>>(names: &[S]) -> Result<Scopes, String> {
        let mut bits = 0u32;
        for name in names {
            let name = name.as_ref();
            if name == FULL_ACCESS_SCOPE {
                return Ok(Scopes::FULL);
            }
            let index = index_of(name).ok_or_else(|| name.to_owned())?;
            bits |= 1 << index;
        }
        Ok(Scopes(bits))
    }

    pub fn is_full(self) -> bool {
        self == Scopes::FULL
    }

    /// Whether the set allows `scope` (a name from the list; write implies read).
    pub fn allows(self, scope: &str) -> bool {
        if self.is_full() {
            return true;
        }
        let has = |name: &str| index_of(name).is_some_and(|i| self.0 & (1 << i) != 0);
        has(scope)
            || scope
                .strip_suffix(":read")
                .is_some_and(|area| has(&format!("{area}:write")))
    }

    /// Whether every scope of `other` is allowed by this set: a key may
    /// only mint (create or rotate) keys within its own scopes, and `*`
    /// only from `*`.
    pub fn covers(self, other: Scopes) -> bool {
        if self.is_full() {
            return true;
        }
        if other.is_full() {
            return false;
        }
        API_KEY_SCOPES
            .iter()
            .enumerate()
            .filter(|(i, _)| other.0 & (1 << i) != 0)
            .all(|(_, (name, _))| self.allows(name))
    }

    /// The scope names, in the list's order (`*` alone for full access).
    pub fn names(self) -> Vec<&'static str> {
        if self.is_full() {
            return vec![FULL_ACCESS_SCOPE];
        }
        API_KEY_SCOPES
            .iter()
            .enumerate()
            .filter(|(i, _)| self.0 & (1 << i) != 0)
            .map(|(_, (name, _))| *name)
            .collect()
    }

    /// The scope name a module endpoint needs; `None` for the API module itself.
    pub fn for_module(module: Module, access: Access) -> Option<String> {
        if module == Module::Api {
            return None;
        }
        let verb = match access {
            Access::Read => "read",
            Access::Write => "write",
        };
        Some(format!("{}:{verb}", module.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_includes_read_and_star_is_everything() {
        let s = Scopes::parse(&["crm:write", "billing:read"]).unwrap();
        assert!(s.allows("crm:read") && s.allows("crm:write") && s.allows("billing:read"));
        assert!(!s.allows("billing:write") && !s.allows("admin") && !s.allows("calendar:read"));
        assert!(Scopes::parse(&["*"]).unwrap().allows("admin"));
        assert_eq!(Scopes::parse(&["crm:delete"]), Err("crm:delete".into()));
        assert!(!Scopes::parse::<&str>(&[]).unwrap().allows("crm:read"));
        for (name, _) in API_KEY_SCOPES {
            assert!(Scopes::parse(&[*name]).unwrap().allows(name), "{name}");
        }
        assert_eq!(
            Scopes::for_module(Module::Crm, Access::Write).as_deref(),
            Some("crm:write")
        );
        assert_eq!(Scopes::for_module(Module::Api, Access::Read), None);
    }

    #[test]
    fn a_set_covers_only_what_it_allows() {
        let parse = |names: &[&str]| Scopes::parse(names).unwrap();
        let full = Scopes::FULL;
        assert!(full.covers(full) && full.covers(parse(&["admin"])));
        assert!(!parse(&["admin"]).covers(full));
        assert!(parse(&["crm:write"]).covers(parse(&["crm:read", "crm:write"])));
        assert!(!parse(&["crm:read"]).covers(parse(&["crm:write"])));
        assert!(!parse(&["admin", "crm:read"]).covers(parse(&["crm:read", "billing:read"])));
        assert!(parse(&["admin"]).covers(parse(&[])));
        assert_eq!(
            parse(&["billing:read", "crm:write"]).names(),
            ["crm:write", "billing:read"]
        );
        assert_eq!(full.names(), ["*"]);
    }
}
