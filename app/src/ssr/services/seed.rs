//! Demo data from `seed/demo.json` (organisations, forums, people). Idempotent: run it again and
//! nothing is duplicated; passwords of the demo logins are set to the given one.
use chrono::Utc;
use entity::{forum, forum_organisation, organisation, user};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use serde::Deserialize;

use super::{accounts, organisations};
use crate::error::AppError;
use crate::ssr::policy::ForumRole;

#[derive(Deserialize)]
struct Demo {
    organisations: Vec<DemoOrg>,
    forums: Vec<DemoForum>,
    people: Vec<DemoPerson>,
    #[serde(default)]
    meetings: Vec<DemoMeeting>,
    #[serde(default)]
    actions: Vec<DemoAction>,
    #[serde(default)]
    summaries: Vec<DemoSummary>,
    #[serde(default)]
    comments: Vec<DemoComment>,
    #[serde(default)]
    surveys: Vec<DemoSurvey>,
    #[serde(default)]
    consultations: Vec<DemoConsultation>,
}

/// A consultation of a forum's member organisations, presented at an agenda item, with answers.
#[derive(Deserialize)]
struct DemoConsultation {
    forum: String,
    title: String,
    background: String,
    opened: String,
    deadline: String,
    /// (meeting date, item title)
    item: Option<(String, String)>,
    questions: Vec<String>,
    answers: Vec<DemoConsultationAnswer>,
}

/// One organisation's answer: by whom, when it was submitted (None: still a draft), the texts.
#[derive(Deserialize)]
struct DemoConsultationAnswer {
    by: String,
    submitted: Option<String>,
    texts: Vec<String>,
}

/// A closed survey with its questions and anonymous responses (one value per question: a scale
/// step, a choice index, a list of indices, a text, or null).
#[derive(Deserialize)]
struct DemoSurvey {
    forum: String,
    title: String,
    intro: String,
    anonymous: bool,
    opened: String,
    closes: String,
    invited: Vec<String>,
    answered: Vec<String>,
    questions: Vec<DemoQuestion>,
    responses: Vec<Vec<serde_json::Value>>,
    /// The published insights (markdown) and the day they were published.
    #[serde(default)]
    insights: Option<(String, String)>,
    /// The agenda item it is presented at: (meeting date, item title).
    #[serde(default)]
    presented_at: Option<(String, String)>,
}

#[derive(Deserialize)]
struct DemoQuestion {
    section: String,
    kind: String,
    text: String,
    help: String,
    required: bool,
    options: Vec<String>,
}

/// A published summary: each revision is (date, text, reason); the first has no reason.
#[derive(Deserialize)]
struct DemoSummary {
    forum: String,
    date: String,
    revisions: Vec<DemoRevision>,
}

#[derive(Deserialize)]
struct DemoRevision {
    date: String,
    body: String,
    #[serde(default)]
    reason: Option<String>,
}

/// A comment on a meeting's summary, agenda, or the agenda item with `item` as its title.
#[derive(Deserialize)]
struct DemoComment {
    forum: String,
    date: String,
    on: String,
    #[serde(default)]
    item: Option<String>,
    author: String,
    at: String,
    body: String,
}

#[derive(Deserialize)]
struct DemoAction {
    forum: String,
    number: i32,
    title: String,
    /// E-mail of the owning person, or `owner_org` for an organisation.
    owner: Option<String>,
    owner_org: Option<String>,
    /// Local date of the meeting where it was raised.
    raised: Option<String>,
    start: Option<String>,
    end: Option<String>,
    comment: String,
    state: String,
    #[serde(default)]
    participants: Vec<String>,
    #[serde(default)]
    notes: Vec<DemoNote>,
}

#[derive(Deserialize)]
struct DemoNote {
    date: String,
    author: String,
    body: String,
    state_to: Option<String>,
}

#[derive(Deserialize)]
struct DemoMeeting {
    forum: String,
    title: String,
    /// Local (Stockholm) date and times.
    date: String,
    start: String,
    end: String,
    status: String,
    place: Option<String>,
    online_url: Option<String>,
    /// Local date when the agenda was published.
    agenda_published: Option<String>,
    #[serde(default)]
    agenda: Vec<DemoItem>,
    /// Round-the-table updates by organisation name.
    #[serde(default)]
    updates: Vec<DemoUpdate>,
    /// E-mail addresses of those who attended.
    #[serde(default)]
    attended: Vec<String>,
    /// Additions waiting for the secretariat.
    #[serde(default)]
    additions: Vec<DemoAddition>,
}

#[derive(Deserialize)]
struct DemoUpdate {
    organisation: String,
    body: String,
}

#[derive(Deserialize)]
struct DemoAddition {
    title: String,
    description: String,
    presenter: String,
    proposer: String,
    organisations: Vec<String>,
    /// Local date received.
    received: String,
}

/// An item that came in as a member's addition.
#[derive(Deserialize)]
struct DemoReceived {
    date: String,
    proposer: String,
    organisations: Vec<String>,
}

#[derive(Deserialize)]
struct DemoItem {
    title: String,
    presenters: String,
    minutes: i32,
    kind: String,
    description: String,
    #[serde(default)]
    received: Option<DemoReceived>,
    /// File name of the bundled demo PDF, attached as pre-reading.
    #[serde(default)]
    material: Option<String>,
}

#[derive(Deserialize)]
struct DemoOrg {
    name: String,
    short_name: String,
    kind: String,
}

#[derive(Deserialize)]
struct DemoForum {
    slug: String,
    name: String,
    level: String,
    parent: Option<String>,
    visibility: String,
    contact_email: Option<String>,
    #[serde(default)]
    purpose: String,
    #[serde(default)]
    agenda_template: String,
    /// Member organisations by name.
    #[serde(default)]
    organisations: Vec<String>,
}

#[derive(Deserialize)]
pub struct DemoPerson {
    pub email: String,
    pub name: String,
    pub organisation: String,
    pub title: Option<String>,
    #[serde(default)]
    pub admin: bool,
    /// (forum slug, role code)
    #[serde(default)]
    pub roles: Vec<(String, String)>,
    /// Shown in the login list printed by `make run` (empty: not listed).
    #[serde(default)]
    pub describe: String,
}

const DEMO: &str = include_str!("../../../seed/demo.json");
const DEMO_PDF: &[u8] = include_bytes!("../../../seed/implementeringsstod-nll.pdf");

async fn org_by_name(db: &impl ConnectionTrait, name: &str) -> Result<organisation::Model, AppError> {
    organisation::Entity::find()
        .filter(organisation::Column::Name.eq(name))
        .one(db)
        .await?
        .ok_or_else(|| crate::ssr::ctx::internal(format!("demo data names unknown organisation {name}")))
}

async fn user_by_email(db: &impl ConnectionTrait, email: &str) -> Result<entity::user::Model, AppError> {
    entity::user::Entity::find()
        .filter(entity::user::Column::Email.eq(email))
        .one(db)
        .await?
        .ok_or_else(|| crate::ssr::ctx::internal(format!("demo data names unknown person {email}")))
}

/// 09.00 Stockholm time on a local date.
fn morning(date: &str) -> Option<chrono::DateTime<Utc>> {
    let day = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
    super::meetings::to_utc(day.and_hms_opt(9, 0, 0)?)
}

/// An addition with its organisations; returns its id.
async fn seed_addition(db: &impl ConnectionTrait, meeting_id: i32, a: NewDemoAddition<'_>) -> Result<i32, AppError> {
    let proposer = user_by_email(db, a.proposer).await?;
    let created = entity::agenda_addition::ActiveModel {
        meeting_id: Set(meeting_id),
        proposer_id: Set(proposer.id),
        title: Set(a.title.to_string()),
        description: Set(a.description.to_string()),
        presenter: Set(a.presenter.to_string()),
        status: Set(if a.item.is_some() { "accepted" } else { "pending" }.into()),
        received_at: Set(a.received),
        decided_at: Set(a.item.map(|_| a.received)),
        agenda_item_id: Set(a.item),
        ..Default::default()
    }
    .insert(db)
    .await?;
    for name in a.organisations {
        let o = org_by_name(db, name).await?;
        entity::agenda_addition_organisation::ActiveModel { addition_id: Set(created.id), organisation_id: Set(o.id) }.insert(db).await?;
    }
    Ok(created.id)
}

struct NewDemoAddition<'a> {
    title: &'a str,
    description: &'a str,
    presenter: &'a str,
    proposer: &'a str,
    organisations: &'a [String],
    received: chrono::DateTime<Utc>,
    item: Option<i32>,
}

/// Idempotent by forum and start time.
async fn meeting_on(db: &impl ConnectionTrait, slug: &str, date: &str) -> Result<(forum::Model, entity::meeting::Model), AppError> {
    let bad = || crate::ssr::ctx::internal(format!("demo data names no meeting of {slug} on {date}"));
    let f = forum::Entity::find().filter(forum::Column::Slug.eq(slug)).one(db).await?.ok_or_else(bad)?;
    let m = entity::meeting::Entity::find()
        .filter(entity::meeting::Column::ForumId.eq(f.id))
        .all(db)
        .await?
        .into_iter()
        .find(|m| super::meetings::local(m.starts_at).date().to_string() == date)
        .ok_or_else(bad)?;
    Ok((f, m))
}

/// A demo date (YYYY-MM-DD, optionally " HH:MM") in Stockholm time.
fn demo_time(s: &str) -> Result<chrono::DateTime<Utc>, AppError> {
    let parsed = chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M")
        .ok()
        .or_else(|| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok().and_then(|d| d.and_hms_opt(10, 0, 0)));
    parsed.and_then(super::meetings::to_utc).ok_or_else(|| crate::ssr::ctx::internal(format!("bad demo time {s}")))
}

async fn seed_summary(db: &impl ConnectionTrait, s: &DemoSummary) -> Result<(), AppError> {
    use entity::{summary, summary_revision};
    let (_, m) = meeting_on(db, &s.forum, &s.date).await?;
    if summary::Entity::find().filter(summary::Column::MeetingId.eq(m.id)).one(db).await?.is_some() || s.revisions.is_empty() {
        return Ok(());
    }
    let author = user::Entity::find().filter(user::Column::Email.eq("sekretariat@samverkan.test")).one(db).await?.map(|u| u.id);
    let first = demo_time(&s.revisions[0].date)?;
    let last = s.revisions.last().map(|r| r.body.clone()).unwrap_or_default();
    let revised = if s.revisions.len() > 1 { Some(demo_time(&s.revisions[s.revisions.len() - 1].date)?) } else { None };
    let created = summary::ActiveModel {
        meeting_id: Set(m.id),
        state: Set("published".into()),
        body: Set(last),
        created_at: Set(first),
        updated_at: Set(revised.unwrap_or(first)),
        review_started_at: Set(None),
        published_at: Set(Some(first)),
        revised_at: Set(revised),
        ..Default::default()
    }
    .insert(db)
    .await?;
    for (i, r) in s.revisions.iter().enumerate() {
        summary_revision::ActiveModel {
            summary_id: Set(created.id),
            number: Set(i as i32 + 1),
            body: Set(r.body.clone()),
            reason: Set(r.reason.clone()),
            author_id: Set(author),
            created_at: Set(demo_time(&r.date)?),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

async fn seed_survey(db: &impl ConnectionTrait, s: &DemoSurvey) -> Result<(), AppError> {
    use entity::{survey, survey_answer, survey_invitation, survey_question, survey_response};
    let f = forum::Entity::find().filter(forum::Column::Slug.eq(&s.forum)).one(db).await?.ok_or_else(|| crate::ssr::ctx::internal("demo survey: unknown forum"))?;
    if survey::Entity::find().filter(survey::Column::ForumId.eq(f.id)).filter(survey::Column::Title.eq(&s.title)).one(db).await?.is_some() {
        return Ok(());
    }
    let closes = demo_time(&format!("{} 23:59", s.closes))?;
    let created = survey::ActiveModel {
        forum_id: Set(f.id),
        title: Set(s.title.clone()),
        intro: Set(s.intro.clone()),
        anonymous: Set(s.anonymous),
        state: Set(if closes < Utc::now() { "closed".into() } else { "open".into() }),
        opened_at: Set(Some(demo_time(&s.opened)?)),
        closes_at: Set(closes),
        created_at: Set(demo_time(&s.opened)?),
        insights: Set(s.insights.as_ref().map(|(text, _)| text.clone()).unwrap_or_default()),
        insights_published_at: Set(match &s.insights {
            Some((_, day)) => Some(demo_time(day)?),
            None => None,
        }),
        ..Default::default()
    }
    .insert(db)
    .await?;
    if let Some((date, title)) = &s.presented_at {
        let (_, m) = meeting_on(db, &s.forum, date).await?;
        let item = item_titled(db, m.id, title).await?;
        entity::agenda_item::ActiveModel { id: Set(item), survey_id: Set(Some(created.id)), ..Default::default() }.update(db).await?;
    }
    let mut question_ids = vec![];
    for (i, q) in s.questions.iter().enumerate() {
        let m = survey_question::ActiveModel {
            survey_id: Set(created.id),
            position: Set(i as i32),
            section: Set(q.section.clone()),
            kind: Set(q.kind.clone()),
            text: Set(q.text.clone()),
            help: Set(q.help.clone()),
            required: Set(q.required),
            options: Set(q.options.join("\n")),
            ..Default::default()
        }
        .insert(db)
        .await?;
        question_ids.push(m.id);
    }
    for email in &s.invited {
        let u = user_by_email(db, email).await?.id;
        let responded = s.answered.contains(email).then(|| closes - chrono::Duration::days(3));
        survey_invitation::ActiveModel { survey_id: Set(created.id), user_id: Set(u), responded_at: Set(responded), ..Default::default() }.insert(db).await?;
    }
    for values in &s.responses {
        let r = survey_response::ActiveModel {
            survey_id: Set(created.id),
            user_id: Set(None),
            receipt_hash: Set(None),
            submitted_at: Set(Some(closes - chrono::Duration::days(3))),
            ..Default::default()
        }
        .insert(db)
        .await?;
        for (q, v) in question_ids.iter().zip(values) {
            let mut rows: Vec<(Option<i32>, Option<String>)> = vec![];
            match v {
                serde_json::Value::Number(n) => rows.push((n.as_i64().map(|n| n as i32), None)),
                serde_json::Value::Array(list) => rows.extend(list.iter().filter_map(|x| x.as_i64()).map(|n| (Some(n as i32), None))),
                serde_json::Value::String(t) => rows.push((None, Some(t.clone()))),
                _ => {}
            }
            for (value, text_value) in rows {
                survey_answer::ActiveModel { response_id: Set(r.id), question_id: Set(*q), value: Set(value), text_value: Set(text_value), ..Default::default() }.insert(db).await?;
            }
        }
    }
    Ok(())
}

async fn item_titled(db: &impl ConnectionTrait, meeting_id: i32, title: &str) -> Result<i32, AppError> {
    entity::agenda_item::Entity::find()
        .filter(entity::agenda_item::Column::MeetingId.eq(meeting_id))
        .filter(entity::agenda_item::Column::Title.eq(title))
        .one(db)
        .await?
        .map(|i| i.id)
        .ok_or_else(|| crate::ssr::ctx::internal(format!("demo data names no agenda item {title}")))
}

async fn seed_consultation(db: &impl ConnectionTrait, c: &DemoConsultation) -> Result<(), AppError> {
    use entity::{consultation, consultation_answer, consultation_question, consultation_response};
    let f = forum::Entity::find().filter(forum::Column::Slug.eq(&c.forum)).one(db).await?.ok_or_else(|| crate::ssr::ctx::internal("demo consultation: unknown forum"))?;
    if consultation::Entity::find().filter(consultation::Column::ForumId.eq(f.id)).filter(consultation::Column::Title.eq(&c.title)).one(db).await?.is_some() {
        return Ok(());
    }
    let item = match &c.item {
        Some((date, title)) => Some(item_titled(db, meeting_on(db, &c.forum, date).await?.1.id, title).await?),
        None => None,
    };
    let deadline = chrono::NaiveDate::parse_from_str(&c.deadline, "%Y-%m-%d").map_err(crate::ssr::ctx::internal)?;
    let opened = demo_time(&c.opened)?;
    let created = consultation::ActiveModel {
        forum_id: Set(f.id),
        agenda_item_id: Set(item),
        title: Set(c.title.clone()),
        background: Set(c.background.clone()),
        state: Set(if deadline < super::meetings::local(Utc::now()).date() { "closed".into() } else { "open".into() }),
        deadline: Set(deadline),
        reminder_days: Set(3),
        auto_reminded: Set(true),
        last_reminded_on: Set(None),
        opened_at: Set(Some(opened)),
        created_at: Set(opened),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let mut ids = vec![];
    for (i, text) in c.questions.iter().enumerate() {
        ids.push(consultation_question::ActiveModel { consultation_id: Set(created.id), position: Set(i as i32), text: Set(text.clone()), help: Set(String::new()), ..Default::default() }.insert(db).await?.id);
    }
    for a in &c.answers {
        let u = user_by_email(db, &a.by).await?;
        let at = match &a.submitted {
            Some(t) => Some(demo_time(t)?),
            None => None,
        };
        let r = consultation_response::ActiveModel {
            consultation_id: Set(created.id),
            organisation_id: Set(u.organisation_id),
            updated_by: Set(Some(u.id)),
            updated_at: Set(at.unwrap_or(opened + chrono::Duration::days(5))),
            submitted_by: Set(at.map(|_| u.id)),
            submitted_at: Set(at),
            ..Default::default()
        }
        .insert(db)
        .await?;
        for (q, text) in ids.iter().zip(&a.texts) {
            consultation_answer::ActiveModel { response_id: Set(r.id), question_id: Set(*q), text: Set(text.clone()), ..Default::default() }.insert(db).await?;
        }
    }
    Ok(())
}

async fn seed_comment(db: &impl ConnectionTrait, c: &DemoComment) -> Result<(), AppError> {
    use entity::comment;
    let (f, m) = meeting_on(db, &c.forum, &c.date).await?;
    let target = match (c.on.as_str(), &c.item) {
        ("item", Some(title)) => entity::agenda_item::Entity::find()
            .filter(entity::agenda_item::Column::MeetingId.eq(m.id))
            .filter(entity::agenda_item::Column::Title.eq(title))
            .one(db)
            .await?
            .map(|i| i.id)
            .ok_or_else(|| crate::ssr::ctx::internal(format!("demo comment names unknown item {title}")))?,
        _ => m.id,
    };
    let exists = comment::Entity::find()
        .filter(comment::Column::TargetKind.eq(&c.on))
        .filter(comment::Column::TargetId.eq(target))
        .filter(comment::Column::Body.eq(&c.body))
        .one(db)
        .await?
        .is_some();
    if exists {
        return Ok(());
    }
    let author = user::Entity::find().filter(user::Column::Email.eq(&c.author)).one(db).await?.map(|u| u.id);
    comment::ActiveModel {
        forum_id: Set(f.id),
        target_kind: Set(c.on.clone()),
        target_id: Set(target),
        author_id: Set(author),
        body: Set(c.body.clone()),
        created_at: Set(demo_time(&c.at)?),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

async fn seed_meeting(db: &impl ConnectionTrait, m: &DemoMeeting) -> Result<(), AppError> {
    use chrono::{NaiveDate, NaiveTime};
    use entity::meeting;
    let bad = |what: &str| crate::ssr::ctx::internal(format!("demo meeting {} {}: bad {what}", m.forum, m.date));
    let f = forum::Entity::find().filter(forum::Column::Slug.eq(&m.forum)).one(db).await?.ok_or_else(|| bad("forum"))?;
    let date = NaiveDate::parse_from_str(&m.date, "%Y-%m-%d").map_err(|_| bad("date"))?;
    let at = |t: &str| {
        NaiveTime::parse_from_str(t, "%H:%M").ok().and_then(|t| super::meetings::to_utc(date.and_time(t))).ok_or_else(|| bad("time"))
    };
    let (starts_at, ends_at) = (at(&m.start)?, at(&m.end)?);
    let exists = meeting::Entity::find()
        .filter(meeting::Column::ForumId.eq(f.id))
        .filter(meeting::Column::StartsAt.eq(starts_at))
        .one(db)
        .await?
        .is_some();
    if !exists {
        let published = match &m.agenda_published {
            Some(d) => {
                let day = NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| bad("agenda date"))?;
                Some(super::meetings::to_utc(day.and_hms_opt(9, 0, 0).unwrap_or_default()).ok_or_else(|| bad("agenda date"))?)
            }
            None => None,
        };
        let created = meeting::ActiveModel {
            forum_id: Set(f.id),
            title: Set(m.title.clone()),
            starts_at: Set(starts_at),
            ends_at: Set(ends_at),
            place: Set(m.place.clone()),
            online_url: Set(m.online_url.clone()),
            status: Set(m.status.clone()),
            created_at: Set(Utc::now()),
            updated_at: Set(Utc::now()),
            agenda_published_at: Set(published),
            ..Default::default()
        }
        .insert(db)
        .await?;
        for (pos, item) in m.agenda.iter().enumerate() {
            let received = match &item.received {
                Some(r) => Some((morning(&r.date).ok_or_else(|| bad("received date"))?, r)),
                None => None,
            };
            let row = entity::agenda_item::ActiveModel {
                meeting_id: Set(created.id),
                position: Set(pos as i32 + 1),
                title: Set(item.title.clone()),
                presenters: Set(item.presenters.clone()),
                duration_minutes: Set(item.minutes),
                kind: Set(item.kind.clone()),
                description: Set(item.description.clone()),
                created_at: Set(Utc::now()),
                received_at: Set(received.map(|(at, _)| at)),
                received_from: Set(received.map(|(_, r)| r.organisations.join(", "))),
                ..Default::default()
            }
            .insert(db)
            .await?;
            if let Some((at, r)) = received {
                let a = NewDemoAddition {
                    title: &item.title,
                    description: &item.description,
                    presenter: &item.presenters,
                    proposer: &r.proposer,
                    organisations: &r.organisations,
                    received: at,
                    item: Some(row.id),
                };
                seed_addition(db, created.id, a).await?;
            }
            if let Some(name) = &item.material {
                let mat = entity::material::ActiveModel {
                    meeting_id: Set(created.id),
                    agenda_item_id: Set(Some(row.id)),
                    file_name: Set(name.clone()),
                    content_type: Set("application/pdf".into()),
                    size_bytes: Set(DEMO_PDF.len() as i64),
                    sha256: Set(hex::encode(<sha2::Sha256 as sha2::Digest>::digest(DEMO_PDF))),
                    pre_reading: Set(true),
                    uploaded_at: Set(Utc::now()),
                    ..Default::default()
                }
                .insert(db)
                .await?;
                entity::material_content::ActiveModel { material_id: Set(mat.id), data: Set(DEMO_PDF.to_vec()) }.insert(db).await?;
            }
        }
        for a in &m.additions {
            let received = morning(&a.received).ok_or_else(|| bad("addition date"))?;
            let new = NewDemoAddition {
                title: &a.title,
                description: &a.description,
                presenter: &a.presenter,
                proposer: &a.proposer,
                organisations: &a.organisations,
                received,
                item: None,
            };
            seed_addition(db, created.id, new).await?;
        }
        for u in &m.updates {
            let o = org_by_name(db, &u.organisation).await?;
            entity::round_table_update::ActiveModel {
                meeting_id: Set(created.id),
                organisation_id: Set(o.id),
                body: Set(u.body.clone()),
                updated_at: Set(published.unwrap_or(starts_at)),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
        for email in &m.attended {
            let u = user_by_email(db, email).await?;
            entity::attendance::ActiveModel { meeting_id: Set(created.id), user_id: Set(u.id), attended: Set(true), recorded_at: Set(ends_at) }.insert(db).await?;
        }
    }
    Ok(())
}

/// Idempotent by forum and number; the forum's counter is moved past the highest number.
async fn seed_action(db: &impl ConnectionTrait, a: &DemoAction) -> Result<(), AppError> {
    use chrono::NaiveDate;
    use entity::{action, action_note, action_participant, meeting};
    let bad = |what: &str| crate::ssr::ctx::internal(format!("demo action {} {}: bad {what}", a.forum, a.number));
    let f = forum::Entity::find().filter(forum::Column::Slug.eq(&a.forum)).one(db).await?.ok_or_else(|| bad("forum"))?;
    let exists = action::Entity::find().filter(action::Column::ForumId.eq(f.id)).filter(action::Column::Number.eq(a.number)).one(db).await?.is_some();
    if exists {
        return Ok(());
    }
    let date = |s: &Option<String>| -> Result<Option<NaiveDate>, AppError> {
        s.as_deref().map(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| bad("date"))).transpose()
    };
    let owner_user = match &a.owner {
        Some(email) => Some(user_by_email(db, email).await?.id),
        None => None,
    };
    let owner_org = match &a.owner_org {
        Some(name) => Some(org_by_name(db, name).await?.id),
        None => None,
    };
    // The meeting where it was raised, if the forum has one that day.
    let raised = match date(&a.raised)? {
        Some(day) => meeting::Entity::find()
            .filter(meeting::Column::ForumId.eq(f.id))
            .all(db)
            .await?
            .into_iter()
            .find(|m| super::meetings::local(m.starts_at).date() == day)
            .map(|m| m.id),
        None => None,
    };
    let created = action::ActiveModel {
        forum_id: Set(f.id),
        number: Set(a.number),
        title: Set(a.title.clone()),
        description: Set(String::new()),
        owner_user_id: Set(owner_user),
        owner_org_id: Set(owner_org),
        raised_meeting_id: Set(raised),
        start_date: Set(date(&a.start)?),
        end_date: Set(date(&a.end)?),
        comment: Set(a.comment.clone()),
        state: Set(a.state.clone()),
        search_text: Set(format!("{}\n\n{}", a.title, a.comment).to_lowercase()),
        // Created when it was raised, so that "open at the previous meeting" holds for the history.
        created_at: Set(a.start.as_deref().and_then(morning).unwrap_or_else(Utc::now)),
        updated_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    for email in &a.participants {
        let u = user_by_email(db, email).await?;
        action_participant::ActiveModel { action_id: Set(created.id), user_id: Set(Some(u.id)), ..Default::default() }.insert(db).await?;
    }
    for n in &a.notes {
        let author = user_by_email(db, &n.author).await?;
        let day = NaiveDate::parse_from_str(&n.date, "%Y-%m-%d").map_err(|_| bad("note date"))?;
        action_note::ActiveModel {
            action_id: Set(created.id),
            author_id: Set(Some(author.id)),
            note_date: Set(day),
            body: Set(n.body.clone()),
            state_from: Set(n.state_to.as_ref().map(|_| "open".to_string())),
            state_to: Set(n.state_to.clone()),
            created_at: Set(morning(&n.date).unwrap_or_else(Utc::now)),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    if f.action_counter < a.number {
        forum::ActiveModel { id: Set(f.id), action_counter: Set(a.number), ..Default::default() }.update(db).await?;
    }
    Ok(())
}

/// The demo logins (e-mail, description) without touching the database.
pub fn demo_logins() -> Result<Vec<(String, String)>, AppError> {
    let demo: Demo = serde_json::from_str(DEMO).map_err(crate::ssr::ctx::internal)?;
    Ok(demo.people.into_iter().map(|p| (p.email, p.describe)).collect())
}

/// Returns the demo logins (e-mail, description).
pub async fn seed_demo(db: &impl ConnectionTrait, password: &str) -> Result<Vec<(String, String)>, AppError> {
    let demo: Demo = serde_json::from_str(DEMO).map_err(crate::ssr::ctx::internal)?;
    for o in &demo.organisations {
        if organisation::Entity::find().filter(organisation::Column::Name.eq(&o.name)).one(db).await?.is_none() {
            organisations::save_unchecked(db, None, &o.name, &o.short_name, &o.kind).await?;
        }
    }
    for f in &demo.forums {
        let parent_id = match &f.parent {
            Some(slug) => forum::Entity::find().filter(forum::Column::Slug.eq(slug)).one(db).await?.map(|p| p.id),
            None => None,
        };
        let forum_id = match forum::Entity::find().filter(forum::Column::Slug.eq(&f.slug)).one(db).await? {
            Some(existing) => existing.id,
            None => {
                forum::ActiveModel {
                    slug: Set(f.slug.clone()),
                    name: Set(f.name.clone()),
                    level: Set(f.level.clone()),
                    parent_id: Set(parent_id),
                    visibility: Set(f.visibility.clone()),
                    created_at: Set(Utc::now()),
                    purpose: Set(f.purpose.clone()),
                    contact_email: Set(f.contact_email.clone()),
                    publish_days_before: Set(7),
                    agenda_template: Set(f.agenda_template.clone()),
                    ..Default::default()
                }
                .insert(db)
                .await?
                .id
            }
        };
        for name in &f.organisations {
            let org = organisation::Entity::find().filter(organisation::Column::Name.eq(name)).one(db).await?;
            let Some(org) = org else { return Err(crate::ssr::ctx::internal(format!("demo forum {} names unknown organisation {name}", f.slug))) };
            let exists = forum_organisation::Entity::find()
                .filter(forum_organisation::Column::ForumId.eq(forum_id))
                .filter(forum_organisation::Column::OrganisationId.eq(org.id))
                .one(db)
                .await?
                .is_some();
            if !exists {
                forum_organisation::ActiveModel {
                    forum_id: Set(forum_id),
                    organisation_id: Set(org.id),
                    created_at: Set(Utc::now()),
                    ..Default::default()
                }
                .insert(db)
                .await?;
            }
        }
    }
    let mut logins = Vec::new();
    for p in &demo.people {
        let org = organisation::Entity::find()
            .filter(organisation::Column::Name.eq(&p.organisation))
            .one(db)
            .await?
            .ok_or_else(|| crate::ssr::ctx::internal(format!("demo person {} has unknown organisation", p.email)))?;
        let u = accounts::upsert_user_with_password(db, &p.email, &p.name, org.id, p.title.as_deref(), p.admin, password).await?;
        for (slug, role) in &p.roles {
            let f = forum::Entity::find().filter(forum::Column::Slug.eq(slug)).one(db).await?;
            if let (Some(f), Some(role)) = (f, ForumRole::from_code(role)) {
                accounts::ensure_membership(db, u.id, f.id, role).await?;
            }
        }
        // People without a description are part of the scenery (e.g. the evaluation's respondents).
        if !p.describe.is_empty() {
            logins.push((p.email.clone(), p.describe.clone()));
        }
    }
    for m in &demo.meetings {
        seed_meeting(db, m).await?;
    }
    for a in &demo.actions {
        seed_action(db, a).await?;
    }
    for s in &demo.summaries {
        seed_summary(db, s).await?;
    }
    for c in &demo.comments {
        seed_comment(db, c).await?;
    }
    for s in &demo.surveys {
        seed_survey(db, s).await?;
    }
    for c in &demo.consultations {
        seed_consultation(db, c).await?;
    }
    Ok(logins)
}
