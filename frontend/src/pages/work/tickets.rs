//! `/tickets`: the tickets by what falls due first, with SLA badges,
//! filters (status, priority, breached) and a form to open one.

use ecom_types::work::{SlaTimerView, TicketRequest, TicketView};
use uuid::Uuid;
use yew::platform::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

use super::duration_label;
use crate::api::{self, ApiError};
use crate::components::{ContactPicker, ErrorAlert, Input, Loading, Select, TextArea};
use crate::hooks::use_session;
use crate::i18n::{self, work};
use crate::routes::Route;
use crate::state::form::{FieldChanged, FieldErrors, FormValues};

/// One SLA timer as a badge: met, breached (with how late), paused or the time left.
pub fn sla_badge(label: &str, timer: &SlaTimerView, testid: String) -> Html {
    let w = work::text();
    let (class, state) = if timer.breached {
        (
            "badge badge-danger",
            format!(
                "{} · {}",
                w.breached,
                i18n::fill(
                    w.late_by,
                    &[("time", &duration_label(timer.remaining_seconds))]
                )
            ),
        )
    } else if timer.met_at.is_some() {
        ("badge badge-success", w.met.to_owned())
    } else if timer.paused {
        (
            "badge badge-info",
            format!(
                "{} · {}",
                w.paused,
                i18n::fill(
                    w.remaining,
                    &[("time", &duration_label(timer.remaining_seconds))]
                )
            ),
        )
    } else if timer.remaining_seconds < 3600 {
        (
            "badge badge-warning",
            i18n::fill(
                w.remaining,
                &[("time", &duration_label(timer.remaining_seconds))],
            ),
        )
    } else {
        (
            "badge badge-info",
            i18n::fill(
                w.remaining,
                &[("time", &duration_label(timer.remaining_seconds))],
            ),
        )
    };
    html! {
        <span class={class} data-testid={testid} title={i18n::fill(w.due, &[("at", &i18n::date_time(&timer.due_at))])}>
            { format!("{label}: {state}") }
        </span>
    }
}

/// The query string of the list's filters.
pub fn filter_query(status: &str, priority: &str, breached: bool) -> String {
    let mut query = String::new();
    if !status.is_empty() {
        query.push_str(&format!("&status={status}"));
    }
    if !priority.is_empty() {
        query.push_str(&format!("&priority={priority}"));
    }
    if breached {
        query.push_str("&breached=true");
    }
    query
}

#[function_component]
pub fn Tickets() -> Html {
    let w = work::text();
    let session = use_session();
    let filters = use_reducer(FormValues::default);
    let version = use_state(|| 0_u32);
    let tickets = use_state(|| None::<Result<Vec<TicketView>, ApiError>>);
    let query = filter_query(
        filters.get("status"),
        filters.get("priority"),
        filters.is_checked("breached"),
    );
    {
        let (tickets, api) = (tickets.clone(), session.api.clone());
        use_effect_with((query.clone(), *version), move |(query, _)| {
            let query = query.clone();
            spawn_local(async move {
                tickets.set(Some(
                    api::work::tickets(&api, &query).await.map(|p| p.items),
                ))
            });
        });
    }
    let form = use_reducer(|| FormValues::with(&[("priority", "normal")]));
    let errors = use_state(FieldErrors::default);
    let failure = use_state(|| None::<ApiError>);
    let navigator = use_navigator();
    let onsubmit = {
        let (form, errors, failure, session) = (
            form.clone(),
            errors.clone(),
            failure.clone(),
            session.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Ok(requester_id) = Uuid::parse_str(form.get("requester_id").trim()) else {
                let mut invalid = FieldErrors::default();
                invalid.add("requester_id", work::text().contact_id_hint);
                errors.set(invalid);
                return;
            };
            let body = TicketRequest {
                subject: form.trimmed("subject"),
                description: form.optional("description"),
                requester_id,
                priority: form.optional("priority"),
                ..TicketRequest::default()
            };
            let (errors, failure, session, navigator) = (
                errors.clone(),
                failure.clone(),
                session.clone(),
                navigator.clone(),
            );
            spawn_local(async move {
                match api::work::create_ticket(&session.api, &body).await {
                    Ok(ticket) => {
                        if let Some(nav) = navigator {
                            nav.push(&Route::Ticket { id: ticket.id });
                        }
                    }
                    Err(error) => {
                        errors.set(FieldErrors::from_problem(error.field_errors()));
                        failure.set(Some(error));
                    }
                }
            });
        })
    };
    let filter_select = |field: &'static str, options: &'static [(&'static str, &'static str)]| {
        let filters = filters.clone();
        let current = filters.get(field).to_owned();
        let onchange = Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            filters.dispatch(FieldChanged {
                field,
                value: select.value(),
            });
        });
        html! {
            <select aria-label={if field == "status" { w.status } else { w.priority }} data-testid={format!("tickets-filter-{field}")} {onchange}>
                <option value="" selected={current.is_empty()}>{ w.all }</option>
                { for options.iter().map(|(value, label)| html! { <option value={*value} selected={current == *value}>{ *label }</option> }) }
            </select>
        }
    };
    let breached_toggle = {
        let filters = filters.clone();
        let checked = filters.is_checked("breached");
        Callback::from(move |_| {
            filters.dispatch(FieldChanged {
                field: "breached",
                value: if checked {
                    String::new()
                } else {
                    crate::state::form::CHECKED.into()
                },
            })
        })
    };
    let row = |t: &TicketView| {
        html! {
            <tr data-testid={format!("ticket-{}", t.id)}>
                <td data-label={w.subject}><Link<Route> to={Route::Ticket { id: t.id }}>{ &t.subject }</Link<Route>></td>
                <td data-label={w.status}>{ work::label(w.ticket_statuses, &t.status) }</td>
                <td data-label={w.priority}>{ work::label(w.priorities, &t.priority) }</td>
                <td data-label="SLA">
                    { sla_badge(w.first_response, &t.sla.first_response, format!("ticket-{}-sla-first", t.id)) }{ " " }
                    { sla_badge(w.resolution, &t.sla.resolution, format!("ticket-{}-sla-resolution", t.id)) }
                </td>
            </tr>
        }
    };
    let list = match &*tickets {
        None => html! { <Loading /> },
        Some(Err(error)) => html! { <ErrorAlert error={error.clone()} testid="tickets-error" /> },
        Some(Ok(items)) if items.is_empty() => {
            html! { <p class="empty" data-testid="tickets-empty">{ w.empty }</p> }
        }
        Some(Ok(items)) => html! {
            <div class="table-wrap"><table class="table" data-testid="tickets-table">
                <thead><tr><th scope="col">{ w.subject }</th><th scope="col">{ w.status }</th><th scope="col">{ w.priority }</th><th scope="col">{ "SLA" }</th></tr></thead>
                <tbody>{ for items.iter().map(row) }</tbody>
            </table></div>
        },
    };
    let e = (*errors).clone();
    let _ = version;
    html! {
        <section>
            <h1>{ w.tickets_title }</h1>
            <p class="lead">{ w.tickets_lead }</p>
            <article class="card">
                <div class="toolbar">
                    { filter_select("status", w.ticket_statuses) }
                    { filter_select("priority", w.priorities) }
                    <label><input type="checkbox" data-testid="tickets-filter-breached" checked={filters.is_checked("breached")} onchange={breached_toggle} />{ format!(" {}", w.breached_only) }</label>
                </div>
                { list }
            </article>
            <article class="card">
                <h2>{ w.new_ticket }</h2>
                if let Some(error) = &*failure { <ErrorAlert error={error.clone()} extra={e.not_in(&["subject", "requester_id", "priority", "description"])} /> }
                <form class="form" novalidate=true {onsubmit} data-testid="ticket-form">
                    <Input form={form.clone()} field="subject" id="ticket-subject" label={w.subject} errors={e.clone()} required=true />
                    <div class="field-row">
                        <ContactPicker form={form.clone()} field="requester_id" id="ticket-requester" label={w.requester_id} errors={e.clone()} required=true />
                        <Select form={form.clone()} field="priority" id="ticket-priority" label={w.priority} errors={e.clone()} options={w.priorities} />
                    </div>
                    <TextArea form={form.clone()} field="description" id="ticket-description" label={w.description} errors={e.clone()} />
                    <button type="submit" class="button button-primary" data-testid="ticket-submit">{ w.save }</button>
                </form>
            </article>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_become_a_query() {
        assert_eq!(filter_query("", "", false), "");
        assert_eq!(
            filter_query("open", "urgent", true),
            "&status=open&priority=urgent&breached=true"
        );
    }
}
