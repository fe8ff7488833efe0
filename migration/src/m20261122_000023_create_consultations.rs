use sea_orm_migration::{prelude::*, schema::*};

/// Consultations: questions to a forum's member organisations with a deadline. Each organisation
/// has at most one response (unique), drafted by any of its people and submitted once on its behalf.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Consultations::Table)
                .if_not_exists()
                .col(pk_auto(Consultations::Id))
                .col(integer(Consultations::ForumId))
                .col(integer_null(Consultations::AgendaItemId))
                .col(string(Consultations::Title))
                .col(text(Consultations::Background))
                .col(string(Consultations::State))
                .col(date(Consultations::Deadline))
                .col(integer(Consultations::ReminderDays).default(3))
                .col(boolean(Consultations::AutoReminded).default(false))
                .col(date_null(Consultations::LastRemindedOn))
                .col(timestamp_with_time_zone_null(Consultations::OpenedAt))
                .col(timestamp_with_time_zone(Consultations::CreatedAt))
                .foreign_key(ForeignKey::create().from(Consultations::Table, Consultations::ForumId).to(Forums::Table, Forums::Id).on_delete(ForeignKeyAction::Cascade))
                .foreign_key(ForeignKey::create().from(Consultations::Table, Consultations::AgendaItemId).to(AgendaItems::Table, AgendaItems::Id).on_delete(ForeignKeyAction::SetNull))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("idx_consultations_forum").table(Consultations::Table).col(Consultations::ForumId).col(Consultations::Deadline).to_owned()).await?;
        m.create_index(Index::create().name("idx_consultations_state").table(Consultations::Table).col(Consultations::State).col(Consultations::Deadline).to_owned()).await?;
        m.create_table(
            Table::create()
                .table(ConsultationQuestions::Table)
                .if_not_exists()
                .col(pk_auto(ConsultationQuestions::Id))
                .col(integer(ConsultationQuestions::ConsultationId))
                .col(integer(ConsultationQuestions::Position))
                .col(text(ConsultationQuestions::Text))
                .col(text(ConsultationQuestions::Help))
                .foreign_key(
                    ForeignKey::create().from(ConsultationQuestions::Table, ConsultationQuestions::ConsultationId).to(Consultations::Table, Consultations::Id).on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create().name("idx_consultation_questions").table(ConsultationQuestions::Table).col(ConsultationQuestions::ConsultationId).col(ConsultationQuestions::Position).to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(ConsultationResponses::Table)
                .if_not_exists()
                .col(pk_auto(ConsultationResponses::Id))
                .col(integer(ConsultationResponses::ConsultationId))
                .col(integer(ConsultationResponses::OrganisationId))
                .col(integer_null(ConsultationResponses::UpdatedBy))
                .col(timestamp_with_time_zone(ConsultationResponses::UpdatedAt))
                .col(integer_null(ConsultationResponses::SubmittedBy))
                .col(timestamp_with_time_zone_null(ConsultationResponses::SubmittedAt))
                .foreign_key(
                    ForeignKey::create().from(ConsultationResponses::Table, ConsultationResponses::ConsultationId).to(Consultations::Table, Consultations::Id).on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(ConsultationResponses::Table, ConsultationResponses::OrganisationId)
                        .to(Organisations::Table, Organisations::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(ForeignKey::create().from(ConsultationResponses::Table, ConsultationResponses::UpdatedBy).to(Users::Table, Users::Id).on_delete(ForeignKeyAction::SetNull))
                .foreign_key(ForeignKey::create().from(ConsultationResponses::Table, ConsultationResponses::SubmittedBy).to(Users::Table, Users::Id).on_delete(ForeignKeyAction::SetNull))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("uq_consultation_responses_org")
                .table(ConsultationResponses::Table)
                .col(ConsultationResponses::ConsultationId)
                .col(ConsultationResponses::OrganisationId)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(ConsultationAnswers::Table)
                .if_not_exists()
                .col(pk_auto(ConsultationAnswers::Id))
                .col(integer(ConsultationAnswers::ResponseId))
                .col(integer(ConsultationAnswers::QuestionId))
                .col(text(ConsultationAnswers::Text))
                .foreign_key(
                    ForeignKey::create().from(ConsultationAnswers::Table, ConsultationAnswers::ResponseId).to(ConsultationResponses::Table, ConsultationResponses::Id).on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create().from(ConsultationAnswers::Table, ConsultationAnswers::QuestionId).to(ConsultationQuestions::Table, ConsultationQuestions::Id).on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create().name("uq_consultation_answers").table(ConsultationAnswers::Table).col(ConsultationAnswers::ResponseId).col(ConsultationAnswers::QuestionId).unique().to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("idx_consultation_answers_question").table(ConsultationAnswers::Table).col(ConsultationAnswers::QuestionId).to_owned()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [ConsultationAnswers::Table.into_iden(), ConsultationResponses::Table.into_iden(), ConsultationQuestions::Table.into_iden(), Consultations::Table.into_iden()] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Consultations {
    Table,
    Id,
    ForumId,
    AgendaItemId,
    Title,
    Background,
    State,
    Deadline,
    ReminderDays,
    AutoReminded,
    LastRemindedOn,
    OpenedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ConsultationQuestions {
    Table,
    Id,
    ConsultationId,
    Position,
    Text,
    Help,
}

#[derive(DeriveIden)]
enum ConsultationResponses {
    Table,
    Id,
    ConsultationId,
    OrganisationId,
    UpdatedBy,
    UpdatedAt,
    SubmittedBy,
    SubmittedAt,
}

#[derive(DeriveIden)]
enum ConsultationAnswers {
    Table,
    Id,
    ResponseId,
    QuestionId,
    Text,
}

#[derive(DeriveIden)]
enum Forums {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum AgendaItems {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}
