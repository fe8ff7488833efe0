use sea_orm::entity::prelude::*;

/// One numbered action of a forum's action list ("Aktivitetslistan").
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "actions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub forum_id: i32,
    /// 1, 2, 3 … per forum, never reused or changed.
    pub number: i32,
    pub title: String,
    /// Markdown.
    pub description: String,
    pub owner_user_id: Option<i32>,
    pub owner_org_id: Option<i32>,
    /// The meeting and agenda item where it was raised ("Mötesdatum").
    pub raised_meeting_id: Option<i32>,
    pub raised_item_id: Option<i32>,
    pub start_date: Option<Date>,
    pub end_date: Option<Date>,
    pub comment: String,
    /// open, in_progress, waiting, done, cancelled
    pub state: String,
    /// Lower-cased title, description and comment, for the text filter.
    pub search_text: String,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub due_reminder_sent_at: Option<DateTimeUtc>,
    pub overdue_reminder_sent_at: Option<DateTimeUtc>,
    /// The copy of this action in the parent forum's list, and the action this one was escalated from.
    pub escalated_to_id: Option<i32>,
    pub escalated_from_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(belongs_to = "super::forum::Entity", from = "Column::ForumId", to = "super::forum::Column::Id")]
    Forum,
}

impl Related<super::forum::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Forum.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
