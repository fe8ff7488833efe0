//! `samverkan`: serve the application, migrate, seed demo data, manage accounts from the shell.
use std::net::SocketAddr;
use std::time::Duration;

use app::ssr::config::Config;
use app::ssr::mail::Mailer;
use app::ssr::policy::{Actor, ActorUser, ForumRole};
use app::ssr::services;
use clap::{Parser, Subcommand};
use leptos::config::get_configuration;
use migration::{Migrator, MigratorTrait};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

// See bench/why.md: fewer allocator locks and less memory held per thread than glibc under load.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "samverkan", about = "Samverkan – forum, möten och aktiviteter")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the application (the default).
    Serve,
    /// Apply database migrations and exit.
    Migrate,
    /// Create or refresh the demo organisations, forums and logins (idempotent).
    SeedDemo {
        /// Password for every demo login; one is generated and printed when left out.
        #[arg(long)]
        password: Option<String>,
        /// Only seed when the database has no users yet (used by `make run`).
        #[arg(long)]
        if_empty: bool,
    },
    /// Fill a fresh database with the benchmark dataset (demo data first, then the bulk rows), and
    /// print what the benchmark should load as KEY=VALUE lines.
    GenBenchData {
        /// large (issue 7's size), medium (a tenth) or small (a hundredth).
        #[arg(long, default_value = "large")]
        scale: String,
        /// Password of the demo logins and of every generated person.
        #[arg(long, default_value = "Samverkan-bench-lösen-2026")]
        password: String,
    },
    /// Write a consistent copy of the SQLite database to FILE while the server keeps running, then
    /// check the copy and list its tables (PostgreSQL: use pg_dump, see docs/operations.md).
    Backup {
        /// The new file; an existing file is never overwritten.
        file: std::path::PathBuf,
    },
    /// Create a user with a password (no invitation mail).
    CreateUser {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// Organisation name or short name.
        #[arg(long)]
        org: String,
        /// admin, or a forum role as ROLE@FORUM-SLUG (e.g. member@aktorsrad-vard).
        #[arg(long)]
        role: String,
        #[arg(long)]
        password: Option<String>,
    },
    /// Invite a person by e-mail and print the link.
    Invite {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        org: String,
        /// admin, or ROLE@FORUM-SLUG.
        #[arg(long)]
        role: String,
    },
}

fn fail(msg: impl std::fmt::Display) -> ! {
    eprintln!("samverkan: {msg}");
    std::process::exit(2);
}

fn main() {
    limit_malloc_arenas();
    no_transparent_huge_pages();
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap_or_else(|e| fail(format!("cannot start the runtime: {e}")));
    runtime.block_on(run());
}

/// SQLite allocates through glibc's malloc (Rust code through mimalloc). glibc gives threads that
/// meet on a lock arenas of their own, up to eight per core, and each keeps what was freed in it:
/// with two the bench's peak RSS went from 214–223 MB to 154 MB at the same requests/s (one arena
/// cost a quarter of them; bench/why.md). An operator's own `MALLOC_ARENA_MAX` wins.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn limit_malloc_arenas() {
    if std::env::var_os("MALLOC_ARENA_MAX").is_none() {
        // SAFETY: mallopt only sets a parameter of the allocator; it runs before any thread starts.
        unsafe {
            libc::mallopt(libc::M_ARENA_MAX, 2);
        }
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn limit_malloc_arenas() {}

/// mimalloc asks the kernel for transparent huge pages on its arenas, so a page that is touched
/// once holds 2 MiB: under the bench's render pass that was about 20 MB of peak RSS (142 and 135
/// against 122 and 120 MB at the same requests/s; bench/why.md). An operator who sets
/// `MIMALLOC_ALLOW_THP` keeps their choice.
#[cfg(target_os = "linux")]
fn no_transparent_huge_pages() {
    if std::env::var_os("MIMALLOC_ALLOW_THP").is_none() {
        // SAFETY: PR_SET_THP_DISABLE only sets a flag on this process's memory; no pointers.
        unsafe {
            libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn no_transparent_huge_pages() {}

async fn run() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info,sqlx=warn,tower_sessions=warn".into());
    // JSON lines for log shipping in production; readable lines on a terminal.
    if std::env::var("SAMVERKAN_LOG_FORMAT").is_ok_and(|v| v == "json") {
        tracing_subscriber::fmt().json().with_env_filter(filter).with_target(false).init();
    } else {
        tracing_subscriber::fmt().with_env_filter(filter).with_target(false).init();
    }
    let cli = Cli::parse();
    let config = Config::from_env().unwrap_or_else(|e| fail(e));
    let leptos_options = site_options().unwrap_or_else(|e| fail(e));
    let mailer = Mailer::new(&config.mail_from, config.smtp_url.as_deref(), config.mail_dir.clone()).unwrap_or_else(|e| fail(e));
    let (state, store) = server::build_state(config, leptos_options, mailer).await.unwrap_or_else(|e| fail(e));
    Migrator::up(&state.db, None).await.unwrap_or_else(|e| fail(format!("migration failed: {e}")));

    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(state, store).await,
        Command::Migrate => println!("Databasen är migrerad."),
        Command::SeedDemo { password, if_empty } => {
            use sea_orm::PaginatorTrait;
            if if_empty && entity::user::Entity::find().count(&state.db).await.unwrap_or(0) > 0 {
                println!("Databasen har redan användare; demodata läggs inte in igen. Demoinloggningar (lösenord från första körningen):");
                for (email, what) in services::seed::demo_logins().unwrap_or_default() {
                    println!("  {email:<32} {what}");
                }
                return;
            }
            let password = password.unwrap_or_else(generate_password);
            let logins = services::seed::seed_demo(&state.db, &password).await.unwrap_or_else(|e| fail(format!("seed failed: {e:?}")));
            println!("Demodata är inlagd. Inloggningar (lösenord: {password}):");
            for (email, what) in logins {
                println!("  {email:<32} {what}");
            }
        }
        Command::Backup { file } => {
            let started = std::time::Instant::now();
            let r = services::backup::backup(&state.db, &file).await.unwrap_or_else(|e| fail(format!("backup failed: {e}")));
            let rows: u64 = r.tables.iter().map(|(_, n)| n).sum();
            println!(
                "Säkerhetskopian {} är skriven och kontrollerad (integrity_check: {}): {} tabeller, {rows} rader, {} byte, {:.1} s.",
                file.display(),
                r.integrity,
                r.tables.len(),
                r.bytes,
                started.elapsed().as_secs_f64()
            );
            for (table, n) in r.tables {
                println!("  {table:<32} {n}");
            }
        }
        Command::GenBenchData { scale, password } => {
            let scale = services::benchdata::Scale::named(&scale).unwrap_or_else(|| fail(format!("unknown scale {scale}: use large, medium or small")));
            let seeded = std::time::Instant::now();
            services::seed::seed_demo(&state.db, &password).await.unwrap_or_else(|e| fail(format!("seed failed: {e:?}")));
            let seed_s = seeded.elapsed().as_secs_f64();
            let g = services::benchdata::generate(&state.db, scale, &password).await.unwrap_or_else(|e| fail(format!("bench data failed: {e}")));
            let s = g.scale;
            println!("BENCH_SEED_SECONDS={seed_s:.2}");
            println!("BENCH_GENERATE_SECONDS={:.2}", g.seconds);
            println!(
                "BENCH_COUNTS=\"forums={} organisations={} users={} meetings={} agenda_items={} summaries={} actions={} status_notes={} comments={} surveys={} answers={} responses={} invitations={} memberships={}\"",
                s.forums, s.organisations, s.users, s.meetings, s.agenda_items(), g.summaries, s.actions, s.status_notes(), s.comments, s.surveys, s.answers, g.responses, g.invitations, g.memberships
            );
            println!("BENCH_MEMBER={}", g.member_email);
            println!("BENCH_PASSWORD={password}");
            println!("BENCH_FORUM={}", g.forum_slug);
            println!("BENCH_MEETING={}", g.meeting_id);
            println!("BENCH_SURVEY={}", g.survey_id);
            println!("BENCH_SEARCH={}", g.search_term);
        }
        Command::CreateUser { email, name, org, role, password } => {
            let org_id = find_org(&state.db, &org).await;
            let (admin, forum_role) = parse_role(&state.db, &role).await;
            let password = password.unwrap_or_else(generate_password);
            let u = services::accounts::upsert_user_with_password(&state.db, &email, &name, org_id, None, admin, &password)
                .await
                .unwrap_or_else(|e| fail(format!("cannot create the user: {e:?}")));
            if let Some((forum_id, r)) = forum_role {
                services::accounts::ensure_membership(&state.db, u.id, forum_id, r).await.unwrap_or_else(|e| fail(format!("{e:?}")));
            }
            println!("Användaren {} är skapad. Lösenord: {password}", u.email);
        }
        Command::Invite { email, name, org, role } => {
            let org_id = find_org(&state.db, &org).await;
            let (admin, forum_role) = parse_role(&state.db, &role).await;
            // The shell acts as a system administrator.
            let system = Actor {
                user: Some(ActorUser {
                    id: 0,
                    name: "system".into(),
                    email: String::new(),
                    organisation_id: org_id,
                    organisation: String::new(),
                    is_admin: true,
                    language: "sv".into(),
                    forums: vec![],
                    previous_visit_at: None,
                    calendar_token: None,
                    page_generation: 0,
                }),
            };
            let input = services::accounts::InviteInput {
                email,
                name,
                organisation_id: org_id.to_string(),
                title: String::new(),
                language: "sv".into(),
                forum_id: forum_role.map(|(f, _)| f.to_string()).unwrap_or_default(),
                role: forum_role.map(|(_, r)| r.code().to_string()).unwrap_or_default(),
                make_admin: admin,
            };
            let (_, link) = services::accounts::invite(&state.db, &system, &state.config.base_url, input)
                .await
                .unwrap_or_else(|e| fail(format!("cannot invite: {e:?}")));
            println!("Inbjudan är köad för utskick. Länk: {link}");
        }
    }
}

async fn serve(state: app::ssr::state::AppState, store: server::session_store::AnyStore) {
    let addr: SocketAddr = state.leptos_options.site_addr;
    server::limit_sqlite_heap(&state.db).await.unwrap_or_else(|e| fail(format!("cannot set SQLite's heap limit: {e}")));
    app::ssr::mail::spawn_worker(state.db.clone(), state.mailer.clone(), Duration::from_secs(2));
    app::ssr::services::reminders::spawn_worker(state.db.clone(), state.config.base_url.clone(), Duration::from_secs(15 * 60));
    store.spawn_cleanup();
    let router = server::app(state, store);
    let listener = tokio::net::TcpListener::bind(addr).await.unwrap_or_else(|e| fail(format!("cannot listen on {addr}: {e}")));
    tracing::info!("Samverkan listening on http://{addr}");
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    if let Err(e) = axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>()).with_graceful_shutdown(shutdown).await {
        fail(format!("server error: {e}"));
    }
}

/// Leptos settings: from cargo-leptos' environment when present, else from the workspace
/// metadata, else built-in defaults, so that `samverkan serve` works on its own.
fn site_options() -> Result<leptos::config::LeptosOptions, String> {
    let manifest = ["Cargo.toml", "../Cargo.toml"].into_iter().find(|p| std::path::Path::new(p).exists());
    let mut opts = match get_configuration(manifest) {
        Ok(conf) => conf.leptos_options,
        Err(_) => leptos::config::LeptosOptions::builder().output_name("samverkan").build(),
    };
    if let Ok(addr) = std::env::var("LEPTOS_SITE_ADDR") {
        opts.site_addr = addr.parse().map_err(|_| format!("LEPTOS_SITE_ADDR is not an address:port ({addr:?})"))?;
    }
    Ok(opts)
}

fn generate_password() -> String {
    use rand_words::words;
    words()
}

mod rand_words {
    /// Four random Swedish words: long, easy to type, hard to guess.
    pub fn words() -> String {
        const W: [&str; 32] = [
            "blåbär", "fjällsjö", "lingon", "tallskog", "vårflod", "midsommar", "kanelbulle", "skärgård", "norrsken", "hjortron",
            "dalahäst", "vintergata", "fikapaus", "sommaräng", "snöklocka", "havsörn", "strömming", "gökotta", "kantarell", "lövsal",
            "fyrtorn", "granris", "isbrytare", "kajak", "lodjur", "måsvinge", "rönnbär", "sjöbod", "tjäder", "vitsippa", "älvdal", "åkerlärka",
        ];
        let mut bytes = [0u8; 4];
        let _ = getrandom_fill(&mut bytes);
        bytes.iter().map(|b| W[(*b as usize) % W.len()]).collect::<Vec<_>>().join("-")
    }

    fn getrandom_fill(buf: &mut [u8]) -> std::io::Result<()> {
        use std::io::Read;
        std::fs::File::open("/dev/urandom")?.read_exact(buf)
    }
}

async fn find_org(db: &sea_orm::DatabaseConnection, name: &str) -> i32 {
    use entity::organisation;
    let found = organisation::Entity::find()
        .filter(sea_orm::Condition::any().add(organisation::Column::Name.eq(name)).add(organisation::Column::ShortName.eq(name)))
        .one(db)
        .await
        .unwrap_or_else(|e| fail(e));
    found.map(|o| o.id).unwrap_or_else(|| fail(format!("no organisation named {name:?}")))
}

async fn parse_role(db: &sea_orm::DatabaseConnection, role: &str) -> (bool, Option<(i32, ForumRole)>) {
    if role == "admin" {
        return (true, None);
    }
    let Some((r, slug)) = role.split_once('@') else { fail("--role must be admin or ROLE@FORUM-SLUG (e.g. member@aktorsrad-vard)") };
    let r = ForumRole::from_code(r).unwrap_or_else(|| fail("role must be member, coordinator or secretariat"));
    let f = entity::forum::Entity::find()
        .filter(entity::forum::Column::Slug.eq(slug))
        .one(db)
        .await
        .unwrap_or_else(|e| fail(e))
        .unwrap_or_else(|| fail(format!("no forum with slug {slug:?}")));
    (false, Some((f.id, r)))
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    #[test]
    fn the_server_process_asks_for_no_transparent_huge_pages() {
        // Each test runs in a process of its own (nextest), so the flag set here stays here.
        assert!(std::env::var_os("MIMALLOC_ALLOW_THP").is_none(), "run without an operator's choice");
        super::no_transparent_huge_pages();
        // SAFETY: PR_GET_THP_DISABLE reads a flag of this process.
        let after = unsafe { libc::prctl(libc::PR_GET_THP_DISABLE, 0, 0, 0, 0) };
        assert_eq!(after, 1);
    }
}
