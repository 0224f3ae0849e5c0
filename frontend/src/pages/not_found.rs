//! Any URL the SPA does not know.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::i18n;
use crate::routes::Route;

#[function_component]
pub fn NotFound() -> Html {
    let text = i18n::text();
    html! {
        <section class="empty-state" data-testid="not-found">
            <h1>{ text.not_found_title }</h1>
            <p>{ text.not_found_body }</p>
            <Link<Route> to={Route::Dashboard} classes="button button-primary">{ text.not_found_home }</Link<Route>>
        </section>
    }
}
