//! What a page shows while it waits for the server.

use yew::prelude::*;

use crate::i18n;

#[function_component]
pub fn Loading() -> Html {
    html! {
        <div class="loading" role="status" aria-live="polite" data-testid="loading">
            <span class="spinner" aria-hidden="true"></span>
            <span>{ i18n::text().loading }</span>
        </div>
    }
}
