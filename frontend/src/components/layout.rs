//! The frame around every page: a top bar with the navigation, the person's
//! name and the log-out button (when logged in), then the page.

use ecom_types::auth::RefreshRequest;
use yew::platform::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api;
use crate::hooks::use_session;
use crate::i18n;
use crate::routes::Route;
use crate::state::{SessionAction, SignOutReason};

#[derive(Properties, PartialEq)]
pub struct LayoutProps {
    pub children: Html,
}

#[function_component]
pub fn Layout(props: &LayoutProps) -> Html {
    let text = i18n::text();
    let session = use_session();
    let route = use_route::<Route>();
    let logging_out = use_state(|| false);

    let logout = {
        let session = session.clone();
        let logging_out = logging_out.clone();
        Callback::from(move |_| {
            let session = session.clone();
            logging_out.set(true);
            spawn_local(async move {
                if let Some(refresh_token) = session.state.refresh_token().map(str::to_owned) {
                    // Revoke the session on the server; log out locally even
                    // when that fails (offline, already expired).
                    let _ =
                        api::auth::logout(&session.api, &RefreshRequest { refresh_token }).await;
                }
                session.apply(SessionAction::SignedOut(SignOutReason::LoggedOut));
            });
        })
    };

    let nav_link = |to: Route, label: &'static str, testid: &'static str| {
        let current = route.as_ref() == Some(&to);
        html! {
            <li>
                <Link<Route> to={to} classes={classes!("nav-link", current.then_some("active"))}>
                    <span data-testid={testid} aria-current={current.then_some("page")}>{ label }</span>
                </Link<Route>>
            </li>
        }
    };

    let nav = match &session.state.me {
        Some(me) if session.state.is_signed_in() => {
            let admin = session.state.is_administrator();
            html! {
                <>
                    <nav class="nav" aria-label={text.nav_label}>
                        <ul>
                            { nav_link(Route::Dashboard, text.nav_dashboard, "nav-dashboard") }
                            if admin {
                                { nav_link(Route::Users, text.nav_users, "nav-users") }
                                { nav_link(Route::ApiKeys, text.nav_api_keys, "nav-api-keys") }
                            }
                            { nav_link(Route::Account, text.nav_account, "nav-account") }
                        </ul>
                    </nav>
                    <div class="user-menu">
                        <span class="user-name" data-testid="current-user">
                            { format!("{} {}", me.user.first_name, me.user.last_name) }
                        </span>
                        <button type="button" class="button button-secondary button-small"
                            data-testid="logout" onclick={logout} disabled={*logging_out}>
                            { text.log_out }
                        </button>
                    </div>
                </>
            }
        }
        _ => html! {},
    };

    html! {
        <>
            <a class="skip-link" href="#main">{ text.skip_to_content }</a>
            <header class="topbar">
                <div class="topbar-inner">
                    <Link<Route> to={Route::Dashboard} classes="brand">{ text.product_name }</Link<Route>>
                    { nav }
                </div>
            </header>
            <main id="main" class="container" tabindex="-1">
                { props.children.clone() }
            </main>
            <footer class="footer">
                <p class="muted small">{ text.footer }</p>
            </footer>
        </>
    }
}
