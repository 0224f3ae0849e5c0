//! Accounts: who may log in, with what, and when they are locked out.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A parse failure of a user-supplied value, with a message a person can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct InvalidInput {
    /// Stable machine-readable reason, e.g. `too_short`.
    pub code: &'static str,
    /// What was wrong and what to do about it.
    pub message: String,
}

impl InvalidInput {
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }
}

/// An e-mail address, trimmed and lower-cased, checked for a plausible shape.
///
/// Deliverability is only proven by sending mail; this rejects what can never work.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct EmailAddress(String);

impl EmailAddress {
    pub fn parse(raw: &str) -> Result<Self, InvalidInput> {
        let email = raw.trim().to_lowercase();
        let invalid = |why: &str| {
            InvalidInput::new(
                "invalid_email",
                format!("'{}' is not a valid e-mail address: {why}", raw.trim()),
            )
        };
        if email.is_empty() {
            return Err(InvalidInput::new(
                "required",
                "an e-mail address is required",
            ));
        }
        if email.len() > 254 {
            return Err(invalid("it is longer than 254 characters"));
        }
        let Some((local, domain)) = email.rsplit_once('@') else {
            return Err(invalid("it has no '@'"));
        };
        if local.is_empty() || local.len() > 64 {
            return Err(invalid("the part before '@' must be 1 to 64 characters"));
        }
        if email.chars().any(|c| c.is_whitespace() || c.is_control()) || local.contains('@') {
            return Err(invalid("it contains spaces or more than one '@'"));
        }
        let labels: Vec<&str> = domain.split('.').collect();
        if labels.len() < 2
            || labels
                .iter()
                .any(|l| l.is_empty() || l.len() > 63 || l.starts_with('-') || l.ends_with('-'))
            || !domain
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '.')
        {
            return Err(invalid("the domain after '@' must look like example.com"));
        }
        Ok(Self(email))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for EmailAddress {
    type Error = InvalidInput;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<EmailAddress> for String {
    fn from(value: EmailAddress) -> Self {
        value.0
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A first or last name, a function title or a company name: trimmed, not
/// empty, at most `max` characters, no control characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonName(String);

impl PersonName {
    pub const MAX_CHARS: usize = 100;

    pub fn parse(raw: &str, what: &str) -> Result<Self, InvalidInput> {
        parse_text(raw, what, Self::MAX_CHARS).map(Self)
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

/// Trims `raw` and checks it is a non-empty single line of at most `max` characters.
pub fn parse_text(raw: &str, what: &str, max: usize) -> Result<String, InvalidInput> {
    let text = raw.trim();
    if text.is_empty() {
        return Err(InvalidInput::new("required", format!("{what} is required")));
    }
    if text.chars().count() > max {
        return Err(InvalidInput::new(
            "too_long",
            format!("{what} must be at most {max} characters"),
        ));
    }
    if text.chars().any(char::is_control) {
        return Err(InvalidInput::new(
            "invalid_characters",
            format!("{what} must be a single line without control characters"),
        ));
    }
    Ok(text.to_owned())
}

/// A phone number as people type it: digits with an optional leading `+` and
/// spaces, dots, dashes, slashes or parentheses between them.
pub fn parse_phone(raw: &str) -> Result<String, InvalidInput> {
    let phone = raw.trim();
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    let allowed = phone
        .char_indices()
        .all(|(i, c)| c.is_ascii_digit() || " .-/()".contains(c) || (c == '+' && i == 0));
    if phone.is_empty() {
        return Err(InvalidInput::new("required", "a phone number is required"));
    }
    if !allowed || !(6..=15).contains(&digits) {
        return Err(InvalidInput::new(
            "invalid_phone",
            "a phone number has 6 to 15 digits, optionally starting with + and the country code (e.g. +32 9 123 45 67)",
        ));
    }
    Ok(phone.to_owned())
}

/// A new password, checked against the policy before it is hashed.
///
/// Length is what makes a password strong (NIST SP 800-63B); no composition rules.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl Password {
    pub const MIN_CHARS: usize = 10;
    pub const MAX_CHARS: usize = 128;

    pub fn parse(raw: &str) -> Result<Self, InvalidInput> {
        let chars = raw.chars().count();
        if chars < Self::MIN_CHARS {
            return Err(InvalidInput::new(
                "too_short",
                format!("a password needs at least {} characters; a few unrelated words make a strong one", Self::MIN_CHARS),
            ));
        }
        if chars > Self::MAX_CHARS {
            return Err(InvalidInput::new(
                "too_long",
                format!("a password may have at most {} characters", Self::MAX_CHARS),
            ));
        }
        if raw.trim().is_empty() {
            return Err(InvalidInput::new(
                "too_weak",
                "a password cannot be only spaces",
            ));
        }
        let first = raw.chars().next();
        if raw.chars().all(|c| Some(c) == first) {
            return Err(InvalidInput::new(
                "too_weak",
                "a password cannot repeat one character",
            ));
        }
        Ok(Self(raw.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(***)")
    }
}

/// What a person may do inside a tenant (SPEC "Actors").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The one person per tenant who manages users, API keys, billing and termination.
    Administrator,
    /// An extra seat: uses the modules, manages nothing.
    User,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Administrator => "administrator",
            Role::User => "user",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "administrator" => Some(Role::Administrator),
            "user" => Some(Role::User),
            _ => None,
        }
    }

    /// Users, API keys, billing and termination are the Administrator's alone.
    pub fn may_administer(self) -> bool {
        self == Role::Administrator
    }
}

/// Lock-out after repeated failed log-ins: `max_failures` wrong passwords in a
/// row lock the account for `lock_for`; a success resets the count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoginLockout {
    pub max_failures: u32,
    pub lock_for: Duration,
}

impl Default for LoginLockout {
    fn default() -> Self {
        Self {
            max_failures: 5,
            lock_for: Duration::minutes(15),
        }
    }
}

/// The account's failure state after one more wrong password.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FailureState {
    pub failed_count: u32,
    pub locked_until: Option<DateTime<Utc>>,
}

impl LoginLockout {
    /// Whether a log-in attempt at `now` is refused without checking the password.
    pub fn is_locked(&self, locked_until: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
        locked_until.is_some_and(|until| now < until)
    }

    /// Records one more wrong password. Reaching the limit locks the account
    /// and starts a new count, so the next lock needs as many new failures.
    pub fn after_failure(&self, failed_count: u32, now: DateTime<Utc>) -> FailureState {
        let count = failed_count.saturating_add(1);
        if count >= self.max_failures {
            FailureState {
                failed_count: 0,
                locked_until: Some(now + self.lock_for),
            }
        } else {
            FailureState {
                failed_count: count,
                locked_until: None,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn email_is_normalised_and_checked() {
        assert_eq!(
            EmailAddress::parse("  An.Peeters@Example.BE ")
                .unwrap()
                .as_str(),
            "an.peeters@example.be"
        );
        for bad in [
            "",
            "no-at-sign",
            "@example.com",
            "a@b",
            "a b@example.com",
            "a@-x.com",
            "a@@example.com",
            "a@example..com",
        ] {
            assert!(EmailAddress::parse(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn password_policy_edges() {
        assert_eq!(Password::parse("123456789").unwrap_err().code, "too_short");
        assert!(Password::parse("1234567890").is_ok());
        assert_eq!(
            Password::parse("aaaaaaaaaaaa").unwrap_err().code,
            "too_weak"
        );
        assert_eq!(
            Password::parse(&"ab".repeat(65)).unwrap_err().code,
            "too_long"
        );
        assert_eq!(
            format!("{:?}", Password::parse("correct horse").unwrap()),
            "Password(***)"
        );
    }

    #[test]
    fn phone_numbers() {
        assert!(parse_phone("+32 9 123 45 67").is_ok());
        assert!(parse_phone("09/123.45.67").is_ok());
        assert!(parse_phone("12345").is_err());
        assert!(parse_phone("32+9123456").is_err());
        assert!(parse_phone("call me").is_err());
    }

    #[test]
    fn lockout_after_fifth_failure_for_fifteen_minutes() {
        let rule = LoginLockout::default();
        let now = Utc.with_ymd_and_hms(2026, 11, 22, 10, 0, 0).unwrap();
        let mut count = 0;
        for _ in 0..4 {
            let state = rule.after_failure(count, now);
            assert_eq!(state.locked_until, None);
            count = state.failed_count;
        }
        let state = rule.after_failure(count, now);
        let until = state.locked_until.unwrap();
        assert_eq!(until, now + Duration::minutes(15));
        assert!(rule.is_locked(Some(until), until - Duration::seconds(1)));
        assert!(!rule.is_locked(Some(until), until));
        assert!(!rule.is_locked(None, now));
    }

    #[test]
    fn only_the_administrator_administers() {
        assert!(Role::Administrator.may_administer());
        assert!(!Role::User.may_administer());
        assert_eq!(Role::parse(Role::User.as_str()), Some(Role::User));
        assert_eq!(Role::parse("operator"), None);
    }
}
