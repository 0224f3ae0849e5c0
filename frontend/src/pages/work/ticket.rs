//! `/tickets/:id`: a ticket with its SLA badges, status and priority, the
//! conversation (internal notes marked and set apart) and a reply form.

use ecom_types::work::{TicketMessageList, TicketMessageRequest, TicketRequest, TicketView};
use uuid::Uuid;
use yew::platform::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

use super::tickets::sla_badge;
use crate::api::{self, ApiError};
use crate::components::{Checkbox, ConfirmButton, ErrorAlert, Loading, TextArea};
use crate::hooks::use_session;
use crate::i18n::{self, work};
use crate::routes::Route;
use crate::state::form::{FieldChanged, FieldErrors, FormValues};

#[derive(Properties, PartialEq)]
pub struct TicketProps {
    pub id: Uuid,
}

type Loaded = (TicketView, TicketMessageList);

fn request(t: &TicketView, status: &str, priority: &str) -> TicketRequest {
    TicketRequest {
        subject: t.subject.clone(),
        description: t.description.clone(),
        requester_id: t.requester_id,
        status: Some(status.to_owned()),
        priority: Some(priority.to_owned()),
        assignee_id: t.assignee_id,
    }
}

#[function_component]
pub fn Ticket(props: &TicketProps) -> Html {
    let w = work::text();
    let session = use_session();
    let id = props.id;
    let version = use_state(|| 0_u32);
    let data = use_state(|| None::<Result<Loaded, ApiError>>);
    {
        let (data, api) = (data.clone(), session.api.clone());
        use_effect_with((id, *version), move |(id, _)| {
            let id = *id;
            spawn_local(async move {
                let loaded = async {
                    Ok((
                        api::work::ticket(&api, id).await?,
                        api::work::ticket_messages(&api, id).await?,
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
    let form = use_reducer(FormValues::default);
    let errors = use_state(FieldErrors::default);
    let navigator = use_navigator();

    let onsubmit = {
        let (form, errors, failure, session, reload) = (
            form.clone(),
            errors.clone(),
            failure.clone(),
            session.clone(),
            reload.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let body = TicketMessageRequest {
                body: form.get("body").trim().to_owned(),
                internal: form.is_checked("internal"),
            };
            let (form, errors, failure, session, reload) = (
                form.clone(),
                errors.clone(),
                failure.clone(),
                session.clone(),
                reload.clone(),
            );
            spawn_local(async move {
                match api::work::reply(&session.api, id, &body).await {
                    Ok(_) => {
                        form.dispatch(FieldChanged {
                            field: "body",
                            value: String::new(),
                        });
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
    let change = {
        let (session, reload, failure) = (session.clone(), reload.clone(), failure.clone());
        Callback::from(move |body: TicketRequest| {
            let (session, reload, failure) = (session.clone(), reload.clone(), failure.clone());
            spawn_local(async move {
                match api::work::update_ticket(&session.api, id, &body).await {
                    Ok(_) => reload.emit(()),
                    Err(error) => failure.set(Some(error)),
                }
            });
        })
    };
    let delete = {
        let (session, failure) = (session.clone(), failure.clone());
        Callback::from(move |()| {
            let (session, failure, navigator) =
                (session.clone(), failure.clone(), navigator.clone());
            spawn_local(async move {
                match api::work::delete_ticket(&session.api, id).await {
                    Ok(()) => {
                        if let Some(nav) = navigator {
                            nav.push(&Route::Tickets);
                        }
                    }
                    Err(error) => failure.set(Some(error)),
                }
            });
        })
    };

    let (ticket, messages) = match &*data {
        None => return html! { <Loading /> },
        Some(Err(error)) => {
            return html! { <section><ErrorAlert error={error.clone()} testid="ticket-error" /></section> }
        }
        Some(Ok(loaded)) => loaded.clone(),
    };
    let select = |field: &'static str,
                  options: &'static [(&'static str, &'static str)],
                  current: &str| {
        let change = change.clone();
        let t = ticket.clone();
        let onchange = Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            let value = select.value();
            change.emit(if field == "status" {
                request(&t, &value, &t.priority)
            } else {
                request(&t, &t.status, &value)
            });
        });
        html! {
            <div class="field">
                <label for={format!("ticket-{field}")}>{ if field == "status" { w.status } else { w.priority } }</label>
                <select id={format!("ticket-{field}")} data-testid={format!("ticket-{field}")} {onchange}>
                    { for options.iter().map(|(value, label)| html! { <option value={*value} selected={current == *value}>{ *label }</option> }) }
                </select>
            </div>
        }
    };
    let me = session.state.me.as_ref().map(|m| m.user.id);
    let assign_to_me = {
        let change = change.clone();
        let t = ticket.clone();
        Callback::from(move |_| {
            let mut body = request(&t, &t.status, &t.priority);
            body.assignee_id = me;
            change.emit(body);
        })
    };
    let e = (*errors).clone();
    html! {
        <section>
            <p><Link<Route> to={Route::Tickets}>{ w.back_to_tickets }</Link<Route>></p>
            <h1 data-testid="ticket-subject">{ &ticket.subject }</h1>
            <p class="lead">
                { sla_badge(w.first_response, &ticket.sla.first_response, "ticket-sla-first".into()) }{ " " }
                { sla_badge(w.resolution, &ticket.sla.resolution, "ticket-sla-resolution".into()) }
            </p>
            if let Some(error) = &*failure { <ErrorAlert error={error.clone()} extra={e.not_in(&["body"])} testid="ticket-action-error" /> }
            <article class="card">
                <div class="field-row">
                    { select("status", w.ticket_statuses, &ticket.status) }
                    { select("priority", w.priorities, &ticket.priority) }
                </div>
                if me.is_some() && ticket.assignee_id != me {
                    <button type="button" class="button button-secondary button-small" data-testid="ticket-assign-me" onclick={assign_to_me}>{ w.assign_to_me }</button>
                }
                if let Some(description) = &ticket.description { <p class="pre-wrap" data-testid="ticket-description">{ description }</p> }
            </article>
            <article class="card">
                <h2>{ w.conversation }</h2>
                if messages.items.is_empty() {
                    <p class="empty" data-testid="ticket-messages-empty">{ w.no_messages }</p>
                } else {
                    <ol class="messages" data-testid="ticket-messages">
                        { for messages.items.iter().map(|m| html! {
                            <li class={classes!("message", m.internal.then_some("message-internal"))}
                                data-testid={format!("message-{}", m.id)} data-internal={m.internal.to_string()}>
                                <p class="muted small">
                                    { i18n::date_time(&m.created_at) }
                                    if m.internal { { " · " }<span class="badge badge-warning">{ w.internal_note }</span> }
                                </p>
                                <p class="pre-wrap">{ &m.body }</p>
                            </li>
                        }) }
                    </ol>
                }
                <form class="form" novalidate=true {onsubmit} data-testid="reply-form">
                    <TextArea form={form.clone()} field="body" id="reply-body" label={w.message} errors={e.clone()} required=true rows={4} />
                    <Checkbox form={form.clone()} field="internal" id="reply-internal" label={w.internal_note} errors={e.clone()} />
                    <p class="hint">{ w.internal_note_hint }</p>
                    <button type="submit" class="button button-primary" data-testid="reply-submit">
                        { if form.is_checked("internal") { w.internal_note } else { w.send } }
                    </button>
                </form>
            </article>
            <ConfirmButton label={w.delete} danger=true question={i18n::fill(w.delete_question, &[("name", &ticket.subject)])}
                testid="ticket-delete" on_confirm={delete} />
        </section>
    }
}
