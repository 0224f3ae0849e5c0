//! Sample documents for the tests: a Belgian domestic B2B invoice (21 % and
//! 6 %, a discount), a credit note on it, an intra-EU reverse-charge invoice
//! (BE → NL, direct debit) and a direct debit batch. Fictitious parties;
//! every identifier has valid check digits.
#![allow(dead_code)]

use chrono::{NaiveDate, NaiveDateTime};
use ecom_documents::*;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

pub fn seller() -> Party {
    Party {
        name: "Ecom BV".into(),
        vat_number: Some("BE0987654394".into()),
        company_id: Some("0987654394".into()),
        street: "Kunstlaan 56".into(),
        city: "Brussel".into(),
        postal_code: "1000".into(),
        country_code: "BE".into(),
        email: Some("billing@ecom.invalid".into()),
        electronic_address: Some(ElectronicAddress {
            scheme: "0208".into(),
            id: "0987654394".into(),
        }),
    }
}

pub fn belgian_buyer() -> Party {
    Party {
        name: "Brasserie De Kroon BV".into(),
        vat_number: Some("BE0452187175".into()),
        company_id: Some("0452187175".into()),
        street: "Korenmarkt 12".into(),
        city: "Gent".into(),
        postal_code: "9000".into(),
        country_code: "BE".into(),
        email: Some("boekhouding@dekroon.invalid".into()),
        electronic_address: Some(ElectronicAddress {
            scheme: "0208".into(),
            id: "0452187175".into(),
        }),
    }
}

pub fn dutch_buyer() -> Party {
    Party {
        name: "Tulpen Handel B.V.".into(),
        vat_number: Some("NL123456789B01".into()),
        company_id: Some("12345678".into()),
        street: "Keizersgracht 100".into(),
        city: "Amsterdam".into(),
        postal_code: "1015 AA".into(),
        country_code: "NL".into(),
        email: None,
        electronic_address: Some(ElectronicAddress {
            scheme: "9944".into(),
            id: "NL123456789B01".into(),
        }),
    }
}

#[allow(clippy::too_many_arguments)] // one argument per column of a line
pub fn line(
    id: &str,
    description: &str,
    qty: Decimal,
    unit: &str,
    price: Decimal,
    discount: Option<Decimal>,
    cat: &str,
    rate: Decimal,
) -> DocumentLine {
    let net = (qty * price)
        .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
        - discount.unwrap_or_default();
    DocumentLine {
        id: id.into(),
        description: description.into(),
        quantity: qty,
        unit_code: unit.into(),
        unit_price: price,
        discount_amount: discount,
        net_amount: net,
        vat_category: cat.into(),
        vat_rate: rate,
    }
}

pub fn credit_transfer(reference: &str) -> PaymentInfo {
    PaymentInfo {
        means_code: "30".into(),
        iban: "BE68539007547034".into(),
        bic: Some("GKCCBEBB".into()),
        account_name: "Ecom BV".into(),
        structured_reference: reference.into(),
        mandate_id: None,
        creditor_id: None,
        debtor_iban: None,
    }
}

/// 21 % on a subscription and a discounted workshop, 6 % on printed guides.
/// 305.50 × 21 % = 64.155, which rounds half away from zero to 64.16.
pub fn domestic_invoice() -> InvoiceDocument {
    InvoiceDocument {
        kind: DocumentKind::Invoice,
        number: "2026-000017".into(),
        issue_date: date(2026, 1, 15),
        due_date: Some(date(2026, 1, 29)),
        currency: "EUR".into(),
        seller: seller(),
        buyer: belgian_buyer(),
        lines: vec![
            line(
                "1",
                "Ecom CRM subscription, Business plan, February 2026",
                dec!(1),
                "MON",
                dec!(49.00),
                None,
                "S",
                dec!(21),
            ),
            line(
                "2",
                "Onboarding workshop (on site, Gent)",
                dec!(3),
                "HUR",
                dec!(95.00),
                Some(dec!(28.50)),
                "S",
                dec!(21),
            ),
            line(
                "3",
                "Printed user guide",
                dec!(2),
                "C62",
                dec!(12.50),
                None,
                "S",
                dec!(6),
            ),
        ],
        vat_breakdown: vec![
            VatSubtotal {
                category: "S".into(),
                rate: dec!(21),
                taxable_amount: dec!(305.50),
                tax_amount: dec!(64.16),
                exemption_reason: None,
            },
            VatSubtotal {
                category: "S".into(),
                rate: dec!(6),
                taxable_amount: dec!(25.00),
                tax_amount: dec!(1.50),
                exemption_reason: None,
            },
        ],
        totals: Totals {
            line_extension: dec!(330.50),
            tax_exclusive: dec!(330.50),
            tax_amount: dec!(65.66),
            tax_inclusive: dec!(396.16),
            prepaid: dec!(0),
            payable: dec!(396.16),
        },
        payment: Some(credit_transfer("+++202/6000/01711+++")),
        notes: vec![
            "Thank you for your business. Disputes within 7 days of the invoice date.".into(),
        ],
        billing_reference: None,
        buyer_reference: Some("PO-KROON-2026-004".into()),
        order_reference: None,
        legal_mention: None,
    }
}

/// Credits one hour of the workshop on the domestic invoice.
pub fn credit_note() -> InvoiceDocument {
    InvoiceDocument {
        kind: DocumentKind::CreditNote,
        number: "CN-2026-000003".into(),
        issue_date: date(2026, 1, 20),
        due_date: None,
        currency: "EUR".into(),
        seller: seller(),
        buyer: belgian_buyer(),
        lines: vec![line(
            "1",
            "Onboarding workshop: one hour not delivered",
            dec!(1),
            "HUR",
            dec!(95.00),
            None,
            "S",
            dec!(21),
        )],
        vat_breakdown: vec![VatSubtotal {
            category: "S".into(),
            rate: dec!(21),
            taxable_amount: dec!(95.00),
            tax_amount: dec!(19.95),
            exemption_reason: None,
        }],
        totals: Totals {
            line_extension: dec!(95.00),
            tax_exclusive: dec!(95.00),
            tax_amount: dec!(19.95),
            tax_inclusive: dec!(114.95),
            prepaid: dec!(0),
            payable: dec!(114.95),
        },
        payment: None,
        notes: vec![],
        billing_reference: Some(BillingReference {
            invoice_number: "2026-000017".into(),
            issue_date: date(2026, 1, 15),
        }),
        buyer_reference: Some("PO-KROON-2026-004".into()),
        order_reference: None,
        legal_mention: None,
    }
}

pub const REVERSE_CHARGE_MENTION: &str =
    "Reverse charge: VAT to be accounted for by the customer (art. 196 Directive 2006/112/EC).";

/// A yearly subscription sold to a Dutch company: reverse charge, collected
/// by SEPA direct debit.
pub fn reverse_charge_invoice() -> InvoiceDocument {
    InvoiceDocument {
        kind: DocumentKind::Invoice,
        number: "2026-000031".into(),
        issue_date: date(2026, 2, 1),
        due_date: Some(date(2026, 2, 1)),
        currency: "EUR".into(),
        seller: seller(),
        buyer: dutch_buyer(),
        lines: vec![line(
            "1",
            "Ecom CRM subscription, Enterprise plan, 12 months from 1 February 2026",
            dec!(12),
            "MON",
            dec!(99.00),
            None,
            "AE",
            dec!(0),
        )],
        vat_breakdown: vec![VatSubtotal {
            category: "AE".into(),
            rate: dec!(0),
            taxable_amount: dec!(1188.00),
            tax_amount: dec!(0.00),
            exemption_reason: None,
        }],
        totals: Totals {
            line_extension: dec!(1188.00),
            tax_exclusive: dec!(1188.00),
            tax_amount: dec!(0.00),
            tax_inclusive: dec!(1188.00),
            prepaid: dec!(0),
            payable: dec!(1188.00),
        },
        payment: Some(PaymentInfo {
            means_code: "49".into(),
            iban: "BE68539007547034".into(),
            bic: Some("GKCCBEBB".into()),
            account_name: "Ecom BV".into(),
            structured_reference: "+++202/6000/03125+++".into(),
            mandate_id: Some("ECOM-MANDATE-0042".into()),
            creditor_id: Some("BE86ZZZ0987654394".into()),
            debtor_iban: Some("NL91ABNA0417164300".into()),
        }),
        notes: vec![],
        billing_reference: None,
        buyer_reference: None,
        order_reference: Some("TH-PO-88121".into()),
        legal_mention: Some(REVERSE_CHARGE_MENTION.into()),
    }
}

pub fn direct_debit_batch() -> DirectDebitBatch {
    DirectDebitBatch {
        message_id: "ECOM-DD-20260201-01".into(),
        created_at: NaiveDateTime::new(
            date(2026, 1, 30),
            chrono::NaiveTime::from_hms_opt(9, 0, 0).expect("time"),
        ),
        creditor: Creditor {
            name: "Ecom BV".into(),
            iban: "BE68539007547034".into(),
            bic: "GKCCBEBB".into(),
            creditor_id: "BE86ZZZ0987654394".into(),
        },
        collection_date: date(2026, 2, 3),
        transactions: vec![
            DirectDebitTransaction {
                end_to_end_id: "2026-000031".into(),
                amount: dec!(1188.00),
                mandate_id: "ECOM-MANDATE-0042".into(),
                mandate_signature_date: date(2025, 12, 20),
                sequence_type: SequenceType::First,
                debtor_name: "Tulpen Handel B.V.".into(),
                debtor_iban: "NL91ABNA0417164300".into(),
                debtor_bic: Some("ABNANL2A".into()),
                structured_reference: "+++202/6000/03125+++".into(),
            },
            DirectDebitTransaction {
                end_to_end_id: "2026-000017".into(),
                amount: dec!(396.16),
                mandate_id: "ECOM-MANDATE-0007".into(),
                mandate_signature_date: date(2024, 3, 1),
                sequence_type: SequenceType::Recurring,
                debtor_name: "Brasserie De Kroon BV".into(),
                debtor_iban: "BE71096123456769".into(),
                debtor_bic: None,
                structured_reference: "+++202/6000/01711+++".into(),
            },
            DirectDebitTransaction {
                end_to_end_id: "2026-000018".into(),
                amount: dec!(49.00),
                mandate_id: "ECOM-MANDATE-0008".into(),
                mandate_signature_date: date(2024, 5, 2),
                sequence_type: SequenceType::Recurring,
                debtor_name: "Bakkerij Peeters".into(),
                debtor_iban: "BE68539007547034".into(),
                debtor_bic: Some("GKCCBEBB".into()),
                structured_reference: "+++202/6000/01812+++".into(),
            },
        ],
    }
}
