use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};

/// Full-text search. `search_documents` holds one row per searchable thing (meeting, agenda item,
/// published summary, action, status note, visible comment), kept current by triggers on the
/// source tables, so no code path can forget it. SQLite indexes it with FTS5, PostgreSQL with a
/// Swedish tsvector and a GIN index. Who may read a row is decided when searching.
#[derive(DeriveMigrationName)]
pub struct Migration;

/// (source table, document kind, condition on NEW for being searchable, the values from NEW:
/// forum_id, meeting_id, target_kind, title, body, url).
const SOURCES: [(&str, &str, &str, [&str; 6]); 6] = [
    (
        "meetings",
        "meeting",
        "1 = 1",
        ["NEW.forum_id", "NEW.id", "NULL", "NEW.title", "COALESCE(NEW.place, '') || ' ' || COALESCE(NEW.cancel_reason, '')", "'/meetings/' || NEW.id"],
    ),
    (
        "agenda_items",
        "item",
        "1 = 1",
        [
            "(SELECT forum_id FROM meetings WHERE id = NEW.meeting_id)",
            "NEW.meeting_id",
            "NULL",
            "NEW.title",
            "NEW.presenters || ' ' || NEW.description",
            "'/meetings/' || NEW.meeting_id || '#item-' || NEW.id",
        ],
    ),
    (
        "summaries",
        "summary",
        "NEW.state = 'published'",
        [
            "(SELECT forum_id FROM meetings WHERE id = NEW.meeting_id)",
            "NEW.meeting_id",
            "NULL",
            "(SELECT title FROM meetings WHERE id = NEW.meeting_id)",
            "NEW.body",
            "'/meetings/' || NEW.meeting_id || '/summary'",
        ],
    ),
    (
        "actions",
        "action",
        "1 = 1",
        [
            "NEW.forum_id",
            "NULL",
            "NULL",
            "NEW.number || '. ' || NEW.title",
            "NEW.description || ' ' || NEW.comment",
            "'/forums/' || (SELECT slug FROM forums WHERE id = NEW.forum_id) || '/actions/' || NEW.number",
        ],
    ),
    (
        "action_notes",
        "note",
        "1 = 1",
        [
            "(SELECT forum_id FROM actions WHERE id = NEW.action_id)",
            "NULL",
            "NULL",
            "(SELECT number || '. ' || title FROM actions WHERE id = NEW.action_id)",
            "NEW.body",
            "(SELECT '/forums/' || f.slug || '/actions/' || a.number FROM actions a JOIN forums f ON f.id = a.forum_id WHERE a.id = NEW.action_id)",
        ],
    ),
    (
        "comments",
        "comment",
        "NEW.deleted_at IS NULL AND NEW.hidden_at IS NULL",
        [
            "NEW.forum_id",
            "CASE NEW.target_kind WHEN 'item' THEN (SELECT meeting_id FROM agenda_items WHERE id = NEW.target_id) WHEN 'action' THEN NULL ELSE NEW.target_id END",
            "NEW.target_kind",
            "''",
            "NEW.body",
            "CASE NEW.target_kind \
               WHEN 'action' THEN (SELECT '/forums/' || f.slug || '/actions/' || a.number FROM actions a JOIN forums f ON f.id = a.forum_id WHERE a.id = NEW.target_id) \
               WHEN 'summary' THEN '/meetings/' || NEW.target_id || '/summary' \
               WHEN 'agenda' THEN '/meetings/' || NEW.target_id \
               ELSE '/meetings/' || (SELECT meeting_id FROM agenda_items WHERE id = NEW.target_id) END || '#comment-' || NEW.id",
        ],
    ),
];

fn insert_sql(kind: &str, v: &[&str; 6]) -> String {
    format!(
        "INSERT INTO search_documents (kind, ref_id, forum_id, meeting_id, target_kind, title, body, url) VALUES ('{kind}', NEW.id, {}, {}, {}, {}, {}, {})",
        v[0], v[1], v[2], v[3], v[4], v[5]
    )
}

/// The same values for existing rows (the backfill): NEW becomes the table's alias.
fn backfill_sql(table: &str, kind: &str, cond: &str, v: &[&str; 6]) -> String {
    let sel = format!("SELECT '{kind}', NEW.id, {}, {}, {}, {}, {}, {} FROM {table} NEW WHERE {cond}", v[0], v[1], v[2], v[3], v[4], v[5]);
    format!("INSERT INTO search_documents (kind, ref_id, forum_id, meeting_id, target_kind, title, body, url) {sel}")
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        let backend = db.get_database_backend();
        let pk = if backend == DatabaseBackend::Postgres { "SERIAL PRIMARY KEY" } else { "INTEGER PRIMARY KEY AUTOINCREMENT" };
        db.execute_unprepared(&format!(
            "CREATE TABLE search_documents (id {pk}, kind TEXT NOT NULL, ref_id INTEGER NOT NULL, forum_id INTEGER NOT NULL, \
             meeting_id INTEGER, target_kind TEXT, title TEXT NOT NULL, body TEXT NOT NULL, url TEXT NOT NULL)"
        ))
        .await?;
        db.execute_unprepared("CREATE UNIQUE INDEX uq_search_documents_ref ON search_documents (kind, ref_id)").await?;
        db.execute_unprepared("CREATE INDEX idx_search_documents_forum ON search_documents (forum_id)").await?;
        match backend {
            DatabaseBackend::Sqlite => {
                // Å, ä and ö are letters of their own in Swedish: keep them apart from a, o.
                db.execute_unprepared(
                    "CREATE VIRTUAL TABLE search_fts USING fts5(title, body, content='search_documents', content_rowid='id', tokenize='unicode61 remove_diacritics 0')",
                )
                .await?;
                db.execute_unprepared(
                    "CREATE TRIGGER search_fts_ai AFTER INSERT ON search_documents BEGIN \
                     INSERT INTO search_fts (rowid, title, body) VALUES (NEW.id, NEW.title, NEW.body); END",
                )
                .await?;
                db.execute_unprepared(
                    "CREATE TRIGGER search_fts_ad AFTER DELETE ON search_documents BEGIN \
                     INSERT INTO search_fts (search_fts, rowid, title, body) VALUES ('delete', OLD.id, OLD.title, OLD.body); END",
                )
                .await?;
                for (table, kind, cond, v) in SOURCES {
                    let del = format!("DELETE FROM search_documents WHERE kind = '{kind}' AND ref_id = OLD.id;");
                    let ins = format!(
                        "INSERT INTO search_documents (kind, ref_id, forum_id, meeting_id, target_kind, title, body, url) SELECT '{kind}', NEW.id, {}, {}, {}, {}, {}, {} WHERE {cond};",
                        v[0], v[1], v[2], v[3], v[4], v[5]
                    );
                    db.execute_unprepared(&format!("CREATE TRIGGER search_{table}_ai AFTER INSERT ON {table} BEGIN {ins} END")).await?;
                    db.execute_unprepared(&format!("CREATE TRIGGER search_{table}_au AFTER UPDATE ON {table} BEGIN {del} {ins} END")).await?;
                    db.execute_unprepared(&format!("CREATE TRIGGER search_{table}_ad AFTER DELETE ON {table} BEGIN {del} END")).await?;
                }
            }
            DatabaseBackend::Postgres => {
                db.execute_unprepared(
                    "ALTER TABLE search_documents ADD COLUMN tsv tsvector GENERATED ALWAYS AS \
                     (setweight(to_tsvector('swedish', title), 'A') || setweight(to_tsvector('swedish', body), 'B')) STORED",
                )
                .await?;
                db.execute_unprepared("CREATE INDEX idx_search_documents_tsv ON search_documents USING GIN (tsv)").await?;
                for (table, kind, cond, v) in SOURCES {
                    db.execute_unprepared(&format!(
                        "CREATE FUNCTION search_{table}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN \
                           IF TG_OP <> 'INSERT' THEN DELETE FROM search_documents WHERE kind = '{kind}' AND ref_id = OLD.id; END IF; \
                           IF TG_OP <> 'DELETE' AND ({cond}) THEN {}; END IF; \
                           RETURN NULL; END $$",
                        insert_sql(kind, &v)
                    ))
                    .await?;
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER search_{table} AFTER INSERT OR UPDATE OR DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION search_{table}()"
                    ))
                    .await?;
                }
            }
            DatabaseBackend::MySql => return Err(DbErr::Migration("MySQL is not supported".into())),
        }
        for (table, kind, cond, v) in SOURCES {
            db.execute_unprepared(&backfill_sql(table, kind, cond, &v)).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        match db.get_database_backend() {
            DatabaseBackend::Postgres => {
                for (table, ..) in SOURCES {
                    db.execute_unprepared(&format!("DROP TRIGGER IF EXISTS search_{table} ON {table}")).await?;
                    db.execute_unprepared(&format!("DROP FUNCTION IF EXISTS search_{table}()")).await?;
                }
            }
            _ => {
                for (table, ..) in SOURCES {
                    for suffix in ["ai", "au", "ad"] {
                        db.execute_unprepared(&format!("DROP TRIGGER IF EXISTS search_{table}_{suffix}")).await?;
                    }
                }
                db.execute_unprepared("DROP TABLE IF EXISTS search_fts").await?;
            }
        }
        db.execute_unprepared("DROP TABLE IF EXISTS search_documents").await?;
        Ok(())
    }
}
