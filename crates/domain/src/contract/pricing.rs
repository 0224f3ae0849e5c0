//! What a contract costs (terms art. 9, SPEC §2): the Basic Package at a fixed
//! annual price, optional modules at an annual price each, and extra User
//! seats at an annual price per seat (the Administrator's seat is included).
//! All prices are EUR excluding VAT, as `Decimal`.
//!
//! Roundings, each with [`crate::money::round_to_cent`] (half away from zero):
//! - a quarterly price is the annual price / 4, rounded to the cent on its
//!   own, so four quarters can differ from the annual price by up to 2 cents
//!   (EUR 100.01 a year → EUR 25.00 a quarter);
//! - a pro-rata unit price is the per-term unit price × remaining days / term
//!   days, rounded to the cent; the line amount is quantity × that unit price;
//! - a percentage discount is rounded to the cent on the line amount.
//!
//! The output is [`OrderLine`]s: what an invoice line needs (description,
//! quantity, unit price excl. VAT, discount, service period). VAT and the
//! invoice itself are the billing engine's.

use super::term::{Term, TermLength};
use crate::money::round_to_cent;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// An optional module of the Services (terms art. 1 "Services").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Module {
    Crm,
    Calendar,
    Quotations,
    Projects,
    Invoicing,
    Ticketing,
    Voip,
    Api,
}

impl Module {
    pub const ALL: [Module; 8] = [
        Module::Crm,
        Module::Calendar,
        Module::Quotations,
        Module::Projects,
        Module::Invoicing,
        Module::Ticketing,
        Module::Voip,
        Module::Api,
    ];

    /// Stable machine-readable name.
    pub fn as_str(self) -> &'static str {
        match self {
            Module::Crm => "crm",
            Module::Calendar => "calendar",
            Module::Quotations => "quotations",
            Module::Projects => "projects",
            Module::Invoicing => "invoicing",
            Module::Ticketing => "ticketing",
            Module::Voip => "voip",
            Module::Api => "api",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|module| module.as_str() == raw)
    }

    /// The name printed on an invoice line.
    pub fn name(self) -> &'static str {
        match self {
            Module::Crm => "CRM",
            Module::Calendar => "Calendar",
            Module::Quotations => "Quotations",
            Module::Projects => "Project planning",
            Module::Invoicing => "Invoicing",
            Module::Ticketing => "Ticketing",
            Module::Voip => "Voice-over-IP",
            Module::Api => "API",
        }
    }
}

/// A price list: annual prices in EUR excluding VAT (terms art. 9).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PriceList {
    /// The Basic Package, per year.
    pub basic_package_annual: Decimal,
    /// Each module that can be ordered, per year.
    pub modules_annual: BTreeMap<Module, Decimal>,
    /// One extra User seat, per year.
    pub extra_seat_annual: Decimal,
}

impl PriceList {
    /// The annual price of one unit of `item`.
    pub fn annual_price(&self, item: OrderItem) -> Result<Decimal, ModuleNotPriced> {
        match item {
            OrderItem::BasicPackage => Ok(self.basic_package_annual),
            OrderItem::ExtraSeats => Ok(self.extra_seat_annual),
            OrderItem::Module(module) => self
                .modules_annual
                .get(&module)
                .copied()
                .ok_or(ModuleNotPriced { module }),
        }
    }
}

/// A module ordered that the price list does not sell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the module '{}' has no price in the price list, so it cannot be ordered", .module.as_str())]
pub struct ModuleNotPriced {
    pub module: Module,
}

/// What an order line is for; an order has at most one line per item, and so
/// at most one discount per item (terms art. 9: discounts do not stack).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OrderItem {
    BasicPackage,
    Module(Module),
    /// User seats beyond the Administrator's.
    ExtraSeats,
}

impl OrderItem {
    fn description(self) -> String {
        match self {
            OrderItem::BasicPackage => "Basic Package".to_owned(),
            OrderItem::Module(module) => format!("Module {}", module.name()),
            OrderItem::ExtraSeats => "Extra user seat".to_owned(),
        }
    }
}

/// A commercial discount, written on the invoice line it applies to (terms art. 9).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Discount {
    /// A percentage of the line amount, more than 0 and at most 100.
    Percent(Decimal),
    /// A fixed amount off the line, in EUR excl. VAT, whole cents; never more than the line.
    Amount(Decimal),
}

/// A discount that cannot be granted as given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum InvalidDiscount {
    #[error("a discount percentage must be more than 0 and at most 100, not {0}")]
    PercentOutOfRange(Decimal),
    #[error("a discount amount must be more than EUR 0.00 and in whole cents, not {0}")]
    InvalidAmount(Decimal),
}

impl Discount {
    pub fn percent(percent: Decimal) -> Result<Self, InvalidDiscount> {
        if percent > Decimal::ZERO && percent <= Decimal::ONE_HUNDRED {
            Ok(Discount::Percent(percent))
        } else {
            Err(InvalidDiscount::PercentOutOfRange(percent))
        }
    }

    pub fn amount(amount: Decimal) -> Result<Self, InvalidDiscount> {
        if amount > Decimal::ZERO && round_to_cent(amount) == amount {
            Ok(Discount::Amount(amount))
        } else {
            Err(InvalidDiscount::InvalidAmount(amount))
        }
    }

    /// Whether a discount agreed with the order applies to `term`: only to the
    /// initially agreed period (terms art. 9: "granted once only for the
    /// period initially agreed upon"), never to a renewal.
    pub fn applies_to(term: &Term) -> bool {
        term.is_initial()
    }

    /// The amount taken off a line of `gross` EUR: never more than the line.
    pub fn amount_off(self, gross: Decimal) -> Decimal {
        let off = match self {
            Discount::Percent(percent) => round_to_cent(gross * percent / Decimal::ONE_HUNDRED),
            Discount::Amount(amount) => amount,
        };
        off.min(gross).max(Decimal::ZERO)
    }
}

/// One line of what a term costs, ready to become an invoice line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderLine {
    pub item: OrderItem,
    /// What is sold, as printed on the invoice.
    pub description: String,
    pub quantity: u32,
    /// EUR excl. VAT for one unit over the period, rounded to the cent.
    pub unit_price_excl_vat: Decimal,
    /// The one discount of this line, if any.
    pub discount: Option<Discount>,
    /// The first Belgian day the line pays for.
    pub period_first_day: NaiveDate,
    /// The last Belgian day the line pays for (inclusive, as invoices print it).
    pub period_last_day: NaiveDate,
}

impl OrderLine {
    /// Quantity × unit price, before the discount.
    pub fn gross_excl_vat(&self) -> Decimal {
        Decimal::from(self.quantity) * self.unit_price_excl_vat
    }

    /// The discount on this line in EUR (zero without one).
    pub fn discount_excl_vat(&self) -> Decimal {
        self.discount.map_or(Decimal::ZERO, |discount| {
            discount.amount_off(self.gross_excl_vat())
        })
    }

    /// What the line costs after its discount, excl. VAT.
    pub fn net_excl_vat(&self) -> Decimal {
        self.gross_excl_vat() - self.discount_excl_vat()
    }
}

impl fmt::Display for OrderLine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} × {} at EUR {}",
            self.quantity, self.description, self.unit_price_excl_vat
        )
    }
}

/// An order: the Basic Package (always), modules, extra seats and the term length.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Order {
    pub modules: BTreeSet<Module>,
    /// User seats beyond the Administrator's.
    pub extra_seats: u32,
    pub length: TermLength,
    /// Discounts agreed for the initial term, at most one per item.
    pub discounts: BTreeMap<OrderItem, Discount>,
}

/// The price of one term for an annual price: the annual price for a year,
/// a quarter of it rounded to the cent (half away from zero) for a quarter.
pub fn annual_to_term_price(annual: Decimal, length: TermLength) -> Decimal {
    round_to_cent(annual / Decimal::from(length.terms_per_year()))
}

/// What one term of a plan costs before discounts, EUR excl. VAT: the sum of
/// the lines [`term_lines`] would produce.
pub fn price_per_term(
    prices: &PriceList,
    modules: &BTreeSet<Module>,
    extra_seats: u32,
    length: TermLength,
) -> Result<Decimal, ModuleNotPriced> {
    let mut total = annual_to_term_price(prices.basic_package_annual, length);
    for module in modules {
        total += annual_to_term_price(prices.annual_price(OrderItem::Module(*module))?, length);
    }
    total += Decimal::from(extra_seats) * annual_to_term_price(prices.extra_seat_annual, length);
    Ok(total)
}

/// The lines of `term` for `order` at `prices`: the Basic Package, each
/// module, then the extra seats (if any). The order's discounts are put on
/// their lines only when `term` is the initial term.
pub fn term_lines(
    prices: &PriceList,
    order: &Order,
    term: &Term,
) -> Result<Vec<OrderLine>, ModuleNotPriced> {
    let items = std::iter::once((OrderItem::BasicPackage, 1))
        .chain(
            order
                .modules
                .iter()
                .map(|module| (OrderItem::Module(*module), 1)),
        )
        .chain((order.extra_seats > 0).then_some((OrderItem::ExtraSeats, order.extra_seats)));
    items
        .map(|(item, quantity)| {
            Ok(OrderLine {
                item,
                description: item.description(),
                quantity,
                unit_price_excl_vat: annual_to_term_price(
                    prices.annual_price(item)?,
                    term.length(),
                ),
                // terms art. 9: only for the initially agreed period.
                discount: order
                    .discounts
                    .get(&item)
                    .copied()
                    .filter(|_| Discount::applies_to(term)),
                period_first_day: term.starts_on(),
                period_last_day: term.last_day(),
            })
        })
        .collect()
}

/// The part of `full_term_price` for the days of `term` from `from` to its
/// end: `full_term_price × remaining days / term days`, rounded to the cent.
/// From the first day it is the full price; on the last day one day's worth.
/// A date before the term counts as its first day, one on or after its end
/// costs nothing (it belongs to the next term).
pub fn pro_rata(full_term_price: Decimal, term: &Term, from: NaiveDate) -> Decimal {
    let from = from.max(term.starts_on());
    let remaining = (term.ends_on() - from).num_days().max(0);
    let days = term.days();
    if days <= 0 || remaining == 0 {
        return Decimal::ZERO;
    }
    round_to_cent(full_term_price * Decimal::from(remaining) / Decimal::from(days))
}

/// A pro-rata line for `quantity` units of `item`, whose annual unit price is
/// `annual`, added on `from` for the rest of `term`.
fn pro_rata_line(
    item: OrderItem,
    annual: Decimal,
    quantity: u32,
    term: &Term,
    from: NaiveDate,
) -> OrderLine {
    let full = annual_to_term_price(annual, term.length());
    let from = from.max(term.starts_on());
    let remaining = (term.ends_on() - from).num_days().max(0);
    OrderLine {
        item,
        description: format!(
            "{}, pro rata {} of {} days",
            item.description(),
            remaining,
            term.days()
        ),
        quantity,
        unit_price_excl_vat: pro_rata(full, term, from),
        // A change during the term is not the initially agreed order: no discount.
        discount: None,
        period_first_day: from,
        period_last_day: term.last_day(),
    }
}

/// What a change of the number of extra seats on `on` (a day of `term`) does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SeatChange {
    /// More seats: usable at once, charged pro rata for the rest of the term.
    Increase {
        added: u32,
        charge: OrderLine,
    },
    /// Fewer seats: take effect when the next term starts; nothing is refunded.
    Decrease {
        removed: u32,
        effective_from: NaiveDate,
    },
    Unchanged,
}

/// Decides a change from `current_extra_seats` to `new_extra_seats` on Belgian day `on`.
pub fn seat_change(
    prices: &PriceList,
    term: &Term,
    current_extra_seats: u32,
    new_extra_seats: u32,
    on: NaiveDate,
) -> SeatChange {
    use std::cmp::Ordering;
    match new_extra_seats.cmp(&current_extra_seats) {
        Ordering::Greater => {
            let added = new_extra_seats - current_extra_seats;
            let charge = pro_rata_line(
                OrderItem::ExtraSeats,
                prices.extra_seat_annual,
                added,
                term,
                on,
            );
            SeatChange::Increase { added, charge }
        }
        Ordering::Less => SeatChange::Decrease {
            removed: current_extra_seats - new_extra_seats,
            effective_from: term.ends_on(),
        },
        Ordering::Equal => SeatChange::Unchanged,
    }
}

/// The charge for `module` added on Belgian day `on`, pro rata for the rest of
/// `term` like extra seats. (A module removed stays until the term ends, like
/// seats: nothing is refunded.)
pub fn module_added_mid_term(
    prices: &PriceList,
    module: Module,
    term: &Term,
    on: NaiveDate,
) -> Result<OrderLine, ModuleNotPriced> {
    let item = OrderItem::Module(module);
    Ok(pro_rata_line(item, prices.annual_price(item)?, 1, term, on))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;
    use proptest::prelude::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).expect("valid decimal")
    }

    fn date(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    fn prices() -> PriceList {
        PriceList {
            basic_package_annual: d("600.00"),
            modules_annual: [
                (Module::Crm, d("120.00")),
                (Module::Invoicing, d("100.01")),
                (Module::Voip, d("240.00")),
            ]
            .into(),
            extra_seat_annual: d("180.00"),
        }
    }

    fn order(length: TermLength) -> Order {
        Order {
            modules: [Module::Crm, Module::Invoicing].into(),
            extra_seats: 3,
            length,
            discounts: [(OrderItem::BasicPackage, Discount::Percent(d("10")))].into(),
        }
    }

    #[test]
    fn a_quarter_is_a_quarter_of_the_annual_price_rounded_to_the_cent() {
        assert_eq!(
            annual_to_term_price(d("600.00"), TermLength::Quarter),
            d("150.00")
        );
        assert_eq!(
            annual_to_term_price(d("100.01"), TermLength::Quarter),
            d("25.00")
        );
        assert_eq!(
            annual_to_term_price(d("100.02"), TermLength::Quarter),
            d("25.01")
        ); // 25.005 → away from zero
        assert_eq!(
            annual_to_term_price(d("100.01"), TermLength::Year),
            d("100.01")
        );
    }

    #[test]
    fn the_lines_of_the_first_and_a_renewed_term() {
        let o = order(TermLength::Quarter);
        let term = Term::first(date(2026, 1, 1), TermLength::Quarter);
        let lines = term_lines(&prices(), &o, &term).expect("priced");
        let summary: Vec<(&str, u32, Decimal, Decimal)> = lines
            .iter()
            .map(|l| {
                (
                    l.description.as_str(),
                    l.quantity,
                    l.unit_price_excl_vat,
                    l.net_excl_vat(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            vec![
                ("Basic Package", 1, d("150.00"), d("135.00")),
                ("Module CRM", 1, d("30.00"), d("30.00")),
                ("Module Invoicing", 1, d("25.00"), d("25.00")),
                ("Extra user seat", 3, d("45.00"), d("135.00")),
            ]
        );
        assert_eq!(
            (lines[0].period_first_day, lines[0].period_last_day),
            (date(2026, 1, 1), date(2026, 3, 31))
        );
        assert_eq!(lines[0].discount_excl_vat(), d("15.00"));
        assert_eq!(
            price_per_term(&prices(), &o.modules, o.extra_seats, o.length),
            Ok(d("340.00"))
        );

        // The renewal carries no discount.
        let renewal = term_lines(&prices(), &o, &term.next()).expect("priced");
        assert!(renewal.iter().all(|l| l.discount.is_none()));
        assert_eq!(
            renewal.iter().map(OrderLine::net_excl_vat).sum::<Decimal>(),
            d("340.00")
        );
        assert_eq!(renewal[0].period_first_day, date(2026, 4, 1));
    }

    #[test]
    fn no_extra_seats_no_seat_line_and_unknown_modules_are_refused() {
        let mut o = order(TermLength::Year);
        o.extra_seats = 0;
        let term = Term::first(date(2026, 1, 1), TermLength::Year);
        assert_eq!(term_lines(&prices(), &o, &term).expect("priced").len(), 3);
        o.modules.insert(Module::Ticketing);
        let refused = term_lines(&prices(), &o, &term).expect_err("no ticketing price");
        assert_eq!(
            refused,
            ModuleNotPriced {
                module: Module::Ticketing
            }
        );
        assert_eq!(
            refused.to_string(),
            "the module 'ticketing' has no price in the price list, so it cannot be ordered"
        );
    }

    #[test]
    fn discounts() {
        assert!(Discount::percent(d("0")).is_err());
        assert!(Discount::percent(d("100")).is_ok());
        assert!(Discount::percent(d("100.01")).is_err());
        assert!(Discount::amount(d("10.005")).is_err());
        assert!(Discount::amount(d("-1")).is_err());
        assert_eq!(
            Discount::Amount(d("50.00")).amount_off(d("30.00")),
            d("30.00")
        );
        assert_eq!(
            Discount::Percent(d("12.5")).amount_off(d("25.00")),
            d("3.13")
        ); // 3.125 → away from zero
        let first = Term::first(date(2026, 1, 1), TermLength::Year);
        assert!(Discount::applies_to(&first));
        assert!(!Discount::applies_to(&first.next()));
    }

    #[test]
    fn pro_rata_on_the_first_a_middle_and_the_last_day() {
        let term = Term::first(date(2026, 1, 1), TermLength::Quarter); // 90 days
        assert_eq!(term.days(), 90);
        let seat = d("45.00");
        assert_eq!(pro_rata(seat, &term, date(2026, 1, 1)), d("45.00"));
        assert_eq!(pro_rata(seat, &term, date(2026, 2, 15)), d("22.50")); // 45 of 90 days
        assert_eq!(pro_rata(seat, &term, date(2026, 3, 31)), d("0.50")); // 1 of 90 days
        assert_eq!(pro_rata(seat, &term, date(2026, 4, 1)), d("0"));
        assert_eq!(pro_rata(seat, &term, date(2025, 12, 1)), d("45.00"));
        assert_eq!(pro_rata(d("100.00"), &term, date(2026, 3, 30)), d("2.22")); // 2.222…
    }

    #[test]
    fn more_seats_are_charged_pro_rata_fewer_wait_for_the_next_term() {
        let term = Term::first(date(2026, 1, 1), TermLength::Quarter);
        match seat_change(&prices(), &term, 3, 5, date(2026, 2, 15)) {
            SeatChange::Increase { added, charge } => {
                assert_eq!(added, 2);
                assert_eq!(charge.unit_price_excl_vat, d("22.50"));
                assert_eq!(charge.net_excl_vat(), d("45.00"));
                assert_eq!(
                    charge.description,
                    "Extra user seat, pro rata 45 of 90 days"
                );
                assert_eq!(
                    (charge.period_first_day, charge.period_last_day),
                    (date(2026, 2, 15), date(2026, 3, 31))
                );
            }
            other => panic!("expected an increase, got {other:?}"),
        }
        assert_eq!(
            seat_change(&prices(), &term, 3, 1, date(2026, 2, 15)),
            SeatChange::Decrease {
                removed: 2,
                effective_from: date(2026, 4, 1)
            }
        );
        assert_eq!(
            seat_change(&prices(), &term, 3, 3, date(2026, 2, 15)),
            SeatChange::Unchanged
        );
    }

    #[test]
    fn a_module_added_mid_term() {
        let term = Term::first(date(2026, 1, 1), TermLength::Year);
        let line = module_added_mid_term(&prices(), Module::Voip, &term, date(2026, 7, 2))
            .expect("priced");
        // 183 of 365 days of EUR 240.00 = 120.3287… → 120.33
        assert_eq!(line.net_excl_vat(), d("120.33"));
        assert!(module_added_mid_term(&prices(), Module::Api, &term, date(2026, 7, 2)).is_err());
    }

    proptest! {
        #[test]
        fn pro_rata_is_between_zero_and_the_full_price(
            cents in 0i64..100_000_000,
            start in 0i64..40_000,
            offset in -30i64..400,
            quarterly in any::<bool>(),
        ) {
            let length = if quarterly { TermLength::Quarter } else { TermLength::Year };
            let term = Term::first(date(2000, 1, 1) + Duration::days(start), length);
            let full = Decimal::new(cents, 2);
            let part = pro_rata(full, &term, term.starts_on() + Duration::days(offset));
            prop_assert!(part >= Decimal::ZERO);
            prop_assert!(part <= full);
            prop_assert_eq!(round_to_cent(part), part);
        }

        #[test]
        fn pro_rata_never_grows_as_the_term_runs_out(cents in 0i64..100_000_000, day in 0i64..365) {
            let term = Term::first(date(2026, 1, 1), TermLength::Year);
            let full = Decimal::new(cents, 2);
            let today = term.starts_on() + Duration::days(day);
            prop_assert!(pro_rata(full, &term, today + Duration::days(1)) <= pro_rata(full, &term, today));
        }
    }
}
