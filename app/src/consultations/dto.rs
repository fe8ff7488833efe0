//! Consultations as their pages show them.
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// States of an organisation's answer.
pub const NOT_STARTED: &str = "not_started";
pub const DRAFT: &str = "draft";
pub const SUBMITTED: &str = "submitted";
pub const LATE: &str = "late";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConsultationRow {
    pub id: i32,
    pub title: String,
    pub state: String,
    pub deadline: NaiveDate,
    pub submitted: u64,
    pub organisations: u64,
    /// The reader's organisation's answer state, when it is asked.
    pub mine: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrgStatus {
    pub organisation: String,
    /// One of the states above.
    pub state: String,
    /// Submitted after the deadline.
    pub late: bool,
    /// Last change: when and by whom.
    pub edited: Option<(NaiveDateTime, String)>,
    pub submitted: Option<(NaiveDateTime, String)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CompiledQuestion {
    pub id: i32,
    pub text: String,
    /// (organisation, answer, submitted late) for each submitted answer.
    pub answers: Vec<(String, String, bool)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuestionRow {
    pub id: i32,
    pub text: String,
    pub help: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyOrgAnswer {
    pub status: OrgStatus,
    /// (question id, text).
    pub values: Vec<(i32, String)>,
    pub can_edit: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConsultationPage {
    pub id: i32,
    pub forum_name: String,
    pub forum_slug: String,
    pub title: String,
    pub background_html: String,
    pub state: String,
    pub deadline: NaiveDate,
    pub past_deadline: bool,
    pub questions: Vec<QuestionRow>,
    /// The presenting agenda item: (meeting id, "date – title"), and its files (id, name, url).
    pub item: Option<(i32, String)>,
    pub materials: Vec<(i32, String, String)>,
    pub submitted: u64,
    pub organisations: u64,
    pub mine: Option<MyOrgAnswer>,
    pub can_manage: bool,
    /// For the secretariat: every member organisation's state and the answers per question.
    pub statuses: Vec<OrgStatus>,
    pub compiled: Vec<CompiledQuestion>,
    pub item_choices: Vec<(i32, String)>,
    pub last_reminded: Option<NaiveDate>,
}
