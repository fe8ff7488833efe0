//! The page cache: a page rendered for a signed-in person is kept in this instance's memory and
//! served again, with a fresh nonce, for as long as it is exactly what a new render would give.
//!
//! A render depends on the database, the request and the clock, and each is in the check:
//! - the database through its write generation (`migration::page_generation`), which triggers
//!   raise in the same transaction as every change, on every instance; it is read with the acting
//!   person before the page reads anything, so a copy kept under generation `n` cannot hold data
//!   older than `n`, and a write that lands during the render makes the copy unreachable;
//! - the request through the key: the person, the address with its query, and every cookie (the
//!   language, a survey's receipt, the session);
//! - the clock through the key's minute: meeting times, deadlines and the "today" of a page are in
//!   whole minutes, so a copy is never served in a later minute than the one it was made in.
//!
//! Only whole pages are kept: answers 200 to GET, HTML with the page's own nonce in its policy,
//! that set no cookie. Anonymous requests are never cached.
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use app::ssr::policy::Actor;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

#[derive(Clone, PartialEq, Eq, Hash)]
struct Key {
    user: i32,
    minute: i64,
    uri: String,
    cookies: String,
}

struct Page {
    generation: i64,
    /// The body cut where the render's nonce stood; joined with a new one for each answer.
    pieces: Vec<Bytes>,
    /// The render's headers but its Content-Security-Policy, which names the nonce.
    headers: HeaderMap,
}

#[derive(Clone)]
struct Weight;

impl quick_cache::Weighter<Key, Arc<Page>> for Weight {
    fn weight(&self, key: &Key, page: &Arc<Page>) -> u64 {
        let body: usize = page.pieces.iter().map(Bytes::len).sum();
        (body + key.uri.len() + key.cookies.len() + 512) as u64
    }
}

type Store = quick_cache::sync::Cache<Key, Arc<Page>, Weight>;

/// The kept pages, and the newest write generation a request has read.
struct Kept {
    store: Store,
    newest: AtomicI64,
}

impl Kept {
    /// A request read generation `g`. The generation only grows, so once one request has read
    /// `g`, every later one reads `g` or more and no page kept under an older one can be served
    /// again: they are dropped at once rather than left to fill the cache until evicted.
    fn saw(&self, g: i64) {
        if self.newest.fetch_max(g, Ordering::AcqRel) < g {
            self.store.clear();
        }
    }

    /// Keeps a page, unless a newer generation has been seen while it was rendered.
    fn keep(&self, key: Key, page: Page) {
        if page.generation >= self.newest.load(Ordering::Acquire) {
            self.store.insert(key, Arc::new(page));
        }
    }
}

/// Cheap to clone; `None` when the configured size is 0.
#[derive(Clone)]
pub struct PageCache(Option<Arc<Kept>>);

impl PageCache {
    pub fn new(mib: u64) -> PageCache {
        if mib == 0 {
            return PageCache(None);
        }
        // Pages run from a few KB to a few hundred; the estimate only sizes the table.
        let store = Store::with_weighter((mib * 64) as usize, mib * 1024 * 1024, Weight);
        PageCache(Some(Arc::new(Kept { store, newest: AtomicI64::new(i64::MIN) })))
    }
}

/// The middleware, inside the one that loads the acting person.
pub async fn serve(State(cache): State<PageCache>, req: Request, next: Next) -> Response {
    let Some(kept) = cache.0 else { return next.run(req).await };
    let Some((key, generation)) = key_of(&req) else { return next.run(req).await };
    kept.saw(generation);
    if let Some(page) = kept.store.get(&key) {
        if page.generation == generation {
            metrics::counter!("page_cache_total", "result" => "hit").increment(1);
            return answer(&page);
        }
    }
    metrics::counter!("page_cache_total", "result" => "render").increment(1);
    let res = next.run(req).await;
    let Some(nonce) = keepable(&res) else { return res };
    let (mut parts, body) = res.into_parts();
    let bytes = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(b) => b,
        Err(e) => {
            tracing::error!("page render failed while being read: {e}");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    let mut headers = parts.headers.clone();
    headers.remove(header::CONTENT_SECURITY_POLICY);
    kept.keep(key, Page { generation, pieces: cut(&bytes, nonce.as_bytes()), headers });
    Response::from_parts(parts, Body::from(bytes))
}

/// The key of a signed-in person's GET, with the write generation read with the person; None
/// for everything else.
fn key_of(req: &Request) -> Option<(Key, i64)> {
    if req.method() != Method::GET || req.uri().path().starts_with("/api/") {
        return None;
    }
    let user = req.extensions().get::<Actor>()?.user.as_ref()?;
    let cookies = req.headers().get_all(header::COOKIE).iter().map(|v| v.as_bytes()).collect::<Vec<_>>().join(&b"; "[..]);
    let key = Key {
        user: user.id,
        minute: chrono::Utc::now().timestamp().div_euclid(60),
        uri: req.uri().to_string(),
        cookies: String::from_utf8_lossy(&cookies).into_owned(),
    };
    Some((key, user.page_generation))
}

/// The nonce of a whole page that may be kept, from its policy.
fn keepable(res: &Response) -> Option<String> {
    if res.status() != StatusCode::OK || res.headers().contains_key(header::SET_COOKIE) {
        return None;
    }
    let html = res.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.starts_with("text/html"));
    let policy = res.headers().get(header::CONTENT_SECURITY_POLICY)?.to_str().ok()?;
    let nonce = policy.split_once("'nonce-")?.1.split_once('\'')?.0;
    (html && !nonce.is_empty()).then(|| nonce.to_string())
}

fn cut(body: &Bytes, nonce: &[u8]) -> Vec<Bytes> {
    let mut pieces = vec![];
    let mut start = 0;
    for i in memchr::memmem::find_iter(body, nonce) {
        pieces.push(body.slice(start..i));
        start = i + nonce.len();
    }
    pieces.push(body.slice(start..));
    pieces
}

fn answer(page: &Page) -> Response {
    let nonce = leptos::nonce::Nonce::new();
    let len = page.pieces.iter().map(Bytes::len).sum::<usize>() + nonce.len() * (page.pieces.len() - 1);
    let mut body = Vec::with_capacity(len);
    for (i, piece) in page.pieces.iter().enumerate() {
        if i > 0 {
            body.extend_from_slice(nonce.as_bytes());
        }
        body.extend_from_slice(piece);
    }
    let mut res = Response::new(Body::from(body));
    *res.headers_mut() = page.headers.clone();
    if let Ok(v) = HeaderValue::from_str(&crate::security::page_policy(&nonce)) {
        res.headers_mut().insert(header::CONTENT_SECURITY_POLICY, v);
    }
    res
}

#[cfg(test)]
mod tests {
    use super::{cut, Key, Page, PageCache};
    use axum::body::Bytes;
    use axum::http::HeaderMap;

    fn page(generation: i64) -> Page {
        Page { generation, pieces: vec![Bytes::from_static(b"<p>kept</p>")], headers: HeaderMap::new() }
    }

    fn key(uri: &str) -> Key {
        Key { user: 1, minute: 0, uri: uri.to_string(), cookies: String::new() }
    }

    #[test]
    fn a_newer_generation_drops_the_kept_pages_and_a_late_render_of_an_older_one_is_not_kept() {
        let cache = PageCache::new(1);
        let kept = cache.0.as_ref().expect("a cache of 1 MiB");
        kept.saw(3);
        kept.keep(key("/a"), page(3));
        kept.keep(key("/b"), page(3));
        kept.saw(3);
        assert_eq!(kept.store.len(), 2, "the same generation keeps them");
        kept.saw(4);
        assert_eq!(kept.store.len(), 0, "a newer generation drops them");
        kept.keep(key("/a"), page(3));
        assert!(kept.store.get(&key("/a")).is_none(), "rendered under 3 while 4 was seen: never kept");
        kept.keep(key("/a"), page(4));
        kept.saw(2);
        assert_eq!(kept.store.get(&key("/a")).map(|p| p.generation), Some(4), "an older generation read late clears nothing");
        assert!(PageCache::new(0).0.is_none());
    }

    #[test]
    fn a_body_is_cut_at_every_nonce_and_nothing_else() {
        let body = Bytes::from_static(b"<script nonce=\"N0nce\">a</script><p>N0nc</p><script nonce=\"N0nce\"></script>");
        let pieces = cut(&body, b"N0nce");
        assert_eq!(pieces.len(), 3);
        assert_eq!(pieces.concat(), b"<script nonce=\"\">a</script><p>N0nc</p><script nonce=\"\"></script>");
        assert_eq!(cut(&Bytes::from_static(b"no nonce here"), b"N0nce").len(), 1);
    }
}
