//! Guards a tenant's page: logged-out people go to the log-in page, an
//! operator goes to the operator's area (an operator session never shows a
//! tenant's pages), and pages for the Administrator say so to a User instead
//! of failing with a 403.

use yew::prelude::*;
use yew_router::prelude::*;

use super::{Alert, AlertKind, Loading};
use crate::hooks::{use_session, SessionContext};
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
    if state.is_operator() {
        return html! { <Redirect<Route> to={Route::Operator} /> };
    }
    if let Some(error) = &state.profile_error {
        return profile_error(&session, error);
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

/// The profile could not be loaded: say why and offer to try again.
pub(super) fn profile_error(session: &SessionContext, error: &str) -> Html {
    let text = i18n::text();
    let retry = {
        let session = session.clone();
        Callback::from(move |_| session.apply(SessionAction::ProfileRetried))
    };
    html! {
        <Alert kind={AlertKind::Error} testid="profile-error">
            <p>{ error.to_owned() }</p>
            <button type="button" class="button" onclick={retry}>{ text.retry }</button>
        </Alert>
    }
}
