//! Meetings: planning (secretariat), listing per forum, the meeting page, cancelling.
use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Europe::Stockholm;
use entity::{forum, meeting, summary};
use sea_orm::sea_query::{Alias, Asterisk, Expr, IntoCondition, Order, Query, SelectStatement, SimpleExpr, SubQueryStatement, UnionType};
use sea_orm::{ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, FromQueryResult, JoinType, QueryFilter, QueryOrder, QuerySelect, RelationDef, Set};

use crate::error::{AppError, Validator};
use crate::i18n::K;
use crate::meetings::dto::{MeetingDetail, MeetingRow};
use super::forums::forum_scope;
use crate::ssr::policy::{authorize, can, Action, Actor};

/// A meeting with its forum, or `NotFound`.
pub async fn meeting_and_forum(db: &impl ConnectionTrait, meeting_id: i32) -> Result<(meeting::Model, forum::Model), AppError> {
    let (m, f) = meeting::Entity::find_by_id(meeting_id).find_also_related(forum::Entity).one(db).await?.ok_or(AppError::NotFound)?;
    Ok((m, f.ok_or(AppError::NotFound)?))
}

/// UTC to the wall clock in Stockholm.
pub fn local(t: DateTime<Utc>) -> NaiveDateTime {
    t.with_timezone(&Stockholm).naive_local()
}

/// A Stockholm wall-clock time to UTC. At the autumn change the earlier of two readings is taken;
/// a time that does not exist (the spring gap) is refused.
pub fn to_utc(t: NaiveDateTime) -> Option<DateTime<Utc>> {
    Stockholm.from_local_datetime(&t).earliest().map(|t| t.with_timezone(&Utc))
}

pub fn row(m: meeting::Model) -> MeetingRow {
    MeetingRow { id: m.id, title: m.title, starts: local(m.starts_at), ends: local(m.ends_at), status: m.status }
}

/// Upcoming (soonest first) and past (latest first, at most `past_limit`) meetings of a forum, in
/// one statement.
pub async fn for_forum(db: &impl ConnectionTrait, forum_id: i32, past_limit: u64) -> Result<(Vec<MeetingRow>, Vec<MeetingRow>), AppError> {
    let now = Utc::now();
    let of_forum = || meeting::Entity::find().filter(meeting::Column::ForumId.eq(forum_id));
    let [mut upcoming, mut past] = in_parts(
        db,
        [
            of_forum().filter(meeting::Column::EndsAt.gte(now)).order_by_asc(meeting::Column::StartsAt).limit(50),
            of_forum().filter(meeting::Column::EndsAt.lt(now)).order_by_desc(meeting::Column::StartsAt).limit(past_limit),
        ],
    )
    .await?;
    upcoming.sort_by_key(|m| m.starts_at);
    past.sort_by_key(|m| std::cmp::Reverse(m.starts_at));
    Ok((upcoming.into_iter().map(row).collect(), past.into_iter().map(row).collect()))
}

/// The rows of several selects of meetings, each with its own filter, order and limit, in one
/// statement (a `UNION ALL` of subqueries). Each list comes back in no particular order.
pub async fn in_parts<const N: usize>(db: &impl ConnectionTrait, parts: [sea_orm::Select<meeting::Entity>; N]) -> Result<[Vec<meeting::Model>; N], AppError> {
    #[derive(sea_orm::FromQueryResult)]
    struct Tagged {
        part: i32,
        #[sea_orm(nested)]
        m: meeting::Model,
    }
    let mut union: Option<SelectStatement> = None;
    for (i, part) in parts.into_iter().enumerate() {
        let alias = Alias::new(format!("p{i}"));
        let q = Query::select()
            .expr_as(Expr::val(i as i32), Alias::new("part"))
            .column((alias.clone(), Asterisk))
            .from_subquery(sea_orm::QueryTrait::into_query(part), alias)
            .to_owned();
        match &mut union {
            None => union = Some(q),
            Some(u) => {
                u.union(UnionType::All, q);
            }
        }
    }
    let mut out: [Vec<meeting::Model>; N] = std::array::from_fn(|_| vec![]);
    let Some(union) = union else { return Ok(out) };
    for t in Tagged::find_by_statement(db.get_database_backend().build(&union)).all(db).await? {
        if let Some(list) = out.get_mut(t.part as usize) {
            list.push(t.m);
        }
    }
    Ok(out)
}

#[derive(Clone, Debug, Default)]
pub struct MeetingInput {
    pub title: String,
    /// YYYY-MM-DD
    pub date: String,
    /// HH:MM (also HH.MM)
    pub start: String,
    pub end: String,
    pub place: String,
    pub online_url: String,
    /// "proposed" or "planned"
    pub status: String,
}

fn parse_time(s: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(&s.trim().replace('.', ":"), "%H:%M").ok()
}

/// Plan a meeting in a forum; returns its id.
pub async fn create(db: &impl ConnectionTrait, actor: &Actor, forum_slug: &str, input: MeetingInput) -> Result<i32, AppError> {
    let f = super::forums::find_by_slug(db, forum_slug).await?;
    authorize(actor, Action::ManageMeetings, &forum_scope(&f))?;
    let mut v = Validator::new();
    let title = v.required("title", &input.title, 200);
    let date = NaiveDate::parse_from_str(input.date.trim(), "%Y-%m-%d").ok();
    if date.is_none() {
        v.add("date", K::ErrDate);
    }
    let start = parse_time(&input.start);
    let end = parse_time(&input.end);
    if start.is_none() {
        v.add("start", K::ErrTime);
    }
    if end.is_none() {
        v.add("end", K::ErrTime);
    }
    let (mut starts_at, mut ends_at) = (None, None);
    if let (Some(d), Some(s), Some(e)) = (date, start, end) {
        if e <= s {
            v.add("end", K::ErrEndBeforeStart);
        }
        starts_at = to_utc(d.and_time(s));
        ends_at = to_utc(d.and_time(e));
        if starts_at.is_none() {
            v.add("start", K::ErrTime);
        }
        if ends_at.is_none() {
            v.add("end", K::ErrTime);
        }
    }
    let place = v.optional("place", &input.place, 300);
    let online_url = v.optional("online_url", &input.online_url, 500);
    if online_url.as_deref().is_some_and(|u| !u.starts_with("https://")) {
        v.add("online_url", K::ErrHttpsUrl);
    }
    let status = match input.status.as_str() {
        "proposed" => "proposed",
        _ => "planned",
    };
    v.finish(&[
        ("title", input.title.as_str()),
        ("date", input.date.as_str()),
        ("start", input.start.as_str()),
        ("end", input.end.as_str()),
        ("place", input.place.as_str()),
        ("online_url", input.online_url.as_str()),
        ("status", input.status.as_str()),
    ])?;
    let (Some(starts_at), Some(ends_at)) = (starts_at, ends_at) else { return Err(AppError::field("date", K::ErrDate)) };
    let now = Utc::now();
    let m = meeting::ActiveModel {
        forum_id: Set(f.id),
        title: Set(title),
        starts_at: Set(starts_at),
        ends_at: Set(ends_at),
        place: Set(place),
        online_url: Set(online_url),
        status: Set(status.into()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(m.id)
}

/// A meeting with its forum, its summary if it has one, and the forum's meetings just before and
/// just after it that are not cancelled: one statement.
pub struct Around {
    pub m: meeting::Model,
    pub f: forum::Model,
    pub s: Option<summary::Model>,
    pub previous: Option<meeting::Model>,
    pub next: Option<meeting::Model>,
}

pub async fn with_neighbours(db: &impl ConnectionTrait, id: i32) -> Result<Around, AppError> {
    // The neighbours' ids by subquery, on the forum and start of meeting `id`.
    let of_this = |c: meeting::Column| {
        let q = Query::select().column(c).from_as(meeting::Entity, Alias::new("this")).and_where(Expr::col((Alias::new("this"), meeting::Column::Id)).eq(id)).to_owned();
        SimpleExpr::SubQuery(None, Box::new(SubQueryStatement::SelectStatement(q)))
    };
    let side = |later: bool| {
        let n = Alias::new("n");
        let starts = Expr::col((n.clone(), meeting::Column::StartsAt));
        let mut q = Query::select()
            .column((n.clone(), meeting::Column::Id))
            .from_as(meeting::Entity, n.clone())
            .and_where(Expr::col((n.clone(), meeting::Column::ForumId)).eq(of_this(meeting::Column::ForumId)))
            .and_where(Expr::col((n.clone(), meeting::Column::Status)).ne("cancelled"))
            .limit(1)
            .to_owned();
        if later {
            q.and_where(starts.gt(of_this(meeting::Column::StartsAt))).order_by((n, meeting::Column::StartsAt), Order::Asc);
        } else {
            q.and_where(starts.lt(of_this(meeting::Column::StartsAt))).order_by((n, meeting::Column::StartsAt), Order::Desc);
        }
        q
    };
    // `id = (subquery)`, not `IN`: PostgreSQL then looks each up by key instead of scanning
    // every meeting.
    let id_is = |q: SelectStatement| Expr::col((meeting::Entity, meeting::Column::Id)).eq(SimpleExpr::SubQuery(None, Box::new(SubQueryStatement::SelectStatement(q))));
    // Only this meeting's summary is joined (the neighbours' would be read for nothing).
    let to_summary: RelationDef = summary::Entity::belongs_to(meeting::Entity)
        .from(summary::Column::MeetingId)
        .to(meeting::Column::Id)
        .on_condition(move |_, _| Expr::col((summary::Entity, summary::Column::MeetingId)).eq(id).into_condition())
        .into();
    let found = meeting::Entity::find()
        .filter(Condition::any().add(meeting::Column::Id.eq(id)).add(id_is(side(false))).add(id_is(side(true))))
        .find_also_related(forum::Entity)
        .join(JoinType::LeftJoin, to_summary.rev())
        .select_also(summary::Entity)
        .all(db)
        .await?;
    let (mut this, mut previous, mut next) = (None, None, None);
    let starts = found.iter().find(|(m, ..)| m.id == id).map(|(m, ..)| m.starts_at).ok_or(AppError::NotFound)?;
    for (m, f, s) in found {
        if m.id == id {
            this = Some((m, f.ok_or(AppError::NotFound)?, s));
        } else if m.starts_at < starts {
            previous = Some(m);
        } else {
            next = Some(m);
        }
    }
    let (m, f, s) = this.ok_or(AppError::NotFound)?;
    Ok(Around { m, f, s, previous, next })
}

/// A meeting with its forum and its summary if it has one, in one statement (a meeting has one
/// summary at most).
pub async fn with_forum_and_summary(db: &impl ConnectionTrait, id: i32) -> Result<(meeting::Model, forum::Model, Option<summary::Model>), AppError> {
    let to_summary: RelationDef = summary::Entity::belongs_to(meeting::Entity).from(summary::Column::MeetingId).to(meeting::Column::Id).into();
    let (m, f, s) = meeting::Entity::find_by_id(id)
        .find_also_related(forum::Entity)
        .join(JoinType::LeftJoin, to_summary.rev())
        .select_also(summary::Entity)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((m, f.ok_or(AppError::NotFound)?, s))
}

pub async fn detail(db: &impl ConnectionTrait, actor: &Actor, id: i32) -> Result<MeetingDetail, AppError> {
    let Around { m, f, s, previous, next } = with_neighbours(db, id).await?;
    authorize(actor, Action::ViewForum, &forum_scope(&f))?;
    let next = next.map(row);
    let scope = forum_scope(&f);
    let can_manage = can(actor, Action::ManageMeetings, &scope);
    // Materials, agenda, additions, round table, participants and comments: one statement.
    let visible = super::agenda::visible(actor, &m, &f);
    let published = m.agenda_published_at.is_some();
    let see_participants = can(actor, Action::ViewParticipants, &scope);
    let mut parts = vec![super::materials::meeting_part(&m)];
    if visible {
        parts.extend([super::agenda::items_part(m.id), super::participation::updates_part(&m)]);
    }
    parts.extend(super::additions::meeting_part(actor, &m, &f));
    if see_participants {
        parts.push(super::participation::participants_part(&m, &f, Some(super::participation::PARTICIPANTS_SHOWN)));
    }
    if published && visible {
        parts.push(super::comments::meeting_part(m.id));
    }
    let mut rows = super::bundle::read(db, parts).await?;
    let materials = super::materials::views(actor, &m, &f, rows.take("materials")?);
    let agenda = super::agenda::view(db, actor, &m, &f, &materials, rows.take("items")?).await?;
    let additions = super::additions::views(db, actor, rows.take("additions")?, &materials).await?;
    let open = m.status != "cancelled" && m.ends_at >= Utc::now();
    let can_propose = open && can(actor, Action::ProposeAddition, &scope);
    let organisation_choices = if can_propose {
        super::additions::organisation_choices(db, f.id, actor.user.as_ref().map(|u| u.organisation_id)).await?
    } else {
        vec![]
    };
    let later_meetings = if can_manage && additions.iter().any(|a| a.status == "pending") {
        meeting::Entity::find()
            .filter(meeting::Column::ForumId.eq(f.id))
            .filter(meeting::Column::StartsAt.gt(m.starts_at))
            .filter(meeting::Column::Status.ne("cancelled"))
            .order_by_asc(meeting::Column::StartsAt)
            .limit(12)
            .all(db)
            .await?
            .into_iter()
            .map(row)
            .collect()
    } else {
        vec![]
    };
    let has_round_table = agenda.items.iter().any(|i| i.kind == "round_table");
    let (updates, my_update) = super::participation::updates(actor, rows.take("updates")?);
    let can_post_update = open && has_round_table && agenda.visible && can(actor, Action::PostUpdate, &scope);
    let participants = super::participation::participants_of(rows.take("participants")?, Some(super::participation::PARTICIPANTS_SHOWN));
    let can_record_attendance = super::participation::can_record_attendance(actor, &m, &scope);
    let new_action_choices = if m.starts_at <= Utc::now() && can(actor, Action::ManageActions, &scope) {
        let (owners, organisations, _, people) = super::actions::choices(db, &f).await?;
        Some(crate::meetings::dto::ActionChoices { owners, people, organisations })
    } else {
        None
    };
    let feedback = if agenda.visible && agenda.items.iter().any(|i| i.kind == "feedback") { super::actions::feedback(db, actor, &f, previous.as_ref()).await? } else { None };
    let (agenda_thread, item_threads) = if published && agenda.visible {
        let mut targets: Vec<(&str, i32)> = vec![("agenda", m.id)];
        targets.extend(agenda.items.iter().map(|i| ("item", i.id)));
        let mut threads = super::comments::threads_of(actor, &f, &targets, true, rows.take("comments")?);
        let agenda_thread = threads.remove(&("agenda".to_string(), m.id));
        (agenda_thread, agenda.items.iter().filter_map(|i| threads.remove(&("item".to_string(), i.id))).collect())
    } else {
        (None, vec![])
    };
    // From the start of the meeting on.
    let can_write_summary = can(actor, Action::ManageSummary, &scope) && m.starts_at <= Utc::now();
    let summary_state = s.map(|s| s.state).filter(|s| can_write_summary || s == "published" || s == "review");
    let meeting_materials = materials.iter().filter(|(mm, _)| mm.agenda_item_id.is_none() && mm.addition_id.is_none()).map(|(_, v)| v.clone()).collect();
    Ok(MeetingDetail {
        agenda,
        materials: meeting_materials,
        additions,
        can_propose,
        organisation_choices,
        later_meetings,
        updates,
        can_post_update,
        my_update,
        participants: participants.list,
        participants_total: participants.total,
        participants_present: participants.present,
        can_record_attendance,
        new_action_choices,
        feedback,
        summary_state,
        can_write_summary,
        agenda_thread,
        item_threads,
        id: m.id,
        forum_name: f.name.clone(),
        forum_slug: f.slug.clone(),
        title: m.title,
        starts: local(m.starts_at),
        ends: local(m.ends_at),
        place: m.place,
        online_url: m.online_url,
        status: m.status,
        cancel_reason: m.cancel_reason,
        next,
        can_manage,
    })
}

/// The kind an agenda template line most likely is, from the decks' wording.
pub fn kind_of_template_line(line: &str) -> &'static str {
    let l = line.to_lowercase();
    if l.contains("återkoppling föregående") || l.contains("feedback") {
        "feedback"
    } else if l.contains("laget runt") || l.contains("round the table") {
        "round_table"
    } else if l.contains("summering") || l.contains("summary") {
        "summary"
    } else if l.contains("nästa möte") || l.contains("next meeting") {
        "next_meeting"
    } else {
        "information"
    }
}

/// "Create the next meeting": the same forum, title, place, link and times on a new date, with a
/// draft agenda from the forum's template (one item per line, 15 minutes each).
pub async fn create_next<C: ConnectionTrait + sea_orm::TransactionTrait>(db: &C, actor: &Actor, meeting_id: i32, date: &str) -> Result<i32, AppError> {
    let (m, f) = meeting_and_forum(db, meeting_id).await?;
    authorize(actor, Action::ManageMeetings, &forum_scope(&f))?;
    let day = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").ok().ok_or_else(|| AppError::field("date", K::ErrDate).with_values(&[("date", date)]))?;
    let (start, end) = (local(m.starts_at), local(m.ends_at));
    let starts_at = to_utc(day.and_time(start.time())).ok_or_else(|| AppError::field("date", K::ErrTime).with_values(&[("date", date)]))?;
    // A meeting over midnight keeps its length.
    let ends_at = to_utc((day + (end.date() - start.date())).and_time(end.time())).ok_or_else(|| AppError::field("date", K::ErrTime).with_values(&[("date", date)]))?;
    let now = Utc::now();
    let txn = super::begin_write(db).await?;
    let created = meeting::ActiveModel {
        forum_id: Set(f.id),
        title: Set(m.title.clone()),
        starts_at: Set(starts_at),
        ends_at: Set(ends_at),
        place: Set(m.place.clone()),
        online_url: Set(m.online_url.clone()),
        status: Set("planned".into()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    for (pos, line) in f.agenda_template.lines().map(str::trim).filter(|l| !l.is_empty()).enumerate() {
        entity::agenda_item::ActiveModel {
            meeting_id: Set(created.id),
            position: Set(pos as i32 + 1),
            title: Set(line.chars().take(300).collect()),
            presenters: Set(String::new()),
            duration_minutes: Set(15),
            kind: Set(kind_of_template_line(line).into()),
            description: Set(String::new()),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(created.id)
}

/// Cancel with a reason (shown on the meeting); every member is told by mail, in one transaction
/// with the change.
pub async fn cancel<C: ConnectionTrait + sea_orm::TransactionTrait>(db: &C, actor: &Actor, base_url: &str, id: i32, reason: &str) -> Result<usize, AppError> {
    let (m, f) = meeting_and_forum(db, id).await?;
    authorize(actor, Action::ManageMeetings, &forum_scope(&f))?;
    let mut v = Validator::new();
    let reason_clean = v.required("reason", reason, 2000);
    v.finish(&[("reason", reason)])?;
    if m.status == "cancelled" {
        return Ok(0);
    }
    let txn = super::begin_write(db).await?;
    meeting::ActiveModel {
        id: Set(m.id),
        status: Set("cancelled".into()),
        cancel_reason: Set(Some(reason_clean.clone())),
        updated_at: Set(Utc::now()),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    let link = format!("{base_url}/meetings/{}", m.id);
    let mut queued = 0;
    let people = super::forums::recipients(&txn, f.id, None).await?;
    let aud = super::notify::audience(&txn, f.id, &people).await?;
    for u in &people {
        let lang = crate::i18n::Lang::from_code(&u.language);
        let subject = format!("{}: {}, {}", K::MailCancelledSubject.in_lang(lang), f.name, crate::i18n::format_datetime(lang, local(m.starts_at)));
        let lines = vec![format!("{} {}", K::CancelledBecause.in_lang(lang), reason_clean)];
        let mail = crate::ssr::mail::compose_list(lang, subject, &u.name, K::MailCancelledBody, &lines, &link);
        if super::notify::deliver(&txn, base_url, &aud, u, &f, "cancelled", mail, &link).await? {
            queued += 1;
        }
    }
    super::audit::record(&txn, actor, "meeting.cancelled", &format!("meeting:{}", m.id), &reason_clean).await?;
    txn.commit().await?;
    Ok(queued)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stockholm_times_round_trip_across_daylight_saving() {
        // Summer (UTC+2) and winter (UTC+1).
        let summer = NaiveDate::from_ymd_opt(2023, 9, 4).unwrap().and_hms_opt(14, 0, 0).unwrap();
        assert_eq!(to_utc(summer).unwrap().to_rfc3339(), "2023-09-04T12:00:00+00:00");
        let winter = NaiveDate::from_ymd_opt(2021, 11, 23).unwrap().and_hms_opt(9, 0, 0).unwrap();
        assert_eq!(to_utc(winter).unwrap().to_rfc3339(), "2021-11-23T08:00:00+00:00");
        assert_eq!(local(to_utc(summer).unwrap()), summer);
        // 02.30 on the last Sunday of March does not exist in Stockholm.
        let gap = NaiveDate::from_ymd_opt(2023, 3, 26).unwrap().and_hms_opt(2, 30, 0).unwrap();
        assert!(to_utc(gap).is_none());
    }

    #[test]
    fn times_accept_the_swedish_dot() {
        assert_eq!(parse_time("14.10"), NaiveTime::from_hms_opt(14, 10, 0));
        assert_eq!(parse_time("9:00"), NaiveTime::from_hms_opt(9, 0, 0));
        assert_eq!(parse_time("25:00"), None);
    }
}
