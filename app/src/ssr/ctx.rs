//! The request context of a server function: state, acting user, client address, request id.
use leptos::prelude::*;

use super::policy::Actor;
use super::state::AppState;
use crate::error::AppError;
use crate::i18n::Lang;

/// The client address as resolved by the server's middleware.
#[derive(Clone, Debug)]
pub struct ClientIp(pub String);

/// The request id, as set by the server's middleware (also in every log line of the request).
#[derive(Clone, Debug)]
pub struct RequestId(pub String);

pub struct Ctx {
    pub state: AppState,
    pub actor: Actor,
    pub ip: String,
    pub lang: Lang,
}

/// Load the context; a missing piece is an internal error, never a panic.
pub fn ctx() -> Result<Ctx, AppError> {
    let state = use_context::<AppState>().ok_or_else(|| internal("AppState missing from context"))?;
    let parts = use_context::<axum::http::request::Parts>().ok_or_else(|| internal("request parts missing"))?;
    let actor = parts.extensions.get::<Actor>().cloned().unwrap_or_default();
    let ip = parts.extensions.get::<ClientIp>().map(|c| c.0.clone()).unwrap_or_else(|| "unknown".into());
    Ok(Ctx { state, actor, ip, lang: request_lang(&parts) })
}

/// The language of this request: the `lang` cookie, else Swedish.
pub fn request_lang(parts: &axum::http::request::Parts) -> Lang {
    cookie(parts, "lang").map(|v| Lang::from_code(&v)).unwrap_or_default()
}

/// A cookie of the request, by name.
pub fn cookie(parts: &axum::http::request::Parts, name: &str) -> Option<String> {
    parts
        .headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// The client address of the current request, when there is one (not in tests or the command line).
pub fn current_client_ip() -> Option<String> {
    use_context::<axum::http::request::Parts>().and_then(|p| p.extensions.get::<ClientIp>().map(|c| c.0.clone()))
}

pub fn current_request_id() -> String {
    use_context::<axum::http::request::Parts>()
        .and_then(|p| p.extensions.get::<RequestId>().map(|r| r.0.clone()))
        .unwrap_or_else(|| "-".into())
}

/// Log the cause with the request id and return the generic error the user sees.
pub fn internal(cause: impl std::fmt::Display) -> AppError {
    let request_id = current_request_id();
    tracing::error!(%request_id, "internal error: {cause}");
    AppError::Internal { request_id }
}

impl From<sea_orm::DbErr> for AppError {
    fn from(e: sea_orm::DbErr) -> Self {
        if database_unavailable(&e) {
            let request_id = current_request_id();
            tracing::warn!(%request_id, "database unavailable: {e}");
            AppError::Unavailable { request_id }
        } else {
            internal(e)
        }
    }
}

/// Errors that say the database is away or cannot take writes, rather than that the request or
/// the code is wrong: the pool cannot connect, the connection broke, the server is shutting down
/// or starting, the disk is full, the database is read-only.
pub fn database_unavailable(e: &sea_orm::DbErr) -> bool {
    use sea_orm::sqlx::Error as S;
    use sea_orm::{DbErr, RuntimeErr};
    let sqlx = match e {
        DbErr::ConnectionAcquire(_) => return true,
        DbErr::Conn(RuntimeErr::SqlxError(s)) | DbErr::Exec(RuntimeErr::SqlxError(s)) | DbErr::Query(RuntimeErr::SqlxError(s)) => s,
        _ => return false,
    };
    match sqlx {
        S::Io(_) | S::PoolTimedOut | S::PoolClosed | S::WorkerCrashed | S::Tls(_) => true,
        S::Database(d) if d.try_downcast_ref::<sea_orm::sqlx::sqlite::SqliteError>().is_some() => {
            // SQLite's primary result code: 8 read-only, 10 I/O error, 13 full, 14 cannot open.
            let primary = d.code().and_then(|c| c.parse::<i64>().ok()).map(|c| c & 0xff);
            matches!(primary, Some(8 | 10 | 13 | 14))
        }
        S::Database(d) => {
            // PostgreSQL's SQLSTATE: class 08 connection, class 53 resources (disk full), 57P01-03
            // shutdown or starting, 25006 read-only transaction.
            let code = d.code().map(|c| c.to_string()).unwrap_or_default();
            code.starts_with("08") || code.starts_with("53") || matches!(code.as_str(), "57P01" | "57P02" | "57P03" | "25006")
        }
        _ => false,
    }
}

impl From<sea_orm::TransactionError<AppError>> for AppError {
    fn from(e: sea_orm::TransactionError<AppError>) -> Self {
        match e {
            sea_orm::TransactionError::Connection(db) => db.into(),
            sea_orm::TransactionError::Transaction(app) => app,
        }
    }
}

/// Finish a server function: on a scripted call, give refusals their HTTP status
/// (a plain form post keeps the redirect that carries the error back to the form).
pub fn respond<T: serde::Serialize>(result: Result<T, AppError>) -> Result<T, AppError> {
    if let Ok(value) = &result {
        // A plain form post that succeeded goes back to its page, which says so from `__ok` (and
        // `__okv`, the result) as it would from the result with script (`components::server_action`).
        // A function that chose where to go keeps that, and says so only when it is the same page.
        if let (Some(p), Some(opts)) = (use_context::<axum::http::request::Parts>(), use_context::<leptos_axum::ResponseOptions>()) {
            let referer = p.headers.get(axum::http::header::REFERER).and_then(|v| v.to_str().ok()).map(str::to_string);
            let chosen = opts.0.read().ok().and_then(|r| r.headers.get(axum::http::header::LOCATION).and_then(|v| v.to_str().ok()).map(str::to_string));
            let target = match (chosen, referer) {
                (None, referer) => referer,
                (Some(loc), Some(referer)) if matches!(local_path(&loc), Some(to) if local_path(&referer) == Some(to)) => Some(loc),
                _ => None,
            };
            let json = serde_json::to_string(value).ok().filter(|j| j != "null" && j.len() <= 200);
            if let (true, Some(back)) = (is_form_post(&p), target.and_then(|t| back_with_ok(&t, p.uri.path(), json.as_deref()))) {
                if let Ok(v) = axum::http::HeaderValue::from_str(&back) {
                    opts.insert_header(axum::http::header::LOCATION, v);
                }
            }
        }
    }
    refusal(result)
}

/// The refusal part of `respond`, for a result on the way (not the function's answer).
pub fn refusal<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if let Err(e) = &result {
        if !use_context::<axum::http::request::Parts>().is_some_and(|p| is_form_post(&p)) {
            if let (Some(opts), Ok(status)) = (
                use_context::<leptos_axum::ResponseOptions>(),
                axum::http::StatusCode::from_u16(e.status()),
            ) {
                opts.set_status(status);
            }
        }
    }
    result
}

/// A plain form post (the browser asks for a page back), not a scripted call: Leptos' own test.
fn is_form_post(p: &axum::http::request::Parts) -> bool {
    p.headers.get(axum::http::header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("text/html"))
}

/// The path of a local address or of one on a host (never `//host`), without query and fragment.
fn local_path(url: &str) -> Option<&str> {
    let local = match url.split_once("://") {
        Some((_, rest)) => &rest[rest.find('/')?..],
        None if url.starts_with('/') && !url.starts_with("//") => url,
        None => return None,
    };
    local.split(['?', '#']).next()
}

/// The page a form was posted from (path and query of its `Referer`, never another host), with
/// `__ok=<the function's path>` and the result as JSON in `__okv` (when it has one) instead of any
/// earlier outcome of a form post.
pub fn back_with_ok(referer: &str, fn_path: &str, value: Option<&str>) -> Option<String> {
    let path = local_path(referer)?;
    let query = referer.split('#').next().and_then(|r| r.split_once('?')).map(|(_, q)| q).unwrap_or("");
    let mut params: Vec<String> = query
        .split('&')
        .filter(|kv| !kv.is_empty() && !["__ok", "__okv", "__err", "__path"].contains(&kv.split('=').next().unwrap_or("")))
        .map(str::to_string)
        .collect();
    params.push(format!("__ok={}", crate::components::percent_encode_keep(fn_path, b"/")));
    if let Some(v) = value {
        params.push(format!("__okv={}", crate::components::percent_encode_keep(v, b"")));
    }
    Some(format!("{path}?{}", params.join("&")))
}

#[cfg(test)]
mod tests {
    use super::back_with_ok;

    #[test]
    fn a_form_post_goes_back_to_its_own_page_with_its_outcome() {
        assert_eq!(
            back_with_ok("http://127.0.0.1:3000/meetings/4?tab=x&__ok=%2Fapi%2Fold&__okv=3", "/api/add_note1", None).as_deref(),
            Some("/meetings/4?tab=x&__ok=/api/add_note1")
        );
        assert_eq!(
            back_with_ok("https://h.example/forums/a/actions?state=active&__path=/api/x&__err=abc#x", "/api/a", Some("true")).as_deref(),
            Some("/forums/a/actions?state=active&__ok=/api/a&__okv=true")
        );
        assert_eq!(back_with_ok("/me", "/api/a", Some("[1,\"x y\"]")).as_deref(), Some("/me?__ok=/api/a&__okv=%5B1%2C%22x%20y%22%5D"));
        assert_eq!(back_with_ok("http://evil.example", "/api/a", None), None, "no path: nowhere to go back to");
        assert_eq!(back_with_ok("//evil.example/x", "/api/a", None), None);
        assert_eq!(super::local_path("https://h.example/forums/a?x=1#y"), Some("/forums/a"));
    }
}
