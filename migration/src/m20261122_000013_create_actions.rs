use sea_orm_migration::{prelude::*, schema::*};

use super::m20261122_000001_create_organisations::Organisations;
use super::m20261122_000002_create_users::Users;
use super::m20261122_000003_create_forums::Forums;
use super::m20261122_000010_create_additions::{AgendaItems, Meetings};

/// The action list: numbered per forum, with an append-only log of status notes, a change history
/// and comments.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // The forum hands out action numbers: one counter row per forum, incremented in the
        // transaction that creates the action.
        for col in [integer(ForumActions::ActionCounter).default(0).to_owned(), integer(ForumActions::ActionReminderDays).default(7).to_owned()] {
            m.alter_table(Table::alter().table(Forums::Table).add_column(col).to_owned()).await?;
        }
        m.create_table(
            Table::create()
                .table(Actions::Table)
                .if_not_exists()
                .col(pk_auto(Actions::Id))
                .col(integer(Actions::ForumId))
                .col(integer(Actions::Number))
                .col(string(Actions::Title))
                .col(text(Actions::Description).default(""))
                .col(integer_null(Actions::OwnerUserId))
                .col(integer_null(Actions::OwnerOrgId))
                .col(integer_null(Actions::RaisedMeetingId))
                .col(integer_null(Actions::RaisedItemId))
                .col(date_null(Actions::StartDate))
                .col(date_null(Actions::EndDate))
                .col(text(Actions::Comment).default(""))
                .col(string(Actions::State))
                .col(text(Actions::SearchText).default(""))
                .col(integer_null(Actions::CreatedBy))
                .col(timestamp_with_time_zone(Actions::CreatedAt))
                .col(timestamp_with_time_zone(Actions::UpdatedAt))
                .col(timestamp_with_time_zone_null(Actions::DueReminderSentAt))
                .col(timestamp_with_time_zone_null(Actions::OverdueReminderSentAt))
                .foreign_key(ForeignKey::create().from(Actions::Table, Actions::ForumId).to(Forums::Table, Forums::Id).on_delete(ForeignKeyAction::Cascade))
                .foreign_key(ForeignKey::create().from(Actions::Table, Actions::OwnerUserId).to(Users::Table, Users::Id).on_delete(ForeignKeyAction::SetNull))
                .foreign_key(ForeignKey::create().from(Actions::Table, Actions::OwnerOrgId).to(Organisations::Table, Organisations::Id).on_delete(ForeignKeyAction::SetNull))
                .foreign_key(ForeignKey::create().from(Actions::Table, Actions::RaisedMeetingId).to(Meetings::Table, Meetings::Id).on_delete(ForeignKeyAction::SetNull))
                .foreign_key(ForeignKey::create().from(Actions::Table, Actions::RaisedItemId).to(AgendaItems::Table, AgendaItems::Id).on_delete(ForeignKeyAction::SetNull))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("uq_actions_forum_number").table(Actions::Table).col(Actions::ForumId).col(Actions::Number).unique().to_owned()).await?;
        // List filters: by state within a forum, by owner, by end date (overdue), by meeting.
        m.create_index(Index::create().name("idx_actions_forum_state").table(Actions::Table).col(Actions::ForumId).col(Actions::State).to_owned()).await?;
        m.create_index(Index::create().name("idx_actions_owner_user").table(Actions::Table).col(Actions::OwnerUserId).to_owned()).await?;
        m.create_index(Index::create().name("idx_actions_owner_org").table(Actions::Table).col(Actions::OwnerOrgId).to_owned()).await?;
        m.create_index(Index::create().name("idx_actions_end").table(Actions::Table).col(Actions::EndDate).to_owned()).await?;
        m.create_index(Index::create().name("idx_actions_raised").table(Actions::Table).col(Actions::RaisedMeetingId).to_owned()).await?;

        m.create_table(
            Table::create()
                .table(ActionParticipants::Table)
                .if_not_exists()
                .col(pk_auto(ActionParticipants::Id))
                .col(integer(ActionParticipants::ActionId))
                .col(integer_null(ActionParticipants::UserId))
                .col(integer_null(ActionParticipants::OrganisationId))
                .foreign_key(ForeignKey::create().from(ActionParticipants::Table, ActionParticipants::ActionId).to(Actions::Table, Actions::Id).on_delete(ForeignKeyAction::Cascade))
                .foreign_key(ForeignKey::create().from(ActionParticipants::Table, ActionParticipants::UserId).to(Users::Table, Users::Id).on_delete(ForeignKeyAction::Cascade))
                .foreign_key(
                    ForeignKey::create().from(ActionParticipants::Table, ActionParticipants::OrganisationId).to(Organisations::Table, Organisations::Id).on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("idx_action_participants_action").table(ActionParticipants::Table).col(ActionParticipants::ActionId).to_owned()).await?;
        m.create_index(Index::create().name("idx_action_participants_user").table(ActionParticipants::Table).col(ActionParticipants::UserId).to_owned()).await?;

        m.create_table(
            Table::create()
                .table(ActionNotes::Table)
                .if_not_exists()
                .col(pk_auto(ActionNotes::Id))
                .col(integer(ActionNotes::ActionId))
                .col(integer_null(ActionNotes::AuthorId))
                .col(date(ActionNotes::NoteDate))
                .col(text(ActionNotes::Body))
                .col(string_null(ActionNotes::StateFrom))
                .col(string_null(ActionNotes::StateTo))
                .col(timestamp_with_time_zone(ActionNotes::CreatedAt))
                .foreign_key(ForeignKey::create().from(ActionNotes::Table, ActionNotes::ActionId).to(Actions::Table, Actions::Id).on_delete(ForeignKeyAction::Cascade))
                .foreign_key(ForeignKey::create().from(ActionNotes::Table, ActionNotes::AuthorId).to(Users::Table, Users::Id).on_delete(ForeignKeyAction::SetNull))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("idx_action_notes_action").table(ActionNotes::Table).col(ActionNotes::ActionId).col(ActionNotes::CreatedAt).to_owned()).await?;

        m.create_table(
            Table::create()
                .table(ActionChanges::Table)
                .if_not_exists()
                .col(pk_auto(ActionChanges::Id))
                .col(integer(ActionChanges::ActionId))
                .col(integer_null(ActionChanges::AuthorId))
                .col(string(ActionChanges::Field))
                .col(text(ActionChanges::FromValue))
                .col(text(ActionChanges::ToValue))
                .col(timestamp_with_time_zone(ActionChanges::CreatedAt))
                .foreign_key(ForeignKey::create().from(ActionChanges::Table, ActionChanges::ActionId).to(Actions::Table, Actions::Id).on_delete(ForeignKeyAction::Cascade))
                .foreign_key(ForeignKey::create().from(ActionChanges::Table, ActionChanges::AuthorId).to(Users::Table, Users::Id).on_delete(ForeignKeyAction::SetNull))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("idx_action_changes_action").table(ActionChanges::Table).col(ActionChanges::ActionId).to_owned()).await?;

        m.create_table(
            Table::create()
                .table(ActionComments::Table)
                .if_not_exists()
                .col(pk_auto(ActionComments::Id))
                .col(integer(ActionComments::ActionId))
                .col(integer_null(ActionComments::AuthorId))
                .col(text(ActionComments::Body))
                .col(timestamp_with_time_zone(ActionComments::CreatedAt))
                .foreign_key(ForeignKey::create().from(ActionComments::Table, ActionComments::ActionId).to(Actions::Table, Actions::Id).on_delete(ForeignKeyAction::Cascade))
                .foreign_key(ForeignKey::create().from(ActionComments::Table, ActionComments::AuthorId).to(Users::Table, Users::Id).on_delete(ForeignKeyAction::SetNull))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("idx_action_comments_action").table(ActionComments::Table).col(ActionComments::ActionId).to_owned()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [ActionComments::Table.into_iden(), ActionChanges::Table.into_iden(), ActionNotes::Table.into_iden(), ActionParticipants::Table.into_iden(), Actions::Table.into_iden()] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        for col in [ForumActions::ActionCounter, ForumActions::ActionReminderDays] {
            m.alter_table(Table::alter().table(Forums::Table).drop_column(col).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum ForumActions {
    ActionCounter,
    ActionReminderDays,
}

#[derive(DeriveIden)]
enum Actions {
    Table,
    Id,
    ForumId,
    Number,
    Title,
    Description,
    OwnerUserId,
    OwnerOrgId,
    RaisedMeetingId,
    RaisedItemId,
    StartDate,
    EndDate,
    Comment,
    State,
    /// Lower-cased title, description and comment (SQLite's lower() knows only ASCII).
    SearchText,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
    DueReminderSentAt,
    OverdueReminderSentAt,
}

#[derive(DeriveIden)]
enum ActionParticipants {
    Table,
    Id,
    ActionId,
    UserId,
    OrganisationId,
}

#[derive(DeriveIden)]
enum ActionNotes {
    Table,
    Id,
    ActionId,
    AuthorId,
    NoteDate,
    Body,
    StateFrom,
    StateTo,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ActionChanges {
    Table,
    Id,
    ActionId,
    AuthorId,
    Field,
    FromValue,
    ToValue,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ActionComments {
    Table,
    Id,
    ActionId,
    AuthorId,
    Body,
    CreatedAt,
}
