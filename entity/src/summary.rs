use sea_orm::entity::prelude::*;

/// A meeting's summary: the working text and where it stands ("draft", "review", "published").
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "summaries")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub meeting_id: i32,
    pub state: String,
    /// Markdown: the draft before publication; after it, the latest published revision.
    pub body: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub review_started_at: Option<DateTimeUtc>,
    pub published_at: Option<DateTimeUtc>,
    pub revised_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(belongs_to = "super::meeting::Entity", from = "Column::MeetingId", to = "super::meeting::Column::Id")]
    Meeting,
}

impl Related<super::meeting::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Meeting.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
