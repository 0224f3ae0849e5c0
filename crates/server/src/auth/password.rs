//! Password hashing with Argon2id (PHC string format).

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::{Algorithm, Argon2, Params, Version};

use crate::error::ApiError;
use crate::settings::PasswordHashing;

fn hasher(cost: PasswordHashing) -> Result<Argon2<'static>, ApiError> {
    let params = Params::new(cost.memory_kib, cost.iterations, cost.parallelism, None)
        .map_err(|e| ApiError::Internal(format!("argon2 params: {e}")))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// Hashes a password with a fresh salt. CPU-heavy: call on the blocking pool.
pub fn hash(password: &str, cost: PasswordHashing) -> Result<String, ApiError> {
    let salt = SaltString::generate(&mut OsRng);
    hasher(cost)?
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| ApiError::Internal(format!("argon2 hash: {e}")))
}

/// Whether `password` matches the stored hash. The cost parameters are read
/// from the hash itself, so hashes made with other parameters still verify.
pub fn verify(password: &str, stored: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(stored) else {
        return false;
    };
    Argon2::default()
        .verify_password(password.as_bytes(), &parsed)
        .is_ok()
}

/// Spends the time of a verification when there is no account, so response
/// times do not reveal which e-mail addresses are registered.
pub fn verify_dummy(password: &str, cost: PasswordHashing) {
    if let Ok(hashed) = hash("dummy password for timing", cost) {
        let _ = verify(password, &hashed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_and_verify() {
        let stored = hash("correct horse battery", PasswordHashing::TEST_ONLY).unwrap();
        assert!(stored.starts_with("$argon2id$v=19$m=1024,t=1,p=1$"));
        assert!(verify("correct horse battery", &stored));
        assert!(!verify("correct horse batterY", &stored));
        assert!(!verify("x", "not a hash"));
    }

    #[test]
    fn production_cost_is_owasp() {
        let stored = hash("correct horse battery", PasswordHashing::OWASP).unwrap();
        assert!(stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
    }
}
