//! Meeting summaries: draft (secretariat) → optional review by named reviewers → published and
//! locked. Corrections are new revisions with a reason; every revision is kept and can be compared.

use chrono::Utc;
use entity::{forum, forum_membership, meeting, organisation, summary, summary_reviewer, summary_revision, user};
use sea_orm::sea_query::Order;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, JoinType, QueryFilter, QueryOrder, QuerySelect, RelationDef, Set, TransactionTrait};

use super::forums::forum_scope;
use super::meetings::{local, meeting_and_forum};
use crate::error::{AppError, Validator};
use crate::i18n::{format_datetime, Lang, K};
use crate::ssr::policy::{authorize, can, Action, Actor, Scope};
use crate::ssr::{mail, markdown};
use crate::summaries::dto::{DiffLine, DiffPage, DiffTag, NewActionView, ReviewerChoice, RevisionView, SummaryPage};

pub const MAX_LEN: usize = 100_000;

pub async fn scope(db: &impl ConnectionTrait, f: &forum::Model, s: &summary::Model) -> Result<Scope, AppError> {
    let reviewers = if s.state == "review" { reviewers_of(db, s.id).await?.into_iter().map(|(id, _)| id).collect() } else { vec![] };
    Ok(scope_with(f, s, reviewers))
}

/// The policy's view of a summary; named reviewers count only during the review round.
fn scope_with(f: &forum::Model, s: &summary::Model, reviewers: Vec<i32>) -> Scope {
    let reviewers = if s.state == "review" { reviewers } else { vec![] };
    Scope::Summary { forum: f.id, public: f.visibility == "public", published: s.state == "published", reviewers }
}

/// A summary's reviewers with their names (one statement).
async fn reviewers_of(db: &impl ConnectionTrait, summary_id: i32) -> Result<Vec<(i32, String)>, AppError> {
    Ok(summary_reviewer::Entity::find()
        .select_only()
        .column(summary_reviewer::Column::UserId)
        .column(user::Column::Name)
        .join(JoinType::InnerJoin, summary_reviewer::Entity::belongs_to(user::Entity).from(summary_reviewer::Column::UserId).to(user::Column::Id).into())
        .filter(summary_reviewer::Column::SummaryId.eq(summary_id))
        .into_tuple()
        .all(db)
        .await?)
}

async fn find(db: &impl ConnectionTrait, meeting_id: i32) -> Result<Option<summary::Model>, AppError> {
    Ok(summary::Entity::find().filter(summary::Column::MeetingId.eq(meeting_id)).one(db).await?)
}

/// The first draft: a heading per agenda item (what was discussed), then decisions. New actions
/// and the next meeting are not copied: the page shows them live.
pub fn template(lang: Lang, item_titles: &[String]) -> String {
    let mut out = String::new();
    for t in item_titles {
        out.push_str(&format!("## {t}\n\n\n"));
    }
    out.push_str(&format!("## {}\n\n", K::SummaryDecisions.in_lang(lang)));
    out
}

pub async fn page(db: &impl ConnectionTrait, actor: &Actor, lang: Lang, meeting_id: i32) -> Result<SummaryPage, AppError> {
    let super::meetings::Around { m, f, s, next, .. } = super::meetings::with_neighbours(db, meeting_id).await?;
    authorize(actor, Action::ViewForum, &forum_scope(&f))?;
    let manage = can(actor, Action::ManageSummary, &forum_scope(&f));
    // The reviewers and the revisions' authors come with their names.
    let (all_reviewers, all_revisions) = match &s {
        Some(s) => reviewers_and_revisions(db, s.id).await?,
        None => (vec![], vec![]),
    };
    let (state, body_html, editable, i_am_reviewer) = match &s {
        None => {
            let editable = if manage {
                let titles = super::agenda::items_of(db, m.id).await?.into_iter().map(|i| i.title).collect::<Vec<_>>();
                Some(template(lang, &titles))
            } else {
                None
            };
            ("none".to_string(), String::new(), editable, false)
        }
        Some(s) => {
            let sc = scope_with(&f, s, all_reviewers.iter().map(|(id, _)| *id).collect());
            let reviewer = matches!(&sc, Scope::Summary { reviewers, .. } if actor.user_id().is_some_and(|u| reviewers.contains(&u)));
            let readable = can(actor, Action::ReadSummary, &sc);
            let html = if readable { markdown::render(&s.body) } else { String::new() };
            (if readable || s.state == "published" { s.state.clone() } else { "none".into() }, html, manage.then(|| s.body.clone()), reviewer)
        }
    };
    let readable = state != "none";
    let revisions = if readable { all_revisions } else { vec![] };
    let reviewer_rows = if readable { all_reviewers } else { vec![] };
    let reviewer_choices = if manage && s.as_ref().is_none_or(|s| s.state != "published") {
        let chosen: Vec<i32> = reviewer_rows.iter().map(|(id, _)| *id).collect();
        forum_people(db, f.id).await?.into_iter().map(|(id, name, organisation)| ReviewerChoice { chosen: chosen.contains(&id), id, name, organisation }).collect()
    } else {
        vec![]
    };
    let new_actions = if readable {
        super::actions::raised_at(db, m.id)
            .await?
            .into_iter()
            .map(|r| NewActionView { url: format!("/forums/{}/actions/{}", f.slug, r.number), number: r.number, title: r.title, owner: r.owner, state: r.state, end_date: r.end_date })
            .collect()
    } else {
        vec![]
    };
    let materials = if readable { super::materials::for_meeting(db, actor, &m, &f).await?.into_iter().map(|(_, v)| v).collect() } else { vec![] };
    let thread = match &s {
        Some(s) if readable => super::comments::thread(db, actor, &f, "summary", m.id, s.state != "draft").await?,
        _ => Default::default(),
    };
    Ok(SummaryPage {
        meeting_id: m.id,
        meeting_title: m.title.clone(),
        starts: local(m.starts_at),
        ends: local(m.ends_at),
        forum_name: f.name.clone(),
        forum_slug: f.slug.clone(),
        state,
        body_html,
        editable,
        published_at: s.as_ref().and_then(|s| s.published_at).filter(|_| readable).map(local),
        revised_at: s.as_ref().and_then(|s| s.revised_at).filter(|_| readable).map(local),
        revisions,
        reviewers: reviewer_rows.into_iter().map(|(_, name)| name).collect(),
        reviewer_choices,
        new_actions,
        next_meeting: if readable { next.map(super::meetings::row) } else { None },
        materials,
        thread,
        can_manage: manage,
        i_am_reviewer,
    })
}

/// A revision with its author's name, read in the same statement.
#[derive(FromQueryResult)]
struct WithAuthor {
    #[sea_orm(nested)]
    r: summary_revision::Model,
    author_name: Option<String>,
}

/// A summary's revisions by number, with their authors' names (one statement).
async fn revisions_of(db: &impl ConnectionTrait, summary_id: i32, order: Order) -> Result<Vec<(summary_revision::Model, Option<String>)>, AppError> {
    let to_author: RelationDef = summary_revision::Entity::belongs_to(user::Entity).from(summary_revision::Column::AuthorId).to(user::Column::Id).into();
    Ok(summary_revision::Entity::find()
        .column_as(user::Column::Name, "author_name")
        .join(JoinType::LeftJoin, to_author)
        .filter(summary_revision::Column::SummaryId.eq(summary_id))
        .order_by(summary_revision::Column::Number, order)
        .into_model::<WithAuthor>()
        .all(db)
        .await?
        .into_iter()
        .map(|w| (w.r, w.author_name))
        .collect())
}

/// For the summary page, in one statement: the reviewers (id, name) and the revisions newest
/// first as the page lists them (number, time, author, reason; the texts are not read).
async fn reviewers_and_revisions(db: &impl ConnectionTrait, summary_id: i32) -> Result<(Vec<(i32, String)>, Vec<RevisionView>), AppError> {
    use super::side::{col, side, sides, SideCols};
    use sea_orm::sea_query::Expr;
    use summary_reviewer::Column as R;
    use summary_revision::Column as V;
    let name = col((user::Entity, user::Column::Name));
    let reviewers = side("r", SideCols { id: col((summary_reviewer::Entity, R::UserId)), text: name.clone(), ..Default::default() })
        .from(summary_reviewer::Entity)
        .inner_join(user::Entity, Expr::col((user::Entity, user::Column::Id)).equals((summary_reviewer::Entity, R::UserId)))
        .and_where(Expr::col((summary_reviewer::Entity, R::SummaryId)).eq(summary_id))
        .to_owned();
    let cols = SideCols { id: col((summary_revision::Entity, V::Number)), at: col((summary_revision::Entity, V::CreatedAt)), text: name, from: col((summary_revision::Entity, V::Reason)), ..Default::default() };
    let revisions = side("v", cols)
        .from(summary_revision::Entity)
        .left_join(user::Entity, Expr::col((user::Entity, user::Column::Id)).equals((summary_revision::Entity, V::AuthorId)))
        .and_where(Expr::col((summary_revision::Entity, V::SummaryId)).eq(summary_id))
        .to_owned();
    let (mut people, mut revs) = (vec![], vec![]);
    for r in sides(db, vec![reviewers, revisions]).await? {
        match (r.kind.as_str(), r.at) {
            ("r", _) => people.push((r.id, r.text.unwrap_or_default())),
            ("v", Some(at)) => revs.push(RevisionView { number: r.id, at: local(at), author: r.text.unwrap_or_default(), reason: r.from }),
            _ => {}
        }
    }
    revs.sort_by_key(|v| std::cmp::Reverse(v.number));
    Ok((people, revs))
}

fn revision_view(r: &summary_revision::Model, author: Option<String>) -> RevisionView {
    RevisionView { number: r.number, at: local(r.created_at), author: author.unwrap_or_default(), reason: r.reason.clone() }
}

/// The forum's people (id, name, organisation), by name.
async fn forum_people(db: &impl ConnectionTrait, forum_id: i32) -> Result<Vec<(i32, String, String)>, AppError> {
    let ids: Vec<i32> = forum_membership::Entity::find().filter(forum_membership::Column::ForumId.eq(forum_id)).all(db).await?.into_iter().map(|m| m.user_id).collect();
    Ok(user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .filter(user::Column::Active.eq(true))
        .find_also_related(organisation::Entity)
        .order_by_asc(user::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|(u, o)| (u.id, u.name, o.map(|o| o.name).unwrap_or_default()))
        .collect())
}

async fn managed(db: &impl ConnectionTrait, actor: &Actor, meeting_id: i32) -> Result<(meeting::Model, forum::Model), AppError> {
    let (m, f) = meeting_and_forum(db, meeting_id).await?;
    authorize(actor, Action::ManageSummary, &forum_scope(&f))?;
    Ok((m, f))
}

fn check_body(body: &str) -> Result<String, AppError> {
    let mut v = Validator::new();
    let text = v.required("body", body, MAX_LEN);
    v.finish(&[("body", body)])?;
    Ok(text)
}

/// Save the draft (creating the summary on first save). A published summary is locked.
pub async fn save_draft(db: &impl ConnectionTrait, actor: &Actor, meeting_id: i32, body: &str) -> Result<(), AppError> {
    let (m, _) = managed(db, actor, meeting_id).await?;
    let text = check_body(body)?;
    let now = Utc::now();
    match find(db, m.id).await? {
        Some(s) if s.state == "published" => return Err(AppError::form(K::ErrSummaryLocked).with_values(&[("body", body)])),
        Some(s) => {
            summary::ActiveModel { id: Set(s.id), body: Set(text), updated_at: Set(now), ..Default::default() }.update(db).await?;
        }
        None => {
            summary::ActiveModel { meeting_id: Set(m.id), state: Set("draft".into()), body: Set(text), created_at: Set(now), updated_at: Set(now), ..Default::default() }
                .insert(db)
                .await?;
        }
    }
    Ok(())
}

/// Send the draft to named reviewers (people of the forum); they are mailed and may read and comment.
pub async fn start_review<C: ConnectionTrait + TransactionTrait>(db: &C, actor: &Actor, base_url: &str, meeting_id: i32, reviewers: &[i32]) -> Result<usize, AppError> {
    let (m, f) = managed(db, actor, meeting_id).await?;
    let s = find(db, m.id).await?.ok_or_else(|| AppError::form(K::ErrSummaryEmpty))?;
    if s.state == "published" {
        return Err(AppError::form(K::ErrSummaryLocked));
    }
    let allowed: std::collections::HashSet<i32> = forum_people(db, f.id).await?.into_iter().map(|(id, ..)| id).collect();
    let chosen: Vec<i32> = reviewers.iter().copied().filter(|r| allowed.contains(r)).collect();
    if chosen.is_empty() {
        return Err(AppError::field("reviewers", K::ErrChooseReviewers));
    }
    let txn = super::begin_write(db).await?;
    summary_reviewer::Entity::delete_many().filter(summary_reviewer::Column::SummaryId.eq(s.id)).exec(&txn).await?;
    for r in &chosen {
        summary_reviewer::ActiveModel { summary_id: Set(s.id), user_id: Set(*r), ..Default::default() }.insert(&txn).await?;
    }
    let now = Utc::now();
    summary::ActiveModel { id: Set(s.id), state: Set("review".into()), review_started_at: Set(Some(now)), updated_at: Set(now), ..Default::default() }.update(&txn).await?;
    let link = format!("{base_url}/meetings/{}/summary", m.id);
    let people = user::Entity::find().filter(user::Column::Id.is_in(chosen.clone())).all(&txn).await?;
    let aud = super::notify::audience(&txn, f.id, &people).await?;
    for u in &people {
        let lang = Lang::from_code(&u.language);
        let subject = format!("{}: {}, {}", K::MailSummaryReviewSubject.in_lang(lang), f.name, format_datetime(lang, local(m.starts_at)));
        super::notify::deliver(&txn, base_url, &aud, u, &f, "review", mail::compose_list(lang, subject, &u.name, K::MailSummaryReviewBody, std::slice::from_ref(&m.title), &link), &link).await?;
    }
    let names: Vec<&str> = people.iter().map(|u| u.name.as_str()).collect();
    super::audit::record(&txn, actor, "summary.review", &format!("meeting:{}", m.id), &names.join(", ")).await?;
    txn.commit().await?;
    Ok(people.len())
}

/// Publish: revision 1, locked, the meeting marked "summary published", and a mail to every member
/// with the text and links to the materials (same transaction).
pub async fn publish<C: ConnectionTrait + TransactionTrait>(db: &C, actor: &Actor, base_url: &str, meeting_id: i32) -> Result<usize, AppError> {
    let (m, f) = managed(db, actor, meeting_id).await?;
    let s = find(db, m.id).await?.ok_or_else(|| AppError::form(K::ErrSummaryEmpty))?;
    if s.state == "published" {
        return Err(AppError::form(K::ErrSummaryLocked));
    }
    if m.status == "cancelled" {
        return Err(AppError::form(K::ErrMeetingCancelled));
    }
    let now = Utc::now();
    let txn = super::begin_write(db).await?;
    summary_revision::ActiveModel { summary_id: Set(s.id), number: Set(1), body: Set(s.body.clone()), reason: Set(None), author_id: Set(actor.user_id()), created_at: Set(now), ..Default::default() }
        .insert(&txn)
        .await?;
    summary::ActiveModel { id: Set(s.id), state: Set("published".into()), published_at: Set(Some(now)), updated_at: Set(now), ..Default::default() }.update(&txn).await?;
    meeting::ActiveModel { id: Set(m.id), status: Set("summary_published".into()), updated_at: Set(now), ..Default::default() }.update(&txn).await?;
    let materials: Vec<String> = super::materials::for_meeting(&txn, actor, &m, &f).await?.into_iter().map(|(_, v)| format!("{}: {base_url}{}", v.file_name, v.url)).collect();
    let link = format!("{base_url}/meetings/{}/summary", m.id);
    let mut queued = 0;
    let people = super::forums::recipients(&txn, f.id, None).await?;
    let aud = super::notify::audience(&txn, f.id, &people).await?;
    for u in &people {
        let lang = Lang::from_code(&u.language);
        let subject = format!("{}: {}, {}", K::MailSummarySubject.in_lang(lang), f.name, format_datetime(lang, local(m.starts_at)));
        let mail = mail::compose_markdown(lang, subject, &u.name, K::MailSummaryBody, &s.body, &materials, &link);
        if super::notify::deliver(&txn, base_url, &aud, u, &f, "summary", mail, &link).await? {
            queued += 1;
        }
    }
    super::audit::record(&txn, actor, "summary.published", &format!("meeting:{}", m.id), &format!("{}, {queued} mails", m.title)).await?;
    txn.commit().await?;
    Ok(queued)
}

/// Correct a published summary: a new revision with a reason; the earlier ones stay.
pub async fn revise<C: ConnectionTrait + TransactionTrait>(db: &C, actor: &Actor, meeting_id: i32, body: &str, reason: &str) -> Result<i32, AppError> {
    let (m, _) = managed(db, actor, meeting_id).await?;
    let s = find(db, m.id).await?.filter(|s| s.state == "published").ok_or(AppError::NotFound)?;
    let keep = [("body", body), ("reason", reason)];
    let mut v = Validator::new();
    let text = v.required("body", body, MAX_LEN);
    let why = v.required("reason", reason, 1000);
    if !text.is_empty() && text == s.body {
        v.add("body", K::ErrNothingChanged);
    }
    v.finish(&keep)?;
    let last = summary_revision::Entity::find().filter(summary_revision::Column::SummaryId.eq(s.id)).order_by_desc(summary_revision::Column::Number).one(db).await?;
    let number = last.map(|r| r.number).unwrap_or(0) + 1;
    let now = Utc::now();
    let txn = super::begin_write(db).await?;
    summary_revision::ActiveModel { summary_id: Set(s.id), number: Set(number), body: Set(text.clone()), reason: Set(Some(why.clone())), author_id: Set(actor.user_id()), created_at: Set(now), ..Default::default() }
        .insert(&txn)
        .await?;
    summary::ActiveModel { id: Set(s.id), body: Set(text), revised_at: Set(Some(now)), updated_at: Set(now), ..Default::default() }.update(&txn).await?;
    super::audit::record(&txn, actor, "summary.revised", &format!("meeting:{}", m.id), &format!("revision {number}: {why}")).await?;
    txn.commit().await?;
    Ok(number)
}

/// Compare two revisions line by line, marking changed words within lines.
pub async fn diff(db: &impl ConnectionTrait, actor: &Actor, meeting_id: i32, from: i32, to: i32) -> Result<DiffPage, AppError> {
    let (m, f, s) = super::meetings::with_forum_and_summary(db, meeting_id).await?;
    let s = s.ok_or(AppError::NotFound)?;
    authorize(actor, Action::ReadSummary, &scope(db, &f, &s).await?)?;
    let revisions = revisions_of(db, s.id, Order::Asc).await?;
    let pick = |n: i32| revisions.iter().find(|(r, _)| r.number == n).ok_or(AppError::NotFound);
    let ((a, a_author), (b, b_author)) = (pick(from)?, pick(to)?);
    Ok(DiffPage {
        meeting_id: m.id,
        meeting_title: m.title,
        from: revision_view(a, a_author.clone()),
        to: revision_view(b, b_author.clone()),
        lines: diff_lines(&a.body, &b.body),
        numbers: revisions.iter().map(|(r, _)| r.number).collect(),
    })
}

/// A readable comparison: unchanged, removed and added lines, with the changed words marked.
pub fn diff_lines(old: &str, new: &str) -> Vec<DiffLine> {
    use similar::{ChangeTag, TextDiff};
    let diff = TextDiff::from_lines(old, new);
    let mut out = Vec::new();
    for op in diff.ops() {
        for change in diff.iter_inline_changes(op) {
            let tag = match change.tag() {
                ChangeTag::Equal => DiffTag::Same,
                ChangeTag::Delete => DiffTag::Removed,
                ChangeTag::Insert => DiffTag::Added,
            };
            let parts = change.iter_strings_lossy().map(|(emph, s)| (emph, s.trim_end_matches('\n').to_string())).filter(|(_, s)| !s.is_empty()).collect();
            out.push(DiffLine { tag, parts });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_marks_changed_lines_and_words() {
        let old = "## Utvärdering\n\n5 av 18 har svarat.\n\n## Beslut\n";
        let new = "## Utvärdering\n\n6 av 18 har svarat.\n\n## Beslut\n\nNästa möte 8 december.\n";
        let lines = diff_lines(old, new);
        let removed: Vec<_> = lines.iter().filter(|l| l.tag == DiffTag::Removed).collect();
        let added: Vec<_> = lines.iter().filter(|l| l.tag == DiffTag::Added).collect();
        assert_eq!(removed.len(), 1);
        assert!(removed[0].parts.iter().any(|(emph, s)| *emph && s.contains('5')), "{removed:?}");
        assert!(added.iter().any(|l| l.parts.iter().any(|(emph, s)| *emph && s.contains('6'))), "{added:?}");
        assert!(added.iter().any(|l| l.parts.iter().any(|(_, s)| s.contains("Nästa möte 8 december."))));
        assert_eq!(lines.iter().filter(|l| l.tag == DiffTag::Same).count(), 4, "{lines:?}");
    }

    #[test]
    fn the_template_has_a_section_per_item_and_decisions() {
        let t = template(Lang::Sv, &["Utvärdering".into(), "Laget runt".into()]);
        assert!(t.starts_with("## Utvärdering\n"));
        assert!(t.contains("## Laget runt\n"));
        assert!(t.contains("## Beslut"));
    }
}
