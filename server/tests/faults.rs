//! Faults against the real binary. SIGKILL while people write comments and status notes: every
//! write that was answered with success is in the database afterwards, and SQLite's integrity check
//! passes. `make test` kills once; `bench/kill.sh` sets SAMVERKAN_KILL_ROUNDS=20.
mod common;

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
    fn start(&self) -> Running {
        let child = self.spawn();
        self.wait_ready();
        child
    }
    fn spawn(&self) -> Running {
        let log = std::fs::OpenOptions::new().create(true).append(true).open(self.dir.path().join("server.log")).expect("log file");
        Running(self.command(&["serve"]).stdout(Stdio::null()).stderr(log).spawn().expect("start the server"))
    }
    fn wait_ready(&self) {
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(30) {
            if agent().get(format!("{}/healthz", self.base())).call().is_ok_and(|r| r.status() == 200) {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("the server did not answer /healthz within 30 s");
    }
}

/// A child process that is killed when dropped, so that a failing test leaves no server behind.
struct Running(Child);

impl std::ops::Deref for Running {
    type Target = Child;
    fn deref(&self) -> &Child {
        &self.0
    }
}

impl std::ops::DerefMut for Running {
    fn deref_mut(&mut self) -> &mut Child {
        &mut self.0
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A port as the scripts take one (`.ci/free-port`): unused and below the kernel's ephemeral
/// range, where an outgoing connection may take it before the server binds it.
fn free_port() -> u16 {
    let out = Command::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.ci/free-port")).output().expect("run .ci/free-port");
    String::from_utf8_lossy(&out.stdout).trim().parse().expect("a free port from .ci/free-port")
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
fn start_smtp(python: &str, port: u16, maildir: &std::path::Path) -> Running {
    let child = Command::new(python)
        .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}"), "-c", "aiosmtpd.handlers.Mailbox"])
        .arg(maildir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map(Running)
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

fn get(base: &str, path: &str, cookie: &str) -> (u16, String) {
    let r = agent().get(format!("{base}{path}")).header("cookie", cookie).call().expect("GET answers");
    let status = r.status().as_u16();
    (status, r.into_body().read_to_string().unwrap_or_default())
}

async fn count(db: &sea_orm::DatabaseConnection, sql: &str) -> usize {
    strings(db, &format!("SELECT CAST(COUNT(*) AS TEXT) FROM ({sql}) AS counted")).await[0].parse().expect("a count")
}

/// The real binary twice, on two ports and one PostgreSQL database, as behind a load balancer: a
/// session made on one is valid on the other (and signing out on one ends it on both), action
/// numbers created through both at once stay unique and without gaps, the reminders both run when
/// they start at the same moment are queued once, and every outbox mail is written by exactly one
/// of the two workers. (`http.rs` checks the same in one process with two pools.)
#[tokio::test(flavor = "multi_thread")]
async fn two_processes_on_postgres_share_sessions_number_actions_and_send_each_mail_once() {
    if !std::env::var("SAMVERKAN_TEST_DATABASE_URL").is_ok_and(|u| u.starts_with("postgres")) {
        return; // Several instances are a PostgreSQL deployment.
    }
    let t = common::test_db().await;
    let a = Server { dir: tempfile::tempdir().expect("tempdir"), port: free_port(), url: Some(t.url.clone()) };
    let b = Server { dir: tempfile::tempdir().expect("tempdir"), port: free_port(), url: Some(t.url.clone()) };
    assert!(a.command(&["seed-demo", "--password", PASSWORD]).stdout(Stdio::null()).status().expect("seed").success());
    let last_mail: i64 = strings(&t.db, "SELECT CAST(COALESCE(MAX(id), 0) AS TEXT) FROM outbox").await[0].parse().expect("id");
    let sent_before = count(&t.db, "SELECT id FROM outbox WHERE status = 'sent'").await;

    // Both start at the same moment, so their first reminder passes run side by side.
    let (mut pa, mut pb) = (a.spawn(), b.spawn());
    a.wait_ready();
    b.wait_ready();
    let (base_a, base_b) = (a.base(), b.base());

    // The first reminder passes of both processes have queued each reminder once.
    let queued = format!("SELECT id FROM outbox WHERE id > {last_mail}");
    let mut seen = (usize::MAX, Instant::now());
    let until = Instant::now() + Duration::from_secs(60);
    loop {
        let n = count(&t.db, &queued).await;
        if n != seen.0 {
            seen = (n, Instant::now());
        } else if n > 0 && seen.1.elapsed() > Duration::from_secs(3) {
            break;
        }
        assert!(Instant::now() < until, "the reminder passes end ({n} queued)");
        std::thread::sleep(Duration::from_millis(250));
    }
    let twice = count(&t.db, &format!("SELECT to_address FROM outbox WHERE id > {last_mail} GROUP BY to_address, subject, body_text HAVING COUNT(*) > 1")).await;
    assert_eq!(twice, 0, "no reminder queued twice ({} queued)", seen.0);

    // Sessions live in the database, not in a process.
    let member = login(&base_a, "region.skane@samverkan.test");
    let (status, body) = get(&base_b, "/me", &member);
    assert_eq!(status, 200);
    assert!(body.contains("Sara Nyström"), "a session made on A is valid on B");
    let out = agent().post(format!("{base_b}/logout")).header("cookie", &member).send_empty().expect("logout answers");
    assert!(out.status().is_redirection(), "logout on B: {}", out.status());
    assert!(!get(&base_a, "/me", &member).1.contains("Sara Nyström"), "signed out on B is signed out on A");

    // Action numbers: twenty created at once, every other one through each process.
    let coordinator = login(&base_a, "samordnare@samverkan.test");
    let create = <app::actions::api::CreateAction as ServerFn>::PATH;
    let slug = "strategiskt-samverkansforum";
    let threads: Vec<_> = (0..20)
        .map(|i| {
            let base = if i % 2 == 0 { base_a.clone() } else { base_b.clone() };
            let coordinator = coordinator.clone();
            std::thread::spawn(move || {
                let title = format!("Samtidig aktivitet {i}");
                let fields = [("slug", slug), ("title", title.as_str()), ("description", ""), ("owner", ""), ("start_date", "2026-11-23"), ("end_date", ""), ("comment", "")];
                call(&base, create, &coordinator, &fields).map(|(s, _)| s)
            })
        })
        .collect();
    for th in threads {
        assert_eq!(th.join().expect("creator"), Some(200), "an action created");
    }
    let numbers: Vec<i64> = strings(&t.db, &format!("SELECT CAST(a.number AS TEXT) FROM actions a JOIN forums f ON f.id = a.forum_id WHERE f.slug = '{slug}' ORDER BY a.number"))
        .await
        .iter()
        .map(|n| n.parse().expect("number"))
        .collect();
    assert_eq!(numbers, (1..=numbers.len() as i64).collect::<Vec<_>>(), "unique numbers without gaps");

    // Forty mails more; both outbox workers drain the queue, each mail is written by one of them.
    for i in 0..40 {
        let mail = app::ssr::mail::Composed { subject: format!("Två processer {i}"), text: "Hej".into(), html: "<p>Hej</p>".into() };
        app::ssr::mail::enqueue(&t.db, &format!("process{i:02}@example.se"), "Person", mail).await.expect("enqueue");
    }
    let until = Instant::now() + Duration::from_secs(90);
    while count(&t.db, "SELECT id FROM outbox WHERE status = 'pending'").await > 0 {
        assert!(Instant::now() < until, "the outbox drains");
        std::thread::sleep(Duration::from_millis(500));
    }
    let files = |s: &Server| -> Vec<String> {
        std::fs::read_dir(s.dir.path().join("mail")).into_iter().flatten().flatten().filter(|e| e.path().extension().is_some_and(|x| x == "eml")).map(|e| std::fs::read_to_string(e.path()).unwrap_or_default()).collect()
    };
    let (fa, fb) = (files(&a), files(&b));
    let sent = count(&t.db, "SELECT id FROM outbox WHERE status = 'sent'").await - sent_before;
    assert_eq!(count(&t.db, "SELECT id FROM outbox WHERE status = 'failed'").await, 0);
    assert_eq!(fa.len() + fb.len(), sent, "one file per sent mail, from A ({}) and B ({})", fa.len(), fb.len());
    for i in 0..40 {
        let to = format!("<process{i:02}@example.se>");
        let n = fa.iter().chain(&fb).filter(|m| m.lines().any(|l| l.starts_with("To:") && l.contains(&to))).count();
        assert_eq!(n, 1, "{to} got {n} mails");
    }
    println!("two processes: {} mails sent (A {}, B {}), {} reminders queued at start, 20 action numbers unique", sent, fa.len(), fb.len(), seen.0);
    for p in [&mut pa, &mut pb] {
        let _ = p.kill();
        let _ = p.wait();
    }
}
