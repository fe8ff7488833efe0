//! The action list ("Aktivitetslistan") of a forum.
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

pub const STATES: [&str; 5] = ["open", "in_progress", "waiting", "done", "cancelled"];

/// The filter of the list, as it comes from the address (every field may be empty).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ActionFilter {
    /// A state, "active" (not done or cancelled), or empty for all.
    pub state: String,
    /// "u<id>" for a person, "o<id>" for an organisation.
    pub owner: String,
    /// An organisation id: as owner, the owner's organisation, or a participant.
    pub organisation: String,
    /// "1" for overdue only.
    pub overdue: String,
    /// A meeting id.
    pub meeting: String,
    pub q: String,
    /// number (default), end, state, title; with "-" in front for descending.
    pub sort: String,
    pub page: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActionRow {
    pub number: i32,
    pub title: String,
    pub owner: String,
    pub participants: String,
    /// The meeting where it was raised: id and local date.
    pub raised: Option<(i32, NaiveDate)>,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub comment: String,
    pub state: String,
    /// The latest status note: date and text.
    pub latest_note: Option<(NaiveDate, String)>,
    pub overdue: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActionList {
    pub forum_name: String,
    pub forum_slug: String,
    pub rows: Vec<ActionRow>,
    pub total: u64,
    pub page: u64,
    pub pages: u64,
    /// (state, count) for the whole list, whatever the filter.
    pub counts: Vec<(String, u64)>,
    pub filter: ActionFilter,
    pub owners: Vec<Choice>,
    pub organisations: Vec<Choice>,
    pub meetings: Vec<Choice>,
    /// People of the forum (for owner and participants in the create form).
    pub people: Vec<Choice>,
    pub can_manage: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NoteView {
    pub date: NaiveDate,
    pub author: String,
    pub body: String,
    pub state_from: Option<String>,
    pub state_to: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChangeView {
    pub at: NaiveDateTime,
    pub author: String,
    pub field: String,
    pub from: String,
    pub to: String,
}

/// Raw values for the edit form (only for those who manage).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ActionEdit {
    pub title: String,
    pub description: String,
    pub owner: String,
    pub owner_org: String,
    pub start_date: String,
    pub end_date: String,
    pub comment: String,
    pub state: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActionDetail {
    pub id: i32,
    pub forum_name: String,
    pub forum_slug: String,
    pub row: ActionRow,
    pub description_html: String,
    /// Title of the meeting it was raised at and of the agenda item.
    pub raised_item: Option<String>,
    /// Meetings whose feedback item followed it up (it was open at the meeting before): id, local date.
    pub reviewed_at: Vec<(i32, NaiveDate)>,
    pub notes: Vec<NoteView>,
    pub changes: Vec<ChangeView>,
    pub thread: crate::comments::dto::Thread,
    pub can_note: bool,
    pub edit: Option<ActionEdit>,
    pub owners: Vec<Choice>,
    pub escalated_to: Option<LinkedAction>,
    pub escalated_from: Option<LinkedAction>,
    pub can_escalate: bool,
}

/// One of my actions on the overview.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyAction {
    pub forum_slug: String,
    pub forum_name: String,
    pub number: i32,
    pub title: String,
    pub end_date: Option<NaiveDate>,
    pub state: String,
    pub overdue: bool,
}

/// "Återkoppling föregående möte": the actions open at the forum's previous meeting and those
/// raised there, their state then and now, and the notes added since. Computed, never copied.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FeedbackView {
    pub previous_id: i32,
    pub previous_date: NaiveDate,
    pub forum_slug: String,
    pub actions: Vec<FeedbackAction>,
    /// Actions open then; more than `actions` holds when the list was cut.
    pub total: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FeedbackAction {
    pub number: i32,
    pub title: String,
    pub owner: String,
    pub raised_there: bool,
    pub state_then: String,
    pub state_now: String,
    pub notes_since: Vec<NoteView>,
    pub can_note: bool,
}

/// The other side of an escalation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LinkedAction {
    pub forum_slug: String,
    pub forum_name: String,
    pub number: i32,
    pub title: String,
    pub state: String,
}
