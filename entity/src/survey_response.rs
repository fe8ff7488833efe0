use sea_orm::entity::prelude::*;

/// One respondent's answers. Named surveys: `user_id`. Anonymous surveys: no person, only the hash
/// of the receipt code the respondent keeps to change the answer until the survey closes.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "survey_responses")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub survey_id: i32,
    pub user_id: Option<i32>,
    pub receipt_hash: Option<String>,
    /// None while a draft.
    pub submitted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
