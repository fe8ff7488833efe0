//! Role × endpoint matrix: every server function, page and handler route of the running app,
//! called by six callers against the members-only forum Aktörsråd vård, must be allowed or
//! refused exactly as the table below says. The endpoints come from the code
//! (`server_fn_paths`, `generate_route_list`, `server::handler_route_list`); the test fails
//! when one has no row here, so a new endpoint cannot slip past.
//!
//! Callers: A anonymous, O a member of another forum only (Sveriges Apoteksförening),
//! M member (Region Skåne), C coordinator, S secretariat, X admin (no forum role).
//! Allowed means 2xx or a redirect; refused means 401, 403, 404 or a redirect to the login page.
//! Anything else (a 422 from a check that ran before the policy, a 500) fails.
mod common;

use std::collections::BTreeSet;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::*;
use leptos::server_fn::ServerFn;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

const ROLES: [(char, Option<&str>); 6] = [
    ('A', None),
    ('O', Some("apotek@samverkan.test")),
    ('M', Some("region.skane@samverkan.test")),
    ('C', Some("samordnare@samverkan.test")),
    ('S', Some("sekretariat@samverkan.test")),
    ('X', Some("admin@samverkan.test")),
];

fn sf<S: ServerFn>() -> &'static str {
    S::PATH
}

enum Call {
    /// A server function called as the hydrated page does (form in, JSON out).
    Fn(&'static str, Vec<(String, String)>),
    /// A GET of a page or handler route: (route pattern, concrete URL).
    Get(&'static str, String),
    /// A POST to a handler route: (pattern, URL, content type, body).
    Post(&'static str, String, String, Vec<u8>),
}

struct Case {
    call: Call,
    /// Who is let through: letters from "AOMCSX".
    allowed: &'static str,
    /// The call may end or replace the caller's session: sign in again afterwards.
    relogin: bool,
}

fn fun(path: &'static str, args: &[(&str, &str)], allowed: &'static str) -> Case {
    Case { call: Call::Fn(path, args.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()), allowed, relogin: false }
}

fn get(pattern: &'static str, url: impl Into<String>, allowed: &'static str) -> Case {
    Case { call: Call::Get(pattern, url.into()), allowed, relogin: false }
}

fn relogin(mut c: Case) -> Case {
    c.relogin = true;
    c
}

/// Ids of the records the cases act on, found or made in a fresh demo database.
#[derive(Default)]
struct Fx {
    forum: String,
    /// `organisations[<id>]` for the member's organisation (the addition form's checkbox).
    member_org: String,
    other_org: String,
    meeting: String,
    planned: String,
    held: String,
    with_summary: String,
    item: String,
    item2: String,
    /// Every item id of the meeting, comma-separated, last first (a new order).
    reversed_order: String,
    member_id: String,
    action_owned_by_member: String,
    survey_open: String,
    survey_draft: String,
    question_move: String,
    question_delete: String,
    consultation_open: String,
    consultation_draft: String,
    consultation_question: String,
    addition_accept: String,
    addition_move: String,
    addition_decline: String,
    material: String,
    material_delete: String,
    /// The member's demo comment (past the edit window), to hide.
    comment_old: String,
    /// Her fresh comments: one to edit, one to delete.
    comment_own: String,
    comment_delete: String,
    user_role: String,
    user_inactive: String,
    user_erase: String,
    invited_resend: String,
    invite_token: String,
    reset_token: String,
    mail_token: String,
    calendar_token: String,
    summary_revisions: (i32, i32),
}

async fn fixture(app: &TestApp) -> Fx {
    use entity::*;
    let db = &app.state.db;
    let sec = app.session("sekretariat@samverkan.test").await;
    let member = app.session("region.skane@samverkan.test").await;
    let admin = app.session("admin@samverkan.test").await;
    let ok = |r: &Reply, what: &str| assert!(r.status.is_success() || r.status.is_redirection(), "fixture {what}: {} {}", r.status, r.body);
    let f = forum::Entity::find().filter(forum::Column::Slug.eq("aktorsrad-vard")).one(db).await.unwrap().unwrap();
    let meeting_on = |date: &'static str| {
        let fid = f.id;
        async move {
            let all = meeting::Entity::find().filter(meeting::Column::ForumId.eq(fid)).all(db).await.unwrap();
            all.into_iter().find(|m| m.starts_at.format("%Y-%m-%d").to_string() == date).expect("demo meeting").id
        }
    };
    let m = meeting_on("2026-12-03").await;
    let held = meeting_on("2023-09-01").await;
    let with_summary = meeting_on("2023-01-23").await;
    let items = agenda_item::Entity::find().filter(agenda_item::Column::MeetingId.eq(m)).order_by_asc(agenda_item::Column::Position).all(db).await.unwrap();
    assert!(items.len() >= 3, "the demo meeting has an agenda");
    let newest = |e: Option<i32>| e.expect("the fixture made it").to_string();

    // A planned meeting with one item, to publish and cancel.
    let plan = [("forum_slug", "aktorsrad-vard"), ("title", "Aktörsråd vård, extra"), ("date", "2027-02-10"), ("start", "13.00"),
                ("end", "15.00"), ("place", "Stockholm"), ("online_url", ""), ("status", "planned")];
    ok(&app.call(sf::<app::meetings::api::CreateMeeting>(), &plan, Some(&sec)).await, "meeting");
    let planned = meeting::Entity::find().filter(meeting::Column::Title.eq("Aktörsråd vård, extra")).one(db).await.unwrap().unwrap().id;
    let item = [("meeting_id", planned.to_string()), ("title", "Inledning".into()), ("presenters", "".into()), ("duration_minutes", "10".into()),
                ("kind", "information".into()), ("description", "".into())];
    let item: Vec<(&str, &str)> = item.iter().map(|(k, v)| (*k, v.as_str())).collect();
    ok(&app.call(sf::<app::meetings::api::AddAgendaItem>(), &item, Some(&sec)).await, "agenda item");

    // Surveys: one open (to answer, remind, close), one draft (to edit and open).
    let mut surveys = vec![];
    for title in ["Matris öppen", "Matris utkast"] {
        let s = [("slug", "aktorsrad-vard"), ("title", title), ("intro", ""), ("closes", "2027-06-30")];
        ok(&app.call(sf::<app::surveys::api::CreateSurvey>(), &s, Some(&sec)).await, "survey");
        let id = survey::Entity::find().filter(survey::Column::Title.eq(title)).one(db).await.unwrap().unwrap().id;
        for text in ["Hur fungerar forumet?", "Vad saknas?"] {
            let q = [("survey_id", id.to_string()), ("section", "".into()), ("kind", "text".into()), ("text", text.into()), ("help", "".into()), ("options", "".into())];
            let q: Vec<(&str, &str)> = q.iter().map(|(k, v)| (*k, v.as_str())).collect();
            ok(&app.call(sf::<app::surveys::api::AddSurveyQuestion>(), &q, Some(&sec)).await, "survey question");
        }
        surveys.push(id);
    }
    ok(&app.call(sf::<app::surveys::api::OpenSurvey>(), &[("survey_id", &surveys[0].to_string())], Some(&sec)).await, "open survey");
    let draft_questions = survey_question::Entity::find().filter(survey_question::Column::SurveyId.eq(surveys[1])).order_by_asc(survey_question::Column::Id).all(db).await.unwrap();

    // Consultations: one open (to answer, remind, close), one draft (to edit and open).
    let mut consultations = vec![];
    for title in ["Matris remiss öppen", "Matris remiss"] {
        let c = [("slug", "aktorsrad-vard"), ("title", title), ("background", "Bakgrund"), ("deadline", "2027-05-01"), ("item_id", "")];
        ok(&app.call(sf::<app::consultations::api::CreateConsultation>(), &c, Some(&sec)).await, "consultation");
        let id = consultation::Entity::find().filter(consultation::Column::Title.eq(title)).one(db).await.unwrap().unwrap().id;
        for text in ["Stämmer kraven?", "Övrigt"] {
            ok(&app.call(sf::<app::consultations::api::AddConsultationQuestion>(), &[("consultation_id", &id.to_string()), ("text", text), ("help", "")], Some(&sec)).await, "consultation question");
        }
        consultations.push(id);
    }
    ok(&app.call(sf::<app::consultations::api::OpenConsultation>(), &[("consultation_id", &consultations[0].to_string())], Some(&sec)).await, "open consultation");
    let draft_c = consultations[1];
    let c_question = consultation_question::Entity::find().filter(consultation_question::Column::ConsultationId.eq(draft_c)).order_by_desc(consultation_question::Column::Id).one(db).await.unwrap().map(|q| q.id);

    // Three additions from the member, for her organisation.
    let me = user::Entity::find().filter(user::Column::Email.eq("region.skane@samverkan.test")).one(db).await.unwrap().unwrap();
    let member_org = format!("organisations[{}]", me.organisation_id);
    let mut additions = vec![];
    for title in ["Tillägg ett", "Tillägg två", "Tillägg tre"] {
        let a = [("meeting_id", m.to_string()), ("title", title.to_string()), ("description", "Kort".into()), ("presenter", "Sara Nyström".into()),
                 (member_org.as_str(), "on".into())];
        let a: Vec<(&str, &str)> = a.iter().map(|(k, v)| (*k, v.as_str())).collect();
        ok(&app.call(sf::<app::meetings::api::ProposeAddition>(), &a, Some(&member)).await, "addition");
        additions.push(agenda_addition::Entity::find().filter(agenda_addition::Column::Title.eq(title)).one(db).await.unwrap().unwrap().id);
    }

    // Two materials on the published agenda.
    for name in ["Underlag.pdf", "Gammalt underlag.pdf"] {
        ok(&upload(app, &format!("/meetings/{m}/materials"), name, PDF, &sec).await, "material");
    }
    let materials = material::Entity::find().filter(material::Column::MeetingId.eq(m)).order_by_asc(material::Column::Id).all(db).await.unwrap();

    // The member's comments: the demo's on the agenda, and one more.
    for body in ["Ett till medskick.", "Och ett tredje."] {
        ok(&app.call(sf::<app::comments::api::PostComment>(), &[("kind", "agenda"), ("target_id", &m.to_string()), ("body", body)], Some(&member)).await, "comment");
    }
    let comments = comment::Entity::find().filter(comment::Column::AuthorId.eq(me.id)).filter(comment::Column::ForumId.eq(f.id)).order_by_asc(comment::Column::Id).all(db).await.unwrap();
    assert!(comments.len() >= 3, "the demo comment and two new ones");

    // People without demo roles, one per admin operation that changes them.
    let scenery: Vec<user::Model> = user::Entity::find().filter(user::Column::Email.ends_with(".test")).order_by_asc(user::Column::Id).all(db).await.unwrap()
        .into_iter().filter(|u| !ROLES.iter().any(|(_, e)| *e == Some(u.email.as_str()))).collect();
    assert!(scenery.len() >= 4, "the demo has people beyond the logins");

    // Two invitations to the forum (one to resend and revoke, one to read and accept); a reset.
    let kalmar = organisation::Entity::find().filter(organisation::Column::Name.eq("Region Kalmar län")).one(db).await.unwrap().unwrap();
    for (email, name) in [("inbjuden.ett@regionkalmar.se", "Ida Ek"), ("inbjuden.tva@regionkalmar.se", "Tor Ask")] {
        let i = [("email", email), ("name", name), ("organisation_id", &kalmar.id.to_string()), ("title", ""), ("language", "sv"), ("forum_id", &f.id.to_string()), ("role", "member")];
        ok(&app.call(sf::<app::admin::api::InviteUser>(), &i, Some(&admin)).await, "invitation");
    }
    ok(&app.call(sf::<app::auth::api::RequestReset>(), &[("email", &scenery[3].email)], None).await, "reset");
    app.deliver().await;
    let mails = app.mails();
    let to = |addr: &str| mails.iter().rev().find(|m| m.to == addr).map(|m| m.text.clone()).expect("mail sent");
    let invite_token = link_token(&to("inbjuden.tva@regionkalmar.se"), "/invite/");
    let reset_token = link_token(&to(&scenery[3].email), "/reset/");
    let invited = user::Entity::find().filter(user::Column::Email.eq("inbjuden.ett@regionkalmar.se")).one(db).await.unwrap().unwrap();

    // Tokens for the feed and the unsubscribe link (made on first use by the app; set here).
    use sea_orm::{ActiveModelTrait, Set};
    let mail_token = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";
    let calendar_token = "c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00";
    user::ActiveModel { id: Set(scenery[0].id), mail_token: Set(Some(mail_token.into())), ..Default::default() }.update(db).await.unwrap();
    // The forum feed answers to the token's owner, who must be a reader of the forum.
    user::ActiveModel { id: Set(me.id), calendar_token: Set(Some(calendar_token.into())), ..Default::default() }.update(db).await.unwrap();
    let other_org = organisation::Entity::find().filter(organisation::Column::Name.eq("Region Kalmar län")).one(db).await.unwrap().unwrap();
    let summary = summary::Entity::find().filter(summary::Column::MeetingId.eq(with_summary)).one(db).await.unwrap().expect("demo summary");
    let revs = summary_revision::Entity::find().filter(summary_revision::Column::SummaryId.eq(summary.id)).order_by_asc(summary_revision::Column::Number).all(db).await.unwrap();
    let action = action::Entity::find().filter(action::Column::ForumId.eq(f.id)).filter(action::Column::OwnerUserId.eq(me.id)).one(db).await.unwrap().expect("member owns an action");

    Fx {
        forum: f.id.to_string(),
        member_org,
        other_org: other_org.id.to_string(),
        meeting: m.to_string(),
        planned: planned.to_string(),
        held: held.to_string(),
        with_summary: with_summary.to_string(),
        item: items[0].id.to_string(),
        item2: items[items.len() - 1].id.to_string(),
        reversed_order: items.iter().rev().map(|i| i.id.to_string()).collect::<Vec<_>>().join(","),
        member_id: me.id.to_string(),
        action_owned_by_member: action.number.to_string(),
        survey_open: surveys[0].to_string(),
        survey_draft: surveys[1].to_string(),
        question_move: draft_questions[0].id.to_string(),
        question_delete: draft_questions[1].id.to_string(),
        consultation_open: consultations[0].to_string(),
        consultation_draft: draft_c.to_string(),
        consultation_question: newest(c_question),
        addition_accept: additions[0].to_string(),
        addition_move: additions[1].to_string(),
        addition_decline: additions[2].to_string(),
        material: materials[0].id.to_string(),
        material_delete: materials[1].id.to_string(),
        comment_old: comments[0].id.to_string(),
        comment_own: comments[comments.len() - 2].id.to_string(),
        comment_delete: comments[comments.len() - 1].id.to_string(),
        user_role: scenery[0].id.to_string(),
        user_inactive: scenery[1].id.to_string(),
        user_erase: scenery[2].id.to_string(),
        invited_resend: invited.id.to_string(),
        invite_token,
        reset_token,
        mail_token: mail_token.into(),
        calendar_token: calendar_token.into(),
        summary_revisions: (revs.first().map(|r| r.number).unwrap_or(1), revs.last().map(|r| r.number).unwrap_or(1)),
    }
}

/// The table, in the order it runs: reads first, then changes, then what ends sessions.
fn cases(x: &Fx) -> Vec<Case> {
    use app::{actions::api as act, admin::api as adm, auth::api as auth, calendar::api as cal, comments::api as com, consultations::api as con};
    use app::{forums::api as frm, home::api as home, me::api as me, meetings::api as mtg, notifications::api as ntf, search::api as sea};
    use app::{summaries::api as sum, surveys::api as sur};
    let (rev_from, rev_to) = (x.summary_revisions.0.to_string(), x.summary_revisions.1.to_string());
    let slug = "aktorsrad-vard";
    let ev = "AOMCSX";
    let signed_in = "OMCSX";
    let readers = "MCSX";
    let managers = "CSX";
    let secretariat = "SX";
    let admin = "X";
    vec![
        // Pages.
        get("/", "/", ev),
        get("/login", "/login", ev),
        get("/reset", "/reset", ev),
        get("/reset/{token}", format!("/reset/{}", x.reset_token), ev),
        get("/invite/{token}", format!("/invite/{}", x.invite_token), ev),
        get("/me", "/me", signed_in),
        get("/forums", "/forums", ev),
        get("/forums/{slug}", format!("/forums/{slug}"), readers),
        get("/forums/{slug}/actions", format!("/forums/{slug}/actions?state=active"), readers),
        get("/forums/{slug}/actions/{nr}", format!("/forums/{slug}/actions/{}", x.action_owned_by_member), readers),
        get("/forums/{slug}/surveys", format!("/forums/{slug}/surveys"), readers),
        get("/surveys/{id}", format!("/surveys/{}", x.survey_open), readers),
        get("/surveys/{id}/results", format!("/surveys/{}/results", x.survey_open), secretariat),
        get("/forums/{slug}/consultations", format!("/forums/{slug}/consultations"), readers),
        get("/consultations/{id}", format!("/consultations/{}", x.consultation_open), readers),
        get("/meetings/{id}", format!("/meetings/{}", x.meeting), readers),
        get("/meetings/{id}/participants", format!("/meetings/{}/participants", x.held), readers),
        get("/meetings/{id}/summary", format!("/meetings/{}/summary", x.with_summary), readers),
        get("/meetings/{id}/summary/diff", format!("/meetings/{}/summary/diff?from={rev_from}&to={rev_to}", x.with_summary), readers),
        get("/calendar", "/calendar", ev),
        get("/search", "/search?q=l%C3%A4kemedelslista", ev),
        get("/admin/users", "/admin/users", secretariat),
        get("/admin/organisations", "/admin/organisations", secretariat),
        get("/admin/audit", "/admin/audit", admin),
        get("/unsubscribe/{token}", format!("/unsubscribe/{}", x.mail_token), ev),
        // Handler routes that read.
        get("/materials/{id}/{name}", format!("/materials/{}/Underlag.pdf", x.material), readers),
        get("/calendar.ics", "/calendar.ics", ev),
        get("/feed.atom", "/feed.atom", ev),
        get("/forums/{slug}/calendar.ics", format!("/forums/{slug}/calendar.ics?token={}", x.calendar_token), ev),
        get("/meetings/{id}/calendar.ics", format!("/meetings/{}/calendar.ics", x.meeting), readers),
        get("/forums/{slug}/actions.csv", format!("/forums/{slug}/actions.csv"), readers),
        get("/surveys/{id}/answers.csv", format!("/surveys/{}/answers.csv", x.survey_open), secretariat),
        get("/consultations/{id}/answers.csv", format!("/consultations/{}/answers.csv", x.consultation_open), secretariat),
        get("/me/data.json", "/me/data.json", signed_in),
        get("/lang/{code}", "/lang/sv?next=/", ev),
        get("/pkg/{name}", "/pkg/samverkan.css", ev),
        get("/pkg/{version}/{name}", "/pkg/0123456789abcdef/samverkan.css", ev),
        get("/healthz", "/healthz", ev),
        get("/metrics", "/metrics", ev),
        // Server functions that read.
        fun(sf::<auth::GetCurrentUser>(), &[], ev),
        fun(sf::<auth::InvitationInfo>(), &[("token", &x.invite_token)], ev),
        fun(sf::<me::GetMyAccount>(), &[], signed_in),
        fun(sf::<home::GetDashboard>(), &[], ev),
        fun(sf::<frm::GetStructure>(), &[], ev),
        fun(sf::<frm::GetForum>(), &[("slug", slug)], readers),
        fun(sf::<mtg::GetMeeting>(), &[("id", &x.meeting)], readers),
        fun(sf::<mtg::GetParticipants>(), &[("meeting_id", &x.held)], readers),
        fun(sf::<act::GetActions>(), &[("slug", slug), ("filter[state]", "active"), ("filter[owner]", ""), ("filter[organisation]", ""), ("filter[overdue]", ""),
            ("filter[meeting]", ""), ("filter[q]", ""), ("filter[sort]", ""), ("filter[page]", "")], readers),
        fun(sf::<act::GetAction>(), &[("slug", slug), ("number", &x.action_owned_by_member)], readers),
        fun(sf::<sum::GetSummary>(), &[("meeting_id", &x.with_summary)], readers),
        fun(sf::<sum::GetSummaryDiff>(), &[("meeting_id", &x.with_summary), ("from", &rev_from), ("to", &rev_to)], readers),
        fun(sf::<sum::PreviewMarkdown>(), &[("body", "**fet**")], signed_in),
        fun(sf::<sur::ListSurveys>(), &[("slug", slug)], readers),
        fun(sf::<sur::GetSurvey>(), &[("id", &x.survey_open)], readers),
        fun(sf::<sur::GetSurveyResults>(), &[("id", &x.survey_open)], secretariat),
        fun(sf::<con::ListConsultations>(), &[("slug", slug)], readers),
        fun(sf::<con::GetConsultation>(), &[("id", &x.consultation_open)], readers),
        fun(sf::<sea::Search>(), &[("q", "läkemedelslista"), ("page", "1")], ev),
        fun(sf::<cal::GetCalendar>(), &[("view", "month"), ("month", "2026-12"), ("forum", "")], ev),
        fun(sf::<ntf::GetNotificationSettings>(), &[], signed_in),
        fun(sf::<ntf::GetUnsubscribe>(), &[("token", &x.mail_token)], ev),
        fun(sf::<adm::ListOrganisations>(), &[], secretariat),
        fun(sf::<adm::ListUsers>(), &[("q", ""), ("page", "1")], secretariat),
        fun(sf::<adm::ListAudit>(), &[("action", ""), ("who", ""), ("from", ""), ("to", ""), ("page", "1")], admin),
        // Server functions that change things.
        fun(sf::<me::UpdateProfile>(), &[("name", "Samma Namn"), ("title", ""), ("language", "sv")], signed_in),
        fun(sf::<ntf::SaveNotificationSettings>(), &[], signed_in),
        fun(sf::<cal::ResetCalendarToken>(), &[], signed_in),
        fun(sf::<com::PostComment>(), &[("kind", "agenda"), ("target_id", &x.meeting), ("body", "Medskick från matrisen.")], readers),
        fun(sf::<com::EditComment>(), &[("id", &x.comment_own), ("body", "Ändrat medskick.")], "M"),
        fun(sf::<com::HideComment>(), &[("id", &x.comment_old), ("reason", "Fel forum.")], secretariat),
        fun(sf::<com::DeleteComment>(), &[("id", &x.comment_delete)], "M"),
        fun(sf::<mtg::ReorderAgenda>(), &[("meeting_id", &x.meeting), ("order", &x.reversed_order)], secretariat),
        fun(sf::<mtg::ProposeAddition>(), &[("meeting_id", &x.meeting), ("title", "Förslag"), ("description", "Kort"), ("presenter", ""), (&x.member_org, "on")], readers),
        fun(sf::<mtg::AcceptAddition>(), &[("addition_id", &x.addition_accept), ("duration_minutes", "15")], secretariat),
        fun(sf::<mtg::MoveAddition>(), &[("addition_id", &x.addition_move), ("target", &x.planned)], secretariat),
        fun(sf::<mtg::DeclineAddition>(), &[("addition_id", &x.addition_decline), ("reason", "Tas i annat forum.")], secretariat),
        fun(sf::<mtg::PostRoundTableUpdate>(), &[("meeting_id", &x.meeting), ("body", "Inget nytt.")], readers),
        fun(sf::<mtg::CreateMeeting>(), &[("forum_slug", slug), ("title", "Nytt möte"), ("date", "2027-04-20"), ("start", "09.00"), ("end", "11.00"),
            ("place", ""), ("online_url", ""), ("status", "planned")], secretariat),
        fun(sf::<mtg::AddAgendaItem>(), &[("meeting_id", &x.meeting), ("title", "Ny punkt"), ("presenters", ""), ("duration_minutes", "10"),
            ("kind", "information"), ("description", "")], secretariat),
        fun(sf::<mtg::EditAgendaItem>(), &[("item_id", &x.item), ("title", "Ändrad punkt"), ("presenters", ""), ("duration_minutes", "10"),
            ("kind", "information"), ("description", "")], secretariat),
        fun(sf::<mtg::MoveAgendaItem>(), &[("item_id", &x.item), ("direction", "down")], secretariat),
        fun(sf::<mtg::SendAgendaUpdate>(), &[("meeting_id", &x.meeting)], secretariat),
        fun(sf::<mtg::EscalateAgendaItem>(), &[("item_id", &x.item)], managers),
        fun(sf::<mtg::DeleteAgendaItem>(), &[("item_id", &x.item2)], secretariat),
        fun(sf::<mtg::DeleteMaterial>(), &[("material_id", &x.material_delete)], secretariat),
        fun(sf::<mtg::CreateNextMeeting>(), &[("meeting_id", &x.meeting), ("date", "2027-03-03")], secretariat),
        fun(sf::<mtg::RecordAttendance>(), &[("meeting_id", &x.held), ("user_id", &x.member_id), ("attended", "yes")], secretariat),
        fun(sf::<mtg::PublishAgenda>(), &[("meeting_id", &x.planned)], secretariat),
        fun(sf::<mtg::CancelMeeting>(), &[("id", &x.planned), ("reason", "Flyttas.")], secretariat),
        fun(sf::<act::CreateAction>(), &[("slug", slug), ("title", "Ny aktivitet"), ("description", ""), ("owner", ""), ("start_date", "2026-11-23"),
            ("end_date", ""), ("comment", "")], managers),
        fun(sf::<act::EditAction>(), &[("slug", slug), ("number", &x.action_owned_by_member), ("title", "Sammanställa regionernas frågor"), ("description", ""),
            ("owner", ""), ("start_date", "2023-01-23"), ("end_date", "2023-02-28"), ("comment", ""), ("state", "")], managers),
        fun(sf::<act::AddActionNote>(), &[("slug", slug), ("number", &x.action_owned_by_member), ("note_date", "2026-11-23"), ("body", "Pågår."), ("state", "")], readers),
        fun(sf::<act::EscalateAction>(), &[("slug", slug), ("number", &x.action_owned_by_member)], managers),
        fun(sf::<sum::SaveSummary>(), &[("meeting_id", &x.held), ("body", "# Sammanfattning\n\nKort.")], secretariat),
        fun(sf::<sum::StartSummaryReview>(), &[("meeting_id", &x.held), (&format!("reviewers[{}]", x.member_id), "on")], secretariat),
        fun(sf::<sum::PublishSummary>(), &[("meeting_id", &x.held)], secretariat),
        fun(sf::<sum::ReviseSummary>(), &[("meeting_id", &x.with_summary), ("body", "# Reviderad\n\nText."), ("reason", "Rättelse.")], secretariat),
        fun(sf::<sur::AnswerSurvey>(), &[("survey_id", &x.survey_open), ("submit", "draft")], "MCS"),
        fun(sf::<sur::RemindSurvey>(), &[("survey_id", &x.survey_open)], secretariat),
        fun(sf::<sur::CopySurvey>(), &[("survey_id", &x.survey_open), ("title", "Kopia"), ("closes", "2027-12-31")], secretariat),
        fun(sf::<sur::AttachSurvey>(), &[("survey_id", &x.survey_open), ("item_id", &x.item)], secretariat),
        fun(sf::<sur::CloseSurvey>(), &[("survey_id", &x.survey_open)], secretariat),
        fun(sf::<sur::SaveInsights>(), &[("survey_id", &x.survey_open), ("insights", "Lärdomar."), ("submit", "draft")], secretariat),
        fun(sf::<sur::CreateSurvey>(), &[("slug", slug), ("title", "Ny enkät"), ("intro", ""), ("closes", "2027-06-30")], secretariat),
        fun(sf::<sur::AddSurveyQuestion>(), &[("survey_id", &x.survey_draft), ("section", ""), ("kind", "text"), ("text", "Fråga"), ("help", ""), ("options", "")], secretariat),
        fun(sf::<sur::MoveSurveyQuestion>(), &[("question_id", &x.question_move), ("direction", "down")], secretariat),
        fun(sf::<sur::DeleteSurveyQuestion>(), &[("question_id", &x.question_delete)], secretariat),
        fun(sf::<sur::OpenSurvey>(), &[("survey_id", &x.survey_draft)], secretariat),
        fun(sf::<con::SaveConsultationAnswer>(), &[("consultation_id", &x.consultation_open), ("submit", "draft")], "M"),
        fun(sf::<con::RemindConsultation>(), &[("consultation_id", &x.consultation_open)], secretariat),
        fun(sf::<con::CloseConsultation>(), &[("consultation_id", &x.consultation_open)], secretariat),
        fun(sf::<con::CreateConsultation>(), &[("slug", slug), ("title", "Ny remiss"), ("background", "Bakgrund"), ("deadline", "2027-05-01"), ("item_id", "")], secretariat),
        fun(sf::<con::AddConsultationQuestion>(), &[("consultation_id", &x.consultation_draft), ("text", "Fråga"), ("help", "")], secretariat),
        fun(sf::<con::DeleteConsultationQuestion>(), &[("question_id", &x.consultation_question)], secretariat),
        fun(sf::<con::OpenConsultation>(), &[("consultation_id", &x.consultation_draft)], secretariat),
        fun(sf::<frm::SaveForum>(), &[("id", &x.forum), ("name", "Aktörsråd vård"), ("level", "tactical"), ("parent_id", ""), ("visibility", "members"),
            ("contact_email", ""), ("publish_days_before", "7"), ("purpose", ""), ("agenda_template", "")], secretariat),
        fun(sf::<frm::SaveForum>(), &[("name", "Nytt forum"), ("slug", "nytt-forum"), ("level", "tactical"), ("parent_id", ""), ("visibility", "members"),
            ("contact_email", ""), ("publish_days_before", "7"), ("purpose", ""), ("agenda_template", "")], secretariat),
        fun(sf::<frm::SetForumOrganisation>(), &[("forum_id", &x.forum), ("organisation_id", &x.other_org), ("member", "true")], secretariat),
        fun(sf::<adm::SaveOrganisation>(), &[("name", "Region Testland"), ("short_name", "Testland"), ("kind", "region")], admin),
        fun(sf::<adm::InviteUser>(), &[("email", "ny.matris@regionkalmar.se"), ("name", "Ny Person"), ("organisation_id", &x.other_org), ("title", ""),
            ("language", "sv"), ("forum_id", &x.forum), ("role", "member")], secretariat),
        fun(sf::<adm::ResendInvitation>(), &[("user_id", &x.invited_resend)], secretariat),
        fun(sf::<adm::RevokeInvitation>(), &[("user_id", &x.invited_resend)], secretariat),
        fun(sf::<adm::SetForumRole>(), &[("user_id", &x.user_role), ("forum_id", &x.forum), ("role", "member")], secretariat),
        fun(sf::<adm::SetUserAdmin>(), &[("user_id", &x.user_role), ("admin", "false")], admin),
        fun(sf::<adm::SetUserActive>(), &[("user_id", &x.user_inactive), ("active", "false")], admin),
        fun(sf::<adm::EraseUser>(), &[("user_id", &x.user_erase), ("confirm", "yes")], admin),
        fun(sf::<ntf::Unsubscribe>(), &[("token", &x.mail_token)], ev),
        fun(sf::<auth::RequestReset>(), &[("email", "ingen@samverkan.test")], ev),
        // Handler routes that change things.
        upload_case("/meetings/{id}/materials", format!("/meetings/{}/materials", x.meeting), secretariat),
        upload_case("/additions/{id}/materials", format!("/additions/{}/materials", x.addition_move), "MSX"),
        Case {
            call: Call::Post("/unsubscribe/{token}/one-click", format!("/unsubscribe/{}/one-click", x.mail_token), "application/x-www-form-urlencoded".into(),
                b"List-Unsubscribe=One-Click".to_vec()),
            allowed: ev,
            relogin: false,
        },
        // What starts or ends sessions.
        relogin(fun(sf::<auth::AcceptInvitation>(), &[("token", &x.invite_token), ("password", "Kalmarsund-fyrtorn-2026"), ("password2", "Kalmarsund-fyrtorn-2026")], ev)),
        relogin(fun(sf::<auth::CompleteReset>(), &[("token", &x.reset_token), ("password", "Ny-fin-lösenfras-2026"), ("password2", "Ny-fin-lösenfras-2026")], ev)),
        relogin(fun(sf::<me::ChangePassword>(), &[("current", PASSWORD), ("password", PASSWORD), ("password2", PASSWORD)], signed_in)),
        relogin(fun(sf::<auth::Login>(), &[("email", "apotek@samverkan.test"), ("password", PASSWORD)], ev)),
        Case { call: Call::Post("/logout", "/logout".into(), "application/x-www-form-urlencoded".into(), vec![]), allowed: ev, relogin: false },
    ]
}

fn upload_case(pattern: &'static str, url: String, allowed: &'static str) -> Case {
    let (ct, body) = multipart("Bilaga.pdf", PDF, false);
    Case { call: Call::Post(pattern, url, ct, body), allowed, relogin: false }
}

/// Route patterns as the code lists them, in axum's `{param}` form.
fn endpoints_in_code() -> BTreeSet<String> {
    let mut all = BTreeSet::new();
    for (path, _) in leptos::server_fn::axum::server_fn_paths() {
        all.insert(format!("fn {path}"));
    }
    for r in leptos_axum::generate_route_list(app::App) {
        all.insert(format!("GET {}", r.path()));
    }
    for (m, p) in server::handler_route_list() {
        all.insert(format!("{m} {p}"));
    }
    all
}

fn key(c: &Case) -> String {
    match &c.call {
        Call::Fn(p, _) => format!("fn {p}"),
        Call::Get(p, _) => format!("GET {p}"),
        Call::Post(p, ..) => format!("POST {p}"),
    }
}

#[tokio::test]
async fn every_endpoint_in_the_code_has_a_row_and_every_row_an_endpoint() {
    let code = endpoints_in_code();
    assert!(code.len() > 100, "the enumeration found the endpoints ({})", code.len());
    // Only the shape of the table matters here, not the records.
    let table: BTreeSet<String> = cases(&Fx::default()).iter().map(key).collect();
    let missing: Vec<_> = code.difference(&table).collect();
    let stale: Vec<_> = table.difference(&code).collect();
    assert!(missing.is_empty(), "endpoints without a row in the matrix: {missing:#?}");
    assert!(stale.is_empty(), "rows for endpoints the code does not have: {stale:#?}");
}

async fn run_role(role: char) {
    let app = test_app().await;
    let x = fixture(&app).await;
    let email = ROLES.iter().find(|(r, _)| *r == role).and_then(|(_, e)| *e);
    let mut cookie = match email {
        Some(e) => Some(app.session(e).await),
        None => None,
    };
    let mut wrong = vec![];
    for case in cases(&x) {
        let reply = match &case.call {
            Call::Fn(path, args) => {
                let form: Vec<(&str, &str)> = args.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                app.call(path, &form, cookie.as_deref()).await
            }
            Call::Get(_, url) => app.get(url, cookie.as_deref()).await,
            Call::Post(_, url, ct, body) => {
                let mut b = Request::post(url.as_str()).header(header::CONTENT_TYPE, ct.as_str());
                if let Some(c) = &cookie {
                    b = b.header(header::COOKIE, c.as_str());
                }
                app.send(b.body(Body::from(body.clone())).expect("request")).await
            }
        };
        let want = case.allowed.contains(role);
        let to_login = reply.status.is_redirection() && location(&reply).starts_with("/login");
        let got = if to_login {
            Some(false)
        } else if reply.status.is_success() || reply.status.is_redirection() {
            Some(true)
        } else if [StatusCode::UNAUTHORIZED, StatusCode::FORBIDDEN, StatusCode::NOT_FOUND].contains(&reply.status) {
            Some(false)
        } else {
            None
        };
        if got != Some(want) {
            let body: String = reply.body.chars().take(300).collect();
            wrong.push(format!("{role} {}: want {}, got {} {body}", key(&case), if want { "allowed" } else { "refused" }, reply.status));
        }
        if case.relogin {
            if let Some(e) = email {
                cookie = Some(app.session(e).await);
            }
        }
    }
    assert!(wrong.is_empty(), "{} of the matrix disagree:\n{}", wrong.len(), wrong.join("\n"));
}

#[tokio::test]
async fn anonymous() {
    run_role('A').await;
}

#[tokio::test]
async fn member_of_another_forum() {
    run_role('O').await;
}

#[tokio::test]
async fn member() {
    run_role('M').await;
}

#[tokio::test]
async fn coordinator() {
    run_role('C').await;
}

#[tokio::test]
async fn secretariat() {
    run_role('S').await;
}

#[tokio::test]
async fn admin() {
    run_role('X').await;
}
