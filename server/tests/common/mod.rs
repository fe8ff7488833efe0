//! Test support: a fresh, migrated database per test (SQLite file, or a new database on the
//! PostgreSQL given by SAMVERKAN_TEST_DATABASE_URL) and the real router around it.
#![allow(dead_code)]
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use app::ssr::config::Config;
use app::ssr::mail::{Mailer, SentMail};
use app::ssr::state::AppState;
use axum::body::Body;
use axum::extract::connect_info::MockConnectInfo;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, DatabaseConnection};
use tower::ServiceExt;

pub const PASSWORD: &str = "Samverkan-test-lösen-2026";

pub struct TestDb {
    pub db: DatabaseConnection,
    /// Statements made through `db` (and the session store of `test_app`).
    pub queries: server::QueryCounter,
    /// The database's URL, for a second connection pool (a second instance).
    pub url: String,
    _dir: Option<tempfile::TempDir>,
}

pub async fn test_db() -> TestDb {
    // Internal errors are logged, not returned: show them in a failing test's output.
    let _ = tracing_subscriber::fmt().with_test_writer().with_env_filter("warn").try_init();
    match std::env::var("SAMVERKAN_TEST_DATABASE_URL") {
        Ok(url) if url.starts_with("postgres") => {
            let admin = server::connect(&url).await.expect("connect to test PostgreSQL");
            let name = format!("t_{}", uuid::Uuid::new_v4().simple());
            admin.execute_unprepared(&format!("CREATE DATABASE \"{name}\"")).await.expect("create test database");
            let base = url.rsplit_once('/').map(|(b, _)| b).unwrap_or(&url);
            let url = format!("{base}/{name}");
            let mut db = server::connect(&url).await.expect("connect to test database");
            let queries = server::count_queries(&mut db);
            Migrator::up(&db, None).await.expect("migrate");
            TestDb { db, queries, url, _dir: None }
        }
        _ => {
            let dir = tempfile::tempdir().expect("tempdir");
            let url = format!("sqlite://{}/test.db?mode=rwc", dir.path().display());
            let mut db = server::connect(&url).await.expect("connect sqlite");
            let queries = server::count_queries(&mut db);
            Migrator::up(&db, None).await.expect("migrate");
            TestDb { db, queries, url, _dir: Some(dir) }
        }
    }
}

pub async fn seeded() -> TestDb {
    let t = test_db().await;
    app::ssr::services::seed::seed_demo(&t.db, PASSWORD).await.expect("seed");
    t
}

pub struct TestApp {
    pub router: Router,
    pub state: AppState,
    pub mail: Arc<Mutex<Vec<SentMail>>>,
    pub t: TestDb,
    _site: tempfile::TempDir,
}

pub async fn test_app() -> TestApp {
    instance(seeded().await).await
}

/// Another instance on the same database: its own connection pool, session store, mailer and router.
pub async fn second_instance(first: &TestApp) -> TestApp {
    let db = server::connect(&first.t.url).await.expect("second pool");
    instance_on(db, first.t.url.clone()).await
}

/// An instance on a pool of its own (the database belongs to the first instance).
async fn instance_on(db: DatabaseConnection, url: String) -> TestApp {
    instance(TestDb { db, queries: server::QueryCounter::default(), url, _dir: None }).await
}

/// The PostgreSQL database's name, the last part of its URL.
fn database_name(t: &TestDb) -> &str {
    t.url.rsplit('/').next().expect("database name")
}

/// Another instance on the same database that cannot write to it: SQLite opened read-only, or a
/// PostgreSQL database whose new sessions are read-only. Writes fail as they do on a full disk.
pub async fn read_only_instance(first: &TestApp) -> TestApp {
    let url = if first.t.url.starts_with("postgres") {
        let name = database_name(&first.t);
        first.t.db.execute_unprepared(&format!("ALTER DATABASE \"{name}\" SET default_transaction_read_only = on")).await.expect("read-only");
        first.t.url.clone()
    } else {
        first.t.url.replace("mode=rwc", "mode=ro")
    };
    let db = server::connect(&url).await.expect("read-only pool");
    instance_on(db, url).await
}

/// Another instance on the same SQLite file whose connections may not grow it by a page (SQLite's
/// `max_page_count`): writes that need space fail with SQLITE_FULL, as on a full disk. None on PostgreSQL.
pub async fn full_disk_instance(first: &TestApp) -> Option<TestApp> {
    use sea_orm::sqlx::sqlite::SqliteJournalMode;
    if !first.t.url.starts_with("sqlite") {
        return None;
    }
    let row = first.t.db.query_one(sea_orm::Statement::from_string(first.t.db.get_database_backend(), "PRAGMA page_count")).await.expect("page_count").expect("row");
    let pages: i64 = row.try_get_by_index(0).expect("pages");
    let mut opts = sea_orm::ConnectOptions::new(first.t.url.clone());
    opts.sqlx_logging(false).map_sqlx_sqlite_opts(move |o| {
        o.journal_mode(SqliteJournalMode::Wal).busy_timeout(std::time::Duration::from_secs(5)).pragma("max_page_count", pages.to_string())
    });
    let db = sea_orm::Database::connect(opts).await.expect("full pool");
    Some(instance_on(db, first.t.url.clone()).await)
}

/// Undo `read_only_instance` for connections the first instance opens from now on.
pub async fn writable_again(first: &TestApp) {
    if first.t.url.starts_with("postgres") {
        let name = database_name(&first.t);
        let sql = format!("SET default_transaction_read_only = off; ALTER DATABASE \"{name}\" RESET default_transaction_read_only");
        first.t.db.execute_unprepared(&sql).await.expect("writable again");
    }
}

async fn instance(t: TestDb) -> TestApp {
    let config = Config::from_map(&HashMap::new()).expect("config");
    let (mailer, mail) = Mailer::memory();
    // A site root of its own with one built asset, so /pkg answers as it does in production.
    let site = tempfile::tempdir().expect("site dir");
    std::fs::create_dir_all(site.path().join("pkg")).expect("pkg dir");
    std::fs::write(site.path().join("pkg/samverkan.css"), "body{margin:0}").expect("asset");
    let root = site.path().display().to_string();
    let options = leptos::config::LeptosOptions::builder().output_name("samverkan").site_root(root).build();
    let state = AppState { db: t.db.clone(), config: Arc::new(config), mailer, leptos_options: options };
    let store = server::session_store::AnyStore::for_connection(&t.db, t.queries.clone()).await.expect("session store");
    let router = server::app(state.clone(), store).layer(MockConnectInfo(SocketAddr::from(([127, 0, 0, 1], 4000))));
    TestApp { router, state, mail, t, _site: site }
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

impl Reply {
    /// The session cookie this reply sets, as `name=value`.
    pub fn session_cookie(&self) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("samverkan_session="))
            .and_then(|v| v.split(';').next())
            .map(str::to_string)
    }
}

impl TestApp {
    pub async fn send(&self, req: Request<Body>) -> Reply {
        let res = self.router.clone().oneshot(req).await.expect("router answers");
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = res.into_body().collect().await.expect("body").to_bytes();
        Reply { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() }
    }

    pub async fn get(&self, path: &str, cookie: Option<&str>) -> Reply {
        let mut b = Request::get(path);
        if let Some(c) = cookie {
            b = b.header(header::COOKIE, c);
        }
        self.send(b.body(Body::empty()).expect("request")).await
    }

    /// Call a server function the way the browser's script does (form-encoded, JSON answer).
    pub async fn call(&self, path: &str, form: &[(&str, &str)], cookie: Option<&str>) -> Reply {
        let body = form_urlencode(form);
        let mut b = Request::post(path).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded").header(header::ACCEPT, "application/json");
        if let Some(c) = cookie {
            b = b.header(header::COOKIE, c);
        }
        self.send(b.body(Body::from(body)).expect("request")).await
    }

    /// Post a form the way a browser without script does (it asks for a page, from the page in `referer`).
    pub async fn post_form(&self, path: &str, form: &[(&str, &str)], referer: &str, cookie: Option<&str>) -> Reply {
        let mut b = Request::post(path).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded").header(header::ACCEPT, "text/html").header(header::REFERER, referer);
        if let Some(c) = cookie {
            b = b.header(header::COOKIE, c);
        }
        self.send(b.body(Body::from(form_urlencode(form))).expect("request")).await
    }

    pub async fn login(&self, email: &str, password: &str) -> Reply {
        self.call(login_path(), &[("email", email), ("password", password)], None).await
    }

    /// Log in and return the session cookie.
    pub async fn session(&self, email: &str) -> String {
        let r = self.login(email, PASSWORD).await;
        assert_eq!(r.status, StatusCode::OK, "login of {email} failed: {}", r.body);
        r.session_cookie().expect("login sets a session cookie")
    }

    pub fn mails(&self) -> Vec<SentMail> {
        self.mail.lock().map(|m| m.clone()).unwrap_or_default()
    }

    /// Deliver everything in the outbox through the memory transport.
    pub async fn deliver(&self) -> usize {
        app::ssr::mail::process_due(&self.state.db, &self.state.mailer).await.expect("outbox")
    }
}

pub fn login_path() -> &'static str {
    use leptos::server_fn::ServerFn;
    <app::auth::api::Login as ServerFn>::PATH
}

pub fn form_urlencode(form: &[(&str, &str)]) -> String {
    form.iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A multipart form with one file and, if asked, the pre-reading box ticked.
pub fn multipart(file_name: &str, bytes: &[u8], pre_reading: bool) -> (String, Vec<u8>) {
    let boundary = "----samverkan-test-boundary";
    let mut body = Vec::new();
    if pre_reading {
        body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"pre_reading\"\r\n\r\non\r\n").as_bytes());
    }
    body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes());
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

pub async fn upload(app: &TestApp, path: &str, file_name: &str, bytes: &[u8], cookie: &str) -> Reply {
    let (ct, body) = multipart(file_name, bytes, true);
    let req = Request::post(path)
        .header(header::CONTENT_TYPE, ct)
        .header(header::COOKIE, cookie)
        .body(Body::from(body))
        .expect("request");
    app.send(req).await
}

pub fn location(r: &Reply) -> String {
    r.headers.get(header::LOCATION).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string()
}

/// The smallest file the upload check accepts as a PDF.
pub const PDF: &[u8] = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n";

/// The token at the end of the first link in a mail text.
pub fn link_token(text: &str, prefix: &str) -> String {
    let start = text.find(prefix).expect("mail has the link") + prefix.len();
    text[start..].chars().take_while(|c| c.is_ascii_hexdigit()).collect()
}
