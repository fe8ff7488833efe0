//! Server functions for forums.
use leptos::prelude::*;

use super::dto::{ForumDetail, Structure};
use crate::error::AppError;

#[cfg(feature = "ssr")]
use crate::ssr::{ctx::{ctx, respond}, services::forums};

#[server]
pub async fn get_structure() -> Result<Structure, AppError> {
    let c = ctx()?;
    respond(forums::structure(&c.state.db, &c.actor).await)
}

#[server]
pub async fn get_forum(slug: String) -> Result<ForumDetail, AppError> {
    let c = ctx()?;
    respond(forums::detail(&c.state.db, &c.actor, &slug).await)
}

/// Create (empty `id`) or update a forum. A new forum opens on its own page.
#[server]
#[allow(clippy::too_many_arguments)]
pub async fn save_forum(
    id: Option<String>,
    name: String,
    slug: Option<String>,
    level: String,
    parent_id: String,
    visibility: String,
    contact_email: String,
    publish_days_before: String,
    purpose: String,
    agenda_template: String,
) -> Result<(), AppError> {
    let c = ctx()?;
    let id = id.and_then(|s| s.trim().parse::<i32>().ok());
    let input = forums::ForumInput {
        name,
        slug: slug.unwrap_or_default(),
        level,
        parent_id,
        visibility,
        contact_email,
        publish_days_before,
        purpose,
        agenda_template,
    };
    let r = forums::save(&c.state.db, &c.actor, id, input).await;
    if let (Ok(slug), None) = (&r, id) {
        leptos_axum::redirect(&format!("/forums/{slug}"));
    }
    respond(r.map(|_| ()))
}

#[server]
pub async fn set_forum_organisation(forum_id: i32, organisation_id: i32, member: bool) -> Result<(), AppError> {
    let c = ctx()?;
    respond(forums::set_organisation(&c.state.db, &c.actor, forum_id, organisation_id, member).await)
}
