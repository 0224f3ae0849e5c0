//! API key format: `ecom_` + 8 random characters (the public prefix, stored
//! in clear to find the key and to recognise a leaked one) + `_` + 43
//! characters of secret (32 random bytes). Only a SHA-256 of the whole key is kept.

use rand::Rng;

pub const KEY_MARKER: &str = "ecom_";
const PREFIX_RANDOM_CHARS: usize = 8;
const PREFIX_LEN: usize = KEY_MARKER.len() + PREFIX_RANDOM_CHARS;

/// A freshly generated key: its public prefix and the whole secret.
pub struct GeneratedKey {
    pub prefix: String,
    pub secret: String,
}

pub fn generate() -> GeneratedKey {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyz23456789";
    let mut rng = rand::rngs::OsRng;
    let random: String = (0..PREFIX_RANDOM_CHARS)
        .map(|_| char::from(ALPHABET[rng.gen_range(0..ALPHABET.len())]))
        .collect();
    let prefix = format!("{KEY_MARKER}{random}");
    let secret = format!("{prefix}_{}", super::random_token(32));
    GeneratedKey { prefix, secret }
}

/// Whether a bearer credential looks like an API key (rather than a JWT).
pub fn looks_like_key(credential: &str) -> bool {
    credential.starts_with(KEY_MARKER)
}

/// The public prefix of a presented key, if it has the right shape.
pub fn prefix_of(key: &str) -> Option<&str> {
    let prefix = key.get(..PREFIX_LEN)?;
    (key.as_bytes().get(PREFIX_LEN) == Some(&b'_')
        && key.len() > PREFIX_LEN + 20
        && prefix.starts_with(KEY_MARKER))
    .then_some(prefix)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_keys_are_recognisable_and_parse() {
        let key = generate();
        assert!(looks_like_key(&key.secret));
        assert_eq!(prefix_of(&key.secret), Some(key.prefix.as_str()));
        assert_eq!(key.secret.len(), PREFIX_LEN + 1 + 43);
        assert_ne!(generate().secret, key.secret);
        assert_eq!(prefix_of("ecom_abc"), None);
        assert_eq!(
            prefix_of("ecom_abcdefgh-xxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
            None
        );
    }
}
