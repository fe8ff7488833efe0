use sea_orm_migration::{prelude::*, schema::*};

use super::m20261122_000001_create_organisations::Organisations;
use super::m20261122_000002_create_users::Users;
use super::m20261122_000010_create_additions::Meetings;

/// Calendar tokens, attendance and round-the-table updates.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for col in [string_null(UserCal::CalendarToken).to_owned(), timestamp_with_time_zone_null(UserCal::PreviousVisitAt).to_owned(), timestamp_with_time_zone_null(UserCal::LastVisitAt).to_owned()] {
            m.alter_table(Table::alter().table(Users::Table).add_column(col).to_owned()).await?;
        }
        m.alter_table(Table::alter().table(Meetings::Table).add_column(timestamp_with_time_zone_null(MeetingReminder::PublishReminderSentAt)).to_owned()).await?;
        // The dashboard reads by publication (the calendar uses idx_meetings_start).
        m.create_index(Index::create().name("idx_meetings_published").table(Meetings::Table).col(MeetingReminder::AgendaPublishedAt).to_owned()).await?;
        m.create_index(Index::create().name("uq_users_calendar_token").table(Users::Table).col(UserCal::CalendarToken).unique().to_owned()).await?;
        m.create_table(
            Table::create()
                .table(Attendance::Table)
                .if_not_exists()
                .col(integer(Attendance::MeetingId))
                .col(integer(Attendance::UserId))
                .col(boolean(Attendance::Attended))
                .col(timestamp_with_time_zone(Attendance::RecordedAt))
                .primary_key(Index::create().col(Attendance::MeetingId).col(Attendance::UserId))
                .foreign_key(ForeignKey::create().from(Attendance::Table, Attendance::MeetingId).to(Meetings::Table, Meetings::Id).on_delete(ForeignKeyAction::Cascade))
                .foreign_key(ForeignKey::create().from(Attendance::Table, Attendance::UserId).to(Users::Table, Users::Id).on_delete(ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(RoundTableUpdates::Table)
                .if_not_exists()
                .col(pk_auto(RoundTableUpdates::Id))
                .col(integer(RoundTableUpdates::MeetingId))
                .col(integer(RoundTableUpdates::OrganisationId))
                .col(integer_null(RoundTableUpdates::AuthorId))
                .col(text(RoundTableUpdates::Body))
                .col(timestamp_with_time_zone(RoundTableUpdates::UpdatedAt))
                .foreign_key(
                    ForeignKey::create().from(RoundTableUpdates::Table, RoundTableUpdates::MeetingId).to(Meetings::Table, Meetings::Id).on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(RoundTableUpdates::Table, RoundTableUpdates::OrganisationId)
                        .to(Organisations::Table, Organisations::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(ForeignKey::create().from(RoundTableUpdates::Table, RoundTableUpdates::AuthorId).to(Users::Table, Users::Id).on_delete(ForeignKeyAction::SetNull))
                .to_owned(),
        )
        .await?;
        // One update per organisation and meeting.
        m.create_index(
            Index::create()
                .name("uq_round_table_meeting_org")
                .table(RoundTableUpdates::Table)
                .col(RoundTableUpdates::MeetingId)
                .col(RoundTableUpdates::OrganisationId)
                .unique()
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(RoundTableUpdates::Table).to_owned()).await?;
        m.drop_table(Table::drop().table(Attendance::Table).to_owned()).await?;
        m.drop_index(Index::drop().name("idx_meetings_published").table(Meetings::Table).to_owned()).await?;
        m.drop_index(Index::drop().name("uq_users_calendar_token").table(Users::Table).to_owned()).await?;
        m.alter_table(Table::alter().table(Meetings::Table).drop_column(MeetingReminder::PublishReminderSentAt).to_owned()).await?;
        for col in [UserCal::CalendarToken, UserCal::PreviousVisitAt, UserCal::LastVisitAt] {
            m.alter_table(Table::alter().table(Users::Table).drop_column(col).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum UserCal {
    CalendarToken,
    PreviousVisitAt,
    LastVisitAt,
}

#[derive(DeriveIden)]
enum MeetingReminder {
    PublishReminderSentAt,
    AgendaPublishedAt,
}

#[derive(DeriveIden)]
enum Attendance {
    Table,
    MeetingId,
    UserId,
    Attended,
    RecordedAt,
}

#[derive(DeriveIden)]
enum RoundTableUpdates {
    Table,
    Id,
    MeetingId,
    OrganisationId,
    AuthorId,
    Body,
    UpdatedAt,
}
