use sea_orm::entity::prelude::*;

/// One answer: `value` is the scale step (1–5) or the chosen option's index; a multiple choice has
/// one row per chosen option; free text goes in `text_value`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "survey_answers")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub response_id: i32,
    pub question_id: i32,
    pub value: Option<i32>,
    pub text_value: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
