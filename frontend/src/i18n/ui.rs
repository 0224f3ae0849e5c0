//! Strings of the shared UI pieces added with the three languages: the
//! language switch, toasts, confirm dialogs, sortable tables and the public
//! status page.

use super::{lang, Lang};

/// The shared UI's sentences in one language.
#[derive(Debug)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct Ui {
    pub language: &'static str,
    pub close: &'static str,
    pub notifications: &'static str,
    pub sort_ascending: &'static str,
    pub sort_descending: &'static str,
    pub sort_by: &'static str,
    pub status_link: &'static str,
    pub status_title: &'static str,
    pub status_lead: &'static str,
    pub status_checked_at: &'static str,
    pub status_refresh: &'static str,
    pub status_component_api: &'static str,
    pub status_component_database: &'static str,
    pub status_operational: &'static str,
    pub status_down: &'static str,
    pub status_latency: &'static str,
    pub status_overall_operational: &'static str,
    pub status_overall_degraded: &'static str,
    pub status_overall_maintenance: &'static str,
    pub status_uptime_title: &'static str,
    pub status_uptime_summary: &'static str,
    pub status_uptime_day: &'static str,
    pub status_uptime_no_data: &'static str,
    pub status_days_ago: &'static str,
    pub status_today: &'static str,
    pub status_maintenance_title: &'static str,
    pub status_maintenance_none: &'static str,
    pub status_maintenance_window: &'static str,
    pub status_maintenance_ongoing: &'static str,
    pub status_unavailable: &'static str,
    pub api_key_revoked: &'static str,
}

/// English.
pub const EN: Ui = Ui {
    language: "Language",
    close: "Close",
    notifications: "Notifications",
    sort_ascending: "sorted ascending",
    sort_descending: "sorted descending",
    sort_by: "Sort by {column}",
    status_link: "Service status",
    status_title: "Service status",
    status_lead: "The live health of Ecom, its availability over the last 90 days and announced maintenance (terms art. 20).",
    status_checked_at: "Checked at {time}",
    status_refresh: "Check again",
    status_component_api: "API and web app",
    status_component_database: "Database",
    status_operational: "Operational",
    status_down: "Unavailable",
    status_latency: "{ms} ms",
    status_overall_operational: "All systems are operational.",
    status_overall_degraded: "Some systems have problems. We are working on it.",
    status_overall_maintenance: "Maintenance is in progress.",
    status_uptime_title: "Availability, last 90 days",
    status_uptime_summary: "{percent} % available over the last 90 days",
    status_uptime_day: "{date}: {percent} % available",
    status_uptime_no_data: "{date}: no measurements",
    status_days_ago: "90 days ago",
    status_today: "Today",
    status_maintenance_title: "Announced maintenance",
    status_maintenance_none: "No maintenance is planned.",
    status_maintenance_window: "From {start} to {end}",
    status_maintenance_ongoing: "In progress",
    status_unavailable: "The status cannot be read right now: the service may be unavailable.",
    api_key_revoked: "The key is revoked: integrations using it no longer work.",
};

/// Nederlands (België).
pub const NL: Ui = Ui {
    language: "Taal",
    close: "Sluiten",
    notifications: "Meldingen",
    sort_ascending: "oplopend gesorteerd",
    sort_descending: "aflopend gesorteerd",
    sort_by: "Sorteren op {column}",
    status_link: "Status van de dienst",
    status_title: "Status van de dienst",
    status_lead: "De actuele werking van Ecom, de beschikbaarheid over de laatste 90 dagen en aangekondigd onderhoud (voorwaarden art. 20).",
    status_checked_at: "Gecontroleerd om {time}",
    status_refresh: "Opnieuw controleren",
    status_component_api: "API en webapplicatie",
    status_component_database: "Databank",
    status_operational: "Operationeel",
    status_down: "Niet beschikbaar",
    status_latency: "{ms} ms",
    status_overall_operational: "Alle systemen werken normaal.",
    status_overall_degraded: "Sommige systemen hebben problemen. We werken eraan.",
    status_overall_maintenance: "Er is onderhoud bezig.",
    status_uptime_title: "Beschikbaarheid, laatste 90 dagen",
    status_uptime_summary: "{percent} % beschikbaar over de laatste 90 dagen",
    status_uptime_day: "{date}: {percent} % beschikbaar",
    status_uptime_no_data: "{date}: geen metingen",
    status_days_ago: "90 dagen geleden",
    status_today: "Vandaag",
    status_maintenance_title: "Aangekondigd onderhoud",
    status_maintenance_none: "Er is geen onderhoud gepland.",
    status_maintenance_window: "Van {start} tot {end}",
    status_maintenance_ongoing: "Bezig",
    status_unavailable: "De status kan nu niet gelezen worden: de dienst is mogelijk niet beschikbaar.",
    api_key_revoked: "De sleutel is ingetrokken: koppelingen die hem gebruiken, werken niet meer.",
};

/// Français (Belgique).
pub const FR: Ui = Ui {
    language: "Langue",
    close: "Fermer",
    notifications: "Notifications",
    sort_ascending: "tri croissant",
    sort_descending: "tri décroissant",
    sort_by: "Trier par {column}",
    status_link: "État du service",
    status_title: "État du service",
    status_lead: "L'état en direct d'Ecom, sa disponibilité sur les 90 derniers jours et les maintenances annoncées (conditions art. 20).",
    status_checked_at: "Vérifié à {time}",
    status_refresh: "Vérifier à nouveau",
    status_component_api: "API et application web",
    status_component_database: "Base de données",
    status_operational: "Opérationnel",
    status_down: "Indisponible",
    status_latency: "{ms}\u{a0}ms",
    status_overall_operational: "Tous les systèmes sont opérationnels.",
    status_overall_degraded: "Certains systèmes rencontrent des problèmes. Nous y travaillons.",
    status_overall_maintenance: "Une maintenance est en cours.",
    status_uptime_title: "Disponibilité, 90 derniers jours",
    status_uptime_summary: "{percent}\u{a0}% de disponibilité sur les 90 derniers jours",
    status_uptime_day: "{date}\u{a0}: {percent}\u{a0}% de disponibilité",
    status_uptime_no_data: "{date}\u{a0}: aucune mesure",
    status_days_ago: "Il y a 90 jours",
    status_today: "Aujourd'hui",
    status_maintenance_title: "Maintenances annoncées",
    status_maintenance_none: "Aucune maintenance n'est prévue.",
    status_maintenance_window: "Du {start} au {end}",
    status_maintenance_ongoing: "En cours",
    status_unavailable: "L'état ne peut pas être lu pour le moment\u{a0}: le service est peut-être indisponible.",
    api_key_revoked: "La clé est révoquée\u{a0}: les intégrations qui l'utilisent ne fonctionnent plus.",
};

/// The shared UI's strings in the person's language.
pub fn text() -> &'static Ui {
    match lang() {
        Lang::En => &EN,
        Lang::Nl => &NL,
        Lang::Fr => &FR,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_string() {
        let fields = |ui: &Ui| -> Vec<(String, String)> {
            serde_json::to_value(ui)
                .ok()
                .and_then(|value| value.as_object().cloned())
                .unwrap_or_default()
                .into_iter()
                .map(|(k, v)| (k, v.as_str().unwrap_or_default().to_owned()))
                .collect()
        };
        let english = fields(&EN);
        assert!(english.len() > 30);
        for other in [&NL, &FR] {
            let translated = fields(other);
            assert_eq!(english.len(), translated.len());
            for ((key, en), (_, value)) in english.iter().zip(&translated) {
                assert!(!en.is_empty() && !value.is_empty(), "{key} is empty");
                assert_eq!(en.matches('{').count(), value.matches('{').count(), "{key}");
            }
        }
    }
}
