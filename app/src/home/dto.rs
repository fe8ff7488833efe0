//! The overview page.
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ForumCard {
    pub name: String,
    pub slug: String,
    pub level: String,
    pub role: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Dashboard {
    pub name: String,
    pub forums: Vec<ForumCard>,
}
