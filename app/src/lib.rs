//! Samverkan: the Leptos application (pages, server functions) and, under feature `ssr`, its server side.
#![recursion_limit = "256"]

pub mod actions;
pub mod admin;
pub mod auth;
pub mod calendar;
pub mod comments;
pub mod consultations;
pub mod components;
pub mod error;
pub mod forums;
pub mod home;
pub mod i18n;
pub mod me;
pub mod meetings;
pub mod notifications;
pub mod routes;
pub mod search;
pub mod summaries;
pub mod surveys;
#[cfg(feature = "ssr")]
pub mod ssr;

pub use routes::{shell, App};

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
