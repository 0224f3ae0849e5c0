//! `/timeline`: what happened to the account (trial, order, renewals,
//! invoices, cancellations), newest first.

use yew::prelude::*;

use crate::api;
use crate::components::{ErrorAlert, Loading};
use crate::hooks::{use_load, use_session, Load};
use crate::i18n;

#[function_component]
pub fn Timeline() -> Html {
    let text = i18n::text();
    let session = use_session();
    let (timeline, _) = {
        let api = session.api.clone();
        use_load(move || {
            let api = api.clone();
            async move { api::timeline::get(&api).await }
        })
    };
    let body = match &*timeline {
        Load::Loading => html! { <Loading /> },
        Load::Failed(error) => {
            html! { <ErrorAlert error={error.clone()} testid="timeline-error" /> }
        }
        Load::Loaded(timeline) if timeline.items.is_empty() => html! {
            <p class="empty" data-testid="timeline-empty">{ text.timeline_empty }</p>
        },
        Load::Loaded(timeline) => html! {
            <ol class="timeline" data-testid="timeline">
                { for timeline.items.iter().map(|event| html! {
                    <li class="timeline-item" data-testid={format!("timeline-{}", event.kind)}>
                        <time datetime={event.occurred_at.to_rfc3339()} class="muted small">
                            { i18n::date_time(&event.occurred_at) }
                        </time>
                        <p class="timeline-kind">{ i18n::timeline_kind(&event.kind) }</p>
                        <p>{ &event.summary }</p>
                    </li>
                }) }
            </ol>
        },
    };
    html! {
        <section>
            <h1>{ text.timeline_title }</h1>
            <article class="card">{ body }</article>
        </section>
    }
}
