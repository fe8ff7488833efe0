//! Server-only code: configuration, state, the request context, the policy, services and mail.
pub mod config;
pub mod ctx;
pub mod mail;
pub mod markdown;
pub mod password;
pub mod policy;
pub mod services;
pub mod state;
pub mod tokens;

/// Session keys.
pub const SESSION_USER: &str = "uid";
pub const SESSION_EPOCH: &str = "epoch";

/// Remember the language for the next page loads (one year).
pub fn set_lang_cookie(code: &str) {
    let lang = crate::i18n::Lang::from_code(code);
    if let (Some(opts), Ok(v)) = (
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
        axum::http::HeaderValue::from_str(&lang_cookie(lang)),
    ) {
        opts.append_header(axum::http::header::SET_COOKIE, v);
    }
}

pub fn lang_cookie(lang: crate::i18n::Lang) -> String {
    format!("lang={}; Path=/; Max-Age=31536000; SameSite=Lax", lang.code())
}

/// Only local paths may be redirect targets (no open redirect to another site).
pub fn safe_next(next: Option<&str>) -> String {
    match next.map(str::trim) {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n.to_string(),
        _ => "/".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_stays_on_this_site() {
        assert_eq!(safe_next(Some("/admin/users?q=a")), "/admin/users?q=a");
        assert_eq!(safe_next(Some("//evil.example")), "/");
        assert_eq!(safe_next(Some("https://evil.example")), "/");
        assert_eq!(safe_next(Some("/\\evil.example")), "/");
        assert_eq!(safe_next(None), "/");
    }
}
