//! SeaORM entities, one module per table. Generated style: data only, no behaviour.
pub mod action;
pub mod action_change;
pub mod action_note;
pub mod action_participant;
pub mod agenda_addition;
pub mod agenda_addition_organisation;
pub mod agenda_item;
pub mod attendance;
pub mod audit_event;
pub mod comment;
pub mod forum;
pub mod forum_membership;
pub mod forum_organisation;
pub mod invitation;
pub mod login_attempt;
pub mod material;
pub mod material_content;
pub mod meeting;
pub mod notification;
pub mod notification_setting;
pub mod organisation;
pub mod outbox;
pub mod password_reset;
pub mod round_table_update;
pub mod summary;
pub mod survey;
pub mod survey_answer;
pub mod survey_invitation;
pub mod survey_question;
pub mod survey_response;
pub mod summary_reviewer;
pub mod summary_revision;
pub mod user;

pub mod prelude {
    pub use super::agenda_item::Entity as AgendaItem;
    pub use super::forum::Entity as Forum;
    pub use super::forum_membership::Entity as ForumMembership;
    pub use super::forum_organisation::Entity as ForumOrganisation;
    pub use super::invitation::Entity as Invitation;
    pub use super::login_attempt::Entity as LoginAttempt;
    pub use super::meeting::Entity as Meeting;
    pub use super::organisation::Entity as Organisation;
    pub use super::outbox::Entity as Outbox;
    pub use super::password_reset::Entity as PasswordReset;
    pub use super::user::Entity as User;
}
