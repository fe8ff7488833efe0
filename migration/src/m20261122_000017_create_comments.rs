use sea_orm_migration::{prelude::*, schema::*};
use sea_orm_migration::sea_orm::ConnectionTrait;

/// One comments table for agendas, agenda items, summaries and actions (the action comments move in).
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Comments::Table)
                .if_not_exists()
                .col(pk_auto(Comments::Id))
                .col(integer(Comments::ForumId))
                .col(string(Comments::TargetKind))
                .col(integer(Comments::TargetId))
                .col(integer_null(Comments::ParentId))
                .col(integer_null(Comments::AuthorId))
                .col(text(Comments::Body))
                .col(timestamp_with_time_zone(Comments::CreatedAt))
                .col(timestamp_with_time_zone_null(Comments::EditedAt))
                .col(timestamp_with_time_zone_null(Comments::DeletedAt))
                .col(timestamp_with_time_zone_null(Comments::HiddenAt))
                .col(integer_null(Comments::HiddenBy))
                .col(text_null(Comments::HiddenReason))
                .foreign_key(ForeignKey::create().from(Comments::Table, Comments::ForumId).to(Forums::Table, Forums::Id).on_delete(ForeignKeyAction::Cascade))
                .foreign_key(ForeignKey::create().from(Comments::Table, Comments::ParentId).to(Comments::Table, Comments::Id).on_delete(ForeignKeyAction::Cascade))
                .foreign_key(ForeignKey::create().from(Comments::Table, Comments::AuthorId).to(Users::Table, Users::Id).on_delete(ForeignKeyAction::SetNull))
                .foreign_key(ForeignKey::create().from(Comments::Table, Comments::HiddenBy).to(Users::Table, Users::Id).on_delete(ForeignKeyAction::SetNull))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("idx_comments_target").table(Comments::Table).col(Comments::TargetKind).col(Comments::TargetId).to_owned()).await?;
        m.create_index(Index::create().name("idx_comments_forum").table(Comments::Table).col(Comments::ForumId).col(Comments::CreatedAt).to_owned()).await?;
        m.create_index(Index::create().name("idx_comments_author").table(Comments::Table).col(Comments::AuthorId).to_owned()).await?;
        m.get_connection()
            .execute_unprepared(
                "INSERT INTO comments (forum_id, target_kind, target_id, author_id, body, created_at) \
                 SELECT a.forum_id, 'action', c.action_id, c.author_id, c.body, c.created_at \
                 FROM action_comments c JOIN actions a ON a.id = c.action_id ORDER BY c.id",
            )
            .await?;
        m.drop_table(Table::drop().table(Alias::new("action_comments")).to_owned()).await
    }

    async fn down(&self, _m: &SchemaManager) -> Result<(), DbErr> {
        Err(DbErr::Migration("comments cannot be split back into action_comments".into()))
    }
}

#[derive(DeriveIden)]
enum Comments {
    Table,
    Id,
    ForumId,
    TargetKind,
    TargetId,
    ParentId,
    AuthorId,
    Body,
    CreatedAt,
    EditedAt,
    DeletedAt,
    HiddenAt,
    HiddenBy,
    HiddenReason,
}

#[derive(DeriveIden)]
enum Forums {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}
