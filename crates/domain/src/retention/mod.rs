//! Retention of the personal data Ecom holds as controller (SPEC §4, privacy
//! statement "Your privacy profile"), and the data-subject requests
//! ([`requests`]).
//!
//! The schedule is DATA: [`RetentionSchedule::rules`] lists, per privacy
//! profile, what is kept, for how long and from which event. The functions
//! here read that data and a person's [`Relationship`] (derived by the caller
//! from users, tenants, trials and contracts as stored) and say, at `now`,
//! whether marketing may use the data and from when it must be erased.
//!
//! Counting: a period of N days or N years runs from the Brussels calendar
//! day of the event, like the contract code counts (a change notice of 1 March
//! gives a right until the end of 31 March). The data is kept through the end
//! of the Brussels day N days (or N calendar years) after the event's day and
//! erased from the next Brussels midnight: deactivated on 1 March at any hour
//! → kept through 31 March (day 30), erased from 1 April 00:00 (day 31).
//! N years after 29 February falls on 28 February (a year without 29 February
//! is not lengthened: the limits are maxima).

pub mod requests;

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::calendar::{belgian_date, end_of_belgian_day, start_of_belgian_day};

/// Default years invoices are kept: Belgian law requires 10 years from
/// 1 January after the invoice date (the privacy statement's "7 years and
/// sometimes longer" predates it; SPEC §4 departs from the seed here).
pub const DEFAULT_INVOICE_RETENTION_YEARS: u32 = 10;
/// Days after deactivation an ex-customer's personal data is erased.
pub const EX_CUSTOMER_ERASURE_DAYS: u32 = 30;
/// Years after the trial ended a trial user's data is erased.
pub const TRIAL_USER_RETENTION_YEARS: u32 = 2;
/// Years without interaction after which a prospect's contact details are erased.
pub const PROSPECT_RETENTION_YEARS: u32 = 2;

/// A privacy profile of the privacy statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Profile {
    /// A prospect or marketing contact: never registered.
    Prospect,
    /// Registered a free trial and never became a customer.
    TrialUser,
    /// A person of a tenant with a running contract.
    ActiveCustomer,
    /// A person of a tenant whose contract ended (or whose own account was deactivated).
    ExCustomer,
}

impl Profile {
    pub fn as_str(self) -> &'static str {
        match self {
            Profile::Prospect => "prospect",
            Profile::TrialUser => "trial_user",
            Profile::ActiveCustomer => "active_customer",
            Profile::ExCustomer => "ex_customer",
        }
    }
}

/// A kind of data held about a person (or their company).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DataCategory {
    ContactDetails,
    InterestNotes,
    Identity,
    FunctionAndCompany,
    Addresses,
    UsageData,
    /// Log-in e-mail and the password hash.
    Login,
    /// Country/region derived from the IP address (never the address itself).
    IpCountryRegion,
    CommunicationPreferences,
    MarketingListMemberships,
    /// Name, address, VAT number of the company (not personal data of a person).
    GeneralCompanyData,
    ChurnReason,
    /// Invoices, with the personal data printed on them (legal hold).
    Invoices,
    /// Counts and pseudonymised analytics: no longer personal data.
    AggregatesAndPseudonymisedAnalytics,
}

/// The event a retention period runs from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Anchor {
    /// The last interaction with a prospect.
    LastInteraction,
    /// The end of the free trial.
    TrialEnd,
    /// The deactivation of the account(s).
    Deactivation,
    /// 1 January of the year after the invoice date.
    FirstJanuaryAfterInvoiceDate,
    /// Kept while the relationship lasts.
    WhileCustomer,
}

/// How long data is kept after its anchor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "unit", content = "count")]
pub enum Period {
    Days(u32),
    Years(u32),
    /// While the relationship lasts (then another profile's rule applies).
    WhileTheRelationshipLasts,
    /// Not personal data any more: kept.
    Indefinitely,
}

/// What happens when the period is over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Then {
    /// Gone from the database (overwritten or removed).
    Erase,
    /// Personal data on the record overwritten, the record kept (invoices after the legal period).
    RedactPersonalData,
    /// Nothing: the data is not personal or the next profile takes over.
    Keep,
}

/// One line of the schedule: for `profile`, `keeps` are kept for `period`
/// from `from`, `then` ….
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetentionRule {
    pub profile: Profile,
    pub keeps: Vec<DataCategory>,
    pub period: Period,
    pub from: Anchor,
    pub then: Then,
    /// Where the rule comes from, in words.
    pub basis: &'static str,
}

/// The retention schedule with its one setting: the legal period of invoices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetentionSchedule {
    pub invoice_retention_years: u32,
}

impl Default for RetentionSchedule {
    fn default() -> Self {
        Self {
            invoice_retention_years: DEFAULT_INVOICE_RETENTION_YEARS,
        }
    }
}

impl RetentionSchedule {
    /// The schedule as data (SPEC §4 table), one rule per profile and kind of data.
    pub fn rules(&self) -> Vec<RetentionRule> {
        use DataCategory as D;
        vec![
            RetentionRule {
                profile: Profile::Prospect,
                keeps: vec![D::ContactDetails, D::InterestNotes],
                period: Period::Years(PROSPECT_RETENTION_YEARS),
                from: Anchor::LastInteraction,
                then: Then::Erase,
                basis: "privacy statement: contact details of prospects are not kept longer than two years; \"not interested\" stops contact for good",
            },
            RetentionRule {
                profile: Profile::TrialUser,
                keeps: vec![D::Identity, D::FunctionAndCompany, D::ContactDetails, D::Addresses, D::UsageData, D::Login, D::IpCountryRegion, D::CommunicationPreferences],
                period: Period::Years(TRIAL_USER_RETENTION_YEARS),
                from: Anchor::TrialEnd,
                then: Then::Erase,
                basis: "privacy statement \"free 15-day trial\": kept two years after the trial to prevent repeated free trials, then erased",
            },
            RetentionRule {
                profile: Profile::ActiveCustomer,
                keeps: vec![D::Identity, D::Addresses, D::UsageData, D::Login, D::IpCountryRegion, D::CommunicationPreferences, D::MarketingListMemberships],
                period: Period::WhileTheRelationshipLasts,
                from: Anchor::WhileCustomer,
                then: Then::Keep,
                basis: "privacy statement: kept while a customer",
            },
            RetentionRule {
                profile: Profile::ExCustomer,
                keeps: vec![D::MarketingListMemberships],
                period: Period::Days(0),
                from: Anchor::Deactivation,
                then: Then::Erase,
                basis: "privacy statement \"I used to be a customer\": removed from the marketing database at once",
            },
            RetentionRule {
                profile: Profile::ExCustomer,
                keeps: vec![D::Identity, D::ContactDetails, D::Addresses, D::UsageData, D::Login, D::IpCountryRegion, D::CommunicationPreferences],
                period: Period::Days(EX_CUSTOMER_ERASURE_DAYS),
                from: Anchor::Deactivation,
                then: Then::Erase,
                basis: "privacy statement: personal information erased thirty days after the account was deactivated",
            },
            RetentionRule {
                profile: Profile::ExCustomer,
                keeps: vec![D::GeneralCompanyData, D::ChurnReason],
                period: Period::Indefinitely,
                from: Anchor::Deactivation,
                then: Then::Keep,
                basis: "privacy statement: general company data and the reason the customer left are kept",
            },
            RetentionRule {
                profile: Profile::ExCustomer,
                keeps: vec![D::Invoices],
                period: Period::Years(self.invoice_retention_years),
                from: Anchor::FirstJanuaryAfterInvoiceDate,
                then: Then::RedactPersonalData,
                basis: "legal hold: Belgian accounting law, invoices kept 10 years from 1 January after the invoice date (configurable)",
            },
            RetentionRule {
                profile: Profile::ExCustomer,
                keeps: vec![D::AggregatesAndPseudonymisedAnalytics],
                period: Period::Indefinitely,
                from: Anchor::Deactivation,
                then: Then::Keep,
                basis: "privacy statement: anonymous data kept for user research and statistics",
            },
        ]
    }

    /// The first day on which an invoice dated `issue_date` is no longer
    /// under the legal hold: 1 January of the year after the invoice date,
    /// plus the legal period (dated 10 May 2026, 10 years → 1 January 2037).
    pub fn invoice_hold_ends_on(&self, issue_date: NaiveDate) -> NaiveDate {
        let year = issue_date
            .year()
            .saturating_add(1)
            .saturating_add(i32::try_from(self.invoice_retention_years).unwrap_or(i32::MAX / 2));
        NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MAX)
    }

    /// Whether the invoice dated `issue_date` is still under the legal hold at `now` (Belgian day).
    pub fn invoice_under_hold(&self, issue_date: NaiveDate, now: DateTime<Utc>) -> bool {
        belgian_date(now) < self.invoice_hold_ends_on(issue_date)
    }
}

/// The last instant data anchored at `event` is kept for `period`; `None`
/// when it is kept indefinitely or while the relationship lasts.
pub fn kept_through(event: DateTime<Utc>, period: Period) -> Option<DateTime<Utc>> {
    let day = belgian_date(event);
    let last_day = match period {
        Period::Days(n) => day
            .checked_add_days(Days::new(u64::from(n)))
            .unwrap_or(NaiveDate::MAX),
        Period::Years(n) => day
            .checked_add_months(Months::new(n.saturating_mul(12)))
            .unwrap_or(NaiveDate::MAX),
        Period::WhileTheRelationshipLasts | Period::Indefinitely => return None,
    };
    Some(end_of_belgian_day(last_day))
}

/// The first instant data anchored at `event` must be gone (the Brussels
/// midnight after [`kept_through`]).
pub fn erase_from(event: DateTime<Utc>, period: Period) -> Option<DateTime<Utc>> {
    let through = kept_through(event, period)?;
    Some(
        belgian_date(through)
            .succ_opt()
            .map_or(through, start_of_belgian_day),
    )
}

/// A person's relationship with Ecom, as the stored records say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relationship {
    /// A marketing contact without an account.
    Prospect {
        last_interaction_at: DateTime<Utc>,
        /// When they said they are not interested: never contacted again.
        not_interested_at: Option<DateTime<Utc>>,
    },
    /// A person of a tenant that had a trial and never a contract.
    Trial { ends_at: DateTime<Utc> },
    /// A person of a tenant with a contract that still runs (incl. cancelled
    /// or ended but not yet deactivated, and terminated with the export window open).
    Customer,
    /// A person whose account was deactivated (the tenant's contract ended,
    /// or their own account was deactivated while the tenant remains a customer).
    ExCustomer { deactivated_at: DateTime<Utc> },
}

impl Relationship {
    pub fn profile(&self) -> Profile {
        match self {
            Relationship::Prospect { .. } => Profile::Prospect,
            Relationship::Trial { .. } => Profile::TrialUser,
            Relationship::Customer => Profile::ActiveCustomer,
            Relationship::ExCustomer { .. } => Profile::ExCustomer,
        }
    }
}

/// What the schedule says about one person at `now`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetentionDecision {
    pub profile: Profile,
    /// Whether marketing may still use the data (consent rules aside).
    pub marketing_allowed: bool,
    /// From when the personal data must be gone; `None`: kept while the relationship lasts.
    pub erase_from: Option<DateTime<Utc>>,
    /// Whether the sweep at `now` erases the personal data.
    pub erase_now: bool,
    /// Why, in words, for the dry-run report (no personal data).
    pub reason: String,
}

/// Applies the schedule to one person at `now`.
pub fn decide(relationship: &Relationship, now: DateTime<Utc>) -> RetentionDecision {
    use crate::calendar::belgian_time_label as label;
    let (marketing_allowed, erase_from, reason) = match *relationship {
        Relationship::Prospect {
            last_interaction_at,
            not_interested_at: Some(at),
        } => {
            let _ = last_interaction_at;
            // "Not interested": stop for good; the contact details serve no purpose any more.
            (false, Some(at), format!("prospect said \"not interested\" on {}: contact details erased, never contacted again", label(at)))
        }
        Relationship::Prospect {
            last_interaction_at,
            not_interested_at: None,
        } => {
            let from = erase_from(last_interaction_at, Period::Years(PROSPECT_RETENTION_YEARS));
            (true, from, format!("prospect: no interaction since {}; contact details are kept at most {PROSPECT_RETENTION_YEARS} years", label(last_interaction_at)))
        }
        Relationship::Trial { ends_at } => {
            let from = erase_from(ends_at, Period::Years(TRIAL_USER_RETENTION_YEARS));
            (now < ends_at || from.is_some_and(|f| now < f), from, format!("trial user: the trial ended {}; data kept {TRIAL_USER_RETENTION_YEARS} years after the trial", label(ends_at)))
        }
        Relationship::Customer => (
            true,
            None,
            "active customer: kept while a customer".to_owned(),
        ),
        Relationship::ExCustomer { deactivated_at } => {
            let from = erase_from(deactivated_at, Period::Days(EX_CUSTOMER_ERASURE_DAYS));
            (false, from, format!("ex-customer: deactivated {}; personal data erased {EX_CUSTOMER_ERASURE_DAYS} days after deactivation", label(deactivated_at)))
        }
    };
    RetentionDecision {
        profile: relationship.profile(),
        marketing_allowed,
        erase_from,
        erase_now: erase_from.is_some_and(|from| now >= from),
        reason,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};
    use chrono_tz::Europe::Brussels;

    fn be(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Brussels
            .with_ymd_and_hms(y, m, d, h, min, 0)
            .single()
            .expect("unambiguous")
            .with_timezone(&Utc)
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    #[test]
    fn ex_customer_day_29_30_31_after_deactivation() {
        let deactivated = be(2026, 3, 1, 16, 45);
        let ex = Relationship::ExCustomer {
            deactivated_at: deactivated,
        };
        // Out of marketing at once.
        assert!(!decide(&ex, deactivated).marketing_allowed);
        // Day 29 (30 March) and the last instant of day 30 (31 March): kept.
        assert!(!decide(&ex, be(2026, 3, 30, 23, 59)).erase_now);
        assert!(!decide(&ex, be(2026, 3, 31, 12, 0)).erase_now);
        assert!(!decide(&ex, be(2026, 4, 1, 0, 0) - Duration::microseconds(1)).erase_now);
        // Day 31 from Brussels midnight (22:00 UTC the evening before, summer time).
        let day31 = be(2026, 4, 1, 0, 0);
        assert_eq!(
            day31,
            Utc.with_ymd_and_hms(2026, 3, 31, 22, 0, 0)
                .single()
                .expect("valid")
        );
        assert_eq!(decide(&ex, day31).erase_from, Some(day31));
        assert!(decide(&ex, day31).erase_now);
    }

    #[test]
    fn deactivation_late_in_the_evening_counts_from_the_brussels_day() {
        // 23:30 UTC on 14 January is already 15 January in Brussels.
        let deactivated = Utc
            .with_ymd_and_hms(2026, 1, 14, 23, 30, 0)
            .single()
            .expect("valid");
        let ex = Relationship::ExCustomer {
            deactivated_at: deactivated,
        };
        assert_eq!(
            decide(&ex, deactivated).erase_from,
            Some(be(2026, 2, 15, 0, 0))
        );
        assert!(!decide(&ex, be(2026, 2, 14, 23, 59)).erase_now);
        assert!(decide(&ex, be(2026, 2, 15, 0, 0)).erase_now);
    }

    #[test]
    fn thirty_days_across_a_leap_february() {
        // 2028 is a leap year: 10 February + 30 days = 11 March.
        let ex = Relationship::ExCustomer {
            deactivated_at: be(2028, 2, 10, 9, 0),
        };
        assert_eq!(
            decide(&ex, be(2028, 2, 10, 9, 0)).erase_from,
            Some(be(2028, 3, 12, 0, 0))
        );
        // 2027 is not: 10 February + 30 days = 12 March.
        let ex = Relationship::ExCustomer {
            deactivated_at: be(2027, 2, 10, 9, 0),
        };
        assert_eq!(
            decide(&ex, be(2027, 2, 10, 9, 0)).erase_from,
            Some(be(2027, 3, 13, 0, 0))
        );
    }

    #[test]
    fn trial_user_two_years_to_the_day() {
        let ends = be(2026, 6, 15, 14, 0);
        let trial = Relationship::Trial { ends_at: ends };
        assert_eq!(decide(&trial, ends).profile, Profile::TrialUser);
        // The anniversary day itself is still within the two years.
        assert!(!decide(&trial, be(2028, 6, 15, 23, 59)).erase_now);
        assert!(decide(&trial, be(2028, 6, 15, 23, 59)).marketing_allowed);
        assert!(decide(&trial, be(2028, 6, 16, 0, 0)).erase_now);
        assert!(!decide(&trial, be(2028, 6, 16, 0, 0)).marketing_allowed);
        assert_eq!(
            kept_through(ends, Period::Years(2)),
            Some(be(2028, 6, 16, 0, 0) - Duration::microseconds(1))
        );
    }

    #[test]
    fn two_years_after_29_february_is_28_february() {
        let trial = Relationship::Trial {
            ends_at: be(2028, 2, 29, 10, 0),
        };
        assert_eq!(
            decide(&trial, be(2028, 2, 29, 10, 0)).erase_from,
            Some(be(2030, 3, 1, 0, 0))
        );
        assert!(!decide(&trial, be(2030, 2, 28, 23, 0)).erase_now);
        assert!(decide(&trial, be(2030, 3, 1, 0, 0)).erase_now);
        // Into a leap year: 28 February 2026 → 28 February 2028, not the 29th.
        let trial = Relationship::Trial {
            ends_at: be(2026, 2, 28, 10, 0),
        };
        assert_eq!(
            decide(&trial, be(2026, 2, 28, 10, 0)).erase_from,
            Some(be(2028, 2, 29, 0, 0))
        );
    }

    #[test]
    fn prospects_two_years_without_interaction_or_not_interested() {
        let last = be(2026, 11, 22, 10, 0);
        let prospect = Relationship::Prospect {
            last_interaction_at: last,
            not_interested_at: None,
        };
        assert!(decide(&prospect, last).marketing_allowed);
        assert!(!decide(&prospect, be(2028, 11, 22, 20, 0)).erase_now);
        assert!(decide(&prospect, be(2028, 11, 23, 0, 0)).erase_now);
        let refused = Relationship::Prospect {
            last_interaction_at: last,
            not_interested_at: Some(last + Duration::days(3)),
        };
        let decision = decide(&refused, last + Duration::days(3));
        assert!(!decision.marketing_allowed);
        assert!(decision.erase_now);
    }

    #[test]
    fn active_customers_are_kept() {
        let decision = decide(&Relationship::Customer, be(2040, 1, 1, 0, 0));
        assert_eq!(decision.profile, Profile::ActiveCustomer);
        assert_eq!(decision.erase_from, None);
        assert!(!decision.erase_now);
    }

    #[test]
    fn invoices_ten_years_from_first_january_after_the_invoice_date() {
        let schedule = RetentionSchedule::default();
        assert_eq!(
            schedule.invoice_hold_ends_on(date(2026, 5, 10)),
            date(2037, 1, 1)
        );
        assert_eq!(
            schedule.invoice_hold_ends_on(date(2026, 12, 31)),
            date(2037, 1, 1)
        );
        assert_eq!(
            schedule.invoice_hold_ends_on(date(2027, 1, 1)),
            date(2038, 1, 1)
        );
        assert!(schedule.invoice_under_hold(date(2026, 5, 10), be(2036, 12, 31, 23, 59)));
        assert!(!schedule.invoice_under_hold(date(2026, 5, 10), be(2037, 1, 1, 0, 0)));
        // Leap day invoices work like any other.
        assert_eq!(
            schedule.invoice_hold_ends_on(date(2028, 2, 29)),
            date(2039, 1, 1)
        );
        let seven = RetentionSchedule {
            invoice_retention_years: 7,
        };
        assert_eq!(
            seven.invoice_hold_ends_on(date(2026, 5, 10)),
            date(2034, 1, 1)
        );
    }

    #[test]
    fn the_schedule_is_data_covering_every_profile() {
        let rules = RetentionSchedule::default().rules();
        for profile in [
            Profile::Prospect,
            Profile::TrialUser,
            Profile::ActiveCustomer,
            Profile::ExCustomer,
        ] {
            assert!(
                rules.iter().any(|r| r.profile == profile),
                "{profile:?} has no rule"
            );
        }
        let invoices = rules
            .iter()
            .find(|r| r.keeps.contains(&DataCategory::Invoices))
            .expect("an invoice rule");
        assert_eq!(invoices.period, Period::Years(10));
        assert_eq!(invoices.from, Anchor::FirstJanuaryAfterInvoiceDate);
        let erasure = rules
            .iter()
            .find(|r| r.profile == Profile::ExCustomer && r.keeps.contains(&DataCategory::Identity))
            .expect("ex-customer erasure");
        assert_eq!(erasure.period, Period::Days(30));
        assert_eq!(
            RetentionSchedule {
                invoice_retention_years: 12
            }
            .rules()
            .iter()
            .find(|r| r.keeps.contains(&DataCategory::Invoices))
            .map(|r| r.period),
            Some(Period::Years(12))
        );
    }

    #[test]
    fn winter_time_midnight() {
        // Deactivated 1 December 2026 → erased from 1 January 2027 00:00 Brussels = 23:00 UTC.
        let ex = Relationship::ExCustomer {
            deactivated_at: be(2026, 12, 1, 8, 0),
        };
        assert_eq!(
            decide(&ex, be(2026, 12, 1, 8, 0)).erase_from,
            Some(
                Utc.with_ymd_and_hms(2026, 12, 31, 23, 0, 0)
                    .single()
                    .expect("valid")
            )
        );
    }
}
