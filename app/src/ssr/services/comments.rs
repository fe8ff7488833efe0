//! Comments on published agendas, agenda items, summaries and actions: one level of replies,
//! editing by the author for 15 minutes, deletion by the author, hiding by the secretariat.
use std::collections::HashMap;

use chrono::{Duration, Utc};
use entity::{action, agenda_item, comment, forum, organisation, summary, user};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, JoinType, QueryFilter, QueryOrder, QuerySelect, RelationTrait, Set};

use super::forums::forum_scope;
use super::meetings::local;
use crate::comments::dto::{about_key, CommentState, CommentView, Thread};
use crate::error::{AppError, Validator};
use crate::i18n::K;
use crate::ssr::markdown;
use crate::ssr::policy::{authorize, can, Action, Actor, Scope};

pub const EDIT_MINUTES: i64 = 15;
pub const MAX_LEN: usize = 5000;
pub const KINDS: [&str; 4] = ["agenda", "item", "summary", "action"];

/// What a comment hangs on, resolved to its forum, and whether comments are open there.
struct Resolved {
    forum: forum::Model,
    open: bool,
    /// The page it is on (without the host), and the owner of the thing (an action's owner).
    path: String,
    owner: Option<i32>,
}

async fn resolve(db: &impl ConnectionTrait, actor: &Actor, kind: &str, target_id: i32) -> Result<Resolved, AppError> {
    let meeting_forum = |meeting_id: i32| super::meetings::meeting_and_forum(db, meeting_id);
    let (forum, open, path, owner) = match kind {
        "agenda" => {
            let (m, f) = meeting_forum(target_id).await?;
            (f, m.agenda_published_at.is_some(), format!("/meetings/{}", m.id), None)
        }
        "item" => {
            let item = agenda_item::Entity::find_by_id(target_id).one(db).await?.ok_or(AppError::NotFound)?;
            let (m, f) = meeting_forum(item.meeting_id).await?;
            (f, m.agenda_published_at.is_some(), format!("/meetings/{}", m.id), None)
        }
        "summary" => {
            let (m, f) = meeting_forum(target_id).await?;
            let s = summary::Entity::find().filter(summary::Column::MeetingId.eq(m.id)).one(db).await?.ok_or(AppError::NotFound)?;
            let scope = super::summaries::scope(db, &f, &s).await?;
            authorize(actor, Action::ReadSummary, &scope)?;
            (f, s.state != "draft", format!("/meetings/{}/summary", m.id), None)
        }
        "action" => {
            let a = action::Entity::find_by_id(target_id).one(db).await?.ok_or(AppError::NotFound)?;
            let f = forum::Entity::find_by_id(a.forum_id).one(db).await?.ok_or(AppError::NotFound)?;
            let path = format!("/forums/{}/actions/{}", f.slug, a.number);
            (f, true, path, a.owner_user_id)
        }
        _ => return Err(AppError::NotFound),
    };
    authorize(actor, Action::ViewForum, &forum_scope(&forum))?;
    Ok(Resolved { forum, open, path, owner })
}

/// A comment with its author's name and organisation, read in the same statement.
#[derive(serde::Deserialize)]
pub struct WithAuthor {
    #[serde(flatten)]
    c: comment::Model,
    author_name: Option<String>,
    author_organisation: Option<String>,
}

/// Threads for several things of one forum at once: one statement whatever their number.
pub async fn threads(db: &impl ConnectionTrait, actor: &Actor, f: &forum::Model, targets: &[(&str, i32)], open: bool) -> Result<HashMap<(String, i32), Thread>, AppError> {
    let mut cond = Condition::any();
    for kind in KINDS {
        let ids: Vec<i32> = targets.iter().filter(|(k, _)| *k == kind).map(|(_, id)| *id).collect();
        if !ids.is_empty() {
            cond = cond.add(Condition::all().add(comment::Column::TargetKind.eq(kind)).add(comment::Column::TargetId.is_in(ids)));
        }
    }
    let rows = if targets.is_empty() { vec![] } else { super::bundle::read(db, vec![part(comment::Entity::find().filter(cond))]).await?.take("comments")? };
    Ok(threads_of(actor, f, targets, open, rows))
}

/// The comments on a meeting's agenda and on its items, as a bundle part named "comments".
pub fn meeting_part(meeting_id: i32) -> super::bundle::Part {
    use sea_orm::sea_query::{Alias, Query, UnionType};
    // The targets are a derived table that the comments join by their target index. As
    // `target_id IN (subquery)` inside an OR, PostgreSQL walked all comments in key order
    // (38 ms on the bench data).
    let (tg, kind, id) = (Alias::new("tg"), Alias::new("kind"), Alias::new("id"));
    let items = Query::select().expr(Expr::val("item")).column(agenda_item::Column::Id).from(agenda_item::Entity).and_where(agenda_item::Column::MeetingId.eq(meeting_id)).to_owned();
    let targets = Query::select().expr_as(Expr::val("agenda"), kind.clone()).expr_as(Expr::val(meeting_id), id.clone()).union(UnionType::All, items).to_owned();
    let mut q = comment::Entity::find();
    QuerySelect::query(&mut q).join_subquery(
        JoinType::InnerJoin,
        targets,
        tg.clone(),
        Condition::all()
            .add(Expr::col((comment::Entity, comment::Column::TargetKind)).equals((tg.clone(), kind)))
            .add(Expr::col((comment::Entity, comment::Column::TargetId)).equals((tg, id))),
    );
    part(q)
}

/// Comments with their authors, as a bundle part named "comments".
fn part(q: sea_orm::Select<comment::Entity>) -> super::bundle::Part {
    let q = q
        .join(JoinType::LeftJoin, comment::Entity::belongs_to(user::Entity).from(comment::Column::AuthorId).to(user::Column::Id).into())
        .join(JoinType::LeftJoin, user::Relation::Organisation.def())
        .order_by_asc(comment::Column::Id)
        .limit(2000);
    super::bundle::Part::of("comments", q)
        .also("author_name", Expr::col((user::Entity, user::Column::Name)))
        .also("author_organisation", Expr::col((organisation::Entity, organisation::Column::Name)))
}

/// The threads of `targets` from the rows read by a comments part, oldest first.
pub fn threads_of(actor: &Actor, f: &forum::Model, targets: &[(&str, i32)], open: bool, mut rows: Vec<WithAuthor>) -> HashMap<(String, i32), Thread> {
    let can_comment = open && can(actor, Action::Comment, &forum_scope(f));
    let mut out: HashMap<(String, i32), Thread> =
        targets.iter().map(|(k, id)| ((k.to_string(), *id), Thread { kind: k.to_string(), target_id: *id, can_comment, ..Default::default() })).collect();
    rows.sort_by_key(|r| r.c.id);
    // The forum is checked here rather than in SQL: with it there SQLite walks the forum's index
    // (every comment of the forum) instead of the target index.
    rows.retain(|r| r.c.forum_id == f.id);
    let moderate = can(actor, Action::ModerateComment, &forum_scope(f));
    let now = Utc::now();
    let view = |r: &WithAuthor| {
        let c = &r.c;
        let (author, organisation) = (r.author_name.clone().unwrap_or_default(), r.author_organisation.clone().unwrap_or_default());
        let mine = c.author_id.is_some() && actor.user_id() == c.author_id;
        let state = if c.deleted_at.is_some() {
            CommentState::Deleted
        } else if c.hidden_at.is_some() {
            CommentState::Hidden(c.hidden_reason.clone().unwrap_or_default())
        } else {
            CommentState::Visible
        };
        let visible = state == CommentState::Visible;
        CommentView {
            id: c.id,
            author,
            organisation,
            at: local(c.created_at),
            edited: c.edited_at.is_some(),
            body_html: if visible { markdown::render(&c.body) } else { String::new() },
            editable_body: (visible && mine && now - c.created_at < Duration::minutes(EDIT_MINUTES)).then(|| c.body.clone()),
            can_delete: visible && mine,
            can_hide: visible && moderate,
            state,
            replies: vec![],
        }
    };
    let mut replies: HashMap<i32, Vec<CommentView>> = HashMap::new();
    for r in rows.iter().filter(|r| r.c.parent_id.is_some()) {
        replies.entry(r.c.parent_id.unwrap_or_default()).or_default().push(view(r));
    }
    for r in rows.iter().filter(|r| r.c.parent_id.is_none()) {
        if let Some(t) = out.get_mut(&(r.c.target_kind.clone(), r.c.target_id)) {
            let mut v = view(r);
            v.replies = replies.remove(&r.c.id).unwrap_or_default();
            t.count += 1 + v.replies.len();
            t.comments.push(v);
        }
    }
    out
}

/// One thing's thread (for pages with a single thread).
pub async fn thread(db: &impl ConnectionTrait, actor: &Actor, f: &forum::Model, kind: &str, target_id: i32, open: bool) -> Result<Thread, AppError> {
    Ok(threads(db, actor, f, &[(kind, target_id)], open).await?.remove(&(kind.to_string(), target_id)).unwrap_or_default())
}

fn check_body(body: &str) -> Result<String, AppError> {
    let mut v = Validator::new();
    let text = v.required("body", body, MAX_LEN);
    v.finish(&[("body", body)])?;
    Ok(text)
}

pub async fn post(db: &impl ConnectionTrait, actor: &Actor, base_url: &str, kind: &str, target_id: i32, parent_id: Option<i32>, body: &str) -> Result<i32, AppError> {
    let r = resolve(db, actor, kind, target_id).await?;
    authorize(actor, Action::Comment, &forum_scope(&r.forum))?;
    if !r.open {
        return Err(AppError::form(K::ErrCommentsClosed));
    }
    // One level of replies: a reply to a reply joins its parent's thread.
    let parent_row = match parent_id {
        Some(p) => Some(comment::Entity::find_by_id(p).one(db).await?.filter(|c| c.target_kind == kind && c.target_id == target_id).ok_or(AppError::NotFound)?),
        None => None,
    };
    let parent = parent_row.as_ref().map(|p| p.parent_id.unwrap_or(p.id));
    let text = check_body(body).map_err(|e| e.about(about_key(kind, target_id, parent_id)))?;
    let c = comment::ActiveModel {
        forum_id: Set(r.forum.id),
        target_kind: Set(kind.into()),
        target_id: Set(target_id),
        parent_id: Set(parent),
        author_id: Set(actor.user_id()),
        body: Set(text),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    // Tell the people whose things these are: the author replied to, and an action's owner.
    let mut told: Vec<i32> = actor.user_id().into_iter().collect();
    for who in [parent_row.and_then(|p| p.author_id), r.owner].into_iter().flatten() {
        if told.contains(&who) {
            continue;
        }
        told.push(who);
        let Some(u) = user::Entity::find_by_id(who).one(db).await?.filter(|u| u.active) else { continue };
        let lang = crate::i18n::Lang::from_code(&u.language);
        let link = format!("{base_url}{}#comment-{}", r.path, c.id);
        let author = actor.user.as_ref().map(|a| a.name.clone()).unwrap_or_default();
        let subject = format!("{}: {}", K::MailCommentSubject.in_lang(lang), r.forum.name);
        let excerpt: String = c.body.chars().take(300).collect();
        let mail = crate::ssr::mail::compose_list(lang, subject, &u.name, K::MailCommentBody, &[author, excerpt], &link);
        super::notify::deliver_to(db, base_url, &u, &r.forum, "comment", mail, &link).await?;
    }
    Ok(c.id)
}

async fn own(db: &impl ConnectionTrait, actor: &Actor, id: i32) -> Result<comment::Model, AppError> {
    let c = comment::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    authorize(actor, Action::EditOwnComment, &Scope::User(c.author_id.unwrap_or(0)))?;
    if c.deleted_at.is_some() || c.hidden_at.is_some() {
        return Err(AppError::Forbidden);
    }
    Ok(c)
}

pub async fn edit(db: &impl ConnectionTrait, actor: &Actor, id: i32, body: &str) -> Result<(), AppError> {
    let c = own(db, actor, id).await?;
    if Utc::now() - c.created_at >= Duration::minutes(EDIT_MINUTES) {
        return Err(AppError::form(K::ErrEditWindowOver).about(id));
    }
    let text = check_body(body).map_err(|e| e.about(id))?;
    comment::ActiveModel { id: Set(c.id), body: Set(text), edited_at: Set(Some(Utc::now())), ..Default::default() }.update(db).await?;
    Ok(())
}

/// The author deletes: the text goes, the place in the thread stays.
pub async fn delete(db: &impl ConnectionTrait, actor: &Actor, id: i32) -> Result<(), AppError> {
    let c = own(db, actor, id).await?;
    comment::ActiveModel { id: Set(c.id), body: Set(String::new()), deleted_at: Set(Some(Utc::now())), ..Default::default() }.update(db).await?;
    Ok(())
}

/// The secretariat hides a comment with a reason; the text is kept (and the audit log says who and why).
pub async fn hide(db: &impl ConnectionTrait, actor: &Actor, id: i32, reason: &str) -> Result<(), AppError> {
    let c = comment::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let f = forum::Entity::find_by_id(c.forum_id).one(db).await?.ok_or(AppError::NotFound)?;
    authorize(actor, Action::ModerateComment, &forum_scope(&f))?;
    let mut v = Validator::new();
    let reason_clean = v.required("reason", reason, 500);
    v.finish(&[("reason", reason)]).map_err(|e| e.about(id))?;
    if c.hidden_at.is_some() || c.deleted_at.is_some() {
        return Ok(());
    }
    comment::ActiveModel { id: Set(c.id), hidden_at: Set(Some(Utc::now())), hidden_by: Set(actor.user_id()), hidden_reason: Set(Some(reason_clean.clone())), ..Default::default() }
        .update(db)
        .await?;
    super::audit::record(db, actor, "comment.hidden", &format!("comment:{}", c.id), &format!("{}:{} – {reason_clean}", c.target_kind, c.target_id)).await
}
