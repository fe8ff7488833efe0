//! Full-text search over what the reader may read: SQLite FTS5 (prefix matches) or PostgreSQL's
//! Swedish text search, ranked, with highlighted snippets. The documents are kept by triggers
//! (migration `search`); who may read them is decided here, from the forums the policy lets the
//! reader see and the publication state of agendas and summaries.
use std::collections::HashMap;

use sea_orm::{ConnectionTrait, DatabaseBackend, Statement};

use super::calendar::visible_forums;
use crate::error::AppError;
use crate::search::dto::{Hit, SearchPage};
use crate::ssr::mail::escape;
use crate::ssr::policy::Actor;

pub const PAGE_SIZE: u64 = 20;
const START: char = '\u{1}';
const STOP: char = '\u{2}';

/// The words of a query (letters and digits, lower-cased), at most 12.
pub fn words(q: &str) -> Vec<String> {
    q.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(|w| w.to_lowercase()).take(12).collect()
}

/// An FTS5 query: every word, each also as a prefix ("anslut" finds "anslutning").
pub fn fts5_query(words: &[String]) -> String {
    words.iter().map(|w| format!("\"{w}\"*")).collect::<Vec<_>>().join(" ")
}

/// Escape a snippet and turn the database's markers into `<mark>`.
pub fn snippet_html(raw: &str) -> String {
    escape(raw).replace(START, "<mark>").replace(STOP, "</mark>")
}

/// Rows the reader may see: their forums, items and agenda comments only once the agenda is
/// published, summary comments only once the summary is.
const VISIBLE: &str = "(d.kind <> 'item' OR m.agenda_published_at IS NOT NULL) \
     AND (d.kind <> 'comment' OR d.target_kind NOT IN ('agenda', 'item') OR m.agenda_published_at IS NOT NULL) \
     AND (d.kind <> 'comment' OR d.target_kind <> 'summary' OR s.state = 'published')";

pub async fn search(db: &impl ConnectionTrait, actor: &Actor, q: &str, page: u64) -> Result<SearchPage, AppError> {
    let q = q.trim().chars().take(200).collect::<String>();
    let ws = words(&q);
    let forums = visible_forums(db, actor).await?;
    if ws.is_empty() || forums.is_empty() {
        return Ok(SearchPage { q, pages: 1, ..Default::default() });
    }
    let names: HashMap<i64, String> = forums.iter().map(|f| (i64::from(f.id), f.name.clone())).collect();
    // Ids come from the database as integers: safe to write into the statement.
    let ids = forums.iter().map(|f| f.id.to_string()).collect::<Vec<_>>().join(",");
    let backend = db.get_database_backend();
    let joins = "LEFT JOIN meetings m ON m.id = d.meeting_id LEFT JOIN summaries s ON s.meeting_id = d.meeting_id";
    let (from, matches, snippet, rank, param) = match backend {
        DatabaseBackend::Postgres => (
            format!("search_documents d CROSS JOIN websearch_to_tsquery('swedish', $1) query {joins}"),
            "d.tsv @@ query".to_string(),
            "ts_headline('swedish', d.body, query, 'StartSel=' || chr(1) || ', StopSel=' || chr(2) || ', MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=\" … \"')".to_string(),
            "ts_rank(d.tsv, query) DESC".to_string(),
            ws.join(" "),
        ),
        _ => (
            format!("search_fts JOIN search_documents d ON d.id = search_fts.rowid {joins}"),
            "search_fts MATCH ?".to_string(),
            "snippet(search_fts, -1, char(1), char(2), '…', 24)".to_string(),
            "bm25(search_fts, 4.0, 1.0)".to_string(),
            fts5_query(&ws),
        ),
    };
    let filter = format!("{matches} AND d.forum_id IN ({ids}) AND {VISIBLE}");
    let count_sql = format!("SELECT COUNT(*) AS n FROM {from} WHERE {filter}");
    let total = db
        .query_one(Statement::from_sql_and_values(backend, &count_sql, [param.clone().into()]))
        .await?
        .and_then(|r| r.try_get::<i64>("", "n").ok())
        .unwrap_or(0) as u64;
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    let page = page.min(pages - 1);
    let sql = format!(
        "SELECT d.kind AS kind, d.title AS title, d.url AS url, d.forum_id AS forum_id, {snippet} AS snip FROM {from} WHERE {filter} ORDER BY {rank}, d.id DESC LIMIT {PAGE_SIZE} OFFSET {}",
        page * PAGE_SIZE
    );
    let rows = db.query_all(Statement::from_sql_and_values(backend, &sql, [param.into()])).await?;
    let mut hits = Vec::with_capacity(rows.len());
    for r in rows {
        let forum_id: i64 = r.try_get::<i32>("", "forum_id").map(i64::from).or_else(|_| r.try_get::<i64>("", "forum_id"))?;
        hits.push(Hit {
            kind: r.try_get("", "kind")?,
            title: r.try_get("", "title")?,
            snippet_html: snippet_html(&r.try_get::<String>("", "snip")?),
            url: r.try_get("", "url")?,
            forum: names.get(&forum_id).cloned().unwrap_or_default(),
        });
    }
    Ok(SearchPage { q, hits, total, page, pages })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_words_with_prefixes_and_snippets_are_escaped() {
        assert_eq!(words("Anslutning, NLL!  \"vård\" OR x*"), vec!["anslutning", "nll", "vård", "or", "x"]);
        assert_eq!(fts5_query(&words("anslut NLL")), "\"anslut\"* \"nll\"*");
        assert_eq!(snippet_html("<b>\u{1}NLL\u{2}</b>"), "&lt;b&gt;<mark>NLL</mark>&lt;/b&gt;");
    }
}
