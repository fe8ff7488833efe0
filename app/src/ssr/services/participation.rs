//! Who takes part: the invited (the forum's members), attendance recorded after the meeting, and
//! each organisation's written round-the-table update ("Laget runt").

use chrono::Utc;
use entity::{attendance, forum, forum_membership, meeting, organisation, round_table_update as update};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

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
    let backend = db.get_database_backend();
    let (p1, p2) = if backend == sea_orm::DbBackend::Postgres { ("$1", "$2") } else { ("?", "?") };
    // The window counts see every row, before the limit.
    let cut = limit.map(|n| format!(" LIMIT {}", n + 1)).unwrap_or_default();
    let sql = format!(
        "SELECT u.id, u.name, o.name AS organisation, fm.role, a.attended, \
         COUNT(*) OVER () AS total, SUM(CASE WHEN a.attended THEN 1 ELSE 0 END) OVER () AS present \
         FROM forum_memberships fm JOIN users u ON u.id = fm.user_id JOIN organisations o ON o.id = u.organisation_id \
         LEFT JOIN attendance a ON a.meeting_id = {p1} AND a.user_id = u.id \
         WHERE fm.forum_id = {p2} AND u.active{cut}"
    );
    let rows = db.query_all(sea_orm::Statement::from_sql_and_values(backend, sql, [m.id.into(), f.id.into()])).await?;
    let count = |r: &sea_orm::QueryResult, col: &str| -> Result<usize, AppError> { Ok(usize::try_from(r.try_get::<i64>("", col)?).unwrap_or(0)) };
    let (total, present) = match rows.first() {
        Some(r) => (count(r, "total")?, count(r, "present")?),
        None => (0, 0),
    };
    if limit.is_some_and(|n| total > n) {
        return Ok(Participants { list: vec![], total, present });
    }
    let mut list = Vec::with_capacity(rows.len());
    for r in rows {
        list.push(ParticipantView {
            user_id: r.try_get("", "id")?,
            name: r.try_get("", "name")?,
            organisation: r.try_get("", "organisation")?,
            role: r.try_get("", "role")?,
            attended: r.try_get("", "attended")?,
        });
    }
    list.sort_by(|a, b| (a.organisation.as_str(), a.name.as_str()).cmp(&(b.organisation.as_str(), b.name.as_str())));
    Ok(Participants { list, total, present })
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

/// The updates of a meeting by organisation, and the actor's own organisation's text.
pub async fn updates(db: &impl ConnectionTrait, actor: &Actor, m: &meeting::Model) -> Result<(Vec<UpdateView>, Option<String>), AppError> {
    let rows = update::Entity::find()
        .find_also_related(organisation::Entity)
        .filter(update::Column::MeetingId.eq(m.id))
        .order_by_asc(organisation::Column::Name)
        .all(db)
        .await?;
    let my_org = actor.user.as_ref().map(|u| u.organisation_id);
    let mine = rows.iter().find(|(u, _)| Some(u.organisation_id) == my_org).map(|(u, _)| u.body.clone());
    let views = rows
        .into_iter()
        .map(|(u, o)| UpdateView {
            organisation: o.map(|o| o.name).unwrap_or_default(),
            body_html: markdown::render(&u.body),
            updated: local(u.updated_at).date(),
            mine: Some(u.organisation_id) == my_org,
        })
        .collect();
    Ok((views, mine))
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
