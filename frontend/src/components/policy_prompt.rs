//! Asks a logged-in person to accept a new version of the terms or privacy
//! statement (and the Administrator the data processing agreement) once it
//! applies, and tells them ahead of time about announced versions.

use ecom_types::policy::{CurrentPolicies, MyPolicies};
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::api;
use crate::hooks::use_session;
use crate::i18n::{self, consent};

/// The SPA path of a policy kind.
pub fn legal_slug(kind: &str) -> &'static str {
    match kind {
        "terms" => "terms",
        "privacy" => "privacy",
        "cookies" => "cookies",
        _ => "dpa",
    }
}

#[function_component]
pub fn PolicyPrompt() -> Html {
    let text = consent::text();
    let session = use_session();
    let mine = use_state(|| None::<MyPolicies>);
    let announced = use_state(|| None::<CurrentPolicies>);
    let busy = use_state(|| false);
    let tenant = session.state.is_tenant() && session.state.me.is_some();
    {
        let mine = mine.clone();
        let announced = announced.clone();
        let api = session.api.clone();
        use_effect_with(tenant, move |tenant| {
            if *tenant {
                spawn_local(async move {
                    if let Ok(loaded) = api::consent::my_policies(&api).await {
                        mine.set(Some(loaded));
                    }
                    if let Ok(current) = api::policies::current().await {
                        announced.set(Some(current));
                    }
                });
            } else {
                mine.set(None);
            }
        });
    }
    if !tenant {
        return html! {};
    }
    let accept = {
        let mine = mine.clone();
        let busy = busy.clone();
        let api = session.api.clone();
        Callback::from(move |_| {
            let Some(pending) = mine.as_ref().map(|m| m.pending.clone()) else {
                return;
            };
            let mine = mine.clone();
            let busy = busy.clone();
            let api = api.clone();
            busy.set(true);
            spawn_local(async move {
                for version in pending {
                    if let Ok(updated) =
                        api::consent::accept_policy(&api, &version.kind, &version.version).await
                    {
                        mine.set(Some(updated));
                    }
                }
                busy.set(false);
            });
        })
    };
    let upcoming = announced
        .as_ref()
        .map(|a| a.upcoming.clone())
        .unwrap_or_default();
    let pending = mine.as_ref().map(|m| m.pending.clone()).unwrap_or_default();
    html! {
        <>
            { for upcoming.iter().map(|p| html! {
                <p class="alert alert-info" data-testid="policy-upcoming">
                    { i18n::fill(text.upcoming_notice, &[("title", text.document(&p.kind)), ("date", &i18n::date(&p.effective_from))]) }
                    { " " }
                    <a href={format!("/legal/{}/{}", legal_slug(&p.kind), p.version)}>{ text.read }</a>
                </p>
            }) }
            if !pending.is_empty() {
                <section class="alert alert-warning" role="alertdialog" aria-labelledby="policy-prompt-title" data-testid="policy-prompt">
                    <h2 id="policy-prompt-title">{ text.prompt_title }</h2>
                    <p>{ text.prompt_text }</p>
                    <ul>
                        { for pending.iter().map(|p| html! {
                            <li>
                                <a href={format!("/legal/{}", legal_slug(&p.kind))} target="_blank" rel="noopener">
                                    { format!("{} — {} {}", text.document(&p.kind), text.version, p.version) }
                                </a>
                            </li>
                        }) }
                    </ul>
                    <button type="button" class="button" data-testid="policy-accept" onclick={accept} disabled={*busy}>{ text.accept }</button>
                </section>
            }
        </>
    }
}
