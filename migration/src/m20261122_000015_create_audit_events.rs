use sea_orm_migration::{prelude::*, schema::*};
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};

/// The audit log: who did what, when, from which address. Append-only, enforced by triggers.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(AuditEvents::Table)
                .if_not_exists()
                .col(pk_auto(AuditEvents::Id))
                .col(timestamp_with_time_zone(AuditEvents::At))
                .col(integer_null(AuditEvents::ActorId))
                .col(string(AuditEvents::ActorLabel))
                .col(string(AuditEvents::Action))
                .col(string(AuditEvents::Target))
                .col(text(AuditEvents::Detail))
                .col(string(AuditEvents::Ip))
                .foreign_key(ForeignKey::create().from(AuditEvents::Table, AuditEvents::ActorId).to(Users::Table, Users::Id).on_delete(ForeignKeyAction::SetNull))
                .to_owned(),
        )
        .await?;
        for (name, col) in [("idx_audit_at", AuditEvents::At), ("idx_audit_action", AuditEvents::Action), ("idx_audit_actor", AuditEvents::ActorId)] {
            m.create_index(Index::create().name(name).table(AuditEvents::Table).col(col).to_owned()).await?;
        }
        let db = m.get_connection();
        match db.get_database_backend() {
            DatabaseBackend::Sqlite => {
                for op in ["UPDATE", "DELETE"] {
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER audit_events_no_{o} BEFORE {op} ON audit_events BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;",
                        o = op.to_lowercase()
                    ))
                    .await?;
                }
            }
            DatabaseBackend::Postgres => {
                db.execute_unprepared(
                    "CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ \
                     BEGIN RAISE EXCEPTION 'audit_events is append-only'; END; $$;",
                )
                .await?;
                db.execute_unprepared(
                    "CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events \
                     FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();",
                )
                .await?;
            }
            DatabaseBackend::MySql => {}
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(AuditEvents::Table).to_owned()).await?;
        if m.get_database_backend() == DatabaseBackend::Postgres {
            m.get_connection().execute_unprepared("DROP FUNCTION IF EXISTS audit_events_append_only();").await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum AuditEvents {
    Table,
    Id,
    At,
    ActorId,
    ActorLabel,
    Action,
    Target,
    Detail,
    Ip,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}
