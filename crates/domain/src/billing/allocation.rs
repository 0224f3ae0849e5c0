//! How a payment is allocated over what a Client owes (terms art. 10, SPEC
//! §3): "first ... to the collection costs, then to the damage suffered, the
//! interest due and only then to the principal sum, with preference being
//! given to allocating the money paid to the oldest outstanding principal sum".

use super::numbering::InvoiceNumber;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// A kind of amount owed on an invoice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ClaimComponent {
    /// Collection costs actually incurred (terms art. 11).
    CollectionCosts,
    /// The fixed compensation (terms art. 11, or the consumer's statutory one).
    Compensation,
    /// Liquidated damages for an order cancelled for non-payment (terms art. 11).
    LiquidatedDamages,
    /// Late-payment interest.
    Interest,
    /// The invoice's amount due.
    Principal,
}

/// Terms art. 10: costs, then damage (the fixed compensation and the
/// liquidated damages are both "damage suffered"; the compensation, which
/// arises first, goes first), then interest, then principal.
pub const ALLOCATION_ORDER: [ClaimComponent; 5] = [
    ClaimComponent::CollectionCosts,
    ClaimComponent::Compensation,
    ClaimComponent::LiquidatedDamages,
    ClaimComponent::Interest,
    ClaimComponent::Principal,
];

/// An amount per component.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Claims {
    pub collection_costs: Decimal,
    pub compensation: Decimal,
    pub liquidated_damages: Decimal,
    pub interest: Decimal,
    pub principal: Decimal,
}

impl Claims {
    pub fn get(&self, component: ClaimComponent) -> Decimal {
        match component {
            ClaimComponent::CollectionCosts => self.collection_costs,
            ClaimComponent::Compensation => self.compensation,
            ClaimComponent::LiquidatedDamages => self.liquidated_damages,
            ClaimComponent::Interest => self.interest,
            ClaimComponent::Principal => self.principal,
        }
    }

    pub fn get_mut(&mut self, component: ClaimComponent) -> &mut Decimal {
        match component {
            ClaimComponent::CollectionCosts => &mut self.collection_costs,
            ClaimComponent::Compensation => &mut self.compensation,
            ClaimComponent::LiquidatedDamages => &mut self.liquidated_damages,
            ClaimComponent::Interest => &mut self.interest,
            ClaimComponent::Principal => &mut self.principal,
        }
    }

    pub fn total(&self) -> Decimal {
        ALLOCATION_ORDER.iter().map(|c| self.get(*c)).sum()
    }

    /// Component by component, `self − other`.
    pub fn minus(&self, other: &Claims) -> Claims {
        let mut out = *self;
        for c in ALLOCATION_ORDER {
            *out.get_mut(c) -= other.get(c);
        }
        out
    }
}

/// What is still owed on one invoice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceClaims {
    pub invoice: InvoiceNumber,
    /// Decides which principal is oldest (then the number, for equal dates).
    pub due_date: NaiveDate,
    pub open: Claims,
}

/// One part of a payment: this much went to this component of this invoice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Allocation {
    pub invoice: InvoiceNumber,
    pub component: ClaimComponent,
    pub amount: Decimal,
}

/// How a payment was allocated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentAllocation {
    /// In allocation order.
    pub allocations: Vec<Allocation>,
    /// What was left once everything owed was paid: a credit in the
    /// Client's favour, set off against later debts (terms art. 24) or refunded.
    pub unallocated: Decimal,
}

/// Why a payment could not be allocated.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AllocationError {
    #[error("a payment must be more than zero, got {amount}")]
    PaymentNotPositive { amount: Decimal },
    #[error("invoice {invoice} owes a negative {component:?} of {amount}")]
    NegativeClaim {
        invoice: InvoiceNumber,
        component: ClaimComponent,
        amount: Decimal,
    },
}

/// Allocates `amount` over `open`: component by component in
/// [`ALLOCATION_ORDER`], and within a component the invoice due first
/// (terms art. 10: "the oldest outstanding principal sum"; the same order is
/// used for the other components). The allocations sum to
/// min(amount, total owed); the rest is `unallocated`.
pub fn allocate_payment(
    amount: Decimal,
    open: &[InvoiceClaims],
) -> Result<PaymentAllocation, AllocationError> {
    if amount <= Decimal::ZERO {
        return Err(AllocationError::PaymentNotPositive { amount });
    }
    for claims in open {
        for component in ALLOCATION_ORDER {
            let owed = claims.open.get(component);
            if owed < Decimal::ZERO {
                return Err(AllocationError::NegativeClaim {
                    invoice: claims.invoice.clone(),
                    component,
                    amount: owed,
                });
            }
        }
    }
    let mut oldest_first: Vec<&InvoiceClaims> = open.iter().collect();
    oldest_first.sort_by(|a, b| (a.due_date, &a.invoice).cmp(&(b.due_date, &b.invoice)));
    let mut left = amount;
    let mut allocations = Vec::new();
    for component in ALLOCATION_ORDER {
        for claims in &oldest_first {
            if left.is_zero() {
                break;
            }
            let paid = left.min(claims.open.get(component));
            if paid > Decimal::ZERO {
                allocations.push(Allocation {
                    invoice: claims.invoice.clone(),
                    component,
                    amount: paid,
                });
                left -= paid;
            }
        }
    }
    Ok(PaymentAllocation {
        allocations,
        unallocated: left,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::billing::document::tests::number;
    use crate::billing::test_support::{d, date};
    use proptest::prelude::*;

    fn claims(
        seq: u32,
        due: NaiveDate,
        costs: &str,
        comp: &str,
        damages: &str,
        interest: &str,
        principal: &str,
    ) -> InvoiceClaims {
        InvoiceClaims {
            invoice: number("F", 2026, seq),
            due_date: due,
            open: Claims {
                collection_costs: d(costs),
                compensation: d(comp),
                liquidated_damages: d(damages),
                interest: d(interest),
                principal: d(principal),
            },
        }
    }

    fn alloc(seq: u32, component: ClaimComponent, amount: &str) -> Allocation {
        Allocation {
            invoice: number("F", 2026, seq),
            component,
            amount: d(amount),
        }
    }

    #[test]
    fn costs_then_damage_then_interest_then_oldest_principal() {
        use ClaimComponent::*;
        // Given newest first, to show the order does not come from the input.
        let open = vec![
            claims(2, date(2026, 3, 15), "0", "0", "0", "0", "500"),
            claims(1, date(2026, 1, 31), "40", "150", "100", "29.04", "1452"),
        ];
        let a = allocate_payment(d("1000"), &open).unwrap();
        assert_eq!(
            a.allocations,
            vec![
                alloc(1, CollectionCosts, "40"),
                alloc(1, Compensation, "150"),
                alloc(1, LiquidatedDamages, "100"),
                alloc(1, Interest, "29.04"),
                alloc(1, Principal, "680.96"),
            ]
        );
        assert_eq!(a.unallocated, d("0"));
        // Enough for everything: the newer principal last, the rest unallocated.
        let a = allocate_payment(d("2300"), &open).unwrap();
        assert_eq!(a.allocations.last(), Some(&alloc(2, Principal, "500")));
        assert_eq!(a.unallocated, d("28.96"));
    }

    #[test]
    fn interest_of_a_newer_invoice_before_principal_of_an_older_one() {
        use ClaimComponent::*;
        let open = vec![
            claims(1, date(2026, 1, 31), "0", "0", "0", "0", "100"),
            claims(2, date(2026, 2, 28), "0", "150", "0", "5", "100"),
        ];
        let a = allocate_payment(d("200"), &open).unwrap();
        assert_eq!(
            a.allocations,
            vec![
                alloc(2, Compensation, "150"),
                alloc(2, Interest, "5"),
                alloc(1, Principal, "45")
            ]
        );
    }

    #[test]
    fn equal_due_dates_go_by_number() {
        let open = vec![
            claims(7, date(2026, 2, 1), "0", "0", "0", "0", "100"),
            claims(3, date(2026, 2, 1), "0", "0", "0", "0", "100"),
        ];
        let a = allocate_payment(d("50"), &open).unwrap();
        assert_eq!(
            a.allocations,
            vec![alloc(3, ClaimComponent::Principal, "50")]
        );
    }

    #[test]
    fn refuses_nonsense() {
        assert_eq!(
            allocate_payment(d("0"), &[]),
            Err(AllocationError::PaymentNotPositive { amount: d("0") })
        );
        let bad = vec![claims(1, date(2026, 1, 1), "0", "0", "0", "-1", "0")];
        assert!(matches!(
            allocate_payment(d("1"), &bad),
            Err(AllocationError::NegativeClaim { .. })
        ));
        assert_eq!(allocate_payment(d("5"), &[]).unwrap().unallocated, d("5"));
    }

    fn cents() -> impl Strategy<Value = Decimal> {
        prop_oneof![
            Just(Decimal::ZERO),
            (1i64..500_000).prop_map(|c| Decimal::new(c, 2))
        ]
    }

    fn open_invoices() -> impl Strategy<Value = Vec<InvoiceClaims>> {
        proptest::collection::vec(
            (0i64..400, cents(), cents(), cents(), cents(), cents()),
            0..8,
        )
        .prop_map(|rows| {
            rows.into_iter()
                .enumerate()
                .map(
                    |(i, (days, costs, comp, damages, interest, principal))| InvoiceClaims {
                        invoice: number("F", 2026, u32::try_from(i).unwrap() + 1),
                        due_date: date(2026, 1, 1) + chrono::Duration::days(days),
                        open: Claims {
                            collection_costs: costs,
                            compensation: comp,
                            liquidated_damages: damages,
                            interest,
                            principal,
                        },
                    },
                )
                .collect()
        })
    }

    proptest! {
        #[test]
        fn allocations_sum_to_what_can_be_paid(open in open_invoices(), payment in (1i64..3_000_000).prop_map(|c| Decimal::new(c, 2))) {
            let a = allocate_payment(payment, &open).unwrap();
            let owed: Decimal = open.iter().map(|c| c.open.total()).sum();
            let allocated: Decimal = a.allocations.iter().map(|x| x.amount).sum();
            prop_assert_eq!(allocated, payment.min(owed));
            prop_assert_eq!(allocated + a.unallocated, payment);
            prop_assert!(a.unallocated >= Decimal::ZERO);
            if a.unallocated > Decimal::ZERO {
                prop_assert_eq!(allocated, owed);
            }
            for x in &a.allocations {
                let claims = open.iter().find(|c| c.invoice == x.invoice).unwrap();
                // At most one allocation per invoice and component, never above what is owed.
                prop_assert_eq!(a.allocations.iter().filter(|y| y.invoice == x.invoice && y.component == x.component).count(), 1);
                prop_assert!(x.amount > Decimal::ZERO && x.amount <= claims.open.get(x.component));
            }
            // Only the last allocation may leave something of its claim unpaid,
            // and nothing comes after a claim that was not paid in full.
            for (i, x) in a.allocations.iter().enumerate() {
                let claims = open.iter().find(|c| c.invoice == x.invoice).unwrap();
                if x.amount < claims.open.get(x.component) {
                    prop_assert_eq!(i, a.allocations.len() - 1);
                }
            }
            // Components never go backwards in the order.
            let ranks: Vec<usize> = a.allocations.iter().map(|x| ALLOCATION_ORDER.iter().position(|c| *c == x.component).unwrap()).collect();
            prop_assert!(ranks.windows(2).all(|w| w[0] <= w[1]));
        }
    }
}
