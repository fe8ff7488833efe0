use sea_orm_migration::{prelude::*, schema::*};

/// Survey rounds and insights: a survey copied from the previous round remembers it (and each
/// question its counterpart) so results can stand side by side; the secretariat's insights are
/// published to the forum; an agenda item can carry a survey's results and insights.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per statement.
        m.alter_table(Table::alter().table(Surveys::Table).add_column(integer_null(Surveys::PreviousId)).to_owned()).await?;
        m.alter_table(Table::alter().table(Surveys::Table).add_column(text(Surveys::Insights).default("")).to_owned()).await?;
        m.alter_table(Table::alter().table(Surveys::Table).add_column(timestamp_with_time_zone_null(Surveys::InsightsPublishedAt)).to_owned()).await?;
        m.alter_table(Table::alter().table(SurveyQuestions::Table).add_column(integer_null(SurveyQuestions::CopiedFrom)).to_owned()).await?;
        m.alter_table(Table::alter().table(AgendaItems::Table).add_column(integer_null(AgendaItems::SurveyId)).to_owned()).await?;
        m.create_index(Index::create().name("idx_agenda_items_survey").table(AgendaItems::Table).col(AgendaItems::SurveyId).to_owned()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(Index::drop().name("idx_agenda_items_survey").table(AgendaItems::Table).to_owned()).await?;
        m.alter_table(Table::alter().table(AgendaItems::Table).drop_column(AgendaItems::SurveyId).to_owned()).await?;
        m.alter_table(Table::alter().table(SurveyQuestions::Table).drop_column(SurveyQuestions::CopiedFrom).to_owned()).await?;
        for c in [Surveys::PreviousId, Surveys::Insights, Surveys::InsightsPublishedAt] {
            m.alter_table(Table::alter().table(Surveys::Table).drop_column(c).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Surveys {
    Table,
    PreviousId,
    Insights,
    InsightsPublishedAt,
}

#[derive(DeriveIden)]
enum SurveyQuestions {
    Table,
    CopiedFrom,
}

#[derive(DeriveIden)]
enum AgendaItems {
    Table,
    SurveyId,
}
