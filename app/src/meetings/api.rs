//! Server functions for meetings.
use leptos::prelude::*;

use super::dto::{MeetingDetail, ParticipantsPage};
use crate::error::AppError;

#[cfg(feature = "ssr")]
use crate::ssr::{ctx::{ctx, respond}, services::meetings};

#[server]
pub async fn get_meeting(id: i32) -> Result<MeetingDetail, AppError> {
    let c = ctx()?;
    respond(meetings::detail(&c.state.db, &c.actor, id).await)
}

#[server]
pub async fn get_participants(meeting_id: i32) -> Result<ParticipantsPage, AppError> {
    let c = ctx()?;
    respond(crate::ssr::services::participation::page(&c.state.db, &c.actor, meeting_id).await)
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
    respond(meetings::cancel(&c.state.db, &c.actor, &c.state.config.base_url, id, &reason).await.map(|_| ()))
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

#[server]
pub async fn edit_agenda_item(
    item_id: i32,
    title: String,
    presenters: String,
    duration_minutes: String,
    kind: String,
    description: String,
) -> Result<(), AppError> {
    use crate::ssr::services::agenda;
    let c = ctx()?;
    let input = agenda::ItemInput { title, presenters, duration_minutes, kind, description };
    respond(agenda::edit_item(&c.state.db, &c.actor, item_id, input).await)
}

/// The short mail to the members listing the items changed since publication.
#[server]
pub async fn send_agenda_update(meeting_id: i32) -> Result<(), AppError> {
    let c = ctx()?;
    respond(crate::ssr::services::agenda::send_update(&c.state.db, &c.actor, &c.state.config.base_url, meeting_id).await.map(|_| ()))
}

/// `organisations` comes from checkboxes named `organisations[<id>]`; unchecked boxes send nothing.
#[server]
pub async fn propose_addition(
    meeting_id: i32,
    title: String,
    description: String,
    presenter: String,
    organisations: Option<std::collections::BTreeMap<String, String>>,
) -> Result<(), AppError> {
    use crate::ssr::services::additions;
    let c = ctx()?;
    let organisations = organisations.unwrap_or_default().keys().filter_map(|k| k.parse().ok()).collect();
    let input = additions::AdditionInput { title, description, presenter, organisations };
    respond(additions::propose(&c.state.db, &c.actor, &c.state.config.base_url, meeting_id, input).await.map(|_| ()))
}

#[server]
pub async fn accept_addition(addition_id: i32, duration_minutes: String) -> Result<(), AppError> {
    let c = ctx()?;
    respond(crate::ssr::services::additions::accept(&c.state.db, &c.actor, &c.state.config.base_url, addition_id, &duration_minutes).await.map(|_| ()))
}

#[server]
pub async fn move_addition(addition_id: i32, target: String) -> Result<(), AppError> {
    let c = ctx()?;
    let target = target.parse::<i32>().map_err(|_| AppError::field("target", crate::i18n::K::ErrChoose));
    respond(match target {
        Ok(t) => crate::ssr::services::additions::move_to(&c.state.db, &c.actor, &c.state.config.base_url, addition_id, t).await,
        Err(e) => Err(e),
    })
}

#[server]
pub async fn decline_addition(addition_id: i32, reason: String) -> Result<(), AppError> {
    let c = ctx()?;
    respond(crate::ssr::services::additions::decline(&c.state.db, &c.actor, &c.state.config.base_url, addition_id, &reason).await)
}

#[server]
pub async fn delete_material(material_id: i32) -> Result<(), AppError> {
    let c = ctx()?;
    respond(crate::ssr::services::materials::delete(&c.state.db, &c.actor, material_id).await.map(|_| ()))
}

/// One's organisation's written round-the-table update.
#[server]
pub async fn post_round_table_update(meeting_id: i32, body: String) -> Result<(), AppError> {
    let c = ctx()?;
    respond(crate::ssr::services::participation::post_update(&c.state.db, &c.actor, meeting_id, &body).await)
}

/// `attended` is "yes" or "no".
#[server]
pub async fn record_attendance(meeting_id: i32, user_id: i32, attended: String) -> Result<(), AppError> {
    let c = ctx()?;
    respond(crate::ssr::services::participation::record_attendance(&c.state.db, &c.actor, meeting_id, user_id, attended == "yes").await)
}

/// Drag and drop: `order` is every item id of the meeting, comma-separated, in the new order.
#[server]
pub async fn reorder_agenda(meeting_id: i32, order: String) -> Result<(), AppError> {
    let c = ctx()?;
    let ids: Vec<i32> = order.split(',').filter_map(|s| s.trim().parse().ok()).collect();
    respond(crate::ssr::services::agenda::reorder(&c.state.db, &c.actor, meeting_id, &ids).await)
}

/// Escalate an agenda item to the parent forum's next meeting.
#[server]
pub async fn escalate_agenda_item(item_id: i32) -> Result<(), AppError> {
    let c = ctx()?;
    respond(crate::ssr::services::escalation::escalate_item(&c.state.db, &c.actor, item_id).await.map(|_| ()))
}
