//! Forums: the collaboration structure, one forum's page, creating and editing forums,
//! and their member organisations.
use std::collections::{BTreeMap, HashMap};

use chrono::Utc;
use entity::{forum, forum_membership, forum_organisation, organisation, user};
use sea_orm::sea_query::{Alias, Expr, Query, SimpleExpr, SubQueryStatement};
use sea_orm::{ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, JoinType, QueryFilter, QueryOrder, QuerySelect, Set};

use super::accounts::ensure_membership;
use super::audit;
use super::bundle::Part;
use crate::admin::dto::Choice;
use crate::error::{AppError, Validator};
use crate::forums::dto::{ForumDetail, ForumEdit, ForumNode, OrgRepresentatives, Representative, Structure, LEVELS};
use crate::home::dto::{Dashboard, ForumCard};
use crate::i18n::K;
use crate::ssr::markdown;
use crate::ssr::policy::{authorize, can, Action, Actor, ForumRole, Scope};


/// The policy scope of a forum: its id and whether it is public.
/// The people of a forum who can be mailed (active, account set up), of one role or all.
pub async fn recipients(db: &impl ConnectionTrait, forum_id: i32, role: Option<ForumRole>) -> Result<Vec<user::Model>, AppError> {
    let mut q = forum_membership::Entity::find().find_also_related(user::Entity).filter(forum_membership::Column::ForumId.eq(forum_id));
    if let Some(r) = role {
        q = q.filter(forum_membership::Column::Role.eq(r.code()));
    }
    Ok(q.all(db).await?.into_iter().filter_map(|(_, u)| u.filter(|u| u.active && u.password_hash.is_some())).collect())
}

pub fn forum_scope(f: &forum::Model) -> Scope {
    scope_of(f.id, &f.visibility)
}

/// The policy's scope of a forum read without its whole row.
pub fn scope_of(id: i32, visibility: &str) -> Scope {
    Scope::Forum { id, public: visibility == "public" }
}

pub async fn dashboard(db: &impl ConnectionTrait, actor: &Actor) -> Result<Option<Dashboard>, AppError> {
    use crate::home::dto::{DashMeeting, MyAddition, ReviewWaiting};
    use entity::{agenda_addition, meeting};
    use super::meetings::local;
    let Some(me) = &actor.user else { return Ok(None) };
    // The forums come with the person (one statement per request).
    let names: HashMap<i32, String> = me.forums.iter().map(|f| (f.id, f.name.clone())).collect();
    let forum_ids: Vec<i32> = names.keys().copied().collect();
    let secretariat_of: Vec<i32> = me.forums.iter().filter(|f| f.role == ForumRole::Secretariat).map(|f| f.id).collect();
    let secretariat_of_all = secretariat_of.clone();
    let mut forums: Vec<ForumCard> = me
        .forums
        .iter()
        .map(|f| ForumCard { name: f.name.clone(), slug: f.slug.clone(), level: f.level.clone(), role: f.role.code().to_string() })
        .collect();
    forums.sort_by(|a, b| a.name.cmp(&b.name));
    let dash = |m: &meeting::Model| DashMeeting {
        id: m.id,
        title: m.title.clone(),
        forum_name: names.get(&m.forum_id).cloned().unwrap_or_default(),
        starts: local(m.starts_at),
        ends: local(m.ends_at),
        status: m.status.clone(),
    };
    let now = chrono::Utc::now();
    // Since the visit before this one; a first visit looks back two weeks.
    let previous = me.previous_visit_at.unwrap_or(now - chrono::Duration::days(14));
    // The lists of meetings and additions below: one statement.
    let in_mine = || meeting::Entity::find().filter(meeting::Column::ForumId.is_in(forum_ids.clone()));
    let mut parts = vec![
        Part::of("next", in_mine().filter(meeting::Column::EndsAt.gte(now)).filter(meeting::Column::Status.ne("cancelled")).order_by_asc(meeting::Column::StartsAt).limit(5)),
        Part::of("published", in_mine().filter(meeting::Column::AgendaPublishedAt.gt(previous)).order_by_desc(meeting::Column::AgendaPublishedAt).limit(10)),
        Part::of("my_additions", agenda_addition::Entity::find().filter(agenda_addition::Column::ProposerId.eq(me.id)).order_by_desc(agenda_addition::Column::ReceivedAt).limit(10)),
    ];
    // Summaries that wait for my review, by their meetings.
    let reviewing = Query::select()
        .column(entity::summary::Column::MeetingId)
        .from(entity::summary::Entity)
        .and_where(entity::summary::Column::State.eq("review"))
        .and_where(
            entity::summary::Column::Id
                .in_subquery(Query::select().column(entity::summary_reviewer::Column::SummaryId).from(entity::summary_reviewer::Entity).and_where(entity::summary_reviewer::Column::UserId.eq(me.id)).to_owned()),
        )
        .to_owned();
    parts.push(Part::of("to_summarise", meeting::Entity::find().filter(meeting::Column::Id.in_subquery(reviewing)).order_by_asc(meeting::Column::StartsAt).limit(20)));
    // Additions wait for the secretariat only: their meetings, each with how many wait.
    if !secretariat_of.is_empty() {
        let pending = |mut q: sea_orm::sea_query::SelectStatement| {
            q.from(agenda_addition::Entity).and_where(agenda_addition::Column::Status.eq("pending")).to_owned()
        };
        let count = pending(Query::select().expr(Expr::col(agenda_addition::Column::Id).count()).and_where(Expr::col((agenda_addition::Entity, agenda_addition::Column::MeetingId)).equals((meeting::Entity, meeting::Column::Id))).to_owned());
        parts.push(
            Part::of(
                "to_review",
                meeting::Entity::find()
                    .filter(meeting::Column::ForumId.is_in(secretariat_of))
                    .filter(meeting::Column::Id.in_subquery(pending(Query::select().column(agenda_addition::Column::MeetingId).to_owned())))
                    .order_by_asc(meeting::Column::StartsAt)
                    .limit(50),
            )
            .also("waiting", SimpleExpr::SubQuery(None, Box::new(SubQueryStatement::SelectStatement(count)))),
        );
    }
    let mut rows = super::bundle::read(db, parts).await?;
    let mut next: Vec<meeting::Model> = rows.take("next")?;
    let mut published: Vec<meeting::Model> = rows.take("published")?;
    next.sort_by_key(|m| (m.starts_at, m.id));
    published.sort_by_key(|m| (std::cmp::Reverse(m.agenda_published_at), m.id));
    let next_meetings = next.iter().map(dash).collect();
    let published_since = published.iter().filter_map(|m| m.agenda_published_at.map(|p| (dash(m), local(p).date()))).collect();
    #[derive(serde::Deserialize)]
    struct Waiting {
        #[serde(flatten)]
        m: meeting::Model,
        waiting: u64,
    }
    let mut waiting: Vec<Waiting> = rows.take("to_review")?;
    waiting.sort_by_key(|w| (w.m.starts_at, w.m.id));
    let to_review = waiting.iter().map(|w| ReviewWaiting { meeting: dash(&w.m), count: w.waiting }).collect();
    let mut mine: Vec<agenda_addition::Model> = rows.take("my_additions")?;
    mine.sort_by_key(|a| (std::cmp::Reverse(a.received_at), std::cmp::Reverse(a.id)));
    let my_additions = mine.into_iter().map(|a| MyAddition { meeting_id: a.meeting_id, title: a.title, status: a.status, received: local(a.received_at).date() }).collect();
    let mut to_summarise: Vec<meeting::Model> = rows.take("to_summarise")?;
    to_summarise.sort_by_key(|m| (m.starts_at, m.id));
    let summaries_to_review = to_summarise.iter().map(dash).collect();
    let my_actions = super::actions::mine(db, actor).await?;
    let surveys_to_answer = super::surveys::waiting_for(db, actor).await?;
    let surveys_running = super::surveys::running_in(db, &secretariat_of_all).await?;
    let consultations_to_answer = super::consultations::waiting_for(db, actor).await?;
    Ok(Some(Dashboard { name: me.name.clone(), forums, next_meetings, published_since, to_review, summaries_to_review, surveys_to_answer, surveys_running, consultations_to_answer, my_additions, my_actions }))
}

/// The forums the person may see, as a tree by parent (one query). A forum whose parent is hidden
/// from the person is shown at the top level.
pub async fn structure(db: &impl ConnectionTrait, actor: &Actor) -> Result<Structure, AppError> {
    let all = forum::Entity::find().order_by_asc(forum::Column::Name).all(db).await?;
    let visible: Vec<&forum::Model> = all.iter().filter(|f| can(actor, Action::ViewForum, &forum_scope(f))).collect();
    let visible_ids: Vec<i32> = visible.iter().map(|f| f.id).collect();
    // Next meeting per forum: upcoming meetings in start order, the first per forum wins (one query).
    let mut next: HashMap<i32, (i32, chrono::NaiveDateTime, chrono::NaiveDateTime)> = HashMap::new();
    for m in entity::meeting::Entity::find()
        .filter(entity::meeting::Column::ForumId.is_in(visible_ids.clone()))
        .filter(entity::meeting::Column::StartsAt.gte(Utc::now()))
        .filter(entity::meeting::Column::Status.ne("cancelled"))
        .order_by_asc(entity::meeting::Column::StartsAt)
        .limit(1000)
        .all(db)
        .await?
    {
        next.entry(m.forum_id).or_insert((m.id, super::meetings::local(m.starts_at), super::meetings::local(m.ends_at)));
    }
    let open = super::actions::open_counts(db, visible_ids.clone()).await?;
    let mut children: HashMap<Option<i32>, Vec<&forum::Model>> = HashMap::new();
    for f in &visible {
        let parent = f.parent_id.filter(|p| visible_ids.contains(p));
        children.entry(parent).or_default().push(f);
    }
    type Next = HashMap<i32, (i32, chrono::NaiveDateTime, chrono::NaiveDateTime)>;
    struct Extra<'a> {
        next: &'a Next,
        open: &'a HashMap<i32, u64>,
    }
    fn build(f: &forum::Model, children: &HashMap<Option<i32>, Vec<&forum::Model>>, x: &Extra, depth: usize) -> ForumNode {
        ForumNode {
            name: f.name.clone(),
            slug: f.slug.clone(),
            level: f.level.clone(),
            public: f.visibility == "public",
            next: x.next.get(&f.id).copied(),
            open_actions: x.open.get(&f.id).copied().unwrap_or(0),
            // Parents are validated against cycles; the depth bound is a second guard.
            children: if depth > 10 {
                vec![]
            } else {
                children.get(&Some(f.id)).map(|cs| cs.iter().map(|c| build(c, children, x, depth + 1)).collect()).unwrap_or_default()
            },
        }
    }
    let extra = Extra { next: &next, open: &open };
    let mut roots: Vec<ForumNode> = children.get(&None).map(|cs| cs.iter().map(|f| build(f, &children, &extra, 0)).collect()).unwrap_or_default();
    // Strategic first, then by name.
    roots.sort_by_key(|n| (LEVELS.iter().position(|l| *l == n.level).unwrap_or(9), n.name.clone()));
    let parents = visible.iter().map(|f| Choice { id: f.id, name: f.name.clone() }).collect();
    Ok(Structure { roots, can_create: can(actor, Action::CreateForum, &Scope::Global), parents })
}

pub async fn find_by_slug(db: &impl ConnectionTrait, slug: &str) -> Result<forum::Model, AppError> {
    forum::Entity::find().filter(forum::Column::Slug.eq(slug)).one(db).await?.ok_or(AppError::NotFound)
}

pub async fn detail(db: &impl ConnectionTrait, actor: &Actor, slug: &str) -> Result<ForumDetail, AppError> {
    // The forum, its parent and its children in one statement. The subqueries are scalar (the slug
    // is unique), which PostgreSQL looks up by key where `IN` made it scan.
    let of_slug = |c: forum::Column| {
        let q = Query::select().column(c).from(forum::Entity).and_where(forum::Column::Slug.eq(slug)).to_owned();
        SimpleExpr::SubQuery(None, Box::new(SubQueryStatement::SelectStatement(q)))
    };
    let family = forum::Entity::find()
        .filter(
            Condition::any()
                .add(forum::Column::Slug.eq(slug))
                .add(Expr::col((forum::Entity, forum::Column::Id)).eq(of_slug(forum::Column::ParentId)))
                .add(Expr::col((forum::Entity, forum::Column::ParentId)).eq(of_slug(forum::Column::Id))),
        )
        .order_by_asc(forum::Column::Name)
        .all(db)
        .await?;
    let f = family.iter().find(|x| x.slug == slug).cloned().ok_or(AppError::NotFound)?;
    authorize(actor, Action::ViewForum, &forum_scope(&f))?;
    let visible = |x: &&forum::Model| can(actor, Action::ViewForum, &forum_scope(x));
    let parent = f.parent_id.and_then(|pid| family.iter().find(|p| p.id == pid)).filter(visible).cloned();
    let children = family.iter().filter(|c| c.parent_id == Some(f.id)).filter(visible).map(|c| (c.name.clone(), c.slug.clone())).collect();
    // Its organisations and people with a role, and for the forum's managers every other
    // organisation and forum (the edit form's choices): one statement.
    let can_manage = can(actor, Action::ManageForum, &forum_scope(&f));
    let of_forum = Query::select().column(forum_organisation::Column::OrganisationId).from(forum_organisation::Entity).and_where(forum_organisation::Column::ForumId.eq(f.id)).to_owned();
    let orgs_where = |name, cond| Part::query(name, Query::select().columns([organisation::Column::Id, organisation::Column::Name]).from(organisation::Entity).cond_where(cond).to_owned(), &[("id", false), ("name", false)]);
    let mut parts = vec![
        orgs_where("organisations", organisation::Column::Id.in_subquery(of_forum.clone())),
        Part::query(
            "members",
            Query::select()
                .expr_as(Expr::col((organisation::Entity, organisation::Column::Name)), Alias::new("organisation"))
                .column((user::Entity, user::Column::Name))
                .column((user::Entity, user::Column::Title))
                .column((forum_membership::Entity, forum_membership::Column::Role))
                .from(forum_membership::Entity)
                .join(JoinType::InnerJoin, user::Entity, Expr::col((forum_membership::Entity, forum_membership::Column::UserId)).equals((user::Entity, user::Column::Id)))
                .join(JoinType::InnerJoin, organisation::Entity, Expr::col((user::Entity, user::Column::OrganisationId)).equals((organisation::Entity, organisation::Column::Id)))
                .and_where(Expr::col((forum_membership::Entity, forum_membership::Column::ForumId)).eq(f.id))
                .and_where(Expr::col((user::Entity, user::Column::Active)).eq(true))
                .to_owned(),
            &[("organisation", false), ("name", false), ("title", false), ("role", false)],
        ),
    ];
    if can_manage {
        parts.push(orgs_where("other_organisations", organisation::Column::Id.not_in_subquery(of_forum)));
        parts.push(Part::query(
            "parents",
            Query::select().columns([forum::Column::Id, forum::Column::Name]).from(forum::Entity).and_where(forum::Column::Id.ne(f.id)).to_owned(),
            &[("id", false), ("name", false)],
        ));
    }
    let mut rows = super::bundle::read(db, parts).await?;
    let by_name = |mut v: Vec<Choice>| {
        v.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
        v
    };
    let organisations: Vec<Choice> = by_name(rows.take("organisations")?);
    #[derive(serde::Deserialize)]
    struct Member {
        organisation: String,
        name: String,
        title: Option<String>,
        role: String,
    }
    let mut grouped: BTreeMap<String, Vec<Representative>> = BTreeMap::new();
    for Member { organisation, name, title, role } in rows.take::<Member>("members")? {
        grouped.entry(organisation).or_default().push(Representative { name, title, role });
    }
    let representatives = grouped
        .into_iter()
        .map(|(organisation, mut people)| {
            people.sort_by(|a, b| a.name.cmp(&b.name));
            OrgRepresentatives { organisation, people }
        })
        .collect();
    let edit = if can_manage {
        Some(ForumEdit {
            purpose: f.purpose.clone(),
            agenda_template: f.agenda_template.clone(),
            contact_email: f.contact_email.clone().unwrap_or_default(),
            parent_id: f.parent_id,
            parents: by_name(rows.take("parents")?),
            other_organisations: by_name(rows.take("other_organisations")?),
        })
    } else {
        None
    };
    let (upcoming, past) = super::meetings::for_forum(db, f.id, 20).await?;
    let base_feed = format!("/forums/{}/calendar.ics", f.slug);
    let feed_path = if f.visibility == "public" {
        Some(base_feed)
    } else {
        // The token comes with the person.
        actor.user.as_ref().and_then(|u| u.calendar_token.as_ref()).map(|t| format!("{base_feed}?token={t}"))
    };
    let open_surveys = super::surveys::running_in(db, &[f.id]).await?;
    let open_consultations = super::consultations::open_in_forum(db, actor, &f).await?;
    Ok(ForumDetail {
        open_surveys,
        open_consultations,
        feed_path,
        can_plan_meetings: can(actor, Action::ManageMeetings, &forum_scope(&f)),
        upcoming,
        past,
        id: f.id,
        name: f.name,
        slug: f.slug,
        level: f.level,
        public: f.visibility == "public",
        purpose_html: markdown::render(&f.purpose),
        contact_email: f.contact_email,
        publish_days_before: f.publish_days_before,
        parent: parent.map(|p| (p.name, p.slug)),
        children,
        organisations,
        representatives,
        can_manage,
        edit,
    })
}

#[derive(Clone, Debug, Default)]
pub struct ForumInput {
    pub name: String,
    pub slug: String,
    pub level: String,
    pub parent_id: String,
    pub visibility: String,
    pub contact_email: String,
    pub publish_days_before: String,
    pub purpose: String,
    pub agenda_template: String,
}

/// "Aktörsråd vård" -> "aktorsrad-vard".
pub fn slugify(name: &str) -> String {
    let mut out = String::new();
    for c in name.to_lowercase().chars() {
        let c = match c {
            'å' | 'ä' | 'à' | 'á' | 'â' => 'a',
            'ö' | 'ø' | 'ó' | 'ô' => 'o',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'ü' | 'ú' => 'u',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').chars().take(60).collect()
}

/// Create (`id` None) or update a forum; returns its slug. A secretariat that creates a forum
/// becomes its secretariat. The slug is fixed after creation, so links stay valid.
pub async fn save(db: &impl ConnectionTrait, actor: &Actor, id: Option<i32>, input: ForumInput) -> Result<String, AppError> {
    let existing = match id {
        Some(id) => {
            let f = forum::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
            authorize(actor, Action::ManageForum, &forum_scope(&f))?;
            Some(f)
        }
        None => {
            authorize(actor, Action::CreateForum, &Scope::Global)?;
            None
        }
    };
    let mut v = Validator::new();
    let name = v.required("name", &input.name, 200);
    let slug = match &existing {
        Some(f) => f.slug.clone(),
        None => {
            let s = if input.slug.trim().is_empty() { slugify(&name) } else { input.slug.trim().to_lowercase() };
            if s.len() < 2 || !s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
                v.add("slug", K::ErrSlug);
            } else if forum::Entity::find().filter(forum::Column::Slug.eq(&s)).one(db).await?.is_some() {
                v.add("slug", K::ErrSlugTaken);
            }
            s
        }
    };
    if !LEVELS.contains(&input.level.as_str()) {
        v.add("level", K::ErrChoose);
    }
    let visibility = match input.visibility.as_str() {
        "public" => "public",
        "members" | "" => "members",
        _ => {
            v.add("visibility", K::ErrChoose);
            "members"
        }
    };
    let parent_id = match input.parent_id.trim() {
        "" => None,
        p => match p.parse::<i32>().ok() {
            Some(pid) if forum::Entity::find_by_id(pid).one(db).await?.is_some() => {
                if let Some(f) = &existing {
                    if creates_cycle(db, f.id, pid).await? {
                        v.add("parent_id", K::ErrParentCycle);
                    }
                }
                Some(pid)
            }
            _ => {
                v.add("parent_id", K::ErrUnknownForum);
                None
            }
        },
    };
    let contact_email = match input.contact_email.trim() {
        "" => None,
        e => Some(v.email("contact_email", e)),
    };
    let publish_days_before = match input.publish_days_before.trim() {
        "" => 7,
        d => match d.parse::<i32>().ok().filter(|d| (0..=60).contains(d)) {
            Some(d) => d,
            None => {
                v.add("publish_days_before", K::ErrDays);
                7
            }
        },
    };
    let purpose = v.optional("purpose", &input.purpose, 20_000).unwrap_or_default();
    let agenda_template = v.optional("agenda_template", &input.agenda_template, 20_000).unwrap_or_default();
    v.finish(&[
        ("name", input.name.as_str()),
        ("slug", input.slug.as_str()),
        ("level", input.level.as_str()),
        ("parent_id", input.parent_id.as_str()),
        ("visibility", input.visibility.as_str()),
        ("contact_email", input.contact_email.as_str()),
        ("publish_days_before", input.publish_days_before.as_str()),
        ("purpose", input.purpose.as_str()),
        ("agenda_template", input.agenda_template.as_str()),
    ])?;
    let mut am = match &existing {
        Some(f) => forum::ActiveModel { id: Set(f.id), ..Default::default() },
        None => forum::ActiveModel { slug: Set(slug.clone()), created_at: Set(Utc::now()), ..Default::default() },
    };
    am.name = Set(name);
    am.level = Set(input.level.clone());
    am.parent_id = Set(parent_id);
    am.visibility = Set(visibility.into());
    am.contact_email = Set(contact_email);
    am.publish_days_before = Set(publish_days_before);
    am.purpose = Set(purpose);
    am.agenda_template = Set(agenda_template);
    let saved = match existing {
        Some(_) => am.update(db).await?,
        None => {
            let created = am.insert(db).await?;
            if let (false, Some(uid)) = (actor.is_admin(), actor.user_id()) {
                ensure_membership(db, uid, created.id, ForumRole::Secretariat).await?;
            }
            created
        }
    };
    audit::record(db, actor, "forum.saved", &format!("forum:{}", saved.id), &format!("{} ({})", saved.name, saved.visibility)).await?;
    Ok(slug)
}

/// True when making `parent` the parent of `forum` would close a loop.
async fn creates_cycle(db: &impl ConnectionTrait, forum_id: i32, parent: i32) -> Result<bool, AppError> {
    let mut current = Some(parent);
    for _ in 0..32 {
        match current {
            None => return Ok(false),
            Some(id) if id == forum_id => return Ok(true),
            Some(id) => current = forum::Entity::find_by_id(id).one(db).await?.and_then(|f| f.parent_id),
        }
    }
    Ok(true)
}

/// Add or remove a member organisation.
pub async fn set_organisation(db: &impl ConnectionTrait, actor: &Actor, forum_id: i32, organisation_id: i32, member: bool) -> Result<(), AppError> {
    let f = forum::Entity::find_by_id(forum_id).one(db).await?.ok_or(AppError::NotFound)?;
    authorize(actor, Action::ManageForum, &forum_scope(&f))?;
    organisation::Entity::find_by_id(organisation_id).one(db).await?.ok_or(AppError::NotFound)?;
    let existing = forum_organisation::Entity::find()
        .filter(forum_organisation::Column::ForumId.eq(forum_id))
        .filter(forum_organisation::Column::OrganisationId.eq(organisation_id))
        .one(db)
        .await?;
    match (member, existing) {
        (true, None) => {
            forum_organisation::ActiveModel {
                forum_id: Set(forum_id),
                organisation_id: Set(organisation_id),
                created_at: Set(Utc::now()),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
        (false, Some(m)) => {
            forum_organisation::Entity::delete_by_id(m.id).exec(db).await?;
        }
        _ => return Ok(()),
    }
    audit::record(db, actor, "role.changed", &format!("forum:{forum_id}"), &format!("organisation:{organisation_id} member → {member}")).await
}

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn slugs_are_ascii_and_readable() {
        assert_eq!(slugify("Aktörsråd vård"), "aktorsrad-vard");
        assert_eq!(slugify("  Strategiskt samverkansforum!  "), "strategiskt-samverkansforum");
        assert_eq!(slugify("Dialogmöte – tjänst för testbevis"), "dialogmote-tjanst-for-testbevis");
    }
}
