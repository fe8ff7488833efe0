//! Sessions live in the application's own database (SQLite or PostgreSQL), so several
//! instances share them. One store type over both, chosen by the connection.
use async_trait::async_trait;
use sea_orm::{ConnectionTrait, DatabaseConnection};
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, SessionStore};
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

#[derive(Clone, Debug)]
pub enum Backend {
    Sqlite(SqliteStore),
    Postgres(PostgresStore),
}

/// The session store, counting its statements with the application's own (it bypasses sea-orm).
#[derive(Clone, Debug)]
pub struct AnyStore {
    backend: Backend,
    queries: crate::QueryCounter,
}

impl AnyStore {
    /// Shares the connection pool of sea-orm and creates the session table when missing.
    pub async fn for_connection(db: &DatabaseConnection, queries: crate::QueryCounter) -> Result<AnyStore, String> {
        let backend = match db.get_database_backend() {
            sea_orm::DatabaseBackend::Sqlite => Backend::Sqlite(SqliteStore::new(db.get_sqlite_connection_pool().clone())),
            sea_orm::DatabaseBackend::Postgres => Backend::Postgres(PostgresStore::new(db.get_postgres_connection_pool().clone())),
            other => return Err(format!("unsupported database backend {other:?}")),
        };
        let (migrated, probe) = match &backend {
            Backend::Sqlite(s) => (s.migrate().await, "SELECT 1 FROM tower_sessions LIMIT 1"),
            Backend::Postgres(s) => (s.migrate().await, "SELECT 1 FROM tower_sessions.session LIMIT 1"),
        };
        if let Err(e) = migrated {
            // A database that cannot take writes right now (read-only, full) may still hold the
            // table: then start, read, and answer writes with 503 instead of not starting at all.
            if db.execute_unprepared(probe).await.is_err() {
                return Err(format!("cannot prepare the session table: {e}"));
            }
            tracing::warn!("the session table could not be prepared ({e}); it exists, so the server starts");
        }
        Ok(AnyStore { backend, queries })
    }

    /// Delete expired sessions now and then (any instance may do it; it is idempotent).
    pub fn spawn_cleanup(&self) {
        use tower_sessions::ExpiredDeletion;
        let store = self.backend.clone();
        tokio::spawn(async move {
            let every = Some(tokio::time::Duration::from_secs(600));
            let r = match store {
                Backend::Sqlite(s) => s.continuously_delete_expired(every.unwrap_or_default()).await,
                Backend::Postgres(s) => s.continuously_delete_expired(every.unwrap_or_default()).await,
            };
            if let Err(e) = r {
                tracing::error!("session cleanup stopped: {e}");
            }
        });
    }
}

#[async_trait]
impl SessionStore for AnyStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        self.queries.add();
        match &self.backend {
            Backend::Sqlite(s) => s.create(record).await,
            Backend::Postgres(s) => s.create(record).await,
        }
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        self.queries.add();
        match &self.backend {
            Backend::Sqlite(s) => s.save(record).await,
            Backend::Postgres(s) => s.save(record).await,
        }
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        self.queries.add();
        match &self.backend {
            Backend::Sqlite(s) => s.load(id).await,
            Backend::Postgres(s) => s.load(id).await,
        }
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        self.queries.add();
        match &self.backend {
            Backend::Sqlite(s) => s.delete(id).await,
            Backend::Postgres(s) => s.delete(id).await,
        }
    }
}
