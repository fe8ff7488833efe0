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
    /// Files of the meeting itself (not of an item).
    pub materials: Vec<MaterialView>,
    /// Additions: all of them for the secretariat, one's own for a member.
    pub additions: Vec<AdditionView>,
    /// May send in an addition now (a member, the meeting ahead and not cancelled).
    pub can_propose: bool,
    /// The organisations an addition can name (the forum's members and one's own).
    pub organisation_choices: Vec<Choice>,
    /// Later meetings of the forum an addition can be moved to.
    pub later_meetings: Vec<MeetingRow>,
    /// Round-the-table updates by organisation.
    pub updates: Vec<UpdateView>,
    /// May write an update for one's organisation (the meeting has a round-the-table item).
    pub can_post_update: bool,
    pub my_update: Option<String>,
    /// Empty when the forum has more members than a meeting page lists; the counts are always set.
    pub participants: Vec<ParticipantView>,
    pub participants_total: usize,
    pub participants_present: usize,
    /// After the start: the secretariat records attendance.
    pub can_record_attendance: bool,
    /// From the start on, those who manage the action list add actions here:
    /// (owners, people, organisations) to choose from.
    pub new_action_choices: Option<ActionChoices>,
    /// For an agenda with a feedback item: the previous meeting's actions, computed.
    pub feedback: Option<crate::actions::dto::FeedbackView>,
    /// The summary's state as this reader may know it ("draft", "review", "published"), if any.
    pub summary_state: Option<String>,
    pub can_write_summary: bool,
    /// Comments on the agenda as a whole and on each item (once the agenda is published).
    pub agenda_thread: Option<crate::comments::dto::Thread>,
    pub item_threads: Vec<crate::comments::dto::Thread>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActionChoices {
    pub owners: Vec<crate::actions::dto::Choice>,
    pub people: Vec<crate::actions::dto::Choice>,
    pub organisations: Vec<crate::actions::dto::Choice>,
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
    /// The markdown itself, for the edit form (empty for readers who cannot edit).
    pub description: String,
    /// Clock times computed from the meeting start.
    pub starts: chrono::NaiveTime,
    pub ends: chrono::NaiveTime,
    /// Local date of a change after publication ("Ändrad 30/8").
    pub changed: Option<chrono::NaiveDate>,
    /// From a member addition: local date received and the organisations behind it.
    pub received: Option<(chrono::NaiveDate, String)>,
    pub materials: Vec<MaterialView>,
    pub escalated_to: Option<LinkedItem>,
    pub escalated_from: Option<LinkedItem>,
    /// What the item presents: ("survey" | "consultation", id, title).
    pub presents: Vec<(String, i32, String)>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AgendaView {
    /// False while the agenda is a draft and the reader is not the secretariat.
    pub visible: bool,
    pub items: Vec<AgendaItemView>,
    /// Local date of publication and how many days before the meeting it was.
    pub published: Option<(chrono::NaiveDate, i64)>,
    pub can_edit: bool,
    /// The forum has a parent and the reader may escalate items to it.
    pub can_escalate: bool,
}

/// A file of a meeting, an item or an addition.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MaterialView {
    pub id: i32,
    pub file_name: String,
    pub size_bytes: i64,
    /// Short kind for the reader: PDF, PPTX, DOCX, XLSX, PNG, JPEG.
    pub kind: String,
    pub pre_reading: bool,
    pub url: String,
    pub can_delete: bool,
}

/// A member's proposed agenda item, as the secretariat or its proposer sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdditionView {
    pub id: i32,
    pub title: String,
    pub description_html: String,
    pub presenter: String,
    pub organisations: Vec<String>,
    pub proposer: String,
    /// Local date received.
    pub received: chrono::NaiveDate,
    /// pending, accepted, declined
    pub status: String,
    pub reason: Option<String>,
    /// Title and date of the meeting it was moved from.
    pub moved_from: Option<String>,
    pub materials: Vec<MaterialView>,
    pub mine: bool,
}

/// An organisation's round-the-table update.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UpdateView {
    pub organisation: String,
    pub body_html: String,
    pub updated: chrono::NaiveDate,
    pub mine: bool,
}

/// The page of a meeting's participants.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ParticipantsPage {
    pub meeting_id: i32,
    pub meeting_title: String,
    pub starts: NaiveDateTime,
    pub forum_name: String,
    pub forum_slug: String,
    pub participants: Vec<ParticipantView>,
    pub present: usize,
    pub can_record_attendance: bool,
}

/// One invited person and, after the meeting, whether they attended.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ParticipantView {
    pub user_id: i32,
    pub name: String,
    pub organisation: String,
    pub role: String,
    pub attended: Option<bool>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    pub id: i32,
    pub name: String,
}

/// The other side of an escalated agenda item: where it is and how that meeting stands.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LinkedItem {
    pub meeting_id: i32,
    pub forum_name: String,
    pub date: chrono::NaiveDate,
    pub status: String,
    pub title: String,
}
