//! Consent rules (SPEC §4): marketing lists and how consent to them was
//! given, the cookie categories of the cookie policy, and what is kept of a
//! person after an opt-out (a keyed hash of a normalised address).

use serde::{Deserialize, Serialize};

/// A marketing list a person may consent to (SPEC §4 "per-list consent").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MarketingList {
    Onboarding,
    ProductUpdates,
    Newsletter,
    Events,
}

impl MarketingList {
    pub const ALL: [MarketingList; 4] = [
        MarketingList::Onboarding,
        MarketingList::ProductUpdates,
        MarketingList::Newsletter,
        MarketingList::Events,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MarketingList::Onboarding => "onboarding",
            MarketingList::ProductUpdates => "product_updates",
            MarketingList::Newsletter => "newsletter",
            MarketingList::Events => "events",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.as_str() == raw)
    }
}

/// How a consent (or its withdrawal) reached us.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsentSource {
    /// Ticked on the registration form.
    SignupForm,
    /// Changed by the person in the privacy centre.
    PrivacyCentre,
    /// Recorded by the operator because the person asked (by mail, phone).
    OperatorOnRequest,
    /// Brought in from another system, with the consent proof kept there.
    Import,
    /// The one-click unsubscribe link of a marketing message.
    UnsubscribeLink,
}

impl ConsentSource {
    pub const ALL: [ConsentSource; 5] = [
        ConsentSource::SignupForm,
        ConsentSource::PrivacyCentre,
        ConsentSource::OperatorOnRequest,
        ConsentSource::Import,
        ConsentSource::UnsubscribeLink,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ConsentSource::SignupForm => "signup_form",
            ConsentSource::PrivacyCentre => "privacy_centre",
            ConsentSource::OperatorOnRequest => "operator_on_request",
            ConsentSource::Import => "import",
            ConsentSource::UnsubscribeLink => "unsubscribe_link",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw)
    }
}

/// The cookie categories of the cookie policy (section 2). Strictly
/// necessary cookies need no consent; the other four do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CookieCategory {
    StrictlyNecessary,
    /// Preferences such as the language.
    Functionality,
    /// Persistent cookies that survive the session (at most one year).
    Tracking,
    /// Usage analytics.
    Performance,
    /// Cookies of embedded third-party content.
    ThirdParty,
}

impl CookieCategory {
    pub const ALL: [CookieCategory; 5] = [
        CookieCategory::StrictlyNecessary,
        CookieCategory::Functionality,
        CookieCategory::Tracking,
        CookieCategory::Performance,
        CookieCategory::ThirdParty,
    ];
    /// The categories a person chooses (all but the strictly necessary).
    pub const OPTIONAL: [CookieCategory; 4] = [
        CookieCategory::Functionality,
        CookieCategory::Tracking,
        CookieCategory::Performance,
        CookieCategory::ThirdParty,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CookieCategory::StrictlyNecessary => "strictly_necessary",
            CookieCategory::Functionality => "functionality",
            CookieCategory::Tracking => "tracking",
            CookieCategory::Performance => "performance",
            CookieCategory::ThirdParty => "third_party",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == raw)
    }
}

/// Cookie policy, "tracking cookies": a persistent cookie lives at most one year.
pub const MAX_COOKIE_AGE_DAYS: i64 = 365;

/// The Max-Age (seconds) to give a persistent cookie that should live
/// `wanted_days`: never more than one year.
pub fn cookie_max_age_secs(wanted_days: i64) -> i64 {
    wanted_days.clamp(0, MAX_COOKIE_AGE_DAYS) * 24 * 3600
}

/// Whether a stored cookie choice still holds: it was given under the cookie
/// policy version in force; otherwise the person is asked again (SPEC §4).
pub fn cookie_choice_current(choice_version: Option<&str>, policy_version: &str) -> bool {
    choice_version == Some(policy_version)
}

/// An e-mail address as it is hashed for the suppression list: trimmed and
/// lower-cased, so `Jan@X.be ` and `jan@x.be` are the same person.
pub fn normalise_email(raw: &str) -> String {
    raw.trim().to_lowercase()
}

/// A phone number as it is hashed for the "call me no more" list: digits
/// only, a leading `00` or `+` as the international prefix, and a Belgian
/// national number (leading `0`) in international form, so `+32 9 123 45 67`,
/// `0032 9/123.45.67` and `09 123 45 67` are one number. `None` when fewer
/// than 6 digits remain.
pub fn normalise_phone(raw: &str) -> Option<String> {
    let trimmed = raw.trim();
    let international = trimmed.starts_with('+');
    let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
    let number = if international {
        digits
    } else if let Some(rest) = digits.strip_prefix("00") {
        rest.to_owned()
    } else if let Some(rest) = digits.strip_prefix('0') {
        format!("32{rest}")
    } else {
        digits
    };
    (number.len() >= 6).then(|| format!("+{number}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for list in MarketingList::ALL {
            assert_eq!(MarketingList::parse(list.as_str()), Some(list));
        }
        for source in ConsentSource::ALL {
            assert_eq!(ConsentSource::parse(source.as_str()), Some(source));
        }
        for category in CookieCategory::ALL {
            assert_eq!(CookieCategory::parse(category.as_str()), Some(category));
        }
        assert_eq!(MarketingList::parse("spam"), None);
        assert_eq!(CookieCategory::OPTIONAL.len(), 4);
    }

    #[test]
    fn cookies_never_live_longer_than_a_year() {
        assert_eq!(cookie_max_age_secs(365), 365 * 86_400);
        assert_eq!(cookie_max_age_secs(400), 365 * 86_400);
        assert_eq!(cookie_max_age_secs(30), 30 * 86_400);
        assert_eq!(cookie_max_age_secs(-1), 0);
    }

    #[test]
    fn a_new_cookie_policy_asks_again() {
        assert!(cookie_choice_current(Some("2026-01"), "2026-01"));
        assert!(!cookie_choice_current(Some("2026-01"), "2027-01"));
        assert!(!cookie_choice_current(None, "2026-01"));
    }

    #[test]
    fn addresses_are_normalised_before_hashing() {
        assert_eq!(normalise_email("  Jan@Bakkerij.BE "), "jan@bakkerij.be");
        let forms = ["+32 9 123 45 67", "0032 9/123.45.67", "09 123 45 67"];
        for form in forms {
            assert_eq!(
                normalise_phone(form).as_deref(),
                Some("+3291234567"),
                "{form}"
            );
        }
        assert_eq!(normalise_phone("12"), None);
    }
}
