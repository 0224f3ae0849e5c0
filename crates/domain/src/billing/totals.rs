//! Document totals and the VAT breakdown, rounded as EN 16931 requires: VAT
//! is computed once per category and rate on the sum of the line net
//! amounts (BR-CO-17), never per line.

use super::vat_category::VatCategory;
use crate::money::round_to_cent;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// One row of the VAT breakdown (BG-23, UBL `cac:TaxSubtotal`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VatBreakdown {
    /// Category (BT-118); its code and rate follow from it.
    pub category: VatCategory,
    /// Rate in percent (BT-119).
    pub rate_percent: Decimal,
    /// Sum of the line net amounts in this category (BT-116).
    pub taxable_amount: Decimal,
    /// VAT in this category (BT-117): rate × taxable amount, rounded to the cent.
    pub tax_amount: Decimal,
}

/// The totals of an invoice or credit note (BG-22). A credit note's totals
/// are positive amounts, as UBL writes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentTotals {
    /// Per category and rate, in [`VatCategory`] order; one row per category used.
    pub vat_breakdown: Vec<VatBreakdown>,
    /// Sum of line net amounts (BT-106); equal to the total excl. VAT (BT-109)
    /// as discounts are per line, never on the document.
    pub total_excl_vat: Decimal,
    /// Sum of the breakdown's tax amounts (BT-110).
    pub vat_total: Decimal,
    /// BT-112.
    pub total_incl_vat: Decimal,
    /// Amount already paid before the invoice (BT-113).
    pub prepaid: Decimal,
    /// What the buyer still has to pay (BT-115): total incl. VAT − prepaid.
    pub amount_due: Decimal,
}

/// Totals of lines given as (effective category, line net amount).
pub fn document_totals(
    lines: impl IntoIterator<Item = (VatCategory, Decimal)>,
    prepaid: Decimal,
) -> DocumentTotals {
    let mut taxable: BTreeMap<VatCategory, Decimal> = BTreeMap::new();
    for (category, net) in lines {
        *taxable.entry(category).or_default() += net;
    }
    let vat_breakdown: Vec<VatBreakdown> = taxable
        .into_iter()
        .map(|(category, taxable_amount)| VatBreakdown {
            category,
            rate_percent: category.rate_percent(),
            taxable_amount,
            // EN 16931 BR-CO-17: VAT per category = taxable × rate, rounded to two decimals.
            tax_amount: round_to_cent(
                taxable_amount * category.rate_percent() / Decimal::ONE_HUNDRED,
            ),
        })
        .collect();
    let total_excl_vat: Decimal = vat_breakdown.iter().map(|row| row.taxable_amount).sum();
    let vat_total: Decimal = vat_breakdown.iter().map(|row| row.tax_amount).sum();
    let total_incl_vat = total_excl_vat + vat_total;
    DocumentTotals {
        vat_breakdown,
        total_excl_vat,
        vat_total,
        total_incl_vat,
        prepaid,
        amount_due: total_incl_vat - prepaid,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::billing::test_support::d;
    use crate::billing::{Discount, InvoiceLine};
    use proptest::prelude::*;

    #[test]
    fn vat_per_rate_not_per_line() {
        // Ten lines of 0.05 at 21 %: per line the VAT would be 0.0105 → 0.01, ten
        // times 0.10; on the sum it is 0.50 × 21 % = 0.105 → 0.11.
        let lines = (0..10).map(|_| (VatCategory::Standard21, d("0.05")));
        let t = document_totals(lines, Decimal::ZERO);
        assert_eq!(t.total_excl_vat, d("0.50"));
        assert_eq!(t.vat_total, d("0.11"));
        assert_eq!(t.total_incl_vat, d("0.61"));
    }

    #[test]
    fn many_small_lines() {
        // 1000 lines of 0.333 × 1 → each 0.33 net; 330.00 × 6 % = 19.80.
        let line =
            InvoiceLine::new("page", d("1"), d("0.333"), None, VatCategory::Reduced6).unwrap();
        let t = document_totals(
            (0..1000).map(|_| (VatCategory::Reduced6, line.net_amount())),
            Decimal::ZERO,
        );
        assert_eq!(t.total_excl_vat, d("330.00"));
        assert_eq!(t.vat_total, d("19.80"));
    }

    #[test]
    fn mixed_rates_with_discounts_and_prepaid() {
        let l1 = InvoiceLine::new(
            "Basic Package",
            d("1"),
            d("1200"),
            Some(Discount::Percent(d("10"))),
            VatCategory::Standard21,
        )
        .unwrap();
        let l2 = InvoiceLine::new("Book", d("3"), d("19.99"), None, VatCategory::Reduced6).unwrap();
        let l3 = InvoiceLine::new(
            "Seat",
            d("2"),
            d("7.125"),
            Some(Discount::Amount(d("0.25"))),
            VatCategory::Standard21,
        )
        .unwrap();
        let lines = [&l1, &l2, &l3].map(|l| (l.vat_category(), l.net_amount()));
        let t = document_totals(lines, d("100"));
        // 1080.00 + 14.00 (14.25 − 0.25) = 1094.00 at 21 % → 229.74; 59.97 at 6 % → 3.5982 → 3.60.
        assert_eq!(
            t.vat_breakdown,
            vec![
                VatBreakdown {
                    category: VatCategory::Standard21,
                    rate_percent: d("21"),
                    taxable_amount: d("1094.00"),
                    tax_amount: d("229.74")
                },
                VatBreakdown {
                    category: VatCategory::Reduced6,
                    rate_percent: d("6"),
                    taxable_amount: d("59.97"),
                    tax_amount: d("3.60")
                },
            ]
        );
        assert_eq!(t.total_excl_vat, d("1153.97"));
        assert_eq!(t.vat_total, d("233.34"));
        assert_eq!(t.total_incl_vat, d("1387.31"));
        assert_eq!(t.amount_due, d("1287.31"));
    }

    #[test]
    fn half_cent_vat_rounds_up() {
        // 0.25 at 6 % = 0.015 → 0.02 (half to even would give 0.02 too; 0.75 → 0.045 tells them apart).
        let t = document_totals([(VatCategory::Reduced6, d("0.25"))], Decimal::ZERO);
        assert_eq!(t.vat_total, d("0.02"));
        let t = document_totals([(VatCategory::Reduced6, d("0.75"))], Decimal::ZERO);
        assert_eq!(t.vat_total, d("0.05"));
    }

    fn category() -> impl Strategy<Value = VatCategory> {
        prop_oneof![
            Just(VatCategory::Standard21),
            Just(VatCategory::Reduced12),
            Just(VatCategory::Reduced6),
            Just(VatCategory::ZeroRated),
            Just(VatCategory::Exempt),
            Just(VatCategory::ReverseCharge),
        ]
    }

    proptest! {
        #[test]
        fn totals_equal_the_sum_of_the_breakdown(
            lines in proptest::collection::vec((category(), 1i64..100_000, 0i64..10_000_000, 0u32..=100), 1..40),
        ) {
            let lines: Vec<InvoiceLine> = lines
                .into_iter()
                .map(|(cat, milli_qty, price_tenth_cents, pct)| {
                    let discount = (pct > 0).then(|| Discount::Percent(Decimal::from(pct)));
                    InvoiceLine::new("x", Decimal::new(milli_qty, 3), Decimal::new(price_tenth_cents, 3), discount, cat).unwrap()
                })
                .collect();
            let t = document_totals(lines.iter().map(|l| (l.vat_category(), l.net_amount())), Decimal::ZERO);
            let net_sum: Decimal = lines.iter().map(InvoiceLine::net_amount).sum();
            prop_assert_eq!(t.total_excl_vat, net_sum);
            prop_assert_eq!(t.total_excl_vat, t.vat_breakdown.iter().map(|r| r.taxable_amount).sum::<Decimal>());
            prop_assert_eq!(t.vat_total, t.vat_breakdown.iter().map(|r| r.tax_amount).sum::<Decimal>());
            prop_assert_eq!(t.total_incl_vat, t.total_excl_vat + t.vat_total);
            for row in &t.vat_breakdown {
                prop_assert_eq!(row.tax_amount, round_to_cent(row.taxable_amount * row.rate_percent / Decimal::ONE_HUNDRED));
                prop_assert_eq!(round_to_cent(row.taxable_amount), row.taxable_amount);
                prop_assert_eq!(round_to_cent(row.tax_amount), row.tax_amount);
            }
            // One row per category used, no duplicates.
            let mut used: Vec<VatCategory> = lines.iter().map(InvoiceLine::vat_category).collect();
            used.sort();
            used.dedup();
            prop_assert_eq!(used, t.vat_breakdown.iter().map(|r| r.category).collect::<Vec<_>>());
        }
    }
}
