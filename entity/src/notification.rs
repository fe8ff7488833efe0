use sea_orm::entity::prelude::*;

/// Something that changed, waiting for the person's daily digest.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notifications")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub user_id: i32,
    pub forum_id: i32,
    /// "agenda", "agenda_update", "cancelled", "summary", "addition", "action", "comment", "reminder".
    pub kind: String,
    /// One line in the recipient's language.
    pub title: String,
    pub link: String,
    pub created_at: DateTimeUtc,
    pub digested_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
