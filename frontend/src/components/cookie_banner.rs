//! Cookie consent in the web app: a provider that loads this browser's
//! choice, the banner (an accessible dialog) shown until a choice is made
//! and again when the cookie policy changes, the "Cookie settings" link that
//! reopens it, page-view analytics only with performance consent, and the
//! language preference kept in a cookie only with functionality consent.

use ecom_types::consent::CookieConsentView;
use gloo_storage::{SessionStorage, Storage};
use wasm_bindgen::JsCast;
use yew::platform::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api;
use crate::i18n::{consent, Lang};

/// The functionality cookie holding the chosen language.
const LANGUAGE_COOKIE: &str = "ecom_lang";
/// Where the language is kept for this tab without functionality consent (no cookie).
const LANGUAGE_KEY: &str = "ecom.lang";
/// Cookie policy: at most one year.
const ONE_YEAR_SECS: u32 = 365 * 24 * 3600;

fn document() -> Option<web_sys::HtmlDocument> {
    web_sys::window()?.document()?.dyn_into::<web_sys::HtmlDocument>().ok()
}

fn read_cookie(name: &str) -> Option<String> {
    let cookies = document()?.cookie().ok()?;
    cookies.split(';').find_map(|pair| pair.trim().strip_prefix(&format!("{name}=")).map(str::to_owned))
}

fn write_cookie(value: &str) {
    if let Some(doc) = document() {
        let _ = doc.set_cookie(value);
    }
}

fn lang_code(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "en",
        Lang::Nl => "nl",
        Lang::Fr => "fr",
    }
}

fn parse_lang(code: &str) -> Option<Lang> {
    match code {
        "en" => Some(Lang::En),
        "nl" => Some(Lang::Nl),
        "fr" => Some(Lang::Fr),
        _ => None,
    }
}

/// The language the person chose: from the functionality cookie, else from
/// this tab. Natively (unit tests) there is no browser: none.
pub fn chosen_language() -> Option<Lang> {
    if !cfg!(target_arch = "wasm32") {
        return None;
    }
    read_cookie(LANGUAGE_COOKIE)
        .and_then(|c| parse_lang(&c))
        .or_else(|| SessionStorage::get::<String>(LANGUAGE_KEY).ok().and_then(|c| parse_lang(&c)))
}

/// Keeps the chosen language: in a cookie (at most a year) only with
/// functionality consent, otherwise for this tab only.
fn keep_language(lang: Lang, functionality: bool) {
    let code = lang_code(lang);
    if functionality {
        write_cookie(&format!("{LANGUAGE_COOKIE}={code}; Max-Age={ONE_YEAR_SECS}; Path=/; SameSite=Lax"));
    } else {
        let _ = SessionStorage::set(LANGUAGE_KEY, code);
    }
}

fn drop_language_cookie() {
    if read_cookie(LANGUAGE_COOKIE).is_some() {
        write_cookie(&format!("{LANGUAGE_COOKIE}=; Max-Age=0; Path=/; SameSite=Lax"));
    }
}

/// A page path without ids, for analytics (`/invoices/<uuid>` → `/invoices/:id`).
pub fn analytics_name(path: &str) -> String {
    path.split('/')
        .map(|segment| {
            let looks_like_id = segment.len() >= 8 && segment.chars().any(|c| c.is_ascii_digit()) && segment.chars().all(|c| c.is_ascii_hexdigit() || c == '-');
            if looks_like_id {
                ":id"
            } else {
                segment
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// What the pages can do with the cookie choice.
#[derive(Clone, PartialEq)]
pub struct CookieConsent {
    /// This browser's choice (`None` while loading).
    pub view: Option<CookieConsentView>,
    /// Opens the cookie settings.
    pub open: Callback<()>,
}

impl CookieConsent {
    pub fn allows(&self, category: &str) -> bool {
        self.view.as_ref().is_some_and(|v| !v.needs_choice && v.categories.iter().any(|c| c == category))
    }
}

#[derive(Properties, PartialEq)]
pub struct ProviderProps {
    pub children: Html,
}

/// Loads the choice, provides [`CookieConsent`], shows the banner when needed.
#[function_component]
pub fn CookieConsentProvider(props: &ProviderProps) -> Html {
    let view = use_state(|| None::<CookieConsentView>);
    let open = use_state(|| false);
    {
        let view = view.clone();
        use_effect_with((), move |_| {
            spawn_local(async move {
                if let Ok(loaded) = api::consent::cookie_consent().await {
                    view.set(Some(loaded));
                }
            });
        });
    }
    // Page views, only with performance consent.
    let location = use_location();
    {
        let allowed = view.as_ref().is_some_and(|v| !v.needs_choice && v.categories.iter().any(|c| c == "performance"));
        let path = location.map(|l| l.path().to_owned()).unwrap_or_default();
        use_effect_with((path, allowed), move |(path, allowed)| {
            if *allowed {
                let name = analytics_name(path);
                spawn_local(async move {
                    let _ = api::consent::analytics_event("page_view", &name).await;
                });
            }
        });
    }
    let context = CookieConsent {
        view: (*view).clone(),
        open: {
            let open = open.clone();
            Callback::from(move |()| open.set(true))
        },
    };
    let on_saved = {
        let view = view.clone();
        let open = open.clone();
        Callback::from(move |saved: CookieConsentView| {
            if !saved.categories.iter().any(|c| c == "functionality") {
                drop_language_cookie();
            }
            view.set(Some(saved));
            open.set(false);
        })
    };
    let on_close = {
        let open = open.clone();
        Callback::from(move |()| open.set(false))
    };
    let show = *open || view.as_ref().is_some_and(|v| v.needs_choice);
    html! {
        <ContextProvider<CookieConsent> {context}>
            if show {
                if let Some(current) = (*view).clone() {
                    <CookieBanner {current} {on_saved} {on_close} focus={*open} />
                }
            }
            { props.children.clone() }
        </ContextProvider<CookieConsent>>
    }
}

#[derive(Properties, PartialEq)]
struct BannerProps {
    current: CookieConsentView,
    on_saved: Callback<CookieConsentView>,
    on_close: Callback<()>,
    /// Move the keyboard focus to it: when the person opened the settings.
    /// Not when it appears by itself on page load (it is first in the page,
    /// so the first Tab reaches it; stealing focus would disturb typing).
    focus: bool,
}

/// The banner: accept all, reject all, or choose per category.
#[function_component]
fn CookieBanner(props: &BannerProps) -> Html {
    let text = consent::text();
    let detailed = use_state(|| false);
    let chosen = use_state(|| props.current.categories.clone());
    let busy = use_state(|| false);
    let failed = use_state(|| false);
    let heading = use_node_ref();
    {
        let heading = heading.clone();
        use_effect_with(props.focus, move |focus| {
            if *focus {
                if let Some(element) = heading.cast::<web_sys::HtmlElement>() {
                    let _ = element.focus();
                }
            }
        });
    }
    let optional: Vec<String> = props.current.available.iter().filter(|c| *c != "strictly_necessary").cloned().collect();
    let save = {
        let on_saved = props.on_saved.clone();
        let busy = busy.clone();
        let failed = failed.clone();
        Callback::from(move |categories: Vec<String>| {
            let on_saved = on_saved.clone();
            let busy = busy.clone();
            let failed = failed.clone();
            busy.set(true);
            spawn_local(async move {
                match api::consent::set_cookie_consent(categories).await {
                    Ok(saved) => on_saved.emit(saved),
                    Err(_) => failed.set(true),
                }
                busy.set(false);
            });
        })
    };
    let accept_all = {
        let save = save.clone();
        let all = optional.clone();
        Callback::from(move |_| save.emit(all.clone()))
    };
    let reject_all = {
        let save = save.clone();
        Callback::from(move |_| save.emit(Vec::new()))
    };
    let save_chosen = {
        let save = save.clone();
        let chosen = chosen.clone();
        Callback::from(move |_| save.emit((*chosen).clone()))
    };
    let toggle_details = {
        let detailed = detailed.clone();
        Callback::from(move |_| detailed.set(!*detailed))
    };
    // Escape closes the settings only when a valid choice exists already.
    let onkeydown = {
        let on_close = props.on_close.clone();
        let can_close = !props.current.needs_choice;
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" && can_close {
                on_close.emit(());
            }
        })
    };
    let changed = props.current.needs_choice && props.current.choice_version.is_some();
    html! {
        <div class="cookie-banner" role="dialog" aria-modal="false" aria-labelledby="cookie-banner-title"
            aria-describedby="cookie-banner-text" data-testid="cookie-banner" {onkeydown}>
            <h2 id="cookie-banner-title" tabindex="-1" ref={heading}>{ text.banner_title }</h2>
            <p id="cookie-banner-text">
                { text.banner_text }{ " " }
                <a href="/legal/cookies" data-testid="cookie-banner-policy">{ text.legal_cookies }</a>
            </p>
            if changed {
                <p class="alert alert-info" data-testid="cookie-banner-changed">{ text.banner_policy_changed }</p>
            }
            if *failed {
                <p class="alert alert-error" role="alert">{ crate::i18n::text().error_network }</p>
            }
            if *detailed {
                <fieldset class="cookie-categories">
                    <legend>{ text.choose }</legend>
                    { for props.current.available.iter().map(|category| {
                        let (label, hint) = text.category(category);
                        let id = format!("cookie-category-{category}");
                        let necessary = category == "strictly_necessary";
                        let checked = necessary || chosen.iter().any(|c| c == category);
                        let onchange = {
                            let chosen = chosen.clone();
                            let category = category.clone();
                            Callback::from(move |e: Event| {
                                let on = e.target_unchecked_into::<web_sys::HtmlInputElement>().checked();
                                let mut next: Vec<String> = (*chosen).iter().filter(|c| **c != category).cloned().collect();
                                if on {
                                    next.push(category.clone());
                                }
                                chosen.set(next);
                            })
                        };
                        html! {
                            <div class="checkbox">
                                <input type="checkbox" id={id.clone()} data-testid={id.clone()} {checked}
                                    disabled={necessary} {onchange} aria-describedby={format!("{id}-hint")} />
                                <label for={id.clone()}>
                                    { label }
                                    if necessary { { " — " }{ text.always_on } }
                                </label>
                                <p class="muted small" id={format!("{id}-hint")}>{ hint }</p>
                            </div>
                        }
                    }) }
                </fieldset>
            }
            <div class="cookie-actions">
                <button type="button" class="button" data-testid="cookie-accept-all" onclick={accept_all} disabled={*busy}>{ text.accept_all }</button>
                <button type="button" class="button" data-testid="cookie-reject-all" onclick={reject_all} disabled={*busy}>{ text.reject_all }</button>
                if *detailed {
                    <button type="button" class="button button-secondary" data-testid="cookie-save" onclick={save_chosen} disabled={*busy}>{ text.save_choice }</button>
                } else {
                    <button type="button" class="button button-secondary" data-testid="cookie-choose" aria-expanded="false" onclick={toggle_details}>{ text.choose }</button>
                }
            </div>
        </div>
    }
}

/// The footer's legal links, "Cookie settings" and the language choice.
#[function_component]
pub fn LegalFooter() -> Html {
    let text = consent::text();
    let cookies = use_context::<CookieConsent>();
    let open = {
        let cookies = cookies.clone();
        Callback::from(move |_| {
            if let Some(cookies) = &cookies {
                cookies.open.emit(());
            }
        })
    };
    let functionality = cookies.as_ref().is_some_and(|c| c.allows("functionality"));
    let onchange = Callback::from(move |e: Event| {
        let value = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
        if let Some(lang) = parse_lang(&value) {
            keep_language(lang, functionality);
            if let Some(window) = web_sys::window() {
                let _ = window.location().reload();
            }
        }
    });
    let current = lang_code(crate::i18n::lang());
    html! {
        <nav class="legal-links small" aria-label={text.legal_nav}>
            <a href="/legal/terms" data-testid="footer-terms">{ text.legal_terms }</a>{ " · " }
            <a href="/legal/privacy" data-testid="footer-privacy">{ text.legal_privacy }</a>{ " · " }
            <a href="/legal/cookies" data-testid="footer-cookies">{ text.legal_cookies }</a>{ " · " }
            <a href="/legal/dpa" data-testid="footer-dpa">{ text.legal_dpa }</a>{ " · " }
            <button type="button" class="link-button" data-testid="cookie-settings" onclick={open}>{ text.cookie_settings }</button>
            { " · " }
            <label for="language-select">{ text.language }</label>{ " " }
            <select id="language-select" data-testid="language-select" {onchange}>
                { for [("en", "English"), ("nl", "Nederlands"), ("fr", "Français")].iter().map(|(code, name)| html! {
                    <option value={*code} selected={*code == current}>{ *name }</option>
                }) }
            </select>
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natively_the_language_is_the_default() {
        assert_eq!(chosen_language(), None);
        assert_eq!(crate::i18n::lang(), Lang::En);
        assert_eq!(consent::text().accept_all, "Accept all");
    }

    #[test]
    fn analytics_names_carry_no_ids() {
        assert_eq!(analytics_name("/invoices/0192f3a4-1b2c-7d8e-9f00-112233445566"), "/invoices/:id");
        assert_eq!(analytics_name("/privacy"), "/privacy");
        assert_eq!(analytics_name("/legal/terms/2026-01"), "/legal/terms/2026-01");
    }
}
