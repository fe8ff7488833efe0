use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Stored lower-cased; unique.
    #[sea_orm(unique)]
    pub email: String,
    pub name: String,
    pub organisation_id: i32,
    pub title: Option<String>,
    pub language: String,
    pub is_admin: bool,
    pub active: bool,
    pub password_hash: Option<String>,
    /// Bumped on password change and deactivation: sessions carrying an older epoch are dead.
    pub session_epoch: i32,
    /// Secret for calendar subscription URLs; reset by the user.
    #[sea_orm(unique)]
    pub calendar_token: Option<String>,
    /// The secret in unsubscribe links (no sign-in needed to stop mail).
    pub mail_token: Option<String>,
    /// The visit before the current one ("published since my last visit").
    pub previous_visit_at: Option<DateTimeUtc>,
    pub last_visit_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::organisation::Entity",
        from = "Column::OrganisationId",
        to = "super::organisation::Column::Id"
    )]
    Organisation,
    #[sea_orm(has_many = "super::forum_membership::Entity")]
    ForumMembership,
}

impl Related<super::organisation::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Organisation.def()
    }
}

impl Related<super::forum_membership::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ForumMembership.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
