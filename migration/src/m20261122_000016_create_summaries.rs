use sea_orm_migration::{prelude::*, schema::*};

/// Meeting summaries: a working draft, named reviewers, and every published revision kept.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Summaries::Table)
                .if_not_exists()
                .col(pk_auto(Summaries::Id))
                .col(integer_uniq(Summaries::MeetingId))
                .col(string(Summaries::State))
                .col(text(Summaries::Body))
                .col(timestamp_with_time_zone(Summaries::CreatedAt))
                .col(timestamp_with_time_zone(Summaries::UpdatedAt))
                .col(timestamp_with_time_zone_null(Summaries::ReviewStartedAt))
                .col(timestamp_with_time_zone_null(Summaries::PublishedAt))
                .col(timestamp_with_time_zone_null(Summaries::RevisedAt))
                .foreign_key(ForeignKey::create().from(Summaries::Table, Summaries::MeetingId).to(Meetings::Table, Meetings::Id).on_delete(ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("idx_summaries_published").table(Summaries::Table).col(Summaries::PublishedAt).to_owned()).await?;

        m.create_table(
            Table::create()
                .table(SummaryRevisions::Table)
                .if_not_exists()
                .col(pk_auto(SummaryRevisions::Id))
                .col(integer(SummaryRevisions::SummaryId))
                .col(integer(SummaryRevisions::Number))
                .col(text(SummaryRevisions::Body))
                .col(text_null(SummaryRevisions::Reason))
                .col(integer_null(SummaryRevisions::AuthorId))
                .col(timestamp_with_time_zone(SummaryRevisions::CreatedAt))
                .foreign_key(ForeignKey::create().from(SummaryRevisions::Table, SummaryRevisions::SummaryId).to(Summaries::Table, Summaries::Id).on_delete(ForeignKeyAction::Cascade))
                .foreign_key(ForeignKey::create().from(SummaryRevisions::Table, SummaryRevisions::AuthorId).to(Users::Table, Users::Id).on_delete(ForeignKeyAction::SetNull))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create().name("idx_summary_revisions_number").table(SummaryRevisions::Table).col(SummaryRevisions::SummaryId).col(SummaryRevisions::Number).unique().to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(SummaryReviewers::Table)
                .if_not_exists()
                .col(pk_auto(SummaryReviewers::Id))
                .col(integer(SummaryReviewers::SummaryId))
                .col(integer(SummaryReviewers::UserId))
                .foreign_key(ForeignKey::create().from(SummaryReviewers::Table, SummaryReviewers::SummaryId).to(Summaries::Table, Summaries::Id).on_delete(ForeignKeyAction::Cascade))
                .foreign_key(ForeignKey::create().from(SummaryReviewers::Table, SummaryReviewers::UserId).to(Users::Table, Users::Id).on_delete(ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create().name("idx_summary_reviewers_pair").table(SummaryReviewers::Table).col(SummaryReviewers::SummaryId).col(SummaryReviewers::UserId).unique().to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("idx_summary_reviewers_user").table(SummaryReviewers::Table).col(SummaryReviewers::UserId).to_owned()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [SummaryReviewers::Table.into_iden(), SummaryRevisions::Table.into_iden(), Summaries::Table.into_iden()] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Summaries {
    Table,
    Id,
    MeetingId,
    State,
    Body,
    CreatedAt,
    UpdatedAt,
    ReviewStartedAt,
    PublishedAt,
    RevisedAt,
}

#[derive(DeriveIden)]
enum SummaryRevisions {
    Table,
    Id,
    SummaryId,
    Number,
    Body,
    Reason,
    AuthorId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum SummaryReviewers {
    Table,
    Id,
    SummaryId,
    UserId,
}

#[derive(DeriveIden)]
enum Meetings {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}
