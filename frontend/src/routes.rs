//! The SPA's URLs and the page each one shows.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::RequireAuth;
use crate::pages;

#[derive(Debug, Clone, PartialEq, Eq, Routable)]
pub enum Route {
    #[at("/")]
    Dashboard,
    #[at("/signup")]
    Signup,
    #[at("/login")]
    Login,
    #[at("/users")]
    Users,
    #[at("/api-keys")]
    ApiKeys,
    /// The invitation token travels in the fragment (`#token=...`), which
    /// browsers never send to the server or in a `Referer`.
    #[at("/invitation")]
    Invitation,
    #[at("/account")]
    Account,
    #[not_found]
    #[at("/404")]
    NotFound,
}

pub fn switch(route: Route) -> Html {
    match route {
        Route::Dashboard => html! { <RequireAuth><pages::Dashboard /></RequireAuth> },
        Route::Signup => html! { <pages::Signup /> },
        Route::Login => html! { <pages::Login /> },
        Route::Users => html! {
            <RequireAuth administrator_only=true><pages::Users /></RequireAuth>
        },
        Route::ApiKeys => html! {
            <RequireAuth administrator_only=true><pages::ApiKeys /></RequireAuth>
        },
        Route::Invitation => html! { <pages::Invitation /> },
        Route::Account => html! { <RequireAuth><pages::Account /></RequireAuth> },
        Route::NotFound => html! { <pages::NotFound /> },
    }
}
