use sea_orm::entity::prelude::*;

/// An evaluation survey of a forum: "draft" (being built), "open" (answers until `closes_at`), "closed".
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "surveys")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub forum_id: i32,
    pub title: String,
    /// Markdown shown above the questions.
    pub intro: String,
    /// Decided before opening and shown to respondents; answers then carry no person.
    pub anonymous: bool,
    pub state: String,
    pub opened_at: Option<DateTimeUtc>,
    pub closes_at: DateTimeUtc,
    pub created_at: DateTimeUtc,
    /// The automatic reminder goes this many days before closing.
    pub reminder_days: i32,
    pub auto_reminded: bool,
    /// Stockholm date of the last reminder: never two on one day.
    pub last_reminded_on: Option<Date>,
    /// The round this one was copied from.
    pub previous_id: Option<i32>,
    /// The secretariat's insights (markdown), shown to the forum once published.
    pub insights: String,
    pub insights_published_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
