use sea_orm::entity::prelude::*;

/// An uploaded file of a meeting, an agenda item or an addition. The bytes are in `material_contents`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Deserialize)]
#[sea_orm(table_name = "materials")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub meeting_id: i32,
    pub agenda_item_id: Option<i32>,
    pub addition_id: Option<i32>,
    pub file_name: String,
    /// Decided from the content at upload, never from the name the browser sent.
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub pre_reading: bool,
    pub uploaded_by: Option<i32>,
    pub uploaded_at: DateTimeUtc,
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
