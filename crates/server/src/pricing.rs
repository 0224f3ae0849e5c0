//! The catalogue's price versions, read as "the price of X at time T".

use chrono::{DateTime, Utc};
use ecom_domain::contract::{Module, PriceList};
use ecom_domain::money::from_cents;
use ecom_storage::catalogue::PriceVersion;
use ecom_types::contract::{Catalogue, CataloguePrice, ScheduledPrice};
use rust_decimal::Decimal;

/// The catalogue item of the Basic Package.
pub const BASIC: &str = "basic";
/// The catalogue item of an extra User seat.
pub const SEAT: &str = "seat";

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
        self.versions
            .iter()
            .filter(|v| v.item == item && v.effective_from > at)
            .min_by_key(|v| v.effective_from)
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

    /// The domain's price list in force at `at` (modules without a price are left out).
    pub fn price_list(&self, at: DateTime<Utc>) -> PriceList {
        PriceList {
            basic_package_annual: self.annual_price(BASIC, at).unwrap_or_default(),
            modules_annual: Module::ALL
                .iter()
                .filter_map(|m| Some((*m, self.annual_price(m.as_str(), at)?)))
                .collect(),
            extra_seat_annual: self.annual_price(SEAT, at).unwrap_or_default(),
        }
    }

    /// Whether `item` is a catalogue item.
    pub fn is_item(item: &str) -> bool {
        item == BASIC || item == SEAT || Module::parse(item).is_some()
    }

    /// The catalogue as shown to Clients at `now`.
    pub fn catalogue(&self, now: DateTime<Utc>) -> Catalogue {
        Catalogue {
            basic: self.entry(BASIC, "Basic Package", now),
            seat: self.entry(SEAT, "Extra user seat", now),
            modules: Module::ALL
                .iter()
                .map(|m| self.entry(m.as_str(), m.name(), now))
                .collect(),
            currency: "EUR".into(),
        }
    }
}
