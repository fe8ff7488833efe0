//! Server functions for administration. Every one goes through a service that asks the policy.
use leptos::prelude::*;

use super::dto::{OrgList, UserPage};
use crate::error::AppError;

#[cfg(feature = "ssr")]
use crate::i18n::K;
#[cfg(feature = "ssr")]
use crate::ssr::{ctx::{ctx, respond}, services::{accounts, organisations}};

#[server]
pub async fn list_organisations() -> Result<OrgList, AppError> {
    let c = ctx()?;
    respond(organisations::list(&c.state.db, &c.actor).await)
}

/// Create (empty `id`) or update an organisation.
#[server]
pub async fn save_organisation(id: Option<String>, name: String, short_name: String, kind: String) -> Result<(), AppError> {
    let c = ctx()?;
    let id = id.and_then(|s| s.trim().parse::<i32>().ok());
    respond(organisations::save(&c.state.db, &c.actor, id, &name, &short_name, &kind).await.map(|_| ()))
}

#[server]
pub async fn list_users(q: String, page: u64) -> Result<UserPage, AppError> {
    let c = ctx()?;
    respond(accounts::list_users(&c.state.db, &c.actor, &q, page).await)
}

#[server]
#[allow(clippy::too_many_arguments)]
pub async fn invite_user(
    email: String,
    name: String,
    organisation_id: String,
    title: String,
    language: String,
    forum_id: String,
    role: String,
    make_admin: Option<String>,
) -> Result<(), AppError> {
    let c = ctx()?;
    let input = accounts::InviteInput { email, name, organisation_id, title, language, forum_id, role, make_admin: make_admin.is_some() };
    respond(accounts::invite(&c.state.db, &c.actor, &c.state.config.base_url, input).await.map(|_| ()))
}

#[server]
pub async fn set_forum_role(user_id: i32, forum_id: i32, role: String) -> Result<(), AppError> {
    let c = ctx()?;
    respond(accounts::set_forum_role(&c.state.db, &c.actor, user_id, forum_id, &role).await)
}

#[server]
pub async fn set_user_active(user_id: i32, active: bool) -> Result<(), AppError> {
    let c = ctx()?;
    respond(accounts::set_active(&c.state.db, &c.actor, user_id, active).await)
}

/// `confirm` is the ticked box ("yes"); without it nothing happens.
#[server]
pub async fn erase_user(user_id: i32, confirm: Option<String>) -> Result<(), AppError> {
    let c = ctx()?;
    if confirm.as_deref() != Some("yes") {
        return respond(Err(AppError::form(K::ErrConfirmErase)));
    }
    respond(crate::ssr::services::personal_data::erase(&c.state.db, &c.actor, user_id).await)
}

#[server]
pub async fn set_user_admin(user_id: i32, admin: bool) -> Result<(), AppError> {
    let c = ctx()?;
    respond(accounts::set_admin(&c.state.db, &c.actor, user_id, admin).await)
}

#[server]
pub async fn resend_invitation(user_id: i32) -> Result<(), AppError> {
    let c = ctx()?;
    respond(accounts::resend_invitation(&c.state.db, &c.actor, &c.state.config.base_url, user_id).await.map(|_| ()))
}

#[server]
pub async fn revoke_invitation(user_id: i32) -> Result<(), AppError> {
    let c = ctx()?;
    respond(accounts::revoke_invitation(&c.state.db, &c.actor, user_id).await)
}

/// The audit log, filtered (dates as YYYY-MM-DD; unknown values filter nothing out).
#[server]
pub async fn list_audit(action: String, who: String, from: String, to: String, page: u64) -> Result<super::dto::AuditPage, AppError> {
    let c = ctx()?;
    let date = |s: &str| chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok();
    let f = crate::ssr::services::audit::AuditFilter { action, who, from: date(&from), to: date(&to), page };
    respond(crate::ssr::services::audit::list(&c.state.db, &c.actor, &f).await)
}
