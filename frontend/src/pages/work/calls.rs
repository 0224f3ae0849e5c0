//! `/calls`: the call log with numbers as `tel:` links (click-to-call logs a
//! planned outbound call first, then dials; the outcome is set afterwards in
//! the row), a form to log a call, and the "call me no more" list.

use chrono::Utc;
use ecom_types::page::Page;
use ecom_types::work::{CallRequest, CallView, DoNotCallList, DoNotCallRequest};
use uuid::Uuid;
use yew::platform::spawn_local;
use yew::prelude::*;

use super::duration_label;
use crate::api::{self, ApiError};
use crate::components::{
    ConfirmButton, ContactPicker, ErrorAlert, Input, Loading, Select, TextArea,
};
use crate::hooks::use_session;
use crate::i18n::{self, work};
use crate::state::form::{FieldChanged, FieldErrors, FormValues};

type Loaded = (Page<CallView>, DoNotCallList);

fn same_call(c: &CallView, outcome: &str) -> CallRequest {
    CallRequest {
        number: c.number.clone(),
        direction: c.direction.clone(),
        started_at: c.started_at,
        duration_seconds: c.duration_seconds,
        outcome: outcome.to_owned(),
        notes: c.notes.clone(),
        contact_id: c.contact_id,
    }
}

/// The request that click-to-call logs before dialling `number`.
pub fn dial_request(number: &str, contact_id: Option<Uuid>) -> CallRequest {
    CallRequest {
        number: number.to_owned(),
        direction: "outbound".into(),
        started_at: Utc::now(),
        duration_seconds: 0,
        outcome: "planned".into(),
        notes: None,
        contact_id,
    }
}

#[function_component]
pub fn Calls() -> Html {
    let w = work::text();
    let session = use_session();
    let version = use_state(|| 0_u32);
    let data = use_state(|| None::<Result<Loaded, ApiError>>);
    {
        let (data, api) = (data.clone(), session.api.clone());
        use_effect_with(*version, move |_| {
            spawn_local(async move {
                let loaded = async {
                    Ok((
                        api::work::calls(&api).await?,
                        api::work::do_not_call(&api).await?,
                    ))
                }
                .await;
                data.set(Some(loaded));
            });
        });
    }
    let reload = {
        let version = version.clone();
        Callback::from(move |()| version.set(version.wrapping_add(1)))
    };
    let failure = use_state(|| None::<ApiError>);

    // Click-to-call: log first; dial only when the log was accepted (a
    // listed number is refused with a clear problem).
    let dial = {
        let (session, reload, failure) = (session.clone(), reload.clone(), failure.clone());
        Callback::from(move |(number, contact): (String, Option<Uuid>)| {
            let (session, reload, failure) = (session.clone(), reload.clone(), failure.clone());
            spawn_local(async move {
                match api::work::log_call(&session.api, &dial_request(&number, contact)).await {
                    Ok(call) => {
                        failure.set(None);
                        reload.emit(());
                        if let Some(window) = web_sys::window() {
                            let _ = window.location().set_href(&format!("tel:{}", call.number));
                        }
                    }
                    Err(error) => failure.set(Some(error)),
                }
            });
        })
    };
    let set_outcome = {
        let (session, reload, failure) = (session.clone(), reload.clone(), failure.clone());
        Callback::from(move |(call, outcome): (CallView, String)| {
            let (session, reload, failure) = (session.clone(), reload.clone(), failure.clone());
            spawn_local(async move {
                let result =
                    api::work::update_call(&session.api, call.id, &same_call(&call, &outcome))
                        .await
                        .map(|_| ());
                match result {
                    Ok(()) => reload.emit(()),
                    Err(error) => failure.set(Some(error)),
                }
            });
        })
    };
    let delete_call = {
        let (session, reload, failure) = (session.clone(), reload.clone(), failure.clone());
        Callback::from(move |id: Uuid| {
            let (session, reload, failure) = (session.clone(), reload.clone(), failure.clone());
            spawn_local(async move {
                match api::work::delete_call(&session.api, id).await {
                    Ok(()) => reload.emit(()),
                    Err(error) => failure.set(Some(error)),
                }
            });
        })
    };

    // ---- log form
    let form = use_reducer(|| {
        FormValues::with(&[
            ("direction", "outbound"),
            ("outcome", "answered"),
            ("duration_seconds", "0"),
        ])
    });
    let errors = use_state(FieldErrors::default);
    let form_failure = use_state(|| None::<ApiError>);
    let onsubmit = {
        let (form, errors, failure, session, reload) = (
            form.clone(),
            errors.clone(),
            form_failure.clone(),
            session.clone(),
            reload.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Ok(duration) = form.trimmed("duration_seconds").parse::<i64>() else {
                let mut invalid = FieldErrors::default();
                invalid.add("duration_seconds", work::text().invalid_number);
                errors.set(invalid);
                return;
            };
            let body = CallRequest {
                number: form.trimmed("number"),
                direction: form.trimmed("direction"),
                started_at: Utc::now(),
                duration_seconds: duration,
                outcome: form.trimmed("outcome"),
                notes: form.optional("notes"),
                contact_id: form
                    .optional("contact_id")
                    .and_then(|c| Uuid::parse_str(&c).ok()),
            };
            let (form, errors, failure, session, reload) = (
                form.clone(),
                errors.clone(),
                failure.clone(),
                session.clone(),
                reload.clone(),
            );
            spawn_local(async move {
                match api::work::log_call(&session.api, &body).await {
                    Ok(_) => {
                        for field in ["number", "notes", "contact_id"] {
                            form.dispatch(FieldChanged {
                                field,
                                value: String::new(),
                            });
                        }
                        errors.set(FieldErrors::default());
                        failure.set(None);
                        reload.emit(());
                    }
                    Err(error) => {
                        errors.set(FieldErrors::from_problem(error.field_errors()));
                        failure.set(Some(error));
                    }
                }
            });
        })
    };

    // ---- "call me no more"
    let dnc_form = use_reducer(FormValues::default);
    let dnc_errors = use_state(FieldErrors::default);
    let add_dnc = {
        let (form, errors, session, reload) = (
            dnc_form.clone(),
            dnc_errors.clone(),
            session.clone(),
            reload.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let body = DoNotCallRequest {
                number: form.trimmed("number"),
            };
            let (form, errors, session, reload) = (
                form.clone(),
                errors.clone(),
                session.clone(),
                reload.clone(),
            );
            spawn_local(async move {
                match api::work::add_do_not_call(&session.api, &body).await {
                    Ok(_) => {
                        form.dispatch(FieldChanged {
                            field: "number",
                            value: String::new(),
                        });
                        errors.set(FieldErrors::default());
                        reload.emit(());
                    }
                    Err(error) => {
                        let mut shown = FieldErrors::from_problem(error.field_errors());
                        if shown.is_empty() {
                            shown.add("number", &error.message());
                        }
                        errors.set(shown);
                    }
                }
            });
        })
    };
    let remove_dnc = {
        let (session, reload, failure) = (session.clone(), reload.clone(), failure.clone());
        Callback::from(move |id: Uuid| {
            let (session, reload, failure) = (session.clone(), reload.clone(), failure.clone());
            spawn_local(async move {
                match api::work::remove_do_not_call(&session.api, id).await {
                    Ok(()) => reload.emit(()),
                    Err(error) => failure.set(Some(error)),
                }
            });
        })
    };

    let (calls, dnc) = match &*data {
        None => return html! { <Loading /> },
        Some(Err(error)) => {
            return html! { <section><ErrorAlert error={error.clone()} testid="calls-error" /></section> }
        }
        Some(Ok(loaded)) => loaded.clone(),
    };
    let call_row = |c: &CallView| {
        let onclick = {
            let dial = dial.clone();
            let (number, contact) = (c.number.clone(), c.contact_id);
            Callback::from(move |e: MouseEvent| {
                e.prevent_default();
                dial.emit((number.clone(), contact));
            })
        };
        let onchange = {
            let set = set_outcome.clone();
            let call = c.clone();
            Callback::from(move |e: Event| {
                let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
                set.emit((call.clone(), select.value()));
            })
        };
        let delete = delete_call.clone();
        let id = c.id;
        html! {
            <tr data-testid={format!("call-{}", c.id)}>
                <td data-label={w.started_at}>{ i18n::date_time(&c.started_at) }</td>
                <td data-label={w.number}>
                    <a href={format!("tel:{}", c.number)} data-testid={format!("call-{}-dial", c.id)} title={w.call_now} {onclick}>{ &c.number }</a>
                </td>
                <td data-label={w.direction}>{ work::label(w.directions, &c.direction) }</td>
                <td data-label={w.outcome}>
                    <select aria-label={w.outcome} data-testid={format!("call-{}-outcome", c.id)} {onchange}>
                        { for w.outcomes.iter().map(|(value, label)| html! { <option value={*value} selected={c.outcome == *value}>{ *label }</option> }) }
                    </select>
                </td>
                <td data-label={w.duration}>{ duration_label(c.duration_seconds) }</td>
                <td data-label={w.notes}>{ c.notes.clone().unwrap_or_default() }</td>
                <td class="actions">
                    <ConfirmButton label={w.delete} danger=true question={i18n::fill(w.delete_question, &[("name", &c.number)])}
                        testid={format!("call-{}-delete", c.id)} on_confirm={Callback::from(move |()| delete.emit(id))} />
                </td>
            </tr>
        }
    };
    let e = (*errors).clone();
    let de = (*dnc_errors).clone();
    html! {
        <section>
            <h1>{ w.calls_title }</h1>
            <p class="lead">{ w.calls_lead }</p>
            if let Some(error) = &*failure { <ErrorAlert error={error.clone()} testid="calls-action-error" /> }
            <article class="card">
                if calls.items.is_empty() {
                    <p class="empty" data-testid="calls-empty">{ w.empty }</p>
                } else {
                    <div class="table-wrap"><table class="table" data-testid="calls-table">
                        <thead><tr><th scope="col">{ w.started_at }</th><th scope="col">{ w.number }</th><th scope="col">{ w.direction }</th>
                            <th scope="col">{ w.outcome }</th><th scope="col">{ w.duration }</th><th scope="col">{ w.notes }</th><th scope="col"></th></tr></thead>
                        <tbody>{ for calls.items.iter().map(call_row) }</tbody>
                    </table></div>
                }
            </article>
            <article class="card">
                <h2>{ w.log_call }</h2>
                if let Some(error) = &*form_failure { <ErrorAlert error={error.clone()} extra={e.not_in(&["number", "direction", "outcome", "duration_seconds", "notes", "contact_id"])} /> }
                <form class="form" novalidate=true {onsubmit} data-testid="call-form">
                    <div class="field-row">
                        <Input form={form.clone()} field="number" id="call-number" label={w.number} kind="tel" errors={e.clone()} required=true />
                        <Select form={form.clone()} field="direction" id="call-direction" label={w.direction} errors={e.clone()} options={w.directions} />
                        <Select form={form.clone()} field="outcome" id="call-outcome" label={w.outcome} errors={e.clone()} options={w.outcomes} />
                        <Input form={form.clone()} field="duration_seconds" id="call-duration" label={w.duration} kind="number" errors={e.clone()} />
                    </div>
                    <ContactPicker form={form.clone()} field="contact_id" id="call-contact" label={w.contact_id} errors={e.clone()} />
                    <TextArea form={form.clone()} field="notes" id="call-notes" label={w.notes} errors={e.clone()} />
                    <button type="submit" class="button button-primary" data-testid="call-submit">{ w.log_call }</button>
                </form>
            </article>
            <article class="card">
                <h2>{ w.dnc_title }</h2>
                <p class="muted">{ w.dnc_lead }</p>
                if dnc.items.is_empty() {
                    <p class="empty" data-testid="dnc-empty">{ w.dnc_empty }</p>
                } else {
                    <ul class="dnc-list" data-testid="dnc-list">
                        { for dnc.items.iter().map(|d| {
                            let remove = remove_dnc.clone();
                            let id = d.id;
                            html! {
                                <li data-testid={format!("dnc-{}", d.id)}>
                                    <code>{ &d.hint }</code>{ " " }
                                    <ConfirmButton label={w.dnc_remove} danger=true question={i18n::fill(w.dnc_remove_question, &[("hint", &d.hint)])}
                                        testid={format!("dnc-{}-remove", d.id)} on_confirm={Callback::from(move |()| remove.emit(id))} />
                                </li>
                            }
                        }) }
                    </ul>
                }
                <form class="form" novalidate=true onsubmit={add_dnc} data-testid="dnc-form">
                    <Input form={dnc_form.clone()} field="number" id="dnc-number" label={w.number} kind="tel" errors={de.clone()} required=true />
                    <button type="submit" class="button button-secondary" data-testid="dnc-submit">{ w.dnc_add }</button>
                </form>
            </article>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn click_to_call_logs_a_planned_outbound_call() {
        let request = dial_request("+32470123467", None);
        assert_eq!(
            (
                request.direction.as_str(),
                request.outcome.as_str(),
                request.duration_seconds
            ),
            ("outbound", "planned", 0)
        );
    }
}
