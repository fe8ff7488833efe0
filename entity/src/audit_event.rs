use sea_orm::entity::prelude::*;

/// One audited event. Append-only: the database refuses updates and deletes.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub at: DateTimeUtc,
    pub actor_id: Option<i32>,
    /// Who it was at the time (name and e-mail; for a failed login the address typed).
    pub actor_label: String,
    /// A dotted code, e.g. "summary.publish", "login.failed".
    pub action: String,
    /// What it touched, e.g. "meeting:7".
    pub target: String,
    pub detail: String,
    pub ip: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
