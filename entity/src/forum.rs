use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "forums")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub slug: String,
    pub name: String,
    pub level: String,
    pub parent_id: Option<i32>,
    pub visibility: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::forum_membership::Entity")]
    ForumMembership,
}

impl Related<super::forum_membership::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ForumMembership.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
