use sea_orm_migration::{prelude::*, schema::*};

use super::m20261122_000001_create_organisations::Organisations;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Users::Table)
                .if_not_exists()
                .col(pk_auto(Users::Id))
                .col(string_uniq(Users::Email))
                .col(string(Users::Name))
                .col(integer(Users::OrganisationId))
                .col(string_null(Users::Title))
                .col(string(Users::Language).default("sv"))
                .col(boolean(Users::IsAdmin).default(false))
                .col(boolean(Users::Active).default(true))
                .col(string_null(Users::PasswordHash))
                .col(integer(Users::SessionEpoch).default(0))
                .col(timestamp_with_time_zone(Users::CreatedAt))
                .col(timestamp_with_time_zone(Users::UpdatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Users::Table, Users::OrganisationId)
                        .to(Organisations::Table, Organisations::Id)
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .to_owned(),
        )
        .await?;
        // Admin user list filters by organisation and sorts by name.
        m.create_index(
            Index::create()
                .name("idx_users_organisation")
                .table(Users::Table)
                .col(Users::OrganisationId)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create().name("idx_users_name").table(Users::Table).col(Users::Name).to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Users::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
pub enum Users {
    Table,
    Id,
    Email,
    Name,
    OrganisationId,
    Title,
    Language,
    IsAdmin,
    Active,
    PasswordHash,
    SessionEpoch,
    CreatedAt,
    UpdatedAt,
}
