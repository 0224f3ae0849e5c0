//! SEPA Core Direct Debit collections: the ISO 20022 pain.008.001.02
//! customer direct debit initiation a creditor hands to its bank.

use chrono::{NaiveDate, NaiveDateTime};
use rust_decimal::Decimal;

use crate::banking::{check_bic, check_creditor_id, check_iban, StructuredReference};
use crate::check::{cents, plain_text};
use crate::ubl::amount;
use crate::xml::XmlOut;
use crate::DocumentError;

const NS_PAIN_008: &str = "urn:iso:std:iso:20022:tech:xsd:pain.008.001.02";

/// Whether a collection is the first of a mandate or a following one
/// (SEPA rulebook; each gets its own payment information block).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SequenceType {
    /// First collection under a mandate.
    First,
    /// A recurring collection after the first.
    Recurring,
}

impl SequenceType {
    fn code(self) -> &'static str {
        match self {
            Self::First => "FRST",
            Self::Recurring => "RCUR",
        }
    }
}

/// The party collecting the money.
#[derive(Debug, Clone, PartialEq)]
pub struct Creditor {
    /// Name, at most 70 characters.
    pub name: String,
    /// Account the collections are credited to.
    pub iban: String,
    /// The creditor's bank.
    pub bic: String,
    /// SEPA creditor identifier, e.g. "BE43ZZZ0810231595".
    pub creditor_id: String,
}

/// One collection: one invoice.
#[derive(Debug, Clone, PartialEq)]
pub struct DirectDebitTransaction {
    /// End-to-end identifier: the invoice number (at most 35 characters).
    pub end_to_end_id: String,
    /// Amount in euro.
    pub amount: Decimal,
    /// The mandate reference (at most 35 characters).
    pub mandate_id: String,
    /// When the debtor signed the mandate.
    pub mandate_signature_date: NaiveDate,
    /// First or recurring collection under the mandate.
    pub sequence_type: SequenceType,
    /// Debtor's name (at most 70 characters).
    pub debtor_name: String,
    /// Debtor's account.
    pub debtor_iban: String,
    /// Debtor's bank; when unknown the file says NOTPROVIDED (allowed for
    /// IBAN-only SEPA collections).
    pub debtor_bic: Option<String>,
    /// The invoice's structured communication, sent as a structured
    /// creditor reference (Febelfin: type SCOR, issuer BBA).
    pub structured_reference: String,
}

/// A batch of collections on one date for one creditor.
#[derive(Debug, Clone, PartialEq)]
pub struct DirectDebitBatch {
    /// Message identifier, unique per creditor (at most 35 characters).
    pub message_id: String,
    /// When the file was created: an input, never read from a clock.
    pub created_at: NaiveDateTime,
    /// The party collecting.
    pub creditor: Creditor,
    /// Requested collection date.
    pub collection_date: NaiveDate,
    /// The collections, at least one.
    pub transactions: Vec<DirectDebitTransaction>,
}

/// Writes the batch as a pain.008.001.02 document: one payment information
/// block per sequence type (FRST before RCUR), with correct transaction
/// counts and control sums in the group header and each block.
pub fn to_pain_008(batch: &DirectDebitBatch) -> Result<String, DocumentError> {
    check_batch(batch)?;
    let txs = &batch.transactions;
    let total: Decimal = txs.iter().map(|t| t.amount).sum();
    let mut x = XmlOut::new();
    x.open("Document", &[("xmlns", NS_PAIN_008)]);
    x.open("CstmrDrctDbtInitn", &[]);
    x.open("GrpHdr", &[]);
    x.leaf("MsgId", &batch.message_id);
    x.leaf(
        "CreDtTm",
        &batch.created_at.format("%Y-%m-%dT%H:%M:%S").to_string(),
    );
    x.leaf("NbOfTxs", &txs.len().to_string());
    x.leaf("CtrlSum", &amount(total));
    x.open("InitgPty", &[]);
    x.leaf("Nm", &batch.creditor.name);
    x.close("InitgPty");
    x.close("GrpHdr");

    for seq in [SequenceType::First, SequenceType::Recurring] {
        let group: Vec<&DirectDebitTransaction> =
            txs.iter().filter(|t| t.sequence_type == seq).collect();
        if group.is_empty() {
            continue;
        }
        let sum: Decimal = group.iter().map(|t| t.amount).sum();
        let c = &batch.creditor;
        x.open("PmtInf", &[]);
        x.leaf(
            "PmtInfId",
            &format!("{}-{}", truncate(&batch.message_id, 30), seq.code()),
        );
        x.leaf("PmtMtd", "DD");
        x.leaf("NbOfTxs", &group.len().to_string());
        x.leaf("CtrlSum", &amount(sum));
        x.open("PmtTpInf", &[]);
        x.open("SvcLvl", &[]);
        x.leaf("Cd", "SEPA");
        x.close("SvcLvl");
        x.open("LclInstrm", &[]);
        x.leaf("Cd", "CORE");
        x.close("LclInstrm");
        x.leaf("SeqTp", seq.code());
        x.close("PmtTpInf");
        x.leaf("ReqdColltnDt", &batch.collection_date.to_string());
        x.open("Cdtr", &[]);
        x.leaf("Nm", &c.name);
        x.close("Cdtr");
        x.open("CdtrAcct", &[]);
        x.open("Id", &[]);
        x.leaf("IBAN", &c.iban);
        x.close("Id");
        x.close("CdtrAcct");
        x.open("CdtrAgt", &[]);
        x.open("FinInstnId", &[]);
        x.leaf("BIC", &c.bic);
        x.close("FinInstnId");
        x.close("CdtrAgt");
        x.leaf("ChrgBr", "SLEV");
        x.open("CdtrSchmeId", &[]);
        x.open("Id", &[]);
        x.open("PrvtId", &[]);
        x.open("Othr", &[]);
        x.leaf("Id", &c.creditor_id);
        x.open("SchmeNm", &[]);
        x.leaf("Prtry", "SEPA");
        x.close("SchmeNm");
        x.close("Othr");
        x.close("PrvtId");
        x.close("Id");
        x.close("CdtrSchmeId");
        for t in group {
            transaction(&mut x, t)?;
        }
        x.close("PmtInf");
    }
    x.close("CstmrDrctDbtInitn");
    x.close("Document");
    x.finish()
}

fn transaction(x: &mut XmlOut, t: &DirectDebitTransaction) -> Result<(), DocumentError> {
    x.open("DrctDbtTxInf", &[]);
    x.open("PmtId", &[]);
    x.leaf("EndToEndId", &t.end_to_end_id);
    x.close("PmtId");
    x.leaf_with("InstdAmt", &[("Ccy", "EUR")], &amount(t.amount));
    x.open("DrctDbtTx", &[]);
    x.open("MndtRltdInf", &[]);
    x.leaf("MndtId", &t.mandate_id);
    x.leaf("DtOfSgntr", &t.mandate_signature_date.to_string());
    x.close("MndtRltdInf");
    x.close("DrctDbtTx");
    x.open("DbtrAgt", &[]);
    x.open("FinInstnId", &[]);
    match &t.debtor_bic {
        Some(bic) => x.leaf("BIC", bic),
        None => {
            x.open("Othr", &[]);
            x.leaf("Id", "NOTPROVIDED");
            x.close("Othr");
        }
    }
    x.close("FinInstnId");
    x.close("DbtrAgt");
    x.open("Dbtr", &[]);
    x.leaf("Nm", &t.debtor_name);
    x.close("Dbtr");
    x.open("DbtrAcct", &[]);
    x.open("Id", &[]);
    x.leaf("IBAN", &t.debtor_iban);
    x.close("Id");
    x.close("DbtrAcct");
    x.open("RmtInf", &[]);
    x.open("Strd", &[]);
    x.open("CdtrRefInf", &[]);
    x.open("Tp", &[]);
    x.open("CdOrPrtry", &[]);
    x.leaf("Cd", "SCOR");
    x.close("CdOrPrtry");
    x.leaf("Issr", "BBA");
    x.close("Tp");
    x.leaf(
        "Ref",
        StructuredReference::parse(&t.structured_reference)?.digits(),
    );
    x.close("CdtrRefInf");
    x.close("Strd");
    x.close("RmtInf");
    x.close("DrctDbtTxInf");
    Ok(())
}

fn check_batch(b: &DirectDebitBatch) -> Result<(), DocumentError> {
    sepa_text("message_id", &b.message_id, 35)?;
    sepa_text("creditor.name", &b.creditor.name, 70)?;
    check_iban("creditor.iban", &b.creditor.iban)?;
    check_bic("creditor.bic", &b.creditor.bic)?;
    check_creditor_id("creditor.creditor_id", &b.creditor.creditor_id)?;
    if b.transactions.is_empty() {
        return Err(DocumentError::field(
            "transactions",
            "a batch needs at least one collection",
        ));
    }
    let mut ids = std::collections::BTreeSet::new();
    for (i, t) in b.transactions.iter().enumerate() {
        let f = |name: &str| format!("transactions[{i}].{name}");
        sepa_text(&f("end_to_end_id"), &t.end_to_end_id, 35)?;
        if !ids.insert(t.end_to_end_id.as_str()) {
            return Err(DocumentError::field(
                f("end_to_end_id"),
                format!("{:?} is collected twice", t.end_to_end_id),
            ));
        }
        sepa_text(&f("mandate_id"), &t.mandate_id, 35)?;
        sepa_text(&f("debtor_name"), &t.debtor_name, 70)?;
        cents(&f("amount"), t.amount)?;
        // SEPA rulebook AT-06: from 0.01 to 999,999,999.99 euro.
        if t.amount < Decimal::new(1, 2) || t.amount > Decimal::new(99_999_999_999, 2) {
            return Err(DocumentError::field(
                f("amount"),
                format!("{} is outside 0.01..999999999.99", t.amount),
            ));
        }
        if t.mandate_signature_date > b.collection_date {
            return Err(DocumentError::field(
                f("mandate_signature_date"),
                "the mandate is signed after the collection date",
            ));
        }
        check_iban(&f("debtor_iban"), &t.debtor_iban)?;
        if let Some(bic) = &t.debtor_bic {
            check_bic(&f("debtor_bic"), bic)?;
        }
        StructuredReference::parse(&t.structured_reference)?;
    }
    Ok(())
}

fn sepa_text(field: &str, value: &str, max: usize) -> Result<(), DocumentError> {
    plain_text(field, value)?;
    let n = value.chars().count();
    if value.trim().is_empty() || n > max {
        return Err(DocumentError::field(
            field,
            format!("needs 1 to {max} characters, has {n}"),
        ));
    }
    Ok(())
}

fn truncate(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}
