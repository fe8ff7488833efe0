//! Signing in and out, invitations and password reset.
pub mod api;
pub mod dto;
pub mod pages;
