//! Services: plain async functions over a connection and the acting user. Each calls the policy first.
pub mod accounts;
pub mod actions;
pub mod additions;
pub mod agenda;
pub mod audit;
pub mod backup;
pub mod benchdata;
pub mod bundle;
pub mod auth;
pub mod calendar;
pub mod comments;
pub mod consultations;
pub mod escalation;
pub mod feeds;
pub mod forums;
pub mod materials;
pub mod meetings;
pub mod notify;
pub mod organisations;
pub mod participation;
pub mod personal_data;
pub mod reminders;
pub mod search;
pub mod seed;
pub mod side;
pub mod summaries;
pub mod surveys;

/// Rows per page in administrative lists.
pub const PAGE_SIZE: u64 = 25;

/// Begin a transaction that is going to write. On SQLite it takes the write lock at once (what
/// BEGIN IMMEDIATE does, which sea-orm cannot issue): a deferred transaction that reads first and
/// writes later gets "database is locked" at once, without waiting, when another writer got in
/// between. The statement changes nothing; any write statement takes the lock.
pub async fn begin_write<C: sea_orm::ConnectionTrait + sea_orm::TransactionTrait>(db: &C) -> Result<sea_orm::DatabaseTransaction, sea_orm::DbErr> {
    use sea_orm::ConnectionTrait;
    let txn = db.begin().await?;
    if txn.get_database_backend() == sea_orm::DbBackend::Sqlite {
        txn.execute_unprepared("UPDATE seaql_migrations SET version = version WHERE 0").await?;
    }
    Ok(txn)
}
