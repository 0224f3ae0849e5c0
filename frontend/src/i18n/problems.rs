//! The API's problems in Dutch and French. The server writes its `detail`
//! and field messages in English, with the specifics (which field, which
//! limit); a person using the app in Dutch or French sees these sentences
//! instead, chosen by the problem's stable `code`. A code without a
//! translation keeps the server's English sentence, and English keeps it
//! always, as it is the more precise one.

use super::Lang;

/// (code, Dutch, French) for a whole problem.
const PROBLEMS: &[(&str, &str, &str)] = &[
    ("validation_failed", "Enkele velden zijn niet in orde; verbeter wat hieronder gemarkeerd staat.", "Certains champs ne sont pas valables ; corrigez ce qui est signalé ci-dessous."),
    ("invalid_body", "Het formulier kon niet gelezen worden; vernieuw de pagina en probeer opnieuw.", "Le formulaire n'a pas pu être lu ; rechargez la page et réessayez."),
    ("malformed_json", "Het formulier kon niet gelezen worden; vernieuw de pagina en probeer opnieuw.", "Le formulaire n'a pas pu être lu ; rechargez la page et réessayez."),
    ("invalid_credentials", "Dit e-mailadres en wachtwoord horen niet bij elkaar.", "Cette adresse e-mail et ce mot de passe ne correspondent pas."),
    ("account_locked", "Te veel mislukte pogingen: het account is even vergrendeld. Probeer later opnieuw.", "Trop de tentatives échouées : le compte est verrouillé un moment. Réessayez plus tard."),
    ("account_inactive", "Dit account is gedeactiveerd; vraag de beheerder om het opnieuw te activeren.", "Ce compte est désactivé ; demandez à l'administrateur de le réactiver."),
    ("account_suspended", "Dit account is opgeschort; neem contact op met Ecom.", "Ce compte est suspendu ; contactez Ecom."),
    ("session_required", "Meld u opnieuw aan om verder te gaan.", "Reconnectez-vous pour continuer."),
    ("invalid_refresh_token", "Uw sessie is verlopen; meld u opnieuw aan.", "Votre session a expiré ; reconnectez-vous."),
    ("refresh_token_reused", "Uw sessie is beëindigd; meld u opnieuw aan.", "Votre session a pris fin ; reconnectez-vous."),
    ("administrator_only", "Alleen de beheerder van het account kan dit doen.", "Seul l'administrateur du compte peut faire ceci."),
    ("module_not_subscribed", "Deze module zit niet in uw abonnement; voeg ze toe onder Abonnement.", "Ce module ne fait pas partie de votre abonnement ; ajoutez-le sous Abonnement."),
    ("module_not_available", "Deze module is nu niet beschikbaar voor uw account.", "Ce module n'est pas disponible pour votre compte en ce moment."),
    ("modules_unavailable", "De modules zijn gesloten tot er een abonnement loopt.", "Les modules sont fermés tant qu'aucun abonnement n'est actif."),
    ("missing_scope", "Deze API-sleutel mag dit niet; geef ze de nodige rechten.", "Cette clé API n'y est pas autorisée ; donnez-lui les droits nécessaires."),
    ("not_found", "Dit bestaat niet (meer); vernieuw de lijst.", "Cet élément n'existe pas (ou plus) ; actualisez la liste."),
    ("rate_limited", "Te veel verzoeken na elkaar; wacht even en probeer opnieuw.", "Trop de demandes d'affilée ; patientez un instant et réessayez."),
    ("already_exists", "Iemand heeft net hetzelfde aangemaakt; vernieuw en probeer opnieuw.", "Quelqu'un vient de créer la même chose ; actualisez et réessayez."),
    ("email_taken", "Dit e-mailadres is al in gebruik.", "Cette adresse e-mail est déjà utilisée."),
    ("duplicate_email", "Er bestaat al een record met dit e-mailadres.", "Un enregistrement avec cette adresse e-mail existe déjà."),
    ("duplicate_vat_number", "Er bestaat al een bedrijf met dit btw-nummer.", "Une entreprise avec ce numéro de TVA existe déjà."),
    ("company_in_use", "Er zijn nog contacten, deals, afspraken of projecten aan dit bedrijf gekoppeld; ontkoppel ze eerst.", "Des contacts, affaires, rendez-vous ou projets sont encore liés à cette entreprise ; détachez-les d'abord."),
    ("still_referenced", "Offertes, facturen of andere records verwijzen hier nog naar; het kan niet verwijderd worden.", "Des devis, factures ou autres enregistrements y font encore référence ; impossible de le supprimer."),
    ("import_refused", "Het bestand bevat fouten; er is niets geïmporteerd. Verbeter de gemelde rijen en probeer opnieuw.", "Le fichier contient des erreurs ; rien n'a été importé. Corrigez les lignes signalées et réessayez."),
    ("csv_expected", "Kies een CSV-bestand.", "Choisissez un fichier CSV."),
    ("not_a_draft", "Alleen een ontwerp kan nog gewijzigd worden.", "Seul un brouillon peut encore être modifié."),
    ("quotation_expired", "Deze offerte is verlopen.", "Ce devis a expiré."),
    ("number_on_do_not_call_list", "Dit nummer staat op de lijst 'niet meer bellen'.", "Ce numéro figure sur la liste « ne plus appeler »."),
    ("seat_limit_reached", "Alle gebruikersplaatsen zijn bezet; voeg plaatsen toe onder Abonnement.", "Toutes les places utilisateur sont prises ; ajoutez-en sous Abonnement."),
    ("invitation_expired", "Deze uitnodiging is verlopen; vraag een nieuwe.", "Cette invitation a expiré ; demandez-en une nouvelle."),
    ("identity_not_verified", "Bevestig eerst uw identiteit met de code die we u mailden.", "Confirmez d'abord votre identité avec le code envoyé par e-mail."),
    ("no_code_sent", "Vraag eerst een verificatiecode aan; we mailen ze naar uw adres.", "Demandez d'abord un code de vérification ; nous l'envoyons à votre adresse."),
    ("code_expired", "Deze code is verlopen of te vaak geprobeerd; vraag een nieuwe code.", "Ce code a expiré ou a été essayé trop souvent ; demandez-en un nouveau."),
    ("export_window_closed", "De periode om uw gegevens te exporteren is voorbij.", "La période pour exporter vos données est terminée."),
    ("cancellation_deadline_passed", "De opzegtermijn is verstreken; opzeggen kan voor de volgende periode.", "Le délai de résiliation est dépassé ; vous pouvez résilier pour la période suivante."),
    ("idempotency_request_in_progress", "Dit verzoek wordt nog verwerkt; probeer zo meteen opnieuw.", "Cette demande est encore en cours ; réessayez dans un instant."),
];

/// (code, Dutch, French) for one field.
const FIELDS: &[(&str, &str, &str)] = &[
    ("required", "Vul dit in.", "Remplissez ce champ."),
    ("too_long", "Dit is te lang.", "C'est trop long."),
    ("too_short", "Dit is te kort.", "C'est trop court."),
    ("too_weak", "Kies een sterker wachtwoord.", "Choisissez un mot de passe plus fort."),
    ("invalid_characters", "Dit bevat tekens die niet toegelaten zijn.", "Ceci contient des caractères non autorisés."),
    ("invalid_email", "Dit is geen geldig e-mailadres.", "Ce n'est pas une adresse e-mail valable."),
    ("invalid_phone", "Geef een geldig telefoonnummer, bv. +32 9 123 45 67.", "Indiquez un numéro de téléphone valable, p. ex. +32 9 123 45 67."),
    ("invalid_vat_number", "Dit is geen geldig btw-nummer.", "Ce n'est pas un numéro de TVA valable."),
    ("vat_checksum_mismatch", "De controlecijfers van dit btw-nummer kloppen niet; kijk na op een tikfout.", "Les chiffres de contrôle de ce numéro de TVA ne correspondent pas ; vérifiez s'il y a une faute de frappe."),
    ("vat_country_mismatch", "Het btw-nummer hoort niet bij het land van het bedrijf.", "Le numéro de TVA ne correspond pas au pays de l'entreprise."),
    ("invalid_country", "Gebruik een landcode van twee letters, bv. BE, NL of FR.", "Utilisez un code pays de deux lettres, p. ex. BE, NL ou FR."),
    ("invalid_iban", "Dit is geen geldig IBAN, bv. BE71 0961 2345 6769.", "Ce n'est pas un IBAN valable, p. ex. BE71 0961 2345 6769."),
    ("invalid_website", "Een website ziet eruit als https://voorbeeld.be.", "Un site web ressemble à https://exemple.be."),
    ("invalid_tag", "Een label heeft 1 tot 40 letters, cijfers, spaties, '-' of '_'.", "Une étiquette compte 1 à 40 lettres, chiffres, espaces, « - » ou « _ »."),
    ("too_many", "Dit zijn er te veel.", "Il y en a trop."),
    ("invalid_amount", "Geef een positief bedrag in euro met hoogstens 2 decimalen.", "Indiquez un montant positif en euros avec au plus 2 décimales."),
    ("too_precise", "Hoogstens twee decimalen (centen).", "Au plus deux décimales (centimes)."),
    ("too_large", "Dit bedrag is te groot.", "Ce montant est trop élevé."),
    ("negative", "Dit kan niet negatief zijn.", "Ceci ne peut pas être négatif."),
    ("not_positive", "Dit moet groter zijn dan nul.", "Ceci doit être supérieur à zéro."),
    ("out_of_range", "Deze waarde ligt buiten de toegelaten grenzen.", "Cette valeur sort des limites autorisées."),
    ("end_before_start", "Het einde moet na het begin liggen.", "La fin doit être après le début."),
    ("before_start", "Het einde moet na het begin liggen.", "La fin doit être après le début."),
    ("in_the_past", "Deze datum ligt in het verleden.", "Cette date est dans le passé."),
    ("in_the_future", "Deze datum ligt in de toekomst.", "Cette date est dans le futur."),
    ("invalid_vat_rate", "Het btw-tarief is 21, 12, 6 of 0 %.", "Le taux de TVA est de 21, 12, 6 ou 0 %."),
    ("invalid_stage", "Kies een fase van de pipeline.", "Choisissez une étape du pipeline."),
    ("wrong_code", "Deze code klopt niet; kijk de e-mail na en probeer opnieuw.", "Ce code n'est pas correct ; vérifiez l'e-mail et réessayez."),
];

fn lookup(
    table: &[(&str, &'static str, &'static str)],
    code: &str,
    lang: Lang,
) -> Option<&'static str> {
    let (_, nl, fr) = table.iter().find(|(c, _, _)| *c == code)?;
    match lang {
        Lang::En => None,
        Lang::Nl => Some(nl),
        Lang::Fr => Some(fr),
    }
}

/// The sentence for a problem in `lang`, or `None` to keep the server's.
pub fn problem(code: &str, lang: Lang) -> Option<&'static str> {
    lookup(PROBLEMS, code, lang)
}

/// The sentence for a field error in `lang`, or `None` to keep the server's.
pub fn field(code: &str, lang: Lang) -> Option<&'static str> {
    lookup(FIELDS, code, lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_keeps_the_servers_precise_sentence() {
        assert_eq!(problem("validation_failed", Lang::En), None);
        assert_eq!(field("required", Lang::En), None);
    }

    #[test]
    fn dutch_and_french_get_their_own_sentence_and_unknown_codes_none() {
        assert_eq!(field("required", Lang::Nl), Some("Vul dit in."));
        assert_eq!(field("required", Lang::Fr), Some("Remplissez ce champ."));
        assert!(
            problem("module_not_subscribed", Lang::Fr).is_some_and(|s| s.contains("abonnement"))
        );
        assert_eq!(problem("no_such_code", Lang::Nl), None);
    }

    #[test]
    fn every_code_is_listed_once_with_two_translations() {
        for table in [PROBLEMS, FIELDS] {
            let mut codes: Vec<&str> = table.iter().map(|(c, _, _)| *c).collect();
            codes.sort_unstable();
            let before = codes.len();
            codes.dedup();
            assert_eq!(before, codes.len(), "a code is listed twice");
            for (code, nl, fr) in table {
                assert!(!nl.is_empty() && !fr.is_empty() && nl != fr, "{code}");
            }
        }
    }
}
