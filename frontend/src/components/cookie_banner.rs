//! Cookie consent in the web app: a provider that loads this browser's
//! choice, the banner (an accessible dialog) shown until a choice is made
//! and again when the cookie policy changes, the "Cookie settings" link that
//! reopens it, page-view analytics only with performance consent, and the
//! functionality choice passed on to the language preference (`i18n::locale`).

use ecom_types::consent::CookieConsentView;
use yew::platform::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api;
use crate::i18n::consent;

/// Tells the language preference whether it may live in a cookie.
fn functionality_changed(view: &CookieConsentView) {
    let allowed = !view.needs_choice && view.categories.iter().any(|c| c == "functionality");
    crate::i18n::consent_gate::set_functionality_allowed(allowed);
    crate::i18n::locale::consent_changed();
}

/// A page path without ids, for analytics (`/invoices/<uuid>` → `/invoices/:id`).
pub fn analytics_name(path: &str) -> String {
    path.split('/')
        .map(|segment| {
            let looks_like_id = segment.len() >= 8
                && segment.chars().any(|c| c.is_ascii_digit())
                && segment.chars().all(|c| c.is_ascii_hexdigit() || c == '-');
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
                    functionality_changed(&loaded);
                    view.set(Some(loaded));
                }
            });
        });
    }
    // Page views, only with performance consent.
    let location = use_location();
    {
        let allowed = view
            .as_ref()
            .is_some_and(|v| !v.needs_choice && v.categories.iter().any(|c| c == "performance"));
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
            functionality_changed(&saved);
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
    let optional: Vec<String> = props
        .current
        .available
        .iter()
        .filter(|c| *c != "strictly_necessary")
        .cloned()
        .collect();
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

/// The footer's legal links and "Cookie settings".
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
    html! {
        <nav class="legal-links small" aria-label={text.legal_nav}>
            <a href="/legal/terms" data-testid="footer-terms">{ text.legal_terms }</a>{ " · " }
            <a href="/legal/privacy" data-testid="footer-privacy">{ text.legal_privacy }</a>{ " · " }
            <a href="/legal/cookies" data-testid="footer-cookies">{ text.legal_cookies }</a>{ " · " }
            <a href="/legal/dpa" data-testid="footer-dpa">{ text.legal_dpa }</a>{ " · " }
            <button type="button" class="link-button" data-testid="cookie-settings" onclick={open}>{ text.cookie_settings }</button>
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natively_the_language_is_the_default() {
        assert_eq!(crate::i18n::lang(), crate::i18n::Lang::En);
        assert_eq!(consent::text().accept_all, "Accept all");
    }

    #[test]
    fn analytics_names_carry_no_ids() {
        assert_eq!(
            analytics_name("/invoices/0192f3a4-1b2c-7d8e-9f00-112233445566"),
            "/invoices/:id"
        );
        assert_eq!(analytics_name("/privacy"), "/privacy");
        assert_eq!(
            analytics_name("/legal/terms/2026-01"),
            "/legal/terms/2026-01"
        );
    }
}
