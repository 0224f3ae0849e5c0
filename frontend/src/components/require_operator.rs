//! Guards the operator's pages: only an operator session sees them. A
//! tenant's user is sent to the dashboard, anyone else to the operator log-in.

use yew::prelude::*;
use yew_router::prelude::*;

use super::require_auth::profile_error;
use super::Loading;
use crate::hooks::use_session;
use crate::routes::Route;

#[derive(Properties, PartialEq)]
pub struct RequireOperatorProps {
    pub children: Html,
}

#[function_component]
pub fn RequireOperator(props: &RequireOperatorProps) -> Html {
    let session = use_session();
    let state = &session.state;
    if !state.is_signed_in() {
        return html! { <Redirect<Route> to={Route::OperatorLogin} /> };
    }
    if state.is_tenant() {
        return html! { <Redirect<Route> to={Route::Dashboard} /> };
    }
    if let Some(error) = &state.profile_error {
        return profile_error(&session, error);
    }
    if state.operator.is_none() {
        return html! { <Loading /> };
    }
    props.children.clone()
}
