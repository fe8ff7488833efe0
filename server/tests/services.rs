//! Service tests on a real, migrated database (SQLite; PostgreSQL when SAMVERKAN_TEST_DATABASE_URL is set).
mod common;

use app::error::AppError;
use app::i18n::K;
use app::ssr::policy::Actor;
use app::ssr::services::{accounts, auth, organisations};
use common::*;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

async fn actor(db: &sea_orm::DatabaseConnection, email: &str) -> Actor {
    let u = entity::user::Entity::find().filter(entity::user::Column::Email.eq(email)).one(db).await.unwrap().unwrap();
    auth::load_actor(db, u.id, u.session_epoch).await.unwrap().expect("active user")
}

async fn forum_id(db: &sea_orm::DatabaseConnection, slug: &str) -> i32 {
    entity::forum::Entity::find().filter(entity::forum::Column::Slug.eq(slug)).one(db).await.unwrap().unwrap().id
}

#[tokio::test]
async fn seeding_twice_changes_nothing() {
    let t = seeded().await;
    let before = entity::user::Entity::find().all(&t.db).await.unwrap().len();
    app::ssr::services::seed::seed_demo(&t.db, PASSWORD).await.unwrap();
    assert_eq!(entity::user::Entity::find().all(&t.db).await.unwrap().len(), before);
    assert_eq!(entity::forum_membership::Entity::find().all(&t.db).await.unwrap().len(), 7);
    assert_eq!(entity::meeting::Entity::find().all(&t.db).await.unwrap().len(), 23, "meetings are not duplicated either");
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
    for i in 0..30 {
        let input = accounts::InviteInput { email: format!("p{i:02}@example.se"), name: format!("Person {i:02}"), organisation_id: "1".into(), ..Default::default() };
        accounts::invite(&t.db, &admin, "http://x", input).await.unwrap();
    }
    let p0 = accounts::list_users(&t.db, &admin, "", 0).await.unwrap();
    assert_eq!(p0.total, 35);
    assert_eq!(p0.pages, 2);
    assert_eq!(p0.rows.len(), 25);
    let p1 = accounts::list_users(&t.db, &admin, "", 1).await.unwrap();
    assert_eq!(p1.rows.len(), 10);
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
        assert_eq!(meetings::cancel(&t.db, &member, id, "Krock").await.unwrap_err(), AppError::Forbidden);
        assert_eq!(meetings::cancel(&t.db, &sec, id, " ").await.unwrap_err().form_errors().unwrap().field("reason"), Some(K::ErrRequired));
        meetings::cancel(&t.db, &sec, id, "Krockar med servicefönstret").await.unwrap();
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
        meetings::cancel(&t.db, &sec, b, "Flyttas").await.unwrap();
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
