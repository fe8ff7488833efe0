//! Meetings of a forum: planning, the meeting page, cancelling.
pub mod api;
pub mod drag;
pub mod dto;
pub mod pages;
