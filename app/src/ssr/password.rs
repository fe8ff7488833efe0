//! Password hashing (argon2id, OWASP parameters) off the async threads, and the strength rule.
use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

use crate::error::AppError;
use crate::i18n::K;

pub const MIN_LENGTH: usize = 12;

/// OWASP: argon2id, 19 MiB, 2 iterations, 1 lane.
fn argon() -> Result<Argon2<'static>, AppError> {
    let params = Params::new(19 * 1024, 2, 1, None).map_err(super::ctx::internal)?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

pub async fn hash(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        argon()?.hash_password(password.as_bytes(), &salt).map(|h| h.to_string()).map_err(super::ctx::internal)
    })
    .await
    .map_err(super::ctx::internal)?
}

/// True when the password matches. A missing hash (an invited user) never matches, but costs the
/// same time, so that response times do not reveal which accounts exist.
pub async fn verify(password: String, stored: Option<String>) -> Result<bool, AppError> {
    tokio::task::spawn_blocking(move || {
        let argon = argon()?;
        match stored.as_deref().map(PasswordHash::new) {
            Some(Ok(parsed)) => Ok(argon.verify_password(password.as_bytes(), &parsed).is_ok()),
            _ => {
                let salt = SaltString::generate(&mut OsRng);
                let _ = argon.hash_password(password.as_bytes(), &salt);
                Ok(false)
            }
        }
    })
    .await
    .map_err(super::ctx::internal)?
}

/// The rule for new passwords: long enough, and not easily guessed (zxcvbn score 3 or more),
/// judged with the person's own name and e-mail as known words.
pub fn check_strength(password: &str, user_inputs: &[&str]) -> Result<(), K> {
    if password.chars().count() < MIN_LENGTH {
        return Err(K::ErrPasswordShort);
    }
    // zxcvbn matches whole words, so "Anna Svensson" and "anna.svensson@region.se" become their parts too.
    let mut words: Vec<String> = user_inputs.iter().map(|s| s.to_lowercase()).collect();
    for input in user_inputs {
        let parts: Vec<String> = input.to_lowercase().split(|c: char| !c.is_alphanumeric()).filter(|w| w.chars().count() >= 3).map(str::to_string).collect();
        words.push(parts.concat());
        words.extend(parts);
    }
    let refs: Vec<&str> = words.iter().map(String::as_str).collect();
    let score = zxcvbn::zxcvbn(password, &refs).score();
    if (score as u8) < 3 {
        return Err(K::ErrPasswordWeak);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_guessable_passwords_are_refused() {
        assert_eq!(check_strength("kort", &[]), Err(K::ErrPasswordShort));
        assert_eq!(check_strength("password1234", &[]), Err(K::ErrPasswordWeak));
        assert_eq!(check_strength("aaaaaaaaaaaaaaaa", &[]), Err(K::ErrPasswordWeak));
        assert_eq!(check_strength("annasvensson2023", &["anna.svensson@region.se", "Anna Svensson"]), Err(K::ErrPasswordWeak));
        assert_eq!(check_strength("Blåbärssoppa i Vasaloppet 2026", &[]), Ok(()));
    }

    #[tokio::test]
    async fn hash_verifies_and_wrong_password_does_not() {
        let h = hash("Blåbärssoppa i Vasaloppet".into()).await.unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(verify("Blåbärssoppa i Vasaloppet".into(), Some(h.clone())).await.unwrap());
        assert!(!verify("fel lösenord här".into(), Some(h)).await.unwrap());
        assert!(!verify("vad som helst".into(), None).await.unwrap());
    }
}
