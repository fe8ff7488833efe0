//! The own account page.
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyAccount {
    pub name: String,
    pub email: String,
    pub title: String,
    pub language: String,
    pub organisation: String,
    pub is_admin: bool,
    /// (forum name, role code)
    pub roles: Vec<(String, String)>,
}
