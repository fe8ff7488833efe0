use sea_orm_migration::{prelude::*, schema::*};

/// Survey reminders: how many days before closing the automatic one goes, whether it has gone, and
/// the day of the last reminder (never two on one day).
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per statement.
        m.alter_table(Table::alter().table(Surveys::Table).add_column(integer(Surveys::ReminderDays).default(3)).to_owned()).await?;
        m.alter_table(Table::alter().table(Surveys::Table).add_column(boolean(Surveys::AutoReminded).default(false)).to_owned()).await?;
        m.alter_table(Table::alter().table(Surveys::Table).add_column(date_null(Surveys::LastRemindedOn)).to_owned()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for c in [Surveys::ReminderDays, Surveys::AutoReminded, Surveys::LastRemindedOn] {
            m.alter_table(Table::alter().table(Surveys::Table).drop_column(c).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Surveys {
    Table,
    ReminderDays,
    AutoReminded,
    LastRemindedOn,
}
