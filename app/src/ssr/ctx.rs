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
        internal(e)
    }
}

impl From<sea_orm::TransactionError<AppError>> for AppError {
    fn from(e: sea_orm::TransactionError<AppError>) -> Self {
        match e {
            sea_orm::TransactionError::Connection(db) => internal(db),
            sea_orm::TransactionError::Transaction(app) => app,
        }
    }
}

/// Finish a server function: on a scripted call, give refusals their HTTP status
/// (a plain form post keeps the redirect that carries the error back to the form).
pub fn respond<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if let Err(e) = &result {
        let is_form_post = use_context::<axum::http::request::Parts>().is_some_and(|p| {
            p.headers
                .get(axum::http::header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.contains("text/html"))
        });
        if !is_form_post {
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
