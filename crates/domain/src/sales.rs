//! A tenant selling to its own customers (SPEC §5): quotations and the
//! tenant's late-payment policy and invoice statuses. The invoices themselves
//! are the billing engine's ([`crate::billing`]) on the tenant's ledger.

use crate::billing::consumer_debt::ConsumerDebtTerms;
use crate::billing::late_payment::{B2bLatePaymentTerms, LatePaymentPolicy};
use crate::billing::statutory_rates::YearlyRate;
use crate::billing::VatCategory;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// What a tenant charges its customers for late payment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SalesLatePaymentPolicy {
    /// Nothing: the tenant waives interest and compensation.
    None,
    /// The Belgian statutory B2B regime (Law of 2 August 2002): interest at
    /// the statutory rate and EUR 40 compensation.
    Statutory,
    /// A yearly rate stipulated in the tenant's terms, plus the statutory EUR 40.
    Contractual { annual_percent: Decimal },
}

impl SalesLatePaymentPolicy {
    /// `none`, `statutory` or `contractual`.
    pub fn name(&self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Statutory => "statutory",
            Self::Contractual { .. } => "contractual",
        }
    }

    /// Reads a policy from its name and, for `contractual`, its yearly rate
    /// (more than 0, at most 100 %).
    pub fn parse(name: &str, annual_percent: Option<Decimal>) -> Result<Self, SalesRuleError> {
        match (name, annual_percent) {
            ("none", _) => Ok(Self::None),
            ("statutory", _) => Ok(Self::Statutory),
            ("contractual", Some(rate)) if rate > Decimal::ZERO && rate <= Decimal::ONE_HUNDRED => {
                Ok(Self::Contractual {
                    annual_percent: rate,
                })
            }
            ("contractual", _) => Err(SalesRuleError::ContractualRateMissing),
            (other, _) => Err(SalesRuleError::UnknownPolicy {
                name: other.to_owned(),
            }),
        }
    }

    /// The engine's regime for one customer. A consumer (a contact without a
    /// company) gets the statutory consumer-debt regime (Code of Economic Law
    /// Book XIX: a free first reminder, then capped charges) whatever the
    /// tenant chose, unless the tenant charges nothing at all.
    ///
    /// The statutory rates are not fixed here: the regime names them
    /// ([`YearlyRate::CommercialStatutory`], [`YearlyRate::Legal`]) and the
    /// interest takes, day by day, the rate of the half-year (commercial) or
    /// calendar year (legal) the day falls in
    /// ([`crate::billing::statutory_rates`]).
    pub fn regime(&self, buyer_is_consumer: bool) -> LatePaymentPolicy {
        match (self, buyer_is_consumer) {
            (Self::None, _) => LatePaymentPolicy::B2b(B2bLatePaymentTerms::none()),
            (Self::Statutory, true) | (Self::Contractual { .. }, true) => {
                LatePaymentPolicy::Consumer(ConsumerDebtTerms {
                    legal_interest: YearlyRate::Legal,
                    agreed_annual_interest: match self {
                        Self::Contractual { annual_percent } => YearlyRate::Fixed(*annual_percent),
                        _ => YearlyRate::CommercialStatutory,
                    },
                })
            }
            (Self::Statutory, false) => LatePaymentPolicy::B2b(B2bLatePaymentTerms::statutory()),
            (Self::Contractual { annual_percent }, false) => {
                LatePaymentPolicy::B2b(B2bLatePaymentTerms::contractual(*annual_percent))
            }
        }
    }
}

/// Why a sales setting or document was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SalesRuleError {
    #[error("a contractual policy needs its yearly interest rate, more than 0 and at most 100")]
    ContractualRateMissing,
    #[error("'{name}' is not a late-payment policy: use none, statutory or contractual")]
    UnknownPolicy { name: String },
    #[error("{rate} is not a Belgian VAT rate: use 21, 12, 6 or 0")]
    UnknownVatRate { rate: Decimal },
    #[error("a discount must be more than 0 and at most 100 %, got {percent}")]
    DiscountOutOfRange { percent: Decimal },
}

/// The VAT category of a Belgian rate as a user types it: 21, 12, 6 or 0
/// (0 is zero-rated, `Z`). Reverse charge is decided by the engine from the
/// buyer, never typed.
pub fn vat_category_for_rate(rate: Decimal) -> Result<VatCategory, SalesRuleError> {
    [
        VatCategory::Standard21,
        VatCategory::Reduced12,
        VatCategory::Reduced6,
        VatCategory::ZeroRated,
    ]
    .into_iter()
    .find(|c| c.rate_percent() == rate)
    .ok_or(SalesRuleError::UnknownVatRate { rate })
}

/// A quotation's state as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuotationState {
    Draft,
    Sent,
    Accepted,
    Declined,
}

/// A quotation's state as shown: a sent quotation past its validity date is
/// `Expired` (it was never accepted in time).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuotationStatus {
    Draft,
    Sent,
    Accepted,
    Declined,
    Expired,
}

impl QuotationState {
    pub fn name(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Sent => "sent",
            Self::Accepted => "accepted",
            Self::Declined => "declined",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        [Self::Draft, Self::Sent, Self::Accepted, Self::Declined]
            .into_iter()
            .find(|s| s.name() == name)
    }
}

impl QuotationStatus {
    pub fn name(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Sent => "sent",
            Self::Accepted => "accepted",
            Self::Declined => "declined",
            Self::Expired => "expired",
        }
    }
}

/// The status shown on `today`: valid through `valid_until` inclusive.
pub fn quotation_status(
    state: QuotationState,
    valid_until: NaiveDate,
    today: NaiveDate,
) -> QuotationStatus {
    match state {
        QuotationState::Draft if today > valid_until => QuotationStatus::Expired,
        QuotationState::Draft => QuotationStatus::Draft,
        QuotationState::Sent if today > valid_until => QuotationStatus::Expired,
        QuotationState::Sent => QuotationStatus::Sent,
        QuotationState::Accepted => QuotationStatus::Accepted,
        QuotationState::Declined => QuotationStatus::Declined,
    }
}

/// Why a customer's answer to a quotation was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AnswerError {
    #[error("the quotation was valid until {valid_until}; ask for a new one")]
    Expired { valid_until: NaiveDate },
    #[error("the quotation has not been sent yet")]
    NotSent,
    #[error("the quotation was already answered")]
    AlreadyAnswered,
}

/// Whether the customer may accept or decline on `today`.
pub fn may_answer(
    state: QuotationState,
    valid_until: NaiveDate,
    today: NaiveDate,
) -> Result<(), AnswerError> {
    match quotation_status(state, valid_until, today) {
        QuotationStatus::Sent => Ok(()),
        QuotationStatus::Expired if state == QuotationState::Sent => {
            Err(AnswerError::Expired { valid_until })
        }
        QuotationStatus::Draft | QuotationStatus::Expired => Err(AnswerError::NotSent),
        QuotationStatus::Accepted | QuotationStatus::Declined => Err(AnswerError::AlreadyAnswered),
    }
}

/// A sales invoice's status as listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SalesInvoiceStatus {
    Draft,
    /// Issued, something left to pay, not yet due.
    Open,
    /// Issued and nothing left to pay.
    Paid,
    /// Past its due date with principal unpaid.
    Overdue,
    /// Credited in full by credit notes.
    Credited,
}

impl SalesInvoiceStatus {
    pub fn name(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Open => "open",
            Self::Paid => "paid",
            Self::Overdue => "overdue",
            Self::Credited => "credited",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        [
            Self::Draft,
            Self::Open,
            Self::Paid,
            Self::Overdue,
            Self::Credited,
        ]
        .into_iter()
        .find(|s| s.name() == name)
    }
}

/// The status of an issued invoice of `total_incl_vat` with `credited`
/// (credit notes, incl. VAT) and `open_principal` left, due on `due_date`.
pub fn sales_invoice_status(
    total_incl_vat: Decimal,
    credited: Decimal,
    open_principal: Decimal,
    due_date: NaiveDate,
    today: NaiveDate,
) -> SalesInvoiceStatus {
    if credited >= total_incl_vat {
        SalesInvoiceStatus::Credited
    } else if open_principal <= Decimal::ZERO {
        SalesInvoiceStatus::Paid
    } else if today > due_date {
        SalesInvoiceStatus::Overdue
    } else {
        SalesInvoiceStatus::Open
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::billing::test_support::{d, date};

    #[test]
    fn a_quotation_expires_the_day_after_its_validity() {
        let until = date(2026, 12, 31);
        assert_eq!(
            quotation_status(QuotationState::Sent, until, until),
            QuotationStatus::Sent
        );
        assert_eq!(
            quotation_status(QuotationState::Sent, until, date(2027, 1, 1)),
            QuotationStatus::Expired
        );
        assert_eq!(
            quotation_status(QuotationState::Accepted, until, date(2027, 1, 1)),
            QuotationStatus::Accepted
        );
        assert_eq!(may_answer(QuotationState::Sent, until, until), Ok(()));
        assert_eq!(
            may_answer(QuotationState::Sent, until, date(2027, 1, 1)),
            Err(AnswerError::Expired { valid_until: until })
        );
        assert_eq!(
            may_answer(QuotationState::Draft, until, until),
            Err(AnswerError::NotSent)
        );
        assert_eq!(
            may_answer(QuotationState::Declined, until, until),
            Err(AnswerError::AlreadyAnswered)
        );
    }

    #[test]
    fn policies_map_to_the_engine_regimes() {
        assert_eq!(
            SalesLatePaymentPolicy::parse("contractual", None),
            Err(SalesRuleError::ContractualRateMissing)
        );
        assert_eq!(
            SalesLatePaymentPolicy::parse("contractual", Some(d("0"))),
            Err(SalesRuleError::ContractualRateMissing)
        );
        let p = SalesLatePaymentPolicy::parse("contractual", Some(d("12"))).unwrap();
        assert_eq!(
            p.regime(false),
            LatePaymentPolicy::B2b(B2bLatePaymentTerms::contractual(d("12")))
        );
        assert_eq!(
            p.regime(true),
            LatePaymentPolicy::Consumer(ConsumerDebtTerms {
                legal_interest: YearlyRate::Legal,
                agreed_annual_interest: YearlyRate::Fixed(d("12")),
            })
        );
        assert_eq!(
            SalesLatePaymentPolicy::Statutory.regime(false),
            LatePaymentPolicy::B2b(B2bLatePaymentTerms::statutory())
        );
        assert_eq!(
            SalesLatePaymentPolicy::Statutory.regime(true),
            LatePaymentPolicy::Consumer(ConsumerDebtTerms {
                legal_interest: YearlyRate::Legal,
                agreed_annual_interest: YearlyRate::CommercialStatutory,
            })
        );
        assert_eq!(
            SalesLatePaymentPolicy::None.regime(true),
            LatePaymentPolicy::B2b(B2bLatePaymentTerms::none())
        );
        assert!(SalesLatePaymentPolicy::parse("weekly", None).is_err());
    }

    #[test]
    fn vat_rates_and_statuses() {
        assert_eq!(vat_category_for_rate(d("21")), Ok(VatCategory::Standard21));
        assert_eq!(vat_category_for_rate(d("0")), Ok(VatCategory::ZeroRated));
        assert!(vat_category_for_rate(d("19")).is_err());
        let due = date(2026, 12, 1);
        assert_eq!(
            sales_invoice_status(d("121"), d("0"), d("121"), due, due),
            SalesInvoiceStatus::Open
        );
        assert_eq!(
            sales_invoice_status(d("121"), d("0"), d("121"), due, date(2026, 12, 2)),
            SalesInvoiceStatus::Overdue
        );
        assert_eq!(
            sales_invoice_status(d("121"), d("0"), d("0"), due, date(2026, 12, 2)),
            SalesInvoiceStatus::Paid
        );
        assert_eq!(
            sales_invoice_status(d("121"), d("121"), d("0"), due, due),
            SalesInvoiceStatus::Credited
        );
    }
}
