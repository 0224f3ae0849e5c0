//! The dashboard's module cards (open deals, overdue sales invoices, open
//! tickets, revenue per month) in English, Dutch and French (Belgium).

use crate::i18n::{lang, Lang};

/// The dashboard's module sentences in one language.
#[derive(Debug)]
pub struct DashboardText {
    pub deals_title: &'static str,
    pub deals_count: &'static str,
    pub deals_value: &'static str,
    pub deals_weighted: &'static str,
    pub deals_empty: &'static str,
    pub deals_link: &'static str,
    pub overdue_title: &'static str,
    pub overdue_count: &'static str,
    pub overdue_amount: &'static str,
    pub overdue_empty: &'static str,
    pub overdue_link: &'static str,
    pub tickets_title: &'static str,
    pub tickets_open: &'static str,
    pub tickets_breached: &'static str,
    pub tickets_empty: &'static str,
    pub tickets_link: &'static str,
    pub revenue_title: &'static str,
    /// `{from}` and `{to}`: the first and last month.
    pub revenue_desc: &'static str,
    pub revenue_empty: &'static str,
    pub revenue_month: &'static str,
    pub revenue_amount: &'static str,
    pub revenue_link: &'static str,
    pub not_subscribed: &'static str,
    /// Shown after a count that reached the page limit: `200+`.
    pub more_than: &'static str,
}

pub static EN: DashboardText = DashboardText {
    deals_title: "Open deals",
    deals_count: "Deals",
    deals_value: "Value",
    deals_weighted: "Weighted",
    deals_empty: "No open deals yet.",
    deals_link: "Go to deals",
    overdue_title: "Overdue invoices",
    overdue_count: "Invoices",
    overdue_amount: "Still to receive",
    overdue_empty: "No overdue invoices.",
    overdue_link: "Go to sales invoices",
    tickets_title: "Open tickets",
    tickets_open: "Open",
    tickets_breached: "SLA breached",
    tickets_empty: "No open tickets.",
    tickets_link: "Go to tickets",
    revenue_title: "Invoiced revenue",
    revenue_desc:
        "Net invoiced revenue per month (excl. VAT, credit notes deducted), {from} to {to}.",
    revenue_empty: "Nothing invoiced in the last 12 months.",
    revenue_month: "Month",
    revenue_amount: "Revenue",
    revenue_link: "Go to sales invoices",
    not_subscribed: "Not part of your subscription.",
    more_than: "+",
};

pub static NL: DashboardText = DashboardText {
    deals_title: "Open deals",
    deals_count: "Deals",
    deals_value: "Waarde",
    deals_weighted: "Gewogen",
    deals_empty: "Nog geen open deals.",
    deals_link: "Naar deals",
    overdue_title: "Vervallen facturen",
    overdue_count: "Facturen",
    overdue_amount: "Nog te ontvangen",
    overdue_empty: "Geen vervallen facturen.",
    overdue_link: "Naar verkoopfacturen",
    tickets_title: "Open tickets",
    tickets_open: "Open",
    tickets_breached: "SLA overschreden",
    tickets_empty: "Geen open tickets.",
    tickets_link: "Naar tickets",
    revenue_title: "Gefactureerde omzet",
    revenue_desc: "Netto gefactureerde omzet per maand (excl. btw, creditnota's afgetrokken), {from} tot {to}.",
    revenue_empty: "De voorbije 12 maanden niets gefactureerd.",
    revenue_month: "Maand",
    revenue_amount: "Omzet",
    revenue_link: "Naar verkoopfacturen",
    not_subscribed: "Niet in uw abonnement.",
    more_than: "+",
};

pub static FR: DashboardText = DashboardText {
    deals_title: "Affaires en cours",
    deals_count: "Affaires",
    deals_value: "Valeur",
    deals_weighted: "Pondérée",
    deals_empty: "Pas encore d’affaires en cours.",
    deals_link: "Vers les affaires",
    overdue_title: "Factures échues",
    overdue_count: "Factures",
    overdue_amount: "Reste à percevoir",
    overdue_empty: "Aucune facture échue.",
    overdue_link: "Vers les factures de vente",
    tickets_title: "Tickets ouverts",
    tickets_open: "Ouverts",
    tickets_breached: "SLA dépassé",
    tickets_empty: "Aucun ticket ouvert.",
    tickets_link: "Vers les tickets",
    revenue_title: "Chiffre d’affaires facturé",
    revenue_desc: "Chiffre d’affaires net facturé par mois (hors TVA, notes de crédit déduites), de {from} à {to}.",
    revenue_empty: "Rien facturé ces 12 derniers mois.",
    revenue_month: "Mois",
    revenue_amount: "Chiffre d’affaires",
    revenue_link: "Vers les factures de vente",
    not_subscribed: "Ne fait pas partie de votre abonnement.",
    more_than: "+",
};

pub fn text() -> &'static DashboardText {
    match lang() {
        Lang::En => &EN,
        Lang::Nl => &NL,
        Lang::Fr => &FR,
    }
}
