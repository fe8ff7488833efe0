//! Views for organisation and user administration.
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrgRow {
    pub id: i32,
    pub name: String,
    pub short_name: String,
    pub kind: String,
    pub user_count: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrgList {
    pub rows: Vec<OrgRow>,
    pub can_manage: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoleView {
    pub forum_id: i32,
    pub forum_name: String,
    pub role: String,
    pub can_change: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum UserStatus {
    Active,
    Inactive,
    Invited,
    InviteExpired,
    InviteRevoked,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UserRow {
    pub id: i32,
    pub name: String,
    pub email: String,
    pub organisation: String,
    pub title: Option<String>,
    pub is_admin: bool,
    pub status: UserStatus,
    pub roles: Vec<RoleView>,
    pub can_set_active: bool,
    pub can_set_admin: bool,
    pub can_manage_invitation: bool,
    /// Anonymise for good (admins, not oneself, not already erased).
    pub can_erase: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    pub id: i32,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UserPage {
    pub rows: Vec<UserRow>,
    pub total: u64,
    pub page: u64,
    pub pages: u64,
    pub query: String,
    /// Forums the viewer may invite to or set roles in.
    pub forums: Vec<Choice>,
    pub organisations: Vec<Choice>,
    pub can_grant_admin: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditRow {
    /// Stockholm wall clock.
    pub at: chrono::NaiveDateTime,
    pub who: String,
    pub action: String,
    pub target: String,
    pub detail: String,
    pub ip: String,
}

/// One page of the audit log and the filter that produced it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditPage {
    pub rows: Vec<AuditRow>,
    pub total: u64,
    pub page: u64,
    pub pages: u64,
    pub actions: Vec<String>,
    pub action: String,
    pub who: String,
    pub from: String,
    pub to: String,
}
