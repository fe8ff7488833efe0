use sea_orm_migration::{prelude::*, schema::*};

/// Escalation to the parent forum: an action or agenda item and its copy point at each other.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per statement and cannot add foreign keys to existing tables;
        // the links are checked by the services and cleared when either side is deleted.
        for col in [Esc::EscalatedToId, Esc::EscalatedFromId] {
            m.alter_table(Table::alter().table(Esc::Actions).add_column(integer_null(col)).to_owned()).await?;
        }
        for col in [Esc::EscalatedToItemId, Esc::EscalatedFromItemId] {
            m.alter_table(Table::alter().table(Esc::AgendaItems).add_column(integer_null(col)).to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for col in [Esc::EscalatedToId, Esc::EscalatedFromId] {
            m.alter_table(Table::alter().table(Esc::Actions).drop_column(col).to_owned()).await?;
        }
        for col in [Esc::EscalatedToItemId, Esc::EscalatedFromItemId] {
            m.alter_table(Table::alter().table(Esc::AgendaItems).drop_column(col).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Esc {
    Actions,
    AgendaItems,
    EscalatedToId,
    EscalatedFromId,
    EscalatedToItemId,
    EscalatedFromItemId,
}
