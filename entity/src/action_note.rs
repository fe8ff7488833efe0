use sea_orm::entity::prelude::*;

/// A dated status note, append-only ("2023-05-16 EHM återkommer nästa möte …").
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "action_notes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub action_id: i32,
    pub author_id: Option<i32>,
    pub note_date: Date,
    pub body: String,
    pub state_from: Option<String>,
    pub state_to: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
