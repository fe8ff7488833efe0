//! Server functions for notification settings and unsubscribing.
use std::collections::BTreeMap;

use leptos::prelude::*;

use super::dto::{ForumSetting, UnsubscribeInfo};
use crate::error::AppError;

#[cfg(feature = "ssr")]
use crate::ssr::{ctx::{ctx, respond}, services::notify};

#[server]
pub async fn get_notification_settings() -> Result<Vec<ForumSetting>, AppError> {
    let c = ctx()?;
    respond(notify::settings(&c.state.db, &c.actor).await)
}

/// `mode[<forum id>]` = immediate, digest or off.
#[server]
pub async fn save_notification_settings(mode: Option<BTreeMap<String, String>>) -> Result<(), AppError> {
    let c = ctx()?;
    respond(notify::save_settings(&c.state.db, &c.actor, &mode.unwrap_or_default()).await)
}

/// No sign-in: the token from the mail is the permission (like a password-reset link).
#[server]
pub async fn get_unsubscribe(token: String, forum: Option<i32>) -> Result<UnsubscribeInfo, AppError> {
    let c = ctx()?;
    respond(notify::unsubscribe_info(&c.state.db, &token, forum).await)
}

#[server]
pub async fn unsubscribe(token: String, forum: Option<String>) -> Result<(), AppError> {
    let c = ctx()?;
    let forum = forum.and_then(|f| f.trim().parse::<i32>().ok());
    respond(notify::unsubscribe(&c.state.db, &token, forum).await)
}
