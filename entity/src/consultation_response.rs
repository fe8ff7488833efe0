use sea_orm::entity::prelude::*;

/// One organisation's answer: a draft until `submitted_at` is set, which happens once.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "consultation_responses")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub consultation_id: i32,
    pub organisation_id: i32,
    pub updated_by: Option<i32>,
    pub updated_at: DateTimeUtc,
    pub submitted_by: Option<i32>,
    pub submitted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
