//! Server-side consent helpers: keyed hashes for the suppression list, the
//! signed one-click unsubscribe token, the embedded policy texts, and the
//! country a trusted proxy reports (the IP address itself is never read).

use actix_web::HttpRequest;
use chrono::{DateTime, Utc};
use ecom_domain::consent::{normalise_email, normalise_phone, MarketingList};
use ecom_domain::policy::PolicyKind;
use ecom_storage::{secrets, DbConnection};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use uuid::Uuid;

use crate::auth::random_token;
use crate::error::ApiError;
use crate::settings::Settings;

/// The notice kind of marketing messages in the outbox.
pub const MARKETING_NOTICE_KIND: &str = "marketing";

/// The version label of the first policy documents (migration 000001).
pub const SEED_VERSION: &str = "2026-01";

/// The text of the first version of each policy, built into the server from
/// the operator's documents (no download at run time).
pub fn seed_text(kind: PolicyKind) -> &'static str {
    match kind {
        PolicyKind::Terms => include_str!("../policies/terms.txt"),
        PolicyKind::Privacy => include_str!("../policies/privacy.txt"),
        PolicyKind::Cookies => include_str!("../policies/cookies.txt"),
        PolicyKind::DataProcessing => include_str!("../policies/data_processing.txt"),
    }
}

fn mac(key: &str, message: &str) -> Result<Hmac<Sha256>, ApiError> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key.as_bytes())
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    mac.update(message.as_bytes());
    Ok(mac)
}

/// HMAC-SHA256 (hex) of a normalised address with the suppression key, kept
/// in the database so every instance computes the same hash. Without the key
/// the hash cannot be turned back into the address by trying addresses.
fn keyed_hash(
    conn: &mut DbConnection,
    channel: &str,
    normalised: &str,
    now: DateTime<Utc>,
) -> Result<String, ApiError> {
    let key = secrets::get_or_create(conn, "suppression_hmac", now, || random_token(32))?;
    Ok(hex::encode(
        mac(&key, &format!("{channel}:{normalised}"))?
            .finalize()
            .into_bytes(),
    ))
}

/// The suppression-list hash of an e-mail address.
pub fn email_hash(
    conn: &mut DbConnection,
    email: &str,
    now: DateTime<Utc>,
) -> Result<String, ApiError> {
    keyed_hash(conn, "email", &normalise_email(email), now)
}

/// The suppression-list hash of a phone number; `None` when it is no number.
pub fn phone_hash(
    conn: &mut DbConnection,
    phone: &str,
    now: DateTime<Utc>,
) -> Result<Option<String>, ApiError> {
    match normalise_phone(phone) {
        Some(number) => Ok(Some(keyed_hash(conn, "phone", &number, now)?)),
        None => Ok(None),
    }
}

/// What an unsubscribe link stands for: one list, the address's keyed hash,
/// and the account it was sent to (which may since have been erased). No
/// e-mail address travels in the link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnsubscribeToken {
    pub list: MarketingList,
    pub address_hash: String,
    pub tenant: Uuid,
    pub user: Uuid,
}

impl UnsubscribeToken {
    fn payload(&self) -> String {
        format!(
            "{}.{}.{}.{}",
            self.list.as_str(),
            self.address_hash,
            self.tenant.simple(),
            self.user.simple()
        )
    }

    /// The token: payload and its HMAC, URL-safe. It does not expire: an
    /// unsubscribe link must keep working.
    pub fn sign(&self, conn: &mut DbConnection, now: DateTime<Utc>) -> Result<String, ApiError> {
        let key = secrets::get_or_create(conn, "unsubscribe_hmac", now, || random_token(32))?;
        let payload = self.payload();
        let signature = hex::encode(mac(&key, &payload)?.finalize().into_bytes());
        Ok(format!("{payload}.{signature}"))
    }

    /// Reads a token, `None` when it is malformed or its signature is wrong.
    pub fn verify(
        conn: &mut DbConnection,
        token: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<Self>, ApiError> {
        let Some((payload, signature)) = token.rsplit_once('.') else {
            return Ok(None);
        };
        let Ok(signature) = hex::decode(signature) else {
            return Ok(None);
        };
        let key = secrets::get_or_create(conn, "unsubscribe_hmac", now, || random_token(32))?;
        if mac(&key, payload)?.verify_slice(&signature).is_err() {
            return Ok(None);
        }
        let parts: Vec<&str> = payload.split('.').collect();
        let [list, hash, tenant, user] = parts.as_slice() else {
            return Ok(None);
        };
        let (Some(list), Ok(tenant), Ok(user)) = (
            MarketingList::parse(list),
            Uuid::parse_str(tenant),
            Uuid::parse_str(user),
        ) else {
            return Ok(None);
        };
        Ok(Some(UnsubscribeToken {
            list,
            address_hash: (*hash).to_owned(),
            tenant,
            user,
        }))
    }

    /// The one-click link (RFC 8058) for this token.
    pub fn link(settings: &Settings, token: &str) -> String {
        format!(
            "{}/api/v1/unsubscribe?token={token}",
            settings.public_url.trim_end_matches('/')
        )
    }
}

/// The visitor's country and region as the trusted proxy reports them in the
/// configured headers (e.g. `CF-IPCountry`); unknown without such a proxy.
/// The IP address is never read or stored (privacy statement: IP → country/region only).
pub fn client_location(settings: &Settings, req: &HttpRequest) -> (Option<String>, Option<String>) {
    let header = |name: &Option<String>| -> Option<String> {
        let name = name.as_deref()?;
        req.headers()
            .get(name)?
            .to_str()
            .ok()
            .map(|v| v.trim().to_ascii_uppercase())
    };
    let country = header(&settings.country_header)
        .filter(|c| c.len() == 2 && c.chars().all(|ch| ch.is_ascii_uppercase()))
        // Cloudflare's "unknown" and "Tor" markers are no country.
        .filter(|c| c != "XX" && c != "T1");
    let region = country
        .as_ref()
        .and(header(&settings.region_header))
        .and_then(|r| {
            // ISO 3166-2 subdivision: "BE-VOV" or just "VOV".
            let code = r.rsplit('-').next().unwrap_or("").to_owned();
            (!code.is_empty()
                && code.len() <= 3
                && code.chars().all(|ch| ch.is_ascii_alphanumeric()))
            .then_some(code)
        });
    (country, region)
}

/// A multi-line text (a message or a policy text): not blank, at most `max`
/// characters, no control characters but line breaks and tabs.
pub fn parse_multiline(
    raw: &str,
    what: &str,
    max: usize,
) -> Result<String, ecom_domain::account::InvalidInput> {
    use ecom_domain::account::InvalidInput;
    let text = raw.trim();
    if text.is_empty() {
        return Err(InvalidInput::new("required", format!("{what} is required")));
    }
    if text.chars().count() > max {
        return Err(InvalidInput::new(
            "too_long",
            format!("{what} is at most {max} characters"),
        ));
    }
    if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(InvalidInput::new(
            "invalid_characters",
            format!("{what} has control characters"),
        ));
    }
    Ok(text.replace("\r\n", "\n"))
}

/// The suppression scopes that stop a message of `list`.
pub fn stopping_scopes(list: ecom_domain::consent::MarketingList) -> [&'static str; 2] {
    [list.as_str(), "all_marketing"]
}

/// At sending time: the token when the queued message may still go out, or
/// `None` when the token is not valid, it was not made for this recipient,
/// or the address has been suppressed since it was queued. The jobs call it
/// when they deliver the outbox.
pub fn deliverable(
    conn: &mut ecom_storage::DbConnection,
    recipient: &str,
    token: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Option<String>, crate::error::ApiError> {
    let Some(parsed) = UnsubscribeToken::verify(conn, token, now)? else {
        return Ok(None);
    };
    if parsed.address_hash != email_hash(conn, recipient, now)? {
        return Ok(None);
    }
    if ecom_storage::consent::is_suppressed(
        conn,
        &parsed.address_hash,
        &stopping_scopes(parsed.list),
    )? {
        return Ok(None);
    }
    Ok(Some(token.to_owned()))
}
