//! Shared pieces of every page: the frame, form fields, error views, the hydration marker.
pub mod fields;
pub mod layout;
pub mod status;

use leptos::prelude::*;

use crate::i18n::{Lang, K};

/// The language of this page load (fixed until the next full navigation).
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

/// Text of a key in the page's language.
pub fn t(k: K) -> &'static str {
    k.in_lang(use_lang())
}

/// The language as the server saw it (cookie) or as the browser finds it on `<html lang>`.
pub fn initial_lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        use_context::<axum::http::request::Parts>().map(|p| crate::ssr::ctx::request_lang(&p)).unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        document()
            .document_element()
            .and_then(|e| e.get_attribute("lang"))
            .map(|c| Lang::from_code(&c))
            .unwrap_or_default()
    }
}

/// Percent-encode all but the unreserved characters of RFC 3986 and the bytes in `keep`.
pub fn percent_encode_keep(s: &str, keep: &[u8]) -> String {
    s.bytes()
        .map(|b| if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) || keep.contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

/// Percent-encode for a query value or a path segment.
pub fn percent_encode(s: &str) -> String {
    percent_encode_keep(s, b"")
}

/// A server action that already holds its result when the page is where a plain form post to it
/// came back to (`__ok`, and `__okv` the result as JSON, from `ssr::ctx::respond`): without script
/// the page says what happened the same way as with it.
pub fn server_action<S>() -> ServerAction<S>
where
    S: leptos::server_fn::ServerFn<Error = crate::error::AppError> + Clone + Send + Sync + 'static,
    S::Output: serde::de::DeserializeOwned + Clone + Send + Sync + 'static,
{
    let action = ServerAction::<S>::new();
    let posted = fields::posted_ok(S::PATH)
        .then(|| leptos_router::hooks::use_query_map().with_untracked(|q| q.get("__okv")).unwrap_or_else(|| "null".into()));
    if let Some(out) = posted.and_then(|json| serde_json::from_str::<S::Output>(&json).ok()) {
        if action.value().with_untracked(Option::is_none) {
            action.value().set(Some(Ok(out)));
        }
    }
    action
}
