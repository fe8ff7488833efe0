use sea_orm_migration::{prelude::*, schema::*};

/// Evaluation surveys. Participation (`survey_invitations.responded_at`) is kept apart from the
/// answers (`survey_responses`): an anonymous response carries no person, only the hash of a receipt
/// code that the respondent holds.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Surveys::Table)
                .if_not_exists()
                .col(pk_auto(Surveys::Id))
                .col(integer(Surveys::ForumId))
                .col(string(Surveys::Title))
                .col(text(Surveys::Intro))
                .col(boolean(Surveys::Anonymous))
                .col(string(Surveys::State))
                .col(timestamp_with_time_zone_null(Surveys::OpenedAt))
                .col(timestamp_with_time_zone(Surveys::ClosesAt))
                .col(timestamp_with_time_zone(Surveys::CreatedAt))
                .foreign_key(ForeignKey::create().from(Surveys::Table, Surveys::ForumId).to(Forums::Table, Forums::Id).on_delete(ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("idx_surveys_forum").table(Surveys::Table).col(Surveys::ForumId).to_owned()).await?;
        m.create_table(
            Table::create()
                .table(SurveyQuestions::Table)
                .if_not_exists()
                .col(pk_auto(SurveyQuestions::Id))
                .col(integer(SurveyQuestions::SurveyId))
                .col(integer(SurveyQuestions::Position))
                .col(string(SurveyQuestions::Section))
                .col(string(SurveyQuestions::Kind))
                .col(text(SurveyQuestions::Text))
                .col(text(SurveyQuestions::Help))
                .col(boolean(SurveyQuestions::Required))
                .col(text(SurveyQuestions::Options))
                .foreign_key(ForeignKey::create().from(SurveyQuestions::Table, SurveyQuestions::SurveyId).to(Surveys::Table, Surveys::Id).on_delete(ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("idx_survey_questions_survey").table(SurveyQuestions::Table).col(SurveyQuestions::SurveyId).col(SurveyQuestions::Position).to_owned()).await?;
        m.create_table(
            Table::create()
                .table(SurveyInvitations::Table)
                .if_not_exists()
                .col(pk_auto(SurveyInvitations::Id))
                .col(integer(SurveyInvitations::SurveyId))
                .col(integer(SurveyInvitations::UserId))
                .col(timestamp_with_time_zone_null(SurveyInvitations::RespondedAt))
                .foreign_key(ForeignKey::create().from(SurveyInvitations::Table, SurveyInvitations::SurveyId).to(Surveys::Table, Surveys::Id).on_delete(ForeignKeyAction::Cascade))
                .foreign_key(ForeignKey::create().from(SurveyInvitations::Table, SurveyInvitations::UserId).to(Users::Table, Users::Id).on_delete(ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create().name("uq_survey_invitations").table(SurveyInvitations::Table).col(SurveyInvitations::SurveyId).col(SurveyInvitations::UserId).unique().to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("idx_survey_invitations_user").table(SurveyInvitations::Table).col(SurveyInvitations::UserId).to_owned()).await?;
        m.create_table(
            Table::create()
                .table(SurveyResponses::Table)
                .if_not_exists()
                .col(pk_auto(SurveyResponses::Id))
                .col(integer(SurveyResponses::SurveyId))
                .col(integer_null(SurveyResponses::UserId))
                .col(string_null(SurveyResponses::ReceiptHash))
                .col(timestamp_with_time_zone_null(SurveyResponses::SubmittedAt))
                .foreign_key(ForeignKey::create().from(SurveyResponses::Table, SurveyResponses::SurveyId).to(Surveys::Table, Surveys::Id).on_delete(ForeignKeyAction::Cascade))
                .foreign_key(ForeignKey::create().from(SurveyResponses::Table, SurveyResponses::UserId).to(Users::Table, Users::Id).on_delete(ForeignKeyAction::SetNull))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("idx_survey_responses_survey").table(SurveyResponses::Table).col(SurveyResponses::SurveyId).col(SurveyResponses::SubmittedAt).to_owned()).await?;
        m.create_index(Index::create().name("uq_survey_responses_user").table(SurveyResponses::Table).col(SurveyResponses::SurveyId).col(SurveyResponses::UserId).unique().to_owned()).await?;
        m.create_index(Index::create().name("uq_survey_responses_receipt").table(SurveyResponses::Table).col(SurveyResponses::ReceiptHash).unique().to_owned()).await?;
        m.create_table(
            Table::create()
                .table(SurveyAnswers::Table)
                .if_not_exists()
                .col(pk_auto(SurveyAnswers::Id))
                .col(integer(SurveyAnswers::ResponseId))
                .col(integer(SurveyAnswers::QuestionId))
                .col(integer_null(SurveyAnswers::Value))
                .col(text_null(SurveyAnswers::TextValue))
                .foreign_key(ForeignKey::create().from(SurveyAnswers::Table, SurveyAnswers::ResponseId).to(SurveyResponses::Table, SurveyResponses::Id).on_delete(ForeignKeyAction::Cascade))
                .foreign_key(ForeignKey::create().from(SurveyAnswers::Table, SurveyAnswers::QuestionId).to(SurveyQuestions::Table, SurveyQuestions::Id).on_delete(ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("idx_survey_answers_question").table(SurveyAnswers::Table).col(SurveyAnswers::QuestionId).col(SurveyAnswers::Value).to_owned()).await?;
        m.create_index(Index::create().name("idx_survey_answers_response").table(SurveyAnswers::Table).col(SurveyAnswers::ResponseId).to_owned()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [SurveyAnswers::Table.into_iden(), SurveyResponses::Table.into_iden(), SurveyInvitations::Table.into_iden(), SurveyQuestions::Table.into_iden(), Surveys::Table.into_iden()] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Surveys {
    Table,
    Id,
    ForumId,
    Title,
    Intro,
    Anonymous,
    State,
    OpenedAt,
    ClosesAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum SurveyQuestions {
    Table,
    Id,
    SurveyId,
    Position,
    Section,
    Kind,
    Text,
    Help,
    Required,
    Options,
}

#[derive(DeriveIden)]
enum SurveyInvitations {
    Table,
    Id,
    SurveyId,
    UserId,
    RespondedAt,
}

#[derive(DeriveIden)]
enum SurveyResponses {
    Table,
    Id,
    SurveyId,
    UserId,
    ReceiptHash,
    SubmittedAt,
}

#[derive(DeriveIden)]
enum SurveyAnswers {
    Table,
    Id,
    ResponseId,
    QuestionId,
    Value,
    TextValue,
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
