//! Notification settings and the unsubscribe page.
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ForumSetting {
    pub forum_id: i32,
    pub forum_name: String,
    /// "immediate", "digest" or "off".
    pub mode: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnsubscribeInfo {
    pub name: String,
    /// The forum the link was for; None: every forum.
    pub forum: Option<(i32, String)>,
}
