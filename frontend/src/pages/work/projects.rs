//! `/projects`: the projects with hours booked and unbilled, and a form to
//! start one.

use ecom_types::work::{ProjectRequest, ProjectView};
use rust_decimal::Decimal;
use std::str::FromStr;
use yew::platform::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api::{self, ApiError};
use crate::components::{ErrorAlert, Input, Loading, Select};
use crate::hooks::{use_load, use_session, Load};
use crate::i18n::{self, work};
use crate::routes::Route;
use crate::state::form::{FieldErrors, FormValues};

const FIELDS: &[&str] = &["name", "hourly_rate", "budget_hours", "vat_rate", "status"];

/// Reads a decimal the way people type it (`72,50` or `72.50`).
pub fn decimal(raw: &str) -> Option<Decimal> {
    Decimal::from_str(&raw.trim().replace(',', ".")).ok()
}

pub fn hours(minutes: i64) -> String {
    i18n::fill(
        "{h} h",
        &[(
            "h",
            &(Decimal::from(minutes) / Decimal::from(60))
                .round_dp(2)
                .normalize()
                .to_string(),
        )],
    )
}

#[function_component]
pub fn Projects() -> Html {
    let w = work::text();
    let session = use_session();
    let (projects, reload) = {
        let api = session.api.clone();
        use_load(move || {
            let api = api.clone();
            async move { api::work::projects(&api).await }
        })
    };
    let form = use_reducer(|| FormValues::with(&[("vat_rate", "21"), ("status", "active")]));
    let errors = use_state(FieldErrors::default);
    let failure = use_state(|| None::<ApiError>);
    let busy = use_state(|| false);
    let navigator = use_navigator();

    let onsubmit = {
        let (form, errors, failure, busy, session) = (
            form.clone(),
            errors.clone(),
            failure.clone(),
            busy.clone(),
            session.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let mut invalid = FieldErrors::default();
            let rate = decimal(form.get("hourly_rate"));
            if rate.is_none() {
                invalid.add("hourly_rate", work::text().invalid_number);
            }
            let budget = form.optional("budget_hours").map(|b| decimal(&b));
            if budget == Some(None) {
                invalid.add("budget_hours", work::text().invalid_number);
            }
            if !invalid.is_empty() {
                errors.set(invalid);
                return;
            }
            let body = ProjectRequest {
                name: form.trimmed("name"),
                hourly_rate: rate.unwrap_or_default(),
                budget_hours: budget.flatten(),
                vat_rate: decimal(form.get("vat_rate")),
                status: form.optional("status"),
                ..ProjectRequest::default()
            };
            let (errors, failure, busy, session, navigator) = (
                errors.clone(),
                failure.clone(),
                busy.clone(),
                session.clone(),
                navigator.clone(),
            );
            busy.set(true);
            spawn_local(async move {
                match api::work::create_project(&session.api, &body).await {
                    Ok(project) => {
                        if let Some(nav) = navigator {
                            nav.push(&Route::Project { id: project.id });
                        }
                    }
                    Err(error) => {
                        errors.set(FieldErrors::from_problem(error.field_errors()));
                        failure.set(Some(error));
                    }
                }
                busy.set(false);
            });
        })
    };
    let _ = reload;

    let row = |p: &ProjectView| {
        html! {
            <tr data-testid={format!("project-{}", p.id)}>
                <td data-label={w.project_name}><Link<Route> to={Route::Project { id: p.id }}>{ &p.name }</Link<Route>></td>
                <td data-label={w.status}>{ work::label(w.project_statuses, &p.status) }</td>
                <td data-label={w.hours_booked}>{ hours(p.totals.total_minutes) }
                    if let Some(budget) = p.budget_hours { <span class="muted">{ format!(" / {} h", budget.normalize()) }</span> }
                </td>
                <td data-label={w.unbilled}>{ hours(p.totals.unbilled_minutes) }</td>
                <td data-label={w.hourly_rate}>{ i18n::money(&p.hourly_rate) }</td>
            </tr>
        }
    };
    let list = match &*projects {
        Load::Loading => html! { <Loading /> },
        Load::Failed(error) => {
            html! { <ErrorAlert error={error.clone()} testid="projects-error" /> }
        }
        Load::Loaded(page) if page.items.is_empty() => {
            html! { <p class="empty" data-testid="projects-empty">{ w.empty }</p> }
        }
        Load::Loaded(page) => html! {
            <div class="table-wrap">
                <table class="table" data-testid="projects-table">
                    <thead><tr>
                        <th scope="col">{ w.project_name }</th><th scope="col">{ w.status }</th>
                        <th scope="col">{ w.hours_booked }</th><th scope="col">{ w.unbilled }</th><th scope="col">{ w.hourly_rate }</th>
                    </tr></thead>
                    <tbody>{ for page.items.iter().map(row) }</tbody>
                </table>
            </div>
        },
    };
    let e = (*errors).clone();
    html! {
        <section>
            <h1>{ w.projects_title }</h1>
            <p class="lead">{ w.projects_lead }</p>
            <article class="card">{ list }</article>
            <article class="card">
                <h2>{ w.new_project }</h2>
                if let Some(error) = &*failure { <ErrorAlert error={error.clone()} extra={e.not_in(FIELDS)} /> }
                <form class="form" novalidate=true {onsubmit} data-testid="project-form">
                    <Input form={form.clone()} field="name" id="project-name" label={w.project_name} errors={e.clone()} required=true />
                    <div class="field-row">
                        <Input form={form.clone()} field="hourly_rate" id="project-hourly-rate" label={w.hourly_rate} errors={e.clone()} required=true />
                        <Input form={form.clone()} field="budget_hours" id="project-budget-hours" label={w.budget_hours} errors={e.clone()} />
                        <Select form={form.clone()} field="vat_rate" id="project-vat-rate" label={w.vat_rate} errors={e.clone()} options={w.vat_rates} />
                        <Select form={form.clone()} field="status" id="project-status" label={w.status} errors={e.clone()} options={w.project_statuses} />
                    </div>
                    <button type="submit" class="button button-primary" data-testid="project-submit" disabled={*busy}>{ w.save }</button>
                </form>
            </article>
        </section>
    }
}
