//! Views of the signed-in person and of invitations.
use serde::{Deserialize, Serialize};

/// The person in the header. `None` when not signed in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: i32,
    pub name: String,
    pub organisation: String,
    pub is_admin: bool,
    /// May open the user administration (admin or a forum's secretariat).
    pub can_admin_users: bool,
    pub can_admin_orgs: bool,
    pub can_view_audit: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InviteInfo {
    pub name: String,
    pub email: String,
    pub organisation: String,
}
