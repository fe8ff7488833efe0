//! The calendar: month and list views of every meeting one may see, and iCalendar feeds
//! (`/calendar.ics`, `/forums/{slug}/calendar.ics`, one meeting's `.ics`). Members-only forums
//! reach a feed only through the reader's personal token, which they can reset.
use chrono::{Datelike, Duration, NaiveDate, Utc};
use entity::{forum, meeting, user};
use icalendar::{Calendar, CalendarComponent, CalendarDateTime, Component, Event, EventLike, EventStatus};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder, QuerySelect, Set};

use super::forums::{forum_scope, scope_of};
use super::meetings::{local, meeting_and_forum, to_utc};
use crate::calendar::dto::{CalendarMeeting, CalendarPage};
use crate::error::AppError;
use crate::ssr::policy::{authorize, can, Action, Actor};
use crate::ssr::tokens;

/// Longest span a feed covers backwards; meetings further back drop out of subscriptions.
const FEED_PAST_DAYS: i64 = 400;
/// At most this many meetings in one feed or one page of the calendar.
const MAX_MEETINGS: u64 = 1000;

/// What lists and feeds need of a forum. Its purpose and agenda template can be long, and every
/// calendar, search and feed request reads all forums.
#[derive(Clone, Debug, FromQueryResult)]
pub struct ForumRef {
    pub id: i32,
    pub slug: String,
    pub name: String,
    pub visibility: String,
}

/// The forums the actor may see, by name (one query; the policy decides per forum).
pub async fn visible_forums(db: &impl ConnectionTrait, actor: &Actor) -> Result<Vec<ForumRef>, AppError> {
    use forum::Column as F;
    Ok(forum::Entity::find()
        .select_only()
        .columns([F::Id, F::Slug, F::Name, F::Visibility])
        .order_by_asc(F::Name)
        .into_model::<ForumRef>()
        .all(db)
        .await?
        .into_iter()
        .filter(|f| can(actor, Action::ViewForum, &scope_of(f.id, &f.visibility)))
        .collect())
}

/// "YYYY-MM" → (year, month); anything else is the current month in Stockholm.
fn parse_month(s: &str) -> (i32, u32) {
    let today = local(Utc::now()).date();
    s.split_once('-')
        .and_then(|(y, m)| Some((y.parse::<i32>().ok()?, m.parse::<u32>().ok()?)))
        .filter(|(y, m)| (2000..=2100).contains(y) && (1..=12).contains(m))
        .unwrap_or((today.year(), today.month()))
}

fn first_of(year: i32, month: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, 1).unwrap_or_default()
}

pub async fn page(db: &impl ConnectionTrait, actor: &Actor, base_url: &str, view: &str, month: &str, forum_slug: &str) -> Result<CalendarPage, AppError> {
    let view = if view == "list" { "list" } else { "month" };
    let (year, month) = parse_month(month);
    let forums = visible_forums(db, actor).await?;
    let chosen: Vec<&ForumRef> = forums.iter().filter(|f| forum_slug.is_empty() || f.slug == forum_slug).collect();
    // A slug one may not see is treated as no match, never as an error that tells it exists.
    let (from, to) = if view == "list" {
        (first_of(year, 1), first_of(year + 1, 1))
    } else {
        let next = if month == 12 { first_of(year + 1, 1) } else { first_of(year, month + 1) };
        (first_of(year, month), next)
    };
    let meetings = meetings_between(db, &chosen, from, to).await?;
    // The token comes with the acting user (read once per request).
    let feed_url = match actor.user.as_ref().and_then(|u| u.calendar_token.as_deref()) {
        Some(t) => format!("{base_url}/calendar.ics?token={t}"),
        _ => format!("{base_url}/calendar.ics"),
    };
    let news_url = feed_url.replace("/calendar.ics", "/feed.atom");
    Ok(CalendarPage {
        news_url,
        view: view.into(),
        year,
        month,
        forum: (!forum_slug.is_empty() && !chosen.is_empty()).then(|| forum_slug.to_string()),
        forums: forums.iter().map(|f| (f.slug.clone(), f.name.clone())).collect(),
        meetings,
        feed_url,
        signed_in: actor.user.is_some(),
    })
}

/// Meetings of these forums starting in [from, to) local time, in order.
async fn meetings_between(db: &impl ConnectionTrait, forums: &[&ForumRef], from: NaiveDate, to: NaiveDate) -> Result<Vec<CalendarMeeting>, AppError> {
    if forums.is_empty() {
        return Ok(vec![]);
    }
    let (Some(start), Some(end)) = (to_utc(from.and_time(Default::default())), to_utc(to.and_time(Default::default()))) else { return Ok(vec![]) };
    let rows = meeting::Entity::find()
        .filter(meeting::Column::ForumId.is_in(forums.iter().map(|f| f.id)))
        .filter(meeting::Column::StartsAt.gte(start))
        .filter(meeting::Column::StartsAt.lt(end))
        .order_by_asc(meeting::Column::StartsAt)
        .limit(MAX_MEETINGS)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|m| CalendarMeeting {
            id: m.id,
            title: m.title,
            forum_name: forums.iter().find(|f| f.id == m.forum_id).map(|f| f.name.clone()).unwrap_or_default(),
            starts: local(m.starts_at),
            ends: local(m.ends_at),
            status: m.status,
        })
        .collect())
}

/// The person a feed token belongs to, as an actor (inactive accounts get nothing).
pub async fn actor_for_token(db: &impl ConnectionTrait, token: &str) -> Result<Actor, AppError> {
    if token.len() < 20 {
        return Ok(Actor::anonymous());
    }
    let Some(u) = user::Entity::find().filter(user::Column::CalendarToken.eq(token)).one(db).await? else { return Ok(Actor::anonymous()) };
    Ok(super::auth::load_actor(db, u.id, u.session_epoch).await?.unwrap_or_default())
}

/// A new secret for the subscription address; the old one stops working at once.
pub async fn reset_token(db: &impl ConnectionTrait, actor: &Actor) -> Result<String, AppError> {
    authorize(actor, Action::EditOwnAccount, &crate::ssr::policy::Scope::Global)?;
    let Some(me) = &actor.user else { return Err(AppError::Unauthenticated) };
    let token = tokens::new_token();
    user::ActiveModel { id: Set(me.id), calendar_token: Set(Some(token.clone())), ..Default::default() }.update(db).await?;
    Ok(token)
}

/// Europe/Stockholm as a VTIMEZONE (CET/CEST, EU rules since 1996), so that clients need not guess.
const STOCKHOLM_VTIMEZONE: &str = "BEGIN:VTIMEZONE\r\nTZID:Europe/Stockholm\r\nBEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\nDTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\nBEGIN:STANDARD\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\nDTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n";

fn host_of(base_url: &str) -> &str {
    base_url.split("://").nth(1).unwrap_or(base_url).split('/').next().unwrap_or("samverkan")
}

fn event(m: &meeting::Model, forum_name: &str, base_url: &str) -> Event {
    let tz = |t| CalendarDateTime::WithTimezone { date_time: local(t), tzid: "Europe/Stockholm".into() };
    let page = format!("{base_url}/meetings/{}", m.id);
    let mut e = Event::new();
    e.uid(&format!("meeting-{}@{}", m.id, host_of(base_url)))
        .summary(&format!("{forum_name}: {}", m.title))
        .starts(tz(m.starts_at))
        .ends(tz(m.ends_at))
        .timestamp(m.updated_at)
        .last_modified(m.updated_at)
        .status(match m.status.as_str() {
            "cancelled" => EventStatus::Cancelled,
            "proposed" => EventStatus::Tentative,
            _ => EventStatus::Confirmed,
        });
    let mut description = page.clone();
    if let Some(reason) = m.cancel_reason.as_deref().filter(|_| m.status == "cancelled") {
        description = format!("{reason}\n\n{description}");
    }
    e.description(&description);
    match (&m.place, &m.online_url) {
        (Some(p), Some(u)) => e.location(&format!("{p} / {u}")).url(u),
        (Some(p), None) => e.location(p).url(&page),
        (None, Some(u)) => e.location(u).url(u),
        (None, None) => e.url(&page),
    };
    e.done()
}

fn calendar(name: &str, events: Vec<Event>) -> String {
    let mut cal = Calendar::empty();
    for (k, v) in [("VERSION", "2.0"), ("PRODID", "-//E-halsomyndigheten//Samverkan//SV"), ("CALSCALE", "GREGORIAN"), ("METHOD", "PUBLISH")] {
        cal.append_property(icalendar::Property::new(k, v));
    }
    cal.name(name).timezone("Europe/Stockholm");
    if let Ok(tz) = STOCKHOLM_VTIMEZONE.parse::<CalendarComponent>() {
        cal.push(tz);
    }
    for e in events {
        cal.push(e);
    }
    cal.done().to_string()
}

/// The feed of every forum the actor may see, or of one forum. Unknown and hidden forums are `NotFound`.
pub async fn feed(db: &impl ConnectionTrait, actor: &Actor, base_url: &str, forum_slug: Option<&str>) -> Result<String, AppError> {
    let mut forums = visible_forums(db, actor).await?;
    if let Some(slug) = forum_slug {
        forums.retain(|f| f.slug == slug);
        if forums.is_empty() {
            return Err(AppError::NotFound);
        }
    }
    let since = Utc::now() - Duration::days(FEED_PAST_DAYS);
    let rows = if forums.is_empty() {
        vec![]
    } else {
        meeting::Entity::find()
            .filter(meeting::Column::ForumId.is_in(forums.iter().map(|f| f.id)))
            .filter(meeting::Column::StartsAt.gte(since))
            .order_by_asc(meeting::Column::StartsAt)
            .limit(MAX_MEETINGS)
            .all(db)
            .await?
    };
    let events = rows.iter().filter_map(|m| forums.iter().find(|f| f.id == m.forum_id).map(|f| event(m, &f.name, base_url))).collect();
    let name = match (forum_slug, forums.first()) {
        (Some(_), Some(f)) => format!("Samverkan – {}", f.name),
        _ => "Samverkan".into(),
    };
    Ok(calendar(&name, events))
}

/// One meeting as a calendar file.
pub async fn meeting_ics(db: &impl ConnectionTrait, actor: &Actor, base_url: &str, id: i32) -> Result<String, AppError> {
    let (m, f) = meeting_and_forum(db, id).await?;
    authorize(actor, Action::ViewForum, &forum_scope(&f))?;
    Ok(calendar(&f.name, vec![event(&m, &f.name, base_url)]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_parse_or_fall_back_to_now() {
        assert_eq!(parse_month("2023-09"), (2023, 9));
        let now = local(Utc::now()).date();
        assert_eq!(parse_month("2023-13"), (now.year(), now.month()));
        assert_eq!(parse_month("nonsense"), (now.year(), now.month()));
    }

    #[test]
    fn the_timezone_block_parses() {
        assert!(STOCKHOLM_VTIMEZONE.parse::<CalendarComponent>().is_ok());
        assert_eq!(host_of("https://samverkan.example.se/x"), "samverkan.example.se");
    }
}
