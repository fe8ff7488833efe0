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
    pub agenda: AgendaView,
}

pub const ITEM_KINDS: [&str; 7] = ["information", "discussion", "decision", "feedback", "round_table", "summary", "next_meeting"];

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AgendaItemView {
    pub id: i32,
    pub title: String,
    pub presenters: String,
    pub kind: String,
    pub duration_minutes: i32,
    /// Sanitized HTML from the markdown description.
    pub description_html: String,
    /// Clock times computed from the meeting start.
    pub starts: chrono::NaiveTime,
    pub ends: chrono::NaiveTime,
    /// Local date of a change after publication ("Ändrad 30/8").
    pub changed: Option<chrono::NaiveDate>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AgendaView {
    /// False while the agenda is a draft and the reader is not the secretariat.
    pub visible: bool,
    pub items: Vec<AgendaItemView>,
    /// Local date of publication and how many days before the meeting it was.
    pub published: Option<(chrono::NaiveDate, i64)>,
    pub can_edit: bool,
}
