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
    /// "members" (default) or "public".
    pub visibility: String,
    pub created_at: DateTimeUtc,
    /// Markdown.
    pub purpose: String,
    pub contact_email: Option<String>,
    /// The agenda should be published this many days before a meeting.
    pub publish_days_before: i32,
    /// Markdown outline copied into new agendas.
    pub agenda_template: String,
    /// The last action number handed out (numbers are never reused).
    pub action_counter: i32,
    /// Owners are reminded this many days before an action's end date.
    pub action_reminder_days: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::forum_membership::Entity")]
    ForumMembership,
    #[sea_orm(has_many = "super::forum_organisation::Entity")]
    ForumOrganisation,
}

impl Related<super::forum_membership::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ForumMembership.def()
    }
}

impl Related<super::forum_organisation::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ForumOrganisation.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
