//! Comment threads as the pages show them.
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum CommentState {
    Visible,
    /// Deleted by its author: "Kommentaren har tagits bort".
    Deleted,
    /// Hidden by the secretariat, with the reason.
    Hidden(String),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CommentView {
    pub id: i32,
    pub author: String,
    pub organisation: String,
    pub at: NaiveDateTime,
    pub edited: bool,
    /// Sanitized HTML; empty unless visible.
    pub body_html: String,
    /// The markdown, only for its author while it may still be edited.
    pub editable_body: Option<String>,
    pub state: CommentState,
    pub can_delete: bool,
    pub can_hide: bool,
    pub replies: Vec<CommentView>,
}

/// The key that ties a failed post to its form on a page with many threads: the thread for a new
/// comment, the negative parent id for a reply.
pub fn about_key(kind: &str, target_id: i32, parent_id: Option<i32>) -> i32 {
    match parent_id {
        Some(p) => -p,
        None => target_id.saturating_mul(8) + ["agenda", "item", "summary", "action"].iter().position(|k| *k == kind).unwrap_or(7) as i32,
    }
}

/// The comments on one thing, and whether the reader may add to them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Thread {
    /// "agenda", "item", "summary" or "action".
    pub kind: String,
    pub target_id: i32,
    pub comments: Vec<CommentView>,
    pub count: usize,
    pub can_comment: bool,
}
