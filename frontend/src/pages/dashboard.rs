//! `/`: the tenant at a glance: its trial (terms art. 4: 15 calendar days)
//! or its subscription (next renewal, cancellation deadline), and who is
//! logged in; when the modules are available, their cards (open deals,
//! overdue invoices, open tickets, revenue per month).

use yew::prelude::*;
use yew_router::prelude::*;

use ecom_types::contract::ContractView;
use ecom_types::tenant::TenantView;

use crate::api;
use crate::components::{Alert, AlertKind, ErrorAlert, Loading};
use crate::hooks::{use_load, use_session, Load};
use crate::i18n;
use crate::routes::Route;

use super::dashboard_modules::ModuleCards;

#[function_component]
pub fn Dashboard() -> Html {
    let text = i18n::text();
    let session = use_session();
    let (contract, _) = {
        let api = session.api.clone();
        use_load(move || {
            let api = api.clone();
            async move { api::contract::get(&api).await }
        })
    };
    let Some(me) = session.state.me.clone() else {
        return html! {};
    };
    let administrator = session.state.is_administrator();
    let tenant = &me.tenant;
    let user = &me.user;
    let trial = tenant.trial_ends_at.map(|ends| {
        let days = if tenant.trial_days_left == 1 {
            text.trial_one_day_left.to_owned()
        } else {
            i18n::fill(text.trial_days_left, &[("n", &tenant.trial_days_left.to_string())])
        };
        html! {
            <div class="stat">
                <dt>{ text.trial_ends }</dt>
                <dd>
                    <time datetime={ends.to_rfc3339()} data-testid="dashboard-trial-ends">{ i18n::date(&ends) }</time>
                    <span class="badge badge-info" data-testid="dashboard-trial-days-left">{ days }</span>
                </dd>
            </div>
        }
    });
    html! {
        <section data-testid="dashboard">
            <div class="page-header">
                <div>
                    <p class="muted small">{ text.dashboard_welcome }{ " " }{ &user.first_name }</p>
                    <h1 data-testid="dashboard-company-name">{ &tenant.name }</h1>
                </div>
            </div>
            if !tenant.modules_available {
                <Alert kind={AlertKind::Warning} testid="modules-unavailable">
                    { text.modules_unavailable }
                </Alert>
            }
            <div class="grid">
                <article class="card">
                    <h2>{ text.dashboard_company }</h2>
                    <dl class="stats">
                        <div class="stat">
                            <dt>{ text.status }</dt>
                            <dd><span class={classes!("badge", status_class(&tenant.status))} data-testid="dashboard-tenant-status">
                                { i18n::tenant_status(&tenant.status) }
                            </span></dd>
                        </div>
                        { trial.unwrap_or_default() }
                        <div class="stat">
                            <dt>{ text.country }</dt>
                            <dd>{ i18n::country(&tenant.country) }</dd>
                        </div>
                        if let Some(vat) = &tenant.vat_number {
                            <div class="stat">
                                <dt>{ text.vat_number }</dt>
                                <dd class="mono">{ vat }</dd>
                            </div>
                        }
                    </dl>
                </article>
                <article class="card">
                    <h2>{ text.dashboard_you }</h2>
                    <dl class="stats">
                        <div class="stat">
                            <dt>{ text.name }</dt>
                            <dd data-testid="dashboard-user-name">{ format!("{} {}", user.first_name, user.last_name) }</dd>
                        </div>
                        <div class="stat">
                            <dt>{ text.role }</dt>
                            <dd data-testid="dashboard-user-role">{ i18n::role(&user.role) }</dd>
                        </div>
                        <div class="stat">
                            <dt>{ text.email }</dt>
                            <dd>{ &user.email }</dd>
                        </div>
                    </dl>
                    <Link<Route> to={Route::Account} classes="button button-secondary button-small">
                        { text.nav_account }
                    </Link<Route>>
                </article>
            </div>
            { subscription_card(tenant, &contract, administrator) }
            if tenant.modules_available {
                <ModuleCards />
            }
        </section>
    }
}

fn status_class(status: &str) -> &'static str {
    match status {
        "trial" | "active" => "badge-success",
        "trial_expired" | "suspended" => "badge-warning",
        _ => "badge-danger",
    }
}

/// The subscription at a glance: the trial and a way to order, or the
/// contract's state, next renewal and cancellation deadline.
fn subscription_card(
    tenant: &TenantView,
    contract: &Load<Option<ContractView>>,
    administrator: bool,
) -> Html {
    let text = i18n::text();
    let choose_plan = if administrator {
        html! {
            <Link<Route> to={Route::Subscription} classes="button button-primary button-small">
                <span data-testid="dashboard-choose-plan">{ text.choose_plan }</span>
            </Link<Route>>
        }
    } else {
        html! { <p class="muted small">{ text.ask_administrator_to_order }</p> }
    };
    let body = match contract {
        Load::Loading => html! { <Loading /> },
        Load::Failed(error) => {
            html! { <ErrorAlert error={error.clone()} testid="dashboard-subscription-error" /> }
        }
        Load::Loaded(None) => html! {
            <>
                <p data-testid="dashboard-no-contract">
                    { if tenant.status == "trial" {
                        i18n::fill(text.dashboard_on_trial, &[("n", &tenant.trial_days_left.to_string())])
                    } else {
                        text.dashboard_no_contract.to_owned()
                    } }
                </p>
                { choose_plan }
            </>
        },
        Load::Loaded(Some(contract)) => html! {
            <>
                <dl class="stats">
                    <div class="stat">
                        <dt>{ text.status }</dt>
                        <dd data-testid="dashboard-contract-status">{ i18n::contract_status(&contract.status) }</dd>
                    </div>
                    if let Some(on) = &contract.next_renewal_on {
                        <div class="stat">
                            <dt>{ text.next_renewal }</dt>
                            <dd data-testid="dashboard-next-renewal">{ i18n::day(on) }</dd>
                        </div>
                    }
                    if let (Some(deadline), None) = (&contract.cancellation_deadline, &contract.cancelled_at) {
                        <div class="stat">
                            <dt>{ text.cancellation_deadline }</dt>
                            <dd data-testid="dashboard-cancellation-deadline">{ i18n::date_time(deadline) }</dd>
                        </div>
                    }
                </dl>
                if administrator {
                    <Link<Route> to={Route::Subscription} classes="button button-secondary button-small">
                        { text.nav_subscription }
                    </Link<Route>>
                }
            </>
        },
    };
    html! {
        <article class="card" data-testid="dashboard-subscription">
            <h2>{ text.dashboard_subscription }</h2>
            { body }
        </article>
    }
}
