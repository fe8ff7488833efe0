//! The HTML shell and the one route table.
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

use crate::admin::{audit::AuditPageView, orgs::OrganisationsPage, users::UsersPage};
use crate::auth::pages::{InvitePage, LoginPage, ResetRequestPage, ResetTokenPage};
use crate::actions::pages::{ActionListPage, ActionPage};
use crate::calendar::page::CalendarPage;
use crate::components::layout::Layout;
use crate::components::status::NotFound;
use crate::forums::pages::{ForumPage, StructurePage};
use crate::components::initial_lang;
use crate::home::page::HomePage;
use crate::me::page::MePage;
use crate::meetings::pages::{MeetingPage, ParticipantsPageView};
use crate::search::page::SearchPageView;
use crate::surveys::pages::{SurveyListPage, SurveyPageView, SurveyResultsPage};
use crate::consultations::pages::{ConsultationListPage, ConsultationPageView};
use crate::notifications::pages::UnsubscribePage;
use crate::summaries::pages::{SummaryDiffPage, SummaryPageView};

pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = initial_lang();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                // Here, not in App: only the server knows this build's asset version.
                <link rel="stylesheet" id="leptos" href=format!("/{}/{}.css", options.site_pkg_dir, options.output_name)/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options islands=true/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_context(initial_lang());
    // Pages wait for their data on the server (SsrMode::Async): complete HTML without JavaScript,
    // no inline fragment-swapping scripts, and a correct HTTP status for errors.
    view! {
        <Title formatter=|text: String| if text.is_empty() { "Samverkan".to_string() } else { format!("{text} – Samverkan") }/>
        <Router>
            <Layout>
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/login") view=LoginPage ssr=SsrMode::Async/>
                    <Route path=path!("/reset") view=ResetRequestPage ssr=SsrMode::Async/>
                    <Route path=path!("/reset/:token") view=ResetTokenPage ssr=SsrMode::Async/>
                    <Route path=path!("/invite/:token") view=InvitePage ssr=SsrMode::Async/>
                    <Route path=path!("/me") view=MePage ssr=SsrMode::Async/>
                    <Route path=path!("/forums") view=StructurePage ssr=SsrMode::Async/>
                    <Route path=path!("/forums/:slug") view=ForumPage ssr=SsrMode::Async/>
                    <Route path=path!("/forums/:slug/actions") view=ActionListPage ssr=SsrMode::Async/>
                    <Route path=path!("/forums/:slug/actions/:nr") view=ActionPage ssr=SsrMode::Async/>
                    <Route path=path!("/forums/:slug/surveys") view=SurveyListPage ssr=SsrMode::Async/>
                    <Route path=path!("/surveys/:id") view=SurveyPageView ssr=SsrMode::Async/>
                    <Route path=path!("/surveys/:id/results") view=SurveyResultsPage ssr=SsrMode::Async/>
                    <Route path=path!("/forums/:slug/consultations") view=ConsultationListPage ssr=SsrMode::Async/>
                    <Route path=path!("/consultations/:id") view=ConsultationPageView ssr=SsrMode::Async/>
                    <Route path=path!("/meetings/:id") view=MeetingPage ssr=SsrMode::Async/>
                    <Route path=path!("/meetings/:id/participants") view=ParticipantsPageView ssr=SsrMode::Async/>
                    <Route path=path!("/meetings/:id/summary") view=SummaryPageView ssr=SsrMode::Async/>
                    <Route path=path!("/meetings/:id/summary/diff") view=SummaryDiffPage ssr=SsrMode::Async/>
                    <Route path=path!("/calendar") view=CalendarPage ssr=SsrMode::Async/>
                    <Route path=path!("/search") view=SearchPageView ssr=SsrMode::Async/>
                    <Route path=path!("/admin/users") view=UsersPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/organisations") view=OrganisationsPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/audit") view=AuditPageView ssr=SsrMode::Async/>
                    <Route path=path!("/unsubscribe/:token") view=UnsubscribePage ssr=SsrMode::Async/>
                </Routes>
            </Layout>
        </Router>
    }
}

