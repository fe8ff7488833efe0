//! Signing in (with rate limits), loading the acting user, password reset and accepting invitations.
use chrono::{Duration, Utc};
use entity::{invitation, login_attempt, password_reset, user};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};

use super::audit;
use crate::error::{AppError, Validator};
use crate::i18n::{Lang, K};
use crate::ssr::mail;
use crate::ssr::password;
use crate::ssr::policy::{Actor, ActorUser, ForumRole, MemberForum};
use crate::ssr::tokens;

/// Failed sign-ins allowed per account and per address within the window.
pub const MAX_FAILURES_PER_ACCOUNT: u64 = 5;
pub const MAX_FAILURES_PER_IP: u64 = 20;
pub const WINDOW_MINUTES: i64 = 15;
pub const RESET_HOURS: i64 = 2;
pub const INVITE_DAYS: i64 = 7;

/// Check the password. Counters live in the database so that every instance sees the same limit.
pub async fn login(db: &impl ConnectionTrait, email: &str, password: &str, ip: &str) -> Result<user::Model, AppError> {
    let email = email.trim().to_lowercase();
    let keep = [("email", email.as_str())];
    if email.is_empty() || password.is_empty() {
        let mut v = Validator::new();
        if email.is_empty() {
            v.add("email", K::ErrRequired);
        }
        if password.is_empty() {
            v.add("password", K::ErrRequired);
        }
        return Err(v.finish(&keep).unwrap_err());
    }
    let since = Utc::now() - Duration::minutes(WINDOW_MINUTES);
    // Failures after the account's last success count against it.
    let last_success = login_attempt::Entity::find()
        .filter(login_attempt::Column::Email.eq(&email))
        .filter(login_attempt::Column::Success.eq(true))
        .filter(login_attempt::Column::CreatedAt.gt(since))
        .order_by_desc(login_attempt::Column::CreatedAt)
        .one(db)
        .await?
        .map(|a| a.created_at);
    let account_failures = login_attempt::Entity::find()
        .filter(login_attempt::Column::Email.eq(&email))
        .filter(login_attempt::Column::Success.eq(false))
        .filter(login_attempt::Column::CreatedAt.gt(last_success.unwrap_or(since).max(since)))
        .count(db)
        .await?;
    let ip_failures = login_attempt::Entity::find()
        .filter(login_attempt::Column::Ip.eq(ip))
        .filter(login_attempt::Column::Success.eq(false))
        .filter(login_attempt::Column::CreatedAt.gt(since))
        .count(db)
        .await?;
    if account_failures >= MAX_FAILURES_PER_ACCOUNT || ip_failures >= MAX_FAILURES_PER_IP {
        tracing::warn!(%ip, "sign-in refused: rate limit");
        return Err(AppError::RateLimited);
    }
    let found = user::Entity::find().filter(user::Column::Email.eq(&email)).one(db).await?;
    let ok = password::verify(password.to_string(), found.as_ref().and_then(|u| u.password_hash.clone())).await?;
    let user = found.filter(|u| ok && u.active);
    login_attempt::ActiveModel {
        email: Set(email.clone()),
        ip: Set(ip.to_string()),
        success: Set(user.is_some()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    match &user {
        Some(u) => audit::record_from(db, Some(u.id), &format!("{} <{}>", u.name, u.email), ip, "login.success", &format!("user:{}", u.id), "").await?,
        None => audit::record_from(db, None, &email, ip, "login.failed", "-", "").await?,
    }
    // Unknown address, wrong password and deactivated account all get the same answer.
    let user = user.ok_or_else(|| AppError::form(K::LoginFailed).with_values(&keep))?;
    // A visit starts at sign-in: "published since my last visit" counts from the one before.
    user::ActiveModel { id: Set(user.id), previous_visit_at: Set(user.last_visit_at), last_visit_at: Set(Some(Utc::now())), ..Default::default() }
        .update(db)
        .await?;
    Ok(user)
}

/// The acting user of a session, or `None` when the account is gone, deactivated, or the session
/// predates a password change (its epoch is old).
pub async fn load_actor(db: &impl ConnectionTrait, user_id: i32, epoch: i32) -> Result<Option<Actor>, sea_orm::DbErr> {
    // One statement on every request: the person, their organisation and their forums with roles.
    let backend = db.get_database_backend();
    let p = if backend == sea_orm::DbBackend::Postgres { "$1" } else { "?" };
    let sql = format!(
        "SELECT u.id, u.name, u.email, u.organisation_id, u.is_admin, u.language, u.active, u.session_epoch, \
         u.password_hash IS NOT NULL AS has_password, u.previous_visit_at, u.calendar_token, o.short_name, m.forum_id, m.role, \
         f.name AS forum_name, f.slug AS forum_slug, f.level AS forum_level, \
         (SELECT n FROM page_generation WHERE id = 1) AS page_generation \
         FROM users u JOIN organisations o ON o.id = u.organisation_id LEFT JOIN forum_memberships m ON m.user_id = u.id \
         LEFT JOIN forums f ON f.id = m.forum_id WHERE u.id = {p}"
    );
    let rows = db.query_all(sea_orm::Statement::from_sql_and_values(backend, sql, [user_id.into()])).await?;
    let Some(first) = rows.first() else { return Ok(None) };
    let active: bool = first.try_get("", "active")?;
    let has_password: bool = first.try_get("", "has_password")?;
    if !active || first.try_get::<i32>("", "session_epoch")? != epoch || !has_password {
        return Ok(None);
    }
    let mut forums = vec![];
    for r in &rows {
        if let (Some(forum_id), Some(role)) = (r.try_get::<Option<i32>>("", "forum_id")?, r.try_get::<Option<String>>("", "role")?) {
            if let Some(role) = ForumRole::from_code(&role) {
                forums.push(MemberForum {
                    id: forum_id,
                    role,
                    name: r.try_get("", "forum_name")?,
                    slug: r.try_get("", "forum_slug")?,
                    level: r.try_get("", "forum_level")?,
                });
            }
        }
    }
    Ok(Some(Actor {
        user: Some(ActorUser {
            id: first.try_get("", "id")?,
            name: first.try_get("", "name")?,
            email: first.try_get("", "email")?,
            organisation_id: first.try_get("", "organisation_id")?,
            organisation: first.try_get("", "short_name")?,
            is_admin: first.try_get("", "is_admin")?,
            language: first.try_get("", "language")?,
            forums,
            previous_visit_at: first.try_get("", "previous_visit_at")?,
            calendar_token: first.try_get("", "calendar_token")?,
            page_generation: first.try_get("", "page_generation")?,
        }),
    }))
}

/// Always succeeds from the caller's view, so the answer does not reveal which addresses exist.
pub async fn request_reset(db: &impl ConnectionTrait, base_url: &str, email: &str) -> Result<(), AppError> {
    let mut v = Validator::new();
    let email = v.email("email", email);
    v.finish(&[("email", email.as_str())])?;
    let Some(u) = user::Entity::find().filter(user::Column::Email.eq(&email)).one(db).await? else { return Ok(()) };
    if !u.active {
        return Ok(());
    }
    let token = tokens::new_token();
    let now = Utc::now();
    password_reset::ActiveModel {
        user_id: Set(u.id),
        token_hash: Set(tokens::hash_token(&token)),
        created_at: Set(now),
        expires_at: Set(now + Duration::hours(RESET_HOURS)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let link = format!("{base_url}/reset/{token}");
    let lang = Lang::from_code(&u.language);
    mail::enqueue(db, &u.email, &u.name, mail::compose(lang, K::MailResetSubject, &u.name, K::MailResetBody, &link)).await
}

fn check_new_password(v: &mut Validator, new: &str, repeat: &str, known: &[&str]) {
    if let Err(k) = password::check_strength(new, known) {
        v.add("password", k);
    } else if new != repeat {
        v.add("password2", K::ErrPasswordMismatch);
    }
}

pub async fn complete_reset<C: ConnectionTrait + TransactionTrait>(db: &C, token: &str, new: &str, repeat: &str) -> Result<(), AppError> {
    let now = Utc::now();
    let reset = password_reset::Entity::find()
        .filter(password_reset::Column::TokenHash.eq(tokens::hash_token(token)))
        .one(db)
        .await?
        .filter(|r| r.used_at.is_none() && r.expires_at > now)
        .ok_or_else(|| AppError::form(K::TokenInvalid))?;
    let u = user::Entity::find_by_id(reset.user_id).one(db).await?.filter(|u| u.active).ok_or_else(|| AppError::form(K::TokenInvalid))?;
    let mut v = Validator::new();
    check_new_password(&mut v, new, repeat, &[&u.email, &u.name]);
    v.finish(&[])?;
    let hash = password::hash(new.to_string()).await?;
    let txn = super::begin_write(db).await?;
    // Claim the token with a conditional update so that it works once even when used twice at once.
    let claimed = password_reset::Entity::update_many()
        .col_expr(password_reset::Column::UsedAt, Expr::value(now))
        .filter(password_reset::Column::Id.eq(reset.id))
        .filter(password_reset::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    if claimed.rows_affected != 1 {
        return Err(AppError::form(K::TokenInvalid));
    }
    set_password(&txn, &u, hash).await?;
    let ip = crate::ssr::ctx::current_client_ip().unwrap_or_else(|| "-".into());
    audit::record_from(&txn, Some(u.id), &format!("{} <{}>", u.name, u.email), &ip, "password.reset", &format!("user:{}", u.id), "").await?;
    txn.commit().await?;
    Ok(())
}

/// Store a new hash and end every existing session of the person.
async fn set_password(db: &impl ConnectionTrait, u: &user::Model, hash: String) -> Result<(), AppError> {
    user::ActiveModel {
        id: Set(u.id),
        password_hash: Set(Some(hash)),
        session_epoch: Set(u.session_epoch + 1),
        updated_at: Set(Utc::now()),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

async fn open_invitation(db: &impl ConnectionTrait, token: &str) -> Result<(invitation::Model, user::Model), AppError> {
    let now = Utc::now();
    let inv = invitation::Entity::find()
        .filter(invitation::Column::TokenHash.eq(tokens::hash_token(token)))
        .one(db)
        .await?
        .filter(|i| i.accepted_at.is_none() && i.revoked_at.is_none() && i.expires_at > now)
        .ok_or_else(|| AppError::form(K::TokenInvalid))?;
    let u = user::Entity::find_by_id(inv.user_id).one(db).await?.filter(|u| u.active).ok_or_else(|| AppError::form(K::TokenInvalid))?;
    Ok((inv, u))
}

pub async fn invitation_for_token(db: &impl ConnectionTrait, token: &str) -> Result<crate::auth::dto::InviteInfo, AppError> {
    let (_, u) = open_invitation(db, token).await?;
    let org = entity::organisation::Entity::find_by_id(u.organisation_id).one(db).await?;
    Ok(crate::auth::dto::InviteInfo { name: u.name, email: u.email, organisation: org.map(|o| o.name).unwrap_or_default() })
}

pub async fn accept_invitation<C: ConnectionTrait + TransactionTrait>(db: &C, token: &str, new: &str, repeat: &str) -> Result<(), AppError> {
    let (inv, u) = open_invitation(db, token).await?;
    let mut v = Validator::new();
    check_new_password(&mut v, new, repeat, &[&u.email, &u.name]);
    v.finish(&[])?;
    let hash = password::hash(new.to_string()).await?;
    let txn = super::begin_write(db).await?;
    let claimed = invitation::Entity::update_many()
        .col_expr(invitation::Column::AcceptedAt, Expr::value(Utc::now()))
        .filter(invitation::Column::Id.eq(inv.id))
        .filter(invitation::Column::AcceptedAt.is_null())
        .filter(invitation::Column::RevokedAt.is_null())
        .exec(&txn)
        .await?;
    if claimed.rows_affected != 1 {
        return Err(AppError::form(K::TokenInvalid));
    }
    set_password(&txn, &u, hash).await?;
    txn.commit().await?;
    Ok(())
}
