use sea_orm_migration::{prelude::*, schema::*};

use super::m20261122_000002_create_users::Users;
use super::m20261122_000010_create_additions::{AgendaAdditions, AgendaItems, Meetings};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Materials::Table)
                .if_not_exists()
                .col(pk_auto(Materials::Id))
                .col(integer(Materials::MeetingId))
                .col(integer_null(Materials::AgendaItemId))
                .col(integer_null(Materials::AdditionId))
                .col(string(Materials::FileName))
                .col(string(Materials::ContentType))
                .col(big_integer(Materials::SizeBytes))
                .col(string(Materials::Sha256))
                .col(boolean(Materials::PreReading).default(false))
                .col(integer_null(Materials::UploadedBy))
                .col(timestamp_with_time_zone(Materials::UploadedAt))
                .foreign_key(ForeignKey::create().from(Materials::Table, Materials::MeetingId).to(Meetings::Table, Meetings::Id).on_delete(ForeignKeyAction::Cascade))
                .foreign_key(
                    ForeignKey::create().from(Materials::Table, Materials::AgendaItemId).to(AgendaItems::Table, AgendaItems::Id).on_delete(ForeignKeyAction::SetNull),
                )
                .foreign_key(
                    ForeignKey::create().from(Materials::Table, Materials::AdditionId).to(AgendaAdditions::Table, AgendaAdditions::Id).on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(ForeignKey::create().from(Materials::Table, Materials::UploadedBy).to(Users::Table, Users::Id).on_delete(ForeignKeyAction::SetNull))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("idx_materials_meeting").table(Materials::Table).col(Materials::MeetingId).to_owned()).await?;
        m.create_index(Index::create().name("idx_materials_addition").table(Materials::Table).col(Materials::AdditionId).to_owned()).await?;
        // The bytes live apart so that listing materials never loads them.
        m.create_table(
            Table::create()
                .table(MaterialContents::Table)
                .if_not_exists()
                .col(integer(MaterialContents::MaterialId).primary_key())
                .col(binary(MaterialContents::Data))
                .foreign_key(
                    ForeignKey::create()
                        .from(MaterialContents::Table, MaterialContents::MaterialId)
                        .to(Materials::Table, Materials::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(MaterialContents::Table).to_owned()).await?;
        m.drop_table(Table::drop().table(Materials::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum Materials {
    Table,
    Id,
    MeetingId,
    AgendaItemId,
    AdditionId,
    FileName,
    ContentType,
    SizeBytes,
    Sha256,
    PreReading,
    UploadedBy,
    UploadedAt,
}

#[derive(DeriveIden)]
enum MaterialContents {
    Table,
    MaterialId,
    Data,
}
