//! Who takes part: the invited (the forum's members), attendance recorded after the meeting, and
//! each organisation's written round-the-table update ("Laget runt").

use chrono::Utc;
use entity::{attendance, forum, forum_membership, meeting, organisation, round_table_update as update};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::forums::forum_scope;
use super::meetings::{local, meeting_and_forum};
use crate::error::{AppError, Validator};
use crate::i18n::K;
use crate::meetings::dto::{ParticipantView, ParticipantsPage, UpdateView};
use crate::ssr::markdown;
use crate::ssr::policy::{authorize, can, Action, Actor, Scope};

/// A meeting page lists its participants up to this many; a larger forum's meeting shows the
/// counts and links to the participants' own page.
pub const PARTICIPANTS_SHOWN: usize = 40;

/// Who is invited to a meeting and how many of them attended.
pub struct Participants {
    /// Ordered by organisation, then name; empty when `limit` cut the list.
    pub list: Vec<ParticipantView>,
    pub total: usize,
    pub present: usize,
}

/// The forum's active members with their organisation and, once recorded, attendance; one
/// statement whatever the size of the forum. With a `limit` and more members than it, only the
/// counts (no rows beyond the limit leave the database).
pub async fn participants(db: &impl ConnectionTrait, m: &meeting::Model, f: &forum::Model, limit: Option<usize>) -> Result<Participants, AppError> {
    let rows = super::bundle::read(db, vec![participants_part(m, f, limit)]).await?.take("participants")?;
    Ok(participants_of(rows, limit))
}

/// One invited person as read by [`participants_part`], with the counts over all of them.
#[derive(serde::Deserialize)]
pub struct ParticipantRow {
    id: i32,
    name: String,
    organisation: String,
    role: String,
    attended: Option<bool>,
    total: i64,
    present: Option<i64>,
}

/// The participants as a bundle part named "participants" (see [`participants`]).
pub fn participants_part(m: &meeting::Model, f: &forum::Model, limit: Option<usize>) -> super::bundle::Part {
    use entity::user;
    use sea_orm::sea_query::{Alias, Expr, JoinType, Query};
    let (fm, u, o, a) = (Alias::new("fm"), Alias::new("u"), Alias::new("o"), Alias::new("a"));
    let mut q = Query::select();
    q.expr_as(Expr::col((u.clone(), user::Column::Id)), Alias::new("id"))
        .expr_as(Expr::col((u.clone(), user::Column::Name)), Alias::new("name"))
        .expr_as(Expr::col((o.clone(), organisation::Column::Name)), Alias::new("organisation"))
        .expr_as(Expr::col((fm.clone(), forum_membership::Column::Role)), Alias::new("role"))
        .expr_as(Expr::col((a.clone(), attendance::Column::Attended)), Alias::new("attended"))
        // The window counts see every row, before the limit.
        .expr_as(Expr::cust("COUNT(*) OVER ()"), Alias::new("total"))
        .expr_as(Expr::cust("SUM(CASE WHEN a.attended THEN 1 ELSE 0 END) OVER ()"), Alias::new("present"))
        .from_as(forum_membership::Entity, fm.clone())
        .join_as(JoinType::InnerJoin, user::Entity, u.clone(), Expr::col((u.clone(), user::Column::Id)).equals((fm.clone(), forum_membership::Column::UserId)))
        .join_as(JoinType::InnerJoin, organisation::Entity, o.clone(), Expr::col((o.clone(), organisation::Column::Id)).equals((u.clone(), user::Column::OrganisationId)))
        .join_as(
            JoinType::LeftJoin,
            attendance::Entity,
            a.clone(),
            Expr::col((a.clone(), attendance::Column::MeetingId)).eq(m.id).and(Expr::col((a.clone(), attendance::Column::UserId)).equals((u.clone(), user::Column::Id))),
        )
        .and_where(Expr::col((fm, forum_membership::Column::ForumId)).eq(f.id))
        .and_where(Expr::col((u, user::Column::Active)).into());
    if let Some(n) = limit {
        q.limit(n as u64 + 1);
    }
    super::bundle::Part::query(
        "participants",
        q,
        &[("id", false), ("name", false), ("organisation", false), ("role", false), ("attended", true), ("total", false), ("present", false)],
    )
}

/// The participants from their rows, ordered by organisation and name; with a `limit` that the
/// forum exceeds, only the counts.
pub fn participants_of(rows: Vec<ParticipantRow>, limit: Option<usize>) -> Participants {
    let (total, present) = match rows.first() {
        Some(r) => (usize::try_from(r.total).unwrap_or(0), usize::try_from(r.present.unwrap_or(0)).unwrap_or(0)),
        None => (0, 0),
    };
    if limit.is_some_and(|n| total > n) {
        return Participants { list: vec![], total, present };
    }
    let mut list: Vec<ParticipantView> =
        rows.into_iter().map(|r| ParticipantView { user_id: r.id, name: r.name, organisation: r.organisation, role: r.role, attended: r.attended }).collect();
    list.sort_by(|a, b| (a.organisation.as_str(), a.name.as_str(), a.user_id).cmp(&(b.organisation.as_str(), b.name.as_str(), b.user_id)));
    Participants { list, total, present }
}

/// The participants' own page: every invited person, and the attendance buttons for the
/// secretariat once the meeting has started.
pub async fn page(db: &impl ConnectionTrait, actor: &Actor, meeting_id: i32) -> Result<ParticipantsPage, AppError> {
    let (m, f) = meeting_and_forum(db, meeting_id).await?;
    let scope = forum_scope(&f);
    authorize(actor, Action::ViewParticipants, &scope)?;
    let p = participants(db, &m, &f, None).await?;
    let can_record_attendance = can_record_attendance(actor, &m, &scope);
    Ok(ParticipantsPage {
        meeting_id: m.id,
        meeting_title: m.title,
        starts: local(m.starts_at),
        forum_name: f.name,
        forum_slug: f.slug,
        can_record_attendance,
        present: p.present,
        participants: p.list,
    })
}

/// The secretariat records attendance from the meeting's start on, unless it was cancelled.
pub fn can_record_attendance(actor: &Actor, m: &meeting::Model, scope: &Scope) -> bool {
    can(actor, Action::ManageMeetings, scope) && m.starts_at <= Utc::now() && m.status != "cancelled"
}

/// The secretariat marks a member present or absent, from the meeting's start on.
pub async fn record_attendance(db: &impl ConnectionTrait, actor: &Actor, meeting_id: i32, user_id: i32, attended: bool) -> Result<(), AppError> {
    let (m, f) = meeting_and_forum(db, meeting_id).await?;
    authorize(actor, Action::ManageMeetings, &forum_scope(&f))?;
    if m.starts_at > Utc::now() {
        return Err(AppError::form(K::ErrAttendanceTooEarly));
    }
    let member = forum_membership::Entity::find()
        .filter(forum_membership::Column::ForumId.eq(f.id))
        .filter(forum_membership::Column::UserId.eq(user_id))
        .one(db)
        .await?;
    if member.is_none() {
        return Err(AppError::NotFound);
    }
    attendance::Entity::insert(attendance::ActiveModel {
        meeting_id: sea_orm::Set(m.id),
        user_id: sea_orm::Set(user_id),
        attended: sea_orm::Set(attended),
        recorded_at: sea_orm::Set(Utc::now()),
    })
    .on_conflict(OnConflict::columns([attendance::Column::MeetingId, attendance::Column::UserId]).update_columns([attendance::Column::Attended, attendance::Column::RecordedAt]).to_owned())
    .exec(db)
    .await?;
    // Attendance is recorded for a meeting that took place.
    if matches!(m.status.as_str(), "proposed" | "planned" | "agenda_published") {
        meeting::ActiveModel { id: sea_orm::Set(m.id), status: sea_orm::Set("held".into()), updated_at: sea_orm::Set(Utc::now()), ..Default::default() }
            .update(db)
            .await?;
    }
    Ok(())
}

/// A round-the-table update with its organisation's name.
#[derive(serde::Deserialize)]
pub struct UpdateRow {
    #[serde(flatten)]
    u: update::Model,
    organisation: Option<String>,
}

/// The meeting's round-the-table updates as a bundle part named "updates".
pub fn updates_part(m: &meeting::Model) -> super::bundle::Part {
    use sea_orm::sea_query::Expr;
    use sea_orm::{JoinType, QuerySelect, RelationTrait};
    let q = update::Entity::find().filter(update::Column::MeetingId.eq(m.id)).join(JoinType::LeftJoin, update::Relation::Organisation.def());
    super::bundle::Part::of("updates", q).also("organisation", Expr::col((organisation::Entity, organisation::Column::Name)))
}

/// The updates by organisation name, and the actor's organisation's own text if it wrote one.
pub fn updates(actor: &Actor, mut rows: Vec<UpdateRow>) -> (Vec<UpdateView>, Option<String>) {
    rows.sort_by(|a, b| (a.organisation.as_deref(), a.u.id).cmp(&(b.organisation.as_deref(), b.u.id)));
    let my_org = actor.user.as_ref().map(|u| u.organisation_id);
    let mine = rows.iter().find(|r| Some(r.u.organisation_id) == my_org).map(|r| r.u.body.clone());
    let views = rows
        .into_iter()
        .map(|UpdateRow { u, organisation }| UpdateView {
            organisation: organisation.unwrap_or_default(),
            body_html: markdown::render(&u.body),
            updated: local(u.updated_at).date(),
            mine: Some(u.organisation_id) == my_org,
        })
        .collect();
    (views, mine)
}

/// Write (or rewrite) one's organisation's update before the meeting. One per organisation.
pub async fn post_update(db: &impl ConnectionTrait, actor: &Actor, meeting_id: i32, body: &str) -> Result<(), AppError> {
    let (m, f) = meeting_and_forum(db, meeting_id).await?;
    authorize(actor, Action::PostUpdate, &forum_scope(&f))?;
    let Some(me) = &actor.user else { return Err(AppError::Unauthenticated) };
    if m.status == "cancelled" || m.ends_at < Utc::now() {
        return Err(AppError::form(K::ErrMeetingClosed).with_values(&[("body", body)]));
    }
    let mut v = Validator::new();
    let text = v.required("body", body, 5000);
    v.finish(&[("body", body)])?;
    update::Entity::insert(update::ActiveModel {
        meeting_id: sea_orm::Set(m.id),
        organisation_id: sea_orm::Set(me.organisation_id),
        author_id: sea_orm::Set(Some(me.id)),
        body: sea_orm::Set(text),
        updated_at: sea_orm::Set(Utc::now()),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([update::Column::MeetingId, update::Column::OrganisationId])
            .update_columns([update::Column::Body, update::Column::AuthorId, update::Column::UpdatedAt])
            .to_owned(),
    )
    .exec(db)
    .await?;
    Ok(())
}
