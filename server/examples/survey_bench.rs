//! Benchmark: the results page of one survey with many answers (issue 6: 100,000 answers, under
//! 50 ms server time). Builds a throwaway database (SQLite in a temporary directory, or the
//! PostgreSQL given by BENCH_DATABASE_URL, where it creates and drops its own database), fills it
//! through bulk inserts, then times `surveys::results` and writes a report.
//!
//!     cargo run --release -p server --example survey_bench -- [answers] [report.md]
use std::time::Instant;

use app::ssr::policy::Actor;
use app::ssr::services::surveys::{self, NewQuestion, NewSurvey};
use chrono::Utc;
use migration::{Migrator, MigratorTrait};
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, Set};

use app::ssr::services::benchdata::SURVEY_QUESTIONS as QUESTIONS;

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().collect();
    let answers: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let report = args.get(2).cloned().unwrap_or_else(|| "bench/reports/survey-results.md".into());
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let (url, pg_admin) = match std::env::var("BENCH_DATABASE_URL") {
        Ok(base) if base.starts_with("postgres") => {
            let admin = server::connect(&base).await?;
            let name = format!("bench_{}", std::process::id());
            admin.execute_unprepared(&format!("CREATE DATABASE \"{name}\"")).await.map_err(|e| e.to_string())?;
            let root = base.rsplit_once('/').map(|(b, _)| b).unwrap_or(&base).to_string();
            (format!("{root}/{name}"), Some((admin, name)))
        }
        // BENCH_SQLITE_FILE keeps the database for a closer look (EXPLAIN QUERY PLAN).
        _ => match std::env::var("BENCH_SQLITE_FILE") {
            Ok(file) => (format!("sqlite://{file}?mode=rwc"), None),
            Err(_) => (format!("sqlite://{}/bench.db?mode=rwc", dir.path().display()), None),
        },
    };
    let backend = if pg_admin.is_some() { "PostgreSQL" } else { "SQLite" };
    let db = server::connect(&url).await?;
    Migrator::up(&db, None).await.map_err(|e| e.to_string())?;
    app::ssr::services::seed::seed_demo(&db, "Bench-lösenord-2026").await.map_err(|e| format!("{e:?}"))?;
    let sec = actor(&db, "sekretariat@samverkan.test").await?;
    let id = surveys::create(&db, &sec, "strategiskt-samverkansforum", NewSurvey { title: "Bench".into(), intro: String::new(), anonymous: true, closes: "2099-12-31".into() })
        .await
        .map_err(|e| format!("{e:?}"))?;
    let mut qids = vec![];
    for (i, (kind, options)) in QUESTIONS.iter().enumerate() {
        let q = NewQuestion { section: String::new(), kind: kind.to_string(), text: format!("Fråga {}", i + 1), help: String::new(), required: false, options: options.to_string() };
        qids.push(surveys::add_question(&db, &sec, id, q).await.map_err(|e| format!("{e:?}"))?);
    }
    surveys::open(&db, &sec, "http://bench", id).await.map_err(|e| format!("{e:?}"))?;

    // One response per QUESTIONS.len() answers, inserted in bulk.
    let fill = Instant::now();
    let responses = answers.div_ceil(QUESTIONS.len());
    let mut made = 0usize;
    for chunk in 0..responses.div_ceil(500) {
        let txn = app::ssr::services::begin_write(&db).await.map_err(|e| e.to_string())?;
        let n = 500.min(responses - chunk * 500);
        let first = entity::survey_response::ActiveModel { survey_id: Set(id), user_id: Set(None), receipt_hash: Set(None), submitted_at: Set(Some(Utc::now())), ..Default::default() };
        let mut ids = vec![];
        for _ in 0..n {
            ids.push(first.clone().insert(&txn).await.map_err(|e| e.to_string())?.id);
        }
        let mut rows = vec![];
        for (k, r) in ids.iter().enumerate() {
            let x = (chunk * 500 + k) as i32;
            for (qi, q) in qids.iter().enumerate() {
                if made >= answers {
                    break;
                }
                let (value, text) = match QUESTIONS[qi].0 {
                    "scale" => (Some(1 + (x * 7 + qi as i32) % 5), None),
                    "single" => (Some(x % 3), None),
                    "multi" => (Some(x % 3), None),
                    _ => (None, Some(format!("Synpunkt nummer {x}"))),
                };
                rows.push(entity::survey_answer::ActiveModel { response_id: Set(*r), question_id: Set(*q), value: Set(value), text_value: Set(text), ..Default::default() });
                made += 1;
            }
        }
        for part in rows.chunks(2000) {
            entity::survey_answer::Entity::insert_many(part.to_vec()).exec(&txn).await.map_err(|e| e.to_string())?;
        }
        txn.commit().await.map_err(|e| e.to_string())?;
    }
    let fill_s = fill.elapsed().as_secs_f64();
    if pg_admin.is_some() {
        // What autovacuum does in steady state: statistics and the visibility map (index-only scans).
        db.execute_unprepared("VACUUM ANALYZE survey_answers, survey_responses").await.map_err(|e| e.to_string())?;
    }

    // Warm up once, then time.
    surveys::results(&db, &sec, id).await.map_err(|e| format!("{e:?}"))?;
    let mut times = vec![];
    for _ in 0..30 {
        let t = Instant::now();
        let r = surveys::results(&db, &sec, id).await.map_err(|e| format!("{e:?}"))?;
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(r.results.len(), QUESTIONS.len());
    }
    times.sort_by(|a, b| a.total_cmp(b));
    let median = times[times.len() / 2];
    let p95 = times[(times.len() * 95 / 100).min(times.len() - 1)];
    let verdict = if p95 < 50.0 { "meets" } else { "MISSES" };
    let text = format!(
        "# Survey results page with {made} answers ({backend})\n\n\
         `cargo run --release -p server --example survey_bench -- {answers}` on {host}, {date}.\n\n\
         - answers: {made} in {responses} anonymous responses to {q} questions (scale, scale, single, multi, free text)\n\
         - fill time: {fill_s:.1} s (bulk inserts; not part of the target)\n\
         - `surveys::results`, 30 runs after one warm-up: median {median:.1} ms, p95 {p95:.1} ms, max {max:.1} ms\n\
         - target: under 50 ms server time — {verdict} the target\n\n\
         The page aggregates in the database (grouped counts and distinct respondents per question, the\n\
         free texts limited to 500 per question), so its cost follows the number of questions.\n",
        q = QUESTIONS.len(),
        host = std::env::var("HOSTNAME").unwrap_or_else(|_| "this machine".into()),
        date = Utc::now().format("%Y-%m-%d"),
        max = times.last().copied().unwrap_or(0.0),
    );
    println!("{text}");
    if let Some(parent) = std::path::Path::new(&report).parent() {
        std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
    }
    std::fs::write(&report, &text).map_err(|e| e.to_string())?;
    drop(db);
    if let Some((admin, name)) = pg_admin {
        admin.execute_unprepared(&format!("DROP DATABASE \"{name}\" WITH (FORCE)")).await.map_err(|e| e.to_string())?;
    }
    Ok(())
}

async fn actor(db: &sea_orm::DatabaseConnection, email: &str) -> Result<Actor, String> {
    use sea_orm::{ColumnTrait, QueryFilter};
    let u = entity::user::Entity::find().filter(entity::user::Column::Email.eq(email)).one(db).await.map_err(|e| e.to_string())?.ok_or("no such demo user")?;
    app::ssr::services::auth::load_actor(db, u.id, u.session_epoch).await.map_err(|e| e.to_string())?.ok_or_else(|| "inactive demo user".to_string())
}
