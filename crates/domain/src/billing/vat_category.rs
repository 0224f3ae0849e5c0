//! VAT categories and rates as EN 16931 names them (UNCL5305 codes), the
//! Belgian rates, and when intra-EU B2B reverse charge replaces Belgian VAT.

use crate::country::Country;
use crate::vat::VatNumber;
use rust_decimal::Decimal;

/// The mention an invoice carries when the buyer owes the VAT: "Reverse
/// charge" is the wording art. 226(11a) of Council Directive 2006/112/EC
/// requires; "Autoliquidation" / "Verlegging van heffing" are the Belgian
/// French and Dutch terms. The buyer is liable under art. 196 of the Directive
/// (services whose place of supply is the buyer's member state, art. 44).
pub const REVERSE_CHARGE_MENTION: &str =
    "Reverse charge / Autoliquidation / Verlegging van heffing — Article 196 of Council Directive 2006/112/EC";

/// The VAT category of an invoice line: what the UBL writer puts in
/// `cbc:ID` of `cac:ClassifiedTaxCategory` (BT-151) and `cbc:Percent` (BT-152).
///
/// The variants are ordered as the VAT breakdown lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum VatCategory {
    /// Belgian standard rate, 21 % (code `S`).
    Standard21,
    /// Belgian reduced rate, 12 % (code `S`).
    Reduced12,
    /// Belgian reduced rate, 6 % (code `S`).
    Reduced6,
    /// Zero-rated goods, 0 % (code `Z`).
    ZeroRated,
    /// Exempt from VAT (code `E`); the invoice must state the legal ground
    /// (EN 16931 BR-E-10), see [`crate::billing::DraftInvoice::exemption_reason`].
    Exempt,
    /// Intra-EU B2B supply where the buyer owes the VAT (code `AE`, 0 %).
    /// Chosen by [`effective_category`], not by the person writing the line.
    ReverseCharge,
    /// Intra-community supply of goods, exempt under art. 138 of the
    /// Directive (code `K`, 0 %).
    IntraCommunitySupply,
    /// Export outside the EU (code `G`, 0 %).
    Export,
    /// Not subject to VAT (code `O`).
    OutsideScope,
}

impl VatCategory {
    /// The UNCL5305 code EN 16931 uses (BT-151, BT-118).
    pub fn code(self) -> &'static str {
        match self {
            Self::Standard21 | Self::Reduced12 | Self::Reduced6 => "S",
            Self::ZeroRated => "Z",
            Self::Exempt => "E",
            Self::ReverseCharge => "AE",
            Self::IntraCommunitySupply => "K",
            Self::Export => "G",
            Self::OutsideScope => "O",
        }
    }

    /// The rate in percent (BT-152, BT-119): 21 means 21 %.
    pub fn rate_percent(self) -> Decimal {
        match self {
            Self::Standard21 => Decimal::from(21),
            Self::Reduced12 => Decimal::from(12),
            Self::Reduced6 => Decimal::from(6),
            _ => Decimal::ZERO,
        }
    }

    /// The VATEX exemption reason code (BT-121) where the category has a
    /// fixed one; `Exempt` depends on the ground and is given on the draft.
    pub fn exemption_reason_code(self) -> Option<&'static str> {
        match self {
            Self::ReverseCharge => Some("VATEX-EU-AE"),
            Self::IntraCommunitySupply => Some("VATEX-EU-IC"),
            Self::Export => Some("VATEX-EU-G"),
            Self::OutsideScope => Some("VATEX-EU-O"),
            _ => None,
        }
    }

    /// Whether Belgian VAT is charged on the line (categories `S` and `Z`),
    /// i.e. whether reverse charge takes its place for an EU business buyer.
    fn is_domestic_rate(self) -> bool {
        matches!(
            self,
            Self::Standard21 | Self::Reduced12 | Self::Reduced6 | Self::ZeroRated
        )
    }
}

/// Whether the buyer, not the seller, owes the VAT: a business buyer with a
/// VAT number of an EU member state other than the seller's (Directive
/// 2006/112/EC art. 44 and 196). `buyer_vat_number` must already be parsed
/// for `buyer_country` ([`VatNumber::parse`] checks format and check digits;
/// a VIES check is the caller's I/O). Consumers never qualify.
pub fn reverse_charge_applies(
    seller_country: Country,
    buyer_country: Country,
    buyer_vat_number: Option<&VatNumber>,
    buyer_is_consumer: bool,
) -> bool {
    let Some(vat) = buyer_vat_number else {
        return false;
    };
    !buyer_is_consumer
        && seller_country.is_eu_member()
        && buyer_country.is_eu_member()
        && buyer_country != seller_country
        && vat.as_str().starts_with(buyer_country.vat_prefix())
}

/// The category a line is invoiced under: a Belgian rate becomes reverse
/// charge (`AE`) when [`reverse_charge_applies`]; other categories stand.
pub fn effective_category(written: VatCategory, reverse_charge: bool) -> VatCategory {
    if reverse_charge && written.is_domestic_rate() {
        VatCategory::ReverseCharge
    } else {
        written
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(code: &str) -> Country {
        Country::parse(code).unwrap()
    }

    fn vat(raw: &str, country: &str) -> VatNumber {
        VatNumber::parse(raw, c(country)).unwrap()
    }

    #[test]
    fn codes_and_rates_follow_uncl5305() {
        assert_eq!(VatCategory::Standard21.code(), "S");
        assert_eq!(VatCategory::Reduced12.rate_percent(), Decimal::from(12));
        assert_eq!(VatCategory::Reduced6.rate_percent(), Decimal::from(6));
        assert_eq!(VatCategory::ZeroRated.code(), "Z");
        assert_eq!(VatCategory::Exempt.code(), "E");
        assert_eq!(VatCategory::ReverseCharge.code(), "AE");
        assert_eq!(VatCategory::ReverseCharge.rate_percent(), Decimal::ZERO);
        assert_eq!(
            VatCategory::ReverseCharge.exemption_reason_code(),
            Some("VATEX-EU-AE")
        );
        assert_eq!(VatCategory::IntraCommunitySupply.code(), "K");
    }

    #[test]
    fn reverse_charge_only_for_a_business_in_another_member_state() {
        let nl = vat("NL123456789B01", "NL");
        let be = vat("BE0810231595", "BE");
        let gb = vat("GB123456789", "GB");
        assert!(reverse_charge_applies(c("BE"), c("NL"), Some(&nl), false));
        // Same member state: Belgian VAT.
        assert!(!reverse_charge_applies(c("BE"), c("BE"), Some(&be), false));
        // No VAT number, or a consumer: Belgian VAT.
        assert!(!reverse_charge_applies(c("BE"), c("NL"), None, false));
        assert!(!reverse_charge_applies(c("BE"), c("NL"), Some(&nl), true));
        // Outside the EU: not this rule.
        assert!(!reverse_charge_applies(c("BE"), c("GB"), Some(&gb), false));
        // A number of another country than the buyer's is not trusted.
        assert!(!reverse_charge_applies(c("BE"), c("FR"), Some(&nl), false));
    }

    #[test]
    fn only_belgian_rates_turn_into_reverse_charge() {
        assert_eq!(
            effective_category(VatCategory::Standard21, true),
            VatCategory::ReverseCharge
        );
        assert_eq!(
            effective_category(VatCategory::Reduced6, true),
            VatCategory::ReverseCharge
        );
        assert_eq!(
            effective_category(VatCategory::Exempt, true),
            VatCategory::Exempt
        );
        assert_eq!(
            effective_category(VatCategory::Standard21, false),
            VatCategory::Standard21
        );
    }
}
