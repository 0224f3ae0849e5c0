//! UBL 2.1 invoices and credit notes conforming to Peppol BIS Billing 3.0.
//!
//! Element order follows the UBL 2.1 schema's sequences exactly (the
//! schema rejects any other order); which elements appear, and how, follows
//! the Peppol BIS 3.0 syntax binding of EN 16931.

use rust_decimal::Decimal;

use crate::banking::StructuredReference;
use crate::check::{check_document, vatex_code};
use crate::model::{DocumentKind, DocumentLine, InvoiceDocument, Party};
use crate::xml::XmlOut;
use crate::DocumentError;

/// Peppol BIS Billing 3.0 specification identifier (BT-24, PEPPOL-EN16931-R004).
pub const CUSTOMIZATION_ID: &str =
    "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0";
/// Peppol billing process identifier (BT-23, PEPPOL-EN16931-R001).
pub const PROFILE_ID: &str = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";

const NS_INVOICE: &str = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
const NS_CREDIT_NOTE: &str = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2";
const NS_CAC: &str = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
const NS_CBC: &str = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";

/// Writes the document as a Peppol BIS 3.0 UBL `Invoice` or `CreditNote`,
/// after checking its figures (see [`crate::check_document`]).
pub fn to_ubl_xml(doc: &InvoiceDocument) -> Result<String, DocumentError> {
    check_document(doc)?;
    let (root, ns, type_tag, type_code) = match doc.kind {
        DocumentKind::Quotation => {
            return Err(DocumentError::field(
                "kind",
                "a quotation is not an invoice; Peppol UBL is for invoices and credit notes",
            ));
        }
        DocumentKind::Invoice => ("Invoice", NS_INVOICE, "cbc:InvoiceTypeCode", "380"),
        DocumentKind::CreditNote => (
            "CreditNote",
            NS_CREDIT_NOTE,
            "cbc:CreditNoteTypeCode",
            "381",
        ),
    };
    let is_invoice = doc.kind == DocumentKind::Invoice;
    let cur = doc.currency.as_str();
    let mut x = XmlOut::new();
    x.open(
        root,
        &[("xmlns", ns), ("xmlns:cac", NS_CAC), ("xmlns:cbc", NS_CBC)],
    );
    x.leaf("cbc:CustomizationID", CUSTOMIZATION_ID);
    x.leaf("cbc:ProfileID", PROFILE_ID);
    x.leaf("cbc:ID", &doc.number);
    x.leaf("cbc:IssueDate", &doc.issue_date.to_string());
    // UBL's CreditNote has no DueDate: Peppol puts BT-9 in PaymentMeans there.
    if is_invoice {
        x.leaf_opt(
            "cbc:DueDate",
            doc.due_date.map(|d| d.to_string()).as_deref(),
        );
    }
    x.leaf(type_tag, type_code);
    // PEPPOL-EN16931-R002: at most one document-level note.
    let note = doc
        .notes
        .iter()
        .map(|n| n.trim())
        .filter(|n| !n.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    x.leaf_opt("cbc:Note", Some(&note));
    x.leaf("cbc:DocumentCurrencyCode", cur);
    x.leaf_opt("cbc:BuyerReference", doc.buyer_reference.as_deref());
    if let Some(order) = &doc.order_reference {
        x.open("cac:OrderReference", &[]);
        x.leaf("cbc:ID", order);
        x.close("cac:OrderReference");
    }
    if let Some(r) = &doc.billing_reference {
        x.open("cac:BillingReference", &[]);
        x.open("cac:InvoiceDocumentReference", &[]);
        x.leaf("cbc:ID", &r.invoice_number);
        x.leaf("cbc:IssueDate", &r.issue_date.to_string());
        x.close("cac:InvoiceDocumentReference");
        x.close("cac:BillingReference");
    }
    let seller_id = doc.payment.as_ref().and_then(|p| p.creditor_id.as_deref());
    x.open("cac:AccountingSupplierParty", &[]);
    party(&mut x, &doc.seller, seller_id);
    x.close("cac:AccountingSupplierParty");
    x.open("cac:AccountingCustomerParty", &[]);
    party(&mut x, &doc.buyer, None);
    x.close("cac:AccountingCustomerParty");

    if let Some(p) = &doc.payment {
        x.open("cac:PaymentMeans", &[]);
        x.leaf("cbc:PaymentMeansCode", &p.means_code);
        if !is_invoice {
            x.leaf_opt(
                "cbc:PaymentDueDate",
                doc.due_date.map(|d| d.to_string()).as_deref(),
            );
        }
        // BT-83: the structured communication, as printed.
        x.leaf(
            "cbc:PaymentID",
            &StructuredReference::parse(&p.structured_reference)?.formatted(),
        );
        x.open("cac:PayeeFinancialAccount", &[]);
        x.leaf("cbc:ID", &p.iban);
        x.leaf("cbc:Name", &p.account_name);
        if let Some(bic) = &p.bic {
            x.open("cac:FinancialInstitutionBranch", &[]);
            x.leaf("cbc:ID", bic);
            x.close("cac:FinancialInstitutionBranch");
        }
        x.close("cac:PayeeFinancialAccount");
        if p.is_direct_debit() {
            x.open("cac:PaymentMandate", &[]);
            x.leaf_opt("cbc:ID", p.mandate_id.as_deref());
            if let Some(debtor) = &p.debtor_iban {
                x.open("cac:PayerFinancialAccount", &[]);
                x.leaf("cbc:ID", debtor);
                x.close("cac:PayerFinancialAccount");
            }
            x.close("cac:PaymentMandate");
        }
        x.close("cac:PaymentMeans");
    } else if !is_invoice {
        // Without payment means a credit note's due date has nowhere to go;
        // payment terms carry it in words instead.
        if let Some(due) = doc.due_date {
            x.open("cac:PaymentTerms", &[]);
            x.leaf("cbc:Note", &format!("Due on {due}"));
            x.close("cac:PaymentTerms");
        }
    }

    x.open("cac:TaxTotal", &[]);
    x.leaf_with(
        "cbc:TaxAmount",
        &[("currencyID", cur)],
        &amount(doc.totals.tax_amount),
    );
    for sub in &doc.vat_breakdown {
        x.open("cac:TaxSubtotal", &[]);
        x.leaf_with(
            "cbc:TaxableAmount",
            &[("currencyID", cur)],
            &amount(sub.taxable_amount),
        );
        x.leaf_with(
            "cbc:TaxAmount",
            &[("currencyID", cur)],
            &amount(sub.tax_amount),
        );
        x.open("cac:TaxCategory", &[]);
        x.leaf("cbc:ID", &sub.category);
        if sub.category != "O" {
            x.leaf("cbc:Percent", &number(sub.rate));
        }
        x.leaf_opt("cbc:TaxExemptionReasonCode", vatex_code(&sub.category));
        let reason = sub.exemption_reason.as_deref().or(if sub.category == "AE" {
            doc.legal_mention.as_deref()
        } else {
            None
        });
        x.leaf_opt("cbc:TaxExemptionReason", reason);
        tax_scheme(&mut x);
        x.close("cac:TaxCategory");
        x.close("cac:TaxSubtotal");
    }
    x.close("cac:TaxTotal");

    let t = &doc.totals;
    x.open("cac:LegalMonetaryTotal", &[]);
    x.leaf_with(
        "cbc:LineExtensionAmount",
        &[("currencyID", cur)],
        &amount(t.line_extension),
    );
    x.leaf_with(
        "cbc:TaxExclusiveAmount",
        &[("currencyID", cur)],
        &amount(t.tax_exclusive),
    );
    x.leaf_with(
        "cbc:TaxInclusiveAmount",
        &[("currencyID", cur)],
        &amount(t.tax_inclusive),
    );
    if !t.prepaid.is_zero() {
        x.leaf_with(
            "cbc:PrepaidAmount",
            &[("currencyID", cur)],
            &amount(t.prepaid),
        );
    }
    x.leaf_with(
        "cbc:PayableAmount",
        &[("currencyID", cur)],
        &amount(t.payable),
    );
    x.close("cac:LegalMonetaryTotal");

    for l in &doc.lines {
        line(&mut x, doc.kind, cur, l);
    }
    x.close(root);
    x.finish()
}

fn party(x: &mut XmlOut, p: &Party, creditor_id: Option<&str>) {
    x.open("cac:Party", &[]);
    if let Some(a) = &p.electronic_address {
        x.leaf_with("cbc:EndpointID", &[("schemeID", &a.scheme)], &a.id);
    }
    // BT-90: the SEPA creditor identifier is a party identification with scheme "SEPA".
    if let Some(c) = creditor_id {
        x.open("cac:PartyIdentification", &[]);
        x.leaf_with("cbc:ID", &[("schemeID", "SEPA")], c);
        x.close("cac:PartyIdentification");
    }
    x.open("cac:PartyName", &[]);
    x.leaf("cbc:Name", &p.name);
    x.close("cac:PartyName");
    x.open("cac:PostalAddress", &[]);
    x.leaf_opt("cbc:StreetName", Some(&p.street));
    x.leaf_opt("cbc:CityName", Some(&p.city));
    x.leaf_opt("cbc:PostalZone", Some(&p.postal_code));
    x.open("cac:Country", &[]);
    x.leaf("cbc:IdentificationCode", &p.country_code);
    x.close("cac:Country");
    x.close("cac:PostalAddress");
    if let Some(vat) = &p.vat_number {
        x.open("cac:PartyTaxScheme", &[]);
        x.leaf("cbc:CompanyID", vat);
        tax_scheme(x);
        x.close("cac:PartyTaxScheme");
    }
    x.open("cac:PartyLegalEntity", &[]);
    x.leaf("cbc:RegistrationName", &p.name);
    if let Some(id) = &p.company_id {
        // ICD 0208 is the Belgian enterprise number; other countries' numbers go without a scheme.
        if p.country_code == "BE" {
            x.leaf_with("cbc:CompanyID", &[("schemeID", "0208")], id);
        } else {
            x.leaf("cbc:CompanyID", id);
        }
    }
    x.close("cac:PartyLegalEntity");
    if let Some(email) = &p.email {
        x.open("cac:Contact", &[]);
        x.leaf("cbc:ElectronicMail", email);
        x.close("cac:Contact");
    }
    x.close("cac:Party");
}

fn line(x: &mut XmlOut, kind: DocumentKind, cur: &str, l: &DocumentLine) {
    let (tag, qty_tag) = match kind {
        DocumentKind::Invoice | DocumentKind::Quotation => {
            ("cac:InvoiceLine", "cbc:InvoicedQuantity")
        }
        DocumentKind::CreditNote => ("cac:CreditNoteLine", "cbc:CreditedQuantity"),
    };
    x.open(tag, &[]);
    x.leaf("cbc:ID", &l.id);
    x.leaf_with(qty_tag, &[("unitCode", &l.unit_code)], &number(l.quantity));
    x.leaf_with(
        "cbc:LineExtensionAmount",
        &[("currencyID", cur)],
        &amount(l.net_amount),
    );
    if let Some(d) = l.discount_amount.filter(|d| !d.is_zero()) {
        // BG-27 line allowance; BR-42 wants a reason, code 95 is "Discount".
        x.open("cac:AllowanceCharge", &[]);
        x.leaf("cbc:ChargeIndicator", "false");
        x.leaf("cbc:AllowanceChargeReasonCode", "95");
        x.leaf("cbc:AllowanceChargeReason", "Discount");
        x.leaf_with("cbc:Amount", &[("currencyID", cur)], &amount(d));
        x.close("cac:AllowanceCharge");
    }
    x.open("cac:Item", &[]);
    x.leaf("cbc:Name", &l.description);
    x.open("cac:ClassifiedTaxCategory", &[]);
    x.leaf("cbc:ID", &l.vat_category);
    if l.vat_category != "O" {
        x.leaf("cbc:Percent", &number(l.vat_rate));
    }
    tax_scheme(x);
    x.close("cac:ClassifiedTaxCategory");
    x.close("cac:Item");
    x.open("cac:Price", &[]);
    x.leaf_with(
        "cbc:PriceAmount",
        &[("currencyID", cur)],
        &number(l.unit_price),
    );
    x.close("cac:Price");
    x.close(tag);
}

fn tax_scheme(x: &mut XmlOut) {
    x.open("cac:TaxScheme", &[]);
    x.leaf("cbc:ID", "VAT");
    x.close("cac:TaxScheme");
}

/// An amount with exactly two decimals, as Peppol wants (BR-DEC-*).
pub(crate) fn amount(d: Decimal) -> String {
    format!("{:.2}", crate::check::round_cent(d))
}

/// A quantity, price or percentage without trailing zeros.
pub(crate) fn number(d: Decimal) -> String {
    d.normalize().to_string()
}
