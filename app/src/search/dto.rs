//! Search results.
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    /// "meeting", "item", "summary", "action", "note" or "comment".
    pub kind: String,
    pub title: String,
    /// Sanitized: the text is escaped, only `<mark>` is added around the matched words.
    pub snippet_html: String,
    pub url: String,
    pub forum: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchPage {
    pub q: String,
    pub hits: Vec<Hit>,
    /// At most `search::CAP`; `capped` says there were more.
    pub total: u64,
    pub capped: bool,
    pub page: u64,
    pub pages: u64,
}
