use leptos::prelude::*;

use super::dto::Dashboard;
use crate::error::AppError;

#[server]
pub async fn get_dashboard() -> Result<Option<Dashboard>, AppError> {
    let c = crate::ssr::ctx::ctx()?;
    crate::ssr::ctx::respond(crate::ssr::services::forums::dashboard(&c.state.db, &c.actor).await)
}
