//! Invoices and credit notes. A draft can be edited; [`issue`] turns it into
//! an [`IssuedInvoice`], which never changes again: its fields are private
//! and it has no setters. Corrections are credit notes that reference the
//! invoice and never credit more than it invoiced (SPEC §3).

use super::line::InvoiceLine;
use super::numbering::{InvoiceNumber, Ledger};
use super::payment_terms::{due_date_with_term, PaymentMethod};
use super::structured_communication::StructuredCommunication;
use super::totals::{document_totals, DocumentTotals};
use super::vat_category::{
    effective_category, reverse_charge_applies, VatCategory, REVERSE_CHARGE_MENTION,
};
use crate::country::Country;
use crate::money::round_to_cent;
use crate::vat::VatNumber;
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

/// Who invoices: the Operator, or a tenant for its own customers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seller {
    pub name: String,
    pub country: Country,
    /// Required for intra-EU reverse charge (EN 16931 BR-AE-02).
    pub vat_number: Option<VatNumber>,
}

/// Who is invoiced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Buyer {
    pub name: String,
    pub country: Country,
    pub vat_number: Option<VatNumber>,
    /// A natural person not acting for a business (SPEC §3): gets Belgian
    /// VAT, never reverse charge, and the consumer-debt regime when late.
    pub is_consumer: bool,
}

/// An invoice being prepared; nothing about it is final.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftInvoice {
    pub ledger: Ledger,
    pub seller: Seller,
    pub buyer: Buyer,
    pub lines: Vec<InvoiceLine>,
    /// Paid before the invoice (BT-113), e.g. a deposit; zero mostly.
    pub prepaid: Decimal,
    pub payment_method: PaymentMethod,
    /// Days to pay by transfer: [`super::payment_terms::PAYMENT_TERM_DAYS`] (14) on the Operator's
    /// ledger (terms art. 10); a tenant's own setting on its ledger.
    pub transfer_term_days: i64,
    /// The legal ground printed when a line is exempt (EN 16931 BR-E-10),
    /// e.g. "Exempt — art. 44 Belgian VAT Code".
    pub exemption_reason: Option<String>,
}

/// A line as it stands on an issued document: the line, the category it was
/// invoiced under (reverse charge may replace the written one) and its net amount.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedLine {
    pub line: InvoiceLine,
    pub category: VatCategory,
    pub net_amount: Decimal,
}

/// An issued invoice. Only [`issue`] makes one; it cannot be changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedInvoice {
    ledger: Ledger,
    number: InvoiceNumber,
    issue_date: NaiveDate,
    due_date: NaiveDate,
    payment_method: PaymentMethod,
    seller: Seller,
    buyer: Buyer,
    lines: Vec<IssuedLine>,
    totals: DocumentTotals,
    reverse_charge: bool,
    exemption_reason: Option<String>,
    payment_reference: StructuredCommunication,
}

/// Why a draft could not be issued.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IssueError {
    #[error("an invoice needs at least one line")]
    NoLines,
    #[error("number {number} belongs to the {} series, but the invoice is dated {issue_date}", number.year())]
    NumberYearMismatch {
        number: InvoiceNumber,
        issue_date: NaiveDate,
    },
    #[error("the invoice has exempt lines: give the legal ground of the exemption")]
    ExemptionReasonMissing,
    #[error("intra-EU reverse charge applies, so the seller's VAT number must be on the invoice")]
    SellerVatNumberMissing,
    #[error("the prepaid amount {prepaid} must be in cents, between 0 and the total incl. VAT of {total_incl_vat}")]
    PrepaidOutOfRange {
        prepaid: Decimal,
        total_incl_vat: Decimal,
    },
}

fn price_lines(lines: Vec<InvoiceLine>, reverse_charge: bool) -> Vec<IssuedLine> {
    lines
        .into_iter()
        .map(|line| IssuedLine {
            category: effective_category(line.vat_category(), reverse_charge),
            net_amount: line.net_amount(),
            line,
        })
        .collect()
}

fn number_year_matches(number: &InvoiceNumber, issue_date: NaiveDate) -> bool {
    number.year() == issue_date.year()
}

/// Issues `draft` as invoice `number` dated `issue_date`: decides reverse
/// charge, prices the lines, computes the totals, the due date (terms
/// art. 10) and the structured communication. The number must come from the
/// series of the issue date's year (the storage layer draws it with
/// [`super::numbering::next_number`] in the same transaction).
pub fn issue(
    draft: DraftInvoice,
    number: InvoiceNumber,
    issue_date: NaiveDate,
) -> Result<IssuedInvoice, IssueError> {
    if draft.lines.is_empty() {
        return Err(IssueError::NoLines);
    }
    if !number_year_matches(&number, issue_date) {
        return Err(IssueError::NumberYearMismatch { number, issue_date });
    }
    let reverse_charge = reverse_charge_applies(
        draft.seller.country,
        draft.buyer.country,
        draft.buyer.vat_number.as_ref(),
        draft.buyer.is_consumer,
    );
    if reverse_charge && draft.seller.vat_number.is_none() {
        return Err(IssueError::SellerVatNumberMissing);
    }
    let lines = price_lines(draft.lines, reverse_charge);
    let exemption_reason = draft
        .exemption_reason
        .map(|r| r.trim().to_owned())
        .filter(|r| !r.is_empty());
    if exemption_reason.is_none() && lines.iter().any(|l| l.category == VatCategory::Exempt) {
        return Err(IssueError::ExemptionReasonMissing);
    }
    let totals = document_totals(
        lines.iter().map(|l| (l.category, l.net_amount)),
        draft.prepaid,
    );
    if draft.prepaid < Decimal::ZERO
        || draft.prepaid > totals.total_incl_vat
        || round_to_cent(draft.prepaid) != draft.prepaid
    {
        return Err(IssueError::PrepaidOutOfRange {
            prepaid: draft.prepaid,
            total_incl_vat: totals.total_incl_vat,
        });
    }
    Ok(IssuedInvoice {
        ledger: draft.ledger,
        payment_reference: StructuredCommunication::for_invoice(&number),
        number,
        issue_date,
        due_date: due_date_with_term(issue_date, draft.payment_method, draft.transfer_term_days),
        payment_method: draft.payment_method,
        seller: draft.seller,
        buyer: draft.buyer,
        lines,
        totals,
        reverse_charge,
        exemption_reason,
    })
}

impl IssuedInvoice {
    pub fn ledger(&self) -> Ledger {
        self.ledger
    }

    pub fn number(&self) -> &InvoiceNumber {
        &self.number
    }

    pub fn issue_date(&self) -> NaiveDate {
        self.issue_date
    }

    /// Terms art. 10; see [`super::payment_terms::due_date`]. Acceleration (terms art. 11) is
    /// applied by the caller, see [`super::late_payment::accelerate_due_dates`].
    pub fn due_date(&self) -> NaiveDate {
        self.due_date
    }

    pub fn payment_method(&self) -> PaymentMethod {
        self.payment_method
    }

    pub fn seller(&self) -> &Seller {
        &self.seller
    }

    pub fn buyer(&self) -> &Buyer {
        &self.buyer
    }

    pub fn lines(&self) -> &[IssuedLine] {
        &self.lines
    }

    pub fn totals(&self) -> &DocumentTotals {
        &self.totals
    }

    /// Whether the buyer owes the VAT (all Belgian-rate lines are `AE`).
    pub fn is_reverse_charge(&self) -> bool {
        self.reverse_charge
    }

    /// The mention the invoice must print when reverse charge applies.
    pub fn legal_mention(&self) -> Option<&'static str> {
        self.reverse_charge.then_some(REVERSE_CHARGE_MENTION)
    }

    pub fn exemption_reason(&self) -> Option<&str> {
        self.exemption_reason.as_deref()
    }

    /// The structured communication to pay with.
    pub fn payment_reference(&self) -> StructuredCommunication {
        self.payment_reference
    }
}

/// The ceiling on the Operator's liability (terms art. 16, SPEC §3 "show it
/// on the contract view"): the lower of the invoice value of the last invoice
/// and what the Operator's insurance pays (`insurance_payout`, when known).
/// "Invoice value" is read as the invoice's total incl. VAT — the amount the
/// Client was invoiced, and the reading that favours the party that did not
/// draft the clause. `None` while the Client has no invoice: no contractual
/// ceiling can be computed then.
pub fn liability_cap(
    invoices: &[IssuedInvoice],
    insurance_payout: Option<Decimal>,
) -> Option<Decimal> {
    let last = invoices
        .iter()
        .max_by(|a, b| (a.issue_date, &a.number).cmp(&(b.issue_date, &b.number)))?;
    let value = last.totals.total_incl_vat;
    Some(insurance_payout.map_or(value, |insured| value.min(insured)))
}

/// An issued credit note: it corrects one invoice and, like it, never changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedCreditNote {
    number: InvoiceNumber,
    corrects: InvoiceNumber,
    issue_date: NaiveDate,
    reason: String,
    lines: Vec<IssuedLine>,
    totals: DocumentTotals,
    reverse_charge: bool,
}

impl IssuedCreditNote {
    pub fn number(&self) -> &InvoiceNumber {
        &self.number
    }

    /// The invoice it corrects (UBL `cac:BillingReference`, BT-25).
    pub fn corrects(&self) -> &InvoiceNumber {
        &self.corrects
    }

    pub fn issue_date(&self) -> NaiveDate {
        self.issue_date
    }

    pub fn reason(&self) -> &str {
        &self.reason
    }

    pub fn lines(&self) -> &[IssuedLine] {
        &self.lines
    }

    /// Positive amounts; the credit is `totals().total_incl_vat`.
    pub fn totals(&self) -> &DocumentTotals {
        &self.totals
    }

    pub fn legal_mention(&self) -> Option<&'static str> {
        self.reverse_charge.then_some(REVERSE_CHARGE_MENTION)
    }
}

/// Why a credit note was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CreditNoteError {
    #[error("a credit note needs at least one line")]
    NoLines,
    #[error("a credit note must say why the invoice is corrected")]
    ReasonMissing,
    #[error("number {number} belongs to the {} series, but the credit note is dated {issue_date}", number.year())]
    NumberYearMismatch {
        number: InvoiceNumber,
        issue_date: NaiveDate,
    },
    #[error("a credit note cannot be dated {issue_date}, before the invoice it corrects ({invoice_date})")]
    BeforeInvoice {
        issue_date: NaiveDate,
        invoice_date: NaiveDate,
    },
    #[error("credit note {credit_note} corrects invoice {corrects}, not {invoice}")]
    OtherInvoicesCreditNote {
        credit_note: InvoiceNumber,
        corrects: InvoiceNumber,
        invoice: InvoiceNumber,
    },
    #[error("invoice {invoice} has no {} {}% lines to credit", category.code(), category.rate_percent())]
    CategoryNotInvoiced {
        invoice: InvoiceNumber,
        category: VatCategory,
    },
    #[error("invoice {invoice} invoiced {invoiced} excl. VAT at {} {}%, {already_credited} is credited already; {requested} more is too much", category.code(), category.rate_percent())]
    ExceedsInvoiced {
        invoice: InvoiceNumber,
        category: VatCategory,
        invoiced: Decimal,
        already_credited: Decimal,
        requested: Decimal,
    },
}

/// Issues credit note `number` dated `issue_date` correcting `invoice` with
/// `lines` (positive amounts, written as on the invoice; the invoice's
/// reverse-charge treatment applies to them too).
///
/// `earlier_credit_notes` are those already issued for this invoice. Per VAT
/// category, what is credited in all never exceeds the invoice's taxable
/// amount; the VAT follows from it. (Crediting one category in several
/// pieces may then differ from the invoice's VAT by a cent: VAT is rounded
/// per document, EN 16931 BR-CO-17.)
pub fn issue_credit_note(
    invoice: &IssuedInvoice,
    earlier_credit_notes: &[IssuedCreditNote],
    lines: Vec<InvoiceLine>,
    number: InvoiceNumber,
    issue_date: NaiveDate,
    reason: &str,
) -> Result<IssuedCreditNote, CreditNoteError> {
    if lines.is_empty() {
        return Err(CreditNoteError::NoLines);
    }
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(CreditNoteError::ReasonMissing);
    }
    if !number_year_matches(&number, issue_date) {
        return Err(CreditNoteError::NumberYearMismatch { number, issue_date });
    }
    if issue_date < invoice.issue_date {
        return Err(CreditNoteError::BeforeInvoice {
            issue_date,
            invoice_date: invoice.issue_date,
        });
    }
    if let Some(other) = earlier_credit_notes
        .iter()
        .find(|c| c.corrects != invoice.number)
    {
        return Err(CreditNoteError::OtherInvoicesCreditNote {
            credit_note: other.number.clone(),
            corrects: other.corrects.clone(),
            invoice: invoice.number.clone(),
        });
    }
    let lines = price_lines(lines, invoice.reverse_charge);
    let totals = document_totals(
        lines.iter().map(|l| (l.category, l.net_amount)),
        Decimal::ZERO,
    );
    for row in &totals.vat_breakdown {
        let Some(invoiced) = invoice
            .totals
            .vat_breakdown
            .iter()
            .find(|r| r.category == row.category)
        else {
            return Err(CreditNoteError::CategoryNotInvoiced {
                invoice: invoice.number.clone(),
                category: row.category,
            });
        };
        let already_credited: Decimal = earlier_credit_notes
            .iter()
            .flat_map(|c| c.totals.vat_breakdown.iter())
            .filter(|r| r.category == row.category)
            .map(|r| r.taxable_amount)
            .sum();
        if already_credited + row.taxable_amount > invoiced.taxable_amount {
            return Err(CreditNoteError::ExceedsInvoiced {
                invoice: invoice.number.clone(),
                category: row.category,
                invoiced: invoiced.taxable_amount,
                already_credited,
                requested: row.taxable_amount,
            });
        }
    }
    Ok(IssuedCreditNote {
        number,
        corrects: invoice.number.clone(),
        issue_date,
        reason: reason.to_owned(),
        lines,
        totals,
        reverse_charge: invoice.reverse_charge,
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::billing::line::Discount;
    use crate::billing::numbering::SeriesPrefix;
    use crate::billing::payment_terms::PAYMENT_TERM_DAYS;
    use crate::billing::test_support::{d, date};

    pub(crate) fn number(prefix: &str, year: i32, seq: u32) -> InvoiceNumber {
        InvoiceNumber::new(SeriesPrefix::parse(prefix).unwrap(), year, seq).unwrap()
    }

    fn c(code: &str) -> Country {
        Country::parse(code).unwrap()
    }

    pub(crate) fn ecom() -> Seller {
        Seller {
            name: "Sabbani".into(),
            country: c("BE"),
            vat_number: Some(VatNumber::parse("BE0810231595", c("BE")).unwrap()),
        }
    }

    pub(crate) fn belgian_client() -> Buyer {
        Buyer {
            name: "Client BV".into(),
            country: c("BE"),
            vat_number: None,
            is_consumer: false,
        }
    }

    fn dutch_client() -> Buyer {
        Buyer {
            name: "Klant BV".into(),
            country: c("NL"),
            vat_number: Some(VatNumber::parse("NL123456789B01", c("NL")).unwrap()),
            is_consumer: false,
        }
    }

    pub(crate) fn draft(buyer: Buyer, lines: Vec<InvoiceLine>) -> DraftInvoice {
        DraftInvoice {
            ledger: Ledger::Operator,
            seller: ecom(),
            buyer,
            lines,
            prepaid: Decimal::ZERO,
            payment_method: PaymentMethod::BankTransfer,
            transfer_term_days: PAYMENT_TERM_DAYS,
            exemption_reason: None,
        }
    }

    pub(crate) fn package(price: &str) -> InvoiceLine {
        InvoiceLine::new(
            "Basic Package, 1 year",
            d("1"),
            d(price),
            None,
            VatCategory::Standard21,
        )
        .unwrap()
    }

    #[test]
    fn issuing_prices_lines_and_sets_due_date_and_reference() {
        let inv = issue(
            draft(belgian_client(), vec![package("1200")]),
            number("F", 2026, 42),
            date(2026, 3, 1),
        )
        .unwrap();
        assert_eq!(inv.totals().total_excl_vat, d("1200"));
        assert_eq!(inv.totals().vat_total, d("252.00"));
        assert_eq!(inv.totals().amount_due, d("1452.00"));
        assert_eq!(inv.due_date(), date(2026, 3, 15));
        assert_eq!(inv.payment_reference().to_string(), "+++202/6000/04236+++");
        assert!(!inv.is_reverse_charge());
        assert_eq!(inv.legal_mention(), None);
    }

    #[test]
    fn intra_eu_business_gets_reverse_charge_and_the_mention() {
        let inv = issue(
            draft(dutch_client(), vec![package("1200")]),
            number("F", 2026, 1),
            date(2026, 3, 1),
        )
        .unwrap();
        assert!(inv.is_reverse_charge());
        assert_eq!(inv.lines()[0].category, VatCategory::ReverseCharge);
        assert_eq!(inv.totals().vat_total, d("0"));
        assert_eq!(inv.totals().amount_due, d("1200"));
        assert_eq!(inv.legal_mention(), Some(REVERSE_CHARGE_MENTION));
        // Without the seller's VAT number the invoice cannot be issued.
        let mut no_vat = draft(dutch_client(), vec![package("1200")]);
        no_vat.seller.vat_number = None;
        assert_eq!(
            issue(no_vat, number("F", 2026, 1), date(2026, 3, 1)),
            Err(IssueError::SellerVatNumberMissing)
        );
    }

    #[test]
    fn issuing_refuses_what_would_be_an_invalid_invoice() {
        assert_eq!(
            issue(
                draft(belgian_client(), vec![]),
                number("F", 2026, 1),
                date(2026, 3, 1)
            ),
            Err(IssueError::NoLines)
        );
        assert_eq!(
            issue(
                draft(belgian_client(), vec![package("1")]),
                number("F", 2025, 9),
                date(2026, 1, 1)
            ),
            Err(IssueError::NumberYearMismatch {
                number: number("F", 2025, 9),
                issue_date: date(2026, 1, 1)
            })
        );
        let exempt =
            InvoiceLine::new("Training", d("1"), d("100"), None, VatCategory::Exempt).unwrap();
        assert_eq!(
            issue(
                draft(belgian_client(), vec![exempt.clone()]),
                number("F", 2026, 1),
                date(2026, 3, 1)
            ),
            Err(IssueError::ExemptionReasonMissing)
        );
        let mut with_reason = draft(belgian_client(), vec![exempt]);
        with_reason.exemption_reason = Some("Exempt — art. 44 §2 4° Belgian VAT Code".into());
        assert!(issue(with_reason, number("F", 2026, 1), date(2026, 3, 1)).is_ok());
        let mut overpaid = draft(belgian_client(), vec![package("100")]);
        overpaid.prepaid = d("121.01");
        assert!(matches!(
            issue(overpaid, number("F", 2026, 1), date(2026, 3, 1)),
            Err(IssueError::PrepaidOutOfRange { .. })
        ));
    }

    #[test]
    fn credit_notes_never_credit_more_than_invoiced() {
        let seat = InvoiceLine::new(
            "Seat",
            d("3"),
            d("60"),
            Some(Discount::Percent(d("10"))),
            VatCategory::Standard21,
        )
        .unwrap();
        let inv = issue(
            draft(belgian_client(), vec![package("1200"), seat]),
            number("F", 2026, 5),
            date(2026, 3, 1),
        )
        .unwrap();
        // 1200 + 162 = 1362 at 21 %.
        let first = issue_credit_note(
            &inv,
            &[],
            vec![package("1000")],
            number("CN", 2026, 1),
            date(2026, 3, 4),
            "price agreed was 200",
        )
        .unwrap();
        assert_eq!(first.corrects(), inv.number());
        assert_eq!(first.totals().total_incl_vat, d("1210.00"));
        let second = issue_credit_note(
            &inv,
            &[first.clone()],
            vec![package("362")],
            number("CN", 2026, 2),
            date(2026, 3, 5),
            "cancel",
        )
        .unwrap();
        assert_eq!(second.totals().total_excl_vat, d("362"));
        assert_eq!(
            issue_credit_note(
                &inv,
                &[first.clone(), second.clone()],
                vec![package("0.01")],
                number("CN", 2026, 3),
                date(2026, 3, 5),
                "x"
            ),
            Err(CreditNoteError::ExceedsInvoiced {
                invoice: inv.number().clone(),
                category: VatCategory::Standard21,
                invoiced: d("1362.00"),
                already_credited: d("1362"),
                requested: d("0.01"),
            })
        );
        let six = InvoiceLine::new("Book", d("1"), d("1"), None, VatCategory::Reduced6).unwrap();
        assert!(matches!(
            issue_credit_note(
                &inv,
                &[],
                vec![six],
                number("CN", 2026, 3),
                date(2026, 3, 5),
                "x"
            ),
            Err(CreditNoteError::CategoryNotInvoiced {
                category: VatCategory::Reduced6,
                ..
            })
        ));
        assert_eq!(
            issue_credit_note(
                &inv,
                &[],
                vec![package("1")],
                number("CN", 2026, 3),
                date(2026, 2, 28),
                "x"
            ),
            Err(CreditNoteError::BeforeInvoice {
                issue_date: date(2026, 2, 28),
                invoice_date: date(2026, 3, 1)
            })
        );
        assert_eq!(
            issue_credit_note(
                &inv,
                &[],
                vec![package("1")],
                number("CN", 2026, 3),
                date(2026, 3, 5),
                " "
            ),
            Err(CreditNoteError::ReasonMissing)
        );
    }

    #[test]
    fn a_reverse_charge_invoice_is_credited_as_reverse_charge() {
        let inv = issue(
            draft(dutch_client(), vec![package("1200")]),
            number("F", 2026, 1),
            date(2026, 3, 1),
        )
        .unwrap();
        let cn = issue_credit_note(
            &inv,
            &[],
            vec![package("1200")],
            number("CN", 2026, 1),
            date(2026, 3, 2),
            "cancelled",
        )
        .unwrap();
        assert_eq!(cn.lines()[0].category, VatCategory::ReverseCharge);
        assert_eq!(cn.legal_mention(), Some(REVERSE_CHARGE_MENTION));
        assert_eq!(cn.totals().total_incl_vat, d("1200"));
    }

    #[test]
    fn liability_is_capped_at_the_last_invoice() {
        let first = issue(
            draft(belgian_client(), vec![package("1200")]),
            number("F", 2026, 1),
            date(2026, 1, 1),
        )
        .unwrap();
        let last = issue(
            draft(belgian_client(), vec![package("300")]),
            number("F", 2026, 2),
            date(2026, 4, 1),
        )
        .unwrap();
        assert_eq!(
            liability_cap(&[last.clone(), first.clone()], None),
            Some(d("363.00"))
        );
        assert_eq!(
            liability_cap(&[first, last], Some(d("250"))),
            Some(d("250"))
        );
        assert_eq!(liability_cap(&[], Some(d("250"))), None);
    }

    #[test]
    fn credit_notes_of_another_invoice_are_refused() {
        let a = issue(
            draft(belgian_client(), vec![package("100")]),
            number("F", 2026, 1),
            date(2026, 3, 1),
        )
        .unwrap();
        let b = issue(
            draft(belgian_client(), vec![package("100")]),
            number("F", 2026, 2),
            date(2026, 3, 1),
        )
        .unwrap();
        let cn_a = issue_credit_note(
            &a,
            &[],
            vec![package("50")],
            number("CN", 2026, 1),
            date(2026, 3, 2),
            "x",
        )
        .unwrap();
        assert!(matches!(
            issue_credit_note(
                &b,
                &[cn_a],
                vec![package("50")],
                number("CN", 2026, 2),
                date(2026, 3, 2),
                "x"
            ),
            Err(CreditNoteError::OtherInvoicesCreditNote { .. })
        ));
    }
}
