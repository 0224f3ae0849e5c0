//! The frame around every page: a top bar with the navigation, the person's
//! name and the log-out button (when logged in), then the page. Operators get
//! their own navigation. While the account is suspended for non-payment, a
//! banner above every page says so and links to the statement.

use ecom_types::auth::RefreshRequest;
use yew::platform::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api;
use crate::components::LangSwitch;
use crate::hooks::use_session;
use crate::i18n;
use crate::routes::Route;
use crate::state::billing::is_suspended;
use crate::state::{SessionAction, SignOutReason};

#[derive(Properties, PartialEq)]
pub struct LayoutProps {
    pub children: Html,
}

#[function_component]
pub fn Layout(props: &LayoutProps) -> Html {
    let text = i18n::text();
    let work = i18n::work::text();
    let session = use_session();
    let route = use_route::<Route>();
    let logging_out = use_state(|| false);
    // Small screens: the navigation hides behind a menu button; it closes
    // again whenever the route changes.
    let menu_open = use_state(|| false);
    {
        let menu_open = menu_open.clone();
        use_effect_with(route.clone(), move |_| menu_open.set(false));
    }
    let menu_button = {
        let open = *menu_open;
        let toggle = {
            let menu_open = menu_open.clone();
            Callback::from(move |_: MouseEvent| menu_open.set(!*menu_open))
        };
        html! {
            <button type="button" class="button button-secondary button-small nav-toggle" data-testid="nav-toggle"
                aria-expanded={if open { "true" } else { "false" }} aria-controls="main-nav" onclick={toggle}>
                { crate::i18n::navigation::text().menu }
            </button>
        }
    };

    let logout = {
        let session = session.clone();
        let logging_out = logging_out.clone();
        Callback::from(move |_| {
            let session = session.clone();
            let logging_out = logging_out.clone();
            logging_out.set(true);
            spawn_local(async move {
                if let Some(refresh_token) = session.state.refresh_token().map(str::to_owned) {
                    // Revoke the session on the server; log out locally even
                    // when that fails (offline, already expired).
                    let _ =
                        api::auth::logout(&session.api, &RefreshRequest { refresh_token }).await;
                }
                session.apply(SessionAction::SignedOut(SignOutReason::LoggedOut));
                // The layout outlives the session: the next one can log out too.
                logging_out.set(false);
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

    let user_menu = |name: String| {
        html! {
            <div class="user-menu">
                <span class="user-name" data-testid="current-user">{ name }</span>
                <button type="button" class="button button-secondary button-small"
                    data-testid="logout" onclick={logout.clone()} disabled={*logging_out}>
                    { text.log_out }
                </button>
            </div>
        }
    };

    let state = &session.state;
    let nav = match (&state.me, &state.operator) {
        (Some(me), _) if state.is_tenant() => {
            let admin = state.is_administrator();
            // The modules' pages only while the account may use them.
            let modules = me.tenant.modules_available;
            let crm = crate::i18n::crm::text();
            let nav_text = crate::i18n::navigation::text();
            let sales = crate::i18n::sales::text();
            let group = |id: &'static str, label: &'static str, links: Html| {
                html! {
                    <li class="nav-group">
                        <span class="nav-group-label" id={id}>{ label }</span>
                        <ul aria-labelledby={id}>{ links }</ul>
                    </li>
                }
            };
            html! {
                <>
                    { menu_button.clone() }
                    <nav id="main-nav" class={classes!("nav", "nav-grouped", (*menu_open).then_some("open"))} aria-label={text.nav_label}>
                        <ul class="nav-groups">
                            <li class="nav-group"><ul>{ nav_link(Route::Dashboard, text.nav_dashboard, "nav-dashboard") }</ul></li>
                            if modules {
                                { group("nav-group-crm", nav_text.group_crm, html! { <>
                                    { nav_link(Route::CrmCompanies, crm.nav_companies, "nav-companies") }
                                    { nav_link(Route::CrmContacts, crm.nav_contacts, "nav-contacts") }
                                    { nav_link(Route::CrmDeals, crm.nav_deals, "nav-deals") }
                                </> }) }
                                { group("nav-group-sales", nav_text.group_sales, html! { <>
                                    { nav_link(Route::Quotations, sales.nav_quotations, "nav-quotations") }
                                    { nav_link(Route::SalesInvoices, sales.nav_sales_invoices, "nav-sales-invoices") }
                                </> }) }
                                { group("nav-group-work", nav_text.group_work, html! { <>
                                    { nav_link(Route::Calendar, work.nav_calendar, "nav-calendar") }
                                    { nav_link(Route::Projects, work.nav_projects, "nav-projects") }
                                    { nav_link(Route::Tickets, work.nav_tickets, "nav-tickets") }
                                    { nav_link(Route::Calls, work.nav_calls, "nav-calls") }
                                </> }) }
                            }
                            if admin {
                                { group("nav-group-settings", nav_text.group_settings, html! { <>
                                    { nav_link(Route::InvoicingSettings, sales.nav_invoicing_settings, "nav-invoicing-settings") }
                                    { nav_link(Route::Subscription, text.nav_subscription, "nav-subscription") }
                                    { nav_link(Route::Invoices, text.nav_invoices, "nav-invoices") }
                                    { nav_link(Route::Users, text.nav_users, "nav-users") }
                                    { nav_link(Route::ApiKeys, text.nav_api_keys, "nav-api-keys") }
                                </> }) }
                            }
                            { group("nav-group-you", nav_text.group_you, html! { <>
                                { nav_link(Route::Timeline, text.nav_timeline, "nav-timeline") }
                                { nav_link(Route::Account, text.nav_account, "nav-account") }
                                { nav_link(Route::Privacy, crate::i18n::consent::text().nav_privacy, "nav-privacy") }
                            </> }) }
                        </ul>
                    </nav>
                    { user_menu(format!("{} {}", me.user.first_name, me.user.last_name)) }
                </>
            }
        }
        // The operator's own minimal navigation: never a tenant's page.
        (_, Some(operator)) if state.is_operator() => html! {
            <>
                <nav class="nav" aria-label={text.nav_label}>
                    <ul>
                        { nav_link(Route::Operator, text.nav_operator_tenants, "nav-operator-tenants") }
                        { nav_link(Route::OperatorPrivacy, crate::i18n::privacy::text().nav_operator_privacy, "nav-operator-privacy") }
                        { nav_link(Route::OperatorProspects, crate::i18n::prospects::text().nav, "nav-operator-prospects") }
                    </ul>
                </nav>
                { user_menu(operator.email.clone()) }
            </>
        },
        _ => html! {},
    };
    // Terms art. 11: access is suspended until the overdue invoices are paid
    // in full; the Administrator can still see the statement and pay.
    let suspended = state
        .me
        .as_ref()
        .filter(|me| state.is_tenant() && is_suspended(&me.tenant.status))
        .map(|_| {
            html! {
                <div class="alert alert-warning" role="alert" data-testid="suspended-banner">
                    <p>
                        <strong>{ text.suspended_banner }</strong>
                        { " " }
                        if state.is_administrator() {
                            <Link<Route> to={Route::Invoices}>
                                <span data-testid="suspended-banner-statement">{ text.nav_statement_link }</span>
                            </Link<Route>>
                        } else {
                            { text.suspended_ask_administrator }
                        }
                    </p>
                </div>
            }
        });
    let (home, brand) = if state.is_operator() {
        (Route::Operator, text.product_name_operator)
    } else {
        (Route::Dashboard, text.product_name)
    };

    html! {
        <crate::components::CookieConsentProvider>
            <a class="skip-link" href="#main">{ text.skip_to_content }</a>
            <header class="topbar">
                <div class="topbar-inner">
                    <Link<Route> to={home} classes="brand">{ brand }</Link<Route>>
                    { nav }
                    <LangSwitch />
                </div>
            </header>
            <main id="main" class="container" tabindex="-1">
                { for suspended }
                <crate::components::PolicyPrompt />
                { props.children.clone() }
            </main>
            <footer class="footer">
                <p class="muted small">{ text.footer }</p>
                <crate::components::LegalFooter />
                <p class="small"><Link<Route> to={Route::Status}>{ i18n::ui::text().status_link }</Link<Route>></p>
            </footer>
        </crate::components::CookieConsentProvider>
    }
}
