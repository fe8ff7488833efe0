use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter().table(Meetings::Table).add_column(timestamp_with_time_zone_null(Meetings::AgendaPublishedAt)).to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(AgendaItems::Table)
                .if_not_exists()
                .col(pk_auto(AgendaItems::Id))
                .col(integer(AgendaItems::MeetingId))
                .col(integer(AgendaItems::Position))
                .col(string(AgendaItems::Title))
                .col(string(AgendaItems::Presenters).default(""))
                .col(integer(AgendaItems::DurationMinutes))
                .col(string(AgendaItems::Kind))
                .col(text(AgendaItems::Description).default(""))
                .col(timestamp_with_time_zone(AgendaItems::CreatedAt))
                .col(timestamp_with_time_zone_null(AgendaItems::ChangedAfterPublishAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(AgendaItems::Table, AgendaItems::MeetingId)
                        .to(Meetings::Table, Meetings::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create().name("idx_agenda_items_meeting_pos").table(AgendaItems::Table).col(AgendaItems::MeetingId).col(AgendaItems::Position).to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(AgendaItems::Table).to_owned()).await?;
        m.alter_table(Table::alter().table(Meetings::Table).drop_column(Meetings::AgendaPublishedAt).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum Meetings {
    Table,
    Id,
    AgendaPublishedAt,
}

#[derive(DeriveIden)]
enum AgendaItems {
    Table,
    Id,
    MeetingId,
    Position,
    Title,
    Presenters,
    DurationMinutes,
    Kind,
    Description,
    CreatedAt,
    ChangedAfterPublishAt,
}
