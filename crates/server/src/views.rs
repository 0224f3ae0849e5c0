//! Storage records → API response types.

use chrono::{DateTime, Utc};
use ecom_domain::trial;
use ecom_storage::api_keys::ApiKey;
use ecom_storage::tenants::{Tenant, TenantStatus};
use ecom_storage::users::User;
use ecom_types::auth::ApiKeyView;
use ecom_types::tenant::TenantView;
use ecom_types::user::UserView;

pub fn user(user: &User) -> UserView {
    UserView {
        id: user.id.0,
        email: user.email.clone(),
        first_name: user.first_name.clone(),
        last_name: user.last_name.clone(),
        function: user.function.clone(),
        phone: user.phone.clone(),
        role: user.role.as_str().into(),
        status: user.status.as_str().into(),
        created_at: user.created_at,
        activated_at: user.activated_at,
        last_login_at: user.last_login_at,
        deactivated_at: user.deactivated_at,
    }
}

/// A trial whose end has passed shows as `trial_expired`; the modules are
/// then closed (log-in, ordering, export and invoices stay open; SPEC §1).
pub fn tenant_status(tenant: &Tenant, now: DateTime<Utc>) -> (&'static str, bool) {
    match tenant.status {
        TenantStatus::Trial => match tenant.trial_ends_at {
            Some(ends) if trial::trial_is_running(ends, now) => ("trial", true),
            _ => ("trial_expired", false),
        },
        TenantStatus::Active => ("active", true),
        other => (other.as_str(), false),
    }
}

pub fn tenant(tenant: &Tenant, now: DateTime<Utc>) -> TenantView {
    let (status, modules_available) = tenant_status(tenant, now);
    TenantView {
        id: tenant.id.0,
        name: tenant.name.clone(),
        country: tenant.country.clone(),
        vat_number: tenant.vat_number.clone(),
        street: tenant.street.clone(),
        postal_code: tenant.postal_code.clone(),
        city: tenant.city.clone(),
        status: status.into(),
        trial_ends_at: tenant.trial_ends_at,
        trial_days_left: match (tenant.status, tenant.trial_ends_at) {
            (TenantStatus::Trial, Some(ends)) => trial::trial_days_left(ends, now),
            _ => 0,
        },
        modules_available,
        created_at: tenant.created_at,
    }
}

pub fn api_key(key: &ApiKey) -> ApiKeyView {
    ApiKeyView {
        id: key.id.0,
        name: key.name.clone(),
        prefix: key.prefix.clone(),
        scopes: key.scopes.clone(),
        full_access: key
            .scopes
            .iter()
            .any(|s| s == ecom_types::auth::FULL_ACCESS_SCOPE),
        created_by: key.created_by.0,
        created_at: key.created_at,
        expires_at: key.expires_at,
        last_used_at: key.last_used_at,
        last_used_country: key.last_used_country.clone(),
        revoked_at: key.revoked_at,
    }
}

/// A change notice with the end of the termination right it opened.
pub fn change_notice(
    notice: &ecom_storage::change_notices::ChangeNotice,
) -> ecom_types::contract::ChangeNoticeView {
    ecom_types::contract::ChangeNoticeView {
        id: notice.id,
        kind: notice.kind.clone(),
        summary: notice.summary.clone(),
        announced_at: notice.announced_at,
        effective_from: notice.effective_from,
        // terms art. 15 (2): the domain's rule, not a copy of it.
        terminate_until: crate::subscription::change_kind(&notice.kind)
            .map(|kind| {
                ecom_domain::contract::ChangeNotice {
                    kind,
                    notified_at: notice.announced_at,
                }
                .termination_right_ends()
            })
            .unwrap_or(notice.announced_at),
    }
}
