use sea_orm_migration::prelude::*;

/// Respondents of a multiple-choice question are counted as distinct responses: this index lets
/// the database do that from the index alone (bench/reports/survey-results.md).
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_index(
            Index::create().name("idx_survey_answers_question_response").table(SurveyAnswers::Table).col(SurveyAnswers::QuestionId).col(SurveyAnswers::ResponseId).to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(Index::drop().name("idx_survey_answers_question_response").table(SurveyAnswers::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum SurveyAnswers {
    Table,
    QuestionId,
    ResponseId,
}
