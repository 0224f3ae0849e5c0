//! Authentication: password hashing, access and refresh tokens, API keys and
//! the one extractor that understands all of them.

pub mod api_keys;
pub mod caller;
pub mod password;
pub mod scopes;
pub mod sessions;
pub mod tokens;

pub use caller::{AdminCaller, Caller, OperatorCaller, TenantCaller};

use rand::RngCore;
use sha2::{Digest, Sha256};

/// `n` random bytes from the OS generator, base64url without padding.
pub fn random_token(bytes: usize) -> String {
    use base64::Engine;
    let mut buf = vec![0u8; bytes];
    rand::rngs::OsRng.fill_bytes(&mut buf);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(buf)
}

/// SHA-256 of a high-entropy secret (refresh token, API key, invitation), hex.
/// Such secrets need no slow hash: they cannot be guessed.
pub fn secret_hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// Compares two hashes in constant time.
pub fn hashes_equal(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}
