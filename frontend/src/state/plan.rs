//! The plan a Client chooses (term length, modules, extra seats) as a pure
//! reducer, the requests built from it, and the price summary shown while
//! choosing.
//!
//! The summary is for display only: the server computes the contract's price
//! and its [`ContractView`] is the truth (SPEC §2: prices in EUR excl. VAT; a
//! quarter costs a quarter of the annual price).

use std::collections::BTreeSet;
use std::rc::Rc;
use std::str::FromStr;

use ecom_types::contract::{
    Catalogue, CataloguePrice, ChangeSubscriptionRequest, ContractView, OrderRequest,
};
use rust_decimal::{Decimal, RoundingStrategy};

use super::form::FieldErrors;
use crate::i18n;

/// How long each term runs; every term renews for the same length (terms art. 5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TermLength {
    Quarter,
    #[default]
    Year,
}

impl TermLength {
    pub const ALL: [Self; 2] = [Self::Year, Self::Quarter];

    /// The request's `term_length` value.
    pub fn code(self) -> &'static str {
        match self {
            Self::Quarter => "quarter",
            Self::Year => "year",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.code() == code)
    }

    /// Terms in a year: an annual price is divided by this for one term.
    pub fn terms_per_year(self) -> u32 {
        match self {
            Self::Quarter => 4,
            Self::Year => 1,
        }
    }
}

/// The plan being chosen in the order form or the change form.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PlanForm {
    pub term_length: TermLength,
    /// Module codes from the catalogue.
    pub modules: BTreeSet<String>,
    /// The extra-seats input as typed (parsed when the form is sent).
    pub extra_seats: String,
}

/// One edit of the plan.
#[derive(Debug, Clone, PartialEq)]
pub enum PlanAction {
    TermChosen(TermLength),
    ModuleToggled {
        code: String,
        selected: bool,
    },
    SeatsTyped(String),
    /// Start again from a contract (after it changed).
    Reset(Box<PlanForm>),
}

impl PlanForm {
    /// The plan as it stands for the next term of `contract`: the starting
    /// point of the change form. A reduction already asked for shows as
    /// such (`seats_next_term` are the extra seats of the next term).
    pub fn from_contract(contract: &ContractView) -> Self {
        Self {
            term_length: TermLength::parse(&contract.term_length).unwrap_or_default(),
            modules: contract.modules.iter().cloned().collect(),
            extra_seats: contract.seats_next_term.to_string(),
        }
    }

    #[must_use]
    pub fn apply(&self, action: PlanAction) -> Self {
        let mut next = self.clone();
        match action {
            PlanAction::TermChosen(term) => next.term_length = term,
            PlanAction::ModuleToggled { code, selected } => {
                if selected {
                    next.modules.insert(code);
                } else {
                    next.modules.remove(&code);
                }
            }
            PlanAction::SeatsTyped(value) => next.extra_seats = value,
            PlanAction::Reset(form) => next = *form,
        }
        next
    }

    /// The extra seats typed: blank is none; anything but a whole number of
    /// 0 or more is `None`.
    pub fn extra_seats(&self) -> Option<u32> {
        let typed = self.extra_seats.trim();
        if typed.is_empty() {
            return Some(0);
        }
        typed.parse().ok()
    }

    fn seats_or_error(&self) -> Result<u32, FieldErrors> {
        self.extra_seats().ok_or_else(|| {
            let mut errors = FieldErrors::default();
            errors.add("extra_seats", i18n::text().invalid_seats);
            errors
        })
    }

    /// `POST /api/v1/contract/order`, or the fields to correct first.
    pub fn order_request(&self) -> Result<OrderRequest, FieldErrors> {
        Ok(OrderRequest {
            term_length: self.term_length.code().to_owned(),
            modules: self.modules.iter().cloned().collect(),
            extra_seats: self.seats_or_error()?,
        })
    }

    /// `POST /api/v1/contract/changes`, or the fields to correct first.
    pub fn change_request(&self) -> Result<ChangeSubscriptionRequest, FieldErrors> {
        Ok(ChangeSubscriptionRequest {
            extra_seats: self.seats_or_error()?,
            modules: self.modules.iter().cloned().collect(),
        })
    }
}

impl yew::Reducible for PlanForm {
    type Action = PlanAction;

    fn reduce(self: Rc<Self>, action: Self::Action) -> Rc<Self> {
        Rc::new(self.apply(action))
    }
}

/// One line of the price summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PriceLine {
    /// `basic`, `seat` or a module code.
    pub code: String,
    pub name: String,
    pub quantity: u32,
    /// EUR excl. VAT for one term, rounded to the cent.
    pub per_term: Decimal,
}

/// What the chosen plan costs per term, as far as the browser can tell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PriceSummary {
    pub term_length: TermLength,
    pub lines: Vec<PriceLine>,
    /// The sum of the lines (what a person adds up), EUR excl. VAT.
    pub per_term: Decimal,
}

/// An annual price for `quantity` items over one term, rounded half away
/// from zero to the cent.
fn term_price(price: &CataloguePrice, quantity: u32, term: TermLength) -> Decimal {
    (price.annual_price * Decimal::from(quantity) / Decimal::from(term.terms_per_year()))
        .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// The summary of `plan` at the catalogue's current prices: the Basic
/// Package, each chosen module the catalogue knows, and the extra seats (an
/// invalid seat count counts as none until corrected).
pub fn price_summary(catalogue: &Catalogue, plan: &PlanForm) -> PriceSummary {
    let term = plan.term_length;
    let line = |price: &CataloguePrice, quantity: u32| PriceLine {
        code: price.code.clone(),
        name: price.name.clone(),
        quantity,
        per_term: term_price(price, quantity, term),
    };
    let mut lines = vec![line(&catalogue.basic, 1)];
    lines.extend(
        catalogue
            .modules
            .iter()
            .filter(|module| plan.modules.contains(&module.code))
            .map(|module| line(module, 1)),
    );
    let seats = plan.extra_seats().unwrap_or(0);
    if seats > 0 {
        lines.push(line(&catalogue.seat, seats));
    }
    let per_term = lines.iter().map(|l| l.per_term).sum();
    PriceSummary {
        term_length: term,
        lines,
        per_term,
    }
}

/// An amount typed by a person: `540`, `540.00` or `540,00`; positive, at
/// most two decimals.
pub fn parse_amount(typed: &str) -> Option<Decimal> {
    let normalised = typed.trim().replace(',', ".");
    let amount = Decimal::from_str(&normalised).ok()?;
    (amount > Decimal::ZERO && amount.scale() <= 2).then_some(amount)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, TimeZone, Utc};
    use ecom_types::contract::{DeliveryView, TermView};
    use uuid::Uuid;

    fn price(code: &str, annual: &str) -> CataloguePrice {
        CataloguePrice {
            code: code.into(),
            name: code.to_uppercase(),
            annual_price: Decimal::from_str(annual).unwrap_or_default(),
            next_price: None,
        }
    }

    fn catalogue() -> Catalogue {
        Catalogue {
            basic: price("basic", "480.00"),
            seat: price("seat", "99.99"),
            modules: vec![price("crm", "120.00"), price("voip", "60.50")],
            currency: "EUR".into(),
        }
    }

    fn plan(actions: Vec<PlanAction>) -> PlanForm {
        actions
            .into_iter()
            .fold(PlanForm::default(), |form, action| form.apply(action))
    }

    fn eur(amount: &str) -> Decimal {
        Decimal::from_str(amount).unwrap_or_default()
    }

    #[test]
    fn a_new_plan_is_a_year_of_the_basic_package_alone() {
        let summary = price_summary(&catalogue(), &PlanForm::default());
        assert_eq!(summary.term_length, TermLength::Year);
        assert_eq!(summary.lines.len(), 1);
        assert_eq!(summary.per_term, eur("480.00"));
    }

    #[test]
    fn a_year_with_a_module_and_an_extra_seat_adds_their_annual_prices() {
        let form = plan(vec![
            PlanAction::ModuleToggled {
                code: "crm".into(),
                selected: true,
            },
            PlanAction::SeatsTyped("1".into()),
        ]);
        let summary = price_summary(&catalogue(), &form);
        let codes: Vec<_> = summary.lines.iter().map(|l| l.code.as_str()).collect();
        assert_eq!(codes, ["basic", "crm", "seat"]);
        assert_eq!(summary.per_term, eur("699.99"));
    }

    #[test]
    fn a_quarter_costs_a_quarter_of_each_annual_price_rounded_to_the_cent() {
        let form = plan(vec![
            PlanAction::TermChosen(TermLength::Quarter),
            PlanAction::ModuleToggled {
                code: "voip".into(),
                selected: true,
            },
            PlanAction::SeatsTyped("3".into()),
        ]);
        let summary = price_summary(&catalogue(), &form);
        // 480/4 = 120; 60.50/4 = 15.125 -> 15.13; 3 * 99.99 / 4 = 74.9925 -> 74.99
        let amounts: Vec<_> = summary.lines.iter().map(|l| l.per_term).collect();
        assert_eq!(amounts, [eur("120.00"), eur("15.13"), eur("74.99")]);
        assert_eq!(summary.per_term, eur("210.12"));
        assert_eq!(summary.lines[2].quantity, 3);
    }

    #[test]
    fn unticking_a_module_removes_it_and_unknown_modules_are_not_priced() {
        let form = plan(vec![
            PlanAction::ModuleToggled {
                code: "crm".into(),
                selected: true,
            },
            PlanAction::ModuleToggled {
                code: "gone".into(),
                selected: true,
            },
            PlanAction::ModuleToggled {
                code: "crm".into(),
                selected: false,
            },
        ]);
        let summary = price_summary(&catalogue(), &form);
        assert_eq!(summary.lines.len(), 1);
        assert_eq!(summary.per_term, eur("480.00"));
    }

    #[test]
    fn seats_must_be_a_whole_number_of_zero_or_more() {
        let with = |typed: &str| plan(vec![PlanAction::SeatsTyped(typed.into())]);
        assert_eq!(with("").extra_seats(), Some(0));
        assert_eq!(with(" 2 ").extra_seats(), Some(2));
        assert_eq!(with("-1").extra_seats(), None);
        assert_eq!(with("1.5").extra_seats(), None);
        let errors = with("two").order_request().err().unwrap_or_default();
        assert!(errors.get("extra_seats").is_some());
        // Until corrected, the summary prices no extra seat.
        assert_eq!(price_summary(&catalogue(), &with("two")).lines.len(), 1);
    }

    #[test]
    fn the_order_request_carries_the_choices() {
        let form = plan(vec![
            PlanAction::TermChosen(TermLength::Quarter),
            PlanAction::ModuleToggled {
                code: "voip".into(),
                selected: true,
            },
            PlanAction::ModuleToggled {
                code: "crm".into(),
                selected: true,
            },
            PlanAction::SeatsTyped("4".into()),
        ]);
        let request = form.order_request().ok();
        assert_eq!(
            request,
            Some(OrderRequest {
                term_length: "quarter".into(),
                modules: vec!["crm".into(), "voip".into()],
                extra_seats: 4,
            })
        );
    }

    #[test]
    fn the_change_form_starts_from_the_contract_s_next_term() {
        let at = Utc
            .with_ymd_and_hms(2026, 3, 1, 9, 0, 0)
            .single()
            .unwrap_or_default();
        let day = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap_or_default();
        let contract = ContractView {
            id: Uuid::nil(),
            status: "active".into(),
            term_length: "quarter".into(),
            modules: vec!["crm".into()],
            seats_ordered: 4,
            seats_used: 2,
            seats_next_term: 1,
            current_term: TermView {
                starts_on: day,
                ends_on: day,
                price: eur("1"),
            },
            next_renewal_on: None,
            cancellation_deadline: None,
            cancelled_at: None,
            price_per_term: eur("1"),
            liability_cap: None,
            delivery: DeliveryView {
                delivered_at: at,
                report_deadline: at,
                state: "accepted".into(),
                reported_at: None,
            },
            export_window_ends_at: None,
            deactivation_due_by: None,
            started_at: at,
        };
        let form = PlanForm::from_contract(&contract);
        assert_eq!(form.term_length, TermLength::Quarter);
        assert_eq!(form.extra_seats(), Some(1));
        assert_eq!(
            form.change_request().ok(),
            Some(ChangeSubscriptionRequest {
                extra_seats: 1,
                modules: vec!["crm".into()]
            })
        );
    }

    #[test]
    fn amounts_accept_a_decimal_comma_and_refuse_nonsense() {
        assert_eq!(parse_amount("540"), Some(eur("540")));
        assert_eq!(parse_amount(" 540,50 "), Some(eur("540.50")));
        assert_eq!(parse_amount("540.505"), None);
        assert_eq!(parse_amount("0"), None);
        assert_eq!(parse_amount("-5"), None);
        assert_eq!(parse_amount("lots"), None);
    }
}
