use sea_orm::entity::prelude::*;

/// A person named to review a summary draft.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "summary_reviewers")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub summary_id: i32,
    pub user_id: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
