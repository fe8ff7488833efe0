//! The search server function.
use leptos::prelude::*;

use super::dto::SearchPage;
use crate::error::AppError;

#[cfg(feature = "ssr")]
use crate::ssr::{ctx::{ctx, respond}, services::search};

#[server]
pub async fn search(q: String, page: u64) -> Result<SearchPage, AppError> {
    let c = ctx()?;
    respond(search::search(&c.state.db, &c.actor, &q, page).await)
}
