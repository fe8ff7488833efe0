//! The schema, one migration per concern. Demo data never lives here (see `samverkan seed-demo`).
pub use sea_orm_migration::prelude::*;

mod m20261122_000001_create_organisations;
mod m20261122_000002_create_users;
mod m20261122_000003_create_forums;
mod m20261122_000004_create_invitations_and_resets;
mod m20261122_000005_create_login_attempts;
mod m20261122_000006_create_outbox;
mod m20261122_000007_forum_details;
mod m20261122_000008_create_meetings;
mod m20261122_000009_create_agenda_items;
mod m20261122_000010_create_additions;
mod m20261122_000011_create_materials;
mod m20261122_000012_participation;
mod m20261122_000013_create_actions;
mod m20261122_000014_escalation;
mod m20261122_000015_create_audit_events;
mod m20261122_000016_create_summaries;
mod m20261122_000017_create_comments;
mod m20261122_000018_notifications;
mod m20261122_000019_search;
mod m20261122_000020_create_surveys;
mod m20261122_000021_survey_reminders;
mod m20261122_000022_survey_rounds;
mod m20261122_000023_create_consultations;
mod m20261122_000024_survey_answer_index;
mod m20261123_000025_action_end_index;
mod m20261124_000026_consultation_item_index;
/// Public: tests check its triggers, and later migrations add them to new tables.
pub mod m20261124_000027_page_generation;
mod m20261125_000028_search_vocabulary;
pub use m20261124_000027_page_generation as page_generation;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261122_000001_create_organisations::Migration),
            Box::new(m20261122_000002_create_users::Migration),
            Box::new(m20261122_000003_create_forums::Migration),
            Box::new(m20261122_000004_create_invitations_and_resets::Migration),
            Box::new(m20261122_000005_create_login_attempts::Migration),
            Box::new(m20261122_000006_create_outbox::Migration),
            Box::new(m20261122_000007_forum_details::Migration),
            Box::new(m20261122_000008_create_meetings::Migration),
            Box::new(m20261122_000009_create_agenda_items::Migration),
            Box::new(m20261122_000010_create_additions::Migration),
            Box::new(m20261122_000011_create_materials::Migration),
            Box::new(m20261122_000012_participation::Migration),
            Box::new(m20261122_000013_create_actions::Migration),
            Box::new(m20261122_000014_escalation::Migration),
            Box::new(m20261122_000015_create_audit_events::Migration),
            Box::new(m20261122_000016_create_summaries::Migration),
            Box::new(m20261122_000017_create_comments::Migration),
            Box::new(m20261122_000018_notifications::Migration),
            Box::new(m20261122_000019_search::Migration),
            Box::new(m20261122_000020_create_surveys::Migration),
            Box::new(m20261122_000021_survey_reminders::Migration),
            Box::new(m20261122_000022_survey_rounds::Migration),
            Box::new(m20261122_000023_create_consultations::Migration),
            Box::new(m20261122_000024_survey_answer_index::Migration),
            Box::new(m20261123_000025_action_end_index::Migration),
            Box::new(m20261124_000026_consultation_item_index::Migration),
            Box::new(m20261124_000027_page_generation::Migration),
            Box::new(m20261125_000028_search_vocabulary::Migration),
        ]
    }
}
