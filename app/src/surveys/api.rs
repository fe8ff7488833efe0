//! Server functions for surveys.
use std::collections::BTreeMap;

use leptos::prelude::*;

use super::dto::{ResultsPage, SurveyPage, SurveyRow};
use crate::error::AppError;

#[cfg(feature = "ssr")]
use crate::ssr::{ctx::{ctx, refusal, respond}, services::surveys};

/// The anonymous respondent's receipt, kept in a cookie named after the survey.
#[cfg(feature = "ssr")]
fn receipt_cookie(survey_id: i32) -> Option<String> {
    crate::ssr::ctx::cookie(&use_context::<axum::http::request::Parts>()?, &format!("survey{survey_id}"))
}

#[server]
pub async fn list_surveys(slug: String) -> Result<(String, String, bool, Vec<SurveyRow>), AppError> {
    let c = ctx()?;
    let f = crate::ssr::services::forums::find_by_slug(&c.state.db, &slug).await;
    let f = refusal(f)?;
    let manage = crate::ssr::policy::can(&c.actor, crate::ssr::policy::Action::ManageSurveys, &crate::ssr::services::forums::forum_scope(&f));
    let rows = respond(surveys::for_forum(&c.state.db, &c.actor, &f).await)?;
    Ok((f.name, f.slug, manage, rows))
}

#[server]
pub async fn create_survey(slug: String, title: String, intro: String, anonymous: Option<String>, closes: String) -> Result<i32, AppError> {
    let c = ctx()?;
    let input = surveys::NewSurvey { title, intro, anonymous: anonymous.is_some(), closes };
    let r = surveys::create(&c.state.db, &c.actor, &slug, input).await;
    if let Ok(id) = &r {
        leptos_axum::redirect(&format!("/surveys/{id}"));
    }
    respond(r)
}

#[server]
pub async fn get_survey(id: i32) -> Result<SurveyPage, AppError> {
    let c = ctx()?;
    respond(surveys::page(&c.state.db, &c.actor, id, receipt_cookie(id).as_deref()).await)
}

#[server]
#[allow(clippy::too_many_arguments)]
pub async fn add_survey_question(survey_id: i32, section: String, kind: String, text: String, help: String, required: Option<String>, options: String) -> Result<i32, AppError> {
    let c = ctx()?;
    let q = surveys::NewQuestion { section, kind, text, help, required: required.is_some(), options };
    respond(surveys::add_question(&c.state.db, &c.actor, survey_id, q).await)
}

#[server]
pub async fn move_survey_question(question_id: i32, direction: String) -> Result<(), AppError> {
    let c = ctx()?;
    respond(surveys::move_question(&c.state.db, &c.actor, question_id, direction == "up").await)
}

#[server]
pub async fn delete_survey_question(question_id: i32) -> Result<(), AppError> {
    let c = ctx()?;
    respond(surveys::delete_question(&c.state.db, &c.actor, question_id).await)
}

/// `invite[<user id>]` for each chosen person; none chosen: everyone in the forum.
#[server]
pub async fn open_survey(survey_id: i32, invite: Option<BTreeMap<String, String>>) -> Result<usize, AppError> {
    let c = ctx()?;
    let only: Vec<i32> = invite.unwrap_or_default().keys().filter_map(|k| k.parse().ok()).collect();
    respond(surveys::open_for(&c.state.db, &c.actor, &c.state.config.base_url, survey_id, &only).await)
}

#[server]
pub async fn remind_survey(survey_id: i32) -> Result<usize, AppError> {
    let c = ctx()?;
    respond(surveys::remind(&c.state.db, &c.actor, &c.state.config.base_url, survey_id).await)
}

#[server]
pub async fn close_survey(survey_id: i32) -> Result<(), AppError> {
    let c = ctx()?;
    respond(surveys::close(&c.state.db, &c.actor, survey_id).await)
}

/// `a[q<id>]` / `a[q<id>_<index>]` answers; `submit` is the pressed button: "draft" or "send".
#[server]
pub async fn answer_survey(survey_id: i32, a: Option<BTreeMap<String, String>>, submit: String) -> Result<bool, AppError> {
    let c = ctx()?;
    let sending = submit == "send";
    let r = surveys::answer(&c.state.db, &c.actor, survey_id, &a.unwrap_or_default(), sending, receipt_cookie(survey_id).as_deref()).await;
    if let Ok(Some(code)) = &r {
        // Path=/ so that the server functions under /api see it too.
        let cookie = format!("survey{survey_id}={code}; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax");
        if let (Some(opts), Ok(v)) = (use_context::<leptos_axum::ResponseOptions>(), axum::http::HeaderValue::from_str(&cookie)) {
            opts.append_header(axum::http::header::SET_COOKIE, v);
        }
    }
    respond(r.map(|_| sending))
}

#[server]
pub async fn get_survey_results(id: i32) -> Result<ResultsPage, AppError> {
    let c = ctx()?;
    respond(surveys::results(&c.state.db, &c.actor, id).await)
}

/// A new draft round copied from this survey.
#[server]
pub async fn copy_survey(survey_id: i32, title: String, closes: String) -> Result<i32, AppError> {
    let c = ctx()?;
    let r = surveys::copy(&c.state.db, &c.actor, survey_id, title, closes).await;
    if let Ok(id) = &r {
        leptos_axum::redirect(&format!("/surveys/{id}"));
    }
    respond(r)
}

/// `submit` is the pressed button: "draft" or "publish". True when published now.
#[server]
pub async fn save_insights(survey_id: i32, insights: String, submit: String) -> Result<bool, AppError> {
    let c = ctx()?;
    respond(surveys::save_insights(&c.state.db, &c.actor, &c.state.config.base_url, survey_id, &insights, submit == "publish").await)
}

#[server]
pub async fn attach_survey(survey_id: i32, item_id: i32) -> Result<(), AppError> {
    let c = ctx()?;
    respond(surveys::attach(&c.state.db, &c.actor, survey_id, item_id).await)
}
