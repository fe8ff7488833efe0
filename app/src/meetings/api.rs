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

#[server]
pub async fn add_agenda_item(
    meeting_id: i32,
    title: String,
    presenters: String,
    duration_minutes: String,
    kind: String,
    description: String,
) -> Result<(), AppError> {
    use crate::ssr::services::agenda;
    let c = ctx()?;
    let input = agenda::ItemInput { title, presenters, duration_minutes, kind, description };
    respond(agenda::add_item(&c.state.db, &c.actor, meeting_id, input).await.map(|_| ()))
}

/// `direction` is "up" or "down".
#[server]
pub async fn move_agenda_item(item_id: i32, direction: String) -> Result<(), AppError> {
    let c = ctx()?;
    respond(crate::ssr::services::agenda::move_item(&c.state.db, &c.actor, item_id, direction == "up").await)
}

#[server]
pub async fn delete_agenda_item(item_id: i32) -> Result<(), AppError> {
    let c = ctx()?;
    respond(crate::ssr::services::agenda::delete_item(&c.state.db, &c.actor, item_id).await)
}

#[server]
pub async fn publish_agenda(meeting_id: i32) -> Result<(), AppError> {
    let c = ctx()?;
    respond(crate::ssr::services::agenda::publish(&c.state.db, &c.actor, &c.state.config.base_url, meeting_id).await.map(|_| ()))
}

/// Copy this meeting to a new date, with an agenda drafted from the forum's template.
#[server]
pub async fn create_next_meeting(meeting_id: i32, date: String) -> Result<(), AppError> {
    let c = ctx()?;
    let r = meetings::create_next(&c.state.db, &c.actor, meeting_id, &date).await;
    if let Ok(id) = &r {
        leptos_axum::redirect(&format!("/meetings/{id}"));
    }
    respond(r.map(|_| ()))
}
