//! The collaboration structure and forum pages.
pub mod api;
pub mod dto;
pub mod pages;
