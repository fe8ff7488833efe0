//! The overview: a welcome for visitors, "my forums" for members.
pub mod api;
pub mod dto;
pub mod page;
