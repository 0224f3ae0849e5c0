//! Inconsistent input is refused with the rule it breaks, by every
//! generator, and never panics.

mod samples;

use ecom_documents::*;
use rust_decimal_macros::dec;

fn rule_of(doc: &InvoiceDocument) -> String {
    let e = to_ubl_xml(doc).expect_err("must be refused");
    assert_eq!(
        Some(&e),
        to_pdf(doc).err().as_ref(),
        "the PDF is refused for the same reason"
    );
    match e {
        DocumentError::RuleViolated { rule, .. } => rule.to_string(),
        other => format!("{other}"),
    }
}

#[test]
fn samples_are_accepted() {
    for doc in [
        samples::domestic_invoice(),
        samples::credit_note(),
        samples::reverse_charge_invoice(),
    ] {
        assert_eq!(check_document(&doc), Ok(()));
    }
}

#[test]
fn totals_that_do_not_add_up_are_refused() {
    let mut d = samples::domestic_invoice();
    d.totals.line_extension = dec!(330.49);
    assert_eq!(rule_of(&d), "BR-CO-10");

    let mut d = samples::domestic_invoice();
    d.totals.tax_amount = dec!(65.65);
    assert_eq!(rule_of(&d), "BR-CO-14");

    let mut d = samples::domestic_invoice();
    d.totals.tax_inclusive = dec!(396.15);
    assert_eq!(rule_of(&d), "BR-CO-15");

    let mut d = samples::domestic_invoice();
    d.totals.prepaid = dec!(100.00);
    assert_eq!(rule_of(&d), "BR-CO-16");
}

#[test]
fn vat_breakdown_must_match_the_lines() {
    let mut d = samples::domestic_invoice();
    d.vat_breakdown[1].taxable_amount = dec!(26.00);
    assert_eq!(rule_of(&d), "BR-S-08");

    // 305.50 × 21 % = 64.155: half-even rounding (64.16 → 64.15) is wrong.
    let mut d = samples::domestic_invoice();
    d.vat_breakdown[0].tax_amount = dec!(64.15);
    assert_eq!(rule_of(&d), "BR-CO-17");

    let mut d = samples::domestic_invoice();
    d.vat_breakdown.pop();
    assert_eq!(rule_of(&d), "BR-CO-18");

    let mut d = samples::reverse_charge_invoice();
    d.vat_breakdown[0].taxable_amount = dec!(1000.00);
    assert_eq!(rule_of(&d), "BR-AE-08");
}

#[test]
fn line_net_must_be_quantity_times_price_minus_discount() {
    let mut d = samples::domestic_invoice();
    d.lines[1].discount_amount = Some(dec!(28.00));
    assert_eq!(rule_of(&d), "PEPPOL-EN16931-R120");
}

#[test]
fn reverse_charge_needs_vat_numbers_and_a_reason() {
    let mut d = samples::reverse_charge_invoice();
    d.buyer.vat_number = None;
    assert_eq!(rule_of(&d), "BR-AE-02");

    let mut d = samples::reverse_charge_invoice();
    d.legal_mention = None;
    assert_eq!(rule_of(&d), "BR-AE-10");

    let mut d = samples::reverse_charge_invoice();
    d.lines[0].vat_rate = dec!(21);
    assert_eq!(rule_of(&d), "BR-AE-05");
}

#[test]
fn peppol_requirements_are_enforced() {
    let mut d = samples::domestic_invoice();
    d.buyer_reference = None;
    assert_eq!(rule_of(&d), "PEPPOL-EN16931-R003");

    let mut d = samples::domestic_invoice();
    d.buyer.electronic_address = None;
    assert_eq!(rule_of(&d), "PEPPOL-EN16931-R010");

    let mut d = samples::reverse_charge_invoice();
    if let Some(p) = d.payment.as_mut() {
        p.mandate_id = None;
    }
    assert_eq!(rule_of(&d), "PEPPOL-EN16931-R061");

    let mut d = samples::domestic_invoice();
    d.due_date = None;
    assert_eq!(rule_of(&d), "BR-CO-25");

    let mut d = samples::domestic_invoice();
    d.lines.clear();
    assert_eq!(rule_of(&d), "BR-16");
}

#[test]
fn bad_fields_are_named() {
    let mut d = samples::domestic_invoice();
    d.lines[0].net_amount = dec!(49.001);
    assert!(
        matches!(to_ubl_xml(&d), Err(DocumentError::InvalidField { field, .. }) if field == "lines[0].net_amount")
    );

    let mut d = samples::domestic_invoice();
    if let Some(p) = d.payment.as_mut() {
        p.structured_reference = "+++202/6000/01712+++".into();
    }
    assert!(
        matches!(to_pdf(&d), Err(DocumentError::InvalidField { field, .. }) if field == "payment.structured_reference")
    );

    let mut d = samples::domestic_invoice();
    if let Some(p) = d.payment.as_mut() {
        p.iban = "BE68539007547035".into();
    }
    assert!(
        matches!(to_ubl_xml(&d), Err(DocumentError::InvalidField { field, .. }) if field == "payment.iban")
    );

    let mut d = samples::domestic_invoice();
    d.lines[0].description = "bell\u{7}".into();
    assert!(to_ubl_xml(&d).is_err());
}

#[test]
fn text_is_escaped_in_xml() {
    let mut d = samples::domestic_invoice();
    d.buyer.name = "Kroon & Zonen <BV>".into();
    let xml = to_ubl_xml(&d).expect("valid");
    assert!(xml.contains("Kroon &amp; Zonen &lt;BV&gt;"));
}

#[test]
fn direct_debit_batch_groups_by_sequence_type_with_control_sums() {
    let xml = to_pain_008(&samples::direct_debit_batch()).expect("valid");
    assert!(xml.contains("<NbOfTxs>3</NbOfTxs>\n      <CtrlSum>1633.16</CtrlSum>"));
    let frst = xml.find("<SeqTp>FRST</SeqTp>").expect("FRST block");
    let rcur = xml.find("<SeqTp>RCUR</SeqTp>").expect("RCUR block");
    assert!(frst < rcur);
    assert!(xml.contains("<NbOfTxs>2</NbOfTxs>\n      <CtrlSum>445.16</CtrlSum>"));
    assert!(xml.contains("<Ref>202600001711</Ref>"));
    assert!(xml.contains("<Id>NOTPROVIDED</Id>"));

    let mut b = samples::direct_debit_batch();
    b.transactions[0].amount = dec!(0.00);
    assert!(to_pain_008(&b).is_err());
    let mut b = samples::direct_debit_batch();
    b.creditor.creditor_id = "BE87ZZZ0987654394".into();
    assert!(to_pain_008(&b).is_err());
    let mut b = samples::direct_debit_batch();
    b.transactions[1].end_to_end_id = b.transactions[0].end_to_end_id.clone();
    assert!(to_pain_008(&b).is_err());
    let mut b = samples::direct_debit_batch();
    b.transactions.clear();
    assert!(to_pain_008(&b).is_err());
}

#[test]
fn qr_code_only_when_the_buyer_pays_by_transfer() {
    // Direct debit and credit notes have no "scan to pay".
    let ubl_pdf = |d: &InvoiceDocument| to_pdf(d).expect("valid");
    let with_qr = ubl_pdf(&samples::domestic_invoice());
    let dd = ubl_pdf(&samples::reverse_charge_invoice());
    let cn = ubl_pdf(&samples::credit_note());
    let has = |b: &[u8], s: &str| b.windows(s.len()).any(|w| w == s.as_bytes());
    // Content streams are uncompressed: the caption is visible in the bytes.
    assert!(has(&with_qr, "Scan with your banking app"));
    assert!(!has(&dd, "Scan with your banking app"));
    assert!(!has(&cn, "Scan with your banking app"));
}

#[test]
fn long_invoices_flow_onto_more_pages() {
    let mut d = samples::domestic_invoice();
    let extra: Vec<DocumentLine> = (4..=60)
        .map(|i| {
            samples::line(
                &i.to_string(),
                "Support ticket handled by the Ecom helpdesk team",
                dec!(1),
                "C62",
                dec!(0),
                None,
                "S",
                dec!(21),
            )
        })
        .collect();
    d.lines.extend(extra);
    let pdf = to_pdf(&d).expect("valid");
    // Content streams are uncompressed: the footer of page 2 is in the bytes.
    let text = String::from_utf8_lossy(&pdf);
    assert!(text.contains("(Page 2 of "), "expected a second page");
}
