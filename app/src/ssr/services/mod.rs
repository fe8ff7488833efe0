//! Services: plain async functions over a connection and the acting user. Each calls the policy first.
pub mod accounts;
pub mod actions;
pub mod additions;
pub mod agenda;
pub mod audit;
pub mod auth;
pub mod calendar;
pub mod comments;
pub mod escalation;
pub mod feeds;
pub mod forums;
pub mod materials;
pub mod meetings;
pub mod notify;
pub mod organisations;
pub mod participation;
pub mod reminders;
pub mod search;
pub mod seed;
pub mod summaries;
pub mod surveys;

/// Rows per page in administrative lists.
pub const PAGE_SIZE: u64 = 25;
