//! Server functions for consultations.
use std::collections::BTreeMap;

use leptos::prelude::*;

use super::dto::{ConsultationPage, ConsultationRow};
use crate::error::AppError;

#[cfg(feature = "ssr")]
use crate::ssr::{ctx::{ctx, refusal, respond}, services::consultations};

#[server]
pub async fn list_consultations(slug: String) -> Result<(String, String, bool, Vec<ConsultationRow>, Vec<(i32, String)>), AppError> {
    let c = ctx()?;
    let f = refusal(crate::ssr::services::forums::find_by_slug(&c.state.db, &slug).await)?;
    let manage = crate::ssr::policy::can(&c.actor, crate::ssr::policy::Action::ManageConsultations, &crate::ssr::services::forums::forum_scope(&f));
    let rows = respond(consultations::for_forum(&c.state.db, &c.actor, &f).await)?;
    let items = if manage { respond(crate::ssr::services::surveys::item_choices(&c.state.db, f.id).await)? } else { vec![] };
    Ok((f.name, f.slug, manage, rows, items))
}

#[server]
pub async fn create_consultation(slug: String, title: String, background: String, deadline: String, item_id: String) -> Result<i32, AppError> {
    let c = ctx()?;
    let r = consultations::create(&c.state.db, &c.actor, &slug, consultations::NewConsultation { title, background, deadline, item_id }).await;
    if let Ok(id) = &r {
        leptos_axum::redirect(&format!("/consultations/{id}"));
    }
    respond(r)
}

#[server]
pub async fn get_consultation(id: i32) -> Result<ConsultationPage, AppError> {
    let c = ctx()?;
    respond(consultations::page(&c.state.db, &c.actor, id).await)
}

#[server]
pub async fn add_consultation_question(consultation_id: i32, text: String, help: String) -> Result<i32, AppError> {
    let c = ctx()?;
    respond(consultations::add_question(&c.state.db, &c.actor, consultation_id, &text, &help).await)
}

#[server]
pub async fn delete_consultation_question(question_id: i32) -> Result<(), AppError> {
    let c = ctx()?;
    respond(consultations::delete_question(&c.state.db, &c.actor, question_id).await)
}

#[server]
pub async fn open_consultation(consultation_id: i32) -> Result<usize, AppError> {
    let c = ctx()?;
    respond(consultations::open(&c.state.db, &c.actor, &c.state.config.base_url, consultation_id).await)
}

#[server]
pub async fn close_consultation(consultation_id: i32) -> Result<(), AppError> {
    let c = ctx()?;
    respond(consultations::close(&c.state.db, &c.actor, consultation_id).await)
}

#[server]
pub async fn remind_consultation(consultation_id: i32) -> Result<usize, AppError> {
    let c = ctx()?;
    respond(consultations::remind(&c.state.db, &c.actor, &c.state.config.base_url, consultation_id).await)
}

/// `a[q<id>]` answers; `submit` is the pressed button: "draft" or "send". True when submitted.
#[server]
pub async fn save_consultation_answer(consultation_id: i32, a: Option<BTreeMap<String, String>>, submit: String) -> Result<bool, AppError> {
    let c = ctx()?;
    respond(consultations::save(&c.state.db, &c.actor, consultation_id, &a.unwrap_or_default(), submit == "send").await)
}
