//! `/projects/:id`: a project's tasks (status changes in place), its time
//! entries with a form to log time, the totals, and the billable time not
//! yet invoiced as draft invoice lines.

use chrono::Local;
use ecom_types::page::Page;
use ecom_types::work::{
    BillableTime, ProjectRequest, ProjectView, TaskRequest, TaskView, TimeEntryRequest,
    TimeEntryView,
};
use uuid::Uuid;
use yew::platform::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

use super::projects::hours;
use crate::api::{self, ApiError};
use crate::components::{Checkbox, ConfirmButton, ErrorAlert, Input, Loading};
use crate::hooks::use_session;
use crate::i18n::{self, work};
use crate::routes::Route;
use crate::state::form::{FieldChanged, FieldErrors, FormValues, CHECKED};

#[derive(Properties, PartialEq)]
pub struct ProjectProps {
    pub id: Uuid,
}

type Loaded = (
    ProjectView,
    Page<TaskView>,
    Page<TimeEntryView>,
    BillableTime,
);

async fn load(api: &api::Api, id: Uuid) -> Result<Loaded, ApiError> {
    Ok((
        api::work::project(api, id).await?,
        api::work::tasks(api, id).await?,
        api::work::time_entries(api, id).await?,
        api::work::billable(api, id).await?,
    ))
}

fn task_request(task: &TaskView, status: &str) -> TaskRequest {
    TaskRequest {
        title: task.title.clone(),
        description: task.description.clone(),
        assignee_id: task.assignee_id,
        due_date: task.due_date,
        status: Some(status.to_owned()),
    }
}

#[function_component]
pub fn Project(props: &ProjectProps) -> Html {
    let w = work::text();
    let session = use_session();
    let me = session.state.me.as_ref().map(|m| m.user.id);
    let id = props.id;
    let version = use_state(|| 0_u32);
    let data = use_state(|| None::<Result<Loaded, ApiError>>);
    {
        let data = data.clone();
        let api = session.api.clone();
        use_effect_with((id, *version), move |(id, _)| {
            let id = *id;
            spawn_local(async move { data.set(Some(load(&api, id).await)) });
        });
    }
    let reload = {
        let version = version.clone();
        Callback::from(move |()| version.set(version.wrapping_add(1)))
    };
    let action_failure = use_state(|| None::<ApiError>);
    let navigator = use_navigator();

    // ---- tasks
    let task_form = use_reducer(|| FormValues::with(&[("assign", CHECKED)]));
    let task_errors = use_state(FieldErrors::default);
    let add_task = {
        let (form, errors, session, reload) = (
            task_form.clone(),
            task_errors.clone(),
            session.clone(),
            reload.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let due_date = match form.optional("due_date") {
                None => None,
                Some(raw) => match chrono::NaiveDate::parse_from_str(&raw, "%Y-%m-%d") {
                    Ok(day) => Some(day),
                    Err(_) => {
                        let mut invalid = FieldErrors::default();
                        invalid.add("due_date", i18n::text().invalid_date);
                        errors.set(invalid);
                        return;
                    }
                },
            };
            let body = TaskRequest {
                title: form.trimmed("title"),
                due_date,
                assignee_id: if form.is_checked("assign") { me } else { None },
                ..TaskRequest::default()
            };
            let (form, errors, session, reload) = (
                form.clone(),
                errors.clone(),
                session.clone(),
                reload.clone(),
            );
            spawn_local(async move {
                match api::work::create_task(&session.api, id, &body).await {
                    Ok(_) => {
                        form.dispatch(FieldChanged {
                            field: "title",
                            value: String::new(),
                        });
                        form.dispatch(FieldChanged {
                            field: "due_date",
                            value: String::new(),
                        });
                        errors.set(FieldErrors::default());
                        reload.emit(());
                    }
                    Err(error) => errors.set(FieldErrors::from_problem(error.field_errors())),
                }
            });
        })
    };
    let set_task_status = {
        let (session, reload, failure) = (session.clone(), reload.clone(), action_failure.clone());
        Callback::from(move |(task, status): (TaskView, String)| {
            let (session, reload, failure) = (session.clone(), reload.clone(), failure.clone());
            spawn_local(async move {
                match api::work::update_task(&session.api, task.id, &task_request(&task, &status))
                    .await
                {
                    Ok(_) => reload.emit(()),
                    Err(error) => failure.set(Some(error)),
                }
            });
        })
    };
    let delete_task = {
        let (session, reload, failure) = (session.clone(), reload.clone(), action_failure.clone());
        Callback::from(move |task: Uuid| {
            let (session, reload, failure) = (session.clone(), reload.clone(), failure.clone());
            spawn_local(async move {
                match api::work::delete_task(&session.api, task).await {
                    Ok(()) => reload.emit(()),
                    Err(error) => failure.set(Some(error)),
                }
            });
        })
    };

    // ---- time
    let today = Local::now().date_naive().format("%Y-%m-%d").to_string();
    let time_form =
        use_reducer(|| FormValues::with(&[("date", today.as_str()), ("billable", CHECKED)]));
    let time_errors = use_state(FieldErrors::default);
    let time_failure = use_state(|| None::<ApiError>);
    let log_time = {
        let (form, errors, failure, session, reload) = (
            time_form.clone(),
            time_errors.clone(),
            time_failure.clone(),
            session.clone(),
            reload.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let mut invalid = FieldErrors::default();
            let date = chrono::NaiveDate::parse_from_str(form.get("date").trim(), "%Y-%m-%d").ok();
            if date.is_none() {
                invalid.add("date", i18n::text().invalid_date);
            }
            let minutes = form.trimmed("minutes").parse::<i64>().ok();
            if minutes.is_none() {
                invalid.add("minutes", work::text().invalid_number);
            }
            let (Some(date), Some(minutes)) = (date, minutes) else {
                errors.set(invalid);
                return;
            };
            let body = TimeEntryRequest {
                project_id: id,
                task_id: form
                    .optional("task_id")
                    .and_then(|t| Uuid::parse_str(&t).ok()),
                user_id: None,
                date,
                minutes,
                description: form.trimmed("description"),
                billable: form.is_checked("billable"),
            };
            let (form, errors, failure, session, reload) = (
                form.clone(),
                errors.clone(),
                failure.clone(),
                session.clone(),
                reload.clone(),
            );
            spawn_local(async move {
                match api::work::create_time_entry(&session.api, &body).await {
                    Ok(_) => {
                        form.dispatch(FieldChanged {
                            field: "minutes",
                            value: String::new(),
                        });
                        form.dispatch(FieldChanged {
                            field: "description",
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
    let delete_entry = {
        let (session, reload, failure) = (session.clone(), reload.clone(), action_failure.clone());
        Callback::from(move |entry: Uuid| {
            let (session, reload, failure) = (session.clone(), reload.clone(), failure.clone());
            spawn_local(async move {
                match api::work::delete_time_entry(&session.api, entry).await {
                    Ok(()) => reload.emit(()),
                    Err(error) => failure.set(Some(error)),
                }
            });
        })
    };
    let set_project_status = {
        let (session, reload, failure) = (session.clone(), reload.clone(), action_failure.clone());
        Callback::from(move |(project, status): (ProjectView, String)| {
            let body = ProjectRequest {
                name: project.name.clone(),
                description: project.description.clone(),
                company_id: project.company_id,
                contact_id: project.contact_id,
                status: Some(status),
                budget_hours: project.budget_hours,
                hourly_rate: project.hourly_rate,
                vat_rate: Some(project.vat_rate),
            };
            let (session, reload, failure) = (session.clone(), reload.clone(), failure.clone());
            spawn_local(async move {
                match api::work::update_project(&session.api, project.id, &body).await {
                    Ok(_) => reload.emit(()),
                    Err(error) => failure.set(Some(error)),
                }
            });
        })
    };
    let delete_project = {
        let (session, failure) = (session.clone(), action_failure.clone());
        Callback::from(move |()| {
            let (session, failure, navigator) =
                (session.clone(), failure.clone(), navigator.clone());
            spawn_local(async move {
                match api::work::delete_project(&session.api, id).await {
                    Ok(()) => {
                        if let Some(nav) = navigator {
                            nav.push(&Route::Projects);
                        }
                    }
                    Err(error) => failure.set(Some(error)),
                }
            });
        })
    };

    let (project, tasks, entries, billable) = match &*data {
        None => return html! { <Loading /> },
        Some(Err(error)) => {
            return html! { <section><ErrorAlert error={error.clone()} testid="project-error" /></section> }
        }
        Some(Ok(loaded)) => loaded.clone(),
    };

    let task_row = |task: &TaskView| {
        let onchange = {
            let set = set_task_status.clone();
            let task = task.clone();
            Callback::from(move |e: Event| {
                let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
                set.emit((task.clone(), select.value()));
            })
        };
        let delete = delete_task.clone();
        let task_id = task.id;
        html! {
            <tr data-testid={format!("task-{}", task.id)}>
                <td data-label={w.title}>{ &task.title }
                    if task.overdue { { " " }<span class="badge badge-danger" data-testid={format!("task-{}-overdue", task.id)}>{ w.overdue }</span> }
                </td>
                <td data-label={w.due_date}>{ task.due_date.as_ref().map(i18n::day).unwrap_or_default() }</td>
                <td data-label={w.status}>
                    <select aria-label={w.status} data-testid={format!("task-{}-status", task.id)} {onchange}>
                        { for w.task_statuses.iter().map(|(value, label)| html! {
                            <option value={*value} selected={task.status == *value}>{ *label }</option>
                        }) }
                    </select>
                </td>
                <td class="actions">
                    <ConfirmButton label={w.delete} danger=true question={i18n::fill(w.delete_question, &[("name", &task.title)])}
                        testid={format!("task-{}-delete", task.id)} on_confirm={Callback::from(move |()| delete.emit(task_id))} />
                </td>
            </tr>
        }
    };
    let task_title = |task: Option<Uuid>| {
        task.and_then(|t| tasks.items.iter().find(|x| x.id == t))
            .map(|t| t.title.clone())
            .unwrap_or_default()
    };
    let entry_row = |entry: &TimeEntryView| {
        let delete = delete_entry.clone();
        let entry_id = entry.id;
        html! {
            <tr data-testid={format!("entry-{}", entry.id)}>
                <td data-label={w.date}>{ i18n::day(&entry.date) }</td>
                <td data-label={w.task}>{ task_title(entry.task_id) }</td>
                <td data-label={w.description}>{ &entry.description }</td>
                <td data-label={w.minutes}>{ entry.minutes }</td>
                <td data-label={w.billable}>
                    if entry.billed_at.is_some() {
                        <span class="badge badge-success">{ format!("{} {}", w.billed, entry.invoice_reference.clone().unwrap_or_default()) }</span>
                    } else if entry.billable {
                        <span class="badge badge-info">{ w.billable }</span>
                    }
                </td>
                <td class="actions">
                    if entry.billed_at.is_none() {
                        <ConfirmButton label={w.delete} danger=true question={i18n::fill(w.delete_question, &[("name", &entry.description)])}
                            testid={format!("entry-{}-delete", entry.id)} on_confirm={Callback::from(move |()| delete.emit(entry_id))} />
                    }
                </td>
            </tr>
        }
    };
    let task_select = {
        let form = time_form.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            form.dispatch(FieldChanged {
                field: "task_id",
                value: select.value(),
            });
        })
    };
    let te = (*time_errors).clone();
    let tk = (*task_errors).clone();
    let current_task = time_form.get("task_id").to_owned();
    html! {
        <section>
            <p><Link<Route> to={Route::Projects}>{ w.back_to_projects }</Link<Route>></p>
            <h1 data-testid="project-name">{ &project.name }</h1>
            <p class="lead">
                <select aria-label={w.status} data-testid="project-status" onchange={{
                    let set = set_project_status.clone();
                    let project = project.clone();
                    Callback::from(move |e: Event| {
                        let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
                        set.emit((project.clone(), select.value()));
                    })
                }}>
                    { for w.project_statuses.iter().map(|(value, label)| html! {
                        <option value={*value} selected={project.status == *value}>{ *label }</option>
                    }) }
                </select>
                { format!(" · {} / h · {} {} %", i18n::money(&project.hourly_rate), w.vat_rate, project.vat_rate) }
            </p>
            if let Some(error) = &*action_failure { <ErrorAlert error={error.clone()} testid="project-action-error" /> }
            <article class="card" data-testid="project-totals">
                <dl class="stats stats-columns">
                    <dt>{ w.hours_booked }</dt><dd data-testid="project-total-hours">{ hours(project.totals.total_minutes) }
                        if let Some(budget) = project.budget_hours { { format!(" / {} h", budget.normalize()) } }</dd>
                    <dt>{ w.billable }</dt><dd>{ hours(project.totals.billable_minutes) }</dd>
                    <dt>{ w.unbilled }</dt><dd data-testid="project-unbilled-hours">{ hours(project.totals.unbilled_minutes) }</dd>
                    <dt>{ w.billed }</dt><dd>{ hours(project.totals.billed_minutes) }</dd>
                </dl>
            </article>
            <article class="card">
                <h2>{ w.tasks }</h2>
                if tasks.items.is_empty() {
                    <p class="empty" data-testid="tasks-empty">{ w.empty }</p>
                } else {
                    <div class="table-wrap"><table class="table" data-testid="tasks-table">
                        <thead><tr><th scope="col">{ w.title }</th><th scope="col">{ w.due_date }</th><th scope="col">{ w.status }</th><th scope="col"></th></tr></thead>
                        <tbody>{ for tasks.items.iter().map(task_row) }</tbody>
                    </table></div>
                }
                <form class="form" novalidate=true onsubmit={add_task} data-testid="task-form">
                    <div class="field-row">
                        <Input form={task_form.clone()} field="title" id="task-title" label={w.new_task} errors={tk.clone()} required=true />
                        <Input form={task_form.clone()} field="due_date" id="task-due-date" label={w.due_date} kind="date" errors={tk.clone()} />
                    </div>
                    <Checkbox form={task_form.clone()} field="assign" id="task-assign" label={w.assign_to_me} errors={tk.clone()} />
                    <button type="submit" class="button button-primary" data-testid="task-submit">{ w.save }</button>
                </form>
            </article>
            <article class="card">
                <h2>{ w.time }</h2>
                if let Some(error) = &*time_failure { <ErrorAlert error={error.clone()} extra={te.not_in(&["date", "minutes", "description", "task_id"])} /> }
                <form class="form" novalidate=true onsubmit={log_time} data-testid="time-form">
                    <div class="field-row">
                        <Input form={time_form.clone()} field="date" id="time-date" label={w.date} kind="date" errors={te.clone()} required=true />
                        <Input form={time_form.clone()} field="minutes" id="time-minutes" label={w.minutes} kind="number" errors={te.clone()} required=true />
                        <div class={classes!("field", te.get("task_id").is_some().then_some("has-error"))}>
                            <label for="time-task">{ w.task }</label>
                            <select id="time-task" data-testid="time-task" onchange={task_select}>
                                <option value="" selected={current_task.is_empty()}>{ w.none }</option>
                                { for tasks.items.iter().map(|t| html! {
                                    <option value={t.id.to_string()} selected={current_task == t.id.to_string()}>{ &t.title }</option>
                                }) }
                            </select>
                            if let Some(message) = te.get("task_id") { <p class="field-error" data-testid="time-task-error">{ message }</p> }
                        </div>
                    </div>
                    <Input form={time_form.clone()} field="description" id="time-description" label={w.description} errors={te.clone()} required=true />
                    <Checkbox form={time_form.clone()} field="billable" id="time-billable" label={w.billable} errors={te.clone()} />
                    <button type="submit" class="button button-primary" data-testid="time-submit">{ w.log_time }</button>
                </form>
                if !entries.items.is_empty() {
                    <div class="table-wrap"><table class="table" data-testid="entries-table">
                        <thead><tr><th scope="col">{ w.date }</th><th scope="col">{ w.task }</th><th scope="col">{ w.description }</th>
                            <th scope="col">{ w.minutes }</th><th scope="col">{ w.billable }</th><th scope="col"></th></tr></thead>
                        <tbody>{ for entries.items.iter().map(entry_row) }</tbody>
                    </table></div>
                }
            </article>
            <article class="card" data-testid="billable">
                <h2>{ w.billable_title }</h2>
                if billable.lines.is_empty() {
                    <p class="empty" data-testid="billable-empty">{ w.nothing_billable }</p>
                } else {
                    <div class="table-wrap"><table class="table" data-testid="billable-table">
                        <thead><tr><th scope="col">{ w.description }</th><th scope="col">{ w.quantity_hours }</th><th scope="col">{ w.unit_price }</th><th scope="col">{ w.vat_rate }</th><th scope="col">{ w.amount }</th></tr></thead>
                        <tbody>{ for billable.lines.iter().map(|l| html! {
                            <tr><td>{ &l.description }</td><td>{ l.quantity.normalize().to_string() }</td><td>{ i18n::money(&l.unit_price) }</td>
                                <td>{ format!("{} %", l.vat_rate) }</td><td>{ i18n::money(&l.net_amount) }</td></tr>
                        }) }</tbody>
                        <tfoot><tr><th scope="row" colspan="4">{ w.total }</th><td data-testid="billable-total">{ i18n::money(&billable.total_net) }</td></tr></tfoot>
                    </table></div>
                }
            </article>
            <ConfirmButton label={w.delete} danger=true question={i18n::fill(w.delete_question, &[("name", &project.name)])}
                testid="project-delete" on_confirm={delete_project} />
        </section>
    }
}
