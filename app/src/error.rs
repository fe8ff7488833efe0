//! `AppError`: the one error type of server functions, shared by server and browser.
//! It carries text keys, never prose or internals, so the browser can show it in the user's language.
use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

use crate::i18n::K;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FormErrors {
    /// (field name, message) pairs shown next to the fields.
    pub fields: Vec<(String, K)>,
    /// A message for the whole form (e.g. a failed login).
    pub form: Option<K>,
    /// What the user typed, so a form posted without JavaScript can be refilled. Never passwords.
    pub values: Vec<(String, String)>,
}

impl FormErrors {
    pub fn field(&self, name: &str) -> Option<K> {
        self.fields.iter().find(|(f, _)| f == name).map(|(_, k)| *k)
    }

    pub fn value(&self, name: &str) -> Option<String> {
        self.values.iter().find(|(f, _)| f == name).map(|(_, v)| v.clone())
    }

    pub fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.form.is_none()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("not signed in")]
    Unauthenticated,
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("invalid input")]
    Invalid(FormErrors),
    #[error("too many attempts")]
    RateLimited,
    /// The database cannot be reached or cannot take writes (down, restarting, disk full, read-only).
    /// Nothing was saved; trying again later will work. Logged under this request id.
    #[error("database unavailable (request {request_id})")]
    Unavailable { request_id: String },
    /// Something broke on the server; the details are in the log under this request id.
    #[error("internal error (request {request_id})")]
    Internal { request_id: String },
    /// Transport or encoding failures from the server-function machinery.
    #[error("server function error: {0}")]
    Transport(String),
}

impl AppError {
    /// A form-level message, e.g. the one shared answer for unknown e-mail and wrong password.
    pub fn form(k: K) -> Self {
        AppError::Invalid(FormErrors { form: Some(k), ..Default::default() })
    }

    pub fn field(name: &str, k: K) -> Self {
        AppError::Invalid(FormErrors { fields: vec![(name.to_string(), k)], ..Default::default() })
    }

    /// Attach what the user typed, so it can be refilled after a no-JavaScript post.
    pub fn with_values(self, values: &[(&str, &str)]) -> Self {
        match self {
            AppError::Invalid(mut f) => {
                f.values = values.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
                AppError::Invalid(f)
            }
            other => other,
        }
    }

    /// Name the record a failed form was about, when one page has a form per record
    /// (so that only that record's form shows the errors).
    pub fn about(self, id: i32) -> Self {
        match self {
            AppError::Invalid(mut f) => {
                f.values.push(("about".into(), id.to_string()));
                AppError::Invalid(f)
            }
            other => other,
        }
    }

    /// The message to show for this error as a whole.
    pub fn message(&self) -> K {
        match self {
            AppError::Unauthenticated => K::UnauthenticatedText,
            AppError::Forbidden => K::ForbiddenText,
            AppError::NotFound => K::NotFoundText,
            AppError::Invalid(f) => f.form.unwrap_or(K::ErrFormHasErrors),
            AppError::RateLimited => K::LoginRateLimited,
            AppError::Unavailable { .. } => K::UnavailableText,
            AppError::Internal { .. } | AppError::Transport(_) => K::ErrorText,
        }
    }

    pub fn form_errors(&self) -> Option<&FormErrors> {
        match self {
            AppError::Invalid(f) => Some(f),
            _ => None,
        }
    }

    /// HTTP status for a server-function answer to a script (not to a plain form post).
    pub fn status(&self) -> u16 {
        match self {
            AppError::Unauthenticated => 401,
            AppError::Forbidden => 403,
            AppError::NotFound => 404,
            AppError::Invalid(_) => 422,
            AppError::RateLimited => 429,
            AppError::Unavailable { .. } => 503,
            AppError::Internal { .. } | AppError::Transport(_) => 500,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Transport(value.to_string())
    }
}

/// Collects field errors during validation.
#[derive(Default)]
pub struct Validator {
    errors: FormErrors,
}

impl Validator {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, field: &str, k: K) {
        if self.errors.field(field).is_none() {
            self.errors.fields.push((field.to_string(), k));
        }
    }

    /// Trimmed, non-empty, at most `max` characters.
    pub fn required(&mut self, field: &str, value: &str, max: usize) -> String {
        let v = value.trim().to_string();
        if v.is_empty() {
            self.add(field, K::ErrRequired);
        } else if v.chars().count() > max {
            self.add(field, K::ErrTooLong);
        }
        v
    }

    pub fn optional(&mut self, field: &str, value: &str, max: usize) -> Option<String> {
        let v = value.trim().to_string();
        if v.chars().count() > max {
            self.add(field, K::ErrTooLong);
        }
        (!v.is_empty()).then_some(v)
    }

    /// A plausible address, lower-cased. Deliverability is proven by the invitation mail itself.
    pub fn email(&mut self, field: &str, value: &str) -> String {
        let v = value.trim().to_lowercase();
        let ok = v.len() <= 254
            && !v.contains(char::is_whitespace)
            && v.split_once('@').is_some_and(|(local, domain)| {
                !local.is_empty() && domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.')
            });
        if v.is_empty() {
            self.add(field, K::ErrRequired);
        } else if !ok {
            self.add(field, K::ErrEmail);
        }
        v
    }

    pub fn finish(self, values: &[(&str, &str)]) -> Result<(), AppError> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(AppError::Invalid(self.errors).with_values(values))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validator_reports_each_field_once_and_keeps_values() {
        let mut v = Validator::new();
        assert_eq!(v.email("email", "  Anna@Region.SE "), "anna@region.se");
        v.required("name", "   ", 10);
        v.required("name", "", 10);
        v.email("other", "not-an-address");
        let err = v.finish(&[("name", "   ")]).unwrap_err();
        let f = err.form_errors().unwrap();
        assert_eq!(f.fields.len(), 2);
        assert_eq!(f.field("name"), Some(K::ErrRequired));
        assert_eq!(f.field("other"), Some(K::ErrEmail));
        assert_eq!(f.value("name").as_deref(), Some("   "));
    }

    #[test]
    fn too_long_text_is_refused() {
        let mut v = Validator::new();
        v.required("t", &"å".repeat(11), 10);
        assert!(v.finish(&[]).is_err());
    }
}
