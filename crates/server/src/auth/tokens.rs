//! Access tokens: HS256 JWTs, algorithm pinned, issuer and audience checked,
//! expiry checked against the server's (injectable) clock.

use chrono::{DateTime, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

const ISSUER: &str = "ecom";
const AUDIENCE: &str = "ecom-api";

/// The keys that sign and verify access tokens.
#[derive(Clone)]
pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
}

impl TokenKeys {
    pub fn from_secret(secret: &[u8]) -> Self {
        Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
        }
    }
}

/// What an access token says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    /// The user or operator id.
    pub sub: Uuid,
    /// `user` or `operator`.
    pub kind: String,
    /// The tenant, for users.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tid: Option<Uuid>,
    /// The session; revoking it ends this token.
    pub sid: Uuid,
    pub iat: i64,
    pub exp: i64,
    pub iss: String,
    pub aud: String,
}

impl Claims {
    pub fn new(
        kind: &str,
        sub: Uuid,
        tid: Option<Uuid>,
        sid: Uuid,
        now: DateTime<Utc>,
        ttl: chrono::Duration,
    ) -> Self {
        Self {
            sub,
            kind: kind.into(),
            tid,
            sid,
            iat: now.timestamp(),
            exp: (now + ttl).timestamp(),
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
        }
    }
}

pub fn encode(claims: &Claims, keys: &TokenKeys) -> Result<String, jsonwebtoken::errors::Error> {
    jsonwebtoken::encode(&Header::new(Algorithm::HS256), claims, &keys.encoding)
}

/// Why a token was refused.
#[derive(Debug, PartialEq, Eq)]
pub enum TokenError {
    Invalid,
    Expired,
}

/// Verifies signature (HS256 only: `alg: none` or any other algorithm is
/// refused), issuer, audience and expiry at `now`.
pub fn decode(token: &str, keys: &TokenKeys, now: DateTime<Utc>) -> Result<Claims, TokenError> {
    let mut validation = Validation::new(Algorithm::HS256);
    validation.algorithms = vec![Algorithm::HS256];
    validation.set_issuer(&[ISSUER]);
    validation.set_audience(&[AUDIENCE]);
    validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
    // Expiry is checked below against the injected clock, not the system clock.
    validation.validate_exp = false;
    let data = jsonwebtoken::decode::<Claims>(token, &keys.decoding, &validation)
        .map_err(|_| TokenError::Invalid)?;
    if now.timestamp() >= data.claims.exp {
        return Err(TokenError::Expired);
    }
    Ok(data.claims)
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;
    use chrono::Duration;

    fn keys() -> TokenKeys {
        TokenKeys::from_secret(b"test secret of enough length for hs256")
    }

    fn claims(now: DateTime<Utc>) -> Claims {
        Claims::new(
            "user",
            Uuid::new_v4(),
            Some(Uuid::new_v4()),
            Uuid::new_v4(),
            now,
            Duration::minutes(15),
        )
    }

    #[test]
    fn round_trip_and_expiry_at_the_edge() {
        let now = Utc::now();
        let c = claims(now);
        let token = encode(&c, &keys()).unwrap();
        assert_eq!(decode(&token, &keys(), now).unwrap(), c);
        let exp = DateTime::from_timestamp(c.exp, 0).unwrap();
        assert!(decode(&token, &keys(), exp - Duration::seconds(1)).is_ok());
        assert_eq!(decode(&token, &keys(), exp), Err(TokenError::Expired));
    }

    #[test]
    fn forged_and_alg_none_tokens_are_refused() {
        let now = Utc::now();
        let c = claims(now);
        let other = TokenKeys::from_secret(b"another secret entirely, also long");
        let forged = encode(&c, &other).unwrap();
        assert_eq!(decode(&forged, &keys(), now), Err(TokenError::Invalid));

        let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        let header = b64.encode(br#"{"alg":"none","typ":"JWT"}"#);
        let payload = b64.encode(serde_json::to_vec(&c).unwrap());
        assert_eq!(
            decode(&format!("{header}.{payload}."), &keys(), now),
            Err(TokenError::Invalid)
        );

        let hs512 =
            jsonwebtoken::encode(&Header::new(Algorithm::HS512), &c, &keys().encoding).unwrap();
        assert_eq!(decode(&hs512, &keys(), now), Err(TokenError::Invalid));
    }
}
