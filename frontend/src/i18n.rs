//! Every string the SPA shows, in English ([`EN`]), Dutch ([`NL`]) and French
//! ([`FR`], both Belgian), picked by the person's language ([`lang`]), plus
//! the formatting of money and dates per language. Placeholders in braces
//! (`{n}`) are filled by [`fill`].

pub mod consent;
pub mod integrations;
pub mod privacy;
pub mod problems;
pub mod prospects;
pub mod rates;
pub mod work;

pub mod sales;

use chrono::{DateTime, Local, NaiveDate, Utc};
use rust_decimal::{Decimal, RoundingStrategy};

pub mod crm;
pub mod dashboard;
pub mod navigation;

/// The UI's sentences in one language.
#[derive(Debug)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct Text {
    pub account_profile: &'static str,
    pub account_title: &'static str,
    pub actions: &'static str,
    pub administrator_only: &'static str,
    pub api_keys_empty: &'static str,
    pub api_keys_lead: &'static str,
    pub api_keys_title: &'static str,
    pub ask_administrator_to_order: &'static str,
    pub back_to_invoices: &'static str,
    pub basic_included: &'static str,
    pub cancel: &'static str,
    pub cancel_before_1: &'static str,
    pub cancel_before_2: &'static str,
    pub cancel_explained: &'static str,
    pub cancel_lead: &'static str,
    pub cancel_no_notice: &'static str,
    pub cancel_notice: &'static str,
    pub cancel_notice_hint: &'static str,
    pub cancel_notice_option: &'static str,
    pub cancel_question: &'static str,
    pub cancel_reason: &'static str,
    pub cancel_reason_hint: &'static str,
    pub cancel_subscription: &'static str,
    pub cancel_title: &'static str,
    pub cancellation_deadline: &'static str,
    pub cancellation_done: &'static str,
    pub change_lead: &'static str,
    pub change_password: &'static str,
    pub change_submit: &'static str,
    pub change_title: &'static str,
    pub changes_saved: &'static str,
    pub choose: &'static str,
    pub choose_plan: &'static str,
    pub company_name: &'static str,
    pub confirm: &'static str,
    pub confirm_password: &'static str,
    pub contract_cancelled: &'static str,
    pub contract_status: &'static str,
    pub contract_title: &'static str,
    pub copied: &'static str,
    pub copy: &'static str,
    pub copy_failed: &'static str,
    pub country: &'static str,
    pub create_key: &'static str,
    pub create_key_title: &'static str,
    pub created: &'static str,
    pub current_password: &'static str,
    pub current_term: &'static str,
    pub dashboard_company: &'static str,
    pub dashboard_no_contract: &'static str,
    pub dashboard_on_trial: &'static str,
    pub dashboard_subscription: &'static str,
    pub dashboard_welcome: &'static str,
    pub dashboard_you: &'static str,
    pub deactivate: &'static str,
    pub deactivate_question: &'static str,
    pub deactivation_due_by: &'static str,
    pub delivered_at: &'static str,
    pub delivery: &'static str,
    pub description: &'static str,
    pub discount: &'static str,
    pub download_pdf: &'static str,
    pub download_ubl: &'static str,
    pub downloading: &'static str,
    pub email: &'static str,
    pub error_network: &'static str,
    pub error_session_expired: &'static str,
    pub error_unexpected: &'static str,
    pub excl_vat: &'static str,
    pub expired: &'static str,
    pub expires: &'static str,
    pub expires_hint: &'static str,
    pub expires_optional: &'static str,
    pub export_window: &'static str,
    pub export_window_days: &'static str,
    pub export_window_days_hint: &'static str,
    pub extra_seats: &'static str,
    pub extra_seats_hint: &'static str,
    pub first_name: &'static str,
    pub footer: &'static str,
    pub form_has_errors: &'static str,
    pub function: &'static str,
    pub function_optional: &'static str,
    pub invalid_amount: &'static str,
    pub invalid_date: &'static str,
    pub invalid_days: &'static str,
    pub invalid_seats: &'static str,
    pub invitation_lead: &'static str,
    pub invitation_missing: &'static str,
    pub invitation_submit: &'static str,
    pub invitation_title: &'static str,
    pub invite_created: &'static str,
    pub invite_lead: &'static str,
    pub invite_link: &'static str,
    pub invite_submit: &'static str,
    pub invite_title: &'static str,
    pub invoice_date: &'static str,
    pub invoice_due: &'static str,
    pub invoice_lines: &'static str,
    pub invoice_number: &'static str,
    pub invoices_empty: &'static str,
    pub invoices_lead: &'static str,
    pub invoices_list_title: &'static str,
    pub invoices_title: &'static str,
    pub keep_subscription: &'static str,
    pub key_active: &'static str,
    pub key_created: &'static str,
    pub key_name: &'static str,
    pub key_name_hint: &'static str,
    pub key_prefix: &'static str,
    pub last_login: &'static str,
    pub last_name: &'static str,
    pub last_used: &'static str,
    pub liability_cap: &'static str,
    pub liability_cap_hint: &'static str,
    pub loading: &'static str,
    pub log_in: &'static str,
    pub log_out: &'static str,
    pub logged_out: &'static str,
    pub login_no_account: &'static str,
    pub login_submitting: &'static str,
    pub login_title: &'static str,
    pub modules: &'static str,
    pub modules_unavailable: &'static str,
    pub name: &'static str,
    pub nav_account: &'static str,
    pub nav_api_keys: &'static str,
    pub nav_dashboard: &'static str,
    pub nav_invoices: &'static str,
    pub nav_label: &'static str,
    pub nav_operator_tenants: &'static str,
    pub nav_subscription: &'static str,
    pub nav_timeline: &'static str,
    pub nav_users: &'static str,
    pub net_amount: &'static str,
    pub never: &'static str,
    pub new_password: &'static str,
    pub next_price: &'static str,
    pub next_renewal: &'static str,
    pub no_contract: &'static str,
    pub no_modules: &'static str,
    pub nonconformity_description: &'static str,
    pub nonconformity_lead: &'static str,
    pub nonconformity_reported: &'static str,
    pub nonconformity_required: &'static str,
    pub nonconformity_submit: &'static str,
    pub nonconformity_title: &'static str,
    pub not_found_body: &'static str,
    pub not_found_home: &'static str,
    pub not_found_title: &'static str,
    pub operator_login_lead: &'static str,
    pub operator_login_tenant_session: &'static str,
    pub operator_login_title: &'static str,
    pub order_lead: &'static str,
    pub order_lead_trial: &'static str,
    pub order_placed: &'static str,
    pub order_submit: &'static str,
    pub order_submitting: &'static str,
    pub order_terms: &'static str,
    pub order_title: &'static str,
    pub password: &'static str,
    pub password_changed: &'static str,
    pub password_hint: &'static str,
    pub passwords_differ: &'static str,
    pub pay_by_transfer: &'static str,
    pub pay_collected: &'static str,
    pub payment_method: &'static str,
    pub payment_title: &'static str,
    pub per_year: &'static str,
    pub phone: &'static str,
    pub phone_optional: &'static str,
    pub price_change_done: &'static str,
    pub price_change_effective_from: &'static str,
    pub price_change_effective_hint: &'static str,
    pub price_change_item: &'static str,
    pub price_change_item_required: &'static str,
    pub price_change_lead: &'static str,
    pub price_change_price: &'static str,
    pub price_change_price_hint: &'static str,
    pub price_change_submit: &'static str,
    pub price_change_title: &'static str,
    pub price_per_term: &'static str,
    pub price_summary: &'static str,
    pub price_summary_hint: &'static str,
    pub product_name: &'static str,
    pub product_name_operator: &'static str,
    pub quantity: &'static str,
    pub reactivate: &'static str,
    pub reactivate_question: &'static str,
    pub reinstate: &'static str,
    pub reinstate_question: &'static str,
    pub renews_on: &'static str,
    pub request_id: &'static str,
    pub retry: &'static str,
    pub revoke: &'static str,
    pub revoke_question: &'static str,
    pub revoked_on: &'static str,
    pub role: &'static str,
    pub seats: &'static str,
    pub seats_next_term: &'static str,
    pub seats_used_of: &'static str,
    pub secret: &'static str,
    pub secret_stored: &'static str,
    pub secret_warning: &'static str,
    pub shown_once: &'static str,
    pub signup_accept: &'static str,
    pub signup_administrator: &'static str,
    pub signup_company: &'static str,
    pub signup_have_account: &'static str,
    pub signup_lead: &'static str,
    pub signup_link: &'static str,
    pub signup_must_accept: &'static str,
    pub signup_policies: &'static str,
    pub signup_policy_missing: &'static str,
    pub signup_submit: &'static str,
    pub signup_submitting: &'static str,
    pub signup_title: &'static str,
    pub skip_to_content: &'static str,
    pub started_at: &'static str,
    pub status: &'static str,
    pub structured_communication: &'static str,
    pub subscription_title: &'static str,
    pub suspend: &'static str,
    pub suspend_question: &'static str,
    pub taxable_amount: &'static str,
    pub tenant_reinstated: &'static str,
    pub tenant_suspended: &'static str,
    pub tenant_terminated: &'static str,
    pub tenants_empty: &'static str,
    pub tenants_title: &'static str,
    pub term_ends: &'static str,
    pub term_length: &'static str,
    pub term_length_hint: &'static str,
    pub terminate: &'static str,
    pub terminate_lead: &'static str,
    pub terminate_question: &'static str,
    pub terminate_reason: &'static str,
    pub terminate_since: &'static str,
    pub terminate_since_hint: &'static str,
    pub terminate_title: &'static str,
    pub timeline_empty: &'static str,
    pub timeline_title: &'static str,
    pub total_excl_vat: &'static str,
    pub total_incl_vat: &'static str,
    pub total_per_term: &'static str,
    pub trial_days_left: &'static str,
    pub trial_ends: &'static str,
    pub trial_one_day_left: &'static str,
    pub unit_price: &'static str,
    pub users: &'static str,
    pub users_empty: &'static str,
    pub users_title: &'static str,
    pub vat: &'static str,
    pub vat_amount: &'static str,
    pub vat_number: &'static str,
    pub street: &'static str,
    pub postal_code: &'static str,
    pub city: &'static str,
    pub vat_number_hint: &'static str,
    pub vat_rate: &'static str,
    pub vat_summary: &'static str,
    pub dispute_done: &'static str,
    pub dispute_invoice_number: &'static str,
    pub dispute_invoice_number_hint: &'static str,
    pub dispute_last_day: &'static str,
    pub dispute_lead: &'static str,
    pub dispute_lodged_at: &'static str,
    pub dispute_number_required: &'static str,
    pub dispute_reasons: &'static str,
    pub dispute_reasons_required: &'static str,
    pub dispute_submit: &'static str,
    pub dispute_title: &'static str,
    pub nav_statement_link: &'static str,
    pub settlement_amount: &'static str,
    pub settlement_component: &'static str,
    pub settlement_on: &'static str,
    pub settlement_reference: &'static str,
    pub settlements_empty: &'static str,
    pub settlements_title: &'static str,
    pub statement_as_of: &'static str,
    pub statement_compensation: &'static str,
    pub statement_empty: &'static str,
    pub statement_interest: &'static str,
    pub statement_other_charges: &'static str,
    pub statement_overdue: &'static str,
    pub statement_principal: &'static str,
    pub statement_principal_open: &'static str,
    pub statement_regime: &'static str,
    pub statement_rule_b2b: &'static str,
    pub statement_rule_consumer: &'static str,
    pub statement_title: &'static str,
    pub statement_total_open: &'static str,
    pub statement_unallocated_credit: &'static str,
    pub suspended_ask_administrator: &'static str,
    pub suspended_banner: &'static str,
}

/// English.
pub const EN: Text = Text {
    account_profile: "Your profile",
    account_title: "Your account",
    actions: "Actions",
    administrator_only: "Only the Administrator of your company can open this page.",
    api_keys_empty: "No API keys yet. Create one for each integration that needs access.",
    api_keys_lead: "API keys let other software (a webshop, an accounting package) use Ecom on your company's behalf. They have the same rights as the Administrator.",
    api_keys_title: "API keys",
    ask_administrator_to_order: "Your Administrator can choose a plan.",
    back_to_invoices: "← All invoices",
    basic_included: "Always included, with the Administrator's seat.",
    cancel: "Cancel",
    cancel_before_1: "Cancel before ",
    cancel_before_2: " to stop the renewal.",
    cancel_explained: "Your subscription then ends on {last_day} and does not renew. Money already paid is not refunded. Until then everything keeps working, and you can export your data.",
    cancel_lead: "Stops the renewal: your subscription ends after {last_day}.",
    cancel_no_notice: "No notice: cancel in time for the current term",
    cancel_notice: "A change notice to cite (optional)",
    cancel_notice_hint: "After a notice of a price, terms or service change you may cancel within 30 days of it, even after the cancellation deadline.",
    cancel_notice_option: "{kind}: {summary} (until {until})",
    cancel_question: "Stop the renewal? Your subscription ends after {last_day}.",
    cancel_reason: "Why are you leaving? (optional)",
    cancel_reason_hint: "It helps us improve; it does not change the cancellation.",
    cancel_subscription: "Cancel subscription",
    cancel_title: "Cancel the subscription",
    cancellation_deadline: "Cancellation deadline",
    cancellation_done: "Your subscription is cancelled: it will not renew.",
    change_lead: "More seats or an extra module: charged now for the rest of the term. Fewer seats or a module removed: from the next term.",
    change_password: "Change password",
    change_submit: "Save changes",
    change_title: "Change seats or modules",
    changes_saved: "Your changes are saved.",
    choose: "Choose...",
    choose_plan: "Choose a plan",
    company_name: "Company name",
    confirm: "Confirm",
    confirm_password: "Repeat the password",
    contract_cancelled: "Cancelled on {cancelled}: your subscription ends after {last_day} and will not renew.",
    contract_status: "Contract",
    contract_title: "Your contract",
    copied: "Copied to the clipboard.",
    copy: "Copy",
    copy_failed: "Copying failed: select the text and copy it yourself.",
    country: "Country",
    create_key: "Create key",
    create_key_title: "Create an API key",
    created: "Created",
    current_password: "Current password",
    current_term: "Current term",
    dashboard_company: "Your company",
    dashboard_no_contract: "You have no subscription.",
    dashboard_on_trial: "You are on the free trial: {n} days left.",
    dashboard_subscription: "Subscription",
    dashboard_welcome: "Welcome,",
    dashboard_you: "You",
    deactivate: "Deactivate",
    deactivate_question: "Deactivate {name}? They will no longer be able to log in.",
    deactivation_due_by: "Accounts deactivated by",
    delivered_at: "since {date}",
    delivery: "Delivery",
    description: "Description",
    discount: "Discount",
    download_pdf: "Download PDF",
    download_ubl: "Download UBL (e-invoice)",
    downloading: "Downloading...",
    email: "E-mail address",
    error_network: "The server cannot be reached. Check your connection and try again.",
    error_session_expired: "Your session has ended. Please log in again.",
    error_unexpected: "Something went wrong on our side (HTTP {status}). Please try again later.",
    excl_vat: "excl. VAT",
    expired: "Expired",
    expires: "Expires",
    expires_hint: "Leave empty for a key that does not expire.",
    expires_optional: "Expires on (optional)",
    export_window: "You can export your data until {date}.",
    export_window_days: "Export window (days)",
    export_window_days_hint: "How long the Client may still export its data. 30 if left empty.",
    extra_seats: "Extra users",
    extra_seats_hint: "Beyond the Administrator; {price} per user per year.",
    first_name: "First name",
    footer: "Ecom. Only strictly necessary storage is used: your session is kept in this browser tab until you log out or close it.",
    form_has_errors: "Some fields need your attention.",
    function: "Function",
    function_optional: "Function (optional)",
    invalid_amount: "Enter an amount above 0 with at most two decimals, e.g. 540.00.",
    invalid_date: "Enter a date as YYYY-MM-DD.",
    invalid_days: "Enter a whole number of days.",
    invalid_seats: "Enter a whole number of 0 or more.",
    invitation_lead: "You have been invited to join your company's Ecom account. Choose a password to activate your account.",
    invitation_missing: "This invitation link is incomplete. Ask your Administrator to send you the link again.",
    invitation_submit: "Activate my account",
    invitation_title: "Accept your invitation",
    invite_created: "Invitation created for {email}. The link works once, until {expires}. Send it to them yourself.",
    invite_lead: "The invited person chooses their own password with the link you send them.",
    invite_link: "Invitation link",
    invite_submit: "Invite",
    invite_title: "Invite a user",
    invoice_date: "Date",
    invoice_due: "Due",
    invoice_lines: "Lines",
    invoice_number: "Number",
    invoices_empty: "No invoices yet. Your first invoice is issued when you order.",
    invoices_lead: "Ecom's invoices to your company, newest first.",
    invoices_list_title: "All invoices",
    invoices_title: "Invoices",
    keep_subscription: "Keep my subscription",
    key_active: "Active",
    key_created: "API key '{name}' created.",
    key_name: "Name",
    key_name_hint: "What the key is for, e.g. the integration's name.",
    key_prefix: "Prefix",
    last_login: "Last log-in",
    last_name: "Last name",
    last_used: "Last used",
    liability_cap: "Liability cap",
    liability_cap_hint: "The value of your last invoice (terms art. 16).",
    loading: "Loading...",
    log_in: "Log in",
    log_out: "Log out",
    logged_out: "You have logged out.",
    login_no_account: "No account yet?",
    login_submitting: "Logging in...",
    login_title: "Log in to Ecom",
    modules: "Modules",
    modules_unavailable: "Your free trial has ended. You can still log in, order a subscription, export your data and read your invoices.",
    name: "Name",
    nav_account: "Account",
    nav_api_keys: "API keys",
    nav_dashboard: "Dashboard",
    nav_invoices: "Invoices",
    nav_label: "Main",
    nav_operator_tenants: "Tenants",
    nav_subscription: "Subscription",
    nav_timeline: "Timeline",
    nav_users: "Users",
    net_amount: "Net",
    never: "Never",
    new_password: "New password",
    next_price: "{price} per year from {date}",
    next_renewal: "Next renewal",
    no_contract: "No contract",
    no_modules: "Basic Package only",
    nonconformity_description: "What does not conform?",
    nonconformity_lead: "Something is not as agreed? Report it before {deadline}; after that the delivery counts as accepted.",
    nonconformity_reported: "Your report has been recorded.",
    nonconformity_required: "Describe what does not conform.",
    nonconformity_submit: "Report a non-conformity",
    nonconformity_title: "Report a non-conformity",
    not_found_body: "The page you asked for does not exist or has moved.",
    not_found_home: "Go to the dashboard",
    not_found_title: "Page not found",
    operator_login_lead: "For Ecom staff. Companies log in on the usual log-in page.",
    operator_login_tenant_session: "You are logged in to a company's account. Log out first to log in as an operator.",
    operator_login_title: "Operator log-in",
    order_lead: "Choose your plan. Prices are per year, excluding VAT; each term renews automatically unless you cancel at least 15 days before it ends.",
    order_lead_trial: "Your free trial has {n} days left. Choose your plan to keep using Ecom afterwards.",
    order_placed: "Thank you: your subscription has started. Your first invoice is ready.",
    order_submit: "Order",
    order_submitting: "Ordering...",
    order_terms: "By ordering you agree to pay the price per term, excluding VAT. The invoice is issued now and before each following term.",
    order_title: "Choose a plan",
    password: "Password",
    password_changed: "Your password has been changed. Other sessions have been logged out.",
    password_hint: "At least 10 characters.",
    passwords_differ: "The two passwords are not the same.",
    pay_by_transfer: "Please transfer {amount} by {due}, quoting the structured communication below.",
    pay_collected: "{amount} is collected by {method} on {date}. The structured communication identifies the payment.",
    payment_method: "Payment",
    payment_title: "Payment",
    per_year: "per year",
    phone: "Phone",
    phone_optional: "Phone (optional)",
    price_change_done: "Price change announced from {date}; {n} Clients notified.",
    price_change_effective_from: "Applies from",
    price_change_effective_hint: "At least one month from today for existing Clients.",
    price_change_item: "Item",
    price_change_item_required: "Choose the item whose price changes.",
    price_change_lead: "Existing Clients are notified at once and may terminate within 30 days of the notice.",
    price_change_price: "New annual price (EUR, excl. VAT)",
    price_change_price_hint: "E.g. 540.00",
    price_change_submit: "Announce price change",
    price_change_title: "Announce a price change",
    price_per_term: "Price per term",
    price_summary: "Price summary",
    price_summary_hint: "Excluding VAT. An estimate: the contract shows the price that applies.",
    product_name: "Ecom",
    product_name_operator: "Ecom operator",
    quantity: "Quantity",
    reactivate: "Reactivate",
    reactivate_question: "Reactivate {name}?",
    reinstate: "Reinstate",
    reinstate_question: "Reinstate {name}? Its people can use Ecom again.",
    renews_on: "It renews on {date} for another {term}.",
    request_id: "Support reference:",
    retry: "Try again",
    revoke: "Revoke",
    revoke_question: "Revoke the key '{name}'? Integrations using it stop working at once.",
    revoked_on: "Revoked {date}",
    role: "Role",
    seats: "Users",
    seats_next_term: "{n} from the next term",
    seats_used_of: "{used} of {ordered} in use",
    secret: "Secret key",
    secret_stored: "I have stored the key",
    secret_warning: "Copy this key now and store it safely. It will not be shown again.",
    shown_once: "This link is shown only once.",
    signup_accept: "I accept the {title} (version {version}).",
    signup_administrator: "About you",
    signup_company: "Your company",
    signup_have_account: "Already have an account?",
    signup_lead: "Try Ecom free for 15 days. No payment details needed.",
    signup_link: "Start a free trial",
    signup_must_accept: "You must accept this document to register.",
    signup_policies: "Agreements",
    signup_policy_missing: "This document is not available right now; please try again later.",
    signup_submit: "Start my free trial",
    signup_submitting: "Creating your account...",
    signup_title: "Start your free trial",
    skip_to_content: "Skip to content",
    started_at: "Client since",
    status: "Status",
    structured_communication: "Structured communication",
    subscription_title: "Subscription",
    suspend: "Suspend",
    suspend_question: "Suspend {name}? Its people can no longer use Ecom until reinstated.",
    taxable_amount: "Taxable amount",
    tenant_reinstated: "{name} is reinstated.",
    tenant_suspended: "{name} is suspended.",
    tenant_terminated: "{name} is terminated; its Administrator has been told until when the data can be exported.",
    tenants_empty: "No tenants yet.",
    tenants_title: "Tenants",
    term_ends: "Term ends",
    term_length: "Term",
    term_length_hint: "A quarter costs a quarter of the annual price. Each term renews for the same length.",
    terminate: "Terminate",
    terminate_lead: "Terminates the contract at once for an exceptional circumstance (terms art. 15). The Administrator account is deactivated and the Client is told until when it may export its data.",
    terminate_question: "Terminate {name} now? This cannot be undone.",
    terminate_reason: "Reason (terms art. 15)",
    terminate_since: "Since",
    terminate_since_hint: "For a breach: the day the Client received the notice of default; for force majeure: the day it began.",
    terminate_title: "Terminate {name}",
    timeline_empty: "Nothing has happened yet.",
    timeline_title: "Timeline",
    total_excl_vat: "Total excl. VAT",
    total_incl_vat: "Total incl. VAT",
    total_per_term: "Total",
    trial_days_left: "{n} days left",
    trial_ends: "Trial ends",
    trial_one_day_left: "1 day left",
    unit_price: "Unit price",
    users: "Users",
    users_empty: "No users yet.",
    users_title: "Users",
    vat: "VAT",
    vat_amount: "VAT",
    vat_number: "VAT number",
    street: "Street and number",
    postal_code: "Postal code",
    city: "City",
    vat_number_hint: "Optional, e.g. BE0123456749.",
    vat_rate: "VAT rate",
    vat_summary: "VAT summary",
    dispute_done: "Your dispute of invoice {number} has been recorded. It does not suspend the duty to pay.",
    dispute_invoice_number: "Invoice number",
    dispute_invoice_number_hint: "As printed on the invoice.",
    dispute_last_day: "Last day to dispute",
    dispute_lodged_at: "Received",
    dispute_lead: "Do you disagree with this invoice? Dispute it here, quoting its number and giving your reasons in detail (terms art. 10). A dispute does not suspend the duty to pay.",
    dispute_number_required: "Give the number of the invoice you dispute.",
    dispute_reasons: "Your reasons, in detail",
    dispute_reasons_required: "Give the reasons for your dispute in detail.",
    dispute_submit: "Dispute this invoice",
    dispute_title: "Dispute this invoice",
    nav_statement_link: "See the statement",
    settlement_amount: "Amount",
    settlement_component: "Paid towards",
    settlement_on: "Date",
    settlement_reference: "Payment",
    settlements_empty: "No payments received yet.",
    settlements_title: "What each payment paid",
    statement_as_of: "As of",
    statement_compensation: "Compensation",
    statement_empty: "Nothing to pay: no invoices yet.",
    statement_interest: "Interest",
    statement_other_charges: "Other costs",
    statement_overdue: "Overdue",
    statement_principal: "Invoice amount",
    statement_principal_open: "Unpaid",
    statement_regime: "Late-payment rules",
    statement_rule_b2b: "An invoice not paid by its due date bears interest of 1 % per started month of delay and a fixed compensation of 20 % of the amount excluding VAT, at least € 150 (terms art. 11).",
    statement_rule_consumer: "An invoice not paid by its due date bears the interest and compensation the law allows towards consumers, only after a free reminder (Code of Economic Law, Book XIX).",
    statement_title: "Statement",
    statement_total_open: "Total open",
    statement_unallocated_credit: "Credit for your next invoices",
    suspended_ask_administrator: "Your Administrator can see the statement.",
    suspended_banner: "Access is suspended until the overdue invoices are paid.",
};

pub mod consent_gate;
mod fr;
pub mod locale;
mod nl;
pub mod ui;

pub use fr::FR;
pub use nl::NL;

/// A language of the UI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Nl,
    Fr,
}

impl Lang {
    /// Every language, in the order the language menu offers them.
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Nl, Lang::Fr];

    /// The short code stored in session storage and the `lang` cookie.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Nl => "nl",
            Lang::Fr => "fr",
        }
    }

    /// The BCP 47 tag for `<html lang>`: Belgian Dutch and French.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Nl => "nl-BE",
            Lang::Fr => "fr-BE",
        }
    }

    /// The language's name in itself, as a language menu shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Nl => "Nederlands",
            Lang::Fr => "Français",
        }
    }

    /// The language a BCP 47 tag asks for (`nl-BE`, `fr`, `en-GB`), if the
    /// UI has it.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag
            .split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "nl" => Some(Lang::Nl),
            "fr" => Some(Lang::Fr),
            _ => None,
        }
    }

    /// The first of the browser's preferred languages the UI has, else
    /// English.
    pub fn preferred<'a>(tags: impl IntoIterator<Item = &'a str>) -> Lang {
        tags.into_iter()
            .find_map(Lang::from_tag)
            .unwrap_or(Lang::En)
    }
}

thread_local! {
    // The SPA runs on one thread; native unit tests each get their own.
    static CURRENT: std::cell::Cell<Lang> = const { std::cell::Cell::new(Lang::En) };
}

/// The person's language. Module string tables (`i18n/<module>.rs`: a struct
/// with `EN`, `NL` and `FR` values) pick theirs with it.
pub fn lang() -> Lang {
    CURRENT.with(std::cell::Cell::get)
}

/// Makes `lang` the UI's language. Only the app root calls it (through
/// [`locale::choose`]), and re-renders every page with a new key.
pub fn set_lang(lang: Lang) {
    CURRENT.with(|current| current.set(lang));
}

/// One of three values, by the person's language.
pub fn pick<T>(en: T, nl: T, fr: T) -> T {
    match lang() {
        Lang::En => en,
        Lang::Nl => nl,
        Lang::Fr => fr,
    }
}

/// The strings in the person's language.
pub fn text() -> &'static Text {
    pick(&EN, &NL, &FR)
}

/// Replaces each `{name}` in `template` by its value.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values
        .iter()
        .fold(template.to_owned(), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), value)
        })
}

/// Countries offered at sign-up, in English: ISO 3166-1 alpha-2 code and
/// name. Belgium first (the default), then the neighbours, then the rest of
/// the EU. Pages use [`countries`], which follows the person's language.
pub const COUNTRIES: &[(&str, &str)] = &[
    ("BE", "Belgium"),
    ("NL", "Netherlands"),
    ("FR", "France"),
    ("DE", "Germany"),
    ("LU", "Luxembourg"),
    ("AT", "Austria"),
    ("DK", "Denmark"),
    ("ES", "Spain"),
    ("FI", "Finland"),
    ("IE", "Ireland"),
    ("IT", "Italy"),
    ("PL", "Poland"),
    ("PT", "Portugal"),
    ("SE", "Sweden"),
];

const COUNTRIES_NL: &[(&str, &str)] = &[
    ("BE", "België"),
    ("NL", "Nederland"),
    ("FR", "Frankrijk"),
    ("DE", "Duitsland"),
    ("LU", "Luxemburg"),
    ("AT", "Oostenrijk"),
    ("DK", "Denemarken"),
    ("ES", "Spanje"),
    ("FI", "Finland"),
    ("IE", "Ierland"),
    ("IT", "Italië"),
    ("PL", "Polen"),
    ("PT", "Portugal"),
    ("SE", "Zweden"),
];

const COUNTRIES_FR: &[(&str, &str)] = &[
    ("BE", "Belgique"),
    ("NL", "Pays-Bas"),
    ("FR", "France"),
    ("DE", "Allemagne"),
    ("LU", "Luxembourg"),
    ("AT", "Autriche"),
    ("DK", "Danemark"),
    ("ES", "Espagne"),
    ("FI", "Finlande"),
    ("IE", "Irlande"),
    ("IT", "Italie"),
    ("PL", "Pologne"),
    ("PT", "Portugal"),
    ("SE", "Suède"),
];

/// The countries offered at sign-up, named in the person's language (same
/// codes and order as [`COUNTRIES`]).
pub fn countries() -> &'static [(&'static str, &'static str)] {
    pick(COUNTRIES, COUNTRIES_NL, COUNTRIES_FR)
}

/// A country's name, or its code when not in the list.
pub fn country(code: &str) -> String {
    label(countries(), code)
}

/// A tenant status (`trial`, `trial_expired`, ...) for people.
pub fn tenant_status(status: &str) -> String {
    label(
        pick(
            &[
                ("trial", "Free trial"),
                ("trial_expired", "Trial ended"),
                ("active", "Active"),
                ("suspended", "Suspended"),
                ("terminated", "Terminated"),
                ("deactivated", "Deactivated"),
            ],
            &[
                ("trial", "Gratis proefperiode"),
                ("trial_expired", "Proefperiode afgelopen"),
                ("active", "Actief"),
                ("suspended", "Geschorst"),
                ("terminated", "Beëindigd"),
                ("deactivated", "Gedeactiveerd"),
            ],
            &[
                ("trial", "Essai gratuit"),
                ("trial_expired", "Essai terminé"),
                ("active", "Actif"),
                ("suspended", "Suspendu"),
                ("terminated", "Résilié"),
                ("deactivated", "Désactivé"),
            ],
        ),
        status,
    )
}

/// A user's role.
pub fn role(role: &str) -> String {
    label(
        pick(
            &[("administrator", "Administrator"), ("user", "User")],
            &[("administrator", "Beheerder"), ("user", "Gebruiker")],
            &[("administrator", "Administrateur"), ("user", "Utilisateur")],
        ),
        role,
    )
}

/// A user account's status.
pub fn user_status(status: &str) -> String {
    label(
        pick(
            &[
                ("invited", "Invited"),
                ("active", "Active"),
                ("deactivated", "Deactivated"),
            ],
            &[
                ("invited", "Uitgenodigd"),
                ("active", "Actief"),
                ("deactivated", "Gedeactiveerd"),
            ],
            &[
                ("invited", "Invité"),
                ("active", "Actif"),
                ("deactivated", "Désactivé"),
            ],
        ),
        status,
    )
}

/// A day, in the person's time zone, written day first (31/12/2026) in all
/// three languages, as Belgians read dates.
pub fn date(at: &DateTime<Utc>) -> String {
    at.with_timezone(&Local).format("%d/%m/%Y").to_string()
}

/// A moment, in the person's time zone (31/12/2026 14:05).
pub fn date_time(at: &DateTime<Utc>) -> String {
    at.with_timezone(&Local)
        .format("%d/%m/%Y %H:%M")
        .to_string()
}

/// A calendar day (a `NaiveDate` from the server, already Belgian), written
/// day first (31/12/2026).
pub fn day(on: &NaiveDate) -> String {
    on.format("%d/%m/%Y").to_string()
}

/// An amount in euro for people, in the person's language: `€1,234.50` in
/// English; `1.234,50 €` in Dutch (Belgium); `1 234,50 €` in French
/// (Belgium), grouped by a narrow no-break space as CLDR's fr-BE does. The
/// space before `€` is a no-break space, so an amount never wraps.
pub fn money(amount: &Decimal) -> String {
    money_in(lang(), amount)
}

/// [`money`] in a given language.
pub fn money_in(lang: Lang, amount: &Decimal) -> String {
    let rounded = amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    let plain = format!("{:.2}", rounded.abs());
    let (units, cents) = plain.split_once('.').unwrap_or((plain.as_str(), "00"));
    let (group, decimal) = match lang {
        Lang::En => (',', '.'),
        Lang::Nl => ('.', ','),
        Lang::Fr => ('\u{202f}', ','),
    };
    let mut grouped = String::new();
    for (i, digit) in units.chars().enumerate() {
        if i > 0 && (units.len() - i) % 3 == 0 {
            grouped.push(group);
        }
        grouped.push(digit);
    }
    let sign = if rounded.is_sign_negative() && !rounded.is_zero() {
        "-"
    } else {
        ""
    };
    match lang {
        Lang::En => format!("{sign}€{grouped}{decimal}{cents}"),
        Lang::Nl | Lang::Fr => format!("{sign}{grouped}{decimal}{cents}\u{a0}€"),
    }
}

/// A looked-up label, or the code itself when the list does not know it.
fn label(list: &[(&str, &'static str)], code: &str) -> String {
    list.iter()
        .find(|(c, _)| *c == code)
        .map_or_else(|| code.to_owned(), |(_, name)| (*name).to_owned())
}

/// A contract's status.
pub fn contract_status(status: &str) -> String {
    label(
        pick(
            &[
                ("active", "Active"),
                ("cancelled", "Cancelled: ends with the current term"),
                ("ended", "Ended"),
                ("suspended", "Suspended"),
                ("terminated", "Terminated"),
                ("deactivated", "Deactivated"),
            ],
            &[
                ("active", "Actief"),
                ("cancelled", "Opgezegd: eindigt met de lopende periode"),
                ("ended", "Afgelopen"),
                ("suspended", "Geschorst"),
                ("terminated", "Beëindigd"),
                ("deactivated", "Gedeactiveerd"),
            ],
            &[
                ("active", "Actif"),
                (
                    "cancelled",
                    "Résilié\u{a0}: se termine avec la période en cours",
                ),
                ("ended", "Terminé"),
                ("suspended", "Suspendu"),
                ("terminated", "Résilié"),
                ("deactivated", "Désactivé"),
            ],
        ),
        status,
    )
}

/// `quarter` or `year`.
pub fn term_length(code: &str) -> String {
    label(
        pick(
            &[("quarter", "Quarter (3 months)"), ("year", "Year")],
            &[("quarter", "Kwartaal (3 maanden)"), ("year", "Jaar")],
            &[("quarter", "Trimestre (3 mois)"), ("year", "Année")],
        ),
        code,
    )
}

/// Per term, after an amount: "per quarter", "per year".
pub fn per_term(code: &str) -> String {
    label(
        pick(
            &[("quarter", "per quarter"), ("year", "per year")],
            &[("quarter", "per kwartaal"), ("year", "per jaar")],
            &[("quarter", "par trimestre"), ("year", "par an")],
        ),
        code,
    )
}

/// The delivery's state (terms art. 6).
pub fn delivery_state(state: &str) -> String {
    label(
        pick(
            &[
                ("open", "Delivered: you can report a non-conformity"),
                ("reported", "Non-conformity reported"),
                ("accepted", "Accepted"),
            ],
            &[
                ("open", "Geleverd: u kunt een non-conformiteit melden"),
                ("reported", "Non-conformiteit gemeld"),
                ("accepted", "Aanvaard"),
            ],
            &[
                (
                    "open",
                    "Livré\u{a0}: vous pouvez signaler une non-conformité",
                ),
                ("reported", "Non-conformité signalée"),
                ("accepted", "Accepté"),
            ],
        ),
        state,
    )
}

/// How an invoice is paid.
pub fn payment_method(method: &str) -> String {
    label(
        pick(
            &[
                ("credit_transfer", "Bank transfer"),
                ("direct_debit", "SEPA Direct Debit"),
                ("card", "Card"),
            ],
            &[
                ("credit_transfer", "Overschrijving"),
                ("direct_debit", "SEPA-domiciliëring"),
                ("card", "Kaart"),
            ],
            &[
                ("credit_transfer", "Virement"),
                ("direct_debit", "Domiciliation SEPA"),
                ("card", "Carte"),
            ],
        ),
        method,
    )
}

/// `invoice` or `credit_note`.
pub fn invoice_kind(kind: &str) -> String {
    label(
        pick(
            &[("invoice", "Invoice"), ("credit_note", "Credit note")],
            &[("invoice", "Factuur"), ("credit_note", "Creditnota")],
            &[("invoice", "Facture"), ("credit_note", "Note de crédit")],
        ),
        kind,
    )
}

/// What part of an invoice a payment paid (terms art. 11: costs first,
/// then compensation, interest and principal).
pub fn settlement_component(component: &str) -> String {
    label(
        pick(
            &[
                ("collection_costs", "Collection costs"),
                ("compensation", "Compensation"),
                ("liquidated_damages", "Liquidated damages"),
                ("interest", "Interest"),
                ("principal", "Invoice amount"),
            ],
            &[
                ("collection_costs", "Invorderingskosten"),
                ("compensation", "Schadevergoeding"),
                ("liquidated_damages", "Forfaitaire schadevergoeding"),
                ("interest", "Interest"),
                ("principal", "Factuurbedrag"),
            ],
            &[
                ("collection_costs", "Frais de recouvrement"),
                ("compensation", "Indemnité"),
                ("liquidated_damages", "Dommages et intérêts forfaitaires"),
                ("interest", "Intérêts"),
                ("principal", "Montant de la facture"),
            ],
        ),
        component,
    )
}

/// The late-payment regime of a statement: `b2b` or `consumer`.
pub fn billing_regime(regime: &str) -> String {
    label(
        pick(
            &[
                ("b2b", "Business client (terms art. 11)"),
                ("consumer", "Consumer (Code of Economic Law, Book XIX)"),
            ],
            &[
                ("b2b", "Zakelijke klant (voorwaarden art. 11)"),
                (
                    "consumer",
                    "Consument (Wetboek van economisch recht, boek XIX)",
                ),
            ],
            &[
                ("b2b", "Client professionnel (conditions art. 11)"),
                (
                    "consumer",
                    "Consommateur (Code de droit économique, livre XIX)",
                ),
            ],
        ),
        regime,
    )
}

/// The one-sentence late-payment rule of a regime.
pub fn late_payment_rule(regime: &str) -> &'static str {
    if regime == "consumer" {
        text().statement_rule_consumer
    } else {
        text().statement_rule_b2b
    }
}

/// What a change notice is about.
pub fn notice_kind(kind: &str) -> String {
    label(
        pick(
            &[
                ("price", "Price change"),
                ("terms", "Change of the terms"),
                ("service", "Change of the service"),
            ],
            &[
                ("price", "Prijswijziging"),
                ("terms", "Wijziging van de voorwaarden"),
                ("service", "Wijziging van de dienst"),
            ],
            &[
                ("price", "Changement de prix"),
                ("terms", "Modification des conditions"),
                ("service", "Modification du service"),
            ],
        ),
        kind,
    )
}

/// A timeline event's kind; unknown kinds are shown by their summary alone.
pub fn timeline_kind(kind: &str) -> String {
    label(
        pick(
            &[
                ("trial_started", "Trial started"),
                ("trial_ended", "Trial ended"),
                ("order_placed", "Subscription ordered"),
                ("delivered", "Delivered"),
                ("nonconformity_reported", "Non-conformity reported"),
                ("renewed", "Renewed"),
                ("cancelled", "Cancelled"),
                ("subscription_changed", "Subscription changed"),
                ("invoice_issued", "Invoice issued"),
                ("price_change_announced", "Price change announced"),
                ("suspended", "Suspended"),
                ("reinstated", "Reinstated"),
                ("terminated", "Terminated"),
                ("deactivated", "Deactivated"),
            ],
            &[
                ("trial_started", "Proefperiode gestart"),
                ("trial_ended", "Proefperiode afgelopen"),
                ("order_placed", "Abonnement besteld"),
                ("delivered", "Geleverd"),
                ("nonconformity_reported", "Non-conformiteit gemeld"),
                ("renewed", "Verlengd"),
                ("cancelled", "Opgezegd"),
                ("subscription_changed", "Abonnement gewijzigd"),
                ("invoice_issued", "Factuur opgemaakt"),
                ("price_change_announced", "Prijswijziging aangekondigd"),
                ("suspended", "Geschorst"),
                ("reinstated", "Hersteld"),
                ("terminated", "Beëindigd"),
                ("deactivated", "Gedeactiveerd"),
            ],
            &[
                ("trial_started", "Essai commencé"),
                ("trial_ended", "Essai terminé"),
                ("order_placed", "Abonnement commandé"),
                ("delivered", "Livré"),
                ("nonconformity_reported", "Non-conformité signalée"),
                ("renewed", "Renouvelé"),
                ("cancelled", "Résilié"),
                ("subscription_changed", "Abonnement modifié"),
                ("invoice_issued", "Facture émise"),
                ("price_change_announced", "Changement de prix annoncé"),
                ("suspended", "Suspendu"),
                ("reinstated", "Rétabli"),
                ("terminated", "Résilié"),
                ("deactivated", "Désactivé"),
            ],
        ),
        kind,
    )
}

/// Reasons the operator may terminate a contract at once (terms art. 15):
/// the request's `reason` code and its label, in English. Pages use
/// [`termination_reasons`].
pub const TERMINATION_REASONS: &[(&str, &str)] = &[
    (
        "incorrect_client_details",
        "The Client's details are incorrect",
    ),
    (
        "unremedied_material_breach",
        "Material breach not remedied after notice of default",
    ),
    (
        "illicit_or_inappropriate_use",
        "Illicit or inappropriate use of the service",
    ),
    (
        "agreement_based_on_incorrect_information",
        "Agreement based on incorrect information",
    ),
    (
        "ordered_for_unreasonable_reasons",
        "Ordered for unreasonable reasons",
    ),
    ("insolvency", "Bankruptcy or insolvency"),
    ("dishonesty", "Dishonesty"),
    ("prolonged_force_majeure", "Prolonged force majeure"),
];

const TERMINATION_REASONS_NL: &[(&str, &str)] = &[
    (
        "incorrect_client_details",
        "De gegevens van de klant zijn onjuist",
    ),
    (
        "unremedied_material_breach",
        "Ernstige tekortkoming niet hersteld na ingebrekestelling",
    ),
    (
        "illicit_or_inappropriate_use",
        "Onrechtmatig of ongepast gebruik van de dienst",
    ),
    (
        "agreement_based_on_incorrect_information",
        "Overeenkomst gesloten op basis van onjuiste informatie",
    ),
    (
        "ordered_for_unreasonable_reasons",
        "Besteld om onredelijke redenen",
    ),
    ("insolvency", "Faillissement of insolventie"),
    ("dishonesty", "Oneerlijkheid"),
    ("prolonged_force_majeure", "Langdurige overmacht"),
];

const TERMINATION_REASONS_FR: &[(&str, &str)] = &[
    (
        "incorrect_client_details",
        "Les données du client sont incorrectes",
    ),
    (
        "unremedied_material_breach",
        "Manquement grave non réparé après mise en demeure",
    ),
    (
        "illicit_or_inappropriate_use",
        "Usage illicite ou inapproprié du service",
    ),
    (
        "agreement_based_on_incorrect_information",
        "Convention conclue sur la base d'informations inexactes",
    ),
    (
        "ordered_for_unreasonable_reasons",
        "Commande pour des motifs déraisonnables",
    ),
    ("insolvency", "Faillite ou insolvabilité"),
    ("dishonesty", "Malhonnêteté"),
    ("prolonged_force_majeure", "Force majeure prolongée"),
];

/// The termination reasons (same codes and order as
/// [`TERMINATION_REASONS`]) in the person's language.
pub fn termination_reasons() -> &'static [(&'static str, &'static str)] {
    pick(
        TERMINATION_REASONS,
        TERMINATION_REASONS_NL,
        TERMINATION_REASONS_FR,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every field of a `Text`, by name, through its serde form.
    fn fields(text: &Text) -> Vec<(String, String)> {
        let value = serde_json::to_value(text).unwrap_or_default();
        value
            .as_object()
            .map(|map| {
                map.iter()
                    .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned()))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The `{placeholders}` of a template, sorted.
    fn placeholders(template: &str) -> Vec<String> {
        let mut found: Vec<String> = template
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_owned()))
            .collect();
        found.sort();
        found
    }

    #[test]
    fn every_language_has_every_string_with_the_same_placeholders() {
        let english = fields(&EN);
        assert!(english.len() > 250, "only {} fields seen", english.len());
        for (name, other) in [("nl", &NL), ("fr", &FR)] {
            let translated = fields(other);
            assert_eq!(translated.len(), english.len());
            for ((key, en), (key2, value)) in english.iter().zip(&translated) {
                assert_eq!(key, key2);
                assert!(!en.trim().is_empty(), "en.{key} is empty");
                assert!(!value.trim().is_empty(), "{name}.{key} is empty");
                assert_eq!(
                    placeholders(en),
                    placeholders(value),
                    "{name}.{key} placeholders"
                );
            }
        }
    }

    #[test]
    fn translations_are_not_copies_of_the_english() {
        // A few strings are the same word in two languages (Modules, Status,
        // Ecom); a mostly-English table means someone forgot to translate.
        for other in [&NL, &FR] {
            let same = fields(&EN)
                .iter()
                .zip(fields(other))
                .filter(|((_, en), (_, value))| en == value)
                .count();
            assert!(same < 15, "{same} strings left in English");
        }
    }

    #[test]
    fn helper_labels_exist_in_every_language() {
        for lang in Lang::ALL {
            set_lang(lang);
            for code in ["BE", "NL", "FR", "DE", "SE"] {
                assert_ne!(country(code), code);
            }
            for status in [
                "trial",
                "trial_expired",
                "active",
                "suspended",
                "terminated",
                "deactivated",
            ] {
                assert_ne!(tenant_status(status), status);
            }
            for kind in ["trial_started", "invoice_issued", "deactivated"] {
                assert_ne!(timeline_kind(kind), kind);
            }
            assert_eq!(countries().len(), COUNTRIES.len());
            assert_eq!(termination_reasons().len(), TERMINATION_REASONS.len());
            assert_ne!(role("administrator"), "administrator");
            assert_ne!(payment_method("direct_debit"), "direct_debit");
        }
        set_lang(Lang::Nl);
        assert_eq!(country("BE"), "België");
        assert_eq!(text().log_in, "Inloggen");
        set_lang(Lang::Fr);
        assert_eq!(country("BE"), "Belgique");
        assert_eq!(text().log_in, "Se connecter");
        set_lang(Lang::En);
    }

    #[test]
    fn the_browser_language_picks_the_ui_language() {
        assert_eq!(Lang::preferred(["nl-BE", "en"]), Lang::Nl);
        assert_eq!(Lang::preferred(["fr-BE"]), Lang::Fr);
        assert_eq!(Lang::preferred(["de-DE", "fr", "nl"]), Lang::Fr);
        assert_eq!(Lang::preferred(["de-DE"]), Lang::En);
        assert_eq!(Lang::preferred([]), Lang::En);
        assert_eq!(Lang::from_tag("NL_be"), Some(Lang::Nl));
        assert_eq!(Lang::from_tag(""), None);
        for lang in Lang::ALL {
            assert_eq!(Lang::from_tag(lang.code()), Some(lang));
            assert_eq!(Lang::from_tag(lang.tag()), Some(lang));
        }
    }

    #[test]
    fn fill_replaces_every_placeholder() {
        assert_eq!(fill(EN.trial_days_left, &[("n", "14")]), "14 days left");
        assert_eq!(
            fill(
                EN.signup_accept,
                &[("title", "General terms"), ("version", "2026-01")]
            ),
            "I accept the General terms (version 2026-01)."
        );
    }

    #[test]
    fn unknown_codes_are_shown_as_they_are() {
        assert_eq!(country("BE"), "Belgium");
        assert_eq!(country("XK"), "XK");
        assert_eq!(tenant_status("trial"), "Free trial");
        assert_eq!(role("operator"), "operator");
    }

    fn eur(s: &str) -> Decimal {
        s.parse::<Decimal>().unwrap_or_default()
    }

    #[test]
    fn english_money_is_euro_sign_first_with_comma_groups() {
        let en = |s: &str| money_in(Lang::En, &eur(s));
        assert_eq!(en("480"), "€480.00");
        assert_eq!(en("580.8"), "€580.80");
        assert_eq!(en("1234.56"), "€1,234.56");
        assert_eq!(en("1234567.891"), "€1,234,567.89");
        assert_eq!(en("0.005"), "€0.01");
        assert_eq!(en("-100.80"), "-€100.80");
        assert_eq!(en("0"), "€0.00");
        assert_eq!(en("-0.001"), "€0.00");
    }

    #[test]
    fn dutch_money_is_belgian_with_dot_groups_and_the_sign_after() {
        let nl = |s: &str| money_in(Lang::Nl, &eur(s));
        assert_eq!(nl("1234.56"), "1.234,56\u{a0}€");
        assert_eq!(nl("1234567.891"), "1.234.567,89\u{a0}€");
        assert_eq!(nl("480"), "480,00\u{a0}€");
        assert_eq!(nl("-100.8"), "-100,80\u{a0}€");
    }

    #[test]
    fn french_money_follows_cldr_fr_be_narrow_no_break_space_groups() {
        let fr = |s: &str| money_in(Lang::Fr, &eur(s));
        assert_eq!(fr("1234.56"), "1\u{202f}234,56\u{a0}€");
        assert_eq!(fr("1234567.005"), "1\u{202f}234\u{202f}567,01\u{a0}€");
        assert_eq!(fr("999.999"), "1\u{202f}000,00\u{a0}€");
        assert_eq!(fr("12"), "12,00\u{a0}€");
    }

    #[test]
    fn money_follows_the_chosen_language() {
        set_lang(Lang::Nl);
        assert_eq!(money(&eur("1234.56")), "1.234,56\u{a0}€");
        set_lang(Lang::En);
        assert_eq!(money(&eur("1234.56")), "€1,234.56");
    }

    #[test]
    fn a_day_is_written_the_belgian_way() {
        let on = NaiveDate::from_ymd_opt(2027, 3, 9).unwrap_or_default();
        for lang in Lang::ALL {
            set_lang(lang);
            assert_eq!(day(&on), "09/03/2027");
        }
        set_lang(Lang::En);
    }

    #[test]
    fn labels_fall_back_to_the_code() {
        assert_eq!(contract_status("active"), "Active");
        assert_eq!(timeline_kind("something_new"), "something_new");
        assert_eq!(per_term("quarter"), "per quarter");
        assert_eq!(settlement_component("interest"), "Interest");
        assert_eq!(billing_regime("other"), "other");
    }

    #[test]
    fn the_late_payment_rule_follows_the_regime() {
        assert!(late_payment_rule("b2b").contains("1 % per started month"));
        assert!(late_payment_rule("b2b").contains("at least € 150"));
        assert!(late_payment_rule("consumer").contains("Book XIX"));
    }
}
