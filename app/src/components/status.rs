//! Error and not-found views, which also set the HTTP status during server rendering.
use leptos::prelude::*;

use super::t;
use crate::error::AppError;
use crate::i18n::K;

fn set_status(_code: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(opts), Ok(s)) = (use_context::<leptos_axum::ResponseOptions>(), axum::http::StatusCode::from_u16(_code)) {
        opts.set_status(s);
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    set_status(404);
    view! {
        <leptos_meta::Title text=t(K::NotFoundTitle)/>
        <h1>{t(K::NotFoundTitle)}</h1>
        <p>{t(K::NotFoundText)}</p>
        <p><a href="/">{t(K::GoHome)}</a></p>
    }
}

/// A page-level error: the translated message, a sign-in link where that helps, the request id
/// where something broke. Never internals.
#[component]
pub fn ErrorView(error: AppError) -> impl IntoView {
    set_status(error.status());
    let title = match &error {
        AppError::NotFound => K::NotFoundTitle,
        AppError::Forbidden | AppError::Unauthenticated => K::ForbiddenTitle,
        _ => K::ErrorTitle,
    };
    let request_id = match &error {
        AppError::Internal { request_id } | AppError::Unavailable { request_id } => Some(request_id.clone()),
        _ => None,
    };
    let login = matches!(error, AppError::Unauthenticated);
    view! {
        <leptos_meta::Title text=t(title)/>
        <div class="notice notice--error" role="alert">
            <h1>{t(title)}</h1>
            <p>{t(error.message())}</p>
            {request_id.map(|id| view! { <p>{t(K::ErrorCode)} ": " <code class="request-id">{id}</code></p> })}
            {login.then(|| view! { <p><a class="button" href="/login" rel="external">{t(K::Login)}</a></p> })}
        </div>
    }
}
