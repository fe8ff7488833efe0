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
    /// Results are open to the reader (the secretariat, or anyone once insights are published).
    pub can_see_results: bool,
    /// The insights as markdown (for the secretariat's editor) and rendered, with the day published.
    pub insights: String,
    pub insights_html: String,
    pub insights_published: Option<chrono::NaiveDate>,
    /// The round this one was copied from: (id, title).
    pub previous: Option<(i32, String)>,
    /// Where it is presented: (meeting id, "date – item").
    pub presented_at: Vec<(i32, String)>,
    /// For the secretariat: agenda items it can be presented at.
    pub item_choices: Vec<(i32, String)>,
    /// For the secretariat, while a draft: the forum's people who can be invited.
    pub people: Vec<(i32, String)>,
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
    /// The same question in the previous round: respondents and result (not for free text).
    pub previous: Option<(u64, QuestionResult)>,
}

/// The round a survey was copied from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PreviousRound {
    pub id: i32,
    pub title: String,
    pub answered: u64,
    pub invited: u64,
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
    pub previous: Option<PreviousRound>,
    /// Published insights, rendered (empty until published).
    pub insights_html: String,
}
