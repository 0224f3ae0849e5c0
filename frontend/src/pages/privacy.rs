//! `/privacy`: the privacy centre. My data (what the account holds, and the
//! link to privacy requests), my consents (per marketing list, with the
//! history of choices), cookie settings, and the documents accepted.

use ecom_types::consent::{ConsentHistory, ListConsent};
use ecom_types::policy::MyPolicies;
use ecom_types::user::CommunicationPreferences;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::api;
use crate::components::{CookieConsent, ErrorAlert, Loading};
use crate::hooks::{use_load, use_session, Load};
use crate::i18n::{self, consent};

#[function_component]
pub fn Privacy() -> Html {
    let text = consent::text();
    let session = use_session();
    let cookies = use_context::<CookieConsent>();
    let (prefs, reload_prefs) = {
        let api = session.api.clone();
        use_load(move || {
            let api = api.clone();
            async move { api::consent::communications(&api).await }
        })
    };
    let (history, reload_history) = {
        let api = session.api.clone();
        use_load(move || {
            let api = api.clone();
            async move { api::consent::consent_history(&api).await }
        })
    };
    let (accepted, _) = {
        let api = session.api.clone();
        use_load(move || {
            let api = api.clone();
            async move { api::consent::my_policies(&api).await }
        })
    };
    let draft = use_state(|| None::<CommunicationPreferences>);
    let saved = use_state(|| false);
    let failure = use_state(|| None::<api::ApiError>);
    if let (Load::Loaded(loaded), None) = (&*prefs, &*draft) {
        draft.set(Some(loaded.clone()));
    }

    let my_data = match &session.state.me {
        Some(me) => html! {
            <dl class="details" data-testid="privacy-my-data">
                <dt>{ text.name }</dt><dd>{ format!("{} {}", me.user.first_name, me.user.last_name) }</dd>
                <dt>{ text.email }</dt><dd>{ &me.user.email }</dd>
                <dt>{ text.phone }</dt><dd>{ me.user.phone.clone().unwrap_or_else(|| "—".into()) }</dd>
                <dt>{ text.function }</dt><dd>{ me.user.function.clone().unwrap_or_else(|| "—".into()) }</dd>
                <dt>{ text.company }</dt><dd>{ &me.tenant.name }</dd>
                <dt>{ text.role }</dt><dd>{ &me.user.role }</dd>
            </dl>
        },
        None => html! { <Loading /> },
    };

    let toggles = match (&*draft, &*prefs) {
        (Some(current), _) => {
            let toggle = |field: Option<String>| {
                let draft = draft.clone();
                let saved = saved.clone();
                Callback::from(move |e: Event| {
                    let on = e
                        .target_unchecked_into::<web_sys::HtmlInputElement>()
                        .checked();
                    let Some(mut next) = (*draft).clone() else {
                        return;
                    };
                    match &field {
                        None => next.non_essential = on,
                        Some(list) => {
                            next.marketing.retain(|c| &c.list != list);
                            next.marketing.push(ListConsent {
                                list: list.clone(),
                                granted: on,
                            });
                        }
                    }
                    saved.set(false);
                    draft.set(Some(next));
                })
            };
            let onsubmit = {
                let draft = draft.clone();
                let saved = saved.clone();
                let failure = failure.clone();
                let api = session.api.clone();
                let reload_prefs = reload_prefs.clone();
                let reload_history = reload_history.clone();
                Callback::from(move |e: SubmitEvent| {
                    e.prevent_default();
                    let Some(wanted) = (*draft).clone() else {
                        return;
                    };
                    let (draft, saved, failure, api) =
                        (draft.clone(), saved.clone(), failure.clone(), api.clone());
                    let (reload_prefs, reload_history) =
                        (reload_prefs.clone(), reload_history.clone());
                    spawn_local(async move {
                        match api::consent::set_communications(&api, &wanted).await {
                            Ok(stored) => {
                                draft.set(Some(stored));
                                saved.set(true);
                                failure.set(None);
                                reload_prefs.emit(());
                                reload_history.emit(());
                            }
                            Err(error) => failure.set(Some(error)),
                        }
                    });
                })
            };
            html! {
                <form {onsubmit} data-testid="privacy-consents">
                    <div class="checkbox">
                        <input type="checkbox" id="consent-non-essential" data-testid="consent-non_essential"
                            checked={current.non_essential} onchange={toggle(None)} />
                        <label for="consent-non-essential">{ text.non_essential }</label>
                    </div>
                    { for ["onboarding", "product_updates", "newsletter", "events"].iter().map(|list| {
                        let on = current.marketing.iter().any(|c| c.list == *list && c.granted);
                        let id = format!("consent-{list}");
                        html! {
                            <div class="checkbox">
                                <input type="checkbox" id={id.clone()} data-testid={id.clone()} checked={on} onchange={toggle(Some((*list).to_owned()))} />
                                <label for={id}>{ text.list(list) }</label>
                            </div>
                        }
                    }) }
                    <button type="submit" class="button" data-testid="consent-save">{ text.save }</button>
                    if *saved {
                        <p class="alert alert-success" role="status" data-testid="consent-saved">{ text.saved }</p>
                    }
                    if let Some(error) = &*failure {
                        <ErrorAlert error={error.clone()} />
                    }
                </form>
            }
        }
        (None, Load::Failed(error)) => html! { <ErrorAlert error={error.clone()} /> },
        _ => html! { <Loading /> },
    };

    let history_table = match &*history {
        Load::Loaded(ConsentHistory { history, .. }) if history.is_empty() => {
            html! { <p class="muted">{ text.no_history }</p> }
        }
        Load::Loaded(ConsentHistory { history, .. }) => html! {
            <table class="table" data-testid="consent-history">
                <thead><tr>
                    <th scope="col">{ text.when }</th><th scope="col">{ text.list }</th><th scope="col">{ text.choice }</th>
                    <th scope="col">{ text.source }</th><th scope="col">{ text.policy_version }</th>
                </tr></thead>
                <tbody>
                    { for history.iter().map(|entry| html! {
                        <tr>
                            <td>{ i18n::date_time(&entry.recorded_at) }</td>
                            <td>{ text.list(&entry.list) }</td>
                            <td>{ if entry.granted { text.granted } else { text.withdrawn } }</td>
                            <td>{ text.source(&entry.source) }</td>
                            <td>{ &entry.policy_version }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        },
        Load::Failed(error) => html! { <ErrorAlert error={error.clone()} /> },
        Load::Loading => html! { <Loading /> },
    };

    let cookie_section = {
        let summary = match cookies.as_ref().and_then(|c| c.view.clone()) {
            Some(view) if !view.needs_choice => view
                .available
                .iter()
                .filter(|c| *c == "strictly_necessary" || view.categories.contains(c))
                .map(|c| text.category(c).0)
                .collect::<Vec<_>>()
                .join(", "),
            _ => text.no_cookie_choice.to_owned(),
        };
        let open = {
            let cookies = cookies.clone();
            Callback::from(move |_| {
                if let Some(cookies) = &cookies {
                    cookies.open.emit(());
                }
            })
        };
        html! {
            <>
                <p>{ text.cookies_lead }</p>
                <p data-testid="privacy-cookie-summary">{ summary }</p>
                <button type="button" class="button button-secondary" data-testid="privacy-cookie-settings" onclick={open}>{ text.cookie_settings }</button>
            </>
        }
    };

    let accepted_list = match &*accepted {
        Load::Loaded(MyPolicies { accepted, .. }) => html! {
            <ul data-testid="privacy-accepted">
                { for accepted.iter().map(|a| html! {
                    <li>{ format!("{} — {} {} — {}", text.document(&a.kind), text.version, a.version, i18n::date_time(&a.accepted_at)) }</li>
                }) }
            </ul>
        },
        Load::Failed(error) => html! { <ErrorAlert error={error.clone()} /> },
        Load::Loading => html! { <Loading /> },
    };

    html! {
        <section class="page" data-testid="privacy-centre">
            <h1>{ text.privacy_title }</h1>
            <p class="lead">{ text.privacy_lead }</p>
            <h2>{ text.my_data }</h2>
            <p>{ text.my_data_lead }</p>
            { my_data }
            <p><a href="/privacy/requests" data-testid="privacy-requests-link">{ text.my_requests }</a></p>
            <h2>{ text.my_consents }</h2>
            <p>{ text.consents_lead }</p>
            { toggles }
            <h3>{ text.consent_history }</h3>
            { history_table }
            <h2>{ text.cookies_section }</h2>
            { cookie_section }
            <h2>{ text.accepted_documents }</h2>
            { accepted_list }
        </section>
    }
}
