//! The sales pages: quotations (and the customer's public page), sales
//! invoices and the invoicing settings.

mod invoice;
mod invoice_form;
mod invoices;
mod lines;
mod public_quotation;
mod quotation;
mod quotation_form;
mod quotations;
mod settings;

pub use invoice::SalesInvoice;
pub use invoice_form::SalesInvoiceForm;
pub use invoices::SalesInvoices;
pub use public_quotation::PublicQuotation;
pub use quotation::Quotation;
pub use quotation_form::QuotationForm;
pub use quotations::Quotations;
pub use settings::InvoicingSettings;
