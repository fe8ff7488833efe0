//! Online backup of the embedded SQLite database: `VACUUM INTO` writes a consistent copy from one
//! read transaction while the server keeps serving, then the copy is opened and checked.
//! PostgreSQL is backed up with its own tools (`pg_dump`, docs/operations.md).
use std::path::Path;

use sea_orm::{ConnectionTrait, Database, DatabaseBackend, Statement};

/// Tables of the copy with their row counts, and SQLite's verdict on the copy.
#[derive(Debug)]
pub struct BackupReport {
    pub tables: Vec<(String, u64)>,
    pub integrity: String,
    pub bytes: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("the database is PostgreSQL: back it up with pg_dump (docs/operations.md)")]
    NotSqlite,
    #[error("{0} already exists; choose a new file name")]
    Exists(String),
    #[error("database: {0}")]
    Db(#[from] sea_orm::DbErr),
    #[error("the copy failed its integrity check: {0}")]
    Corrupt(String),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// The tables of a SQLite database that hold our rows (not SQLite's own, not the full-text index's
/// internal tables; the copy carries those too).
pub async fn tables(db: &impl ConnectionTrait) -> Result<Vec<String>, sea_orm::DbErr> {
    let rows = db
        .query_all(Statement::from_string(
            DatabaseBackend::Sqlite,
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_fts%' ORDER BY name",
        ))
        .await?;
    rows.iter().map(|r| r.try_get::<String>("", "name")).collect()
}

pub async fn backup(db: &impl ConnectionTrait, target: &Path) -> Result<BackupReport, BackupError> {
    if db.get_database_backend() != DatabaseBackend::Sqlite {
        return Err(BackupError::NotSqlite);
    }
    let shown = target.display().to_string();
    if target.exists() {
        return Err(BackupError::Exists(shown));
    }
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    // A file name is a string literal here (VACUUM INTO takes no bound parameter in every version).
    let literal = format!("'{}'", target.to_string_lossy().replace('\'', "''"));
    db.execute_unprepared(&format!("VACUUM INTO {literal}")).await?;
    let copy = Database::connect(format!("sqlite://{}?mode=ro", target.to_string_lossy())).await?;
    let check = copy.query_one(Statement::from_string(DatabaseBackend::Sqlite, "PRAGMA integrity_check")).await?;
    let integrity = check.and_then(|r| r.try_get_by_index::<String>(0).ok()).unwrap_or_default();
    if integrity != "ok" {
        let _ = copy.close().await;
        return Err(BackupError::Corrupt(integrity));
    }
    let mut counts = Vec::new();
    for t in tables(&copy).await? {
        let n = copy
            .query_one(Statement::from_string(DatabaseBackend::Sqlite, format!("SELECT COUNT(*) AS n FROM \"{t}\"")))
            .await?
            .and_then(|r| r.try_get::<i64>("", "n").ok())
            .unwrap_or(0);
        counts.push((t, n as u64));
    }
    let _ = copy.close().await;
    Ok(BackupReport { tables: counts, integrity, bytes: std::fs::metadata(target)?.len() })
}
