//! The SPA's URLs and the page each one shows. Tenant pages are wrapped in
//! [`RequireAuth`], the operator's in [`RequireOperator`]: a session of one
//! kind never shows the other's pages.

use uuid::Uuid;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::{RequireAuth, RequireOperator};
use crate::pages;

#[derive(Debug, Clone, PartialEq, Eq, Routable)]
pub enum Route {
    #[at("/")]
    Dashboard,
    #[at("/signup")]
    Signup,
    #[at("/login")]
    Login,
    #[at("/users")]
    Users,
    #[at("/api-keys")]
    ApiKeys,
    /// The invitation token travels in the fragment (`#token=...`), which
    /// browsers never send to the server or in a `Referer`.
    #[at("/invitation")]
    Invitation,
    #[at("/account")]
    Account,
    /// The order form while on the trial; the contract afterwards.
    #[at("/subscription")]
    Subscription,
    #[at("/invoices")]
    Invoices,
    #[at("/invoices/:id")]
    Invoice { id: Uuid },
    #[at("/timeline")]
    Timeline,
    #[at("/quotations")]
    Quotations,
    #[at("/quotations/new")]
    QuotationNew,
    #[at("/quotations/:id")]
    Quotation { id: Uuid },
    #[at("/quotations/:id/edit")]
    QuotationEdit { id: Uuid },
    /// The customer's page of a quotation (no account; the token is the link's).
    #[at("/q/:token")]
    PublicQuotation { token: String },
    #[at("/sales-invoices")]
    SalesInvoices,
    #[at("/sales-invoices/new")]
    SalesInvoiceNew,
    #[at("/sales-invoices/:id")]
    SalesInvoice { id: Uuid },
    #[at("/sales-invoices/:id/edit")]
    SalesInvoiceEdit { id: Uuid },
    #[at("/invoicing/settings")]
    InvoicingSettings,
    #[at("/operator/login")]
    OperatorLogin,
    /// The operator's tenants table.
    #[at("/operator")]
    Operator,
    #[not_found]
    #[at("/404")]
    NotFound,
}

pub fn switch(route: Route) -> Html {
    match route {
        Route::Dashboard => html! { <RequireAuth><pages::Dashboard /></RequireAuth> },
        Route::Signup => html! { <pages::Signup /> },
        Route::Login => html! { <pages::Login /> },
        Route::Users => html! {
            <RequireAuth administrator_only=true><pages::Users /></RequireAuth>
        },
        Route::ApiKeys => html! {
            <RequireAuth administrator_only=true><pages::ApiKeys /></RequireAuth>
        },
        Route::Invitation => html! { <pages::Invitation /> },
        Route::Account => html! { <RequireAuth><pages::Account /></RequireAuth> },
        Route::Subscription => html! {
            <RequireAuth administrator_only=true><pages::Subscription /></RequireAuth>
        },
        Route::Invoices => html! {
            <RequireAuth administrator_only=true><pages::Invoices /></RequireAuth>
        },
        Route::Invoice { id } => html! {
            <RequireAuth administrator_only=true><pages::Invoice {id} /></RequireAuth>
        },
        Route::Timeline => html! { <RequireAuth><pages::Timeline /></RequireAuth> },
        Route::Quotations => html! { <RequireAuth><pages::sales::Quotations /></RequireAuth> },
        Route::QuotationNew => html! { <RequireAuth><pages::sales::QuotationForm /></RequireAuth> },
        Route::Quotation { id } => html! { <RequireAuth><pages::sales::Quotation {id} /></RequireAuth> },
        Route::QuotationEdit { id } => html! { <RequireAuth><pages::sales::QuotationForm id={Some(id)} /></RequireAuth> },
        Route::PublicQuotation { token } => html! { <pages::sales::PublicQuotation token={token} /> },
        Route::SalesInvoices => html! { <RequireAuth><pages::sales::SalesInvoices /></RequireAuth> },
        Route::SalesInvoiceNew => html! { <RequireAuth><pages::sales::SalesInvoiceForm /></RequireAuth> },
        Route::SalesInvoice { id } => html! { <RequireAuth><pages::sales::SalesInvoice {id} /></RequireAuth> },
        Route::SalesInvoiceEdit { id } => html! { <RequireAuth><pages::sales::SalesInvoiceForm id={Some(id)} /></RequireAuth> },
        Route::InvoicingSettings => html! {
            <RequireAuth administrator_only=true><pages::sales::InvoicingSettings /></RequireAuth>
        },
        Route::OperatorLogin => html! { <pages::OperatorLogin /> },
        Route::Operator => html! { <RequireOperator><pages::OperatorTenants /></RequireOperator> },
        Route::NotFound => html! { <pages::NotFound /> },
    }
}
