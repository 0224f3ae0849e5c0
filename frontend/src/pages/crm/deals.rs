//! `/crm/deals`: the pipeline (an SVG bar chart of value per stage drawn
//! here, the board of open deals per stage), the deal list with filters and
//! a new deal; `/crm/deals/:id`: the deal, its stage history, edit, delete.

use std::rc::Rc;

use ecom_types::crm::{DealDetail, DealView, PipelineSummary};
use ecom_types::page::Page;
use uuid::Uuid;
use yew::platform::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

use super::contacts::company_options;
use super::{
    bars, deal_form, deal_request, filled, query_string, Choice, CHART_HEIGHT, CHART_WIDTH,
};
use crate::api::{self, ApiError};
use crate::components::{
    Alert, AlertKind, ConfirmButton, ErrorAlert, Input, Loading, Select, TextArea,
};
use crate::hooks::{use_session, Load};
use crate::i18n::{self, crm};
use crate::routes::Route;
use crate::state::form::{FieldErrors, FormValues};

const FIELDS: &[&str] = &[
    "title",
    "stage",
    "value",
    "probability",
    "expected_close_date",
    "owner_id",
    "company_id",
    "contact_id",
    "notes",
];

#[derive(Properties, PartialEq)]
pub struct DealFormProps {
    #[prop_or_default]
    pub deal: Option<DealView>,
    pub on_saved: Callback<DealDetail>,
}

/// The deal form: stage, value, probability, close date, owner, company and
/// contact; the API's field errors inline.
#[function_component]
pub fn DealForm(props: &DealFormProps) -> Html {
    let t = crm::text();
    let session = use_session();
    let me = session.state.me.as_ref().map(|me| {
        (
            me.user.id.to_string(),
            format!("{} {}", me.user.first_name, me.user.last_name),
        )
    });
    let initial = props.deal.clone();
    let default_owner = me.as_ref().map(|(id, _)| id.clone()).unwrap_or_default();
    let form = use_reducer(move || match &initial {
        Some(deal) => deal_form(deal),
        None => filled(vec![("stage", "lead".into()), ("owner_id", default_owner)]),
    });
    let errors = use_state(FieldErrors::default);
    let failure = use_state(|| None::<ApiError>);
    let busy = use_state(|| false);
    let saved = use_state(|| false);
    let companies = use_state(Vec::<(String, String)>::new);
    let contacts = use_state(Vec::<(String, String)>::new);
    let owners = use_state(|| me.clone().into_iter().collect::<Vec<_>>());
    {
        let (companies, contacts, owners, api) = (
            companies.clone(),
            contacts.clone(),
            owners.clone(),
            session.api.clone(),
        );
        let me = me.clone();
        use_effect_with((), move |()| {
            spawn_local(async move {
                companies.set(company_options(&api, t.no_company).await);
                let mut people = vec![(String::new(), t.no_contact.to_owned())];
                if let Ok(page) = api::crm::list_contacts(&api, "?limit=200&sort=name").await {
                    people.extend(page.items.into_iter().map(|c| {
                        (
                            c.id.to_string(),
                            format!("{} {}", c.first_name, c.last_name),
                        )
                    }));
                }
                contacts.set(people);
                // Only the Administrator may list the users; others own their deals.
                if let Ok(users) = api::users::list(&api).await {
                    owners.set(
                        users
                            .items
                            .into_iter()
                            .filter(|u| {
                                u.status == "active"
                                    || me.as_ref().is_some_and(|(id, _)| *id == u.id.to_string())
                            })
                            .map(|u| {
                                (
                                    u.id.to_string(),
                                    format!("{} {}", u.first_name, u.last_name),
                                )
                            })
                            .collect(),
                    );
                }
            });
        });
    }
    let onsubmit = {
        let (form, errors, failure, busy, saved) = (
            form.clone(),
            errors.clone(),
            failure.clone(),
            busy.clone(),
            saved.clone(),
        );
        let (session, on_saved, id) = (
            session.clone(),
            props.on_saved.clone(),
            props.deal.as_ref().map(|d| d.id),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let request = match deal_request(&form, i18n::text().invalid_date) {
                Ok(request) => request,
                Err(invalid) => {
                    errors.set(invalid);
                    return;
                }
            };
            let (errors, failure, busy, saved, session, on_saved) = (
                errors.clone(),
                failure.clone(),
                busy.clone(),
                saved.clone(),
                session.clone(),
                on_saved.clone(),
            );
            busy.set(true);
            saved.set(false);
            spawn_local(async move {
                let outcome = match id {
                    Some(id) => api::crm::update_deal(&session.api, id, &request).await,
                    None => api::crm::create_deal(&session.api, &request).await,
                };
                busy.set(false);
                match outcome {
                    Ok(deal) => {
                        errors.set(FieldErrors::default());
                        failure.set(None);
                        saved.set(true);
                        on_saved.emit(deal);
                    }
                    Err(error) => {
                        errors.set(FieldErrors::from_problem(error.field_errors()));
                        failure.set(Some(error));
                    }
                }
            });
        })
    };
    let e = (*errors).clone();
    html! {
        <form class="form" novalidate=true {onsubmit} data-testid="deal-form">
            if let Some(error) = &*failure {
                <ErrorAlert error={error.clone()} extra={e.not_in(FIELDS)} testid="deal-form-error" />
            }
            if *saved && props.deal.is_some() {
                <Alert kind={AlertKind::Success} testid="deal-saved"><p>{ t.saved }</p></Alert>
            }
            <Input form={form.clone()} field="title" id="deal-title" label={t.title} errors={e.clone()} required=true />
            <div class="field-row">
                <Select form={form.clone()} field="stage" id="deal-stage" label={t.stage} errors={e.clone()} options={t.stages} required=true />
                <Input form={form.clone()} field="value" id="deal-value" label={t.value} errors={e.clone()} required=true hint={t.value_hint} />
                <Input form={form.clone()} field="probability" id="deal-probability" label={t.probability} kind="number" errors={e.clone()} hint={t.probability_hint} />
            </div>
            <div class="field-row">
                <Input form={form.clone()} field="expected_close_date" id="deal-expected-close-date" label={t.expected_close_date} kind="date" errors={e.clone()} />
                <Choice form={form.clone()} field="owner_id" id="deal-owner" label={t.owner} errors={e.clone()} options={(*owners).clone()} />
            </div>
            <div class="field-row">
                <Choice form={form.clone()} field="company_id" id="deal-company" label={t.company} errors={e.clone()} options={(*companies).clone()} />
                <Choice form={form.clone()} field="contact_id" id="deal-contact" label={t.contact} errors={e.clone()} options={(*contacts).clone()} />
            </div>
            <TextArea form={form.clone()} field="notes" id="deal-notes" label={t.notes} errors={e.clone()} />
            <button type="submit" class="button button-primary" data-testid="deal-submit" disabled={*busy}>
                { if props.deal.is_some() { t.save } else { t.create } }
            </button>
        </form>
    }
}

#[derive(Properties, PartialEq)]
struct ChartProps {
    summary: PipelineSummary,
}

/// The value per stage as SVG bars; the weighted value is the darker part.
#[function_component]
fn PipelineChart(props: &ChartProps) -> Html {
    let t = crm::text();
    let (width, bars) = bars(&props.summary.stages);
    let label_y = CHART_HEIGHT + 18;
    html! {
        <figure class="pipeline-chart" data-testid="pipeline-chart">
            <svg viewBox={format!("0 0 {CHART_WIDTH} {}", CHART_HEIGHT + 44)}
                width="100%" role="img" aria-labelledby="pipeline-chart-title pipeline-chart-desc">
                <title id="pipeline-chart-title">{ t.pipeline_chart }</title>
                <desc id="pipeline-chart-desc">{ t.pipeline_chart_description }</desc>
                <line x1="0" y1={CHART_HEIGHT.to_string()} x2={CHART_WIDTH.to_string()} y2={CHART_HEIGHT.to_string()} stroke="currentColor" stroke-opacity="0.3" />
                { for bars.iter().zip(props.summary.stages.iter()).map(|(bar, stage)| html! {
                    <g data-testid={format!("pipeline-bar-{}", bar.stage)}>
                        <rect x={bar.x.to_string()} y={(CHART_HEIGHT - bar.height).to_string()} width={width.to_string()}
                            height={bar.height.to_string()} fill="#93b4e8">
                            <title>{ format!("{}: {} ({} {})", crm::stage(&bar.stage), i18n::money(&stage.value), i18n::money(&stage.weighted_value), t.weighted_value) }</title>
                        </rect>
                        <rect x={bar.x.to_string()} y={(CHART_HEIGHT - bar.weighted_height).to_string()} width={width.to_string()}
                            height={bar.weighted_height.to_string()} fill="#1d4ed8" />
                        <text x={(bar.x + width / 2).to_string()} y={label_y.to_string()} text-anchor="middle" font-size="12">{ crm::stage(&bar.stage) }</text>
                        <text x={(bar.x + width / 2).to_string()} y={(label_y + 16).to_string()} text-anchor="middle" font-size="11">{ i18n::money(&stage.value) }</text>
                    </g>
                }) }
            </svg>
        </figure>
    }
}

fn filters(form: &FormValues) -> Vec<(&'static str, String)> {
    ["q", "stage", "sort"]
        .iter()
        .map(|k| (*k, form.trimmed(k)))
        .collect()
}

#[function_component]
pub fn Deals() -> Html {
    let t = crm::text();
    let session = use_session();
    let navigator = use_navigator();
    let form = use_reducer(|| FormValues::with(&[("sort", "-created_at")]));
    let applied = use_state(|| filters(&FormValues::with(&[("sort", "-created_at")])));
    let cursor = use_state(|| None::<String>);
    let page = use_state(|| Rc::new(Load::<Page<DealView>>::Loading));
    let summary = use_state(|| Rc::new(Load::<PipelineSummary>::Loading));
    let board = use_state(|| None::<Page<DealView>>);
    let creating = use_state(|| false);
    {
        let (summary, board, api) = (summary.clone(), board.clone(), session.api.clone());
        use_effect_with((), move |()| {
            spawn_local(async move {
                summary.set(Rc::new(match api::crm::pipeline(&api).await {
                    Ok(s) => Load::Loaded(s),
                    Err(error) => Load::Failed(error),
                }));
                board.set(
                    api::crm::list_deals(&api, "?limit=200&sort=-value")
                        .await
                        .ok(),
                );
            });
        });
    }
    let query = {
        let mut pairs = (*applied).clone();
        pairs.push(("limit", "25".into()));
        pairs.push(("cursor", cursor.as_ref().cloned().unwrap_or_default()));
        query_string(&pairs)
    };
    {
        let (page, api) = (page.clone(), session.api.clone());
        use_effect_with(query, move |query| {
            let query = query.clone();
            spawn_local(async move {
                page.set(Rc::new(match api::crm::list_deals(&api, &query).await {
                    Ok(list) => Load::Loaded(list),
                    Err(error) => Load::Failed(error),
                }));
            });
        });
    }
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
    let on_saved = Callback::from(move |deal: DealDetail| {
        if let Some(navigator) = &navigator {
            navigator.push(&Route::CrmDeal { id: deal.deal.id });
        }
    });
    let e = FieldErrors::default();

    let pipeline = match &**summary {
        Load::Loading => html! { <Loading /> },
        Load::Failed(error) => {
            html! { <ErrorAlert error={error.clone()} testid="pipeline-error" /> }
        }
        Load::Loaded(s) => html! {
            <>
                <PipelineChart summary={s.clone()} />
                <div class="table-wrap">
                    <table class="table" data-testid="pipeline-table">
                        <caption class="visually-hidden">{ t.pipeline_title }</caption>
                        <thead><tr>
                            <th scope="col">{ t.stage }</th>
                            <th scope="col" class="amount">{ t.deals_count }</th>
                            <th scope="col" class="amount">{ t.value }</th>
                            <th scope="col" class="amount">{ t.weighted_value }</th>
                        </tr></thead>
                        <tbody>
                            { for s.stages.iter().map(|stage| html! {
                                <tr data-testid={format!("pipeline-{}", stage.stage)}>
                                    <td data-label={t.stage}>{ crm::stage(&stage.stage) }</td>
                                    <td data-label={t.deals_count} class="amount" data-testid="pipeline-count">{ stage.count }</td>
                                    <td data-label={t.value} class="amount" data-testid="pipeline-value">{ i18n::money(&stage.value) }</td>
                                    <td data-label={t.weighted_value} class="amount" data-testid="pipeline-weighted">{ i18n::money(&stage.weighted_value) }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
                <dl class="stats">
                    <div class="stat"><dt>{ t.open_value }</dt><dd data-testid="pipeline-open-value">{ i18n::money(&s.open_value) }</dd></div>
                    <div class="stat"><dt>{ t.open_weighted_value }</dt><dd data-testid="pipeline-open-weighted">{ i18n::money(&s.open_weighted_value) }</dd></div>
                </dl>
            </>
        },
    };
    let board_view = board.as_ref().map(|deals| {
        html! {
            <div class="grid" data-testid="pipeline-board">
                { for t.stages.iter().map(|(code, label)| html! {
                    <section class="card" data-testid={format!("board-{code}")}>
                        <h3>{ *label }</h3>
                        <ul>
                            { for deals.items.iter().filter(|d| d.stage == *code).map(|d| html! {
                                <li data-testid="board-deal">
                                    <Link<Route> to={Route::CrmDeal { id: d.id }}>{ &d.title }</Link<Route>>
                                    { " " }<span class="muted small">{ i18n::money(&d.value) }</span>
                                </li>
                            }) }
                        </ul>
                    </section>
                }) }
            </div>
        }
    });
    let row = |d: &DealView| {
        html! {
            <tr data-testid="deal-row">
                <td data-label={t.title}><Link<Route> to={Route::CrmDeal { id: d.id }}><span data-testid="deal-link">{ &d.title }</span></Link<Route>></td>
                <td data-label={t.stage}>{ crm::stage(&d.stage) }</td>
                <td data-label={t.value} class="amount">{ i18n::money(&d.value) }</td>
                <td data-label={t.probability} class="amount">{ format!("{} %", d.probability) }</td>
                <td data-label={t.company}>{ d.company_name.clone().unwrap_or_default() }</td>
                <td data-label={t.owner}>{ &d.owner_name }</td>
                <td data-label={t.expected_close_date}>{ d.expected_close_date.as_ref().map(i18n::day).unwrap_or_default() }</td>
            </tr>
        }
    };
    let list = match &**page {
        Load::Loading => html! { <Loading /> },
        Load::Failed(error) => html! { <ErrorAlert error={error.clone()} testid="deals-error" /> },
        Load::Loaded(list) if list.items.is_empty() => {
            html! { <p class="empty" data-testid="deals-empty">{ t.deals_empty }</p> }
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
                        <table class="table" data-testid="deals-table">
                            <caption class="visually-hidden">{ t.deals_title }</caption>
                            <thead><tr>
                                <th scope="col">{ t.title }</th>
                                <th scope="col">{ t.stage }</th>
                                <th scope="col" class="amount">{ t.value }</th>
                                <th scope="col" class="amount">{ t.probability }</th>
                                <th scope="col">{ t.company }</th>
                                <th scope="col">{ t.owner }</th>
                                <th scope="col">{ t.expected_close_date }</th>
                            </tr></thead>
                            <tbody>{ for list.items.iter().map(row) }</tbody>
                        </table>
                    </div>
                    <div class="button-row">
                        if let Some(first) = first {
                            <button type="button" class="button button-secondary button-small" data-testid="deals-first" onclick={first}>{ t.first_page }</button>
                        }
                        if let Some(next) = next {
                            <button type="button" class="button button-secondary button-small" data-testid="deals-next" onclick={next}>{ t.next_page }</button>
                        }
                    </div>
                </>
            }
        }
    };
    html! {
        <section>
            <div class="page-header">
                <h1>{ t.deals_title }</h1>
                <div class="button-row">
                    <button type="button" class="button button-primary" data-testid="deal-new" onclick={toggle}>
                        { if *creating { t.cancel } else { t.new_deal } }
                    </button>
                </div>
            </div>
            if *creating {
                <article class="card">
                    <h2>{ t.new_deal }</h2>
                    <DealForm on_saved={on_saved} />
                </article>
            }
            <article class="card">
                <h2>{ t.pipeline_title }</h2>
                { pipeline }
            </article>
            { for board_view }
            <article class="card">
                <form class="form" role="search" {onsubmit} data-testid="deals-filters">
                    <div class="field-row">
                        <Input form={form.clone()} field="q" id="deals-search" label={t.search} errors={e.clone()} hint={t.search_deals_hint} />
                        <Select form={form.clone()} field="stage" id="deals-stage" label={t.filter_stage} errors={e.clone()} options={t.stage_filters} />
                        <Select form={form.clone()} field="sort" id="deals-sort" label={t.sort_by} errors={e.clone()} options={t.deal_sorts} />
                    </div>
                    <button type="submit" class="button button-secondary" data-testid="deals-apply">{ t.apply }</button>
                </form>
            </article>
            <article class="card">{ list }</article>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct DetailProps {
    pub id: Uuid,
}

#[function_component]
pub fn DealDetailPage(props: &DetailProps) -> Html {
    let t = crm::text();
    let session = use_session();
    let navigator = use_navigator();
    let deal = use_state(|| Rc::new(Load::<DealDetail>::Loading));
    let delete_failure = use_state(|| None::<ApiError>);
    {
        let (deal, api) = (deal.clone(), session.api.clone());
        use_effect_with(props.id, move |id| {
            let id = *id;
            spawn_local(async move {
                deal.set(Rc::new(match api::crm::get_deal(&api, id).await {
                    Ok(d) => Load::Loaded(d),
                    Err(error) => Load::Failed(error),
                }));
            });
        });
    }
    let delete = {
        let (session, navigator, failure, id) = (
            session.clone(),
            navigator.clone(),
            delete_failure.clone(),
            props.id,
        );
        Callback::from(move |()| {
            let (session, navigator, failure) =
                (session.clone(), navigator.clone(), failure.clone());
            spawn_local(async move {
                match api::crm::delete_deal(&session.api, id).await {
                    Ok(()) => {
                        if let Some(navigator) = navigator {
                            navigator.push(&Route::CrmDeals);
                        }
                    }
                    Err(error) => failure.set(Some(error)),
                }
            });
        })
    };
    let on_saved = {
        let deal = deal.clone();
        Callback::from(move |saved: DealDetail| deal.set(Rc::new(Load::Loaded(saved))))
    };
    let body = match &**deal {
        Load::Loading => html! { <Loading /> },
        Load::Failed(error) => html! { <ErrorAlert error={error.clone()} testid="deal-error" /> },
        Load::Loaded(detail) => {
            let d = &detail.deal;
            html! {
                <>
                    <div class="page-header">
                        <h1 data-testid="deal-detail-title">{ &d.title }</h1>
                        <div class="button-row">
                            <ConfirmButton label={t.delete} danger=true testid="deal-delete"
                                question={i18n::fill(t.delete_deal_question, &[("name", &d.title)])} on_confirm={delete} />
                        </div>
                    </div>
                    if let Some(error) = &*delete_failure {
                        <ErrorAlert error={error.clone()} testid="deal-delete-error" />
                    }
                    <article class="card" data-testid="deal-detail">
                        <dl class="stats stats-columns">
                            <div class="stat"><dt>{ t.stage }</dt><dd data-testid="deal-detail-stage">{ crm::stage(&d.stage) }</dd></div>
                            <div class="stat"><dt>{ t.value }</dt><dd data-testid="deal-detail-value">{ i18n::money(&d.value) }</dd></div>
                            <div class="stat"><dt>{ t.probability }</dt><dd>{ format!("{} %", d.probability) }</dd></div>
                            <div class="stat"><dt>{ t.weighted_value }</dt><dd data-testid="deal-detail-weighted">{ i18n::money(&d.weighted_value) }</dd></div>
                            <div class="stat"><dt>{ t.owner }</dt><dd>{ &d.owner_name }</dd></div>
                            <div class="stat"><dt>{ t.company }</dt><dd data-testid="deal-detail-company">
                                if let (Some(id), Some(name)) = (d.company_id, &d.company_name) {
                                    <Link<Route> to={Route::CrmCompany { id }}>{ name }</Link<Route>>
                                }
                            </dd></div>
                            <div class="stat"><dt>{ t.contact }</dt><dd data-testid="deal-detail-contact">
                                if let (Some(id), Some(name)) = (d.contact_id, &d.contact_name) {
                                    <Link<Route> to={Route::CrmContact { id }}>{ name }</Link<Route>>
                                }
                            </dd></div>
                            <div class="stat"><dt>{ t.expected_close_date }</dt><dd>{ d.expected_close_date.as_ref().map(i18n::day).unwrap_or_default() }</dd></div>
                        </dl>
                    </article>
                    <article class="card">
                        <h2>{ t.stage_history }</h2>
                        <ol class="timeline" data-testid="deal-stage-history">
                            { for detail.stage_history.iter().map(|change| {
                                let what = match &change.from_stage {
                                    None => i18n::fill(t.history_created, &[("to", &crm::stage(&change.to_stage))]),
                                    Some(from) => i18n::fill(t.history_moved, &[("from", &crm::stage(from)), ("to", &crm::stage(&change.to_stage))]),
                                };
                                html! {
                                    <li class="timeline-item" data-testid="deal-stage-change">
                                        <time datetime={change.changed_at.to_rfc3339()} class="muted small">{ i18n::date_time(&change.changed_at) }</time>
                                        <p>{ what }{ " " }<span class="muted">{ i18n::fill(t.history_by, &[("name", &change.changed_by_name)]) }</span></p>
                                    </li>
                                }
                            }) }
                        </ol>
                    </article>
                    <article class="card">
                        <h2>{ t.edit }</h2>
                        <DealForm key={d.id.to_string()} deal={Some(d.clone())} {on_saved} />
                    </article>
                </>
            }
        }
    };
    html! {
        <section>
            <p><Link<Route> to={Route::CrmDeals}>{ t.back_to_deals }</Link<Route>></p>
            { body }
        </section>
    }
}
