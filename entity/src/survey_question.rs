use sea_orm::entity::prelude::*;

/// A question: kind "scale" (1–5, `options` holds the two end labels), "single", "multi" (`options`
/// holds the choices, one per line) or "text".
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "survey_questions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub survey_id: i32,
    pub position: i32,
    /// The section heading it belongs under (empty: none).
    pub section: String,
    pub kind: String,
    pub text: String,
    pub help: String,
    pub required: bool,
    /// One per line.
    pub options: String,
    /// The same question in the previous round, when copied.
    pub copied_from: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
