use sea_orm_migration::{prelude::*, schema::*};

use super::m20261122_000002_create_users::Users;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Forums::Table)
                .if_not_exists()
                .col(pk_auto(Forums::Id))
                .col(string_uniq(Forums::Slug))
                .col(string(Forums::Name))
                .col(string(Forums::Level))
                .col(integer_null(Forums::ParentId))
                .col(string(Forums::Visibility).default("members"))
                .col(timestamp_with_time_zone(Forums::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Forums::Table, Forums::ParentId)
                        .to(Forums::Table, Forums::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(ForumMemberships::Table)
                .if_not_exists()
                .col(pk_auto(ForumMemberships::Id))
                .col(integer(ForumMemberships::ForumId))
                .col(integer(ForumMemberships::UserId))
                .col(string(ForumMemberships::Role))
                .col(timestamp_with_time_zone(ForumMemberships::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(ForumMemberships::Table, ForumMemberships::ForumId)
                        .to(Forums::Table, Forums::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(ForumMemberships::Table, ForumMemberships::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("uq_forum_memberships_forum_user")
                .table(ForumMemberships::Table)
                .col(ForumMemberships::ForumId)
                .col(ForumMemberships::UserId)
                .unique()
                .to_owned(),
        )
        .await?;
        // Every request loads the acting user's memberships by user.
        m.create_index(
            Index::create()
                .name("idx_forum_memberships_user")
                .table(ForumMemberships::Table)
                .col(ForumMemberships::UserId)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(ForumMemberships::Table).to_owned()).await?;
        m.drop_table(Table::drop().table(Forums::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
pub enum Forums {
    Table,
    Id,
    Slug,
    Name,
    Level,
    ParentId,
    Visibility,
    CreatedAt,
}

#[derive(DeriveIden)]
#[allow(dead_code)]
pub enum ForumMemberships {
    Table,
    Id,
    ForumId,
    UserId,
    Role,
    CreatedAt,
}
