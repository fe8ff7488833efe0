//! Consultations: the secretariat asks the forum's member organisations a few questions with a
//! deadline. Each organisation has one answer: anyone of its people drafts, one submits it on the
//! organisation's behalf, once. The submit is claimed with a conditional update, so two people
//! pressing at the same moment give one submission and one clear message.
use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use entity::{agenda_item, consultation, consultation_answer, consultation_question, consultation_response, forum, forum_organisation, meeting, organisation, user};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait};

use super::forums::forum_scope;
use super::meetings::{local, to_utc};
use crate::consultations::dto::{CompiledQuestion, ConsultationPage, ConsultationRow, MyOrgAnswer, OrgStatus, QuestionRow, DRAFT, LATE, NOT_STARTED, SUBMITTED};
use crate::error::{AppError, Validator};
use crate::i18n::{format_date, Lang, K};
use crate::ssr::policy::{authorize, can, Action, Actor, Scope};
use crate::ssr::{mail, markdown};

pub const MAX_ANSWER: usize = 10_000;

async fn consultation_and_forum(db: &impl ConnectionTrait, id: i32) -> Result<(consultation::Model, forum::Model), AppError> {
    let c = consultation::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let f = forum::Entity::find_by_id(c.forum_id).one(db).await?.ok_or(AppError::NotFound)?;
    Ok((c, f))
}

/// The end of the deadline day, Stockholm time.
fn deadline_end(d: NaiveDate) -> DateTime<Utc> {
    to_utc(d.and_time(NaiveTime::from_hms_opt(23, 59, 59).unwrap_or_default())).unwrap_or_else(|| d.and_time(NaiveTime::MIN).and_utc())
}

async fn member_orgs(db: &impl ConnectionTrait, forum_id: i32) -> Result<Vec<organisation::Model>, AppError> {
    let ids: Vec<i32> = forum_organisation::Entity::find().filter(forum_organisation::Column::ForumId.eq(forum_id)).all(db).await?.into_iter().map(|m| m.organisation_id).collect();
    Ok(organisation::Entity::find().filter(organisation::Column::Id.is_in(ids)).order_by_asc(organisation::Column::Name).all(db).await?)
}

fn answer_scope(f: &forum::Model, actor: &Actor, orgs: &[organisation::Model]) -> Option<Scope> {
    let org = actor.user.as_ref()?.organisation_id;
    Some(Scope::OrganisationAnswer { forum: f.id, organisation: org, member: orgs.iter().any(|o| o.id == org) })
}

/// The state of one organisation's answer, and whether it came in late.
fn state_of(r: Option<&consultation_response::Model>, deadline: NaiveDate, now: DateTime<Utc>) -> (&'static str, bool) {
    let end = deadline_end(deadline);
    match r {
        Some(r) if r.submitted_at.is_some() => (SUBMITTED, r.submitted_at.is_some_and(|t| t > end)),
        _ if now > end => (LATE, false),
        Some(_) => (DRAFT, false),
        None => (NOT_STARTED, false),
    }
}

async fn questions(db: &impl ConnectionTrait, id: i32) -> Result<Vec<consultation_question::Model>, AppError> {
    Ok(consultation_question::Entity::find().filter(consultation_question::Column::ConsultationId.eq(id)).order_by_asc(consultation_question::Column::Position).all(db).await?)
}

/// A forum's consultations with submitted/asked counts and the reader's own state (three queries).
pub async fn for_forum(db: &impl ConnectionTrait, actor: &Actor, f: &forum::Model) -> Result<Vec<ConsultationRow>, AppError> {
    rows_of_forum(db, actor, f, false).await
}

/// Only the open ones (for the forum page).
pub async fn open_in_forum(db: &impl ConnectionTrait, actor: &Actor, f: &forum::Model) -> Result<Vec<ConsultationRow>, AppError> {
    rows_of_forum(db, actor, f, true).await
}

async fn rows_of_forum(db: &impl ConnectionTrait, actor: &Actor, f: &forum::Model, open_only: bool) -> Result<Vec<ConsultationRow>, AppError> {
    authorize(actor, Action::ViewForum, &forum_scope(f))?;
    let manage = can(actor, Action::ManageConsultations, &forum_scope(f));
    let mut q = consultation::Entity::find().filter(consultation::Column::ForumId.eq(f.id));
    if open_only {
        q = q.filter(consultation::Column::State.eq("open"));
    } else if !manage {
        q = q.filter(consultation::Column::State.ne("draft"));
    }
    let list = q.order_by_desc(consultation::Column::Deadline).limit(50).all(db).await?;
    if list.is_empty() {
        return Ok(vec![]);
    }
    let orgs = member_orgs(db, f.id).await?;
    let responses = consultation_response::Entity::find().filter(consultation_response::Column::ConsultationId.is_in(list.iter().map(|c| c.id).collect::<Vec<_>>())).all(db).await?;
    let my_org = actor.user.as_ref().map(|u| u.organisation_id).filter(|o| orgs.iter().any(|m| m.id == *o));
    let now = Utc::now();
    Ok(list
        .into_iter()
        .map(|c| {
            let submitted = responses.iter().filter(|r| r.consultation_id == c.id && r.submitted_at.is_some()).count() as u64;
            let mine = my_org.filter(|_| c.state != "draft").map(|o| state_of(responses.iter().find(|r| r.consultation_id == c.id && r.organisation_id == o), c.deadline, now).0.to_string());
            ConsultationRow { id: c.id, title: c.title, state: c.state, deadline: c.deadline, submitted, organisations: orgs.len() as u64, mine }
        })
        .collect())
}

/// Open consultations that the reader's organisation has not submitted yet (for the overview).
pub async fn waiting_for(db: &impl ConnectionTrait, actor: &Actor) -> Result<Vec<ConsultationRow>, AppError> {
    let Some(me) = &actor.user else { return Ok(vec![]) };
    let forum_ids: Vec<i32> = me.forums.iter().map(|f| f.id).collect();
    if forum_ids.is_empty() {
        return Ok(vec![]);
    }
    // The forums of mine that my organisation belongs to, as a subquery: one statement.
    let member_of = sea_orm::sea_query::Query::select()
        .column(forum_organisation::Column::ForumId)
        .from(forum_organisation::Entity)
        .and_where(forum_organisation::Column::OrganisationId.eq(me.organisation_id))
        .and_where(forum_organisation::Column::ForumId.is_in(forum_ids))
        .to_owned();
    let open = consultation::Entity::find().filter(consultation::Column::ForumId.in_subquery(member_of)).filter(consultation::Column::State.eq("open")).order_by_asc(consultation::Column::Deadline).limit(20).all(db).await?;
    if open.is_empty() {
        return Ok(vec![]);
    }
    let done: Vec<i32> = consultation_response::Entity::find()
        .filter(consultation_response::Column::ConsultationId.is_in(open.iter().map(|c| c.id).collect::<Vec<_>>()))
        .filter(consultation_response::Column::OrganisationId.eq(me.organisation_id))
        .filter(consultation_response::Column::SubmittedAt.is_not_null())
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.consultation_id)
        .collect();
    let now = Utc::now();
    Ok(open
        .into_iter()
        .filter(|c| !done.contains(&c.id))
        .map(|c| {
            let state = if now > deadline_end(c.deadline) { LATE } else { NOT_STARTED };
            ConsultationRow { id: c.id, title: c.title, state: c.state, deadline: c.deadline, submitted: 0, organisations: 0, mine: Some(state.into()) }
        })
        .collect())
}

pub struct NewConsultation {
    pub title: String,
    pub background: String,
    /// YYYY-MM-DD.
    pub deadline: String,
    /// An agenda item id, or "0"/"" for none.
    pub item_id: String,
}

pub async fn create(db: &impl ConnectionTrait, actor: &Actor, slug: &str, input: NewConsultation) -> Result<i32, AppError> {
    let f = super::forums::find_by_slug(db, slug).await?;
    authorize(actor, Action::ManageConsultations, &forum_scope(&f))?;
    let keep = [("title", input.title.as_str()), ("background", input.background.as_str()), ("deadline", input.deadline.as_str()), ("item_id", input.item_id.as_str())];
    let mut v = Validator::new();
    let title = v.required("title", &input.title, 200);
    let background = v.optional("background", &input.background, 20_000).unwrap_or_default();
    let deadline = NaiveDate::parse_from_str(input.deadline.trim(), "%Y-%m-%d").ok().filter(|d| *d >= local(Utc::now()).date());
    if deadline.is_none() {
        v.add("deadline", K::ErrFutureDate);
    }
    let item = match input.item_id.trim().parse::<i32>().unwrap_or(0) {
        0 => None,
        id => {
            let found = agenda_item::Entity::find_by_id(id).find_also_related(meeting::Entity).one(db).await?;
            match found {
                Some((i, Some(m))) if m.forum_id == f.id => Some(i.id),
                _ => {
                    v.add("item_id", K::ErrChoose);
                    None
                }
            }
        }
    };
    v.finish(&keep)?;
    let c = consultation::ActiveModel {
        forum_id: Set(f.id),
        agenda_item_id: Set(item),
        title: Set(title),
        background: Set(background),
        state: Set("draft".into()),
        deadline: Set(deadline.unwrap_or_default()),
        reminder_days: Set(3),
        auto_reminded: Set(false),
        last_reminded_on: Set(None),
        opened_at: Set(None),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(c.id)
}

async fn managed_draft(db: &impl ConnectionTrait, actor: &Actor, id: i32) -> Result<(consultation::Model, forum::Model), AppError> {
    let (c, f) = consultation_and_forum(db, id).await?;
    authorize(actor, Action::ManageConsultations, &forum_scope(&f))?;
    if c.state != "draft" {
        return Err(AppError::form(K::ErrSurveyNotDraft));
    }
    Ok((c, f))
}

pub async fn add_question(db: &impl ConnectionTrait, actor: &Actor, id: i32, text: &str, help: &str) -> Result<i32, AppError> {
    let (c, _) = managed_draft(db, actor, id).await?;
    let mut v = Validator::new();
    let text_ok = v.required("text", text, 1000);
    let help_ok = v.optional("help", help, 1000).unwrap_or_default();
    v.finish(&[("text", text), ("help", help)])?;
    let position = consultation_question::Entity::find().filter(consultation_question::Column::ConsultationId.eq(c.id)).count(db).await? as i32;
    let q = consultation_question::ActiveModel { consultation_id: Set(c.id), position: Set(position), text: Set(text_ok), help: Set(help_ok), ..Default::default() }.insert(db).await?;
    Ok(q.id)
}

pub async fn delete_question(db: &impl ConnectionTrait, actor: &Actor, question_id: i32) -> Result<(), AppError> {
    let q = consultation_question::Entity::find_by_id(question_id).one(db).await?.ok_or(AppError::NotFound)?;
    managed_draft(db, actor, q.consultation_id).await?;
    consultation_question::Entity::delete_by_id(q.id).exec(db).await?;
    Ok(())
}

/// The people asked: those with a role in the forum whose organisation is a member organisation.
async fn asked_people(db: &impl ConnectionTrait, f: &forum::Model, orgs: &[i32]) -> Result<Vec<user::Model>, AppError> {
    Ok(super::forums::recipients(db, f.id, None).await?.into_iter().filter(|u| orgs.contains(&u.organisation_id)).collect())
}

async fn mail_people<C: ConnectionTrait>(txn: &C, base_url: &str, c: &consultation::Model, f: &forum::Model, people: &[user::Model], subject: K, body: K) -> Result<(), AppError> {
    let aud = super::notify::audience(txn, f.id, people).await?;
    let link = format!("{base_url}/consultations/{}", c.id);
    for u in people {
        let lang = Lang::from_code(&u.language);
        let lines = vec![f.name.clone(), format!("{} {}", K::ConsultationDeadline.in_lang(lang), format_date(lang, c.deadline))];
        let composed = mail::compose_list(lang, format!("{}: {}", subject.in_lang(lang), c.title), &u.name, body, &lines, &link);
        super::notify::deliver(txn, base_url, &aud, u, f, "survey", composed, &link).await?;
    }
    Ok(())
}

/// Send it: the people of the member organisations are mailed. Returns the number of organisations.
pub async fn open<C: ConnectionTrait + TransactionTrait>(db: &C, actor: &Actor, base_url: &str, id: i32) -> Result<usize, AppError> {
    let (c, f) = managed_draft(db, actor, id).await?;
    if questions(db, c.id).await?.is_empty() {
        return Err(AppError::form(K::ErrSurveyEmpty));
    }
    if c.deadline < local(Utc::now()).date() {
        return Err(AppError::form(K::ErrFutureDate));
    }
    let orgs: Vec<i32> = member_orgs(db, f.id).await?.into_iter().map(|o| o.id).collect();
    let people = asked_people(db, &f, &orgs).await?;
    let txn = super::begin_write(db).await?;
    let claimed = consultation::Entity::update_many()
        .col_expr(consultation::Column::State, Expr::value("open"))
        .col_expr(consultation::Column::OpenedAt, Expr::value(Utc::now()))
        .filter(consultation::Column::Id.eq(c.id))
        .filter(consultation::Column::State.eq("draft"))
        .exec(&txn)
        .await?;
    if claimed.rows_affected != 1 {
        txn.rollback().await?;
        return Err(AppError::form(K::ErrSurveyNotDraft));
    }
    mail_people(&txn, base_url, &c, &f, &people, K::MailConsultationSubject, K::MailConsultationBody).await?;
    super::audit::record(&txn, actor, "consultation.opened", &format!("consultation:{}", c.id), &format!("{}, {} organisations", c.title, orgs.len())).await?;
    txn.commit().await?;
    Ok(orgs.len())
}

pub async fn close(db: &impl ConnectionTrait, actor: &Actor, id: i32) -> Result<(), AppError> {
    let (c, f) = consultation_and_forum(db, id).await?;
    authorize(actor, Action::ManageConsultations, &forum_scope(&f))?;
    if c.state == "open" {
        consultation::ActiveModel { id: Set(c.id), state: Set("closed".into()), ..Default::default() }.update(db).await?;
    }
    Ok(())
}

/// Claim today's reminder (never two a day; the automatic one once), then mail the people of the
/// organisations that have not submitted.
async fn send_reminder<C: ConnectionTrait + TransactionTrait>(db: &C, base_url: &str, c: &consultation::Model, f: &forum::Model, auto: bool) -> Result<Option<usize>, AppError> {
    let today = local(Utc::now()).date();
    let orgs: Vec<i32> = member_orgs(db, f.id).await?.into_iter().map(|o| o.id).collect();
    let txn = super::begin_write(db).await?;
    let mut claim = consultation::Entity::update_many()
        .col_expr(consultation::Column::LastRemindedOn, Expr::value(today))
        .filter(consultation::Column::Id.eq(c.id))
        .filter(Condition::any().add(consultation::Column::LastRemindedOn.is_null()).add(consultation::Column::LastRemindedOn.ne(today)));
    if auto {
        claim = claim.col_expr(consultation::Column::AutoReminded, Expr::value(true)).filter(consultation::Column::AutoReminded.eq(false));
    }
    if claim.exec(&txn).await?.rows_affected != 1 {
        txn.rollback().await?;
        return Ok(None);
    }
    let done: Vec<i32> = consultation_response::Entity::find()
        .filter(consultation_response::Column::ConsultationId.eq(c.id))
        .filter(consultation_response::Column::SubmittedAt.is_not_null())
        .all(&txn)
        .await?
        .into_iter()
        .map(|r| r.organisation_id)
        .collect();
    let waiting: Vec<i32> = orgs.into_iter().filter(|o| !done.contains(o)).collect();
    let people = asked_people(&txn, f, &waiting).await?;
    mail_people(&txn, base_url, c, f, &people, K::MailConsultationReminderSubject, K::MailConsultationReminderBody).await?;
    txn.commit().await?;
    Ok(Some(waiting.len()))
}

/// The reminder button. Returns the number of organisations reminded.
pub async fn remind<C: ConnectionTrait + TransactionTrait>(db: &C, actor: &Actor, base_url: &str, id: i32) -> Result<usize, AppError> {
    let (c, f) = consultation_and_forum(db, id).await?;
    authorize(actor, Action::ManageConsultations, &forum_scope(&f))?;
    if c.state != "open" {
        return Err(AppError::form(K::ErrConsultationClosed));
    }
    send_reminder(db, base_url, &c, &f, false).await?.ok_or_else(|| AppError::form(K::ErrRemindedToday))
}

/// The automatic reminder, `reminder_days` before the deadline, once (run by the reminder worker).
pub async fn remind_due<C: ConnectionTrait + TransactionTrait>(db: &C, base_url: &str) -> Result<usize, AppError> {
    let today = local(Utc::now()).date();
    let open = consultation::Entity::find()
        .filter(consultation::Column::State.eq("open"))
        .filter(consultation::Column::AutoReminded.eq(false))
        .filter(consultation::Column::Deadline.gte(today))
        .all(db)
        .await?;
    let mut sent = 0;
    for c in open.into_iter().filter(|c| c.deadline - chrono::Duration::days(i64::from(c.reminder_days)) <= today) {
        let Some(f) = forum::Entity::find_by_id(c.forum_id).one(db).await? else { continue };
        if send_reminder(db, base_url, &c, &f, true).await?.is_some() {
            sent += 1;
        }
    }
    Ok(sent)
}

fn status(org: &str, r: Option<&consultation_response::Model>, deadline: NaiveDate, names: &HashMap<i32, String>) -> OrgStatus {
    let (state, late) = state_of(r, deadline, Utc::now());
    let who = |id: Option<i32>| id.and_then(|i| names.get(&i).cloned()).unwrap_or_default();
    OrgStatus {
        organisation: org.to_string(),
        state: state.into(),
        late,
        edited: r.map(|r| (local(r.updated_at), who(r.updated_by))),
        submitted: r.and_then(|r| r.submitted_at.map(|t| (local(t), who(r.submitted_by)))),
    }
}

pub async fn page(db: &impl ConnectionTrait, actor: &Actor, id: i32) -> Result<ConsultationPage, AppError> {
    let (c, f) = consultation_and_forum(db, id).await?;
    authorize(actor, Action::ViewForum, &forum_scope(&f))?;
    let manage = can(actor, Action::ManageConsultations, &forum_scope(&f));
    if c.state == "draft" && !manage {
        return Err(AppError::NotFound);
    }
    let qs = questions(db, c.id).await?;
    let orgs = member_orgs(db, f.id).await?;
    let responses = consultation_response::Entity::find().filter(consultation_response::Column::ConsultationId.eq(c.id)).all(db).await?;
    let people: Vec<i32> = responses.iter().flat_map(|r| [r.updated_by, r.submitted_by]).flatten().collect();
    let names: HashMap<i32, String> = user::Entity::find().filter(user::Column::Id.is_in(people)).all(db).await?.into_iter().map(|u| (u.id, u.name)).collect();
    let scope = answer_scope(&f, actor, &orgs);
    let my_org = actor.user.as_ref().and_then(|u| orgs.iter().find(|o| o.id == u.organisation_id));
    // Which answers' texts this reader gets: all for the secretariat, else only their own organisation's.
    let visible: Vec<i32> = responses.iter().filter(|r| manage || my_org.is_some_and(|o| o.id == r.organisation_id)).map(|r| r.id).collect();
    let answers = consultation_answer::Entity::find().filter(consultation_answer::Column::ResponseId.is_in(visible)).all(db).await?;
    let mine = my_org.filter(|_| c.state != "draft").map(|o| {
        let r = responses.iter().find(|r| r.organisation_id == o.id);
        let values = r.map(|r| answers.iter().filter(|a| a.response_id == r.id).map(|a| (a.question_id, a.text.clone())).collect()).unwrap_or_default();
        let may = scope.as_ref().is_some_and(|s| can(actor, Action::AnswerConsultation, s));
        MyOrgAnswer { status: status(&o.name, r, c.deadline, &names), values, can_edit: may && c.state == "open" && r.is_none_or(|r| r.submitted_at.is_none()) }
    });
    let org_names: HashMap<i32, String> = orgs.iter().map(|o| (o.id, o.name.clone())).collect();
    let (statuses, compiled) = if manage && c.state != "draft" {
        let statuses = orgs.iter().map(|o| status(&o.name, responses.iter().find(|r| r.organisation_id == o.id), c.deadline, &names)).collect();
        let end = deadline_end(c.deadline);
        let compiled = qs
            .iter()
            .map(|q| CompiledQuestion {
                id: q.id,
                text: q.text.clone(),
                answers: orgs
                    .iter()
                    .filter_map(|o| {
                        let r = responses.iter().find(|r| r.organisation_id == o.id && r.submitted_at.is_some())?;
                        let a = answers.iter().find(|a| a.response_id == r.id && a.question_id == q.id)?;
                        Some((org_names.get(&o.id).cloned().unwrap_or_default(), a.text.clone(), r.submitted_at.is_some_and(|t| t > end)))
                    })
                    .collect(),
            })
            .collect();
        (statuses, compiled)
    } else {
        (vec![], vec![])
    };
    let (item, materials) = match c.agenda_item_id {
        Some(item_id) => match agenda_item::Entity::find_by_id(item_id).find_also_related(meeting::Entity).one(db).await? {
            Some((i, Some(m))) => {
                let files = entity::material::Entity::find().filter(entity::material::Column::AgendaItemId.eq(i.id)).order_by_asc(entity::material::Column::FileName).all(db).await?;
                let visible = m.agenda_published_at.is_some() || manage;
                let files = if visible { files.into_iter().map(|x| (x.id, format!("/materials/{}/{}", x.id, crate::components::percent_encode(&x.file_name)), x.file_name)).map(|(id, url, name)| (id, name, url)).collect::<Vec<_>>() } else { vec![] };
                (Some((m.id, format!("{} – {}", local(m.starts_at).date(), i.title))), files)
            }
            _ => (None, vec![]),
        },
        None => (None, vec![]),
    };
    Ok(ConsultationPage {
        id: c.id,
        forum_name: f.name.clone(),
        forum_slug: f.slug.clone(),
        title: c.title.clone(),
        background_html: markdown::render(&c.background),
        state: c.state.clone(),
        deadline: c.deadline,
        past_deadline: Utc::now() > deadline_end(c.deadline),
        questions: qs.iter().map(|q| QuestionRow { id: q.id, text: q.text.clone(), help: q.help.clone() }).collect(),
        item,
        materials,
        submitted: responses.iter().filter(|r| r.submitted_at.is_some() && org_names.contains_key(&r.organisation_id)).count() as u64,
        organisations: orgs.len() as u64,
        mine,
        can_manage: manage,
        statuses,
        compiled,
        item_choices: if manage && c.state == "draft" { super::surveys::item_choices(db, f.id).await? } else { vec![] },
        last_reminded: c.last_reminded_on,
    })
}

/// Save the organisation's answer (`a[q<id>]` values), as a draft or submitted on its behalf.
/// Returns true when submitted now.
pub async fn save<C: ConnectionTrait + TransactionTrait>(db: &C, actor: &Actor, id: i32, values: &BTreeMap<String, String>, submit: bool) -> Result<bool, AppError> {
    let (c, f) = consultation_and_forum(db, id).await?;
    authorize(actor, Action::ViewForum, &forum_scope(&f))?;
    let orgs = member_orgs(db, f.id).await?;
    let scope = answer_scope(&f, actor, &orgs).ok_or(AppError::Unauthenticated)?;
    authorize(actor, Action::AnswerConsultation, &scope)?;
    let (me, org) = actor.user.as_ref().map(|u| (u.id, u.organisation_id)).ok_or(AppError::Unauthenticated)?;
    if c.state != "open" {
        return Err(AppError::form(K::ErrConsultationClosed));
    }
    let qs = questions(db, c.id).await?;
    let keep: Vec<(String, String)> = values.iter().map(|(k, v)| (format!("a[{k}]"), v.clone())).collect();
    let keep_ref: Vec<(&str, &str)> = keep.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let mut v = Validator::new();
    let mut rows = vec![];
    for q in &qs {
        let field = format!("a[q{}]", q.id);
        let text = values.get(&format!("q{}", q.id)).map(|t| t.trim().to_string()).unwrap_or_default();
        if text.chars().count() > MAX_ANSWER {
            v.add(&field, K::ErrTooLong);
        } else if text.is_empty() {
            if submit {
                v.add(&field, K::ErrRequiredAnswer);
            }
        } else {
            rows.push((q.id, text));
        }
    }
    v.finish(&keep_ref)?;
    let now = Utc::now();
    let txn = super::begin_write(db).await?;
    consultation_response::Entity::insert(consultation_response::ActiveModel {
        consultation_id: Set(c.id),
        organisation_id: Set(org),
        updated_by: Set(Some(me)),
        updated_at: Set(now),
        submitted_by: Set(None),
        submitted_at: Set(None),
        ..Default::default()
    })
    .on_conflict(OnConflict::columns([consultation_response::Column::ConsultationId, consultation_response::Column::OrganisationId]).do_nothing().to_owned())
    .exec_without_returning(&txn)
    .await?;
    let r = consultation_response::Entity::find()
        .filter(consultation_response::Column::ConsultationId.eq(c.id))
        .filter(consultation_response::Column::OrganisationId.eq(org))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    // Takes the row (PostgreSQL waits here for a concurrent submit and then sees it): nothing
    // changes a submitted answer.
    let mut claim = consultation_response::Entity::update_many()
        .col_expr(consultation_response::Column::UpdatedAt, Expr::value(now))
        .col_expr(consultation_response::Column::UpdatedBy, Expr::value(me))
        .filter(consultation_response::Column::Id.eq(r.id))
        .filter(consultation_response::Column::SubmittedAt.is_null());
    if submit {
        claim = claim.col_expr(consultation_response::Column::SubmittedAt, Expr::value(now)).col_expr(consultation_response::Column::SubmittedBy, Expr::value(me));
    }
    if claim.exec(&txn).await?.rows_affected != 1 {
        txn.rollback().await?;
        return Err(AppError::form(K::ErrAlreadySubmitted));
    }
    consultation_answer::Entity::delete_many().filter(consultation_answer::Column::ResponseId.eq(r.id)).exec(&txn).await?;
    if !rows.is_empty() {
        consultation_answer::Entity::insert_many(rows.into_iter().map(|(q, text)| consultation_answer::ActiveModel { response_id: Set(r.id), question_id: Set(q), text: Set(text), ..Default::default() }))
            .exec(&txn)
            .await?;
    }
    if submit {
        let late = if now > deadline_end(c.deadline) { ", late" } else { "" };
        super::audit::record(&txn, actor, "consultation.submitted", &format!("consultation:{}", c.id), &format!("organisation {org}{late}")).await?;
    }
    txn.commit().await?;
    Ok(submit)
}

/// Every member organisation's answer as CSV: one row per organisation, one column per question.
pub async fn export_csv(db: &impl ConnectionTrait, actor: &Actor, id: i32) -> Result<(consultation::Model, Vec<u8>), AppError> {
    use super::actions::neutralise;
    let (c, f) = consultation_and_forum(db, id).await?;
    authorize(actor, Action::ManageConsultations, &forum_scope(&f))?;
    let p = page(db, actor, id).await?;
    let mut w = csv::WriterBuilder::new().delimiter(b';').from_writer(vec![0xEF, 0xBB, 0xBF]);
    let mut header = vec!["Organisation".to_string(), "Status".to_string(), "Inskickat".to_string(), "Inskickat av".to_string()];
    header.extend(p.questions.iter().map(|q| q.text.clone()));
    w.write_record(header.iter().map(|h| neutralise(h))).map_err(crate::ssr::ctx::internal)?;
    for s in &p.statuses {
        let state = match (s.state.as_str(), s.late) {
            (SUBMITTED, true) => K::StateSubmittedLate,
            (SUBMITTED, false) => K::StateSubmitted,
            (DRAFT, _) => K::StateAnswerDraft,
            (LATE, _) => K::StateLate,
            _ => K::StateNotStarted,
        };
        let mut row = vec![s.organisation.clone(), state.in_lang(Lang::Sv).to_string()];
        row.push(s.submitted.as_ref().map(|(t, _)| t.format("%Y-%m-%d %H:%M").to_string()).unwrap_or_default());
        row.push(s.submitted.as_ref().map(|(_, n)| n.clone()).unwrap_or_default());
        for q in &p.compiled {
            row.push(q.answers.iter().find(|(o, _, _)| *o == s.organisation).map(|(_, a, _)| a.clone()).unwrap_or_default());
        }
        w.write_record(row.iter().map(|x| neutralise(x))).map_err(crate::ssr::ctx::internal)?;
    }
    Ok((c, w.into_inner().map_err(crate::ssr::ctx::internal)?))
}
