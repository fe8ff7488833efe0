//! Faults against the real binary. SIGKILL while people write comments and status notes: every
//! write that was answered with success is in the database afterwards, and SQLite's integrity check
//! passes. `make test` kills once; `bench/kill.sh` sets SAMVERKAN_KILL_ROUNDS=20.
mod common;

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use leptos::server_fn::ServerFn;
use sea_orm::{ConnectionTrait, Statement};

const PASSWORD: &str = "Samverkan-kill-lösen-2026";

struct Server {
    dir: tempfile::TempDir,
    port: u16,
    /// A PostgreSQL database; SQLite in `dir` when absent.
    url: Option<String>,
}

impl Server {
    fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_samverkan"));
        // The binary reads its Leptos settings from the workspace's Cargo.toml.
        c.current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
            .args(args)
            .env("SAMVERKAN_DATABASE_URL", self.db_url())
            .env("SAMVERKAN_MAIL_DIR", self.dir.path().join("mail"))
            .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{}", self.port))
            .env("SAMVERKAN_BASE_URL", self.base())
            .env("RUST_LOG", "warn");
        c
    }
    fn db_url(&self) -> String {
        self.url.clone().unwrap_or_else(|| format!("sqlite://{}/kill.db?mode=rwc", self.dir.path().display()))
    }
    fn base(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
    fn start(&self) -> Child {
        let log = std::fs::OpenOptions::new().create(true).append(true).open(self.dir.path().join("server.log")).expect("log file");
        let child = self.command(&["serve"]).stdout(Stdio::null()).stderr(log).spawn().expect("start the server");
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(30) {
            if agent().get(format!("{}/healthz", self.base())).call().is_ok_and(|r| r.status() == 200) {
                return child;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("the server did not answer /healthz within 30 s");
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").port()
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder().http_status_as_error(false).max_redirects(0).timeout_global(Some(Duration::from_secs(10))).build().into()
}

/// POST a server function as the page's script does; the status, or None when nothing answered.
fn call(base: &str, path: &str, cookie: &str, pairs: &[(&str, &str)]) -> Option<(u16, String)> {
    let r = agent()
        .post(format!("{base}{path}"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "application/json")
        .header("cookie", cookie)
        .send(common::form_urlencode(pairs))
        .ok()?;
    let status = r.status().as_u16();
    let cookie = r.headers().get_all("set-cookie").iter().filter_map(|v| v.to_str().ok()).find(|v| v.starts_with("samverkan_session=")).map(|v| v.split(';').next().unwrap_or("").to_string());
    Some((status, cookie.unwrap_or_default()))
}

fn login(base: &str, email: &str) -> String {
    let (status, cookie) = call(base, <app::auth::api::Login as ServerFn>::PATH, "", &[("email", email), ("password", PASSWORD)]).expect("login answers");
    assert_eq!(status, 200, "login of {email}");
    assert!(!cookie.is_empty(), "a session cookie");
    cookie
}

async fn strings(db: &sea_orm::DatabaseConnection, sql: &str) -> Vec<String> {
    db.query_all(Statement::from_string(db.get_database_backend(), sql)).await.expect("query").iter().map(|r| r.try_get_by_index::<String>(0).expect("text")).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn killed_during_writes_the_server_keeps_every_acknowledged_write() {
    if std::env::var("SAMVERKAN_TEST_DATABASE_URL").is_ok_and(|u| u.starts_with("postgres")) {
        return; // The kill test is about the embedded database's files; PostgreSQL has its own WAL.
    }
    let rounds: u32 = std::env::var("SAMVERKAN_KILL_ROUNDS").ok().and_then(|v| v.parse().ok()).unwrap_or(1);
    let port = free_port();
    let server = Server { dir: tempfile::tempdir().expect("tempdir"), port, url: None };
    let seeded = server.command(&["seed-demo", "--password", PASSWORD]).stdout(Stdio::null()).status().expect("seed");
    assert!(seeded.success());
    let base = server.base();
    let db = server::connect(&server.db_url()).await.expect("connect");
    // Agendas a member of Aktörsråd vård may comment on.
    let meetings = strings(&db, "SELECT CAST(m.id AS TEXT) FROM meetings m JOIN forums f ON f.id = m.forum_id WHERE f.slug = 'aktorsrad-vard' AND m.agenda_published_at IS NOT NULL ORDER BY m.starts_at DESC").await;
    let comment = <app::comments::api::PostComment as ServerFn>::PATH;
    let note = <app::actions::api::AddActionNote as ServerFn>::PATH;

    let acked = Arc::new(Mutex::new(Vec::<String>::new()));
    for round in 0..rounds {
        let mut child = server.start();
        let member = login(&base, "region.skane@samverkan.test");
        let coordinator = login(&base, "samordnare@samverkan.test");
        let target = meetings
            .iter()
            .find(|m| call(&base, comment, &member, &[("kind", "agenda"), ("target_id", m), ("body", "Öppen för kommentarer?")]).is_some_and(|(s, _)| s == 200))
            .expect("an agenda open for comments")
            .clone();
        let stop = Arc::new(AtomicBool::new(false));
        let mut writers = Vec::new();
        for w in 0..4 {
            let (base, stop, acked, target) = (base.clone(), stop.clone(), acked.clone(), target.clone());
            let (member, coordinator) = (member.clone(), coordinator.clone());
            writers.push(std::thread::spawn(move || {
                for i in 0.. {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let marker = format!("kill-{round}-{w}-{i}");
                    let answer = if w == 0 {
                        call(&base, note, &coordinator, &[("slug", "strategiskt-samverkansforum"), ("number", "1"), ("note_date", ""), ("body", &marker), ("state", "")])
                    } else {
                        call(&base, comment, &member, &[("kind", "agenda"), ("target_id", &target), ("body", &marker)])
                    };
                    match answer {
                        Some((200, _)) => acked.lock().expect("list").push(marker),
                        Some((status, _)) => panic!("{marker}: status {status} while the server was up"),
                        None => break, // Killed: this write was never acknowledged.
                    }
                }
            }));
        }
        let before = acked.lock().expect("list").len();
        // Kill at a different moment each round, while the writers are busy.
        std::thread::sleep(Duration::from_millis(700 + u64::from(round) * 173 % 900));
        child.kill().expect("SIGKILL");
        child.wait().expect("reaped");
        stop.store(true, Ordering::Relaxed);
        for w in writers {
            w.join().expect("writer");
        }
        let during = acked.lock().expect("list").len() - before;
        assert!(during > 0, "round {round}: writes were acknowledged before the kill");
    }

    // It starts again by itself after the last kill; every acknowledged write is there, the file is sound.
    let mut child = server.start();
    let found: std::collections::HashSet<String> = strings(&db, "SELECT body FROM comments WHERE body LIKE 'kill-%' UNION ALL SELECT body FROM action_notes WHERE body LIKE 'kill-%'").await.into_iter().collect();
    let acked = acked.lock().expect("list").clone();
    let missing: Vec<&String> = acked.iter().filter(|m| !found.contains(*m)).collect();
    assert!(missing.is_empty(), "{} of {} acknowledged writes lost: {:?}", missing.len(), acked.len(), &missing[..missing.len().min(5)]);
    assert_eq!(strings(&db, "PRAGMA integrity_check").await, vec!["ok".to_string()]);
    println!("{rounds} kill(s), {} acknowledged writes, all found; integrity_check ok", acked.len());
    let _ = child.kill();
    let _ = child.wait();
}

/// PostgreSQL stops under a write load and comes back: meanwhile the server answers 503 (it does not
/// crash or answer 500), it serves again within 5 s of the database's return without a restart, and
/// every acknowledged write is there. Runs on the PostgreSQL suite, whose cluster `with-postgres.sh`
/// lets it stop and start; `make test` stops it for 8 s (longer than the pool waits for a connection, 5 s), `bench/pg-outage.sh` for 30 s.
#[tokio::test(flavor = "multi_thread")]
async fn postgres_outage_answers_503_and_recovers_without_losing_a_write() {
    let (Ok(stop_pg), Ok(start_pg)) = (std::env::var("SAMVERKAN_TEST_PG_STOP"), std::env::var("SAMVERKAN_TEST_PG_START")) else {
        return; // Not on the PostgreSQL run.
    };
    let outage = Duration::from_secs(std::env::var("SAMVERKAN_PG_OUTAGE_SECS").ok().and_then(|v| v.parse().ok()).unwrap_or(8));
    let t = common::test_db().await;
    let port = free_port();
    let server = Server { dir: tempfile::tempdir().expect("tempdir"), port, url: Some(t.url.clone()) };
    assert!(server.command(&["seed-demo", "--password", PASSWORD]).stdout(Stdio::null()).status().expect("seed").success());
    let meetings = strings(&t.db, "SELECT CAST(m.id AS TEXT) FROM meetings m JOIN forums f ON f.id = m.forum_id WHERE f.slug = 'aktorsrad-vard' AND m.agenda_published_at IS NOT NULL ORDER BY m.starts_at DESC").await;
    let mut child = server.start();
    let base = server.base();
    let member = login(&base, "region.skane@samverkan.test");
    let comment = <app::comments::api::PostComment as ServerFn>::PATH;
    let target = meetings
        .iter()
        .find(|m| call(&base, comment, &member, &[("kind", "agenda"), ("target_id", m), ("body", "Öppen?")]).is_some_and(|(s, _)| s == 200))
        .expect("an agenda open for comments")
        .clone();

    // (time, status or 0 when nothing answered, marker) for every write.
    let log = Arc::new(Mutex::new(Vec::<(Instant, u16, String)>::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let mut writers = Vec::new();
    for w in 0..3 {
        let (base, stop, log, target, member) = (base.clone(), stop.clone(), log.clone(), target.clone(), member.clone());
        writers.push(std::thread::spawn(move || {
            for i in 0.. {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                let marker = format!("outage-{w}-{i}");
                let status = call(&base, comment, &member, &[("kind", "agenda"), ("target_id", &target), ("body", &marker)]).map(|(s, _)| s).unwrap_or(0);
                log.lock().expect("log").push((Instant::now(), status, marker));
                std::thread::sleep(Duration::from_millis(20));
            }
        }));
    }
    let sh = |cmd: &str| assert!(Command::new("sh").args(["-c", cmd]).stdout(Stdio::null()).status().expect("pg_ctl").success(), "{cmd}");
    std::thread::sleep(Duration::from_secs(1));
    sh(&stop_pg);
    let down = Instant::now();
    std::thread::sleep(outage);
    sh(&start_pg);
    let up = Instant::now();
    std::thread::sleep(Duration::from_secs(7));
    stop.store(true, Ordering::Relaxed);
    for w in writers {
        w.join().expect("writer");
    }
    assert!(child.try_wait().expect("process state").is_none(), "the server is still running");

    let log = log.lock().expect("log").clone();
    let odd: Vec<_> = log.iter().filter(|(_, s, _)| *s != 200 && *s != 503).map(|(_, s, m)| format!("{m}: {s}")).collect();
    assert!(odd.is_empty(), "answers other than 200 and 503: {odd:?}");
    let unavailable = log.iter().filter(|(at, s, _)| *s == 503 && *at > down).count();
    assert!(unavailable > 0, "503 while the database was away");
    // The first success after the database returned, per writer: within 5 s.
    let back = log.iter().filter(|(at, s, _)| *s == 200 && *at > up).map(|(at, _, _)| at.duration_since(up)).min().expect("writes succeed again");
    assert!(back <= Duration::from_secs(5), "served again {back:?} after the database returned");
    let found: std::collections::HashSet<String> = strings(&t.db, "SELECT body FROM comments WHERE body LIKE 'outage-%'").await.into_iter().collect();
    let acked: Vec<&String> = log.iter().filter(|(_, s, _)| *s == 200).map(|(_, _, m)| m).collect();
    let missing: Vec<&&String> = acked.iter().filter(|m| !found.contains(**m)).collect();
    assert!(missing.is_empty(), "{} of {} acknowledged writes lost", missing.len(), acked.len());
    println!(
        "outage {:?}: {} writes acknowledged, {} answered 503, served again {:?} after the database returned; none lost",
        outage,
        acked.len(),
        log.iter().filter(|(_, s, _)| *s == 503).count(),
        back
    );
    let _ = child.kill();
    let _ = child.wait();
}

/// The Python with aiosmtpd that `make test` installs (`make py-tools`). Outside `make` the test
/// says why it did not run; under CI a missing tool is a failure.
fn smtp_python() -> Option<String> {
    let python = std::env::var("SAMVERKAN_TEST_PYTHON").unwrap_or_else(|_| "python3".into());
    let ok = Command::new(&python).args(["-c", "import aiosmtpd"]).status().is_ok_and(|s| s.success());
    if ok {
        return Some(python);
    }
    assert!(std::env::var_os("CI").is_none(), "aiosmtpd is missing: `make py-tools` installs it");
    eprintln!("skipped: aiosmtpd is not installed (make py-tools)");
    None
}

/// A real SMTP server (aiosmtpd) writing what it accepts into a Maildir.
fn start_smtp(python: &str, port: u16, maildir: &std::path::Path) -> Child {
    let child = Command::new(python)
        .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}"), "-c", "aiosmtpd.handlers.Mailbox"])
        .arg(maildir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start aiosmtpd");
    let until = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < until, "aiosmtpd did not start listening");
        std::thread::sleep(Duration::from_millis(100));
    }
    child
}

/// Every mail in the Maildir, by its To address.
fn delivered(maildir: &std::path::Path) -> Vec<String> {
    let mut to = vec![];
    for sub in ["new", "cur"] {
        for e in std::fs::read_dir(maildir.join(sub)).into_iter().flatten().flatten() {
            let text = std::fs::read_to_string(e.path()).unwrap_or_default();
            if let Some(line) = text.lines().find(|l| l.to_ascii_lowercase().starts_with("to:")) {
                to.push(line[3..].trim().to_string());
            }
        }
    }
    to.sort();
    to
}

/// SMTP goes away, comes back, goes away again and comes back: the outbox keeps every mail, retries
/// after its back-off (fast-forwarded here) and each one arrives exactly once.
#[tokio::test]
async fn mail_outlives_a_dead_smtp_server_and_arrives_exactly_once() {
    use app::i18n::{Lang, K};
    use app::ssr::mail;
    let Some(python) = smtp_python() else { return };
    let t = common::test_db().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let maildir = dir.path().join("maildir");
    let port = free_port();
    let mailer = mail::Mailer::new("Samverkan <noreply@samverkan.test>", Some(&format!("smtp://127.0.0.1:{port}")), dir.path().join("files")).expect("mailer");
    const N: usize = 30;
    for i in 0..N {
        let m = mail::compose(Lang::Sv, K::MailInviteSubject, "Testperson", K::MailInviteBody, &format!("https://samverkan.test/invite/{i}"));
        mail::enqueue(&t.db, &format!("person{i:02}@example.se"), "Testperson", m).await.expect("enqueue");
    }
    use entity::outbox;
    use sea_orm::{sea_query::Expr, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
    let count = |status: &'static str| outbox::Entity::find().filter(outbox::Column::Status.eq(status)).count(&t.db);
    let count = |status| async move { count(status).await.expect("count") as usize };
    // The back-off has passed: make every pending mail due now.
    let fast_forward = || async {
        let due = chrono::Utc::now() - chrono::Duration::seconds(1);
        outbox::Entity::update_many()
            .col_expr(outbox::Column::NextAttemptAt, Expr::value(due))
            .filter(outbox::Column::Status.eq("pending"))
            .exec(&t.db)
            .await
            .expect("fast-forward");
    };

    // Down: nothing is sent, nothing is lost, the failure is noted for a later try.
    assert_eq!(mail::process_due(&t.db, &mailer).await.expect("pass"), 0);
    assert_eq!(count("pending").await, N);
    assert_eq!(mail::process_due(&t.db, &mailer).await.expect("pass"), 0, "what failed waits for its back-off");

    // Up: one pass sends a batch.
    let mut smtp = start_smtp(&python, port, &maildir);
    fast_forward().await;
    let first = mail::process_due(&t.db, &mailer).await.expect("pass");
    assert!(first > 0 && first < N, "one pass sends a batch, not all ({first})");

    // Down again in the middle: the rest wait.
    smtp.kill().expect("stop aiosmtpd");
    smtp.wait().expect("aiosmtpd ended");
    fast_forward().await;
    assert_eq!(mail::process_due(&t.db, &mailer).await.expect("pass"), 0);
    assert_eq!(count("pending").await, N - first);

    // Up again: everything left goes out.
    let mut smtp = start_smtp(&python, port, &maildir);
    let mut rounds = 0;
    while count("pending").await > 0 {
        rounds += 1;
        assert!(rounds < 10, "the outbox drains");
        fast_forward().await;
        mail::process_due(&t.db, &mailer).await.expect("pass");
    }
    smtp.kill().ok();
    smtp.wait().ok();
    assert_eq!(count("sent").await, N);
    assert_eq!(count("failed").await, 0);
    let got = delivered(&maildir);
    let want: Vec<String> = (0..N).map(|i| format!("Testperson <person{i:02}@example.se>")).collect();
    assert_eq!(got, want, "each mail arrived once");
}
