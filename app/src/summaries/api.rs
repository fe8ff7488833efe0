//! Server functions for meeting summaries.
use std::collections::BTreeMap;

use leptos::prelude::*;

use super::dto::{DiffPage, SummaryPage};
use crate::error::AppError;

#[cfg(feature = "ssr")]
use crate::ssr::{ctx::{ctx, respond}, services::summaries};

#[server]
pub async fn get_summary(meeting_id: i32) -> Result<SummaryPage, AppError> {
    let c = ctx()?;
    respond(summaries::page(&c.state.db, &c.actor, c.lang, meeting_id).await)
}

#[server]
pub async fn save_summary(meeting_id: i32, body: String) -> Result<(), AppError> {
    let c = ctx()?;
    respond(summaries::save_draft(&c.state.db, &c.actor, meeting_id, &body).await)
}

/// `reviewers[<user id>]` checkboxes.
#[server]
pub async fn start_summary_review(meeting_id: i32, reviewers: Option<BTreeMap<String, String>>) -> Result<usize, AppError> {
    let c = ctx()?;
    let ids: Vec<i32> = reviewers.unwrap_or_default().keys().filter_map(|k| k.parse().ok()).collect();
    respond(summaries::start_review(&c.state.db, &c.actor, &c.state.config.base_url, meeting_id, &ids).await)
}

#[server]
pub async fn publish_summary(meeting_id: i32) -> Result<usize, AppError> {
    let c = ctx()?;
    respond(summaries::publish(&c.state.db, &c.actor, &c.state.config.base_url, meeting_id).await)
}

#[server]
pub async fn revise_summary(meeting_id: i32, body: String, reason: String) -> Result<i32, AppError> {
    let c = ctx()?;
    respond(summaries::revise(&c.state.db, &c.actor, meeting_id, &body, &reason).await)
}

#[server]
pub async fn get_summary_diff(meeting_id: i32, from: i32, to: i32) -> Result<DiffPage, AppError> {
    let c = ctx()?;
    respond(summaries::diff(&c.state.db, &c.actor, meeting_id, from, to).await)
}

/// The editor's preview: the one markdown renderer, for anyone signed in.
#[server]
pub async fn preview_markdown(body: String) -> Result<String, AppError> {
    let c = ctx()?;
    // Anyone signed in (the same question as reading one's own account).
    let allowed = crate::ssr::policy::authorize(&c.actor, crate::ssr::policy::Action::ViewOwnAccount, &crate::ssr::policy::Scope::Global);
    respond(allowed.map(|_| crate::ssr::markdown::render(&body.chars().take(summaries::MAX_LEN).collect::<String>())))
}
