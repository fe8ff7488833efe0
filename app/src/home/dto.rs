//! The overview page.
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ForumCard {
    pub name: String,
    pub slug: String,
    pub level: String,
    pub role: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DashMeeting {
    pub id: i32,
    pub title: String,
    pub forum_name: String,
    pub starts: NaiveDateTime,
    pub ends: NaiveDateTime,
    pub status: String,
}

/// Additions waiting for the secretariat at one meeting.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewWaiting {
    pub meeting: DashMeeting,
    pub count: u64,
}

/// One of my additions and what became of it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyAddition {
    pub meeting_id: i32,
    pub title: String,
    pub status: String,
    pub received: NaiveDate,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Dashboard {
    pub name: String,
    pub forums: Vec<ForumCard>,
    pub next_meetings: Vec<DashMeeting>,
    /// Agendas published since the visit before this one, with the date of publication.
    pub published_since: Vec<(DashMeeting, NaiveDate)>,
    pub to_review: Vec<ReviewWaiting>,
    /// Summary drafts I have been asked to review.
    pub summaries_to_review: Vec<DashMeeting>,
    /// Open surveys I have been asked to answer.
    pub surveys_to_answer: Vec<crate::surveys::dto::SurveyRow>,
    /// Open surveys of forums where I am the secretariat, with their response rates.
    pub surveys_running: Vec<crate::surveys::dto::SurveyRow>,
    /// Open consultations my organisation has not submitted.
    pub consultations_to_answer: Vec<crate::consultations::dto::ConsultationRow>,
    pub my_additions: Vec<MyAddition>,
    /// Open actions I own or take part in, overdue first.
    pub my_actions: Vec<crate::actions::dto::MyAction>,
}
