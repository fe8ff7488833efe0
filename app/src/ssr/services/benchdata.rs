//! A large, realistic dataset for the benchmarks (issue 7): forums, meetings with agendas,
//! people, actions with status notes, comments and surveys with answers. Deterministic (a seeded
//! ChaCha generator and a fixed "as of" date), written in bulk with explicit ids, on SQLite and
//! PostgreSQL. It adds to what is there (normally the demo data, whose logins stay valid).
use std::time::Instant;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use entity::{
    action, action_note, agenda_item, comment, forum, forum_membership, forum_organisation, meeting, organisation, summary, summary_revision, survey, survey_answer,
    survey_invitation, survey_question, survey_response, user,
};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbBackend, DbErr, EntityName, EntityTrait, Iterable, Set, Statement};

use crate::error::AppError;

/// A generator failure, with its cause in words (it runs from the shell, not in a request).
#[derive(Debug)]
pub struct BenchError(pub String);

impl From<DbErr> for BenchError {
    fn from(e: DbErr) -> Self {
        BenchError(e.to_string())
    }
}

impl From<AppError> for BenchError {
    fn from(e: AppError) -> Self {
        BenchError(format!("{e:?}"))
    }
}

impl std::fmt::Display for BenchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// How much to make. `large` is the size issue 7 names; the smaller ones keep the same shape per
/// forum page (10 items per meeting, 4 notes per action) so that per-page costs can be compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Scale {
    pub forums: usize,
    pub organisations: usize,
    pub users: usize,
    pub meetings: usize,
    pub items_per_meeting: usize,
    pub actions: usize,
    pub notes_per_action: usize,
    pub comments: usize,
    pub surveys: usize,
    pub answers: usize,
}

impl Scale {
    pub fn named(name: &str) -> Option<Scale> {
        let base = Scale { forums: 30, organisations: 300, users: 5000, meetings: 3000, items_per_meeting: 10, actions: 50_000, notes_per_action: 4, comments: 200_000, surveys: 100, answers: 100_000 };
        match name {
            "large" => Some(base),
            // A tenth of the rows in 3 forums: each forum's lists are as long as in `large`.
            "medium" => Some(Scale { forums: 3, organisations: 30, users: 500, meetings: 300, actions: 5000, comments: 20_000, surveys: 10, answers: 10_000, ..base }),
            // A hundredth: what a test can make in a second or two.
            "small" => Some(Scale { forums: 3, organisations: 30, users: 50, meetings: 30, actions: 500, comments: 2000, surveys: 3, answers: 150, ..base }),
            _ => None,
        }
    }

    pub fn agenda_items(&self) -> usize {
        self.meetings * self.items_per_meeting
    }

    pub fn status_notes(&self) -> usize {
        self.actions * self.notes_per_action
    }
}

/// What was made, where the benchmark should look, and how long it took.
#[derive(Debug, serde::Serialize)]
pub struct Generated {
    pub scale: Scale,
    pub summaries: usize,
    pub memberships: usize,
    pub invitations: usize,
    pub responses: usize,
    /// Every generated person has this e-mail pattern; `member_email` is a plain member of four forums.
    pub member_email: String,
    pub forum_slug: String,
    pub meeting_id: i32,
    pub survey_id: i32,
    pub search_term: String,
    pub seconds: f64,
}

/// The dataset's "today": meetings before it are held and summarised, later ones planned.
pub fn as_of() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, 12, 0, 0).single().unwrap_or_else(Utc::now)
}

pub const MEMBER_EMAIL: &str = "bench.medlem@samverkan.test";
pub const SEARCH_TERM: &str = "läkemedelslista";
/// Kind and options (one per line) of each question of a bench survey; also used by
/// `server/examples/survey_bench.rs`.
pub const SURVEY_QUESTIONS: [(&str, &str); 5] =
    [("scale", "Dåligt\nBra"), ("scale", "Inte alls\nHelt"), ("single", "Fysiskt\nDigitalt\nBlandat"), ("multi", "Dialog\nInformation\nBeslut"), ("text", "")];
const QUESTIONS_PER_SURVEY: usize = SURVEY_QUESTIONS.len();
/// Forums the bench member belongs to.
pub const MEMBER_FORUMS: usize = 4;

const FIRST: [&str; 20] = [
    "Anna", "Erik", "Maria", "Lars", "Karin", "Anders", "Eva", "Johan", "Lena", "Per", "Sofia", "Mats", "Emma", "Niklas", "Ida", "Fredrik", "Elin", "Magnus", "Hanna", "Jonas",
];
const LAST: [&str; 20] = [
    "Andersson", "Berg", "Carlsson", "Dahl", "Ek", "Forsberg", "Gustafsson", "Holm", "Isaksson", "Jansson", "Knutsson", "Lindqvist", "Månsson", "Nordin", "Olofsson",
    "Persson", "Rask", "Sandberg", "Törnqvist", "Wallin",
];
const TOPICS: [&str; 10] = [
    "e-recept", "läsåtkomst vård", "Nationell läkemedelslista", "API-förvaltning", "behörighetsstyrning", "tillgänglighet", "testmiljöer", "anslutningskrav",
    "informationsspecifikationen", "ändringshantering",
];
const VERBS: [&str; 6] = ["Ta fram underlag om", "Återkoppla till forumet om", "Utreda", "Sammanställa synpunkter på", "Förankra beslut om", "Bjuda in till dialog om"];
const ITEMS: [(&str, &str, i32); 10] = [
    ("Inledning och dagordning", "information", 10),
    ("Återkoppling på åtgärdslistan", "feedback", 20),
    ("Aktuellt från E-hälsomyndigheten", "information", 20),
    ("Nationell läkemedelslista – läget", "information", 25),
    ("Förvaltningsplan för kommande år", "discussion", 30),
    ("Informationssäkerhet och loggning", "discussion", 20),
    ("Beslut om prioriteringar", "decision", 15),
    ("Laget runt", "round_table", 20),
    ("Sammanfattning", "summary", 10),
    ("Nästa möte", "next_meeting", 5),
];
const SAYINGS: [&str; 8] = [
    "Vi ser samma behov i vår region och vill gärna vara med i nästa steg.",
    "Kan sekretariatet skicka underlaget i förväg till nästa möte?",
    "Tidplanen för Nationell läkemedelslista behöver förankras hos leverantörerna.",
    "Bra genomgång. Vi återkommer med synpunkter skriftligt.",
    "Hur påverkar detta anslutningskraven för systemleverantörerna?",
    "Vi har testat i vår testmiljö och det fungerar som väntat.",
    "Frågan bör lyftas till det strategiska forumet.",
    "Vi saknar en konsekvensanalys för apoteken.",
];
const STATES: [&str; 5] = ["done", "open", "in_progress", "waiting", "cancelled"];

/// Rows collected and written in chunks that stay under both databases' bind-parameter limits.
struct Batch<A: ActiveModelTrait> {
    rows: Vec<A>,
    per: usize,
    written: usize,
}

impl<A> Batch<A>
where
    A: ActiveModelTrait + Send + Clone,
    <A::Entity as EntityTrait>::Model: sea_orm::IntoActiveModel<A>,
{
    fn new() -> Self {
        let columns = <A::Entity as EntityTrait>::Column::iter().count().max(1);
        Batch { rows: vec![], per: (30_000 / columns).max(1), written: 0 }
    }

    async fn push(&mut self, db: &impl ConnectionTrait, row: A) -> Result<(), DbErr> {
        self.rows.push(row);
        if self.rows.len() >= self.per {
            self.flush(db).await?;
        }
        Ok(())
    }

    /// For rows that point at rows of `parent`: the parent's rows are written first.
    async fn push_after<P>(&mut self, db: &impl ConnectionTrait, row: A, parent: &mut Batch<P>) -> Result<(), DbErr>
    where
        P: ActiveModelTrait + Send + Clone,
        <P::Entity as EntityTrait>::Model: sea_orm::IntoActiveModel<P>,
    {
        self.rows.push(row);
        if self.rows.len() >= self.per {
            parent.flush(db).await?;
            self.flush(db).await?;
        }
        Ok(())
    }

    async fn flush(&mut self, db: &impl ConnectionTrait) -> Result<(), DbErr> {
        if !self.rows.is_empty() {
            let rows = std::mem::take(&mut self.rows);
            self.written += rows.len();
            <A::Entity as EntityTrait>::insert_many(rows).exec_without_returning(db).await?;
        }
        Ok(())
    }

    /// Write the rest, and on PostgreSQL move the id sequence past the explicit ids.
    async fn finish(mut self, db: &impl ConnectionTrait) -> Result<usize, DbErr> {
        self.flush(db).await?;
        if db.get_database_backend() == DbBackend::Postgres {
            let table = <A::Entity as Default>::default().table_name().to_string();
            db.execute_unprepared(&format!("SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))")).await?;
        }
        Ok(self.written)
    }
}

async fn next_id(db: &impl ConnectionTrait, table: &str) -> Result<i32, DbErr> {
    let row = db.query_one(Statement::from_string(db.get_database_backend(), format!("SELECT COALESCE(MAX(id), 0) + 1 AS n FROM {table}"))).await?;
    let n: i64 = match row {
        Some(r) => r.try_get("", "n").or_else(|_| r.try_get::<i32>("", "n").map(i64::from))?,
        None => 1,
    };
    Ok(n as i32)
}

fn pick<'a, T>(rng: &mut ChaCha8Rng, list: &'a [T]) -> &'a T {
    &list[rng.gen_range(0..list.len())]
}

/// Make the dataset. Refuses to run twice on one database (the bench forums would clash).
pub async fn generate<C: ConnectionTrait + sea_orm::TransactionTrait>(db: &C, scale: Scale, password: &str) -> Result<Generated, BenchError> {
    use sea_orm::{ColumnTrait, QueryFilter};
    let started = Instant::now();
    if forum::Entity::find().filter(forum::Column::Slug.starts_with("bench-")).one(db).await?.is_some() {
        return Err(BenchError("the database already holds bench data; use a fresh one".into()));
    }
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    let now = as_of();
    let hash = crate::ssr::password::hash(password.to_string()).await?;
    let strategic = forum::Entity::find().filter(forum::Column::Slug.eq("strategiskt-samverkansforum")).one(db).await?.map(|f| f.id);

    // Organisations.
    let txn = super::begin_write(db).await?;
    let first_org = next_id(&txn, "organisations").await?;
    let mut b = Batch::new();
    for i in 0..scale.organisations {
        let kind = super::organisations::KINDS[i % super::organisations::KINDS.len()];
        b.push(
            &txn,
            organisation::ActiveModel {
                id: Set(first_org + i as i32),
                name: Set(format!("Organisation {:03} ({kind})", i + 1)),
                short_name: Set(format!("Org{:03}", i + 1)),
                kind: Set(kind.into()),
                created_at: Set(now - Duration::days(2000)),
            },
        )
        .await?;
    }
    b.finish(&txn).await?;

    // People: one password hash for all, so that any of them can sign in to the bench.
    let first_user = next_id(&txn, "users").await?;
    let mut b = Batch::new();
    for i in 0..scale.users {
        let email = if i == 0 { MEMBER_EMAIL.to_string() } else { format!("person{i:05}@bench.samverkan.test") };
        b.push(
            &txn,
            user::ActiveModel {
                id: Set(first_user + i as i32),
                email: Set(email),
                name: Set(format!("{} {}", FIRST[i % FIRST.len()], LAST[(i / FIRST.len()) % LAST.len()])),
                organisation_id: Set(first_org + (i % scale.organisations.max(1)) as i32),
                title: Set(Some("Handläggare".into())),
                language: Set("sv".into()),
                is_admin: Set(false),
                active: Set(true),
                password_hash: Set(Some(hash.clone())),
                session_epoch: Set(0),
                calendar_token: Set(Some(format!("bench-cal-{i:05}"))),
                mail_token: Set(Some(format!("bench-mail-{i:05}"))),
                previous_visit_at: Set(None),
                last_visit_at: Set(None),
                created_at: Set(now - Duration::days(1500)),
                updated_at: Set(now - Duration::days(1500)),
            },
        )
        .await?;
    }
    b.finish(&txn).await?;

    // Forums, each with ten member organisations.
    let first_forum = next_id(&txn, "forums").await?;
    let meetings_per_forum = scale.meetings / scale.forums.max(1);
    let actions_per_forum = scale.actions / scale.forums.max(1);
    let mut b = Batch::new();
    for f in 0..scale.forums {
        let level = crate::forums::dto::LEVELS[1 + f % 3];
        let actions_here = actions_per_forum + usize::from(f < scale.actions % scale.forums.max(1));
        b.push(
            &txn,
            forum::ActiveModel {
                id: Set(first_forum + f as i32),
                slug: Set(format!("bench-forum-{:02}", f + 1)),
                name: Set(format!("{} {:02} – {}", if level == "reference" { "Referensgrupp" } else { "Samverkansforum" }, f + 1, TOPICS[f % TOPICS.len()])),
                level: Set(level.into()),
                parent_id: Set(strategic),
                visibility: Set("members".into()),
                created_at: Set(now - Duration::days(2500)),
                purpose: Set(format!("Forum för samverkan om {}.", TOPICS[f % TOPICS.len()])),
                contact_email: Set(None),
                publish_days_before: Set(7),
                agenda_template: Set(String::new()),
                action_counter: Set(actions_here as i32),
                action_reminder_days: Set(7),
            },
        )
        .await?;
    }
    b.finish(&txn).await?;
    let mut b = Batch::new();
    let first_fo = next_id(&txn, "forum_organisations").await?;
    let mut k = 0;
    for f in 0..scale.forums {
        for j in 0..10.min(scale.organisations) {
            b.push(
                &txn,
                forum_organisation::ActiveModel {
                    id: Set(first_fo + k),
                    forum_id: Set(first_forum + f as i32),
                    organisation_id: Set(first_org + ((f * 10 + j) % scale.organisations) as i32),
                    created_at: Set(now - Duration::days(2500)),
                },
            )
            .await?;
            k += 1;
        }
    }
    b.finish(&txn).await?;

    // Memberships: everyone in one forum, every other person in a second; the bench member in four.
    let mut members: Vec<Vec<i32>> = vec![vec![]; scale.forums];
    for i in 0..scale.users {
        let mut forums = vec![i % scale.forums];
        if i == 0 {
            forums = (0..MEMBER_FORUMS.min(scale.forums)).collect();
        } else if i % 2 == 0 && scale.forums > 1 {
            forums.push((i + 1 + (i / 2) % (scale.forums - 1)) % scale.forums);
        }
        for f in forums {
            members[f].push(first_user + i as i32);
        }
    }
    let first_ms = next_id(&txn, "forum_memberships").await?;
    let mut b = Batch::new();
    let mut k = 0;
    for (f, people) in members.iter().enumerate() {
        for (n, uid) in people.iter().enumerate() {
            let role = match n {
                _ if *uid == first_user => "member",
                1 => "secretariat",
                2 | 3 => "coordinator",
                _ => "member",
            };
            b.push(
                &txn,
                forum_membership::ActiveModel {
                    id: Set(first_ms + k),
                    forum_id: Set(first_forum + f as i32),
                    user_id: Set(*uid),
                    role: Set(role.into()),
                    created_at: Set(now - Duration::days(1500)),
                },
            )
            .await?;
            k += 1;
        }
    }
    let memberships = b.finish(&txn).await?;
    txn.commit().await?;

    // Meetings every 30 days per forum, ten agenda items each; held ones have a published summary.
    let txn = super::begin_write(db).await?;
    let first_meeting = next_id(&txn, "meetings").await?;
    let start = Utc.with_ymd_and_hms(2018, 12, 3, 8, 0, 0).single().unwrap_or(now);
    let mut meetings: Vec<(i32, usize, DateTime<Utc>)> = Vec::with_capacity(scale.meetings);
    for f in 0..scale.forums {
        let here = meetings_per_forum + usize::from(f < scale.meetings % scale.forums.max(1));
        for k in 0..here {
            let at = start + Duration::days(30 * k as i64 + (f % 20) as i64);
            meetings.push((first_meeting + meetings.len() as i32, f, at));
        }
    }
    let mut b = Batch::new();
    for (id, f, at) in &meetings {
        let held = *at < now;
        let status = if held { "summary_published" } else if *at < now + Duration::days(7) { "agenda_published" } else { "planned" };
        b.push(
            &txn,
            meeting::ActiveModel {
                id: Set(*id),
                forum_id: Set(first_forum + *f as i32),
                title: Set(format!("Möte i {}", TOPICS[f % TOPICS.len()])),
                starts_at: Set(*at),
                ends_at: Set(*at + Duration::hours(3)),
                place: Set(Some("E-hälsomyndigheten, Stockholm".into())),
                online_url: Set(Some("https://möte.example/samverkan".into())),
                status: Set(status.into()),
                cancel_reason: Set(None),
                created_at: Set(*at - Duration::days(40)),
                updated_at: Set(*at - Duration::days(7)),
                agenda_published_at: Set((status != "planned").then(|| *at - Duration::days(7))),
                publish_reminder_sent_at: Set((*at < now + Duration::days(60)).then(|| *at - Duration::days(10))),
            },
        )
        .await?;
    }
    b.finish(&txn).await?;
    let first_item = next_id(&txn, "agenda_items").await?;
    let mut b = Batch::new();
    let mut item_ids: Vec<(i32, usize)> = Vec::with_capacity(scale.agenda_items());
    for (id, f, at) in &meetings {
        for p in 0..scale.items_per_meeting {
            let (title, kind, minutes) = ITEMS[p % ITEMS.len()];
            let item_id = first_item + item_ids.len() as i32;
            item_ids.push((item_id, *f));
            b.push(
                &txn,
                agenda_item::ActiveModel {
                    id: Set(item_id),
                    meeting_id: Set(*id),
                    position: Set(p as i32 + 1),
                    title: Set(title.into()),
                    presenters: Set(format!("{} {}, E-hälsomyndigheten", pick(&mut rng, &FIRST), pick(&mut rng, &LAST))),
                    duration_minutes: Set(minutes),
                    kind: Set(kind.into()),
                    description: Set(format!("Underlag om **{}** skickas ut med dagordningen.", pick(&mut rng, &TOPICS))),
                    created_at: Set(*at - Duration::days(30)),
                    changed_after_publish_at: Set(None),
                    received_at: Set(None),
                    received_from: Set(None),
                    escalated_to_item_id: Set(None),
                    escalated_from_item_id: Set(None),
                    survey_id: Set(None),
                },
            )
            .await?;
        }
    }
    b.finish(&txn).await?;
    let first_summary = next_id(&txn, "summaries").await?;
    let first_revision = next_id(&txn, "summary_revisions").await?;
    let mut b = Batch::new();
    let mut rb = Batch::new();
    // (meeting id, forum index) of each summary.
    let mut summaries: Vec<(i32, usize)> = vec![];
    for (k, (id, f, at)) in meetings.iter().filter(|m| m.2 < now).enumerate() {
        let sid = first_summary + k as i32;
        let body = format!(
            "## Sammanfattning\n\nForumet gick igenom åtgärdslistan och läget för **{}**.\n\n- Nationell läkemedelslista: tidplanen står fast.\n- Nästa möte om 30 dagar.\n",
            TOPICS[(*id as usize) % TOPICS.len()]
        );
        let published = *at + Duration::days(5);
        b.push(
            &txn,
            summary::ActiveModel {
                id: Set(sid),
                meeting_id: Set(*id),
                state: Set("published".into()),
                body: Set(body.clone()),
                created_at: Set(*at + Duration::days(1)),
                updated_at: Set(published),
                review_started_at: Set(None),
                published_at: Set(Some(published)),
                revised_at: Set(None),
            },
        )
        .await?;
        rb.push_after(
            &txn,
            summary_revision::ActiveModel {
                id: Set(first_revision + k as i32),
                summary_id: Set(sid),
                number: Set(1),
                body: Set(body),
                reason: Set(None),
                author_id: Set(members[*f].get(1).copied()),
                created_at: Set(published),
            },
            &mut b,
        )
        .await?;
        summaries.push((*id, *f));
    }
    let summary_count = b.finish(&txn).await?;
    rb.finish(&txn).await?;
    txn.commit().await?;

    // Actions, each with its dated status notes.
    let txn = super::begin_write(db).await?;
    let first_action = next_id(&txn, "actions").await?;
    let first_note = next_id(&txn, "action_notes").await?;
    let mut b = Batch::new();
    let mut nb = Batch::new();
    let mut action_ids: Vec<(i32, usize)> = Vec::with_capacity(scale.actions);
    let held: Vec<Vec<(i32, DateTime<Utc>)>> = (0..scale.forums).map(|f| meetings.iter().filter(|m| m.1 == f && m.2 < now).map(|m| (m.0, m.2)).collect()).collect();
    for f in 0..scale.forums {
        let here = actions_per_forum + usize::from(f < scale.actions % scale.forums.max(1));
        for n in 0..here {
            let id = first_action + action_ids.len() as i32;
            action_ids.push((id, f));
            let (raised, raised_at) = if held[f].is_empty() { (None, now - Duration::days(400)) } else { let m = held[f][n * held[f].len() / here.max(1)]; (Some(m.0), m.1) };
            let title = format!("{} {}", pick(&mut rng, &VERBS), pick(&mut rng, &TOPICS));
            let description = format!("Bakgrund: frågan togs upp på mötet. Gäller {}.", pick(&mut rng, &TOPICS));
            let owner = *pick(&mut rng, &members[f]);
            let start_date = raised_at.date_naive();
            let end_date = start_date + Duration::days(rng.gen_range(30..240));
            // As in a real list: what ended long ago is done (or cancelled); the recent half-year
            // is a mix of states.
            let state = if end_date < (now - Duration::days(180)).date_naive() {
                if rng.gen_range(0..10) < 9 { STATES[0] } else { STATES[4] }
            } else if rng.gen_range(0..10) < 3 {
                STATES[0]
            } else {
                *pick(&mut rng, &STATES[1..4])
            };
            let open = state != "done" && state != "cancelled";
            let reminded = |day: NaiveDate| (open && day <= now.date_naive()).then(|| Utc.from_utc_datetime(&day.and_hms_opt(6, 0, 0).unwrap_or_default()));
            b.push(
                &txn,
                action::ActiveModel {
                    id: Set(id),
                    forum_id: Set(first_forum + f as i32),
                    number: Set(n as i32 + 1),
                    title: Set(title.clone()),
                    description: Set(description.clone()),
                    owner_user_id: Set(Some(owner)),
                    owner_org_id: Set(Some(first_org + ((owner - first_user) as usize % scale.organisations) as i32)),
                    raised_meeting_id: Set(raised),
                    raised_item_id: Set(None),
                    start_date: Set(Some(start_date)),
                    end_date: Set(Some(end_date)),
                    comment: Set(String::new()),
                    state: Set(state.into()),
                    search_text: Set(format!("{title} {description}").to_lowercase()),
                    created_by: Set(members[f].get(1).copied()),
                    created_at: Set(raised_at),
                    updated_at: Set(raised_at + Duration::days(60)),
                    // A living system sent these long ago; the bench must not start with a burst of mail.
                    due_reminder_sent_at: Set(reminded(end_date - Duration::days(7))),
                    overdue_reminder_sent_at: Set(reminded(end_date + Duration::days(1))),
                    escalated_to_id: Set(None),
                    escalated_from_id: Set(None),
                },
            )
            .await?;
            for k in 0..scale.notes_per_action {
                let date: NaiveDate = start_date + Duration::days(14 * (k as i64 + 1));
                let last = k + 1 == scale.notes_per_action;
                nb.push_after(
                    &txn,
                    action_note::ActiveModel {
                        id: Set(first_note + (action_ids.len() - 1) as i32 * scale.notes_per_action as i32 + k as i32),
                        action_id: Set(id),
                        author_id: Set(Some(owner)),
                        note_date: Set(date),
                        body: Set(format!("Status: arbetet med {} pågår enligt plan.", pick(&mut rng, &TOPICS))),
                        state_from: Set(last.then(|| "open".to_string()).filter(|_| state != "open")),
                        state_to: Set(last.then(|| state.to_string()).filter(|_| state != "open")),
                        created_at: Set(Utc.from_utc_datetime(&date.and_hms_opt(10, 0, 0).unwrap_or_default())),
                    },
                    &mut b,
                )
                .await?;
            }
        }
    }
    b.finish(&txn).await?;
    nb.finish(&txn).await?;
    txn.commit().await?;

    // Comments: six in ten on agenda items, three on actions, one on summaries; every third a reply.
    let txn = super::begin_write(db).await?;
    let first_comment = next_id(&txn, "comments").await?;
    let mut b = Batch::new();
    // (kind, target id, comment id, forum index) of the comment before: every third is a reply to it.
    let mut previous: Option<(&str, i32, i32, usize)> = None;
    for c in 0..scale.comments {
        let id = first_comment + c as i32;
        let (kind, target, f) = match previous {
            Some((kind, target, _, f)) if c % 3 == 2 => (kind, target, f),
            _ => match rng.gen_range(0..10) {
                // A summary's comments point at its meeting.
                0 if !summaries.is_empty() => {
                    let s = *pick(&mut rng, &summaries);
                    ("summary", s.0, s.1)
                }
                1..=3 => {
                    let a = *pick(&mut rng, &action_ids);
                    ("action", a.0, a.1)
                }
                _ => {
                    let i = *pick(&mut rng, &item_ids);
                    ("item", i.0, i.1)
                }
            },
        };
        let parent = if c % 3 == 2 { previous.map(|p| p.2) } else { None };
        let author = *pick(&mut rng, &members[f]);
        b.push(
            &txn,
            comment::ActiveModel {
                id: Set(id),
                forum_id: Set(first_forum + f as i32),
                target_kind: Set(kind.into()),
                target_id: Set(target),
                parent_id: Set(parent),
                author_id: Set(Some(author)),
                body: Set(format!("{} {}", pick(&mut rng, &SAYINGS), pick(&mut rng, &SAYINGS))),
                created_at: Set(now - Duration::minutes((scale.comments - c) as i64 * 7)),
                edited_at: Set(None),
                deleted_at: Set(None),
                hidden_at: Set(None),
                hidden_by: Set(None),
                hidden_reason: Set(None),
            },
        )
        .await?;
        previous = Some((kind, target, id, f));
    }
    b.finish(&txn).await?;
    txn.commit().await?;

    // Surveys: five questions each, closed, the answers spread evenly; named where the forum has
    // enough people, so that "who has not answered" has something to list.
    let txn = super::begin_write(db).await?;
    let first_survey = next_id(&txn, "surveys").await?;
    let first_question = next_id(&txn, "survey_questions").await?;
    let first_invitation = next_id(&txn, "survey_invitations").await?;
    let first_response = next_id(&txn, "survey_responses").await?;
    let first_answer = next_id(&txn, "survey_answers").await?;
    let (mut sb, mut qb, mut ib, mut rb, mut ab) = (Batch::new(), Batch::new(), Batch::new(), Batch::new(), Batch::new());
    let (mut invitations, mut responses, mut answers) = (0i32, 0i32, 0i32);
    for s in 0..scale.surveys {
        let f = s % scale.forums;
        let id = first_survey + s as i32;
        let wanted = scale.answers / scale.surveys + usize::from(s < scale.answers % scale.surveys);
        let people = &members[f];
        let respondents = wanted.div_ceil(QUESTIONS_PER_SURVEY);
        if respondents > people.len() {
            return Err(BenchError(format!("scale too dense: {respondents} respondents for a forum of {}", people.len())));
        }
        let anonymous = s % 2 == 1;
        let closes = now - Duration::days(30 * (s / scale.forums) as i64 + 10);
        sb.push(
            &txn,
            survey::ActiveModel {
                id: Set(id),
                forum_id: Set(first_forum + f as i32),
                title: Set(format!("Utvärdering av forumet {}", 2026 - (s / scale.forums) as i32)),
                intro: Set("Hur har samverkan fungerat under året?".into()),
                anonymous: Set(anonymous),
                state: Set("closed".into()),
                opened_at: Set(Some(closes - Duration::days(21))),
                closes_at: Set(closes),
                created_at: Set(closes - Duration::days(30)),
                reminder_days: Set(3),
                auto_reminded: Set(true),
                last_reminded_on: Set(None),
                previous_id: Set(None),
                insights: Set("## Generella insikter\n\nDeltagarna uppskattar dialogen men vill ha underlagen tidigare.".into()),
                insights_published_at: Set(Some(closes + Duration::days(14))),
            },
        )
        .await?;
        let qids: Vec<i32> = (0..QUESTIONS_PER_SURVEY).map(|q| first_question + (s * QUESTIONS_PER_SURVEY + q) as i32).collect();
        for (q, (kind, options)) in SURVEY_QUESTIONS.iter().enumerate() {
            qb.push(
                &txn,
                survey_question::ActiveModel {
                    id: Set(qids[q]),
                    survey_id: Set(id),
                    position: Set(q as i32 + 1),
                    section: Set(String::new()),
                    kind: Set(kind.to_string()),
                    text: Set(["Hur väl uppfyller forumet sitt syfte?", "Får du den information du behöver?", "Vilken mötesform föredrar du?", "Vad vill du använda forumet till?", "Övriga synpunkter"][q].into()),
                    help: Set(String::new()),
                    required: Set(false),
                    options: Set(options.to_string()),
                    copied_from: Set(None),
                },
            )
            .await?;
        }
        // Invitations, responses and answers point at these: write them now (a hundred small statements).
        sb.flush(&txn).await?;
        qb.flush(&txn).await?;
        for (n, uid) in people.iter().enumerate() {
            ib.push(
                &txn,
                survey_invitation::ActiveModel {
                    id: Set(first_invitation + invitations),
                    survey_id: Set(id),
                    user_id: Set(*uid),
                    responded_at: Set((n < respondents).then(|| closes - Duration::days(5))),
                },
            )
            .await?;
            invitations += 1;
        }
        let mut left = wanted;
        for &uid in &people[..respondents] {
            let rid = first_response + responses;
            rb.push(
                &txn,
                survey_response::ActiveModel {
                    id: Set(rid),
                    survey_id: Set(id),
                    user_id: Set((!anonymous).then_some(uid)),
                    receipt_hash: Set(None),
                    submitted_at: Set(Some(if anonymous { closes - Duration::days(21) } else { closes - Duration::days(5) })),
                },
            )
            .await?;
            responses += 1;
            for (q, qid) in qids.iter().enumerate().take(left.min(QUESTIONS_PER_SURVEY)) {
                let (value, text) = match SURVEY_QUESTIONS[q].0 {
                    "scale" => (Some(rng.gen_range(1..=5)), None),
                    "single" | "multi" => (Some(rng.gen_range(0..3)), None),
                    _ => (None, Some(pick(&mut rng, &SAYINGS).to_string())),
                };
                let row = survey_answer::ActiveModel { id: Set(first_answer + answers), response_id: Set(rid), question_id: Set(*qid), value: Set(value), text_value: Set(text) };
                ab.push_after(&txn, row, &mut rb).await?;
                answers += 1;
            }
            left = left.saturating_sub(QUESTIONS_PER_SURVEY);
        }
    }
    sb.finish(&txn).await?;
    qb.finish(&txn).await?;
    let invitations = ib.finish(&txn).await?;
    let responses = rb.finish(&txn).await?;
    ab.finish(&txn).await?;
    txn.commit().await?;

    if db.get_database_backend() == DbBackend::Postgres {
        // What autovacuum would do in steady state: planner statistics for the new rows.
        db.execute_unprepared("ANALYZE").await?;
    }
    // The bench member's meeting: the last held one of their first forum.
    let meeting_id = held.first().and_then(|h| h.last()).map(|m| m.0).unwrap_or(first_meeting);
    Ok(Generated {
        scale,
        summaries: summary_count,
        memberships,
        invitations,
        responses,
        member_email: MEMBER_EMAIL.into(),
        forum_slug: "bench-forum-01".into(),
        meeting_id,
        survey_id: first_survey,
        search_term: SEARCH_TERM.into(),
        seconds: started.elapsed().as_secs_f64(),
    })
}
