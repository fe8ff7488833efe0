use sea_orm_migration::{prelude::*, schema::*};

use super::m20261122_000003_create_forums::Forums;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Meetings::Table)
                .if_not_exists()
                .col(pk_auto(Meetings::Id))
                .col(integer(Meetings::ForumId))
                .col(string(Meetings::Title))
                .col(timestamp_with_time_zone(Meetings::StartsAt))
                .col(timestamp_with_time_zone(Meetings::EndsAt))
                .col(string_null(Meetings::Place))
                .col(string_null(Meetings::OnlineUrl))
                .col(string(Meetings::Status).default("planned"))
                .col(text_null(Meetings::CancelReason))
                .col(timestamp_with_time_zone(Meetings::CreatedAt))
                .col(timestamp_with_time_zone(Meetings::UpdatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Meetings::Table, Meetings::ForumId)
                        .to(Forums::Table, Forums::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        // A forum's meetings by time (upcoming / past), and the calendar across forums by time.
        m.create_index(
            Index::create().name("idx_meetings_forum_start").table(Meetings::Table).col(Meetings::ForumId).col(Meetings::StartsAt).to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("idx_meetings_start").table(Meetings::Table).col(Meetings::StartsAt).to_owned()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Meetings::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum Meetings {
    Table,
    Id,
    ForumId,
    Title,
    StartsAt,
    EndsAt,
    Place,
    OnlineUrl,
    Status,
    CancelReason,
    CreatedAt,
    UpdatedAt,
}
