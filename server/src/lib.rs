//! The axum server: `app(state)` builds the whole router, so tests drive exactly what runs.
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use app::ssr::ctx::{ClientIp, RequestId};
use app::ssr::policy::Actor;
use app::ssr::state::AppState;
use app::ssr::{services, SESSION_EPOCH, SESSION_USER};
use app::{shell, App};

use axum::extract::{ConnectInfo, DefaultBodyLimit, Path, Query, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::http::Method;
use axum::routing::{get, post, MethodRouter};
use axum::Router;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use sea_orm::ConnectionTrait;
use tower_sessions::{Expiry, Session, SessionManagerLayer};

pub mod assets;
pub mod files;
pub mod page_cache;
pub mod security;
pub mod session_store;

/// Prometheus recorder, installed once per process.
pub fn metrics_handle() -> PrometheusHandle {
    static HANDLE: std::sync::OnceLock<PrometheusHandle> = std::sync::OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let recorder = PrometheusBuilder::new().build_recorder();
            let handle = recorder.handle();
            // A second install (tests build many apps) is harmless: the first recorder stays.
            let _ = metrics::set_global_recorder(recorder);
            handle
        })
        .clone()
}

pub fn app(mut state: AppState, store: session_store::AnyStore) -> Router {
    // Built assets: from memory, no session. Pages name them under this build's version.
    let assets = assets::Assets::load(&format!("{}/{}", state.leptos_options.site_root, state.leptos_options.site_pkg_dir));
    state.leptos_options.site_pkg_dir = format!("{}/{}", state.leptos_options.site_pkg_dir, assets.version()).into();
    let leptos_options = state.leptos_options.clone();
    let routes = generate_route_list(App);
    let ctx_state = state.clone();
    // Every render: the state for server code and the page's Content-Security-Policy.
    let page_context = {
        let s = ctx_state.clone();
        move || {
            provide_context(s.clone());
            security::provide_page_policy();
        }
    };
    let sessions = SessionManagerLayer::new(store)
        .with_name("samverkan_session")
        .with_http_only(true)
        .with_same_site(tower_sessions::cookie::SameSite::Lax)
        .with_secure(state.config.cookie_secure)
        .with_expiry(Expiry::OnInactivity(time::Duration::hours(state.config.session_idle_hours)));
    let handle = metrics_handle();
    // Only behind a known proxy may X-Forwarded-For name the client.
    let trust_proxy = state.config.trust_proxy;
    let state_base = state.config.base_url.clone();

    // Pages, server functions and handlers: they need the session and the acting user.
    let dynamic = handler_routes()
        .into_iter()
        .fold(Router::new(), |r, (_, path, handler)| r.route(path, handler))
        .leptos_routes_with_context(
            &state,
            routes,
            page_context.clone(),
            {
                let o = leptos_options.clone();
                move || shell(o.clone())
            },
        )
        .route(
            SERVER_FN_ROUTE,
            post({
                let s = ctx_state.clone();
                move |req: Request| {
                    let s = s.clone();
                    async move { leptos_axum::handle_server_fns_with_context(move || provide_context(s.clone()), req).await }
                }
            }),
        )
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(page_context, shell))
        .layer(middleware::from_fn_with_state(page_cache::PageCache::new(state.config.page_cache_mib), page_cache::serve))
        .layer(middleware::from_fn_with_state(state.clone(), load_actor))
        .layer(sessions)
        .layer(middleware::from_fn_with_state(Arc::new(tokio::sync::Semaphore::new(state.config.render_concurrency)), render_turn))
        .with_state(state.clone());

    let statics = Router::new().route(ASSET_ROUTE, get(assets::serve)).route(VERSIONED_ASSET_ROUTE, get(assets::serve_versioned)).with_state(assets);

    Router::new()
        .route(HEALTH_ROUTE, get(healthz))
        .route(METRICS_ROUTE, get(move || std::future::ready(handle.render())))
        .with_state(state)
        .merge(statics)
        .merge(dynamic)
        .layer(middleware::from_fn_with_state(security::Security::new(&state_base), security::guard))
        .layer(middleware::from_fn_with_state(trust_proxy, request_context))
}

const SERVER_FN_ROUTE: &str = "/api/{*fn_name}";
const ASSET_ROUTE: &str = "/pkg/{name}";
const VERSIONED_ASSET_ROUTE: &str = "/pkg/{version}/{name}";
const HEALTH_ROUTE: &str = "/healthz";
const METRICS_ROUTE: &str = "/metrics";

/// The routes answered by plain axum handlers: everything that is neither a page nor a server
/// function. `app` mounts exactly this list, and the role × endpoint test walks it.
fn handler_routes() -> Vec<(Method, &'static str, MethodRouter<AppState>)> {
    let upload_limit = || DefaultBodyLimit::max(files::UPLOAD_BODY_LIMIT);
    vec![
        (Method::POST, "/logout", post(logout)),
        (Method::POST, "/meetings/{id}/materials", post(files::upload_to_meeting).layer(upload_limit())),
        (Method::POST, "/additions/{id}/materials", post(files::upload_to_addition).layer(upload_limit())),
        (Method::GET, "/materials/{id}/{name}", get(files::download)),
        (Method::GET, "/calendar.ics", get(files::calendar_feed)),
        (Method::GET, "/feed.atom", get(files::atom_feed)),
        (Method::GET, "/forums/{slug}/calendar.ics", get(files::forum_feed)),
        (Method::GET, "/meetings/{id}/calendar.ics", get(files::meeting_file)),
        (Method::GET, "/forums/{slug}/actions.csv", get(files::actions_csv)),
        (Method::GET, "/surveys/{id}/answers.csv", get(files::survey_csv)),
        (Method::GET, "/consultations/{id}/answers.csv", get(files::consultation_csv)),
        (Method::POST, "/unsubscribe/{token}/one-click", post(files::one_click_unsubscribe)),
        (Method::GET, "/me/data.json", get(files::my_data)),
        (Method::GET, "/lang/{code}", get(switch_language)),
    ]
}

/// Every route of `app` that is not a page or a server function (those two are listed by
/// `leptos_axum::generate_route_list` and `server_fn::axum::server_fn_paths`), with its method.
pub fn handler_route_list() -> Vec<(Method, &'static str)> {
    let fixed = [(Method::GET, ASSET_ROUTE), (Method::GET, VERSIONED_ASSET_ROUTE), (Method::GET, HEALTH_ROUTE), (Method::GET, METRICS_ROUTE)];
    handler_routes().into_iter().map(|(m, p, _)| (m, p)).chain(fixed).collect()
}

/// Reads (GET, HEAD) wait for a turn: 32 pages rendered at once on two cores are no faster than 8,
/// but hold four times the memory. Writes are not held back, so a slow upload blocks no page; a
/// turn ends with the answer's head, before a download's body streams.
///
/// Once its turn has come, a read runs to its end in a task of its own even if the reader leaves.
/// Dropping a page mid-render disposes its reactive owner while tasks leptos spawned for it still
/// render, and every signal read there then panics. A reader who leaves while waiting for a turn
/// costs nothing.
async fn render_turn(State(turns): State<Arc<tokio::sync::Semaphore>>, req: Request, next: Next) -> Response {
    if !(req.method() == Method::GET || req.method() == Method::HEAD) {
        return next.run(req).await;
    }
    let Ok(turn) = turns.acquire_owned().await else { return StatusCode::SERVICE_UNAVAILABLE.into_response() };
    let read = tokio::spawn(async move {
        let res = next.run(req).await;
        drop(turn);
        res
    });
    match read.await {
        Ok(res) => res,
        Err(e) => {
            tracing::error!("a read failed: {e}");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// Request id, client address, one log line and metrics per request.
async fn request_context(State(trust_proxy): State<bool>, mut req: Request, next: Next) -> Response {
    let started = Instant::now();
    let id = req
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .filter(|v| v.len() <= 64 && v.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        .map(str::to_string)
        .unwrap_or_else(|| uuid_like());
    let forwarded = trust_proxy
        .then(|| req.headers().get("x-forwarded-for").and_then(|v| v.to_str().ok()).and_then(|v| v.split(',').next()).map(|v| v.trim().to_string()))
        .flatten();
    let ip = forwarded
        .or_else(|| req.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip().to_string()))
        .unwrap_or_else(|| "unknown".into());
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    req.extensions_mut().insert(RequestId(id.clone()));
    req.extensions_mut().insert(ClientIp(ip));
    let mut res = next.run(req).await;
    let status = res.status().as_u16();
    let elapsed = started.elapsed();
    tracing::info!(request_id = %id, %method, %path, status, duration_ms = elapsed.as_secs_f64() * 1000.0, "request");
    let route = metric_route(&path);
    metrics::counter!("http_requests_total", "method" => method.to_string(), "route" => route, "status" => status.to_string()).increment(1);
    metrics::histogram!("http_request_duration_seconds", "route" => metric_route(&path)).record(elapsed.as_secs_f64());
    if let Ok(v) = HeaderValue::from_str(&id) {
        res.headers_mut().insert("x-request-id", v);
    }
    res
}

/// Group paths for metrics so that tokens and ids do not explode the label set.
fn metric_route(path: &str) -> String {
    let first = path.trim_start_matches('/').split('/').take(2).collect::<Vec<_>>();
    match first.as_slice() {
        ["pkg", ..] => "/pkg".into(),
        ["api", ..] => "/api".into(),
        ["invite", _] => "/invite/:token".into(),
        ["reset", _] => "/reset/:token".into(),
        ["lang", _] => "/lang/:code".into(),
        [a, b] if *a == "admin" => format!("/admin/{b}"),
        [a, ..] => format!("/{a}"),
        [] => "/".into(),
    }
}

fn uuid_like() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let t = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    format!("{:x}-{:x}-{:x}", t as u64, std::process::id(), n)
}

/// Resolve the session to the acting user once per request; a dead session is emptied.
async fn load_actor(State(state): State<AppState>, session: Session, mut req: Request, next: Next) -> Response {
    let actor = match session.get::<i32>(SESSION_USER).await {
        Ok(Some(uid)) => {
            let epoch = session.get::<i32>(SESSION_EPOCH).await.ok().flatten().unwrap_or(-1);
            match services::auth::load_actor(&state.db, uid, epoch).await {
                Ok(Some(actor)) => actor,
                Ok(None) => {
                    let _ = session.flush().await;
                    Actor::anonymous()
                }
                Err(e) => {
                    tracing::warn!("loading the acting user: {e}");
                    return unavailable();
                }
            }
        }
        Ok(None) => Actor::anonymous(),
        // The session store is the database: without it nobody can be recognised or refused fairly.
        Err(e) => {
            tracing::warn!("loading the session: {e}");
            return unavailable();
        }
    };
    req.extensions_mut().insert(actor);
    next.run(req).await
}

/// Before the page or function runs (no language known yet): both languages.
fn unavailable() -> Response {
    (StatusCode::SERVICE_UNAVAILABLE, "Tjänsten är inte tillgänglig just nu / Service unavailable").into_response()
}

/// Sign out: the session is destroyed in the store, the cookie removed.
async fn logout(session: Session) -> Response {
    if let Err(e) = session.flush().await {
        tracing::error!("logout: {e}");
    }
    Redirect::to("/").into_response()
}

#[derive(serde::Deserialize)]
struct Next_ {
    next: Option<String>,
}

/// The language switch: a plain link, so it works without JavaScript.
async fn switch_language(Path(code): Path<String>, Query(q): Query<Next_>) -> Response {
    let lang = app::i18n::Lang::from_code(&code);
    let target = app::ssr::safe_next(q.next.as_deref());
    let mut res = Redirect::to(&target).into_response();
    if let Ok(v) = HeaderValue::from_str(&app::ssr::lang_cookie(lang)) {
        res.headers_mut().insert(header::SET_COOKIE, v);
    }
    res
}

/// 200 after a database round trip, 503 otherwise.
async fn healthz(State(state): State<AppState>) -> Response {
    let probe = tokio::time::timeout(Duration::from_secs(2), state.db.execute_unprepared("SELECT 1")).await;
    match probe {
        Ok(Ok(_)) => (StatusCode::OK, "ok").into_response(),
        _ => (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response(),
    }
}

/// Everything a running server needs, built from configuration. Used by `main` and the tests.
pub async fn build_state(
    config: app::ssr::config::Config,
    leptos_options: LeptosOptions,
    mailer: app::ssr::mail::Mailer,
) -> Result<(AppState, session_store::AnyStore), String> {
    let mut db = connect(&config.database_url).await?;
    let queries = count_queries(&mut db);
    let store = session_store::AnyStore::for_connection(&db, queries).await?;
    Ok((AppState { db, config: Arc::new(config), mailer, leptos_options }, store))
}

/// SQLite's pool: one writer at a time, readers in parallel under WAL.
const SQLITE_CONNECTIONS: u32 = 8;

/// SQLite's heap for the whole process while it serves, in bytes; near it a connection's page
/// cache reuses its own pages instead of growing (the kernel's page cache still holds the file).
/// Without it eight connections each filled their cache after searches, and peak RSS under the
/// page bench was about 220 MB; with 16 MiB about 130 MB at the same throughput (bench/why.md).
const SQLITE_SOFT_HEAP_LIMIT: u64 = 16 * 1024 * 1024;

/// Sets SQLite's soft heap limit, which is the process's, not a connection's. Only `serve` sets
/// it: bulk writers such as `gen-bench-data` took 28 s instead of 11 s under it.
pub async fn limit_sqlite_heap(db: &sea_orm::DatabaseConnection) -> Result<(), sea_orm::DbErr> {
    use sea_orm::ConnectionTrait;
    if db.get_database_backend() == sea_orm::DbBackend::Sqlite {
        db.execute_unprepared(&format!("PRAGMA soft_heap_limit = {SQLITE_SOFT_HEAP_LIMIT}")).await?;
    }
    Ok(())
}

/// Rows sqlx may read ahead of the request (SQLite only).
const ROW_BUFFER: usize = 1024;

pub async fn connect(url: &str) -> Result<sea_orm::DatabaseConnection, String> {
    if let Some(path) = url.strip_prefix("sqlite://").map(|p| p.split('?').next().unwrap_or(p)) {
        if let Some(dir) = std::path::Path::new(path).parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
    }
    let mut opts = sea_orm::ConnectOptions::new(url.to_string());
    opts.max_connections(if url.starts_with("sqlite:") { SQLITE_CONNECTIONS } else { 16 })
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(5))
        .sqlx_logging(false);
    if url.starts_with("sqlite:") {
        // Per connection, so every pooled connection gets them: WAL lets readers work while one
        // writer writes; busy_timeout waits for the write lock instead of failing.
        use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
        // sqlx hands each row from SQLite's worker thread over a bounded channel (50 rows by
        // default); when it is full the worker sleeps until the request's task has read some, a
        // thread wake-up each time. The longest lists of a page fit in 1,024.
        opts.map_sqlx_sqlite_opts(|o| {
            o.journal_mode(SqliteJournalMode::Wal)
                .busy_timeout(Duration::from_secs(5))
                .foreign_keys(true)
                .synchronous(SqliteSynchronous::Normal)
                .row_buffer_size(ROW_BUFFER)
        });
        // The pool is opened to its bound at start: each connection's page cache then fills in
        // the first busy minute, not whenever load first reaches a new high, and the count of
        // open files stays the same while the server runs (the soak checks both).
        opts.min_connections(SQLITE_CONNECTIONS);
        // sqlx pings a connection before lending it, by default: for SQLite a round trip to the
        // connection's worker thread on every statement, and a file cannot go away like a server.
        opts.test_before_acquire(false);
    }
    let db = sea_orm::Database::connect(opts).await.map_err(|e| format!("cannot open the database {}: {e}", redact(url)))?;
    Ok(db)
}

/// Database statements made through one connection (and the session store given the same
/// counter). Also exported as `db_queries_total` in /metrics, so the benchmark can divide it by
/// the requests it made.
#[derive(Clone, Debug, Default)]
pub struct QueryCounter(Arc<std::sync::atomic::AtomicU64>);

impl QueryCounter {
    pub fn get(&self) -> u64 {
        self.0.load(std::sync::atomic::Ordering::Relaxed)
    }

    pub fn add(&self) {
        self.0.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        metrics::counter!("db_queries_total").increment(1);
    }
}

/// Count every statement of this connection (and of clones made after this call).
pub fn count_queries(db: &mut sea_orm::DatabaseConnection) -> QueryCounter {
    let counter = QueryCounter::default();
    let c = counter.clone();
    db.set_metric_callback(move |info| {
        c.add();
        // RUST_LOG=info,sql=trace lists them.
        tracing::trace!(target: "sql", elapsed_us = info.elapsed.as_micros() as u64, "{}", info.statement.sql);
    });
    counter
}

/// Hide a password in a database URL for messages.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => format!("{}://***{}", &url[..s], &url[at..]),
        _ => url.to_string(),
    }
}

