//! Response headers for every answer and the cross-site request check for every state change.
//! Pages get a Content-Security-Policy with the render's own nonce (Leptos puts the same nonce on
//! its hydration scripts); everything else gets a policy that allows nothing to run.
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;

/// The policy for a page rendered with `nonce`. Scripts: the nonce'd inline bootstrap, our own
/// module and its wasm; styles, images and connections: our own origin only. No inline styles or
/// handlers, no plugins, no framing, forms only to us.
pub fn page_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; \
         font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// For answers that are not pages (JSON, files, feeds, errors outside the app).
pub const NON_PAGE_POLICY: &str = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Called in the render's context (after Leptos has made the nonce): the page's own policy.
pub fn provide_page_policy() {
    if let (Some(nonce), Some(options)) = (leptos::nonce::use_nonce(), use_context::<ResponseOptions>()) {
        if let Ok(v) = HeaderValue::from_str(&page_policy(&nonce)) {
            options.insert_header(header::CONTENT_SECURITY_POLICY, v);
        }
    }
}

#[derive(Clone)]
pub struct Security {
    /// `scheme://host[:port]` of the configured public address.
    pub origin: String,
    pub hsts: bool,
}

impl Security {
    pub fn new(base_url: &str) -> Security {
        Security { origin: origin_of(base_url).unwrap_or_default().to_string(), hsts: base_url.starts_with("https://") }
    }
}

/// `scheme://host[:port]` of a URL, or None when it has no such start.
fn origin_of(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let origin = &url[..url.len() - rest.len() + end];
    (end > 0).then_some(origin)
}

/// Is a state-changing request from a foreign site? Browsers send `Origin` on every POST (and
/// `Referer` where a privacy setting removes `Origin`); the request is ours when that origin is the
/// configured public one or the host the browser addressed. A request with neither header did not
/// come from a page in a browser, which is what this guards against.
pub fn is_cross_site(headers: &HeaderMap, own_origin: &str) -> bool {
    let claimed = match headers.get(header::ORIGIN) {
        Some(o) => o.to_str().ok().map(str::to_string),
        None => match headers.get(header::REFERER) {
            Some(r) => r.to_str().ok().map(|r| origin_of(r).unwrap_or("null").to_string()),
            None => return false,
        },
    };
    let Some(claimed) = claimed else { return true };
    if claimed == own_origin {
        return false;
    }
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    let claimed_host = claimed.split_once("://").map(|(_, h)| h);
    !matches!((host, claimed_host), (Some(h), Some(c)) if !h.is_empty() && h.eq_ignore_ascii_case(c))
}

/// Paths whose POST is authorised by a token in the address and made by mail programs, not pages
/// (RFC 8058 one-click unsubscribe): no cookie is used, so there is nothing to forge.
fn token_only(path: &str) -> bool {
    path.starts_with("/unsubscribe/") && path.ends_with("/one-click")
}

/// Refuse foreign state changes, then put the security headers on whatever is answered.
pub async fn guard(State(sec): State<Security>, req: Request, next: Next) -> Response {
    let changes_state = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let mut res = if changes_state && !token_only(req.uri().path()) && is_cross_site(req.headers(), &sec.origin) {
        tracing::warn!(path = %req.uri().path(), "cross-site request refused");
        (
            StatusCode::FORBIDDEN,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "Förfrågan kom från en annan webbplats och avvisades.\nThe request came from another site and was refused.\n",
        )
            .into_response()
    } else {
        next.run(req).await
    };
    let h = res.headers_mut();
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(NON_PAGE_POLICY));
    }
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert("cross-origin-opener-policy", HeaderValue::from_static("same-origin"));
    if sec.hsts {
        h.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000; includeSubDomains"));
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn origins_are_compared_with_the_public_address_or_the_addressed_host() {
        let own = "https://samverkan.example.se";
        assert_eq!(origin_of("https://samverkan.example.se/path?q=1"), Some("https://samverkan.example.se"));
        assert_eq!(origin_of("http://127.0.0.1:3000"), Some("http://127.0.0.1:3000"));
        assert_eq!(origin_of("nonsense"), None);
        assert!(!is_cross_site(&headers(&[]), own), "no browser headers: not a page");
        assert!(!is_cross_site(&headers(&[("origin", "https://samverkan.example.se")]), own));
        assert!(is_cross_site(&headers(&[("origin", "https://evil.example")]), own));
        assert!(is_cross_site(&headers(&[("origin", "null")]), own));
        assert!(is_cross_site(&headers(&[("origin", "https://samverkan.example.se.evil.example")]), own));
        assert!(!is_cross_site(&headers(&[("referer", "https://samverkan.example.se/meetings/1")]), own));
        assert!(is_cross_site(&headers(&[("referer", "https://evil.example/samverkan.example.se")]), own));
        assert!(is_cross_site(&headers(&[("referer", "garbage")]), own));
        // Reached on an internal address (a second instance's port): the host the browser used.
        assert!(!is_cross_site(&headers(&[("origin", "http://10.0.0.5:3001"), ("host", "10.0.0.5:3001")]), own));
        assert!(is_cross_site(&headers(&[("origin", "http://evil.example"), ("host", "10.0.0.5:3001")]), own));
    }
}
