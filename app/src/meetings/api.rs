//! Server functions for meetings.
use leptos::prelude::*;

use super::dto::MeetingDetail;
use crate::error::AppError;

#[cfg(feature = "ssr")]
use crate::ssr::{ctx::{ctx, respond}, services::meetings};

#[server]
pub async fn get_meeting(id: i32) -> Result<MeetingDetail, AppError> {
    let c = ctx()?;
    respond(meetings::detail(&c.state.db, &c.actor, id).await)
}

/// Plan a meeting; the new meeting's page opens.
#[server]
#[allow(clippy::too_many_arguments)]
pub async fn create_meeting(
    forum_slug: String,
    title: String,
    date: String,
    start: String,
    end: String,
    place: String,
    online_url: String,
    status: String,
) -> Result<(), AppError> {
    let c = ctx()?;
    let input = meetings::MeetingInput { title, date, start, end, place, online_url, status };
    let r = meetings::create(&c.state.db, &c.actor, &forum_slug, input).await;
    if let Ok(id) = &r {
        leptos_axum::redirect(&format!("/meetings/{id}"));
    }
    respond(r.map(|_| ()))
}

#[server]
pub async fn cancel_meeting(id: i32, reason: String) -> Result<(), AppError> {
    let c = ctx()?;
    respond(meetings::cancel(&c.state.db, &c.actor, id, &reason).await)
}
