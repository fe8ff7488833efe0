use sea_orm::entity::prelude::*;

/// A member's proposal for an upcoming meeting's agenda ("Tillägg till agenda").
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Deserialize)]
#[sea_orm(table_name = "agenda_additions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub meeting_id: i32,
    pub proposer_id: i32,
    pub title: String,
    /// Markdown.
    pub description: String,
    pub presenter: String,
    /// pending, accepted, declined (a moved addition is pending at its new meeting).
    pub status: String,
    pub reason: Option<String>,
    pub received_at: DateTimeUtc,
    pub decided_at: Option<DateTimeUtc>,
    pub moved_from_meeting_id: Option<i32>,
    pub agenda_item_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(belongs_to = "super::meeting::Entity", from = "Column::MeetingId", to = "super::meeting::Column::Id")]
    Meeting,
    #[sea_orm(belongs_to = "super::user::Entity", from = "Column::ProposerId", to = "super::user::Column::Id")]
    Proposer,
}

impl Related<super::meeting::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Meeting.def()
    }
}

impl Related<super::user::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Proposer.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
