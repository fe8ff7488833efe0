//! Server functions for the calendar.
use leptos::prelude::*;

use super::dto::CalendarPage;
use crate::error::AppError;

#[cfg(feature = "ssr")]
use crate::ssr::{ctx::{ctx, respond}, services::calendar};

/// `view` "month" or "list"; `month` "YYYY-MM" (the list shows that year); `forum` a slug or empty.
#[server]
pub async fn get_calendar(view: String, month: String, forum: String) -> Result<CalendarPage, AppError> {
    let c = ctx()?;
    respond(calendar::page(&c.state.db, &c.actor, &c.state.config.base_url, &view, &month, &forum).await)
}

/// A new secret for one's calendar subscription; the old address stops working.
#[server]
pub async fn reset_calendar_token() -> Result<(), AppError> {
    let c = ctx()?;
    respond(calendar::reset_token(&c.state.db, &c.actor).await.map(|_| ()))
}
