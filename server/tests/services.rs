//! Service tests on a real, migrated database (SQLite; PostgreSQL when SAMVERKAN_TEST_DATABASE_URL is set).
mod common;

use app::error::AppError;
use app::i18n::K;
use app::ssr::policy::Actor;
use app::ssr::services::{accounts, auth, organisations};
use common::*;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

const BASE: &str = "http://samverkan.test";

async fn actor(db: &sea_orm::DatabaseConnection, email: &str) -> Actor {
    let u = entity::user::Entity::find().filter(entity::user::Column::Email.eq(email)).one(db).await.unwrap().unwrap();
    auth::load_actor(db, u.id, u.session_epoch).await.unwrap().expect("active user")
}

async fn forum_id(db: &sea_orm::DatabaseConnection, slug: &str) -> i32 {
    entity::forum::Entity::find().filter(entity::forum::Column::Slug.eq(slug)).one(db).await.unwrap().unwrap().id
}

/// The SQLite settings are per connection: each pooled connection must carry them (the heap limit
/// is the process's: set once, every connection has it), and a writing
/// transaction holds the write lock from its start, so a second writer waits instead of failing.
#[tokio::test]
async fn every_sqlite_connection_waits_for_the_lock_and_checks_foreign_keys() {
    use sea_orm::{ConnectionTrait, DbBackend, Statement, TransactionTrait};
    let t = test_db().await;
    if t.db.get_database_backend() != DbBackend::Sqlite {
        return;
    }
    server::limit_sqlite_heap(&t.db).await.unwrap();
    let mut held = Vec::new();
    for _ in 0..4 {
        held.push(t.db.begin().await.unwrap());
    }
    for txn in &held {
        let row = |sql: &str| Statement::from_string(DbBackend::Sqlite, sql.to_string());
        let fk: i32 = txn.query_one(row("PRAGMA foreign_keys")).await.unwrap().unwrap().try_get_by_index(0).unwrap();
        let timeout: i32 = txn.query_one(row("PRAGMA busy_timeout")).await.unwrap().unwrap().try_get_by_index(0).unwrap();
        let sync: i32 = txn.query_one(row("PRAGMA synchronous")).await.unwrap().unwrap().try_get_by_index(0).unwrap();
        let heap: i64 = txn.query_one(row("PRAGMA soft_heap_limit")).await.unwrap().unwrap().try_get_by_index(0).unwrap();
        assert_eq!((fk, timeout, sync), (1, 5000, 1), "foreign keys on, 5 s busy timeout, synchronous NORMAL");
        assert_eq!(heap, 16 << 20, "page caches stop growing near 16 MiB of SQLite heap, on every connection");
    }
    // Built from .cargo/config.toml: each connection's page cache has its own lock.
    let options = t.db.query_all(Statement::from_string(DbBackend::Sqlite, "PRAGMA compile_options")).await.unwrap();
    let options: Vec<String> = options.iter().map(|r| r.try_get_by_index(0).unwrap()).collect();
    assert!(options.iter().any(|o| o == "ENABLE_FTS5"), "{options:?}");
    assert!(!options.iter().any(|o| o == "ENABLE_MEMORY_MANAGEMENT"), "one page-cache lock for all connections: {options:?}");
    drop(held);
    // Two writers that read before they write: the second waits for the first and both succeed.
    let write = |n: i32| {
        let db = t.db.clone();
        async move {
            let txn = app::ssr::services::begin_write(&db).await?;
            let found = entity::organisation::Entity::find().all(&txn).await?.len();
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            use sea_orm::{ActiveModelTrait, Set};
            entity::organisation::ActiveModel { name: Set(format!("Org {n}")), short_name: Set(String::new()), kind: Set("agency".into()), created_at: Set(chrono::Utc::now().into()), ..Default::default() }.insert(&txn).await?;
            txn.commit().await?;
            Ok::<usize, sea_orm::DbErr>(found)
        }
    };
    let (a, b) = tokio::join!(write(1), write(2));
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.max(b), a.min(b) + 1, "the second writer saw the first one's row");
}

#[tokio::test]
async fn seeding_twice_changes_nothing() {
    let t = seeded().await;
    let before = entity::user::Entity::find().all(&t.db).await.unwrap().len();
    app::ssr::services::seed::seed_demo(&t.db, PASSWORD).await.unwrap();
    assert_eq!(entity::user::Entity::find().all(&t.db).await.unwrap().len(), before);
    assert_eq!(entity::forum_membership::Entity::find().all(&t.db).await.unwrap().len(), 7);
    assert_eq!(entity::meeting::Entity::find().all(&t.db).await.unwrap().len(), 24, "meetings are not duplicated either");
}

#[tokio::test]
async fn invitation_validation_names_each_field_and_keeps_the_input() {
    let t = seeded().await;
    let admin = actor(&t.db, "admin@samverkan.test").await;
    let input = accounts::InviteInput { email: "inte-en-adress".into(), name: " ".into(), organisation_id: "".into(), ..Default::default() };
    let err = accounts::invite(&t.db, &admin, "http://x", input).await.unwrap_err();
    let f = err.form_errors().expect("field errors");
    assert_eq!(f.field("email"), Some(K::ErrEmail));
    assert_eq!(f.field("name"), Some(K::ErrRequired));
    assert_eq!(f.field("organisation_id"), Some(K::ErrChoose));
    assert_eq!(f.value("email").as_deref(), Some("inte-en-adress"));
    let dup = accounts::InviteInput {
        email: "Region.Skane@Samverkan.test".into(),
        name: "Dubblett".into(),
        organisation_id: "1".into(),
        ..Default::default()
    };
    let err = accounts::invite(&t.db, &admin, "http://x", dup).await.unwrap_err();
    assert_eq!(err.form_errors().unwrap().field("email"), Some(K::ErrEmailTaken), "e-mail is unique whatever the case");
}

#[tokio::test]
async fn secretariat_invites_only_to_its_own_forums_and_never_admins() {
    let t = seeded().await;
    let sec = actor(&t.db, "sekretariat@samverkan.test").await;
    let aktorsrad = forum_id(&t.db, "aktorsrad-vard").await;
    let ok = accounts::InviteInput {
        email: "anna.k@regionhalland.se".into(),
        name: "Anna Karlsson".into(),
        organisation_id: "1".into(),
        forum_id: aktorsrad.to_string(),
        role: "member".into(),
        ..Default::default()
    };
    let (uid, link) = accounts::invite(&t.db, &sec, "http://x", ok.clone()).await.unwrap();
    assert!(link.starts_with("http://x/invite/"));
    let m = entity::forum_membership::Entity::find().filter(entity::forum_membership::Column::UserId.eq(uid)).one(&t.db).await.unwrap().unwrap();
    assert_eq!((m.forum_id, m.role.as_str()), (aktorsrad, "member"));
    let as_admin = accounts::InviteInput { email: "b@example.se".into(), make_admin: true, ..ok.clone() };
    assert_eq!(accounts::invite(&t.db, &sec, "http://x", as_admin).await.unwrap_err(), AppError::Forbidden);
    let no_forum = accounts::InviteInput { email: "c@example.se".into(), forum_id: String::new(), ..ok };
    assert_eq!(accounts::invite(&t.db, &sec, "http://x", no_forum).await.unwrap_err(), AppError::Forbidden);
    let member = actor(&t.db, "region.skane@samverkan.test").await;
    let by_member = accounts::InviteInput { email: "d@example.se".into(), name: "D".into(), organisation_id: "1".into(), forum_id: aktorsrad.to_string(), role: "member".into(), ..Default::default() };
    assert_eq!(accounts::invite(&t.db, &member, "http://x", by_member).await.unwrap_err(), AppError::Forbidden);
}

#[tokio::test]
async fn revoked_and_resent_invitations() {
    let t = seeded().await;
    let admin = actor(&t.db, "admin@samverkan.test").await;
    let input = accounts::InviteInput { email: "e@example.se".into(), name: "Erik".into(), organisation_id: "1".into(), ..Default::default() };
    let (uid, link) = accounts::invite(&t.db, &admin, "http://x", input).await.unwrap();
    let token = link.rsplit('/').next().unwrap().to_string();
    accounts::revoke_invitation(&t.db, &admin, uid).await.unwrap();
    let pw = "Sörmlandsleden-vandring-2026";
    assert!(auth::accept_invitation(&t.db, &token, pw, pw).await.is_err(), "a revoked link is dead");
    let new_link = accounts::resend_invitation(&t.db, &admin, "http://x", uid).await.unwrap();
    assert_ne!(new_link, link);
    let new_token = new_link.rsplit('/').next().unwrap();
    auth::accept_invitation(&t.db, new_token, pw, pw).await.unwrap();
    let u = auth::login(&t.db, "e@example.se", pw, "10.0.0.1").await.unwrap();
    assert_eq!(u.id, uid);
}

#[tokio::test]
async fn user_list_pages_and_searches_without_growing_queries() {
    let t = seeded().await;
    let admin = actor(&t.db, "admin@samverkan.test").await;
    let seeded_users = entity::user::Entity::find().all(&t.db).await.unwrap().len() as u64;
    for i in 0..30 {
        let input = accounts::InviteInput { email: format!("p{i:02}@example.se"), name: format!("Person {i:02}"), organisation_id: "1".into(), ..Default::default() };
        accounts::invite(&t.db, &admin, "http://x", input).await.unwrap();
    }
    let p0 = accounts::list_users(&t.db, &admin, "", 0).await.unwrap();
    let total = seeded_users + 30;
    assert_eq!(p0.total, total);
    assert_eq!(p0.pages, total.div_ceil(25));
    assert_eq!(p0.rows.len(), 25);
    let p1 = accounts::list_users(&t.db, &admin, "", 1).await.unwrap();
    assert_eq!(p1.rows.len() as u64, (total - 25).min(25));
    let found = accounts::list_users(&t.db, &admin, "SKÅNE", 0).await.unwrap();
    assert_eq!(found.rows.len(), 1, "search is case-insensitive and covers organisations");
    assert_eq!(found.rows[0].email, "region.skane@samverkan.test");
    assert_eq!(found.rows[0].roles.len(), 2);
    let invited = accounts::list_users(&t.db, &admin, "p07@", 0).await.unwrap();
    assert_eq!(invited.rows[0].status, app::admin::dto::UserStatus::Invited);
}

#[tokio::test]
async fn forum_roles_change_only_where_the_secretariat_sits() {
    let t = seeded().await;
    let sec = actor(&t.db, "sekretariat@samverkan.test").await;
    let apotek = actor(&t.db, "apotek@samverkan.test").await;
    let uid = apotek.user_id().unwrap();
    let aktorsrad = forum_id(&t.db, "aktorsrad-vard").await;
    accounts::set_forum_role(&t.db, &sec, uid, aktorsrad, "coordinator").await.unwrap();
    assert_eq!(actor(&t.db, "apotek@samverkan.test").await.role_in(aktorsrad), Some(app::ssr::policy::ForumRole::Coordinator));
    accounts::set_forum_role(&t.db, &sec, uid, aktorsrad, "").await.unwrap();
    assert_eq!(actor(&t.db, "apotek@samverkan.test").await.role_in(aktorsrad), None);
    assert_eq!(accounts::set_forum_role(&t.db, &apotek, uid, aktorsrad, "secretariat").await.unwrap_err(), AppError::Forbidden);
}

#[tokio::test]
async fn password_change_ends_other_sessions() {
    let t = seeded().await;
    let me = actor(&t.db, "region.skane@samverkan.test").await;
    let u = entity::user::Entity::find_by_id(me.user_id().unwrap()).one(&t.db).await.unwrap().unwrap();
    let wrong = accounts::change_password(&t.db, &me, "fel", "Österlen-äppelblom-2026", "Österlen-äppelblom-2026").await.unwrap_err();
    assert_eq!(wrong.form_errors().unwrap().field("current"), Some(K::ErrCurrentPassword));
    let epoch = accounts::change_password(&t.db, &me, PASSWORD, "Österlen-äppelblom-2026", "Österlen-äppelblom-2026").await.unwrap();
    assert_eq!(epoch, u.session_epoch + 1);
    assert!(auth::load_actor(&t.db, u.id, u.session_epoch).await.unwrap().is_none(), "old sessions are dead");
    assert!(auth::load_actor(&t.db, u.id, epoch).await.unwrap().is_some());
}

#[tokio::test]
async fn failed_logins_are_limited_per_address() {
    let t = seeded().await;
    for i in 0..auth::MAX_FAILURES_PER_IP {
        let _ = auth::login(&t.db, &format!("nobody{i}@example.se"), "fel-lösenord", "192.0.2.7").await;
    }
    assert_eq!(auth::login(&t.db, "admin@samverkan.test", PASSWORD, "192.0.2.7").await.unwrap_err(), AppError::RateLimited);
    assert!(auth::login(&t.db, "admin@samverkan.test", PASSWORD, "192.0.2.8").await.is_ok());
}

#[tokio::test]
async fn organisations_are_unique_by_name() {
    let t = seeded().await;
    let admin = actor(&t.db, "admin@samverkan.test").await;
    let err = organisations::save(&t.db, &admin, None, "Region Skåne", "RS", "region").await.unwrap_err();
    assert_eq!(err.form_errors().unwrap().field("name"), Some(K::ErrOrgNameTaken));
    let id = organisations::save(&t.db, &admin, None, "Region Gotland", "Gotland", "region").await.unwrap();
    organisations::save(&t.db, &admin, Some(id), "Region Gotland", "RG", "region").await.unwrap();
    let list = organisations::list(&t.db, &admin).await.unwrap();
    assert!(list.rows.iter().any(|o| o.short_name == "RG"));
    let skane = list.rows.iter().find(|o| o.name == "Region Skåne").unwrap();
    assert_eq!(skane.user_count, 1);
}

#[tokio::test]
async fn outbox_sends_each_mail_once_even_with_two_workers() {
    let t = seeded().await;
    for i in 0..15 {
        app::ssr::services::auth::request_reset(&t.db, "http://x", if i % 2 == 0 { "apotek@samverkan.test" } else { "admin@samverkan.test" })
            .await
            .unwrap();
    }
    let (mailer, sent) = app::ssr::mail::Mailer::memory();
    let (a, b) = tokio::join!(app::ssr::mail::process_due(&t.db, &mailer), app::ssr::mail::process_due(&t.db, &mailer));
    assert_eq!(a.unwrap() + b.unwrap(), 15);
    assert_eq!(sent.lock().unwrap().len(), 15);
    assert_eq!(app::ssr::mail::process_due(&t.db, &mailer).await.unwrap(), 0, "nothing is sent twice");
}

#[tokio::test]
async fn an_invitation_link_expires_after_seven_days() {
    use sea_orm::{ActiveModelTrait, Set};
    let t = seeded().await;
    let admin = actor(&t.db, "admin@samverkan.test").await;
    let input = accounts::InviteInput { email: "f@example.se".into(), name: "Frida".into(), organisation_id: "1".into(), ..Default::default() };
    let (uid, link) = accounts::invite(&t.db, &admin, "http://x", input).await.unwrap();
    let inv = entity::invitation::Entity::find().filter(entity::invitation::Column::UserId.eq(uid)).one(&t.db).await.unwrap().unwrap();
    let days = (inv.expires_at - inv.created_at).num_days();
    assert_eq!(days, auth::INVITE_DAYS);
    entity::invitation::ActiveModel { id: Set(inv.id), expires_at: Set(chrono::Utc::now() - chrono::Duration::minutes(1)), ..Default::default() }
        .update(&t.db)
        .await
        .unwrap();
    let token = link.rsplit('/').next().unwrap();
    let pw = "Vätternrundan-cykel-2026";
    assert_eq!(auth::accept_invitation(&t.db, token, pw, pw).await.unwrap_err(), AppError::form(K::TokenInvalid));
    let list = accounts::list_users(&t.db, &admin, "f@example.se", 0).await.unwrap();
    assert_eq!(list.rows[0].status, app::admin::dto::UserStatus::InviteExpired);
}

#[tokio::test]
async fn a_failing_transport_leaves_the_mail_queued_with_back_off() {
    let t = seeded().await;
    auth::request_reset(&t.db, "http://x", "apotek@samverkan.test").await.unwrap();
    // A file where the mail directory should be: every send fails.
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("not-a-dir");
    std::fs::write(&blocker, b"x").unwrap();
    let broken = app::ssr::mail::Mailer::new("Samverkan <noreply@samverkan.test>", None, blocker).unwrap();
    assert_eq!(app::ssr::mail::process_due(&t.db, &broken).await.unwrap(), 0);
    let m = entity::outbox::Entity::find().one(&t.db).await.unwrap().unwrap();
    assert_eq!((m.status.as_str(), m.attempts), ("pending", 1));
    assert!(m.last_error.is_some());
    assert!(m.next_attempt_at > chrono::Utc::now() + chrono::Duration::seconds(20), "retried later, not at once");
    // Not due yet: a working transport does not send it before its time.
    let (ok, sent) = app::ssr::mail::Mailer::memory();
    assert_eq!(app::ssr::mail::process_due(&t.db, &ok).await.unwrap(), 0);
    assert!(sent.lock().unwrap().is_empty());
}

#[tokio::test]
async fn administrator_role_can_be_granted_and_taken_away_by_an_admin_only() {
    let t = seeded().await;
    let admin = actor(&t.db, "admin@samverkan.test").await;
    let sec = actor(&t.db, "sekretariat@samverkan.test").await;
    let uid = sec.user_id().unwrap();
    assert_eq!(accounts::set_admin(&t.db, &sec, uid, true).await.unwrap_err(), AppError::Forbidden);
    accounts::set_admin(&t.db, &admin, uid, true).await.unwrap();
    assert!(actor(&t.db, "sekretariat@samverkan.test").await.is_admin());
    accounts::set_admin(&t.db, &admin, uid, false).await.unwrap();
    assert!(!actor(&t.db, "sekretariat@samverkan.test").await.is_admin());
    assert!(accounts::set_admin(&t.db, &admin, admin.user_id().unwrap(), false).await.is_err(), "no admin removes their own role");
}

mod forums {
    use super::*;
    use app::ssr::services::forums::{self, ForumInput};

    fn input(name: &str, level: &str) -> ForumInput {
        ForumInput { name: name.into(), level: level.into(), visibility: "members".into(), ..Default::default() }
    }

    #[tokio::test]
    async fn members_only_forums_are_hidden_from_members_of_other_forums() {
        let t = seeded().await;
        let apotek = actor(&t.db, "apotek@samverkan.test").await; // member of the strategic forum only
        assert_eq!(forums::detail(&t.db, &apotek, "aktorsrad-vard").await.unwrap_err(), AppError::Forbidden);
        assert_eq!(forums::detail(&t.db, &Actor::anonymous(), "aktorsrad-vard").await.unwrap_err(), AppError::Unauthenticated);
        let own = forums::detail(&t.db, &apotek, "strategiskt-samverkansforum").await.unwrap();
        assert!(own.children.is_empty() || own.children.iter().all(|(_, s)| s != "aktorsrad-vard"), "hidden child forums are not listed");
        assert!(own.edit.is_none() && !own.can_manage);
        // Who may see them gets the forum's parent and children (read with the forum itself).
        let admin = actor(&t.db, "admin@samverkan.test").await;
        let tactical = forums::detail(&t.db, &admin, "aktorsrad-vard").await.unwrap();
        assert_eq!(tactical.parent.as_ref().map(|(_, s)| s.as_str()), Some("strategiskt-samverkansforum"));
        assert!(tactical.children.iter().any(|(_, s)| s == "referensgrupp-doseringsanvandning"));
        let top = forums::detail(&t.db, &admin, "strategiskt-samverkansforum").await.unwrap();
        assert!(top.parent.is_none() && top.children.iter().any(|(_, s)| s == "aktorsrad-vard"));
        assert!(top.children.iter().all(|(_, s)| s != "strategiskt-samverkansforum"));
        // Public forums are open to anyone.
        let public = forums::detail(&t.db, &Actor::anonymous(), "dialogmote-testbevis").await.unwrap();
        assert!(public.public);
        let tree = forums::structure(&t.db, &Actor::anonymous()).await.unwrap();
        let names: Vec<_> = tree.roots.iter().map(|n| n.slug.clone()).collect();
        assert!(names.contains(&"dialogmote-testbevis".to_string()));
        assert!(!names.contains(&"strategiskt-samverkansforum".to_string()));
    }

    #[tokio::test]
    async fn the_structure_is_a_tree_with_the_strategic_forum_on_top() {
        let t = seeded().await;
        let admin = actor(&t.db, "admin@samverkan.test").await;
        let tree = forums::structure(&t.db, &admin).await.unwrap();
        assert_eq!(tree.roots[0].slug, "strategiskt-samverkansforum");
        let aktorsrad = tree.roots[0].children.iter().find(|c| c.slug == "aktorsrad-vard").expect("tactical forum under the strategic one");
        assert!(aktorsrad.children.iter().any(|c| c.slug == "referensgrupp-doseringsanvandning"));
        assert!(tree.can_create);
    }

    #[tokio::test]
    async fn forum_page_shows_purpose_safely_and_representatives_by_organisation() {
        let t = seeded().await;
        let sec = actor(&t.db, "sekretariat@samverkan.test").await;
        let f = forums::detail(&t.db, &sec, "aktorsrad-vard").await.unwrap();
        assert!(f.purpose_html.contains("<strong>Aktörsråd vård</strong>"));
        assert!(f.organisations.iter().any(|o| o.name == "Region Skåne"));
        let skane = f.representatives.iter().find(|g| g.organisation == "Region Skåne").unwrap();
        assert_eq!(skane.people[0].name, "Sara Nyström");
        assert!(f.can_manage && f.edit.is_some());
        // The edit form offers every other organisation and every other forum, by name.
        let form = f.edit.as_ref().unwrap();
        let all_orgs = entity::organisation::Entity::find().all(&t.db).await.unwrap();
        let (ids, others): (Vec<i32>, Vec<i32>) = (f.organisations.iter().map(|o| o.id).collect(), form.other_organisations.iter().map(|o| o.id).collect());
        assert!(!ids.is_empty() && !others.is_empty() && ids.iter().all(|i| !others.contains(i)), "members are not offered again");
        assert_eq!(ids.len() + others.len(), all_orgs.len(), "every other organisation is offered");
        let names = |v: &[app::admin::dto::Choice]| v.iter().map(|c| c.name.clone()).collect::<Vec<_>>();
        for list in [names(&f.organisations), names(&form.other_organisations), names(&form.parents)] {
            assert!(list.windows(2).all(|w| w[0] <= w[1]), "sorted by name: {list:?}");
        }
        let forums_n = entity::forum::Entity::find().all(&t.db).await.unwrap().len();
        assert!(form.parents.iter().all(|p| p.id != f.id) && form.parents.len() == forums_n - 1, "every forum but this one can be its parent");
        let mut edit = input("Aktörsråd vård", "tactical");
        edit.purpose = "<script>alert(1)</script>\n\n**Nytt syfte** [x](javascript:alert(1))".into();
        forums::save(&t.db, &sec, Some(f.id), edit).await.unwrap();
        let again = forums::detail(&t.db, &sec, "aktorsrad-vard").await.unwrap();
        assert!(again.purpose_html.contains("<strong>Nytt syfte</strong>"));
        assert!(!again.purpose_html.contains("<script") && !again.purpose_html.contains("javascript:"));
    }

    #[tokio::test]
    async fn creating_forums_validates_and_makes_the_secretariat_its_secretariat() {
        let t = seeded().await;
        let sec = actor(&t.db, "sekretariat@samverkan.test").await;
        let member = actor(&t.db, "region.skane@samverkan.test").await;
        assert_eq!(forums::save(&t.db, &member, None, input("Nytt forum", "tactical")).await.unwrap_err(), AppError::Forbidden);
        let bad = ForumInput { name: "".into(), level: "galaxy".into(), slug: "Fel Slug!".into(), publish_days_before: "99".into(), contact_email: "nope".into(), ..Default::default() };
        let err = forums::save(&t.db, &sec, None, bad).await.unwrap_err();
        let f = err.form_errors().unwrap();
        for (field, k) in [("name", K::ErrRequired), ("level", K::ErrChoose), ("slug", K::ErrSlug), ("publish_days_before", K::ErrDays), ("contact_email", K::ErrEmail)] {
            assert_eq!(f.field(field), Some(k), "{field}");
        }
        assert_eq!(f.value("slug").as_deref(), Some("Fel Slug!"), "typed input comes back");
        let taken = ForumInput { slug: "aktorsrad-vard".into(), ..input("Kopia", "tactical") };
        assert_eq!(forums::save(&t.db, &sec, None, taken).await.unwrap_err().form_errors().unwrap().field("slug"), Some(K::ErrSlugTaken));
        let slug = forums::save(&t.db, &sec, None, input("Taktiskt forum för regulatoriska frågor", "tactical")).await.unwrap();
        assert_eq!(slug, "taktiskt-forum-for-regulatoriska-fragor");
        let created = forums::find_by_slug(&t.db, &slug).await.unwrap();
        assert_eq!(actor(&t.db, "sekretariat@samverkan.test").await.role_in(created.id), Some(app::ssr::policy::ForumRole::Secretariat));
    }

    #[tokio::test]
    async fn a_forum_cannot_report_to_itself_or_below_itself() {
        let t = seeded().await;
        let admin = actor(&t.db, "admin@samverkan.test").await;
        let strategic = forums::find_by_slug(&t.db, "strategiskt-samverkansforum").await.unwrap();
        let reference = forums::find_by_slug(&t.db, "referensgrupp-doseringsanvandning").await.unwrap();
        let loop_input = ForumInput { parent_id: reference.id.to_string(), ..input(&strategic.name, "strategic") };
        let err = forums::save(&t.db, &admin, Some(strategic.id), loop_input).await.unwrap_err();
        assert_eq!(err.form_errors().unwrap().field("parent_id"), Some(K::ErrParentCycle));
        let self_input = ForumInput { parent_id: strategic.id.to_string(), ..input(&strategic.name, "strategic") };
        assert!(forums::save(&t.db, &admin, Some(strategic.id), self_input).await.is_err());
    }

    #[tokio::test]
    async fn member_organisations_are_managed_by_the_forums_secretariat() {
        let t = seeded().await;
        let sec = actor(&t.db, "sekretariat@samverkan.test").await;
        let member = actor(&t.db, "region.skane@samverkan.test").await;
        let f = forums::find_by_slug(&t.db, "aktorsrad-vard").await.unwrap();
        let gotland = app::ssr::services::organisations::save_unchecked(&t.db, None, "Region Gotland", "Gotland", "region").await.unwrap();
        assert_eq!(forums::set_organisation(&t.db, &member, f.id, gotland, true).await.unwrap_err(), AppError::Forbidden);
        forums::set_organisation(&t.db, &sec, f.id, gotland, true).await.unwrap();
        forums::set_organisation(&t.db, &sec, f.id, gotland, true).await.unwrap();
        let d = forums::detail(&t.db, &sec, "aktorsrad-vard").await.unwrap();
        assert_eq!(d.organisations.iter().filter(|o| o.name == "Region Gotland").count(), 1, "adding twice keeps one");
        forums::set_organisation(&t.db, &sec, f.id, gotland, false).await.unwrap();
        let d = forums::detail(&t.db, &sec, "aktorsrad-vard").await.unwrap();
        assert!(!d.organisations.iter().any(|o| o.name == "Region Gotland"));
    }
}

mod meetings {
    use super::*;
    use app::ssr::services::meetings::{self, MeetingInput};

    fn input(date: &str, start: &str, end: &str) -> MeetingInput {
        MeetingInput { title: "Aktörsråd vård".into(), date: date.into(), start: start.into(), end: end.into(), ..Default::default() }
    }

    #[tokio::test]
    async fn the_secretariat_plans_meetings_in_stockholm_time() {
        let t = seeded().await;
        let sec = actor(&t.db, "sekretariat@samverkan.test").await;
        let id = meetings::create(&t.db, &sec, "aktorsrad-vard", input("2027-01-25", "13.00", "15.00")).await.unwrap();
        let m = entity::meeting::Entity::find_by_id(id).one(&t.db).await.unwrap().unwrap();
        assert_eq!(m.starts_at.to_rfc3339(), "2027-01-25T12:00:00+00:00", "winter: UTC+1");
        let d = meetings::detail(&t.db, &sec, id).await.unwrap();
        assert_eq!(d.starts.format("%H:%M").to_string(), "13:00");
        assert!(d.can_manage);
        // The forum page lists it among the upcoming meetings, soonest first.
        let f = app::ssr::services::forums::detail(&t.db, &sec, "aktorsrad-vard").await.unwrap();
        assert_eq!(f.upcoming.first().map(|m| m.title.as_str()), Some("Aktörsråd vård"));
        assert!(f.upcoming.windows(2).all(|w| w[0].starts <= w[1].starts));
        assert!(f.past.windows(2).all(|w| w[0].starts >= w[1].starts));
        assert!(f.past.iter().any(|m| m.starts.format("%Y-%m-%d").to_string() == "2023-01-23"));
    }

    #[tokio::test]
    async fn bad_meeting_input_is_explained_per_field() {
        let t = seeded().await;
        let sec = actor(&t.db, "sekretariat@samverkan.test").await;
        let err = meetings::create(&t.db, &sec, "aktorsrad-vard", MeetingInput { title: " ".into(), online_url: "http://x".into(), ..input("25/1", "25:00", "13:00") })
            .await
            .unwrap_err();
        let f = err.form_errors().unwrap();
        assert_eq!(f.field("title"), Some(K::ErrRequired));
        assert_eq!(f.field("date"), Some(K::ErrDate));
        assert_eq!(f.field("start"), Some(K::ErrTime));
        assert_eq!(f.field("online_url"), Some(K::ErrHttpsUrl));
        let backwards = meetings::create(&t.db, &sec, "aktorsrad-vard", input("2027-01-25", "15.00", "13.00")).await.unwrap_err();
        assert_eq!(backwards.form_errors().unwrap().field("end"), Some(K::ErrEndBeforeStart));
        let gap = meetings::create(&t.db, &sec, "aktorsrad-vard", input("2027-03-28", "02.30", "03.30")).await.unwrap_err();
        assert_eq!(gap.form_errors().unwrap().field("start"), Some(K::ErrTime), "02.30 does not exist on the spring change");
    }

    #[tokio::test]
    async fn only_the_forums_secretariat_plans_and_cancels_and_outsiders_see_nothing() {
        let t = seeded().await;
        let sec = actor(&t.db, "sekretariat@samverkan.test").await;
        let member = actor(&t.db, "region.skane@samverkan.test").await;
        let outsider = actor(&t.db, "apotek@samverkan.test").await; // not in Aktörsråd vård
        assert_eq!(meetings::create(&t.db, &member, "aktorsrad-vard", input("2027-01-25", "13.00", "15.00")).await.unwrap_err(), AppError::Forbidden);
        let id = meetings::create(&t.db, &sec, "aktorsrad-vard", input("2027-01-25", "13.00", "15.00")).await.unwrap();
        assert!(!meetings::detail(&t.db, &member, id).await.unwrap().can_manage);
        assert_eq!(meetings::detail(&t.db, &outsider, id).await.unwrap_err(), AppError::Forbidden);
        assert_eq!(meetings::detail(&t.db, &Actor::anonymous(), id).await.unwrap_err(), AppError::Unauthenticated);
        assert_eq!(meetings::cancel(&t.db, &member, BASE, id, "Krock").await.unwrap_err(), AppError::Forbidden);
        assert_eq!(meetings::cancel(&t.db, &sec, BASE, id, " ").await.unwrap_err().form_errors().unwrap().field("reason"), Some(K::ErrRequired));
        meetings::cancel(&t.db, &sec, BASE, id, "Krockar med servicefönstret").await.unwrap();
        let d = meetings::detail(&t.db, &member, id).await.unwrap();
        assert_eq!((d.status.as_str(), d.cancel_reason.as_deref()), ("cancelled", Some("Krockar med servicefönstret")));
    }

    #[tokio::test]
    async fn each_meeting_page_names_the_next_meeting_skipping_cancelled_ones() {
        let t = seeded().await;
        let sec = actor(&t.db, "sekretariat@samverkan.test").await;
        let a = meetings::create(&t.db, &sec, "aktorsrad-vard", input("2027-02-01", "13.00", "15.00")).await.unwrap();
        let b = meetings::create(&t.db, &sec, "aktorsrad-vard", input("2027-03-01", "13.00", "15.00")).await.unwrap();
        let c = meetings::create(&t.db, &sec, "aktorsrad-vard", input("2027-04-05", "13.00", "15.00")).await.unwrap();
        assert_eq!(meetings::detail(&t.db, &sec, a).await.unwrap().next.map(|n| n.id), Some(b));
        meetings::cancel(&t.db, &sec, BASE, b, "Flyttas").await.unwrap();
        assert_eq!(meetings::detail(&t.db, &sec, a).await.unwrap().next.map(|n| n.id), Some(c));
        assert!(meetings::detail(&t.db, &sec, c).await.unwrap().next.is_none());
    }
}

mod agendas {
    use super::*;
    use app::ssr::services::agenda::{self, ItemInput};
    use app::ssr::services::meetings::{self, MeetingInput};

    async fn new_meeting(t: &TestDb, sec: &Actor) -> i32 {
        let input = MeetingInput { title: "Aktörsråd vård".into(), date: "2027-01-25".into(), start: "13.00".into(), end: "15.00".into(), ..Default::default() };
        meetings::create(&t.db, sec, "aktorsrad-vard", input).await.unwrap()
    }

    fn item(title: &str, minutes: &str) -> ItemInput {
        ItemInput { title: title.into(), duration_minutes: minutes.into(), kind: "information".into(), ..Default::default() }
    }

    #[tokio::test]
    async fn a_draft_agenda_is_the_secretariats_until_published_and_then_everyone_is_mailed() {
        let t = seeded().await;
        let sec = actor(&t.db, "sekretariat@samverkan.test").await;
        let member = actor(&t.db, "region.skane@samverkan.test").await;
        let id = new_meeting(&t, &sec).await;
        assert_eq!(agenda::publish(&t.db, &sec, "http://x", id).await.unwrap_err(), AppError::form(K::ErrAgendaEmpty));
        agenda::add_item(&t.db, &sec, id, item("Samverkansstrukturen", "10")).await.unwrap();
        agenda::add_item(&t.db, &sec, id, item("Nationella läkemedelslistan", "30")).await.unwrap();
        let draft = meetings::detail(&t.db, &member, id).await.unwrap().agenda;
        assert!(!draft.visible && draft.items.is_empty(), "members see nothing of a draft");
        let own = meetings::detail(&t.db, &sec, id).await.unwrap().agenda;
        assert_eq!(own.items.len(), 2);
        assert_eq!((own.items[1].starts.to_string(), own.items[1].ends.to_string()), ("13:10:00".into(), "13:40:00".into()));
        assert_eq!(agenda::publish(&t.db, &member, "http://x", id).await.unwrap_err(), AppError::Forbidden);
        let queued = agenda::publish(&t.db, &sec, "http://x", id).await.unwrap();
        // Aktörsråd vård has three people with a role: secretariat, coordinator, member.
        assert_eq!(queued, 3);
        let mails = entity::outbox::Entity::find().all(&t.db).await.unwrap();
        let to_member = mails.iter().find(|m| m.to_address == "region.skane@samverkan.test").unwrap();
        assert!(to_member.subject.starts_with("Dagordning: Aktörsråd vård, 25 januari 2027 kl. 13.00"), "{}", to_member.subject);
        assert!(to_member.body_text.contains("13.10–13.40  Nationella läkemedelslistan"));
        assert!(to_member.body_text.contains(&format!("http://x/meetings/{id}")));
        let seen = meetings::detail(&t.db, &member, id).await.unwrap();
        assert!(seen.agenda.visible && seen.agenda.published.is_some());
        assert_eq!(seen.status, "agenda_published");
        assert!(agenda::publish(&t.db, &sec, "http://x", id).await.is_err(), "published once");
    }

    #[tokio::test]
    async fn items_move_up_and_down_and_changes_after_publication_are_marked() {
        let t = seeded().await;
        let sec = actor(&t.db, "sekretariat@samverkan.test").await;
        let id = new_meeting(&t, &sec).await;
        let a = agenda::add_item(&t.db, &sec, id, item("A", "10")).await.unwrap();
        let b = agenda::add_item(&t.db, &sec, id, item("B", "20")).await.unwrap();
        let c = agenda::add_item(&t.db, &sec, id, item("C", "5")).await.unwrap();
        agenda::move_item(&t.db, &sec, c, true).await.unwrap();
        agenda::move_item(&t.db, &sec, a, true).await.unwrap(); // already first: nothing happens
        let order: Vec<i32> = meetings::detail(&t.db, &sec, id).await.unwrap().agenda.items.iter().map(|i| i.id).collect();
        assert_eq!(order, vec![a, c, b]);
        agenda::publish(&t.db, &sec, "http://x", id).await.unwrap();
        assert!(meetings::detail(&t.db, &sec, id).await.unwrap().agenda.items.iter().all(|i| i.changed.is_none()));
        agenda::move_item(&t.db, &sec, b, true).await.unwrap();
        let items = meetings::detail(&t.db, &sec, id).await.unwrap().agenda.items;
        assert_eq!(items.iter().map(|i| i.id).collect::<Vec<_>>(), vec![a, b, c]);
        assert!(items[1].changed.is_some() && items[2].changed.is_some() && items[0].changed.is_none());
        let member = actor(&t.db, "region.skane@samverkan.test").await;
        assert_eq!(agenda::move_item(&t.db, &member, a, false).await.unwrap_err(), AppError::Forbidden);
        assert_eq!(agenda::delete_item(&t.db, &member, a).await.unwrap_err(), AppError::Forbidden);
        let bad = agenda::add_item(&t.db, &sec, id, ItemInput { kind: "party".into(), ..item(" ", "0") }).await.unwrap_err();
        let f = bad.form_errors().unwrap();
        assert_eq!((f.field("title"), f.field("duration_minutes"), f.field("kind")), (Some(K::ErrRequired), Some(K::ErrDuration), Some(K::ErrChoose)));
    }

    #[tokio::test]
    async fn the_seeded_strategic_forum_agenda_reads_like_the_deck() {
        let t = seeded().await;
        let member = actor(&t.db, "apotek@samverkan.test").await;
        let m = entity::meeting::Entity::find().all(&t.db).await.unwrap().into_iter()
            .find(|m| m.starts_at.to_rfc3339() == "2021-11-23T08:00:00+00:00").unwrap();
        let d = meetings::detail(&t.db, &member, m.id).await.unwrap();
        let titles: Vec<_> = d.agenda.items.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(&titles[..3], ["Status just nu", "Status inför release och extern validering 21.0", "Inkörningsperioden"]);
        assert_eq!(d.agenda.items[1].starts.to_string(), "09:10:00");
        assert_eq!(d.agenda.published.map(|(_, days)| days), Some(7));
    }
}

mod next_meeting {
    use super::*;
    use app::ssr::services::meetings;

    #[tokio::test]
    async fn the_next_meeting_copies_times_and_drafts_the_agenda_from_the_template() {
        let t = seeded().await;
        let sec = actor(&t.db, "sekretariat@samverkan.test").await;
        let member = actor(&t.db, "region.skane@samverkan.test").await;
        let sept = entity::meeting::Entity::find().all(&t.db).await.unwrap().into_iter()
            .find(|m| m.starts_at.to_rfc3339() == "2023-09-04T12:00:00+00:00").unwrap();
        assert_eq!(meetings::create_next(&t.db, &member, sept.id, "2027-01-19").await.unwrap_err(), AppError::Forbidden);
        let bad = meetings::create_next(&t.db, &sec, sept.id, "19/1").await.unwrap_err();
        assert_eq!(bad.form_errors().unwrap().field("date"), Some(K::ErrDate));
        // September is summer time, January winter time: the wall clock stays 14.00–16.00.
        let id = meetings::create_next(&t.db, &sec, sept.id, "2027-01-19").await.unwrap();
        let d = meetings::detail(&t.db, &sec, id).await.unwrap();
        assert_eq!((d.starts.to_string(), d.ends.to_string()), ("2027-01-19 14:00:00".into(), "2027-01-19 16:00:00".into()));
        assert_eq!((d.title.as_str(), d.place.as_deref(), d.status.as_str()), ("Strategiskt samverkansforum", Some("E-hälsomyndigheten, Stockholm"), "planned"));
        let kinds: Vec<_> = d.agenda.items.iter().map(|i| (i.title.as_str(), i.kind.as_str())).collect();
        assert_eq!(kinds, vec![
            ("Återkoppling föregående möte", "feedback"),
            ("Status just nu", "information"),
            ("Laget runt", "round_table"),
            ("Summering och avslut", "summary"),
            ("Nästa möte", "next_meeting"),
        ]);
        assert!(d.agenda.published.is_none(), "the copied agenda is a draft");
        assert!(!meetings::detail(&t.db, &member, id).await.unwrap().agenda.visible);
    }
}

/// A meeting of Aktörsråd vård planned by the secretariat, `days` from today at 13.00–15.00.
async fn meeting_in(t: &TestDb, sec: &Actor, date: &str) -> i32 {
    let input = app::ssr::services::meetings::MeetingInput {
        title: "Aktörsråd vård".into(),
        date: date.into(),
        start: "13.00".into(),
        end: "15.00".into(),
        ..Default::default()
    };
    app::ssr::services::meetings::create(&t.db, sec, "aktorsrad-vard", input).await.unwrap()
}

async fn org_id(db: &sea_orm::DatabaseConnection, name: &str) -> i32 {
    entity::organisation::Entity::find().filter(entity::organisation::Column::Name.eq(name)).one(db).await.unwrap().unwrap_or_else(|| panic!("{name}")).id
}

fn item(title: &str, minutes: &str, kind: &str) -> app::ssr::services::agenda::ItemInput {
    app::ssr::services::agenda::ItemInput { title: title.into(), duration_minutes: minutes.into(), kind: kind.into(), ..Default::default() }
}

async fn outbox_to(db: &sea_orm::DatabaseConnection, address: &str) -> Vec<entity::outbox::Model> {
    entity::outbox::Entity::find().filter(entity::outbox::Column::ToAddress.eq(address)).all(db).await.unwrap()
}

mod additions {
    use super::*;
    use app::ssr::services::additions::{self, AdditionInput};
    use app::ssr::services::{agenda, meetings};

    #[tokio::test]
    async fn a_member_proposes_and_the_secretariat_accepts_it_onto_the_agenda_before_the_close() {
        let t = seeded().await;
        let sec = actor(&t.db, "sekretariat@samverkan.test").await;
        let member = actor(&t.db, "region.skane@samverkan.test").await;
        let outsider = actor(&t.db, "apotek@samverkan.test").await;
        let id = meeting_in(&t, &sec, "2027-09-06").await;
        agenda::add_item(&t.db, &sec, id, item("Återkoppling föregående möte", "10", "feedback")).await.unwrap();
        agenda::add_item(&t.db, &sec, id, item("Summering och avslut", "10", "summary")).await.unwrap();
        let skane = org_id(&t.db, "Region Skåne").await;
        let vgr = org_id(&t.db, "Västra Götalandsregionen").await;
        let input = |orgs: Vec<i32>| AdditionInput { title: "Gemensam läkemedelslista i primärvården".into(), description: "Erfarenheter *från* införandet".into(), presenter: "Eva Lind, Region Skåne".into(), organisations: orgs };
        assert_eq!(additions::propose(&t.db, &outsider, BASE, id, input(vec![skane])).await.unwrap_err(), AppError::Forbidden);
        let err = additions::propose(&t.db, &member, BASE, id, AdditionInput { title: " ".into(), ..input(vec![]) }).await.unwrap_err();
        let f = err.form_errors().unwrap();
        assert_eq!((f.field("title"), f.field("organisations")), (Some(K::ErrRequired), Some(K::ErrChooseOrganisations)));
        assert_eq!(f.value("description").as_deref(), Some("Erfarenheter *från* införandet"), "what was typed comes back");
        let a = additions::propose(&t.db, &member, BASE, id, input(vec![skane, vgr])).await.unwrap();
        assert_eq!(outbox_to(&t.db, "sekretariat@samverkan.test").await.len(), 1, "the secretariat is told");
        // The member sees their own; the secretariat reviews it; the proposer cannot accept.
        let seen = meetings::detail(&t.db, &member, id).await.unwrap();
        assert_eq!(seen.additions.len(), 1);
        assert!(seen.additions[0].mine && seen.additions[0].status == "pending");
        assert_eq!(additions::accept(&t.db, &member, BASE, a, "20").await.unwrap_err(), AppError::Forbidden);
        assert_eq!(additions::accept(&t.db, &sec, BASE, a, "0").await.unwrap_err().form_errors().unwrap().field("duration_minutes"), Some(K::ErrDuration));
        let dash = app::ssr::services::forums::dashboard(&t.db, &sec).await.unwrap().unwrap();
        assert_eq!(dash.to_review.iter().find(|r| r.meeting.id == id).map(|r| r.count), Some(1), "waiting for the secretariat");
        additions::accept(&t.db, &sec, BASE, a, "20").await.unwrap();
        let agenda = meetings::detail(&t.db, &sec, id).await.unwrap().agenda;
        let titles: Vec<&str> = agenda.items.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(titles, ["Återkoppling föregående möte", "Gemensam läkemedelslista i primärvården", "Summering och avslut"]);
        let (_, from) = agenda.items[1].received.clone().expect("marked as received");
        assert_eq!(from, "Region Skåne, Västra Götalandsregionen");
        assert_eq!(agenda.items[1].presenters, "Eva Lind, Region Skåne");
        let to_member = outbox_to(&t.db, "region.skane@samverkan.test").await;
        assert_eq!(to_member.len(), 1);
        assert!(to_member[0].body_text.contains("lagt till ditt förslag"), "{}", to_member[0].body_text);
        assert_eq!(additions::decline(&t.db, &sec, BASE, a, "Sent").await.unwrap_err(), AppError::form(K::ErrAdditionDecided));
        let dash = app::ssr::services::forums::dashboard(&t.db, &member).await.unwrap().unwrap();
        assert_eq!(dash.my_additions.first().map(|a| a.status.as_str()), Some("accepted"));
    }

    #[tokio::test]
    async fn the_secretariat_moves_or_declines_and_the_proposer_is_told_each_time() {
        let t = seeded().await;
        let sec = actor(&t.db, "sekretariat@samverkan.test").await;
        let member = actor(&t.db, "region.skane@samverkan.test").await;
        let first = meeting_in(&t, &sec, "2027-09-06").await;
        let later = meeting_in(&t, &sec, "2027-10-04").await;
        let skane = org_id(&t.db, "Region Skåne").await;
        let input = AdditionInput { title: "Status för e-recept".into(), organisations: vec![skane], ..Default::default() };
        let a = additions::propose(&t.db, &member, BASE, first, input.clone()).await.unwrap();
        assert!(additions::move_to(&t.db, &sec, BASE, a, first).await.is_err(), "not to the same or an earlier meeting");
        additions::move_to(&t.db, &sec, BASE, a, later).await.unwrap();
        assert!(meetings::detail(&t.db, &sec, first).await.unwrap().additions.is_empty());
        let moved = meetings::detail(&t.db, &member, later).await.unwrap().additions;
        assert_eq!(moved.len(), 1);
        assert!(moved[0].moved_from.is_some() && moved[0].status == "pending");
        assert_eq!(additions::decline(&t.db, &sec, BASE, a, " ").await.unwrap_err().form_errors().unwrap().field("reason"), Some(K::ErrRequired));
        additions::decline(&t.db, &sec, BASE, a, "Tas upp i det taktiska forumet").await.unwrap();
        let shown = meetings::detail(&t.db, &member, later).await.unwrap().additions;
        assert_eq!((shown[0].status.as_str(), shown[0].reason.as_deref()), ("declined", Some("Tas upp i det taktiska forumet")));
        let mails = outbox_to(&t.db, "region.skane@samverkan.test").await;
        assert_eq!(mails.len(), 2, "moved, then declined");
        assert!(mails.iter().any(|m| m.body_text.contains("Tas upp i det taktiska forumet")));
        // Another member of the forum does not see someone else's addition.
        let coordinator = actor(&t.db, "samordnare@samverkan.test").await;
        assert!(meetings::detail(&t.db, &coordinator, later).await.unwrap().additions.is_empty());
        // A cancelled meeting takes no additions.
        meetings::cancel(&t.db, &sec, BASE, later, "Inställt").await.unwrap();
        assert_eq!(additions::propose(&t.db, &member, BASE, later, input).await.unwrap_err().message(), K::ErrMeetingClosed);
    }
}

mod materials {
    use super::*;
    use app::ssr::services::materials::{self, Target};
    use app::ssr::services::{additions, agenda};

    const PDF: &[u8] = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n";

    /// Rows in both tables (the demo data brings one file of its own).
    async fn count(t: &TestDb) -> usize {
        entity::material::Entity::find().all(&t.db).await.unwrap().len() + entity::material_content::Entity::find().all(&t.db).await.unwrap().len()
    }

    /// A bundle gives back the very rows a plain query reads: texts with quotes, backslashes,
    /// newlines and non-ASCII letters, times to the sub-second, booleans both ways, NULLs; and an
    /// empty list for a part without rows.
    #[tokio::test]
    async fn a_bundle_reads_the_same_rows_as_plain_queries() {
        use app::ssr::services::bundle::{self, Part};
        use entity::{comment, material};
        use sea_orm::{ActiveModelTrait, QueryOrder, Set};
        let t = seeded().await;
        let sec = actor(&t.db, "sekretariat@samverkan.test").await;
        let id = meeting_in(&t, &sec, "2027-09-06").await;
        materials::upload(&t.db, &sec, Target::Meeting(id), "Läsanvisning \"NLL\".pdf", PDF.to_vec(), true).await.unwrap();
        materials::upload(&t.db, &sec, Target::Meeting(id), "bilaga.pdf", PDF.to_vec(), false).await.unwrap();
        let f = entity::meeting::Entity::find_by_id(id).one(&t.db).await.unwrap().unwrap().forum_id;
        let now = chrono::Utc::now();
        let body = "Citat \"så här\"\nbackslash \\ och 'apostrof' <b>– ✓";
        let c = comment::ActiveModel {
            forum_id: Set(f),
            target_kind: Set("agenda".into()),
            target_id: Set(id),
            body: Set(body.into()),
            created_at: Set(now),
            edited_at: Set(Some(now)),
            ..Default::default()
        }
        .insert(&t.db)
        .await
        .unwrap();
        let mats = material::Entity::find().filter(material::Column::MeetingId.eq(id));
        let parts = vec![
            Part::of("materials", mats.clone()),
            Part::of("comment", comment::Entity::find_by_id(c.id)),
            Part::of("none", comment::Entity::find().filter(comment::Column::Id.eq(-1))),
        ];
        let mut b = bundle::read(&t.db, parts).await.unwrap();
        let mut got: Vec<material::Model> = b.take("materials").unwrap();
        got.sort_by_key(|m| m.id);
        let want = mats.order_by_asc(material::Column::Id).all(&t.db).await.unwrap();
        assert_eq!(want.iter().map(|m| m.pre_reading).collect::<Vec<_>>(), [true, false]);
        assert_eq!(got, want);
        let got: Vec<comment::Model> = b.take("comment").unwrap();
        assert_eq!(got, vec![comment::Entity::find_by_id(c.id).one(&t.db).await.unwrap().unwrap()]);
        assert_eq!(got[0].body, body);
        assert!(got[0].deleted_at.is_none() && got[0].edited_at.is_some());
        assert!(b.take::<comment::Model>("none").unwrap().is_empty());
        assert!(b.take::<comment::Model>("never asked for").unwrap().is_empty());
    }

    #[tokio::test]
    async fn wrong_type_or_size_is_refused_with_a_message_and_nothing_is_stored() {
        let t = seeded().await;
        let sec = actor(&t.db, "sekretariat@samverkan.test").await;
        let member = actor(&t.db, "region.skane@samverkan.test").await;
        let id = meeting_in(&t, &sec, "2027-09-06").await;
        let demo = count(&t).await;
        assert_eq!(materials::upload(&t.db, &member, Target::Meeting(id), "x.pdf", PDF.to_vec(), false).await.unwrap_err(), AppError::Forbidden);
        let fake = materials::upload(&t.db, &sec, Target::Meeting(id), "presentation.pdf", b"MZ\x90\x00 not a pdf".to_vec(), false).await.unwrap_err();
        assert_eq!(fake.form_errors().unwrap().field("file"), Some(K::ErrFileType));
        let big = vec![b'%'; materials::MAX_BYTES + 1];
        let big = materials::upload(&t.db, &sec, Target::Meeting(id), "stor.pdf", big, false).await.unwrap_err();
        assert_eq!(big.form_errors().unwrap().field("file"), Some(K::ErrFileTooLarge));
        assert_eq!(count(&t).await, demo, "nothing stored");
        materials::upload(&t.db, &sec, Target::Meeting(id), "Underlag NLL.pdf", PDF.to_vec(), true).await.unwrap();
        assert_eq!(count(&t).await, demo + 2);
        let d = app::ssr::services::meetings::detail(&t.db, &sec, id).await.unwrap();
        assert_eq!(d.materials.len(), 1);
        assert_eq!((d.materials[0].kind.as_str(), d.materials[0].pre_reading), ("PDF", true));
        assert!(d.materials[0].url.ends_with("/Underlag%20NLL.pdf"));
    }

    #[tokio::test]
    async fn materials_follow_the_agenda_and_outsiders_never_get_them() {
        let t = seeded().await;
        let sec = actor(&t.db, "sekretariat@samverkan.test").await;
        let member = actor(&t.db, "region.skane@samverkan.test").await;
        let coordinator = actor(&t.db, "samordnare@samverkan.test").await;
        let outsider = actor(&t.db, "apotek@samverkan.test").await;
        let id = meeting_in(&t, &sec, "2027-09-06").await;
        let item_id = agenda::add_item(&t.db, &sec, id, item("Implementeringsstöd NLL", "30", "information")).await.unwrap();
        let (_, mat) = materials::upload(&t.db, &sec, Target::Item(item_id), "nll.pdf", PDF.to_vec(), false).await.unwrap();
        assert_eq!(materials::download(&t.db, &member, mat).await.unwrap_err(), AppError::Forbidden, "draft agenda: not yet");
        assert_eq!(materials::download(&t.db, &sec, mat).await.unwrap().1, PDF);
        agenda::publish(&t.db, &sec, BASE, id).await.unwrap();
        assert_eq!(materials::download(&t.db, &member, mat).await.unwrap().0.content_type, "application/pdf");
        assert_eq!(materials::download(&t.db, &outsider, mat).await.unwrap_err(), AppError::Forbidden);
        assert_eq!(materials::download(&t.db, &Actor::anonymous(), mat).await.unwrap_err(), AppError::Unauthenticated);
        // An addition's file: the proposer and the secretariat only, until it is on the agenda.
        let skane = org_id(&t.db, "Region Skåne").await;
        let a = additions::propose(&t.db, &member, BASE, id, additions::AdditionInput { title: "Tillägg".into(), organisations: vec![skane], ..Default::default() })
            .await
            .unwrap();
        assert_eq!(materials::upload(&t.db, &coordinator, Target::Addition(a), "a.pdf", PDF.to_vec(), false).await.unwrap_err(), AppError::Forbidden);
        let (_, amat) = materials::upload(&t.db, &member, Target::Addition(a), "a.pdf", PDF.to_vec(), false).await.unwrap();
        assert!(materials::download(&t.db, &member, amat).await.is_ok());
        assert!(materials::download(&t.db, &sec, amat).await.is_ok());
        assert_eq!(materials::download(&t.db, &coordinator, amat).await.unwrap_err(), AppError::Forbidden);
        additions::accept(&t.db, &sec, BASE, a, "15").await.unwrap();
        assert!(materials::download(&t.db, &coordinator, amat).await.is_ok(), "on the published agenda now");
        let d = app::ssr::services::meetings::detail(&t.db, &coordinator, id).await.unwrap();
        assert!(d.agenda.items.iter().any(|i| i.materials.iter().any(|m| m.id == amat)), "the file moved with the addition");
        assert_eq!(materials::delete(&t.db, &member, mat).await.unwrap_err(), AppError::Forbidden);
        materials::delete(&t.db, &sec, mat).await.unwrap();
        assert_eq!(materials::download(&t.db, &sec, mat).await.unwrap_err(), AppError::NotFound);
    }
}

mod calendar_feeds {
    use super::*;
    use app::ssr::services::{calendar, meetings};
    use icalendar::{Calendar, CalendarDateTime, Component, DatePerhapsTime};

    fn starts(cal: &Calendar, uid_part: &str) -> CalendarDateTime {
        let e = cal.events().find(|e| e.get_uid().is_some_and(|u| u.contains(uid_part))).unwrap_or_else(|| panic!("event {uid_part}"));
        match e.get_start() {
            Some(DatePerhapsTime::DateTime(dt)) => dt,
            other => panic!("start {other:?}"),
        }
    }

    #[tokio::test]
    async fn the_feed_parses_back_in_stockholm_time_across_the_daylight_saving_change() {
        let t = seeded().await;
        let sec = actor(&t.db, "sekretariat@samverkan.test").await;
        let member = actor(&t.db, "region.skane@samverkan.test").await;
        // The change to summer time is on 28 March 2027.
        let before = meeting_in(&t, &sec, "2027-03-22").await;
        let after = meeting_in(&t, &sec, "2027-03-29").await;
        meetings::cancel(&t.db, &sec, BASE, after, "Krock").await.unwrap();
        let text = calendar::feed(&t.db, &member, BASE, Some("aktorsrad-vard")).await.unwrap();
        let cal: Calendar = text.parse().expect("the feed parses");
        for (id, local, utc) in [(before, "2027-03-22T13:00:00", "2027-03-22T12:00:00+00:00"), (after, "2027-03-29T13:00:00", "2027-03-29T11:00:00+00:00")] {
            let CalendarDateTime::WithTimezone { date_time, tzid } = starts(&cal, &format!("meeting-{id}@")) else { panic!("not zoned") };
            assert_eq!((date_time.format("%Y-%m-%dT%H:%M:%S").to_string(), tzid.as_str()), (local.to_string(), "Europe/Stockholm"));
            assert_eq!(meetings::to_utc(date_time).unwrap().to_rfc3339(), utc);
        }
        assert!(text.contains("BEGIN:VTIMEZONE") && text.contains("TZID:Europe/Stockholm"));
        let cancelled = cal.events().find(|e| e.get_uid().is_some_and(|u| u.contains(&format!("meeting-{after}@")))).unwrap();
        assert_eq!(cancelled.property_value("STATUS"), Some("CANCELLED"));
        // Stable UIDs: the same feed again names the same events.
        let again: Calendar = calendar::feed(&t.db, &member, BASE, Some("aktorsrad-vard")).await.unwrap().parse().unwrap();
        let uids = |c: &Calendar| c.events().filter_map(|e| e.get_uid().map(str::to_string)).collect::<Vec<_>>();
        assert_eq!(uids(&cal), uids(&again));
    }

    #[tokio::test]
    async fn members_only_forums_need_the_personal_token_which_can_be_reset() {
        let t = seeded().await;
        let member = actor(&t.db, "region.skane@samverkan.test").await;
        assert_eq!(calendar::feed(&t.db, &Actor::anonymous(), BASE, Some("aktorsrad-vard")).await.unwrap_err(), AppError::NotFound);
        let public = calendar::feed(&t.db, &Actor::anonymous(), BASE, None).await.unwrap();
        assert!(!public.contains("Aktörsråd vård"), "members-only meetings stay out of the public feed");
        let token = calendar::reset_token(&t.db, &member).await.unwrap();
        let by_token = calendar::actor_for_token(&t.db, &token).await.unwrap();
        assert!(calendar::feed(&t.db, &by_token, BASE, None).await.unwrap().contains("Aktörsråd vård"));
        let newer = calendar::reset_token(&t.db, &member).await.unwrap();
        assert_ne!(token, newer);
        assert!(calendar::actor_for_token(&t.db, &token).await.unwrap().user.is_none(), "the old address stops working");
        // A request reads the acting user, and with it the token, anew.
        let member = actor(&t.db, "region.skane@samverkan.test").await;
        let page = calendar::page(&t.db, &member, BASE, "list", "2023-01", "").await.unwrap();
        assert!(page.feed_url.ends_with(&newer));
        assert!(page.meetings.iter().any(|m| m.starts.format("%Y-%m-%d").to_string() == "2023-01-23"));
        let month = calendar::page(&t.db, &member, BASE, "month", "2023-01", "aktorsrad-vard").await.unwrap();
        assert!(month.meetings.iter().all(|m| m.starts.format("%Y-%m").to_string() == "2023-01"));
        let hidden = calendar::page(&t.db, &Actor::anonymous(), BASE, "list", "2023-01", "aktorsrad-vard").await.unwrap();
        assert!(hidden.meetings.is_empty() && hidden.forum.is_none());
    }
}

mod participation {
    use super::*;
    use app::ssr::services::{agenda, meetings, participation, reminders};

    #[tokio::test]
    async fn each_organisation_writes_one_round_the_table_update() {
        let t = seeded().await;
        let sec = actor(&t.db, "sekretariat@samverkan.test").await;
        let member = actor(&t.db, "region.skane@samverkan.test").await;
        let outsider = actor(&t.db, "apotek@samverkan.test").await;
        let id = meeting_in(&t, &sec, "2027-09-06").await;
        agenda::add_item(&t.db, &sec, id, item("Laget runt", "20", "round_table")).await.unwrap();
        agenda::publish(&t.db, &sec, BASE, id).await.unwrap();
        assert!(meetings::detail(&t.db, &member, id).await.unwrap().can_post_update);
        assert_eq!(participation::post_update(&t.db, &outsider, id, "Hej").await.unwrap_err(), AppError::Forbidden);
        assert_eq!(participation::post_update(&t.db, &member, id, "  ").await.unwrap_err().form_errors().unwrap().field("body"), Some(K::ErrRequired));
        participation::post_update(&t.db, &member, id, "Vi har infört NLL i **två** förvaltningar.").await.unwrap();
        participation::post_update(&t.db, &member, id, "Vi har infört NLL i tre förvaltningar.").await.unwrap();
        let d = meetings::detail(&t.db, &sec, id).await.unwrap();
        assert_eq!(d.updates.len(), 1, "one per organisation: the second replaces the first");
        assert_eq!(d.updates[0].organisation, "Region Skåne");
        assert!(d.updates[0].body_html.contains("tre förvaltningar"));
        assert_eq!(meetings::detail(&t.db, &member, id).await.unwrap().my_update.as_deref(), Some("Vi har infört NLL i tre förvaltningar."));
    }

    #[tokio::test]
    async fn attendance_is_recorded_after_the_start_by_the_secretariat() {
        let t = seeded().await;
        let sec = actor(&t.db, "sekretariat@samverkan.test").await;
        let member = actor(&t.db, "region.skane@samverkan.test").await;
        let future = meeting_in(&t, &sec, "2027-09-06").await;
        let member_id = member.user_id().unwrap();
        assert_eq!(participation::record_attendance(&t.db, &sec, future, member_id, true).await.unwrap_err(), AppError::form(K::ErrAttendanceTooEarly));
        let f = forum_id(&t.db, "aktorsrad-vard").await;
        let past = entity::meeting::Entity::find().filter(entity::meeting::Column::ForumId.eq(f)).all(&t.db).await.unwrap().into_iter().min_by_key(|m| m.starts_at).unwrap().id;
        assert_eq!(participation::record_attendance(&t.db, &member, past, member_id, true).await.unwrap_err(), AppError::Forbidden);
        participation::record_attendance(&t.db, &sec, past, member_id, true).await.unwrap();
        participation::record_attendance(&t.db, &sec, past, member_id, false).await.unwrap();
        participation::record_attendance(&t.db, &sec, past, member_id, true).await.unwrap();
        let d = meetings::detail(&t.db, &member, past).await.unwrap();
        let me = d.participants.iter().find(|p| p.user_id == member_id).unwrap();
        assert_eq!((me.attended, me.organisation.as_str()), (Some(true), "Region Skåne"));
        assert!(matches!(d.status.as_str(), "held" | "summary_published"), "a meeting with attendance has been held: {}", d.status);
        assert_eq!(d.participants.len(), 3, "the forum's members are the invited");
        let outsider = actor(&t.db, "apotek@samverkan.test").await.user_id().unwrap();
        assert_eq!(participation::record_attendance(&t.db, &sec, past, outsider, true).await.unwrap_err(), AppError::NotFound);
    }

    #[tokio::test]
    async fn a_large_forums_meeting_counts_its_participants_and_lists_them_on_their_own_page() {
        use app::ssr::services::participation::PARTICIPANTS_SHOWN;
        use sea_orm::{ActiveModelTrait, Set};
        let t = seeded().await;
        let sec = actor(&t.db, "sekretariat@samverkan.test").await;
        let member = actor(&t.db, "region.skane@samverkan.test").await;
        let f = forum_id(&t.db, "aktorsrad-vard").await;
        let past = entity::meeting::Entity::find().filter(entity::meeting::Column::ForumId.eq(f)).all(&t.db).await.unwrap().into_iter().min_by_key(|m| m.starts_at).unwrap().id;
        let small = meetings::detail(&t.db, &member, past).await.unwrap();
        assert_eq!((small.participants.len(), small.participants_total), (3, 3), "a small forum's page lists them");
        let org = member.user.as_ref().unwrap().organisation_id;
        let now = chrono::Utc::now();
        for i in 0..PARTICIPANTS_SHOWN {
            let u = entity::user::ActiveModel {
                email: Set(format!("deltagare{i}@samverkan.test")),
                name: Set(format!("Deltagare {i:02}")),
                organisation_id: Set(org),
                language: Set("sv".into()),
                is_admin: Set(false),
                active: Set(true),
                session_epoch: Set(0),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(&t.db)
            .await
            .unwrap();
            entity::forum_membership::ActiveModel { forum_id: Set(f), user_id: Set(u.id), role: Set("member".into()), created_at: Set(now), ..Default::default() }.insert(&t.db).await.unwrap();
            if i < 5 {
                participation::record_attendance(&t.db, &sec, past, u.id, true).await.unwrap();
            }
        }
        let total = PARTICIPANTS_SHOWN + 3;
        let d = meetings::detail(&t.db, &member, past).await.unwrap();
        assert!(d.participants.is_empty(), "over {PARTICIPANTS_SHOWN}, the meeting page shows the counts only");
        assert_eq!((d.participants_total, d.participants_present), (total, 5));
        let page = participation::page(&t.db, &sec, past).await.unwrap();
        assert_eq!((page.participants.len(), page.present), (total, 5));
        assert!(page.can_record_attendance, "the secretariat marks attendance on the participants' page");
        assert!(page.participants.windows(2).all(|w| (&w[0].organisation, &w[0].name) <= (&w[1].organisation, &w[1].name)), "by organisation, then name");
        assert!(!participation::page(&t.db, &member, past).await.unwrap().can_record_attendance);
        let outsider = actor(&t.db, "apotek@samverkan.test").await;
        assert_eq!(participation::page(&t.db, &outsider, past).await.unwrap_err(), AppError::Forbidden);
        assert_eq!(participation::page(&t.db, &Actor::anonymous(), past).await.unwrap_err(), AppError::Unauthenticated);
    }

    #[tokio::test]
    async fn the_secretariat_is_reminded_once_when_the_agenda_is_late() {
        let t = seeded().await;
        let sec = actor(&t.db, "sekretariat@samverkan.test").await;
        let soon = (chrono::Utc::now() + chrono::Duration::days(3)).format("%Y-%m-%d").to_string();
        let far = (chrono::Utc::now() + chrono::Duration::days(30)).format("%Y-%m-%d").to_string();
        let late = meeting_in(&t, &sec, &soon).await;
        let later = meeting_in(&t, &sec, &far).await;
        let before = outbox_to(&t.db, "sekretariat@samverkan.test").await.len();
        let reminded = reminders::remind_due(&t.db, BASE).await.unwrap();
        assert!(reminded >= 1);
        let mails = outbox_to(&t.db, "sekretariat@samverkan.test").await;
        assert!(mails.iter().any(|m| m.subject.starts_with("Påminnelse") && m.body_text.contains(&format!("/meetings/{late}"))));
        assert!(!mails.iter().any(|m| m.subject.starts_with("Påminnelse") && m.body_text.contains(&format!("/meetings/{later}\n"))), "not yet for a meeting a month away");
        assert_eq!(reminders::remind_due(&t.db, BASE).await.unwrap(), 0, "only once");
        assert_eq!(outbox_to(&t.db, "sekretariat@samverkan.test").await.len(), before + reminded);
    }

    #[tokio::test]
    async fn drag_and_drop_sets_the_whole_order_or_nothing() {
        let t = seeded().await;
        let sec = actor(&t.db, "sekretariat@samverkan.test").await;
        let member = actor(&t.db, "region.skane@samverkan.test").await;
        let id = meeting_in(&t, &sec, "2027-09-06").await;
        let a = agenda::add_item(&t.db, &sec, id, item("A", "10", "information")).await.unwrap();
        let b = agenda::add_item(&t.db, &sec, id, item("B", "20", "information")).await.unwrap();
        let c = agenda::add_item(&t.db, &sec, id, item("C", "30", "information")).await.unwrap();
        assert_eq!(agenda::reorder(&t.db, &member, id, &[c, a, b]).await.unwrap_err(), AppError::Forbidden);
        assert_eq!(agenda::reorder(&t.db, &sec, id, &[c, a]).await.unwrap_err(), AppError::form(K::ErrAgendaChanged), "an item missing");
        assert_eq!(agenda::reorder(&t.db, &sec, id, &[c, a, a]).await.unwrap_err(), AppError::form(K::ErrAgendaChanged));
        agenda::reorder(&t.db, &sec, id, &[c, a, b]).await.unwrap();
        let items = meetings::detail(&t.db, &sec, id).await.unwrap().agenda.items;
        let got: Vec<(&str, String)> = items.iter().map(|i| (i.title.as_str(), i.starts.format("%H.%M").to_string())).collect();
        assert_eq!(got, [("C", "13.00".to_string()), ("A", "13.30".into()), ("B", "13.40".into())], "clock times follow the new order");
    }

    #[tokio::test]
    async fn changes_after_publication_are_marked_and_mailed_when_asked() {
        let t = seeded().await;
        let sec = actor(&t.db, "sekretariat@samverkan.test").await;
        let member = actor(&t.db, "region.skane@samverkan.test").await;
        let id = meeting_in(&t, &sec, "2027-09-06").await;
        let item_id = agenda::add_item(&t.db, &sec, id, item("Status NLL", "30", "information")).await.unwrap();
        assert_eq!(agenda::send_update(&t.db, &sec, BASE, id).await.unwrap_err(), AppError::form(K::ErrAgendaNotPublished));
        agenda::publish(&t.db, &sec, BASE, id).await.unwrap();
        assert!(meetings::detail(&t.db, &member, id).await.unwrap().agenda.items[0].changed.is_none());
        assert_eq!(agenda::send_update(&t.db, &sec, BASE, id).await.unwrap_err(), AppError::form(K::ErrNoChanges));
        let edit = app::ssr::services::agenda::ItemInput { title: "Status NLL och e-recept".into(), duration_minutes: "40".into(), kind: "discussion".into(), ..Default::default() };
        assert_eq!(agenda::edit_item(&t.db, &member, item_id, edit.clone()).await.unwrap_err(), AppError::Forbidden);
        let bad = agenda::edit_item(&t.db, &sec, item_id, app::ssr::services::agenda::ItemInput { duration_minutes: "x".into(), ..edit.clone() }).await.unwrap_err();
        assert_eq!(bad.form_errors().unwrap().value("about"), Some(item_id.to_string()), "the error names its item");
        agenda::edit_item(&t.db, &sec, item_id, edit).await.unwrap();
        let seen = meetings::detail(&t.db, &member, id).await.unwrap().agenda;
        assert_eq!((seen.items[0].title.as_str(), seen.items[0].duration_minutes), ("Status NLL och e-recept", 40));
        assert!(seen.items[0].changed.is_some(), "marked as changed");
        let before = outbox_to(&t.db, "region.skane@samverkan.test").await.len();
        assert_eq!(agenda::send_update(&t.db, &member, BASE, id).await.unwrap_err(), AppError::Forbidden);
        assert_eq!(agenda::send_update(&t.db, &sec, BASE, id).await.unwrap(), 3);
        let mails = outbox_to(&t.db, "region.skane@samverkan.test").await;
        assert_eq!(mails.len(), before + 1);
        assert!(mails.iter().any(|m| m.subject.starts_with("Ändrad dagordning") && m.body_text.contains("Status NLL och e-recept")));
    }
}

#[tokio::test]
async fn the_demo_data_carries_the_decks_addition_updates_and_attendance() {
    let t = seeded().await;
    let member = actor(&t.db, "region.skane@samverkan.test").await;
    let sec = actor(&t.db, "sekretariat@samverkan.test").await;
    let f = forum_id(&t.db, "strategiskt-samverkansforum").await;
    let meetings = entity::meeting::Entity::find().filter(entity::meeting::Column::ForumId.eq(f)).all(&t.db).await.unwrap();
    let on = |date: &str| meetings.iter().find(|m| app::ssr::services::meetings::local(m.starts_at).date().to_string() == date).unwrap().id;
    let d = app::ssr::services::meetings::detail(&t.db, &member, on("2023-09-04")).await.unwrap();
    let added = d.agenda.items.iter().find(|i| i.received.is_some()).expect("the addition received 4/9");
    let (day, from) = added.received.clone().unwrap();
    assert_eq!(day.to_string(), "2023-09-04");
    assert_eq!(from, "Västra Götalandsregionen, Region Skåne, Kundgrupp Oracle (systemleverantörsgrupp)");
    assert_eq!(d.participants.iter().filter(|p| p.attended == Some(true)).count(), 4);
    let old = app::ssr::services::meetings::detail(&t.db, &member, on("2021-11-23")).await.unwrap();
    assert_eq!(old.updates.len(), 2, "round-the-table updates stay with the meeting");
    let next = app::ssr::services::meetings::detail(&t.db, &sec, on("2026-12-08")).await.unwrap();
    assert_eq!(next.additions.iter().filter(|a| a.status == "pending").count(), 1);
    assert!(next.agenda.items.iter().any(|i| i.materials.iter().any(|m| m.kind == "PDF" && m.pre_reading)));
    let tree = app::ssr::services::forums::structure(&t.db, &member).await.unwrap();
    let strategic = tree.roots.iter().find(|n| n.slug == "strategiskt-samverkansforum").unwrap();
    assert_eq!(strategic.next.map(|(id, ..)| id), Some(on("2026-12-08")), "the tree names each forum's next meeting");
    let f = app::ssr::services::forums::detail(&t.db, &member, "strategiskt-samverkansforum").await.unwrap();
    assert!(f.feed_path.is_none(), "members-only: no feed before a personal token exists");
    let token = app::ssr::services::calendar::reset_token(&t.db, &member).await.unwrap();
    // The next request reads the person again, token and all.
    let member = actor(&t.db, "region.skane@samverkan.test").await;
    let f = app::ssr::services::forums::detail(&t.db, &member, "strategiskt-samverkansforum").await.unwrap();
    assert_eq!(f.feed_path, Some(format!("/forums/strategiskt-samverkansforum/calendar.ics?token={token}")));
    let public = app::ssr::services::forums::detail(&t.db, &Actor::anonymous(), "dialogmote-testbevis").await.unwrap();
    assert_eq!(public.feed_path.as_deref(), Some("/forums/dialogmote-testbevis/calendar.ics"));
}

mod action_list {
    use super::*;
    use app::actions::dto::ActionFilter;
    use app::ssr::services::actions::{self, ActionInput};

    const SLUG: &str = "strategiskt-samverkansforum";

    fn input(title: &str) -> ActionInput {
        ActionInput { title: title.into(), ..Default::default() }
    }

    fn filter(f: impl FnOnce(&mut ActionFilter)) -> ActionFilter {
        let mut x = ActionFilter::default();
        f(&mut x);
        x
    }

    #[tokio::test]
    async fn numbers_are_unique_under_concurrency_and_never_reused() {
        let t = seeded().await;
        let coord = actor(&t.db, "samordnare@samverkan.test").await;
        // The deck's list ends at 4.
        let (a, b, c) = tokio::join!(
            actions::create(&t.db, &coord, BASE, SLUG, input("A")),
            actions::create(&t.db, &coord, BASE, SLUG, input("B")),
            actions::create(&t.db, &coord, BASE, SLUG, input("C")),
        );
        let mut got = vec![a.unwrap(), b.unwrap(), c.unwrap()];
        got.sort_unstable();
        assert_eq!(got, [5, 6, 7]);
        let cancel = ActionInput { state: "cancelled".into(), ..input("C") };
        actions::edit(&t.db, &coord, BASE, SLUG, 7, cancel).await.unwrap();
        assert_eq!(actions::create(&t.db, &coord, BASE, SLUG, input("D")).await.unwrap(), 8, "a cancelled number is not handed out again");
        // Another forum counts on its own.
        assert_eq!(actions::create(&t.db, &coord, BASE, "aktorsrad-vard", input("E")).await.unwrap(), 4);
    }

    #[tokio::test]
    async fn who_may_do_what_with_actions() {
        let t = seeded().await;
        let coord = actor(&t.db, "samordnare@samverkan.test").await;
        let sec = actor(&t.db, "sekretariat@samverkan.test").await;
        let member = actor(&t.db, "region.skane@samverkan.test").await;
        let apotek = actor(&t.db, "apotek@samverkan.test").await;
        assert_eq!(actions::list(&t.db, &Actor::anonymous(), SLUG, ActionFilter::default()).await.unwrap_err(), AppError::Unauthenticated);
        assert_eq!(actions::list(&t.db, &apotek, "aktorsrad-vard", ActionFilter::default()).await.unwrap_err(), AppError::Forbidden);
        assert!(!actions::list(&t.db, &member, SLUG, ActionFilter::default()).await.unwrap().can_manage);
        assert_eq!(actions::create(&t.db, &member, BASE, SLUG, input("X")).await.unwrap_err(), AppError::Forbidden);
        let skane_user = member.user_id().unwrap();
        let n = actions::create(&t.db, &sec, BASE, SLUG, ActionInput { owner: format!("u{skane_user}"), ..input("Återkoppla om NLL-stödet") }).await.unwrap();
        // The owner adds notes; another member may only comment.
        actions::add_note(&t.db, &member, SLUG, n, "", "Påbörjat i Region Skåne.", "in_progress").await.unwrap();
        assert_eq!(actions::add_note(&t.db, &apotek, SLUG, n, "", "Hej", "").await.unwrap_err(), AppError::Forbidden);
        let action_id = actions::detail(&t.db, &apotek, SLUG, n).await.unwrap().id;
        app::ssr::services::comments::post(&t.db, &apotek, BASE, "action", action_id, None, "Apoteken vill gärna vara med.").await.unwrap();
        assert_eq!(actions::edit(&t.db, &member, BASE, SLUG, n, input("Ny titel")).await.unwrap_err(), AppError::Forbidden);
        let d = actions::detail(&t.db, &apotek, SLUG, n).await.unwrap();
        assert!(!d.can_note && d.thread.can_comment && d.edit.is_none());
        assert_eq!(d.row.state, "in_progress");
        assert_eq!(d.notes[0].state_to.as_deref(), Some("in_progress"));
        assert_eq!(d.notes[0].author, member.user.as_ref().unwrap().name, "notes name their authors");
        assert_eq!(d.thread.comments.len(), 1);
        assert_eq!(d.thread.comments[0].organisation, "Sveriges Apoteksförening");
        let owner_view = actions::detail(&t.db, &member, SLUG, n).await.unwrap();
        assert!(owner_view.can_note && owner_view.edit.is_none());
        assert!(actions::detail(&t.db, &coord, SLUG, n).await.unwrap().edit.is_some());
    }

    #[tokio::test]
    async fn edits_are_recorded_and_notes_are_dated_and_validated() {
        let t = seeded().await;
        let coord = actor(&t.db, "samordnare@samverkan.test").await;
        let before = actions::detail(&t.db, &coord, SLUG, 2).await.unwrap().edit.unwrap();
        let changed = ActionInput {
            title: before.title.clone(),
            description: before.description.clone(),
            owner: String::new(),
            start_date: before.start_date.clone(),
            end_date: "2027-02-01".into(),
            comment: before.comment.clone(),
            state: before.state.clone(),
            ..Default::default()
        };
        actions::edit(&t.db, &coord, BASE, SLUG, 2, changed).await.unwrap();
        let d = actions::detail(&t.db, &coord, SLUG, 2).await.unwrap();
        let fields: Vec<(&str, &str, &str)> = d.changes.iter().map(|c| (c.field.as_str(), c.from.as_str(), c.to.as_str())).collect();
        assert!(fields.contains(&("end_date", "2023-02-08", "2027-02-01")), "{fields:?}");
        assert!(fields.iter().any(|(f, _, to)| *f == "owner" && to.is_empty()));
        assert_eq!(fields.len(), 2, "unchanged fields are not recorded");
        assert!(d.changes.iter().all(|c| c.author == coord.user.as_ref().unwrap().name), "changes name who made them");
        // A person and an organisation can own it together.
        let skr = org_id(&t.db, "Sveriges Kommuner och Regioner").await;
        let me = coord.user_id().unwrap();
        let both = ActionInput { owner: format!("u{me}"), owner_org: skr.to_string(), ..input("Gemensamt ägd") };
        let n = actions::create(&t.db, &coord, BASE, SLUG, both).await.unwrap();
        assert_eq!(actions::detail(&t.db, &coord, SLUG, n).await.unwrap().row.owner, "Mikael Håkansson (EHM), SKR");
        let foreign = ActionInput { owner_org: org_id(&t.db, "Region Halland").await.to_string(), ..input("Fel organisation") };
        assert_eq!(actions::create(&t.db, &coord, BASE, SLUG, foreign).await.unwrap_err().form_errors().unwrap().field("owner_org"), Some(K::ErrChoose));
        let bad = actions::edit(&t.db, &coord, BASE, SLUG, 2, ActionInput { start_date: "2027-03-01".into(), end_date: "2027-02-01".into(), ..input("x") }).await.unwrap_err();
        assert_eq!(bad.form_errors().unwrap().field("end_date"), Some(K::ErrEndBeforeStart));
        assert_eq!(actions::add_note(&t.db, &coord, SLUG, 2, "2999-01-01", "Framtid", "").await.unwrap_err().form_errors().unwrap().field("note_date"), Some(K::ErrDateInFuture));
        assert_eq!(actions::add_note(&t.db, &coord, SLUG, 2, "", " ", "").await.unwrap_err().form_errors().unwrap().field("body"), Some(K::ErrRequired));
        actions::add_note(&t.db, &coord, SLUG, 2, "2026-11-20", "Underlaget är skickat.", "done").await.unwrap();
        let row = actions::list(&t.db, &coord, SLUG, filter(|f| f.q = "vårdsök".into())).await.unwrap().rows.pop().unwrap();
        assert_eq!(row.latest_note.map(|(d, t)| (d.to_string(), t)), Some(("2026-11-20".into(), "Underlaget är skickat.".into())));
        assert_eq!(row.state, "done");
        let d = actions::detail(&t.db, &coord, SLUG, 2).await.unwrap();
        assert!(d.notes.len() >= 2 && d.notes[0].body == "Underlaget är skickat.", "the newest note first");
        assert!(d.notes.windows(2).all(|w| w[0].date >= w[1].date), "by date, newest first");
    }

    #[tokio::test]
    async fn filters_sorting_counts_and_pages() {
        let t = seeded().await;
        let coord = actor(&t.db, "samordnare@samverkan.test").await;
        let numbers = |l: app::actions::dto::ActionList| l.rows.iter().map(|r| r.number).collect::<Vec<_>>();
        let all = actions::list(&t.db, &coord, SLUG, ActionFilter::default()).await.unwrap();
        assert_eq!(numbers(all.clone()), [1, 2, 3, 4]);
        assert_eq!(all.counts.iter().find(|(s, _)| s == "done").map(|(_, n)| *n), Some(1));
        assert_eq!(numbers(actions::list(&t.db, &coord, SLUG, filter(|f| f.state = "active".into())).await.unwrap()), [1, 2, 4]);
        assert_eq!(numbers(actions::list(&t.db, &coord, SLUG, filter(|f| f.overdue = "1".into())).await.unwrap()), [2], "end date passed and not done");
        assert_eq!(numbers(actions::list(&t.db, &coord, SLUG, filter(|f| f.q = "VÅRDSÖK".into())).await.unwrap()), [2], "text filter ignores case, å included");
        assert_eq!(numbers(actions::list(&t.db, &coord, SLUG, filter(|f| f.q = "%".into())).await.unwrap()), Vec::<i32>::new(), "% is literal");
        let ehm = org_id(&t.db, "E-hälsomyndigheten").await;
        assert_eq!(numbers(actions::list(&t.db, &coord, SLUG, filter(|f| f.organisation = ehm.to_string())).await.unwrap()), [1, 2, 3, 4]);
        let skane = org_id(&t.db, "Region Skåne").await;
        assert_eq!(numbers(actions::list(&t.db, &coord, SLUG, filter(|f| f.organisation = skane.to_string())).await.unwrap()), [4], "as a participant");
        let me = coord.user_id().unwrap();
        assert_eq!(numbers(actions::list(&t.db, &coord, SLUG, filter(|f| f.owner = format!("u{me}"))).await.unwrap()), [1, 2, 4]);
        assert_eq!(numbers(actions::list(&t.db, &coord, SLUG, filter(|f| f.sort = "-number".into())).await.unwrap()), [4, 3, 2, 1]);
        for i in 0..30 {
            actions::create(&t.db, &coord, BASE, SLUG, input(&format!("Aktivitet {i}"))).await.unwrap();
        }
        let p2 = actions::list(&t.db, &coord, SLUG, filter(|f| f.page = "2".into())).await.unwrap();
        assert_eq!((p2.total, p2.pages, p2.rows.len()), (34, 2, 9));
        let tree = app::ssr::services::forums::structure(&t.db, &coord).await.unwrap();
        assert_eq!(tree.roots.iter().find(|n| n.slug == SLUG).map(|n| n.open_actions), Some(33));
    }

    #[tokio::test]
    async fn csv_export_keeps_swedish_letters_and_defuses_formulas() {
        let t = seeded().await;
        let coord = actor(&t.db, "samordnare@samverkan.test").await;
        actions::create(&t.db, &coord, BASE, SLUG, ActionInput { comment: "=HYPERLINK(\"http://x\")".into(), ..input("@Räkna om") }).await.unwrap();
        let (_, rows) = actions::all_rows(&t.db, &coord, SLUG, &ActionFilter::default()).await.unwrap();
        let bytes = actions::to_csv(&rows, |s| s.to_string()).unwrap();
        assert_eq!(&bytes[..3], b"\xEF\xBB\xBF");
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        assert!(text.contains("Ta fram underlag för behov av samverkan gällande uppdrag Vårdsök"));
        assert!(text.contains(";'@Räkna om;") && text.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "{text}");
        assert_eq!(text.lines().count(), 6, "header and five actions");
    }

    #[tokio::test]
    async fn actions_come_from_meetings_and_show_on_the_owners_overview() {
        let t = seeded().await;
        let sec = actor(&t.db, "sekretariat@samverkan.test").await;
        let coord = actor(&t.db, "samordnare@samverkan.test").await;
        let f = forum_id(&t.db, SLUG).await;
        let m = entity::meeting::Entity::find().filter(entity::meeting::Column::ForumId.eq(f)).all(&t.db).await.unwrap();
        let held = m.iter().find(|m| app::ssr::services::meetings::local(m.starts_at).date().to_string() == "2023-09-04").unwrap().id;
        let item = entity::agenda_item::Entity::find().filter(entity::agenda_item::Column::MeetingId.eq(held)).one(&t.db).await.unwrap().unwrap().id;
        let d = app::ssr::services::meetings::detail(&t.db, &sec, held).await.unwrap();
        assert!(d.new_action_choices.is_some(), "after the start the secretariat adds actions here");
        let upcoming = m.iter().find(|m| app::ssr::services::meetings::local(m.starts_at).date().to_string() == "2026-12-08").unwrap().id;
        assert!(app::ssr::services::meetings::detail(&t.db, &sec, upcoming).await.unwrap().new_action_choices.is_none());
        let me = coord.user_id().unwrap();
        let n = actions::create(&t.db, &sec, BASE, SLUG, ActionInput { owner: format!("u{me}"), end_date: "2027-01-15".into(), raised_meeting_id: Some(held), raised_item_id: Some(item), ..input("Sammanställ utvärderingen") })
            .await
            .unwrap();
        let d = actions::detail(&t.db, &sec, SLUG, n).await.unwrap();
        assert_eq!(d.row.raised.map(|(id, day)| (id, day.to_string())), Some((held, "2023-09-04".into())));
        let title = entity::agenda_item::Entity::find_by_id(item).one(&t.db).await.unwrap().unwrap().title;
        assert_eq!(d.raised_item, Some(title), "the item it was raised under, by title");
        assert_eq!(d.row.owner, format!("{} ({})", coord.user.as_ref().unwrap().name, coord.user.as_ref().unwrap().organisation), "the owner with their organisation");
        assert_eq!(numbers_of(actions::list(&t.db, &sec, SLUG, ActionFilter { meeting: held.to_string(), ..Default::default() }).await.unwrap()), [n]);
        let dash = app::ssr::services::forums::dashboard(&t.db, &coord).await.unwrap().unwrap();
        assert!(dash.my_actions.first().is_some_and(|a| a.overdue), "overdue first");
        assert!(dash.my_actions.iter().any(|a| a.number == n && !a.overdue));
        // Taking part is enough: an action owned by someone else, with me among the participants.
        let other = sec.user_id().unwrap();
        let joined = actions::create(&t.db, &sec, BASE, SLUG, ActionInput { owner: format!("u{other}"), participants: vec![me], end_date: "2027-02-01".into(), ..input("Samla in synpunkter") })
            .await
            .unwrap();
        let listed = actions::list(&t.db, &sec, SLUG, ActionFilter { q: "samla in synpunkter".into(), ..Default::default() }).await.unwrap();
        let u = coord.user.as_ref().unwrap();
        assert_eq!(listed.rows.iter().map(|r| (r.number, r.participants.clone())).collect::<Vec<_>>(), [(joined, format!("{} ({})", u.name, u.organisation))]);
        let dash = app::ssr::services::forums::dashboard(&t.db, &coord).await.unwrap().unwrap();
        assert!(dash.my_actions.iter().any(|a| a.number == joined), "a participant sees the action");
        let owner_dash = app::ssr::services::forums::dashboard(&t.db, &sec).await.unwrap().unwrap();
        assert!(owner_dash.my_actions.iter().any(|a| a.number == joined) && !owner_dash.my_actions.iter().any(|a| a.number == n), "the owner sees it, not the others'");
    }

    fn numbers_of(l: app::actions::dto::ActionList) -> Vec<i32> {
        l.rows.iter().map(|r| r.number).collect()
    }
}

mod action_feedback_and_reminders {
    use super::*;
    use app::ssr::services::actions::{self, ActionInput};
    use app::ssr::services::{agenda, meetings, reminders};
    use sea_orm::QueryOrder;

    const SLUG: &str = "aktorsrad-vard";

    /// The next Aktörsråd vård (3 December 2026) gets a feedback item; the meeting before it is the
    /// one of 1 September 2023. Returns (previous meeting, next meeting).
    async fn with_feedback_item(db: &sea_orm::DatabaseConnection) -> (i32, i32) {
        let sec = actor(db, "sekretariat@samverkan.test").await;
        let f = forum_id(db, SLUG).await;
        let all = entity::meeting::Entity::find().filter(entity::meeting::Column::ForumId.eq(f)).order_by_asc(entity::meeting::Column::StartsAt).all(db).await.unwrap();
        let on = |d: &str| all.iter().find(|m| meetings::local(m.starts_at).date().to_string() == d).unwrap().id;
        let (second, third) = (on("2023-09-01"), on("2026-12-03"));
        agenda::add_item(db, &sec, third, item("Återkoppling föregående möte", "15", "feedback")).await.unwrap();
        (second, third)
    }

    #[tokio::test]
    async fn the_feedback_item_shows_the_previous_meetings_actions_then_and_now() {
        let t = seeded().await;
        let coord = actor(&t.db, "samordnare@samverkan.test").await;
        let (second, third) = with_feedback_item(&t.db).await;
        // Raised at the previous meeting (recorded now; its state then is where its first change started).
        let raised = actions::create(&t.db, &coord, BASE, SLUG, ActionInput { title: "Ny vid förra mötet".into(), raised_meeting_id: Some(second), ..Default::default() }).await.unwrap();
        actions::add_note(&t.db, &coord, SLUG, raised, "", "Påbörjad.", "in_progress").await.unwrap();
        let d = meetings::detail(&t.db, &coord, third).await.unwrap();
        let fb = d.feedback.expect("a feedback item brings the previous meeting's actions");
        assert_eq!(fb.previous_id, second, "the meeting before this one");
        let new = fb.actions.iter().find(|a| a.number == raised).expect("raised there");
        assert!(new.raised_there);
        assert_eq!((new.state_then.as_str(), new.state_now.as_str()), ("open", "in_progress"));
        assert_eq!(new.notes_since.len(), 1);
        let me = coord.user.as_ref().unwrap();
        assert_eq!(new.notes_since[0].author, me.name, "the author of a note since is named");
        assert!(fb.actions.iter().filter(|a| a.number == 2).all(|a| !a.owner.is_empty()), "owners are named");
        assert!(new.can_note);
        // Demo action 2 (overdue, open since 2023) was open then and is listed; action 1 was done then.
        assert!(fb.actions.iter().any(|a| a.number == 2 && a.state_then == "open"));
        assert!(!fb.actions.iter().any(|a| a.number == 1), "done before the previous meeting");
        // The action pages say where they were followed up, computed the same way.
        let two = actions::detail(&t.db, &coord, SLUG, 2).await.unwrap();
        assert_eq!(two.reviewed_at.iter().map(|(id, _)| *id).collect::<Vec<_>>(), [third]);
        assert!(actions::detail(&t.db, &coord, SLUG, 1).await.unwrap().reviewed_at.is_empty());
        // A member sees the same section but may not note.
        let member = actor(&t.db, "region.skane@samverkan.test").await;
        let seen = meetings::detail(&t.db, &member, third).await.unwrap().feedback.unwrap();
        assert!(seen.actions.iter().all(|a| !a.can_note));
    }

    #[tokio::test]
    async fn a_long_feedback_list_is_cut_with_the_news_first() {
        let t = seeded().await;
        let coord = actor(&t.db, "samordnare@samverkan.test").await;
        let (second, third) = with_feedback_item(&t.db).await;
        let before = meetings::detail(&t.db, &coord, third).await.unwrap().feedback.unwrap();
        let quiet: Vec<i32> = before.actions.iter().filter(|a| !a.raised_there && a.notes_since.is_empty() && a.state_then == a.state_now).map(|a| a.number).collect();
        assert!(!quiet.is_empty(), "the demo has open actions without news since the previous meeting");
        for i in 0..actions::FEEDBACK_SHOWN {
            let input = ActionInput { title: format!("Uppföljning {i}"), raised_meeting_id: Some(second), ..Default::default() };
            actions::create(&t.db, &coord, BASE, SLUG, input).await.unwrap();
        }
        let fb = meetings::detail(&t.db, &coord, third).await.unwrap().feedback.unwrap();
        assert_eq!(fb.total, before.total + actions::FEEDBACK_SHOWN, "the total counts every action open then");
        assert_eq!(fb.actions.len(), actions::FEEDBACK_SHOWN, "the list is cut");
        assert!(fb.actions.iter().all(|a| !quiet.contains(&a.number)), "actions with news come before those without");
        let numbers: Vec<i32> = fb.actions.iter().map(|a| a.number).collect();
        assert!(numbers.windows(2).all(|w| w[0] < w[1]), "shown in number order: {numbers:?}");
    }

    #[tokio::test]
    async fn owners_are_reminded_once_even_with_two_workers() {
        let t = seeded().await;
        let coord = actor(&t.db, "samordnare@samverkan.test").await;
        let me = coord.user_id().unwrap();
        let soon = (chrono::Utc::now() + chrono::Duration::days(3)).format("%Y-%m-%d").to_string();
        let n = actions::create(&t.db, &coord, BASE, SLUG, ActionInput { title: "Snart klar".into(), owner: format!("u{me}"), end_date: soon, ..Default::default() }).await.unwrap();
        let (a, b) = tokio::join!(reminders::remind_actions(&t.db, BASE), reminders::remind_actions(&t.db, BASE));
        let first_round = a.unwrap() + b.unwrap();
        let mails = outbox_to(&t.db, "samordnare@samverkan.test").await;
        let about = |n: i32| mails.iter().filter(|m| m.body_text.contains(&format!("/actions/{n}\n")) || m.body_text.contains(&format!("/actions/{n}\r"))).count();
        assert_eq!(about(n), 1, "due soon: one mail");
        assert_eq!(mails.len(), first_round, "every claimed reminder is one mail");
        assert_eq!(reminders::remind_actions(&t.db, BASE).await.unwrap(), 0, "nothing twice");
        // Demo action 2 of the strategic forum is overdue: its owner got that mail in the first round.
        assert!(mails.iter().any(|m| m.subject.contains("Ta fram underlag för behov av samverkan")));
    }
}

mod escalation {
    use super::*;
    use app::ssr::services::actions::{self, ActionInput};
    use app::ssr::services::{agenda, escalation, meetings};

    #[tokio::test]
    async fn an_action_escalates_to_the_parent_list_and_both_sides_link() {
        let t = seeded().await;
        let coord = actor(&t.db, "samordnare@samverkan.test").await;
        let member = actor(&t.db, "region.skane@samverkan.test").await;
        let n = actions::create(&t.db, &coord, BASE, "aktorsrad-vard", ActionInput { title: "Gemensam tolkning av regelverket".into(), ..Default::default() }).await.unwrap();
        assert_eq!(escalation::escalate_action(&t.db, &member, "aktorsrad-vard", n).await.unwrap_err(), AppError::Forbidden);
        let (parent, copy) = escalation::escalate_action(&t.db, &coord, "aktorsrad-vard", n).await.unwrap();
        assert_eq!((parent.as_str(), copy), ("strategiskt-samverkansforum", 5), "the parent's next number");
        assert_eq!(escalation::escalate_action(&t.db, &coord, "aktorsrad-vard", n).await.unwrap_err(), AppError::form(K::ErrAlreadyEscalated));
        let child = actions::detail(&t.db, &member, "aktorsrad-vard", n).await.unwrap();
        assert_eq!(child.escalated_to.as_ref().map(|l| (l.number, l.state.as_str())), Some((5, "open")));
        assert!(!child.can_escalate);
        // The state on the other side is read live.
        actions::add_note(&t.db, &coord, "strategiskt-samverkansforum", 5, "", "Tas upp i det strategiska forumet.", "in_progress").await.unwrap();
        let child = actions::detail(&t.db, &member, "aktorsrad-vard", n).await.unwrap();
        assert_eq!(child.escalated_to.map(|l| l.state), Some("in_progress".into()));
        let top = actions::detail(&t.db, &member, "strategiskt-samverkansforum", 5).await.unwrap();
        assert_eq!(top.escalated_from.map(|l| (l.forum_slug, l.number)), Some(("aktorsrad-vard".into(), n)));
        // The strategic forum has no parent.
        assert!(!top.can_escalate);
        assert_eq!(escalation::escalate_action(&t.db, &coord, "strategiskt-samverkansforum", 5).await.unwrap_err(), AppError::form(K::ErrNoParentForum));
        // An outsider of the child forum sees no link into it.
        let apotek = actor(&t.db, "apotek@samverkan.test").await;
        assert!(actions::detail(&t.db, &apotek, "strategiskt-samverkansforum", 5).await.unwrap().escalated_from.is_none());
    }

    #[tokio::test]
    async fn an_agenda_item_escalates_to_the_parents_next_meeting() {
        let t = seeded().await;
        let sec = actor(&t.db, "sekretariat@samverkan.test").await;
        let id = meeting_in(&t, &sec, "2026-12-10").await;
        let item_id = agenda::add_item(&t.db, &sec, id, item("Regionernas behov av testmiljö", "20", "discussion")).await.unwrap();
        let target = escalation::escalate_item(&t.db, &sec, item_id).await.unwrap();
        let top = meetings::detail(&t.db, &sec, target).await.unwrap();
        assert_eq!(meetings::local(entity::meeting::Entity::find_by_id(target).one(&t.db).await.unwrap().unwrap().starts_at).date().to_string(), "2026-12-08");
        let copy = top.agenda.items.iter().find(|i| i.title == "Regionernas behov av testmiljö").expect("on the parent's agenda");
        assert_eq!(copy.escalated_from.as_ref().map(|l| l.forum_name.as_str()), Some("Aktörsråd vård"));
        assert_eq!(top.agenda.items.last().map(|i| i.kind.as_str()), Some("summary"), "before the close");
        let own = meetings::detail(&t.db, &sec, id).await.unwrap();
        let orig = own.agenda.items.iter().find(|i| i.id == item_id).unwrap();
        assert_eq!(orig.escalated_to.as_ref().map(|l| (l.meeting_id, l.status.as_str())), Some((target, "planned")));
        assert_eq!(escalation::escalate_item(&t.db, &sec, item_id).await.unwrap_err(), AppError::form(K::ErrAlreadyEscalated));
    }
}

async fn meeting_on(db: &sea_orm::DatabaseConnection, slug: &str, date: &str) -> i32 {
    let f = forum_id(db, slug).await;
    entity::meeting::Entity::find()
        .filter(entity::meeting::Column::ForumId.eq(f))
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .find(|m| app::ssr::services::meetings::local(m.starts_at).date().to_string() == date)
        .expect("meeting on that date")
        .id
}

async fn audit_count(db: &sea_orm::DatabaseConnection, action: &str) -> usize {
    entity::audit_event::Entity::find().filter(entity::audit_event::Column::Action.eq(action)).all(db).await.unwrap().len()
}

mod summaries {
    use super::*;
    use app::i18n::Lang;
    use app::ssr::services::summaries;
    use app::summaries::dto::DiffTag;

    const SLUG: &str = "strategiskt-samverkansforum";

    #[tokio::test]
    async fn a_summary_goes_from_draft_through_review_to_published_and_revised() {
        let t = seeded().await;
        let sec = actor(&t.db, "sekretariat@samverkan.test").await;
        let member = actor(&t.db, "region.skane@samverkan.test").await;
        let apotek = actor(&t.db, "apotek@samverkan.test").await;
        let outsider_forum_member = actor(&t.db, "samordnare@samverkan.test").await;
        let m = meeting_on(&t.db, SLUG, "2023-01-31").await;
        // Nothing yet: the secretariat gets a template, members see nothing.
        let p = summaries::page(&t.db, &sec, Lang::Sv, m).await.unwrap();
        assert_eq!(p.state, "none");
        assert!(p.editable.as_deref().is_some_and(|e| e.contains("## Beslut")));
        assert_eq!(summaries::save_draft(&t.db, &member, m, "x").await.unwrap_err(), AppError::Forbidden);
        summaries::save_draft(&t.db, &sec, m, "## Utvärdering\n\n5 av 18 har svarat.\n").await.unwrap();
        let p = summaries::page(&t.db, &member, Lang::Sv, m).await.unwrap();
        assert_eq!((p.state.as_str(), p.body_html.as_str()), ("none", ""), "a draft is not shown to members");
        // Review by one named member: only she may read the draft besides the secretariat.
        let reviewer = member.user_id().unwrap();
        assert_eq!(summaries::start_review(&t.db, &sec, BASE, m, &[]).await.unwrap_err().form_errors().and_then(|f| f.field("reviewers")), Some(K::ErrChooseReviewers));
        assert_eq!(summaries::start_review(&t.db, &sec, BASE, m, &[reviewer]).await.unwrap(), 1);
        assert_eq!(outbox_to(&t.db, "region.skane@samverkan.test").await.len(), 1);
        let p = summaries::page(&t.db, &member, Lang::Sv, m).await.unwrap();
        assert!(p.i_am_reviewer && p.body_html.contains("5 av 18"));
        let dash = app::ssr::services::forums::dashboard(&t.db, &member).await.unwrap().unwrap();
        assert_eq!(dash.summaries_to_review.iter().map(|d| d.id).collect::<Vec<_>>(), vec![m], "waiting for the reviewer");
        assert_eq!(summaries::page(&t.db, &apotek, Lang::Sv, m).await.unwrap().body_html, "");
        app::ssr::services::comments::post(&t.db, &member, BASE, "summary", m, None, "Lägg till att sammanställningen skjuts upp.").await.unwrap();
        assert_eq!(app::ssr::services::comments::post(&t.db, &apotek, BASE, "summary", m, None, "x").await.unwrap_err(), AppError::Forbidden);
        // Publishing locks it, marks the meeting and mails every member once.
        let queued = summaries::publish(&t.db, &sec, BASE, m).await.unwrap();
        assert!(queued >= 3, "{queued}");
        let mails = outbox_to(&t.db, "apotek@samverkan.test").await;
        assert!(mails.iter().any(|o| o.subject.starts_with("Summering") && o.body_text.contains("5 av 18") && o.body_html.as_deref().is_some_and(|h| h.contains("<h2>Utvärdering</h2>"))));
        assert_eq!(entity::meeting::Entity::find_by_id(m).one(&t.db).await.unwrap().unwrap().status, "summary_published");
        assert_eq!(summaries::save_draft(&t.db, &sec, m, "ändrat").await.unwrap_err().message(), K::ErrSummaryLocked);
        assert_eq!(summaries::publish(&t.db, &sec, BASE, m).await.unwrap_err().message(), K::ErrSummaryLocked);
        let p = summaries::page(&t.db, &apotek, Lang::Sv, m).await.unwrap();
        assert_eq!(p.state, "published");
        assert!(p.published_at.is_some() && p.revised_at.is_none());
        assert_eq!(p.thread.comments.len(), 1, "review comments stay with the summary");
        assert!(summaries::page(&t.db, &outsider_forum_member, Lang::Sv, m).await.is_ok());
        // A correction needs a reason and a change; both texts are kept.
        let err = summaries::revise(&t.db, &sec, m, "## Utvärdering\n\n6 av 18 har svarat.\n", " ").await.unwrap_err();
        let f = err.form_errors().unwrap();
        assert_eq!(f.field("reason"), Some(K::ErrRequired));
        assert_eq!(f.value("body").as_deref(), Some("## Utvärdering\n\n6 av 18 har svarat.\n"), "what was typed comes back");
        assert_eq!(summaries::revise(&t.db, &sec, m, "## Utvärdering\n\n5 av 18 har svarat.", "x").await.unwrap_err().form_errors().and_then(|f| f.field("body")), Some(K::ErrNothingChanged));
        assert_eq!(summaries::revise(&t.db, &sec, m, "## Utvärdering\n\n6 av 18 har svarat.\n", "Ett svar till kom in").await.unwrap(), 2);
        let p = summaries::page(&t.db, &member, Lang::Sv, m).await.unwrap();
        assert!(p.body_html.contains("6 av 18") && p.revised_at.is_some());
        assert_eq!(p.revisions.iter().map(|r| r.number).collect::<Vec<_>>(), vec![2, 1]);
        assert_eq!((p.revisions[0].author.as_str(), p.revisions[0].reason.as_deref()), (sec.user.as_ref().unwrap().name.as_str(), Some("Ett svar till kom in")));
        assert_eq!(p.reviewers, [member.user.as_ref().unwrap().name.clone()], "the reviewer is named");
        let d = summaries::diff(&t.db, &member, m, 1, 2).await.unwrap();
        assert!(d.lines.iter().any(|l| l.tag == DiffTag::Removed && l.parts.iter().any(|(e, s)| *e && s.contains('5'))));
        assert!(d.lines.iter().any(|l| l.tag == DiffTag::Added && l.parts.iter().any(|(e, s)| *e && s.contains('6'))));
        assert_eq!(summaries::diff(&t.db, &member, m, 1, 3).await.unwrap_err(), AppError::NotFound);
        for a in ["summary.review", "summary.published", "summary.revised"] {
            assert_eq!(audit_count(&t.db, a).await, 1, "{a}");
        }
    }

    #[tokio::test]
    async fn a_members_only_summary_is_refused_outside_the_forum() {
        let t = seeded().await;
        let sec = actor(&t.db, "sekretariat@samverkan.test").await;
        let apotek = actor(&t.db, "apotek@samverkan.test").await; // not in Aktörsråd vård
        let m = meeting_on(&t.db, "aktorsrad-vard", "2023-09-01").await;
        summaries::save_draft(&t.db, &sec, m, "Text").await.unwrap();
        summaries::publish(&t.db, &sec, BASE, m).await.unwrap();
        assert_eq!(summaries::page(&t.db, &apotek, Lang::Sv, m).await.unwrap_err(), AppError::Forbidden);
        assert_eq!(summaries::page(&t.db, &Actor::anonymous(), Lang::Sv, m).await.unwrap_err(), AppError::Unauthenticated);
        assert_eq!(summaries::diff(&t.db, &apotek, m, 1, 1).await.unwrap_err(), AppError::Forbidden);
    }
}

mod comments {
    use super::*;
    use app::comments::dto::CommentState;
    use app::ssr::services::comments;
    use sea_orm::{ActiveModelTrait, Set};

    #[tokio::test]
    async fn comments_reply_edit_delete_and_hide() {
        let t = seeded().await;
        let sec = actor(&t.db, "sekretariat@samverkan.test").await;
        let member = actor(&t.db, "region.skane@samverkan.test").await;
        let coord = actor(&t.db, "samordnare@samverkan.test").await;
        let apotek = actor(&t.db, "apotek@samverkan.test").await;
        let m = meeting_on(&t.db, "aktorsrad-vard", "2026-12-03").await;
        let item = entity::agenda_item::Entity::find().filter(entity::agenda_item::Column::MeetingId.eq(m)).one(&t.db).await.unwrap().unwrap().id;
        let c1 = comments::post(&t.db, &member, BASE, "item", item, None, "Vi tar med **underlag**.").await.unwrap();
        let r1 = comments::post(&t.db, &coord, BASE, "item", item, Some(c1), "Tack!").await.unwrap();
        // A reply to a reply joins the first level.
        let r2 = comments::post(&t.db, &member, BASE, "item", item, Some(r1), "Varsågod.").await.unwrap();
        assert_eq!(entity::comment::Entity::find_by_id(r2).one(&t.db).await.unwrap().unwrap().parent_id, Some(c1));
        assert_eq!(comments::post(&t.db, &apotek, BASE, "item", item, None, "x").await.unwrap_err(), AppError::Forbidden);
        assert_eq!(comments::post(&t.db, &Actor::anonymous(), BASE, "item", item, None, "x").await.unwrap_err(), AppError::Unauthenticated);
        let empty = comments::post(&t.db, &member, BASE, "agenda", m, None, "  ").await.unwrap_err();
        assert_eq!(empty.form_errors().and_then(|f| f.field("body")), Some(K::ErrRequired));
        // Edit: the author, within 15 minutes.
        assert_eq!(comments::edit(&t.db, &coord, c1, "Ändrat").await.unwrap_err(), AppError::Forbidden);
        comments::edit(&t.db, &member, c1, "Vi tar med underlag och en tidplan.").await.unwrap();
        let old = chrono::Utc::now() - chrono::Duration::minutes(16);
        entity::comment::ActiveModel { id: Set(r2), created_at: Set(old), ..Default::default() }.update(&t.db).await.unwrap();
        assert_eq!(comments::edit(&t.db, &member, r2, "Sent").await.unwrap_err().message(), K::ErrEditWindowOver);
        // Delete one's own; the secretariat hides another with a reason.
        comments::delete(&t.db, &member, r2).await.unwrap();
        assert_eq!(comments::hide(&t.db, &member, r1, "Fel forum").await.unwrap_err(), AppError::Forbidden);
        assert_eq!(comments::hide(&t.db, &sec, r1, " ").await.unwrap_err().form_errors().and_then(|f| f.field("reason")), Some(K::ErrRequired));
        comments::hide(&t.db, &sec, r1, "Fel forum").await.unwrap();
        assert_eq!(audit_count(&t.db, "comment.hidden").await, 1);
        let d = app::ssr::services::meetings::detail(&t.db, &member, m).await.unwrap();
        let th = d.item_threads.iter().find(|th| th.target_id == item).unwrap();
        assert_eq!(th.count, 3);
        let c = &th.comments[0];
        assert!(c.edited && c.body_html.contains("tidplan") && c.organisation == "Region Skåne");
        assert!(c.editable_body.is_some() && c.can_delete && !c.can_hide);
        assert_eq!(c.replies[0].state, CommentState::Hidden("Fel forum".into()));
        assert_eq!(c.replies[0].body_html, "");
        assert_eq!(c.replies[1].state, CommentState::Deleted);
        let for_sec = app::ssr::services::meetings::detail(&t.db, &sec, m).await.unwrap();
        assert!(for_sec.item_threads.iter().find(|th| th.target_id == item).unwrap().comments[0].can_hide);
    }

    #[tokio::test]
    async fn agendas_take_comments_only_once_published() {
        let t = seeded().await;
        let sec = actor(&t.db, "sekretariat@samverkan.test").await;
        let member = actor(&t.db, "region.skane@samverkan.test").await;
        let input = app::ssr::services::meetings::MeetingInput { title: "Extra".into(), date: "2027-02-01".into(), start: "10.00".into(), end: "11.00".into(), status: "planned".into(), ..Default::default() };
        let m = app::ssr::services::meetings::create(&t.db, &sec, "aktorsrad-vard", input).await.unwrap();
        assert_eq!(comments::post(&t.db, &member, BASE, "agenda", m, None, "Hej").await.unwrap_err().message(), K::ErrCommentsClosed);
    }
}

mod audit {
    use super::*;
    use app::ssr::services::audit::{self, AuditFilter};
    use sea_orm::{ConnectionTrait, Statement};

    #[tokio::test]
    async fn logins_and_changes_are_recorded_and_the_log_cannot_be_changed() {
        let t = seeded().await;
        let admin = actor(&t.db, "admin@samverkan.test").await;
        let sec = actor(&t.db, "sekretariat@samverkan.test").await;
        let _ = auth::login(&t.db, "region.skane@samverkan.test", "fel lösenord", "192.0.2.7").await.unwrap_err();
        auth::login(&t.db, "region.skane@samverkan.test", PASSWORD, "192.0.2.7").await.unwrap();
        let failed = audit::list(&t.db, &admin, &AuditFilter { action: "login.failed".into(), ..Default::default() }).await.unwrap();
        assert_eq!(failed.total, 1);
        assert_eq!((failed.rows[0].who.as_str(), failed.rows[0].ip.as_str()), ("region.skane@samverkan.test", "192.0.2.7"));
        assert_eq!(audit_count(&t.db, "login.success").await, 1);
        let skane = entity::user::Entity::find().filter(entity::user::Column::Email.eq("region.skane@samverkan.test")).one(&t.db).await.unwrap().unwrap().id;
        let f = forum_id(&t.db, "aktorsrad-vard").await;
        accounts::set_forum_role(&t.db, &sec, skane, f, "coordinator").await.unwrap();
        let roles = audit::list(&t.db, &admin, &AuditFilter { action: "role.changed".into(), who: "Johanna".into(), ..Default::default() }).await.unwrap();
        assert_eq!(roles.total, 1);
        assert!(roles.rows[0].detail.ends_with("member → coordinator"), "{}", roles.rows[0].detail);
        // Only admins read it; nobody changes it, not even with SQL.
        assert_eq!(audit::list(&t.db, &sec, &AuditFilter::default()).await.unwrap_err(), AppError::Forbidden);
        let backend = t.db.get_database_backend();
        assert!(t.db.execute(Statement::from_string(backend, "UPDATE audit_events SET detail = 'x'")).await.is_err());
        assert!(t.db.execute(Statement::from_string(backend, "DELETE FROM audit_events")).await.is_err());
        let all = audit::list(&t.db, &admin, &AuditFilter::default()).await.unwrap();
        assert_eq!(all.total, 3);
        let today = chrono::Utc::now().date_naive();
        let tomorrow = today.succ_opt().unwrap();
        assert_eq!(audit::list(&t.db, &admin, &AuditFilter { from: Some(tomorrow + chrono::Duration::days(1)), ..Default::default() }).await.unwrap().total, 0);
    }
}

mod notifications {
    use super::*;
    use app::ssr::services::{notify, summaries};
    use std::collections::BTreeMap;

    const SLUG: &str = "strategiskt-samverkansforum";

    #[tokio::test]
    async fn immediate_digest_and_off_each_do_what_they_say() {
        let t = seeded().await;
        let sec = actor(&t.db, "sekretariat@samverkan.test").await;
        let skane = actor(&t.db, "region.skane@samverkan.test").await;
        let apotek = actor(&t.db, "apotek@samverkan.test").await;
        let coord = actor(&t.db, "samordnare@samverkan.test").await;
        let f = forum_id(&t.db, SLUG).await;
        let choose = |mode: &str| BTreeMap::from([(f.to_string(), mode.to_string())]);
        notify::save_settings(&t.db, &skane, &choose("digest")).await.unwrap();
        notify::save_settings(&t.db, &coord, &choose("off")).await.unwrap();
        assert_eq!(notify::save_settings(&t.db, &apotek, &choose("loud")).await.unwrap_err().form_errors().and_then(|e| e.field("mode")), Some(K::ErrChoose));
        assert_eq!(notify::settings(&t.db, &skane).await.unwrap().iter().find(|s| s.forum_id == f).map(|s| s.mode.as_str()), Some("digest"));
        // Two changes in the forum.
        for date in ["2023-01-31", "2023-04-05"] {
            let m = meeting_on(&t.db, SLUG, date).await;
            summaries::save_draft(&t.db, &sec, m, &format!("Summering {date}")).await.unwrap();
            summaries::publish(&t.db, &sec, BASE, m).await.unwrap();
        }
        // Immediate: a mail with the unsubscribe address; digest and off: no mail now.
        let now_mail = outbox_to(&t.db, "apotek@samverkan.test").await;
        assert_eq!(now_mail.len(), 2);
        assert!(now_mail.iter().all(|m| m.unsubscribe_url.as_deref().is_some_and(|u| u.contains("/one-click?forum=")) && m.body_text.contains("/unsubscribe/")));
        assert!(outbox_to(&t.db, "region.skane@samverkan.test").await.is_empty());
        assert!(outbox_to(&t.db, "samordnare@samverkan.test").await.is_empty());
        // The digest waits for seven o'clock the next morning, then goes once, grouped by forum.
        let created = entity::notification::Entity::find().all(&t.db).await.unwrap();
        assert_eq!(created.len(), 2);
        let before = chrono::Utc::now();
        assert_eq!(notify::send_digests(&t.db, BASE, before).await.unwrap(), 0, "nothing is due before the next cut-off");
        let next_morning = app::ssr::services::meetings::to_utc(app::ssr::services::meetings::local(before).date().succ_opt().unwrap().and_hms_opt(7, 30, 0).unwrap()).unwrap();
        assert_eq!(notify::send_digests(&t.db, BASE, next_morning).await.unwrap(), 1);
        assert_eq!(notify::send_digests(&t.db, BASE, next_morning).await.unwrap(), 0, "never twice, never empty");
        let digest = outbox_to(&t.db, "region.skane@samverkan.test").await;
        assert_eq!(digest.len(), 1);
        assert!(digest[0].subject.ends_with("(2)"), "{}", digest[0].subject);
        assert_eq!(digest[0].body_text.matches("Strategiskt samverkansforum\n").count(), 1, "one heading per forum:\n{}", digest[0].body_text);
        assert_eq!(digest[0].body_text.matches("/summary").count(), 2);
    }

    #[tokio::test]
    async fn the_unsubscribe_link_needs_no_sign_in_and_stops_the_forums_mail() {
        let t = seeded().await;
        let sec = actor(&t.db, "sekretariat@samverkan.test").await;
        let m = meeting_on(&t.db, SLUG, "2023-01-31").await;
        summaries::save_draft(&t.db, &sec, m, "Text").await.unwrap();
        summaries::publish(&t.db, &sec, BASE, m).await.unwrap();
        let mail = outbox_to(&t.db, "apotek@samverkan.test").await.pop().unwrap();
        let one_click = mail.unsubscribe_url.unwrap();
        let token = one_click.split("/unsubscribe/").nth(1).unwrap().split('/').next().unwrap().to_string();
        let f = forum_id(&t.db, SLUG).await;
        assert_eq!(notify::unsubscribe_info(&t.db, &token, Some(f)).await.unwrap().forum.map(|(_, n)| n).as_deref(), Some("Strategiskt samverkansforum"));
        assert_eq!(notify::unsubscribe(&t.db, "fel-token-som-inte-finns", Some(f)).await.unwrap_err(), AppError::NotFound);
        notify::unsubscribe(&t.db, &token, Some(f)).await.unwrap();
        let m2 = meeting_on(&t.db, SLUG, "2023-04-05").await;
        summaries::save_draft(&t.db, &sec, m2, "Text").await.unwrap();
        summaries::publish(&t.db, &sec, BASE, m2).await.unwrap();
        assert_eq!(outbox_to(&t.db, "apotek@samverkan.test").await.len(), 1, "no more mail from that forum");
    }

    #[tokio::test]
    async fn owners_hear_about_assignments_and_authors_about_replies() {
        let t = seeded().await;
        let sec = actor(&t.db, "sekretariat@samverkan.test").await;
        let skane = actor(&t.db, "region.skane@samverkan.test").await;
        let apotek = actor(&t.db, "apotek@samverkan.test").await;
        let input = app::ssr::services::actions::ActionInput { title: "Sammanställ synpunkter".into(), owner: format!("u{}", skane.user_id().unwrap()), state: "open".into(), ..Default::default() };
        let n = app::ssr::services::actions::create(&t.db, &sec, BASE, SLUG, input).await.unwrap();
        let assigned = outbox_to(&t.db, "region.skane@samverkan.test").await;
        assert_eq!(assigned.len(), 1);
        assert!(assigned[0].subject.contains("Sammanställ synpunkter"));
        let id = app::ssr::services::actions::detail(&t.db, &sec, SLUG, n).await.unwrap().id;
        let c = app::ssr::services::comments::post(&t.db, &apotek, BASE, "action", id, None, "Vi bidrar.").await.unwrap();
        assert_eq!(outbox_to(&t.db, "region.skane@samverkan.test").await.len(), 2, "the owner hears of a comment");
        app::ssr::services::comments::post(&t.db, &skane, BASE, "action", id, Some(c), "Tack!").await.unwrap();
        assert_eq!(outbox_to(&t.db, "apotek@samverkan.test").await.len(), 1, "the author hears of a reply");
        assert_eq!(outbox_to(&t.db, "region.skane@samverkan.test").await.len(), 2, "not of one's own");
    }
}

mod feeds {
    use super::*;
    use app::ssr::services::{feeds, summaries};

    #[tokio::test]
    async fn the_feed_shows_public_forums_to_anyone_and_a_members_forums_with_the_token() {
        let t = seeded().await;
        let apotek = actor(&t.db, "apotek@samverkan.test").await;
        // A public forum's summary, and the members-only strategic forum's.
        let public = meeting_on(&t.db, "dialogmote-testbevis", "2022-02-04").await;
        let admin = actor(&t.db, "admin@samverkan.test").await;
        summaries::save_draft(&t.db, &admin, public, "Tjänsten för testbevis <script>alert(1)</script>").await.unwrap();
        summaries::publish(&t.db, &admin, BASE, public).await.unwrap();
        let anon = feeds::atom(&t.db, &Actor::anonymous(), BASE).await.unwrap();
        let parsed: atom_syndication::Feed = anon.parse().expect("valid Atom");
        assert!(parsed.entries().iter().any(|e| e.id() == format!("{BASE}/meetings/{public}/summary")));
        let by = |f: &atom_syndication::Feed, forum: &str| f.entries().iter().any(|e| e.authors().iter().any(|a| a.name() == forum));
        assert!(by(&parsed, "Dialogmöte – tjänst för testbevis"));
        assert!(!by(&parsed, "Strategiskt samverkansforum"), "members-only forums stay out");
        assert!(!anon.contains("<script>") && !anon.contains("&lt;script&gt;alert"), "the content is sanitized");
        let strategic = meeting_on(&t.db, "strategiskt-samverkansforum", "2023-09-04").await;
        let mine = feeds::atom(&t.db, &apotek, BASE).await.unwrap();
        let parsed: atom_syndication::Feed = mine.parse().unwrap();
        assert!(parsed.entries().iter().any(|e| e.id() == format!("{BASE}/meetings/{strategic}/summary")));
        assert!(!by(&parsed, "Aktörsråd vård"), "not a forum of this person");
        assert!(parsed.entries().len() as u64 <= feeds::MAX_ENTRIES);
    }
}

mod search {
    use super::*;
    use app::ssr::services::search::search;

    #[tokio::test]
    async fn search_finds_what_the_reader_may_read_and_nothing_else() {
        let t = seeded().await;
        let sec = actor(&t.db, "sekretariat@samverkan.test").await;
        let skane = actor(&t.db, "region.skane@samverkan.test").await;
        let apotek = actor(&t.db, "apotek@samverkan.test").await;
        // Seeded summary text, found by a prefix, ranked and highlighted.
        let r = search(&t.db, &skane, "sammanställning", 0).await.unwrap();
        assert!(r.hits.iter().any(|h| h.kind == "summary" && h.snippet_html.contains("<mark>")), "{r:?}");
        // A comment in Aktörsråd vård: its members find it, a member of another forum does not.
        assert_eq!(search(&t.db, &skane, "förankra", 0).await.unwrap().hits.iter().filter(|h| h.kind == "comment").count(), 1);
        let none = search(&t.db, &apotek, "förankra", 0).await.unwrap();
        assert_eq!((none.total, none.hits.len()), (0, 0));
        assert_eq!(search(&t.db, &Actor::anonymous(), "sammanställning", 0).await.unwrap().total, 0, "members-only forums are not public");
        // A draft agenda is not searchable until it is published.
        let m = meeting_on(&t.db, "aktorsrad-vard", "2023-09-01").await;
        let item = app::ssr::services::agenda::ItemInput { title: "Zebrafinkar i förvaltningen".into(), duration_minutes: "10".into(), kind: "information".into(), ..Default::default() };
        app::ssr::services::agenda::add_item(&t.db, &sec, m, item).await.unwrap();
        assert_eq!(search(&t.db, &skane, "zebrafinkar", 0).await.unwrap().total, 0);
        assert_eq!(search(&t.db, &sec, "zebrafink", 0).await.unwrap().total, 0, "drafts stay out of search for everyone");
        app::ssr::services::agenda::publish(&t.db, &sec, BASE, m).await.unwrap();
        let found = search(&t.db, &skane, "zebrafinkar", 0).await.unwrap();
        assert_eq!(found.total, 1);
        assert_eq!(found.hits[0].url, format!("/meetings/{m}#item-{}", entity::agenda_item::Entity::find().filter(entity::agenda_item::Column::Title.eq("Zebrafinkar i förvaltningen")).one(&t.db).await.unwrap().unwrap().id));
        // A hidden comment leaves the index.
        let c = app::ssr::services::comments::post(&t.db, &skane, BASE, "agenda", m, None, "Pelikaner är inte på dagordningen.").await.unwrap();
        assert_eq!(search(&t.db, &skane, "pelikaner", 0).await.unwrap().total, 1);
        app::ssr::services::comments::hide(&t.db, &sec, c, "Fel möte").await.unwrap();
        assert_eq!(search(&t.db, &skane, "pelikaner", 0).await.unwrap().total, 0);
        // Actions and their status notes.
        assert!(search(&t.db, &skane, "Vårdsök", 0).await.unwrap().hits.iter().any(|h| h.kind == "action" && h.url.starts_with("/forums/strategiskt-samverkansforum/actions/")));
        assert_eq!(search(&t.db, &skane, "  ", 0).await.unwrap().total, 0);
    }

    #[tokio::test]
    async fn a_common_word_ranks_the_newest_thousand_and_says_there_are_more() {
        use app::ssr::services::search::{CAP, PAGE_SIZE};
        use sea_orm::ConnectionTrait;
        let t = seeded().await;
        let skane = actor(&t.db, "region.skane@samverkan.test").await;
        let forum = entity::forum::Entity::find().filter(entity::forum::Column::Slug.eq("aktorsrad-vard")).one(&t.db).await.unwrap().unwrap().id;
        // The oldest row is the most relevant (the word in its title) but falls outside the newest
        // CAP; the newest is relevant too and must come first.
        let n = CAP + 5;
        let rows = (0..n)
            .map(|i| {
                let title = if i == 0 || i == n - 1 { format!("Kolibri {i}") } else { format!("Rad {i}") };
                format!("('action', {}, {forum}, NULL, NULL, '{title}', 'Om kolibrier och annat, rad {i}.', '/x/{i}')", 900_000 + i)
            })
            .collect::<Vec<_>>()
            .join(",");
        t.db.execute_unprepared(&format!("INSERT INTO search_documents (kind, ref_id, forum_id, meeting_id, target_kind, title, body, url) VALUES {rows}")).await.unwrap();
        let first = search(&t.db, &skane, "kolibri", 0).await.unwrap();
        assert_eq!((first.total, first.capped, first.pages), (CAP, true, CAP / PAGE_SIZE));
        assert_eq!(first.hits.len() as u64, PAGE_SIZE);
        assert_eq!(first.hits[0].url, format!("/x/{}", n - 1), "the newest relevant row first");
        assert!(first.hits[0].snippet_html.contains("<mark>kolibrier</mark>"), "{}", first.hits[0].snippet_html);
        let last = search(&t.db, &skane, "kolibri", 10_000).await.unwrap();
        assert_eq!((last.page, last.hits.len() as u64), (CAP / PAGE_SIZE - 1, PAGE_SIZE), "a page past the end is the last page");
        assert!(!first.hits.iter().chain(&last.hits).any(|h| h.url == "/x/0"), "the oldest row is past the cap");
        // Under the cap the count is exact.
        let few = search(&t.db, &skane, "kolibri 100", 0).await.unwrap();
        assert!(!few.capped && few.total < CAP, "{} {}", few.total, few.capped);
        if t.db.get_database_backend() == sea_orm::DbBackend::Sqlite {
            // Both words through the vocabulary ("kolibri" → "kolibri", "kolibrier"; "100" → "100",
            // "1000" … "1004"); "1" below has more terms than EXPANSION and keeps its prefix.
            assert_eq!(few.total, 6, "rows 100 and 1000–1004");
            assert!(few.hits.iter().all(|h| h.snippet_html.contains("<mark>10")), "{:?}", few.hits);
        }
        // Past the end under the cap: the last page too. On SQLite "1" is a prefix of 116 row
        // numbers (six pages); PostgreSQL matches the whole word only.
        let all = search(&t.db, &skane, "kolibri 1", 0).await.unwrap();
        if t.db.get_database_backend() == sea_orm::DbBackend::Sqlite {
            assert_eq!(all.total, 116);
        }
        let past = search(&t.db, &skane, "kolibri 1", 50).await.unwrap();
        assert_eq!((past.page, past.hits.len() as u64), (all.pages - 1, all.total - (all.pages - 1) * PAGE_SIZE));
    }
}

mod audited {
    use super::*;
    use app::ssr::services::{additions, agenda, meetings};

    #[tokio::test]
    async fn invitations_publishing_decisions_and_cancellations_are_audited() {
        let t = seeded().await;
        let sec = actor(&t.db, "sekretariat@samverkan.test").await;
        let skane = actor(&t.db, "region.skane@samverkan.test").await;
        let f = forum_id(&t.db, "aktorsrad-vard").await;
        let org = skane.user.as_ref().unwrap().organisation_id;
        let invite = accounts::InviteInput {
            email: "ny.person@regionskane.se".into(),
            name: "Ny Person".into(),
            organisation_id: org.to_string(),
            forum_id: f.to_string(),
            role: "member".into(),
            language: "sv".into(),
            ..Default::default()
        };
        accounts::invite(&t.db, &sec, BASE, invite).await.unwrap();
        let input = meetings::MeetingInput { title: "Extra".into(), date: "2027-02-01".into(), start: "10.00".into(), end: "11.00".into(), status: "planned".into(), ..Default::default() };
        let m = meetings::create(&t.db, &sec, "aktorsrad-vard", input).await.unwrap();
        let item = agenda::ItemInput { title: "Läget".into(), duration_minutes: "10".into(), kind: "information".into(), ..Default::default() };
        agenda::add_item(&t.db, &sec, m, item).await.unwrap();
        agenda::publish(&t.db, &sec, BASE, m).await.unwrap();
        let a = additions::propose(&t.db, &skane, BASE, m, additions::AdditionInput { title: "Tillägg".into(), organisations: vec![org], ..Default::default() }).await.unwrap();
        additions::decline(&t.db, &sec, BASE, a, "Tas upp nästa gång").await.unwrap();
        meetings::cancel(&t.db, &sec, BASE, m, "För få anmälda").await.unwrap();
        for action in ["invitation.sent", "agenda.published", "addition.decided", "meeting.cancelled"] {
            assert_eq!(audit_count(&t.db, action).await, 1, "{action}");
        }
        let e = entity::audit_event::Entity::find().filter(entity::audit_event::Column::Action.eq("meeting.cancelled")).one(&t.db).await.unwrap().unwrap();
        assert_eq!((e.actor_id, e.target.as_str(), e.detail.as_str()), (sec.user_id(), format!("meeting:{m}").as_str(), "För få anmälda"));
    }
}

mod surveys {
    use super::*;
    use app::ssr::services::surveys::{self, NewQuestion, NewSurvey};
    use app::surveys::dto::QuestionResult;
    use std::collections::BTreeMap;

    const SLUG: &str = "aktorsrad-vard";

    fn q(kind: &str, text: &str, options: &str, required: bool) -> NewQuestion {
        NewQuestion { section: "Forumet".into(), kind: kind.into(), text: text.into(), help: String::new(), required, options: options.into() }
    }

    async fn survey(t: &TestDb, anonymous: bool) -> (i32, Vec<i32>) {
        let sec = actor(&t.db, "sekretariat@samverkan.test").await;
        let id = surveys::create(&t.db, &sec, SLUG, NewSurvey { title: "Utvärdering".into(), intro: "Hur går det?".into(), anonymous, closes: "2099-12-31".into() }).await.unwrap();
        let a = surveys::add_question(&t.db, &sec, id, q("scale", "Hur väl fungerar forumet?", "Dåligt\nMycket bra", true)).await.unwrap();
        let b = surveys::add_question(&t.db, &sec, id, q("single", "Mötesform", "Fysiskt\nDigitalt\nBlandat", false)).await.unwrap();
        let c = surveys::add_question(&t.db, &sec, id, q("multi", "Vad vill ni mer av?", "Dialog\nInformation\nBeslut", false)).await.unwrap();
        let d = surveys::add_question(&t.db, &sec, id, q("text", "Övrigt", "", false)).await.unwrap();
        (id, vec![a, b, c, d])
    }

    fn answers(ids: &[i32], scale: &str, single: &str, multi: &[usize], text: &str) -> BTreeMap<String, String> {
        let mut m = BTreeMap::new();
        m.insert(format!("q{}", ids[0]), scale.to_string());
        m.insert(format!("q{}", ids[1]), single.to_string());
        for i in multi {
            m.insert(format!("q{}_{i}", ids[2]), "on".into());
        }
        m.insert(format!("q{}", ids[3]), text.to_string());
        m
    }

    #[tokio::test]
    async fn named_survey_answers_once_with_draft_and_changes_and_exact_counts() {
        let t = seeded().await;
        let sec = actor(&t.db, "sekretariat@samverkan.test").await;
        let skane = actor(&t.db, "region.skane@samverkan.test").await;
        let coord = actor(&t.db, "samordnare@samverkan.test").await;
        let apotek = actor(&t.db, "apotek@samverkan.test").await;
        let (id, qs) = survey(&t, false).await;
        // Building is the secretariat's; answering waits for opening.
        assert_eq!(surveys::add_question(&t.db, &skane, id, q("text", "x", "", false)).await.unwrap_err(), AppError::Forbidden);
        assert_eq!(surveys::add_question(&t.db, &sec, id, q("single", "x", "bara ett", false)).await.unwrap_err().form_errors().and_then(|f| f.field("options")), Some(K::ErrSurveyOptions));
        assert_eq!(surveys::page(&t.db, &skane, id, None).await.unwrap_err(), AppError::NotFound, "a draft is the secretariat's");
        let invited = surveys::open(&t.db, &sec, BASE, id).await.unwrap();
        assert_eq!(invited, 3, "the forum's three people");
        assert_eq!(surveys::add_question(&t.db, &sec, id, q("text", "Sen", "", false)).await.unwrap_err().message(), K::ErrSurveyNotDraft);
        assert!(outbox_to(&t.db, "region.skane@samverkan.test").await.iter().any(|m| m.subject.contains("Utvärdering")));
        // Not invited (another forum's member): refused.
        assert_eq!(surveys::answer(&t.db, &apotek, id, &answers(&qs, "4", "1", &[0], ""), true, None).await.unwrap_err(), AppError::Forbidden);
        // A required question blocks sending, not a draft; the typed values come back.
        let err = surveys::answer(&t.db, &skane, id, &answers(&qs, "", "1", &[0, 2], "Bra"), true, None).await.unwrap_err();
        let f = err.form_errors().unwrap();
        assert_eq!(f.field(&format!("a[q{}]", qs[0])), Some(K::ErrRequiredAnswer));
        assert_eq!(f.value(&format!("a[q{}]", qs[3])).as_deref(), Some("Bra"));
        assert_eq!(surveys::answer(&t.db, &skane, id, &answers(&qs, "9", "1", &[], ""), false, None).await.unwrap_err().form_errors().and_then(|f| f.field(&format!("a[q{}]", qs[0]))), Some(K::ErrChoose));
        surveys::answer(&t.db, &skane, id, &answers(&qs, "", "1", &[0], "Utkast"), false, None).await.unwrap();
        let p = surveys::page(&t.db, &skane, id, None).await.unwrap();
        assert_eq!((p.answered, p.invited, p.mine.submitted), (0, 3, false), "a draft is not an answer");
        assert!(p.mine.values.contains(&(format!("q{}", qs[3]), "Utkast".to_string())));
        surveys::answer(&t.db, &skane, id, &answers(&qs, "4", "1", &[0, 2], "Bra möten"), true, None).await.unwrap();
        surveys::answer(&t.db, &skane, id, &answers(&qs, "5", "1", &[0, 2], "Bra möten"), true, None).await.unwrap();
        surveys::answer(&t.db, &coord, id, &answers(&qs, "2", "0", &[1], ""), true, None).await.unwrap();
        let p = surveys::page(&t.db, &sec, id, None).await.unwrap();
        assert_eq!((p.answered, p.invited), (2, 3), "changing an answer does not count twice");
        assert_eq!(p.not_answered, vec!["Johanna Lindberg".to_string()]);
        assert!(surveys::page(&t.db, &skane, id, None).await.unwrap().not_answered.is_empty(), "only the secretariat sees who has not answered");
        assert_eq!(surveys::results(&t.db, &skane, id).await.unwrap_err(), AppError::Forbidden);
        // An unsent draft counts nowhere: not in the values, the multiple choices or the texts.
        surveys::answer(&t.db, &sec, id, &answers(&qs, "1", "2", &[0, 1, 2], "Bara ett utkast"), false, None).await.unwrap();
        let r = surveys::results(&t.db, &sec, id).await.unwrap();
        match &r.results[0].result {
            QuestionResult::Scale { counts, mean, median } => {
                assert_eq!(counts, &vec![0, 1, 0, 0, 1]);
                assert_eq!((*mean, *median), (Some(3.5), Some(3.5)));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(r.results[1].result, QuestionResult::Choice { counts: vec![1, 1, 0] });
        assert_eq!(r.results[2].result, QuestionResult::Choice { counts: vec![1, 1, 1] });
        assert_eq!(r.results[3].result, QuestionResult::Text { answers: vec!["Bra möten".into()] });
        assert_eq!(r.results[2].n, 2);
        // Closed: no more answers.
        surveys::close(&t.db, &sec, id).await.unwrap();
        assert_eq!(surveys::answer(&t.db, &sec, id, &answers(&qs, "3", "", &[], ""), true, None).await.unwrap_err().message(), K::ErrSurveyClosed);
    }

    #[tokio::test]
    async fn reminders_go_to_those_who_have_not_answered_never_twice_a_day() {
        use sea_orm::{ActiveModelTrait, Set};
        let t = seeded().await;
        let sec = actor(&t.db, "sekretariat@samverkan.test").await;
        let skane = actor(&t.db, "region.skane@samverkan.test").await;
        let (id, qs) = survey(&t, false).await;
        surveys::open(&t.db, &sec, BASE, id).await.unwrap();
        surveys::answer(&t.db, &skane, id, &answers(&qs, "4", "", &[], ""), true, None).await.unwrap();
        let before = |who: &'static str| { let db = &t.db; async move { outbox_to(db, who).await.len() } };
        let (skane0, coord0) = (before("region.skane@samverkan.test").await, before("samordnare@samverkan.test").await);
        assert_eq!(surveys::remind(&t.db, &skane, BASE, id).await.unwrap_err(), AppError::Forbidden);
        assert_eq!(surveys::remind(&t.db, &sec, BASE, id).await.unwrap(), 2, "the two who have not answered");
        assert_eq!(outbox_to(&t.db, "samordnare@samverkan.test").await.len(), coord0 + 1);
        assert_eq!(outbox_to(&t.db, "region.skane@samverkan.test").await.len(), skane0, "not those who answered");
        assert_eq!(surveys::remind(&t.db, &sec, BASE, id).await.unwrap_err().message(), K::ErrRemindedToday);
        // The automatic reminder: not before its day, once, and not on a day with a reminder already.
        assert_eq!(surveys::remind_due(&t.db, BASE).await.unwrap(), 0, "far from closing");
        let soon = chrono::Utc::now() + chrono::Duration::days(2);
        entity::survey::ActiveModel { id: Set(id), closes_at: Set(soon), ..Default::default() }.update(&t.db).await.unwrap();
        assert_eq!(surveys::remind_due(&t.db, BASE).await.unwrap(), 0, "already reminded today");
        let yesterday = app::ssr::services::meetings::local(chrono::Utc::now()).date().pred_opt().unwrap();
        entity::survey::ActiveModel { id: Set(id), last_reminded_on: Set(Some(yesterday)), ..Default::default() }.update(&t.db).await.unwrap();
        assert_eq!(surveys::remind_due(&t.db, BASE).await.unwrap(), 1);
        assert_eq!(surveys::remind_due(&t.db, BASE).await.unwrap(), 0, "once");
        assert_eq!(outbox_to(&t.db, "samordnare@samverkan.test").await.len(), coord0 + 2);
    }

    #[tokio::test]
    async fn the_2023_evaluation_shows_5_of_18_and_its_numbers() {
        let t = seeded().await;
        let sec = actor(&t.db, "sekretariat@samverkan.test").await;
        let f = entity::forum::Entity::find().filter(entity::forum::Column::Slug.eq("strategiskt-samverkansforum")).one(&t.db).await.unwrap().unwrap();
        let rows = surveys::for_forum(&t.db, &sec, &f).await.unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!((rows[0].answered, rows[0].invited, rows[0].state.as_str()), (5, 18, "closed"));
        let r = surveys::results(&t.db, &sec, rows[0].id).await.unwrap();
        match &r.results[0].result {
            QuestionResult::Scale { counts, mean, median } => {
                assert_eq!(counts, &vec![0, 0, 2, 3, 0]);
                assert!((mean.unwrap() - 3.6).abs() < 1e-9);
                assert_eq!(*median, Some(4.0));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(r.results[3].result, QuestionResult::Choice { counts: vec![2, 2, 1] }, "split views on physical meetings");
        assert_eq!(r.results[5].n, 4);
        let responses = entity::survey_response::Entity::find().filter(entity::survey_response::Column::SurveyId.eq(rows[0].id)).all(&t.db).await.unwrap();
        assert!(responses.iter().all(|r| r.user_id.is_none()), "anonymous");
        app::ssr::services::seed::seed_demo(&t.db, PASSWORD).await.unwrap();
        assert_eq!(surveys::for_forum(&t.db, &sec, &f).await.unwrap().len(), 1, "seeding twice adds nothing");
    }

    #[tokio::test]
    async fn anonymous_answers_hold_no_person_and_cannot_be_given_twice() {
        let t = seeded().await;
        let sec = actor(&t.db, "sekretariat@samverkan.test").await;
        let skane = actor(&t.db, "region.skane@samverkan.test").await;
        let (id, qs) = survey(&t, true).await;
        // Chosen people only: the others are not invited.
        let only = entity::user::Entity::find().filter(entity::user::Column::Email.eq("region.skane@samverkan.test")).one(&t.db).await.unwrap().unwrap().id;
        let (other, _) = survey(&t, false).await;
        assert_eq!(surveys::open_for(&t.db, &sec, BASE, other, &[only, 99_999]).await.unwrap(), 1);
        assert_eq!(surveys::page(&t.db, &sec, other, None).await.unwrap().invited, 1);
        surveys::open(&t.db, &sec, BASE, id).await.unwrap();
        let receipt = surveys::answer(&t.db, &skane, id, &answers(&qs, "3", "2", &[], "Anonymt"), true, None).await.unwrap().expect("a receipt for the anonymous answer");
        // With the receipt the answer can be changed; without it a second answer is refused.
        assert_eq!(surveys::answer(&t.db, &skane, id, &answers(&qs, "4", "2", &[], "Anonymt"), true, Some(&receipt)).await.unwrap(), None);
        assert_eq!(surveys::answer(&t.db, &skane, id, &answers(&qs, "1", "2", &[], ""), true, None).await.unwrap_err().message(), K::ErrAlreadyAnswered);
        let mine = surveys::page(&t.db, &skane, id, Some(&receipt)).await.unwrap().mine;
        assert!(mine.submitted && mine.values.contains(&(format!("q{}", qs[0]), "4".to_string())));
        // The database holds no link between the person and the answer.
        let responses = entity::survey_response::Entity::find().filter(entity::survey_response::Column::SurveyId.eq(id)).all(&t.db).await.unwrap();
        assert_eq!(responses.len(), 3, "one row per invited person, made at opening, taken at random");
        let taken: Vec<_> = responses.iter().filter(|r| r.receipt_hash.is_some()).collect();
        assert_eq!(taken.len(), 1);
        assert!(responses.iter().all(|r| r.user_id.is_none()) && taken[0].receipt_hash.as_deref() != Some(receipt.as_str()));
        let opened = entity::survey::Entity::find_by_id(id).one(&t.db).await.unwrap().unwrap().opened_at;
        assert_eq!(taken[0].submitted_at, opened, "the answer carries the opening time, not its own");
        let p = surveys::page(&t.db, &sec, id, None).await.unwrap();
        assert_eq!((p.answered, p.invited), (1, 3));
        assert!(p.not_answered.is_empty(), "anonymous surveys do not list who has not answered");
        // The export has no identity either.
        let (_, rows, csv) = surveys::export_csv(&t.db, &sec, id).await.unwrap();
        let csv = String::from_utf8(csv).unwrap();
        assert_eq!(rows, 1);
        assert!(!csv.contains("Namn") && !csv.contains("Sara") && !csv.contains("Region Skåne"), "{csv}");
        assert!(csv.lines().nth(1).is_some_and(|l| l.starts_with("1;4;Blandat;;Anonymt")), "{csv}");
        assert_eq!(surveys::export_csv(&t.db, &skane, id).await.unwrap_err(), AppError::Forbidden);
    }

    #[tokio::test]
    async fn a_new_round_is_copied_and_its_results_stand_beside_the_previous_and_insights_open_them() {
        let t = seeded().await;
        let sec = actor(&t.db, "sekretariat@samverkan.test").await;
        let apotek = actor(&t.db, "apotek@samverkan.test").await;
        let f = entity::forum::Entity::find().filter(entity::forum::Column::Slug.eq("strategiskt-samverkansforum")).one(&t.db).await.unwrap().unwrap();
        let old = surveys::for_forum(&t.db, &sec, &f).await.unwrap()[0].id;
        // The 2023 round's insights are published in the demo: members may read the results.
        let published = surveys::results(&t.db, &apotek, old).await.unwrap();
        assert!(published.insights_html.contains("Delade åsikter kring fysiska möten"));
        assert!(surveys::page(&t.db, &apotek, old, None).await.unwrap().presented_at.iter().any(|(_, l)| l.contains("2023-09-04 – Utvärdering")));
        assert_eq!(surveys::copy(&t.db, &apotek, old, "Utvärdering 2024".into(), "2099-12-31".into()).await.unwrap_err(), AppError::Forbidden);
        let bad = surveys::copy(&t.db, &sec, old, " ".into(), "2001-01-01".into()).await.unwrap_err();
        let bad = bad.form_errors().unwrap();
        assert_eq!((bad.field("title"), bad.field("closes")), (Some(K::ErrRequired), Some(K::ErrFutureDate)));
        let new = surveys::copy(&t.db, &sec, old, "Utvärdering 2024".into(), "2099-12-31".into()).await.unwrap();
        let draft = surveys::page(&t.db, &sec, new, None).await.unwrap();
        assert_eq!(draft.previous.as_ref().map(|(id, _)| *id), Some(old));
        assert_eq!((draft.questions.len(), draft.anonymous, draft.state.as_str()), (published.results.len(), true, "draft"));
        surveys::open(&t.db, &sec, BASE, new).await.unwrap();
        let first = draft.questions[0].id;
        let mut a = BTreeMap::new();
        a.insert(format!("q{first}"), "5".to_string());
        surveys::answer(&t.db, &apotek, new, &a, false, None).await.unwrap();
        // Not published yet: members see no results, the secretariat does, beside the previous round.
        assert_eq!(surveys::results(&t.db, &apotek, new).await.unwrap_err(), AppError::Forbidden);
        let r = surveys::results(&t.db, &sec, new).await.unwrap();
        assert_eq!(r.previous.as_ref().map(|p| (p.id, p.answered, p.invited)), Some((old, 5, 18)));
        match &r.results[0].previous {
            Some((5, QuestionResult::Scale { counts, .. })) => assert_eq!(counts, &vec![0, 0, 2, 3, 0]),
            other => panic!("{other:?}"),
        }
        assert_eq!(r.results[0].n, 0, "a draft answer is not counted");
        // Insights: a draft first, then published once to the forum (mailed), which opens the results.
        assert!(!surveys::save_insights(&t.db, &sec, BASE, new, "Utkast", false).await.unwrap());
        assert_eq!(surveys::results(&t.db, &apotek, new).await.unwrap_err(), AppError::Forbidden);
        assert_eq!(surveys::save_insights(&t.db, &sec, BASE, new, " ", true).await.unwrap_err().form_errors().and_then(|f| f.field("insights")), Some(K::ErrRequired));
        let before = outbox_to(&t.db, "apotek@samverkan.test").await.len();
        assert!(surveys::save_insights(&t.db, &sec, BASE, new, "- Fler har svarat", true).await.unwrap());
        assert!(!surveys::save_insights(&t.db, &sec, BASE, new, "- Fler har svarat än förra året", true).await.unwrap(), "mailed once");
        assert_eq!(outbox_to(&t.db, "apotek@samverkan.test").await.len(), before + 1);
        assert!(surveys::results(&t.db, &apotek, new).await.unwrap().insights_html.contains("förra året"));
        // Presented at an agenda item of the forum's own meetings only.
        let other_item = entity::agenda_item::Entity::find().all(&t.db).await.unwrap().into_iter().find(|i| i.survey_id.is_none()).unwrap();
        let choices = surveys::page(&t.db, &sec, new, None).await.unwrap().item_choices;
        if let Some((item, _)) = choices.first() {
            surveys::attach(&t.db, &sec, new, *item).await.unwrap();
            assert_eq!(surveys::page(&t.db, &sec, new, None).await.unwrap().presented_at.len(), 1);
        }
        let foreign = entity::meeting::Entity::find_by_id(other_item.meeting_id).one(&t.db).await.unwrap().unwrap().forum_id != f.id;
        if foreign {
            assert_eq!(surveys::attach(&t.db, &sec, new, other_item.id).await.unwrap_err(), AppError::form(K::ErrChoose));
        }
    }
}

mod consultations {
    use super::*;
    use app::consultations::dto::{DRAFT, LATE, NOT_STARTED, SUBMITTED};
    use app::ssr::services::consultations::{self, NewConsultation};
    use std::collections::BTreeMap;

    const SLUG: &str = "aktorsrad-vard";

    /// The agenda item lists each consultation on it once it is no longer a draft, and is itself
    /// listed once however many there are.
    #[tokio::test]
    async fn an_agenda_item_presents_its_consultations_but_not_the_drafts() {
        use app::ssr::services::meetings;
        let t = seeded().await;
        let sec = actor(&t.db, "sekretariat@samverkan.test").await;
        let f = entity::forum::Entity::find().filter(entity::forum::Column::Slug.eq(SLUG)).one(&t.db).await.unwrap().unwrap();
        let first = consultations::for_forum(&t.db, &sec, &f).await.unwrap()[0].id;
        let c = entity::consultation::Entity::find_by_id(first).one(&t.db).await.unwrap().unwrap();
        let item_id = c.agenda_item_id.unwrap();
        let meeting_id = entity::agenda_item::Entity::find_by_id(item_id).one(&t.db).await.unwrap().unwrap().meeting_id;
        let presents = |d: app::meetings::dto::MeetingDetail| {
            let listed: Vec<_> = d.agenda.items.iter().filter(|i| i.id == item_id).map(|i| i.presents.clone()).collect();
            (d.agenda.items.len(), listed)
        };
        let (items, before) = presents(meetings::detail(&t.db, &sec, meeting_id).await.unwrap());
        assert_eq!(before, [vec![("consultation".to_string(), first, c.title.clone())]]);
        let input = NewConsultation { title: "Andra remissen om läsbehörighet".into(), background: String::new(), deadline: "2027-06-30".into(), item_id: item_id.to_string() };
        let second = consultations::create(&t.db, &sec, SLUG, input).await.unwrap();
        assert_eq!(presents(meetings::detail(&t.db, &sec, meeting_id).await.unwrap()), (items, before.clone()), "a draft is not presented");
        use sea_orm::{ActiveModelTrait, Set};
        entity::consultation::ActiveModel { id: Set(second), state: Set("open".into()), ..Default::default() }.update(&t.db).await.unwrap();
        let both = vec![("consultation".to_string(), first, c.title.clone()), ("consultation".to_string(), second, "Andra remissen om läsbehörighet".to_string())];
        assert_eq!(presents(meetings::detail(&t.db, &sec, meeting_id).await.unwrap()), (items, vec![both]), "the item once, with both");
    }

    #[tokio::test]
    async fn the_read_access_consultation_shows_each_regions_state_and_the_answers_per_question() {
        let t = seeded().await;
        let sec = actor(&t.db, "sekretariat@samverkan.test").await;
        let skane = actor(&t.db, "region.skane@samverkan.test").await;
        let apotek = actor(&t.db, "apotek@samverkan.test").await;
        let f = entity::forum::Entity::find().filter(entity::forum::Column::Slug.eq(SLUG)).one(&t.db).await.unwrap().unwrap();
        let rows = consultations::for_forum(&t.db, &sec, &f).await.unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!((rows[0].submitted, rows[0].organisations, rows[0].deadline.to_string().as_str()), (2, 8, "2023-01-25"));
        let p = consultations::page(&t.db, &sec, rows[0].id).await.unwrap();
        let state = |org: &str| p.statuses.iter().find(|s| s.organisation == org).map(|s| (s.state.as_str(), s.late)).unwrap();
        assert_eq!(state("Region Skåne"), (SUBMITTED, false));
        assert_eq!(state("Region Halland"), (SUBMITTED, true), "submitted the day after the deadline");
        assert_eq!(state("Västra Götalandsregionen"), (LATE, false), "a draft past the deadline is late");
        assert_eq!(p.compiled[0].answers.len(), 2, "drafts are not compiled");
        assert_eq!(p.item.as_ref().map(|(_, l)| l.as_str()), Some("2023-01-23 – Nationella läkemedelslistan"));
        // A member sees only their own organisation's answer, read-only once submitted.
        let mine = consultations::page(&t.db, &skane, rows[0].id).await.unwrap();
        assert!(mine.statuses.is_empty() && mine.compiled.is_empty());
        let m = mine.mine.unwrap();
        assert_eq!((m.status.organisation.as_str(), m.status.state.as_str(), m.can_edit), ("Region Skåne", SUBMITTED, false));
        assert_eq!(m.values.len(), 3);
        assert_eq!(consultations::page(&t.db, &apotek, rows[0].id).await.unwrap_err(), AppError::Forbidden, "not in the forum");
        // The export has one row per member organisation.
        let (_, csv) = consultations::export_csv(&t.db, &sec, rows[0].id).await.unwrap();
        let csv = String::from_utf8(csv).unwrap();
        assert_eq!(csv.lines().count(), 9);
        assert!(csv.contains("Region Halland;Inskickat för sent;2023-01-26 10:15"), "{csv}");
        assert_eq!(consultations::export_csv(&t.db, &skane, rows[0].id).await.unwrap_err(), AppError::Forbidden);
    }

    #[tokio::test]
    async fn one_answer_per_organisation_submitted_once_even_when_two_press_at_once() {
        let t = seeded().await;
        let sec = actor(&t.db, "sekretariat@samverkan.test").await;
        let skane = actor(&t.db, "region.skane@samverkan.test").await;
        let input = NewConsultation { title: "Testmiljöer".into(), background: "Vilka behov har ni?".into(), deadline: "2099-01-31".into(), item_id: "0".into() };
        assert_eq!(consultations::create(&t.db, &skane, SLUG, NewConsultation { title: "x".into(), background: String::new(), deadline: "2099-01-31".into(), item_id: "0".into() }).await.unwrap_err(), AppError::Forbidden);
        let id = consultations::create(&t.db, &sec, SLUG, input).await.unwrap();
        assert_eq!(consultations::open(&t.db, &sec, BASE, id).await.unwrap_err(), AppError::form(K::ErrSurveyEmpty));
        let q1 = consultations::add_question(&t.db, &sec, id, "Vilka testmiljöer använder ni?", "").await.unwrap();
        let q2 = consultations::add_question(&t.db, &sec, id, "Vad saknas?", "Kort").await.unwrap();
        assert_eq!(consultations::page(&t.db, &skane, id).await.unwrap_err(), AppError::NotFound, "a draft is the secretariat's");
        assert_eq!(consultations::open(&t.db, &sec, BASE, id).await.unwrap(), 8);
        assert!(outbox_to(&t.db, "region.skane@samverkan.test").await.iter().any(|m| m.subject.contains("Testmiljöer")));
        assert!(outbox_to(&t.db, "apotek@samverkan.test").await.iter().all(|m| !m.subject.contains("Testmiljöer")), "not asked");
        // Someone of a non-member organisation cannot answer.
        assert_eq!(consultations::save(&t.db, &sec, id, &BTreeMap::new(), false).await.unwrap_err(), AppError::Forbidden);
        let mut a = BTreeMap::new();
        a.insert(format!("q{q1}"), "Egen testmiljö och Ineras".to_string());
        // Submitting needs every answer; a draft does not, and keeps what was typed.
        let e = consultations::save(&t.db, &skane, id, &a, true).await.unwrap_err();
        let e = e.form_errors().unwrap();
        assert_eq!(e.field(&format!("a[q{q2}]")), Some(K::ErrRequiredAnswer));
        assert_eq!(e.value(&format!("a[q{q1}]")).as_deref(), Some("Egen testmiljö och Ineras"));
        assert!(!consultations::save(&t.db, &skane, id, &a, false).await.unwrap());
        let p = consultations::page(&t.db, &sec, id).await.unwrap();
        assert_eq!(p.statuses.iter().find(|s| s.organisation == "Region Skåne").map(|s| s.state.as_str()), Some(DRAFT));
        assert_eq!(p.statuses.iter().find(|s| s.organisation == "Region Halland").map(|s| s.state.as_str()), Some(NOT_STARTED));
        a.insert(format!("q{q2}"), "Testdata".to_string());
        let mut b = a.clone();
        b.insert(format!("q{q2}"), "Annat".to_string());
        let (x, y) = tokio::join!(consultations::save(&t.db, &skane, id, &a, true), consultations::save(&t.db, &skane, id, &b, true));
        let results = [x, y];
        assert_eq!(results.iter().filter(|r| matches!(r, Ok(true))).count(), 1, "{results:?}");
        assert!(results.iter().any(|r| r.as_ref().err() == Some(&AppError::form(K::ErrAlreadySubmitted))), "{results:?}");
        // Nothing changes a submitted answer.
        assert_eq!(consultations::save(&t.db, &skane, id, &a, false).await.unwrap_err(), AppError::form(K::ErrAlreadySubmitted));
        let p = consultations::page(&t.db, &sec, id).await.unwrap();
        assert_eq!(p.submitted, 1);
        assert_eq!(p.compiled[1].answers.len(), 1);
        let kept = p.compiled[1].answers[0].1.clone();
        assert!(kept == "Testdata" || kept == "Annat");
        // Reminders go to the organisations that have not submitted, once a day.
        assert_eq!(consultations::remind(&t.db, &sec, BASE, id).await.unwrap(), 7);
        assert_eq!(consultations::remind(&t.db, &sec, BASE, id).await.unwrap_err(), AppError::form(K::ErrRemindedToday));
        consultations::close(&t.db, &sec, id).await.unwrap();
        assert_eq!(consultations::save(&t.db, &skane, id, &a, false).await.unwrap_err(), AppError::form(K::ErrConsultationClosed));
    }
}

mod bench_data {
    use super::*;
    use app::ssr::services::benchdata::{self, Scale};
    use sea_orm::{ConnectionTrait, Statement};

    const TABLES: [&str; 13] = [
        "forums", "organisations", "users", "meetings", "agenda_items", "actions", "action_notes", "comments", "surveys", "survey_answers", "survey_responses",
        "survey_invitations", "forum_memberships",
    ];

    async fn counts(db: &sea_orm::DatabaseConnection) -> Vec<i64> {
        let mut out = vec![];
        for t in TABLES {
            let row = db.query_one(Statement::from_string(db.get_database_backend(), format!("SELECT COUNT(*) AS n FROM {t}"))).await.unwrap().unwrap();
            out.push(row.try_get::<i64>("", "n").unwrap());
        }
        out
    }

    /// A digest of generated content, to compare two runs.
    async fn fingerprint(db: &sea_orm::DatabaseConnection) -> Vec<String> {
        let sql = "SELECT f.slug || ':' || a.number || ':' || a.title || ':' || a.state || ':' || COALESCE(CAST(a.end_date AS TEXT), '') AS v \
                   FROM actions a JOIN forums f ON f.id = a.forum_id WHERE f.slug LIKE 'bench-%' ORDER BY f.slug, a.number";
        let rows = db.query_all(Statement::from_string(db.get_database_backend(), sql.to_string())).await.unwrap();
        let mut out: Vec<String> = rows.iter().map(|r| r.try_get::<String>("", "v").unwrap()).collect();
        let sql = "SELECT c.target_kind || ':' || COALESCE(CAST(c.parent_id AS TEXT), '-') || ':' || c.body AS v FROM comments c JOIN forums f ON f.id = c.forum_id WHERE f.slug LIKE 'bench-%' ORDER BY c.id";
        let rows = db.query_all(Statement::from_string(db.get_database_backend(), sql.to_string())).await.unwrap();
        out.extend(rows.iter().map(|r| r.try_get::<String>("", "v").unwrap()));
        out
    }

    #[tokio::test]
    async fn the_generator_makes_exactly_the_rows_of_its_scale_and_the_same_ones_each_time() {
        let scale = Scale::named("small").unwrap();
        let a = seeded().await;
        let before = counts(&a.db).await;
        let g = benchdata::generate(&a.db, scale, PASSWORD).await.unwrap();
        let after = counts(&a.db).await;
        let made: Vec<i64> = after.iter().zip(&before).map(|(x, y)| x - y).collect();
        let expected = [
            scale.forums,
            scale.organisations,
            scale.users,
            scale.meetings,
            scale.agenda_items(),
            scale.actions,
            scale.status_notes(),
            scale.comments,
            scale.surveys,
            scale.answers,
            g.responses,
            g.invitations,
            g.memberships,
        ];
        assert_eq!(made, expected.iter().map(|n| *n as i64).collect::<Vec<_>>(), "rows made per table {TABLES:?}");
        assert_eq!(g.responses, scale.answers.div_ceil(5), "five answers per response");

        // The bench member can sign in and reads up to four forums; the survey results are open to them.
        let member = actor(&a.db, benchdata::MEMBER_EMAIL).await;
        assert_eq!(member.user.as_ref().unwrap().forums.len(), benchdata::MEMBER_FORUMS.min(scale.forums));
        let results = app::ssr::services::surveys::results(&a.db, &member, g.survey_id).await.unwrap();
        assert_eq!(results.results.len(), 5);
        // Numbers per forum are 1..n without gaps and the counter knows the last one.
        let f = entity::forum::Entity::find().filter(entity::forum::Column::Slug.eq(&g.forum_slug)).one(&a.db).await.unwrap().unwrap();
        let numbers = entity::action::Entity::find().filter(entity::action::Column::ForumId.eq(f.id)).all(&a.db).await.unwrap();
        assert_eq!(f.action_counter as usize, numbers.len());
        assert_eq!(numbers.iter().map(|a| a.number).max(), Some(f.action_counter));
        // The search index follows the new rows (the triggers ran).
        let found = app::ssr::services::search::search(&a.db, &member, benchdata::SEARCH_TERM, 1).await.unwrap();
        assert!(found.total > 0, "the search term occurs in the generated texts");

        // Deterministic: a second database gets the same content.
        let b = seeded().await;
        benchdata::generate(&b.db, scale, PASSWORD).await.unwrap();
        assert_eq!(fingerprint(&a.db).await, fingerprint(&b.db).await);
        // And a second run on the same database is refused, not doubled.
        assert!(benchdata::generate(&a.db, scale, PASSWORD).await.is_err());
        assert_eq!(counts(&a.db).await, after);
    }
}

mod backup {
    use super::*;
    use app::ssr::services::backup::{backup, tables, BackupError};
    use migration::{Migrator, MigratorTrait};
    use sea_orm::{ConnectionTrait, DbBackend, Statement};

    /// Every row of a table as SQLite's own quoted text of each value, in rowid order.
    async fn rows(db: &sea_orm::DatabaseConnection, table: &str) -> Vec<String> {
        let q = |sql: String| db.query_all(Statement::from_string(DbBackend::Sqlite, sql));
        let columns: Vec<String> = q(format!("SELECT name FROM pragma_table_info('{table}')")).await.unwrap().iter().map(|r| r.try_get("", "name").unwrap()).collect();
        let row = columns.iter().map(|c| format!("quote(\"{c}\")")).collect::<Vec<_>>().join(" || ',' || ");
        q(format!("SELECT {row} AS r FROM \"{table}\" ORDER BY rowid")).await.unwrap().iter().map(|r| r.try_get("", "r").unwrap()).collect()
    }

    /// Rows written while a backup is taken: the copy must hold a prefix or a moment of them, whole.
    fn audit_writer(db: &sea_orm::DatabaseConnection) -> tokio::task::JoinHandle<()> {
        let db = db.clone();
        tokio::spawn(async move {
            for i in 0..200 {
                db.execute_unprepared(&format!("INSERT INTO audit_events (at, actor_id, actor_label, action, target, detail, ip) VALUES ('2026-11-23T10:00:00Z', NULL, 'test', 'test.write', 'test {i}', '', '')"))
                    .await
                    .unwrap();
            }
        })
    }

    async fn search_finds_the_same(live: &sea_orm::DatabaseConnection, restored: &sea_orm::DatabaseConnection) {
        let sec = actor(restored, "sekretariat@samverkan.test").await;
        let found = app::ssr::services::search::search(live, &sec, "sammanställning", 0).await.unwrap();
        assert!(found.total > 0);
        assert_eq!(app::ssr::services::search::search(restored, &sec, "sammanställning", 0).await.unwrap().total, found.total);
    }

    /// Every row of a PostgreSQL table as its text form, sorted.
    async fn pg_rows(db: &sea_orm::DatabaseConnection, table: &str) -> Vec<String> {
        let sql = format!("SELECT CAST(t AS TEXT) AS r FROM \"{table}\" t ORDER BY 1");
        db.query_all(Statement::from_string(DbBackend::Postgres, sql)).await.unwrap().iter().map(|r| r.try_get("", "r").unwrap()).collect()
    }

    async fn pg_tables(db: &sea_orm::DatabaseConnection) -> Vec<String> {
        let sql = "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name";
        db.query_all(Statement::from_string(DbBackend::Postgres, sql)).await.unwrap().iter().map(|r| r.try_get("", "name").unwrap()).collect()
    }

    /// The path docs/operations.md gives for PostgreSQL: `pg_dump -Fc` while a writer runs, then
    /// `pg_restore --no-owner` into a new empty database, which the server can then use as it is.
    async fn pg_dump_restores_every_row(t: common::TestDb) {
        let Ok(bin) = std::env::var("SAMVERKAN_TEST_PG_BIN") else {
            assert!(std::env::var_os("CI").is_none(), "with-postgres.sh says where pg_dump is");
            return;
        };
        let dir = tempfile::tempdir().unwrap();
        let dump = dir.path().join("samverkan.dump");
        let writer = audit_writer(&t.db);
        let run = |program: &str, args: &[&str]| {
            let out = std::process::Command::new(format!("{bin}/{program}")).args(args).output().unwrap();
            assert!(out.status.success(), "{program}: {}", String::from_utf8_lossy(&out.stderr));
        };
        run("pg_dump", &["-Fc", "-d", &t.url, "-f", &dump.display().to_string()]);
        writer.await.unwrap();
        let (base, _) = t.url.rsplit_once('/').unwrap();
        let name = format!("restored_{}", uuid::Uuid::new_v4().simple());
        t.db.execute_unprepared(&format!("CREATE DATABASE \"{name}\"")).await.unwrap();
        let url = format!("{base}/{name}");
        run("pg_restore", &["--no-owner", "-d", &url, &dump.display().to_string()]);

        let restored = server::connect(&url).await.unwrap();
        Migrator::up(&restored, None).await.unwrap();
        let live_tables = pg_tables(&t.db).await;
        assert_eq!(pg_tables(&restored).await, live_tables);
        assert!(live_tables.len() >= 30, "{live_tables:?}");
        let mut compared = 0;
        for table in &live_tables {
            let (live, copy) = (pg_rows(&t.db, table).await, pg_rows(&restored, table).await);
            if table == "audit_events" {
                // Written during the dump: the copy has the rows of one moment, each whole.
                assert!(copy.len() <= live.len() && copy.iter().all(|r| live.contains(r)), "audit_events");
            } else if table == "page_generation" {
                // Raised by those writes too: the copy's number is the live one or an earlier one.
                let n = |rows: &[String]| rows[0].trim_matches(['(', ')']).split_once(',').and_then(|(_, n)| n.parse::<i64>().ok()).expect("the generation");
                assert!(copy.len() == 1 && n(&copy) <= n(&live), "page_generation {copy:?} {live:?}");
            } else if table != "tower_sessions" {
                assert_eq!(copy, live, "{table}");
            }
            compared += copy.len();
        }
        assert!(compared > 100, "the seeded data is there: {compared} rows");
        // The sequences came along: a new row gets a fresh id, and search finds what it found.
        restored.execute_unprepared("INSERT INTO audit_events (at, actor_id, actor_label, action, target, detail, ip) VALUES ('2026-11-23T11:00:00Z', NULL, 'test', 'test.after', 'restored', '', '')").await.unwrap();
        search_finds_the_same(&t.db, &restored).await;
    }

    #[tokio::test]
    async fn a_backup_taken_while_serving_restores_every_row() {
        let t = seeded().await;
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("kopior/samverkan-2026-11-23.db");
        if t.db.get_database_backend() != DbBackend::Sqlite {
            assert!(matches!(backup(&t.db, &file).await, Err(BackupError::NotSqlite)), "PostgreSQL is backed up with pg_dump");
            return pg_dump_restores_every_row(t).await;
        }
        // A writer keeps going while the copy is made: the copy is one consistent moment.
        let writer = audit_writer(&t.db);
        let report = backup(&t.db, &file).await.unwrap();
        writer.await.unwrap();
        assert_eq!(report.integrity, "ok");
        assert!(matches!(backup(&t.db, &file).await, Err(BackupError::Exists(_))), "never overwrites");

        // Restore: the copy is opened as the database and migrations find nothing to do.
        let restored = server::connect(&format!("sqlite://{}?mode=rwc", file.display())).await.unwrap();
        Migrator::up(&restored, None).await.unwrap();
        let live_tables = tables(&t.db).await.unwrap();
        assert_eq!(tables(&restored).await.unwrap(), live_tables);
        assert!(live_tables.len() >= 30, "{live_tables:?}");
        let mut compared = 0;
        for table in &live_tables {
            let (live, copy) = (rows(&t.db, table).await, rows(&restored, table).await);
            if table == "audit_events" {
                // Written during the copy: the copy has a prefix of them, whole rows only.
                assert!(copy.len() <= live.len() && copy[..] == live[..copy.len()], "audit_events");
            } else if table == "page_generation" {
                // Raised by those writes too: the copy's number is the live one or an earlier one.
                let n = |rows: &[String]| rows[0].split_once(',').and_then(|(_, n)| n.parse::<i64>().ok()).expect("the generation");
                assert!(copy.len() == 1 && n(&copy) <= n(&live), "page_generation {copy:?} {live:?}");
            } else if table != "tower_sessions" {
                assert_eq!(copy, live, "{table}");
            }
            let counted = report.tables.iter().find(|(n, _)| n == table).map(|(_, n)| *n);
            assert_eq!(counted, Some(copy.len() as u64), "{table}");
            compared += copy.len();
        }
        assert!(compared > 100, "the seeded data is there: {compared} rows");
        // The full-text index came along and finds what the live one finds.
        search_finds_the_same(&t.db, &restored).await;
    }
}

mod personal_data {
    use super::*;
    use app::ssr::services::personal_data::{erase, export, ERASED_NAME};
    use sea_orm::{ConnectionTrait, PaginatorTrait};

    #[tokio::test]
    async fn a_person_downloads_their_data_and_an_admin_erases_them_leaving_the_record_whole() {
        let t = seeded().await;
        let admin = actor(&t.db, "admin@samverkan.test").await;
        let sec = actor(&t.db, "sekretariat@samverkan.test").await;
        let skane = actor(&t.db, "region.skane@samverkan.test").await;
        let uid = skane.user_id().unwrap();
        let action_id = entity::action::Entity::find().filter(entity::action::Column::Number.eq(1)).one(&t.db).await.unwrap().unwrap().id;
        let comment = app::ssr::services::comments::post(&t.db, &skane, BASE, "action", action_id, None, "Region Skåne följer upp i december.").await.unwrap();

        // Access: their own account, roles and what they wrote; no secrets.
        let data = export(&t.db, &skane).await.unwrap();
        assert_eq!(data["account"]["email"], "region.skane@samverkan.test");
        assert_eq!(data["account"]["name"], "Sara Nyström");
        assert!(data["forum_roles"].as_array().unwrap().len() >= 1);
        assert!(data["comments"].as_array().unwrap().iter().any(|c| c["body"] == "Region Skåne följer upp i december."), "{}", data["comments"]);
        let text = data.to_string();
        for secret in ["password_hash", "calendar_token", "mail_token", "argon2"] {
            assert!(!text.contains(secret), "{secret} is not in the download");
        }
        assert_eq!(export(&t.db, &Actor::anonymous()).await.unwrap_err(), AppError::Unauthenticated);

        // Erasure: admins only, never oneself.
        assert_eq!(erase(&t.db, &sec, uid).await.unwrap_err(), AppError::Forbidden);
        assert!(erase(&t.db, &admin, admin.user_id().unwrap()).await.is_err());
        erase(&t.db, &admin, uid).await.unwrap();

        let u = entity::user::Entity::find_by_id(uid).one(&t.db).await.unwrap().unwrap();
        assert_eq!(u.name, ERASED_NAME);
        assert!(u.email.ends_with("@anonymiserad.invalid") && !u.active && u.password_hash.is_none() && u.title.is_none());
        assert_eq!(entity::forum_membership::Entity::find().filter(entity::forum_membership::Column::UserId.eq(uid)).count(&t.db).await.unwrap(), 0);
        // What they wrote stays, now under the anonymous name.
        let kept = entity::comment::Entity::find_by_id(comment).one(&t.db).await.unwrap().unwrap();
        assert_eq!((kept.author_id, kept.body.as_str()), (Some(uid), "Region Skåne följer upp i december."));
        let f = entity::forum::Entity::find_by_id(kept.forum_id).one(&t.db).await.unwrap().unwrap();
        let thread = app::ssr::services::comments::thread(&t.db, &sec, &f, "action", action_id, true).await.unwrap();
        let shown = format!("{thread:?}");
        assert!(shown.contains(ERASED_NAME) && !shown.contains("Sara Nyström"), "{shown}");
        // The append-only log records the erasure by id.
        let events = entity::audit_event::Entity::find().all(&t.db).await.unwrap();
        let erased: Vec<_> = events.iter().filter(|e| e.action == "user.erased").collect();
        assert_eq!((erased.len(), erased[0].target.clone(), erased[0].actor_id), (1, format!("user:{uid}"), admin.user_id()));
        assert!(auth::login(&t.db, "region.skane@samverkan.test", PASSWORD, "127.0.0.1").await.is_err(), "no sign-in");
        let mail_left = t
            .db
            .query_one(sea_orm::Statement::from_string(t.db.get_database_backend(), "SELECT COUNT(*) AS n FROM outbox WHERE to_address = 'region.skane@samverkan.test'"))
            .await
            .unwrap()
            .unwrap()
            .try_get::<i64>("", "n")
            .unwrap();
        assert_eq!(mail_left, 0, "no mail goes to the old address");
    }
}

/// The page cache is exact only if every table a page can show raises the write generation: a
/// new table without the triggers (`migration::page_generation::watch`) fails here.
#[tokio::test]
async fn every_table_but_the_exempt_ones_raises_the_write_generation() {
    use migration::page_generation::{current, tables_with_triggers, watched_tables, EXEMPT};
    use sea_orm::ConnectionTrait;
    let t = test_db().await;
    let watched = watched_tables(&t.db).await.unwrap();
    assert!(watched.len() >= 35, "the schema's tables: {watched:?}");
    assert!(EXEMPT.iter().all(|e| !watched.iter().any(|w| w == e)));
    assert_eq!(tables_with_triggers(&t.db).await.unwrap(), watched);
    let db = &t.db;
    let generation = move || async move { current(db).await.unwrap() };
    // Insert, update and delete each raise it.
    let n0 = generation().await;
    t.db.execute_unprepared("INSERT INTO organisations (name, short_name, kind, created_at) VALUES ('Testverket', 'TV', 'agency', CURRENT_TIMESTAMP)").await.unwrap();
    let n1 = generation().await;
    t.db.execute_unprepared("UPDATE organisations SET short_name = 'TVK' WHERE name = 'Testverket'").await.unwrap();
    let n2 = generation().await;
    t.db.execute_unprepared("DELETE FROM organisations WHERE name = 'Testverket'").await.unwrap();
    let n3 = generation().await;
    assert!(n0 < n1 && n1 < n2 && n2 < n3, "{n0} {n1} {n2} {n3}");
    // A statement that changes no row leaves it alone.
    t.db.execute_unprepared("UPDATE organisations SET short_name = 'X' WHERE name = 'Finns inte'").await.unwrap();
    assert_eq!(generation().await, n3);
}
