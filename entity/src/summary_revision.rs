use sea_orm::entity::prelude::*;

/// A published revision of a summary, kept for ever; number 1 is the first publication.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "summary_revisions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub summary_id: i32,
    pub number: i32,
    pub body: String,
    /// Why a correction was made (none for the first publication).
    pub reason: Option<String>,
    pub author_id: Option<i32>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
