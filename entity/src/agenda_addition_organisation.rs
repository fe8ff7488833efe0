use sea_orm::entity::prelude::*;

/// An organisation behind an addition.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "agenda_addition_organisations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub addition_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub organisation_id: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(belongs_to = "super::organisation::Entity", from = "Column::OrganisationId", to = "super::organisation::Column::Id")]
    Organisation,
}

impl Related<super::organisation::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Organisation.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
