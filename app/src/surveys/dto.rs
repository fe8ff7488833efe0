//! Surveys as their pages show them.
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

pub const KINDS: [&str; 4] = ["scale", "single", "multi", "text"];

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SurveyRow {
    pub id: i32,
    pub title: String,
    pub state: String,
    pub closes: NaiveDateTime,
    pub answered: u64,
    pub invited: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuestionView {
    pub id: i32,
    pub section: String,
    pub kind: String,
    pub text: String,
    pub help: String,
    pub required: bool,
    /// Choices; for a scale the labels of 1 and 5.
    pub options: Vec<String>,
}

/// What the reader has answered so far (values by question id, as in the form).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MyAnswers {
    pub values: Vec<(String, String)>,
    pub submitted: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SurveyPage {
    pub id: i32,
    pub forum_name: String,
    pub forum_slug: String,
    pub title: String,
    pub intro_html: String,
    pub anonymous: bool,
    pub state: String,
    pub closes: NaiveDateTime,
    pub questions: Vec<QuestionView>,
    pub answered: u64,
    pub invited: u64,
    /// Named surveys, for the secretariat: who has not answered yet.
    pub not_answered: Vec<String>,
    pub invited_me: bool,
    /// The day of the last reminder.
    pub last_reminded: Option<chrono::NaiveDate>,
    pub mine: MyAnswers,
    pub can_manage: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum QuestionResult {
    /// Counts of 1..=5, mean and median.
    Scale { counts: Vec<u64>, mean: Option<f64>, median: Option<f64> },
    /// Count per option, in option order.
    Choice { counts: Vec<u64> },
    /// The free-text answers (at most 500).
    Text { answers: Vec<String> },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResultView {
    pub question: QuestionView,
    /// Respondents who answered this question.
    pub n: u64,
    pub result: QuestionResult,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResultsPage {
    pub id: i32,
    pub title: String,
    pub forum_name: String,
    pub forum_slug: String,
    pub answered: u64,
    pub invited: u64,
    pub results: Vec<ResultView>,
}
