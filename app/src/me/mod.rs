//! The own account: name, title, language and password.
pub mod api;
pub mod dto;
pub mod page;
