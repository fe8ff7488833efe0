//! The audit log: append-only records of publishing, revisions, moderation, permission and
//! membership changes, logins, invitations and exports. Written in the caller's transaction, so an
//! event is recorded exactly when the change it describes is.
use chrono::{NaiveDate, NaiveTime, Utc};
use entity::audit_event;
use sea_orm::{ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set};

use super::meetings::{local, to_utc};
use super::PAGE_SIZE;
use crate::admin::dto::{AuditPage, AuditRow};
use crate::error::AppError;
use crate::ssr::ctx::current_client_ip;
use crate::ssr::policy::{authorize, Action, Actor, Scope};

/// The event codes, also the filter's choices.
pub const ACTIONS: [&str; 24] = [
    "login.success",
    "login.failed",
    "invitation.sent",
    "invitation.revoked",
    "role.changed",
    "admin.changed",
    "user.active",
    "forum.saved",
    "agenda.published",
    "summary.review",
    "summary.published",
    "summary.revised",
    "comment.hidden",
    "export.actions",
    "meeting.cancelled",
    "addition.decided",
    "password.reset",
    "survey.opened",
    "survey.insights",
    "export.survey",
    "consultation.opened",
    "consultation.submitted",
    "export.consultation",
    "user.erased",
];

pub fn actor_label(actor: &Actor) -> String {
    actor.user.as_ref().map(|u| format!("{} <{}>", u.name, u.email)).unwrap_or_else(|| "-".into())
}

/// Record an event by the acting user; the address comes from the current request.
pub async fn record(db: &impl ConnectionTrait, actor: &Actor, action: &str, target: &str, detail: &str) -> Result<(), AppError> {
    record_from(db, actor.user_id(), &actor_label(actor), &current_client_ip().unwrap_or_else(|| "-".into()), action, target, detail).await
}

/// Record an event with everything given (routes outside server functions, failed logins).
pub async fn record_from(db: &impl ConnectionTrait, actor_id: Option<i32>, actor_label: &str, ip: &str, action: &str, target: &str, detail: &str) -> Result<(), AppError> {
    debug_assert!(ACTIONS.contains(&action), "unknown audit action {action}");
    audit_event::ActiveModel {
        at: Set(Utc::now()),
        actor_id: Set(actor_id),
        actor_label: Set(actor_label.chars().take(300).collect()),
        action: Set(action.into()),
        target: Set(target.into()),
        detail: Set(detail.chars().take(2000).collect()),
        ip: Set(ip.chars().take(100).collect()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

#[derive(Clone, Debug, Default)]
pub struct AuditFilter {
    pub action: String,
    pub who: String,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub page: u64,
}

pub async fn list(db: &impl ConnectionTrait, actor: &Actor, f: &AuditFilter) -> Result<AuditPage, AppError> {
    authorize(actor, Action::ViewAudit, &Scope::Global)?;
    let mut cond = Condition::all();
    if ACTIONS.contains(&f.action.as_str()) {
        cond = cond.add(audit_event::Column::Action.eq(f.action.as_str()));
    }
    let who = f.who.trim();
    if !who.is_empty() {
        cond = cond.add(audit_event::Column::ActorLabel.contains(who));
    }
    let day_start = |d: NaiveDate| stockholm_midnight(d);
    if let Some(d) = f.from {
        cond = cond.add(audit_event::Column::At.gte(day_start(d)));
    }
    if let Some(d) = f.to.and_then(|d| d.succ_opt()) {
        cond = cond.add(audit_event::Column::At.lt(day_start(d)));
    }
    let total = audit_event::Entity::find().filter(cond.clone()).count(db).await?;
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    let page = f.page.min(pages - 1);
    let rows = audit_event::Entity::find()
        .filter(cond)
        .order_by_desc(audit_event::Column::Id)
        .offset(page * PAGE_SIZE)
        .limit(PAGE_SIZE)
        .all(db)
        .await?
        .into_iter()
        .map(|e| AuditRow { at: local(e.at), who: e.actor_label, action: e.action, target: e.target, detail: e.detail, ip: e.ip })
        .collect();
    Ok(AuditPage {
        rows,
        total,
        page,
        pages,
        actions: ACTIONS.iter().map(|a| a.to_string()).collect(),
        action: f.action.clone(),
        who: who.to_string(),
        from: f.from.map(|d| d.to_string()).unwrap_or_default(),
        to: f.to.map(|d| d.to_string()).unwrap_or_default(),
    })
}

fn stockholm_midnight(d: NaiveDate) -> chrono::DateTime<Utc> {
    // Midnight exists on every Swedish date (the clocks change at 02.00 and 03.00).
    to_utc(d.and_time(NaiveTime::MIN)).unwrap_or_else(|| d.and_time(NaiveTime::MIN).and_utc())
}
