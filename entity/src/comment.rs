use sea_orm::entity::prelude::*;

/// A comment on an agenda ("agenda", target = meeting), an agenda item ("item"), a summary
/// ("summary", target = meeting) or an action ("action"); one level of replies via `parent_id`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Deserialize)]
#[sea_orm(table_name = "comments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The forum whose readers may see it.
    pub forum_id: i32,
    pub target_kind: String,
    pub target_id: i32,
    pub parent_id: Option<i32>,
    pub author_id: Option<i32>,
    /// Markdown.
    pub body: String,
    pub created_at: DateTimeUtc,
    pub edited_at: Option<DateTimeUtc>,
    pub deleted_at: Option<DateTimeUtc>,
    pub hidden_at: Option<DateTimeUtc>,
    pub hidden_by: Option<i32>,
    pub hidden_reason: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
