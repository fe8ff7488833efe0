use sea_orm_migration::{prelude::*, schema::*};

use super::m20261122_000001_create_organisations::Organisations;
use super::m20261122_000002_create_users::Users;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(AgendaAdditions::Table)
                .if_not_exists()
                .col(pk_auto(AgendaAdditions::Id))
                .col(integer(AgendaAdditions::MeetingId))
                .col(integer(AgendaAdditions::ProposerId))
                .col(string(AgendaAdditions::Title))
                .col(text(AgendaAdditions::Description).default(""))
                .col(string(AgendaAdditions::Presenter).default(""))
                .col(string(AgendaAdditions::Status))
                .col(text_null(AgendaAdditions::Reason))
                .col(timestamp_with_time_zone(AgendaAdditions::ReceivedAt))
                .col(timestamp_with_time_zone_null(AgendaAdditions::DecidedAt))
                .col(integer_null(AgendaAdditions::MovedFromMeetingId))
                .col(integer_null(AgendaAdditions::AgendaItemId))
                .foreign_key(
                    ForeignKey::create()
                        .from(AgendaAdditions::Table, AgendaAdditions::MeetingId)
                        .to(Meetings::Table, Meetings::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(AgendaAdditions::Table, AgendaAdditions::ProposerId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(AgendaAdditions::Table, AgendaAdditions::AgendaItemId)
                        .to(AgendaItems::Table, AgendaItems::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .to_owned(),
        )
        .await?;
        // Lists: a meeting's additions by status; a proposer's own additions.
        m.create_index(
            Index::create().name("idx_additions_meeting_status").table(AgendaAdditions::Table).col(AgendaAdditions::MeetingId).col(AgendaAdditions::Status).to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("idx_additions_proposer").table(AgendaAdditions::Table).col(AgendaAdditions::ProposerId).to_owned()).await?;
        m.create_table(
            Table::create()
                .table(AgendaAdditionOrganisations::Table)
                .if_not_exists()
                .col(integer(AgendaAdditionOrganisations::AdditionId))
                .col(integer(AgendaAdditionOrganisations::OrganisationId))
                .primary_key(Index::create().col(AgendaAdditionOrganisations::AdditionId).col(AgendaAdditionOrganisations::OrganisationId))
                .foreign_key(
                    ForeignKey::create()
                        .from(AgendaAdditionOrganisations::Table, AgendaAdditionOrganisations::AdditionId)
                        .to(AgendaAdditions::Table, AgendaAdditions::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(AgendaAdditionOrganisations::Table, AgendaAdditionOrganisations::OrganisationId)
                        .to(Organisations::Table, Organisations::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        // An accepted addition keeps its origin on the item ("Inkommen 4/9 från …").
        for col in [timestamp_with_time_zone_null(AgendaItems::ReceivedAt).to_owned(), string_null(AgendaItems::ReceivedFrom).to_owned()] {
            m.alter_table(Table::alter().table(AgendaItems::Table).add_column(col).to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(AgendaAdditionOrganisations::Table).to_owned()).await?;
        m.drop_table(Table::drop().table(AgendaAdditions::Table).to_owned()).await?;
        for col in [AgendaItems::ReceivedAt, AgendaItems::ReceivedFrom] {
            m.alter_table(Table::alter().table(AgendaItems::Table).drop_column(col).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
pub enum Meetings {
    Table,
    Id,
}

#[derive(DeriveIden)]
pub enum AgendaItems {
    Table,
    Id,
    ReceivedAt,
    ReceivedFrom,
}

#[derive(DeriveIden)]
pub enum AgendaAdditions {
    Table,
    Id,
    MeetingId,
    ProposerId,
    Title,
    Description,
    Presenter,
    Status,
    Reason,
    ReceivedAt,
    DecidedAt,
    MovedFromMeetingId,
    AgendaItemId,
}

#[derive(DeriveIden)]
enum AgendaAdditionOrganisations {
    Table,
    AdditionId,
    OrganisationId,
}
