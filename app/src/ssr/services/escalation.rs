//! Escalation to the parent forum (tactical → strategic): an action becomes an action of the
//! parent's list, an agenda item an item on the parent's next meeting. Both sides keep a link and
//! show each other's state ("Återkoppling till taktiska forum").
use chrono::Utc;
use entity::{action, action_note, agenda_item, forum, meeting};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait};

use super::forums::{find_by_slug, forum_scope};
use super::meetings::{local, meeting_and_forum};
use crate::actions::dto::LinkedAction;
use crate::error::AppError;
use crate::i18n::K;
use crate::meetings::dto::LinkedItem;
use crate::ssr::policy::{authorize, can, Action, Actor};

async fn parent_of(db: &impl ConnectionTrait, f: &forum::Model) -> Result<forum::Model, AppError> {
    let Some(pid) = f.parent_id else { return Err(AppError::form(K::ErrNoParentForum)) };
    forum::Entity::find_by_id(pid).one(db).await?.ok_or(AppError::NotFound)
}

/// May the actor escalate from this forum (it must have a parent)?
pub fn may_escalate(actor: &Actor, f: &forum::Model) -> bool {
    f.parent_id.is_some() && can(actor, Action::Escalate, &forum_scope(f))
}

/// Escalate an action; returns the parent forum's slug and the new number.
pub async fn escalate_action<C: ConnectionTrait + TransactionTrait>(db: &C, actor: &Actor, slug: &str, number: i32) -> Result<(String, i32), AppError> {
    let f = find_by_slug(db, slug).await?;
    authorize(actor, Action::Escalate, &forum_scope(&f))?;
    let a = action::Entity::find().filter(action::Column::ForumId.eq(f.id)).filter(action::Column::Number.eq(number)).one(db).await?.ok_or(AppError::NotFound)?;
    if a.escalated_to_id.is_some() {
        return Err(AppError::form(K::ErrAlreadyEscalated));
    }
    let parent = parent_of(db, &f).await?;
    let now = Utc::now();
    let description = format!("{} {}, {} {}.\n\n{}", K::EscalatedFrom.in_lang(Default::default()), f.name, K::ActionNr.in_lang(Default::default()), a.number, a.description);
    let txn = super::begin_write(db).await?;
    let new_number = super::actions::next_number(&txn, parent.id).await?;
    let copy = action::ActiveModel {
        forum_id: Set(parent.id),
        number: Set(new_number),
        title: Set(a.title.clone()),
        search_text: Set(format!("{}\n{}", a.title, description).to_lowercase()),
        description: Set(description),
        start_date: Set(Some(local(now).date())),
        end_date: Set(a.end_date),
        comment: Set(String::new()),
        state: Set("open".into()),
        created_by: Set(actor.user_id()),
        created_at: Set(now),
        updated_at: Set(now),
        escalated_from_id: Set(Some(a.id)),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    action::ActiveModel { id: Set(a.id), escalated_to_id: Set(Some(copy.id)), updated_at: Set(now), ..Default::default() }.update(&txn).await?;
    action_note::ActiveModel {
        action_id: Set(a.id),
        author_id: Set(actor.user_id()),
        note_date: Set(local(now).date()),
        body: Set(format!("{} {} ({} {}).", K::EscalatedTo.in_lang(Default::default()), parent.name, K::ActionNr.in_lang(Default::default()), new_number)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok((parent.slug, new_number))
}

/// The linked action on the other side, with its forum and state.
pub async fn linked_action(db: &impl ConnectionTrait, actor: &Actor, id: Option<i32>) -> Result<Option<LinkedAction>, AppError> {
    let Some(id) = id else { return Ok(None) };
    let Some((a, Some(f))) = action::Entity::find_by_id(id).find_also_related(forum::Entity).one(db).await? else { return Ok(None) };
    // A link to a forum the reader may not see shows nothing.
    if !can(actor, Action::ViewForum, &forum_scope(&f)) {
        return Ok(None);
    }
    Ok(Some(LinkedAction { forum_slug: f.slug, forum_name: f.name, number: a.number, title: a.title, state: a.state }))
}

/// Escalate an agenda item to the parent forum's next meeting (before its closing items);
/// returns that meeting's id.
pub async fn escalate_item<C: ConnectionTrait + TransactionTrait>(db: &C, actor: &Actor, item_id: i32) -> Result<i32, AppError> {
    let item = agenda_item::Entity::find_by_id(item_id).one(db).await?.ok_or(AppError::NotFound)?;
    let (_, f) = meeting_and_forum(db, item.meeting_id).await?;
    authorize(actor, Action::Escalate, &forum_scope(&f))?;
    if item.escalated_to_item_id.is_some() {
        return Err(AppError::form(K::ErrAlreadyEscalated));
    }
    let parent = parent_of(db, &f).await?;
    let target = meeting::Entity::find()
        .filter(meeting::Column::ForumId.eq(parent.id))
        .filter(meeting::Column::StartsAt.gt(Utc::now()))
        .filter(meeting::Column::Status.ne("cancelled"))
        .order_by_asc(meeting::Column::StartsAt)
        .one(db)
        .await?
        .ok_or_else(|| AppError::form(K::ErrNoParentMeeting))?;
    let txn = super::begin_write(db).await?;
    let copy = super::agenda::insert_before_closing(
        &txn,
        &target,
        super::agenda::NewItem {
            title: item.title.clone(),
            presenters: f.name.clone(),
            duration_minutes: item.duration_minutes.min(30),
            kind: "feedback".into(),
            description: format!("{} {}.\n\n{}", K::EscalatedFrom.in_lang(Default::default()), f.name, item.description),
            received_at: None,
            received_from: None,
        },
    )
    .await?;
    agenda_item::ActiveModel { id: Set(copy.id), escalated_from_item_id: Set(Some(item.id)), ..Default::default() }.update(&txn).await?;
    agenda_item::ActiveModel { id: Set(item.id), escalated_to_item_id: Set(Some(copy.id)), ..Default::default() }.update(&txn).await?;
    txn.commit().await?;
    Ok(target.id)
}

/// The item on the other side: its meeting, forum and the meeting's status.
pub async fn linked_items(db: &impl ConnectionTrait, actor: &Actor, ids: Vec<i32>) -> Result<Vec<(i32, LinkedItem)>, AppError> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let items = agenda_item::Entity::find().filter(agenda_item::Column::Id.is_in(ids)).find_also_related(meeting::Entity).all(db).await?;
    let forum_ids: Vec<i32> = items.iter().filter_map(|(_, m)| m.as_ref().map(|m| m.forum_id)).collect();
    let forums: Vec<forum::Model> = forum::Entity::find().filter(forum::Column::Id.is_in(forum_ids)).all(db).await?;
    Ok(items
        .into_iter()
        .filter_map(|(i, m)| {
            let m = m?;
            let f = forums.iter().find(|f| f.id == m.forum_id)?;
            can(actor, Action::ViewForum, &forum_scope(f)).then(|| {
                (i.id, LinkedItem { meeting_id: m.id, forum_name: f.name.clone(), date: local(m.starts_at).date(), status: m.status.clone(), title: i.title.clone() })
            })
        })
        .collect())
}
