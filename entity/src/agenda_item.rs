use sea_orm::entity::prelude::*;

/// One item of a meeting's agenda. Clock times are computed from the meeting start and the
/// durations of the items before it, never stored.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Deserialize)]
#[sea_orm(table_name = "agenda_items")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub meeting_id: i32,
    pub position: i32,
    pub title: String,
    /// Free text: names, roles, organisations (presenters can be guests).
    pub presenters: String,
    pub duration_minutes: i32,
    /// information, discussion, decision, feedback, round_table, summary, next_meeting
    pub kind: String,
    /// Markdown.
    pub description: String,
    pub created_at: DateTimeUtc,
    pub changed_after_publish_at: Option<DateTimeUtc>,
    /// Set when the item came from a member's addition.
    pub received_at: Option<DateTimeUtc>,
    /// The organisations behind that addition, as names at the time of acceptance.
    pub received_from: Option<String>,
    /// The item this one was escalated to (on a parent forum's meeting), and from.
    pub escalated_to_item_id: Option<i32>,
    pub escalated_from_item_id: Option<i32>,
    /// A survey whose results and insights this item presents.
    pub survey_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::meeting::Entity",
        from = "Column::MeetingId",
        to = "super::meeting::Column::Id"
    )]
    Meeting,
}

impl Related<super::meeting::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Meeting.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
