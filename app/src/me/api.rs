use leptos::prelude::*;

use super::dto::MyAccount;
use crate::error::AppError;

#[cfg(feature = "ssr")]
use crate::ssr::{ctx::{ctx, respond}, services::accounts};

#[server]
pub async fn get_my_account() -> Result<MyAccount, AppError> {
    let c = ctx()?;
    respond(accounts::my_account(&c.state.db, &c.actor).await)
}

#[server]
pub async fn update_profile(name: String, title: String, language: String) -> Result<(), AppError> {
    let c = ctx()?;
    let r = accounts::update_profile(&c.state.db, &c.actor, &name, &title, &language).await;
    if let Ok(lang) = &r {
        crate::ssr::set_lang_cookie(lang.code());
        leptos_axum::redirect("/me?saved=profile");
    }
    respond(r.map(|_| ()))
}

/// Other sessions of the person end; this one stays signed in with the new epoch.
#[server]
pub async fn change_password(current: String, password: String, password2: String) -> Result<(), AppError> {
    let c = ctx()?;
    let r = async {
        let epoch = accounts::change_password(&c.state.db, &c.actor, &current, &password, &password2).await?;
        let session: tower_sessions::Session = leptos_axum::extract().await.map_err(crate::ssr::ctx::internal)?;
        session.cycle_id().await.map_err(crate::ssr::ctx::internal)?;
        session.insert(crate::ssr::SESSION_EPOCH, epoch).await.map_err(crate::ssr::ctx::internal)?;
        leptos_axum::redirect("/me?saved=password");
        Ok(())
    }
    .await;
    respond(r)
}
