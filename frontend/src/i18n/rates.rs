//! The statutory late-payment rate as the invoicing settings show it, in
//! English, Dutch and French (Belgium).

use rust_decimal::Decimal;

use crate::i18n::{fill, lang, Lang};

#[derive(Debug)]
pub struct RatesText {
    /// `{rate}`: the rate in force today, e.g. "10.5 %".
    pub statutory_rate_in_force: &'static str,
    /// Shown when the current half-year's rate is not recorded yet.
    pub statutory_rate_not_recorded: &'static str,
}

pub static EN: RatesText = RatesText {
    statutory_rate_in_force: "Statutory rate this half-year: {rate} a year (ECB main refinancing rate + 8 points, rounded up to the half point). Each half-year's days bear that half-year's rate.",
    statutory_rate_not_recorded: "The statutory rate for this half-year is not recorded yet: the last known rate is shown and charged until the FPS Finance publication is added.",
};

pub static NL: RatesText = RatesText {
    statutory_rate_in_force: "Wettelijke interestvoet dit halfjaar: {rate} per jaar (herfinancieringsrente van de ECB + 8 procentpunten, afgerond naar het hogere halve procentpunt). De dagen van elk halfjaar krijgen de interestvoet van dat halfjaar.",
    statutory_rate_not_recorded: "De wettelijke interestvoet voor dit halfjaar is nog niet ingevoerd: de laatst bekende interestvoet wordt getoond en aangerekend tot de publicatie van de FOD Financiën is toegevoegd.",
};

pub static FR: RatesText = RatesText {
    statutory_rate_in_force: "Taux légal ce semestre : {rate} par an (taux de refinancement principal de la BCE + 8 points, arrondi au demi-point supérieur). Les jours de chaque semestre portent le taux de ce semestre.",
    statutory_rate_not_recorded: "Le taux légal de ce semestre n'est pas encore enregistré : le dernier taux connu est affiché et appliqué jusqu'à l'ajout de la publication du SPF Finances.",
};

pub fn text() -> &'static RatesText {
    match lang() {
        Lang::En => &EN,
        Lang::Nl => &NL,
        Lang::Fr => &FR,
    }
}

/// A yearly rate in percent as people write it in `lang`: `10.5 %` in
/// English, `10,5 %` in Dutch and French (a no-break space before `%`).
pub fn percent_in(lang: Lang, rate: &Decimal) -> String {
    let plain = rate.normalize().to_string();
    let written = match lang {
        Lang::En => plain,
        Lang::Nl | Lang::Fr => plain.replace('.', ","),
    };
    format!("{written}\u{a0}%")
}

/// The sentence on the rate in force, in the person's language.
pub fn statutory_rate_in_force(rate: &Decimal) -> String {
    fill(
        text().statutory_rate_in_force,
        &[("rate", &percent_in(lang(), rate))],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn rates_are_written_per_language() {
        let rate = Decimal::from_str("10.50").unwrap();
        assert_eq!(percent_in(Lang::En, &rate), "10.5\u{a0}%");
        assert_eq!(percent_in(Lang::Nl, &rate), "10,5\u{a0}%");
        assert_eq!(percent_in(Lang::Fr, &rate), "10,5\u{a0}%");
        assert_eq!(percent_in(Lang::En, &Decimal::from(12)), "12\u{a0}%");
    }

    #[test]
    fn every_language_has_both_sentences() {
        for t in [&EN, &NL, &FR] {
            assert!(t.statutory_rate_in_force.contains("{rate}"));
            assert!(!t.statutory_rate_not_recorded.is_empty());
        }
        assert_ne!(NL.statutory_rate_in_force, EN.statutory_rate_in_force);
        assert_ne!(FR.statutory_rate_in_force, NL.statutory_rate_in_force);
    }
}
