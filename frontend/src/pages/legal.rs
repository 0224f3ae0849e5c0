//! `/legal/{terms,privacy,cookies,dpa}` and `/legal/{doc}/{version}`: the
//! operator's policy documents, public, with version, effective date and
//! the history of versions.

use ecom_types::policy::{PolicyDocument, PolicyHistory};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api;
use crate::components::{ErrorAlert, Loading};
use crate::hooks::{use_load, Load};
use crate::i18n::{self, consent};
use crate::routes::Route;

/// The API kind of a page slug.
pub fn kind_of(slug: &str) -> Option<&'static str> {
    match slug {
        "terms" => Some("terms"),
        "privacy" => Some("privacy"),
        "cookies" => Some("cookies"),
        "dpa" => Some("data_processing"),
        _ => None,
    }
}

#[derive(Properties, PartialEq)]
pub struct LegalProps {
    pub doc: AttrValue,
    #[prop_or_default]
    pub version: Option<AttrValue>,
}

fn body(document: &PolicyDocument) -> Html {
    html! {
        <div class="legal-text" data-testid="legal-body">
            { for document.body.split("\n\n").filter(|p| !p.trim().is_empty()).map(|paragraph| html! {
                <p>{ for paragraph.lines().enumerate().map(|(i, line)| html! {
                    <>{ if i > 0 { html! { <br /> } } else { html! {} } }{ line }</>
                }) }</p>
            }) }
        </div>
    }
}

fn header(document: &PolicyDocument) -> Html {
    let text = consent::text();
    html! {
        <>
            <h1 data-testid="legal-title">{ &document.title }</h1>
            <p class="muted">
                <span data-testid="legal-version">{ format!("{} {}", text.version, document.version) }</span>
                { " · " }
                <span data-testid="legal-effective">{ format!("{} {}", text.effective_from, i18n::date(&document.effective_from)) }</span>
                { " · " }
                <span data-testid="legal-status">{ text.status(&document.status) }</span>
            </p>
            if !document.summary.is_empty() {
                <p><strong>{ text.changes }{ ": " }</strong>{ &document.summary }</p>
            }
        </>
    }
}

#[function_component]
pub fn Legal(props: &LegalProps) -> Html {
    let text = consent::text();
    let slug = props.doc.to_string();
    let kind = kind_of(&slug);
    let wanted = props.version.as_ref().map(|v| v.to_string());
    let (history, _) = {
        let kind = kind.map(str::to_owned);
        use_load(move || {
            let kind = kind.clone();
            async move {
                match kind {
                    Some(kind) => api::consent::policy(&kind).await,
                    None => Err(api::ApiError::Unexpected { status: 404 }),
                }
            }
        })
    };
    let (specific, _) = {
        let kind = kind.map(str::to_owned);
        let wanted = wanted.clone();
        use_load(move || {
            let (kind, wanted) = (kind.clone(), wanted.clone());
            async move {
                match (kind, wanted) {
                    (Some(kind), Some(version)) => api::consent::policy_version(&kind, &version)
                        .await
                        .map(Some),
                    _ => Ok(None),
                }
            }
        })
    };
    let Some(_) = kind else {
        return html! { <section class="page"><p class="alert alert-error" data-testid="legal-unknown">{ text.unknown_document }</p></section> };
    };
    let history: PolicyHistory = match &*history {
        Load::Loading => return html! { <Loading /> },
        Load::Failed(error) => return html! { <ErrorAlert error={error.clone()} /> },
        Load::Loaded(history) => history.clone(),
    };
    let shown = match &*specific {
        Load::Loaded(Some(document)) => document.clone(),
        Load::Failed(error) => return html! { <ErrorAlert error={error.clone()} /> },
        _ => history.current.clone(),
    };
    html! {
        <section class="page legal" data-testid={format!("legal-{slug}")}>
            { header(&shown) }
            if wanted.is_some() {
                <p><Link<Route> to={Route::Legal { doc: slug.clone() }}>{ text.show_current }</Link<Route>></p>
            }
            { body(&shown) }
            <h2>{ text.history }</h2>
            <ul data-testid="legal-history">
                { for history.versions.iter().map(|v| {
                    let current = v.version == shown.version;
                    html! {
                        <li aria-current={current.then_some("true")}>
                            <Link<Route> to={Route::LegalVersion { doc: slug.clone(), version: v.version.clone() }}>
                                { format!("{} {} — {} {}", text.version, v.version, text.effective_from, i18n::date(&v.effective_from)) }
                            </Link<Route>>
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}
