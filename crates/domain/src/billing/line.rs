//! Invoice lines: quantity × unit price excl. VAT, at most one discount, a
//! VAT category; the line net amount as EN 16931 rounds it (BT-131).

use super::vat_category::VatCategory;
use crate::money::round_to_cent;
use rust_decimal::Decimal;

/// A discount on one line. Terms art. 9 / SPEC §2: discounts are written on
/// the invoice and do not stack, so a line has at most one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Discount {
    /// A percentage of the line's gross amount; 10 means 10 %.
    Percent(Decimal),
    /// A fixed amount in euros off the whole line (not per unit).
    Amount(Decimal),
}

/// Why a line was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LineError {
    #[error("a line needs a description")]
    MissingDescription,
    #[error("the quantity must be more than zero, got {quantity}; corrections are made with a credit note")]
    QuantityNotPositive { quantity: Decimal },
    #[error("the unit price must not be negative, got {unit_price}")]
    NegativeUnitPrice { unit_price: Decimal },
    #[error("a percentage discount must be more than 0 and at most 100, got {percent}")]
    DiscountPercentOutOfRange { percent: Decimal },
    #[error("a discount amount must be more than zero with at most two decimals, got {amount}")]
    DiscountAmountInvalid { amount: Decimal },
    #[error("the discount of {discount} is more than the line's gross amount of {gross}")]
    DiscountExceedsLine { discount: Decimal, gross: Decimal },
}

/// One invoice or credit note line, checked when made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceLine {
    description: String,
    quantity: Decimal,
    unit_price: Decimal,
    discount: Option<Discount>,
    vat_category: VatCategory,
}

impl InvoiceLine {
    /// A line of `quantity` × `unit_price` (euros excl. VAT), with at most one
    /// discount. Refuses an empty description, a quantity of zero or less, a
    /// negative price, and a discount that is out of range or larger than the line.
    pub fn new(
        description: &str,
        quantity: Decimal,
        unit_price: Decimal,
        discount: Option<Discount>,
        vat_category: VatCategory,
    ) -> Result<Self, LineError> {
        let description = description.trim();
        if description.is_empty() {
            return Err(LineError::MissingDescription);
        }
        if quantity <= Decimal::ZERO {
            return Err(LineError::QuantityNotPositive { quantity });
        }
        if unit_price < Decimal::ZERO {
            return Err(LineError::NegativeUnitPrice { unit_price });
        }
        let gross = quantity * unit_price;
        match discount {
            Some(Discount::Percent(percent))
                if percent <= Decimal::ZERO || percent > Decimal::ONE_HUNDRED =>
            {
                return Err(LineError::DiscountPercentOutOfRange { percent });
            }
            Some(Discount::Amount(amount))
                if amount <= Decimal::ZERO || round_to_cent(amount) != amount =>
            {
                return Err(LineError::DiscountAmountInvalid { amount });
            }
            Some(Discount::Amount(amount)) if amount > gross => {
                return Err(LineError::DiscountExceedsLine {
                    discount: amount,
                    gross,
                });
            }
            _ => {}
        }
        Ok(Self {
            description: description.to_owned(),
            quantity,
            unit_price,
            discount,
            vat_category,
        })
    }

    pub fn description(&self) -> &str {
        &self.description
    }

    pub fn quantity(&self) -> Decimal {
        self.quantity
    }

    /// Unit price excl. VAT, as written (BT-146; may have more than two decimals).
    pub fn unit_price(&self) -> Decimal {
        self.unit_price
    }

    pub fn discount(&self) -> Option<Discount> {
        self.discount
    }

    /// The category the line was written with; the invoice may invoice it
    /// as reverse charge instead (see [`super::vat_category::effective_category`]).
    pub fn vat_category(&self) -> VatCategory {
        self.vat_category
    }

    /// Quantity × unit price, unrounded.
    pub fn gross_amount(&self) -> Decimal {
        self.quantity * self.unit_price
    }

    /// The discount in euros, as printed on the line (the line allowance
    /// amount, BT-136): a percentage is rounded to the cent here.
    pub fn discount_amount(&self) -> Decimal {
        match self.discount {
            None => Decimal::ZERO,
            // EN 16931: amounts on the invoice have two decimals.
            Some(Discount::Percent(percent)) => {
                round_to_cent(self.gross_amount() * percent / Decimal::ONE_HUNDRED)
            }
            Some(Discount::Amount(amount)) => amount,
        }
    }

    /// The line net amount (BT-131): quantity × price − discount, rounded to
    /// the cent once, here.
    pub fn net_amount(&self) -> Decimal {
        // EN 16931 BT-131: the line net amount is rounded to two decimals.
        round_to_cent(self.gross_amount() - self.discount_amount())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::billing::test_support::d;

    fn line(qty: &str, price: &str, discount: Option<Discount>) -> Result<InvoiceLine, LineError> {
        InvoiceLine::new(
            "Basic Package",
            d(qty),
            d(price),
            discount,
            VatCategory::Standard21,
        )
    }

    #[test]
    fn half_cent_rounds_away_from_zero() {
        assert_eq!(line("1", "10.005", None).unwrap().net_amount(), d("10.01"));
        assert_eq!(line("3", "0.335", None).unwrap().net_amount(), d("1.01")); // 1.005
        assert_eq!(line("1", "10.0049", None).unwrap().net_amount(), d("10.00"));
        assert_eq!(line("0.5", "0.01", None).unwrap().net_amount(), d("0.01")); // 0.005
    }

    #[test]
    fn percent_discount_is_rounded_as_printed() {
        let l = line("1", "99.99", Some(Discount::Percent(d("15")))).unwrap();
        // 15 % of 99.99 = 14.9985 → 15.00 on the invoice.
        assert_eq!(l.discount_amount(), d("15.00"));
        assert_eq!(l.net_amount(), d("84.99"));
        let l = line("12", "4.15", Some(Discount::Percent(d("12.5")))).unwrap();
        // gross 49.80, 12.5 % = 6.225 → 6.23.
        assert_eq!(l.discount_amount(), d("6.23"));
        assert_eq!(l.net_amount(), d("43.57"));
        // A price with more decimals: the net is rounded after the discount.
        let l = line("1", "10.005", Some(Discount::Amount(d("1.00")))).unwrap();
        assert_eq!(l.net_amount(), d("9.01"));
    }

    #[test]
    fn a_full_discount_gives_a_zero_line() {
        assert_eq!(
            line("2", "50", Some(Discount::Percent(d("100"))))
                .unwrap()
                .net_amount(),
            d("0.00")
        );
        assert_eq!(
            line("2", "50", Some(Discount::Amount(d("100"))))
                .unwrap()
                .net_amount(),
            d("0")
        );
    }

    #[test]
    fn invalid_lines_are_refused_with_the_reason() {
        assert_eq!(
            InvoiceLine::new(" ", d("1"), d("1"), None, VatCategory::Standard21),
            Err(LineError::MissingDescription)
        );
        assert_eq!(
            line("0", "1", None),
            Err(LineError::QuantityNotPositive { quantity: d("0") })
        );
        assert_eq!(
            line("1", "-1", None),
            Err(LineError::NegativeUnitPrice {
                unit_price: d("-1")
            })
        );
        assert_eq!(
            line("1", "10", Some(Discount::Percent(d("100.01")))),
            Err(LineError::DiscountPercentOutOfRange {
                percent: d("100.01")
            })
        );
        assert_eq!(
            line("1", "10", Some(Discount::Percent(d("0")))),
            Err(LineError::DiscountPercentOutOfRange { percent: d("0") })
        );
        assert_eq!(
            line("1", "10", Some(Discount::Amount(d("10.01")))),
            Err(LineError::DiscountExceedsLine {
                discount: d("10.01"),
                gross: d("10")
            })
        );
        assert_eq!(
            line("1", "10", Some(Discount::Amount(d("0.001")))),
            Err(LineError::DiscountAmountInvalid { amount: d("0.001") })
        );
    }
}
