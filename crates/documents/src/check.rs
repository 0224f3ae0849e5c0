//! Checks an `InvoiceDocument` against the EN 16931 and Peppol BIS 3.0 rules
//! the generators depend on, before a single byte is written: a document
//! whose figures do not add up is refused, never "fixed".

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::{Decimal, RoundingStrategy};

use crate::banking::{check_bic, check_creditor_id, check_iban, StructuredReference};
use crate::model::{DocumentKind, InvoiceDocument, Party};
use crate::DocumentError;

/// The UNCL5305 VAT categories EN 16931 allows.
pub(crate) const VAT_CATEGORIES: [&str; 7] = ["S", "Z", "E", "AE", "K", "G", "O"];

/// Rounds to the cent, halves away from zero, as EN 16931 does.
pub(crate) fn round_cent(amount: Decimal) -> Decimal {
    amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// The VATEX exemption reason code a category implies, where there is one
/// code for the whole category.
pub(crate) fn vatex_code(category: &str) -> Option<&'static str> {
    match category {
        "AE" => Some("VATEX-EU-AE"),
        "K" => Some("VATEX-EU-IC"),
        "G" => Some("VATEX-EU-G"),
        "O" => Some("VATEX-EU-O"),
        _ => None,
    }
}

/// Runs every check; the first broken rule is the error.
pub fn check_document(doc: &InvoiceDocument) -> Result<(), DocumentError> {
    check(doc, true)
}

/// The checks a printed document needs: every figure and text rule, but no
/// Peppol electronic address (a consumer or a customer without a Peppol
/// identifier still gets a readable PDF).
pub(crate) fn check_printable(doc: &InvoiceDocument) -> Result<(), DocumentError> {
    check(doc, false)
}

fn check(doc: &InvoiceDocument, peppol: bool) -> Result<(), DocumentError> {
    non_empty("number", &doc.number, "BR-02")?;
    plain_text("number", &doc.number)?;
    if doc.currency.len() != 3 || !doc.currency.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(DocumentError::field(
            "currency",
            format!("{:?} is not an ISO 4217 code", doc.currency),
        ));
    }
    if let Some(due) = doc.due_date {
        if due < doc.issue_date {
            return Err(DocumentError::field(
                "due_date",
                "the due date is before the issue date",
            ));
        }
    }
    for (i, note) in doc.notes.iter().enumerate() {
        text_with_newlines(&format!("notes[{i}]"), note)?;
    }
    for (field, value) in [
        ("buyer_reference", &doc.buyer_reference),
        ("order_reference", &doc.order_reference),
        ("legal_mention", &doc.legal_mention),
    ] {
        if let Some(v) = value {
            non_empty(field, v, "PEPPOL-EN16931-R008")?;
            plain_text(field, v)?;
        }
    }
    if doc.buyer_reference.is_none() && doc.order_reference.is_none() {
        return Err(DocumentError::rule(
            "PEPPOL-EN16931-R003",
            "a buyer reference or an order reference must be given",
        ));
    }
    if let Some(r) = &doc.billing_reference {
        non_empty(
            "billing_reference.invoice_number",
            &r.invoice_number,
            "BR-55",
        )?;
        plain_text("billing_reference.invoice_number", &r.invoice_number)?;
    }
    party("seller", &doc.seller, "PEPPOL-EN16931-R020", peppol)?;
    party("buyer", &doc.buyer, "PEPPOL-EN16931-R010", peppol)?;
    lines_and_vat(doc)?;
    totals(doc)?;
    payment(doc)?;
    Ok(())
}

fn party(
    role: &str,
    p: &Party,
    endpoint_rule: &'static str,
    peppol: bool,
) -> Result<(), DocumentError> {
    non_empty(&format!("{role}.name"), &p.name, "BR-06")?;
    for (name, value) in [
        ("name", Some(&p.name)),
        ("street", Some(&p.street)),
        ("city", Some(&p.city)),
        ("postal_code", Some(&p.postal_code)),
        ("vat_number", p.vat_number.as_ref()),
        ("company_id", p.company_id.as_ref()),
        ("email", p.email.as_ref()),
    ] {
        if let Some(v) = value {
            plain_text(&format!("{role}.{name}"), v)?;
        }
    }
    if p.country_code.len() != 2 || !p.country_code.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(DocumentError::field(
            format!("{role}.country_code"),
            "must be an ISO 3166-1 alpha-2 code",
        ));
    }
    if let Some(vat) = &p.vat_number {
        // BR-CO-09: a VAT identifier starts with the country prefix (Greece: EL).
        let b = vat.as_bytes();
        if b.len() < 4
            || !b[..2].iter().all(u8::is_ascii_uppercase)
            || !b.iter().all(u8::is_ascii_alphanumeric)
        {
            return Err(DocumentError::rule(
                "BR-CO-09",
                format!(
                    "{role} VAT number {vat:?} must start with its country prefix, without spaces"
                ),
            ));
        }
    }
    for (name, value) in [
        ("vat_number", &p.vat_number),
        ("company_id", &p.company_id),
        ("email", &p.email),
    ] {
        if let Some(v) = value {
            non_empty(&format!("{role}.{name}"), v, "PEPPOL-EN16931-R008")?;
        }
    }
    match &p.electronic_address {
        None if !peppol => {}
        None => {
            return Err(DocumentError::rule(
                endpoint_rule,
                format!("the {role} needs a Peppol electronic address"),
            ));
        }
        Some(a) => {
            if a.scheme.len() != 4 || !a.scheme.bytes().all(|b| b.is_ascii_digit()) {
                return Err(DocumentError::field(
                    format!("{role}.electronic_address.scheme"),
                    format!("{:?} is not an EAS code such as 0208 or 9925", a.scheme),
                ));
            }
            non_empty(
                &format!("{role}.electronic_address.id"),
                &a.id,
                "PEPPOL-EN16931-R008",
            )?;
            plain_text(&format!("{role}.electronic_address.id"), &a.id)?;
        }
    }
    Ok(())
}

fn lines_and_vat(doc: &InvoiceDocument) -> Result<(), DocumentError> {
    if doc.lines.is_empty() {
        return Err(DocumentError::rule(
            "BR-16",
            "a document needs at least one line",
        ));
    }
    let mut ids = BTreeSet::new();
    // (category, normalised rate) → sum of line nets
    let mut per_category: BTreeMap<(String, Decimal), Decimal> = BTreeMap::new();
    for (i, line) in doc.lines.iter().enumerate() {
        let f = |name: &str| format!("lines[{i}].{name}");
        non_empty(&f("id"), &line.id, "BR-21")?;
        plain_text(&f("id"), &line.id)?;
        if !ids.insert(line.id.as_str()) {
            return Err(DocumentError::field(
                f("id"),
                format!("line id {:?} is used twice", line.id),
            ));
        }
        non_empty(&f("description"), &line.description, "BR-25")?;
        plain_text(&f("description"), &line.description)?;
        if line.unit_code.is_empty()
            || line.unit_code.len() > 3
            || !line.unit_code.bytes().all(|b| b.is_ascii_alphanumeric())
        {
            return Err(DocumentError::field(
                f("unit_code"),
                format!("{:?} is not a UN/ECE Rec. 20 code", line.unit_code),
            ));
        }
        if line.unit_price.is_sign_negative() && !line.unit_price.is_zero() {
            return Err(DocumentError::rule(
                "BR-27",
                format!("line {}: the unit price must not be negative", line.id),
            ));
        }
        cents(&f("net_amount"), line.net_amount)?;
        let discount = line.discount_amount.unwrap_or(Decimal::ZERO);
        if let Some(d) = line.discount_amount {
            cents(&f("discount_amount"), d)?;
            if d.is_sign_negative() && !d.is_zero() {
                return Err(DocumentError::field(
                    f("discount_amount"),
                    "a discount is a positive amount",
                ));
            }
        }
        // PEPPOL-EN16931-R120: line net = quantity × net price − line allowances.
        let expected = round_cent(line.quantity * line.unit_price) - discount;
        if expected != line.net_amount {
            return Err(DocumentError::rule(
                "PEPPOL-EN16931-R120",
                format!(
                    "line {}: {} × {} − {} = {}, not {}",
                    line.id, line.quantity, line.unit_price, discount, expected, line.net_amount
                ),
            ));
        }
        vat_rate(
            &line.vat_category,
            line.vat_rate,
            &format!("line {}", line.id),
        )?;
        *per_category
            .entry((line.vat_category.clone(), line.vat_rate.normalize()))
            .or_default() += line.net_amount;
    }

    let mut seen = BTreeSet::new();
    for sub in &doc.vat_breakdown {
        let key = (sub.category.clone(), sub.rate.normalize());
        vat_rate(&sub.category, sub.rate, "VAT breakdown")?;
        cents("vat_breakdown.taxable_amount", sub.taxable_amount)?;
        cents("vat_breakdown.tax_amount", sub.tax_amount)?;
        if !seen.insert(key.clone()) {
            return Err(DocumentError::rule(
                "BR-CO-18",
                format!(
                    "VAT category {} at {} % appears twice in the breakdown",
                    sub.category, sub.rate
                ),
            ));
        }
        let Some(line_sum) = per_category.get(&key) else {
            return Err(DocumentError::rule(
                "BR-CO-18",
                format!(
                    "VAT category {} at {} % has no lines",
                    sub.category, sub.rate
                ),
            ));
        };
        if *line_sum != sub.taxable_amount {
            return Err(DocumentError::rule(
                taxable_rule(&sub.category),
                format!(
                    "VAT category {} at {} %: taxable amount {} is not the sum of its lines {}",
                    sub.category, sub.rate, sub.taxable_amount, line_sum
                ),
            ));
        }
        let expected_tax = round_cent(sub.taxable_amount * sub.rate / Decimal::ONE_HUNDRED);
        if sub.tax_amount != expected_tax {
            return Err(DocumentError::rule(
                "BR-CO-17",
                format!(
                    "VAT category {} at {} %: VAT {} should be {} × {} % = {}",
                    sub.category,
                    sub.rate,
                    sub.tax_amount,
                    sub.taxable_amount,
                    sub.rate,
                    expected_tax
                ),
            ));
        }
        if let Some(reason) = &sub.exemption_reason {
            non_empty(
                "vat_breakdown.exemption_reason",
                reason,
                "PEPPOL-EN16931-R008",
            )?;
            plain_text("vat_breakdown.exemption_reason", reason)?;
        }
        let has_reason =
            sub.exemption_reason.is_some() || (sub.category == "AE" && doc.legal_mention.is_some());
        match sub.category.as_str() {
            "S" | "Z" if sub.exemption_reason.is_some() => {
                return Err(DocumentError::rule(
                    if sub.category == "S" {
                        "BR-S-10"
                    } else {
                        "BR-Z-10"
                    },
                    format!("VAT category {} takes no exemption reason", sub.category),
                ));
            }
            "E" if !has_reason => {
                return Err(DocumentError::rule(
                    "BR-E-10",
                    "exempt VAT (E) needs an exemption reason",
                ))
            }
            "AE" if !has_reason => {
                return Err(DocumentError::rule(
                    "BR-AE-10",
                    "reverse charge (AE) needs the legal mention or an exemption reason",
                ));
            }
            _ => {}
        }
    }
    if let Some(((cat, rate), _)) = per_category.iter().find(|(k, _)| !seen.contains(*k)) {
        return Err(DocumentError::rule(
            "BR-CO-18",
            format!(
                "VAT category {cat} at {rate} % is used on lines but missing from the breakdown"
            ),
        ));
    }

    // Who must have a VAT number, per category (BR-S-02, BR-Z-02, BR-E-02, BR-AE-02, BR-IC-02).
    let categories: BTreeSet<&str> = per_category.keys().map(|(c, _)| c.as_str()).collect();
    for cat in &categories {
        let (rule, needs_buyer) = match *cat {
            "S" => ("BR-S-02", false),
            "Z" => ("BR-Z-02", false),
            "E" => ("BR-E-02", false),
            "AE" => ("BR-AE-02", true),
            "K" => ("BR-IC-02", true),
            "G" => ("BR-G-02", false),
            _ => continue,
        };
        if doc.seller.vat_number.is_none() {
            return Err(DocumentError::rule(
                rule,
                format!("VAT category {cat} needs the seller's VAT number"),
            ));
        }
        if needs_buyer && doc.buyer.vat_number.is_none() {
            let rule = if *cat == "AE" { "BR-AE-02" } else { "BR-IC-02" };
            return Err(DocumentError::rule(
                rule,
                format!("VAT category {cat} needs the buyer's VAT number"),
            ));
        }
    }
    if categories.contains("O") && categories.len() > 1 {
        return Err(DocumentError::rule(
            "BR-O-11",
            "'not subject to VAT' (O) cannot be mixed with other categories",
        ));
    }
    Ok(())
}

fn taxable_rule(category: &str) -> &'static str {
    match category {
        "S" => "BR-S-08",
        "Z" => "BR-Z-08",
        "E" => "BR-E-08",
        "AE" => "BR-AE-08",
        "K" => "BR-IC-08",
        "G" => "BR-G-08",
        _ => "BR-O-08",
    }
}

fn vat_rate(category: &str, rate: Decimal, context: &str) -> Result<(), DocumentError> {
    if !VAT_CATEGORIES.contains(&category) {
        return Err(DocumentError::rule(
            "BR-CL-17",
            format!("{context}: {category:?} is not a VAT category code"),
        ));
    }
    let (ok, rule) = match category {
        "S" => (rate > Decimal::ZERO, "BR-S-05"),
        "Z" => (rate.is_zero(), "BR-Z-05"),
        "E" => (rate.is_zero(), "BR-E-05"),
        "AE" => (rate.is_zero(), "BR-AE-05"),
        "K" => (rate.is_zero(), "BR-IC-05"),
        "G" => (rate.is_zero(), "BR-G-05"),
        _ => (rate.is_zero(), "BR-O-05"),
    };
    if ok {
        Ok(())
    } else {
        Err(DocumentError::rule(
            rule,
            format!("{context}: VAT category {category} cannot have a rate of {rate} %"),
        ))
    }
}

fn totals(doc: &InvoiceDocument) -> Result<(), DocumentError> {
    let t = &doc.totals;
    for (name, v) in [
        ("line_extension", t.line_extension),
        ("tax_exclusive", t.tax_exclusive),
        ("tax_amount", t.tax_amount),
        ("tax_inclusive", t.tax_inclusive),
        ("prepaid", t.prepaid),
        ("payable", t.payable),
    ] {
        cents(&format!("totals.{name}"), v)?;
    }
    let sum_lines: Decimal = doc.lines.iter().map(|l| l.net_amount).sum();
    let sum_vat: Decimal = doc.vat_breakdown.iter().map(|s| s.tax_amount).sum();
    let checks = [
        (
            "BR-CO-10",
            "the sum of the line nets",
            t.line_extension,
            sum_lines,
        ),
        (
            "BR-CO-13",
            "the total without VAT",
            t.tax_exclusive,
            t.line_extension,
        ),
        ("BR-CO-14", "the total VAT", t.tax_amount, sum_vat),
        (
            "BR-CO-15",
            "the total with VAT",
            t.tax_inclusive,
            t.tax_exclusive + t.tax_amount,
        ),
        (
            "BR-CO-16",
            "the amount due",
            t.payable,
            t.tax_inclusive - t.prepaid,
        ),
    ];
    for (rule, what, given, expected) in checks {
        if given != expected {
            return Err(DocumentError::rule(
                rule,
                format!("{what} is {given}, expected {expected}"),
            ));
        }
    }
    // BR-CO-25 binds invoices; a credit note's refund has no due date of its own.
    if doc.kind == DocumentKind::Invoice && t.payable > Decimal::ZERO && doc.due_date.is_none() {
        return Err(DocumentError::rule(
            "BR-CO-25",
            "an amount is due, so the due date must be given",
        ));
    }
    if doc.kind == DocumentKind::CreditNote && t.payable.is_sign_negative() && !t.payable.is_zero()
    {
        return Err(DocumentError::field(
            "totals.payable",
            "a credit note carries positive amounts",
        ));
    }
    Ok(())
}

fn payment(doc: &InvoiceDocument) -> Result<(), DocumentError> {
    let Some(p) = &doc.payment else { return Ok(()) };
    if p.means_code.is_empty()
        || p.means_code.len() > 3
        || !p.means_code.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(DocumentError::rule(
            "BR-CL-16",
            format!("{:?} is not a UNCL4461 payment means code", p.means_code),
        ));
    }
    check_iban("payment.iban", &p.iban)?;
    if let Some(bic) = &p.bic {
        check_bic("payment.bic", bic)?;
    }
    non_empty(
        "payment.account_name",
        &p.account_name,
        "PEPPOL-EN16931-R008",
    )?;
    plain_text("payment.account_name", &p.account_name)?;
    StructuredReference::parse(&p.structured_reference)?;
    if p.is_direct_debit() {
        match &p.mandate_id {
            Some(m) if !m.trim().is_empty() => plain_text("payment.mandate_id", m)?,
            _ => {
                return Err(DocumentError::rule(
                    "PEPPOL-EN16931-R061",
                    "direct debit needs the mandate reference",
                ))
            }
        }
    }
    if let Some(c) = &p.creditor_id {
        check_creditor_id("payment.creditor_id", c)?;
    }
    if let Some(d) = &p.debtor_iban {
        check_iban("payment.debtor_iban", d)?;
    }
    Ok(())
}

/// An amount with at most two decimals (BR-DEC-*).
pub(crate) fn cents(field: &str, amount: Decimal) -> Result<(), DocumentError> {
    if amount.normalize().scale() > 2 {
        return Err(DocumentError::field(
            field,
            format!("{amount} has more than two decimals"),
        ));
    }
    Ok(())
}

fn non_empty(field: &str, value: &str, rule: &'static str) -> Result<(), DocumentError> {
    if value.trim().is_empty() {
        return Err(DocumentError::rule(
            rule,
            format!("{field} must not be empty"),
        ));
    }
    Ok(())
}

/// One-line text: no control characters, which XML 1.0 cannot carry or
/// which would break the layout.
pub(crate) fn plain_text(field: &str, value: &str) -> Result<(), DocumentError> {
    if value.chars().any(char::is_control) {
        return Err(DocumentError::field(field, "contains control characters"));
    }
    Ok(())
}

fn text_with_newlines(field: &str, value: &str) -> Result<(), DocumentError> {
    if value.chars().any(|c| c.is_control() && c != '\n') {
        return Err(DocumentError::field(field, "contains control characters"));
    }
    Ok(())
}
