//! Server functions of the auth feature: each loads the context, calls a service, maps the result.
use leptos::prelude::*;

use super::dto::{CurrentUser, InviteInfo};
use crate::error::AppError;

#[cfg(feature = "ssr")]
use crate::ssr::{ctx::{ctx, respond}, services};

#[server]
pub async fn get_current_user() -> Result<Option<CurrentUser>, AppError> {
    use crate::ssr::policy::{can, Action, Scope};
    let c = ctx()?;
    let Some(u) = &c.actor.user else { return Ok(None) };
    Ok(Some(CurrentUser {
        id: u.id,
        name: u.name.clone(),
        organisation: u.organisation.clone(),
        is_admin: u.is_admin,
        can_admin_users: can(&c.actor, Action::ListUsers, &Scope::Global),
        can_admin_orgs: can(&c.actor, Action::ListOrganisations, &Scope::Global),
        can_view_audit: can(&c.actor, Action::ViewAudit, &Scope::Global),
    }))
}

/// Sign in. The session id changes here, so a fixed session id from before cannot be reused.
#[server]
pub async fn login(email: String, password: String, next: Option<String>) -> Result<(), AppError> {
    let c = ctx()?;
    let result = async {
        let user = services::auth::login(&c.state.db, &email, &password, &c.ip).await?;
        let session: tower_sessions::Session = leptos_axum::extract().await.map_err(crate::ssr::ctx::internal)?;
        session.cycle_id().await.map_err(crate::ssr::ctx::internal)?;
        session.insert(crate::ssr::SESSION_USER, user.id).await.map_err(crate::ssr::ctx::internal)?;
        session.insert(crate::ssr::SESSION_EPOCH, user.session_epoch).await.map_err(crate::ssr::ctx::internal)?;
        crate::ssr::set_lang_cookie(&user.language);
        // Back to where the person was going, but never to the login page itself.
        let target = crate::ssr::safe_next(next.as_deref());
        leptos_axum::redirect(if target.starts_with("/login") { "/" } else { &target });
        Ok(())
    }
    .await;
    respond(result)
}

#[server]
pub async fn request_reset(email: String) -> Result<(), AppError> {
    let c = ctx()?;
    let r = services::auth::request_reset(&c.state.db, &c.state.config.base_url, &email).await;
    if r.is_ok() {
        leptos_axum::redirect("/reset?sent=1");
    }
    respond(r)
}

#[server]
pub async fn complete_reset(token: String, password: String, password2: String) -> Result<(), AppError> {
    let c = ctx()?;
    let r = services::auth::complete_reset(&c.state.db, &token, &password, &password2).await;
    if r.is_ok() {
        leptos_axum::redirect("/login?notice=reset");
    }
    respond(r)
}

#[server]
pub async fn invitation_info(token: String) -> Result<InviteInfo, AppError> {
    let c = ctx()?;
    respond(services::auth::invitation_for_token(&c.state.db, &token).await)
}

#[server]
pub async fn accept_invitation(token: String, password: String, password2: String) -> Result<(), AppError> {
    let c = ctx()?;
    let r = services::auth::accept_invitation(&c.state.db, &token, &password, &password2).await;
    if r.is_ok() {
        leptos_axum::redirect("/login?notice=welcome");
    }
    respond(r)
}
