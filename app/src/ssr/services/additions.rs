//! Additions from members ("Tillägg till agenda"): a member proposes, the secretariat accepts,
//! moves to a later meeting or declines; the proposer is told each time, by mail through the outbox.
use std::collections::HashMap;

use chrono::Utc;
use entity::{agenda_addition as addition, agenda_addition_organisation as addition_org, forum, forum_organisation, material, meeting, organisation, user};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, JoinType, QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait};

use super::forums::forum_scope;
use super::meetings::{local, meeting_and_forum};
use crate::error::{AppError, Validator};
use crate::i18n::{format_date, format_datetime, Lang, K};
use crate::meetings::dto::{AdditionView, Choice, MaterialView};
use crate::ssr::policy::{authorize, can, Action, Actor};
use crate::ssr::{mail, markdown};

#[derive(Clone, Debug, Default)]
pub struct AdditionInput {
    pub title: String,
    pub description: String,
    pub presenter: String,
    pub organisations: Vec<i32>,
}

/// The organisations an addition may name: the forum's member organisations and the proposer's own.
pub async fn organisation_choices(db: &impl ConnectionTrait, forum_id: i32, own: Option<i32>) -> Result<Vec<Choice>, AppError> {
    let ids: Vec<i32> = forum_organisation::Entity::find()
        .filter(forum_organisation::Column::ForumId.eq(forum_id))
        .all(db)
        .await?
        .into_iter()
        .map(|fo| fo.organisation_id)
        .chain(own)
        .collect();
    Ok(organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(ids))
        .order_by_asc(organisation::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|o| Choice { id: o.id, name: o.name })
        .collect())
}

/// A member sends in an addition to an upcoming meeting. The secretariat is told by mail.
pub async fn propose<C: ConnectionTrait + TransactionTrait>(db: &C, actor: &Actor, base_url: &str, meeting_id: i32, input: AdditionInput) -> Result<i32, AppError> {
    let (m, f) = meeting_and_forum(db, meeting_id).await?;
    authorize(actor, Action::ProposeAddition, &forum_scope(&f))?;
    let Some(me) = &actor.user else { return Err(AppError::Unauthenticated) };
    let org_text = input.organisations.iter().map(i32::to_string).collect::<Vec<_>>().join(",");
    let values = [
        ("title", input.title.as_str()),
        ("description", input.description.as_str()),
        ("presenter", input.presenter.as_str()),
        ("organisations", org_text.as_str()),
    ];
    if m.status == "cancelled" || m.ends_at < Utc::now() {
        return Err(AppError::form(K::ErrMeetingClosed).with_values(&values));
    }
    let mut v = Validator::new();
    let title = v.required("title", &input.title, 300);
    let description = v.optional("description", &input.description, 20_000).unwrap_or_default();
    let presenter = v.optional("presenter", &input.presenter, 300).unwrap_or_default();
    let allowed: Vec<i32> = organisation_choices(db, f.id, Some(me.organisation_id)).await?.into_iter().map(|c| c.id).collect();
    let mut orgs: Vec<i32> = input.organisations.iter().copied().filter(|o| allowed.contains(o)).collect();
    orgs.sort_unstable();
    orgs.dedup();
    if orgs.is_empty() || orgs.len() != input.organisations.iter().collect::<std::collections::HashSet<_>>().len() {
        v.add("organisations", K::ErrChooseOrganisations);
    }
    v.finish(&values)?;
    let now = Utc::now();
    let txn = super::begin_write(db).await?;
    let a = addition::ActiveModel {
        meeting_id: Set(m.id),
        proposer_id: Set(me.id),
        title: Set(title.clone()),
        description: Set(description),
        presenter: Set(presenter),
        status: Set("pending".into()),
        received_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    addition_org::Entity::insert_many(orgs.iter().map(|o| addition_org::ActiveModel { addition_id: Set(a.id), organisation_id: Set(*o) }))
        .exec(&txn)
        .await?;
    // Tell the forum's secretariat.
    let link = format!("{base_url}/meetings/{}#additions", m.id);
    let people = super::forums::recipients(&txn, f.id, Some(crate::ssr::policy::ForumRole::Secretariat)).await?;
    let aud = super::notify::audience(&txn, f.id, &people).await?;
    for u in &people {
        let lang = Lang::from_code(&u.language);
        let subject = format!("{}: {}", K::MailAdditionReceivedSubject.in_lang(lang), f.name);
        let lines = vec![title.clone(), format!("{} {}", K::MeetingLabel.in_lang(lang), format_datetime(lang, local(m.starts_at))), me.name.clone()];
        super::notify::deliver(&txn, base_url, &aud, u, &f, "addition", mail::compose_list(lang, subject, &u.name, K::MailAdditionReceivedBody, &lines, &link), &link).await?;
    }
    txn.commit().await?;
    Ok(a.id)
}

/// An addition with its proposer's name.
#[derive(serde::Deserialize)]
pub struct AdditionRow {
    #[serde(flatten)]
    a: addition::Model,
    proposer_name: Option<String>,
}

/// Additions of a meeting as the actor may see them, as a bundle part named "additions": all for
/// the secretariat, one's own for others, none for the signed-out.
pub fn meeting_part(actor: &Actor, m: &meeting::Model, f: &forum::Model) -> Option<super::bundle::Part> {
    let me = actor.user.as_ref()?;
    let mut q = addition::Entity::find()
        .filter(addition::Column::MeetingId.eq(m.id))
        .join(JoinType::LeftJoin, addition::Entity::belongs_to(user::Entity).from(addition::Column::ProposerId).to(user::Column::Id).into());
    if !can(actor, Action::ManageMeetings, &forum_scope(f)) {
        q = q.filter(addition::Column::ProposerId.eq(me.id));
    }
    Some(super::bundle::Part::of("additions", q).also("proposer_name", Expr::col((user::Entity, user::Column::Name))))
}

/// The views of the rows read by [`meeting_part`], in the order received. Their organisations and
/// the meetings they were moved from cost a statement each, and only when there are any.
pub async fn views(db: &impl ConnectionTrait, actor: &Actor, mut rows: Vec<AdditionRow>, materials: &[(material::Model, MaterialView)]) -> Result<Vec<AdditionView>, AppError> {
    let Some(me) = actor.user_id() else { return Ok(vec![]) };
    rows.sort_by_key(|r| (r.a.received_at, r.a.id));
    // Most members have sent in nothing: no statement for an empty list.
    if rows.is_empty() {
        return Ok(vec![]);
    }
    let ids: Vec<i32> = rows.iter().map(|r| r.a.id).collect();
    let orgs = org_names(db, &ids).await?;
    let moved_ids: Vec<i32> = rows.iter().filter_map(|r| r.a.moved_from_meeting_id).collect();
    let moved: HashMap<i32, meeting::Model> = if moved_ids.is_empty() {
        HashMap::new()
    } else {
        meeting::Entity::find().filter(meeting::Column::Id.is_in(moved_ids)).all(db).await?.into_iter().map(|m| (m.id, m)).collect()
    };
    Ok(rows
        .into_iter()
        .map(|AdditionRow { a, proposer_name }| AdditionView {
            id: a.id,
            title: a.title,
            description_html: markdown::render(&a.description),
            presenter: a.presenter,
            organisations: orgs.get(&a.id).cloned().unwrap_or_default(),
            proposer: proposer_name.unwrap_or_default(),
            received: local(a.received_at).date(),
            status: a.status,
            reason: a.reason,
            moved_from: a.moved_from_meeting_id.and_then(|id| moved.get(&id)).map(|m| format!("{} {}", m.title, local(m.starts_at).date())),
            materials: materials.iter().filter(|(mm, _)| mm.addition_id == Some(a.id) && mm.agenda_item_id.is_none()).map(|(_, v)| v.clone()).collect(),
            mine: a.proposer_id == me,
        })
        .collect())
}

/// Organisation names per addition, in one query.
async fn org_names(db: &impl ConnectionTrait, addition_ids: &[i32]) -> Result<HashMap<i32, Vec<String>>, AppError> {
    let rows = addition_org::Entity::find()
        .find_also_related(organisation::Entity)
        .filter(addition_org::Column::AdditionId.is_in(addition_ids.to_vec()))
        .order_by_asc(organisation::Column::Name)
        .all(db)
        .await?;
    let mut out: HashMap<i32, Vec<String>> = HashMap::new();
    for (ao, o) in rows {
        if let Some(o) = o {
            out.entry(ao.addition_id).or_default().push(o.name);
        }
    }
    Ok(out)
}

/// The addition with its meeting and forum, after checking that the actor reviews that forum.
async fn for_review(db: &impl ConnectionTrait, actor: &Actor, addition_id: i32) -> Result<(addition::Model, meeting::Model, forum::Model), AppError> {
    let a = addition::Entity::find_by_id(addition_id).one(db).await?.ok_or(AppError::NotFound)?;
    let (m, f) = meeting_and_forum(db, a.meeting_id).await?;
    authorize(actor, Action::ManageMeetings, &forum_scope(&f))?;
    if a.status != "pending" {
        return Err(AppError::form(K::ErrAdditionDecided));
    }
    Ok((a, m, f))
}

/// Accept: the addition becomes an agenda item (before the closing items), carrying
/// "Inkommen 4/9 från …"; its materials follow it. Returns the item id.
pub async fn accept<C: ConnectionTrait + TransactionTrait>(db: &C, actor: &Actor, base_url: &str, addition_id: i32, duration: &str) -> Result<i32, AppError> {
    let (a, m, f) = for_review(db, actor, addition_id).await?;
    let minutes = duration.trim().parse::<i32>().ok().filter(|d| (1..=480).contains(d));
    let Some(minutes) = minutes else {
        return Err(AppError::field("duration_minutes", K::ErrDuration).with_values(&[("duration_minutes", duration)]).about(a.id));
    };
    let from = org_names(db, &[a.id]).await?.remove(&a.id).unwrap_or_default().join(", ");
    let now = Utc::now();
    let txn = super::begin_write(db).await?;
    let item = super::agenda::insert_before_closing(
        &txn,
        &m,
        super::agenda::NewItem {
            title: a.title.clone(),
            presenters: a.presenter.clone(),
            duration_minutes: minutes,
            kind: "discussion".into(),
            description: a.description.clone(),
            received_at: Some(a.received_at),
            received_from: Some(from),
        },
    )
    .await?;
    material::Entity::update_many()
        .col_expr(material::Column::AgendaItemId, Expr::value(Some(item.id)))
        .filter(material::Column::AdditionId.eq(a.id))
        .exec(&txn)
        .await?;
    addition::ActiveModel { id: Set(a.id), status: Set("accepted".into()), decided_at: Set(Some(now)), agenda_item_id: Set(Some(item.id)), ..Default::default() }
        .update(&txn)
        .await?;
    notify(&txn, base_url, &a, &m, &f, K::MailAdditionAccepted, None).await?;
    super::audit::record(&txn, actor, "addition.decided", &format!("addition:{}", a.id), &format!("accepted: {}", a.title)).await?;
    txn.commit().await?;
    Ok(item.id)
}

/// Move to a later meeting of the same forum; it waits for review there.
pub async fn move_to<C: ConnectionTrait + TransactionTrait>(db: &C, actor: &Actor, base_url: &str, addition_id: i32, target: i32) -> Result<(), AppError> {
    let (a, m, f) = for_review(db, actor, addition_id).await?;
    let t = meeting::Entity::find_by_id(target).one(db).await?;
    let Some(t) = t.filter(|t| t.forum_id == f.id && t.starts_at > m.starts_at && t.status != "cancelled") else {
        return Err(AppError::field("target", K::ErrChoose).about(a.id));
    };
    let txn = super::begin_write(db).await?;
    addition::ActiveModel { id: Set(a.id), meeting_id: Set(t.id), moved_from_meeting_id: Set(Some(m.id)), ..Default::default() }.update(&txn).await?;
    material::Entity::update_many()
        .col_expr(material::Column::MeetingId, Expr::value(t.id))
        .filter(material::Column::AdditionId.eq(a.id))
        .exec(&txn)
        .await?;
    notify(&txn, base_url, &a, &t, &f, K::MailAdditionMoved, None).await?;
    super::audit::record(&txn, actor, "addition.decided", &format!("addition:{}", a.id), &format!("moved to meeting:{}: {}", t.id, a.title)).await?;
    txn.commit().await?;
    Ok(())
}

pub async fn decline<C: ConnectionTrait + TransactionTrait>(db: &C, actor: &Actor, base_url: &str, addition_id: i32, reason: &str) -> Result<(), AppError> {
    let (a, m, f) = for_review(db, actor, addition_id).await?;
    let mut v = Validator::new();
    let reason_clean = v.required("reason", reason, 2000);
    v.finish(&[("reason", reason)]).map_err(|e| e.about(a.id))?;
    let txn = super::begin_write(db).await?;
    addition::ActiveModel { id: Set(a.id), status: Set("declined".into()), reason: Set(Some(reason_clean.clone())), decided_at: Set(Some(Utc::now())), ..Default::default() }
        .update(&txn)
        .await?;
    notify(&txn, base_url, &a, &m, &f, K::MailAdditionDeclined, Some(&reason_clean)).await?;
    super::audit::record(&txn, actor, "addition.decided", &format!("addition:{}", a.id), &format!("declined: {}: {reason_clean}", a.title)).await?;
    txn.commit().await?;
    Ok(())
}

/// Tell the proposer what became of the addition, in their language.
async fn notify(db: &impl ConnectionTrait, base_url: &str, a: &addition::Model, m: &meeting::Model, f: &forum::Model, body: K, reason: Option<&str>) -> Result<(), AppError> {
    let Some(u) = user::Entity::find_by_id(a.proposer_id).one(db).await?.filter(|u| u.active) else { return Ok(()) };
    let lang = Lang::from_code(&u.language);
    let subject = format!("{}: {}", K::MailAdditionDecidedSubject.in_lang(lang), a.title);
    let mut lines = vec![
        a.title.clone(),
        format!("{} {}, {}", K::MeetingLabel.in_lang(lang), f.name, format_datetime(lang, local(m.starts_at))),
        format!("{} {}", K::ReceivedOn.in_lang(lang), format_date(lang, local(a.received_at).date())),
    ];
    if let Some(r) = reason {
        lines.push(format!("{} {}", K::Reason.in_lang(lang), r));
    }
    let link = format!("{base_url}/meetings/{}#additions", m.id);
    super::notify::deliver_to(db, base_url, &u, f, "addition", mail::compose_list(lang, subject, &u.name, body, &lines, &link), &link).await?;
    Ok(())
}
