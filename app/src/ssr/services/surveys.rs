//! Evaluation surveys: the secretariat builds and opens them; invited people answer once (a draft
//! first if they like, changes allowed until closing); everyone sees "5 av 18 har svarat"; results are
//! aggregated in the database. Anonymous answers carry no person: participation is counted on the
//! invitation, and the answer is found again only through the respondent's receipt code.
use std::collections::{BTreeMap, HashMap};

use chrono::{NaiveTime, Utc};
use entity::{forum, survey, survey_answer, survey_invitation, survey_question, survey_response, user};
use sea_orm::sea_query::{Alias, Asterisk, Expr, Func, Order, Query, SimpleExpr, UnionType};
use sea_orm::{ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait};

use super::forums::forum_scope;
use super::meetings::{local, to_utc};
use crate::error::{AppError, Validator};
use crate::i18n::{format_date, Lang, K};
use crate::ssr::policy::{authorize, can, Action, Actor, Scope};
use crate::ssr::{mail, markdown, tokens};
use crate::surveys::dto::{MyAnswers, PreviousRound, QuestionResult, QuestionView, ResultView, ResultsPage, SurveyPage, SurveyRow, KINDS};

pub const MAX_TEXT: usize = 5000;

async fn survey_and_forum(db: &impl ConnectionTrait, id: i32) -> Result<(survey::Model, forum::Model), AppError> {
    let to_forum: sea_orm::RelationDef = survey::Entity::belongs_to(forum::Entity).from(survey::Column::ForumId).to(forum::Column::Id).into();
    let (s, f) = survey::Entity::find_by_id(id).join(sea_orm::JoinType::InnerJoin, to_forum).select_also(forum::Entity).one(db).await?.ok_or(AppError::NotFound)?;
    Ok((s, f.ok_or(AppError::NotFound)?))
}

fn options_of(q: &survey_question::Model) -> Vec<String> {
    q.options.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect()
}

fn question_view(q: &survey_question::Model) -> QuestionView {
    QuestionView { id: q.id, section: q.section.clone(), kind: q.kind.clone(), text: q.text.clone(), help: q.help.clone(), required: q.required, options: options_of(q) }
}

async fn questions(db: &impl ConnectionTrait, survey_id: i32) -> Result<Vec<survey_question::Model>, AppError> {
    Ok(survey_question::Entity::find().filter(survey_question::Column::SurveyId.eq(survey_id)).order_by_asc(survey_question::Column::Position).all(db).await?)
}

/// (answered, invited) for many surveys at once.
async fn counts(db: &impl ConnectionTrait, ids: &[i32]) -> Result<HashMap<i32, (u64, u64)>, AppError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(i32, i64, i64)> = survey_invitation::Entity::find()
        .select_only()
        .column(survey_invitation::Column::SurveyId)
        .column_as(Expr::col(survey_invitation::Column::RespondedAt).count(), "answered")
        .column_as(Expr::col(survey_invitation::Column::Id).count(), "invited")
        .filter(survey_invitation::Column::SurveyId.is_in(ids.to_vec()))
        .group_by(survey_invitation::Column::SurveyId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(id, a, i)| (id, (a as u64, i as u64))).collect())
}

/// (answered, invited) for one survey.
async fn counts_of(db: &impl ConnectionTrait, survey_id: i32) -> Result<(u64, u64), AppError> {
    Ok(counts(db, &[survey_id]).await?.get(&survey_id).copied().unwrap_or((0, 0)))
}

/// Rows for these surveys with their response counts (one query).
async fn with_counts(db: &impl ConnectionTrait, list: Vec<survey::Model>) -> Result<Vec<SurveyRow>, AppError> {
    let c = counts(db, &list.iter().map(|s| s.id).collect::<Vec<_>>()).await?;
    Ok(list
        .into_iter()
        .map(|s| {
            let (answered, invited) = c.get(&s.id).copied().unwrap_or((0, 0));
            SurveyRow { id: s.id, title: s.title, state: s.state, closes: local(s.closes_at), answered, invited }
        })
        .collect())
}

/// A forum's surveys, newest first, with their response counts (two queries).
pub async fn for_forum(db: &impl ConnectionTrait, actor: &Actor, f: &forum::Model) -> Result<Vec<SurveyRow>, AppError> {
    authorize(actor, Action::ViewForum, &forum_scope(f))?;
    let manage = can(actor, Action::ManageSurveys, &forum_scope(f));
    let list = survey::Entity::find().filter(survey::Column::ForumId.eq(f.id)).order_by_desc(survey::Column::ClosesAt).limit(50).all(db).await?;
    let list: Vec<_> = list.into_iter().filter(|s| manage || s.state != "draft").collect();
    with_counts(db, list).await
}

/// The open surveys I am invited to and have not answered (for the overview).
pub async fn waiting_for(db: &impl ConnectionTrait, actor: &Actor) -> Result<Vec<SurveyRow>, AppError> {
    let Some(me) = actor.user_id() else { return Ok(vec![]) };
    let ids = sea_orm::sea_query::Query::select()
        .column(survey_invitation::Column::SurveyId)
        .from(survey_invitation::Entity)
        .and_where(survey_invitation::Column::UserId.eq(me))
        .and_where(survey_invitation::Column::RespondedAt.is_null())
        .to_owned();
    let list = survey::Entity::find().filter(survey::Column::Id.in_subquery(ids)).filter(survey::Column::State.eq("open")).order_by_asc(survey::Column::ClosesAt).all(db).await?;
    with_counts(db, list).await
}

/// The open surveys of these forums, with their response rates (for the secretariat's overview).
pub async fn running_in(db: &impl ConnectionTrait, forum_ids: &[i32]) -> Result<Vec<SurveyRow>, AppError> {
    if forum_ids.is_empty() {
        return Ok(vec![]);
    }
    let list = survey::Entity::find().filter(survey::Column::ForumId.is_in(forum_ids.to_vec())).filter(survey::Column::State.eq("open")).order_by_asc(survey::Column::ClosesAt).limit(20).all(db).await?;
    with_counts(db, list).await
}

pub struct NewSurvey {
    pub title: String,
    pub intro: String,
    pub anonymous: bool,
    /// YYYY-MM-DD: open until the end of that day (Stockholm).
    pub closes: String,
}

/// Title, intro and the closing time (end of that day, Stockholm), or the messages per field.
fn checked(input: &NewSurvey) -> Result<(String, String, chrono::DateTime<Utc>), AppError> {
    let keep = [("title", input.title.as_str()), ("intro", input.intro.as_str()), ("closes", input.closes.as_str())];
    let mut v = Validator::new();
    let title = v.required("title", &input.title, 200);
    let intro = v.optional("intro", &input.intro, 10_000).unwrap_or_default();
    let closes = chrono::NaiveDate::parse_from_str(input.closes.trim(), "%Y-%m-%d")
        .ok()
        .and_then(|d| to_utc(d.and_time(NaiveTime::from_hms_opt(23, 59, 0).unwrap_or_default())))
        .filter(|t| *t > Utc::now());
    if closes.is_none() {
        v.add("closes", K::ErrFutureDate);
    }
    v.finish(&keep)?;
    Ok((title, intro, closes.unwrap_or_else(Utc::now)))
}

fn draft(forum_id: i32, title: String, intro: String, anonymous: bool, closes_at: chrono::DateTime<Utc>, previous_id: Option<i32>) -> survey::ActiveModel {
    survey::ActiveModel {
        forum_id: Set(forum_id),
        title: Set(title),
        intro: Set(intro),
        anonymous: Set(anonymous),
        state: Set("draft".into()),
        opened_at: Set(None),
        closes_at: Set(closes_at),
        created_at: Set(Utc::now()),
        previous_id: Set(previous_id),
        insights: Set(String::new()),
        insights_published_at: Set(None),
        ..Default::default()
    }
}

pub async fn create(db: &impl ConnectionTrait, actor: &Actor, slug: &str, input: NewSurvey) -> Result<i32, AppError> {
    let f = super::forums::find_by_slug(db, slug).await?;
    authorize(actor, Action::ManageSurveys, &forum_scope(&f))?;
    let (title, intro, closes_at) = checked(&input)?;
    Ok(draft(f.id, title, intro, input.anonymous, closes_at, None).insert(db).await?.id)
}

/// A new draft round from an earlier survey of the same forum: its intro, anonymity and questions,
/// each question remembering its original so that the results can stand side by side.
pub async fn copy<C: ConnectionTrait + TransactionTrait>(db: &C, actor: &Actor, survey_id: i32, title: String, closes: String) -> Result<i32, AppError> {
    let (s, f) = survey_and_forum(db, survey_id).await?;
    authorize(actor, Action::ManageSurveys, &forum_scope(&f))?;
    let (title, intro, closes_at) = checked(&NewSurvey { title, intro: s.intro.clone(), anonymous: s.anonymous, closes })?;
    let qs = questions(db, s.id).await?;
    let txn = super::begin_write(db).await?;
    let created = draft(f.id, title, intro, s.anonymous, closes_at, Some(s.id)).insert(&txn).await?;
    if !qs.is_empty() {
        survey_question::Entity::insert_many(qs.into_iter().map(|q| survey_question::ActiveModel {
            survey_id: Set(created.id),
            position: Set(q.position),
            section: Set(q.section),
            kind: Set(q.kind),
            text: Set(q.text),
            help: Set(q.help),
            required: Set(q.required),
            options: Set(q.options),
            copied_from: Set(Some(q.id)),
            ..Default::default()
        }))
        .exec(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(created.id)
}

async fn managed_draft(db: &impl ConnectionTrait, actor: &Actor, survey_id: i32) -> Result<(survey::Model, forum::Model), AppError> {
    let (s, f) = survey_and_forum(db, survey_id).await?;
    authorize(actor, Action::ManageSurveys, &forum_scope(&f))?;
    if s.state != "draft" {
        return Err(AppError::form(K::ErrSurveyNotDraft));
    }
    Ok((s, f))
}

pub struct NewQuestion {
    pub section: String,
    pub kind: String,
    pub text: String,
    pub help: String,
    pub required: bool,
    pub options: String,
}

pub async fn add_question(db: &impl ConnectionTrait, actor: &Actor, survey_id: i32, q: NewQuestion) -> Result<i32, AppError> {
    let (s, _) = managed_draft(db, actor, survey_id).await?;
    let keep = [("section", q.section.as_str()), ("text", q.text.as_str()), ("help", q.help.as_str()), ("options", q.options.as_str()), ("kind", q.kind.as_str())];
    let mut v = Validator::new();
    let text = v.required("text", &q.text, 500);
    let section = v.optional("section", &q.section, 200).unwrap_or_default();
    let help = v.optional("help", &q.help, 1000).unwrap_or_default();
    if !KINDS.contains(&q.kind.as_str()) {
        v.add("kind", K::ErrChoose);
    }
    let lines: Vec<&str> = q.options.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    match q.kind.as_str() {
        "single" | "multi" if lines.len() < 2 || lines.len() > 20 => v.add("options", K::ErrSurveyOptions),
        "scale" if lines.len() > 2 => v.add("options", K::ErrScaleLabels),
        _ => {}
    }
    v.finish(&keep)?;
    let position = survey_question::Entity::find().filter(survey_question::Column::SurveyId.eq(s.id)).count(db).await? as i32;
    let created = survey_question::ActiveModel {
        survey_id: Set(s.id),
        position: Set(position),
        section: Set(section),
        kind: Set(q.kind.clone()),
        text: Set(text),
        help: Set(help),
        required: Set(q.required),
        options: Set(if q.kind == "text" { String::new() } else { lines.join("\n") }),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(created.id)
}

/// Move a question one step up or down (drafts only).
pub async fn move_question<C: ConnectionTrait + TransactionTrait>(db: &C, actor: &Actor, question_id: i32, up: bool) -> Result<(), AppError> {
    let q = survey_question::Entity::find_by_id(question_id).one(db).await?.ok_or(AppError::NotFound)?;
    managed_draft(db, actor, q.survey_id).await?;
    let all = questions(db, q.survey_id).await?;
    let Some(i) = all.iter().position(|x| x.id == q.id) else { return Err(AppError::NotFound) };
    let j = if up { i.checked_sub(1) } else { Some(i + 1).filter(|j| *j < all.len()) };
    let Some(j) = j else { return Ok(()) };
    let txn = super::begin_write(db).await?;
    for (k, other) in [(i, &all[j]), (j, &all[i])] {
        survey_question::ActiveModel { id: Set(other.id), position: Set(all[k].position), ..Default::default() }.update(&txn).await?;
    }
    txn.commit().await?;
    Ok(())
}

pub async fn delete_question(db: &impl ConnectionTrait, actor: &Actor, question_id: i32) -> Result<(), AppError> {
    let q = survey_question::Entity::find_by_id(question_id).one(db).await?.ok_or(AppError::NotFound)?;
    managed_draft(db, actor, q.survey_id).await?;
    survey_question::Entity::delete_by_id(q.id).exec(db).await?;
    Ok(())
}

/// Open: invite the forum's active people and mail them (through their notification choice).
pub async fn open<C: ConnectionTrait + TransactionTrait>(db: &C, actor: &Actor, base_url: &str, survey_id: i32) -> Result<usize, AppError> {
    open_for(db, actor, base_url, survey_id, &[]).await
}

/// Open for chosen people of the forum (`only`; empty: everyone).
pub async fn open_for<C: ConnectionTrait + TransactionTrait>(db: &C, actor: &Actor, base_url: &str, survey_id: i32, only: &[i32]) -> Result<usize, AppError> {
    let (s, f) = managed_draft(db, actor, survey_id).await?;
    if questions(db, s.id).await?.is_empty() {
        return Err(AppError::form(K::ErrSurveyEmpty));
    }
    if s.closes_at <= Utc::now() {
        return Err(AppError::form(K::ErrFutureDate));
    }
    let people: Vec<user::Model> = super::forums::recipients(db, f.id, None).await?.into_iter().filter(|u| only.is_empty() || only.contains(&u.id)).collect();
    if people.is_empty() {
        return Err(AppError::form(K::ErrChoose));
    }
    let txn = super::begin_write(db).await?;
    let claimed = survey::Entity::update_many()
        .col_expr(survey::Column::State, Expr::value("open"))
        .col_expr(survey::Column::OpenedAt, Expr::value(Utc::now()))
        .filter(survey::Column::Id.eq(s.id))
        .filter(survey::Column::State.eq("draft"))
        .exec(&txn)
        .await?;
    if claimed.rows_affected != 1 {
        return Err(AppError::form(K::ErrSurveyNotDraft));
    }
    for u in &people {
        survey_invitation::ActiveModel { survey_id: Set(s.id), user_id: Set(u.id), responded_at: Set(None), ..Default::default() }.insert(&txn).await?;
    }
    if s.anonymous && !people.is_empty() {
        // One empty answer row per invited person, created now: a respondent later takes a random
        // free one, so not even the order of the rows says who answered first.
        survey_response::Entity::insert_many((0..people.len()).map(|_| survey_response::ActiveModel {
            survey_id: Set(s.id),
            user_id: Set(None),
            receipt_hash: Set(None),
            submitted_at: Set(None),
            ..Default::default()
        }))
        .exec(&txn)
        .await?;
    }
    let aud = super::notify::audience(&txn, f.id, &people).await?;
    let link = format!("{base_url}/surveys/{}", s.id);
    for u in &people {
        let lang = Lang::from_code(&u.language);
        let subject = format!("{}: {}", K::MailSurveySubject.in_lang(lang), s.title);
        let lines = vec![f.name.clone(), format!("{} {}", K::SurveyCloses.in_lang(lang), format_date(lang, local(s.closes_at).date()))];
        super::notify::deliver(&txn, base_url, &aud, u, &f, "survey", mail::compose_list(lang, subject, &u.name, K::MailSurveyBody, &lines, &link), &link).await?;
    }
    super::audit::record(&txn, actor, "survey.opened", &format!("survey:{}", s.id), &format!("{}, {} invited", s.title, people.len())).await?;
    txn.commit().await?;
    Ok(people.len())
}

/// Claim today's reminder with a conditional update (so two instances, or a button and the worker,
/// never send two on one day), then mail those invited who have not answered. `None`: already
/// reminded today (or, for the automatic one, already sent).
async fn send_reminder<C: ConnectionTrait + TransactionTrait>(db: &C, base_url: &str, s: &survey::Model, f: &forum::Model, auto: bool) -> Result<Option<usize>, AppError> {
    let today = local(Utc::now()).date();
    let txn = super::begin_write(db).await?;
    let mut claim = survey::Entity::update_many()
        .col_expr(survey::Column::LastRemindedOn, Expr::value(today))
        .filter(survey::Column::Id.eq(s.id))
        .filter(Condition::any().add(survey::Column::LastRemindedOn.is_null()).add(survey::Column::LastRemindedOn.ne(today)));
    if auto {
        claim = claim.col_expr(survey::Column::AutoReminded, Expr::value(true)).filter(survey::Column::AutoReminded.eq(false));
    }
    if claim.exec(&txn).await?.rows_affected != 1 {
        txn.rollback().await?;
        return Ok(None);
    }
    let waiting: Vec<i32> = survey_invitation::Entity::find()
        .filter(survey_invitation::Column::SurveyId.eq(s.id))
        .filter(survey_invitation::Column::RespondedAt.is_null())
        .all(&txn)
        .await?
        .into_iter()
        .map(|i| i.user_id)
        .collect();
    let people = user::Entity::find().filter(user::Column::Id.is_in(waiting)).filter(user::Column::Active.eq(true)).all(&txn).await?;
    let aud = super::notify::audience(&txn, f.id, &people).await?;
    let link = format!("{base_url}/surveys/{}", s.id);
    for u in &people {
        let lang = Lang::from_code(&u.language);
        let subject = format!("{}: {}", K::MailSurveyReminderSubject.in_lang(lang), s.title);
        let lines = vec![f.name.clone(), format!("{} {}", K::SurveyCloses.in_lang(lang), format_date(lang, local(s.closes_at).date()))];
        super::notify::deliver(&txn, base_url, &aud, u, f, "survey", mail::compose_list(lang, subject, &u.name, K::MailSurveyReminderBody, &lines, &link), &link).await?;
    }
    txn.commit().await?;
    Ok(Some(people.len()))
}

/// The reminder button: to everyone invited who has not answered, at most once a day.
pub async fn remind<C: ConnectionTrait + TransactionTrait>(db: &C, actor: &Actor, base_url: &str, survey_id: i32) -> Result<usize, AppError> {
    let (s, f) = survey_and_forum(db, survey_id).await?;
    authorize(actor, Action::ManageSurveys, &forum_scope(&f))?;
    if !accepting(&s) {
        return Err(AppError::form(K::ErrSurveyClosed));
    }
    send_reminder(db, base_url, &s, &f, false).await?.ok_or_else(|| AppError::form(K::ErrRemindedToday))
}

/// The automatic reminder, `reminder_days` before closing, once (run by the reminder worker).
pub async fn remind_due<C: ConnectionTrait + TransactionTrait>(db: &C, base_url: &str) -> Result<usize, AppError> {
    let now = Utc::now();
    let open = survey::Entity::find()
        .filter(survey::Column::State.eq("open"))
        .filter(survey::Column::AutoReminded.eq(false))
        .filter(survey::Column::ClosesAt.gt(now))
        .all(db)
        .await?;
    let mut sent = 0;
    for s in open.into_iter().filter(|s| s.closes_at - chrono::Duration::days(i64::from(s.reminder_days)) <= now) {
        let Some(f) = forum::Entity::find_by_id(s.forum_id).one(db).await? else { continue };
        if send_reminder(db, base_url, &s, &f, true).await?.is_some() {
            sent += 1;
        }
    }
    Ok(sent)
}

pub async fn close(db: &impl ConnectionTrait, actor: &Actor, survey_id: i32) -> Result<(), AppError> {
    let (s, f) = survey_and_forum(db, survey_id).await?;
    authorize(actor, Action::ManageSurveys, &forum_scope(&f))?;
    if s.state == "open" {
        survey::ActiveModel { id: Set(s.id), state: Set("closed".into()), ..Default::default() }.update(db).await?;
    }
    Ok(())
}

/// Open and not past its closing time.
fn accepting(s: &survey::Model) -> bool {
    s.state == "open" && s.closes_at > Utc::now()
}

async fn my_response(db: &impl ConnectionTrait, s: &survey::Model, actor: &Actor, receipt: Option<&str>) -> Result<Option<survey_response::Model>, AppError> {
    let q = survey_response::Entity::find().filter(survey_response::Column::SurveyId.eq(s.id));
    Ok(if s.anonymous {
        match receipt.filter(|r| r.len() >= 32) {
            Some(r) => q.filter(survey_response::Column::ReceiptHash.eq(tokens::hash_token(r))).one(db).await?,
            None => None,
        }
    } else {
        match actor.user_id() {
            Some(u) => q.filter(survey_response::Column::UserId.eq(u)).one(db).await?,
            None => None,
        }
    })
}

pub async fn page(db: &impl ConnectionTrait, actor: &Actor, survey_id: i32, receipt: Option<&str>) -> Result<SurveyPage, AppError> {
    let (s, f) = survey_and_forum(db, survey_id).await?;
    authorize(actor, Action::ViewForum, &forum_scope(&f))?;
    let manage = can(actor, Action::ManageSurveys, &forum_scope(&f));
    if s.state == "draft" && !manage {
        return Err(AppError::NotFound);
    }
    let qs = questions(db, s.id).await?;
    let (answered, invited) = counts_of(db, s.id).await?;
    let invitation = match actor.user_id() {
        Some(u) => survey_invitation::Entity::find().filter(survey_invitation::Column::SurveyId.eq(s.id)).filter(survey_invitation::Column::UserId.eq(u)).one(db).await?,
        None => None,
    };
    let mine = match (&invitation, my_response(db, &s, actor, receipt).await?) {
        (Some(_), Some(r)) => {
            let answers = survey_answer::Entity::find().filter(survey_answer::Column::ResponseId.eq(r.id)).all(db).await?;
            let kinds: HashMap<i32, &str> = qs.iter().map(|q| (q.id, q.kind.as_str())).collect();
            let values = answers
                .into_iter()
                .map(|a| match kinds.get(&a.question_id) {
                    Some(&"multi") => (format!("q{}_{}", a.question_id, a.value.unwrap_or(0)), "on".to_string()),
                    Some(&"text") => (format!("q{}", a.question_id), a.text_value.unwrap_or_default()),
                    _ => (format!("q{}", a.question_id), a.value.unwrap_or(0).to_string()),
                })
                .collect();
            MyAnswers { values, submitted: r.submitted_at.is_some() }
        }
        (Some(i), None) => MyAnswers { values: vec![], submitted: i.responded_at.is_some() },
        _ => MyAnswers::default(),
    };
    // Who has not answered: named surveys only, and only for those who manage.
    let not_answered = if manage && !s.anonymous && s.state != "draft" {
        let ids: Vec<i32> = survey_invitation::Entity::find()
            .filter(survey_invitation::Column::SurveyId.eq(s.id))
            .filter(survey_invitation::Column::RespondedAt.is_null())
            .all(db)
            .await?
            .into_iter()
            .map(|i| i.user_id)
            .collect();
        user::Entity::find().filter(user::Column::Id.is_in(ids)).order_by_asc(user::Column::Name).all(db).await?.into_iter().map(|u| u.name).collect()
    } else {
        vec![]
    };
    let previous = match s.previous_id {
        Some(p) => survey::Entity::find_by_id(p).one(db).await?.map(|p| (p.id, p.title)),
        None => None,
    };
    let presented_at = presented_at(db, s.id).await?;
    Ok(SurveyPage {
        id: s.id,
        forum_name: f.name.clone(),
        forum_slug: f.slug.clone(),
        title: s.title.clone(),
        intro_html: markdown::render(&s.intro),
        anonymous: s.anonymous,
        state: if s.state == "open" && !accepting(&s) { "closed".into() } else { s.state.clone() },
        closes: local(s.closes_at),
        questions: qs.iter().map(question_view).collect(),
        answered,
        invited,
        not_answered,
        invited_me: invitation.is_some(),
        last_reminded: s.last_reminded_on,
        mine,
        can_manage: manage,
        can_see_results: s.state != "draft" && can(actor, Action::ReadSurveyResults, &results_scope(&s, &f)),
        insights: if manage { s.insights.clone() } else { String::new() },
        insights_html: if s.insights_published_at.is_some() { markdown::render(&s.insights) } else { String::new() },
        insights_published: s.insights_published_at.map(|t| local(t).date()),
        previous,
        presented_at,
        item_choices: if manage { item_choices(db, f.id).await? } else { vec![] },
        people: if manage && s.state == "draft" {
            let mut people: Vec<(i32, String)> = super::forums::recipients(db, f.id, None).await?.into_iter().map(|u| (u.id, u.name)).collect();
            people.sort_by(|a, b| a.1.cmp(&b.1));
            people
        } else {
            vec![]
        },
    })
}

/// Save the reader's answers, as a draft or submitted. `values` are the form's `a[…]` entries:
/// `q<id>` for a scale step, a choice's index or a text, `q<id>_<index>` for each ticked choice.
/// Returns the receipt code when an anonymous answer was started (the caller keeps it in a cookie).
pub async fn answer<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    survey_id: i32,
    values: &BTreeMap<String, String>,
    submit: bool,
    receipt: Option<&str>,
) -> Result<Option<String>, AppError> {
    let (s, f) = survey_and_forum(db, survey_id).await?;
    let me = actor.user_id().ok_or(AppError::Unauthenticated)?;
    let invitation = survey_invitation::Entity::find()
        .filter(survey_invitation::Column::SurveyId.eq(s.id))
        .filter(survey_invitation::Column::UserId.eq(me))
        .one(db)
        .await?;
    authorize(actor, Action::AnswerSurvey, &Scope::Invitation { forum: f.id, invited: invitation.is_some() })?;
    let invitation = invitation.ok_or(AppError::Forbidden)?;
    if !accepting(&s) {
        return Err(AppError::form(K::ErrSurveyClosed));
    }
    let qs = questions(db, s.id).await?;
    let keep: Vec<(String, String)> = values.iter().map(|(k, v)| (format!("a[{k}]"), v.clone())).collect();
    let keep_ref: Vec<(&str, &str)> = keep.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let mut v = Validator::new();
    let mut rows: Vec<(i32, Option<i32>, Option<String>)> = vec![];
    for q in &qs {
        let name = format!("q{}", q.id);
        let field = format!("a[{name}]");
        let before = rows.len();
        match q.kind.as_str() {
            "multi" => {
                let n = options_of(q).len() as i32;
                for i in 0..n {
                    if values.get(&format!("{name}_{i}")).is_some() {
                        rows.push((q.id, Some(i), None));
                    }
                }
            }
            "text" => {
                let t = values.get(&name).map(|t| t.trim().to_string()).unwrap_or_default();
                if t.chars().count() > MAX_TEXT {
                    v.add(&field, K::ErrTooLong);
                } else if !t.is_empty() {
                    rows.push((q.id, None, Some(t)));
                }
            }
            kind => {
                let max = if kind == "scale" { 5 } else { options_of(q).len() as i32 - 1 };
                let min = if kind == "scale" { 1 } else { 0 };
                if let Some(x) = values.get(&name).map(|x| x.trim()).filter(|x| !x.is_empty()) {
                    match x.parse::<i32>().ok().filter(|n| (min..=max).contains(n)) {
                        Some(n) => rows.push((q.id, Some(n), None)),
                        None => v.add(&field, K::ErrChoose),
                    }
                }
            }
        }
        if submit && q.required && rows.len() == before {
            v.add(&field, K::ErrRequiredAnswer);
        }
    }
    v.finish(&keep_ref)?;
    let now = Utc::now();
    let txn = super::begin_write(db).await?;
    let existing = my_response(&txn, &s, actor, receipt).await?;
    let mut new_receipt = None;
    let response = match existing {
        Some(r) => r,
        None => {
            // An anonymous respondent who has submitted, without the receipt, cannot start again.
            if s.anonymous && invitation.responded_at.is_some() {
                return Err(AppError::form(K::ErrAlreadyAnswered));
            }
            let code = s.anonymous.then(tokens::new_token);
            let r = match &code {
                Some(code) => take_free_row(&txn, s.id, &tokens::hash_token(code)).await?,
                None => None,
            };
            let r = match r {
                Some(r) => r,
                None => {
                    survey_response::ActiveModel {
                        survey_id: Set(s.id),
                        user_id: Set(if s.anonymous { None } else { Some(me) }),
                        receipt_hash: Set(code.as_deref().map(tokens::hash_token)),
                        submitted_at: Set(None),
                        ..Default::default()
                    }
                    .insert(&txn)
                    .await?
                }
            };
            new_receipt = code;
            r
        }
    };
    survey_answer::Entity::delete_many().filter(survey_answer::Column::ResponseId.eq(response.id)).exec(&txn).await?;
    if !rows.is_empty() {
        survey_answer::Entity::insert_many(rows.into_iter().map(|(q, value, text)| survey_answer::ActiveModel {
            response_id: Set(response.id),
            question_id: Set(q),
            value: Set(value),
            text_value: Set(text),
            ..Default::default()
        }))
        .exec(&txn)
        .await?;
    }
    if submit {
        // An anonymous answer carries the opening time, not its own: the time on the invitation
        // below must not pair it with a person.
        let at = if s.anonymous { s.opened_at.unwrap_or(s.created_at) } else { now };
        survey_response::ActiveModel { id: Set(response.id), submitted_at: Set(Some(response.submitted_at.unwrap_or(at))), ..Default::default() }.update(&txn).await?;
        // Participation is counted once, on the invitation; the answer holds no person when anonymous.
        survey_invitation::Entity::update_many()
            .col_expr(survey_invitation::Column::RespondedAt, Expr::value(now))
            .filter(survey_invitation::Column::Id.eq(invitation.id))
            .filter(survey_invitation::Column::RespondedAt.is_null())
            .exec(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(new_receipt)
}

/// Take a random one of the empty rows made at opening, for an anonymous answer (`None`: none left,
/// e.g. a survey opened before rows were made; the caller then adds one).
async fn take_free_row(txn: &impl ConnectionTrait, survey_id: i32, receipt_hash: &str) -> Result<Option<survey_response::Model>, AppError> {
    for _ in 0..5 {
        let free = survey_response::Entity::find()
            .filter(survey_response::Column::SurveyId.eq(survey_id))
            .filter(survey_response::Column::ReceiptHash.is_null())
            .filter(survey_response::Column::UserId.is_null())
            .order_by(SimpleExpr::from(Func::random()), sea_orm::Order::Asc)
            .one(txn)
            .await?;
        let Some(free) = free else { return Ok(None) };
        let taken = survey_response::Entity::update_many()
            .col_expr(survey_response::Column::ReceiptHash, Expr::value(receipt_hash))
            .filter(survey_response::Column::Id.eq(free.id))
            .filter(survey_response::Column::ReceiptHash.is_null())
            .exec(txn)
            .await?;
        if taken.rows_affected == 1 {
            return Ok(Some(survey_response::Model { receipt_hash: Some(receipt_hash.to_string()), ..free }));
        }
    }
    Ok(None)
}

fn median(counts: &[u64]) -> Option<f64> {
    let n: u64 = counts.iter().sum();
    if n == 0 {
        return None;
    }
    let at = |k: u64| -> f64 {
        let mut seen = 0;
        for (i, c) in counts.iter().enumerate() {
            seen += c;
            if seen > k {
                return (i + 1) as f64;
            }
        }
        counts.len() as f64
    };
    Some(if n % 2 == 1 { at(n / 2) } else { (at(n / 2 - 1) + at(n / 2)) / 2.0 })
}

/// Per question: the distribution, mean and median, free texts. Aggregated in the database: a
/// fixed number of queries whatever the number of answers.
async fn aggregate(db: &impl ConnectionTrait, survey_id: i32, qs: &[survey_question::Model]) -> Result<Vec<(i32, u64, QuestionResult)>, AppError> {
    use survey_answer::Column as A;
    // One statement of four kinds of rows, whatever the number of questions:
    // c: answers per (question, value), over all answers (an index-only scan of (question_id, value));
    // d: distinct respondents of each multiple-choice question (index (question_id, response_id));
    // u: the answers of unsubmitted responses, few, to take away from both;
    // t: free-text answers, at most 500 per question so that one long list cannot crowd out the
    //    others (`value IS NULL` lets the index deliver them in id order, so the limit ends the scan).
    let drafts = Query::select()
        .column(survey_response::Column::Id)
        .from(survey_response::Entity)
        .and_where(survey_response::Column::SurveyId.eq(survey_id))
        .and_where(survey_response::Column::SubmittedAt.is_null())
        .to_owned();
    let no_int = || SimpleExpr::Value(sea_orm::Value::Int(None));
    let arm = |kind: &str, q: SimpleExpr, v: SimpleExpr, n: SimpleExpr, t: SimpleExpr| {
        Query::select()
            .expr_as(Expr::val(kind), Alias::new("kind"))
            .expr_as(q, Alias::new("q"))
            .expr_as(v, Alias::new("v"))
            .expr_as(n, Alias::new("n"))
            .expr_as(t, Alias::new("t"))
            .from(survey_answer::Entity)
            .to_owned()
    };
    let no_text = || SimpleExpr::Value(sea_orm::Value::String(None));
    let qids: Vec<i32> = qs.iter().map(|q| q.id).collect();
    let mut union = arm("c", Expr::col(A::QuestionId).into(), Expr::col(A::Value).into(), Expr::cust("COUNT(*)"), no_text())
        .and_where(A::QuestionId.is_in(qids))
        .group_by_col(A::QuestionId)
        .group_by_col(A::Value)
        .to_owned();
    let multi: Vec<i32> = qs.iter().filter(|q| q.kind == "multi").map(|q| q.id).collect();
    if !multi.is_empty() {
        let d = arm("d", Expr::col(A::QuestionId).into(), no_int(), Func::count_distinct(Expr::col(A::ResponseId)).into(), no_text())
            .and_where(A::QuestionId.is_in(multi))
            .group_by_col(A::QuestionId)
            .to_owned();
        union.union(UnionType::All, d);
    }
    let unsent = arm("u", Expr::col(A::QuestionId).into(), Expr::col(A::Value).into(), Expr::col(A::ResponseId).into(), no_text()).and_where(A::ResponseId.in_subquery(drafts.clone())).to_owned();
    union.union(UnionType::All, unsent);
    for (i, q) in qs.iter().filter(|q| q.kind == "text").enumerate() {
        let list = arm("t", Expr::col(A::QuestionId).into(), no_int(), Expr::col(A::Id).into(), Expr::col(A::TextValue).into())
            .and_where(A::QuestionId.eq(q.id))
            .and_where(A::Value.is_null())
            .and_where(A::ResponseId.not_in_subquery(drafts.clone()))
            .order_by(A::Id, Order::Asc)
            .limit(500)
            .to_owned();
        let alias = Alias::new(format!("t{i}"));
        union.union(UnionType::All, Query::select().column((alias.clone(), Asterisk)).from_subquery(list, alias).to_owned());
    }
    let mut counts: HashMap<(i32, Option<i32>), i64> = HashMap::new();
    let mut distinct: HashMap<i32, i64> = HashMap::new();
    let mut unsent: Vec<(i32, Option<i32>, i64)> = vec![];
    let mut texts: HashMap<i32, Vec<(i64, String)>> = HashMap::new();
    for r in db.query_all(db.get_database_backend().build(&union)).await? {
        let (kind, q, v, n): (String, i32, Option<i32>, i64) = (r.try_get("", "kind")?, r.try_get("", "q")?, r.try_get("", "v")?, r.try_get("", "n")?);
        match kind.as_str() {
            "c" => *counts.entry((q, v)).or_default() += n,
            "d" => {
                distinct.insert(q, n);
            }
            "u" => unsent.push((q, v, n)),
            _ => texts.entry(q).or_default().push((n, r.try_get::<Option<String>>("", "t")?.unwrap_or_default())),
        }
    }
    for (q, v, _) in &unsent {
        *counts.entry((*q, *v)).or_default() -= 1;
    }
    let mut respondents: HashMap<i32, i64> = HashMap::new();
    for q in qs {
        let n = if q.kind == "multi" {
            // Several rows per respondent: the distinct responses, less the unsubmitted ones.
            let mut unsent_here: Vec<i64> = unsent.iter().filter(|(qid, _, _)| *qid == q.id).map(|(_, _, r)| *r).collect();
            unsent_here.sort_unstable();
            unsent_here.dedup();
            distinct.get(&q.id).copied().unwrap_or(0) - unsent_here.len() as i64
        } else {
            counts.iter().filter(|((qid, _), _)| *qid == q.id).map(|(_, n)| *n).sum()
        };
        respondents.insert(q.id, n);
    }
    let mut texts: HashMap<i32, Vec<String>> = texts
        .into_iter()
        .map(|(q, mut list)| {
            list.sort_unstable_by_key(|(id, _)| *id);
            (q, list.into_iter().map(|(_, t)| t).collect())
        })
        .collect();
    Ok(qs
        .iter()
        .map(|q| {
            let n = respondents.get(&q.id).copied().unwrap_or(0) as u64;
            let count_of = |v: i32| counts.get(&(q.id, Some(v))).copied().unwrap_or(0) as u64;
            let result = match q.kind.as_str() {
                "scale" => {
                    let counts: Vec<u64> = (1..=5).map(count_of).collect();
                    let total: u64 = counts.iter().sum();
                    let mean = (total > 0).then(|| counts.iter().enumerate().map(|(i, c)| (i as u64 + 1) * c).sum::<u64>() as f64 / total as f64);
                    QuestionResult::Scale { median: median(&counts), counts, mean }
                }
                "text" => QuestionResult::Text { answers: texts.remove(&q.id).unwrap_or_default() },
                _ => QuestionResult::Choice { counts: (0..options_of(q).len() as i32).map(count_of).collect() },
            };
            (q.id, n, result)
        })
        .collect())
}

/// The secretariat sees results at once; the forum's readers once the insights are published.
fn results_scope(s: &survey::Model, f: &forum::Model) -> Scope {
    Scope::SurveyResults { forum: f.id, shared: s.insights_published_at.is_some() }
}

/// Results with, for a copied survey, the previous round's numbers beside each question.
pub async fn results(db: &impl ConnectionTrait, actor: &Actor, survey_id: i32) -> Result<ResultsPage, AppError> {
    let (s, f) = survey_and_forum(db, survey_id).await?;
    authorize(actor, Action::ReadSurveyResults, &results_scope(&s, &f))?;
    let qs = questions(db, s.id).await?;
    let now = aggregate(db, s.id, &qs).await?;
    let previous = match s.previous_id {
        Some(pid) => survey::Entity::find_by_id(pid).one(db).await?.filter(|p| p.forum_id == f.id),
        None => None,
    };
    let (before, round) = match &previous {
        Some(p) => {
            let pqs = questions(db, p.id).await?;
            let (answered, invited) = counts_of(db, p.id).await?;
            let agg: HashMap<i32, (u64, QuestionResult)> = aggregate(db, p.id, &pqs).await?.into_iter().map(|(id, n, r)| (id, (n, r))).collect();
            (agg, Some(PreviousRound { id: p.id, title: p.title.clone(), answered, invited }))
        }
        None => (HashMap::new(), None),
    };
    let (answered, invited) = counts_of(db, s.id).await?;
    let results = qs
        .iter()
        .zip(now)
        .map(|(q, (_, n, result))| {
            let previous = q.copied_from.and_then(|pid| before.get(&pid).cloned()).filter(|(_, r)| !matches!(r, QuestionResult::Text { .. }));
            ResultView { question: question_view(q), n, result, previous }
        })
        .collect();
    Ok(ResultsPage {
        id: s.id,
        title: s.title,
        forum_name: f.name,
        forum_slug: f.slug,
        answered,
        invited,
        results,
        previous: round,
        insights_html: if s.insights_published_at.is_some() { markdown::render(&s.insights) } else { String::new() },
    })
}

/// Save the insights; `publish` the first time also mails them to the forum's people.
pub async fn save_insights<C: ConnectionTrait + TransactionTrait>(db: &C, actor: &Actor, base_url: &str, survey_id: i32, text: &str, publish: bool) -> Result<bool, AppError> {
    let (s, f) = survey_and_forum(db, survey_id).await?;
    authorize(actor, Action::ManageSurveys, &forum_scope(&f))?;
    let mut v = Validator::new();
    let insights = v.optional("insights", text, 20_000).unwrap_or_default();
    if publish && insights.is_empty() {
        v.add("insights", K::ErrRequired);
    }
    if s.state == "draft" {
        v.add("insights", K::ErrSurveyNotOpened);
    }
    v.finish(&[("insights", text)])?;
    let first = publish && s.insights_published_at.is_none();
    let txn = super::begin_write(db).await?;
    let mut row = survey::ActiveModel { id: Set(s.id), insights: Set(insights), ..Default::default() };
    if first {
        row.insights_published_at = Set(Some(Utc::now()));
    }
    row.update(&txn).await?;
    if first {
        let people = super::forums::recipients(&txn, f.id, None).await?;
        let aud = super::notify::audience(&txn, f.id, &people).await?;
        let link = format!("{base_url}/surveys/{}/results", s.id);
        for u in &people {
            let lang = Lang::from_code(&u.language);
            let subject = format!("{}: {}", K::MailInsightsSubject.in_lang(lang), s.title);
            super::notify::deliver(&txn, base_url, &aud, u, &f, "survey", mail::compose_list(lang, subject, &u.name, K::MailInsightsBody, &[f.name.clone()], &link), &link).await?;
        }
        super::audit::record(&txn, actor, "survey.insights", &format!("survey:{}", s.id), &s.title).await?;
    }
    txn.commit().await?;
    Ok(first)
}

/// Present the survey's results and insights at an agenda item of one of the forum's meetings
/// (`item_id` 0 removes it from wherever it is).
pub async fn attach<C: ConnectionTrait + TransactionTrait>(db: &C, actor: &Actor, survey_id: i32, item_id: i32) -> Result<(), AppError> {
    use entity::{agenda_item, meeting};
    let (s, f) = survey_and_forum(db, survey_id).await?;
    authorize(actor, Action::ManageSurveys, &forum_scope(&f))?;
    let txn = super::begin_write(db).await?;
    agenda_item::Entity::update_many().col_expr(agenda_item::Column::SurveyId, Expr::value(Option::<i32>::None)).filter(agenda_item::Column::SurveyId.eq(s.id)).exec(&txn).await?;
    if item_id != 0 {
        let item = agenda_item::Entity::find_by_id(item_id).one(&txn).await?.ok_or_else(|| AppError::form(K::ErrChoose))?;
        let m = meeting::Entity::find_by_id(item.meeting_id).one(&txn).await?.ok_or(AppError::NotFound)?;
        if m.forum_id != f.id {
            return Err(AppError::form(K::ErrChoose));
        }
        agenda_item::ActiveModel { id: Set(item.id), survey_id: Set(Some(s.id)), ..Default::default() }.update(&txn).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// The agenda items presenting this survey: (meeting id, "date – item").
async fn presented_at(db: &impl ConnectionTrait, survey_id: i32) -> Result<Vec<(i32, String)>, AppError> {
    use entity::{agenda_item, meeting};
    let items = agenda_item::Entity::find().filter(agenda_item::Column::SurveyId.eq(survey_id)).find_also_related(meeting::Entity).all(db).await?;
    Ok(items.into_iter().filter_map(|(i, m)| m.map(|m| (m.id, format!("{} – {}", local(m.starts_at).date(), i.title)))).collect())
}

/// Agenda items a survey can be presented at: those of the forum's meetings from a month back on.
pub(crate) async fn item_choices(db: &impl ConnectionTrait, forum_id: i32) -> Result<Vec<(i32, String)>, AppError> {
    use entity::{agenda_item, meeting};
    let meetings = meeting::Entity::find()
        .filter(meeting::Column::ForumId.eq(forum_id))
        .filter(meeting::Column::StartsAt.gt(Utc::now() - chrono::Duration::days(31)))
        .filter(meeting::Column::Status.ne("cancelled"))
        .order_by_asc(meeting::Column::StartsAt)
        .limit(10)
        .all(db)
        .await?;
    let dates: HashMap<i32, chrono::NaiveDate> = meetings.iter().map(|m| (m.id, local(m.starts_at).date())).collect();
    let items = agenda_item::Entity::find().filter(agenda_item::Column::MeetingId.is_in(dates.keys().copied().collect::<Vec<_>>())).all(db).await?;
    let mut out: Vec<(chrono::NaiveDate, i32, i32, String)> = items.into_iter().filter_map(|i| dates.get(&i.meeting_id).map(|d| (*d, i.position, i.id, i.title))).collect();
    out.sort();
    Ok(out.into_iter().map(|(d, _, id, title)| (id, format!("{d} – {title}"))).collect())
}

/// All submitted answers as CSV (UTF-8 with BOM, semicolons, formula-like cells neutralised): one
/// row per response, one column per question. Anonymous answers have no name, no time, and come in
/// the order of their random receipt hashes.
pub async fn export_csv(db: &impl ConnectionTrait, actor: &Actor, survey_id: i32) -> Result<(survey::Model, usize, Vec<u8>), AppError> {
    use super::actions::neutralise;
    let (s, f) = survey_and_forum(db, survey_id).await?;
    authorize(actor, Action::ManageSurveys, &forum_scope(&f))?;
    let qs = questions(db, s.id).await?;
    let mut find = survey_response::Entity::find().filter(survey_response::Column::SurveyId.eq(s.id)).filter(survey_response::Column::SubmittedAt.is_not_null());
    find = if s.anonymous { find.order_by_asc(survey_response::Column::ReceiptHash) } else { find.order_by_asc(survey_response::Column::Id) };
    let responses = find.all(db).await?;
    let ids: Vec<i32> = responses.iter().map(|r| r.id).collect();
    let mut answers: HashMap<i32, Vec<survey_answer::Model>> = HashMap::new();
    for chunk in ids.chunks(500) {
        for a in survey_answer::Entity::find().filter(survey_answer::Column::ResponseId.is_in(chunk.to_vec())).order_by_asc(survey_answer::Column::Value).all(db).await? {
            answers.entry(a.response_id).or_default().push(a);
        }
    }
    let people: HashMap<i32, (String, String)> = if s.anonymous {
        HashMap::new()
    } else {
        let users = user::Entity::find().filter(user::Column::Id.is_in(responses.iter().filter_map(|r| r.user_id).collect::<Vec<_>>())).all(db).await?;
        let orgs: HashMap<i32, String> = entity::organisation::Entity::find()
            .filter(entity::organisation::Column::Id.is_in(users.iter().map(|u| u.organisation_id).collect::<Vec<_>>()))
            .all(db)
            .await?
            .into_iter()
            .map(|o| (o.id, o.name))
            .collect();
        users.into_iter().map(|u| (u.id, (u.name, orgs.get(&u.organisation_id).cloned().unwrap_or_default()))).collect()
    };
    let mut w = csv::WriterBuilder::new().delimiter(b';').from_writer(vec![0xEF, 0xBB, 0xBF]);
    let mut header = vec!["Svar".to_string()];
    if !s.anonymous {
        header.extend(["Namn".to_string(), "Organisation".to_string(), "Inskickat".to_string()]);
    }
    header.extend(qs.iter().map(|q| q.text.clone()));
    w.write_record(header.iter().map(|c| neutralise(c))).map_err(crate::ssr::ctx::internal)?;
    for (n, r) in responses.iter().enumerate() {
        let mut row = vec![(n + 1).to_string()];
        if !s.anonymous {
            let (name, org) = r.user_id.and_then(|u| people.get(&u).cloned()).unwrap_or_default();
            row.extend([name, org, r.submitted_at.map(|t| local(t).format("%Y-%m-%d %H:%M").to_string()).unwrap_or_default()]);
        }
        let mine = answers.get(&r.id).map(Vec::as_slice).unwrap_or_default();
        for q in &qs {
            let opts = options_of(q);
            let cells: Vec<String> = mine
                .iter()
                .filter(|a| a.question_id == q.id)
                .map(|a| match q.kind.as_str() {
                    "text" => a.text_value.clone().unwrap_or_default(),
                    "scale" => a.value.map(|v| v.to_string()).unwrap_or_default(),
                    _ => a.value.and_then(|v| opts.get(v as usize).cloned()).unwrap_or_default(),
                })
                .collect();
            row.push(cells.join("; "));
        }
        w.write_record(row.iter().map(|c| neutralise(c))).map_err(crate::ssr::ctx::internal)?;
    }
    let bytes = w.into_inner().map_err(crate::ssr::ctx::internal)?;
    Ok((s, responses.len(), bytes))
}

#[cfg(test)]
mod tests {
    use super::median;

    #[test]
    fn medians_of_scale_counts() {
        assert_eq!(median(&[0, 0, 0, 0, 0]), None);
        assert_eq!(median(&[1, 0, 0, 0, 0]), Some(1.0));
        assert_eq!(median(&[0, 1, 1, 2, 1]), Some(4.0)); // 2 3 4 4 5
        assert_eq!(median(&[1, 0, 0, 0, 1]), Some(3.0)); // 1 5
        assert_eq!(median(&[0, 2, 2, 0, 0]), Some(2.5)); // 2 2 3 3
    }
}
