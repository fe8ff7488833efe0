//! Views of the collaboration structure and of one forum.
use serde::{Deserialize, Serialize};

use crate::admin::dto::Choice;

/// Levels of the structure, from the top.
pub const LEVELS: [&str; 4] = ["strategic", "tactical", "reference", "dialogue"];

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ForumNode {
    pub name: String,
    pub slug: String,
    pub level: String,
    pub public: bool,
    /// The next meeting that is not cancelled: id, local start and end.
    pub next: Option<(i32, chrono::NaiveDateTime, chrono::NaiveDateTime)>,
    /// Actions not done or cancelled.
    pub open_actions: u64,
    pub children: Vec<ForumNode>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Structure {
    pub roots: Vec<ForumNode>,
    pub can_create: bool,
    /// Possible parents for a new forum.
    pub parents: Vec<Choice>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Representative {
    pub name: String,
    pub title: Option<String>,
    pub role: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrgRepresentatives {
    pub organisation: String,
    pub people: Vec<Representative>,
}

/// What the edit form needs; only sent to those who may edit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ForumEdit {
    pub purpose: String,
    pub agenda_template: String,
    pub contact_email: String,
    pub parent_id: Option<i32>,
    pub parents: Vec<Choice>,
    pub other_organisations: Vec<Choice>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ForumDetail {
    pub id: i32,
    pub name: String,
    pub slug: String,
    pub level: String,
    pub public: bool,
    /// Sanitized HTML from the markdown purpose.
    pub purpose_html: String,
    pub contact_email: Option<String>,
    pub publish_days_before: i32,
    /// (name, slug)
    pub parent: Option<(String, String)>,
    pub children: Vec<(String, String)>,
    pub organisations: Vec<Choice>,
    pub representatives: Vec<OrgRepresentatives>,
    pub can_manage: bool,
    pub can_plan_meetings: bool,
    pub edit: Option<ForumEdit>,
    pub upcoming: Vec<crate::meetings::dto::MeetingRow>,
    pub past: Vec<crate::meetings::dto::MeetingRow>,
    /// The forum's calendar feed: open for public forums, through the reader's personal token
    /// otherwise (`None` until they have created one on /calendar).
    pub feed_path: Option<String>,
    /// Open surveys, with their response rate.
    pub open_surveys: Vec<crate::surveys::dto::SurveyRow>,
    /// Open consultations, with how many organisations have submitted.
    pub open_consultations: Vec<crate::consultations::dto::ConsultationRow>,
}
