//! The action list: numbered per forum, owners, dates, an append-only log of dated status notes,
//! a change history of fields, comments, filters and CSV export.
use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use entity::{action, action_change, action_note, action_participant, agenda_item, forum, forum_membership, forum_organisation, meeting, organisation, user};
use sea_orm::sea_query::{Alias, Expr, Func, Query, SelectStatement, SimpleExpr, UnionType};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, FromQueryResult, JoinType, QueryFilter, QueryOrder, QuerySelect, Set, Statement,
    TransactionTrait,
};

use super::forums::{find_by_slug, forum_scope};
use super::side::{col, side, sides, Side, SideCols};
use super::meetings::local;
use crate::actions::dto::{ActionDetail, ActionEdit, ActionFilter, ActionList, ActionRow, ChangeView, Choice, FeedbackAction, FeedbackView, MyAction, NoteView, STATES};
use crate::error::{AppError, Validator};
use crate::i18n::K;
use crate::ssr::markdown;
use crate::ssr::policy::{authorize, can, Action, Actor, Scope};

pub const PAGE_SIZE: u64 = 25;
/// Upper bound of a CSV export or print view.
pub const MAX_EXPORT: u64 = 5000;

const CLOSED: [&str; 2] = ["done", "cancelled"];
/// The feedback item lists at most this many actions; the action list has them all.
pub const FEEDBACK_SHOWN: usize = 30;
/// The newest changes an action's page lists.
const CHANGES_SHOWN: u64 = 200;

fn today() -> NaiveDate {
    local(Utc::now()).date()
}

fn is_overdue(a: &action::Model, today: NaiveDate) -> bool {
    a.end_date.is_some_and(|d| d < today) && !CLOSED.contains(&a.state.as_str())
}

fn search_text(title: &str, description: &str, comment: &str) -> String {
    format!("{title}\n{description}\n{comment}").to_lowercase()
}

/// The next number of a forum, taken in the caller's transaction. The counter row is locked by the
/// update (PostgreSQL) or the database is (SQLite), so concurrent creations get distinct numbers.
pub async fn next_number(db: &impl ConnectionTrait, forum_id: i32) -> Result<i32, AppError> {
    let backend = db.get_database_backend();
    let sql = match backend {
        sea_orm::DatabaseBackend::Postgres => "UPDATE forums SET action_counter = action_counter + 1 WHERE id = $1 RETURNING action_counter",
        _ => "UPDATE forums SET action_counter = action_counter + 1 WHERE id = ? RETURNING action_counter",
    };
    let row = db.query_one(Statement::from_sql_and_values(backend, sql, [forum_id.into()])).await?.ok_or(AppError::NotFound)?;
    Ok(row.try_get::<i32>("", "action_counter")?)
}

/// Names for the people, organisations and agenda items the rows mention.
#[derive(Default)]
struct Names {
    users: HashMap<i32, (String, i32)>,
    orgs: HashMap<i32, String>,
    items: HashMap<i32, String>,
}

impl Names {
    /// The branches that name the people whose id meets `people` (with their organisation, joined
    /// rather than looked up again by subquery) and the organisations whose id meets `orgs`.
    fn branches(people: Condition, orgs: Condition) -> [SelectStatement; 2] {
        let (uid, oid) = ((user::Entity, user::Column::Id), (organisation::Entity, organisation::Column::Id));
        let cols = SideCols {
            id: col(uid),
            a: col((user::Entity, user::Column::OrganisationId)),
            text: col((user::Entity, user::Column::Name)),
            from: col((organisation::Entity, organisation::Column::ShortName)),
            ..Default::default()
        };
        let users = side("u", cols)
            .from(user::Entity)
            .join(JoinType::InnerJoin, organisation::Entity, Expr::col(oid).equals((user::Entity, user::Column::OrganisationId)))
            .cond_where(people)
            .to_owned();
        let orgs = side("o", SideCols { id: col(oid), text: col((organisation::Entity, organisation::Column::ShortName)), ..Default::default() }).from(organisation::Entity).cond_where(orgs).to_owned();
        [users, orgs]
    }

    /// Takes the names out of `rows` (kinds "u", "o" and "i").
    fn take(rows: &[Side]) -> Names {
        let mut names = Names::default();
        for r in rows {
            let text = r.text.clone().unwrap_or_default();
            match r.kind.as_str() {
                "u" => {
                    let org = r.a.unwrap_or_default();
                    if let Some(short) = &r.from {
                        names.orgs.insert(org, short.clone());
                    }
                    names.users.insert(r.id, (text, org));
                }
                "o" => {
                    names.orgs.insert(r.id, text);
                }
                "i" => {
                    names.items.insert(r.id, text);
                }
                _ => {}
            }
        }
        names
    }

    fn user(&self, id: i32) -> String {
        match self.users.get(&id) {
            Some((name, org)) => match self.orgs.get(org) {
                Some(o) => format!("{name} ({o})"),
                None => name.clone(),
            },
            None => String::new(),
        }
    }

    /// A person, an organisation, or both ("Mikael Håkansson (EHM), SKR").
    fn owner(&self, a: &action::Model) -> String {
        let org = a.owner_org_id.and_then(|o| self.orgs.get(&o).cloned());
        match (a.owner_user_id, org) {
            (Some(u), Some(o)) => format!("{}, {o}", self.user(u)),
            (Some(u), None) => self.user(u),
            (None, Some(o)) => o,
            (None, None) => String::new(),
        }
    }
}

/// Actions without the texts no list shows (description and search text, both left empty), to
/// be read `into_model::<action::Model>()`.
fn listed_actions() -> sea_orm::Select<action::Entity> {
    use sea_orm::{IdenStatic, Iterable};
    let mut q = action::Entity::find().select_only();
    for c in action::Column::iter() {
        q = match c {
            action::Column::Description | action::Column::SearchText => q.column_as(Expr::val(""), c.as_str()),
            _ => q.column(c),
        };
    }
    q
}

/// The actions raised at a meeting, as they stand now, in number order.
pub async fn raised_at(db: &impl ConnectionTrait, meeting_id: i32) -> Result<Vec<ActionRow>, AppError> {
    let found = listed_actions().filter(action::Column::RaisedMeetingId.eq(meeting_id)).order_by_asc(action::Column::Number).limit(500).into_model::<action::Model>().all(db).await?;
    rows(db, &found).await
}

/// Rows for these actions, with owners, participants, meetings and latest notes (a fixed number of queries).
async fn rows(db: &impl ConnectionTrait, actions: &[action::Model]) -> Result<Vec<ActionRow>, AppError> {
    Ok(rows_with(db, actions, None, vec![]).await?.0)
}

/// `rows`, with the notes when the caller has read all of them already, and the names of
/// `more_people` read along with the rows' own. One statement: participants, meetings where the
/// actions were raised (and the agenda items), the notes unless given, and every name.
async fn rows_with(db: &impl ConnectionTrait, actions: &[action::Model], notes: Option<&[action_note::Model]>, more_people: Vec<i32>) -> Result<(Vec<ActionRow>, Names), AppError> {
    use action_note::Column as N;
    use action_participant::Column as P;
    let ids: Vec<i32> = actions.iter().map(|a| a.id).collect();
    let of_actions = |c: P| Query::select().column(c).from(action_participant::Entity).and_where(P::ActionId.is_in(ids.clone())).to_owned();
    let mut people: Vec<i32> = actions.iter().filter_map(|a| a.owner_user_id).collect();
    people.extend(more_people);
    let uid = Expr::col((user::Entity, user::Column::Id));
    let oid = Expr::col((organisation::Entity, organisation::Column::Id));
    let mut branches = vec![
        side("p", SideCols { action_id: col(P::ActionId), id: col(P::Id), a: col(P::UserId), b: col(P::OrganisationId), ..Default::default() })
            .from(action_participant::Entity)
            .and_where(P::ActionId.is_in(ids.clone()))
            .to_owned(),
        side("m", SideCols { id: col(meeting::Column::Id), at: col(meeting::Column::StartsAt), ..Default::default() })
            .from(meeting::Entity)
            .and_where(meeting::Column::Id.is_in(actions.iter().filter_map(|a| a.raised_meeting_id)))
            .to_owned(),
        side("i", SideCols { id: col(agenda_item::Column::Id), text: col(agenda_item::Column::Title), ..Default::default() })
            .from(agenda_item::Entity)
            .and_where(agenda_item::Column::Id.is_in(actions.iter().filter_map(|a| a.raised_item_id)))
            .to_owned(),
    ];
    if notes.is_none() {
        branches.push(
            side("n", SideCols { action_id: col(N::ActionId), id: col(N::Id), day: col(N::NoteDate), text: col(N::Body), ..Default::default() })
                .from(action_note::Entity)
                .and_where(N::ActionId.is_in(ids.clone()))
                .to_owned(),
        );
    }
    branches.extend(Names::branches(
        Condition::any().add(uid.clone().is_in(people)).add(uid.in_subquery(of_actions(P::UserId))),
        Condition::any().add(oid.clone().is_in(actions.iter().filter_map(|a| a.owner_org_id))).add(oid.in_subquery(of_actions(P::OrganisationId))),
    ));
    let found = sides(db, branches).await?;
    let names = Names::take(&found);
    let mut parts: Vec<&Side> = found.iter().filter(|r| r.kind == "p").collect();
    parts.sort_by_key(|p| p.id);
    let meetings: HashMap<i32, NaiveDate> = found.iter().filter(|r| r.kind == "m").filter_map(|r| Some((r.id, local(r.at?).date()))).collect();
    // Latest note per action: the greatest (date, id).
    fn keep<'a>(latest: &mut HashMap<i32, (NaiveDate, i32, &'a str)>, action_id: i32, date: NaiveDate, id: i32, body: &'a str) {
        let e = latest.entry(action_id).or_insert((date, id, body));
        if (date, id) > (e.0, e.1) {
            *e = (date, id, body);
        }
    }
    let mut latest = HashMap::new();
    match notes {
        Some(list) => list.iter().for_each(|n| keep(&mut latest, n.action_id, n.note_date, n.id, &n.body)),
        None => {
            for r in found.iter().filter(|r| r.kind == "n") {
                if let (Some(action_id), Some(date)) = (r.action_id, r.day) {
                    keep(&mut latest, action_id, date, r.id, r.text.as_deref().unwrap_or_default());
                }
            }
        }
    }
    let today = today();
    let rows = actions
        .iter()
        .map(|a| {
            let participants = parts
                .iter()
                .filter(|p| p.action_id == Some(a.id))
                .map(|p| match (p.a, p.b) {
                    (Some(u), _) => names.user(u),
                    (None, Some(o)) => names.orgs.get(&o).cloned().unwrap_or_default(),
                    _ => String::new(),
                })
                .collect::<Vec<_>>()
                .join(", ");
            ActionRow {
                number: a.number,
                title: a.title.clone(),
                owner: names.owner(a),
                participants,
                raised: a.raised_meeting_id.and_then(|m| meetings.get(&m).map(|d| (m, *d))),
                start_date: a.start_date,
                end_date: a.end_date,
                comment: a.comment.clone(),
                state: a.state.clone(),
                latest_note: latest.remove(&a.id).map(|(date, _, body)| (date, body.to_string())),
                overdue: is_overdue(a, today),
            }
        })
        .collect();
    Ok((rows, names))
}

/// The condition for a filter (validated loosely: unknown values filter nothing out).
async fn condition(db: &impl ConnectionTrait, forum_id: i32, f: &ActionFilter) -> Result<Condition, AppError> {
    let mut c = Condition::all().add(action::Column::ForumId.eq(forum_id));
    match f.state.as_str() {
        "active" => c = c.add(action::Column::State.is_not_in(CLOSED)),
        s if STATES.contains(&s) => c = c.add(action::Column::State.eq(s)),
        _ => {}
    }
    if let Some(id) = f.owner.strip_prefix('u').and_then(|s| s.parse::<i32>().ok()) {
        c = c.add(action::Column::OwnerUserId.eq(id));
    } else if let Some(id) = f.owner.strip_prefix('o').and_then(|s| s.parse::<i32>().ok()) {
        c = c.add(action::Column::OwnerOrgId.eq(id));
    }
    if let Ok(org) = f.organisation.parse::<i32>() {
        let people: Vec<i32> = user::Entity::find().filter(user::Column::OrganisationId.eq(org)).select_only().column(user::Column::Id).into_tuple().all(db).await?;
        // The organisation itself, or one of its people, takes part.
        let with_org: Vec<i32> = action_participant::Entity::find()
            .filter(Condition::any().add(action_participant::Column::OrganisationId.eq(org)).add(action_participant::Column::UserId.is_in(people.clone())))
            .select_only()
            .column(action_participant::Column::ActionId)
            .into_tuple()
            .all(db)
            .await?;
        c = c.add(
            Condition::any()
                .add(action::Column::OwnerOrgId.eq(org))
                .add(action::Column::OwnerUserId.is_in(people))
                .add(action::Column::Id.is_in(with_org)),
        );
    }
    if f.overdue == "1" {
        c = c.add(action::Column::EndDate.lt(today())).add(action::Column::State.is_not_in(CLOSED));
    }
    if let Ok(m) = f.meeting.parse::<i32>() {
        c = c.add(action::Column::RaisedMeetingId.eq(m));
    }
    let q = f.q.trim().to_lowercase();
    if !q.is_empty() {
        // LIKE wildcards in the search text are taken literally.
        let escaped = q.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
        c = c.add(Expr::col(action::Column::SearchText).like(sea_orm::sea_query::LikeExpr::new(format!("%{escaped}%")).escape('\\')));
    }
    Ok(c)
}

fn order(q: sea_orm::Select<action::Entity>, sort: &str) -> sea_orm::Select<action::Entity> {
    use sea_orm::Order;
    let (desc, key) = match sort.strip_prefix('-') {
        Some(k) => (true, k),
        None => (false, sort),
    };
    let dir = if desc { Order::Desc } else { Order::Asc };
    let q = match key {
        "end" => q.order_by(action::Column::EndDate, dir.clone()),
        "state" => q.order_by(action::Column::State, dir.clone()),
        "title" => q.order_by(Expr::expr(Func::lower(Expr::col(action::Column::Title))), dir.clone()),
        _ => q,
    };
    q.order_by(action::Column::Number, if key == "number" || key.is_empty() { dir } else { Order::Asc })
}

/// An id with a name.
type Named = (i32, String);

/// Owners (people then organisations), organisations, past meetings and people of a forum.
pub async fn choices(db: &impl ConnectionTrait, f: &forum::Model) -> Result<(Vec<Choice>, Vec<Choice>, Vec<Choice>, Vec<Choice>), AppError> {
    // The forum's active people, its organisations and its 30 latest past meetings in one
    // statement, only the columns the choices show; sorted here, the same way on both backends.
    let people = side("u", SideCols { id: col((user::Entity, user::Column::Id)), text: col((user::Entity, user::Column::Name)), ..Default::default() })
        .from(forum_membership::Entity)
        .join(JoinType::InnerJoin, user::Entity, Expr::col((forum_membership::Entity, forum_membership::Column::UserId)).equals((user::Entity, user::Column::Id)))
        .and_where(Expr::col((forum_membership::Entity, forum_membership::Column::ForumId)).eq(f.id))
        .and_where(Expr::col((user::Entity, user::Column::Active)).eq(true))
        .to_owned();
    let orgs = side("o", SideCols { id: col((organisation::Entity, organisation::Column::Id)), text: col((organisation::Entity, organisation::Column::Name)), ..Default::default() })
        .from(forum_organisation::Entity)
        .join(JoinType::InnerJoin, organisation::Entity, Expr::col((forum_organisation::Entity, forum_organisation::Column::OrganisationId)).equals((organisation::Entity, organisation::Column::Id)))
        .and_where(Expr::col((forum_organisation::Entity, forum_organisation::Column::ForumId)).eq(f.id))
        .to_owned();
    // A union branch cannot have its own LIMIT: the latest meetings' ids come by subquery.
    let latest = Query::select()
        .column(meeting::Column::Id)
        .from(meeting::Entity)
        .and_where(meeting::Column::ForumId.eq(f.id))
        .and_where(meeting::Column::StartsAt.lte(Utc::now()))
        .order_by(meeting::Column::StartsAt, sea_orm::Order::Desc)
        .limit(30)
        .to_owned();
    let meetings = side("m", SideCols { id: col(meeting::Column::Id), at: col(meeting::Column::StartsAt), ..Default::default() })
        .from(meeting::Entity)
        .and_where(meeting::Column::Id.in_subquery(latest))
        .to_owned();
    let (mut people_sorted, mut orgs_sorted): (Vec<Named>, Vec<Named>) = (vec![], vec![]);
    let mut past: Vec<(i32, chrono::DateTime<Utc>)> = vec![];
    for r in sides(db, vec![people, orgs, meetings]).await? {
        match (r.kind.as_str(), r.text, r.at) {
            ("u", Some(name), _) => people_sorted.push((r.id, name)),
            ("o", Some(name), _) => orgs_sorted.push((r.id, name)),
            ("m", _, Some(at)) => past.push((r.id, at)),
            _ => {}
        }
    }
    people_sorted.sort_by(|a, b| a.1.cmp(&b.1));
    orgs_sorted.sort_by(|a, b| a.1.cmp(&b.1));
    past.sort_by(|a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
    let owners = people_sorted
        .iter()
        .map(|(id, n)| Choice { value: format!("u{id}"), label: n.clone() })
        .chain(orgs_sorted.iter().map(|(id, n)| Choice { value: format!("o{id}"), label: n.clone() }))
        .collect();
    let organisations = orgs_sorted.iter().map(|(id, n)| Choice { value: id.to_string(), label: n.clone() }).collect();
    let meetings = past.iter().map(|(id, at)| Choice { value: id.to_string(), label: local(*at).date().to_string() }).collect();
    let people = people_sorted.iter().map(|(id, n)| Choice { value: id.to_string(), label: n.clone() }).collect();
    Ok((owners, organisations, meetings, people))
}

/// The list as the filter asks, one page of it.
pub async fn list(db: &impl ConnectionTrait, actor: &Actor, slug: &str, filter: ActionFilter) -> Result<ActionList, AppError> {
    let f = find_by_slug(db, slug).await?;
    authorize(actor, Action::ViewForum, &forum_scope(&f))?;
    let cond = condition(db, f.id, &filter).await?;
    // The filter's total and the forum's count per state in one statement; the page after it.
    let per_state = Query::select()
        .column(action::Column::State)
        .expr_as(Expr::col(action::Column::Id).count(), Alias::new("n"))
        .from(action::Entity)
        .and_where(action::Column::ForumId.eq(f.id))
        .group_by_col(action::Column::State)
        .to_owned();
    let total_q = Query::select()
        .expr(SimpleExpr::Value(sea_orm::Value::String(None)))
        .expr(Expr::col(action::Column::Id).count())
        .from(action::Entity)
        .cond_where(cond.clone())
        .to_owned();
    let (mut total, mut counts) = (0u64, HashMap::<String, u64>::new());
    for r in db.query_all(db.get_database_backend().build(per_state.to_owned().union(UnionType::All, total_q))).await? {
        let n = r.try_get::<i64>("", "n")?.max(0) as u64;
        match r.try_get::<Option<String>>("", "state")? {
            Some(state) => {
                counts.insert(state, n);
            }
            None => total = n,
        }
    }
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    let page = filter.page.parse::<u64>().unwrap_or(1).clamp(1, pages);
    let found = order(listed_actions().filter(cond), &filter.sort).offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE).into_model::<action::Model>().all(db).await?;
    let counts = STATES.iter().map(|s| (s.to_string(), counts.get(*s).copied().unwrap_or(0))).collect();
    let (owners, organisations, meetings, people) = choices(db, &f).await?;
    let can_manage = can(actor, Action::ManageActions, &forum_scope(&f));
    // People are only for the form of a new action.
    let people = if can_manage { people } else { vec![] };
    Ok(ActionList {
        forum_name: f.name.clone(),
        forum_slug: f.slug.clone(),
        rows: rows(db, &found).await?,
        total,
        page,
        pages,
        counts,
        filter,
        owners,
        organisations,
        meetings,
        people,
        can_manage,
    })
}

/// Every row of the filter (up to `MAX_EXPORT`), for CSV and print.
pub async fn all_rows(db: &impl ConnectionTrait, actor: &Actor, slug: &str, filter: &ActionFilter) -> Result<(forum::Model, Vec<ActionRow>), AppError> {
    let f = find_by_slug(db, slug).await?;
    authorize(actor, Action::ViewForum, &forum_scope(&f))?;
    let cond = condition(db, f.id, filter).await?;
    let found = order(listed_actions().filter(cond), &filter.sort).limit(MAX_EXPORT).into_model::<action::Model>().all(db).await?;
    Ok((f, rows(db, &found).await?))
}

/// A cell that a spreadsheet would read as a formula gets a leading apostrophe.
pub fn neutralise(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// CSV in UTF-8 with a byte-order mark (so Excel shows å, ä, ö), semicolon-separated as Swedish
/// spreadsheets expect, the columns of the deck.
pub fn to_csv(rows: &[ActionRow], state_name: impl Fn(&str) -> String) -> Result<Vec<u8>, AppError> {
    let mut w = csv::WriterBuilder::new().delimiter(b';').from_writer(vec![0xEF, 0xBB, 0xBF]);
    let header = ["Nr", "Aktionspunkt", "Ansvarig", "Övriga deltagare", "Mötesdatum", "Startdatum", "Slutdatum", "Kommentar", "Status", "Senaste statusnotering"];
    w.write_record(header).map_err(crate::ssr::ctx::internal)?;
    let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    for r in rows {
        let note = r.latest_note.as_ref().map(|(d, t)| format!("{d} {t}")).unwrap_or_default();
        let record = [
            r.number.to_string(),
            r.title.clone(),
            r.owner.clone(),
            r.participants.clone(),
            date(r.raised.map(|(_, d)| d)),
            date(r.start_date),
            date(r.end_date),
            r.comment.clone(),
            state_name(&r.state),
            note,
        ];
        w.write_record(record.iter().map(|c| neutralise(c))).map_err(crate::ssr::ctx::internal)?;
    }
    w.into_inner().map_err(crate::ssr::ctx::internal)
}

async fn find(db: &impl ConnectionTrait, slug: &str, number: i32) -> Result<(forum::Model, action::Model), AppError> {
    // The action with its forum, in one statement.
    match action::Entity::find().find_also_related(forum::Entity).filter(forum::Column::Slug.eq(slug)).filter(action::Column::Number.eq(number)).one(db).await? {
        Some((a, Some(f))) => Ok((f, a)),
        _ => Err(AppError::NotFound),
    }
}

fn action_scope(f: &forum::Model, a: &action::Model) -> Scope {
    Scope::Action { forum: f.id, owner: a.owner_user_id }
}

/// A branch with every column of the notes (the caller adds the conditions).
fn notes_branch() -> SelectStatement {
    use action_note::Column as N;
    let cols = SideCols {
        action_id: col(N::ActionId),
        id: col(N::Id),
        a: col(N::AuthorId),
        at: col(N::CreatedAt),
        day: col(N::NoteDate),
        text: col(N::Body),
        from: col(N::StateFrom),
        to: col(N::StateTo),
        ..Default::default()
    };
    side("n", cols).from(action_note::Entity).to_owned()
}

/// The columns of a changes branch, read from `from`: the table, or a subquery of that name.
fn change_cols(from: impl sea_orm::sea_query::IntoIden + Clone + 'static) -> SideCols {
    use action_change::Column as C;
    SideCols {
        action_id: col((from.clone(), C::ActionId)),
        id: col((from.clone(), C::Id)),
        a: col((from.clone(), C::AuthorId)),
        at: col((from.clone(), C::CreatedAt)),
        text: col((from.clone(), C::Field)),
        from: col((from.clone(), C::FromValue)),
        to: col((from, C::ToValue)),
        ..Default::default()
    }
}

/// The notes and changes among side rows (kinds "n" and "c"), in the order read.
fn notes_and_changes(rows: Vec<Side>) -> (Vec<action_note::Model>, Vec<action_change::Model>) {
    let (mut notes, mut changes) = (vec![], vec![]);
    for r in rows {
        let (Some(action_id), Some(created_at)) = (r.action_id, r.at) else { continue };
        match r.kind.as_str() {
            "n" => {
                let Some(note_date) = r.day else { continue };
                notes.push(action_note::Model { id: r.id, action_id, author_id: r.a, note_date, body: r.text.unwrap_or_default(), state_from: r.from, state_to: r.to, created_at });
            }
            "c" => changes.push(action_change::Model {
                id: r.id,
                action_id,
                author_id: r.a,
                field: r.text.unwrap_or_default(),
                from_value: r.from.unwrap_or_default(),
                to_value: r.to.unwrap_or_default(),
                created_at,
            }),
            _ => {}
        }
    }
    (notes, changes)
}

/// An action's notes (newest date first) and its latest `CHANGES_SHOWN` changes (newest first),
/// in one statement.
async fn history(db: &impl ConnectionTrait, action_id: i32) -> Result<(Vec<action_note::Model>, Vec<action_change::Model>), AppError> {
    use action_change::Column as C;
    let notes = notes_branch().and_where(action_note::Column::ActionId.eq(action_id)).to_owned();
    // A branch of a union cannot have its own LIMIT, a subquery can.
    let latest = Query::select().columns([C::Id, C::ActionId, C::AuthorId, C::CreatedAt, C::Field, C::FromValue, C::ToValue]).from(action_change::Entity).and_where(C::ActionId.eq(action_id)).order_by(C::Id, sea_orm::Order::Desc).limit(CHANGES_SHOWN).to_owned();
    let name = Alias::new("latest");
    let changes = side("c", change_cols(name.clone())).from_subquery(latest, name).to_owned();
    let (mut notes, mut changes) = notes_and_changes(sides(db, vec![notes, changes]).await?);
    notes.sort_by_key(|n| std::cmp::Reverse((n.note_date, n.id)));
    changes.sort_by_key(|c| std::cmp::Reverse(c.id));
    Ok((notes, changes))
}

pub async fn detail(db: &impl ConnectionTrait, actor: &Actor, slug: &str, number: i32) -> Result<ActionDetail, AppError> {
    let (f, a) = find(db, slug, number).await?;
    authorize(actor, Action::ViewForum, &forum_scope(&f))?;
    // The notes and changes first: the row's latest note, the state history and the authors'
    // names (read with the row's) come from them.
    let (notes, changes) = history(db, a.id).await?;
    let authors: Vec<i32> = notes.iter().filter_map(|n| n.author_id).chain(changes.iter().filter_map(|c| c.author_id)).collect();
    let (mut found, names) = rows_with(db, std::slice::from_ref(&a), Some(&notes), authors).await?;
    let row = found.pop().ok_or(AppError::NotFound)?;
    let thread = super::comments::thread(db, actor, &f, "action", a.id, true).await?;
    let name = |id: Option<i32>| id.and_then(|i| names.users.get(&i).map(|(n, _)| n.clone())).unwrap_or_default();
    let raised_item = a.raised_item_id.and_then(|i| names.items.get(&i).cloned());
    let all_changes = (changes.len() < CHANGES_SHOWN as usize).then_some(changes.as_slice());
    let reviewed_at = reviewed_at(db, &f, &a, &notes, all_changes).await?;
    let manage = can(actor, Action::ManageActions, &forum_scope(&f));
    let (owners, ..) = if manage { choices(db, &f).await? } else { Default::default() };
    Ok(ActionDetail {
        id: a.id,
        forum_name: f.name.clone(),
        forum_slug: f.slug.clone(),
        row,
        description_html: markdown::render(&a.description),
        raised_item,
        reviewed_at,
        notes: notes.iter().map(|n| NoteView { date: n.note_date, author: name(n.author_id), body: n.body.clone(), state_from: n.state_from.clone(), state_to: n.state_to.clone() }).collect(),
        changes: changes.iter().map(|c| ChangeView { at: local(c.created_at), author: name(c.author_id), field: c.field.clone(), from: c.from_value.clone(), to: c.to_value.clone() }).collect(),
        thread,
        can_note: can(actor, Action::UpdateActionStatus, &action_scope(&f, &a)),
        edit: manage.then(|| ActionEdit {
            title: a.title.clone(),
            description: a.description.clone(),
            owner: a.owner_user_id.map(|u| format!("u{u}")).unwrap_or_default(),
            owner_org: a.owner_org_id.map(|o| o.to_string()).unwrap_or_default(),
            start_date: a.start_date.map(|d| d.to_string()).unwrap_or_default(),
            end_date: a.end_date.map(|d| d.to_string()).unwrap_or_default(),
            comment: a.comment.clone(),
            state: a.state.clone(),
        }),
        owners,
        escalated_to: super::escalation::linked_action(db, actor, a.escalated_to_id).await?,
        escalated_from: super::escalation::linked_action(db, actor, a.escalated_from_id).await?,
        can_escalate: a.escalated_to_id.is_none() && super::escalation::may_escalate(actor, &f),
    })
}

#[derive(Clone, Debug, Default)]
pub struct ActionInput {
    pub title: String,
    pub description: String,
    /// "u<id>" (a person), "o<id>" (an organisation) or empty.
    pub owner: String,
    /// An owning organisation besides (or instead of) the person: an id or empty.
    pub owner_org: String,
    pub participants: Vec<i32>,
    pub participant_orgs: Vec<i32>,
    pub start_date: String,
    pub end_date: String,
    pub comment: String,
    pub state: String,
    pub raised_meeting_id: Option<i32>,
    pub raised_item_id: Option<i32>,
}

struct Checked {
    title: String,
    description: String,
    owner_user: Option<i32>,
    owner_org: Option<i32>,
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
    comment: String,
    state: String,
}

fn parse_date(v: &mut Validator, field: &str, s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    let d = NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    if d.is_none() {
        v.add(field, K::ErrDate);
    }
    d
}

/// Check the fields against the forum (owners must belong to it).
async fn check(db: &impl ConnectionTrait, f: &forum::Model, input: &ActionInput) -> Result<Checked, AppError> {
    let (owners, ..) = choices(db, f).await?;
    let mut v = Validator::new();
    let title = v.required("title", &input.title, 300);
    let description = v.optional("description", &input.description, 20_000).unwrap_or_default();
    let comment = v.optional("comment", &input.comment, 2000).unwrap_or_default();
    let owner = input.owner.trim();
    let (mut owner_user, mut owner_org) = (None, None);
    if !owner.is_empty() {
        if !owners.iter().any(|c| c.value == owner) {
            v.add("owner", K::ErrChoose);
        } else if let Some(id) = owner.strip_prefix('u').and_then(|s| s.parse().ok()) {
            owner_user = Some(id);
        } else {
            owner_org = owner.strip_prefix('o').and_then(|s| s.parse().ok());
        }
    }
    let org = input.owner_org.trim();
    if !org.is_empty() {
        match org.parse::<i32>().ok().filter(|o| owners.iter().any(|c| c.value == format!("o{o}"))) {
            Some(o) => owner_org = Some(o),
            None => v.add("owner_org", K::ErrChoose),
        }
    }
    let start = parse_date(&mut v, "start_date", &input.start_date);
    let end = parse_date(&mut v, "end_date", &input.end_date);
    if let (Some(s), Some(e)) = (start, end) {
        if e < s {
            v.add("end_date", K::ErrEndBeforeStart);
        }
    }
    let state = if input.state.is_empty() { "open".to_string() } else { input.state.clone() };
    if !STATES.contains(&state.as_str()) {
        v.add("state", K::ErrChoose);
    }
    v.finish(&[
        ("title", input.title.as_str()),
        ("description", input.description.as_str()),
        ("owner", input.owner.as_str()),
        ("owner_org", input.owner_org.as_str()),
        ("start_date", input.start_date.as_str()),
        ("end_date", input.end_date.as_str()),
        ("comment", input.comment.as_str()),
        ("state", input.state.as_str()),
    ])?;
    Ok(Checked { title, description, owner_user, owner_org, start, end, comment, state })
}

/// Create an action with the forum's next number; returns the number.
pub async fn create<C: ConnectionTrait + TransactionTrait>(db: &C, actor: &Actor, base_url: &str, slug: &str, input: ActionInput) -> Result<i32, AppError> {
    let f = find_by_slug(db, slug).await?;
    authorize(actor, Action::ManageActions, &forum_scope(&f))?;
    let c = check(db, &f, &input).await?;
    // The meeting and item it was raised at must be the forum's own.
    let raised_meeting = match input.raised_meeting_id {
        Some(id) => meeting::Entity::find_by_id(id).one(db).await?.filter(|m| m.forum_id == f.id).map(|m| m.id),
        None => None,
    };
    let raised_item = match (input.raised_item_id, raised_meeting) {
        (Some(id), Some(m)) => agenda_item::Entity::find_by_id(id).one(db).await?.filter(|i| i.meeting_id == m).map(|i| i.id),
        _ => None,
    };
    let (_, orgs, _, people) = choices(db, &f).await?;
    let now = Utc::now();
    let txn = super::begin_write(db).await?;
    let number = next_number(&txn, f.id).await?;
    let a = action::ActiveModel {
        forum_id: Set(f.id),
        number: Set(number),
        search_text: Set(search_text(&c.title, &c.description, &c.comment)),
        title: Set(c.title),
        description: Set(c.description),
        owner_user_id: Set(c.owner_user),
        owner_org_id: Set(c.owner_org),
        raised_meeting_id: Set(raised_meeting),
        raised_item_id: Set(raised_item),
        start_date: Set(c.start.or(Some(today()))),
        end_date: Set(c.end),
        comment: Set(c.comment),
        state: Set(c.state),
        created_by: Set(actor.user_id()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let mut seen = std::collections::HashSet::new();
    for u in input.participants.iter().filter(|u| people.iter().any(|p| p.value == u.to_string())) {
        if seen.insert(("u", *u)) {
            action_participant::ActiveModel { action_id: Set(a.id), user_id: Set(Some(*u)), ..Default::default() }.insert(&txn).await?;
        }
    }
    for o in input.participant_orgs.iter().filter(|o| orgs.iter().any(|c| c.value == o.to_string())) {
        if seen.insert(("o", *o)) {
            action_participant::ActiveModel { action_id: Set(a.id), organisation_id: Set(Some(*o)), ..Default::default() }.insert(&txn).await?;
        }
    }
    tell_owner(&txn, actor, base_url, &f, &a).await?;
    txn.commit().await?;
    Ok(number)
}

/// "An action is assigned to you": to the owner, unless they assigned it themselves.
async fn tell_owner(db: &impl ConnectionTrait, actor: &Actor, base_url: &str, f: &forum::Model, a: &action::Model) -> Result<(), AppError> {
    let Some(owner) = a.owner_user_id.filter(|o| Some(*o) != actor.user_id()) else { return Ok(()) };
    let Some(u) = user::Entity::find_by_id(owner).one(db).await?.filter(|u| u.active) else { return Ok(()) };
    let lang = crate::i18n::Lang::from_code(&u.language);
    let subject = format!("{}: {}. {}", K::MailAssignedSubject.in_lang(lang), a.number, a.title);
    let mut lines = vec![f.name.clone()];
    if let Some(end) = a.end_date {
        lines.push(format!("{} {}", K::ActionEnd.in_lang(lang), crate::i18n::format_date(lang, end)));
    }
    let link = format!("{base_url}/forums/{}/actions/{}", f.slug, a.number);
    let mail = crate::ssr::mail::compose_list(lang, subject, &u.name, K::MailAssignedBody, &lines, &link);
    super::notify::deliver_to(db, base_url, &u, f, "action", mail, &link).await?;
    Ok(())
}

/// Edit the fields; each changed field is recorded (who, when, from → to).
pub async fn edit<C: ConnectionTrait + TransactionTrait>(db: &C, actor: &Actor, base_url: &str, slug: &str, number: i32, input: ActionInput) -> Result<(), AppError> {
    let (f, a) = find(db, slug, number).await?;
    authorize(actor, Action::ManageActions, &forum_scope(&f))?;
    let c = check(db, &f, &input).await?;
    let d = |x: Option<NaiveDate>| x.map(|d| d.to_string()).unwrap_or_default();
    let id_text = |x: Option<i32>| x.map(|x| x.to_string()).unwrap_or_default();
    let changes: Vec<(&str, String, String)> = [
        ("title", a.title.clone(), c.title.clone()),
        ("description", a.description.clone(), c.description.clone()),
        ("owner", id_text(a.owner_user_id), id_text(c.owner_user)),
        ("owner_organisation", id_text(a.owner_org_id), id_text(c.owner_org)),
        ("start_date", d(a.start_date), d(c.start)),
        ("end_date", d(a.end_date), d(c.end)),
        ("comment", a.comment.clone(), c.comment.clone()),
        ("state", a.state.clone(), c.state.clone()),
    ]
    .into_iter()
    .filter(|(_, from, to)| from != to)
    .collect();
    if changes.is_empty() {
        return Ok(());
    }
    let now = Utc::now();
    let new_owner = c.owner_user.filter(|o| Some(*o) != a.owner_user_id);
    let txn = super::begin_write(db).await?;
    let updated = action::ActiveModel {
        id: Set(a.id),
        search_text: Set(search_text(&c.title, &c.description, &c.comment)),
        title: Set(c.title),
        description: Set(c.description),
        owner_user_id: Set(c.owner_user),
        owner_org_id: Set(c.owner_org),
        start_date: Set(c.start),
        end_date: Set(c.end),
        comment: Set(c.comment),
        state: Set(c.state),
        updated_at: Set(now),
        // A new end date may need new reminders.
        due_reminder_sent_at: Set(if d(a.end_date) != d(c.end) { None } else { a.due_reminder_sent_at }),
        overdue_reminder_sent_at: Set(if d(a.end_date) != d(c.end) { None } else { a.overdue_reminder_sent_at }),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    if new_owner.is_some() {
        tell_owner(&txn, actor, base_url, &f, &updated).await?;
    }
    for (field, from, to) in changes {
        action_change::ActiveModel { action_id: Set(a.id), author_id: Set(actor.user_id()), field: Set(field.into()), from_value: Set(from), to_value: Set(to), created_at: Set(now), ..Default::default() }
            .insert(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// A dated status note, optionally changing the state. The log is append-only.
pub async fn add_note<C: ConnectionTrait + TransactionTrait>(db: &C, actor: &Actor, slug: &str, number: i32, date: &str, body: &str, state: &str) -> Result<(), AppError> {
    let (f, a) = find(db, slug, number).await?;
    authorize(actor, Action::UpdateActionStatus, &action_scope(&f, &a))?;
    let mut v = Validator::new();
    let text = v.required("body", body, 5000);
    let day = if date.trim().is_empty() { Some(today()) } else { parse_date(&mut v, "note_date", date) };
    if day.is_some_and(|d| d > today() + chrono::Duration::days(1)) {
        v.add("note_date", K::ErrDateInFuture);
    }
    let new_state = (!state.is_empty() && state != a.state).then(|| state.to_string());
    if new_state.as_deref().is_some_and(|s| !STATES.contains(&s)) {
        v.add("state", K::ErrChoose);
    }
    v.finish(&[("body", body), ("note_date", date), ("state", state)])?;
    let now = Utc::now();
    let txn = super::begin_write(db).await?;
    action_note::ActiveModel {
        action_id: Set(a.id),
        author_id: Set(actor.user_id()),
        note_date: Set(day.unwrap_or_else(today)),
        body: Set(text),
        state_from: Set(new_state.as_ref().map(|_| a.state.clone())),
        state_to: Set(new_state.clone()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let mut up = action::ActiveModel { id: Set(a.id), updated_at: Set(now), ..Default::default() };
    if let Some(s) = new_state {
        up.state = Set(s);
    }
    up.update(&txn).await?;
    txn.commit().await?;
    Ok(())
}

/// The state an action had at `at`: the last recorded change before it; without one, the state
/// before the first change after it; without any change, the state it has.
pub fn state_at(current: &str, transitions: &[(chrono::DateTime<Utc>, String, String)], at: chrono::DateTime<Utc>) -> String {
    // transitions: (when, from, to), in time order
    if let Some((_, _, to)) = transitions.iter().rev().find(|(t, ..)| *t <= at) {
        return to.clone();
    }
    match transitions.first() {
        Some((_, from, _)) => from.clone(),
        None => current.to_string(),
    }
}

/// An action's recorded state changes (from notes and field edits) as (when, from, to), in time order.
fn transitions<'a>(notes: impl Iterator<Item = &'a action_note::Model>, changes: impl Iterator<Item = &'a action_change::Model>) -> Vec<(chrono::DateTime<Utc>, String, String)> {
    let mut t: Vec<(chrono::DateTime<Utc>, String, String)> = notes
        .filter_map(|n| Some((n.created_at, n.state_from.clone()?, n.state_to.clone()?)))
        .chain(changes.map(|c| (c.created_at, c.from_value.clone(), c.to_value.clone())))
        .collect();
    t.sort_by_key(|(at, ..)| *at);
    t
}

/// The meetings whose feedback item listed this action: those with a feedback item whose previous
/// meeting had it open (or raised it). Computed the same way as the feedback section itself.
async fn reviewed_at(db: &impl ConnectionTrait, f: &forum::Model, a: &action::Model, notes: &[action_note::Model], changes: Option<&[action_change::Model]>) -> Result<Vec<(i32, NaiveDate)>, AppError> {
    #[derive(FromQueryResult)]
    struct WithFeedback {
        #[sea_orm(nested)]
        m: meeting::Model,
        has_feedback: bool,
    }
    // The forum's meetings, each with whether its agenda has a feedback item (one statement).
    let feedback_item = Query::select()
        .expr(Expr::val(1))
        .from(agenda_item::Entity)
        .and_where(Expr::col((agenda_item::Entity, agenda_item::Column::MeetingId)).equals((meeting::Entity, meeting::Column::Id)))
        .and_where(Expr::col((agenda_item::Entity, agenda_item::Column::Kind)).eq("feedback"))
        .to_owned();
    let meetings = meeting::Entity::find()
        .column_as(Expr::exists(feedback_item), "has_feedback")
        .filter(meeting::Column::ForumId.eq(f.id))
        .filter(meeting::Column::Status.ne("cancelled"))
        .order_by_asc(meeting::Column::StartsAt)
        .limit(500)
        .into_model::<WithFeedback>()
        .all(db)
        .await?;
    let with_feedback: Vec<i32> = meetings.iter().filter(|w| w.has_feedback).map(|w| w.m.id).collect();
    let meetings: Vec<meeting::Model> = meetings.into_iter().map(|w| w.m).collect();
    // The state changes: from the page's list when it holds all of them.
    let changes = match changes {
        Some(list) => list.iter().filter(|c| c.field == "state").cloned().collect(),
        None => action_change::Entity::find().filter(action_change::Column::ActionId.eq(a.id)).filter(action_change::Column::Field.eq("state")).all(db).await?,
    };
    let transitions = transitions(notes.iter(), changes.iter());
    Ok(meetings
        .windows(2)
        .filter(|w| with_feedback.contains(&w[1].id))
        .filter(|w| {
            let prev = &w[0];
            a.raised_meeting_id == Some(prev.id) || (a.created_at <= prev.starts_at && !CLOSED.contains(&state_at(&a.state, &transitions, prev.starts_at).as_str()))
        })
        .map(|w| (w[1].id, local(w[1].starts_at).date()))
        .collect())
}

/// What the feedback section uses of these actions' history, in one statement: the notes since
/// `since` and those that changed the state, and every state change (for the state each action
/// had at the previous meeting), both in time order. Older plain notes stay in the database.
async fn feedback_history(db: &impl ConnectionTrait, actions: &[action::Model], since: NaiveDate) -> Result<(Vec<action_note::Model>, Vec<action_change::Model>), AppError> {
    use action_change::Column as C;
    use action_note::Column as N;
    let ids: Vec<i32> = actions.iter().map(|a| a.id).collect();
    let notes = notes_branch()
        .and_where(N::ActionId.is_in(ids.clone()))
        .cond_where(Condition::any().add(N::NoteDate.gte(since)).add(Condition::all().add(N::StateFrom.is_not_null()).add(N::StateTo.is_not_null())))
        .to_owned();
    let changes = side("c", change_cols(action_change::Entity)).from(action_change::Entity).and_where(C::ActionId.is_in(ids)).and_where(C::Field.eq("state")).to_owned();
    let (mut notes, mut changes) = notes_and_changes(sides(db, vec![notes, changes]).await?);
    notes.sort_by_key(|n| (n.created_at, n.id));
    changes.sort_by_key(|c| (c.created_at, c.id));
    Ok((notes, changes))
}

/// The feedback section of a meeting, relative to the forum's previous (not cancelled) meeting
/// (`meetings::with_neighbours`); none without one.
pub async fn feedback(db: &impl ConnectionTrait, actor: &Actor, f: &forum::Model, prev: Option<&meeting::Model>) -> Result<Option<FeedbackView>, AppError> {
    let Some(prev) = prev else {
        return Ok(None);
    };
    // Candidates: raised at the previous meeting, or created before it and not already closed
    // then (every state change bumps updated_at, so one closed and untouched since is out).
    let open_then = Condition::any().add(action::Column::State.is_not_in(CLOSED)).add(action::Column::UpdatedAt.gte(prev.starts_at));
    let found = listed_actions()
        .filter(action::Column::ForumId.eq(f.id))
        .filter(Condition::any().add(action::Column::RaisedMeetingId.eq(prev.id)).add(Condition::all().add(action::Column::CreatedAt.lte(prev.starts_at)).add(open_then)))
        .order_by_asc(action::Column::Number)
        .limit(500)
        .into_model::<action::Model>()
        .all(db)
        .await?;
    let prev_day = local(prev.starts_at).date();
    let (notes, changes) = feedback_history(db, &found, prev_day).await?;
    let mut notes_of: HashMap<i32, Vec<&action_note::Model>> = HashMap::new();
    for n in &notes {
        notes_of.entry(n.action_id).or_default().push(n);
    }
    let mut changes_of: HashMap<i32, Vec<&action_change::Model>> = HashMap::new();
    for c in &changes {
        changes_of.entry(c.action_id).or_default().push(c);
    }
    // (action, state then, raised there, notes since, news): the ones still open then.
    let mut listed = vec![];
    for a in &found {
        let own_notes = notes_of.get(&a.id).map(Vec::as_slice).unwrap_or_default();
        let own_changes = changes_of.get(&a.id).map(Vec::as_slice).unwrap_or_default();
        let then = state_at(&a.state, &transitions(own_notes.iter().copied(), own_changes.iter().copied()), prev.starts_at);
        let raised_there = a.raised_meeting_id == Some(prev.id);
        if !raised_there && CLOSED.contains(&then.as_str()) {
            continue;
        }
        let since: Vec<&action_note::Model> = own_notes.iter().filter(|n| n.note_date >= prev_day).copied().collect();
        let news = raised_there || then != a.state || !since.is_empty();
        listed.push((a, then, raised_there, since, news));
    }
    let total = listed.len();
    if total > FEEDBACK_SHOWN {
        // The ones with news since the previous meeting first, then by number.
        listed.sort_by_key(|(a, .., news)| (!*news, a.number));
        listed.truncate(FEEDBACK_SHOWN);
        listed.sort_by_key(|(a, ..)| a.number);
    }
    // Names only for the ones shown: folded into the statement above, they cost more than the
    // statement they saved (for every candidate, and the authors by subquery).
    let mut people: Vec<i32> = listed.iter().filter_map(|(a, ..)| a.owner_user_id).collect();
    people.extend(listed.iter().flat_map(|(_, _, _, since, _)| since.iter().filter_map(|n| n.author_id)));
    let orgs: Vec<i32> = listed.iter().filter_map(|(a, ..)| a.owner_org_id).collect();
    let uid = Expr::col((user::Entity, user::Column::Id));
    let oid = Expr::col((organisation::Entity, organisation::Column::Id));
    let names = Names::take(&sides(db, Names::branches(Condition::all().add(uid.is_in(people)), Condition::all().add(oid.is_in(orgs))).into()).await?);
    let out = listed
        .into_iter()
        .map(|(a, then, raised_there, since, _)| FeedbackAction {
            number: a.number,
            title: a.title.clone(),
            owner: names.owner(a),
            raised_there,
            state_then: then,
            state_now: a.state.clone(),
            notes_since: since
                .into_iter()
                .map(|n| NoteView {
                    date: n.note_date,
                    author: n.author_id.and_then(|i| names.users.get(&i).map(|(name, _)| name.clone())).unwrap_or_default(),
                    body: n.body.clone(),
                    state_from: n.state_from.clone(),
                    state_to: n.state_to.clone(),
                })
                .collect(),
            can_note: can(actor, Action::UpdateActionStatus, &action_scope(f, a)),
        })
        .collect();
    Ok(Some(FeedbackView { previous_id: prev.id, previous_date: prev_day, forum_slug: f.slug.clone(), actions: out, total }))
}

/// Open actions per forum (for the structure tree), one grouped query.
pub async fn open_counts(db: &impl ConnectionTrait, forum_ids: Vec<i32>) -> Result<HashMap<i32, u64>, AppError> {
    let rows: Vec<(i32, i64)> = action::Entity::find()
        .select_only()
        .column(action::Column::ForumId)
        .column_as(action::Column::Id.count(), "n")
        .filter(action::Column::ForumId.is_in(forum_ids))
        .filter(action::Column::State.is_not_in(CLOSED))
        .group_by(action::Column::ForumId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(f, n)| (f, n as u64)).collect())
}

/// My open actions (owner or participant) across forums, overdue first, then by end date.
pub async fn mine(db: &impl ConnectionTrait, actor: &Actor) -> Result<Vec<MyAction>, AppError> {
    let Some(me) = &actor.user else { return Ok(vec![]) };
    // Primary key IN (my actions UNION my participations): each side comes from its index, and
    // both databases join the few ids to the primary key. An OR of the two kept PostgreSQL on a
    // scan of every action (34 ms on the large dataset); an empty literal IN list once did the
    // same to SQLite.
    use sea_orm::sea_query::{Query, UnionType};
    let mut ids = Query::select().column(action::Column::Id).from(action::Entity).and_where(action::Column::OwnerUserId.eq(me.id)).to_owned();
    ids.union(
        UnionType::Distinct,
        Query::select().column(action_participant::Column::ActionId).from(action_participant::Entity).and_where(action_participant::Column::UserId.eq(me.id)).to_owned(),
    );
    let mine = action::Column::Id.in_subquery(ids);
    let found = action::Entity::find()
        .find_also_related(forum::Entity)
        .filter(mine)
        .filter(action::Column::State.is_not_in(CLOSED))
        .limit(100)
        .all(db)
        .await?;
    let today = today();
    let mut out: Vec<MyAction> = found
        .into_iter()
        .filter_map(|(a, f)| {
            let f = f?;
            // Only forums one still belongs to.
            can(actor, Action::ViewForum, &forum_scope(&f)).then(|| MyAction {
                forum_slug: f.slug,
                forum_name: f.name,
                number: a.number,
                overdue: is_overdue(&a, today),
                title: a.title,
                end_date: a.end_date,
                state: a.state,
            })
        })
        .collect();
    out.sort_by_key(|a| (!a.overdue, a.end_date.unwrap_or(NaiveDate::MAX), a.number));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_state_at_a_time_follows_the_recorded_changes() {
        let t = |d: u32| chrono::NaiveDate::from_ymd_opt(2023, 5, d).unwrap().and_hms_opt(12, 0, 0).unwrap().and_utc();
        let tr = vec![(t(10), "open".to_string(), "in_progress".to_string()), (t(20), "in_progress".to_string(), "done".to_string())];
        assert_eq!(state_at("done", &tr, t(5)), "open", "before any change: where the first change started");
        assert_eq!(state_at("done", &tr, t(15)), "in_progress");
        assert_eq!(state_at("done", &tr, t(25)), "done");
        assert_eq!(state_at("waiting", &[], t(25)), "waiting");
    }

    #[test]
    fn formula_cells_are_neutralised() {
        for bad in ["=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "\tx"] {
            assert!(neutralise(bad).starts_with('\''), "{bad}");
        }
        assert_eq!(neutralise("EHM återkommer"), "EHM återkommer");
    }

    #[test]
    fn csv_starts_with_a_bom_and_keeps_swedish_letters() {
        let row = ActionRow {
            number: 1,
            title: "=Förslag på taktiskt forum".into(),
            owner: "Åsa Öberg".into(),
            participants: String::new(),
            raised: None,
            start_date: NaiveDate::from_ymd_opt(2023, 1, 31),
            end_date: None,
            comment: String::new(),
            state: "open".into(),
            latest_note: Some((NaiveDate::from_ymd_opt(2023, 5, 16).unwrap_or_default(), "EHM återkommer".into())),
            overdue: false,
        };
        let bytes = to_csv(&[row], |s| s.to_uppercase()).unwrap();
        assert_eq!(&bytes[..3], &[0xEF, 0xBB, 0xBF]);
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        assert!(text.starts_with("Nr;Aktionspunkt;Ansvarig"));
        assert!(text.contains("1;'=Förslag på taktiskt forum;Åsa Öberg;;;2023-01-31;;;OPEN;2023-05-16 EHM återkommer"), "{text}");
    }
}
