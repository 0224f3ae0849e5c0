//! Every string the SPA shows, in one place, so Dutch and French can be added
//! as further [`Text`] values without touching the pages. Placeholders in
//! braces (`{n}`) are filled by [`fill`].

use chrono::{DateTime, Local, Utc};

/// The UI's sentences in one language.
#[derive(Debug)]
pub struct Text {
    pub account_profile: &'static str,
    pub account_title: &'static str,
    pub actions: &'static str,
    pub administrator_only: &'static str,
    pub api_keys_empty: &'static str,
    pub api_keys_lead: &'static str,
    pub api_keys_title: &'static str,
    pub cancel: &'static str,
    pub change_password: &'static str,
    pub company_name: &'static str,
    pub confirm: &'static str,
    pub confirm_password: &'static str,
    pub copied: &'static str,
    pub copy: &'static str,
    pub copy_failed: &'static str,
    pub country: &'static str,
    pub create_key: &'static str,
    pub create_key_title: &'static str,
    pub created: &'static str,
    pub current_password: &'static str,
    pub dashboard_company: &'static str,
    pub dashboard_modules: &'static str,
    pub dashboard_modules_soon: &'static str,
    pub dashboard_welcome: &'static str,
    pub dashboard_you: &'static str,
    pub deactivate: &'static str,
    pub deactivate_question: &'static str,
    pub email: &'static str,
    pub error_network: &'static str,
    pub error_session_expired: &'static str,
    pub error_unexpected: &'static str,
    pub expired: &'static str,
    pub expires: &'static str,
    pub expires_hint: &'static str,
    pub expires_optional: &'static str,
    pub first_name: &'static str,
    pub footer: &'static str,
    pub form_has_errors: &'static str,
    pub function: &'static str,
    pub function_optional: &'static str,
    pub invalid_date: &'static str,
    pub invitation_lead: &'static str,
    pub invitation_missing: &'static str,
    pub invitation_submit: &'static str,
    pub invitation_title: &'static str,
    pub invite_created: &'static str,
    pub invite_lead: &'static str,
    pub invite_link: &'static str,
    pub invite_submit: &'static str,
    pub invite_title: &'static str,
    pub key_active: &'static str,
    pub key_created: &'static str,
    pub key_name: &'static str,
    pub key_name_hint: &'static str,
    pub key_prefix: &'static str,
    pub last_login: &'static str,
    pub last_name: &'static str,
    pub last_used: &'static str,
    pub loading: &'static str,
    pub log_in: &'static str,
    pub log_out: &'static str,
    pub logged_out: &'static str,
    pub login_no_account: &'static str,
    pub login_submitting: &'static str,
    pub login_title: &'static str,
    pub modules_unavailable: &'static str,
    pub name: &'static str,
    pub nav_account: &'static str,
    pub nav_api_keys: &'static str,
    pub nav_dashboard: &'static str,
    pub nav_label: &'static str,
    pub nav_users: &'static str,
    pub never: &'static str,
    pub new_password: &'static str,
    pub not_found_body: &'static str,
    pub not_found_home: &'static str,
    pub not_found_title: &'static str,
    pub password: &'static str,
    pub password_changed: &'static str,
    pub password_hint: &'static str,
    pub passwords_differ: &'static str,
    pub phone: &'static str,
    pub phone_optional: &'static str,
    pub product_name: &'static str,
    pub reactivate: &'static str,
    pub reactivate_question: &'static str,
    pub request_id: &'static str,
    pub retry: &'static str,
    pub revoke: &'static str,
    pub revoke_question: &'static str,
    pub revoked_on: &'static str,
    pub role: &'static str,
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
    pub status: &'static str,
    pub trial_days_left: &'static str,
    pub trial_ends: &'static str,
    pub trial_one_day_left: &'static str,
    pub users_empty: &'static str,
    pub users_title: &'static str,
    pub vat_number: &'static str,
    pub vat_number_hint: &'static str,
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
    cancel: "Cancel",
    change_password: "Change password",
    company_name: "Company name",
    confirm: "Confirm",
    confirm_password: "Repeat the password",
    copied: "Copied to the clipboard.",
    copy: "Copy",
    copy_failed: "Copying failed: select the text and copy it yourself.",
    country: "Country",
    create_key: "Create key",
    create_key_title: "Create an API key",
    created: "Created",
    current_password: "Current password",
    dashboard_company: "Your company",
    dashboard_modules: "Modules",
    dashboard_modules_soon: "CRM, deals, quotations, invoicing, calendar, projects and tickets will appear here.",
    dashboard_welcome: "Welcome,",
    dashboard_you: "You",
    deactivate: "Deactivate",
    deactivate_question: "Deactivate {name}? They will no longer be able to log in.",
    email: "E-mail address",
    error_network: "The server cannot be reached. Check your connection and try again.",
    error_session_expired: "Your session has ended. Please log in again.",
    error_unexpected: "Something went wrong on our side (HTTP {status}). Please try again later.",
    expired: "Expired",
    expires: "Expires",
    expires_hint: "Leave empty for a key that does not expire.",
    expires_optional: "Expires on (optional)",
    first_name: "First name",
    footer: "Ecom. Only strictly necessary storage is used: your session is kept in this browser tab until you log out or close it.",
    form_has_errors: "Some fields need your attention.",
    function: "Function",
    function_optional: "Function (optional)",
    invalid_date: "Enter a date as YYYY-MM-DD.",
    invitation_lead: "You have been invited to join your company's Ecom account. Choose a password to activate your account.",
    invitation_missing: "This invitation link is incomplete. Ask your Administrator to send you the link again.",
    invitation_submit: "Activate my account",
    invitation_title: "Accept your invitation",
    invite_created: "Invitation created for {email}. The link works once, until {expires}. Send it to them yourself.",
    invite_lead: "The invited person chooses their own password with the link you send them.",
    invite_link: "Invitation link",
    invite_submit: "Invite",
    invite_title: "Invite a user",
    key_active: "Active",
    key_created: "API key '{name}' created.",
    key_name: "Name",
    key_name_hint: "What the key is for, e.g. the integration's name.",
    key_prefix: "Prefix",
    last_login: "Last log-in",
    last_name: "Last name",
    last_used: "Last used",
    loading: "Loading...",
    log_in: "Log in",
    log_out: "Log out",
    logged_out: "You have logged out.",
    login_no_account: "No account yet?",
    login_submitting: "Logging in...",
    login_title: "Log in to Ecom",
    modules_unavailable: "Your free trial has ended. You can still log in, order a subscription, export your data and read your invoices.",
    name: "Name",
    nav_account: "Account",
    nav_api_keys: "API keys",
    nav_dashboard: "Dashboard",
    nav_label: "Main",
    nav_users: "Users",
    never: "Never",
    new_password: "New password",
    not_found_body: "The page you asked for does not exist or has moved.",
    not_found_home: "Go to the dashboard",
    not_found_title: "Page not found",
    password: "Password",
    password_changed: "Your password has been changed. Other sessions have been logged out.",
    password_hint: "At least 10 characters.",
    passwords_differ: "The two passwords are not the same.",
    phone: "Phone",
    phone_optional: "Phone (optional)",
    product_name: "Ecom",
    reactivate: "Reactivate",
    reactivate_question: "Reactivate {name}?",
    request_id: "Support reference:",
    retry: "Try again",
    revoke: "Revoke",
    revoke_question: "Revoke the key '{name}'? Integrations using it stop working at once.",
    revoked_on: "Revoked {date}",
    role: "Role",
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
    status: "Status",
    trial_days_left: "{n} days left",
    trial_ends: "Trial ends",
    trial_one_day_left: "1 day left",
    users_empty: "No users yet.",
    users_title: "Users",
    vat_number: "VAT number",
    vat_number_hint: "Optional, e.g. BE0123456749.",
};

/// The strings in the person's language (English only for now).
pub fn text() -> &'static Text {
    &EN
}

/// Replaces each `{name}` in `template` by its value.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values
        .iter()
        .fold(template.to_owned(), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), value)
        })
}

/// Countries offered at sign-up: ISO 3166-1 alpha-2 code and name. Belgium
/// first (the default), then the neighbours, then the rest of the EU.
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

/// A country's name, or its code when not in the list.
pub fn country(code: &str) -> String {
    COUNTRIES
        .iter()
        .find(|(c, _)| *c == code)
        .map_or_else(|| code.to_owned(), |(_, name)| (*name).to_owned())
}

/// A tenant status (`trial`, `trial_expired`, ...) for people.
pub fn tenant_status(status: &str) -> String {
    match status {
        "trial" => "Free trial",
        "trial_expired" => "Trial ended",
        "active" => "Active",
        "suspended" => "Suspended",
        "terminated" => "Terminated",
        "deactivated" => "Deactivated",
        other => return other.to_owned(),
    }
    .to_owned()
}

/// A user's role.
pub fn role(role: &str) -> String {
    match role {
        "administrator" => "Administrator",
        "user" => "User",
        other => return other.to_owned(),
    }
    .to_owned()
}

/// A user account's status.
pub fn user_status(status: &str) -> String {
    match status {
        "invited" => "Invited",
        "active" => "Active",
        "deactivated" => "Deactivated",
        other => return other.to_owned(),
    }
    .to_owned()
}

/// A day, in the person's time zone, written the Belgian way (31/12/2026).
pub fn date(at: &DateTime<Utc>) -> String {
    at.with_timezone(&Local).format("%d/%m/%Y").to_string()
}

/// A moment, in the person's time zone (31/12/2026 14:05).
pub fn date_time(at: &DateTime<Utc>) -> String {
    at.with_timezone(&Local)
        .format("%d/%m/%Y %H:%M")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
