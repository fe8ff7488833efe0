//! Demo data from `seed/demo.json` (organisations, forums, people). Idempotent: run it again and
//! nothing is duplicated; passwords of the demo logins are set to the given one.
use chrono::Utc;
use entity::{forum, forum_organisation, organisation};
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
}

#[derive(Deserialize)]
struct DemoItem {
    title: String,
    presenters: String,
    minutes: i32,
    kind: String,
    description: String,
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
    /// Shown in the login list printed by `make run`.
    pub describe: String,
}

const DEMO: &str = include_str!("../../../seed/demo.json");

/// Idempotent by forum and start time.
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
            entity::agenda_item::ActiveModel {
                meeting_id: Set(created.id),
                position: Set(pos as i32 + 1),
                title: Set(item.title.clone()),
                presenters: Set(item.presenters.clone()),
                duration_minutes: Set(item.minutes),
                kind: Set(item.kind.clone()),
                description: Set(item.description.clone()),
                created_at: Set(Utc::now()),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
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
        logins.push((p.email.clone(), p.describe.clone()));
    }
    for m in &demo.meetings {
        seed_meeting(db, m).await?;
    }
    Ok(logins)
}
