//! The catalogue's price versions, read as "the price of X at time T".

use chrono::{DateTime, Utc};
use ecom_domain::money::from_cents;
use ecom_storage::catalogue::PriceVersion;
use ecom_types::contract::{Catalogue, CataloguePrice, ScheduledPrice};
use rust_decimal::Decimal;

/// The optional modules (terms art. 1 "Services"), by code, with their names.
pub const MODULES: [(&str, &str); 8] = [
    ("crm", "CRM (companies and contacts)"),
    ("calendar", "Calendar"),
    ("quotations", "Quotations"),
    ("projects", "Project planning"),
    ("invoicing", "Invoicing"),
    ("ticketing", "Ticketing (helpdesk)"),
    ("voip", "Voice-over-IP"),
    ("api", "API"),
];

pub const BASIC: &str = "basic";
pub const SEAT: &str = "seat";

/// A module code's display name, if it is one.
pub fn module_name(code: &str) -> Option<&'static str> {
    MODULES.iter().find(|(c, _)| *c == code).map(|(_, name)| *name)
}

/// Every price version of the catalogue.
#[derive(Debug, Clone)]
pub struct PriceBook {
    versions: Vec<PriceVersion>,
}

impl PriceBook {
    pub fn new(versions: Vec<PriceVersion>) -> Self {
        Self { versions }
    }

    /// The annual price (EUR excl. VAT) of `item` in force at `at`: the
    /// latest version effective on or before it.
    pub fn annual_price(&self, item: &str, at: DateTime<Utc>) -> Option<Decimal> {
        self.versions
            .iter()
            .filter(|v| v.item == item && v.effective_from <= at)
            .max_by_key(|v| v.effective_from)
            .map(|v| from_cents(v.annual_price_cents))
    }

    /// The next announced change of `item` after `at`.
    pub fn next_change(&self, item: &str, at: DateTime<Utc>) -> Option<&PriceVersion> {
        self.versions.iter().filter(|v| v.item == item && v.effective_from > at).min_by_key(|v| v.effective_from)
    }

    fn entry(&self, code: &str, name: &str, now: DateTime<Utc>) -> CataloguePrice {
        CataloguePrice {
            code: code.into(),
            name: name.into(),
            annual_price: self.annual_price(code, now).unwrap_or_default(),
            next_price: self.next_change(code, now).map(|v| ScheduledPrice {
                annual_price: from_cents(v.annual_price_cents),
                effective_from: v.effective_from,
                announced_at: v.announced_at,
            }),
        }
    }

    /// The catalogue as shown to Clients at `now`.
    pub fn catalogue(&self, now: DateTime<Utc>) -> Catalogue {
        Catalogue {
            basic: self.entry(BASIC, "Basic Package", now),
            seat: self.entry(SEAT, "Extra user seat", now),
            modules: MODULES.iter().map(|(code, name)| self.entry(code, name, now)).collect(),
            currency: "EUR".into(),
        }
    }
}
