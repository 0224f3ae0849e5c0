//! The texts of the notices Ecom sends, and queuing them in the outbox in
//! the caller's transaction.

use chrono::{DateTime, Utc};
use ecom_domain::notice::NoticeKind;
use ecom_domain::TenantId;
use ecom_storage::notices::{self, NewNotice};
use ecom_storage::DbConnection;

use crate::error::ApiError;
use crate::settings::Settings;

/// A notice's text before it is queued.
pub struct Draft {
    pub kind: NoticeKind,
    pub tenant: Option<TenantId>,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub secret: Option<String>,
    pub dedupe_key: Option<String>,
}

impl Draft {
    /// Queues the notice; false when one with the same dedupe key exists.
    pub fn queue(self, conn: &mut DbConnection, now: DateTime<Utc>) -> Result<bool, ApiError> {
        Ok(notices::enqueue(
            conn,
            &NewNotice {
                tenant_id: self.tenant,
                recipient: self.recipient,
                kind: self.kind.as_str().into(),
                essential: self.kind.is_essential(),
                subject: self.subject,
                body: self.body,
                secret: self.secret,
                dedupe_key: self.dedupe_key,
            },
            now,
        )?)
    }
}

const SIGNATURE: &str =
    "\n-- \nEcom · Sabbani BV · Kortrijksesteenweg 376, 9000 Ghent, Belgium · BE 0810.231.595\n";

/// The invitation a new User receives; the token goes in as the notice's
/// secret, so it is not kept in the outbox once sent.
pub fn invitation(
    settings: &Settings,
    tenant: TenantId,
    company: &str,
    inviter: &str,
    recipient: &str,
    token: &str,
    expires_at: DateTime<Utc>,
) -> Draft {
    let link = format!(
        "{}/invitation#token={{secret}}",
        settings.public_url.trim_end_matches('/')
    );
    Draft {
        kind: NoticeKind::UserInvited,
        tenant: Some(tenant),
        recipient: recipient.into(),
        subject: format!("{inviter} invited you to {company} on Ecom"),
        body: format!(
            "Hello,\n\n{inviter} invited you to work in {company}'s Ecom account.\n\n\
             Choose your password here to activate your account:\n{link}\n\n\
             The link works once, until {} UTC. If you did not expect this invitation, ignore this e-mail.\n{SIGNATURE}",
            expires_at.format("%Y-%m-%d %H:%M")
        ),
        secret: Some(token.into()),
        dedupe_key: None,
    }
}

impl Draft {
    /// A notice to a tenant's Administrator.
    pub fn to_tenant(
        kind: NoticeKind,
        tenant: TenantId,
        recipient: &str,
        subject: String,
        body: String,
        dedupe_key: Option<String>,
    ) -> Self {
        Draft {
            kind,
            tenant: Some(tenant),
            recipient: recipient.into(),
            subject,
            body: format!("Hello,\n\n{body}\n{SIGNATURE}"),
            secret: None,
            dedupe_key,
        }
    }
}

/// Queues a notice to the tenant's Administrator (no-op if the tenant has none left).
pub fn to_administrator(
    conn: &mut DbConnection,
    tenant: TenantId,
    kind: NoticeKind,
    subject: String,
    body: String,
    dedupe_key: Option<String>,
    now: DateTime<Utc>,
) -> Result<bool, ApiError> {
    let Some(admin) = ecom_storage::users::administrator(conn, tenant)? else {
        return Ok(false);
    };
    Draft::to_tenant(kind, tenant, &admin.email, subject, body, dedupe_key).queue(conn, now)
}
