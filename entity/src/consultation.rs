use sea_orm::entity::prelude::*;

/// Questions to a forum's member organisations: "draft", "open" (answers until the end of
/// `deadline`, later ones are marked late), "closed".
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "consultations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub forum_id: i32,
    /// The agenda item that presents it: its materials are the consultation's materials.
    pub agenda_item_id: Option<i32>,
    pub title: String,
    /// Markdown.
    pub background: String,
    pub state: String,
    /// The last day (Stockholm) for answers on time.
    pub deadline: Date,
    pub reminder_days: i32,
    pub auto_reminded: bool,
    pub last_reminded_on: Option<Date>,
    pub opened_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
