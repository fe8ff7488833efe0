//! People: invitations, the user list, forum roles, deactivation and the own account.
use std::collections::HashMap;

use chrono::{Duration, Utc};
use entity::{forum, forum_membership, invitation, organisation, user};
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, TransactionTrait, TryIntoModel,
};

use super::audit;
use super::auth::INVITE_DAYS;
use super::PAGE_SIZE;
use crate::admin::dto::{Choice, RoleView, UserPage, UserRow, UserStatus};
use crate::error::{AppError, Validator};
use crate::i18n::{Lang, K};
use crate::me::dto::MyAccount;
use crate::ssr::policy::{authorize, can, Action, Actor, ForumRole, Scope};
use crate::ssr::{mail, password, tokens};

fn forum_scope(id: i32) -> Scope {
    // Visibility does not matter for management actions.
    Scope::Forum { id, public: false }
}

#[derive(Clone, Debug, Default)]
pub struct InviteInput {
    pub email: String,
    pub name: String,
    pub organisation_id: String,
    pub title: String,
    pub language: String,
    pub forum_id: String,
    pub role: String,
    pub make_admin: bool,
}

/// The invitee as validated.
struct Invitee {
    email: String,
    name: String,
    organisation_id: i32,
    title: Option<String>,
    lang: Lang,
    forum: Option<(i32, ForumRole)>,
}

async fn validate_invitee(db: &impl ConnectionTrait, input: &InviteInput) -> Result<Invitee, AppError> {
    let mut v = Validator::new();
    let email = v.email("email", &input.email);
    let name = v.required("name", &input.name, 200);
    let title = v.optional("title", &input.title, 200);
    let organisation_id = input.organisation_id.trim().parse::<i32>().ok();
    match organisation_id {
        None => v.add("organisation_id", K::ErrChoose),
        Some(id) if organisation::Entity::find_by_id(id).one(db).await?.is_none() => v.add("organisation_id", K::ErrUnknownOrg),
        _ => {}
    }
    let forum = match input.forum_id.trim() {
        "" => None,
        f => match f.parse::<i32>().ok() {
            Some(id) if forum::Entity::find_by_id(id).one(db).await?.is_some() => match ForumRole::from_code(input.role.trim()) {
                Some(role) => Some((id, role)),
                None => {
                    v.add("role", K::ErrChoose);
                    None
                }
            },
            _ => {
                v.add("forum_id", K::ErrUnknownForum);
                None
            }
        },
    };
    if user::Entity::find().filter(user::Column::Email.eq(&email)).one(db).await?.is_some() {
        v.add("email", K::ErrEmailTaken);
    }
    v.finish(&[
        ("email", input.email.as_str()),
        ("name", input.name.as_str()),
        ("title", input.title.as_str()),
        ("organisation_id", input.organisation_id.as_str()),
        ("forum_id", input.forum_id.as_str()),
        ("role", input.role.as_str()),
        ("language", input.language.as_str()),
    ])?;
    Ok(Invitee {
        email,
        name,
        organisation_id: organisation_id.unwrap_or_default(),
        title,
        lang: Lang::from_code(&input.language),
        forum,
    })
}

/// Invite a person: the account exists at once without a password; the mail carries a one-time link.
/// Returns the new user's id and the link (the CLI prints it).
pub async fn invite<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    base_url: &str,
    input: InviteInput,
) -> Result<(i32, String), AppError> {
    // Decide on what was asked before validating, so refusals do not leak what exists.
    let forum_id = input.forum_id.trim().parse::<i32>().ok();
    match forum_id {
        Some(f) => authorize(actor, Action::InviteUser, &forum_scope(f))?,
        None => authorize(actor, Action::InviteUser, &Scope::Global)?,
    }
    if input.make_admin {
        authorize(actor, Action::GrantAdmin, &Scope::Global)?;
    }
    let who = validate_invitee(db, &input).await?;
    let now = Utc::now();
    let txn = super::begin_write(db).await?;
    let u = user::ActiveModel {
        email: Set(who.email.clone()),
        name: Set(who.name.clone()),
        organisation_id: Set(who.organisation_id),
        title: Set(who.title),
        language: Set(who.lang.code().into()),
        is_admin: Set(input.make_admin),
        active: Set(true),
        password_hash: Set(None),
        session_epoch: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    if let Some((forum_id, role)) = who.forum {
        forum_membership::ActiveModel {
            forum_id: Set(forum_id),
            user_id: Set(u.id),
            role: Set(role.code().into()),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    let token = tokens::new_token();
    invitation::ActiveModel {
        user_id: Set(u.id),
        token_hash: Set(tokens::hash_token(&token)),
        invited_by: Set(actor.user_id().filter(|id| *id > 0)),
        created_at: Set(now),
        expires_at: Set(now + Duration::days(INVITE_DAYS)),
        sent_count: Set(1),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let link = format!("{base_url}/invite/{token}");
    mail::enqueue(&txn, &u.email, &u.name, mail::compose(who.lang, K::MailInviteSubject, &u.name, K::MailInviteBody, &link)).await?;
    let detail = format!("{} <{}>{}", u.name, u.email, if input.make_admin { ", admin" } else { "" });
    audit::record(&txn, actor, "invitation.sent", &format!("user:{}", u.id), &detail).await?;
    txn.commit().await?;
    Ok((u.id, link))
}

async fn invitation_scope(db: &impl ConnectionTrait, user_id: i32) -> Result<Scope, AppError> {
    let forums = forum_membership::Entity::find()
        .filter(forum_membership::Column::UserId.eq(user_id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.forum_id)
        .collect();
    Ok(Scope::Forums(forums))
}

async fn pending_invitation(db: &impl ConnectionTrait, user_id: i32) -> Result<(user::Model, invitation::Model), AppError> {
    let u = user::Entity::find_by_id(user_id).one(db).await?.ok_or(AppError::NotFound)?;
    if u.password_hash.is_some() {
        return Err(AppError::NotFound);
    }
    let inv = invitation::Entity::find()
        .filter(invitation::Column::UserId.eq(user_id))
        .filter(invitation::Column::AcceptedAt.is_null())
        .order_by_desc(invitation::Column::Id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((u, inv))
}

/// Send again with a fresh link; the old link stops working.
pub async fn resend_invitation<C: ConnectionTrait + TransactionTrait>(db: &C, actor: &Actor, base_url: &str, user_id: i32) -> Result<String, AppError> {
    authorize(actor, Action::ManageInvitation, &invitation_scope(db, user_id).await?)?;
    let (u, inv) = pending_invitation(db, user_id).await?;
    let token = tokens::new_token();
    let now = Utc::now();
    let txn = super::begin_write(db).await?;
    invitation::ActiveModel {
        id: Set(inv.id),
        token_hash: Set(tokens::hash_token(&token)),
        expires_at: Set(now + Duration::days(INVITE_DAYS)),
        revoked_at: Set(None),
        sent_count: Set(inv.sent_count + 1),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    let link = format!("{base_url}/invite/{token}");
    let lang = Lang::from_code(&u.language);
    mail::enqueue(&txn, &u.email, &u.name, mail::compose(lang, K::MailInviteSubject, &u.name, K::MailInviteBody, &link)).await?;
    audit::record(&txn, actor, "invitation.sent", &format!("user:{}", u.id), &format!("{} <{}>, resent", u.name, u.email)).await?;
    txn.commit().await?;
    Ok(link)
}

pub async fn revoke_invitation(db: &impl ConnectionTrait, actor: &Actor, user_id: i32) -> Result<(), AppError> {
    authorize(actor, Action::ManageInvitation, &invitation_scope(db, user_id).await?)?;
    let (u, inv) = pending_invitation(db, user_id).await?;
    invitation::ActiveModel { id: Set(inv.id), revoked_at: Set(Some(Utc::now())), ..Default::default() }.update(db).await?;
    audit::record(db, actor, "invitation.revoked", &format!("user:{}", u.id), &format!("{} <{}>", u.name, u.email)).await
}

/// One page of people, with organisation, roles and invitation state: four queries whatever the page size.
pub async fn list_users(db: &impl ConnectionTrait, actor: &Actor, query: &str, page: u64) -> Result<UserPage, AppError> {
    authorize(actor, Action::ListUsers, &Scope::Global)?;
    let query = query.trim().chars().take(100).collect::<String>();
    let mut select = user::Entity::find().find_also_related(organisation::Entity);
    if !query.is_empty() {
        let pattern = format!("%{}%", query.to_lowercase().replace('\\', "").replace('%', "").replace('_', ""));
        let lower = |c: sea_orm::sea_query::SimpleExpr| Expr::expr(Func::lower(c));
        select = select.filter(
            Condition::any()
                .add(lower(Expr::col((user::Entity, user::Column::Name)).into()).like(&pattern))
                .add(lower(Expr::col((user::Entity, user::Column::Email)).into()).like(&pattern))
                .add(lower(Expr::col((organisation::Entity, organisation::Column::Name)).into()).like(&pattern)),
        );
    }
    let paginator = select.order_by_asc(user::Column::Name).order_by_asc(user::Column::Id).paginate(db, PAGE_SIZE);
    let counts = paginator.num_items_and_pages().await?;
    let page = page.min(counts.number_of_pages.saturating_sub(1));
    let rows = paginator.fetch_page(page).await?;
    let ids: Vec<i32> = rows.iter().map(|(u, _)| u.id).collect();
    let memberships = forum_membership::Entity::find()
        .find_also_related(forum::Entity)
        .filter(forum_membership::Column::UserId.is_in(ids.clone()))
        .order_by_asc(forum::Column::Name)
        .all(db)
        .await?;
    let mut roles: HashMap<i32, Vec<RoleView>> = HashMap::new();
    for (m, f) in memberships {
        roles.entry(m.user_id).or_default().push(RoleView {
            forum_id: m.forum_id,
            forum_name: f.map(|f| f.name).unwrap_or_default(),
            role: m.role,
            can_change: can(actor, Action::SetForumRole, &forum_scope(m.forum_id)),
        });
    }
    let mut latest_invite: HashMap<i32, invitation::Model> = HashMap::new();
    for inv in invitation::Entity::find()
        .filter(invitation::Column::UserId.is_in(ids))
        .order_by_asc(invitation::Column::Id)
        .all(db)
        .await?
    {
        latest_invite.insert(inv.user_id, inv);
    }
    let now = Utc::now();
    let rows = rows
        .into_iter()
        .map(|(u, org)| {
            let user_roles = roles.remove(&u.id).unwrap_or_default();
            let status = match (&u.password_hash, latest_invite.get(&u.id)) {
                (Some(_), _) if u.active => UserStatus::Active,
                (Some(_), _) => UserStatus::Inactive,
                (None, _) if !u.active => UserStatus::Inactive,
                (None, Some(i)) if i.revoked_at.is_some() => UserStatus::InviteRevoked,
                (None, Some(i)) if i.expires_at <= now => UserStatus::InviteExpired,
                (None, _) => UserStatus::Invited,
            };
            let invite_scope = Scope::Forums(user_roles.iter().map(|r| r.forum_id).collect());
            let erased = u.email.ends_with(super::personal_data::ERASED_DOMAIN);
            UserRow {
                id: u.id,
                name: u.name,
                email: u.email,
                organisation: org.map(|o| o.name).unwrap_or_default(),
                title: u.title,
                is_admin: u.is_admin,
                can_set_active: can(actor, Action::SetUserActive, &Scope::User(u.id)) && actor.user_id() != Some(u.id),
                can_set_admin: can(actor, Action::GrantAdmin, &Scope::Global) && actor.user_id() != Some(u.id),
                can_erase: can(actor, Action::ErasePerson, &Scope::User(u.id)) && actor.user_id() != Some(u.id) && !erased,
                can_manage_invitation: u.password_hash.is_none() && can(actor, Action::ManageInvitation, &invite_scope),
                status,
                roles: user_roles,
            }
        })
        .collect();
    let forums = forum::Entity::find()
        .order_by_asc(forum::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .filter(|f| can(actor, Action::InviteUser, &forum_scope(f.id)))
        .map(|f| Choice { id: f.id, name: f.name })
        .collect();
    let organisations = organisation::Entity::find()
        .order_by_asc(organisation::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|o| Choice { id: o.id, name: o.name })
        .collect();
    Ok(UserPage {
        rows,
        total: counts.number_of_items,
        page,
        pages: counts.number_of_pages.max(1),
        query,
        forums,
        organisations,
        can_grant_admin: can(actor, Action::GrantAdmin, &Scope::Global),
    })
}

/// Give, change or (with `role` empty) remove a person's role in a forum.
pub async fn set_forum_role(db: &impl ConnectionTrait, actor: &Actor, user_id: i32, forum_id: i32, role: &str) -> Result<(), AppError> {
    authorize(actor, Action::SetForumRole, &forum_scope(forum_id))?;
    user::Entity::find_by_id(user_id).one(db).await?.ok_or(AppError::NotFound)?;
    forum::Entity::find_by_id(forum_id).one(db).await?.ok_or(AppError::NotFound)?;
    let existing = forum_membership::Entity::find()
        .filter(forum_membership::Column::UserId.eq(user_id))
        .filter(forum_membership::Column::ForumId.eq(forum_id))
        .one(db)
        .await?;
    let before = existing.as_ref().map(|m| m.role.clone()).unwrap_or_else(|| "-".into());
    let after = match role.trim() {
        "" => {
            if let Some(m) = existing {
                forum_membership::Entity::delete_by_id(m.id).exec(db).await?;
            }
            "-"
        }
        code => {
            let role = ForumRole::from_code(code).ok_or_else(|| AppError::field("role", K::ErrChoose))?;
            ensure_membership(db, user_id, forum_id, role).await?;
            role.code()
        }
    };
    audit::record(db, actor, "role.changed", &format!("user:{user_id}"), &format!("forum:{forum_id} {before} → {after}")).await
}

/// Make a person administrator of the whole service, or take it away (sessions end: rights shrink at once).
pub async fn set_admin(db: &impl ConnectionTrait, actor: &Actor, user_id: i32, admin: bool) -> Result<(), AppError> {
    authorize(actor, Action::GrantAdmin, &Scope::Global)?;
    if actor.user_id() == Some(user_id) && !admin {
        return Err(AppError::form(K::ErrCannotDeactivateSelf));
    }
    let u = user::Entity::find_by_id(user_id).one(db).await?.ok_or(AppError::NotFound)?;
    user::ActiveModel {
        id: Set(u.id),
        is_admin: Set(admin),
        session_epoch: Set(if admin { u.session_epoch } else { u.session_epoch + 1 }),
        updated_at: Set(Utc::now()),
        ..Default::default()
    }
    .update(db)
    .await?;
    audit::record(db, actor, "admin.changed", &format!("user:{}", u.id), &format!("{} → {admin}", u.is_admin)).await
}

/// Deactivate (sessions end at once: the epoch changes) or reactivate a person.
pub async fn set_active(db: &impl ConnectionTrait, actor: &Actor, user_id: i32, active: bool) -> Result<(), AppError> {
    authorize(actor, Action::SetUserActive, &Scope::User(user_id))?;
    if actor.user_id() == Some(user_id) {
        return Err(AppError::form(K::ErrCannotDeactivateSelf));
    }
    let u = user::Entity::find_by_id(user_id).one(db).await?.ok_or(AppError::NotFound)?;
    user::ActiveModel {
        id: Set(u.id),
        active: Set(active),
        session_epoch: Set(if active { u.session_epoch } else { u.session_epoch + 1 }),
        updated_at: Set(Utc::now()),
        ..Default::default()
    }
    .update(db)
    .await?;
    audit::record(db, actor, "user.active", &format!("user:{}", u.id), &format!("{} → {active}", u.active)).await
}

pub async fn my_account(db: &impl ConnectionTrait, actor: &Actor) -> Result<MyAccount, AppError> {
    authorize(actor, Action::ViewOwnAccount, &Scope::Global)?;
    let id = actor.user_id().ok_or(AppError::Unauthenticated)?;
    let (u, org) = user::Entity::find_by_id(id).find_also_related(organisation::Entity).one(db).await?.ok_or(AppError::NotFound)?;
    let roles = forum_membership::Entity::find()
        .find_also_related(forum::Entity)
        .filter(forum_membership::Column::UserId.eq(id))
        .order_by_asc(forum::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|(m, f)| (f.map(|f| f.name).unwrap_or_default(), m.role))
        .collect();
    Ok(MyAccount {
        name: u.name,
        email: u.email,
        title: u.title.unwrap_or_default(),
        language: u.language,
        organisation: org.map(|o| o.name).unwrap_or_default(),
        is_admin: u.is_admin,
        roles,
    })
}

pub async fn update_profile(db: &impl ConnectionTrait, actor: &Actor, name: &str, title: &str, language: &str) -> Result<Lang, AppError> {
    authorize(actor, Action::EditOwnAccount, &Scope::Global)?;
    let id = actor.user_id().ok_or(AppError::Unauthenticated)?;
    let mut v = Validator::new();
    let clean_name = v.required("name", name, 200);
    let clean_title = v.optional("title", title, 200);
    let lang = Lang::from_code(language);
    v.finish(&[("name", name), ("title", title), ("language", language)])?;
    user::ActiveModel {
        id: Set(id),
        name: Set(clean_name),
        title: Set(clean_title),
        language: Set(lang.code().into()),
        updated_at: Set(Utc::now()),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(lang)
}

/// Returns the new session epoch, so the caller's own session can stay signed in.
pub async fn change_password(db: &impl ConnectionTrait, actor: &Actor, current: &str, new: &str, repeat: &str) -> Result<i32, AppError> {
    authorize(actor, Action::EditOwnAccount, &Scope::Global)?;
    let id = actor.user_id().ok_or(AppError::Unauthenticated)?;
    let u = user::Entity::find_by_id(id).one(db).await?.ok_or(AppError::Unauthenticated)?;
    let mut v = Validator::new();
    if !password::verify(current.to_string(), u.password_hash.clone()).await? {
        v.add("current", K::ErrCurrentPassword);
    }
    if let Err(k) = password::check_strength(new, &[&u.email, &u.name]) {
        v.add("password", k);
    } else if new != repeat {
        v.add("password2", K::ErrPasswordMismatch);
    }
    v.finish(&[])?;
    let hash = password::hash(new.to_string()).await?;
    let epoch = u.session_epoch + 1;
    user::ActiveModel {
        id: Set(id),
        password_hash: Set(Some(hash)),
        session_epoch: Set(epoch),
        updated_at: Set(Utc::now()),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(epoch)
}

/// For the command line and the demo seed: create or update a person with a password, no invitation.
/// System operation: there is no acting user, so it is not reachable from the web.
pub async fn upsert_user_with_password(
    db: &impl ConnectionTrait,
    email: &str,
    name: &str,
    organisation_id: i32,
    title: Option<&str>,
    is_admin: bool,
    password_plain: &str,
) -> Result<user::Model, AppError> {
    let mut v = Validator::new();
    let email = v.email("email", email);
    let name = v.required("name", name, 200);
    if let Err(k) = password::check_strength(password_plain, &[&email, &name]) {
        v.add("password", k);
    }
    v.finish(&[])?;
    let hash = password::hash(password_plain.to_string()).await?;
    let now = Utc::now();
    let existing = user::Entity::find().filter(user::Column::Email.eq(&email)).one(db).await?;
    let mut am = match existing {
        Some(u) => {
            let mut am: user::ActiveModel = u.into();
            am.updated_at = Set(now);
            am
        }
        None => user::ActiveModel {
            email: Set(email),
            language: Set("sv".into()),
            active: Set(true),
            session_epoch: Set(0),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        },
    };
    am.name = Set(name);
    am.organisation_id = Set(organisation_id);
    am.title = Set(title.map(str::to_string));
    am.is_admin = Set(is_admin);
    am.password_hash = Set(Some(hash));
    Ok(am.save(db).await?.try_into_model()?)
}

/// Idempotent: set a role without an acting user (command line, seed).
pub async fn ensure_membership(db: &impl ConnectionTrait, user_id: i32, forum_id: i32, role: ForumRole) -> Result<(), AppError> {
    let existing = forum_membership::Entity::find()
        .filter(forum_membership::Column::UserId.eq(user_id))
        .filter(forum_membership::Column::ForumId.eq(forum_id))
        .one(db)
        .await?;
    match existing {
        Some(m) if m.role == role.code() => {}
        Some(m) => {
            forum_membership::ActiveModel { id: Set(m.id), role: Set(role.code().into()), ..Default::default() }.update(db).await?;
        }
        None => {
            forum_membership::ActiveModel {
                forum_id: Set(forum_id),
                user_id: Set(user_id),
                role: Set(role.code().into()),
                created_at: Set(Utc::now()),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
    }
    Ok(())
}

/// Number of users of an organisation, keyed by organisation id (one grouped query).
pub async fn user_counts(db: &impl ConnectionTrait) -> Result<HashMap<i32, i64>, AppError> {
    let rows: Vec<(i32, i64)> = user::Entity::find()
        .select_only()
        .column(user::Column::OrganisationId)
        .column_as(user::Column::Id.count(), "n")
        .group_by(user::Column::OrganisationId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().collect())
}
