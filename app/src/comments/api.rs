//! Server functions for comments: post (or reply), edit, delete one's own, hide (the secretariat).
use leptos::prelude::*;

use crate::error::AppError;

#[cfg(feature = "ssr")]
use crate::ssr::{ctx::{ctx, respond}, services::comments};

/// `kind` is "agenda", "item", "summary" or "action"; `parent_id` makes it a reply.
#[server]
pub async fn post_comment(kind: String, target_id: i32, parent_id: Option<String>, body: String) -> Result<i32, AppError> {
    let c = ctx()?;
    let parent = parent_id.and_then(|p| p.trim().parse::<i32>().ok());
    respond(comments::post(&c.state.db, &c.actor, &c.state.config.base_url, &kind, target_id, parent, &body).await)
}

#[server]
pub async fn edit_comment(id: i32, body: String) -> Result<(), AppError> {
    let c = ctx()?;
    respond(comments::edit(&c.state.db, &c.actor, id, &body).await)
}

#[server]
pub async fn delete_comment(id: i32) -> Result<(), AppError> {
    let c = ctx()?;
    respond(comments::delete(&c.state.db, &c.actor, id).await)
}

#[server]
pub async fn hide_comment(id: i32, reason: String) -> Result<(), AppError> {
    let c = ctx()?;
    respond(comments::hide(&c.state.db, &c.actor, id, &reason).await)
}
