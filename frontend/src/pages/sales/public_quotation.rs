//! `/q/:token`: the customer reads a quotation and accepts or declines it,
//! without an account.

use ecom_types::sales::PublicQuotationView;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::api::{self, ApiError};
use crate::components::{Alert, AlertKind, ErrorAlert, Loading};
use crate::i18n::{self, sales};

use super::lines::{badge, lines_table};

#[derive(Properties, PartialEq)]
pub struct PublicQuotationProps {
    pub token: AttrValue,
}

#[function_component]
pub fn PublicQuotation(props: &PublicQuotationProps) -> Html {
    let text = sales::text();
    let quotation = use_state(|| None::<Result<PublicQuotationView, ApiError>>);
    let answered = use_state(|| None::<&'static str>);
    let failure = use_state(|| None::<ApiError>);
    {
        let (token, quotation) = (props.token.to_string(), quotation.clone());
        use_effect_with(token.clone(), move |_| {
            spawn_local(
                async move { quotation.set(Some(api::sales::public_quotation(&token).await)) },
            );
        });
    }
    let answer = |verb: &'static str| {
        let (token, quotation, answered, failure) = (
            props.token.to_string(),
            quotation.clone(),
            answered.clone(),
            failure.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let (token, quotation, answered, failure) = (
                token.clone(),
                quotation.clone(),
                answered.clone(),
                failure.clone(),
            );
            spawn_local(async move {
                match api::sales::answer_quotation(&token, verb).await {
                    Ok(view) => {
                        failure.set(None);
                        answered.set(Some(verb));
                        quotation.set(Some(Ok(view)));
                    }
                    Err(error) => failure.set(Some(error)),
                }
            });
        })
    };
    let body = match &*quotation {
        None => html! { <Loading /> },
        Some(Err(error)) => {
            html! { <ErrorAlert error={error.clone()} testid="public-quotation-error" /> }
        }
        Some(Ok(q)) => html! {
            <>
                <h1 data-testid="public-quotation-number">{ i18n::fill(text.public_title, &[("number", &q.number)]) }{ " " }{ badge(&q.status) }</h1>
                <p class="lead">{ i18n::fill(text.public_from, &[("seller", &q.seller_name)]) }</p>
                <article class="card">
                    <dl class="facts">
                        <dt>{ text.customer }</dt><dd>{ &q.customer.name }</dd>
                        if let Some(title) = &q.title { <dt>{ text.title }</dt><dd>{ title }</dd> }
                        <dt>{ text.valid_until }</dt><dd>{ i18n::day(&q.valid_until) }</dd>
                        if let Some(notes) = &q.notes { <dt>{ text.notes }</dt><dd>{ notes }</dd> }
                    </dl>
                    { lines_table(&q.lines, &q.totals) }
                </article>
                if q.status == "sent" {
                    <div class="actions">
                        <button type="button" class="button button-primary" data-testid="public-quotation-accept" onclick={answer("accept")}>{ text.accept }</button>
                        <button type="button" class="button button-secondary" data-testid="public-quotation-decline" onclick={answer("decline")}>{ text.decline }</button>
                    </div>
                }
            </>
        },
    };
    html! {
        <section>
            if let Some(verb) = *answered {
                <Alert kind={AlertKind::Success} testid="public-quotation-answered">
                    { if verb == "accept" { text.accepted_thanks } else { text.declined_thanks } }
                </Alert>
            }
            if let Some(error) = &*failure {
                <ErrorAlert error={error.clone()} testid="public-quotation-answer-error" />
            }
            { body }
        </section>
    }
}
