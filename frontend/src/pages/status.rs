//! `/status`: the public status page (terms art. 20). Live health of the API
//! and the database (checked again every minute and on demand), availability
//! per day over the last 90 days as SVG bars, and announced maintenance.

use ecom_types::status::{ComponentStatus, MaintenanceWindow, ServiceStatus, UptimeDay};
use gloo_timers::callback::Interval;
use yew::prelude::*;

use crate::api;
use crate::components::{Alert, AlertKind, Loading};
use crate::hooks::{use_load, Load};
use crate::i18n;
use crate::state::status::{
    chart_width, day_class, day_permille, percent, period_permille, BAR_GAP, BAR_WIDTH,
};

const REFRESH_MS: u32 = 60_000;

#[function_component]
pub fn Status() -> Html {
    let ui = i18n::ui::text();
    let (status, reload) = use_load(api::status::get);
    {
        let reload = reload.clone();
        use_effect_with((), move |()| {
            let interval = Interval::new(REFRESH_MS, move || reload.emit(()));
            move || drop(interval)
        });
    }
    let body = match &*status {
        Load::Loading => html! { <Loading /> },
        Load::Failed(_) => html! {
            <Alert kind={AlertKind::Error} testid="status-unavailable"><p>{ ui.status_unavailable }</p></Alert>
        },
        Load::Loaded(status) => view(status),
    };
    html! {
        <section class="status-page">
            <h1>{ ui.status_title }</h1>
            <p class="lead">{ ui.status_lead }</p>
            { body }
            <p>
                <button type="button" class="button button-secondary button-small" data-testid="status-refresh"
                    onclick={reload.reform(|_: MouseEvent| ())}>{ ui.status_refresh }</button>
            </p>
        </section>
    }
}

fn view(status: &ServiceStatus) -> Html {
    let ui = i18n::ui::text();
    let (banner_class, banner) = match status.status.as_str() {
        "operational" => ("status-banner status-up", ui.status_overall_operational),
        "maintenance" => (
            "status-banner status-maintenance",
            ui.status_overall_maintenance,
        ),
        _ => ("status-banner status-down", ui.status_overall_degraded),
    };
    html! {
        <>
            <div class={banner_class} role="status" data-testid="status-overall" data-status={status.status.clone()}>
                <p><strong>{ banner }</strong></p>
                <p class="small">
                    <time datetime={status.checked_at.to_rfc3339()}>
                        { i18n::fill(ui.status_checked_at, &[("time", &i18n::date_time(&status.checked_at))]) }
                    </time>
                </p>
            </div>
            <article class="card">
                <ul class="status-components">
                    { for status.components.iter().map(component) }
                </ul>
            </article>
            <article class="card">
                <h2>{ ui.status_uptime_title }</h2>
                { uptime(&status.uptime) }
            </article>
            <article class="card">
                <h2>{ ui.status_maintenance_title }</h2>
                if status.maintenance.is_empty() {
                    <p class="empty" data-testid="status-maintenance-none">{ ui.status_maintenance_none }</p>
                } else {
                    <ul class="status-windows" data-testid="status-maintenance">
                        { for status.maintenance.iter().map(|w| maintenance(w, status)) }
                    </ul>
                }
            </article>
        </>
    }
}

fn component(component: &ComponentStatus) -> Html {
    let ui = i18n::ui::text();
    let name = match component.name.as_str() {
        "api" => ui.status_component_api,
        "database" => ui.status_component_database,
        other => return html! { <li>{ other }</li> },
    };
    let (class, state) = if component.status == "operational" {
        ("badge badge-success", ui.status_operational)
    } else {
        ("badge badge-danger", ui.status_down)
    };
    html! {
        <li class="status-component" data-testid={format!("status-component-{}", component.name)}>
            <span class="status-component-name">{ name }</span>
            <span class="status-component-state">
                if let Some(ms) = component.latency_ms {
                    <span class="muted small">{ i18n::fill(ui.status_latency, &[("ms", &ms.to_string())]) }</span>
                }
                <span class={class}>{ state }</span>
            </span>
        </li>
    }
}

fn uptime(days: &[UptimeDay]) -> Html {
    let ui = i18n::ui::text();
    let summary = period_permille(days).map_or_else(
        || i18n::fill(ui.status_uptime_no_data, &[("date", ui.status_days_ago)]),
        |p| i18n::fill(ui.status_uptime_summary, &[("percent", &percent(p))]),
    );
    let width = chart_width(days.len());
    html! {
        <figure class="uptime">
            <svg class="uptime-bars" viewBox={format!("0 0 {width} 40")} preserveAspectRatio="none"
                role="img" aria-label={summary.clone()} data-testid="status-uptime">
                { for days.iter().enumerate().map(|(i, day)| {
                    let permille = day_permille(day);
                    let date = i18n::day(&day.day);
                    let label = permille.map_or_else(
                        || i18n::fill(ui.status_uptime_no_data, &[("date", &date)]),
                        |p| i18n::fill(ui.status_uptime_day, &[("date", &date), ("percent", &percent(p))]),
                    );
                    let x = u32::try_from(i).unwrap_or(0) * (BAR_WIDTH + BAR_GAP);
                    html! {
                        <rect class={format!("uptime-bar uptime-{}", day_class(permille))} x={x.to_string()} y="0"
                            width={BAR_WIDTH.to_string()} height="40" rx="1.5" data-day={day.day.to_string()}>
                            <title>{ label }</title>
                        </rect>
                    }
                }) }
            </svg>
            <figcaption class="uptime-caption small muted">
                <span>{ ui.status_days_ago }</span>
                <span data-testid="status-uptime-summary">{ summary }</span>
                <span>{ ui.status_today }</span>
            </figcaption>
        </figure>
    }
}

fn maintenance(window: &MaintenanceWindow, status: &ServiceStatus) -> Html {
    let ui = i18n::ui::text();
    let ongoing = window.starts_at <= status.checked_at && status.checked_at < window.ends_at;
    html! {
        <li class="status-window" data-testid="status-maintenance-window">
            <p>
                <strong>
                    { i18n::fill(ui.status_maintenance_window, &[
                        ("start", &i18n::date_time(&window.starts_at)),
                        ("end", &i18n::date_time(&window.ends_at)),
                    ]) }
                </strong>
                if ongoing { { " " }<span class="badge badge-warning">{ ui.status_maintenance_ongoing }</span> }
            </p>
            <p>{ &window.description }</p>
        </li>
    }
}
