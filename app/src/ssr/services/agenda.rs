//! Agendas: the secretariat drafts items (visible only to it), then publishes; members are told
//! by mail in their own language, through the outbox.
use chrono::{Duration, NaiveTime, Utc};
use entity::{agenda_item, forum, meeting};
use sea_orm::sea_query::{Expr, IntoCondition};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, JoinType, QueryFilter, QueryOrder, QuerySelect, RelationDef, Set, TransactionTrait,
};

use super::forums::forum_scope;
use super::meetings::{local, meeting_and_forum};
use crate::error::{AppError, Validator};
use crate::i18n::{format_datetime, format_time, Lang, K};
use crate::meetings::dto::{AgendaItemView, AgendaView, MaterialView, ITEM_KINDS};
use crate::ssr::policy::{authorize, can, Action, Actor};
use crate::ssr::{mail, markdown};


pub async fn items_of(db: &impl ConnectionTrait, meeting_id: i32) -> Result<Vec<agenda_item::Model>, AppError> {
    Ok(agenda_item::Entity::find()
        .filter(agenda_item::Column::MeetingId.eq(meeting_id))
        .order_by_asc(agenda_item::Column::Position)
        .order_by_asc(agenda_item::Column::Id)
        .all(db)
        .await?)
}

/// Clock times of each item: each starts where the one before ended.
pub fn clock_times(start: NaiveTime, durations: &[i32]) -> Vec<(NaiveTime, NaiveTime)> {
    let mut at = start;
    durations
        .iter()
        .map(|d| {
            let end = at + Duration::minutes(i64::from((*d).max(0)));
            let span = (at, end);
            at = end;
            span
        })
        .collect()
}

/// Each item with its clock times, from the meeting's local start.
fn timed(m: &meeting::Model, items: Vec<agenda_item::Model>) -> Vec<(agenda_item::Model, (NaiveTime, NaiveTime))> {
    let durations: Vec<i32> = items.iter().map(|i| i.duration_minutes).collect();
    let times = clock_times(local(m.starts_at).time(), &durations);
    items.into_iter().zip(times).collect()
}

/// What an item presents: (item id, ("survey" | "consultation", id, title)).
type Presented = (i32, (String, i32, String));

/// An agenda item with what it presents: its survey, and one consultation per row (an item with
/// several consultations comes once per consultation).
#[derive(serde::Deserialize)]
pub struct ItemRow {
    #[serde(flatten)]
    i: agenda_item::Model,
    presents_survey: Option<i32>,
    presents_survey_title: Option<String>,
    presents_consultation: Option<i32>,
    presents_consultation_title: Option<String>,
}

/// The meeting's items with the surveys and consultations they present (none in draft), as a
/// bundle part named "items".
pub fn items_part(meeting_id: i32) -> super::bundle::Part {
    use entity::{consultation, survey};
    let to_consultation: RelationDef = consultation::Entity::belongs_to(agenda_item::Entity)
        .from(consultation::Column::AgendaItemId)
        .to(agenda_item::Column::Id)
        .on_condition(|_, _| Expr::col((consultation::Entity, consultation::Column::State)).ne("draft").into_condition())
        .into();
    let to_survey: RelationDef = agenda_item::Entity::belongs_to(survey::Entity)
        .from(agenda_item::Column::SurveyId)
        .to(survey::Column::Id)
        .on_condition(|_, _| Expr::col((survey::Entity, survey::Column::State)).ne("draft").into_condition())
        .into();
    let q = agenda_item::Entity::find()
        .filter(agenda_item::Column::MeetingId.eq(meeting_id))
        .join(JoinType::LeftJoin, to_survey)
        .join(JoinType::LeftJoin, to_consultation.rev());
    super::bundle::Part::of("items", q)
        .also("presents_survey", Expr::col((survey::Entity, survey::Column::Id)))
        .also("presents_survey_title", Expr::col((survey::Entity, survey::Column::Title)))
        .also("presents_consultation", Expr::col((consultation::Entity, consultation::Column::Id)))
        .also("presents_consultation_title", Expr::col((consultation::Entity, consultation::Column::Title)))
}

/// The items in order, each once, and what each presents: its survey first, then its
/// consultations in the order they were made.
fn items_presenting(mut found: Vec<ItemRow>) -> (Vec<agenda_item::Model>, Vec<Presented>) {
    found.sort_by_key(|r| (r.i.position, r.i.id, r.presents_consultation));
    let (mut items, mut presents): (Vec<agenda_item::Model>, Vec<Presented>) = (vec![], vec![]);
    for r in found {
        let id = r.i.id;
        if items.last().map(|l: &agenda_item::Model| l.id) != Some(id) {
            if let (Some(s), Some(title)) = (r.presents_survey, r.presents_survey_title) {
                presents.push((id, ("survey".to_string(), s, title)));
            }
            items.push(r.i);
        }
        if let (Some(c), Some(title)) = (r.presents_consultation, r.presents_consultation_title) {
            presents.push((id, ("consultation".to_string(), c, title)));
        }
    }
    (items, presents)
}

/// Whether the actor sees the meeting's agenda: the secretariat always, others once published.
pub fn visible(actor: &Actor, m: &meeting::Model, f: &forum::Model) -> bool {
    can(actor, Action::ManageMeetings, &forum_scope(f)) || m.agenda_published_at.is_some()
}

/// The agenda as the actor may see it, from its rows as read by [`items_part`] (none when the
/// actor may not see it). The caller has already checked that the actor may see the meeting.
pub async fn view(
    db: &impl ConnectionTrait,
    actor: &Actor,
    m: &meeting::Model,
    f: &forum::Model,
    materials: &[(entity::material::Model, MaterialView)],
    rows: Vec<ItemRow>,
) -> Result<AgendaView, AppError> {
    let can_edit = can(actor, Action::ManageMeetings, &forum_scope(f));
    let visible = visible(actor, m, f);
    if !visible {
        return Ok(AgendaView { visible, can_edit, ..Default::default() });
    }
    let (rows, presents) = items_presenting(rows);
    let link_ids: Vec<i32> = rows.iter().flat_map(|i| [i.escalated_to_item_id, i.escalated_from_item_id]).flatten().collect();
    let links: std::collections::HashMap<i32, crate::meetings::dto::LinkedItem> = super::escalation::linked_items(db, actor, link_ids).await?.into_iter().collect();
    let items = timed(m, rows)
        .into_iter()
        .map(|(i, (starts, ends))| AgendaItemView {
            id: i.id,
            title: i.title,
            presenters: i.presenters,
            kind: i.kind,
            duration_minutes: i.duration_minutes,
            description_html: markdown::render(&i.description),
            description: if can_edit { i.description.clone() } else { String::new() },
            starts,
            ends,
            changed: i.changed_after_publish_at.map(|t| local(t).date()),
            received: i.received_at.map(|t| (local(t).date(), i.received_from.clone().unwrap_or_default())),
            materials: materials.iter().filter(|(mm, _)| mm.agenda_item_id == Some(i.id)).map(|(_, v)| v.clone()).collect(),
            escalated_to: i.escalated_to_item_id.and_then(|id| links.get(&id).cloned()),
            escalated_from: i.escalated_from_item_id.and_then(|id| links.get(&id).cloned()),
            presents: presents.iter().filter(|(item, _)| *item == i.id).map(|(_, p)| p.clone()).collect(),
        })
        .collect();
    let published = m.agenda_published_at.map(|p| {
        let days = (local(m.starts_at).date() - local(p).date()).num_days();
        (local(p).date(), days)
    });
    Ok(AgendaView { visible, items, published, can_edit, can_escalate: super::escalation::may_escalate(actor, f) })
}

#[derive(Clone, Debug, Default)]
pub struct ItemInput {
    pub title: String,
    pub presenters: String,
    pub duration_minutes: String,
    pub kind: String,
    pub description: String,
}

/// Check an item's fields; errors name the field and keep what was typed.
fn validate_item(input: ItemInput) -> Result<NewItem, AppError> {
    let mut v = Validator::new();
    let title = v.required("title", &input.title, 300);
    let presenters = v.optional("presenters", &input.presenters, 500).unwrap_or_default();
    let duration = input.duration_minutes.trim().parse::<i32>().ok().filter(|d| (1..=480).contains(d));
    if duration.is_none() {
        v.add("duration_minutes", K::ErrDuration);
    }
    if !ITEM_KINDS.contains(&input.kind.as_str()) {
        v.add("kind", K::ErrChoose);
    }
    let description = v.optional("description", &input.description, 20_000).unwrap_or_default();
    v.finish(&[
        ("title", input.title.as_str()),
        ("presenters", input.presenters.as_str()),
        ("duration_minutes", input.duration_minutes.as_str()),
        ("kind", input.kind.as_str()),
        ("description", input.description.as_str()),
    ])?;
    Ok(NewItem {
        title,
        presenters,
        duration_minutes: duration.unwrap_or(10),
        kind: input.kind,
        description,
        received_at: None,
        received_from: None,
    })
}

pub async fn add_item(db: &impl ConnectionTrait, actor: &Actor, meeting_id: i32, input: ItemInput) -> Result<i32, AppError> {
    let (m, f) = meeting_and_forum(db, meeting_id).await?;
    authorize(actor, Action::ManageMeetings, &forum_scope(&f))?;
    let item = append(db, &m, validate_item(input)?).await?;
    Ok(item.id)
}

/// Change an item's fields. After publication the item is marked "Ändrad <date>".
pub async fn edit_item(db: &impl ConnectionTrait, actor: &Actor, item_id: i32, input: ItemInput) -> Result<(), AppError> {
    let (item, m) = item_with_rights(db, actor, item_id).await?;
    let n = validate_item(input).map_err(|e| e.about(item_id))?;
    agenda_item::ActiveModel {
        id: Set(item.id),
        title: Set(n.title),
        presenters: Set(n.presenters),
        duration_minutes: Set(n.duration_minutes),
        kind: Set(n.kind),
        description: Set(n.description),
        changed_after_publish_at: Set(m.agenda_published_at.map(|_| Utc::now()).or(item.changed_after_publish_at)),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

/// The short update mail after changes to a published agenda: the changed items, to every member.
/// Returns the number of mails queued.
pub async fn send_update<C: ConnectionTrait + TransactionTrait>(db: &C, actor: &Actor, base_url: &str, meeting_id: i32) -> Result<usize, AppError> {
    let (m, f) = meeting_and_forum(db, meeting_id).await?;
    authorize(actor, Action::ManageMeetings, &forum_scope(&f))?;
    if m.agenda_published_at.is_none() {
        return Err(AppError::form(K::ErrAgendaNotPublished));
    }
    let changed: Vec<_> = timed(&m, items_of(db, m.id).await?).into_iter().filter(|(i, _)| i.changed_after_publish_at.is_some()).collect();
    if changed.is_empty() {
        return Err(AppError::form(K::ErrNoChanges));
    }
    let txn = super::begin_write(db).await?;
    let queued = mail_members(&txn, &m, &f, base_url, "agenda_update", K::MailAgendaUpdateSubject, K::MailAgendaUpdateBody, &changed).await?;
    txn.commit().await?;
    Ok(queued)
}

/// One mail per active member of the forum, in their language, listing the given items.
#[allow(clippy::too_many_arguments)]
async fn mail_members(
    db: &impl ConnectionTrait,
    m: &meeting::Model,
    f: &forum::Model,
    base_url: &str,
    kind: &str,
    subject: K,
    body: K,
    items: &[(agenda_item::Model, (NaiveTime, NaiveTime))],
) -> Result<usize, AppError> {
    let link = format!("{base_url}/meetings/{}", m.id);
    let mut queued = 0;
    let people = super::forums::recipients(db, f.id, None).await?;
    let aud = super::notify::audience(db, f.id, &people).await?;
    for u in &people {
        let lang = Lang::from_code(&u.language);
        let lines: Vec<String> = items
            .iter()
            .map(|(i, (s, e))| {
                let who = if i.presenters.is_empty() { String::new() } else { format!(" ({})", i.presenters) };
                format!("{}–{}  {}{}", format_time(lang, *s), format_time(lang, *e), i.title, who)
            })
            .collect();
        let subject = format!("{}: {}, {}", subject.in_lang(lang), f.name, format_datetime(lang, local(m.starts_at)));
        if super::notify::deliver(db, base_url, &aud, u, f, kind, mail::compose_list(lang, subject, &u.name, body, &lines, &link), &link).await? {
            queued += 1;
        }
    }
    Ok(queued)
}

/// A new item's fields, already validated.
pub struct NewItem {
    pub title: String,
    pub presenters: String,
    pub duration_minutes: i32,
    pub kind: String,
    pub description: String,
    pub received_at: Option<chrono::DateTime<Utc>>,
    pub received_from: Option<String>,
}

async fn insert_at(db: &impl ConnectionTrait, m: &meeting::Model, position: i32, n: NewItem) -> Result<agenda_item::Model, AppError> {
    let now = Utc::now();
    Ok(agenda_item::ActiveModel {
        meeting_id: Set(m.id),
        position: Set(position),
        title: Set(n.title),
        presenters: Set(n.presenters),
        duration_minutes: Set(n.duration_minutes),
        kind: Set(n.kind),
        description: Set(n.description),
        created_at: Set(now),
        changed_after_publish_at: Set(m.agenda_published_at.map(|_| now)),
        received_at: Set(n.received_at),
        received_from: Set(n.received_from),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

/// Add at the end of the agenda.
pub async fn append(db: &impl ConnectionTrait, m: &meeting::Model, n: NewItem) -> Result<agenda_item::Model, AppError> {
    let last: Option<i32> = agenda_item::Entity::find()
        .select_only()
        .column_as(agenda_item::Column::Position.max(), "p")
        .filter(agenda_item::Column::MeetingId.eq(m.id))
        .into_tuple::<Option<i32>>()
        .one(db)
        .await?
        .flatten();
    insert_at(db, m, last.unwrap_or(0) + 1, n).await
}

/// Add before the closing items (summary, next meeting), where an accepted addition belongs.
pub async fn insert_before_closing(db: &impl ConnectionTrait, m: &meeting::Model, n: NewItem) -> Result<agenda_item::Model, AppError> {
    let items = items_of(db, m.id).await?;
    let Some(first_closing) = items.iter().find(|i| CLOSING_KINDS.contains(&i.kind.as_str())) else { return append(db, m, n).await };
    let position = first_closing.position;
    agenda_item::Entity::update_many()
        .col_expr(agenda_item::Column::Position, Expr::col(agenda_item::Column::Position).add(1))
        .filter(agenda_item::Column::MeetingId.eq(m.id))
        .filter(agenda_item::Column::Position.gte(position))
        .exec(db)
        .await?;
    insert_at(db, m, position, n).await
}

/// Items that end a meeting; additions go before them.
const CLOSING_KINDS: [&str; 2] = ["summary", "next_meeting"];

async fn item_with_rights(db: &impl ConnectionTrait, actor: &Actor, item_id: i32) -> Result<(agenda_item::Model, meeting::Model), AppError> {
    let item = agenda_item::Entity::find_by_id(item_id).one(db).await?.ok_or(AppError::NotFound)?;
    let (m, f) = meeting_and_forum(db, item.meeting_id).await?;
    authorize(actor, Action::ManageMeetings, &forum_scope(&f))?;
    Ok((item, m))
}

/// Swap with the neighbour above (`up`) or below. Works as a plain form post (keyboard, no script).
pub async fn move_item<C: ConnectionTrait + TransactionTrait>(db: &C, actor: &Actor, item_id: i32, up: bool) -> Result<(), AppError> {
    let (item, m) = item_with_rights(db, actor, item_id).await?;
    let items = items_of(db, m.id).await?;
    let idx = items.iter().position(|i| i.id == item.id).ok_or(AppError::NotFound)?;
    let other = if up { idx.checked_sub(1) } else { Some(idx + 1).filter(|j| *j < items.len()) };
    let Some(j) = other else { return Ok(()) };
    // Renumber in order so that equal positions can never make the swap ambiguous.
    let mut order: Vec<i32> = items.iter().map(|i| i.id).collect();
    order.swap(idx, j);
    let txn = super::begin_write(db).await?;
    for (pos, id) in order.iter().enumerate() {
        agenda_item::Entity::update_many()
            .col_expr(agenda_item::Column::Position, Expr::value(pos as i32 + 1))
            .filter(agenda_item::Column::Id.eq(*id))
            .exec(&txn)
            .await?;
    }
    if m.agenda_published_at.is_some() {
        for id in [items[idx].id, items[j].id] {
            agenda_item::Entity::update_many()
                .col_expr(agenda_item::Column::ChangedAfterPublishAt, Expr::value(Some(Utc::now())))
                .filter(agenda_item::Column::Id.eq(id))
                .exec(&txn)
                .await?;
        }
    }
    txn.commit().await?;
    Ok(())
}

/// Put the items in this order (drag and drop). The order must name every item exactly once.
pub async fn reorder<C: ConnectionTrait + TransactionTrait>(db: &C, actor: &Actor, meeting_id: i32, order: &[i32]) -> Result<(), AppError> {
    let (m, f) = meeting_and_forum(db, meeting_id).await?;
    authorize(actor, Action::ManageMeetings, &forum_scope(&f))?;
    let items = items_of(db, m.id).await?;
    let mut current: Vec<i32> = items.iter().map(|i| i.id).collect();
    let mut wanted = order.to_vec();
    if wanted == current {
        return Ok(());
    }
    current.sort_unstable();
    wanted.sort_unstable();
    if wanted != current {
        return Err(AppError::form(K::ErrAgendaChanged));
    }
    let now = Utc::now();
    let txn = super::begin_write(db).await?;
    for (pos, id) in order.iter().enumerate() {
        let moved = items.iter().position(|i| i.id == *id) != Some(pos);
        let mut q = agenda_item::Entity::update_many().col_expr(agenda_item::Column::Position, Expr::value(pos as i32 + 1));
        if moved && m.agenda_published_at.is_some() {
            q = q.col_expr(agenda_item::Column::ChangedAfterPublishAt, Expr::value(Some(now)));
        }
        q.filter(agenda_item::Column::Id.eq(*id)).exec(&txn).await?;
    }
    txn.commit().await?;
    Ok(())
}

pub async fn delete_item(db: &impl ConnectionTrait, actor: &Actor, item_id: i32) -> Result<(), AppError> {
    let (item, _) = item_with_rights(db, actor, item_id).await?;
    agenda_item::Entity::delete_by_id(item.id).exec(db).await?;
    Ok(())
}

/// Publish: visible to the forum's members from now, the date recorded, one mail per member
/// queued in their language (same transaction). Returns the number of mails queued.
pub async fn publish<C: ConnectionTrait + TransactionTrait>(db: &C, actor: &Actor, base_url: &str, meeting_id: i32) -> Result<usize, AppError> {
    let (m, f) = meeting_and_forum(db, meeting_id).await?;
    authorize(actor, Action::ManageMeetings, &forum_scope(&f))?;
    if m.agenda_published_at.is_some() {
        return Err(AppError::form(K::ErrAgendaAlreadyPublished));
    }
    let items = items_of(db, m.id).await?;
    if items.is_empty() {
        return Err(AppError::form(K::ErrAgendaEmpty));
    }
    let now = Utc::now();
    let txn = super::begin_write(db).await?;
    meeting::ActiveModel {
        id: Set(m.id),
        agenda_published_at: Set(Some(now)),
        status: Set(if m.status == "cancelled" { m.status.clone() } else { "agenda_published".into() }),
        updated_at: Set(now),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    let queued = mail_members(&txn, &m, &f, base_url, "agenda", K::MailAgendaSubject, K::MailAgendaBody, &timed(&m, items)).await?;
    super::audit::record(&txn, actor, "agenda.published", &format!("meeting:{}", m.id), &format!("{}, {queued} mails", m.title)).await?;
    txn.commit().await?;
    Ok(queued)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_follow_each_other_from_the_start() {
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
        let times = clock_times(t(14, 0), &[10, 30, 45]);
        assert_eq!(times, vec![(t(14, 0), t(14, 10)), (t(14, 10), t(14, 40)), (t(14, 40), t(15, 25))]);
    }
}
