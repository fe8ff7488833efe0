//! The publish reminder: when a meeting is closer than its forum's "publish N days before" and the
//! agenda is still a draft, the forum's secretariat gets one mail. Several server instances may run
//! this at once: a meeting is claimed with one conditional update, so only one of them sends.
use chrono::{Duration, Utc};
use entity::{forum, meeting, user};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, TransactionTrait};

use super::meetings::local;
use crate::error::AppError;
use crate::i18n::{format_datetime, Lang, K};
use crate::ssr::mail;

/// Queue the reminders that are due; returns how many meetings were reminded about.
pub async fn remind_due<C: ConnectionTrait + TransactionTrait>(db: &C, base_url: &str) -> Result<usize, AppError> {
    let now = Utc::now();
    // No forum publishes more than 60 days ahead; the bound keeps the scan small.
    let candidates = meeting::Entity::find()
        .find_also_related(forum::Entity)
        .filter(meeting::Column::AgendaPublishedAt.is_null())
        .filter(meeting::Column::PublishReminderSentAt.is_null())
        .filter(meeting::Column::Status.is_in(["planned", "proposed"]))
        .filter(meeting::Column::StartsAt.gt(now))
        .filter(meeting::Column::StartsAt.lt(now + Duration::days(60)))
        .all(db)
        .await?;
    let mut reminded = 0;
    for (m, f) in candidates {
        let Some(f) = f else { continue };
        if m.starts_at - Duration::days(i64::from(f.publish_days_before.max(0))) > now {
            continue;
        }
        let txn = super::begin_write(db).await?;
        let claimed = meeting::Entity::update_many()
            .col_expr(meeting::Column::PublishReminderSentAt, Expr::value(Some(now)))
            .filter(meeting::Column::Id.eq(m.id))
            .filter(meeting::Column::PublishReminderSentAt.is_null())
            .exec(&txn)
            .await?;
        if claimed.rows_affected != 1 {
            txn.rollback().await?;
            continue;
        }
        let link = format!("{base_url}/meetings/{}", m.id);
        let people = super::forums::recipients(&txn, f.id, Some(crate::ssr::policy::ForumRole::Secretariat)).await?;
        let aud = super::notify::audience(&txn, f.id, &people).await?;
        for u in &people {
            let lang = Lang::from_code(&u.language);
            let subject = format!("{}: {}, {}", K::MailReminderSubject.in_lang(lang), f.name, format_datetime(lang, local(m.starts_at)));
            let lines = vec![format!("{} {}", f.publish_days_before, K::DaysBeforeMeeting.in_lang(lang))];
            super::notify::deliver(&txn, base_url, &aud, u, &f, "reminder", mail::compose_list(lang, subject, &u.name, K::MailReminderBody, &lines, &link), &link).await?;
        }
        txn.commit().await?;
        reminded += 1;
    }
    Ok(reminded)
}

/// Action reminders: to the owner N days before the end date (the forum's setting) and once it has
/// passed; each at most once per action, claimed like the publish reminder.
pub async fn remind_actions<C: ConnectionTrait + TransactionTrait>(db: &C, base_url: &str) -> Result<usize, AppError> {
    use entity::action;
    let today = local(Utc::now()).date();
    let candidates = action::Entity::find()
        .find_also_related(forum::Entity)
        .filter(action::Column::OwnerUserId.is_not_null())
        .filter(action::Column::EndDate.is_not_null())
        .filter(action::Column::State.is_not_in(["done", "cancelled"]))
        .filter(sea_orm::Condition::any().add(action::Column::DueReminderSentAt.is_null()).add(action::Column::OverdueReminderSentAt.is_null()))
        .filter(action::Column::EndDate.lte(today + Duration::days(60)))
        .all(db)
        .await?;
    let mut sent = 0;
    for (a, f) in candidates {
        let (Some(f), Some(end), Some(owner)) = (f, a.end_date, a.owner_user_id) else { continue };
        let (column, body) = if end < today {
            (action::Column::OverdueReminderSentAt, K::MailActionOverdueBody)
        } else if end <= today + Duration::days(i64::from(f.action_reminder_days.max(0))) {
            (action::Column::DueReminderSentAt, K::MailActionDueBody)
        } else {
            continue;
        };
        let txn = super::begin_write(db).await?;
        let claimed = action::Entity::update_many()
            .col_expr(column, Expr::value(Some(Utc::now())))
            .filter(action::Column::Id.eq(a.id))
            .filter(column.is_null())
            .exec(&txn)
            .await?;
        if claimed.rows_affected != 1 {
            // Roll back now: a dropped transaction is only rolled back lazily, and on SQLite the
            // other worker then finds the database locked.
            txn.rollback().await?;
            continue;
        }
        if let Some(u) = user::Entity::find_by_id(owner).one(&txn).await?.filter(|u| u.active && u.password_hash.is_some()) {
            let lang = Lang::from_code(&u.language);
            let subject = format!("{}: {}. {}", K::MailActionSubject.in_lang(lang), a.number, a.title);
            let lines = vec![f.name.clone(), format!("{} {}", K::ActionEnd.in_lang(lang), crate::i18n::format_date(lang, end))];
            let link = format!("{base_url}/forums/{}/actions/{}", f.slug, a.number);
            if super::notify::deliver_to(&txn, base_url, &u, &f, "reminder", mail::compose_list(lang, subject, &u.name, body, &lines, &link), &link).await? {
                sent += 1;
            }
        }
        txn.commit().await?;
    }
    Ok(sent)
}

/// Runs for the life of the process.
pub fn spawn_worker(db: sea_orm::DatabaseConnection, base_url: String, every: std::time::Duration) {
    tokio::spawn(async move {
        loop {
            if let Err(e) = remind_due(&db, &base_url).await {
                tracing::error!("publish reminders: {e:?}");
            }
            if let Err(e) = remind_actions(&db, &base_url).await {
                tracing::error!("action reminders: {e:?}");
            }
            if let Err(e) = super::surveys::remind_due(&db, &base_url).await {
                tracing::error!("survey reminders: {e:?}");
            }
            if let Err(e) = super::consultations::remind_due(&db, &base_url).await {
                tracing::error!("consultation reminders: {e:?}");
            }
            if let Err(e) = super::notify::send_digests(&db, &base_url, chrono::Utc::now()).await {
                tracing::error!("digests: {e:?}");
            }
            tokio::time::sleep(every).await;
        }
    });
}
