//! `/operator`: every tenant as a company (never its customer data), with
//! suspension, reinstatement and termination for exceptional circumstances
//! (terms art. 15), and the announcement of a price change.

use ecom_types::operator::{TenantSummary, TerminateRequest};
use uuid::Uuid;
use yew::platform::spawn_local;
use yew::prelude::*;

use super::operator_price_change::PriceChangeForm;
use crate::api::{self, ApiError};
use crate::components::{
    Alert, AlertKind, ConfirmButton, ErrorAlert, Input, Loading, Select, SortHeader,
};
use crate::hooks::{use_load, use_session, Load};
use crate::i18n;
use crate::state::form::{FieldErrors, FormValues};

/// The export window when the operator does not say otherwise (SPEC §2).
const DEFAULT_EXPORT_WINDOW_DAYS: &str = "30";
const TERMINATE_FIELDS: &[&str] = &["reason", "export_window_days", "since"];

#[derive(Clone, Copy, PartialEq)]
enum Action {
    Suspend,
    Reinstate,
}

#[derive(Properties, PartialEq)]
struct TerminateFormProps {
    tenant: TenantSummary,
    on_done: Callback<TenantSummary>,
    on_close: Callback<()>,
}

#[function_component]
fn TerminateForm(props: &TerminateFormProps) -> Html {
    let text = i18n::text();
    let session = use_session();
    let form = use_reducer(|| {
        FormValues::with(&[
            ("reason", i18n::TERMINATION_REASONS[0].0),
            ("export_window_days", DEFAULT_EXPORT_WINDOW_DAYS),
        ])
    });
    let errors = use_state(FieldErrors::default);
    let failure = use_state(|| None::<ApiError>);

    let terminate = {
        let form = form.clone();
        let errors = errors.clone();
        let failure = failure.clone();
        let session = session.clone();
        let on_done = props.on_done.clone();
        let id = props.tenant.id;
        Callback::from(move |()| {
            let export_window_days = match form.optional("export_window_days") {
                None => None,
                Some(days) => match days.parse::<u32>() {
                    Ok(days) => Some(days),
                    Err(_) => {
                        let mut invalid = FieldErrors::default();
                        invalid.add("export_window_days", text.invalid_days);
                        errors.set(invalid);
                        return;
                    }
                },
            };
            // A date input gives YYYY-MM-DD: the start of that day (UTC) is precise enough here.
            let since = form
                .optional("since")
                .and_then(|day| chrono::NaiveDate::parse_from_str(&day, "%Y-%m-%d").ok())
                .and_then(|day| day.and_hms_opt(0, 0, 0))
                .map(|at| at.and_utc());
            let request = TerminateRequest {
                reason: form.trimmed("reason"),
                export_window_days,
                since,
            };
            let errors = errors.clone();
            let failure = failure.clone();
            let session = session.clone();
            let on_done = on_done.clone();
            spawn_local(async move {
                match api::operator::terminate(&session.api, id, &request).await {
                    Ok(tenant) => on_done.emit(tenant),
                    Err(error) => {
                        errors.set(FieldErrors::from_problem(error.field_errors()));
                        failure.set(Some(error));
                    }
                }
            });
        })
    };
    let close = props.on_close.reform(|_: MouseEvent| ());
    let e = (*errors).clone();
    html! {
        <article class="card card-danger" data-testid="terminate-form">
            <h2>{ i18n::fill(text.terminate_title, &[("name", &props.tenant.name)]) }</h2>
            <p>{ text.terminate_lead }</p>
            if let Some(error) = &*failure {
                <ErrorAlert error={error.clone()} extra={e.not_in(TERMINATE_FIELDS)} testid="terminate-error" />
            }
            <div class="form">
                <div class="field-row">
                    <Select form={form.clone()} field="reason" id="terminate-reason" label={text.terminate_reason}
                        errors={e.clone()} options={i18n::termination_reasons()} required=true />
                    <Input form={form.clone()} field="since" id="terminate-since" label={text.terminate_since}
                        kind="date" errors={e.clone()} hint={text.terminate_since_hint} />
                    <Input form={form.clone()} field="export_window_days" id="terminate-export-window-days"
                        label={text.export_window_days} kind="number" errors={e.clone()}
                        hint={text.export_window_days_hint} />
                </div>
                <div class="button-row">
                    <ConfirmButton label={text.terminate} danger=true testid="terminate-submit"
                        question={i18n::fill(text.terminate_question, &[("name", &props.tenant.name)])}
                        on_confirm={terminate} />
                    <button type="button" class="button button-secondary button-small" data-testid="terminate-close"
                        onclick={close}>{ text.cancel }</button>
                </div>
            </div>
        </article>
    }
}

fn status_class(status: &str) -> &'static str {
    match status {
        "trial" | "active" => "badge-success",
        "trial_expired" | "suspended" | "cancelled" => "badge-warning",
        _ => "badge-danger",
    }
}

/// The tenants in the order of the table's `sort` (`name`, `-users`, ...);
/// the server's order (newest first) when unsorted.
fn sorted<'a>(items: &'a [TenantSummary], sort: &str) -> Vec<&'a TenantSummary> {
    let mut rows: Vec<&TenantSummary> = items.iter().collect();
    let (field, descending) = sort.strip_prefix('-').map_or((sort, false), |f| (f, true));
    match field {
        "name" => rows.sort_by_key(|t| t.name.to_lowercase()),
        "status" => rows.sort_by(|a, b| a.status.cmp(&b.status)),
        "term_ends_on" => rows.sort_by_key(|t| t.term_ends_on),
        "active_users" => rows.sort_by_key(|t| t.active_users),
        _ => return rows,
    }
    if descending {
        rows.reverse();
    }
    rows
}

#[function_component]
pub fn OperatorTenants() -> Html {
    let text = i18n::text();
    let session = use_session();
    let sort = use_state(String::new);
    let on_sort = {
        let sort = sort.clone();
        Callback::from(move |next: String| sort.set(next))
    };
    let (tenants, reload) = {
        let api = session.api.clone();
        use_load(move || {
            let api = api.clone();
            async move { api::operator::tenants(&api).await }
        })
    };
    let action_failure = use_state(|| None::<ApiError>);
    let done = use_state(|| None::<String>);
    let terminating = use_state(|| None::<TenantSummary>);

    let act = {
        let session = session.clone();
        let reload = reload.clone();
        let action_failure = action_failure.clone();
        let done = done.clone();
        Callback::from(move |(id, action): (Uuid, Action)| {
            let session = session.clone();
            let reload = reload.clone();
            let action_failure = action_failure.clone();
            let done = done.clone();
            spawn_local(async move {
                let outcome = match action {
                    Action::Suspend => api::operator::suspend(&session.api, id).await,
                    Action::Reinstate => api::operator::reinstate(&session.api, id).await,
                };
                match outcome {
                    Ok(tenant) => {
                        action_failure.set(None);
                        let template = match action {
                            Action::Suspend => text.tenant_suspended,
                            Action::Reinstate => text.tenant_reinstated,
                        };
                        done.set(Some(i18n::fill(template, &[("name", &tenant.name)])));
                        reload.emit(());
                    }
                    Err(error) => action_failure.set(Some(error)),
                }
            });
        })
    };

    let on_terminated = {
        let terminating = terminating.clone();
        let done = done.clone();
        let reload = reload.clone();
        Callback::from(move |tenant: TenantSummary| {
            terminating.set(None);
            done.set(Some(i18n::fill(
                text.tenant_terminated,
                &[("name", &tenant.name)],
            )));
            reload.emit(());
        })
    };
    let close_terminate = {
        let terminating = terminating.clone();
        Callback::from(move |()| terminating.set(None))
    };

    let row = |tenant: &TenantSummary| {
        let testid = format!("tenant-{}", tenant.id);
        let id = tenant.id;
        let suspended = tenant.status == "suspended";
        let ended = matches!(tenant.status.as_str(), "terminated" | "deactivated");
        let suspend_or_reinstate = if ended {
            html! {}
        } else if suspended {
            let act = act.clone();
            html! {
                <ConfirmButton label={text.reinstate}
                    question={i18n::fill(text.reinstate_question, &[("name", &tenant.name)])}
                    testid={format!("{testid}-reinstate")}
                    on_confirm={Callback::from(move |()| act.emit((id, Action::Reinstate)))} />
            }
        } else {
            let act = act.clone();
            html! {
                <ConfirmButton label={text.suspend} danger=true
                    question={i18n::fill(text.suspend_question, &[("name", &tenant.name)])}
                    testid={format!("{testid}-suspend")}
                    on_confirm={Callback::from(move |()| act.emit((id, Action::Suspend)))} />
            }
        };
        let terminate = if ended {
            html! {}
        } else {
            let terminating = terminating.clone();
            let chosen = tenant.clone();
            let onclick = Callback::from(move |_| terminating.set(Some(chosen.clone())));
            html! {
                <button type="button" class="button button-danger button-small"
                    data-testid={format!("{testid}-terminate")} {onclick}>{ text.terminate }</button>
            }
        };
        html! {
            <tr data-testid={testid.clone()}>
                <td data-label={text.name} data-testid={format!("{testid}-name")}>{ &tenant.name }</td>
                <td data-label={text.country}>{ i18n::country(&tenant.country) }</td>
                <td data-label={text.status}>
                    <span class={classes!("badge", status_class(&tenant.status))} data-testid={format!("{testid}-status")}>
                        { i18n::tenant_status(&tenant.status) }
                    </span>
                </td>
                <td data-label={text.contract_status} data-testid={format!("{testid}-contract-status")}>
                    { tenant.contract_status.as_deref().map_or_else(|| text.no_contract.to_owned(), i18n::contract_status) }
                </td>
                <td data-label={text.term_ends}>
                    { tenant.term_ends_on.as_ref().map_or_else(|| "–".to_owned(), |on| i18n::day(&on.pred_opt().unwrap_or(*on))) }
                </td>
                <td data-label={text.users} class="amount">{ tenant.active_users }</td>
                <td class="actions">{ suspend_or_reinstate }{ " " }{ terminate }</td>
            </tr>
        }
    };

    let list = match &*tenants {
        Load::Loading => html! { <Loading /> },
        Load::Failed(error) => {
            html! { <ErrorAlert error={error.clone()} testid="operator-tenants-error" /> }
        }
        Load::Loaded(list) if list.items.is_empty() => html! {
            <p class="empty" data-testid="operator-tenants-empty">{ text.tenants_empty }</p>
        },
        Load::Loaded(list) => html! {
            <div class="table-wrap">
                <table class="table" data-testid="operator-tenants-table">
                    <caption class="visually-hidden">{ text.tenants_title }</caption>
                    <thead><tr>
                        <SortHeader column="name" label={text.name} sort={(*sort).clone()} on_sort={on_sort.clone()} />
                        <th scope="col">{ text.country }</th>
                        <SortHeader column="status" label={text.status} sort={(*sort).clone()} on_sort={on_sort.clone()} />
                        <th scope="col">{ text.contract_status }</th>
                        <SortHeader column="term_ends_on" label={text.term_ends} sort={(*sort).clone()} on_sort={on_sort.clone()} />
                        <SortHeader column="active_users" label={text.users} sort={(*sort).clone()} on_sort={on_sort.clone()} />
                        <th scope="col"><span class="visually-hidden">{ text.actions }</span></th>
                    </tr></thead>
                    <tbody>{ for sorted(&list.items, &sort).into_iter().map(row) }</tbody>
                </table>
            </div>
        },
    };

    html! {
        <section data-testid="operator-tenants">
            <h1>{ text.tenants_title }</h1>
            if let Some(message) = &*done {
                <Alert kind={AlertKind::Success} testid="operator-done">{ message.clone() }</Alert>
            }
            if let Some(error) = &*action_failure {
                <ErrorAlert error={error.clone()} testid="operator-action-error" />
            }
            <article class="card">{ list }</article>
            if let Some(tenant) = &*terminating {
                <TerminateForm key={tenant.id.to_string()} tenant={tenant.clone()}
                    on_done={on_terminated} on_close={close_terminate} />
            }
            <PriceChangeForm />
        </section>
    }
}
