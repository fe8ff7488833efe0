use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};

/// SQLite: the full-text index's vocabulary as a table, so that search can turn a query word into
/// the OR of the indexed terms that start with it (`services::search`). PostgreSQL's search has
/// no prefix matching and needs nothing.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        if db.get_database_backend() == DatabaseBackend::Sqlite {
            db.execute_unprepared("CREATE VIRTUAL TABLE search_fts_vocab USING fts5vocab(search_fts, 'row')").await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        if db.get_database_backend() == DatabaseBackend::Sqlite {
            db.execute_unprepared("DROP TABLE IF EXISTS search_fts_vocab").await?;
        }
        Ok(())
    }
}
