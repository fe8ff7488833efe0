use sea_orm_migration::prelude::*;

/// A forum's action list sorted by end date: with only `idx_actions_end` PostgreSQL walked the end
/// dates of every forum and kept one action in thirty (25.9 ms on the bench data); with this index
/// it reads the forum's actions in order (0.8 ms; bench/reports/pages-pg.md). SQLite sorts the
/// forum's rows from `idx_actions_forum_state` (0.3 ms) and, given this index, walked it instead
/// (0.5–1 ms), so it is made on PostgreSQL only.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        if m.get_database_backend() != sea_orm::DatabaseBackend::Postgres {
            return Ok(());
        }
        m.create_index(Index::create().name("idx_actions_forum_end").table(Actions::Table).col(Actions::ForumId).col(Actions::EndDate).col(Actions::Number).to_owned()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        if m.get_database_backend() != sea_orm::DatabaseBackend::Postgres {
            return Ok(());
        }
        m.drop_index(Index::drop().name("idx_actions_forum_end").table(Actions::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum Actions {
    Table,
    ForumId,
    EndDate,
    Number,
}
