use sea_orm_migration::prelude::*;

/// The meeting page reads its agenda items with the consultations on them in one join, on
/// `consultations.agenda_item_id`; without an index both databases scan every consultation for
/// each item.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_index(Index::create().name("idx_consultations_item").table(Consultations::Table).col(Consultations::AgendaItemId).to_owned()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(Index::drop().name("idx_consultations_item").table(Consultations::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum Consultations {
    Table,
    AgendaItemId,
}
