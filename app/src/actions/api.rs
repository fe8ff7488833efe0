//! Server functions for the action list.
use std::collections::BTreeMap;

use leptos::prelude::*;

use super::dto::{ActionDetail, ActionFilter, ActionList};
use crate::error::AppError;

#[cfg(feature = "ssr")]
use crate::ssr::{ctx::{ctx, respond}, services::actions};

#[server]
pub async fn get_actions(slug: String, filter: ActionFilter) -> Result<ActionList, AppError> {
    let c = ctx()?;
    respond(actions::list(&c.state.db, &c.actor, &slug, filter).await)
}

#[server]
pub async fn get_action(slug: String, number: i32) -> Result<ActionDetail, AppError> {
    let c = ctx()?;
    respond(actions::detail(&c.state.db, &c.actor, &slug, number).await)
}

/// Checkbox maps (`participants[<user id>]`, `participant_orgs[<org id>]`) to ids.
#[cfg(feature = "ssr")]
fn ids(map: Option<BTreeMap<String, String>>) -> Vec<i32> {
    map.unwrap_or_default().keys().filter_map(|k| k.parse().ok()).collect()
}

/// Create an action; the new action's page opens. `meeting_id`/`item_id` say where it was raised.
#[server]
#[allow(clippy::too_many_arguments)]
pub async fn create_action(
    slug: String,
    title: String,
    description: String,
    owner: String,
    owner_org: Option<String>,
    start_date: String,
    end_date: String,
    comment: String,
    meeting_id: Option<String>,
    item_id: Option<String>,
    participants: Option<BTreeMap<String, String>>,
    participant_orgs: Option<BTreeMap<String, String>>,
) -> Result<(), AppError> {
    let c = ctx()?;
    let input = actions::ActionInput {
        title,
        description,
        owner,
        owner_org: owner_org.unwrap_or_default(),
        participants: ids(participants),
        participant_orgs: ids(participant_orgs),
        start_date,
        end_date,
        comment,
        state: String::new(),
        raised_meeting_id: meeting_id.and_then(|s| s.parse().ok()),
        raised_item_id: item_id.and_then(|s| s.parse().ok()),
    };
    let r = actions::create(&c.state.db, &c.actor, &c.state.config.base_url, &slug, input).await;
    if let Ok(n) = &r {
        leptos_axum::redirect(&format!("/forums/{slug}/actions/{n}"));
    }
    respond(r.map(|_| ()))
}

#[server]
#[allow(clippy::too_many_arguments)]
pub async fn edit_action(
    slug: String,
    number: i32,
    title: String,
    description: String,
    owner: String,
    owner_org: Option<String>,
    start_date: String,
    end_date: String,
    comment: String,
    state: String,
) -> Result<(), AppError> {
    let c = ctx()?;
    let input = actions::ActionInput { title, description, owner, owner_org: owner_org.unwrap_or_default(), start_date, end_date, comment, state, ..Default::default() };
    respond(actions::edit(&c.state.db, &c.actor, &c.state.config.base_url, &slug, number, input).await)
}

/// A dated status note; `state` empty keeps the state.
#[server]
pub async fn add_action_note(slug: String, number: i32, note_date: String, body: String, state: String) -> Result<(), AppError> {
    let c = ctx()?;
    respond(actions::add_note(&c.state.db, &c.actor, &slug, number, &note_date, &body, &state).await)
}


/// Escalate to the parent forum's action list.
#[server]
pub async fn escalate_action(slug: String, number: i32) -> Result<(), AppError> {
    let c = ctx()?;
    respond(crate::ssr::services::escalation::escalate_action(&c.state.db, &c.actor, &slug, number).await.map(|_| ()))
}
