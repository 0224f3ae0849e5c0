//! Strings of the integrations area (API key scopes, rotation).

use super::Lang;

/// The integrations strings of one language.
#[derive(Debug)]
pub struct IntegrationsText {
    pub scopes_legend: &'static str,
    pub scopes_hint: &'static str,
    pub scope_read: &'static str,
    pub scope_write: &'static str,
    pub full_access: &'static str,
    pub full_access_warning: &'static str,
    pub full_access_badge: &'static str,
    pub area_crm: &'static str,
    pub area_calendar: &'static str,
    pub area_quotations: &'static str,
    pub area_projects: &'static str,
    pub area_invoicing: &'static str,
    pub area_ticketing: &'static str,
    pub area_voip: &'static str,
    pub area_billing: &'static str,
    pub area_admin: &'static str,
    pub col_scopes: &'static str,
    pub col_country: &'static str,
    pub unknown_country: &'static str,
    pub rotate: &'static str,
    pub rotate_question: &'static str,
    pub rotated: &'static str,
    pub grace_note: &'static str,
}

pub const EN: IntegrationsText = IntegrationsText {
    scopes_legend: "What the key may do",
    scopes_hint: "Pick only what the integration needs. Changing includes reading.",
    scope_read: "Read",
    scope_write: "Change",
    full_access: "Full access: everything the Administrator may do",
    full_access_warning: "A full-access key is as powerful as your own account: keep it as safe as a password.",
    full_access_badge: "Full access",
    area_crm: "CRM (companies, contacts, deals)",
    area_calendar: "Calendar",
    area_quotations: "Quotations",
    area_projects: "Projects and time",
    area_invoicing: "Invoicing and payments",
    area_ticketing: "Helpdesk tickets",
    area_voip: "Calls",
    area_billing: "Your subscription and Ecom's invoices",
    area_admin: "Users, API keys, webhooks and export",
    col_scopes: "Scopes",
    col_country: "Last used from",
    unknown_country: "unknown",
    rotate: "Rotate",
    rotate_question: "Give {name} a new secret? The old secret keeps working for 24 hours so the integration can switch over.",
    rotated: "{name} has a new secret.",
    grace_note: "The previous secret keeps working until {date}.",
};

pub const NL: IntegrationsText = IntegrationsText {
    scopes_legend: "Wat de sleutel mag doen",
    scopes_hint: "Kies alleen wat de koppeling nodig heeft. Wijzigen omvat lezen.",
    scope_read: "Lezen",
    scope_write: "Wijzigen",
    full_access: "Volledige toegang: alles wat de beheerder mag",
    full_access_warning: "Een sleutel met volledige toegang is even krachtig als uw eigen account: bewaar hem even zorgvuldig als een wachtwoord.",
    full_access_badge: "Volledige toegang",
    area_crm: "CRM (bedrijven, contactpersonen, deals)",
    area_calendar: "Agenda",
    area_quotations: "Offertes",
    area_projects: "Projecten en tijdregistratie",
    area_invoicing: "Facturatie en betalingen",
    area_ticketing: "Helpdesktickets",
    area_voip: "Gesprekken",
    area_billing: "Uw abonnement en de facturen van Ecom",
    area_admin: "Gebruikers, API-sleutels, webhooks en export",
    col_scopes: "Rechten",
    col_country: "Laatst gebruikt vanuit",
    unknown_country: "onbekend",
    rotate: "Vernieuwen",
    rotate_question: "{name} een nieuw geheim geven? Het oude geheim blijft 24 uur werken zodat de koppeling kan overschakelen.",
    rotated: "{name} heeft een nieuw geheim.",
    grace_note: "Het vorige geheim werkt nog tot {date}.",
};

pub const FR: IntegrationsText = IntegrationsText {
    scopes_legend: "Ce que la clé peut faire",
    scopes_hint: "Ne choisissez que ce dont l'intégration a besoin. Modifier inclut lire.",
    scope_read: "Lire",
    scope_write: "Modifier",
    full_access: "Accès complet : tout ce que l'administrateur peut faire",
    full_access_warning: "Une clé à accès complet est aussi puissante que votre propre compte : conservez-la aussi soigneusement qu'un mot de passe.",
    full_access_badge: "Accès complet",
    area_crm: "CRM (entreprises, contacts, affaires)",
    area_calendar: "Agenda",
    area_quotations: "Offres",
    area_projects: "Projets et temps",
    area_invoicing: "Facturation et paiements",
    area_ticketing: "Tickets du support",
    area_voip: "Appels",
    area_billing: "Votre abonnement et les factures d'Ecom",
    area_admin: "Utilisateurs, clés API, webhooks et export",
    col_scopes: "Droits",
    col_country: "Dernière utilisation depuis",
    unknown_country: "inconnu",
    rotate: "Renouveler",
    rotate_question: "Donner un nouveau secret à {name} ? L'ancien secret reste valable 24 heures pour que l'intégration puisse basculer.",
    rotated: "{name} a un nouveau secret.",
    grace_note: "L'ancien secret reste valable jusqu'au {date}.",
};

/// The integrations strings in the person's language.
pub fn text() -> &'static IntegrationsText {
    match super::lang() {
        Lang::En => &EN,
        Lang::Nl => &NL,
        Lang::Fr => &FR,
    }
}

impl IntegrationsText {
    /// The label of a scope area (`crm`, `billing`, `admin`, ...).
    pub fn area(&self, area: &str) -> &'static str {
        match area {
            "crm" => self.area_crm,
            "calendar" => self.area_calendar,
            "quotations" => self.area_quotations,
            "projects" => self.area_projects,
            "invoicing" => self.area_invoicing,
            "ticketing" => self.area_ticketing,
            "voip" => self.area_voip,
            "billing" => self.area_billing,
            _ => self.area_admin,
        }
    }
}
