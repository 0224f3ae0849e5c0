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
    #[at("/crm/companies")]
    CrmCompanies,
    #[at("/crm/companies/:id")]
    CrmCompany { id: Uuid },
    #[at("/crm/contacts")]
    CrmContacts,
    #[at("/crm/contacts/:id")]
    CrmContact { id: Uuid },
    /// The pipeline (chart and board) and the deal list.
    #[at("/crm/deals")]
    CrmDeals,
    #[at("/crm/deals/:id")]
    CrmDeal { id: Uuid },
    #[at("/calendar")]
    Calendar,
    #[at("/projects")]
    Projects,
    #[at("/projects/:id")]
    Project { id: Uuid },
    #[at("/tickets")]
    Tickets,
    #[at("/tickets/:id")]
    Ticket { id: Uuid },
    #[at("/calls")]
    Calls,
    /// The person's own privacy requests.
    #[at("/privacy/requests")]
    PrivacyRequests,
    /// The privacy centre: my data, my consents, cookie settings.
    #[at("/privacy")]
    Privacy,
    /// A policy document (terms, privacy, cookies, dpa), public.
    #[at("/legal/:doc")]
    Legal { doc: String },
    #[at("/legal/:doc/:version")]
    LegalVersion { doc: String, version: String },
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
    /// The operator's queue of privacy requests.
    #[at("/operator/privacy")]
    OperatorPrivacy,
    /// The operator's prospects (marketing contacts without an account).
    #[at("/operator/prospects")]
    OperatorProspects,
    /// The public status page (terms art. 20).
    #[at("/status")]
    Status,
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
        Route::CrmCompanies => html! { <RequireAuth><pages::crm::Companies /></RequireAuth> },
        Route::CrmCompany { id } => {
            html! { <RequireAuth><pages::crm::CompanyDetail {id} /></RequireAuth> }
        }
        Route::CrmContacts => html! { <RequireAuth><pages::crm::Contacts /></RequireAuth> },
        Route::CrmContact { id } => {
            html! { <RequireAuth><pages::crm::ContactDetail {id} /></RequireAuth> }
        }
        Route::CrmDeals => html! { <RequireAuth><pages::crm::Deals /></RequireAuth> },
        Route::CrmDeal { id } => {
            html! { <RequireAuth><pages::crm::DealDetailPage {id} /></RequireAuth> }
        }
        Route::Calendar => html! { <RequireAuth><pages::work::Calendar /></RequireAuth> },
        Route::Projects => html! { <RequireAuth><pages::work::Projects /></RequireAuth> },
        Route::Project { id } => html! { <RequireAuth><pages::work::Project {id} /></RequireAuth> },
        Route::Tickets => html! { <RequireAuth><pages::work::Tickets /></RequireAuth> },
        Route::Ticket { id } => html! { <RequireAuth><pages::work::Ticket {id} /></RequireAuth> },
        Route::Calls => html! { <RequireAuth><pages::work::Calls /></RequireAuth> },
        Route::PrivacyRequests => html! { <RequireAuth><pages::PrivacyRequests /></RequireAuth> },
        Route::Privacy => html! { <RequireAuth><pages::Privacy /></RequireAuth> },
        Route::Legal { doc } => {
            let key = doc.clone();
            html! { <pages::Legal {key} doc={doc} /> }
        }
        Route::LegalVersion { doc, version } => {
            let key = format!("{doc}/{version}");
            html! { <pages::Legal {key} doc={doc} version={Some(AttrValue::from(version))} /> }
        }
        Route::Quotations => html! { <RequireAuth><pages::sales::Quotations /></RequireAuth> },
        Route::QuotationNew => html! { <RequireAuth><pages::sales::QuotationForm /></RequireAuth> },
        Route::Quotation { id } => {
            html! { <RequireAuth><pages::sales::Quotation {id} /></RequireAuth> }
        }
        Route::QuotationEdit { id } => {
            html! { <RequireAuth><pages::sales::QuotationForm id={Some(id)} /></RequireAuth> }
        }
        Route::PublicQuotation { token } => {
            html! { <pages::sales::PublicQuotation token={token} /> }
        }
        Route::SalesInvoices => {
            html! { <RequireAuth><pages::sales::SalesInvoices /></RequireAuth> }
        }
        Route::SalesInvoiceNew => {
            html! { <RequireAuth><pages::sales::SalesInvoiceForm /></RequireAuth> }
        }
        Route::SalesInvoice { id } => {
            html! { <RequireAuth><pages::sales::SalesInvoice {id} /></RequireAuth> }
        }
        Route::SalesInvoiceEdit { id } => {
            html! { <RequireAuth><pages::sales::SalesInvoiceForm id={Some(id)} /></RequireAuth> }
        }
        Route::InvoicingSettings => html! {
            <RequireAuth administrator_only=true><pages::sales::InvoicingSettings /></RequireAuth>
        },
        Route::OperatorLogin => html! { <pages::OperatorLogin /> },
        Route::Operator => html! { <RequireOperator><pages::OperatorTenants /></RequireOperator> },
        Route::OperatorPrivacy => {
            html! { <RequireOperator><pages::OperatorPrivacy /></RequireOperator> }
        }
        Route::OperatorProspects => {
            html! { <RequireOperator><pages::OperatorProspects /></RequireOperator> }
        }
        Route::Status => html! { <pages::Status /> },
        Route::NotFound => html! { <pages::NotFound /> },
    }
}
