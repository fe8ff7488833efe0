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
/// Hits ranked per search. Beyond it, only the most recent `CAP` matches are ranked and the count
/// says "more than": scoring every match of a common word cost 290 ms at the bench scale.
pub const CAP: u64 = 1000;
/// Words of text around the first match in a snippet.
const SNIPPET_WORDS: usize = 24;

/// The words of a query (letters and digits, lower-cased), at most 12.
pub fn words(q: &str) -> Vec<String> {
    q.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(|w| w.to_lowercase()).take(12).collect()
}

/// A word as an FTS5 prefix phrase ("anslut" finds "anslutning"). Words are letters and digits
/// only, so nothing in it can be FTS5 syntax.
pub fn prefix_phrase(word: &str) -> String {
    format!("\"{word}\"*")
}

/// Indexed terms a query word may stand for before it is left to FTS5's own prefix match.
pub const EXPANSION: u64 = 64;

/// SQLite: the FTS5 query as SQL, made in the statement itself from the index's vocabulary
/// (`search_fts_vocab`), with its values in their order: each word becomes the OR of the indexed
/// terms that start with it, the words joined by AND. FTS5 walks such a query lazily, newest
/// first, while a prefix query first merges the whole lists of every term it matches, and
/// `bm25()` merges them again to count: 15.4 against 10.5 ms for the bench's word (bench/why.md).
/// A word with no term keeps its prefix phrase (it matches nothing), and so does one with more
/// than `EXPANSION` terms. Terms are compared as bytes, and every term that starts with the word
/// sorts before the word followed by the highest character.
fn sqlite_match(words: &[String]) -> (String, Vec<sea_orm::Value>) {
    let word = format!(
        "(SELECT CASE WHEN COUNT(*) BETWEEN 1 AND {EXPANSION} THEN '(' || group_concat('\"' || term || '\"', ' OR ') || ')' ELSE ? END \
         FROM (SELECT term FROM search_fts_vocab WHERE term >= ? AND term < ? LIMIT {}))",
        EXPANSION + 1
    );
    let values = words.iter().flat_map(|w| [prefix_phrase(w), w.clone(), format!("{w}{}", char::MAX)]).map(Into::into).collect();
    (vec![word; words.len()].join(" || ' AND ' || "), values)
}

/// About `SNIPPET_WORDS` words of `text` from just before the first word that starts with a query
/// word, escaped, with `<mark>` around every such word. Made here rather than by the database so
/// that only the shown page's rows are read, the same way on both backends.
pub fn snippet_html(text: &str, query: &[String]) -> String {
    let spans: Vec<(usize, usize)> = {
        let mut v = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices() {
            match (c.is_alphanumeric(), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    v.push((s, i));
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            v.push((s, text.len()));
        }
        v
    };
    let hit = |&(s, e): &(usize, usize)| {
        let w = text[s..e].to_lowercase();
        query.iter().any(|q| w.starts_with(q.as_str()))
    };
    let first = spans.iter().position(hit).unwrap_or(0);
    let from = first.saturating_sub(6);
    let to = (from + SNIPPET_WORDS).min(spans.len());
    // Text between words, with each run of white space (line breaks) as one space, escaped.
    let between = |a: usize, b: usize| {
        let mut gap = String::new();
        for c in text[a..b].chars() {
            match (c.is_whitespace(), gap.ends_with(' ')) {
                (true, true) => {}
                (true, false) => gap.push(' '),
                (false, _) => gap.push(c),
            }
        }
        escape(&gap)
    };
    let Some(&(_, last_end)) = spans.get(to.saturating_sub(1)) else {
        return escape(text.trim());
    };
    let mut out = if from > 0 { "… ".to_string() } else { between(0, spans[0].0).trim_start().to_string() };
    for i in from..to {
        if i > from {
            out.push_str(&between(spans[i - 1].1, spans[i].0));
        }
        let word = escape(&text[spans[i].0..spans[i].1]);
        if hit(&spans[i]) {
            out.push_str(&format!("<mark>{word}</mark>"));
        } else {
            out.push_str(&word);
        }
    }
    if to < spans.len() {
        out.push_str(" …");
    } else {
        out.push_str(between(last_end, text.len()).trim_end());
    }
    out
}

/// Rows the reader may see: their forums, items and agenda comments only once the agenda is
/// published, summary comments only once the summary is.
const VISIBLE: &str = "(d.kind <> 'item' OR m.agenda_published_at IS NOT NULL) \
     AND (d.kind <> 'comment' OR d.target_kind NOT IN ('agenda', 'item') OR m.agenda_published_at IS NOT NULL) \
     AND (d.kind <> 'comment' OR d.target_kind <> 'summary' OR s.state = 'published')";

/// One statement: the newest `CAP + 1` visible matches with their score (lower is better), their
/// number, and the page of them in score order with the shown columns.
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
    let (from, matches, score, newest, values) = match backend {
        DatabaseBackend::Postgres => (
            format!("search_documents d CROSS JOIN websearch_to_tsquery('swedish', $1) query {joins}"),
            "d.tsv @@ query".to_string(),
            "-ts_rank(d.tsv, query)",
            "d.id DESC",
            vec![ws.join(" ").into()],
        ),
        // FTS5 walks its rowids backwards itself; bm25 is then computed for the kept rows only.
        _ => {
            let (query, values) = sqlite_match(&ws);
            (
                format!("search_fts JOIN search_documents d ON d.id = search_fts.rowid {joins}"),
                format!("search_fts MATCH {query}"),
                "bm25(search_fts, 4.0, 1.0)",
                "search_fts.rowid DESC",
                values,
            )
        }
    };
    let run = |page: u64| {
        let sql = format!(
            "WITH c AS (SELECT d.id AS id, {score} AS score FROM {from} WHERE {matches} AND d.forum_id IN ({ids}) AND {VISIBLE} ORDER BY {newest} LIMIT {}) \
             SELECT d.kind AS kind, d.title AS title, d.body AS body, d.url AS url, d.forum_id AS forum_id, (SELECT COUNT(*) FROM c) AS n \
             FROM (SELECT id, score FROM (SELECT id, score FROM c ORDER BY id DESC LIMIT {CAP}) k ORDER BY score, id DESC LIMIT {PAGE_SIZE} OFFSET {}) p \
             JOIN search_documents d ON d.id = p.id \
             ORDER BY p.score, p.id DESC",
            CAP + 1,
            page * PAGE_SIZE
        );
        db.query_all(Statement::from_sql_and_values(backend, sql, values.clone()))
    };
    let mut page = page.min(CAP / PAGE_SIZE - 1);
    let mut rows = run(page).await?;
    let found = |rows: &[sea_orm::QueryResult]| -> Result<u64, sea_orm::DbErr> {
        match rows.first() {
            Some(r) => Ok(r.try_get::<i64>("", "n").or_else(|_| r.try_get::<i32>("", "n").map(i64::from))? as u64),
            None => Ok(0),
        }
    };
    if rows.is_empty() && page > 0 {
        // Past the last page (an old link): the first page says how many there are, then the last.
        rows = run(0).await?;
        page = found(&rows)?.min(CAP).saturating_sub(1) / PAGE_SIZE;
        if page > 0 {
            rows = run(page).await?;
        }
    }
    let found = found(&rows)?;
    let (total, capped) = (found.min(CAP), found > CAP);
    let mut hits = Vec::with_capacity(rows.len());
    for r in rows {
        let forum_id: i64 = r.try_get::<i32>("", "forum_id").map(i64::from).or_else(|_| r.try_get::<i64>("", "forum_id"))?;
        hits.push(Hit {
            kind: r.try_get("", "kind")?,
            title: r.try_get("", "title")?,
            snippet_html: snippet_html(&r.try_get::<String>("", "body")?, &ws),
            url: r.try_get("", "url")?,
            forum: names.get(&forum_id).cloned().unwrap_or_default(),
        });
    }
    Ok(SearchPage { q, hits, total, capped, page, pages: total.div_ceil(PAGE_SIZE).max(1) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_words_with_prefixes_and_snippets_are_escaped() {
        assert_eq!(words("Anslutning, NLL!  \"vård\" OR x*"), vec!["anslutning", "nll", "vård", "or", "x"]);
        assert_eq!(words("anslut NLL").iter().map(|w| prefix_phrase(w)).collect::<Vec<_>>(), ["\"anslut\"*", "\"nll\"*"]);
        let q = words("nll anslut");
        assert_eq!(snippet_html("<b>NLL</b> och anslutningen", &q), "&lt;b&gt;<mark>NLL</mark>&lt;/b&gt; och <mark>anslutningen</mark>");
        let long = (1..=40).map(|i| format!("ord{i}")).collect::<Vec<_>>().join("\n\n");
        let s = snippet_html(&format!("{long} NLL-anslutning {long}"), &q);
        assert!(s.starts_with("… ord35 ord36") && s.contains("ord40 <mark>NLL</mark>-<mark>anslutning</mark> ord1 ") && s.ends_with(" …"), "{s}");
        assert_eq!(snippet_html("Inget här", &q), "Inget här", "no match: the start of the text");
    }
}
