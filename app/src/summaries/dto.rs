//! A meeting's summary as its page shows it.
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::comments::dto::Thread;
use crate::meetings::dto::{MaterialView, MeetingRow};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RevisionView {
    pub number: i32,
    pub at: NaiveDateTime,
    pub author: String,
    pub reason: Option<String>,
}

/// An action raised at the meeting, as it stands now (read live from the action list).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NewActionView {
    pub number: i32,
    pub title: String,
    pub owner: String,
    pub state: String,
    pub end_date: Option<NaiveDate>,
    pub url: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewerChoice {
    pub id: i32,
    pub name: String,
    pub organisation: String,
    pub chosen: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SummaryPage {
    pub meeting_id: i32,
    pub meeting_title: String,
    pub starts: NaiveDateTime,
    pub ends: NaiveDateTime,
    pub forum_name: String,
    pub forum_slug: String,
    /// "none", "draft", "review" or "published".
    pub state: String,
    /// The text the reader may see, rendered: the published revision, or the draft for those who may read it.
    pub body_html: String,
    /// The markdown to edit (the secretariat): the draft, or the published text to revise.
    pub editable: Option<String>,
    pub published_at: Option<NaiveDateTime>,
    pub revised_at: Option<NaiveDateTime>,
    pub revisions: Vec<RevisionView>,
    pub reviewers: Vec<String>,
    /// For the secretariat: the forum's people to name as reviewers.
    pub reviewer_choices: Vec<ReviewerChoice>,
    pub new_actions: Vec<NewActionView>,
    pub next_meeting: Option<MeetingRow>,
    pub materials: Vec<MaterialView>,
    /// Review comments while in review; members' comments once published.
    pub thread: Thread,
    pub can_manage: bool,
    pub i_am_reviewer: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum DiffTag {
    Same,
    Added,
    Removed,
}

/// One line of a comparison; `parts` mark the words that changed within it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DiffLine {
    pub tag: DiffTag,
    pub parts: Vec<(bool, String)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DiffPage {
    pub meeting_id: i32,
    pub meeting_title: String,
    pub from: RevisionView,
    pub to: RevisionView,
    pub lines: Vec<DiffLine>,
    pub numbers: Vec<i32>,
}
