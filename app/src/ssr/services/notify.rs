//! Notifications: each person chooses per forum to hear at once, in a daily digest, or not at all.
//! Immediate mails carry an unsubscribe link and List-Unsubscribe headers; digest entries wait in
//! `notifications` and go out once a day, grouped by forum, never empty.
use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, NaiveTime, Utc};
use entity::{forum, forum_membership, notification, notification_setting, user};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait};

use super::meetings::{local, to_utc};
use crate::error::AppError;
use crate::i18n::{Lang, K};
use crate::notifications::dto::{ForumSetting, UnsubscribeInfo};
use crate::ssr::mail::{self, escape, Composed};
use crate::ssr::policy::{authorize, Action, Actor, Scope};
use crate::ssr::tokens;

pub const MODES: [&str; 3] = ["immediate", "digest", "off"];
/// Digests go out from this hour (Stockholm), with what happened before it.
pub const DIGEST_HOUR: u32 = 7;

/// The modes and unsubscribe tokens of a set of recipients (two queries, plus a write for each
/// person who has no token yet).
pub struct Audience {
    modes: HashMap<i32, String>,
    tokens: HashMap<i32, String>,
}

pub async fn audience(db: &impl ConnectionTrait, forum_id: i32, users: &[user::Model]) -> Result<Audience, AppError> {
    let ids: Vec<i32> = users.iter().map(|u| u.id).collect();
    let modes = notification_setting::Entity::find()
        .filter(notification_setting::Column::ForumId.eq(forum_id))
        .filter(notification_setting::Column::UserId.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.user_id, s.mode))
        .collect();
    let mut tokens = HashMap::new();
    for u in users {
        tokens.insert(u.id, token_of(db, u).await?);
    }
    Ok(Audience { modes, tokens })
}

async fn token_of(db: &impl ConnectionTrait, u: &user::Model) -> Result<String, AppError> {
    if let Some(t) = &u.mail_token {
        return Ok(t.clone());
    }
    let t = tokens::new_token();
    user::ActiveModel { id: Set(u.id), mail_token: Set(Some(t.clone())), ..Default::default() }.update(db).await?;
    Ok(t)
}

fn links(base_url: &str, token: &str, forum_id: Option<i32>) -> (String, String) {
    let q = forum_id.map(|f| format!("?forum={f}")).unwrap_or_default();
    (format!("{base_url}/unsubscribe/{token}{q}"), format!("{base_url}/unsubscribe/{token}/one-click{q}"))
}

/// Tell one person about a change in a forum, the way they chose. Returns whether a mail was
/// queued now.
#[allow(clippy::too_many_arguments)]
pub async fn deliver(db: &impl ConnectionTrait, base_url: &str, aud: &Audience, u: &user::Model, f: &forum::Model, kind: &str, mail: Composed, link: &str) -> Result<bool, AppError> {
    let mode = aud.modes.get(&u.id).map(String::as_str).unwrap_or("immediate");
    match mode {
        "off" => Ok(false),
        "digest" => {
            notification::ActiveModel {
                user_id: Set(u.id),
                forum_id: Set(f.id),
                kind: Set(kind.into()),
                title: Set(mail.subject.clone()),
                link: Set(link.into()),
                created_at: Set(Utc::now()),
                digested_at: Set(None),
                ..Default::default()
            }
            .insert(db)
            .await?;
            Ok(false)
        }
        _ => {
            let lang = Lang::from_code(&u.language);
            let token = aud.tokens.get(&u.id).cloned().unwrap_or_default();
            let (page, one_click) = links(base_url, &token, Some(f.id));
            let why = format!("{} {}.", K::MailWhyForum.in_lang(lang), f.name);
            let mail = mail.with_unsubscribe(lang, &why, &format!("{base_url}/me#notifications"), &page);
            mail::enqueue_with(db, &u.email, &u.name, mail, Some(one_click)).await?;
            Ok(true)
        }
    }
}

/// Tell one person (an owner, a proposer, an author) in the way they chose.
pub async fn deliver_to(db: &impl ConnectionTrait, base_url: &str, u: &user::Model, f: &forum::Model, kind: &str, mail: Composed, link: &str) -> Result<bool, AppError> {
    let aud = audience(db, f.id, std::slice::from_ref(u)).await?;
    deliver(db, base_url, &aud, u, f, kind, mail, link).await
}

/// The last digest cut-off at or before `now`: 07.00 Stockholm today, or yesterday before seven.
pub fn digest_cutoff(now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let today = local(now).date();
    let seven = to_utc(today.and_time(NaiveTime::from_hms_opt(DIGEST_HOUR, 0, 0)?))?;
    if now >= seven {
        Some(seven)
    } else {
        to_utc(today.pred_opt()?.and_time(NaiveTime::from_hms_opt(DIGEST_HOUR, 0, 0)?))
    }
}

/// Send the daily digests that are due: everything that waited before the last cut-off, one mail
/// per person, grouped by forum. Each person's entries are claimed with a conditional update, so
/// two instances never send the same digest. Returns the number of digests queued.
pub async fn send_digests<C: ConnectionTrait + TransactionTrait>(db: &C, base_url: &str, now: DateTime<Utc>) -> Result<usize, AppError> {
    let Some(cutoff) = digest_cutoff(now) else { return Ok(0) };
    let waiting: Vec<i32> = notification::Entity::find()
        .select_only()
        .column(notification::Column::UserId)
        .filter(notification::Column::DigestedAt.is_null())
        .filter(notification::Column::CreatedAt.lt(cutoff))
        .distinct()
        .limit(500)
        .into_tuple()
        .all(db)
        .await?;
    let mut sent = 0;
    for user_id in waiting {
        let Some(u) = user::Entity::find_by_id(user_id).one(db).await?.filter(|u| u.active) else { continue };
        let txn = super::begin_write(db).await?;
        let rows = notification::Entity::find()
            .filter(notification::Column::UserId.eq(user_id))
            .filter(notification::Column::DigestedAt.is_null())
            .filter(notification::Column::CreatedAt.lt(cutoff))
            .order_by_asc(notification::Column::Id)
            .all(&txn)
            .await?;
        let ids: Vec<i32> = rows.iter().map(|r| r.id).collect();
        let claimed = notification::Entity::update_many()
            .col_expr(notification::Column::DigestedAt, Expr::value(now))
            .filter(notification::Column::Id.is_in(ids.clone()))
            .filter(notification::Column::DigestedAt.is_null())
            .exec(&txn)
            .await?;
        if rows.is_empty() || claimed.rows_affected != ids.len() as u64 {
            txn.rollback().await?;
            continue;
        }
        let forum_ids: Vec<i32> = rows.iter().map(|r| r.forum_id).collect();
        let names: HashMap<i32, String> = forum::Entity::find().filter(forum::Column::Id.is_in(forum_ids)).all(&txn).await?.into_iter().map(|f| (f.id, f.name)).collect();
        let mut groups: BTreeMap<String, Vec<&notification::Model>> = BTreeMap::new();
        for r in &rows {
            groups.entry(names.get(&r.forum_id).cloned().unwrap_or_default()).or_default().push(r);
        }
        let lang = Lang::from_code(&u.language);
        let token = token_of(&txn, &u).await?;
        let (page, one_click) = links(base_url, &token, None);
        let mail = compose_digest(lang, &u.name, &groups).with_unsubscribe(lang, K::MailWhyDigest.in_lang(lang), &format!("{base_url}/me#notifications"), &page);
        mail::enqueue_with(&txn, &u.email, &u.name, mail, Some(one_click)).await?;
        txn.commit().await?;
        sent += 1;
    }
    Ok(sent)
}

fn compose_digest(lang: Lang, name: &str, groups: &BTreeMap<String, Vec<&notification::Model>>) -> Composed {
    let t = |k: K| k.in_lang(lang);
    let mut text = format!("{} {name},\n\n{}\n", t(K::MailGreeting), t(K::MailDigestBody));
    let mut html = format!(
        "<!DOCTYPE html><html lang=\"{}\"><body style=\"font-family:sans-serif;line-height:1.5\"><p>{} {},</p><p>{}</p>",
        lang.code(),
        t(K::MailGreeting),
        escape(name),
        escape(t(K::MailDigestBody))
    );
    for (forum, items) in groups {
        text.push_str(&format!("\n{forum}\n"));
        html.push_str(&format!("<h2 style=\"font-size:1.1em\">{}</h2><ul>", escape(forum)));
        for n in items {
            text.push_str(&format!("- {}\n  {}\n", n.title, n.link));
            html.push_str(&format!("<li><a href=\"{}\">{}</a></li>", escape(&n.link), escape(&n.title)));
        }
        html.push_str("</ul>");
    }
    text.push_str(&format!("\n{}\n", t(K::MailSignature)));
    html.push_str(&format!("<p>{}</p></body></html>", escape(t(K::MailSignature))));
    let count: usize = groups.values().map(Vec::len).sum();
    Composed { subject: format!("{} ({count})", t(K::MailDigestSubject)), text, html }
}

/// The forums a person has a role in, with the chosen mode.
pub async fn settings(db: &impl ConnectionTrait, actor: &Actor) -> Result<Vec<ForumSetting>, AppError> {
    authorize(actor, Action::EditOwnAccount, &Scope::Global)?;
    let Some(me) = actor.user_id() else { return Err(AppError::Unauthenticated) };
    let forum_ids: Vec<i32> = forum_membership::Entity::find().filter(forum_membership::Column::UserId.eq(me)).all(db).await?.into_iter().map(|m| m.forum_id).collect();
    let modes: HashMap<i32, String> =
        notification_setting::Entity::find().filter(notification_setting::Column::UserId.eq(me)).all(db).await?.into_iter().map(|s| (s.forum_id, s.mode)).collect();
    Ok(forum::Entity::find()
        .filter(forum::Column::Id.is_in(forum_ids))
        .order_by_asc(forum::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|f| ForumSetting { mode: modes.get(&f.id).cloned().unwrap_or_else(|| "immediate".into()), forum_id: f.id, forum_name: f.name })
        .collect())
}

async fn set_mode(db: &impl ConnectionTrait, user_id: i32, forum_id: i32, mode: &str) -> Result<(), AppError> {
    let existing = notification_setting::Entity::find()
        .filter(notification_setting::Column::UserId.eq(user_id))
        .filter(notification_setting::Column::ForumId.eq(forum_id))
        .one(db)
        .await?;
    match existing {
        Some(s) if s.mode == mode => {}
        Some(s) => {
            notification_setting::ActiveModel { id: Set(s.id), mode: Set(mode.into()), ..Default::default() }.update(db).await?;
        }
        None => {
            notification_setting::ActiveModel { user_id: Set(user_id), forum_id: Set(forum_id), mode: Set(mode.into()), ..Default::default() }.insert(db).await?;
        }
    }
    Ok(())
}

/// Save `mode[<forum id>]` choices; forums the person has no role in are ignored.
pub async fn save_settings(db: &impl ConnectionTrait, actor: &Actor, choices: &BTreeMap<String, String>) -> Result<(), AppError> {
    let mine = settings(db, actor).await?;
    let Some(me) = actor.user_id() else { return Err(AppError::Unauthenticated) };
    for s in mine {
        if let Some(mode) = choices.get(&s.forum_id.to_string()) {
            if !MODES.contains(&mode.as_str()) {
                return Err(AppError::field("mode", K::ErrChoose));
            }
            set_mode(db, me, s.forum_id, mode).await?;
        }
    }
    Ok(())
}

async fn by_token(db: &impl ConnectionTrait, token: &str) -> Result<user::Model, AppError> {
    if token.len() < 16 {
        return Err(AppError::NotFound);
    }
    user::Entity::find().filter(user::Column::MailToken.eq(token)).one(db).await?.ok_or(AppError::NotFound)
}

/// What an unsubscribe link is about (no sign-in: the token is the permission, like a reset link).
pub async fn unsubscribe_info(db: &impl ConnectionTrait, token: &str, forum_id: Option<i32>) -> Result<UnsubscribeInfo, AppError> {
    let u = by_token(db, token).await?;
    let forum = match forum_id {
        Some(f) => forum::Entity::find_by_id(f).one(db).await?.map(|f| (f.id, f.name)),
        None => None,
    };
    Ok(UnsubscribeInfo { name: u.name, forum })
}

/// Stop mail from one forum, or from every forum the person has a role in.
pub async fn unsubscribe(db: &impl ConnectionTrait, token: &str, forum_id: Option<i32>) -> Result<(), AppError> {
    let u = by_token(db, token).await?;
    let forums: Vec<i32> = match forum_id {
        Some(f) => vec![f],
        None => forum_membership::Entity::find().filter(forum_membership::Column::UserId.eq(u.id)).all(db).await?.into_iter().map(|m| m.forum_id).collect(),
    };
    for f in forums {
        if forum::Entity::find_by_id(f).one(db).await?.is_some() {
            set_mode(db, u.id, f, "off").await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_digest_cutoff_is_seven_in_stockholm() {
        // 06.30 UTC in winter is 07.30 in Stockholm: today's cut-off (06.00 UTC).
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 6, 30, 0).unwrap();
        assert_eq!(digest_cutoff(now).unwrap(), Utc.with_ymd_and_hms(2026, 11, 23, 6, 0, 0).unwrap());
        // 05.00 UTC is 06.00 in Stockholm: yesterday's.
        let early = Utc.with_ymd_and_hms(2026, 11, 23, 5, 0, 0).unwrap();
        assert_eq!(digest_cutoff(early).unwrap(), Utc.with_ymd_and_hms(2026, 11, 22, 6, 0, 0).unwrap());
        // Summer: UTC+2.
        let summer = Utc.with_ymd_and_hms(2027, 6, 1, 5, 0, 0).unwrap();
        assert_eq!(digest_cutoff(summer).unwrap(), Utc.with_ymd_and_hms(2027, 6, 1, 5, 0, 0).unwrap());
    }
}
