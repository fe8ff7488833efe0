use sea_orm_migration::{prelude::*, schema::*};

use super::m20261122_000001_create_organisations::Organisations;
use super::m20261122_000003_create_forums::Forums;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one thing at a time.
        for col in [
            text(ForumDetails::Purpose).default("").to_owned(),
            string_null(ForumDetails::ContactEmail).to_owned(),
            integer(ForumDetails::PublishDaysBefore).default(7).to_owned(),
            text(ForumDetails::AgendaTemplate).default("").to_owned(),
        ] {
            m.alter_table(Table::alter().table(Forums::Table).add_column(col).to_owned()).await?;
        }
        m.create_table(
            Table::create()
                .table(ForumOrganisations::Table)
                .if_not_exists()
                .col(pk_auto(ForumOrganisations::Id))
                .col(integer(ForumOrganisations::ForumId))
                .col(integer(ForumOrganisations::OrganisationId))
                .col(timestamp_with_time_zone(ForumOrganisations::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(ForumOrganisations::Table, ForumOrganisations::ForumId)
                        .to(Forums::Table, Forums::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(ForumOrganisations::Table, ForumOrganisations::OrganisationId)
                        .to(Organisations::Table, Organisations::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("uq_forum_organisations")
                .table(ForumOrganisations::Table)
                .col(ForumOrganisations::ForumId)
                .col(ForumOrganisations::OrganisationId)
                .unique()
                .to_owned(),
        )
        .await?;
        // "Which forums is this organisation in" (organisation pages, later).
        m.create_index(
            Index::create()
                .name("idx_forum_organisations_org")
                .table(ForumOrganisations::Table)
                .col(ForumOrganisations::OrganisationId)
                .to_owned(),
        )
        .await?;
        // The structure page walks parents.
        m.create_index(Index::create().name("idx_forums_parent").table(Forums::Table).col(ForumDetails::ParentId).to_owned()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(ForumOrganisations::Table).to_owned()).await?;
        for col in [ForumDetails::Purpose, ForumDetails::ContactEmail, ForumDetails::PublishDaysBefore, ForumDetails::AgendaTemplate] {
            m.alter_table(Table::alter().table(Forums::Table).drop_column(col).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum ForumDetails {
    Purpose,
    ContactEmail,
    PublishDaysBefore,
    AgendaTemplate,
    ParentId,
}

#[derive(DeriveIden)]
enum ForumOrganisations {
    Table,
    Id,
    ForumId,
    OrganisationId,
    CreatedAt,
}
