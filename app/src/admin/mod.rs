//! Administration of organisations and people.
pub mod api;
pub mod audit;
pub mod dto;
pub mod orgs;
pub mod users;
