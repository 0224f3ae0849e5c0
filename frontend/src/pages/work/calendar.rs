//! `/calendar`: the events of a week or a month as a list by day, a form to
//! create or edit an event, and the private iCalendar feed address.

use chrono::{Duration, Local, NaiveDate};
use ecom_types::work::{EventRequest, EventView, FeedTokenView};
use uuid::Uuid;
use yew::platform::spawn_local;
use yew::prelude::*;

use super::{fill_form, local_midnight, parse_local, shift, visible_days, Span};
use crate::api::{self, ApiError};
use crate::components::{
    Checkbox, ConfirmButton, ContactPicker, CopyBox, ErrorAlert, Input, Loading, TextArea,
};
use crate::hooks::use_session;
use crate::i18n::{self, work};
use crate::state::form::{FieldErrors, FormValues, CHECKED};

const FIELDS: &[&str] = &[
    "title",
    "all_day",
    "date",
    "start",
    "end",
    "end_date",
    "location",
    "description",
    "attend",
    "contact_id",
];

fn empty_form() -> FormValues {
    FormValues::with(&[("start", "09:00"), ("end", "10:00"), ("attend", CHECKED)])
}

/// The request from the form; `Err` names the field with an unreadable date
/// or time. `others` are the attendees besides the person (kept on edit).
fn request(
    form: &FormValues,
    me: Option<Uuid>,
    others: &[Uuid],
) -> Result<EventRequest, &'static str> {
    let mut attendees: Vec<Uuid> = others.iter().copied().filter(|a| Some(*a) != me).collect();
    if form.is_checked("attend") {
        attendees.extend(me);
    }
    let all_day = form.is_checked("all_day");
    let mut body = EventRequest {
        title: form.trimmed("title"),
        description: form.optional("description"),
        location: form.optional("location"),
        all_day,
        attendee_ids: attendees,
        ..EventRequest::default()
    };
    if let Some(raw) = form.optional("contact_id") {
        body.contact_id = Some(Uuid::parse_str(&raw).map_err(|_| "contact_id")?);
    }
    if all_day {
        body.start_date = NaiveDate::parse_from_str(&form.trimmed("date"), "%Y-%m-%d").ok();
        if body.start_date.is_none() {
            return Err("date");
        }
        body.end_date = form
            .optional("end_date")
            .and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
    } else {
        body.starts_at = Some(parse_local(form.get("date"), form.get("start")).ok_or("start")?);
        body.ends_at = Some(parse_local(form.get("date"), form.get("end")).ok_or("end")?);
    }
    Ok(body)
}

/// The form's values for an existing event.
fn values_of(event: &EventView, me: Option<Uuid>) -> Vec<(&'static str, String)> {
    let start = event.starts_at.with_timezone(&Local);
    let end = event.ends_at.with_timezone(&Local);
    vec![
        ("title", event.title.clone()),
        (
            "all_day",
            if event.all_day {
                CHECKED.into()
            } else {
                String::new()
            },
        ),
        (
            "date",
            event
                .start_date
                .unwrap_or(start.date_naive())
                .format("%Y-%m-%d")
                .to_string(),
        ),
        ("start", start.format("%H:%M").to_string()),
        ("end", end.format("%H:%M").to_string()),
        (
            "end_date",
            event
                .end_date
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
        ),
        ("location", event.location.clone().unwrap_or_default()),
        ("description", event.description.clone().unwrap_or_default()),
        (
            "contact_id",
            event.contact_id.map(|c| c.to_string()).unwrap_or_default(),
        ),
        (
            "attend",
            if me.is_some_and(|me| event.attendee_ids.contains(&me)) {
                CHECKED.into()
            } else {
                String::new()
            },
        ),
    ]
}

#[function_component]
pub fn Calendar() -> Html {
    let w = work::text();
    let session = use_session();
    let me = session.state.me.as_ref().map(|m| m.user.id);
    let span = use_state(|| Span::Week);
    let anchor = use_state(|| Local::now().date_naive());
    let version = use_state(|| 0_u32);
    let events = use_state(|| None::<Result<Vec<EventView>, ApiError>>);
    {
        let events = events.clone();
        let api = session.api.clone();
        use_effect_with((*span, *anchor, *version), move |(span, anchor, _)| {
            let (first, after) = visible_days(*span, *anchor);
            let (from, to) = (
                local_midnight(first).to_rfc3339(),
                local_midnight(after).to_rfc3339(),
            );
            spawn_local(async move { events.set(Some(api::work::events(&api, &from, &to).await)) });
        });
    }
    let reload = {
        let version = version.clone();
        Callback::from(move |()| version.set(version.wrapping_add(1)))
    };

    let form = use_reducer(empty_form);
    let errors = use_state(FieldErrors::default);
    let failure = use_state(|| None::<ApiError>);
    // The event being edited and its attendees.
    let editing = use_state(|| None::<(Uuid, Vec<Uuid>)>);
    let busy = use_state(|| false);
    let feed = use_state(|| None::<Result<FeedTokenView, ApiError>>);
    // The Administrator may list the users and invite colleagues; a User
    // (who may not list users) only says whether they attend.
    let administrator = session.state.is_administrator();
    let colleagues = use_state(Vec::<(Uuid, String)>::new);
    let chosen = use_state(Vec::<Uuid>::new);
    {
        let colleagues = colleagues.clone();
        let api = session.api.clone();
        use_effect_with(administrator, move |administrator| {
            if *administrator {
                spawn_local(async move {
                    if let Ok(list) = api::users::list(&api).await {
                        colleagues.set(
                            list.items
                                .into_iter()
                                .filter(|u| Some(u.id) != me && u.status == "active")
                                .map(|u| (u.id, format!("{} {}", u.first_name, u.last_name)))
                                .collect(),
                        );
                    }
                });
            }
        });
    }

    let reset = {
        let form = form.clone();
        let editing = editing.clone();
        let errors = errors.clone();
        let failure = failure.clone();
        let chosen = chosen.clone();
        Callback::from(move |()| {
            chosen.set(Vec::new());
            let blank = empty_form();
            fill_form(
                &form,
                &FIELDS
                    .iter()
                    .map(|f| (*f, blank.get(f).to_owned()))
                    .collect::<Vec<_>>(),
            );
            editing.set(None);
            errors.set(FieldErrors::default());
            failure.set(None);
        })
    };

    let onsubmit = {
        let form = form.clone();
        let errors = errors.clone();
        let failure = failure.clone();
        let editing = editing.clone();
        let busy = busy.clone();
        let session = session.clone();
        let reload = reload.clone();
        let reset = reset.clone();
        let chosen = chosen.clone();
        let pick_colleagues = administrator && !colleagues.is_empty();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let others = if pick_colleagues {
                (*chosen).clone()
            } else {
                editing
                    .as_ref()
                    .map(|(_, attendees)| attendees.clone())
                    .unwrap_or_default()
            };
            let body = match request(&form, me, &others) {
                Ok(body) => body,
                Err(field) => {
                    let mut invalid = FieldErrors::default();
                    let w = work::text();
                    invalid.add(
                        field,
                        if field == "contact_id" {
                            w.contact_id_hint
                        } else {
                            w.invalid_time
                        },
                    );
                    errors.set(invalid);
                    return;
                }
            };
            let (errors, failure, busy, session, reload, reset, editing) = (
                errors.clone(),
                failure.clone(),
                busy.clone(),
                session.clone(),
                reload.clone(),
                reset.clone(),
                editing.as_ref().map(|(id, _)| *id),
            );
            busy.set(true);
            spawn_local(async move {
                let result = match editing {
                    Some(id) => api::work::update_event(&session.api, id, &body).await,
                    None => api::work::create_event(&session.api, &body).await,
                };
                match result {
                    Ok(_) => {
                        reset.emit(());
                        reload.emit(());
                    }
                    Err(error) => {
                        // The server names starts_at/ends_at/start_date; show them at the inputs.
                        let mut shown = FieldErrors::from_problem(error.field_errors());
                        for (server, input) in [
                            ("starts_at", "start"),
                            ("ends_at", "end"),
                            ("start_date", "date"),
                        ] {
                            if let Some(message) = shown.get(server) {
                                shown.add(input, &message);
                            }
                        }
                        errors.set(shown);
                        failure.set(Some(error));
                    }
                }
                busy.set(false);
            });
        })
    };

    let delete = {
        let session = session.clone();
        let reload = reload.clone();
        let failure = failure.clone();
        Callback::from(move |id: Uuid| {
            let (session, reload, failure) = (session.clone(), reload.clone(), failure.clone());
            spawn_local(async move {
                match api::work::delete_event(&session.api, id).await {
                    Ok(()) => reload.emit(()),
                    Err(error) => failure.set(Some(error)),
                }
            });
        })
    };

    let create_feed = {
        let session = session.clone();
        let feed = feed.clone();
        Callback::from(move |_| {
            let (session, feed) = (session.clone(), feed.clone());
            spawn_local(async move { feed.set(Some(api::work::feed_token(&session.api).await)) });
        })
    };

    let (first, after) = visible_days(*span, *anchor);
    let nav = |by: i32| {
        let anchor = anchor.clone();
        let span = *span;
        Callback::from(move |_| anchor.set(shift(span, *anchor, by)))
    };
    let set_span = |to: Span| {
        let span = span.clone();
        Callback::from(move |_| span.set(to))
    };
    let today = {
        let anchor = anchor.clone();
        Callback::from(move |_| anchor.set(Local::now().date_naive()))
    };

    let event_row = |event: &EventView| {
        let when = if event.all_day {
            w.all_day.to_owned()
        } else {
            format!(
                "{} – {}",
                event.starts_at.with_timezone(&Local).format("%H:%M"),
                event.ends_at.with_timezone(&Local).format("%H:%M")
            )
        };
        let edit = {
            let form = form.clone();
            let editing = editing.clone();
            let values = values_of(event, me);
            let target = (event.id, event.attendee_ids.clone());
            let chosen = chosen.clone();
            Callback::from(move |_| {
                chosen.set(
                    target
                        .1
                        .iter()
                        .copied()
                        .filter(|a| Some(*a) != me)
                        .collect(),
                );
                fill_form(&form, &values);
                editing.set(Some(target.clone()));
            })
        };
        let delete = delete.clone();
        let id = event.id;
        html! {
            <li class="event" data-testid={format!("event-{}", event.id)}>
                <span class="muted small">{ when }</span>{ " " }
                <strong>{ &event.title }</strong>
                if let Some(location) = &event.location { <span class="muted">{ format!(" · {location}") }</span> }
                <span class="actions">
                    <button type="button" class="button button-secondary button-small" data-testid={format!("event-{}-edit", event.id)} onclick={edit}>{ w.edit }</button>
                    <ConfirmButton label={w.delete} danger=true question={i18n::fill(w.delete_question, &[("name", &event.title)])}
                        testid={format!("event-{}-delete", event.id)} on_confirm={Callback::from(move |()| delete.emit(id))} />
                </span>
            </li>
        }
    };

    let list = match &*events {
        None => html! { <Loading /> },
        Some(Err(error)) => html! { <ErrorAlert error={error.clone()} testid="calendar-error" /> },
        Some(Ok(items)) if items.is_empty() => {
            html! { <p class="empty" data-testid="calendar-empty">{ w.no_events }</p> }
        }
        Some(Ok(items)) => {
            let mut days = Vec::new();
            let mut day = first;
            while day < after {
                let start = local_midnight(day);
                let end = local_midnight(day + Duration::days(1));
                let on_day: Vec<&EventView> = items
                    .iter()
                    .filter(|e| e.starts_at < end && e.ends_at > start)
                    .collect();
                if !on_day.is_empty() {
                    days.push(html! {
                        <li class="calendar-day" data-testid={format!("day-{day}")}>
                            <h3>{ i18n::day(&day) }</h3>
                            <ul class="events">{ for on_day.into_iter().map(event_row) }</ul>
                        </li>
                    });
                }
                day += Duration::days(1);
            }
            html! { <ol class="calendar-list" data-testid="calendar-list">{ for days }</ol> }
        }
    };

    let e = (*errors).clone();
    let all_day = form.is_checked("all_day");
    let cancel_edit = {
        let reset = reset.clone();
        Callback::from(move |_| reset.emit(()))
    };
    let span_class = |s: Span| {
        classes!(
            "button",
            "button-small",
            if *span == s {
                "button-primary"
            } else {
                "button-secondary"
            }
        )
    };
    html! {
        <section>
            <h1>{ w.calendar_title }</h1>
            <p class="lead">{ w.calendar_lead }</p>
            <article class="card">
                <div class="toolbar">
                    <button type="button" class={span_class(Span::Week)} data-testid="calendar-week" onclick={set_span(Span::Week)}>{ w.week }</button>
                    <button type="button" class={span_class(Span::Month)} data-testid="calendar-month" onclick={set_span(Span::Month)}>{ w.month }</button>
                    <button type="button" class="button button-secondary button-small" data-testid="calendar-previous" onclick={nav(-1)}>{ w.previous }</button>
                    <button type="button" class="button button-secondary button-small" data-testid="calendar-today" onclick={today}>{ w.today }</button>
                    <button type="button" class="button button-secondary button-small" data-testid="calendar-next" onclick={nav(1)}>{ w.next }</button>
                    <strong data-testid="calendar-range">{ format!("{} – {}", i18n::day(&first), i18n::day(&(after - Duration::days(1)))) }</strong>
                </div>
                { list }
            </article>
            <article class="card">
                <h2>{ if editing.is_some() { w.edit_event } else { w.new_event } }</h2>
                if let Some(error) = &*failure {
                    <ErrorAlert error={error.clone()} extra={e.not_in(&["title", "date", "start", "end", "end_date", "location", "description", "contact_id", "starts_at", "ends_at", "start_date"])} />
                }
                <form class="form" novalidate=true {onsubmit} data-testid="event-form">
                    <Input form={form.clone()} field="title" id="event-title" label={w.title} errors={e.clone()} required=true />
                    <Checkbox form={form.clone()} field="all_day" id="event-all-day" label={w.all_day} errors={e.clone()} />
                    <div class="field-row">
                        <Input form={form.clone()} field="date" id="event-date" label={w.date} kind="date" errors={e.clone()} required=true />
                        if all_day {
                            <Input form={form.clone()} field="end_date" id="event-end-date" label={w.end_date} kind="date" errors={e.clone()} />
                        } else {
                            <Input form={form.clone()} field="start" id="event-start" label={w.start_time} kind="time" errors={e.clone()} required=true />
                            <Input form={form.clone()} field="end" id="event-end" label={w.end_time} kind="time" errors={e.clone()} required=true />
                        }
                    </div>
                    <Input form={form.clone()} field="location" id="event-location" label={w.location} errors={e.clone()} />
                    <TextArea form={form.clone()} field="description" id="event-description" label={w.description} errors={e.clone()} />
                    <ContactPicker form={form.clone()} field="contact_id" id="event-contact" label={w.contact_id} errors={e.clone()} />
                    <Checkbox form={form.clone()} field="attend" id="event-attend" label={w.attend_myself} errors={e.clone()} />
                    if administrator && !colleagues.is_empty() {
                        <fieldset class="field" data-testid="event-colleagues">
                            <legend>{ w.attend_colleagues }</legend>
                            { for colleagues.iter().map(|(id, name)| {
                                let id = *id;
                                let checked = chosen.contains(&id);
                                let toggle = {
                                    let chosen = chosen.clone();
                                    Callback::from(move |_: Event| {
                                        let mut list = (*chosen).clone();
                                        if let Some(at) = list.iter().position(|c| *c == id) {
                                            list.remove(at);
                                        } else {
                                            list.push(id);
                                        }
                                        chosen.set(list);
                                    })
                                };
                                html! {
                                    <label class="checkbox">
                                        <input type="checkbox" data-testid={format!("event-attendee-{id}")} checked={checked} onchange={toggle} />
                                        { " " }{ name }
                                    </label>
                                }
                            }) }
                        </fieldset>
                    }
                    <button type="submit" class="button button-primary" data-testid="event-submit" disabled={*busy}>{ w.save }</button>
                    if editing.is_some() {
                        { " " }<button type="button" class="button button-secondary" data-testid="event-cancel" onclick={cancel_edit}>{ w.cancel }</button>
                    }
                </form>
            </article>
            <article class="card">
                <h2>{ w.feed_title }</h2>
                <p>{ w.feed_lead }</p>
                { match &*feed {
                    Some(Ok(token)) => {
                        let origin = web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default();
                        html! { <CopyBox id="calendar-feed-url" label={w.feed_address} value={format!("{origin}{}", token.path)} /> }
                    }
                    Some(Err(error)) => html! { <ErrorAlert error={error.clone()} testid="calendar-feed-error" /> },
                    None => html! {},
                } }
                <button type="button" class="button button-secondary" data-testid="calendar-feed-create" onclick={create_feed}>{ w.feed_create }</button>
            </article>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editing_keeps_the_other_attendees_and_toggles_the_person() {
        let (me, colleague) = (Uuid::from_u128(1), Uuid::from_u128(2));
        let mut values = FormValues::with(&[
            ("title", "Kick-off"),
            ("date", "2026-12-01"),
            ("start", "09:00"),
            ("end", "10:00"),
        ]);
        let body = request(&values, Some(me), &[colleague, me]).expect("valid");
        assert_eq!(body.attendee_ids, vec![colleague]);
        values = values.apply(crate::state::form::FieldChanged {
            field: "attend",
            value: CHECKED.into(),
        });
        let body = request(&values, Some(me), &[colleague]).expect("valid");
        assert_eq!(body.attendee_ids, vec![colleague, me]);
        assert!(body.starts_at.is_some() && body.start_date.is_none());
        let linked = values.apply(crate::state::form::FieldChanged {
            field: "contact_id",
            value: "not an id".into(),
        });
        assert_eq!(request(&linked, Some(me), &[]).err(), Some("contact_id"));
        values = values.apply(crate::state::form::FieldChanged {
            field: "start",
            value: "9h".into(),
        });
        assert_eq!(request(&values, Some(me), &[]).err(), Some("start"));
    }

    #[test]
    fn all_day_events_send_dates() {
        let values = FormValues::with(&[
            ("title", "Holiday"),
            ("all_day", CHECKED),
            ("date", "2026-12-24"),
            ("end_date", "2026-12-26"),
        ]);
        let body = request(&values, None, &[]).expect("valid");
        assert_eq!(body.start_date, NaiveDate::from_ymd_opt(2026, 12, 24));
        assert_eq!(body.end_date, NaiveDate::from_ymd_opt(2026, 12, 26));
        assert!(body.starts_at.is_none());
    }
}
