//! Personal data (GDPR): a person downloads everything the service holds about them as JSON; an
//! admin erases a person, which anonymises the account while meetings, actions, comments and
//! summaries stay whole (they now name "Tidigare användare").
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, JsonValue, QueryFilter, Set, Statement, TransactionTrait};
use serde_json::{json, Map};

use super::{audit, begin_write};
use crate::error::AppError;
use crate::ssr::policy::{authorize, Action, Actor, Scope};
use entity::{forum_membership, invitation, login_attempt, notification, notification_setting, outbox, password_reset, user};

pub const ERASED_NAME: &str = "Tidigare användare";
/// Erased accounts get an address under this reserved domain (RFC 2606), so they cannot receive mail.
pub const ERASED_DOMAIN: &str = "@anonymiserad.invalid";

/// (section of the download, statement with `{id}` for the person's id). Secrets (password hash,
/// feed and mail tokens) and file contents are left out; everything else about them is in.
const SECTIONS: [(&str, &str); 20] = [
    ("account", "SELECT u.id, u.email, u.name, u.title, u.language, u.is_admin, u.active, u.created_at, u.updated_at, u.previous_visit_at, u.last_visit_at, o.name AS organisation FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE u.id = {id}"),
    ("forum_roles", "SELECT f.name AS forum, m.role, m.created_at FROM forum_memberships m JOIN forums f ON f.id = m.forum_id WHERE m.user_id = {id} ORDER BY f.name"),
    ("comments", "SELECT * FROM comments WHERE author_id = {id} ORDER BY id"),
    ("action_notes", "SELECT * FROM action_notes WHERE author_id = {id} ORDER BY id"),
    ("action_changes", "SELECT * FROM action_changes WHERE author_id = {id} ORDER BY id"),
    ("actions_owned_or_created", "SELECT a.*, f.name AS forum FROM actions a JOIN forums f ON f.id = a.forum_id WHERE a.owner_user_id = {id} OR a.created_by = {id} ORDER BY a.id"),
    ("action_participation", "SELECT * FROM action_participants WHERE user_id = {id} ORDER BY id"),
    ("agenda_additions", "SELECT * FROM agenda_additions WHERE proposer_id = {id} ORDER BY id"),
    ("round_table_updates", "SELECT * FROM round_table_updates WHERE author_id = {id} ORDER BY id"),
    ("attendance", "SELECT * FROM attendance WHERE user_id = {id} ORDER BY meeting_id"),
    ("materials_uploaded", "SELECT * FROM materials WHERE uploaded_by = {id} ORDER BY id"),
    ("summary_revisions", "SELECT * FROM summary_revisions WHERE author_id = {id} ORDER BY id"),
    ("summary_reviews", "SELECT * FROM summary_reviewers WHERE user_id = {id} ORDER BY id"),
    ("survey_invitations", "SELECT * FROM survey_invitations WHERE user_id = {id} ORDER BY id"),
    ("survey_answers", "SELECT r.survey_id, r.id AS response_id, a.question_id, a.value, a.text_value FROM survey_responses r JOIN survey_answers a ON a.response_id = r.id WHERE r.user_id = {id} ORDER BY a.id"),
    ("consultation_answers_edited", "SELECT * FROM consultation_responses WHERE updated_by = {id} OR submitted_by = {id} ORDER BY id"),
    ("notification_settings", "SELECT * FROM notification_settings WHERE user_id = {id} ORDER BY id"),
    ("notifications", "SELECT * FROM notifications WHERE user_id = {id} ORDER BY id"),
    ("audit_events", "SELECT id, at, action, target, detail, ip FROM audit_events WHERE actor_id = {id} ORDER BY id"),
    ("sign_in_attempts", "SELECT a.created_at, a.ip, a.success FROM login_attempts a JOIN users u ON u.email = a.email WHERE u.id = {id} ORDER BY a.id"),
];

/// Everything about the acting person, one section per kind of record.
pub async fn export(db: &impl ConnectionTrait, actor: &Actor) -> Result<serde_json::Value, AppError> {
    authorize(actor, Action::ViewOwnAccount, &Scope::Global)?;
    let id = actor.user_id().ok_or(AppError::Unauthenticated)?;
    let backend = db.get_database_backend();
    let mut out = Map::new();
    out.insert("exported_at".into(), json!(chrono::Utc::now().to_rfc3339()));
    for (name, sql) in SECTIONS {
        // The id is the signed-in person's, an integer from the database.
        let rows = JsonValue::find_by_statement(Statement::from_string(backend, sql.replace("{id}", &id.to_string()))).all(db).await?;
        out.insert(name.into(), if name == "account" { rows.into_iter().next().unwrap_or_default() } else { json!(rows) });
    }
    Ok(serde_json::Value::Object(out))
}

/// Anonymise a person: name and address gone, no sign-in, no roles, no mail, no tokens; what they
/// wrote stays where it was, under "Tidigare användare". The audit log records the erasure by id.
pub async fn erase<C: ConnectionTrait + TransactionTrait>(db: &C, actor: &Actor, user_id: i32) -> Result<(), AppError> {
    authorize(actor, Action::ErasePerson, &Scope::User(user_id))?;
    if actor.user_id() == Some(user_id) {
        return Err(AppError::form(crate::i18n::K::ErrCannotEraseSelf));
    }
    let txn = begin_write(db).await?;
    let u = user::Entity::find_by_id(user_id).one(&txn).await?.ok_or(AppError::NotFound)?;
    let erased_email = format!("tidigare-{}{ERASED_DOMAIN}", u.id);
    user::ActiveModel {
        id: Set(u.id),
        email: Set(erased_email.clone()),
        name: Set(ERASED_NAME.into()),
        title: Set(None),
        is_admin: Set(false),
        active: Set(false),
        password_hash: Set(None),
        session_epoch: Set(u.session_epoch + 1),
        calendar_token: Set(None),
        mail_token: Set(None),
        previous_visit_at: Set(None),
        last_visit_at: Set(None),
        updated_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    forum_membership::Entity::delete_many().filter(forum_membership::Column::UserId.eq(u.id)).exec(&txn).await?;
    invitation::Entity::delete_many().filter(invitation::Column::UserId.eq(u.id)).exec(&txn).await?;
    password_reset::Entity::delete_many().filter(password_reset::Column::UserId.eq(u.id)).exec(&txn).await?;
    notification_setting::Entity::delete_many().filter(notification_setting::Column::UserId.eq(u.id)).exec(&txn).await?;
    notification::Entity::delete_many().filter(notification::Column::UserId.eq(u.id)).exec(&txn).await?;
    login_attempt::Entity::delete_many().filter(login_attempt::Column::Email.eq(&u.email)).exec(&txn).await?;
    outbox::Entity::delete_many().filter(outbox::Column::ToAddress.eq(&u.email)).exec(&txn).await?;
    // The audit log is append-only evidence (a trigger refuses changes): its earlier lines keep
    // naming the person until disposed of by records decision (docs/operations.md); this erasure is added.
    audit::record(&txn, actor, "user.erased", &format!("user:{}", u.id), "").await?;
    txn.commit().await?;
    Ok(())
}
