//! The grouped navigation's labels (menu button and group names) in English,
//! Dutch and French (Belgium).

use crate::i18n::{lang, Lang};

#[derive(Debug)]
pub struct NavigationText {
    pub menu: &'static str,
    pub group_crm: &'static str,
    pub group_sales: &'static str,
    pub group_work: &'static str,
    pub group_settings: &'static str,
    pub group_you: &'static str,
}

pub static EN: NavigationText = NavigationText {
    menu: "Menu",
    group_crm: "CRM",
    group_sales: "Sales",
    group_work: "Work",
    group_settings: "Settings",
    group_you: "You",
};

pub static NL: NavigationText = NavigationText {
    menu: "Menu",
    group_crm: "CRM",
    group_sales: "Verkoop",
    group_work: "Werk",
    group_settings: "Instellingen",
    group_you: "Uzelf",
};

pub static FR: NavigationText = NavigationText {
    menu: "Menu",
    group_crm: "CRM",
    group_sales: "Ventes",
    group_work: "Travail",
    group_settings: "Paramètres",
    group_you: "Vous",
};

pub fn text() -> &'static NavigationText {
    match lang() {
        Lang::En => &EN,
        Lang::Nl => &NL,
        Lang::Fr => &FR,
    }
}
