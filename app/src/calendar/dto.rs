//! The calendar of meetings ("Kalender för samverkan").
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CalendarMeeting {
    pub id: i32,
    pub title: String,
    pub forum_name: String,
    pub starts: NaiveDateTime,
    pub ends: NaiveDateTime,
    pub status: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CalendarPage {
    /// "month" or "list".
    pub view: String,
    pub year: i32,
    /// 1–12; the list view shows the whole year.
    pub month: u32,
    /// The forum filter, if any, and the forums one may filter by (slug, name).
    pub forum: Option<String>,
    pub forums: Vec<(String, String)>,
    pub meetings: Vec<CalendarMeeting>,
    /// The Atom feed's address, personal like the calendar's.
    pub news_url: String,
    /// The subscription address: personal (with the secret token) when signed in.
    pub feed_url: String,
    pub signed_in: bool,
}
