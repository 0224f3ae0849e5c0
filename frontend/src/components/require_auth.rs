//! Guards a page: logged-out people go to the log-in page, and pages for the
//! Administrator say so to a User instead of failing with a 403.

use yew::prelude::*;
use yew_router::prelude::*;

use super::{Alert, AlertKind, Loading};
use crate::hooks::use_session;
use crate::i18n;
use crate::routes::Route;
use crate::state::SessionAction;

#[derive(Properties, PartialEq)]
pub struct RequireAuthProps {
    #[prop_or_default]
    pub administrator_only: bool,
    pub children: Html,
}

#[function_component]
pub fn RequireAuth(props: &RequireAuthProps) -> Html {
    let text = i18n::text();
    let session = use_session();
    let state = &session.state;
    if !state.is_signed_in() {
        return html! { <Redirect<Route> to={Route::Login} /> };
    }
    if let Some(error) = &state.profile_error {
        let retry = {
            let session = session.clone();
            Callback::from(move |_| session.apply(SessionAction::ProfileRetried))
        };
        return html! {
            <Alert kind={AlertKind::Error} testid="profile-error">
                <p>{ error.clone() }</p>
                <button type="button" class="button" onclick={retry}>{ text.retry }</button>
            </Alert>
        };
    }
    if state.me.is_none() {
        return html! { <Loading /> };
    }
    if props.administrator_only && !state.is_administrator() {
        return html! {
            <Alert kind={AlertKind::Warning} testid="administrator-only">
                <p>{ text.administrator_only }</p>
            </Alert>
        };
    }
    props.children.clone()
}
