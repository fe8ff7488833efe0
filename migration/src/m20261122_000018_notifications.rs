use sea_orm_migration::{prelude::*, schema::*};

/// Notification settings per person and forum, the digest queue, the unsubscribe token, and the
/// unsubscribe address a queued mail carries.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(NotificationSettings::Table)
                .if_not_exists()
                .col(pk_auto(NotificationSettings::Id))
                .col(integer(NotificationSettings::UserId))
                .col(integer(NotificationSettings::ForumId))
                .col(string(NotificationSettings::Mode))
                .foreign_key(ForeignKey::create().from(NotificationSettings::Table, NotificationSettings::UserId).to(Users::Table, Users::Id).on_delete(ForeignKeyAction::Cascade))
                .foreign_key(ForeignKey::create().from(NotificationSettings::Table, NotificationSettings::ForumId).to(Forums::Table, Forums::Id).on_delete(ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create().name("uq_notification_settings").table(NotificationSettings::Table).col(NotificationSettings::UserId).col(NotificationSettings::ForumId).unique().to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Notifications::Table)
                .if_not_exists()
                .col(pk_auto(Notifications::Id))
                .col(integer(Notifications::UserId))
                .col(integer(Notifications::ForumId))
                .col(string(Notifications::Kind))
                .col(text(Notifications::Title))
                .col(text(Notifications::Link))
                .col(timestamp_with_time_zone(Notifications::CreatedAt))
                .col(timestamp_with_time_zone_null(Notifications::DigestedAt))
                .foreign_key(ForeignKey::create().from(Notifications::Table, Notifications::UserId).to(Users::Table, Users::Id).on_delete(ForeignKeyAction::Cascade))
                .foreign_key(ForeignKey::create().from(Notifications::Table, Notifications::ForumId).to(Forums::Table, Forums::Id).on_delete(ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("idx_notifications_pending").table(Notifications::Table).col(Notifications::DigestedAt).col(Notifications::UserId).to_owned()).await?;
        m.alter_table(Table::alter().table(Users::Table).add_column(string_null(Users::MailToken)).to_owned()).await?;
        m.create_index(Index::create().name("uq_users_mail_token").table(Users::Table).col(Users::MailToken).unique().to_owned()).await?;
        m.alter_table(Table::alter().table(Outbox::Table).add_column(text_null(Outbox::UnsubscribeUrl)).to_owned()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table(Outbox::Table).drop_column(Outbox::UnsubscribeUrl).to_owned()).await?;
        m.drop_index(Index::drop().name("uq_users_mail_token").table(Users::Table).to_owned()).await?;
        m.alter_table(Table::alter().table(Users::Table).drop_column(Users::MailToken).to_owned()).await?;
        m.drop_table(Table::drop().table(Notifications::Table).to_owned()).await?;
        m.drop_table(Table::drop().table(NotificationSettings::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum NotificationSettings {
    Table,
    Id,
    UserId,
    ForumId,
    Mode,
}

#[derive(DeriveIden)]
enum Notifications {
    Table,
    Id,
    UserId,
    ForumId,
    Kind,
    Title,
    Link,
    CreatedAt,
    DigestedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    MailToken,
}

#[derive(DeriveIden)]
enum Forums {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    UnsubscribeUrl,
}
