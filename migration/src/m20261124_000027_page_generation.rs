use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend, Statement};

/// The write generation behind the page cache (docs/architecture.md, "Page cache"): one row whose
/// number goes up in the same transaction as every change to any table a page can show. A page
/// rendered after reading generation `n` is valid exactly as long as the number is still `n`, on
/// every instance that shares the database. Triggers, not application code, bump it, so no write
/// path can forget it; `cargo test` checks that every table but the exempt ones has them.
#[derive(DeriveMigrationName)]
pub struct Migration;

/// Never shown on a page: sessions (a page cache hit checks its session on every request anyway;
/// on PostgreSQL they are in a schema of their own), the migration log, the generation itself,
/// SQLite's own tables and the full-text index's shadow tables (written only by the triggers of
/// `search_documents`, which raise the number themselves).
pub const EXEMPT: [&str; 3] = ["tower_sessions", "seaql_migrations", "page_generation"];

fn exempt(table: &str) -> bool {
    EXEMPT.contains(&table) || table.starts_with("sqlite_") || table.starts_with("search_fts")
}

/// The tables of the current schema that need the triggers.
pub async fn watched_tables(db: &impl ConnectionTrait) -> Result<Vec<String>, DbErr> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DatabaseBackend::Postgres => "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1",
        _ => "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY 1",
    };
    let rows = db.query_all(Statement::from_string(backend, sql)).await?;
    let mut out = vec![];
    for r in rows {
        let name: String = r.try_get("", "name")?;
        if !exempt(&name) {
            out.push(name);
        }
    }
    Ok(out)
}

/// The generation now (tests and tools; a page reads it with the acting person instead).
pub async fn current(db: &impl ConnectionTrait) -> Result<i64, DbErr> {
    let sql = "SELECT n FROM page_generation WHERE id = 1";
    let row = db.query_one(Statement::from_string(db.get_database_backend(), sql)).await?;
    row.ok_or_else(|| DbErr::RecordNotFound("page_generation".into()))?.try_get("", "n")
}

/// The tables that have the generation triggers.
pub async fn tables_with_triggers(db: &impl ConnectionTrait) -> Result<Vec<String>, DbErr> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DatabaseBackend::Postgres => {
            "SELECT DISTINCT c.relname AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid \
             WHERE t.tgname = 'page_generation_bump' ORDER BY 1"
        }
        _ => "SELECT DISTINCT tbl_name AS name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'page_generation_%' ORDER BY 1",
    };
    let rows = db.query_all(Statement::from_string(backend, sql)).await?;
    rows.iter().map(|r| r.try_get::<String>("", "name")).collect()
}

/// Add the triggers to one table. A later migration that creates a table calls this.
pub async fn watch(db: &impl ConnectionTrait, table: &str) -> Result<(), DbErr> {
    match db.get_database_backend() {
        DatabaseBackend::Postgres => {
            // Deferred to the commit, so the row lock on the generation is the last lock a
            // transaction takes (two writers cannot deadlock on it), and bumped once per
            // transaction however many rows it changes.
            db.execute_unprepared(&format!(
                "CREATE CONSTRAINT TRIGGER page_generation_bump AFTER INSERT OR UPDATE OR DELETE ON \"{table}\" \
                 DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION page_generation_bump()"
            ))
            .await?;
        }
        _ => {
            for (suffix, event) in [("ai", "INSERT"), ("au", "UPDATE"), ("ad", "DELETE")] {
                db.execute_unprepared(&format!(
                    "CREATE TRIGGER page_generation_{table}_{suffix} AFTER {event} ON \"{table}\" \
                     BEGIN UPDATE page_generation SET n = n + 1 WHERE id = 1; END"
                ))
                .await?;
            }
        }
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        db.execute_unprepared("CREATE TABLE page_generation (id INTEGER PRIMARY KEY, n BIGINT NOT NULL)").await?;
        db.execute_unprepared("INSERT INTO page_generation (id, n) VALUES (1, 0)").await?;
        if db.get_database_backend() == DatabaseBackend::Postgres {
            db.execute_unprepared(
                "CREATE FUNCTION page_generation_bump() RETURNS trigger LANGUAGE plpgsql AS $$ \
                 BEGIN \
                   IF coalesce(current_setting('samverkan.page_generation_bumped', true), '') <> 'on' THEN \
                     UPDATE page_generation SET n = n + 1 WHERE id = 1; \
                     PERFORM set_config('samverkan.page_generation_bumped', 'on', true); \
                   END IF; \
                   RETURN NULL; \
                 END $$",
            )
            .await?;
        }
        for table in watched_tables(db).await? {
            watch(db, &table).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        let backend = db.get_database_backend();
        for table in tables_with_triggers(db).await? {
            if backend == DatabaseBackend::Postgres {
                db.execute_unprepared(&format!("DROP TRIGGER page_generation_bump ON \"{table}\"")).await?;
            } else {
                for suffix in ["ai", "au", "ad"] {
                    db.execute_unprepared(&format!("DROP TRIGGER IF EXISTS page_generation_{table}_{suffix}")).await?;
                }
            }
        }
        if backend == DatabaseBackend::Postgres {
            db.execute_unprepared("DROP FUNCTION page_generation_bump()").await?;
        }
        db.execute_unprepared("DROP TABLE page_generation").await?;
        Ok(())
    }
}
