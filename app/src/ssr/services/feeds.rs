//! The Atom feed (atom_syndication) of published agendas and summaries: the forums the reader may
//! see, that is public forums for anyone and, with the personal token, the person's own forums.
use std::collections::HashMap;

use atom_syndication::{ContentBuilder, EntryBuilder, FeedBuilder, FixedDateTime, LinkBuilder, PersonBuilder, Text};
use chrono::{DateTime, Utc};
use entity::{meeting, summary};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::calendar::visible_forums;
use super::meetings::local;
use crate::error::AppError;
use crate::i18n::{format_date, Lang, K};
use crate::ssr::markdown;
use crate::ssr::policy::Actor;

pub const MAX_ENTRIES: u64 = 50;

struct Item {
    id: String,
    title: String,
    link: String,
    at: DateTime<Utc>,
    html: String,
    forum: String,
}

pub async fn atom(db: &impl ConnectionTrait, actor: &Actor, base_url: &str) -> Result<String, AppError> {
    let lang = Lang::Sv;
    let forums = visible_forums(db, actor).await?;
    let names: HashMap<i32, String> = forums.iter().map(|f| (f.id, f.name.clone())).collect();
    let ids: Vec<i32> = forums.iter().map(|f| f.id).collect();
    let agendas = meeting::Entity::find()
        .filter(meeting::Column::ForumId.is_in(ids.clone()))
        .filter(meeting::Column::AgendaPublishedAt.is_not_null())
        .order_by_desc(meeting::Column::AgendaPublishedAt)
        .limit(MAX_ENTRIES)
        .all(db)
        .await?;
    let summaries = summary::Entity::find()
        .find_also_related(meeting::Entity)
        .filter(summary::Column::State.eq("published"))
        .filter(meeting::Column::ForumId.is_in(ids))
        .order_by_desc(summary::Column::PublishedAt)
        .limit(MAX_ENTRIES)
        .all(db)
        .await?;
    let mut items: Vec<Item> = Vec::new();
    for m in agendas {
        let forum = names.get(&m.forum_id).cloned().unwrap_or_default();
        let date = format_date(lang, local(m.starts_at).date());
        items.push(Item {
            id: format!("{base_url}/meetings/{}#agenda", m.id),
            title: format!("{}: {forum}, {date}", K::FeedAgenda.in_lang(lang)),
            link: format!("{base_url}/meetings/{}", m.id),
            at: m.agenda_published_at.unwrap_or(m.updated_at),
            html: format!("<p>{}</p>", crate::ssr::mail::escape(&m.title)),
            forum,
        });
    }
    for (s, m) in summaries {
        let Some(m) = m else { continue };
        let forum = names.get(&m.forum_id).cloned().unwrap_or_default();
        let date = format_date(lang, local(m.starts_at).date());
        items.push(Item {
            id: format!("{base_url}/meetings/{}/summary", m.id),
            title: format!("{}: {forum}, {date}", K::FeedSummary.in_lang(lang)),
            link: format!("{base_url}/meetings/{}/summary", m.id),
            at: s.revised_at.or(s.published_at).unwrap_or(s.updated_at),
            html: markdown::render(&s.body),
            forum,
        });
    }
    items.sort_by_key(|i| std::cmp::Reverse(i.at));
    items.truncate(MAX_ENTRIES as usize);
    let fixed = |t: DateTime<Utc>| -> FixedDateTime { t.fixed_offset() };
    let updated = items.first().map(|i| i.at).unwrap_or_else(|| DateTime::<Utc>::from_timestamp(0, 0).unwrap_or_default());
    let entries = items
        .into_iter()
        .map(|i| {
            EntryBuilder::default()
                .id(i.id)
                .title(Text::plain(i.title))
                .updated(fixed(i.at))
                .published(Some(fixed(i.at)))
                .author(PersonBuilder::default().name(i.forum).build())
                .link(LinkBuilder::default().href(i.link).rel("alternate").mime_type(Some("text/html".to_string())).build())
                .content(Some(ContentBuilder::default().value(Some(i.html)).content_type(Some("html".to_string())).build()))
                .build()
        })
        .collect::<Vec<_>>();
    let feed = FeedBuilder::default()
        .id(format!("{base_url}/feed.atom"))
        .title(Text::plain(K::FeedTitle.in_lang(lang).to_string()))
        .updated(fixed(updated))
        .link(LinkBuilder::default().href(format!("{base_url}/")).rel("alternate").build())
        .entries(entries)
        .build();
    Ok(feed.to_string())
}
