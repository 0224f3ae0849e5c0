//! The dashboard's module cards: open deals (`GET /api/v1/deals/pipeline`),
//! overdue sales invoices, open tickets and a bar chart of the invoiced
//! revenue of the last 12 months, drawn as SVG with its numbers in a
//! visually hidden table for screen readers.

use rust_decimal::Decimal;
use yew::prelude::*;
use yew_router::prelude::*;

use ecom_types::crm::PipelineSummary;
use ecom_types::page::Page;
use ecom_types::sales::{RevenueMonth, RevenueView, SalesInvoiceSummary};
use ecom_types::work::TicketView;

use crate::api::{self, ApiError};
use crate::components::{ErrorAlert, Loading};
use crate::hooks::{use_load, use_session, Load};
use crate::i18n::{self, dashboard, Lang};
use crate::routes::Route;

/// At most this many rows are counted per card (one page of the list).
const COUNT_LIMIT: usize = 200;

#[function_component]
pub fn ModuleCards() -> Html {
    let session = use_session();
    let (pipeline, _) = {
        let api = session.api.clone();
        use_load(move || {
            let api = api.clone();
            async move { api::crm::pipeline(&api).await }
        })
    };
    let (overdue, _) = {
        let api = session.api.clone();
        use_load(move || {
            let api = api.clone();
            async move {
                api::sales::invoices(&api, &format!("?status=overdue&limit={COUNT_LIMIT}")).await
            }
        })
    };
    let (tickets, _) = {
        let api = session.api.clone();
        use_load(move || {
            let api = api.clone();
            // The list asks for 200 (`COUNT_LIMIT`) itself.
            async move { api::work::tickets(&api, "&status=open").await }
        })
    };
    let (revenue, _) = {
        let api = session.api.clone();
        use_load(move || {
            let api = api.clone();
            async move { api::sales::revenue(&api).await }
        })
    };
    html! {
        <>
            <div class="grid" data-testid="dashboard-modules">
                { deals_card(&pipeline) }
                { overdue_card(&overdue) }
                { tickets_card(&tickets) }
            </div>
            { revenue_card(&revenue) }
        </>
    }
}

/// Loading, failed (a 403 means the module is not subscribed) or the body.
fn body<T>(load: &Load<T>, testid: &'static str, loaded: impl FnOnce(&T) -> Html) -> Html {
    match load {
        Load::Loading => html! { <Loading /> },
        Load::Failed(ApiError::Problem(problem)) if problem.status == 403 => html! {
            <p class="muted" data-testid={format!("{testid}-unavailable")}>{ dashboard::text().not_subscribed }</p>
        },
        Load::Failed(error) => {
            html! { <ErrorAlert error={error.clone()} testid={format!("{testid}-error")} /> }
        }
        Load::Loaded(value) => loaded(value),
    }
}

/// `12`, or `200+` when the list had more than one page.
fn count<T>(page: &Page<T>) -> String {
    let n = page.items.len();
    if page.next_cursor.is_some() {
        format!("{n}{}", dashboard::text().more_than)
    } else {
        n.to_string()
    }
}

fn card_link(to: Route, label: &'static str, testid: &'static str) -> Html {
    html! {
        <Link<Route> to={to} classes="button button-secondary button-small">
            <span data-testid={testid}>{ label }</span>
        </Link<Route>>
    }
}

fn deals_card(pipeline: &Load<PipelineSummary>) -> Html {
    let text = dashboard::text();
    let content = body(pipeline, "dashboard-deals", |p| {
        let open: u64 = p
            .stages
            .iter()
            .filter(|s| s.stage != "won" && s.stage != "lost")
            .map(|s| s.count)
            .sum();
        if open == 0 {
            html! { <p class="muted" data-testid="dashboard-deals-empty">{ text.deals_empty }</p> }
        } else {
            html! {
                <dl class="stats">
                    <div class="stat"><dt>{ text.deals_count }</dt><dd data-testid="dashboard-deals-count">{ open }</dd></div>
                    <div class="stat"><dt>{ text.deals_value }</dt><dd data-testid="dashboard-deals-value">{ i18n::money(&p.open_value) }</dd></div>
                    <div class="stat"><dt>{ text.deals_weighted }</dt><dd data-testid="dashboard-deals-weighted">{ i18n::money(&p.open_weighted_value) }</dd></div>
                </dl>
            }
        }
    });
    html! {
        <article class="card" data-testid="dashboard-deals">
            <h2>{ text.deals_title }</h2>
            { content }
            { card_link(Route::CrmDeals, text.deals_link, "dashboard-deals-link") }
        </article>
    }
}

fn overdue_card(overdue: &Load<Page<SalesInvoiceSummary>>) -> Html {
    let text = dashboard::text();
    let content = body(overdue, "dashboard-overdue", |page| {
        if page.items.is_empty() {
            html! { <p class="muted" data-testid="dashboard-overdue-empty">{ text.overdue_empty }</p> }
        } else {
            let open: Decimal = page.items.iter().map(|i| i.open_amount).sum();
            html! {
                <dl class="stats">
                    <div class="stat"><dt>{ text.overdue_count }</dt><dd data-testid="dashboard-overdue-count">{ count(page) }</dd></div>
                    <div class="stat"><dt>{ text.overdue_amount }</dt><dd data-testid="dashboard-overdue-amount">{ i18n::money(&open) }</dd></div>
                </dl>
            }
        }
    });
    html! {
        <article class="card" data-testid="dashboard-overdue">
            <h2>{ text.overdue_title }</h2>
            { content }
            { card_link(Route::SalesInvoices, text.overdue_link, "dashboard-overdue-link") }
        </article>
    }
}

fn tickets_card(tickets: &Load<Page<TicketView>>) -> Html {
    let text = dashboard::text();
    let content = body(tickets, "dashboard-tickets", |page| {
        if page.items.is_empty() {
            html! { <p class="muted" data-testid="dashboard-tickets-empty">{ text.tickets_empty }</p> }
        } else {
            let breached = page.items.iter().filter(|t| t.sla.breached).count();
            html! {
                <dl class="stats">
                    <div class="stat"><dt>{ text.tickets_open }</dt><dd data-testid="dashboard-tickets-open">{ count(page) }</dd></div>
                    <div class="stat"><dt>{ text.tickets_breached }</dt><dd data-testid="dashboard-tickets-breached">{ breached }</dd></div>
                </dl>
            }
        }
    });
    html! {
        <article class="card" data-testid="dashboard-tickets">
            <h2>{ text.tickets_title }</h2>
            { content }
            { card_link(Route::Tickets, text.tickets_link, "dashboard-tickets-link") }
        </article>
    }
}

/// `2026-11` as `Nov 2026` / `nov 2026` / `nov. 2026`.
pub fn month_label(lang: Lang, month: &str) -> String {
    const EN: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    const NL: [&str; 12] = [
        "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
    ];
    const FR: [&str; 12] = [
        "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.",
        "déc.",
    ];
    let Some((year, m)) = month.split_once('-') else {
        return month.to_owned();
    };
    let Some(index) = m.parse::<usize>().ok().filter(|i| (1..=12).contains(i)) else {
        return month.to_owned();
    };
    let names = match lang {
        Lang::En => EN,
        Lang::Nl => NL,
        Lang::Fr => FR,
    };
    format!("{} {year}", names[index - 1])
}

/// Bar heights in per cent of the largest month (negative months draw as 0).
pub fn bar_heights(months: &[RevenueMonth]) -> Vec<u32> {
    let max = months.iter().map(|m| m.net).max().unwrap_or_default();
    if max <= Decimal::ZERO {
        return vec![0; months.len()];
    }
    months
        .iter()
        .map(|m| {
            let pct = (m.net.max(Decimal::ZERO) * Decimal::ONE_HUNDRED / max).round();
            u32::try_from(pct.mantissa()).unwrap_or(0).min(100)
        })
        .collect()
}

fn revenue_card(revenue: &Load<RevenueView>) -> Html {
    let text = dashboard::text();
    let lang = i18n::lang();
    let content = body(revenue, "dashboard-revenue", |r| {
        if r.months.iter().all(|m| m.net.is_zero()) {
            return html! { <p class="muted" data-testid="dashboard-revenue-empty">{ text.revenue_empty }</p> };
        }
        let first = r
            .months
            .first()
            .map(|m| month_label(lang, &m.month))
            .unwrap_or_default();
        let last = r
            .months
            .last()
            .map(|m| month_label(lang, &m.month))
            .unwrap_or_default();
        let desc = i18n::fill(text.revenue_desc, &[("from", &first), ("to", &last)]);
        let heights = bar_heights(&r.months);
        // A 600×220 drawing: 180 high for the bars, 40 below for the labels.
        let n = r.months.len().max(1);
        let slot = 600.0 / n as f64;
        let bars = r.months.iter().zip(heights).enumerate().map(|(i, (m, pct))| {
            let h = 180.0 * f64::from(pct) / 100.0;
            let x = i as f64 * slot + slot * 0.15;
            let label = month_label(lang, &m.month);
            let short = label.split(' ').next().unwrap_or_default().to_owned();
            html! {
                <g>
                    <rect class="chart-bar" x={format!("{x:.1}")} y={format!("{:.1}", 180.0 - h)} width={format!("{:.1}", slot * 0.7)} height={format!("{h:.1}")}>
                        <title>{ format!("{label}: {}", i18n::money(&m.net)) }</title>
                    </rect>
                    <text class="chart-label" x={format!("{:.1}", i as f64 * slot + slot / 2.0)} y="200" text-anchor="middle">{ short }</text>
                </g>
            }
        });
        html! {
            <>
                <svg class="revenue-chart" viewBox="0 0 600 210" role="img" aria-labelledby="revenue-chart-title revenue-chart-desc" data-testid="dashboard-revenue-chart" preserveAspectRatio="none">
                    <title id="revenue-chart-title">{ text.revenue_title }</title>
                    <desc id="revenue-chart-desc">{ desc }</desc>
                    <line class="chart-axis" x1="0" y1="180.5" x2="600" y2="180.5" />
                    { for bars }
                </svg>
                <table class="visually-hidden" data-testid="dashboard-revenue-table">
                    <caption>{ text.revenue_title }</caption>
                    <thead><tr><th scope="col">{ text.revenue_month }</th><th scope="col">{ text.revenue_amount }</th></tr></thead>
                    <tbody>
                        { for r.months.iter().map(|m| html! {
                            <tr><th scope="row">{ month_label(lang, &m.month) }</th><td data-month={m.month.clone()}>{ i18n::money(&m.net) }</td></tr>
                        }) }
                    </tbody>
                </table>
            </>
        }
    });
    html! {
        <article class="card" data-testid="dashboard-revenue">
            <h2>{ text.revenue_title }</h2>
            { content }
            { card_link(Route::SalesInvoices, text.revenue_link, "dashboard-revenue-link") }
        </article>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn month(m: &str, net: &str) -> RevenueMonth {
        RevenueMonth {
            month: m.to_owned(),
            net: Decimal::from_str(net).unwrap(),
        }
    }

    #[test]
    fn month_labels_follow_the_language() {
        assert_eq!(month_label(Lang::En, "2026-11"), "Nov 2026");
        assert_eq!(month_label(Lang::Nl, "2026-03"), "mrt 2026");
        assert_eq!(month_label(Lang::Fr, "2026-02"), "févr. 2026");
        assert_eq!(month_label(Lang::En, "bad"), "bad");
        assert_eq!(month_label(Lang::En, "2026-13"), "2026-13");
    }

    #[test]
    fn bars_are_scaled_to_the_largest_month() {
        let months = [
            month("2026-01", "50.00"),
            month("2026-02", "200.00"),
            month("2026-03", "-20.00"),
            month("2026-04", "0"),
        ];
        assert_eq!(bar_heights(&months), vec![25, 100, 0, 0]);
        assert_eq!(bar_heights(&[month("2026-01", "0")]), vec![0]);
    }
}
