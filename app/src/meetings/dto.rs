//! Views of meetings. Times are local (Europe/Stockholm), converted on the server.
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

pub const STATUSES: [&str; 6] = ["proposed", "planned", "agenda_published", "held", "summary_published", "cancelled"];

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MeetingRow {
    pub id: i32,
    pub title: String,
    pub starts: NaiveDateTime,
    pub ends: NaiveDateTime,
    pub status: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MeetingDetail {
    pub id: i32,
    pub forum_name: String,
    pub forum_slug: String,
    pub title: String,
    pub starts: NaiveDateTime,
    pub ends: NaiveDateTime,
    pub place: Option<String>,
    pub online_url: Option<String>,
    pub status: String,
    pub cancel_reason: Option<String>,
    /// The forum's next meeting after this one (not cancelled).
    pub next: Option<MeetingRow>,
    pub can_manage: bool,
}
