//! `/operator/prospects`: the operator's prospects (marketing contacts
//! without an account). Search and a status filter, pages, a new prospect,
//! edit (with "there was an interaction today", which restarts the two-year
//! retention period), "not interested" (suppression list, erased by the next
//! sweep) and erase now, both behind a confirm dialog. Each row shows the
//! day the retention sweep erases it.

use std::rc::Rc;

use ecom_types::page::Page;
use ecom_types::prospects::{
    ProspectRequest, ProspectSource, ProspectStatus, ProspectUpdate, ProspectView,
};
use uuid::Uuid;
use yew::platform::spawn_local;
use yew::prelude::*;

use super::crm::query_string;
use crate::api::{self, ApiError};
use crate::components::{
    Alert, AlertKind, Checkbox, ConfirmButton, ErrorAlert, Input, Loading, Select, TextArea,
};
use crate::hooks::{use_session, Load};
use crate::i18n::{self, prospects as strings};
use crate::state::form::{FieldErrors, FormValues};

const FIELDS: &[&str] = &[
    "email",
    "full_name",
    "phone",
    "company",
    "interest_notes",
    "source",
    "record_interaction",
];

fn form_of(prospect: &ProspectView) -> FormValues {
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    FormValues::with(&[
        ("email", prospect.email.as_str()),
        ("full_name", opt(&prospect.full_name).as_str()),
        ("phone", opt(&prospect.phone).as_str()),
        ("company", opt(&prospect.company).as_str()),
        ("interest_notes", opt(&prospect.interest_notes).as_str()),
        ("source", prospect.source.as_str()),
    ])
}

fn display_name(prospect: &ProspectView) -> String {
    prospect
        .full_name
        .clone()
        .unwrap_or_else(|| prospect.email.clone())
}

#[derive(Properties, PartialEq)]
struct FormProps {
    #[prop_or_default]
    prospect: Option<ProspectView>,
    on_saved: Callback<ProspectView>,
    /// Opens the prospect a duplicate e-mail address belongs to.
    on_open: Callback<Uuid>,
}

/// Create or edit, with the API's field errors inline.
#[function_component]
fn ProspectForm(props: &FormProps) -> Html {
    let t = strings::text();
    let session = use_session();
    let initial = props.prospect.clone();
    let form = use_reducer(move || {
        initial
            .as_ref()
            .map(form_of)
            .unwrap_or_else(|| FormValues::with(&[("source", "kbo")]))
    });
    let errors = use_state(FieldErrors::default);
    let failure = use_state(|| None::<ApiError>);
    let busy = use_state(|| false);
    let saved = use_state(|| false);
    let existing = use_state(|| None::<Uuid>);
    let onsubmit = {
        let (form, errors, failure, busy, saved, existing) = (
            form.clone(),
            errors.clone(),
            failure.clone(),
            busy.clone(),
            saved.clone(),
            existing.clone(),
        );
        let (session, on_saved, id) = (
            session.clone(),
            props.on_saved.clone(),
            props.prospect.as_ref().map(|p| p.id),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let source = ProspectSource::parse(form.get("source")).unwrap_or(ProspectSource::Other);
            let (errors, failure, busy, saved, existing, session, on_saved) = (
                errors.clone(),
                failure.clone(),
                busy.clone(),
                saved.clone(),
                existing.clone(),
                session.clone(),
                on_saved.clone(),
            );
            let create = ProspectRequest {
                email: form.trimmed("email"),
                full_name: form.optional("full_name"),
                phone: form.optional("phone"),
                company: form.optional("company"),
                interest_notes: form.optional("interest_notes"),
                source,
            };
            // An edit sends every field: an empty one clears it.
            let update = ProspectUpdate {
                email: Some(form.trimmed("email")),
                full_name: Some(form.trimmed("full_name")),
                phone: Some(form.trimmed("phone")),
                company: Some(form.trimmed("company")),
                interest_notes: Some(form.trimmed("interest_notes")),
                source: Some(source),
                record_interaction: form.is_checked("record_interaction"),
            };
            busy.set(true);
            saved.set(false);
            spawn_local(async move {
                let outcome = match id {
                    Some(id) => api::prospects::update(&session.api, id, &update).await,
                    None => api::prospects::create(&session.api, &create).await,
                };
                busy.set(false);
                match outcome {
                    Ok(prospect) => {
                        errors.set(FieldErrors::default());
                        failure.set(None);
                        existing.set(None);
                        saved.set(true);
                        on_saved.emit(prospect);
                    }
                    Err(refusal) => {
                        errors.set(FieldErrors::from_problem(refusal.error.field_errors()));
                        existing.set(refusal.existing_id);
                        failure.set(Some(refusal.error));
                    }
                }
            });
        })
    };
    let e = (*errors).clone();
    let open_existing = (*existing).map(|id| {
        let on_open = props.on_open.clone();
        Callback::from(move |_: MouseEvent| on_open.emit(id))
    });
    let editing = props.prospect.is_some();
    html! {
        <form class="form" novalidate=true {onsubmit} data-testid="prospect-form">
            if let Some(error) = &*failure {
                <ErrorAlert error={error.clone()} extra={e.not_in(FIELDS)} testid="prospect-form-error" />
                if let Some(open) = open_existing {
                    <button type="button" class="button button-secondary" data-testid="prospect-open-existing"
                        onclick={open}>{ t.open_duplicate }</button>
                }
            }
            if *saved && editing {
                <Alert kind={AlertKind::Success} testid="prospect-saved"><p>{ t.saved }</p></Alert>
            }
            <div class="field-row">
                <Input form={form.clone()} field="email" id="prospect-email" label={t.email} kind="email" errors={e.clone()} required=true />
                <Input form={form.clone()} field="full_name" id="prospect-name" label={t.full_name} errors={e.clone()} />
            </div>
            <div class="field-row">
                <Input form={form.clone()} field="phone" id="prospect-phone" label={t.phone} kind="tel" errors={e.clone()} hint={t.phone_hint} />
                <Input form={form.clone()} field="company" id="prospect-company" label={t.company} errors={e.clone()} />
                <Select form={form.clone()} field="source" id="prospect-source" label={t.source} errors={e.clone()} options={t.sources} required=true />
            </div>
            <TextArea form={form.clone()} field="interest_notes" id="prospect-notes" label={t.interest_notes} errors={e.clone()} />
            if editing {
                <Checkbox form={form.clone()} field="record_interaction" id="prospect-record-interaction" label={t.record_interaction} errors={e.clone()} />
                <p class="hint">{ t.record_interaction_hint }</p>
            }
            <button type="submit" class="button button-primary" data-testid="prospect-submit" disabled={*busy}>
                { if editing { t.save } else { t.create } }
            </button>
        </form>
    }
}

#[derive(Properties, PartialEq)]
struct RowProps {
    prospect: ProspectView,
    on_edit: Callback<Uuid>,
    on_change: Callback<()>,
}

#[function_component]
fn ProspectRow(props: &RowProps) -> Html {
    let t = strings::text();
    let session = use_session();
    let failure = use_state(|| None::<ApiError>);
    let p = &props.prospect;
    let id = p.id;
    let act = |erase: bool| {
        let (session, failure, on_change) =
            (session.clone(), failure.clone(), props.on_change.clone());
        Callback::from(move |()| {
            let (session, failure, on_change) =
                (session.clone(), failure.clone(), on_change.clone());
            spawn_local(async move {
                let result = if erase {
                    api::prospects::erase(&session.api, id).await
                } else {
                    api::prospects::not_interested(&session.api, id)
                        .await
                        .map(|_| ())
                };
                match result {
                    Ok(()) => {
                        failure.set(None);
                        on_change.emit(());
                    }
                    Err(error) => failure.set(Some(error)),
                }
            });
        })
    };
    let edit = {
        let on_edit = props.on_edit.clone();
        Callback::from(move |_: MouseEvent| on_edit.emit(id))
    };
    let name = display_name(p);
    let active = p.status == ProspectStatus::Active;
    html! {
        <tr data-testid={format!("prospect-row-{id}")}>
            <td data-label={t.name}>
                <span data-testid="prospect-row-name">{ p.full_name.clone().unwrap_or_default() }</span>
                if let Some(company) = &p.company { <br /><span class="muted small">{ company }</span> }
            </td>
            <td data-label={t.email}>{ &p.email }</td>
            <td data-label={t.phone}>{ p.phone.clone().unwrap_or_default() }</td>
            <td data-label={t.source}>{ strings::source_label(p.source.as_str()) }</td>
            <td data-label={t.last_interaction}>{ i18n::date(&p.last_interaction_at) }</td>
            <td data-label={t.erase_after} data-testid={format!("prospect-erase-after-{id}")}>
                { p.erase_after.as_ref().map(i18n::date).unwrap_or_default() }
            </td>
            <td data-label={t.status} data-testid={format!("prospect-status-{id}")}>
                { if active { t.active } else { t.not_interested } }
            </td>
            <td class="actions">
                if active {
                    <button type="button" class="button button-secondary button-small" onclick={edit}
                        data-testid={format!("prospect-edit-{id}")}>{ t.edit }</button>
                    <ConfirmButton label={t.mark_not_interested} testid={format!("prospect-not-interested-{id}")}
                        question={i18n::fill(t.not_interested_question, &[("name", &name)])} on_confirm={act(false)} />
                }
                <ConfirmButton label={t.erase} danger=true testid={format!("prospect-erase-{id}")}
                    question={i18n::fill(t.erase_question, &[("name", &name)])} on_confirm={act(true)} />
                if let Some(error) = &*failure {
                    <ErrorAlert error={error.clone()} testid={format!("prospect-action-error-{id}")} />
                }
            </td>
        </tr>
    }
}

fn filters(form: &FormValues) -> Vec<(&'static str, String)> {
    ["q", "status"]
        .iter()
        .map(|k| (*k, form.trimmed(k)))
        .collect()
}

#[function_component]
pub fn OperatorProspects() -> Html {
    let t = strings::text();
    let session = use_session();
    let form = use_reducer(FormValues::default);
    let applied = use_state(Vec::<(&'static str, String)>::new);
    let cursor = use_state(|| None::<String>);
    let page = use_state(|| Rc::new(Load::<Page<ProspectView>>::Loading));
    let generation = use_state(|| 0_u32);
    let creating = use_state(|| false);
    let editing = use_state(|| None::<ProspectView>);
    let query = {
        let mut pairs = (*applied).clone();
        pairs.push(("limit", "25".into()));
        pairs.push(("cursor", cursor.as_ref().cloned().unwrap_or_default()));
        query_string(&pairs)
    };
    {
        let (page, api) = (page.clone(), session.api.clone());
        use_effect_with((query, *generation), move |(query, _)| {
            let query = query.clone();
            spawn_local(async move {
                page.set(Rc::new(match api::prospects::list(&api, &query).await {
                    Ok(list) => Load::Loaded(list),
                    Err(error) => Load::Failed(error),
                }));
            });
        });
    }
    let reload = {
        let generation = generation.clone();
        Callback::from(move |()| generation.set(generation.wrapping_add(1)))
    };
    let onsubmit = {
        let (form, applied, cursor) = (form.clone(), applied.clone(), cursor.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            applied.set(filters(&form));
            cursor.set(None);
        })
    };
    let toggle = {
        let creating = creating.clone();
        Callback::from(move |_| creating.set(!*creating))
    };
    let on_created = {
        let (creating, reload) = (creating.clone(), reload.clone());
        Callback::from(move |_: ProspectView| {
            creating.set(false);
            reload.emit(());
        })
    };
    let on_edited = {
        let (editing, reload) = (editing.clone(), reload.clone());
        Callback::from(move |saved: ProspectView| {
            editing.set(Some(saved));
            reload.emit(());
        })
    };
    // Opens a prospect by id (a row's edit button, a duplicate's link).
    let on_open = {
        let (editing, creating, api) = (editing.clone(), creating.clone(), session.api.clone());
        Callback::from(move |id: Uuid| {
            let (editing, creating, api) = (editing.clone(), creating.clone(), api.clone());
            spawn_local(async move {
                if let Ok(found) = api::prospects::get(&api, id).await {
                    creating.set(false);
                    editing.set(Some(found));
                }
            });
        })
    };
    let on_change = {
        let (editing, reload) = (editing.clone(), reload.clone());
        Callback::from(move |()| {
            editing.set(None);
            reload.emit(());
        })
    };
    let close_edit = {
        let editing = editing.clone();
        Callback::from(move |_: MouseEvent| editing.set(None))
    };
    let e = FieldErrors::default();
    let list = match &**page {
        Load::Loading => html! { <Loading /> },
        Load::Failed(error) => {
            html! { <ErrorAlert error={error.clone()} testid="prospects-error" /> }
        }
        Load::Loaded(list) if list.items.is_empty() => {
            html! { <p class="empty" data-testid="prospects-empty">{ t.empty }</p> }
        }
        Load::Loaded(list) => {
            let next = list.next_cursor.clone().map(|next| {
                let cursor = cursor.clone();
                Callback::from(move |_| cursor.set(Some(next.clone())))
            });
            let first = cursor.is_some().then(|| {
                let cursor = cursor.clone();
                Callback::from(move |_| cursor.set(None))
            });
            html! {
                <>
                    <div class="table-wrap">
                        <table class="table" data-testid="prospects-table">
                            <caption class="visually-hidden">{ t.title }</caption>
                            <thead><tr>
                                <th scope="col">{ t.name }</th>
                                <th scope="col">{ t.email }</th>
                                <th scope="col">{ t.phone }</th>
                                <th scope="col">{ t.source }</th>
                                <th scope="col">{ t.last_interaction }</th>
                                <th scope="col">{ t.erase_after }</th>
                                <th scope="col">{ t.status }</th>
                                <th scope="col"><span class="visually-hidden">{ i18n::text().actions }</span></th>
                            </tr></thead>
                            <tbody>{ for list.items.iter().map(|p| html! {
                                <ProspectRow key={p.id.to_string()} prospect={p.clone()} on_edit={on_open.clone()} on_change={on_change.clone()} />
                            }) }</tbody>
                        </table>
                    </div>
                    <div class="button-row">
                        if let Some(first) = first {
                            <button type="button" class="button button-secondary button-small" data-testid="prospects-first" onclick={first}>{ t.first_page }</button>
                        }
                        if let Some(next) = next {
                            <button type="button" class="button button-secondary button-small" data-testid="prospects-next" onclick={next}>{ t.next_page }</button>
                        }
                    </div>
                </>
            }
        }
    };
    html! {
        <section>
            <div class="page-header">
                <h1>{ t.title }</h1>
                <div class="button-row">
                    <button type="button" class="button button-primary" data-testid="prospect-new" onclick={toggle}>
                        { if *creating { t.cancel } else { t.new_prospect } }
                    </button>
                </div>
            </div>
            <p class="lead">{ t.lead }</p>
            if *creating {
                <article class="card">
                    <h2>{ t.new_prospect }</h2>
                    <ProspectForm on_saved={on_created} on_open={on_open.clone()} />
                </article>
            }
            if let Some(prospect) = &*editing {
                <article class="card" data-testid="prospect-edit-card">
                    <div class="page-header">
                        <h2>{ t.edit_title }{ ": " }{ display_name(prospect) }</h2>
                        <button type="button" class="button button-secondary button-small" onclick={close_edit}
                            data-testid="prospect-edit-close">{ t.cancel }</button>
                    </div>
                    <ProspectForm key={prospect.id.to_string()} prospect={Some(prospect.clone())} on_saved={on_edited} on_open={on_open.clone()} />
                </article>
            }
            <article class="card">
                <form class="form" role="search" {onsubmit} data-testid="prospects-filters">
                    <div class="field-row">
                        <Input form={form.clone()} field="q" id="prospects-search" label={t.search} errors={e.clone()} hint={t.search_hint} />
                        <Select form={form.clone()} field="status" id="prospects-status" label={t.status} errors={e.clone()} options={t.status_filters} />
                    </div>
                    <button type="submit" class="button button-secondary" data-testid="prospects-apply">{ t.apply }</button>
                </form>
            </article>
            <article class="card">{ list }</article>
        </section>
    }
}
