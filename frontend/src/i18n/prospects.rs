//! Strings of the operator's prospects page.

use crate::i18n::{lang, Lang};

/// The prospects page's sentences in one language.
#[derive(Debug)]
pub struct ProspectsText {
    pub nav: &'static str,
    pub title: &'static str,
    pub lead: &'static str,
    pub new_prospect: &'static str,
    pub cancel: &'static str,
    pub email: &'static str,
    pub full_name: &'static str,
    pub phone: &'static str,
    pub phone_hint: &'static str,
    pub company: &'static str,
    pub interest_notes: &'static str,
    pub source: &'static str,
    pub sources: &'static [(&'static str, &'static str)],
    pub record_interaction: &'static str,
    pub record_interaction_hint: &'static str,
    pub create: &'static str,
    pub save: &'static str,
    pub saved: &'static str,
    pub edit: &'static str,
    pub edit_title: &'static str,
    pub search: &'static str,
    pub search_hint: &'static str,
    pub status: &'static str,
    pub status_filters: &'static [(&'static str, &'static str)],
    pub apply: &'static str,
    pub empty: &'static str,
    pub name: &'static str,
    pub last_interaction: &'static str,
    pub erase_after: &'static str,
    pub active: &'static str,
    pub not_interested: &'static str,
    pub mark_not_interested: &'static str,
    pub not_interested_question: &'static str,
    pub erase: &'static str,
    pub erase_question: &'static str,
    pub next_page: &'static str,
    pub first_page: &'static str,
    pub open_duplicate: &'static str,
}

pub const EN: ProspectsText = ProspectsText {
    nav: "Prospects",
    title: "Prospects",
    lead: "Marketing contacts without an account. They are erased two years after the last interaction; someone who is not interested goes on the suppression list for good and is erased by the next retention sweep.",
    new_prospect: "New prospect",
    cancel: "Cancel",
    email: "E-mail address",
    full_name: "Name",
    phone: "Phone",
    phone_hint: "e.g. +32 470 12 34 67 or 0470 12 34 67",
    company: "Company",
    interest_notes: "Interest notes",
    source: "Source",
    sources: &[
        ("kbo", "KBO (public register)"),
        ("website", "Website"),
        ("event", "Event or fair"),
        ("referral", "Referral"),
        ("other", "Other"),
    ],
    record_interaction: "There was an interaction today",
    record_interaction_hint: "Restarts the two-year retention period.",
    create: "Add prospect",
    save: "Save",
    saved: "Saved.",
    edit: "Edit",
    edit_title: "Edit prospect",
    search: "Search",
    search_hint: "Name, e-mail address or company",
    status: "Status",
    status_filters: &[
        ("", "All"),
        ("active", "Active"),
        ("not_interested", "Not interested"),
    ],
    apply: "Apply",
    empty: "No prospects match.",
    name: "Name",
    last_interaction: "Last interaction",
    erase_after: "Erased on",
    active: "Active",
    not_interested: "Not interested",
    mark_not_interested: "Not interested",
    not_interested_question: "Record that {name} is not interested? Their e-mail address and phone number go on the suppression list for good and the record is erased by the next retention sweep.",
    erase: "Erase",
    erase_question: "Erase {name} now? The record is removed; they are not put on the suppression list.",
    next_page: "Next page",
    first_page: "First page",
    open_duplicate: "Edit the existing prospect",
};

pub const NL: ProspectsText = ProspectsText {
    nav: "Prospecten",
    title: "Prospecten",
    lead: "Marketingcontacten zonder account. Ze worden gewist twee jaar na het laatste contact; wie niet geïnteresseerd is, komt voorgoed op de blokkeerlijst en wordt bij de volgende bewaringsronde gewist.",
    new_prospect: "Nieuwe prospect",
    cancel: "Annuleren",
    email: "E-mailadres",
    full_name: "Naam",
    phone: "Telefoon",
    phone_hint: "bv. +32 470 12 34 67 of 0470 12 34 67",
    company: "Bedrijf",
    interest_notes: "Notities over de interesse",
    source: "Bron",
    sources: &[
        ("kbo", "KBO (openbaar register)"),
        ("website", "Website"),
        ("event", "Evenement of beurs"),
        ("referral", "Doorverwijzing"),
        ("other", "Andere"),
    ],
    record_interaction: "Er was vandaag contact",
    record_interaction_hint: "Start de bewaartermijn van twee jaar opnieuw.",
    create: "Prospect toevoegen",
    save: "Opslaan",
    saved: "Opgeslagen.",
    edit: "Bewerken",
    edit_title: "Prospect bewerken",
    search: "Zoeken",
    search_hint: "Naam, e-mailadres of bedrijf",
    status: "Status",
    status_filters: &[
        ("", "Alle"),
        ("active", "Actief"),
        ("not_interested", "Niet geïnteresseerd"),
    ],
    apply: "Toepassen",
    empty: "Geen prospecten gevonden.",
    name: "Naam",
    last_interaction: "Laatste contact",
    erase_after: "Gewist op",
    active: "Actief",
    not_interested: "Niet geïnteresseerd",
    mark_not_interested: "Niet geïnteresseerd",
    not_interested_question: "Noteren dat {name} niet geïnteresseerd is? Het e-mailadres en telefoonnummer komen voorgoed op de blokkeerlijst en de gegevens worden bij de volgende bewaringsronde gewist.",
    erase: "Wissen",
    erase_question: "{name} nu wissen? De gegevens worden verwijderd; de persoon komt niet op de blokkeerlijst.",
    next_page: "Volgende pagina",
    first_page: "Eerste pagina",
    open_duplicate: "De bestaande prospect bewerken",
};

pub const FR: ProspectsText = ProspectsText {
    nav: "Prospects",
    title: "Prospects",
    lead: "Contacts marketing sans compte. Ils sont effacés deux ans après le dernier contact ; une personne qui n'est pas intéressée est inscrite définitivement sur la liste d'exclusion et effacée lors de la prochaine purge de conservation.",
    new_prospect: "Nouveau prospect",
    cancel: "Annuler",
    email: "Adresse e-mail",
    full_name: "Nom",
    phone: "Téléphone",
    phone_hint: "p. ex. +32 470 12 34 67 ou 0470 12 34 67",
    company: "Entreprise",
    interest_notes: "Notes sur l'intérêt",
    source: "Source",
    sources: &[
        ("kbo", "BCE (registre public)"),
        ("website", "Site web"),
        ("event", "Événement ou salon"),
        ("referral", "Recommandation"),
        ("other", "Autre"),
    ],
    record_interaction: "Il y a eu un contact aujourd'hui",
    record_interaction_hint: "Relance le délai de conservation de deux ans.",
    create: "Ajouter le prospect",
    save: "Enregistrer",
    saved: "Enregistré.",
    edit: "Modifier",
    edit_title: "Modifier le prospect",
    search: "Rechercher",
    search_hint: "Nom, adresse e-mail ou entreprise",
    status: "Statut",
    status_filters: &[
        ("", "Tous"),
        ("active", "Actif"),
        ("not_interested", "Pas intéressé"),
    ],
    apply: "Appliquer",
    empty: "Aucun prospect trouvé.",
    name: "Nom",
    last_interaction: "Dernier contact",
    erase_after: "Effacé le",
    active: "Actif",
    not_interested: "Pas intéressé",
    mark_not_interested: "Pas intéressé",
    not_interested_question: "Noter que {name} n'est pas intéressé(e) ? L'adresse e-mail et le numéro de téléphone sont inscrits définitivement sur la liste d'exclusion et la fiche est effacée lors de la prochaine purge de conservation.",
    erase: "Effacer",
    erase_question: "Effacer {name} maintenant ? La fiche est supprimée ; la personne n'est pas inscrite sur la liste d'exclusion.",
    next_page: "Page suivante",
    first_page: "Première page",
    open_duplicate: "Modifier le prospect existant",
};

pub fn text() -> &'static ProspectsText {
    match lang() {
        Lang::En => &EN,
        Lang::Nl => &NL,
        Lang::Fr => &FR,
    }
}

/// The label of a source (`kbo`, `website`, ...).
pub fn source_label(source: &str) -> &'static str {
    let t = text();
    t.sources
        .iter()
        .find(|(value, _)| *value == source)
        .map_or("", |(_, label)| label)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ecom_types::prospects::ProspectSource;

    #[test]
    fn every_language_names_every_source_and_status() {
        for t in [&EN, &NL, &FR] {
            for source in ProspectSource::ALL {
                assert!(
                    t.sources
                        .iter()
                        .any(|(v, l)| *v == source.as_str() && !l.is_empty()),
                    "{source:?}"
                );
            }
            let filters: Vec<&str> = t.status_filters.iter().map(|(v, _)| *v).collect();
            assert_eq!(filters, ["", "active", "not_interested"]);
            assert!(t.not_interested_question.contains("{name}"));
            assert!(t.erase_question.contains("{name}"));
        }
    }
}
